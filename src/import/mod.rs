//! File bytes to article text: decoding, format extraction, block structure.
//! Errors are values that name the file and the reason.
//!
//! Every format ends in the same shape: the article text with one block per paragraph,
//! heading, quotation or list item, blocks separated by a blank line.

pub mod container;
pub mod decode;
pub mod docx;
pub mod html;
pub mod markdown;
pub mod mhtml;
pub mod odt;
pub mod pdf;
pub mod sniff;
pub mod text;

use std::fmt;

use sha2::{Digest, Sha256};

use crate::model::{Block, BlockKind, Span};

/// Files larger than this are refused before any work is done (a news article is rarely
/// over 1 MB; a PDF or Word file with pictures a few MB). Inside .docx/.odt containers each
/// part is also bounded: see [`container::MAX_ENTRY_BYTES`] and [`container::MAX_ENTRIES`];
/// PDF streams by [`pdf::MAX_STREAM_BYTES`] and reading a PDF by [`pdf::TIME_LIMIT`].
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// An article as read from a file, before analysis.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    /// Paragraphs separated by a blank line.
    pub text: String,
    pub blocks: Vec<Block>,
    pub encoding: String,
    pub format: String,
    pub sha256: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    pub file: String,
    pub reason: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.reason)
    }
}

impl std::error::Error for ImportError {}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// What a format importer returns: the body and whatever metadata the format carries.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Body {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub doc: TextBuilder,
}

/// Collects blocks into one text, a blank line between blocks, white space inside a
/// block collapsed to single spaces.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TextBuilder {
    pub text: String,
    pub blocks: Vec<Block>,
}

impl TextBuilder {
    /// Each block's kind and words (what importer tests compare).
    #[cfg(test)]
    pub fn kinds(&self) -> Vec<(BlockKind, &str)> {
        self.blocks
            .iter()
            .map(|b| (b.kind, b.span.text(&self.text)))
            .collect()
    }

    /// Appends a block; blank content is ignored. Returns whether a block was added.
    pub fn push(&mut self, kind: BlockKind, content: &str) -> bool {
        let mut words = content.split_whitespace().peekable();
        if words.peek().is_none() {
            return false;
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        for (i, w) in words.enumerate() {
            if i > 0 {
                self.text.push(' ');
            }
            self.text.push_str(w);
        }
        self.blocks.push(Block {
            kind,
            span: Span::new(start, self.text.len()),
        });
        true
    }

    pub fn block_text(&self, i: usize) -> &str {
        self.blocks[i].span.text(&self.text)
    }

    /// Keeps only the blocks for which `keep(kind, text)` holds, rebuilding the text.
    pub fn retain(&mut self, mut keep: impl FnMut(usize, BlockKind, &str) -> bool) {
        let mut out = TextBuilder::default();
        for (i, b) in self.blocks.iter().enumerate() {
            let t = b.span.text(&self.text);
            if keep(i, b.kind, t) {
                out.push(b.kind, t);
            }
        }
        *self = out;
    }
}

/// The formats `import` reads, by file extension.
fn format_of(ext: &str) -> Option<&'static str> {
    Some(match ext {
        "txt" | "text" | "" => "text",
        "md" | "markdown" => "markdown",
        "html" | "htm" | "xhtml" => "html",
        "mhtml" | "mht" => "mhtml",
        "docx" => "docx",
        "odt" => "odt",
        "pdf" => "pdf",
        _ => return None,
    })
}

/// Reads an article from the bytes of a file called `file_name` (its extension picks the format).
pub fn import(file_name: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    import_as(file_name, bytes, None)
}

/// Reads an article again with the encoding the user chose (a WHATWG label such as
/// "windows-1252", "ISO-8859-2", "KOI8-R", "Shift_JIS", "UTF-8"), for when detection was
/// wrong. Applies to text, Markdown, web pages and web archives; .docx, .odt and .pdf
/// files carry their own encoding and are refused with a reason.
pub fn import_with_encoding(
    file_name: &str,
    bytes: &[u8],
    encoding_label: &str,
) -> Result<Imported, ImportError> {
    let enc = encoding_rs::Encoding::for_label(encoding_label.trim().as_bytes())
        .filter(|&e| e != encoding_rs::REPLACEMENT)
        .ok_or_else(|| ImportError {
            file: file_name.to_owned(),
            reason: format!("“{encoding_label}” is not an encoding this program knows"),
        })?;
    import_as(file_name, bytes, Some(enc))
}

