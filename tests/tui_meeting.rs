//! Meeting mode and the audit view without a terminal: keys go into `update`,
//! and the meeting record, the register and what is sent to the saver come
//! out. The keys of both screens are listed in `tui_update.rs`
//! (`COVERED_IN_MEETING_TESTS`), whose guard checks that each test named
//! there exists here.
//!
//! Expectations on the example register (`data/example.ron`, today
//! 2026-11-21) are counted by hand from the file, with the counting written
//! beside them; none is computed with the library.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

use roreg::domain::audit::{Attendance as Attended, Period, audit};
use roreg::domain::edit::Scope;
use roreg::domain::{
    ActionStatus, Attendance, Date, Meeting, MeetingKind, Register, Score, Timestamp, meetings,
};
use roreg::storage::Fingerprint;
use roreg::theme::Theme;
use roreg::tui::app::{App, Cmd, FormPurpose, Overlay};
use roreg::tui::keymap::Screen;
use roreg::tui::update::{Msg, update};

#[path = "common/keys.rs"]
mod keys;
use keys::*;

// ---------------------------------------------------------------- helpers

/// A save was asked for: the register it writes, after the saver reported
/// success (so that the next change asks for its own save).
#[track_caller]
fn settle(app: &mut App, act: impl FnOnce(&mut App) -> Cmd) -> Register {
    let cmd = act(app);
    settle_cmd(app, cmd)
}

#[track_caller]
fn settle_cmd(app: &mut App, cmd: Cmd) -> Register {
    let job = save_of(cmd);
    assert_eq!(
        job.register, app.register,
        "the save writes the register as it is now"
    );
    let tag = format!("saved {}", app.register.meetings.len());
    assert_no_cmd(app.saved(Ok(Fingerprint::of(tag.as_bytes()))));
    job.register
}

/// The register with its change log left out. The log grows with every
/// change by design; the tests here look at what the change did.
fn state(register: &Register) -> Register {
    let mut register = register.clone();
    register.history.clear();
    register
}

/// `actual` holds what `expected` holds, the change log aside; on failure
/// the fields that differ are listed rather than two whole registers.
#[track_caller]
fn assert_same(actual: &Register, expected: &Register, what: &str) {
    if state(actual) != state(expected) {
        let differences = roreg::domain::history::diff(expected, actual);
        panic!("{what}: the registers differ (expected → actual): {differences:#?}");
    }
}

/// Nothing changed at all, the change log included.
#[track_caller]
fn assert_unchanged(actual: &Register, before: &Register, what: &str) {
    assert_same(actual, before, what);
    assert_eq!(
        actual.history.len(),
        before.history.len(),
        "{what}: the change log grew"
    );
}

#[track_caller]
fn open_meeting(app: &App) -> Meeting {
    meetings::open_meeting(&app.register)
        .expect("a meeting is open")
        .clone()
}

#[track_caller]
fn meeting(register: &Register, id: &str) -> Meeting {
    register
        .meetings
        .iter()
        .find(|m| m.id == id)
        .unwrap_or_else(|| panic!("no meeting {id}"))
        .clone()
}

fn review_of(meeting: &Meeting, item: &str) -> Option<roreg::domain::Review> {
    meeting.reviewed.iter().find(|r| r.item == item).cloned()
}

/// The focused field of the open form.
fn focused(app: &App) -> (&'static str, String) {
    let f = form(app);
    (f.fields[f.focus].key, f.fields[f.focus].label.clone())
}

/// Moves down the start form (↓, as a user does) to the attendance line of
/// the person whose name the line starts with.
#[track_caller]
fn down_to(app: &mut App, name: &str) {
    let n = form(app).fields.len();
    for _ in 0..=n {
        let (key, label) = focused(app);
        if key == "attendee" && label.starts_with(name) {
            return;
        }
        assert_no_cmd(press_code(app, KeyCode::Down));
    }
    panic!("the start form has no line for {name}");
}

/// Sets one person's line of the start form with → (absent → present →
/// apologies → absent).
#[track_caller]
fn mark(app: &mut App, name: &str, state: &str) {
    down_to(app, name);
    for _ in 0..3 {
        let f = form(app);
        if f.fields[f.focus].selected_label() == state {
            return;
        }
        assert_no_cmd(press_code(app, KeyCode::Right));
    }
    panic!("{name} cannot be marked {state}");
}

/// Tabs through the open form until the field `key` has the focus.
#[track_caller]
fn focus(app: &mut App, key: &str) {
    let n = form(app).fields.len();
    for _ in 0..=n {
        if focused(app).0 == key {
            return;
        }
        assert_no_cmd(press_code(app, KeyCode::Tab));
    }
    panic!("the form has no field {key}");
}

/// Empties the focused text field.
fn clear_field(app: &mut App) {
    for _ in 0..40 {
        assert_no_cmd(press_code(app, KeyCode::Backspace));
    }
}

/// Starts a meeting with `m`: the facilitator (qlead, the user) is present
/// by default, and the people named are marked present too. The save is
/// completed. Returns the register as saved.
fn start(app: &mut App, present: &[&str]) -> Register {
    assert_no_cmd(press(app, "m"));
    assert_eq!(purpose(app), FormPurpose::StartMeeting);
    for name in present {
        mark(app, name, "present");
    }
    settle(app, |a| ctrl(a, 's'))
}

/// The agenda of a risk review started on the example on 2026-11-21,
/// worked out by hand from data/example.ron.
///
/// 1. Reviews overdue (status not Closed), oldest due date first, then by
///    band and score: R-012 2026-07-21; O-005, R-004, R-011 2026-09-15
///    (High 12, 10, 10); O-002 2026-10-16; R-020 2026-11-18.
/// 2. New or escalated since M-006 (the last risk review, closed
///    2026-11-11 10:55): none.
/// 3. In the top two bands and not reviewed with top management within
///    their interval (the audit view's "NOT in time"): O-003 (Critical),
///    O-008 (High 12), R-002 (High 10).
/// 4. Due today and not yet listed: none.
const AGENDA: [&str; 11] = [
    "R-012", "O-005", "R-004", "R-011", "O-002", "R-020", // overdue
    "R-009", "R-017", // threaten a key customer's requirement
    "O-003", "O-008", "R-002", // not reviewed with top management in time
];

/// The agenda of a management review on the same day: the overdue reviews,
/// then what is new or escalated since M-003 (2026-04-22), then R-002.
const MANAGEMENT_AGENDA: [&str; 15] = [
    "R-012", "O-005", "R-004", "R-011", "O-002", "R-020", // overdue
    "R-009", "R-017", // threaten a key customer's requirement
    "O-007", "O-008", "R-019", "R-016", "R-018", // new
    "O-003", // escalated
    "R-002", // not reviewed with top management in time
];

/// Enter on the card of an item with no decision yet: the form asks what
/// was decided; "no change" is chosen and recorded.
fn no_change(app: &mut App) -> Cmd {
    let item = app.meeting_item().expect("an item on the card");
    assert_no_cmd(press_code(app, KeyCode::Enter));
    assert_eq!(purpose(app), FormPurpose::Reviewed { item });
    press_code(app, KeyCode::Right);
    ctrl(app, 's')
}

fn agenda_position(id: &str) -> usize {
    AGENDA.iter().position(|a| *a == id).unwrap()
}

/// Puts the card on agenda item `id` with `l`.
fn card_to(app: &mut App, id: &str) {
    for _ in 0..agenda_position(id) {
        assert_no_cmd(press(app, "l"));
    }
    assert_eq!(app.meeting_item().as_deref(), Some(id));
}

/// Adds `id` with `+` after the card's item and checks the card shows it:
/// for an item a test needs that the agenda rule leaves off.
#[track_caller]
/// Moves the card along the agenda to `id`.
fn card_on(app: &mut App, id: &str) {
    for _ in 0..open_meeting(app).agenda.len() {
        press_code(app, KeyCode::Left);
    }
    for _ in 0..open_meeting(app).agenda.len() {
        if app.meeting_item().as_deref() == Some(id) {
            return;
        }
        press_code(app, KeyCode::Right);
    }
    assert_eq!(
        app.meeting_item().as_deref(),
        Some(id),
        "{id} is on the agenda"
    );
}

fn attendance(person: &str, present: bool, apologies: bool) -> Attendance {
    Attendance {
        person: person.into(),
        present,
        apologies,
        arrived: None,
        left: None,
    }
}

// ---------------------------------------------------------- starting

