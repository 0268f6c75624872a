//! Reading the words around a quotation: tokens, sentence ends, and the speaker phrase
//! on either side of a speech verb.
//!
//! The speaker of a verb of saying is its subject, found by reading leftwards from the verb
//! past adverbs and auxiliaries ("he also said", "Smith has repeatedly said"), past a
//! parenthetical or an appositive set off by commas ("Han, citing an unnamed source, alleged";
//! "Nicholas Eftimiades, a former official, said"), to a pronoun, a proper name (with its
//! titles) or a described noun phrase back to its determiner ("one Chinese analyst").
//! When nothing stands before the verb (subject–verb inversion: `"…," said Smith`) or the
//! cue is prepositional ("according to"), the speaker is read rightwards instead.

use std::rc::Rc;

use super::Lexicon;
use super::classes::Class;
use super::speakers::Agreement;
use crate::analysis::text::word_at_end;
use crate::model::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tok {
    pub span: Span,
    pub word: bool,
    /// Nothing but ASCII and caseless punctuation, so that lower-casing its ASCII
    /// letters lower-cases it all: [`low`] finds it in the lower-cased document.
    plain: bool,
}

/// Words and single punctuation characters of `text[lo..hi]`. A word keeps inner
/// apostrophes, hyphens and dots ("Dong’s", "Sino-German", "U.S") and the full stop of an
/// abbreviation or initial ("Dr.", "J.").
pub fn tokenize(text: &str, lo: usize, hi: usize, lex: &Lexicon, out: &mut Vec<Tok>) {
    out.clear();
    scan(text, lo, hi, lex, |t| {
        out.push(t);
        true
    });
}

/// The character at byte `i` of `s` (a char boundary) and its length. Nearly all text
/// is ASCII, so a byte below 0x80 is taken as is instead of decoding UTF-8.
#[inline]
fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        (b as char, 1)
    } else {
        let c = s[i..].chars().next().unwrap_or('\0');
        (c, c.len_utf8())
    }
}

/// `u8::is_ascii_alphanumeric` as a table: one load per byte of the words' letters.
static ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// `char::is_whitespace` of each ASCII byte (false for the bytes of other characters).
static ASCII_SPACE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8 as char).is_whitespace();
        b += 1;
    }
    t
};

/// General Punctuation (U+2000–U+206F: the curly apostrophe of "Dong’s", dashes), which
/// has no case: lower-casing leaves it as it is.
fn general_punctuation(c: char) -> bool {
    ('\u{2000}'..='\u{206f}').contains(&c)
}

/// `char::is_alphanumeric`, answered without the Unicode tables for ASCII and for the
/// General Punctuation block (U+2000–U+206F: curly quotes, dashes, ellipsis), which holds
/// no letter or digit but stands next to most words of typeset news text.
#[inline]
fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if general_punctuation(c) {
        false
    } else {
        c.is_alphanumeric()
    }
}

/// The tokens of `text[lo..hi]`, in order, handed to `emit` until it returns false:
/// [`tokenize`] collects them, [`Reader::word_count`] only counts the words, up to its cap,
/// without storing anything.
#[inline]
fn scan(text: &str, lo: usize, hi: usize, lex: &Lexicon, mut emit: impl FnMut(Tok) -> bool) {
    // An empty or reversed window has no tokens (a rule reading past its own bound must not
    // take the whole analysis down).
    let Some(s) = text.get(lo..hi) else {
        debug_assert!(lo >= hi, "window {lo}..{hi} not on character boundaries");
        return;
    };
    let n = s.len();
    let mut i = 0;
    while i < n {
        if ASCII_SPACE[usize::from(s.as_bytes()[i])] {
            i += 1;
            continue;
        }
        let (c, len) = char_at(s, i);
        // (ASCII white space was skipped above.)
        if !c.is_ascii() && c.is_whitespace() {
            i += len;
            continue;
        }
        let alnum = if c.is_ascii() {
            ASCII_ALNUM[usize::from(s.as_bytes()[i])]
        } else {
            is_alnum(c)
        };
        if !alnum {
            // A dash typed as two hyphens ("McCain -- who lost -- said") is one token.
            let len = if s[i..].starts_with("--") { 2 } else { len };
            if !emit(Tok {
                span: Span::new(lo + i, lo + i + len),
                word: false,
                plain: c.is_ascii() || general_punctuation(c),
            }) {
                return;
            }
            i += len;
            continue;
        }
        let b = s.as_bytes();
        let mut end = i + len;
        let mut plain = c.is_ascii();
        loop {
            // Runs of ASCII letters and digits, most of every word, a byte at a time.
            end += b[end..]
                .iter()
                .take_while(|&&x| ASCII_ALNUM[usize::from(x)])
                .count();
            if end >= n || b[end] < 0x80 && !matches!(b[end], b'\'' | b'-' | b'.') {
                // (Any other ASCII character after the letters ends the word.)
                break;
            }
            let (d, m) = char_at(s, end);
            let inner = matches!(d, '’' | '\'' | '-' | '.')
                && end + m < n
                && is_alnum(char_at(s, end + m).0);
            if is_alnum(d) || inner {
                plain &= d.is_ascii() || general_punctuation(d);
                end += m;
            } else {
                break;
            }
        }
        // The full stop of an abbreviation or an initial belongs to the word.
        if end < n && b[end] == b'.' {
            let w = &s[i..end];
            if w.chars().count() == 1 && c.is_uppercase() || w.contains('.') || lex.is_abbrev(w) {
                end += 1;
            }
        }
        if !emit(Tok {
            span: Span::new(lo + i, lo + end),
            word: true,
            plain,
        }) {
            return;
        }
        i = end;
    }
}

/// Byte offset just after the last sentence end in `text[lo..hi]` (after its stop and any
/// closing marks), or `lo`.
pub fn last_sentence_start(text: &str, lo: usize, hi: usize) -> usize {
    let s = &text[lo..hi];
    let b = s.as_bytes();
    let mut end = b.len();
    while let Some(i) = memchr::memrchr3(b'.', b'!', b'?', &b[..end]) {
        if ends_sentence(s, i) {
            // The closing marks after the stop belong to the sentence it ends.
            return lo + i + 1 + (s.len() - i - 1) - s[i + 1..].trim_start_matches(CLOSING).len();
        }
        end = i;
    }
    lo
}

/// The byte offset of the stop ending the sentence that ends at `sent` (a value of
/// [`last_sentence_start`] past its `lo`).
pub fn stop_before(text: &str, sent: usize) -> usize {
    text[..sent]
        .trim_end_matches(CLOSING)
        .len()
        .saturating_sub(1)
}

/// Marks that may close a sentence after its stop.
pub const CLOSING: [char; 5] = ['"', '”', '’', '\'', ')'];

/// Byte offset of the first sentence end in `text[lo..hi]` (just after the stop), or `hi`.
pub fn first_sentence_end(text: &str, lo: usize, hi: usize) -> usize {
    let s = &text[lo..hi];
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(k) = memchr::memchr3(b'.', b'!', b'?', &b[from..]) {
        let i = from + k;
        if ends_sentence(s, i) {
            return lo + i + 1;
        }
        from = i + 1;
    }
    hi
}

/// Whether the stop at byte `i` of `s` ends a sentence: followed by white space (or the end),
/// and for a full stop not closing an initial or a short abbreviation.
fn ends_sentence(s: &str, i: usize) -> bool {
    let after = s[i + 1..].chars().next();
    if after.is_some_and(|c| !c.is_whitespace()) {
        // `… at the U.N. Security Council." ¶ Ban Ki-moon condemned …`: a stop inside closing
        // marks at the end of a paragraph ends the sentence (inside a paragraph the marks may
        // go on: `"We won." Then …` is left to the quotation rules).
        return after.is_some_and(|c| CLOSING.contains(&c))
            && s[i + 1..].trim_start_matches(CLOSING).starts_with('\n');
    }
    if s.as_bytes()[i] != b'.' {
        return true;
    }
    let word = word_at_end(&s[..i], &['(']);
    // Most words before a stop are plain words of six letters or more, which no rule below
    // can take for an initial or an abbreviation.
    if word.len() >= 6 && word.bytes().all(|b| b.is_ascii() && b != b'.') {
        return true;
    }
    let n = word.chars().count();
    let initial = n == 1 && word.chars().all(char::is_uppercase);
    let short_abbrev = (2..=4).contains(&n)
        && word.chars().next().is_some_and(char::is_uppercase)
        && matches!(
            word,
            "Mr" | "Mrs"
                | "Ms"
                | "Del"
                | "Atty"
                | "Sens"
                | "Reps"
                | "Dr"
                | "Sen"
                | "Rep"
                | "Gov"
                | "Gen"
                | "Lt"
                | "Col"
                | "Sgt"
                | "Jr"
                | "Sr"
                | "St"
                | "Prof"
                | "Rev"
                | "Capt"
                | "Adm"
                | "Maj"
                | "Cmdr"
                | "Hon"
        );
    // "the Sept. 11 attacks", "No. 2": an abbreviation before a number.
    if (2..=5).contains(&n)
        && s[i + 1..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit())
        && crate::analysis::text::is_listed_abbreviation(word)
    {
        return false;
    }
    if word.contains('.') && !initial && !short_abbrev {
        // "in the U.S. He said": a dotted abbreviation also ends a sentence when a
        // capitalised pronoun or article opens the next one.
        let next = s[i + 1..].split_whitespace().next().unwrap_or("");
        return matches!(
            next,
            "He" | "She" | "It" | "They" | "We" | "I" | "The" | "This" | "But"
        );
    }
    !(initial || short_abbrev)
}

/// Whether byte `pos` opens a sentence: only white space, an opening quotation mark or a
/// bracket stands between it and a sentence stop, a line break or the start of the text.
pub(super) fn sentence_initial(text: &str, pos: usize) -> bool {
    text[..pos]
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '‘' | '(' | '['))
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | '\n' | ':' | '”'))
}

