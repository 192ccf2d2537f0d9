//! Running a risk meeting: the agenda, the review of each item, and closing
//! the record. Once closed, a meeting's record never changes.

use super::dates::{Date, Timestamp};
use super::edit::Scope;
use super::ids;
use super::model::{Attendance, ItemStatus, Meeting, MeetingKind, Register, Review, Score};

mod record;

pub use record::{Became, Listing, Recorded, Stamp, TargetChange, Traced, recorded, recorded_all};

/// The item ids the next meeting of `kind` starts with on `today`, in
/// order: see [`super::agenda::agenda`] for the rule and why each is on it.
/// The facilitator can add any item.
pub fn agenda(register: &Register, kind: MeetingKind, today: Date) -> Vec<String> {
    super::agenda::agenda(register, kind, today)
        .into_iter()
        .map(|entry| entry.item)
        .collect()
}

/// The meeting still open, if one is (there is at most one).
// The open meeting is almost always the newest, the last in id order.
pub fn open_meeting(register: &Register) -> Option<&Meeting> {
    register.meetings.iter().rev().find(|m| m.closed.is_none())
}

pub(crate) fn open_meeting_mut(register: &mut Register) -> Result<&mut Meeting, String> {
    register
        .meetings
        .iter_mut()
        .rev()
        .find(|m| m.closed.is_none())
        .ok_or_else(|| "no meeting is open".to_string())
}

/// Opens a meeting and returns its id.
pub fn start(
    register: &mut Register,
    kind: MeetingKind,
    facilitator: &str,
    attendance: Vec<Attendance>,
    agenda: Vec<String>,
    now: Timestamp,
) -> Result<String, String> {
    if let Some(open) = open_meeting(register) {
        return Err(format!(
            "{} is still open; resume or finish it first",
            open.id
        ));
    }
    let id = next_id(register);
    let agenda_first = agenda.first().cloned();
    let at = register.meeting_slot(&id).unwrap_or_else(|at| at);
    register.meetings.insert(
        at,
        Meeting {
            id: id.clone(),
            kind,
            started: now,
            closed: None,
            facilitator: facilitator.to_string(),
            attendance,
            reviewed: Vec::new(),
            notes: String::new(),
            agenda,
            actions_raised: Vec::new(),
            actions_closed: Vec::new(),
            anchor: None,
            current: agenda_first,
            guests: Vec::new(),
            skipped: Vec::new(),
            considered: Vec::new(),
        },
    );
    Ok(id)
}

/// The id the next meeting started gets.
pub fn next_id(register: &Register) -> String {
    ids::next("M", register.ids_ever_used())
}

/// What a change to the open meeting touches: the meeting, if one is open.
pub fn open_scope(register: &Register) -> Scope {
    Scope::default().and_meeting(open_meeting(register).map(|m| m.id.as_str()))
}

/// What closing the open meeting touches: it, and every item it reviewed.
pub fn close_scope(register: &Register) -> Scope {
    let reviewed = open_meeting(register)
        .into_iter()
        .flat_map(|m| m.reviewed.iter().map(|r| r.item.clone()));
    reviewed.fold(open_scope(register), Scope::and_item)
}

/// The review of `item` in the open meeting, created with the item's current
/// score as both before and after the first time it is touched.
fn review_mut<'a>(
    register: &'a mut Register,
    item: &str,
    now: Timestamp,
) -> Result<&'a mut Review, String> {
    let current = register
        .item(item)
        .ok_or_else(|| format!("{item} is not in the register"))?
        .current;
    let meeting = open_meeting_mut(register)?;
    if !meeting.agenda.iter().any(|i| i == item) {
        meeting.agenda.push(item.to_string());
    }
    // What the room works on is what viewers follow.
    meeting.current = Some(item.to_string());
    let at = match meeting.reviewed.iter().position(|r| r.item == item) {
        Some(at) => at,
        None => {
            meeting.reviewed.push(Review {
                item: item.to_string(),
                before: current,
                after: current,
                decision: String::new(),
                at: now,
                next_review: None,
                output: None,
            });
            meeting.reviewed.len() - 1
        }
    };
    Ok(&mut meeting.reviewed[at])
}

/// Notes which agenda item the facilitator has on screen.
pub fn show_item(register: &mut Register, item: Option<&str>) -> Result<(), String> {
    open_meeting_mut(register)?.current = item.map(str::to_string);
    Ok(())
}

/// Records the item as reviewed without a change (its score confirmed).
pub fn mark_reviewed(register: &mut Register, item: &str, now: Timestamp) -> Result<(), String> {
    review_mut(register, item, now).map(|_| ())
}