fn import_as(
    file_name: &str,
    bytes: &[u8],
    forced: Option<&'static encoding_rs::Encoding>,
) -> Result<Imported, ImportError> {
    let err = |reason: String| ImportError {
        file: file_name.to_owned(),
        reason,
    };
    let ext = std::path::Path::new(file_name)
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    let format = format_of(&ext).ok_or_else(|| {
        err(format!(
            "files of type .{ext} are not supported (use .txt, .md, .html, .mhtml, .docx, .odt or .pdf)"
        ))
    })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(err(format!(
            "it is {} MB, over the {} MB limit for one article",
            bytes.len() / 1_000_000,
            MAX_FILE_BYTES / 1_000_000
        )));
    }
    if bytes.is_empty() {
        return Err(err("the file is empty".into()));
    }
    let (body, encoding) = match format {
        "docx" | "odt" | "pdf" => {
            if forced.is_some() {
                return Err(err(format!(
                    "a .{ext} file carries its own encoding; it cannot be read with another one"
                )));
            }
            let body = match format {
                "docx" => docx::extract(bytes),
                "odt" => odt::extract(bytes),
                _ => pdf::extract(bytes),
            }
            .map_err(err)?;
            (body, if format == "pdf" { "PDF" } else { "UTF-8" })
        }
        _ => {
            if bytes.iter().all(|b| b.is_ascii_whitespace()) {
                return Err(err("the file holds only white space".into()));
            }
            sniff::check_text(bytes).map_err(err)?;
            let decoded = match (format, forced) {
                ("mhtml", _) => mhtml::page(bytes, forced).map_err(err)?,
                (_, Some(enc)) => {
                    let raw = match encoding_rs::Encoding::for_bom(bytes) {
                        Some((e, n)) if e == enc => &bytes[n..],
                        _ => bytes,
                    };
                    decode::Decoded {
                        text: enc.decode_without_bom_handling(raw).0.into_owned(),
                        encoding: enc.name(),
                    }
                }
                _ => decode::decode(bytes, format == "html"),
            };
            sniff::check_decoded(&decoded.text).map_err(err)?;
            let body = match format {
                "html" | "mhtml" => html::extract(&decoded.text),
                "markdown" => markdown::extract(&decoded.text),
                _ => text::extract(&decoded.text),
            };
            (body, decoded.encoding)
        }
    };
    if body.doc.blocks.is_empty() {
        return Err(err(match format {
            "html" | "mhtml" => "no article text was found in the page".into(),
            _ => "the file has no text".into(),
        }));
    }
    Ok(Imported {
        title: body.title,
        byline: body.byline,
        published: body.published,
        text: body.doc.text,
        blocks: body.doc.blocks,
        encoding: encoding.to_owned(),
        format: format.to_owned(),
        sha256: sha256_hex(bytes),
    })
}

/// One paragraph block per non-blank line.
pub fn line_blocks(text: &str) -> Vec<Block> {
    crate::analysis::text::lines(text)
        .map(|span: Span| Block {
            kind: BlockKind::Paragraph,
            span,
        })
        .collect()
}

/// File extensions `import` understands.
pub const SUPPORTED_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "mhtml", "mht", "docx", "odt", "pdf",
];

pub fn is_supported(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| SUPPORTED_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_and_crlf() {
        let a = import("a.txt", b"\xEF\xBB\xBFTitle\r\n\r\nBody.\r\n").unwrap();
        assert_eq!(a.text, "Title\n\nBody.");
        assert_eq!(a.title.as_deref(), Some("Title"));
        assert_eq!(a.blocks.len(), 2);
        assert_eq!(a.encoding, "UTF-8");
    }

    #[test]
    fn errors_name_the_file() {
        let e = import("x.png", b"\x89PNG").unwrap_err();
        assert_eq!(e.file, "x.png");
        assert!(e.reason.contains(".png"), "{}", e.reason);
        assert!(import("e.txt", b"").unwrap_err().reason.contains("empty"));
        assert!(
            import("e.txt", b" \r\n\t")
                .unwrap_err()
                .reason
                .contains("white space")
        );
    }

    #[test]
    fn binary_with_text_extension_is_refused() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
        let e = import("photo.txt", png).unwrap_err();
        assert!(e.reason.contains("PNG"), "{}", e.reason);
        let e = import("blob.html", &[0u8, 1, 2, 3, 200, 201, 0, 0, 7, 8, 9, 0]).unwrap_err();
        assert!(e.reason.contains("binary"), "{}", e.reason);
    }

    #[test]
    fn builder_collapses_space_and_separates_blocks() {
        let mut b = TextBuilder::default();
        assert!(b.push(BlockKind::Heading, "  A\n title "));
        assert!(!b.push(BlockKind::Paragraph, " \n "));
        assert!(b.push(BlockKind::Blockquote, "said\tthis"));
        assert_eq!(b.text, "A title\n\nsaid this");
        assert_eq!(b.block_text(1), "said this");
        b.retain(|i, _, _| i == 1);
        assert_eq!(b.text, "said this");
        assert_eq!(b.blocks[0].span, Span::new(0, 9));
    }

    mod prop {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600),
                                           ext in prop_oneof!["txt", "md", "html", "bin", "mhtml", "docx", "odt", "pdf"],
                                           head in prop_oneof![Just(&b""[..]), Just(&b"PK\x03\x04"[..]), Just(&b"%PDF-1.4\n"[..])]) {
                let bytes = [head, &bytes[..]].concat();
                if let Ok(a) = import(&format!("f.{ext}"), &bytes) {
                    for b in &a.blocks {
                        prop_assert!(a.text.get(b.span.start..b.span.end).is_some());
                    }
                }
            }

            #[test]
            fn valid_utf8_round_trips(s in "[^\u{0}-\u{8}\u{e}-\u{1f}\u{7f}\u{feff}]{1,200}") {
                let d = decode::decode(s.as_bytes(), false);
                prop_assert_eq!(&d.text, &s);
                prop_assert_eq!(d.encoding, "UTF-8");
                // Text import keeps every word, in order.
                if let Ok(a) = import("t.txt", s.as_bytes()) {
                    // (list and quotation markers at line starts are dropped)
                    let marker = |w: &&str| !matches!(*w, "-" | "*" | "•" | ">");
                    let words: Vec<&str> = s.split_whitespace().filter(marker).collect();
                    let got: Vec<&str> = a.text.split_whitespace().filter(marker).collect();
                    prop_assert_eq!(words, got);
                }
            }
        }
    }
}
