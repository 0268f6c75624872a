//! The headless commands: `analyze`, `extract`, `import` and `check`.
//! Thin: parse arguments, call the core, print JSON Lines (see docs/cli.md).

use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};

use crate::analysis::{self, Findings, Input, Lexicons};
use crate::counted::counted;
use crate::import::Imported;
use crate::model::{Case, FindingKind, Span};
use crate::{pipeline, store};

#[derive(Parser, Debug)]
#[command(
    name = "factdesk",
    version,
    about = "A workbench for fact-checkers: quotations by speaker, unverified assertions, verdicts."
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Cmd>,
    /// Articles or a case file (.ron) to open in the app; with none, the start screen.
    pub files: Vec<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum Cmd {
    /// Find quotations, speakers, unverified assertions and boilerplate; print one JSON object per document.
    Analyze {
        /// Articles in any supported format.
        files: Vec<PathBuf>,
        /// JSON Lines input, one {"id": "...", "text": "..."} per line ("-" for standard input); texts are analysed as given.
        #[arg(long, value_name = "PATH")]
        jsonl: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Jsonl)]
        format: Format,
        /// Also print the analysed text as "text".
        #[arg(long)]
        include_text: bool,
        /// A house list of cue words (TSV like assets/lexicons/cues.tsv) added to the built-in one.
        #[arg(long, value_name = "FILE")]
        cues: Option<PathBuf>,
    },
    /// Extract title, byline, date and body blocks from articles; print one JSON object per file.
    Extract {
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Jsonl)]
        format: Format,
    },
    /// Import articles into a case file, creating it if needed (headless batch preparation).
    Import {
        /// The case file to create or extend.
        #[arg(long, value_name = "CASE.ron")]
        into: PathBuf,
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// A house list of cue words added to the built-in one (recorded in the case's lexicon version).
        #[arg(long, value_name = "FILE")]
        cues: Option<PathBuf>,
    },
    /// Validate a case file: print a summary, or the error and exit with status 1.
    Check { case: PathBuf },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON object per document per line.
    Jsonl,
    /// One JSON array of all documents.
    Json,
    /// A short human-readable summary.
    Text,
}

/// Runs a headless command; returns the process exit status.
pub fn run(cmd: Cmd) -> i32 {
    let result = match cmd {
        Cmd::Analyze {
            files,
            jsonl,
            format,
            include_text,
            cues,
        } => lexicons(cues.as_deref())
            .and_then(|lex| analyze(&files, jsonl.as_deref(), format, include_text, lex)),
        Cmd::Extract { files, format } => extract(&files, format),
        Cmd::Import { into, files, cues } => {
            lexicons(cues.as_deref()).and_then(|lex| import_into(&into, &files, lex))
        }
        Cmd::Check { case } => check(&case),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("factdesk: {e:#}");
            2
        }
    }
}

/// Converts byte offsets into code-point offsets (what the contract and Python use).
pub struct CodePoints {
    /// Byte offset of every non-ASCII character, so ASCII text costs nothing.
    wide: Vec<(usize, usize)>,
}

impl CodePoints {
    pub fn new(text: &str) -> Self {
        let mut wide = Vec::new();
        let mut extra = 0;
        for (b, c) in text.char_indices() {
            let l = c.len_utf8();
            if l > 1 {
                extra += l - 1;
                wide.push((b + l, extra));
            }
        }
        Self { wide }
    }
    pub fn of(&self, byte: usize) -> usize {
        let i = self.wide.partition_point(|&(end, _)| end <= byte);
        byte - if i == 0 { 0 } else { self.wide[i - 1].1 }
    }
    pub fn span(&self, s: Span) -> SpanJson {
        SpanJson {
            end: self.of(s.end),
            start: self.of(s.start),
        }
    }
}

// The contract's JSON, serialised straight from these structs: building `serde_json::Value`
// trees for every finding cost more than the analysis. Fields are in alphabetical order, the
// order the `Value` maps printed them in, so that the output stays byte for byte the same.

#[derive(Serialize)]
pub struct SpanJson {
    end: usize,
    start: usize,
}

#[derive(Serialize)]
struct QuoteJson {
    cue: Option<SpanJson>,
    end: usize,
    kind: &'static str,
    speaker: Option<String>,
    speaker_mention: Option<SpanJson>,
    start: usize,
}

