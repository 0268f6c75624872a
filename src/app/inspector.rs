//! The right panel: the selected finding and the reviewer's status, verdict and note.

use eframe::egui::{self, RichText};

use super::{Command, FactdeskApp};
use crate::edit::{Edit, ReviewChange};
use crate::model::{EvidenceKind, Finding, FindingKind, Span, Stance, Status, Verdict};

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
            // Only what this panel shows is copied: cloning the article would copy every finding each frame.
            let text = article.text.clone();
            let speaker = finding.speaker().and_then(|s| article.speaker(s)).cloned();
            let mut pending: Vec<Edit> = Vec::new();
            let finding = finding.clone();
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
                            let speaker = who.and(speaker.as_ref());
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
                            egui::CollapsingHeader::new("Change speaker").id_salt("change-speaker").show(ui, |ui| {
                                // Only while open: an article can have hundreds of speakers.
                                let speakers: Vec<String> = app.doc.case.finding(id).map_or(Vec::new(), |(a, _)| {
                                    a.speakers.iter().map(|s| s.name.clone()).collect()
                                });
                                for (i, s) in speakers.iter().enumerate() {
                                    let sid = crate::model::SpeakerId(i as u32);
                                    if ui.selectable_label(who == Some(sid), s.as_str()).clicked() {
                                        pending.push(Edit::AssignSpeaker(id, Some(sid)));
                                    }
                                }
                                if ui.selectable_label(who.is_none(), "Unknown speaker").clicked() {
                                    pending.push(Edit::AssignSpeaker(id, None));
                                }
                                ui.separator();
                                let label = ui.label("New speaker");
                                let r = ui.add(egui::TextEdit::singleline(&mut app.new_speaker_name)).labelled_by(label.id);
                                let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                                if (ui.button("Give this quotation to the new speaker").clicked() || enter)
                                    && !app.new_speaker_name.trim().is_empty()
                                {
                                    pending.push(Edit::NewSpeaker(id, std::mem::take(&mut app.new_speaker_name)));
                                }
                            });
                            if let Some(m) = q.mention {
                                ui.label(format!("Named as: “{}”", m.text(&text)));
                            }
                            if let Some(c) = q.cue {
                                ui.label(format!("Cue: “{}”", c.text(&text)));
                            }
                        }
                        FindingKind::Assertion(a) => {
                            let cats: Vec<&str> = a.categories.iter().map(|c| c.label()).collect();
                            ui.label(format!("Categories: {}", cats.join(", ")));
                            for c in &a.cues {
                                ui.label(format!(
                                    "Cue: “{}” ({})",
                                    c.span.text(&text),
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
                        ui.label(RichText::new(finding.span.text(&text)).italics());
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

                    relabel(ui, &finding, &text, &mut pending);

                    ui.separator();
                    evidence(app, ui, &finding);

                    ui.separator();
                    let dismiss = if finding.dismissed { "Restore finding" } else { "Dismiss finding" };
                    if ui
                        .button(dismiss)
                        .on_hover_text("A dismissed finding is hidden and stays dismissed when the article is analysed again (X)")
                        .clicked()
                    {
                        app.run_command(ui.ctx(), Command::ToggleDismissed);
                    }
                    history(ui, &finding);
                });
            for e in pending {
                app.edit(e);
            }
        });
}

