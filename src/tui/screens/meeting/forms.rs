//! What the meeting's keys write down through a form: a decision, an
//! agreed review date, an item added to the agenda.

use crate::domain::edit::Scope;
use crate::domain::{Date, ManagementOutput, MeetingKind, Register, management_review, meetings};

use super::super::super::app::{App, Cmd, FormPurpose, Overlay};
use super::super::super::form::{Field, Form};
use super::super::super::keymap::{Intent, Popup};

pub(super) const DECISION: &str = "Decision";
const OUTCOME: &str = "Outcome";
const OUTCOMES: [&str; 2] = [
    "a decision, written below",
    "no change: the item stays as it now is",
];
/// What the minutes say of a review where nothing changed.
const NO_CHANGE: &str = "No change";
pub(super) const NEXT_REVIEW: &str = "Next review";
pub(super) const ITEM: &str = "Item";
const OUTPUT: &str = "Output (9.3.3)";

/// In a management review, the field that sorts the decision on `item` as
/// a 9.3.3 output, showing what it is now; in a risk review, nothing.
pub(super) fn output_field(app: &App, item: &str) -> Option<Field> {
    let open = meetings::open_meeting(&app.register)?;
    if open.kind != MeetingKind::ManagementReview {
        return None;
    }
    let now = open
        .reviewed
        .iter()
        .find(|r| r.item == item)
        .and_then(|r| r.output);
    let mut options = vec!["not classified".to_string()];
    options.extend(ManagementOutput::ALL.iter().map(|o| o.label().to_string()));
    let selected = now.map_or(0, |o| {
        1 + ManagementOutput::ALL
            .iter()
            .position(|x| *x == o)
            .unwrap_or(0)
    });
    Some(Field::choice(
        OUTPUT,
        options,
        selected,
        "←/→: improvement, QMS change, resource need or risk decision",
    ))
}

/// The output chosen in `form`'s output field, if it has one: `Some(None)`
/// for "not classified".
fn chosen_output(form: &Form) -> Option<Option<ManagementOutput>> {
    form.has_field(OUTPUT).then(|| {
        let at = form.field(OUTPUT).selected();
        at.checked_sub(1)
            .and_then(|i| ManagementOutput::ALL.get(i).copied())
    })
}

/// Records the decision's output class when the form asked for one.
fn record_output(
    register: &mut Register,
    item: &str,
    output: Option<Option<ManagementOutput>>,
) -> Result<(), String> {
    match output {
        Some(output) => management_review::classify(register, item, output),
        None => Ok(()),
    }
}

pub fn submit_decision(app: &mut App, form: &mut Form, item: &str) -> Option<Result<Cmd, String>> {
    let text = form.field(DECISION).text_value();
    if text.trim().is_empty() {
        let cancel = app.keys.key(Popup::Form, Intent::Cancel);
        form.set_error(
            DECISION,
            format!("empty; write the decision, or {cancel} to leave it"),
        );
        return None;
    }
    let now = app.now;
    let output = chosen_output(form);
    let scope = meetings::open_scope(&app.register).and_item(item);
    Some(
        app.change(&format!("decision on {item} recorded"), scope, |r| {
            meetings::decide(r, item, &text, now)?;
            record_output(r, item, output)
        }),
    )
}

pub fn submit_next_review(
    app: &mut App,
    form: &mut Form,
    item: &str,
) -> Option<Result<Cmd, String>> {
    let text = form.field(NEXT_REVIEW).text_value();
    let date = if text.trim().is_empty() {
        None
    } else {
        match Date::parse(&text) {
            Ok(d) if d < app.today => {
                form.set_error(
                    NEXT_REVIEW,
                    format!("{d} is in the past; give a date from {} on", app.today),
                );
                return None;
            }
            Ok(d) => Some(d),
            Err(e) => {
                form.set_error(NEXT_REVIEW, e);
                return None;
            }
        }
    };
    let now = app.now;
    let done = match date {
        Some(d) => format!("{item}: next review {d} agreed"),
        None => format!("{item}: next review from the band's interval"),
    };
    let scope = meetings::open_scope(&app.register).and_item(item);
    Some(app.change(&done, scope, |r| {
        meetings::agree_next_review(r, item, date, now)
    }))
}

