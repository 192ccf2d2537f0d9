//! Management review (ISO 9001 9.3): when the next one is due (9.3.1),
//! which inputs an open one has considered (9.3.2), what kind of output each
//! decision is (9.3.3), and what became of the previous one's actions.

use std::collections::HashMap;

use super::dates::{Date, Timestamp};
use super::meetings::{open_meeting_mut, top_management_present};
use super::model::{
    Action, Considered, ManagementInput, ManagementOutput, Measure, Meeting, MeetingKind, Reading,
    Register,
};

/// Where the register stands against its management-review interval.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Standing {
    /// The last management review that counts, and the day it was held.
    pub last: Option<(String, Date)>,
    /// When the next is due: the last one's day plus the interval, or, when
    /// none was ever held, the register's first recorded day plus it.
    pub due: Option<Date>,
    pub interval_days: u32,
    /// Days past `due` on the day asked about; 0 or less when not overdue.
    pub days_late: i64,
}

impl Standing {
    pub fn overdue(&self) -> bool {
        self.due.is_some() && self.days_late > 0
    }

    /// What a figure shows: "next due 2027-04-22", "OVERDUE since 2027-04-22".
    pub fn short(&self) -> String {
        match self.due {
            None => "none held".to_string(),
            Some(due) if self.overdue() => format!("OVERDUE since {due}"),
            Some(due) => format!("next due {due}"),
        }
    }

    /// "last M-003 on 2026-04-22; next due 2027-04-22 (every 365 days)",
    /// or since when it is overdue and how late.
    pub fn describe(&self) -> String {
        let last = match &self.last {
            Some((id, day)) => format!("last {id} on {day}"),
            None => "none held yet".to_string(),
        };
        let every = format!("every {} days", self.interval_days);
        match self.due {
            None => format!("{last} ({every})"),
            Some(due) if self.overdue() => format!(
                "{last}; OVERDUE since {due}, {} day{} late ({every})",
                self.days_late,
                if self.days_late == 1 { "" } else { "s" },
            ),
            Some(due) => format!("{last}; next due {due} ({every})"),
        }
    }
}

/// A management review that counts: closed by `day`, top management
/// present, and it reviewed an item or considered an input.
pub fn counts(register: &Register, meeting: &Meeting, day: Date) -> bool {
    meeting.kind == MeetingKind::ManagementReview
        && meeting.closed.is_some_and(|c| c.date() <= day)
        && top_management_present(register, meeting)
        && !(meeting.reviewed.is_empty() && meeting.considered.is_empty())
}

/// The register's management-review standing on `today`.
pub fn standing(register: &Register, today: Date) -> Standing {
    let interval_days = register.scales.management_review_days;
    let last = register
        .meetings
        .iter()
        .filter(|m| counts(register, m, today))
        .max_by_key(|m| m.started)
        .map(|m| (m.id.clone(), m.started.date()));
    let since = match &last {
        Some((_, day)) => Some(*day),
        None => first_day(register),
    };
    let due = since.map(|d| d.add_days(i64::from(interval_days)));
    Standing {
        last,
        due,
        interval_days,
        days_late: due.map_or(0, |due| due.days_until(today)),
    }
}

/// The register's first recorded day: its oldest history record or item.
fn first_day(register: &Register) -> Option<Date> {
    let recorded = register.history.first().map(|h| h.at.date());
    let created = register.items.iter().map(|i| i.created.date()).min();
    recorded.into_iter().chain(created).min()
}

/// The open management review took `input` into account: what it saw and
/// where the evidence is. Recording it again replaces the note.
pub fn consider(
    register: &mut Register,
    input: ManagementInput,
    note: &str,
    evidence: &str,
    at: Timestamp,
) -> Result<(), String> {
    let meeting = open_management_review(register)?;
    let considered = Considered {
        input,
        note: note.trim().to_string(),
        evidence: evidence.trim().to_string(),
        at,
    };
    match meeting.considered.iter_mut().find(|c| c.input == input) {
        Some(existing) => *existing = considered,
        None => meeting.considered.push(considered),
    }
    Ok(())
}

/// Takes back `input` from the open management review's considered list.
pub fn withdraw(register: &mut Register, input: ManagementInput) -> Result<(), String> {
    let meeting = open_management_review(register)?;
    let before = meeting.considered.len();
    meeting.considered.retain(|c| c.input != input);
    if meeting.considered.len() == before {
        return Err(format!("9.3.2 {} was not considered", input.code()));
    }
    Ok(())
}

