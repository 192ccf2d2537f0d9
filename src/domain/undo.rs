//! Undo and redo of a change made in this session. A step keeps the records
//! the change touched (an item with its actions, a meeting, a person, the
//! scales or the organisation) as they were before and after it. Undoing
//! puts them back as a new change, recorded like any other, and only when
//! nobody changed them since (a merge, say): what was not ours is never
//! reverted. A closed meeting is never reached: the usual check on every
//! change refuses that.

use super::edit::{Record, Scope};
use super::model::Register;

/// What one change did, in a form that can be taken back and made again.
#[derive(Clone, Debug)]
pub struct Step {
    /// The change, as the status line said it ("R-001 score 3×4").
    pub what: String,
    before: Vec<Record>,
    after: Vec<Record>,
}

impl Step {
    /// The records a change touched, as each was before and after it
    /// (those it left as they were are dropped). Costs in proportion to
    /// the change.
    pub fn of(what: &str, before: &[Record], after: &[Record]) -> Step {
        let (before, after) = before
            .iter()
            .zip(after)
            .filter(|(b, a)| b != a)
            .map(|(b, a)| (b.clone(), a.clone()))
            .unzip();
        Step {
            what: what.to_string(),
            before,
            after,
        }
    }

    /// Whether the change touched anything that can be put back.
    pub fn is_empty(&self) -> bool {
        self.before.is_empty()
    }

    /// The records taking this step back or again touches.
    pub fn scope(&self) -> Scope {
        self.before
            .iter()
            .fold(Scope::default(), |scope, r| scope.and(r.key()))
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
    if let Some(changed) = expected.iter().find(|r| register.record(&r.key()) != **r) {
        return Err(format!("{} was changed since", changed.id()));
    }
    for record in target {
        register.put(record.clone());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Score;
    use crate::domain::edit::Key;
    use crate::domain::testing::sample;

    /// The step of a change to every item, person and meeting of either.
    fn step_of(before: &Register, after: &Register) -> Step {
        let mut keys: Vec<Key> = Vec::new();
        for r in [before, after] {
            keys.extend(r.items.iter().map(|i| Key::Item(i.id.clone())));
            keys.extend(r.people.iter().map(|p| Key::Person(p.id.clone())));
            keys.extend(r.meetings.iter().map(|m| Key::Meeting(m.id.clone())));
        }
        let scope = keys.into_iter().fold(Scope::default(), Scope::and);
        let was: Vec<Record> = scope.keys().iter().map(|k| before.record(k)).collect();
        let is: Vec<Record> = scope.keys().iter().map(|k| after.record(k)).collect();
        Step::of("the change", &was, &is)
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
