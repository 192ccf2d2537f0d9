//! Undo and redo of a change made in this session. A step keeps the records
//! the change touched (an item with its actions, a meeting, a person, the
//! scales or the organisation) as they were before and after it. Undoing
//! puts them back as a new change, recorded like any other, and only when
//! nobody changed them since (a merge, say): what was not ours is never
//! reverted. A closed meeting is never reached: the usual check on every
//! change refuses that.

use super::history::Change;
use super::model::{Item, Meeting, Person, Register};
use super::scoring::Scales;

/// One record as it was at one moment; `None`: it did not exist.
#[derive(Clone, Debug, PartialEq)]
enum Record {
    Organisation(String),
    Scales(Scales),
    Person(String, Option<Person>),
    Item(String, Option<Item>),
    Meeting(String, Option<Meeting>),
}

impl Record {
    fn id(&self) -> &str {
        match self {
            Record::Organisation(_) => "organisation",
            Record::Scales(_) => "scales",
            Record::Person(id, _) | Record::Item(id, _) | Record::Meeting(id, _) => id,
        }
    }
}

/// What one change did, in a form that can be taken back and made again.
#[derive(Clone, Debug)]
pub struct Step {
    /// The change, as the status line said it ("R-001 score 3×4").
    pub what: String,
    before: Vec<Record>,
    after: Vec<Record>,
}

/// Which record a history change is about: `R-001/A-003` lives in its
/// item; `people.jsmith` is a person; `register` its name or scales.
enum Target<'a> {
    Organisation,
    Scales,
    Person(&'a str),
    Item(&'a str),
    Meeting(&'a str),
}

fn target<'a>(change: &'a Change, before: &Register, after: &Register) -> Option<Target<'a>> {
    let record = change.record.as_str();
    if record == "register" {
        return match change.field.as_str() {
            "organisation" => Some(Target::Organisation),
            "scales" => Some(Target::Scales),
            _ => None,
        };
    }
    if let Some(id) = record.strip_prefix("people.") {
        return Some(Target::Person(id));
    }
    let id = record.split('/').next().unwrap_or(record);
    let meeting = |r: &Register| r.meetings.iter().any(|m| m.id == id);
    Some(if meeting(before) || meeting(after) {
        Target::Meeting(id)
    } else {
        Target::Item(id)
    })
}

/// The record as it is in `register`.
fn as_in(register: &Register, target: &Target) -> Record {
    match *target {
        Target::Organisation => Record::Organisation(register.organisation.clone()),
        Target::Scales => Record::Scales(register.scales.clone()),
        Target::Person(id) => Record::Person(id.into(), register.person(id).cloned()),
        Target::Item(id) => Record::Item(id.into(), register.item(id).cloned()),
        Target::Meeting(id) => Record::Meeting(
            id.into(),
            register.meetings.iter().find(|m| m.id == id).cloned(),
        ),
    }
}

impl Step {
    /// The records `changes` (the diff from `before` to `after`) touched,
    /// as each was before and after. Costs in proportion to the change.
    pub fn of(what: &str, before: &Register, after: &Register, changes: &[Change]) -> Step {
        let mut step = Step {
            what: what.to_string(),
            before: Vec::new(),
            after: Vec::new(),
        };
        for change in changes {
            let Some(target) = target(change, before, after) else {
                continue;
            };
            let was = as_in(before, &target);
            let same = |r: &Record| {
                std::mem::discriminant(r) == std::mem::discriminant(&was) && r.id() == was.id()
            };
            // Several fields of one record: the record is kept once.
            if !step.before.iter().any(same) {
                step.after.push(as_in(after, &target));
                step.before.push(was);
            }
        }
        step
    }

    /// Whether the change touched anything that can be put back.
    pub fn is_empty(&self) -> bool {
        self.before.is_empty()
    }

    /// Puts the records back as they were before the change.
    pub fn undo(&self, register: &mut Register) -> Result<(), String> {
        restore(register, &self.after, &self.before)
    }

