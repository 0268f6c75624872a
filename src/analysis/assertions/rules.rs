//! The context rules: each looks at a few words around a cue, inside its sentence.

use std::cell::RefCell;

use super::lexicon::Class;
use super::{Entry, Hit, Lexicon, Rule};
use crate::analysis::text::alnum_at;
use crate::model::{Category, Span};

/// One cue hit and where it sits. The words around it are cut on demand, one at a time:
/// most rules look at one or two words, and cutting all `SIDE` words on each side of
/// every hit was most of the cost of this stage.
pub(super) struct Ctx<'a> {
    pub text: &'a str,
    pub lex: &'a Lexicon,
    pub span: Span,
    after: RefCell<Side<'a>>,
    before: RefCell<Side<'a>>,
}

/// The words cut so far on one side of a cue, nearest first, and where cutting goes on.
struct Side<'a> {
    toks: Toks<'a, SIDE>,
    /// After the cue: the next byte to cut from. Before it: the start of the part cut.
    pos: usize,
    /// The far edge of the window (`WINDOW` bytes, within the sentence).
    edge: usize,
    done: bool,
}

/// How far around a cue the rules look, in bytes (a dozen words or so).
const WINDOW: usize = 64;

/// The hit ends a word: no letter or digit glued to its end. (The joint cue scan only
/// reports hits that start a word.)
pub(super) fn ends_word(text: &str, span: Span) -> bool {
    !alnum_at(text, span.end)
}

/// Tokens of `s`: words (letters, digits, inner apostrophes, hyphens and dots between
/// digits) and single punctuation marks; white space separates. An iterator, so that the
/// rules cut only the few words they look at.
struct Tokens<'a> {
    s: &'a str,
    pos: usize,
}

fn tokens(s: &str) -> Tokens<'_> {
    Tokens { s, pos: 0 }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let s = self.s;
        let b = s.as_bytes();
        // Skip white space.
        while self.pos < b.len() {
            let c = b[self.pos];
            if c.is_ascii_whitespace() {
                self.pos += 1;
            } else if c < 0x80 {
                break;
            } else {
                let ch = s[self.pos..].chars().next()?;
                if !ch.is_whitespace() {
                    break;
                }
                self.pos += ch.len_utf8();
            }
        }
        if self.pos >= b.len() {
            return None;
        }
        let start = self.pos;
        let mut i = alnum_end(b, start);
        // Most words are plain ASCII, ended by white space or by ASCII punctuation that
        // never joins two parts of a word: done without decoding anything.
        if i > start
            && b.get(i)
                .is_none_or(|&c| c < 0x80 && !matches!(c, b'\'' | b'-' | b'.' | b','))
        {
            self.pos = i;
            return Some((start, &s[start..i]));
        }
        while i < b.len() {
            // ASCII letters and digits, most of every word, without decoding.
            if b[i].is_ascii_alphanumeric() {
                i = alnum_end(b, i);
                continue;
            }
            let (c, len) = if b[i] < 0x80 {
                (b[i] as char, 1)
            } else {
                let c = s[i..].chars().next()?;
                (c, c.len_utf8())
            };
            if c.is_alphanumeric() {
                i += len;
                continue;
            }
            // Inner marks: apostrophes and hyphens between word characters, dots and
            // commas between digits. The token so far is contiguous, so the char before
            // the mark is its last one.
            if i > start && matches!(c, '\'' | '’' | '-' | '.' | ',') {
                let prev = s[start..i].chars().next_back();
                let next = s[i + len..].chars().next();
                let joins = if matches!(c, '.' | ',') {
                    prev.is_some_and(|p| p.is_ascii_digit())
                        && next.is_some_and(|n| n.is_ascii_digit())
                } else {
                    next.is_some_and(char::is_alphanumeric)
                };
                if joins {
                    i += len;
                    continue;
                }
            }
            if i == start {
                // A single punctuation mark.
                self.pos = i + len;
                return Some((start, &s[start..i + len]));
            }
            break;
        }
        self.pos = i;
        Some((start, &s[start..i]))
    }
}

