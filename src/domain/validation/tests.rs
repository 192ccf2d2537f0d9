//! Messages of the whole-register checks.

use super::*;
use crate::domain::testing::{action, item, sample};
use crate::domain::{Date, Effectiveness, Treatment, Verdict};

fn messages(register: &Register) -> Vec<String> {
    validate(register).iter().map(|p| p.to_string()).collect()
}

#[test]
fn a_sound_register_has_no_problems() {
    assert_eq!(messages(&sample()), Vec::<String>::new());
}

#[test]
fn unknown_owner_names_the_value_and_the_valid_ids() {
    let mut r = sample();
    r.items[0].owner = "pjonse".into();
    let found = messages(&r);
    assert_eq!(
        found,
        [r#"R-001.owner: owner "pjonse" is not in people; expected one of: jsmith, pjones, qlead"#]
    );
}

#[test]
fn duplicate_ids_across_items_actions_and_meetings() {
    let mut r = sample();
    r.items[1]
        .actions
        .push(action("R-001", "qlead", "2027-01-01"));
    let found = messages(&r);
    assert!(
        found.iter().any(|m| m.starts_with(
            "R-001.id: id \"R-001\" is used twice (item R-001 and action R-001 of R-002)"
        )),
        "{found:?}"
    );
}

#[test]
fn scores_off_the_scale_say_the_valid_range() {
    let mut r = sample();
    r.items[0].current = Score::new(7, 0);
    let found = messages(&r);
    assert!(
        found.contains(
            &"R-001.current.likelihood: 7 is off the likelihood scale; expected 1..=5".to_string()
        ),
        "{found:?}"
    );
    assert!(
        found.contains(
            &"R-001.current.impact: 0 is off the impact scale; expected 1..=5".to_string()
        ),
        "{found:?}"
    );
}

#[test]
fn a_target_worse_than_current_is_a_warning() {
    let mut r = sample();
    r.items[0].current = Score::new(2, 3);
    r.items[0].target = Some(Score::new(4, 4));
    let problems = validate(&r);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].severity, Severity::Warning);
    assert_eq!(problems[0].location, "R-001.target");
    assert!(!has_errors(&problems));
    // For an opportunity a higher target is the point.
    let mut o = sample();
    o.items[2].current = Score::new(2, 3);
    o.items[2].target = Some(Score::new(4, 4));
    assert!(validate(&o).is_empty());
}

#[test]
fn closed_item_with_open_actions_is_a_warning() {
    let mut r = sample();
    r.items[0].status = ItemStatus::Closed;
    let found = messages(&r);
    assert_eq!(
        found,
        [
            "R-001.status: warning: the item is Closed but one action is still open (A-001); finish or cancel them, or reopen the item"
        ]
    );
}

#[test]
fn done_action_needs_a_done_date() {
    let mut r = sample();
    r.items[0].actions[0].status = ActionStatus::Done;
    let found = messages(&r);
    assert_eq!(
        found,
        [
            r#"R-001/A-001.done_on: the action is Done but has no done_on date; add done_on: Some("YYYY-MM-DD")"#
        ]
    );
}

#[test]
fn effectiveness_check_before_completion_is_an_error() {
    let mut r = sample();
    let a = &mut r.items[0].actions[0];
    a.status = ActionStatus::Done;
    a.done_on = Date::from_ymd(2026, 6, 10);
    a.effectiveness = Some(Effectiveness {
        verdict: Verdict::Effective,
        note: String::new(),
        checked_on: Date::from_ymd(2026, 6, 1).unwrap(),
        checked_by: "ghost".into(),
    });
    let found = messages(&r);
    assert!(
        found
            .iter()
            .any(|m| m.starts_with("R-001/A-001.effectiveness.checked_by: checker \"ghost\"")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|m| m
                .starts_with("R-001/A-001.effectiveness.checked_on: checked on 2026-06-01 before")),
        "{found:?}"
    );
}

