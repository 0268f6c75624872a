//! Unverified assertions: hedges, speculation, beliefs, rumours, allegations and vague or
//! anonymous sourcing (issue 4).
//!
//! One Aho-Corasick pass over the text finds every cue of the lexicon
//! (`assets/lexicons/cues.tsv`); each hit is then checked against a small rule about its
//! context ("may" the modal, not the month; "claimed that", not "claimed the title"), which
//! accepts it (possibly widening its span: "some analysts") or rejects it. A sentence with
//! accepted cues is one finding; its strength combines the cue weights. Figures without a
//! source in their sentence are found by a separate digit scan. The method, its figures and
//! its known failures are in docs/analysis.md, "Unverified assertions".

mod lexicon;
mod rules;

pub use lexicon::{Entry, Lexicon, Rule};

use super::WordMap;
use super::text::Doc;
use super::{AssertionFinding, Quote};
use crate::model::{Assertion, Category, Cue, Span};

/// A cue accepted by its rule, before the sentence is assembled.
#[derive(Clone, Copy, Debug)]
struct Hit {
    span: Span,
    category: Category,
    weight: f32,
    rule: Rule,
}

/// The unverified assertions of `doc`; `hits` are the matches of the lexicon's cues in the
/// text (`Lexicons::cue_hits`).
pub fn find(
    doc: &Doc<'_>,
    quotes: &[Quote],
    lex: &Lexicon,
    hits: &[aho_corasick::Match],
) -> Vec<AssertionFinding> {
    let text = doc.text;
    let skip = repeated_paragraphs(doc);
    let quote_index = QuoteIndex::new(quotes);
    let cue_hits = hits;
    // Accepted cues with their sentence, in text order (so sorted by sentence): one list for
    // the article rather than one per sentence, which cost an allocation each. Sized for
    // every cue at once: growing it copied it over a dozen times in a long text.
    let mut hits: Vec<(usize, Hit)> = Vec::with_capacity(cue_hits.len());
    let mut si = 0;
    // An anonymous source seen so far: "the same analyst" refers back to it.
    let mut anon_seen = false;
    let mut ctx = rules::Ctx::new(text, lex);
    for m in cue_hits {
        let span = Span::new(m.start(), m.end());
        while si < doc.sentences.len() && doc.sentences[si].end <= span.start {
            si += 1;
        }
        let Some(&sent) = doc.sentences.get(si) else {
            break;
        };
        if span.start < sent.start || span.end > sent.end || !rules::ends_word(text, span) {
            continue;
        }
        let entry = lex.entry(m.pattern().as_usize());
        ctx.reset(sent, span);
        if let Some((span, weight)) = rules::check(&ctx, entry) {
            if entry.rule == Rule::SameAnon && !anon_seen {
                continue;
            }
            if entry.category == Category::AnonymousSource && weight >= lex.threshold {
                anon_seen = true;
            }
            hits.push((
                si,
                Hit {
                    span,
                    category: entry.category,
                    weight,
                    rule: entry.rule,
                },
            ));
        }
    }
    let mut out = Vec::new();
    let mut regions: (Option<usize>, Vec<Span>) = (None, Vec::new());
    // Scratch lists reused from sentence to sentence.
    let mut sent_hits: Vec<Hit> = Vec::new();
    let mut scratch: Vec<Hit> = Vec::new();
    let mut next = 0;
    // The paragraph of each sentence, found by walking with the sentences rather than by a
    // search each (what `Doc::paragraph_at` does).
    let mut pi = 0;
    for (si, &sent) in doc.sentences.iter().enumerate() {
        let from = next;
        while next < hits.len() && hits[next].0 == si {
            next += 1;
        }
        while pi < doc.paragraphs.len() && doc.paragraphs[pi].span.end <= sent.start {
            pi += 1;
        }
        let para = doc
            .paragraphs
            .get(pi)
            .is_some_and(|p| p.span.start <= sent.start)
            .then_some(pi);
        if para.is_some_and(|p| skip[p]) {
            continue;
        }
        sent_hits.clear();
        sent_hits.extend(hits[from..next].iter().map(|&(_, h)| h));
        if let Some(h) = rules::unsourced_figure(text, sent, lex) {
            sent_hits.push(h);
        }
        if sent_hits.is_empty() {
            continue;
        }
        if regions.0 != para {
            let pspan = para.map_or(sent, |p| doc.paragraphs[p].span);
            regions.0 = para;
            quote_regions(text, pspan, &quote_index, &mut regions.1);
        }
        if let Some(f) = assemble(text, sent, &mut sent_hits, &mut scratch, &regions.1, lex) {
            out.push(f);
        }
    }
    out
}

