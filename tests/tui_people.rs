//! The people screen (`P`) and the first run: people are added, edited,
//! marked top management, retired and deleted from inside roreg, each as a
//! change like any other; a register with nobody asks who you are first.

use ratatui::crossterm::event::KeyCode;

use roreg::domain::{Register, validate};
use roreg::storage::Fingerprint;
use roreg::tui::app::{App, Cmd, FormPurpose, Overlay};
use roreg::tui::form::Value;
use roreg::tui::keymap::Screen;

#[path = "common/keys.rs"]
mod keys;
use keys::focus_field as focus;
use keys::*;

/// The example, on the people screen, editing as the quality manager.
fn people_app() -> App {
    let mut app = app();
    assert_no_cmd(press(&mut app, "P"));
    assert_eq!(app.screen(), Screen::People);
    app
}

/// Takes the save a command asks for and completes it, as the saver would.
#[track_caller]
fn saved(app: &mut App, act: impl FnOnce(&mut App) -> Cmd) -> Register {
    let written = save_of(act(app));
    let tag = format!("saved {}", app.register.history.len());
    assert_no_cmd(app.saved(Ok(Fingerprint::of(tag.as_bytes()))));
    written.register
}

fn selected_person(app: &App) -> String {
    app.register.people[app.people.selected].id.clone()
}

/// Moves the people selection onto `id` with `g` and `j`.
#[track_caller]
fn select(app: &mut App, id: &str) {
    press(app, "g");
    for _ in 0..app.register.people.len() {
        if selected_person(app) == id {
            return;
        }
        press(app, "j");
    }
    panic!("{id} is not on the people screen");
}

/// The options of a choice field of the form on top.
fn options(app: &App, key: &str) -> Vec<String> {
    match &form(app).field(key).value {
        Value::Choice { options, .. } => options.clone(),
        _ => panic!("{key} is not a choice"),
    }
}

fn clear_field(app: &mut App) {
    for _ in 0..80 {
        press_code(app, KeyCode::Backspace);
    }
}

// ------------------------------------------------------------ the list

#[test]
fn j_k_and_the_page_keys_move_through_the_people() {
    let mut app = people_app();
    let ids: Vec<String> = app.register.people.iter().map(|p| p.id.clone()).collect();
    assert_eq!(selected_person(&app), ids[0]);
    press(&mut app, "j");
    press_code(&mut app, KeyCode::Down);
    assert_eq!(selected_person(&app), ids[2]);
    press(&mut app, "k");
    press_code(&mut app, KeyCode::Up);
    press(&mut app, "k");
    assert_eq!(selected_person(&app), ids[0], "no wrap above the first");
    press(&mut app, "G");
    assert_eq!(&selected_person(&app), ids.last().unwrap());
    press(&mut app, "j");
    assert_eq!(
        &selected_person(&app),
        ids.last().unwrap(),
        "nor below the last"
    );
    press_code(&mut app, KeyCode::Home);
    assert_eq!(selected_person(&app), ids[0]);
    press_code(&mut app, KeyCode::End);
    assert_eq!(&selected_person(&app), ids.last().unwrap());
    app.drawn.page_rows.set(5);
    press_code(&mut app, KeyCode::PageUp);
    assert_eq!(selected_person(&app), ids[ids.len() - 6]);
    ctrl(&mut app, 'u');
    assert_eq!(selected_person(&app), ids[ids.len() - 11]);
    press_code(&mut app, KeyCode::PageDown);
    ctrl(&mut app, 'd');
    assert_eq!(selected_person(&app), ids[ids.len() - 1]);
}

#[test]
fn q_and_esc_leave_the_people_screen() {
    for leave in [KeyCode::Char('q'), KeyCode::Esc] {
        let mut app = app();
        press(&mut app, "A");
        press(&mut app, "P");
        assert_eq!(
            app.screens,
            [Screen::Register, Screen::Actions, Screen::People]
        );
        assert_no_cmd(press_code(&mut app, leave));
        assert_eq!(app.screen(), Screen::Actions, "{leave:?}");
        assert!(!app.quitting);
    }
}

