//! Unverified assertions: hedges, rumours, allegations, vague sourcing. (Pending: issue 4.)

use super::text::Doc;
use super::{AssertionFinding, Quote};

/// Cue words with categories and weights, from `assets/lexicons`.
#[derive(Debug, Default)]
pub struct Lexicon {}

impl Lexicon {
    pub fn builtin() -> Self {
        Self {}
    }
}

pub fn find(_doc: &Doc<'_>, _quotes: &[Quote], _lex: &Lexicon) -> Vec<AssertionFinding> {
    Vec::new()
}
