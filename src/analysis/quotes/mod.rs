//! Quotations and who said them.
//!
//! 1. [`marks`] pairs quotation marks paragraph by paragraph.
//! 2. Each quotation looks for its attribution in the words around it, within its sentence:
//!    after it (`"…," Han said`) when the quoted words end on a comma, question or exclamation,
//!    otherwise first before it (`Han told SpyTalk, "…"`), and takes the speaker phrase of the
//!    nearest speech verb from [`attribution`].
//! 3. A quotation without an attribution of its own belongs to the quotation before it in the
//!    paragraph (`"…," he added. "…"`), else to the one after it, else — when it opens the
//!    paragraph — to the speaker of the previous paragraph (continued and multi-paragraph
//!    quotes) or to a speaker introduced with a colon ("The Daily Beast reported:").
//! 4. Speaker phrases become [`speakers`]: names merged across forms, pronouns resolved
//!    to the latest compatible speaker, descriptions kept as anonymous speakers.
//! 5. Quoted words with no attribution at all and only a few words are scare quotes,
//!    titles or nicknames, and are not reported.
//!
//! Reported speech ("Han told the Daily Beast that …", "…, Han said.") is found from the same
//! speech verbs, and a paragraph after a colon-ended attribution, or a blockquote block from
//! the importer, is a block quotation.

mod attribution;
mod classes;
mod marks;
mod speakers;

// The lexicon's word lists are probed for nearly every token: a cheap hasher.
use super::{WordMap as HashMap, WordSet as HashSet};

use aho_corasick::Match;

use super::Quote;
use super::text::{Doc, ascii_space, first_word, last_word_of};
use crate::model::{Attributed, BlockKind, QuoteKind, Span, Speaker, SpeakerId};
use attribution::{Np, NpKind, Reader, first_sentence_end, last_sentence_start, sentence_initial};
use classes::{Class, Classes};
use marks::Marked;
use speakers::{Agreement, Registry};

const SPEECH_VERBS: &str = include_str!("../../../assets/lexicons/speech_verbs.txt");
const TITLES: &str = include_str!("../../../assets/lexicons/titles.txt");
const PRONOUNS: &str = include_str!("../../../assets/lexicons/pronouns.txt");
const FUNCTION_WORDS: &str = include_str!("../../../assets/lexicons/function_words.txt");
const ORGANISATIONS: &str = include_str!("../../../assets/lexicons/organisations.txt");
const ROLES: &str = include_str!("../../../assets/lexicons/roles.txt");
const GIVEN_NAMES: &str = include_str!("../../../assets/lexicons/given_names.txt");

/// The marks that open a quotation, straight or curly, double or single.
const OPENING_MARKS: [char; 4] = ['"', '“', '\'', '‘'];

/// The marks that close a quotation, straight or curly, double or single.
const CLOSING_MARKS: [char; 4] = ['"', '”', '\'', '’'];

/// Quoted words with no attribution need at least this many words to be reported: shorter
/// ones are scare quotes, titles of works and nicknames.
const MIN_UNATTRIBUTED_WORDS: usize = 6;
/// The longest subject of an absolute clause before its participle ("with many marchers
/// and spectators chanting").
const MAX_WITH_SUBJECT_WORDS: usize = 6;
/// Words after the name in a signature line (`- Michelle Marks, a teacher in Philadelphia.`).
const MAX_SIGNATURE_APPOSITIVE_WORDS: usize = 8;
/// How many sentences back a "he" or "she" with no compatible speaker yet looks for a
/// person named as a clause subject.
const ANTECEDENT_SENTENCES: usize = 4;
/// How many quotations on either side a quotation without an attribution looks at for one of
/// the same sentence.
const SAME_SENTENCE_QUOTES: usize = 8;
/// Room for a paragraph's quotations in the lists of the quotation pass: most have fewer.
const PER_PARAGRAPH: usize = 8;
/// An attribution after a quotation must start within this many words of it.
const MAX_WORDS_TO_CUE_AFTER: usize = 12;
/// … or within this many when a name and a long appositive stand first
/// (`"…," Ann Lee, a delegate from Ohio who …, said`).
const MAX_WORDS_TO_CUE_AFTER_APPOSITIVE: usize = 40;
/// The longest quoted term that may stand inside an attribution before its quotation
/// (`Kerpen needled the CNN "reporter," saying, "…"`).
const MAX_WORDS_SCARE_QUOTE_IN_ATTRIBUTION: usize = 3;

fn entries(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Speech verbs, titles and other word lists for attribution, from `assets/lexicons`.
#[derive(Debug)]
pub struct Lexicon {
    /// Speech cues ("said", "according to"), found by `Lexicons`' joint cue scan.
    cue_patterns: Vec<&'static str>,
    /// Per cue pattern: the speaker follows it ("according to").
    cue_right: Vec<bool>,
    /// Per cue pattern: the phrase after it is the addressee ("told CNN").
    cue_object: Vec<bool>,
    /// Per cue pattern: a verb of telling, whose addressee may come before what it reports.
    cue_telling: Vec<bool>,
    /// Per cue pattern: a verb of asking, which reports a question, not a clause.
    cue_asking: Vec<bool>,
    /// Per cue pattern: a cue only straight after a quotation (`"…," it read`).
    cue_after_quote: Vec<bool>,
    /// Per cue pattern: a cue only after an auxiliary (`would ask`, `had written`).
    cue_after_aux: Vec<bool>,
    cue_words: HashSet<&'static str>,
    /// One-word cues whose next phrase is their object ("told", "praised").
    object_words: HashSet<&'static str>,
    titles: HashSet<String>,
    /// Every proper prefix of a multi-word title ("secretary of").
    title_prefixes: HashSet<String>,
    abbrevs: HashSet<String>,
    pronouns: HashMap<&'static str, Agreement>,
    det: HashSet<&'static str>,
    skip: HashSet<&'static str>,
    time: HashSet<&'static str>,
    stop: HashSet<&'static str>,
    lead: HashSet<&'static str>,
    connectors: HashSet<&'static str>,
    /// Words that open a clause of their own ("while", "who", "and").
    clause: HashSet<&'static str>,
    /// Words that open an adverbial clause before the main clause ("When", "After").
    subordinators: HashSet<&'static str>,
    /// Prepositions of place: a name after one is a place ("in Laredo, Texas").
    locative: HashSet<&'static str>,
    /// Nouns for works whose title may follow in quotation marks ("the film "Avatar"").
    works: HashSet<&'static str>,
    /// Nouns for people named after a work ("star", "host"), after which a quoted title
    /// names the work.
    work_roles: HashSet<&'static str>,
    /// Prepositions and verbs after which a quoted title names a work ("an interview with
    /// "Meet the Press"", "told "Fox and Friends"").
    title_prepositions: HashSet<&'static str>,
    /// Prepositions that attach a phrase to a described speaker ("a message on the site").
    postmodifier: HashSet<&'static str>,
    /// Prepositions that carry a described speaker on to a name ("an adviser to Trump").
    complement: HashSet<&'static str>,
    /// Phrases after which a described speaker's own name follows, word by word.
    naming: Vec<Vec<&'static str>>,
    /// The first words of `naming`, which most words are not.
    naming_first: HashSet<&'static str>,
    /// Nouns between a naming phrase and the name ("going by the handle X").
    naming_nouns: HashSet<&'static str>,
    /// Nouns for something said, attributing to a possessive before them ("Trump's claim").
    noun_cues: HashSet<&'static str>,
    /// Words that may follow a noun cue before its quotation ("claim that").
    noun_links: HashSet<&'static str>,
    /// Prepositions whose object is addressed, not speaking ("a message to Trump:").
    addressee: HashSet<&'static str>,
    /// Irregular past forms of verbs that are no speech verbs ("sent", "took").
    irregular_past: HashSet<&'static str>,
    /// Endings of adjectives, for adjectives coordinated by a comma.
    adjective_suffixes: Vec<&'static str>,
    /// Quantifiers that stand for people when they open a clause ("Several said").
    quantifiers: HashSet<&'static str>,
    /// Words that make a numeral approximate ("about 200 protesters").
    approximators: HashSet<&'static str>,
    /// Auxiliaries other than "be" ("has", "would").
    auxiliaries: HashSet<&'static str>,
    /// Modals and the auxiliaries "do" and "have", after which a bare infinitive or a
    /// participle is a cue ("would ask", "had written").
    cue_auxiliaries: HashSet<&'static str>,
    /// Forms of "be": a verb of telling after one is passive ("were told").
    be: HashSet<&'static str>,
    /// Finite forms of "be"; with `cue_auxiliaries`, the finite auxiliaries that show a
    /// clause ("Friends say Manafort has not lived …").
    finite: HashSet<&'static str>,
    /// Verbs whose complement the cue is, after a complementiser ("wanted to say").
    catenative: HashSet<&'static str>,
    complementiser: HashSet<&'static str>,
    /// Possessive determiners and the agreement of the pronoun each stands for.
    possessives: HashMap<&'static str, Agreement>,
    /// Object pronouns and the agreement of the subject pronoun each stands for.
    objects: HashMap<&'static str, Agreement>,
    org_words: HashSet<&'static str>,
    /// Role nouns between a capitalised modifier and a name ("Democratic pollster").
    roles: HashSet<String>,
    /// Given names that mark a gender ("hillary" f, "donald" m).
    given: HashMap<&'static str, Agreement>,
    /// The classes above that the rules ask of one word together, by one look-up.
    classes: Classes,
}

impl Default for Lexicon {
    fn default() -> Self {
        Self::builtin()
    }
}

impl Lexicon {
    pub fn builtin() -> Self {
        let mut patterns = Vec::new();
        let mut cue_right = Vec::new();
        let mut cue_object = Vec::new();
        let mut cue_after_quote = Vec::new();
        let mut cue_after_aux = Vec::new();
        let mut cue_words = HashSet::default();
        let mut object_words = HashSet::default();
        for l in entries(SPEECH_VERBS) {
            let (right, p) = match l.strip_prefix('>') {
                Some(p) => (true, p.trim()),
                None => (false, l),
            };
            let (object, p) = match p.strip_prefix('^') {
                Some(p) => (true, p.trim()),
                None => (false, p),
            };
            let (after_quote, p) = match p.strip_prefix('=') {
                Some(p) => (true, p.trim()),
                None => (false, p),
            };
            let (after_aux, p) = match p.strip_prefix('~') {
                Some(p) => (true, p.trim()),
                None => (false, p),
            };
            cue_after_quote.push(after_quote);
            cue_after_aux.push(after_aux);
            // "would ask", "had written": a verb phrase with an auxiliary never inverts, so
            // the phrase after it is never its speaker.
            let object = object || after_aux;
            patterns.push(p);
            cue_right.push(right);
            cue_object.push(object);
            // A word that attributes only after a quotation or an auxiliary is an ordinary
            // word inside phrases ("the state senator", "a written statement").
            if !p.contains(' ') && !after_quote && !after_aux {
                cue_words.insert(p);
                if object {
                    object_words.insert(p);
                }
            }
        }
        let mut titles = HashSet::default();
        let mut roles: HashSet<String> = entries(ROLES).map(str::to_owned).collect();
        let mut title_prefixes = HashSet::default();
        let mut abbrevs = HashSet::default();
        for l in entries(TITLES) {
            let t = l.to_lowercase();
            let words: Vec<&str> = t.split(' ').collect();
            for n in 1..words.len() {
                title_prefixes.insert(words[..n].join(" "));
            }
            if words.len() == 1 && !t.ends_with('.') {
                roles.insert(t.clone());
            }
            for w in &words {
                if let Some(a) = w.strip_suffix('.') {
                    abbrevs.insert(a.to_owned());
                }
            }
            titles.insert(t);
        }
        let pronouns: HashMap<&'static str, Agreement> = entries(PRONOUNS)
            .filter_map(|l| {
                let (w, a) = l.split_once(' ')?;
                Some((w, Agreement::parse(a.trim())?))
            })
            .collect();
        let mut classes: HashMap<&str, HashSet<&'static str>> = HashMap::default();
        for l in entries(FUNCTION_WORDS) {
            if let Some((class, words)) = l.split_once(':') {
                classes
                    .entry(class.trim())
                    .or_default()
                    .extend(words.split_whitespace());
            }
        }
        let mut take = |c: &str| classes.remove(c).unwrap_or_default();
        let mut naming: Vec<Vec<&str>> = take("naming")
            .into_iter()
            .map(|p| p.split('+').collect())
            .collect();
        // Longest first, so that "known only as" is tried before "known as" could stop
        // short of it (and the order does not depend on the set's).
        naming.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let mut pairs = |class: &str| -> HashMap<&'static str, Agreement> {
            take(class)
                .into_iter()
                .filter_map(|e| {
                    let (form, subj) = e.split_once('/')?;
                    Some((form, *pronouns.get(subj)?))
                })
                .collect()
        };
        let possessives = pairs("possessive");
        let objects = pairs("object");
        let telling = take("telling");
        let cue_telling = patterns.iter().map(|p| telling.contains(p)).collect();
        let asking = take("asking");
        let cue_asking = patterns.iter().map(|p| asking.contains(p)).collect();
        let mut lex = Lexicon {
            cue_patterns: patterns,
            cue_right,
            cue_object,
            cue_telling,
            cue_asking,
            cue_after_quote,
            cue_after_aux,
            cue_words,
            object_words,
            titles,
            title_prefixes,
            abbrevs,
            pronouns,
            det: take("det"),
            skip: take("skip"),
            time: take("time"),
            stop: take("stop"),
            lead: take("lead"),
            connectors: take("connector"),
            clause: take("clause"),
            subordinators: take("subordinator"),
            locative: take("locative"),
            works: take("work"),
            title_prepositions: take("title_preposition"),
            work_roles: take("work_role"),
            postmodifier: take("postmodifier"),
            complement: take("complement"),
            naming_first: naming.iter().filter_map(|p| p.first().copied()).collect(),
            naming,
            naming_nouns: take("naming_noun"),
            noun_cues: take("noun_cue"),
            noun_links: take("noun_link"),
            addressee: take("addressee"),
            adjective_suffixes: take("adjective_suffix").into_iter().collect(),
            irregular_past: take("irregular_past"),
            quantifiers: take("quantifier"),
            approximators: take("approximator"),
            auxiliaries: take("auxiliary"),
            cue_auxiliaries: take("cue_auxiliary"),
            be: take("be"),
            finite: take("finite"),
            catenative: take("catenative"),
            complementiser: take("complementiser"),
            possessives,
            objects,
            org_words: entries(ORGANISATIONS).collect(),
            roles,
            given: entries(GIVEN_NAMES)
                .filter_map(|l| {
                    let (w, a) = l.split_once(' ')?;
                    Some((w, Agreement::parse(a.trim())?))
                })
                .collect(),
            classes: Classes::default(),
        };
        lex.classes = Classes::new(lex.class_sets());
        lex
    }

    /// The sets behind each [`Class`].
    fn class_sets(&self) -> Vec<(Class, Vec<&str>)> {
        fn words<'s>(set: &'s HashSet<&'static str>) -> Vec<&'s str> {
            set.iter().copied().collect()
        }
        fn strings(set: &HashSet<String>) -> Vec<&str> {
            set.iter().map(String::as_str).collect()
        }
        vec![
            (Class::DET, words(&self.det)),
            (Class::STOP, words(&self.stop)),
            (Class::SKIP, words(&self.skip)),
            (Class::TIME, words(&self.time)),
            (Class::LEAD, words(&self.lead)),
            (Class::QUANTIFIER, words(&self.quantifiers)),
            (Class::TITLE, strings(&self.titles)),
            (Class::TITLE_PREFIX, strings(&self.title_prefixes)),
            (Class::FINITE, words(&self.finite)),
            (Class::CUE_AUXILIARY, words(&self.cue_auxiliaries)),
            (Class::IRREGULAR_PAST, words(&self.irregular_past)),
            (Class::PRONOUN, self.pronouns.keys().copied().collect()),
            (Class::ORGANISATION, words(&self.org_words)),
        ]
    }

    /// Every class of the lexicon's that `w` (lower-cased) belongs to.
    fn class_of(&self, w: &str) -> Class {
        self.classes.of(w)
    }

    /// A personal pronoun, also contracted with a verb ("I'm", "he's", "they've"), for
    /// the contraction's subject is the pronoun: never a name.
    pub fn pronoun(&self, w: &str) -> Option<Agreement> {
        if let Some(&agr) = self.pronouns.get(w) {
            return Some(agr);
        }
        self.contracted_pronoun(w)
    }

    /// [`Lexicon::pronoun`] of `w`, whose classes are `class`.
    fn pronoun_in(&self, w: &str, class: Class) -> Option<Agreement> {
        if class.any(Class::PRONOUN) {
            return self.pronouns.get(w).copied();
        }
        self.contracted_pronoun(w)
    }

    /// The pronoun a contraction opens with ("he's", "they've").
    fn contracted_pronoun(&self, w: &str) -> Option<Agreement> {
        // Most words have no apostrophe, which a byte test tells (the straight one, or
        // the lead byte of the curly one) without the search for either character.
        if !w.bytes().any(|b| b == b'\'' || b == 0xE2) {
            return None;
        }
        let (subject, verb) = w.split_once(['’', '\''])?;
        matches!(verb, "m" | "s" | "ve" | "d" | "ll" | "re")
            .then(|| self.pronouns.get(subject).copied())
            .flatten()
    }

    /// A capitalised sentence opener that is no name ("But", "There"), also with a verb
    /// contracted onto it ("There's", "Here's").
    fn is_lead(&self, w: &str) -> bool {
        self.is_lead_in(w, self.class_of(w))
    }

    /// [`Lexicon::is_lead`] of `w`, whose classes are `class`.
    fn is_lead_in(&self, w: &str, class: Class) -> bool {
        if class.any(Class::LEAD) {
            return true;
        }
        // (Straight apostrophe, or the lead byte of the curly one.)
        let Some(k) = w.bytes().position(|b| b == b'\'' || b == 0xE2) else {
            return false;
        };
        // ("I'm", "We've" are pronouns, subjects however contracted.)
        k > 0 && self.lead.contains(&w[..k]) && self.pronoun(w).is_none()
    }

    /// Whether lower-cased `w` is a title, written with or without its full stop ("gov",
    /// "gov.").
    fn is_title(&self, w: &str) -> bool {
        self.titles.contains(w) || self.titles.contains(format!("{w}.").as_str())
    }

    /// A form of "be", in any case: a participle after one is passive.
    fn is_be(&self, w: &str) -> bool {
        // This runs for the word before most cues.
        lowered(w, |l| self.be.contains(l))
    }

    fn is_abbrev(&self, w: &str) -> bool {
        // This runs for every word before a full stop.
        w.len() <= 5 && lowered(w, |l| self.abbrevs.contains(l))
    }

    /// The gender a given name marks ("hillary" f), looked up in any case.
    fn given_name(&self, w: &str) -> Option<Agreement> {
        lowered(w, |l| self.given.get(l).copied())
    }

    fn cue_word(&self, w: &str) -> bool {
        self.cue_words.contains(w)
    }

    /// Whether `before` ends in an auxiliary that makes the verb form after it a finite
    /// verb phrase, past adverbs ("could only quip", "would now ask", "had written").
    fn after_auxiliary(&self, before: &str) -> bool {
        let mut buf = String::new();
        for w in before.split_whitespace().rev().take(3) {
            let w = if w.bytes().any(|b| b.is_ascii_uppercase()) {
                buf.clear();
                buf.push_str(w);
                buf.make_ascii_lowercase();
                buf.as_str()
            } else {
                w
            };
            if self.cue_auxiliaries.contains(w) {
                return true;
            }
            let adverb = self.skip.contains(w)
                || w.len() > 4 && w.ends_with("ly") && w.bytes().all(|b| b.is_ascii_lowercase());
            if !adverb {
                return false;
            }
        }
        false
    }

    /// Whether `after` a verb opens with "by" and an agent: a name or a determined phrase
    /// ("added by Republicans", "by the campaign"), not a means ("said by telephone",
    /// "interjected by hitting Trump").
    fn agent_follows(&self, after: &str) -> bool {
        let Some(rest) = after.strip_prefix(" by ") else {
            return false;
        };
        let next = first_word(rest).unwrap_or("");
        next.starts_with(|c: char| c.is_uppercase())
            || self.det.contains(next.to_ascii_lowercase().as_str())
    }

    /// The speech cues, matched case-insensitively on whole words.
    pub fn cue_patterns(&self) -> &[&'static str] {
        &self.cue_patterns
    }

    /// The speech cues of `text` among the lexicon's matches `hits`, in order, as whole
    /// words.
    fn cues_in(&self, text: &str, hits: &[Match]) -> Vec<Cue> {
        let b = text.as_bytes();
        // (Most hits are cues: sized for all, not regrown from nothing.)
        let mut cues = Vec::with_capacity(hits.len());
        let found = hits
            .iter()
            .filter(|m| {
                // (The cue scan reports no hit glued to a letter or digit before it.)
                let before = text[..m.start()].chars().next_back();
                let after = text[m.end()..].chars().next();
                !before.is_some_and(|c| matches!(c, '-' | '\'' | '’'))
                    && !after.is_some_and(|c| c.is_alphanumeric() || c == '-')
                    && (b[m.start()].is_ascii_lowercase()
                        || self.cue_right[m.pattern().as_usize()]
                        // "Said Dorothy Poynter, …": a capital only at a sentence start.
                        || text[..m.start()]
                            .trim_end()
                            .chars()
                            .next_back()
                            .is_none_or(|c| matches!(c, '.' | '!' | '?' | '"' | '”' | '\n')))
                    && (!self.cue_after_quote[m.pattern().as_usize()]
                        || b[m.start()].is_ascii_lowercase()
                            && just_after_quotation(&text[..m.start()]))
                    && (!self.cue_after_aux[m.pattern().as_usize()]
                        || self.after_auxiliary(&text[..m.start()])
                            && introduces_quotation(&text[m.end()..]))
            })
            .map(|m| {
                let span = Span::new(m.start(), m.end());
                let first = span.text(text).split(' ').next().unwrap_or("");
                let right = self.cue_right[m.pattern().as_usize()];
                Cue {
                    span,
                    right,
                    object: self.cue_object[m.pattern().as_usize()],
                    telling: self.cue_telling[m.pattern().as_usize()],
                    asking: self.cue_asking[m.pattern().as_usize()],
                    // "referring to" is a participle as much as "saying"; "according to"
                    // is a preposition.
                    ing: !right && first.ends_with("ing"),
                    agent: !right && self.agent_follows(&text[m.end()..]),
                }
            });
        cues.extend(found);
        cues
    }
}

