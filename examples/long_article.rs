//! Frame times of the article view on a long article, driven headless (no GPU):
//!   cargo run --release --example long_article
//! Targets on a 2-core machine: steady frame ≤ 1 ms CPU, resize or zoom frame ≤ 16 ms,
//! first frame after opening the article ≤ 100 ms.

/// The app's allocator (`src/main.rs`), so that the figures are the app's.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::sync::Arc;
use std::time::{Duration, Instant};

use eframe::egui;
use egui_kittest::Harness;
use factdesk::analysis::Lexicons;
use factdesk::app::FactdeskApp;
use factdesk::app::jobs::{DialogKind, Dialogs};
use factdesk::edit::Edit;
use factdesk::pipeline;

struct NoDialogs;
impl Dialogs for NoDialogs {
    fn pick(&self, _: DialogKind, _: &str) -> Option<Vec<std::path::PathBuf>> {
        None
    }
}

fn long_text(target_bytes: usize) -> String {
    let seed = include_str!("../assets/samples/seed-article.txt");
    let mut s = String::new();
    let mut i = 0;
    while s.len() < target_bytes {
        s.push_str(
            &seed
                .replace("Dong", &format!("Dong{i}"))
                .replace("Han", &format!("Han{i}")),
        );
        s.push_str("\n\n");
        i += 1;
    }
    s
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let text = long_text(1_000_000);
    let imported = factdesk::import::import("long.txt", text.as_bytes()).unwrap();
    let t0 = Instant::now();
    let article = pipeline::build_article(imported, "long.txt", None, Lexicons::builtin());
    let analysis = t0.elapsed();
    println!(
        "article: {} bytes, {} paragraphs, {} highlights (analysis {:.0} ms)",
        article.text.len(),
        article.blocks.len(),
        article.findings.len(),
        analysis.as_secs_f64() * 1e3
    );

    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 860.0))
        .with_max_steps(1000)
        .build_eframe(|cc| FactdeskApp::new(cc, Arc::new(NoDialogs)));
    h.step();
    h.state_mut().edit(Edit::AddArticles(vec![article]));
    let id = h.state().doc.case.articles[0].id;
    h.state_mut().show_article(id);

    let t = Instant::now();
    h.step();
    let first = t.elapsed();

    // Paragraphs out of view are laid out a few milliseconds per frame until all are exact.
    let t = Instant::now();
    let mut frames = 0;
    while h.state().view.stale > 0 {
        h.step();
        frames += 1;
    }
    let complete = (t.elapsed(), frames);

    let mut steady = Vec::new();
    for _ in 0..30 {
        let t = Instant::now();
        h.step();
        steady.push(t.elapsed());
    }

    let mut resize = Vec::new();
    for i in 0..20 {
        h.set_size(egui::vec2(1280.0 - (i % 2) as f32 * 37.0 - i as f32, 860.0));
        let t = Instant::now();
        h.step();
        resize.push(t.elapsed());
    }

    // Next finding and a verdict in one frame (as fast typing does), then a verdict alone
    // (the edit and its undo snapshot, without the jump and the layout it brings).
    let mut review = Vec::new();
    let mut verdict = Vec::new();
    for _ in 0..10 {
        h.key_press(egui::Key::J);
        h.key_press(egui::Key::Num3);
        let t = Instant::now();
        h.step();
        review.push(t.elapsed());
        h.key_press(egui::Key::Num4);
        let t = Instant::now();
        h.step();
        verdict.push(t.elapsed());
    }
    // A case of 200 articles: switching between them.
    let seed = include_str!("../assets/samples/seed-article.txt");
    let many: Vec<_> = (0..200)
        .map(|i| {
            let text = seed.replace("Dong", &format!("Dong{i}"));
            let imported = factdesk::import::import(&format!("a{i}.txt"), text.as_bytes()).unwrap();
            pipeline::build_article(imported, &format!("a{i}.txt"), None, Lexicons::builtin())
        })
        .collect();
    h.state_mut().edit(Edit::AddArticles(many));
    h.step();
    let mut switch = Vec::new();
    for _ in 0..20 {
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::PageDown);
        let t = Instant::now();
        h.step();
        switch.push(t.elapsed());
    }
    let mut steady_case = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        h.step();
        steady_case.push(t.elapsed());
    }
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "case of {} articles: switching article (median of 20) {:.1} ms, steady frame {:.2} ms",
        h.state().doc.case.articles.len(),
        ms(median(switch)),
        ms(median(steady_case))
    );
    println!("first frame after opening: {:.1} ms", ms(first));
    println!(
        "whole layout completed in the background: {:.0} ms over {} frames",
        ms(complete.0),
        complete.1
    );
    println!("steady frame (median of 30): {:.2} ms", ms(median(steady)));
    println!("resize frame (median of 20): {:.1} ms", ms(median(resize)));
    println!(
        "frame after a review key (median of 10): {:.1} ms",
        ms(median(review))
    );
    println!(
        "frame after a verdict key alone (median of 10): {:.1} ms",
        ms(median(verdict))
    );
}
