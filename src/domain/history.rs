//! The change log: which field of which record changed, from what to what,
//! by whom and when, in a SHA-256 hash chain that shows any record edited,
//! removed or reordered afterwards. Pure computation: no files, no clock.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::dates::{Date, Timestamp};
use super::edit::Record;
use super::model::{
    Customer, HistoryRecord, Item, Measure, Meeting, Part, Person, Reading, Register, Requirement,
};

pub mod about;
pub mod join;
mod minutes;
mod state;

pub use state::{StateRecord, StateTree, state_hash, state_is};

/// The hash before the first record.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One field that differs between two versions of the register.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub record: String,
    pub field: String,
    pub old: String,
    pub new: String,
}

fn ron<T: Serialize + ?Sized>(value: &T) -> String {
    // Serialising our own model cannot fail: no maps with odd keys, and
    // the only floats (readings) are finite.
    ron::to_string(value).unwrap_or_default()
}

struct Differ {
    changes: Vec<Change>,
}

impl Differ {
    fn field<T: Serialize + PartialEq + ?Sized>(
        &mut self,
        record: &str,
        field: &str,
        old: &T,
        new: &T,
    ) {
        if old != new {
            self.changes.push(Change {
                record: record.into(),
                field: field.into(),
                old: ron(old),
                new: ron(new),
            });
        }
    }

    fn added<T: Serialize>(&mut self, record: &str, new: &T) {
        self.changes.push(Change {
            record: record.into(),
            field: "added".into(),
            old: String::new(),
            new: ron(new),
        });
    }

    fn removed<T: Serialize>(&mut self, record: &str, old: &T) {
        self.changes.push(Change {
            record: record.into(),
            field: "removed".into(),
            old: ron(old),
            new: String::new(),
        });
    }

    /// Pairs up two lists by id: changed and removed entries in the old
    /// order, then added ones in the new order.
    fn lists<T: Serialize + PartialEq>(
        &mut self,
        old: &[T],
        new: &[T],
        id: impl Fn(&T) -> &str,
        name: impl Fn(&str) -> String,
        mut changed: impl FnMut(&mut Self, &str, &T, &T),
    ) {
        let new_by_id: HashMap<&str, &T> = new.iter().map(|n| (id(n), n)).collect();
        let old_ids: HashSet<&str> = old.iter().map(&id).collect();
        for before in old {
            match new_by_id.get(id(before)) {
                Some(after) if *after != before => changed(self, &name(id(before)), before, after),
                Some(_) => {}
                None => self.removed(&name(id(before)), before),
            }
        }
        for after in new.iter().filter(|n| !old_ids.contains(id(n))) {
            self.added(&name(id(after)), after);
        }
    }
}

/// Every field that differs between `old` and `new`, the history aside.
pub fn diff(old: &Register, new: &Register) -> Vec<Change> {
    let mut d = Differ {
        changes: Vec::new(),
    };
    d.field("register", "format", &old.format, &new.format);
    d.field(
        "register",
        "organisation",
        &old.organisation,
        &new.organisation,
    );
    d.field("register", "scales", &old.scales, &new.scales);
    d.lists(
        &old.people,
        &new.people,
        |p| &p.id,
        |id| format!("people.{id}"),
        person_changes,
    );
    d.lists(
        &old.items,
        &new.items,
        |i| &i.id,
        str::to_string,
        item_changes,
    );
    d.lists(
        &old.meetings,
        &new.meetings,
        |m| &m.id,
        str::to_string,
        minutes::changes,
    );
    d.lists(
        &old.customers,
        &new.customers,
        |c| &c.id,
        str::to_string,
        customer_changes,
    );
    d.lists(
        &old.requirements,
        &new.requirements,
        |r| &r.id,
        str::to_string,
        requirement_changes,
    );
    d.lists(
        &old.measures,
        &new.measures,
        |m| &m.id,
        str::to_string,
        measure_changes,
    );
    d.changes
}

