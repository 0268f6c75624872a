use super::*;
use crate::analysis::Input;

fn run_with(text: &str, lex: &Lexicon) -> Vec<AssertionFinding> {
    let doc = Doc::new(Input::plain(text), &[]);
    let cues = lex.entries().iter().map(|e| e.cue.as_str());
    let hits = crate::analysis::cue_scan::CueScan::new([], cues).scan(text);
    find(&doc, &[], lex, &hits.assertions)
}

fn run(text: &str) -> Vec<AssertionFinding> {
    run_with(text, &Lexicon::builtin())
}

/// The cue words found in `text`, with their categories.
fn cues_with<'t>(text: &'t str, lex: &Lexicon) -> Vec<(&'t str, &'static str)> {
    run_with(text, lex)
        .iter()
        .flat_map(|f| f.assertion.cues.iter())
        .map(|c| (c.span.text(text), c.category.as_str()))
        .collect()
}

fn cues(text: &str) -> Vec<(&str, &'static str)> {
    cues_with(text, &Lexicon::builtin())
}

/// A lexicon that reports every accepted cue, however weak, to test the rules alone.
fn all_cues() -> Lexicon {
    let mut lex = Lexicon::builtin();
    lex.threshold = 0.0;
    lex
}

#[test]
fn modal_may_but_not_the_month() {
    assert_eq!(cues("The drug may cause harm."), vec![("may", "hedge")]);
    assert_eq!(cues("May it rain soon."), vec![("May", "hedge")]);
    assert!(cues("He was elected in May 2019.").is_empty());
    assert!(cues("May 20, 1983 was a Friday.").is_empty());
    assert!(cues("The talks ended on 3 May.").is_empty());
    assert!(cues("The mayor met Theresa May.").is_empty());
}

#[test]
fn could_as_past_fact_or_possibility() {
    assert!(cues_with("She could not attend the meeting.", &all_cues()).is_empty());
    assert!(cues_with("He couldn't sleep.", &all_cues()).is_empty());
    assert_eq!(
        cues_with("He could not have known.", &all_cues()),
        vec![("could", "speculation")]
    );
    // Alone "could" is a weak signal; with a condition it is speculation.
    assert!(cues("It could lead to war.").is_empty());
    assert_eq!(
        cues_with("It could lead to war.", &all_cues()),
        vec![("could", "speculation")]
    );
    assert_eq!(
        cues("If he defected, it could lead to war."),
        vec![("If", "speculation"), ("could", "speculation")]
    );
}

#[test]
fn claimed_the_title_or_claimed_that() {
    let lex = all_cues();
    assert!(cues_with("She claimed the title in 2019.", &lex).is_empty());
    assert!(cues_with("The fire claimed three lives.", &lex).is_empty());
    assert!(cues_with("Nobody has come forward to claim responsibility.", &lex).is_empty());
    assert_eq!(
        cues_with("He claimed that the vote was rigged.", &lex),
        vec![("claimed", "allegation")]
    );
    assert_eq!(
        cues_with("The vote was rigged, he claimed.", &lex),
        vec![("claimed", "allegation")]
    );
    // A named claimant is reported speech (the quotation engine's); a vague one is not.
    assert!(cues("Smith claimed that the vote was rigged.").is_empty());
    assert_eq!(
        cues("Some observers claimed that the vote was rigged."),
        vec![
            ("Some observers", "vague_attribution"),
            ("claimed", "allegation")
        ]
    );
}

#[test]
fn some_people_as_a_figure_or_a_vague_source() {
    assert!(
        cues("Some 200 people gathered in the square.")
            .iter()
            .all(|(_, c)| *c != "vague_attribution")
    );
    assert_eq!(
        cues("Some analysts speculate that he fled."),
        vec![
            ("Some analysts", "vague_attribution"),
            ("speculate", "speculation")
        ]
    );
    assert!(cues("Some people like tea.").is_empty());
    assert_eq!(
        cues("Many believe he fled."),
        vec![("Many", "vague_attribution"), ("believe", "belief")]
    );
    assert_eq!(
        cues("The photos were deleted, according to some local news reports."),
        vec![("according to some local news reports", "vague_attribution")]
    );
    assert!(cues("The photos were deleted, according to Reuters.").is_empty());
}

