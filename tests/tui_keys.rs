//! A key rebound in `keys.ron` is the key everywhere: it does the thing,
//! and the help, the footer, the popups and the messages all name it.

use std::path::{Path, PathBuf};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use roreg::domain::{Date, Timestamp};
use roreg::theme::Theme;
use roreg::tui::app::{App, Overlay};
use roreg::tui::keymap::overrides;
use roreg::tui::update::{Msg, update};

/// The example register as a user opens it, with `keys_ron` as their keys.
fn app_with(keys_ron: &str) -> App {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/example.ron");
    let register = roreg::storage::load(&path)
        .expect("the example loads")
        .register;
    let mut app = App::new(
        register,
        PathBuf::from("data/example.ron"),
        Date::parse("2026-11-21").unwrap(),
        Timestamp::parse("2026-11-21T10:00:00Z").unwrap(),
        Some("ahughes".into()),
    );
    let (keys, problems) = overrides::apply(keys_ron);
    assert_eq!(problems, [], "the test's keys.ron is valid");
    app.keys = keys;
    // The example opens with its problems listed; close them first.
    app.overlays.clear();
    app
}

fn press(app: &mut App, code: KeyCode) {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| roreg::tui::view::draw(f, app, &Theme::monochrome()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

const SORT_ON_O: &str = r#"{
    "register": { "Sort": ["o"], "ClearFilter": ["K"] },
    "every-screen": { "Help": ["F1"], "Save": ["W"] },
    "quit-unsaved": { "QuitWithoutSaving": ["X"] },
}"#;

#[test]
fn a_rebound_key_does_its_job_and_the_old_one_does_not() {
    let mut app = app_with(SORT_ON_O);
    let sort = app.list.sort;
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.list.sort, sort, "s no longer sorts");
    press(&mut app, KeyCode::Char('o'));
    assert_ne!(app.list.sort, sort, "o sorts");
    press(&mut app, KeyCode::F(1));
    assert!(matches!(app.overlays.last(), Some(Overlay::Help)));
}

#[test]
fn the_footer_and_the_help_name_the_new_keys() {
    let mut app = app_with(SORT_ON_O);
    let footer = screen(&app, 160, 45);
    let footer = footer.lines().nth(43).unwrap();
    assert!(footer.contains(" o sort "), "{footer}");
    assert!(footer.contains(" F1 help "), "{footer}");
    assert!(!footer.contains(" s sort "), "{footer}");
    press(&mut app, KeyCode::F(1));
    let help = screen(&app, 160, 45);
    assert!(
        help.contains("o     ") && help.contains("next sort column"),
        "{help}"
    );
    assert!(
        help.lines()
            .any(|l| l.contains("F1") && l.contains("help: the keys of this screen")),
        "{help}"
    );
    assert!(
        !help
            .lines()
            .any(|l| l.contains(" s ") && l.contains("next sort column"))
    );
}

#[test]
fn messages_and_popups_name_the_new_keys() {
    let mut app = app_with(SORT_ON_O);
    // Filter to nothing: the empty list says how to clear, with the new key.
    app.list.filter.text = "no item is called this".into();
    app.refresh();
    let empty = screen(&app, 120, 30);
    assert!(empty.contains("Press K to clear the filter"), "{empty}");
    // A failed save names the save key, in the message and the status line.
    app.save.fingerprint = None;
    app.saved(Err("disk full".into()));
    let failed = screen(&app, 120, 30);
    assert!(
        failed.contains("disk full — your change is kept here; W retries"),
        "{failed}"
    );
    assert!(failed.contains("NOT SAVED · W retries"), "{failed}");
    // Quitting then asks, listing the rebound choice.
    app.quit();
    let asked = screen(&app, 120, 30);
    assert!(
        asked.contains("X  quit and lose the unsaved changes"),
        "{asked}"
    );
    assert!(!asked.contains("Q  quit"), "{asked}");
    press(&mut app, KeyCode::Char('X'));
    assert!(app.may_exit(), "X quits without saving");
}
