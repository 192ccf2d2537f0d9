//! The form's typing keys, field by field.

use super::*;

fn press(form: &mut Form, code: KeyCode) -> Outcome {
    form.handle_key(KeyEvent::new(code, KeyModifiers::NONE), &Keymap::default())
}

fn typed(form: &mut Form, text: &str) {
    for c in text.chars() {
        press(form, KeyCode::Char(c));
    }
}

fn sample() -> Form {
    Form::new(
        "Test",
        vec![
            Field::text("Title", "", "a short title"),
            Field::multiline("Description", "", "free text"),
            Field::choice(
                "Status",
                vec!["Open".into(), "Done".into(), "Cancelled".into()],
                0,
                "",
            ),
            Field::toggles(
                "Affects",
                vec!["A".into(), "B".into()],
                vec![false, false],
                "",
            ),
        ],
        "save",
    )
}

#[test]
fn typing_fills_the_focused_text_field_and_enter_moves_on() {
    let mut form = sample();
    typed(&mut form, "Dust 日本");
    assert_eq!(press(&mut form, KeyCode::Enter), Outcome::Editing);
    assert_eq!(form.focus, 1);
    typed(&mut form, "line one");
    press(&mut form, KeyCode::Enter);
    typed(&mut form, "line two");
    assert_eq!(form.field("Title").text_value(), "Dust 日本");
    assert_eq!(form.field("Description").text_value(), "line one\nline two");
}

#[test]
fn choices_cycle_and_jump_by_letter() {
    let mut form = sample();
    form.focus = 2;
    press(&mut form, KeyCode::Right);
    assert_eq!(form.field("Status").selected_label(), "Done");
    press(&mut form, KeyCode::Left);
    press(&mut form, KeyCode::Left);
    assert_eq!(form.field("Status").selected_label(), "Cancelled");
    press(&mut form, KeyCode::Char('o'));
    assert_eq!(form.field("Status").selected_label(), "Open");
}

#[test]
fn toggles_flip_with_space() {
    let mut form = sample();
    form.focus = 3;
    press(&mut form, KeyCode::Right);
    press(&mut form, KeyCode::Char(' '));
    assert_eq!(form.field("Affects").toggled(), [false, true]);
}

#[test]
fn enter_on_the_last_field_submits_and_esc_asks_before_discarding() {
    let mut form = sample();
    form.focus = 3;
    assert_eq!(press(&mut form, KeyCode::Enter), Outcome::Submit);
    let mut clean = sample();
    assert_eq!(press(&mut clean, KeyCode::Esc), Outcome::Cancel);
    let mut edited = sample();
    typed(&mut edited, "x");
    assert_eq!(press(&mut edited, KeyCode::Esc), Outcome::Editing);
    assert!(edited.confirm_discard);
    assert_eq!(press(&mut edited, KeyCode::Char('n')), Outcome::Editing);
    assert!(!edited.confirm_discard);
    press(&mut edited, KeyCode::Esc);
    assert_eq!(press(&mut edited, KeyCode::Char('y')), Outcome::Cancel);
}

#[test]
fn paste_keeps_single_line_fields_on_one_line() {
    let mut form = sample();
    form.paste("two\nlines");
    assert_eq!(form.field("Title").text_value(), "two lines");
    form.focus = 1;
    form.paste("two\r\nlines");
    assert_eq!(form.field("Description").text_value(), "two\nlines");
}

#[test]
fn errors_move_focus_to_the_first_wrong_field() {
    let mut form = sample();
    form.focus = 3;
    form.set_error("Description", "empty");
    form.set_error("Status", "bad");
    assert_eq!(form.focus, 1);
    assert!(form.has_errors());
    form.clear_errors();
    assert!(!form.has_errors());
}

#[test]
fn ctrl_n_completes_from_the_suggestions_starting_with_what_was_typed() {
    let field = Field::text("Process", "", "").with_suggestions(
        ["Purchasing", "Production", "production", "", "Sales"].map(String::from),
    );
    let mut form = Form::new("Test", vec![field], "save");
    let ctrl_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL);
    let keys = Keymap::default();
    typed(&mut form, "p");
    form.handle_key(ctrl_n, &keys);
    assert_eq!(form.field("Process").text_value(), "Purchasing");
    form.handle_key(ctrl_n, &keys);
    assert_eq!(form.field("Process").text_value(), "Production");
    // Repeats (case ignored) and blanks are offered once: back to the first.
    form.handle_key(ctrl_n, &keys);
    assert_eq!(form.field("Process").text_value(), "Purchasing");
    // Typing ends the cycle; nothing matching leaves the text alone.
    typed(&mut form, "x");
    form.handle_key(ctrl_n, &keys);
    assert_eq!(form.field("Process").text_value(), "Purchasingx");
}

#[test]
fn a_long_list_takes_the_arrows_until_its_ends_and_forgets_its_filter_when_left() {
    let options = ["REQ-001 Delivery", "REQ-002 Housings", "REQ-003 REACH"].map(String::from);
    let mut form = Form::new(
        "Test",
        vec![
            Field::text("Title", "", ""),
            Field::checklist("Requirements", options.to_vec(), vec![], ""),
            Field::text("Process", "", ""),
        ],
        "save",
    );
    press(&mut form, KeyCode::Down);
    assert_eq!(form.focus, 1);
    press(&mut form, KeyCode::Down);
    press(&mut form, KeyCode::Char(' '));
    assert_eq!(form.field("Requirements").toggled(), [false, true, false]);
    assert!(form.changed);
    press(&mut form, KeyCode::Down);
    assert_eq!(form.focus, 1, "still in the list, on its last option");
    press(&mut form, KeyCode::Down);
    assert_eq!(form.focus, 2, "↓ on the last option goes on");
    press(&mut form, KeyCode::Up);
    typed(&mut form, "rea");
    // While finding, Enter ticks what was found rather than going on.
    assert_eq!(press(&mut form, KeyCode::Enter), Outcome::Editing);
    assert_eq!(form.focus, 1);
    assert_eq!(form.field("Requirements").toggled(), [false, true, true]);
    typed(&mut form, "del");
    // Left while finding, the list is whole again when come back to.
    press(&mut form, KeyCode::Tab);
    assert_eq!(form.focus, 2);
    press(&mut form, KeyCode::Up);
    let Value::Checklist(list) = &form.field("Requirements").value else {
        panic!("a checklist");
    };
    assert_eq!(list.shown().len(), 3);
}
