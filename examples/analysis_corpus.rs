//! Whole-analysis throughput over a corpus of real articles, each analysed on its own as
//! the app does, single-threaded: the article-sized counterpart of `benches/analysis.rs`.
//!   cargo run --release --no-default-features --example analysis_corpus -- FILE.jsonl [REPS]
//! FILE.jsonl holds one JSON object per line with the article in its "text" field (the
//! format of `factdesk analyze --jsonl`).

/// The app's allocator (`src/main.rs`), so that the figures are the app's.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::time::Instant;

use factdesk::analysis::{self, Input, Lexicons};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: analysis_corpus FILE.jsonl [REPS]");
        std::process::exit(2);
    };
    let reps: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let body = std::fs::read_to_string(&path).expect("readable corpus");
    let texts: Vec<String> = body
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("one JSON object a line");
            v["text"].as_str().expect("a \"text\" field").to_owned()
        })
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let lex = Lexicons::builtin();
    let mut best = f64::INFINITY;
    for _ in 0..reps {
        let t = Instant::now();
        for s in &texts {
            std::hint::black_box(analysis::analyze(
                Input::plain(std::hint::black_box(s)),
                lex,
            ));
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "{} articles, {:.2} MB (mean {:.1} kB): best of {reps} {:.2} ms/MB, {:.1} MB/s",
        texts.len(),
        mb,
        bytes as f64 / texts.len() as f64 / 1e3,
        best * 1e3 / mb,
        mb / best
    );
}
