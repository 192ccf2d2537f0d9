//! The customer-focus screen (`C`): what an auditor asks ("the risks to your
//! key customer's requirements and what top management decided on them",
//! "is satisfaction being enhanced?") answered on screen, and a reading of
//! a measure entered as one change, recorded and undoable.

use ratatui::crossterm::event::KeyCode;

use roreg::domain::customer_focus::CustomerFocus;
use roreg::domain::{
    Cadence, Customer, ItemStatus, Kind, Measure, Reading, Register, Requirement, RequirementKind,
    Target, Value,
};
use roreg::storage::Fingerprint;
use roreg::tui::app::{App, FormPurpose, Overlay, Pane};
use roreg::tui::keymap::{Keymap, Screen};
use roreg::tui::screens::customers::Subject;

#[path = "common/keys.rs"]
mod keys;
use keys::*;

/// The live High/Critical risk of the example last reviewed with top
/// management: the one the key customer's requirement names.
fn high_reviewed_risk(register: &Register) -> (String, String, String) {
    let focus = CustomerFocus::of(register, today());
    let item = register
        .items
        .iter()
        .filter(|i| i.kind == Kind::Risk && i.status != ItemStatus::Closed)
        .filter(|i| focus.is_high(i))
        .find(|i| {
            focus
                .last_top_review(&i.id)
                .is_some_and(|(_, r)| !r.decision.trim().is_empty())
        })
        .expect("the example has a High risk reviewed with top management");
    let (meeting, review) = focus.last_top_review(&item.id).unwrap();
    (item.id.clone(), meeting.id.clone(), review.decision.clone())
}

/// An open item other than `not`, to address the complaints measure.
fn another_open_item(register: &Register, not: &str) -> String {
    register
        .items
        .iter()
        .find(|i| i.status != ItemStatus::Closed && i.id != not)
        .unwrap()
        .id
        .clone()
}

fn reading(date: &str, value: f64) -> Reading {
    Reading {
        date: day(date),
        value: Value(value),
        note: String::new(),
    }
}

fn monthly(values: &[f64]) -> Vec<Reading> {
    let ends = [
        "2026-05-31",
        "2026-06-30",
        "2026-07-31",
        "2026-08-31",
        "2026-09-30",
        "2026-10-31",
    ];
    let first = ends.len() - values.len();
    values
        .iter()
        .zip(&ends[first..])
        .map(|(v, d)| reading(d, *v))
        .collect()
}

/// The example with a key account and another customer, three
/// requirements (one statutory, for every customer) and three measures:
/// on-time delivery off target but addressed by the High risk, complaints
/// on target, returns off target with nothing linked.
fn focus_register() -> (Register, Fingerprint) {
    let (mut register, fingerprint) = example();
    let (risk, _, _) = high_reviewed_risk(&register);
    let other = another_open_item(&register, &risk);
    // The example's own customer data gives way to this test's.
    without_customer_focus(&mut register);
    register.customers = vec![
        Customer {
            id: "C-001".into(),
            name: "Marin Teknik".into(),
            segment: "Marine".into(),
            key: false,
        },
        Customer {
            id: "C-002".into(),
            name: "Nordbil AB".into(),
            segment: "Automotive".into(),
            key: true,
        },
    ];
    let requirement =
        |id: &str, customer: Option<&str>, kind, text: &str, source: &str| Requirement {
            id: id.into(),
            text: text.into(),
            customer: customer.map(str::to_string),
            kind,
            source: source.into(),
            reference: String::new(),
        };
    register.requirements = vec![
        requirement(
            "REQ-001",
            Some("C-002"),
            RequirementKind::Customer,
            "98 % of order lines delivered on the confirmed day",
            "supply contract §4.2",
        ),
        requirement(
            "REQ-002",
            Some("C-001"),
            RequirementKind::Customer,
            "Salt-spray tested coating on every batch",
            "drawing 4711",
        ),
        requirement(
            "REQ-003",
            None,
            RequirementKind::Statutory,
            "CE marking and declaration of conformity",
            "EU 2023/1230",
        ),
    ];
    let measure = |id: &str, name: &str, unit: &str, target, customer: Option<&str>| Measure {
        id: id.into(),
        name: name.into(),
        unit: unit.into(),
        target,
        customer: customer.map(str::to_string),
        cadence: Some(Cadence::Monthly),
        owner: "qlead".into(),
        readings: Vec::new(),
    };
    let mut on_time = measure(
        "KPI-001",
        "On-time delivery",
        "%",
        Target::AtLeast(Value(95.0)),
        Some("C-002"),
    );
    on_time.readings = monthly(&[96.0, 97.0, 95.5, 94.0, 91.5, 93.5]);
    let mut complaints = measure(
        "KPI-002",
        "Complaints per month",
        "complaints",
        Target::AtMost(Value(2.0)),
        None,
    );
    complaints.readings = monthly(&[1.0, 3.0, 2.0]);
    let mut returns = measure(
        "KPI-003",
        "Returns rate",
        "%",
        Target::AtMost(Value(0.5)),
        None,
    );
    returns.readings = monthly(&[0.4, 0.8]);
    register.measures = vec![on_time, complaints, returns];
    let at = |r: &Register, id: &str| r.items.iter().position(|i| i.id == id).unwrap();
    let risk_at = at(&register, &risk);
    register.items[risk_at].requirements = vec!["REQ-001".into()];
    register.items[risk_at].measures = vec!["KPI-001".into()];
    let other_at = at(&register, &other);
    register.items[other_at].measures = vec!["KPI-002".into()];
    (register, fingerprint)
}

