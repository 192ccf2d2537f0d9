//! What the history holds about one record, for `roreg log ID`: its own
//! records, its actions', the people record of that id, and the elements of
//! meeting lists keyed by it (`reviewed[R-002]`, `agenda[R-002]`,
//! `actions_raised[A-003]` for an action of the item). Whole-list records,
//! as files written before small records hold them, and a meeting's first
//! and last records are shown as the elements about the id that they
//! change.

use std::borrow::Cow;
use std::collections::HashSet;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::minutes::element_field;
use super::ron;
use crate::domain::model::{Attendance, HistoryRecord, Meeting, Register, Review};

/// One line of the log: a record, or the part of one about the id asked.
pub struct Shown<'a> {
    pub index: usize,
    pub entry: &'a HistoryRecord,
    pub field: Cow<'a, str>,
    pub old: Cow<'a, str>,
    pub new: Cow<'a, str>,
}

impl<'a> Shown<'a> {
    fn whole(index: usize, entry: &'a HistoryRecord) -> Shown<'a> {
        Shown {
            index,
            entry,
            field: Cow::Borrowed(&entry.field),
            old: Cow::Borrowed(&entry.old),
            new: Cow::Borrowed(&entry.new),
        }
    }
}

/// Every record, as it is.
pub fn all(register: &Register) -> Vec<Shown<'_>> {
    (0..)
        .zip(&register.history)
        .map(|(i, h)| Shown::whole(i, h))
        .collect()
}

const KEYED: [&str; 3] = ["attendance", "reviewed", "skipped"];
const ORDERED: [&str; 3] = ["agenda", "actions_raised", "actions_closed"];

/// Whether a history record's `record` is `id` itself or one of its parts
/// (an item's action: `R-001/A-003`).
pub fn is_of(record: &str, id: &str) -> bool {
    record == id || record.strip_prefix(id).is_some_and(|r| r.starts_with('/'))
}

/// Every record about `id`, oldest first.
pub fn about<'a>(register: &'a Register, id: &str) -> Vec<Shown<'a>> {
    // Meeting lists name actions without their item: `A-003`.
    let mut keys: HashSet<&str> = HashSet::from([id]);
    if let Some(item) = register.item(id) {
        keys.extend(item.actions.iter().map(|a| a.id.as_str()));
    }
    if let Some((_, action)) = id.split_once('/') {
        keys.insert(action);
    }
    let person = format!("people.{id}");
    let mut shown = Vec::new();
    for (index, entry) in register.history.iter().enumerate() {
        let record = entry.record.as_str();
        if is_of(record, id) || record == person {
            shown.push(Shown::whole(index, entry));
        } else if let Some((list, key)) = element_field(&entry.field) {
            if keys.contains(key) && (KEYED.contains(&list) || ORDERED.contains(&list)) {
                shown.push(Shown::whole(index, entry));
            }
        } else if KEYED.contains(&entry.field.as_str()) || ORDERED.contains(&entry.field.as_str()) {
            let parts = whole_list(&entry.field, &entry.old, &entry.new, &keys);
            match parts {
                Some(parts) => shown.extend(parts.into_iter().map(|p| p.shown(index, entry))),
                // Unreadable: shown whole if it names the id at all.
                None if entry.old.contains(id) || entry.new.contains(id) => {
                    shown.push(Shown::whole(index, entry))
                }
                None => {}
            }
        } else if matches!(entry.field.as_str(), "added" | "removed") && record.starts_with("M-") {
            let text = if entry.field == "added" {
                &entry.new
            } else {
                &entry.old
            };
            if let Ok(meeting) = ron::from_str::<Meeting>(text) {
                let parts = meeting_parts(&meeting, entry.field == "added", &keys);
                shown.extend(parts.into_iter().map(|p| p.shown(index, entry)));
            }
        }
    }
    shown
}

/// An element of a list about one of the keys, before and after.
struct Part {
    field: String,
    old: String,
    new: String,
}

