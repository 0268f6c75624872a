//! Markdown through pulldown-cmark: headings, paragraphs, block quotations and list
//! items become blocks; inline markup is dropped, link and emphasis text kept.
//! The first heading is the title.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{Body, TextBuilder};
use crate::model::BlockKind;

pub fn extract(text: &str) -> Body {
    let (front_title, text) = front_matter(text);
    let mut doc = TextBuilder::default();
    let mut title = front_title;
    let mut buf = String::new();
    let mut quote_depth = 0usize;
    let mut item_depth = 0usize;
    let mut heading = false;
    let mut skip = 0usize; // inside an image or HTML block: its text is not article text
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let kind = |heading: bool, q: usize, i: usize| {
        if heading {
            BlockKind::Heading
        } else if q > 0 {
            BlockKind::Blockquote
        } else if i > 0 {
            BlockKind::ListItem
        } else {
            BlockKind::Paragraph
        }
    };
    for ev in Parser::new_ext(text, opts) {
        match ev {
            Event::Start(tag) => {
                match tag {
                    Tag::Heading { .. } => heading = true,
                    Tag::BlockQuote(_) => quote_depth += 1,
                    Tag::Item => item_depth += 1,
                    Tag::Image { .. } | Tag::HtmlBlock | Tag::MetadataBlock(_) => skip += 1,
                    Tag::Paragraph | Tag::CodeBlock(_) | Tag::TableRow | Tag::TableHead => {}
                    _ => continue,
                }
                // A new block inside an item or quotation closes the text before it.
                if !matches!(tag, Tag::Image { .. }) {
                    doc.push(kind(heading, quote_depth, item_depth), &buf);
                    buf.clear();
                }
            }
            Event::End(end) => {
                let k = kind(heading, quote_depth, item_depth);
                match end {
                    TagEnd::Image | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) => {
                        skip = skip.saturating_sub(1);
                        continue;
                    }
                    TagEnd::TableCell => {
                        buf.push_str(" | ");
                        continue;
                    }
                    TagEnd::Heading(_) => {
                        if title.is_none() && !buf.trim().is_empty() {
                            title = Some(buf.split_whitespace().collect::<Vec<_>>().join(" "));
                        }
                        heading = false;
                    }
                    TagEnd::BlockQuote(_) => quote_depth = quote_depth.saturating_sub(1),
                    TagEnd::Item => item_depth = item_depth.saturating_sub(1),
                    TagEnd::Paragraph
                    | TagEnd::CodeBlock
                    | TagEnd::TableRow
                    | TagEnd::TableHead => {}
                    _ => continue,
                }
                doc.push(k, buf.trim_end_matches([' ', '|']));
                buf.clear();
            }
            Event::Text(t) | Event::Code(t) if skip == 0 => buf.push_str(&t),
            Event::SoftBreak | Event::HardBreak => buf.push(' '),
            Event::FootnoteReference(_) | Event::Rule | Event::TaskListMarker(_) => {}
            _ => {}
        }
    }
    doc.push(BlockKind::Paragraph, &buf);
    Body {
        title,
        doc,
        ..Body::default()
    }
}

/// YAML front matter: its `title:` is the title; the block itself is not text.
fn front_matter(text: &str) -> (Option<String>, &str) {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return (None, text);
    };
    let Some(end) = rest.find("\n---") else {
        return (None, text);
    };
    let title = rest[..end].lines().find_map(|l| {
        let v = l.strip_prefix("title:")?.trim().trim_matches(['"', '\'']);
        (!v.is_empty()).then(|| v.to_owned())
    });
    let after = &rest[end + 4..];
    (title, after.split_once('\n').map_or("", |(_, r)| r))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(b: &Body) -> Vec<(BlockKind, &str)> {
        b.doc.kinds()
    }

    #[test]
    fn blocks_and_title() {
        let md = "# The *Headline*\n\nA [linked](http://x) para\nwrapped.\n\n> Quoted words\n> go on.\n\n- one\n- two **bold**\n\n![alt text](p.png)\n";
        let b = extract(md);
        assert_eq!(b.title.as_deref(), Some("The Headline"));
        assert_eq!(
            kinds(&b),
            vec![
                (BlockKind::Heading, "The Headline"),
                (BlockKind::Paragraph, "A linked para wrapped."),
                (BlockKind::Blockquote, "Quoted words go on."),
                (BlockKind::ListItem, "one"),
                (BlockKind::ListItem, "two bold"),
            ]
        );
    }

    #[test]
    fn front_matter_title_and_nested_list_in_quote() {
        let md = "---\ntitle: \"From YAML\"\n---\n\n> - quoted item\n\nText.";
        let b = extract(md);
        assert_eq!(b.title.as_deref(), Some("From YAML"));
        assert_eq!(
            kinds(&b),
            vec![
                (BlockKind::Blockquote, "quoted item"),
                (BlockKind::Paragraph, "Text.")
            ]
        );
    }
}
