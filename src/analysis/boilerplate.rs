//! Page furniture in scraped text ("Remove Ads", photo credits, sign-up boxes, "more
//! stories" lists, the headline repeated). Works on lines: the blocks when the importer
//! gave them, else the non-blank lines of plain text.
//!
//! Cues, from strongest to weakest:
//! * a whole line from the lexicon ("Remove Ads", "Advertisement", "Share this article");
//! * a short line that is a photo credit, or a caption ending in a credited parenthesis;
//! * a short line with a sentence opening on a call to action ("Sign up…", "Click here…");
//! * lines of dates only, counters ("Image 1 of 8"), bylines, handles, rules ("___");
//! * a "more stories" heading late in the text: it and everything after it;
//! * promotional phrases ("applications are now open"): two in a line, or one in a short line;
//! * after the body, once furniture has begun: headline-like short lines and the
//!   paragraphs right after them (promotional boxes between the ads).

// Lines are looked up once or twice each: a cheap hasher (see `WordSet`).
use super::WordSet as HashSet;
use std::borrow::Cow;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::Input;
use crate::analysis::text;
use crate::model::{BlockKind, Span};

const BUILTIN: &str = include_str!("../../assets/lexicons/boilerplate.txt");

/// Lines longer than this (in words) are article text whatever they contain.
const MAX_WORDS_CTA: usize = 30;
const MAX_WORDS_CREDIT: usize = 14;
const MAX_WORDS_PROMO: usize = 45;
const SHORT_WORDS: usize = 12;
/// Lines longer than this (in words) are article text for the repeated-headline and
/// body tests of `detect`.
const MAX_WORDS_REPEAT: usize = 25;
/// Word counts are taken up to here: past `MAX_WORDS_PROMO` only "long" matters.
const WORD_CAP: usize = MAX_WORDS_PROMO + 1;

/// The length of the leading ASCII run of `s`: 16 bytes at a time (`is_ascii` tests
/// a word at once), then byte by byte.
fn ascii_len(b: &[u8]) -> usize {
    let mut i = 0;
    while i + 16 <= b.len() && b[i..i + 16].is_ascii() {
        i += 16;
    }
    i + b[i..]
        .iter()
        .position(|c| !c.is_ascii())
        .unwrap_or(b.len() - i)
}

/// An ASCII run whose only white space is single spaces (no tabs, line breaks, control
/// bytes, backticks or double spaces): what most of a line is, and what the fast path
/// of `normalize_words` takes whole.
fn plain_ascii(run: &[u8]) -> bool {
    let odd = |c: u8| u8::from(c < b' ') | u8::from(c == b'`');
    let Some(&first) = run.first() else {
        return true;
    };
    // Folds of byte pairs without early exit, so that they vectorise.
    let rest = run.iter().zip(&run[1..]).fold(0u8, |acc, (&p, &c)| {
        acc | odd(c) | (u8::from(p == b' ') & u8::from(c == b' '))
    });
    odd(first) | rest == 0
}

/// `char::is_whitespace` on an ASCII byte (`is_ascii_whitespace` plus vertical tab):
/// the space, or one of the five controls from tab to carriage return (compares only, so
/// that loops over bytes vectorise).
fn is_ascii_space(c: u8) -> bool {
    (c == b' ') | (c.wrapping_sub(b'\t') < 5)
}

#[derive(Debug)]
pub struct Lexicon {
    line: HashSet<String>,
    /// The longest `line` entry: a longer line is not hashed to look it up.
    line_max: usize,
    /// Sorted by first byte; `cta_at[b]` is the range of entries starting with byte `b`
    /// (every sentence start of most lines is tried against them).
    cta: Vec<String>,
    cta_at: Box<[(u16, u16)]>,
    promo: AhoCorasick,
    credit: AhoCorasick,
    section: HashSet<String>,
}

impl Default for Lexicon {
    fn default() -> Self {
        Self::builtin()
    }
}

impl Lexicon {
    pub fn builtin() -> Self {
        Self::parse(BUILTIN)
    }

    /// Parses the `[section]`-headed format of `assets/lexicons/boilerplate.txt`.
    pub fn parse(src: &str) -> Self {
        let (mut line, mut cta, mut promo, mut credit, mut section) = (
            HashSet::default(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            HashSet::default(),
        );
        let mut current = "";
        for raw in src.lines() {
            let l = raw.trim();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            if let Some(name) = l.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
                current = match name {
                    "line" => "line",
                    "cta" => "cta",
                    "promo" => "promo",
                    "credit" => "credit",
                    "section" => "section",
                    _ => "",
                };
                continue;
            }
            let entry = normalize(l);
            match current {
                "line" => {
                    line.insert(key(&entry));
                }
                "cta" => cta.push(entry),
                "promo" => promo.push(entry),
                "credit" => credit.push(entry),
                "section" => {
                    section.insert(key(&entry));
                }
                _ => {}
            }
        }
        let ac = |pats: &[String]| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(pats)
                .expect("boilerplate lexicon patterns")
        };
        cta.retain(|e: &String| !e.is_empty());
        cta.sort_by_key(|e| e.as_bytes()[0]);
        let mut cta_at = vec![(0u16, 0u16); 256].into_boxed_slice();
        for (i, e) in cta.iter().enumerate() {
            let i = u16::try_from(i).expect("fewer than 65536 calls to action");
            let r = &mut cta_at[usize::from(e.as_bytes()[0])];
            if r.0 == r.1 {
                *r = (i, i + 1);
            } else {
                r.1 = i + 1;
            }
        }
        Self {
            line_max: line.iter().map(String::len).max().unwrap_or(0),
            line,
            promo: ac(&promo),
            credit: ac(&credit),
            cta,
            cta_at,
            section,
        }
    }
}

