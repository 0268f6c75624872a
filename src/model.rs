//! The case: articles, their findings, speakers and the reviewer's judgements.
//!
//! Pure data with serde; no GUI and no I/O. Spans are byte offsets into the
//! article's UTF-8 text (the one unit of the core); the CLI converts them to
//! code points and the GUI to character indices at its edge.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// Bumped whenever the shape of the case file changes; `store` migrates older ones.
pub const FORMAT_VERSION: u32 = 2;

/// A half-open byte range `[start, end)` into an article's text.
/// Written as a pair `(start, end)`: a case holds tens of thousands of spans, and the short
/// form keeps files small and quick to read. The named form of format 1 still reads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (self.start, self.end).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Span;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a span: (start, end) or Span(start: .., end: ..)")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Span, A::Error> {
                let start = seq
                    .next_element()?
                    .ok_or_else(|| serde::de::Error::invalid_length(0, &self))?;
                let end = seq
                    .next_element()?
                    .ok_or_else(|| serde::de::Error::invalid_length(1, &self))?;
                Ok(Span { start, end })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Span, A::Error> {
                let (mut start, mut end) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "start" => start = Some(map.next_value()?),
                        "end" => end = Some(map.next_value()?),
                        _ => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(Span {
                    start: start.ok_or_else(|| serde::de::Error::missing_field("start"))?,
                    end: end.ok_or_else(|| serde::de::Error::missing_field("end"))?,
                })
            }
        }
        d.deserialize_any(Visitor)
    }
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, pos: usize) -> bool {
        self.start <= pos && pos < self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct ArticleId(pub u32);

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct FindingId(pub u32);

/// Index of a speaker within its article's `speakers`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct SpeakerId(pub u32);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Case {
    pub format_version: u32,
    pub name: String,
    /// Which lexicon set produced the automatic findings (so a later version can re-analyse).
    pub lexicon_version: String,
    pub articles: Vec<Article>,
    /// Next free finding id; ids are unique across the case and never reused.
    pub next_finding: u32,
    pub next_article: u32,
}

impl Default for Case {
    fn default() -> Self {
        Self {
            format_version: FORMAT_VERSION,
            name: "Untitled case".to_owned(),
            lexicon_version: String::new(),
            articles: Vec::new(),
            next_finding: 1,
            next_article: 1,
        }
    }
}

impl Case {
    pub fn article(&self, id: ArticleId) -> Option<&Article> {
        self.articles.iter().find(|a| a.id == id)
    }
    pub fn article_mut(&mut self, id: ArticleId) -> Option<&mut Article> {
        self.articles.iter_mut().find(|a| a.id == id)
    }
    pub fn finding(&self, id: FindingId) -> Option<(&Article, &Finding)> {
        self.articles
            .iter()
            .find_map(|a| a.findings.iter().find(|f| f.id == id).map(|f| (a, f)))
    }
    pub fn finding_mut(&mut self, id: FindingId) -> Option<&mut Finding> {
        self.articles
            .iter_mut()
            .find_map(|a| a.findings.iter_mut().find(|f| f.id == id))
    }
    pub fn finding_count(&self) -> usize {
        self.articles.iter().map(|a| a.findings.len()).sum()
    }

    /// Adds an article, giving it and its findings fresh ids.
    pub fn add_article(&mut self, mut article: Article) -> ArticleId {
        let id = ArticleId(self.next_article);
        self.next_article += 1;
        article.id = id;
        for f in &mut article.findings {
            f.id = FindingId(self.next_finding);
            self.next_finding += 1;
        }
        self.articles.push(article);
        id
    }

