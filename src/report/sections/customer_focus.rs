//! Section 8: customer focus (ISO 9001 5.1.2). For a, every requirement
//! with the items that threaten or serve it and whether top management
//! reviewed them in time; for b, where the other sections answer it; for c,
//! every measure with its readings in the period, its trend and what was
//! done while it was off target.
//!
//! Only built when the register records customers, requirements or
//! measures: an older register's pack stays as it was.

use crate::domain::audit::as_of::{self, ActionOn};
use crate::domain::customer_focus::{self, CustomerFocus};
use crate::domain::{Action, ActionStatus, Date, Item, Measure, Register, Requirement, with_unit};
use crate::report::build::{
    ACTIONS, CLAUSES, CUSTOMER_FOCUS, Context, MEETINGS, REGISTER, section, see,
};
use crate::report::model::{Block, Section, Table};
use crate::report::words::yes_no;
use crate::text::plural;

/// Whether the register has anything for the section to show.
pub(in crate::report) fn has_customer_data(register: &Register) -> bool {
    !register.customers.is_empty()
        || !register.requirements.is_empty()
        || !register.measures.is_empty()
}

/// The register's requirements by the customer they are owed to: key
/// accounts first, then the other customers, each in id order, then
/// requirements naming a customer the register lacks, then those owed to
/// every customer. Each group is `(heading, requirements)`.
pub(in crate::report) fn requirement_groups<'a>(
    focus: &CustomerFocus<'a>,
) -> Vec<(String, Vec<&'a Requirement>)> {
    let register = focus.register();
    let mut customers: Vec<_> = register.customers.iter().collect();
    // Stable: within key accounts and the others, the register's id order.
    customers.sort_by_key(|c| !c.key);
    let mut groups = Vec::new();
    for c in customers {
        let mut heading = format!("{} ({})", c.name, c.id);
        if c.key {
            heading.push_str(", key account");
        }
        if !c.segment.trim().is_empty() {
            heading.push_str(&format!(", {}", c.segment.trim()));
        }
        groups.push((heading, focus.requirements_of(&c.id).to_vec()));
    }
    for (id, list) in focus.requirements_of_unknown_customers() {
        groups.push((
            format!("{id} (not a customer in the register)"),
            list.to_vec(),
        ));
    }
    if !register.requirements.is_empty() {
        groups.push((
            "All customers".to_string(),
            focus.general_requirements().to_vec(),
        ));
    }
    groups
}

/// "yes: M-006 on 2026-11-11, decided: Keep the audit" and the like.
pub(in crate::report) fn review_verdict(focus: &CustomerFocus, item: &Item) -> String {
    let in_time = focus.reviewed_in_time(item);
    match focus.last_top_review(&item.id) {
        None => "no: never reviewed with top management".to_string(),
        Some((meeting, review)) => {
            let decided = match review.decision.trim() {
                "" => "no decision recorded".to_string(),
                decision => format!("decided: {decision}"),
            };
            let verdict = if in_time { "yes" } else { "no, review overdue" };
            format!(
                "{verdict}: last {} on {}, {decided}",
                meeting.id,
                meeting.started.date()
            )
        }
    }
}

/// The day the first reading in `readings` missed the target.
fn first_off_target(measure: &Measure, readings: &[crate::domain::Reading]) -> Option<Date> {
    readings
        .iter()
        .find(|r| !measure.target.is_met_by(r.value))
        .map(|r| r.date)
}

/// The actions taken while a measure was off target: those of the items
/// linked to it, not cancelled, due or done on or after `since`, by due date.
fn actions_since<'a>(items: &[&'a Item], since: Date) -> Vec<(&'a Item, &'a Action)> {
    let mut found: Vec<(&Item, &Action)> = items
        .iter()
        .flat_map(|i| i.actions.iter().map(move |a| (*i, a)))
        .filter(|(_, a)| a.status != ActionStatus::Cancelled)
        .filter(|(_, a)| a.due >= since || a.done_on.is_some_and(|d| d >= since))
        .collect();
    found.sort_by(|a, b| {
        a.1.due
            .cmp(&b.1.due)
            .then_with(|| crate::domain::ids::compare(&a.1.id, &b.1.id))
    });
    found
}

