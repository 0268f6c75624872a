//! OpenDocument text (.odt): `content.xml`. `text:h` gives headings, paragraphs inside
//! `text:list-item` list items, paragraphs whose style (or a parent style) is a quotation
//! style block quotations. Title, author and date come from `meta.xml`.

use std::collections::HashMap;

use super::container::{Container, Xml, attr, first_text, local, sensible_date, walk_xml};
use super::{Body, TextBuilder};
use crate::model::BlockKind;

const WHAT: &str = "OpenDocument text";

pub fn extract(bytes: &[u8]) -> Result<Body, String> {
    let mut zip = Container::open(bytes, WHAT)?;
    let Some(content) = zip.read_text("content.xml")? else {
        return Err(format!(
            "this is not an {WHAT}: it has no content.xml (a damaged file, or another kind of ZIP?)"
        ));
    };
    // Style name -> (parent style, display name); automatic styles (content.xml) have
    // named styles (styles.xml) as parents.
    let mut styles = HashMap::new();
    if let Some(x) = zip.read_text("styles.xml")? {
        read_styles(&x, &mut styles);
    }
    read_styles(&content, &mut styles);
    let mut doc = TextBuilder::default();
    read_body(&content, &styles, &mut doc).map_err(|e| format!("the {WHAT} is damaged: {e}"))?;
    let meta = zip.read_text("meta.xml")?.unwrap_or_default();
    let title = first_text(&meta, b"title").or_else(|| {
        doc.blocks
            .iter()
            .find(|b| b.kind == BlockKind::Heading)
            .map(|b| b.span.text(&doc.text).to_owned())
    });
    Ok(Body {
        title,
        byline: first_text(&meta, b"initial-creator").or_else(|| first_text(&meta, b"creator")),
        published: sensible_date(first_text(&meta, b"creation-date"))
            .or_else(|| sensible_date(first_text(&meta, b"date"))),
        doc,
    })
}

type Styles = HashMap<String, (Option<String>, String)>;

fn read_styles(xml: &str, styles: &mut Styles) {
    let _ = walk_xml(xml, |ev| {
        if let Xml::Start(e) | Xml::Empty(e) = ev
            && local(e) == b"style"
            && let Some(name) = attr(e, b"name")
        {
            let display = attr(e, b"display-name").unwrap_or_else(|| name.replace("_20_", " "));
            styles.insert(
                name,
                (attr(e, b"parent-style-name"), display.to_lowercase()),
            );
        }
    });
}

/// The block kind a paragraph style gives (following parent styles): quotation styles
/// give block quotations, Title/Subtitle/Heading styles on a plain paragraph headings.
fn style_kind(styles: &Styles, name: &str) -> Option<BlockKind> {
    let mut name = name.to_owned();
    for _ in 0..8 {
        let display = styles
            .get(&name)
            .map_or(name.to_lowercase(), |s| s.1.clone());
        if ["quot", "citation", "zitat"]
            .iter()
            .any(|w| display.contains(w))
        {
            return Some(BlockKind::Blockquote);
        }
        if ["title", "heading", "titre", "überschrift"]
            .iter()
            .any(|w| display.contains(w))
        {
            return Some(BlockKind::Heading);
        }
        name = styles.get(&name)?.0.clone()?;
    }
    None
}

fn read_body(xml: &str, styles: &Styles, doc: &mut TextBuilder) -> Result<(), String> {
    // Open paragraphs and headings (a frame inside a paragraph holds paragraphs of its own).
    let mut stack: Vec<(BlockKind, String)> = Vec::new();
    let mut in_body = false;
    let mut list_items = 0usize;
    // Notes, annotations and tracked deletions are not the article's running text.
    let mut skip = 0usize;
    walk_xml(xml, |ev| match ev {
        Xml::Start(e) => match local(e) {
            b"text" if !in_body => in_body = true,
            b"list-item" | b"list-header" => list_items += 1,
            // (svg:title and svg:desc name pictures in frames.)
            b"note" | b"annotation" | b"tracked-changes" | b"sequence-decls" | b"title"
            | b"desc" => skip += 1,
            b"h" => stack.push((BlockKind::Heading, String::new())),
            b"p" => {
                let kind = match attr(e, b"style-name").and_then(|s| style_kind(styles, &s)) {
                    Some(k) => k,
                    None if list_items > 0 => BlockKind::ListItem,
                    None => BlockKind::Paragraph,
                };
                stack.push((kind, String::new()));
            }
            _ => {}
        },
        Xml::Empty(e) => {
            if let Some((_, t)) = stack.last_mut()
                && skip == 0
            {
                match local(e) {
                    b"s" => {
                        let n = attr(e, b"c").and_then(|c| c.parse().ok()).unwrap_or(1usize);
                        t.extend(std::iter::repeat_n(' ', n.min(100)));
                    }
                    b"tab" | b"line-break" => t.push(' '),
                    _ => {}
                }
            }
        }
        Xml::End(name) => match name {
            b"list-item" | b"list-header" => list_items = list_items.saturating_sub(1),
            b"note" | b"annotation" | b"tracked-changes" | b"sequence-decls" | b"title"
            | b"desc" => skip = skip.saturating_sub(1),
            b"h" | b"p" => {
                if let Some((kind, t)) = stack.pop() {
                    doc.push(kind, &t);
                }
            }
            _ => {}
        },
        Xml::Text(s) => {
            if in_body
                && skip == 0
                && let Some((_, t)) = stack.last_mut()
            {
                t.push_str(&s);
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_by_element_and_style() {
        let mut styles = Styles::new();
        read_styles(
            r#"<office:styles><style:style style:name="Quotations" style:family="paragraph"/><style:style style:name="Title" style:family="paragraph"/></office:styles>
               <office:automatic-styles><style:style style:name="P7" style:parent-style-name="Quotations"/></office:automatic-styles>"#,
            &mut styles,
        );
        let mut doc = TextBuilder::default();
        read_body(
            r#"<office:document-content><office:body><office:text>
            <text:p text:style-name="Title">Big title</text:p>
            <text:h text:outline-level="1">Head</text:h>
            <text:p>One<text:s text:c="2"/>two<text:note><text:note-body><text:p>footnote</text:p></text:note-body></text:note></text:p>
            <text:p text:style-name="P7">Quoted</text:p>
            <text:list><text:list-item><text:p>Item</text:p></text:list-item></text:list>
            <text:p>After</text:p>
            </office:text></office:body></office:document-content>"#,
            &styles,
            &mut doc,
        )
        .unwrap();
        let got = doc.kinds();
        assert_eq!(
            got,
            vec![
                (BlockKind::Heading, "Big title"),
                (BlockKind::Heading, "Head"),
                (BlockKind::Paragraph, "One two"),
                (BlockKind::Blockquote, "Quoted"),
                (BlockKind::ListItem, "Item"),
                (BlockKind::Paragraph, "After"),
            ]
        );
    }
}
