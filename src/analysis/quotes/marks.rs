//! Quotation marks to quoted spans, one paragraph at a time.
//!
//! Straight (`"`), curly (`“ ”`) and doubled-apostrophe (`''`) double quotes are paired
//! left to right. Whether a mark opens or closes is read from its neighbours (an opening
//! mark follows white space or an opening bracket, a closing mark follows a word or
//! punctuation), which also repairs the common typesetting slips (`“` used as a closer,
//! a straight mark closing a curly quote). Single quotes are never paired at the top level:
//! inside a double quote they are nested quotations and stay part of the quoted words;
//! outside they are too often apostrophes. Marks inside markup tags (`<tweet id="…">`) are
//! skipped. A quote still open at the end of the paragraph runs to its end (the
//! multi-paragraph convention reopens it in the next paragraph).

use crate::model::Span;

/// One quoted stretch of a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Marked {
    /// The opening mark.
    pub open: Span,
    /// The quoted words, marks excluded.
    pub content: Span,
    /// The closing mark, if the quote closes in this paragraph.
    pub close: Option<Span>,
}

impl Marked {
    /// The whole quotation, marks included.
    pub fn outer(&self) -> Span {
        Span::new(
            self.open.start,
            self.close.map_or(self.content.end, |c| c.end),
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    /// `“`
    Open,
    /// `”`
    Close,
    /// `"` or `''`
    Either,
}

fn is_opening_context(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | '>'),
    }
}

fn is_word_start(next: Option<char>) -> bool {
    next.is_some_and(|c| !c.is_whitespace())
}

/// The bytes that the match in [`scan`] does more with than step over: `"`, `'`, `<` and
/// the lead byte of `“` and `”`.
static MAY_START: [bool; 256] = {
    let mut t = [false; 256];
    t[b'"' as usize] = true;
    t[b'\'' as usize] = true;
    t[b'<' as usize] = true;
    t[0xE2] = true;
    t
};

/// Appends the quotations of paragraph `para` of `text` to `out`.
pub fn scan(text: &str, para: Span, out: &mut Vec<Marked>) {
    let s = para.text(text);
    let b = s.as_bytes();
    let base = para.start;
    let mut open: Option<(Span, Mark)> = None;
    let mut i = 0;
    // Most bytes are none of the four a mark or a tag starts with: the next of each kind is
    // found by a SIMD search (three ASCII bytes, and the lead byte of curly quotes), and
    // searched again only once passed.
    let find_ascii = |from: usize| memchr::memchr3(b'"', b'\'', b'<', &b[from..]).map(|k| from + k);
    let find_e2 = |from: usize| memchr::memchr(0xE2, &b[from..]).map(|k| from + k);
    let mut next_ascii = find_ascii(0);
    let mut next_e2 = find_e2(0);
    while i < b.len() {
        if next_ascii.is_some_and(|n| n < i) {
            next_ascii = find_ascii(i);
        }
        if next_e2.is_some_and(|n| n < i) {
            next_e2 = find_e2(i);
        }
        i = match (next_ascii, next_e2) {
            (None, None) => break,
            (a, e) => a.unwrap_or(usize::MAX).min(e.unwrap_or(usize::MAX)),
        };
        debug_assert!(MAY_START[usize::from(b[i])]);
        let (kind, len) = match b[i] {
            b'"' => (Mark::Either, 1),
            b'\'' if b.get(i + 1) == Some(&b'\'') => (Mark::Either, 2),
            b'<' if b
                .get(i + 1)
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/') =>
            {
                // Markup: skip the tag, attributes and all.
                match s[i..].find('>') {
                    Some(j) => {
                        i += j + 1;
                        continue;
                    }
                    None => {
                        i += 1;
                        continue;
                    }
                }
            }
            0xE2 if b.get(i + 1) == Some(&0x80) => match b.get(i + 2) {
                Some(0x9C) => (Mark::Open, 3),
                Some(0x9D) => (Mark::Close, 3),
                _ => {
                    i += 1;
                    continue;
                }
            },
            _ => {
                i += 1;
                continue;
            }
        };
        let prev = s[..i].chars().next_back();
        let next = s[i + len..].chars().next();
        let mark = Span::new(base + i, base + i + len);
        let opening = is_opening_context(prev) && is_word_start(next);
        let closing = !is_opening_context(prev);
        match open {
            None => {
                // A closing-looking mark with nothing open is an inch sign or a stray.
                let opens = match kind {
                    Mark::Open => !closing || is_word_start(next),
                    Mark::Close => opening,
                    Mark::Either => opening || (prev == Some(':') && is_word_start(next)),
                };
                if opens {
                    // `"“You don’t win …”`: a doubled opening mark is one.
                    let rest = &s[i + len..];
                    let double = ["“", "\""]
                        .into_iter()
                        .find(|m| {
                            rest.starts_with(m) && is_word_start(rest[m.len()..].chars().next())
                        })
                        .map_or(0, str::len);
                    open = Some((Span::new(mark.start, mark.end + double), kind));
                    i += double;
                }
            }
            Some((o, _)) => {
                if closing || !opening {
                    push(text, o, Span::new(o.end, mark.start), Some(mark), out);
                    open = None;
                } else if kind == Mark::Open {
                    // A new opening mark: the previous quote was never closed.
                    push(text, o, Span::new(o.end, mark.start), None, out);
                    open = Some((mark, kind));
                }
                // An opening-looking straight mark inside a quote: a nested quotation; keep going.
            }
        }
        i += len;
    }
    if let Some((o, _)) = open {
        push(text, o, Span::new(o.end, para.end), None, out);
    }
}

