//! Which findings the list shows and J/K walk through: kind, category, speaker, status,
//! verdict, strength, dismissed, and a text search across the case.

use crate::model::{Article, Category, Finding, FindingKind, Status, Verdict};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KindFilter {
    Quotes,
    Reported,
    Unverified,
}

impl KindFilter {
    pub const ALL: [KindFilter; 3] = [
        KindFilter::Quotes,
        KindFilter::Reported,
        KindFilter::Unverified,
    ];
    pub fn label(self) -> &'static str {
        match self {
            KindFilter::Quotes => "Quotations",
            KindFilter::Reported => "Reported speech",
            KindFilter::Unverified => "Unverified assertions",
        }
    }
    fn matches(self, k: &FindingKind) -> bool {
        matches!(
            (self, k),
            (KindFilter::Quotes, FindingKind::Quote(_))
                | (KindFilter::Reported, FindingKind::ReportedSpeech(_))
                | (KindFilter::Unverified, FindingKind::Assertion(_))
        )
    }
}

/// A verdict filter: any, none yet, or one verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VerdictFilter {
    Missing,
    Is(Verdict),
}

/// Assertions below this strength are hidden by "strong signals only".
pub const STRONG: f32 = 0.5;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    pub kind: Option<KindFilter>,
    pub category: Option<Category>,
    /// A speaker's canonical name (speakers are per article; names join them across the case).
    pub speaker: Option<String>,
    pub status: Option<Status>,
    pub verdict: Option<VerdictFilter>,
    pub strong_only: bool,
    pub show_dismissed: bool,
    /// Case-insensitive words that the finding's text (or its speaker) must contain.
    pub search: String,
}

impl Filter {
    pub fn is_active(&self) -> bool {
        *self
            != Filter {
                show_dismissed: self.show_dismissed,
                ..Filter::default()
            }
    }

    pub fn passes(&self, article: &Article, f: &Finding) -> bool {
        if f.dismissed && !self.show_dismissed {
            return false;
        }
        if self.kind.is_some_and(|k| !k.matches(&f.kind)) {
            return false;
        }
        if let Some(c) = self.category
            && !matches!(&f.kind, FindingKind::Assertion(a) if a.categories.contains(&c))
        {
            return false;
        }
        let speaker = f.speaker().and_then(|s| article.speaker(s));
        if let Some(name) = &self.speaker
            && speaker.is_none_or(|s| &s.name != name)
        {
            return false;
        }
        if self.status.is_some_and(|s| s != f.review.status) {
            return false;
        }
        match self.verdict {
            Some(VerdictFilter::Missing) if f.review.verdict.is_some() => return false,
            Some(VerdictFilter::Is(v)) if f.review.verdict != Some(v) => return false,
            _ => {}
        }
        if self.strong_only && matches!(&f.kind, FindingKind::Assertion(a) if a.strength < STRONG) {
            return false;
        }
        let query = self.search.trim();
        if !query.is_empty() {
            let hay = format!(
                "{} {}",
                f.span.text(&article.text),
                speaker.map_or("", |s| s.name.as_str())
            )
            .to_lowercase();
            if !query
                .to_lowercase()
                .split_whitespace()
                .all(|w| hay.contains(w))
            {
                return false;
            }
        }
        true
    }
}

/// Byte ranges of every case-insensitive occurrence of `query` in `text` (for highlighting).
pub fn occurrences(text: &str, query: &str) -> Vec<(usize, usize)> {
    let q = query.trim();
    if q.is_empty() {
        return Vec::new();
    }
    let ac = aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([q]);
    let Ok(ac) = ac else { return Vec::new() };
    ac.find_iter(text).map(|m| (m.start(), m.end())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Lexicons;

    fn seed() -> Article {
        let text = include_str!("../../assets/samples/seed-article.txt");
        let imported = crate::import::import("seed.txt", text.as_bytes()).unwrap();
        crate::pipeline::build_article(imported, "seed.txt", None, Lexicons::builtin())
    }

    fn count(a: &Article, f: &Filter) -> usize {
        a.findings.iter().filter(|x| f.passes(a, x)).count()
    }

    #[test]
    fn filters_narrow_and_combine() {
        let mut a = seed();
        let all = count(&a, &Filter::default());
        let quotes = count(
            &a,
            &Filter {
                kind: Some(KindFilter::Quotes),
                ..Default::default()
            },
        );
        let unverified = count(
            &a,
            &Filter {
                kind: Some(KindFilter::Unverified),
                ..Default::default()
            },
        );
        assert!(quotes > 0 && unverified > 0 && quotes + unverified <= all);
        let han = Filter {
            speaker: Some("Han Lianchao".into()),
            kind: Some(KindFilter::Quotes),
            ..Default::default()
        };
        assert_eq!(count(&a, &han), 3);
        let rumour = Filter {
            category: Some(Category::Rumour),
            ..Default::default()
        };
        assert!(count(&a, &rumour) >= 3);
        let search = Filter {
            search: "FLAT denial".into(),
            ..Default::default()
        };
        assert_eq!(count(&a, &search), 1);
        a.findings[0].dismissed = true;
        assert_eq!(count(&a, &Filter::default()), all - 1);
        assert_eq!(
            count(
                &a,
                &Filter {
                    show_dismissed: true,
                    ..Default::default()
                }
            ),
            all
        );
        a.findings[1].review.verdict = Some(Verdict::False);
        let f = Filter {
            verdict: Some(VerdictFilter::Is(Verdict::False)),
            ..Default::default()
        };
        assert_eq!(count(&a, &f), 1);
        let missing = Filter {
            verdict: Some(VerdictFilter::Missing),
            ..Default::default()
        };
        assert_eq!(count(&a, &missing), all - 2);
    }

    #[test]
    fn occurrences_are_case_insensitive_byte_ranges() {
        let t = "Dong’s photos. DONG left; dong.";
        let o = occurrences(t, "dong");
        assert_eq!(o.len(), 3);
        assert_eq!(&t[o[1].0..o[1].1], "DONG");
        assert!(occurrences(t, "  ").is_empty());
    }
}