#[test]
fn if_as_conditional_or_not() {
    assert_eq!(
        cues("If the report is true, heads would roll."),
        vec![("If", "speculation"), ("would", "speculation")]
    );
    assert_eq!(
        cues("Nobody knows whether he left."),
        vec![("whether", "speculation")]
    );
    assert!(cues("The match goes ahead regardless of whether it rains.").is_empty());
    assert!(cues("It is true if and only if it holds.").is_empty());
    assert!(cues("He ran as if he were chased.").is_empty());
    assert!(cues("Few records, if any, survive.").is_empty());
    // "would" of the past habitual stays quiet.
    assert!(cues("Every summer he would visit his aunt.").is_empty());
}

#[test]
fn negated_and_denied_claims() {
    let lex = all_cues();
    assert!(cues_with("He did not claim that the vote was rigged.", &lex).is_empty());
    assert!(cues_with("She never alleged any wrongdoing.", &lex).is_empty());
    assert!(cues("The ministry denied the rumours on Monday.").is_empty());
    assert!(cues("He dismissed the allegations as lies.").is_empty());
    assert!(cues("Officials moved to quell rumours of a coup.").is_empty());
    assert_eq!(
        cues("He alleged that the vote was rigged."),
        vec![("alleged", "allegation")]
    );
    assert_eq!(
        cues("Rumours of a coup spread."),
        vec![("Rumours", "rumour")]
    );
}

#[test]
fn belief_verbs_in_context() {
    assert_eq!(
        cues("The ship is thought to have sunk."),
        vec![("thought", "belief")]
    );
    assert!(cues("Chinese thought shaped the region.").is_empty());
    assert_eq!(cues("He is seen as a reformer."), vec![("seen", "belief")]);
    assert!(cues("He was last seen in public in 2020.").is_empty());
    assert!(
        cues("Many believe in ghosts here.")
            .iter()
            .all(|(_, c)| *c != "belief")
    );
    assert!(cues("Consider the following example.").is_empty());
    assert!(cues("The proposal was considered for a week.").is_empty());
    assert_eq!(
        cues("He is considered a moderate."),
        vec![("considered", "belief")]
    );
}

#[test]
fn anonymous_sources() {
    assert_eq!(
        cues("Han, citing an unnamed source, alleged a deal."),
        vec![
            ("unnamed source", "anonymous_source"),
            ("alleged", "allegation")
        ]
    );
    assert_eq!(
        cues("One Chinese analyst said the party could fall."),
        vec![("One Chinese analyst", "anonymous_source")]
    );
    assert_eq!(
        cues("Officials said the talks had stalled."),
        vec![("Officials", "anonymous_source")]
    );
    assert!(cues("Officials arrived at noon.").is_empty());
    assert!(cues("Rice is a source of energy.").is_empty());
    assert!(cues("One person was injured.").is_empty());
}

#[test]
fn hedge_inside_a_quotation_is_the_speakers() {
    let t = "“Beijing might have a bigger problem,” he added. Beijing might fall.";
    let f = run(t);
    assert_eq!(f.len(), 2);
    assert!(f[0].assertion.in_quote);
    assert!(!f[1].assertion.in_quote);
    // A quotation that runs over several sentences.
    let t = "He said: “It is over. It is likely final.” Then he left.";
    let f = run(t);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].span.text(t), "It is likely final.”");
    assert!(f[0].assertion.in_quote);
}