    /// Checks the invariants a loaded file must satisfy; returns every problem found.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for a in &self.articles {
            let len = a.text.len();
            let check = |what: &str, s: Span, out: &mut Vec<String>| {
                if s.start > s.end || s.end > len {
                    out.push(format!(
                        "article {:?}: {what} span {}..{} is outside its text ({len} bytes)",
                        a.title_or_file(),
                        s.start,
                        s.end
                    ));
                } else if !a.text.is_char_boundary(s.start) || !a.text.is_char_boundary(s.end) {
                    out.push(format!(
                        "article {:?}: {what} span {}..{} splits a character",
                        a.title_or_file(),
                        s.start,
                        s.end
                    ));
                }
            };
            for b in &a.boilerplate {
                check("boilerplate", *b, &mut out);
            }
            for f in &a.findings {
                if !seen.insert(f.id) {
                    out.push(format!("finding id {} is used twice", f.id.0));
                }
                if f.id.0 >= self.next_finding {
                    out.push(format!(
                        "finding id {} is not below next_finding {}",
                        f.id.0, self.next_finding
                    ));
                }
                check("finding", f.span, &mut out);
                if let Some(s) = f.speaker()
                    && s.0 as usize >= a.speakers.len()
                {
                    out.push(format!(
                        "finding {} names speaker {} that does not exist",
                        f.id.0, s.0
                    ));
                }
            }
        }
        out
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// The file name as the user knew it (no directories: cases travel between machines).
    pub file_name: String,
    /// Full path at import time, to help the user find the original again.
    pub path: Option<String>,
    /// SHA-256 of the original bytes, hex.
    pub sha256: String,
    /// The encoding the bytes were decoded with ("UTF-8", "windows-1252", ...).
    pub encoding: String,
    /// The format it was read as ("text", "markdown", "html", ...).
    pub format: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BlockKind {
    Heading,
    Paragraph,
    Blockquote,
    ListItem,
}

impl BlockKind {
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Heading => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::Blockquote => "blockquote",
            BlockKind::ListItem => "list_item",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: ArticleId,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub source: Source,
    /// The article text itself: a case is self-contained. Shared so that undo snapshots are cheap.
    pub text: Arc<str>,
    pub blocks: Vec<Block>,
    pub boilerplate: Vec<Span>,
    pub speakers: Vec<Speaker>,
    /// Sorted by span start.
    pub findings: Vec<Finding>,
}

impl Article {
    /// An article of plain text named `file_name`, with no blocks and no findings yet: what
    /// tests and hand-built cases start from (imports go through `pipeline::build_article`).
    pub fn from_text(file_name: &str, text: &str) -> Article {
        Article {
            id: ArticleId(0),
            title: None,
            byline: None,
            published: None,
            source: Source {
                file_name: file_name.into(),
                path: None,
                sha256: String::new(),
                encoding: "UTF-8".into(),
                format: "text".into(),
            },
            text: Arc::from(text),
            blocks: vec![],
            boilerplate: vec![],
            speakers: vec![],
            findings: vec![],
        }
    }

    pub fn title_or_file(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.source.file_name)
    }
    pub fn speaker(&self, id: SpeakerId) -> Option<&Speaker> {
        self.speakers.get(id.0 as usize)
    }
    pub fn quote_count(&self, speaker: SpeakerId) -> usize {
        self.findings
            .iter()
            .filter(|f| matches!(&f.kind, FindingKind::Quote(q) if q.speaker == Some(speaker)))
            .count()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// Canonical name: the fullest form seen ("Han Lianchao"), or the description ("one Chinese analyst").
    pub name: String,
    /// Every other form used for the same speaker ("Dr. Han Lianchao", "Han").
    pub aliases: Vec<String>,
    /// Described, not named ("a senior official").
    pub anonymous: bool,
    pub role: Option<String>,
    /// A colour the reviewer chose (sRGB); otherwise the palette's by order of appearance.
    #[serde(default)]
    pub colour: Option<[u8; 3]>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub id: FindingId,
    pub span: Span,
    pub kind: FindingKind,
    pub origin: Origin,
    pub review: Review,
    /// The reviewer set this automatic finding aside; kept so that re-analysis does not bring it back.
    #[serde(default)]
    pub dismissed: bool,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// The exact words and a little context, to find the span again if the text changes.
    #[serde(default)]
    pub anchor: Anchor,
}

/// How many characters of context an anchor keeps on each side.
pub const ANCHOR_CONTEXT_CHARS: usize = 32;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

