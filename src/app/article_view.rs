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

struct Para {
    span: Span,
    kind: BlockKind,
    boilerplate: bool,
    indent: f32,
    /// Index of the first finding that may touch this paragraph (findings are sorted by start).
    first_finding: usize,
    /// Hash of what is drawn in it: its findings and their colours.
    look: u64,
    /// The galley, with the style and look it was laid out for.
    galley: Option<(Arc<Galley>, u64, u64)>,
    /// Exact once laid out for the current style and look, an estimate before.
    height: f32,
}

impl Para {
    fn current(&self, style: u64) -> Option<&Arc<Galley>> {
        self.galley
            .as_ref()
            .filter(|(_, s, l)| *s == style && *l == self.look)
            .map(|(g, ..)| g)
    }
}

const PARA_GAP: f32 = 10.0;
/// Search matches: a marker yellow that reads on both themes, with black text.
const SEARCH_BACKGROUND: Color32 = Color32::from_rgb(255, 214, 10);
const QUOTE_INDENT: f32 = 28.0;
/// Layout done ahead of need (paragraphs out of view) per frame, so that long articles
/// never stall a frame yet end up with exact heights.
const BACKGROUND_BUDGET: std::time::Duration = std::time::Duration::from_millis(3);

/// The article view. Each paragraph has its own cached galley; only visible paragraphs are
/// laid out before drawing, the rest in small slices of later frames (their heights are
/// estimated until then), and the paragraph at the top of the view stays put when heights change.
#[derive(Default)]
pub struct ArticleView {
    article: Option<ArticleId>,
    /// The text the paragraphs were cut from: a re-import (or its undo) gives a new one.
    text: Option<Arc<str>>,
    revision: u64,
    paras: Vec<Para>,
    /// Top of each paragraph in content coordinates, and the total height at the end.
    tops: Vec<f32>,
    tops_dirty: bool,
    style: u64,
    width: f32,
    search: String,
    matches: Vec<(usize, usize)>,
    /// The paragraph at the top of the view and how far into it the view starts.
    anchor: Option<(usize, f32)>,
    /// Where the view was last frame (content y) and its height.
    last_view: (f32, f32),
    /// Set to bring a finding into view on the next frame.
    pub scroll_to: Option<FindingId>,
    /// Screen rectangles of the highlights drawn in the last frame (first row of each).
    pub visible_highlights: Vec<(FindingId, Rect)>,
    /// Paragraphs still laid out with an old style or look (0 when the layout is complete).
    pub stale: usize,
    /// A selection being dragged: paragraph, and the character where it started and is now.
    drag: Option<(usize, usize, usize)>,
    /// Text the reviewer selected to mark by hand, with where the pointer let go.
    pub marked: Option<(Span, egui::Pos2)>,
    /// An edge of the selected finding being dragged, and the span it would give.
    edge_drag: Option<(FindingId, Span)>,
}

