//! Saving and loading a large case: 200 articles (1 MB of text), 20,000 annotations with
//! anchors, reviews and notes (target: each ≤ 150 ms).
//!   cargo bench --no-default-features --bench store

use std::sync::Arc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use factdesk::model::*;
use factdesk::store;

/// 200 articles of about 5 kB, 100 findings each.
fn synthetic_case() -> Case {
    let seed = include_str!("../assets/samples/seed-article.txt");
    let mut case = Case {
        name: "benchmark".into(),
        ..Case::default()
    };
    let mut total = 0;
    for i in 0..200 {
        let mut text = seed.replace("Dong", &format!("Dong{i}"));
        text.truncate(text.floor_char_boundary(5_000));
        while text.len() < 5_000 {
            text.push_str(" Filler sentence that may be true.");
        }
        total += text.len();
        let bounds: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        let findings = (0..100)
            .map(|k| {
                let s = bounds[(k * 47) % (bounds.len() - 80)];
                let e = bounds[(k * 47) % (bounds.len() - 80) + 20 + k % 60];
                let span = Span::new(s, e);
                let kind = match k % 3 {
                    0 => FindingKind::Quote(Attributed {
                        kind: QuoteKind::Direct,
                        speaker: Some(SpeakerId(0)),
                        mention: Some(Span::new(s, s + 1)),
                        cue: None,
                    }),
                    1 => FindingKind::ReportedSpeech(Attributed {
                        kind: QuoteKind::Partial,
                        speaker: None,
                        mention: None,
                        cue: Some(Span::new(s, s + 1)),
                    }),
                    _ => FindingKind::Assertion(Assertion {
                        categories: vec![Category::Hedge, Category::Rumour],
                        cues: vec![Cue {
                            span: Span::new(s, s + 1),
                            category: Category::Hedge,
                        }],
                        strength: 0.75,
                        in_quote: false,
                    }),
                };
                let mut f = Finding::new(&text, span, kind, Origin::Automatic);
                if k % 4 == 0 {
                    f.review.status = Status::Done;
                    f.review.verdict = Some(Verdict::Unproven);
                    f.review.note = format!("Checked against source {k}; no confirmation.");
                }
                f
            })
            .collect();
        case.add_article(Article {
            id: ArticleId(0),
            title: Some(format!("Article {i}")),
            byline: Some("A. Reporter".into()),
            published: Some("2026-11-26".into()),
            source: Source {
                file_name: format!("article-{i}.txt"),
                path: None,
                sha256: "ab".repeat(32),
                encoding: "UTF-8".into(),
                format: "text".into(),
            },
            text: Arc::from(text),
            blocks: vec![],
            boilerplate: vec![],
            speakers: vec![Speaker {
                name: "Han Lianchao".into(),
                aliases: vec!["Han".into()],
                anonymous: false,
                role: None,
                colour: None,
            }],
            findings,
        });
    }
    assert!(
        (1_000_000..1_100_000).contains(&total),
        "{total} bytes of text"
    );
    assert_eq!(case.finding_count(), 20_000);
    case
}

fn bench(c: &mut Criterion) {
    let case = synthetic_case();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.ron");
    store::save(&path, &case).unwrap();
    let bytes = std::fs::metadata(&path).unwrap().len();
    eprintln!("case file: {:.1} MB", bytes as f64 / 1e6);
    assert_eq!(store::load(&path).unwrap(), case);

    let mut g = c.benchmark_group("store");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("save_200_articles_20k_findings", |b| {
        b.iter(|| store::save(&path, std::hint::black_box(&case)).unwrap())
    });
    g.bench_function("load_200_articles_20k_findings", |b| {
        b.iter(|| store::load(std::hint::black_box(&path)).unwrap())
    });
    g.bench_function("to_string", |b| b.iter(|| store::to_string(&case)));
    let text = store::to_string(&case);
    g.bench_function("from_str", |b| b.iter(|| store::from_str(&text).unwrap()));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
