//! The desktop app, driven headless with egui_kittest: drop an article, click a highlight,
//! set a verdict, save, reopen, and find the verdict again.
#![cfg(feature = "gui")]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use eframe::egui::{self, Key, Modifiers, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use factdesk::app::FactdeskApp;
use factdesk::app::jobs::{DialogKind, Dialogs};
use factdesk::model::{FindingKind, Verdict};

const SEED: &str = include_str!("fixtures/seed-article.txt");

/// File dialogs that answer at once with the path the test chose.
#[derive(Default)]
struct ScriptedDialogs(Mutex<HashMap<&'static str, PathBuf>>);

impl ScriptedDialogs {
    fn answer(&self, kind: DialogKind, path: &Path) {
        self.0.lock().unwrap().insert(kind.title(), path.to_owned());
    }
}

impl Dialogs for ScriptedDialogs {
    fn pick(&self, kind: DialogKind, _suggested: &str) -> Option<Vec<PathBuf>> {
        self.0
            .lock()
            .unwrap()
            .get(kind.title())
            .map(|p| vec![p.clone()])
    }
    fn answers_at_once(&self) -> bool {
        true
    }
}

#[derive(Debug)]
struct TestFile(PathBuf);

impl egui::DroppedFile for TestFile {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// eframe's storage kept in memory: what a later run of the app would find on disk.
#[derive(Default)]
struct Memory(HashMap<String, String>);

impl eframe::Storage for Memory {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

fn app(dialogs: Arc<ScriptedDialogs>) -> Harness<'static, FactdeskApp> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 860.0))
        .with_max_steps(64)
        .build_eframe(move |cc| FactdeskApp::new(cc, dialogs.clone()))
}

/// Runs frames until background work (imports, dialogs) is done.
fn settle(h: &mut Harness<'_, FactdeskApp>) {
    let t0 = Instant::now();
    h.step();
    while h.state().busy() {
        assert!(
            t0.elapsed() < Duration::from_secs(60),
            "background work did not finish"
        );
        std::thread::sleep(Duration::from_millis(5));
        h.step();
    }
    h.run();
}

fn drop_files(h: &mut Harness<'_, FactdeskApp>, paths: &[PathBuf]) {
    for p in paths {
        h.input_mut().hovered_files.push(egui::HoveredFile {
            path: Some(p.clone()),
            ..Default::default()
        });
    }
    h.step();
    h.input_mut().hovered_files.clear();
    for p in paths {
        h.input_mut()
            .dropped_files
            .push(Arc::new(TestFile(p.clone())));
    }
    settle(h);
}

/// A second, short article.
fn write_budget(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(
        &p,
        "Budget talks\n\n“We are close to a deal,” Senator Maria Lopez said on Tuesday.\n",
    )
    .unwrap();
    p
}

/// The app with the seed article dropped into it (the folder lives as long as the test).
fn seeded() -> (tempfile::TempDir, Harness<'static, FactdeskApp>) {
    let dir = tempfile::tempdir().unwrap();
    let seed = write_seed(dir.path());
    let mut h = app(Arc::new(ScriptedDialogs::default()));
    drop_files(&mut h, &[seed]);
    (dir, h)
}

fn write_seed(dir: &Path) -> PathBuf {
    let p = dir.join("seed-article.txt");
    std::fs::write(&p, SEED).unwrap();
    p
}

#[test]
fn drop_click_verdict_save_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let seed = write_seed(dir.path());
    let dialogs = Arc::new(ScriptedDialogs::default());
    let mut h = app(dialogs.clone());
    h.run();
    h.get_by_label("Open sample article");

    drop_files(&mut h, &[seed]);
    assert_eq!(
        h.state().doc.case.articles.len(),
        1,
        "the dropped article is imported"
    );
    assert!(h.state().doc.dirty());
    assert!(
        h.state().title().starts_with('●'),
        "title marks unsaved changes: {}",
        h.state().title()
    );

    // Click the highlight of Han's first quotation, drawn in the article view.
    let (id, rect) = {
        let app = h.state();
        let article = &app.doc.case.articles[0];
        let target = article
            .findings
            .iter()
            .find(|f| f.is_quote() && f.span.text(&article.text).starts_with("Therefore"))
            .expect("Han's quotation is found");
        let rect = app
            .view
            .visible_highlights
            .iter()
            .find(|(i, _)| *i == target.id)
            .map(|(_, r)| *r);
        (target.id, rect)
    };
    let rect = match rect {
        Some(r) => r,
        None => {
            // Not in view yet: choose it in the findings list, which scrolls the article to it.
            h.get_by_label_contains("Quote by Han Lianchao: Therefore")
                .click();
            h.run();
            h.state_mut().select(None, false);
            h.run();
            h.state()
                .view
                .visible_highlights
                .iter()
                .find(|(i, _)| *i == id)
                .expect("scrolled into view")
                .1
        }
    };
    h.drag_at(rect.center());
    h.drop_at(rect.center());
    h.run();
    assert_eq!(
        h.state().doc.selected,
        Some(id),
        "clicking the highlight selects it"
    );
    h.get_by_label_contains("Speaker: Han Lianchao");

    h.get_by_role_and_label(Role::RadioButton, "False").click();
    h.run();
    h.get_by_role_and_label(Role::RadioButton, "Done").click();
    h.run();
    let note = h.get_by_role_and_label(Role::MultilineTextInput, "Note");
    note.click();
    note.type_text("Han's tweet is the only source.");
    h.run();

    // Save through Ctrl+S (the scripted dialog answers the path).
    let case_path = dir.path().join("dong.ron");
    dialogs.answer(DialogKind::SaveCase, &case_path);
    h.get_by_role_and_label(Role::RadioButton, "False").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    assert!(case_path.exists(), "the case is saved");
    assert!(!h.state().doc.dirty());
    assert_eq!(h.state().title(), "dong — Factdesk");

    // A fresh app opens the file and finds the review as it was.
    let dialogs2 = Arc::new(ScriptedDialogs::default());
    dialogs2.answer(DialogKind::OpenCase, &case_path);
    let mut h2 = app(dialogs2);
    h2.run();
    h2.get_by_label("Open case…").click();
    settle(&mut h2);
    let app2 = h2.state();
    assert_eq!(app2.doc.path.as_deref(), Some(case_path.as_path()));
    let (_, f) = app2
        .doc
        .case
        .finding(id)
        .expect("same finding id after reopening");
    assert_eq!(f.review.verdict, Some(Verdict::False));
    assert_eq!(f.review.note, "Han's tweet is the only source.");
    assert!(matches!(f.kind, FindingKind::Quote(_)));
    h2.get_by_label_contains("[False] Quote by Han Lianchao");
}

#[test]
fn undo_restores_a_verdict_from_the_keyboard() {
    let (_dir, mut h) = seeded();
    h.key_press(Key::J);
    h.run();
    let id = h.state().doc.selected.expect("J selects the first finding");
    h.key_press(Key::Num5); // Verdict 5: False
    h.run();
    assert_eq!(
        h.state().doc.case.finding(id).unwrap().1.review.verdict,
        Some(Verdict::False)
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().doc.case.finding(id).unwrap().1.review.verdict,
        None
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(
        h.state().doc.case.finding(id).unwrap().1.review.verdict,
        Some(Verdict::False)
    );
}

#[test]
fn malformed_case_shows_an_error_and_keeps_the_open_case() {
    let dir = tempfile::tempdir().unwrap();
    let seed = write_seed(dir.path());
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "Case(\n  format_version: 1,\n  name: [oops\n").unwrap();
    let dialogs = Arc::new(ScriptedDialogs::default());
    let mut h = app(dialogs.clone());
    drop_files(&mut h, &[seed]);
    let before = h.state().doc.case.clone();
    // Save first so that opening does not stop to ask about unsaved changes.
    let good = dir.path().join("good.ron");
    dialogs.answer(DialogKind::SaveCase, &good);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    dialogs.answer(DialogKind::OpenCase, &bad);
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    settle(&mut h);
    h.get_by_label_contains("Could not open");
    h.get_by_label_contains("line 3");
    assert_eq!(
        h.state().doc.case.articles,
        before.articles,
        "the open case is untouched"
    );
    assert_eq!(h.state().doc.path.as_deref(), Some(good.as_path()));
}

#[test]
fn unsupported_file_in_a_drop_is_reported_and_the_rest_imports() {
    let dir = tempfile::tempdir().unwrap();
    let seed = write_seed(dir.path());
    let png = dir.path().join("photo.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let mut h = app(Arc::new(ScriptedDialogs::default()));
    drop_files(&mut h, &[png, seed]);
    assert_eq!(h.state().doc.case.articles.len(), 1);
    h.get_by_label_contains("photo.png");
}

#[test]
fn unsaved_changes_ask_before_a_new_case() {
    let (_dir, mut h) = seeded();
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label("Save changes?");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(
        h.state().doc.case.articles.len(),
        1,
        "cancel keeps the case"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label("Don't save").click();
    h.run();
    assert!(h.state().doc.case.articles.is_empty());
    h.get_by_label("Open sample article");
}

#[test]
fn typed_path_when_no_dialog_can_be_shown() {
    struct NoDialogs;
    impl Dialogs for NoDialogs {
        fn pick(&self, _: DialogKind, _: &str) -> Option<Vec<PathBuf>> {
            None
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let seed = write_seed(dir.path());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 860.0))
        .with_max_steps(64)
        .build_eframe(|cc| FactdeskApp::new(cc, Arc::new(NoDialogs)));
    h.run();
    h.get_by_label("Import articles…").click();
    settle(&mut h);
    h.get_by_label_contains("No file dialog is available");
    let field = h.get_by_role_and_label(
        Role::TextInput,
        "Paths of articles or folders, separated by “;”",
    );
    field.type_text(&seed.display().to_string());
    h.run();
    h.get_by_label("OK").click();
    settle(&mut h);
    assert_eq!(h.state().doc.case.articles.len(), 1);
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let (_dir, mut h) = seeded();
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run();
    h.get_by_label("Save changes?");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.query_by_label("Save changes?").is_none());
    assert_eq!(h.state().doc.case.articles.len(), 1);
}

#[test]
fn evidence_dismissal_and_history_from_the_inspector() {
    let dir = tempfile::tempdir().unwrap();
    let seed = write_seed(dir.path());
    let mut h = app(Arc::new(ScriptedDialogs::default()));
    h.state_mut().prefs.reviewer = "Ana Reviewer".into();
    drop_files(&mut h, &[seed]);
    h.key_press(Key::J);
    h.run();
    let id = h.state().doc.selected.expect("a finding is selected");

    h.get_by_label("Add evidence").click();
    h.run();
    let field = h.get_by_role_and_label(Role::TextInput, "Evidence 1 Link");
    field.click();
    field.type_text("https://example.org/baidu-photos");
    h.run();
    h.get_by_role_and_label(Role::CheckBox, "Primary source")
        .click();
    h.run();
    h.get_by_label("Open"); // a link can be opened in the browser
    let (_, f) = h.state().doc.case.finding(id).unwrap();
    assert_eq!(f.evidence.len(), 1);
    assert_eq!(f.evidence[0].value, "https://example.org/baidu-photos");
    assert!(f.evidence[0].primary);

    h.key_press(Key::Escape);
    h.run();
    h.key_press(Key::J);
    h.run();
    h.key_press(Key::Num3); // Mixed
    h.run();
    let sel = h.state().doc.selected.unwrap();
    let (_, f) = h.state().doc.case.finding(sel).unwrap();
    assert_eq!(f.review.history.len(), 1);
    assert_eq!(f.review.history[0].reviewer, "Ana Reviewer");
    h.get_by_label_contains("Review history (1)");

    h.key_press(Key::X);
    h.run();
    assert!(h.state().doc.case.finding(sel).unwrap().1.dismissed);
    h.get_by_label("Restore finding");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(!h.state().doc.case.finding(sel).unwrap().1.dismissed);
}

#[test]
fn command_palette_runs_commands_by_name() {
    let (_dir, mut h) = seeded();
    h.key_press(Key::J);
    h.run();
    let id = h.state().doc.selected.unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    let field = h.get_by_role_and_label(Role::TextInput, "Run a command");
    field.type_text("verdict unproven");
    h.run();
    h.get_by_label_contains("Verdict: Unproven");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        h.state().doc.case.finding(id).unwrap().1.review.verdict,
        Some(Verdict::Unproven)
    );
    assert!(
        h.query_by_label("Run a command").is_none(),
        "the palette closes after running"
    );

    // Preferences come from the palette too.
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Run a command")
        .type_text("prefer");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.get_by_role_and_label(Role::CheckBox, "High contrast")
        .click();
    h.run();
    assert!(h.state().prefs.high_contrast);
}

#[test]
fn search_filters_and_article_switching_keep_the_selection() {
    let dir = tempfile::tempdir().unwrap();
    let seed = write_seed(dir.path());
    let other = write_budget(dir.path(), "other.txt");
    let mut h = app(Arc::new(ScriptedDialogs::default()));
    drop_files(&mut h, &[seed, other]);
    assert_eq!(h.state().doc.case.articles.len(), 2);
    let first = h.state().doc.case.articles[0].id;
    h.state_mut().show_article(first);
    h.run();

    h.key_press(Key::J);
    h.run();
    let selected = h.state().doc.selected.unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    h.run();
    assert_ne!(h.state().doc.current, Some(first));
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    h.run();
    assert_eq!(
        h.state().doc.selected,
        Some(selected),
        "each article keeps its selection"
    );

    // Ctrl+F searches the whole case.
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    let field = h.get_by_role_and_label(Role::TextInput, "Search the case (Ctrl+F)");
    assert!(field.is_focused());
    field.type_text("close to a deal");
    h.run();
    h.get_by_label_contains("1 of");
    h.get_by_label_contains("Budget talks: Quote by Maria Lopez")
        .click();
    h.run();
    assert_ne!(
        h.state().doc.current,
        Some(first),
        "choosing a match opens its article"
    );
}

#[test]
fn speakers_are_renamed_merged_and_split_and_every_view_follows() {
    let (_dir, mut h) = seeded();
    let speaker_names = |h: &Harness<'_, FactdeskApp>| -> Vec<String> {
        h.state().doc.case.articles[0]
            .speakers
            .iter()
            .map(|s| s.name.clone())
            .collect()
    };
    assert!(speaker_names(&h).contains(&"Han Lianchao".to_owned()));

    h.get_by_label_contains("Han Lianchao: 3 quotes").click();
    h.run();
    let name = h.get_by_role_and_label(Role::TextInput, "Speaker name");
    name.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, "Speaker name")
        .type_text("Han Lianchao (defector)");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(
        speaker_names(&h).contains(&"Han Lianchao (defector)".to_owned()),
        "{:?}",
        speaker_names(&h)
    );
    h.get_by_label_contains("Quote by Han Lianchao (defector): Therefore");

    h.get_by_role_and_label(Role::CheckBox, "Unnamed source")
        .click();
    h.run();
    let han = h.state().doc.case.articles[0]
        .speakers
        .iter()
        .find(|s| s.name.starts_with("Han"))
        .unwrap()
        .clone();
    assert!(han.anonymous);

    // Split: give one of Han's quotations to a new speaker.
    h.get_by_label_contains("Quote by Han Lianchao (defector): Therefore")
        .click();
    h.run();
    h.get_by_label("Change speaker").click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "New speaker")
        .click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "New speaker")
        .type_text("Daily Beast reporter");
    h.run();
    h.get_by_label("Give this quotation to the new speaker")
        .click();
    h.run();
    h.get_by_label_contains("Quote by Daily Beast reporter: Therefore");

    // Merge the new speaker back into Han; undo brings the split back.
    h.get_by_label_contains("Daily Beast reporter: 1 quote")
        .click();
    h.run();
    h.get_by_label("Merge into…").click();
    h.run();
    // The name is listed in the inspector too; the merge menu is the popup drawn last.
    h.get_all_by_role_and_label(Role::Button, "Han Lianchao (defector)")
        .last()
        .unwrap()
        .click();
    h.run();
    h.get_by_label_contains("Quote by Han Lianchao (defector): Therefore");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.get_by_label_contains("Quote by Daily Beast reporter: Therefore");
}

