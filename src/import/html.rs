//! Web pages: the article body found by dom_smoothie (a Readability port), then walked
//! into blocks (headings, paragraphs, block quotations, list items) and cleaned of the
//! furniture Readability keeps (share bars, sign-up boxes, captions, "related" lists).
//! Title, byline and date come from the page's metadata (JSON-LD, Open Graph, meta tags).

use dom_query::NodeRef;
use dom_smoothie::{Config, Readability};

use super::{Body, TextBuilder};
use crate::model::BlockKind;

pub fn extract(html: &str) -> Body {
    let cfg = Config {
        // Bound the work on pathological pages (a news page has a few thousand elements).
        max_elements_to_parse: 200_000,
        // Class names tell captions, share bars and "related" boxes from the article.
        keep_classes: true,
        ..Config::default()
    };
    let Ok(mut ra) = Readability::new(html, None, Some(cfg)) else {
        return Body::default();
    };
    let (meta, doc, linked) = match ra.parse() {
        Ok(article) => {
            let mut w = Walker::default();
            if let Some(root) = ra.doc.select("#readability-page-1").nodes().first() {
                w.total = text_len(root);
                w.walk(root, BlockKind::Paragraph);
            }
            w.flush(BlockKind::Paragraph);
            (
                (article.title, article.byline, article.published_time),
                w.doc,
                w.linked,
            )
        }
        // No article found (too little text, or too many elements): every paragraph
        // of the page body, still cleaned below.
        Err(_) => {
            let page = dom_query::Document::from(html);
            let mut w = Walker::default();
            if let Some(body) = page.body() {
                w.total = text_len(&body);
                w.walk(&body, BlockKind::Paragraph);
            }
            w.flush(BlockKind::Paragraph);
            let title = page
                .select("title")
                .nodes()
                .first()
                .map(|t| t.text().to_string())
                .unwrap_or_default();
            ((title, None, None), w.doc, w.linked)
        }
    };
    let (title, byline, published) = meta;
    let (_, mut doc, linked) = ((), doc, linked);
    clean(&mut doc, &linked, &title, byline.as_deref().unwrap_or(""));
    Body {
        title: nonempty(title),
        byline: byline.and_then(nonempty),
        published: published.and_then(nonempty),
        doc,
    }
}

fn nonempty(s: String) -> Option<String> {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

#[derive(Default)]
struct Walker {
    doc: TextBuilder,
    buf: String,
    /// Characters of text in the whole article: a "furniture" container holding most of
    /// it is the article itself with an unlucky class name.
    total: usize,
    /// Share of each block's characters inside links (parallel to `doc.blocks`).
    linked: Vec<f32>,
    link_chars: usize,
}

impl Walker {
    fn flush(&mut self, kind: BlockKind) {
        if self.doc.push(kind, &self.buf) {
            let all = self.buf.chars().filter(|c| !c.is_whitespace()).count();
            self.linked.push(self.link_chars as f32 / all.max(1) as f32);
        }
        self.buf.clear();
        self.link_chars = 0;
    }

    fn walk(&mut self, node: &NodeRef<'_>, kind: BlockKind) {
        for child in node.children_it(false) {
            if child.is_text() {
                self.buf.push_str(&child.text());
                continue;
            }
            if !child.is_element() {
                continue;
            }
            let name = child.node_name().unwrap_or_default();
            let name = name.to_ascii_lowercase();
            if is_furniture_element(&child) && text_len(&child) * 3 < self.total {
                // Its text must not run into the text around it.
                self.flush(kind);
                continue;
            }
            match name.as_str() {
                "script" | "style" | "noscript" | "template" | "button" | "form" | "input"
                | "select" | "textarea" | "nav" | "aside" | "iframe" | "svg" | "figcaption"
                | "object" | "video" | "audio" | "canvas" | "img" | "picture" | "time"
                | "figure" => self.flush(kind),
                "br" | "hr" => self.flush(kind),
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    self.flush(kind);
                    let k = if kind == BlockKind::Blockquote {
                        kind
                    } else {
                        BlockKind::Heading
                    };
                    self.walk(&child, k);
                    self.flush(k);
                }
                "blockquote" => {
                    self.flush(kind);
                    self.walk(&child, BlockKind::Blockquote);
                    self.flush(BlockKind::Blockquote);
                }
                "li" | "dd" | "dt" => {
                    self.flush(kind);
                    let k = if kind == BlockKind::Blockquote {
                        kind
                    } else {
                        BlockKind::ListItem
                    };
                    self.walk(&child, k);
                    self.flush(k);
                }
                "p" | "div" | "section" | "article" | "header" | "footer" | "main" | "ul"
                | "ol" | "dl" | "table" | "tbody" | "thead" | "tr" | "pre" | "address"
                | "center" | "details" | "summary" => {
                    self.flush(kind);
                    self.walk(&child, kind);
                    self.flush(kind);
                }
                "td" | "th" => {
                    self.walk(&child, kind);
                    self.buf.push(' ');
                }
                "a" => {
                    let before = self.buf.len();
                    self.walk(&child, kind);
                    self.link_chars += self.buf[before.min(self.buf.len())..]
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .count();
                }
                _ => self.walk(&child, kind),
            }
        }
    }
}

