//! Save → open returns the case exactly as it was, for random cases with reviews and notes.

use std::sync::Arc;

use factdesk::model::*;
use factdesk::store;
use proptest::prelude::*;

fn status() -> impl Strategy<Value = Status> {
    prop::sample::select(Status::ALL.to_vec())
}

fn verdict() -> impl Strategy<Value = Option<Verdict>> {
    prop::option::of(prop::sample::select(Verdict::ALL.to_vec()))
}

fn category() -> impl Strategy<Value = Category> {
    prop::sample::select(Category::ALL.to_vec())
}

/// A span on character boundaries of `text`.
fn span_in(text: &str, a: usize, b: usize) -> Span {
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let (x, y) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
    Span::new(x.min(y), x.max(y))
}

fn article() -> impl Strategy<Value = Article> {
    (
        "\\PC{1,200}",
        prop::collection::vec("[A-Z][a-z]{1,8}( [A-Z][a-z]{1,8})?", 0..4),
        prop::collection::vec(
            (
                any::<usize>(),
                any::<usize>(),
                0u8..3,
                status(),
                verdict(),
                "\\PC{0,40}",
                category(),
                0.0f32..=1.0,
            ),
            0..12,
        ),
        prop::option::of("\\PC{0,30}"),
    )
        .prop_map(|(text, speakers, findings, title)| {
            let speakers: Vec<Speaker> = speakers
                .into_iter()
                .map(|name| Speaker {
                    aliases: vec![name.clone()],
                    anonymous: name.len() % 2 == 0,
                    role: Some("minister".into()),
                    colour: Some([name.len() as u8, 10, 200]),
                    name,
                })
                .collect();
            let n_speakers = speakers.len() as u32;
            let findings = findings
                .into_iter()
                .map(|(a, b, kind, status, verdict, note, cat, strength)| {
                    let span = span_in(&text, a, b);
                    let attributed = || Attributed {
                        kind: QuoteKind::Direct,
                        speaker: (n_speakers > 0).then(|| SpeakerId(a as u32 % n_speakers)),
                        mention: Some(span),
                        cue: None,
                    };
                    let kind = match kind {
                        0 => FindingKind::Quote(attributed()),
                        1 => FindingKind::ReportedSpeech(attributed()),
                        _ => FindingKind::Assertion(Assertion {
                            categories: vec![cat],
                            cues: vec![Cue {
                                span,
                                category: cat,
                            }],
                            strength,
                            in_quote: a % 2 == 0,
                        }),
                    };
                    let verdict = verdict.filter(|v| v.applies_to(&kind));
                    let mut f = Finding::new(&text, span, kind, Origin::Automatic);
                    f.review = Review {
                        status,
                        verdict,
                        history: vec![ReviewEvent {
                            at: "2026-11-26T04:00:00Z".into(),
                            reviewer: note.chars().rev().collect(),
                            status: Status::InProgress,
                            verdict: None,
                            note: String::new(),
                        }],
                        note: note.clone(),
                    };
                    f.dismissed = a % 3 == 0;
                    if b % 2 == 0 {
                        f.evidence.push(Evidence {
                            kind: EvidenceKind::Url,
                            value: format!("https://example.org/{note}"),
                            stance: Stance::Contradicts,
                            primary: b % 4 == 0,
                            note,
                        });
                    }
                    f
                })
                .collect();
            Article {
                id: ArticleId(0),
                title,
                byline: None,
                published: None,
                source: Source {
                    file_name: "a \"quoted\" name.txt".into(),
                    path: None,
                    sha256: "00".repeat(32),
                    encoding: "UTF-8".into(),
                    format: "text".into(),
                },
                blocks: vec![Block {
                    kind: BlockKind::Paragraph,
                    span: Span::new(0, text.len()),
                }],
                text: Arc::from(text),
                boilerplate: vec![],
                speakers,
                findings,
            }
        })
}

fn case() -> impl Strategy<Value = Case> {
    ("\\PC{0,30}", prop::collection::vec(article(), 0..4)).prop_map(|(name, articles)| {
        let mut case = Case {
            name,
            ..Case::default()
        };
        for a in articles {
            case.add_article(a);
        }
        case
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn save_then_open_gives_the_same_case(case in case()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("case.ron");
        store::save(&path, &case).unwrap();
        let back = store::load(&path).unwrap();
        prop_assert_eq!(back, case);
    }
}
