//! Re-anchoring: when an article's text changes (re-imported with another encoding, edited
//! upstream), find each annotation again from its [`Anchor`] (exact words, some text before and
//! after) instead of trusting its old byte offsets.
//!
//! The search, for one anchor, stops at the first that succeeds:
//!
//! 1. **exact**: every occurrence of the exact words; the one whose surroundings best match the
//!    anchor's prefix and suffix wins, ties going to the one nearest the old offset;
//! 2. **normalised**: the same on text reduced to lower-case letters and digits (quotes,
//!    dashes, white space and case no longer matter);
//! 3. **ASCII skeleton**: the same on ASCII letters and digits only, which survives a text
//!    decoded with the wrong encoding ("café" read as "cafÃ©");
//! 4. **fuzzy**: the closest approximate match near the old offset, within one edit in five.
//!
//! What none of them finds is an [`Outcome::Orphan`]. [`reanchor_article`] never drops an
//! orphan: it stays in the article with an empty span and its anchor unchanged, so that
//! [`is_orphan`] (and `factdesk check`) can list it and the reviewer can place it by hand.

use std::sync::Arc;

use crate::model::{Anchor, Article, ArticleId, Case, Finding, FindingId, FindingKind, Span};

/// How an anchor was found again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Quality {
    Exact,
    Normalised,
    Skeleton,
    Fuzzy,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Reanchored { span: Span, quality: Quality },
    Orphan,
}

/// A finding that could not be found in the new text.
#[derive(Clone, Debug, PartialEq)]
pub struct Orphan {
    pub finding: FindingId,
    /// Where it was in the old text.
    pub old_span: Span,
    pub anchor: Anchor,
}

/// Longest exact text (in characters) the fuzzy search tries; longer ones must match better.
const FUZZY_MAX_CHARS: usize = 1000;
/// Normalised matches shorter than this are too ambiguous to trust.
const MIN_NORMALISED_CHARS: usize = 4;

/// Finds `anchor` (which was at `old` in the previous text) in `text`.
pub fn reanchor(anchor: &Anchor, old: Span, text: &str) -> Outcome {
    let found = |span, quality| Outcome::Reanchored { span, quality };
    if anchor.exact.is_empty() {
        // An empty annotation: find the place between its prefix and suffix.
        let joined = format!("{}{}", anchor.prefix, anchor.suffix);
        if joined.is_empty() {
            return Outcome::Orphan;
        }
        return match best_exact(text, &joined, old.start, &Anchor::default()) {
            Some(s) => {
                let at = s.start + anchor.prefix.len();
                found(Span::new(at, at), Quality::Exact)
            }
            None => Outcome::Orphan,
        };
    }
    if let Some(s) = best_exact(text, &anchor.exact, old.start, anchor) {
        return found(s, Quality::Exact);
    }
    if let Some(s) = normalised(anchor, old, text, normalise_char) {
        return found(s, Quality::Normalised);
    }
    if let Some(s) = normalised(anchor, old, text, skeleton_char) {
        return found(s, Quality::Skeleton);
    }
    if let Some(s) = fuzzy(&anchor.exact, old, text) {
        return found(s, Quality::Fuzzy);
    }
    Outcome::Orphan
}

/// Every start of `needle` in `hay`, overlapping ones included.
fn occurrences<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        let i = from + hay.get(from..)?.find(needle)?;
        from = i + hay[i..].chars().next().map_or(1, char::len_utf8);
        Some(i)
    })
}

/// How many characters of `prefix` end `before` plus how many of `suffix` start `after`.
fn context_score(before: &str, after: &str, prefix: &str, suffix: &str) -> usize {
    let p = before
        .chars()
        .rev()
        .zip(prefix.chars().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let s = after
        .chars()
        .zip(suffix.chars())
        .take_while(|(a, b)| a == b)
        .count();
    p + s
}

/// The occurrence of `needle` with the best context, then nearest `near`.
fn best_exact(text: &str, needle: &str, near: usize, ctx: &Anchor) -> Option<Span> {
    occurrences(text, needle)
        .map(|start| {
            let end = start + needle.len();
            let score = context_score(&text[..start], &text[end..], &ctx.prefix, &ctx.suffix);
            (score, start.abs_diff(near), start, end)
        })
        .min_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)))
        .map(|(_, _, s, e)| Span::new(s, e))
}

