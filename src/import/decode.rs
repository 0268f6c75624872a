//! Bytes to text: BOMs, declared charsets (HTML `<meta>`), and detection of undeclared
//! legacy encodings. The decoders are encoding_rs (WHATWG) and the guess is chardetng
//! (Firefox's detector); nothing here is a hand-written code page table.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Decoded text and the name of the encoding it was read as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decodes `bytes`. Order: byte order mark, BOM-less UTF-16, valid UTF-8, declared charset
/// (`html` only: a `<meta charset>` or `http-equiv` in the first 4 KB), detection.
/// Never fails: undecodable bytes become U+FFFD (binary input is refused before this).
pub fn decode(bytes: &[u8], html: bool) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return run(enc, &bytes[bom_len..]);
    }
    // (Before UTF-8: ASCII in UTF-16 is valid UTF-8 full of NULs.)
    if let Some(enc) = utf16_without_bom(bytes) {
        return run(enc, bytes);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Decoded {
            text: s.to_owned(),
            encoding: UTF_8.name(),
        };
    }
    if html && let Some(enc) = meta_charset(bytes) {
        return run(enc, bytes);
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
    det.feed(bytes, true);
    run(det.guess(None, chardetng::Utf8Detection::Deny), bytes)
}

fn run(enc: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
    }
}

/// UTF-16 text without a BOM betrays itself by NUL high bytes on ASCII characters.
/// Requires most code units of the sample to be ASCII in one byte order and none in the other.
pub fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let units = sample.len() / 2;
    let (mut even_nul, mut odd_nul) = (0, 0);
    for pair in sample.chunks_exact(2) {
        even_nul += usize::from(pair[0] == 0);
        odd_nul += usize::from(pair[1] == 0);
    }
    if odd_nul * 10 >= units * 6 && even_nul * 50 <= units {
        Some(UTF_16LE)
    } else if even_nul * 10 >= units * 6 && odd_nul * 50 <= units {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The encoding named by `<meta charset=...>` or `<meta http-equiv content="...; charset=...">`
/// in the first 4 KB (a simplified version of the HTML prescan). UTF-16 labels mean UTF-8
/// there, as in browsers (the bytes were not UTF-16, or the BOM would have said so).
pub fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"<meta") {
        let start = from + i;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest = trim_ascii_start(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = trim_ascii_start(rest);
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let len = rest
                    .iter()
                    .position(|&b| matches!(b, b'"' | b'\'' | b';' | b'/' | b' ' | b'>'))
                    .unwrap_or(rest.len());
                // ("replacement" labels name encodings that must not be decoded: detect instead.)
                if let Some(enc) =
                    Encoding::for_label(&rest[..len]).filter(|&e| e != encoding_rs::REPLACEMENT)
                {
                    return Some(if enc == UTF_16LE || enc == UTF_16BE {
                        UTF_8
                    } else {
                        enc
                    });
                }
            }
        }
        from = end;
    }
    None
}

fn trim_ascii_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(name: &str, s: &str) -> Vec<u8> {
        let (b, _, _) = Encoding::for_label(name.as_bytes()).unwrap().encode(s);
        b.into_owned()
    }

    #[test]
    fn utf8_plain_and_bom() {
        assert_eq!(decode("héllo".as_bytes(), false).text, "héllo");
        let d = decode(b"\xEF\xBB\xBFhi", false);
        assert_eq!((d.text.as_str(), d.encoding), ("hi", "UTF-8"));
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("Zoë said “no”".encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode(&le, false);
        assert_eq!((d.text.as_str(), d.encoding), ("Zoë said “no”", "UTF-16LE"));
        let mut be = vec![0xFE, 0xFF];
        be.extend("Zoë said".encode_utf16().flat_map(u16::to_be_bytes));
        let d = decode(&be, false);
        assert_eq!((d.text.as_str(), d.encoding), ("Zoë said", "UTF-16BE"));
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let le: Vec<u8> = "A plain sentence here."
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(decode(&le, false).text, "A plain sentence here.");
    }

    #[test]
    fn windows_1252_detected() {
        let s = "Le café était fermé, déjà à l’heure où les élèves arrivèrent « trop tôt ».";
        let d = decode(&enc("windows-1252", s), false);
        assert_eq!(d.text, s);
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn cyrillic_detected() {
        let s =
            "Министр заявил журналистам, что переговоры продолжатся на следующей неделе в Москве.";
        for label in ["windows-1251", "koi8-r", "iso-8859-5"] {
            let d = decode(&enc(label, s), false);
            assert_eq!(d.text, s, "{label} read as {}", d.encoding);
        }
    }

    #[test]
    fn central_european_detected() {
        let s = "Předseda vlády řekl novinářům, že jednání budou pokračovat příští týden v Praze a že žádná dohoda zatím není.";
        let d = decode(&enc("iso-8859-2", s), false);
        assert_eq!(d.text, s, "read as {}", d.encoding);
    }

    #[test]
    fn html_meta_charset_wins_over_detection() {
        let mut b = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body>".to_vec();
        b.extend(enc("windows-1252", "Stra\u{df}e"));
        let d = decode(&b, true);
        assert!(d.text.ends_with("Straße"));
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(
            meta_charset(b"<meta charset='koi8-r'>"),
            Encoding::for_label(b"koi8-r")
        );
        assert_eq!(meta_charset(b"<meta charset=utf-16>"), Some(UTF_8));
        assert_eq!(meta_charset(b"<p>no charset</p>"), None);
    }
}
