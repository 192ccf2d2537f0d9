//! Driving the interface without a terminal: the example register opened
//! on a fixed day, and keys sent into `update`. Shared by the update tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[path = "screen.rs"]
mod screen;

use roreg::domain::Item;
use roreg::domain::{Date, Register, Timestamp};
use roreg::storage::{self, Fingerprint};
use roreg::tui::app::{App, Cmd, FormPurpose, Overlay, SaveJob, Status};
use roreg::tui::form::Form;
use roreg::tui::update::{Msg, update};

pub fn day(s: &str) -> Date {
    Date::parse(s).unwrap()
}

pub fn example_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/example.ron")
}

pub fn today() -> Date {
    Date::parse("2026-11-21").unwrap()
}

pub fn now() -> Timestamp {
    Timestamp::parse("2026-11-21T10:00:00Z").unwrap()
}

pub fn example() -> (Register, Fingerprint) {
    let loaded = storage::load(&example_path()).expect("the example loads");
    (loaded.register, loaded.fingerprint)
}

/// The example register, opened by the quality manager.
pub fn app() -> App {
    let (register, fingerprint) = example();
    app_with(register, fingerprint)
}

pub fn app_with(register: Register, fingerprint: Fingerprint) -> App {
    let mut app = not_yet_loaded(register);
    app.loaded_from_disk(fingerprint, false);
    app
}

/// The quality manager's app before it knows the file on disk.
pub fn not_yet_loaded(register: Register) -> App {
    App::new(
        register,
        example_path(),
        today(),
        now(),
        Some("qlead".into()),
    )
}

pub fn send(app: &mut App, key: KeyEvent) -> Cmd {
    update(app, Msg::Key(key))
}

/// Types each character as a key press (uppercase with Shift, as terminals
/// report it) and returns what the last one asked for. Earlier keys must
/// not ask for anything: a save hidden in the middle would go unnoticed.
pub fn press(app: &mut App, keys: &str) -> Cmd {
    let mut last = Cmd::None;
    for (i, c) in keys.chars().enumerate() {
        if i > 0 {
            assert!(
                matches!(last, Cmd::None),
                "key {i} of {keys:?} was preceded by a command: {last:?}"
            );
        }
        let modifiers = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        last = send(app, KeyEvent::new(KeyCode::Char(c), modifiers));
    }
    last
}

/// Typing text into a form or the search: nothing may be saved on the way.
pub fn type_text(app: &mut App, text: &str) {
    let cmd = press(app, text);
    assert!(
        matches!(cmd, Cmd::None),
        "typing {text:?} asked for {cmd:?}"
    );
}

pub fn press_code(app: &mut App, code: KeyCode) -> Cmd {
    send(app, KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ctrl(app: &mut App, c: char) -> Cmd {
    send(app, KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

#[track_caller]
pub fn top_form(app: &App) -> (&Form, &FormPurpose) {
    match app.overlays.last() {
        Some(Overlay::Form(form, purpose)) => (form, purpose),
        Some(_) => panic!("the top overlay is not a form"),
        None => panic!("no overlay is open"),
    }
}

pub fn form(app: &App) -> &Form {
    top_form(app).0
}

pub fn purpose(app: &App) -> FormPurpose {
    top_form(app).1.clone()
}

pub fn top_is(app: &App, want: fn(&Overlay) -> bool) -> bool {
    app.overlays.last().is_some_and(want)
}

pub fn status_info(app: &App) -> String {
    match &app.status {
        Status::Info(text) => text.clone(),
        other => panic!("expected an info status, got {other:?}"),
    }
}

pub fn status_error(app: &App) -> String {
    match &app.status {
        Status::Error(text) => text.clone(),
        other => panic!("expected an error status, got {other:?}"),
    }
}

#[track_caller]
pub fn item<'a>(app: &'a App, id: &str) -> &'a Item {
    app.register
        .item(id)
        .unwrap_or_else(|| panic!("no item {id}"))
}

/// What a save asks to write: the register the background writer would
/// have once it took the job's changes, and the fingerprint expected.
pub struct Written {
    pub register: Register,
    pub expected: roreg::storage::Fingerprint,
}

thread_local! {
    // The background writer's copy, as the run loop's saver keeps it; each
    // test runs on its own thread, and an App's first job brings all of it.
    static SAVER_COPY: std::cell::RefCell<Register> = std::cell::RefCell::new(Register::new(""));
}

/// The save the command asks for, taken as the background writer takes it.
#[track_caller]
pub fn save_of(cmd: Cmd) -> Written {
    let job: Box<SaveJob> = match cmd {
        Cmd::Save(job) => job,
        other => panic!("expected a save, got {other:?}"),
    };
    let SaveJob { updates, expected } = *job;
    let register = SAVER_COPY.with(|copy| {
        let mut copy = copy.borrow_mut();
        for update in updates {
            update.apply(&mut copy);
        }
        copy.clone()
    });
    Written { register, expected }
}

#[track_caller]
pub fn assert_no_cmd(cmd: Cmd) {
    assert!(matches!(cmd, Cmd::None), "expected no command, got {cmd:?}");
}

/// The whole interface drawn at `width`×`height` in the colour theme, as
/// text (see `screen::text`).
pub fn screen_text(app: &App, width: u16, height: u16) -> String {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| roreg::tui::view::draw(f, app, &roreg::theme::Theme::colour()))
        .unwrap();
    screen::text(terminal.backend().buffer())
}

/// Tabs to the form's field `key`.
#[track_caller]
pub fn focus_field(app: &mut App, key: &str) {
    let n = form(app).fields.len();
    for _ in 0..=n {
        let f = form(app);
        if f.fields[f.focus].key == key {
            return;
        }
        assert_no_cmd(press_code(app, KeyCode::Tab));
    }
    panic!("the form has no field {key}");
}

/// Gives a new item's form the ISO links it needs where they are missing:
/// the first "Affects" ticked, a source and a process typed.
#[track_caller]
pub fn link_new_item(app: &mut App) {
    if !form(app).field("Affects").toggled().contains(&true) {
        focus_field(app, "Affects");
        type_text(app, " ");
    }
    for (key, text) in [("Source", "Supplier base"), ("Process", "Production")] {
        if form(app).field(key).text_value().trim().is_empty() {
            focus_field(app, key);
            type_text(app, text);
        }
    }
}

/// The register without the example's customers, requirements and
/// measures, and without its items' links to them: for tests that bring
/// customer data of their own.
pub fn without_customer_focus(register: &mut roreg::domain::Register) {
    for item in &mut register.items {
        item.requirements.clear();
        item.measures.clear();
    }
    register.customers.clear();
    register.requirements.clear();
    register.measures.clear();
}
