//! Recording the room from the keyboard: the time a person arrives is
//! taken as typed, and the minute the meeting started in counts from its start.

#[path = "common/keys.rs"]
mod keys;
use keys::*;

use ratatui::crossterm::event::KeyCode;
use roreg::domain::Timestamp;
use roreg::storage::Fingerprint;
use roreg::tui::app::FormPurpose;

fn other_fingerprint(tag: &str) -> Fingerprint {
    Fingerprint::of(tag.as_bytes())
}

#[test]
fn an_arrival_in_the_minute_the_meeting_started_counts_from_the_start() {
    let mut app = app();
    // The clock a second before the end of the minute.
    app.now = Timestamp::parse("2026-11-21T10:00:59Z").unwrap();
    press(&mut app, "m");
    let started = save_of(ctrl(&mut app, 's'));
    app.saved(Ok(other_fingerprint("started")));
    let start = started.register.meetings.last().unwrap().started;
    assert_no_cmd(press(&mut app, "P"));
    assert_eq!(purpose(&app), FormPurpose::Presence);
    // "10:00", the default, is before 10:00:59 by the second, not by the minute.
    assert_eq!(form(&app).field("Time").text_value(), "10:00");
    ctrl(&mut app, 's');
    assert!(app.overlays.is_empty(), "recorded, not refused");
    let m = app.register.meetings.last().unwrap();
    assert_eq!(m.attendance[0].arrived, Some(start));
    assert!(m.attendance[0].present);
    // An earlier minute is refused, at the time.
    press(&mut app, "P");
    press_code(&mut app, KeyCode::Right);
    focus_last(&mut app);
    for _ in 0..5 {
        press_code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "09:59");
    assert_no_cmd(ctrl(&mut app, 's'));
    assert!(form(&app).field("Time").error.is_some());
}

fn focus_last(app: &mut roreg::tui::app::App) {
    press_code(app, KeyCode::Tab);
    press_code(app, KeyCode::Tab);
}
