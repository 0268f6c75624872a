//! The article with its highlights: one cached galley per paragraph, only the visible
//! ones drawn (a single layout of a long article costs hundreds of milliseconds on every
//! resize; see docs/architecture.md).

use std::sync::Arc;

use eframe::egui::{
    self, Align, Color32, FontId, Galley, Rect, Role, ScrollArea, Sense, Stroke, Ui, Vec2,
    WidgetInfo,
    text::{CCursor, LayoutJob, TextFormat},
};

use super::palette::Palette;
use crate::model::{Article, ArticleId, BlockKind, Finding, FindingId, FindingKind, Span};

/// What the view needs to colour findings; built once per frame by the app.
pub struct Styling<'a> {
    pub palette: &'a Palette,
    pub dark: bool,
    /// The colour of each of this article's speakers (stable across the case, or the reviewer's choice).
    pub speaker_colours: &'a [Color32],
    pub text_size: f32,
    pub text_color: Color32,
    pub weak_color: Color32,
    pub selection: Color32,
    /// Stronger tints and thicker underlines.
    pub high_contrast: bool,
    /// Text to mark wherever it occurs (the case search).
    pub search: &'a str,
}

#[derive(Clone, Copy, PartialEq, Debug)]
struct LayoutKey {
    article: ArticleId,
    revision: u64,
    width: u32,
    dark: bool,
    text_size: u32,
    pixels_per_point: u32,
    high_contrast: bool,
    search: u64,
}

struct Para {
    span: Span,
    boilerplate: bool,
    galley: Arc<Galley>,
    /// Offset of the galley from the top-left of the content.
    offset: Vec2,
}

const PARA_GAP: f32 = 10.0;
/// Search matches: a marker yellow that reads on both themes, with black text.
const SEARCH_BACKGROUND: Color32 = Color32::from_rgb(255, 214, 10);
const QUOTE_INDENT: f32 = 28.0;

#[derive(Default)]
pub struct ArticleView {
    key: Option<LayoutKey>,
    paras: Vec<Para>,
    total_height: f32,
    /// Set to bring a finding into view on the next frame.
    pub scroll_to: Option<FindingId>,
    /// Screen rectangles of the highlights drawn in the last frame (first row of each).
    pub visible_highlights: Vec<(FindingId, Rect)>,
}

/// Which finding a reader means at a byte: quotes before reported speech before
/// assertions, then the narrowest.
pub fn finding_at(article: &Article, pos: usize) -> Option<FindingId> {
    article
        .findings
        .iter()
        .filter(|f| !f.dismissed && f.span.contains(pos))
        .min_by_key(|f| (kind_rank(&f.kind), f.span.len()))
        .map(|f| f.id)
}

fn kind_rank(k: &FindingKind) -> u8 {
    match k {
        FindingKind::Quote(_) => 0,
        FindingKind::ReportedSpeech(_) => 1,
        FindingKind::Assertion(_) => 2,
    }
}

/// A short accessible description of a finding ("Quote by Han Lianchao: Therefore…").
pub fn describe(article: &Article, f: &Finding) -> String {
    let text = f.span.text(&article.text);
    let short: String = text.chars().take(60).collect();
    let ell = if text.chars().count() > 60 { "…" } else { "" };
    let speaker = |s: Option<crate::model::SpeakerId>| {
        s.and_then(|s| article.speaker(s))
            .map_or("unknown speaker".to_owned(), |s| s.name.clone())
    };
    match &f.kind {
        FindingKind::Quote(q) => format!("Quote by {}: {short}{ell}", speaker(q.speaker)),
        FindingKind::ReportedSpeech(q) => {
            format!("Reported speech by {}: {short}{ell}", speaker(q.speaker))
        }
        FindingKind::Assertion(a) => {
            let cats: Vec<&str> = a.categories.iter().map(|c| c.label()).collect();
            format!("Unverified ({}): {short}{ell}", cats.join(", "))
        }
    }
}

fn char_to_byte(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(b, _)| b)
}