/// What the reviewer did in the article view this frame.
#[derive(Default)]
pub struct ViewEvents {
    pub clicked: Option<FindingId>,
    /// New bounds for a finding whose edge was dragged.
    pub new_span: Option<(FindingId, Span)>,
}

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
    /// Forgets every layout (a different case was opened).
    pub fn invalidate(&mut self) {
        *self = ArticleView {
            scroll_to: self.scroll_to,
            ..Default::default()
        };
    }

    /// Rebuilds the paragraph list for another article, or refreshes each paragraph's look
    /// after an edit (reviews do not change the look, so most galleys stay valid).
    fn sync(&mut self, article: &Article, revision: u64, st: &Styling<'_>) {
        let same_text = self
            .text
            .as_ref()
            .is_some_and(|t| Arc::ptr_eq(t, &article.text));
        if self.article != Some(article.id) || !same_text {
            let blocks: Vec<(Span, BlockKind)> = if article.blocks.is_empty() {
                crate::analysis::text::lines(&article.text)
                    .map(|s| (s, BlockKind::Paragraph))
                    .collect()
            } else {
                article.blocks.iter().map(|b| (b.span, b.kind)).collect()
            };
            self.paras = blocks
                .into_iter()
                .map(|(span, kind)| Para {
                    span,
                    kind,
                    boilerplate: crate::analysis::text::covered(&article.boilerplate, span),
                    indent: if kind == BlockKind::Blockquote {
                        QUOTE_INDENT
                    } else {
                        0.0
                    },
                    first_finding: 0,
                    look: 0,
                    galley: None,
                    height: 0.0,
                })
                .collect();
            self.article = Some(article.id);
            self.text = Some(article.text.clone());
            self.anchor = None;
            self.last_view = (0.0, 0.0);
            self.revision = u64::MAX;
            self.style = u64::MAX;
        }
        if self.revision != revision {
            let mut first = 0;
            for p in &mut self.paras {
                while first < article.findings.len()
                    && article.findings[first].span.end <= p.span.start
                {
                    first += 1;
                }
                p.first_finding = first;
                p.look = look_of(&article.findings[first..], p.span, st);
            }
            self.revision = revision;
            self.tops_dirty = true;
        }
    }

    fn set_style(&mut self, article: &Article, width: f32, st: &Styling<'_>, ppp: f32) {
        if st.search != self.search {
            self.search = st.search.to_owned();
            self.matches = super::filter::occurrences(&article.text, st.search);
        }
        let style = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            (
                width.round() as u32,
                st.dark,
                (st.text_size * 10.0) as u32,
                (ppp * 100.0) as u32,
                st.high_contrast,
            )
                .hash(&mut h);
            self.search.trim().to_lowercase().hash(&mut h);
            h.finish()
        };
        if style != self.style {
            // Until each paragraph is laid out again, scale its height to the new width.
            let ratio = if self.width > 0.0 {
                self.width / width
            } else {
                1.0
            };
            for p in &mut self.paras {
                p.height = if p.galley.is_some() {
                    p.height * ratio
                } else {
                    estimate(p, &article.text, width, st)
                };
            }
            self.style = style;
            self.width = width;
            self.tops_dirty = true;
        }
    }

    fn layout_para(&mut self, ui: &Ui, article: &Article, i: usize, st: &Styling<'_>) {
        if self.paras[i].current(self.style).is_some() {
            return;
        }
        let p = &self.paras[i];
        let first_match = self.matches.partition_point(|m| m.1 <= p.span.start);
        let piece = Piece {
            span: p.span,
            kind: p.kind,
            boilerplate: p.boilerplate,
            findings: &article.findings[p.first_finding..],
            matches: &self.matches[first_match..],
        };
        let job = paragraph_job(article, &piece, self.width - p.indent, st);
        let galley = ui.ctx().fonts_mut(|f| f.layout_job(job));
        let p = &mut self.paras[i];
        if (galley.size().y - p.height).abs() > 0.01 {
            self.tops_dirty = true;
        }
        p.height = galley.size().y;
        p.galley = Some((galley, self.style, p.look));
    }

    fn refresh_tops(&mut self) {
        if !self.tops_dirty && self.tops.len() == self.paras.len() + 1 {
            return;
        }
        self.tops.clear();
        let mut y = 0.0;
        for p in &self.paras {
            self.tops.push(y);
            y += p.height + PARA_GAP;
        }
        self.tops.push(y);
        self.tops_dirty = false;
    }

    /// Paragraphs that overlap content rows `y0..y1`.
    fn range(&self, y0: f32, y1: f32) -> std::ops::Range<usize> {
        let n = self.paras.len();
        let first = self.tops[1..]
            .partition_point(|&bottom| bottom <= y0)
            .min(n);
        let last = self.tops[..n].partition_point(|&top| top < y1).max(first);
        first..last
    }

    /// Lays out the paragraphs in view (the view may grow as estimates become exact).
    fn layout_range(&mut self, ui: &Ui, article: &Article, y0: f32, y1: f32, st: &Styling<'_>) {
        for _ in 0..3 {
            self.refresh_tops();
            let r = self.range(y0, y1);
            if r.clone()
                .all(|i| self.paras[i].current(self.style).is_some())
            {
                return;
            }
            for i in r {
                self.layout_para(ui, article, i, st);
            }
        }
        self.refresh_tops();
    }

    /// Draws the article; returns the finding the user clicked, if any.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        article: &Article,
        revision: u64,
        selected: Option<FindingId>,
        st: &Styling<'_>,
    ) -> ViewEvents {
        let mut edited = None;
        let width = (ui.available_width() - 24.0).clamp(200.0, 900.0);
        self.sync(article, revision, st);
        self.set_style(article, width, st, ui.ctx().pixels_per_point());
        self.refresh_tops();

        // Keep the paragraph at the top of the view in place while heights above it change.
        let view_h = if self.last_view.1 > 0.0 {
            self.last_view.1
        } else {
            ui.available_height()
        };
        let anchored = self
            .anchor
            .map(|(i, off)| self.tops[i.min(self.paras.len())] + off);
        let y0 = anchored.unwrap_or(self.last_view.0);
        self.layout_range(ui, article, y0, y0 + view_h, st);
        let mut scroll = ScrollArea::vertical()
            .id_salt(("article", article.id.0))
            .auto_shrink([false, false]);
        if let Some((i, off)) = self.anchor {
            let y = self.tops[i.min(self.paras.len())] + off;
            if (y - self.last_view.0).abs() > 0.5 {
                scroll = scroll.vertical_scroll_offset(y);
            }
        }
        let scroll_to = self.scroll_to.take().and_then(|id| {
            let i = self.para_of(article, id)?;
            self.layout_para(ui, article, i, st);
            self.refresh_tops();
            Some((id, i))
        });

        self.visible_highlights.clear();
        let mut clicked = None;
        let selected_finding = selected.and_then(|id| article.findings.iter().find(|f| f.id == id));
        let out = scroll.show_viewport(ui, |ui, viewport| {
            self.layout_range(ui, article, viewport.min.y, viewport.max.y, st);
            ui.set_height(*self.tops.last().unwrap_or(&0.0));
            ui.set_width(width);
            let origin = ui.min_rect().min;
            if let Some((id, i)) = scroll_to
                && let Some(r) = self.finding_rect(article, id, i)
            {
                ui.scroll_to_rect(r.translate(origin.to_vec2()), Some(Align::Center));
            }
            for i in self.range(viewport.min.y, viewport.max.y) {
                let p = &self.paras[i];
                let Some(galley) = p.current(self.style) else {
                    continue;
                };
                let rect =
                    Rect::from_min_size(origin + Vec2::new(p.indent, self.tops[i]), galley.size());
                ui.painter().galley(rect.min, galley.clone(), st.text_color);
                if p.boilerplate {
                    continue;
                }
                let para_text = p.span.text(&article.text);
                let resp = ui.interact(
                    rect,
                    ui.scope_id().with(("para", i)),
                    Sense::click_and_drag(),
                );
                if resp.hovered() {
                    ui.ctx().set_cursor_icon(egui::CursorIcon::Text);
                }
                let char_at = |pos: egui::Pos2| galley.cursor_from_pos(pos - rect.min).index.0;
                if resp.drag_started()
                    && let Some(pos) = resp.interact_pointer_pos()
                {
                    let c = char_at(pos);
                    self.drag = Some((i, c, c));
                    self.marked = None;
                }
                if let Some((di, a, _)) = self.drag
                    && di == i
                    && let Some(pos) = resp
                        .interact_pointer_pos()
                        .or_else(|| ui.ctx().pointer_latest_pos())
                {
                    let b = char_at(pos);
                    self.drag = Some((i, a, b));
                    if resp.drag_stopped() {
                        self.drag = None;
                        let span = Span::new(
                            p.span.start + char_to_byte(para_text, a.min(b)),
                            p.span.start + char_to_byte(para_text, a.max(b)),
                        );
                        self.marked = snap_to_words(&article.text, span, p.span).map(|s| (s, pos));
                    }
                }
                let selection = match (self.drag, self.marked) {
                    (Some((di, a, b)), _) if di == i && a != b => Some(Span::new(
                        p.span.start + char_to_byte(para_text, a.min(b)),
                        p.span.start + char_to_byte(para_text, a.max(b)),
                    )),
                    (None, Some((m, _))) if p.span.contains(m.start) => Some(m),
                    _ => None,
                };
                if let Some(sel) = selection {
                    for r in row_rects(galley, para_text, p.span, sel) {
                        ui.painter().rect_filled(
                            r.translate(rect.min.to_vec2()),
                            2.0,
                            st.selection.gamma_multiply(0.35),
                        );
                    }
                }
                // Painted text is invisible to screen readers: expose each paragraph's text.
                resp.widget_info(|| WidgetInfo::labeled(Role::Paragraph, true, para_text));
                if resp.clicked()
                    && let Some(pos) = resp.interact_pointer_pos()
                {
                    let c = galley.cursor_from_pos(pos - rect.min);
                    let byte = p.span.start + char_to_byte(para_text, c.index.0);
                    clicked = finding_at(article, byte).or(clicked);
                }
                let here = article.findings[p.first_finding..]
                    .iter()
                    .take_while(|f| f.span.start < p.span.end)
                    .filter(|f| !f.dismissed && p.span.contains(f.span.start));
                for f in here {
                    let Some(hl) = first_row_rect(galley, para_text, p.span, f.span) else {
                        continue;
                    };
                    let hl = hl.translate(rect.min.to_vec2());
                    let r =
                        ui.interact(hl, ui.scope_id().with(("finding", f.id.0)), Sense::click());
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
                if let Some(sel) = selected_finding.filter(|f| f.span.overlaps(p.span)) {
                    // While an edge is dragged, outline where the finding would go.
                    let shown = match self.edge_drag {
                        Some((id, span)) if id == sel.id => span,
                        _ => sel.span,
                    };
                    let rows = row_rects(galley, para_text, p.span, shown);
                    for r in &rows {
                        ui.painter().rect_stroke(
                            r.translate(rect.min.to_vec2()).expand(1.5),
                            3.0,
                            Stroke::new(2.0, st.selection),
                            egui::StrokeKind::Outside,
                        );
                    }
                    // Handles on the edges: drag them to move the finding's start or end.
                    let ends = [
                        (
                            true,
                            rows.first()
                                .filter(|_| p.span.contains(shown.start))
                                .map(|r| r.left_center()),
                        ),
                        (
                            false,
                            rows.last()
                                .filter(|_| shown.end <= p.span.end)
                                .map(|r| r.right_center()),
                        ),
                    ];
                    for (is_start, at) in ends {
                        let Some(at) = at else { continue };
                        let h = rows[0].height().max(12.0);
                        let handle =
                            Rect::from_center_size(at + rect.min.to_vec2(), Vec2::new(8.0, h));
                        let id = ui.scope_id().with(("edge", sel.id.0, is_start));
                        let r = ui.interact(handle, id, Sense::drag());
                        let which = if is_start { "start" } else { "end" };
                        r.widget_info(|| {
                            WidgetInfo::labeled(
                                Role::Splitter,
                                true,
                                format!("Move the {which} of the selected finding"),
                            )
                        });
                        ui.painter().rect_filled(
                            handle.shrink2(Vec2::new(2.5, 0.0)),
                            1.0,
                            st.selection,
                        );
                        if r.hovered() || r.dragged() {
                            ui.ctx().set_cursor_icon(egui::CursorIcon::ResizeHorizontal);
                        }
                        if r.dragged()
                            && let Some(pos) = r.interact_pointer_pos()
                        {
                            let c = galley.cursor_from_pos(pos - rect.min).index.0;
                            let at = p.span.start + char_to_byte(para_text, c);
                            let base = match self.edge_drag {
                                Some((fid, span)) if fid == sel.id => span,
                                _ => sel.span,
                            };
                            let moved = if is_start {
                                Span::new(at.min(base.end), base.end)
                            } else {
                                Span::new(base.start, at.max(base.start))
                            };
                            self.edge_drag = Some((sel.id, moved));
                        }
                        if r.drag_stopped()
                            && let Some((fid, span)) = self.edge_drag.take()
                            && let Some(snapped) = snap_to_words(&article.text, span, p.span)
                        {
                            edited = Some((fid, snapped));
                        }
                    }
                }
            }
            viewport
        });
        let viewport = out.inner;
        self.last_view = (viewport.min.y, viewport.height());
        let top = self
            .range(viewport.min.y, viewport.min.y + 1.0)
            .start
            .min(self.paras.len().saturating_sub(1));
        self.anchor = (!self.paras.is_empty()).then(|| (top, viewport.min.y - self.tops[top]));

        // Lay out a little more of the article in the background: nearest the view first.
        let t0 = std::time::Instant::now();
        let around = self.range(viewport.min.y, viewport.max.y);
        let order = (around.end..self.paras.len()).chain((0..around.start).rev());
        let mut done_all = true;
        for i in order {
            if self.paras[i].current(self.style).is_some() {
                continue;
            }
            if t0.elapsed() > BACKGROUND_BUDGET {
                done_all = false;
                break;
            }
            self.layout_para(ui, article, i, st);
        }
        self.stale = if done_all {
            0
        } else {
            self.paras
                .iter()
                .filter(|p| p.current(self.style).is_none())
                .count()
        };
        if self.stale > 0 {
            ui.ctx().request_repaint();
        }
        ViewEvents {
            clicked,
            new_span: edited,
        }
    }

    fn para_of(&self, article: &Article, id: FindingId) -> Option<usize> {
        let f = article.findings.iter().find(|f| f.id == id)?;
        let i = self.paras.partition_point(|p| p.span.end <= f.span.start);
        (i < self.paras.len()).then_some(i)
    }

    /// Where a finding starts, in content coordinates.
    fn finding_rect(&self, article: &Article, id: FindingId, i: usize) -> Option<Rect> {
        let f = article.findings.iter().find(|f| f.id == id)?;
        let p = &self.paras[i];
        let galley = p.current(self.style)?;
        let text = p.span.text(&article.text);
        let start = byte_to_char(text, f.span.start.saturating_sub(p.span.start));
        let r = galley.pos_from_cursor(CCursor::new(start));
        Some(
            r.translate(Vec2::new(p.indent, self.tops[i]))
                .expand2(Vec2::new(0.0, 20.0)),
        )
    }
}

