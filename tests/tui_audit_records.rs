//! The auditor in the interface: an audit figure's records are a list to
//! pick from; `Enter` on a meeting opens its minutes (read-only, with who
//! of top management was there), on an item or an action its detail, and
//! going back returns to the records. On the example, today 2026-11-21.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

use roreg::theme::Theme;
use roreg::tui::app::{App, Overlay};
use roreg::tui::keymap::Screen;

#[path = "common/keys.rs"]
mod keys;
use keys::*;

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| roreg::tui::view::draw(f, app, &Theme::colour()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The selected line of the records list on top, and the minutes' meeting.
fn records_selected(app: &App) -> Option<usize> {
    match app.overlays.last() {
        Some(Overlay::AuditRecords { selected, .. }) => Some(*selected),
        _ => None,
    }
}

fn minutes_of(app: &App) -> Option<String> {
    match app.overlays.last() {
        Some(Overlay::Minutes { meeting }) => Some(meeting.clone()),
        _ => None,
    }
}

/// Moves the audit view's selection to the figure with this label (by `j`,
/// as a user would) and returns its index; the figures' order may grow.
fn select_figure(app: &mut App, label: &str) -> usize {
    let index = app
        .audit
        .figures
        .iter()
        .position(|f| f.label == label)
        .unwrap_or_else(|| panic!("no audit figure {label:?}"));
    for _ in 0..index {
        press(app, "j");
    }
    index
}

#[test]
fn enter_on_a_meeting_opens_its_minutes_and_esc_goes_back_to_the_records() {
    let mut app = app();
    let before = app.register.clone();
    press(&mut app, "u");
    // Meetings held (the first figure): M-001 … M-006.
    assert_no_cmd(press_code(&mut app, KeyCode::Enter));
    assert_eq!(records_selected(&app), Some(0));
    assert!(screen(&app, 120, 40).contains("▶ M-001 2025-12-10"));
    press(&mut app, "j");
    assert_eq!(records_selected(&app), Some(1), "j selects the next record");
    assert!(screen(&app, 120, 40).contains("▶ M-002 2026-02-18"));
    press(&mut app, "jjjjjjjj");
    assert_eq!(records_selected(&app), Some(5), "stops at the last of six");
    press(&mut app, "kkkk");
    assert_eq!(records_selected(&app), Some(1));

    assert_no_cmd(press_code(&mut app, KeyCode::Enter));
    assert_eq!(minutes_of(&app).as_deref(), Some("M-002"));
    let text = screen(&app, 120, 40);
    for expected in [
        "Minutes of M-002",
        "Risk review",
        "2026-02-18",
        "Facilitator",
        // Top managers: Jane Smith and Dev Patel there, Michael Okoro sent apologies.
        "present      Dev Patel (dpatel), Jane Smith (jsmith)",
        "apologies    Michael Okoro (mokoro)",
        "absent       none",
        "Michael Okoro (mokoro) — apologies ★ top management",
        "Agenda",
        "R-006",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
    // The minutes scroll; further down: the reviews with before → after.
    for _ in 0..60 {
        press(&mut app, "j");
    }
    let text = screen(&app, 120, 40);
    assert!(text.contains("Notes"), "{text}");
    assert!(
        text.contains("Esc or q goes back to the records."),
        "{text}"
    );

    assert_no_cmd(press_code(&mut app, KeyCode::Esc));
    assert_eq!(records_selected(&app), Some(1), "back on the same record");
    assert_no_cmd(press_code(&mut app, KeyCode::Esc));
    assert!(app.overlays.is_empty(), "Esc closes the records");
    assert_eq!(app.screen(), Screen::Audit);
    assert_eq!(app.register, before, "reading changes nothing");
}

#[test]
fn the_minutes_show_each_review_before_and_after_with_its_decision() {
    let mut app = app();
    press(&mut app, "u");
    // Meetings held → M-005, which reviewed O-002 (decision in the example).
    press_code(&mut app, KeyCode::Enter);
    press(&mut app, "jjjj");
    press_code(&mut app, KeyCode::Enter);
    assert_eq!(minutes_of(&app).as_deref(), Some("M-005"));
    let mut seen = String::new();
    for _ in 0..80 {
        seen.push_str(&screen(&app, 120, 40));
        press(&mut app, "j");
    }
    for expected in [
        "Reviews",
        "Pilot customers reorder.",
        "Score",
        "Next review",
        "Actions raised",
        "Actions closed",
    ] {
        assert!(seen.contains(expected), "{expected:?} missing:\n{seen}");
    }
    assert!(
        seen.contains(" → ") || seen.contains("(unchanged)"),
        "{seen}"
    );
}

#[test]
fn enter_on_an_item_opens_its_detail_and_back_returns_to_the_records() {
    let mut app = app();
    press(&mut app, "u");
    let overdue = select_figure(&mut app, "Reviews overdue");
    let first = app.audit.figures[overdue].ids[0].clone();
    press_code(&mut app, KeyCode::Enter);
    press(&mut app, "j");
    let second = app.audit.figures[overdue].ids[1].clone();
    assert_no_cmd(press_code(&mut app, KeyCode::Enter));
    assert_eq!(app.screen(), Screen::Detail);
    assert!(app.overlays.is_empty(), "the detail takes the keys");
    assert_eq!(app.detail.item_id, second, "not {first}");
    assert!(screen(&app, 120, 40).contains(&second));

    assert_no_cmd(press_code(&mut app, KeyCode::Esc));
    assert_eq!(app.screen(), Screen::Audit);
    assert_eq!(
        records_selected(&app),
        Some(1),
        "the records again, as left"
    );
}

#[test]
fn enter_on_an_action_opens_the_detail_of_its_item() {
    let mut app = app();
    press(&mut app, "u");
    // Actions done without an effectiveness check: A-017 on O-004 first.
    let unchecked = select_figure(&mut app, "Actions done without an effectiveness check");
    assert_eq!(app.audit.figures[unchecked].ids[0], "A-017");
    press_code(&mut app, KeyCode::Enter);
    assert_no_cmd(press_code(&mut app, KeyCode::Enter));
    assert_eq!(app.screen(), Screen::Detail);
    assert_eq!(app.detail.item_id, "O-004");
}

#[test]
fn the_records_list_names_its_keys_from_the_keymap() {
    let mut app = app();
    press(&mut app, "u");
    press_code(&mut app, KeyCode::Enter);
    let text = screen(&app, 120, 40);
    assert!(
        text.contains("j/k select · Enter opens (a meeting's minutes, an item) · Esc closes"),
        "{text}"
    );
}
