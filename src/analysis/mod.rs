//! Text to findings: quotations with their speakers, reported speech, unverified
//! assertions and page furniture. Pure, deterministic, and independent of the case
//! and the GUI; every span is a byte range into the analysed text.

pub mod assertions;
pub mod boilerplate;
mod cue_scan;
pub mod quotes;
pub mod text;

use std::sync::OnceLock;

use crate::model::{Assertion, Attributed, Block, Span, Speaker};

/// What the analysis reads: the article text and, when the importer knows them, its blocks
/// (a blockquote block is a quotation even without quotation marks).
#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    pub text: &'a str,
    pub blocks: &'a [Block],
}

impl<'a> Input<'a> {
    pub fn plain(text: &'a str) -> Self {
        Self { text, blocks: &[] }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    /// The quoted words, quotation marks excluded.
    pub span: Span,
    pub attribution: Attributed,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AssertionFinding {
    /// The sentence or clause.
    pub span: Span,
    pub assertion: Assertion,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Findings {
    pub quotes: Vec<Quote>,
    pub reported: Vec<Quote>,
    pub assertions: Vec<AssertionFinding>,
    /// Indexed by the `SpeakerId`s in `quotes` and `reported`.
    pub speakers: Vec<Speaker>,
    pub boilerplate: Vec<Span>,
}

/// Every lexicon the analysis uses, loaded from `assets/lexicons` (and later user files).
#[derive(Debug)]
pub struct Lexicons {
    pub quotes: quotes::Lexicon,
    pub cues: assertions::Lexicon,
    pub boilerplate: boilerplate::Lexicon,
    /// One automaton over the cues of `quotes` and `cues`, so the text is read once.
    scan: cue_scan::CueScan,
    /// Recorded in each case so that findings can be traced to the lexicons that made them.
    pub version: String,
}

impl Lexicons {
    /// The lexicons shipped in `assets/`, parsed once per process.
    pub fn builtin() -> &'static Lexicons {
        static LEX: OnceLock<Lexicons> = OnceLock::new();
        LEX.get_or_init(|| {
            Lexicons::new(
                quotes::Lexicon::builtin(),
                assertions::Lexicon::builtin(),
                format!("builtin-{}", env!("CARGO_PKG_VERSION")),
            )
        })
    }

    fn new(quotes: quotes::Lexicon, cues: assertions::Lexicon, version: String) -> Self {
        let scan = cue_scan::CueScan::new(
            quotes.cue_patterns().iter().copied(),
            cues.entries().iter().map(|e| e.cue.as_str()),
        );
        Lexicons {
            quotes,
            cues,
            boilerplate: boilerplate::Lexicon::builtin(),
            scan,
            version,
        }
    }

    /// Every cue of both lexicons in `text`, for [`quotes::find`] and [`assertions::find`].
    pub fn cue_hits(&self, text: &str) -> cue_scan::Hits {
        self.scan.scan(text)
    }
}

impl Lexicons {
    /// The built-in lexicons with a user's cue list (an outlet's house list, in the format
    /// of `assets/lexicons/cues.tsv`) added: its cues, categories, weights and class words
    /// extend or override the built-in ones. The version names the list by a content hash,
    /// so a case records which list made its findings. An error names the bad line.
    pub fn with_user_cues(tsv: &str) -> Result<Lexicons, String> {
        let base = Lexicons::builtin();
        let user = assertions::Lexicon::from_tsv(tsv)?;
        let mut cues = assertions::Lexicon::builtin();
        cues.extend(&user);
        Ok(Lexicons::new(
            quotes::Lexicon::builtin(),
            cues,
            format!("{}+cues-{:016x}", base.version, content_hash(tsv)),
        ))
    }
}

/// A set of lexicon words, hashed with rustc's Fx hash: the word lists are consulted for
/// nearly every token, their keys are short words from the lexicons, where SipHash's
/// resistance to crafted collisions buys nothing, and Fx takes a word eight bytes at a time
/// (FNV-1a, a byte at a time, was 1.6 % of the whole analysis).
pub(crate) type WordSet<T> = rustc_hash::FxHashSet<T>;
/// A map from lexicon words, hashed as [`WordSet`]'s.
pub(crate) type WordMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// FNV-1a of the text: stable across builds and platforms (unlike `DefaultHasher`).
fn content_hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

pub fn analyze(input: Input<'_>, lex: &Lexicons) -> Findings {
    let units = text::units(input);
    let boilerplate = boilerplate::detect_in(input.text, &units, &lex.boilerplate);
    let doc = text::Doc::with_units(input.text, units, &boilerplate);
    let hits = lex.cue_hits(input.text);
    let quotes::Attribution {
        quotes,
        reported,
        speakers,
    } = quotes::find(&doc, &lex.quotes, &hits.speech);
    let assertions = assertions::find(&doc, &quotes, &lex.cues, &hits.assertions);
    Findings {
        quotes,
        reported,
        assertions,
        speakers,
        boilerplate,
    }
}
