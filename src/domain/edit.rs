//! The one way a change is applied, in proportion to the change: the
//! records it may touch are named first (its [`Scope`]) and only they are
//! copied; the change is made in place; what it did is found by comparing
//! those copies alone; and if it is refused, the copies are put back.
//! Nothing here walks the whole register.

use super::history::{self, Change};
use super::model::{
    Customer, HistoryRecord, Item, Measure, Meeting, Person, Register, Requirement,
};
use super::scoring::Scales;

/// Which record of the register: the unit a change touches, undo takes
/// back and a save sends on. An action lives in its item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Key {
    Organisation,
    Scales,
    Person(String),
    Item(String),
    Meeting(String),
    Customer(String),
    Requirement(String),
    /// A measure with its readings.
    Measure(String),
}

/// One record as it was at one moment; `None`: it did not exist.
#[derive(Clone, Debug, PartialEq)]
pub enum Record {
    Organisation(String),
    Scales(Scales),
    Person(String, Option<Person>),
    Item(String, Option<Item>),
    Meeting(String, Option<Meeting>),
    Customer(String, Option<Customer>),
    Requirement(String, Option<Requirement>),
    Measure(String, Option<Measure>),
}

impl Record {
    pub fn key(&self) -> Key {
        match self {
            Record::Organisation(_) => Key::Organisation,
            Record::Scales(_) => Key::Scales,
            Record::Person(id, _) => Key::Person(id.clone()),
            Record::Item(id, _) => Key::Item(id.clone()),
            Record::Meeting(id, _) => Key::Meeting(id.clone()),
            Record::Customer(id, _) => Key::Customer(id.clone()),
            Record::Requirement(id, _) => Key::Requirement(id.clone()),
            Record::Measure(id, _) => Key::Measure(id.clone()),
        }
    }

    /// The record's id as messages name it.
    pub fn id(&self) -> &str {
        match self {
            Record::Organisation(_) => "organisation",
            Record::Scales(_) => "scales",
            Record::Person(id, _)
            | Record::Item(id, _)
            | Record::Meeting(id, _)
            | Record::Customer(id, _)
            | Record::Requirement(id, _)
            | Record::Measure(id, _) => id,
        }
    }
}

impl Register {
    /// The record as it is now: O(log n) to find, O(record) to copy.
    pub fn record(&self, key: &Key) -> Record {
        match key {
            Key::Organisation => Record::Organisation(self.organisation.clone()),
            Key::Scales => Record::Scales(self.scales.clone()),
            Key::Person(id) => Record::Person(id.clone(), self.person(id).cloned()),
            Key::Item(id) => Record::Item(id.clone(), self.item(id).cloned()),
            Key::Meeting(id) => Record::Meeting(id.clone(), self.meeting(id).cloned()),
            Key::Customer(id) => Record::Customer(id.clone(), self.customer(id).cloned()),
            Key::Requirement(id) => Record::Requirement(id.clone(), self.requirement(id).cloned()),
            Key::Measure(id) => Record::Measure(id.clone(), self.measure(id).cloned()),
        }
    }

    /// Makes the record be as given: replaced where it stands, inserted at
    /// its place in the file's order, or removed.
    pub fn put(&mut self, record: Record) {
        match record {
            Record::Organisation(name) => self.organisation = name,
            Record::Scales(scales) => self.scales = scales,
            Record::Person(id, person) => {
                let at = self.person_slot(&id);
                put_at(&mut self.people, at, person)
            }
            Record::Item(id, item) => {
                let at = self.item_slot(&id);
                put_at(&mut self.items, at, item)
            }
            Record::Meeting(id, meeting) => {
                let at = self.meeting_slot(&id);
                put_at(&mut self.meetings, at, meeting)
            }
            Record::Customer(id, customer) => {
                let at = self.customer_slot(&id);
                put_at(&mut self.customers, at, customer)
            }
            Record::Requirement(id, requirement) => {
                let at = self.requirement_slot(&id);
                put_at(&mut self.requirements, at, requirement)
            }
            Record::Measure(id, measure) => {
                let at = self.measure_slot(&id);
                put_at(&mut self.measures, at, measure)
            }
        }
    }
}

fn put_at<T>(list: &mut Vec<T>, at: Result<usize, usize>, value: Option<T>) {
    match (at, value) {
        (Ok(at), Some(value)) => list[at] = value,
        (Ok(at), None) => {
            list.remove(at);
        }
        (Err(at), Some(value)) => list.insert(at, value),
        (Err(_), None) => {}
    }
}

/// The records a change may touch, named before it is made.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    keys: Vec<Key>,
}

impl Scope {
    pub fn item(id: impl Into<String>) -> Scope {
        Scope::default().and(Key::Item(id.into()))
    }

    pub fn meeting(id: impl Into<String>) -> Scope {
        Scope::default().and(Key::Meeting(id.into()))
    }

    /// Adds a record (once).
    pub fn and(mut self, key: Key) -> Scope {
        if !self.keys.contains(&key) {
            self.keys.push(key);
        }
        self
    }

    pub fn and_item(self, id: impl Into<String>) -> Scope {
        self.and(Key::Item(id.into()))
    }

    /// Adds a meeting when there is one (the open meeting, say).
    pub fn and_meeting(self, id: Option<&str>) -> Scope {
        match id {
            Some(id) => self.and(Key::Meeting(id.to_string())),
            None => self,
        }
    }

    pub fn keys(&self) -> &[Key] {
        &self.keys
    }
}

/// A change under way: the touched records as they were, and where the
/// history ended, so it can be taken back exactly.
#[derive(Debug)]
pub struct Edit {
    before: Vec<Record>,
    history_len: usize,
}

