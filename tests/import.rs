//! Importing the small fixtures in tests/fixtures/import: encodings, formats, refusals.

use factdesk::analysis::{self, Input, Lexicons};
use factdesk::import::{ImportError, Imported, import, import_with_encoding};
use factdesk::model::BlockKind;

fn load(name: &str) -> Result<Imported, factdesk::import::ImportError> {
    let path = format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    import(name, &std::fs::read(path).unwrap())
}

fn block_texts(a: &Imported, kind: BlockKind) -> Vec<&str> {
    a.blocks
        .iter()
        .filter(|b| b.kind == kind)
        .map(|b| b.span.text(&a.text))
        .collect()
}

#[test]
fn windows_1252_without_declaration() {
    let a = load("fr-windows-1252.txt").unwrap();
    assert_eq!(a.encoding, "windows-1252");
    assert_eq!(a.title.as_deref(), Some("Le maire démissionne"));
    assert!(a.text.contains("qu’il était « épuisé »"), "{}", a.text);
}

#[test]
fn iso_8859_2_without_declaration() {
    let a = load("cz-iso-8859-2.txt").unwrap();
    assert!(
        a.text.contains("Předseda vlády řekl novinářům"),
        "{} read as {}",
        a.text,
        a.encoding
    );
}

#[test]
fn utf16_with_bom_and_crlf() {
    for (f, enc) in [
        ("utf16le-bom.txt", "UTF-16LE"),
        ("utf16be-bom.txt", "UTF-16BE"),
    ] {
        let a = load(f).unwrap();
        assert_eq!(a.encoding, enc);
        assert_eq!(
            a.text,
            "Headline in UTF-16\n\nShe said the “deal” was done."
        );
        assert_eq!(a.blocks[0].kind, BlockKind::Heading);
    }
}

#[test]
fn html_declared_latin1_and_utf8() {
    for f in ["page-iso-8859-1.html", "page-utf8.html"] {
        let a = load(f).unwrap();
        assert_eq!(a.format, "html");
        assert_eq!(a.title.as_deref(), Some("Le maire démissionne"), "{f}");
        assert_eq!(a.byline.as_deref(), Some("Anne Martin"), "{f}");
        assert!(
            a.published
                .as_deref()
                .unwrap_or("")
                .starts_with("2024-05-06"),
            "{f}"
        );
        assert!(
            a.text.starts_with("Le maire a annoncé sa démission"),
            "{f}: {}",
            a.text
        );
        assert_eq!(
            block_texts(&a, BlockKind::Blockquote),
            vec![
                "Je pars la tête haute et je remercie les habitants de leur confiance pendant toutes ces années."
            ]
        );
        for junk in ["Accueil", "Photo: AFP", "Inscrivez-vous", "droits réservés"] {
            assert!(!a.text.contains(junk), "{f}: {junk} kept");
        }
    }
    assert_eq!(
        load("page-iso-8859-1.html").unwrap().encoding,
        "windows-1252"
    );
    assert_eq!(load("page-utf8.html").unwrap().encoding, "UTF-8");
}

#[test]
fn markdown_blocks() {
    let a = load("article.md").unwrap();
    assert_eq!(a.title.as_deref(), Some("Council approves budget"));
    assert_eq!(
        block_texts(&a, BlockKind::Heading),
        vec!["Council approves budget"]
    );
    assert_eq!(
        block_texts(&a, BlockKind::Blockquote),
        vec!["We have done our job, and the city will be better for it."]
    );
    assert_eq!(
        block_texts(&a, BlockKind::ListItem),
        vec!["Schools get more money.", "Roads get less."]
    );
    assert!(
        a.text
            .contains("approved the budget on Tuesday after a long debate.")
    );
}