/// Widens a selection to whole words and trims white space and stray punctuation, within `para`.
pub fn snap_to_words(text: &str, span: Span, para: Span) -> Option<Span> {
    let word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’' || c == '-';
    let mut start = span.start.max(para.start);
    let mut end = span.end.min(para.end);
    while start > para.start
        && text[..start].chars().next_back().is_some_and(word)
        && text[start..].chars().next().is_some_and(word)
    {
        start -= text[..start].chars().next_back().map_or(1, char::len_utf8);
    }
    while end < para.end
        && text[end..].chars().next().is_some_and(word)
        && text[..end].chars().next_back().is_some_and(word)
    {
        end += text[end..].chars().next().map_or(1, char::len_utf8);
    }
    let t = crate::analysis::text::trim(text, Span::new(start, end));
    (!t.is_empty()).then_some(t)
}

/// A paragraph's height before it is laid out: its characters at an average advance.
fn estimate(p: &Para, text: &str, width: f32, st: &Styling<'_>) -> f32 {
    let size = if p.kind == BlockKind::Heading {
        st.text_size * 1.35
    } else {
        st.text_size
    };
    let chars = p.span.text(text).chars().count() as f32;
    let per_line = ((width - p.indent) / (size * 0.5)).max(1.0);
    (chars / per_line).ceil().max(1.0) * size * 1.45
}

