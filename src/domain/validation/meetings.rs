//! The meetings' checks: what a meeting refers to, who attended and when,
//! what it reviewed, skipped and (a management review) considered.
//!
//! Sets and maps are built once per meeting, so each check is linear in
//! the meeting's lists.

use std::collections::{HashMap, HashSet};

use super::super::dates::Timestamp;
use super::super::ids;
use super::super::model::{Attendance, Item, Meeting, MeetingKind, Register};
use super::{Checker, open_meetings};

/// What a meeting's checks look up in the rest of the register, each
/// without a search through it.
pub(super) struct Lookups<'l, 'a> {
    /// The item with this id.
    pub(super) item_of: &'l dyn Fn(&str) -> Option<&'a Item>,
    /// Whether an action has this id.
    pub(super) action_exists: &'l dyn Fn(&str) -> bool,
    /// The people id of the person with this full name.
    pub(super) person_named: &'l dyn Fn(&str) -> Option<&'l str>,
}

/// Each person's full name (trimmed) with their id; the first id wins
/// when two people share a name.
pub(super) fn person_names(register: &Register) -> HashMap<&str, &str> {
    let mut names = HashMap::new();
    for person in &register.people {
        names
            .entry(person.name.trim())
            .or_insert(person.id.as_str());
    }
    names
}

/// Why `at` falls outside the meeting, if it does: before its start, or
/// after its close.
fn outside(meeting: &Meeting, at: Timestamp) -> Option<String> {
    if at < meeting.started {
        return Some(format!("before the meeting started at {}", meeting.started));
    }
    match meeting.closed {
        Some(closed) if at > closed => Some(format!("after the meeting closed at {closed}")),
        _ => None,
    }
}

impl<'a> Checker<'a> {
    pub(super) fn meetings(&mut self) {
        let register = self.register;
        // Sets, so a reference that is not there costs no search.
        let items: HashSet<&str> = register.items.iter().map(|i| i.id.as_str()).collect();
        let actions: HashSet<&str> = register
            .items
            .iter()
            .flat_map(|i| i.actions.iter().map(|a| a.id.as_str()))
            .collect();
        let names = person_names(register);
        let item_of = |id: &str| items.contains(id).then(|| register.item(id)).flatten();
        let lookups = Lookups {
            item_of: &item_of,
            action_exists: &|id| actions.contains(id),
            person_named: &|name| names.get(name).copied(),
        };
        for meeting in &register.meetings {
            self.meeting(meeting, &lookups);
        }
        let open = register
            .meetings
            .iter()
            .filter(|m| m.closed.is_none())
            .map(|m| m.id.as_str());
        if let Some(problem) = open_meetings(open) {
            self.problems.push(problem);
        }
    }

    /// One meeting's own checks, looking up the rest of the register in
    /// `lookups`.
    pub(super) fn meeting(&mut self, meeting: &Meeting, lookups: &Lookups<'_, 'a>) {
        let id = &meeting.id;
        if !matches!(ids::parse(id), Some(("M", _))) {
            self.warn(
                format!("{id}.id"),
                format!(
                    "\"{id}\" does not look like a meeting id; roreg gives them as M-001, M-002, …"
                ),
            );
        }
        self.known_person(
            format!("{id}.facilitator"),
            &meeting.facilitator,
            "facilitator",
        );
        if let Some(closed) = meeting.closed
            && closed < meeting.started
        {
            self.error(
                format!("{id}.closed"),
                format!(
                    "closed at {closed}, before it started at {}; a meeting closes after it starts",
                    meeting.started
                ),
            );
        }
        let mut seen = HashSet::new();
        for entry in &meeting.attendance {
            self.known_person(format!("{id}.attendance"), &entry.person, "attendee");
            if !seen.insert(entry.person.as_str()) {
                self.error(
                    format!("{id}.attendance"),
                    format!(
                        "\"{}\" is listed twice; list each person once",
                        entry.person
                    ),
                );
            }
            self.came_and_went(meeting, entry);
        }
        self.reviewed(meeting, lookups);
        for agenda_item in &meeting.agenda {
            if (lookups.item_of)(agenda_item).is_none() {
                self.error(
                    format!("{id}.agenda"),
                    format!("\"{agenda_item}\" is not an item of this register; the agenda lists item ids"),
                );
            }
        }
        for (field, list) in [
            ("actions_raised", &meeting.actions_raised),
            ("actions_closed", &meeting.actions_closed),
        ] {
            for action in list.iter().filter(|a| !(lookups.action_exists)(a.as_str())) {
                self.error(
                    format!("{id}.{field}"),
                    format!("\"{action}\" is not an action of this register; list action ids such as A-001"),
                );
            }
        }
        self.skipped(meeting, lookups);
        self.guests(meeting, lookups);
        self.considered(meeting);
    }

