//! Items linked to the register's requirements and measures, from the
//! keyboard: the item form offers them as long lists to tick, the detail
//! pane and the meeting card show what an item threatens and the measures
//! it would move, and a management review lists the measures as 9.3.2 c
//! inputs with their readings. On the example (today 2026-11-21) with the
//! customers, requirements and measures below added to it.

#[path = "common/keys.rs"]
mod keys;
use keys::*;

use ratatui::crossterm::event::KeyCode;
use roreg::domain::{
    Cadence, Customer, Date, Measure, Reading, Register, Requirement, RequirementKind, Severity,
    Target, Value, history, validate,
};
use roreg::storage::Fingerprint;
use roreg::tui::app::{App, FormPurpose, OnDisk};
use roreg::tui::form::Value as FieldValue;
use roreg::tui::update::{Msg, update};

// ---------------------------------------------------------------- fixture

fn requirement(
    id: &str,
    customer: Option<&str>,
    kind: RequirementKind,
    text: &str,
    source: &str,
) -> Requirement {
    Requirement {
        id: id.into(),
        text: text.into(),
        customer: customer.map(String::from),
        kind,
        source: source.into(),
        reference: String::new(),
    }
}

/// Month ends from December 2025 to October 2026, one value each.
fn monthly(values: [f64; 11]) -> Vec<Reading> {
    let ends = [
        "2025-12-31",
        "2026-01-31",
        "2026-02-28",
        "2026-03-31",
        "2026-04-30",
        "2026-05-31",
        "2026-06-30",
        "2026-07-31",
        "2026-08-31",
        "2026-09-30",
        "2026-10-31",
    ];
    ends.iter()
        .zip(values)
        .map(|(d, v)| Reading {
            date: Date::parse(d).unwrap(),
            value: Value(v),
            note: String::new(),
        })
        .collect()
}

fn measure(id: &str, name: &str, unit: &str, target: Target, customer: Option<&str>) -> Measure {
    Measure {
        id: id.into(),
        name: name.into(),
        unit: unit.into(),
        target,
        customer: customer.map(String::from),
        cadence: Some(Cadence::Monthly),
        owner: "qlead".into(),
        readings: Vec::new(),
    }
}

/// The example with two customers (Nordbil AB a key account), three
/// requirements (REQ-003 statutory) and three measures; R-012 links
/// REQ-002 then REQ-001 (not the register's order) and KPI-001. Recorded
/// in the history as the quality manager's, so that the file verifies.
fn linked() -> Register {
    let (example, _) = example();
    with_history(example, add_links)
}

/// `change` made to `register`, recorded in its history.
fn with_history(mut register: Register, change: impl FnOnce(&mut Register)) -> Register {
    let before = register.clone();
    change(&mut register);
    let changes = history::diff(&before, &register);
    history::record(&mut register, changes, now(), "qlead");
    register
}

fn add_links(r: &mut Register) {
    // The example's own customer data gives way to this test's.
    without_customer_focus(r);
    r.customers = vec![
        Customer {
            id: "C-001".into(),
            name: "Nordbil AB".into(),
            segment: "Automotive".into(),
            key: true,
        },
        Customer {
            id: "C-002".into(),
            name: "Marin Teknik".into(),
            segment: String::new(),
            key: false,
        },
    ];
    let mut delivery = requirement(
        "REQ-001",
        Some("C-001"),
        RequirementKind::Customer,
        "Delivery on the agreed day",
        "supply contract",
    );
    delivery.reference = "§4.2".into();
    r.requirements = vec![
        delivery,
        requirement(
            "REQ-002",
            Some("C-002"),
            RequirementKind::Customer,
            "Salt-spray tested housings",
            "drawing 4711",
        ),
        requirement(
            "REQ-003",
            None,
            RequirementKind::Statutory,
            "REACH declaration per batch",
            "EU 1907/2006",
        ),
    ];
    let mut on_time = measure(
        "KPI-001",
        "On-time delivery",
        "%",
        Target::AtLeast(Value(95.0)),
        Some("C-001"),
    );
    on_time.readings = monthly([
        97.0, 96.0, 96.5, 95.0, 94.0, 96.0, 95.5, 95.0, 97.0, 94.0, 91.5,
    ]);
    let mut complaints = measure(
        "KPI-002",
        "Complaints",
        "per month",
        Target::AtMost(Value(2.0)),
        None,
    );
    complaints.readings = monthly([1.0, 2.0, 0.0, 1.0, 3.0, 2.0, 1.0, 0.0, 2.0, 3.0, 4.0]);
    let mut returns = measure(
        "KPI-003",
        "Returns rate",
        "%",
        Target::AtMost(Value(0.5)),
        None,
    );
    returns.readings = monthly([0.4, 0.3, 0.5, 0.4, 0.3, 0.2, 0.3, 0.4, 0.3, 0.2, 0.3]);
    r.measures = vec![on_time, complaints, returns];
    let r012 = r.item_mut("R-012").unwrap();
    r012.requirements = vec!["REQ-002".into(), "REQ-001".into()];
    r012.measures = vec!["KPI-001".into()];
}

