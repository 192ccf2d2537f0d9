//! The state of actions and meetings as it was on a given day, from the
//! dates the register keeps: an action done after the day was not done on
//! it, a check recorded after it was not made yet, a meeting closed after
//! it was not held yet. Where the model keeps no date (when an action was
//! cancelled or started, an item's earlier scores), the state is as it
//! stands now.

use crate::domain::dates::Date;
use crate::domain::model::{Action, ActionStatus, Effectiveness, Meeting};

/// How an action stood on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionOn {
    /// Open or in progress on that day; `done_later` is the day it was done
    /// after it, if it was.
    NotDone { done_later: Option<Date> },
    /// Done on or before that day (or done with no date recorded).
    Done,
    /// Cancelled (the file keeps no date for a cancellation).
    Cancelled,
}

/// The action's status on `day`.
pub fn action_on(action: &Action, day: Date) -> ActionOn {
    match action.status {
        ActionStatus::Done => match action.done_on {
            Some(done) if done > day => ActionOn::NotDone {
                done_later: Some(done),
            },
            _ => ActionOn::Done,
        },
        ActionStatus::Cancelled => ActionOn::Cancelled,
        ActionStatus::Open | ActionStatus::InProgress => ActionOn::NotDone { done_later: None },
    }
}

/// The status an action counts under on `day`: one done after it counts
/// as open (the file does not say when work on it started).
pub fn status_on(action: &Action, day: Date) -> ActionStatus {
    match action_on(action, day) {
        ActionOn::NotDone {
            done_later: Some(_),
        } => ActionStatus::Open,
        _ => action.status,
    }
}

/// Open on `day` and past its due date then.
pub fn overdue_on(action: &Action, day: Date) -> bool {
    matches!(action_on(action, day), ActionOn::NotDone { .. }) && action.due < day
}

/// The effectiveness check as recorded by `day`; one made later is not there yet.
pub fn check_on(action: &Action, day: Date) -> Option<&Effectiveness> {
    action
        .effectiveness
        .as_ref()
        .filter(|e| e.checked_on <= day)
}

/// Done by `day` and without an effectiveness check by then.
pub fn unchecked_on(action: &Action, day: Date) -> bool {
    action_on(action, day) == ActionOn::Done && check_on(action, day).is_none()
}

/// Closed on or before `day`.
pub fn closed_by(meeting: &Meeting, day: Date) -> bool {
    meeting.closed.is_some_and(|c| c.date() <= day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Verdict;
    use crate::domain::testing::sample;

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn done_in_august() -> Action {
        let mut a = sample().items[0].actions[0].clone();
        a.status = ActionStatus::Done;
        a.due = day("2026-06-15");
        a.done_on = Some(day("2026-08-14"));
        a.effectiveness = Some(Effectiveness {
            verdict: Verdict::Effective,
            note: String::new(),
            checked_on: day("2026-09-16"),
            checked_by: "qlead".into(),
        });
        a
    }

    #[test]
    fn an_action_done_after_the_day_was_open_and_late_on_it() {
        let a = done_in_august();
        let june = day("2026-06-30");
        assert_eq!(
            action_on(&a, june),
            ActionOn::NotDone {
                done_later: Some(day("2026-08-14"))
            }
        );
        assert_eq!(status_on(&a, june), ActionStatus::Open);
        assert!(overdue_on(&a, june), "due 15 June, not done by the 30th");
        assert!(!unchecked_on(&a, june), "not done, so no check was owed");
        assert_eq!(action_on(&a, day("2026-08-14")), ActionOn::Done);
        assert!(!overdue_on(&a, day("2026-08-14")));
    }

    #[test]
    fn a_check_recorded_after_the_day_was_not_made_yet() {
        let a = done_in_august();
        assert!(unchecked_on(&a, day("2026-09-01")));
        assert!(check_on(&a, day("2026-09-01")).is_none());
        assert!(check_on(&a, day("2026-09-16")).is_some());
        assert!(!unchecked_on(&a, day("2026-09-16")));
    }

    #[test]
    fn without_a_date_the_state_is_as_it_stands() {
        let mut a = done_in_august();
        a.done_on = None;
        assert_eq!(action_on(&a, day("2026-01-01")), ActionOn::Done);
        a.status = ActionStatus::Cancelled;
        assert_eq!(action_on(&a, day("2026-01-01")), ActionOn::Cancelled);
        assert!(!overdue_on(&a, day("2026-12-01")));
    }

    #[test]
    fn a_meeting_closed_after_the_day_was_not_held_on_it() {
        let m = &sample().meetings[0];
        let closed = m.closed.unwrap().date();
        assert!(closed_by(m, closed));
        assert!(!closed_by(m, closed.add_days(-1)));
    }
}