/// The focus register open on the customer-focus screen.
fn focus_app() -> App {
    let (register, fingerprint) = focus_register();
    let mut app = opened(register, fingerprint);
    assert_no_cmd(press(&mut app, "C"));
    assert_eq!(app.screen(), Screen::Customers);
    app
}

/// The register opened by the quality manager. The links were added here,
/// not through roreg, so the history says the file changed outside it: a
/// warning, which is all it may say.
fn opened(register: Register, fingerprint: Fingerprint) -> App {
    let mut app = app_with(register, fingerprint);
    assert_eq!(app.error_count(), 0, "{:?}", app.problems);
    assert!(
        app.problems
            .iter()
            .all(|p| p.message.contains("changed outside roreg")),
        "{:?}",
        app.problems
    );
    app.overlays.clear();
    app
}

fn subjects(app: &App) -> Vec<Subject> {
    let entries = &app.customers.index.entries;
    entries.iter().map(|e| e.subject.clone()).collect()
}

fn selected(app: &App) -> Subject {
    app.customers.index.entries[app.customers.selected]
        .subject
        .clone()
}

/// Moves the list's selection onto `subject`.
#[track_caller]
fn select(app: &mut App, subject: Subject) {
    press(app, "g");
    for _ in 0..subjects(app).len() {
        if selected(app) == subject {
            return;
        }
        press(app, "j");
    }
    panic!("{subject:?} is not on the screen");
}

fn measure(id: &str) -> Subject {
    Subject::Measure(id.into())
}

fn submit(app: &mut App) -> roreg::tui::app::Cmd {
    ctrl(app, 's')
}

fn clear_field(app: &mut App) {
    for _ in 0..20 {
        press_code(app, KeyCode::Backspace);
    }
}

// ------------------------------------------------------------ the list

#[test]
fn key_accounts_come_first_then_all_customers_then_the_measures() {
    let app = focus_app();
    assert_eq!(
        subjects(&app),
        [
            Subject::Customer("C-002".into()),
            Subject::Customer("C-001".into()),
            Subject::General,
            measure("KPI-001"),
            measure("KPI-002"),
            measure("KPI-003"),
        ]
    );
    let text = screen_text(&app, 120, 40);
    let nordbil = text.lines().find(|l| l.contains("▶ Nordbil AB")).unwrap();
    assert!(
        nordbil.contains("★ key"),
        "the key account says so: {nordbil}"
    );
    let returns = text.lines().find(|l| l.contains("│  KPI-003")).unwrap();
    assert!(returns.contains(" off"), "off target in words: {returns}");
    let complaints = text.lines().find(|l| l.contains("│  KPI-002")).unwrap();
    assert!(complaints.contains(" on"), "{complaints}");
}

