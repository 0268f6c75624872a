use super::*;
use crate::analysis::Input;

fn run(text: &str) -> Vec<AssertionFinding> {
    let doc = Doc::new(Input::plain(text), &[]);
    find(&doc, &[], &Lexicon::builtin())
}

/// The cue words found in `text`, with their categories.
fn cues(text: &str) -> Vec<(&str, &'static str)> {
    run(text)
        .iter()
        .flat_map(|f| f.assertion.cues.iter())
        .map(|c| (c.span.text(text), c.category.as_str()))
        .collect()
}

#[test]
fn modal_may_but_not_the_month() {
    assert_eq!(cues("The drug may cause harm."), vec![("may", "hedge")]);
    assert!(cues("He was elected in May 2019.").is_empty());
    assert!(cues("May 20, 1983 was a Friday.").is_empty());
    assert!(cues("The talks ended on 3 May.").is_empty());
}
