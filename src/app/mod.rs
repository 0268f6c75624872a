//! The desktop app (eframe). Thin: it owns the case and view state, draws panels that
//! read the case, and turns every user action into a [`Command`] carried out in
//! [`FactdeskApp::run_command`] (case changes go through `edit::History`).

pub mod article_view;
pub mod command;
pub mod filter;
mod inspector;
pub mod jobs;
mod menu_bar;
pub mod palette;
mod palette_window;
mod preferences;
pub mod sidebar;
mod start_screen;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;

use eframe::egui::{self, Color32, Id, Modal, RichText};

pub use command::Command;
use jobs::{DialogAnswer, DialogKind, Dialogs, Incoming, Jobs, NativeDialogs};

use crate::analysis::Lexicons;
use crate::counted::counted;
use crate::cue_list::{self, CueList};
use crate::edit::{Edit, History, ReviewChange, Stamp};
use crate::model::{Article, ArticleId, Case, FindingId, FindingKind};
use crate::store;

pub const APP_ID: &str = "factdesk";
pub const PREFS_KEY: &str = "factdesk-prefs";
const MAX_RECENT: usize = 10;
pub const SAMPLE_NAME: &str = "seed-article.txt";
/// Encodings offered for reading a file again (WHATWG labels; detection gets most files right).
const ENCODINGS: &[&str] = &[
    "UTF-8",
    "windows-1252",
    "ISO-8859-2",
    "ISO-8859-15",
    "windows-1250",
    "windows-1251",
    "KOI8-R",
    "macintosh",
    "UTF-16LE",
    "UTF-16BE",
    "Shift_JIS",
    "EUC-JP",
    "GBK",
    "gb18030",
    "Big5",
    "EUC-KR",
];
pub const SAMPLE: &str = include_str!("../../assets/samples/seed-article.txt");

