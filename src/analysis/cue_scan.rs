//! One pass over the text for the cues of both lexicons: the speech cues of the quotation
//! engine and the cues of unverified assertions.
//!
//! A leftmost-longest automaton per lexicon meant two passes over every byte. One
//! automaton over both lists reports every occurrence of every cue (overlapping
//! matches), and each lexicon's leftmost-longest matches are then picked from those:
//! sorted by start, longest first, each taken when it starts after the last one taken.
//! That is exactly what the leftmost-longest search returns, and the single pass takes
//! less than half the time of the two (`benches/analysis.rs`).
//!
//! Both lexicons take cues on whole words only, so occurrences that start right after a
//! letter or a digit are dropped before the picking: otherwise "an insider" inside
//! "Republic|an insider|s" would be picked and hide the cue "insiders" after it.
//! (Reading only from word starts with an anchored automaton, instead of every byte,
//! was tried: stepping over the words cost more than the automaton, 30 M instructions a
//! MB against 24 M with the crate's overlapping iterator, and 15 M with the plain loop of
//! [`CueScan::scan`].)

use super::text::alnum_before;
use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, Match, MatchKind, PatternID};

/// Which lexicon a pattern of the joint automaton belongs to, and its index there.
#[derive(Clone, Copy, Debug)]
enum Owner {
    Speech(usize),
    Assertion(usize),
}

#[derive(Debug)]
pub struct CueScan {
    dfa: DFA,
    owners: Vec<Owner>,
}

/// Each lexicon's matches, leftmost-longest and in order, with pattern ids that index that
/// lexicon's own pattern list.
#[derive(Debug, Default)]
pub struct Hits {
    pub speech: Vec<Match>,
    pub assertions: Vec<Match>,
}

impl CueScan {
    /// Patterns are matched ASCII-case-insensitively, as written.
    pub fn new<'p>(
        speech: impl IntoIterator<Item = &'p str>,
        assertions: impl IntoIterator<Item = &'p str>,
    ) -> Self {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        for (i, p) in speech.into_iter().enumerate() {
            patterns.push(p);
            owners.push(Owner::Speech(i));
        }
        for (i, p) in assertions.into_iter().enumerate() {
            patterns.push(p);
            owners.push(Owner::Assertion(i));
        }
        // Several hundred short patterns: the DFA is small and the fastest to run. It is
        // driven by our own loop (`scan`), which needs no prefilter: without one, only
        // match states are special.
        let dfa = DFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(&patterns)
            .expect("cue patterns build");
        CueScan { dfa, owners }
    }

    pub fn scan(&self, text: &str) -> Hits {
        // About one occurrence per 50 bytes of news of each list: sized once, not regrown.
        let mut speech = Vec::with_capacity(text.len() / 64);
        let mut assertions = Vec::with_capacity(text.len() / 64);
        // Every occurrence of every pattern, by a plain walk of the DFA over the bytes. The
        // crate's own overlapping iterator (state kept in memory between calls, bounds
        // checks per byte) ran three times the instructions of this loop.
        let dfa = &self.dfa;
        let bytes = text.as_bytes();
        let mut sid = dfa
            .start_state(Anchored::No)
            .expect("the DFA is built for unanchored search");
        let mut end = 0;
        while let Some((at, state)) = next_special(dfa, bytes, end, sid) {
            (end, sid) = (at, state);
            if dfa.is_dead(sid) {
                break;
            }
            for k in 0..dfa.match_len(sid) {
                let pid = dfa.match_pattern(sid, k);
                let start = end - dfa.pattern_len(pid);
                // Both lexicons take whole words only: a cue glued to a letter or digit
                // before it ("Republic|an insider|s") is nobody's, and must not hide one
                // after it.
                if alnum_before(text, start) {
                    continue;
                }
                let (list, i) = match self.owners[pid.as_usize()] {
                    Owner::Speech(i) => (&mut speech, i),
                    Owner::Assertion(i) => (&mut assertions, i),
                };
                list.push(Match::new(PatternID::must(i), start..end));
            }
        }
        Hits {
            speech: leftmost_longest(speech),
            assertions: leftmost_longest(assertions),
        }
    }
}

/// Steps the DFA from state `sid` over `bytes[at..]` to the next special (match or dead)
/// state: where it ends and the state. Kept apart from the match handling so that the
/// compiler keeps this loop's few values in registers: inlined into the caller, every
/// step reloaded them from the stack, at twice the instructions per byte.
#[inline(never)]
fn next_special(
    dfa: &DFA,
    bytes: &[u8],
    mut at: usize,
    mut sid: StateID,
) -> Option<(usize, StateID)> {
    while at < bytes.len() {
        sid = dfa.next_state(Anchored::No, sid, bytes[at]);
        at += 1;
        if dfa.is_special(sid) {
            return Some((at, sid));
        }
    }
    None
}

