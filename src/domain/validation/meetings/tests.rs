//! Messages of the checks on what a meeting records about its room (late
//! arrivals, early leavers, guests), its skips and its management review.
//!
//! The sample's M-001 is a risk review from 09:00 to 10:40 on 2026-10-14,
//! Jane Smith (jsmith) present, R-001 on the agenda and reviewed at 09:20.

use crate::domain::model::{Considered, Guest, ManagementInput, ManagementOutput, Skip};
use crate::domain::testing::sample;
use crate::domain::{MeetingKind, Register, Timestamp, validate};

fn at(time: &str) -> Timestamp {
    Timestamp::parse(&format!("2026-10-14T{time}:00Z")).unwrap()
}

fn messages(register: &Register) -> Vec<String> {
    validate(register).iter().map(|p| p.to_string()).collect()
}

fn skip(item: &str, time: &str) -> Skip {
    Skip {
        item: item.into(),
        reason: "Out of time".into(),
        at: at(time),
    }
}

fn guest(name: &str) -> Guest {
    Guest {
        name: name.into(),
        role: "External auditor".into(),
        organisation: "Certifier AB".into(),
    }
}

fn considered(input: ManagementInput, note: &str, time: &str) -> Considered {
    Considered {
        input,
        note: note.into(),
        evidence: String::new(),
        at: at(time),
    }
}

#[test]
fn a_skip_names_an_item_of_the_agenda_once_and_falls_inside_the_meeting() {
    let mut r = sample();
    r.meetings[0].agenda.push("R-002".into());
    // Sound: an agenda item passed over during the meeting.
    r.meetings[0].skipped = vec![skip("R-002", "10:00")];
    assert_eq!(messages(&r), Vec::<String>::new());

    r.meetings[0].agenda.pop();
    r.meetings[0].skipped = vec![
        skip("R-404", "10:00"),
        skip("R-002", "10:00"),
        skip("R-002", "10:05"),
        skip("O-001", "08:59"),
    ];
    r.meetings[0].agenda.push("O-001".into());
    assert_eq!(
        messages(&r),
        [
            "M-001.skipped[R-404]: \"R-404\" is not an item of this register; a skip must refer to an existing item id",
            "M-001.skipped[R-002]: warning: \"R-002\" is not on the meeting's agenda; skip only agenda items, or add it to the agenda",
            "M-001.skipped[R-002]: \"R-002\" is skipped twice; keep one skip per item",
            "M-001.skipped[O-001].at: skipped at 2026-10-14T08:59:00Z, before the meeting started at 2026-10-14T09:00:00Z; a skip falls between the meeting's start and its close",
        ]
    );
    r.meetings[0].skipped = vec![skip("O-001", "10:41")];
    assert_eq!(
        messages(&r),
        [
            "M-001.skipped[O-001].at: skipped at 2026-10-14T10:41:00Z, after the meeting closed at 2026-10-14T10:40:00Z; a skip falls between the meeting's start and its close"
        ]
    );
}

#[test]
fn an_open_meeting_takes_skips_at_any_time_after_its_start() {
    let mut r = sample();
    r.meetings[0].closed = None;
    r.meetings[0].skipped = vec![skip("R-001", "23:59")];
    r.meetings[0].reviewed.clear();
    assert_eq!(messages(&r), Vec::<String>::new());
}

#[test]
fn a_skip_after_the_review_contradicts_the_minutes_but_a_review_after_the_skip_does_not() {
    let mut r = sample();
    // R-001 skipped at 09:10, then taken after all at 09:20: what happened.
    r.meetings[0].skipped = vec![skip("R-001", "09:10")];
    assert_eq!(messages(&r), Vec::<String>::new());
    r.meetings[0].skipped = vec![skip("R-001", "09:30")];
    assert_eq!(
        messages(&r),
        [
            "M-001.skipped[R-001]: warning: skipped at 2026-10-14T09:30:00Z, after it was reviewed at 2026-10-14T09:20:00Z; the minutes would contradict themselves: remove the skip or the review"
        ]
    );
}

#[test]
fn guests_are_named_once_and_are_not_people_of_the_register() {
    let mut r = sample();
    r.meetings[0].guests = vec![guest("Ola Berg")];
    assert_eq!(messages(&r), Vec::<String>::new());
    r.meetings[0].guests = vec![
        guest("Ola Berg"),
        guest("  "),
        guest("Ola Berg "),
        guest("Jane Smith"),
    ];
    assert_eq!(
        messages(&r),
        [
            "M-001.guests: guest 2 of 4 has no name; give the guest's full name, e.g. \"Ola Berg\", or remove the entry",
            "M-001.guests[Ola Berg]: \"Ola Berg\" is listed twice as a guest; list each guest once",
            "M-001.guests[Jane Smith]: warning: \"Jane Smith\" is the name of jsmith in people; list them as an attendee so they count",
        ]
    );
}

