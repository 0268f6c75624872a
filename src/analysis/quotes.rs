//! Quotations and who said them. (First version pending: see issue 3.)

use super::Quote;
use super::text::Doc;
use crate::model::Speaker;

/// Speech verbs, titles and other word lists for attribution, from `assets/lexicons`.
#[derive(Debug, Default)]
pub struct Lexicon {}

impl Lexicon {
    pub fn builtin() -> Self {
        Self {}
    }
}

#[derive(Debug, Default)]
pub struct Attribution {
    pub quotes: Vec<Quote>,
    pub reported: Vec<Quote>,
    pub speakers: Vec<Speaker>,
}

pub fn find(_doc: &Doc<'_>, _lex: &Lexicon) -> Attribution {
    Attribution::default()
}
