//! A meeting's changes as small records, and their replay for the minutes
//! check. The lists inside a meeting are recorded element by element, keyed
//! by id, as `field[id]`:
//! - `attendance[person]`, `reviewed[item]`, `guests[name]`, `skipped[item]`,
//!   `considered[input]` (its 9.3.2 code: `considered[c3]`): `old`/`new` the element's
//!   compact RON, `old` empty when added (at the end), `new` empty when
//!   removed;
//! - `agenda[item]`, `actions_raised[action]`, `actions_closed[action]`:
//!   `old`/`new` the position (1 is first) before and after, empty when
//!   added or removed; a move is one record, replayed as "take it out, put
//!   it in at `new`", so a re-ordered agenda is kept as the minutes keep it.
//!
//! A list these cannot describe (an id twice, elements re-ordered by hand)
//! is recorded whole, as every list was before: the replay reads both.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{ChainProblem, Change, Differ, meeting_fields, ron};
use crate::domain::model::{
    Attendance, Considered, Guest, HistoryRecord, Meeting, Register, Review, Skip,
};

/// One element added, changed, moved or removed.
struct Element {
    key: String,
    old: String,
    new: String,
}

/// The records of one meeting's change, its fields in the order
/// [`meeting_fields`] lists them.
pub(super) fn changes(d: &mut Differ, at: &str, a: &Meeting, b: &Meeting) {
    d.field(at, "kind", &a.kind, &b.kind);
    d.field(at, "started", &a.started, &b.started);
    d.field(at, "closed", &a.closed, &b.closed);
    d.field(at, "facilitator", &a.facilitator, &b.facilitator);
    list(d, at, "attendance", &a.attendance, &b.attendance, |x| {
        keyed(x.0, x.1, |a| &a.person)
    });
    list(d, at, "reviewed", &a.reviewed, &b.reviewed, |x| {
        keyed(x.0, x.1, |r| &r.item)
    });
    d.field(at, "notes", &a.notes, &b.notes);
    list(d, at, "agenda", &a.agenda, &b.agenda, |x| ordered(x.0, x.1));
    list(
        d,
        at,
        "actions_raised",
        &a.actions_raised,
        &b.actions_raised,
        |x| ordered(x.0, x.1),
    );
    list(
        d,
        at,
        "actions_closed",
        &a.actions_closed,
        &b.actions_closed,
        |x| ordered(x.0, x.1),
    );
    d.field(at, "anchor", &a.anchor, &b.anchor);
    d.field(at, "current", &a.current, &b.current);
    list(d, at, "guests", &a.guests, &b.guests, |x| {
        keyed(x.0, x.1, |g| &g.name)
    });
    list(d, at, "skipped", &a.skipped, &b.skipped, |x| {
        keyed(x.0, x.1, |s| &s.item)
    });
    list(d, at, "considered", &a.considered, &b.considered, |x| {
        keyed(x.0, x.1, |c| c.input.code())
    });
}

type Pair<'a, T> = (&'a [T], &'a [T]);

/// Element records for a changed list, or the whole list when `elements`
/// cannot describe the change.
fn list<T: Serialize + PartialEq>(
    d: &mut Differ,
    at: &str,
    field: &str,
    old: &[T],
    new: &[T],
    elements: impl Fn(Pair<'_, T>) -> Option<Vec<Element>>,
) {
    if old == new {
        return;
    }
    match elements((old, new)) {
        Some(elements) => d.changes.extend(elements.into_iter().map(|e| Change {
            record: at.into(),
            field: format!("{field}[{}]", e.key),
            old: e.old,
            new: e.new,
        })),
        None => d.field(at, field, old, new),
    }
}

/// Each key's element, or `None` if a key is there twice.
fn index<'a, T>(list: &'a [T], key: &impl Fn(&T) -> &str) -> Option<HashMap<&'a str, &'a T>> {
    let mut at = HashMap::with_capacity(list.len());
    list.iter()
        .all(|x| at.insert(key(x), x).is_none())
        .then_some(at)
}