#[derive(Debug, Default)]
pub struct Attribution {
    pub quotes: Vec<Quote>,
    pub reported: Vec<Quote>,
    pub speakers: Vec<Speaker>,
}

#[derive(Clone, Copy, Debug)]
struct Cue {
    span: Span,
    /// The speaker follows the cue ("according to").
    right: bool,
    /// A participle ("saying", "adding"): the speaker is the clause's subject.
    ing: bool,
    /// The phrase after the verb is its addressee, never an inverted speaker ("told CNN").
    object: bool,
    /// A verb of telling: its addressee may stand before what it reports ("told reporters
    /// that …").
    telling: bool,
    /// A verb of asking ("asked Clinton whether …"): what it reports is a question.
    asking: bool,
    /// A passive participle with its agent after "by" (`"poison pill" measures added by
    /// Republicans`): the agent is the speaker, not the phrase before the verb.
    agent: bool,
}

/// A speaker phrase found for a cue, before it is resolved to a speaker.
#[derive(Clone, Copy, Debug)]
struct Found {
    np: Np,
    cue: Span,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Attr {
    speaker: Option<SpeakerId>,
    mention: Option<Span>,
    cue: Option<Span>,
}

impl Attr {
    fn into_attributed(self, kind: QuoteKind) -> Attributed {
        Attributed {
            kind,
            speaker: self.speaker,
            mention: self.mention,
            cue: self.cue,
        }
    }
}

struct Finder<'a> {
    text: &'a str,
    cues: Vec<Cue>,
    reader: Reader<'a>,
    reg: Registry,
    /// The subject last found for a sentence before a pronoun: several pronouns often
    /// follow the same sentence.
    prev_subject: Option<(usize, usize, Option<Np>)>,
    /// Every quotation of the paragraphs read so far, marks included, in text order: a
    /// name inside one is no antecedent (counting marks back to a sentence start fails
    /// on a stray closing mark).
    quoted: Vec<Span>,
    /// One-word names and the fuller form the article gives them, if one ("Graham" →
    /// "Lindsey Graham"), looked up once per name.
    full_names: HashMap<String, Option<Span>>,
}

/// The last paragraph (counting the headline) that may open with a dateline.
const MAX_DATELINE_PARAGRAPH: usize = 3;

/// The length of a dateline opening `s` ("WASHINGTON (AP) — ", "MEXICO CITY - ",
/// "LOS ANGELES, Sept. 28 (UPI) — "): a place in capitals, perhaps a date after a comma and
/// an agency in brackets, then a dash set off by spaces and a capitalised word. Zero when
/// there is none.
fn dateline_len(s: &str) -> usize {
    const MAX: usize = 60;
    let head = &s[..s.floor_char_boundary(MAX.min(s.len()))];
    let Some((at, dash)) = [" — ", " – ", " -- ", " - "]
        .iter()
        .filter_map(|d| head.find(d).map(|i| (i, d.len())))
        .min()
    else {
        return 0;
    };
    let end = at + dash;
    if !s[end..].starts_with(|c: char| c.is_uppercase()) {
        return 0;
    }
    let before = &head[..at];
    let place_end = before.find([',', '(']).unwrap_or(before.len());
    let place = before[..place_end].trim_end();
    let capitals = place.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && place.split(' ').all(|w| {
            w.chars().any(char::is_alphabetic)
                && w.chars()
                    .all(|c| c.is_uppercase() || matches!(c, '.' | '\'' | '’' | '-'))
        });
    // After the place only a short date and an agency in brackets ("Sept. 28 (UPI)").
    const MAX_REST_WORDS: usize = 4;
    let rest = before[place_end..].trim();
    let rest_ok = rest.is_empty()
        || (rest.starts_with([',', '('])
            && rest.split_whitespace().count() <= MAX_REST_WORDS
            && rest.matches('(').count() == rest.matches(')').count());
    if capitals && rest_ok { end } else { 0 }
}

/// "I" or "we", alone or contracted ("I'm", "we’ve").
fn first_person(w: &str) -> bool {
    let bare = w.split(['\'', '’']).next().unwrap_or(w);
    matches!(bare, "I" | "We" | "we")
}

/// Whether byte `pos` lies inside one of the sorted, disjoint spans `quoted`.
fn in_quotation(quoted: &[Span], pos: usize) -> bool {
    let i = quoted.partition_point(|s| s.start <= pos);
    i > 0 && quoted[i - 1].end > pos
}

impl<'a> Finder<'a> {
    /// Whether the cue at `span` is a verb of asking.
    fn asks(&self, span: Span) -> bool {
        self.cues
            .binary_search_by_key(&span.start, |c| c.span.start)
            .is_ok_and(|k| self.cues[k].asking)
    }

    /// Cues starting within `[lo, hi)`.
    fn cues_between(&self, lo: usize, hi: usize) -> &[Cue] {
        &self.cues[self.cue_range(lo, hi)]
    }

    /// The indices of [`Finder::cues_between`], for loops that need `&mut self` (no copy
    /// of the cues for each quotation).
    fn cue_range(&self, lo: usize, hi: usize) -> std::ops::Range<usize> {
        let a = self.cues.partition_point(|c| c.span.start < lo);
        let b = self.cues.partition_point(|c| c.span.start < hi).max(a);
        let n = self.cues[a..b]
            .iter()
            .take_while(|c| c.span.end <= hi)
            .count();
        a..a + n
    }

    /// The attribution after a quotation: `"…," Han said` / `"…," said Han`.
    fn after(&mut self, from: usize, hi: usize) -> Option<Found> {
        for k in self.cue_range(from, hi) {
            let c = self.cues[k];
            let words =
                self.reader
                    .word_count(from, c.span.start, MAX_WORDS_TO_CUE_AFTER_APPOSITIVE + 1);
            // Beyond the near window only a name with a long appositive stands between the
            // quotation and its verb, and it is the subject.
            let appositive = if words > MAX_WORDS_TO_CUE_AFTER {
                if words > MAX_WORDS_TO_CUE_AFTER_APPOSITIVE {
                    return None;
                }
                Some(self.appositive_subject(from, c.span.start)?)
            } else {
                None
            };
            if c.ing || self.reader.coordinated(from, c.span.start) {
                // `"…," but said`: a second predicate of the sentence's own subject.
                continue;
            }
            if last_word_of(&self.text[from..c.span.start]).is_some_and(|w| w == "to") {
                // `the "first one" to say the Islamic State …`: an infinitive has no
                // speaker after it.
                continue;
            }
            if self.opens_coordinate_clause(from, c.span.start) {
                // `"…," and he vowed …`: a new clause with a report of its own.
                return None;
            }
            if let Some(next) = self.text[c.span.end..].trim_start().strip_prefix(':')
                && (!self.ends_in_comma(from) || next.trim_start().starts_with(OPENING_MARKS))
            {
                // `Mr. Zahed said: "…"` introduces the quotation after it. Only with no
                // quotation there does the comma of `"…," Rubio said: That …` hand the
                // quotation before to the verb.
                return None;
            }
            if let Some(np) = appositive
                && !c.right
            {
                return Some(Found { np, cue: c.span });
            }
            let np = if c.right {
                self.reader.source(c.span.end, hi)
            } else if c.agent {
                self.reader.source(c.span.end + " by".len(), hi)
            } else if self.comma_before(from, c.span.start) {
                // `"…," Blackwell, a committeeman, told AFP`: a name opening the gap is
                // the subject; otherwise `"…" about X, said Y`: inversion after a comma.
                let text = self.text;
                self.reader
                    .left(from, c.span.start)
                    .filter(|np| {
                        np.kind != NpKind::Described
                            && text[from..np.span.start]
                                .chars()
                                .all(|c| !c.is_alphanumeric())
                    })
                    .or_else(|| self.inverted(c, hi))
                    .or_else(|| self.reader.left(from, c.span.start))
            } else {
                let text = self.text;
                self.reader
                    .left(from, c.span.start)
                    .filter(|np| {
                        // A description opens the gap, or follows "as" (`"…," as a memo
                        // put it`).
                        let gap = text[from..np.span.start]
                            .trim_start_matches(|c: char| !c.is_alphanumeric());
                        np.kind != NpKind::Described || gap.is_empty() || gap.trim() == "as"
                    })
                    .or_else(|| self.inverted(c, hi))
                    .or_else(|| {
                        (!c.object && !self.passive(c.span))
                            .then(|| self.reader.right(c.span.end, hi))
                            .flatten()
                    })
            };
            if let Some(np) = np {
                return Some(Found { np, cue: c.span });
            }
        }
        None
    }