fn byte_to_char(s: &str, byte: usize) -> usize {
    s[..byte.min(s.len())].chars().count()
}

impl ArticleView {
    /// Forgets the layout (the article or the style changed in a way the key cannot see).
    pub fn invalidate(&mut self) {
        self.key = None;
    }

    fn layout(&mut self, ui: &Ui, article: &Article, key: LayoutKey, width: f32, st: &Styling<'_>) {
        self.paras.clear();
        let blocks: Vec<(Span, BlockKind)> = if article.blocks.is_empty() {
            crate::analysis::text::lines(&article.text)
                .map(|s| (s, BlockKind::Paragraph))
                .collect()
        } else {
            article.blocks.iter().map(|b| (b.span, b.kind)).collect()
        };
        let matches = super::filter::occurrences(&article.text, st.search);
        let mut y = 0.0;
        let mut first_finding = 0;
        for (span, kind) in blocks {
            let boilerplate = crate::analysis::text::covered(&article.boilerplate, span);
            let indent = if kind == BlockKind::Blockquote {
                QUOTE_INDENT
            } else {
                0.0
            };
            // Findings are sorted by start: skip those that ended before this paragraph.
            while first_finding < article.findings.len()
                && article.findings[first_finding].span.end <= span.start
            {
                first_finding += 1;
            }
            let first_match = matches.partition_point(|m| m.1 <= span.start);
            let piece = Piece {
                span,
                kind,
                boilerplate,
                findings: &article.findings[first_finding..],
                matches: &matches[first_match..],
            };
            let job = paragraph_job(article, &piece, width - indent, st);
            let galley = ui.ctx().fonts_mut(|f| f.layout_job(job));
            let h = galley.size().y;
            self.paras.push(Para {
                span,
                boilerplate,
                galley,
                offset: Vec2::new(indent, y),
            });
            y += h + PARA_GAP;
        }
        self.total_height = y;
        self.key = Some(key);
    }

