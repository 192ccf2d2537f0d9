//! Section 3 of the roll-up: every High and Critical item of every
//! register in one table, each id with its register so none collide.

use std::collections::HashMap;

use crate::domain::Item;
use crate::report::model::{Block, Table};

use super::Site;

/// How an item is named across registers: `North · R-004`.
pub(super) fn qualified(label: &str, id: &str) -> String {
    format!("{label} · {id}")
}

/// Registers most behind first (their order in `sites`), and within each
/// the highest score first.
pub(super) fn table(sites: &[Site]) -> Table {
    let mut table = Table::new(
        &[
            "Item",
            "Title",
            "Current",
            "Owner",
            "Last review with top management",
            "In time",
        ],
        "No register has a live item in its top two bands.",
    );
    for site in sites {
        let register = site.register;
        let items: HashMap<&str, &Item> =
            register.items.iter().map(|i| (i.id.as_str(), i)).collect();
        let mut rows: Vec<(u32, Vec<String>)> = Vec::new();
        for high in &site.audit.high_items {
            let Some(item) = items.get(high.item.as_str()) else {
                continue;
            };
            let score = item.current;
            rows.push((
                score.value(),
                vec![
                    qualified(&site.label, &item.id),
                    item.title.clone(),
                    format!(
                        "{}×{}={} {}",
                        score.likelihood,
                        score.impact,
                        score.value(),
                        high.band
                    ),
                    register.person_name(&item.owner).to_string(),
                    high.last_top_review
                        .as_ref()
                        .map_or("none".to_string(), |(m, day)| format!("{m} on {day}")),
                    if high.within_interval { "yes" } else { "no" }.to_string(),
                ],
            ));
        }
        // Stable: items of one score keep the register's order.
        rows.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
        for (_, row) in rows {
            table.row(row);
        }
    }
    table
}

pub(super) fn blocks(table: &Table) -> Vec<Block> {
    let late = table.rows.iter().filter(|r| r[5] == "no").count();
    let mut intro = "Live items in each register's top two bands, as they stand today, registers \
                     in the order of section 1. In time: reviewed at a meeting with top \
                     management present within the item's review interval (or by the next \
                     review that meeting agreed)."
        .to_string();
    if !table.rows.is_empty() {
        intro.push_str(&format!(
            " {} of {} not reviewed by top management in time.",
            late,
            table.rows.len()
        ));
    }
    vec![Block::Paragraph(intro), Block::Table(table.clone())]
}
