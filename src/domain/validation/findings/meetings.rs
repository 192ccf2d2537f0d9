//! The meetings' side of the findings: a meeting id's checks, the ids its
//! meetings refer to, and what the history says of their minutes.

use std::collections::HashSet;

use super::super::meetings::Lookups;
use super::super::{Checker, Problem, chain_problem};
use super::{Findings, Use, Work, nonempty, with_id};
use crate::domain::baseline;
use crate::domain::history::{self, ChainProblem, GENESIS};
use crate::domain::model::{Meeting, Register};

/// What is found about the meetings with one id.
#[derive(Default)]
pub(super) struct MeetingFindings {
    pub(super) own: Vec<Problem>,
    pub(super) refers: Vec<String>,
    pub(super) open: usize,
    pub(super) anchors: Vec<Problem>,
    pub(super) minutes: Vec<Problem>,
    pub(super) baselined: Vec<Problem>,
}

impl Findings {
    /// A meeting id: its meetings' checks, the ids they refer to, whether
    /// they are open, and what the history says of their minutes.
    pub(super) fn recheck_meeting(&mut self, register: &Register, id: &str, work: &mut Work) {
        let meetings = with_id(&register.meetings, register.meeting_slot(id), id, |m| &m.id);
        let m = self.meeting_findings(register, meetings);
        self.replace(work, |f| &mut f.meetings, id, m.own);
        self.replace(work, |f| &mut f.anchors, id, m.anchors);
        self.replace(work, |f| &mut f.minutes, id, m.minutes);
        self.replace(work, |f| &mut f.baselined, id, m.baselined);
        if self.open.get(id).copied().unwrap_or(0) != m.open {
            self.put(work, |f| &mut f.open, id, (m.open > 0).then_some(m.open));
        }
        let old = self.refers_to.get(id).cloned().unwrap_or_default();
        if old != m.refers {
            let (old_set, new_set): (HashSet<&String>, HashSet<&String>) =
                (old.iter().collect(), m.refers.iter().collect());
            for gone in old.iter().filter(|x| !new_set.contains(x)) {
                let mut by = self.referred_by.get(gone).cloned().unwrap_or_default();
                by.remove(id);
                self.put(
                    work,
                    |f| &mut f.referred_by,
                    gone,
                    (!by.is_empty()).then_some(by),
                );
            }
            for came in m.refers.iter().filter(|x| !old_set.contains(x)) {
                let mut by = self.referred_by.get(came).cloned().unwrap_or_default();
                by.insert(id.to_string());
                self.put(work, |f| &mut f.referred_by, came, Some(by));
            }
            self.put(work, |f| &mut f.refers_to, id, nonempty(m.refers));
        }
        let fresh = meetings
            .iter()
            .map(|m| Use {
                record: m.id.clone(),
                action: None,
                meeting: true,
            })
            .collect();
        self.set_uses(work, id, (id, true), fresh);
    }

    /// The checks of the meetings with one id, against the indexes.
    pub(super) fn meeting_findings(
        &self,
        register: &Register,
        meetings: &[Meeting],
    ) -> MeetingFindings {
        let mut found = MeetingFindings::default();
        let Some(first) = meetings.first() else {
            return found;
        };
        let id = first.id.as_str();
        let mut check = Checker::new(register);
        let uses =
            |x: &str, what: fn(&Use) -> bool| self.uses.get(x).is_some_and(|u| u.iter().any(what));
        let item_of = |x: &str| {
            uses(x, |u| !u.meeting && u.action.is_none())
                .then(|| register.item(x))
                .flatten()
        };
        let action_exists = |x: &str| uses(x, |u| u.action.is_some());
        let lookups = Lookups {
            item_of: &item_of,
            action_exists: &action_exists,
            person_named: &|name| self.person_names.get(name).map(String::as_str),
        };
        let records = self.chain.about.get(id).map_or(&[][..], Vec::as_slice);
        let added = records
            .iter()
            .any(|&p| register.history[p].field == "added");
        for meeting in meetings {
            check.meeting(meeting, &lookups);
            found.open += usize::from(meeting.closed.is_none());
            found
                .refers
                .extend(meeting.reviewed.iter().map(|r| r.item.clone()));
            found.refers.extend(meeting.agenda.iter().cloned());
            found
                .refers
                .extend(meeting.skipped.iter().map(|s| s.item.clone()));
            found.refers.extend(meeting.actions_raised.iter().cloned());
            found.refers.extend(meeting.actions_closed.iter().cloned());
            let problem = |p: ChainProblem| chain_problem(register, &p);
            if meeting.closed.is_some()
                && let Some(anchor) = &meeting.anchor
                && anchor != GENESIS
                && !self.chain.hashes.contains(anchor)
            {
                found.anchors.push(problem(ChainProblem::MissingAnchor {
                    meeting: meeting.id.clone(),
                    anchor: anchor.clone(),
                }));
            }
            let about = records.iter().map(|&p| &register.history[p]);
            found.minutes.extend(
                history::altered_minutes_of(meeting, about)
                    .into_iter()
                    .map(problem),
            );
            let vouched = self.chain.vouched.get(id);
            if !added && vouched.is_some_and(|hash| *hash != baseline::minutes_hash(meeting)) {
                found.baselined.push(problem(ChainProblem::MinutesAltered {
                    meeting: meeting.id.clone(),
                    field: "minutes".into(),
                }));
            }
        }
        found.own = check.problems;
        found.refers.sort();
        found.refers.dedup();
        found
    }
}