#[test]
fn m_opens_the_start_form_with_kind_facilitator_and_attendance() {
    let mut app = app();
    let before = app.register.clone();
    assert_no_cmd(press(&mut app, "m"));
    assert_eq!(purpose(&app), FormPurpose::StartMeeting);
    let f = form(&app);
    assert!(
        f.title.contains("11 items due"),
        "the title says how long the agenda is: {}",
        f.title
    );
    assert_eq!(f.field("Kind").selected_label(), "Risk review");
    assert_eq!(
        f.field("Facilitator").selected_label(),
        "Helen Marsh (qlead)",
        "the user facilitates by default"
    );
    // One line per person, in the order of `people`, top management starred;
    // only the facilitator is present to begin with.
    let lines: Vec<(String, String)> = f
        .fields
        .iter()
        .filter(|f| f.key == "attendee")
        .map(|f| (f.label.clone(), f.selected_label().to_string()))
        .collect();
    let expected: Vec<(String, String)> = [
        ("Amy Hughes", "absent"),
        ("Chris Davies", "absent"),
        ("Dev Patel ★", "absent"),
        ("Gareth Evans", "absent"),
        ("Jane Smith ★", "absent"),
        ("Laura Wilson", "absent"),
        ("Michael Okoro ★", "absent"),
        ("Paul Jones", "absent"),
        ("Helen Marsh", "present"),
        ("Rob Brown", "absent"),
        ("Sara Khan", "absent"),
        ("Tom Nguyen", "absent"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(lines, expected);
    // → cycles a line through present, apologies and absent.
    down_to(&mut app, "Jane Smith");
    for want in ["present", "apologies", "absent"] {
        press_code(&mut app, KeyCode::Right);
        let f = form(&app);
        assert_eq!(f.fields[f.focus].selected_label(), want);
    }
    // The kind changes with → too.
    focus(&mut app, "Kind");
    press_code(&mut app, KeyCode::Right);
    assert_eq!(
        form(&app).field("Kind").selected_label(),
        "Management review"
    );
    assert_unchanged(&app.register, &before, "the form alone changes nothing");
    assert!(meetings::open_meeting(&app.register).is_none());
    // Esc leaves without a meeting.
    press_code(&mut app, KeyCode::Esc);
    press(&mut app, "y");
    assert!(app.overlays.is_empty());
    assert_unchanged(&app.register, &before, "nothing changed");
    assert_eq!(app.screen(), Screen::Register);
}

#[test]
fn ctrl_s_with_nobody_present_is_refused_on_the_form() {
    let mut app = app();
    let before = app.register.clone();
    press(&mut app, "m");
    mark(&mut app, "Helen Marsh", "absent");
    // Apologies are not attendance either.
    mark(&mut app, "Jane Smith", "apologies");
    assert_no_cmd(ctrl(&mut app, 's'));
    assert_eq!(purpose(&app), FormPurpose::StartMeeting, "the form stays");
    let error = form(&app).error.clone().expect("an error on the form");
    assert!(error.contains("nobody is marked present"), "{error}");
    assert_unchanged(&app.register, &before, "nothing changed");
    assert_eq!(app.screen(), Screen::Register);
    // With someone present but the facilitator absent, it still waits:
    // the minutes would name a facilitator who was not there.
    mark(&mut app, "Jane Smith", "present");
    assert_no_cmd(ctrl(&mut app, 's'));
    let error = form(&app).error.clone().expect("an error on the form");
    assert!(
        error.contains("the facilitator, Helen Marsh, is marked absent"),
        "{error}"
    );
    // Marking the facilitator present lets it start.
    mark(&mut app, "Helen Marsh", "present");
    let saved = settle(&mut app, |a| ctrl(a, 's'));
    assert_eq!(saved.meetings.len(), before.meetings.len() + 1);
}

#[test]
fn starting_a_meeting_builds_the_agenda_of_its_kind_overdue_reviews_first() {
    let mut app = app();
    let before = app.register.clone();
    press(&mut app, "m");
    focus(&mut app, "Kind");
    press_code(&mut app, KeyCode::Right);
    mark(&mut app, "Dev Patel", "apologies");
    mark(&mut app, "Jane Smith", "present");
    let saved = settle(&mut app, |a| ctrl(a, 's'));

    assert_eq!(app.screen(), Screen::Meeting);
    assert!(app.overlays.is_empty());
    // M-001 … M-006 are in the file: the next is M-007.
    let m = meeting(&saved, "M-007");
    assert_eq!(m.kind, MeetingKind::ManagementReview);
    assert_eq!(m.started, now());
    assert_eq!(m.closed, None);
    assert_eq!(m.facilitator, "qlead");
    assert!(m.reviewed.is_empty());
    assert!(m.actions_raised.is_empty() && m.actions_closed.is_empty());
    let people = [
        "ahughes", "cdavies", "dpatel", "gevans", "jsmith", "lwilson", "mokoro", "pjones", "qlead",
        "rbrown", "skhan", "tnguyen",
    ];
    let expected: Vec<Attendance> = people
        .iter()
        .map(|p| attendance(p, *p == "jsmith" || *p == "qlead", *p == "dpatel"))
        .collect();
    assert_eq!(m.attendance, expected);
    assert_eq!(m.agenda, MANAGEMENT_AGENDA, "the agenda of the kind chosen");
    // Independently of the list above: every item due for review comes
    // before every item that is there for another reason.
    let due = |id: &String| {
        saved
            .item(id)
            .unwrap()
            .next_review
            .is_some_and(|d| d <= today())
    };
    let first_not_due = m.agenda.iter().position(|id| !due(id)).unwrap();
    assert!(
        m.agenda[first_not_due..].iter().all(|id| !due(id)),
        "{:?}",
        m.agenda
    );
    assert_eq!(first_not_due, 6);
    // The card shows the first item; nothing else in the register changed.
    assert_eq!(app.meeting.position, 0);
    assert_eq!(app.meeting_item().as_deref(), Some("R-012"));
    assert_eq!(
        status_info(&app),
        "M-007 started: 15 items on the agenda; off target since the last management review: \
         KPI-001 93.1 % (≥ 95 %); KPI-002 2 complaints (≤ 2 complaints), on target again; \
         KPI-003 4 points of 5 (≥ 4.2 points of 5), nothing addresses it; \
         KPI-004 0.36 % (≤ 0.5 %), on target again"
    );
    let mut unchanged = saved.clone();
    unchanged.meetings.retain(|m| m.id != "M-007");
    assert_same(&unchanged, &before, "only the meeting was added");
    // m while it is open resumes it rather than setting up another.
    press(&mut app, "q");
    assert_no_cmd(press(&mut app, "m"));
    assert!(app.overlays.is_empty());
    assert_eq!(app.screen(), Screen::Meeting);
}

// ---------------------------------------------------------- the card

#[test]
fn digits_in_a_meeting_rescore_the_card_item_and_keep_the_score_it_started_from() {
    let mut app = app();
    start(&mut app, &["Jane Smith"]);
    card_to(&mut app, "O-002"); // fifth: Critical 4×4, target 5×4, due 2026-10-16
    assert_eq!(item(&app, "O-002").current, Score::new(4, 4));
    assert_no_cmd(press(&mut app, "3"));
    let saved = settle(&mut app, |a| press(a, "4"));
    let review = review_of(&meeting(&saved, "M-007"), "O-002").expect("a review of O-002");
    assert_eq!(review.before, Score::new(4, 4));
    assert_eq!(review.after, Score::new(3, 4));
    assert_eq!(review.at, now());
    assert_eq!(review.decision, "");
    assert_eq!(review.next_review, None);
    assert_eq!(saved.item("O-002").unwrap().current, Score::new(3, 4));
    assert_eq!(item(&app, "O-002").current, Score::new(3, 4));
    assert!(status_info(&app).contains("3×4=12"), "{:?}", app.status);
    assert_eq!(
        app.meeting_item().as_deref(),
        Some("O-002"),
        "the card stays"
    );
    // A second change keeps where the meeting started.
    let saved = settle(&mut app, |a| press(a, "22"));
    let m = meeting(&saved, "M-007");
    assert_eq!(m.reviewed.len(), 1, "one review per item");
    assert_eq!(m.reviewed[0].before, Score::new(4, 4));
    assert_eq!(m.reviewed[0].after, Score::new(2, 2));
    assert_eq!(item(&app, "O-002").current, Score::new(2, 2));
    // The item's review date only moves when the meeting closes.
    assert_eq!(item(&app, "O-002").next_review, Some(day("2026-10-16")));
}

#[test]
fn t_in_a_meeting_scores_the_target_and_marks_the_item_reviewed() {
    let mut app = app();
    start(&mut app, &[]);
    card_to(&mut app, "O-002"); // fifth: Critical 4×4, target 5×4, due 2026-10-16
    assert_eq!(item(&app, "O-002").target, Some(Score::new(5, 4)));
    assert_no_cmd(press(&mut app, "t"));
    let saved = settle(&mut app, |a| press(a, "45"));
    assert_eq!(saved.item("O-002").unwrap().target, Some(Score::new(4, 5)));
    assert_eq!(
        saved.item("O-002").unwrap().current,
        Score::new(4, 4),
        "the current score stays"
    );
    let review = review_of(&meeting(&saved, "M-007"), "O-002").expect("reviewed");
    assert_eq!(
        (review.before, review.after),
        (Score::new(4, 4), Score::new(4, 4))
    );
}

#[test]
fn e_in_a_meeting_edits_the_card_item() {
    let mut app = app();
    start(&mut app, &[]);
    press(&mut app, "l");
    assert_no_cmd(press(&mut app, "e"));
    assert_eq!(purpose(&app), FormPurpose::EditItem("O-005".into()));
    assert_eq!(
        form(&app).field("Title").text_value(),
        item(&app, "O-005").title
    );
    focus(&mut app, "Process");
    type_text(&mut app, " and training");
    let saved = settle(&mut app, |a| ctrl(a, 's'));
    assert_eq!(saved.item("O-005").unwrap().process, "HR and training");
    assert_eq!(app.screen(), Screen::Meeting);
    assert_eq!(app.meeting_item().as_deref(), Some("O-005"));
}

#[test]
fn d_records_the_decision_on_the_card_item() {
    let mut app = app();
    start(&mut app, &["Jane Smith"]);
    card_to(&mut app, "O-002"); // fifth: Critical 4×4, target 5×4, due 2026-10-16
    assert_no_cmd(press(&mut app, "d"));
    assert_eq!(
        purpose(&app),
        FormPurpose::Decision {
            item: "O-002".into()
        }
    );
    assert_eq!(form(&app).field("Decision").text_value(), "");
    // An empty decision is refused at its field.
    let before = app.register.clone();
    assert_no_cmd(press_code(&mut app, KeyCode::Enter));
    assert!(form(&app).field("Decision").error.is_some());
    assert_unchanged(&app.register, &before, "nothing changed");
    type_text(&mut app, "Sell spare tank time only");
    let saved = settle(&mut app, |a| press_code(a, KeyCode::Enter));
    assert!(app.overlays.is_empty());
    let review = review_of(&meeting(&saved, "M-007"), "O-002").expect("reviewed");
    assert_eq!(review.decision, "Sell spare tank time only");
    assert_eq!(
        (review.before, review.after),
        (Score::new(4, 4), Score::new(4, 4))
    );
    assert!(status_info(&app).contains("decision on O-002 recorded"));
    // d again shows it for correction.
    press(&mut app, "d");
    assert_eq!(
        form(&app).field("Decision").text_value(),
        "Sell spare tank time only"
    );
    type_text(&mut app, ", for now");
    let saved = settle(&mut app, |a| press_code(a, KeyCode::Enter));
    assert_eq!(
        review_of(&meeting(&saved, "M-007"), "O-002")
            .unwrap()
            .decision,
        "Sell spare tank time only, for now"
    );
}

#[test]
fn v_agrees_the_next_review_and_refuses_a_date_in_the_past() {
    let mut app = app();
    start(&mut app, &[]);
    card_to(&mut app, "O-002"); // fifth: Critical 4×4, target 5×4, due 2026-10-16
    assert_no_cmd(press(&mut app, "v"));
    assert_eq!(
        purpose(&app),
        FormPurpose::NextReview {
            item: "O-002".into()
        }
    );
    let before = app.register.clone();
    type_text(&mut app, "2026-11-20");
    assert_no_cmd(press_code(&mut app, KeyCode::Enter));
    let error = form(&app)
        .field("Next review")
        .error
        .clone()
        .expect("an error at the field");
    assert!(error.contains("in the past"), "{error}");
    assert_unchanged(&app.register, &before, "nothing changed");
    // Not a date at all.
    clear_field(&mut app);
    type_text(&mut app, "next June");
    assert_no_cmd(press_code(&mut app, KeyCode::Enter));
    assert!(form(&app).field("Next review").error.is_some());
    assert_unchanged(&app.register, &before, "nothing changed");

    clear_field(&mut app);
    type_text(&mut app, "2027-01-15");
    let saved = settle(&mut app, |a| press_code(a, KeyCode::Enter));
    assert!(app.overlays.is_empty());
    let review = review_of(&meeting(&saved, "M-007"), "O-002").expect("reviewed");
    assert_eq!(review.next_review, Some(day("2027-01-15")));
    assert_eq!(
        item(&app, "O-002").next_review,
        Some(day("2026-10-16")),
        "the item takes it when the meeting closes"
    );
    // Today itself is not in the past; an empty field goes back to the band.
    press(&mut app, "v");
    assert_eq!(form(&app).field("Next review").text_value(), "2027-01-15");
    clear_field(&mut app);
    let saved = settle(&mut app, |a| press_code(a, KeyCode::Enter));
    assert_eq!(
        review_of(&meeting(&saved, "M-007"), "O-002")
            .unwrap()
            .next_review,
        None
    );
    press(&mut app, "v");
    type_text(&mut app, "2026-11-21");
    let saved = settle(&mut app, |a| press_code(a, KeyCode::Enter));
    assert_eq!(
        review_of(&meeting(&saved, "M-007"), "O-002")
            .unwrap()
            .next_review,
        Some(today())
    );
}

#[test]
fn enter_asks_what_was_decided_then_marks_the_item_reviewed_and_moves_on() {
    let mut app = app();
    start(&mut app, &[]);
    card_to(&mut app, "O-002"); // fifth: Critical 4×4, target 5×4, due 2026-10-16
    // A review counts only with what was decided: Enter asks.
    let before = app.register.clone();
    assert_no_cmd(press_code(&mut app, KeyCode::Enter));
    assert_eq!(
        purpose(&app),
        FormPurpose::Reviewed {
            item: "O-002".into()
        }
    );
    // A decision left empty is refused at the decision.
    assert_no_cmd(ctrl(&mut app, 's'));
    assert!(form(&app).field("Decision").error.is_some());
    assert_unchanged(&app.register, &before, "nothing recorded yet");
    // "No change" is a decision too, said so in the minutes.
    press_code(&mut app, KeyCode::BackTab);
    press_code(&mut app, KeyCode::Right);
    let saved = settle(&mut app, |a| ctrl(a, 's'));
    let m = meeting(&saved, "M-007");
    let review = review_of(&m, "O-002").expect("O-002 reviewed");
    assert_eq!(
        (review.before, review.after),
        (Score::new(4, 4), Score::new(4, 4)),
        "the score is confirmed"
    );
    assert_eq!(review.decision, "No change");
    assert_eq!(review.at, now());
    assert_eq!(app.meeting.position, 5);
    assert_eq!(app.meeting_item().as_deref(), Some("R-020"));
    assert_eq!(m.agenda, AGENDA, "the agenda is not changed");
    // On the last item, Enter records it and stays.
    press(&mut app, "llllllllllllll");
    assert_eq!(app.meeting_item().as_deref(), Some("R-002"));
    let saved = settle(&mut app, no_change);
    assert!(review_of(&meeting(&saved, "M-007"), "R-002").is_some());
    assert_eq!(app.meeting_item().as_deref(), Some("R-002"));
    assert_eq!(meeting(&saved, "M-007").reviewed.len(), 2);
}

#[test]
fn l_h_and_arrows_move_along_the_agenda_and_stop_at_the_ends() {
    let mut app = app();
    start(&mut app, &[]);
    let before = app.register.clone();
    assert_no_cmd(press(&mut app, "h"));
    assert_eq!(app.meeting.position, 0, "stops at the first item");
    assert_eq!(app.screen(), Screen::Meeting, "h is not the heat map here");
    assert_no_cmd(press(&mut app, "l"));
    assert_eq!(app.meeting_item().as_deref(), Some("O-005"));
    assert_no_cmd(press_code(&mut app, KeyCode::Right));
    assert_eq!(app.meeting_item().as_deref(), Some("R-004"));
    assert_no_cmd(press(&mut app, "h"));
    assert_eq!(app.meeting_item().as_deref(), Some("O-005"));
    assert_no_cmd(press_code(&mut app, KeyCode::Left));
    assert_eq!(app.meeting_item().as_deref(), Some("R-012"));
    for _ in 0..20 {
        press_code(&mut app, KeyCode::Right);
    }
    assert_eq!(app.meeting.position, 10, "stops at the last item");
    assert_eq!(app.meeting_item().as_deref(), Some("R-002"));
    assert_unchanged(&app.register, &before, "moving records nothing");
}

#[test]
fn plus_adds_an_item_after_the_current_one() {
    let mut app = app();
    start(&mut app, &[]);
    press(&mut app, "l");
    assert_no_cmd(press(&mut app, "+"));
    assert_eq!(purpose(&app), FormPurpose::AddAgendaItem);
    // Live items not on the agenda: all but the 11 above and the Closed
    // O-001, O-004, R-003 and R-006.
    let offered: Vec<String> = match &form(&app).field("Item").value {
        roreg::tui::form::Value::Choice { options, .. } => options
            .iter()
            .map(|o| o.split(' ').next().unwrap().to_string())
            .collect(),
        _ => panic!("Item is a choice"),
    };
    assert_eq!(
        offered,
        [
            "O-006", "O-007", "R-001", "R-005", "R-007", "R-008", "R-010", "R-013", "R-014",
            "R-015", "R-016", "R-018", "R-019"
        ]
    );
    // A letter jumps to the next option starting with it.
    type_text(&mut app, "r");
    assert!(
        form(&app)
            .field("Item")
            .selected_label()
            .starts_with("R-001 ")
    );
    let saved = settle(&mut app, |a| press_code(a, KeyCode::Enter));
    let agenda = meeting(&saved, "M-007").agenda;
    let mut expected: Vec<&str> = AGENDA.to_vec();
    expected.insert(2, "R-001");
    assert_eq!(agenda, expected);
    assert_eq!(app.meeting.position, 2, "the card shows the added item");
    assert_eq!(app.meeting_item().as_deref(), Some("R-001"));
    assert!(
        meeting(&saved, "M-007").reviewed.is_empty(),
        "added, not reviewed"
    );
}

#[test]
fn s_skips_the_card_item_with_why_and_moves_it_to_the_end_of_the_agenda() {
    let mut app = app();
    start(&mut app, &[]);
    assert_no_cmd(press(&mut app, "s"));
    assert_eq!(
        purpose(&app),
        FormPurpose::Skip {
            item: "R-012".into()
        }
    );
    type_text(&mut app, "owner away; next month");
    let saved = settle(&mut app, |a| press_code(a, KeyCode::Enter));
    let skipped = &meeting(&saved, "M-007").skipped;
    assert_eq!(skipped.len(), 1);
    assert_eq!(
        (
            skipped[0].item.as_str(),
            skipped[0].reason.as_str(),
            skipped[0].at
        ),
        ("R-012", "owner away; next month", now())
    );
    let mut expected: Vec<&str> = AGENDA[1..].to_vec();
    expected.push("R-012");
    assert_eq!(meeting(&saved, "M-007").agenda, expected);
    assert_eq!(app.meeting.position, 0);
    assert_eq!(
        app.meeting_item().as_deref(),
        Some("O-005"),
        "the card goes on to the next item"
    );
    assert!(meeting(&saved, "M-007").reviewed.is_empty(), "skipped");
}

#[test]
fn capital_k_and_j_move_the_card_item_in_the_agenda() {
    let mut app = app();
    start(&mut app, &[]);
    press(&mut app, "l");
    let saved = settle(&mut app, |a| press(a, "J"));
    assert_eq!(
        meeting(&saved, "M-007").agenda[..4],
        ["R-012", "R-004", "O-005", "R-011"]
    );
    assert_eq!(app.meeting.position, 2, "the card follows the item");
    assert_eq!(app.meeting_item().as_deref(), Some("O-005"));
    let saved = settle(&mut app, |a| press(a, "K"));
    assert_eq!(meeting(&saved, "M-007").agenda, AGENDA);
    assert_eq!(app.meeting.position, 1);
    let saved = settle(&mut app, |a| press(a, "K"));
    assert_eq!(
        meeting(&saved, "M-007").agenda[..3],
        ["O-005", "R-012", "R-004"]
    );
    assert_eq!(app.meeting.position, 0);
    assert_eq!(app.meeting_item().as_deref(), Some("O-005"));
    // At the top K keeps it there.
    let cmd = press(&mut app, "K");
    if matches!(cmd, Cmd::Save(_)) {
        settle_cmd(&mut app, cmd);
    }
    assert_eq!(open_meeting(&app).agenda[0], "O-005");
    assert_eq!(app.meeting.position, 0);
}

#[test]
fn j_k_and_arrows_select_among_the_card_items_open_actions() {
    let mut app = app();
    start(&mut app, &[]);
    // R-009 has A-021 (Done), A-022 (In progress) and A-023 (Open): the
    // only agenda item with two open actions.
    card_on(&mut app, "R-009");
    assert_eq!(app.card_actions(), ["A-022", "A-023"]);
    assert_eq!(app.meeting.action, 0);
    let before = app.register.clone();
    assert_no_cmd(press(&mut app, "j"));
    assert_eq!(app.meeting.action, 1);
    press(&mut app, "j");
    assert_eq!(app.meeting.action, 1, "stops at the last open action");
    assert_no_cmd(press(&mut app, "k"));
    assert_eq!(app.meeting.action, 0);
    press(&mut app, "k");
    assert_eq!(app.meeting.action, 0);
    press_code(&mut app, KeyCode::Down);
    assert_eq!(app.meeting.action, 1);
    press_code(&mut app, KeyCode::Up);
    assert_eq!(app.meeting.action, 0);
    assert_eq!(app.meeting_item().as_deref(), Some("R-009"), "same card");
    // Another card starts at its first action.
    press(&mut app, "j");
    press(&mut app, "l");
    assert_eq!(app.meeting.action, 0);
    assert_unchanged(&app.register, &before, "nothing changed");
}

#[test]
fn a_in_a_meeting_adds_an_action_and_lists_it_as_raised() {
    let mut app = app();
    start(&mut app, &[]);
    card_to(&mut app, "O-002"); // fifth: Critical 4×4, target 5×4, due 2026-10-16
    assert_no_cmd(press(&mut app, "a"));
    assert_eq!(
        purpose(&app),
        FormPurpose::NewAction {
            item: "O-002".into()
        }
    );
    type_text(&mut app, "Price list for outside work");
    let saved = settle(&mut app, |a| ctrl(a, 's'));
    // The highest action id in the file is A-037.
    let action = saved
        .item("O-002")
        .unwrap()
        .actions
        .iter()
        .find(|a| a.id == "A-038")
        .expect("A-038 on O-002")
        .clone();
    assert_eq!(action.text, "Price list for outside work");
    assert_eq!(action.owner, "tnguyen", "the item's owner");
    assert_eq!(action.status, ActionStatus::Open);
    assert_eq!(meeting(&saved, "M-007").actions_raised, ["A-038"]);
    assert!(meeting(&saved, "M-007").actions_closed.is_empty());
    assert_eq!(app.screen(), Screen::Meeting);
    // An action added outside the meeting screen is not the meeting's.
    press(&mut app, "q");
    assert_eq!(app.screen(), Screen::Register);
    press(&mut app, "a");
    type_text(&mut app, "Not in the minutes");
    let saved = settle(&mut app, |a| ctrl(a, 's'));
    assert!(
        saved
            .items
            .iter()
            .any(|i| i.actions.iter().any(|a| a.id == "A-039"))
    );
    assert_eq!(meeting(&saved, "M-007").actions_raised, ["A-038"]);
}

#[test]
fn x_in_a_meeting_closes_the_selected_action_and_lists_it_as_closed() {
    let mut app = app();
    start(&mut app, &[]);
    // The only agenda item with two open actions: R-009 (A-022, A-023).
    card_on(&mut app, "R-009");
    press(&mut app, "j");
    let saved = settle(&mut app, |a| press(a, "x"));
    let a023 = saved
        .item("R-009")
        .unwrap()
        .actions
        .iter()
        .find(|a| a.id == "A-023")
        .unwrap()
        .clone();
    assert_eq!(a023.status, ActionStatus::Done);
    assert_eq!(a023.done_on, Some(today()));
    let a022 = &saved.item("R-009").unwrap().actions[1];
    assert_eq!(
        (a022.id.as_str(), a022.status),
        ("A-022", ActionStatus::InProgress),
        "only the selected action"
    );
    assert_eq!(meeting(&saved, "M-007").actions_closed, ["A-023"]);
    assert!(meeting(&saved, "M-007").actions_raised.is_empty());
    assert_eq!(
        purpose(&app),
        FormPurpose::Effectiveness {
            item: "R-009".into(),
            action: "A-023".into()
        },
        "the effectiveness check is asked for"
    );
    assert_no_cmd(press_code(&mut app, KeyCode::Esc));
    assert!(app.overlays.is_empty());
    assert_eq!(app.screen(), Screen::Meeting);
    assert_eq!(app.card_actions(), ["A-022"]);

    // On a card without open actions, x says so: R-004.
    let before = app.register.clone();
    card_on(&mut app, "R-004");
    assert_eq!(app.meeting_item().as_deref(), Some("R-004"));
    assert_no_cmd(press(&mut app, "x"));
    assert!(status_error(&app).contains("no action selected"));
    assert_unchanged(&app.register, &before, "nothing changed");
}

#[test]
fn capital_e_in_a_meeting_edits_the_selected_action_and_done_lists_it_as_closed() {
    let mut app = app();
    start(&mut app, &[]);
    // The only agenda item with two open actions: R-009 (A-022, A-023).
    card_on(&mut app, "R-009");
    press(&mut app, "j");
    assert_no_cmd(press(&mut app, "E"));
    assert_eq!(
        purpose(&app),
        FormPurpose::EditAction {
            item: "R-009".into(),
            action: "A-023".into()
        }
    );
    // Its text changed and marked Done from the form.
    focus(&mut app, "Action");
    while !form(&app).field("Action").text_value().is_empty() {
        press_code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "Cross-train a second programmer");
    focus(&mut app, "Status");
    while form(&app).field("Status").selected_label() != "Done" {
        press_code(&mut app, KeyCode::Right);
    }
    let saved = settle(&mut app, |a| ctrl(a, 's'));
    let a023 = saved
        .item("R-009")
        .unwrap()
        .actions
        .iter()
        .find(|a| a.id == "A-023")
        .unwrap()
        .clone();
    assert_eq!(a023.text, "Cross-train a second programmer");
    assert_eq!(a023.status, ActionStatus::Done);
    assert_eq!(meeting(&saved, "M-007").actions_closed, ["A-023"]);
    assert!(matches!(purpose(&app), FormPurpose::Effectiveness { .. }));
}

#[test]
fn capital_n_records_the_meeting_notes() {
    let mut app = app();
    start(&mut app, &[]);
    assert_no_cmd(press(&mut app, "N"));
    assert_eq!(purpose(&app), FormPurpose::MeetingNotes);
    assert_eq!(form(&app).field("Notes").text_value(), "");
    type_text(&mut app, "Quorum reached at 10:05.");
    press_code(&mut app, KeyCode::Enter);
    type_text(&mut app, "Next meeting after the Q1 audit.");
    let saved = settle(&mut app, |a| ctrl(a, 's'));
    assert_eq!(
        meeting(&saved, "M-007").notes,
        "Quorum reached at 10:05.\nNext meeting after the Q1 audit."
    );
    // N again shows them as recorded, to add to.
    press(&mut app, "N");
    assert_eq!(
        form(&app).field("Notes").text_value(),
        "Quorum reached at 10:05.\nNext meeting after the Q1 audit."
    );
}

#[test]
fn capital_p_records_a_late_arrival_and_an_early_leaver_with_the_time() {
    let mut app = app();
    start(&mut app, &[]);
    // Jane Smith, absent at the start, arrives at 10:25.
    assert_no_cmd(press(&mut app, "P"));
    assert_eq!(purpose(&app), FormPurpose::Presence);
    while !form(&app)
        .field("Person")
        .selected_label()
        .contains("(jsmith)")
    {
        press_code(&mut app, KeyCode::Right);
    }
    focus(&mut app, "Time");
    while !form(&app).field("Time").text_value().is_empty() {
        press_code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "10:25");
    let saved = settle(&mut app, |a| ctrl(a, 's'));
    let jsmith = meeting(&saved, "M-007")
        .attendance
        .into_iter()
        .find(|a| a.person == "jsmith")
        .unwrap();
    assert!(jsmith.present);
    assert_eq!(
        jsmith.arrived,
        Some(Timestamp::parse("2026-11-21T10:25:00Z").unwrap())
    );
    // The facilitator leaves early, now.
    press(&mut app, "P");
    while !form(&app)
        .field("Person")
        .selected_label()
        .contains("(qlead)")
    {
        press_code(&mut app, KeyCode::Right);
    }
    focus(&mut app, "What");
    press_code(&mut app, KeyCode::Right);
    let saved = settle(&mut app, |a| ctrl(a, 's'));
    let qlead = meeting(&saved, "M-007")
        .attendance
        .into_iter()
        .find(|a| a.person == "qlead")
        .unwrap();
    assert!(qlead.left.is_some());
    // A time before the start is refused at the time.
    press(&mut app, "P");
    focus(&mut app, "Time");
    while !form(&app).field("Time").text_value().is_empty() {
        press_code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "07:00");
    assert_no_cmd(ctrl(&mut app, 's'));
    assert!(form(&app).field("Time").error.is_some());
}

#[test]
fn capital_g_adds_a_guest_who_never_counts_as_top_management() {
    let mut app = app();
    start(&mut app, &[]);
    assert_no_cmd(press(&mut app, "G"));
    assert_eq!(purpose(&app), FormPurpose::Guest);
    type_text(&mut app, "Ola Berg");
    press_code(&mut app, KeyCode::Tab);
    type_text(&mut app, "external auditor");
    press_code(&mut app, KeyCode::Tab);
    type_text(&mut app, "Certifier AB");
    let saved = settle(&mut app, |a| ctrl(a, 's'));
    let m = meeting(&saved, "M-007");
    assert_eq!(m.guests.len(), 1);
    assert_eq!(
        (
            m.guests[0].name.as_str(),
            m.guests[0].role.as_str(),
            m.guests[0].organisation.as_str()
        ),
        ("Ola Berg", "external auditor", "Certifier AB")
    );
    assert!(!meetings::top_management_present(&saved, &m));
}

/// After `x` on the last open action of the card, the selection should stay
/// on an open action (as the item detail does), so that `x` again closes
/// the one left.
#[test]
fn closing_the_last_listed_action_keeps_a_selection_on_the_card() {
    let mut app = app();
    start(&mut app, &[]);
    // The only agenda item with two open actions: R-009 (A-022, A-023).
    card_on(&mut app, "R-009");
    press(&mut app, "j");
    settle(&mut app, |a| press(a, "x"));
    press_code(&mut app, KeyCode::Esc);
    assert_eq!(app.card_actions(), ["A-022"]);
    assert_eq!(
        app.meeting.action, 0,
        "the selection is on the one open action left"
    );
    let saved = settle(&mut app, |a| press(a, "x"));
    assert_eq!(meeting(&saved, "M-007").actions_closed, ["A-023", "A-022"]);
}

#[test]
fn q_and_esc_leave_the_meeting_screen_and_the_meeting_stays_open() {
    for back in [KeyCode::Char('q'), KeyCode::Esc] {
        let mut app = app();
        start(&mut app, &[]);
        settle(&mut app, no_change);
        let before = app.register.clone();
        assert_no_cmd(press_code(&mut app, back));
        assert_eq!(app.screen(), Screen::Register, "{back:?}");
        assert!(!app.quitting);
        assert_unchanged(&app.register, &before, "nothing changed");
        assert_eq!(open_meeting(&app).id, "M-007");
        // m comes back to it, at the first item not yet reviewed.
        assert_no_cmd(press(&mut app, "m"));
        assert_eq!(app.screen(), Screen::Meeting);
        assert_eq!(app.meeting_item().as_deref(), Some("O-005"));
    }
}

// ---------------------------------------------------------- finishing

#[test]
fn f_shows_the_summary_n_returns_and_y_closes_the_meeting_for_good() {
    let mut app = app();
    start(&mut app, &["Jane Smith"]);
    card_to(&mut app, "O-002");
    settle(&mut app, |a| press(a, "34")); // O-002 4×4 → 3×4
    press(&mut app, "v");
    type_text(&mut app, "2027-01-15");
    settle(&mut app, |a| press_code(a, KeyCode::Enter));
    settle(&mut app, no_change); // O-002 done
    press(&mut app, "hhhh"); // back from R-020 to O-005
    assert_eq!(app.meeting_item().as_deref(), Some("O-005"));
    settle(&mut app, no_change); // O-005 confirmed 4×3
    press(&mut app, "hh"); // back from R-004 to the first item
    assert_eq!(app.meeting_item().as_deref(), Some("R-012"));
    settle(&mut app, |a| press(a, "11")); // R-012 4×3 → 1×1

    assert_no_cmd(press(&mut app, "f"));
    assert!(top_is(&app, |o| matches!(o, Overlay::MeetingSummary)));
    let summary = meetings::summary(&app.register, &open_meeting(&app));
    assert_eq!(summary.present, ["jsmith", "qlead"]);
    assert!(summary.top_management_present);
    assert_eq!(summary.reviewed, 3);
    assert_eq!(
        summary.rescored,
        [
            ("O-002".to_string(), Score::new(4, 4), Score::new(3, 4)),
            ("R-012".to_string(), Score::new(4, 3), Score::new(1, 1))
        ]
    );
    let before = app.register.clone();
    assert_no_cmd(press(&mut app, "n"));
    assert!(app.overlays.is_empty());
    assert_eq!(app.screen(), Screen::Meeting);
    assert_unchanged(&app.register, &before, "nothing changed");
    assert_eq!(app.meeting_item().as_deref(), Some("R-012"));
    // Other keys leave the summary up.
    press(&mut app, "f");
    assert_no_cmd(press(&mut app, "x"));
    assert!(top_is(&app, |o| matches!(o, Overlay::MeetingSummary)));
    assert_unchanged(&app.register, &before, "nothing changed");

    let saved = settle(&mut app, |a| press(a, "y"));
    assert!(app.overlays.is_empty());
    assert_eq!(app.screen(), Screen::Register, "the meeting screen closes");
    let m = meeting(&saved, "M-007");
    assert_eq!(m.closed, Some(now()));
    assert!(meetings::open_meeting(&saved).is_none());
    assert_eq!(
        status_info(&app),
        "M-007 closed: 3 items reviewed; its record is final"
    );
    // The reviews as recorded.
    let reviews: Vec<(&str, Score, Score, Option<Date>)> = m
        .reviewed
        .iter()
        .map(|r| (r.item.as_str(), r.before, r.after, r.next_review))
        .collect();
    assert_eq!(
        reviews,
        [
            (
                "O-002",
                Score::new(4, 4),
                Score::new(3, 4),
                Some(day("2027-01-15"))
            ),
            ("O-005", Score::new(4, 3), Score::new(4, 3), None),
            ("R-012", Score::new(4, 3), Score::new(1, 1), None),
        ]
    );
    // Review dates moved: the agreed date for O-002; otherwise the meeting
    // day (2026-11-21) plus the band's interval: O-005 at 4×3=12 is High,
    // 90 days → 2027-02-19 (9 days to 30 Nov, 31 to 31 Dec, 31 to 31 Jan,
    // 19 into February); R-012 at 1×1=1 is Low, 365 days → 2027-11-21.
    assert_eq!(
        saved.item("O-002").unwrap().next_review,
        Some(day("2027-01-15"))
    );
    assert_eq!(
        saved.item("O-005").unwrap().next_review,
        Some(day("2027-02-19"))
    );
    assert_eq!(
        saved.item("R-012").unwrap().next_review,
        Some(day("2027-11-21"))
    );
    // Items on the agenda but not reviewed keep theirs.
    assert_eq!(
        saved.item("R-020").unwrap().next_review,
        Some(day("2026-11-18"))
    );

    // The closed record cannot change, whatever tries.
    let closed = app.register.clone();
    let rewritten = app.change("rewrite the minutes", Scope::meeting("M-007"), |r| {
        let m = r.meetings.iter_mut().find(|m| m.id == "M-007").unwrap();
        m.reviewed[0].decision = "rewritten".into();
        Ok(())
    });
    assert_eq!(
        rewritten.unwrap_err(),
        "M-007 is closed; its record cannot be changed"
    );
    let removed = app.change("remove the minutes", Scope::meeting("M-007"), |r| {
        r.meetings.retain(|m| m.id != "M-007");
        Ok(())
    });
    assert!(removed.unwrap_err().contains("cannot be removed"));
    let reopened = app.change("reopen", Scope::meeting("M-007"), |r| {
        r.meetings
            .iter_mut()
            .find(|m| m.id == "M-007")
            .unwrap()
            .closed = None;
        Ok(())
    });
    assert!(reopened.is_err());
    assert_unchanged(&app.register, &closed, "nothing changed");
    // m now sets up a new meeting rather than resuming the closed one.
    press(&mut app, "m");
    assert_eq!(purpose(&app), FormPurpose::StartMeeting);
}

#[test]
fn capital_d_discards_a_meeting_without_records_but_not_one_with_records() {
    let mut app = app();
    let original = app.register.clone();
    start(&mut app, &[]);
    press(&mut app, "f");
    let saved = settle(&mut app, |a| press(a, "D"));
    assert_same(&saved, &original, "nothing of the meeting is kept");
    assert!(app.overlays.is_empty());
    assert_eq!(app.screen(), Screen::Register);
    assert!(meetings::open_meeting(&app.register).is_none());

    // With a review recorded, D is refused and the summary stays.
    start(&mut app, &[]);
    settle(&mut app, no_change);
    press(&mut app, "f");
    let before = app.register.clone();
    assert_no_cmd(press(&mut app, "D"));
    assert!(status_error(&app).contains("has records"));
    assert!(top_is(&app, |o| matches!(o, Overlay::MeetingSummary)));
    assert_unchanged(&app.register, &before, "nothing changed");
    // The discarded M-007 is in the history: its id is not handed out again.
    assert_eq!(open_meeting(&app).id, "M-008");
    press(&mut app, "n");
    assert_eq!(app.screen(), Screen::Meeting);

    // An action raised is a record too.
    let mut app = self::app();
    start(&mut app, &[]);
    press(&mut app, "a");
    type_text(&mut app, "Call the customer");
    settle(&mut app, |a| ctrl(a, 's'));
    press(&mut app, "f");
    assert_no_cmd(press(&mut app, "D"));
    assert_eq!(open_meeting(&app).actions_raised, ["A-038"]);
}

// ---------------------------------------------------------- resuming

/// The example with M-007 left open: agenda O-002, O-005, R-012, of which
/// O-002 and R-012 were reviewed.
fn with_open_meeting() -> (Register, Fingerprint) {
    let (mut register, fingerprint) = example();
    let t = Timestamp::parse("2026-11-21T09:00:00Z").unwrap();
    recorded(&mut register, t, |r| {
        meetings::start(
            r,
            MeetingKind::RiskReview,
            "qlead",
            vec![attendance("qlead", true, false)],
            vec!["O-002".into(), "O-005".into(), "R-012".into()],
            t,
        )
        .map(|_| ())
    });
    recorded(&mut register, t, |r| meetings::mark_reviewed(r, "O-002", t));
    recorded(&mut register, t, |r| meetings::mark_reviewed(r, "R-012", t));
    // The facilitator had gone back to O-005 when the connection dropped.
    recorded(&mut register, t, |r| meetings::show_item(r, Some("O-005")));
    (register, fingerprint)
}

/// Makes a change to the (protected) example and records it as roreg does,
/// so that the file is what roreg would have saved.
fn recorded(r: &mut Register, at: Timestamp, f: impl FnOnce(&mut Register) -> Result<(), String>) {
    let before = r.clone();
    f(r).unwrap();
    let changes = roreg::domain::history::diff(&before, r);
    roreg::domain::history::record(r, changes, at, "qlead");
}

#[test]
fn a_register_with_an_open_meeting_asks_to_resume_and_r_resumes_where_it_was() {
    let (register, fingerprint) = with_open_meeting();
    let mut app = app_with(register.clone(), fingerprint);
    assert_eq!(app.overlays.len(), 1);
    assert!(top_is(&app, |o| matches!(o, Overlay::ResumeMeeting)));
    // Other keys leave the question up.
    assert_no_cmd(press(&mut app, "j"));
    assert!(top_is(&app, |o| matches!(o, Overlay::ResumeMeeting)));
    assert_no_cmd(press(&mut app, "r"));
    assert!(app.overlays.is_empty());
    assert_eq!(app.screen(), Screen::Meeting);
    assert_eq!(app.meeting.position, 1);
    assert_eq!(app.meeting_item().as_deref(), Some("O-005"));
    assert_unchanged(&app.register, &register, "resuming changes nothing");
}

#[test]
fn l_on_the_resume_question_leaves_the_meeting_open_for_later() {
    let (register, fingerprint) = with_open_meeting();
    let mut app = app_with(register.clone(), fingerprint);
    assert_no_cmd(press(&mut app, "l"));
    assert!(app.overlays.is_empty());
    assert_eq!(app.screen(), Screen::Register);
    assert!(status_info(&app).contains("m resumes"));
    assert_unchanged(&app.register, &register, "nothing changed");
    assert_eq!(open_meeting(&app).id, "M-007");
    assert_no_cmd(press(&mut app, "m"));
    assert!(app.overlays.is_empty(), "no start form: it resumes");
    assert_eq!(app.meeting_item().as_deref(), Some("O-005"));
}

// ---------------------------------------------------------- the audit

/// The hand count of the example, for the twelve months up to 2026-11-21
/// (2025-11-22 to 2026-11-21).
///
/// Meetings (all closed, all in the period):
///   M-001 2025-12-10 Risk review:       jsmith present, dpatel apologies, mokoro present
///   M-002 2026-02-18 Risk review:       jsmith present, dpatel present, mokoro apologies
///   M-003 2026-04-22 Management review: jsmith, dpatel, mokoro present
///   M-004 2026-06-17 Risk review:       jsmith apologies, dpatel present, mokoro present
///   M-005 2026-09-16 Risk review:       jsmith present, dpatel apologies, mokoro present
///   M-006 2026-11-11 Risk review:       jsmith, dpatel, mokoro present
///   → 6 held: 5 risk reviews, 1 management review; every one had a top
///     manager present (6 of 6).
///   Top management (people with top_management: true, in people order):
///     dpatel attended M-002, M-003, M-004, M-006: 4 of 6;
///     jsmith attended M-001, M-002, M-003, M-005, M-006: 5 of 6;
///     mokoro attended M-001, M-003, M-004, M-005, M-006: 5 of 6.
///   Present per meeting (counting `present: true` lines):
///     M-001 9 of 11 lines (dpatel, cdavies not), M-002 9 of 11 (mokoro,
///     gevans not), M-003 12 of 12, M-004 10 of 12 (jsmith, lwilson not),
///     M-005 10 of 11 (dpatel not), M-006 10 of 12 (skhan, gevans not).
///
/// Reviews overdue (next_review before 2026-11-21, item not Closed):
///   O-002 2026-10-16, O-005 2026-09-15, R-004 2026-09-15,
///   R-011 2026-09-15, R-012 2026-07-21, R-020 2026-11-18 → 6.
/// Actions overdue (Open or InProgress, due before 2026-11-21):
///   O-006/A-029 2026-10-30, R-001/A-003 2026-10-16, R-002/A-005
///   2026-10-30, R-008/A-020 2026-11-13, R-009/A-022 2026-09-30,
///   R-016/A-036 2026-11-06 → 6. (A-030 2026-12-04, A-023 2026-12-11,
///   A-011 and A-032 2026-12-18 are not yet due.)
/// Done without an effectiveness check: O-004/A-017, O-005/A-024,
///   R-008/A-019 → 3 (the 18 other Done actions all have one).
/// Opportunities pursued (Exploit, Enhance or Share, whatever the status):
///   O-001, O-002, O-003, O-006 Exploit; O-005, O-007 Enhance → 6.
///   Declined: O-004 → 1. (O-008 is Undecided.)
/// High (10–15) and Critical (16+) items not Closed: O-002 16, O-003 16,
///   O-005 12, O-006 15, O-007 12, O-008 12, R-001 12, R-002 10, R-004 10,
///   R-008 16, R-009 16, R-011 10, R-012 12, R-013 12, R-014 12, R-017 12,
///   R-020 12 → 17. (O-001 at 15 is Closed.) Last reviewed in a meeting
///   with top management (all six had one), and within 90 days (High) or
///   30 days (Critical) of 2026-11-21:
///   in time: O-006, O-007, R-008, R-009, R-013 (M-006, 10 days);
///            R-001, R-014, R-017 (M-005, 66 days, High) → 8 of 17.
///   not:     O-002 (M-005, 66 days, Critical), O-003 (M-004), O-005
///            (M-004), R-002, R-004, R-011 (M-004, 157 days), R-012 (M-003),
///            O-008, R-020 (never).
/// History integrity: the example ships with the history roreg recorded
/// as it was built (tests/example_history.rs): 368 records, chain intact.
const FIGURES: [(&str, &str); 15] = [
    ("Meetings held", "6 (5 risk reviews, 1 management review)"),
    ("Meetings held, no decisions", "0"),
    ("Meetings with top management present", "6 of 6"),
    ("Attendance of Dev Patel (dpatel)", "4 of 6"),
    ("Attendance of Jane Smith (jsmith)", "5 of 6"),
    ("Attendance of Michael Okoro (mokoro)", "5 of 6"),
    (
        "High and Critical items reviewed with top management within their interval",
        "8 of 17",
    ),
    ("Reviews overdue", "6"),
    ("Actions overdue", "6"),
    ("Actions done without an effectiveness check", "3"),
    ("Management review (9.3.1)", "next due 2027-04-22"),
    // M-003 left c7 (external providers) out.
    ("9.3.2 inputs not considered", "1"),
    ("Opportunities pursued", "6"),
    ("Opportunities declined", "1"),
    ("History integrity", "intact (426 records)"),
];

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn the_audit_of_the_example_matches_the_hand_count() {
    let (register, _) = example();
    let a = audit(&register, Period::last_year(today()), today());
    assert_eq!(
        a.period,
        Period {
            from: day("2025-11-22"),
            to: today()
        }
    );
    assert_eq!(
        a.meetings,
        ids(&["M-001", "M-002", "M-003", "M-004", "M-005", "M-006"])
    );
    assert_eq!((a.risk_reviews, a.management_reviews), (5, 1));
    assert_eq!(a.with_top_management, a.meetings);
    assert_eq!(
        a.attendance,
        [
            Attended {
                person: "dpatel".into(),
                attended: ids(&["M-002", "M-003", "M-004", "M-006"]),
                held: 6
            },
            Attended {
                person: "jsmith".into(),
                attended: ids(&["M-001", "M-002", "M-003", "M-005", "M-006"]),
                held: 6
            },
            Attended {
                person: "mokoro".into(),
                attended: ids(&["M-001", "M-003", "M-004", "M-005", "M-006"]),
                held: 6
            },
        ]
    );
    assert_eq!(
        a.reviews_overdue,
        ids(&["O-002", "O-005", "R-004", "R-011", "R-012", "R-020"])
    );
    assert_eq!(
        a.actions_overdue,
        ids(&[
            "O-006/A-029",
            "R-001/A-003",
            "R-002/A-005",
            "R-008/A-020",
            "R-009/A-022",
            "R-016/A-036"
        ])
    );
    assert_eq!(
        a.done_unchecked,
        ids(&["O-004/A-017", "O-005/A-024", "R-008/A-019"])
    );
    assert_eq!(
        a.opportunities_pursued,
        ids(&["O-001", "O-002", "O-003", "O-005", "O-006", "O-007"])
    );
    assert_eq!(a.opportunities_declined, ids(&["O-004"]));
    let high: Vec<&str> = a.high_items.iter().map(|h| h.item.as_str()).collect();
    assert_eq!(
        high,
        [
            "O-002", "O-003", "O-005", "O-006", "O-007", "O-008", "R-001", "R-002", "R-004",
            "R-008", "R-009", "R-011", "R-012", "R-013", "R-014", "R-017", "R-020"
        ]
    );
    let in_time: Vec<&str> = a
        .high_items
        .iter()
        .filter(|h| h.within_interval)
        .map(|h| h.item.as_str())
        .collect();
    assert_eq!(
        in_time,
        [
            "O-006", "O-007", "R-001", "R-008", "R-009", "R-013", "R-014", "R-017"
        ]
    );
    let last = |id: &str| {
        a.high_items
            .iter()
            .find(|h| h.item == id)
            .unwrap()
            .last_top_review
            .clone()
    };
    assert_eq!(last("O-002"), Some(("M-005".into(), day("2026-09-16"))));
    assert_eq!(last("R-011"), Some(("M-004".into(), day("2026-06-17"))));
    assert_eq!(last("R-020"), None);

    let figures: Vec<(String, String)> = a
        .figures(&register)
        .into_iter()
        .map(|f| (f.label, f.value))
        .collect();
    // The audit's own figures; the view adds the history's integrity.
    let expected: Vec<(String, String)> = FIGURES[..FIGURES.len() - 1]
        .iter()
        .map(|(l, v)| (l.to_string(), v.to_string()))
        .collect();
    assert_eq!(figures, expected);
}

#[test]
fn u_opens_the_audit_for_the_last_twelve_months_with_the_hand_counted_figures() {
    let mut app = app();
    assert!(
        app.audit.figures.is_empty(),
        "not counted until the view opens"
    );
    assert_no_cmd(press(&mut app, "u"));
    assert_eq!(app.screen(), Screen::Audit);
    assert_eq!(
        app.audit.period,
        Period {
            from: day("2025-11-22"),
            to: today()
        }
    );
    let shown: Vec<(&str, &str)> = app
        .audit
        .figures
        .iter()
        .map(|f| (f.label.as_str(), f.value.as_str()))
        .collect();
    assert_eq!(shown, FIGURES);
    assert_eq!(app.audit.selected, 0);

    // And on screen, each label with its value on one row.
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|f| roreg::tui::view::draw(f, &app, &Theme::colour()))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    let rows: Vec<String> = (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect();
    // The value column follows the label on the same row.
    let value_after = |row: &str, label: &str| -> Option<String> {
        let at = row.find(label)?;
        Some(
            row[at + label.len()..]
                .trim_end()
                .trim_end_matches('│')
                .trim()
                .to_string(),
        )
    };
    for (label, value) in FIGURES {
        assert!(
            rows.iter()
                .any(|r| value_after(r, label).as_deref() == Some(value)),
            "no row shows {label:?} = {value:?}:\n{}",
            rows.join("\n")
        );
    }
    assert!(rows[1].contains("2025-11-22 to 2026-11-21"), "{}", rows[1]);
}

#[test]
fn j_k_move_through_the_figures_and_enter_shows_the_records() {
    let mut app = app();
    press(&mut app, "u");
    let before = app.register.clone();
    assert_no_cmd(press(&mut app, "j"));
    assert_eq!(app.audit.selected, 1);
    press_code(&mut app, KeyCode::Down);
    assert_eq!(app.audit.selected, 2);
    assert_no_cmd(press(&mut app, "k"));
    assert_eq!(app.audit.selected, 1);
    press_code(&mut app, KeyCode::Up);
    press(&mut app, "k");
    assert_eq!(app.audit.selected, 0, "stops at the first");
    for _ in 0..20 {
        press(&mut app, "j");
    }
    assert_eq!(app.audit.selected, 14, "stops at the last of 15");

    // Meetings held: one line per meeting, as counted above.
    press(&mut app, "kkkkkkkkkkkkkk");
    assert_eq!(app.audit.selected, 0);
    assert_no_cmd(press_code(&mut app, KeyCode::Enter));
    match app.overlays.last() {
        Some(Overlay::AuditRecords { title, lines, .. }) => {
            assert_eq!(
                title,
                "Meetings held: 6 (5 risk reviews, 1 management review)"
            );
            assert_eq!(
                lines,
                &[
                    "M-001 2025-12-10 Risk review (9 present)",
                    "M-002 2026-02-18 Risk review (9 present)",
                    "M-003 2026-04-22 Management review (12 present)",
                    "M-004 2026-06-17 Risk review (10 present)",
                    "M-005 2026-09-16 Risk review (10 present)",
                    "M-006 2026-11-11 Risk review (10 present)",
                ]
            );
        }
        _ => panic!("Enter shows the records"),
    }
    // j moves through the records, not the figures; Esc closes them
    // (Enter opens the record: `tests/tui_audit_records.rs`).
    press(&mut app, "j");
    assert_eq!(app.audit.selected, 0);
    assert_no_cmd(press_code(&mut app, KeyCode::Esc));
    assert!(app.overlays.is_empty());
    assert_eq!(app.screen(), Screen::Audit);

    // Actions done without an effectiveness check: the 10th figure.
    press(&mut app, "jjjjjjjjj");
    press_code(&mut app, KeyCode::Enter);
    match app.overlays.last() {
        Some(Overlay::AuditRecords { title, lines, .. }) => {
            assert_eq!(title, "Actions done without an effectiveness check: 3");
            let ids: Vec<&str> = lines.iter().map(|l| &l[..14]).collect();
            assert_eq!(
                ids,
                ["A-017 on O-004", "A-024 on O-005", "A-019 on R-008"],
                "{lines:?}"
            );
        }
        _ => panic!("Enter shows the records"),
    }
    press(&mut app, "q");
    assert!(app.overlays.is_empty());
    assert_eq!(app.screen(), Screen::Audit, "q closes the records only");
    assert_unchanged(&app.register, &before, "nothing changed");
}

#[test]
fn p_changes_the_period_and_refuses_an_end_before_the_start() {
    let mut app = app();
    press(&mut app, "u");
    assert_no_cmd(press(&mut app, "p"));
    assert_eq!(purpose(&app), FormPurpose::AuditPeriod);
    assert_eq!(form(&app).field("From").text_value(), "2025-11-22");
    assert_eq!(form(&app).field("To").text_value(), "2026-11-21");

    focus(&mut app, "From");
    clear_field(&mut app);
    type_text(&mut app, "2026-06-01");
    focus(&mut app, "To");
    clear_field(&mut app);
    type_text(&mut app, "2026-05-31");
    assert_no_cmd(ctrl(&mut app, 's'));
    assert_eq!(purpose(&app), FormPurpose::AuditPeriod, "the form stays");
    let error = form(&app).field("To").error.clone().expect("error at To");
    assert!(error.contains("before"), "{error}");
    assert!(form(&app).field("From").error.is_none());
    assert_eq!(app.audit.period, Period::last_year(today()), "unchanged");
    assert_eq!(app.audit.figures[0].value, FIGURES[0].1);

    // A malformed date is refused at its own field.
    clear_field(&mut app);
    type_text(&mut app, "31/12/2026");
    assert_no_cmd(ctrl(&mut app, 's'));
    assert!(form(&app).field("To").error.is_some());

    clear_field(&mut app);
    type_text(&mut app, "2026-11-21");
    let before = app.register.clone();
    assert_no_cmd(ctrl(&mut app, 's'));
    assert!(app.overlays.is_empty());
    assert_eq!(
        app.audit.period,
        Period {
            from: day("2026-06-01"),
            to: today()
        }
    );
    // From 1 June: M-004 (17 Jun), M-005 (16 Sep), M-006 (11 Nov), all risk
    // reviews. dpatel attended M-004 and M-006, jsmith M-005 and M-006,
    // mokoro all three. The counts as of today do not depend on the period.
    let shown: Vec<(&str, &str)> = app
        .audit
        .figures
        .iter()
        .map(|f| (f.label.as_str(), f.value.as_str()))
        .collect();
    let mut expected = FIGURES.to_vec();
    expected[0].1 = "3 (3 risk reviews, 0 management reviews)";
    expected[2].1 = "3 of 3";
    expected[3].1 = "2 of 3";
    expected[4].1 = "2 of 3";
    expected[5].1 = "3 of 3";
    // M-003 is before the period: no management review held in it.
    expected[11].1 = "none held";
    assert_eq!(shown, expected);
    assert!(status_info(&app).contains("2026-06-01 to 2026-11-21"));
    assert_unchanged(&app.register, &before, "a period is not a change to save");

    // A period without meetings: their records say so.
    press(&mut app, "p");
    focus(&mut app, "To");
    clear_field(&mut app);
    type_text(&mut app, "2026-06-10");
    assert_no_cmd(ctrl(&mut app, 's'));
    assert_eq!(
        app.audit.figures[0].value,
        "0 (0 risk reviews, 0 management reviews)"
    );
    press_code(&mut app, KeyCode::Enter);
    match app.overlays.last() {
        Some(Overlay::AuditRecords { lines, .. }) => assert_eq!(lines, &["(none)"]),
        _ => panic!("Enter shows the records"),
    }
}

#[test]
fn q_and_esc_leave_the_audit_view() {
    for back in [KeyCode::Char('q'), KeyCode::Esc] {
        let mut app = app();
        press(&mut app, "u");
        assert_no_cmd(press_code(&mut app, back));
        assert_eq!(app.screen(), Screen::Register, "{back:?}");
        assert!(!app.quitting);
    }
}

#[test]
fn a_closed_meeting_counts_in_the_audit_at_once() {
    let mut app = app();
    start(&mut app, &["Dev Patel"]);
    settle(&mut app, no_change);
    press(&mut app, "f");
    settle(&mut app, |a| press(a, "y"));
    press(&mut app, "u");
    // M-007 on 2026-11-21 with dpatel and qlead: 7 held, all with top
    // management; dpatel 5 of 7, jsmith 5 of 7, mokoro 5 of 7.
    let shown: Vec<&str> = app.audit.figures.iter().map(|f| f.value.as_str()).collect();
    assert_eq!(
        shown[..6],
        [
            "7 (6 risk reviews, 1 management review)",
            "0",
            "7 of 7",
            "5 of 7",
            "5 of 7",
            "5 of 7"
        ]
    );
    assert_eq!(
        app.audit.figures[0].records.last().unwrap(),
        "M-007 2026-11-21 Risk review (2 present)"
    );
}

// ---------------------------------------------------------- watching

/// The example with M-007 open on agenda O-002, O-005, R-012, R-020, the
/// first `reviewed` of them reviewed: the facilitator's file as it evolves.
fn facilitator_version(reviewed: usize) -> Register {
    let (mut register, _) = example();
    let t = Timestamp::parse("2026-11-21T09:00:00Z").unwrap();
    let agenda = ["O-002", "O-005", "R-012", "R-020"];
    recorded(&mut register, t, |r| {
        meetings::start(
            r,
            MeetingKind::RiskReview,
            "qlead",
            vec![attendance("qlead", true, false)],
            agenda.iter().map(|s| s.to_string()).collect(),
            t,
        )
        .map(|_| ())
    });
    // As Enter does: each item reviewed, the facilitator goes on to the next.
    for (n, item) in agenda[..reviewed].iter().enumerate() {
        recorded(&mut register, t, |r| {
            meetings::mark_reviewed(r, item, t)?;
            meetings::show_item(r, agenda.get(n + 1).copied())
        });
    }
    register
}

fn disk(register: Register, tag: &str) -> roreg::tui::app::OnDisk {
    roreg::tui::app::OnDisk {
        register,
        fingerprint: Fingerprint::of(tag.as_bytes()),
    }
}

/// A second person watching read-only (another instance holds the lock):
/// the card follows the facilitator to the first item not yet reviewed as
/// each saved version arrives, until F lets them move freely.
#[test]
fn a_read_only_viewer_follows_the_facilitator_until_f() {
    let (_, fingerprint) = example();
    let mut app = app_with(facilitator_version(0), fingerprint);
    app.sharing.read_only = Some("Helen Marsh is editing (host, pid 42)".into());
    press(&mut app, "r");
    assert_eq!(app.screen(), Screen::Meeting);
    assert_eq!(app.meeting_item().as_deref(), Some("O-002"));

    update(
        &mut app,
        Msg::DiskChanged(disk(facilitator_version(1), "v1")),
    );
    assert_eq!(app.meeting_item().as_deref(), Some("O-005"), "followed");
    assert_unchanged(&app.register, &facilitator_version(1), "their version");

    // The viewer cannot record anything.
    let before = app.register.clone();
    assert_no_cmd(press_code(&mut app, KeyCode::Enter));
    assert!(
        status_error(&app).starts_with("read-only"),
        "{:?}",
        app.status
    );
    assert_no_cmd(press(&mut app, "34"));
    assert_unchanged(&app.register, &before, "a viewer records nothing");

    press(&mut app, "F");
    assert!(!app.sharing.following);
    update(
        &mut app,
        Msg::DiskChanged(disk(facilitator_version(2), "v2")),
    );
    assert_eq!(
        app.meeting_item().as_deref(),
        Some("O-005"),
        "not following: the card stays"
    );
    press(&mut app, "F");
    update(
        &mut app,
        Msg::DiskChanged(disk(facilitator_version(3), "v3")),
    );
    assert_eq!(
        app.meeting_item().as_deref(),
        Some("R-020"),
        "following again"
    );
}

#[test]
fn z_in_a_meeting_takes_back_a_slip_and_then_the_start_itself() {
    let mut app = app();
    let before_meeting = state(&app.register);
    start(&mut app, &["Jane Smith"]);
    card_to(&mut app, "O-002"); // fifth: Critical 4×4, target 5×4, due 2026-10-16
    // A stray 2 3 on the card in front of the room.
    let slipped = settle(&mut app, |a| press(a, "23"));
    assert_eq!(
        review_of(&meeting(&slipped, "M-007"), "O-002").map(|r| r.after),
        Some(Score::new(2, 3))
    );
    let undone = settle(&mut app, |a| press(a, "z"));
    assert_eq!(app.screen(), Screen::Meeting, "still in the meeting");
    assert_eq!(
        undone.item("O-002").unwrap().current,
        Score::new(4, 4),
        "the score is back"
    );
    assert_eq!(review_of(&meeting(&undone, "M-007"), "O-002"), None);
    assert!(
        status_info(&app).starts_with("undone: "),
        "{:?}",
        app.status
    );
    // Z makes the slip again; z twice more takes back the start too.
    settle(&mut app, |a| press(a, "Z"));
    assert_eq!(item(&app, "O-002").current, Score::new(2, 3));
    settle(&mut app, |a| press(a, "z"));
    let no_meeting = settle(&mut app, |a| press(a, "z"));
    assert_same(&no_meeting, &before_meeting, "as before the meeting");
    assert_eq!(app.screen(), Screen::Register, "back on the register");
    // Every step is in the history: nothing was rewritten.
    assert!(
        no_meeting.history.len() >= 6,
        "{}",
        no_meeting.history.len()
    );
}

#[test]
fn z_cannot_reach_into_a_closed_meeting() {
    let mut app = app();
    start(&mut app, &["Jane Smith"]);
    settle(&mut app, |a| press(a, "23"));
    assert_no_cmd(press(&mut app, "f"));
    let closed = settle(&mut app, |a| press(a, "y"));
    assert!(meeting(&closed, "M-007").closed.is_some());
    let before = app.register.clone();
    assert_no_cmd(press(&mut app, "z"));
    assert!(
        status_error(&app).starts_with("cannot undo"),
        "{:?}",
        app.status
    );
    assert_unchanged(&app.register, &before, "the minutes stand");
}
