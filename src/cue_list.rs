//! An outlet's house cue list as the app uses it: the file read and checked once, the
//! lexicons it makes, how many cues it brings; and the bookkeeping of which cue list made a
//! case's findings (`Case::lexicon_version`), so that a case never silently mixes lists.
//!
//! The file has the format of `assets/lexicons/cues.tsv`; it is added to the built-in cues by
//! [`Lexicons::with_user_cues`], whose `version` names the list by a hash of its text.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::analysis::{Lexicons, assertions};
use crate::counted::counted;

/// A cue file larger than this is refused (the built-in list is about 20 kB).
pub const MAX_CUE_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// What `Case::lexicon_version` starts with when its articles were analysed with several
/// cue lists; the versions follow, separated by commas.
pub const MIXED_PREFIX: &str = "mixed:";

/// The component of a mixed version for articles whose list was never recorded.
const UNRECORDED: &str = "unrecorded";

/// A house cue list, loaded.
#[derive(Debug)]
pub struct CueList {
    pub path: PathBuf,
    /// The built-in lexicons with the list added (its `version` names the list).
    pub lexicons: Arc<Lexicons>,
    /// Cue entries in the file (a cue listed twice counts once).
    pub cues: usize,
    /// Of those, the cues the built-in list does not have; the others change a built-in
    /// cue's category, weight or rule.
    pub added: usize,
}

impl CueList {
    /// The file name, for short messages.
    pub fn file_name(&self) -> String {
        file_name(&self.path)
    }

    /// "12 cues (10 new, 2 replace built-in ones)".
    pub fn summary(&self) -> String {
        let replaced = self.cues - self.added;
        match (self.added, replaced) {
            (0, 0) => "no cues (word classes or settings only)".to_owned(),
            (_, 0) => counted(self.added, "new cue", "new cues"),
            (0, _) => counted(
                replaced,
                "cue replacing a built-in one",
                "cues replacing built-in ones",
            ),
            _ => format!(
                "{} ({} new, {} replacing built-in ones)",
                counted(self.cues, "cue", "cues"),
                self.added,
                replaced
            ),
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

const MISSING: &str = "no such file (moved, renamed, or on a disk that is not connected?)";

/// Why a cue file cannot be used.
#[derive(Debug)]
pub enum CueListError {
    /// No file at that path (moved, renamed, or on a disk that is not mounted).
    Missing(PathBuf),
    /// The file exists but cannot be read, is too large or is not UTF-8 text.
    Unreadable(PathBuf, String),
    /// A line is wrong: the message names it ("cue lexicon line 3: unknown category: …").
    Invalid(PathBuf, String),
}

impl fmt::Display for CueListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CueListError::Missing(p) => write!(f, "{}: {MISSING}", p.display()),
            CueListError::Unreadable(p, why) => write!(f, "{}: {why}", p.display()),
            CueListError::Invalid(p, why) => write!(f, "{}: {why}", p.display()),
        }
    }
}

impl CueListError {
    /// The file concerned.
    pub fn path(&self) -> &Path {
        match self {
            CueListError::Missing(p)
            | CueListError::Unreadable(p, _)
            | CueListError::Invalid(p, _) => p,
        }
    }

    /// "FILE NAME: reason", for places that show the full path elsewhere.
    pub fn short(&self) -> String {
        let why = match self {
            CueListError::Missing(_) => MISSING,
            CueListError::Unreadable(_, why) | CueListError::Invalid(_, why) => why,
        };
        format!("{}: {why}", file_name(self.path()))
    }
}

impl std::error::Error for CueListError {}

/// Reads and checks a house cue list.
pub fn load(path: &Path) -> Result<CueList, CueListError> {
    let unreadable = |why: String| CueListError::Unreadable(path.to_owned(), why);
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => CueListError::Missing(path.to_owned()),
        _ => unreadable(e.to_string()),
    })?;
    if meta.is_dir() {
        return Err(unreadable("this is a folder, not a cue list".into()));
    }
    if meta.len() > MAX_CUE_FILE_BYTES {
        return Err(unreadable(format!(
            "the file is {} MB, over the {} MB limit for a cue list",
            meta.len() / 1_000_000,
            MAX_CUE_FILE_BYTES / 1_000_000
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| unreadable(e.to_string()))?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        unreadable(format!(
            "not UTF-8 text ({e}); a cue list is a tab-separated text file"
        ))
    })?;
    from_tsv(path, text).map_err(|e| CueListError::Invalid(path.to_owned(), e))
}

/// A house cue list from its text (`path` only names it). The error names the bad line.
pub fn from_tsv(path: &Path, tsv: &str) -> Result<CueList, String> {
    // Editors on Windows may start the file with a byte-order mark: not part of the first cue.
    let tsv = tsv.strip_prefix('\u{feff}').unwrap_or(tsv);
    let lexicons = Lexicons::with_user_cues(tsv)?;
    let own = assertions::Lexicon::from_tsv(tsv)?;
    let builtin = Lexicons::builtin().cues.entries();
    let added = own
        .entries()
        .iter()
        .filter(|e| !builtin.iter().any(|b| b.cue.eq_ignore_ascii_case(&e.cue)))
        .count();
    Ok(CueList {
        path: path.to_owned(),
        lexicons: Arc::new(lexicons),
        cues: own.entries().len(),
        added,
    })
}

