//! Word documents (.docx, WordprocessingML): `word/document.xml` paragraph by paragraph.
//! Heading styles (and outline levels) give headings, numbered or bulleted paragraphs list
//! items, quotation styles (Word's Quote and Intense Quote, LibreOffice's Quotations)
//! block quotations. Title, author and date come from `docProps/core.xml`.

use std::collections::HashMap;

use super::container::{Container, Xml, attr, first_text, local, sensible_date, walk_xml};
use super::{Body, TextBuilder};
use crate::model::BlockKind;

const WHAT: &str = "Word document";

#[derive(Default, Clone)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: bool,
    numbered: bool,
}

pub fn extract(bytes: &[u8]) -> Result<Body, String> {
    let mut zip = Container::open(bytes, WHAT)?;
    let main = main_part(&mut zip)?;
    let Some(document) = zip.read_text(&main)? else {
        return Err(format!(
            "this is not a {WHAT}: it has no {main} (a damaged file, or another kind of ZIP?)"
        ));
    };
    let styles = match zip.read_text("word/styles.xml")? {
        Some(x) => read_styles(&x),
        None => HashMap::new(),
    };
    let mut doc = TextBuilder::default();
    read_body(&document, &styles, &mut doc).map_err(|e| format!("the {WHAT} is damaged: {e}"))?;
    let core = zip.read_text("docProps/core.xml")?.unwrap_or_default();
    let title = first_text(&core, b"title").or_else(|| {
        doc.blocks
            .iter()
            .find(|b| b.kind == BlockKind::Heading)
            .map(|b| b.span.text(&doc.text).to_owned())
    });
    Ok(Body {
        title,
        byline: first_text(&core, b"creator"),
        published: sensible_date(first_text(&core, b"created"))
            .or_else(|| sensible_date(first_text(&core, b"modified"))),
        doc,
    })
}

/// The main document part: named by the package relationships, `word/document.xml` by default.
fn main_part(zip: &mut Container<'_>) -> Result<String, String> {
    let rels = zip.read_text("_rels/.rels")?.unwrap_or_default();
    let mut target = None;
    let _ = walk_xml(&rels, |ev| {
        if let Xml::Start(e) | Xml::Empty(e) = ev
            && local(e) == b"Relationship"
            && target.is_none()
            && attr(e, b"Type").is_some_and(|t| t.ends_with("/officeDocument"))
        {
            target = attr(e, b"Target");
        }
    });
    Ok(target
        .map(|t| t.trim_start_matches('/').to_owned())
        .unwrap_or_else(|| "word/document.xml".into()))
}

fn read_styles(xml: &str) -> HashMap<String, Style> {
    let mut styles = HashMap::new();
    let mut cur: Option<(String, Style)> = None;
    let _ = walk_xml(xml, |ev| match ev {
        Xml::Start(e) | Xml::Empty(e) => match local(e) {
            b"style" => cur = attr(e, b"styleId").map(|id| (id, Style::default())),
            b"name" => {
                if let Some((_, s)) = &mut cur {
                    s.name = attr(e, b"val").unwrap_or_default().to_lowercase();
                }
            }
            b"basedOn" => {
                if let Some((_, s)) = &mut cur {
                    s.based_on = attr(e, b"val");
                }
            }
            b"outlineLvl" => {
                if let Some((_, s)) = &mut cur {
                    s.outline =
                        attr(e, b"val").is_some_and(|v| v.parse::<u8>().is_ok_and(|l| l < 9));
                }
            }
            b"numId" => {
                if let Some((_, s)) = &mut cur {
                    s.numbered = attr(e, b"val").is_some_and(|v| v != "0");
                }
            }
            _ => {}
        },
        Xml::End(b"style") => {
            if let Some((id, s)) = cur.take() {
                styles.insert(id, s);
            }
        }
        _ => {}
    });
    styles
}

/// The block kind a paragraph style gives, following `basedOn` (a few levels).
fn style_kind(styles: &HashMap<String, Style>, id: &str) -> Option<BlockKind> {
    let mut id = id.to_owned();
    for _ in 0..8 {
        let s = styles.get(&id);
        let name = s.map_or(id.to_lowercase(), |s| s.name.clone());
        let id_l = id.to_lowercase();
        let is = |words: &[&str]| words.iter().any(|w| name.contains(w) || id_l.contains(w));
        if is(&["quote", "quotation", "citation", "zitat"]) {
            return Some(BlockKind::Blockquote);
        }
        if is(&["heading", "title", "subtitle", "titre", "überschrift"])
            || s.is_some_and(|s| s.outline)
        {
            return Some(BlockKind::Heading);
        }
        if s.is_some_and(|s| s.numbered) || name.starts_with("list") && name != "list paragraph" {
            return Some(BlockKind::ListItem);
        }
        id = s?.based_on.clone()?;
    }
    None
}

