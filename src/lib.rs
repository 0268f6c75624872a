//! Factdesk: quotations by speaker, unverified assertions and verdicts, for fact-checkers.
//!
//! The core (`model`, `import`, `analysis`, `store`) is pure and knows nothing of the
//! GUI; `cli` and `app` sit on top. Data flows one way:
//! file → import → analysis → case → view, and edits come back as `command::Command`s.

pub mod analysis;
pub mod anchor;
#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
pub mod counted;
pub mod cue_list;
pub mod edit;
pub mod import;
pub mod model;
pub mod pipeline;
pub mod store;