#[test]
fn case_navigator_counts_sorts_and_filters_articles() {
    let dir = tempfile::tempdir().unwrap();
    let seed = write_seed(dir.path());
    let other = write_budget(dir.path(), "budget.txt");
    let mut h = app(Arc::new(ScriptedDialogs::default()));
    drop_files(&mut h, &[other, seed]);
    h.get_by_label_contains("Budget talks — 1 quotes · 1 speakers · 0 unverified · 0% reviewed");
    let rows = |h: &Harness<'_, FactdeskApp>| -> Vec<String> {
        h.query_all_by_label_contains(" reviewed")
            .filter_map(|n| n.accesskit_node().label())
            .collect()
    };
    assert!(rows(&h)[0].starts_with("Budget talks"));
    h.state_mut().article_order = factdesk::app::sidebar::ArticleOrder::MostUnverified;
    h.run();
    assert!(rows(&h)[0].starts_with("Rumours"), "{:?}", rows(&h));
    let field = h.get_by_role_and_label(Role::TextInput, "Filter articles");
    field.click();
    field.type_text("budget");
    h.run();
    assert_eq!(rows(&h).len(), 1);
}

#[test]
fn selecting_text_marks_a_new_finding_that_can_be_relabelled_and_adjusted() {
    let (_dir, mut h) = seeded();
    let before = h.state().doc.case.articles[0].findings.len();
    // Drag across a visible line of the article.
    let rect = h
        .state()
        .view
        .visible_highlights
        .iter()
        .map(|(_, r)| *r)
        .find(|r| r.width() > 150.0)
        .unwrap();
    let (from, to) = (
        rect.left_center() + egui::vec2(3.0, 0.0),
        rect.right_center() - egui::vec2(3.0, 0.0),
    );
    h.drag_at(from);
    h.step();
    h.hover_at(from + egui::vec2(40.0, 0.0));
    h.step();
    h.hover_at(to);
    h.step();
    h.drop_at(to);
    h.run();
    let (span, _) = h
        .state()
        .view
        .marked
        .expect("the selection waits to be marked");
    h.get_by_label_contains("Mark “");
    h.get_by_role_and_label(Role::Button, "Rumour").click();
    h.run();
    let app_state = h.state();
    let article = &app_state.doc.case.articles[0];
    assert_eq!(article.findings.len(), before + 1);
    let id = app_state.doc.selected.expect("the new finding is selected");
    let (_, f) = app_state.doc.case.finding(id).unwrap();
    assert_eq!(f.span, span);
    assert_eq!(f.origin, factdesk::model::Origin::Manual);
    assert_eq!(f.anchor.exact, span.text(&article.text));

    h.get_by_label("Relabel or adjust").click();
    h.run();
    h.get_by_label("Make it reported speech").click();
    h.run();
    assert!(matches!(
        h.state().doc.case.finding(id).unwrap().1.kind,
        FindingKind::ReportedSpeech(_)
    ));
    h.get_by_label("Start later").scroll_to_me();
    h.run();
    h.get_by_label("Start later").click();
    h.run();
    assert!(h.state().doc.case.finding(id).unwrap().1.span.start > span.start);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.case.finding(id).unwrap().1.span, span);
}