/// Words in class names and ids that mark page furniture (matched as whole words of the
/// name split at `-`, `_`, spaces and camelCase humps, so "ad" does not match "header").
const FURNITURE_WORDS: &[&str] = &[
    "caption",
    "captions",
    "credit",
    "credits",
    "byline",
    "bylines",
    "dateline",
    "timestamp",
    "share",
    "sharing",
    "social",
    "related",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "promo",
    "promotion",
    "ad",
    "ads",
    "advert",
    "advertisement",
    "sponsor",
    "sponsored",
    "gallery",
    "slideshow",
    "carousel",
    "tags",
    "tag",
    "comments",
    "comment",
    "breadcrumb",
    "breadcrumbs",
    "toolbar",
    "recommended",
    "recirc",
    "trending",
    "popular",
    "outbrain",
    "taboola",
    "paywall",
    "disclaimer",
    "author",
    "bio",
    "widget",
    "rail",
    "sidebar",
    "pagination",
    "pager",
    "modal",
    "popup",
    "cookie",
    "cookies",
    "print",
    "email",
    "tools",
];

/// Whole class/id names of furniture that the word split would miss.
const FURNITURE_NAMES: &[&str] = &["hidden", "visually-hidden", "sr-only", "screen-reader-text"];

fn text_len(node: &NodeRef<'_>) -> usize {
    node.text().split_whitespace().map(|w| w.len() + 1).sum()
}

fn is_furniture_element(node: &NodeRef<'_>) -> bool {
    if node.has_attr("hidden") || node.attr("aria-hidden").is_some_and(|v| &*v == "true") {
        return true;
    }
    let mut names = String::new();
    if let Some(c) = node.class() {
        names.push_str(&c);
    }
    if let Some(i) = node.id_attr() {
        names.push(' ');
        names.push_str(&i);
    }
    if names.is_empty() {
        return false;
    }
    names.split_whitespace().any(|name| {
        let lower = name.to_ascii_lowercase();
        FURNITURE_NAMES.contains(&lower.as_str())
            || words_of(name).any(|w| FURNITURE_WORDS.contains(&w.as_str()))
    })
}

/// "storyCaption-text_2" -> story, caption, text, 2
fn words_of(name: &str) -> impl Iterator<Item = String> + '_ {
    name.split(['-', '_', ':', '.']).flat_map(|part| {
        let mut words = Vec::new();
        let mut cur = String::new();
        let mut prev_lower = false;
        for c in part.chars() {
            if c.is_uppercase() && prev_lower && !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
            cur.push(c.to_ascii_lowercase());
        }
        if !cur.is_empty() {
            words.push(cur);
        }
        words
    })
}

