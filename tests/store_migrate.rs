//! Every format version ever written still loads: one committed fixture per version.
//! (See src/store/migrate.rs for the version history and how to add a version.)

use std::path::Path;

use factdesk::anchor;
use factdesk::model::*;
use factdesk::store;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/store")
        .join(name)
}

#[test]
fn v1_seed_loads_with_its_review() {
    let path = fixture("v1-seed.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(store::format_version(&text).unwrap(), 1);
    let case = store::load(&path).unwrap();
    assert_eq!(case.format_version, FORMAT_VERSION);
    assert_eq!(case.articles.len(), 1);
    assert_eq!(case.finding_count(), 39);
    let (_, f) = case.finding(FindingId(2)).unwrap();
    assert_eq!(f.review.status, Status::Done);
    assert_eq!(f.review.verdict, Some(Verdict::Unproven));
    assert!(f.review.note.starts_with("No named source"));
    assert_eq!(f.review.history.len(), 1);
    assert_eq!(f.evidence[0].stance, Stance::Contradicts);
    assert!(anchor::orphans(&case).is_empty());
    // Saving it again and loading gives the same case.
    assert_eq!(store::from_str(&store::to_string(&case)).unwrap(), case);
}

#[test]
fn v0_synthetic_migrates_to_the_current_format() {
    let v0 = store::load(&fixture("v0-synthetic.ron")).unwrap();
    let v1 = store::load(&fixture("v1-seed.ron")).unwrap();
    assert_eq!(v0.format_version, FORMAT_VERSION);
    assert_eq!(v0.name, "v0-synthetic");
    let a0 = &v0.articles[0];
    let a1 = &v1.articles[0];
    assert_eq!(a0.text, a1.text);
    assert_eq!(a0.findings.len(), a1.findings.len());
    for (f0, f1) in a0.findings.iter().zip(&a1.findings) {
        assert_eq!(f0.span, f1.span);
        assert_eq!(f0.kind, f1.kind);
        // Anchors were not in v0: the migration takes them from the text.
        assert_eq!(f0.anchor, f1.anchor, "finding {}", f0.id.0);
        assert_eq!(f0.review.verdict, f1.review.verdict);
        assert!(f0.review.history.is_empty() && f0.evidence.is_empty() && !f0.dismissed);
    }
    assert!(anchor::orphans(&v0).is_empty());
}

#[test]
fn a_v0_file_saves_as_the_current_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.ron");
    std::fs::copy(fixture("v0-synthetic.ron"), &path).unwrap();
    let case = store::load(&path).unwrap();
    store::save(&path, &case).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(store::format_version(&text).unwrap(), FORMAT_VERSION);
    assert_eq!(store::load(&path).unwrap(), case);
    // The file as it was is kept next to it.
    let bak = std::fs::read_to_string(store::backup_path(&path)).unwrap();
    assert!(bak.contains("format_version: 0"));
}
