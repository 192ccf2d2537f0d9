//! Closing a meeting on TestBackend: the summary scrolls above choices that
//! always show, names top management by how they stood, and a meeting that
//! reviewed nothing asks before it closes and is counted apart in the audit.

use std::path::{Path, PathBuf};

#[path = "common/screen.rs"]
mod screen;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use roreg::domain::{
    ActionStatus, Attendance, Date, ManagementInput, ManagementOutput, MeetingKind, Register,
    Score, Timestamp, management_review, meetings,
};
use roreg::theme::Theme;
use roreg::tui::app::{App, Overlay};
use roreg::tui::keymap::Screen;
use roreg::tui::update::{Msg, update};

fn at(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

fn today() -> Date {
    Date::parse("2026-11-21").unwrap()
}

/// Records what changed since `before`, as roreg does when it saves.
fn recorded(before: &Register, register: &mut Register, when: &str) {
    let changes = roreg::domain::history::diff(before, register);
    roreg::domain::history::record(register, changes, at(when), "qlead");
}

/// The example with a risk review open since 09:00 on 2026-11-21: Helen
/// Marsh (qlead) and Jane Smith present, Dev Patel with apologies; Michael Okoro
/// (top management) not on the list. The first `reviewed` agenda items are
/// reviewed with a long decision and an agreed date.
fn register_in_meeting(reviewed: usize) -> Register {
    register_in_meeting_of(MeetingKind::RiskReview, reviewed)
}

/// [`register_in_meeting`] with a meeting of `kind`.
fn register_in_meeting_of(kind: MeetingKind, reviewed: usize) -> Register {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/example.ron");
    let mut register = roreg::storage::load(&path).unwrap().register;
    let attendance = |person: &str, present: bool, apologies: bool| Attendance {
        person: person.into(),
        present,
        apologies,
        arrived: None,
        left: None,
    };
    let before = register.clone();
    let agenda = meetings::agenda(&register, kind, today());
    meetings::start(
        &mut register,
        kind,
        "qlead",
        vec![
            attendance("qlead", true, false),
            attendance("jsmith", true, false),
            attendance("dpatel", false, true),
        ],
        agenda.clone(),
        at("2026-11-21T09:00:00Z"),
    )
    .unwrap();
    for (n, item) in agenda.iter().take(reviewed).enumerate() {
        let when = at("2026-11-21T09:10:00Z");
        // The first (R-012, 4×3, target 3×2) re-scored down to its target;
        // the others confirmed as they are (a lower score could fall below
        // their targets, which the app would report as a problem).
        let score = if n == 0 {
            Score::new(3, 2)
        } else {
            register.item(item).unwrap().current
        };
        meetings::rescore(&mut register, item, score, when).unwrap();
        let decision = format!(
            "{item}: keep the current controls, report progress at the next review and ask the \
             owner for evidence of the effect"
        );
        meetings::decide(&mut register, item, &decision, when).unwrap();
        meetings::agree_next_review(&mut register, item, Date::parse("2027-02-01").ok(), when)
            .unwrap();
    }
    recorded(&before, &mut register, "2026-11-21T09:30:00Z");
    register
}

/// The app on the meeting (entered with `m`, which resumes it), after `keys`.
fn app_in_meeting(register: Register, keys: &str) -> App {
    let mut app = App::new(
        register,
        PathBuf::from("data/example.ron"),
        today(),
        at("2026-11-21T10:00:00Z"),
        Some("qlead".into()),
    );
    // Starting with a meeting open asks to resume it: r resumes.
    press(&mut app, "r");
    assert_eq!(app.screen(), Screen::Meeting);
    press(&mut app, keys);
    app
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            c => KeyCode::Char(c),
        };
        update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| roreg::tui::view::draw(f, app, &Theme::colour()))
        .unwrap();
    screen::text(terminal.backend().buffer())
}

const CHOICES: [&str; 3] = [
    "y  close the meeting",
    "n  go back to the meeting",
    "D  discard the meeting",
];

#[track_caller]
fn assert_choices_shown(screen: &str) {
    for choice in CHOICES {
        assert!(
            screen.contains(choice),
            "{choice:?} not on screen:\n{screen}"
        );
    }
}

