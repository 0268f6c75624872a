//! PDF (.pdf) from its text layer. pdf-extract (on lopdf) decodes the fonts and hands over
//! every glyph with its position and size; glyphs are gathered into lines here and lines
//! into blocks: a new block at a larger vertical gap, a change of font size, a bullet, or
//! after a short line that ends a sentence. Larger type is a heading, a bullet or number
//! starts a list item, and a block indented from the body's left margin is a block
//! quotation. Words hyphenated at a line end are joined again.
//!
//! A PDF without a text layer (scanned pages) is refused with a hint to run OCR.
//! Reading runs on its own thread with a time limit (a pathological file gives an error,
//! never a frozen app) and a panic in the PDF code is an error, not a crash.

use std::sync::mpsc;
use std::time::Duration;

use pdf_extract::{Document, MediaBox, Object, OutputDev, OutputError, Transform};

use super::container::sensible_date;
use super::{Body, TextBuilder};
use crate::model::BlockKind;

/// How long reading one PDF may take before it is given up.
pub const TIME_LIMIT: Duration = Duration::from_secs(30);
/// Largest decompressed size of one stream (page contents, fonts) in a PDF (64 MiB).
pub const MAX_STREAM_BYTES: u64 = 64 * 1024 * 1024;
/// Largest decompressed size of all deflated streams of a PDF together (512 MiB).
pub const MAX_TOTAL_STREAM_BYTES: u64 = 512 * 1024 * 1024;

pub const NO_TEXT_LAYER: &str = "no text layer: scanned PDF? run OCR first";

pub fn extract(bytes: &[u8]) -> Result<Body, String> {
    if !bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
    {
        return Err(match super::sniff::identify(bytes) {
            Some(other) => format!("this is {other}, not a PDF document"),
            None => "this is not a PDF document (it has no %PDF header)".into(),
        });
    }
    let owned = bytes.to_vec();
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("pdf import".into())
        .stack_size(32 * 1024 * 1024)
        .spawn(move || {
            let r = std::panic::catch_unwind(|| read(&owned)).unwrap_or_else(|_| {
                Err("the PDF is damaged: the PDF reader could not make sense of it".into())
            });
            let _ = tx.send(r);
        });
    if spawned.is_err() {
        return Err("the PDF could not be read (no thread to read it on)".into());
    }
    match rx.recv_timeout(TIME_LIMIT) {
        Ok(r) => r,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(format!(
            "reading the PDF took longer than {} s; given up",
            TIME_LIMIT.as_secs()
        )),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err("the PDF is damaged: the PDF reader could not make sense of it".into())
        }
    }
}

fn read(bytes: &[u8]) -> Result<Body, String> {
    let mut doc =
        Document::load_mem(bytes).map_err(|e| format!("the PDF is damaged or truncated ({e})"))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err("the PDF is protected by a password".into());
    }
    check_streams(&doc)?;
    let mut lines = Lines::default();
    pdf_extract::output_doc(&doc, &mut lines).map_err(|e| format!("the PDF is damaged ({e})"))?;
    Lines::end_line(&mut lines);
    if !lines
        .lines
        .iter()
        .any(|l| l.text.chars().any(char::is_alphanumeric))
    {
        return Err(NO_TEXT_LAYER.into());
    }
    let doc_text = blocks(&lines.lines);
    let info = |key: &[u8]| info_string(&doc, key);
    let title = info(b"Title").or_else(|| {
        doc_text
            .blocks
            .iter()
            .find(|b| b.kind == BlockKind::Heading)
            .map(|b| b.span.text(&doc_text.text).to_owned())
    });
    Ok(Body {
        title,
        byline: info(b"Author"),
        published: sensible_date(info(b"CreationDate").and_then(|d| pdf_date(&d))),
        doc: doc_text,
    })
}

