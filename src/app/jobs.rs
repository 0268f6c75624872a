//! Work that must not block the UI thread: file dialogs and importing articles.
//! Each job runs on a thread and reports back over a channel; the UI polls every frame.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use eframe::egui;

use crate::analysis::Lexicons;
use crate::import::ImportError;
use crate::model::Article;
use crate::pipeline;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogKind {
    ImportArticles,
    OpenCase,
    SaveCase,
    /// A house cue list (`cues.tsv` format) to add to the built-in cues.
    HouseCues,
}

impl DialogKind {
    pub fn title(self) -> &'static str {
        match self {
            DialogKind::ImportArticles => "Import articles",
            DialogKind::OpenCase => "Open case",
            DialogKind::SaveCase => "Save case as",
            DialogKind::HouseCues => "Choose a house cue list",
        }
    }
}

/// Native file dialogs, behind a trait so that tests can answer them.
pub trait Dialogs: Send + Sync {
    /// Blocks until the user answers; `None` is a cancel (or no dialog could be shown).
    fn pick(&self, kind: DialogKind, suggested_name: &str) -> Option<Vec<PathBuf>>;
    /// True for dialogs that answer at once (tests): they are called on the UI thread.
    fn answers_at_once(&self) -> bool {
        false
    }
}

/// rfd: the xdg portal over D-Bus, else zenity.
pub struct NativeDialogs;

impl Dialogs for NativeDialogs {
    fn pick(&self, kind: DialogKind, suggested_name: &str) -> Option<Vec<PathBuf>> {
        let d = rfd::FileDialog::new().set_title(kind.title());
        match kind {
            DialogKind::ImportArticles => d
                .add_filter("Articles", crate::import::SUPPORTED_EXTENSIONS)
                .add_filter("All files", &["*"])
                .pick_files(),
            DialogKind::OpenCase => d
                .add_filter("Factdesk case", &["ron"])
                .pick_file()
                .map(|p| vec![p]),
            DialogKind::SaveCase => d
                .add_filter("Factdesk case", &["ron"])
                .set_file_name(suggested_name)
                .save_file()
                .map(|p| vec![p]),
            DialogKind::HouseCues => d
                .add_filter("Cue list", &["tsv", "txt"])
                .add_filter("All files", &["*"])
                .pick_file()
                .map(|p| vec![p]),
        }
    }
}

/// A cancel faster than this cannot have come from a person: no dialog was shown
/// (rfd returns at once when there is neither a portal nor zenity).
const HUMANLY_POSSIBLE: Duration = Duration::from_millis(150);

pub enum DialogAnswer {
    Picked(DialogKind, Vec<PathBuf>),
    Cancelled,
    Unavailable(DialogKind),
}

pub struct ImportProgress {
    pub total: usize,
    pub done: Arc<AtomicUsize>,
    pub started: Instant,
}

/// What an import job sends back: the articles in order, and the files that failed.
pub struct ImportResult {
    pub articles: Vec<Article>,
    pub errors: Vec<ImportError>,
    /// The version of the lexicons that analysed the articles (the cue list may change
    /// while an import runs).
    pub lexicon_version: String,
}

/// A dropped file: a path on desktops, bytes where the platform gives no path.
pub enum Incoming {
    Path(PathBuf),
    Bytes { name: String, bytes: Arc<[u8]> },
}

#[derive(Default)]
pub struct Jobs {
    dialog: Option<Receiver<DialogAnswer>>,
    import: Option<(ImportProgress, Receiver<ImportResult>)>,
}

impl Jobs {
    pub fn dialog_open(&self) -> bool {
        self.dialog.is_some()
    }

    pub fn importing(&self) -> Option<&ImportProgress> {
        self.import.as_ref().map(|(p, _)| p)
    }

    pub fn busy(&self) -> bool {
        self.dialog.is_some() || self.import.is_some()
    }

    /// Opens a file dialog without blocking the frame; a second request while one is open is ignored.
    pub fn open_dialog(
        &mut self,
        ctx: &egui::Context,
        dialogs: Arc<dyn Dialogs>,
        kind: DialogKind,
        suggested: String,
    ) {
        if self.dialog.is_some() {
            return;
        }
        let (tx, rx) = channel();
        let picker = dialogs.clone();
        let run = move |tx: Sender<DialogAnswer>| {
            let t0 = Instant::now();
            let answer = match picker.pick(kind, &suggested) {
                Some(paths) if !paths.is_empty() => DialogAnswer::Picked(kind, paths),
                _ if t0.elapsed() < HUMANLY_POSSIBLE && !picker.answers_at_once() => {
                    DialogAnswer::Unavailable(kind)
                }
                _ => DialogAnswer::Cancelled,
            };
            let _ = tx.send(answer);
        };
        if dialogs.answers_at_once() {
            run(tx);
        } else {
            let ctx = ctx.clone();
            std::thread::spawn(move || {
                run(tx);
                ctx.request_repaint();
            });
        }
        self.dialog = Some(rx);
    }

    /// The dialog's answer, once there is one.
    pub fn poll_dialog(&mut self) -> Option<DialogAnswer> {
        let answer = self.dialog.as_ref()?.try_recv().ok()?;
        self.dialog = None;
        Some(answer)
    }

    /// Imports and analyses files on a worker thread (in parallel across files), with the
    /// house cue list's lexicons when one is in use, else the built-in ones.
    pub fn start_import(
        &mut self,
        ctx: &egui::Context,
        items: Vec<Incoming>,
        house: Option<Arc<Lexicons>>,
    ) {
        let done = Arc::new(AtomicUsize::new(0));
        let progress = ImportProgress {
            total: items.len(),
            done: done.clone(),
            started: Instant::now(),
        };
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let lex: &Lexicons = house.as_deref().unwrap_or(Lexicons::builtin());
            let results: Vec<Result<Article, ImportError>> = {
                use rayon::prelude::*;
                items
                    .into_par_iter()
                    .map(|item| {
                        let r = match item {
                            Incoming::Path(p) => pipeline::import_path(&p, lex),
                            Incoming::Bytes { name, bytes } => crate::import::import(&name, &bytes)
                                .map(|imp| pipeline::build_article(imp, &name, None, lex)),
                        };
                        done.fetch_add(1, Ordering::Relaxed);
                        ctx.request_repaint();
                        r
                    })
                    .collect()
            };
            let mut out = ImportResult {
                articles: Vec::new(),
                errors: Vec::new(),
                lexicon_version: lex.version.clone(),
            };
            for r in results {
                match r {
                    Ok(a) => out.articles.push(a),
                    Err(e) => out.errors.push(e),
                }
            }
            let _ = tx.send(out);
            ctx.request_repaint();
        });
        self.import = Some((progress, rx));
    }

    pub fn poll_import(&mut self) -> Option<ImportResult> {
        let result = self.import.as_ref()?.1.try_recv().ok()?;
        self.import = None;
        Some(result)
    }
}
