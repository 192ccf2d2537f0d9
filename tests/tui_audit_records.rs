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

/// The example with M-007 held on 2026-11-18 closing A-011 (on O-002), and
/// A-011 reopened by Jane Smith on 2026-11-20, each step recorded.
fn example_with_a_reopened_action() -> App {
    use roreg::domain::history::{diff, record};
    use roreg::domain::{ActionStatus, MeetingKind, Register, Timestamp, meetings};
    let at = |s: &str| Timestamp::parse(s).unwrap();
    let (mut register, fingerprint) = example();
    let change = |r: &mut Register, when: &str, by: &str, f: &dyn Fn(&mut Register)| {
        let before = r.clone();
        f(r);
        let changes = diff(&before, r);
        record(r, changes, at(when), by);
    };
    let set = |r: &mut Register, status: ActionStatus, done_on| {
        let item = r.item_mut("O-002").unwrap();
        let action = item.actions.iter_mut().find(|a| a.id == "A-011").unwrap();
        action.status = status;
        action.done_on = done_on;
    };
    change(&mut register, "2026-11-18T09:00:00Z", "qlead", &|r| {
        meetings::start(
            r,
            MeetingKind::RiskReview,
            "qlead",
            vec![],
            vec!["O-002".into()],
            at("2026-11-18T09:00:00Z"),
        )
        .unwrap();
    });
    change(&mut register, "2026-11-18T09:20:00Z", "qlead", &|r| {
        set(r, ActionStatus::Done, Some(day("2026-11-18")));
        meetings::note_action(r, "A-011", true).unwrap();
        meetings::mark_reviewed(r, "O-002", at("2026-11-18T09:20:00Z")).unwrap();
    });
    change(&mut register, "2026-11-18T10:00:00Z", "qlead", &|r| {
        meetings::close(r, at("2026-11-18T10:00:00Z")).unwrap();
    });
    change(&mut register, "2026-11-20T11:00:00Z", "jsmith", &|r| {
        set(r, ActionStatus::InProgress, None)
    });
    app_with(register, fingerprint)
}

#[test]
fn the_minutes_show_an_action_closed_in_the_meeting_and_reopened_since() {
    let mut app = example_with_a_reopened_action();
    press(&mut app, "u");
    // Meetings held: M-001 … M-007, the newest last.
    press_code(&mut app, KeyCode::Enter);
    press(&mut app, "jjjjjj");
    press_code(&mut app, KeyCode::Enter);
    assert_eq!(minutes_of(&app).as_deref(), Some("M-007"));
    let mut seen = String::new();
    for _ in 0..30 {
        seen.push_str(&screen(&app, 120, 40));
        press(&mut app, "j");
    }
    let rows: Vec<&str> = seen.lines().collect();
    let under = |heading: &str| {
        let at = rows.iter().position(|r| r.contains(heading));
        at.and_then(|at| rows.get(at + 1))
            .copied()
            .unwrap_or_default()
    };
    assert!(
        under("│Actions closed").contains("│  A-011 (reopened 2026-11-20 by jsmith): Add external"),
        "{seen}"
    );
    assert!(under("│Actions raised").contains("│  none"), "{seen}");
}