#[test]
fn a_reviewer_goes_through_the_seed_article_from_the_keyboard_alone() {
    let dir = tempfile::tempdir().unwrap();
    let seed = write_seed(dir.path());
    let dialogs = Arc::new(ScriptedDialogs::default());
    let case_path = dir.path().join("keys.ron");
    dialogs.answer(DialogKind::SaveCase, &case_path);
    let mut h = app(dialogs);
    drop_files(&mut h, &[seed]);
    for _ in 0..3 {
        h.key_press(Key::J);
        h.run();
    }
    let third = h.state().doc.selected.unwrap();
    h.key_press(Key::Num2); // mostly accurate
    h.key_press(Key::D); // done
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z); // undo the status only
    h.run();
    let review = h.state().doc.case.finding(third).unwrap().1.review.clone();
    assert_eq!(
        (review.verdict, review.status),
        (
            Some(Verdict::MostlyAccurate),
            factdesk::model::Status::Unreviewed
        )
    );
    h.key_press(Key::V); // add evidence: the cursor goes to its field
    h.run();
    assert_eq!(
        h.state().doc.case.finding(third).unwrap().1.evidence.len(),
        1
    );
    assert!(
        h.get_by_role_and_label(Role::TextInput, "Evidence 1 Link")
            .is_focused()
    );
    h.get_by_role_and_label(Role::TextInput, "Evidence 1 Link")
        .type_text("https://www.thedailybeast.com/");
    h.run();
    h.key_press(Key::Escape); // leave the field
    h.run();
    h.key_press(Key::K); // back one finding
    h.run();
    assert_ne!(h.state().doc.selected, Some(third));
    h.key_press(Key::E); // the note
    h.run();
    h.get_by_role_and_label(Role::MultilineTextInput, "Note")
        .type_text("Check the tweet.");
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    let saved = factdesk::store::load(&case_path).unwrap();
    let (_, f) = saved.finding(third).unwrap();
    assert_eq!(f.review.verdict, Some(Verdict::MostlyAccurate));
    assert_eq!(f.evidence[0].value, "https://www.thedailybeast.com/");
    assert!(
        saved.articles[0]
            .findings
            .iter()
            .any(|f| f.review.note == "Check the tweet.")
    );
}

