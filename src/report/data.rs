//! The flat data tables `--format csv` writes: one row per record, one value
//! per column, ids rather than names where a spreadsheet would join on them.

use crate::domain::Score;
use crate::domain::audit::as_of::{self, ActionOn};
use crate::domain::audit::attendance::roll;
use crate::domain::meetings::{Listing, Traced, recorded_all, summary_with};
use crate::domain::queries;
use crate::report::build::Context;
use crate::report::model::Table;
use crate::report::words::{affects, yes_no};

/// The actions the history shows raised (or closed) in a meeting, space
/// separated: one only on the meeting's own list is left out.
fn recorded_ids(traced: &[Traced]) -> String {
    let ids: Vec<&str> = traced
        .iter()
        .filter(|t| t.listing != Listing::NotRecorded)
        .map(|t| t.action.as_str())
        .collect();
    ids.join(" ")
}

impl Context<'_> {
    pub(in crate::report) fn meetings_data(&self) -> Table {
        let mut table = Table::new(
            &[
                "meeting",
                "kind",
                "started",
                "closed",
                "facilitator",
                "present",
                "apologies",
                "absent",
                "top_management_present",
                "items_reviewed",
                "actions_raised",
                "actions_closed",
                "notes",
            ],
            "",
        );
        let recorded = recorded_all(self.register, self.held, Some(self.today));
        for (m, recorded) in self.held.iter().zip(recorded) {
            let summary = summary_with(self.register, m, recorded);
            table.row(vec![
                m.id.clone(),
                m.kind.label().to_string(),
                m.started.to_string(),
                m.closed.map_or(String::new(), |c| c.to_string()),
                m.facilitator.clone(),
                summary.present.len().to_string(),
                summary.apologies.len().to_string(),
                summary.absent.len().to_string(),
                self.top_managers_present(m).join(" "),
                summary.reviewed.to_string(),
                recorded_ids(&summary.raised),
                recorded_ids(&summary.closed),
                m.notes.clone(),
            ]);
        }
        table
    }

    pub(in crate::report) fn attendance_data(&self) -> Table {
        let mut table = Table::new(
            &[
                "meeting",
                "date",
                "person",
                "name",
                "role",
                "top_management",
                "attendance",
            ],
            "",
        );
        for m in self.held {
            // The first entry for a person is the one that counts.
            let roll = roll(m);
            for a in &m.attendance {
                let known = self.register.person(&a.person);
                table.row(vec![
                    m.id.clone(),
                    m.started.date().to_string(),
                    a.person.clone(),
                    self.name(&a.person),
                    known.map_or(String::new(), |p| p.role.clone()),
                    yes_no(known.is_some_and(|p| p.top_management)),
                    roll.get(a.person.as_str())
                        .map_or("", |p| p.label())
                        .to_string(),
                ]);
            }
        }
        table
    }

    pub(in crate::report) fn reviews_data(&self) -> Table {
        let mut table = Table::new(
            &[
                "meeting",
                "date",
                "item",
                "title",
                "before_likelihood",
                "before_impact",
                "before_score",
                "before_band",
                "after_likelihood",
                "after_impact",
                "after_score",
                "after_band",
                "decision",
                "next_review_agreed",
            ],
            "",
        );
        for m in self.held {
            for r in &m.reviewed {
                let mut row = vec![
                    m.id.clone(),
                    m.started.date().to_string(),
                    r.item.clone(),
                    self.title(&r.item),
                ];
                row.extend(self.score_columns(r.before));
                row.extend(self.score_columns(r.after));
                row.push(r.decision.clone());
                row.push(r.next_review.map_or(String::new(), |d| d.to_string()));
                table.row(row);
            }
        }
        table
    }

    fn score_columns(&self, score: Score) -> [String; 4] {
        [
            score.likelihood.to_string(),
            score.impact.to_string(),
            score.value().to_string(),
            self.band(score),
        ]
    }

    pub(in crate::report) fn register_data(&self) -> Table {
        let mut table = Table::new(
            &[
                "id",
                "kind",
                "title",
                "description",
                "affects",
                "source",
                "process",
                "owner",
                "owner_name",
                "current_likelihood",
                "current_impact",
                "current_score",
                "current_band",
                "target_likelihood",
                "target_impact",
                "target_score",
                "target_band",
                "treatment",
                "status",
                "next_review",
                "review_overdue",
                "open_actions",
                "overdue_actions",
                "created",
            ],
            "",
        );
        for item in &self.register.items {
            let mut row = vec![
                item.id.clone(),
                item.kind.label().to_string(),
                item.title.clone(),
                item.description.clone(),
                affects(item),
                item.source.label(),
                item.process.clone(),
                item.owner.clone(),
                self.name(&item.owner),
            ];
            row.extend(self.score_columns(item.current));
            row.extend(
                item.target
                    .map_or(Default::default(), |t| self.score_columns(t)),
            );
            row.extend([
                item.treatment.label().to_string(),
                item.status.label().to_string(),
                item.next_review.map_or(String::new(), |d| d.to_string()),
                yes_no(queries::review_overdue(item, self.today)),
                item.actions
                    .iter()
                    .filter(|a| matches!(as_of::action_on(a, self.today), ActionOn::NotDone { .. }))
                    .count()
                    .to_string(),
                item.actions
                    .iter()
                    .filter(|a| as_of::overdue_on(a, self.today))
                    .count()
                    .to_string(),
                item.created.to_string(),
            ]);
            table.row(row);
        }
        table
    }

    pub(in crate::report) fn actions_data(&self) -> Table {
        let mut table = Table::new(
            &[
                "action",
                "item",
                "text",
                "owner",
                "owner_name",
                "due",
                "status",
                "overdue",
                "done_on",
                "effectiveness",
                "checked_on",
                "checked_by",
                "check_note",
            ],
            "",
        );
        for (item, a) in self.every_action() {
            // As they stood on the day: done and checked later is not yet.
            let check = as_of::check_on(a, self.today);
            let done = as_of::action_on(a, self.today) == ActionOn::Done;
            table.row(vec![
                a.id.clone(),
                item.id.clone(),
                a.text.clone(),
                a.owner.clone(),
                self.name(&a.owner),
                a.due.to_string(),
                as_of::status_on(a, self.today).label().to_string(),
                yes_no(as_of::overdue_on(a, self.today)),
                a.done_on
                    .filter(|_| done)
                    .map_or(String::new(), |d| d.to_string()),
                check.map_or(String::new(), |e| e.verdict.label().to_string()),
                check.map_or(String::new(), |e| e.checked_on.to_string()),
                check.map_or(String::new(), |e| e.checked_by.clone()),
                check.map_or(String::new(), |e| e.note.clone()),
            ]);
        }
        table
    }
}
