//! The benchmark text, shared by `benches/analysis.rs` and `examples/analysis_stages.rs`.

/// The seed article `copies` times. Each copy names other people, so no paragraph repeats
/// an earlier one (repeats are treated as scraped duplicates and skipped, which would
/// flatter the figure).
pub fn news_text(copies: usize) -> String {
    let seed = include_str!("../../assets/samples/seed-article.txt");
    let mut s = String::with_capacity(seed.len() * copies);
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