#[test]
fn j_k_move_through_the_list_and_tab_moves_to_the_lines_on_the_right() {
    let mut app = focus_app();
    let all = subjects(&app);
    assert_eq!(selected(&app), all[0]);
    press(&mut app, "j");
    press_code(&mut app, KeyCode::Down);
    assert_eq!(selected(&app), all[2]);
    press(&mut app, "k");
    assert_eq!(selected(&app), all[1]);
    press_code(&mut app, KeyCode::Up);
    press(&mut app, "k");
    assert_eq!(selected(&app), all[0], "no wrap above the first");
    // Tab (or →) gives the keys to the lines on the right: j moves there.
    for (into, out) in [
        (KeyCode::Tab, KeyCode::BackTab),
        (KeyCode::Right, KeyCode::Left),
    ] {
        press_code(&mut app, into);
        assert_eq!(app.customers.pane, Pane::Lines);
        press(&mut app, "j");
        assert_eq!(app.customers.link, 1, "j selects the next line");
        assert_eq!(selected(&app), all[0], "the list stays");
        press(&mut app, "k");
        assert_eq!(app.customers.link, 0);
        press_code(&mut app, out);
        assert_eq!(app.customers.pane, Pane::List);
    }
}

#[test]
fn page_keys_and_g_move_through_the_list_and_scroll_the_lines() {
    let mut app = focus_app();
    let last = subjects(&app).pop().unwrap();
    press(&mut app, "G");
    assert_eq!(selected(&app), last);
    press(&mut app, "g");
    assert_eq!(selected(&app), Subject::Customer("C-002".into()));
    press_code(&mut app, KeyCode::End);
    assert_eq!(selected(&app), last);
    press_code(&mut app, KeyCode::Home);
    app.drawn.page_rows.set(2);
    press_code(&mut app, KeyCode::PageDown);
    assert_eq!(selected(&app), Subject::General);
    ctrl(&mut app, 'd');
    assert_eq!(selected(&app), measure("KPI-002"));
    press_code(&mut app, KeyCode::PageUp);
    ctrl(&mut app, 'u');
    assert_eq!(selected(&app), Subject::Customer("C-002".into()));
    // On the right a page scrolls the text, whatever line is selected.
    select(&mut app, measure("KPI-001"));
    press_code(&mut app, KeyCode::Tab);
    let title = "│KPI-001 On-time delivery · Nordbil AB";
    let top = screen_text(&app, 80, 24);
    assert!(top.contains(title) && !top.contains("2026-05-31"), "{top}");
    press_code(&mut app, KeyCode::PageDown);
    let scrolled = screen_text(&app, 80, 24);
    assert!(!scrolled.contains(title), "{scrolled}");
    assert!(
        scrolled.contains("2026-05-31"),
        "the first reading shows: {scrolled}"
    );
    ctrl(&mut app, 'u');
    assert!(screen_text(&app, 80, 24).contains(title));
    ctrl(&mut app, 'd');
    press_code(&mut app, KeyCode::PageUp);
    assert!(screen_text(&app, 80, 24).contains(title));
}

#[test]
fn q_and_esc_leave_the_customer_focus_screen() {
    for leave in [KeyCode::Char('q'), KeyCode::Esc] {
        let (register, fingerprint) = focus_register();
        let mut app = opened(register, fingerprint);
        press(&mut app, "A");
        press(&mut app, "C");
        assert_eq!(
            app.screens,
            [Screen::Register, Screen::Actions, Screen::Customers]
        );
        // On the right, Esc first gives the keys back to the list.
        press_code(&mut app, KeyCode::Tab);
        assert_no_cmd(press_code(&mut app, leave));
        assert_eq!(app.customers.pane, Pane::List);
        assert_eq!(app.screen(), Screen::Customers);
        assert_no_cmd(press_code(&mut app, leave));
        assert_eq!(app.screen(), Screen::Actions, "{leave:?}");
        assert!(!app.quitting);
    }
}

