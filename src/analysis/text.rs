//! Paragraphs and sentences: the units every other analysis step works in.

use std::sync::OnceLock;

use super::{Input, WordSet};
use crate::model::{BlockKind, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    pub kind: BlockKind,
    /// Page furniture: kept for display, skipped by the analysis.
    pub boilerplate: bool,
}

/// An article cut into paragraphs and sentences. Sentences never cross paragraphs
/// and are never taken from boilerplate.
#[derive(Clone, Debug)]
pub struct Doc<'a> {
    pub text: &'a str,
    pub paragraphs: Vec<Paragraph>,
    /// Sorted, non-overlapping, trimmed of surrounding white space.
    pub sentences: Vec<Span>,
}

impl<'a> Doc<'a> {
    pub fn new(input: Input<'a>, boilerplate: &[Span]) -> Self {
        Self::with_units(input.text, units(input), boilerplate)
    }

    /// The document over the units [`units`] cut `text` into.
    pub fn with_units(text: &'a str, raw: Vec<(Span, BlockKind)>, boilerplate: &[Span]) -> Self {
        let paragraphs: Vec<Paragraph> = raw
            .into_iter()
            .map(|(span, kind)| Paragraph {
                span,
                kind,
                boilerplate: covered(boilerplate, span),
            })
            .collect();
        // News runs about 130 bytes a sentence: sized once rather than regrown from nothing.
        let mut sentences = Vec::with_capacity(text.len() / 100 + 8);
        for p in paragraphs.iter().filter(|p| !p.boilerplate) {
            split_sentences(text, p.span, &mut sentences);
        }
        Doc {
            text,
            paragraphs,
            sentences,
        }
    }

    pub fn slice(&self, span: Span) -> &'a str {
        span.text(self.text)
    }

    /// The paragraph holding byte `pos`, if any.
    pub fn paragraph_at(&self, pos: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.span.end <= pos);
        (i < self.paragraphs.len() && self.paragraphs[i].span.start <= pos).then_some(i)
    }

    /// The sentence holding byte `pos`, if any.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= pos);
        (i < self.sentences.len() && self.sentences[i].start <= pos).then_some(i)
    }
}

/// The units of an article, trimmed and non-empty: its blocks when the importer knows
/// them, else its lines.
pub fn units(input: Input<'_>) -> Vec<(Span, BlockKind)> {
    let text = input.text;
    if input.blocks.is_empty() {
        lines(text).map(|s| (s, BlockKind::Paragraph)).collect()
    } else {
        input
            .blocks
            .iter()
            .map(|b| (trim(text, b.span), b.kind))
            .filter(|(s, _)| !s.is_empty())
            .collect()
    }
}

/// Whether `span` lies inside one of `sorted` (non-overlapping spans sorted by start).
pub fn covered(sorted: &[Span], span: Span) -> bool {
    let i = sorted.partition_point(|b| b.start <= span.start);
    i > 0 && sorted[i - 1].end >= span.end
}

/// Non-blank lines, trimmed: in plain text every line break starts a new paragraph
/// (scraped text puts captions and furniture on lines of their own). The line breaks are
/// found by `memchr` (vectorised): every stage that reads plain text by lines starts here.
pub fn lines(text: &str) -> impl Iterator<Item = Span> + '_ {
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    let mut start = 0;
    ends.filter_map(move |end| {
        let line = trim(text, Span::new(start, end));
        start = end + 1;
        (!line.is_empty()).then_some(line)
    })
}

/// Whether the char just before byte `i` of `text` is a letter or a digit (a word goes on
/// there); ASCII is answered without decoding.
pub fn alnum_before(text: &str, i: usize) -> bool {
    match text.as_bytes()[..i].last() {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric),
    }
}

/// Whether the char at byte `i` of `text` is a letter or a digit; ASCII is answered
/// without decoding.
pub fn alnum_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[i..].chars().next().is_some_and(char::is_alphanumeric),
    }
}

pub fn trim(text: &str, span: Span) -> Span {
    let s = span.text(text);
    let start = span.start + (s.len() - trim_start(s).len());
    let end = span.end - (s.len() - trim_end(s).len());
    Span::new(start, end.max(start))
}