/// One paragraph being read (paragraphs nest: a text box inside a paragraph holds its own).
#[derive(Default)]
struct Para {
    text: String,
    style: Option<String>,
    numbered: Option<bool>,
    outline: bool,
}

fn read_body(
    xml: &str,
    styles: &HashMap<String, Style>,
    doc: &mut TextBuilder,
) -> Result<(), String> {
    let mut stack: Vec<Para> = Vec::new();
    // Inside <w:t> (text) and inside parts whose text is not the document's (deleted runs,
    // field codes, footnote references are elements without text here).
    let mut in_t = false;
    let mut skip = 0usize;
    walk_xml(xml, |ev| match ev {
        Xml::Start(e) => match local(e) {
            b"p" => stack.push(Para::default()),
            b"t" => in_t = true,
            // (mc:Fallback repeats a text box's text for old readers.)
            b"delText" | b"instrText" | b"del" | b"Fallback" => skip += 1,
            b"pStyle" | b"numId" | b"outlineLvl" => prop(e, stack.last_mut()),
            _ => {}
        },
        Xml::Empty(e) => match local(e) {
            b"tab" | b"br" | b"cr" if skip == 0 => {
                if let Some(p) = stack.last_mut() {
                    p.text.push(' ');
                }
            }
            b"noBreakHyphen" if skip == 0 => {
                if let Some(p) = stack.last_mut() {
                    p.text.push('-');
                }
            }
            b"p" => {}
            _ => prop(e, stack.last_mut()),
        },
        Xml::End(name) => match name {
            b"t" => in_t = false,
            b"delText" | b"instrText" | b"del" | b"Fallback" => skip = skip.saturating_sub(1),
            b"p" => {
                if let Some(p) = stack.pop() {
                    let by_style = p.style.as_deref().and_then(|s| style_kind(styles, s));
                    let kind = match by_style {
                        Some(k @ (BlockKind::Heading | BlockKind::Blockquote)) => k,
                        _ if p.outline => BlockKind::Heading,
                        _ if p.numbered == Some(true) => BlockKind::ListItem,
                        Some(BlockKind::ListItem) if p.numbered != Some(false) => {
                            BlockKind::ListItem
                        }
                        _ => BlockKind::Paragraph,
                    };
                    doc.push(kind, &p.text);
                }
            }
            _ => {}
        },
        Xml::Text(t) if in_t && skip == 0 => {
            if let Some(p) = stack.last_mut() {
                p.text.push_str(&t);
            }
        }
        Xml::Text(_) => {}
    })
}

/// Paragraph properties: style, numbering, outline level.
fn prop(e: &quick_xml::events::BytesStart<'_>, p: Option<&mut Para>) {
    let Some(p) = p else { return };
    match local(e) {
        b"pStyle" => p.style = attr(e, b"val"),
        b"numId" => p.numbered = Some(attr(e, b"val").is_some_and(|v| v != "0")),
        b"outlineLvl" => {
            p.outline = attr(e, b"val").is_some_and(|v| v.parse::<u8>().is_ok_and(|l| l < 9))
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_by_style() {
        let styles = read_styles(
            r#"<w:styles><w:style w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
            <w:style w:styleId="Quote"><w:name w:val="Quote"/></w:style>
            <w:style w:styleId="MyQuote"><w:name w:val="Pull"/><w:basedOn w:val="Quote"/></w:style>
            <w:style w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style></w:styles>"#,
        );
        let mut doc = TextBuilder::default();
        read_body(
            r#"<w:document><w:body>
            <w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Head</w:t></w:r></w:p>
            <w:p><w:r><w:t xml:space="preserve">One </w:t></w:r><w:r><w:tab/><w:t>two</w:t></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del></w:p>
            <w:p><w:pPr><w:pStyle w:val="MyQuote"/></w:pPr><w:r><w:t>Quoted &amp; kept</w:t></w:r></w:p>
            <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Item</w:t></w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>Box</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>Box</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:p>
            <w:p><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr><w:r><w:t>Bullet</w:t></w:r></w:p>
            </w:body></w:document>"#,
            &styles,
            &mut doc,
        )
        .unwrap();
        let got = doc.kinds();
        assert_eq!(
            got,
            vec![
                (BlockKind::Heading, "Head"),
                (BlockKind::Paragraph, "One two"),
                (BlockKind::Blockquote, "Quoted & kept"),
                (BlockKind::Paragraph, "Box"),
                (BlockKind::ListItem, "Item"),
                (BlockKind::ListItem, "Bullet"),
            ]
        );
    }
}
