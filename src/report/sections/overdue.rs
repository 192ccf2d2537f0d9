//! Section 6: the management review if overdue, reviews and actions
//! overdue, and done actions never checked.

use crate::domain::audit::as_of;
use crate::report::build::{Context, OVERDUE, section};
use crate::report::model::{Block, Section, Table};

impl Context<'_> {
    /// "OVERDUE since …" or when the next one is due (9.3.1).
    fn management_review_due(&self) -> String {
        let standing = &self.audit.management_review;
        let verdict = if standing.overdue() {
            "The management review is overdue"
        } else {
            "The management review is not overdue"
        };
        format!("{verdict}: {}.", standing.describe())
    }

    pub(in crate::report) fn overdue(&self) -> Section {
        let mut reviews = Table::new(
            &[
                "Item",
                "Title",
                "Owner",
                "Band",
                "Review was due",
                "Days late",
            ],
            "No review is overdue.",
        );
        for id in &self.audit.reviews_overdue {
            let Some(item) = self.register.item(id) else {
                continue;
            };
            let due = item.next_review.expect("an overdue review has a date");
            reviews.row(vec![
                item.id.clone(),
                item.title.clone(),
                self.name(&item.owner),
                self.band(item.current),
                due.to_string(),
                due.days_until(self.today).to_string(),
            ]);
        }
        let mut late = Table::new(
            &["Action", "Item", "What", "Owner", "Due", "Days late"],
            "No action is overdue.",
        );
        let mut unchecked = Table::new(
            &["Action", "Item", "What", "Owner", "Done on"],
            "Every done action has its effectiveness check.",
        );
        for (item, a) in self.every_action() {
            if as_of::overdue_on(a, self.today) {
                late.row(vec![
                    a.id.clone(),
                    item.id.clone(),
                    a.text.clone(),
                    self.name(&a.owner),
                    a.due.to_string(),
                    a.due.days_until(self.today).to_string(),
                ]);
            }
            if as_of::unchecked_on(a, self.today) {
                unchecked.row(vec![
                    a.id.clone(),
                    item.id.clone(),
                    a.text.clone(),
                    self.name(&a.owner),
                    a.done_on.map_or(String::new(), |d| d.to_string()),
                ]);
            }
        }
        section(
            OVERDUE,
            format!("Overdue on {}", self.today),
            vec![
                Block::Subheading("Management review".to_string()),
                Block::Paragraph(self.management_review_due()),
                Block::Subheading("Reviews overdue".to_string()),
                Block::Paragraph("Live items whose next review date has passed.".to_string()),
                Block::Table(reviews),
                Block::Subheading("Actions overdue".to_string()),
                Block::Paragraph("Actions not done by then and past their due date.".to_string()),
                Block::Table(late),
                Block::Subheading("Done without an effectiveness check".to_string()),
                Block::Table(unchecked),
            ],
        )
    }
}
