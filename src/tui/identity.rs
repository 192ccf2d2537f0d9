//! "Who is editing?": asked once, before the first change, when neither
//! the login nor `--as` names a person. Browsing needs no identity.

use ratatui::crossterm::event::KeyEvent;

use super::app::{App, FormPurpose, Overlay};
use super::form::{Field, Form};
use super::keymap::{Intent, Screen};

const PERSON: &str = "Person";

/// Why a change cannot be made while nobody is known to be editing.
pub const UNKNOWN: &str =
    "not changed: who is editing is not known; every change is recorded as a person in people";

/// Whether `changes` (a key that would change the register) must first
/// ask who is editing. A viewer changes nothing, so it never asks.
pub fn must_ask(app: &App, changes: bool) -> bool {
    changes && app.user.is_none() && app.sharing.read_only.is_none()
}

/// Asks who is editing; the answer lets `pending`, the key that needed
/// it, go on.
pub fn ask(app: &mut App, pending: KeyEvent) {
    let people = &app.register.people;
    if people.is_empty() {
        // Nobody to be: the person editing is added first. On the people
        // screen adding them is what the key asked for; elsewhere it goes on.
        let adds_a_person = app.screen() == Screen::People
            && app.keys.lookup(Screen::People, &pending) == Some(Intent::New);
        super::forms::person::ask_first_person(app, (!adds_a_person).then_some(pending));
        return;
    }
    let options = people
        .iter()
        .map(|p| crate::text::one_line(&format!("{} ({})", p.name, p.id)))
        .collect();
    let field = Field::choice(
        PERSON,
        options,
        0,
        "←/→ or the first letter; every change you make is recorded as this person",
    );
    app.show(Overlay::Form(
        Box::new(Form::new("Who is editing?", vec![field], "choose")),
        FormPurpose::WhoIsEditing(pending),
    ));
}

/// The person picked: remembered for the rest of the session.
pub fn chosen(app: &mut App, form: &Form) {
    // By the id the choice showed, not its position: the file may have been
    // reloaded with other people while the question was open.
    let label = form.field(PERSON).selected_label();
    let id = label
        .rsplit_once('(')
        .and_then(|(_, rest)| rest.strip_suffix(')'))
        .unwrap_or_default();
    let Some(person) = app.register.people.iter().find(|p| p.id == id) else {
        app.error(format!(
            "not changed: {label} is no longer among the register's people; choose again"
        ));
        return;
    };
    let said = crate::text::one_line(&format!("editing as {} ({})", person.name, person.id));
    app.user = Some(person.id.clone());
    app.info(said);
}
