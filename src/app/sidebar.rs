//! The left panel: the case's articles, the legend, and every finding as a clickable list
//! (painted text has no accessibility node; this list is how screen readers reach findings).

use eframe::egui::{self, Color32, RichText};

use super::FactdeskApp;
use super::article_view::describe;
use crate::model::{Category, FindingKind};

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
    let slots = app.speaker_slots();
    let dark = ui.visuals().dark_mode;
    egui::Panel::left("sidebar").resizable(true).default_size(320.0).min_size(220.0).show(ui, |ui| {
        if app.doc.case.articles.len() > 1 {
            egui::CollapsingHeader::new("Articles").default_open(true).show(ui, |ui| {
                let mut open = None;
                egui::ScrollArea::vertical().id_salt("articles").max_height(160.0).show(ui, |ui| {
                    for a in &app.doc.case.articles {
                        let quotes = a.findings.iter().filter(|f| f.is_quote()).count();
                        let flagged = a.findings.len() - quotes;
                        let label = format!("{} ({quotes} quotes, {flagged} other)", a.title_or_file());
                        if ui.selectable_label(app.doc.current == Some(a.id), label).clicked() {
                            open = Some(a.id);
                        }
                    }
                });
                if let Some(id) = open {
                    app.show_article(id);
                }
            });
        }
        let Some(article) = app.doc.article() else { return };
        egui::CollapsingHeader::new("Legend").default_open(true).show(ui, |ui| {
            ui.label(RichText::new("Speakers (quote tint)").strong());
            if article.speakers.is_empty() {
                ui.label(RichText::new("No attributed quotations").weak());
            }
            for (i, s) in article.speakers.iter().enumerate() {
                let id = crate::model::SpeakerId(i as u32);
                let quotes = article.quote_count(id);
                let reported = article.findings.iter().filter(|f| f.speaker() == Some(id)).count() - quotes;
                ui.horizontal(|ui| {
                    swatch(ui, app.palette.speaker(slots.get(i).copied().unwrap_or(0), dark), false);
                    let anon = if s.anonymous { " (unnamed)" } else { "" };
                    let mut counts = format!("{quotes} quote{}", if quotes == 1 { "" } else { "s" });
                    if reported > 0 {
                        counts += &format!(", {reported} reported");
                    }
                    ui.add(egui::Label::new(format!("{}{anon}: {counts}", s.name)).truncate())
                        .on_hover_text(s.aliases.join(", "));
                });
            }
            ui.add_space(4.0);
            ui.label(RichText::new("Unverified (underline)").strong());
            for c in Category::ALL {
                let n = article
                    .findings
                    .iter()
                    .filter(|f| matches!(&f.kind, FindingKind::Assertion(a) if a.categories.contains(&c)))
                    .count();
                if n > 0 {
                    ui.horizontal(|ui| {
                        swatch(ui, app.palette.category(c, dark), true);
                        ui.label(format!("{}: {n}", c.label()));
                    });
                }
            }
        });
        ui.separator();
        ui.label(RichText::new(format!("Findings ({})", article.findings.len())).strong());
        let mut chosen = None;
        let row_h = ui.spacing().interact_size.y;
        let mut list = egui::ScrollArea::vertical().id_salt("findings").auto_shrink([false, false]);
        // Rows outside the view are not laid out, so bring a newly chosen one in by offset.
        if let Some(i) = app.view.scroll_to.and_then(|id| article.findings.iter().position(|f| f.id == id)) {
            let pitch = row_h + ui.spacing().item_spacing.y;
            let y = i as f32 * pitch;
            let shown = ui.available_height() - pitch;
            let id = ui.make_persistent_id("findings");
            let offset = egui::scroll_area::State::load(ui.ctx(), id).map_or(0.0, |s| s.clamped_offset().y);
            if y < offset || y > offset + shown {
                list = list.vertical_scroll_offset((y - 3.0 * pitch).max(0.0));
            }
        }
        list.show_rows(
            ui,
            row_h,
            article.findings.len(),
            |ui, range| {
                for f in &article.findings[range] {
                    let mut text = describe(article, f);
                    if let Some(v) = f.review.verdict {
                        text = format!("[{}] {text}", v.label());
                    }
                    let selected = app.doc.selected == Some(f.id);
                    let r = ui.add(egui::Button::selectable(selected, text).truncate());
                    if r.clicked() {
                        chosen = Some(f.id);
                    }
                }
            },
        );
        if let Some(id) = chosen {
            app.select(Some(id), true);
        }
    });
}
