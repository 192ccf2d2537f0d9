//! Section 5: every action with its effectiveness check.

use crate::domain::Action;
use crate::domain::audit::as_of::{self, ActionOn};
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
            let (status, done_on, verdict, note) = self.action_on_the_day(a);
            table.row(vec![
                a.id.clone(),
                item.id.clone(),
                a.text.clone(),
                self.name(&a.owner),
                a.due.to_string(),
                status,
                done_on,
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
                    "{} in the register, by item, as they stood on {}: one done or checked \
                     later shows as not done or not checked then. Effectiveness is the check ISO \
                     9001 6.1.2 asks for once an action is done.",
                    plural(count, "action", "actions"),
                    self.today
                )),
                Block::Table(table),
            ],
        )
    }

    /// An action's status, day done, check and its note as they stood on
    /// the report's day; what came later is named as later.
    fn action_on_the_day(&self, a: &Action) -> (String, String, String, String) {
        let on = as_of::action_on(a, self.today);
        let mut status = match on {
            ActionOn::NotDone {
                done_later: Some(done),
            } => format!("Not done (done later, {done})"),
            _ => a.status.label().to_string(),
        };
        if as_of::overdue_on(a, self.today) {
            status.push_str(" (overdue)");
        }
        let done_on = match on {
            ActionOn::Done => a.done_on.map_or(String::new(), |d| d.to_string()),
            _ => String::new(),
        };
        let (verdict, note) = match (as_of::check_on(a, self.today), &a.effectiveness) {
            (Some(e), _) => (
                format!(
                    "{}, checked {} by {}",
                    e.verdict.label(),
                    e.checked_on,
                    self.name(&e.checked_by)
                ),
                e.note.clone(),
            ),
            (None, Some(later)) if on == ActionOn::Done => (
                format!("not checked (checked later, {})", later.checked_on),
                String::new(),
            ),
            (None, _) if on == ActionOn::Done => ("not checked".to_string(), String::new()),
            (None, _) => (String::new(), String::new()),
        };
        (status, done_on, verdict, note)
    }
}