/// Lower case, typographic apostrophes and dashes made plain, white space collapsed.
fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalize_words(s, usize::MAX, &mut out);
    out
}

/// `normalize` into a reused buffer (cleared first), unless the line has `cap` words or
/// more: returns the number of words (`split_whitespace` items) of `s`, counted up to
/// `cap`. `out` holds the whole normalised line when that is below `cap`.
///
/// Normalising keeps the words (white space becomes single spaces, each written just
/// before a word, and nothing else becomes white space), so they are counted as the
/// spaces written plus one. ASCII, most of the text, takes a byte path; other characters
/// are lowered one by one.
fn normalize_words(s: &str, cap: usize, out: &mut String) -> usize {
    out.clear();
    // Most lines of an article are long paragraphs, found long without normalising them.
    if words_at_least(s.as_bytes(), cap) >= cap {
        return cap;
    }
    normalize_counted(s, cap, out)
}

/// The normalising part of `normalize_words`, into an empty `out`.
fn normalize_counted(s: &str, cap: usize, out: &mut String) -> usize {
    let mut space = false; // white space seen since the last character written
    let mut spaces = 0;
    let mut rest = s;
    loop {
        let n = ascii_len(rest.as_bytes());
        let from = out.len();
        push_ascii(&rest[..n], &mut space, out);
        spaces += count_spaces(&out.as_bytes()[from..]);
        rest = &rest[n..];
        let Some(c) = rest.chars().next() else {
            return (spaces + usize::from(!out.is_empty())).min(cap);
        };
        rest = &rest[c.len_utf8()..];
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
            spaces += 1;
        }
        space = false;
        match c {
            '’' | '‘' => out.push('\''),
            '“' | '”' => out.push('"'),
            _ => out.extend(c.to_lowercase()),
        }
    }
}

/// A lower bound of the number of words of `b`, counted until it reaches `cap`: a word
/// starts at each space followed by a printable ASCII byte, and at a printable first
/// byte.
fn words_at_least(b: &[u8], cap: usize) -> usize {
    word_starts_at_least(b, cap, |c| u8::from(c.wrapping_sub(b'!') < 94))
}

/// A lower bound of the number of words of `b` that open with an ASCII letter or digit:
/// the first byte, and each byte after a space.
fn alnum_words_at_least(b: &[u8]) -> usize {
    word_starts_at_least(b, usize::MAX, |c| {
        u8::from(c.wrapping_sub(b'0') < 10) | u8::from((c | 0x20).wrapping_sub(b'a') < 26)
    })
}

/// The first byte of `b` if `opens` (1 or 0) it, and each byte after a space that `opens`,
/// counted until `cap` is reached. Pairs of bytes are tested in blocks of 64 without early
/// exit, so that the loop vectorises.
#[inline(always)]
fn word_starts_at_least(b: &[u8], cap: usize, opens: impl Fn(u8) -> u8) -> usize {
    let Some(&first) = b.first() else {
        return 0;
    };
    let mut n = usize::from(opens(first));
    for (prev, next) in b.chunks(64).zip(b[1..].chunks(64)) {
        if n >= cap {
            break;
        }
        let starts = prev
            .iter()
            .zip(next)
            .fold(0u8, |n, (&p, &c)| n + (u8::from(p == b' ') & opens(c)));
        n += usize::from(starts);
    }
    n
}

/// Whether `line`, of more than `MAX_WORDS_REPEAT` words, is known to be article text
/// without normalising it (most quoted paragraphs of an article): a quotation mark rules
/// out every test a line that long can still meet but the whole-line entries, the rules
/// and credited captions. Those are ruled out on the raw line:
/// * `k` words opening with an ASCII letter or digit keep their first char in the key, so
///   the key spans at least `2k - 1` bytes (the `k - 1` first of them whole, with their
///   spaces), longer than every whole-line entry, and the line is no rule;
/// * a credited caption ends with ')' once '.' and white space are dropped, and
///   normalising maps only ')' to ')', only '.' to '.' and only white space to ' '.
fn quoted_body(line: &str, lex: &Lexicon) -> bool {
    let k = alnum_words_at_least(line.as_bytes());
    2 * k > lex.line_max + 1
        && has_quote(line)
        && !line
            .trim_end_matches(|c: char| c == '.' || c.is_whitespace())
            .ends_with(')')
}

/// The number of b' ' in `b`, eight bytes at a time: a byte equal to the space is zero
/// after the XOR, found exactly (no carries between bytes) by the add-and-mask test.
fn count_spaces(b: &[u8]) -> usize {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const SPACES: u64 = 0x2020_2020_2020_2020;
    let mut chunks = b.chunks_exact(8);
    let mut n = 0;
    for c in &mut chunks {
        let x = u64::from_le_bytes(c.try_into().expect("8 bytes")) ^ SPACES;
        let nonzero = ((x & LOW7) + LOW7) | x;
        n += (!nonzero & !LOW7).count_ones() as usize;
    }
    n + chunks.remainder().iter().filter(|&&c| c == b' ').count()
}

