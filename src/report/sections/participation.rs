//! Section 1: the participation of top management, the audit figures and
//! the change history.

use crate::domain::history;
use crate::report::build::{Context, PARTICIPATION, section};
use crate::report::model::{Block, Section, Table};
use crate::report::witness;
use crate::text::plural;

impl Context<'_> {
    pub(in crate::report) fn participation(&self) -> Section {
        let mut blocks = vec![
            Block::Paragraph(format!(
                "Meetings counted here are those closed and started between {} and {}. \
                 Figures about items and actions describe the register as it stands on {}.",
                self.audit.period.from, self.audit.period.to, self.today
            )),
            Block::Table(self.figures_table(&["Figure", "Value", "Records"])),
            Block::Subheading("High and Critical items".to_string()),
            Block::Paragraph(format!(
                "Every live item in the top two bands, and the last closed meeting (any date) that \
                 reviewed it with a top manager present. In time: that meeting was no longer ago \
                 on {} than the review interval of the item's band.",
                self.today
            )),
        ];
        let mut high = Table::new(
            &[
                "Item",
                "Title",
                "Current",
                "Band",
                "Last reviewed with top management",
                "Interval",
                "In time",
            ],
            "No live item is High or Critical.",
        );
        for h in &self.audit.high_items {
            let Some(item) = self.register.item(&h.item) else {
                continue;
            };
            let interval = self
                .register
                .scales
                .review_days_for(item.current.value())
                .map_or(String::new(), |d| format!("{d} days"));
            high.row(vec![
                h.item.clone(),
                item.title.clone(),
                self.score(item.current),
                h.band.clone(),
                h.last_top_review
                    .as_ref()
                    .map_or("never".to_string(), |(m, day)| format!("{day} ({m})")),
                interval,
                if h.within_interval { "yes" } else { "NO" }.to_string(),
            ]);
        }
        blocks.push(Block::Table(high));
        blocks.extend(self.integrity());
        section(
            PARTICIPATION,
            "Participation of top management".to_string(),
            blocks,
        )
    }

    /// The audit figures with the ids of the records behind each.
    pub(in crate::report) fn figures_table(&self, headers: &[&str; 3]) -> Table {
        let mut table = Table::new(headers, "");
        // The ids only: the records themselves are in the sections that follow.
        for figure in &self.figures {
            table.row(vec![
                figure.label.clone(),
                figure.value.clone(),
                figure.ids.join(", "),
            ]);
        }
        let value = witness::history_value(self.register, &self.chain_problems);
        table.row(vec!["Change history".to_string(), value, String::new()]);
        table
    }

    /// Whether records were edited after the fact, as the hash chain tells.
    fn integrity(&self) -> Vec<Block> {
        let history = &self.register.history;
        let problems = &self.chain_problems;
        let summary = match (history.first(), history.last()) {
            (Some(first), Some(last)) => format!(
                "The register's change history holds {} from {} to {}, each chained to the one \
                 before by a SHA-256 hash. Its head hash is {}: keep it with this report, and a \
                 later copy of the register can be shown to extend this history unchanged.",
                plural(history.len(), "recorded change", "recorded changes"),
                first.at.date(),
                last.at.date(),
                history::head(self.register)
            ),
            _ => "The register holds no change history, so it cannot show whether records were \
                  edited afterwards."
                .to_string(),
        };
        let mut blocks = vec![Block::Subheading("Change history".to_string())];
        let findings = witness::findings(self.register, problems);
        if findings.is_empty() {
            blocks.push(Block::Paragraph(if history.is_empty() {
                summary
            } else {
                format!(
                    "{summary} The chain is intact, every closed meeting's anchor is in it, and \
                     the file is as its last recorded change left it."
                )
            }));
        } else {
            blocks.push(Block::Paragraph(format!("{summary} Checking it found:")));
            blocks.push(Block::List(findings));
        }
        blocks
    }
}