impl Context<'_> {
    /// The section, or `None` for a register with no customer data.
    pub(in crate::report) fn customer_focus_section(&self) -> Option<Section> {
        let focus = self.focus.as_ref()?;
        let period = self.audit.period;
        let mut blocks = vec![Block::Paragraph(format!(
            "ISO 9001 5.1.2 asks top management to ensure that customer and applicable \
             statutory and regulatory requirements are determined and met (a), that the risks \
             and opportunities that can affect them are determined and addressed (b), and that \
             the focus on enhancing customer satisfaction is maintained (c). Requirements and \
             links as they stand on {}; readings taken from {} to {}.",
            self.today, period.from, period.to
        ))];
        blocks.extend(self.requirements_blocks(focus));
        blocks.push(Block::Subheading(
            "5.1.2 b: risks and opportunities determined and addressed".to_string(),
        ));
        blocks.push(Block::Paragraph(format!(
            "As under 5.1.2 b in {}: every risk and opportunity with its scores and treatment \
             in {}, their review in meetings in {} and their actions in {}.",
            see(CLAUSES),
            see(REGISTER),
            see(MEETINGS),
            see(ACTIONS)
        )));
        blocks.extend(self.measures_blocks(focus));
        Some(section(
            CUSTOMER_FOCUS,
            "Customer focus (ISO 9001 5.1.2)".to_string(),
            blocks,
        ))
    }

    fn requirements_blocks(&self, focus: &CustomerFocus) -> Vec<Block> {
        let register = self.register;
        let mut blocks = vec![
            Block::Subheading("5.1.2 a: requirements determined and met".to_string()),
            Block::Paragraph(format!(
                "{}, by the customer they are owed to (key accounts first, then every \
                 customer's), each with the risks and opportunities that threaten or serve it, \
                 highest band first. Reviewed in time: the item's last review in a closed \
                 meeting with top management present still held on {} (until the next review \
                 that meeting agreed, else for its band's review interval).",
                plural(register.requirements.len(), "requirement", "requirements"),
                self.today
            )),
        ];
        if register.requirements.is_empty() {
            blocks.push(Block::Paragraph(
                "The register records no requirements.".to_string(),
            ));
            return blocks;
        }
        for (heading, requirements) in requirement_groups(focus) {
            if requirements.is_empty() {
                blocks.push(Block::Paragraph(format!(
                    "{heading}: no requirements recorded."
                )));
                continue;
            }
            blocks.push(Block::Paragraph(format!(
                "{heading}: {}.",
                plural(requirements.len(), "requirement", "requirements")
            )));
            let mut table = Table::new(
                &[
                    "Requirement",
                    "Kind",
                    "Source",
                    "Item",
                    "Item kind",
                    "Band",
                    "Status",
                    "Reviewed with top management in time",
                ],
                "",
            );
            for r in requirements {
                let items = focus.items_for_requirement(&r.id);
                let requirement = [
                    format!("{} {}", r.id, r.text),
                    r.kind.label().to_string(),
                    r.cited(),
                ];
                if items.is_empty() {
                    let mut row = requirement.to_vec();
                    row.push("no risk or opportunity linked".to_string());
                    row.extend([String::new(), String::new(), String::new(), String::new()]);
                    table.row(row);
                }
                for (at, item) in items.iter().enumerate() {
                    // The requirement is named on its first row only.
                    let mut row = if at == 0 {
                        requirement.to_vec()
                    } else {
                        vec![String::new(); 3]
                    };
                    row.extend([
                        format!("{} {}", item.id, item.title),
                        item.kind.label().to_string(),
                        self.band(item.current),
                        item.status.label().to_string(),
                        review_verdict(focus, item),
                    ]);
                    table.row(row);
                }
            }
            blocks.push(Block::Table(table));
        }
        blocks
    }

    fn measures_blocks(&self, focus: &CustomerFocus) -> Vec<Block> {
        let register = self.register;
        let period = self.audit.period;
        let mut blocks = vec![
            Block::Subheading("5.1.2 c: focus on enhancing customer satisfaction".to_string()),
            Block::Paragraph(format!(
                "{} of satisfaction and performance, each with its readings in the period. \
                 Trend: the latest reading against the one before (↑ improving, ↓ worsening, → \
                 level), with the last {} readings. Actions taken while off target: the actions \
                 of the items linked to the measure, not cancelled, that were due or done on or \
                 after its first off-target reading in the period. A measure whose latest \
                 reading is off target and that no open item links is flagged: off target, \
                 nothing in the register addresses it.",
                plural(register.measures.len(), "measure", "measures"),
                customer_focus::TREND_READINGS
            )),
        ];
        if register.measures.is_empty() {
            blocks.push(Block::Paragraph(
                "The register records no measures.".to_string(),
            ));
        }
        for measure in &register.measures {
            let standing = focus.standing(measure);
            let unit = measure.unit.as_str();
            let shown = |v: crate::domain::Value| with_unit(&v.to_string(), unit);
            let for_whom = match &measure.customer {
                Some(c) => format!("{} ({c})", register.customer_name(c)),
                None => "all customers".to_string(),
            };
            let latest = match standing.latest {
                Some(r) => format!(
                    "{} on {}, {}",
                    shown(r.value),
                    r.date,
                    if standing.off_target {
                        "off target"
                    } else {
                        "on target"
                    }
                ),
                None => "no reading yet".to_string(),
            };
            let recent = customer_focus::recent(measure);
            let values: Vec<String> = recent.iter().map(|r| r.value.to_string()).collect();
            let mut trend = format!("{} {}", standing.trend.arrow(), standing.trend.label());
            if !recent.is_empty() {
                trend.push_str(&format!(
                    " (last {}: {} {})",
                    plural(recent.len(), "reading", "readings"),
                    values.join(", "),
                    customer_focus::sparkline(recent)
                ));
            }
            let items = focus.items_for_measure(&measure.id);
            let linked: Vec<String> = items
                .iter()
                .map(|i| format!("{} ({}, {})", i.id, self.band(i.current), i.status.label()))
                .collect();
            blocks.push(Block::Subheading(format!(
                "5.1.2 c: {} {}",
                measure.id, measure.name
            )));
            let mut facts = vec![
                ("Target".to_string(), measure.target.described(unit)),
                ("For".to_string(), for_whom),
                ("Latest".to_string(), latest),
                ("Trend".to_string(), trend),
                (
                    "Linked items".to_string(),
                    if linked.is_empty() {
                        "none".to_string()
                    } else {
                        linked.join(", ")
                    },
                ),
            ];
            if standing.unaddressed {
                facts.push((
                    "Flag".to_string(),
                    "off target, nothing in the register addresses it".to_string(),
                ));
            }
            blocks.push(Block::Facts(facts));
            let in_period = measure.readings_between(period.from, period.to);
            let mut readings = Table::new(
                &["Date", "Value", "On target", "Note"],
                "No reading in the period.",
            );
            for r in in_period {
                readings.row(vec![
                    r.date.to_string(),
                    shown(r.value),
                    yes_no(measure.target.is_met_by(r.value)),
                    r.note.clone(),
                ]);
            }
            blocks.push(Block::Table(readings));
            if in_period.is_empty() {
                continue;
            }
            blocks.extend(self.actions_when_off_target(measure, in_period, items));
        }
        blocks
    }

    /// What was done while the measure was off target in the period.
    fn actions_when_off_target(
        &self,
        measure: &Measure,
        in_period: &[crate::domain::Reading],
        items: &[&Item],
    ) -> Vec<Block> {
        let Some(since) = first_off_target(measure, in_period) else {
            return vec![Block::Paragraph(
                "No reading in the period was off target.".to_string(),
            )];
        };
        let mut table = Table::new(
            &[
                "Action", "Item", "What", "Owner", "Due", "Status", "Done on",
            ],
            "No action of a linked item was due or done since.",
        );
        for (item, a) in actions_since(items, since) {
            let done = as_of::action_on(a, self.today) == ActionOn::Done;
            table.row(vec![
                a.id.clone(),
                item.id.clone(),
                a.text.clone(),
                self.name(&a.owner),
                a.due.to_string(),
                as_of::status_on(a, self.today).label().to_string(),
                a.done_on
                    .filter(|_| done)
                    .map_or(String::new(), |d| d.to_string()),
            ]);
        }
        vec![
            Block::Paragraph(format!(
                "Off target on {since}, the first such reading in the period; actions taken \
                 since:"
            )),
            Block::Table(table),
        ]
    }
}
