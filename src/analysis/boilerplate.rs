//! Page furniture in scraped text ("Remove Ads", photo credits, sign-up boxes). (Pending.)

use super::Input;
use crate::model::Span;

#[derive(Debug, Default)]
pub struct Lexicon {}

impl Lexicon {
    pub fn builtin() -> Self {
        Self {}
    }
}

pub fn detect(_input: Input<'_>, _lex: &Lexicon) -> Vec<Span> {
    Vec::new()
}