    /// Whether the cue is a participle after a form of "be" (`"yes" were declared the
    /// majority`): a passive, with no speaker after it.
    fn passive(&self, cue: Span) -> bool {
        let lex = self.reader.lex;
        last_word_of(&self.text[..cue.start]).is_some_and(|w| lex.is_be(w))
    }

    /// Whether a passive verb of saying introduces the quotation at `open` (`Lee was asked,
    /// "…"`): its subject is the one addressed, and the speaker is not named.
    fn passive_intro(&self, lo: usize, open: usize) -> bool {
        self.cues_between(lo, open).last().is_some_and(|c| {
            !c.right
                && !c.agent
                && self.passive(c.span)
                && self.text[c.span.end..open]
                    .chars()
                    .all(|c| matches!(c, ',' | ':') || c.is_whitespace())
        })
    }

    /// Whether the quotation closing just before `from` ends in a comma (`"…,"`), which
    /// leaves its sentence open for the attribution after it.
    fn ends_in_comma(&self, from: usize) -> bool {
        self.text[..from]
            .trim_end_matches(CLOSING_MARKS)
            .ends_with(',')
    }

    /// `… “arbitrarily detained” by Britain since 2010, the rights group says.`: an
    /// attribution set off by a comma at the end of the quotation's sentence covers the
    /// whole sentence, however far from the quotation.
    fn closing_parenthetical(&mut self, from: usize, hi: usize) -> Option<Found> {
        let text = self.text;
        let end = from
            + text[from..hi]
                .trim_end()
                .trim_end_matches(['.', '!', '?'])
                .len();
        let c = *self.cues_between(from, end).last()?;
        if c.ing || c.right {
            return None;
        }
        let comma = text[from..c.span.start].rfind(',')? + from;
        let np = if text[comma + 1..c.span.start].trim().is_empty() {
            // `…, said Lee Epstein, a law professor.`
            self.inverted(c, hi)?
        } else {
            let np = self.reader.left(comma + 1, c.span.start)?;
            if !text[comma + 1..np.span.start].trim().is_empty() {
                return None;
            }
            np
        };
        let tail_from = c.span.end.max(np.span.end);
        let tail = &text[tail_from..end];
        // Only a time may follow (", her advisers said Friday."), or the inverted speaker's
        // own appositive.
        let closes = tail.split_whitespace().all(|w| {
            lowered(w.trim_matches(|c: char| !c.is_alphanumeric()), |l| {
                self.reader.lex.time.contains(l)
            })
        }) || (np.span.start > c.span.start && tail.trim_start().starts_with(','));
        closes.then_some(Found { np, cue: c.span })
    }

    /// "He says he believes …": a report inside a report belongs to the outer speaker.
    /// The inner report is nested when it stands in the outer verb's complement — nothing
    /// but words between them, none of which opens a new clause ("Lee told reporters she
    /// worries …", "The survey said most regions continued …"); "When Roe arrived, he
    /// said" is a subordinate clause, not a report. An inner name is a speaker of its own
    /// ("Lee said Roe called it …") unless it follows the verb directly ("He says Roe
    /// believes …").
    fn outer(&mut self, lo: usize, f: Found) -> Found {
        let start = f.np.span.start;
        let lo = last_sentence_start(self.text, lo, start);
        let Some(c) = self
            .cues_between(lo, start)
            .iter()
            .rev()
            .find(|c| !c.right && c.span.end <= start.min(f.cue.start))
            .copied()
        else {
            return f;
        };
        let gap = self.text[c.span.end..start].trim();
        let adjacent = gap.is_empty() || gap == "that";
        if !adjacent && (f.np.kind == NpKind::Name || !self.in_complement(gap)) {
            return f;
        }
        match self.before(lo, c.span.end) {
            // `he said, adding that they told him …`: a participle's report is its clause's.
            Some(o) if o.cue == c.span || (c.ing && o.cue.end <= c.span.start) => o,
            _ => f,
        }
    }