#[test]
fn findings_carry_spans_categories_and_strength() {
    let t = "Rumours that the minister fled gain strength\n\nHe left. Chinese media has claimed that he spoke, which leaves many to believe there may be truth to the rumours.";
    let f = run(t);
    assert_eq!(f.len(), 2);
    assert_eq!(
        f[0].span.text(t),
        "Rumours that the minister fled gain strength"
    );
    assert_eq!(f[0].assertion.categories, vec![Category::Rumour]);
    let s = &f[1];
    assert!(s.span.text(t).starts_with("Chinese media has claimed"));
    assert!(s.assertion.categories.contains(&Category::Hedge));
    assert!(s.assertion.categories.contains(&Category::Rumour));
    assert!(s.assertion.strength > f[0].assertion.strength);
    assert!(s.assertion.strength <= 1.0);
    for c in &s.assertion.cues {
        assert!(s.span.start <= c.span.start && c.span.end <= s.span.end);
    }
}

#[test]
fn repeated_headline_is_reported_once() {
    let t = "Rumours grow in Beijing\n\nRumours grow in Beijing\nPhoto: AP\n\nHe left.";
    assert_eq!(run(t).len(), 1);
}

#[test]
fn unsourced_figures() {
    assert_eq!(
        cues("Unemployment rose to 40 percent last year."),
        vec![("40 percent", "unsourced_figure")]
    );
    assert!(cues("Unemployment rose to 40 percent, the ministry said.").is_empty());
    assert!(cues("In 2018, party officials posted a photo.").is_empty());
}

#[test]
fn furniture_lines_stay_quiet() {
    assert!(cues("Sign up so we can always stay in touch.").is_empty());
    assert!(cues("Remove Ads").is_empty());
}

#[test]
fn lexicon_from_tsv_and_extend() {
    let house = "# an outlet's house list\ntipsters\tanonymous_source\t0.9\t-\nmay\thedge\t0.2\tmodal\n@class\tpeople\twhistleblowers\n";
    let extra = Lexicon::from_tsv(house).unwrap();
    let mut lex = Lexicon::builtin();
    let n = lex.entries().len();
    lex.extend(&extra);
    assert_eq!(lex.entries().len(), n + 1);
    assert_eq!(
        cues_with("Tipsters say it may rain.", &lex),
        vec![("Tipsters", "anonymous_source")]
    );
    assert_eq!(
        cues_with("Unnamed whistleblowers spoke.", &lex),
        vec![("Unnamed whistleblowers", "anonymous_source")]
    );
    assert!(Lexicon::from_tsv("x\tnot_a_category\t0.5\t-").is_err());
    assert!(Lexicon::from_tsv("x\thedge\t1.5\t-").is_err());
    assert!(Lexicon::from_tsv("x\thedge\t0.5\tno_such_rule").is_err());
}

#[test]
fn spans_are_valid_on_unicode_text() {
    let t = "Ünïcödé — “Möglicherweise,” she said: it may be so… Perhaps ☃ not.";
    for f in run(t) {
        assert!(t.is_char_boundary(f.span.start) && t.is_char_boundary(f.span.end));
        for c in &f.assertion.cues {
            assert!(t.is_char_boundary(c.span.start) && t.is_char_boundary(c.span.end));
        }
    }
}

#[test]
fn may_of_permission_is_not_a_hedge() {
    assert!(cues("You may check his recent works on this website.").is_empty());
    assert!(cues("Members may not vote twice.").is_empty());
    assert!(cues("Pray so that we may serve you.").is_empty());
    // Possibility stays, negated or not.
    assert_eq!(cues("It may not be true."), vec![("may", "hedge")]);
    assert_eq!(cues("They may have left."), vec![("may", "hedge")]);
    assert_eq!(
        cues("The talks may fail, so that is a risk."),
        vec![("may", "hedge")]
    );
}

#[test]
fn will_and_would_with_whether_or_if() {
    assert!(cues("The bridge will open in May.").is_empty());
    assert_eq!(
        cues("If the vote passes, the bridge will open."),
        vec![("If", "speculation"), ("will", "speculation")]
    );
    assert_eq!(
        cues("It is unclear whether the law would apply."),
        vec![
            ("unclear", "hedge"),
            ("whether", "speculation"),
            ("would", "speculation")
        ]
    );
}

