//! The left panel: the case's articles, the legend, and every finding as a clickable list
//! (painted text has no accessibility node; this list is how screen readers reach findings).

use eframe::egui::{self, Color32, RichText};

use super::FactdeskApp;
use super::article_view::describe;
use super::filter::{Filter, KindFilter, VerdictFilter};
use crate::counted::counted;
use crate::edit::Edit;
use crate::model::{Article, Category, FindingKind, SpeakerId, Status, Verdict};

fn swatch(ui: &mut egui::Ui, colour: Color32, underline: bool) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(16.0, 12.0), egui::Sense::hover());
    if underline {
        let y = rect.bottom() - 2.0;
        ui.painter().line_segment(
            [egui::pos2(rect.left(), y), egui::pos2(rect.right(), y)],
            egui::Stroke::new(3.0, colour),
        );
    } else {
        ui.painter().rect_filled(rect, 2.0, colour);
    }
}

pub fn show(app: &mut FactdeskApp, ui: &mut egui::Ui) {
    let dark = ui.visuals().dark_mode;
    let colours = app.speaker_colours(dark);
    let editing = app.editing_speaker;
    let mut draft = std::mem::take(&mut app.speaker_draft);
    let mut edits: Vec<Edit> = Vec::new();
    let mut toggle = None;
    let mut filter_speaker = None;
    egui::Panel::left("sidebar")
        .resizable(true)
        .default_size(320.0)
        .min_size(220.0)
        .show(ui, |ui| {
            if app.doc.case.articles.len() > 1 {
                navigator(app, ui);
            }
            let Some(article) = app.doc.article() else {
                return;
            };
            let counts = app.legend.get(article, app.doc.history.revision());
            egui::CollapsingHeader::new("Legend")
                .default_open(true)
                .show(ui, |ui| {
                    ui.label(RichText::new("Speakers (quote tint)").strong());
                    if article.speakers.is_empty() {
                        ui.label(RichText::new("No attributed quotations").weak());
                    }
                    // Long articles can have hundreds of speakers: only the rows in view are built.
                    let row_h = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
                    egui::ScrollArea::vertical()
                        .id_salt("legend-speakers")
                        .max_height(row_h * 8.0)
                        .show_rows(ui, row_h, article.speakers.len(), |ui, range| {
                            for i in range {
                                let s = &article.speakers[i];
                                let id = SpeakerId(i as u32);
                                let (quotes, reported) =
                                    counts.speakers.get(i).copied().unwrap_or_default();
                                ui.horizontal(|ui| {
                                    let c = colours.get(i).copied().unwrap_or(Color32::GRAY);
                                    let mut rgb = [c.r(), c.g(), c.b()];
                                    if ui
                                        .color_edit_button_srgb(&mut rgb)
                                        .on_hover_text(format!("Colour of {}", s.name))
                                        .changed()
                                    {
                                        edits.push(Edit::SetSpeakerColour(
                                            article.id,
                                            id,
                                            Some(rgb),
                                        ));
                                    }
                                    let anon = if s.anonymous { " (unnamed)" } else { "" };
                                    let mut tally = counted(quotes, "quote", "quotes");
                                    if reported > 0 {
                                        tally += &format!(", {reported} reported");
                                    }
                                    let open = editing == Some(id);
                                    let r = ui
                                        .add(
                                            egui::Button::selectable(
                                                open,
                                                format!("{}{anon}: {tally}", s.name),
                                            )
                                            .truncate(),
                                        )
                                        .on_hover_text(format!(
                                            "Edit this speaker. Also called: {}",
                                            s.aliases.join(", ")
                                        ));
                                    if r.clicked() {
                                        toggle = Some(id);
                                    }
                                });
                            }
                        });
                    if let Some(id) = editing {
                        speaker_editor(
                            ui,
                            article,
                            id,
                            &mut draft,
                            &mut edits,
                            &mut filter_speaker,
                        );
                    }
                    ui.add_space(4.0);
                    ui.label(RichText::new("Unverified (underline)").strong());
                    for (c, n) in Category::ALL.into_iter().zip(counts.categories) {
                        if n > 0 {
                            ui.horizontal(|ui| {
                                swatch(ui, app.palette.category(c, dark), true);
                                ui.label(format!("{}: {n}", c.label()));
                            });
                        }
                    }
                });
            for e in edits.drain(..) {
                app.edit(e);
            }
            app.speaker_draft = draft;
            if let Some(id) = toggle {
                app.editing_speaker = if editing == Some(id) { None } else { Some(id) };
                if let Some(s) = app.doc.article().and_then(|a| a.speaker(id)) {
                    app.speaker_draft = (s.name.clone(), s.role.clone().unwrap_or_default());
                }
            }
            if let Some(name) = filter_speaker.take() {
                app.filter.speaker = Some(name);
            }
            ui.separator();
            filters(app, ui);
            let Some(article) = app.doc.article() else {
                return;
            };
            // With a search, the list spans the whole case; otherwise the current article.
            let searching = !app.filter.search.trim().is_empty();
            let many = app.doc.case.articles.len() > 1;
            let rows: Vec<(usize, usize)> = if searching {
                app.doc
                    .case
                    .articles
                    .iter()
                    .enumerate()
                    .flat_map(|(ai, a)| {
                        let filter = &app.filter;
                        a.findings
                            .iter()
                            .enumerate()
                            .filter(move |(_, f)| filter.passes(a, f))
                            .map(move |(fi, _)| (ai, fi))
                    })
                    .collect()
            } else {
                let ai = app
                    .doc
                    .case
                    .articles
                    .iter()
                    .position(|a| a.id == article.id)
                    .unwrap_or(0);
                article
                    .findings
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| app.filter.passes(article, f))
                    .map(|(fi, _)| (ai, fi))
                    .collect()
            };
            let scope = if searching {
                "matches in the case"
            } else {
                "findings"
            };
            ui.label(
                RichText::new(format!(
                    "{} of {} {scope}",
                    rows.len(),
                    article.findings.len()
                ))
                .strong(),
            );
            let mut chosen = None;
            let row_h = ui.spacing().interact_size.y;
            let mut list = egui::ScrollArea::vertical()
                .id_salt("findings")
                .auto_shrink([false, false]);
            // Rows outside the view are not laid out, so bring a newly chosen one in by offset.
            let articles = &app.doc.case.articles;
            if let Some(i) = app.view.scroll_to.and_then(|id| {
                rows.iter()
                    .position(|&(ai, fi)| articles[ai].findings[fi].id == id)
            }) {
                let pitch = row_h + ui.spacing().item_spacing.y;
                let y = i as f32 * pitch;
                let shown = ui.available_height() - pitch;
                let id = ui.make_persistent_id("findings");
                let offset = egui::scroll_area::State::load(ui.ctx(), id)
                    .map_or(0.0, |s| s.clamped_offset().y);
                if y < offset || y > offset + shown {
                    list = list.vertical_scroll_offset((y - 3.0 * pitch).max(0.0));
                }
            }
            list.show_rows(ui, row_h, rows.len(), |ui, range| {
                for &(ai, fi) in &rows[range] {
                    let (a, f) = (&articles[ai], &articles[ai].findings[fi]);
                    let mut text = describe(a, f);
                    if f.dismissed {
                        text = format!("(dismissed) {text}");
                    }
                    if crate::anchor::is_orphan(f, &a.text) {
                        let words: String = f.anchor.exact.chars().take(40).collect();
                        text = format!("(orphaned: “{words}”) {text}");
                    }
                    if let Some(v) = f.review.verdict {
                        text = format!("[{}] {text}", v.label());
                    }
                    if searching && many {
                        text = format!("{}: {text}", a.title_or_file());
                    }
                    let selected = app.doc.selected == Some(f.id);
                    if ui
                        .add(egui::Button::selectable(selected, text).truncate())
                        .clicked()
                    {
                        chosen = Some(f.id);
                    }
                }
            });
            if let Some(id) = chosen {
                app.select(Some(id), true);
            }
        });
}

