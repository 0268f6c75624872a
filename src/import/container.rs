//! ZIP containers (.docx, .odt) read with limits, and the XML inside them as text events.
//!
//! Limits (a document is a few hundred KB; these leave room for large ones and stop bombs):
//! - [`MAX_ENTRY_BYTES`]: an entry whose declared *or actual* uncompressed size is larger
//!   is refused; reading stops one byte past the limit, whatever the header says.
//! - [`MAX_ENTRIES`]: a container with more entries is refused.
//!
//! Damaged or truncated containers give an error message, never a panic.

use std::borrow::Cow;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};

/// Largest uncompressed size of one entry read from a container (64 MiB).
pub const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;
/// Most entries a container may list (a long report with images has a few hundred).
pub const MAX_ENTRIES: usize = 5_000;

pub struct Container<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    what: &'static str,
}

impl<'a> Container<'a> {
    /// Opens the ZIP container of a document; `what` names the kind ("Word document").
    pub fn open(bytes: &'a [u8], what: &'static str) -> Result<Self, String> {
        if !bytes.starts_with(b"PK\x03\x04") {
            return Err(match super::sniff::identify(bytes) {
                Some(other) => format!("this is {other}, not a {what}"),
                None => format!("this is not a {what} (it is not a ZIP container)"),
            });
        }
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| format!("the {what} is damaged or truncated ({e})"))?;
        if zip.len() > MAX_ENTRIES {
            return Err(format!(
                "the {what} holds {} parts, over the limit of {MAX_ENTRIES}",
                zip.len()
            ));
        }
        Ok(Self { zip, what })
    }

    /// The bytes of entry `name`, `None` when there is no such entry.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, String> {
        let what = self.what;
        let damaged =
            |e: &dyn std::fmt::Display| format!("the {what} is damaged or truncated ({name}: {e})");
        let entry = match self.zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(damaged(&e)),
        };
        let too_big = || {
            format!(
                "{name} in the {what} unpacks to more than {} MB, over the limit (a zip bomb?)",
                MAX_ENTRY_BYTES / (1024 * 1024)
            )
        };
        if entry.size() > MAX_ENTRY_BYTES {
            return Err(too_big());
        }
        let mut buf = Vec::with_capacity(entry.size().min(1 << 20) as usize);
        // Never trust the header: stop one byte past the limit.
        entry
            .take(MAX_ENTRY_BYTES + 1)
            .read_to_end(&mut buf)
            .map_err(|e| damaged(&e))?;
        if buf.len() as u64 > MAX_ENTRY_BYTES {
            return Err(too_big());
        }
        Ok(Some(buf))
    }

    /// Entry `name` as text (XML parts are UTF-8, or UTF-16 with a byte order mark).
    pub fn read_text(&mut self, name: &str) -> Result<Option<String>, String> {
        Ok(self
            .read(name)?
            .map(|b| super::decode::decode(&b, false).text))
    }
}

/// One step through an XML part: elements by local name (prefixes vary), and text.
pub enum Xml<'e, 'a> {
    Start(&'e BytesStart<'a>),
    /// An element with no content (`<w:tab/>`).
    Empty(&'e BytesStart<'a>),
    End(&'e [u8]),
    Text(Cow<'e, str>),
}

/// Calls `f` for each element and piece of text of `xml` (entities resolved).
/// Malformed XML ends the walk with an error message.
pub fn walk_xml(xml: &str, mut f: impl FnMut(Xml<'_, '_>)) -> Result<(), String> {
    let mut r = quick_xml::Reader::from_str(xml);
    r.config_mut().check_end_names = false;
    loop {
        let ev = r
            .read_event()
            .map_err(|e| format!("malformed XML at byte {}: {e}", r.error_position()))?;
        match ev {
            Event::Start(ref e) => f(Xml::Start(e)),
            Event::Empty(ref e) => f(Xml::Empty(e)),
            Event::End(ref e) => f(Xml::End(e.local_name().into_inner())),
            Event::Text(ref t) => f(Xml::Text(t.decode().unwrap_or_default())),
            Event::CData(ref t) => f(Xml::Text(t.decode().unwrap_or_default())),
            Event::GeneralRef(ref g) => {
                let s = match g.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => std::str::from_utf8(g)
                        .ok()
                        .and_then(quick_xml::escape::resolve_predefined_entity)
                        .map(str::to_owned),
                };
                if let Some(s) = s {
                    f(Xml::Text(Cow::Owned(s)));
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// The local name of an element (`p` for `<w:p>`).
pub fn local<'e>(e: &'e BytesStart<'_>) -> &'e [u8] {
    e.local_name().into_inner()
}

/// The value of the attribute with local name `name` (`val` for `w:val`).
pub fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().into_inner() == name)
        .map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(Cow::into_owned)
                .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned())
        })
}

/// The text of the first element with local name `name` in `xml` (metadata parts).
pub fn first_text(xml: &str, name: &[u8]) -> Option<String> {
    let mut depth = 0usize;
    let mut found = false;
    let mut out = String::new();
    let _ = walk_xml(xml, |ev| match ev {
        Xml::Start(e) if !found && local(e) == name => depth = 1,
        Xml::Start(_) if depth > 0 => depth += 1,
        Xml::End(_) if depth > 0 => {
            depth -= 1;
            found |= depth == 0;
        }
        Xml::Text(t) if depth > 0 => out.push_str(&t),
        _ => {}
    });
    let t = out.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// A date from document metadata if it looks like a real one (`YYYY-MM-DD…`, 1990–2100);
/// templates carry zero or placeholder dates.
pub fn sensible_date(d: Option<String>) -> Option<String> {
    let d = d?;
    let b = d.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let ok = digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10);
    let year: u32 = d.get(0..4)?.parse().ok()?;
    (ok && (1990..=2100).contains(&year)).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_and_entities() {
        let mut out = String::new();
        walk_xml("<a x='1'>b &amp; c&#x1F600;<![CDATA[<d>]]></a>", |ev| {
            if let Xml::Text(t) = ev {
                out.push_str(&t)
            }
        })
        .unwrap();
        assert_eq!(out, "b & c😀<d>");
        assert_eq!(
            first_text("<m><dc:title> A  T </dc:title></m>", b"title").as_deref(),
            Some("A T")
        );
        assert!(walk_xml("<a><b></a", |_| {}).is_err());
    }

    #[test]
    fn dates() {
        assert_eq!(
            sensible_date(Some("2024-05-06T09:30:00Z".into())).as_deref(),
            Some("2024-05-06T09:30:00Z")
        );
        assert_eq!(sensible_date(Some("1601-01-01T00:00:00Z".into())), None);
        assert_eq!(sensible_date(Some("yesterday".into())), None);
    }

    #[test]
    fn not_a_zip() {
        assert!(
            Container::open(b"hello", "Word document")
                .err()
                .unwrap()
                .contains("not a ZIP")
        );
        assert!(
            Container::open(b"\x89PNG\r\n\x1a\n....", "Word document")
                .err()
                .unwrap()
                .contains("PNG")
        );
        assert!(
            Container::open(b"PK\x03\x04trunc", "Word document")
                .err()
                .unwrap()
                .contains("damaged")
        );
    }
}