fn evidence(app: &mut FactdeskApp, ui: &mut egui::Ui, finding: &Finding) {
    ui.label(RichText::new(format!("Evidence ({})", finding.evidence.len())).strong());
    let id = finding.id;
    for (i, e) in finding.evidence.iter().enumerate() {
        let mut edited = e.clone();
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                egui::ComboBox::from_id_salt(("evidence-kind", i))
                    .selected_text(kind_label(edited.kind))
                    .show_ui(ui, |ui| {
                        for k in [EvidenceKind::Url, EvidenceKind::File, EvidenceKind::Excerpt] {
                            ui.selectable_value(&mut edited.kind, k, kind_label(k));
                        }
                    })
                    .response
                    .on_hover_text("Kind of evidence");
                egui::ComboBox::from_id_salt(("evidence-stance", i))
                    .selected_text(stance_label(edited.stance))
                    .show_ui(ui, |ui| {
                        for s in [Stance::Supports, Stance::Contradicts, Stance::Context] {
                            ui.selectable_value(&mut edited.stance, s, stance_label(s));
                        }
                    })
                    .response
                    .on_hover_text("What this evidence does to the finding");
            });
            let label = ui.label(format!("Evidence {} {}", i + 1, kind_label(edited.kind)));
            let field = if edited.kind == EvidenceKind::Excerpt {
                egui::TextEdit::multiline(&mut edited.value).desired_rows(2)
            } else {
                egui::TextEdit::singleline(&mut edited.value)
            };
            let r = ui
                .add(
                    field
                        .id_salt(("evidence-value", id.0, i))
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if i + 1 == finding.evidence.len() && std::mem::take(&mut app.focus_evidence) {
                r.request_focus();
                r.scroll_to_me(None);
            }
            if r.lost_focus() {
                app.doc.history.seal();
            }
            ui.horizontal(|ui| {
                ui.checkbox(&mut edited.primary, "Primary source");
                if edited.kind == EvidenceKind::Url
                    && !edited.value.trim().is_empty()
                    && ui
                        .button("Open")
                        .on_hover_text("Open in the browser")
                        .clicked()
                {
                    ui.ctx()
                        .open_url(egui::OpenUrl::new_tab(edited.value.trim()));
                }
                if ui
                    .button("Remove")
                    .on_hover_text("Remove this evidence")
                    .clicked()
                {
                    app.edit(Edit::RemoveEvidence(id, i));
                }
            });
        });
        if edited != *e {
            app.edit(Edit::UpdateEvidence(id, i, edited));
        }
    }
    if ui.button("Add evidence").on_hover_text("V").clicked() {
        app.run_command(ui.ctx(), Command::AddEvidence);
    }
}

fn history(ui: &mut egui::Ui, finding: &Finding) {
    if finding.review.history.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!("Review history ({})", finding.review.history.len()))
        .id_salt("review-history")
        .show(ui, |ui| {
            for h in finding.review.history.iter().rev() {
                let verdict = h.verdict.map_or("no verdict", |v| v.label());
                ui.label(format!(
                    "{} · {}: {}, {}",
                    h.at.replace('T', " ").trim_end_matches('Z'),
                    h.reviewer,
                    h.status.label(),
                    verdict
                ));
                if !h.note.is_empty() {
                    ui.label(RichText::new(&h.note).weak());
                }
            }
        });
}

fn kind_label(k: EvidenceKind) -> &'static str {
    match k {
        EvidenceKind::Url => "Link",
        EvidenceKind::File => "File",
        EvidenceKind::Excerpt => "Excerpt",
    }
}

fn stance_label(s: Stance) -> &'static str {
    match s {
        Stance::Supports => "Supports",
        Stance::Contradicts => "Contradicts",
        Stance::Context => "Context",
    }
}

