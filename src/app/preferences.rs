//! Preferences: reviewer name, text size, contrast (kept by eframe between runs).

use eframe::egui::{self, RichText};

use super::FactdeskApp;

pub const TEXT_SIZES: std::ops::RangeInclusive<f32> = 11.0..=30.0;

pub fn show(app: &mut FactdeskApp, ctx: &egui::Context) {
    if !app.preferences_open {
        return;
    }
    let mut open = true;
    egui::Window::new("Preferences")
        .open(&mut open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            let label = ui.label(RichText::new("Reviewer name").strong());
            let hint = app.prefs.reviewer_name();
            ui.add(egui::TextEdit::singleline(&mut app.prefs.reviewer).hint_text(hint))
                .labelled_by(label.id)
                .on_hover_text("Recorded with the time on every review change");
            ui.add_space(6.0);
            let mut size = app.prefs.text_size.unwrap_or(16.0);
            ui.add(egui::Slider::new(&mut size, TEXT_SIZES).text("Article text size"));
            if app.prefs.text_size != Some(size) {
                app.prefs.text_size = Some(size);
            }
            ui.checkbox(&mut app.prefs.high_contrast, "High contrast");
            let mut secs = app.prefs.autosave_seconds.unwrap_or(30);
            ui.add(
                egui::Slider::new(&mut secs, 5..=600)
                    .suffix(" s")
                    .text("Autosave unsaved work every"),
            )
            .on_hover_text(
                "Unsaved changes are written to the recovery folder, never over your case file",
            );
            if app.prefs.autosave_seconds.unwrap_or(30) != secs {
                app.prefs.autosave_seconds = Some(secs);
                app.set_autosave_interval(std::time::Duration::from_secs(secs));
            }
            ui.label(
                RichText::new("Zoom the whole window with Ctrl + and Ctrl −, reset with Ctrl 0.")
                    .weak(),
            );
        });
    app.preferences_open = open;
}