/// The ASCII part of `normalize_words`: white space collapses into one space, letters
/// are lowered, a backtick becomes an apostrophe. A plain run (the common case) is
/// copied and lowered whole; others go byte by byte.
fn push_ascii(run: &str, space: &mut bool, out: &mut String) {
    if plain_ascii(run.as_bytes()) {
        if run.starts_with(' ') {
            *space = true;
        }
        let body = run.trim_matches(' ');
        if !body.is_empty() {
            if *space && !out.is_empty() {
                out.push(' ');
            }
            let from = out.len();
            out.push_str(body);
            out[from..].make_ascii_lowercase();
            *space = run.ends_with(' ');
        }
        return;
    }
    out.reserve(run.len());
    for &c in run.as_bytes() {
        if is_ascii_space(c) {
            *space = true;
            continue;
        }
        if *space && !out.is_empty() {
            out.push(' ');
        }
        *space = false;
        out.push(if c == b'`' {
            '\''
        } else {
            char::from(c.to_ascii_lowercase())
        });
    }
}

/// A normalised line reduced to compare with whole-line entries: surrounding
/// punctuation, bullets and arrows dropped.
fn key(norm: &str) -> String {
    key_str(norm).to_owned()
}

fn key_str(norm: &str) -> &str {
    norm.trim_matches(|c: char| {
        !(c.is_alphanumeric() || c == '\'' || c == '(' || c == ')' || c == '@')
    })
}

/// Why a line is furniture (kept for tests and debugging).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cue {
    Line,
    Credit,
    CallToAction,
    Date,
    Counter,
    Byline,
    Handle,
    Rule,
    Promo,
    /// One promotional phrase: furniture only next to other furniture.
    WeakPromo,
}

impl Cue {
    fn strong(self) -> bool {
        self != Cue::WeakPromo
    }
}

/// Classifies one line (or block) on its own.
pub fn classify(line: &str, lex: &Lexicon) -> Option<Cue> {
    let mut norm = String::new();
    let words = normalize_words(line, WORD_CAP, &mut norm);
    classify_norm(line, words, &norm, lex)
}

/// `classify` of a line of `words` words normalised into `norm`, as
/// `normalize_words(line, WORD_CAP, norm)` leaves them.
fn classify_norm(line: &str, words: usize, norm: &str, lex: &Lexicon) -> Option<Cue> {
    // Most lines of an article are long paragraphs: past every length limit only a
    // credited caption can still be furniture, so skip the lexicon passes (`norm` is only
    // the start of such a line).
    if words > MAX_WORDS_PROMO {
        let tail = line.trim_end_matches(['.', ' ']);
        return (tail.ends_with(')') && is_credited_caption(&normalize(tail), lex))
            .then_some(Cue::Credit);
    }
    if norm.is_empty() {
        return None;
    }
    if !norm.chars().any(char::is_alphanumeric) {
        return Some(Cue::Rule);
    }
    let key = key_str(norm);
    if key.len() <= lex.line_max && lex.line.contains(key) {
        return Some(Cue::Line);
    }
    // (Normalising keeps the words: white space becomes single spaces, nothing else
    // becomes white space, so `words` is also the word count of `norm`.)
    // The quotation-mark scan runs at most once, when a test needs it.
    let mut quoted = None;
    let mut has_quote = || *quoted.get_or_insert_with(|| has_quote(line));
    if words <= MAX_WORDS_CREDIT && !has_quote() && has_credit(norm, lex) {
        return Some(Cue::Credit);
    }
    if is_credited_caption(norm, lex) {
        return Some(Cue::Credit);
    }
    if words <= 4 && is_counter(norm) {
        return Some(Cue::Counter);
    }
    if words <= 16 && is_date_line(norm) {
        return Some(Cue::Date);
    }
    if words <= 9 && is_byline(line) {
        return Some(Cue::Byline);
    }
    if words <= 2 && is_handle(norm) {
        return Some(Cue::Handle);
    }
    if words <= MAX_WORDS_CTA && !has_quote() && starts_call_to_action(norm, lex) {
        return Some(Cue::CallToAction);
    }
    if words <= MAX_WORDS_PROMO && !has_quote() {
        let mut found = HashSet::default();
        for m in lex.promo.find_iter(norm) {
            if at_word_bounds(norm, m.start(), m.end()) {
                found.insert(m.pattern());
            }
        }
        if found.len() == 1 && words <= SHORT_WORDS {
            return Some(Cue::Promo);
        }
        if !found.is_empty() {
            return Some(Cue::WeakPromo);
        }
    }
    None
}

fn has_quote(s: &str) -> bool {
    // The same test as `s.contains(['"', '“', '”', '«', '»'])` on the UTF-8 bytes (a
    // multi-byte sequence cannot match inside another character), without decoding every
    // char of the line: this runs on most lines of an article.
    let b = s.as_bytes();
    memchr::memchr3_iter(b'"', 0xC2, 0xE2, b).any(|i| match b[i] {
        b'"' => true,
        // « U+00AB, » U+00BB
        0xC2 => matches!(b.get(i + 1), Some(0xAB | 0xBB)),
        // “ U+201C, ” U+201D
        _ => b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x9C | 0x9D)),
    })
}

/// A caption: ends with a parenthesis that holds a credit, "(AP Photo/Alan Diaz, File)".
fn is_credited_caption(norm: &str, lex: &Lexicon) -> bool {
    let t = norm.trim_end_matches(['.', ' ']);
    let Some(body) = t.strip_suffix(')') else {
        return false;
    };
    let Some(open) = body.rfind('(') else {
        return false;
    };
    let inner = &t[open..];
    inner.split_whitespace().count() <= 8 && has_credit(inner, lex)
}

