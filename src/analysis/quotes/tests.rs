//! One minimal example per construction the engine must handle.

use super::*;
use crate::analysis::Input;
use crate::model::Block;

fn run(text: &str) -> Attribution {
    let doc = Doc::new(Input::plain(text), &[]);
    find_in(&doc)
}

fn find_in(doc: &Doc<'_>) -> Attribution {
    let lex = crate::analysis::Lexicons::builtin();
    find(doc, &lex.quotes, &lex.cue_hits(doc.text).speech)
}

/// `text` as the importer gives an introductory paragraph (its first line) and a block
/// quotation after it (the rest).
fn with_block_quotation(text: &str) -> Attribution {
    let intro = text.find('\n').expect("an introductory line");
    let blocks = [
        Block {
            kind: BlockKind::Paragraph,
            span: Span::new(0, intro),
        },
        Block {
            kind: BlockKind::Blockquote,
            span: Span::new(intro + 1, text.len()),
        },
    ];
    find_in(&Doc::new(
        Input {
            text,
            blocks: &blocks,
        },
        &[],
    ))
}

/// (quoted words, speaker name) for each quotation.
fn pairs(text: &str) -> Vec<(String, Option<String>)> {
    with_speakers(text, |a| &a.quotes)
}

/// (words, speaker name) for each quotation or piece of reported speech `which` picks.
fn with_speakers(
    text: &str,
    which: fn(&Attribution) -> &Vec<Quote>,
) -> Vec<(String, Option<String>)> {
    let a = run(text);
    which(&a)
        .iter()
        .map(|q| {
            (
                q.span.text(text).to_owned(),
                q.attribution
                    .speaker
                    .map(|s| a.speakers[s.0 as usize].name.clone()),
            )
        })
        .collect()
}

/// The text of the speaker mention of quotation `k`, which must have one.
fn mention_text(text: &str, k: usize) -> String {
    run(text).quotes[k]
        .attribution
        .mention
        .unwrap()
        .text(text)
        .to_owned()
}

fn p(q: &str, s: &str) -> (String, Option<String>) {
    (q.to_owned(), Some(s.to_owned()))
}

#[test]
fn speaker_after_quote() {
    assert_eq!(
        pairs("“We will win,” Smith said."),
        vec![p("We will win,", "Smith")]
    );
}

#[test]
fn inverted_speaker_after_quote() {
    assert_eq!(
        pairs("\"We will win,\" said Larry Noble, an attorney."),
        vec![p("We will win,", "Larry Noble")]
    );
}

#[test]
fn speaker_before_quote_with_colon() {
    assert_eq!(
        pairs("Smith told reporters: \"We will win.\""),
        vec![p("We will win.", "Smith")]
    );
}

#[test]
fn doubled_apostrophe_quotes() {
    assert_eq!(
        pairs("''We will win,'' Smith said."),
        vec![p("We will win,", "Smith")]
    );
}

#[test]
fn according_to() {
    assert_eq!(
        pairs("According to Jane Roe, “the vote was rigged from the start.”"),
        vec![p("the vote was rigged from the start.", "Jane Roe")]
    );
}

#[test]
fn split_quote_is_one_speaker() {
    let t = "“My tweet came from a source,” Han told SpyTalk on Monday, “and I used it to make a point.”";
    assert_eq!(
        pairs(t),
        vec![
            p("My tweet came from a source,", "Han"),
            p("and I used it to make a point.", "Han")
        ]
    );
}

#[test]
fn continuation_in_paragraph_and_pronoun() {
    let t = "Nicholas Eftimiades said it was odd.\n“But Beijing might have a problem,” he added. “Did Dong just decide to defect?”";
    assert_eq!(
        pairs(t),
        vec![
            p("But Beijing might have a problem,", "Nicholas Eftimiades"),
            p("Did Dong just decide to defect?", "Nicholas Eftimiades")
        ]
    );
}

#[test]
fn multi_paragraph_quote() {
    let t = "“The first part of a long statement goes here,” Smith said. “And it goes on\n“and ends in the second paragraph of the quote.”";
    let r = pairs(t);
    assert_eq!(r.len(), 3);
    assert!(r.iter().all(|(_, s)| s.as_deref() == Some("Smith")));
}

#[test]
fn continuation_paragraph_belongs_to_previous_speaker() {
    let t = "“We will win,” Smith said.\n“There is no doubt about it at all in my mind.”";
    assert_eq!(
        pairs(t),
        vec![
            p("We will win,", "Smith"),
            p("There is no doubt about it at all in my mind.", "Smith")
        ]
    );
}

#[test]
fn partial_quote_in_paraphrase() {
    let t = "Eftimiades said that China could be “gambling the U.S. won’t allow him to go public.”";
    let a = run(t);
    assert_eq!(a.quotes.len(), 1);
    assert_eq!(a.quotes[0].attribution.kind, QuoteKind::Partial);
    assert_eq!(a.speakers[0].name, "Eftimiades");
}

#[test]
fn block_quote_after_colon_intro() {
    let t = "The Daily Beast reported:\nDong’s photos have been deleted by the search engine.";
    let a = run(t);
    assert_eq!(a.quotes.len(), 1);
    let q = &a.quotes[0];
    assert_eq!(q.attribution.kind, QuoteKind::Block);
    assert_eq!(
        q.span.text(t),
        "Dong’s photos have been deleted by the search engine."
    );
    assert_eq!(
        a.speakers[q.attribution.speaker.unwrap().0 as usize].name,
        "The Daily Beast"
    );
}

#[test]
fn importer_blockquote_block() {
    let t = "Intro.\nQuoted passage without marks.";
    let a = with_block_quotation(t);
    assert_eq!(a.quotes.len(), 1);
    assert_eq!(a.quotes[0].attribution.kind, QuoteKind::Block);
}

#[test]
fn aside_between_speaker_and_verb() {
    let t = "Han, citing an unnamed source, alleged that “the Americans must return Dong.”";
    assert_eq!(pairs(t), vec![p("the Americans must return Dong.", "Han")]);
}

#[test]
fn described_speaker_is_anonymous_and_back_referenced() {
    let t = "One Chinese analyst said it could lead to “the fall of the Communist Party.”\nThe same analyst told Fox News that China “has every reason to parade him.”";
    let a = run(t);
    assert_eq!(a.quotes.len(), 2);
    let s0 = a.quotes[0].attribution.speaker.unwrap();
    assert_eq!(a.quotes[1].attribution.speaker, Some(s0));
    assert!(a.speakers[s0.0 as usize].anonymous);
}

#[test]
fn aliases_merge_to_full_name() {
    let t = "Dr. Han Lianchao told the paper that Dong was gone.\n“It is a rumour,” Han said.";
    let a = run(t);
    let q = &a.quotes[0];
    let s = &a.speakers[q.attribution.speaker.unwrap().0 as usize];
    assert_eq!(s.name, "Han Lianchao");
    assert!(s.aliases.iter().any(|x| x == "Dr. Han Lianchao"));
    assert_eq!(a.speakers.iter().filter(|s| !s.anonymous).count(), 1);
}

#[test]
fn title_is_stripped_from_canonical_name() {
    let t = "“We refuse,” Secretary of State Anthony Blinken said.";
    assert_eq!(pairs(t), vec![p("We refuse,", "Anthony Blinken")]);
}

#[test]
fn scare_quotes_titles_and_markup_are_not_quotes() {
    assert!(pairs("The so-called “establishment” watched “Morning Joe” again.").is_empty());
    assert!(pairs("<tweet tweet-id=\"745260520282951681\"><tweet/>.").is_empty());
}

#[test]
fn mention_and_cue_spans() {
    let t = "“Done,” he said.";
    let a = run(t);
    let at = &a.quotes[0].attribution;
    assert_eq!(at.mention.unwrap().text(t), "he");
    assert_eq!(at.cue.unwrap().text(t), "said");
}

#[test]
fn reported_speech_with_that() {
    let t = "Han told the Daily Beast that the last time Dong was seen was in 2020.";
    let a = run(t);
    assert_eq!(a.reported.len(), 1);
    assert_eq!(
        a.reported[0].span.text(t),
        "the last time Dong was seen was in 2020"
    );
    assert!(a.quotes.is_empty());
}

#[test]
fn reported_speech_with_trailing_attribution() {
    let t = "The absence of photos is doubly suspicious, Han said, because Beijing likes them.";
    let a = run(t);
    assert_eq!(a.reported.len(), 1);
    assert_eq!(
        a.reported[0].span.text(t),
        "The absence of photos is doubly suspicious"
    );
}

#[test]
fn seed_article() {
    let t = include_str!("../../../assets/samples/seed-article.txt");
    let a = run(t);
    let want = [
        ("Therefore there’s no excuse", "Han Lianchao"),
        ("My tweet about Dong", "Han Lianchao"),
        ("and I used it", "Han Lianchao"),
        ("Beijing has made no flat denial", "Nicholas Eftimiades"),
        ("If the defection of Dong", "Nicholas Eftimiades"),
        ("The Chinese side is likely", "Nicholas Eftimiades"),
        ("But Beijing might have", "Nicholas Eftimiades"),
        ("Did Dong just decide", "Nicholas Eftimiades"),
        ("suddenly pops up", "Nicholas Eftimiades"),
        ("gambling the U.S.", "Nicholas Eftimiades"),
        ("the fall of the Communist Party", "one Chinese analyst"),
        ("has every reason", "one Chinese analyst"),
        ("squelch all sorts", "one Chinese analyst"),
        ("Dong’s photos have been deleted", "The Daily Beast"),
    ];
    for (start, who) in want {
        let q = a
            .quotes
            .iter()
            .find(|q| q.span.text(t).starts_with(start))
            .unwrap_or_else(|| panic!("missing quote {start:?}"));
        let s = q
            .attribution
            .speaker
            .map(|s| a.speakers[s.0 as usize].name.as_str());
        assert_eq!(s, Some(who), "speaker of {start:?}");
    }
    assert_eq!(a.quotes.len(), want.len());
}

#[test]
fn dash_signature() {
    assert_eq!(
        pairs("“He is a disgrace to the office and to all of us.” ― Martha Aguilar"),
        vec![p(
            "He is a disgrace to the office and to all of us.",
            "Martha Aguilar"
        )]
    );
}

#[test]
fn dash_signature_on_its_own_line() {
    assert_eq!(
        pairs("“I helped write that bill and I voted for it.”\n- Ann Lee.\nShe did not."),
        vec![p("I helped write that bill and I voted for it.", "Ann Lee")]
    );
}

#[test]
fn subordinate_clause_after_quote_is_no_attribution() {
    assert_eq!(
        pairs(
            "Ann Lee said she regretted the “mess we made of the budget,” though Bob Roe noted it was fine."
        ),
        vec![p("mess we made of the budget,", "Ann Lee")]
    );
}

#[test]
fn participle_of_a_later_clause() {
    assert_eq!(
        pairs(
            "Although Ann Lee thanked the crowd, Bob Roe sounded a rare note, saying, “I am not sure I deserve it.”"
        ),
        vec![p("I am not sure I deserve it.", "Bob Roe")]
    );
}

#[test]
fn report_nested_under_a_participle() {
    assert_eq!(
        pairs(
            "Ann Lee said she was sure, adding that voters told her they had “no money for that.”"
        ),
        vec![p("no money for that.", "Ann Lee")]
    );
}

#[test]
fn clause_subject_after_comma_and_conjunction() {
    let t = "Ann Lee made the city a priority, but the effort stalled, and she has battled the mayor, at one point calling him a “liar.”";
    assert_eq!(mention_text(t, 0), "she");
}

#[test]
fn label_after_a_name_is_no_clause_subject() {
    let t = "However, he pictured Sen. Tim Kaine, D-Va., as “a little desperate there, jumping in all the time.”";
    assert_eq!(mention_text(t, 0), "he");
}