fn filters(app: &mut FactdeskApp, ui: &mut egui::Ui) {
    let label = ui.label(RichText::new("Search the case (Ctrl+F)").strong());
    let r = ui
        .add(
            egui::TextEdit::singleline(&mut app.filter.search)
                .hint_text("words in findings or speakers")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if std::mem::take(&mut app.focus_search) {
        r.request_focus();
    }
    if r.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
        app.filter.search.clear();
        r.surrender_focus();
    }
    let speakers: Vec<String> = {
        let mut v: Vec<String> = app
            .doc
            .case
            .articles
            .iter()
            .flat_map(|a| a.speakers.iter().map(|s| s.name.clone()))
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let active = app.filter.is_active();
    egui::CollapsingHeader::new(if active { "Filter (on)" } else { "Filter" })
        .id_salt("filter")
        .show(ui, |ui| {
            let f = &mut app.filter;
            let any = "Any";
            combo(ui, "Kind", f.kind.map_or(any, |k| k.label()), |ui| {
                ui.selectable_value(&mut f.kind, None, any);
                for k in KindFilter::ALL {
                    ui.selectable_value(&mut f.kind, Some(k), k.label());
                }
            });
            combo(
                ui,
                "Category",
                f.category.map_or(any, |c| c.label()),
                |ui| {
                    ui.selectable_value(&mut f.category, None, any);
                    for c in Category::ALL {
                        ui.selectable_value(&mut f.category, Some(c), c.label());
                    }
                },
            );
            let speaker_text = f.speaker.clone().unwrap_or_else(|| any.into());
            combo(ui, "Speaker", &speaker_text, |ui| {
                ui.selectable_value(&mut f.speaker, None, any);
                for s in &speakers {
                    ui.selectable_value(&mut f.speaker, Some(s.clone()), s);
                }
            });
            combo(ui, "Status", f.status.map_or(any, |s| s.label()), |ui| {
                ui.selectable_value(&mut f.status, None, any);
                for s in Status::ALL {
                    ui.selectable_value(&mut f.status, Some(s), s.label());
                }
            });
            let verdict_text = match f.verdict {
                None => any,
                Some(VerdictFilter::Missing) => "No verdict yet",
                Some(VerdictFilter::Is(v)) => v.label(),
            };
            combo(ui, "Verdict", verdict_text, |ui| {
                ui.selectable_value(&mut f.verdict, None, any);
                ui.selectable_value(
                    &mut f.verdict,
                    Some(VerdictFilter::Missing),
                    "No verdict yet",
                );
                for v in Verdict::ALL {
                    ui.selectable_value(&mut f.verdict, Some(VerdictFilter::Is(v)), v.label());
                }
            });
            ui.checkbox(&mut f.strong_only, "Strong signals only");
            ui.checkbox(&mut f.show_dismissed, "Show dismissed findings");
            if active && ui.button("Clear filter").clicked() {
                *f = Filter {
                    show_dismissed: f.show_dismissed,
                    ..Filter::default()
                };
            }
        });
}

fn combo(ui: &mut egui::Ui, label: &str, selected: &str, add: impl FnOnce(&mut egui::Ui)) {
    ui.horizontal(|ui| {
        let l = ui.label(label);
        egui::ComboBox::from_id_salt(("filter", label))
            .selected_text(selected)
            .show_ui(ui, add)
            .response
            .labelled_by(l.id);
    });
}

/// Rename, role, unnamed, merge: changes to one speaker, queued as edits.
fn speaker_editor(
    ui: &mut egui::Ui,
    article: &Article,
    id: SpeakerId,
    (name, role): &mut (String, String),
    edits: &mut Vec<Edit>,
    filter: &mut Option<String>,
) {
    let Some(s) = article.speaker(id) else { return };
    egui::Frame::group(ui.style()).show(ui, |ui| {
        let label = ui.label("Speaker name");
        let r = ui
            .add(egui::TextEdit::singleline(name).desired_width(f32::INFINITY))
            .labelled_by(label.id);
        if r.lost_focus() && name.trim() != s.name && !name.trim().is_empty() {
            edits.push(Edit::RenameSpeaker(article.id, id, name.clone()));
        }
        let label = ui.label("Role");
        let r = ui
            .add(
                egui::TextEdit::singleline(role)
                    .hint_text("e.g. former ministry official")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if r.lost_focus() && Some(role.trim()) != s.role.as_deref() {
            let role = role.trim();
            edits.push(Edit::SetSpeakerRole(
                article.id,
                id,
                (!role.is_empty()).then(|| role.to_owned()),
            ));
        }
        let mut anonymous = s.anonymous;
        if ui.checkbox(&mut anonymous, "Unnamed source").changed() {
            edits.push(Edit::SetSpeakerAnonymous(article.id, id, anonymous));
        }
        ui.horizontal(|ui| {
            let others: Vec<(SpeakerId, &str)> = article
                .speakers
                .iter()
                .enumerate()
                .filter(|(i, _)| *i as u32 != id.0)
                .map(|(i, o)| (SpeakerId(i as u32), o.name.as_str()))
                .collect();
            ui.menu_button("Merge into…", |ui| {
                for (other, name) in others {
                    if ui.button(name).clicked() {
                        edits.push(Edit::MergeSpeakers(article.id, id, other));
                        ui.close();
                    }
                }
            });
            if ui.button("Show their findings").clicked() {
                *filter = Some(s.name.clone());
            }
        });
    });
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ArticleOrder {
    #[default]
    Imported,
    Title,
    MostUnverified,
    LeastReviewed,
}

impl ArticleOrder {
    const ALL: [ArticleOrder; 4] = [
        ArticleOrder::Imported,
        ArticleOrder::Title,
        ArticleOrder::MostUnverified,
        ArticleOrder::LeastReviewed,
    ];
    fn label(self) -> &'static str {
        match self {
            ArticleOrder::Imported => "Order of import",
            ArticleOrder::Title => "Title",
            ArticleOrder::MostUnverified => "Most unverified first",
            ArticleOrder::LeastReviewed => "Least reviewed first",
        }
    }
}

/// Per-article counts for the navigator.
#[derive(Clone, Copy, Debug, Default)]
pub struct ArticleCounts {
    pub quotes: usize,
    pub speakers: usize,
    pub unverified: usize,
    /// Share of (not dismissed) findings with status Done or a verdict.
    pub reviewed: f32,
}

pub fn counts(a: &Article) -> ArticleCounts {
    let live: Vec<_> = a.findings.iter().filter(|f| !f.dismissed).collect();
    let quotes = live.iter().filter(|f| f.is_quote()).count();
    let unverified = live
        .iter()
        .filter(|f| matches!(f.kind, FindingKind::Assertion(_)))
        .count();
    let done = live
        .iter()
        .filter(|f| f.review.status == Status::Done || f.review.verdict.is_some())
        .count();
    // One pass over the quotes, not one per speaker: a long article has thousands of each.
    let mut quoted = vec![false; a.speakers.len()];
    for f in &a.findings {
        if let FindingKind::Quote(q) = &f.kind
            && let Some(slot) = q.speaker.and_then(|s| quoted.get_mut(s.0 as usize))
        {
            *slot = true;
        }
    }
    let speakers = quoted.iter().filter(|&&q| q).count();
    ArticleCounts {
        quotes,
        speakers,
        unverified,
        reviewed: if live.is_empty() {
            1.0
        } else {
            done as f32 / live.len() as f32
        },
    }
}

fn navigator(app: &mut FactdeskApp, ui: &mut egui::Ui) {
    // Counted once per case revision: a case of hundreds of articles must not recount each frame.
    let rev = app.doc.history.revision();
    if app.article_counts.0 != rev || app.article_counts.1.len() != app.doc.case.articles.len() {
        app.article_counts = (rev, app.doc.case.articles.iter().map(counts).collect());
    }
    let all_counts = app.article_counts.1.clone();
    egui::CollapsingHeader::new(format!("Articles ({})", app.doc.case.articles.len()))
        .id_salt("articles")
        .default_open(true)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                let l = ui.label("Sort");
                egui::ComboBox::from_id_salt("article-order")
                    .selected_text(app.article_order.label())
                    .show_ui(ui, |ui| {
                        for o in ArticleOrder::ALL {
                            ui.selectable_value(&mut app.article_order, o, o.label());
                        }
                    })
                    .response
                    .labelled_by(l.id);
            });
            let l = ui.label("Filter articles");
            ui.add(
                egui::TextEdit::singleline(&mut app.article_filter).desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
            let needle = app.article_filter.trim().to_lowercase();
            let mut rows: Vec<(usize, ArticleCounts)> = app
                .doc
                .case
                .articles
                .iter()
                .enumerate()
                .filter(|(_, a)| {
                    needle.is_empty()
                        || a.title_or_file().to_lowercase().contains(&needle)
                        || a.source.file_name.to_lowercase().contains(&needle)
                })
                .map(|(i, _)| (i, all_counts[i]))
                .collect();
            let articles = &app.doc.case.articles;
            match app.article_order {
                ArticleOrder::Imported => {}
                ArticleOrder::Title => {
                    rows.sort_by_key(|(i, _)| articles[*i].title_or_file().to_lowercase())
                }
                ArticleOrder::MostUnverified => {
                    rows.sort_by_key(|(_, c)| std::cmp::Reverse(c.unverified))
                }
                ArticleOrder::LeastReviewed => {
                    rows.sort_by(|a, b| a.1.reviewed.total_cmp(&b.1.reviewed))
                }
            }
            let mut open = None;
            egui::ScrollArea::vertical()
                .id_salt("article-list")
                .max_height(180.0)
                .show(ui, |ui| {
                    for (i, c) in &rows {
                        let a = &articles[*i];
                        let label = format!(
                            "{} — {} quotes · {} speakers · {} unverified · {:.0}% reviewed",
                            a.title_or_file(),
                            c.quotes,
                            c.speakers,
                            c.unverified,
                            c.reviewed * 100.0
                        );
                        if ui
                            .add(
                                egui::Button::selectable(app.doc.current == Some(a.id), label)
                                    .truncate(),
                            )
                            .clicked()
                        {
                            open = Some(a.id);
                        }
                    }
                });
            if let Some(id) = open {
                app.show_article(id);
            }
        });
}