fn push(text: &str, open: Span, content: Span, close: Option<Span>, out: &mut Vec<Marked>) {
    let t = content.text(text);
    let lead = t.len() - t.trim_start().len();
    let trail = t.len() - t.trim_end().len();
    if lead + trail >= t.len() {
        return;
    }
    let content = Span::new(content.start + lead, content.end - trail);
    out.push(Marked {
        open,
        content,
        close,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(s: &str) -> Vec<&str> {
        let mut out = Vec::new();
        scan(s, Span::new(0, s.len()), &mut out);
        out.iter().map(|m| m.content.text(s)).collect()
    }

    #[test]
    fn curly_and_straight() {
        assert_eq!(quotes("“One,” he said. \"Two.\""), vec!["One,", "Two."]);
    }

    #[test]
    fn doubled_apostrophes() {
        assert_eq!(quotes("''It is over,'' she said."), vec!["It is over,"]);
    }

    #[test]
    fn nested_single_quotes_stay_inside() {
        assert_eq!(
            quotes("“He told me, ‘Go home,’ and I did,” she said."),
            vec!["He told me, ‘Go home,’ and I did,"]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(quotes("It's Dong's photo, isn't it?").is_empty());
    }

    #[test]
    fn mistyped_curly_closer() {
        assert_eq!(
            quotes("called it “abhorrent“ in a tweet."),
            vec!["abhorrent"]
        );
    }

    #[test]
    fn mixed_marks_close() {
        assert_eq!(quotes("“Done now\" he said."), vec!["Done now"]);
    }

    #[test]
    fn unclosed_runs_to_paragraph_end() {
        let s = "“First paragraph of a long quote.";
        let mut out = Vec::new();
        scan(s, Span::new(0, s.len()), &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].close, None);
        assert_eq!(out[0].content.text(s), "First paragraph of a long quote.");
    }

    #[test]
    fn markup_attributes_are_skipped() {
        assert!(quotes("<tweet tweet-id=\"745260520282951681\"><tweet/>.").is_empty());
        assert_eq!(quotes("<a href=\"x\">link</a> and “words”"), vec!["words"]);
    }

    #[test]
    fn doubled_opening_mark_is_one() {
        assert_eq!(
            quotes("\"“You don’t win by states,” Ann Lee said."),
            vec!["You don’t win by states,"]
        );
        assert_eq!(
            quotes("proposes: ““Terror is a threat.”"),
            vec!["Terror is a threat."]
        );
    }

    #[test]
    fn inch_marks_are_not_quotes() {
        assert!(quotes("He is 6'2\" tall.").is_empty());
    }
}
