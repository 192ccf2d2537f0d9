//! Minutes from the record: which actions a meeting raised and closed and
//! which targets it changed, as the history recorded them while it was open
//! (records whose `at` is from its start to its close), and what became of
//! those actions since: an action closed in the meeting and reopened later
//! shows as reopened. `Meeting.actions_raised`/`actions_closed` stay the
//! file's record; where they disagree with the history (a hand edit), the
//! history's account is shown and the difference marked.
//!
//! One pass over the history serves any number of meetings: each record is
//! put in the meeting whose time it falls in by a binary search over their
//! starts (one meeting is open at a time, so they do not overlap).

use std::collections::{HashMap, HashSet};

use crate::domain::dates::{Date, Timestamp};
use crate::domain::model::{Action, ActionStatus, HistoryRecord, Item, Meeting, Register, Score};

/// When a record was written, and by whom (its `by`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub at: Timestamp,
    pub by: String,
}

impl Stamp {
    fn words(&self) -> String {
        format!("{} by {}", self.at.date(), self.by)
    }
}

/// What a record made of an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Became {
    Status(ActionStatus),
    Removed,
}

impl Became {
    fn words(self) -> String {
        match self {
            Became::Status(status) => status.label().to_lowercase(),
            Became::Removed => "removed".to_string(),
        }
    }

    fn is_closed(self) -> bool {
        matches!(self, Became::Status(s) if !s.is_open())
    }
}

/// Whether the history and the meeting's own list agree on an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Listing {
    /// Both have it.
    Agreed,
    /// The history has it, the meeting's list does not.
    NotListed,
    /// The meeting's list has it, the history does not show it.
    NotRecorded,
}

/// One action a meeting raised or closed, and what became of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Traced {
    pub action: String,
    /// The item it belongs to, as its records name it (`R-001/A-003`).
    pub item: Option<String>,
    /// What it was when the meeting ended; `None`: no record of it by then.
    pub then: Option<Became>,
    /// For an action closed in the meeting: the first record after the
    /// meeting that made it open again.
    pub reopened: Option<Stamp>,
    /// The last record about it after the meeting: what it is now.
    pub since: Option<(Became, Stamp)>,
    pub listing: Listing,
}

impl Traced {
    /// "A-004 on R-001 (done 2026-05-02 by pjones)": what it is now and,
    /// if changed since the meeting, when and by whom.
    pub fn raised_line(&self) -> String {
        let mut notes = Vec::new();
        match (&self.since, self.then) {
            (Some((became, stamp)), _) => {
                notes.push(format!("{} {}", became.words(), stamp.words()))
            }
            (None, Some(then)) => notes.push(then.words()),
            (None, None) => {}
        }
        notes.extend(self.difference("raised"));
        let on = self
            .item
            .as_ref()
            .map_or(String::new(), |item| format!(" on {item}"));
        with_notes(format!("{}{on}", self.action), &notes)
    }

    /// "A-003 (reopened 2026-05-10 by jsmith)": bare while it stayed closed.
    pub fn closed_line(&self) -> String {
        let mut notes = Vec::new();
        if let Some(reopened) = &self.reopened {
            notes.push(format!("reopened {}", reopened.words()));
        }
        if let Some((became, stamp)) = &self.since
            && self.reopened.as_ref() != Some(stamp)
        {
            let then = if self.reopened.is_some() { "then " } else { "" };
            notes.push(format!("{then}{} {}", became.words(), stamp.words()));
        }
        notes.extend(self.difference("closed"));
        with_notes(self.action.clone(), &notes)
    }

    fn difference(&self, done: &str) -> Option<String> {
        match self.listing {
            Listing::Agreed => None,
            Listing::NotListed => Some(format!(
                "the history shows it {done} in the meeting; not on the meeting's list"
            )),
            Listing::NotRecorded => Some(format!(
                "on the meeting's list, but the history does not show it {done} in the meeting"
            )),
        }
    }
}

fn with_notes(head: String, notes: &[String]) -> String {
    if notes.is_empty() {
        head
    } else {
        format!("{head} ({})", notes.join("; "))
    }
}

/// An item's target as the meeting found it and left it ("2×3", "none").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetChange {
    pub item: String,
    pub from: String,
    pub to: String,
}

impl TargetChange {
    /// "R-001 2×3 → 2×2".
    pub fn line(&self) -> String {
        format!("{} {} → {}", self.item, self.from, self.to)
    }
}

/// What the history recorded in one meeting.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Recorded {
    pub raised: Vec<Traced>,
    pub closed: Vec<Traced>,
    pub targets: Vec<TargetChange>,
}

/// [`recorded_all`] for one meeting.
pub fn recorded(register: &Register, meeting: &Meeting, until: Option<Date>) -> Recorded {
    recorded_all(register, &[meeting], until)
        .pop()
        .unwrap_or_default()
}

