//! What the history does not yet protect, and the baseline record that
//! protects it from then on.
//!
//! A register from before the history, a generated or imported one, or one
//! whose history was deleted by hand holds records no history record names:
//! nothing would show them edited. A *baseline* is one history record,
//! `register.baseline`, whose `state` is the register's state hash: chained
//! like every record, it vouches for everything as it stood. Its `new` value
//! holds the counts and, for each closed meeting whose minutes no `added`
//! record gives, a SHA-256 of those minutes: the starting point the check of
//! closed minutes replays from (see [`altered_minutes`]).
//!
//! Pure computation: no files, no clock.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::dates::Timestamp;
use super::history::{self, ChainProblem, Change};
use super::model::{HistoryRecord, Meeting, Register};

/// The record a baseline is written to, and its field.
pub const RECORD: &str = "register";
pub const FIELD: &str = "baseline";

/// What a baseline record's `new` holds, as compact RON.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Summary {
    closed_meetings: usize,
    items: usize,
    actions: usize,
    people: usize,
    /// `(meeting id, SHA-256 of its RON)` for the closed meetings whose
    /// minutes the baseline vouches for.
    minutes: Vec<(String, String)>,
}

/// Records that no history record covers, by kind, in the register's order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Unprotected {
    /// Closed meetings whose minutes no record gives (no `added` record and
    /// no baseline): an edit of them would show nowhere.
    pub meetings: Vec<String>,
    /// Closed meetings whose minutes are recorded but that hold no anchor:
    /// they vouch for no history before them.
    pub unanchored: Vec<String>,
    pub items: Vec<String>,
    /// As `R-001/A-003`.
    pub actions: Vec<String>,
    /// People ids.
    pub people: Vec<String>,
}

/// The most ids a message lists of one kind before "and N more".
const LISTED: usize = 5;

fn listed(ids: &[String]) -> String {
    let shown = ids[..ids.len().min(LISTED)].join(", ");
    match ids.len().saturating_sub(LISTED) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}

fn counted(ids: &[String], one: &str, many: &str) -> Option<String> {
    match ids.len() {
        0 => None,
        1 => Some(format!("1 {one} ({})", listed(ids))),
        n => Some(format!("{n} {many} ({})", listed(ids))),
    }
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

impl Unprotected {
    pub fn is_empty(&self) -> bool {
        self.meetings.is_empty()
            && self.unanchored.is_empty()
            && self.items.is_empty()
            && self.actions.is_empty()
            && self.people.is_empty()
    }

    /// `6 closed meetings (M-001, …), 28 items (R-001, …) and …`, ids cut
    /// after five of each kind; `None` when everything is protected.
    fn uncovered(&self) -> Option<String> {
        let parts: Vec<String> = [
            counted(&self.meetings, "closed meeting", "closed meetings"),
            counted(&self.items, "item", "items"),
            counted(&self.actions, "action", "actions"),
            counted(&self.people, "person", "people"),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!parts.is_empty()).then(|| and_list(&parts))
    }

    /// One sentence after "not protected: ", e.g. `6 closed meetings
    /// (M-001, …) and 28 items (R-001, …) have no history record covering
    /// them`; empty when everything is protected.
    pub fn describe(&self) -> String {
        let mut clauses = Vec::new();
        if let Some(uncovered) = self.uncovered() {
            let count =
                self.meetings.len() + self.items.len() + self.actions.len() + self.people.len();
            clauses.push(format!(
                "{uncovered} {} no history record covering {}",
                if count == 1 { "has" } else { "have" },
                if count == 1 { "it" } else { "them" },
            ));
        }
        match self.unanchored.len() {
            0 => {}
            1 => clauses.push(format!(
                "closed meeting {} has no anchor, so its minutes vouch for no history before them",
                listed(&self.unanchored)
            )),
            n => clauses.push(format!(
                "{n} closed meetings ({}) have no anchor, so their minutes vouch for no history before them",
                listed(&self.unanchored)
            )),
        }
        clauses.join("; ")
    }

    /// `83 records`: how many, of every kind, for a short figure.
    pub fn total(&self) -> String {
        let n = self.meetings.len()
            + self.unanchored.len()
            + self.items.len()
            + self.actions.len()
            + self.people.len();
        crate::text::plural(n, "record", "records")
    }

    /// The counts alone, for a figure: `6 closed meetings, 28 items`.
    pub fn counts(&self) -> String {
        let plural = |n: usize, one: &str, many: &str| match n {
            0 => None,
            1 => Some(format!("1 {one}")),
            n => Some(format!("{n} {many}")),
        };
        let parts: Vec<String> = [
            plural(self.meetings.len(), "closed meeting", "closed meetings"),
            plural(self.items.len(), "item", "items"),
            plural(self.actions.len(), "action", "actions"),
            plural(self.people.len(), "person", "people"),
            plural(
                self.unanchored.len(),
                "closed meeting without an anchor",
                "closed meetings without an anchor",
            ),
        ]
        .into_iter()
        .flatten()
        .collect();
        and_list(&parts)
    }
}

/// What the history covers, gathered in one pass over it.
struct Coverage<'a> {
    /// Every `record` a history record names.
    named: HashSet<&'a str>,
    /// Records with an `added` record: their whole first value is recorded
    /// (an item's includes its actions, a meeting's its minutes).
    added: HashSet<&'a str>,
    /// Minutes hashes from baselines, the first one for each meeting.
    minutes: HashMap<String, String>,
    baseline: bool,
}