/// Change a finding's kind, categories or bounds without selecting it again.
fn relabel(ui: &mut egui::Ui, finding: &Finding, text: &str, pending: &mut Vec<Edit>) {
    egui::CollapsingHeader::new("Relabel or adjust")
        .id_salt("relabel")
        .show(ui, |ui| {
            let id = finding.id;
            let attributed = match &finding.kind {
                FindingKind::Quote(q) | FindingKind::ReportedSpeech(q) => q.clone(),
                FindingKind::Assertion(_) => crate::model::Attributed {
                    kind: crate::model::QuoteKind::Direct,
                    speaker: None,
                    mention: None,
                    cue: None,
                },
            };
            ui.horizontal_wrapped(|ui| {
                if !matches!(finding.kind, FindingKind::Quote(_))
                    && ui.button("Make it a quotation").clicked()
                {
                    pending.push(Edit::Relabel(id, FindingKind::Quote(attributed.clone())));
                }
                if !matches!(finding.kind, FindingKind::ReportedSpeech(_))
                    && ui.button("Make it reported speech").clicked()
                {
                    pending.push(Edit::Relabel(
                        id,
                        FindingKind::ReportedSpeech(attributed.clone()),
                    ));
                }
            });
            let current = match &finding.kind {
                FindingKind::Assertion(a) => a.clone(),
                _ => crate::model::Assertion {
                    categories: vec![],
                    cues: vec![],
                    strength: 1.0,
                    in_quote: false,
                },
            };
            ui.label("Unverified categories");
            for c in crate::model::Category::ALL {
                let mut on = current.categories.contains(&c);
                if ui.checkbox(&mut on, c.label()).changed() {
                    let mut a = current.clone();
                    if on {
                        a.categories.push(c);
                    } else {
                        a.categories.retain(|x| *x != c);
                    }
                    if !a.categories.is_empty() {
                        pending.push(Edit::Relabel(id, FindingKind::Assertion(a)));
                    }
                }
            }
            ui.label("Bounds, a word at a time");
            let s = finding.span;
            ui.horizontal_wrapped(|ui| {
                let moves = [
                    (
                        "Start earlier",
                        Span::new(word_before(text, s.start), s.end),
                    ),
                    (
                        "Start later",
                        Span::new(next_word_start(text, s.start).min(s.end), s.end),
                    ),
                    (
                        "End earlier",
                        Span::new(s.start, previous_word_end(text, s.end).max(s.start)),
                    ),
                    ("End later", Span::new(s.start, word_after(text, s.end))),
                ];
                for (label, span) in moves {
                    if ui
                        .add_enabled(span != s && !span.is_empty(), egui::Button::new(label))
                        .clicked()
                    {
                        pending.push(Edit::SetSpan(id, span));
                    }
                }
            });
        });
}

/// The start of the word before `pos` (skipping the white space and punctuation in between).
fn word_before(text: &str, pos: usize) -> usize {
    let head = &text[..pos];
    let trimmed = head.trim_end_matches(|c: char| !c.is_alphanumeric());
    let word = trimmed.trim_end_matches(|c: char| c.is_alphanumeric() || c == '\'' || c == '’');
    word.len()
}

/// The end of the word after `pos`.
fn word_after(text: &str, pos: usize) -> usize {
    let tail = &text[pos..];
    let lead = tail.len()
        - tail
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .len();
    let rest = &tail[lead..];
    let word = rest.len()
        - rest
            .trim_start_matches(|c: char| c.is_alphanumeric() || c == '\'' || c == '’')
            .len();
    pos + lead + word
}

/// Where the word after the one at `pos` starts.
fn next_word_start(text: &str, pos: usize) -> usize {
    let end = word_after(text, pos);
    let rest = &text[end..];
    end + rest.len()
        - rest
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .len()
}

/// Where the word before the one ending at `pos` ends.
fn previous_word_end(text: &str, pos: usize) -> usize {
    text[..word_before(text, pos)]
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_steps() {
        let t = "He said, “the defection was real.”";
        let was = t.find("was").unwrap();
        assert_eq!(&t[word_before(t, was)..was], "defection ");
        assert_eq!(&t[was..word_after(t, was)], "was");
        assert_eq!(word_after(t, t.len()), t.len());
        assert_eq!(word_before(t, 0), 0);
        let the = t.find("the").unwrap();
        assert_eq!(next_word_start(t, the), t.find("defection").unwrap());
        assert_eq!(
            &t[the..previous_word_end(t, t.find(" real").unwrap())],
            "the defection"
        );
    }
}