#[test]
fn possessive_before_a_noun_for_something_said() {
    assert_eq!(
        pairs("Ann Lee’s claim that Roe was “a fraud” drew boos."),
        vec![p("a fraud", "Ann Lee")]
    );
    // The noun as the object of someone else's judgement is theirs to quote, not the
    // possessor's.
    assert_eq!(
        pairs("Bob Roe denounced Ann Lee’s remarks as “hurtful.”"),
        vec![p("hurtful.", "Bob Roe")]
    );
    // A month may modify the noun, and a comma may follow "that".
    let t = "Miners recall Ann Lee’s March comment that, “We will put coal miners out of work.”";
    assert_eq!(
        pairs(t),
        vec![p("We will put coal miners out of work.", "Ann Lee")]
    );
}

#[test]
fn inverted_speaker_after_full_stop_with_appositive() {
    assert_eq!(
        pairs(
            "Others were fine with it.\n“Maybe the guys who do not want to stand can stay in.” said Bob Roe, parent of a student."
        ),
        vec![p(
            "Maybe the guys who do not want to stand can stay in.",
            "Bob Roe"
        )]
    );
}

#[test]
fn colon_after_the_one_addressed() {
    assert_eq!(
        pairs(
            "Ann Lee delivered a blunt message to Bob Roe: “It is time to quit attacking people.”"
        ),
        vec![p("It is time to quit attacking people.", "Ann Lee")]
    );
}

#[test]
fn titled_name_before_a_label_is_a_person() {
    assert_eq!(
        pairs(
            "Sen. Ann Lee, R-Ky., delivered a blunt message: “It is time to quit attacking people.”"
        ),
        vec![p("It is time to quit attacking people.", "Ann Lee")]
    );
}

#[test]
fn quoted_sentence_continued_by_a_verb_after_and() {
    assert_eq!(
        pairs(
            "“It is time to get her a supporting cast in place” and enact her agenda, Bob Roe said."
        ),
        vec![p(
            "It is time to get her a supporting cast in place",
            "Bob Roe"
        )]
    );
}

#[test]
fn capitalised_modifier_of_a_role_after_inverted_verb() {
    assert_eq!(
        pairs(
            "“The party was working to change its image,” wrote the American ambassador at the time, John E. Herbst."
        ),
        vec![p(
            "The party was working to change its image,",
            "John E. Herbst"
        )]
    );
}

#[test]
fn negated_auxiliary_before_the_verb() {
    assert_eq!(
        pairs(
            "Ann Lee wouldn’t say how the party would vote: “For two decades it has been an important issue.”"
        ),
        vec![p(
            "For two decades it has been an important issue.",
            "Ann Lee"
        )]
    );
}

#[test]
fn role_noun_between_modifier_and_name_in_clause_subject() {
    assert_eq!(
        pairs(
            "Republican presidential front-runner Bob Roe is questioning whether the mayor would attend “if it were held in a mosque tomorrow.”"
        ),
        vec![p("if it were held in a mosque tomorrow.", "Bob Roe")]
    );
}

#[test]
fn capitalised_role_noun_opening_a_description() {
    let t = "Officials at the Acme Agency, a division of Acme Corp, said they feared that “some may try to circumvent the program.”";
    assert_eq!(mention_text(t, 0), "Officials at the Acme Agency");
    let t =
        "Proponents of the new bill, however, say it would have the department act as an “umpire.”";
    assert_eq!(mention_text(t, 0), "Proponents of the new bill");
}

#[test]
fn no_relay_after_a_quotation_that_ends_its_sentence() {
    assert_eq!(
        pairs(
            "Ann Lee said that she did not “use it that much.” According to Bob Roe, the plane has flown 333 hours."
        ),
        vec![p("use it that much.", "Ann Lee")]
    );
}

#[test]
fn infinitive_after_quotation_has_no_speaker() {
    assert_eq!(
        pairs(
            "Bob Roe said it was “nonsense” and tells the crowd he was the “first one” to say the group must go."
        ),
        vec![p("nonsense", "Bob Roe"), p("first one", "Bob Roe")]
    );
}

#[test]
fn cue_word_after_a_possessive_is_a_noun() {
    assert_eq!(
        pairs(
            "Ann Lee decried Bob Roe’s repeated calls to ban them, noting he has “sacrificed nothing.”"
        ),
        vec![p("sacrificed nothing.", "Ann Lee")]
    );
}

#[test]
fn passive_verb_of_telling_has_no_speaker_subject() {
    let t = "According to the playbook, salespersons were told, “You sell feelings, not products or benefits.”";
    assert_eq!(mention_text(t, 0), "the playbook");
}

#[test]
fn sentence_subject_before_an_earlier_quotation() {
    let t = "Bob Roe called Ann Lee a “weak leader” and boasted about how “nice” it is now “that the shackles have been taken off me.”";
    let q = pairs(t);
    assert_eq!(
        q[2],
        p("that the shackles have been taken off me.", "Bob Roe")
    );
}

#[test]
fn any_verb_in_ed_closing_the_sentence_after_a_quotation() {
    assert_eq!(
        pairs("“We will always be here,” an angry Ann Lee retaliated."),
        vec![p("We will always be here,", "Ann Lee")]
    );
}

#[test]
fn a_no_break_space_before_the_verb_is_white_space_too() {
    // A wide white-space character must not be cut in half (it once panicked here).
    assert_eq!(
        pairs("“We will always be here,” an angry Ann Lee\u{a0}retaliated."),
        vec![p("We will always be here,", "Ann Lee")]
    );
    pairs("“Now,” FOLLOWED\u{a0}SWIFTLY BY:");
}

#[test]
fn any_verb_in_ed_inverted_after_a_quotation() {
    assert_eq!(
        pairs("“Is this profiling?” reacted Bob Roe."),
        vec![p("Is this profiling?", "Bob Roe")]
    );
}

#[test]
fn quotation_takes_a_later_attribution_of_its_own_sentence() {
    assert_eq!(
        pairs(
            "Bob Roe said: “We lost.” The “Stronger Together” slogan shared by the “Remain” campaign feels bloodless, Ann Lee said."
        ),
        vec![
            p("We lost.", "Bob Roe"),
            p("Stronger Together", "Ann Lee"),
            p("Remain", "Ann Lee")
        ]
    );
}

#[test]
fn short_quoted_name_inside_the_attribution_after_a_quotation() {
    let t = "“We have had better conventions than this one,” Bob Roe, wearing “Ted Cruz” pins, said as confetti fell.";
    assert_eq!(
        pairs(t)[0],
        p("We have had better conventions than this one,", "Bob Roe")
    );
}

#[test]
fn transcript_label() {
    assert_eq!(
        pairs("\"WALLACE: Let's start with the news of the day.\""),
        vec![p(
            "WALLACE: Let's start with the news of the day.",
            "WALLACE"
        )]
    );
}

#[test]
fn relative_who_is_the_mention() {
    let t = "It drew a reaction from Barack Obama, who called the nominee “unfit to serve.”";
    let a = run(t);
    let at = &a.quotes[0].attribution;
    assert_eq!(at.mention.unwrap().text(t), "who");
    assert_eq!(
        a.speakers[at.speaker.unwrap().0 as usize].name,
        "Barack Obama"
    );
}

#[test]
fn inverted_description_with_appositive_name() {
    assert_eq!(
        pairs("“It was casual,” said the bureau's director, James B. Comey, on Monday."),
        vec![p("It was casual,", "James B. Comey")]
    );
}

#[test]
fn report_inside_report_is_the_outer_speaker() {
    let t = "He says he believes his campaign has “the wind at our backs.”";
    let a = run(t);
    assert_eq!(a.quotes[0].attribution.mention.unwrap().start, 0);
}

#[test]
fn previous_sentence_speaker() {
    assert_eq!(
        pairs(
            "Or maybe Jeb Bush, consultant Phil Musser says. “A second look is occurring for Jeb.”"
        ),
        vec![p("A second look is occurring for Jeb.", "Phil Musser")]
    );
}

#[test]
fn a_clause_before_the_quotation_is_nearer_than_the_previous_sentence() {
    let t = "He travels often, several friends said. Ann Lee scrawled the slogan \"a \
             different cup of tea\" on the wall.";
    assert_eq!(pairs(t), vec![p("a different cup of tea", "Ann Lee")]);
    let t = "Tim Lee met voters, a friend said. On Tuesday, Gov. Jerry Brown endorsed her, \
             citing her \"long experience\" in the state.";
    assert_eq!(pairs(t), vec![p("long experience", "Jerry Brown")]);
    // A capitalised first word may be any adjective: the previous speaker stands.
    let t = "Bad news drives out good, Ann Ross said. Good information can win when \"the \
             truth is sexier than the lie.\"";
    assert_eq!(
        pairs(t),
        vec![p("the truth is sexier than the lie.", "Ann Ross")]
    );
    // With nothing of its own before it, the quotation keeps the previous speaker.
    let t = "He travels often, several friends said. \"It is a different cup of tea.\"";
    assert_eq!(
        pairs(t),
        vec![p("It is a different cup of tea.", "several friends")]
    );
}

#[test]
fn an_absolute_clause_with_a_participle_has_its_own_speaker() {
    let t = "Orlando was in their thoughts, with many marchers and spectators chanting \
             \"We are Orlando and we will not forget.\"";
    assert_eq!(
        pairs(t),
        vec![p(
            "We are Orlando and we will not forget.",
            "many marchers and spectators"
        )]
    );
    let t = "Kloppenburg tried to tie Bradley to Walker, with one of her ads asking, \"Is \
             Bradley independent enough to serve?\"";
    assert_eq!(
        pairs(t),
        vec![p(
            "Is Bradley independent enough to serve?",
            "one of her ads"
        )]
    );
    let t = "The ad ends with a voice over saying: \"Amnesty for illegal immigrants.\"";
    assert_eq!(
        pairs(t),
        vec![p("Amnesty for illegal immigrants.", "a voice over")]
    );
    let t = "The rally ended with Ann Lee saying \"We will be back next year.\"";
    assert_eq!(pairs(t), vec![p("We will be back next year.", "Ann Lee")]);
    let t = "With hundreds of protesters chanting \"Shame on you,\" the mayor left.";
    assert_eq!(pairs(t), vec![p("Shame on you,", "hundreds of protesters")]);
    // Without "with", the participle belongs to the sentence's subject.
    let t = "Kloppenburg tied Bradley to Walker, saying \"He is not independent enough.\"";
    assert_eq!(
        pairs(t),
        vec![p("He is not independent enough.", "Kloppenburg")]
    );
}

#[test]
fn a_phrase_after_to_belongs_to_the_role_before_it() {
    assert_eq!(
        pairs("\"We will not back down,\" a senior adviser to Clinton said."),
        vec![p("We will not back down,", "a senior adviser to Clinton")]
    );
    assert_eq!(
        pairs("An email to supporters says \"we will not back down on this issue at all.\""),
        vec![p(
            "we will not back down on this issue at all.",
            "An email to supporters"
        )]
    );
    // A role capitalised at the start of its sentence describes; it names nobody, so
    // the person after "to" stays a speaker of their own.
    let t = "Aides to Clinton say she will win.\n\nClinton says, \"I have never been more \
             ready for this job.\"";
    assert_eq!(
        pairs(t),
        vec![p("I have never been more ready for this job.", "Clinton")]
    );
    // A possessor is no phrase of the noun before it.
    let t = "It would be a boost to the administration's hopes that the country will change.";
    assert_eq!(
        with_speakers(t, |a| &a.reported),
        vec![p("the country will change", "the administration")]
    );
}

#[test]
fn an_appositive_names_the_speaker_only_when_it_is_a_name() {
    let t = "Santilli's attorney, Thomas Coan, argued that \"the case has no merit at all.\"";
    assert_eq!(
        pairs(t),
        vec![p("the case has no merit at all.", "Thomas Coan")]
    );
    let t = "Officials at the agency, a division of Immigration and Customs Enforcement, \
             said the documents \"are not reliable at all in this case.\"";
    assert_eq!(
        pairs(t),
        vec![p(
            "are not reliable at all in this case.",
            "Officials at the agency"
        )]
    );
}