fn has_credit(norm: &str, lex: &Lexicon) -> bool {
    lex.credit
        .find_iter(norm)
        .any(|m| at_word_bounds(norm, m.start(), m.end()))
}

/// The match neither starts nor ends inside a word ("subscription" is not in "oversubscription").
fn at_word_bounds(s: &str, start: usize, end: usize) -> bool {
    let alnum_before = s[..start]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    let first_alnum = s[start..].chars().next().is_some_and(char::is_alphanumeric);
    let alnum_after = s[end..].chars().next().is_some_and(char::is_alphanumeric);
    let last_alnum = s[..end]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    !((alnum_before && first_alnum) || (alnum_after && last_alnum))
}

/// "Image 1 of 8", "1 of 8", "3/12".
fn is_counter(norm: &str) -> bool {
    let mut digits = 0;
    for w in norm.split(|c: char| c.is_whitespace() || c == '/') {
        match w {
            "" | "of" | "image" | "photo" | "slide" | "picture" | "/" => {}
            w if w.chars().all(|c| c.is_ascii_digit()) => digits += 1,
            _ => return false,
        }
    }
    digits >= 1 && (norm.contains(" of ") || norm.contains('/'))
}

#[rustfmt::skip]
const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
    // French, German, Spanish, Portuguese, Italian
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre", "januar", "februar", "märz", "juni", "juli", "oktober",
    "dezember", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
    "septiembre", "octubre", "noviembre", "diciembre", "janeiro", "fevereiro", "março", "maio",
    "junho", "julho", "setembro", "outubro", "novembro", "dezembro", "gennaio", "febbraio",
    "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre",
];
#[rustfmt::skip]
const DATE_WORDS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "am", "pm", "a", "p", "m", "gmt",
    "utc", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "bst", "cet", "cest", "et",
    "pt", "ct", "at", "on", "updated", "published", "posted", "last", "modified", "first",
    "date", "time", "ago", "day", "days", "hour", "hours", "hr", "hrs", "minute", "minutes",
    "min", "mins", "second", "seconds", "week", "weeks", "month", "months", "year", "years",
    "yesterday", "today", "and", "th", "st", "nd", "rd", "de", "às", "le", "el", "um", "h",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "montag",
    "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "lunes", "martes",
    "miércoles", "jueves", "viernes", "sábado", "domingo", "segunda", "terça", "quarta",
    "quinta", "sexta", "feira", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì",
    "sabato", "domenica", "del", "der", "uhr", "à", "alle", "ore",
];

/// `MONTHS` and `DATE_WORDS` as sets: probed for the first words of most short lines.
fn date_words() -> &'static (HashSet<&'static str>, HashSet<&'static str>) {
    static SETS: OnceLock<(HashSet<&'static str>, HashSet<&'static str>)> = OnceLock::new();
    SETS.get_or_init(|| {
        (
            MONTHS.iter().copied().collect(),
            DATE_WORDS.iter().copied().collect(),
        )
    })
}

/// A line of dates and times only: "Updated 5:27 am CST, Wednesday, November 20, 2019".
fn is_date_line(norm: &str) -> bool {
    let mut has_date = false;
    let mut named = false; // a month, a weekday, am/pm or a stamp word: not just numbers
    let mut starts_stamp = false;
    for (i, w) in norm
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .enumerate()
    {
        if i == 0 && matches!(w, "updated" | "published" | "posted" | "modified" | "last") {
            starts_stamp = true;
        }
        if w.chars().all(|c| c.is_ascii_digit()) {
            has_date = true;
            continue;
        }
        // "20th", "2019年"
        if w.chars().next().is_some_and(|c| c.is_ascii_digit())
            && w.trim_start_matches(|c: char| c.is_ascii_digit()).len() <= 2
        {
            has_date = true;
            continue;
        }
        if date_words().0.contains(w) {
            has_date = true;
            named = true;
            continue;
        }
        if date_words().1.contains(w) {
            named |= w.len() > 2 && w != "and" && w != "del" && w != "der";
            continue;
        }
        if !starts_stamp {
            return false;
        }
        // After "Updated"/"Published" a few foreign words are tolerated (month names in other languages).
        if w.chars().count() > 12 {
            return false;
        }
    }
    has_date && (named || starts_stamp)
}

/// "By Paul Takahashi", "By Jane Roe and John Doe, Reuters" (also Par, Von, Por, Di, Door).
fn is_byline(line: &str) -> bool {
    let t = line.trim();
    let Some(rest) = ["By ", "BY ", "Par ", "Von ", "Por ", "Di ", "Door "]
        .iter()
        .find_map(|p| t.strip_prefix(p))
    else {
        return false;
    };
    if rest.ends_with(['.', '?', '!', ':']) && !rest.ends_with(" Jr.") {
        return false;
    }
    rest.split_whitespace().all(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.is_empty()
            || matches!(w, "and" | "in" | "of" | "de" | "van" | "von" | "da" | "la")
            || w.chars().next().is_some_and(char::is_uppercase)
    })
}

/// An e-mail address or social handle on its own: "paul.takahashi@chron.com", "@trevorjd14".
/// (Bare web addresses are often the article's own references, so they are kept.)
fn is_handle(norm: &str) -> bool {
    norm.split_whitespace()
        .all(|w| (w.contains('@') && !w.ends_with('@')) || w.starts_with("twitter.com/"))
}

