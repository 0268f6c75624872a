//! Older case formats, upgraded step by step to the current one.
//!
//! [`parse`] reads the text as the version it declares and applies one upgrade per version
//! (`v0 → v1 → … → FORMAT_VERSION`). When the format changes:
//!
//! 1. copy the current structs that change into a module `vN` here (the frozen old shape);
//! 2. add a step `upgrade_N(old: vN::Case) -> v(N+1)::Case` and an arm in [`parse`];
//! 3. bump `model::FORMAT_VERSION`;
//! 4. commit a fixture written by the previous version under `tests/fixtures/store/` and a
//!    test in `tests/store_migrate.rs` that loads it.
//!
//! Version history:
//!
//! * **0** (synthetic, for testing this path): the case shape before review history,
//!   evidence, dismissed findings, anchors and speaker colours; `format_version: 0`.
//!   Those fields all have serde defaults, so v0 text reads with the v1 structs; the upgrade
//!   captures each finding's anchor from its article's text. Fixture:
//!   `tests/fixtures/store/v0-synthetic.ron`.
//! * **1**: spans written as `Span(start: .., end: ..)`. Fixture: `tests/fixtures/store/v1-seed.ron`.
//! * **2**: the current format (`model.rs`): spans written as `(start, end)`, which makes files
//!   about a quarter smaller and loading a quarter faster; the upgrade is in `Span`'s
//!   deserializer, which reads both forms.

use crate::model::{Anchor, Case, FORMAT_VERSION};

use super::{StoreError, parse_error, ron_options};

/// Parses `text`, which declares `version` (at most `FORMAT_VERSION`), into a current case.
pub fn parse(text: &str, version: u32) -> Result<Case, StoreError> {
    let mut case = match version {
        0 => upgrade_0(v0::parse(text)?),
        // Format 1 wrote spans as `Span(start: .., end: ..)`; `Span` still reads that form.
        1 | FORMAT_VERSION => {
            let mut case: Case = ron_options().from_str(text).map_err(parse_error)?;
            case.format_version = FORMAT_VERSION;
            case
        }
        newer => return Err(StoreError::TooNew { found: newer }),
    };
    fill_missing_anchors(&mut case);
    Ok(case)
}

/// The v0 shape (see the module docs): the same structs, fewer fields present.
mod v0 {
    use super::*;
    pub type Case = crate::model::Case;
    pub fn parse(text: &str) -> Result<Case, StoreError> {
        ron_options().from_str(text).map_err(parse_error)
    }
}

/// v0 → v1: anchors come from the text; everything else was added with a default.
fn upgrade_0(mut case: v0::Case) -> Case {
    fill_missing_anchors(&mut case);
    case.format_version = FORMAT_VERSION;
    case
}

/// Findings written before anchors existed (v0, or v1 files from before the field was added)
/// get their anchor from the article's text, so that re-anchoring can work on them.
fn fill_missing_anchors(case: &mut Case) {
    let default = Anchor::default();
    for a in &mut case.articles {
        let text = a.text.clone();
        for f in &mut a.findings {
            if f.anchor == default && !f.span.is_empty() {
                f.anchor = Anchor::capture(&text, f.span);
            }
        }
    }
}
