//! Who is in the room, as the meeting goes: someone arrives late or leaves
//! early, a guest from outside the register attends, an agenda item is
//! passed over. Each changes only the open meeting.

use super::dates::Timestamp;
use super::meetings::open_meeting_mut;
use super::model::{Guest, Register, Skip};

/// `person` came after the start: present from `at`, and no longer absent.
pub fn arrive(register: &mut Register, person: &str, at: Timestamp) -> Result<(), String> {
    let meeting = open_meeting_mut(register)?;
    let attendance = meeting
        .attendance
        .iter_mut()
        .find(|a| a.person == person)
        .ok_or_else(|| format!("{person} is not on this meeting's attendance list"))?;
    if attendance.present && attendance.arrived.is_none() {
        return Err(format!("{person} is already marked present from the start"));
    }
    attendance.present = true;
    attendance.apologies = false;
    attendance.arrived = Some(at);
    attendance.left = None;
    Ok(())
}

/// `person` left before the close, at `at`.
pub fn leave(register: &mut Register, person: &str, at: Timestamp) -> Result<(), String> {
    let meeting = open_meeting_mut(register)?;
    let attendance = meeting
        .attendance
        .iter_mut()
        .find(|a| a.person == person)
        .ok_or_else(|| format!("{person} is not on this meeting's attendance list"))?;
    if !attendance.present {
        return Err(format!("{person} is not marked present, so cannot leave"));
    }
    attendance.left = Some(at);
    Ok(())
}

/// A guest attends: named once, never counted as top management.
pub fn add_guest(register: &mut Register, guest: Guest) -> Result<(), String> {
    let name = guest.name.trim().to_string();
    if name.is_empty() {
        return Err("a guest needs a name".into());
    }
    let meeting = open_meeting_mut(register)?;
    if meeting.guests.iter().any(|g| g.name == name) {
        return Err(format!("{name} is already listed as a guest"));
    }
    meeting.guests.push(Guest { name, ..guest });
    Ok(())
}

/// The meeting passed over `item` (on its agenda), for `reason`.
pub fn skip(
    register: &mut Register,
    item: &str,
    reason: &str,
    at: Timestamp,
) -> Result<(), String> {
    let meeting = open_meeting_mut(register)?;
    if !meeting.agenda.iter().any(|i| i == item) {
        return Err(format!("{item} is not on the agenda"));
    }
    let skip = Skip {
        item: item.to_string(),
        reason: reason.trim().to_string(),
        at,
    };
    match meeting.skipped.iter_mut().find(|s| s.item == item) {
        Some(existing) => *existing = skip,
        None => meeting.skipped.push(skip),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::history::{diff, record, verify};
    use crate::domain::testing::sample;
    use crate::domain::{Attendance, MeetingKind, meetings};

    fn at(s: &str) -> Timestamp {
        Timestamp::parse(s).unwrap()
    }

    fn change(r: &mut Register, when: &str, f: impl FnOnce(&mut Register)) {
        let before = r.clone();
        f(r);
        let changes = diff(&before, r);
        record(r, changes, at(when), "qlead");
    }

    fn person(id: &str, present: bool) -> Attendance {
        Attendance {
            person: id.into(),
            present,
            apologies: false,
            arrived: None,
            left: None,
        }
    }

    #[test]
    fn the_room_as_it_changes_is_recorded_and_the_closed_minutes_verify() {
        let mut r = sample();
        let agenda: Vec<String> = r.items.iter().map(|i| i.id.clone()).collect();
        change(&mut r, "2026-11-21T09:00:00Z", |r| {
            meetings::start(
                r,
                MeetingKind::RiskReview,
                "qlead",
                vec![person("qlead", true), person("jsmith", false)],
                agenda.clone(),
                at("2026-11-21T09:00:00Z"),
            )
            .unwrap();
        });
        change(&mut r, "2026-11-21T09:20:00Z", |r| {
            arrive(r, "jsmith", at("2026-11-21T09:20:00Z")).unwrap()
        });
        change(&mut r, "2026-11-21T09:25:00Z", |r| {
            add_guest(
                r,
                Guest {
                    name: "Ola Berg".into(),
                    role: "external auditor".into(),
                    organisation: "Certifier AB".into(),
                },
            )
            .unwrap()
        });
        let first = agenda[0].clone();
        change(&mut r, "2026-11-21T09:30:00Z", |r| {
            skip(r, &first, "owner absent", at("2026-11-21T09:30:00Z")).unwrap()
        });
        change(&mut r, "2026-11-21T09:50:00Z", |r| {
            leave(r, "qlead", at("2026-11-21T09:50:00Z")).unwrap()
        });
        change(&mut r, "2026-11-21T10:00:00Z", |r| {
            meetings::close(r, at("2026-11-21T10:00:00Z")).unwrap();
        });
        let m = r.meetings.last().unwrap();
        let jsmith = m.attendance.iter().find(|a| a.person == "jsmith").unwrap();
        assert!(jsmith.present);
        assert_eq!(jsmith.arrived, Some(at("2026-11-21T09:20:00Z")));
        let qlead = m.attendance.iter().find(|a| a.person == "qlead").unwrap();
        assert_eq!(qlead.left, Some(at("2026-11-21T09:50:00Z")));
        assert_eq!(m.guests[0].organisation, "Certifier AB");
        assert_eq!(m.skipped[0].item, first);
        assert_eq!(m.skipped[0].reason, "owner absent");
        // Each is one small record, keyed like the other meeting lists.
        let fields: Vec<&str> = r.history.iter().map(|h| h.field.as_str()).collect();
        assert!(fields.contains(&"attendance[jsmith]"), "{fields:?}");
        assert!(fields.contains(&"guests[Ola Berg]"), "{fields:?}");
        assert!(
            fields.contains(&format!("skipped[{first}]").as_str()),
            "{fields:?}"
        );
        // And the closed minutes replay from them: nothing looks altered.
        assert!(verify(&r).is_empty(), "{:?}", verify(&r));
        // Edited afterwards, outside roreg, it shows.
        let mut edited = r.clone();
        edited.meetings.last_mut().unwrap().guests[0].organisation = "Someone else".into();
        assert!(!verify(&edited).is_empty());
    }

    #[test]
    fn the_room_refuses_what_did_not_happen() {
        let mut r = sample();
        meetings::start(
            &mut r,
            MeetingKind::RiskReview,
            "qlead",
            vec![person("qlead", true), person("jsmith", false)],
            vec!["R-001".into()],
            at("2026-11-21T09:00:00Z"),
        )
        .unwrap();
        let now = at("2026-11-21T09:10:00Z");
        assert!(
            arrive(&mut r, "qlead", now)
                .unwrap_err()
                .contains("already")
        );
        assert!(
            leave(&mut r, "jsmith", now)
                .unwrap_err()
                .contains("not marked present")
        );
        assert!(arrive(&mut r, "nobody", now).is_err());
        assert!(
            skip(&mut r, "O-999", "", now)
                .unwrap_err()
                .contains("not on the agenda")
        );
        let guest = || Guest {
            name: " Ola ".into(),
            role: String::new(),
            organisation: String::new(),
        };
        add_guest(&mut r, guest()).unwrap();
        assert_eq!(r.meetings.last().unwrap().guests[0].name, "Ola");
        assert!(add_guest(&mut r, guest()).unwrap_err().contains("already"));
    }
}
