//! Section 2: the meetings held in the period, their attendance and minutes.

use crate::domain::audit::attendance::{Presence, attendance_rows};
use crate::domain::management_review::gaps;
use crate::domain::meetings::{Summary, Traced, recorded_all, summary_with};
use crate::domain::{Meeting, MeetingKind};
use crate::report::build::{Context, MEETINGS, section};
use crate::report::model::{Block, Section, Table};
use crate::report::words::yes_no;
use crate::text::plural;

impl Context<'_> {
    pub(in crate::report) fn meetings(&self) -> Section {
        let mut blocks = vec![Block::Paragraph(format!(
            "{} closed and started in the period, oldest first. A closed meeting's record cannot \
             be changed in roreg.",
            plural(self.held.len(), "meeting was", "meetings were")
        ))];
        let open: Vec<String> = self
            .register
            .meetings
            .iter()
            .filter(|m| m.closed.is_none())
            .map(|m| format!("{} (started {})", m.id, m.started.date()))
            .collect();
        if !open.is_empty() {
            blocks.push(Block::Paragraph(format!(
                "Not counted, still open: {}.",
                open.join(", ")
            )));
        }
        // What the history recorded in each meeting, in one pass for all.
        let recorded = recorded_all(self.register, self.held, Some(self.today));
        let summaries: Vec<Summary> = self
            .held
            .iter()
            .zip(recorded)
            .map(|(m, recorded)| summary_with(self.register, m, recorded))
            .collect();
        blocks.push(Block::Table(self.meetings_table(&summaries)));
        if !self.held.is_empty() {
            blocks.push(Block::Subheading("Attendance".to_string()));
            blocks.push(Block::Paragraph(
                "Everyone on any meeting's attendance list, top management first, then by name. \
                 present / apologies / absent; blank: not on that meeting's list."
                    .to_string(),
            ));
            blocks.push(Block::Table(self.attendance_matrix()));
        }
        for (meeting, summary) in self.held.iter().zip(&summaries) {
            blocks.extend(self.meeting_record(meeting, summary));
        }
        section(MEETINGS, "Meetings in the period".to_string(), blocks)
    }

    fn meetings_table(&self, summaries: &[Summary]) -> Table {
        let mut table = Table::new(
            &[
                "Meeting",
                "Date",
                "Kind",
                "Facilitator",
                "Present",
                "Apologies",
                "Absent",
                "Top management present",
                "Items reviewed",
            ],
            "No meeting was held in the period.",
        );
        for (m, summary) in self.held.iter().zip(summaries) {
            let top = self.top_managers_present(m);
            table.row(vec![
                m.id.clone(),
                m.started.date().to_string(),
                m.kind.label().to_string(),
                self.name(&m.facilitator),
                summary.present.len().to_string(),
                summary.apologies.len().to_string(),
                summary.absent.len().to_string(),
                if top.is_empty() {
                    "no".to_string()
                } else {
                    format!("yes ({})", self.names(&top))
                },
                summary.reviewed.to_string(),
            ]);
        }
        table
    }

    /// Everyone on any attendance list, a column per meeting held.
    fn attendance_matrix(&self) -> Table {
        let mut headers = vec!["Person", "Role", "Top management"];
        headers.extend(self.held.iter().map(|m| m.id.as_str()));
        headers.push("Attended");
        let mut table = Table::new(&headers, "");
        for line in attendance_rows(self.register, self.held) {
            let known = self.register.person(&line.person);
            let mut row = vec![
                self.name(&line.person),
                known.map_or(String::new(), |p| p.role.clone()),
                yes_no(known.is_some_and(|p| p.top_management)),
            ];
            row.extend(
                line.presence
                    .iter()
                    .map(|p| p.map_or("", Presence::label).to_string()),
            );
            row.push(format!("{} of {}", line.attended, self.held.len()));
            table.row(row);
        }
        table
    }

    fn meeting_record(&self, m: &Meeting, summary: &Summary) -> Vec<Block> {
        let closed = m
            .closed
            .map_or(String::new(), |c| format!("–{}", c.0.format("%H:%M")));
        let top = self.top_managers_present(m);
        let mut facts = vec![
            (
                "Held".to_string(),
                format!(
                    "{} {}{closed} UTC",
                    m.started.date(),
                    m.started.0.format("%H:%M")
                ),
            ),
            ("Facilitator".to_string(), self.name(&m.facilitator)),
            ("Present".to_string(), self.names(&summary.present)),
            ("Apologies".to_string(), self.names(&summary.apologies)),
            ("Absent".to_string(), self.names(&summary.absent)),
            (
                "Top management present".to_string(),
                if top.is_empty() {
                    "no".to_string()
                } else {
                    format!("yes: {}", self.names(&top))
                },
            ),
        ];
        let at = |t: &crate::domain::Timestamp| t.0.format("%H:%M").to_string();
        let late: Vec<String> = m
            .attendance
            .iter()
            .filter_map(|a| {
                a.arrived
                    .as_ref()
                    .map(|t| format!("{} {} UTC", self.name(&a.person), at(t)))
            })
            .collect();
        if !late.is_empty() {
            facts.push(("Arrived late".to_string(), late.join(", ")));
        }
        let left: Vec<String> = m
            .attendance
            .iter()
            .filter_map(|a| {
                a.left
                    .as_ref()
                    .map(|t| format!("{} {} UTC", self.name(&a.person), at(t)))
            })
            .collect();
        if !left.is_empty() {
            facts.push(("Left early".to_string(), left.join(", ")));
        }
        if !m.guests.is_empty() {
            let guests: Vec<String> = m.guests.iter().map(|g| g.described()).collect();
            facts.push(("Guests (not top management)".to_string(), guests.join("; ")));
        }
        if !m.skipped.is_empty() {
            let skipped: Vec<String> = m
                .skipped
                .iter()
                .map(crate::domain::Skip::described)
                .collect();
            facts.push(("Skipped".to_string(), skipped.join("; ")));
        }
        // From the history: what became of each action since shows.
        if !summary.raised.is_empty() {
            let raised: Vec<String> = summary.raised.iter().map(Traced::raised_line).collect();
            facts.push(("Actions raised".to_string(), raised.join(", ")));
        }
        if !summary.closed.is_empty() {
            let closed: Vec<String> = summary.closed.iter().map(Traced::closed_line).collect();
            facts.push(("Actions closed".to_string(), closed.join(", ")));
        }
        if !summary.targets.is_empty() {
            let label = plural_word(summary.targets.len(), "Target changed", "Targets changed");
            let targets: Vec<String> = summary.targets.iter().map(|t| t.line()).collect();
            facts.push((label.to_string(), targets.join(", ")));
        }
        let management_review = m.kind == MeetingKind::ManagementReview;
        if management_review {
            let considered: Vec<String> = m
                .considered
                .iter()
                .map(|c| {
                    let mut line = format!("{} {}", c.input.code(), c.input.label());
                    if !c.note.trim().is_empty() {
                        line = format!("{line}: {}", c.note.trim());
                    }
                    if !c.evidence.trim().is_empty() {
                        line = format!("{line} (evidence: {})", c.evidence.trim());
                    }
                    line
                })
                .collect();
            let not: Vec<String> = gaps(m)
                .into_iter()
                .map(|i| format!("{} {}", i.code(), i.label()))
                .collect();
            for (label, list) in [
                ("Inputs considered (9.3.2)", considered),
                ("Inputs not considered (9.3.2)", not),
            ] {
                let value = if list.is_empty() {
                    "none".to_string()
                } else {
                    list.join("; ")
                };
                facts.push((label.to_string(), value));
            }
        }
        if !m.notes.trim().is_empty() {
            facts.push(("Notes".to_string(), m.notes.clone()));
        }
        let mut headers = vec![
            "Item",
            "Title",
            "Before",
            "After",
            "Decision",
            "Next review",
        ];
        if management_review {
            headers.push("Output (9.3.3)");
        }
        let mut reviewed = Table::new(&headers, "No item was reviewed.");
        for r in &m.reviewed {
            let mut row = vec![
                r.item.clone(),
                self.title(&r.item),
                self.scored(r.before),
                self.scored(r.after),
                r.decision.clone(),
                r.next_review
                    .map_or("from the band".to_string(), |d| format!("{d} (agreed)")),
            ];
            if management_review {
                row.push(r.output.map_or("not classified", |o| o.label()).to_string());
            }
            reviewed.row(row);
        }
        vec![
            Block::Subheading(format!(
                "{} · {} · {}",
                m.id,
                m.kind.label(),
                m.started.date()
            )),
            Block::Facts(facts),
            Block::Table(reviewed),
        ]
    }
}

fn plural_word<'w>(n: usize, one: &'w str, many: &'w str) -> &'w str {
    if n == 1 { one } else { many }
}