#[test]
fn unsaved_work_is_autosaved_and_offered_after_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let seed = write_seed(dir.path());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 860.0))
        .with_max_steps(64)
        .build_eframe({
            let recovery = recovery.clone();
            move |cc| {
                FactdeskApp::new(cc, Arc::new(ScriptedDialogs::default()))
                    .with_recovery(recovery.clone())
            }
        });
    h.state_mut().set_autosave_interval(Duration::ZERO);
    drop_files(&mut h, &[seed]);
    h.key_press(Key::J);
    h.key_press(Key::Num5);
    h.run();
    let t0 = Instant::now();
    while factdesk::store::recovery::list_recoveries(&recovery).is_empty() {
        assert!(
            t0.elapsed() < Duration::from_secs(20),
            "no recovery file was written"
        );
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    std::thread::sleep(Duration::from_millis(200)); // let the writer finish the meta file
    drop(h); // the "crash": no save, no clean exit

    let mut h2 = Harness::builder()
        .with_size(egui::vec2(1280.0, 860.0))
        .with_max_steps(64)
        .build_eframe(move |cc| {
            FactdeskApp::new(cc, Arc::new(ScriptedDialogs::default()))
                .with_recovery(recovery.clone())
        });
    h2.run();
    h2.get_by_label("Recover unsaved work?");
    h2.get_by_label("Recover").click();
    h2.run();
    let app = h2.state();
    assert_eq!(app.doc.case.articles.len(), 1);
    assert!(
        app.doc.dirty(),
        "recovered work is unsaved until the reviewer saves"
    );
    assert!(
        app.doc.case.articles[0]
            .findings
            .iter()
            .any(|f| f.review.verdict == Some(Verdict::False))
    );
}