/// The fields that differ between two versions of one record, named as
/// [`diff`] names them: what a change touching only it recorded.
pub fn record_changes(before: &Record, after: &Record) -> Vec<Change> {
    let mut d = Differ {
        changes: Vec::new(),
    };
    fn pair<T: Serialize + PartialEq>(
        d: &mut Differ,
        at: &str,
        before: &Option<T>,
        after: &Option<T>,
        changed: impl FnOnce(&mut Differ, &str, &T, &T),
    ) {
        match (before, after) {
            (Some(a), Some(b)) if a != b => changed(d, at, a, b),
            (Some(a), None) => d.removed(at, a),
            (None, Some(b)) => d.added(at, b),
            _ => {}
        }
    }
    match (before, after) {
        (Record::Organisation(a), Record::Organisation(b)) => {
            d.field("register", "organisation", a, b)
        }
        (Record::Scales(a), Record::Scales(b)) => d.field("register", "scales", a, b),
        (Record::Person(id, a), Record::Person(_, b)) => {
            pair(&mut d, &format!("people.{id}"), a, b, person_changes)
        }
        (Record::Item(id, a), Record::Item(_, b)) => pair(&mut d, id, a, b, item_changes),
        (Record::Meeting(id, a), Record::Meeting(_, b)) => pair(&mut d, id, a, b, minutes::changes),
        (Record::Customer(id, a), Record::Customer(_, b)) => {
            pair(&mut d, id, a, b, customer_changes)
        }
        (Record::Requirement(id, a), Record::Requirement(_, b)) => {
            pair(&mut d, id, a, b, requirement_changes)
        }
        (Record::Measure(id, a), Record::Measure(_, b)) => pair(&mut d, id, a, b, measure_changes),
        _ => debug_assert!(false, "two versions of one record: {before:?} {after:?}"),
    }
    d.changes
}

fn person_changes(d: &mut Differ, at: &str, a: &Person, b: &Person) {
    d.field(at, "name", &a.name, &b.name);
    d.field(at, "role", &a.role, &b.role);
    d.field(at, "top_management", &a.top_management, &b.top_management);
    d.field(at, "login", &a.login, &b.login);
}

fn item_changes(d: &mut Differ, at: &str, a: &Item, b: &Item) {
    d.field(at, "kind", &a.kind, &b.kind);
    d.field(at, "title", &a.title, &b.title);
    d.field(at, "description", &a.description, &b.description);
    d.field(at, "affects", &a.affects, &b.affects);
    d.field(at, "source", &a.source, &b.source);
    d.field(at, "process", &a.process, &b.process);
    d.field(at, "owner", &a.owner, &b.owner);
    d.field(at, "current", &a.current, &b.current);
    d.field(at, "target", &a.target, &b.target);
    d.field(at, "treatment", &a.treatment, &b.treatment);
    d.field(at, "status", &a.status, &b.status);
    d.field(at, "next_review", &a.next_review, &b.next_review);
    d.field(at, "created", &a.created, &b.created);
    d.field(at, "requirements", &a.requirements, &b.requirements);
    d.field(at, "measures", &a.measures, &b.measures);
    let item = at.to_string();
    d.lists(
        &a.actions,
        &b.actions,
        |x| &x.id,
        |id| format!("{item}/{id}"),
        |d, at, a, b| {
            d.field(at, "text", &a.text, &b.text);
            d.field(at, "owner", &a.owner, &b.owner);
            d.field(at, "due", &a.due, &b.due);
            d.field(at, "status", &a.status, &b.status);
            d.field(at, "done_on", &a.done_on, &b.done_on);
            d.field(at, "effectiveness", &a.effectiveness, &b.effectiveness);
        },
    );
}

fn customer_changes(d: &mut Differ, at: &str, a: &Customer, b: &Customer) {
    d.field(at, "name", &a.name, &b.name);
    d.field(at, "segment", &a.segment, &b.segment);
    d.field(at, "key", &a.key, &b.key);
}

fn requirement_changes(d: &mut Differ, at: &str, a: &Requirement, b: &Requirement) {
    d.field(at, "text", &a.text, &b.text);
    d.field(at, "customer", &a.customer, &b.customer);
    d.field(at, "kind", &a.kind, &b.kind);
    d.field(at, "source", &a.source, &b.source);
    d.field(at, "reference", &a.reference, &b.reference);
}

