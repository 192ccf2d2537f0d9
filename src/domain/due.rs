//! What falls due, for whom and when: item reviews, actions, effectiveness
//! checks of done actions, the management review and the next reading of
//! each measure with a cadence (ISO 9001 6.1, 6.1.2, 9.3.1, 9.1.2). `roreg
//! due`, its calendar and the interface's start-up banner all ask this one
//! question.
//!
//! One pass over the items and their actions, one over the measures: linear
//! in the register.

use std::cmp::Ordering;

use super::dates::Date;
use super::management_review;
use super::model::{ActionStatus, ItemStatus, Register};

/// How far ahead reminders look unless told otherwise: a fortnight.
pub const DEFAULT_WITHIN_DAYS: u32 = 14;

/// What is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Duty {
    /// The item's next review.
    Review,
    /// An open action's due date.
    Action,
    /// A done action's effectiveness check, `scales.effectiveness_check_days`
    /// after it was done.
    EffectivenessCheck,
    /// The next management review (9.3.1).
    ManagementReview,
    /// A measure's next reading, one cadence after its latest (9.1.2).
    Reading,
}

impl Duty {
    /// A stable word, for JSON and calendar UIDs.
    pub fn code(self) -> &'static str {
        match self {
            Duty::Review => "review",
            Duty::Action => "action",
            Duty::EffectivenessCheck => "effectiveness-check",
            Duty::ManagementReview => "management-review",
            Duty::Reading => "reading",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Duty::Review => "review",
            Duty::Action => "action",
            Duty::EffectivenessCheck => "effectiveness check",
            Duty::ManagementReview => "management review",
            Duty::Reading => "reading",
        }
    }
}

/// One thing that falls due.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Due {
    pub duty: Duty,
    /// The item, action or measure; for a management review, the last one
    /// held (`first` when none was), so that [`Due::key`] changes once it
    /// is held.
    pub id: String,
    /// The item the review, action or check belongs to.
    pub item: Option<String>,
    /// The item's title, the action's text, the measure's name (with its
    /// customer's), or when the last management review was held.
    pub title: String,
    /// Who it falls to: the item's owner (review, check), the action's
    /// owner, the measure's owner (top management when it has none), or top
    /// management (management review).
    pub owners: Vec<String>,
    pub date: Date,
}

impl Due {
    /// Days from `today` to the date: negative when late.
    pub fn days_from(&self, today: Date) -> i64 {
        today.days_until(self.date)
    }

    pub fn overdue(&self, today: Date) -> bool {
        self.date < today
    }

    /// "12 days late", "today", "in 3 days".
    pub fn when(&self, today: Date) -> String {
        match self.days_from(today) {
            0 => "today".to_string(),
            1 => "tomorrow".to_string(),
            -1 => "1 day late".to_string(),
            d if d < 0 => format!("{} days late", -d),
            d => format!("in {d} days"),
        }
    }

    /// "R-004 review", "A-007 action", "management review (9.3)".
    pub fn short(&self) -> String {
        match self.duty {
            Duty::ManagementReview => "management review (9.3)".to_string(),
            _ => format!("{} {}", self.id, self.duty.label()),
        }
    }

    /// A stable identity across runs, whatever the date: the calendar's
    /// UID, so a moved date updates the event rather than adding one. A
    /// reading is the exception: each is its own duty, so its key names the
    /// day it falls due, and entering it brings the next as a new event.
    pub fn key(&self) -> String {
        match self.duty {
            Duty::Reading => format!("{}-{}-{}", self.duty.code(), self.id, self.date),
            _ => format!("{}-{}", self.duty.code(), self.id),
        }
    }
}

/// Which dues to give.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Window {
    /// Include what falls due up to this day; overdue is always included.
    /// `None`: every date ahead, however far.
    pub until: Option<Date>,
    /// Only what falls to this people id.
    pub owner: Option<String>,
}