#[test]
fn the_people_screen_shows_who_is_top_management_and_what_each_owns() {
    let (mut register, fingerprint) = example();
    let at = |r: &Register, id: &str| r.people.iter().position(|p| p.id == id).unwrap();
    let paul = at(&register, "pjones");
    register.people[paul].retired = Some(day("2026-10-01"));
    let helen = at(&register, "qlead");
    register.people[helen].login = vec!["hmarsh".into()];
    let mut app = app_with(register, fingerprint);
    app.overlays.clear();
    press(&mut app, "P");
    let text = screen_text(&app, 120, 40);
    let jane = text
        .lines()
        .find(|l| l.contains("Jane Smith"))
        .expect("Jane Smith is listed");
    assert!(jane.contains("jsmith") && jane.contains('★'), "{jane}");
    let owns = app.people.owns["jsmith"];
    assert!(
        jane.contains(&format!(" {} ", owns.items)),
        "her live items are counted: {jane}"
    );
    for size in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(
            format!("people_{}x{}", size.0, size.1),
            screen_text(&app, size.0, size.1)
        );
    }
}

// ------------------------------------------------------------ changes

#[test]
fn n_adds_a_person_with_an_id_suggested_from_the_name() {
    let mut app = people_app();
    let records = app.register.history.len();
    assert_no_cmd(press(&mut app, "n"));
    assert_eq!(purpose(&app), FormPurpose::NewPerson);
    type_text(&mut app, "Olga Berg");
    assert_eq!(form(&app).field("Id").text_value(), "oberg");
    // A name like someone's gets a free id.
    clear_field(&mut app);
    type_text(&mut app, "Jim Smith");
    assert_eq!(form(&app).field("Id").text_value(), "jsmith2");
    focus(&mut app, "Id");
    clear_field(&mut app);
    type_text(&mut app, "jim");
    focus(&mut app, "Name");
    type_text(&mut app, "my");
    assert_eq!(
        form(&app).field("Id").text_value(),
        "jim",
        "an id typed over is kept"
    );
    focus(&mut app, "Role");
    type_text(&mut app, "Auditor");
    focus(&mut app, "Top management");
    press_code(&mut app, KeyCode::Right);
    focus(&mut app, "Logins");
    type_text(&mut app, "jims, js2");
    let written = saved(&mut app, |a| ctrl(a, 's'));
    let jim = written.person("jim").expect("saved with its id");
    assert_eq!(jim.name, "Jim Smithmy");
    assert_eq!(jim.role, "Auditor");
    assert!(jim.top_management);
    assert_eq!(jim.login, ["jims", "js2"]);
    assert_eq!(selected_person(&app), "jim", "the new person is selected");
    assert!(
        app.register.history[records..]
            .iter()
            .any(|h| h.record == "people.jim" && h.by == "qlead"),
        "recorded as a change by the person editing"
    );
}

#[test]
fn a_person_form_says_at_each_field_what_is_wrong() {
    let mut app = people_app();
    app.register.people[0].login = vec!["amy".into()];
    press(&mut app, "n");
    focus(&mut app, "Id");
    type_text(&mut app, "qlead");
    focus(&mut app, "Logins");
    type_text(&mut app, "amy");
    let before = app.register.clone();
    assert_no_cmd(ctrl(&mut app, 's'));
    let f = form(&app);
    assert_eq!(
        f.field("Name").error.as_deref(),
        Some("empty; give the person's full name, e.g. Helen Marsh")
    );
    assert_eq!(
        f.field("Id").error.as_deref(),
        Some("\"qlead\" is Helen Marsh's id already; ids are unique, e.g. hmarsh")
    );
    assert_eq!(
        f.field("Logins").error.as_deref(),
        Some(
            "login \"amy\" is given to both ahughes and qlead; a login names one person, remove it from one of them"
        )
    );
    focus(&mut app, "Id");
    clear_field(&mut app);
    type_text(&mut app, "a b");
    assert_no_cmd(ctrl(&mut app, 's'));
    assert_eq!(
        form(&app).field("Id").error.as_deref(),
        Some("\"a b\": use letters, digits, - and _ only, e.g. hmarsh")
    );
    assert_eq!(app.register, before, "nothing changed");
}