fn coverage(register: &Register) -> Coverage<'_> {
    let mut covered = Coverage {
        named: HashSet::new(),
        added: HashSet::new(),
        minutes: HashMap::new(),
        baseline: false,
    };
    for entry in &register.history {
        if entry.record == RECORD && entry.field == FIELD {
            covered.baseline = true;
            // A baseline that does not parse vouches for no minutes; its
            // hash still covers the rest, and the chain shows any edit.
            if let Ok(summary) = ron::from_str::<Summary>(&entry.new) {
                for (meeting, hash) in summary.minutes {
                    covered.minutes.entry(meeting).or_insert(hash);
                }
            }
            continue;
        }
        covered.named.insert(&entry.record);
        if entry.field == "added" {
            covered.added.insert(&entry.record);
        }
    }
    covered
}

/// The minutes a baseline record vouches for, `(meeting id, hash)`; none
/// for another record or a baseline that does not parse (as [`coverage`]).
pub(crate) fn vouched_minutes(entry: &HistoryRecord) -> Vec<(String, String)> {
    if entry.record != RECORD || entry.field != FIELD {
        return Vec::new();
    }
    ron::from_str::<Summary>(&entry.new).map_or_else(|_| Vec::new(), |s| s.minutes)
}

/// A closed meeting's minutes as the baseline vouches for them.
pub(crate) fn minutes_hash(meeting: &Meeting) -> String {
    let text = ron::to_string(meeting).unwrap_or_default();
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Closed meetings, items, actions and people no history record covers.
/// A record is covered when a history record names it (an action also by
/// its item's `added` record) or when the history holds a baseline: a
/// baseline covers everything that existed when it was written, and
/// anything added since has its own `added` record (anything added by hand
/// since shows as changed outside roreg). A closed meeting is covered only
/// when its minutes can be checked, from its `added` record or a baseline,
/// and, without a baseline, when it holds an anchor. Linear in the
/// register and its history.
pub fn unprotected(register: &Register) -> Unprotected {
    let covered = coverage(register);
    let baseline = covered.baseline;
    let mut found = Unprotected::default();
    for meeting in register.meetings.iter().filter(|m| m.closed.is_some()) {
        if covered.minutes.contains_key(&meeting.id) {
            continue;
        }
        if !covered.added.contains(meeting.id.as_str()) {
            found.meetings.push(meeting.id.clone());
        } else if meeting.anchor.is_none() {
            found.unanchored.push(meeting.id.clone());
        }
    }
    if baseline {
        return found;
    }
    for item in &register.items {
        if !covered.named.contains(item.id.as_str()) {
            found.items.push(item.id.clone());
        }
        let item_added = covered.added.contains(item.id.as_str());
        for action in &item.actions {
            let id = format!("{}/{}", item.id, action.id);
            if !item_added && !covered.named.contains(id.as_str()) {
                found.actions.push(id);
            }
        }
    }
    for person in &register.people {
        let id = format!("people.{}", person.id);
        if !covered.named.contains(id.as_str()) {
            found.people.push(person.id.clone());
        }
    }
    found
}

/// Appends a baseline record when something is not protected, so that
/// from then on it is. Returns whether it wrote one.
///
/// Writes nothing while the file differs from what its last recorded
/// change left: a baseline then would adopt a change made outside roreg
/// without saying so. Record that change first.
pub fn baseline(register: &mut Register, at: Timestamp, by: &str) -> bool {
    let state = history::state_hash(register);
    baseline_at(register, at, by, &state)
}

/// [`baseline`], given the register's state (`history::state_hash`) by a
/// caller who keeps it, so the whole register is not hashed again.
pub fn baseline_at(register: &mut Register, at: Timestamp, by: &str, state: &str) -> bool {
    let missing = unprotected(register);
    if missing.is_empty() {
        return false;
    }
    if let Some(last) = register.history.last()
        && last.state != state
        && !history::state_is(register, &last.state)
    {
        return false;
    }
    // Minutes an `added` record gives are checked from it; their hash here
    // only marks them vouched for despite the missing anchor.
    let vouched: HashSet<&str> = missing
        .meetings
        .iter()
        .chain(&missing.unanchored)
        .map(String::as_str)
        .collect();
    let minutes = register
        .meetings
        .iter()
        .filter(|m| vouched.contains(m.id.as_str()))
        .map(|m| (m.id.clone(), minutes_hash(m)))
        .collect();
    let summary = Summary {
        closed_meetings: register
            .meetings
            .iter()
            .filter(|m| m.closed.is_some())
            .count(),
        items: register.items.len(),
        actions: register.items.iter().map(|i| i.actions.len()).sum(),
        people: register.people.len(),
        minutes,
    };
    let change = Change {
        record: RECORD.into(),
        field: FIELD.into(),
        old: String::new(),
        new: ron::to_string(&summary).unwrap_or_default(),
    };
    history::record_at_state(register, vec![change], at, by, state.to_string());
    true
}

/// Meetings whose minutes a baseline vouches for (and no `added` record
/// gives) that differ from them now: edited outside roreg since.
pub fn altered_minutes(register: &Register) -> Vec<ChainProblem> {
    let covered = coverage(register);
    if covered.minutes.is_empty() {
        return Vec::new();
    }
    register
        .meetings
        .iter()
        .filter(|m| !covered.added.contains(m.id.as_str()))
        .filter(|m| {
            covered
                .minutes
                .get(&m.id)
                .is_some_and(|hash| *hash != minutes_hash(m))
        })
        .map(|m| ChainProblem::MinutesAltered {
            meeting: m.id.clone(),
            field: "minutes".into(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::history::{diff, record, verify};
    use crate::domain::testing::sample;
    use crate::domain::{MeetingKind, Register, meetings};

    fn at(s: &str) -> Timestamp {
        Timestamp::parse(s).unwrap()
    }

    fn changed(r: &mut Register, when: &str, f: impl FnOnce(&mut Register)) {
        let before = r.clone();
        f(r);
        let changes = diff(&before, r);
        record(r, changes, at(when), "qlead");
    }

    #[test]
    fn a_register_without_history_is_not_protected() {
        let r = sample();
        let found = unprotected(&r);
        assert_eq!(found.meetings, ["M-001"]);
        assert_eq!(found.items, ["R-001", "R-002", "O-001"]);
        assert_eq!(found.actions, ["R-001/A-001"]);
        assert_eq!(found.people, ["jsmith", "pjones", "qlead"]);
        assert_eq!(
            found.describe(),
            "1 closed meeting (M-001), 3 items (R-001, R-002, O-001), 1 action (R-001/A-001) \
             and 3 people (jsmith, pjones, qlead) have no history record covering them"
        );
        assert_eq!(
            found.counts(),
            "1 closed meeting, 3 items, 1 action and 3 people"
        );
    }

    #[test]
    fn long_lists_are_cut_after_five() {
        let found = Unprotected {
            items: (1..=28).map(|n| format!("R-{n:03}")).collect(),
            ..Unprotected::default()
        };
        assert_eq!(
            found.describe(),
            "28 items (R-001, R-002, R-003, R-004, R-005 and 23 more) have no history record covering them"
        );
    }

    #[test]
    fn after_a_baseline_the_register_verifies_and_is_protected() {
        let mut r = sample();
        assert!(baseline(&mut r, at("2026-11-21T09:00:00Z"), "qlead"));
        assert_eq!(r.history.len(), 1);
        let entry = &r.history[0];
        assert_eq!(
            (entry.record.as_str(), entry.field.as_str()),
            ("register", "baseline")
        );
        assert_eq!(entry.old, "");
        assert!(
            entry.new.starts_with(
                "(closed_meetings:1,items:3,actions:1,people:3,minutes:[(\"M-001\",\""
            ),
            "{}",
            entry.new
        );
        assert_eq!(entry.state, history::state_hash(&r));
        assert_eq!(verify(&r), []);
        assert_eq!(unprotected(&r), Unprotected::default());
        assert!(
            !baseline(&mut r, at("2026-11-21T09:01:00Z"), "qlead"),
            "nothing left to protect"
        );
        // What comes later is covered by its own record.
        changed(&mut r, "2026-11-21T10:00:00Z", |r| {
            r.items[0].title = "Renamed".into()
        });
        assert_eq!(verify(&r), []);
        assert!(unprotected(&r).is_empty());
    }

    #[test]
    fn minutes_edited_by_hand_after_a_baseline_are_named_for_ever() {
        let mut r = sample();
        baseline(&mut r, at("2026-11-21T09:00:00Z"), "qlead");
        r.meetings[0].reviewed[0].decision = "Cancel it".into();
        let altered = ChainProblem::MinutesAltered {
            meeting: "M-001".into(),
            field: "minutes".into(),
        };
        assert!(verify(&r).contains(&altered), "{:?}", verify(&r));
        // Whatever is saved later, even the edit recorded as a change.
        let mut laundered = r.clone();
        let mut untouched = sample();
        untouched.history = laundered.history.clone();
        let changes = diff(&untouched, &laundered);
        record(&mut laundered, changes, at("2026-11-21T10:00:00Z"), "qlead");
        assert!(
            verify(&laundered).contains(&altered),
            "{:?}",
            verify(&laundered)
        );
        // A baseline written after the edit cannot adopt it.
        assert!(!baseline(
            &mut laundered,
            at("2026-11-21T11:00:00Z"),
            "qlead"
        ));
    }

    #[test]
    fn no_baseline_over_a_change_made_outside_roreg() {
        let mut r = sample();
        changed(&mut r, "2026-11-21T09:00:00Z", |r| {
            r.items[0].title = "Renamed".into()
        });
        r.items[1].title = "Edited in vim".into();
        let before = r.history.len();
        assert!(!baseline(&mut r, at("2026-11-21T10:00:00Z"), "qlead"));
        assert_eq!(r.history.len(), before);
    }

    #[test]
    fn a_history_from_the_start_protects_everything_but_an_unanchored_meeting() {
        let mut r = Register::new("Acme");
        let full = sample();
        changed(&mut r, "2026-11-01T09:00:00Z", |r| {
            r.people = full.people.clone();
            r.items = full.items.clone();
        });
        changed(&mut r, "2026-11-02T09:00:00Z", |r| {
            meetings::start(
                r,
                MeetingKind::RiskReview,
                "qlead",
                vec![],
                vec![],
                at("2026-11-02T09:00:00Z"),
            )
            .unwrap();
        });
        changed(&mut r, "2026-11-02T10:00:00Z", |r| {
            meetings::close(r, at("2026-11-02T10:00:00Z")).unwrap();
        });
        assert_eq!(verify(&r), []);
        assert!(unprotected(&r).is_empty(), "{:?}", unprotected(&r));
        // The same meeting with its anchor taken out (and that recorded).
        changed(&mut r, "2026-11-03T09:00:00Z", |r| {
            r.meetings[0].anchor = None;
        });
        let found = unprotected(&r);
        assert_eq!(found.unanchored, ["M-001"]);
        assert_eq!(
            found.describe(),
            "closed meeting M-001 has no anchor, so its minutes vouch for no history before them"
        );
        // A baseline vouches for it from then on.
        assert!(baseline(&mut r, at("2026-11-04T09:00:00Z"), "qlead"));
        assert!(unprotected(&r).is_empty());
        assert_eq!(verify(&r), []);
    }
}
