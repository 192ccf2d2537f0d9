//! The minutes' account of actions and targets, from the history.

use super::*;
use crate::domain::history::{diff, record};
use crate::domain::meetings::{self, close, note_action, start};
use crate::domain::testing::{action, sample};
use crate::domain::{MeetingKind, Register};

fn at(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

/// Applies `f` and records what it changed, as the interface does.
fn change(r: &mut Register, when: &str, by: &str, f: impl FnOnce(&mut Register)) {
    let before = r.clone();
    f(r);
    let changes = diff(&before, r);
    record(r, changes, at(when), by);
}

fn set_status(r: &mut Register, item: &str, id: &str, status: ActionStatus) {
    let item = r.item_mut(item).unwrap();
    item.actions.iter_mut().find(|a| a.id == id).unwrap().status = status;
}

/// M-002 on 2026-11-21, 09:00–10:00: raises A-002 on R-002, closes A-001
/// and lowers R-001's target from 2×3 to 2×2.
fn meeting_that_raised_closed_and_retargeted() -> Register {
    let mut r = sample();
    change(&mut r, "2026-11-21T09:00:00Z", "qlead", |r| {
        start(
            r,
            MeetingKind::RiskReview,
            "qlead",
            vec![],
            vec!["R-001".into(), "R-002".into()],
            at("2026-11-21T09:00:00Z"),
        )
        .unwrap();
    });
    change(&mut r, "2026-11-21T09:10:00Z", "qlead", |r| {
        r.item_mut("R-002")
            .unwrap()
            .actions
            .push(action("A-002", "pjones", "2027-01-31"));
        note_action(r, "A-002", false).unwrap();
    });
    change(&mut r, "2026-11-21T09:15:00Z", "qlead", |r| {
        set_status(r, "R-001", "A-001", ActionStatus::Done);
        note_action(r, "A-001", true).unwrap();
    });
    change(&mut r, "2026-11-21T09:20:00Z", "qlead", |r| {
        r.item_mut("R-001").unwrap().target = Some(Score::new(2, 2));
    });
    change(&mut r, "2026-11-21T10:00:00Z", "qlead", |r| {
        close(r, at("2026-11-21T10:00:00Z")).unwrap();
    });
    r
}

fn of_m002(r: &Register, until: Option<Date>) -> Recorded {
    recorded(r, r.meeting("M-002").unwrap(), until)
}

fn lines(recorded: &Recorded) -> (Vec<String>, Vec<String>, Vec<String>) {
    (
        recorded.raised.iter().map(Traced::raised_line).collect(),
        recorded.closed.iter().map(Traced::closed_line).collect(),
        recorded.targets.iter().map(TargetChange::line).collect(),
    )
}

#[test]
fn a_meeting_s_actions_and_target_changes_come_from_its_history() {
    let r = meeting_that_raised_closed_and_retargeted();
    let (raised, closed, targets) = lines(&of_m002(&r, None));
    assert_eq!(raised, ["A-002 on R-002 (open)"]);
    assert_eq!(closed, ["A-001"], "closed and still closed: nothing to add");
    assert_eq!(targets, ["R-001 2×3 → 2×2"]);
    let (raised, closed, targets) = lines(&recorded(&r, r.meeting("M-001").unwrap(), None));
    assert!(
        raised.is_empty() && closed.is_empty() && targets.is_empty(),
        "M-001 was before any of it: {raised:?} {closed:?} {targets:?}"
    );
}

#[test]
fn an_action_reopened_after_the_meeting_shows_as_reopened_and_a_raised_one_its_status_now() {
    let mut r = meeting_that_raised_closed_and_retargeted();
    change(&mut r, "2026-11-25T14:00:00Z", "jsmith", |r| {
        set_status(r, "R-001", "A-001", ActionStatus::InProgress)
    });
    change(&mut r, "2026-11-26T08:00:00Z", "pjones", |r| {
        set_status(r, "R-002", "A-002", ActionStatus::Done)
    });
    let (raised, closed, _) = lines(&of_m002(&r, None));
    assert_eq!(raised, ["A-002 on R-002 (done 2026-11-26 by pjones)"]);
    assert_eq!(closed, ["A-001 (reopened 2026-11-25 by jsmith)"]);
    // Closed again later: both show.
    change(&mut r, "2026-12-02T08:00:00Z", "pjones", |r| {
        set_status(r, "R-001", "A-001", ActionStatus::Done)
    });
    let (_, closed, _) = lines(&of_m002(&r, None));
    assert_eq!(
        closed,
        ["A-001 (reopened 2026-11-25 by jsmith; then done 2026-12-02 by pjones)"]
    );
    // As of the meeting's day, nothing had happened yet.
    let (raised, closed, _) = lines(&of_m002(&r, Date::parse("2026-11-21").ok()));
    assert_eq!(raised, ["A-002 on R-002 (open)"]);
    assert_eq!(closed, ["A-001"]);
}

#[test]
fn an_action_closed_and_reopened_within_the_meeting_was_not_closed_in_it() {
    let mut r = meeting_that_raised_closed_and_retargeted();
    let meeting = r.meetings.iter_mut().find(|m| m.id == "M-002").unwrap();
    meeting.closed = None;
    change(&mut r, "2026-11-21T10:30:00Z", "qlead", |r| {
        set_status(r, "R-001", "A-001", ActionStatus::Open)
    });
    let recorded = of_m002(&r, None);
    assert_eq!(recorded.closed.len(), 1);
    assert_eq!(
        recorded.closed[0].closed_line(),
        "A-001 (on the meeting's list, but the history does not show it closed in the meeting)"
    );
}

#[test]
fn lists_edited_by_hand_show_the_history_and_mark_the_difference() {
    let mut r = meeting_that_raised_closed_and_retargeted();
    let meeting = r.meetings.iter_mut().find(|m| m.id == "M-002").unwrap();
    meeting.actions_closed.clear();
    meeting.actions_raised.push("A-009".into());
    let (raised, closed, _) = lines(&of_m002(&r, None));
    assert_eq!(
        raised,
        [
            "A-002 on R-002 (open)",
            "A-009 (on the meeting's list, but the history does not show it raised in the meeting)"
        ]
    );
    assert_eq!(
        closed,
        ["A-001 (the history shows it closed in the meeting; not on the meeting's list)"]
    );
}

#[test]
fn a_target_changed_and_changed_back_in_the_meeting_is_no_change() {
    let mut r = meeting_that_raised_closed_and_retargeted();
    let meeting = r.meetings.iter_mut().find(|m| m.id == "M-002").unwrap();
    meeting.closed = None;
    change(&mut r, "2026-11-21T10:30:00Z", "qlead", |r| {
        r.item_mut("R-001").unwrap().target = Some(Score::new(2, 3));
        r.item_mut("R-002").unwrap().target = Some(Score::new(1, 2));
    });
    let (_, _, targets) = lines(&of_m002(&r, None));
    assert_eq!(targets, ["R-002 none → 1×2"]);
}

#[test]
fn all_meetings_at_once_say_what_each_alone_says() {
    let mut r = meeting_that_raised_closed_and_retargeted();
    change(&mut r, "2026-11-25T14:00:00Z", "jsmith", |r| {
        set_status(r, "R-001", "A-001", ActionStatus::Open)
    });
    change(&mut r, "2026-12-01T09:00:00Z", "qlead", |r| {
        start(
            r,
            MeetingKind::ManagementReview,
            "qlead",
            vec![],
            vec![],
            at("2026-12-01T09:00:00Z"),
        )
        .unwrap();
    });
    change(&mut r, "2026-12-01T09:05:00Z", "qlead", |r| {
        set_status(r, "R-001", "A-001", ActionStatus::Cancelled);
        note_action(r, "A-001", true).unwrap();
    });
    let all: Vec<&Meeting> = r.meetings.iter().rev().collect();
    let together = recorded_all(&r, &all, None);
    let alone: Vec<Recorded> = all.iter().map(|m| recorded(&r, m, None)).collect();
    assert_eq!(together, alone);
    let (_, closed, _) = lines(&together[1]);
    assert_eq!(
        closed,
        ["A-001 (reopened 2026-11-25 by jsmith; then cancelled 2026-12-01 by qlead)"]
    );
    let (_, closed, _) = lines(&together[0]);
    assert_eq!(closed, ["A-001"], "the open M-003 closed it");
    assert!(meetings::open_meeting(&r).is_some());
}
