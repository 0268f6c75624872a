//! Whole-analysis throughput on news text, single-threaded (target: ≥ 50 MB/s).
//!   cargo bench --bench analysis

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use factdesk::analysis::{self, Input, Lexicons};

fn news_text(copies: usize) -> String {
    let seed = include_str!("../assets/samples/seed-article.txt");
    let mut s = String::with_capacity(seed.len() * copies);
    // Each copy names other people, so no paragraph repeats an earlier one (repeats are
    // treated as scraped duplicates and skipped, which would flatter the figure).
    for i in 0..copies {
        s.push_str(
            &seed
                .replace("Dong", &format!("Dong{i}"))
                .replace("Han", &format!("Han{i}")),
        );
        s.push_str("\n\n");
    }
    s
}

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
