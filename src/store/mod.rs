//! Case files: RON with a format version, written atomically, read with clear errors.
//!
//! * Loading reads the format version first: a newer file gets [`StoreError::TooNew`], an
//!   older one goes through [`migrate`]. Files over [`MAX_CASE_BYTES`] and input nested deeper
//!   than [`RECURSION_LIMIT`] are refused with a clear error (never a stack overflow).
//! * Saving writes a temporary file in the same folder, fsyncs it, keeps the previous file
//!   as `NAME.ron.bak` and renames the new one over it ([`save`]); every step goes through
//!   [`fs::FileSystem`] so that tests can inject failures.
//! * [`recovery`] writes unsaved changes to the app's data folder; [`Fingerprint`] tells
//!   whether a case file changed on disk since it was opened.
//!
//! See docs/reliability.md for the table of bad inputs and their errors.

pub mod fs;
pub mod migrate;
pub mod recovery;

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use serde::Deserialize;

pub use fs::{FileSystem, StdFs};

use crate::model::{Case, FORMAT_VERSION, FindingKind};

/// Case files larger than this are refused before parsing (200 long articles with 20,000
/// annotations are about 11 MB).
pub const MAX_CASE_BYTES: u64 = 256 * 1024 * 1024;

/// How deeply RON input may nest (half of ron's default of 128, so that even a debug build
/// stays far inside a 2 MiB thread stack). A case nests about 11 levels deep; deeper input is
/// refused, not recursed into.
pub const RECURSION_LIMIT: usize = 64;

/// The step of a save that failed (for the message, and for tests).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveStep {
    Create,
    Write,
    Sync,
    Rename,
}

impl SaveStep {
    fn doing(self) -> &'static str {
        match self {
            SaveStep::Create => "creating the temporary file",
            SaveStep::Write => "writing",
            SaveStep::Sync => "flushing to disk",
            SaveStep::Rename => "replacing the case file",
        }
    }
}

#[derive(Debug)]
pub enum StoreError {
    /// Reading failed (no such file, no permission, ...).
    Io(io::Error),
    /// Saving failed; the previous file on disk is unchanged.
    Write {
        step: SaveStep,
        source: io::Error,
    },
    /// The file is empty or only white space.
    Empty,
    /// The text is not a case file: where and why.
    Parse {
        line: usize,
        column: usize,
        message: String,
    },
    TooNew {
        found: u32,
    },
    TooLarge {
        bytes: u64,
    },
    Invalid(Vec<String>),
}

impl StoreError {
    /// Whether the app should offer Save As (the error is about where the file goes).
    pub fn offers_save_as(&self) -> bool {
        matches!(self, StoreError::Write { .. })
    }
}

/// Plain words for the I/O errors people meet when saving.
fn io_reason(e: &io::Error) -> String {
    use io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "the folder does not exist".into(),
        K::PermissionDenied => "permission denied (the folder or file is not writable)".into(),
        K::ReadOnlyFilesystem => "the disk or folder is read-only".into(),
        K::StorageFull | K::QuotaExceeded => "the disk is full".into(),
        K::FileTooLarge => "the file is too large for this disk".into(),
        _ => e.to_string(),
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Io(e) => match e.kind() {
                io::ErrorKind::NotFound => write!(f, "the file does not exist"),
                io::ErrorKind::PermissionDenied => {
                    write!(f, "permission denied (the file is not readable)")
                }
                io::ErrorKind::IsADirectory => write!(f, "this is a folder, not a case file"),
                _ => write!(f, "{e}"),
            },
            StoreError::Write { step, source } => {
                write!(f, "{} (while {})", io_reason(source), step.doing())
            }
            StoreError::Empty => write!(f, "the file is empty: it is not a Factdesk case"),
            StoreError::Parse {
                line,
                column,
                message,
            } => {
                write!(
                    f,
                    "not a readable Factdesk case: line {line}, column {column}: {message}"
                )
            }
            StoreError::TooNew { found } => write!(
                f,
                "this case was written by a newer Factdesk (format {found}; this version reads up to {FORMAT_VERSION}): update Factdesk to open it"
            ),
            StoreError::TooLarge { bytes } => {
                write!(
                    f,
                    "the file is {} MB, over the {} MB limit for a case file",
                    bytes / 1_000_000,
                    MAX_CASE_BYTES / 1_000_000
                )
            }
            StoreError::Invalid(problems) => {
                write!(f, "the case is inconsistent: {}", problems.join("; "))
            }
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Io(e) | StoreError::Write { source: e, .. } => Some(e),
            _ => None,
        }
    }
}