/// Builds the finding of one sentence from its accepted cues, if any survives.
fn assemble(
    text: &str,
    sent: Span,
    hits: &mut Vec<Hit>,
    cues: &mut Vec<Hit>,
    regions: &[Span],
    lex: &Lexicon,
) -> Option<AssertionFinding> {
    if hits.is_empty() {
        return None;
    }
    // A conditional in the sentence turns "would" and "could" into its consequence.
    let conditional = hits
        .iter()
        .any(|h| matches!(h.rule, Rule::Conditional | Rule::Whether))
        || hits
            .iter()
            .any(|h| h.span.text(text).eq_ignore_ascii_case("unless"));
    if conditional {
        for h in hits.iter_mut() {
            match h.rule {
                Rule::CondBoost => h.weight = (h.weight + 0.5).min(1.0),
                Rule::Could => h.weight = (h.weight + 0.3).min(1.0),
                _ => {}
            }
        }
    }
    // A claim is reported speech, judged by the quotation engine, unless its source is
    // itself vague or anonymous ("some analysts claim", "sources claimed").
    let vague = hits.iter().any(|h| {
        matches!(
            h.category,
            Category::AnonymousSource | Category::VagueAttribution
        ) && h.weight >= lex.threshold
    });
    if vague {
        for h in hits.iter_mut().filter(|h| h.rule == Rule::Claim) {
            h.weight = (h.weight + 0.3).min(1.0);
        }
    }
    hits.retain(|h| h.weight >= lex.threshold);
    // Drop cues inside a wider one ("analysts" in "some analysts").
    hits.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end)));
    cues.clear();
    for h in hits.iter() {
        if cues
            .iter()
            .any(|c| c.span.start <= h.span.start && h.span.end <= c.span.end)
        {
            continue;
        }
        cues.push(*h);
    }
    if cues.is_empty() {
        return None;
    }
    let mut categories: Vec<Category> = Vec::with_capacity(cues.len());
    for c in cues.iter() {
        if !categories.contains(&c.category) {
            categories.push(c.category);
        }
    }
    let strength = 1.0 - cues.iter().map(|c| 1.0 - c.weight).product::<f32>();
    let in_quote = cues.iter().all(|c| {
        regions
            .iter()
            .any(|r| r.start <= c.span.start && c.span.end <= r.end)
    });
    Some(AssertionFinding {
        span: sent,
        assertion: Assertion {
            categories,
            cues: cues
                .iter()
                .map(|c| Cue {
                    span: c.span,
                    category: c.category,
                })
                .collect(),
            strength: strength.clamp(0.0, 1.0),
            in_quote,
        },
    })
}

/// Paragraphs that repeat an earlier one word for word (a headline scraped twice), by
/// paragraph index: their findings would only duplicate the first.
fn repeated_paragraphs(doc: &Doc<'_>) -> Vec<bool> {
    // Paragraphs are first bucketed by a hash of all their bytes, so that the full
    // comparison runs only on likely repeats. (A hash of their ends only put every
    // paragraph that differs in a name alone in one bucket, compared with all the others.)
    // A bucket is a chain through `later` rather than a list of its own: nearly every
    // bucket holds one paragraph, and a list each cost an allocation per paragraph.
    const END: usize = usize::MAX;
    let n = doc.paragraphs.len();
    let mut first: WordMap<u64, usize> = WordMap::default();
    first.reserve(n);
    let mut later = vec![END; n];
    let mut skip = vec![false; n];
    for (i, p) in doc.paragraphs.iter().enumerate() {
        if p.boilerplate {
            continue;
        }
        let s = doc.slice(p.span).as_bytes();
        let mut j = *first.entry(bytes_hash(s)).or_insert(i);
        if j == i {
            continue;
        }
        loop {
            if doc.slice(doc.paragraphs[j].span).as_bytes() == s {
                skip[i] = true;
                break;
            }
            if later[j] == END {
                later[j] = i;
                break;
            }
            j = later[j];
        }
    }
    skip
}