#[test]
fn e_and_enter_edit_a_person_and_the_id_stays() {
    for key in [KeyCode::Char('e'), KeyCode::Enter] {
        let mut app = people_app();
        select(&mut app, "gevans");
        assert_no_cmd(press_code(&mut app, key));
        assert_eq!(purpose(&app), FormPurpose::EditPerson("gevans".into()));
        assert!(!form(&app).has_field("Id"), "an id never changes");
        assert_eq!(form(&app).field("Name").text_value(), "Gareth Evans");
        type_text(&mut app, " Jr");
        focus(&mut app, "Logins");
        type_text(&mut app, "gevans, gareth");
        let written = saved(&mut app, |a| ctrl(a, 's'));
        let gareth = written.person("gevans").unwrap();
        assert_eq!(gareth.name, "Gareth Evans Jr", "{key:?}");
        assert_eq!(gareth.role, "Maintenance Lead");
        assert_eq!(gareth.login, ["gevans", "gareth"]);
        assert_eq!(status_info(&app), "gevans saved");
    }
}

#[test]
fn t_toggles_top_management_and_undo_takes_it_back() {
    let mut app = people_app();
    select(&mut app, "rbrown");
    let written = saved(&mut app, |a| press(a, "t"));
    assert!(written.person("rbrown").unwrap().top_management);
    assert_eq!(status_info(&app), "rbrown is top management ★");
    let text = screen_text(&app, 120, 40);
    let rob = text.lines().find(|l| l.contains("Rob Brown")).unwrap();
    assert!(rob.contains('★'), "{rob}");
    let undone = saved(&mut app, |a| press(a, "z"));
    assert!(!undone.person("rbrown").unwrap().top_management);
    assert!(status_info(&app).starts_with("undone: rbrown is top management"));
    let again = saved(&mut app, |a| press(a, "t"));
    assert!(again.person("rbrown").unwrap().top_management);
    let off = saved(&mut app, |a| press(a, "t"));
    assert!(!off.person("rbrown").unwrap().top_management);
    assert_eq!(status_info(&app), "rbrown is not top management");
}

#[test]
fn r_retires_someone_who_is_then_offered_as_owner_nowhere_new() {
    let mut app = people_app();
    select(&mut app, "pjones");
    let written = saved(&mut app, |a| press(a, "r"));
    assert_eq!(written.person("pjones").unwrap().retired, Some(today()));
    let said = status_info(&app);
    assert!(
        said.starts_with(
            "pjones retired since 2026-11-21: no longer offered as owner or attendee; still owns"
        ) && said.ends_with("give them a current owner"),
        "{said}"
    );
    // What they own is flagged, where it is.
    let owned = app
        .register
        .items
        .iter()
        .find(|i| i.owner == "pjones" && i.status != roreg::domain::ItemStatus::Closed)
        .expect("Paul Jones owns a live item")
        .id
        .clone();
    let warning = format!(
        "{owned}.owner: warning: pjones is retired since 2026-11-21; give it a current owner"
    );
    assert!(
        validate(&app.register)
            .iter()
            .any(|p| p.to_string() == warning),
        "{warning}"
    );
    assert!(app.problems.iter().any(|p| p.to_string() == warning));

    // A new item, a new action: not offered.
    press(&mut app, "q");
    press(&mut app, "n");
    assert!(
        options(&app, "Owner")
            .iter()
            .all(|o| !o.starts_with("pjones"))
    );
    press_code(&mut app, KeyCode::Esc);
    // The item they own keeps them, marked on its detail and in its form.
    open_item(&mut app, &owned);
    let detail = screen_text(&app, 120, 40);
    assert!(
        detail.contains("Paul Jones (pjones), retired since 2026-11-21"),
        "{detail}"
    );
    press(&mut app, "e");
    assert_eq!(
        form(&app).field("Owner").selected_label(),
        "pjones (Paul Jones) (retired)"
    );
    press_code(&mut app, KeyCode::Esc);
    press(&mut app, "a");
    assert!(
        options(&app, "Owner")
            .iter()
            .all(|o| !o.starts_with("pjones"))
    );
    press_code(&mut app, KeyCode::Esc);
    press(&mut app, "q");
    // Nor on a new meeting's attendance list.
    press(&mut app, "m");
    assert_eq!(purpose(&app), FormPurpose::StartMeeting);
    assert!(
        form(&app).fields.iter().all(|f| f.label != "Paul Jones"),
        "a retired person is not asked to attend"
    );
    assert!(
        options(&app, "Facilitator")
            .iter()
            .all(|o| !o.contains("(pjones)"))
    );
    press_code(&mut app, KeyCode::Esc);

    // Reinstated: offered again.
    press(&mut app, "P");
    select(&mut app, "pjones");
    let back = saved(&mut app, |a| press(a, "r"));
    assert_eq!(back.person("pjones").unwrap().retired, None);
    assert!(status_info(&app).starts_with("pjones reinstated"));
    press(&mut app, "q");
    press(&mut app, "n");
    assert!(
        options(&app, "Owner")
            .iter()
            .any(|o| o == "pjones (Paul Jones)")
    );
}

