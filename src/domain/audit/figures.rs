//! The audit figures as the audit view shows them: a label, a value and one
//! line per record, each figure also carrying the ids of its records as data.

use super::{ActionRef, Audit, top_bands};
use crate::domain::model::Register;
use crate::text::plural;

/// One figure and the records that make it up: their ids, and each as one
/// line of text beginning with the record's id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure {
    pub label: String,
    pub value: String,
    /// The ids of the records behind the figure (meetings, items or
    /// actions), in the order of `records`; empty where the records are
    /// sentences rather than records (the history's integrity).
    pub ids: Vec<String>,
    pub records: Vec<String>,
}

/// Whether the figures write out their records' lines, or give their ids only.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lines {
    Written,
    Left,
}

impl Figure {
    fn of<T>(
        label: String,
        value: String,
        records: &[T],
        id: impl Fn(&T) -> String,
        line: impl Fn(&T) -> String,
        lines: Lines,
    ) -> Figure {
        Figure {
            label,
            value,
            ids: records.iter().map(id).collect(),
            records: match lines {
                Lines::Written => records.iter().map(line).collect(),
                Lines::Left => Vec::new(),
            },
        }
    }
}

impl Audit {
    /// Every figure, in the order an auditor reads them, with its records
    /// written out as one line each.
    pub fn figures(&self, register: &Register) -> Vec<Figure> {
        self.figures_with(register, Lines::Written)
    }

    /// Every figure with the ids of its records but not their lines, for a
    /// table that shows the records elsewhere: writing a line per record of
    /// a large register costs more than the rest of the figures.
    pub fn figures_by_id(&self, register: &Register) -> Vec<Figure> {
        self.figures_with(register, Lines::Left)
    }

    fn figures_with(&self, register: &Register, lines: Lines) -> Vec<Figure> {
        let meeting_line = |id: &String| {
            register.meeting(id).map_or(id.clone(), |m| {
                let present = m.attendance.iter().filter(|a| a.present).count();
                format!(
                    "{id} {} {} ({present} present)",
                    m.started.date(),
                    m.kind.label()
                )
            })
        };
        let item_line = |id: &String| {
            register.item(id).map_or(id.clone(), |i| {
                let review = i
                    .next_review
                    .map_or("no review date".to_string(), |d| format!("review {d}"));
                format!("{id} {} ({review})", i.title)
            })
        };
        let action_line = |key: &ActionRef| {
            register
                .item(&key.item)
                .and_then(|i| i.actions.iter().find(|a| a.id == key.action))
                .map_or(key.to_string(), |a| {
                    format!(
                        "{} on {}: {} (owner {}, due {})",
                        key.action, key.item, a.text, a.owner, a.due
                    )
                })
        };
        let count = |n: usize, of: usize| format!("{n} of {of}");
        let meetings = |label: String, value: String, ids: &[String]| {
            Figure::of(label, value, ids, String::clone, meeting_line, lines)
        };
        let mut figures = vec![
            meetings(
                "Meetings held".into(),
                format!(
                    "{} ({}, {})",
                    self.meetings.len(),
                    plural(self.risk_reviews, "risk review", "risk reviews"),
                    plural(
                        self.management_reviews,
                        "management review",
                        "management reviews"
                    ),
                ),
                &self.meetings,
            ),
            // Closed with nothing reviewed: counted apart, never as review.
            meetings(
                "Meetings held, no decisions".into(),
                self.held_no_decisions.len().to_string(),
                &self.held_no_decisions,
            ),
            meetings(
                "Meetings with top management present".into(),
                count(self.with_top_management.len(), self.reviewing()),
                &self.with_top_management,
            ),
        ];
        for a in &self.attendance {
            figures.push(meetings(
                format!(
                    "Attendance of {} ({})",
                    register.person_name(&a.person),
                    a.person
                ),
                count(a.attended.len(), a.held),
                &a.attended,
            ));
        }
        figures.push(Figure::of(
            format!(
                "{} items reviewed with top management within their interval",
                top_bands(register)
            ),
            count(self.high_items_reviewed_in_time(), self.high_items.len()),
            &self.high_items,
            |h| h.item.clone(),
            |h| {
                let when = match &h.last_top_review {
                    Some((meeting, day)) => {
                        format!("last reviewed with top management {day} in {meeting}")
                    }
                    None => "never reviewed with top management".to_string(),
                };
                let verdict = if h.within_interval {
                    "in time"
                } else {
                    "NOT in time"
                };
                format!(
                    "{} {} ({}): {when}, {verdict}",
                    h.item,
                    register.item(&h.item).map_or("", |i| i.title.as_str()),
                    h.band
                )
            },
            lines,
        ));
        let items = |label: &str, ids: &[String]| {
            Figure::of(
                label.into(),
                ids.len().to_string(),
                ids,
                String::clone,
                item_line,
                lines,
            )
        };
        let actions = |label: &str, keys: &[ActionRef]| {
            Figure::of(
                label.into(),
                keys.len().to_string(),
                keys,
                |k| k.action.clone(),
                action_line,
                lines,
            )
        };
        figures.push(items("Reviews overdue", &self.reviews_overdue));
        figures.push(actions("Actions overdue", &self.actions_overdue));
        figures.push(actions(
            "Actions done without an effectiveness check",
            &self.done_unchecked,
        ));
        let standing = &self.management_review;
        figures.push(Figure {
            label: "Management review (9.3.1)".to_string(),
            value: standing.short(),
            ids: standing.last.iter().map(|(id, _)| id.clone()).collect(),
            records: vec![match &standing.last {
                Some((id, _)) => format!("{}: {}", meeting_line(id), standing.describe()),
                None => standing.describe(),
            }],
        });
        let gaps: usize = self.input_gaps.iter().map(|(_, g)| g.len()).sum();
        figures.push(Figure::of(
            "9.3.2 inputs not considered".into(),
            if self.input_gaps.is_empty() {
                "none held".to_string()
            } else {
                gaps.to_string()
            },
            &self.input_gaps,
            |(id, _)| id.clone(),
            |(id, missing)| {
                let codes: Vec<&str> = missing.iter().map(|i| i.code()).collect();
                let of = crate::domain::ManagementInput::ALL.len();
                match codes.is_empty() {
                    true => format!("{}: all {of} inputs considered", meeting_line(id)),
                    false => format!(
                        "{}: {} of {of} not considered ({})",
                        meeting_line(id),
                        codes.len(),
                        codes.join(", ")
                    ),
                }
            },
            lines,
        ));
        figures.push(items("Opportunities pursued", &self.opportunities_pursued));
        figures.push(items(
            "Opportunities declined",
            &self.opportunities_declined,
        ));
        figures
    }
}

