//! Escalation and scoring through the keys: a re-score into a higher band
//! brings the review forward; a new item cannot be saved unscored.

use ratatui::crossterm::event::KeyCode;

use roreg::domain::Score;
use roreg::tui::app::{App, FormPurpose};
use roreg::tui::keymap::Screen;

#[path = "common/keys.rs"]
mod keys;
use keys::*;

#[track_caller]
fn select(app: &mut App, id: &str) {
    assert_eq!(app.screen(), Screen::Register);
    press(app, "g");
    for _ in 0..app.list.view.len() {
        if app.selected_item().map(|i| i.id.as_str()) == Some(id) {
            return;
        }
        press(app, "j");
    }
    panic!("{id} is not in the list");
}

/// Tabs through the open form until the field `key` has the focus.
#[track_caller]
fn focus(app: &mut App, key: &str) {
    for _ in 0..=form(app).fields.len() {
        let f = form(app);
        if f.fields[f.focus].key == key {
            return;
        }
        press_code(app, KeyCode::Tab);
    }
    panic!("the form has no field {key}");
}

#[test]
fn a_rescore_into_a_higher_band_brings_the_review_forward() {
    let mut app = app();
    // 2×4 = 8 Medium, next review 2027-03-15.
    select(&mut app, "R-016");
    assert_eq!(item(&app, "R-016").next_review, Some(day("2027-03-15")));
    let job = save_of(press(&mut app, "55"));
    let saved = job.register.item("R-016").unwrap();
    assert_eq!(saved.current, Score::new(5, 5));
    // Critical: 30 days from 2026-11-21.
    assert_eq!(saved.next_review, Some(day("2026-12-21")));
    assert!(
        status_info(&app).contains("review brought forward to 2026-12-21"),
        "{:?}",
        app.status
    );
    app.saved(Ok(roreg::storage::Fingerprint::of(b"after")));
    // Down again into Low: the review stays where it is, not later.
    save_of(press(&mut app, "11"));
    assert_eq!(item(&app, "R-016").next_review, Some(day("2026-12-21")));
}

#[test]
fn a_new_item_cannot_be_saved_until_it_is_scored() {
    let mut app = app();
    let before = app.register.items.len();
    press(&mut app, "n");
    assert_eq!(purpose(&app), FormPurpose::NewItem);
    assert_eq!(form(&app).field("Likelihood").selected_label(), "choose");
    focus(&mut app, "Title");
    type_text(&mut app, "Unscored new risk");
    assert_no_cmd(ctrl(&mut app, 's'));
    let f = form(&app);
    let error = f.field("Likelihood").error.clone().unwrap_or_default();
    assert!(
        error.contains("not chosen") && error.contains("1–5"),
        "{error}"
    );
    assert!(f.field("Impact").error.is_some(), "impact is unset too");
    assert_eq!(app.register.items.len(), before, "nothing saved");
    // Choosing both levels (and its ISO links) lets it save, with its
    // band's review interval.
    link_new_item(&mut app);
    for key in ["Likelihood", "Impact"] {
        focus(&mut app, key);
        for _ in 0..4 {
            press_code(&mut app, KeyCode::Right);
        }
    }
    let job = save_of(ctrl(&mut app, 's'));
    let new = job
        .register
        .items
        .iter()
        .find(|i| i.title == "Unscored new risk")
        .expect("saved");
    assert_eq!(new.current, Score::new(4, 4));
    assert_eq!(
        new.next_review,
        Some(day("2026-12-21")),
        "Critical: 30 days"
    );
}