/// Opens an item's detail from the register by its id.
fn open_item(app: &mut App, id: &str) {
    assert_eq!(app.screen(), Screen::Register);
    let at = app
        .list
        .view
        .iter()
        .position(|&i| app.register.items[i].id == id)
        .expect("the item is listed");
    app.list.selected = at;
    press_code(app, KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Detail);
}

#[test]
fn capital_d_deletes_only_someone_nothing_refers_to() {
    let mut app = people_app();
    select(&mut app, "jsmith");
    let before = app.register.clone();
    assert_no_cmd(press(&mut app, "D"));
    let why = status_error(&app);
    assert!(
        why.starts_with("not deleted: jsmith is named in the register (owner of R-013; attendee of M-001, M-002, M-003 and ")
            && why.contains(" more; author of ")
            && why.ends_with("r retires them instead (kept for the record, no longer offered)"),
        "{why}"
    );
    assert_eq!(app.register, before);

    // Someone just added, whom nothing names yet, can go again.
    press(&mut app, "n");
    type_text(&mut app, "Typo Person");
    saved(&mut app, |a| ctrl(a, 's'));
    assert_eq!(selected_person(&app), "tperson");
    let written = saved(&mut app, |a| press(a, "D"));
    assert!(written.person("tperson").is_none());
    assert_eq!(status_info(&app), "Typo Person (tperson) deleted");
    assert!(
        app.register
            .history
            .iter()
            .any(|h| h.record == "people.tperson" && h.new.is_empty()),
        "the deletion is recorded"
    );
    // And undone, they are back.
    let undone = saved(&mut app, |a| press(a, "z"));
    assert!(undone.person("tperson").is_some());
    // Nobody deletes themselves: their change would be by nobody.
    app.user = Some("tperson".into());
    select(&mut app, "tperson");
    assert_no_cmd(press(&mut app, "D"));
    assert_eq!(
        status_error(&app),
        "not deleted: you are editing as tperson, and every change is recorded as you"
    );
    assert!(app.register.person("tperson").is_some());
}

// ------------------------------------------------------------ first run

/// A register made by `roreg new`, opened by the login `hmarsh`.
fn first_run_app() -> App {
    let register = Register::new("Widgets & Co");
    let fingerprint = Fingerprint::of(b"new register");
    let mut app = App::new(
        register,
        example_path(),
        today(),
        now(),
        Some("hmarsh".into()),
    );
    // As the run loop does, once the login is known.
    app.login = "hmarsh".into();
    app.loaded_from_disk(fingerprint, false);
    app
}

fn asked_who_you_are(app: &App) -> bool {
    top_is(app, |o| {
        matches!(o, Overlay::Form(_, FormPurpose::FirstPerson(_)))
    })
}