/// Whether `word` stands capitalised somewhere in `text` where no sentence starts, so that
/// its capital marks a name.
fn capitalised_mid_sentence(text: &str, word: &str) -> bool {
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    // (A SIMD search: `str::match_indices` compares byte by byte.)
    memchr::memmem::find_iter(text.as_bytes(), word.as_bytes()).any(|i| {
        boundary(text[..i].chars().next_back())
            && boundary(text[i + word.len()..].chars().next())
            && !sentence_initial(text, i)
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NpKind {
    Name,
    Pronoun(Agreement),
    Described,
}

/// A speaker phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Np {
    /// The whole mention, titles included ("Dr. Han Lianchao", "one Chinese analyst").
    pub span: Span,
    /// For names: the name without titles ("Han Lianchao").
    pub name: Span,
    /// For names: the titles before it ("Dr.", "Secretary of State").
    pub title: Option<Span>,
    pub kind: NpKind,
    pub organisation: bool,
}

impl Np {
    /// A pronoun mention, `span` both the mention and its name.
    fn pronoun(span: Span, agr: Agreement) -> Self {
        Np {
            span,
            name: span,
            title: None,
            kind: NpKind::Pronoun(agr),
            organisation: false,
        }
    }

    /// A described speaker ("one Chinese analyst", "the aides"), `span` both the mention
    /// and its name.
    pub(super) fn described(span: Span) -> Self {
        Np {
            span,
            name: span,
            title: None,
            kind: NpKind::Described,
            organisation: false,
        }
    }
}

fn is_cap(text: &str, t: Tok) -> bool {
    t.word
        && t.span
            .text(text)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}

/// "1st", "2nd", "23rd", "4th".
fn ordinal(w: &str) -> bool {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && matches!(&w[digits..], "st" | "nd" | "rd" | "th")
}

/// A plural noun by its regular ending ("officials", "voters"; not "boss", "census",
/// "analysis").
fn plural(w: &str) -> bool {
    w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
}

/// A past participle by its form: regular ("released", "obtained"), or strong in -en or
/// -wn ("written", "known", "shown").
fn participle(w: &str) -> bool {
    w.len() > 3 && (w.ends_with("ed") || w.ends_with("en") || w.ends_with("wn"))
}

fn is_comma_like(text: &str, t: Tok) -> bool {
    !t.word && matches!(t.span.text(text), "," | "—" | "–" | "(" | ")" | "-" | "--")
}

/// Where [`low`] finds tokens in lower case: the document lower-cased once (two thirds
/// of the words looked up are capitalised, and each was copied and lowered per look-up),
/// or a scratch string for a word that lower-casing by ASCII does not cover. It derefs
/// to the scratch string, for lower-casing other text.
struct Lowered {
    /// The reader's text with its ASCII letters in lower case, every byte where it was,
    /// shared by all the reader's `Lowered`.
    doc: Rc<String>,
    scratch: String,
}

impl Lowered {
    fn new(text: &str) -> Self {
        Self {
            doc: Rc::new(text.to_ascii_lowercase()),
            scratch: String::new(),
        }
    }

    /// `w` lower-cased into the scratch string.
    #[cold]
    fn lower_into_scratch(&mut self, w: &str) -> &str {
        let buf = &mut self.scratch;
        buf.clear();
        if w.is_ascii() {
            buf.push_str(w);
            buf.make_ascii_lowercase();
        } else {
            for c in w.chars() {
                buf.extend(c.to_lowercase());
            }
        }
        buf.as_str()
    }

    /// Another scratch string over the same lower-cased document.
    fn sharing(&self) -> Self {
        Self {
            doc: Rc::clone(&self.doc),
            scratch: String::new(),
        }
    }
}

impl std::ops::Deref for Lowered {
    type Target = String;

    fn deref(&self) -> &String {
        &self.scratch
    }
}

impl std::ops::DerefMut for Lowered {
    fn deref_mut(&mut self) -> &mut String {
        &mut self.scratch
    }
}

/// A token in lower case: as the lower-cased document has it, or for a token with other
/// characters, lower-cased into the scratch string.
#[inline]
fn low<'b>(text: &'b str, t: Tok, lowered: &'b mut Lowered) -> &'b str {
    if t.plain && t.span.end <= lowered.doc.len() {
        t.span.text(&lowered.doc)
    } else {
        lowered.lower_into_scratch(t.span.text(text))
    }
}

/// A list of tokens and the window of the text it holds the tokens of: the rules for one
/// quotation read the same window several times (the subject of a clause, whether a verb
/// is coordinated, the phrase before it), and a window read just before is not tokenised
/// again.
#[derive(Default)]
struct Tokens {
    list: Vec<Tok>,
    window: Option<(usize, usize)>,
}

impl std::ops::Deref for Tokens {
    type Target = [Tok];
    fn deref(&self) -> &[Tok] {
        &self.list
    }
}

pub struct Reader<'a> {
    pub text: &'a str,
    pub lex: &'a Lexicon,
    /// Taken out by [`Reader::tokens`] and put back by each reading when it is done.
    toks: Tokens,
    buf: Lowered,
    /// The lower-cased last word in [`Reader::np_ending`], kept apart from `buf` (which the
    /// reading reuses meanwhile) so that no string is allocated per call.
    word: Lowered,
    /// [`capitalised_mid_sentence`] per word.
    mid_caps: crate::analysis::WordMap<&'a str, bool>,
    /// The words tried as a title in [`Reader::name_np`], reused across calls.
    title_phrase: String,
    /// The latest readings of a window, a ring overwritten at `memo_next`: the rules for
    /// one quotation read the same window several times (on the benchmark text a fifth
    /// of the calls of [`Reader::left`] repeat one of the last few).
    memo: [(Reading, usize, usize, Option<Np>); MEMO],
    memo_next: usize,
}

/// How many readings [`Reader`] remembers.
const MEMO: usize = 8;

/// The readings of a window that [`Reader`] remembers.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// A slot of the ring not filled yet (no reading asks for it).
    Empty,
    Left,
    Right,
    ClauseSubject,
}

impl<'a> Reader<'a> {
    pub fn new(text: &'a str, lex: &'a Lexicon) -> Self {
        let buf = Lowered::new(text);
        let word = buf.sharing();
        Self {
            text,
            lex,
            // Room for a long sentence's tokens, not regrown from nothing in each article.
            toks: Tokens {
                list: Vec::with_capacity(128),
                window: None,
            },
            buf,
            word,
            mid_caps: Default::default(),
            title_phrase: String::new(),
            memo: [(Reading::Empty, 0, 0, None); MEMO],
            memo_next: 0,
        }
    }

    /// The tokens of `text[lo..hi]`, taken out of the reader (a reading puts them back in
    /// `toks` when it is done).
    fn tokens(&mut self, lo: usize, hi: usize) -> Tokens {
        let mut toks = std::mem::take(&mut self.toks);
        if toks.window != Some((lo, hi)) {
            tokenize(self.text, lo, hi, self.lex, &mut toks.list);
            toks.window = Some((lo, hi));
        }
        toks
    }

    /// `read(self, lo, hi)`, or what it returned last time, if that was lately. Each
    /// reading is a function of the text and the window alone.
    fn remembered(
        &mut self,
        what: Reading,
        lo: usize,
        hi: usize,
        read: impl FnOnce(&mut Self, usize, usize) -> Option<Np>,
    ) -> Option<Np> {
        if let Some(&(_, _, _, np)) = self
            .memo
            .iter()
            .find(|&&(w, l, h, _)| w == what && l == lo && h == hi)
        {
            return np;
        }
        let np = read(self, lo, hi);
        self.memo[self.memo_next] = (what, lo, hi, np);
        self.memo_next = (self.memo_next + 1) % MEMO;
        np
    }

    /// Whether a name may be the antecedent of "he" or "she": not a lone capitalised word
    /// opening a sentence that the article never capitalises elsewhere ("Corporations
    /// are part of communities, she said").
    pub fn may_be_person(&mut self, np: &Np) -> bool {
        let word = np.name.text(self.text);
        // "Christie's been making the case": the name before the contraction.
        let bare = word.find(['\'', '’']).unwrap_or(word.len());
        np.title.is_some()
            || word.contains([' ', '.'])
            || !sentence_initial(self.text, np.name.start)
            || self.named_elsewhere(Span::new(np.name.start, np.name.start + bare))
    }

    /// Whether the word at `at` is capitalised anywhere no sentence starts; each word
    /// scans the text once.
    pub(super) fn named_elsewhere(&mut self, at: Span) -> bool {
        let text = self.text;
        let word = at.text(text);
        *self
            .mid_caps
            .entry(word)
            .or_insert_with(|| capitalised_mid_sentence(text, word))
    }

    /// Number of words in `text[lo..hi]`, counted up to `cap`: the callers only compare
    /// it with a small bound, and a quotation may run on for pages.
    pub fn word_count(&mut self, lo: usize, hi: usize, cap: usize) -> usize {
        let mut n = 0;
        scan(self.text, lo, hi, self.lex, |t| {
            n += usize::from(t.word);
            n < cap
        });
        n
    }

    /// Whether `text[lo..hi]` has at least `n` words (counted no further).
    pub fn has_words(&mut self, lo: usize, hi: usize, n: usize) -> bool {
        self.word_count(lo, hi, n) >= n
    }

    fn skippable(&mut self, t: Tok) -> bool {
        if !t.word {
            return false;
        }
        let cap = is_cap(self.text, t);
        let w = low(self.text, t, &mut self.buf);
        let class = self.lex.class_of(w);
        class.any(Class::TIME)
            || (!cap && (class.any(Class::SKIP) || (w.len() > 4 && w.ends_with("ly"))))
    }

    /// `toks` end with verbs whose complement the cue is ("Trump was prompted to", "Lee was
    /// quoted as", "she wanted to"): where they start, so that their subject is the speaker.
    fn verb_chain_start(&mut self, toks: &[Tok]) -> Option<usize> {
        let text = self.text;
        let (&last, rest) = toks.split_last()?;
        if !last.word
            || !self
                .lex
                .complementiser
                .contains(low(text, last, &mut self.buf))
        {
            return None;
        }
        let mut i = rest.len();
        let mut verbs = 0;
        while i > 0 && rest[i - 1].word && !is_cap(text, rest[i - 1]) {
            let w = low(text, rest[i - 1], &mut self.buf);
            if participle(w) || self.lex.catenative.contains(w) {
                verbs += 1;
            } else if !self.lex.skip.contains(w) {
                break;
            }
            i -= 1;
        }
        (verbs > 0 && i > 0 && rest[i - 1].word).then_some(i)
    }

