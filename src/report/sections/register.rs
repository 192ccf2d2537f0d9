//! Section 3: the register as it stands.

use crate::domain::queries;
use crate::domain::{Item, Kind};
use crate::report::build::{Context, REGISTER, section};
use crate::report::model::{Block, Section, Table};
use crate::report::words::affects;
use crate::text::plural;

impl Context<'_> {
    pub(in crate::report) fn register_section(&self) -> Section {
        let items = &self.register.items;
        let risks = items.iter().filter(|i| i.kind == Kind::Risk).count();
        let bands: Vec<String> = self
            .register
            .scales
            .bands
            .iter()
            .map(|b| format!("{} from {}", b.name, b.from))
            .collect();
        let mut table = Table::new(
            &[
                "Item",
                "Kind",
                "Title",
                "Affects",
                "Source",
                "Process",
                "Owner",
                "Current",
                "Target",
                "Treatment",
                "Status",
                "Next review",
            ],
            "The register has no items.",
        );
        for item in items {
            table.row(vec![
                item.id.clone(),
                item.kind.label().to_string(),
                item.title.clone(),
                affects(item),
                item.source.label(),
                item.process.clone(),
                self.name(&item.owner),
                self.scored(item.current),
                item.target.map_or(String::new(), |t| self.scored(t)),
                item.treatment.label().to_string(),
                item.status.label().to_string(),
                self.review_text(item),
            ]);
        }
        section(
            REGISTER,
            format!("The register on {}", self.today),
            vec![
                Block::Paragraph(format!(
                    "{} ({} risks, {} opportunities), closed ones included, as they stand on {}. \
                     Scores are likelihood × impact (× benefit for opportunities); bands: {}. \
                     A blank target means none was set. Each item's source is the internal or \
                     external issue (4.1) or interested party (4.2) it comes from, and its \
                     process the process it belongs to (4.4).",
                    plural(items.len(), "item", "items"),
                    risks,
                    items.len() - risks,
                    self.today,
                    bands.join(", ")
                )),
                Block::Table(table),
            ],
        )
    }

    fn review_text(&self, item: &Item) -> String {
        match item.next_review {
            None => String::new(),
            Some(day) if queries::review_overdue(item, self.today) => {
                format!("{day} (overdue)")
            }
            Some(day) => day.to_string(),
        }
    }
}
