//! Time per analysis stage on the benchmark's news text, single-threaded, so a speed
//! change can be pinned to its stage (the criterion bench only gives the whole).
//!   cargo run --release --no-default-features --example analysis_stages [COPIES] [REPS]
//! Under `valgrind --tool=callgrind` use REPS=1 and read the inclusive cost of each stage.

/// The app's allocator (`src/main.rs`), so that the figures are the app's.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::time::Instant;

use factdesk::analysis::{Input, Lexicons, assertions, boilerplate, quotes, text};

#[path = "../benches/support/news_text.rs"]
mod news_text;
use news_text::news_text;

fn main() {
    let mut args = std::env::args().skip(1);
    let copies: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(250);
    let reps: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(20);
    let s = news_text(copies);
    let lex = Lexicons::builtin();
    let input = Input::plain(&s);
    let mut t = [0f64; 5];
    for _ in 0..reps {
        let a = Instant::now();
        let bp = boilerplate::detect(input, &lex.boilerplate);
        let b = Instant::now();
        let doc = text::Doc::new(input, &bp);
        let c = Instant::now();
        let hits = lex.cue_hits(&s);
        let h = Instant::now();
        let q = quotes::find(&doc, &lex.quotes, &hits.speech);
        let d = Instant::now();
        let found = assertions::find(&doc, &q.quotes, &lex.cues, &hits.assertions);
        let e = Instant::now();
        std::hint::black_box(found);
        for (slot, (x, y)) in t.iter_mut().zip([(a, b), (b, c), (c, h), (h, d), (d, e)]) {
            *slot += (y - x).as_secs_f64();
        }
    }
    let mb = s.len() as f64 / 1e6;
    let total: f64 = t.iter().sum();
    for (name, secs) in [
        "boilerplate",
        "sentences",
        "cue scan",
        "quotes",
        "assertions",
    ]
    .iter()
    .zip(t)
    {
        println!("{name:12} {:7.2} ms/MB", secs * 1e3 / f64::from(reps) / mb);
    }
    println!(
        "{:12} {:7.2} ms/MB  {:.1} MB/s",
        "whole",
        total * 1e3 / f64::from(reps) / mb,
        mb * f64::from(reps) / total
    );
}