/// What the history recorded in each meeting, in the order given, from
/// the records up to the end of `until` (all of them when `None`): one pass
/// over the history, a binary search per record.
pub fn recorded_all(
    register: &Register,
    meetings: &[&Meeting],
    until: Option<Date>,
) -> Vec<Recorded> {
    let mut windows: Vec<usize> = (0..meetings.len()).collect();
    windows.sort_by_key(|&m| meetings[m].started);
    let starts: Vec<Timestamp> = windows.iter().map(|&m| meetings[m].started).collect();
    let meeting_at = |at: Timestamp| -> Option<usize> {
        let after = starts.partition_point(|s| *s <= at);
        let m = windows[after.checked_sub(1)?];
        meetings[m].closed.is_none_or(|end| at <= end).then_some(m)
    };
    let mut pass = Pass::new(meetings.len());
    for (index, entry) in register.history.iter().enumerate() {
        if until.is_some_and(|day| entry.at.date() > day) {
            continue;
        }
        pass.record(index, entry, meeting_at(entry.at));
    }
    pass.finish(meetings)
}

/// One change to an action, in history order.
struct Event<'a> {
    at: Timestamp,
    index: usize,
    by: &'a str,
    item: &'a str,
    became: Became,
    /// From the action's own record (not its item's being added or removed).
    own: bool,
    added: bool,
}

/// An item's target records in one meeting: the first `old`, the last `new`.
struct Target<'a> {
    item: &'a str,
    first: &'a str,
    last: &'a str,
}

#[derive(Default)]
struct Touched<'a> {
    actions: Vec<&'a str>,
    seen: HashSet<&'a str>,
    targets: Vec<Target<'a>>,
    target_at: HashMap<&'a str, usize>,
}

struct Pass<'a> {
    events: HashMap<&'a str, Vec<Event<'a>>>,
    touched: Vec<Touched<'a>>,
}

impl<'a> Pass<'a> {
    fn new(meetings: usize) -> Pass<'a> {
        Pass {
            events: HashMap::new(),
            touched: (0..meetings).map(|_| Touched::default()).collect(),
        }
    }

    fn record(&mut self, index: usize, entry: &'a HistoryRecord, meeting: Option<usize>) {
        if let Some((item, action)) = entry.record.split_once('/') {
            let (became, added) = match entry.field.as_str() {
                "added" => match ron::from_str::<Action>(&entry.new) {
                    Ok(a) => (Became::Status(a.status), true),
                    Err(_) => return,
                },
                "status" => match ron::from_str::<ActionStatus>(&entry.new) {
                    Ok(status) => (Became::Status(status), false),
                    Err(_) => return,
                },
                "removed" => (Became::Removed, false),
                _ => return,
            };
            self.push(action, entry, index, item, became, true, added);
            if let Some(m) = meeting {
                let touched = &mut self.touched[m];
                if touched.seen.insert(action) {
                    touched.actions.push(action);
                }
            }
            return;
        }
        match entry.field.as_str() {
            "target" => {
                if let Some(m) = meeting {
                    let touched = &mut self.touched[m];
                    match touched.target_at.get(entry.record.as_str()) {
                        Some(&at) => touched.targets[at].last = &entry.new,
                        None => {
                            touched
                                .target_at
                                .insert(&entry.record, touched.targets.len());
                            touched.targets.push(Target {
                                item: &entry.record,
                                first: &entry.old,
                                last: &entry.new,
                            });
                        }
                    }
                }
            }
            // An item added (back) or removed brings or takes its actions.
            "added" | "removed" if !entry.record.starts_with("M-") => {
                let text = if entry.field == "added" {
                    &entry.new
                } else {
                    &entry.old
                };
                let Ok(item) = ron::from_str::<Item>(text) else {
                    return;
                };
                for a in &item.actions {
                    let became = if entry.field == "added" {
                        Became::Status(a.status)
                    } else {
                        Became::Removed
                    };
                    // The parsed item is gone after this: the id is found
                    // among the records' own keys, or not kept at all.
                    if let Some((key, _)) = self.events.get_key_value(a.id.as_str()) {
                        let key: &'a str = key;
                        self.push(key, entry, index, &entry.record, became, false, false);
                    }
                }
            }
            _ => {}
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        action: &'a str,
        entry: &'a HistoryRecord,
        index: usize,
        item: &'a str,
        became: Became,
        own: bool,
        added: bool,
    ) {
        self.events.entry(action).or_default().push(Event {
            at: entry.at,
            index,
            by: &entry.by,
            item,
            became,
            own,
            added,
        });
    }

    fn finish<'m>(mut self, meetings: &[&'m Meeting]) -> Vec<Recorded> {
        // Merged histories need not be in time order.
        for events in self.events.values_mut() {
            events.sort_by_key(|e| (e.at, e.index));
        }
        let reopens: HashMap<&str, Vec<Option<usize>>> = self
            .events
            .iter()
            .map(|(action, events)| (*action, next_reopen(events)))
            .collect();
        let no_events = Vec::new();
        meetings
            .iter()
            .zip(self.touched)
            .map(|(meeting, touched)| {
                let trace = |action: &str| {
                    let events = self.events.get(action).unwrap_or(&no_events);
                    let reopens = reopens.get(action).map_or(&[][..], Vec::as_slice);
                    Trace::of(meeting, events, reopens)
                };
                let mut recorded = Recorded::default();
                let listed = |list: &'m [String]| -> HashSet<&'m str> {
                    list.iter().map(String::as_str).collect()
                };
                let (raised_list, closed_list) = (
                    listed(&meeting.actions_raised),
                    listed(&meeting.actions_closed),
                );
                let (mut raised, mut closed) = (HashSet::new(), HashSet::new());
                for action in &touched.actions {
                    let t = trace(action);
                    if t.raised {
                        raised.insert(*action);
                        recorded
                            .raised
                            .push(t.traced(action, raised_list.contains(action)));
                    }
                    if t.closed {
                        closed.insert(*action);
                        recorded
                            .closed
                            .push(t.traced(action, closed_list.contains(action)));
                    }
                }
                for (list, done, out) in [
                    (&meeting.actions_raised, &raised, &mut recorded.raised),
                    (&meeting.actions_closed, &closed, &mut recorded.closed),
                ] {
                    for action in list.iter().filter(|a| !done.contains(a.as_str())) {
                        let mut traced = trace(action).traced(action, true);
                        traced.listing = Listing::NotRecorded;
                        out.push(traced);
                    }
                }
                recorded.targets = touched
                    .targets
                    .iter()
                    .filter(|t| t.first != t.last)
                    .map(|t| TargetChange {
                        item: t.item.to_string(),
                        from: target_words(t.first),
                        to: target_words(t.last),
                    })
                    .collect();
                recorded
            })
            .collect()
    }
}