#[test]
fn meeting_references_must_exist() {
    let mut r = sample();
    r.meetings[0].reviewed[0].item = "R-099".into();
    r.meetings[0].facilitator = "nobody".into();
    r.meetings[0].attendance[0].person = "cfo".into();
    let found = messages(&r);
    assert!(
        found
            .iter()
            .any(|m| m.starts_with("M-001.reviewed.R-099.item: \"R-099\" is not an item")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|m| m.starts_with("M-001.facilitator: facilitator \"nobody\" is not in people")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|m| m.starts_with("M-001.attendance: attendee \"cfo\" is not in people")),
        "{found:?}"
    );
}

#[test]
fn bands_must_ascend_and_start_at_one() {
    let mut r = sample();
    r.scales.bands[0].from = 2;
    r.scales.bands[2].from = 4;
    let found = messages(&r);
    assert!(found.iter().any(|m| m.contains("the first band \"Low\" starts at 2; it must start at 1 so every score 1..=25 has a band")), "{found:?}");
    assert!(
        found.iter().any(|m| m.contains(
            "band \"High\" from 4 must start above the band before it, \"Medium\" from 5"
        )),
        "{found:?}"
    );
}

#[test]
fn each_band_needs_a_review_interval() {
    let mut r = sample();
    r.scales.review_days.pop();
    assert_eq!(
        messages(&r),
        [
            "scales.review_days: 3 entries for 4 bands; give one review interval in days per band, lowest band first"
        ]
    );
}

#[test]
fn treatment_must_suit_the_kind() {
    let mut r = sample();
    r.items[2].treatment = Treatment::Reduce;
    assert_eq!(
        messages(&r),
        [
            "O-001.treatment: Reduce is not a treatment for an opportunity; expected one of: Undecided, Exploit, Enhance, Share, Decline"
        ]
    );
}

#[test]
fn item_without_title_is_an_error() {
    let mut r = sample();
    r.items.push(item("R-003", Kind::Risk, "  "));
    assert_eq!(
        messages(&r),
        ["R-003.title: empty; give the item a short title"]
    );
}

#[test]
fn an_item_without_its_iso_links_is_warned_of_at_each_field() {
    let mut r = sample();
    r.items[1].affects.clear();
    r.items[1].source = crate::domain::Source::Internal("  ".into());
    r.items[1].process = String::new();
    let found = validate(&r);
    let at: Vec<&str> = found.iter().map(|p| p.location.as_str()).collect();
    assert_eq!(at, ["R-002.affects", "R-002.source", "R-002.process"]);
    assert!(found.iter().all(|p| p.severity == Severity::Warning));
    assert!(found[0].message.contains("ProductConformity"));
    assert!(found[1].message.contains("InterestedParty"));
}

#[test]
fn an_item_reviewed_more_than_once_in_a_meeting_is_said_once() {
    let mut r = sample();
    let review = r.meetings[0].reviewed[0].clone();
    r.meetings[0].reviewed.push(review.clone());
    r.meetings[0].reviewed.push(review);
    let found = messages(&r);
    let said: Vec<&String> = found.iter().filter(|m| m.contains("reviewed")).collect();
    assert_eq!(
        said,
        [&format!(
            "M-001.reviewed.{item}.item: \"{item}\" is reviewed 3 times in one meeting; keep one review per item",
            item = r.meetings[0].reviewed[0].item
        )],
        "{found:?}"
    );
}

/// A register large enough for its items to be checked in parts reports
/// their problems in item order, each once, as a single pass would.
#[test]
fn a_large_registers_item_problems_come_in_item_order() {
    let mut r = sample();
    let count = ITEMS_CHECKED_IN_PARTS_FROM + 1000;
    for n in 0..count {
        let mut new = item(&format!("R-{n:05}"), Kind::Risk, "Generated");
        if [10, count / 2, count - 1].contains(&n) {
            new.owner = "nobody".into();
        }
        r.items.push(new);
    }
    r.normalise();
    let owners: Vec<String> = validate(&r)
        .into_iter()
        .filter(|p| p.location.ends_with(".owner"))
        .map(|p| p.location)
        .collect();
    let last = count - 1;
    let middle = count / 2;
    assert_eq!(
        owners,
        [
            "R-00010.owner".to_string(),
            format!("R-{middle:05}.owner"),
            format!("R-{last:05}.owner"),
        ]
    );
}
