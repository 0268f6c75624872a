//! Case files: RON with a format version, written atomically, read with clear errors.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::model::{Case, FORMAT_VERSION};

/// Case files larger than this are refused before parsing (200 long articles are about 5 MB).
pub const MAX_CASE_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Debug)]
pub enum StoreError {
    Io(std::io::Error),
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

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Io(e) => write!(f, "{e}"),
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

impl std::error::Error for StoreError {}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> Self {
        StoreError::Io(e)
    }
}

fn parse_error(e: ron::error::SpannedError) -> StoreError {
    StoreError::Parse {
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
    }
}

fn ron_options() -> ron::Options {
    ron::Options::default()
}

/// Only the version, read first so that a newer file gets a clear message rather than a parse error.
#[derive(Deserialize)]
#[serde(rename = "Case")]
struct VersionProbe {
    format_version: u32,
}

/// Parses a case from RON text.
pub fn from_str(text: &str) -> Result<Case, StoreError> {
    let probe: VersionProbe = ron_options().from_str(text).map_err(parse_error)?;
    if probe.format_version > FORMAT_VERSION {
        return Err(StoreError::TooNew {
            found: probe.format_version,
        });
    }
    let case: Case = ron_options().from_str(text).map_err(parse_error)?;
    let problems = case.problems();
    if !problems.is_empty() {
        return Err(StoreError::Invalid(problems));
    }
    Ok(case)
}

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
    let len = std::fs::metadata(path)?.len();
    if len > MAX_CASE_BYTES {
        return Err(StoreError::TooLarge { bytes: len });
    }
    let bytes = std::fs::read(path)?;
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes)).map_err(
        |e| StoreError::Parse {
            line: 1,
            column: 1,
            message: format!("the file is not UTF-8 text ({e})"),
        },
    )?;
    from_str(text)
}

/// Writes the case next to `path` in a temporary file, flushes it to disk and renames it over
/// `path`, so a crash leaves either the old case or the new one, never half of one.
/// The previous file is kept as `NAME.ron.bak`.
pub fn save(path: &Path, case: &Case) -> Result<(), StoreError> {
    let text = to_string(case);
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "case.ron".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        Ok(())
    };
    if let Err(e) = write() {
        let _ = std::fs::remove_file(&tmp);
        return Err(e.into());
    }
    if path.exists() {
        // A failed backup must not stop the save: the rename below is what protects the data.
        let _ = std::fs::copy(path, backup_path(path));
    }
    if let Err(e) = std::fs::rename(&tmp, path) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e.into());
    }
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
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
        assert!(matches!(from_str(""), Err(StoreError::Parse { .. })));
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
}
