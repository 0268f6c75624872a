//! Everything a user can do, in one enum: menus, shortcuts and (later) the command palette
//! are generated from it, and `FactdeskApp::run_command` is the one place that carries it out.

use eframe::egui::{Key, KeyboardShortcut, Modifiers};

use crate::model::{Status, Verdict};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    NewCase,
    OpenCase,
    OpenSample,
    ImportArticles,
    Save,
    SaveAs,
    Quit,
    Undo,
    Redo,
    NextFinding,
    PreviousFinding,
    Deselect,
    EditNote,
    ToggleDismissed,
    AddEvidence,
    Reanalyse,
    /// Every article of the case analysed again with the cue list in use (one undo step).
    ReanalyseAll,
    /// Choose a house cue list file to add to the built-in cues (kept in the preferences).
    ChooseHouseCues,
    /// Read the house cue list file again (after editing it).
    ReloadHouseCues,
    /// Stop using the house cue list.
    UseBuiltinCues,
    SetStatus(Status),
    SetVerdict(Option<Verdict>),
    NextArticle,
    PreviousArticle,
    CommandPalette,
    Preferences,
    Find,
}

const fn ctrl(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}
const fn ctrl_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}
const fn plain(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

const VERDICT_KEYS: [Key; 9] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

impl Command {
    /// Every command, in menu order (the palette and the shortcut table list them so).
    pub fn all() -> Vec<Command> {
        let mut v = vec![
            Command::NewCase,
            Command::OpenCase,
            Command::OpenSample,
            Command::ImportArticles,
            Command::Save,
            Command::SaveAs,
            Command::Quit,
            Command::Undo,
            Command::Redo,
            Command::NextFinding,
            Command::PreviousFinding,
            Command::Deselect,
            Command::EditNote,
            Command::ToggleDismissed,
            Command::AddEvidence,
            Command::Reanalyse,
            Command::ReanalyseAll,
            Command::ChooseHouseCues,
            Command::ReloadHouseCues,
            Command::UseBuiltinCues,
            Command::NextArticle,
            Command::PreviousArticle,
            Command::CommandPalette,
            Command::Preferences,
            Command::Find,
        ];
        v.extend(Status::ALL.map(Command::SetStatus));
        v.extend(Verdict::ALL.map(|v| Command::SetVerdict(Some(v))));
        v.push(Command::SetVerdict(None));
        v
    }

    pub fn label(self) -> String {
        match self {
            Command::NewCase => "New case".into(),
            Command::OpenCase => "Open case…".into(),
            Command::OpenSample => "Open sample article".into(),
            Command::ImportArticles => "Import articles…".into(),
            Command::Save => "Save".into(),
            Command::SaveAs => "Save as…".into(),
            Command::Quit => "Quit".into(),
            Command::Undo => "Undo".into(),
            Command::Redo => "Redo".into(),
            Command::NextFinding => "Next finding".into(),
            Command::PreviousFinding => "Previous finding".into(),
            Command::Deselect => "Deselect".into(),
            Command::EditNote => "Edit note".into(),
            Command::ToggleDismissed => "Dismiss or restore finding".into(),
            Command::AddEvidence => "Add evidence".into(),
            Command::Reanalyse => "Analyse the article again".into(),
            Command::ReanalyseAll => "Analyse all articles again".into(),
            Command::ChooseHouseCues => "Choose house cue list…".into(),
            Command::ReloadHouseCues => "Reload house cue list".into(),
            Command::UseBuiltinCues => "Use built-in cues only".into(),
            Command::SetStatus(s) => format!("Status: {}", s.label()),
            Command::SetVerdict(Some(v)) => format!("Verdict: {}", v.label()),
            Command::SetVerdict(None) => "Clear verdict".into(),
            Command::CommandPalette => "Command palette…".into(),
            Command::Preferences => "Preferences…".into(),
            Command::Find => "Search the case".into(),
            Command::NextArticle => "Next article".into(),
            Command::PreviousArticle => "Previous article".into(),
        }
    }

    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        Some(match self {
            Command::NewCase => ctrl(Key::N),
            Command::OpenCase => ctrl(Key::O),
            Command::ImportArticles => ctrl(Key::I),
            Command::Save => ctrl(Key::S),
            Command::SaveAs => ctrl_shift(Key::S),
            Command::Quit => ctrl(Key::Q),
            Command::Undo => ctrl(Key::Z),
            Command::Redo => ctrl_shift(Key::Z),
            Command::NextFinding => plain(Key::J),
            Command::PreviousFinding => plain(Key::K),
            Command::Deselect => plain(Key::Escape),
            Command::EditNote => plain(Key::E),
            Command::ToggleDismissed => plain(Key::X),
            Command::AddEvidence => plain(Key::V),
            Command::CommandPalette => ctrl(Key::K),
            Command::Preferences => ctrl(Key::Comma),
            Command::Find => ctrl(Key::F),
            Command::NextArticle => ctrl(Key::PageDown),
            Command::PreviousArticle => ctrl(Key::PageUp),
            Command::SetStatus(Status::Unreviewed) => plain(Key::U),
            Command::SetStatus(Status::InProgress) => plain(Key::P),
            Command::SetStatus(Status::NeedsSecondReview) => plain(Key::R),
            Command::SetStatus(Status::Done) => plain(Key::D),
            Command::SetVerdict(Some(v)) => {
                let i = Verdict::ALL.iter().position(|x| *x == v).unwrap_or(0);
                plain(VERDICT_KEYS[i])
            }
            Command::SetVerdict(None) => plain(Key::Num0),
            Command::OpenSample
            | Command::Reanalyse
            | Command::ReanalyseAll
            | Command::ChooseHouseCues
            | Command::ReloadHouseCues
            | Command::UseBuiltinCues => return None,
        })
    }

    /// Plain-key shortcuts must not fire while the user types in a text field.
    pub fn shortcut_needs_no_text_focus(self) -> bool {
        self.shortcut().is_some_and(|s| s.modifiers.is_none())
    }

    /// Ordered so that Ctrl+Shift+S is tried before Ctrl+S (egui matches modifiers loosely).
    pub fn by_shortcut_priority() -> Vec<Command> {
        let mut v: Vec<Command> = Command::all()
            .into_iter()
            .filter(|c| c.shortcut().is_some())
            .collect();
        v.sort_by_key(|c| {
            std::cmp::Reverse(c.shortcut().map_or(0, |s| modifier_count(s.modifiers)))
        });
        v
    }
}

fn modifier_count(m: Modifiers) -> u8 {
    m.alt as u8 + m.shift as u8 + (m.ctrl || m.command || m.mac_cmd) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_are_unique() {
        let all = Command::all();
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                if let (Some(x), Some(y)) = (a.shortcut(), b.shortcut()) {
                    assert!(x != y, "{a:?} and {b:?} share a shortcut");
                }
            }
        }
    }

    #[test]
    fn longer_chords_come_first() {
        let v = Command::by_shortcut_priority();
        let save_as = v.iter().position(|c| *c == Command::SaveAs).unwrap();
        let save = v.iter().position(|c| *c == Command::Save).unwrap();
        assert!(save_as < save);
    }
}