/// Lower-case letters and digits; everything else is dropped.
fn normalise_char(c: char, out: &mut String) {
    if c.is_alphanumeric() {
        out.extend(c.to_lowercase());
    }
}

/// ASCII letters and digits only (what survives decoding with the wrong legacy encoding).
fn skeleton_char(c: char, out: &mut String) {
    if c.is_ascii_alphanumeric() {
        out.push(c.to_ascii_lowercase());
    }
}

/// A text reduced by `keep`, with the original byte range of each reduced byte.
struct Reduced {
    text: String,
    /// For each byte of `text`: the original character's start and end.
    origin: Vec<(usize, usize)>,
}

fn reduce(s: &str, keep: fn(char, &mut String)) -> Reduced {
    let mut text = String::new();
    let mut origin = Vec::new();
    for (i, c) in s.char_indices() {
        let before = text.len();
        keep(c, &mut text);
        origin.extend(std::iter::repeat_n(
            (i, i + c.len_utf8()),
            text.len() - before,
        ));
    }
    Reduced { text, origin }
}

fn normalised(anchor: &Anchor, old: Span, text: &str, keep: fn(char, &mut String)) -> Option<Span> {
    let exact = reduce(&anchor.exact, keep);
    if exact.text.chars().count() < MIN_NORMALISED_CHARS {
        return None;
    }
    // A reduction that throws away most of the words matches too much.
    if exact.text.len() * 2 < anchor.exact.chars().filter(|c| !c.is_whitespace()).count() {
        return None;
    }
    let hay = reduce(text, keep);
    let prefix = reduce(&anchor.prefix, keep).text;
    let suffix = reduce(&anchor.suffix, keep).text;
    // The old offset, moved into the reduced text.
    let near = hay.origin.partition_point(|&(s, _)| s < old.start);
    let ctx = Anchor {
        exact: String::new(),
        prefix,
        suffix,
    };
    let s = best_exact(&hay.text, &exact.text, near, &ctx)?;
    let start = hay.origin[s.start].0;
    let end = hay.origin[s.end - 1].1;
    Some(widen(anchor, text, Span::new(start, end)))
}

/// Grows a span found on reduced text over the punctuation the exact words had at their
/// edges (the opening and closing quotation marks, say), where the new text has some too.
fn widen(anchor: &Anchor, text: &str, span: Span) -> Span {
    let lead = anchor
        .exact
        .chars()
        .take_while(|c| !c.is_alphanumeric())
        .count();
    let trail = anchor
        .exact
        .chars()
        .rev()
        .take_while(|c| !c.is_alphanumeric())
        .count();
    let mut start = span.start;
    for c in text[..span.start].chars().rev().take(lead) {
        if c.is_alphanumeric() {
            break;
        }
        start -= c.len_utf8();
    }
    let mut end = span.end;
    for c in text[span.end..].chars().take(trail) {
        if c.is_alphanumeric() {
            break;
        }
        end += c.len_utf8();
    }
    Span::new(start, end)
}