    /// Whether the words between a verb and a later subject can be its complement: no
    /// punctuation that sets off a clause and no word that opens one.
    fn in_complement(&self, gap: &str) -> bool {
        let lex = self.reader.lex;
        gap.split_whitespace().all(|w| {
            let bare = w.trim_end_matches('.');
            bare.chars().any(char::is_alphanumeric)
                && bare
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '.'))
                && !lowered(bare, |l| lex.clause.contains(l))
        })
    }

    /// Whether the words after a quotation open a coordinate or concessive clause ("and he …",
    /// "though she noted …").
    /// A verb after the conjunction continues the quoted words' sentence instead, and an
    /// attribution set off by a comma after it is theirs (`"…" and enact her agenda, Mr.
    /// Clyburn said`).
    fn opens_coordinate_clause(&self, from: usize, cue: usize) -> bool {
        let gap = &self.text[from..cue];
        // `"…," for instance, and Trump vowed`: also after an aside set off by a comma.
        std::iter::once(gap)
            .chain(gap.match_indices(", ").map(|(i, _)| &gap[i + 2..]))
            .any(|g| self.opens_with_conjunction(g))
    }

    fn opens_with_conjunction(&self, gap: &str) -> bool {
        let mut words = gap.split_whitespace();
        let first = words
            .next()
            .unwrap_or("")
            .trim_start_matches(|c: char| !c.is_alphanumeric());
        if !matches!(
            first,
            "and" | "but" | "or" | "yet" | "though" | "although" | "while" | "whereas"
        ) {
            return false;
        }
        let lex = self.reader.lex;
        let next = words
            .next()
            .unwrap_or("")
            .trim_end_matches(|c: char| !c.is_alphanumeric());
        let continues = next.chars().all(|c| c.is_lowercase())
            && !lex.pronouns.contains_key(next)
            && !lex.det.contains(next)
            && !lex.skip.contains(next)
            && gap.trim_end().contains(',');
        !continues
    }

    /// The person's name that `text[from..cue]` is when it is a name set off by a comma, an
    /// appositive and a comma before the verb: the subject of a long attribution. "as" may
    /// open it (`"…," as Van Jackson, a professor at …, put it`).
    fn appositive_subject(&mut self, from: usize, cue: usize) -> Option<Np> {
        let text = self.text;
        let lead = text[from..cue].len()
            - text[from..cue]
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len();
        let start = if text[from + lead..cue].starts_with("as ") {
            from + lead + 3
        } else {
            from
        };
        let np = self.reader.right(start, cue)?;
        (np.kind == NpKind::Name
            && !np.organisation
            && text[start..np.span.start]
                .chars()
                .all(|c| !c.is_alphanumeric())
            && text[np.span.end..cue].trim_start().starts_with(',')
            && self.comma_before(from, cue))
        .then_some(np)
    }

    /// Whether the words before a cue end with a comma ("…, says Carl Anthony").
    fn comma_before(&self, lo: usize, cue: usize) -> bool {
        let t = self.text[lo..cue].trim_end();
        t.ends_with(',') && t.chars().any(char::is_alphanumeric)
    }

    /// The speaker after an inverted verb: a name or a described phrase, then a pause.
    fn inverted(&mut self, c: Cue, hi: usize) -> Option<Np> {
        if c.object {
            return None;
        }
        if self.passive(c.span) {
            return None;
        }
        let from = c.span.end;
        let np = self.reader.right(from, hi)?;
        if np.kind == NpKind::Described
            && let Some(name) = self.appositive_after_complement(np, hi)
        {
            // "said a spokeswoman for Trump hotels, Jennifer Rodstrom."
            return Some(name);
        }
        let np = self.reader.with_named_complement(np, hi);
        let after = self.text[np.span.end..hi].trim_start();
        if !matches!(np.kind, NpKind::Name | NpKind::Described)
            || !after.starts_with([',', '.', ';', ':', '(', '—'])
        {
            return None;
        }
        if np.kind == NpKind::Described {
            // A described speaker after the verb opens with a determiner ("said a senior
            // official"); "told me this week" is no speaker.
            let first = np
                .span
                .text(self.text)
                .split_whitespace()
                .next()
                .unwrap_or("");
            let possessive = first.ends_with("’s") || first.ends_with("'s");
            if !possessive && !lowered(first, |l| self.reader.lex.det.contains(l)) {
                return None;
            }
        }
        if np.kind == NpKind::Described && after.starts_with(',') {
            // "said the bureau's director, James B. Comey, on Monday": the appositive name.
            let at = hi - after.len() + 1;
            if let Some(name) = self.reader.right(at, hi)
                && name.kind == NpKind::Name
                && self.text[name.span.end..hi]
                    .trim_start()
                    .chars()
                    .next()
                    .is_none_or(|c| matches!(c, ',' | '.' | ';'))
            {
                return Some(name);
            }
        }
        Some(np)
    }

    /// A described speaker with a short complement ("a spokeswoman for Trump hotels"), then
    /// a comma and a name that closes the clause: the name is the speaker.
    fn appositive_after_complement(&mut self, np: Np, hi: usize) -> Option<Np> {
        let rest = &self.text[np.span.end..hi];
        let first = first_word(rest)?;
        if !self.reader.lex.stop.contains(first) || matches!(first, "who" | "which" | "that") {
            return None;
        }
        let comma = rest.find(',')?;
        if rest[..comma].split_whitespace().count() > 6 || rest[..comma].contains(['"', '“', '”'])
        {
            return None;
        }
        let at = np.span.end + comma + 1;
        let name = self.reader.right(at, hi)?;
        let closes = self.text[name.span.end..hi]
            .trim_start()
            .chars()
            .next()
            .is_none_or(|c| matches!(c, ',' | '.' | ';'));
        (name.kind == NpKind::Name && !name.organisation && closes).then_some(name)
    }

    /// A verb of naming used as a passive participle: after a form of "be" ("what is
    /// called", "was dubbed") or straight after an indefinite noun phrase ("a website
    /// called", "a super PAC called"), a reduced relative clause.
    fn passive_naming(&mut self, lo: usize, cue: Span) -> bool {
        let text = self.text;
        let verb = cue.text(text).to_ascii_lowercase();
        if !matches!(
            verb.as_str(),
            "called" | "dubbed" | "labeled" | "labelled" | "titled" | "described" | "named"
        ) {
            return false;
        }
        // "a regular series, called "…"": the comma of a non-restrictive participle.
        let before = text[lo..cue.start].trim_end().trim_end_matches(',');
        let mut words = before.rsplit(char::is_whitespace).filter(|w| !w.is_empty());
        let mut prev = words.next().unwrap_or("");
        while prev.len() > 4 && prev.ends_with("ly") || matches!(prev, "also" | "often" | "today") {
            prev = words.next().unwrap_or("");
        }
        let (mut buf, mut owned) = ([0u8; 32], String::new());
        let p = lower_in(prev, &mut buf, &mut owned);
        if matches!(
            p,
            "is" | "are" | "was" | "were" | "be" | "been" | "being" | "’s" | "'s"
        ) || p.ends_with("’s") && p.starts_with("what")
            || p == "what's"
        {
            return true;
        }
        if !prev.chars().all(|c| c.is_alphanumeric() || c == '-') {
            return false;
        }
        let indefinite = |w: &str| w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an");
        let lex = self.reader.lex;
        match self.reader.left(lo, cue.start) {
            Some(np) if np.span.end + 2 >= cue.start => match np.kind {
                // "a website called", "renowned for a chummy culture called": the noun
                // phrase the participle follows is indefinite.
                NpKind::Described => np
                    .span
                    .text(text)
                    .split_whitespace()
                    .rev()
                    .find(|w| lowered(w, |l| lex.det.contains(l)))
                    .is_some_and(indefinite),
                // "a super PAC called": an article before capitalised words, perhaps past
                // an adjective or two, makes them a description too.
                NpKind::Name => text[lo..np.span.start]
                    .split_whitespace()
                    .rev()
                    .take(3)
                    .take_while(|w| {
                        w.chars().all(|c| c.is_lowercase() || c == '-') && !lex.stop.contains(w)
                    })
                    .any(indefinite),
                _ => false,
            },
            _ => false,
        }
    }

    /// Whether a cue word is no verb of saying here: a noun after a possessive ("Trump's
    /// repeated calls to ban …", "his claims") or the passive of a verb whose object is the
    /// addressee ("his salespersons were told, "…"").
    fn noun_use(&self, lo: usize, c: &Cue) -> bool {
        let lex = self.reader.lex;
        let mut before = self.text[lo..c.span.start].split_whitespace().rev();
        let Some(prev) = before.next() else {
            return false;
        };
        if !c.ing && lex.is_be(prev) {
            // "his salespersons were told, "…"", "Farook's name was announced": a passive,
            // whose subject is the one addressed or the thing said, never the speaker.
            return true;
        }
        // "near-constant calls of "Feel the Bern"": a verb of saying never takes "of" (its
        // "of" cues are phrases of their own: "spoke of"), a noun for something said does.
        if self.text[c.span.end..].trim_start().starts_with("of ")
            && lowered(c.span.text(self.text), |l| lex.noun_cues.contains(l))
        {
            return true;
        }
        // A name's possessive ("Trump's", not "he's") or a possessive determiner.
        let possessive = |w: &str| {
            (w.chars().next().is_some_and(char::is_uppercase)
                && (w.ends_with("'s") || w.ends_with("’s") || w.ends_with("s’")))
                || lex.possessives.keys().any(|k| k.eq_ignore_ascii_case(w))
        };
        possessive(prev)
            || (prev.len() > 4
                && prev.ends_with("ed")
                && prev.chars().all(|c| c.is_lowercase())
                && before.next().is_some_and(possessive))
    }

    /// The attribution before a quotation in its sentence: `Han told SpyTalk, "…"`.
    fn before(&mut self, lo: usize, to: usize) -> Option<Found> {
        let mut participle = None;
        for k in self.cue_range(lo, to).rev() {
            let cue = self.cues[k];
            let c = &cue;
            if c.ing {
                participle.get_or_insert(*c);
                continue;
            }
            if self.passive_naming(lo, c.span) {
                // "a website called "…"", "what is called a "…"": naming, nobody speaks.
                continue;
            }
            if !c.right && self.noun_use(lo, c) {
                continue;
            }
            let np = if c.right {
                self.reader.source(c.span.end, to)
            } else if c.agent {
                self.reader.source(c.span.end + " by".len(), to)
            } else if self.reader.coordinated(lo, c.span.start) {
                // "Lee held a rally and asked voters to …": Lee, not "a rally".
                self.reader
                    .clause_subject(lo, c.span.start)
                    .or_else(|| self.reader.opening_description(lo, c.span.start))
            } else {
                let inv = if self.comma_before(lo, c.span.start) {
                    self.inverted(*c, to)
                } else {
                    None
                };
                inv.or_else(|| self.reader.left(lo, c.span.start))
                    .or_else(|| {
                        // `"…," said Vice President Joe Biden, urging …`
                        let gap = &self.text[lo..c.span.start];
                        if gap.chars().any(char::is_alphanumeric) {
                            None
                        } else {
                            self.inverted(*c, to)
                        }
                    })
                    .or_else(|| {
                        // "Reed said …, but called it "…"": the subject of the sentence.
                        self.reader
                            .clause_subject(lo, c.span.start)
                            .filter(|np| np.kind != NpKind::Described)
                    })
            };
            if let Some(np) = np {
                if let Some(p) = participle
                    && let Some(s) = self.reader.clause_subject(lo, p.span.start)
                    && s.kind != NpKind::Described
                    && s.span.start >= c.span.end.max(np.span.end)
                    && !self.text[s.span.end..p.span.start]
                        .trim_start()
                        .starts_with(',')
                {
                    // "Although he thanked them, she sounded a rare note, saying "…"": the
                    // participle nearer the quotation belongs to a later clause's subject.
                    return Some(Found { np: s, cue: p.span });
                }
                return Some(self.outer(lo, Found { np, cue: c.span }));
            }
        }
        // "…, adding "…"": the speaker is the subject of the main clause, or the name just
        // before the participle ("– Ryan saying he was …").
        let p = participle?;
        let left = self.reader.left(lo, p.span.start);
        if p.span.text(self.text).ends_with("ing")
            && let Some(np) = self.with_subject(lo, p.span.start)
        {
            // "…, with many marchers chanting "…"": the participle has its own subject.
            return Some(Found { np, cue: p.span });
        }
        let np = left
            .filter(|np| {
                np.kind != NpKind::Described
                    && self.text[np.span.end..p.span.start]
                        .chars()
                        .all(|c| c.is_alphanumeric() || c.is_whitespace())
            })
            .or_else(|| self.reader.clause_subject(lo, p.span.start))
            // "The town released a statement saying …": a described subject, also after
            // an introductory phrase ("In three interviews, the justice spoke, saying …").
            .or_else(|| self.described_after_intro(lo, p.span.start))?;
        Some(Found { np, cue: p.span })
    }

    /// The subject of an absolute clause ending at `hi` ("with one of her ads asking",
    /// "with many marchers and spectators chanting"): the few words between "with" and the
    /// participle, read as a name when they are one.
    fn with_subject(&mut self, lo: usize, hi: usize) -> Option<Np> {
        let text = self.text;
        let before = text[lo..hi].trim_end();
        // Back word by word to "with", through words only.
        let mut end = before.len();
        let mut start = None;
        for (n, w) in before.rsplit(' ').enumerate() {
            if w.eq_ignore_ascii_case("with") {
                start = (n > 0).then_some(lo + end + 1);
                break;
            }
            if n == MAX_WITH_SUBJECT_WORDS
                || w.is_empty()
                || w.contains(|c: char| !(c.is_alphanumeric() || "'’-.".contains(c)))
            {
                return None;
            }
            end = (end - w.len()).saturating_sub(1);
        }
        let phrase = Span::new(start?, lo + before.len());
        // "with a warning about": the -ing word after a determiner is a noun.
        let last = phrase.text(text).rsplit(' ').next().unwrap_or_default();
        if lowered(last, |l| self.reader.lex.det.contains(l)) {
            return None;
        }
        match self.reader.left(phrase.start, hi) {
            Some(np) if np.span.start == phrase.start => Some(np),
            _ => Some(Np::described(phrase)),
        }
    }

    /// A described subject opening the clause in `text[lo..hi]`, at its start or after a
    /// comma that closes an introductory phrase.
    fn described_after_intro(&mut self, lo: usize, hi: usize) -> Option<Np> {
        if let Some(np) = self.reader.opening_description(lo, hi) {
            return Some(np);
        }
        let text = self.text;
        let mut at = lo;
        while let Some(k) = text[at..hi].find(", ") {
            at += k + 2;
            if let Some(np) = self.reader.opening_description(at, hi) {
                return Some(np);
            }
        }
        None
    }

    /// `According to ProPublica, Clinton praised her "wonderful donors"`: a source opening
    /// the sentence `text[lo..]` before the attribution `x` relays it.
    fn relayed_before(&mut self, x: Found, lo: usize) -> Option<Found> {
        let to = x.cue.start.min(x.np.span.start);
        let c = *self.cues_between(lo, to).first().filter(|c| c.right)?;
        if self.text[lo..c.span.start]
            .chars()
            .any(char::is_alphanumeric)
            || !self.text[c.span.end..to].contains(',')
        {
            return None;
        }
        let np = self.reader.source(c.span.end, to)?;
        Some(Found { np, cue: c.span })
    }

    /// An "according to X" later in the quotation's sentence than its own attribution:
    /// the quotation is relayed by X, which PolNeAR and fact-checkers take as its source.
    /// So is a report verb set off by a comma with its outlet after it (`"…," said Kristen
    /// Day, a director, reports USA Today`).
    fn relayed(&mut self, x: Found, from: usize, hi: usize) -> Option<Found> {
        let lo = from.max(x.cue.end).max(x.np.span.end);
        let text = self.text;
        let c = *self.cues_between(lo, hi).iter().find(|c| {
            c.right || !c.ing && !c.agent && text[..c.span.start].trim_end().ends_with(',')
        })?;
        if c.span == x.cue {
            return None;
        }
        let np = if c.right {
            self.reader.source(c.span.end, hi)?
        } else {
            self.inverted(c, hi).filter(|np| np.kind == NpKind::Name)?
        };
        Some(Found { np, cue: c.span })
    }

    /// A quotation after a colon with no speech verb: the name or pronoun right before the
    /// colon ("… - Michael P. McDonald:", "doesn't surprise pollster Daron Shaw:"), else the
    /// subject of the clause ("President Clinton released the following statement:").
    fn colon_intro(&mut self, lo: usize, to: usize) -> Option<Found> {
        let t = self.text[lo..to].trim_end();
        if !t.ends_with(':') {
            return None;
        }
        let colon = lo + t.len() - 1;
        let text = self.text;
        let lex = self.reader.lex;
        let np = self
            .reader
            .left(lo, colon)
            .filter(|np| {
                // Not the one addressed ("delivered a blunt message to Trump:", "to the
                // Dutch newspaper NRC Handelsblad:"); "More from Jones:" names the source.
                let addressed = text[lo..np.span.start]
                    .split_whitespace()
                    .rev()
                    .take(MAX_WORDS_BEFORE_ADDRESSEE)
                    .take_while(|w| !w.ends_with(|c: char| !c.is_alphanumeric()))
                    .any(|w| lex.addressee.contains(w));
                np.kind != NpKind::Described && !addressed
            })
            .or_else(|| {
                self.reader
                    .clause_subject(lo, colon)
                    .filter(|np| np.kind != NpKind::Described)
            })?;
        Some(Found {
            np,
            cue: Span::new(colon, colon + 1),
        })
    }

    /// `"…" ― Martha Aguilar`: a signature after a dash.
    fn dash(&mut self, from: usize, hi: usize) -> Option<Found> {
        let t = &self.text[from..hi];
        let lead = t.len() - t.trim_start().len();
        let d = t[lead..].chars().next()?;
        if !matches!(d, '―' | '—' | '–' | '-') {
            return None;
        }
        let start = from + lead;
        let np = self
            .reader
            .right(start + d.len_utf8(), hi)
            .filter(|np| np.kind == NpKind::Name)?;
        Some(Found {
            np,
            cue: Span::new(start, start + d.len_utf8()),
        })
    }

    /// A noun for something said after a possessive, shortly before the quotation
    /// ("Trump's claim that Obama "…"", "his calls to end the "…"").
    fn noun_cue(&mut self, lo: usize, to: usize) -> Option<Found> {
        let (np, cue) = self.reader.noun_cue(lo, to)?;
        Some(Found { np, cue })
    }

    /// `When Trump said he would "protect our citizens," the crowd applauded`: a quotation
    /// closing a fronted adverbial clause with a comma belongs to the speech verb and
    /// subject inside that clause, not to the main clause after it.
    fn fronted_clause(&mut self, lo: usize, open: usize) -> Option<Found> {
        let first = first_word(&self.text[lo..open])?;
        let first = first.trim_start_matches(|c: char| !c.is_alphanumeric());
        if !self
            .reader
            .lex
            .subordinators
            .contains(first.to_ascii_lowercase().as_str())
        {
            return None;
        }
        // The subject stands before its verb ("When asked, "…"" has none), and the verb is
        // inside the clause, which the first comma closes (`When Lee said at a rally that …,
        // he "…," said Roe` quotes the main clause).
        let text = self.text;
        self.before(lo, open).filter(|x| {
            x.np.span.start > lo
                && x.np.span.end <= x.cue.start
                && !text[lo..x.cue.start].contains(',')
                && !text[x.cue.end..open]
                    .trim_end()
                    .trim_end_matches(',')
                    .contains(',')
        })
    }

    /// `Acknowledging that Trump "says …," though, Allen did suggest …`, `After saying her
    /// foot was "so swollen …," she was …`: a participle clause opening the sentence shares
    /// the subject of the main clause after it.
    fn fronted_participle(
        &mut self,
        lo: usize,
        open: usize,
        close: usize,
        hi: usize,
    ) -> Option<Found> {
        let p = *self.cues_between(lo, open).first().filter(|c| c.ing)?;
        let text = self.text;
        let lex = self.reader.lex;
        let mut lead = text[lo..p.span.start].split_whitespace();
        match (lead.next(), lead.next()) {
            (None, _) => {}
            (Some(w), None) if lex.lead.contains(w.to_ascii_lowercase().as_str()) => {}
            _ => return None,
        }
        // The comma closing the participle clause: the quotation's own, or the first after it.
        let mut at = if text[..close].trim_end_matches(CLOSING_MARKS).ends_with(',') {
            close
        } else {
            close + text[close..hi].find(',')? + 1
        };
        // An adverb set off by commas (", though,") stands before the subject.
        if let Some((w, _)) = text[at..hi].trim_start().split_once(',')
            && !w.is_empty()
            && w.bytes().all(|b| b.is_ascii_lowercase())
        {
            at = text[at..hi].find(',')? + at + 1;
        }
        // A description ends at its verb ("the Latin American pope again demonstrated").
        let np = match self.reader.right(at, hi)? {
            np if np.kind == NpKind::Described => self.reader.opening_description(at, hi)?,
            np => np,
        };
        let gap = &text[at..np.span.start];
        let verb = text[np.span.end..hi].trim_start();
        (gap.trim().is_empty() && verb.starts_with(|c: char| c.is_ascii_lowercase()))
            .then_some(Found { np, cue: p.span })
    }

    /// `"…," an angry Hollande retaliated.`: a name or a described phrase and a verb in -ed
    /// closing the sentence right after a quotation ending on a comma stand where the
    /// attribution does, whatever the verb.
    fn manner_after(&mut self, from: usize, hi: usize) -> Option<Found> {
        let text = self.text;
        // Inverted: `"…!" beamed Donald Hartley of Madison, …`.
        let lead = text[from..hi].len() - text[from..hi].trim_start().len();
        let first = &text[from + lead..hi];
        let w = first
            .find(|c: char| !c.is_ascii_lowercase())
            .unwrap_or(first.len());
        if w >= 4
            && first[..w].ends_with("ed")
            && first[w..].starts_with(' ')
            && !self.reader.lex.stop.contains(&first[..w])
            && !self.reader.lex.object_words.contains(&first[..w])
        {
            let vstart = from + lead;
            let np = self.reader.right(vstart + w, hi)?;
            let closes = text[np.span.end..hi]
                .trim_start()
                .chars()
                .next()
                .is_none_or(|c| matches!(c, ',' | '.' | ';'));
            return (np.kind == NpKind::Name && closes).then(|| Found {
                np,
                cue: Span::new(vstart, vstart + w),
            });
        }
        let body = text[from..hi]
            .trim_end()
            .trim_end_matches(['.', '!', '?'])
            .trim_end();
        // After the last white space, which may be wider than a byte (a no-break space).
        let (ws, c) = body.char_indices().rev().find(|(_, c)| c.is_whitespace())?;
        let v = ws + c.len_utf8();
        let verb = &body[v..];
        if verb.len() < 4
            || !verb.ends_with("ed")
            || !verb.chars().all(|c| c.is_ascii_lowercase())
            || self.reader.lex.stop.contains(verb)
        {
            return None;
        }
        let vstart = from + v;
        let np = self.reader.right(from, vstart)?;
        let adjacent = text[np.span.end..vstart].trim().is_empty()
            && !text[from..np.span.start].chars().any(char::is_alphanumeric);
        (adjacent && matches!(np.kind, NpKind::Name | NpKind::Described)).then(|| Found {
            np,
            cue: Span::new(vstart, vstart + verb.len()),
        })
    }

    /// No speech verb: a long quotation in a sentence whose subject is a person
    /// ("Huckabee, for his part, is labelling it "…"").
    fn subject(&mut self, lo: usize, to: usize) -> Option<Found> {
        let np = self.reader.clause_subject(lo, to)?;
        Some(Found {
            np,
            cue: Span::new(to, to),
        })
    }

    /// A name of one word that starts its sentence and stands capitalised nowhere else:
    /// as likely an adjective ("Corporate lobbyists describe") as a name.
    fn lone_first_word(&mut self, np: Np) -> bool {
        np.kind == NpKind::Name
            && np.title.is_none()
            && !self.reader.has_words(np.span.start, np.span.end, 2)
            && attribution::sentence_initial(self.text, np.span.start)
            && !self.reader.named_elsewhere(np.span)
    }

    /// The person a paragraph ends on: the subject of its last sentence, when a name or a
    /// pronoun that resolves to one.
    fn closing_subject(&mut self, para: Span) -> Option<Attr> {
        let body = trim_span(self.text, para);
        let last = self.text[body.start..body.end]
            .char_indices()
            .next_back()?
            .0;
        let lo = last_sentence_start(self.text, body.start, body.start + last);
        let x = self.subject(lo, body.end)?;
        if x.np.kind == NpKind::Described || self.lone_first_word(x.np) {
            return None;
        }
        let a = self.resolve(x);
        a.speaker.is_some().then_some(a)
    }

    fn resolve(&mut self, f: Found) -> Attr {
        self.resolve_at(f, f.np.span.start)
    }

    /// [`Finder::resolve`], with a pronoun resolved as if it stood at `pos`.
    fn resolve_at(&mut self, f: Found, pos: usize) -> Attr {
        let text = self.text;
        let np = f.np;
        let speaker = match np.kind {
            // "“Okay,” I said", "We asked our followers": outside quotation marks "I" and
            // "we" are the ones who write.
            NpKind::Pronoun(Agreement::Person | Agreement::Plural)
                if first_person(np.span.text(text))
                    && !in_quotation(&self.quoted, np.span.start) =>
            {
                Some(self.reg.writer(pos))
            }
            NpKind::Pronoun(agr) => {
                if matches!(agr, Agreement::Male | Agreement::Female)
                    && let Some(ante) = self.antecedent(pos)
                {
                    // The person is known by mention even if they never spoke.
                    self.register_name(ante);
                }
                if agr == Agreement::Plural
                    && self
                        .reg
                        .pronoun_fits(agr, np.span.text(text), pos)
                        .is_none()
                    && let Some(group) = self.plural_antecedent(pos)
                {
                    match group.kind {
                        NpKind::Described => {
                            self.reg.described(group.name.text(text), group.span.start);
                        }
                        _ => {
                            self.register_name(group);
                        }
                    }
                }
                if agr == Agreement::Thing
                    && let Some(org) = self.organisation_subject(pos)
                {
                    // `The Security Council … pledged sanctions against what it called "…"`.
                    self.register_name(org);
                }
                let form = np.span.text(text);
                self.reg.pronoun(agr, form, pos).or_else(|| {
                    // Nobody fits yet: the person may have been the subject a few
                    // sentences back, before the preceding one.
                    if !matches!(agr, Agreement::Male | Agreement::Female) {
                        return None;
                    }
                    let ante = self.earlier_subject(pos)?;
                    self.register_name(ante);
                    self.reg.pronoun(agr, form, pos)
                })
            }
            NpKind::Described => Some(self.reg.described(np.name.text(text), np.span.start)),
            NpKind::Name => Some(self.register_name(np)),
        };
        Attr {
            speaker,
            mention: Some(np.span),
            cue: Some(f.cue),
        }
    }

    /// Where the search for what a pronoun at `pos` refers to starts: far enough back for
    /// the sentence before, at a character boundary.
    fn look_back_start(&self, pos: usize) -> usize {
        self.text.ceil_char_boundary(pos.saturating_sub(600))
    }

    /// Where the sentence holding `pos` starts (not before `lo`), and the subject of its
    /// main clause before `pos`.
    fn own_sentence_subject(&mut self, lo: usize, pos: usize) -> (usize, Option<Np>) {
        let text = self.text;
        let sent = last_sentence_start(text, lo, pos);
        // The closing marks after the stop belong to the sentence before.
        let own_start = pos
            - text[sent..pos]
                .trim_start_matches(attribution::CLOSING)
                .len();
        (sent, self.reader.clause_subject(own_start, pos))
    }

    /// The organisation named as the subject of the sentence before `pos`, which "it" and
    /// "its" there refer to.
    fn organisation_subject(&mut self, pos: usize) -> Option<Np> {
        let text = self.text;
        let lo = self.look_back_start(pos);
        let np = self.own_sentence_subject(lo, pos).1?;
        // A capitalised modifier before a noun is no name ("The Japanese constitution"):
        // the name is followed by punctuation, a function word or a verb form.
        let next = text[np.span.end..pos]
            .split_whitespace()
            .next()
            .unwrap_or("");
        let lex = self.reader.lex;
        let low = next.to_ascii_lowercase();
        let ends_name = !next.starts_with(|c: char| c.is_alphanumeric())
            || lex.stop.contains(low.as_str())
            || lex.skip.contains(low.as_str())
            || lex.auxiliaries.contains(low.as_str())
            || lex.is_be(&low)
            || low.ends_with("ed")
            || low.ends_with('s');
        (np.kind == NpKind::Name
            && np.organisation
            && ends_name
            && !in_quotation(&self.quoted, np.span.start))
        .then_some(np)
    }

    /// The person a "he" or "she" at `pos` most likely continues: the subject of its own
    /// sentence before it ("When Trump announced …, he said"), else the subject of the
    /// sentence before (the preferred centre of the previous utterance), when that is a
    /// person's name outside quotation marks.
    fn antecedent(&mut self, pos: usize) -> Option<Np> {
        let lo = self.look_back_start(pos);
        let (sent, own) = self.own_sentence_subject(lo, pos);
        let pick = |reader: &mut Reader<'a>, quoted: &[Span], np: Option<Np>| {
            np.filter(|np| {
                np.kind == NpKind::Name
                    && !np.organisation
                    && !in_quotation(quoted, np.span.start)
                    && reader.may_be_person(np)
            })
        };
        if let Some(np) = pick(&mut self.reader, &self.quoted, own) {
            return Some(np);
        }
        let np = self
            .prev_sentence(lo, sent)
            .and_then(|prev| self.prev_sentence_subject(prev, sent));
        pick(&mut self.reader, &self.quoted, np)
    }

    /// Where the sentence before the one starting at `sent` starts, unless the look-back
    /// window from `lo` cut it (or there is none).
    fn prev_sentence(&self, lo: usize, sent: usize) -> Option<usize> {
        let text = self.text;
        let prev = if sent > lo {
            last_sentence_start(text, lo, attribution::stop_before(text, sent))
        } else {
            sent
        };
        (prev < sent && (prev > lo || lo == 0)).then_some(prev)
    }

    /// The subject of the sentence `prev..sent` before a pronoun's own.
    fn prev_sentence_subject(&mut self, prev: usize, sent: usize) -> Option<Np> {
        match self.prev_subject {
            Some((a, b, np)) if (a, b) == (prev, sent) => np,
            _ => {
                let np = self.reader.clause_subject(prev, sent);
                self.prev_subject = Some((prev, sent, np));
                np
            }
        }
    }

    /// What "they" at `pos` refers to when no group has spoken yet: a plural description
    /// or an organisation that is the subject of its sentence or the one before ("Clinton's
    /// top aides sought to … Their job, they argued, was …").
    fn plural_antecedent(&mut self, pos: usize) -> Option<Np> {
        let text = self.text;
        let lo = self.look_back_start(pos);
        let (sent, own) = self.own_sentence_subject(lo, pos);
        let group = |quoted: &[Span], np: &Option<Np>| {
            np.filter(|np| {
                !in_quotation(quoted, np.span.start)
                    && match np.kind {
                        NpKind::Name => np.organisation,
                        NpKind::Described => {
                            let head = np.name.text(text).rsplit(' ').next().unwrap_or("");
                            head.ends_with('s')
                                && !head.ends_with("ss")
                                && !head.ends_with("'s")
                                && !head.ends_with("’s")
                        }
                        NpKind::Pronoun(_) => false,
                    }
            })
        };
        if let Some(np) = group(&self.quoted, &own) {
            return Some(np);
        }
        let prev = self.prev_sentence(lo, sent)?;
        let np = self.prev_sentence_subject(prev, sent);
        if let Some(np) = group(&self.quoted, &np) {
            return Some(np);
        }
        // A plural noun phrase opening the sentence before, which the name-and-pronoun
        // subject search does not read ("The aides sought to …").
        if in_quotation(&self.quoted, prev) {
            return None;
        }
        self.opening_plural(prev, sent)
    }

    /// The plural noun phrase opening `text[lo..hi]`: up to its last plural noun among the
    /// first words, before any verb form, function word or punctuation ("Clinton's top
    /// aides, meanwhile, …", "Investor groups argue …").
    fn opening_plural(&self, lo: usize, hi: usize) -> Option<Np> {
        const MAX_WORDS: usize = 5;
        let text = self.text;
        let lex = self.reader.lex;
        let s = &text[lo..hi];
        let mut head = None;
        for (n, raw) in s.split_whitespace().take(MAX_WORDS).enumerate() {
            let w = raw.trim_end_matches([',', ';', ':']);
            let (mut buf, mut owned) = ([0u8; 32], String::new());
            let low = lower_in(w, &mut buf, &mut owned);
            let low = low.trim_end_matches("'s").trim_end_matches("’s");
            let possessive = low.len() < w.len() && !raw.ends_with(',');
            if !w
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-'))
                || (n > 0 && (lex.stop.contains(low) || self.finite_form(low)))
                || (n == 0 && !possessive && lex.stop.contains(low))
            {
                break;
            }
            if !possessive
                && low.ends_with('s')
                && !low.ends_with("ss")
                && low.len() > 2
                && !lex.det.contains(low)
                && lex.pronoun(low).is_none()
            {
                let at = raw.as_ptr() as usize - s.as_ptr() as usize;
                head = Some(lo + at + w.len());
            }
            if raw.ends_with([',', ';', ':'])
                || (low.ends_with("ed") && n > 0)
                || lex.irregular_past.contains(low)
            {
                break;
            }
        }
        let end = head?;
        let span = trim_span(text, Span::new(lo, end));
        Some(Np::described(span))
    }

    /// The nearest person named as a clause subject, outside quotation marks, in the
    /// [`ANTECEDENT_SENTENCES`] sentences before `pos`.
    fn earlier_subject(&mut self, pos: usize) -> Option<Np> {
        let text = self.text;
        let lo = text.ceil_char_boundary(pos.saturating_sub(1500));
        let mut end = last_sentence_start(text, lo, pos);
        for _ in 0..ANTECEDENT_SENTENCES {
            if end <= lo {
                return None;
            }
            let start = last_sentence_start(text, lo, attribution::stop_before(text, end));
            if let Some(np) = self.reader.clause_subject(start, end)
                && np.kind == NpKind::Name
                && !np.organisation
                && !in_quotation(&self.quoted, np.span.start)
            {
                return Some(np);
            }
            end = start;
        }
        None
    }

    fn register_name(&mut self, np: Np) -> SpeakerId {
        let text = self.text;
        let pos = np.span.start;
        let title = np.title.map(|t| t.text(text));
        let is = |t: &str, forms: &[&str]| forms.iter().any(|f| t.eq_ignore_ascii_case(f));
        let gender = title.and_then(|t| {
            if is(t, &["mr.", "mr"]) {
                Some(Agreement::Male)
            } else if is(t, &["mrs.", "mrs", "ms.", "ms", "miss"]) {
                Some(Agreement::Female)
            } else {
                None
            }
        });
        let gender = gender.or_else(|| {
            let first = first_word(np.name.text(text))?;
            self.reader.lex.given_name(first)
        });
        let mention = if np.span.contains(np.name.start) {
            np.span.text(text)
        } else {
            np.name.text(text)
        };
        // Names are registered for every quotation: no string is built unless "the" must
        // be capitalised.
        let raw = np.name.text(text);
        let capitalised;
        let name = match raw.strip_prefix("the ") {
            Some(rest) if np.organisation => {
                capitalised = format!("The {rest}");
                capitalised.as_str()
            }
            _ => raw,
        };
        let name = trim_all_end(trim_all_end(name, "’s"), "'s");
        let known = self.reg.len();
        let id = self
            .reg
            .name(name, mention, title, np.organisation, gender, pos);
        // A new speaker "Graham": the person the article names in full elsewhere ("Sen.
        // Lindsey Graham"). (A name already known is that speaker's.)
        if self.reg.len() > known
            && let Some(full) = self.full_name(name, np.organisation, pos)
        {
            let full = full.text(text);
            let given = first_word(full).unwrap_or("");
            let gender = gender.or_else(|| self.reader.lex.given_name(given));
            return self
                .reg
                .name(full, mention, title, np.organisation, gender, pos);
        }
        id
    }

    /// The fuller form of a one-word name of a person, a known given name (with any middle
    /// names or initials) before it somewhere in the article: "Lindsey Graham" for "Graham",
    /// "Hillary Rodham Clinton" for "Clinton". None when the article names two people so
    /// ("Bill Clinton" and "Hillary Clinton") or nobody.
    fn full_name(&mut self, name: &str, organisation: bool, pos: usize) -> Option<Span> {
        if organisation
            || name.contains(' ')
            || !name.starts_with(|c: char| c.is_uppercase())
            || name.chars().count() < 2
        {
            return None;
        }
        if let Some(&found) = self.full_names.get(name) {
            return found;
        }
        let found = self.find_full_name(name, pos);
        self.full_names.insert(name.to_owned(), found);
        found
    }

    /// [`Finder::full_name`] searched for in the text around `pos`: an article, not every
    /// byte of a long document for every name in it.
    fn find_full_name(&self, surname: &str, pos: usize) -> Option<Span> {
        /// Most words between a given name and the surname ("Hillary Rodham", "Donald J.").
        const MAX_MIDDLE: usize = 2;
        /// How far around the mention to look, in bytes.
        const WINDOW: usize = 64 * 1024;
        let text = self.text;
        let lex = self.reader.lex;
        let lo = text.ceil_char_boundary(pos.saturating_sub(WINDOW));
        let hi = text.floor_char_boundary(pos + WINDOW);
        let mut found: Option<(Span, &str)> = None;
        for i in memchr::memmem::find_iter(&text.as_bytes()[lo..hi], surname.as_bytes()) {
            let i = lo + i;
            if text[i + surname.len()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let Some(before) = text[..i].strip_suffix(' ') else {
                continue;
            };
            // Most mentions follow a word in lower case ("said Graham"), which neither
            // reading below takes: found by bytes, before the words are split.
            let nearest = before
                .as_bytes()
                .iter()
                .rposition(|&b| b == b' ')
                .map_or(before, |k| &before[k + 1..]);
            if !nearest.starts_with(|c: char| c.is_uppercase()) {
                continue;
            }
            // The words before, nearest first: middle names or initials, then the given name.
            let mut start = None;
            let mut end = before.len();
            for (k, w) in before.rsplit(' ').enumerate() {
                if k > MAX_MIDDLE
                    || w.is_empty()
                    || !w.starts_with(|c: char| c.is_uppercase())
                    || !(w.chars().all(|c| c.is_alphabetic() || c == '-')
                        || (w.len() == 2 && w.ends_with('.')))
                {
                    break;
                }
                end -= w.len();
                if lex.given_name(w).is_some() {
                    start = Some((end, w));
                }
                end = end.saturating_sub(1);
            }
            let Some((at, given)) = start else {
                // "Tony Podesta" beside "John Podesta": a capitalised word before the surname
                // that is no title, role or function word may be another person's given name.
                let prev = nearest;
                let other = prev.chars().all(char::is_alphabetic)
                    && prev.starts_with(|c: char| c.is_uppercase())
                    && prev.chars().count() > 1
                    && !sentence_initial(text, i - prev.len() - 1)
                    && lowered(prev, |low| {
                        !lex.is_title(low)
                            && !lex.roles.contains(low)
                            && ![&lex.lead, &lex.stop, &lex.det, &lex.time, &lex.org_words]
                                .iter()
                                .any(|set| set.contains(low))
                    });
                if other {
                    return None;
                }
                continue;
            };
            match found {
                None => found = Some((Span::new(at, i + surname.len()), given)),
                Some((_, g)) if g.eq_ignore_ascii_case(given) => {}
                Some(_) => return None,
            }
        }
        found.map(|(span, _)| span)
    }

    /// Reported speech for a cue not used by a quotation: "X told Y that CONTENT",
    /// "CONTENT, X said." and "CONTENT, according to X".
    fn reported(&mut self, c: Cue, lo: usize, hi: usize) -> Option<(Found, Span)> {
        if c.ing || c.agent {
            return None;
        }
        if !c.right && self.passive(c.span) {
            // "We are now being told that …", "It was said that …": the subject was told, or
            // is no one; who said it is not said. (But "officials were worried that …"
            // reports what they thought.)
            let lex = self.reader.lex;
            let subject = self.text[..c.span.start]
                .split_whitespace()
                .rev()
                .find(|w| !lowered(w, |l| lex.skip.contains(l)));
            // ("Trump was asked whether …": the question is not his either.)
            if c.telling || c.asking || subject.is_some_and(|w| w.eq_ignore_ascii_case("it")) {
                return None;
            }
        }
        let text = self.text;
        let sent = last_sentence_start(text, lo, c.span.start);
        let end = first_sentence_end(text, c.span.end, hi);
        if c.right {
            // "CONTENT, according to X."
            let before = text[sent..c.span.start].trim_end();
            let comma = before.strip_suffix(',')?;
            let content = trim_span(text, Span::new(sent, sent + comma.len()));
            let np = self.reader.source(c.span.end, end)?;
            // A clause with a finite verb ("Meanwhile, her ratings have been rising,
            // according to …"), or the whole sentence round a source set off inside it ("At
            // the heart of the trouble, according to Ross, was a decision …"); not a phrase
            // set off before the source alone.
            let content = self.around_parenthetical(content, np.span.end, end, false)?;
            return self
                .reader
                .has_words(content.start, content.end, 3)
                .then_some((Found { np, cue: c.span }, content));
        }
        // "… said (to X) that CONTENT"
        let telling = c.telling;
        let tail = &text[c.span.end..end];
        let max_words = if telling {
            MAX_WORDS_TO_THAT_AFTER_ADDRESSEE
        } else {
            MAX_WORDS_TO_THAT
        };
        // Before its "that" a verb of telling may have its addressee, any other verb only
        // adjuncts ("said on Monday that", "wrote in a post that"): after an object "that"
        // is a relative pronoun ("proposed new rules that would end …"), and after a clause
        // it opens a clause inside the reported one ("said it determined that …").
        if let Some(k) = find_that(tail, max_words)
            && (telling || self.adjuncts_only(&tail[..k]))
            // "told host Chris Cuomo she believed that …": the "that" of a finite verb nearer
            // to it (a participle passes it on: "shot back in an article stating that …").
            && !self.cue_range(c.span.end, c.span.end + k).any(|j| {
                let d = self.cues[j];
                !(d.ing || d.agent || d.right)
            })
        {
            let that = c.span.end + k;
            let start = self.that_clause_start(that, end)?;
            let content = trim_span(text, Span::new(start, end));
            if !self.reader.has_words(content.start, content.end, 3) {
                return None;
            }
            let np = self.reader.left(sent, c.span.start)?;
            return Some((Found { np, cue: c.span }, strip_stop(text, content)));
        }
        // Reading the subject is the dearest step, and most cues outside quotations report
        // nothing: what needs no subject is tested first. "CONTENT, X said." needs a comma
        // before the cue and nothing but punctuation after it; "X said CONTENT" a clause
        // after the verb.
        let after = text[c.span.end..].trim_start();
        let inverted = (after.starts_with([',', '.', ';']) || after.is_empty())
            && text[sent..c.span.start].contains(',');
        // "X said CONTENT": a clause straight after the verb.
        let rest = trim_span(text, Span::new(c.span.end, end));
        let clause = |f: &mut Self| {
            if c.asking {
                f.indirect_question(rest)
            } else {
                (telling || !c.object)
                    .then(|| f.bare_clause(rest, telling))
                    .flatten()
            }
            .filter(|content| f.reader.has_words(content.start, content.end, 3))
        };
        let (np, content) = if inverted {
            (self.reader.left(sent, c.span.start)?, None)
        } else {
            let content = clause(self)?;
            (self.reader.left(sent, c.span.start)?, Some(content))
        };
        if np.span.end <= c.span.start
            && fronted_phrase_only(&text[sent..np.span.start])
            && let Some(content) = content.or_else(|| clause(self))
        {
            return Some((Found { np, cue: c.span }, strip_stop(text, content)));
        }
        if !inverted {
            return None;
        }
        // "CONTENT, X said."
        let before = text[sent..np.span.start].trim_end();
        let comma = before.strip_suffix(',')?;
        let mut content = trim_span(text, Span::new(sent, sent + comma.len()));
        if text[c.span.end..end].contains(char::is_alphanumeric) {
            // "Their job at this point, they argued, was to lock down states …".
            content = self.around_parenthetical(content, c.span.end, end, true)?;
        }
        self.reader
            .has_words(content.start, content.end, 3)
            .then_some((Found { np, cue: c.span }, content))
    }

    /// Where a reported clause that runs on into the quotations `marks` ends (`… thought the
    /// criticism was a "badge of honor."`, `… calls "…" – is "central" to …`): the quoted
    /// words are part of it, to the end of the sentence.
    fn through_quotations(&self, marks: &[Marked], para_end: usize) -> usize {
        let text = self.text;
        let mut end = marks[0].open.start;
        for (j, m) in marks.iter().enumerate() {
            let Some(close) = m.close else {
                break;
            };
            if m.content.text(text).trim_end().ends_with(['.', '!', '?']) {
                return close.end;
            }
            let next = marks.get(j + 1).map_or(para_end, |n| n.open.start);
            end = first_sentence_end(text, close.end, next);
            if end < next {
                break;
            }
        }
        strip_stop(text, trim_span(text, Span::new(marks[0].open.start, end))).end
    }

    /// The reported clause of an attribution set off after `before` and ending at `from`:
    /// `before` when it has a finite verb of its own (after a `verb` of saying, a main one:
    /// not in a subordinate clause), else the whole sentence to `end` when
    /// the clause goes on after the attribution ("Their job, they argued, was to …"), else
    /// nothing (a phrase set off before the attribution: "By Sept. 30, according to …").
    fn around_parenthetical(
        &self,
        before: Span,
        from: usize,
        end: usize,
        verb: bool,
    ) -> Option<Span> {
        let text = self.text;
        // "If this argument fails, he argues, there are other tools": a subordinate clause
        // before a verb of saying is no clause of its own; the main clause follows. (After
        // "according to X," come X's appositives as often as the rest of the clause.)
        let subordinate = verb
            && before
                .text(text)
                .split_whitespace()
                .next()
                .is_some_and(|w| lowered(w, |l| self.reader.lex.subordinators.contains(l)));
        let rest = text[from..end].trim_start().strip_prefix(',');
        if (!subordinate || rest.is_none()) && self.has_finite_verb(before.text(text)) {
            return Some(before);
        }
        let rest = rest?;
        // The clause without the attribution: its verb may open the rest ("And even that
        // question, he added, assumes …").
        let clause = format!("{} {rest}", before.text(text));
        self.has_finite_verb(&clause)
            .then(|| strip_stop(text, trim_span(text, Span::new(before.start, end))))
    }

    /// Whether the words between a verb and its "that" are adjuncts only: adverbs and time
    /// words, then nothing or a preposition ("said in a statement that", "said Monday
    /// that", "said repeatedly that"), not an object or a clause.
    fn adjuncts_only(&self, between: &str) -> bool {
        let lex = self.reader.lex;
        let (mut buf, mut owned) = ([0u8; 32], String::new());
        for raw in between.split_whitespace() {
            let w = lower_in(
                raw.trim_matches(|c: char| !c.is_alphanumeric()),
                &mut buf,
                &mut owned,
            );
            let adverb = (lex.skip.contains(w) && !self.finite_form(w) && !lex.be.contains(w))
                || (w.len() > 4 && w.ends_with("ly"));
            if adverb || lex.time.contains(w) {
                continue;
            }
            return lex.stop.contains(w) && !lex.clause.contains(w);
        }
        true
    }

    /// A finite form of "be" or a finite auxiliary, which shows a clause.
    fn finite_form(&self, w: &str) -> bool {
        let lex = self.reader.lex;
        lex.finite.contains(w) || lex.cue_auxiliaries.contains(w)
    }

    /// Where the reported clause after the "that" at `that` starts: after it when it is the
    /// complementiser, at it when it is the clause's subject ("Podesta said that wasn't a
    /// useful comparison"); none when it is a pronoun for a noun phrase ("a third said that
    /// of Cruz's campaign").
    fn that_clause_start(&self, that: usize, end: usize) -> Option<usize> {
        let after = that + "that".len();
        let (mut buf, mut owned) = ([0u8; 32], String::new());
        let next = lower_in(
            self.text[after..end]
                .split_whitespace()
                .next()
                .unwrap_or("")
                .trim_matches(|c: char| !c.is_alphanumeric()),
            &mut buf,
            &mut owned,
        );
        if next == "of" {
            return None;
        }
        if self.finite_form(next) {
            return Some(that);
        }
        // `said that, if elected, he'd leave …`
        let skipped = self.text[after..end]
            .trim_start_matches(|c: char| c == ',' || c.is_whitespace())
            .len();
        Some(end - skipped)
    }

    /// The question a verb of asking reports, after its addressee: from "if" or "whether"
    /// before a clause, or from a question word ("asked Clinton whether Trump benefits …",
    /// "asked Richards what impact she has seen"). Not "asked leaders to disavow …", a
    /// request, nor "asked agencies that dealt with …", a relative clause.
    fn indirect_question(&self, rest: Span) -> Option<Span> {
        let text = self.text;
        let s = rest.text(text);
        let lex = self.reader.lex;
        for w in s.split_whitespace().take(MAX_WORDS_TO_THAT_AFTER_ADDRESSEE) {
            let at = w.as_ptr() as usize - s.as_ptr() as usize;
            let word = w.trim_end_matches(|c: char| !c.is_alphanumeric());
            let (polar, wh) = lowered(word, |l| {
                (
                    matches!(l, "if" | "whether"),
                    matches!(
                        l,
                        "what" | "why" | "how" | "who" | "when" | "where" | "which"
                    ),
                )
            });
            if word.len() == w.len() && (wh || polar && self.clause_like(&s[at + w.len()..])) {
                return Some(Span::new(rest.start + at, rest.end));
            }
            if w.ends_with([',', ';', ':'])
                || w.contains(['"', '“', '”'])
                || lowered(w, |l| lex.stop.contains(l))
            {
                return None;
            }
        }
        None
    }

    /// The reported clause in `rest`, the words after a verb with no "that": all of them
    /// when they open like a clause ("Friends say Manafort has not lived …"); after a verb
    /// of telling, those after its addressee when a subject pronoun opens them ("told
    /// reporters he would run"). An object is no reported speech ("Buchanan recalled the
    /// strategy deployed by …", "White defended the agency's performance, noting …").
    fn bare_clause(&self, rest: Span, telling: bool) -> Option<Span> {
        let text = self.text;
        let s = rest.text(text);
        let lex = self.reader.lex;
        if telling {
            let mut words = s.split_whitespace();
            for _ in 0..MAX_ADDRESSEE_WORDS {
                let w = words.next()?;
                if w.ends_with([',', ';', ':'])
                    || w.contains(['"', '“', '”'])
                    || lowered(w, |l| lex.stop.contains(l))
                {
                    return None;
                }
                let next = words.clone().next()?;
                let at = next.as_ptr() as usize - s.as_ptr() as usize;
                if lowered(next, |low| lex.pronoun(low).is_some()) && self.clause_like(&s[at..]) {
                    return Some(Span::new(rest.start + at, rest.end));
                }
            }
            return None;
        }
        let (mut buf, mut owned) = ([0u8; 32], String::new());
        let first = lower_in(first_word(s)?, &mut buf, &mut owned);
        (first.starts_with(char::is_alphanumeric)
            && !lex.stop.contains(first)
            && !lex.skip.contains(first)
            && self.clause_like(s))
        .then_some(rest)
    }

    /// Whether `s` opens like a finite clause: a subject pronoun first, or a finite verb
    /// within its first twelve words, before any comma, quotation mark, relative pronoun or
    /// infinitive "to", and not right after "and", "or" or "but".
    fn clause_like(&self, s: &str) -> bool {
        self.finite_clause(s, true)
    }

    /// Whether a finite verb stands anywhere in the first words of `s`, appositions and
    /// relative clauses included ("Clinton, a former secretary of state, attended …").
    fn has_finite_verb(&self, s: &str) -> bool {
        self.finite_clause(s, false)
    }

    /// [`Finder::clause_like`] when `opening`, else [`Finder::has_finite_verb`].
    fn finite_clause(&self, s: &str, opening: bool) -> bool {
        let max_words = if opening { 12 } else { 40 };
        let lex = self.reader.lex;
        let mut prev = "";
        let mut words = s.split_whitespace().take(max_words).peekable();
        let mut n = 0;
        // Each word lower-cased into one buffer (allocated once, and cheaper per word than
        // the stack copy of `lower_in`, which validates it); the word before only when a
        // verb form is weighed, which few words need.
        let mut buf = String::with_capacity(32);
        while let Some(raw) = words.next() {
            let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
            if w.is_empty() {
                if opening {
                    return false;
                }
                continue;
            }
            let low = lower_into(w, &mut buf);
            let class = lex.class_of(low);
            let verb = class.any(Class::FINITE | Class::CUE_AUXILIARY | Class::IRREGULAR_PAST);
            if n == 0 {
                if low == "there" || lex.pronoun_in(low, class).is_some() {
                    return words.peek().is_some();
                }
            } else if opening && matches!(prev, "and" | "or" | "but") {
                // "went on national television and chastised Snyder": a second verb of the
                // sentence's own subject, or a subject still running on ("Trump and Cruz").
                if verb || (low.len() > 4 && low.ends_with("ed")) {
                    return false;
                }
            } else if verb {
                return true;
            } else if opening && low == "to" {
                // An object and an infinitive: "asked readers to guess …", "urged Obama to
                // fire …".
                return false;
            } else if opening && matches!(low, "that" | "which" | "who" | "whom" | "whose") {
                // A verb after a relative pronoun is the relative clause's ("the strategy
                // that they used").
                return false;
            } else if w.starts_with(char::is_lowercase) && !w.contains('-') {
                let possessive = prev.ends_with("'s") || prev.ends_with("’s");
                let ed = low.len() > 4 && low.ends_with("ed");
                let s_form = low.len() > 2 && low.ends_with('s') && !low.ends_with("ss");
                let after_plural = prev.ends_with('s') && !possessive;
                // Most words are none of these, and need no look-ups.
                if (ed || s_form || after_plural)
                    && lowered(prev, |prev_low| {
                        self.verb_form(&words, low, prev, prev_low, possessive, opening)
                    })
                {
                    return true;
                }
            }
            if opening && (raw.ends_with([',', ';', ':']) || raw.contains(['"', '“', '”'])) {
                return false;
            }
            prev = w;
            n += 1;
        }
        false
    }

    /// Whether the word `low` (lower-cased), after `prev` (`prev_low` lower-cased, a
    /// `possessive` or not) and before `words`, is a finite verb form: a past in -ed, a
    /// present in -s, or a verb after a plural subject with an object after it.
    fn verb_form<'w>(
        &self,
        words: &std::iter::Peekable<impl Iterator<Item = &'w str> + Clone>,
        low: &str,
        prev: &str,
        prev_low: &str,
        possessive: bool,
        opening: bool,
    ) -> bool {
        let lex = self.reader.lex;
        let (mut buf, mut owned) = ([0u8; 32], String::new());
        let next = words.clone().next().map_or("", |n| {
            lower_in(
                n.trim_matches(|c: char| !c.is_alphanumeric()),
                &mut buf,
                &mut owned,
            )
        });
        // An object after the word makes it a verb: "feel the same", "yields a bump",
        // "prides itself".
        let object = || {
            (lex.det.contains(next) && next != "that")
                || lex.objects.contains_key(next)
                || next.ends_with("self")
        };
        // "many doubted her", not "the proposed rule" or "a plan deployed by".
        if low.len() > 4
            && low.ends_with("ed")
            && next != "by"
            && (!lex.det.contains(prev_low) || object())
        {
            return true;
        }
        // "Clinton wants", "each year yields a bump", not "Rubio's positions on", nor
        // "Republican leaders to …" (a role in the plural is a verb only before an object:
        // "Smith heads the agency").
        let role_plural = || low.strip_suffix('s').is_some_and(|w| lex.roles.contains(w));
        if low.len() > 2
            && low.ends_with('s')
            && !low.ends_with("ss")
            && !possessive
            && ![&lex.det, &lex.stop, &lex.skip, &lex.lead, &lex.time]
                .iter()
                .any(|set| set.contains(low))
            && ((prev.starts_with(char::is_uppercase) && !role_plural())
                // (Whole sentences: "The contract covers about 100 workers".)
                || (!opening && low.len() > 3 && !lex.det.contains(prev_low))
                || object())
        {
            return true;
        }
        // "his friends feel the same".
        prev_low.ends_with('s')
            && !possessive
            && !low.ends_with("ly")
            && object()
            && ![
                &lex.stop,
                &lex.skip,
                &lex.det,
                &lex.time,
                &lex.locative,
                &lex.approximators,
                &lex.addressee,
            ]
            .iter()
            .any(|set| set.contains(low))
    }
}