/// Hash of everything that changes how a paragraph is drawn.
fn look_of(findings: &[Finding], para: Span, st: &Styling<'_>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for f in findings
        .iter()
        .take_while(|f| f.span.start < para.end)
        .filter(|f| f.span.overlaps(para))
    {
        (f.span, f.dismissed, kind_rank(&f.kind)).hash(&mut h);
        match &f.kind {
            FindingKind::Quote(q) | FindingKind::ReportedSpeech(q) => q
                .speaker
                .and_then(|s| st.speaker_colours.get(s.0 as usize))
                .map(|c| c.to_array())
                .hash(&mut h),
            FindingKind::Assertion(a) => {
                a.categories.first().hash(&mut h);
                for c in &a.cues {
                    (c.span, c.category).hash(&mut h);
                }
            }
        }
    }
    h.finish()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selections_snap_to_whole_words() {
        let t = "He said the defection was real.";
        let para = Span::new(0, t.len());
        let s = snap_to_words(t, Span::new(13, 23), para).unwrap(); // "efection w"
        assert_eq!(s.text(t), "defection was");
        assert_eq!(snap_to_words(t, Span::new(2, 3), para), None); // a space
        let s = snap_to_words(t, Span::new(0, t.len()), para).unwrap();
        assert_eq!(s.text(t), t);
    }
}
