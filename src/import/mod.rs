//! File bytes to article text: decoding, format extraction, block structure.
//! Errors are values that name the file and the reason.

use std::fmt;

use sha2::{Digest, Sha256};

use crate::model::{Block, BlockKind, Span};

/// Files larger than this are refused before any work is done (a news article is rarely over 1 MB).
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

/// Reads an article from the bytes of a file called `file_name` (its extension picks the format).
pub fn import(file_name: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    let err = |reason: String| ImportError {
        file: file_name.to_owned(),
        reason,
    };
    if bytes.is_empty() {
        return Err(err("the file is empty".into()));
    }
    let ext = std::path::Path::new(file_name)
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    let (decoded, encoding) =
        decode_utf8(bytes).ok_or_else(|| err("the file is not UTF-8 text".into()))?;
    let format = match ext.as_str() {
        "txt" | "text" | "" => "text",
        "md" | "markdown" => "markdown",
        "html" | "htm" | "xhtml" => "html",
        other => return Err(err(format!("files of type .{other} are not supported"))),
    };
    let text = decoded.replace("\r\n", "\n");
    let blocks = line_blocks(&text);
    Ok(Imported {
        title: text
            .lines()
            .find(|l| !l.trim().is_empty())
            .map(|l| l.trim().to_owned()),
        byline: None,
        published: None,
        text,
        blocks,
        encoding: encoding.to_owned(),
        format: format.to_owned(),
        sha256: sha256_hex(bytes),
    })
}

fn decode_utf8(bytes: &[u8]) -> Option<(&str, &'static str)> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(body).ok().map(|s| (s, "UTF-8"))
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
pub const SUPPORTED_EXTENSIONS: &[&str] =
    &["txt", "text", "md", "markdown", "html", "htm", "xhtml"];

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
        assert_eq!(a.text, "Title\n\nBody.\n");
        assert_eq!(a.title.as_deref(), Some("Title"));
        assert_eq!(a.blocks.len(), 2);
    }

    #[test]
    fn errors_name_the_file() {
        let e = import("x.png", b"\x89PNG").unwrap_err();
        assert_eq!(e.file, "x.png");
        assert!(import("e.txt", b"").unwrap_err().reason.contains("empty"));
    }
}