/// `f` of `w` lower-cased. Short ASCII words, nearly all of them, are lower-cased on the
/// stack: these tests run for words around every cue, and `str::to_lowercase` allocated for
/// each (27 allocations per article of PolNeAR dev in the quotation pass).
fn lowered<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 32];
    let mut owned = String::new();
    f(lower_in(w, &mut buf, &mut owned))
}

/// `w` lower-cased into `buf` (cleared first), ASCII by bytes, else by `str::to_lowercase`
/// (for its final-sigma rule).
fn lower_into<'b>(w: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    if w.is_ascii() {
        buf.push_str(w);
        buf.make_ascii_lowercase();
    } else {
        buf.push_str(&w.to_lowercase());
    }
    buf
}

/// `w` lower-cased: `w` itself when it is ASCII with no capital (most words of running
/// text), else copied into `buf` when it is short ASCII, else into `owned`.
fn lower_in<'b>(w: &'b str, buf: &'b mut [u8; 32], owned: &'b mut String) -> &'b str {
    if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return w;
    }
    if w.is_ascii() && w.len() <= buf.len() {
        let b = &mut buf[..w.len()];
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        if let Ok(l) = std::str::from_utf8(b) {
            return l;
        }
    }
    *owned = w.to_lowercase();
    owned
}

