//! The one-way path from files to case articles: read → import → analyse → `model::Article`.
//! Used by the CLI and, off the UI thread, by the app.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::analysis::{self, Findings, Input, Lexicons};
use crate::import::{self, ImportError, Imported};
use crate::model::{
    Article, ArticleId, Attributed, Finding, FindingKind, Origin, Review, Source, Span, Speaker,
    SpeakerId,
};

/// Reads and imports one file, refusing oversized and unreadable ones with a clear reason.
pub fn read_file(path: &Path) -> Result<Imported, ImportError> {
    let name = display_name(path);
    let err = |reason: String| ImportError {
        file: name.clone(),
        reason,
    };
    let meta = std::fs::metadata(path).map_err(|e| err(format!("cannot read it: {e}")))?;
    if meta.is_dir() {
        return Err(err("it is a folder".into()));
    }
    if meta.len() > import::MAX_FILE_BYTES {
        return Err(err(format!(
            "it is {} MB, over the {} MB limit for one article",
            meta.len() / 1_000_000,
            import::MAX_FILE_BYTES / 1_000_000
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| err(format!("cannot read it: {e}")))?;
    import::import(&name, &bytes)
}

/// The file name a user recognises (no directories).
pub fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Analyses an imported article and turns it into a case article (ids are given by `Case::add_article`).
pub fn build_article(
    imported: Imported,
    file_name: &str,
    path: Option<&Path>,
    lex: &Lexicons,
) -> Article {
    let findings = analysis::analyze(
        Input {
            text: &imported.text,
            blocks: &imported.blocks,
        },
        lex,
    );
    let source = Source {
        file_name: file_name.to_owned(),
        path: path.map(|p| p.display().to_string()),
        sha256: imported.sha256,
        encoding: imported.encoding,
        format: imported.format,
    };
    let (list, speakers, boilerplate) = case_findings(&imported.text, findings);
    Article {
        id: ArticleId(0),
        title: imported.title,
        byline: imported.byline,
        published: imported.published,
        source,
        text: Arc::from(imported.text),
        blocks: imported.blocks,
        boilerplate,
        speakers,
        findings: list,
    }
}

/// The analysis's findings as case findings (sorted, anchored), with speakers and boilerplate.
fn case_findings(text: &str, findings: Findings) -> (Vec<Finding>, Vec<Speaker>, Vec<Span>) {
    let Findings {
        quotes,
        reported,
        assertions,
        speakers,
        boilerplate,
    } = findings;
    let auto = |span, kind| Finding::new(text, span, kind, Origin::Automatic);
    let mut list: Vec<Finding> =
        Vec::with_capacity(quotes.len() + reported.len() + assertions.len());

    let attributed = |q: analysis::Quote| (q.span, q.attribution);
    list.extend(
        quotes
            .into_iter()
            .map(attributed)
            .map(|(s, a): (_, Attributed)| auto(s, FindingKind::Quote(a))),
    );
    list.extend(
        reported
            .into_iter()
            .map(attributed)
            .map(|(s, a)| auto(s, FindingKind::ReportedSpeech(a))),
    );
    list.extend(
        assertions
            .into_iter()
            .map(|a| auto(a.span, FindingKind::Assertion(a.assertion))),
    );
    list.sort_by_key(|f| (f.span.start, f.span.end));
    (list, speakers, boilerplate)
}

/// Analyses an article again (new lexicons, a fixed importer) without losing the reviewer's work:
/// findings made or touched by hand, and dismissed ones, stay as they are; the other automatic
/// findings are replaced by the new analysis, less any that a kept finding already covers (so a
/// dismissed finding does not come back). New findings have id 0 until the case gives them one.
pub fn reanalysed(article: &Article, lex: &Lexicons) -> Article {
    let fresh = analysis::analyze(
        Input {
            text: &article.text,
            blocks: &article.blocks,
        },
        lex,
    );
    let (found, speakers, boilerplate) = case_findings(&article.text, fresh);
    let mut out = article.clone();
    out.findings.retain(|f| {
        f.origin == Origin::Manual
            || f.dismissed
            || f.review != Review::default()
            || !f.evidence.is_empty()
    });
    let map: Vec<SpeakerId> = speakers
        .into_iter()
        .map(|s| {
            let known = out
                .speakers
                .iter()
                .position(|o| o.name == s.name || o.aliases.contains(&s.name));
            SpeakerId(known.unwrap_or_else(|| {
                out.speakers.push(s);
                out.speakers.len() - 1
            }) as u32)
        })
        .collect();
    let same_kind =
        |a: &FindingKind, b: &FindingKind| std::mem::discriminant(a) == std::mem::discriminant(b);
    for mut f in found {
        if out
            .findings
            .iter()
            .any(|k| k.span == f.span && same_kind(&k.kind, &f.kind))
        {
            continue;
        }
        if let FindingKind::Quote(q) | FindingKind::ReportedSpeech(q) = &mut f.kind {
            q.speaker = q.speaker.and_then(|s| map.get(s.0 as usize).copied());
        }
        out.findings.push(f);
    }
    out.findings.sort_by_key(|f| (f.span.start, f.span.end));
    out.boilerplate = boilerplate;
    out
}

/// Imports and analyses many files in parallel, keeping their order; failures are kept as values.
pub fn import_paths(paths: &[PathBuf], lex: &Lexicons) -> Vec<Result<Article, ImportError>> {
    paths.par_iter().map(|p| import_path(p, lex)).collect()
}

/// Reads, imports and analyses one file.
pub fn import_path(path: &Path, lex: &Lexicons) -> Result<Article, ImportError> {
    let imported = read_file(path)?;
    Ok(build_article(
        imported,
        &display_name(path),
        Some(path),
        lex,
    ))
}

/// Expands folders into the supported files below them (recursively, sorted), keeping files as given.
pub fn expand_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found);
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if import::is_supported(&p) {
            out.push(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_expand_to_their_supported_files_recursively() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("b");
        std::fs::create_dir(&sub).unwrap();
        for (p, body) in [
            ("a.txt", "A."),
            ("b/c.md", "# C"),
            ("b/d.png", "x"),
            ("b/e.html", "<p>E.</p>"),
        ] {
            std::fs::write(dir.path().join(p), body).unwrap();
        }
        let got = expand_paths(&[dir.path().to_owned()]);
        let names: Vec<String> = got.iter().map(|p| display_name(p)).collect();
        assert_eq!(names, vec!["a.txt", "c.md", "e.html"]);
    }

    #[test]
    fn failures_are_values_and_order_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.txt");
        std::fs::write(&good, "“It is done,” she said.").unwrap();
        let missing = dir.path().join("missing.txt");
        let results = import_paths(&[missing, dir.path().to_owned(), good], Lexicons::builtin());
        assert!(
            results[0]
                .as_ref()
                .unwrap_err()
                .reason
                .starts_with("cannot read it")
        );
        assert_eq!(results[1].as_ref().unwrap_err().reason, "it is a folder");
        let article = results[2].as_ref().unwrap();
        assert_eq!(article.source.file_name, "good.txt");
        assert_eq!(
            article.source.sha256,
            crate::import::sha256_hex("“It is done,” she said.".as_bytes())
        );
        assert!(article.findings.iter().any(|f| f.is_quote()));
    }
}