/// Re-scores an item in the meeting: the item takes the new score and the
/// review keeps where it started.
pub fn rescore(
    register: &mut Register,
    item: &str,
    after: Score,
    now: Timestamp,
) -> Result<(), String> {
    let review = review_mut(register, item, now)?;
    review.after = after;
    review.at = now;
    register.item_mut(item).ok_or("the item is gone")?.current = after;
    Ok(())
}

pub fn decide(
    register: &mut Register,
    item: &str,
    decision: &str,
    now: Timestamp,
) -> Result<(), String> {
    let review = review_mut(register, item, now)?;
    review.decision = decision.trim().to_string();
    review.at = now;
    Ok(())
}

/// Sets the next review agreed in the meeting instead of the band's interval.
pub fn agree_next_review(
    register: &mut Register,
    item: &str,
    date: Option<Date>,
    now: Timestamp,
) -> Result<(), String> {
    review_mut(register, item, now)?.next_review = date;
    Ok(())
}

/// Notes an action raised or closed in the open meeting, for its minutes.
pub fn note_action(register: &mut Register, action: &str, closed: bool) -> Result<(), String> {
    let meeting = open_meeting_mut(register)?;
    let list = if closed {
        &mut meeting.actions_closed
    } else {
        &mut meeting.actions_raised
    };
    if !list.iter().any(|a| a == action) {
        list.push(action.to_string());
    }
    Ok(())
}

/// When the item should next be reviewed after this review: the date agreed,
/// else the meeting day plus its band's interval.
pub fn next_review_after(register: &Register, meeting: &Meeting, review: &Review) -> Option<Date> {
    review.next_review.or_else(|| {
        let days = register.scales.review_days_for(review.after.value())?;
        Some(meeting.started.date().add_days(i64::from(days)))
    })
}

/// Closes the open meeting: its record is final, and every reviewed item's
/// next review moves.
pub fn close(register: &mut Register, now: Timestamp) -> Result<String, String> {
    let meeting = open_meeting(register).ok_or("no meeting is open")?.clone();
    let moves: Vec<(String, Option<Date>)> = meeting
        .reviewed
        .iter()
        .map(|r| (r.item.clone(), next_review_after(register, &meeting, r)))
        .collect();
    for (item, date) in moves {
        if let Some(item) = register.item_mut(&item)
            && item.status != ItemStatus::Closed
        {
            item.next_review = date;
        }
    }
    // The minutes vouch for every change recorded before them.
    let head = super::history::head(register).to_string();
    let open = open_meeting_mut(register)?;
    open.closed = Some(now.max(open.started));
    open.anchor = Some(head);
    open.current = None;
    Ok(meeting.id)
}

/// Abandons the open meeting (nothing recorded is kept as minutes).
pub fn discard(register: &mut Register) -> Result<String, String> {
    let open = open_meeting(register)
        .ok_or("no meeting is open")?
        .id
        .clone();
    register.meetings.retain(|m| m.id != open);
    Ok(open)
}

/// What a meeting did, for the confirmation before closing and for minutes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub present: Vec<String>,
    pub apologies: Vec<String>,
    pub absent: Vec<String>,
    pub reviewed: usize,
    pub rescored: Vec<(String, Score, Score)>,
    pub decisions: Vec<(String, String)>,
    /// Actions raised and closed and targets changed, as the history
    /// recorded them in the meeting (see [`record`]).
    pub raised: Vec<Traced>,
    pub closed: Vec<Traced>,
    pub targets: Vec<TargetChange>,
    pub top_management_present: bool,
}

/// The summary of `meeting`, its actions and targets from one pass over
/// the whole history.
pub fn summary(register: &Register, meeting: &Meeting) -> Summary {
    summary_with(register, meeting, recorded(register, meeting, None))
}

/// The summary of `meeting` with what the history recorded in it, found
/// already (for many meetings at once, by [`recorded_all`]).
pub fn summary_with(register: &Register, meeting: &Meeting, recorded: Recorded) -> Summary {
    let names = |f: &dyn Fn(&Attendance) -> bool| -> Vec<String> {
        meeting
            .attendance
            .iter()
            .filter(|a| f(a))
            .map(|a| a.person.clone())
            .collect()
    };
    Summary {
        present: names(&|a| a.present),
        apologies: names(&|a| !a.present && a.apologies),
        absent: names(&|a| !a.present && !a.apologies),
        reviewed: meeting.reviewed.len(),
        rescored: meeting
            .reviewed
            .iter()
            .filter(|r| r.before != r.after)
            .map(|r| (r.item.clone(), r.before, r.after))
            .collect(),
        decisions: meeting
            .reviewed
            .iter()
            .filter(|r| !r.decision.is_empty())
            .map(|r| (r.item.clone(), r.decision.clone()))
            .collect(),
        raised: recorded.raised,
        closed: recorded.closed,
        targets: recorded.targets,
        top_management_present: top_management_present(register, meeting),
    }
}

