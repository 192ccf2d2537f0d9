//! An item row's Customer, Requirement and Measures cells: the
//! requirements and measures the item links to.
//!
//! - **Requirement** holds requirement ids (`REQ-001, REQ-004`) or texts,
//!   one a line. A line that is only ids (joined by commas) is ids; any
//!   other line is one requirement's text, found in the register by its
//!   text (case and outer spaces ignored): first among the row's
//!   customer's requirements, then among those owed to every customer. A
//!   text may start with its kind: `Statutory: REACH declaration`.
//! - **Customer** names the customer (id or name) the row's requirement
//!   texts are owed to; alone it links nothing.
//! - **Measures** holds measure ids (`KPI-001`); measures are never created
//!   by an import (each needs its target).
//!
//! A text or customer the register lacks is a problem, as an unknown owner
//! is, unless `--create-requirements` is given: then the requirement is
//! added (kind Customer when the row names a customer, else Internal,
//! unless the text names its kind) and so is a customer named by a name
//! (not a key account; set that in the register).

use std::collections::{HashMap, HashSet};

use super::super::columns::Field;
use super::{Context, Row};
use crate::domain::{
    CUSTOMER_PREFIX, Customer, Item, REQUIREMENT_PREFIX, Register, Requirement, RequirementKind,
    ids,
};

/// The register's customers, requirements and measures by the keys a
/// cell may give, with those this import adds.
#[derive(Default)]
pub(crate) struct Links {
    /// Lower-case id or name → customer id; `None` when two share a name.
    customers: HashMap<String, Option<String>>,
    customer_ids: Vec<String>,
    requirement_ids: HashSet<String>,
    /// The requirement ids in the register's order, for messages.
    requirement_list: Vec<String>,
    /// (customer id, lower-case text) → requirement id.
    requirements: HashMap<(Option<String>, String), String>,
    /// Lower-case text → the one requirement of any customer with it;
    /// `None` when several share it.
    any_requirement: HashMap<String, Option<String>>,
    measures: HashSet<String>,
    /// The measure ids in the register's order, for messages.
    measure_ids: Vec<String>,
    pub(super) created_customers: Vec<Customer>,
    pub(super) created_requirements: Vec<Requirement>,
}

fn key(text: &str) -> String {
    text.trim().to_lowercase()
}

/// `REQ-001` and the like: an id with `prefix`.
fn is_id(text: &str, prefix: &str) -> bool {
    ids::parse(text.trim()).is_some_and(|(p, _)| p == prefix)
}

/// The first few ids, for a message: `C-001 Nordbil AB, C-002 …`.
fn listed(ids: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut shown: Vec<&str> = ids.iter().take(SHOWN).map(String::as_str).collect();
    if ids.len() > SHOWN {
        shown.push("…");
    }
    if shown.is_empty() {
        "the register has none".to_string()
    } else {
        shown.join(", ")
    }
}

impl Links {
    pub(crate) fn new(register: &Register) -> Links {
        let mut links = Links::default();
        for c in &register.customers {
            links.add_customer(c);
        }
        for r in &register.requirements {
            links.add_requirement(r);
        }
        links.measure_ids = register.measures.iter().map(|m| m.id.clone()).collect();
        links.measures = links.measure_ids.iter().cloned().collect();
        links
    }

    fn add_customer(&mut self, c: &Customer) {
        self.customers.insert(key(&c.id), Some(c.id.clone()));
        self.customers
            .entry(key(&c.name))
            .and_modify(|id| {
                if id.as_deref() != Some(c.id.as_str()) {
                    *id = None;
                }
            })
            .or_insert_with(|| Some(c.id.clone()));
        self.customer_ids.push(format!("{} {}", c.id, c.name));
    }

    fn add_requirement(&mut self, r: &Requirement) {
        self.requirement_ids.insert(r.id.clone());
        self.requirement_list.push(r.id.clone());
        self.requirements
            .insert((r.customer.clone(), key(&r.text)), r.id.clone());
        self.any_requirement
            .entry(key(&r.text))
            .and_modify(|id| *id = None)
            .or_insert_with(|| Some(r.id.clone()));
    }

    fn requirement_by_text(&self, customer: Option<&str>, text: &str) -> Option<String> {
        let text = key(text);
        let own =
            customer.and_then(|c| self.requirements.get(&(Some(c.to_string()), text.clone())));
        let general = || self.requirements.get(&(None, text.clone()));
        let any = || match customer {
            None => self.any_requirement.get(&text).cloned().flatten(),
            Some(_) => None,
        };
        own.or_else(general).cloned().or_else(any)
    }
}

/// `Statutory: REACH declaration` → the kind and the text without it.
fn kind_prefix(text: &str) -> (Option<RequirementKind>, &str) {
    for kind in RequirementKind::ALL {
        let label = kind.label();
        if let Some(rest) = text
            .get(..label.len())
            .filter(|p| p.eq_ignore_ascii_case(label))
            .and_then(|_| text[label.len()..].trim_start().strip_prefix(':'))
        {
            return (Some(kind), rest.trim());
        }
    }
    (None, text)
}