#[test]
fn a_quotation_standing_alone_after_a_paragraph_is_its_subjects() {
    let t = "Buddy Valastro praised the governor's leadership after the storm.\n\n\"We need \
             someone who is going to cut through it and bring people together.\"";
    assert_eq!(
        pairs(t),
        vec![p(
            "We need someone who is going to cut through it and bring people together.",
            "Buddy Valastro"
        )]
    );
    // Only the paragraph just before, and only a person: a name or a pronoun.
    let t = "Buddy Valastro praised the governor's leadership after the storm.\n\nThe crowd \
             cheered for a long time.\n\n\"We need someone who is going to cut through it \
             and bring people together.\"";
    assert_eq!(pairs(t)[0].1, None);
    let t = "Buddy Valastro praised the governor's leadership after the storm.\n\nLater that \
             day the rally ended.\n\n\"We need someone who is going to cut through it and \
             bring people together.\"";
    assert_eq!(pairs(t)[0].1, None);
}

#[test]
fn a_count_of_people_is_a_description() {
    let t = "Hundreds of demonstrators marched through the city, chanting \"Bernie or Jill, \
             never Hill.\"";
    assert_eq!(
        pairs(t),
        vec![p(
            "Bernie or Jill, never Hill.",
            "Hundreds of demonstrators"
        )]
    );
    let t = "Dozens of protesters shouted \"We will not go away from this place.\"";
    assert_eq!(
        pairs(t),
        vec![p(
            "We will not go away from this place.",
            "Dozens of protesters"
        )]
    );
}

#[test]
fn an_attribution_after_a_subordinate_clause_reports_the_whole_sentence() {
    let t = "If this argument fails to persuade, Ann Lee argues, there are other tools in the \
             toolbox.";
    assert_eq!(
        with_speakers(t, |a| &a.reported),
        vec![p(
            "If this argument fails to persuade, Ann Lee argues, there are other tools in the \
             toolbox",
            "Ann Lee"
        )]
    );
    // A main clause before the attribution is the report on its own.
    let t = "The plan will fail, Ann Lee said, because nobody supports it.";
    assert_eq!(
        with_speakers(t, |a| &a.reported),
        vec![p("The plan will fail", "Ann Lee")]
    );
    // So is a subordinate clause with nothing after the attribution.
    let t = "When the vote comes, the party will be united, Ann Lee said.";
    assert_eq!(
        with_speakers(t, |a| &a.reported),
        vec![p(
            "When the vote comes, the party will be united",
            "Ann Lee"
        )]
    );
}

#[test]
fn reported_speech_runs_on_through_the_quotations_in_its_clause() {
    let t = "Adler said the campaign has yet to follow up, though he contended its services \
             \"would be perfect for them.\"";
    assert_eq!(
        with_speakers(t, |a| &a.reported),
        vec![p(
            "the campaign has yet to follow up, though he contended its services \"would be \
             perfect for them.\"",
            "Adler"
        )]
    );
    let t = "Ann Lee noted that abortion, what her group calls \"health care,\" is \"central\" to \
             the platform for the first time.";
    assert_eq!(
        with_speakers(t, |a| &a.reported),
        vec![p(
            "abortion, what her group calls \"health care,\" is \"central\" to the platform \
             for the first time",
            "Ann Lee"
        )]
    );
    // Words that only introduce a quotation report nothing of their own.
    let t = "Bush thought for a moment and said that in the current climate, \"I think it is \
             an advantage,\" he added.";
    assert_eq!(with_speakers(t, |a| &a.reported), vec![]);
    // A whole clause before a colon stays.
    let t = "Trump asserted that France had lost its identity: \"France is no longer France,\" \
             he claimed.";
    assert_eq!(
        with_speakers(t, |a| &a.reported),
        vec![p("France had lost its identity", "Trump")]
    );
}

#[test]
fn a_persons_name_ends_before_the_of_of_a_place() {
    assert_eq!(
        pairs("\"It is mainstream,\" said former Gov. Bill Richardson of New Mexico."),
        vec![p("It is mainstream,", "Bill Richardson")]
    );
    assert_eq!(
        pairs("\"It is mainstream,\" said Sen. Tom Cole of Oklahoma, a Republican."),
        vec![p("It is mainstream,", "Tom Cole")]
    );
    assert_eq!(
        pairs("Robert Gordon of Northwestern University said \"it is mainstream now.\""),
        vec![p("it is mainstream now.", "Robert Gordon")]
    );
    // A body keeps its "of".
    assert_eq!(
        pairs("\"It is mainstream,\" said the Bank of America."),
        vec![p("It is mainstream,", "The Bank of America")]
    );
    assert_eq!(
        pairs("\"It is mainstream,\" the state Division of Gaming Enforcement said."),
        vec![p("It is mainstream,", "Division of Gaming Enforcement")]
    );
}

#[test]
fn an_adverb_between_auxiliary_and_verb_is_skipped() {
    let t = "Mr. Ryan has long said that he will support the party's nominee.";
    assert_eq!(
        with_speakers(t, |a| &a.reported),
        vec![p("he will support the party's nominee", "Ryan")]
    );
}

#[test]
fn a_passive_verb_of_telling_reports_no_speaker() {
    let t = "We are now being told that the baseline for truth is what he says.";
    assert_eq!(with_speakers(t, |a| &a.reported), vec![]);
    let t = "It was said that no theory survives practice.";
    assert_eq!(with_speakers(t, |a| &a.reported), vec![]);
    // Those who worry are who thinks so.
    let t = "Some officials were worried that such a statement would backfire.";
    assert_eq!(
        with_speakers(t, |a| &a.reported),
        vec![p("such a statement would backfire", "Some officials")]
    );
}

#[test]
fn colon_after_cue_introduces_the_next_quote() {
    let t = "“We are refugees,” Ms. Alawee said. “We are not terrorists.” Mr. Zahed said: “It was awful.”";
    let r = pairs(t);
    assert_eq!(r[1], p("We are not terrorists.", "Alawee"));
    assert_eq!(r[2], p("It was awful.", "Zahed"));
}

#[test]
fn colon_after_a_postposed_verb_still_ends_the_quotation_before() {
    // The comma inside the quotation hands it to the verb after it, whatever follows.
    let t = "“This is the lie,” Rubio said: That Cruz is more conservative than everyone else.";
    assert_eq!(pairs(t), vec![p("This is the lie,", "Rubio")]);
}

#[test]
fn bare_infinitive_or_participle_after_an_auxiliary_is_a_cue() {
    assert_eq!(
        pairs("It was so odd that a spokesman could only quip: “I guess Christmas was booked.”"),
        vec![p("I guess Christmas was booked.", "a spokesman")]
    );
    assert_eq!(
        pairs("As Louella Parsons had written a few years earlier, ''We just couldn't.''"),
        vec![p("We just couldn't.", "Louella Parsons")]
    );
    // Elsewhere the same forms take other objects than a quotation, or are adjectives.
    // (Unattributed, the short title is taken for a name, not a quotation.)
    let t = "They should add back the “Golden Week” eliminated by the legislature.";
    assert_eq!(pairs(t), vec![]);
    let t = "Later, Scribner will publish “Trump Revealed,” a biography written by Marc Fisher.";
    assert_eq!(pairs(t), vec![]);
}

#[test]
fn naming_after_an_indefinite_capitalised_phrase_is_no_speech() {
    // "a super PAC called …" names the PAC; the next sentence's quotation stays Clinton's.
    let t = "“It is fine,” Clinton said, citing a super PAC called Future45 funded by Paul \
             Singer. “So they clearly think I will do what I say.”";
    assert_eq!(
        pairs(t),
        vec![
            p("It is fine,", "Clinton"),
            p("So they clearly think I will do what I say.", "Clinton")
        ]
    );
    // After "that" the name is the subject of a relative clause, and speaks.
    let t = "The blast, which Mayor Bill de Blasio called “an intentional act,” hurt many.";
    assert_eq!(pairs(t), vec![p("an intentional act,", "Bill de Blasio")]);
}

#[test]
fn subject_with_a_relative_clause_is_its_antecedent() {
    let q = "“We had all better find our own watermelons.”";
    let speaker = |subject: &str| {
        let t = format!("{subject} said: {q}");
        mention_text(&t, 0)
    };
    assert_eq!(speaker("The man who runs the company"), "The man");
    assert_eq!(
        speaker("A lawyer who has long represented the company"),
        "A lawyer"
    );
    assert_eq!(
        speaker("But executives who run news organizations almost universally"),
        "executives"
    );
    // A complement clause after "that" has a subject of its own.
    assert_eq!(
        speaker("It was clear that the president's staff"),
        "the president's staff"
    );
    assert_eq!(speaker("It seemed that officials"), "officials");
}

#[test]
fn no_speaker_made_of_words_that_cannot_speak() {
    let speakers =
        |t: &str| -> Vec<Option<String>> { pairs(t).into_iter().map(|(_, s)| s).collect() };
    // A passive has no speaker after it.
    let t = "Those voting “yes” were declared the majority following a floor vote.";
    assert!(speakers(t).iter().all(Option::is_none));
    // "calls of …" is the noun.
    let t = "There were near-constant calls of “Feel the Bern and love you, Bernie” as he passed.";
    assert!(speakers(t).iter().all(Option::is_none));
    // Naming after an indefinite phrase, however long the phrase before it.
    let t = "She met the firm, renowned for a chummy corporate culture called “The HP Way.”";
    assert!(speakers(t).iter().all(Option::is_none));
    // A sentence opener with a contracted verb is no name.
    let t = "There's also a regular series, called “Quick Question” in which she talks.";
    assert!(speakers(t).iter().all(Option::is_none));
    // The subject of a passive verb of saying is what was said, or who was told.
    let t = "The timeline shows that Syed Farook’s name was announced as a “person of interest.”";
    assert!(speakers(t).iter().all(Option::is_none));
    // A relative clause between a subject and its verb is no appositive.
    let t = "The complaint, which was filed in Washington, alleged that the DNC “failed to act.”";
    assert_eq!(mention_text(t, 0), "The complaint");
    // A fronted time adverbial is not the subject of a participle.
    let t = "Four hours earlier, a campaign memo was released stating that the loss was \
             “long anticipated by everyone here.”";
    assert_eq!(mention_text(t, 0), "a campaign memo");
}

#[test]
fn participle_after_an_appositive_name_belongs_to_the_subject() {
    let t = "Sen. Bernie Sanders went on TV to discuss his rival, Hillary Clinton, saying “on \
             her worst day” she would be better.";
    assert_eq!(pairs(t), vec![p("on her worst day", "Bernie Sanders")]);
}

#[test]
fn people_in_a_place_speak_not_the_place() {
    assert_eq!(
        pairs("On Sunday, Democrats in Iowa said they were “unfazed by the flap.”"),
        vec![p("unfazed by the flap.", "Democrats")]
    );
    assert_eq!(
        pairs("On Sunday, Clinton in the Granite State said she was “ready for the fight.”"),
        vec![p("ready for the fight.", "Clinton")]
    );
}

#[test]
fn approximate_numeral_opens_a_described_speaker() {
    let t = "Outside, about 200 protesters gathered, holding signs and chanting “Dump Trump now.”";
    assert_eq!(mention_text(t, 0), "about 200 protesters");
    assert_eq!(
        mention_text("Nearly a dozen aides said: “We will win this.”", 0),
        "Nearly a dozen aides"
    );
}

#[test]
fn role_noun_between_modifier_and_name() {
    assert_eq!(
        pairs("\"We will win,\" said Democratic pollster Stan Greenberg."),
        vec![p("We will win,", "Stan Greenberg")]
    );
    assert_eq!(
        pairs(
            "Clinton campaign manager Robby Mook called it \"a plan that nobody in this town wants to see\"."
        ),
        vec![p(
            "a plan that nobody in this town wants to see",
            "Robby Mook"
        )]
    );
}

#[test]
fn sentence_opener_or_heading_is_no_speaker() {
    let lex = Lexicon::builtin();
    for s in [
        "Instead ",
        "Hastily ",
        "Reprising ",
        "WASHINGTON ",
        "JUST TOO EARLY ",
    ] {
        let mut r = attribution::Reader::new(s, &lex);
        assert_eq!(r.left(0, s.len()), None, "{s}");
    }
}

#[test]
fn name_before_colon_introduces_quote() {
    assert_eq!(
        pairs("Polls were early - Mark Blumenthal: \"We will win.\""),
        vec![p("We will win.", "Mark Blumenthal")]
    );
}

