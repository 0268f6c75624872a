//! What an empty case shows: the ways in.

use eframe::egui::{self, RichText};

use super::{Command, FactdeskApp};

pub fn show(app: &mut FactdeskApp, ui: &mut egui::Ui) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(ui.available_height() * 0.12);
            ui.label(RichText::new("Factdesk").size(34.0).strong());
            ui.label("Quotations by speaker, unverified assertions, verdicts.");
            ui.add_space(24.0);
            let big = |label: &str| {
                egui::Button::new(RichText::new(label).size(17.0)).min_size(egui::vec2(260.0, 36.0))
            };
            for cmd in [
                Command::OpenSample,
                Command::OpenCase,
                Command::ImportArticles,
            ] {
                if ui
                    .add_enabled(app.enabled(cmd), big(&cmd.label()))
                    .clicked()
                {
                    app.run_command(ui.ctx(), cmd);
                }
                ui.add_space(6.0);
            }
            ui.add_space(10.0);
            ui.label(
                RichText::new("…or drop articles or folders anywhere on this window: text, Markdown, web pages (.html, .mhtml), .docx, .odt, .pdf.")
                    .weak(),
            );
            if !app.prefs.recent.is_empty() {
                ui.add_space(24.0);
                ui.label(RichText::new("Recent cases").strong());
                let mut open = None;
                for p in &app.prefs.recent {
                    let name = p.file_name().map_or_else(
                        || p.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    if ui
                        .link(name)
                        .on_hover_text(p.display().to_string())
                        .clicked()
                    {
                        open = Some(p.clone());
                    }
                }
                if let Some(p) = open {
                    app.open_paths(ui.ctx(), vec![p]);
                }
            }
        });
    });
}