/// Removed and changed elements in the old order, then the added ones in
/// the new order; `None` unless that replays to `new` exactly (the replay
/// appends what is added).
fn keyed<T: Serialize + PartialEq>(
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> &str,
) -> Option<Vec<Element>> {
    let old_at = index(old, &key)?;
    let new_at = index(new, &key)?;
    let mut elements = Vec::new();
    let mut order: Vec<&str> = Vec::with_capacity(new.len());
    for before in old {
        let id = key(before);
        match new_at.get(id) {
            None => elements.push(Element {
                key: id.into(),
                old: ron(before),
                new: String::new(),
            }),
            Some(after) => {
                if *after != before {
                    elements.push(Element {
                        key: id.into(),
                        old: ron(before),
                        new: ron(*after),
                    });
                }
                order.push(id);
            }
        }
    }
    for after in new.iter().filter(|n| !old_at.contains_key(key(n))) {
        order.push(key(after));
        elements.push(Element {
            key: key(after).into(),
            old: String::new(),
            new: ron(after),
        });
    }
    new.iter().map(&key).eq(order).then_some(elements)
}

/// Removals, then the fewest moves and insertions that turn `old` into
/// `new`: the entries in their longest run already in order stay put.
/// `None` if an id is there twice.
fn ordered(old: &[String], new: &[String]) -> Option<Vec<Element>> {
    let old_at = index(old, &String::as_str)?;
    let mut new_at: HashMap<&str, usize> = HashMap::with_capacity(new.len());
    if !new
        .iter()
        .enumerate()
        .all(|(i, s)| new_at.insert(s, i).is_none())
    {
        return None;
    }
    let mut elements = Vec::new();
    let mut working: Vec<&str> = Vec::with_capacity(new.len());
    for before in old {
        if new_at.contains_key(before.as_str()) {
            working.push(before);
        } else {
            // Earlier removals are done, so its position is after the kept.
            elements.push(Element {
                key: before.clone(),
                old: (working.len() + 1).to_string(),
                new: String::new(),
            });
        }
    }
    let targets: Vec<usize> = working.iter().map(|s| new_at[s]).collect();
    let mut stays = vec![false; new.len()];
    for (target, keep) in targets.iter().zip(longest_increasing(&targets)) {
        stays[*target] = keep;
    }
    // Left to right, each entry that moves or arrives goes right after the
    // one the new order puts before it; the positions searched are within
    // one meeting's list, and each move shifts that list anyway.
    for (i, after) in new.iter().enumerate().filter(|(i, _)| !stays[*i]) {
        let from = if old_at.contains_key(after.as_str()) {
            let from = working.iter().position(|s| *s == after.as_str())?;
            working.remove(from);
            Some(from)
        } else {
            None
        };
        let to = match i {
            0 => 0,
            _ => working.iter().position(|s| *s == new[i - 1])? + 1,
        };
        working.insert(to, after);
        if from != Some(to) {
            elements.push(Element {
                key: after.clone(),
                old: from.map_or(String::new(), |f| (f + 1).to_string()),
                new: (to + 1).to_string(),
            });
        }
    }
    debug_assert!(working.iter().copied().eq(new.iter().map(String::as_str)));
    Some(elements)
}

/// Which entries of `seq` make up one longest strictly increasing run
/// (not necessarily contiguous): O(n log n).
fn longest_increasing(seq: &[usize]) -> Vec<bool> {
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; seq.len()];
    for (i, value) in seq.iter().enumerate() {
        let at = tails.partition_point(|&t| seq[t] < *value);
        previous[i] = at.checked_sub(1).map(|p| tails[p]);
        if at == tails.len() {
            tails.push(i);
        } else {
            tails[at] = i;
        }
    }
    let mut keep = vec![false; seq.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        keep[i] = true;
        at = previous[i];
    }
    keep
}

/// `field[key]` split in two.
pub(super) fn element_field(field: &str) -> Option<(&str, &str)> {
    field.strip_suffix(']')?.split_once('[')
}

/// A meeting field as the replay of its history has it.
enum Replayed {
    /// Whole, as the meeting's first record or a whole-field record left it.
    Text(String),
    /// A keyed list after element records: each key's element (`None` once
    /// removed), in order, and where each key is.
    Keyed(Vec<Option<(String, String)>>, HashMap<String, usize>),
    /// An id list after element records.
    Ordered(Vec<String>),
    /// A record that does not apply to what came before it.
    Unfollowable,
}

fn keyed_elements<T: Serialize>(list: &[T], key: impl Fn(&T) -> &str) -> Vec<(String, String)> {
    list.iter().map(|x| (key(x).to_string(), ron(x))).collect()
}

fn parsed<T: DeserializeOwned>(text: &str) -> Option<Vec<T>> {
    ron::from_str(text).ok()
}