/// A multiply-rotate hash of `s`, eight bytes at a time: every paragraph is hashed whole.
/// Seeded with the length, so that paragraphs of different lengths rarely share a bucket.
fn bytes_hash(s: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut chunks = s.chunks_exact(8);
    let mut h = s.len() as u64;
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    for &b in chunks.remainder() {
        h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
    }
    h
}

/// The quotation engine's quote spans, sorted by start, with the running maximum of their
/// ends, so that the quotes overlapping a paragraph are found by binary search.
struct QuoteIndex {
    spans: Vec<Span>,
    max_end: Vec<usize>,
}

impl QuoteIndex {
    fn new(quotes: &[Quote]) -> Self {
        let mut spans: Vec<Span> = quotes.iter().map(|q| q.span).collect();
        spans.sort_by_key(|s| s.start);
        let mut m = 0;
        let max_end = spans
            .iter()
            .map(|s| {
                m = m.max(s.end);
                m
            })
            .collect();
        QuoteIndex { spans, max_end }
    }

    /// The quotes overlapping `para`.
    fn overlapping(&self, para: Span) -> impl Iterator<Item = Span> + '_ {
        let hi = self.spans.partition_point(|s| s.start < para.end);
        let lo = self.max_end[..hi].partition_point(|&e| e <= para.start);
        self.spans[lo..hi]
            .iter()
            .copied()
            .filter(move |q| q.overlaps(para))
    }
}

/// The quoted stretches of a paragraph, into `out`: the quotation engine's quotes, plus
/// whatever the paragraph's own quotation marks enclose (so that `in_quote` does not depend
/// on it).
fn quote_regions(text: &str, para: Span, quotes: &QuoteIndex, out: &mut Vec<Span>) {
    let sent = para;
    out.clear();
    out.extend(quotes.overlapping(para));
    let s = para.text(text);
    let mut open: Option<usize> = None;
    let mut straight: Option<usize> = None;
    for (i, c) in quote_marks(s) {
        match c {
            '“' | '«' | '„' => open = Some(i),
            '”' | '»' => {
                out.push(Span::new(sent.start + open.unwrap_or(0), sent.start + i));
                open = None;
            }
            '"' => match straight.take() {
                Some(o) => out.push(Span::new(sent.start + o, sent.start + i)),
                None => straight = Some(i),
            },
            _ => {}
        }
    }
    // An opening mark whose quotation runs past the paragraph end (the next paragraph
    // opens with a quotation mark again, by convention).
    if let Some(o) = open.or(straight) {
        out.push(Span::new(sent.start + o, sent.end));
    }
}

/// The quotation marks of `s` (`"`, `“`, `”`, `«`, `»`, `„`) with their byte offsets,
/// found by their first bytes (22, C2, E2) instead of decoding every char of the
/// paragraph; C2 and E2 only start chars, so a match is never inside another char.
fn quote_marks(s: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let b = s.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            i += memchr::memchr3(b'"', 0xC2, 0xE2, &b[i..])?;
            let at = i;
            i += 1;
            let mark = match (b[at], b.get(at + 1), b.get(at + 2)) {
                (b'"', _, _) => '"',
                (0xC2, Some(0xAB), _) => '«',
                (0xC2, Some(0xBB), _) => '»',
                (0xE2, Some(0x80), Some(0x9C)) => '“',
                (0xE2, Some(0x80), Some(0x9D)) => '”',
                (0xE2, Some(0x80), Some(0x9E)) => '„',
                _ => continue,
            };
            return Some((at, mark));
        }
    })
}

#[cfg(test)]
mod tests;