impl Context<'_> {
    fn create_hint(&self) -> &'static str {
        if self.options.create_requirements {
            ""
        } else {
            ", or --create-requirements to add it"
        }
    }

    /// The customer id a Customer cell names, adding a new one if asked to.
    fn customer(&mut self, text: &str) -> Result<String, String> {
        match self.links.customers.get(&key(text)) {
            Some(Some(id)) => return Ok(id.clone()),
            Some(None) => {
                return Err(format!(
                    "customer \"{text}\" names more than one customer; give its id ({})",
                    listed(&self.links.customer_ids)
                ));
            }
            None => {}
        }
        if !self.options.create_requirements || is_id(text, CUSTOMER_PREFIX) {
            let hint = if is_id(text, CUSTOMER_PREFIX) {
                ""
            } else {
                self.create_hint()
            };
            return Err(format!(
                "customer \"{text}\" is not in the register; expected a customer id or name ({}){hint}",
                listed(&self.links.customer_ids)
            ));
        }
        let customer = Customer {
            id: self.allocate.next(CUSTOMER_PREFIX),
            name: text.trim().to_string(),
            segment: String::new(),
            key: false,
        };
        self.links.add_customer(&customer);
        let id = customer.id.clone();
        self.links.created_customers.push(customer);
        Ok(id)
    }

    /// The requirement a line of text names, adding it if asked to.
    fn requirement(&mut self, customer: Option<&str>, line: &str) -> Result<String, String> {
        let (kind, text) = kind_prefix(line);
        if let Some(id) = self.links.requirement_by_text(customer, text) {
            return Ok(id);
        }
        if !self.options.create_requirements {
            let whose = customer.map_or(String::new(), |c| format!(" for {c}"));
            return Err(format!(
                "requirement \"{text}\"{whose} is not in the register; expected requirement ids \
                 ({}) or a requirement's text, one a line{}",
                listed(&self.links.requirement_list),
                self.create_hint()
            ));
        }
        let requirement = Requirement {
            id: self.allocate.next(REQUIREMENT_PREFIX),
            text: text.to_string(),
            customer: customer.map(str::to_string),
            kind: kind.unwrap_or(if customer.is_some() {
                RequirementKind::Customer
            } else {
                RequirementKind::Internal
            }),
            source: String::new(),
            reference: String::new(),
        };
        self.links.add_requirement(&requirement);
        let id = requirement.id.clone();
        self.links.created_requirements.push(requirement);
        Ok(id)
    }
}

/// The ids on a line when it is only ids of `prefix` joined by commas.
fn ids_on(line: &str, prefix: &str) -> Option<Vec<String>> {
    let parts: Vec<&str> = line
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    (!parts.is_empty() && parts.iter().all(|p| is_id(p, prefix)))
        .then(|| parts.iter().map(|p| p.to_uppercase()).collect())
}

/// Reads the row's Customer, Requirement and Measures cells into `item`;
/// a column the sheet has replaces the item's links, a blank cell clears them.
pub(super) fn read_links(context: &mut Context, row: &mut Row, item: &mut Item) {
    if row.has(Field::Customer) && !row.has(Field::Requirement) {
        let at = row.columns.get(Field::Customer).unwrap_or(0);
        context.note_once(format!(
            "{}: column {} \"Customer\" is not imported without a Requirement column: an item \
             links the customer's requirements, not the customer",
            row.grid.sheet,
            super::column_letters(at)
        ));
    }
    if row.has(Field::Requirement) {
        read_requirements(context, row, item);
    }
    if row.has(Field::Measure) {
        let text = row.text(Field::Measure).unwrap_or_default();
        let mut linked: Vec<String> = Vec::new();
        for part in text
            .split([',', ';', '\n'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let id = part.to_uppercase();
            if context.links.measures.contains(&id) {
                if !linked.contains(&id) {
                    linked.push(id);
                }
            } else {
                row.fail(
                    Field::Measure,
                    format!(
                        "\"{part}\" is not a measure in the register; expected measure ids joined \
                         by \", \" ({}); an import adds no measures",
                        listed(&context.links.measure_ids)
                    ),
                );
            }
        }
        item.measures = linked;
    }
}

/// The Requirement cell's ids and texts; the Customer cell is read only
/// when a text needs it, so a customer is never added for nothing.
fn read_requirements(context: &mut Context, row: &mut Row, item: &mut Item) {
    let mut customer: Option<Result<Option<String>, ()>> = None;
    let mut linked: Vec<String> = Vec::new();
    let text = row.text(Field::Requirement).unwrap_or_default();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let found = match ids_on(line, REQUIREMENT_PREFIX) {
            Some(ids) => ids,
            None => {
                let owed = customer.get_or_insert_with(|| match row.text(Field::Customer) {
                    None => Ok(None),
                    Some(name) => context.customer(&name).map(Some).map_err(|why| {
                        row.fail(Field::Customer, why);
                    }),
                });
                // The customer's own problem is said once, on its cell.
                let Ok(owed) = owed.clone() else {
                    continue;
                };
                match context.requirement(owed.as_deref(), line) {
                    Ok(id) => vec![id],
                    Err(why) => {
                        row.fail(Field::Requirement, why);
                        continue;
                    }
                }
            }
        };
        for id in found {
            if !context.links.requirement_ids.contains(&id) {
                row.fail(
                    Field::Requirement,
                    format!(
                        "{id} is not a requirement in the register; expected requirement ids \
                         ({}) or a requirement's text, one a line",
                        listed(&context.links.requirement_list)
                    ),
                );
            } else if !linked.contains(&id) {
                linked.push(id);
            }
        }
    }
    item.requirements = linked;
}

#[cfg(test)]
mod tests;