/// Opens the window. `files` are articles to import or a case file to open.
pub fn run(files: Vec<PathBuf>) -> anyhow::Result<()> {
    prefer_x11_for_drops();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Factdesk")
            .with_app_id(APP_ID)
            .with_inner_size([1280.0, 820.0])
            .with_min_inner_size([640.0, 420.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Factdesk",
        options,
        Box::new(move |cc| {
            let mut app = FactdeskApp::new(cc, Arc::new(NativeDialogs))
                .with_recovery(store::recovery::recovery_dir());
            app.open_paths(&cc.egui_ctx, files);
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}

/// winit delivers no file drops on native Wayland; XWayland does. Prefer X11 when both exist,
/// unless the user chose otherwise (FACTDESK_WAYLAND=1).
fn prefer_x11_for_drops() {
    let wayland = std::env::var_os("WAYLAND_DISPLAY").is_some();
    let x11 = std::env::var_os("DISPLAY").is_some();
    if wayland && x11 && std::env::var_os("FACTDESK_WAYLAND").is_none() {
        // SAFETY: called before any other thread exists (eframe has not started yet).
        unsafe { std::env::remove_var("WAYLAND_DISPLAY") };
    }
}

/// What speaker colours depend on: the case revision, the article shown, the theme.
type ColoursKey = (u64, Option<ArticleId>, bool);

/// Preferences kept between runs by eframe's persistence (never case data).
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub recent: Vec<PathBuf>,
    pub text_size: Option<f32>,
    /// Recorded on every review change; the login name until the reviewer sets one.
    pub reviewer: String,
    pub high_contrast: bool,
    /// How often unsaved changes go to the recovery folder (default 30 s).
    pub autosave_seconds: Option<u64>,
    /// An outlet's house cue list (format of `assets/lexicons/cues.tsv`) added to the
    /// built-in cues for imports and analysing again.
    pub house_cues: Option<PathBuf>,
}

impl Prefs {
    pub fn reviewer_name(&self) -> String {
        let name = self.reviewer.trim();
        if !name.is_empty() {
            return name.to_owned();
        }
        std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_else(|_| "reviewer".into())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoticeLevel {
    Info,
    Error,
}

#[derive(Clone, Debug)]
pub struct Notice {
    pub level: NoticeLevel,
    pub text: String,
    /// Information fades after a while; errors stay until dismissed.
    pub shown_at: std::time::Instant,
}

const INFO_SECONDS: f32 = 8.0;
/// How the errors about house cue lists begin (a list that works clears them).
const COULD_NOT_USE: &str = "Could not use the house cue list: ";
const NOT_USED_AT_START: &str = "House cue list not used: ";

/// An action waiting for the user to decide what happens to unsaved changes.
#[derive(Clone, Debug, PartialEq)]
enum Pending {
    Close,
    NewCase,
    OpenCase,
    OpenPath(PathBuf),
}

/// The typed-path fallback when no file dialog can be shown.
struct TypedPath {
    kind: DialogKind,
    text: String,
}

/// The open case with its file, undo history and what the reviewer is looking at.
pub struct Document {
    pub case: Case,
    pub path: Option<PathBuf>,
    pub history: History,
    saved_revision: u64,
    pub current: Option<ArticleId>,
    pub selected: Option<FindingId>,
    /// The case file as it was when opened or last saved, to notice changes made elsewhere.
    fingerprint: Option<store::Fingerprint>,
}

impl Document {
    fn new(case: Case, path: Option<PathBuf>) -> Self {
        let current = case.articles.first().map(|a| a.id);
        Self {
            case,
            path,
            history: History::default(),
            saved_revision: 0,
            current,
            selected: None,
            fingerprint: None,
        }
    }
    pub fn dirty(&self) -> bool {
        self.history.revision() != self.saved_revision
    }
    pub fn article(&self) -> Option<&Article> {
        self.current.and_then(|id| self.case.article(id))
    }
}

pub struct FactdeskApp {
    pub doc: Document,
    pub notices: Vec<Notice>,
    pub prefs: Prefs,
    pub view: article_view::ArticleView,
    jobs: Jobs,
    dialogs: Arc<dyn Dialogs>,
    palette: palette::Palette,
    pending: Option<Pending>,
    allow_close: bool,
    typed_path: Option<TypedPath>,
    title: String,
    focus_note: bool,
    /// Put the cursor in the newest evidence field (after "Add evidence" from the keyboard).
    focus_evidence: bool,
    pub command_palette: palette_window::CommandPalette,
    pub filter: filter::Filter,
    /// The speaker whose editor is open in the legend.
    pub editing_speaker: Option<crate::model::SpeakerId>,
    new_speaker_name: String,
    pub article_order: sidebar::ArticleOrder,
    legend: sidebar::LegendCounts,
    article_counts: (u64, std::sync::Arc<[sidebar::ArticleCounts]>),
    pub article_filter: String,
    /// The speaker editor's name and role while they are typed.
    speaker_draft: (String, String),
    focus_search: bool,
    /// The finding last selected in each article, restored when the reviewer comes back.
    last_selected: HashMap<ArticleId, FindingId>,
    pub preferences_open: bool,
    /// Where unsaved work is written every `prefs.autosave_seconds` (None: no autosave, as in tests).
    recovery_dir: Option<PathBuf>,
    autosave: store::recovery::Autosave,
    /// The revision last written to the recovery folder.
    autosaved: Option<u64>,
    /// Why the last autosave failed, reported by its thread.
    autosave_error: Arc<std::sync::Mutex<Option<String>>>,
    /// Unsaved work left by a session that ended unexpectedly, offered at start.
    pub recoveries: Vec<store::recovery::Recovery>,
    /// The case file changed on disk since it was opened: ask before overwriting it.
    conflict: Option<PathBuf>,
    /// The last save failed: say why and offer Save As.
    save_failed: Option<String>,
    /// A dialog to open at the start of the next frame (after a confirmation).
    pending_dialog: Option<DialogKind>,
    /// Colour of each speaker of the current article, with the (revision, article, theme) it is for.
    speaker_colours: (Option<ColoursKey>, Arc<[Color32]>),
    /// The house cue list in use (read from `prefs.house_cues`); `None`: the built-in cues.
    cue_list: Option<CueList>,
    /// Why the house cue list last asked for is not in use (shown in the preferences).
    cue_list_problem: Option<String>,
}

impl FactdeskApp {
    pub fn new(cc: &eframe::CreationContext<'_>, dialogs: Arc<dyn Dialogs>) -> Self {
        let prefs: Prefs = cc
            .storage
            .and_then(|s| eframe::get_value(s, PREFS_KEY))
            .unwrap_or_default();
        let autosave_seconds = prefs
            .autosave_seconds
            .unwrap_or(store::recovery::AUTOSAVE_INTERVAL.as_secs())
            .max(5);
        let mut app = Self {
            doc: Document::new(Case::default(), None),
            notices: Vec::new(),
            prefs,
            view: Default::default(),
            jobs: Jobs::default(),
            dialogs,
            palette: palette::Palette::builtin(),
            pending: None,
            allow_close: false,
            typed_path: None,
            title: String::new(),
            focus_note: false,
            focus_evidence: false,
            pending_dialog: None,
            recovery_dir: None,
            autosave: store::recovery::Autosave::new(
                std::time::Duration::from_secs(autosave_seconds),
                std::time::Instant::now(),
            ),
            recoveries: Vec::new(),
            autosaved: None,
            autosave_error: Default::default(),
            conflict: None,
            save_failed: None,
            command_palette: Default::default(),
            filter: Default::default(),
            editing_speaker: None,
            new_speaker_name: String::new(),
            article_order: Default::default(),
            legend: Default::default(),
            article_counts: (u64::MAX, std::sync::Arc::from(Vec::new())),
            article_filter: String::new(),
            speaker_draft: Default::default(),
            focus_search: false,
            last_selected: HashMap::new(),
            preferences_open: false,
            speaker_colours: (None, Arc::from(Vec::new())),
            cue_list: None,
            cue_list_problem: None,
        };
        if let Some(path) = app.prefs.house_cues.clone() {
            match cue_list::load(&path) {
                Ok(list) => app.cue_list = Some(list),
                Err(e) => {
                    app.notify(
                        NoticeLevel::Error,
                        format!("{NOT_USED_AT_START}{e}. Analysing with the built-in cues; choose the list again in Preferences."),
                    );
                    app.cue_list_problem = Some(e.short());
                }
            }
        }
        app
    }

    /// The lexicons new analyses use: the built-in ones with the house cue list, if any.
    pub fn lexicons(&self) -> &Lexicons {
        self.cue_list
            .as_ref()
            .map_or(Lexicons::builtin(), |l| &l.lexicons)
    }

    /// The house cue list in use.
    pub fn cue_list(&self) -> Option<&CueList> {
        self.cue_list.as_ref()
    }

    /// Why the house cue list last asked for is not in use.
    pub fn cue_list_problem(&self) -> Option<&str> {
        self.cue_list_problem.as_deref()
    }

    /// Whether the open case's findings were made with other lexicons than those in use.
    pub fn case_lexicons_differ(&self) -> bool {
        !self.doc.case.articles.is_empty()
            && self.doc.case.lexicon_version != self.lexicons().version
    }

    /// Uses the house cue list at `path` from now on (kept in the preferences). A file that
    /// cannot be used is reported with the reason (a bad line by its number) and the cues in
    /// use stay as they were. Returns whether the list is now in use.
    pub fn set_house_cues(&mut self, path: &Path) -> bool {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        match cue_list::load(&path) {
            Ok(list) => {
                let msg = format!("House cue list {}: {}.", list.file_name(), list.summary());
                // Earlier complaints about house lists are settled now.
                self.notices.retain(|n| {
                    !(n.text.starts_with(COULD_NOT_USE) || n.text.starts_with(NOT_USED_AT_START))
                });
                self.cue_list = Some(list);
                self.cue_list_problem = None;
                self.prefs.house_cues = Some(path);
                let tail = if self.case_lexicons_differ() {
                    " New imports use it; Analyse all articles again to apply it to the open case."
                } else {
                    " New imports use it."
                };
                self.notify(NoticeLevel::Info, format!("{msg}{tail}"));
                true
            }
            Err(e) => {
                let still = cue_list::describe(&self.lexicons().version);
                self.notify(
                    NoticeLevel::Error,
                    format!("{COULD_NOT_USE}{e}. Still analysing with {still}."),
                );
                self.cue_list_problem = Some(e.short());
                false
            }
        }
    }

    /// Stops using the house cue list.
    pub fn use_builtin_cues(&mut self) {
        self.prefs.house_cues = None;
        self.cue_list_problem = None;
        if self.cue_list.take().is_some() {
            let tail = if self.case_lexicons_differ() {
                " Analyse all articles again to apply them to the open case."
            } else {
                ""
            };
            self.notify(
                NoticeLevel::Info,
                format!("Analysing with the built-in cues only.{tail}"),
            );
        }
    }

    /// Analyses every article again with the lexicons in use, keeping reviewed, hand-made
    /// and dismissed findings; one undo step, which also records the lexicons in the case.
    pub fn reanalyse_all(&mut self) {
        let lex = self.lexicons();
        let again: Vec<Article> = {
            use rayon::prelude::*;
            self.doc
                .case
                .articles
                .par_iter()
                .map(|a| crate::pipeline::reanalysed(a, lex))
                .collect()
        };
        let (version, what) = (lex.version.clone(), cue_list::describe(&lex.version));
        let articles = counted(again.len(), "article", "articles");
        if self.edit(Edit::Reanalysed {
            articles: again,
            lexicon_version: version,
        }) {
            self.after_history_jump();
            self.notify(
                NoticeLevel::Info,
                format!("Analysed {articles} again with {what}; reviewed, hand-made and dismissed findings kept (Undo reverts it)."),
            );
        } else {
            self.notify(
                NoticeLevel::Info,
                format!("Analysing {articles} again with {what} found nothing new."),
            );
        }
    }

    /// Turns on autosave to `dir` and offers what an earlier session left there.
    pub fn with_recovery(mut self, dir: PathBuf) -> Self {
        let ours = std::process::id();
        self.recoveries = store::recovery::list_recoveries(&dir)
            .into_iter()
            // Another Factdesk that is still running owns its own recovery files.
            .filter(|r| {
                r.pid == 0 || r.pid == ours || !Path::new(&format!("/proc/{}", r.pid)).exists()
            })
            .collect();
        self.recovery_dir = Some(dir);
        self
    }

    /// How often unsaved changes are written to the recovery folder.
    pub fn set_autosave_interval(&mut self, interval: std::time::Duration) {
        self.autosave =
            store::recovery::Autosave::new(interval, std::time::Instant::now() - interval);
    }

    /// Forgets the recovery file of the open case (it was saved, or its changes declined).
    fn discard_recovery(&mut self) {
        if let Some(dir) = &self.recovery_dir {
            let _ = store::recovery::discard(dir, self.doc.path.as_deref());
            let _ = store::recovery::discard(dir, None);
        }
    }

    /// Writes unsaved changes to the recovery folder when due (on a thread: never stalls a frame).
    fn autosave(&mut self, ctx: &egui::Context) {
        let Some(dir) = self.recovery_dir.clone() else {
            return;
        };
        let failed = self
            .autosave_error
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take();
        if let Some(msg) = failed {
            self.notify(NoticeLevel::Error, msg);
        }
        let (rev, saved) = (self.doc.history.revision(), self.doc.saved_revision);
        let now = std::time::Instant::now();
        if self.autosave.due(now, rev, saved) {
            let (case, path) = (self.doc.case.clone(), self.doc.path.clone());
            let failed = self.autosave_error.clone();
            std::thread::spawn(move || {
                if let Err(e) = store::recovery::write_recovery(&dir, path.as_deref(), &case) {
                    *failed.lock().unwrap_or_else(|p| p.into_inner()) = Some(format!(
                        "Autosave failed ({}): {e}. Save the case to keep your work.",
                        dir.display()
                    ));
                }
            });
            self.autosave.done(now, rev);
            self.autosaved = Some(rev);
        } else if rev != saved && self.autosaved != Some(rev) {
            // Wake up in time for the next autosave even when the reviewer is idle.
            ctx.request_repaint_after(self.autosave.interval);
        }
    }

    /// True while a dialog or an import is still running (tests wait on it).
    pub fn busy(&self) -> bool {
        self.jobs.busy()
    }

    pub fn notify(&mut self, level: NoticeLevel, text: impl Into<String>) {
        self.notices.push(Notice {
            level,
            text: text.into(),
            shown_at: std::time::Instant::now(),
        });
        if self.notices.len() > 6 {
            self.notices.remove(0);
        }
    }

    /// Opens files given on the command line or dropped: a case file opens, articles import.
    pub fn open_paths(&mut self, ctx: &egui::Context, paths: Vec<PathBuf>) {
        let (cases, articles): (Vec<PathBuf>, Vec<PathBuf>) = paths
            .into_iter()
            .partition(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")));
        if let Some(case) = cases.first() {
            self.request(Pending::OpenPath(case.clone()));
            if cases.len() > 1 {
                self.notify(
                    NoticeLevel::Info,
                    "Only one case can be open at a time: opened the first.",
                );
            }
        }
        if !articles.is_empty() {
            let expanded = crate::pipeline::expand_paths(&articles);
            let folders = articles.iter().filter(|p| p.is_dir()).count();
            if folders > 0 {
                self.notify(
                    NoticeLevel::Info,
                    format!("Found {} files in {folders} folder(s).", expanded.len()),
                );
            }
            self.import(ctx, expanded.into_iter().map(Incoming::Path).collect());
        }
    }

    pub fn import(&mut self, ctx: &egui::Context, items: Vec<Incoming>) {
        if items.is_empty() {
            return;
        }
        if self.jobs.importing().is_some() {
            self.notify(
                NoticeLevel::Info,
                "An import is already running; drop the files again when it is done.",
            );
            return;
        }
        let house = self.cue_list.as_ref().map(|l| l.lexicons.clone());
        self.jobs.start_import(ctx, items, house);
    }

    /// Applies a change to the case through the undo history.
    pub fn edit(&mut self, e: Edit) -> bool {
        self.doc.history.apply(&mut self.doc.case, e)
    }

    /// A review change, stamped with the reviewer's name and the time.
    pub fn review(&mut self, id: FindingId, change: ReviewChange) -> bool {
        let stamp = Stamp::now(&self.prefs.reviewer_name());
        self.edit(Edit::Review(id, change, stamp))
    }

    /// The one place where commands are carried out.
    pub fn run_command(&mut self, ctx: &egui::Context, cmd: Command) {
        match cmd {
            Command::NewCase => self.request(Pending::NewCase),
            Command::OpenCase => self.request(Pending::OpenCase),
            Command::OpenSample => {
                let item = Incoming::Bytes {
                    name: SAMPLE_NAME.into(),
                    bytes: Arc::from(SAMPLE.as_bytes()),
                };
                self.import(ctx, vec![item]);
            }
            Command::ImportArticles => self.open_dialog(ctx, DialogKind::ImportArticles),
            Command::Save => match self.doc.path.clone() {
                Some(p) => {
                    self.save_to(&p);
                }
                None => self.open_dialog(ctx, DialogKind::SaveCase),
            },
            Command::SaveAs => self.open_dialog(ctx, DialogKind::SaveCase),
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::Undo => {
                if self.doc.history.undo(&mut self.doc.case) {
                    self.after_history_jump();
                }
            }
            Command::Redo => {
                if self.doc.history.redo(&mut self.doc.case) {
                    self.after_history_jump();
                }
            }
            Command::NextFinding => self.step_finding(1),
            Command::PreviousFinding => self.step_finding(-1),
            Command::Deselect => self.doc.selected = None,
            Command::EditNote => {
                if self.doc.selected.is_some() {
                    self.focus_note = true;
                }
            }
            Command::AddEvidence => {
                if let Some(id) = self.doc.selected
                    && self.edit(Edit::AddEvidence(id, crate::model::Evidence::default()))
                {
                    self.focus_evidence = true;
                }
            }
            Command::Reanalyse => {
                if let Some(a) = self.doc.article() {
                    let lex = self.lexicons();
                    let again = crate::pipeline::reanalysed(a, lex);
                    let name = a.title_or_file().to_owned();
                    let case = &self.doc.case;
                    let version = cue_list::version_after(
                        &case.lexicon_version,
                        case.articles.len() > 1,
                        &lex.version,
                    );
                    let mixed = cue_list::is_mixed(&version).then(|| {
                        format!(
                            " The other articles were analysed with {}: Analyse all articles again to use one cue list.",
                            cue_list::describe(&case.lexicon_version)
                        )
                    });
                    if self.edit(Edit::Reanalysed {
                        articles: vec![again],
                        lexicon_version: version,
                    }) {
                        self.after_history_jump();
                        self.notify(NoticeLevel::Info, format!("Analysed “{name}” again; reviewed, hand-made and dismissed findings kept.{}", mixed.unwrap_or_default()));
                    } else {
                        self.notify(
                            NoticeLevel::Info,
                            format!("Analysing “{name}” again found nothing new."),
                        );
                    }
                }
            }
            Command::ToggleDismissed => {
                if let Some((_, f)) = self.doc.selected.and_then(|id| self.doc.case.finding(id)) {
                    let (id, d) = (f.id, !f.dismissed);
                    self.edit(Edit::Dismiss(id, d));
                }
            }
            Command::SetStatus(s) => {
                if let Some(id) = self.doc.selected {
                    self.review(id, ReviewChange::Status(s));
                }
            }
            Command::SetVerdict(v) => {
                if let Some(id) = self.doc.selected {
                    self.review(id, ReviewChange::Verdict(v));
                }
            }
            Command::ReanalyseAll => self.reanalyse_all(),
            Command::ChooseHouseCues => self.open_dialog(ctx, DialogKind::HouseCues),
            Command::ReloadHouseCues => {
                if let Some(p) = self.prefs.house_cues.clone() {
                    self.set_house_cues(&p);
                }
            }
            Command::UseBuiltinCues => self.use_builtin_cues(),
            Command::CommandPalette => self.command_palette.open = true,
            Command::Find => self.focus_search = true,
            Command::Preferences => self.preferences_open = true,
            Command::NextArticle => self.step_article(1),
            Command::PreviousArticle => self.step_article(-1),
        }
    }

    /// Whether a command can run now (menus grey out the others).
    pub fn enabled(&self, cmd: Command) -> bool {
        let selected = self.doc.selected.and_then(|id| self.doc.case.finding(id));
        match cmd {
            Command::Undo => self.doc.history.can_undo(),
            Command::Redo => self.doc.history.can_redo(),
            Command::NextFinding | Command::PreviousFinding => {
                self.doc.article().is_some_and(|a| !a.findings.is_empty())
            }
            Command::Deselect
            | Command::EditNote
            | Command::ToggleDismissed
            | Command::SetStatus(_) => selected.is_some(),
            Command::SetVerdict(v) => {
                selected.is_some_and(|(_, f)| v.is_none_or(|v| v.applies_to(&f.kind)))
            }
            Command::NextArticle | Command::PreviousArticle => self.doc.case.articles.len() > 1,
            Command::Reanalyse => self.doc.article().is_some(),
            Command::ReanalyseAll => !self.doc.case.articles.is_empty(),
            Command::ReloadHouseCues => self.prefs.house_cues.is_some(),
            Command::UseBuiltinCues => self.prefs.house_cues.is_some() || self.cue_list.is_some(),
            Command::ImportArticles | Command::OpenCase | Command::ChooseHouseCues => {
                !self.jobs.dialog_open()
            }
            _ => true,
        }
    }

    fn after_history_jump(&mut self) {
        if self
            .doc
            .current
            .is_some_and(|id| self.doc.case.article(id).is_none())
        {
            self.doc.current = self.doc.case.articles.first().map(|a| a.id);
        }
        if self
            .doc
            .selected
            .is_some_and(|id| self.doc.case.finding(id).is_none())
        {
            self.doc.selected = None;
        }
    }

    pub fn select(&mut self, id: Option<FindingId>, scroll: bool) {
        if self.doc.selected != id {
            self.doc.history.seal();
        }
        self.doc.selected = id;
        if let Some(id) = id {
            if let Some((a, _)) = self.doc.case.finding(id) {
                let a = a.id;
                self.show_article(a);
                self.doc.selected = Some(id);
            }
            if scroll {
                self.view.scroll_to = Some(id);
            }
        }
    }

    fn step_finding(&mut self, delta: i32) {
        let Some(article) = self.doc.article() else {
            return;
        };
        // J and K walk the findings the list shows.
        let ids: Vec<FindingId> = article
            .findings
            .iter()
            .filter(|f| self.filter.passes(article, f))
            .map(|f| f.id)
            .collect();
        if ids.is_empty() {
            return;
        }
        let next = match self
            .doc
            .selected
            .and_then(|s| ids.iter().position(|&i| i == s))
        {
            Some(i) => (i as i32 + delta).rem_euclid(ids.len() as i32) as usize,
            None if delta > 0 => 0,
            None => ids.len() - 1,
        };
        self.select(Some(ids[next]), true);
    }

    fn step_article(&mut self, delta: i32) {
        let ids: Vec<ArticleId> = self.doc.case.articles.iter().map(|a| a.id).collect();
        if ids.is_empty() {
            return;
        }
        let i = self
            .doc
            .current
            .and_then(|c| ids.iter().position(|&x| x == c))
            .unwrap_or(0);
        self.show_article(ids[(i as i32 + delta).rem_euclid(ids.len() as i32) as usize]);
    }

    /// Switches article, keeping each article's selection (its scroll position is kept by its view).
    pub fn show_article(&mut self, id: ArticleId) {
        if self.doc.current != Some(id) {
            if let (Some(cur), Some(sel)) = (self.doc.current, self.doc.selected) {
                self.last_selected.insert(cur, sel);
            }
            self.doc.current = Some(id);
            self.doc.selected = self
                .last_selected
                .get(&id)
                .copied()
                .filter(|f| self.doc.case.finding(*f).is_some());
        }
    }

    /// Runs `p` now, or asks first when it would throw away unsaved changes.
    fn request(&mut self, p: Pending) {
        if self.doc.dirty() {
            self.pending = Some(p);
        } else {
            self.proceed(p);
        }
    }

    fn proceed(&mut self, p: Pending) {
        match p {
            Pending::Close => {
                self.allow_close = true;
            }
            Pending::NewCase => {
                self.doc = Document::new(Case::default(), None);
                self.view.invalidate();
            }
            Pending::OpenCase => self.pending_dialog = Some(DialogKind::OpenCase),
            Pending::OpenPath(path) => self.open_case(&path),
        }
    }

    fn open_dialog(&mut self, ctx: &egui::Context, kind: DialogKind) {
        let suggested = format!("{}.ron", self.doc.case.name);
        self.jobs
            .open_dialog(ctx, self.dialogs.clone(), kind, suggested);
    }

    /// Reads an article's original file again with another encoding; annotations follow
    /// their anchors, and those that cannot be found are kept and listed as orphans.
    pub fn reimport(&mut self, id: ArticleId, encoding: &str) {
        let Some(article) = self.doc.case.article(id) else {
            return;
        };
        let name = article.source.file_name.clone();
        let Some(path) = article.source.path.clone().map(PathBuf::from) else {
            self.notify(
                NoticeLevel::Error,
                format!(
                    "{name}: the original file's place is not known, so it cannot be read again."
                ),
            );
            return;
        };
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                self.notify(
                    NoticeLevel::Error,
                    format!("Could not read {} again: {e}", path.display()),
                );
                return;
            }
        };
        if crate::import::sha256_hex(&bytes) != article.source.sha256 {
            self.notify(NoticeLevel::Info, format!("{name} has changed since it was imported; annotations are moved to the new text."));
        }
        match crate::import::import_with_encoding(&name, &bytes, encoding) {
            Ok(imported) => {
                let before = self.orphan_count(id);
                if self.edit(Edit::ReplaceText {
                    article: id,
                    imported: Box::new(imported),
                }) {
                    let orphans = self.orphan_count(id).saturating_sub(before);
                    let tail = if orphans == 0 {
                        "every annotation found its place".to_owned()
                    } else {
                        format!(
                            "{orphans} annotations could not be placed and are listed as orphaned"
                        )
                    };
                    self.notify(
                        NoticeLevel::Info,
                        format!("Read {name} again as {encoding}: {tail}."),
                    );
                } else {
                    self.notify(
                        NoticeLevel::Info,
                        format!("{name} reads the same as {encoding}."),
                    );
                }
            }
            Err(e) => self.notify(
                NoticeLevel::Error,
                format!("Could not read {} as {encoding}: {}", e.file, e.reason),
            ),
        }
    }

    fn orphan_count(&self, id: ArticleId) -> usize {
        self.doc.case.article(id).map_or(0, |a| {
            a.findings
                .iter()
                .filter(|f| crate::anchor::is_orphan(f, &a.text))
                .count()
        })
    }

    /// Opens a case file; on failure the open case is untouched and the error is shown.
    pub fn open_case(&mut self, path: &Path) {
        match store::load_fingerprinted(path) {
            Ok((case, fingerprint)) => {
                self.discard_recovery();
                self.doc = Document::new(case, Some(path.to_owned()));
                self.doc.fingerprint = Some(fingerprint);
                self.view.invalidate();
                self.remember(path);
                let lexicons = if self.case_lexicons_differ() {
                    format!(
                        " (its findings were made with {}; you analyse with {})",
                        cue_list::describe(&self.doc.case.lexicon_version),
                        cue_list::describe(&self.lexicons().version)
                    )
                } else {
                    String::new()
                };
                self.notify(
                    NoticeLevel::Info,
                    format!("Opened {}{lexicons}", path.display()),
                );
            }
            Err(e) => self.notify(
                NoticeLevel::Error,
                format!("Could not open {}: {e}", path.display()),
            ),
        }
    }

    /// Saves to `path`; returns whether it worked (errors are shown).
    pub fn save_to(&mut self, path: &Path) -> bool {
        self.save_checked(path, false)
    }

    /// Saves; unless `overwrite`, first checks that nobody changed the file since it was opened.
    fn save_checked(&mut self, path: &Path, overwrite: bool) -> bool {
        let mut path = path.to_owned();
        if path.extension().is_none() {
            path.set_extension("ron");
        }
        let same_file = self.doc.path.as_deref() == Some(path.as_path());
        if !overwrite
            && same_file
            && let Some(fp) = &self.doc.fingerprint
            && store::changed_since(&path, fp)
        {
            self.conflict = Some(path);
            return false;
        }
        if self.doc.path.is_none() || self.doc.case.name == "Untitled case" {
            self.doc.case.name = store::case_name(&path);
        }
        match store::save_fingerprinted(&path, &self.doc.case) {
            Ok(fingerprint) => {
                self.discard_recovery();
                self.doc.saved_revision = self.doc.history.revision();
                self.doc.path = Some(path.clone());
                self.doc.fingerprint = Some(fingerprint);
                self.remember(&path);
                self.notify(NoticeLevel::Info, format!("Saved {}", path.display()));
                true
            }
            Err(e) => {
                let msg = format!(
                    "Could not save {}: {e}. The previous file is unchanged.",
                    path.display()
                );
                self.notify(NoticeLevel::Error, msg.clone());
                self.save_failed = Some(msg);
                false
            }
        }
    }

    fn remember(&mut self, path: &Path) {
        let p = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.prefs.recent.retain(|x| *x != p);
        self.prefs.recent.insert(0, p);
        self.prefs.recent.truncate(MAX_RECENT);
    }

    fn poll_jobs(&mut self, ctx: &egui::Context) {
        if let Some(answer) = self.jobs.poll_dialog() {
            match answer {
                DialogAnswer::Picked(kind, paths) => self.dialog_picked(ctx, kind, paths),
                DialogAnswer::Cancelled => {}
                DialogAnswer::Unavailable(kind) => {
                    self.notify(
                        NoticeLevel::Info,
                        "No file dialog is available (install xdg-desktop-portal-gtk or zenity): type a path instead.",
                    );
                    self.typed_path = Some(TypedPath {
                        kind,
                        text: String::new(),
                    });
                }
            }
        }
        if let Some(result) = self.jobs.poll_import() {
            let n = result.articles.len();
            let first = self.doc.case.next_article;
            for e in &result.errors {
                self.notify(
                    NoticeLevel::Error,
                    format!("Could not import {}: {}", e.file, e.reason),
                );
            }
            if n > 0 {
                let before = self.doc.case.lexicon_version.clone();
                let others = !self.doc.case.articles.is_empty();
                self.edit(Edit::AddArticles(result.articles));
                // Part of the import's undo step: the history restores the whole case.
                let version = cue_list::version_after(&before, others, &result.lexicon_version);
                if cue_list::is_mixed(&version) && !cue_list::is_mixed(&before) {
                    self.notify(
                        NoticeLevel::Info,
                        format!(
                            "The new articles were analysed with {}, the case's others with {}: Analyse all articles again to use one cue list.",
                            cue_list::describe(&result.lexicon_version),
                            cue_list::describe(&before)
                        ),
                    );
                }
                self.doc.case.lexicon_version = version;
                self.show_article(ArticleId(first));
                self.notify(
                    NoticeLevel::Info,
                    format!("Imported {}", counted(n, "article", "articles")),
                );
            }
        }
    }

    fn dialog_picked(&mut self, ctx: &egui::Context, kind: DialogKind, paths: Vec<PathBuf>) {
        match kind {
            DialogKind::ImportArticles => self.open_paths(ctx, paths),
            DialogKind::OpenCase => {
                if let Some(p) = paths.first() {
                    self.open_case(p);
                }
            }
            DialogKind::SaveCase => {
                if let Some(p) = paths.first() {
                    self.save_to(p);
                }
            }
            DialogKind::HouseCues => {
                if let Some(p) = paths.first() {
                    self.set_house_cues(p);
                }
            }
        }
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        if self.pending.is_some() || self.typed_path.is_some() || self.command_palette.open {
            return;
        }
        let typing = ctx.text_edit_focused();
        for cmd in Command::by_shortcut_priority() {
            if typing && cmd.shortcut_needs_no_text_focus() {
                continue;
            }
            let Some(sc) = cmd.shortcut() else { continue };
            if ctx.input_mut(|i| i.consume_shortcut(&sc)) && self.enabled(cmd) {
                self.run_command(ctx, cmd);
            }
        }
    }

    fn handle_drops(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        if dropped.is_empty() {
            return;
        }
        // On desktops egui always gives a path; the bytes are read on the import thread.
        let paths = dropped.iter().map(|f| f.path().to_owned()).collect();
        self.open_paths(ctx, paths);
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = format!(
            "{}{} — Factdesk",
            if self.doc.dirty() { "● " } else { "" },
            self.doc.case.name
        );
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// The window title as last sent (tests read it).
    pub fn title(&self) -> &str {
        &self.title
    }

    fn handle_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.doc.dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.pending = Some(Pending::Close);
        }
    }

    /// The colour of each speaker of the current article: the reviewer's choice, else the
    /// palette slot its name first took in the case (so a person keeps a colour across articles).
    /// Computed once per case revision, article and theme (both panels use it every frame).
    pub(crate) fn speaker_colours(&mut self, dark: bool) -> Arc<[Color32]> {
        let key = (self.doc.history.revision(), self.doc.current, dark);
        if self.speaker_colours.0 != Some(key) {
            let mut slots = HashMap::new();
            for a in &self.doc.case.articles {
                for s in &a.speakers {
                    let n = slots.len();
                    slots.entry(s.name.as_str()).or_insert(n);
                }
            }
            let colours: Vec<Color32> = self.doc.article().map_or(Vec::new(), |a| {
                a.speakers
                    .iter()
                    .map(|s| match s.colour {
                        Some([r, g, b]) => Color32::from_rgb(r, g, b),
                        None => self
                            .palette
                            .speaker(slots.get(s.name.as_str()).copied().unwrap_or(0), dark),
                    })
                    .collect()
            });
            self.speaker_colours = (Some(key), Arc::from(colours));
        }
        self.speaker_colours.1.clone()
    }

    /// After the reviewer selects text: mark it as a quotation or an unverified assertion.
    fn mark_popup(&mut self, ctx: &egui::Context) {
        let Some((span, pos)) = self.view.marked else {
            return;
        };
        let Some(article) = self.doc.current.and_then(|id| self.doc.case.article(id)) else {
            return;
        };
        let counts = self.legend.get(article, self.doc.history.revision());
        let (article_id, text) = (article.id, article.text.clone());
        let mut speakers: Vec<(usize, &str)> = article
            .speakers
            .iter()
            .enumerate()
            .map(|(i, s)| (i, s.name.as_str()))
            .collect();
        // The most quoted first (counts the legend keeps per revision).
        speakers.sort_by_key(|(i, _)| std::cmp::Reverse(counts.quotes(*i)));
        speakers.truncate(8);
        let speakers: Vec<(usize, String)> = speakers
            .into_iter()
            .map(|(i, n)| (i, n.to_owned()))
            .collect();
        let mut chosen: Option<FindingKind> = None;
        let mut cancel = ctx.input(|i| i.key_pressed(egui::Key::Escape));
        egui::Area::new(Id::unique("mark-popup"))
            .order(egui::Order::Foreground)
            .fixed_pos(pos + egui::vec2(8.0, 8.0))
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_max_width(300.0);
                    let quoted: String = span.text(&text).chars().take(50).collect();
                    ui.label(RichText::new(format!("Mark “{quoted}…”")).strong());
                    let quote = |speaker: Option<usize>| {
                        FindingKind::Quote(crate::model::Attributed {
                            kind: crate::model::QuoteKind::Direct,
                            speaker: speaker.map(|s| crate::model::SpeakerId(s as u32)),
                            mention: None,
                            cue: None,
                        })
                    };
                    ui.label("As a quotation by");
                    ui.horizontal_wrapped(|ui| {
                        for (i, name) in &speakers {
                            if ui.button(name).clicked() {
                                chosen = Some(quote(Some(*i)));
                            }
                        }
                        if ui.button("Unknown speaker").clicked() {
                            chosen = Some(quote(None));
                        }
                    });
                    ui.label("As unverified");
                    ui.horizontal_wrapped(|ui| {
                        for c in crate::model::Category::ALL {
                            if ui.button(c.label()).clicked() {
                                chosen = Some(FindingKind::Assertion(crate::model::Assertion {
                                    categories: vec![c],
                                    cues: vec![],
                                    strength: 1.0,
                                    in_quote: false,
                                }));
                            }
                        }
                    });
                    if ui.button("Cancel").clicked() {
                        cancel = true;
                    }
                });
            });
        if let Some(kind) = chosen {
            let f = crate::model::Finding::new(&text, span, kind, crate::model::Origin::Manual);
            let id = FindingId(self.doc.case.next_finding);
            if self.edit(Edit::AddFinding(article_id, f)) {
                self.select(Some(id), false);
            }
            self.view.marked = None;
        } else if cancel {
            self.view.marked = None;
        }
    }

    fn recovery_modal(&mut self, ctx: &egui::Context) {
        let Some(r) = self.recoveries.first().cloned() else {
            return;
        };
        let mut choice = None;
        Modal::new(Id::unique("recovery")).show(ctx, |ui| {
            ui.set_width(440.0);
            ui.heading("Recover unsaved work?");
            ui.label("Factdesk ended before these changes were saved:");
            let when = jiff::Timestamp::try_from(r.saved_at)
                .map(|t| t.round(jiff::Unit::Second).unwrap_or(t).to_string());
            let file = r
                .original
                .as_ref()
                .map_or("never saved".to_owned(), |p| p.display().to_string());
            ui.label(
                RichText::new(format!(
                    "“{}” ({file}), written {}",
                    r.case_name,
                    when.unwrap_or_default()
                ))
                .strong(),
            );
            ui.horizontal(|ui| {
                if ui.button("Recover").clicked() {
                    choice = Some(true);
                }
                if ui
                    .button("Discard")
                    .on_hover_text("Delete these unsaved changes")
                    .clicked()
                {
                    choice = Some(false);
                }
            });
        });
        let Some(recover) = choice else { return };
        self.recoveries.remove(0);
        if recover {
            match store::recovery::load_recovery(&r) {
                Ok(case) => {
                    self.doc = Document::new(case, r.original.clone());
                    // The original file, as it is now, is what a save would overwrite.
                    self.doc.fingerprint = r
                        .original
                        .as_deref()
                        .and_then(|p| store::fingerprint(p).ok());
                    self.doc.saved_revision = u64::MAX; // unsaved until the reviewer saves
                    self.view.invalidate();
                    self.notify(
                        NoticeLevel::Info,
                        "Recovered the unsaved work: save it to keep it.",
                    );
                }
                Err(e) => self.notify(
                    NoticeLevel::Error,
                    format!("Could not recover {}: {e}", r.path.display()),
                ),
            }
        }
        let _ = store::recovery::discard_recovery(&r);
    }

    fn conflict_modal(&mut self, ctx: &egui::Context) {
        let Some(path) = self.conflict.clone() else {
            return;
        };
        let mut choice = None;
        Modal::new(Id::unique("changed-on-disk")).show(ctx, |ui| {
            ui.set_width(440.0);
            ui.heading("The case file changed on disk");
            ui.label(format!(
                "{} was changed by another program (or a sync folder) since you opened it. Saving now would replace those changes.",
                path.display()
            ));
            ui.horizontal(|ui| {
                if ui.button("Overwrite").clicked() {
                    choice = Some(0);
                }
                if ui.button("Save as…").clicked() {
                    choice = Some(1);
                }
                if ui.button("Cancel").clicked() {
                    choice = Some(2);
                }
            });
        });
        match choice {
            Some(0) => {
                self.conflict = None;
                self.save_checked(&path, true);
            }
            Some(1) => {
                self.conflict = None;
                self.open_dialog(ctx, DialogKind::SaveCase);
            }
            Some(_) => self.conflict = None,
            None => {}
        }
    }

    fn save_failed_modal(&mut self, ctx: &egui::Context) {
        let Some(msg) = self.save_failed.clone() else {
            return;
        };
        let mut choice = None;
        Modal::new(Id::unique("save-failed")).show(ctx, |ui| {
            ui.set_width(440.0);
            ui.heading("The case was not saved");
            ui.label(msg);
            ui.horizontal(|ui| {
                if ui.button("Save as…").clicked() {
                    choice = Some(true);
                }
                if ui.button("Close").clicked() {
                    choice = Some(false);
                }
            });
        });
        if let Some(save_as) = choice {
            self.save_failed = None;
            if save_as {
                self.open_dialog(ctx, DialogKind::SaveCase);
            }
        }
    }

    fn unsaved_modal(&mut self, ctx: &egui::Context) {
        let Some(p) = self.pending.clone() else {
            return;
        };
        let mut choice = None;
        Modal::new(Id::unique("unsaved-changes")).show(ctx, |ui| {
            ui.set_width(380.0);
            ui.heading("Save changes?");
            ui.label(format!(
                "“{}” has changes that are not saved.",
                self.doc.case.name
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    choice = Some(0);
                }
                if ui.button("Don't save").clicked() {
                    choice = Some(1);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    choice = Some(2);
                }
            });
        });
        match choice {
            Some(0) => {
                self.pending = None;
                let saved = match self.doc.path.clone() {
                    Some(path) => self.save_to(&path),
                    None => {
                        self.open_dialog(ctx, DialogKind::SaveCase);
                        false
                    }
                };
                if saved {
                    self.finish_pending(ctx, p);
                }
            }
            Some(1) => {
                self.pending = None;
                self.discard_recovery();
                self.finish_pending(ctx, p);
            }
            Some(_) => self.pending = None,
            None => {}
        }
    }

    fn finish_pending(&mut self, ctx: &egui::Context, p: Pending) {
        let closing = p == Pending::Close;
        self.proceed(p);
        if closing {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn typed_path_modal(&mut self, ctx: &egui::Context) {
        let Some(tp) = &mut self.typed_path else {
            return;
        };
        let mut done: Option<bool> = None;
        Modal::new(Id::unique("typed-path")).show(ctx, |ui| {
            ui.set_width(460.0);
            ui.heading(tp.kind.title());
            let hint = match tp.kind {
                DialogKind::ImportArticles => "Paths of articles or folders, separated by “;”",
                DialogKind::OpenCase => "Path of a case file (.ron)",
                DialogKind::SaveCase => "Path to save the case to (.ron)",
                DialogKind::HouseCues => "Path of a house cue list (.tsv)",
            };
            let label = ui.label(hint);
            let r = ui
                .add(egui::TextEdit::singleline(&mut tp.text).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            r.request_focus();
            ui.horizontal(|ui| {
                if ui.button("OK").clicked()
                    || (r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)))
                {
                    done = Some(true);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    done = Some(false);
                }
            });
        });
        match done {
            Some(true) => {
                let tp = self.typed_path.take().expect("checked above");
                let paths: Vec<PathBuf> = tp
                    .text
                    .split(';')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(expand_home)
                    .collect();
                if !paths.is_empty() {
                    self.dialog_picked(ctx, tp.kind, paths);
                }
            }
            Some(false) => self.typed_path = None,
            None => {}
        }
    }

    fn drop_overlay(&self, ctx: &egui::Context) {
        let hovered = ctx.input(|i| i.raw.hovered_files.len());
        if hovered == 0 {
            return;
        }
        let painter = ctx.layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            Id::unique("drop-overlay"),
        ));
        let rect = ctx.content_rect();
        painter.rect_filled(rect, 0.0, Color32::from_black_alpha(170));
        let what = if hovered == 1 {
            "1 file".to_owned()
        } else {
            format!("{hovered} files")
        };
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            format!("Drop to import {what} into “{}”", self.doc.case.name),
            egui::FontId::proportional(26.0),
            Color32::WHITE,
        );
    }
}