/// Refuses a PDF with a deflate stream that unpacks past [`MAX_STREAM_BYTES`] (a bomb),
/// before the reader unpacks it without a bound.
fn check_streams(doc: &Document) -> Result<(), String> {
    use std::io::Read;
    let mut total = 0u64;
    for obj in doc.objects.values() {
        let Object::Stream(s) = obj else { continue };
        let flate = match s.dict.get(b"Filter") {
            Ok(Object::Name(n)) => n == b"FlateDecode",
            Ok(Object::Array(a)) => a
                .iter()
                .any(|o| matches!(o, Object::Name(n) if n == b"FlateDecode")),
            _ => false,
        };
        if !flate {
            continue;
        }
        let n = std::io::copy(
            &mut flate2::read::ZlibDecoder::new(&s.content[..]).take(MAX_STREAM_BYTES + 1),
            &mut std::io::sink(),
        )
        .unwrap_or(0);
        total += n;
        if n > MAX_STREAM_BYTES || total > MAX_TOTAL_STREAM_BYTES {
            return Err(format!(
                "the PDF's streams unpack to more than {} MB, over the limit (a zip bomb?)",
                if n > MAX_STREAM_BYTES {
                    MAX_STREAM_BYTES
                } else {
                    MAX_TOTAL_STREAM_BYTES
                } / (1024 * 1024)
            ));
        }
    }
    Ok(())
}