#[test]
fn a_late_arrival_or_early_leave_is_of_someone_present_and_inside_the_meeting() {
    let mut r = sample();
    let jane = &mut r.meetings[0].attendance[0];
    jane.arrived = Some(at("09:15"));
    jane.left = Some(at("10:00"));
    assert_eq!(messages(&r), Vec::<String>::new());

    let jane = &mut r.meetings[0].attendance[0];
    jane.present = false;
    assert_eq!(
        messages(&r),
        [
            "M-001.attendance[jsmith].arrived: arrived at 2026-10-14T09:15:00Z, but \"jsmith\" is marked not present; set present: true, or arrived: None",
            "M-001.attendance[jsmith].left: left at 2026-10-14T10:00:00Z, but \"jsmith\" is marked not present; set present: true, or left: None",
        ]
    );

    let jane = &mut r.meetings[0].attendance[0];
    jane.present = true;
    jane.arrived = Some(at("08:30"));
    jane.left = Some(at("10:45"));
    assert_eq!(
        messages(&r),
        [
            "M-001.attendance[jsmith].arrived: arrived at 2026-10-14T08:30:00Z, before the meeting started at 2026-10-14T09:00:00Z; a late arrival falls between the meeting's start and its close",
            "M-001.attendance[jsmith].left: left at 2026-10-14T10:45:00Z, after the meeting closed at 2026-10-14T10:40:00Z; an early leave falls between the meeting's start and its close",
        ]
    );

    let jane = &mut r.meetings[0].attendance[0];
    jane.arrived = Some(at("10:50"));
    jane.left = Some(at("09:30"));
    assert_eq!(
        messages(&r),
        [
            "M-001.attendance[jsmith].arrived: arrived at 2026-10-14T10:50:00Z, after the meeting closed at 2026-10-14T10:40:00Z; a late arrival falls between the meeting's start and its close",
            "M-001.attendance[jsmith].left: left at 2026-10-14T09:30:00Z, before arriving at 2026-10-14T10:50:00Z; one leaves after arriving",
        ]
    );

    // Present from the start: leaving before it is no leave either.
    let jane = &mut r.meetings[0].attendance[0];
    jane.arrived = None;
    jane.left = Some(at("08:00"));
    assert_eq!(
        messages(&r),
        [
            "M-001.attendance[jsmith].left: left at 2026-10-14T08:00:00Z, before the meeting started at 2026-10-14T09:00:00Z; an early leave falls between the meeting's start and its close"
        ]
    );
}

#[test]
fn only_a_management_review_considers_inputs() {
    let mut r = sample();
    r.meetings[0].considered = vec![
        considered(ManagementInput::ProcessPerformance, "OTD 94%", "09:30"),
        considered(ManagementInput::PreviousActions, "All done", "09:35"),
    ];
    assert_eq!(
        messages(&r),
        [
            "M-001.considered: a risk review lists 9.3.2 inputs considered (c3, a); only a management review considers them: remove them, or make the meeting kind: ManagementReview"
        ]
    );
    r.meetings[0].kind = MeetingKind::ManagementReview;
    assert_eq!(messages(&r), Vec::<String>::new());
}

#[test]
fn a_considered_input_is_listed_once_inside_the_meeting_with_what_was_seen() {
    let mut r = sample();
    r.meetings[0].kind = MeetingKind::ManagementReview;
    r.meetings[0].considered = vec![
        considered(ManagementInput::ProcessPerformance, "OTD 94%", "09:30"),
        considered(ManagementInput::ProcessPerformance, "OTD 95%", "09:40"),
        considered(ManagementInput::AuditResults, "  ", "08:00"),
        considered(ManagementInput::Resources, "Two hires", "11:00"),
    ];
    assert_eq!(
        messages(&r),
        [
            "M-001.considered[c3]: 9.3.2 c3 (Process performance and conformity of products and services) is considered twice; keep one entry per input",
            "M-001.considered[c6].at: considered at 2026-10-14T08:00:00Z, before the meeting started at 2026-10-14T09:00:00Z; an input is considered between the meeting's start and its close",
            "M-001.considered[c6].note: warning: no note; say what the review saw, e.g. \"3 of 4 actions done, all checked effective\"",
            "M-001.considered[d].at: considered at 2026-10-14T11:00:00Z, after the meeting closed at 2026-10-14T10:40:00Z; an input is considered between the meeting's start and its close",
        ]
    );
}

#[test]
fn only_a_management_review_classifies_a_decision_as_an_output() {
    let mut r = sample();
    r.meetings[0].reviewed[0].output = Some(ManagementOutput::ResourceNeed);
    assert_eq!(
        messages(&r),
        [
            "M-001.reviewed.R-001.output: warning: the decision is classified as \"Resource need\" in a risk review; only management reviews classify outputs (9.3.3): remove output, or make the meeting kind: ManagementReview"
        ]
    );
    r.meetings[0].kind = MeetingKind::ManagementReview;
    assert_eq!(messages(&r), Vec::<String>::new());
}