#[test]
fn enter_on_an_item_line_opens_the_item_and_esc_comes_back() {
    let mut app = focus_app();
    let (risk, _, _) = high_reviewed_risk(&app.register);
    // Enter on the list goes to the lines; Enter on the first opens its item.
    press_code(&mut app, KeyCode::Enter);
    assert_eq!(app.customers.pane, Pane::Lines);
    press_code(&mut app, KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Detail);
    assert_eq!(app.detail.item_id, risk);
    press_code(&mut app, KeyCode::Esc);
    assert_eq!(app.screen(), Screen::Customers);
    assert_eq!(selected(&app), Subject::Customer("C-002".into()));
    // A measure's line on a customer opens the measure.
    let links = app.customers.index.entries[0]
        .lines
        .iter()
        .filter(|l| l.link.is_some())
        .count();
    press(&mut app, &"j".repeat(links));
    press_code(&mut app, KeyCode::Enter);
    assert_eq!(selected(&app), measure("KPI-001"));
    assert_eq!(app.customers.pane, Pane::List);
}

// ------------------------------------------------------- what it shows

#[test]
fn the_key_customer_shows_its_requirement_with_the_high_risk_and_what_top_management_decided() {
    let app = focus_app();
    let (risk, meeting, decision) = high_reviewed_risk(&app.register);
    let item = item(&app, &risk);
    let band = app
        .register
        .scales
        .band_name(item.current.value())
        .to_string();
    for (w, h) in [(80, 24), (120, 40)] {
        let text = screen_text(&app, w, h);
        assert!(text.contains("Nordbil AB (C-002)"), "{w}x{h}:\n{text}");
        assert!(text.contains("REQ-001"), "{w}x{h}:\n{text}");
        let line = text
            .lines()
            .find(|l| l.contains(&format!("{risk} {band} ")))
            .unwrap_or_else(|| panic!("{risk} with its band {band}, {w}x{h}:\n{text}"));
        assert!(
            line.contains(&item.current.value().to_string()),
            "its score: {line}"
        );
        assert!(
            text.contains(&format!("top management: {meeting} on")),
            "{w}x{h}:\n{text}"
        );
        let first_word = decision.split_whitespace().next().unwrap();
        assert!(
            text.contains(&format!("decided \u{201c}{first_word}")),
            "the decision, {w}x{h}:\n{text}"
        );
    }
}

#[test]
fn a_requirement_never_reviewed_with_top_management_says_so() {
    let (mut register, fingerprint) = focus_register();
    let focus = CustomerFocus::of(&register, today());
    let unreviewed = register
        .items
        .iter()
        .find(|i| i.status != ItemStatus::Closed && focus.last_top_review(&i.id).is_none())
        .expect("an item never reviewed with top management")
        .id
        .clone();
    drop(focus);
    let at = register
        .items
        .iter()
        .position(|i| i.id == unreviewed)
        .unwrap();
    register.items[at].requirements = vec!["REQ-002".into()];
    let mut app = opened(register, fingerprint);
    press(&mut app, "C");
    select(&mut app, Subject::Customer("C-001".into()));
    let text = screen_text(&app, 120, 40);
    assert!(
        text.contains("never reviewed with top management"),
        "{text}"
    );
    assert!(
        text.contains(&format!("not in time: {unreviewed}")),
        "{text}"
    );
}

#[test]
fn a_measure_shows_its_target_latest_reading_trend_and_numbers() {
    let mut app = focus_app();
    select(&mut app, measure("KPI-001"));
    for (w, h) in [(80, 24), (120, 40)] {
        let text = screen_text(&app, w, h);
        assert!(text.contains("Target   ≥ 95 %"), "{w}x{h}:\n{text}");
        assert!(
            text.contains("Latest   93.5 % on 2026-10-31 · off target"),
            "{w}x{h}:\n{text}"
        );
        let trend = text
            .lines()
            .find(|l| l.contains("Trend"))
            .unwrap_or_else(|| panic!("{w}x{h}:\n{text}"));
        assert!(trend.contains("↑ improving"), "93.5 after 91.5: {trend}");
        let last = text
            .lines()
            .find(|l| l.contains("Last 6"))
            .unwrap_or_else(|| panic!("{w}x{h}:\n{text}"));
        assert!(
            last.contains("▇█▆▄▁▄ 96 97 95.5 94 91.5 93.5 %"),
            "a bar per reading, the numbers beside them: {last}"
        );
    }
}