fn expand_home(s: &str) -> PathBuf {
    match (s.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(s),
    }
}

impl eframe::App for FactdeskApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let dark = ctx.global_style().visuals.dark_mode;
        let contrast =
            self.prefs
                .high_contrast
                .then_some(if dark { Color32::WHITE } else { Color32::BLACK });
        if ctx.global_style().visuals.override_text_color != contrast {
            ctx.global_style_mut(|s| s.visuals.override_text_color = contrast);
        }
        self.poll_jobs(&ctx);
        self.handle_drops(&ctx);
        self.handle_close(&ctx);
        self.handle_shortcuts(&ctx);
        if let Some(kind) = self.pending_dialog.take() {
            self.open_dialog(&ctx, kind);
        }

        menu_bar::show(self, ui);
        self.notices_bar(ui);
        self.status_bar(ui);
        if self.doc.case.articles.is_empty() {
            start_screen::show(self, ui);
        } else {
            sidebar::show(self, ui);
            inspector::show(self, ui);
            self.article_panel(ui);
        }
        self.autosave(&ctx);
        self.recovery_modal(&ctx);
        self.conflict_modal(&ctx);
        self.save_failed_modal(&ctx);
        palette_window::show(self, &ctx);
        preferences::show(self, &ctx);
        self.unsaved_modal(&ctx);
        self.typed_path_modal(&ctx);
        self.drop_overlay(&ctx);
        self.update_title(&ctx);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A clean exit leaves nothing to recover.
        if !self.doc.dirty() {
            self.discard_recovery();
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }
}