impl Edit {
    /// Copies the records `scope` names, as they are before the change.
    pub fn begin(register: &Register, scope: &Scope) -> Edit {
        Edit {
            before: scope.keys().iter().map(|k| register.record(k)).collect(),
            history_len: register.history.len(),
        }
    }

    pub fn before(&self) -> &[Record] {
        &self.before
    }

    /// Where the history records this change appends begin.
    pub fn history_from(&self) -> usize {
        self.history_len
    }

    /// The touched records as they are now, in the same order.
    pub fn after(&self, register: &Register) -> Vec<Record> {
        self.before
            .iter()
            .map(|r| register.record(&r.key()))
            .collect()
    }

    /// Every field the change altered, record by record.
    pub fn changes(&self, after: &[Record]) -> Vec<Change> {
        self.before
            .iter()
            .zip(after)
            .flat_map(|(b, a)| history::record_changes(b, a))
            .collect()
    }

    /// Closed minutes never change, and are never removed.
    pub fn closed_meetings_unchanged(&self, after: &[Record]) -> Result<(), String> {
        for (before, after) in self.before.iter().zip(after) {
            if let (Record::Meeting(id, Some(old)), Record::Meeting(_, new)) = (before, after)
                && old.closed.is_some()
            {
                match new {
                    Some(new) if new == old => {}
                    Some(_) => return Err(format!("{id} is closed; its record cannot be changed")),
                    None => return Err(format!("{id} is closed; its record cannot be removed")),
                }
            }
        }
        Ok(())
    }

    /// Puts the register back as it was when the change began.
    pub fn rollback(self, register: &mut Register) {
        register.history.truncate(self.history_len);
        for record in self.before {
            register.put(record);
        }
    }
}

/// What a change did to the register, to make the same of another copy
/// (the saver's, the one on disk) without copying the whole register.
#[derive(Clone, Debug, PartialEq)]
pub enum Update {
    /// The register was replaced (loaded, merged): this is all of it.
    Whole(Box<Register>),
    /// These records became as given, and these history records were appended.
    Records {
        records: Vec<Record>,
        history: Vec<HistoryRecord>,
    },
}

impl Update {
    /// The change that took `edit`'s records to `after`, with its history.
    pub fn of(edit: &Edit, after: Vec<Record>, register: &Register) -> Update {
        Update::Records {
            records: after,
            history: register.history[edit.history_len.min(register.history.len())..].to_vec(),
        }
    }

    pub fn apply(self, register: &mut Register) {
        match self {
            Update::Whole(whole) => *register = *whole,
            Update::Records { records, history } => {
                for record in records {
                    register.put(record);
                }
                register.history.extend(history);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Score;
    use crate::domain::testing::sample;

    fn sorted(mut r: Register) -> Register {
        r.normalise();
        r
    }

    #[test]
    fn a_change_is_found_from_its_records_alone_as_the_whole_diff_finds_it() {
        let mut r = sorted(sample());
        let before = r.clone();
        let edit = Edit::begin(&r, &Scope::item("R-001").and_item("R-009"));
        let item = r.item_mut("R-001").unwrap();
        item.current = Score::new(1, 2);
        item.actions[0].text = "Call the supplier".into();
        let mut new = r.items[0].clone();
        new.id = "R-009".into();
        r.put(Record::Item("R-009".into(), Some(new)));
        let after = edit.after(&r);
        let mut scoped = edit.changes(&after);
        let mut whole = history::diff(&before, &r);
        scoped.sort_by(|a, b| (&a.record, &a.field).cmp(&(&b.record, &b.field)));
        whole.sort_by(|a, b| (&a.record, &a.field).cmp(&(&b.record, &b.field)));
        assert_eq!(scoped, whole);
        assert!(r.is_normalised(), "the new item went to its place");
    }

    #[test]
    fn a_refused_change_is_put_back_exactly() {
        let mut r = sorted(sample());
        let before = r.clone();
        let edit = Edit::begin(&r, &Scope::item("R-002").and(Key::Person("jsmith".into())));
        r.item_mut("R-002").unwrap().title = "Other".into();
        r.put(Record::Person("jsmith".into(), None));
        // What the change recorded goes with it.
        let at = crate::domain::Timestamp::parse("2026-11-21T09:00:00Z").unwrap();
        let changes = edit.changes(&edit.after(&r));
        history::record(&mut r, changes, at, "qlead");
        assert!(r.history.len() > before.history.len());
        edit.rollback(&mut r);
        assert_eq!(r, before);
    }

    #[test]
    fn closed_minutes_cannot_change_or_go() {
        let mut r = sorted(sample());
        let edit = Edit::begin(&r, &Scope::meeting("M-001"));
        r.meeting_mut("M-001").unwrap().notes = "later".into();
        let err = edit.closed_meetings_unchanged(&edit.after(&r)).unwrap_err();
        assert_eq!(err, "M-001 is closed; its record cannot be changed");
        r.put(Record::Meeting("M-001".into(), None));
        let err = edit.closed_meetings_unchanged(&edit.after(&r)).unwrap_err();
        assert_eq!(err, "M-001 is closed; its record cannot be removed");
    }

    #[test]
    fn an_update_makes_another_copy_the_same() {
        let mut r = sorted(sample());
        let mut copy = r.clone();
        let edit = Edit::begin(&r, &Scope::item("R-001").and_item("O-001"));
        r.item_mut("R-001").unwrap().current = Score::new(2, 2);
        r.put(Record::Item("O-001".into(), None));
        let after = edit.after(&r);
        Update::of(&edit, after, &r).apply(&mut copy);
        assert_eq!(copy, r);
    }
}