impl Part {
    fn shown(self, index: usize, entry: &HistoryRecord) -> Shown<'_> {
        Shown {
            index,
            entry,
            field: Cow::Owned(self.field),
            old: Cow::Owned(self.old),
            new: Cow::Owned(self.new),
        }
    }
}

/// The elements about `keys` that differ between two whole lists.
fn keyed_parts<T: Serialize>(
    field: &str,
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> &str,
    keys: &HashSet<&str>,
) -> Vec<Part> {
    let pick = |list: &[T]| -> Vec<(String, String)> {
        list.iter()
            .filter(|x| keys.contains(key(x)))
            .map(|x| (key(x).to_string(), ron(x)))
            .collect()
    };
    let (before, after) = (pick(old), pick(new));
    let mut parts = Vec::new();
    let mut seen = HashSet::new();
    for (k, _) in before.iter().chain(&after) {
        if !seen.insert(k.as_str()) {
            continue;
        }
        let find = |side: &[(String, String)]| {
            side.iter()
                .find(|(s, _)| s == k)
                .map_or(String::new(), |(_, v)| v.clone())
        };
        let (old, new) = (find(&before), find(&after));
        if old != new {
            parts.push(Part {
                field: format!("{field}[{k}]"),
                old,
                new,
            });
        }
    }
    parts
}

/// The positions (1 is first) of `keys` that differ between two id lists.
fn ordered_parts(field: &str, old: &[String], new: &[String], keys: &HashSet<&str>) -> Vec<Part> {
    let position = |list: &[String], k: &str| {
        list.iter()
            .position(|s| s == k)
            .map_or(String::new(), |p| (p + 1).to_string())
    };
    let mut parts = Vec::new();
    let mut seen = HashSet::new();
    for k in old.iter().chain(new).filter(|k| keys.contains(k.as_str())) {
        if !seen.insert(k.as_str()) {
            continue;
        }
        let (before, after) = (position(old, k), position(new, k));
        if before != after {
            parts.push(Part {
                field: format!("{field}[{k}]"),
                old: before,
                new: after,
            });
        }
    }
    parts
}

fn parsed<T: DeserializeOwned>(text: &str) -> Option<Vec<T>> {
    if text.is_empty() {
        return Some(Vec::new());
    }
    ron::from_str(text).ok()
}

/// A whole-list record's elements about `keys`; `None` if unreadable.
fn whole_list(field: &str, old: &str, new: &str, keys: &HashSet<&str>) -> Option<Vec<Part>> {
    Some(match field {
        "attendance" => keyed_parts(
            field,
            &parsed::<Attendance>(old)?,
            &parsed::<Attendance>(new)?,
            |a| &a.person,
            keys,
        ),
        "reviewed" => keyed_parts(
            field,
            &parsed::<Review>(old)?,
            &parsed::<Review>(new)?,
            |r| &r.item,
            keys,
        ),
        _ => ordered_parts(field, &parsed(old)?, &parsed(new)?, keys),
    })
}

/// What a meeting's first (or last) record holds about `keys`: its lists
/// against empty ones.
fn meeting_parts(meeting: &Meeting, added: bool, keys: &HashSet<&str>) -> Vec<Part> {
    fn sides<T>(list: &[T], added: bool) -> (&[T], &[T]) {
        if added { (&[], list) } else { (list, &[]) }
    }
    let (old, new) = sides(&meeting.attendance, added);
    let mut parts = keyed_parts("attendance", old, new, |a| &a.person, keys);
    let (old, new) = sides(&meeting.reviewed, added);
    parts.extend(keyed_parts("reviewed", old, new, |r| &r.item, keys));
    let (old, new) = sides(&meeting.skipped, added);
    parts.extend(keyed_parts("skipped", old, new, |s| &s.item, keys));
    for (field, list) in [
        ("agenda", &meeting.agenda),
        ("actions_raised", &meeting.actions_raised),
        ("actions_closed", &meeting.actions_closed),
    ] {
        let (old, new) = sides(list, added);
        parts.extend(ordered_parts(field, old, new, keys));
    }
    parts
}