/// For each event, the first one from it on that makes the action open
/// again: O(events), so no meeting scans far for its reopen.
fn next_reopen(events: &[Event]) -> Vec<Option<usize>> {
    let mut next = vec![None; events.len() + 1];
    for i in (0..events.len()).rev() {
        let opens = matches!(events[i].became, Became::Status(s) if s.is_open());
        next[i] = if opens { Some(i) } else { next[i + 1] };
    }
    next
}

/// What one meeting's records say of one action.
struct Trace<'e, 'a> {
    events: &'e [Event<'a>],
    /// Where the events after the meeting begin.
    after: usize,
    reopen: Option<usize>,
    raised: bool,
    closed: bool,
}

impl<'e, 'a> Trace<'e, 'a> {
    fn of(meeting: &Meeting, events: &'e [Event<'a>], reopens: &[Option<usize>]) -> Trace<'e, 'a> {
        let from = events.partition_point(|e| e.at < meeting.started);
        let after = meeting
            .closed
            .map_or(events.len(), |end| events.partition_point(|e| e.at <= end));
        let during = &events[from..after];
        let ends_closed = after > 0 && events[after - 1].became.is_closed();
        let closed = ends_closed && during.iter().any(|e| e.own && e.became.is_closed());
        Trace {
            events,
            after,
            reopen: if closed {
                reopens.get(after).copied().flatten()
            } else {
                None
            },
            raised: during.iter().any(|e| e.added),
            closed,
        }
    }

    fn traced(&self, action: &str, listed: bool) -> Traced {
        let stamp = |e: &Event| Stamp {
            at: e.at,
            by: e.by.to_string(),
        };
        let listing = if listed {
            Listing::Agreed
        } else {
            Listing::NotListed
        };
        Traced {
            action: action.to_string(),
            item: self.events.first().map(|e| e.item.to_string()),
            then: self.after.checked_sub(1).map(|i| self.events[i].became),
            reopened: self.reopen.map(|i| stamp(&self.events[i])),
            since: self
                .events
                .get(self.after..)
                .and_then(<[Event]>::last)
                .map(|e| (e.became, stamp(e))),
            listing,
        }
    }
}

/// A recorded target (`Some((likelihood:2,impact:3))`) as "2×3"; "none"
/// for no target; the record's text itself if it is not one.
fn target_words(text: &str) -> String {
    match ron::from_str::<Option<Score>>(text) {
        Ok(Some(s)) => format!("{}×{}", s.likelihood, s.impact),
        Ok(None) => "none".to_string(),
        Err(_) => text.to_string(),
    }
}

#[cfg(test)]
mod tests;
