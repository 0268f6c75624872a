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
//! That loop is bound by the latency of its table loads more than by its instructions:
//! four walks over four parts of the text side by side cost 5 % more instructions and took
//! the scan of the 1 MB benchmark text from 3.4–3.6 ms to 2.0–2.1 ms on the 2-core build
//! machine (two walks: 2.35 ms; eight: 2.5 ms). Walking a copy of the DFA's transitions
//! (`Table`) instead of calling the crate per byte took the scan of the PolNeAR dev
//! articles from 17.4 M to 13.1 M instructions a MB, and from 2.57 to 2.32 ms a MB on the
//! 4.7 kB benchmark article (`examples/analysis_stages.rs 1 20000`).

use super::text::alnum_before;
use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, Match, MatchKind, PatternID};
use std::collections::{HashMap, HashSet};

/// Which lexicon a pattern of the joint automaton belongs to, and its index there.
#[derive(Clone, Copy, Debug)]
enum Owner {
    Speech(usize),
    Assertion(usize),
}

#[derive(Debug)]
pub struct CueScan {
    /// Built by the crate; asked only which patterns a match state holds.
    dfa: DFA,
    /// The same automaton, walked.
    table: Table,
    owners: Vec<Owner>,
    /// The longest pattern's length in bytes.
    longest: usize,
}

/// The DFA's transitions copied into one flat table that the walk reads without asking
/// the crate: a step through `DFA::next_state` checks its bounds and reloads the table's
/// address at every byte. Here a step loads the byte, its class and the next state, with
/// an add and a mask; the match states are numbered first so that one comparison tells
/// them; and the scan takes a quarter fewer instructions.
#[derive(Debug)]
struct Table {
    /// Each byte's class: bytes that no pattern holds share class 0, a letter and its
    /// other case (the search ignores ASCII case) share one, and every other byte of a
    /// pattern has its own. Bytes of one class move every state alike.
    classes: [u8; 256],
    /// The next state at `state + class`. States are numbered by their first entry here
    /// (so a step needs no multiplication). Padded to a power of two, so that an index
    /// masked to it needs no bounds check.
    trans: Vec<u32>,
    start: u32,
    /// The states below this one are the DFA's special states: its match states.
    special: u32,
    /// The DFA's own id for each state, at `state / width`.
    sids: Vec<StateID>,
    /// How many classes: the entries per state.
    width: u32,
}

impl Table {
    fn new(dfa: &DFA, patterns: &[&str]) -> Table {
        let mut classes = [0u8; 256];
        // A byte of each class that is used, to step the DFA with.
        let mut reps: Vec<Option<u8>> = vec![None];
        for &b in patterns.iter().flat_map(|p| p.as_bytes()) {
            let b = b.to_ascii_lowercase();
            if classes[usize::from(b)] == 0 {
                let class = u8::try_from(reps.len()).expect("fewer than 256 byte classes");
                classes[usize::from(b)] = class;
                classes[usize::from(b.to_ascii_uppercase())] = class;
                reps.push(Some(b));
            }
        }
        reps[0] = (0..=255u8).find(|&b| classes[usize::from(b)] == 0);
        let start = dfa
            .start_state(Anchored::No)
            .expect("the DFA is built for unanchored search");
        // Every state the search can reach, breadth first from the start.
        let mut order = vec![start];
        let mut seen = HashSet::from([start]);
        let mut i = 0;
        while i < order.len() {
            let sid = order[i];
            for &b in reps.iter().flatten() {
                let next = dfa.next_state(Anchored::No, sid, b);
                if seen.insert(next) {
                    order.push(next);
                }
            }
            i += 1;
        }
        order.sort_by_key(|&sid| !dfa.is_special(sid));
        let width = u32::try_from(reps.len()).expect("few classes");
        let id = |k: usize| u32::try_from(k).expect("fewer than 2^32 states") * width;
        let ids: HashMap<StateID, u32> =
            order.iter().enumerate().map(|(k, &s)| (s, id(k))).collect();
        let mut trans = Vec::with_capacity(order.len() * reps.len());
        for &sid in &order {
            for rep in &reps {
                // A class with no byte is never read: any state will do.
                let next = rep.map_or(start, |b| dfa.next_state(Anchored::No, sid, b));
                trans.push(ids[&next]);
            }
        }
        trans.resize(trans.len().next_power_of_two(), ids[&start]);
        let specials = order.iter().take_while(|&&s| dfa.is_special(s)).count();
        Table {
            classes,
            trans,
            start: ids[&start],
            special: id(specials),
            sids: order,
            width,
        }
    }

