//! Changes to a case, applied in one place, with undo and redo.
//!
//! Every change a user makes goes through [`History::apply`], which records the case as
//! it was before. Snapshots are cheap because article texts are shared (`Arc<str>`).

use crate::model::{Article, ArticleId, Case, FindingId, Review, Status, Verdict};

#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    SetStatus(FindingId, Status),
    SetVerdict(FindingId, Option<Verdict>),
    SetNote(FindingId, String),
    AddArticles(Vec<Article>),
    RemoveArticle(ArticleId),
    RenameCase(String),
}

impl Edit {
    /// What the undo menu says ("Undo set verdict").
    pub fn label(&self) -> &'static str {
        match self {
            Edit::SetStatus(..) => "set status",
            Edit::SetVerdict(..) => "set verdict",
            Edit::SetNote(..) => "edit note",
            Edit::AddArticles(..) => "import articles",
            Edit::RemoveArticle(..) => "remove article",
            Edit::RenameCase(..) => "rename case",
        }
    }
}

/// Applies `edit` to `case`; returns false when it changed nothing (an unknown id, the same value).
pub fn apply(case: &mut Case, edit: Edit) -> bool {
    fn review(case: &mut Case, id: FindingId, f: impl FnOnce(&mut Review) -> bool) -> bool {
        case.finding_mut(id)
            .is_some_and(|finding| f(&mut finding.review))
    }
    fn set<T: PartialEq>(slot: &mut T, value: T) -> bool {
        let changed = *slot != value;
        *slot = value;
        changed
    }
    match edit {
        Edit::SetStatus(id, s) => review(case, id, |r| set(&mut r.status, s)),
        Edit::SetVerdict(id, v) => {
            let allowed = case
                .finding(id)
                .is_some_and(|(_, f)| v.is_none_or(|v| v.applies_to(&f.kind)));
            allowed && review(case, id, |r| set(&mut r.verdict, v))
        }
        Edit::SetNote(id, note) => review(case, id, |r| set(&mut r.note, note)),
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
    /// Edits to the same note in a row merge into one step (typing is one action).
    merge_key: Option<FindingId>,
    before: Case,
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
        let merge_key = match &edit {
            Edit::SetNote(id, _) => Some(*id),
            _ => None,
        };
        let before = case.clone();
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
        let current = std::mem::replace(case, step.before);
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
        assert!(h.apply(&mut case, Edit::SetVerdict(id, Some(Verdict::False))));
        assert!(h.apply(&mut case, Edit::SetStatus(id, Status::Done)));
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
    fn typing_a_note_is_one_step_until_sealed() {
        let (mut case, id) = case_with_quote();
        let mut h = History::default();
        for text in ["S", "Se", "See"] {
            h.apply(&mut case, Edit::SetNote(id, text.into()));
        }
        h.seal();
        h.apply(&mut case, Edit::SetNote(id, "See source".into()));
        h.undo(&mut case);
        assert_eq!(case.finding(id).unwrap().1.review.note, "See");
        h.undo(&mut case);
        assert_eq!(case.finding(id).unwrap().1.review.note, "");
    }

    #[test]
    fn no_op_edits_leave_no_step() {
        let (mut case, id) = case_with_quote();
        let mut h = History::default();
        assert!(!h.apply(&mut case, Edit::SetStatus(id, Status::Unreviewed)));
        assert!(!h.apply(&mut case, Edit::SetStatus(FindingId(9999), Status::Done)));
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
        assert!(!apply(
            &mut case,
            Edit::SetVerdict(id, Some(Verdict::Misquoted))
        ));
        assert!(apply(&mut case, Edit::SetVerdict(id, Some(Verdict::Mixed))));
    }
}