impl Anchor {
    /// The words of `span` in `text` with up to `ANCHOR_CONTEXT_CHARS` characters either side.
    pub fn capture(text: &str, span: Span) -> Self {
        let before = text.get(..span.start).unwrap_or("");
        let after = text.get(span.end..).unwrap_or("");
        let prefix_start = before
            .char_indices()
            .rev()
            .nth(ANCHOR_CONTEXT_CHARS - 1)
            .map_or(0, |(i, _)| i);
        let suffix_end = after
            .char_indices()
            .nth(ANCHOR_CONTEXT_CHARS)
            .map_or(after.len(), |(i, _)| i);
        Self {
            exact: span.text(text).to_owned(),
            prefix: before[prefix_start..].to_owned(),
            suffix: after[..suffix_end].to_owned(),
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EvidenceKind {
    #[default]
    Url,
    File,
    Excerpt,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stance {
    Supports,
    Contradicts,
    #[default]
    Context,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub kind: EvidenceKind,
    /// The URL, the file path, or the excerpt's text.
    pub value: String,
    pub stance: Stance,
    /// A primary source (the document, the recording) rather than a report of it.
    pub primary: bool,
    #[serde(default)]
    pub note: String,
}

impl Finding {
    /// A new finding over `span` of `text`, its anchor taken from the text (ids come from `Case`).
    pub fn new(text: &str, span: Span, kind: FindingKind, origin: Origin) -> Self {
        Self {
            id: FindingId(0),
            span,
            kind,
            origin,
            review: Review::default(),
            dismissed: false,
            evidence: Vec::new(),
            anchor: Anchor::capture(text, span),
        }
    }

    pub fn speaker(&self) -> Option<SpeakerId> {
        match &self.kind {
            FindingKind::Quote(q) | FindingKind::ReportedSpeech(q) => q.speaker,
            FindingKind::Assertion(_) => None,
        }
    }
    pub fn is_quote(&self) -> bool {
        matches!(self.kind, FindingKind::Quote(_))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Origin {
    Automatic,
    Manual,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FindingKind {
    /// Words in quotation marks (or a block quote) attributed to a speaker.
    Quote(Attributed),
    /// "Han told the Daily Beast that ..." : a claim attributed without quotation marks.
    ReportedSpeech(Attributed),
    /// A sentence or clause presented as true without showing it.
    Assertion(Assertion),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum QuoteKind {
    Direct,
    Partial,
    Block,
}

impl QuoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Block => "block",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attributed {
    pub kind: QuoteKind,
    pub speaker: Option<SpeakerId>,
    /// Where the attribution names the speaker ("he", "Han", "one analyst").
    pub mention: Option<Span>,
    /// The attribution verb ("said", "told", "according to").
    pub cue: Option<Span>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Category {
    Hedge,
    Speculation,
    Belief,
    Rumour,
    Allegation,
    AnonymousSource,
    VagueAttribution,
    UnsourcedFigure,
}

impl Category {
    pub const ALL: [Category; 8] = [
        Category::Hedge,
        Category::Speculation,
        Category::Belief,
        Category::Rumour,
        Category::Allegation,
        Category::AnonymousSource,
        Category::VagueAttribution,
        Category::UnsourcedFigure,
    ];
    /// The word used by the CLI contract and the lexicon files.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Hedge => "hedge",
            Category::Speculation => "speculation",
            Category::Belief => "belief",
            Category::Rumour => "rumour",
            Category::Allegation => "allegation",
            Category::AnonymousSource => "anonymous_source",
            Category::VagueAttribution => "vague_attribution",
            Category::UnsourcedFigure => "unsourced_figure",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Category::Hedge => "Hedge",
            Category::Speculation => "Speculation",
            Category::Belief => "Belief",
            Category::Rumour => "Rumour",
            Category::Allegation => "Allegation",
            Category::AnonymousSource => "Anonymous source",
            Category::VagueAttribution => "Vague attribution",
            Category::UnsourcedFigure => "Unsourced figure",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cue {
    pub span: Span,
    pub category: Category,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assertion {
    pub categories: Vec<Category>,
    pub cues: Vec<Cue>,
    /// 0..=1; the app's "strong signals only" filter keeps those at or above 0.5.
    pub strength: f32,
    /// The assertion sits inside a quotation: it is the speaker's hedge, not the outlet's.
    pub in_quote: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    #[default]
    Unreviewed,
    InProgress,
    NeedsSecondReview,
    Done,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Unreviewed,
        Status::InProgress,
        Status::NeedsSecondReview,
        Status::Done,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Status::Unreviewed => "Unreviewed",
            Status::InProgress => "In progress",
            Status::NeedsSecondReview => "Needs second review",
            Status::Done => "Done",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Verdict {
    Accurate,
    MostlyAccurate,
    Mixed,
    MostlyInaccurate,
    False,
    Unproven,
    NotCheckable,
    /// Quotes only: the words were said, by someone else.
    Misattributed,
    /// Quotes only: the speaker said something different.
    Misquoted,
}

impl Verdict {
    pub const ALL: [Verdict; 9] = [
        Verdict::Accurate,
        Verdict::MostlyAccurate,
        Verdict::Mixed,
        Verdict::MostlyInaccurate,
        Verdict::False,
        Verdict::Unproven,
        Verdict::NotCheckable,
        Verdict::Misattributed,
        Verdict::Misquoted,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Accurate => "Accurate",
            Verdict::MostlyAccurate => "Mostly accurate",
            Verdict::Mixed => "Mixed",
            Verdict::MostlyInaccurate => "Mostly inaccurate",
            Verdict::False => "False",
            Verdict::Unproven => "Unproven",
            Verdict::NotCheckable => "Not checkable",
            Verdict::Misattributed => "Misattributed",
            Verdict::Misquoted => "Misquoted",
        }
    }
    /// Misattributed and misquoted only make sense for quotations.
    pub fn applies_to(self, finding: &FindingKind) -> bool {
        match self {
            Verdict::Misattributed | Verdict::Misquoted => {
                !matches!(finding, FindingKind::Assertion(_))
            }
            _ => true,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub status: Status,
    pub verdict: Option<Verdict>,
    pub note: String,
    /// Every earlier state of this review, oldest first, with who changed it and when.
    #[serde(default)]
    pub history: Vec<ReviewEvent>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReviewEvent {
    /// RFC 3339 time (UTC) of the change.
    pub at: String,
    pub reviewer: String,
    pub status: Status,
    pub verdict: Option<Verdict>,
    pub note: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str, spans: &[(usize, usize)]) -> Article {
        Article {
            findings: spans
                .iter()
                .map(|&(s, e)| {
                    let kind = FindingKind::Assertion(Assertion {
                        categories: vec![Category::Hedge],
                        cues: vec![],
                        strength: 1.0,
                        in_quote: false,
                    });
                    Finding::new(text, Span::new(s, e), kind, Origin::Automatic)
                })
                .collect(),
            ..Article::from_text("a.txt", text)
        }
    }

    #[test]
    fn ids_are_unique_across_articles() {
        let mut case = Case::default();
        let a = case.add_article(article("One. Two.", &[(0, 4), (5, 9)]));
        let b = case.add_article(article("Three.", &[(0, 6)]));
        assert_ne!(a, b);
        let ids: Vec<u32> = case
            .articles
            .iter()
            .flat_map(|a| &a.findings)
            .map(|f| f.id.0)
            .collect();
        assert_eq!(ids, vec![1, 2, 3]);
        assert!(case.problems().is_empty());
        assert_eq!(case.finding(FindingId(3)).unwrap().0.id, b);
    }

    #[test]
    fn problems_catch_bad_spans_and_ids() {
        let mut case = Case::default();
        case.add_article(article("héllo", &[(0, 2), (0, 99)]));
        case.articles[0].findings[0].span = Span::new(0, 2); // inside "é"
        case.articles[0].findings[1].id = FindingId(1);
        let p = case.problems();
        assert!(p.iter().any(|m| m.contains("splits a character")), "{p:?}");
        assert!(p.iter().any(|m| m.contains("outside its text")), "{p:?}");
        assert!(p.iter().any(|m| m.contains("used twice")), "{p:?}");
    }

    #[test]
    fn anchors_keep_context_on_character_boundaries() {
        let text = "😀".repeat(40) + "quoted words" + &"é".repeat(40);
        let start = text.find("quoted").unwrap();
        let a = Anchor::capture(&text, Span::new(start, start + "quoted words".len()));
        assert_eq!(a.exact, "quoted words");
        assert_eq!(a.prefix.chars().count(), ANCHOR_CONTEXT_CHARS);
        assert_eq!(a.suffix.chars().count(), ANCHOR_CONTEXT_CHARS);
        let short = Anchor::capture("ab", Span::new(1, 2));
        assert_eq!(
            (
                short.prefix.as_str(),
                short.exact.as_str(),
                short.suffix.as_str()
            ),
            ("a", "b", "")
        );
    }

    #[test]
    fn span_helpers() {
        let s = Span::new(2, 5);
        assert!(s.contains(2) && !s.contains(5));
        assert!(s.overlaps(Span::new(4, 9)) && !s.overlaps(Span::new(5, 9)));
        assert_eq!(s.text("abcdefg"), "cde");
        assert_eq!(Span::new(3, 99).text("abc"), "");
    }

    #[test]
    fn quote_only_verdicts() {
        let a = FindingKind::Assertion(Assertion {
            categories: vec![],
            cues: vec![],
            strength: 0.0,
            in_quote: false,
        });
        assert!(!Verdict::Misquoted.applies_to(&a));
        assert!(Verdict::False.applies_to(&a));
    }
}