/// A reading is a record of its own, `KPI-001/2026-01-31`, so a year of
/// readings is twelve small history records, not one list rewritten twelve
/// times.
fn measure_changes(d: &mut Differ, at: &str, a: &Measure, b: &Measure) {
    d.field(at, "name", &a.name, &b.name);
    d.field(at, "unit", &a.unit, &b.unit);
    d.field(at, "target", &a.target, &b.target);
    d.field(at, "customer", &a.customer, &b.customer);
    d.field(at, "cadence", &a.cadence, &b.cadence);
    d.field(at, "owner", &a.owner, &b.owner);
    let new_by_date: HashMap<Date, &Reading> = b.readings.iter().map(|r| (r.date, r)).collect();
    let old_dates: HashSet<Date> = a.readings.iter().map(|r| r.date).collect();
    for before in &a.readings {
        let record = format!("{at}/{}", before.date);
        match new_by_date.get(&before.date) {
            Some(after) if *after != before => {
                d.field(&record, "value", &before.value, &after.value);
                d.field(&record, "note", &before.note, &after.note);
            }
            Some(_) => {}
            None => d.removed(&record, before),
        }
    }
    for after in b.readings.iter().filter(|r| !old_dates.contains(&r.date)) {
        d.added(&format!("{at}/{}", after.date), after);
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The hash of a record chained to `previous`: every field, length-prefixed
/// so that no two different records encode alike.
pub fn record_hash(record: &HistoryRecord, previous: &str) -> String {
    let mut hasher = Sha256::new();
    let at = record.at.to_string();
    // Records from before parts were numbered keep the hash they were given.
    let part = record.part.map(|p| format!("{}/{}", p.number, p.of));
    for field in [
        previous,
        &at,
        &record.by,
        &record.record,
        &record.field,
        &record.old,
        &record.new,
        &record.state,
    ]
    .into_iter()
    .chain(part.as_deref())
    {
        hasher.update((field.len() as u64).to_be_bytes());
        hasher.update(field.as_bytes());
    }
    hex(&hasher.finalize())
}

/// The hash of the last record: what a closing meeting anchors.
pub fn head(register: &Register) -> &str {
    register.history.last().map_or(GENESIS, |r| r.hash.as_str())
}

/// Appends the changes to the history, chained, numbered as parts of one
/// change, each carrying the state the register is in after them.
pub fn record(register: &mut Register, changes: Vec<Change>, at: Timestamp, by: &str) {
    if changes.is_empty() {
        return;
    }
    let state = state_hash(register);
    record_at_state(register, changes, at, by, state);
}

/// [`record`] with the state after the changes given by the caller, who
/// keeps a [`StateTree`] up to date instead of hashing the whole register.
pub fn record_at_state(
    register: &mut Register,
    changes: Vec<Change>,
    at: Timestamp,
    by: &str,
    state: String,
) {
    if changes.is_empty() {
        return;
    }
    let of = changes.len() as u32;
    for (number, change) in (1..).zip(changes) {
        let mut entry = HistoryRecord {
            at,
            by: by.to_string(),
            record: change.record,
            field: change.field,
            old: change.old,
            new: change.new,
            state: state.clone(),
            part: Some(Part { number, of }),
            hash: String::new(),
        };
        entry.hash = record_hash(&entry, head(register));
        register.history.push(entry);
    }
}

/// What `verify` found wrong, in the words `check` prints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChainProblem {
    /// This record's hash does not follow from it and the one before:
    /// it, or one before it, was edited, removed or reordered.
    Broken { index: usize },
    /// A closed meeting anchors a hash that no record has: records before
    /// it were removed (the tail cut off) or rewritten.
    MissingAnchor { meeting: String, anchor: String },
    /// The history ends inside a change: its last record, `index`, is part
    /// `number` of `of`; the records after it were removed.
    CutChange { index: usize, number: u32, of: u32 },
    /// The file differs from the state its last recorded change left.
    ChangedOutside,
    /// A closed meeting's field differs from what the history recorded for
    /// it: its minutes were edited outside roreg.
    MinutesAltered { meeting: String, field: String },
}

/// A meeting's fields as the history records them (compact RON).
fn meeting_fields(m: &Meeting) -> Vec<(&'static str, String)> {
    vec![
        ("kind", ron(&m.kind)),
        ("started", ron(&m.started)),
        ("closed", ron(&m.closed)),
        ("facilitator", ron(&m.facilitator)),
        ("attendance", ron(&m.attendance)),
        ("reviewed", ron(&m.reviewed)),
        ("notes", ron(&m.notes)),
        ("agenda", ron(&m.agenda)),
        ("actions_raised", ron(&m.actions_raised)),
        ("actions_closed", ron(&m.actions_closed)),
        ("anchor", ron(&m.anchor)),
        ("current", ron(&m.current)),
        ("guests", ron(&m.guests)),
        ("skipped", ron(&m.skipped)),
        ("considered", ron(&m.considered)),
    ]
}

/// The fields of closed meetings that differ from what their history says:
/// whole-field and element records replayed (see [`minutes`]).
fn altered_minutes(register: &Register) -> Vec<ChainProblem> {
    minutes::altered(register)
}

/// What [`verify`] finds altered in one closed meeting's minutes, replayed
/// from `records`: the history's records about it (`record` is its id), in
/// order. An open meeting gives nothing.
pub fn altered_minutes_of<'a>(
    meeting: &Meeting,
    records: impl IntoIterator<Item = &'a HistoryRecord>,
) -> Vec<ChainProblem> {
    minutes::altered_one(meeting, records)
}

