//! The right panel: the selected finding and the reviewer's status, verdict and note.

use eframe::egui::{self, RichText};

use super::{Command, FactdeskApp};
use crate::edit::ReviewChange;
use crate::model::{FindingKind, Status, Verdict};

pub fn show(app: &mut FactdeskApp, ui: &mut egui::Ui) {
    egui::Panel::right("inspector")
        .resizable(true)
        .default_size(300.0)
        .min_size(240.0)
        .show(ui, |ui| {
            let Some((article, finding)) = app.doc.selected.and_then(|id| app.doc.case.finding(id))
            else {
                ui.add_space(8.0);
                ui.label(RichText::new("Select a highlight or a finding to review it.").weak());
                ui.add_space(8.0);
                ui.label(RichText::new("J / K: next / previous finding").weak());
                return;
            };
            let (article, finding) = (article.clone(), finding.clone());
            let id = finding.id;
            egui::ScrollArea::vertical()
                .id_salt("inspector")
                .show(ui, |ui| {
                    let (kind, who) = match &finding.kind {
                        FindingKind::Quote(q) => {
                            (format!("Quotation ({})", q.kind.as_str()), q.speaker)
                        }
                        FindingKind::ReportedSpeech(q) => ("Reported speech".to_owned(), q.speaker),
                        FindingKind::Assertion(_) => ("Unverified assertion".to_owned(), None),
                    };
                    ui.heading(kind);
                    match &finding.kind {
                        FindingKind::Quote(q) | FindingKind::ReportedSpeech(q) => {
                            let speaker = who.and_then(|s| article.speaker(s));
                            let name =
                                speaker.map_or("Unknown speaker".to_owned(), |s| s.name.clone());
                            ui.label(format!(
                                "Speaker: {name}{}",
                                if speaker.is_some_and(|s| s.anonymous) {
                                    " (unnamed)"
                                } else {
                                    ""
                                }
                            ));
                            if let Some(m) = q.mention {
                                ui.label(format!("Named as: “{}”", m.text(&article.text)));
                            }
                            if let Some(c) = q.cue {
                                ui.label(format!("Cue: “{}”", c.text(&article.text)));
                            }
                        }
                        FindingKind::Assertion(a) => {
                            let cats: Vec<&str> = a.categories.iter().map(|c| c.label()).collect();
                            ui.label(format!("Categories: {}", cats.join(", ")));
                            for c in &a.cues {
                                ui.label(format!(
                                    "Cue: “{}” ({})",
                                    c.span.text(&article.text),
                                    c.category.label()
                                ));
                            }
                            ui.label(format!(
                                "Strength: {:.0}%{}",
                                a.strength * 100.0,
                                if a.in_quote {
                                    " · inside a quotation"
                                } else {
                                    ""
                                }
                            ));
                        }
                    }
                    ui.add_space(4.0);
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.label(RichText::new(finding.span.text(&article.text)).italics());
                    });
                    ui.separator();

                    ui.label(RichText::new("Status").strong());
                    let mut status = finding.review.status;
                    for s in Status::ALL {
                        ui.radio_value(&mut status, s, s.label());
                    }
                    if status != finding.review.status {
                        app.review(id, ReviewChange::Status(status));
                    }

                    ui.add_space(4.0);
                    ui.label(RichText::new("Verdict").strong());
                    let mut verdict = finding.review.verdict;
                    ui.radio_value(&mut verdict, None, "No verdict");
                    for v in Verdict::ALL
                        .into_iter()
                        .filter(|v| v.applies_to(&finding.kind))
                    {
                        let key = Command::SetVerdict(Some(v))
                            .shortcut()
                            .map(|s| ui.ctx().format_shortcut(&s))
                            .unwrap_or_default();
                        ui.radio_value(&mut verdict, Some(v), v.label())
                            .on_hover_text(format!("Key: {key}"));
                    }
                    if verdict != finding.review.verdict {
                        app.review(id, ReviewChange::Verdict(verdict));
                    }

                    ui.add_space(4.0);
                    let label = ui.label(RichText::new("Note").strong());
                    let mut note = finding.review.note.clone();
                    let r = ui
                        .add(
                            egui::TextEdit::multiline(&mut note)
                                .desired_rows(4)
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(label.id);
                    if std::mem::take(&mut app.focus_note) {
                        r.request_focus();
                    }
                    if note != finding.review.note {
                        app.review(id, ReviewChange::Note(note));
                    }
                    if r.lost_focus() {
                        app.doc.history.seal();
                    }
                });
        });
}
