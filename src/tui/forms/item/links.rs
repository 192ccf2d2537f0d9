//! An item's links to the register's requirements and measures: the item
//! form's two long lists, read back into ids, and the words the detail
//! pane, the meeting card and the management review use for a link.

use std::collections::HashSet;

use crate::domain::{Affects, Item, Measure, Register, Requirement, RequirementKind, with_unit};

use super::super::super::form::{Field, Form};

pub const REQUIREMENTS: &str = "Requirements";
pub const MEASURES: &str = "Measures";

/// Whose a requirement is, in brackets after its text: the customer it is
/// owed to, or what kind of obligation it is when it is not a customer's.
pub fn requirement_whose(register: &Register, requirement: &Requirement) -> String {
    let customer = requirement
        .customer
        .as_deref()
        .map(|c| register.customer_name(c));
    match (requirement.kind, customer) {
        (RequirementKind::Customer, Some(name)) => name.to_string(),
        (RequirementKind::Customer, None) => "all customers".to_string(),
        (kind, Some(name)) => format!("{}, {name}", kind.label().to_lowercase()),
        (kind, None) => kind.label().to_lowercase(),
    }
}

/// "REQ-003 REACH declaration per batch (statutory)": what a person
/// recognises a requirement by.
pub fn requirement_label(register: &Register, requirement: &Requirement) -> String {
    format!(
        "{} {} ({})",
        requirement.id,
        requirement.text,
        requirement_whose(register, requirement)
    )
}

/// "KPI-001 On-time delivery (Nordbil AB)"; a measure of every customer
/// is named alone.
pub fn measure_label(register: &Register, measure: &Measure) -> String {
    match &measure.customer {
        Some(c) => format!(
            "{} {} ({})",
            measure.id,
            measure.name,
            register.customer_name(c)
        ),
        None => format!("{} {}", measure.id, measure.name),
    }
}

/// Whether a measure is on target, in words (never colour alone).
pub fn standing_words(measure: &Measure) -> &'static str {
    match measure.latest() {
        None => "no reading yet",
        Some(_) if measure.is_off_target() => "off target",
        Some(_) => "on target",
    }
}

/// "91.5 % on 2026-10-31, target ≥ 95 %: off target".
pub fn reading_words(measure: &Measure) -> String {
    let target = measure.target.described(&measure.unit);
    match measure.latest() {
        Some(r) => format!(
            "{} on {}, target {target}: {}",
            with_unit(&r.value.to_string(), &measure.unit),
            r.date,
            standing_words(measure)
        ),
        None => format!("no reading yet, target {target}"),
    }
}

/// The ids a list offers: the register's, in its order, then those the
/// item links that the register lacks, so that editing another field
/// never drops a link silently.
fn offered(known: Vec<&str>, linked: &[String]) -> Vec<String> {
    let known_set: HashSet<&str> = known.iter().copied().collect();
    let mut extra = HashSet::new();
    let unknown = linked
        .iter()
        .filter(|id| !known_set.contains(id.as_str()) && extra.insert(id.as_str()));
    known
        .iter()
        .map(|id| id.to_string())
        .chain(unknown.cloned())
        .collect()
}

fn requirement_ids(register: &Register, linked: &[String]) -> Vec<String> {
    let known = register
        .requirements
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    offered(known, linked)
}

fn measure_ids(register: &Register, linked: &[String]) -> Vec<String> {
    let known = register.measures.iter().map(|m| m.id.as_str()).collect();
    offered(known, linked)
}

/// The item form's lists of requirements and measures; none when the
/// register has none to offer (and the item links none).
pub fn link_fields(register: &Register, existing: Option<&Item>) -> Vec<Field> {
    let no_links = Vec::new();
    let (requirements, measures) =
        existing.map_or((&no_links, &no_links), |i| (&i.requirements, &i.measures));
    let mut fields = Vec::new();
    let ids = requirement_ids(register, requirements);
    if !ids.is_empty() {
        let labels = ids
            .iter()
            .map(|id| match register.requirement(id) {
                Some(r) => requirement_label(register, r),
                None => format!("{id} (not in the register's requirements)"),
            })
            .collect();
        let on = ids.iter().map(|id| requirements.contains(id)).collect();
        fields.push(Field::checklist(
            REQUIREMENTS,
            labels,
            on,
            "legal ones want statutory/regulatory under Affects",
        ));
    }
    let ids = measure_ids(register, measures);
    if !ids.is_empty() {
        let labels = ids
            .iter()
            .map(|id| match register.measure(id) {
                Some(m) => measure_label(register, m),
                None => format!("{id} (not in the register's measures)"),
            })
            .collect();
        let on = ids.iter().map(|id| measures.contains(id)).collect();
        fields.push(Field::checklist(
            MEASURES,
            labels,
            on,
            "the measures it would move",
        ));
    }
    fields
}

/// The links ticked in the form: those the item had keep the order the
/// file gave them (an untouched form changes nothing), new ones follow in
/// the register's order. A list the form lacks keeps the item's links.
pub fn read_links(
    form: &Form,
    register: &Register,
    existing: Option<&Item>,
) -> (Vec<String>, Vec<String>) {
    let no_links = Vec::new();
    let (requirements, measures) =
        existing.map_or((&no_links, &no_links), |i| (&i.requirements, &i.measures));
    let read = |key: &str, ids: Vec<String>, had: &Vec<String>| {
        if !form.has_field(key) {
            return had.clone();
        }
        let ticked: HashSet<&String> = ids
            .iter()
            .zip(form.field(key).toggled())
            .filter(|(_, on)| *on)
            .map(|(id, _)| id)
            .collect();
        let mut out: Vec<String> = had
            .iter()
            .filter(|id| ticked.contains(id))
            .cloned()
            .collect();
        let kept: HashSet<String> = out.iter().cloned().collect();
        out.extend(
            ids.iter()
                .filter(|id| ticked.contains(id) && !kept.contains(*id))
                .cloned(),
        );
        out
    };
    (
        read(
            REQUIREMENTS,
            requirement_ids(register, requirements),
            requirements,
        ),
        read(MEASURES, measure_ids(register, measures), measures),
    )
}

/// What `check` will warn of in the links just saved: a linked requirement
/// the item does not say it affects. Short, for the status line beside the
/// save time at 80 columns; `check` says it in full.
pub fn affects_gaps(register: &Register, item: &Item) -> Option<String> {
    let affects = |a| item.affects.contains(&a);
    let gaps: Vec<String> = item
        .requirements
        .iter()
        .filter_map(|id| register.requirement(id))
        .filter_map(|r| match r.kind {
            kind if kind.is_legal() && !affects(Affects::StatutoryRegulatory) => Some(format!(
                "{} is {kind}: tick {kind} in Affects",
                r.id,
                kind = kind.label().to_lowercase()
            )),
            RequirementKind::Customer
                if !affects(Affects::CustomerSatisfaction)
                    && !affects(Affects::ProductConformity) =>
            {
                Some(format!(
                    "{} is a customer's: tick customer satisfaction in Affects",
                    r.id
                ))
            }
            _ => None,
        })
        .collect();
    (!gaps.is_empty()).then(|| gaps.join("; "))
}