/// `Case::lexicon_version` after some of a case's articles were analysed with the lexicons
/// of version `new`. `others` tells whether the case has articles that were not (their
/// findings came from `case`'s version): then a different `new` makes the case mixed.
pub fn version_after(case: &str, others: bool, new: &str) -> String {
    if !others || case == new {
        return new.to_owned();
    }
    let mut parts: Vec<&str> = match case.strip_prefix(MIXED_PREFIX) {
        Some(list) => list.split(',').filter(|s| !s.is_empty()).collect(),
        None if case.is_empty() => vec![UNRECORDED],
        None => vec![case],
    };
    if !parts.contains(&new) {
        parts.push(new);
    }
    format!("{MIXED_PREFIX}{}", parts.join(","))
}

/// Whether the findings of a case whose version is `case` came from several cue lists.
pub fn is_mixed(case: &str) -> bool {
    case.starts_with(MIXED_PREFIX)
}

/// A lexicon version in words, for the status bar and messages.
pub fn describe(version: &str) -> String {
    let builtin = &Lexicons::builtin().version;
    if version.is_empty() {
        return "an unrecorded cue list".into();
    }
    if let Some(list) = version.strip_prefix(MIXED_PREFIX) {
        let n = list.split(',').filter(|s| !s.is_empty()).count();
        return format!("{n} different cue lists");
    }
    let (base, house) = match version.split_once("+cues-") {
        Some((b, h)) => (b, Some(h)),
        None => (version, None),
    };
    let base = if base == builtin {
        "the built-in cues".to_owned()
    } else if let Some(v) = base.strip_prefix("builtin-") {
        format!("the built-in cues of Factdesk {v}")
    } else {
        format!("the cue list “{base}”")
    };
    match house {
        // The hash is what identifies a list; eight digits are plenty to tell two apart.
        Some(h) => format!("{base} with house list #{}", &h[..h.len().min(8)]),
        None => base,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUSE: &str = "# our desk's cues\n\
        insiders say\trumour\t0.9\t-\n\
        \n\
        probably\thedge\t0.99\t-\n\
        insiders say\tanonymous_source\t0.95\t-\n";

    #[test]
    fn a_list_counts_its_new_and_replacing_cues() {
        let list = from_tsv(Path::new("house.tsv"), HOUSE).unwrap();
        assert_eq!((list.cues, list.added), (2, 1));
        assert_eq!(list.summary(), "2 cues (1 new, 1 replacing built-in ones)");
        assert_eq!(list.file_name(), "house.tsv");
        assert!(
            list.lexicons
                .version
                .starts_with(&format!("{}+cues-", Lexicons::builtin().version))
        );
        // The BOM an editor may add changes nothing.
        let bom = from_tsv(Path::new("h.tsv"), &format!("\u{feff}{HOUSE}")).unwrap();
        assert_eq!(bom.lexicons.version, list.lexicons.version);
        assert_eq!(bom.added, 1);
    }

    #[test]
    fn a_bad_line_is_named() {
        let err = from_tsv(
            Path::new("h.tsv"),
            "# ok\nfine\thedge\t0.5\t-\nbad\tnope\t0.5\t-\n",
        )
        .unwrap_err();
        assert!(err.contains("line 3"), "{err}");
    }

    #[test]
    fn loading_tells_missing_from_invalid_and_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("moved.tsv");
        assert!(matches!(load(&gone), Err(CueListError::Missing(_))));
        assert!(load(&gone).unwrap_err().to_string().contains("moved.tsv"));
        let bad = dir.path().join("bad.tsv");
        std::fs::write(&bad, "word\thedge\t2\t-\n").unwrap();
        let err = load(&bad).unwrap_err();
        assert!(matches!(err, CueListError::Invalid(..)), "{err:?}");
        assert!(err.to_string().contains("line 1"), "{err}");
        assert!(
            err.short().starts_with("bad.tsv: cue lexicon line 1: "),
            "{err}"
        );
        assert_eq!(err.path(), bad);
        let binary = dir.path().join("list.docx");
        std::fs::write(&binary, b"PK\x03\x04\xff\xfe").unwrap();
        assert!(matches!(load(&binary), Err(CueListError::Unreadable(..))));
        assert!(matches!(
            load(dir.path()),
            Err(CueListError::Unreadable(..))
        ));
        let good = dir.path().join("house.tsv");
        std::fs::write(&good, HOUSE).unwrap();
        assert_eq!(load(&good).unwrap().cues, 2);
    }

    #[test]
    fn versions_record_every_list_that_made_findings() {
        let b = "builtin-1";
        let h = "builtin-1+cues-00ff";
        assert_eq!(version_after("", false, b), b, "a new case takes the list");
        assert_eq!(version_after(b, true, b), b);
        assert_eq!(
            version_after(b, false, h),
            h,
            "every article analysed again"
        );
        let mixed = version_after(b, true, h);
        assert_eq!(mixed, "mixed:builtin-1,builtin-1+cues-00ff");
        assert!(is_mixed(&mixed) && !is_mixed(b));
        assert_eq!(version_after(&mixed, true, h), mixed, "no repeats");
        assert_eq!(version_after(&mixed, false, h), h);
        assert_eq!(
            version_after("", true, h),
            "mixed:unrecorded,builtin-1+cues-00ff"
        );
    }

    #[test]
    fn versions_read_as_words() {
        let builtin = Lexicons::builtin().version.clone();
        assert_eq!(describe(&builtin), "the built-in cues");
        assert_eq!(
            describe(&format!("{builtin}+cues-0123456789abcdef")),
            "the built-in cues with house list #01234567"
        );
        assert_eq!(
            describe("builtin-0.0.1"),
            "the built-in cues of Factdesk 0.0.1"
        );
        assert_eq!(describe("mixed:a,b"), "2 different cue lists");
        assert_eq!(describe(""), "an unrecorded cue list");
    }
}
