//! Who is editing: every change is recorded as a person in `people`. When
//! neither the login nor `--as` names one, the interface asks once, before
//! the first change; browsing needs nobody.

use ratatui::crossterm::event::KeyCode;

use roreg::domain::{Register, Score};
use roreg::tui::app::{App, Cmd, FormPurpose, Overlay};

#[path = "common/keys.rs"]
mod keys;
use keys::*;

/// The example opened by a login that is nobody in it.
fn nobody_app() -> App {
    let (register, fingerprint) = example();
    nobody_app_with(register, fingerprint)
}

fn nobody_app_with(register: Register, fingerprint: roreg::storage::Fingerprint) -> App {
    let mut app = App::new(
        register,
        example_path(),
        today(),
        now(),
        Some("e2e-tester".into()),
    );
    app.loaded_from_disk(fingerprint, false);
    app
}

fn asked(app: &App) -> bool {
    top_is(app, |o| {
        matches!(o, Overlay::Form(_, FormPurpose::WhoIsEditing(_)))
    })
}

/// Picks `label` in the "Who is editing?" list with → and confirms with Enter.
fn pick(app: &mut App, label: &str) -> Cmd {
    assert!(asked(app), "not asked who is editing");
    assert_eq!(form(app).title, "Who is editing?");
    for _ in 0..app.register.people.len() {
        if form(app).fields[0].selected_label() == label {
            return press_code(app, KeyCode::Enter);
        }
        assert_no_cmd(press_code(app, KeyCode::Right));
    }
    panic!("{label} is not offered");
}

/// The people ids the history records added since `before` name.
fn recorded_by(saved: &Register, before: &Register) -> Vec<String> {
    saved.history[before.history.len()..]
        .iter()
        .map(|h| h.by.clone())
        .collect()
}

#[test]
fn browsing_asks_nobody() {
    let mut app = nobody_app();
    assert_eq!(app.user, None, "a login that is nobody names nobody");
    for keys in ["j", "k", "A", "h", "u"] {
        assert_no_cmd(press(&mut app, keys));
        assert!(!asked(&app), "{keys:?} asked who is editing");
    }
    assert_no_cmd(press_code(&mut app, KeyCode::Esc));
    assert_no_cmd(press(&mut app, "?"));
    assert!(top_is(&app, |o| matches!(o, Overlay::Help)));
}

#[test]
fn the_first_change_asks_and_every_record_then_names_the_person_picked() {
    let mut app = nobody_app();
    let before = app.register.clone();
    let id = app.selected_item().unwrap().id.clone();

    assert_no_cmd(press(&mut app, "3"));
    assert!(asked(&app));
    assert_eq!(app.register, before, "nothing changes while asking");
    let offered: Vec<&str> = match &form(&app).fields[0].value {
        roreg::tui::form::Value::Choice { options, .. } => {
            options.iter().map(String::as_str).collect()
        }
        _ => panic!("not a pick list"),
    };
    assert_eq!(offered.len(), before.people.len());
    assert!(offered.contains(&"Helen Marsh (qlead)"), "{offered:?}");

    // The key that asked goes on: 3 was the likelihood, 4 the impact.
    assert_no_cmd(pick(&mut app, "Helen Marsh (qlead)"));
    assert_eq!(app.user.as_deref(), Some("qlead"));
    let saved = save_of(press(&mut app, "4"));
    assert_eq!(saved.register.item(&id).unwrap().current, Score::new(3, 4));
    let by = recorded_by(&saved.register, &before);
    assert!(!by.is_empty());
    assert!(by.iter().all(|b| b == "qlead"), "{by:?}");

    // Remembered for the session: the next change asks nothing.
    app.saved(Ok(roreg::storage::Fingerprint::of(b"saved")));
    let again = save_of(press(&mut app, "22"));
    assert!(!asked(&app));
    let by = recorded_by(&again.register, &before);
    assert!(by.len() > 1 && by.iter().all(|b| b == "qlead"), "{by:?}");
}

#[test]
fn cancelling_the_question_cancels_the_change() {
    let mut app = nobody_app();
    let before = app.register.clone();
    assert_no_cmd(press(&mut app, "e"));
    assert!(asked(&app));
    assert_no_cmd(press_code(&mut app, KeyCode::Esc));
    assert!(app.overlays.is_empty(), "no edit form after a cancel");
    assert!(status_info(&app).starts_with("nothing changed"));
    assert_eq!(app.register, before);
    assert!(!app.save.dirty);
    assert_eq!(app.user, None);
    // Not answered, so asked again at the next change.
    assert_no_cmd(press(&mut app, "3"));
    assert!(asked(&app));
}

#[test]
fn a_register_without_people_asks_who_you_are_instead_of_whom_to_pick() {
    let (mut register, fingerprint) = example();
    register.people.clear();
    let mut app = nobody_app_with(register, fingerprint);
    // Its items now name owners nobody is: the problems are listed first,
    // and who you are is asked at once (`tests/tui_people.rs`).
    app.overlays.clear();
    let before = app.register.clone();
    assert_no_cmd(press(&mut app, "3"));
    assert!(!asked(&app), "nobody to pick from");
    assert!(
        top_is(&app, |o| matches!(
            o,
            Overlay::Form(_, FormPurpose::FirstPerson(Some(_)))
        )),
        "asked who you are, to add you; the key goes on after"
    );
    assert!(form(&app).title.starts_with("Who are you?"));
    assert_eq!(app.scoring, None);
    assert_eq!(app.register, before);
}

#[test]
fn a_viewer_never_asks() {
    let mut app = nobody_app();
    app.sharing.read_only = Some(roreg::tui::sharing::viewing(None));
    for keys in ["3", "e", "n", "m"] {
        assert_no_cmd(press(&mut app, keys));
        assert!(!asked(&app), "a viewer was asked at {keys:?}");
        assert!(status_error(&app).starts_with("read-only"), "{keys:?}");
    }
}

#[test]
fn a_new_meeting_asks_first_and_is_facilitated_by_the_person_editing() {
    let mut app = nobody_app();
    assert_no_cmd(press(&mut app, "m"));
    assert_no_cmd(pick(&mut app, "Helen Marsh (qlead)"));
    let (start, purpose) = top_form(&app);
    assert_eq!(*purpose, FormPurpose::StartMeeting);
    assert_eq!(
        start.field("Facilitator").selected_label(),
        "Helen Marsh (qlead)"
    );
    let present: Vec<&str> = start
        .fields
        .iter()
        .filter(|f| f.key == "attendee" && f.selected_label() == "present")
        .map(|f| f.label.as_str())
        .collect();
    assert_eq!(
        present,
        ["Helen Marsh"],
        "only the one editing is marked present"
    );
}

#[test]
fn a_person_the_login_names_is_never_asked() {
    let mut app = app();
    let before = app.register.clone();
    let saved = save_of(press(&mut app, "34"));
    assert!(!asked(&app));
    let by = recorded_by(&saved.register, &before);
    assert!(!by.is_empty() && by.iter().all(|b| b == "qlead"), "{by:?}");
}
