//! The action form and the effectiveness check that follows an action done.

use crate::domain::edit::Scope;
use crate::domain::meetings;
use crate::domain::{
    Action, ActionStatus, Date, Effectiveness, Item, ItemStatus, Register, Verdict, ids,
};

use super::super::app::{App, Cmd, FormPurpose, Overlay};
use super::super::form::{Field, Form};
use super::super::keymap::{Intent, Popup, Screen};
use super::{
    CHECKED_BY, DUE, NOTE, OWNER, STATUS, TEXT, VERDICT, no_people, people_options, person_at,
    person_index,
};

const ACTION_STATUSES: [ActionStatus; 4] = [
    ActionStatus::Open,
    ActionStatus::InProgress,
    ActionStatus::Done,
    ActionStatus::Cancelled,
];

pub fn action_form(
    register: &Register,
    item: &Item,
    existing: Option<&Action>,
    today: Date,
) -> Form {
    let due = existing.map_or(today.add_days(30), |a| a.due).to_string();
    let owner = existing.map_or(item.owner.as_str(), |a| a.owner.as_str());
    // Someone retired stays on the action they own, and gets no new one.
    let keep = existing.map(|a| a.owner.as_str());
    let status = existing.map_or(0, |a| {
        ACTION_STATUSES
            .iter()
            .position(|s| *s == a.status)
            .unwrap_or(0)
    });
    let fields = vec![
        Field::text(
            TEXT,
            existing.map_or("", |a| a.text.as_str()),
            "what is to be done",
        ),
        Field::choice(
            OWNER,
            people_options(register, keep),
            person_index(register, keep, owner),
            "who does it",
        ),
        Field::text(DUE, &due, "YYYY-MM-DD"),
        Field::choice(
            STATUS,
            ACTION_STATUSES
                .iter()
                .map(|s| s.label().to_string())
                .collect(),
            status,
            "Done asks for the effectiveness check",
        ),
    ];
    let title = match existing {
        Some(a) => format!("Edit {} on {}", a.id, item.id),
        None => format!("New action on {}", item.id),
    };
    Form::new(title, fields, "save")
}

pub fn read_action_form(
    form: &mut Form,
    register: &Register,
    existing: Option<&Action>,
    today: Date,
    people_key: &str,
) -> Option<Action> {
    form.clear_errors();
    let text = form.field(TEXT).text_value().trim().to_string();
    if text.is_empty() {
        form.set_error(TEXT, "empty; say what is to be done");
    }
    let due = match Date::parse(&form.field(DUE).text_value()) {
        Ok(d) => Some(d),
        Err(e) => {
            form.set_error(DUE, e);
            None
        }
    };
    let keep = existing.map(|a| a.owner.as_str());
    let owner = person_at(register, keep, form.field(OWNER).selected());
    if owner.is_none() {
        form.set_error(OWNER, no_people(people_key));
    }
    let (Some(due), Some(owner), false) = (due, owner, form.has_errors()) else {
        return None;
    };
    let status = ACTION_STATUSES[form.field(STATUS).selected().min(3)];
    let done_on = match status {
        ActionStatus::Done => existing.and_then(|a| a.done_on).or(Some(today)),
        _ => None,
    };
    let id = match existing {
        Some(a) => a.id.clone(),
        None => next_action_id(register),
    };
    Some(Action {
        id,
        text,
        owner,
        due,
        status,
        done_on,
        // Reopening an action withdraws its effectiveness check: it no longer holds.
        effectiveness: existing
            .and_then(|a| a.effectiveness.clone())
            .filter(|_| status == ActionStatus::Done),
    })
}

fn next_action_id(register: &Register) -> String {
    ids::next("A", register.ids_ever_used())
}

const VERDICTS: [Verdict; 3] = [Verdict::Effective, Verdict::Partly, Verdict::NotEffective];
/// The verdict before the checker chooses one.
const CHOOSE: &str = "(choose)";

pub fn effectiveness_form(
    register: &Register,
    item: &Item,
    action: &Action,
    checker: &str,
    later: &str,
) -> Form {
    // No verdict is offered ready-made: the checker says what they found.
    let verdicts = std::iter::once(CHOOSE.to_string())
        .chain(VERDICTS.iter().map(|v| v.label().to_string()))
        .collect();
    let fields = vec![
        Field::choice(
            VERDICT,
            verdicts,
            0,
            "did the action work? (ISO 9001 6.1.2) ←/→ to choose",
        ),
        Field::multiline(
            NOTE,
            "",
            "the evidence: what was checked, and what it showed",
        ),
        Field::choice(
            CHECKED_BY,
            people_options(register, None),
            person_index(register, None, checker),
            "who checked",
        ),
    ];
    let title = format!(
        "Effectiveness of {} on {} ({later}: check later)",
        action.id, item.id
    );
    Form::new(title, fields, "record")
}