impl From<io::Error> for StoreError {
    fn from(e: io::Error) -> Self {
        StoreError::Io(e)
    }
}

pub(crate) fn parse_error(e: ron::error::SpannedError) -> StoreError {
    let message = match e.code {
        ron::Error::ExceededRecursionLimit => format!(
            "the file is nested more than {RECURSION_LIMIT} levels deep (a case nests about 10)"
        ),
        code => code.to_string(),
    };
    StoreError::Parse {
        line: e.span.start.line,
        column: e.span.start.col,
        message,
    }
}

pub(crate) fn ron_options() -> ron::Options {
    ron::Options::default().with_recursion_limit(RECURSION_LIMIT)
}

/// Only the version, read when the quick look at the header does not find it.
#[derive(Deserialize)]
#[serde(rename = "Case")]
struct VersionProbe {
    format_version: u32,
}

/// The format version from the start of the text (`Case(format_version: N, ...`), without
/// parsing the rest; `None` when the header is unusual (comments, another field order).
fn quick_version(text: &str) -> Option<u32> {
    let rest = text.trim_start();
    let rest = rest.strip_prefix("Case").unwrap_or(rest).trim_start();
    let rest = rest.strip_prefix('(')?.trim_start();
    let rest = rest.strip_prefix("format_version")?.trim_start();
    let rest = rest.strip_prefix(':')?.trim_start();
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let after = rest[digits..].trim_start();
    if !(after.starts_with(',') || after.starts_with(')')) {
        return None;
    }
    rest[..digits].parse().ok()
}

/// The format version of a case file's text.
pub fn format_version(text: &str) -> Result<u32, StoreError> {
    if let Some(v) = quick_version(text) {
        return Ok(v);
    }
    let probe: VersionProbe = ron_options().from_str(text).map_err(parse_error)?;
    Ok(probe.format_version)
}

/// Parses a case from RON text of any known format version.
pub fn from_str(text: &str) -> Result<Case, StoreError> {
    let (_, case) = parse_any(text)?;
    let problems = problems(&case);
    if !problems.is_empty() {
        return Err(StoreError::Invalid(problems));
    }
    Ok(case)
}

/// What `factdesk check` reports: the version the file was written in, the case (migrated to
/// the current version) and its problems, which [`load`] would refuse.
#[derive(Debug)]
pub struct Inspection {
    pub file_version: u32,
    pub case: Case,
    pub problems: Vec<String>,
}

/// Reads a case file without refusing an inconsistent case, to list everything wrong with it.
pub fn inspect(path: &Path) -> Result<Inspection, StoreError> {
    let bytes = read_limited(path)?;
    let text = utf8(&bytes)?;
    let (file_version, case) = parse_any(text)?;
    let problems = problems(&case);
    Ok(Inspection {
        file_version,
        case,
        problems,
    })
}

fn utf8(bytes: &[u8]) -> Result<&str, StoreError> {
    std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).map_err(|e| {
        StoreError::Parse {
            line: 1,
            column: 1,
            message: format!("the file is not UTF-8 text ({e})"),
        }
    })
}

/// The declared version and the migrated case, not yet checked for consistency.
fn parse_any(text: &str) -> Result<(u32, Case), StoreError> {
    if text.trim().is_empty() {
        return Err(StoreError::Empty);
    }
    if text.len() as u64 > MAX_CASE_BYTES {
        return Err(StoreError::TooLarge {
            bytes: text.len() as u64,
        });
    }
    let version = format_version(text)?;
    if version > FORMAT_VERSION {
        return Err(StoreError::TooNew { found: version });
    }
    Ok((version, migrate::parse(text, version)?))
}

/// Parses a case from a file's bytes (UTF-8, with or without a byte-order mark).
pub fn from_bytes(bytes: &[u8]) -> Result<Case, StoreError> {
    if bytes.len() as u64 > MAX_CASE_BYTES {
        return Err(StoreError::TooLarge {
            bytes: bytes.len() as u64,
        });
    }
    from_str(utf8(bytes)?)
}

/// `Case::problems` plus what the store also refuses (numbers that cannot be saved back).
pub fn problems(case: &Case) -> Vec<String> {
    let mut out = case.problems();
    for f in case.articles.iter().flat_map(|a| &a.findings) {
        if let FindingKind::Assertion(a) = &f.kind
            && !(0.0..=1.0).contains(&a.strength)
        {
            out.push(format!(
                "finding {} has strength {}, outside 0..=1",
                f.id.0, a.strength
            ));
        }
    }
    out
}

