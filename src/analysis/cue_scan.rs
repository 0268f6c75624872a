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
//!
//! That loop is bound by the latency of its table loads, not by its instructions: four
//! walks over four parts of the text side by side cost 5 % more instructions and took the
//! scan of the 1 MB benchmark text from 3.4–3.6 ms to 2.0–2.1 ms on the 2-core build
//! machine (two walks: 2.35 ms; eight: 2.5 ms).

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
    /// The longest pattern's length in bytes.
    longest: usize,
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
        let longest = patterns.iter().map(|p| p.len()).max().unwrap_or(0);
        CueScan {
            dfa,
            owners,
            longest,
        }
    }

    pub fn scan(&self, text: &str) -> Hits {
        let dfa = &self.dfa;
        let bytes = text.as_bytes();
        let start = dfa
            .start_state(Anchored::No)
            .expect("the DFA is built for unanchored search");
        // Every occurrence of every pattern, by a plain walk of the DFA over the bytes. The
        // crate's own overlapping iterator (state kept in memory between calls, bounds
        // checks per byte) ran three times the instructions of this loop. Each step waits
        // for the one before (the next state is loaded from the table at the current one),
        // so WALKS parts of the text are walked side by side, which lets the processor
        // overlap their chains of loads. Each walk but the first starts early enough to see
        // every cue that ends in its part whole, and keeps only those.
        let overlap = self.longest.saturating_sub(1);
        let parts = if bytes.len() >= WALKS * overlap * 4 {
            WALKS
        } else {
            1
        };
        let bound = |k: usize| bytes.len() * k / parts;
        // About one occurrence per 50 bytes of news of each list: sized once, not regrown.
        let mut lists: Vec<Lists> = (0..parts)
            .map(|_| Lists::with_capacity(text.len() / parts / 64))
            .collect();
        let mut walks: [Walk; WALKS] = std::array::from_fn(|k| {
            let (from, to) = if k < parts {
                (bound(k), bound(k + 1))
            } else {
                (0, 0)
            };
            Walk {
                at: from.saturating_sub(overlap),
                end: to,
                sid: start,
                after: from,
            }
        });
        if parts == WALKS {
            walk_all(dfa, bytes, &mut walks, &mut |k, at, sid, after| {
                self.matches(text, at, sid, after, &mut lists[k]);
            });
        }
        for (w, list) in walks.iter_mut().zip(&mut lists) {
            while let Some((at, sid)) = next_special(dfa, bytes, w.at, w.end, w.sid) {
                (w.at, w.sid) = (at, sid);
                self.matches(text, at, sid, w.after, list);
            }
        }
        let mut all = lists.into_iter();
        let mut first = all.next().expect("one part at least");
        for mut l in all {
            first.speech.append(&mut l.speech);
            first.assertions.append(&mut l.assertions);
        }
        Hits {
            speech: leftmost_longest(first.speech),
            assertions: leftmost_longest(first.assertions),
        }
    }

    /// Records the patterns that match in state `sid` and end at `end`, if they end after
    /// `after` and start a word.
    fn matches(&self, text: &str, end: usize, sid: StateID, after: usize, lists: &mut Lists) {
        let dfa = &self.dfa;
        if end <= after {
            return;
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
                Owner::Speech(i) => (&mut lists.speech, i),
                Owner::Assertion(i) => (&mut lists.assertions, i),
            };
            list.push(Match::new(PatternID::must(i), start..end));
        }
    }
}

/// Each lexicon's occurrences, in the order the walk meets their ends.
struct Lists {
    speech: Vec<Match>,
    assertions: Vec<Match>,
}

impl Lists {
    fn with_capacity(n: usize) -> Self {
        Lists {
            speech: Vec::with_capacity(n),
            assertions: Vec::with_capacity(n),
        }
    }
}

/// How many parts of a text the DFA walks side by side.
const WALKS: usize = 4;

/// A walk of the DFA over `bytes[at..end]`, in state `sid` at `at`, that keeps the matches
/// ending after `after`.
struct Walk {
    at: usize,
    end: usize,
    sid: StateID,
    after: usize,
}

/// Steps the DFA from state `sid` over `bytes[at..end]` to the next match state: where it
/// ends and the state. Kept apart from the match handling so that the compiler keeps this
/// loop's few values in registers: inlined into the caller, every step reloaded them from
/// the stack, at twice the instructions per byte. (Without a prefilter the only special
/// states are the match states and the dead state, which an unanchored search never
/// enters.)
#[inline(never)]
fn next_special(
    dfa: &DFA,
    bytes: &[u8],
    mut at: usize,
    end: usize,
    mut sid: StateID,
) -> Option<(usize, StateID)> {
    while at < end {
        sid = dfa.next_state(Anchored::No, sid, bytes[at]);
        at += 1;
        if dfa.is_special(sid) {
            return Some((at, sid));
        }
    }
    None
}

/// The walks in step, as far as the shortest goes, calling `found` at each match state.
#[inline(never)]
fn walk_all(
    dfa: &DFA,
    bytes: &[u8],
    walks: &mut [Walk; WALKS],
    found: &mut dyn FnMut(usize, usize, StateID, usize),
) {
    let mut at = walks.each_ref().map(|w| w.at);
    let mut sid = walks.each_ref().map(|w| w.sid);
    let steps = walks.iter().map(|w| w.end - w.at).min().unwrap_or(0);
    for _ in 0..steps {
        for k in 0..WALKS {
            sid[k] = dfa.next_state(Anchored::No, sid[k], bytes[at[k]]);
            at[k] += 1;
        }
        for k in 0..WALKS {
            if dfa.is_special(sid[k]) {
                found(k, at[k], sid[k], walks[k].after);
            }
        }
    }
    for (k, w) in walks.iter_mut().enumerate() {
        (w.at, w.sid) = (at[k], sid[k]);
    }
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
            picks in proptest::collection::vec((0usize..10_000, 0usize..8, 0usize..6), 0..160)
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
    fn cues_across_the_parts_walked_side_by_side_are_found_once() {
        let speech = ["said", "according to", "according to sources", "told"];
        let cues = [
            "may",
            "may not",
            "sources",
            "according to sources",
            "it is said",
        ];
        let scan = CueScan::new(speech, cues);
        let unit = "xx according to sources, it is said he may not have told. ";
        for pad in 0..unit.len() {
            // Long enough to be walked in parts, with the part boundaries at every offset
            // of a cue as `pad` grows.
            let text = format!("{}{}", "z".repeat(pad), unit.repeat(40));
            let hits = scan.scan(&text);
            assert_eq!(
                hits.speech,
                leftmost_longest_alone(&speech, &text),
                "pad {pad}"
            );
            assert_eq!(
                hits.assertions,
                leftmost_longest_alone(&cues, &text),
                "pad {pad}"
            );
            assert_eq!(hits.speech.len(), 40 * 3);
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
