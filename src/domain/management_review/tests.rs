use super::*;
use crate::domain::history::{diff, record, verify};
use crate::domain::testing::{action, sample};
use crate::domain::{Attendance, meetings};

fn at(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

fn day(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn change(r: &mut Register, when: &str, f: impl FnOnce(&mut Register)) {
    let before = r.clone();
    f(r);
    let changes = diff(&before, r);
    record(r, changes, at(when), "qlead");
}

fn present(id: &str) -> Attendance {
    Attendance {
        person: id.into(),
        present: true,
        apologies: false,
        arrived: None,
        left: None,
    }
}

/// The sample with its one meeting made a management review.
fn reviewed_once() -> Register {
    let mut r = sample();
    r.meetings[0].kind = MeetingKind::ManagementReview;
    r
}

#[test]
fn the_next_review_is_due_an_interval_after_the_last_that_counts() {
    let r = reviewed_once();
    let s = standing(&r, day("2027-10-14"));
    assert_eq!(s.last, Some(("M-001".to_string(), day("2026-10-14"))));
    assert_eq!(s.due, Some(day("2027-10-14")));
    assert!(!s.overdue(), "due today is not overdue yet");
    let late = standing(&r, day("2027-10-20"));
    assert!(late.overdue());
    assert_eq!(late.days_late, 6);
    assert!(
        late.describe()
            .contains("OVERDUE since 2027-10-14, 6 days late")
    );
}

#[test]
fn the_interval_comes_from_the_scales() {
    let mut r = reviewed_once();
    r.scales.management_review_days = 182;
    assert_eq!(standing(&r, day("2026-11-01")).due, Some(day("2027-04-14")));
}

#[test]
fn a_review_without_top_management_or_without_content_does_not_count() {
    let mut r = reviewed_once();
    r.meetings[0].attendance[0].present = false;
    assert_eq!(standing(&r, day("2026-11-01")).last, None);
    let mut r = reviewed_once();
    r.meetings[0].reviewed.clear();
    assert_eq!(standing(&r, day("2026-11-01")).last, None);
    // Considering inputs alone is a review.
    r.meetings[0].considered.push(Considered {
        input: ManagementInput::AuditResults,
        note: "Two minor findings".into(),
        evidence: String::new(),
        at: at("2026-10-14T09:30:00Z"),
    });
    assert!(standing(&r, day("2026-11-01")).last.is_some());
}

#[test]
fn with_none_held_the_first_is_due_an_interval_after_the_register_began() {
    let r = sample();
    let s = standing(&r, day("2027-03-03"));
    assert_eq!(s.last, None);
    // The sample's items were created on 2026-03-02.
    assert_eq!(s.due, Some(day("2027-03-02")));
    assert!(s.overdue());
    assert!(s.describe().starts_with("none held yet"));
}

#[test]
fn inputs_and_outputs_are_recorded_keyed_and_the_minutes_verify() {
    let mut r = sample();
    change(&mut r, "2026-11-21T09:00:00Z", |r| {
        meetings::start(
            r,
            MeetingKind::ManagementReview,
            "qlead",
            vec![present("qlead"), present("jsmith")],
            vec!["R-001".into()],
            at("2026-11-21T09:00:00Z"),
        )
        .unwrap();
    });
    change(&mut r, "2026-11-21T09:10:00Z", |r| {
        consider(
            r,
            ManagementInput::AuditResults,
            " Two minor findings ",
            "audits/2026-internal.pdf",
            at("2026-11-21T09:10:00Z"),
        )
        .unwrap()
    });
    change(&mut r, "2026-11-21T09:20:00Z", |r| {
        meetings::decide(
            r,
            "R-001",
            "Fund a second source",
            at("2026-11-21T09:20:00Z"),
        )
        .unwrap();
        classify(r, "R-001", Some(ManagementOutput::ResourceNeed)).unwrap();
    });
    change(&mut r, "2026-11-21T09:40:00Z", |r| {
        meetings::close(r, at("2026-11-21T09:40:00Z")).unwrap();
    });
    let m = r.meetings.last().unwrap();
    assert_eq!(m.considered[0].note, "Two minor findings");
    assert_eq!(m.reviewed[0].output, Some(ManagementOutput::ResourceNeed));
    let fields: Vec<&str> = r.history.iter().map(|h| h.field.as_str()).collect();
    assert!(fields.contains(&"considered[c6]"), "{fields:?}");
    assert!(verify(&r).is_empty(), "{:?}", verify(&r));
    assert_eq!(gaps(m).len(), 11);
    assert!(!gaps(m).contains(&ManagementInput::AuditResults));
}

#[test]
fn a_risk_review_records_no_management_inputs() {
    let mut r = sample();
    meetings::start(
        &mut r,
        MeetingKind::RiskReview,
        "qlead",
        vec![present("jsmith")],
        Vec::new(),
        at("2026-11-21T09:00:00Z"),
    )
    .unwrap();
    let refused = consider(
        &mut r,
        ManagementInput::Resources,
        "",
        "",
        at("2026-11-21T09:05:00Z"),
    );
    assert!(refused.unwrap_err().contains("only a management review"));
}

#[test]
fn considering_again_replaces_and_withdrawing_takes_back() {
    let mut r = sample();
    meetings::start(
        &mut r,
        MeetingKind::ManagementReview,
        "qlead",
        vec![present("jsmith")],
        Vec::new(),
        at("2026-11-21T09:00:00Z"),
    )
    .unwrap();
    let t = at("2026-11-21T09:05:00Z");
    consider(&mut r, ManagementInput::Resources, "first", "", t).unwrap();
    consider(&mut r, ManagementInput::Resources, "second", "", t).unwrap();
    let m = r.meetings.last().unwrap();
    assert_eq!(m.considered.len(), 1);
    assert_eq!(m.considered[0].note, "second");
    withdraw(&mut r, ManagementInput::Resources).unwrap();
    assert!(withdraw(&mut r, ManagementInput::Resources).is_err());
}

#[test]
fn the_previous_review_and_what_it_raised_are_found() {
    let mut r = reviewed_once();
    r.meetings[0].actions_raised = vec!["A-001".into(), "A-404".into()];
    r.items[1]
        .actions
        .push(action("A-002", "pjones", "2027-01-31"));
    let mut later = r.meetings[0].clone();
    later.id = "M-002".into();
    later.started = at("2027-10-01T09:00:00Z");
    later.closed = Some(at("2027-10-01T11:00:00Z"));
    r.meetings.push(later.clone());
    let previous = previous(&r, &later).expect("M-001 came before");
    assert_eq!(previous.id, "M-001");
    let raised = raised(&r, previous);
    // A-404 is no longer in the register.
    assert_eq!(raised.len(), 1);
    assert_eq!(
        (raised[0].item, raised[0].action.id.as_str()),
        ("R-001", "A-001")
    );
    assert!(super::previous(&r, &r.meetings[0]).is_none());
}

#[test]
fn measures_inform_c1_or_c3_with_their_readings_since_the_previous_review() {
    use crate::domain::testing::customer_focus_sample;
    let mut r = customer_focus_sample();
    r.meetings[0].kind = MeetingKind::ManagementReview;
    let mut returns = r.measures[1].clone();
    returns.id = "KPI-003".into();
    returns.name = "Returns rate".into();
    r.measures.push(returns);
    // KPI-001 is Nordbil's, KPI-002 is named for complaints: both c1.
    let inputs: Vec<&str> = r.measures.iter().map(|m| input_of(m).code()).collect();
    assert_eq!(inputs, ["c1", "c1", "c3"]);

    let mut later = r.meetings[0].clone();
    later.id = "M-002".into();
    later.started = at("2026-11-20T09:00:00Z");
    later.closed = None;
    let (from, to, previous) = looks_back(&r, &later);
    assert_eq!(previous.map(|m| m.id.as_str()), Some("M-001"));
    assert_eq!((from, to), (day("2026-10-15"), day("2026-11-20")));
    let c1 = measures_for(&r, ManagementInput::CustomerSatisfaction, (from, to));
    assert_eq!(c1.len(), 2);
    let dates: Vec<String> = c1[0].1.iter().map(|r| r.date.to_string()).collect();
    assert_eq!(dates, ["2026-10-31"], "only what came after M-001");
    let c3 = measures_for(&r, ManagementInput::ProcessPerformance, (from, to));
    assert_eq!(c3[0].0.id, "KPI-003");

    // With no review before, a year back.
    let (from, _, previous) = looks_back(&r, &r.meetings[0].clone());
    assert!(previous.is_none());
    assert_eq!(from, day("2025-10-15"));
}
