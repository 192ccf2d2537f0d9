//! Section 5: every action with its effectiveness check.

use crate::domain::{ActionStatus, queries};
use crate::report::build::{ACTIONS, Context, section};
use crate::report::model::{Block, Section, Table};
use crate::text::plural;

impl Context<'_> {
    pub(in crate::report) fn actions_section(&self) -> Section {
        let mut table = Table::new(
            &[
                "Action",
                "Item",
                "What",
                "Owner",
                "Due",
                "Status",
                "Done on",
                "Effectiveness",
                "Check note",
            ],
            "The register has no actions.",
        );
        for (item, a) in self.every_action() {
            let status = if queries::action_overdue(a, self.today) {
                format!("{} (overdue)", a.status.label())
            } else {
                a.status.label().to_string()
            };
            let (verdict, note) = match &a.effectiveness {
                Some(e) => (
                    format!(
                        "{}, checked {} by {}",
                        e.verdict.label(),
                        e.checked_on,
                        self.name(&e.checked_by)
                    ),
                    e.note.clone(),
                ),
                None if a.status == ActionStatus::Done => {
                    ("not checked".to_string(), String::new())
                }
                None => (String::new(), String::new()),
            };
            table.row(vec![
                a.id.clone(),
                item.id.clone(),
                a.text.clone(),
                self.name(&a.owner),
                a.due.to_string(),
                status,
                a.done_on.map_or(String::new(), |d| d.to_string()),
                verdict,
                note,
            ]);
        }
        let count = self.every_action().count();
        section(
            ACTIONS,
            format!("Actions on {}", self.today),
            vec![
                Block::Paragraph(format!(
                    "{} in the register, by item, as they stand on {}. Effectiveness is the check \
                     ISO 9001 6.1.2 asks for once an action is done.",
                    plural(count, "action", "actions"),
                    self.today
                )),
                Block::Table(table),
            ],
        )
    }
}
