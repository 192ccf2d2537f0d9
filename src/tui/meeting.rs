//! Meeting mode and the audit view: keys in, state changed, a command out.

use crate::domain::edit::Scope;
use crate::domain::{Attendance, Date, ItemStatus, MeetingKind, meetings, queries};

use super::app::{App, Cmd, FormPurpose, Overlay};
use super::form::{Field, Form};
use super::keymap::{Intent, Popup, Screen};

const KIND: &str = "Kind";
const FACILITATOR: &str = "Facilitator";
const ATTENDEE: &str = "attendee";
const DECISION: &str = "Decision";
const NEXT_REVIEW: &str = "Next review";
const ITEM: &str = "Item";
const ATTENDANCE: [&str; 3] = ["absent", "present", "apologies"];

/// `m`: resume the open meeting, or set up a new one.
pub fn enter(app: &mut App) {
    if let Some(open) = meetings::open_meeting(&app.register) {
        // Resume at the first item not yet reviewed.
        // Resume where the facilitator was, else at the first item not yet reviewed.
        let position = open
            .current
            .as_ref()
            .and_then(|c| open.agenda.iter().position(|i| i == c))
            .or_else(|| {
                open.agenda
                    .iter()
                    .position(|item| !open.reviewed.iter().any(|r| &r.item == item))
            })
            .unwrap_or(0);
        app.meeting.position = position;
        app.meeting.action = 0;
        app.show_screen(Screen::Meeting);
        return;
    }
    if let Some(why) = &app.read_only {
        app.error(format!("read-only: {why}; no meeting is open to watch"));
        return;
    }
    if app.register.people.is_empty() {
        app.error("a meeting needs people: add them to `people` in the file first");
        return;
    }
    let people = &app.register.people;
    let known_user = app
        .user
        .as_deref()
        .and_then(|u| people.iter().position(|p| p.id == u));
    let facilitator = known_user.unwrap_or(0);
    let mut fields = vec![
        Field::choice(
            KIND,
            vec!["Risk review".into(), "Management review".into()],
            0,
            "←/→ to change",
        ),
        Field::choice(
            FACILITATOR,
            people
                .iter()
                .map(|p| format!("{} ({})", p.name, p.id))
                .collect(),
            facilitator,
            "who runs the meeting",
        ),
    ];
    for (i, person) in people.iter().enumerate() {
        let mut field = Field::choice(
            ATTENDEE,
            ATTENDANCE.iter().map(|s| s.to_string()).collect(),
            // Only the known user is marked present: attendance is evidence, never guessed.
            usize::from(Some(i) == known_user),
            "→ present, → apologies, → absent; ★ top management",
        );
        let star = if person.top_management { " ★" } else { "" };
        field.label = format!("{}{star}", person.name);
        fields.push(field);
    }
    let agenda = meetings::agenda(&app.register, app.today);
    let title = format!(
        "New meeting: who is here? ({} items due on the agenda)",
        agenda.len()
    );
    app.show(Overlay::Form(
        Box::new(Form::new(title, fields, "start")),
        FormPurpose::StartMeeting,
    ));
}

pub fn submit_start(app: &mut App, form: &mut Form) -> Option<Result<Cmd, String>> {
    let kind = if form.field(KIND).selected() == 1 {
        MeetingKind::ManagementReview
    } else {
        MeetingKind::RiskReview
    };
    let facilitator = app
        .register
        .people
        .get(form.field(FACILITATOR).selected())?
        .id
        .clone();
    let attendance: Vec<Attendance> = form
        .fields
        .iter()
        .filter(|f| f.key == ATTENDEE)
        .zip(&app.register.people)
        .map(|(f, p)| Attendance {
            person: p.id.clone(),
            present: f.selected() == 1,
            apologies: f.selected() == 2,
        })
        .collect();
    if !attendance.iter().any(|a| a.present) {
        form.error = Some("nobody is marked present; mark who attends (→ on their line)".into());
        return None;
    }
    if attendance
        .iter()
        .any(|a| a.person == facilitator && !a.present)
    {
        form.error = Some(format!(
            "the facilitator, {}, is marked absent; mark them present (→ on their line)",
            app.register.person_name(&facilitator)
        ));
        return None;
    }
    let agenda = meetings::agenda(&app.register, app.today);
    let now = app.now;
    let scope = Scope::meeting(meetings::next_id(&app.register));
    let result = app.change("meeting started", scope, |r| {
        meetings::start(r, kind, &facilitator, attendance, agenda, now).map(|_| ())
    });
    if result.is_ok() {
        app.meeting.position = 0;
        app.meeting.action = 0;
        app.show_screen(Screen::Meeting);
        if let Some(open) = meetings::open_meeting(&app.register) {
            app.info(format!(
                "{} started: {} items on the agenda",
                open.id,
                open.agenda.len()
            ));
        }
    }
    Some(result)
}

