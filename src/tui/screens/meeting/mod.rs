//! Meeting mode: the agenda one item at a time on a card for a shared
//! screen. Its keys go through the agenda, record reviews and decisions,
//! agree review dates, reorder the agenda and finish the meeting.
//!
//! Here: the keys. `start` sets a meeting up, `forms` holds the forms its
//! keys open, `summary` is the summary shown before closing, `view` draws
//! the card and the agenda.

mod forms;
pub mod inputs;
mod room;
pub mod start;
pub mod summary;
mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::{ItemStatus, meetings, queries};

use super::super::app::{App, Cmd, FormPurpose, Overlay};
use super::super::form::{Field, Form};
use super::super::keymap::{Intent, Screen};
use crate::theme::Theme;

use forms::{DECISION, ITEM, NEXT_REVIEW};
pub use forms::{
    submit_add_item, submit_decision, submit_next_review, submit_notes, submit_reviewed,
};
pub use room::{submit_guest, submit_presence, submit_skip};
pub use start::{enter, submit_start};

/// The intents the meeting screen has for itself.
const OWN: &[Intent] = &[
    Intent::Inputs,
    Intent::Presence,
    Intent::Guest,
    Intent::EditAction,
    Intent::Notes,
    Intent::Left,
    Intent::Right,
    Intent::Down,
    Intent::Up,
    Intent::Open,
    Intent::Decision,
    Intent::NextReview,
    Intent::AddItem,
    Intent::Skip,
    Intent::MoveUp,
    Intent::MoveDown,
    Intent::Finish,
];

pub fn on_intent(app: &mut App, intent: Intent) -> Option<Cmd> {
    if intent == Intent::MarkDone {
        return Some(super::items::mark_done(app, selected_action(app)));
    }
    if !OWN.contains(&intent) {
        return None;
    }
    if meetings::open_meeting(&app.register).is_none() {
        app.screens.retain(|s| *s != Screen::Meeting);
        let start = app.key(Intent::Meeting);
        app.error(format!("no meeting is open; {start} starts one"));
        return Some(Cmd::None);
    }
    Some(own(app, intent))
}