/// The closest approximate occurrence of `exact` in a window of `text` around `old`, if it is
/// within one edit in five (Sellers' algorithm over characters, tracking where matches start).
fn fuzzy(exact: &str, old: Span, text: &str) -> Option<Span> {
    let pat: Vec<char> = exact.chars().collect();
    let m = pat.len();
    if !(MIN_NORMALISED_CHARS..=FUZZY_MAX_CHARS).contains(&m) {
        return None;
    }
    let max_edits = m / 5;
    // Search a window around the old place: far enough for edits before it to move it.
    let reach = 4 * exact.len() + 4096;
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (lo, hi) = (
        floor(old.start.saturating_sub(reach)),
        floor(old.end + reach),
    );
    let window: Vec<(usize, char)> = text[lo..hi].char_indices().collect();
    // cost[i] = edits to match pat[..i] ending here; from[i] = where that match starts.
    let mut cost: Vec<usize> = (0..=m).collect();
    let mut from: Vec<usize> = vec![0; m + 1];
    let mut best: Option<(usize, usize, usize, usize)> = None; // (edits, distance, start, end)
    for (j, &(b, c)) in window.iter().enumerate() {
        let (mut diag, mut diag_from) = (0, j); // row 0: a match may start anywhere
        cost[0] = 0;
        from[0] = j + 1;
        for i in 1..=m {
            let (up, up_from) = (cost[i], from[i]);
            let sub = diag + usize::from(pat[i - 1] != c);
            let (mut v, mut f) = (sub, diag_from);
            if up + 1 < v {
                (v, f) = (up + 1, up_from);
            }
            if cost[i - 1] + 1 < v {
                (v, f) = (cost[i - 1] + 1, from[i - 1]);
            }
            (diag, diag_from) = (up, up_from);
            cost[i] = v;
            from[i] = f;
        }
        if cost[m] <= max_edits {
            let start = window.get(from[m]).map_or(hi - lo, |&(s, _)| s) + lo;
            let end = lo + b + c.len_utf8();
            let cand = (cost[m], start.abs_diff(old.start), start, end);
            if best.is_none_or(|b| (cand.0, cand.1) < (b.0, b.1)) {
                best = Some(cand);
            }
        }
    }
    best.filter(|b| b.2 < b.3).map(|b| Span::new(b.2, b.3))
}

/// Whether a finding has lost its place: its span no longer holds the words it was made on.
/// (A span outside the text is a problem of the file, reported by `Case::problems`, not an orphan.)
pub fn is_orphan(finding: &Finding, text: &str) -> bool {
    let s = finding.span;
    !finding.anchor.exact.is_empty()
        && text
            .get(s.start..s.end)
            .is_some_and(|words| words != finding.anchor.exact)
}

/// Every orphaned finding of the case, by article.
pub fn orphans(case: &Case) -> Vec<(ArticleId, FindingId)> {
    case.articles
        .iter()
        .flat_map(|a| {
            a.findings
                .iter()
                .filter(|f| is_orphan(f, &a.text))
                .map(|f| (a.id, f.id))
        })
        .collect()
}

/// Where a sub-span (a cue, a speaker mention) of a finding that moved by `delta` is now.
fn follow(old_text: &str, new_text: &str, s: Span, delta: isize) -> Option<Span> {
    let words = s.text(old_text);
    let moved = Span::new(
        s.start.checked_add_signed(delta)?,
        s.end.checked_add_signed(delta)?,
    );
    if new_text.get(moved.start..moved.end) == Some(words) {
        return Some(moved);
    }
    match reanchor(&Anchor::capture(old_text, s), s, new_text) {
        Outcome::Reanchored { span, .. } => Some(span),
        Outcome::Orphan => None,
    }
}

