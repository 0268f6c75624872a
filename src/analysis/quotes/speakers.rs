//! One speaker per person: names merged across their forms, pronouns resolved to the
//! most recent compatible speaker, descriptions ("one Chinese analyst") kept as anonymous
//! speakers and definite back-references ("the same analyst") resolved to them.

use std::collections::BTreeSet;
use std::rc::Rc;

use crate::analysis::WordMap;

use crate::model::{Speaker, SpeakerId};

/// What a pronoun or speaker can refer to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Agreement {
    Male,
    Female,
    /// A person of unknown gender ("I").
    Person,
    /// A group or an organisation ("we", "they").
    Plural,
    /// An organisation or a document ("it").
    Thing,
}

impl Agreement {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "m" => Agreement::Male,
            "f" => Agreement::Female,
            "s" => Agreement::Person,
            "p" => Agreement::Plural,
            "o" => Agreement::Thing,
            _ => return None,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sort {
    Person,
    Organisation,
    /// A described speaker: "one analyst" (a person) or "officials" (a group).
    Described {
        plural: bool,
    },
    /// The article's writer, "I" outside quotation marks: no third-person pronoun or name
    /// refers to it.
    Writer,
}

#[derive(Debug)]
struct Entry {
    speaker: Speaker,
    /// Lower-case name words ("han", "lianchao"); for descriptions, the description's words.
    key: Vec<WordId>,
    sort: Sort,
    gender: Option<Agreement>,
    /// Byte offset of the latest mention: recency for pronoun resolution.
    last: usize,
    /// The offset `Registry::recency` lists it under; behind `last` until the next
    /// pronoun brings the list up to date.
    listed: usize,
}

#[derive(Debug, Default)]
pub struct Registry {
    entries: Vec<Entry>,
    /// Named entries by each word of their key: a name is only compared with the entries
    /// that share a word with it, so long documents with many speakers stay linear.
    /// Hashed with the lexicons' Fx hasher: keys are short words, looked up for every
    /// mention, and the map is never iterated, so its order cannot reach the output.
    by_word: Vec<Vec<u32>>,
    /// Every entry as (latest mention, index): a pronoun takes the latest fitting entry
    /// without looking at all of them (a long text has hundreds of speakers).
    recency: BTreeSet<(usize, u32)>,
    /// Entries mentioned since `recency` was last brought up to date: names are mentioned
    /// far more often than pronouns look for them, so it is updated only for those.
    moved: Vec<u32>,
    /// Described entries by their whole key, and by their head noun (the last word).
    described_key: WordMap<Vec<WordId>, u32>,
    described_head: WordMap<WordId, Vec<u32>>,
    words: Words,
    /// The key of each name or description seen, by its text: most are mentioned again
    /// and again.
    /// Each key is a range of `key_words`, so that a new key costs one allocation (its
    /// text), not two.
    keys: WordMap<Box<str>, (u32, u32)>,
    key_words: Vec<WordId>,
    /// Reused for the key of each name or description looked up.
    key_buf: Vec<WordId>,
    word_buf: String,
    /// The entry of the article's writer, once "I" has spoken outside quotation marks.
    writer: Option<u32>,
}

/// The name of the speaker "I" and "we" are outside quotation marks: the article's writer.
pub const WRITER: &str = "the author";

/// A key word by its number in [`Words`].
type WordId = u32;

/// Every key word once, numbered: keys are compared for every name registered, and
/// numbers compare in an instruction where strings take a call each.
#[derive(Debug, Default)]
struct Words {
    /// The same strings as `spelled`, shared: one allocation per word.
    ids: WordMap<Rc<str>, WordId>,
    spelled: Vec<Rc<str>>,
    /// Per word: a single letter, perhaps with a full stop ("j", "j."), which
    /// [`compatible_given`] may match with a longer given name.
    initial: Vec<bool>,
}

impl Words {
    fn id(&mut self, w: &str) -> WordId {
        if let Some(&id) = self.ids.get(w) {
            return id;
        }
        let id = WordId::try_from(self.spelled.len()).expect("fewer than 2^32 words");
        self.initial.push(w.trim_end_matches('.').len() == 1);
        let w: Rc<str> = Rc::from(w);
        self.ids.insert(Rc::clone(&w), id);
        self.spelled.push(w);
        id
    }