    fn sid(&self, state: u32) -> StateID {
        self.sids[(state / self.width) as usize]
    }

    /// The transitions, and the mask that keeps an index inside them.
    fn transitions(&self) -> (&[u32], usize) {
        let mask = self.trans.len() - 1;
        (&self.trans[..=mask], mask)
    }
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
        // walked by our own loop (`scan`), which needs no prefilter: without one, only
        // match states are special.
        let dfa = DFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(&patterns)
            .expect("cue patterns build");
        let longest = patterns.iter().map(|p| p.len()).max().unwrap_or(0);
        CueScan {
            table: Table::new(&dfa, &patterns),
            dfa,
            owners,
            longest,
        }
    }

    pub fn scan(&self, text: &str) -> Hits {
        let t = &self.table;
        let bytes = text.as_bytes();
        // Every occurrence of every pattern, by a plain walk of the DFA over the bytes. The
        // crate's own overlapping iterator (state kept in memory between calls, bounds
        // checks per byte) ran three times the instructions of the crate's DFA stepped in
        // a loop, and this table takes a quarter fewer again. Each step waits for the one before (the
        // next state is loaded from the table at the current one), so WALKS parts of the
        // text are walked side by side, which lets the processor overlap their chains of
        // loads. Each walk but the first starts early enough to see every cue that ends in
        // its part whole, and keeps only those.
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
                state: t.start,
                after: from,
            }
        });
        if parts == WALKS {
            walk_all(t, bytes, &mut walks, &mut |k, at, state, after| {
                self.matches(text, at, t.sid(state), after, &mut lists[k]);
            });
        }
        for (w, list) in walks.iter_mut().zip(&mut lists) {
            while let Some((at, state)) = next_special(t, &bytes[..w.end], w.at, w.state) {
                (w.at, w.state) = (at, state);
                self.matches(text, at, t.sid(state), w.after, list);
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

/// A walk of the table over `bytes[at..end]`, in `state` at `at`, that keeps the matches
/// ending after `after`.
struct Walk {
    at: usize,
    end: usize,
    state: u32,
    after: usize,
}

/// Steps from `state` over `bytes[at..]` to the next special state: where it ends and the
/// state.
fn next_special(t: &Table, bytes: &[u8], at: usize, mut state: u32) -> Option<(usize, u32)> {
    let (trans, mask) = t.transitions();
    for (k, &b) in bytes[at..].iter().enumerate() {
        state = trans[(state + u32::from(t.classes[usize::from(b)])) as usize & mask];
        if state < t.special {
            return Some((at + k + 1, state));
        }
    }
    None
}

/// The walks in step, as far as the shortest goes, calling `found` at each special state.
/// Kept apart from the match handling so that the loop's values stay in registers.
#[inline(never)]
fn walk_all(
    t: &Table,
    bytes: &[u8],
    walks: &mut [Walk; WALKS],
    found: &mut dyn FnMut(usize, usize, u32, usize),
) {
    let steps = walks.iter().map(|w| w.end - w.at).min().unwrap_or(0);
    let parts = walks.each_ref().map(|w| &bytes[w.at..w.at + steps]);
    let mut state = walks.each_ref().map(|w| w.state);
    let ((trans, mask), classes, special) = (t.transitions(), &t.classes, t.special);
    for i in 0..steps {
        let mut any = false;
        for k in 0..WALKS {
            let class = u32::from(classes[usize::from(parts[k][i])]);
            state[k] = trans[(state[k] + class) as usize & mask];
            any |= state[k] < special;
        }
        if any {
            for k in 0..WALKS {
                if state[k] < special {
                    found(k, walks[k].at + i + 1, state[k], walks[k].after);
                }
            }
        }
    }
    for (w, s) in walks.iter_mut().zip(state) {
        (w.at, w.state) = (w.at + steps, s);
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
    fn the_table_moves_every_state_on_every_byte_as_the_dfa_does() {
        let lex = crate::analysis::Lexicons::builtin();
        let scan = &lex.scan;
        let t = &scan.table;
        assert!(
            t.sids.len() > 1000,
            "the shipped lexicons make a large automaton"
        );
        for (k, &sid) in t.sids.iter().enumerate() {
            let state = u32::try_from(k).unwrap() * t.width;
            assert_eq!(state < t.special, scan.dfa.is_special(sid));
            for b in 0..=255u8 {
                let next = t.trans[(state + u32::from(t.classes[usize::from(b)])) as usize];
                assert_eq!(t.sid(next), scan.dfa.next_state(Anchored::No, sid, b));
            }
        }
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
