//! The headless commands, run as a script would run them.

use std::process::Command;

fn factdesk() -> Command {
    Command::new(env!("CARGO_BIN_EXE_factdesk"))
}

#[test]
fn a_house_cue_list_adds_cues_and_bad_lines_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs.jsonl");
    std::fs::write(
        &docs,
        "{\"id\": \"a\", \"text\": \"Word on the street is that the mayor will resign.\"}\n",
    )
    .unwrap();
    let run = |extra: &[&str]| {
        let out = factdesk()
            .args(["analyze", "--jsonl"])
            .arg(&docs)
            .args(extra)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, plain, _) = run(&[]);
    assert_eq!(code, Some(0));
    assert!(!plain.contains("\"rumour\""), "{plain}");
    let house = dir.path().join("house.tsv");
    std::fs::write(&house, "# our list\nword on the street\trumour\t0.9\t-\n").unwrap();
    let (code, with, _) = run(&["--cues", house.to_str().unwrap()]);
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(with.trim()).unwrap();
    let cue = &v["assertions"][0]["cues"][0];
    assert_eq!(
        (
            cue["start"].as_u64(),
            cue["end"].as_u64(),
            cue["category"].as_str()
        ),
        (Some(0), Some(18), Some("rumour"))
    );
    std::fs::write(&house, "word on the street\tgossip\t0.9\t-\n").unwrap();
    let (code, _, err) = run(&["--cues", house.to_str().unwrap()]);
    assert_eq!(code, Some(2));
    assert!(err.contains("line 1"), "{err}");
}

#[test]
fn import_builds_a_case_that_check_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "Headline\n\n“We will appeal,” the lawyer said. Officials may respond.\n",
    )
    .unwrap();
    let case = dir.path().join("case.ron");
    let out = factdesk()
        .args(["import", "--into"])
        .arg(&case)
        .arg(&article)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = factdesk().arg("check").arg(&case).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("format version 2") && text.contains("1 article,"),
        "{text}"
    );
    std::fs::write(&case, "Case(format_version: 1, name: ").unwrap();
    let out = factdesk().arg("check").arg(&case).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
}
