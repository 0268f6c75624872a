//! The menu bar, generated from `Command`s.

use eframe::egui;

use super::{Command, FactdeskApp};
use crate::model::{Status, Verdict};

fn item(app: &mut FactdeskApp, ui: &mut egui::Ui, cmd: Command) {
    let mut button = egui::Button::new(cmd.label());
    if let Some(sc) = cmd.shortcut() {
        button = button.shortcut_text(ui.ctx().format_shortcut(&sc));
    }
    if ui.add_enabled(app.enabled(cmd), button).clicked() {
        app.run_command(ui.ctx(), cmd);
        ui.close();
    }
}

pub fn show(app: &mut FactdeskApp, ui: &mut egui::Ui) {
    egui::Panel::top("menu").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for cmd in [
                    Command::NewCase,
                    Command::OpenCase,
                    Command::ImportArticles,
                    Command::OpenSample,
                ] {
                    item(app, ui, cmd);
                }
                ui.separator();
                item(app, ui, Command::Save);
                item(app, ui, Command::SaveAs);
                ui.separator();
                item(app, ui, Command::Quit);
            });
            ui.menu_button("Edit", |ui| {
                item(app, ui, Command::Undo);
                item(app, ui, Command::Redo);
                ui.separator();
                item(app, ui, Command::Find);
            });
            ui.menu_button("Review", |ui| {
                for cmd in [
                    Command::NextFinding,
                    Command::PreviousFinding,
                    Command::Deselect,
                    Command::EditNote,
                    Command::ToggleDismissed,
                    Command::AddEvidence,
                    Command::Reanalyse,
                    Command::ReanalyseAll,
                ] {
                    item(app, ui, cmd);
                }
                ui.separator();
                for cmd in [
                    Command::ChooseHouseCues,
                    Command::ReloadHouseCues,
                    Command::UseBuiltinCues,
                ] {
                    item(app, ui, cmd);
                }
                ui.separator();
                for s in Status::ALL {
                    item(app, ui, Command::SetStatus(s));
                }
                ui.separator();
                for v in Verdict::ALL {
                    item(app, ui, Command::SetVerdict(Some(v)));
                }
                item(app, ui, Command::SetVerdict(None));
            });
            ui.menu_button("View", |ui| {
                item(app, ui, Command::CommandPalette);
                item(app, ui, Command::Preferences);
                ui.separator();
                item(app, ui, Command::NextArticle);
                item(app, ui, Command::PreviousArticle);
                ui.separator();
                let mut pref = ui.ctx().options(|o| o.theme_preference);
                let before = pref;
                ui.radio_value(
                    &mut pref,
                    egui::ThemePreference::System,
                    "Theme: follow the system",
                );
                ui.radio_value(&mut pref, egui::ThemePreference::Dark, "Theme: dark");
                ui.radio_value(&mut pref, egui::ThemePreference::Light, "Theme: light");
                if pref != before {
                    ui.ctx().set_theme(pref);
                }
            });
        });
    });
}