/// Counts the legend shows, computed once per article and case revision (not every frame).
#[derive(Default)]
pub struct LegendCounts {
    key: Option<(crate::model::ArticleId, u64)>,
    counts: std::sync::Arc<Counts>,
}

#[derive(Default)]
pub struct Counts {
    /// Quotations and reported speech per speaker.
    speakers: Vec<(usize, usize)>,
    categories: [usize; 8],
}

impl Counts {
    /// Quotations of speaker number `i`.
    pub(super) fn quotes(&self, i: usize) -> usize {
        self.speakers.get(i).map_or(0, |c| c.0)
    }
}

impl LegendCounts {
    pub(super) fn get(&mut self, article: &Article, revision: u64) -> std::sync::Arc<Counts> {
        if self.key != Some((article.id, revision)) {
            let mut c = Counts {
                speakers: vec![(0, 0); article.speakers.len()],
                categories: [0; 8],
            };
            for f in article.findings.iter().filter(|f| !f.dismissed) {
                match &f.kind {
                    FindingKind::Quote(q) | FindingKind::ReportedSpeech(q) => {
                        if let Some(slot) = q.speaker.and_then(|s| c.speakers.get_mut(s.0 as usize))
                        {
                            if f.is_quote() {
                                slot.0 += 1
                            } else {
                                slot.1 += 1
                            }
                        }
                    }
                    FindingKind::Assertion(a) => {
                        for cat in &a.categories {
                            c.categories
                                [Category::ALL.iter().position(|x| x == cat).unwrap_or(0)] += 1;
                        }
                    }
                }
            }
            self.counts = std::sync::Arc::new(c);
            self.key = Some((article.id, revision));
        }
        self.counts.clone()
    }
}