/// The text of a case file: pretty RON, one field per line down to the findings (diff-friendly).
pub fn to_string(case: &Case) -> String {
    let pretty = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .depth_limit(4)
        .indentor("  ".to_owned());
    ron_options()
        .to_string_pretty(case, pretty)
        .expect("a case always serialises")
}

pub fn load(path: &Path) -> Result<Case, StoreError> {
    from_bytes(&read_limited(path)?)
}

/// The file's bytes, refusing folders and files over [`MAX_CASE_BYTES`] before reading.
fn read_limited(path: &Path) -> Result<Vec<u8>, StoreError> {
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(io::Error::from(io::ErrorKind::IsADirectory).into());
    }
    if meta.len() > MAX_CASE_BYTES {
        return Err(StoreError::TooLarge { bytes: meta.len() });
    }
    Ok(std::fs::read(path)?)
}

/// Loads a case and the fingerprint of the bytes it was read from (for [`changed_since`]).
/// Temporary files that killed saves of this case left behind are removed first
/// ([`remove_stale_temps`]).
pub fn load_fingerprinted(path: &Path) -> Result<(Case, Fingerprint), StoreError> {
    remove_stale_temps(path);
    let bytes = read_limited(path)?;
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let print = Fingerprint::of_bytes(&bytes, modified);
    Ok((from_bytes(&bytes)?, print))
}

/// Writes the case next to `path` in a temporary file, flushes it to disk and renames it over
/// `path`, so a crash leaves either the old case or the new one, never half of one.
/// The previous file is kept as `NAME.ron.bak`. On error the previous file is unchanged and
/// no temporary file is left behind.
/// Temporary files that killed saves of this case left behind are removed afterwards
/// ([`remove_stale_temps`]).
pub fn save(path: &Path, case: &Case) -> Result<(), StoreError> {
    save_fingerprinted(path, case).map(|_| ())
}

/// [`save`], returning the fingerprint of what was written.
pub fn save_fingerprinted(path: &Path, case: &Case) -> Result<Fingerprint, StoreError> {
    let text = to_string(case);
    write_atomic(&StdFs, path, text.as_bytes(), true)?;
    remove_stale_temps(path);
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    Ok(Fingerprint::of_bytes(text.as_bytes(), modified))
}

/// [`save`] through any [`FileSystem`].
pub fn save_with<F: FileSystem>(fs: &F, path: &Path, case: &Case) -> Result<(), StoreError> {
    write_atomic(fs, path, to_string(case).as_bytes(), true)
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The hidden temporary name a save of `path` writes first: `.NAME.PID.N.tmp`, same folder.
fn temp_path(path: &Path, what: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "case.ron".into());
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    folder_of(path).join(format!(".{name}.{}.{n}.{what}", std::process::id()))
}

/// A temporary file of a save older than this is stale even if its process id is in use
/// (process ids are reused; a save takes seconds).
pub const STALE_TEMP_AGE: Duration = Duration::from_secs(24 * 60 * 60);

/// The process id in `file_name` when it is a temporary file of a save of the case named
/// `case_name` (`.NAME.PID.N.tmp` or `.NAME.PID.N.bak.tmp`, exactly as [`temp_path`] makes
/// them); `None` for every other name.
fn temp_file_pid(file_name: &str, case_name: &str) -> Option<u32> {
    let rest = file_name.strip_prefix('.')?.strip_prefix(case_name)?;
    let rest = rest.strip_prefix('.')?;
    let rest = rest
        .strip_suffix(".bak.tmp")
        .or_else(|| rest.strip_suffix(".tmp"))?;
    let (pid, n) = rest.split_once('.')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(pid) || !digits(n) {
        return None;
    }
    n.parse::<u64>().ok()?;
    pid.parse().ok()
}

/// Whether process `pid` is running: `Some` only where the system tells (Linux `/proc`).
fn process_running(pid: u32) -> Option<bool> {
    if pid == std::process::id() {
        return Some(true);
    }
    if !Path::new("/proc/self").exists() {
        return None;
    }
    Some(Path::new(&format!("/proc/{pid}")).exists())
}