/// Replaces `article`'s text with `new_text` and moves every annotation to its new place.
///
/// Findings that cannot be found again are returned, and also kept in the article (an empty
/// span near their old place, their anchor unchanged, so [`is_orphan`] is true): they are
/// never dropped. Speaker mentions and cue spans follow their finding (or are cleared), and
/// boilerplate spans and blocks are moved the same way (those not found are derived data and
/// are dropped; a re-import should set the importer's blocks afterwards).
pub fn reanchor_article(article: &mut Article, new_text: Arc<str>) -> Vec<Orphan> {
    let old_text = std::mem::replace(&mut article.text, new_text.clone());
    let old_text: &str = &old_text;
    let text: &str = &new_text;
    let clamp = |at: usize| {
        let mut i = at.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        Span::new(i, i)
    };
    let mut orphans = Vec::new();
    for f in &mut article.findings {
        if f.anchor == Anchor::default() && !f.span.is_empty() {
            f.anchor = Anchor::capture(old_text, f.span);
        }
        let old = f.span;
        match reanchor(&f.anchor, old, text) {
            Outcome::Reanchored { span, .. } => {
                let delta = span.start as isize - old.start as isize;
                let sub = |s: Span| follow(old_text, text, s, delta);
                match &mut f.kind {
                    FindingKind::Quote(a) | FindingKind::ReportedSpeech(a) => {
                        a.mention = a.mention.and_then(sub);
                        a.cue = a.cue.and_then(sub);
                    }
                    FindingKind::Assertion(a) => {
                        a.cues.retain_mut(|c| match sub(c.span) {
                            Some(s) => {
                                c.span = s;
                                true
                            }
                            None => false,
                        });
                    }
                }
                f.span = span;
                f.anchor = Anchor::capture(text, span);
            }
            Outcome::Orphan => {
                orphans.push(Orphan {
                    finding: f.id,
                    old_span: old,
                    anchor: f.anchor.clone(),
                });
                f.span = clamp(old.start);
                match &mut f.kind {
                    FindingKind::Quote(a) | FindingKind::ReportedSpeech(a) => {
                        a.mention = None;
                        a.cue = None;
                    }
                    FindingKind::Assertion(a) => a.cues.clear(),
                }
            }
        }
    }
    article.findings.sort_by_key(|f| (f.span.start, f.span.end));
    article.boilerplate = article
        .boilerplate
        .iter()
        .filter_map(|&s| follow(old_text, text, s, 0))
        .collect();
    article.blocks = article
        .blocks
        .iter()
        .filter_map(|b| {
            follow(old_text, text, b.span, 0).map(|span| crate::model::Block { span, ..*b })
        })
        .collect();
    orphans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor_at(text: &str, words: &str, nth: usize) -> (Anchor, Span) {
        let start = text.match_indices(words).nth(nth).unwrap().0;
        let span = Span::new(start, start + words.len());
        (Anchor::capture(text, span), span)
    }

    fn found(o: Outcome) -> (Span, Quality) {
        match o {
            Outcome::Reanchored { span, quality } => (span, quality),
            Outcome::Orphan => panic!("orphan"),
        }
    }

    #[test]
    fn unchanged_text_keeps_the_span() {
        let t = "He said “no”. She said “no”.";
        let (a, s) = anchor_at(t, "“no”", 1);
        assert_eq!(found(reanchor(&a, s, t)), (s, Quality::Exact));
    }

    #[test]
    fn repeated_words_are_told_apart_by_their_context() {
        let old = "Alice said “no”. Bob said “no”.";
        let (a, s) = anchor_at(old, "“no”", 1);
        // Text inserted before both, and Alice's sentence moved after Bob's.
        let new = "Preface. Bob said “no”. Alice said “no”.";
        let (span, q) = found(reanchor(&a, s, new));
        assert_eq!(q, Quality::Exact);
        assert_eq!(
            span.start,
            new.find("Bob said “no”").unwrap() + "Bob said ".len()
        );
    }

    #[test]
    fn a_mis_decoded_text_is_found_by_its_skeleton() {
        let old = "Le ministre a déclaré : « nous ne céderons pas », puis il est parti.";
        let words = "« nous ne céderons pas »";
        let (a, s) = anchor_at(old, words, 0);
        // The same bytes read as windows-1252 after being written as UTF-8.
        let (new, _, _) = encoding_rs::WINDOWS_1252.decode(old.as_bytes());
        let (span, q) = found(reanchor(&a, s, &new));
        assert!(q == Quality::Skeleton || q == Quality::Fuzzy, "{q:?}");
        assert!(
            span.text(&new).contains("nous ne c"),
            "{:?}",
            span.text(&new)
        );
    }

    #[test]
    fn straightened_quotes_are_found_normalised() {
        let old = "He said: “It was   never approved.” Then he left.";
        let (a, s) = anchor_at(old, "“It was   never approved.”", 0);
        let new = "He said: \"It was never approved.\" Then he left.";
        let (span, q) = found(reanchor(&a, s, new));
        assert_eq!(q, Quality::Normalised);
        assert_eq!(span.text(new), "\"It was never approved.\"");
    }

    #[test]
    fn small_edits_are_found_fuzzily() {
        let old = "Officials reportedly believe the plant was leaking for weeks.";
        let (a, s) = anchor_at(old, "the plant was leaking for weeks", 0);
        let new = "Officials reportedly believe that the plant was leaking for two weeks.";
        let (span, q) = found(reanchor(&a, s, new));
        assert_eq!(q, Quality::Fuzzy);
        assert_eq!(span.text(new), "the plant was leaking for two weeks");
    }

    #[test]
    fn removed_words_are_orphans() {
        let old = "One. The minister resigned on Tuesday. Three.";
        let (a, s) = anchor_at(old, "The minister resigned on Tuesday.", 0);
        assert_eq!(
            reanchor(&a, s, "One. Three. Something else entirely."),
            Outcome::Orphan
        );
    }

    #[test]
    fn article_reanchoring_keeps_orphans_and_moves_the_rest() {
        use crate::model::*;
        let old = "Intro. “We will win,” said Ann. Maybe it rains. Gone sentence here.";
        let mut art = Article {
            id: ArticleId(1),
            blocks: vec![Block {
                kind: BlockKind::Paragraph,
                span: Span::new(0, old.len()),
            }],
            ..Article::from_text("a.txt", old)
        };
        let sp = |w: &str| {
            let s = old.find(w).unwrap();
            Span::new(s, s + w.len())
        };
        let quote = FindingKind::Quote(Attributed {
            kind: QuoteKind::Direct,
            speaker: None,
            mention: Some(sp("Ann")),
            cue: Some(sp("said")),
        });
        let hedge = FindingKind::Assertion(Assertion {
            categories: vec![Category::Hedge],
            cues: vec![Cue {
                span: sp("Maybe"),
                category: Category::Hedge,
            }],
            strength: 0.5,
            in_quote: false,
        });
        art.findings = vec![
            Finding::new(old, sp("“We will win,”"), quote, Origin::Automatic),
            Finding::new(old, sp("Maybe it rains."), hedge.clone(), Origin::Automatic),
            Finding::new(old, sp("Gone sentence here."), hedge, Origin::Manual),
        ];
        for (i, f) in art.findings.iter_mut().enumerate() {
            f.id = FindingId(i as u32 + 1);
        }
        let new = "New intro line. “We will win,” said Ann. Maybe it rains.";
        let orphans = reanchor_article(&mut art, Arc::from(new));
        assert_eq!(orphans.len(), 1);
        assert_eq!(orphans[0].finding, FindingId(3));
        assert_eq!(art.findings.len(), 3, "orphans are kept");
        let q = art.findings.iter().find(|f| f.id == FindingId(1)).unwrap();
        assert_eq!(q.span.text(new), "“We will win,”");
        match &q.kind {
            FindingKind::Quote(a) => {
                assert_eq!(a.mention.unwrap().text(new), "Ann");
                assert_eq!(a.cue.unwrap().text(new), "said");
            }
            _ => unreachable!(),
        }
        let h = art.findings.iter().find(|f| f.id == FindingId(2)).unwrap();
        match &h.kind {
            FindingKind::Assertion(a) => assert_eq!(a.cues[0].span.text(new), "Maybe"),
            _ => unreachable!(),
        }
        let case = Case {
            next_finding: 4,
            articles: vec![art],
            ..Case::default()
        };
        assert!(case.problems().is_empty(), "{:?}", case.problems());
        assert_eq!(orphans_of(&case), vec![FindingId(3)]);
    }

    fn orphans_of(case: &Case) -> Vec<FindingId> {
        orphans(case).into_iter().map(|(_, f)| f).collect()
    }

    #[test]
    fn nothing_panics_on_odd_input() {
        let texts = ["", "é", "😀😀😀", "abc", "a\u{0}b"];
        for old in texts {
            for new in texts {
                let len = old.len();
                for s in [Span::new(0, len), Span::new(0, 0), Span::new(len, len)] {
                    let a = Anchor::capture(old, s);
                    if let Outcome::Reanchored { span, .. } = reanchor(&a, s, new) {
                        assert!(span.end <= new.len() && new.is_char_boundary(span.start));
                        assert!(new.is_char_boundary(span.end) && span.start <= span.end);
                    }
                }
            }
        }
    }
}