/// Whether `b` is ASCII white space as `char::is_whitespace` has it.
pub(crate) fn ascii_space(b: &u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// `str::trim_start`, the ASCII white space that nearly always stands there skipped by
/// bytes (`trim_start` decodes every char; this runs at every sentence).
pub(crate) fn trim_start(s: &str) -> &str {
    let rest = &s[s.bytes().take_while(ascii_space).count()..];
    if rest.as_bytes().first().is_some_and(|b| !b.is_ascii()) {
        rest.trim_start()
    } else {
        rest
    }
}

/// `s.split_whitespace().next()`, read by bytes while they are ASCII (the rules ask it of
/// the words around most cues, and splitting decodes every char).
pub(crate) fn first_word(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    let start = b.iter().take_while(|c| ascii_space(c)).count();
    let len = b[start..]
        .iter()
        .take_while(|&&c| c.is_ascii() && !ascii_space(&c))
        .count();
    match b.get(start + len) {
        Some(c) if !c.is_ascii() => s.split_whitespace().next(),
        _ => (len > 0).then(|| &s[start..start + len]),
    }
}

/// `s.split_whitespace().next_back()`, by bytes as [`first_word`].
pub(crate) fn last_word_of(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    let end = b.len() - b.iter().rev().take_while(|c| ascii_space(c)).count();
    let len = b[..end]
        .iter()
        .rev()
        .take_while(|&&c| c.is_ascii() && !ascii_space(&c))
        .count();
    match b[..end - len].last() {
        Some(c) if !c.is_ascii() => s.split_whitespace().next_back(),
        _ => (len > 0).then(|| &s[end - len..end]),
    }
}

/// `str::trim_end`, by bytes as [`trim_start`].
pub(crate) fn trim_end(s: &str) -> &str {
    let rest = &s[..s.len() - s.bytes().rev().take_while(ascii_space).count()];
    if rest.as_bytes().last().is_some_and(|b| !b.is_ascii()) {
        rest.trim_end()
    } else {
        rest
    }
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "col", "lt", "sgt", "capt", "cmdr",
    "adm", "gov", "sen", "rep", "rev", "hon", "pres", "supt", "insp", "det", "no", "vs", "etc",
    "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "mt", "ft", "fig", "approx", "dept", "univ", "assn", "bros", "e.g", "i.e",
    "a.m", "p.m", "u.s", "u.k", "u.n", "d.c", "ph.d",
];

fn is_closing_punct(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '›')
}

/// Splits `para` into sentences, appending trimmed spans to `out`.
///
/// A sentence ends at `.`, `!` or `?` (plus any closing quotes and brackets) followed by
/// white space and then something that can start a sentence, unless the full stop
/// belongs to an abbreviation or an initial ("U.S.", "Dr.", "J.").
pub fn split_sentences(text: &str, para: Span, out: &mut Vec<Span>) {
    let s = para.text(text);
    let mut start = 0;
    let mut from = 0;
    // Most paragraphs have no ellipsis: their terminators are found by a SIMD search.
    let ellipsis = has_ellipsis(s.as_bytes());
    while let Some((i, c)) = next_terminator(s, from, ellipsis) {
        // Swallow repeated terminators and closing quotes/brackets.
        let mut end = i + c.len_utf8();
        for d in s[end..].chars() {
            if is_terminator(d) || is_closing_punct(d) {
                end += d.len_utf8();
            } else {
                break;
            }
        }
        from = end;
        // Must be followed by white space, then a plausible sentence start.
        let rest = &s[end..];
        // Trimmed once: `trim_start` decodes chars, and most stops are followed by a space.
        let after_ws = trim_start(rest);
        if after_ws.len() == rest.len() {
            continue;
        }
        let next = after_ws.chars().next();
        let starts_sentence = match next {
            None => false,
            Some(n) => {
                n.is_uppercase()
                    || n.is_numeric()
                    || matches!(n, '"' | '“' | '‘' | '\'' | '(' | '[' | '—' | '-')
            }
        };
        if !starts_sentence {
            continue;
        }
        if c == '.'
            && end == i + 1
            && is_abbreviation(&s[start..i])
            && !abbreviation_ends_sentence(&s[start..i], after_ws)
        {
            continue;
        }
        push_trimmed(text, Span::new(para.start + start, para.start + end), out);
        start = end;
    }
    if start < s.len() {
        push_trimmed(text, Span::new(para.start + start, para.end), out);
    }
}

