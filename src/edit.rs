//! Changes to a case, applied in one place, with undo and redo.
//!
//! Every change a user makes goes through [`History::apply`], which records the case as
//! it was before: the whole case (cheap, because article texts are shared as `Arc<str>`),
//! or, for the review edits that touch one finding, only that finding, so that reviewing
//! at speed in an article of thousands of findings does not copy them all on every key.

use crate::model::{
    Article, ArticleId, Case, Evidence, Finding, FindingId, FindingKind, Review, ReviewEvent, Span,
    SpeakerId, Status, Verdict,
};

/// Who made a review change and when (RFC 3339, UTC).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stamp {
    pub reviewer: String,
    pub at: String,
}

impl Stamp {
    pub fn now(reviewer: &str) -> Self {
        Self {
            reviewer: reviewer.to_owned(),
            at: jiff::Timestamp::now()
                .round(jiff::Unit::Second)
                .unwrap_or_else(|_| jiff::Timestamp::now())
                .to_string(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum ReviewChange {
    Status(Status),
    Verdict(Option<Verdict>),
    Note(String),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    Review(FindingId, ReviewChange, Stamp),
    AddEvidence(FindingId, Evidence),
    UpdateEvidence(FindingId, usize, Evidence),
    RemoveEvidence(FindingId, usize),
    /// Sets an automatic finding aside (true) or brings it back (false).
    Dismiss(FindingId, bool),
    RenameSpeaker(ArticleId, SpeakerId, String),
    SetSpeakerAnonymous(ArticleId, SpeakerId, bool),
    SetSpeakerRole(ArticleId, SpeakerId, Option<String>),
    SetSpeakerColour(ArticleId, SpeakerId, Option<[u8; 3]>),
    /// Every finding of the first speaker goes to the second; the first keeps no findings.
    MergeSpeakers(ArticleId, SpeakerId, SpeakerId),
    /// Gives a quotation or reported speech to another speaker of its article (or to nobody).
    AssignSpeaker(FindingId, Option<SpeakerId>),
    /// Gives a quotation to a new speaker of that name (splitting one speaker into two).
    NewSpeaker(FindingId, String),
    /// A finding the reviewer marked by hand (its id is given here).
    AddFinding(ArticleId, Finding),
    /// A new kind for a finding (quotation, reported speech, or assertion and its categories).
    Relabel(FindingId, FindingKind),
    /// New bounds for a finding; its anchor follows.
    SetSpan(FindingId, Span),
    /// The article's text read again (another encoding): annotations move with their anchors,
    /// and those that cannot be found stay as orphans.
    ReplaceText {
        article: ArticleId,
        imported: Box<crate::import::Imported>,
    },
    /// An article's new content (analysed again); findings with id 0 get fresh ids.
    ReplaceArticle(Box<Article>),
    /// Articles analysed again (as `ReplaceArticle`) and the case's record of the lexicons
    /// that made its findings now (`Case::lexicon_version`): one undo step.
    Reanalysed {
        articles: Vec<Article>,
        lexicon_version: String,
    },
    AddArticles(Vec<Article>),
    RemoveArticle(ArticleId),
    RenameCase(String),
}

impl Edit {
    /// What the undo menu says ("Undo set verdict").
    pub fn label(&self) -> &'static str {
        match self {
            Edit::Review(_, ReviewChange::Status(_), _) => "set status",
            Edit::Review(_, ReviewChange::Verdict(_), _) => "set verdict",
            Edit::Review(_, ReviewChange::Note(_), _) => "edit note",
            Edit::AddEvidence(..) => "add evidence",
            Edit::UpdateEvidence(..) => "edit evidence",
            Edit::RemoveEvidence(..) => "remove evidence",
            Edit::Dismiss(_, true) => "dismiss finding",
            Edit::Dismiss(_, false) => "restore finding",
            Edit::RenameSpeaker(..) => "rename speaker",
            Edit::SetSpeakerAnonymous(..) => "mark speaker",
            Edit::SetSpeakerRole(..) => "set speaker role",
            Edit::SetSpeakerColour(..) => "set speaker colour",
            Edit::MergeSpeakers(..) => "merge speakers",
            Edit::AssignSpeaker(..) | Edit::NewSpeaker(..) => "change speaker",
            Edit::AddFinding(..) => "mark finding",
            Edit::Relabel(..) => "relabel finding",
            Edit::SetSpan(..) => "adjust span",
            Edit::ReplaceText { .. } => "re-import article",
            Edit::ReplaceArticle(..) | Edit::Reanalysed { .. } => "analyse again",
            Edit::AddArticles(..) => "import articles",
            Edit::RemoveArticle(..) => "remove article",
            Edit::RenameCase(..) => "rename case",
        }
    }

    /// The one finding this edit can change, when it changes nothing else.
    fn only_finding(&self) -> Option<FindingId> {
        match self {
            Edit::Review(id, ..)
            | Edit::AddEvidence(id, _)
            | Edit::UpdateEvidence(id, ..)
            | Edit::RemoveEvidence(id, _)
            | Edit::Dismiss(id, _)
            | Edit::AssignSpeaker(id, _) => Some(*id),
            _ => None,
        }
    }

    /// Consecutive edits with the same key merge into one undo step (typing is one action).
    fn merge_key(&self) -> Option<(FindingId, usize)> {
        match self {
            Edit::Review(id, ReviewChange::Note(_), _) => Some((*id, usize::MAX)),
            Edit::UpdateEvidence(id, i, _) => Some((*id, *i)),
            _ => None,
        }
    }
}

/// Typing in a note within this many seconds of the last change by the same reviewer
/// updates that history entry instead of adding one per keystroke.
const HISTORY_MERGE_SECONDS: i64 = 120;

fn record(review: &mut Review, stamp: &Stamp, note_only: bool) {
    let event = ReviewEvent {
        at: stamp.at.clone(),
        reviewer: stamp.reviewer.clone(),
        status: review.status,
        verdict: review.verdict,
        note: review.note.clone(),
    };
    let recent = |last: &ReviewEvent| {
        let (Ok(a), Ok(b)) = (
            last.at.parse::<jiff::Timestamp>(),
            stamp.at.parse::<jiff::Timestamp>(),
        ) else {
            return false;
        };
        (b.as_second() - a.as_second()).abs() <= HISTORY_MERGE_SECONDS
    };
    // The last entry was itself a note change when status and verdict match the entry before it.
    let n = review.history.len();
    let last_was_note = n > 0 && {
        let (status, verdict) = match n {
            1 => (Status::default(), None),
            _ => (review.history[n - 2].status, review.history[n - 2].verdict),
        };
        let last = &review.history[n - 1];
        last.status == status && last.verdict == verdict
    };
    match review.history.last_mut() {
        Some(last)
            if note_only
                && last_was_note
                && last.reviewer == event.reviewer
                && last.status == event.status
                && last.verdict == event.verdict
                && recent(last) =>
        {
            *last = event
        }
        _ => review.history.push(event),
    }
}

/// A non-empty span on character boundaries of `text`.
fn fits(text: &str, span: Span) -> bool {
    !span.is_empty()
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

/// Inserts `f` where the findings' order by span puts it, its anchor taken from the text.
fn place(article: &mut Article, mut f: Finding) {
    f.anchor = crate::model::Anchor::capture(&article.text, f.span);
    let key = (f.span.start, f.span.end);
    let at = article
        .findings
        .partition_point(|x| (x.span.start, x.span.end) <= key);
    article.findings.insert(at, f);
}

/// The article that holds finding `id`.
fn article_of(case: &mut Case, id: FindingId) -> Option<&mut Article> {
    case.articles
        .iter_mut()
        .find(|a| a.findings.iter().any(|f| f.id == id))
}

/// Applies `edit` to `case`; returns false when it changed nothing (an unknown id, the same value).
pub fn apply(case: &mut Case, edit: Edit) -> bool {
    fn set<T: PartialEq>(slot: &mut T, value: T) -> bool {
        let changed = *slot != value;
        *slot = value;
        changed
    }
    fn speaker(case: &mut Case, a: ArticleId, s: SpeakerId) -> Option<&mut crate::model::Speaker> {
        case.article_mut(a)?.speakers.get_mut(s.0 as usize)
    }
    match edit {
        Edit::Review(id, change, stamp) => {
            let Some(f) = case.finding_mut(id) else {
                return false;
            };
            let note_only = matches!(change, ReviewChange::Note(_));
            let changed = match change {
                ReviewChange::Status(s) => set(&mut f.review.status, s),
                ReviewChange::Verdict(v) => {
                    v.is_none_or(|v| v.applies_to(&f.kind)) && set(&mut f.review.verdict, v)
                }
                ReviewChange::Note(n) => set(&mut f.review.note, n),
            };
            if changed {
                record(&mut f.review, &stamp, note_only);
            }
            changed
        }
        Edit::AddEvidence(id, e) => case.finding_mut(id).map(|f| f.evidence.push(e)).is_some(),
        Edit::UpdateEvidence(id, i, e) => case
            .finding_mut(id)
            .and_then(|f| f.evidence.get_mut(i))
            .is_some_and(|slot| set(slot, e)),
        Edit::RemoveEvidence(id, i) => case
            .finding_mut(id)
            .filter(|f| i < f.evidence.len())
            .map(|f| f.evidence.remove(i))
            .is_some(),
        Edit::Dismiss(id, d) => case
            .finding_mut(id)
            .is_some_and(|f| set(&mut f.dismissed, d)),
        Edit::RenameSpeaker(a, s, name) => {
            let name = name.trim().to_owned();
            !name.is_empty()
                && speaker(case, a, s).is_some_and(|sp| {
                    let old = std::mem::replace(&mut sp.name, name.clone());
                    if old != name && !sp.aliases.contains(&old) {
                        sp.aliases.push(old.clone());
                    }
                    old != name
                })
        }
        Edit::SetSpeakerAnonymous(a, s, v) => {
            speaker(case, a, s).is_some_and(|sp| set(&mut sp.anonymous, v))
        }
        Edit::SetSpeakerRole(a, s, r) => speaker(case, a, s).is_some_and(|sp| set(&mut sp.role, r)),
        Edit::SetSpeakerColour(a, s, c) => {
            speaker(case, a, s).is_some_and(|sp| set(&mut sp.colour, c))
        }
        Edit::MergeSpeakers(a, from, into) => {
            let Some(article) = case.article_mut(a) else {
                return false;
            };
            let n = article.speakers.len() as u32;
            if from == into || from.0 >= n || into.0 >= n {
                return false;
            }
            let gone = article.speakers[from.0 as usize].clone();
            let target = &mut article.speakers[into.0 as usize];
            for alias in std::iter::once(gone.name).chain(gone.aliases) {
                if alias != target.name && !target.aliases.contains(&alias) {
                    target.aliases.push(alias);
                }
            }
            for f in &mut article.findings {
                if let crate::model::FindingKind::Quote(q)
                | crate::model::FindingKind::ReportedSpeech(q) = &mut f.kind
                    && q.speaker == Some(from)
                {
                    q.speaker = Some(into);
                }
            }
            true
        }
        Edit::AssignSpeaker(id, to) => {
            let Some(article) = article_of(case, id) else {
                return false;
            };
            if to.is_some_and(|s| s.0 as usize >= article.speakers.len()) {
                return false;
            }
            article
                .findings
                .iter_mut()
                .find(|f| f.id == id)
                .is_some_and(|f| match &mut f.kind {
                    crate::model::FindingKind::Quote(q)
                    | crate::model::FindingKind::ReportedSpeech(q) => set(&mut q.speaker, to),
                    crate::model::FindingKind::Assertion(_) => false,
                })
        }
        Edit::NewSpeaker(id, name) => {
            let name = name.trim().to_owned();
            let Some(article) = article_of(case, id) else {
                return false;
            };
            let new = SpeakerId(article.speakers.len() as u32);
            let Some(f) = article.findings.iter_mut().find(|f| f.id == id) else {
                return false;
            };
            let (crate::model::FindingKind::Quote(q)
            | crate::model::FindingKind::ReportedSpeech(q)) = &mut f.kind
            else {
                return false;
            };
            if name.is_empty() {
                return false;
            }
            q.speaker = Some(new);
            article.speakers.push(crate::model::Speaker {
                name,
                aliases: vec![],
                anonymous: false,
                role: None,
                colour: None,
            });
            true
        }
        Edit::AddFinding(a, mut f) => {
            let Some(article) = case.articles.iter_mut().find(|x| x.id == a) else {
                return false;
            };
            if !fits(&article.text, f.span)
                || f.speaker()
                    .is_some_and(|s| s.0 as usize >= article.speakers.len())
            {
                return false;
            }
            f.id = FindingId(case.next_finding);
            place(article, f);
            case.next_finding += 1;
            true
        }
        Edit::Relabel(id, kind) => {
            let Some(article) = article_of(case, id) else {
                return false;
            };
            let n = article.speakers.len();
            let Some(f) = article.findings.iter_mut().find(|f| f.id == id) else {
                return false;
            };
            let bad_speaker = match &kind {
                crate::model::FindingKind::Quote(q)
                | crate::model::FindingKind::ReportedSpeech(q) => {
                    q.speaker.is_some_and(|s| s.0 as usize >= n)
                }
                crate::model::FindingKind::Assertion(a) => a.categories.is_empty(),
            };
            if bad_speaker {
                return false;
            }
            if f.review.verdict.is_some_and(|v| !v.applies_to(&kind)) {
                f.review.verdict = None;
            }
            set(&mut f.kind, kind)
        }
        Edit::SetSpan(id, span) => {
            let Some(article) = article_of(case, id) else {
                return false;
            };
            if !fits(&article.text, span) {
                return false;
            }
            let Some(i) = article.findings.iter().position(|f| f.id == id) else {
                return false;
            };
            let mut f = article.findings.remove(i);
            let changed = f.span != span;
            f.span = span;
            place(article, f);
            changed
        }
        Edit::ReplaceText { article, imported } => {
            let Some(a) = case.article_mut(article) else {
                return false;
            };
            if *a.text == imported.text {
                return false;
            }
            crate::anchor::reanchor_article(a, std::sync::Arc::from(imported.text.as_str()));
            a.blocks = imported.blocks.clone();
            a.boilerplate = crate::analysis::boilerplate::detect(
                crate::analysis::Input {
                    text: &a.text,
                    blocks: &a.blocks,
                },
                &crate::analysis::Lexicons::builtin().boilerplate,
            );
            a.source.encoding = imported.encoding.clone();
            if imported.title.is_some() {
                a.title = imported.title.clone();
            }
            a.findings.sort_by_key(|f| (f.span.start, f.span.end));
            true
        }
        Edit::ReplaceArticle(mut new) => {
            let next = &mut case.next_finding;
            for f in new.findings.iter_mut().filter(|f| f.id == FindingId(0)) {
                f.id = FindingId(*next);
                *next += 1;
            }
            let Some(slot) = case.articles.iter_mut().find(|a| a.id == new.id) else {
                return false;
            };
            let changed = *slot != *new;
            *slot = *new;
            changed
        }
        Edit::Reanalysed {
            articles,
            lexicon_version,
        } => {
            let mut changed = set(&mut case.lexicon_version, lexicon_version);
            for a in articles {
                changed |= apply(case, Edit::ReplaceArticle(Box::new(a)));
            }
            changed
        }
        Edit::AddArticles(articles) => {
            let any = !articles.is_empty();
            for a in articles {
                case.add_article(a);
            }
            any
        }
        Edit::RemoveArticle(id) => {
            let before = case.articles.len();
            case.articles.retain(|a| a.id != id);
            case.articles.len() != before
        }
        Edit::RenameCase(name) => set(&mut case.name, name),
    }
}

struct Step {
    label: &'static str,
    merge_key: Option<(FindingId, usize)>,
    before: Snapshot,
}

/// What a step restores.
enum Snapshot {
    Case(Case),
    /// One finding as it was (the rest of the case is as the step left it).
    Finding(Finding),
}

impl Snapshot {
    /// Puts the snapshot into `case`; returns what it replaced.
    fn restore(self, case: &mut Case) -> Option<Snapshot> {
        match self {
            Snapshot::Case(c) => Some(Snapshot::Case(std::mem::replace(case, c))),
            Snapshot::Finding(f) => {
                let slot = case.finding_mut(f.id)?;
                Some(Snapshot::Finding(std::mem::replace(slot, f)))
            }
        }
    }
}

/// Undo and redo stacks of case snapshots, one per user action.
#[derive(Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Bumped on every change, so views can tell when to rebuild.
    revision: u64,
}

/// How many steps are kept; the oldest are dropped first.
const MAX_STEPS: usize = 500;

impl History {
    pub fn revision(&self) -> u64 {
        self.revision
    }
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
    pub fn undo_label(&self) -> Option<&'static str> {
        self.undo.last().map(|s| s.label)
    }
    pub fn redo_label(&self) -> Option<&'static str> {
        self.redo.last().map(|s| s.label)
    }

    /// Applies one user action; returns whether the case changed.
    pub fn apply(&mut self, case: &mut Case, edit: Edit) -> bool {
        let label = edit.label();
        let merge_key = edit.merge_key();
        let before = match edit.only_finding() {
            Some(id) => match case.finding_mut(id) {
                Some(f) => Snapshot::Finding(f.clone()),
                None => return false,
            },
            None => Snapshot::Case(case.clone()),
        };
        if !apply(case, edit) {
            return false;
        }
        self.revision += 1;
        self.redo.clear();
        let merges =
            merge_key.is_some() && self.undo.last().is_some_and(|s| s.merge_key == merge_key);
        if !merges {
            self.undo.push(Step {
                label,
                merge_key,
                before,
            });
            if self.undo.len() > MAX_STEPS {
                self.undo.remove(0);
            }
        }
        true
    }

    /// Ends the current merge run, so the next note edit is its own step (the note lost focus).
    pub fn seal(&mut self) {
        if let Some(s) = self.undo.last_mut() {
            s.merge_key = None;
        }
    }

    pub fn undo(&mut self, case: &mut Case) -> bool {
        self.swap(case, true)
    }

    pub fn redo(&mut self, case: &mut Case) -> bool {
        self.swap(case, false)
    }

    fn swap(&mut self, case: &mut Case, undo: bool) -> bool {
        let (from, to) = if undo {
            (&mut self.undo, &mut self.redo)
        } else {
            (&mut self.redo, &mut self.undo)
        };
        let Some(step) = from.pop() else { return false };
        // The stacks are linear, so the finding a step names is always there; if it were not,
        // the step is dropped rather than applied to the wrong state.
        let Some(current) = step.before.restore(case) else {
            return false;
        };
        to.push(Step {
            label: step.label,
            merge_key: None,
            before: current,
        });
        self.revision += 1;
        true
    }

    /// Forgets every step (a different case was opened).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.revision += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Lexicons;
    use crate::pipeline;

    fn stamp() -> Stamp {
        Stamp {
            reviewer: "Ana".into(),
            at: "2026-11-26T05:00:00Z".into(),
        }
    }
    fn status(id: FindingId, s: Status) -> Edit {
        Edit::Review(id, ReviewChange::Status(s), stamp())
    }
    fn verdict(id: FindingId, v: Option<Verdict>) -> Edit {
        Edit::Review(id, ReviewChange::Verdict(v), stamp())
    }
    fn note(id: FindingId, n: String) -> Edit {
        Edit::Review(id, ReviewChange::Note(n), stamp())
    }

    fn case_with_quote() -> (Case, FindingId) {
        let imported =
            crate::import::import("a.txt", "“It is done,” she said.".as_bytes()).unwrap();
        let mut article = pipeline::build_article(imported, "a.txt", None, Lexicons::builtin());
        let kind = crate::model::FindingKind::Quote(crate::model::Attributed {
            kind: crate::model::QuoteKind::Direct,
            speaker: None,
            mention: None,
            cue: None,
        });
        let span = crate::model::Span::new(3, 13);
        let f = crate::model::Finding::new(&article.text, span, kind, crate::model::Origin::Manual);
        article.findings.push(f);
        let mut case = Case::default();
        case.add_article(article);
        let id = case.articles[0].findings.last().unwrap().id;
        (case, id)
    }

    #[test]
    fn undo_and_redo_restore_each_step() {
        let (mut case, id) = case_with_quote();
        let mut h = History::default();
        assert!(h.apply(&mut case, verdict(id, Some(Verdict::False))));
        assert!(h.apply(&mut case, status(id, Status::Done)));
        assert_eq!(h.undo_label(), Some("set status"));
        assert!(h.undo(&mut case));
        assert_eq!(
            case.finding(id).unwrap().1.review.status,
            Status::Unreviewed
        );
        assert_eq!(
            case.finding(id).unwrap().1.review.verdict,
            Some(Verdict::False)
        );
        assert!(h.undo(&mut case));
        assert_eq!(case.finding(id).unwrap().1.review.verdict, None);
        assert!(!h.undo(&mut case));
        assert!(h.redo(&mut case));
        assert_eq!(
            case.finding(id).unwrap().1.review.verdict,
            Some(Verdict::False)
        );
    }

    #[test]
    fn finding_and_case_snapshots_interleave_through_undo_and_redo() {
        let (mut case, id) = case_with_quote();
        let mut h = History::default();
        let mut states = vec![case.clone()];
        let edits = [
            verdict(id, Some(Verdict::False)),
            Edit::RenameCase("First".into()),
            Edit::AddEvidence(id, Evidence::default()),
            Edit::RenameCase("Renamed".into()),
            Edit::Dismiss(id, true),
            status(id, Status::Done),
        ];
        for e in edits {
            assert!(h.apply(&mut case, e.clone()), "{e:?}");
            states.push(case.clone());
        }
        // Back to the start, one state at a time, then forward again.
        for want in states.iter().rev().skip(1) {
            assert!(h.undo(&mut case));
            assert_eq!(&case, want);
        }
        assert!(!h.undo(&mut case));
        for want in states.iter().skip(1) {
            assert!(h.redo(&mut case));
            assert_eq!(&case, want);
        }
        assert!(!h.redo(&mut case));
    }

    #[test]
    fn typing_a_note_is_one_step_until_sealed() {
        let (mut case, id) = case_with_quote();
        let mut h = History::default();
        for text in ["S", "Se", "See"] {
            h.apply(&mut case, note(id, text.into()));
        }
        h.seal();
        h.apply(&mut case, note(id, "See source".into()));
        h.undo(&mut case);
        assert_eq!(case.finding(id).unwrap().1.review.note, "See");
        h.undo(&mut case);
        assert_eq!(case.finding(id).unwrap().1.review.note, "");
    }

    #[test]
    fn no_op_edits_leave_no_step() {
        let (mut case, id) = case_with_quote();
        let mut h = History::default();
        assert!(!h.apply(&mut case, status(id, Status::Unreviewed)));
        assert!(!h.apply(&mut case, status(FindingId(9999), Status::Done)));
        assert!(!h.can_undo());
    }

    #[test]
    fn quote_only_verdicts_are_refused_for_assertions() {
        let (mut case, id) = case_with_quote();
        case.articles[0].findings.last_mut().unwrap().kind =
            crate::model::FindingKind::Assertion(crate::model::Assertion {
                categories: vec![crate::model::Category::Hedge],
                cues: vec![],
                strength: 1.0,
                in_quote: false,
            });
        assert!(!apply(&mut case, verdict(id, Some(Verdict::Misquoted))));
        assert!(apply(&mut case, verdict(id, Some(Verdict::Mixed))));
    }

    #[test]
    fn reviews_keep_a_history_with_who_and_when() {
        let (mut case, id) = case_with_quote();
        apply(&mut case, verdict(id, Some(Verdict::Mixed)));
        for text in ["S", "Se", "See"] {
            apply(&mut case, note(id, text.into()));
        }
        let later = Stamp {
            reviewer: "Bo".into(),
            at: "2026-11-26T07:00:00Z".into(),
        };
        apply(
            &mut case,
            Edit::Review(id, ReviewChange::Status(Status::Done), later),
        );
        let h = &case.finding(id).unwrap().1.review.history;
        assert_eq!(h.len(), 3, "{h:?}");
        assert_eq!(
            (h[0].verdict, h[0].note.as_str()),
            (Some(Verdict::Mixed), "")
        );
        assert_eq!(h[1].note, "See", "typing merges into one entry");
        assert_eq!((h[2].reviewer.as_str(), h[2].status), ("Bo", Status::Done));
        assert!(Stamp::now("x").at.parse::<jiff::Timestamp>().is_ok());
    }

    #[test]
    fn manual_findings_relabel_and_span_changes_keep_order_and_anchors() {
        let (mut case, id) = case_with_quote();
        let a = case.articles[0].id;
        let text = case.articles[0].text.clone();
        let assertion = FindingKind::Assertion(crate::model::Assertion {
            categories: vec![crate::model::Category::Rumour],
            cues: vec![],
            strength: 1.0,
            in_quote: false,
        });
        let f = Finding::new(
            &text,
            Span::new(0, 3),
            assertion.clone(),
            crate::model::Origin::Manual,
        );
        assert!(apply(&mut case, Edit::AddFinding(a, f.clone())));
        let bad = Finding {
            span: Span::new(1, 2),
            ..f.clone()
        }; // inside the curly quote
        assert!(!apply(&mut case, Edit::AddFinding(a, bad)));
        let starts: Vec<usize> = case.articles[0]
            .findings
            .iter()
            .map(|f| f.span.start)
            .collect();
        assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
        assert!(case.problems().is_empty(), "{:?}", case.problems());
        apply(&mut case, verdict(id, Some(Verdict::Misquoted)));
        assert!(apply(&mut case, Edit::Relabel(id, assertion)));
        assert_eq!(
            case.finding(id).unwrap().1.review.verdict,
            None,
            "a quote-only verdict does not survive"
        );
        assert!(apply(&mut case, Edit::SetSpan(id, Span::new(3, 8))));
        let (_, g) = case.finding(id).unwrap();
        assert_eq!(g.anchor.exact, &text[3..8]);
        assert!(!apply(&mut case, Edit::SetSpan(id, Span::new(5, 5))));
    }

    #[test]
    fn analysing_again_keeps_reviews_manual_and_dismissed_findings() {
        let text = "“We will win,” Ann Lee said. Officials may respond. Rumours spread.";
        let imported = crate::import::import("a.txt", text.as_bytes()).unwrap();
        let article = pipeline::build_article(imported, "a.txt", None, Lexicons::builtin());
        let mut case = Case::default();
        let a = case.add_article(article);
        let ids: Vec<FindingId> = case
            .article(a)
            .unwrap()
            .findings
            .iter()
            .map(|f| f.id)
            .collect();
        assert!(ids.len() >= 3, "{ids:?}");
        apply(&mut case, verdict(ids[0], Some(Verdict::Accurate)));
        apply(&mut case, Edit::Dismiss(ids[1], true));
        let plain = FindingKind::Assertion(crate::model::Assertion {
            categories: vec![crate::model::Category::Hedge],
            cues: vec![],
            strength: 1.0,
            in_quote: false,
        });
        let manual = Finding::new(text, Span::new(0, 4), plain, crate::model::Origin::Manual);
        apply(&mut case, Edit::AddFinding(a, manual));
        let before = case.article(a).unwrap().findings.len();
        let again = pipeline::reanalysed(case.article(a).unwrap(), Lexicons::builtin());
        apply(&mut case, Edit::ReplaceArticle(Box::new(again)));
        let art = case.article(a).unwrap();
        assert_eq!(art.findings.len(), before, "nothing lost, nothing doubled");
        assert_eq!(
            case.finding(ids[0]).unwrap().1.review.verdict,
            Some(Verdict::Accurate)
        );
        assert!(
            case.finding(ids[1]).unwrap().1.dismissed,
            "a dismissed finding does not come back"
        );
        assert!(
            art.findings
                .iter()
                .any(|f| f.origin == crate::model::Origin::Manual)
        );
        assert!(case.problems().is_empty(), "{:?}", case.problems());
    }

    #[test]
    fn analysing_every_article_again_records_the_lexicons_in_one_undo_step() {
        let lex = Lexicons::builtin();
        let mut case = Case {
            lexicon_version: "builtin-0.0.1".into(),
            ..Case::default()
        };
        for (name, text) in [
            ("a.txt", "Officials may respond. Rumours spread."),
            ("b.txt", "The minister might resign, insiders said."),
        ] {
            let imported = crate::import::import(name, text.as_bytes()).unwrap();
            case.add_article(pipeline::build_article(imported, name, None, lex));
        }
        // Findings from an older list: one of them reviewed, the others gone.
        let a = case.articles[0].id;
        let kept = case.articles[0].findings[0].id;
        apply(&mut case, verdict(kept, Some(Verdict::Accurate)));
        for art in &mut case.articles {
            art.findings.retain(|f| f.id == kept);
        }
        let before = case.clone();
        let mut history = History::default();
        let again: Vec<Article> = case
            .articles
            .iter()
            .map(|a| pipeline::reanalysed(a, lex))
            .collect();
        assert!(history.apply(
            &mut case,
            Edit::Reanalysed {
                articles: again,
                lexicon_version: lex.version.clone(),
            }
        ));
        assert_eq!(case.lexicon_version, lex.version);
        assert!(case.articles.iter().all(|a| !a.findings.is_empty()));
        assert_eq!(
            case.finding(kept).unwrap().1.review.verdict,
            Some(Verdict::Accurate)
        );
        assert!(case.problems().is_empty(), "{:?}", case.problems());
        assert_eq!(history.undo_label(), Some("analyse again"));
        assert!(history.undo(&mut case));
        assert_eq!(case, before, "one step undoes the findings and the version");
        assert!(case.article(a).is_some());
        assert!(history.redo(&mut case));
        assert_eq!(case.lexicon_version, lex.version);
    }

    #[test]
    fn evidence_dismissal_and_undo() {
        let (mut case, id) = case_with_quote();
        let mut h = History::default();
        let e = Evidence {
            value: "https://example.org".into(),
            primary: true,
            ..Default::default()
        };
        assert!(h.apply(&mut case, Edit::AddEvidence(id, e.clone())));
        let e2 = Evidence {
            stance: crate::model::Stance::Contradicts,
            ..e.clone()
        };
        assert!(h.apply(&mut case, Edit::UpdateEvidence(id, 0, e2.clone())));
        assert!(!h.apply(&mut case, Edit::RemoveEvidence(id, 5)));
        assert!(h.apply(&mut case, Edit::Dismiss(id, true)));
        assert!(case.finding(id).unwrap().1.dismissed);
        assert_eq!(case.finding(id).unwrap().1.evidence, vec![e2]);
        h.undo(&mut case);
        h.undo(&mut case);
        assert!(!case.finding(id).unwrap().1.dismissed);
        assert_eq!(case.finding(id).unwrap().1.evidence, vec![e]);
    }

    #[test]
    fn speakers_rename_and_merge() {
        let text = "“One thing,” Ann Lee said. “Another,” Lee said.";
        let imported = crate::import::import("a.txt", text.as_bytes()).unwrap();
        let mut article = pipeline::build_article(imported, "a.txt", None, Lexicons::builtin());
        let quote = |speaker| {
            crate::model::FindingKind::Quote(crate::model::Attributed {
                kind: crate::model::QuoteKind::Direct,
                speaker: Some(SpeakerId(speaker)),
                mention: None,
                cue: None,
            })
        };
        article.speakers = ["Ann Lee", "A. Lee"]
            .map(|n| crate::model::Speaker {
                name: n.into(),
                aliases: vec![],
                anonymous: false,
                role: None,
                colour: None,
            })
            .to_vec();
        let span = crate::model::Span::new(3, 12);
        article.findings = vec![
            crate::model::Finding::new(text, span, quote(0), crate::model::Origin::Manual),
            crate::model::Finding::new(text, span, quote(1), crate::model::Origin::Manual),
        ];
        let mut case = Case::default();
        let a = case.add_article(article);
        assert!(apply(
            &mut case,
            Edit::MergeSpeakers(a, SpeakerId(1), SpeakerId(0))
        ));
        let art = case.article(a).unwrap();
        assert!(
            art.findings
                .iter()
                .all(|f| f.speaker() == Some(SpeakerId(0)))
        );
        assert_eq!(art.speakers[0].aliases, vec!["A. Lee"]);
        assert!(apply(
            &mut case,
            Edit::RenameSpeaker(a, SpeakerId(0), "Dr. Ann Lee".into())
        ));
        assert!(!apply(
            &mut case,
            Edit::RenameSpeaker(a, SpeakerId(0), "  ".into())
        ));
        let sp = &case.article(a).unwrap().speakers[0];
        assert_eq!(sp.name, "Dr. Ann Lee");
        assert!(sp.aliases.contains(&"Ann Lee".to_owned()));
        assert!(apply(
            &mut case,
            Edit::SetSpeakerAnonymous(a, SpeakerId(0), true)
        ));
        assert!(apply(
            &mut case,
            Edit::SetSpeakerColour(a, SpeakerId(0), Some([1, 2, 3]))
        ));
    }
}
