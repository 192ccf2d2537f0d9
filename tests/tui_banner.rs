//! The start-up banner: what is due for the person editing, theirs only,
//! one line, gone at the first key (which still does what it always does,
//! except Esc, which only clears it).

use ratatui::crossterm::event::KeyCode;

use roreg::domain::Register;
use roreg::tui::app::App;
use roreg::tui::banner;
use roreg::tui::keymap::Screen;

#[path = "common/keys.rs"]
mod keys;
use keys::*;

/// The example opened by `person`, with the banner start-up shows.
fn opened_by(person: &str) -> App {
    let (register, fingerprint) = example();
    let mut app = app_with(register, fingerprint);
    app.user = Some(person.into());
    app.banner = banner::for_person(&app.register, Some(person), app.today);
    app
}

#[test]
fn the_banner_names_what_is_due_for_the_editor_and_only_theirs() {
    let app = opened_by("dpatel");
    let shown = screen_text(&app, 140, 30);
    let line = shown.lines().nth(1).unwrap();
    assert!(
        line.contains(
            "Due for you, Dev Patel: 2 overdue, 1 due soon: A-017 effectiveness check, R-012 review, A-030 action"
        ),
        "{shown}"
    );
    assert!(line.contains("any key dismisses"), "{line}");
    // Chris Davies's overdue actions are not Dev Patel's business here.
    assert!(!shown.contains("A-022"), "{shown}");
    let theirs = opened_by("cdavies");
    assert!(
        screen_text(&theirs, 120, 30)
            .contains("Due for you, Chris Davies: 3 overdue: A-022 action"),
        "{}",
        screen_text(&theirs, 120, 30)
    );
}

#[test]
fn nothing_due_or_nobody_known_shows_no_banner() {
    // Jane Smith's only due, the management review, is months away.
    let app = opened_by("jsmith");
    assert_eq!(app.banner, None);
    assert!(!screen_text(&app, 100, 30).contains("Due for you"));
    assert_eq!(
        banner::for_person(&app.register, None, app.today),
        None,
        "before anyone is known"
    );
}

#[test]
fn the_first_key_dismisses_it_and_still_acts() {
    let mut app = opened_by("dpatel");
    let before = app.list.selected;
    assert_no_cmd(press(&mut app, "j"));
    assert_eq!(app.banner, None);
    assert_eq!(
        app.list.selected,
        before + 1,
        "j moved down as it always does"
    );
    assert!(!screen_text(&app, 100, 30).contains("Due for you"));
}

#[test]
fn esc_only_clears_it_and_does_not_quit() {
    let mut app = opened_by("dpatel");
    assert_no_cmd(press_code(&mut app, KeyCode::Esc));
    assert_eq!(app.banner, None);
    assert!(
        !app.quitting,
        "the Esc that cleared the banner did not quit"
    );
    assert_eq!(app.screen(), Screen::Register);
    // The next Esc is an Esc again.
    press_code(&mut app, KeyCode::Esc);
    assert!(app.quitting);
}

#[test]
fn the_banner_fits_small_and_projector_terminals_in_one_line() {
    let app = opened_by("dpatel");
    for (width, height) in [(60, 16), (80, 24), (160, 45)] {
        let shown = screen_text(&app, width, height);
        let line = shown.lines().nth(1).unwrap();
        assert!(
            line.starts_with(" Due for you, Dev Patel: 2 overdue"),
            "{width}: {line}"
        );
        assert!(line.ends_with("any key dismisses"), "{width}: {line}");
        assert!(
            shown.lines().count() == usize::from(height),
            "the banner takes one line from the list, nothing else moves off screen"
        );
    }
}

#[test]
fn a_register_where_the_editor_owns_nothing_gives_no_banner() {
    let register = Register::new("Empty Ltd");
    assert_eq!(banner::for_person(&register, Some("qlead"), today()), None);
}
