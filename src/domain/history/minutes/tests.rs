//! Small meeting records: what they hold and that they replay.

use super::super::{diff, record, verify};
use super::*;
use crate::domain::testing::sample;
use crate::domain::{MeetingKind, Score, Timestamp, meetings};

fn at(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

/// Applies `f` and records what it changed, as the interface does.
fn change(r: &mut Register, when: &str, f: impl FnOnce(&mut Register)) {
    let before = r.clone();
    f(r);
    let changes = diff(&before, r);
    record(r, changes, at(when), "qlead");
}

/// A meeting with every item of the sample on its agenda, each reviewed
/// with a decision, then an agenda move and an action noted, closed.
fn held_meeting() -> Register {
    let mut r = sample();
    let agenda: Vec<String> = r.items.iter().map(|i| i.id.clone()).collect();
    change(&mut r, "2026-11-21T09:00:00Z", |r| {
        meetings::start(
            r,
            MeetingKind::RiskReview,
            "qlead",
            vec![],
            agenda.clone(),
            at("2026-11-21T09:00:00Z"),
        )
        .unwrap();
    });
    for (n, item) in agenda.iter().enumerate() {
        let when = format!("2026-11-21T09:{:02}:00Z", 10 + n);
        change(&mut r, &when, |r| {
            meetings::rescore(r, item, Score::new(2, 2), at(&when)).unwrap()
        });
        change(&mut r, &when, |r| {
            meetings::decide(r, item, &format!("Decided on {item}"), at(&when)).unwrap()
        });
    }
    change(&mut r, "2026-11-21T09:30:00Z", |r| {
        let meeting = r.meetings.last_mut().unwrap();
        let first = meeting.agenda.remove(0);
        meeting.agenda.push(first);
        meetings::note_action(r, "A-001", true).unwrap();
    });
    change(&mut r, "2026-11-21T10:00:00Z", |r| {
        meetings::close(r, at("2026-11-21T10:00:00Z")).unwrap();
    });
    r
}

#[test]
fn no_record_of_a_meeting_repeats_a_whole_list() {
    let r = held_meeting();
    let meeting = r.meetings.last().unwrap();
    assert_eq!(meeting.reviewed.len(), 3);
    let records: Vec<_> = r
        .history
        .iter()
        .filter(|h| h.record == meeting.id)
        .collect();
    let reviews: Vec<_> = records
        .iter()
        .filter(|h| h.field.starts_with("reviewed"))
        .collect();
    assert_eq!(
        reviews.len(),
        6,
        "a review added, then its decision: {reviews:#?}"
    );
    for h in &records {
        assert!(
            ![
                "attendance",
                "reviewed",
                "agenda",
                "actions_raised",
                "actions_closed"
            ]
            .contains(&h.field.as_str()),
            "a whole list recorded: {h:#?}"
        );
    }
    for h in reviews {
        let (_, item) = element_field(&h.field).unwrap();
        for value in [&h.old, &h.new].into_iter().filter(|v| !v.is_empty()) {
            let review: Review =
                ron::from_str(value).unwrap_or_else(|e| panic!("not one review ({e}): {value}"));
            assert_eq!(review.item, item);
        }
    }
    let agenda: Vec<_> = records
        .iter()
        .filter(|h| h.field.starts_with("agenda"))
        .map(|h| (h.field.as_str(), h.old.as_str(), h.new.as_str()))
        .collect();
    assert_eq!(
        agenda,
        [("agenda[R-001]", "1", "3")],
        "one move, one record"
    );
    let closed: Vec<_> = records
        .iter()
        .filter(|h| h.field.starts_with("actions_closed"))
        .map(|h| (h.field.as_str(), h.old.as_str(), h.new.as_str()))
        .collect();
    assert_eq!(closed, [("actions_closed[A-001]", "", "1")]);
    assert_eq!(verify(&r), [], "the element records replay to the minutes");
}

#[test]
fn an_edited_decision_in_closed_minutes_is_named_with_its_item() {
    let mut r = held_meeting();
    let meeting = r.meetings.last_mut().unwrap();
    meeting.reviewed[1].decision = "Rewritten later".into();
    meeting.agenda.swap(0, 1);
    let problems: Vec<_> = verify(&r)
        .into_iter()
        .filter(|p| matches!(p, ChainProblem::MinutesAltered { .. }))
        .collect();
    assert_eq!(
        problems,
        [
            ChainProblem::MinutesAltered {
                meeting: "M-002".into(),
                field: "reviewed[R-002]".into()
            },
            ChainProblem::MinutesAltered {
                meeting: "M-002".into(),
                field: "agenda".into()
            }
        ]
    );
}

/// Every list of ids `old` can turn into (moves, additions, removals)
/// is recorded in the fewest moves and replays to exactly `new`.
#[test]
fn any_reordering_of_an_id_list_replays() {
    let old: Vec<String> = ["a", "b", "c", "d"].map(String::from).to_vec();
    let pool = ["a", "b", "c", "x"];
    let mut cases = 0;
    for picks in 0..4usize.pow(4) {
        let chosen: Vec<usize> = (0..4).map(|i| picks / 4usize.pow(i) % 4).collect();
        if chosen.iter().collect::<HashSet<_>>().len() < 4 {
            continue; // not a permutation
        }
        let new: Vec<String> = chosen.iter().map(|&i| pool[i].to_string()).collect();
        let elements = ordered(&old, &new).unwrap();
        let mut replayed = old.clone();
        for e in &elements {
            let entry = HistoryRecord {
                at: at("2026-11-21T09:00:00Z"),
                by: "qlead".into(),
                record: "M-002".into(),
                field: format!("agenda[{}]", e.key),
                old: e.old.clone(),
                new: e.new.clone(),
                state: String::new(),
                part: None,
                hash: String::new(),
            };
            assert!(
                apply_ordered(&mut replayed, &e.key, &entry),
                "{new:?}: {}",
                e.key
            );
        }
        assert_eq!(replayed, new);
        // d removed, x added, and the fewest moves of a, b, c.
        let kept: Vec<usize> = chosen.iter().copied().filter(|&i| i < 3).collect();
        let in_order = longest_increasing(&kept).into_iter().filter(|k| *k).count();
        assert_eq!(elements.len(), 2 + (3 - in_order), "{new:?}");
        cases += 1;
    }
    assert_eq!(cases, 24);
}

#[test]
fn a_list_with_an_id_twice_is_recorded_whole_and_still_replays() {
    let mut r = sample();
    change(&mut r, "2026-11-21T09:00:00Z", |r| {
        meetings::start(
            r,
            MeetingKind::RiskReview,
            "qlead",
            vec![],
            vec!["R-001".into()],
            at("2026-11-21T09:00:00Z"),
        )
        .unwrap();
    });
    change(&mut r, "2026-11-21T09:10:00Z", |r| {
        r.meetings.last_mut().unwrap().agenda.push("R-001".into())
    });
    let last = r.history.last().unwrap();
    assert_eq!(
        (last.field.as_str(), last.new.as_str()),
        ("agenda", "[\"R-001\",\"R-001\"]")
    );
    change(&mut r, "2026-11-21T09:20:00Z", |r| {
        r.meetings.last_mut().unwrap().agenda = vec!["R-002".into(), "R-001".into()];
    });
    change(&mut r, "2026-11-21T10:00:00Z", |r| {
        meetings::close(r, at("2026-11-21T10:00:00Z")).unwrap();
    });
    assert_eq!(verify(&r), []);
}