/// Some sentence of the line opens with a call to action ("Sign up so we can…").
fn starts_call_to_action(norm: &str, lex: &Lexicon) -> bool {
    if opens_call_to_action(norm, lex) {
        return true;
    }
    // Every other sentence start: after a terminator or separator and white space. The
    // marks are ASCII but '•' (U+2022, E2 80 A2), so bytes suffice, found by `memchr`
    // (in any order: only whether one opens a call to action matters).
    let b = norm.as_bytes();
    let opens_after = |i: usize| {
        let next = match b[i] {
            0xE2 if b[i + 1..].starts_with(&[0x80, 0xA2]) => i + 3,
            0xE2 => return false,
            _ => i + 1,
        };
        let rest = &norm[next..];
        let trimmed = rest.trim_start();
        trimmed.len() < rest.len() && opens_call_to_action(trimmed, lex)
    };
    memchr::memchr3_iter(b'.', b'!', b'?', b).any(opens_after)
        || memchr::memchr3_iter(b'|', b':', 0xE2, b).any(opens_after)
}

/// `sentence` opens with a call to action of the lexicon.
fn opens_call_to_action(sentence: &str, lex: &Lexicon) -> bool {
    let sentence = sentence.trim_start_matches(|c: char| !c.is_alphanumeric());
    let Some(&first) = sentence.as_bytes().first() else {
        return false;
    };
    let (lo, hi) = lex.cta_at[usize::from(first)];
    lex.cta[usize::from(lo)..usize::from(hi)].iter().any(|p| {
        sentence.starts_with(p.as_str())
            && sentence[p.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric() || p.ends_with([' ', '@', ':']))
    })
}

/// Short, and not ending like a sentence: a headline, a label, a button. `words` is the
/// line's number of words, counted up to `WORD_CAP` (`normalize_words`).
fn headline_like(line: &str, words: usize) -> bool {
    (1..=SHORT_WORDS).contains(&words) && !line.trim().ends_with(['.', ',', ';', ':', '"', '”'])
}

/// A heading that opens a list of other stories: from the lexicon, or a short line like
/// "More Great WIRED Stories", "Top stories in Nation", "More from UK".
fn is_section_heading(key: &str, lex: &Lexicon) -> bool {
    if lex.section.contains(key) {
        return true;
    }
    // At most six words, kept without allocating.
    let mut buf = [""; 6];
    let mut n = 0;
    for w in key.split_whitespace() {
        let Some(slot) = buf.get_mut(n) else {
            return false;
        };
        *slot = w;
        n += 1;
    }
    let words = &buf[..n];
    let listy = [
        "stories",
        "articles",
        "news",
        "posts",
        "videos",
        "reads",
        "headlines",
    ];
    let lead = [
        "more",
        "related",
        "top",
        "popular",
        "latest",
        "recommended",
        "trending",
        "other",
    ];
    (words.first() == Some(&"more")
        && words
            .get(1)
            .is_some_and(|w| matches!(*w, "from" | "on" | "in" | "about")))
        || (words.iter().any(|w| lead.contains(w)) && words.iter().any(|w| listy.contains(w)))
}

/// The `key` of `line`, from `norm` as `normalize_words` left it for a line of `words` words
/// (only a line at the cap is normalised again, in full).
fn line_key<'a>(line: &str, words: usize, norm: &'a str) -> Cow<'a, str> {
    if words < WORD_CAP {
        Cow::Borrowed(key_str(norm))
    } else {
        Cow::Owned(key(&normalize(line)))
    }
}

/// Byte spans of the furniture lines of `input.text`.
pub fn detect(input: Input<'_>, lex: &Lexicon) -> Vec<Span> {
    detect_in(input.text, &text::units(input), lex)
}

