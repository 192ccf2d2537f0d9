//! One row of the Actions sheet (`roreg export`'s): an action attached to
//! its item, from the Items sheet or the register.

use std::collections::HashMap;

use super::super::columns::Field;
use super::super::values;
use super::{Context, Planned, Row};
use crate::domain::{Action, ActionStatus, Effectiveness};

pub(super) fn action(
    context: &mut Context,
    row: &mut Row,
    planned: &mut Vec<Planned>,
    planned_at: &mut HashMap<String, usize>,
) {
    let Some(item_id) = row.text(Field::Item) else {
        row.fail(
            Field::Item,
            "item missing; give the id of the item the action belongs to",
        );
        return;
    };
    let at = match planned_at.get(&item_id) {
        Some(at) => *at,
        None => match context.existing.get(item_id.as_str()) {
            Some(item) => {
                planned_at.insert(item_id.clone(), planned.len());
                planned.push(Planned {
                    item: (*item).clone(),
                    outcome: super::Outcome::Unchanged,
                    row: row.whole(),
                });
                planned.len() - 1
            }
            None => {
                row.fail(
                    Field::Item,
                    format!(
                        "item \"{item_id}\" is neither in the sheet's items nor in the register"
                    ),
                );
                return;
            }
        },
    };
    let id_given = row.text(Field::Id);
    let text = row.text(Field::Action);
    let item = &planned[at].item;
    let existing = match &id_given {
        Some(id) => item.actions.iter().position(|a| a.id == *id),
        None => text.as_ref().and_then(|t| {
            item.actions
                .iter()
                .position(|a| a.text.trim().eq_ignore_ascii_case(t))
        }),
    };
    let base = existing.map(|i| item.actions[i].clone());
    let new = base.is_none();
    let mut action = base.unwrap_or(Action {
        id: String::new(),
        text: String::new(),
        owner: String::new(),
        due: crate::domain::Date(chrono::NaiveDate::MIN),
        status: ActionStatus::Open,
        done_on: None,
        effectiveness: None,
    });
    match text {
        Some(text) => action.text = text,
        None if new => row.fail(Field::Action, "action text missing; say what is to be done"),
        None => {}
    }
    match row.text(Field::Owner) {
        Some(owner) => match context.person(&owner, "owner") {
            Ok(id) => action.owner = id,
            Err(why) => row.fail(Field::Owner, why),
        },
        None if new => action.owner = planned[at].item.owner.clone(),
        None => {}
    }
    match row.read(Field::Due, |c| values::date(c, "due")) {
        Some(due) => action.due = due,
        None if new && row.given(Field::Due).is_none() => row.fail(
            Field::Due,
            "due date missing; give the day the action is due",
        ),
        None => {}
    }
    if row.has(Field::Status) {
        action.status = row
            .read(Field::Status, |c| values::action_status(&c.shown()))
            .unwrap_or(ActionStatus::Open);
    }
    if row.has(Field::DoneOn) {
        action.done_on = row.read(Field::DoneOn, |c| values::date(c, "done on"));
    }
    if row.has(Field::Effectiveness) {
        action.effectiveness = effectiveness(context, row);
    }
    if !row.errors.is_empty() {
        return;
    }
    let item = &mut planned[at].item;
    match existing {
        Some(index) => item.actions[index] = action,
        None => {
            action.id = id_given.unwrap_or_else(|| context.allocate.next("A"));
            if item.actions.iter().any(|a| a.id == action.id) {
                row.fail(
                    Field::Id,
                    format!("action id \"{}\" is used twice for {}", action.id, item.id),
                );
                return;
            }
            item.actions.push(action);
            item.actions
                .sort_by(|a, b| crate::domain::ids::compare(&a.id, &b.id));
        }
    }
}

/// The check of an action: verdict, note, day and checker, all or none.
fn effectiveness(context: &mut Context, row: &mut Row) -> Option<Effectiveness> {
    let verdict = row.read(Field::Effectiveness, |c| values::verdict(&c.shown()))?;
    let checked_on = row.read(Field::CheckedOn, |c| values::date(c, "checked on"));
    if checked_on.is_none() && row.given(Field::CheckedOn).is_none() {
        row.fail(
            Field::CheckedOn,
            "an effectiveness check needs the day it was made",
        );
    }
    let checked_by = match row.text(Field::CheckedBy) {
        Some(text) => match context.person(&text, "checker") {
            Ok(id) => Some(id),
            Err(why) => {
                row.fail(Field::CheckedBy, why);
                None
            }
        },
        None => {
            row.fail(Field::CheckedBy, "an effectiveness check needs who made it");
            None
        }
    };
    Some(Effectiveness {
        verdict,
        note: row.text(Field::EffectivenessNote).unwrap_or_default(),
        checked_on: checked_on?,
        checked_by: checked_by?,
    })
}