    /// Draws the article; returns the finding the user clicked, if any.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        article: &Article,
        revision: u64,
        selected: Option<FindingId>,
        st: &Styling<'_>,
    ) -> Option<FindingId> {
        let width = (ui.available_width() - 24.0).clamp(200.0, 900.0);
        let key = LayoutKey {
            article: article.id,
            revision,
            width: width.round() as u32,
            dark: st.dark,
            text_size: (st.text_size * 10.0) as u32,
            pixels_per_point: (ui.ctx().pixels_per_point() * 100.0) as u32,
            high_contrast: st.high_contrast,
            search: {
                use std::hash::{Hash, Hasher};
                let mut h = std::collections::hash_map::DefaultHasher::new();
                st.search.trim().to_lowercase().hash(&mut h);
                h.finish()
            },
        };
        if self.key != Some(key) {
            self.layout(ui, article, key, width, st);
        }
        self.visible_highlights.clear();
        let mut clicked = None;
        let scroll_to = self.scroll_to.take();
        ScrollArea::vertical()
            .id_salt(("article", article.id.0))
            .auto_shrink([false, false])
            .show_viewport(ui, |ui, viewport| {
                ui.set_height(self.total_height);
                ui.set_width(width);
                let origin = ui.min_rect().min;
                if let Some(target) = scroll_to.and_then(|id| self.finding_rect(article, id)) {
                    ui.scroll_to_rect(target.translate(origin.to_vec2()), Some(Align::Center));
                }
                let first = self
                    .paras
                    .partition_point(|p| p.offset.y + p.galley.size().y < viewport.min.y);
                for (i, p) in self.paras.iter().enumerate().skip(first) {
                    if p.offset.y > viewport.max.y {
                        break;
                    }
                    let rect = Rect::from_min_size(origin + p.offset, p.galley.size());
                    ui.painter()
                        .galley(rect.min, p.galley.clone(), st.text_color);
                    if p.boilerplate {
                        continue;
                    }
                    let para_text = p.span.text(&article.text);
                    let resp = ui.interact(rect, ui.scope_id().with(("para", i)), Sense::click());
                    // Painted text is invisible to screen readers: expose each paragraph's text.
                    resp.widget_info(|| WidgetInfo::labeled(Role::Paragraph, true, para_text));
                    if resp.clicked()
                        && let Some(pos) = resp.interact_pointer_pos()
                    {
                        let c = p.galley.cursor_from_pos(pos - rect.min);
                        let byte = p.span.start + char_to_byte(para_text, c.index.0);
                        clicked = finding_at(article, byte).or(clicked);
                    }
                    for f in article
                        .findings
                        .iter()
                        .filter(|f| !f.dismissed && p.span.contains(f.span.start))
                    {
                        let Some(hl) = first_row_rect(&p.galley, para_text, p.span, f.span) else {
                            continue;
                        };
                        let hl = hl.translate(rect.min.to_vec2());
                        let r = ui.interact(
                            hl,
                            ui.scope_id().with(("finding", f.id.0)),
                            Sense::click(),
                        );
                        r.widget_info(|| {
                            WidgetInfo::selected(
                                Role::Button,
                                true,
                                selected == Some(f.id),
                                describe(article, f),
                            )
                        });
                        if r.hovered() {
                            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
                        }
                        if r.clicked() {
                            clicked = Some(f.id);
                        }
                        self.visible_highlights.push((f.id, hl));
                    }
                    if let Some(sel) =
                        selected.and_then(|id| article.findings.iter().find(|f| f.id == id))
                        && sel.span.overlaps(p.span)
                    {
                        for r in row_rects(&p.galley, para_text, p.span, sel.span) {
                            ui.painter().rect_stroke(
                                r.translate(rect.min.to_vec2()).expand(1.5),
                                3.0,
                                Stroke::new(2.0, st.selection),
                                egui::StrokeKind::Outside,
                            );
                        }
                    }
                }
            });
        clicked
    }

    /// Where a finding starts, in content coordinates.
    fn finding_rect(&self, article: &Article, id: FindingId) -> Option<Rect> {
        let f = article.findings.iter().find(|f| f.id == id)?;
        let p = self
            .paras
            .iter()
            .find(|p| p.span.contains(f.span.start) || p.span.overlaps(f.span))?;
        let text = p.span.text(&article.text);
        let start = byte_to_char(text, f.span.start.saturating_sub(p.span.start));
        let r = p.galley.pos_from_cursor(CCursor::new(start));
        Some(r.translate(p.offset).expand2(Vec2::new(0.0, 20.0)))
    }
}

/// The rectangles a span covers, one per galley row (in galley coordinates).
fn row_rects(galley: &Galley, para_text: &str, para: Span, span: Span) -> Vec<Rect> {
    let s = byte_to_char(para_text, span.start.saturating_sub(para.start));
    let e = byte_to_char(para_text, span.end.min(para.end).saturating_sub(para.start));
    let mut out = Vec::new();
    let mut row_start = 0;
    for row in &galley.rows {
        let n = row.char_count_including_newline().0;
        let (a, b) = (
            s.max(row_start),
            e.min(row_start + row.char_count_excluding_newline().0),
        );
        if a < b {
            let x0 = row.pos.x + row.x_offset(egui::text::CharIndex(a - row_start));
            let x1 = row.pos.x + row.x_offset(egui::text::CharIndex(b - row_start));
            let r = row.rect();
            out.push(Rect::from_x_y_ranges(x0..=x1, r.y_range()));
        }
        row_start += n;
        if row_start >= e {
            break;
        }
    }
    out
}

fn first_row_rect(galley: &Galley, para_text: &str, para: Span, span: Span) -> Option<Rect> {
    row_rects(galley, para_text, para, span).into_iter().next()
}

/// Builds the layout job of one paragraph: quotes as a tint of their speaker's colour,
/// unverified assertions underlined in their category's colour (thicker on the cue words),
/// boilerplate dimmed.
/// One paragraph and what may touch it (findings and search matches from here on).
struct Piece<'a> {
    span: Span,
    kind: BlockKind,
    boilerplate: bool,
    findings: &'a [Finding],
    matches: &'a [(usize, usize)],
}