/// Whether at least one top manager attended.
pub fn top_management_present(register: &Register, meeting: &Meeting) -> bool {
    meeting
        .attendance
        .iter()
        .any(|a| a.present && register.person(&a.person).is_some_and(|p| p.top_management))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::sample;

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn at(s: &str) -> Timestamp {
        Timestamp::parse(s).unwrap()
    }

    fn present(people: &[&str]) -> Vec<Attendance> {
        people
            .iter()
            .map(|p| Attendance {
                person: p.to_string(),
                present: true,
                apologies: false,
                arrived: None,
                left: None,
            })
            .collect()
    }

    #[test]
    fn agenda_is_the_rule_s_items_in_order() {
        let mut r = sample();
        // R-002 review overdue; R-001 Critical and last reviewed with top
        // management 38 days ago; O-001 neither.
        assert_eq!(
            agenda(&r, MeetingKind::RiskReview, day("2026-11-21")),
            ["R-002", "R-001"]
        );
        r.items[0].status = ItemStatus::Closed;
        assert_eq!(
            agenda(&r, MeetingKind::RiskReview, day("2026-11-21")),
            ["R-002"]
        );
    }

    #[test]
    fn a_meeting_records_before_and_after_and_moves_reviews_when_closed() {
        let mut r = sample();
        let id = start(
            &mut r,
            MeetingKind::RiskReview,
            "qlead",
            present(&["jsmith"]),
            vec!["R-001".into()],
            at("2026-11-21T09:00:00Z"),
        )
        .unwrap();
        assert_eq!(id, "M-002");
        assert!(
            start(
                &mut r,
                MeetingKind::RiskReview,
                "qlead",
                vec![],
                vec![],
                at("2026-11-21T09:01:00Z")
            )
            .is_err(),
            "one open meeting at a time"
        );
        rescore(
            &mut r,
            "R-001",
            Score::new(3, 4),
            at("2026-11-21T09:10:00Z"),
        )
        .unwrap();
        rescore(
            &mut r,
            "R-001",
            Score::new(3, 3),
            at("2026-11-21T09:11:00Z"),
        )
        .unwrap();
        decide(
            &mut r,
            "R-001",
            "Second source approved",
            at("2026-11-21T09:12:00Z"),
        )
        .unwrap();
        mark_reviewed(&mut r, "R-002", at("2026-11-21T09:20:00Z")).unwrap();
        let meeting = open_meeting(&r).unwrap().clone();
        assert_eq!(
            meeting.reviewed[0].before,
            Score::new(4, 4),
            "before is the score the meeting started from"
        );
        assert_eq!(meeting.reviewed[0].after, Score::new(3, 3));
        assert_eq!(
            meeting.agenda,
            ["R-001", "R-002"],
            "items taken up are added to the agenda"
        );
        assert_eq!(r.item("R-001").unwrap().current, Score::new(3, 3));
        let s = summary(&r, &meeting);
        assert_eq!(
            s.rescored,
            [("R-001".to_string(), Score::new(4, 4), Score::new(3, 3))]
        );
        assert_eq!(s.decisions.len(), 1);
        assert!(s.top_management_present);
        close(&mut r, at("2026-11-21T10:00:00Z")).unwrap();
        assert!(open_meeting(&r).is_none());
        // 3×3 = 9 is Medium: 180 days; R-002 at 2×2 = 4 is Low: 365 days.
        assert_eq!(
            r.item("R-001").unwrap().next_review,
            Some(day("2027-05-20"))
        );
        assert_eq!(
            r.item("R-002").unwrap().next_review,
            Some(day("2027-11-21"))
        );
    }

    #[test]
    fn an_agreed_review_date_wins_over_the_band() {
        let mut r = sample();
        start(
            &mut r,
            MeetingKind::RiskReview,
            "qlead",
            vec![],
            vec![],
            at("2026-11-21T09:00:00Z"),
        )
        .unwrap();
        agree_next_review(
            &mut r,
            "R-001",
            Some(day("2026-12-01")),
            at("2026-11-21T09:05:00Z"),
        )
        .unwrap();
        close(&mut r, at("2026-11-21T10:00:00Z")).unwrap();
        assert_eq!(
            r.item("R-001").unwrap().next_review,
            Some(day("2026-12-01"))
        );
    }

    #[test]
    fn nothing_to_record_without_an_open_meeting() {
        let mut r = sample();
        assert_eq!(
            rescore(
                &mut r,
                "R-001",
                Score::new(1, 1),
                at("2026-11-21T09:00:00Z")
            )
            .unwrap_err(),
            "no meeting is open"
        );
        assert_eq!(r.item("R-001").unwrap().current, Score::new(4, 4));
    }
}
