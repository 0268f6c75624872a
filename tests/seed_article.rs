//! The seed article, imported as a user would, against its hand gold (tests/fixtures).

use std::path::Path;

use factdesk::analysis::Lexicons;
use factdesk::cli::CodePoints;
use factdesk::model::{Article, FindingKind};
use factdesk::pipeline;
use serde_json::Value;

fn seed() -> (Article, Value) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed-article.txt");
    let imported = pipeline::read_file(&path).expect("the seed article imports");
    let article = pipeline::build_article(
        imported,
        "seed-article.txt",
        Some(&path),
        Lexicons::builtin(),
    );
    let gold: Value =
        serde_json::from_str(include_str!("fixtures/seed-article.gold.json")).unwrap();
    (article, gold)
}

/// Code-point span of a finding.
fn cp_span(cp: &CodePoints, s: factdesk::model::Span) -> (usize, usize) {
    (cp.of(s.start), cp.of(s.end))
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// Where a gold passage sits in the imported text (the importer may re-space paragraphs,
/// so the gold's offsets into the raw file are not used).
fn locate(article: &Article, cp: &CodePoints, text: &str) -> (usize, usize) {
    let start = article
        .text
        .find(text)
        .unwrap_or_else(|| panic!("gold text not in the article: {text:?}"));
    (cp.of(start), cp.of(start + text.len()))
}

#[test]
fn every_quotation_has_its_speaker() {
    let (article, gold) = seed();
    let cp = CodePoints::new(&article.text);
    let quotes: Vec<_> = article.findings.iter().filter(|f| f.is_quote()).collect();
    let mut problems = Vec::new();
    for g in gold["quotes"].as_array().unwrap() {
        let want = locate(&article, &cp, g["text"].as_str().unwrap());
        let speaker = g["speaker"].as_str().unwrap();
        let hit = quotes.iter().find(|f| {
            let s = cp_span(&cp, f.span);
            overlap(s, want) * 2 >= (s.1 - s.0).max(want.1 - want.0)
        });
        let text = g["text"].as_str().unwrap();
        match hit {
            None => problems.push(format!("missed: {text:?}")),
            Some(f) => {
                let got = f
                    .speaker()
                    .and_then(|s| article.speaker(s))
                    .map(|s| s.name.as_str());
                if got != Some(speaker) {
                    problems.push(format!("{text:?}: want {speaker:?}, got {got:?}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_analysts_three_quotations_have_one_anonymous_speaker() {
    let (article, _) = seed();
    let analyst: Vec<_> = article
        .findings
        .iter()
        .filter(|f| f.is_quote())
        .filter_map(|f| f.speaker())
        .filter(|&s| {
            article
                .speaker(s)
                .is_some_and(|s| s.name == "one Chinese analyst")
        })
        .collect();
    assert_eq!(analyst.len(), 3);
    assert!(article.speaker(analyst[0]).unwrap().anonymous);
}

#[test]
fn the_daily_beast_block_quote_is_attributed() {
    let (article, gold) = seed();
    let cp = CodePoints::new(&article.text);
    let want = locate(
        &article,
        &cp,
        gold["block_quotes"][0]["text"].as_str().unwrap(),
    );
    let block = article
        .findings
        .iter()
        .find(|f| matches!(&f.kind, FindingKind::Quote(q) if q.kind == factdesk::model::QuoteKind::Block))
        .expect("a block quote");
    assert!(overlap(cp_span(&cp, block.span), want) * 10 >= (want.1 - want.0) * 9);
    let speaker = block.speaker().and_then(|s| article.speaker(s)).unwrap();
    assert_eq!(speaker.name, "The Daily Beast");
}

#[test]
fn unverified_sentences_are_flagged_and_little_else() {
    let (article, gold) = seed();
    let cp = CodePoints::new(&article.text);
    let assertions: Vec<(usize, usize)> = article
        .findings
        .iter()
        .filter(|f| matches!(f.kind, FindingKind::Assertion(_)))
        .map(|f| cp_span(&cp, f.span))
        .collect();
    let gold_sents: Vec<(usize, usize)> = gold["unverified_sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            locate(
                &article,
                &cp,
                g["text"].as_str().unwrap().trim_end_matches('\u{a0}'),
            )
        })
        .collect();
    for (g, text) in gold_sents
        .iter()
        .zip(gold["unverified_sentences"].as_array().unwrap())
    {
        assert!(
            assertions.iter().any(|a| overlap(*a, *g) > 0),
            "not flagged: {}",
            text["text"]
        );
    }
    let elsewhere = assertions
        .iter()
        .filter(|a| !gold_sents.iter().any(|g| overlap(**a, *g) > 0))
        .count();
    assert!(
        elsewhere <= 2,
        "{elsewhere} assertions outside the gold sentences"
    );
}

#[test]
fn page_furniture_is_boilerplate() {
    let (article, gold) = seed();
    for line in gold["boilerplate_lines"].as_array().unwrap() {
        let line = line.as_str().unwrap();
        let start = article.text.find(line).unwrap();
        assert!(
            article
                .boilerplate
                .iter()
                .any(|b| b.start <= start && b.end >= start + line.len()),
            "not boilerplate: {line:?}"
        );
    }
    // No line of the article itself.
    for b in &article.boilerplate {
        let text = b.text(&article.text);
        assert!(
            !text.contains("Eftimiades") && !text.contains("analyst"),
            "article text marked boilerplate: {text:?}"
        );
    }
}
