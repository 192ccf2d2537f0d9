use super::*;
use crate::domain::testing::{customer_focus_sample, reading};
use crate::domain::{Score, Target, Value};

fn day(s: &str) -> Date {
    Date::parse(s).unwrap()
}

#[test]
fn a_requirement_lists_its_items_highest_band_first() {
    let mut r = customer_focus_sample();
    r.item_mut("R-002").unwrap().requirements = vec!["REQ-001".into()];
    r.item_mut("R-002").unwrap().current = Score::new(5, 5);
    let focus = CustomerFocus::of(&r, day("2026-11-21"));
    let ids: Vec<&str> = focus
        .items_for_requirement("REQ-001")
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(ids, ["R-002", "R-001"]);
    assert!(focus.items_for_requirement("REQ-002").is_empty());
}

#[test]
fn a_key_customers_requirement_threatened_by_a_high_risk_is_found() {
    let r = customer_focus_sample();
    let focus = CustomerFocus::of(&r, day("2026-11-21"));
    // R-001 is 4×4=16: in the top two bands of the default scales.
    let found = focus.key_requirements_at_high_risk();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0.id, "REQ-001");
    assert_eq!(found[0].1[0].id, "R-001");
    // A customer that is not a key account does not count.
    let mut r = r.clone();
    r.customers[0].key = false;
    assert!(
        CustomerFocus::of(&r, day("2026-11-21"))
            .key_requirements_at_high_risk()
            .is_empty()
    );
}

#[test]
fn an_off_target_measure_with_no_open_item_is_unaddressed() {
    let mut r = customer_focus_sample();
    let focus = CustomerFocus::of(&r, day("2026-11-21"));
    let kpi1 = focus.standing(&r.measures[0]);
    assert!(kpi1.off_target);
    assert!(!kpi1.unaddressed, "R-001 addresses it");
    assert_eq!(kpi1.trend, Trend::Worse);
    let kpi2 = focus.standing(&r.measures[1]);
    assert!(kpi2.off_target && kpi2.unaddressed);
    // Complaints falling is better.
    r.measures[1].readings.push(reading("2026-11-30", 1.0));
    let focus = CustomerFocus::of(&r, day("2026-12-01"));
    let kpi2 = focus.standing(&r.measures[1]);
    assert!(!kpi2.off_target && !kpi2.unaddressed);
    assert_eq!(kpi2.trend, Trend::Better);
}

#[test]
fn measures_off_target_since_a_day_count_only_later_readings() {
    let r = customer_focus_sample();
    let focus = CustomerFocus::of(&r, day("2026-11-21"));
    let since: Vec<(&str, String)> = focus
        .off_target_since(Some(day("2026-10-14")))
        .iter()
        .map(|(m, r)| (m.id.as_str(), r.date.to_string()))
        .collect();
    assert_eq!(
        since,
        [
            ("KPI-001", "2026-10-31".to_string()),
            ("KPI-002", "2026-10-31".to_string())
        ]
    );
    assert!(focus.off_target_since(Some(day("2026-11-01"))).is_empty());
    assert_eq!(focus.off_target_since(None)[0].1.date, day("2026-09-30"));
}

#[test]
fn the_review_with_top_management_is_found_and_judged_in_time() {
    let r = customer_focus_sample();
    let focus = CustomerFocus::of(&r, day("2026-11-21"));
    let (m, review) = focus.last_top_review("R-001").expect("M-001 reviewed it");
    assert_eq!(
        (m.id.as_str(), review.decision.as_str()),
        ("M-001", "Fund second-source qualification")
    );
    // 4×4 is Critical on the default scales: reviewed every 30 days.
    let item = r.item("R-001").unwrap();
    assert!(
        !focus.reviewed_in_time(item),
        "30 days after 14 October have passed"
    );
    let earlier = CustomerFocus::of(&r, day("2026-11-10"));
    assert!(earlier.reviewed_in_time(item));
}

#[test]
fn a_sparkline_spans_the_lowest_to_the_highest_reading() {
    let readings = [
        reading("2026-01-31", 90.0),
        reading("2026-02-28", 95.0),
        reading("2026-03-31", 100.0),
    ];
    assert_eq!(sparkline(&readings), "▁▅█");
    assert_eq!(sparkline(&readings[..1]), "▄");
    let measure = Measure {
        id: "KPI-009".into(),
        name: "Survey".into(),
        unit: String::new(),
        target: Target::AtLeast(Value(4.0)),
        customer: None,
        cadence: None,
        owner: String::new(),
        readings: (1..=9)
            .map(|m| reading(&format!("2026-0{m}-01"), f64::from(m)))
            .collect(),
    };
    assert_eq!(recent(&measure).len(), TREND_READINGS);
    assert_eq!(recent(&measure)[0].value, Value(4.0));
}