/// Transcripts: `"WALLACE: Let's start …"` is said by the speaker the label names.
fn transcript_label(text: &str, m: &Marked) -> Option<Found> {
    let c = m.content.text(text);
    let colon = c.get(..40.min(c.len()))?.find(':')?;
    let label = &c[..colon];
    let letters = label.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2
        || !label
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '\'' | '’' | '-'))
    {
        return None;
    }
    let span = Span::new(m.content.start, m.content.start + colon);
    Some(Found {
        np: Np {
            span,
            name: span,
            title: None,
            kind: NpKind::Name,
            organisation: false,
        },
        cue: Span::new(span.end, span.end + 1),
    })
}

/// Whether `before` ends, on its last line, with a quotation closed by a comma, "?" or
/// "!" and at most six words after it: the place of an attribution (`"…," it read`,
/// `"…," read the statement`, `"…," a voice-over in the ad states`), not straight
/// after a participle.
fn just_after_quotation(before: &str) -> bool {
    let line = before.rsplit('\n').next().unwrap_or("");
    for (n, t) in line.split_whitespace().rev().enumerate() {
        let inner = t.trim_end_matches(CLOSING_MARKS);
        if inner.len() < t.len() && inner.ends_with([',', '?', '!']) {
            return true;
        }
        // `"…," giving states more power`: after a participle it is its object.
        if n == 6
            || n == 0 && t.ends_with("ing")
            || !t
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '\'' | '’'))
        {
            return false;
        }
    }
    false
}

