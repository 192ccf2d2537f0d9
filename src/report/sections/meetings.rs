//! Section 2: the meetings held in the period, their attendance and minutes.

use crate::domain::Meeting;
use crate::domain::audit::attendance::{Presence, attendance_rows};
use crate::domain::meetings::summary;
use crate::report::build::{Context, MEETINGS, section};
use crate::report::model::{Block, Section, Table};
use crate::report::words::{ids, yes_no};
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
        blocks.push(Block::Table(self.meetings_table()));
        if !self.held.is_empty() {
            blocks.push(Block::Subheading("Attendance".to_string()));
            blocks.push(Block::Paragraph(
                "Everyone on any meeting's attendance list, top management first, then by name. \
                 present / apologies / absent; blank: not on that meeting's list."
                    .to_string(),
            ));
            blocks.push(Block::Table(self.attendance_matrix()));
        }
        for meeting in self.held {
            blocks.extend(self.meeting_record(meeting));
        }
        section(MEETINGS, "Meetings in the period".to_string(), blocks)
    }

    fn meetings_table(&self) -> Table {
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
        for m in self.held {
            let summary = summary(self.register, m);
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

    fn meeting_record(&self, m: &Meeting) -> Vec<Block> {
        let summary = summary(self.register, m);
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
                .map(|s| {
                    if s.reason.trim().is_empty() {
                        s.item.clone()
                    } else {
                        format!("{} ({})", s.item, s.reason)
                    }
                })
                .collect();
            facts.push(("Skipped".to_string(), skipped.join("; ")));
        }
        if !summary.raised.is_empty() {
            facts.push(("Actions raised".to_string(), ids(&summary.raised)));
        }
        if !summary.closed.is_empty() {
            facts.push(("Actions closed".to_string(), ids(&summary.closed)));
        }
        if !m.notes.trim().is_empty() {
            facts.push(("Notes".to_string(), m.notes.clone()));
        }
        let mut reviewed = Table::new(
            &[
                "Item",
                "Title",
                "Before",
                "After",
                "Decision",
                "Next review",
            ],
            "No item was reviewed.",
        );
        for r in &m.reviewed {
            reviewed.row(vec![
                r.item.clone(),
                self.title(&r.item),
                self.scored(r.before),
                self.scored(r.after),
                r.decision.clone(),
                r.next_review
                    .map_or("from the band".to_string(), |d| format!("{d} (agreed)")),
            ]);
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