#[derive(Serialize)]
struct CueJson {
    category: &'static str,
    end: usize,
    start: usize,
}

#[derive(Serialize)]
struct AssertionJson {
    categories: Vec<&'static str>,
    cues: Vec<CueJson>,
    end: usize,
    in_quote: bool,
    start: usize,
    /// Widened from `f32` as `Value` did, so the digits printed do not change.
    strength: f64,
}

#[derive(Serialize)]
struct SpeakerJson {
    aliases: Vec<String>,
    anonymous: bool,
    name: String,
    quotes: usize,
}

/// One analysed document in the contract's form.
#[derive(Serialize)]
pub struct FindingsJson {
    assertions: Vec<AssertionJson>,
    boilerplate: Vec<SpanJson>,
    id: String,
    quotes: Vec<QuoteJson>,
    reported_speech: Vec<QuoteJson>,
    speakers: Vec<SpeakerJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    title: Option<String>,
}

/// A document's findings, or why it could not be read.
#[derive(Serialize)]
#[serde(untagged)]
enum AnalysisJson {
    Findings(Box<FindingsJson>),
    Failed { error: String, id: String },
}

/// The contract's JSON for one analysed document.
pub fn findings_json(
    id: &str,
    title: Option<&str>,
    text: &str,
    f: &Findings,
    include_text: bool,
) -> FindingsJson {
    let cp = CodePoints::new(text);
    let speaker_name = |s: Option<crate::model::SpeakerId>| {
        s.and_then(|s| f.speakers.get(s.0 as usize))
            .map(|s| s.name.clone())
    };
    let quote = |q: &analysis::Quote| {
        let a = &q.attribution;
        QuoteJson {
            cue: a.cue.map(|m| cp.span(m)),
            end: cp.of(q.span.end),
            kind: a.kind.as_str(),
            speaker: speaker_name(a.speaker),
            speaker_mention: a.mention.map(|m| cp.span(m)),
            start: cp.of(q.span.start),
        }
    };
    let mut quoted = vec![0usize; f.speakers.len()];
    for q in &f.quotes {
        if let Some(n) = q
            .attribution
            .speaker
            .and_then(|s| quoted.get_mut(s.0 as usize))
        {
            *n += 1;
        }
    }
    FindingsJson {
        assertions: f
            .assertions
            .iter()
            .map(|a| AssertionJson {
                categories: a.assertion.categories.iter().map(|c| c.as_str()).collect(),
                cues: a
                    .assertion
                    .cues
                    .iter()
                    .map(|c| CueJson {
                        category: c.category.as_str(),
                        end: cp.of(c.span.end),
                        start: cp.of(c.span.start),
                    })
                    .collect(),
                end: cp.of(a.span.end),
                in_quote: a.assertion.in_quote,
                start: cp.of(a.span.start),
                strength: f64::from(a.assertion.strength),
            })
            .collect(),
        boilerplate: f.boilerplate.iter().map(|b| cp.span(*b)).collect(),
        id: id.to_owned(),
        quotes: f.quotes.iter().map(quote).collect(),
        reported_speech: f.reported.iter().map(quote).collect(),
        speakers: f
            .speakers
            .iter()
            .zip(&quoted)
            .map(|(s, &quotes)| SpeakerJson {
                aliases: s.aliases.clone(),
                anonymous: s.anonymous,
                name: s.name.clone(),
                quotes,
            })
            .collect(),
        text: include_text.then(|| text.to_owned()),
        title: title.map(str::to_owned),
    }
}

/// The built-in lexicons, or those plus a user's cue list (kept for the whole process).
fn lexicons(cues: Option<&Path>) -> anyhow::Result<&'static Lexicons> {
    let Some(path) = cues else {
        return Ok(Lexicons::builtin());
    };
    // Read as the app reads it (size limit, UTF-8, byte-order mark), so that the same file
    // gives the same lexicon version in both.
    let list = crate::cue_list::load(path).map_err(|e| anyhow::anyhow!("{e}"))?;
    let lex: &'static std::sync::Arc<Lexicons> = Box::leak(Box::new(list.lexicons));
    Ok(lex)
}