#[test]
fn a_case_changed_on_disk_is_not_overwritten_without_asking() {
    let dir = tempfile::tempdir().unwrap();
    let seed = write_seed(dir.path());
    let dialogs = Arc::new(ScriptedDialogs::default());
    let path = dir.path().join("shared.ron");
    dialogs.answer(DialogKind::SaveCase, &path);
    let mut h = app(dialogs);
    drop_files(&mut h, &[seed]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    // Another program (a sync folder) rewrites the file.
    let mut other = factdesk::store::load(&path).unwrap();
    other.name = "changed elsewhere".into();
    factdesk::store::save(&path, &other).unwrap();
    h.key_press(Key::J);
    h.key_press(Key::Num1);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("The case file changed on disk");
    assert_eq!(
        factdesk::store::load(&path).unwrap().name,
        "changed elsewhere",
        "nothing overwritten yet"
    );
    h.get_by_label("Overwrite").click();
    h.run();
    assert!(!h.state().doc.dirty());
    assert_eq!(factdesk::store::load(&path).unwrap().name, "shared");
}

#[test]
fn a_failed_save_keeps_the_work_and_offers_save_as() {
    let dir = tempfile::tempdir().unwrap();
    let seed = write_seed(dir.path());
    let dialogs = Arc::new(ScriptedDialogs::default());
    dialogs.answer(
        DialogKind::SaveCase,
        &dir.path().join("no such folder").join("case.ron"),
    );
    let mut h = app(dialogs.clone());
    drop_files(&mut h, &[seed]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    h.get_by_label("The case was not saved");
    assert!(h.state().doc.dirty());
    let good = dir.path().join("case.ron");
    dialogs.answer(DialogKind::SaveCase, &good);
    h.get_by_label("Save as…").click();
    settle(&mut h);
    assert!(good.exists());
    assert!(!h.state().doc.dirty());
}

#[test]
fn reading_a_file_again_with_another_encoding_keeps_the_reviews() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("legacy.txt");
    // Windows-1252 bytes: curly quotes 0x93/0x94, é 0xE9.
    let mut bytes = b"Caf\xe9 owners protest\n\n\x93The rent has tripled,\x94 said Ren\xe9e Dupont, who runs the caf\xe9.\n".to_vec();
    bytes.extend_from_slice(b"\nOfficials may review the lease, some analysts believe.\n");
    std::fs::write(&path, &bytes).unwrap();
    let mut h = app(Arc::new(ScriptedDialogs::default()));
    drop_files(&mut h, std::slice::from_ref(&path));
    let article = &h.state().doc.case.articles[0];
    assert_eq!(article.source.encoding, "windows-1252");
    let quote = article
        .findings
        .iter()
        .find(|f| f.is_quote())
        .expect("the quotation is found")
        .id;
    h.state_mut().select(Some(quote), true);
    h.key_press(Key::Num1);
    h.run();

    h.get_by_label("Encoding: windows-1252").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "ISO-8859-2").click();
    h.run();
    let app = h.state();
    let a = &app.doc.case.articles[0];
    assert_eq!(a.source.encoding, "ISO-8859-2");
    assert!(!a.text.contains('“'), "the text was read again");
    let (_, f) = app.doc.case.finding(quote).unwrap();
    assert_eq!(
        f.review.verdict,
        Some(Verdict::Accurate),
        "the review stays with its quotation"
    );
    assert_eq!(f.span.text(&a.text), "The rent has tripled,");
    h.get_by_label_contains("Read legacy.txt again as ISO-8859-2");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().doc.case.articles[0].source.encoding,
        "windows-1252"
    );
}