    /// [`compatible_given`] of two words, answered without their letters unless one is an
    /// initial: otherwise only the same word is compatible.
    fn compatible_given(&self, a: WordId, b: WordId) -> bool {
        a == b
            || (self.initial[a as usize] || self.initial[b as usize])
                && compatible_given(self.text(a), self.text(b))
    }

    fn text(&self, id: WordId) -> &str {
        &self.spelled[id as usize]
    }
}

/// The key of a name or description: its words without surrounding punctuation or a
/// possessive "'s", lower-cased, as numbers of `words` into `out` (cleared first); `buf`
/// is scratch for each lower-cased word.
fn key_into(s: &str, words: &mut Words, buf: &mut String, out: &mut Vec<WordId>) {
    out.clear();
    for w in s.split_whitespace() {
        let w = trim_to_word(w);
        let w = w
            .strip_suffix("’s")
            .or_else(|| w.strip_suffix("'s"))
            .unwrap_or(w);
        if w.is_empty() {
            continue;
        }
        out.push(words.id(super::lower_into(w, buf)));
    }
}

/// `w` without the punctuation around it (a full stop may end it: "Jr."). Most words
/// have none, which their first and last bytes tell without decoding characters.
fn trim_to_word(w: &str) -> &str {
    let b = w.as_bytes();
    let bare = b.first().is_some_and(u8::is_ascii_alphanumeric)
        && b.last()
            .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'.');
    if bare {
        return w;
    }
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
}

/// The entries with word `w` in their key, made empty when `w` is new.
fn word_entries(by_word: &mut Vec<Vec<u32>>, w: WordId) -> &mut Vec<u32> {
    let w = w as usize;
    if by_word.len() <= w {
        by_word.resize_with(w + 1, Vec::new);
    }
    &mut by_word[w]
}

