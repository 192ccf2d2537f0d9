//! Changes made to the file outside roreg (by hand, by git, by another
//! tool): found, named where roreg can know what they were, and recorded as
//! a visible record of their own by the next save, never adopted silently.

use super::dates::Timestamp;
use super::history::{self, Change};
use super::model::Register;

/// The field of the record that makes an outside change part of the history.
pub const FIELD: &str = "outside-change";

/// The file is not in the state its history last recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutsideChange {
    /// When roreg last recorded a change: the outside change came after.
    pub since: Timestamp,
    /// The fields that changed (`R-004.title`), when a copy of the state
    /// last recorded was at hand to compare with; `None` when not.
    pub changed: Option<Vec<String>>,
}

impl OutsideChange {
    /// One line for the status line and the history record.
    pub fn describe(&self) -> String {
        match &self.changed {
            Some(fields) if !fields.is_empty() => format!(
                "changed outside roreg since {}: {}",
                self.since,
                fields.join(", ")
            ),
            _ => format!(
                "changed outside roreg since {}; what changed cannot be known (no copy of the state roreg last recorded)",
                self.since
            ),
        }
    }
}

/// Whether `register` differs from the state its history last recorded.
/// `known` are earlier versions roreg has (the version it loaded before,
/// the backup): one in the recorded state tells what the outside change was.
/// A register without history makes no claim to check (that is "not
/// protected", another matter).
pub fn find(register: &Register, known: &[&Register]) -> Option<OutsideChange> {
    let head = register.history.last()?;
    if history::state_is(register, &head.state) {
        return None;
    }
    let changed = known
        .iter()
        .find(|earlier| history::state_is(earlier, &head.state))
        .map(|earlier| {
            let mut fields: Vec<String> = Vec::new();
            for change in history::diff(earlier, register) {
                let field = format!("{}.{}", change.record, change.field);
                // Several records of one list element read as one field.
                if fields.last() != Some(&field) {
                    fields.push(field);
                }
            }
            fields
        });
    Some(OutsideChange {
        since: head.at,
        changed,
    })
}

/// Appends the record of an outside change, `by` the person saving now, so
/// the history says what happened instead of adopting it. Its state is the
/// register as it is, so the change is part of the chain from then on.
pub fn record(register: &mut Register, change: &OutsideChange, at: Timestamp, by: &str) {
    let state = history::state_hash(register);
    record_at(register, change, at, by, state);
}

/// [`record`], given the register's state by a caller who keeps it.
pub fn record_at(
    register: &mut Register,
    change: &OutsideChange,
    at: Timestamp,
    by: &str,
    state: String,
) {
    let text = change.describe();
    let new = ron::to_string(&text).unwrap_or_default();
    history::record_at_state(
        register,
        vec![Change {
            record: "register".into(),
            field: FIELD.into(),
            old: String::new(),
            new,
        }],
        at,
        by,
        state,
    );
}

/// The outside changes the history recorded, oldest first: evidence that
/// stays for the audit view, the report and `log`.
pub fn recorded(register: &Register) -> impl Iterator<Item = (usize, &super::HistoryRecord)> {
    register
        .history
        .iter()
        .enumerate()
        .filter(|(_, h)| h.record == "register" && h.field == FIELD)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::history::{ChainProblem, verify};
    use crate::domain::testing::sample;

    fn at(s: &str) -> Timestamp {
        Timestamp::parse(s).unwrap()
    }

    /// The sample with one change recorded by roreg.
    fn recorded_register() -> Register {
        let mut r = sample();
        let before = r.clone();
        r.items[0].title = "Recorded by roreg".into();
        let changes = history::diff(&before, &r);
        history::record(&mut r, changes, at("2026-11-20T09:00:00Z"), "qlead");
        r
    }

    #[test]
    fn a_hand_edit_is_found_and_named_against_the_state_last_recorded() {
        let recorded = recorded_register();
        assert_eq!(find(&recorded, &[]), None, "nothing changed outside");
        let mut edited = recorded.clone();
        edited.items[1].title = "Edited in vim".into();
        edited.items[1].process = "Somewhere else".into();
        let found = find(&edited, &[&recorded]).unwrap();
        let second = &recorded.items[1].id;
        assert_eq!(
            found.changed,
            Some(vec![format!("{second}.title"), format!("{second}.process")])
        );
        assert_eq!(
            found.describe(),
            format!(
                "changed outside roreg since 2026-11-20T09:00:00Z: {second}.title, {second}.process"
            )
        );
        // Without a copy of the recorded state, it is found but not named.
        let unknown = find(&edited, &[&sample()]).unwrap();
        assert_eq!(unknown.changed, None);
        assert!(unknown.describe().contains("cannot be known"));
    }

    #[test]
    fn recording_it_ends_the_warning_and_keeps_the_evidence() {
        let recorded = recorded_register();
        let mut edited = recorded.clone();
        edited.items[1].title = "Edited in vim".into();
        assert_eq!(verify(&edited), [ChainProblem::ChangedOutside]);
        let found = find(&edited, &[&recorded]).unwrap();
        record(&mut edited, &found, at("2026-11-21T10:00:00Z"), "jsmith");
        assert_eq!(verify(&edited), [], "the chain covers the change now");
        assert_eq!(find(&edited, &[]), None);
        let evidence: Vec<_> = super::recorded(&edited).collect();
        assert_eq!(evidence.len(), 1);
        let (index, entry) = evidence[0];
        assert_eq!(index, edited.history.len() - 1);
        assert_eq!(entry.by, "jsmith");
        assert!(entry.new.contains(".title"), "{}", entry.new);
    }
}