#[test]
fn a_long_summary_at_80x24_scrolls_and_keeps_its_choices_in_view() {
    let mut app = app_in_meeting(register_in_meeting(8), "f");
    assert!(matches!(app.overlays.last(), Some(Overlay::MeetingSummary)));
    let first = screen(&app, 80, 24);
    assert_choices_shown(&first);
    assert!(first.contains("(j/k scroll)"), "{first}");
    assert!(
        first.contains("Present:    Helen Marsh, Jane Smith"),
        "{first}"
    );
    assert!(
        !first.contains("Actions closed"),
        "the end is below:\n{first}"
    );

    // Down to the end: the last lines show, the top has gone, the choices stay.
    press(&mut app, &"j".repeat(40));
    assert!(matches!(app.overlays.last(), Some(Overlay::MeetingSummary)));
    let end = screen(&app, 80, 24);
    assert_choices_shown(&end);
    assert!(end.contains("Actions closed: -"), "{end}");
    assert!(!end.contains("Present:    Helen Marsh"), "{end}");
    // k goes back a line, g to the top.
    press(&mut app, "k");
    assert_ne!(screen(&app, 80, 24), end);
    press(&mut app, "g");
    assert_eq!(screen(&app, 80, 24), first);
    assert!(
        meetings::open_meeting(&app.register).is_some(),
        "scrolling closes nothing"
    );
}

#[test]
fn the_summary_names_top_management_and_each_decision_with_its_scores_and_date() {
    let app = app_in_meeting(register_in_meeting(1), "f");
    let shown = screen(&app, 160, 45);
    assert!(
        shown.contains("Top management present:   Jane Smith"),
        "{shown}"
    );
    assert!(
        shown.contains("Top management apologies: Dev Patel"),
        "{shown}"
    );
    assert!(
        shown.contains("Top management absent:    Michael Okoro"),
        "{shown}"
    );
    let item = meetings::open_meeting(&app.register).unwrap().agenda[0].clone();
    assert_eq!(
        item, "R-012",
        "the agenda rule puts the overdue R-012 first"
    );
    assert!(
        shown.contains(&format!(
            "{item}: 4×3=12 → 3×2=6, next review 2027-02-01 (agreed). Decision: {item}: keep"
        )),
        "{shown}"
    );
    assert!(!shown.contains("scroll)"), "it fits: {shown}");
}

#[test]
fn summary_snapshots_at_80x24_and_160x45() {
    let app = app_in_meeting(register_in_meeting(1), "f");
    for (w, h) in [(80, 24), (160, 45)] {
        insta::assert_snapshot!(format!("closing_summary_{w}x{h}"), screen(&app, w, h));
    }
    let long = app_in_meeting(register_in_meeting(8), "f");
    insta::assert_snapshot!("closing_summary_long_80x24", screen(&long, 80, 24));
}

#[test]
fn closing_a_meeting_that_reviewed_nothing_asks_first_and_the_audit_counts_it_apart() {
    let mut app = app_in_meeting(register_in_meeting(0), "f");
    press(&mut app, "y");
    assert!(
        matches!(app.overlays.last(), Some(Overlay::ConfirmCloseUnreviewed)),
        "y asks first"
    );
    assert!(
        meetings::open_meeting(&app.register).is_some(),
        "not closed yet"
    );
    let asked = screen(&app, 80, 24);
    assert!(
        asked.contains("Nothing was reviewed: close it anyway?"),
        "{asked}"
    );
    assert!(asked.contains("held, with no decisions"), "{asked}");
    assert!(asked.contains("n  go back to the summary"), "{asked}");

    // n goes back to the summary, the meeting still open.
    press(&mut app, "n");
    assert!(matches!(app.overlays.last(), Some(Overlay::MeetingSummary)));
    assert!(meetings::open_meeting(&app.register).is_some());
    // Other keys ask again.
    press(&mut app, "y");
    press(&mut app, "x");
    assert!(matches!(
        app.overlays.last(),
        Some(Overlay::ConfirmCloseUnreviewed)
    ));

    // y closes it.
    press(&mut app, "y");
    assert!(
        app.overlays.is_empty(),
        "the summary went with the question"
    );
    assert_eq!(app.screen(), Screen::Register);
    assert!(meetings::open_meeting(&app.register).is_none());
    let closed = app.register.meeting("M-007").unwrap();
    assert!(closed.closed.is_some() && closed.reviewed.is_empty());

    // The audit: held, counted apart, not as a review with top management
    // (Jane Smith was there); the example's six meetings all reviewed items.
    press(&mut app, "u");
    let value = |label: &str| {
        let f = app.audit.figures.iter().find(|f| f.label == label).unwrap();
        (f.value.clone(), f.ids.clone())
    };
    assert_eq!(
        value("Meetings held").0,
        "7 (6 risk reviews, 1 management review)"
    );
    assert_eq!(
        value("Meetings held, no decisions"),
        ("1".to_string(), vec!["M-007".to_string()])
    );
    let (with_top, ids) = value("Meetings with top management present");
    assert_eq!(with_top, "6 of 6");
    assert!(!ids.contains(&"M-007".to_string()));
    assert_eq!(value("Attendance of Jane Smith (jsmith)").0, "5 of 6");
}

