//! The register's forms: item, action, effectiveness check and filter. Each
//! is built from the register and read back into a change, with every
//! mistake reported at its field together with what would be valid.
//! Here: the field names and helpers they share.

pub mod action;
pub mod filter;
pub mod follow_up;
pub mod item;

use crate::domain::{Date, Register};

use super::form::Form;

pub(super) const KIND: &str = "Kind";
pub(super) const TITLE: &str = "Title";
pub(super) const DESCRIPTION: &str = "Description";
pub(super) const AFFECTS: &str = "Affects";
pub(super) const SOURCE_TYPE: &str = "Source type";
pub(super) const SOURCE: &str = "Source";
pub(super) const PROCESS: &str = "Process";
pub(super) const OWNER: &str = "Owner";
pub(super) const LIKELIHOOD: &str = "Likelihood";
pub(super) const CONSEQUENCE: &str = "Impact";
pub(super) const TARGET_LIKELIHOOD: &str = "Target likelihood";
pub(super) const TARGET_CONSEQUENCE: &str = "Target impact";
pub(super) const TREATMENT: &str = "Treatment";
pub(super) const STATUS: &str = "Status";
pub(super) const NEXT_REVIEW: &str = "Next review";
pub(super) const TEXT: &str = "Action";
pub(super) const DUE: &str = "Due";
pub(super) const VERDICT: &str = "Verdict";
pub(super) const NOTE: &str = "Note";
pub(super) const CHECKED_BY: &str = "Checked by";
pub(super) const BAND: &str = "Band";
pub(super) const OVERDUE: &str = "Overdue";
pub(super) const SOURCE_TYPES: [&str; 3] = [
    "Internal issue (4.1)",
    "External issue (4.1)",
    "Interested party (4.2)",
];
pub(super) const NONE: &str = "none";

pub(super) fn levels(names: &[String]) -> Vec<String> {
    names
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{} {n}", i + 1))
        .collect()
}

pub(super) fn with_none(mut options: Vec<String>) -> Vec<String> {
    options.insert(0, NONE.to_string());
    options
}

pub(super) fn people_options(register: &Register) -> Vec<String> {
    register
        .people
        .iter()
        .map(|p| format!("{} ({})", p.id, p.name))
        .collect()
}

pub(super) fn person_index(register: &Register, id: &str) -> usize {
    register.people.iter().position(|p| p.id == id).unwrap_or(0)
}

pub(super) fn person_at(register: &Register, index: usize) -> Option<String> {
    register.people.get(index).map(|p| p.id.clone())
}

pub(super) fn parse_optional_date(form: &mut Form, key: &'static str) -> Result<Option<Date>, ()> {
    let text = form.field(key).text_value();
    if text.trim().is_empty() {
        return Ok(None);
    }
    Date::parse(&text)
        .map(Some)
        .map_err(|e| form.set_error(key, e))
}