/// Checks the chain, the meetings' anchors and whether the file was changed
/// outside roreg since its last recorded change.
pub fn verify(register: &Register) -> Vec<ChainProblem> {
    let mut problems = Vec::new();
    // Histories joined by a merge keep both sides' records: each follows
    // the record before it, or the one its merge record names.
    if let Some(index) = join::first_broken(&register.history) {
        problems.push(ChainProblem::Broken { index });
    }
    let chain_broken = !problems.is_empty();
    // A set, so each meeting's anchor is found without a search of the history.
    let hashes: HashSet<&str> = register.history.iter().map(|r| r.hash.as_str()).collect();
    for meeting in register.meetings.iter().filter(|m| m.closed.is_some()) {
        if let Some(anchor) = &meeting.anchor
            && anchor != GENESIS
            && !hashes.contains(anchor.as_str())
        {
            problems.push(ChainProblem::MissingAnchor {
                meeting: meeting.id.clone(),
                anchor: anchor.clone(),
            });
        }
    }
    problems.extend(altered_minutes(register));
    problems.extend(super::baseline::altered_minutes(register));
    // Past a broken record the last one vouches for nothing: comparing the
    // state with it would only name a record that cannot be trusted.
    if let Some(last) = register.history.last().filter(|_| !chain_broken) {
        if let Some(Part { number, of }) = last.part
            && number < of
        {
            problems.push(ChainProblem::CutChange {
                index: register.history.len() - 1,
                number,
                of,
            });
        } else if !state_is(register, &last.state) {
            problems.push(ChainProblem::ChangedOutside);
        }
    }
    problems
}

impl ChainProblem {
    pub fn describe(&self, register: &Register) -> String {
        match self {
            ChainProblem::Broken { index } => {
                let entry = &register.history[*index];
                format!(
                    "history[{index}] ({} by {}, {}.{}) does not match its hash: this record or one before it was edited, removed or reordered after it was written",
                    entry.at, entry.by, entry.record, entry.field
                )
            }
            ChainProblem::MissingAnchor { meeting, anchor } => format!(
                "{meeting}.anchor: the minutes vouch for history up to {}…, but no record has that hash: records were removed (the tail cut off) or rewritten",
                anchor.chars().take(12).collect::<String>()
            ),
            ChainProblem::CutChange { index, number, of } => {
                let entry = &register.history[*index];
                let missing = of - number;
                format!(
                    "history[{index}]: record {number} of {of} of one change ({} by {}, {}.{}), but the history ends there: the last {missing} record{} of that change {} removed",
                    entry.at,
                    entry.by,
                    entry.record,
                    entry.field,
                    if missing == 1 { "" } else { "s" },
                    if missing == 1 { "was" } else { "were" },
                )
            }
            ChainProblem::ChangedOutside => {
                let last = register.history.len().saturating_sub(1);
                let about = register.history.last().map_or(String::new(), |e| {
                    format!(
                        " (history[{last}], {} by {}, {}.{})",
                        e.at, e.by, e.record, e.field
                    )
                });
                format!(
                    "changed outside roreg since the last recorded change{about}: by hand, by git or by another tool, or records after it were removed; not an error, but the history does not show who"
                )
            }
            ChainProblem::MinutesAltered { meeting, field } => format!(
                "{meeting}.{field}: the minutes differ from what the history recorded for the meeting: they were edited outside roreg, or history records about them were removed"
            ),
        }
    }
}

#[cfg(test)]
mod tests;