fn analyze(
    files: &[PathBuf],
    jsonl: Option<&str>,
    format: Format,
    include_text: bool,
    lex: &Lexicons,
) -> anyhow::Result<i32> {
    let mut out: Vec<AnalysisJson> = Vec::new();
    let mut failures = 0;
    if let Some(src) = jsonl {
        let reader: Box<dyn BufRead> = if src == "-" {
            Box::new(io::stdin().lock())
        } else {
            Box::new(io::BufReader::new(
                std::fs::File::open(src).map_err(|e| anyhow::anyhow!("{src}: {e}"))?,
            ))
        };
        let mut docs = Vec::new();
        for (n, line) in reader.lines().enumerate() {
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            let v: Value = serde_json::from_str(&line)
                .map_err(|e| anyhow::anyhow!("{src} line {}: {e}", n + 1))?;
            let id = match &v["id"] {
                Value::String(s) => s.clone(),
                Value::Null => (n + 1).to_string(),
                other => other.to_string(),
            };
            let text = v["text"]
                .as_str()
                .ok_or_else(|| anyhow::anyhow!("{src} line {}: no \"text\" string", n + 1))?
                .to_owned();
            docs.push((id, text));
        }
        out.par_extend(docs.par_iter().map(|(id, text)| {
            let f = analysis::analyze(Input::plain(text), lex);
            AnalysisJson::Findings(Box::new(findings_json(id, None, text, &f, include_text)))
        }));
    }
    let results: Vec<AnalysisJson> = files
        .par_iter()
        .map(|p| match pipeline::read_file(p) {
            Ok(a) => {
                let f = analysis::analyze(
                    Input {
                        text: &a.text,
                        blocks: &a.blocks,
                    },
                    lex,
                );
                AnalysisJson::Findings(Box::new(findings_json(
                    &p.display().to_string(),
                    a.title.as_deref(),
                    &a.text,
                    &f,
                    include_text,
                )))
            }
            Err(e) => AnalysisJson::Failed {
                error: e.reason,
                id: p.display().to_string(),
            },
        })
        .collect();
    failures += results
        .iter()
        .filter(|v| matches!(v, AnalysisJson::Failed { .. }))
        .count();
    out.extend(results);
    emit(&out, format, summarize_analysis)?;
    Ok(
        if !files.is_empty() && failures == files.len() && jsonl.is_none() {
            1
        } else {
            0
        },
    )
}

fn extract_json(p: &Path, a: &Imported) -> Value {
    let blocks: Vec<Value> = a
        .blocks
        .iter()
        .map(|b| json!({"kind": b.kind.as_str(), "text": b.span.text(&a.text)}))
        .collect();
    json!({
        "id": p.display().to_string(), "title": a.title, "byline": a.byline, "published": a.published,
        "text": a.text, "blocks": blocks, "encoding": a.encoding, "format": a.format, "sha256": a.sha256,
    })
}

fn extract(files: &[PathBuf], format: Format) -> anyhow::Result<i32> {
    if files.is_empty() {
        anyhow::bail!("no files given");
    }
    let out: Vec<Value> = files
        .par_iter()
        .map(|p| match pipeline::read_file(p) {
            Ok(a) => extract_json(p, &a),
            Err(e) => json!({"id": p.display().to_string(), "error": e.reason}),
        })
        .collect();
    let failures = out.iter().filter(|v| v.get("error").is_some()).count();
    emit(&out, format, |v| match v.get("error") {
        Some(e) => format!(
            "{}: error: {}",
            v["id"].as_str().unwrap_or(""),
            e.as_str().unwrap_or("")
        ),
        None => format!(
            "{}: {} ({} blocks)",
            v["id"].as_str().unwrap_or(""),
            v["title"].as_str().unwrap_or("(no title)"),
            v["blocks"].as_array().map_or(0, |b| b.len())
        ),
    })?;
    Ok(if failures == files.len() { 1 } else { 0 })
}

fn summarize_analysis(v: &AnalysisJson) -> String {
    match v {
        AnalysisJson::Failed { error, id } => format!("{id}: error: {error}"),
        AnalysisJson::Findings(d) => format!(
            "{}: {} quotes, {} speakers, {} reported, {} unverified assertions, {} boilerplate lines",
            d.id,
            d.quotes.len(),
            d.speakers.len(),
            d.reported_speech.len(),
            d.assertions.len(),
            d.boilerplate.len()
        ),
    }
}