#[test]
fn refusals_name_the_file_and_reason() {
    let e = load("photo.txt").unwrap_err();
    assert_eq!(e.file, "photo.txt");
    assert!(e.reason.contains("PNG image"), "{}", e.reason);
    let e = load("empty.txt").unwrap_err();
    assert!(e.reason.contains("empty"), "{}", e.reason);
    let e = import("report.doc", b"\xD0\xCF\x11\xE0").unwrap_err();
    assert!(
        e.reason.contains(".doc") && e.reason.contains("not supported"),
        "{}",
        e
    );
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

const HEADLINE: &str = "Évreux approves a footbridge";
const QUOTE: &str = "This bridge will join the two halves of our town,";
const BLOCK_QUOTE: &str =
    "We have waited thirty years for this crossing, and now it will finally be built.";

/// The article of article-source.html, as every format must give it.
fn expected_blocks() -> Vec<(BlockKind, String)> {
    vec![
        (BlockKind::Heading, HEADLINE.into()),
        (
            BlockKind::Paragraph,
            format!(
                "The city council of Évreux voted on Tuesday to build a footbridge over the Iton, \
                 to cheers 😀 from the public gallery. “{QUOTE}” said Mayor Hélène Dubois after the vote."
            ),
        ),
        (BlockKind::Blockquote, BLOCK_QUOTE.into()),
        (BlockKind::Heading, "What the plan includes".into()),
        (BlockKind::ListItem, "A cycle lane on both sides.".into()),
        (BlockKind::ListItem, "Lighting powered by solar panels.".into()),
        (
            BlockKind::Paragraph,
            "Work is due to start in the spring, officials said, and should take eighteen months to complete."
                .into(),
        ),
    ]
}

fn blocks_of(a: &Imported) -> Vec<(BlockKind, String)> {
    a.blocks
        .iter()
        .map(|b| (b.kind, b.span.text(&a.text).to_owned()))
        .collect()
}

#[test]
fn office_documents_and_pdf_made_by_libreoffice() {
    for (f, format) in [
        ("article.docx", "docx"),
        ("article.odt", "odt"),
        ("article.pdf", "pdf"),
    ] {
        let a = load(f).unwrap();
        assert_eq!(a.format, format);
        assert_eq!(a.title.as_deref(), Some(HEADLINE), "{f}");
        assert_eq!(a.byline.as_deref(), Some("Anne Martin"), "{f}");
        assert!(a.published.is_some(), "{f}");
        assert_eq!(blocks_of(&a), expected_blocks(), "{f}");
        assert_eq!(a.sha256, factdesk::import::sha256_hex(&fixture(f)));
    }
    // Word and ODF keep the document's own dates (the PDF's is the day it was made).
    for f in ["article.docx", "article.odt"] {
        let p = load(f).unwrap().published.unwrap();
        assert!(p.starts_with("2024-05-06T09:30"), "{f}: {p}");
    }
}

#[test]
fn chrome_style_mhtml() {
    let a = load("article.mhtml").unwrap();
    assert_eq!(a.format, "mhtml");
    assert_eq!(a.encoding, "UTF-8");
    assert_eq!(a.title.as_deref(), Some(HEADLINE));
    assert_eq!(a.byline.as_deref(), Some("Anne Martin"));
    assert!(a.published.as_deref().unwrap().starts_with("2024-05-06"));
    // As for web pages, the headline is metadata and page furniture is dropped.
    assert_eq!(blocks_of(&a), expected_blocks()[1..].to_vec());
}

#[test]
fn quotations_are_found_at_the_right_place_after_an_emoji() {
    for f in [
        "article.docx",
        "article.odt",
        "article.pdf",
        "article.mhtml",
    ] {
        let a = load(f).unwrap();
        let findings = analysis::analyze(
            Input {
                text: &a.text,
                blocks: &a.blocks,
            },
            Lexicons::builtin(),
        );
        let q = findings
            .quotes
            .iter()
            .find(|q| q.span.text(&a.text) == QUOTE)
            .unwrap_or_else(|| panic!("{f}: no quote {QUOTE:?} in {:?}", findings.quotes));
        let mention = q.attribution.mention.expect("a speaker is named");
        assert!(mention.text(&a.text).contains("Dubois"), "{f}");
        assert!(
            findings
                .quotes
                .iter()
                .any(|q| q.span.text(&a.text) == BLOCK_QUOTE),
            "{f}"
        );
        // The emoji is before the quotation: code point offsets (what the CLI prints)
        // point at the same words as byte offsets.
        let cp_start = a.text[..q.span.start].chars().count();
        let words: String = a
            .text
            .chars()
            .skip(cp_start)
            .take(QUOTE.chars().count())
            .collect();
        assert_eq!(words, QUOTE, "{f}");
        assert!(a.text[..q.span.start].contains('😀'), "{f}");
    }
}

#[test]
fn extract_command_reads_every_format() {
    let dir = format!("{}/tests/fixtures/import", env!("CARGO_MANIFEST_DIR"));
    let files = [
        "article.docx",
        "article.odt",
        "article.pdf",
        "article.mhtml",
    ];
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .arg("extract")
        .args(files.iter().map(|f| format!("{dir}/{f}")))
        .args(["--format", "jsonl"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), files.len());
    // `analyze` prints code point offsets: the emoji before the quotation does not shift them.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args(["analyze", "--include-text", "--format", "jsonl"])
        .args(files.iter().map(|f| format!("{dir}/{f}")))
        .output()
        .unwrap();
    assert!(out.status.success());
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let text: Vec<char> = v["text"].as_str().unwrap().chars().collect();
        let quoted: Vec<String> = v["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| {
                let (s, e) = (q["start"].as_u64().unwrap(), q["end"].as_u64().unwrap());
                text[s as usize..e as usize].iter().collect()
            })
            .collect();
        assert!(quoted.iter().any(|q| q == QUOTE), "{}: {quoted:?}", v["id"]);
    }
    for (v, f) in lines.iter().zip(files) {
        assert!(v.get("error").is_none(), "{f}: {v}");
        assert_eq!(v["title"], HEADLINE, "{f}");
        assert!(
            v["blocks"]
                .as_array()
                .unwrap()
                .iter()
                .any(|b| b["kind"] == "blockquote" && b["text"] == BLOCK_QUOTE),
            "{f}"
        );
    }
}

