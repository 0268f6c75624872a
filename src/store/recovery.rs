//! Autosave for crash recovery: unsaved changes go to a recovery file in the app's data
//! folder (never over the user's own file); the next start lists them and offers to recover.
//!
//! The app's side:
//!
//! * every frame, `if autosave.due(now, revision, saved_revision) { write_recovery(...);
//!   autosave.done(now, revision) }` (default interval [`AUTOSAVE_INTERVAL`], configurable);
//! * after a successful save (or when the user discards changes / closes): [`discard`];
//! * at start: [`list_recoveries`], offer each (open it with [`load_recovery`] as an unsaved
//!   case whose path is `original`), then [`discard_recovery`] whatever the user chose.
//!
//! Files: `<dir>/<key>.ron` (a normal case file) and `<dir>/<key>.meta.ron` (where the case
//! came from). The key is a hash of the case file's path, or `untitled-<pid>` for a case
//! never saved.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::{StdFs, StoreError, write_atomic};
use crate::model::Case;

/// How often unsaved changes are written to the recovery folder by default.
pub const AUTOSAVE_INTERVAL: Duration = Duration::from_secs(30);

/// `$XDG_DATA_HOME/factdesk/recovery`, else `~/.local/share/factdesk/recovery` (on Windows
/// `%LOCALAPPDATA%\factdesk\recovery`); the system temp folder as a last resort.
pub fn recovery_dir() -> PathBuf {
    data_dir().join("factdesk").join("recovery")
}

fn data_dir() -> PathBuf {
    let env = |k: &str| {
        std::env::var_os(k)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    if cfg!(windows) {
        if let Some(p) = env("LOCALAPPDATA") {
            return p;
        }
    } else if let Some(p) = env("XDG_DATA_HOME") {
        return p;
    }
    if let Some(home) = env("HOME").or_else(|| env("USERPROFILE")) {
        return home.join(".local").join("share");
    }
    std::env::temp_dir()
}

/// What the meta file records.
#[derive(Debug, Serialize, Deserialize)]
struct Meta {
    original: Option<PathBuf>,
    case_name: String,
    /// Seconds since 1970.
    saved_at: u64,
    pid: u32,
}

/// A recovery file found at start.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovery {
    /// The recovery case file (load it with [`load_recovery`]).
    pub path: PathBuf,
    pub case_name: String,
    /// The user's case file these changes belong to; `None` for a case never saved.
    pub original: Option<PathBuf>,
    pub saved_at: SystemTime,
    /// The process that wrote it (0 when unknown).
    pub pid: u32,
}

/// The recovery key of a case: stable for a path, per process for an untitled case.
pub fn recovery_key(case_path: Option<&Path>) -> String {
    match case_path {
        Some(p) => {
            let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_owned());
            let hash = crate::import::sha256_hex(abs.to_string_lossy().as_bytes());
            format!("case-{}", &hash[..16])
        }
        None => format!("untitled-{}", std::process::id()),
    }
}

fn paths(dir: &Path, key: &str) -> (PathBuf, PathBuf) {
    (
        dir.join(format!("{key}.ron")),
        dir.join(format!("{key}.meta.ron")),
    )
}

/// Writes `case` (with its unsaved changes) to the recovery folder `dir`, creating it;
/// atomic like a save, and never touching `case_path` itself. Returns the recovery file.
pub fn write_recovery(
    dir: &Path,
    case_path: Option<&Path>,
    case: &Case,
) -> Result<PathBuf, StoreError> {
    std::fs::create_dir_all(dir).map_err(|source| StoreError::Write {
        step: super::SaveStep::Create,
        source,
    })?;
    let (file, meta_file) = paths(dir, &recovery_key(case_path));
    let meta = Meta {
        original: case_path.map(|p| std::path::absolute(p).unwrap_or_else(|_| p.to_owned())),
        case_name: case.name.clone(),
        saved_at: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
        pid: std::process::id(),
    };
    let meta_text =
        ron::ser::to_string_pretty(&meta, Default::default()).expect("recovery meta serialises");
    // The case first: a case without meta is still listed; meta without a case is not.
    write_atomic(&StdFs, &file, super::to_string(case).as_bytes(), false)?;
    write_atomic(&StdFs, &meta_file, meta_text.as_bytes(), false)?;
    Ok(file)
}

/// Every recovery in `dir`, newest first (none when the folder does not exist).
pub fn list_recoveries(dir: &Path) -> Vec<Recovery> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<Recovery> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            name.ends_with(".ron") && !name.ends_with(".meta.ron") && !name.starts_with('.')
        })
        .map(|path| {
            let key = path.file_stem().unwrap_or_default().to_string_lossy();
            let meta: Option<Meta> = std::fs::read_to_string(paths(dir, &key).1)
                .ok()
                .and_then(|t| ron::from_str(&t).ok());
            let modified = std::fs::metadata(&path)
                .and_then(|m| m.modified())
                .unwrap_or(UNIX_EPOCH);
            match meta {
                Some(m) => Recovery {
                    case_name: m.case_name,
                    original: m.original,
                    saved_at: UNIX_EPOCH + Duration::from_secs(m.saved_at),
                    pid: m.pid,
                    path,
                },
                None => Recovery {
                    case_name: key.into_owned(),
                    original: None,
                    saved_at: modified,
                    pid: 0,
                    path,
                },
            }
        })
        .collect();
    out.sort_by(|a, b| b.saved_at.cmp(&a.saved_at).then(a.path.cmp(&b.path)));
    out
}