pub fn changes_data(intent: Intent) -> Option<bool> {
    match intent {
        Intent::Left | Intent::Right | Intent::Down | Intent::Up => Some(false),
        i if OWN.contains(&i) => Some(true),
        _ => None,
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    view::draw(frame, area, app, theme);
}

/// Opens the selected open action of the card's item in the action form.
fn edit_action(app: &mut App) {
    let Some((item_id, action_id)) = selected_action(app) else {
        app.error("no open action selected");
        return;
    };
    let Some(item) = app.register.item(&item_id) else {
        return;
    };
    if let Some(action) = item.actions.iter().find(|a| a.id == action_id) {
        let form =
            super::super::forms::action::action_form(&app.register, item, Some(action), app.today);
        let purpose = FormPurpose::EditAction {
            item: item_id.clone(),
            action: action_id.clone(),
        };
        app.show(Overlay::Form(Box::new(form), purpose));
    }
}

/// The action the item keys act on: the selected open action on the card.
fn selected_action(app: &App) -> Option<(String, String)> {
    let item = app.meeting_item()?;
    let action = open_actions(app).get(app.meeting.action)?.clone();
    Some((item, action))
}

/// Open actions of the item on the card, in the order shown.
pub fn open_actions(app: &App) -> Vec<String> {
    app.card_actions()
}

fn agenda_len(app: &App) -> usize {
    meetings::open_meeting(&app.register).map_or(0, |m| m.agenda.len())
}

/// The meeting's own keys, once it is known a meeting is open.
fn own(app: &mut App, intent: Intent) -> Cmd {
    let item = app.meeting_item();
    let now = app.now;
    let result = match intent {
        Intent::Left | Intent::Right => {
            let last = agenda_len(app).saturating_sub(1);
            app.meeting.position = if intent == Intent::Left {
                app.meeting.position.saturating_sub(1)
            } else {
                (app.meeting.position + 1).min(last)
            };
            app.meeting.action = 0;
            if app.sharing.read_only.is_some() {
                // A viewer looking elsewhere stops following the facilitator.
                app.sharing.following = false;
            }
            // Moving saves nothing; viewers follow what is recorded.
            return Cmd::None;
        }
        Intent::Down | Intent::Up => {
            let count = open_actions(app).len();
            let by: isize = if intent == Intent::Down { 1 } else { -1 };
            app.meeting.action = (app.meeting.action as isize + by)
                .clamp(0, count.saturating_sub(1) as isize)
                as usize;
            return Cmd::None;
        }
        Intent::Open => {
            let Some(item) = item else { return Cmd::None };
            let decided = meetings::open_meeting(&app.register)
                .and_then(|m| m.reviewed.iter().find(|r| r.item == item))
                .is_some_and(|r| !r.decision.trim().is_empty());
            if !decided {
                // A review is evidence only with what was decided, even "no change".
                forms::ask_outcome(app, item);
                return Cmd::None;
            }
            let scope = meetings::open_scope(&app.register).and_item(item.as_str());
            let result = forms::reviewed_and_on(app, &item, scope, |r| {
                meetings::mark_reviewed(r, &item, now)
            });
            Ok(result)
        }
        Intent::Decision => {
            let Some(item) = item else { return Cmd::None };
            let current = meetings::open_meeting(&app.register)
                .and_then(|m| m.reviewed.iter().find(|r| r.item == item))
                .map(|r| r.decision.clone())
                .unwrap_or_default();
            let decision = Field::wrapped(
                DECISION,
                &current,
                "what was decided, as the minutes should say it; Enter records it",
            );
            let output = forms::output_field(app, &item);
            let form = Form::new(
                format!("Decision on {item}"),
                std::iter::once(decision).chain(output).collect(),
                "record",
            );
            app.show(Overlay::Form(
                Box::new(form),
                FormPurpose::Decision { item },
            ));
            return Cmd::None;
        }
        Intent::NextReview => {
            let Some(item) = item else { return Cmd::None };
            let agreed = meetings::open_meeting(&app.register)
                .and_then(|m| m.reviewed.iter().find(|r| r.item == item))
                .and_then(|r| r.next_review)
                .map(|d| d.to_string())
                .unwrap_or_default();
            let form = Form::new(
                format!("Next review of {item}"),
                vec![Field::text(
                    NEXT_REVIEW,
                    &agreed,
                    "YYYY-MM-DD; empty: from the band's review interval",
                )],
                "record",
            );
            app.show(Overlay::Form(
                Box::new(form),
                FormPurpose::NextReview { item },
            ));
            return Cmd::None;
        }
        Intent::AddItem => {
            let agenda = meetings::open_meeting(&app.register)
                .map(|m| m.agenda.clone())
                .unwrap_or_default();
            let options: Vec<String> = app
                .register
                .items
                .iter()
                .filter(|i| !agenda.contains(&i.id) && i.status != ItemStatus::Closed)
                .map(|i| format!("{} {}", i.id, crate::text::one_line(&i.title)))
                .collect();
            if options.is_empty() {
                app.info("every live item is already on the agenda");
                return Cmd::None;
            }
            let form = Form::new(
                "Add an item to the agenda",
                vec![Field::choice(
                    ITEM,
                    options,
                    0,
                    "←/→ or type the first letter of the id (R, O)",
                )],
                "add",
            );
            app.show(Overlay::Form(Box::new(form), FormPurpose::AddAgendaItem));
            return Cmd::None;
        }
        Intent::Skip => {
            let Some(item) = item else { return Cmd::None };
            room::ask_skip(app, item);
            return Cmd::None;
        }
        Intent::Presence => {
            room::ask_presence(app);
            return Cmd::None;
        }
        Intent::Guest => {
            room::ask_guest(app);
            return Cmd::None;
        }
        Intent::Inputs => {
            inputs::open(app);
            return Cmd::None;
        }
        Intent::MoveUp | Intent::MoveDown => {
            let Some(item) = item else { return Cmd::None };
            let position = app.meeting.position;
            let len = agenda_len(app);
            let to = match intent {
                Intent::MoveUp => position.saturating_sub(1),
                _ => (position + 1).min(len.saturating_sub(1)),
            };
            if to == position {
                app.info(format!("{item} is already at that end of the agenda"));
                return Cmd::None;
            }
            let scope = meetings::open_scope(&app.register);
            let result = app.change(&format!("{item} moved in the agenda"), scope, |r| {
                let meeting = r
                    .meetings
                    .iter_mut()
                    .find(|m| m.closed.is_none())
                    .ok_or("no meeting is open")?;
                let moved = meeting.agenda.remove(position);
                meeting.agenda.insert(to, moved);
                Ok(())
            });
            if result.is_ok() {
                app.meeting.position = to;
            }
            result
        }
        Intent::EditAction => {
            edit_action(app);
            return Cmd::None;
        }
        Intent::Notes => {
            forms::ask_notes(app);
            return Cmd::None;
        }
        Intent::Finish => {
            app.show(Overlay::MeetingSummary);
            return Cmd::None;
        }
        _ => return Cmd::None,
    };
    result.unwrap_or_else(|why| {
        app.error(why);
        Cmd::None
    })
}

/// Whether an item is due or late, for the agenda list's markers.
pub fn due_marker(app: &App, item: &crate::domain::Item) -> &'static str {
    if queries::review_overdue(item, app.today) {
        "!"
    } else if queries::review_due(item, app.today) {
        "•"
    } else {
        " "
    }
}