    /// Makes the change again.
    pub fn redo(&self, register: &mut Register) -> Result<(), String> {
        restore(register, &self.before, &self.after)
    }
}

/// Sets every record to `target`, once each is checked to be as `expected`.
fn restore(register: &mut Register, expected: &[Record], target: &[Record]) -> Result<(), String> {
    for record in expected {
        let now = match record {
            Record::Organisation(_) => as_in(register, &Target::Organisation),
            Record::Scales(_) => as_in(register, &Target::Scales),
            Record::Person(id, _) => as_in(register, &Target::Person(id)),
            Record::Item(id, _) => as_in(register, &Target::Item(id)),
            Record::Meeting(id, _) => as_in(register, &Target::Meeting(id)),
        };
        if &now != record {
            return Err(format!("{} was changed since", record.id()));
        }
    }
    for record in target {
        match record.clone() {
            Record::Organisation(name) => register.organisation = name,
            Record::Scales(scales) => register.scales = scales,
            Record::Person(id, person) => put(&mut register.people, |p| p.id == id, person),
            Record::Item(id, item) => put(&mut register.items, |i| i.id == id, item),
            Record::Meeting(id, meeting) => put(&mut register.meetings, |m| m.id == id, meeting),
        }
    }
    Ok(())
}

/// Replaces the entry where it stands, removes it, or adds it at the end
/// (the file keeps lists by id whatever the order in memory).
fn put<T>(list: &mut Vec<T>, is_it: impl Fn(&T) -> bool, value: Option<T>) {
    match (list.iter().position(is_it), value) {
        (Some(at), Some(value)) => list[at] = value,
        (Some(at), None) => {
            list.remove(at);
        }
        (None, Some(value)) => list.push(value),
        (None, None) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Score;
    use crate::domain::history::diff;
    use crate::domain::testing::sample;

    fn step_of(before: &Register, after: &Register) -> Step {
        Step::of("the change", before, after, &diff(before, after))
    }

    #[test]
    fn a_score_and_an_action_are_undone_and_redone() {
        let before = sample();
        let mut after = before.clone();
        after.items[0].current = Score::new(1, 1);
        after.items[0].actions[0].text = "Call the supplier".into();
        let step = step_of(&before, &after);
        let mut r = after.clone();
        step.undo(&mut r).unwrap();
        assert_eq!(r, before);
        step.redo(&mut r).unwrap();
        assert_eq!(r, after);
    }

    #[test]
    fn added_and_removed_records_come_and_go() {
        let before = sample();
        let mut after = before.clone();
        let mut new_item = after.items[0].clone();
        new_item.id = "R-099".into();
        after.items.push(new_item);
        after.people.retain(|p| p.id != "jsmith");
        let step = step_of(&before, &after);
        let mut r = after.clone();
        step.undo(&mut r).unwrap();
        // A record put back comes at the end of its list; the file sorts.
        let sorted = |mut r: Register| {
            r.normalise();
            r
        };
        assert_eq!(sorted(r.clone()), sorted(before));
        step.redo(&mut r).unwrap();
        assert_eq!(sorted(r), sorted(after));
    }

    #[test]
    fn nothing_changed_since_by_someone_else_is_reverted() {
        let before = sample();
        let mut after = before.clone();
        after.items[0].title = "Ours".into();
        let step = step_of(&before, &after);
        // A merge brought their change to the same item.
        let mut r = after.clone();
        r.items[0].process = "Theirs".into();
        let why = step.undo(&mut r).unwrap_err();
        assert_eq!(why, format!("{} was changed since", before.items[0].id));
        assert_eq!(r.items[0].process, "Theirs", "nothing was touched");
        // Their change elsewhere does not stand in the way.
        let mut r = after.clone();
        r.items[1].process = "Theirs".into();
        step.undo(&mut r).unwrap();
        assert_eq!(r.items[0].title, before.items[0].title);
        assert_eq!(r.items[1].process, "Theirs");
    }
}