#[test]
fn a_register_with_nobody_asks_who_you_are_and_then_a_first_item_and_meeting_can_be_made() {
    let mut app = first_run_app();
    assert!(asked_who_you_are(&app), "asked at once");
    assert!(form(&app).title.starts_with("Who are you?"));
    assert!(
        !form(&app).has_field("Logins"),
        "the login is the one in use"
    );
    type_text(&mut app, "Helen Marsh");
    assert_eq!(form(&app).field("Id").text_value(), "hmarsh");
    focus(&mut app, "Role");
    type_text(&mut app, "Quality Manager");
    let written = saved(&mut app, |a| ctrl(a, 's'));
    let helen = written.person("hmarsh").expect("added");
    assert_eq!(helen.login, ["hmarsh"], "known by the login next time");
    assert_eq!(app.user.as_deref(), Some("hmarsh"));
    assert!(written.history.iter().all(|h| h.by == "hmarsh"));
    assert!(status_info(&app).starts_with("welcome, Helen Marsh (hmarsh)"));
    assert!(app.overlays.is_empty());

    // The first item, owned by her without asking.
    assert_no_cmd(press(&mut app, "n"));
    assert_eq!(
        form(&app).field("Owner").selected_label(),
        "hmarsh (Helen Marsh)"
    );
    focus(&mut app, "Title");
    type_text(&mut app, "Sole supplier");
    link_new_item(&mut app);
    for (key, level) in [("Likelihood", 3), ("Impact", 4)] {
        focus(&mut app, key);
        for _ in 0..level {
            press_code(&mut app, KeyCode::Right);
        }
    }
    let written = saved(&mut app, |a| ctrl(a, 's'));
    assert_eq!(written.items.len(), 1);
    assert_eq!(written.items[0].owner, "hmarsh");

    // And a meeting, with her facilitating and present.
    assert_no_cmd(press(&mut app, "m"));
    assert_eq!(purpose(&app), FormPurpose::StartMeeting);
    let written = saved(&mut app, |a| ctrl(a, 's'));
    let meeting = written.meetings.last().expect("started");
    assert_eq!(meeting.facilitator, "hmarsh");
    assert!(
        meeting
            .attendance
            .iter()
            .any(|a| a.person == "hmarsh" && a.present)
    );
    assert_eq!(app.screen(), Screen::Meeting);
    assert!(
        validate(&written)
            .iter()
            .all(|p| p.severity != roreg::domain::Severity::Error)
    );
}

#[test]
fn who_are_you_left_with_esc_is_asked_again_by_a_change_which_then_goes_on() {
    let mut app = first_run_app();
    assert_no_cmd(press_code(&mut app, KeyCode::Esc));
    assert!(app.overlays.is_empty());
    assert!(status_info(&app).starts_with("nobody added: browsing needs nobody"));
    // Browsing needs nobody.
    press(&mut app, "AqhqP");
    assert_eq!(app.screen(), Screen::People);
    assert!(screen_text(&app, 80, 24).contains("Nobody yet. n adds a person"));
    press(&mut app, "q");
    // A new item needs an owner: asked who you are, then the item form.
    assert_no_cmd(press(&mut app, "n"));
    assert!(asked_who_you_are(&app));
    type_text(&mut app, "Helen Marsh");
    let written = saved(&mut app, |a| ctrl(a, 's'));
    assert!(written.person("hmarsh").is_some());
    assert_eq!(purpose(&app), FormPurpose::NewItem, "the n goes on");
    assert_eq!(
        form(&app).field("Owner").selected_label(),
        "hmarsh (Helen Marsh)"
    );
}

#[test]
fn n_on_the_people_screen_of_an_empty_register_adds_you_first() {
    let mut app = first_run_app();
    press_code(&mut app, KeyCode::Esc);
    press(&mut app, "P");
    assert_no_cmd(press(&mut app, "n"));
    assert!(asked_who_you_are(&app));
    type_text(&mut app, "Helen Marsh");
    saved(&mut app, |a| ctrl(a, 's'));
    assert!(
        app.overlays.is_empty(),
        "no second form: adding you was the point"
    );
    assert_eq!(selected_person(&app), "hmarsh");
    assert_eq!(app.screen(), Screen::People);
}