/// Sorts the open management review's decision on `item` as a 9.3.3 output.
pub fn classify(
    register: &mut Register,
    item: &str,
    output: Option<ManagementOutput>,
) -> Result<(), String> {
    let meeting = open_management_review(register)?;
    let review = meeting
        .reviewed
        .iter_mut()
        .find(|r| r.item == item)
        .ok_or_else(|| format!("{item} has no decision in this meeting yet"))?;
    review.output = output;
    Ok(())
}

fn open_management_review(register: &mut Register) -> Result<&mut Meeting, String> {
    let meeting = open_meeting_mut(register)?;
    if meeting.kind != MeetingKind::ManagementReview {
        return Err("only a management review records 9.3 inputs and outputs".into());
    }
    Ok(meeting)
}

/// The 9.3.2 inputs `meeting` did not consider, in the clause's order.
pub fn gaps(meeting: &Meeting) -> Vec<ManagementInput> {
    ManagementInput::ALL
        .into_iter()
        .filter(|i| !meeting.considered.iter().any(|c| c.input == *i))
        .collect()
}

/// The management review before `meeting` that counts, on `meeting`'s day.
pub fn previous<'a>(register: &'a Register, meeting: &Meeting) -> Option<&'a Meeting> {
    let day = meeting.started.date();
    register
        .meetings
        .iter()
        .filter(|m| m.id != meeting.id && m.started < meeting.started && counts(register, m, day))
        .max_by_key(|m| m.started)
}

/// One action a management review raised, found in the register.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Raised<'a> {
    pub item: &'a str,
    pub action: &'a Action,
}

/// Every action in the register by its id, with its item: built once, so
/// that finding what several reviews raised stays linear in the register.
pub struct ActionsById<'a>(HashMap<&'a str, (&'a str, &'a Action)>);

impl<'a> ActionsById<'a> {
    pub fn new(register: &'a Register) -> ActionsById<'a> {
        ActionsById(
            register
                .items
                .iter()
                .flat_map(|i| {
                    i.actions
                        .iter()
                        .map(move |a| (a.id.as_str(), (i.id.as_str(), a)))
                })
                .collect(),
        )
    }

    /// The actions `meeting` raised, with the item each belongs to, in the
    /// order raised; an action no longer in the register is left out.
    pub fn raised(&self, meeting: &Meeting) -> Vec<Raised<'a>> {
        meeting
            .actions_raised
            .iter()
            .filter_map(|id| self.0.get(id.as_str()))
            .map(|&(item, action)| Raised { item, action })
            .collect()
    }
}

/// The actions `meeting` raised (see [`ActionsById::raised`]); for one
/// meeting only, as it indexes every action first.
pub fn raised<'a>(register: &'a Register, meeting: &Meeting) -> Vec<Raised<'a>> {
    ActionsById::new(register).raised(meeting)
}

/// Words in a measure's name that make it customer feedback.
const FEEDBACK_WORDS: [&str; 6] = [
    "satisf",
    "survey",
    "complain",
    "feedback",
    "nps",
    "perception",
];

/// Which 9.3.2 input a measure informs: c1, customer satisfaction and
/// feedback, when it is one customer's or its name speaks of satisfaction,
/// surveys, complaints or feedback; c3, process performance and conformity
/// of products and services, otherwise (delivery, returns, yields).
pub fn input_of(measure: &Measure) -> ManagementInput {
    let name = measure.name.to_lowercase();
    if measure.customer.is_some() || FEEDBACK_WORDS.iter().any(|w| name.contains(w)) {
        ManagementInput::CustomerSatisfaction
    } else {
        ManagementInput::ProcessPerformance
    }
}

/// The period a management review looks back on: from the day after the
/// previous one that counts (named), or a year back when there was none,
/// to the review's own day.
pub fn looks_back<'a>(
    register: &'a Register,
    meeting: &Meeting,
) -> (Date, Date, Option<&'a Meeting>) {
    let day = meeting.started.date();
    match previous(register, meeting) {
        Some(p) => (p.started.date().add_days(1), day, Some(p)),
        None => (day.add_days(-364), day, None),
    }
}

/// The measures a management review sees under `input` (c1 or c3), each
/// with its readings in the period it looks back on; in the register's order.
pub fn measures_for(
    register: &Register,
    input: ManagementInput,
    (from, to): (Date, Date),
) -> Vec<(&Measure, &[Reading])> {
    register
        .measures
        .iter()
        .filter(|m| input_of(m) == input)
        .map(|m| (m, m.readings_between(from, to)))
        .collect()
}

#[cfg(test)]
mod tests;