#[test]
fn dragging_an_edge_of_the_selected_finding_moves_it() {
    let (_dir, mut h) = seeded();
    // A quotation on one line of the view.
    let (id, before) = {
        let app = h.state();
        let a = &app.doc.case.articles[0];
        let f = a
            .findings
            .iter()
            .find(|f| f.is_quote() && f.span.text(&a.text).starts_with("Therefore"))
            .unwrap();
        (f.id, f.span)
    };
    h.state_mut().select(Some(id), true);
    h.run();
    let handle = h
        .get_by_label("Move the end of the selected finding")
        .rect();
    let from = handle.center();
    h.drag_at(from);
    h.step();
    h.hover_at(from - egui::vec2(20.0, 0.0));
    h.step();
    h.hover_at(from - egui::vec2(90.0, 0.0));
    h.step();
    h.drop_at(from - egui::vec2(90.0, 0.0));
    h.run();
    let after = h.state().doc.case.finding(id).unwrap().1.span;
    assert_eq!(after.start, before.start);
    assert!(after.end < before.end, "{before:?} -> {after:?}");
    let text = h.state().doc.case.articles[0].text.clone();
    assert!(
        !after.text(&text).ends_with(' '),
        "snapped to a word: {:?}",
        after.text(&text)
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.case.finding(id).unwrap().1.span, before);
}

#[test]
fn the_filter_narrows_the_findings_list_and_zoom_follows_the_keys() {
    let (_dir, mut h) = seeded();
    let total = h.state().doc.case.articles[0].findings.len();
    h.get_by_label("Filter").click();
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "Kind").click();
    h.run();
    h.get_by_label("Quotations").click();
    h.run();
    let quotes = h.state().doc.case.articles[0]
        .findings
        .iter()
        .filter(|f| f.is_quote())
        .count();
    h.get_by_label_contains(&format!("{quotes} of {total} findings"));
    h.key_press(Key::J);
    h.run();
    let sel = h.state().doc.selected.unwrap();
    let (_, f) = h.state().doc.case.finding(sel).unwrap();
    assert!(
        f.is_quote(),
        "J walks the filtered list: {:?} {:?}",
        f.kind,
        h.state().filter
    );
    h.get_by_label("Clear filter").click();
    h.run();
    h.get_by_label_contains(&format!("{total} of {total} findings"));

    let zoom = h.ctx.zoom_factor();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.run();
    assert!(h.ctx.zoom_factor() > zoom, "Ctrl+Plus zooms in");
}

#[test]
fn preferences_and_recent_cases_are_kept_between_runs() {
    let dir = tempfile::tempdir().unwrap();
    let dialogs = Arc::new(ScriptedDialogs::default());
    let path = dir.path().join("kept.ron");
    dialogs.answer(DialogKind::SaveCase, &path);
    let mut h = app(dialogs);
    drop_files(&mut h, &[write_seed(dir.path())]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    h.state_mut().prefs.reviewer = "Ana".into();
    h.state_mut().prefs.high_contrast = true;
    let mut memory = Memory::default();
    eframe::App::save(h.state_mut(), &mut memory);
    let prefs: factdesk::app::Prefs = eframe::get_value(&memory, factdesk::app::PREFS_KEY).unwrap();
    assert_eq!(prefs.reviewer, "Ana");
    assert!(prefs.high_contrast);
    assert_eq!(
        prefs.recent.first().and_then(|p| p.file_name()),
        path.file_name()
    );
}

#[test]
fn each_article_keeps_its_scroll_position() {
    let dir = tempfile::tempdir().unwrap();
    let seed = write_seed(dir.path());
    let other = write_budget(dir.path(), "budget.txt");
    let mut h = app(Arc::new(ScriptedDialogs::default()));
    drop_files(&mut h, &[seed, other]);
    let first = h.state().doc.case.articles[0].id;
    h.state_mut().show_article(first);
    h.run();
    // The last quotation of the seed article is far below the first screen.
    let last = h.state().doc.case.articles[0]
        .findings
        .iter()
        .rev()
        .find(|f| f.is_quote())
        .unwrap()
        .id;
    h.state_mut().select(Some(last), true);
    h.run();
    let seen = |h: &Harness<'_, FactdeskApp>| {
        h.state()
            .view
            .visible_highlights
            .iter()
            .any(|(i, _)| *i == last)
    };
    assert!(seen(&h), "scrolled to the finding");
    h.state_mut().select(None, false);
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    h.run();
    assert!(!seen(&h));
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    h.run();
    assert_eq!(h.state().doc.current, Some(first));
    assert!(seen(&h), "the article is where the reviewer left it");
}