    /// A late arrival or an early leave: of someone present, inside the
    /// meeting, and leaving after arriving.
    fn came_and_went(&mut self, meeting: &Meeting, entry: &Attendance) {
        let at = format!("{}.attendance[{}]", meeting.id, entry.person);
        if !entry.present {
            for (field, time) in [("arrived", entry.arrived), ("left", entry.left)] {
                if let Some(time) = time {
                    self.error(
                        format!("{at}.{field}"),
                        format!(
                            "{field} at {time}, but \"{}\" is marked not present; set present: true, or {field}: None",
                            entry.person
                        ),
                    );
                }
            }
            return;
        }
        if let Some(arrived) = entry.arrived
            && let Some(side) = outside(meeting, arrived)
        {
            self.error(
                format!("{at}.arrived"),
                format!(
                    "arrived at {arrived}, {side}; a late arrival falls between the meeting's start and its close"
                ),
            );
        }
        let Some(left) = entry.left else { return };
        match entry.arrived {
            Some(arrived) if left < arrived => self.error(
                format!("{at}.left"),
                format!("left at {left}, before arriving at {arrived}; one leaves after arriving"),
            ),
            _ => {
                if let Some(side) = outside(meeting, left) {
                    self.error(
                        format!("{at}.left"),
                        format!(
                            "left at {left}, {side}; an early leave falls between the meeting's start and its close"
                        ),
                    );
                }
            }
        }
    }

    /// Each review: of an existing item, scored on its scale, once per
    /// meeting; a 9.3.3 output only in a management review.
    fn reviewed(&mut self, meeting: &Meeting, lookups: &Lookups<'_, 'a>) {
        let id = &meeting.id;
        let mut times: HashMap<&str, usize> = HashMap::new();
        for review in &meeting.reviewed {
            *times.entry(review.item.as_str()).or_default() += 1;
        }
        let mut told: HashSet<&str> = HashSet::new();
        for review in &meeting.reviewed {
            let at = format!("{id}.reviewed.{}", review.item);
            match (lookups.item_of)(&review.item) {
                None => self.error(
                    format!("{at}.item"),
                    format!("\"{}\" is not an item of this register; a review must refer to an existing item id", review.item),
                ),
                Some(item) => {
                    self.score_in_scale(format!("{at}.before"), item.kind, review.before);
                    self.score_in_scale(format!("{at}.after"), item.kind, review.after);
                }
            }
            let reviews = times[review.item.as_str()];
            // Said once per item, however many reviews it has.
            if reviews > 1 && told.insert(review.item.as_str()) {
                let how_often = match reviews {
                    2 => "twice".to_string(),
                    n => format!("{n} times"),
                };
                self.error(
                    format!("{at}.item"),
                    format!(
                        "\"{}\" is reviewed {how_often} in one meeting; keep one review per item",
                        review.item
                    ),
                );
            }
            if meeting.kind == MeetingKind::RiskReview
                && let Some(output) = review.output
            {
                self.warn(
                    format!("{at}.output"),
                    format!(
                        "the decision is classified as \"{}\" in a risk review; only management reviews classify outputs (9.3.3): remove output, or make the meeting kind: ManagementReview",
                        output.label()
                    ),
                );
            }
        }
    }