#[test]
fn nouns_of_belief_with_their_clause() {
    assert_eq!(
        cues("The idea that he fled is widespread."),
        vec![("idea", "belief")]
    );
    assert!(cues("The idea was to build a bridge.").is_empty());
    assert!(cues("Concerns were raised at the meeting.").is_empty());
}

#[test]
fn the_same_analyst_refers_back_to_an_anonymous_source() {
    let t = "One analyst said the party could fall. The same analyst told reporters the rumours were true.";
    assert_eq!(
        cues(t),
        vec![
            ("One analyst", "anonymous_source"),
            ("The same analyst", "anonymous_source"),
            ("rumours", "rumour")
        ]
    );
    // Without an anonymous source before it, "the same analyst" is someone named.
    assert!(cues("Li Wei spoke. The same analyst told reporters the talks ended.").is_empty());
    assert!(cues("He wore the same suit.").is_empty());
}

#[test]
fn user_cue_list_extends_lexicons_and_changes_the_version() {
    use crate::analysis::{Lexicons, analyze};
    let base = Lexicons::builtin();
    let house =
        "# house list\ntipsters say\tvague_attribution\t0.8\t-\napparently\thedge\t0.7\t-\n";
    let lex = Lexicons::with_user_cues(house).unwrap();
    assert_ne!(lex.version, base.version);
    assert!(lex.version.starts_with(&base.version));
    let other = Lexicons::with_user_cues("apparently\thedge\t0.9\t-\n").unwrap();
    assert_ne!(other.version, lex.version);
    assert_eq!(
        Lexicons::with_user_cues(house).unwrap().version,
        lex.version
    );
    let t = "Tipsters say he apparently left.";
    let f = analyze(Input::plain(t), &lex);
    let got: Vec<(&str, &str)> = f
        .assertions
        .iter()
        .flat_map(|a| a.assertion.cues.iter())
        .map(|c| (c.span.text(t), c.category.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Tipsters say", "vague_attribution"),
            ("apparently", "hedge")
        ]
    );
    // The built-in lexicons are unchanged ("apparently" stays under the threshold).
    assert!(
        analyze(Input::plain("He apparently left."), base)
            .assertions
            .is_empty()
    );
    let err =
        Lexicons::with_user_cues("ok\thedge\t0.5\t-\n\nbad\tnot_a_category\t0.5\t-\n").unwrap_err();
    assert!(err.contains("line 3"), "{err}");
    // The line is shown with its columns apart, not as an escaped string.
    assert!(err.contains("“bad | not_a_category | 0.5 | -”"), "{err}");
}

#[test]
fn quote_marks_match_the_char_scan() {
    for s in [
        "",
        "plain",
        "say \"hi\" “open” „low“ «fr» ‘single’ €100 — ok…",
        "\u{201B}\u{201F}\u{2019}\u{00AC}\u{00BA}ÂŤ",
    ] {
        let want: Vec<(usize, char)> = s
            .char_indices()
            .filter(|(_, c)| matches!(c, '"' | '“' | '”' | '«' | '»' | '„'))
            .collect();
        assert_eq!(super::quote_marks(s).collect::<Vec<_>>(), want, "{s:?}");
    }
}

#[test]
fn class_words_match_in_any_ascii_case_short_or_long() {
    let mut lex = Lexicon::builtin();
    assert!(lex.in_class("speech", "SAID"));
    assert!(lex.in_class("speech", "Speculated"));
    assert!(!lex.in_class("speech", "sai"));
    assert!(!lex.in_class("speech", "saidx"));
    lex.add_tsv("@class\thouse_words\tFoo Extraordinarily\n")
        .expect("a class line parses");
    assert!(lex.in_class("house_words", "FOO"));
    assert!(lex.in_class("house_words", "extraordinarily"));
    assert!(!lex.in_class("house_words", "bar"));
}
