//! The analysis on generated news-like text, plain and with blocks of every kind: it never
//! panics, every span it reports is a span of the text on character boundaries, findings
//! come in text order, speaker ids index the speaker list, and the same input gives the
//! same findings. (The fuzz target `fuzz/fuzz_targets/analyze.rs` checks the first two on
//! arbitrary bytes; this runs in the test suite on text the rules actually react to.)

use factdesk::analysis::{self, Findings, Input, Lexicons};
use factdesk::model::{Block, BlockKind, Span};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// Pieces the rules look for: names, titles, pronouns, speech and hedging cues, naming
/// phrases, questions, datelines, every kind of quotation mark, punctuation, line breaks and
/// non-ASCII text.
const PIECES: &[&str] = &[
    "Smith",
    "Dr. Han Lianchao",
    "Sen. Tom Cole of Oklahoma",
    "the official",
    "a man calling himself Paul Paul",
    "one Chinese analyst",
    "the same analyst",
    "he",
    "she",
    "they",
    "It",
    "said",
    "told reporters",
    "according to",
    "added",
    "wrote:",
    "reported",
    "that",
    "may",
    "reportedly",
    "sources say",
    "allegedly",
    "42 percent",
    "U.S.",
    "Mr.",
    "“",
    "”",
    "\"",
    "'",
    "''",
    "‘",
    "’",
    "«",
    "»",
    ",",
    ".",
    ":",
    ";",
    "—",
    "--",
    "(",
    ")",
    "?",
    "!",
    "…",
    "\n",
    "\n\n",
    "\u{a0}",
    "é",
    "中文",
    "🙂",
    "Photo: AP",
    "Sign up for our newsletter",
    "asked",
    "whether",
    "was asked",
    "known as",
    "going by the handle",
    "by",
    "released Friday",
    "WASHINGTON (AP) —",
    "I",
    "We",
];

const KINDS: [BlockKind; 4] = [
    BlockKind::Paragraph,
    BlockKind::Heading,
    BlockKind::Blockquote,
    BlockKind::ListItem,
];

fn text_of(picks: &[(usize, bool)]) -> String {
    let mut text = String::new();
    for &(k, space) in picks {
        text.push_str(PIECES[k % PIECES.len()]);
        if space {
            text.push(' ');
        }
    }
    text
}

/// One block per line, of the kinds picked in turn.
fn blocks_of(text: &str, kinds: &[usize]) -> Vec<Block> {
    analysis::text::lines(text)
        .enumerate()
        .map(|(i, span)| Block {
            kind: KINDS[kinds.get(i).copied().unwrap_or(0) % KINDS.len()],
            span,
        })
        .collect()
}

fn check_span(text: &str, s: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        s.start <= s.end && s.end <= text.len(),
        "{what} {s:?} outside 0..{}",
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
        "{what} {s:?} not on character boundaries"
    );
    Ok(())
}

fn check(text: &str, f: &Findings) -> Result<(), TestCaseError> {
    for (list, what) in [(&f.quotes, "quote"), (&f.reported, "reported speech")] {
        for q in list {
            check_span(text, q.span, what)?;
            let a = &q.attribution;
            for s in a.mention.iter().chain(&a.cue) {
                check_span(text, *s, "attribution")?;
            }
            if let Some(id) = a.speaker {
                prop_assert!((id.0 as usize) < f.speakers.len(), "speaker {id:?}");
            }
        }
        prop_assert!(
            list.windows(2)
                .all(|w| (w[0].span.start, w[0].span.end) <= (w[1].span.start, w[1].span.end)),
            "{what}s out of order"
        );
    }
    for a in &f.assertions {
        check_span(text, a.span, "assertion")?;
        for c in &a.assertion.cues {
            check_span(text, c.span, "assertion cue")?;
        }
    }
    for b in &f.boilerplate {
        check_span(text, *b, "boilerplate")?;
    }
    Ok(())
}

proptest! {
    // A failing case is saved beside this file and tried first on the next run (proptest's
    // default looks for the crate's lib.rs or main.rs next to the test, which an
    // integration test has not, and saved nothing). Case counts still come from
    // PROPTEST_CASES.
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/analysis_invariants.proptest-regressions",
        ))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn findings_are_spans_of_the_text_in_order_and_repeatable(
        picks in proptest::collection::vec((0usize..1000, proptest::bool::weighted(0.7)), 0..160),
        kinds in proptest::collection::vec(0usize..4, 0..40),
    ) {
        let lex = Lexicons::builtin();
        let text = text_of(&picks);
        let blocks = blocks_of(&text, &kinds);
        for input in [Input::plain(&text), Input { text: &text, blocks: &blocks }] {
            let f = analysis::analyze(input, lex);
            check(&text, &f)?;
            prop_assert_eq!(&f, &analysis::analyze(input, lex));
        }
    }
}
