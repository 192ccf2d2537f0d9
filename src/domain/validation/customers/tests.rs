use crate::domain::testing::customer_focus_sample;
use crate::domain::validation::{Findings, Severity, validate};
use crate::domain::{Affects, RequirementKind};

fn messages(r: &crate::domain::Register) -> Vec<String> {
    validate(r).iter().map(|p| p.to_string()).collect()
}

#[test]
fn the_sample_with_customers_has_no_problems() {
    assert_eq!(messages(&customer_focus_sample()), Vec::<String>::new());
}

#[test]
fn a_link_to_an_unknown_requirement_or_measure_names_it_and_what_exists() {
    let mut r = customer_focus_sample();
    let item = r.item_mut("R-002").unwrap();
    item.requirements = vec!["REQ-099".into()];
    item.measures = vec!["KPI-404".into()];
    let found = messages(&r);
    assert!(
        found.contains(
            &"R-002.requirements: requirement \"REQ-099\" is not in requirements; \
          expected one of: REQ-001, REQ-002, REQ-003"
                .to_string()
        )
    );
    assert!(found.contains(
        &"R-002.measures: measure \"KPI-404\" is not in measures; expected one of: KPI-001, KPI-002"
            .to_string()
    ));
}

#[test]
fn a_statutory_requirement_linked_from_an_item_not_affecting_statutory_requirements_is_flagged() {
    let mut r = customer_focus_sample();
    r.item_mut("R-002").unwrap().requirements = vec!["REQ-003".into()];
    let problems = validate(&r);
    let p = problems
        .iter()
        .find(|p| p.location == "R-002.requirements")
        .expect("flagged");
    assert_eq!(p.severity, Severity::Warning);
    assert!(
        p.message.contains("REQ-003 is a statutory requirement"),
        "{p}"
    );
    assert!(p.message.contains("[StatutoryRegulatory]"), "{p}");
    r.item_mut("R-002")
        .unwrap()
        .affects
        .push(Affects::StatutoryRegulatory);
    assert!(messages(&r).is_empty(), "{:?}", messages(&r));
}

#[test]
fn unknown_customers_empty_names_and_two_readings_on_one_date_are_errors() {
    let mut r = customer_focus_sample();
    r.requirements[1].customer = Some("C-777".into());
    r.customers[1].name = " ".into();
    let kpi = &mut r.measures[0];
    kpi.readings.push(kpi.readings[2].clone());
    let found = messages(&r);
    assert!(found.iter().any(|m| m.starts_with("REQ-002.customer: customer \"C-777\" is not in customers; expected one of: C-001, C-002")), "{found:?}");
    assert!(
        found.iter().any(|m| m.starts_with("C-002.name: empty")),
        "{found:?}"
    );
    assert!(found.contains(&"KPI-001/2026-10-31: two readings on one date; keep one (a measure has one reading per date)".to_string()), "{found:?}");
}

#[test]
fn a_statutory_requirement_owed_to_one_customer_is_a_warning() {
    let mut r = customer_focus_sample();
    r.requirements[2].customer = Some("C-001".into());
    r.requirements[2].kind = RequirementKind::Regulatory;
    let problems = validate(&r);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].severity, Severity::Warning);
    assert_eq!(problems[0].location, "REQ-003.customer");
}

#[test]
fn the_kept_findings_find_what_a_full_check_finds() {
    let mut r = customer_focus_sample();
    r.item_mut("R-002").unwrap().requirements = vec!["REQ-003".into(), "REQ-404".into()];
    r.measures[1].customer = Some("C-999".into());
    let kept: Vec<String> = Findings::of(&r)
        .problems()
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(kept, messages(&r));
}