/// Drops blocks that are page furniture rather than article: what the boilerplate
/// detector flags (credits, calls to action, dates, "more stories" lists), the headline
/// repeated, and repeated blocks (gallery captions).
fn clean(doc: &mut TextBuilder, linked: &[f32], title: &str, byline: &str) {
    use crate::analysis::{Input, boilerplate};
    static LEX: std::sync::OnceLock<boilerplate::Lexicon> = std::sync::OnceLock::new();
    let lex = LEX.get_or_init(boilerplate::Lexicon::builtin);
    let furniture = boilerplate::detect(
        Input {
            text: &doc.text,
            blocks: &doc.blocks,
        },
        lex,
    );
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut seen = std::collections::HashSet::new();
    let spans: Vec<_> = doc.blocks.iter().map(|b| b.span).collect();
    doc.retain(|i, kind, text| {
        let span = spans[i];
        if furniture
            .iter()
            .any(|f| f.start <= span.start && span.end <= f.end)
        {
            return false;
        }
        // A paragraph that is all link: a teaser for another story.
        let words = text.split_whitespace().count();
        if kind != BlockKind::Heading
            && linked.get(i).is_some_and(|&r| r > 0.9)
            && (2..=25).contains(&words)
        {
            return false;
        }
        // The byline the metadata names, in the body ("Par Anne Martin").
        if byline.len() > 3 && words <= 10 && text.contains(byline) {
            return false;
        }
        if !title.is_empty() && text == title {
            return false;
        }
        if !seen.insert(text.to_owned()) {
            return false;
        }
        true
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(b: &Body) -> Vec<(BlockKind, &str)> {
        b.doc.kinds()
    }

    const PAGE: &str = r#"<!doctype html><html><head><title>Minister resigns | Example News</title>
<meta property="og:title" content="Minister resigns">
<meta property="article:published_time" content="2024-03-01T10:00:00Z">
<meta name="author" content="Jane Roe">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Minister resigns</h1>
<p>The minister resigned on Friday after weeks of pressure from members of her own party, officials said.</p>
<p>In a statement she said the decision had been hard, and that she would remain a member of parliament.</p>
<blockquote><p>I have served with pride and I leave with my head held high.</p></blockquote>
<h2>What happens next</h2>
<p>The prime minister is expected to name a successor within days, according to two people familiar with the matter.</p>
<ul><li>First point of the list, which is long enough.</li><li>Second point.</li></ul>
<p>Opposition parties called for an early election, saying the government had lost its authority.</p>
</article><footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"#;

    #[test]
    fn tiny_page_falls_back_to_body_text() {
        let b = extract(
            "<html><head><title>T</title></head><body><p>Just one short line.</p></body></html>",
        );
        assert_eq!(b.doc.text, "Just one short line.");
        assert_eq!(b.title.as_deref(), Some("T"));
    }

    #[test]
    fn furniture_is_dropped() {
        let page = PAGE.replace(
            "<h2>What happens next</h2>",
            "<figure><img src=a.jpg><figcaption>The minister (AP Photo/Jane Doe)</figcaption></figure>\
             <div class=\"share-bar\">Share on Facebook</div><p>Advertisement</p>\
             <p><a href=/other>OTHER STORY HEADLINE IN CAPITALS</a></p><h2>What happens next</h2>",
        );
        let b = extract(&page);
        for junk in ["AP Photo", "Facebook", "Advertisement", "OTHER STORY"] {
            assert!(!b.doc.text.contains(junk), "{junk} in {}", b.doc.text);
        }
        assert!(b.doc.text.contains("What happens next"));
    }

    #[test]
    fn article_blocks_and_metadata() {
        let b = extract(PAGE);
        assert_eq!(b.title.as_deref(), Some("Minister resigns"));
        assert_eq!(b.published.as_deref(), Some("2024-03-01T10:00:00Z"));
        assert_eq!(b.byline.as_deref(), Some("Jane Roe"));
        let k = kinds(&b);
        assert!(k[0].1.starts_with("The minister resigned"), "{k:?}");
        assert!(k.contains(&(
            BlockKind::Blockquote,
            "I have served with pride and I leave with my head held high."
        )));
        assert!(k.contains(&(BlockKind::Heading, "What happens next")));
        assert!(k.contains(&(BlockKind::ListItem, "Second point.")));
        assert!(!b.doc.text.contains("Home"));
        assert!(!b.doc.text.contains("Copyright"));
    }
}
