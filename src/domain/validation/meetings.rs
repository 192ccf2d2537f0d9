//! The meetings' checks: what a meeting refers to, who attended, what it
//! reviewed.

use std::collections::HashSet;

use super::super::ids;
use super::super::model::{Item, Meeting};
use super::{Checker, open_meetings};

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
        let item_of = |id: &str| items.contains(id).then(|| register.item(id)).flatten();
        for meeting in &register.meetings {
            self.meeting(meeting, &item_of, &|id| actions.contains(id));
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

    /// One meeting's own checks; `item_of` finds an item by id and
    /// `action_exists` says whether an action id is in the register.
    pub(super) fn meeting(
        &mut self,
        meeting: &Meeting,
        item_of: &dyn Fn(&str) -> Option<&'a Item>,
        action_exists: &dyn Fn(&str) -> bool,
    ) {
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
        let mut seen = Vec::new();
        for entry in &meeting.attendance {
            self.known_person(format!("{id}.attendance"), &entry.person, "attendee");
            if seen.contains(&entry.person.as_str()) {
                self.error(
                    format!("{id}.attendance"),
                    format!(
                        "\"{}\" is listed twice; list each person once",
                        entry.person
                    ),
                );
            }
            seen.push(entry.person.as_str());
        }
        for review in &meeting.reviewed {
            let at = format!("{id}.reviewed.{}", review.item);
            match item_of(&review.item) {
                None => self.error(
                    format!("{at}.item"),
                    format!("\"{}\" is not an item of this register; a review must refer to an existing item id", review.item),
                ),
                Some(item) => {
                    self.score_in_scale(format!("{at}.before"), item.kind, review.before);
                    self.score_in_scale(format!("{at}.after"), item.kind, review.after);
                }
            }
            if meeting
                .reviewed
                .iter()
                .filter(|r| r.item == review.item)
                .count()
                > 1
            {
                self.error(
                    format!("{at}.item"),
                    format!(
                        "\"{}\" is reviewed twice in one meeting; keep one review per item",
                        review.item
                    ),
                );
            }
        }
        for agenda_item in &meeting.agenda {
            if item_of(agenda_item).is_none() {
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
            for action in list.iter().filter(|a| !action_exists(a.as_str())) {
                self.error(
                    format!("{id}.{field}"),
                    format!("\"{action}\" is not an action of this register; list action ids such as A-001"),
                );
            }
        }
    }
}