impl Replayed {
    /// The keyed form of a whole keyed list, or `None` for a field that is
    /// no keyed list.
    fn keyed(field: &str, text: &str) -> Option<Replayed> {
        let elements = match field {
            "attendance" => keyed_elements(&parsed::<Attendance>(text)?, |a| &a.person),
            "reviewed" => keyed_elements(&parsed::<Review>(text)?, |r| &r.item),
            "guests" => keyed_elements(&parsed::<Guest>(text)?, |g| &g.name),
            "skipped" => keyed_elements(&parsed::<Skip>(text)?, |s| &s.item),
            "considered" => keyed_elements(&parsed::<Considered>(text)?, |c| c.input.code()),
            _ => return None,
        };
        let mut at = HashMap::with_capacity(elements.len());
        for (i, (key, _)) in elements.iter().enumerate() {
            if at.insert(key.clone(), i).is_some() {
                return None;
            }
        }
        Some(Replayed::Keyed(
            elements.into_iter().map(Some).collect(),
            at,
        ))
    }

    fn apply(&mut self, field: &str, key: &str, entry: &HistoryRecord) {
        if let Replayed::Text(text) = self {
            *self = match field {
                "agenda" | "actions_raised" | "actions_closed" => {
                    parsed::<String>(text).map(Replayed::Ordered)
                }
                _ => Replayed::keyed(field, text),
            }
            .unwrap_or(Replayed::Unfollowable);
        }
        let applied = match self {
            Replayed::Keyed(elements, at) => apply_keyed(elements, at, key, entry),
            Replayed::Ordered(ids) => apply_ordered(ids, key, entry),
            Replayed::Text(_) | Replayed::Unfollowable => false,
        };
        if !applied {
            *self = Replayed::Unfollowable;
        }
    }
}

fn apply_keyed(
    elements: &mut Vec<Option<(String, String)>>,
    at: &mut HashMap<String, usize>,
    key: &str,
    entry: &HistoryRecord,
) -> bool {
    match (entry.old.is_empty(), entry.new.is_empty(), at.get(key)) {
        (true, false, None) => {
            at.insert(key.to_string(), elements.len());
            elements.push(Some((key.to_string(), entry.new.clone())));
        }
        (false, false, Some(&i)) => elements[i] = Some((key.to_string(), entry.new.clone())),
        (false, true, Some(&i)) => {
            elements[i] = None;
            at.remove(key);
        }
        _ => return false,
    }
    true
}

fn apply_ordered(ids: &mut Vec<String>, key: &str, entry: &HistoryRecord) -> bool {
    let now = ids.iter().position(|s| s == key);
    if entry.new.is_empty() {
        return match now {
            Some(i) if !entry.old.is_empty() => {
                ids.remove(i);
                true
            }
            _ => false,
        };
    }
    match (entry.old.is_empty(), now) {
        (true, None) => {}
        (false, Some(i)) => {
            ids.remove(i);
        }
        _ => return false,
    }
    match entry.new.parse::<usize>() {
        Ok(position) if (1..=ids.len() + 1).contains(&position) => {
            ids.insert(position - 1, key.to_string());
            true
        }
        _ => false,
    }
}

/// What differs between a meeting's field and its replay: `field[key]` for
/// each element of a keyed list that differs, else `field`; empty if none.
fn differences(meeting: &Meeting, field: &str, whole: &str, replayed: &Replayed) -> Vec<String> {
    let whole_field = || vec![field.to_string()];
    let now_keyed = || match field {
        "attendance" => Some(keyed_elements(&meeting.attendance, |a| &a.person)),
        "reviewed" => Some(keyed_elements(&meeting.reviewed, |r| &r.item)),
        "guests" => Some(keyed_elements(&meeting.guests, |g| &g.name)),
        "skipped" => Some(keyed_elements(&meeting.skipped, |s| &s.item)),
        "considered" => Some(keyed_elements(&meeting.considered, |c| c.input.code())),
        _ => None,
    };
    match replayed {
        Replayed::Text(text) if text == whole => Vec::new(),
        Replayed::Text(text) => match (Replayed::keyed(field, text), now_keyed()) {
            (Some(Replayed::Keyed(expected, _)), Some(now)) => {
                keyed_differences(field, &expected, &now)
            }
            _ => whole_field(),
        },
        Replayed::Keyed(expected, _) => match now_keyed() {
            Some(now) => keyed_differences(field, expected, &now),
            None => whole_field(),
        },
        Replayed::Ordered(ids) => {
            let now = match field {
                "agenda" => &meeting.agenda,
                "actions_raised" => &meeting.actions_raised,
                _ => &meeting.actions_closed,
            };
            if ids == now {
                Vec::new()
            } else {
                whole_field()
            }
        }
        Replayed::Unfollowable => whole_field(),
    }
}