/// Open actions of the item on the card, in the order shown.
pub fn open_actions(app: &App) -> Vec<String> {
    let Some(item) = app.meeting_item().and_then(|id| app.register.item(&id)) else {
        return Vec::new();
    };
    item.actions
        .iter()
        .filter(|a| a.status.is_open())
        .map(|a| a.id.clone())
        .collect()
}

fn agenda_len(app: &App) -> usize {
    meetings::open_meeting(&app.register).map_or(0, |m| m.agenda.len())
}

/// Keys of the meeting screen that only it has.
pub fn on_intent(app: &mut App, intent: Intent) -> Cmd {
    if meetings::open_meeting(&app.register).is_none() {
        app.screens.retain(|s| *s != Screen::Meeting);
        let start = app.key(Intent::Meeting);
        app.error(format!("no meeting is open; {start} starts one"));
        return Cmd::None;
    }
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
            if app.read_only.is_some() {
                // A viewer looking elsewhere stops following the facilitator.
                app.following = false;
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
            let position = (app.meeting.position + 1).min(agenda_len(app).saturating_sub(1));
            let next =
                meetings::open_meeting(&app.register).and_then(|m| m.agenda.get(position).cloned());
            let scope = meetings::open_scope(&app.register).and_item(item.as_str());
            let result = app.change(&format!("{item} reviewed"), scope, |r| {
                meetings::mark_reviewed(r, &item, now)?;
                meetings::show_item(r, next.as_deref())
            });
            if result.is_ok() {
                app.meeting.position = position;
                app.meeting.action = 0;
            }
            result
        }
        Intent::Decision => {
            let Some(item) = item else { return Cmd::None };
            let current = meetings::open_meeting(&app.register)
                .and_then(|m| m.reviewed.iter().find(|r| r.item == item))
                .map(|r| r.decision.clone())
                .unwrap_or_default();
            let form = Form::new(
                format!("Decision on {item}"),
                vec![Field::text(
                    DECISION,
                    &current,
                    "what was decided, as the minutes should say it; Enter records it",
                )],
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
        Intent::Skip | Intent::MoveUp | Intent::MoveDown => {
            let Some(item) = item else { return Cmd::None };
            let position = app.meeting.position;
            let len = agenda_len(app);
            let to = match intent {
                Intent::Skip => len.saturating_sub(1),
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
            if result.is_ok() && intent != Intent::Skip {
                app.meeting.position = to;
            }
            result
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
    if result.is_ok() && agenda_len(app) > 1 {
        app.meeting.position = after.min(agenda_len(app) - 1);
    }
    Some(result)
}

/// The summary shown before closing: close the meeting, or discard an empty one.
pub fn on_summary_intent(app: &mut App, intent: Intent) -> Cmd {
    match intent {
        Intent::CloseMeeting => {
            let now = app.now;
            let scope = meetings::close_scope(&app.register);
            let result = app.change("meeting closed", scope, |r| {
                meetings::close(r, now).map(|_| ())
            });
            match result {
                Ok(cmd) => {
                    app.screens.retain(|s| *s != Screen::Meeting);
                    if let Some(closed) = app.register.meetings.iter().max_by_key(|m| m.closed) {
                        let reviewed = closed.reviewed.len();
                        let items = if reviewed == 1 { "item" } else { "items" };
                        app.info(format!(
                            "{} closed: {reviewed} {items} reviewed; its record is final",
                            closed.id
                        ));
                    }
                    cmd
                }
                Err(why) => {
                    app.error(why);
                    Cmd::None
                }
            }
        }
        Intent::DiscardMeeting => {
            let has_records = meetings::open_meeting(&app.register).is_some_and(|m| {
                !m.reviewed.is_empty()
                    || !m.actions_raised.is_empty()
                    || !m.actions_closed.is_empty()
            });
            if has_records {
                app.show(Overlay::MeetingSummary);
                let close = app.keys.key(Popup::MeetingSummary, Intent::CloseMeeting);
                app.error(format!(
                    "this meeting has records; finish it ({close}) so they are kept"
                ));
                return Cmd::None;
            }
            let scope = meetings::open_scope(&app.register);
            let result = app.change("meeting discarded", scope, |r| {
                meetings::discard(r).map(|_| ())
            });
            app.screens.retain(|s| *s != Screen::Meeting);
            result.unwrap_or_else(|why| {
                app.error(why);
                Cmd::None
            })
        }
        _ => Cmd::None,
    }
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