/// A text string of the document information dictionary (UTF-16 with a BOM, or PDFDocEncoding).
fn info_string(doc: &Document, key: &[u8]) -> Option<String> {
    let info = match doc.trailer.get(b"Info").ok()? {
        Object::Reference(id) => doc.get_dictionary(*id).ok()?,
        Object::Dictionary(d) => d,
        _ => return None,
    };
    let Object::String(raw, _) = info.get(key).ok()? else {
        return None;
    };
    let s = if let Some(rest) = raw.strip_prefix(b"\xFE\xFF") {
        encoding_rs::UTF_16BE
            .decode_without_bom_handling(rest)
            .0
            .into_owned()
    } else if let Some(rest) = raw.strip_prefix(b"\xEF\xBB\xBF") {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        // PDFDocEncoding agrees with Latin-1 on the printable characters that matter here.
        raw.iter().map(|&b| char::from(b)).collect()
    };
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// `D:20240506093000+02'00'` -> `2024-05-06T09:30:00`.
fn pdf_date(d: &str) -> Option<String> {
    let d = d.strip_prefix("D:").unwrap_or(d);
    let digits: String = d.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() < 8 {
        return None;
    }
    let part = |r: std::ops::Range<usize>| digits.get(r).unwrap_or("00").to_owned();
    Some(format!(
        "{}-{}-{}T{}:{}:{}",
        part(0..4),
        part(4..6),
        part(6..8),
        part(8..10),
        part(10..12),
        part(12..14)
    ))
}

#[derive(Clone, Debug, Default)]
struct Line {
    page: u32,
    x0: f64,
    x1: f64,
    /// Baseline, from the top of the page.
    y: f64,
    size: f64,
    text: String,
}

/// One glyph (or ligature) at its place on the page.
#[derive(Clone, Debug)]
struct Glyph {
    x: f64,
    end: f64,
    text: String,
}

/// A line being gathered: glyphs come in drawing order, which is not always reading order
/// (a fallback font's glyphs, an emoji for one, are often drawn after the rest of the line).
#[derive(Clone, Debug, Default)]
struct Open {
    page: u32,
    y: f64,
    size: f64,
    glyphs: Vec<Glyph>,
}

impl Open {
    fn finish(mut self) -> Option<Line> {
        self.glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut text = String::new();
        let mut end = f64::NEG_INFINITY;
        for g in &self.glyphs {
            if g.x > end + 0.1 * self.size && !text.is_empty() {
                text.push(' ');
            }
            text.push_str(&g.text);
            end = end.max(g.end);
        }
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let printed = |g: &&Glyph| !g.text.trim().is_empty();
        Some(Line {
            page: self.page,
            x0: self.glyphs.iter().find(printed)?.x,
            x1: self
                .glyphs
                .iter()
                .filter(printed)
                .map(|g| g.end)
                .fold(f64::MIN, f64::max),
            y: self.y,
            size: self.size,
            text,
        })
        .filter(|l| !l.text.is_empty())
    }
}

/// Lines still open to glyphs drawn late (the last few; older ones are finished).
const OPEN_LINES: usize = 4;

#[derive(Default)]
struct Lines {
    page: u32,
    height: f64,
    open: Vec<Open>,
    lines: Vec<Line>,
}

impl Lines {
    fn end_line(&mut self) {
        for l in std::mem::take(&mut self.open) {
            self.lines.extend(l.finish());
        }
    }
}

impl OutputDev for Lines {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.end_line();
        self.page = page_num;
        self.height = media_box.ury - media_box.lly;
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        self.end_line();
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        ch: &str,
    ) -> Result<(), OutputError> {
        let (x, y) = (trm.m31, self.height - trm.m32);
        let size = ((font_size * (trm.m11 + trm.m21)) * (font_size * (trm.m12 + trm.m22)))
            .abs()
            .sqrt()
            .max(0.1);
        if !x.is_finite() || !y.is_finite() || !size.is_finite() {
            return Ok(());
        }
        let glyph = Glyph {
            x,
            end: x + width * size,
            text: ch.to_owned(),
        };
        // The open line at this height whose extent the glyph falls in or continues.
        let near = self.open.iter_mut().rev().find(|l| {
            (y - l.y).abs() <= 0.5 * size.min(l.size)
                && l.glyphs.first().is_some_and(|f| x >= f.x - size)
                && l.glyphs.iter().any(|g| x <= g.end + 3.0 * size)
        });
        match near {
            Some(l) => {
                l.size = l.size.max(size);
                l.glyphs.push(glyph);
            }
            None => {
                if self.open.len() >= OPEN_LINES {
                    let old = self.open.remove(0);
                    self.lines.extend(old.finish());
                }
                self.open.push(Open {
                    page: self.page,
                    y,
                    size,
                    glyphs: vec![glyph],
                });
            }
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// The most common value (rounded to half points), weighted.
fn mode(values: impl Iterator<Item = (f64, usize)>) -> Option<f64> {
    let mut counts: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    for (v, w) in values {
        *counts.entry((v * 2.0).round() as i64).or_default() += w;
    }
    counts
        .into_iter()
        .max_by_key(|&(k, n)| (n, -k))
        .map(|(k, _)| k as f64 / 2.0)
}

/// A list marker at the start of a line, and the text after it.
fn strip_bullet(t: &str) -> Option<&str> {
    let mut chars = t.char_indices();
    let (_, c) = chars.next()?;
    if matches!(
        c,
        '•' | '◦' | '▪' | '‣' | '·' | '–' | '-' | '*' | '\u{f0b7}' | '\u{e00a}'
    ) {
        let rest = &t[c.len_utf8()..];
        return rest.starts_with(' ').then(|| rest.trim_start());
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if (1..=2).contains(&digits) {
        let rest = &t[digits..];
        if let Some(r) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some(r.trim_start());
        }
    }
    None
}

fn blocks(lines: &[Line]) -> TextBuilder {
    let weight = |l: &Line| l.text.chars().count();
    let body_size = mode(lines.iter().map(|l| (l.size, weight(l)))).unwrap_or(10.0);
    let is_body = |l: &Line| (l.size - body_size).abs() <= body_size * 0.1;
    let left = mode(
        lines
            .iter()
            .filter(|l| is_body(l))
            .map(|l| (l.x0, weight(l))),
    )
    .unwrap_or(0.0);
    let mut gaps: Vec<f64> = lines
        .windows(2)
        .filter(|w| w[0].page == w[1].page && is_body(&w[0]) && is_body(&w[1]))
        .map(|w| w[1].y - w[0].y)
        .filter(|&g| g > 0.0 && g < 3.0 * body_size)
        .collect();
    gaps.sort_by(f64::total_cmp);
    // The usual distance from one line to the next inside a paragraph.
    let line_gap = gaps
        .first()
        .copied()
        .unwrap_or(body_size * 1.2)
        .max(body_size);
    let heading = |l: &Line| l.size > body_size * 1.15;
    let indented = |l: &Line| l.x0 > left + 1.5 * body_size;

    let mut doc = TextBuilder::default();
    let mut kind = BlockKind::Paragraph;
    let mut buf = String::new();
    let mut prev: Option<&Line> = None;
    for l in lines {
        let bullet = strip_bullet(&l.text);
        let new_block = match prev {
            None => true,
            Some(p) => {
                let gap = l.y - p.y;
                bullet.is_some()
                    || heading(l) != heading(p)
                    || (l.size - p.size).abs() > 0.15 * body_size
                    || (p.page == l.page && (gap > line_gap * 1.3 || gap < -0.5 * body_size))
                    || (kind != BlockKind::ListItem && indented(l) != indented(p))
                    || (kind == BlockKind::ListItem && !indented(l) && indented(p))
                    || (p.text.ends_with(['.', '!', '?', ':', '”', '"', '’'])
                        && p.x1 < l.x1.max(p.x0 + 20.0 * body_size) - 4.0 * body_size)
            }
        };
        if new_block {
            doc.push(kind, &buf);
            buf.clear();
            kind = if heading(l) {
                BlockKind::Heading
            } else if bullet.is_some() {
                BlockKind::ListItem
            } else if indented(l) {
                BlockKind::Blockquote
            } else {
                BlockKind::Paragraph
            };
        }
        let text = bullet.unwrap_or(&l.text);
        join_line(&mut buf, text);
        prev = Some(l);
    }
    doc.push(kind, &buf);
    doc
}

/// Appends a line to a paragraph, joining a word hyphenated across the line end.
fn join_line(buf: &mut String, line: &str) {
    let hyphenated = buf.ends_with('-')
        && buf[..buf.len() - 1].ends_with(char::is_alphabetic)
        && line.starts_with(char::is_lowercase);
    if buf.ends_with('\u{ad}') || hyphenated {
        buf.pop();
    } else if !buf.is_empty() {
        buf.push(' ');
    }
    buf.push_str(line);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(y: f64, x0: f64, x1: f64, size: f64, text: &str) -> Line {
        Line {
            page: 1,
            x0,
            x1,
            y,
            size,
            text: text.into(),
        }
    }

    #[test]
    fn lines_to_blocks() {
        let lines = vec![
            line(50.0, 56.0, 300.0, 18.0, "A Headline"),
            line(
                80.0,
                56.0,
                540.0,
                11.0,
                "The first paragraph runs over two lines and is hy-",
            ),
            line(93.0, 56.0, 300.0, 11.0, "phenated at the end of the first."),
            line(
                113.0,
                56.0,
                540.0,
                11.0,
                "A second paragraph that also runs over two lines of",
            ),
            line(126.0, 56.0, 200.0, 11.0, "text."),
            line(146.0, 90.0, 500.0, 11.0, "An indented quotation."),
            line(166.0, 70.0, 200.0, 11.0, "• An item"),
            line(179.0, 70.0, 200.0, 11.0, "• Another item"),
            line(
                199.0,
                56.0,
                540.0,
                11.0,
                "Back to the body text, which goes on for a while here.",
            ),
        ];
        let doc = blocks(&lines);
        let got = doc.kinds();
        assert_eq!(
            got,
            vec![
                (BlockKind::Heading, "A Headline"),
                (
                    BlockKind::Paragraph,
                    "The first paragraph runs over two lines and is hyphenated at the end of the first."
                ),
                (
                    BlockKind::Paragraph,
                    "A second paragraph that also runs over two lines of text."
                ),
                (BlockKind::Blockquote, "An indented quotation."),
                (BlockKind::ListItem, "An item"),
                (BlockKind::ListItem, "Another item"),
                (
                    BlockKind::Paragraph,
                    "Back to the body text, which goes on for a while here."
                ),
            ]
        );
    }

    #[test]
    fn dates_and_refusals() {
        assert_eq!(
            pdf_date("D:20240506093000+02'00'").as_deref(),
            Some("2024-05-06T09:30:00")
        );
        assert!(extract(b"hello").unwrap_err().contains("not a PDF"));
        assert!(
            extract(b"%PDF-1.7\n1 0 obj")
                .unwrap_err()
                .contains("damaged")
        );
    }
}