impl FactdeskApp {
    fn notices_bar(&mut self, ui: &mut egui::Ui) {
        self.notices.retain(|n| {
            n.level == NoticeLevel::Error || n.shown_at.elapsed().as_secs_f32() < INFO_SECONDS
        });
        if self.notices.is_empty() {
            return;
        }
        if self.notices.iter().any(|n| n.level == NoticeLevel::Info) {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs(1));
        }
        egui::Panel::top("notices").show(ui, |ui| {
            let mut dismiss = None;
            for (i, n) in self.notices.iter().enumerate().rev().take(3) {
                ui.horizontal(|ui| {
                    let colour = match n.level {
                        NoticeLevel::Error => ui.visuals().error_fg_color,
                        NoticeLevel::Info => ui.visuals().text_color(),
                    };
                    ui.label(RichText::new(&n.text).color(colour));
                    if ui
                        .small_button("Dismiss")
                        .on_hover_text("Hide this message")
                        .clicked()
                    {
                        dismiss = Some(i);
                    }
                });
            }
            if let Some(i) = dismiss {
                self.notices.remove(i);
            }
        });
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                if let Some(p) = self.jobs.importing() {
                    let done = p.done.load(Ordering::Relaxed);
                    ui.add(egui::Spinner::new());
                    ui.add(
                        egui::ProgressBar::new(done as f32 / p.total.max(1) as f32)
                            .desired_width(200.0)
                            .text(format!("Importing {done}/{}", p.total)),
                    );
                }
                let c = &self.doc.case;
                let reviewed = c
                    .articles
                    .iter()
                    .flat_map(|a| &a.findings)
                    .filter(|f| f.review.verdict.is_some())
                    .count();
                ui.label(format!(
                    "{} · {} · {reviewed} with a verdict",
                    counted(c.articles.len(), "article", "articles"),
                    counted(c.finding_count(), "finding", "findings"),
                ));
                if let Some(p) = &self.doc.path {
                    ui.separator();
                    ui.label(RichText::new(p.display().to_string()).weak());
                }
                self.cue_list_status(ui);
            });
        });
    }

    /// The house cue list in use, and a discreet word when the case's findings were made
    /// with other lexicons (it opens the preferences, which offer to analyse again).
    fn cue_list_status(&mut self, ui: &mut egui::Ui) {
        if let Some(l) = &self.cue_list {
            ui.separator();
            // Hover texts are built only while hovered: this bar is drawn every frame.
            ui.label(RichText::new(format!("House cues: {}", l.file_name())).weak())
                .on_hover_ui(|ui| {
                    ui.label(format!("{}\n{}", l.path.display(), l.summary()));
                });
        } else if self.prefs.house_cues.is_some() {
            // The list in the preferences could not be read at start.
            ui.separator();
            ui.label(RichText::new("House cues not in use").color(ui.visuals().warn_fg_color))
                .on_hover_ui(|ui| {
                    ui.label(self.cue_list_problem.as_deref().unwrap_or_default());
                });
        }
        if self.case_lexicons_differ() {
            ui.separator();
            let case = &self.doc.case.lexicon_version;
            let text = if cue_list::is_mixed(case) {
                "Findings from several cue lists"
            } else {
                "Findings from another cue list"
            };
            let hover = |ui: &mut egui::Ui| {
                ui.label(format!(
                    "This case's findings were made with {}; new analyses use {}. Analyse all articles again (Review menu, or in Preferences) to use one list: reviewed, hand-made and dismissed findings are kept.",
                    cue_list::describe(case),
                    cue_list::describe(&self.lexicons().version)
                ));
            };
            let button = egui::Button::new(
                RichText::new(text)
                    .small()
                    .color(ui.visuals().warn_fg_color),
            )
            .frame(false);
            if ui.add(button).on_hover_ui(hover).clicked() {
                self.preferences_open = true;
            }
        }
    }

    fn article_panel(&mut self, ui: &mut egui::Ui) {
        let dark = ui.visuals().dark_mode;
        let colours = self.speaker_colours(dark);
        let text_size = self.prefs.text_size.unwrap_or(16.0);
        let mut events = article_view::ViewEvents::default();
        let mut reimport = None;
        egui::CentralPanel::default().show(ui, |ui| {
            let Some(article) = self.doc.current.and_then(|id| self.doc.case.article(id)) else {
                ui.label("Choose an article on the left.");
                return;
            };
            ui.heading(article.title_or_file());
            ui.horizontal(|ui| {
                ui.label(RichText::new(&article.source.file_name).weak());
                let can = matches!(article.source.format.as_str(), "text" | "markdown" | "html" | "mhtml");
                ui.add_enabled_ui(can, |ui| {
                    ui.menu_button(format!("Encoding: {}", article.source.encoding), |ui| {
                        ui.label(RichText::new("Read the file again as").weak());
                        for label in ENCODINGS {
                            if ui.button(*label).clicked() {
                                reimport = Some((article.id, (*label).to_owned()));
                                ui.close();
                            }
                        }
                    })
                    .response
                    .on_hover_text("Wrong characters? Read the original file again with another encoding; your annotations follow the text.");
                });
                let orphans = article.findings.iter().filter(|f| crate::anchor::is_orphan(f, &article.text)).count();
                if orphans > 0 {
                    ui.label(RichText::new(format!("{orphans} orphaned annotations")).color(ui.visuals().warn_fg_color));
                }
            });
            ui.separator();
            let st = article_view::Styling {
                palette: &self.palette,
                dark,
                speaker_colours: &colours,
                text_size,
                text_color: ui.visuals().strong_text_color(),
                weak_color: ui.visuals().weak_text_color(),
                selection: ui.visuals().selection.stroke.color,
                high_contrast: self.prefs.high_contrast,
                search: &self.filter.search,
            };
            events = self.view.show(
                ui,
                article,
                self.doc.history.revision(),
                self.doc.selected,
                &st,
            );
        });
        if let Some(id) = events.clicked {
            self.select(Some(id), false);
        }
        if let Some((id, span)) = events.new_span {
            self.edit(Edit::SetSpan(id, span));
        }
        if let Some((id, label)) = reimport {
            self.reimport(id, &label);
        }
        self.mark_popup(ui.ctx());
    }
}