    /// The subject of a verb that starts at `hi`, read leftwards but not before `lo`.
    pub fn left(&mut self, lo: usize, hi: usize) -> Option<Np> {
        self.remembered(Reading::Left, lo, hi, Self::read_left)
    }

    fn read_left(&mut self, lo: usize, hi: usize) -> Option<Np> {
        let toks = self.tokens(lo, hi);
        let mut r = self.left_in(&toks);
        if let Some(np) = r
            && self.noun_after_preposition(&toks, np, hi)
        {
            r = None;
        }
        self.toks = toks;
        r
    }

    /// "32% of Republican claims as …": a word that is a speech verb or a plural noun
    /// ("claims", "calls", "remarks") is the noun when the phrase before it is the object
    /// of a preposition, for such an object is never a clause subject. ("A letter signed
    /// by members calls for": after "by" the phrase may end a reduced relative clause.)
    fn noun_after_preposition(&mut self, toks: &[Tok], np: Np, hi: usize) -> bool {
        let text = self.text;
        let cue_end = text[hi..]
            .find(|c: char| !c.is_alphanumeric())
            .map_or(text.len(), |n| hi + n);
        self.buf.clear();
        self.buf.push_str(&text[hi..cue_end]);
        self.buf.make_ascii_lowercase();
        if !self.lex.noun_cues.contains(self.buf.as_str()) {
            return false;
        }
        let at = toks.partition_point(|t| t.span.start < np.span.start);
        at > 0
            && toks[at - 1].word
            && self
                .lex
                .postmodifier
                .contains(low(text, toks[at - 1], &mut self.buf))
    }

    fn left_in(&mut self, toks: &[Tok]) -> Option<Np> {
        let mut end = toks.len();
        let mut time = false;
        // Where the time word read last stood ("released Saturday").
        let mut time_at = None;
        while end > 0 {
            let t = toks[end - 1];
            if self.skippable(t) {
                time = t.word && self.lex.time.contains(low(self.text, t, &mut self.buf));
                if time {
                    time_at = Some(end - 1);
                }
                end -= 1;
            } else if !t.word
                && matches!(t.span.text(self.text), "”" | "’" | "'" | "\"")
                && toks[..end - 1]
                    .iter()
                    .rev()
                    .find(|p| p.span.text(self.text) != t.span.text(self.text))
                    .is_some_and(|p| is_comma_like(self.text, *p))
            {
                // `Amar, author of "America's Unwritten Constitution," put it`: the comma
                // inside a closing quotation mark closes the aside.
                end -= 1;
            } else if time && t.word && matches!(low(self.text, t, &mut self.buf), "the" | "recent")
            {
                // "who has in the past described": keep reading back to the preposition.
                end -= 1;
            } else if time
                && t.word
                && matches!(
                    low(self.text, t, &mut self.buf),
                    "on" | "in" | "at" | "late" | "early"
                )
            {
                // "Obama on Friday declared".
                time = false;
                end -= 1;
            } else {
                break;
            }
        }
        if end == 0 {
            return None;
        }
        if let Some(e) = self.verb_chain_start(&toks[..end]) {
            end = e;
        }
        if time_at == Some(end)
            && end > 1
            && toks[end - 2].word
            && toks[end - 1].word
            && !is_cap(self.text, toks[end - 1])
            && participle(low(self.text, toks[end - 1], &mut self.buf))
        {
            // "A poll released Saturday found": a participle with its time after the noun
            // is a reduced relative clause, not part of the speaker's name.
            end -= 1;
        }
        let t = toks[end - 1];
        if t.word && matches!(low(self.text, t, &mut self.buf), "who" | "which" | "that") {
            // "Obama, who called it …": the relative pronoun is the mention, its
            // antecedent the speaker.
            let mut e = end - 1;
            if e > 0 && is_comma_like(self.text, toks[e - 1]) {
                e -= 1;
            }
            let ante = self.np_ending(&toks[..e])?;
            if ante.kind == NpKind::Pronoun(Agreement::Thing)
                || (low(self.text, t, &mut self.buf) == "that" && ante.kind == NpKind::Described)
            {
                // "it that …", "the claim that …": a complement clause, no relative.
                return None;
            }
            return Some(Np {
                span: t.span,
                ..ante
            });
        }
        if t.word {
            let np = self.np_ending(&toks[..end])?;
            if let Some(ante) = self.relative_clause_antecedent(&toks[..end], np) {
                return Some(ante);
            }
            let np = self.with_head_before_of(&toks[..end], np);
            return Some(self.first_conjunct(&toks[..end], np).unwrap_or(np));
        }
        if !is_comma_like(self.text, t) {
            return None;
        }
        // "X, <aside>, said": the aside is skipped when a speaker stands before it.
        let seg_end = end - 1;
        let mut seg_start = seg_end;
        while seg_start > 0 && !is_comma_like(self.text, toks[seg_start - 1]) {
            seg_start -= 1;
        }
        let inner = if seg_start < seg_end {
            self.np_ending(&toks[seg_start..seg_end])
        } else {
            None
        };
        let mut outer = None;
        if seg_start > 0 {
            let mut e = seg_start - 1;
            // "Sen. Ted Cruz (R-Tex.), a candidate, tweeted": skip the bracket.
            if e > 0
                && toks[e - 1].span.text(self.text) == ")"
                && let Some(o) = toks[..e - 1]
                    .iter()
                    .rposition(|t| t.span.text(self.text) == "(")
            {
                e = o;
            }
            // "Her friend Ann Lee, 20, a science major, said": skip the age.
            if e > 1
                && toks[e - 1].word
                && toks[e - 1]
                    .span
                    .text(self.text)
                    .bytes()
                    .all(|b| b.is_ascii_digit())
                && is_comma_like(self.text, toks[e - 2])
            {
                e -= 2;
            }
            while e > 0 && self.skippable(toks[e - 1]) {
                e -= 1;
            }
            if e > 0 && toks[e - 1].word {
                outer = self
                    .np_ending(&toks[..e])
                    .map(|np| self.with_head_before_of(&toks[..e], np));
            }
        }
        if let Some(np) = self.whole_segment_name(&toks[..end - 1]) {
            return Some(np);
        }
        // "The complaint, which was filed in Washington, alleged": a relative clause, no
        // appositive, however it ends.
        let relative = seg_start < seg_end
            && toks[seg_start].word
            && matches!(
                low(self.text, toks[seg_start], &mut self.buf),
                "who" | "which" | "whose" | "whom" | "where" | "when"
            );
        match (outer, inner) {
            (Some(o), _) if relative => Some(o),
            // "Santilli's attorney, Thomas Coan, argued": the appositive names the speaker.
            // (Not a name in a phrase after a preposition: "Officials at HSI, a division of
            // Immigration and Customs Enforcement, said".)
            (Some(o), Some(i))
                if o.kind == NpKind::Described
                    && i.kind == NpKind::Name
                    && !toks[seg_start..seg_end]
                        .iter()
                        .take_while(|t| t.span.start < i.span.start)
                        .any(|t| {
                            t.word
                                && self
                                    .lex
                                    .complement
                                    .contains(low(self.text, *t, &mut self.buf))
                        }) =>
            {
                Some(i)
            }
            (Some(o), _) => Some(o),
            (None, Some(i)) if i.kind == NpKind::Described && seg_end + 1 == end => {
                // "He … behind her aggressive tone, called her …": a verb straight after a
                // comma is a second predicate of the clause's subject.
                let (lo, hi) = (toks[0].span.start, toks[seg_end].span.start);
                let toks_back = std::mem::take(&mut self.toks);
                let s = self
                    .clause_subject(lo, hi)
                    .filter(|np| np.kind != NpKind::Described);
                self.toks = toks_back;
                s.or(Some(i))
            }
            (None, i) => i,
        }
    }

    /// "The man who runs the company said", "executives who run news organizations almost
    /// universally say": a phrase read back from the verb that is the object of a relative
    /// clause's verb belongs to that clause; the subject is the clause's antecedent.
    fn relative_clause_antecedent(&mut self, toks: &[Tok], np: Np) -> Option<Np> {
        const MAX_VERB_WORDS: usize = 3;
        let text = self.text;
        if !matches!(np.kind, NpKind::Described | NpKind::Name) {
            return None;
        }
        let at = toks.partition_point(|t| t.span.start < np.span.start);
        let mut rel = at;
        // Words of the verb chain, not counting "to", "be" and "not", which only
        // lengthen it ("who did not want to be named").
        let mut verb_words = 0;
        let pronoun = loop {
            if rel == 0 || verb_words > MAX_VERB_WORDS {
                return None;
            }
            let t = toks[rel - 1];
            if !t.word || is_cap(text, t) {
                return None;
            }
            let w = low(text, t, &mut self.buf);
            if matches!(w, "who" | "which" | "that") {
                break w == "who";
            }
            // The clause's verb and auxiliaries, no preposition or determiner; "to" only
            // as the mark of an infinitive ("who did not want to be named").
            let to = w == "to";
            let lengthener = matches!(w, "be" | "not" | "never");
            let blocked = self.lex.det.contains(w) || self.lex.stop.contains(w);
            let infinitive = to
                && toks.get(rel).is_some_and(|n| {
                    n.word && !is_cap(text, *n) && {
                        let n = low(text, *n, &mut self.buf);
                        !self.lex.det.contains(n)
                    }
                });
            if blocked && !infinitive {
                return None;
            }
            if !(infinitive || lengthener) {
                verb_words += 1;
            }
            rel -= 1;
        };
        // The clause's verb stands between the pronoun and the phrase ("that the
        // president's staff told" is a complement clause with its own subject), unless a
        // bare phrase after "who" took the verb in ("who run news organizations").
        let bare = np.kind == NpKind::Described
            && !self.lex.det.contains(low(text, toks[at], &mut self.buf));
        if rel == at && !(pronoun && bare) {
            return None;
        }
        let mut rel = rel - 1;
        if rel > 0 && toks[rel - 1].word && low(text, toks[rel - 1], &mut self.buf) == "and" {
            // "Another Muslim who worshiped here and who didn't want to be named said":
            // coordinated clauses share the antecedent before the first pronoun.
            const MAX_CLAUSE_TOKENS: usize = 16;
            let from = rel.saturating_sub(MAX_CLAUSE_TOKENS);
            let word = toks[rel].span.text(text).to_ascii_lowercase();
            rel = (from..rel - 1)
                .rev()
                .find(|&k| toks[k].word && low(text, toks[k], &mut self.buf) == word)?;
        }
        let ante = self.np_ending(&toks[..rel])?;
        let ante = self.with_head_before_of(&toks[..rel], ante);
        (matches!(ante.kind, NpKind::Described | NpKind::Name)).then_some(ante)
    }

