//! What the meeting's keys write down through a form: a decision, an
//! agreed review date, an item added to the agenda.

use crate::domain::{Date, meetings};

use super::super::super::app::{App, Cmd};
use super::super::super::form::Form;
use super::super::super::keymap::{Intent, Popup};

pub(super) const DECISION: &str = "Decision";
pub(super) const NEXT_REVIEW: &str = "Next review";
pub(super) const ITEM: &str = "Item";

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
    let scope = meetings::open_scope(&app.register).and_item(item);
    Some(
        app.change(&format!("decision on {item} recorded"), scope, |r| {
            meetings::decide(r, item, &text, now)
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
