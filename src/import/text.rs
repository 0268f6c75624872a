//! Plain text: paragraphs are separated by blank lines. Scraped text often puts every
//! paragraph, caption and button label on a line of its own, so each line stays its own
//! block unless the paragraph is hard-wrapped (several long lines of similar width),
//! in which case its lines are joined. A short first line without a full stop is the title.

use super::{Body, TextBuilder};
use crate::model::BlockKind;

pub fn extract(text: &str) -> Body {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut doc = TextBuilder::default();
    let mut para: Vec<&str> = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let wrap = wrap_width(&lines);
    for line in lines.iter().chain(std::iter::once(&"")) {
        if line.trim().is_empty() {
            flush(&mut doc, &para, wrap);
            para.clear();
        } else {
            para.push(line);
        }
    }
    let mut title = None;
    if let Some(first) = doc.blocks.first()
        && doc.blocks.len() > 1
    {
        let t = first.span.text(&doc.text);
        if looks_like_title(t) {
            title = Some(t.to_owned());
            doc.blocks[0].kind = BlockKind::Heading;
        }
    }
    Body {
        title,
        doc,
        ..Body::default()
    }
}

/// A heading: short, and not ending like a sentence.
pub fn looks_like_title(t: &str) -> bool {
    let n = t.chars().count();
    (2..=150).contains(&n)
        && !t.ends_with(['.', ',', ';', ':'])
        && t.chars().any(char::is_alphabetic)
}

/// The width text is wrapped at, if it is hard-wrapped: most lines that are followed by
/// another line of the same paragraph end within 15 columns of one width of 40 or more.
fn wrap_width(lines: &[&str]) -> Option<usize> {
    let mut widths = Vec::new();
    for w in lines.windows(2) {
        if !w[0].trim().is_empty() && !w[1].trim().is_empty() {
            widths.push(w[0].trim_end().chars().count());
        }
    }
    if widths.len() < 3 {
        return None;
    }
    widths.sort_unstable();
    let max = widths[widths.len() * 9 / 10];
    if max < 40 {
        return None;
    }
    let near = widths
        .iter()
        .filter(|&&w| w + 15 >= max && w <= max + 5)
        .count();
    (near * 10 >= widths.len() * 7).then_some(max)
}

fn flush(doc: &mut TextBuilder, para: &[&str], wrap: Option<usize>) {
    let Some(width) = wrap else {
        for l in para {
            doc.push(kind_of(l), strip_marker(l));
        }
        return;
    };
    // Hard-wrapped: a line well short of the width ends its paragraph.
    let mut cur = String::new();
    for l in para {
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(l.trim());
        if l.trim_end().chars().count() + 20 < width {
            doc.push(kind_of(&cur), strip_marker(&cur));
            cur.clear();
        }
    }
    doc.push(kind_of(&cur), strip_marker(&cur));
}

/// `> quoted` lines are quotations and `- item` / `* item` / `• item` lines list items.
fn kind_of(line: &str) -> BlockKind {
    let t = line.trim_start();
    if t.starts_with("> ") {
        BlockKind::Blockquote
    } else if t.starts_with("- ") || t.starts_with("* ") || t.starts_with("• ") {
        BlockKind::ListItem
    } else {
        BlockKind::Paragraph
    }
}

fn strip_marker(line: &str) -> &str {
    let t = line.trim_start();
    ["> ", "- ", "* ", "• "]
        .iter()
        .find_map(|m| t.strip_prefix(m))
        .unwrap_or(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(b: &Body) -> Vec<(BlockKind, &str)> {
        b.doc.kinds()
    }

    #[test]
    fn title_lines_and_paragraphs() {
        let b = extract("Big News Today\n\nFirst para.\nPhoto: AP\n\n> A quote.\n- item one\n");
        assert_eq!(b.title.as_deref(), Some("Big News Today"));
        assert_eq!(
            kinds(&b),
            vec![
                (BlockKind::Heading, "Big News Today"),
                (BlockKind::Paragraph, "First para."),
                (BlockKind::Paragraph, "Photo: AP"),
                (BlockKind::Blockquote, "A quote."),
                (BlockKind::ListItem, "item one"),
            ]
        );
        assert_eq!(
            b.doc.text,
            "Big News Today\n\nFirst para.\n\nPhoto: AP\n\nA quote.\n\nitem one"
        );
    }

    #[test]
    fn a_sentence_is_not_a_title() {
        let b = extract("This is the first sentence.\n\nAnd the second.");
        assert_eq!(b.title, None);
        assert_eq!(b.doc.blocks[0].kind, BlockKind::Paragraph);
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let text = "The minister said on Tuesday that the talks would go on\n\
                    through the night and that no deal had been reached yet\n\
                    by the time the delegations left the building again.\n\
                    \n\
                    A second paragraph follows here, wrapped the same way at\n\
                    about sixty columns, as old mailing list archives are.\n";
        let b = extract(text);
        assert_eq!(b.doc.blocks.len(), 2, "{:?}", b.doc.text);
        assert!(
            b.doc
                .text
                .starts_with("The minister said on Tuesday that the talks would go on through")
        );
    }

    #[test]
    fn crlf_and_cr() {
        let b = extract("Head\r\n\r\nOne.\rTwo.\r\n");
        assert_eq!(b.doc.text, "Head\n\nOne.\n\nTwo.");
    }
}