    /// "Ann Lee and her husband said", "she and her peers referred": a description
    /// opening with a possessive, coordinated after a person, is that person's company;
    /// the person is the speaker.
    fn first_conjunct(&mut self, toks: &[Tok], np: Np) -> Option<Np> {
        let text = self.text;
        if np.kind != NpKind::Described {
            return None;
        }
        let at = toks.partition_point(|t| t.span.start < np.span.start);
        let head = toks.get(at)?;
        if at < 2
            || !self
                .lex
                .possessives
                .contains_key(low(text, *head, &mut self.buf))
            || !toks[at - 1].word
            || low(text, toks[at - 1], &mut self.buf) != "and"
            || !toks[at - 2].word
        {
            return None;
        }
        self.np_ending(&toks[..at - 1])
            .filter(|first| first.kind != NpKind::Described)
    }

    /// "The leaders of the group said", "a message on the website reads": the phrase after
    /// the preposition modifies the described head before it, and the whole is the speaker;
    /// so does a reduced relative clause ("another source speaking to Fox News said").
    fn with_head_before_of(&mut self, toks: &[Tok], np: Np) -> Np {
        let text = self.text;
        let at = toks.partition_point(|t| t.span.start < np.span.start);
        // "a boost to the administration's hopes that": a possessor, no phrase of a noun.
        let possessor = np.span.text(text).ends_with("'s") || np.span.text(text).ends_with("’s");
        if at < 2 || !toks[at - 1].word || possessor {
            return np;
        }
        let prep = low(text, toks[at - 1], &mut self.buf).to_owned();
        let mut head_end = at - 1;
        let participle = head_end >= 2 && {
            let p = toks[head_end - 1];
            p.word && !is_cap(text, p) && low(text, p, &mut self.buf).ends_with("ing")
        };
        let attaches = self.lex.postmodifier.contains(prep.as_str());
        if participle && (attaches || prep == "to") {
            head_end -= 1;
        } else if !attaches {
            return np;
        }
        match self.np_ending(&toks[..head_end]) {
            // "Aris Shirvanian of the Armenian Patriarchate told", "Democrats in Iowa
            // said": the people, not the body they belong to or the place they are in.
            Some(head)
                if head.kind == NpKind::Name
                    && !head.organisation
                    && !participle
                    && np.kind == NpKind::Name
                    && (np.organisation
                        // ("More from Jones:" is the source's words.)
                        || matches!(prep.as_str(), "in" | "at")
                        || low(text, toks[at], &mut self.buf) == "the")
                    && self.may_be_person(&head) =>
            {
                head
            }
            Some(head) if head.kind == NpKind::Described || self.role_opener(head) => {
                Np::described(Span::new(head.span.start, np.span.end))
            }
            _ => np,
        }
    }

    /// A role noun capitalised only because it opens the sentence ("Officials at …",
    /// "Leaders of the group"): a description, not a name.
    fn role_opener(&mut self, np: Np) -> bool {
        let w = np.span.text(self.text);
        if np.kind != NpKind::Name || w.contains(' ') || !sentence_initial(self.text, np.span.start)
        {
            return false;
        }
        self.buf.clear();
        self.buf.push_str(w);
        self.buf.make_ascii_lowercase();
        let l = self.buf.as_str();
        self.lex.roles.contains(l)
            || l.strip_suffix('s')
                .is_some_and(|s| self.lex.roles.contains(s))
    }

    /// "Clinton, during a meeting in Columbus, Ohio, said": of the comma-separated parts
    /// before the verb, the first that is a name or pronoun and nothing else.
    fn whole_segment_name(&mut self, toks: &[Tok]) -> Option<Np> {
        let text = self.text;
        let mut start = 0;
        let mut depth = 0usize;
        let mut after_name = false;
        for k in 0..=toks.len() {
            let at_end = k == toks.len();
            if !at_end {
                match toks[k].span.text(text) {
                    "(" => depth += 1,
                    ")" => depth = depth.saturating_sub(1),
                    _ => {}
                }
            }
            let boundary = at_end
                || (depth == 0
                    && !toks[k].word
                    && matches!(toks[k].span.text(text), "," | "—" | "–"));
            if !boundary {
                continue;
            }
            let mut e = k;
            // Drop a trailing bracket: "Sen. Ted Cruz (R-Tex.)".
            if e > start
                && toks[e - 1].span.text(text) == ")"
                && let Some(o) = toks[start..e - 1]
                    .iter()
                    .rposition(|t| t.span.text(text) == "(")
            {
                e = start + o;
            }
            let place = after_name && e == start + 1;
            let ends_cap = e > start && is_cap(text, toks[e - 1]);
            if e > start
                && !place
                && toks[e - 1].word
                && let Some(np) = self.np_ending(&toks[start..e])
                && np.kind != NpKind::Described
                && toks[start..e]
                    .iter()
                    .take_while(|t| t.span.start < np.span.start)
                    .all(|t| {
                        let w = low(text, *t, &mut self.buf);
                        t.word && self.lex.lead.contains(w) && !self.lex.stop.contains(w)
                    })
            {
                return Some(np);
            }
            after_name = ends_cap;
            start = k + 1;
        }
        None
    }

    /// The subject of the main clause in `text[lo..hi]`: the last name or pronoun that
    /// opens the sentence or follows a comma, outside subordinate clauses ("When she
    /// appeared, she declined … saying").
    pub fn clause_subject(&mut self, lo: usize, hi: usize) -> Option<Np> {
        self.remembered(Reading::ClauseSubject, lo, hi, Self::read_clause_subject)
    }

    fn read_clause_subject(&mut self, lo: usize, hi: usize) -> Option<Np> {
        let text = self.text;
        let toks = self.tokens(lo, hi);
        let mut best = None;
        for k in 0..toks.len() {
            if k > 0 && (toks[k - 1].word || toks[k - 1].span.text(text) != ",") {
                continue;
            }
            if k > 0 && self.place_before(&toks[..k - 1]) {
                // "in Laredo, Texas, …": the region of a place, not a new subject; but a
                // name followed by a word is a subject after a fronted place ("Here in
                // Columbia, Sanders spoke").
                let mut j = k;
                while j < toks.len() && is_cap(text, toks[j]) {
                    j += 1;
                }
                let possessive = j > k && {
                    let w = toks[j - 1].span.text(text);
                    w.ends_with("'s") || w.ends_with("’s")
                };
                if possessive
                    || toks.get(j).is_none_or(|t| {
                        !t.word || self.lex.stop.contains(low(text, *t, &mut self.buf))
                    })
                {
                    continue;
                }
            }
            let mut a = k;
            while a < toks.len()
                && toks[a].word
                && is_cap(text, toks[a])
                && self.lex.is_lead(low(text, toks[a], &mut self.buf))
                && !self
                    .lex
                    .pronouns
                    .contains_key(low(text, toks[a], &mut self.buf))
            {
                a += 1;
            }
            if a == k
                // (Also where the text starts mid-sentence, after a quotation.)
                && (k > 0
                    || !is_cap(text, toks[k])
                        && text[..toks[k].span.start]
                            .trim_end()
                            .trim_end_matches(',')
                            .ends_with(CLOSING))
                && toks[k].word
                && matches!(
                    low(text, toks[k], &mut self.buf),
                    "and" | "but" | "so" | "yet"
                )
            {
                // "…, but he gave": a coordinate clause with a subject of its own.
                a += 1;
            }
            let Some(&t) = toks.get(a) else { continue };
            if !t.word || self.lex.stop.contains(low(text, t, &mut self.buf)) && a == k {
                continue;
            }
            if a > k
                && !matches!(
                    low(text, toks[k], &mut self.buf),
                    "and" | "but" | "or" | "nor" | "so" | "yet"
                )
                && self.lex.stop.contains(low(text, toks[k], &mut self.buf))
            {
                // "When she appeared …": a subordinate clause ("And she …" is not).
                continue;
            }
            let w = low(text, t, &mut self.buf).to_owned();
            if let Some(agr) = self.lex.pronoun(w.as_str()) {
                best = Some(Np::pronoun(t.span, agr));
            } else if is_cap(text, t) && !self.lex.det.contains(w.as_str()) {
                // ("Four hours earlier, …": a numeral opens no name.)
                let mut j = a + 1;
                while j < toks.len() && is_cap(text, toks[j]) {
                    j += 1;
                }
                let np = self
                    .role_name(&toks, a, j)
                    .or_else(|| self.name_np(&toks, a, j));
                if let Some(np) = np
                    && np.kind == NpKind::Name
                    // Not a place before its region ("Birmingham, Alabama"); a titled name is
                    // a person ("Sen. Ann Lee, R-Ky.").
                    && (np.title.is_some()
                        || !(toks.get(j).is_some_and(|t| t.span.text(text) == ",")
                        && toks.get(j + 1).is_some_and(|t| is_cap(text, *t))))
                    // Nor a name set off by commas right before the verb, an appositive to
                    // the noun before it ("… about his rival, Hillary Clinton, saying").
                    && !(k > 0
                        && j + 1 == toks.len()
                        && toks[j].span.text(text) == ",")
                    // Nor a label set off after a name ("Sen. Tim Kaine, D-Va., said").
                    && !(a == k
                        && j == a + 1
                        && k >= 2
                        && is_cap(text, toks[k - 2])
                        && text[toks[a].span.end..]
                            .trim_start_matches('.')
                            .starts_with(','))
                    // Nor a role set off after a name ("Sen. Ann Lee, Democrat of New York,").
                    && !(a == k
                        && j == a + 1
                        && k >= 2
                        && is_cap(text, toks[k - 2])
                        && toks.get(j).is_some_and(|t| {
                            t.word && matches!(low(text, *t, &mut self.buf), "of" | "from")
                        }))
                {
                    best = Some(np);
                }
            }
        }
        self.toks = toks;
        best
    }