fn refused(name: &str, bytes: &[u8], why: &str) -> ImportError {
    let e = import(name, bytes).expect_err(name);
    assert_eq!(e.file, name);
    assert!(
        e.reason.to_lowercase().contains(why),
        "{name}: {:?} lacks {why:?}",
        e.reason
    );
    e
}

#[test]
fn damaged_documents_are_refused_with_a_reason() {
    let docx = fixture("article.docx");
    let pdf = fixture("article.pdf");
    let odt = fixture("article.odt");
    refused("cut.docx", &docx[..docx.len() / 2], "damaged");
    refused("cut.odt", &odt[..odt.len() / 3], "damaged");
    refused("cut.pdf", &pdf[..pdf.len() / 3], "");
    refused("head.pdf", &pdf[..200], "");
    refused("empty.docx", b"", "empty");
    refused("empty.pdf", b"", "empty");
    refused("photo.docx", &fixture("photo.txt"), "png");
    refused("photo.pdf", &fixture("photo.txt"), "png");
    refused("notes.odt", b"just some text", "not a zip");
    refused("notes.pdf", b"just some text", "not a pdf");
    refused(
        "archive.mhtml",
        b"Content-Type: text/plain\r\n\r\nhi",
        "no web page",
    );
    // A docx whose deflated document.xml is corrupted in the middle.
    let mut bad = docx.clone();
    let at = find(&bad, b"word/document.xml").unwrap() + 200;
    for b in &mut bad[at..at + 64] {
        *b ^= 0x5A;
    }
    refused("corrupt.docx", &bad, "");
    // An ODT container without content.xml.
    refused(
        "other.odt",
        &zip_with(&[("mimetype", b"x".as_slice())]),
        "content.xml",
    );
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn zip_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in entries {
        w.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A .docx whose document.xml is `n` bytes of zeros, deflated (a zip bomb: ~1000:1).
fn bomb(n: usize) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    w.start_file("[Content_Types].xml", opts).unwrap();
    w.write_all(b"<Types/>").unwrap();
    w.start_file("word/document.xml", opts).unwrap();
    let chunk = vec![0u8; 1 << 20];
    for _ in 0..n >> 20 {
        w.write_all(&chunk).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn zip_bombs_are_refused() {
    let limit = factdesk::import::container::MAX_ENTRY_BYTES as usize;
    let honest = bomb(limit + (1 << 20));
    assert!(honest.len() < limit / 100, "{} bytes", honest.len());
    refused("bomb.docx", &honest, "limit");
    // The same bomb with headers that claim a small size: the read is bounded anyway.
    let mut lying = honest.clone();
    let small = 4096u32.to_le_bytes();
    let name = b"word/document.xml";
    let mut i = 0;
    while let Some(p) = find(&lying[i..], name) {
        let at = i + p;
        // Local header: name at 30, size at 22; central header: name at 46, size at 24.
        if lying[at - 30..at - 26] == *b"PK\x03\x04" {
            lying[at - 8..at - 4].copy_from_slice(&small);
        } else if lying[at - 46..at - 42] == *b"PK\x01\x02" {
            lying[at - 22..at - 18].copy_from_slice(&small);
        }
        i = at + 1;
    }
    assert_ne!(lying, honest);
    refused("liar.docx", &lying, "");
    // Too many entries.
    let names: Vec<String> = (0..=factdesk::import::container::MAX_ENTRIES)
        .map(|i| format!("p/{i}"))
        .collect();
    let many: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), b"".as_slice())).collect();
    refused("many.odt", &zip_with(&many), "over the limit");
}

/// A one-page PDF that draws a line and no text (what a scanner's image-only page is to a reader).
fn pdf_without_text() -> Vec<u8> {
    pdf_with_content(b"0 0 m 200 200 l S", "")
}

