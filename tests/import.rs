//! Importing the small fixtures in tests/fixtures/import: encodings, formats, refusals.

use factdesk::import::{Imported, import};
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
    let e = import("report.docx", b"PK\x03\x04").unwrap_err();
    assert!(
        e.reason.contains(".docx") && e.reason.contains("not supported"),
        "{}",
        e
    );
}