fn linked_app() -> App {
    app_with(linked(), Fingerprint::of(b"linked"))
}

// ---------------------------------------------------------------- helpers

fn select(app: &mut App, id: &str) {
    press(app, "g");
    for _ in 0..app.list.view.len() {
        if app.selected_item().is_some_and(|i| i.id == id) {
            return;
        }
        press(app, "j");
    }
    panic!("{id} is not in the list");
}

fn edit(app: &mut App, id: &str) {
    select(app, id);
    assert_no_cmd(press(app, "e"));
    assert_eq!(purpose(app), FormPurpose::EditItem(id.into()));
}

/// The labels a list field offers, and which are ticked.
fn offered(app: &App, key: &str) -> Vec<(String, bool)> {
    match &form(app).field(key).value {
        FieldValue::Checklist(list) => list
            .options
            .iter()
            .cloned()
            .zip(list.on.iter().copied())
            .collect(),
        _ => panic!("{key} is not a list to tick"),
    }
}

/// Ctrl-S on the form, and the save done as the worker would do it.
#[track_caller]
fn save(app: &mut App) -> Register {
    let job = save_of(ctrl(app, 's'));
    assert_no_cmd(app.saved(Ok(Fingerprint::of(b"saved"))));
    job.register
}

/// The fields the change log recorded for `record` since `from`.
fn logged(register: &Register, from: usize, record: &str) -> Vec<String> {
    register.history[from..]
        .iter()
        .filter(|h| h.record == record)
        .map(|h| h.field.clone())
        .collect()
}

// ---------------------------------------------------------------- the form

#[test]
fn the_item_form_offers_the_registers_requirements_and_measures_by_name_and_saves_the_ticked_ones()
{
    let mut app = linked_app();
    edit(&mut app, "R-004");
    assert_eq!(
        offered(&app, "Requirements"),
        [
            (
                "REQ-001 Delivery on the agreed day (Nordbil AB)".to_string(),
                false
            ),
            (
                "REQ-002 Salt-spray tested housings (Marin Teknik)".to_string(),
                false
            ),
            (
                "REQ-003 REACH declaration per batch (statutory)".to_string(),
                false
            ),
        ]
    );
    let measures: Vec<String> = offered(&app, "Measures").into_iter().map(|o| o.0).collect();
    assert_eq!(
        measures,
        [
            "KPI-001 On-time delivery (Nordbil AB)",
            "KPI-002 Complaints",
            "KPI-003 Returns rate"
        ]
    );
    // Typing finds; Enter ticks what was found.
    focus_field(&mut app, "Requirements");
    type_text(&mut app, "reach");
    let screen = screen_text(&app, 80, 24);
    assert!(screen.contains("“reach”: 1 of 3 · Enter ticks"), "{screen}");
    assert!(
        screen.contains("[ ] REQ-003 REACH declaration per batch (statutory)"),
        "{screen}"
    );
    assert_no_cmd(press_code(&mut app, KeyCode::Enter));
    let screen = screen_text(&app, 80, 24);
    assert!(screen.contains("1 of 3 ticked"), "{screen}");
    assert!(
        screen.contains("[x] REQ-003 REACH declaration per batch (statutory)"),
        "{screen}"
    );
    // ↓ from the last option goes on to the measures; there ↓ ↓ Space
    // ticks the third.
    press_code(&mut app, KeyCode::Down);
    assert_eq!(form(&app).fields[form(&app).focus].key, "Measures");
    press_code(&mut app, KeyCode::Down);
    press_code(&mut app, KeyCode::Down);
    type_text(&mut app, " ");
    let screen = screen_text(&app, 80, 24);
    assert!(screen.contains("1 of 3 ticked"), "{screen}");
    assert!(screen.contains("[x] KPI-003 Returns rate"), "{screen}");
    // Left, the list shows what is ticked.
    press_code(&mut app, KeyCode::Tab);
    let screen = screen_text(&app, 120, 40);
    assert!(screen.contains("KPI-003 Returns rate"), "{screen}");

    let from = app.register.history.len();
    let register = save(&mut app);
    let r004 = register.item("R-004").unwrap();
    assert_eq!(r004.requirements, ["REQ-003"]);
    assert_eq!(r004.measures, ["KPI-003"]);
    // R-004 affects statutory/regulatory requirements: nothing to warn of.
    assert!(!status_info(&app).contains("tick"), "{}", status_info(&app));
    assert_eq!(
        logged(&app.register, from, "R-004"),
        ["requirements", "measures"]
    );
}