/// [`detect`] over the units (paragraphs, headings, list items) [`text::units`] cut
/// `text` into, which the analysis cuts once for this and for the [`text::Doc`].
pub fn detect_in(text: &str, units: &[(Span, BlockKind)], lex: &Lexicon) -> Vec<Span> {
    let n = units.len();
    // One pass over the lines, each normalised once: its words, its cue, the headline
    // repeated (a short line seen before; the first one stays), and the first "more
    // stories" heading in the last half.
    let half = text.len() / 2;
    let mut norm = String::new();
    // Sized for every line at once: grown from nothing it rehashed at each doubling.
    let mut seen = HashSet::with_capacity_and_hasher(n, Default::default());
    let mut words = Vec::with_capacity(n);
    let mut repeated = vec![false; n];
    let mut cues: Vec<Option<Cue>> = Vec::with_capacity(n);
    let mut section = None;
    for (i, &(s, kind)) in units.iter().enumerate() {
        let heading = kind == BlockKind::Heading;
        let t = s.text(text);
        norm.clear();
        let w = match words_at_least(t.as_bytes(), WORD_CAP) {
            // Most lines of an article are long paragraphs, found long without normalising.
            w if w >= WORD_CAP => WORD_CAP,
            // Past `MAX_WORDS_REPEAT` words the exact count no longer matters here: no
            // repeat test, not headline-like, and no cue for a quoted paragraph.
            w if w > MAX_WORDS_REPEAT && !heading && quoted_body(t, lex) => {
                words.push(w);
                cues.push(None);
                continue;
            }
            _ => normalize_counted(t, WORD_CAP, &mut norm),
        };
        words.push(w);
        // Imperatives in lists are instructions of the article ("Sign up for the bundle").
        cues.push(
            classify_norm(t, w, &norm, lex)
                .filter(|c| !(*c == Cue::CallToAction && kind == BlockKind::ListItem)),
        );
        if section.is_none()
            && s.start >= half
            && (heading || headline_like(t, w))
            && is_section_heading(&line_key(t, w, &norm), lex)
        {
            section = Some(i);
        }
        if w > MAX_WORDS_REPEAT {
            continue;
        }
        let k = key_str(&norm);
        if !k.is_empty() && !seen.contains(k) {
            seen.insert(k.to_owned());
        } else if !k.is_empty() {
            repeated[i] = true;
        }
    }
    let mut flagged: Vec<bool> = cues
        .iter()
        .zip(&repeated)
        .map(|(c, r)| c.is_some_and(Cue::strong) || *r)
        .collect();

    // A "more stories" heading in the last half: it and all after it.
    if let Some(i) = section {
        for f in &mut flagged[i..] {
            *f = true;
        }
    }

    // After the body: the last ordinary paragraph ends it; from the first strong
    // furniture after it to the end, headline-like lines and the paragraphs under them
    // are promotional boxes between the ads. An ordinary paragraph has no cue, is not
    // headline-like, and is long or not right under a heading.
    let heading_at = |i: usize| {
        !flagged[i]
            && (units[i].1 == BlockKind::Heading || headline_like(units[i].0.text(text), words[i]))
    };
    let ordinary = |i: usize| {
        cues[i].is_none()
            && !flagged[i]
            && !heading_at(i)
            && (words[i] > MAX_WORDS_REPEAT || i == 0 || !heading_at(i - 1))
    };
    if let Some(last_body) = (0..n).rev().find(|&i| ordinary(i))
        && let Some(first) = (last_body + 1..n).find(|&i| flagged[i])
    {
        for i in first..n {
            flagged[i] = true;
            cues[i].get_or_insert(Cue::Promo);
        }
    }
    // Weak promotional lines count when furniture is next to them.
    for i in 0..n {
        if cues[i] == Some(Cue::WeakPromo)
            && ((i > 0 && flagged[i - 1]) || (i + 1 < n && flagged[i + 1]))
        {
            flagged[i] = true;
        }
    }

    units
        .iter()
        .zip(&flagged)
        .filter(|(_, f)| **f)
        .map(|((s, _), _)| *s)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Lexicon {
        Lexicon::builtin()
    }

    fn cue(s: &str) -> Option<Cue> {
        classify(s, &lex())
    }

    fn flagged(text: &str) -> Vec<&str> {
        detect(Input::plain(text), &lex())
            .into_iter()
            .map(|s| s.text(text))
            .collect()
    }

    #[test]
    fn has_quote_matches_the_char_test() {
        for s in [
            "",
            "plain",
            "say \"hi\"",
            "“open",
            "close”",
            "«fr»",
            "‘single’",
            "€100 — ok",
            "\u{2018}\u{201E}",
            "ÂŤ",
            "\u{201B}",
            "\u{00AC}\u{00BA}",
        ] {
            assert_eq!(has_quote(s), s.contains(['"', '“', '”', '«', '»']), "{s:?}");
        }
    }

    /// Strings that take every path of the word counting and normalising fast paths.
    const ODD_SPACING: &[&str] = &[
        "",
        " ",
        "  ",
        "Plain words here",
        " Lead and trail ",
        "Double  space",
        "Tab\there\r\n",
        "v\x0btab",
        "form\x0cfeed",
        "Back`tick ``",
        "nbsp\u{a0}here \u{a0} x",
        "ideo\u{3000}space",
        "“Curly” ‘quotes’ É Straße İstanbul",
        "end with é ",
        "\u{85}nel\u{2028}ls",
        "ÀB CD\u{2009}EF  ",
    ];

    /// The char-by-char normalisation these fast paths replace.
    fn normalize_reference(s: &str) -> String {
        let mut out = String::new();
        let mut space = false;
        for c in s.chars() {
            if c.is_whitespace() {
                space = true;
                continue;
            }
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            match c {
                '’' | '‘' | '`' => out.push('\''),
                '“' | '”' => out.push('"'),
                _ => out.extend(c.to_lowercase()),
            }
        }
        out
    }

    /// The words of `s` up to `cap`, checking that the normalised text is whole below it
    /// and that the quick count is a lower bound.
    fn count_words(s: &str, cap: usize) -> usize {
        assert!(words_at_least(s.as_bytes(), usize::MAX) <= s.split_whitespace().count());
        let mut norm = String::new();
        let words = normalize_words(s, cap, &mut norm);
        if words < cap {
            assert_eq!(norm, normalize_reference(s), "{s:?}");
        }
        words
    }

    #[test]
    fn words_and_normalising_match_the_char_by_char_definitions_for_every_char() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            for s in [format!("a{c}b"), format!("{c} X{c}{c}"), format!("{c}")] {
                let words = s.split_whitespace().count();
                assert_eq!(count_words(&s, 100), words, "{c:?} in {s:?}");
            }
        }
    }

    #[test]
    fn word_counts_of_long_lines() {
        for len in [1, 2, 100, 127, 128, 129, 130, 255, 256, 257, 300, 511, 770] {
            for (i, unit) in ["a ", "Ab  ", " “x”\t", "é\u{a0}", "b`c "]
                .iter()
                .enumerate()
            {
                let s: String = unit.repeat(len / unit.len() + 1)[..]
                    .chars()
                    .take(len)
                    .collect();
                let words = s.split_whitespace().count();
                assert_eq!(count_words(&s, 1000), words, "{i} {len}");
                for cap in [1, 2, 46] {
                    assert_eq!(count_words(&s, cap), words.min(cap), "{i} {len} {cap}");
                }
            }
        }
    }

    #[test]
    fn count_spaces_counts_every_space_and_nothing_else() {
        for v in 0..=255u8 {
            for len in 0..20 {
                for at in 0..len {
                    let mut b = vec![b'x'; len];
                    b[at] = v;
                    let expect = usize::from(v == b' ');
                    assert_eq!(count_spaces(&b), expect, "{v:#x} at {at} of {len}");
                }
            }
        }
        assert_eq!(count_spaces(b"  a  b c   d e f g h i  "), 15);
    }

    #[test]
    fn fast_paths_match_the_char_by_char_definitions() {
        for s in ODD_SPACING {
            let words = s.split_whitespace().count();
            assert_eq!(count_words(s, 100), words, "{s:?}");
            assert_eq!(count_words(s, 2), words.min(2), "{s:?}");
            assert_eq!(normalize(s), normalize_reference(s), "{s:?}");
        }
    }

    #[test]
    fn quoted_paragraphs_are_known_without_normalising() {
        let lex = lex();
        let line = "“We will not stop until every one of the people who did this is found and brought to justice in the courts,” the minister said on Friday.";
        assert!(line.split_whitespace().count() > MAX_WORDS_REPEAT);
        assert!(quoted_body(line, &lex));
        assert!(!quoted_body(&line.replace(['“', '”'], ""), &lex));
        assert!(!quoted_body(&format!("{line} (AP Photo) ."), &lex));
        assert!(!quoted_body("“Short,” he said.", &lex));
    }

    #[test]
    fn alnum_word_starts_are_counted_from_below() {
        for s in ODD_SPACING
            .iter()
            .copied()
            .chain(["9 a b", "x", " -a -b 1 é", "A\tB C"])
        {
            let exact = s
                .split(' ')
                .filter(|w| w.bytes().next().is_some_and(|c| c.is_ascii_alphanumeric()))
                .count();
            assert_eq!(alnum_words_at_least(s.as_bytes()), exact, "{s:?}");
        }
    }

    proptest::proptest! {
        // About one generated line in ten is long and quoted enough for the fast path.
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]

        /// A line `quoted_body` takes as article text is what normalising and classifying
        /// it would find: no cue, too many words for the repeat and headline tests, and a
        /// key longer than every whole-line entry.
        #[test]
        fn quoted_body_is_what_classifying_finds(
            parts in proptest::collection::vec((0usize..32, 0usize..8), 26..60),
            tail in 0usize..7,
        ) {
            // Half plain words, so that many lines are long enough for the fast path.
            const TOKENS: [&str; 32] = [
                "word", "Word", "9", "“quote", "end”", "(AP", "Photo)", ")", ".", "-", "—",
                "’s", "é", "Ünï", "\"", "«", "»", "Remove Ads", "sign up", "newsletter",
                "@x", "By", "Advertisement", "(Image: GETTY)", "the", "a", "said", "It",
                "2019", "of", "in", "to",
            ];
            const SEPS: [&str; 8] = [" ", " ", " ", " ", "  ", "\t", "\u{a0}", " \u{2009}"];
            const TAILS: [&str; 7] = ["", ".", ")", ") .", ")\t.", " )", "\u{a0}."];
            let mut line = String::new();
            for (t, sep) in parts {
                line.push_str(TOKENS[t]);
                line.push_str(SEPS[sep]);
            }
            line.push_str(TAILS[tail]);
            let line = line.trim();
            let lex = lex();
            let w = words_at_least(line.as_bytes(), WORD_CAP);
            if w > MAX_WORDS_REPEAT && quoted_body(line, &lex) {
                proptest::prop_assert_eq!(classify(line, &lex), None, "{:?}", line);
                let words = line.split_whitespace().count();
                proptest::prop_assert!(words > MAX_WORDS_REPEAT);
                let norm = normalize(line);
                proptest::prop_assert!(key_str(&norm).len() > lex.line_max, "{:?}", line);
                proptest::prop_assert!(!is_credited_caption(&norm, &lex), "{:?}", line);
            }
        }
    }

    #[test]
    fn whole_line_entries() {
        assert_eq!(cue("Remove Ads"), Some(Cue::Line));
        assert_eq!(cue("  ADVERTISEMENT  "), Some(Cue::Line));
        assert_eq!(cue("Share this article:"), Some(Cue::Line));
        assert_eq!(cue("Remove the ads from the site, he said."), None);
    }

    #[test]
    fn credits_and_captions() {
        assert_eq!(cue("AP Photo/Andy Wong"), Some(Cue::Credit));
        assert_eq!(cue("Photo: Hau Dinh, AP"), Some(Cue::Credit));
        assert_eq!(
            cue("(Photo by Kevin Mazur/Getty Images)"),
            Some(Cue::Credit)
        );
        assert_eq!(
            cue(
                "Vicente Aguiar loads garage door trims into his pickup truck outside a Home Depot in Hialeah, Fla. (AP Photo/Alan Diaz, File)"
            ),
            Some(Cue::Credit)
        );
        assert_eq!(
            cue("The plague wiped out half of Europe (Image: GETTY)"),
            Some(Cue::Credit)
        );
        assert_eq!(
            cue(
                "The agency said the photo by the soldier was genuine and that it had checked the metadata of the file."
            ),
            None
        );
    }

    #[test]
    fn calls_to_action() {
        assert_eq!(
            cue("Big Tech is censoring us. Sign up so we can always stay in touch."),
            Some(Cue::CallToAction)
        );
        assert_eq!(
            cue("CLICK HERE TO GET THE FOX NEWS APP"),
            Some(Cue::CallToAction)
        );
        assert_eq!(cue("Subscribe to our newsletter"), Some(Cue::CallToAction));
        // After each kind of sentence mark.
        for line in [
            "Great story | Subscribe now",
            "Breaking • Sign up today",
            "Liked it? Click here",
            "Wow! Tap here",
            "Note: download the app",
        ] {
            assert_eq!(cue(line), Some(Cue::CallToAction), "{line}");
        }
        assert_ne!(cue("Breaking•Click here for"), Some(Cue::CallToAction));
        // One promotional phrase in a sentence is only a weak cue (it needs furniture around it).
        assert!(
            !cue("Millions of people sign up for the service each year, the company said.")
                .is_some_and(Cue::strong)
        );
        assert_eq!(cue("“Sign up now,” the poster said."), None);
    }

    #[test]
    fn dates_counters_bylines_handles() {
        assert_eq!(
            cue("Updated 5:27 am CST, Wednesday, November 20, 2019"),
            Some(Cue::Date)
        );
        assert_eq!(cue("PUBLISHED: 00:01, Tue, Nov 19, 2019"), Some(Cue::Date));
        assert_eq!(cue("Published 1 day ago"), Some(Cue::Date));
        assert_eq!(cue("May 5 was the day it all began."), None);
        assert_eq!(cue("02-751-1500"), None);
        assert_eq!(cue("Image 1 of 8"), Some(Cue::Counter));
        assert_eq!(cue("By Paul Takahashi"), Some(Cue::Byline));
        assert_eq!(cue("By Tuesday, most had left."), None);
        assert_eq!(cue("paul.takahashi@chron.com"), Some(Cue::Handle));
        assert_eq!(cue("___"), Some(Cue::Rule));
    }

    #[test]
    fn promotions() {
        assert_eq!(
            cue(
                "Applications are now open for the third annual conference. This is an all-expenses-paid opportunity!"
            ),
            Some(Cue::WeakPromo)
        );
        assert_eq!(cue("Sign up for our newsletter"), Some(Cue::CallToAction));
        assert_eq!(cue("Get the best deals in your inbox"), Some(Cue::Promo));
        assert_eq!(
            cue(
                "Heavy oversubscription from small investors can result in them getting a small allocation."
            ),
            None
        );
        assert_eq!(
            cue(
                "The company's newsletter reached two million readers last year, according to its annual report, which was published on Monday."
            ),
            Some(Cue::WeakPromo)
        );
    }

    #[test]
    fn repeated_headline_and_trailing_promotion() {
        let text = "Minister resigns\n\nMinister resigns\nAP Photo/Jane Doe\n\nThe minister resigned on Friday.\n\nWhat happens next\nA successor will be named soon.\n\nRemove Ads\nJoin Our Conference\nApplications are open for young writers. Do not miss it!\nStay Free\n";
        assert_eq!(
            flagged(text),
            vec![
                "Minister resigns",
                "AP Photo/Jane Doe",
                "Remove Ads",
                "Join Our Conference",
                "Applications are open for young writers. Do not miss it!",
                "Stay Free",
            ]
        );
        // The second "Minister resigns" is the flagged one.
        assert_eq!(detect(Input::plain(text), &lex())[0].start, 18);
    }

    #[test]
    fn article_ending_with_subheading_is_kept() {
        let text = "Title here\n\nFirst paragraph of the story.\n\nWhat happens next\nThe successor will be named.\n\nShare this article\n";
        assert_eq!(flagged(text), vec!["Share this article"]);
    }

    #[test]
    fn section_headings() {
        let l = lex();
        assert!(is_section_heading("more great wired stories", &l));
        assert!(is_section_heading("top stories in nation", &l));
        assert!(is_section_heading("more from uk", &l));
        assert!(is_section_heading("you may also like", &l));
        assert!(!is_section_heading("more people are moving", &l));
        assert_eq!(
            cue("segunda-feira, 22 de janeiro de 2018 às 0:13"),
            Some(Cue::Date)
        );
    }

    #[test]
    fn more_stories_section_late_in_text() {
        let text = "A long first paragraph of the article that goes on for a while to take up space.\nAnother paragraph of the article, again fairly long to take up space here.\nMost Read\nSome other story\nAnother story\n";
        assert_eq!(
            flagged(text),
            vec!["Most Read", "Some other story", "Another story"]
        );
    }

    #[test]
    fn seed_like_article_body_is_not_flagged() {
        let body = [
            "Some analysts speculate that the official has defected to the United States following rumours that began in recent weeks.",
            "The Daily Beast reported:",
            "“But Beijing might have a much bigger problem on its hands,” he added.",
            "Speaking to Newsmax last week, one analyst said that if he defected, it could lead to “the fall of the Communist Party.”",
        ];
        for l in body {
            assert_eq!(cue(l), None, "{l}");
        }
        let text = body.join("\n");
        assert!(flagged(&text).is_empty());
    }

    #[test]
    fn blocks_are_used_when_given() {
        use crate::model::Block;
        let text = "Heading\n\nBody text of the article, long enough.\n\nAdvertisement";
        let blocks = [
            Block {
                kind: BlockKind::Heading,
                span: Span::new(0, 7),
            },
            Block {
                kind: BlockKind::Paragraph,
                span: Span::new(9, 47),
            },
            Block {
                kind: BlockKind::Paragraph,
                span: Span::new(49, 62),
            },
        ];
        let got = detect(
            Input {
                text,
                blocks: &blocks,
            },
            &lex(),
        );
        assert_eq!(got, vec![Span::new(49, 62)]);
    }
}