/// Loads a recovered case (through the same checks and migrations as any case file).
pub fn load_recovery(r: &Recovery) -> Result<Case, StoreError> {
    super::load(&r.path)
}

/// Removes the recovery of the case at `case_path` (after a save, or when changes are
/// discarded). Nothing to remove is not an error.
pub fn discard(dir: &Path, case_path: Option<&Path>) -> std::io::Result<()> {
    let (file, meta) = paths(dir, &recovery_key(case_path));
    remove_if_present(&meta)?;
    remove_if_present(&file)
}

/// Removes one listed recovery.
pub fn discard_recovery(r: &Recovery) -> std::io::Result<()> {
    let key = r.path.file_stem().unwrap_or_default().to_string_lossy();
    let dir = r.path.parent().unwrap_or(Path::new("."));
    remove_if_present(&paths(dir, &key).1)?;
    remove_if_present(&r.path)
}

fn remove_if_present(p: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(p) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// When to write the next recovery file: only when there are unsaved changes not yet
/// written, and at most once per `interval`.
#[derive(Clone, Debug)]
pub struct Autosave {
    pub interval: Duration,
    last: Instant,
    written: Option<u64>,
}

impl Autosave {
    pub fn new(interval: Duration, now: Instant) -> Self {
        Self {
            interval,
            last: now,
            written: None,
        }
    }
    /// `revision` is the case's edit revision, `saved_revision` the one last saved by the user.
    pub fn due(&self, now: Instant, revision: u64, saved_revision: u64) -> bool {
        revision != saved_revision
            && self.written != Some(revision)
            && now.saturating_duration_since(self.last) >= self.interval
    }
    /// Records that the recovery file holds `revision`.
    pub fn done(&mut self, now: Instant, revision: u64) {
        self.last = now;
        self.written = Some(revision);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_round_trip_and_discard() {
        let dir = tempfile::tempdir().unwrap();
        let rdir = dir.path().join("recovery");
        let user_file = dir.path().join("mine.ron");
        let mut case = Case {
            name: "mine".into(),
            ..Case::default()
        };
        super::super::save(&user_file, &case).unwrap();
        let before = std::fs::read(&user_file).unwrap();
        case.name = "mine, edited".into();
        let written = write_recovery(&rdir, Some(&user_file), &case).unwrap();
        write_recovery(&rdir, None, &Case::default()).unwrap();
        // The user's file is never touched.
        assert_eq!(std::fs::read(&user_file).unwrap(), before);

        let list = list_recoveries(&rdir);
        assert_eq!(list.len(), 2, "{list:?}");
        let mine = list.iter().find(|r| r.path == written).unwrap();
        assert_eq!(mine.case_name, "mine, edited");
        assert_eq!(
            mine.original.as_deref(),
            Some(std::path::absolute(&user_file).unwrap().as_path())
        );
        assert_eq!(mine.pid, std::process::id());
        assert_eq!(load_recovery(mine).unwrap(), case);
        let untitled = list.iter().find(|r| r.original.is_none()).unwrap();
        assert_eq!(untitled.case_name, "Untitled case");

        discard(&rdir, Some(&user_file)).unwrap();
        discard_recovery(untitled).unwrap();
        discard(&rdir, None).unwrap(); // already gone: fine
        assert!(list_recoveries(&rdir).is_empty());
        assert_eq!(std::fs::read_dir(&rdir).unwrap().count(), 0);
    }

    #[test]
    fn a_missing_folder_lists_nothing_and_a_bad_one_errors_clearly() {
        let dir = tempfile::tempdir().unwrap();
        assert!(list_recoveries(&dir.path().join("none")).is_empty());
        let file = dir.path().join("a-file");
        std::fs::write(&file, "x").unwrap();
        let e = write_recovery(&file.join("sub"), None, &Case::default()).unwrap_err();
        assert!(e.offers_save_as(), "{e}");
    }

    #[test]
    fn recovery_dir_follows_xdg() {
        let d = recovery_dir();
        assert!(d.ends_with("factdesk/recovery"), "{d:?}");
    }

    #[test]
    fn autosave_waits_for_changes_and_the_interval() {
        let t0 = Instant::now();
        let mut a = Autosave::new(AUTOSAVE_INTERVAL, t0);
        assert!(
            !a.due(t0 + Duration::from_secs(60), 3, 3),
            "nothing unsaved"
        );
        assert!(!a.due(t0 + Duration::from_secs(10), 4, 3), "too soon");
        assert!(a.due(t0 + Duration::from_secs(30), 4, 3));
        a.done(t0 + Duration::from_secs(30), 4);
        assert!(
            !a.due(t0 + Duration::from_secs(90), 4, 3),
            "already written"
        );
        assert!(!a.due(t0 + Duration::from_secs(40), 5, 3), "too soon again");
        assert!(a.due(t0 + Duration::from_secs(60), 5, 3));
    }
}
