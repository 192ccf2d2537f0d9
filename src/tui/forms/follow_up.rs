//! After an effectiveness check found an action partly or not effective:
//! the risk is not where the action meant to put it, so the item is scored
//! again, and a follow-up action can be raised in the same form.

use crate::domain::edit::Scope;
use crate::domain::{Action, ActionStatus, Date, Score, Verdict, escalation, meetings};

use super::super::app::{App, Cmd, FormPurpose, Overlay};
use super::super::form::{Field, Form};
use super::super::keymap::Screen;
use super::{
    CONSEQUENCE, DUE, LIKELIHOOD, OWNER, TEXT, levels, people_options, person_at, person_index,
};

/// Opens the follow-up form for `action` of `item`, after `verdict`.
pub fn open(app: &mut App, item_id: &str, action_id: &str, verdict: Verdict) {
    let Some(item) = app.register.item(item_id) else {
        return;
    };
    let scales = &app.register.scales;
    let fields = vec![
        Field::choice(
            LIKELIHOOD,
            levels(&scales.likelihood),
            usize::from(item.current.likelihood.saturating_sub(1)),
            "how likely now, with the action done",
        ),
        Field::choice(
            CONSEQUENCE,
            levels(scales.consequence(item.kind)),
            usize::from(item.current.impact.saturating_sub(1)),
            "how much it would matter now",
        ),
        Field::text(
            TEXT,
            "",
            "a follow-up action, what is to be done; empty: none",
        ),
        Field::choice(
            OWNER,
            // A new action: nobody retired is offered.
            people_options(&app.register, None),
            person_index(&app.register, None, &item.owner),
            "who does the follow-up",
        ),
        Field::text(DUE, &app.today.add_days(30).to_string(), "YYYY-MM-DD"),
    ];
    let mut form = Form::new(
        format!(
            "{action_id} was {}: score {item_id} again, and follow up",
            verdict.label().to_lowercase()
        ),
        fields,
        "record",
    );
    form.field_mut(CONSEQUENCE).label =
        crate::domain::Scales::consequence_name(item.kind).to_string();
    let purpose = FormPurpose::FollowUp {
        item: item_id.to_string(),
        action: action_id.to_string(),
    };
    app.show(Overlay::Form(Box::new(form), purpose));
}

/// The new score, and the follow-up action when one was written.
pub fn submit(
    app: &mut App,
    form: &mut Form,
    item_id: &str,
    action_id: &str,
) -> Option<Result<Cmd, String>> {
    form.clear_errors();
    let score = Score::new(
        form.field(LIKELIHOOD).selected() as u8 + 1,
        form.field(CONSEQUENCE).selected() as u8 + 1,
    );
    let text = form.field(TEXT).text_value().trim().to_string();
    let follow_up = if text.is_empty() {
        None
    } else {
        let due = match Date::parse(&form.field(DUE).text_value()) {
            Ok(d) => d,
            Err(e) => {
                form.set_error(DUE, e);
                return None;
            }
        };
        let owner = person_at(&app.register, None, form.field(OWNER).selected())?;
        Some(Action {
            id: crate::domain::ids::next("A", app.register.ids_ever_used()),
            text,
            owner,
            due,
            status: ActionStatus::Open,
            done_on: None,
            effectiveness: None,
        })
    };
    let in_meeting = app.screen() == Screen::Meeting
        && meetings::open_meeting(&app.register)
            .is_some_and(|m| m.agenda.iter().any(|i| i == item_id));
    let raised = follow_up.as_ref().map(|a| a.id.clone());
    let done = match &raised {
        Some(id) => format!(
            "{item_id} scored {}×{}; {id} raised to follow up {action_id}",
            score.likelihood, score.impact
        ),
        None => format!(
            "{item_id} scored {}×{} after {action_id}",
            score.likelihood, score.impact
        ),
    };
    let (now, today) = (app.now, app.today);
    let scope = app.in_meeting_too(Scope::item(item_id), in_meeting);
    Some(app.change(&done, scope, |r| {
        let before = r.item(item_id).ok_or("the item is gone")?.current;
        if in_meeting {
            // The minutes keep the score before and after.
            meetings::rescore(r, item_id, score, now)?;
        } else {
            r.item_mut(item_id).ok_or("the item is gone")?.current = score;
        }
        // Scored into a higher band: reviewed sooner.
        let scales = r.scales.clone();
        let item = r.item_mut(item_id).ok_or("the item is gone")?;
        escalation::escalate(&scales, item, before, today);
        if let Some(action) = follow_up {
            let id = action.id.clone();
            let item = r.item_mut(item_id).ok_or("the item is gone")?;
            item.actions.push(action);
            item.actions
                .sort_by(|a, b| crate::domain::ids::compare(&a.id, &b.id));
            if in_meeting {
                meetings::note_action(r, &id, false)?;
            }
        }
        Ok(())
    }))
}