/// A one-page PDF whose page content stream is `content` (raw bytes, `filter` named in its dictionary).
fn pdf_with_content(content: &[u8], filter: &str) -> Vec<u8> {
    let head = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R /Resources << >> >>"
            .to_owned(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in head.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
    }
    offsets.push(out.len());
    out.extend(
        format!(
            "4 0 obj\n<< /Length {} {filter} >>\nstream\n",
            content.len()
        )
        .bytes(),
    );
    out.extend(content);
    out.extend(b"\nendstream\nendobj\n");
    let n = offsets.len() + 1;
    let xref = out.len();
    out.extend(format!("xref\n0 {n}\n0000000000 65535 f \n").bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    out.extend(format!("trailer\n<< /Size {n} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").bytes());
    out
}

#[test]
fn pdf_deflate_bomb_is_refused() {
    use std::io::Write;
    let limit = factdesk::import::pdf::MAX_STREAM_BYTES as usize;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..(limit >> 20) + 1 {
        z.write_all(&chunk).unwrap();
    }
    let stream = z.finish().unwrap();
    refused(
        "bomb.pdf",
        &pdf_with_content(&stream, "/Filter /FlateDecode"),
        "limit",
    );
}

#[test]
fn pdf_without_text_layer_asks_for_ocr() {
    let e = refused("scan.pdf", &pdf_without_text(), "no text layer");
    assert!(e.reason.contains("OCR"), "{}", e.reason);
}

#[test]
fn oversized_unreadable_and_folders() {
    let limit = factdesk::import::MAX_FILE_BYTES as usize;
    refused("huge.txt", &vec![b'a'; limit + 1], "limit");
    let dir = tempfile::tempdir().unwrap();
    let e = factdesk::pipeline::read_file(&dir.path().join("gone.docx")).unwrap_err();
    assert_eq!(e.file, "gone.docx");
    assert!(e.reason.starts_with("cannot read it"), "{}", e.reason);
    // A dropped folder: its supported files, recursively.
    let sub = dir.path().join("a/b");
    std::fs::create_dir_all(&sub).unwrap();
    for (f, to) in [
        ("article.docx", "x.docx"),
        ("article.odt", "a/y.odt"),
        ("article.pdf", "a/b/z.pdf"),
        ("article.mhtml", "a/b/w.mht"),
        ("photo.txt", "a/photo.png"),
    ] {
        std::fs::write(dir.path().join(to), fixture(f)).unwrap();
    }
    let paths = factdesk::pipeline::expand_paths(&[dir.path().to_owned()]);
    assert_eq!(paths.len(), 4, "{paths:?}");
    let articles = factdesk::pipeline::import_paths(&paths, Lexicons::builtin());
    assert!(articles.iter().all(|a| a.is_ok()));
}

#[test]
fn re_import_with_another_encoding() {
    let bytes = fixture("fr-windows-1252.txt");
    let wrong = import_with_encoding("fr-windows-1252.txt", &bytes, "koi8-r").unwrap();
    assert_eq!(wrong.encoding, "KOI8-R");
    assert!(!wrong.text.contains("démissionne"));
    let right = import_with_encoding("fr-windows-1252.txt", &bytes, "windows-1252").unwrap();
    assert_eq!(right, load("fr-windows-1252.txt").unwrap());
    assert_eq!(right.sha256, wrong.sha256);
    let e = import_with_encoding("x.txt", &bytes, "klingon").unwrap_err();
    assert!(e.reason.contains("klingon"), "{}", e.reason);
    let e = import_with_encoding("article.docx", &fixture("article.docx"), "latin1").unwrap_err();
    assert_eq!(e.file, "article.docx");
    // A web archive's page can be re-read too.
    let m =
        import_with_encoding("article.mhtml", &fixture("article.mhtml"), "windows-1252").unwrap();
    assert_eq!(m.encoding, "windows-1252");
    assert!(m.text.contains("Ã©"), "{}", m.text);
}

mod damaged_real_files {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Real documents with bytes flipped and cut short: an error or an article, never a panic.
        #[test]
        fn never_panic(which in 0usize..4, flips in proptest::collection::vec((any::<prop::sample::Index>(), 1u8..=255), 1..6),
                       cut in any::<prop::sample::Index>(), truncate in any::<bool>()) {
            let name = ["article.docx", "article.odt", "article.pdf", "article.mhtml"][which];
            let mut bytes = fixture(name);
            for (at, x) in flips {
                let i = at.index(bytes.len());
                bytes[i] ^= x;
            }
            if truncate {
                bytes.truncate(cut.index(bytes.len()));
            }
            match import(name, &bytes) {
                Ok(a) => {
                    for b in &a.blocks {
                        prop_assert!(a.text.get(b.span.start..b.span.end).is_some());
                    }
                }
                Err(e) => prop_assert_eq!(e.file, name),
            }
        }
    }
}
