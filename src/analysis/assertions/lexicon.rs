//! The cue lexicon: data in `assets/lexicons/cues.tsv`, extendable by a user's own file.

use std::collections::HashMap;

use crate::analysis::WordSet;

use crate::model::Category;

/// How the context must look for a cue to count. Each rule is a small, documented
/// piece of grammar (see `rules.rs` and docs/analysis.md); the lexicon names one per cue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// No condition.
    None,
    /// "may" the modal, not the month.
    Modal,
    /// "could": not a negated past ability ("could not attend"); stronger in a conditional.
    Could,
    /// "would": weak alone, strong in a sentence with a conditional.
    CondBoost,
    /// "if": a conditional, not "if and only if", "as if", "if any".
    Conditional,
    /// "whether": not "regardless of whether".
    Whether,
    /// "possible": predicative ("it is possible that"), not "the highest possible score".
    Possible,
    /// "supposed": not "supposed to" (obligation).
    Supposed,
    /// "appears": followed by "to" or "that" ("appears to be"), not "appears in".
    ToThat,
    /// "suggest", "think": followed by a clause ("suggests that", "think it").
    Complement,
    /// "considered": not "considered for" / "considered in" (deliberation).
    Considered,
    /// "believe": not "believe in" (faith or trust in someone, not a proposition).
    Believe,
    /// "consider": with a subject that holds the view ("critics consider"), not the
    /// imperative "consider the following" or "we will consider".
    Consider,
    /// "one": "one analyst", "one Chinese official": a single unnamed person.
    OneOf,
    /// "thought": the verb ("is thought to"), not the noun ("Chinese thought").
    Thought,
    /// "regarded", "seen": "seen as", "regarded by", not "was seen in public".
    AsTo,
    /// "claimed": a claim of something ("claimed that", "claimed to"), not "claimed the title".
    Claim,
    /// "alleged", "accused": not negated ("did not allege").
    SpeechAct,
    /// "rumours", "allegations": not the object of a denial ("denied the rumours").
    NotDenied,
    /// "unnamed", "anonymous": followed by a person noun ("unnamed source").
    PeopleNext,
    /// "a source": not "a source of".
    ASource,
    /// "officials", "critics": followed closely by a speech or belief verb.
    SpeechNear,
    /// "some", "many": a vague group of people ("some analysts", "many believe"), not "some 200 people".
    Quantifier,
    /// "according to": followed by a vague source ("according to some reports").
    AccordingTo,
    /// A noun of belief or worry with its content clause: "the idea that", "concerns that".
    That,
    /// "the same": "the same analyst", a back-reference to an anonymous source named earlier
    /// in the text (the cue counts only after one).
    SameAnon,
}