/// Everything due up to the window's end (and everything overdue), most
/// urgent first: by date, then by what it is and its id.
pub fn due(register: &Register, today: Date, window: &Window) -> Vec<Due> {
    let mut all = Vec::new();
    let check_after = i64::from(register.scales.effectiveness_check_days);
    for item in &register.items {
        if item.status != ItemStatus::Closed
            && let Some(date) = item.next_review
        {
            all.push(Due {
                duty: Duty::Review,
                id: item.id.clone(),
                item: Some(item.id.clone()),
                title: item.title.clone(),
                owners: vec![item.owner.clone()],
                date,
            });
        }
        for action in &item.actions {
            let (duty, owner, date) = match action.status {
                ActionStatus::Open | ActionStatus::InProgress => {
                    (Duty::Action, &action.owner, action.due)
                }
                ActionStatus::Done if action.effectiveness.is_none() => {
                    // Done with no day recorded: counted from its due date.
                    let done = action.done_on.unwrap_or(action.due);
                    (
                        Duty::EffectivenessCheck,
                        &item.owner,
                        done.add_days(check_after),
                    )
                }
                ActionStatus::Done | ActionStatus::Cancelled => continue,
            };
            all.push(Due {
                duty,
                id: action.id.clone(),
                item: Some(item.id.clone()),
                title: action.text.clone(),
                owners: vec![owner.clone()],
                date,
            });
        }
    }
    let standing = management_review::standing(register, today);
    if let Some(date) = standing.due {
        let (id, title) = match standing.last {
            Some((id, day)) => {
                let title = format!("the last, {id}, was held on {day}");
                (id, title)
            }
            None => ("first".to_string(), "none held yet".to_string()),
        };
        all.push(Due {
            duty: Duty::ManagementReview,
            id,
            item: None,
            title,
            owners: top_management(register),
            date,
        });
    }
    readings(register, &mut all);
    all.retain(|d| {
        window.until.is_none_or(|until| d.date <= until)
            && window
                .owner
                .as_ref()
                .is_none_or(|owner| d.owners.contains(owner))
    });
    all.sort_by(urgency);
    all
}

/// Each measure's next reading, when it has a cadence and a first reading.
/// A measure nobody owns falls to top management, who are to keep the focus
/// on customer satisfaction (5.1.2 c): an unowned reading is never lost.
fn readings(register: &Register, all: &mut Vec<Due>) {
    let top = top_management(register);
    for measure in &register.measures {
        let Some(date) = measure.next_reading() else {
            continue;
        };
        let title = match &measure.customer {
            Some(c) => format!("{} ({})", measure.name, register.customer_name(c)),
            None => measure.name.clone(),
        };
        let owners = if measure.owner.trim().is_empty() {
            top.clone()
        } else {
            vec![measure.owner.clone()]
        };
        all.push(Due {
            duty: Duty::Reading,
            id: measure.id.clone(),
            item: None,
            title,
            owners,
            date,
        });
    }
}

fn urgency(a: &Due, b: &Due) -> Ordering {
    a.date
        .cmp(&b.date)
        .then(a.duty.cmp(&b.duty))
        .then_with(|| super::ids::compare(&a.id, &b.id))
}

/// The people who are top management and have not left.
pub fn top_management(register: &Register) -> Vec<String> {
    register
        .people
        .iter()
        .filter(|p| p.top_management && p.retired.is_none())
        .map(|p| p.id.clone())
        .collect()
}

/// One line of what is due for one person, counts first so that a narrow
/// screen still shows them: "1 overdue, 2 due soon: R-002 review, R-001
/// review, A-001 action".
pub fn summary(dues: &[Due], today: Date) -> Option<String> {
    const NAMED: usize = 4;
    if dues.is_empty() {
        return None;
    }
    let late = dues.iter().filter(|d| d.overdue(today)).count();
    let soon = dues.len() - late;
    let mut counts = Vec::new();
    if late > 0 {
        counts.push(format!("{late} overdue"));
    }
    if soon > 0 {
        counts.push(format!("{soon} due soon"));
    }
    let mut names: Vec<String> = dues.iter().take(NAMED).map(Due::short).collect();
    if dues.len() > NAMED {
        names.push(format!("{} more", dues.len() - NAMED));
    }
    Some(format!("{}: {}", counts.join(", "), names.join(", ")))
}

#[cfg(test)]
mod tests;
