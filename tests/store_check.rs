//! `factdesk check` reports the format version, counts, orphans and problems.

use std::path::Path;
use std::process::Command;

fn check(path: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .arg("check")
        .arg(path)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/store")
        .join(name)
}

#[test]
fn check_reports_version_counts_orphans_and_problems() {
    let (code, out) = check(&fixture("v1-seed.ron"));
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("format version 1 (read through migrations; saving writes version 2)"),
        "{out}"
    );
    assert!(out.contains("1 article, 39 findings"), "{out}");
    assert!(out.contains("1 with a verdict"), "{out}");
    assert!(out.contains("0 orphans, 0 problems"), "{out}");

    let (code, out) = check(&fixture("v0-synthetic.ron"));
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("format version 0 (read through migrations"),
        "{out}"
    );

    // An orphan (its words are no longer at its span) and a problem (a span past the text).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.ron");
    let text = std::fs::read_to_string(fixture("v1-seed.ron")).unwrap();
    let text = text
        .replacen(
            "exact: \"Rumours that top Chinese security official defected to U.S. gain strength\"",
            "exact: \"Words that were in the old text\"",
            1,
        )
        .replacen(
            "FindingId(2), span: Span(start: 182, end: 377)",
            "FindingId(2), span: Span(start: 182, end: 99999)",
            1,
        );
    std::fs::write(&path, text).unwrap();
    let (code, out) = check(&path);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("1 orphans, 1 problems"), "{out}");
    assert!(out.contains("orphan: article"), "{out}");
    assert!(out.contains("problem: article"), "{out}");

    std::fs::write(&path, "Case(format_version: 7)").unwrap();
    let (code, out) = check(&path);
    assert_eq!(code, 1);
    assert!(out.contains("newer Factdesk"), "{out}");
}
