//! A recheck leaves the findings what a whole check of the changed register
//! finds, and a restore what it found before.

use proptest::prelude::*;

use super::*;
use crate::domain::baseline;
use crate::domain::history::{self, diff, record};
use crate::domain::model::{Considered, Guest, ManagementInput, ManagementOutput, Skip};
use crate::domain::testing::{action, customer_focus_sample, item, sample};
use crate::domain::{
    ActionStatus, Attendance, Item, Kind, Meeting, MeetingKind, Review, Score, Timestamp, meetings,
    validate,
};

fn at(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

const NOW: &str = "2026-11-21T12:00:00Z";

/// Applies `f` and records what it changed, as the interface does.
fn recorded(r: &mut Register, f: impl FnOnce(&mut Register)) {
    let before = r.clone();
    f(r);
    r.normalise();
    let changes = diff(&before, r);
    record(r, changes, at(NOW), "qlead");
}

/// Registers to start from: sound ones with and without a history, and
/// some with problems of every kind.
fn starts() -> Vec<Register> {
    let mut plain = sample();
    plain.normalise();
    let mut held = plain.clone();
    recorded(&mut held, |r| r.items[0].title = "Renamed".into());
    recorded(&mut held, |r| {
        let agenda = vec!["R-001".to_string(), "R-002".to_string()];
        meetings::start(r, MeetingKind::RiskReview, "qlead", vec![], agenda, at(NOW)).unwrap();
    });
    recorded(&mut held, |r| {
        meetings::rescore(r, "R-001", Score::new(3, 3), at(NOW)).unwrap();
        meetings::decide(r, "R-001", "Fund it", at(NOW)).unwrap();
    });
    recorded(&mut held, |r| {
        meetings::close(r, at(NOW)).unwrap();
    });
    let mut baselined = plain.clone();
    baseline::baseline(&mut baselined, at(NOW), "qlead");
    let mut broken = held.clone();
    broken.history[1].new = "\"Blame someone else\"".into();
    let mut outside = held.clone();
    outside.items[1].title = "Edited in vim".into();
    let mut cut = held.clone();
    recorded(&mut cut, |r| {
        r.items[0].title = "Twice".into();
        r.items[1].title = "Renamed too".into();
    });
    cut.history.pop();
    let mut bad = held.clone();
    recorded(&mut bad, |r| {
        r.items[0].current = Score::new(7, 0);
        r.items[1].owner = "ghost".into();
        r.meetings[0].agenda.push("R-404".into());
        r.meetings[0].actions_raised.push("A-404".into());
    });
    let mut focused = customer_focus_sample();
    focused.normalise();
    vec![plain, held, baselined, broken, outside, cut, bad, focused]
}

/// A next id of this prefix, never used before.
fn fresh_id(r: &Register, prefix: &str) -> String {
    ids::next(prefix, r.ids_ever_used())
}

fn nth_item(r: &mut Register, n: usize) -> Option<&mut Item> {
    let len = r.items.len().max(1);
    r.items.get_mut(n % len)
}

fn open_meeting(r: &mut Register) -> Option<&mut Meeting> {
    r.meetings.iter_mut().find(|m| m.closed.is_none())
}

/// The open meeting, else the `n`th: the room's and the review's fields
/// are checked in closed minutes too.
fn some_meeting(r: &mut Register, n: usize) -> Option<&mut Meeting> {
    let len = r.meetings.len().max(1);
    match r.meetings.iter().position(|m| m.closed.is_none()) {
        Some(open) => r.meetings.get_mut(open),
        None => r.meetings.get_mut(n % len),
    }
}

/// A time `n` picks around the meeting: before its start, inside it, or
/// well after it (after the close of a closed one).
fn around(m: &Meeting, n: usize) -> Timestamp {
    let minutes = match n % 4 {
        0 => -1,
        1 => 5,
        2 => 600,
        _ => n as i64,
    };
    Timestamp(m.started.0 + chrono::Duration::minutes(minutes))
}

fn new_meeting(id: String) -> Meeting {
    let mut m = sample().meetings[0].clone();
    m.id = id;
    m.closed = None;
    m.reviewed.clear();
    m
}

/// Changes of every kind; `n` picks what they act on.
/// A change's name, and the change, given a number to pick by.
type Named = (&'static str, fn(&mut Register, usize));

const CHANGES: &[Named] = &[
    ("rescore", |r, n| {
        let i = n % r.items.len().max(1);
        if let Some(item) = r.items.get_mut(i) {
            item.current = Score::new(1 + (n % 5) as u8, 1 + (n % 3) as u8);
        }
    }),
    ("score off the scale", |r, n| {
        if let Some(item) = nth_item(r, n) {
            item.current = Score::new(9, 0);
        }
    }),
    ("unknown owner", |r, n| {
        if let Some(item) = nth_item(r, n) {
            item.owner = "ghost".into();
        }
    }),
    ("known owner", |r, _| {
        for item in r.items.iter_mut().filter(|i| i.owner == "ghost") {
            item.owner = "pjones".into();
        }
    }),
    ("item added", |r, n| {
        let id = fresh_id(r, "R");
        let mut new = item(&id, Kind::Risk, "New");
        if n % 2 == 0 {
            new.actions
                .push(action(&fresh_id(r, "A"), "qlead", "2027-01-01"));
        }
        r.items.push(new);
    }),
    ("item removed", |r, n| {
        if !r.items.is_empty() {
            r.items.remove(n % r.items.len());
        }
    }),
    ("action added", |r, n| {
        let id = fresh_id(r, "A");
        if let Some(item) = nth_item(r, n) {
            item.actions.push(action(&id, "pjones", "2027-02-01"));
        }
    }),
    ("action removed", |r, _| {
        if let Some(item) = r.items.iter_mut().find(|i| !i.actions.is_empty()) {
            item.actions.pop();
        }
    }),
    ("action done without a date", |r, _| {
        if let Some(a) = r.items.iter_mut().flat_map(|i| &mut i.actions).next() {
            a.status = ActionStatus::Done;
        }
    }),
    // Ids used twice that the history can record: a list keeps an id once.
    ("action id used in another item", |r, n| {
        let Some(id) = r
            .items
            .iter()
            .flat_map(|i| &i.actions)
            .next()
            .map(|a| a.id.clone())
        else {
            return;
        };
        let others: Vec<usize> = (0..r.items.len())
            .filter(|&i| r.items[i].actions.iter().all(|a| a.id != id))
            .collect();
        if let Some(&i) = others.get(n % others.len().max(1)) {
            r.items[i].actions.push(action(&id, "pjones", "2027-02-01"));
        }
    }),
    ("item with an action's id", |r, _| {
        if let Some(id) = r
            .items
            .iter()
            .flat_map(|i| &i.actions)
            .next()
            .map(|a| a.id.clone())
            && r.item(&id).is_none()
        {
            // Once, like the meeting below.
            r.items.push(item(&id, Kind::Risk, "Odd"));
        }
    }),
    ("kind changed", |r, n| {
        if let Some(item) = nth_item(r, n) {
            item.kind = match item.kind {
                Kind::Risk => Kind::Opportunity,
                Kind::Opportunity => Kind::Risk,
            };
        }
    }),
    ("person's name emptied", |r, n| {
        let i = n % r.people.len();
        r.people[i].name = " ".into();
    }),
    ("scales changed", |r, n| {
        if n % 2 == 0 {
            r.scales.impact.pop();
        } else {
            r.scales.benefit.truncate(3);
        }
    }),
    ("organisation", |r, _| r.organisation = "Acme Ltd".into()),
    ("meeting started", |r, _| {
        let _ = meetings::start(
            r,
            MeetingKind::ManagementReview,
            "qlead",
            vec![],
            r.items.iter().take(2).map(|i| i.id.clone()).collect(),
            at(NOW),
        );
    }),
    ("a second open meeting", |r, _| {
        let id = fresh_id(r, "M");
        r.meetings.push(new_meeting(id));
    }),
    ("meeting with an item's id", |r, n| {
        // Once: two meetings with one id are no change the history can record.
        if let Some(id) = nth_item(r, n).map(|i| i.id.clone())
            && r.meeting(&id).is_none()
        {
            r.meetings.push(new_meeting(id));
        }
    }),
    ("meeting closed", |r, _| {
        let _ = meetings::close(r, at(NOW));
    }),
    ("attendance twice", |r, _| {
        if let Some(m) = open_meeting(r) {
            for _ in 0..2 {
                m.attendance.push(Attendance {
                    person: "jsmith".into(),
                    present: true,
                    apologies: false,
                    arrived: None,
                    left: None,
                });
            }
        }
    }),
    ("item reviewed", |r, n| {
        let Some(id) = r.items.get(n % r.items.len().max(1)).map(|i| i.id.clone()) else {
            return;
        };
        if let Some(m) = open_meeting(r) {
            m.reviewed.push(Review {
                item: id,
                before: Score::new(2, 2),
                after: Score::new(4, 5),
                decision: "Watch".into(),
                at: at(NOW),
                next_review: None,
                output: None,
            });
        }
    }),
    ("action raised in a meeting", |r, n| {
        let actions: Vec<String> = r
            .items
            .iter()
            .flat_map(|i| &i.actions)
            .map(|a| a.id.clone())
            .collect();
        let Some(id) = actions.get(n % actions.len().max(1)).cloned() else {
            return;
        };
        if let Some(m) = open_meeting(r) {
            m.actions_raised.push(id);
        }
    }),
    ("item skipped", |r, n| {
        let Some(item) = r.items.get(n % r.items.len().max(1)).map(|i| i.id.clone()) else {
            return;
        };
        if let Some(m) = some_meeting(r, n) {
            let at = around(m, n);
            m.skipped.push(Skip {
                item,
                reason: "Out of time".into(),
                at,
            });
        }
    }),
    ("guest added", |r, n| {
        // A guest, one named like a person of the register, a blank one.
        let name = ["Ola Berg", "Jane Smith", " ", "Kim Lee"][n % 4];
        if let Some(m) = some_meeting(r, n) {
            m.guests.push(Guest {
                name: name.into(),
                role: "Auditor".into(),
                organisation: String::new(),
            });
        }
    }),
    ("input considered", |r, n| {
        if let Some(m) = some_meeting(r, n) {
            let input = ManagementInput::ALL[n % ManagementInput::ALL.len()];
            let at = around(m, n);
            let note = if n % 3 == 0 { "" } else { "Seen" };
            m.considered.retain(|c| c.input != input || n % 5 == 0);
            m.considered.push(Considered {
                input,
                note: note.into(),
                evidence: String::new(),
                at,
            });
        }
    }),
    ("late arrival", |r, n| {
        if let Some(m) = some_meeting(r, n) {
            let (arrived, left) = (around(m, n), around(m, n / 4));
            if m.attendance.is_empty() {
                m.attendance.push(Attendance {
                    person: "pjones".into(),
                    present: true,
                    apologies: false,
                    arrived: None,
                    left: None,
                });
            }
            let len = m.attendance.len();
            let entry = &mut m.attendance[n % len];
            entry.present = n % 5 != 0;
            entry.arrived = Some(arrived);
            entry.left = (n % 3 == 0).then_some(left);
        }
    }),
    ("decision classified", |r, n| {
        let output = ManagementOutput::ALL[n % ManagementOutput::ALL.len()];
        if let Some(review) = some_meeting(r, n).and_then(|m| m.reviewed.first_mut()) {
            review.output = Some(output);
        }
    }),
    ("closed minutes edited", |r, _| {
        if let Some(m) = r.meetings.iter_mut().find(|m| m.closed.is_some()) {
            m.notes = "Rewritten".into();
        }
    }),
    ("requirement linked", |r, n| {
        let ids = ["REQ-001", "REQ-003", "REQ-404"];
        if let Some(item) = nth_item(r, n) {
            item.requirements.push(ids[n % ids.len()].into());
        }
    }),
    ("measure linked", |r, n| {
        let ids = ["KPI-001", "KPI-002", "KPI-404"];
        if let Some(item) = nth_item(r, n) {
            item.measures = vec![ids[n % ids.len()].into()];
        }
    }),
    ("requirement made statutory or removed", |r, n| {
        if r.requirements.is_empty() {
            return;
        }
        let at = n % r.requirements.len();
        if n % 2 == 0 {
            r.requirements[at].kind = crate::domain::RequirementKind::Statutory;
        } else {
            r.requirements.remove(at);
        }
    }),
    ("reading entered", |r, n| {
        if let Some(m) = r.measures.first_mut() {
            let date = if n % 2 == 0 {
                "2026-11-30"
            } else {
                "2026-10-31"
            };
            m.readings
                .push(crate::domain::testing::reading(date, n as f64));
        }
    }),
    ("customer removed", |r, n| {
        if !r.customers.is_empty() {
            r.customers.remove(n % r.customers.len());
        }
    }),
    ("meeting removed", |r, n| {
        if !r.meetings.is_empty() {
            r.meetings.remove(n % r.meetings.len());
        }
    }),
];

/// What `changes` touched, named as the records the history names them.
fn touched(before: &Register, after: &Register, changes: &[history::Change]) -> Scope {
    let mut scope = Scope::default();
    for change in changes {
        let record = change.record.split('/').next().unwrap_or_default();
        if record.starts_with("people.") {
            scope.people = true;
        } else if record == "register" {
            scope.scales |= change.field == "scales";
            scope.organisation |= change.field == "organisation";
        } else if after.customer(record).is_some()
            || before.customer(record).is_some()
            || after.requirement(record).is_some()
            || before.requirement(record).is_some()
            || after.measure(record).is_some()
            || before.measure(record).is_some()
        {
            scope.customer_focus.push(record.to_string());
        } else {
            // A meeting may share an item's id (an error): touch both.
            if before.meeting(record).is_some() || after.meeting(record).is_some() {
                scope.meetings.push(record.to_string());
            }
            if before.item(record).is_some() || after.item(record).is_some() {
                scope.items.push(record.to_string());
            }
        }
    }
    scope
}

#[derive(Default)]
struct Scope {
    items: Vec<String>,
    meetings: Vec<String>,
    customer_focus: Vec<String>,
    people: bool,
    scales: bool,
    organisation: bool,
}

/// Makes one change as the interface would and rechecks it; the findings
/// must be what a whole check finds, in its order, and the errors it calls
/// new those a whole check finds added. Refused, it is restored.
fn step(findings: &mut Findings, current: &mut Register, change: usize, n: usize, refuse: bool) {
    let (name, apply) = CHANGES[change];
    let mut next = current.clone();
    if n % 7 == 3 {
        // History appended ahead of the change, as a baseline is.
        baseline::baseline(&mut next, at(NOW), "qlead");
    }
    let history_from = current.history.len();
    apply(&mut next, n);
    next.normalise();
    let changes = diff(current, &next);
    let scope = touched(current, &next, &changes);
    record(
        &mut next,
        changes,
        at(NOW),
        if n % 5 == 4 { "nobody" } else { "qlead" },
    );
    let rechecked = findings.recheck(
        &next,
        &Touched {
            items: &scope.items,
            meetings: &scope.meetings,
            customer_focus: &scope.customer_focus,
            people: scope.people,
            scales: scope.scales,
            organisation: scope.organisation,
            history_from,
        },
    );
    let whole = validate(&next);
    assert_eq!(findings.problems(), whole, "after {name} ({n})");
    assert_eq!(Findings::of(&next).problems(), whole, "of, after {name}");
    assert_eq!(findings.len(), whole.len());
    let errors = whole
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    assert_eq!(findings.error_count(), errors);
    let mut new_errors = rechecked.new_errors.clone();
    let mut expected = added_errors(&validate(current), &whole);
    new_errors.sort_by_key(|p| p.to_string());
    expected.sort_by_key(|p| p.to_string());
    assert_eq!(new_errors, expected, "new errors of {name}");
    if refuse {
        findings.restore(rechecked);
        assert_eq!(
            findings.problems(),
            validate(current),
            "restored after {name}"
        );
    } else {
        *current = next;
    }
}

#[test]
fn every_kind_of_change_rechecks_to_what_a_whole_check_finds() {
    for (s, start) in starts().into_iter().enumerate() {
        for change in 0..CHANGES.len() {
            for n in 0..3 {
                let mut current = start.clone();
                let mut findings = Findings::of(&current);
                assert_eq!(findings.problems(), validate(&current), "start {s}");
                step(&mut findings, &mut current, change, n, false);
                // And one more on top, to use the indexes the first left.
                step(
                    &mut findings,
                    &mut current,
                    (change + n + 1) % CHANGES.len(),
                    n + 1,
                    false,
                );
            }
        }
    }
}

#[test]
fn a_refused_change_is_restored_exactly() {
    let mut current = starts().remove(1);
    let mut findings = Findings::of(&current);
    let score = CHANGES
        .iter()
        .position(|(n, _)| *n == "score off the scale")
        .unwrap();
    let mut next = current.clone();
    step(&mut findings, &mut next, score, 1, true);
    assert_eq!(findings.problems(), validate(&current));
    // What it restored still rechecks right.
    step(&mut findings, &mut current, score, 1, false);
    assert_eq!(findings.error_count(), 2);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any run of changes, some refused, keeps the findings what a whole
    /// check finds.
    #[test]
    fn any_run_of_changes_rechecks_to_a_whole_check(
        start in 0..8usize,
        steps in prop::collection::vec((0..CHANGES.len(), 0..20usize, prop::bool::weighted(0.3)), 1..10),
    ) {
        let mut current = starts().swap_remove(start);
        let mut findings = Findings::of(&current);
        for (change, n, refuse) in steps {
            step(&mut findings, &mut current, change, n, refuse);
        }
    }
}

#[test]
fn items_and_meetings_sharing_an_id_are_rechecked_together() {
    // No history can record these (a list keeps an id once): checked as
    // they stand.
    let mut current = sample();
    current.normalise();
    let mut findings = Findings::of(&current);
    let mut next = current.clone();
    let copy = next.items[1].clone();
    next.items.insert(1, copy);
    next.items[2].actions.clear();
    next.meetings.push(new_meeting("M-001".into()));
    let id = [next.items[1].id.clone()];
    let rechecked = findings.recheck(
        &next,
        &Touched {
            items: &id,
            meetings: &["M-001".to_string()],
            customer_focus: &[],
            people: false,
            scales: false,
            organisation: false,
            history_from: 0,
        },
    );
    assert_eq!(findings.problems(), validate(&next));
    assert_eq!(Findings::of(&next).problems(), validate(&next));
    let errors: Vec<String> = rechecked.new_errors.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        errors,
        [
            "R-001.id: id \"R-001\" is used twice (item R-001 and item R-001); every item, action and meeting id must be unique",
            "M-001.id: id \"M-001\" is used twice (meeting M-001 and meeting M-001); every item, action and meeting id must be unique",
        ]
    );
    findings.restore(rechecked);
    assert_eq!(findings.problems(), validate(&current));
}

mod references;
