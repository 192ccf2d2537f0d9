//! Who was at which meeting, as an auditor reads it across the period: each
//! person's presence per meeting and the top managers present.

use std::collections::{HashMap, HashSet};

use crate::domain::model::{Attendance, Meeting, Register};

/// How one person stood at one meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    Present,
    Apologies,
    Absent,
}

impl Presence {
    pub fn of(entry: &Attendance) -> Presence {
        match (entry.present, entry.apologies) {
            (true, _) => Presence::Present,
            (false, true) => Presence::Apologies,
            (false, false) => Presence::Absent,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Presence::Present => "present",
            Presence::Apologies => "apologies",
            Presence::Absent => "absent",
        }
    }
}

/// A meeting's attendance list by person; the first entry for a person is
/// the one that counts.
pub fn roll(meeting: &Meeting) -> HashMap<&str, Presence> {
    let mut roll = HashMap::with_capacity(meeting.attendance.len());
    for entry in &meeting.attendance {
        roll.entry(entry.person.as_str())
            .or_insert_with(|| Presence::of(entry));
    }
    roll
}

/// The people ids of the top managers present, in the list's order.
pub fn top_managers_present(register: &Register, meeting: &Meeting) -> Vec<String> {
    meeting
        .attendance
        .iter()
        .filter(|a| a.present && register.person(&a.person).is_some_and(|p| p.top_management))
        .map(|a| a.person.clone())
        .collect()
}

/// One person's line across the meetings held.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttendanceRow {
    pub person: String,
    /// Per meeting held, in their order; `None`: not on that meeting's list.
    pub presence: Vec<Option<Presence>>,
    /// How many of those meetings the person was present at.
    pub attended: usize,
}

/// Everyone on any of the meetings' attendance lists: top managers first,
/// then by name, then by id.
pub fn attendance_rows(register: &Register, held: &[&Meeting]) -> Vec<AttendanceRow> {
    let rolls: Vec<HashMap<&str, Presence>> = held.iter().map(|m| roll(m)).collect();
    let mut seen = HashSet::new();
    let mut people: Vec<&str> = Vec::new();
    for entry in held.iter().flat_map(|m| &m.attendance) {
        if seen.insert(entry.person.as_str()) {
            people.push(entry.person.as_str());
        }
    }
    let top = |id: &str| register.person(id).is_some_and(|p| p.top_management);
    people.sort_by(|a, b| {
        top(b)
            .cmp(&top(a))
            .then_with(|| register.person_name(a).cmp(register.person_name(b)))
            .then(a.cmp(b))
    });
    people
        .into_iter()
        .map(|person| {
            let presence: Vec<Option<Presence>> =
                rolls.iter().map(|r| r.get(person).copied()).collect();
            AttendanceRow {
                person: person.to_string(),
                attended: presence
                    .iter()
                    .filter(|p| **p == Some(Presence::Present))
                    .count(),
                presence,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::sample;

    #[test]
    fn rows_put_top_management_first_and_blank_who_was_not_listed() {
        let mut r = sample();
        // Listed before jsmith and first by name, but not a top manager.
        r.people[2].name = "Adam Lead".into();
        r.meetings[0].attendance.insert(
            0,
            Attendance {
                person: "qlead".into(),
                present: true,
                apologies: false,
                arrived: None,
                left: None,
            },
        );
        let mut second = r.meetings[0].clone();
        second.id = "M-002".into();
        second.attendance.retain(|a| a.person == "jsmith");
        second.attendance[0].present = false;
        second.attendance[0].apologies = true;
        r.meetings.push(second);
        let held: Vec<&Meeting> = r.meetings.iter().collect();
        let rows = attendance_rows(&r, &held);
        assert_eq!(rows[0].person, "jsmith", "{rows:?}");
        assert_eq!(
            rows[0].presence,
            [Some(Presence::Present), Some(Presence::Apologies)]
        );
        assert_eq!(rows[0].attended, 1);
        assert_eq!(rows[1].person, "qlead");
        assert_eq!(rows[1].presence, [Some(Presence::Present), None]);
        assert_eq!(top_managers_present(&r, &r.meetings[0]), ["jsmith"]);
        assert!(top_managers_present(&r, &r.meetings[1]).is_empty());
    }
}
