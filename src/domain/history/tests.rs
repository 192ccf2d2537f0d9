use super::*;
use crate::domain::testing::sample;
use crate::domain::{Score, meetings};

fn at(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

fn changed_register() -> Register {
    let mut r = sample();
    let before = r.clone();
    r.items[0].current = Score::new(3, 3);
    r.items[0].actions[0].text = "Call the supplier".into();
    let changes = diff(&before, &r);
    record(&mut r, changes, at("2026-11-21T10:00:00Z"), "qlead");
    let before = r.clone();
    r.items[1].title = "Dust and fibres in the clean room".into();
    let changes = diff(&before, &r);
    record(&mut r, changes, at("2026-11-21T10:05:00Z"), "jsmith");
    r
}

#[test]
fn a_login_change_is_recorded_as_the_person_s_field() {
    let old = sample();
    let mut new = old.clone();
    new.people[0].login = vec!["hmarsh".into()];
    let changes = diff(&old, &new);
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(
        (changes[0].record.as_str(), changes[0].field.as_str()),
        (format!("people.{}", old.people[0].id).as_str(), "login")
    );
}

#[test]
fn diff_names_record_field_old_and_new() {
    let old = sample();
    let mut new = old.clone();
    new.items[0].current = Score::new(3, 3);
    new.items[0].actions[0].due = crate::domain::Date::parse("2027-02-01").unwrap();
    new.people.retain(|p| p.id != "qlead");
    let changes = diff(&old, &new);
    assert_eq!(changes.len(), 3, "{changes:?}");
    assert_eq!(changes[0].record, "people.qlead");
    assert_eq!(changes[0].field, "removed");
    assert_eq!(
        changes[1],
        Change {
            record: "R-001".into(),
            field: "current".into(),
            old: "(likelihood:4,impact:4)".into(),
            new: "(likelihood:3,impact:3)".into()
        }
    );
    assert_eq!(
        (changes[2].record.as_str(), changes[2].field.as_str()),
        ("R-001/A-001", "due")
    );
    assert!(diff(&old, &old).is_empty());
}

#[test]
fn an_untouched_chain_verifies() {
    let r = changed_register();
    assert_eq!(r.history.len(), 3);
    assert_eq!(verify(&r), []);
    assert_eq!(r.history[2].by, "jsmith");
}

#[test]
fn an_edited_record_breaks_the_chain_at_that_record() {
    let mut r = changed_register();
    r.history[1].new = "\"Blame someone else\"".into();
    assert_eq!(verify(&r), [ChainProblem::Broken { index: 1 }]);
}

#[test]
fn removed_and_swapped_records_break_the_chain() {
    let mut removed = changed_register();
    removed.history.remove(1);
    assert_eq!(verify(&removed)[0], ChainProblem::Broken { index: 1 });
    let mut swapped = changed_register();
    swapped.history.swap(0, 1);
    assert_eq!(verify(&swapped)[0], ChainProblem::Broken { index: 0 });
}

#[test]
fn every_record_of_a_change_is_numbered_and_a_cut_last_one_is_named() {
    let r = changed_register();
    let parts: Vec<_> = r.history.iter().map(|h| h.part).collect();
    assert_eq!(
        parts,
        [
            Some(Part { number: 1, of: 2 }),
            Some(Part { number: 2, of: 2 }),
            Some(Part { number: 1, of: 1 })
        ]
    );
    // Cut the last change, then the last record of the two-field one:
    // the chain that is left verifies, yet the cut shows, with where.
    let mut cut = r.clone();
    cut.history.truncate(2);
    assert_eq!(verify(&cut), [ChainProblem::ChangedOutside]);
    assert!(verify(&cut)[0].describe(&cut).contains("(history[1], "));
    cut.history.truncate(1);
    let problems = verify(&cut);
    assert_eq!(
        problems,
        [ChainProblem::CutChange {
            index: 0,
            number: 1,
            of: 2
        }]
    );
    let message = problems[0].describe(&cut);
    assert!(
        message.starts_with("history[0]: record 1 of 2 of one change (2026-11-21T10:00:00Z by qlead, R-001.current), but the history ends there: the last 1 record of that change was removed"),
        "{message}"
    );
}

#[test]
fn records_written_before_parts_were_numbered_keep_their_hash() {
    let mut r = changed_register();
    let mut previous = GENESIS.to_string();
    for entry in &mut r.history {
        entry.part = None;
        entry.hash = record_hash(entry, &previous);
        previous = entry.hash.clone();
    }
    assert_eq!(verify(&r), []);
    let mut renumbered = changed_register();
    renumbered.history[0].part = Some(Part { number: 2, of: 2 });
    assert_eq!(verify(&renumbered), [ChainProblem::Broken { index: 0 }]);
}

#[test]
fn the_state_is_the_one_written_whatever_the_order_in_memory() {
    let mut r = changed_register();
    r.people.reverse();
    assert!(!r.is_normalised());
    assert_eq!(verify(&r), [], "the order the file keeps is the state");
    let mut sorted = r.clone();
    sorted.normalise();
    assert_eq!(state_hash(&r), state_hash(&sorted));
}

#[test]
fn a_cut_tail_before_an_anchor_is_found() {
    let mut r = changed_register();
    meetings::start(
        &mut r,
        crate::domain::MeetingKind::RiskReview,
        "qlead",
        vec![],
        vec![],
        at("2026-11-21T11:00:00Z"),
    )
    .unwrap();
    let before = r.clone();
    meetings::close(&mut r, at("2026-11-21T12:00:00Z")).unwrap();
    let anchor = r.meetings.last().unwrap().anchor.clone().unwrap();
    assert_eq!(
        anchor, r.history[2].hash,
        "the head before the meeting closed"
    );
    let changes = diff(&before, &r);
    record(&mut r, changes, at("2026-11-21T12:00:00Z"), "qlead");
    assert_eq!(verify(&r), []);
    // Cut the log back to before the anchored record: the chain that
    // is left verifies on its own, but the minutes show the cut.
    r.history.truncate(2);
    assert!(
        verify(&r).iter().any(
            |p| matches!(p, ChainProblem::MissingAnchor { meeting, .. } if meeting == "M-002")
        )
    );
}

#[test]
fn minutes_edited_after_the_meeting_are_named() {
    let mut r = changed_register();
    meetings::start(
        &mut r,
        crate::domain::MeetingKind::RiskReview,
        "qlead",
        vec![],
        vec![],
        at("2026-11-21T11:00:00Z"),
    )
    .unwrap();
    let before = r.clone();
    meetings::decide(&mut r, "R-001", "Fund it", at("2026-11-21T11:10:00Z")).unwrap();
    meetings::close(&mut r, at("2026-11-21T12:00:00Z")).unwrap();
    // Record the start and the rest as the interface would.
    let mut recorded = before.clone();
    let start = diff(&changed_register(), &before);
    record(&mut recorded, start, at("2026-11-21T11:00:00Z"), "qlead");
    let rest = diff(&before, &r);
    let mut after = r.clone();
    after.history = recorded.history.clone();
    record(&mut after, rest, at("2026-11-21T12:00:00Z"), "qlead");
    assert!(
        !verify(&after)
            .iter()
            .any(|p| matches!(p, ChainProblem::MinutesAltered { .. }))
    );
    after.meetings.last_mut().unwrap().reviewed[0].decision = "Cancel it".into();
    let problems = verify(&after);
    assert!(
        problems.contains(&ChainProblem::MinutesAltered {
            meeting: "M-002".into(),
            field: "reviewed[R-001]".into()
        }),
        "{problems:?}"
    );
}

#[test]
fn a_change_by_hand_is_reported_but_is_no_broken_chain() {
    let mut r = changed_register();
    r.items[2].title = "Edited in vim".into();
    assert_eq!(verify(&r), [ChainProblem::ChangedOutside]);
    assert!(
        ChainProblem::ChangedOutside
            .describe(&r)
            .starts_with("changed outside roreg since the last recorded change")
    );
}