/// The keys whose element differs (or is there on one side only), in the
/// meeting's order then the replay's; the field alone if only the order does.
fn keyed_differences(
    field: &str,
    expected: &[Option<(String, String)>],
    now: &[(String, String)],
) -> Vec<String> {
    if expected.iter().flatten().eq(now.iter()) {
        return Vec::new();
    }
    let was: HashMap<&str, &str> = expected
        .iter()
        .flatten()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let is: HashMap<&str, &str> = now.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mut named = HashSet::new();
    let keys = now
        .iter()
        .map(|(k, _)| k)
        .chain(expected.iter().flatten().map(|(k, _)| k));
    let differing: Vec<String> = keys
        .filter(|k| was.get(k.as_str()) != is.get(k.as_str()) && named.insert(k.as_str()))
        .map(|k| format!("{field}[{k}]"))
        .collect();
    if differing.is_empty() {
        vec![field.to_string()]
    } else {
        differing
    }
}

type Replay = Vec<(&'static str, Replayed)>;

/// Folds one record about a meeting into the replay of its fields.
fn replay_step(replay: &mut Option<Replay>, entry: &HistoryRecord) {
    if entry.field == "added" {
        if let Ok(first) = ron::from_str::<Meeting>(&entry.new) {
            let fields = meeting_fields(&first);
            *replay = Some(
                fields
                    .into_iter()
                    .map(|(f, v)| (f, Replayed::Text(v)))
                    .collect(),
            );
        }
        return;
    }
    let Some(fields) = replay else { return };
    let (field, key) = element_field(&entry.field).unwrap_or((&entry.field, ""));
    let Some((_, slot)) = fields.iter_mut().find(|(name, _)| *name == field) else {
        return;
    };
    if element_field(&entry.field).is_some() {
        slot.apply(field, key, entry);
    } else {
        *slot = Replayed::Text(entry.new.clone());
    }
}

/// The fields of a closed meeting that differ from its replay.
fn compared(meeting: &Meeting, expected: &Replay) -> Vec<ChainProblem> {
    let mut problems = Vec::new();
    for ((field, replayed), (_, whole)) in expected.iter().zip(meeting_fields(meeting)) {
        problems.extend(
            differences(meeting, field, &whole, replayed)
                .into_iter()
                .map(|field| ChainProblem::MinutesAltered {
                    meeting: meeting.id.clone(),
                    field,
                }),
        );
    }
    problems
}

/// The fields of closed meetings that differ from what their history says,
/// in one pass over the history.
pub(super) fn altered(register: &Register) -> Vec<ChainProblem> {
    let closed: HashSet<&str> = register
        .meetings
        .iter()
        .filter(|m| m.closed.is_some())
        .map(|m| m.id.as_str())
        .collect();
    // A meeting with no readable first record has nothing to replay.
    let mut replays: HashMap<&str, Option<Replay>> = HashMap::with_capacity(closed.len());
    for entry in &register.history {
        let Some(id) = closed.get(entry.record.as_str()) else {
            continue;
        };
        replay_step(replays.entry(*id).or_default(), entry);
    }
    let mut problems = Vec::new();
    for meeting in register.meetings.iter().filter(|m| m.closed.is_some()) {
        let Some(Some(expected)) = replays.get(meeting.id.as_str()) else {
            continue;
        };
        problems.extend(compared(meeting, expected));
    }
    problems
}

/// [`altered`] for one meeting, from the history's records about it (those
/// whose `record` is its id, in history order): in proportion to them.
pub(super) fn altered_one<'a>(
    meeting: &Meeting,
    records: impl IntoIterator<Item = &'a HistoryRecord>,
) -> Vec<ChainProblem> {
    if meeting.closed.is_none() {
        return Vec::new();
    }
    let mut replay = None;
    for entry in records {
        replay_step(&mut replay, entry);
    }
    replay.map_or_else(Vec::new, |expected| compared(meeting, &expected))
}

#[cfg(test)]
mod tests;