/// Whether the rest of a sentence after a verb goes on, past a few words at most, to a
/// comma or colon and a quotation the verb introduces ("would tell reporters: "…"", "had
/// written just a few years earlier, "…""). A bare infinitive or a participle is a cue only
/// then: elsewhere it takes other objects ("should add back the "Golden Week"", "can ask
/// the convention to vote").
fn introduces_quotation(after: &str) -> bool {
    const MAX_WORDS: usize = 6;
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in after.char_indices() {
        if c.is_alphanumeric() || (in_word && matches!(c, '.' | '\'' | '’' | '-')) {
            if !in_word {
                words += 1;
                if words > MAX_WORDS {
                    return false;
                }
            }
            in_word = true;
        } else if c == ' ' {
            in_word = false;
        } else if matches!(c, ',' | ':') {
            return after[i + 1..]
                .trim_start_matches(' ')
                .starts_with(OPENING_MARKS);
        } else {
            return false;
        }
    }
    false
}

/// Whether `text[lo..to]` opens with a fronted question phrase ("Asked whether …",
/// "But when asked how …"); if so, where the asker follows "by" ("Asked by Thrush if …").
/// A phrase closed by a comma before the quotation is not it: the quotation is the answer
/// (`When asked about the plan, "…," Smith said`).
fn asked_phrase(text: &str, lo: usize, to: usize) -> Option<Option<usize>> {
    let head = text[lo..to].trim_start();
    if head.trim_end().ends_with(',') {
        return None;
    }
    let mut rest = head;
    for w in ["But ", "And ", "When ", "when "] {
        rest = rest.strip_prefix(w).unwrap_or(rest);
    }
    let rest = rest
        .strip_prefix("Asked ")
        .or_else(|| rest.strip_prefix("asked "))?;
    Some(rest.strip_prefix("by ").map(|r| to - r.len()))
}

/// The words a description may put between an addressee's preposition and its name ("to
/// the Dutch newspaper NRC Handelsblad").
const MAX_WORDS_BEFORE_ADDRESSEE: usize = 4;

/// Whether `before`, the words of a sentence before its subject, are nothing or a short
/// phrase set off by a comma ("Late last year, the department said …"), not a clause that
/// the verb's words may belong to.
fn fronted_phrase_only(before: &str) -> bool {
    const MAX_WORDS: usize = 6;
    let before = before.trim();
    before.is_empty()
        || (before.ends_with(',')
            && before.split_whitespace().count() <= MAX_WORDS
            && !before.contains(['"', '“', '”']))
}

/// Most words between a verb and its "that": adjuncts ("said in a statement Monday that").
const MAX_WORDS_TO_THAT: usize = 5;

/// Most words between a verb of telling and its "that": the addressee and adjuncts ("told
/// The Post and Courier newspaper of Charleston on Saturday that").
const MAX_WORDS_TO_THAT_AFTER_ADDRESSEE: usize = 10;

/// Most words of an addressee before a reported clause without "that" ("told reporters he").
const MAX_ADDRESSEE_WORDS: usize = 4;

/// Byte offset of "that" as the first clause word of `tail` (allowing at most `max_words`
/// between: "told the Daily Beast that"), with no punctuation before it.
fn find_that(tail: &str, max_words: usize) -> Option<usize> {
    // Read by bytes while the text is ASCII (it runs after every cue outside quotations,
    // and splitting at `char::is_whitespace` decodes every char); from the first other
    // byte, by chars from the start.
    let b = tail.as_bytes();
    let space = |c: u8| ascii_space(&c);
    let mut words = 0;
    let mut i = 0;
    loop {
        while i < b.len() && space(b[i]) {
            i += 1;
        }
        if i == b.len() {
            return None;
        }
        let start = i;
        while i < b.len() && !space(b[i]) {
            if !b[i].is_ascii() {
                return find_that_by_chars(tail, max_words);
            }
            i += 1;
        }
        let t = &tail[start..i];
        if t == "that" || t == "that," {
            return Some(start);
        }
        words += 1;
        if words > max_words || t.ends_with([',', ';', ':', '.']) || t.contains('"') {
            return None;
        }
    }
}

/// [`find_that`] by chars.
fn find_that_by_chars(tail: &str, max_words: usize) -> Option<usize> {
    let mut words = 0;
    let mut pos = 0;
    for w in tail.split_inclusive(char::is_whitespace) {
        let t = w.trim();
        // (`said that, if elected, he'd …`)
        if t == "that" || t == "that," {
            return Some(pos + (w.len() - w.trim_start().len()));
        }
        if !t.is_empty() {
            words += 1;
            if words > max_words || t.ends_with([',', ';', ':', '.']) || t.contains(['"', '“', '”'])
            {
                return None;
            }
        }
        pos += w.len();
    }
    None
}

/// `s.trim_end_matches(pat)` without setting up a substring searcher for `pat`.
fn trim_all_end<'s>(mut s: &'s str, pat: &str) -> &'s str {
    while let Some(rest) = s.strip_suffix(pat) {
        s = rest;
    }
    s
}

fn trim_span(text: &str, s: Span) -> Span {
    super::text::trim(text, s)
}

fn strip_stop(text: &str, s: Span) -> Span {
    let t = s.text(text);
    let u = t.trim_end_matches(['.', ',', ';', ':']);
    Span::new(s.start, s.start + u.len())
}

/// Most words a title of a work may have.
const MAX_TITLE_WORDS: usize = 8;

/// The title of a work or a show after its owner's possessive ("CNN's "Morning Joe"",
/// "Springsteen's "American Skin""), a noun for a work ("his book, "Trump and Me,"") or a
/// preposition ("an appearance on "CBS This Morning""): capitalised words that name
/// something, not words anyone says.
fn work_title(text: &str, m: &Marked, lex: &Lexicon) -> bool {
    let before = text[..m.open.start].trim_end();
    let before = before.strip_suffix(',').unwrap_or(before);
    let owner = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let (mut buf, mut owned) = ([0u8; 32], String::new());
    let owner_low = lower_in(owner, &mut buf, &mut owned);
    // "“Daily Show” host Trevor Noah", "the “Avatar” star": a title modifying a role noun.
    let role_after = m.close.is_some_and(|c| {
        let next = text[c.end..]
            .split(|ch: char| !(ch.is_alphanumeric() || ch == '-'))
            .find(|w| !w.is_empty())
            .unwrap_or("");
        next.chars().all(|ch| ch.is_lowercase() || ch == '-')
            && text[c.end..].starts_with([' ', '\u{a0}'])
            && lex.work_roles.contains(next)
    });
    // "“Perfect Enough: …” by George Anders": a title and its author.
    let author_after = m.close.is_some_and(|c| {
        let rest = text[c.end..].trim_start_matches([',', ' ', '\u{a0}']);
        rest.strip_prefix("by ")
            .is_some_and(|r| r.starts_with(char::is_uppercase))
    });
    if !(owner.ends_with("’s")
        || owner.ends_with("'s")
        // "CBS' “60 Minutes”"
        || owner.len() > 2
            && owner
                .strip_suffix(['\'', '’'])
                .is_some_and(|o| o.ends_with(['s', 'S']))
        || lex.works.contains(owner_low)
        || lex.title_prepositions.contains(owner_low)
        || role_after
        || author_after)
    {
        return false;
    }
    title_case(text, m)
}

/// Quoted words capitalised as a title is ("America's Unwritten Constitution", "The Lead
/// with Jake Tapper"): at most [`MAX_TITLE_WORDS`], the first capitalised, each after it
/// short, a preposition or capitalised.
fn title_case(text: &str, m: &Marked) -> bool {
    let content = m.content.text(text);
    let mut words = content
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty());
    let cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let Some(first) = words.next() else {
        return false;
    };
    // A subtitle after a colon does not count ("Backfire: Carly Fiorina's High-Stakes
    // Battle for the Soul of Hewlett-Packard").
    let main_words = match content.split_once(':') {
        Some((main, _)) => main.split_whitespace().count(),
        None => content
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count(),
    };
    main_words <= MAX_TITLE_WORDS
        && (cap(first) || first.chars().next().is_some_and(|c| !c.is_alphabetic()))
        && std::iter::once(first).chain(words).all(|w| {
            w.chars().count() < 4
                || cap(w)
                || matches!(w, "with" | "from" | "into" | "onto" | "upon" | "over")
        })
}

/// Embedded in the reporter's sentence ("could be “gambling …”") rather than set off.
fn quote_kind(text: &str, para_start: usize, m: &Marked) -> QuoteKind {
    let before = text[para_start..m.open.start].trim_end();
    let prev = before.chars().next_back();
    let first = m.content.text(text).chars().next();
    if prev.is_some_and(char::is_alphanumeric) && first.is_some_and(|c| !c.is_uppercase()) {
        QuoteKind::Partial
    } else {
        QuoteKind::Direct
    }
}

