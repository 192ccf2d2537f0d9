use super::*;
use crate::domain::model::HistoryRecord;
use crate::domain::testing::{customer_focus_sample, item, reading, sample};
use crate::domain::{Kind, Score};

fn day(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn at(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

fn of(register: &Register, kind: MeetingKind, today: &str) -> Vec<(String, Reason)> {
    agenda(register, kind, day(today))
        .into_iter()
        .map(|e| (e.item, e.reason))
        .collect()
}

fn line(id: &str, reason: Reason) -> (String, Reason) {
    (id.to_string(), reason)
}

fn score_change(record: &str, when: &str, old: Score, new: Score) -> HistoryRecord {
    HistoryRecord {
        at: at(when),
        by: "qlead".into(),
        record: record.into(),
        field: "current".into(),
        old: ron::to_string(&old).unwrap(),
        new: ron::to_string(&new).unwrap(),
        state: String::new(),
        part: None,
        hash: String::new(),
    }
}

#[test]
fn overdue_reviews_come_first_oldest_due_date_first_and_closed_items_never() {
    let mut r = sample();
    r.items[2].next_review = Some(day("2026-10-01")); // O-001, Medium
    let agenda = of(&r, MeetingKind::RiskReview, "2026-11-21");
    assert_eq!(agenda[0], line("O-001", Reason::ReviewOverdue));
    assert_eq!(agenda[1], line("R-002", Reason::ReviewOverdue));
    r.items[2].status = ItemStatus::Closed;
    let agenda = of(&r, MeetingKind::RiskReview, "2026-11-21");
    assert!(agenda.iter().all(|(id, _)| id != "O-001"), "{agenda:?}");
}

#[test]
fn items_created_since_the_last_meeting_of_that_kind_are_new() {
    let mut r = sample();
    let mut fresh = item("R-003", Kind::Risk, "New press line");
    fresh.created = at("2026-10-20T08:00:00Z");
    fresh.next_review = Some(day("2027-10-20"));
    r.items.push(fresh);
    assert!(of(&r, MeetingKind::RiskReview, "2026-11-01").contains(&line("R-003", Reason::New)));
    // A management review closed after it does not make it old news for
    // the next risk review.
    let mut review = r.meetings[0].clone();
    review.id = "M-002".into();
    review.kind = MeetingKind::ManagementReview;
    review.started = at("2026-10-25T09:00:00Z");
    review.closed = Some(at("2026-10-25T10:00:00Z"));
    r.meetings.push(review);
    assert!(of(&r, MeetingKind::RiskReview, "2026-11-01").contains(&line("R-003", Reason::New)));
    assert!(
        !of(&r, MeetingKind::ManagementReview, "2026-11-01")
            .iter()
            .any(|(id, _)| id == "R-003"),
        "the management review has seen it"
    );
}

#[test]
fn without_a_closed_meeting_of_the_kind_every_item_is_new_to_it() {
    let r = sample();
    let agenda = of(&r, MeetingKind::ManagementReview, "2026-11-01");
    assert_eq!(
        agenda,
        [
            line("R-001", Reason::New),
            line("O-001", Reason::New),
            line("R-002", Reason::New)
        ],
        "highest band first"
    );
}

#[test]
fn items_the_history_shows_escalated_since_the_last_meeting_are_listed() {
    let mut r = sample();
    r.history = vec![
        // Before the meeting: already discussed.
        score_change(
            "R-002",
            "2026-10-14T09:30:00Z",
            Score::new(1, 1),
            Score::new(2, 3),
        ),
        // After: Medium to High, an escalation.
        score_change(
            "O-001",
            "2026-10-20T09:00:00Z",
            Score::new(3, 3),
            Score::new(3, 4),
        ),
        // After, but into a lower band: not one.
        score_change(
            "R-002",
            "2026-10-21T09:00:00Z",
            Score::new(2, 3),
            Score::new(2, 2),
        ),
    ];
    r.items[2].current = Score::new(3, 4);
    // A meeting's `current` is not a score.
    let mut moved = score_change(
        "M-001",
        "2026-10-22T09:00:00Z",
        Score::new(1, 1),
        Score::new(1, 1),
    );
    moved.old = "Some(\"R-001\")".into();
    moved.new = "Some(\"R-002\")".into();
    r.history.push(moved);
    let agenda = of(&r, MeetingKind::RiskReview, "2026-11-01");
    assert!(
        agenda.contains(&line("O-001", Reason::Escalated)),
        "{agenda:?}"
    );
    assert!(
        !agenda
            .iter()
            .any(|(id, r)| id == "R-002" && *r == Reason::Escalated)
    );
}

#[test]
fn high_items_not_reviewed_with_top_management_in_time_are_listed() {
    let r = sample();
    // R-001 (Critical, 30 days) was reviewed with jsmith on 2026-10-14.
    let in_time = of(&r, MeetingKind::RiskReview, "2026-11-01");
    assert!(!in_time.iter().any(|(id, _)| id == "R-001"), "{in_time:?}");
    let late = of(&r, MeetingKind::RiskReview, "2026-11-21");
    assert!(late.contains(&line("R-001", Reason::TopManagementReviewDue)));
}

#[test]
fn reviews_due_today_come_last_by_date() {
    let r = sample();
    // R-002's review is due on 2026-11-01: due, not yet overdue.
    assert_eq!(
        of(&r, MeetingKind::RiskReview, "2026-11-01"),
        [line("R-002", Reason::ReviewDue)]
    );
}

#[test]
fn the_four_rules_come_in_order_and_each_item_once() {
    let mut r = sample();
    let mut fresh = item("R-003", Kind::Risk, "New press line");
    fresh.created = at("2026-11-02T08:00:00Z");
    // Both new and overdue: listed once, as overdue.
    fresh.next_review = Some(day("2026-11-10"));
    r.items.push(fresh);
    let mut newer = item("R-004", Kind::Risk, "Second new risk");
    newer.created = at("2026-11-03T08:00:00Z");
    newer.next_review = Some(day("2027-11-03"));
    r.items.push(newer);
    r.items[2].next_review = Some(day("2026-11-21")); // O-001 due today
    let agenda = of(&r, MeetingKind::RiskReview, "2026-11-21");
    assert_eq!(
        agenda,
        [
            line("R-002", Reason::ReviewOverdue),
            line("R-003", Reason::ReviewOverdue),
            line("R-004", Reason::New),
            line("R-001", Reason::TopManagementReviewDue),
            line("O-001", Reason::ReviewDue),
        ]
    );
}

#[test]
fn a_high_risk_to_a_key_customers_requirement_is_listed_and_names_it() {
    let mut r = customer_focus_sample();
    // On 2026-11-01 R-001 (Critical) is reviewed in time and not due: only
    // its link to Nordbil's requirement puts it on the agenda.
    let agenda = agenda(&r, MeetingKind::RiskReview, day("2026-11-01"));
    let entry = agenda.iter().find(|e| e.item == "R-001").expect("listed");
    assert_eq!(entry.reason, Reason::KeyCustomerRequirement);
    assert_eq!(entry.requirements, ["REQ-001"]);
    assert_eq!(
        entry.why(&r),
        "threatens a key customer's requirement (REQ-001 Nordbil AB)"
    );
    // Other reasons carry no requirements.
    assert!(
        agenda
            .iter()
            .filter(|e| e.item != "R-001")
            .all(|e| e.requirements.is_empty())
    );

    // Not a key account: not for that reason.
    r.customers[0].key = false;
    assert!(
        !of(&r, MeetingKind::RiskReview, "2026-11-01")
            .iter()
            .any(|(id, _)| id == "R-001")
    );
    r.customers[0].key = true;
    // Below High: not either.
    r.item_mut("R-001").unwrap().current = Score::new(1, 2);
    assert!(
        !of(&r, MeetingKind::RiskReview, "2026-11-01")
            .iter()
            .any(|(id, _)| id == "R-001")
    );
}

#[test]
fn an_overdue_review_keeps_its_place_before_a_key_customers_requirement() {
    let mut r = customer_focus_sample();
    r.item_mut("R-001").unwrap().next_review = Some(day("2026-10-20"));
    let agenda = agenda(&r, MeetingKind::RiskReview, day("2026-11-01"));
    let entry = agenda.iter().find(|e| e.item == "R-001").unwrap();
    assert_eq!(entry.reason, Reason::ReviewOverdue, "each item once");
    assert!(entry.requirements.is_empty());
}

fn discussed(r: &Register, kind: MeetingKind) -> Vec<(String, String, bool)> {
    measures_to_discuss(r, kind, day("2026-11-21"))
        .iter()
        .map(|m| {
            (
                m.measure.id.clone(),
                m.first_off.date.to_string(),
                m.unaddressed(),
            )
        })
        .collect()
}

#[test]
fn a_measure_off_target_only_before_the_last_meeting_is_not_listed_after_it_is() {
    let mut r = customer_focus_sample();
    // The last risk review closed on 2026-10-14. KPI-001 missed in
    // September and October; KPI-002, which nothing links, in both too.
    let listed = measures_to_discuss(&r, MeetingKind::RiskReview, day("2026-11-21"));
    assert_eq!(
        discussed(&r, MeetingKind::RiskReview),
        [
            ("KPI-001".to_string(), "2026-10-31".to_string(), false),
            ("KPI-002".to_string(), "2026-10-31".to_string(), true),
        ]
    );
    let delivery = &listed[0];
    assert_eq!(delivery.latest.value.to_string(), "91.5");
    assert!(delivery.off_target);
    let linked: Vec<&str> = delivery.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(linked, ["R-001"]);

    // Back on target in October: September's miss was the last meeting's.
    r.measure_mut("KPI-001").unwrap().readings[2] = reading("2026-10-31", 96.0);
    assert_eq!(
        discussed(&r, MeetingKind::RiskReview),
        [("KPI-002".to_string(), "2026-10-31".to_string(), true)]
    );
    // No management review has closed: every miss is news to it.
    assert_eq!(
        discussed(&r, MeetingKind::ManagementReview),
        [
            ("KPI-001".to_string(), "2026-09-30".to_string(), false),
            ("KPI-002".to_string(), "2026-09-30".to_string(), true),
        ]
    );
}

#[test]
fn a_measure_only_a_closed_item_links_is_unaddressed() {
    let mut r = customer_focus_sample();
    r.item_mut("R-001").unwrap().status = ItemStatus::Closed;
    let listed = measures_to_discuss(&r, MeetingKind::RiskReview, day("2026-11-21"));
    assert!(listed[0].unaddressed(), "{:?}", listed[0].items);
    assert_eq!(listed[0].measure.id, "KPI-001");
}