#[test]
fn the_unaddressed_flag_shows_only_for_an_off_target_measure_nothing_addresses() {
    let flag = "off target, nothing in the register addresses it";
    let mut app = focus_app();
    for (id, flagged) in [("KPI-001", false), ("KPI-002", false), ("KPI-003", true)] {
        select(&mut app, measure(id));
        for (w, h) in [(80, 24), (120, 40)] {
            let text = screen_text(&app, w, h);
            assert_eq!(text.contains(flag), flagged, "{id} {w}x{h}:\n{text}");
        }
    }
    // On the customers' lines too: every customer's returns rate.
    select(&mut app, Subject::General);
    let text = screen_text(&app, 120, 40);
    let returns = text
        .lines()
        .find(|l| l.contains("KPI-003 Returns rate ·"))
        .unwrap();
    assert!(returns.contains("nothing addresses it"), "{returns}");
}

#[test]
fn a_register_with_no_customers_says_how_to_add_them() {
    let (mut register, fingerprint) = example();
    without_customer_focus(&mut register);
    let mut app = opened(register, fingerprint);
    press(&mut app, "C");
    for (w, h) in [(80, 24), (120, 40)] {
        let text = screen_text(&app, w, h);
        assert!(
            text.contains("No customers, requirements or measures yet"),
            "{text}"
        );
        assert!(text.contains("customers: [(id: \"C-001\""), "{text}");
    }
    press(&mut app, "jr");
    assert!(app.overlays.is_empty(), "no measure, no form");
    press(&mut app, "q");
    assert_eq!(app.screen(), Screen::Register);
}

#[test]
fn snapshots_at_80x24_and_120x40() {
    let mut app = focus_app();
    for (name, subject) in [
        ("key_customer", Subject::Customer("C-002".into())),
        ("measure", measure("KPI-003")),
    ] {
        select(&mut app, subject);
        for (w, h) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen_text(&app, w, h));
        }
    }
}

#[test]
fn a_tiny_terminal_draws_without_panicking() {
    let mut app = focus_app();
    select(&mut app, measure("KPI-001"));
    press_code(&mut app, KeyCode::Tab);
    for (w, h) in [(1, 1), (20, 5), (60, 16), (61, 17), (200, 16)] {
        screen_text(&app, w, h);
    }
}

#[test]
fn the_help_and_the_key_table_list_the_screen_and_its_keys() {
    let keys = Keymap::default();
    let on_register = keys.help(Screen::Register);
    assert!(
        on_register
            .iter()
            .any(|(k, h)| k == "C" && h.starts_with("customer focus")),
        "{on_register:?}"
    );
    let here = keys.help(Screen::Customers);
    assert!(here.iter().any(|(k, h)| k == "r" && h.contains("reading")));
    let table = roreg::tui::keymap::overrides::table(&keys);
    assert!(table.contains("\ncustomers\n"), "{table}");
    assert!(table.contains("CustomerFocus"), "{table}");
    let mut app = focus_app();
    press(&mut app, "?");
    let help = screen_text(&app, 120, 40);
    assert!(help.contains("Keys: Customer focus"), "{help}");
}

// ------------------------------------------------------------ a reading

#[test]
fn r_adds_a_reading_recorded_in_history_and_undo_takes_it_back() {
    let mut app = focus_app();
    select(&mut app, measure("KPI-003"));
    assert_no_cmd(press(&mut app, "r"));
    assert_eq!(
        purpose(&app),
        FormPurpose::NewReading {
            measure: "KPI-003".into()
        }
    );
    assert_eq!(form(&app).field("Date").text_value(), "2026-11-21");
    keys::focus_field(&mut app, "Value");
    type_text(&mut app, "0,3");
    keys::focus_field(&mut app, "Note");
    type_text(&mut app, "new packaging");
    let history = app.register.history.len();
    let cmd = submit(&mut app);
    if let Some(Overlay::Form(form, _)) = app.overlays.last() {
        panic!("the form stayed open: {:?} {:?}", form.error, app.status);
    }
    let written = save_of(cmd);
    assert_no_cmd(app.saved(Ok(Fingerprint::of(b"saved with the reading"))));
    let latest = app.register.measure("KPI-003").unwrap().latest().unwrap();
    assert_eq!(
        (latest.date, latest.value, latest.note.as_str()),
        (today(), Value(0.3), "new packaging")
    );
    assert_eq!(
        written.register.measure("KPI-003").unwrap().readings.len(),
        3,
        "the save has it"
    );
    assert!(status_info(&app).contains("0.3 % on 2026-11-21 added; on target"));
    let added = &app.register.history[history..];
    assert!(
        added.iter().any(|h| h.record.starts_with("KPI-003")),
        "{added:?}"
    );
    assert_eq!(selected(&app), measure("KPI-003"));
    let text = screen_text(&app, 120, 40);
    assert!(
        text.contains("Latest   0.3 % on 2026-11-21 · on target"),
        "{text}"
    );
    assert!(
        !text.contains("nothing in the register addresses it"),
        "on target now: {text}"
    );
    // Undo takes it back, as a change of its own.
    save_of(press(&mut app, "z"));
    assert_eq!(app.register.measure("KPI-003").unwrap().readings.len(), 2);
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("Latest   0.8 % on 2026-10-31"), "{text}");
}