/// Whether `b` holds '…' (E2 80 A6), found by a SIMD search for its last byte, which
/// English text hardly has otherwise (`str::contains` searched a word at a time).
fn has_ellipsis(b: &[u8]) -> bool {
    memchr::memchr_iter(0xA6, b).any(|i| i >= 2 && b[i - 2] == 0xE2 && b[i - 1] == 0x80)
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// The first sentence terminator at or after byte `from` (a char boundary), found by
/// bytes: every paragraph is scanned, and decoding each char cost more than the rest of
/// the splitting. Three are ASCII; '…' (U+2026) is E2 80 A6, and E2 only starts chars.
/// Without `ellipsis` (none in `s`), only the three ASCII ones are looked for.
fn next_terminator(s: &str, from: usize, ellipsis: bool) -> Option<(usize, char)> {
    let b = s.as_bytes();
    if !ellipsis {
        let i = from + memchr::memchr3(b'.', b'!', b'?', &b[from..])?;
        return Some((i, char::from(b[i])));
    }
    let mut i = from;
    loop {
        i += b[i..]
            .iter()
            .position(|&c| matches!(c, b'.' | b'!' | b'?' | 0xE2))?;
        match b[i] {
            0xE2 if b[i + 1..].starts_with(&[0x80, 0xA6]) => return Some((i, '…')),
            0xE2 => i += 1,
            c => return Some((i, char::from(c))),
        }
    }
}

fn push_trimmed(text: &str, span: Span, out: &mut Vec<Span>) {
    let t = trim(text, span);
    if !t.is_empty() {
        out.push(t);
    }
}

/// Abbreviations that can close a sentence ("to the U.S." "and so on, etc."), unlike
/// titles ("Dr.", "Mr.") and initials, which always have a name after them.
const FINAL_ABBREVIATIONS: &[&str] = &[
    "u.s", "u.k", "u.n", "d.c", "a.m", "p.m", "etc", "inc", "ltd", "co", "corp", "jr", "sr",
];

/// Words that open sentences and rarely follow a mid-sentence abbreviation: after "the
/// U.S." a capitalised "The" or "He" starts a new sentence, while "U.S. Army" does not.
const SENTENCE_OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "this",
    "that",
    "these",
    "those",
    "but",
    "and",
    "in",
    "on",
    "at",
    "as",
    "his",
    "her",
    "their",
    "its",
    "there",
    "however",
    "meanwhile",
    "after",
    "when",
    "while",
    "if",
    "some",
    "many",
    "no",
    "one",
];

fn abbreviation_ends_sentence(before: &str, rest: &str) -> bool {
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    if !in_list(FINAL_ABBREVIATIONS, word) {
        return false;
    }
    let next: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    next.chars().next().is_some_and(char::is_uppercase)
        && SENTENCE_OPENERS.contains(&next.to_lowercase().as_str())
}

/// Whether `word` lower-cased is in `list` (of lower-case words), without allocating for
/// ASCII words: this runs at every full stop.
fn in_list(list: &[&str], word: &str) -> bool {
    if word.is_ascii() {
        list.iter().any(|w| w.eq_ignore_ascii_case(word))
    } else {
        list.contains(&word.to_lowercase().as_str())
    }
}

/// `in_list(ABBREVIATIONS, word)` by a hash look-up: asked at most full stops, and
/// comparing the word with each of the list's 63 entries cost more than the rest of the
/// sentence splitting. ASCII words are lower-cased on the stack; a word longer than every
/// entry is turned away at once.
pub(crate) fn is_listed_abbreviation(word: &str) -> bool {
    const LONGEST: usize = 8;
    // The entries, and per length the first letters they have: most words before a full
    // stop are ordinary ("said.", "year."), and a word whose length and first letter no
    // entry has is turned away before it is lower-cased and hashed.
    static LISTED: OnceLock<(WordSet<&'static str>, [u32; LONGEST + 1])> = OnceLock::new();
    let (set, firsts) = LISTED.get_or_init(|| {
        assert!(ABBREVIATIONS.iter().all(|w| w.len() <= LONGEST));
        let mut firsts = [0u32; LONGEST + 1];
        for w in ABBREVIATIONS {
            firsts[w.len()] |= letter_bit(w.as_bytes()[0]);
        }
        (ABBREVIATIONS.iter().copied().collect(), firsts)
    });
    if !word.is_ascii() {
        return set.contains(word.to_lowercase().as_str());
    }
    if word.len() > LONGEST {
        return false;
    }
    if firsts[word.len()] & word.bytes().next().map_or(0, letter_bit) == 0 {
        return false;
    }
    let mut buf = [0u8; LONGEST];
    let low = &mut buf[..word.len()];
    low.copy_from_slice(word.as_bytes());
    low.make_ascii_lowercase();
    std::str::from_utf8(low).is_ok_and(|w| set.contains(w))
}

/// A bit for each ASCII letter (either case), none for any other byte.
fn letter_bit(b: u8) -> u32 {
    let l = b.to_ascii_lowercase();
    if l.is_ascii_lowercase() {
        1 << (l - b'a')
    } else {
        0
    }
}

/// The word that ends `before`: back to white space or one of `opens` (opening brackets and
/// quotation marks). Read by bytes, for this runs at every full stop: words are short and
/// nearly always ASCII, and decoding chars backwards cost more than the rest of the test.
pub(crate) fn word_at_end<'s>(before: &'s str, opens: &[char]) -> &'s str {
    for (k, &b) in before.as_bytes().iter().enumerate().rev() {
        if !b.is_ascii() {
            return before
                .rsplit(|c: char| c.is_whitespace() || opens.contains(&c))
                .next()
                .unwrap_or("");
        }
        if ascii_space(&b) || opens.contains(&char::from(b)) {
            return &before[k + 1..];
        }
    }
    before
}