#[test]
fn clause_subject_before_colon_introduces_next_paragraph() {
    let a = pairs(
        "President Clinton released the following statement:\n\n\"We offer our condolences to the family and friends.\"",
    );
    assert_eq!(a.last().unwrap().1.as_deref(), Some("Clinton"));
}

#[test]
fn verbs_of_stating_and_echoing() {
    assert_eq!(
        pairs("\"Go vote,\" Trump implored."),
        vec![p("Go vote,", "Trump")]
    );
    assert_eq!(
        pairs("\"It works,\" Smith stated."),
        vec![p("It works,", "Smith")]
    );
}

#[test]
fn colon_without_speech_verb_makes_no_block_quote() {
    let a = run("Rankings did not change from last week:\n\n1 Donald Trump.");
    assert!(a.quotes.is_empty());
}

#[test]
fn according_to_after_the_speaker_is_the_source() {
    assert_eq!(
        pairs("\"We will win,\" Smith said, according to The Daily Beast."),
        vec![p("We will win,", "The Daily Beast")]
    );
    // Also when the source opens the sentence.
    assert_eq!(
        pairs("According to ProPublica, Ann Lee praised her “wonderful donors” at length."),
        vec![p("wonderful donors", "ProPublica")]
    );
}

#[test]
fn relative_which_names_its_antecedent() {
    let a = run(
        "They turned to the Chicago Police Department which reported \"2,521 shooting incidents\" in the city.",
    );
    let q = &a.quotes[0];
    assert_eq!(
        a.speakers[q.attribution.speaker.unwrap().0 as usize].name,
        "The Chicago Police Department"
    );
}

#[test]
fn second_predicate_after_comma_takes_the_clause_subject() {
    assert_eq!(
        pairs(
            "Trump later said the remarks were behind her tone, called her \"third-rate\" and left."
        ),
        vec![p("third-rate", "Trump")]
    );
}

#[test]
fn verbs_of_referring() {
    assert_eq!(
        pairs("Trump infamously referred to immigrants as \"criminals\" in June."),
        vec![p("criminals", "Trump")]
    );
}

#[test]
fn pronoun_goes_to_a_person_mentioned_before() {
    let t = "\"We will win,\" Smith said.\n\nPaul Ryan arrived late. \"It was close,\" he said.";
    assert_eq!(pairs(t)[1], p("It was close,", "Paul Ryan"));
}

#[test]
fn pronoun_goes_to_the_subject_of_its_own_sentence() {
    let t = "\"We will win,\" Smith said.\n\nPaul Ryan arrived late, and he said \"it was close\" to reporters.";
    assert_eq!(pairs(t)[1], p("it was close", "Paul Ryan"));
}

#[test]
fn given_name_marks_gender() {
    let t =
        "Hillary Clinton said it was close. Donald Trump spoke next.\n\n\"We will win,\" she said.";
    assert_eq!(pairs(t), vec![p("We will win,", "Hillary Clinton")]);
}

#[test]
fn full_stop_ends_the_quotation_sentence() {
    let t = "\"It was a mistake,\" Reid said. \"It shows a lack of character.\" Cruz said both men were wrong about it.";
    assert_eq!(pairs(t)[1], p("It shows a lack of character.", "Reid"));
}

#[test]
fn abbreviated_title_does_not_end_the_sentence() {
    assert_eq!(
        pairs("\"This is a waste of time,\" said Del. Stacey Plaskett of the Virgin Islands."),
        vec![p("This is a waste of time,", "Stacey Plaskett")]
    );
}

#[test]
fn manner_of_speaking_verbs() {
    assert_eq!(
        pairs("\"If they were serious, they would vote,\" Toomey fumed on Tuesday."),
        vec![p("If they were serious, they would vote,", "Toomey")]
    );
    assert_eq!(
        pairs("\"Not a chance,\" Trump shot back."),
        vec![p("Not a chance,", "Trump")]
    );
}

#[test]
fn appositive_name_after_a_described_speaker_with_complement() {
    assert_eq!(
        pairs("\"We do not comment,\" said a spokeswoman for Trump hotels, Jennifer Rodstrom."),
        vec![p("We do not comment,", "Jennifer Rodstrom")]
    );
}

#[test]
fn passive_verb_of_naming_has_no_speaker() {
    let a =
        run("Rob Calabrese has set up a website called \"Cape Breton If Trump Wins\" for them.");
    assert!(a.quotes.is_empty());
    // Also set off by a comma.
    let a = run(
        "There is also a regular series, called \"Quick Question for You\" in which she talks.",
    );
    assert!(a.quotes.is_empty());
}

#[test]
fn time_phrase_between_who_and_the_verb() {
    assert_eq!(
        pairs(
            "Beck, who has in the past described Trump as \"a pathological narcissistic sociopath\", spoke."
        ),
        vec![p("a pathological narcissistic sociopath", "Beck")]
    );
}

#[test]
fn prepositional_phrase_after_the_verb_is_no_speaker() {
    assert_eq!(
        pairs("\"He had a lot of support,\" Blunt, after a long pause, said of Cruz."),
        vec![p("He had a lot of support,", "Blunt")]
    );
    assert_eq!(
        pairs("\"The attack was despicable,\" the spokesman, Steffen Seibert, wrote on Twitter."),
        vec![p("The attack was despicable,", "Steffen Seibert")]
    );
}

#[test]
fn name_with_appositive_before_verb_and_object() {
    assert_eq!(
        pairs(
            "\"They want a mechanism,\" Morton Blackwell, a committeeman from Virginia, told AFP."
        ),
        vec![p("They want a mechanism,", "Morton Blackwell")]
    );
}

#[test]
fn participle_with_a_described_subject() {
    let a = run(
        "The town released a statement Wednesday saying the comments \"are based on his opinion\".",
    );
    let q = &a.quotes[0];
    assert_eq!(
        a.speakers[q.attribution.speaker.unwrap().0 as usize].name,
        "The town"
    );
}

#[test]
fn coordinator_does_not_open_a_subordinate_clause() {
    let t = "\"He protests every day,\" Jane Smith says.\n\nAnd she is sure that jail will make him louder: \"They are creating a martyr.\"";
    assert_eq!(pairs(t)[1], p("They are creating a martyr.", "Jane Smith"));
}

#[test]
fn nested_report_in_complement_is_the_outer_speaker() {
    // The inner subject stands in the outer verb's complement: the outer speaker.
    let t = "Ann Lee told reporters she worries the plan is “far too slow.”";
    assert_eq!(pairs(t), vec![p("far too slow.", "Ann Lee")]);
    let t = "The audit said most offices continued to run a “chaotic system.”";
    let a = run(t);
    assert_eq!(a.quotes[0].attribution.mention.unwrap().start, 0);
}

#[test]
fn subordinate_clause_is_not_a_nested_report() {
    // "When Roe spoke, he said": the first verb sits in a clause of its own.
    let t = "When Bob Roe announced the deal, he said it was “a fair bargain.”";
    assert_eq!(mention_text(t, 0), "he");
}

#[test]
fn addressee_of_told_is_not_an_inverted_speaker() {
    let t = "“We lost,” Ann Lee, the mayor of the town, told WXYZ. “We will try again.”";
    assert_eq!(
        pairs(t),
        vec![p("We lost,", "Ann Lee"), p("We will try again.", "Ann Lee")]
    );
}

#[test]
fn referring_to_is_a_participle_not_a_speaker() {
    let t = "“He is weak,” Ann Lee said, referring to Bob Roe. “He cannot win.”";
    assert_eq!(
        pairs(t),
        vec![p("He is weak,", "Ann Lee"), p("He cannot win.", "Ann Lee")]
    );
}

#[test]
fn coordinated_verb_takes_the_clause_subject() {
    // The verb after "and" shares the sentence's subject; "a rally" is no speaker.
    let t = "Ann Lee held a rally in Dayton and asked voters to be “patient and brave.”";
    assert_eq!(pairs(t), vec![p("patient and brave.", "Ann Lee")]);
    // After a quotation, "but said" is no attribution of it.
    let t = "Bob Roe called the plan “a total mess,” but said he would vote for it.";
    assert_eq!(pairs(t), vec![p("a total mess,", "Bob Roe")]);
}

#[test]
fn region_after_a_place_is_no_subject() {
    let t = "Speaking in Dayton, Ohio, he said it was “a long road to travel for us all.”";
    assert_eq!(mention_text(t, 0), "he");
    // A month after "in" is no place: the name after it is the subject.
    let t = "In March, Ann Lee rallied supporters with a warning about “the long road ahead of us all.”";
    assert_eq!(
        pairs(t),
        vec![p("the long road ahead of us all.", "Ann Lee")]
    );
    // A name followed by its verb is the subject after a fronted place.
    let t = "Here in Dayton, Ann Lee spoke on crime, saying, “We have got to do better than this.”";
    assert_eq!(
        pairs(t),
        vec![p("We have got to do better than this.", "Ann Lee")]
    );
}

#[test]
fn role_noun_with_lower_case_modifiers() {
    let t = "“We will win,” said Republican presidential candidate Ann Lee.";
    assert_eq!(pairs(t), vec![p("We will win,", "Ann Lee")]);
}

#[test]
fn according_to_a_document_keeps_its_agent() {
    let t = "Jobs fell, according to a 2014 study by economists Ann Lee and Bob Roe, in a “sharp and lasting decline.”";
    let a = run(t);
    let s = a.quotes[0].attribution.speaker.unwrap();
    assert!(a.speakers[s.0 as usize].name.contains("Ann Lee"));
}

#[test]
fn long_appositive_between_quote_and_verb() {
    let t = "“We had better years,” Ann Lee, a delegate from Ohio wearing a hat covered in pins from every campaign she has worked on, said quietly.";
    assert_eq!(pairs(t), vec![p("We had better years,", "Ann Lee")]);
}

#[test]
fn prepositional_phrase_after_a_described_head_is_part_of_the_speaker() {
    // The phrase after the preposition modifies the described head before it.
    let t = "The leaders of the league have said they want rules that are “fair to every club.”";
    assert_eq!(mention_text(t, 0), "The leaders of the league");
    let t = "“We are open,” a sign on the door reads.";
    assert_eq!(mention_text(t, 0), "a sign on the door");
    let t = "One source speaking to WXYZ said, “The talks are over.”";
    assert_eq!(mention_text(t, 0), "One source speaking to WXYZ");
}

#[test]
fn titles_of_works_with_a_speech_verb_are_not_quotes() {
    // A title after its owner's possessive or after a noun for a work names something.
    let t = "“We will win,” Ann Lee told WXYZ's “Morning Hour,” adding that her book, “The Long Road,” was out.";
    assert_eq!(pairs(t), vec![p("We will win,", "Ann Lee")]);
    // So does a title modifying a role noun.
    let t = "“The Daily Show” host Ann Lee on Thursday said, “We will win.”";
    assert_eq!(pairs(t), vec![p("We will win.", "Ann Lee")]);
}

#[test]
fn described_attribution_closing_the_previous_sentence() {
    let t = "“We were wrong,” the editorial board writes. “We will do better next year.”";
    assert_eq!(mention_text(t, 1), "the editorial board");
}

#[test]
fn coordinate_clause_after_a_quote_is_not_its_attribution() {
    let t = "Ann Lee told the crowd that “we begin again today,” and he vowed to help.";
    assert_eq!(pairs(t), vec![p("we begin again today,", "Ann Lee")]);
    // Also after an aside set off by commas.
    let t = "Ann Lee said she would make the desert “glow in the dark,” for instance, and Bob Roe vowed to “bomb the hell out of them.”";
    assert_eq!(
        pairs(t),
        vec![
            p("glow in the dark,", "Ann Lee"),
            p("bomb the hell out of them.", "Bob Roe")
        ]
    );
    // A list inside an appositive is no new clause.
    let t = "The plans “will not solve this challenge,” Ann Lee, secretary for refugees, and migration, said.";
    assert_eq!(
        pairs(t),
        vec![p("will not solve this challenge,", "Ann Lee")]
    );
}

#[test]
fn pronoun_finds_a_subject_more_than_one_sentence_back() {
    let t = "Ann Lee ran the city for a decade. The budget doubled. The schools improved. \
             “We did our best,” she said.";
    assert_eq!(pairs(t), vec![p("We did our best,", "Ann Lee")]);
}