#[test]
fn a_bad_value_or_date_gives_the_message_and_the_form_stays_open() {
    let mut app = focus_app();
    select(&mut app, measure("KPI-001"));
    press(&mut app, "r");
    keys::focus_field(&mut app, "Value");
    type_text(&mut app, "ninety");
    assert_no_cmd(submit(&mut app));
    assert!(matches!(app.overlays.last(), Some(Overlay::Form(..))));
    let error = form(&app).field("Value").error.clone().unwrap_or_default();
    assert!(
        error.contains("not a number; expected e.g. 96.5"),
        "{error}"
    );
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("not a number"), "the message shows:\n{text}");
    keys::focus_field(&mut app, "Date");
    clear_field(&mut app);
    type_text(&mut app, "2026-13-01");
    keys::focus_field(&mut app, "Value");
    clear_field(&mut app);
    type_text(&mut app, "96");
    assert_no_cmd(submit(&mut app));
    assert!(form(&app).field("Date").error.is_some());
    keys::focus_field(&mut app, "Date");
    clear_field(&mut app);
    type_text(&mut app, "2027-01-31");
    assert_no_cmd(submit(&mut app));
    let error = form(&app).field("Date").error.clone().unwrap_or_default();
    assert!(error.contains("after today"), "{error}");
    assert_eq!(app.register.measure("KPI-001").unwrap().readings.len(), 6);
}

#[test]
fn a_second_reading_on_a_date_is_refused_then_replaces_when_submitted_again() {
    let mut app = focus_app();
    select(&mut app, measure("KPI-001"));
    press(&mut app, "r");
    keys::focus_field(&mut app, "Date");
    clear_field(&mut app);
    type_text(&mut app, "2026-10-31");
    keys::focus_field(&mut app, "Value");
    type_text(&mut app, "95.2");
    assert_no_cmd(submit(&mut app));
    let error = form(&app).field("Date").error.clone().unwrap_or_default();
    assert!(
        error.contains("has a reading on 2026-10-31 already (93.5 %)")
            && error.contains("again replaces it"),
        "{error}"
    );
    assert_eq!(
        app.register
            .measure("KPI-001")
            .unwrap()
            .latest()
            .unwrap()
            .value,
        Value(93.5)
    );
    save_of(submit(&mut app));
    let m = app.register.measure("KPI-001").unwrap();
    assert_eq!(m.readings.len(), 6, "replaced, not added");
    assert_eq!(m.latest().unwrap().value, Value(95.2));
    assert!(status_info(&app).contains("replaces 93.5 %"));
}

#[test]
fn a_reading_is_refused_on_anything_but_a_measure() {
    let mut app = focus_app();
    assert_no_cmd(press(&mut app, "r"));
    assert!(app.overlays.is_empty());
    assert!(status_error(&app).contains("select a measure first"));
    // A measure's line on its customer will do.
    let (_, _, _) = high_reviewed_risk(&app.register);
    press_code(&mut app, KeyCode::Tab);
    press(&mut app, "G");
    press(&mut app, "r");
    assert_eq!(
        purpose(&app),
        FormPurpose::NewReading {
            measure: "KPI-001".into()
        }
    );
}