pub fn submit_add_item(app: &mut App, form: &mut Form) -> Option<Result<Cmd, String>> {
    let chosen = form
        .field(ITEM)
        .selected_label()
        .split(' ')
        .next()?
        .to_string();
    let after = app.meeting.position + 1;
    let scope = meetings::open_scope(&app.register);
    let result = app.change(&format!("{chosen} added to the agenda"), scope, |r| {
        let meeting = r
            .meetings
            .iter_mut()
            .find(|m| m.closed.is_none())
            .ok_or("no meeting is open")?;
        let at = after.min(meeting.agenda.len());
        meeting.agenda.insert(at, chosen.clone());
        Ok(())
    });
    if result.is_ok() && super::agenda_len(app) > 1 {
        app.meeting.position = after.min(super::agenda_len(app) - 1);
    }
    Some(result)
}

/// Asks what was decided on `item` before it counts as reviewed: a
/// decision, or an explicit "no change".
pub(super) fn ask_outcome(app: &mut App, item: String) {
    let output = output_field(app, &item);
    let form = Form::new(
        format!("Review of {item}: what was decided?"),
        [
            Field::choice(
                OUTCOME,
                OUTCOMES.iter().map(|s| s.to_string()).collect(),
                0,
                "←/→ to choose",
            ),
            Field::text(
                DECISION,
                "",
                "as the minutes should say it; with no change, an optional note",
            ),
        ]
        .into_iter()
        .chain(output)
        .collect(),
        "record",
    );
    app.show(Overlay::Form(
        Box::new(form),
        FormPurpose::Reviewed { item },
    ));
}

/// Records `item` reviewed with its outcome, then goes on to the next.
pub fn submit_reviewed(app: &mut App, form: &mut Form, item: &str) -> Option<Result<Cmd, String>> {
    form.clear_errors();
    let text = form.field(DECISION).text_value().trim().to_string();
    let no_change = form.field(OUTCOME).selected() == 1;
    let decision = match (no_change, text.is_empty()) {
        (true, true) => NO_CHANGE.to_string(),
        (true, false) => format!("{NO_CHANGE}. {text}"),
        (false, false) => text,
        (false, true) => {
            form.set_error(
                DECISION,
                "empty; write the decision, or choose \"no change\" above",
            );
            return None;
        }
    };
    let now = app.now;
    let output = chosen_output(form);
    let scope = meetings::open_scope(&app.register).and_item(item);
    Some(Ok(reviewed_and_on(app, item, scope, |r| {
        meetings::decide(r, item, &decision, now)?;
        record_output(r, item, output)
    })))
}

/// Applies `record` to the review of `item` and moves the card on to the
/// next agenda item.
pub(super) fn reviewed_and_on(
    app: &mut App,
    item: &str,
    scope: Scope,
    record: impl FnOnce(&mut Register) -> Result<(), String>,
) -> Cmd {
    let position = (app.meeting.position + 1).min(super::agenda_len(app).saturating_sub(1));
    let next = meetings::open_meeting(&app.register).and_then(|m| m.agenda.get(position).cloned());
    let result = app.change(&format!("{item} reviewed"), scope, |r| {
        record(r)?;
        meetings::show_item(r, next.as_deref())
    });
    match result {
        Ok(cmd) => {
            app.meeting.position = position;
            app.meeting.action = 0;
            cmd
        }
        Err(why) => {
            app.error(why);
            Cmd::None
        }
    }
}

const NOTES: &str = "Notes";

/// Opens the meeting's notes for editing, as they are so far.
pub(super) fn ask_notes(app: &mut App) {
    let Some(open) = meetings::open_meeting(&app.register) else {
        return;
    };
    let form = Form::new(
        format!("Notes of {}", open.id),
        vec![Field::multiline(
            NOTES,
            &open.notes,
            "what the minutes should keep beyond the decisions: apologies, context, what comes next",
        )],
        "record",
    );
    app.show(Overlay::Form(Box::new(form), FormPurpose::MeetingNotes));
}

pub fn submit_notes(app: &mut App, form: &mut Form) -> Option<Result<Cmd, String>> {
    let notes = form.field(NOTES).text_value().trim_end().to_string();
    let scope = meetings::open_scope(&app.register);
    Some(app.change("meeting notes recorded", scope, |r| {
        let meeting = meetings::open_meeting_mut(r)?;
        meeting.notes = notes;
        Ok(())
    }))
}