#[test]
fn participle_after_an_introductory_phrase_takes_the_described_subject() {
    let t =
        "In two interviews, the judge weighed in on the case, saying she would “not back down.”";
    assert_eq!(mention_text(t, 0), "the judge");
}

#[test]
fn sentence_adverb_or_interjection_is_no_speaker() {
    let t = "“We won,” Ann Lee said. Indeed, “the vote was close and we were lucky to win it.”";
    assert_eq!(
        pairs(t),
        vec![
            p("We won,", "Ann Lee"),
            p("the vote was close and we were lucky to win it.", "Ann Lee")
        ]
    );
}

#[test]
fn dotted_abbreviation_before_a_pronoun_ends_the_sentence() {
    // "U.S. He": the pronoun opens a new sentence, so the report is not nested in "Lee says".
    let t = "Ann Lee says the plan will fail in the U.S. He says voters want “a real change.”";
    assert_eq!(mention_text(t, 0), "He");
}

#[test]
fn as_a_description_put_it_after_a_quote() {
    let t = "The rule asks for a “lawful source of income,” as a federal memo put it.";
    assert_eq!(mention_text(t, 0), "a federal memo");
}

#[test]
fn described_speaker_keeps_the_phrase_that_names_its_organisation() {
    assert_eq!(
        pairs("“We are ready,” said a spokesman for the Department of Justice."),
        vec![p(
            "We are ready,",
            "a spokesman for the Department of Justice"
        )]
    );
    assert_eq!(
        pairs("“It is a disaster,” reads a Wednesday editorial in The Des Moines Register."),
        vec![p(
            "It is a disaster,",
            "a Wednesday editorial in The Des Moines Register"
        )]
    );
    // Chained phrases through a common noun, and a participle before "by".
    assert_eq!(
        pairs(
            "The tax had “negligible effects,” according to a study by economists at Duke University."
        ),
        vec![p(
            "negligible effects,",
            "a study by economists at Duke University"
        )]
    );
    assert_eq!(
        pairs(
            "“Nothing prepares you,” he will say, according to excerpts of his speech released by the White House."
        ),
        vec![p(
            "Nothing prepares you,",
            "excerpts of his speech released by the White House"
        )]
    );
}

#[test]
fn phrases_naming_no_one_or_only_a_day_stay_out_of_the_speaker() {
    assert_eq!(
        pairs("“We are ready,” said a spokesman on Monday."),
        vec![p("We are ready,", "a spokesman")]
    );
    assert_eq!(
        pairs("“We are ready,” said a spokesman at a news conference."),
        vec![p("We are ready,", "a spokesman")]
    );
}

#[test]
fn the_object_of_a_verb_of_judgement_is_no_inverted_speaker() {
    // "defended his father …, saying:" — the father is defended, the son speaks.
    assert_eq!(
        pairs(
            "Schilling's son, Grant, defended his father Tuesday on Facebook, saying: “He has made great strides.”"
        ),
        vec![p("He has made great strides.", "Grant")]
    );
    let t = "“It was a betrayal of all we stand for,” praised Smith.";
    assert!(pairs(t).iter().all(|(_, s)| s.is_none()), "{:?}", pairs(t));
}

#[test]
fn role_nouns_of_office_and_trade_before_a_name() {
    assert_eq!(
        pairs("“The distraction hurts,” said Republican party boss Reince Priebus."),
        vec![p("The distraction hurts,", "Reince Priebus")]
    );
    assert_eq!(
        pairs("“We will appeal,” said Manhattan prosecutor Ann Lee."),
        vec![p("We will appeal,", "Ann Lee")]
    );
}

#[test]
fn lower_case_title_with_of_before_a_name() {
    assert_eq!(
        pairs(
            "“The first line of defense is within,” said former secretary of state Hillary Clinton, who praised Bush."
        ),
        vec![p("The first line of defense is within,", "Hillary Clinton")]
    );
    assert_eq!(
        pairs("“Thanks, Clarkston,” said master of ceremonies Asab Al-Tabchi, a Syrian engineer."),
        vec![p("Thanks, Clarkston,", "Asab Al-Tabchi")]
    );
}

#[test]
fn surname_ending_like_a_participle_is_a_name_the_article_capitalises_elsewhere() {
    // "Schilling" and "Kelly" open their sentences, where "Reprising" or "Hastily" would
    // be no name; the article writes them capitalised mid-sentence too.
    let q = "I only replied to the post.";
    let text = format!("Fans booed Curt Schilling.\n\nSchilling said, \"{q}\"");
    assert_eq!(pairs(&text), vec![p(q, "Schilling")]);
    let text = format!("It was late. Schilling said, \"{q}\"");
    assert_eq!(pairs(&text), vec![(q.to_owned(), None)]);
}

#[test]
fn subject_of_the_verbs_whose_complement_the_cue_is() {
    let q = "So far, I cannot believe how civil it has been.";
    for verbs in [
        "was prompted to say",
        "wanted to say",
        "was quoted as saying",
        "began by saying",
        "was quick to say",
        "is careful to say",
    ] {
        let text = format!("It was so quiet that Mr. Trump {verbs}, ''{q}''");
        assert_eq!(pairs(&text), vec![p(q, "Trump")], "{verbs}");
    }
}

#[test]
fn quoted_title_inside_the_attribution_before_a_quote() {
    let q = "Senate Republicans should think about this before they act.";
    let text =
        format!("As Akhil Amar, author of ''America's Unwritten Constitution,'' put it, ''{q}''");
    assert_eq!(pairs(&text), vec![p(q, "Akhil Amar")]);
    // Lower-case quoted words are no title: the speaker of "troubling" stays the one
    // before them.
    let text = "Ann Lee said she found it \"troubling\" and said it \"leaves questions.\"";
    assert_eq!(
        pairs(text),
        vec![p("troubling", "Ann Lee"), p("leaves questions.", "Ann Lee")]
    );
}

#[test]
fn speech_verbs_in_the_present_of_a_story_told_in_the_present() {
    assert_eq!(
        pairs("Sanders greets the crowd. He jokes, “It’s a never ending line!”"),
        vec![p("It’s a never ending line!", "Sanders")]
    );
    assert_eq!(
        pairs("“We are all tired of it,” Ann Lee muses."),
        vec![p("We are all tired of it,", "Ann Lee")]
    );
}

#[test]
fn dash_of_two_hyphens_sets_off_an_aside_like_a_comma() {
    let text = "A former candidate -- John McCain, who lost in 2008 -- said the president \"offered no changes to his strategy.\"";
    assert_eq!(
        pairs(text),
        vec![p("offered no changes to his strategy.", "John McCain")]
    );
}

#[test]
fn signature_line_with_where_the_signer_is_from() {
    let q = "The whole idea of it is something we have to stop.";
    let text = format!("\"{q}\"\n\n-Michelle Marks, Philadelphia.");
    assert_eq!(pairs(&text), vec![p(q, "Michelle Marks")]);
}

#[test]
fn age_and_appositive_between_a_name_and_its_verb() {
    let q = "I did not think that I would be voting Democratic.";
    let text = format!("Her friend Ann Lee, 20, a science major from Memphis, chimed in, \"{q}\"");
    assert_eq!(pairs(&text), vec![p(q, "Ann Lee")]);
}

#[test]
fn adjective_in_ed_after_an_article_is_part_of_the_description() {
    let text = "The retired neurosurgeon has provided no details, saying only that he was “refining some processes.”";
    let a = run(text);
    assert_eq!(a.quotes.len(), 1);
    let m = a.quotes[0].attribution.mention.unwrap();
    assert_eq!(m.text(text), "The retired neurosurgeon");
}

#[test]
fn sentence_opener_after_a_no_break_space_is_no_name() {
    let text = "It was a contrast to Clinton.\u{a0}Reprising one of her lines, the former secretary talked about “the progress we had under President Obama.”";
    assert!(run(text).speakers.iter().all(|s| s.name != "Reprising"));
}

#[test]
fn attribution_closing_the_sentence_after_a_comma_covers_a_distant_quote() {
    let text = "Julian Assange has been “arbitrarily detained” by Britain and Sweden since December 2010, and should be freed, the rights group says.";
    let a = run(text);
    assert_eq!(a.quotes.len(), 1);
    let m = a.quotes[0].attribution.mention.unwrap();
    assert_eq!(m.text(text), "the rights group");
    let q = "To see the number of cases affected by this is stunning,";
    let text = format!(
        "''{q}'' since so many of the most important cases were decided by 5-to-4 votes, said Lee Epstein, a law professor."
    );
    assert_eq!(pairs(&text), vec![p(q, "Lee Epstein")]);
    // A verb that does not close the sentence is no such attribution.
    let text = "The plan was “arbitrarily done” by Britain and Sweden since December 2010 and a dozen other states, the group says in a long report on the region.";
    assert!(run(text).quotes.is_empty());
}

#[test]
fn surname_that_is_also_an_auxiliary() {
    let q = "The eruption of war will hasten the eclipse of Trump,";
    let text = format!("Columnist George Will wrote a column.\n\n“{q}” Will wrote.");
    // (Named in full as the article names him.)
    assert_eq!(pairs(&text), vec![p(q, "George Will")]);
    let q = "We will leave the union and make a success of it.";
    let text = format!("Theresa May spoke in Birmingham. May said, “{q}”");
    assert_eq!(pairs(&text), vec![p(q, "Theresa May")]);
    // Without the name elsewhere the auxiliary opening a question is no speaker.
    let text = format!("Will he say, “{q}”");
    assert!(run(&text).speakers.is_empty());
}

#[test]
fn verb_after_a_closed_quote_whose_complement_runs_on_to_the_next_quote() {
    let text = "Japan branded North Korea an \"outlaw nation in the neighborhood.\" Russia insisted that Pyongyang \"stop its dangerous escapades.\"";
    assert_eq!(
        pairs(text),
        vec![
            p("outlaw nation in the neighborhood.", "Japan"),
            p("stop its dangerous escapades.", "Russia")
        ]
    );
}

#[test]
fn sentence_adverb_or_quantifier_opening_a_sentence_is_no_speaker() {
    let text = "Rather, he said, continued struggles by the campaign will help them win.";
    assert!(run(text).speakers.iter().all(|s| s.name != "Rather"));
    let text = "More than nine of 10 voters were worried; most said they were \"very worried.\"";
    assert!(run(text).speakers.iter().all(|s| s.name != "More"));
}

#[test]
fn pronoun_after_a_paragraph_that_ends_inside_quotation_marks() {
    let text = "Jean-Marc Ayrault said North Korea was \"bad.\"\n\nJohn Smith condemned what he called a \"brazen breach\" of resolutions.";
    assert_eq!(
        pairs(text),
        vec![
            p("bad.", "Jean-Marc Ayrault"),
            p("brazen breach", "John Smith")
        ]
    );
}

#[test]
fn as_a_name_with_a_long_appositive_put_it_after_a_quote() {
    let text = "North Korea is \"racing towards the nuclear finish line,\" as Van Jackson, associate professor at the Asia-Pacific Center for Security Studies, a Pentagon think tank in Hawaii, put it.";
    assert_eq!(
        pairs(text),
        vec![p("racing towards the nuclear finish line,", "Van Jackson")]
    );
}

#[test]
fn plural_noun_after_a_preposition_is_no_speech_verb() {
    let text = "PolitiFact rated 32% of Republican claims as \"false\" last year.";
    assert_eq!(pairs(text), vec![p("false", "PolitiFact")]);
    // After "by" the phrase may close a reduced relative clause: the verb stays a verb.
    let text = "A letter signed by members calls for the party to recognise \"radical terrorism.\"";
    assert_eq!(pairs(text), vec![p("radical terrorism.", "members")]);
}

#[test]
fn verbs_of_judgement_and_depiction_quote_their_subject() {
    let text = "Hollande denounced the remarks as “hurtful and humiliating” and left.";
    assert_eq!(pairs(text), vec![p("hurtful and humiliating", "Hollande")]);
    let text = "Merkel heralded the deal as a “breakthrough.”";
    assert_eq!(pairs(text), vec![p("breakthrough.", "Merkel")]);
    let text = "Ribble casts Trump as a liberal who would “unravel” the policies.";
    assert_eq!(pairs(text), vec![p("unravel", "Ribble")]);
}

