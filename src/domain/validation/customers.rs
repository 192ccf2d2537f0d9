//! Customer focus checked: customers, requirements and measures name what
//! exists, and an item's links to requirements and measures are to ones the
//! register holds and agree with what the item says it affects.

use std::collections::HashSet;

use super::super::ids;
use super::super::model::{Affects, Item, Measure, RequirementKind};
use super::Checker;

/// An unknown id, with the ids that would do (the first few: a register may
/// hold hundreds of requirements).
fn unknown(what: &str, id: &str, known: &[&str], list: &str) -> String {
    const SHOWN: usize = 8;
    let hint = match known.len() {
        0 => format!("`{list}` is empty; add it there first"),
        n if n <= SHOWN => format!("expected one of: {}", known.join(", ")),
        n => format!(
            "expected one of: {}, … ({n} in `{list}`)",
            known[..SHOWN].join(", ")
        ),
    };
    format!("{what} \"{id}\" is not in {list}; {hint}")
}

impl Checker<'_> {
    /// The customers, requirements and measures themselves. In proportion
    /// to those lists, never to the items.
    pub(super) fn customer_focus(&mut self) {
        let register = self.register;
        let customer_ids: Vec<&str> = register.customers.iter().map(|c| c.id.as_str()).collect();
        let mut seen = HashSet::new();
        for customer in &register.customers {
            self.id_shape(&customer.id, "a customer", "C");
            if !seen.insert(customer.id.as_str()) {
                self.error(
                    format!("{}.id", customer.id),
                    "two customers have this id; give one of them the next free C- number",
                );
            }
            if customer.name.trim().is_empty() {
                self.error(
                    format!("{}.name", customer.id),
                    "empty; name the customer, e.g. \"Nordbil AB\"",
                );
            }
        }
        for requirement in &register.requirements {
            let id = &requirement.id;
            self.id_shape(id, "a requirement", "REQ");
            if !seen.insert(id.as_str()) {
                self.error(
                    format!("{id}.id"),
                    "two requirements have this id; give one of them the next free REQ- number",
                );
            }
            if requirement.text.trim().is_empty() {
                self.error(
                    format!("{id}.text"),
                    "empty; say what must be met, e.g. \"Deliveries on the agreed day, ±1 day\"",
                );
            }
            if let Some(customer) = &requirement.customer
                && register.customer(customer).is_none()
            {
                let message = unknown("customer", customer, &customer_ids, "customers");
                self.error(format!("{id}.customer"), message);
            }
            if requirement.customer.is_some() && requirement.kind.is_legal() {
                self.warn(
                    format!("{id}.customer"),
                    format!(
                        "a {} requirement binds towards every customer; leave `customer` out \
                         (None) unless it is one customer's own",
                        requirement.kind.label().to_lowercase()
                    ),
                );
            }
        }
        for measure in &register.measures {
            self.measure(measure, &customer_ids, &mut seen);
        }
    }

    fn measure<'m>(
        &mut self,
        measure: &'m Measure,
        customers: &[&str],
        seen: &mut HashSet<&'m str>,
    ) {
        let id = &measure.id;
        self.id_shape(id, "a measure", "KPI");
        if !seen.insert(id.as_str()) {
            self.error(
                format!("{id}.id"),
                "two measures have this id; give one of them the next free KPI- number",
            );
        }
        if measure.name.trim().is_empty() {
            self.error(
                format!("{id}.name"),
                "empty; name the measure, e.g. \"On-time delivery\"",
            );
        }
        if let Some(customer) = &measure.customer
            && self.register.customer(customer).is_none()
        {
            let message = unknown("customer", customer, customers, "customers");
            self.error(format!("{id}.customer"), message);
        }
        if !measure.owner.is_empty() {
            self.known_person(format!("{id}.owner"), &measure.owner, "owner");
        }
        for pair in measure.readings.windows(2) {
            if pair[0].date == pair[1].date {
                self.error(
                    format!("{id}/{}", pair[1].date),
                    "two readings on one date; keep one (a measure has one reading per date)",
                );
            } else if pair[0].date > pair[1].date {
                self.error(
                    format!("{id}/{}", pair[1].date),
                    format!(
                        "comes after the reading of {}; readings are kept oldest first",
                        pair[0].date
                    ),
                );
            }
        }
    }

    fn id_shape(&mut self, id: &str, what: &str, prefix: &str) {
        match ids::parse(id) {
            Some((p, _)) if p == prefix => {}
            _ => self.warn(
                format!("{id}.id"),
                format!(
                    "\"{id}\" does not look like an id for {what}; roreg gives them as \
                     {prefix}-001, {prefix}-002, …"
                ),
            ),
        }
    }

    /// An item's links: to requirements and measures the register holds,
    /// each once, and agreeing with what the item says it affects.
    pub(super) fn links(&mut self, item: &Item) {
        let register = self.register;
        let id = &item.id;
        let mut linked = HashSet::new();
        for requirement_id in &item.requirements {
            let location = format!("{id}.requirements");
            if !linked.insert(requirement_id.as_str()) {
                self.warn(
                    location,
                    format!("links {requirement_id} twice; once is enough"),
                );
                continue;
            }
            let Some(requirement) = register.requirement(requirement_id) else {
                let known: Vec<&str> = register
                    .requirements
                    .iter()
                    .map(|r| r.id.as_str())
                    .collect();
                self.error(
                    location,
                    unknown("requirement", requirement_id, &known, "requirements"),
                );
                continue;
            };
            let needs = match requirement.kind {
                RequirementKind::Statutory | RequirementKind::Regulatory => {
                    (!item.affects.contains(&Affects::StatutoryRegulatory))
                        .then_some("[StatutoryRegulatory]")
                }
                RequirementKind::Customer => {
                    (!item.affects.contains(&Affects::CustomerSatisfaction)
                        && !item.affects.contains(&Affects::ProductConformity))
                    .then_some("[CustomerSatisfaction] or [ProductConformity]")
                }
                RequirementKind::Internal => None,
            };
            if let Some(needs) = needs {
                self.warn(
                    location,
                    format!(
                        "{requirement_id} is a {} requirement, but {id} does not say it affects \
                         it; add {needs} to `affects`, or unlink {requirement_id}",
                        requirement.kind.label().to_lowercase()
                    ),
                );
            }
        }
        let mut linked = HashSet::new();
        for measure_id in &item.measures {
            let location = format!("{id}.measures");
            if !linked.insert(measure_id.as_str()) {
                self.warn(
                    location,
                    format!("links {measure_id} twice; once is enough"),
                );
            } else if register.measure(measure_id).is_none() {
                let known: Vec<&str> = register.measures.iter().map(|m| m.id.as_str()).collect();
                self.error(location, unknown("measure", measure_id, &known, "measures"));
            }
        }
    }
}

#[cfg(test)]
mod tests;