/// Whether the change history still is what roreg wrote. Its records are
/// sentences, not ids, so it stands apart from `Audit::figures`.
pub fn history_integrity(register: &Register) -> Figure {
    use crate::domain::history::{ChainProblem, verify};
    let problems = verify(register);
    let broken = problems
        .iter()
        .any(|p| !matches!(p, ChainProblem::ChangedOutside));
    let records = register.history.len();
    let anchors = register
        .meetings
        .iter()
        .filter(|m| m.anchor.is_some())
        .count();
    // What no record covers is never "intact": nothing would show it edited.
    let missing = crate::domain::baseline::unprotected(register);
    let outside = if problems.is_empty() {
        ""
    } else {
        "; changed outside roreg since"
    };
    let mut lines: Vec<String> = problems.iter().map(|p| p.describe(register)).collect();
    if !missing.is_empty() {
        lines.push(format!("not protected: {}", missing.describe()));
    }
    if lines.is_empty() {
        lines.push(format!(
            "the hash chain of {records} records verifies; {anchors} closed meetings anchor it"
        ));
    }
    // Changes made outside roreg stay in view for ever once recorded.
    let recorded_outside = outside_changes(register);
    let noted = if recorded_outside.is_empty() {
        String::new()
    } else {
        format!("; {} outside", recorded_outside.len())
    };
    lines.extend(recorded_outside);
    Figure {
        label: "History integrity".into(),
        value: match (broken, missing.is_empty()) {
            (true, _) => "BROKEN".to_string(),
            (false, false) => format!("not protected: {}{outside}{noted}", missing.total()),
            (false, true) => format!("intact ({records} records){outside}{noted}"),
        },
        ids: Vec::new(),
        records: lines,
    }
}

/// Each change made outside roreg that the history recorded, one line each.
pub fn outside_changes(register: &Register) -> Vec<String> {
    crate::domain::outside::recorded(register)
        .map(|(index, h)| {
            let what: String = ron::from_str(&h.new).unwrap_or_else(|_| h.new.clone());
            format!("history[{index}], recorded {} by {}: {what}", h.at, h.by)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::{Period, audit};
    use super::*;
    use crate::domain::Date;
    use crate::domain::testing::sample;

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn every_figure_lists_its_records() {
        let r = sample();
        let a = audit(&r, Period::last_year(day("2026-11-21")), day("2026-11-21"));
        let figures = a.figures(&r);
        let meetings = &figures[0];
        assert_eq!(meetings.value, "1 (1 risk review, 0 management reviews)");
        assert_eq!(
            meetings.records,
            ["M-001 2026-10-14 Risk review (1 present)"]
        );
        let overdue = figures
            .iter()
            .find(|f| f.label == "Reviews overdue")
            .unwrap();
        assert_eq!(
            overdue.records,
            ["R-002 Dust in the clean room (review 2026-11-01)"]
        );
    }

    #[test]
    fn a_history_that_covers_nothing_is_never_called_intact() {
        let mut r = sample();
        let figure = history_integrity(&r);
        assert_eq!(figure.value, "not protected: 8 records");
        assert!(
            figure.records[0].starts_with("not protected: 1 closed meeting (M-001), 3 items"),
            "{:?}",
            figure.records
        );
        let at = crate::domain::Timestamp::parse("2026-11-21T09:00:00Z").unwrap();
        crate::domain::baseline::baseline(&mut r, at, "qlead");
        assert_eq!(history_integrity(&r).value, "intact (1 records)");
    }
}