#[test]
fn capitalised_title_after_a_preposition_is_a_work_not_a_quote() {
    let text = "“We will win,” Clinton said in an interview with “Fox News Sunday.”";
    assert_eq!(pairs(text), vec![p("We will win,", "Clinton")]);
    let text = "“It is over,” Christie said on ABC's “This Week with George Stephanopoulos.”";
    assert_eq!(pairs(text), vec![p("It is over,", "Christie")]);
    // Lower-case words after a preposition are still someone's.
    let text = "Sanders repeated his promise of “free college for everyone.”";
    assert_eq!(
        pairs(text),
        vec![p("free college for everyone.", "Sanders")]
    );
}

#[test]
fn verb_after_a_full_stop_that_introduces_the_next_quote() {
    let text = "The candidate stated that Trump’s “divisive” remarks do not “fit with what I knew of him.” Of course, Clinton said, “I didn’t know him that well.”";
    assert_eq!(
        pairs(text),
        vec![
            p("divisive", "The candidate"),
            p("fit with what I knew of him.", "The candidate"),
            p("I didn’t know him that well.", "Clinton")
        ]
    );
}

#[test]
fn military_rank_with_an_ordinal_before_a_name() {
    let text = "“I do not understand it,” said Air Force 1st Lt. Tyler Livingston.";
    assert_eq!(
        pairs(text),
        vec![p("I do not understand it,", "Tyler Livingston")]
    );
    let text = "Army Lt. Col. Ann Lee said the plan was “over.”";
    assert_eq!(pairs(text), vec![p("over.", "Ann Lee")]);
}

#[test]
fn subject_of_a_complement_clause_after_the_verb_is_no_inverted_speaker() {
    let text = "Even as Trump claimed that “Petraeus got in trouble for less,” one of the former prosecutors for David Petraeus said the two cases were quite different.";
    assert_eq!(
        pairs(text),
        vec![p("Petraeus got in trouble for less,", "Trump")]
    );
}

#[test]
fn pronoun_contracted_with_a_verb_is_no_name() {
    let text = "Ban Ki-moon spoke last.\n\n\"I'm not a scientist. I'm not an economist,\" he said. \"But I know what I have seen.\"";
    let a = run(text);
    assert!(
        a.speakers.iter().all(|s| !s.name.contains('\'')),
        "{:?}",
        a.speakers
    );
    assert_eq!(pairs(text)[0].1.as_deref(), Some("Ban Ki-moon"));
}

#[test]
fn quantifier_standing_for_people_is_a_described_speaker() {
    let text = "Voters in Georgia were worried; most said they were “very worried.”";
    assert_eq!(pairs(text), vec![p("very worried.", "most")]);
    let text = "“I abstain,” Lee said.\n\n“I'm voting for him,” one said.";
    assert_eq!(pairs(text)[1], p("I'm voting for him,", "one"));
    let text = "The crowd celebrated. Some chanted “We want Trump now.”";
    assert_eq!(pairs(text), vec![p("We want Trump now.", "Some")]);
    let text =
        "“It is close,” one aide said. Yet another said, “Rubio is in a five-person battle.”";
    assert_eq!(
        pairs(text)[1],
        p("Rubio is in a five-person battle.", "another")
    );
    // After a relative pronoun the quantifier is not the quotation's speaker.
    let text = "Carson said the announcement, which some have argued was a ploy, was an “insult.”";
    assert_eq!(pairs(text), vec![p("insult.", "Carson")]);
}

#[test]
fn show_after_a_verb_of_telling_and_a_title_with_a_subtitle_are_works() {
    let text = "“We have to increase the bombings,” Trump told “Fox and Friends.”";
    assert_eq!(
        pairs(text),
        vec![p("We have to increase the bombings,", "Trump")]
    );
    let text = "“It has happened,” she said, as recalled in Peter Burrows’s book “Backfire: Carly Fiorina’s High-Stakes Battle for the Soul of Hewlett-Packard.”";
    assert_eq!(pairs(text).len(), 1);
}

#[test]
fn verbs_that_attribute_only_straight_after_a_quotation() {
    let mention = |t: &str| {
        let a = run(t);
        assert_eq!(a.quotes.len(), 1, "{t}");
        a.quotes[0]
            .attribution
            .mention
            .map(|m| m.text(t).to_owned())
    };
    let t = "“Our team took notes on her life,” read the statement, which was sent late.";
    assert_eq!(mention(t).as_deref(), Some("the statement"));
    let t = "The letter was blunt. “Congress has failed to act on this,” it read.";
    assert_eq!(mention(t).as_deref(), Some("it"));
    let t = "“She will stand up to the gun lobby,” a voice-over in the ad states.";
    assert_eq!(mention(t).as_deref(), Some("a voice-over in the ad"));
    // Capitalised, it is a name ("State spokesman"); elsewhere "read" is reading and
    // "states" a noun.
    let t = "“We take our obligations seriously,” State spokesman Ann Lee said.";
    assert_eq!(mention(t).as_deref(), Some("Ann Lee"));
    let t = "Ann Lee read the letter aloud, calling it “a real disgrace to us all.”";
    assert_eq!(mention(t).as_deref(), Some("Ann Lee"));
    let t =
        "Ann Lee hopes the bill can be “the best of both worlds for us,” giving states more power.";
    assert_eq!(mention(t).as_deref(), Some("Ann Lee"));
    assert!(!just_after_quotation("Ann Lee"));
    assert!(just_after_quotation("“We will,” it"));
    assert!(just_after_quotation("“Will we?” "));
    assert!(!just_after_quotation("“We will,”\nIt"));
}

#[test]
fn short_scare_quote_inside_an_attribution() {
    let t = "Ann Lee needled the local “reporter,” saying, “A reporter who writes on request!”";
    assert_eq!(
        pairs(t).last().cloned(),
        Some(p("A reporter who writes on request!", "Ann Lee"))
    );
}

#[test]
fn object_pronoun_as_the_source() {
    let t = "Ann Lee spoke on Monday. According to her, firms “must repay any assistance they received.”";
    assert_eq!(
        pairs(t),
        vec![p("must repay any assistance they received.", "Ann Lee")]
    );
    // An object pronoun before more words is the verb's object, never a speaker.
    let t =
        "Ann Lee penned “Dear Walter” letters that called him an “academic and musician,” at best.";
    let a = run(t);
    assert!(
        a.quotes
            .iter()
            .filter_map(|q| q.attribution.mention)
            .all(|m| !m.text(t).starts_with("him")),
        "{:?}",
        a.quotes
    );
    // A determiner before a noun stays a description.
    let t = "According to her spokesman, firms “must repay any assistance they received.”";
    assert_eq!(mention_text(t, 0), "her spokesman");
}

#[test]
fn pronoun_antecedent_is_a_plausible_person() {
    // A lone capitalised word opening a sentence, never capitalised elsewhere, is no
    // antecedent for "she": the person named in the sentence before is.
    let t = "Ann Lee, the senator, spoke in 2012. Corporations are part of communities, she said: “We all take a share of that.”";
    assert_eq!(pairs(t), vec![p("We all take a share of that.", "Ann Lee")]);
    // The closing mark after the stop ending a paragraph belongs to it, not to the
    // sentence after it, whose subject stays outside quotation marks.
    let t = "There was “an implicit bargain about all of it.”\n\nAnn Lee, the senator, spoke in 2012. Corporations are part of communities, she said: “We all take a share of that.”";
    assert_eq!(
        pairs(t).last().cloned(),
        Some(p("We all take a share of that.", "Ann Lee"))
    );
}

#[test]
fn described_speaker_with_coordinated_adjectives() {
    let t =
        "“I made climate change the top priority,” the bespectacled, 71-year-old diplomat said.";
    assert_eq!(mention_text(t, 0), "the bespectacled, 71-year-old diplomat");
    // A noun before the comma ends the phrase: what follows is a modifier of its own.
    let t = "“We never changed,” the old firm, renowned for its culture, said.";
    assert_eq!(mention_text(t, 0), "the old firm");
}

#[test]
fn person_coordinated_with_their_company() {
    let t = "Ann Lee and her husband said they were “very happy with the outcome.”";
    assert_eq!(pairs(t), vec![p("very happy with the outcome.", "Ann Lee")]);
    // Two people: the phrase nearest the verb, as before.
    let t = "“We will win this race,” Ann Lee and Bob Roe said.";
    assert_eq!(pairs(t), vec![p("We will win this race,", "Bob Roe")]);
}

#[test]
fn coordinated_titles_before_one_name() {
    let t = "“That is what he did in 2008,” said former Ohio Gov. and party Chairman Ann Lee.";
    assert_eq!(pairs(t), vec![p("That is what he did in 2008,", "Ann Lee")]);
}

#[test]
fn person_of_an_organisation_is_the_speaker() {
    let t = "Ann Lee of the Heritage Foundation told reporters, “We have suffered the same fate.”";
    assert_eq!(
        pairs(t),
        vec![p("We have suffered the same fate.", "Ann Lee")]
    );
    // A described head keeps its phrase.
    let t = "The head of the Heritage Foundation told reporters, “We have suffered the same fate.”";
    assert_eq!(mention_text(t, 0), "The head of the Heritage Foundation");
}

#[test]
fn description_opening_a_sentence_ends_before_an_irregular_past() {
    let t = "His campaign sent out a text message to supporters saying: “We were just declared the winner!”";
    assert_eq!(mention_text(t, 0), "His campaign");
    let t = "His office put out a statement saying the bill “does not have the votes.”";
    assert_eq!(mention_text(t, 0), "His office");
}

#[test]
fn talking_of_something_quotes_the_talker() {
    let t = "Ann Lee talked of reforms to “close loopholes” in the visa law.";
    assert_eq!(pairs(t), vec![p("close loopholes", "Ann Lee")]);
    let t = "She often speaks of breaking “that highest, hardest glass ceiling” one day.";
    assert_eq!(mention_text(t, 0), "She");
}

#[test]
fn verbs_of_protest_and_plural_reports_after_a_quotation() {
    let t = "His campaign protested that the aides were being “disingenuous” about it.";
    assert_eq!(mention_text(t, 0), "His campaign");
    let t = "“The attacks show that many oppose any immigrants,” the editors conclude.";
    assert_eq!(mention_text(t, 0), "the editors");
    let t = "“The talks have failed for now,” CNN reports.";
    assert_eq!(pairs(t), vec![p("The talks have failed for now,", "CNN")]);
}

#[test]
fn findings_of_a_report_are_its_words() {
    let t = "A 2014 House committee report found “no evidence of a stand-down order at all.”";
    assert_eq!(mention_text(t, 0), "A 2014 House committee report");
}

#[test]
fn words_quoted_in_a_fronted_question_are_the_askers() {
    let t = "Asked whether Ann Lee “has the integrity to serve as president,” 75 percent of voters said yes.";
    assert_eq!(
        pairs(t),
        vec![("has the integrity to serve as president,".to_owned(), None)]
    );
    let t =
        "Asked by Bob Roe whether Ann Lee “understands what it means for us,” Sharpton said no.";
    assert_eq!(
        pairs(t),
        vec![p("understands what it means for us,", "Bob Roe")]
    );
    // The answer after the question phrase is the speaker's.
    let t = "Asked about the plan, Ann Lee said, “It is a good plan for all of us.”";
    assert_eq!(
        pairs(t),
        vec![p("It is a good plan for all of us.", "Ann Lee")]
    );
}

#[test]
fn a_fronted_participle_clause_shares_the_main_subject() {
    let t = "Acknowledging that Ann Lee “says a lot of silly things,” though, Bob Roe did suggest that she is rich.";
    assert_eq!(pairs(t), vec![p("says a lot of silly things,", "Bob Roe")]);
    let t = "After saying her foot was “so swollen I could barely walk,” she was taken to the hospital.";
    assert_eq!(mention_text(t, 0), "she");
    let t = "In declaring the plan “not fair,” the new pope again showed his knack for politics.";
    assert_eq!(mention_text(t, 0), "the new pope");
    // The clause goes on after the quotation up to its comma.
    let t = "Saying the plan was “a disaster” for workers, Ann Lee voted against it.";
    assert_eq!(pairs(t), vec![p("a disaster", "Ann Lee")]);
    // Not a participle opening the sentence: no speaker after the quotation.
    let t = "The ads kept saying the plan was “a disaster” for workers, Ann Lee voted against it.";
    assert_ne!(pairs(t), vec![p("a disaster", "Ann Lee")]);
}