#[test]
fn a_meeting_with_a_review_closes_without_the_question() {
    let mut app = app_in_meeting(register_in_meeting(1), "f");
    press(&mut app, "y");
    assert!(app.overlays.is_empty());
    assert!(meetings::open_meeting(&app.register).is_none());
}

#[test]
fn the_summary_lists_the_actions_and_targets_the_history_recorded_in_the_meeting() {
    let mut register = register_in_meeting(1);
    let item = meetings::open_meeting(&register).unwrap().agenda[0].clone();
    let open_actions: Vec<(String, String)> = register
        .items
        .iter()
        .flat_map(|i| {
            i.actions
                .iter()
                .filter(|a| a.status.is_open())
                .map(|a| (i.id.clone(), a.id.clone()))
        })
        .collect();
    let [(owner, action), (_, listed), ..] = &open_actions[..] else {
        panic!("two open actions in the example");
    };
    let before = register.clone();
    // Done from the card, and the item's target lowered, in the meeting.
    let done = register
        .item_mut(owner)
        .unwrap()
        .actions
        .iter_mut()
        .find(|a| a.id == *action)
        .unwrap();
    done.status = ActionStatus::Done;
    done.done_on = Some(today());
    meetings::note_action(&mut register, action, true).unwrap();
    let it = register.item_mut(&item).unwrap();
    assert_eq!(it.target, Some(Score::new(3, 2)), "the example's target");
    it.target = Some(Score::new(2, 2));
    // The meeting's list names an action no record in the meeting raised.
    meetings::note_action(&mut register, listed, false).unwrap();
    recorded(&before, &mut register, "2026-11-21T09:40:00Z");
    let app = app_in_meeting(register, "f");
    let shown = screen(&app, 160, 45);
    // Nothing after it: closed, and the history agrees.
    assert!(
        shown.contains(&format!("Actions closed: {action}  ")),
        "{shown}"
    );
    assert!(
        shown.contains(&format!(
            "Actions raised: {listed} on {}",
            open_actions[1].0
        )) && shown.contains("on the meeting's list, but the history does not show it"),
        "{shown}"
    );
    assert!(
        shown.contains(&format!("Target changed: {item} 3×2 → 2×2")),
        "{shown}"
    );
}

#[test]
fn a_management_review_s_summary_shows_its_inputs_and_each_decision_s_output() {
    let mut register = register_in_meeting_of(MeetingKind::ManagementReview, 1);
    let before = register.clone();
    let item = meetings::open_meeting(&register).unwrap().agenda[0].clone();
    management_review::consider(
        &mut register,
        ManagementInput::ProcessPerformance,
        "On-time delivery 96%",
        "QMR/kpi-2026.xlsx",
        at("2026-11-21T09:35:00Z"),
    )
    .unwrap();
    management_review::classify(&mut register, &item, Some(ManagementOutput::RiskDecision))
        .unwrap();
    recorded(&before, &mut register, "2026-11-21T09:40:00Z");
    let app = app_in_meeting(register, "f");
    let seen = screen(&app, 160, 60);
    for expected in [
        "Output (9.3.3): Risk decision.",
        "Inputs considered (9.3.2):",
        "  c3 Process performance and conformity of products and services: On-time delivery 96%",
        "QMR/kpi-2026.xlsx)",
        "Inputs not considered (9.3.2):",
        "  a Status of actions from previous management reviews",
        "  f Opportunities for improvement",
    ] {
        assert!(seen.contains(expected), "{expected:?} missing:\n{seen}");
    }
    assert!(!seen.contains("  c3 Process performance and conformity of products and services\n"));
}