impl Rule {
    fn parse(s: &str) -> Option<Rule> {
        Some(match s {
            "-" | "" => Rule::None,
            "modal" => Rule::Modal,
            "could" => Rule::Could,
            "cond_boost" => Rule::CondBoost,
            "conditional" => Rule::Conditional,
            "whether" => Rule::Whether,
            "possible" => Rule::Possible,
            "supposed" => Rule::Supposed,
            "to_that" => Rule::ToThat,
            "complement" => Rule::Complement,
            "considered" => Rule::Considered,
            "thought" => Rule::Thought,
            "believe" => Rule::Believe,
            "consider" => Rule::Consider,
            "one_of" => Rule::OneOf,
            "as_to" => Rule::AsTo,
            "claim" => Rule::Claim,
            "speech_act" => Rule::SpeechAct,
            "not_denied" => Rule::NotDenied,
            "people_next" => Rule::PeopleNext,
            "a_source" => Rule::ASource,
            "speech_near" => Rule::SpeechNear,
            "quantifier" => Rule::Quantifier,
            "according_to" => Rule::AccordingTo,
            "that" => Rule::That,
            "same_anon" => Rule::SameAnon,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub cue: String,
    pub category: Category,
    pub weight: f32,
    pub rule: Rule,
}

/// Cue words with categories and weights, plus the word classes the rules consult.
#[derive(Debug)]
pub struct Lexicon {
    entries: Vec<Entry>,
    classes: HashMap<String, Vec<String>>,
    /// Cues weighing less than this (after context) are not reported.
    pub threshold: f32,
    /// The weight of a figure with no source in its sentence.
    figure_weight: f32,
    /// The words of each class the rules consult, indexed by `Class`: probed for words
    /// around every cue hit, so found without looking the class up by name.
    class_words: Vec<ClassWords>,
}

/// The word classes the rules consult, by the names their `@class` lines give them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Class {
    MonthPrep,
    Be,
    Negation,
    Complementizer,
    Determiner,
    People,
    OpinionPeople,
    Speech,
    Denial,
    Attribution,
    FigureUnit,
    AnonPeople,
    VagueDet,
}

impl Class {
    const ALL: [Class; 13] = [
        Class::MonthPrep,
        Class::Be,
        Class::Negation,
        Class::Complementizer,
        Class::Determiner,
        Class::People,
        Class::OpinionPeople,
        Class::Speech,
        Class::Denial,
        Class::Attribution,
        Class::FigureUnit,
        Class::AnonPeople,
        Class::VagueDet,
    ];

    fn name(self) -> &'static str {
        match self {
            Class::MonthPrep => "month_prep",
            Class::Be => "be",
            Class::Negation => "negation",
            Class::Complementizer => "complementizer",
            Class::Determiner => "determiner",
            Class::People => "people",
            Class::OpinionPeople => "opinion_people",
            Class::Speech => "speech",
            Class::Denial => "denial",
            Class::Attribution => "attribution",
            Class::FigureUnit => "figure_unit",
            Class::AnonPeople => "anon_people",
            Class::VagueDet => "vague_det",
        }
    }

    fn parse(name: &str) -> Option<Class> {
        Class::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// The words of one class, lowercase. Most words probed are in no class: one whose
/// length or first byte no word of the class has is turned away before it is looked up.
#[derive(Debug, Default)]
struct ClassWords {
    /// Bit `n`: some word is `n` bytes long.
    lens: u64,
    /// Bit `b`: some word starts with byte `b`.
    firsts: [u64; 4],
    /// The words of up to `SHORT` bytes (most of them), packed into integers by `pack`,
    /// in an open-addressed table (0 is empty) twice their number or more.
    short: Vec<u64>,
    /// The longer words.
    long: WordSet<Box<[u8]>>,
}

/// A word of a class is matched only when `class \0 word` fits this many bytes (the key
/// the lookup once built on the stack); house lists may rely on it.
const KEY_MAX: usize = 64;

/// The longest word `pack` takes: seven bytes and the length fill a `u64`.
const SHORT: usize = 7;

/// `word` lowercased into an integer, with its length in the top byte so that no two
/// words share one; `None` when longer than `SHORT`.
fn pack(word: &[u8]) -> Option<u64> {
    if word.len() > SHORT {
        return None;
    }
    let mut k = (word.len() as u64) << 56;
    for (i, b) in word.iter().enumerate() {
        k |= u64::from(b.to_ascii_lowercase()) << (8 * i);
    }
    Some(k)
}

impl ClassWords {
    fn new(name: &str, words: &[String]) -> Self {
        let mut out = ClassWords::default();
        let mut short = Vec::new();
        for w in words {
            let w = w.as_bytes();
            if w.is_empty() || name.len() + 1 + w.len() > KEY_MAX {
                continue;
            }
            out.lens |= 1 << w.len();
            out.firsts[usize::from(w[0] >> 6)] |= 1 << (w[0] & 63);
            match pack(w) {
                Some(k) => short.push(k),
                None => {
                    out.long.insert(w.into());
                }
            }
        }
        out.short = vec![0; (2 * short.len()).next_power_of_two()];
        for k in short {
            let mut i = out.slot(k);
            while out.short[i] != 0 && out.short[i] != k {
                i = (i + 1) & (out.short.len() - 1);
            }
            out.short[i] = k;
        }
        out
    }

    /// Where the search for `k` in `short` starts.
    fn slot(&self, k: u64) -> usize {
        let bits = self.short.len().trailing_zeros();
        // The multiplication moves every byte of the word into the top bits.
        (k.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (63 - bits) >> 1) as usize
    }

    /// Whether `word` (any ASCII case) is one of the words.
    fn contains(&self, word: &[u8]) -> bool {
        let n = word.len();
        if n >= 64 || self.lens & (1 << n) == 0 {
            return false;
        }
        let first = word[0].to_ascii_lowercase();
        if self.firsts[usize::from(first >> 6)] & (1 << (first & 63)) == 0 {
            return false;
        }
        if let Some(k) = pack(word) {
            let mut i = self.slot(k);
            loop {
                match self.short[i] {
                    0 => return false,
                    x if x == k => return true,
                    _ => i = (i + 1) & (self.short.len() - 1),
                }
            }
        }
        let mut buf = [0u8; 64];
        let low = &mut buf[..n];
        low.copy_from_slice(word);
        low.make_ascii_lowercase();
        self.long.contains(&*low)
    }
}

const BUILTIN: &str = include_str!("../../../assets/lexicons/cues.tsv");

impl Lexicon {
    /// The lexicon shipped in `assets/lexicons/cues.tsv`.
    pub fn builtin() -> Self {
        Self::from_tsv(BUILTIN).expect("the built-in cue lexicon parses")
    }

    /// Parses a lexicon file (see the header of `assets/lexicons/cues.tsv` for the format).
    pub fn from_tsv(tsv: &str) -> Result<Self, String> {
        let mut lex = Lexicon {
            entries: Vec::new(),
            classes: HashMap::new(),
            threshold: 0.5,
            figure_weight: 0.5,
            class_words: Vec::new(),
        };
        lex.add_tsv(tsv)?;
        Ok(lex)
    }

    /// Adds the entries and words of another lexicon (an outlet's house list): a cue
    /// already present takes the new category, weight and rule.
    pub fn extend(&mut self, other: &Lexicon) {
        for e in &other.entries {
            self.upsert(e.clone());
        }
        for (name, words) in &other.classes {
            let mine = self.classes.entry(name.clone()).or_default();
            for w in words {
                if !mine.contains(w) {
                    mine.push(w.clone());
                }
            }
        }
        self.rebuild();
    }

    /// Parses `tsv` and adds it to this lexicon, like `extend`.
    pub fn add_tsv(&mut self, tsv: &str) -> Result<(), String> {
        for (n, line) in tsv.lines().enumerate() {
            let line = line.trim_end_matches(['\r', '\n']);
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            // Columns shown as "cue | category | weight": a debug-quoted line would show
            // `\t`, which means nothing to the editor of a house list.
            let err = |m: &str| {
                let shown = line.split('\t').collect::<Vec<_>>().join(" | ");
                format!("cue lexicon line {}: {m}: “{shown}”", n + 1)
            };
            match cols[0] {
                "@threshold" => {
                    self.threshold = cols
                        .get(1)
                        .and_then(|w| w.trim().parse().ok())
                        .ok_or_else(|| err("bad threshold"))?;
                }
                "@figure_weight" => {
                    self.figure_weight = cols
                        .get(1)
                        .and_then(|w| w.trim().parse().ok())
                        .ok_or_else(|| err("bad figure weight"))?;
                }
                "@class" => {
                    let name = cols.get(1).ok_or_else(|| err("class without a name"))?;
                    let words = cols.get(2).copied().unwrap_or("");
                    let mine = self.classes.entry(name.trim().to_string()).or_default();
                    for w in words.split_whitespace() {
                        let w = w.to_lowercase();
                        if !mine.contains(&w) {
                            mine.push(w);
                        }
                    }
                }
                cue => {
                    let cue = cue.trim();
                    if cue.is_empty() {
                        return Err(err("empty cue"));
                    }
                    let category = cols
                        .get(1)
                        .and_then(|c| Category::parse(c.trim()))
                        .ok_or_else(|| err("unknown category"))?;
                    let weight: f32 = cols
                        .get(2)
                        .and_then(|w| w.trim().parse().ok())
                        .filter(|w: &f32| (0.0..=1.0).contains(w))
                        .ok_or_else(|| err("weight must be a number in 0..=1"))?;
                    let rule = Rule::parse(cols.get(3).map_or("-", |r| r.trim()))
                        .ok_or_else(|| err("unknown rule"))?;
                    self.upsert(Entry {
                        cue: cue.to_string(),
                        category,
                        weight,
                        rule,
                    });
                }
            }
        }
        self.rebuild();
        Ok(())
    }

    fn upsert(&mut self, e: Entry) {
        match self
            .entries
            .iter_mut()
            .find(|x| x.cue.eq_ignore_ascii_case(&e.cue))
        {
            Some(x) => *x = e,
            None => self.entries.push(e),
        }
    }

    fn rebuild(&mut self) {
        let none = Vec::new();
        self.class_words = Class::ALL
            .iter()
            .map(|c| ClassWords::new(c.name(), self.classes.get(c.name()).unwrap_or(&none)))
            .collect();
    }

    pub fn figure_weight(&self) -> f32 {
        self.figure_weight
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub(super) fn entry(&self, pattern: usize) -> &Entry {
        &self.entries[pattern]
    }

    /// Whether `word` (any ASCII case) belongs to the word class `class`.
    pub fn in_class(&self, class: &str, word: &str) -> bool {
        if let Some(c) = Class::parse(class) {
            return self.has(c, word);
        }
        class.len() + 1 + word.len() <= KEY_MAX
            && self.classes.get(class).is_some_and(|words| {
                words
                    .iter()
                    .any(|w| w.as_bytes().eq_ignore_ascii_case(word.as_bytes()))
            })
    }

    /// Whether `word` (any ASCII case) belongs to `class`.
    pub(super) fn has(&self, class: Class, word: &str) -> bool {
        self.class_words[class as usize].contains(word.as_bytes())
    }
}