/// The quotations and reported speech of `doc`; `hits` are the matches of the lexicon's
/// cue patterns in the text (`Lexicons::cue_hits`).
pub fn find(doc: &Doc<'_>, lex: &Lexicon, hits: &[Match]) -> Attribution {
    let text = doc.text;
    let mut f = Finder {
        text,
        cues: lex.cues_in(text, hits),
        reader: Reader::new(text, lex),
        reg: Registry::new(),
        prev_subject: None,
        full_names: HashMap::default(),
        quoted: Vec::with_capacity(PER_PARAGRAPH * 4),
    };
    // Room for a quotation every 300 bytes (PolNeAR dev has one every 460): sized once
    // rather than regrown from nothing.
    let mut out = Attribution {
        quotes: Vec::with_capacity(text.len() / 300 + 4),
        reported: Vec::with_capacity(text.len() / 600 + 4),
        speakers: Vec::new(),
    };
    // Lists of each paragraph's pass, reused from paragraph to paragraph.
    let mut marks: Vec<Marked> = Vec::with_capacity(PER_PARAGRAPH);
    let mut found: Vec<Option<Found>> = Vec::with_capacity(PER_PARAGRAPH);
    let mut used: Vec<Span> = Vec::with_capacity(PER_PARAGRAPH);
    let mut reported: Vec<(Found, Span)> = Vec::with_capacity(PER_PARAGRAPH);
    let mut order: Vec<(usize, bool, usize)> = Vec::with_capacity(PER_PARAGRAPH);
    let mut attrs: Vec<Option<Attr>> = Vec::with_capacity(PER_PARAGRAPH);
    let mut rep_attrs: Vec<Option<Attr>> = Vec::with_capacity(PER_PARAGRAPH);
    // Per report of a question: the one asked, who is expected to answer.
    let mut rep_asked: Vec<Option<Attr>> = Vec::new();
    let mut own: Vec<Option<Attr>> = Vec::new();
    // The attribution of the latest quotation or reported speech, and in which paragraph.
    let mut last: Option<(Attr, usize)> = None;
    // A speaker introduced by a colon at the end of the previous paragraph.
    let mut intro: Option<Attr> = None;
    // The same without a speech verb ("Republican pollster Daron Shaw:").
    let mut soft_intro: Option<Found> = None;
    let mut prev_open = false;
    // The previous paragraph, when it has no quotation marks: a quotation standing alone
    // after it may be its subject's ("Valastro praised Christie's leadership. ¶ "…"").
    let mut plain_before: Option<(Span, usize)> = None;
    let mut ord = 0usize;
    for (pi, p) in doc.paragraphs.iter().enumerate() {
        if p.boilerplate {
            continue;
        }
        ord += 1;
        let ps = p.span;
        // The paragraph after this one, for a signature on a line of its own.
        let next_para = doc.paragraphs[pi + 1..]
            .iter()
            .find(|q| !q.boilerplate)
            .map(|q| q.span);
        marks.clear();
        marks::scan(text, ps, &mut marks);
        if p.kind == BlockKind::Blockquote {
            // The importer's block quotation is quoted whole ("I" in it is not the writer),
            // the marks inside it with it. (A paragraph after a colon is not: the colon may
            // as well introduce the article's own list.)
            f.quoted.push(ps);
            // Shown in full unless marks already cover it.
            let covered = marks.len() == 1 && marks[0].outer().len() + 2 >= ps.len();
            if !covered {
                out.quotes.push(Quote {
                    span: ps,
                    attribution: intro
                        .take()
                        .unwrap_or(Attr {
                            speaker: None,
                            mention: None,
                            cue: None,
                        })
                        .into_attributed(QuoteKind::Block),
                });
            }
        } else {
            f.quoted.extend(marks.iter().map(Marked::outer));
            if let Some(a) = intro
                && marks.first().is_none_or(|m| m.open.start > ps.start)
            {
                out.quotes.push(Quote {
                    span: ps,
                    attribution: a.into_attributed(QuoteKind::Block),
                });
            }
        }

        // 1. Each quotation's own attribution.
        found.clear();
        // Where the words before quotation `k` start: after the one before it, or at the
        // paragraph's start.
        let end_before = |k: usize| {
            if k > 0 {
                marks[k - 1].outer().end
            } else {
                ps.start
            }
        };
        for (i, m) in marks.iter().enumerate() {
            let prev_end = end_before(i);
            let next_start = marks.get(i + 1).map_or(ps.end, |n| n.open.start);
            let lo = last_sentence_start(text, prev_end, m.open.start);
            let last_char = m
                .content
                .text(text)
                .trim_end_matches(['’', '\'', ')', ']'])
                .chars()
                .next_back();
            let after_first = matches!(last_char, Some(',' | '?' | '!' | '—' | '–' | '-'));
            let mut r = None;
            if let Some(c) = m.close {
                let hi = first_sentence_end(text, c.end, next_start);
                if after_first && last_char == Some(',') {
                    r = f.fronted_clause(lo, m.open.start);
                }
                if after_first && r.is_none() {
                    r = f.after(c.end, hi);
                    if r.is_none()
                        && hi == next_start
                        && let Some(n) = marks.get(i + 1)
                        && let Some(nc) = n.close
                        && !f.reader.has_words(n.content.start, n.content.end, 4)
                        && !n
                            .content
                            .text(text)
                            .trim_end()
                            .ends_with(['.', '!', '?', ','])
                    {
                        // `"…," Bill Eastland, wearing "Ted Cruz" campaign pins, said`: a short
                        // name in quotation marks inside the attribution.
                        let after_next = marks.get(i + 2).map_or(ps.end, |x| x.open.start);
                        r = f.after(c.end, first_sentence_end(text, nc.end, after_next));
                    }
                }
                if r.is_none() {
                    r = f.before(lo, m.open.start);
                }
                if r.is_none() {
                    r = f.fronted_participle(lo, m.open.start, c.end, hi);
                }
                if r.is_none() && !after_first {
                    r = f.after(c.end, hi);
                    if last_char == Some('.')
                        && let Some(x) = r
                        // `"…." said Ann Lee, a parent of a student.`: an inverted verb only
                        // ever attributes the quotation before it.
                        && x.np.span.start < x.cue.start
                        && (f.reader
                            .has_words(x.cue.end.max(x.np.span.end).min(hi), hi, 4)
                            // `"…." Russia insisted that Pyongyang "…"`: the verb's
                            // complement runs on to the next quotation.
                            || hi == next_start
                                && i + 1 < marks.len()
                                && (text[x.cue.end..hi].chars().any(char::is_alphanumeric)
                                    // `"…." Of course, Clinton said, "…"`: the verb
                                    // introduces the next quotation.
                                    || matches!(text[x.cue.end..hi].trim(), "," | ":")))
                    {
                        // `"… character." Reid said both …`: the full stop ended the
                        // quotation's sentence; the next sentence reports something else.
                        r = None;
                    }
                }
                if r.is_none() && after_first {
                    // `"…," an angry Hollande retaliated.`
                    r = f.manner_after(c.end, hi);
                }
            } else {
                r = f.before(lo, m.open.start);
            }
            if r.is_none()
                && lo == prev_end
                && i > 0
                && (title_case(text, &marks[i - 1])
                    || found[i - 1].is_none()
                        && !f.reader.has_words(
                            marks[i - 1].content.start,
                            marks[i - 1].content.end,
                            MAX_WORDS_SCARE_QUOTE_IN_ATTRIBUTION + 1,
                        ))
            {
                // `As Akhil Amar, author of "America's Unwritten Constitution," put it, "…"`,
                // `Kerpen needled the CNN "reporter," saying, "…"`: a short quoted title or
                // term inside the attribution.
                let title = marks[i - 1].outer();
                let lo = last_sentence_start(text, end_before(i - 1), title.start);
                r = f
                    .before(lo, m.open.start)
                    .filter(|x| x.np.span.end <= title.start && x.cue.start >= title.end);
            }
            if r.is_none()
                && let Some(c) = m.close
            {
                r = f.closing_parenthetical(c.end, first_sentence_end(text, c.end, next_start));
            }
            if r.is_none() {
                r = f.colon_intro(lo, m.open.start);
            }
            if r.is_none() {
                r = transcript_label(text, m);
            }
            if r.is_none()
                && let Some(c) = m.close
            {
                r = f.dash(c.end, next_start);
                if r.is_none()
                    && i + 1 == marks.len()
                    && let Some(np) = next_para
                    && text[c.end..ps.end].chars().all(|c| !c.is_alphanumeric())
                {
                    // `"…" ¶ - Sanders.`: a signature closing the quotation on its own line,
                    // perhaps with where the signer is from (`- Michelle Marks, Philadelphia.`).
                    r = f.dash(np.start, np.end).filter(|x| {
                        let rest = &text[x.np.span.end..np.end];
                        rest.chars().all(|c| !c.is_alphanumeric())
                            || rest.starts_with(',')
                                && !rest.contains(['"', '“', '”'])
                                && !f.reader.has_words(
                                    x.np.span.end,
                                    np.end,
                                    MAX_SIGNATURE_APPOSITIVE_WORDS + 1,
                                )
                    });
                }
            }
            if r.is_none() {
                // "Trump's claim that Obama "founded ISIS"": a noun for something said.
                r = f.noun_cue(lo, m.open.start);
            }
            if r.is_none() && lo > prev_end {
                // `Miller said pleasantly. "We're talking …"`: the previous sentence's speaker;
                // a described one only when the attribution closes that sentence (`…, the
                // editorial board writes. "…"`).
                r = f.before(prev_end, lo).filter(|x| {
                    x.np.kind != NpKind::Described
                        || text[x.cue.end.max(x.np.span.end)..lo]
                            .chars()
                            .all(|c| !c.is_alphanumeric())
                });
                // But a clause of its own before the quotation has its own subject, nearer
                // than that speaker (`…, Chris Dodd said. But they discussed how the law "…"`),
                // unless that subject is only a capitalised first word, which may be any
                // adjective ("Good information can …").
                if r.is_some()
                    && f.reader.has_words(lo, m.open.start, 2)
                    && !f.passive_intro(lo, m.open.start)
                    && let Some(own) = f.subject(lo, m.open.start)
                    && !f.lone_first_word(own.np)
                {
                    r = Some(own);
                }
            }
            if r.is_none()
                // A sentence that began before the previous quotation has its subject there,
                // and the quotation takes that one's attribution (`He called Ryan a "…" and
                // boasted how "nice" it is now "…"`).
                && (i == 0
                    || lo > prev_end
                    || text[prev_end..m.open.start].contains(',')
                    || marks[i - 1]
                        .content
                        .text(text)
                        .trim_end_matches(['’', '\'', '"', '”'])
                        .ends_with([',', '.', '!', '?', ':', ';']))
                && f.reader.has_words(m.content.start, m.content.end, MIN_UNATTRIBUTED_WORDS)
                && !f.passive_intro(lo, m.open.start)
            {
                r = f.subject(lo, m.open.start);
            }
            if let (Some(x), Some(c)) = (r, m.close)
                // `Her response was: "…?" Dalton Brody is …, according to its website`: a
                // quotation ending its sentence, attributed before it, is relayed by nothing
                // after it.
                && !(x.cue.start < m.open.start && matches!(last_char, Some('.' | '?' | '!')))
            {
                // `"…," Trump said, according to The New York Times`: the report the words
                // come through is the source.
                let hi = first_sentence_end(text, c.end, next_start);
                r = Some(
                    f.relayed(x, c.end, hi)
                        .or_else(|| f.relayed_before(x, lo))
                        .unwrap_or(x),
                );
            }
            if let (Some(x), Some(c)) = (r, m.close)
                && x.cue.start >= c.end
                && let Some(agent) = asked_phrase(text, lo, m.open.start)
            {
                // `Asked whether Clinton "has the integrity …," 75 percent said yes`: words
                // quoted in the question, the asker's, not the answer's.
                r = agent.and_then(|at| {
                    let np = f.reader.source(at, m.open.start)?;
                    Some(Found { np, cue: np.span })
                });
            }
            found.push(r);
        }

        // 2. Reported speech from the cues no quotation took.
        used.clear();
        used.extend(found.iter().flatten().map(|x| x.cue));
        reported.clear();
        let mut lo = ps.start;
        for i in 0..=marks.len() {
            let hi = marks.get(i).map_or(ps.end, |m| m.open.start);
            for k in f.cue_range(lo, hi) {
                let c = f.cues[k];
                if used.contains(&c.span) {
                    continue;
                }
                let Some((x, mut content)) = f.reported(c, lo, hi) else {
                    continue;
                };
                if let Some(m) = marks.get(i) {
                    let gap = &text[content.end..m.open.start];
                    if gap.trim() == "," {
                        // `… and went on to say, "…"`: words that introduce a quotation,
                        // whose speech is the quotation's. (After a colon the clause may be
                        // whole: `asserted that France had lost its identity: "…"`.)
                        continue;
                    }
                    if gap.trim().is_empty() {
                        content.end = f.through_quotations(&marks[i..], ps.end);
                    }
                }
                if content.start == ps.start && ord <= MAX_DATELINE_PARAGRAPH {
                    // "WASHINGTON (AP) — Donald Trump has invested …, according to …": the
                    // dateline is the agency's, not part of what is reported.
                    content.start += dateline_len(content.text(text));
                }
                reported.push((x, content));
            }
            if let Some(m) = marks.get(i) {
                lo = m.outer().end;
            }
        }

        // Reports whose words cross ("Weaver says [his streak is proof …], according to
        // the AP", where "according to" reports the whole clause before it): the later one
        // ends where the earlier one does, when all it has past that is the attribution
        // closing the earlier one.
        for j in 0..reported.len() {
            let b = reported[j].1;
            let end = reported
                .iter()
                .filter(|(x, a)| {
                    let closing = x.np.span.end.max(x.cue.end);
                    a.start < b.start
                        && b.start < a.end
                        && a.end < b.end
                        && a.end <= x.cue.start
                        && closing <= b.end
                        && !text[closing..b.end].contains(char::is_alphanumeric)
                })
                .map(|(_, a)| a.end)
                .min();
            if let Some(end) = end {
                reported[j].1 = trim_span(text, Span::new(b.start, end));
            }
        }

        // 3. Speaker phrases to speakers, in text order (pronouns look back).
        order.clear();
        order.extend(
            found
                .iter()
                .enumerate()
                .filter_map(|(i, x)| x.map(|x| (x.np.span.start, true, i)))
                .chain(
                    reported
                        .iter()
                        .enumerate()
                        .map(|(i, r)| (r.0.np.span.start, false, i)),
                ),
        );
        order.sort_unstable();
        attrs.clear();
        attrs.resize(marks.len(), None);
        rep_attrs.clear();
        rep_attrs.resize(reported.len(), None);
        rep_asked.clear();
        rep_asked.resize(reported.len(), None);
        for &(_, is_quote, i) in &order {
            if is_quote {
                attrs[i] = found[i].map(|x| f.resolve(x));
            } else {
                let (x, content) = reported[i];
                // "Obama was the first black president, he said.": the pronoun looks back
                // from before the clause it reports, which names other people.
                let pos = if content.end <= x.np.span.start {
                    content.start
                } else {
                    x.np.span.start
                };
                rep_attrs[i] = Some(f.resolve_at(x, pos));
                // "A reporter asked Sanders how he is feeling. He replied: …": the one
                // asked is mentioned after the asker, and answers next.
                if f.asks(x.cue)
                    && content.start > x.cue.end
                    && let Some(np) = f.reader.right(x.cue.end, content.start)
                    && np.kind == NpKind::Name
                {
                    let id = f.register_name(np);
                    rep_asked[i] = Some(Attr {
                        speaker: Some(id),
                        mention: Some(np.span),
                        cue: None,
                    });
                }
            }
        }

        // 4. Quotations without their own attribution.
        own.clear();
        own.extend_from_slice(&attrs);
        for i in 0..marks.len() {
            if attrs[i].is_some() {
                continue;
            }
            let prev = (0..i).rev().find_map(|j| attrs[j]);
            // `The "A" slogan shared by the "B" campaign …, he said.`: a later quotation of
            // the same sentence attributed after it, when the one before is of an earlier
            // sentence. Quotation `a` and the next one share a sentence when no stop ends one
            // between them; only a few quotations either way are looked at.
            let step = |a: usize| {
                first_sentence_end(text, marks[a].outer().end, marks[a + 1].open.start)
                    == marks[a + 1].open.start
                    && !marks[a]
                        .content
                        .text(text)
                        .trim_end_matches(['’', '\'', ')'])
                        .ends_with(['.', '!', '?'])
            };
            let later = || {
                let mut j = i + 1;
                while j < marks.len() && j <= i + SAME_SENTENCE_QUOTES && step(j - 1) {
                    if let Some(a) = own[j] {
                        return (a.cue?.start >= marks[j].outer().end).then_some(a);
                    }
                    j += 1;
                }
                None
            };
            let prev_here = (i.saturating_sub(SAME_SENTENCE_QUOTES)..i)
                .rev()
                .take_while(|&j| step(j))
                .any(|j| attrs[j].is_some());
            let prev = if prev_here { prev } else { later().or(prev) };
            // `"A." "B," he said.`: only across a gap with no words.
            let next = || {
                let j = i + 1;
                let gap = Span::new(marks[i].outer().end, marks.get(j)?.open.start);
                gap.text(text)
                    .chars()
                    .all(|c| !c.is_alphanumeric())
                    .then(|| own[j..].iter().find_map(|a| *a))
                    .flatten()
            };
            let opens_para = i == 0 && marks[0].open.start == ps.start;
            let carried = if opens_para {
                intro
                    .or_else(|| soft_intro.take().map(|x| f.resolve(x)))
                    .or_else(|| {
                        last.filter(|&(_, o)| prev_open || o + 1 == ord)
                            .map(|(a, _)| a)
                    })
            } else {
                None
            };
            attrs[i] = prev.or(if opens_para {
                carried.or_else(next).or_else(|| {
                    let (before, o) = plain_before?;
                    (o + 1 == ord && marks.len() == 1)
                        .then(|| f.closing_subject(before))
                        .flatten()
                })
            } else {
                next()
            });
        }

        // 5. Findings.
        for (i, m) in marks.iter().enumerate() {
            if work_title(text, m, lex) {
                continue;
            }
            let attr = match attrs[i] {
                Some(a) => a,
                None => {
                    if !f
                        .reader
                        .has_words(m.content.start, m.content.end, MIN_UNATTRIBUTED_WORDS)
                    {
                        continue;
                    }
                    Attr {
                        speaker: None,
                        mention: None,
                        cue: None,
                    }
                }
            };
            if let Some(s) = attr.speaker {
                f.reg.touch(s, m.content.start);
            }
            out.quotes.push(Quote {
                span: m.content,
                attribution: attr.into_attributed(quote_kind(text, ps.start, m)),
            });
        }
        for (i, r) in reported.iter().enumerate() {
            if let Some(a) = rep_attrs[i] {
                out.reported.push(Quote {
                    span: r.1,
                    attribution: a.into_attributed(QuoteKind::Direct),
                });
            }
        }

        // 6. What carries over to the next paragraph.
        let latest = marks
            .iter()
            .zip(&attrs)
            .filter_map(|(m, a)| a.map(|a| (m.content.start, a)))
            .chain(
                reported
                    .iter()
                    .zip(rep_attrs.iter().zip(&rep_asked))
                    .filter_map(|(r, (a, asked))| a.map(|a| (r.1.start, asked.unwrap_or(a)))),
            )
            .max_by_key(|(pos, _)| *pos)
            .map(|(_, a)| a);
        if let Some(a) = latest {
            last = Some((a, ord));
        }
        prev_open = marks.last().is_some_and(|m| m.close.is_none());
        plain_before = marks.is_empty().then_some((ps, ord));
        intro = None;
        soft_intro = None;
        let body = ps.text(text).trim_end();
        if body.ends_with(':') && !prev_open {
            let colon = ps.start + body.len() - 1;
            let from = marks.last().map_or(ps.start, |m| m.outer().end);
            let lo = last_sentence_start(text, from, colon);
            if let Some(x) = f.before(lo, colon) {
                intro = Some(f.resolve(x));
            } else {
                // Without a speech verb the colon only introduces a quotation in marks.
                soft_intro = f.colon_intro(lo, colon + 1);
            }
        }
    }
    out.quotes.sort_by_key(|q| (q.span.start, q.span.end));
    out.reported.sort_by_key(|q| (q.span.start, q.span.end));
    out.speakers = f.reg.into_speakers();
    out
}

#[cfg(test)]
mod tests;
