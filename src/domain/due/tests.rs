use super::*;
use crate::domain::testing::{customer_focus_sample, sample};
use crate::domain::{ActionStatus, Effectiveness, ItemStatus, Verdict};

fn day(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn within(today: &str, days: i64) -> Window {
    Window {
        until: Some(day(today).add_days(days)),
        owner: None,
    }
}

/// Every date ahead, for everybody.
fn everything() -> Window {
    Window {
        until: None,
        owner: None,
    }
}

fn keys(dues: &[Due]) -> Vec<String> {
    dues.iter().map(Due::key).collect()
}

#[test]
fn overdue_is_always_given_and_the_window_limits_what_is_ahead() {
    let r = sample();
    let dues = due(&r, day("2026-12-01"), &within("2026-12-01", 14));
    // R-002's review was due 2026-11-01; R-001's falls on 2026-12-15.
    assert_eq!(keys(&dues), ["review-R-002", "review-R-001"]);
    assert!(dues[0].overdue(day("2026-12-01")));
    assert_eq!(dues[0].when(day("2026-12-01")), "30 days late");
    assert_eq!(dues[1].when(day("2026-12-01")), "in 14 days");
    let wider = due(&r, day("2026-12-01"), &within("2026-12-01", 30));
    assert_eq!(
        keys(&wider),
        ["review-R-002", "review-R-001", "action-A-001"]
    );
}

#[test]
fn with_no_window_every_date_ahead_is_given_with_the_management_review() {
    let r = sample();
    let all = due(&r, day("2026-12-01"), &everything());
    assert_eq!(
        keys(&all),
        [
            "review-R-002",
            "review-R-001",
            "action-A-001",
            "review-O-001",
            // None held: due a year after the register's first record.
            "management-review-first",
        ]
    );
    let review = all.last().unwrap();
    assert_eq!(review.date, day("2027-03-02"));
    assert_eq!(review.owners, ["jsmith"], "top management");
}

#[test]
fn closed_items_and_done_or_cancelled_actions_are_not_due() {
    let mut r = sample();
    r.items[1].status = ItemStatus::Closed;
    r.items[0].actions[0].status = ActionStatus::Cancelled;
    let all = due(&r, day("2026-12-01"), &everything());
    assert!(!keys(&all).contains(&"review-R-002".to_string()));
    assert!(!keys(&all).contains(&"action-A-001".to_string()));
}

#[test]
fn a_done_action_wants_its_effectiveness_check_after_the_scales_interval() {
    let mut r = sample();
    let action = &mut r.items[0].actions[0];
    action.status = ActionStatus::Done;
    action.done_on = Some(day("2026-11-10"));
    let dues = due(&r, day("2026-12-01"), &within("2026-12-01", 14));
    let check = dues
        .iter()
        .find(|d| d.duty == Duty::EffectivenessCheck)
        .expect("the check is due");
    // Thirty days by default, and it falls to the item's owner.
    assert_eq!(check.date, day("2026-12-10"));
    assert_eq!(check.owners, ["pjones"]);
    assert_eq!(check.item.as_deref(), Some("R-001"));

    r.scales.effectiveness_check_days = 90;
    let later = due(&r, day("2026-12-01"), &within("2026-12-01", 14));
    assert!(later.iter().all(|d| d.duty != Duty::EffectivenessCheck));

    r.items[0].actions[0].effectiveness = Some(Effectiveness {
        verdict: Verdict::Effective,
        note: String::new(),
        checked_on: day("2026-11-30"),
        checked_by: "jsmith".into(),
    });
    let checked = due(&r, day("2027-06-01"), &everything());
    assert!(checked.iter().all(|d| d.duty != Duty::EffectivenessCheck));
}

#[test]
fn an_owner_sees_only_their_own_and_top_management_the_management_review() {
    let r = sample();
    let mine = |who: &str| {
        due(
            &r,
            day("2026-12-01"),
            &Window {
                until: None,
                owner: Some(who.into()),
            },
        )
    };
    assert_eq!(
        keys(&mine("jsmith")),
        ["review-O-001", "management-review-first"]
    );
    assert_eq!(
        keys(&mine("pjones")),
        ["review-R-002", "review-R-001", "action-A-001"]
    );
    assert!(mine("qlead").is_empty());
}

#[test]
fn the_key_stays_when_the_date_moves() {
    let mut r = sample();
    let before = due(&r, day("2026-12-01"), &everything());
    r.items[1].next_review = Some(day("2027-01-20"));
    let after = due(&r, day("2026-12-01"), &everything());
    let find = |dues: &[Due]| dues.iter().find(|d| d.id == "R-002").unwrap().clone();
    assert_eq!(find(&before).key(), find(&after).key());
    assert_ne!(find(&before).date, find(&after).date);
}

#[test]
fn the_summary_names_what_is_late_then_what_is_soon() {
    let r = sample();
    let today = day("2026-12-01");
    let mine = due(
        &r,
        today,
        &Window {
            until: Some(today.add_days(30)),
            owner: Some("pjones".into()),
        },
    );
    assert_eq!(
        summary(&mine, today).unwrap(),
        "1 overdue, 2 due soon: R-002 review, R-001 review, A-001 action"
    );
    assert_eq!(summary(&[], today), None);
}

#[test]
fn a_measure_with_a_cadence_wants_its_next_reading_from_its_owner_or_top_management() {
    let mut r = customer_focus_sample();
    let today = day("2026-11-21");
    let dues = due(&r, today, &within("2026-11-21", 14));
    let readings: Vec<&Due> = dues.iter().filter(|d| d.duty == Duty::Reading).collect();
    // Both read monthly, last on 2026-10-31: next on 2026-11-30.
    assert_eq!(
        keys(&readings.iter().map(|d| (*d).clone()).collect::<Vec<_>>()),
        ["reading-KPI-001-2026-11-30", "reading-KPI-002-2026-11-30"]
    );
    assert_eq!(readings[0].owners, ["pjones"]);
    assert_eq!(readings[0].title, "On-time delivery (Nordbil AB)");
    assert_eq!(readings[0].short(), "KPI-001 reading");
    // KPI-002 has no owner: it falls to top management.
    assert_eq!(readings[1].owners, ["jsmith"]);

    let pjones = Window {
        until: None,
        owner: Some("pjones".into()),
    };
    assert!(keys(&due(&r, today, &pjones)).contains(&"reading-KPI-001-2026-11-30".to_string()));

    // No cadence, or no reading yet: nothing to remind of.
    r.measures[0].cadence = None;
    r.measures[1].readings.clear();
    assert!(
        due(&r, today, &everything())
            .iter()
            .all(|d| d.duty != Duty::Reading)
    );
}

#[test]
fn entering_a_reading_brings_the_next_as_a_new_duty() {
    let mut r = customer_focus_sample();
    let today = day("2026-12-01");
    let key = |r: &Register| {
        due(r, today, &everything())
            .into_iter()
            .find(|d| d.duty == Duty::Reading && d.id == "KPI-001")
            .map(|d| (d.key(), d.date))
            .unwrap()
    };
    let before = key(&r);
    assert!(before.1 < today, "the November reading is late");
    r.measures[0]
        .readings
        .push(crate::domain::testing::reading("2026-11-30", 96.0));
    let after = key(&r);
    assert_eq!(after.1, day("2026-12-30"));
    assert_ne!(before.0, after.0);
}
