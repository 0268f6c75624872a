//! Refusing what is not text before decoding it: files with a known binary signature,
//! and bytes or decoded characters dominated by NULs and control codes.

/// Known signatures of binary formats that are sometimes saved with a text extension.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (
        b"PK\x03\x04",
        "a ZIP archive (perhaps a .docx, .odt or .epub document)",
    ),
    (b"\x1F\x8B", "a gzip archive"),
    (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"),
    (b"Rar!\x1A\x07", "a RAR archive"),
    (
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        "an old Microsoft Office document (.doc)",
    ),
    (b"\x7FELF", "a program (ELF)"),
    (b"MZ\x90\x00", "a Windows program"),
    (b"RIFF", "a RIFF media file (WAV, AVI or WebP)"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 audio file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 media file"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 media file"),
    (b"SQLite format 3\0", "an SQLite database"),
    (b"{\\rtf", "an RTF document (save it as .txt or .html)"),
];

/// What a file is by its signature, if it has a known one ("a PNG image").
pub fn identify(bytes: &[u8]) -> Option<&'static str> {
    MAGIC
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, what)| *what)
}

/// Checks raw bytes: binary signatures, then NUL bytes (unless the text is UTF-16).
pub fn check_text(bytes: &[u8]) -> Result<(), String> {
    for (magic, what) in MAGIC {
        if !bytes.starts_with(magic) {
            continue;
        }
        return Err(format!(
            "this is {what}, not text; it cannot be read as an article"
        ));
    }
    let is_utf16 = bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF")
        || super::decode::utf16_without_bom(bytes).is_some();
    if !is_utf16 {
        let sample = &bytes[..bytes.len().min(8192)];
        if sample.contains(&0) {
            return Err("this looks like a binary file (it holds NUL bytes), not text".into());
        }
    }
    Ok(())
}

/// Checks decoded text: a share of control characters that no article has.
pub fn check_decoded(text: &str) -> Result<(), String> {
    let (mut n, mut bad) = (0usize, 0usize);
    for c in text.chars().take(8192) {
        n += 1;
        if (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')) || c == '\u{FFFD}' {
            bad += 1;
        }
    }
    if n > 0 && bad * 10 > n {
        return Err(format!(
            "this looks like a binary file, not text ({}% of its characters are control codes or undecodable)",
            bad * 100 / n
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures() {
        assert!(check_text(b"%PDF-1.7\n").unwrap_err().contains("PDF"));
        assert!(check_text(b"PK\x03\x04rest").unwrap_err().contains("docx"));
        assert!(check_text(b"BMW said on Monday").is_ok());
        assert!(check_text(b"plain words").is_ok());
    }

    #[test]
    fn nuls_and_control_codes() {
        assert!(check_text(b"abc\0def").is_err());
        let le: Vec<u8> = "text in UTF-16"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(check_text(&le).is_ok());
        assert!(check_decoded("\u{1}\u{2}\u{3}ab").is_err());
        assert!(check_decoded("A line.\r\n\tAnother.").is_ok());
    }
}
