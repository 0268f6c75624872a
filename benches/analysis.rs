//! Whole-analysis throughput on news text, single-threaded (target: ≥ 50 MB/s).
//!   cargo bench --bench analysis

/// The app's allocator (`src/main.rs`), so that the figures are the app's.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use factdesk::analysis::{self, Input, Lexicons};

#[path = "support/news_text.rs"]
mod news_text;
use news_text::news_text;

fn bench(c: &mut Criterion) {
    let lex = Lexicons::builtin();
    let mut g = c.benchmark_group("analyze");
    for (name, copies) in [("article_4kB", 1), ("long_1MB", 250)] {
        let text = news_text(copies);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| analysis::analyze(Input::plain(std::hint::black_box(&text)), lex))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