#[test]
fn editing_keeps_the_links_it_did_not_touch_in_their_order_and_what_changed_meanwhile() {
    let mut app = linked_app();
    edit(&mut app, "R-012");
    let ticked: Vec<bool> = offered(&app, "Requirements").iter().map(|o| o.1).collect();
    assert_eq!(ticked, [true, true, false]);
    // Meanwhile someone else links KPI-002 to R-012 and saves.
    let theirs = with_history(app.register.clone(), |r| {
        r.item_mut("R-012").unwrap().measures.push("KPI-002".into());
    });
    let disk = OnDisk {
        register: theirs,
        fingerprint: Fingerprint::of(b"theirs"),
    };
    assert_no_cmd(update(&mut app, Msg::DiskChanged(disk)));
    focus_field(&mut app, "Title");
    type_text(&mut app, " (gas)");
    let from = app.register.history.len();
    let register = save(&mut app);
    let r012 = register.item("R-012").unwrap();
    assert!(r012.title.ends_with(" (gas)"));
    assert_eq!(
        r012.requirements,
        ["REQ-002", "REQ-001"],
        "the file's order"
    );
    assert_eq!(r012.measures, ["KPI-001", "KPI-002"]);
    assert_eq!(logged(&app.register, from, "R-012"), ["title"]);

    // Unticking one keeps the other; a link the register lacks stays
    // offered (and ticked) rather than dropped.
    let with_unknown = with_history(app.register.clone(), |r| {
        r.item_mut("R-012")
            .unwrap()
            .requirements
            .push("REQ-099".into());
    });
    let mut app = app_with(with_unknown, Fingerprint::of(b"unknown"));
    // Opening shows the file's problem: R-012 links a requirement it lacks.
    assert!(screen_text(&app, 120, 40).contains("\"REQ-099\" is not in requirements"));
    press_code(&mut app, KeyCode::Esc);
    edit(&mut app, "R-012");
    let labels = offered(&app, "Requirements");
    assert_eq!(
        labels.last().unwrap(),
        &(
            "REQ-099 (not in the register's requirements)".to_string(),
            true
        )
    );
    focus_field(&mut app, "Requirements");
    press_code(&mut app, KeyCode::Down);
    type_text(&mut app, " ");
    let register = save(&mut app);
    assert_eq!(
        register.item("R-012").unwrap().requirements,
        ["REQ-001", "REQ-099"]
    );
}

#[test]
fn a_statutory_requirement_on_an_item_that_does_not_affect_them_is_said_on_saving() {
    let mut app = linked_app();
    edit(&mut app, "R-012");
    focus_field(&mut app, "Requirements");
    type_text(&mut app, "REQ-003");
    assert_no_cmd(press_code(&mut app, KeyCode::Enter));
    save(&mut app);
    let said = status_info(&app);
    assert!(
        said.contains("R-012 saved; REQ-003 is statutory: tick statutory in Affects"),
        "{said}"
    );
    // And `check` (the problems count) has it too.
    assert!(
        validate(&app.register)
            .iter()
            .any(|p| p.severity == Severity::Warning
                && p.location == "R-012.requirements"
                && p.message.contains("REQ-003")),
    );
}

