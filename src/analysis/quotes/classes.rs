//! Every lexicon class a word belongs to, found by one look-up.
//!
//! The attribution rules ask of most words they read whether it is a determiner, a stop
//! word, a filler, a sentence opener, a title …, one class after another. Each question was
//! a hash look-up of its own (220,000 over the PolNeAR dev articles, 5 % of the whole
//! analysis); where the rules ask several of the same word, they ask [`Classes::of`] once
//! and test bits. The classes' own sets stay the reference: `tests` checks that the bits
//! say exactly what the sets say.

use super::super::WordMap;

/// The classes of one word, as bits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Class(u64);

impl Class {
    pub const DET: Class = Class(1 << 0);
    pub const STOP: Class = Class(1 << 1);
    pub const SKIP: Class = Class(1 << 2);
    pub const TIME: Class = Class(1 << 3);
    pub const LEAD: Class = Class(1 << 4);
    pub const QUANTIFIER: Class = Class(1 << 5);
    pub const TITLE: Class = Class(1 << 6);
    pub const TITLE_PREFIX: Class = Class(1 << 7);
    pub const FINITE: Class = Class(1 << 8);
    pub const CUE_AUXILIARY: Class = Class(1 << 9);
    pub const IRREGULAR_PAST: Class = Class(1 << 10);
    pub const PRONOUN: Class = Class(1 << 11);
    pub const ORGANISATION: Class = Class(1 << 12);

    /// Whether the word is in any of the classes of `other`.
    pub fn any(self, other: Class) -> bool {
        self.0 & other.0 != 0
    }
}

impl std::ops::BitOr for Class {
    type Output = Class;
    fn bitor(self, other: Class) -> Class {
        Class(self.0 | other.0)
    }
}

#[derive(Debug, Default)]
pub struct Classes {
    words: WordMap<Box<str>, Class>,
}

impl Classes {
    /// The words of each set with its class.
    pub fn new<'w>(sets: impl IntoIterator<Item = (Class, Vec<&'w str>)>) -> Self {
        let mut words: WordMap<Box<str>, Class> = WordMap::default();
        for (class, set) in sets {
            for w in set {
                let c = words.entry(w.into()).or_default();
                *c = *c | class;
            }
        }
        Classes { words }
    }

    /// The classes of `w` (lower-cased, as the sets hold it).
    #[inline]
    pub fn of(&self, w: &str) -> Class {
        self.words.get(w).copied().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::super::Lexicon;
    use super::*;

    /// The bits say what the sets say: each word of a set has its class, and a word with
    /// a class is in its set.
    #[test]
    fn each_class_holds_exactly_its_sets_words() {
        let lex = Lexicon::builtin();
        let sets = lex.class_sets();
        assert!(sets.iter().all(|(_, words)| !words.is_empty()));
        for (class, words) in &sets {
            for w in words {
                assert!(lex.class_of(w).any(*class), "{w:?} lost a class");
            }
            for (w, c) in &lex.classes.words {
                assert_eq!(c.any(*class), words.contains(&&**w), "{w:?}");
            }
        }
        assert_eq!(lex.class_of("zzz"), Class::default());
        assert!(lex.class_of("the").any(Class::DET));
        assert!(
            !lex.class_of("The").any(Class::DET),
            "the sets hold lower-case words"
        );
    }
}