    /// Each skip: of an item on the agenda, once, inside the meeting, and
    /// not after the item was reviewed (the minutes would contradict).
    fn skipped(&mut self, meeting: &Meeting, lookups: &Lookups<'_, 'a>) {
        let id = &meeting.id;
        let agenda: HashSet<&str> = meeting.agenda.iter().map(String::as_str).collect();
        let mut first_reviewed: HashMap<&str, Timestamp> = HashMap::new();
        for review in &meeting.reviewed {
            first_reviewed
                .entry(review.item.as_str())
                .and_modify(|at| *at = (*at).min(review.at))
                .or_insert(review.at);
        }
        let mut seen = HashSet::new();
        for skip in &meeting.skipped {
            let item = skip.item.as_str();
            let at = format!("{id}.skipped[{item}]");
            if !seen.insert(item) {
                self.error(
                    at,
                    format!("\"{item}\" is skipped twice; keep one skip per item"),
                );
                continue;
            }
            if (lookups.item_of)(item).is_none() {
                self.error(
                    &at,
                    format!("\"{item}\" is not an item of this register; a skip must refer to an existing item id"),
                );
            } else if !agenda.contains(item) {
                self.warn(
                    &at,
                    format!("\"{item}\" is not on the meeting's agenda; skip only agenda items, or add it to the agenda"),
                );
            }
            if let Some(reviewed) = first_reviewed.get(item)
                && skip.at > *reviewed
            {
                self.warn(
                    &at,
                    format!(
                        "skipped at {}, after it was reviewed at {reviewed}; the minutes would contradict themselves: remove the skip or the review",
                        skip.at
                    ),
                );
            }
            if let Some(side) = outside(meeting, skip.at) {
                self.error(
                    format!("{at}.at"),
                    format!(
                        "skipped at {}, {side}; a skip falls between the meeting's start and its close",
                        skip.at
                    ),
                );
            }
        }
    }

    /// Each guest: named, once, and not someone of the register (who
    /// would then not count as attending).
    fn guests(&mut self, meeting: &Meeting, lookups: &Lookups<'_, 'a>) {
        let id = &meeting.id;
        let mut seen = HashSet::new();
        for (index, guest) in meeting.guests.iter().enumerate() {
            let name = guest.name.trim();
            if name.is_empty() {
                self.error(
                    format!("{id}.guests"),
                    format!(
                        "guest {} of {} has no name; give the guest's full name, e.g. \"Ola Berg\", or remove the entry",
                        index + 1,
                        meeting.guests.len()
                    ),
                );
                continue;
            }
            let at = format!("{id}.guests[{name}]");
            if !seen.insert(name) {
                self.error(
                    at,
                    format!("\"{name}\" is listed twice as a guest; list each guest once"),
                );
                continue;
            }
            if let Some(person) = (lookups.person_named)(name) {
                self.warn(
                    at,
                    format!(
                        "\"{name}\" is the name of {person} in people; list them as an attendee so they count"
                    ),
                );
            }
        }
    }

    /// The 9.3.2 inputs considered: only by a management review, each once,
    /// inside the meeting, with a note of what was seen.
    fn considered(&mut self, meeting: &Meeting) {
        let id = &meeting.id;
        if meeting.kind != MeetingKind::ManagementReview && !meeting.considered.is_empty() {
            let codes: Vec<&str> = meeting.considered.iter().map(|c| c.input.code()).collect();
            self.error(
                format!("{id}.considered"),
                format!(
                    "a risk review lists 9.3.2 inputs considered ({}); only a management review considers them: remove them, or make the meeting kind: ManagementReview",
                    codes.join(", ")
                ),
            );
        }
        let mut seen = HashSet::new();
        for considered in &meeting.considered {
            let input = considered.input;
            let at = format!("{id}.considered[{}]", input.code());
            if !seen.insert(input) {
                self.error(
                    at,
                    format!(
                        "9.3.2 {} ({}) is considered twice; keep one entry per input",
                        input.code(),
                        input.label()
                    ),
                );
                continue;
            }
            if let Some(side) = outside(meeting, considered.at) {
                self.error(
                    format!("{at}.at"),
                    format!(
                        "considered at {}, {side}; an input is considered between the meeting's start and its close",
                        considered.at
                    ),
                );
            }
            if considered.note.trim().is_empty() {
                self.warn(
                    format!("{at}.note"),
                    "no note; say what the review saw, e.g. \"3 of 4 actions done, all checked effective\"",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests;