#[test]
fn a_quotation_closing_a_fronted_adverbial_clause_is_its_speakers() {
    let t = "When Ann Lee said she would “protect our citizens,” the crowd applauded loudly.";
    assert_eq!(pairs(t), vec![p("protect our citizens,", "Ann Lee")]);
    let t = "When someone in the audience shouted, “Cruz,” Bob Roe joked about it.";
    assert_eq!(mention_text(t, 0), "someone in the audience");
    // A clause with no speaker of its own leaves the quotation to the main clause.
    let t = "After the vote, “It is a bad idea for all of us,” Bob Roe said.";
    assert_eq!(
        pairs(t),
        vec![p("It is a bad idea for all of us,", "Bob Roe")]
    );
}

#[test]
fn an_answer_after_a_question_phrase_is_the_speakers() {
    let t = "When asked about the plan, “It is a bad idea for all of us,” Bob Roe said.";
    assert_eq!(
        pairs(t),
        vec![p("It is a bad idea for all of us,", "Bob Roe")]
    );
}

#[test]
fn a_quotation_after_a_fronted_clause_is_the_main_clauses() {
    let t = "When Ann Lee said at a rally that she would win, she “grabbed the mood of the city,” said Bob Roe, a teacher.";
    assert_eq!(
        pairs(t),
        vec![p("grabbed the mood of the city,", "Bob Roe")]
    );
}

#[test]
fn a_passive_participle_with_by_quotes_its_agent() {
    let t = "Democrats blocked the package because of “poison pill” measures added by Republicans on other issues.";
    assert_eq!(pairs(t), vec![p("poison pill", "Republicans")]);
    // "by" and a means is no agent.
    let t = "“It is all nonsense,” Ann Lee said by telephone on Tuesday.";
    assert_eq!(pairs(t), vec![p("It is all nonsense,", "Ann Lee")]);
}

#[test]
fn a_relative_clause_with_an_infinitive_or_coordinated_keeps_its_antecedent() {
    let t = "Another worshipper who did not want to be named said he heard Bob Roe talk of “immorality” in the city.";
    assert_eq!(mention_text(t, 0), "Another worshipper");
    let t = "Another worshipper who prayed there and who didn't want to be named said he heard Bob Roe talk of “immorality” in the city.";
    assert_eq!(mention_text(t, 0), "Another worshipper");
}

#[test]
fn a_role_set_off_after_a_name_is_no_clause_subject() {
    let t = "Senator Ann Lee, Democrat of New York, wrote about a colleague who pinched her waist and told her, “I like my girls chubby!”";
    assert_eq!(pairs(t), vec![p("I like my girls chubby!", "Ann Lee")]);
    // A name set off after another is still one ("One pastor supporting Mr. Roe, Dan
    // Whiting of Liberty Church, said he …").
    let t = "One pastor supporting Mr. Roe, Dan Whiting of Liberty Church, said he had called others. “Find your polling place,” he tells parishioners.";
    assert_eq!(pairs(t), vec![p("Find your polling place,", "Dan Whiting")]);
}

#[test]
fn the_subject_of_a_passive_verb_of_saying_is_no_speaker() {
    let t =
        "In an interview, Ann Lee was asked, “What is the most dangerous place you have been to?”";
    assert_eq!(
        pairs(t),
        vec![(
            "What is the most dangerous place you have been to?".to_owned(),
            None
        )]
    );
    let t = "Ann Lee was told, “You will never work in this town again.” She left.";
    assert_eq!(
        pairs(t),
        vec![("You will never work in this town again.".to_owned(), None)]
    );
}

#[test]
fn it_refers_to_the_organisation_that_is_the_sentence_subject() {
    let t = "The United Nations Security Council on Friday pledged to impose sanctions as a deterrence to what it called “a clear threat to international peace.”";
    assert_eq!(
        pairs(t),
        vec![p(
            "a clear threat to international peace.",
            "The United Nations Security Council"
        )]
    );
    // A capitalised modifier before a noun names no organisation.
    let t = "The Japanese constitution makes no mention of weapons, although it does say that Japan agrees to “renounce war.”";
    assert_ne!(pairs(t), vec![p("renounce war.", "The Japanese")]);
}

#[test]
fn a_colon_intro_after_a_quotation_takes_the_subject_after_but() {
    let t = "Reid said both men are “non-entities in the Senate,” but he gave the Texan a back-handed compliment: “You never have to guess where he is.”";
    assert_eq!(mention_text(t, 1), "he");
}

#[test]
fn a_report_verb_after_the_attribution_relays_the_quotation() {
    let t = "“This platform is a disgrace to all of us,” said Ann Lee, director of Democrats for Life, reported The Washington Post.";
    assert_eq!(
        pairs(t),
        vec![p(
            "This platform is a disgrace to all of us,",
            "The Washington Post"
        )]
    );
}

#[test]
fn an_addressee_after_a_description_is_no_colon_speaker() {
    let t = "Bob Roe broke it down to the Dutch newspaper NRC Handelsblad: “What he did was so insensitive.”";
    assert_eq!(
        pairs(t),
        vec![p("What he did was so insensitive.", "Bob Roe")]
    );
}

/// (reported clause, speaker name) for each piece of reported speech.
fn reported(text: &str) -> Vec<(String, Option<String>)> {
    with_speakers(text, |a| &a.reported)
}

#[test]
fn reported_speech_without_that_is_a_clause() {
    assert_eq!(
        reported("Friends say Manafort has not lived in Washington for years."),
        vec![p(
            "Manafort has not lived in Washington for years",
            "Friends"
        )]
    );
    assert_eq!(
        reported("Doyle said each year of education yields a large bump in income."),
        vec![p(
            "each year of education yields a large bump in income",
            "Doyle"
        )]
    );
    assert_eq!(
        reported("Jacob Shiansky said his friends feel the same way."),
        vec![p("his friends feel the same way", "Jacob Shiansky")]
    );
}

#[test]
fn object_of_a_speech_verb_is_no_reported_speech() {
    for t in [
        "Buchanan recalled the aggressive strategy deployed by the Reagan campaign.",
        "White has defended the agency's performance, noting the new regulations.",
        "Patrick predicted a Cruz win in Texas, which votes on March 1.",
        "Wilson praised Rubio's positions on defense and said little else.",
        "Sen. Warren asks Obama to fire the agency chief.",
    ] {
        assert_eq!(reported(t), vec![], "{t}");
    }
}

#[test]
fn relative_that_after_an_object_is_no_reported_speech() {
    assert_eq!(
        reported("Clinton proposed new federal rules that would end harsh discipline policies."),
        vec![]
    );
    assert_eq!(
        reported("Trump attacked the companies he listed that have outsourced jobs."),
        vec![]
    );
}

#[test]
fn reported_clause_inside_a_clause_after_the_verb() {
    assert_eq!(
        reported(
            "Late last year, the department said it determined that 12 of the emails were secret."
        ),
        vec![p(
            "it determined that 12 of the emails were secret",
            "the department"
        )]
    );
}

#[test]
fn addressee_before_the_reported_clause() {
    assert_eq!(
        reported(
            "Wilson told The Post and Courier newspaper of Charleston on Saturday that he cast his ballot for Rubio."
        ),
        vec![p("he cast his ballot for Rubio", "Wilson")]
    );
    assert_eq!(
        reported("Calabrese told the National Post he has received hundreds of emails."),
        vec![p("he has received hundreds of emails", "Calabrese")]
    );
}

#[test]
fn demonstrative_that_opens_the_reported_clause() {
    assert_eq!(
        reported("Podesta said that wasn't a useful comparison."),
        vec![p("that wasn't a useful comparison", "Podesta")]
    );
    assert_eq!(
        reported("He said that, if elected, he would leave such decisions to the generals."),
        vec![(
            "if elected, he would leave such decisions to the generals".to_owned(),
            None
        )]
    );
    assert_eq!(reported("A third said that of Cruz's campaign."), vec![]);
}

#[test]
fn trailing_pronoun_looks_back_before_the_clause_it_reports() {
    let t =
        "Podesta said the comparison was not useful. Obama was the first black president, he said.";
    assert_eq!(
        reported(t),
        vec![
            p("the comparison was not useful", "Podesta"),
            p("Obama was the first black president", "Podesta"),
        ]
    );
}

#[test]
fn trailing_attribution_after_a_verb_that_reports_nothing() {
    let t =
        "White spoke in May. The agency also has charged 89 executives with misdeeds, she said.";
    assert_eq!(
        reported(t),
        vec![p(
            "The agency also has charged 89 executives with misdeeds",
            "White"
        )]
    );
}

#[test]
fn according_to_needs_a_clause() {
    let t = "By Sept. 30, according to new filings, the committee had spent $28 million.";
    assert!(reported(t).iter().all(|(c, _)| c != "By Sept. 30"));
    assert_eq!(
        reported(
            "Clinton, a former senator, attended the meeting alone, according to a pool report."
        ),
        vec![p(
            "Clinton, a former senator, attended the meeting alone",
            "a pool report"
        )]
    );
}

#[test]
fn month_abbreviation_before_a_date_ends_no_sentence() {
    assert_eq!(
        reported(
            "Reynolds told The Washington Post that theories about the Sept. 11 attacks surfaced in 2002."
        ),
        vec![p(
            "theories about the Sept. 11 attacks surfaced in 2002",
            "Reynolds"
        )]
    );
}

#[test]
fn preposition_opening_a_sentence_is_no_part_of_a_name() {
    let a =
        run("Despite Santilli's insistence that he was a journalist, a judge kept him in jail.");
    assert!(a.speakers.iter().all(|s| !s.name.contains("Despite")));
}

#[test]
fn surname_speaker_takes_the_full_name_the_article_gives() {
    let t = "Sen. Lindsey Graham spoke in Ohio on Monday.\n\n“We will win,” Graham said.";
    assert_eq!(pairs(t), vec![p("We will win,", "Lindsey Graham")]);
    let t = "The memo reached Hillary Rodham Clinton in May.\n\n“It was a mistake,” Clinton said.";
    assert_eq!(
        pairs(t),
        vec![p("It was a mistake,", "Hillary Rodham Clinton")]
    );
}

#[test]
fn surname_shared_by_two_people_stays_a_surname() {
    let t = "Bill Clinton and Hillary Clinton arrived.\n\n“We will win,” Clinton said.";
    assert_eq!(pairs(t), vec![p("We will win,", "Clinton")]);
    // "Tony" is no given name the lexicon knows, but it names someone else.
    let t = "The firm of Tony Podesta hired John Podesta in 2001.\n\n“It was legal,” Podesta said.";
    assert_eq!(pairs(t), vec![p("It was legal,", "Podesta")]);
}

#[test]
fn attribution_set_off_inside_the_reported_clause() {
    let t = "Clinton's top aides spoke on Monday. Their job at this point, they argued, was to lock down the states they need.";
    assert_eq!(
        reported(t)[0].0,
        "Their job at this point, they argued, was to lock down the states they need"
    );
    let t = "At the heart of the trouble, according to Dennis Ross, was a decision by Mr. Obama.";
    assert_eq!(
        reported(t),
        vec![p(
            "At the heart of the trouble, according to Dennis Ross, was a decision by Mr. Obama",
            "Dennis Ross"
        )]
    );
    // A complete clause before the attribution is the report; what follows is its own.
    let t = "The absence of photos is doubly suspicious, Han said, because Beijing likes them.";
    assert_eq!(
        reported(t)[0].0,
        "The absence of photos is doubly suspicious"
    );
}