/// Whether two keys are equal, compared in place: they are a word or two, too short to
/// be worth the call to `memcmp` that slice equality makes.
fn same_key(a: &[WordId], b: &[WordId]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

fn compatible_given(a: &str, b: &str) -> bool {
    a == b || {
        let (a, b) = (a.trim_end_matches('.'), b.trim_end_matches('.'));
        (a.len() == 1 && b.starts_with(a)) || (b.len() == 1 && a.starts_with(b))
    }
}

impl Registry {
    pub fn new() -> Self {
        // Room for the speakers and key words of a long article: a registry is made per
        // document, and growing its maps from nothing, rehashing at each doubling, was
        // most of the allocation work on a 4 kB article.
        const WORDS: usize = 64;
        Self {
            entries: Vec::with_capacity(WORDS / 2),
            by_word: Vec::with_capacity(WORDS),
            keys: WordMap::with_capacity_and_hasher(WORDS, Default::default()),
            key_words: Vec::with_capacity(WORDS * 2),
            words: Words {
                ids: WordMap::with_capacity_and_hasher(WORDS, Default::default()),
                spelled: Vec::with_capacity(WORDS),
                initial: Vec::with_capacity(WORDS),
            },
            ..Self::default()
        }
    }

    /// The key of `text` (see [`key_into`]) into `out`.
    fn key_of(&mut self, text: &str, out: &mut Vec<WordId>) {
        if let Some(&(start, end)) = self.keys.get(text) {
            out.clear();
            out.extend_from_slice(&self.key_words[start as usize..end as usize]);
            return;
        }
        key_into(text, &mut self.words, &mut self.word_buf, out);
        let at = |n: usize| u32::try_from(n).expect("fewer than 2^32 key words");
        let start = at(self.key_words.len());
        self.key_words.extend_from_slice(out);
        self.keys
            .insert(text.into(), (start, at(self.key_words.len())));
    }

    fn push(&mut self, e: Entry) -> usize {
        let i = self.entries.len();
        let id = u32::try_from(i).expect("fewer than 2^32 speakers");
        self.recency.insert((e.last, id));
        if matches!(e.sort, Sort::Described { .. }) {
            self.described_key.entry(e.key.clone()).or_insert(id);
            if let Some(&head) = e.key.last() {
                self.described_head.entry(head).or_default().push(id);
            }
        }
        self.entries.push(e);
        i
    }

    /// Entry `i` is mentioned at `pos`: its recency is the latest of its mentions.
    fn seen_at(&mut self, i: usize, pos: usize) {
        let e = &mut self.entries[i];
        if pos > e.last {
            if e.last == e.listed {
                self.moved.push(i as u32);
            }
            e.last = pos;
        }
    }

    /// `recency` with every entry under its latest mention.
    fn update_recency(&mut self) {
        for id in self.moved.drain(..) {
            let e = &mut self.entries[id as usize];
            self.recency.remove(&(e.listed, id));
            self.recency.insert((e.last, id));
            e.listed = e.last;
        }
    }

    fn alias(&mut self, i: usize, form: &str) {
        let s = &mut self.entries[i].speaker;
        let form = form.trim();
        if !form.is_empty() && s.name != form && !s.aliases.iter().any(|a| a == form) {
            s.aliases.push(form.to_owned());
        }
    }

    /// A named speaker. `name` has titles stripped ("Han Lianchao"); `mention` is the form
    /// used in the text ("Dr. Han Lianchao"); `organisation` when the name is an outlet or body.
    pub fn name(
        &mut self,
        name: &str,
        mention: &str,
        role: Option<&str>,
        organisation: bool,
        gender: Option<Agreement>,
        pos: usize,
    ) -> SpeakerId {
        // A name is registered for every quotation: its key goes into a reused buffer and
        // is kept (copied) only for a new speaker or a fuller name.
        let mut key = std::mem::take(&mut self.key_buf);
        self.key_of(name, &mut key);
        let skip = usize::from(key.len() > 1 && self.words.text(key[0]) == "the");
        let i = self.name_with_key(&key[skip..], name, role, organisation, gender, pos);
        self.key_buf = key;
        self.seen_at(i, pos);
        self.alias(i, mention);
        self.alias(i, name);
        SpeakerId(i as u32)
    }

    fn name_with_key(
        &mut self,
        key: &[WordId],
        name: &str,
        role: Option<&str>,
        organisation: bool,
        gender: Option<Agreement>,
        pos: usize,
    ) -> usize {
        let found = self.match_name(key);
        match found {
            Some(i) => {
                let e = &mut self.entries[i];
                if key.len() > e.key.len() {
                    // A fuller form: it becomes the canonical name.
                    let old = std::mem::replace(&mut e.speaker.name, name.to_owned());
                    e.key = key.to_vec();
                    for &w in &e.key {
                        let v = word_entries(&mut self.by_word, w);
                        if !v.contains(&(i as u32)) {
                            v.push(i as u32);
                        }
                    }
                    if !e.speaker.aliases.contains(&old) {
                        e.speaker.aliases.push(old);
                    }
                    e.speaker.aliases.retain(|a| a != name);
                }
                if e.speaker.role.is_none() {
                    e.speaker.role = role.map(str::to_owned);
                }
                if e.gender.is_none() {
                    e.gender = gender;
                }
                i
            }
            None => {
                let i = self.entries.len() as u32;
                for &w in key {
                    let v = word_entries(&mut self.by_word, w);
                    if v.last() != Some(&i) {
                        v.push(i);
                    }
                }
                self.push(Entry {
                    speaker: Speaker {
                        name: name.to_owned(),
                        aliases: Vec::new(),
                        anonymous: false,
                        role: role.map(str::to_owned),
                        colour: None,
                    },
                    key: key.to_vec(),
                    sort: if organisation {
                        Sort::Organisation
                    } else {
                        Sort::Person
                    },
                    gender,
                    last: pos,
                    listed: pos,
                })
            }
        }
    }

    /// How many speakers there are so far.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    fn match_name(&self, key: &[WordId]) -> Option<usize> {
        if key.is_empty() {
            return None;
        }
        let mut best: Option<(u8, usize, usize)> = None; // (strength, recency, index)
        let candidates = key
            .iter()
            .filter_map(|&w| self.by_word.get(w as usize))
            .flatten()
            .map(|&i| i as usize);
        for i in candidates {
            let e = &self.entries[i];
            let strength = if same_key(&e.key, key) {
                3
            } else if key.len() == 1 {
                if e.key.last() == key.last() {
                    2
                } else if e.key.contains(&key[0]) {
                    1
                } else {
                    0
                }
            } else if e.key.len() == 1 {
                u8::from(key.contains(&e.key[0])) * 2
            } else if e.key.last() == key.last() && self.words.compatible_given(e.key[0], key[0]) {
                2
            } else {
                0
            };
            if strength > 0 && best.is_none_or(|(s, r, _)| (strength, e.last) > (s, r)) {
                best = Some((strength, e.last, i));
            }
        }
        best.map(|(_, _, i)| i)
    }

    /// A described speaker ("one Chinese analyst", "the same analyst", "officials").
    pub fn described(&mut self, text: &str, pos: usize) -> SpeakerId {
        // "the administration's hopes that …": the speaker is the possessor.
        let text = text
            .strip_suffix("'s")
            .or_else(|| text.strip_suffix("’s"))
            .unwrap_or(text);
        let mut key = std::mem::take(&mut self.key_buf);
        self.key_of(text, &mut key);
        let definite = key.first().is_some_and(|&w| {
            matches!(
                self.words.text(w),
                "the" | "that" | "this" | "those" | "these"
            )
        });
        let head = key.last().map_or("", |&w| self.words.text(w));
        let plural = head.ends_with('s') && !head.ends_with("ss");
        let mut found = None;
        if definite && let Some(head) = key.last() {
            // A back-reference: the latest described speaker with the same head noun.
            found = self
                .described_head
                .get(head)
                .and_then(|ids| ids.iter().max_by_key(|&&i| self.entries[i as usize].last))
                .map(|&i| i as usize);
        }
        if found.is_none() {
            found = self.described_key.get(key.as_slice()).map(|&i| i as usize);
        }
        let i = match found {
            Some(i) => i,
            None => self.push(Entry {
                speaker: Speaker {
                    name: text.to_owned(),
                    aliases: Vec::new(),
                    anonymous: true,
                    role: None,
                    colour: None,
                },
                key: key.clone(),
                sort: Sort::Described { plural },
                gender: None,
                last: pos,
                listed: pos,
            }),
        };
        self.key_buf = key;
        self.seen_at(i, pos);
        self.alias(i, text);
        SpeakerId(i as u32)
    }

    /// The article's writer ("…," I said), one speaker however often "I" speaks.
    pub fn writer(&mut self, pos: usize) -> SpeakerId {
        let i = match self.writer {
            Some(i) => i as usize,
            None => {
                let i = self.push(Entry {
                    speaker: Speaker {
                        name: WRITER.to_owned(),
                        aliases: Vec::new(),
                        anonymous: false,
                        role: None,
                        colour: None,
                    },
                    key: Vec::new(),
                    sort: Sort::Writer,
                    gender: None,
                    last: pos,
                    listed: pos,
                });
                self.writer = Some(i as u32);
                i
            }
        };
        self.seen_at(i, pos);
        SpeakerId(i as u32)
    }

    /// The speaker a pronoun at `pos` would refer to, without taking it as a mention.
    pub fn pronoun_fits(&mut self, agr: Agreement, form: &str, pos: usize) -> Option<SpeakerId> {
        self.update_recency();
        self.latest_fitting(agr, form, pos)
            .map(|i| SpeakerId(i as u32))
    }

    /// The speaker a pronoun at `pos` stands for: the most recent compatible one.
    pub fn pronoun(&mut self, agr: Agreement, form: &str, pos: usize) -> Option<SpeakerId> {
        self.update_recency();
        let i = self.latest_fitting(agr, form, pos)?;
        if matches!(agr, Agreement::Male | Agreement::Female) {
            self.entries[i].gender = Some(agr);
        }
        self.seen_at(i, pos);
        self.alias(i, form);
        Some(SpeakerId(i as u32))
    }

    /// The latest speaker mentioned at or before `pos` whom a pronoun of agreement `agr`
    /// may stand for (among equals, the latest entry). The recency index must be current.
    fn latest_fitting(&self, agr: Agreement, form: &str, pos: usize) -> Option<usize> {
        // "we" may be one person speaking for a group ("we will win," Trump said).
        let group_only = form.eq_ignore_ascii_case("they");
        let fits = |e: &Entry| -> bool {
            if e.sort == Sort::Writer {
                return false;
            }
            let person = matches!(e.sort, Sort::Person | Sort::Described { plural: false });
            match agr {
                Agreement::Male | Agreement::Female => {
                    person && e.gender.is_none_or(|g| g == agr || g == Agreement::Person)
                }
                Agreement::Person => person,
                // "they": a group or an organisation ("the campaign … they said"), never
                // one person.
                Agreement::Plural => !(person && group_only),
                Agreement::Thing => matches!(e.sort, Sort::Organisation),
            }
        };
        self.recency
            .range(..=(pos, u32::MAX))
            .rev()
            .map(|&(_, i)| i as usize)
            .find(|&i| fits(&self.entries[i]))
    }

    /// Marks a speaker as mentioned again at `pos`.
    pub fn touch(&mut self, id: SpeakerId, pos: usize) {
        if (id.0 as usize) < self.entries.len() {
            self.seen_at(id.0 as usize, pos);
        }
    }

    pub fn into_speakers(self) -> Vec<Speaker> {
        self.entries.into_iter().map(|e| e.speaker).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_full_name_and_surname_merge() {
        let mut r = Registry::new();
        let a = r.name(
            "Han Lianchao",
            "Dr. Han Lianchao",
            Some("Dr."),
            false,
            None,
            0,
        );
        let b = r.name("Han", "Han", None, false, None, 10);
        assert_eq!(a, b);
        let s = r.into_speakers();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].name, "Han Lianchao");
        assert!(s[0].aliases.contains(&"Dr. Han Lianchao".to_owned()));
        assert!(s[0].aliases.contains(&"Han".to_owned()));
    }

    #[test]
    fn surname_first_then_full_name_upgrades() {
        let mut r = Registry::new();
        let a = r.name("Kerry", "Kerry", None, false, None, 0);
        let b = r.name(
            "John Kerry",
            "Secretary of State John Kerry",
            None,
            false,
            None,
            5,
        );
        assert_eq!(a, b);
        assert_eq!(r.into_speakers()[0].name, "John Kerry");
    }

    #[test]
    fn different_first_names_stay_apart() {
        let mut r = Registry::new();
        let a = r.name("Hillary Clinton", "Hillary Clinton", None, false, None, 0);
        let b = r.name("Bill Clinton", "Bill Clinton", None, false, None, 5);
        assert_ne!(a, b);
        // A bare surname goes to the most recent of them.
        assert_eq!(r.name("Clinton", "Clinton", None, false, None, 9), b);
    }

    #[test]
    fn pronoun_takes_latest_person() {
        let mut r = Registry::new();
        let org = r.name("The Daily Beast", "The Daily Beast", None, true, None, 0);
        let p = r.name(
            "Nicholas Eftimiades",
            "Nicholas Eftimiades",
            None,
            false,
            None,
            5,
        );
        assert_eq!(r.pronoun(Agreement::Male, "he", 9), Some(p));
        assert_eq!(r.pronoun(Agreement::Thing, "it", 10), Some(org));
    }

    #[test]
    fn gender_is_respected() {
        let mut r = Registry::new();
        let a = r.name(
            "Ann Lee",
            "Ann Lee",
            None,
            false,
            Some(Agreement::Female),
            0,
        );
        let _b = r.name("Bob Roe", "Bob Roe", None, false, Some(Agreement::Male), 5);
        assert_eq!(r.pronoun(Agreement::Female, "she", 9), Some(a));
    }

    #[test]
    fn same_analyst_is_the_earlier_description() {
        let mut r = Registry::new();
        let a = r.described("one Chinese analyst", 0);
        let b = r.described("The same analyst", 50);
        assert_eq!(a, b);
        let s = r.into_speakers();
        assert!(s[0].anonymous);
        assert_eq!(s[0].name, "one Chinese analyst");
    }
}