fn emit<T: Serialize>(out: &[T], format: Format, text: impl Fn(&T) -> String) -> io::Result<()> {
    let stdout = io::stdout();
    let mut w = io::BufWriter::new(stdout.lock());
    match format {
        Format::Jsonl => {
            for v in out {
                serde_json::to_writer(&mut w, v)?;
                w.write_all(b"\n")?;
            }
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut w, out)?;
            w.write_all(b"\n")?;
        }
        Format::Text => {
            for v in out {
                writeln!(w, "{}", text(v))?;
            }
        }
    }
    w.flush()
}

fn import_into(into: &Path, files: &[PathBuf], lex: &Lexicons) -> anyhow::Result<i32> {
    let mut case = if into.exists() {
        store::load(into).map_err(|e| anyhow::anyhow!("{}: {e}", into.display()))?
    } else {
        Case {
            name: store::case_name(into),
            ..Case::default()
        }
    };
    let (before, others) = (case.lexicon_version.clone(), !case.articles.is_empty());
    let paths = pipeline::expand_paths(files);
    let mut ok = 0;
    for r in pipeline::import_paths(&paths, lex) {
        match r {
            Ok(a) => {
                println!(
                    "imported {}: {} findings",
                    a.source.file_name,
                    a.findings.len()
                );
                case.add_article(a);
                ok += 1;
            }
            Err(e) => eprintln!("skipped {e}"),
        }
    }
    if ok > 0 {
        case.lexicon_version = crate::cue_list::version_after(&before, others, &lex.version);
        if crate::cue_list::is_mixed(&case.lexicon_version) {
            eprintln!(
                "note: the case's other articles were analysed with {}; the new ones with {}",
                crate::cue_list::describe(&before),
                crate::cue_list::describe(&lex.version)
            );
        }
    }
    store::save(into, &case).map_err(|e| anyhow::anyhow!("{}: {e}", into.display()))?;
    println!(
        "{}: {} articles ({} added)",
        into.display(),
        case.articles.len(),
        ok
    );
    Ok(if ok == 0 { 1 } else { 0 })
}

fn check(path: &Path) -> anyhow::Result<i32> {
    let inspection = match store::inspect(path) {
        Ok(i) => i,
        Err(e) => {
            println!("{}: {e}", path.display());
            return Ok(1);
        }
    };
    let store::Inspection {
        file_version,
        case,
        problems,
    } = &inspection;
    let findings = || case.articles.iter().flat_map(|a| &a.findings);
    let count = |pred: fn(&FindingKind) -> bool| findings().filter(|f| pred(&f.kind)).count();
    let reviewed = findings().filter(|f| f.review.verdict.is_some()).count();
    let dismissed = findings().filter(|f| f.dismissed).count();
    let version = if *file_version == crate::model::FORMAT_VERSION {
        format!("format version {file_version} (current)")
    } else {
        format!(
            "format version {file_version} (read through migrations; saving writes version {})",
            crate::model::FORMAT_VERSION
        )
    };
    println!("{}: {version}, case {:?}", path.display(), case.name);
    println!(
        "{}, {}: {}, {} reported speech, {}; {reviewed} with a verdict, {dismissed} dismissed",
        counted(case.articles.len(), "article", "articles"),
        counted(case.finding_count(), "finding", "findings"),
        counted(
            count(|k| matches!(k, FindingKind::Quote(_))),
            "quote",
            "quotes"
        ),
        count(|k| matches!(k, FindingKind::ReportedSpeech(_))),
        counted(
            count(|k| matches!(k, FindingKind::Assertion(_))),
            "unverified assertion",
            "unverified assertions"
        ),
    );
    let orphans = crate::anchor::orphans(case);
    println!("{} orphans, {} problems", orphans.len(), problems.len());
    for (article, finding) in &orphans {
        let a = case.article(*article).map_or("?", |a| a.title_or_file());
        let words = case
            .finding(*finding)
            .map(|(_, f)| f.anchor.exact.chars().take(60).collect::<String>())
            .unwrap_or_default();
        println!("orphan: article {a:?}, finding {}: {words:?}", finding.0);
    }
    for p in problems {
        println!("problem: {p}");
    }
    Ok(if problems.is_empty() { 0 } else { 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_points_count_astral_characters_once() {
        let t = "a😀b“c”";
        let cp = CodePoints::new(t);
        assert_eq!(cp.of(0), 0);
        assert_eq!(cp.of(1), 1);
        assert_eq!(cp.of(5), 2); // after the emoji (4 bytes)
        assert_eq!(cp.of(t.len()), t.chars().count());
    }
}