    /// A noun for something said (`noun_cue:`, "claim", "comments") at most four words before
    /// `hi`, with no punctuation but a colon after it, and a possessive before it with at most
    /// two modifiers between ("Trump's controversial pledge to be", "his calls to end the"):
    /// the possessor and the noun.
    pub fn noun_cue(&mut self, lo: usize, hi: usize) -> Option<(Np, Span)> {
        let toks = self.tokens(lo, hi);
        let r = self.noun_cue_in(&toks);
        self.toks = toks;
        r
    }

    fn noun_cue_in(&mut self, toks: &[Tok]) -> Option<(Np, Span)> {
        let text = self.text;
        let mut n = toks.len();
        let mut words = 0;
        while n > 0 {
            let t = toks[n - 1];
            if !t.word {
                // "Clinton's response was: "…"", "her comment that, "…"".
                let after_link = t.span.text(text) == ","
                    && n >= 2
                    && toks[n - 2].word
                    && self
                        .lex
                        .noun_links
                        .contains(low(text, toks[n - 2], &mut self.buf));
                if t.span.text(text) != ":" && !after_link {
                    return None;
                }
            } else if self.lex.noun_cues.contains(low(text, t, &mut self.buf)) {
                break;
            } else {
                words += 1;
                if words > 4 {
                    return None;
                }
            }
            n -= 1;
        }
        if n < 2
            || toks.get(n).is_some_and(|t| {
                t.word && !self.lex.noun_links.contains(low(text, *t, &mut self.buf))
            })
        {
            return None;
        }
        let noun = toks[n - 1].span;
        let mut p = n - 1;
        while p > 0 && p + 3 >= n {
            let t = toks[p - 1];
            let w = t.span.text(text);
            if t.word
                && let Some(&agr) = self.lex.possessives.get(low(text, t, &mut self.buf))
            {
                let np = Np::pronoun(t.span, agr);
                return Some((np, noun));
            }
            // "Trump's", "Sanders’".
            let owner_end = if t.word && is_cap(text, t) && (w.ends_with("’s") || w.ends_with("'s"))
            {
                Some(p)
            } else if matches!(w, "’" | "'")
                && p >= 2
                && is_cap(text, toks[p - 2])
                && toks[p - 2].span.text(text).ends_with('s')
            {
                Some(p - 1)
            } else {
                None
            };
            if let Some(e) = owner_end {
                let np = self.np_ending(&toks[..e])?;
                return (np.kind == NpKind::Name).then_some((np, noun));
            }
            // "her March comment": a month or day may modify the noun.
            if !t.word
                || is_cap(text, t) && !self.lex.time.contains(low(text, t, &mut self.buf))
                || self.lex.stop.contains(low(text, t, &mut self.buf))
            {
                return None;
            }
            p -= 1;
        }
        None
    }

    /// Whether `toks` ends with a place after a locative preposition ("in Cape Breton").
    fn place_before(&mut self, toks: &[Tok]) -> bool {
        let text = self.text;
        let mut j = toks.len();
        // "in March, Lee said": a month or a day is no place.
        while j > 0
            && is_cap(text, toks[j - 1])
            && !self
                .lex
                .time
                .contains(low(text, toks[j - 1], &mut self.buf))
        {
            j -= 1;
        }
        let all_place = toks[j..]
            .iter()
            .all(|t| !self.lex.time.contains(low(text, *t, &mut self.buf)));
        all_place
            && j < toks.len()
            && j > 0
            && toks[j - 1].word
            && self
                .lex
                .locative
                .contains(low(text, toks[j - 1], &mut self.buf))
    }

    /// Whether the verb at `hi` is coordinated with an earlier one ("… and said"): its
    /// subject is then the clause's, not a word before the conjunction.
    pub fn coordinated(&mut self, lo: usize, hi: usize) -> bool {
        let toks = self.tokens(lo, hi);
        let mut end = toks.len();
        while end > 0 && self.skippable(toks[end - 1]) {
            end -= 1;
        }
        let r = end > 0
            && toks[end - 1].word
            && matches!(
                low(self.text, toks[end - 1], &mut self.buf),
                "and" | "but" | "or" | "yet"
            );
        self.toks = toks;
        r
    }

    /// A description opening the sentence `text[lo..hi]` ("The town released …", "One
    /// operative inside Trump Tower tried …"): from its determiner up to the first verb-like
    /// word (an auxiliary, a word in -ed, an irregular past, a speech verb or a
    /// conjunction), at most six words.
    pub fn opening_description(&mut self, lo: usize, hi: usize) -> Option<Np> {
        let text = self.text;
        // (At a character boundary: a window cut inside a character has no tokens.)
        let toks = self.tokens(lo, hi.min(text.floor_char_boundary(lo + 200)).max(lo));
        let mut r = None;
        // "About 200 protesters gathered": an approximator opens the phrase with its
        // numeral, which stands as the determiner.
        let skip = usize::from(toks.len() > 2 && self.approximate_numeral(toks[0], toks[1]));
        let opening = toks.first().map_or(lo, |t| t.span.start);
        let words = &toks[skip..];
        if let Some(&first) = words.first()
            && first.word
            && (skip == 1 || self.lex.det.contains(low(text, first, &mut self.buf)))
        {
            // Articles and possessives never stand alone: an -ed word after one is an
            // adjective ("the retired neurosurgeon"), unlike after "This" or "Another".
            let article = {
                let w = low(text, first, &mut self.buf);
                matches!(w, "a" | "an" | "the") || self.lex.possessives.contains_key(w)
            };
            let mut k = 1;
            while k < words.len() && k <= 6 {
                let t = words[k];
                let w = low(text, t, &mut self.buf);
                if !t.word
                    || self.lex.skip.contains(w)
                    || self.lex.cue_word(w)
                    || self.lex.irregular_past.contains(w)
                    // Later an -ed word starts a clause ("the man accused of …").
                    || ((k > 1 || !article) && w.len() > 3 && w.ends_with("ed") && !is_cap(text, t))
                    || matches!(w, "and" | "or" | "but" | "that" | "who" | "which")
                {
                    break;
                }
                k += 1;
            }
            // "Four hours earlier, a memo …", "This week, …": a fronted time adverbial, not
            // the subject.
            let comma_at = |i: usize| words.get(i).is_some_and(|t| t.span.text(text) == ",");
            let adverbial = k > 1
                && (comma_at(k)
                    && self
                        .lex
                        .time
                        .contains(low(text, words[k - 1], &mut self.buf))
                    || comma_at(k + 1)
                        && matches!(
                            low(text, words[k], &mut self.buf),
                            "earlier" | "later" | "ago" | "before" | "after"
                        ));
            if k > 1 && k <= 6 && !adverbial {
                let span = Span::new(opening, words[k - 1].span.end);
                r = Some(Np::described(span));
            }
        }
        self.toks = toks;
        r
    }

    /// The noun phrase that ends with the last token of `toks`.
    fn np_ending(&mut self, toks: &[Tok]) -> Option<Np> {
        let last = *toks.last()?;
        if !last.word {
            return None;
        }
        // A nested call finds `word` taken and puts another over the same lower-cased
        // document in its place (sharing it allocates nothing; a `Lowered::default` did,
        // at every call).
        let fresh = self.buf.sharing();
        let mut buf = std::mem::replace(&mut self.word, fresh);
        let text = self.text;
        let np = self.np_ending_in(toks, last, low(text, last, &mut buf));
        self.word = buf;
        np
    }

    /// [`Reader::np_ending`] for `toks` ending with the word `last`, lower-cased as `w`.
    fn np_ending_in(&mut self, toks: &[Tok], last: Tok, w: &str) -> Option<Np> {
        let text = self.text;
        let class = self.lex.class_of(w);
        if let Some(agr) = self.lex.pronoun_in(w, class) {
            return Some(Np::pronoun(last.span, agr));
        }
        if class.any(Class::QUANTIFIER)
            && toks.len().checked_sub(2).is_none_or(|p| {
                !toks[p].word
                    || matches!(
                        low(text, toks[p], &mut self.buf),
                        "and" | "but" | "yet" | "while" | "so"
                    )
            })
        {
            // "Some chanted", "Several said", "Another notes": a quantifier standing for
            // the people it counts opens the clause and is its subject.
            return Some(Np::described(last.span));
        }
        if is_cap(text, last) && !self.lex.is_lead_in(w, class) {
            let mut i = toks.len() - 1;
            while i > 0 {
                let p = toks[i - 1];
                if is_cap(text, p) {
                    i -= 1;
                } else if p.word
                    && i >= 2
                    && is_cap(text, toks[i - 2])
                    && self.lex.connectors.contains(low(text, p, &mut self.buf))
                {
                    i -= 2;
                } else {
                    break;
                }
            }
            return self.name_np(toks, i, toks.len());
        }
        if class.any(Class::DET | Class::STOP | Class::SKIP | Class::LEAD)
            || w.chars().all(|c| c.is_numeric())
        {
            return None;
        }
        // A described speaker: back to its determiner, at most six words.
        let mut i = toks.len() - 1;
        let mut n = 0;
        let mut det = false;
        while i > 0 && n < 6 {
            let p = toks[i - 1];
            if !p.word {
                // "the bespectacled, 71-year-old diplomat": a comma between adjectives,
                // when a determiner opens the first and a noun soon follows the last.
                if p.span.text(text) == ","
                    && i >= 3
                    && toks.len() - i <= 2
                    && self.coordinate_adjectives(&toks[..i - 1])
                {
                    i -= 1;
                    continue;
                }
                break;
            }
            let pw = low(text, p, &mut self.buf);
            if pw == "that"
                && (plural(w)
                    || toks[i..toks.len() - 1].iter().any(|t| {
                        let w = t.span.text(text);
                        w.ends_with("'s") || w.ends_with("’s")
                    }))
            {
                // "It seemed that officials said", "shows that Farook's name was": "that"
                // before a plural or a possessive is the conjunction.
                break;
            }
            if self.lex.det.contains(pw) {
                i -= 1;
                det = true;
                // "the same analyst", "all the"…: a run of determiners. "that" before
                // another one is the conjunction ("so odd that a spokesman said").
                while i > 0 && toks[i - 1].word && {
                    let w = low(text, toks[i - 1], &mut self.buf);
                    w != "that" && self.lex.det.contains(w)
                } {
                    i -= 1;
                }
                if i > 0 && self.approximate_numeral(toks[i - 1], toks[i]) {
                    i -= 1;
                }
                break;
            }
            if self.lex.stop.contains(pw) || self.lex.skip.contains(pw) || self.lex.cue_word(pw) {
                break;
            }
            i -= 1;
            n += 1;
        }
        if !det {
            // A bare noun phrase ("critics", "Republican lawmakers") ends at a word that
            // looks like a verb or an adverb before it ("Obama passionately rebuked
            // critics"), which no determiner took into a description.
            let head = toks.len() - 1;
            // ("of registered voters": first in the phrase, it is an adjective.)
            if let Some(k) = (i + 1..head).rev().find(|&k| {
                let w = low(text, toks[k], &mut self.buf);
                !is_cap(text, toks[k]) && w.len() > 4 && (w.ends_with("ed") || w.ends_with("ly"))
            }) {
                i = k + 1;
            }
        }
        Some(Np::described(Span::new(toks[i].span.start, last.span.end)))
    }

