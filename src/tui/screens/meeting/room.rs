//! Recording the room while the meeting runs: someone arriving late or
//! leaving early (with the time), a guest from outside the register, and
//! an agenda item passed over with why.

use crate::domain::{Guest, Timestamp, meetings, room};

use super::super::super::app::{App, Cmd, FormPurpose, Overlay};
use super::super::super::form::{Field, Form};

const PERSON: &str = "Person";
const WHAT: &str = "What";
const TIME: &str = "Time";
const WHATS: [&str; 2] = ["arrived (late)", "left (early)"];
const NAME: &str = "Name";
const ROLE: &str = "Role";
const ORGANISATION: &str = "Organisation";
const REASON: &str = "Reason";

/// Who arrived or left, and when (now, unless said otherwise).
pub(super) fn ask_presence(app: &mut App) {
    let Some(open) = meetings::open_meeting(&app.register) else {
        return;
    };
    let people: Vec<String> = open
        .attendance
        .iter()
        .map(|a| {
            let state = match (a.present, a.left.is_some()) {
                (true, true) => "left",
                (true, false) => "present",
                (false, _) if a.apologies => "apologies",
                (false, _) => "absent",
            };
            crate::text::one_line(&format!(
                "{} ({}) · {state}",
                app.register.person_name(&a.person),
                a.person
            ))
        })
        .collect();
    if people.is_empty() {
        app.error("the meeting has no attendance list to change");
        return;
    }
    let form = Form::new(
        format!("Who came or went in {}?", open.id),
        vec![
            Field::choice(PERSON, people, 0, "←/→ or the first letter"),
            Field::choice(
                WHAT,
                WHATS.iter().map(|s| s.to_string()).collect(),
                0,
                "←/→",
            ),
            Field::text(
                TIME,
                &app.now.0.format("%H:%M").to_string(),
                "HH:MM (UTC), today",
            ),
        ],
        "record",
    );
    app.show(Overlay::Form(Box::new(form), FormPurpose::Presence));
}

pub fn submit_presence(app: &mut App, form: &mut Form) -> Option<Result<Cmd, String>> {
    form.clear_errors();
    let open = meetings::open_meeting(&app.register)?;
    let person = open
        .attendance
        .get(form.field(PERSON).selected())?
        .person
        .clone();
    let text = form.field(TIME).text_value();
    let when = format!("{}T{}:00Z", app.now.date(), text.trim());
    let at = match Timestamp::parse(&when) {
        Ok(at) if at >= open.started => at,
        // The minute the meeting started in: from its start.
        Ok(at) if (open.started.0 - at.0).num_seconds() < 60 => open.started,
        Ok(_) => {
            form.set_error(
                TIME,
                format!(
                    "before the meeting started ({})",
                    open.started.0.format("%H:%M")
                ),
            );
            return None;
        }
        Err(_) => {
            form.set_error(
                TIME,
                format!("\"{}\" is not a time; write HH:MM, e.g. 10:25", text.trim()),
            );
            return None;
        }
    };
    let arrived = form.field(WHAT).selected() == 0;
    let name = app.register.person_name(&person).to_string();
    let done = format!(
        "{name} {} at {}",
        if arrived { "arrived" } else { "left" },
        at.0.format("%H:%M")
    );
    let scope = meetings::open_scope(&app.register);
    Some(app.change(&done, scope, |r| {
        if arrived {
            room::arrive(r, &person, at)
        } else {
            room::leave(r, &person, at)
        }
    }))
}

/// A guest from outside the register's people.
pub(super) fn ask_guest(app: &mut App) {
    let form = Form::new(
        "A guest in the meeting",
        vec![
            Field::text(NAME, "", "their name, as the minutes should show it"),
            Field::text(ROLE, "", "e.g. external auditor, customer quality engineer"),
            Field::text(ORGANISATION, "", "their organisation"),
        ],
        "add",
    );
    app.show(Overlay::Form(Box::new(form), FormPurpose::Guest));
}

pub fn submit_guest(app: &mut App, form: &mut Form) -> Option<Result<Cmd, String>> {
    form.clear_errors();
    let name = form.field(NAME).text_value().trim().to_string();
    if name.is_empty() {
        form.set_error(NAME, "empty; a guest needs a name");
        return None;
    }
    let guest = Guest {
        name: name.clone(),
        role: form.field(ROLE).text_value().trim().to_string(),
        organisation: form.field(ORGANISATION).text_value().trim().to_string(),
    };
    let scope = meetings::open_scope(&app.register);
    Some(app.change(&format!("{name} added as a guest"), scope, |r| {
        room::add_guest(r, guest)
    }))
}

/// Passing over the card's item: why, for the minutes.
pub(super) fn ask_skip(app: &mut App, item: String) {
    let form = Form::new(
        format!("Skip {item}"),
        vec![Field::text(
            REASON,
            "",
            "why, for the minutes; may be left empty",
        )],
        "skip",
    );
    app.show(Overlay::Form(Box::new(form), FormPurpose::Skip { item }));
}

/// Records the skip and moves the item to the end of the agenda.
pub fn submit_skip(app: &mut App, form: &mut Form, item: &str) -> Option<Result<Cmd, String>> {
    let reason = form.field(REASON).text_value();
    let now = app.now;
    let position = app.meeting.position;
    let scope = meetings::open_scope(&app.register);
    Some(app.change(&format!("{item} skipped"), scope, |r| {
        room::skip(r, item, &reason, now)?;
        let meeting = meetings::open_meeting_mut(r)?;
        if meeting.agenda.get(position).is_some_and(|i| i == item) {
            let moved = meeting.agenda.remove(position);
            meeting.agenda.push(moved);
        }
        Ok(())
    }))
}