#[test]
fn a_new_item_links_in_the_registers_order() {
    let mut app = linked_app();
    assert_no_cmd(press(&mut app, "n"));
    assert_eq!(purpose(&app), FormPurpose::NewItem);
    focus_field(&mut app, "Title");
    type_text(&mut app, "Late steel from the new mill");
    link_new_item(&mut app);
    focus_field(&mut app, "Requirements");
    // REQ-003 first, then REQ-001: saved as the register lists them.
    type_text(&mut app, "reach");
    press_code(&mut app, KeyCode::Enter);
    press_code(&mut app, KeyCode::Up);
    press_code(&mut app, KeyCode::Up);
    type_text(&mut app, " ");
    for (key, level) in [("Likelihood", 2), ("Impact", 3)] {
        focus_field(&mut app, key);
        for _ in 0..level {
            press_code(&mut app, KeyCode::Right);
        }
    }
    let register = save(&mut app);
    let new = register.items.last().unwrap();
    assert_eq!(new.title, "Late steel from the new mill");
    assert_eq!(new.requirements, ["REQ-001", "REQ-003"]);
    assert!(new.measures.is_empty());
}

#[test]
fn hundreds_of_requirements_are_narrowed_by_typing() {
    let register = with_history(linked(), |r| {
        for n in 4..=250 {
            r.requirements.push(requirement(
                &format!("REQ-{n:03}"),
                Some("C-002"),
                RequirementKind::Customer,
                &format!("Drawing note {n}"),
                "",
            ));
        }
    });
    let mut app = app_with(register, Fingerprint::of(b"many"));
    edit(&mut app, "R-004");
    focus_field(&mut app, "Requirements");
    let screen = screen_text(&app, 80, 24);
    assert!(
        screen.contains("0 of 250 ticked · Space ticks · type to find"),
        "{screen}"
    );
    type_text(&mut app, "note 187");
    let screen = screen_text(&app, 80, 24);
    assert!(screen.contains("“note 187”: 1 of 250"), "{screen}");
    assert!(
        screen.contains("[ ] REQ-187 Drawing note 187 (Marin Teknik)"),
        "{screen}"
    );
    assert_no_cmd(press_code(&mut app, KeyCode::Enter));
    let ticked: Vec<String> = offered(&app, "Requirements")
        .into_iter()
        .filter(|o| o.1)
        .map(|o| o.0)
        .collect();
    assert_eq!(ticked, ["REQ-187 Drawing note 187 (Marin Teknik)"]);
    let register = save(&mut app);
    assert_eq!(register.item("R-004").unwrap().requirements, ["REQ-187"]);
}

// ---------------------------------------------------------------- showing them

/// The lines of `screen` that contain `what`, for a failure message.
#[track_caller]
fn shows(screen: &str, what: &str) {
    assert!(
        screen.contains(what),
        "{what:?} is not on screen:\n{screen}"
    );
}

#[test]
fn the_detail_pane_shows_the_linked_requirements_and_measures() {
    let mut app = linked_app();
    select(&mut app, "R-012");
    assert_no_cmd(press_code(&mut app, KeyCode::Enter));
    let screen = screen_text(&app, 120, 40);
    shows(&screen, "Requirements (2)");
    // In the item's order, each with its kind, customer and where written.
    shows(&screen, "  REQ-002 Salt-spray tested housings");
    shows(&screen, "    Customer · Marin Teknik · drawing 4711");
    shows(&screen, "  REQ-001 Delivery on the agreed day");
    shows(
        &screen,
        "    Customer · Nordbil AB, key customer · supply contract §4.2",
    );
    shows(&screen, "Measures (1)");
    shows(&screen, "  KPI-001 On-time delivery (Nordbil AB)");
    shows(
        &screen,
        "91.5 % on 2026-10-31, target ≥ 95 %: off target · worsening ↓",
    );

    // An item linking nothing says how to link, as the register has both.
    press(&mut app, "q");
    select(&mut app, "R-004");
    press_code(&mut app, KeyCode::Enter);
    let screen = screen_text(&app, 120, 40);
    shows(&screen, "Requirements (0)");
    shows(&screen, "  none linked; e links them");
}