/// The matches a leftmost-longest search reports, from all overlapping matches: at the
/// leftmost start the longest (the first pattern among equals), then on after its end.
fn leftmost_longest(mut all: Vec<Match>) -> Vec<Match> {
    // The overlapping search reports matches by their end, so each is out of order only
    // against the few matches inside it: an insertion sort moves just those.
    let key = |m: &Match| (m.start(), std::cmp::Reverse(m.end()), m.pattern());
    for i in 1..all.len() {
        let mut j = i;
        while j > 0 && key(&all[j - 1]) > key(&all[j]) {
            all.swap(j - 1, j);
            j -= 1;
        }
    }
    let mut end = 0;
    all.retain(|m| {
        let keep = m.start() >= end;
        if keep {
            end = m.end();
        }
        keep
    });
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One lexicon's own leftmost-longest search, taking matches only where a word starts.
    fn leftmost_longest_alone(patterns: &[&str], text: &str) -> Vec<Match> {
        use aho_corasick::{AhoCorasickBuilder, Input, StartKind};
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(patterns)
            .unwrap();
        let mut out: Vec<Match> = Vec::new();
        for (i, _) in text.char_indices() {
            if alnum_before(text, i) || out.last().is_some_and(|m| i < m.end()) {
                continue;
            }
            out.extend(ac.find(Input::new(text).range(i..).anchored(Anchored::Yes)));
        }
        out
    }

    #[test]
    fn each_lexicon_gets_what_its_own_search_would() {
        let speech = ["said", "told", "according to", "claimed", "say", "says"];
        let cues = [
            "may",
            "may not",
            "may or may not",
            "some",
            "some analysts",
            "claimed",
            "claimed that",
            "according to sources",
            "sources",
            "it is said",
            "is said",
            "if",
        ];
        let text = "Some analysts said the U.S. may or may not know, according to sources; \
                    it is said, dismay if so. MAY 5: Smith claimed that some say so. \
                    She told a bandit is said to be different.";
        let hits = CueScan::new(speech, cues).scan(text);
        assert_eq!(hits.speech, leftmost_longest_alone(&speech, text));
        assert_eq!(hits.assertions, leftmost_longest_alone(&cues, text));
        assert!(hits.speech.len() >= 5 && hits.assertions.len() >= 8);
    }

    #[test]
    fn a_cue_in_both_lists_is_found_for_both() {
        let hits = CueScan::new(["claimed"], ["other", "claimed"]).scan("He claimed it.");
        assert_eq!(hits.speech, [Match::must(0, 3..10)]);
        assert_eq!(hits.assertions, [Match::must(1, 3..10)]);
    }

    proptest::proptest! {
        /// With the shipped lexicons, on text made of their own cues, pieces of them and
        /// glue, each list gets exactly what its own leftmost-longest search finds.
        #[test]
        fn agrees_with_one_search_per_lexicon(
            picks in proptest::collection::vec((0usize..10_000, 0usize..8, 0usize..6), 0..40)
        ) {
            let lex = crate::analysis::Lexicons::builtin();
            let speech: Vec<&str> = lex.quotes.cue_patterns().to_vec();
            let cues: Vec<&str> = lex.cues.entries().iter().map(|e| e.cue.as_str()).collect();
            let glue = [" ", ", ", "un", "s ", "-", ".\n", "’", "ly "];
            let mut text = String::new();
            for (k, cut, g) in picks {
                let all = speech.len() + cues.len();
                let p = if k % all < speech.len() { speech[k % all] } else { cues[k % all - speech.len()] };
                // Sometimes only the start of a cue, so that longer cues are cut short.
                let p = if cut == 0 { &p[..p.floor_char_boundary(p.len() / 2)] } else { p };
                text.push_str(p);
                text.push_str(glue[g % glue.len()]);
            }
            let hits = lex.cue_hits(&text);
            proptest::prop_assert_eq!(hits.speech, leftmost_longest_alone(&speech, &text));
            proptest::prop_assert_eq!(hits.assertions, leftmost_longest_alone(&cues, &text));
        }
    }

    #[test]
    fn a_cue_glued_to_the_word_before_hides_no_cue_after_it() {
        let hits = CueScan::new([], ["an insider", "insiders"]).scan("Republican insiders said");
        assert_eq!(hits.assertions, [Match::must(1, 11..19)]);
    }

    #[test]
    fn the_first_of_equal_patterns_wins() {
        let hits = CueScan::new([], ["may", "MAY", "may"]).scan("it may");
        assert_eq!(hits.assertions, [Match::must(0, 3..6)]);
    }
}
