//! The command palette (Ctrl+K): every command, with its shortcut, found by typing.

use eframe::egui::{self, Key, RichText};

use super::{Command, FactdeskApp};

#[derive(Default)]
pub struct CommandPalette {
    pub open: bool,
    query: String,
    chosen: usize,
}

/// Commands whose label holds every word of the query, in menu order.
pub fn matching(query: &str, app: &FactdeskApp) -> Vec<Command> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    Command::all()
        .into_iter()
        .filter(|c| *c != Command::CommandPalette && app.enabled(*c))
        .filter(|c| {
            let label = c.label().to_lowercase();
            words.iter().all(|w| label.contains(w.as_str()))
        })
        .collect()
}

pub fn show(app: &mut FactdeskApp, ctx: &egui::Context) {
    if !app.command_palette.open {
        return;
    }
    let found = matching(&app.command_palette.query, app);
    let mut run = None;
    let mut close = false;
    let p = &mut app.command_palette;
    p.chosen = p.chosen.min(found.len().saturating_sub(1));
    egui::Modal::new(egui::Id::unique("command-palette")).show(ctx, |ui| {
        ui.set_width(460.0);
        let label = ui.label(RichText::new("Run a command").strong());
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut p.query)
                    .hint_text("Type to filter…")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        r.request_focus();
        if r.changed() {
            p.chosen = 0;
        }
        ui.input_mut(|i| {
            if i.consume_key(egui::Modifiers::NONE, Key::ArrowDown) {
                p.chosen = (p.chosen + 1).min(found.len().saturating_sub(1));
            }
            if i.consume_key(egui::Modifiers::NONE, Key::ArrowUp) {
                p.chosen = p.chosen.saturating_sub(1);
            }
            if i.consume_key(egui::Modifiers::NONE, Key::Enter) {
                run = found.get(p.chosen).copied();
            }
            if i.consume_key(egui::Modifiers::NONE, Key::Escape) {
                close = true;
            }
        });
        egui::ScrollArea::vertical()
            .max_height(360.0)
            .show(ui, |ui| {
                for (i, c) in found.iter().enumerate() {
                    let shortcut = c
                        .shortcut()
                        .map(|s| ui.ctx().format_shortcut(&s))
                        .unwrap_or_default();
                    let b =
                        egui::Button::selectable(i == p.chosen, c.label()).shortcut_text(shortcut);
                    let r = ui.add_sized([ui.available_width(), 0.0], b);
                    if i == p.chosen {
                        r.scroll_to_me(None);
                    }
                    if r.clicked() {
                        run = Some(*c);
                    }
                }
                if found.is_empty() {
                    ui.label(RichText::new("No command matches").weak());
                }
            });
    });
    if close || run.is_some() {
        app.command_palette = CommandPalette::default();
    }
    if let Some(c) = run {
        app.run_command(ctx, c);
    }
}
