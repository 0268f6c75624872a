//! Preferences: reviewer name, text size, contrast, autosave, house cue list (kept by eframe
//! between runs).

use eframe::egui::{self, RichText};

use super::{Command, FactdeskApp};
use crate::counted::counted;
use crate::cue_list;

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
            ui.separator();
            house_cues(app, ui);
        });
    app.preferences_open = open;
}

/// The house cue list: which file, what it adds, choose, reload or drop it; and the offer to
/// analyse the open case again when its findings came from other cues.
fn house_cues(app: &mut FactdeskApp, ui: &mut egui::Ui) {
    ui.label(RichText::new("House cue list").strong())
        .on_hover_text("Your outlet's own cue words (tab-separated, like assets/lexicons/cues.tsv), added to the built-in cues when articles are analysed");
    ui.set_max_width(460.0);
    match app.cue_list() {
        Some(list) => {
            ui.label(format!("In use: {}", list.file_name()))
                .on_hover_text(list.path.display().to_string());
            ui.label(format!("Adds {}.", list.summary()));
        }
        None => match app.prefs.house_cues.clone() {
            // Chosen earlier, but it could not be read at start (moved, changed).
            Some(path) => {
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                ui.label(format!(
                    "Chosen: {name}, not in use: the built-in cues only."
                ))
                .on_hover_text(path.display().to_string());
            }
            None => {
                ui.label("None: the built-in cues only.");
            }
        },
    }
    if let Some(problem) = app.cue_list_problem() {
        let still = match app.cue_list() {
            Some(l) => format!("still using {}", l.file_name()),
            None => "using the built-in cues".to_owned(),
        };
        ui.label(
            RichText::new(format!("Not used: {problem} ({still})."))
                .color(ui.visuals().error_fg_color),
        );
    }
    let mut run = None;
    ui.horizontal_wrapped(|ui| {
        for cmd in [
            Command::ChooseHouseCues,
            Command::ReloadHouseCues,
            Command::UseBuiltinCues,
        ] {
            if ui
                .add_enabled(app.enabled(cmd), egui::Button::new(cmd.label()))
                .clicked()
            {
                run = Some(cmd);
            }
        }
    });
    if app.case_lexicons_differ() {
        let n = app.doc.case.articles.len();
        ui.label(
            RichText::new(format!(
                "The open case's findings were made with {}; new analyses use {}.",
                cue_list::describe(&app.doc.case.lexicon_version),
                cue_list::describe(&app.lexicons().version)
            ))
            .color(ui.visuals().warn_fg_color),
        );
        let label = format!(
            "Analyse the case's {} again",
            counted(n, "article", "articles")
        );
        if ui
            .button(label)
            .on_hover_text("Reviewed, hand-made and dismissed findings are kept; Undo reverts it")
            .clicked()
        {
            run = Some(Command::ReanalyseAll);
        }
    }
    if let Some(cmd) = run {
        app.run_command(ui.ctx(), cmd);
    }
}