/// What opens the word before a full stop that sentence splitting weighs.
const WORD_OPENS: [char; 4] = ['(', '"', '“', '‘'];

/// Whether the word just before a full stop is an abbreviation or a single initial.
fn is_abbreviation(before: &str) -> bool {
    let word = word_at_end(before, &WORD_OPENS);
    if word.is_empty() {
        return false;
    }
    if is_listed_abbreviation(word) {
        return true;
    }
    let mut chars = word.chars();
    // A single capital initial: "J. Smith".
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_uppercase()
    {
        return true;
    }
    // Dotted acronyms: "U.S", "D.C", "a.m".
    word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Read by bytes, the word before a stop is the one the char search finds.
        #[test]
        fn the_last_word_is_read_as_by_chars(
            s in "[a-zA-Z(\"“‘\t\n\x0b\x0c\r \u{a0}\u{2009}\u{85}éД.]{0,24}",
        ) {
            let opens = |c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘');
            proptest::prop_assert_eq!(word_at_end(&s, &WORD_OPENS), s.rsplit(opens).next().unwrap_or(""));
        }

        /// The filter by length and first letter turns away no listed abbreviation.
        #[test]
        fn listed_abbreviations_are_found_through_the_filter(w in "[a-zA-Z.]{0,9}") {
            let listed = ABBREVIATIONS.contains(&w.to_ascii_lowercase().as_str());
            proptest::prop_assert_eq!(is_listed_abbreviation(&w), listed);
        }

        /// The first and last words by bytes are those of `split_whitespace`.
        #[test]
        fn first_and_last_words_by_bytes_are_split_whitespace(
            s in "[ab. \t\n\x0b\x0c\r\u{a0}\u{2009}\u{85}é’]{0,12}",
        ) {
            proptest::prop_assert_eq!(first_word(&s), s.split_whitespace().next());
            proptest::prop_assert_eq!(last_word_of(&s), s.split_whitespace().next_back());
        }

        /// Trimmed by bytes as by chars.
        #[test]
        fn trimming_by_bytes_is_trimming_by_chars(
            s in "[a \t\n\x0b\x0c\r\u{a0}\u{2009}\u{85}\u{3000}é]{0,12}",
        ) {
            proptest::prop_assert_eq!(trim_start(&s), s.trim_start());
            proptest::prop_assert_eq!(trim_end(&s), s.trim_end());
        }

        /// The byte search for '…' agrees with `str::contains`.
        #[test]
        fn an_ellipsis_is_found_as_by_chars(s in "[a.…¦æ\u{2026}\u{20a6}\u{e2}]{0,12}") {
            proptest::prop_assert_eq!(has_ellipsis(s.as_bytes()), s.contains('…'));
        }
    }

    fn sentences(s: &str) -> Vec<&str> {
        let mut out = Vec::new();
        split_sentences(s, Span::new(0, s.len()), &mut out);
        out.iter().map(|sp| sp.text(s)).collect()
    }

    #[test]
    fn lines_are_the_trimmed_non_blank_lines_between_breaks() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            " a \r\n\n\u{a0}\n b\nc",
            "\n\nx\n\n",
            "é\n\u{2028}y",
        ] {
            let ours: Vec<Span> = lines(text).collect();
            let mut pos = 0;
            let theirs: Vec<Span> = text
                .split_inclusive('\n')
                .filter_map(|line| {
                    let t = trim(text, Span::new(pos, pos + line.len()));
                    pos += line.len();
                    (!t.is_empty()).then_some(t)
                })
                .collect();
            assert_eq!(ours, theirs, "{text:?}");
        }
    }

    #[test]
    fn abbreviation_set_matches_the_list() {
        let mut words: Vec<String> = ABBREVIATIONS.iter().map(|w| w.to_string()).collect();
        words.extend(ABBREVIATIONS.iter().map(|w| w.to_uppercase()));
        words.extend(ABBREVIATIONS.iter().map(|w| format!("{w}x")));
        words.extend(ABBREVIATIONS.iter().map(|w| w[1..].to_string()));
        for w in [
            "",
            "Mr",
            "mR",
            "PROF",
            "Ph.D",
            "approxi",
            "approximately",
            "Straße",
            "DR\u{301}",
            "İnc",
            "Ｍｒ",
            "Jan",
            "janu",
            "no",
            "e.g",
            "E.G",
            "u.s.a",
        ] {
            words.push(w.to_string());
        }
        for w in &words {
            assert_eq!(
                is_listed_abbreviation(w),
                in_list(ABBREVIATIONS, w),
                "{w:?}"
            );
        }
    }

    #[test]
    fn splits_on_terminators() {
        assert_eq!(
            sentences("One thing. Two things! Three?"),
            vec!["One thing.", "Two things!", "Three?"]
        );
    }

    #[test]
    fn keeps_abbreviations_and_initials() {
        assert_eq!(
            sentences("Dr. Han met Mr. J. Smith in the U.S. on Jan. 5. They talked."),
            vec![
                "Dr. Han met Mr. J. Smith in the U.S. on Jan. 5.",
                "They talked."
            ]
        );
    }

    #[test]
    fn closing_quote_stays_with_its_sentence() {
        assert_eq!(
            sentences("“It is over.” He left. “Done,” she said."),
            vec!["“It is over.”", "He left.", "“Done,” she said."]
        );
    }

    #[test]
    fn lowercase_after_stop_does_not_split() {
        assert_eq!(
            sentences("It cost 3.5 million vs. a lot."),
            vec!["It cost 3.5 million vs. a lot."]
        );
    }

    #[test]
    fn abbreviation_at_sentence_end() {
        assert_eq!(
            sentences("He fled to the U.S. The next day he spoke. U.S. Army units left."),
            vec![
                "He fled to the U.S.",
                "The next day he spoke.",
                "U.S. Army units left."
            ]
        );
        assert_eq!(
            sentences("Dr. Han and Mr. Li met Gen. Wu on Jan. 5. It rained."),
            vec!["Dr. Han and Mr. Li met Gen. Wu on Jan. 5.", "It rained."]
        );
    }

    #[test]
    fn quotations_inside_sentences() {
        assert_eq!(
            sentences("“Is it over?” she asked. “Yes!” He left. He said: “Go. Now.” Then silence."),
            vec![
                "“Is it over?” she asked.",
                "“Yes!”",
                "He left.",
                "He said: “Go.",
                "Now.”",
                "Then silence."
            ]
        );
    }

    #[test]
    fn headline_and_paragraphs_never_merge() {
        let t = "Rumours grow in Beijing\n\nSome analysts speculate. Others doubt it\nA new line";
        let doc = Doc::new(Input::plain(t), &[]);
        let got: Vec<&str> = doc.sentences.iter().map(|s| s.text(t)).collect();
        assert_eq!(
            got,
            vec![
                "Rumours grow in Beijing",
                "Some analysts speculate.",
                "Others doubt it",
                "A new line"
            ]
        );
    }

    #[test]
    fn paragraphs_are_lines() {
        let t = "Title\n\n  First para.  \r\nSecond para.\n";
        let ls: Vec<&str> = lines(t).map(|s| s.text(t)).collect();
        assert_eq!(ls, vec!["Title", "First para.", "Second para."]);
    }

    #[test]
    fn doc_skips_boilerplate_paragraphs() {
        let t = "Remove Ads\nReal sentence. Another one.";
        let doc = Doc::new(Input::plain(t), &[Span::new(0, 10)]);
        assert!(doc.paragraphs[0].boilerplate);
        assert_eq!(doc.sentences.len(), 2);
        assert_eq!(doc.sentence_at(t.find("Another").unwrap()), Some(1));
        assert_eq!(doc.paragraph_at(3), Some(0));
    }
}