    /// Whether `a` is an approximator before the numeral `n` ("about 200", "nearly a").
    fn approximate_numeral(&mut self, a: Tok, n: Tok) -> bool {
        let text = self.text;
        if !a.word || !n.word {
            return false;
        }
        let numeral = {
            let w = low(text, n, &mut self.buf);
            w.bytes().next().is_some_and(|b| b.is_ascii_digit())
                || matches!(w, "a" | "an")
                || self.lex.det.contains(w) && self.lex.quantifiers.contains(w)
        } || n
            .span
            .text(text)
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',');
        numeral && self.lex.approximators.contains(low(text, a, &mut self.buf))
    }

    /// Whether `toks` ends with a determiner and one or two lower-case words, the last
    /// with an adjective's ending: the first of adjectives coordinated by a comma after
    /// them.
    fn coordinate_adjectives(&mut self, toks: &[Tok]) -> bool {
        let text = self.text;
        let n = toks.len();
        let last = low(text, toks[n - 1], &mut self.buf);
        if !self
            .lex
            .adjective_suffixes
            .iter()
            .any(|s| last.ends_with(s))
        {
            return false;
        }
        (1..=2).any(|k| {
            n > k
                && toks[n - k - 1].word
                && self
                    .lex
                    .det
                    .contains(low(text, toks[n - k - 1], &mut self.buf))
                && toks[n - k..].iter().all(|t| {
                    t.word
                        && !is_cap(text, *t)
                        && !self.lex.stop.contains(low(text, *t, &mut self.buf))
                        && !self.lex.det.contains(low(text, *t, &mut self.buf))
                })
        })
    }

    /// `toks[i..k]` is a capitalised modifier ("Democratic", "Clinton", "Band"); when role
    /// nouns and then a capitalised run follow ("pollster Stan Greenberg", "campaign manager
    /// Robby Mook", "member Flea"), the run is the name and what precedes it its role.
    fn role_name(&mut self, toks: &[Tok], i: usize, k: usize) -> Option<Np> {
        let text = self.text;
        let mut r = k;
        // Up to three lower-case words ending in a role noun; the ones before it may be
        // any modifiers ("presidential candidate", "nutritional-supplement executive").
        while r < toks.len()
            && r < k + 3
            && toks[r].word
            && !is_cap(text, toks[r])
            && !self.lex.stop.contains(low(text, toks[r], &mut self.buf))
            && !self.lex.cue_word(low(text, toks[r], &mut self.buf))
        {
            r += 1;
        }
        while r > k
            && !self
                .lex
                .roles
                .contains(low(text, toks[r - 1], &mut self.buf))
        {
            r -= 1;
        }
        if r == k || !toks.get(r).is_some_and(|t| is_cap(text, *t)) {
            return None;
        }
        let mut e = r + 1;
        while e < toks.len() && is_cap(text, toks[e]) {
            e += 1;
        }
        let mut np = self.name_np(toks, r, e)?;
        if np.kind != NpKind::Name || np.organisation {
            return None;
        }
        let title_end = np.title.map_or(toks[r - 1].span.end, |t| t.end);
        np.title = Some(Span::new(toks[i].span.start, title_end));
        np.span = Span::new(toks[i].span.start, np.span.end);
        Some(np)
    }

    /// A name made of `toks[i..j]` (capitalised words): leading sentence openers dropped,
    /// titles split off, a preceding "the" marks an organisation.
    fn name_np(&mut self, toks: &[Tok], mut i: usize, j: usize) -> Option<Np> {
        let text = self.text;
        let mut organisation = false;
        let mut the_start = None;
        while i < j {
            let w = low(text, toks[i], &mut self.buf);
            if w == "the" {
                organisation = true;
                the_start = Some(toks[i].span.start);
                i += 1;
            } else if let class = self.lex.class_of(w)
                && (class.any(Class::LEAD) || (i + 1 < j && class.any(Class::STOP)))
            {
                i += 1;
            } else {
                break;
            }
        }
        if i < j && self.not_a_name(&toks[i..j]) {
            return None;
        }
        if i >= j
            || toks[i..j].iter().all(|t| {
                let w = low(text, *t, &mut self.buf);
                let class = self.lex.class_of(w);
                let skip = class.any(Class::SKIP);
                let filler = skip || class.any(Class::TIME);
                // "Will wrote", "May said": capitalised mid-sentence, here or elsewhere in the
                // article ("George Will"), a surname rather than the auxiliary.
                let surname = skip
                    && (i + 1 == j && !sentence_initial(text, t.span.start)
                        || self.named_elsewhere(t.span));
                filler && !surname
            })
        {
            return None;
        }
        if the_start.is_none()
            && i > 0
            && toks[i - 1].word
            && low(text, toks[i - 1], &mut self.buf) == "the"
        {
            organisation = true;
            the_start = Some(toks[i - 1].span.start);
        }
        // Titles: the longest title starting at the front or after a place or party
        // ("Texas Rep. Louis Gohmert"); the last one that leaves a name wins.
        let mut title_end = i;
        let mut phrase = std::mem::take(&mut self.title_phrase);
        for s0 in i..j {
            let mut k = s0;
            phrase.clear();
            while k < j {
                if !phrase.is_empty() {
                    phrase.push(' ');
                }
                phrase.push_str(low(text, toks[k], &mut self.buf));
                k += 1;
                let class = self.lex.class_of(&phrase);
                if class.any(Class::TITLE) && (k < j || s0 == i) {
                    title_end = k;
                } else if !class.any(Class::TITLE_PREFIX) {
                    break;
                }
            }
        }
        self.title_phrase = phrase;
        // "Bill Richardson of New Mexico", "Sen. Cruz of Texas": a person's name (a title or
        // a given name before it) ends before the "of" of a place.
        let mut j = j;
        if the_start.is_none()
            && title_end < j
            && let Some(k) =
                (title_end + 1..j).find(|&k| toks[k].word && toks[k].span.text(text) == "of")
        {
            // (A capitalised title: "the state Division of Gaming Enforcement" is a body.)
            let titled = title_end > i && is_cap(text, toks[i]);
            let given = self
                .lex
                .given_name(toks[title_end].span.text(text))
                .is_some();
            if titled || given && k - title_end >= 2 {
                j = k;
            }
        }
        let start = the_start.unwrap_or(toks[i].span.start);
        let span = Span::new(start, toks[j - 1].span.end);
        if title_end >= j {
            // Only a title ("the President"): a description of someone.
            return Some(Np::described(span));
        }
        let name_start = if organisation {
            start
        } else {
            toks[title_end].span.start
        };
        let name = Span::new(name_start, toks[j - 1].span.end);
        if !organisation {
            organisation = toks[title_end..j].iter().any(|t| {
                self.lex
                    .class_of(low(text, *t, &mut self.buf))
                    .any(Class::ORGANISATION)
            });
        }
        Some(Np {
            span,
            name,
            title: (title_end > i)
                .then(|| Span::new(toks[i].span.start, toks[title_end - 1].span.end)),
            kind: NpKind::Name,
            organisation,
        })
    }

    /// Capitalised words that are no name: a heading or dateline in capitals ("WASHINGTON",
    /// "JUST TOO EARLY"), or a single word capitalised only because it opens the sentence —
    /// a function word ("Another", "Each", "Instead") or an adverb or participle ("Hastily",
    /// "Reprising").
    fn not_a_name(&mut self, toks: &[Tok]) -> bool {
        let text = self.text;
        let letters: usize = toks
            .iter()
            .map(|t| {
                t.span
                    .text(text)
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .count()
            })
            .sum();
        let all_caps = toks.iter().all(|t| {
            t.span
                .text(text)
                .chars()
                .all(|c| !c.is_alphabetic() || c.is_uppercase())
        });
        if all_caps && letters > 5 {
            return true;
        }
        if toks.len() != 1 || !sentence_initial(text, toks[0].span.start) {
            return false;
        }
        let w = low(text, toks[0], &mut self.buf);
        let class = self.lex.class_of(w);
        if class.any(Class::DET | Class::STOP) {
            return true;
        }
        (class.any(Class::SKIP)
            || (w.len() > 5 && (w.ends_with("ing") || w.ends_with("ly"))))
            // "Schilling said", "Will wrote": a name the article also capitalises
            // mid-sentence ("Curt Schilling", "George Will") is no participle, adverb or
            // auxiliary.
            && !self.named_elsewhere(toks[0].span)
    }

    /// The speaker phrase that starts after a cue ending at `lo`, not beyond `hi`
    /// (`"…," said Smith`; "according to a senior official").
    pub fn right(&mut self, lo: usize, hi: usize) -> Option<Np> {
        self.remembered(Reading::Right, lo, hi, Self::read_right)
    }

    fn read_right(&mut self, lo: usize, hi: usize) -> Option<Np> {
        let toks = self.tokens(lo, hi);
        let mut r = self.right_in(&toks);
        if let Some(np) = r
            && let Some(k) = self.coordinated_title_end(&toks, np)
            && let Some(next) = self.right_in(&toks[k..])
            && next.kind == NpKind::Name
        {
            // "said former Pennsylvania Gov. and Democratic National Committee Chairman Ed
            // Rendell": titles coordinated before one name.
            r = Some(next);
        }
        self.toks = toks;
        r
    }

    /// When `np` ends with a title followed by "and" (`Gov. and …`), the index of the
    /// token after the "and".
    fn coordinated_title_end(&mut self, toks: &[Tok], np: Np) -> Option<usize> {
        let text = self.text;
        let at = toks.partition_point(|t| t.span.end <= np.span.end);
        let last = *toks[..at].last()?;
        let and = *toks.get(at)?;
        let w = low(text, last, &mut self.buf).to_owned();
        let title = self.lex.is_title(&w);
        (title && and.word && low(text, and, &mut self.buf) == "and").then_some(at + 1)
    }

    /// The source after a prepositional cue ("according to …"): a described source keeps
    /// the named agent or place its phrase goes on to name ("a study by economists at Duke
    /// University", "audio obtained by the Dayton Herald"), which is who the words come from.
    pub fn source(&mut self, lo: usize, hi: usize) -> Option<Np> {
        let np = self.right(lo, hi)?;
        Some(self.with_named_complement(np, hi))
    }

    /// A described phrase with the prepositional phrases after it that go on to name
    /// someone ("a longtime adviser to Trump", "a Wednesday editorial in The Des Moines
    /// Register", "excerpts of his speech released by the White House"): the name is part
    /// of who is speaking. Phrases that name no one ("a spokesman at a news conference")
    /// or only a time ("on Monday") are left out.
    pub fn with_named_complement(&mut self, np: Np, hi: usize) -> Np {
        if np.kind != NpKind::Described {
            return np;
        }
        let text = self.text;
        let toks = self.tokens(np.span.end, hi);
        let last_word = np.span.text(text).rsplit(' ').next().unwrap_or("");
        let end = self.named_complement_end(&toks, participle(last_word));
        self.toks = toks;
        match end {
            Some(end) => {
                let span = Span::new(np.span.start, end);
                Np {
                    span,
                    name: span,
                    ..np
                }
            }
            None => np,
        }
    }

    /// End of the last of up to four chained "[participle] preposition [determiner]
    /// [modifiers] [Name]" phrases at the start of `toks` that ends in a name; "as" counts
    /// after a participle ("the base chief known as Bob").
    fn named_complement_end(&mut self, toks: &[Tok], after_participle: bool) -> Option<usize> {
        const HOPS: usize = 4;
        const MODIFIERS: usize = 3;
        let text = self.text;
        let mut i = 0;
        let mut end = None;
        for hop in 0..HOPS {
            let mut by_participle = hop == 0 && after_participle;
            if toks.get(i).is_some_and(|t| {
                t.word && !is_cap(text, *t) && participle(low(text, *t, &mut self.buf))
            }) {
                i += 1;
                by_participle = true;
            }
            let Some(prep) = toks.get(i).filter(|t| t.word && !is_cap(text, **t)) else {
                break;
            };
            let w = low(text, *prep, &mut self.buf);
            if !(self.lex.complement.contains(w) || (w == "as" && by_participle)) {
                break;
            }
            i += 1;
            if toks.get(i).is_some_and(|t| {
                t.word && !is_cap(text, *t) && {
                    let w = low(text, *t, &mut self.buf);
                    matches!(w, "the" | "a" | "an") || self.lex.possessives.contains_key(w)
                }
            }) {
                i += 1;
            }
            let mut n = 0;
            while n < MODIFIERS
                && toks.get(i).is_some_and(|t| {
                    t.word && !is_cap(text, *t) && {
                        let w = low(text, *t, &mut self.buf);
                        !self.lex.stop.contains(w) && !self.lex.cue_word(w)
                    }
                })
            {
                i += 1;
                n += 1;
            }
            let e = self.name_run_end(toks, i);
            for t in &toks[i..e] {
                if self.lex.time.contains(low(text, *t, &mut self.buf)) {
                    return end;
                }
            }
            if e > i {
                end = Some(toks[e - 1].span.end);
            } else if n == 0 {
                break;
            }
            i = e;
        }
        end
    }

    /// End of the run of capitalised words from `from`, with lower-case connectors between
    /// them ("Secretary of State", "Charles de Gaulle"); `from` itself when it is no such word.
    fn name_run_end(&mut self, toks: &[Tok], from: usize) -> usize {
        let text = self.text;
        let mut k = from;
        while k < toks.len() {
            if is_cap(text, toks[k]) {
                k += 1;
            } else if k > from
                && toks[k].word
                && k + 1 < toks.len()
                && is_cap(text, toks[k + 1])
                && self
                    .lex
                    .connectors
                    .contains(low(text, toks[k], &mut self.buf))
            {
                k += 2;
            } else if k > from
                && k + 1 < toks.len()
                && is_cap(text, toks[k + 1])
                && ordinal(toks[k].span.text(text))
            {
                // "Air Force 1st Lt. Tyler Livingston": a rank's ordinal.
                k += 1;
            } else {
                break;
            }
        }
        k
    }

    fn right_in(&mut self, toks: &[Tok]) -> Option<Np> {
        let text = self.text;
        let mut i = 0;
        while i < toks.len() && self.skippable(toks[i]) && !is_cap(text, toks[i]) {
            i += 1;
        }
        let first = *toks.get(i)?;
        if !first.word {
            return None;
        }
        let w = low(text, first, &mut self.buf).to_owned();
        if let Some(agr) = self.lex.pronoun(w.as_str()) {
            return Some(Np::pronoun(first.span, agr));
        }
        if self.lex.objects.contains_key(w.as_str())
            && !self.lex.possessives.contains_key(w.as_str())
            && toks.get(i + 1).is_some_and(|t| t.word)
        {
            // "called him an …": the verb's object, no speaker.
            return None;
        }
        if let Some(&agr) = self.lex.objects.get(w.as_str())
            && toks.get(i + 1).is_none_or(|t| !t.word)
        {
            // "According to her, …", `according to her "clawback" plan`: an object
            // pronoun standing alone, not a determiner.
            return Some(Np::pronoun(first.span, agr));
        }
        if !is_cap(text, first)
            && self.lex.stop.contains(w.as_str())
            && !self.lex.det.contains(w.as_str())
        {
            // "said of Cruz", "wrote on Twitter": a prepositional phrase, not a speaker.
            return None;
        }
        // Capitalised run (a "the" in front is allowed).
        let mut j = i;
        if w == "the" && toks.get(i + 1).is_some_and(|t| is_cap(text, *t)) {
            j = i + 1;
        }
        let possessive = |t: Tok| {
            let x = t.span.text(text);
            x.ends_with("’s") || x.ends_with("'s")
        };
        let owner_of_noun = |k: usize| {
            possessive(toks[k - 1]) && toks.get(k).is_some_and(|t| t.word && !is_cap(text, *t))
        };
        if is_cap(text, toks[j]) && (j > i || !self.lex.lead.contains(w.as_str())) {
            let k = self.name_run_end(toks, j);
            if let Some(np) = self.role_name(toks, i, k) {
                // "said Democratic pollster Stan Greenberg": the name after the role.
                return Some(np);
            }
            // "said the American ambassador at the time": a capitalised modifier of a role
            // noun opens a description.
            let modifies_role = toks.get(k).is_some_and(|t| {
                t.word && !is_cap(text, *t) && self.lex.roles.contains(low(text, *t, &mut self.buf))
            });
            if !owner_of_noun(k) && !modifies_role {
                return self.name_np(toks, i, k);
            }
            // "Rubio’s deputy campaign manager": a description.
        }
        // A described speaker: determiner and up to six more words.
        let mut k = i;
        let mut n = 0;
        while k < toks.len() && n < 7 {
            let t = toks[k];
            if !t.word {
                break;
            }
            if k > i && is_cap(text, t) && !self.lex.stop.contains(low(text, t, &mut self.buf)) {
                // "said Democratic pollster Stan Greenberg", "said longtime aide Huma Abedin";
                // not "another Twitter user".
                let mut e = k + 1;
                while e < toks.len() && is_cap(text, toks[e]) {
                    e += 1;
                }
                // (Also before the "of" of a place: "said former Gov. Bill Richardson of New
                // Mexico".)
                let of_place = toks.get(e).is_some_and(|t| t.span.text(text) == "of")
                    && toks.get(e + 1).is_some_and(|t| is_cap(text, *t));
                if (toks.get(e).is_none_or(|t| !t.word) || of_place)
                    && let Some(mut np) = self.name_np(toks, k, e)
                {
                    np.span = Span::new(first.span.start, np.span.end);
                    return Some(np);
                }
            }
            let tw = low(text, t, &mut self.buf);
            if k > i && (self.lex.be.contains(tw) || self.lex.auxiliaries.contains(tw)) {
                // "said the two cases were quite different": the subject of a complement
                // clause, not an inverted speaker.
                return None;
            }
            // "one of those advisers": a quantifier may take "of".
            let of_after_det = k == i + 1 && tw == "of" && self.lex.det.contains(w.as_str());
            let stops = self.lex.stop.contains(tw) || self.lex.cue_word(tw);
            // "former secretary of state Hillary Clinton", "master of ceremonies Asab
            // Al-Tabchi": a lower-case title with "of" before a name.
            let of_in_title = tw == "of"
                && toks.get(k + 2).is_some_and(|t| is_cap(text, *t))
                && toks.get(k + 1).is_some_and(|t| {
                    t.word && !is_cap(text, *t) && {
                        let w = low(text, *t, &mut self.buf);
                        !self.lex.stop.contains(w) && !self.lex.cue_word(w)
                    }
                });
            if k > i && !of_after_det && !of_in_title && stops {
                break;
            }
            k += 1;
            n += 1;
        }
        if k == i
            || self.lex.stop.contains(w.as_str())
            || self.lex.cue_word(w.as_str())
            || (k <= i + 2 && self.lex.det.contains(w.as_str()) && !toks[k - 1].word)
        {
            return None;
        }
        if let Some((a, e)) = self.naming_name(toks, i + 1, k)
            && let Some(mut np) = self.name_np(toks, a, e)
        {
            // "wrote a man calling himself Paul Paul": the name he goes by is the speaker's.
            np.span = Span::new(first.span.start, np.span.end);
            return Some(np);
        }
        let span = Span::new(first.span.start, toks[k - 1].span.end);
        Some(Np::described(span))
    }

    /// The name a description goes on to give its speaker: a naming phrase starting in
    /// `toks[from..=end]` (the description read so far ends before `end`), or right after
    /// one prepositional phrase at `end` ("a German user from Hanover going by the handle
    /// Pulvermann"), then perhaps "the" and a noun such as "handle", then a capitalised
    /// name. The token range of the name.
    fn naming_name(&mut self, toks: &[Tok], from: usize, end: usize) -> Option<(usize, usize)> {
        let text = self.text;
        let mut at = (from..=end).find(|&p| self.naming_phrase_end(toks, p).is_some());
        if at.is_none() && toks.get(end).is_some_and(|t| t.word && !is_cap(text, *t)) {
            // One prepositional phrase naming a place or body first.
            let w = low(text, toks[end], &mut self.buf);
            if self.lex.complement.contains(w) {
                let mut j = end + 1;
                if toks
                    .get(j)
                    .is_some_and(|t| t.span.text(text).eq_ignore_ascii_case("the"))
                {
                    j += 1;
                }
                let e = self.name_run_end(toks, j);
                at = (e > j).then_some(e);
            }
        }
        let mut j = self.naming_phrase_end(toks, at?)?;
        if toks
            .get(j)
            .is_some_and(|t| matches!(t.span.text(text), "the" | "a" | "an"))
        {
            j += 1;
        }
        if toks.get(j).is_some_and(|t| {
            t.word
                && !is_cap(text, *t)
                && self.lex.naming_nouns.contains(low(text, *t, &mut self.buf))
        }) {
            j += 1;
        }
        // A social-media handle ("@WomenForTrump").
        if toks.get(j).is_some_and(|t| t.span.text(text) == "@") {
            j += 1;
        }
        let e = self.name_run_end(toks, j);
        (e > j).then_some((j, e))
    }

    /// Where a naming phrase ("calling himself", "known as") starting at `toks[at]` ends.
    /// (The phrases are in lower case, as they are written in running text: the tokens are
    /// compared as they stand, without lower-casing.)
    fn naming_phrase_end(&self, toks: &[Tok], at: usize) -> Option<usize> {
        let text = self.text;
        let first = toks.get(at)?.span.text(text);
        if !self.lex.naming_first.contains(first) {
            return None;
        }
        self.lex.naming.iter().find_map(|phrase| {
            let words = toks.get(at..at + phrase.len())?;
            words
                .iter()
                .zip(phrase)
                .all(|(t, w)| t.word && t.span.text(text) == *w)
                .then_some(at + phrase.len())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_opening_description_is_read_when_its_window_would_cut_a_character() {
        let lex = Lexicon::builtin();
        let mut s = String::from("The town released ");
        while s.len() < 199 {
            s.push('a');
        }
        s.push_str("é said more.");
        assert!(
            !s.is_char_boundary(200),
            "the 200-byte window ends inside 'é'"
        );
        let mut r = Reader::new(&s, &lex);
        let np = r.opening_description(0, s.len());
        assert_eq!(
            np.map(|np| np.span.text(&s).to_owned()).as_deref(),
            Some("The town")
        );
    }

    proptest::proptest! {
        /// Read by bytes, the word before a stop is the one `char::is_whitespace` finds.
        #[test]
        fn the_word_before_a_stop_is_read_as_by_chars(
            s in "[a-zA-Z(\t\n\x0b\x0c\r \u{a0}\u{2009}\u{85}éД.]{0,24}",
            cut in 0usize..25,
        ) {
            let i = s.floor_char_boundary(cut.min(s.len()));
            let by_chars = s[..i].rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
            proptest::prop_assert_eq!(word_at_end(&s[..i], &['(']), by_chars);
        }
    }

    fn left(s: &str) -> Option<(NpKind, String, String)> {
        let lex = Lexicon::builtin();
        let mut r = Reader::new(s, &lex);
        r.left(0, s.len()).map(|np| {
            (
                np.kind,
                np.span.text(s).to_owned(),
                np.name.text(s).to_owned(),
            )
        })
    }

    fn right(s: &str) -> Option<(NpKind, String)> {
        let lex = Lexicon::builtin();
        let mut r = Reader::new(s, &lex);
        r.right(0, s.len())
            .map(|np| (np.kind, np.span.text(s).to_owned()))
    }

    #[test]
    fn a_remembered_reading_is_the_fresh_one() {
        let s = "Dr. Han Lianchao, a former official who defected, told reporters that \
                 the claim was false, said one Chinese analyst, who asked not to be named.";
        let lex = Lexicon::builtin();
        let told = s.find("told").unwrap();
        let said = s.find("said").unwrap();
        let read = |r: &mut Reader, k: usize, lo: usize, hi: usize| match k {
            0 => r.left(lo, hi),
            1 => r.right(lo, hi),
            _ => r.clause_subject(lo, hi),
        };
        let mut r = Reader::new(s, &lex);
        // More readings than are remembered, then each again.
        let windows = [(0, told), (0, said), (told, said), (said + 4, s.len())];
        for _ in 0..2 {
            for (lo, hi) in windows {
                for k in 0..3 {
                    let fresh = read(&mut Reader::new(s, &lex), k, lo, hi);
                    assert_eq!(read(&mut r, k, lo, hi), fresh, "{k}: {lo}..{hi}");
                }
            }
        }
        assert_eq!(
            r.left(0, told).map(|np| np.name.text(s)),
            Some("Han Lianchao")
        );
        assert_eq!(
            r.right(said + 4, s.len()).map(|np| np.span.text(s)),
            Some("one Chinese analyst")
        );
    }

    fn subject(s: &str) -> Option<String> {
        let lex = Lexicon::builtin();
        let mut r = Reader::new(s, &lex);
        r.clause_subject(0, s.len())
            .map(|np| np.span.text(s).to_owned())
    }

    #[test]
    fn bare_description_stops_at_a_verb() {
        let (_, m, _) = left("Ann Lee passionately rebuked critics").unwrap();
        assert_eq!(m, "critics");
        let (_, m, _) = left("52 percent of registered voters").unwrap();
        assert_eq!(m, "52 percent of registered voters");
    }

    #[test]
    fn numeral_opening_a_sentence_is_no_clause_subject() {
        assert_eq!(subject("Four hours earlier the memo was out"), None);
        assert_eq!(
            subject("Four hours earlier, Ann Lee spoke").as_deref(),
            Some("Ann Lee")
        );
    }

    #[test]
    fn subject_name_with_title() {
        let (k, m, n) = left("Secretary of State Anthony Blinken ").unwrap();
        assert_eq!(k, NpKind::Name);
        assert_eq!(m, "Secretary of State Anthony Blinken");
        assert_eq!(n, "Anthony Blinken");
        let (_, m, n) = left("In a tweet, Dr. Han Lianchao ").unwrap();
        assert_eq!(
            (m.as_str(), n.as_str()),
            ("Dr. Han Lianchao", "Han Lianchao")
        );
    }

    #[test]
    fn subject_skips_adverbs_and_auxiliaries() {
        let (k, m, _) = left("Smith has also repeatedly ").unwrap();
        assert_eq!((k, m.as_str()), (NpKind::Name, "Smith"));
    }

    #[test]
    fn subject_pronoun() {
        let (k, m, _) = left(" he ").unwrap();
        assert_eq!(k, NpKind::Pronoun(Agreement::Male));
        assert_eq!(m, "he");
    }

    #[test]
    fn subject_before_an_aside() {
        let (_, m, _) = left("In a June 16 tweet, Han, citing an unnamed source, ").unwrap();
        assert_eq!(m, "Han");
        let (_, m, _) = left(
            "Speaking to the Daily Beast, Nicholas Eftimiades, a former official at the Pentagon, ",
        )
        .unwrap();
        assert_eq!(m, "Nicholas Eftimiades");
    }

    #[test]
    fn described_subject() {
        let (k, m, _) = left("Speaking to Newsmax last week, one Chinese analyst ").unwrap();
        assert_eq!((k, m.as_str()), (NpKind::Described, "one Chinese analyst"));
        let (k, m, _) = left("The same analyst ").unwrap();
        assert_eq!((k, m.as_str()), (NpKind::Described, "The same analyst"));
    }

    #[test]
    fn organisation_subject() {
        let (k, m, n) = left("The Daily Beast ").unwrap();
        assert_eq!(k, NpKind::Name);
        assert_eq!(
            (m.as_str(), n.as_str()),
            ("The Daily Beast", "The Daily Beast")
        );
    }

    #[test]
    fn sentence_opener_is_not_a_name() {
        let (_, m, _) = left("But Smith ").unwrap();
        assert_eq!(m, "Smith");
    }

    #[test]
    fn inverted_and_prepositional_speakers() {
        assert_eq!(right(" Larry Noble, an attorney").unwrap().1, "Larry Noble");
        assert_eq!(right(" he.").unwrap().1, "he");
        assert_eq!(
            right(" a senior official familiar with the talks")
                .unwrap()
                .1,
            "a senior official familiar"
        );
        assert_eq!(right(" the Daily Beast.").unwrap().1, "the Daily Beast");
    }

    #[test]
    fn alnum_fast_path_agrees_with_std() {
        for c in ('\0'..='\u{2100}').chain(['’', '“', '”', '—', 'é', 'ß', '中']) {
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn sentence_ends() {
        let s = "Dr. Han met Mr. J. Smith. Then he left";
        assert_eq!(
            first_sentence_end(s, 0, s.len()),
            s.find("Smith.").unwrap() + 6
        );
        assert_eq!(
            last_sentence_start(s, 0, s.len()),
            s.find("Smith.").unwrap() + 6
        );
    }
}
