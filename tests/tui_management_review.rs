//! A management review from the keyboard: `I` lists the twelve 9.3.2
//! inputs, each recorded with a note and its evidence (or taken back), and
//! a decision is sorted as a 9.3.3 output. On the example, today 2026-11-21.

#[path = "common/keys.rs"]
mod keys;
use keys::*;

use ratatui::crossterm::event::KeyCode;
use roreg::domain::{ManagementInput, ManagementOutput, MeetingKind};
use roreg::storage::Fingerprint;
use roreg::tui::app::{App, FormPurpose, Overlay};

/// Saves what the last key asked to save, as the worker would.
fn saved(app: &mut App, cmd: roreg::tui::app::Cmd, tag: &str) {
    save_of(cmd);
    app.saved(Ok(Fingerprint::of(tag.as_bytes())));
}

/// The example with a management review started by the quality manager.
fn in_management_review() -> App {
    let mut app = app();
    press(&mut app, "m");
    // The kind is the first field: a management review is the second choice.
    press_code(&mut app, KeyCode::Right);
    let cmd = ctrl(&mut app, 's');
    saved(&mut app, cmd, "started");
    let open = roreg::domain::meetings::open_meeting(&app.register).unwrap();
    assert_eq!(open.kind, MeetingKind::ManagementReview);
    app
}

fn selected_input(app: &App) -> usize {
    match app.overlays.last() {
        Some(Overlay::ManagementInputs { selected }) => *selected,
        _ => panic!("the inputs list is not on top"),
    }
}

fn considered(app: &App) -> Vec<roreg::domain::Considered> {
    let open = roreg::domain::meetings::open_meeting(&app.register).unwrap();
    open.considered.clone()
}

#[test]
fn capital_i_records_a_management_review_input_with_its_note_and_evidence() {
    let mut app = in_management_review();
    assert_no_cmd(press(&mut app, "I"));
    assert_eq!(selected_input(&app), 0, "on the first not yet considered");
    let screen = screen_text(&app, 80, 24);
    assert!(
        screen.contains("9.3.2 inputs of M-007: 0 of 12 considered"),
        "{screen}"
    );
    assert!(
        // The example's measures are listed under c1 and c3, so c7 is
        // further down at this size.
        screen.contains("[ ] c1 Customer satisfaction"),
        "{screen}"
    );
    assert!(
        screen.contains("x takes back"),
        "its keys are in view at 80×24:\n{screen}"
    );

    // Enter asks what the review saw; an empty note is refused.
    assert_no_cmd(press_code(&mut app, KeyCode::Enter));
    assert_eq!(
        purpose(&app),
        FormPurpose::Considered(ManagementInput::PreviousActions)
    );
    assert_no_cmd(ctrl(&mut app, 's'));
    assert!(form(&app).field("Note").error.is_some(), "a note is needed");
    type_text(&mut app, "All four actions of M-003 are done");
    press_code(&mut app, KeyCode::Tab);
    type_text(&mut app, "QMR-2026/actions.pdf");
    let cmd = ctrl(&mut app, 's');
    saved(&mut app, cmd, "considered");
    let recorded = considered(&app);
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].input, ManagementInput::PreviousActions);
    assert_eq!(recorded[0].note, "All four actions of M-003 are done");
    assert_eq!(recorded[0].evidence, "QMR-2026/actions.pdf");
    assert_eq!(recorded[0].at, now());
    // Back on the list, on the next input, the first one ticked.
    assert_eq!(selected_input(&app), 1);
    let screen = screen_text(&app, 120, 40);
    assert!(
        screen.contains("[x] a  Status of actions from previous management reviews: All four"),
        "{screen}"
    );
    let history = &app.register.history;
    assert_eq!(history.last().unwrap().field, "considered[a]");

    // The card's title counts them.
    press_code(&mut app, KeyCode::Esc);
    assert!(app.overlays.is_empty());
    let card = screen_text(&app, 120, 40);
    assert!(card.contains("9.3.2 inputs 1 of 12 (I)"), "{card}");

    // x takes back the selected input.
    press(&mut app, "I");
    press(&mut app, "k");
    assert_eq!(selected_input(&app), 0);
    let cmd = press(&mut app, "x");
    saved(&mut app, cmd, "withdrawn");
    assert!(considered(&app).is_empty());
    assert!(status_info(&app).contains("9.3.2 a taken back"));
}

#[test]
fn recording_an_input_again_shows_and_replaces_what_was_recorded() {
    let mut app = in_management_review();
    press(&mut app, "I");
    press_code(&mut app, KeyCode::Enter);
    type_text(&mut app, "first");
    let cmd = ctrl(&mut app, 's');
    saved(&mut app, cmd, "first");
    press(&mut app, "k");
    press_code(&mut app, KeyCode::Enter);
    assert_eq!(form(&app).field("Note").text_value(), "first");
    press_code(&mut app, KeyCode::Backspace);
    type_text(&mut app, "T, corrected");
    let cmd = ctrl(&mut app, 's');
    saved(&mut app, cmd, "second");
    let recorded = considered(&app);
    assert_eq!(recorded.len(), 1, "one entry per input");
    assert_eq!(recorded[0].note, "firsT, corrected");
}

#[test]
fn a_risk_review_has_no_inputs_and_no_output_field() {
    let mut app = app();
    press(&mut app, "m");
    let cmd = ctrl(&mut app, 's');
    saved(&mut app, cmd, "started");
    assert_no_cmd(press(&mut app, "I"));
    assert!(app.overlays.is_empty());
    assert!(status_error(&app).contains("only a management review records 9.3.2 inputs"));
    press(&mut app, "d");
    assert!(!form(&app).has_field("Output (9.3.3)"));
}

#[test]
fn a_management_review_decision_is_sorted_as_a_9_3_3_output() {
    let mut app = in_management_review();
    let item = app.meeting_item().unwrap();
    press(&mut app, "d");
    type_text(&mut app, "Fund a second operator");
    press_code(&mut app, KeyCode::Tab);
    assert_eq!(form(&app).field("Output (9.3.3)").selected(), 0);
    // Not classified, improvement, QMS change, resource need.
    for _ in 0..3 {
        press_code(&mut app, KeyCode::Right);
    }
    let cmd = ctrl(&mut app, 's');
    saved(&mut app, cmd, "decided");
    let open = roreg::domain::meetings::open_meeting(&app.register).unwrap();
    let review = open.reviewed.iter().find(|r| r.item == item).unwrap();
    assert_eq!(review.decision, "Fund a second operator");
    assert_eq!(review.output, Some(ManagementOutput::ResourceNeed));
    let card = screen_text(&app, 120, 40);
    assert!(card.contains("Output       Resource need"), "{card}");

    // Enter's outcome form asks for it too, and shows it as it is.
    press_code(&mut app, KeyCode::Right);
    press_code(&mut app, KeyCode::Enter);
    assert!(matches!(purpose(&app), FormPurpose::Reviewed { .. }));
    assert!(form(&app).has_field("Output (9.3.3)"));
}

#[test]
fn the_inputs_list_and_the_card_fit_80x24_and_160x45() {
    let mut app = in_management_review();
    press(&mut app, "I");
    press_code(&mut app, KeyCode::Enter);
    type_text(&mut app, "Two minor findings, both closed");
    let cmd = ctrl(&mut app, 's');
    saved(&mut app, cmd, "considered");
    for (w, h) in [(80, 24), (160, 45)] {
        insta::assert_snapshot!(
            format!("management_inputs_{w}x{h}"),
            screen_text(&app, w, h)
        );
    }
}