fn paragraph_job(article: &Article, piece: &Piece<'_>, width: f32, st: &Styling<'_>) -> LayoutJob {
    let Piece {
        span: para,
        kind,
        boilerplate,
        findings,
        matches,
    } = *piece;
    let text = &article.text;
    let size = if kind == BlockKind::Heading {
        st.text_size * 1.35
    } else {
        st.text_size
    };
    let base = TextFormat {
        font_id: FontId::proportional(size),
        color: if boilerplate {
            st.weak_color
        } else {
            st.text_color
        },
        italics: boilerplate,
        line_height: Some(size * 1.45),
        ..Default::default()
    };
    let mut job = LayoutJob {
        wrap: egui::text::TextWrapping {
            max_width: width,
            ..Default::default()
        },
        ..Default::default()
    };
    let here: Vec<&Finding> = if boilerplate {
        Vec::new()
    } else {
        findings
            .iter()
            .take_while(|f| f.span.start < para.end)
            .filter(|f| !f.dismissed && f.span.overlaps(para))
            .collect()
    };
    let mut cuts = vec![para.start, para.end];
    for f in &here {
        cuts.extend([f.span.start, f.span.end]);
        if let FindingKind::Assertion(a) = &f.kind {
            for c in &a.cues {
                cuts.extend([c.span.start, c.span.end]);
            }
        }
    }
    let matches: Vec<(usize, usize)> = matches
        .iter()
        .take_while(|m| m.0 < para.end)
        .copied()
        .collect();
    for m in &matches {
        cuts.extend([m.0, m.1]);
    }
    cuts.retain(|&c| c >= para.start && c <= para.end && text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    for w in cuts.windows(2) {
        let seg = Span::new(w[0], w[1]);
        let mut fmt = base.clone();
        let covering = || {
            here.iter()
                .filter(|f| f.span.start <= seg.start && seg.end <= f.span.end)
        };
        // A quotation inside a block quote shows its own speaker: the narrowest wins.
        let quote = covering()
            .filter_map(|f| match &f.kind {
                FindingKind::Quote(q) | FindingKind::ReportedSpeech(q) => {
                    Some((kind_rank(&f.kind), f.span.len(), q))
                }
                FindingKind::Assertion(_) => None,
            })
            .min_by_key(|(rank, len, _)| (*rank, *len));
        if let Some((rank, _, q)) = quote {
            let solid = q
                .speaker
                .and_then(|s| st.speaker_colours.get(s.0 as usize).copied());
            let colour = solid.map_or(st.weak_color.gamma_multiply(0.35), |c| {
                st.palette.quote_tint(c, st.dark)
            });
            let colour = if st.high_contrast {
                colour.gamma_multiply(1.8)
            } else {
                colour
            };
            fmt.background = if rank == 0 {
                colour
            } else {
                colour.gamma_multiply(0.45)
            };
        }
        for a in covering().filter_map(|f| match &f.kind {
            FindingKind::Assertion(a) => Some(a),
            _ => None,
        }) {
            let Some(&cat) = a.categories.first() else {
                continue;
            };
            let cue = a
                .cues
                .iter()
                .find(|c| c.span.start <= seg.start && seg.end <= c.span.end);
            let extra = if st.high_contrast { 1.0 } else { 0.0 };
            let width = extra + if cue.is_some() { 3.0 } else { 1.0 };
            if width >= fmt.underline.width {
                let colour = cue.map_or(cat, |c| c.category);
                fmt.underline = Stroke::new(width, st.palette.category(colour, st.dark));
            }
        }
        if matches.iter().any(|m| m.0 <= seg.start && seg.end <= m.1) {
            fmt.background = SEARCH_BACKGROUND;
            fmt.color = Color32::BLACK;
        }
        job.append(seg.text(text), 0.0, fmt);
    }
    job
}