/// A risk review started on the linked example: R-012 is first on the
/// agenda (its review is the most overdue, see `tui_meeting.rs`).
fn in_meeting(kind_steps: usize) -> App {
    let mut app = linked_app();
    assert_no_cmd(press(&mut app, "m"));
    for _ in 0..kind_steps {
        press_code(&mut app, KeyCode::Right);
    }
    save(&mut app);
    assert_eq!(app.meeting_item().as_deref(), Some("R-012"));
    app
}

#[test]
fn the_meeting_card_shows_what_the_item_threatens_and_the_measures_it_would_move() {
    let app = in_meeting(0);
    // 80×24: one row each where the text keeps enough of itself, else
    // what it is, and below it whose it is or how it stands.
    let screen = screen_text(&app, 80, 24);
    shows(
        &screen,
        "│Requirements REQ-002 Salt-spray tested ho… — Marin Teknik ",
    );
    shows(&screen, "│             REQ-001 Delivery on the agreed day ");
    shows(&screen, "│               Nordbil AB, key customer ");
    shows(&screen, "│Measures     KPI-001 On-time delivery ");
    shows(
        &screen,
        "│               91.5 % (target ≥ 95 %), off target ↓ ",
    );
    // On the projector, one row where it fits beside the large matrix.
    let screen = screen_text(&app, 160, 45);
    shows(
        &screen,
        "│Requirements REQ-002 Salt-spray tested housings — Marin Teknik ",
    );
    shows(
        &screen,
        "│             REQ-001 Delivery on the agreed d… — Nordbil AB, key customer ",
    );
    // Without the matrix beside it (120 columns, the matrix is smaller).
    let screen = screen_text(&app, 120, 40);
    shows(
        &screen,
        "│Measures     KPI-001 On-time delivery: 91.5 % (target ≥ 95 %), off target ↓ ",
    );
}

#[test]
fn the_card_shows_four_links_of_a_kind_and_says_how_many_more() {
    let register = with_history(linked(), |r| {
        r.item_mut("R-012").unwrap().requirements = (1..=3)
            .chain([1, 2, 3])
            .map(|n| format!("REQ-00{n}"))
            .collect();
    });
    let mut app = app_with(register, Fingerprint::of(b"six"));
    // Linking one twice is a warning, shown on opening.
    press_code(&mut app, KeyCode::Esc);
    press(&mut app, "m");
    save(&mut app);
    let screen = screen_text(&app, 160, 45);
    shows(&screen, "… and 2 more in the item's detail");
}

#[test]
fn a_management_review_lists_the_measures_with_their_readings_under_c1_and_c3() {
    let mut app = in_meeting(1);
    assert_no_cmd(press(&mut app, "I"));
    let screen = screen_text(&app, 80, 24);
    // Since M-003 (2026-04-22): the month ends from April to October.
    // Nordbil's delivery and the complaints are customer feedback (c1)...
    shows(&screen, "[ ] c1 Customer satisfaction and feedback");
    shows(
        &screen,
        "      Measures, readings since M-003 (2026-04-22), ✗ off target:",
    );
    shows(
        &screen,
        "      KPI-002 Complaints: off target, latest 4 per month on 2026-10-31",
    );
    shows(
        &screen,
        "        target ≤ 2 per month; 7 readings, 3 off target: … 2 1 0 2 3✗ 4✗",
    );
    // ...the returns rate is the products' conformity (c3).
    let c3 = screen
        .lines()
        .position(|l| l.contains("c3 Process performance"))
        .expect("c3 on screen");
    let returns = screen
        .lines()
        .position(|l| l.contains("KPI-003 Returns rate: on target, latest 0.3 % on 2026-10-31"))
        .expect("KPI-003 on screen");
    assert_eq!(returns, c3 + 2, "under c3:\n{screen}");
    // Wider, every reading of the period is there.
    let screen = screen_text(&app, 160, 45);
    shows(
        &screen,
        "target ≥ 95 %; 7 readings, 3 off target: 94✗ 96 95.5 95 97 94✗ 91.5✗",
    );

    // c1 is recorded as considered as any input is.
    press(&mut app, "jj");
    assert_no_cmd(press_code(&mut app, KeyCode::Enter));
    type_text(&mut app, "Delivery to Nordbil off target since September");
    save(&mut app);
    let open = roreg::domain::meetings::open_meeting(&app.register).unwrap();
    assert_eq!(open.considered[0].input.code(), "c1");
}