pub fn read_effectiveness_form(
    form: &mut Form,
    register: &Register,
    today: Date,
) -> Option<Effectiveness> {
    form.clear_errors();
    let note = form.field(NOTE).text_value().trim().to_string();
    if note.is_empty() {
        form.set_error(
            NOTE,
            "empty; note the evidence, e.g. \"no repeat in 3 months of audits\"",
        );
    }
    let verdict = form
        .field(VERDICT)
        .selected()
        .checked_sub(1)
        .and_then(|i| VERDICTS.get(i).copied());
    if verdict.is_none() {
        form.set_error(
            VERDICT,
            "not chosen; choose Effective, Partly effective or Not effective (←/→)",
        );
    }
    let checked_by = person_at(register, None, form.field(CHECKED_BY).selected());
    let (Some(verdict), false) = (verdict, form.has_errors()) else {
        return None;
    };
    Some(Effectiveness {
        verdict,
        note,
        checked_on: today,
        checked_by: checked_by?,
    })
}

pub fn submit_action(
    app: &mut App,
    form: &mut Form,
    purpose: &FormPurpose,
    item_id: &str,
) -> Option<Result<Cmd, String>> {
    let item = app.register.item(item_id)?.clone();
    let existing = match purpose {
        FormPurpose::EditAction { action, .. } => {
            Some(item.actions.iter().find(|a| a.id == *action)?.clone())
        }
        _ => None,
    };
    let people_key = app.key(Intent::People);
    let action = read_action_form(
        form,
        &app.register,
        existing.as_ref(),
        app.today,
        &people_key,
    )?;
    let became_done = action.status == ActionStatus::Done
        && existing
            .as_ref()
            .is_none_or(|a| a.status != ActionStatus::Done)
        && action.effectiveness.is_none();
    let action_id = action.id.clone();
    let done = format!("{action_id} saved on {item_id}");
    let closed_item = item.status == ItemStatus::Closed && action.status.is_open();
    let in_meeting = app.screen() == Screen::Meeting;
    let raised_in_meeting = existing.is_none() && in_meeting;
    // Done from the card: the minutes list it as closed in the meeting.
    let closed_in_meeting = existing.as_ref().is_some_and(|a| a.status.is_open())
        && action.status == ActionStatus::Done
        && in_meeting;
    let scope = app.in_meeting_too(Scope::item(item_id), raised_in_meeting || closed_in_meeting);
    let result = app.change(&done, scope, |r| {
        let item = r.item_mut(item_id).ok_or("the item is gone")?;
        match item.actions.iter_mut().find(|a| a.id == action.id) {
            Some(slot) => *slot = action,
            None => item.actions.push(action),
        }
        item.actions
            .sort_by(|a, b| crate::domain::ids::compare(&a.id, &b.id));
        if raised_in_meeting {
            meetings::note_action(r, &action_id, false)?;
        }
        if closed_in_meeting {
            meetings::note_action(r, &action_id, true)?;
        }
        Ok(())
    });
    if result.is_ok() {
        if let Some(at) = app
            .register
            .item(item_id)
            .and_then(|i| i.actions.iter().position(|a| a.id == action_id))
        {
            app.detail.action = at;
        }
        if closed_item {
            app.info(format!(
                "{action_id} saved; note {item_id} is Closed with an open action"
            ));
        }
        if became_done {
            open_effectiveness(app, item_id, &action_id);
        }
    }
    Some(result)
}

pub fn submit_effectiveness(
    app: &mut App,
    form: &mut Form,
    item_id: &str,
    action_id: &str,
) -> Option<Result<Cmd, String>> {
    let check = read_effectiveness_form(form, &app.register, app.today)?;
    let verdict = check.verdict;
    let done = format!("{action_id}: {} recorded", verdict.label());
    let result = app.change(&done, Scope::item(item_id), |r| {
        let action = r
            .item_mut(item_id)
            .and_then(|i| i.actions.iter_mut().find(|a| a.id == action_id))
            .ok_or("the action is gone")?;
        action.effectiveness = Some(check);
        Ok(())
    });
    // An action that did not (fully) work leaves the risk where it was:
    // the item is scored again, and a follow-up action offered.
    if result.is_ok() && verdict != Verdict::Effective {
        super::follow_up::open(app, item_id, action_id, verdict);
    }
    Some(result)
}

/// Asks for the effectiveness check of an action just done.
pub fn open_effectiveness(app: &mut App, item_id: &str, action_id: &str) {
    let Some(item) = app.register.item(item_id) else {
        return;
    };
    let Some(action) = item.actions.iter().find(|a| a.id == action_id) else {
        return;
    };
    // Whoever records the check is who checked, unless they say otherwise.
    let checker = app.user.clone().unwrap_or_default();
    let later = app.keys.key(Popup::Form, Intent::Cancel);
    let form = effectiveness_form(&app.register, item, action, &checker, &later);
    let purpose = FormPurpose::Effectiveness {
        item: item_id.to_string(),
        action: action_id.to_string(),
    };
    app.show(Overlay::Form(Box::new(form), purpose));
}