/// The end of the run of ASCII letters and digits that starts at `i` in `b` (`i` itself
/// when there is none), eight bytes at a time: every word around every cue is cut, and
/// testing byte by byte was most of the cost of cutting it.
fn alnum_end(b: &[u8], mut i: usize) -> usize {
    while i + 8 <= b.len() {
        let stops = !alnum_bits(word_at(b, i)) & HIGH;
        if stops != 0 {
            return i + stops.trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    while i < b.len() && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    i
}

/// The start of the run of ASCII letters and digits that ends at `i` in `b`, going back no
/// further than `lo`: `alnum_end` backwards, for the words before a cue.
fn alnum_start(b: &[u8], lo: usize, mut i: usize) -> usize {
    while i >= lo + 8 {
        let stops = !alnum_bits(word_at(b, i - 8)) & HIGH;
        if stops != 0 {
            // The last byte is the highest: the run is the bytes above the highest stop.
            return i - stops.leading_zeros() as usize / 8;
        }
        i -= 8;
    }
    while i > lo && b[i - 1].is_ascii_alphanumeric() {
        i -= 1;
    }
    i
}

/// The eight bytes of `b` from `i`, the first one lowest.
fn word_at(b: &[u8], i: usize) -> u64 {
    u64::from_le_bytes(b[i..i + 8].try_into().expect("8 bytes"))
}

const HIGH: u64 = 0x8080_8080_8080_8080;
const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// Byte `k` of the result has its high bit set when the low seven bits of byte `k` of `t`
/// (each at most 0x7f) lie in `lo..=hi`: adding `0x80 - lo` carries into the high bit from
/// `lo` up, adding `0x7f - hi` from past `hi`, and neither carries into the next byte.
fn in_range_bits(t: u64, lo: u8, hi: u8) -> u64 {
    let rep = |b: u8| u64::from(b) * 0x0101_0101_0101_0101;
    (t + rep(0x80 - lo)) & !(t + rep(0x7f - hi))
}

/// The high bit of each byte of `x` that is an ASCII letter or digit (letters tested in
/// lower case: setting bit 5 maps A–Z onto a–z and no other byte into them).
fn alnum_bits(x: u64) -> u64 {
    let letters = in_range_bits((x | 0x2020_2020_2020_2020) & LOW7, b'a', b'z') & !x & HIGH;
    digit_bits(x) | letters
}

/// At most `N` tokens, kept without allocating.
#[derive(Clone, Copy)]
pub(super) struct Toks<'a, const N: usize> {
    buf: [(usize, &'a str); N],
    len: usize,
}

impl<'a, const N: usize> Toks<'a, N> {
    fn new() -> Self {
        Toks {
            buf: [(0, ""); N],
            len: 0,
        }
    }

    fn push(&mut self, tok: (usize, &'a str)) {
        self.buf[self.len] = tok;
        self.len += 1;
    }

    fn is_full(&self) -> bool {
        self.len == N
    }
}

/// White space as [`Tokens`] skips it: no token ever contains or crosses it, so the
/// words of a window can be cut from any white space onwards with the same result.
fn is_space(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_whitespace()
    } else {
        c.is_whitespace()
    }
}

fn char_before(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i - 1];
    if b < 0x80 {
        return (b as char, 1);
    }
    let c = text[..i].chars().next_back().expect("i > 0");
    (c, c.len_utf8())
}

impl<'a, const N: usize> std::ops::Deref for Toks<'a, N> {
    type Target = [(usize, &'a str)];
    fn deref(&self) -> &Self::Target {
        &self.buf[..self.len]
    }
}

/// How many tokens the rules see on each side of a cue.
const SIDE: usize = 12;

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn is_word(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_alphanumeric)
}

fn starts_with_digit(t: &str) -> bool {
    t.chars().next().is_some_and(|c| c.is_ascii_digit())
}

impl<'a> Ctx<'a> {
    /// A context for the hits of `text`, each placed with `reset`: one for all of them,
    /// so that its token buffers are set up once.
    pub fn new(text: &'a str, lex: &'a Lexicon) -> Self {
        let side = || {
            RefCell::new(Side {
                toks: Toks::new(),
                pos: 0,
                edge: 0,
                done: true,
            })
        };
        Ctx {
            text,
            lex,
            span: Span::new(0, 0),
            after: side(),
            before: side(),
        }
    }

    /// Places the context at the cue `span` in the sentence `sent`, forgetting the words
    /// cut around the previous one.
    pub fn reset(&mut self, sent: Span, span: Span) {
        let text = self.text;
        self.span = span;
        let after = self.after.get_mut();
        after.toks.len = 0;
        after.pos = span.end;
        after.edge = ceil_boundary(text, (span.end + WINDOW).min(sent.end));
        after.done = false;
        let before = self.before.get_mut();
        before.toks.len = 0;
        before.pos = span.start;
        before.edge = floor_boundary(text, span.start.saturating_sub(WINDOW).max(sent.start));
        before.done = false;
    }

    /// The `i`-th token after the cue (0 is the next), with its absolute byte offset.
    fn after_tok(&self, i: usize) -> Option<(usize, &'a str)> {
        let mut side = self.after.borrow_mut();
        while side.toks.len <= i && !side.done && !side.toks.is_full() {
            let mut it = Tokens {
                s: &self.text[..side.edge],
                pos: side.pos,
            };
            match it.next() {
                Some(tok) => side.toks.push(tok),
                None => side.done = true,
            }
            side.pos = it.pos;
        }
        side.toks.get(i).copied()
    }

    /// The `i`-th token before the cue (0 is the previous one).
    fn before_tok(&self, i: usize) -> Option<&'a str> {
        let mut side = self.before.borrow_mut();
        while side.toks.len <= i && !side.done && !side.toks.is_full() {
            self.cut_back(&mut side);
        }
        side.toks.get(i).map(|&(_, t)| t)
    }

    /// Cuts the next stretch without white space before the part already cut, and adds
    /// its tokens nearest first.
    fn cut_back(&self, side: &mut Side<'a>) {
        let text = self.text;
        let b = text.as_bytes();
        let mut end = side.pos;
        while end > side.edge {
            let c = b[end - 1];
            if c < 0x80 && !c.is_ascii_whitespace() {
                break;
            }
            let (c, len) = char_before(text, end);
            if !is_space(c) {
                break;
            }
            end -= len;
        }
        // Most stretches are one plain word: that is its only token, without the tokenizer.
        let mut start = end;
        let mut plain = true;
        while start > side.edge {
            if b[start - 1].is_ascii_alphanumeric() {
                start = alnum_start(b, side.edge, start);
                continue;
            }
            let (c, len) = char_before(text, start);
            if is_space(c) {
                break;
            }
            plain = false;
            start -= len;
        }
        side.pos = start;
        side.done = start <= side.edge;
        if plain {
            if start < end {
                side.toks.push((start, &text[start..end]));
            }
            return;
        }
        // A stretch yields few tokens, but punctuation can make many: keep its last ones.
        let mut ring = Toks::<SIDE>::new();
        let mut n = 0;
        for tok in (Tokens {
            s: &text[..end],
            pos: start,
        }) {
            ring.buf[n % SIDE] = tok;
            n += 1;
        }
        for k in 0..n.min(SIDE) {
            if side.toks.is_full() {
                break;
            }
            side.toks.push(ring.buf[(n - 1 - k) % SIDE]);
        }
    }

    /// The `k`-th of the first `WORDS` tokens after the cue, when it is a word. Asked for
    /// in order from 0, it gives the words up to the first token that is not one, cutting
    /// only as far as a rule reads.
    fn word_after(&self, k: usize) -> Option<(usize, &'a str)> {
        const WORDS: usize = 6;
        (k < WORDS)
            .then(|| self.after_tok(k))
            .flatten()
            .filter(|(_, t)| is_word(t))
    }

    /// Tokens after the cue, nearest first.
    fn after(&self) -> impl Iterator<Item = (usize, &'a str)> + '_ {
        (0..).map_while(|i| self.after_tok(i))
    }

    /// Tokens before the cue, nearest first.
    fn before(&self) -> impl Iterator<Item = &'a str> + '_ {
        (0..).map_while(|i| self.before_tok(i))
    }

    fn next(&self) -> Option<&'a str> {
        self.after_tok(0).map(|(_, t)| t)
    }

    fn prev(&self) -> Option<&'a str> {
        self.before_tok(0)
    }

    fn class(&self, class: Class, w: Option<&str>) -> bool {
        w.is_some_and(|w| self.lex.has(class, w))
    }

    fn negated(&self, w: &str) -> bool {
        let b = w.as_bytes();
        let ends = |suffix: &str| {
            b.len() >= suffix.len()
                && b[b.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
        };
        self.lex.has(Class::Negation, w) || ends("n't") || ends("n’t")
    }

    /// A negation among the two words before the cue ("did not claim", "never alleged").
    fn negated_before(&self) -> bool {
        self.before()
            .take(2)
            .take_while(|t| is_word(t))
            .any(|t| self.negated(t))
    }

    /// The cue widened to end at `end`.
    fn to(&self, end: usize) -> Span {
        Span::new(self.span.start, end.max(self.span.end))
    }

    /// The cue widened over the next word of `class` within two words ("one *Chinese analyst*").
    fn widened_to_class(&self, class: Class) -> Option<Span> {
        self.after()
            .take(2)
            .take_while(|(_, t)| is_word(t))
            .find(|(_, t)| self.lex.has(class, t))
            .map(|(i, t)| self.to(i + t.len()))
    }
}

/// "may" of permission rather than possibility: "you may check", a prohibition ("members
/// may not vote", "it may never be left alone" keeps only "may not be"/"may not have"), and
/// the purpose clause ("so that we may serve").
fn deontic_may(c: &Ctx<'_>) -> bool {
    let eq = |t: Option<&str>, s: &str| t.is_some_and(|t| t.eq_ignore_ascii_case(s));
    if eq(c.prev(), "you") {
        return true;
    }
    let t = |i: usize| c.after_tok(i).map(|(_, t)| t);
    if (eq(t(0), "not") || eq(t(0), "never"))
        && !(eq(t(1), "be") || eq(t(1), "have") || eq(t(1), "always") || eq(t(1), "yet"))
    {
        return true;
    }
    // "so that ... may", "in order that ... may", within the clause (eight words).
    let mut nearer: Option<&str> = None;
    c.before().take_while(|t| is_word(t)).take(8).any(|t| {
        let purpose = eq(nearer, "that") && (eq(Some(t), "so") || eq(Some(t), "order"));
        nearer = Some(t);
        purpose
    })
}

/// Applies the entry's rule; `Some((span, weight))` when the cue counts.
pub(super) fn check(c: &Ctx<'_>, e: &Entry) -> Option<(Span, f32)> {
    let w = e.weight;
    let keep = Some((c.span, w));
    let eq = |t: Option<&str>, s: &str| t.is_some_and(|t| t.eq_ignore_ascii_case(s));
    let one_of = |t: Option<&str>, set: &[&str]| {
        t.is_some_and(|t| set.iter().any(|s| t.eq_ignore_ascii_case(s)))
    };
    match e.rule {
        Rule::None => keep,
        Rule::Modal => {
            // "May" with a capital inside a sentence is the month or a name ("Devil May
            // Cry"); at the start it is the month when a number follows ("May 20, 1983").
            let capital = c.span.text(c.text).starts_with('M');
            let prev_word = c.prev().is_some_and(is_word);
            let next_digit = c.next().is_some_and(starts_with_digit);
            if next_digit || capital && prev_word {
                return None;
            }
            if c.class(Class::MonthPrep, c.prev()) && capital {
                return None;
            }
            if deontic_may(c) {
                return None;
            }
            keep
        }
        Rule::Could => {
            // "could not attend" is a past fact; "could not have known" is a hedge.
            let t = |i: usize| c.after_tok(i).map(|(_, t)| t);
            if t(0).is_some_and(|t| c.negated(t)) && !eq(t(1), "have") {
                return None;
            }
            keep
        }
        Rule::CondBoost => {
            if c.next().is_some_and(|t| c.negated(t)) {
                return Some((c.span, w * 0.5));
            }
            keep
        }
        Rule::Conditional => {
            let t = |i: usize| c.after_tok(i).map(|(_, t)| t);
            let p = |i: usize| c.before_tok(i);
            if eq(p(0), "as") || eq(t(0), "only") || eq(t(0), "and") && eq(t(1), "only") {
                return None;
            }
            // Concessive "competent, if tedious," or "a well-developed, if simple, system".
            if eq(p(0), ",") && t(0).is_some_and(is_word) && t(1).is_some_and(|t| t == ",") {
                return None;
            }
            if eq(p(0), "only") && eq(p(1), "and") {
                return None;
            }
            // Elliptical asides: "if any", "if not", "if possible", "if necessary".
            if eq(t(0), "not")
                || one_of(
                    t(0),
                    &[
                        "any",
                        "possible",
                        "necessary",
                        "applicable",
                        "needed",
                        "ever",
                    ],
                ) && !t(1).is_some_and(is_word)
            {
                return None;
            }
            keep
        }
        Rule::Whether => {
            let p = |i: usize| c.before_tok(i);
            if eq(p(0), "of") && one_of(p(1), &["regardless", "irrespective"])
                || eq(p(0), "matter") && eq(p(1), "no")
            {
                return None;
            }
            keep
        }
        Rule::Possible => {
            // "it is possible that", or a candidate ("a possible cause"); not what can be
            // done ("access is possible", "the highest possible score").
            let p = c.prev();
            (eq(c.next(), "that") || one_of(p, &["a", "an", "another"])).then_some((c.span, w))
        }
        Rule::Supposed => (!eq(c.next(), "to")).then_some((c.span, w)),
        Rule::ToThat => one_of(c.next(), &["to", "that"]).then_some((c.span, w)),
        Rule::Complement => c
            .class(Class::Complementizer, c.next())
            .then_some((c.span, w)),
        Rule::Considered => {
            // Deliberation, not opinion: "considered for the post", "considered calling",
            // "the proposal was considered."
            let next = c.next();
            if next.is_none_or(|t| !is_word(t))
                || next.is_some_and(|t| t.len() > 4 && t.to_ascii_lowercase().ends_with("ing"))
                || one_of(
                    next,
                    &[
                        "for",
                        "in",
                        "on",
                        "at",
                        "with",
                        "whether",
                        "how",
                        "what",
                        "when",
                        "but",
                        "and",
                        "from",
                        "separately",
                    ],
                )
            {
                return None;
            }
            keep
        }
        Rule::Believe => (!eq(c.next(), "in")).then_some((c.span, w)),
        Rule::Consider => {
            let p = c.prev();
            let subject = one_of(
                p,
                &[
                    "they",
                    "many",
                    "some",
                    "most",
                    "others",
                    "who",
                    "critics",
                    "scholars",
                    "experts",
                    "historians",
                    "people",
                    "analysts",
                    "observers",
                    "often",
                    "generally",
                    "also",
                ],
            );
            let reflexive = one_of(
                c.next(),
                &["that", "themselves", "himself", "herself", "itself"],
            );
            (subject || reflexive).then_some((c.span, w))
        }
        Rule::OneOf => c.widened_to_class(Class::AnonPeople).map(|s| (s, w)),
        Rule::Thought => {
            let p = c.prev();
            if one_of(
                c.next(),
                &[
                    "to", "that", "by", "of", "as", "he", "she", "it", "they", "we", "there",
                ],
            ) || c.class(Class::Be, p)
                || p.is_some_and(|p| p.len() > 3 && p.to_ascii_lowercase().ends_with("ly"))
                || one_of(
                    p,
                    &[
                        "he", "she", "they", "i", "we", "who", "also", "some", "many", "people",
                    ],
                )
            {
                return keep;
            }
            None
        }
        Rule::AsTo => {
            let p = c.prev();
            if one_of(p, &["with", "in"]) {
                return None; // "with regard to", "in view of"
            }
            if c.class(Class::Determiner, p) {
                // The noun: "the view that" is a belief, "the view of the lake" is not.
                return eq(c.next(), "that").then_some((c.span, w));
            }
            one_of(c.next(), &["as", "to", "by", "that"]).then_some((c.span, w))
        }
        Rule::Claim => {
            if c.negated_before() || c.class(Class::Determiner, c.prev()) && !eq(c.next(), "that") {
                return None;
            }
            let next = c.next();
            let clause = next.is_none_or(|t| !is_word(t) && !matches!(t, "“" | "\"" | "‘"))
                || one_of(
                    next,
                    &["that", "to", "he", "she", "it", "they", "we", "i", "there"],
                );
            clause.then_some((c.span, w))
        }
        Rule::SpeechAct => {
            if c.negated_before() || eq(c.prev(), "the") && !eq(c.next(), "of") {
                return None;
            }
            keep
        }
        Rule::NotDenied => {
            let denied = c
                .before()
                .take(4)
                .take_while(|t| is_word(t))
                .any(|t| c.lex.has(Class::Denial, t));
            (!denied).then_some((c.span, w))
        }
        Rule::PeopleNext => c.widened_to_class(Class::People).map(|s| (s, w)),
        Rule::ASource => {
            let next = c.next();
            if one_of(next, &["of", "for", "code", "text", "file", "language"]) {
                return None;
            }
            keep
        }
        Rule::SpeechNear => {
            let found = c
                .after()
                .take(3)
                .take_while(|(_, t)| is_word(t))
                .any(|(_, t)| c.lex.has(Class::Speech, t));
            let according = eq(c.before_tok(1), "according") && eq(c.before_tok(0), "to");
            (found || according).then_some((c.span, w))
        }
        Rule::Quantifier => {
            if c.next().is_none_or(starts_with_digit) {
                return None; // "some 200 people"
            }
            let according = eq(c.before_tok(0), "to") && eq(c.before_tok(1), "according");
            let first = c.word_after(0).map(|(_, t)| t);
            for (k, (i, t)) in (0..3).map_while(|k| c.word_after(k)).enumerate() {
                if c.lex.has(Class::Speech, t) && k <= 1 {
                    // "many believe", "many to believe", "some say": the vague subject is
                    // the cue; the verb is a cue of its own.
                    if k == 0 || one_of(first, &["to", "have", "had", "would"]) {
                        return keep;
                    }
                }
                if c.lex.has(Class::People, t) {
                    let end = i + t.len();
                    let speech_follows = (k + 1..)
                        .map_while(|k| c.word_after(k))
                        .take(3)
                        .any(|(_, t)| c.lex.has(Class::Speech, t));
                    if according || speech_follows || c.lex.has(Class::OpinionPeople, t) {
                        return Some((c.to(end), w));
                    }
                    return None;
                }
            }
            None
        }
        Rule::That => eq(c.next(), "that").then_some((c.span, w)),
        Rule::SameAnon => {
            // "the same analyst": widened over the person noun; `find` keeps it only after
            // an anonymous source earlier in the text.
            c.after()
                .take(2)
                .take_while(|(_, t)| is_word(t))
                .find(|(_, t)| c.lex.has(Class::AnonPeople, t))
                .map(|(i, t)| (c.to(i + t.len()), w))
        }
        Rule::AccordingTo => {
            let first = c.word_after(0)?;
            if !c.lex.has(Class::VagueDet, first.1) {
                return None;
            }
            let end = (0..)
                .map_while(|k| c.word_after(k))
                .find(|(_, t)| c.lex.has(Class::People, t))
                .unwrap_or(first);
            Some((c.to(end.0 + end.1.len()), w))
        }
    }
}

/// The first ASCII digit of `b` at or after `from`. Every sentence is searched and digits
/// are rare, so sixteen bytes are tested at once, in two words of eight.
fn next_digit(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i + 16 <= b.len() {
        let (lo, hi) = (digit_bits(word_at(b, i)), digit_bits(word_at(b, i + 8)));
        if lo | hi != 0 {
            let at = if lo != 0 {
                lo.trailing_zeros()
            } else {
                64 + hi.trailing_zeros()
            };
            return Some(i + at as usize / 8);
        }
        i += 16;
    }
    if i + 8 <= b.len() {
        let d = digit_bits(word_at(b, i));
        if d != 0 {
            return Some(i + d.trailing_zeros() as usize / 8);
        }
        i += 8;
    }
    b[i..].iter().position(u8::is_ascii_digit).map(|k| i + k)
}

/// The high bit of each byte of `x` that is an ASCII digit (non-ASCII bytes, with their
/// high bit set, never are).
fn digit_bits(x: u64) -> u64 {
    in_range_bits(x & LOW7, b'0', b'9') & !x & HIGH
}

/// A figure (a number with a unit: "40 percent", "3 million", "200 people") in a sentence
/// that names no source for anything ("said", "according to", "survey", ...).
pub(super) fn unsourced_figure(text: &str, sent: Span, lex: &Lexicon) -> Option<Hit> {
    let s = sent.text(text);
    let b = s.as_bytes();
    let mut i = 0;
    let mut found = None;
    while let Some(d) = next_digit(b, i) {
        i = d;
        if i > 0 && b[i - 1].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        // The number: digits with inner separators ("1,200", "3.5").
        let start = i;
        while i < b.len()
            && (b[i].is_ascii_digit()
                || matches!(b[i], b',' | b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            i += 1;
        }
        if b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue; // "3rd", "10km" is a measure, not a count
        }
        // The unit: the next one or two tokens.
        let after = floor_boundary(s, (i + 24).min(s.len()));
        let mut it = tokens(&s[i..after]);
        let (t0, t1) = (it.next(), it.next());
        let end = match (t0, t1) {
            (Some((_, u)), _) if lex.has(Class::FigureUnit, u) => t0,
            (Some((_, u)), Some((_, v)))
                if u.eq_ignore_ascii_case("per") && v.eq_ignore_ascii_case("cent") =>
            {
                t1
            }
            _ => None,
        };
        if let Some((j, u)) = end {
            found = Some(Span::new(sent.start + start, sent.start + i + j + u.len()));
            break;
        }
    }
    let span = found?;
    if tokens(s).any(|(_, t)| is_word(t) && lex.has(Class::Attribution, t)) {
        return None;
    }
    Some(Hit {
        span,
        category: Category::UnsourcedFigure,
        weight: lex.figure_weight(),
        rule: Rule::None,
    })
}

#[cfg(test)]
mod tests {
    use super::{alnum_end, alnum_start, next_digit};

    #[test]
    fn alnum_runs_agree_with_a_byte_walk() {
        let naive_end = |b: &[u8], i: usize| {
            i + b[i..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric())
                .count()
        };
        let naive_start = |b: &[u8], lo: usize, i: usize| {
            i - b[lo..i]
                .iter()
                .rev()
                .take_while(|c| c.is_ascii_alphanumeric())
                .count()
        };
        // Every byte value, at every position of a run longer than a block, both ways.
        for v in 0..=255u8 {
            for len in 0..20 {
                for at in 0..len {
                    let mut b = vec![b'a'; len];
                    b[at] = v;
                    for i in 0..=len {
                        assert_eq!(alnum_end(&b, i), naive_end(&b, i), "{v:#x} {at} {len} {i}");
                        for lo in 0..=i {
                            assert_eq!(
                                alnum_start(&b, lo, i),
                                naive_start(&b, lo, i),
                                "{v:#x} {at} {len} {lo} {i}"
                            );
                        }
                    }
                }
            }
        }
        let text = "Zz09 aZ9 `@[{/:` Straße 12,5 Ünï AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA9 x";
        let b = text.as_bytes();
        for i in 0..=b.len() {
            assert_eq!(alnum_end(b, i), naive_end(b, i), "{i}");
            for lo in 0..=i {
                assert_eq!(alnum_start(b, lo, i), naive_start(b, lo, i), "{lo} {i}");
            }
        }
    }

    #[test]
    fn next_digit_agrees_with_a_byte_search() {
        let text = "No 9s here: “Ünïcödé” ÿ\u{7f}/:;@ 0 then 12,500 and ٣ 7and9";
        let b = text.as_bytes();
        for from in 0..=b.len() {
            let naive = b[from..]
                .iter()
                .position(u8::is_ascii_digit)
                .map(|k| from + k);
            assert_eq!(next_digit(b, from), naive, "from {from}");
        }
        // Every byte value, at every position of an 8-byte block.
        for v in 0..=255u8 {
            for at in 0..8 {
                let mut block = [b'x'; 9];
                block[at] = v;
                let expect = v.is_ascii_digit().then_some(at);
                assert_eq!(next_digit(&block, 0), expect, "byte {v:#x} at {at}");
            }
        }
    }
}
