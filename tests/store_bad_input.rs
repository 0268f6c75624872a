//! Every kind of bad case file gets a clear error, never a panic or a stack overflow.
//! One test per row of the table in docs/reliability.md.

use std::path::Path;

use factdesk::model::{Case, FORMAT_VERSION};
use factdesk::store::{self, MAX_CASE_BYTES, StoreError};

fn sample_text() -> String {
    store::to_string(&Case {
        name: "sample".into(),
        ..Case::default()
    })
}

/// Loads `bytes` from a file and returns the error and its message.
fn load_err(bytes: &[u8]) -> (StoreError, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, bytes).unwrap();
    let e = store::load(&path).expect_err("a bad file must not load");
    let msg = e.to_string();
    (e, msg)
}

#[test]
fn empty_file() {
    let (e, msg) = load_err(b"");
    assert!(matches!(e, StoreError::Empty), "{e:?}");
    assert!(msg.contains("empty"), "{msg}");
    assert!(matches!(load_err(b" \n\t ").0, StoreError::Empty));
}

#[test]
fn truncated_file() {
    let text = sample_text();
    for cut in [text.len() / 2, text.len() - 2, 10] {
        let (e, msg) = load_err(&text.as_bytes()[..cut]);
        assert!(matches!(e, StoreError::Parse { .. }), "{cut}: {e:?}");
        assert!(msg.contains("line"), "{msg}");
    }
}

#[test]
fn wrong_types() {
    for text in [
        "[1, 2, 3]",
        "42",
        "\"a string\"",
        "Case(format_version: \"one\")",
        "Case(format_version: 1, name: 7, lexicon_version: \"\", articles: [], next_finding: 1, next_article: 1)",
        "Case(format_version: 1, name: \"x\", lexicon_version: \"\", articles: {}, next_finding: 1, next_article: 1)",
    ] {
        let (e, msg) = load_err(text.as_bytes());
        assert!(matches!(e, StoreError::Parse { .. }), "{text}: {e:?}");
        assert!(msg.starts_with("not a readable Factdesk case"), "{msg}");
    }
}

#[test]
fn foreign_ron() {
    for text in [
        "Config(width: 3, height: 4)",
        "(window: (x: 1, y: 2), theme: Dark)",
        "Case(format_version: 1)",
        "#![enable(implicit_some)]\nSettings(a: 1)",
    ] {
        let (e, _) = load_err(text.as_bytes());
        assert!(matches!(e, StoreError::Parse { .. }), "{text}: {e:?}");
    }
}

#[test]
fn not_utf8_or_binary() {
    let (e, msg) = load_err(&[0xff, 0xfe, 0x00, 0x41, 0x80, 0x81]);
    assert!(matches!(e, StoreError::Parse { .. }), "{e:?}");
    assert!(msg.contains("not UTF-8"), "{msg}");
    // A byte-order mark in front of a good file is fine.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(sample_text().as_bytes());
    assert_eq!(store::from_bytes(&bom).unwrap().name, "sample");
}

#[test]
fn newer_version() {
    let newer = FORMAT_VERSION + 1;
    let text = sample_text().replace(
        &format!("format_version: {FORMAT_VERSION}"),
        &format!("format_version: {newer}"),
    );
    let (e, msg) = load_err(text.as_bytes());
    assert!(
        matches!(e, StoreError::TooNew { found } if found == newer),
        "{e:?}"
    );
    assert!(msg.contains("newer Factdesk"), "{msg}");
    // Even when the rest of the file is something this version cannot read at all.
    let text = format!("Case(format_version: {newer}, shape: Unknown((1, 2)), more: [])");
    assert!(matches!(
        load_err(text.as_bytes()).0,
        StoreError::TooNew { .. }
    ));
    // And when the version is not the first field.
    let text = format!("Case(name: \"x\", format_version: {newer})");
    assert!(matches!(
        load_err(text.as_bytes()).0,
        StoreError::TooNew { .. }
    ));
}

#[test]
fn huge_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    // Sparse: refused from its size, before anything is read.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(MAX_CASE_BYTES + 1)
        .unwrap();
    let e = store::load(&path).unwrap_err();
    assert!(matches!(e, StoreError::TooLarge { .. }), "{e:?}");
    assert!(e.to_string().contains("limit"), "{e}");
}

/// Runs `f` on a thread with a quarter of a normal thread stack (512 KiB, even in debug builds).
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .expect("no stack overflow or panic")
}

#[test]
fn deeply_nested() {
    const DEPTH: usize = 100_000;
    let open = |c: &str| c.repeat(DEPTH);
    let inputs = vec![
        open("["),
        format!("{}{}", open("["), "]".repeat(DEPTH)),
        format!("Case(format_version: 1, extra: {})", open("(")),
        format!(
            "Case(format_version: 1, extra: {}1{})",
            open("["),
            "]".repeat(DEPTH)
        ),
        format!(
            "Case(format_version: 1, name: \"x\", lexicon_version: \"\", articles: {}",
            open("[")
        ),
        format!("Case(extra: {}, format_version: 1)", open("Some(")),
        open("{\"a\":"),
    ];
    for text in inputs {
        let e = on_small_stack(move || store::from_str(&text).unwrap_err());
        assert!(matches!(e, StoreError::Parse { .. }), "{e:?}");
    }
    let e = on_small_stack(move || {
        store::from_str(&format!("Case(format_version: 1, x: {}", "[".repeat(DEPTH))).unwrap_err()
    });
    assert!(e.to_string().contains("nested"), "{e}");
}

#[test]
fn inconsistent_case() {
    let text = sample_text().replace("next_finding: 1", "next_finding: 0");
    assert!(
        store::from_str(&text).is_ok(),
        "no findings: nothing to contradict"
    );
    let bad = r#"Case(format_version: 1, name: "x", lexicon_version: "", next_finding: 1, next_article: 2,
      articles: [Article(id: ArticleId(1), title: None, byline: None, published: None,
        source: Source(file_name: "a.txt", path: None, sha256: "", encoding: "UTF-8", format: "text"),
        text: "short", blocks: [], boilerplate: [], speakers: [],
        findings: [Finding(id: FindingId(5), span: Span(start: 2, end: 99),
          kind: Assertion(Assertion(categories: [Hedge], cues: [], strength: NaN, in_quote: false)),
          origin: Manual, review: Review(status: Unreviewed, verdict: None, note: ""))])])"#;
    let (e, msg) = load_err(bad.as_bytes());
    match e {
        StoreError::Invalid(p) => {
            assert!(p.iter().any(|m| m.contains("outside its text")), "{p:?}");
            assert!(
                p.iter().any(|m| m.contains("not below next_finding")),
                "{p:?}"
            );
            assert!(p.iter().any(|m| m.contains("strength NaN")), "{p:?}");
        }
        other => panic!("{other:?}"),
    }
    assert!(msg.contains("inconsistent"), "{msg}");
}

#[test]
fn missing_file_and_folder_instead_of_file() {
    let dir = tempfile::tempdir().unwrap();
    let e = store::load(&dir.path().join("nope.ron")).unwrap_err();
    assert_eq!(e.to_string(), "the file does not exist");
    let e = store::load(dir.path()).unwrap_err();
    assert!(e.to_string().contains("folder"), "{e}");
    assert!(store::load(Path::new("")).is_err());
}