/// Removes the temporary files that saves of the case at `path` left next to it when they
/// were killed before renaming them (`.NAME.PID.N.tmp`, `.NAME.PID.N.bak.tmp`): those of a
/// process that is no longer running, and any older than [`STALE_TEMP_AGE`]. Only regular
/// files whose names match that pattern for this case are touched; a save in progress in
/// another running Factdesk is left alone. Best effort: returns the files removed.
pub fn remove_stale_temps(path: &Path) -> Vec<PathBuf> {
    let Some(case_name) = path.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(folder_of(path)) else {
        return Vec::new();
    };
    let now = SystemTime::now();
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|n| temp_file_pid(n, case_name)) else {
            continue;
        };
        // Not through a symbolic link, never a folder.
        let Ok(meta) = entry.path().symlink_metadata() else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age > STALE_TEMP_AGE);
        if (old || process_running(pid) == Some(false))
            && std::fs::remove_file(entry.path()).is_ok()
        {
            removed.push(entry.path());
        }
    }
    removed
}

/// Temp file, write, fsync, (backup), rename, fsync the folder.
pub(crate) fn write_atomic<F: FileSystem>(
    fs: &F,
    path: &Path,
    bytes: &[u8],
    backup: bool,
) -> Result<(), StoreError> {
    let tmp = temp_path(path, "tmp");
    let fail = |step, source| StoreError::Write { step, source };
    let mut file = fs.create(&tmp).map_err(|e| fail(SaveStep::Create, e))?;
    let written = fs
        .write_all(&mut file, bytes)
        .map_err(|e| fail(SaveStep::Write, e))
        .and_then(|()| fs.sync(&mut file).map_err(|e| fail(SaveStep::Sync, e)));
    drop(file);
    if let Err(e) = written {
        let _ = fs.remove_file(&tmp);
        return Err(e);
    }
    if backup && fs.exists(path) {
        // Copied (not renamed) so that `path` always holds a whole case; through a temporary
        // name so that the backup too is whole. A failed backup does not stop the save: the
        // rename below is what protects the data.
        let bak_tmp = temp_path(path, "bak.tmp");
        if fs
            .copy(path, &bak_tmp)
            .and_then(|()| fs.rename(&bak_tmp, &backup_path(path)))
            .is_err()
        {
            let _ = fs.remove_file(&bak_tmp);
        }
    }
    if let Err(e) = fs.rename(&tmp, path) {
        let _ = fs.remove_file(&tmp);
        return Err(fail(SaveStep::Rename, e));
    }
    let _ = fs.sync_dir(folder_of(path));
    Ok(())
}

pub fn backup_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".bak");
    PathBuf::from(s)
}

/// A case's name from its file name ("lab-leak.ron" → "lab-leak").
pub fn case_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Untitled case".into())
}

/// What a case file looked like when it was opened or saved, to notice changes made
/// elsewhere (another program, a sync folder) before overwriting them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    pub len: u64,
    pub modified: Option<SystemTime>,
    /// SHA-256 of the contents, hex.
    pub sha256: String,
}

impl Fingerprint {
    pub fn of_bytes(bytes: &[u8], modified: Option<SystemTime>) -> Self {
        Self {
            len: bytes.len() as u64,
            modified,
            sha256: crate::import::sha256_hex(bytes),
        }
    }
}

/// The fingerprint of the file at `path` now.
pub fn fingerprint(path: &Path) -> io::Result<Fingerprint> {
    let modified = std::fs::metadata(path)?.modified().ok();
    Ok(Fingerprint::of_bytes(&std::fs::read(path)?, modified))
}

