//! Single-file web archives (.mhtml, .mht) as Chrome, Edge and older browsers save them:
//! a MIME message (usually multipart/related) whose text/html part is the page, in
//! quoted-printable or base64, in any charset. That part goes through the web page importer.

use encoding_rs::Encoding;

use super::decode::{self, Decoded};

/// The page inside an archive, decoded: `forced` overrides the charset the archive declares.
pub fn page(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded, String> {
    let mail =
        mailparse::parse_mail(bytes).map_err(|e| format!("this web archive is damaged ({e})"))?;
    let part = find_html(&mail)
        .ok_or_else(|| "this web archive holds no web page (no text/html part)".to_owned())?;
    let raw = part
        .get_body_raw()
        .map_err(|e| format!("the web page in this archive is damaged ({e})"))?;
    // A charset on the part header wins over detection (mailparse reports us-ascii when
    // there is none, so only an explicit parameter counts).
    let declared = part
        .ctype
        .params
        .get("charset")
        .and_then(|c| Encoding::for_label(c.trim().as_bytes()))
        .filter(|&e| e != encoding_rs::REPLACEMENT);
    Ok(match forced.or(declared) {
        Some(enc) if !(forced.is_none() && is_utf16(enc)) => {
            let (text, _) = enc.decode_without_bom_handling(strip_bom(&raw, enc));
            Decoded {
                text: text.into_owned(),
                encoding: enc.name(),
            }
        }
        _ => decode::decode(&raw, true),
    })
}

fn is_utf16(enc: &'static Encoding) -> bool {
    enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE
}

fn strip_bom<'a>(raw: &'a [u8], enc: &'static Encoding) -> &'a [u8] {
    match Encoding::for_bom(raw) {
        Some((e, n)) if e == enc => &raw[n..],
        _ => raw,
    }
}

/// The first text/html part, depth first (the page itself comes before its frames).
fn find_html<'a, 'b>(m: &'b mailparse::ParsedMail<'a>) -> Option<&'b mailparse::ParsedMail<'a>> {
    if m.ctype.mimetype.eq_ignore_ascii_case("text/html") {
        return Some(m);
    }
    m.subparts.iter().find_map(find_html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_printable_and_base64_parts() {
        let qp = b"MIME-Version: 1.0\r\nContent-Type: multipart/related; type=\"text/html\"; boundary=\"B\"\r\n\r\n--B\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>Caf=C3=A9 =\r\nau lait</p>\r\n--B\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0K\r\n--B--\r\n";
        let d = page(qp, None).unwrap();
        assert_eq!(d.text.trim(), "<p>Café au lait</p>");
        assert_eq!(d.encoding, "UTF-8");
        let b64 = b"Content-Type: text/html; charset=windows-1252\r\nContent-Transfer-Encoding: base64\r\n\r\nPHA+Q2Fm6TwvcD4=\r\n";
        let d = page(b64, None).unwrap();
        assert_eq!(d.text, "<p>Caf\u{e9}</p>");
        assert_eq!(d.encoding, "windows-1252");
        assert!(
            page(b"Content-Type: text/plain\r\n\r\nhello", None)
                .unwrap_err()
                .contains("no web page")
        );
    }
}