/// A small file of `tests/fixtures/cues`.
fn cue_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/cues")
        .join(name)
}

/// The cue word the test house list adds; the built-in cues do not flag it in the seed article
/// (where it occurs twice: “doubly suspicious”, “said that it was suspicious that”).
const HOUSE_CUE: &str = "suspicious";

/// Whether an unverified assertion of the article at `index` has `words` among its cues.
fn flagged_in(h: &Harness<'_, FactdeskApp>, index: usize, words: &str) -> bool {
    let a = &h.state().doc.case.articles[index];
    a.findings.iter().any(|f| match &f.kind {
        FindingKind::Assertion(x) => x
            .cues
            .iter()
            .any(|c| c.span.text(&a.text).eq_ignore_ascii_case(words)),
        _ => false,
    })
}

fn flagged(h: &Harness<'_, FactdeskApp>, words: &str) -> bool {
    flagged_in(h, 0, words)
}

#[test]
fn a_house_cue_list_is_chosen_applied_to_the_case_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let dialogs = Arc::new(ScriptedDialogs::default());
    let mut h = app(dialogs.clone());
    drop_files(&mut h, &[write_seed(dir.path())]);
    assert!(!flagged(&h, HOUSE_CUE), "the built-in cues do not flag it");
    let builtin = factdesk::analysis::Lexicons::builtin().version.clone();
    assert_eq!(h.state().doc.case.lexicon_version, builtin);
    // A reviewed finding, to be kept through the new analysis.
    let reviewed = h.state().doc.case.articles[0]
        .findings
        .iter()
        .find(|f| f.is_quote())
        .unwrap()
        .id;
    h.state_mut().select(Some(reviewed), false);
    h.run();
    h.get_by_role_and_label(Role::RadioButton, "False").click();
    h.run();

    h.key_press_modifiers(Modifiers::COMMAND, Key::Comma);
    h.run();
    h.get_by_label("House cue list");
    h.get_by_label("None: the built-in cues only.");

    // A bad file: the error names its line, and the built-in cues stay in use.
    dialogs.answer(DialogKind::HouseCues, &cue_fixture("bad-line.tsv"));
    h.get_by_role_and_label(Role::Button, "Choose house cue list…")
        .click();
    settle(&mut h);
    h.get_by_label_contains("Not used: bad-line.tsv: cue lexicon line 3: unknown category");
    assert!(h.state().cue_list().is_none());
    assert!(h.state().prefs.house_cues.is_none());
    assert_eq!(h.state().lexicons().version, builtin);
    assert!(
        h.query_by_label("House cues not in use").is_none(),
        "no list was in use: nothing to say in the status bar"
    );

    // The house list: named, counted, kept in the preferences.
    dialogs.answer(DialogKind::HouseCues, &cue_fixture("house.tsv"));
    h.get_by_role_and_label(Role::Button, "Choose house cue list…")
        .click();
    settle(&mut h);
    h.get_by_label("In use: house.tsv");
    h.get_by_label_contains("Adds 1 new cue");
    assert!(
        h.query_by_label_contains("Could not use the house cue list")
            .is_none(),
        "the complaint about the bad file is gone"
    );
    let house = h.state().lexicons().version.clone();
    assert_ne!(house, builtin);
    assert_eq!(
        h.state().prefs.house_cues.as_deref(),
        Some(cue_fixture("house.tsv").as_path())
    );
    // The case was analysed with other cues: said discreetly in the status bar and here.
    h.get_by_label("Findings from another cue list");
    h.get_by_label("House cues: house.tsv");

    h.get_by_role_and_label(Role::Button, "Analyse the case's 1 article again")
        .click();
    h.run();
    assert!(flagged(&h, HOUSE_CUE), "the house cue is flagged now");
    assert_eq!(h.state().doc.case.lexicon_version, house);
    assert_eq!(
        h.state()
            .doc
            .case
            .finding(reviewed)
            .unwrap()
            .1
            .review
            .verdict,
        Some(Verdict::False),
        "the reviewed finding is kept"
    );
    assert!(
        h.query_by_label("Findings from another cue list").is_none(),
        "the case is in line with the cues in use"
    );
    // Saved and reopened, the case still says which list made its findings.
    let path = dir.path().join("house.ron");
    assert!(h.state_mut().save_to(&path));
    assert_eq!(factdesk::store::load(&path).unwrap().lexicon_version, house);

    // One undo step brings back the old findings and the old version.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(!flagged(&h, HOUSE_CUE));
    assert_eq!(h.state().doc.case.lexicon_version, builtin);
    h.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
    h.run();
    assert!(flagged(&h, HOUSE_CUE));

    // Back to the built-in cues: the case, made with the house list, now differs.
    h.get_by_role_and_label(Role::Button, "Use built-in cues only")
        .click();
    h.run();
    assert!(h.state().prefs.house_cues.is_none());
    h.get_by_label("None: the built-in cues only.");
    h.get_by_label("Findings from another cue list");
}