/// Whether the file at `path` differs from `before`: its contents changed, or it was removed
/// or cannot be read. A touched file with the same contents has not changed.
pub fn changed_since(path: &Path, before: &Fingerprint) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return true;
    };
    if meta.len() != before.len {
        return true;
    }
    // Same size: compare contents whatever the time says (sync tools may keep the time;
    // `touch` changes it without changing anything).
    match std::fs::read(path) {
        Ok(bytes) => crate::import::sha256_hex(&bytes) != before.sha256,
        Err(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_case_round_trips() {
        let case = Case::default();
        assert_eq!(from_str(&to_string(&case)).unwrap(), case);
    }

    #[test]
    fn newer_version_is_refused_clearly() {
        let text = to_string(&Case::default()).replace(
            &format!("format_version: {FORMAT_VERSION}"),
            "format_version: 999",
        );
        assert!(matches!(
            from_str(&text),
            Err(StoreError::TooNew { found: 999 })
        ));
    }

    #[test]
    fn garbage_reports_line_and_column() {
        let err = from_str("Case(\n  format_version: 1,\n  name: oops\n)").unwrap_err();
        match err {
            StoreError::Parse { line, .. } => assert_eq!(line, 3),
            other => panic!("unexpected {other:?}"),
        }
        assert!(matches!(from_str(""), Err(StoreError::Empty)));
    }

    #[test]
    fn save_keeps_a_backup_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.ron");
        let mut case = Case::default();
        save(&path, &case).unwrap();
        case.name = "second".into();
        save(&path, &case).unwrap();
        assert_eq!(load(&path).unwrap().name, "second");
        assert_eq!(load(&backup_path(&path)).unwrap().name, "Untitled case");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn stale_temp_files_of_killed_saves_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.ron");
        let at = |n: &str| dir.path().join(n);
        // Above any Linux pid_max (2^22): no such process can be running.
        let dead = 4_000_000_000u32;
        let ours = std::process::id();
        let stale = [
            format!(".c.ron.{dead}.0.tmp"),
            format!(".c.ron.{dead}.17.bak.tmp"),
        ];
        let kept = [
            // A save in progress in a running process (ours).
            format!(".c.ron.{ours}.3.tmp"),
            // Other cases, other names, near misses of the pattern.
            format!(".other.ron.{dead}.0.tmp"),
            format!(".c.ron.bak.{dead}.0.tmp"),
            format!("c.ron.{dead}.0.tmp"),
            format!(".c.ron.{dead}.tmp"),
            format!(".c.ron.{dead}.x.tmp"),
            format!(".c.ron.{dead}.0.tmp~"),
            format!(".c.ron.{dead}.0.TMP"),
            format!(".c.ron.+{dead}.0.tmp"),
            format!(".c.ron.{dead}.0.0.tmp"),
            "notes.txt".to_owned(),
        ];
        for n in stale.iter().chain(&kept) {
            std::fs::write(at(n), "x").unwrap();
        }
        // A folder with a matching name is not a temporary file.
        std::fs::create_dir(at(&format!(".c.ron.{dead}.1.tmp"))).unwrap();
        // A temporary file of a running process that is days old is stale all the same.
        let old = format!(".c.ron.{ours}.9.tmp");
        let f = std::fs::File::create(at(&old)).unwrap();
        f.set_modified(SystemTime::now() - STALE_TEMP_AGE * 2)
            .unwrap();
        drop(f);

        save(&path, &Case::default()).unwrap();
        for n in stale.iter().chain([&old]) {
            assert!(!at(n).exists(), "{n} should be removed");
        }
        for n in &kept {
            assert!(at(n).exists(), "{n} should be kept");
        }
        assert!(at(&format!(".c.ron.{dead}.1.tmp")).is_dir());

        // Opening cleans up as well.
        std::fs::write(at(&stale[0]), "x").unwrap();
        load_fingerprinted(&path).unwrap();
        assert!(!at(&stale[0]).exists());
        assert_eq!(
            temp_file_pid(&format!(".c.ron.{dead}.2.tmp"), "c.ron"),
            Some(dead)
        );
    }

    #[test]
    fn fingerprints_notice_changes_made_elsewhere() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.ron");
        let print = save_fingerprinted(&path, &Case::default()).unwrap();
        assert!(!changed_since(&path, &print));
        let (case, loaded) = load_fingerprinted(&path).unwrap();
        assert_eq!(loaded.sha256, print.sha256);
        assert_eq!(fingerprint(&path).unwrap().sha256, print.sha256);
        // Touched, same contents: not a change.
        std::fs::write(&path, std::fs::read(&path).unwrap()).unwrap();
        assert!(!changed_since(&path, &print));
        // Same length, other contents (a sync tool replaced it): a change.
        let other = to_string(&Case {
            name: "Untitled casE".into(),
            ..case
        });
        std::fs::write(&path, other).unwrap();
        assert!(changed_since(&path, &print));
        std::fs::remove_file(&path).unwrap();
        assert!(changed_since(&path, &print), "removed counts as changed");
    }

    #[test]
    fn quick_version_reads_the_header_only() {
        assert_eq!(quick_version("Case(format_version: 12, x"), Some(12));
        assert_eq!(quick_version("  (\n format_version :3)"), Some(3));
        assert_eq!(quick_version("Case(format_version: 1x)"), None);
        assert_eq!(quick_version("Case(name: \"a\", format_version: 1)"), None);
        assert_eq!(quick_version("Case(format_version: 99999999999)"), None);
    }
}