#[test]
fn they_refers_to_a_group_not_to_one_person() {
    assert_eq!(
        pairs("Smith spoke on Monday.\n\n“It is fine,” they said."),
        vec![("It is fine,".to_owned(), None)]
    );
    assert_eq!(
        pairs("The aides sought to downplay the visit. “It is fine,” they said."),
        vec![p("It is fine,", "The aides")]
    );
    let t = "Clinton's top aides, meanwhile, sought to downplay the visit. Their job at this point, they argued, was to lock down states.";
    assert_eq!(reported(t)[0].1.as_deref(), Some("Clinton's top aides"));
}

#[test]
fn agent_after_by_past_the_end_of_a_window_is_no_panic() {
    // Found by the fuzzer: "told by" as the verb before a later subject, read up to its
    // end, looked for its agent past that end.
    let crash = "\u{201c}Se will not,\u{201d}\u{0}\u{0}\u{0}\u{0}tay, \u{601c}and%I used it tame analyst told by  News on Monday night thCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCat he believes the rumwereotrs to be true beca>se Ch% of ]asesa re \u{201c}unccear\u{201d}.\n";
    let a = run(crash);
    assert!(a.quotes.iter().all(|q| q.span.end <= crash.len()));
}

#[test]
fn a_description_that_gives_a_name_is_that_name() {
    // "calling himself", "going by the handle" after a place, "known as": the name the
    // speaker goes by, with the whole description as the mention.
    for (text, name, mention) in [
        (
            "“Go home!” wrote a man calling himself Paul Paul.",
            "Paul Paul",
            "a man calling himself Paul Paul",
        ),
        (
            "“Go home!” tweeted a user from Hanover going by the handle Pulvermann.",
            "Pulvermann",
            "a user from Hanover going by the handle Pulvermann",
        ),
        (
            "“Go home!” said the base chief known as Bob, speaking publicly.",
            "Bob",
            "the base chief known as Bob",
        ),
    ] {
        assert_eq!(pairs(text), vec![p("Go home!", name)], "{text}");
        assert_eq!(mention_text(text, 0), mention, "{text}");
    }
}

#[test]
fn a_description_without_a_name_after_its_naming_words_stays_a_description() {
    // A participle that names nothing ("calling for calm"), or a phrase with no
    // capitalised name after it, leaves the described speaker as it was.
    assert_eq!(
        pairs("“Stay calm,” said a man calling for calm."),
        vec![p("Stay calm,", "a man")]
    );
    assert_eq!(
        pairs("“Go home!” wrote a man calling himself a patriot."),
        vec![p("Go home!", "a man")]
    );
    // "as" after no participle is no complement of the description.
    assert_eq!(
        pairs("“We are ready,” said a spokesman as Smith left."),
        vec![p("We are ready,", "a spokesman")]
    );
}

#[test]
fn a_report_ends_before_the_attribution_that_closes_a_report_around_it() {
    // "according to the AP" reports the whole clause before it; Weaver's own report stops
    // where that clause does.
    let t = "His manager, Jeff Weaver, says his streak is proof of strength, according to the AP.";
    assert_eq!(
        with_speakers(t, |a| &a.reported),
        vec![
            p(
                "His manager, Jeff Weaver, says his streak is proof of strength",
                "The AP"
            ),
            p("his streak is proof of strength", "Jeff Weaver"),
        ]
    );
    let t = "The campaign said the senator will attend events in Kansas, CNN reported.";
    assert_eq!(
        with_speakers(t, |a| &a.reported)[1],
        p("the senator will attend events in Kansas", "The campaign")
    );
}

#[test]
fn a_report_keeps_its_words_past_an_attribution_set_inside_them() {
    // ", Sweet noted," stands inside what Sweet said: the sentence goes on after it.
    let t = "Sweet said the comments were answers to attacks that, Sweet noted, were sparked \
             by polls.";
    let a = run(t);
    let said = a
        .reported
        .iter()
        .find(|r| r.attribution.cue.unwrap().text(t) == "said")
        .unwrap();
    assert_eq!(
        said.span.text(t),
        "the comments were answers to attacks that, Sweet noted, were sparked by polls"
    );
}

#[test]
fn that_belongs_to_the_nearest_finite_speech_verb() {
    // "told … she believed that": the "that" clause is what she believed, not what she
    // told; a participle in between passes it on ("shot back in an article stating that").
    let t = "Senator Ann Gillibrand told host Chris Cuomo she believed that Clinton would \
             release the transcript.";
    let reports = with_speakers(t, |a| &a.reported);
    let content = "Clinton would release the transcript";
    assert_eq!(
        reports.iter().filter(|(w, _)| w == content).count(),
        1,
        "{reports:?}"
    );
    assert!(
        reports.contains(&p(content, "Ann Gillibrand")),
        "{reports:?}"
    );
    let t = "Forbes shot back in an article stating that New York was the billionaire capital.";
    assert_eq!(
        with_speakers(t, |a| &a.reported),
        vec![p("New York was the billionaire capital", "Forbes")]
    );
}

#[test]
fn i_outside_quotation_marks_is_the_writer() {
    // The judge is the latest person, but "I" in the narration is the one who writes; both
    // of the writer's quotations go to one speaker.
    let t = "The judge frowned at me. “Your Honor,” I said. “I am not shy,” I said again.";
    let a = run(t);
    let names: Vec<_> = a
        .quotes
        .iter()
        .map(|q| {
            a.speakers[q.attribution.speaker.unwrap().0 as usize]
                .name
                .as_str()
        })
        .collect();
    assert_eq!(names, [speakers::WRITER, speakers::WRITER]);
    assert_eq!(
        a.quotes[0].attribution.speaker,
        a.quotes[1].attribution.speaker
    );
    // No "he" or "she" refers to the writer.
    assert_eq!(
        pairs("“Okay,” I said. “Fine,” he said."),
        vec![p("Okay,", speakers::WRITER), ("Fine,".to_owned(), None)]
    );
    // "We" outside quotation marks writes too; inside them it is the quoted speaker's.
    assert_eq!(
        with_speakers(
            "Smith spoke first. We asked our readers which candidate won the debate.",
            |a| &a.reported
        ),
        vec![p("which candidate won the debate", speakers::WRITER)]
    );
}

#[test]
fn a_participle_with_a_time_after_the_speaker_is_no_part_of_it() {
    // "released Saturday" is a reduced relative clause: the poll speaks, not "poll released".
    assert_eq!(
        with_speakers(
            "A new poll released Saturday found that most voters were undecided.",
            |a| &a.reported
        ),
        vec![p("most voters were undecided", "A new poll")]
    );
    assert_eq!(
        pairs("“The school may resume operations,” the order released Friday said."),
        vec![p("The school may resume operations,", "the order")]
    );
}

#[test]
fn a_dateline_is_not_part_of_what_is_reported() {
    let t = "Trump's money\n\nWASHINGTON (AP) — Donald Trump has invested in companies he \
             attacks, according to documents he filed.";
    assert_eq!(
        with_speakers(t, |a| &a.reported)[0].0,
        "Donald Trump has invested in companies he attacks"
    );
    for (s, n) in [
        ("WASHINGTON (AP) — Donald Trump", "WASHINGTON (AP) — ".len()),
        ("MEXICO CITY - The rise", "MEXICO CITY - ".len()),
        (
            "LOS ANGELES, Sept. 28 (UPI) — In a clip",
            "LOS ANGELES, Sept. 28 (UPI) — ".len(),
        ),
        // A name in capitals before a dash and a lower-case word, a sentence, no capitals.
        ("NATO — the alliance said", 0),
        ("The rise of Trump — Mexico worries", 0),
        ("Washington — The city", 0),
    ] {
        assert_eq!(dateline_len(s), n, "{s}");
    }
}

#[test]
fn a_role_in_the_plural_after_a_capitalised_word_is_no_verb_without_an_object() {
    // "asked Republican leaders to disavow …" is a request, no reported clause; a role noun
    // with an object after it is a verb ("Smith heads the agency"), and the clause's own
    // verb still counts ("Democratic leaders want a vote").
    let t = "He has asked Republican leaders to disavow Mr. Trump and has repeatedly \
             criticised him.";
    assert_eq!(with_speakers(t, |a| &a.reported), vec![]);
    assert_eq!(
        with_speakers("The spokesman said Smith heads the agency now.", |a| &a
            .reported),
        vec![p("Smith heads the agency now", "The spokesman")]
    );
    assert_eq!(
        with_speakers("The report said Democratic leaders want a vote.", |a| &a
            .reported),
        vec![p("Democratic leaders want a vote", "The report")]
    );
}

#[test]
fn a_verb_of_asking_reports_the_question_after_its_addressee() {
    assert_eq!(
        with_speakers(
            "Scarborough asked Clinton if Trump benefits from a double standard.",
            |a| &a.reported
        ),
        vec![p("if Trump benefits from a double standard", "Scarborough")]
    );
    assert_eq!(
        with_speakers(
            "The host asked Cecile Richards what impact the law has had on women.",
            |a| &a.reported
        ),
        vec![p("what impact the law has had on women", "The host")]
    );
    // A request and a relative clause are no questions; asked in the passive, the subject
    // is the one asked, not the asker.
    for t in [
        "The party asked its leaders to disavow him before the vote.",
        "The bureau asked agencies that dealt with the shooting to stonewall reporters.",
        "Trump was asked whether he would accept the result of the election.",
    ] {
        assert_eq!(with_speakers(t, |a| &a.reported), vec![], "{t}");
    }
}

#[test]
fn the_one_asked_answers_next() {
    // After "X asked Y …", "he replied" and a quotation standing alone are Y's.
    let t = "Sen. Bernie Sanders spoke in Iowa.\n\nA reporter asked Sanders how he is feeling \
             today. He replied: “The bigger the turnout, the better I feel.”";
    assert_eq!(
        pairs(t),
        vec![p(
            "The bigger the turnout, the better I feel.",
            "Bernie Sanders"
        )]
    );
    let t = "Earhardt then asked Rubio which states he could win.\n\n“We feel great in \
             every one of those states.”";
    assert_eq!(
        pairs(t),
        vec![p("We feel great in every one of those states.", "Rubio")]
    );
}

#[test]
fn a_title_with_its_author_or_after_a_plural_possessive_is_no_quotation() {
    // "“Title” by Author", and the possessive of a name ending in s with a bare apostrophe.
    assert_eq!(
        pairs("One of his recent reads, “This Kind of War,” by T.R. Fehrenbach, is on Korea."),
        vec![]
    );
    assert_eq!(
        pairs("She spoke in an interview on CBS’ “60 Minutes” last year."),
        vec![]
    );
    // A quotation followed by "by" and a lower-case word stays.
    let t = "“Totally Unacceptable” by any measure, Smith said.";
    assert_eq!(pairs(t), vec![p("Totally Unacceptable", "Smith")]);
}

#[test]
fn i_inside_an_importer_block_quotation_is_not_the_writer() {
    // The block is the minister's letter: its "I said" is the minister's.
    let t = "The minister wrote to the party:\n“We will win,” I said to them at the meeting.";
    let a = with_block_quotation(t);
    let names: Vec<_> = a
        .quotes
        .iter()
        .map(|q| {
            q.attribution
                .speaker
                .map(|s| a.speakers[s.0 as usize].name.as_str())
        })
        .collect();
    assert_eq!(names, [Some("The minister"), Some("The minister")]);
}

proptest::proptest! {
    /// The "that" after a cue is found by bytes where it is found by chars.
    #[test]
    fn that_is_found_by_bytes_as_by_chars(
        words in proptest::collection::vec(
            proptest::sample::select(vec![
                "that", "that,", "told", "CNN", "on", "Monday", "it", "was", "\"so\"", "x.",
                "a;", "“b”", "é", "that’s", " ", "\t", "\n", "\u{a0}", "\u{2009}", "\u{b}",
            ]),
            0..14,
        ),
        seps in proptest::collection::vec(0usize..4, 14),
        max_words in 0usize..8,
    ) {
        let mut tail = String::new();
        for (w, s) in words.iter().zip(&seps) {
            tail.push_str(w);
            tail.push_str([" ", "  ", "\t", "\u{a0}"][*s]);
        }
        proptest::prop_assert_eq!(
            find_that(&tail, max_words),
            find_that_by_chars(&tail, max_words)
        );
    }
}