#[test]
fn new_imports_use_the_house_list_and_a_mixed_case_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(Arc::new(ScriptedDialogs::default()));
    h.run();
    // An article analysed with the built-in cues, then one with the house list.
    drop_files(&mut h, &[write_budget(dir.path(), "budget.txt")]);
    assert!(h.state_mut().set_house_cues(&cue_fixture("house.tsv")));
    let house = h.state().lexicons().version.clone();
    drop_files(&mut h, &[write_seed(dir.path())]);
    assert!(
        flagged_in(&h, 1, HOUSE_CUE),
        "the new import is analysed with the house list"
    );
    let version = h.state().doc.case.lexicon_version.clone();
    assert!(
        factdesk::cue_list::is_mixed(&version) && version.contains(&house),
        "{version}"
    );
    h.get_by_label_contains("the case's others with the built-in cues");
    h.get_by_label("Findings from several cue lists");
    // The palette reaches the command that brings the case in line.
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Run a command")
        .type_text("all articles again");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().doc.case.lexicon_version, house);
    assert!(
        h.query_by_label("Findings from several cue lists")
            .is_none()
    );
}

#[test]
fn a_house_list_that_moved_away_is_reported_at_start_and_the_built_in_cues_are_used() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("our-cues.tsv");
    std::fs::copy(cue_fixture("house.tsv"), &list).unwrap();
    let prefs = factdesk::app::Prefs {
        house_cues: Some(list.clone()),
        ..Default::default()
    };
    let start = |list_there: bool| {
        if !list_there {
            std::fs::remove_file(&list).unwrap();
        }
        let mut memory = Memory::default();
        eframe::set_value(&mut memory, factdesk::app::PREFS_KEY, &prefs);
        let memory: &'static Memory = Box::leak(Box::new(memory));
        let dialogs = Arc::new(ScriptedDialogs::default());
        let mut h = Harness::builder()
            .with_size(egui::vec2(1280.0, 860.0))
            .with_max_steps(64)
            .build_eframe(move |cc| {
                cc.storage = Some(memory);
                FactdeskApp::new(cc, dialogs.clone())
            });
        h.run();
        h
    };
    let h = start(true);
    assert_eq!(
        h.state().cue_list().map(|l| l.path.clone()),
        Some(list.clone()),
        "the list in the preferences is used from the start"
    );
    drop(h);

    let mut h = start(false);
    assert!(h.state().cue_list().is_none());
    assert_eq!(
        h.state().lexicons().version,
        factdesk::analysis::Lexicons::builtin().version
    );
    h.get_by_label_contains("House cue list not used");
    h.get_by_label_contains("our-cues.tsv: no such file (moved");
    h.state_mut().preferences_open = true;
    h.run();
    h.get_by_label_contains("Not used: our-cues.tsv: no such file");
    h.get_by_label("Chosen: our-cues.tsv, not in use: the built-in cues only.");
    h.get_by_label("House cues not in use");
    // The setting is kept, so that the list works again once it is back.
    assert_eq!(h.state().prefs.house_cues.as_deref(), Some(list.as_path()));
    std::fs::copy(cue_fixture("house.tsv"), &list).unwrap();
    h.get_by_role_and_label(Role::Button, "Reload house cue list")
        .click();
    h.run();
    assert!(h.state().cue_list().is_some());
    assert!(h.state().cue_list_problem().is_none());
}

#[test]
fn the_typed_path_fallback_sets_a_house_list_too() {
    struct NoDialogs;
    impl Dialogs for NoDialogs {
        fn pick(&self, _: DialogKind, _: &str) -> Option<Vec<PathBuf>> {
            None
        }
    }
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 860.0))
        .with_max_steps(64)
        .build_eframe(|cc| FactdeskApp::new(cc, Arc::new(NoDialogs)));
    h.run();
    h.state_mut().preferences_open = true;
    h.run();
    h.get_by_role_and_label(Role::Button, "Choose house cue list…")
        .click();
    settle(&mut h);
    h.get_by_label_contains("No file dialog is available");
    h.get_by_role_and_label(Role::TextInput, "Path of a house cue list (.tsv)")
        .type_text(&cue_fixture("house.tsv").display().to_string());
    h.run();
    h.get_by_label("OK").click();
    settle(&mut h);
    assert!(h.state().cue_list().is_some());
}
