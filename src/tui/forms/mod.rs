//! The register's forms: item, action, effectiveness check, filter and person. Each
//! is built from the register and read back into a change, with every
//! mistake reported at its field together with what would be valid.
//! Here: the field names and helpers they share.

pub mod action;
pub mod filter;
pub mod follow_up;
pub mod item;
pub mod person;
pub mod reading;

use crate::domain::{Date, Person, Register};

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

/// The people a form offers to choose from: everyone not retired, and
/// `keep` (whom the record names now) even if retired, so editing another
/// field never reassigns the record silently. In the file's order.
fn offered<'r>(register: &'r Register, keep: Option<&str>) -> impl Iterator<Item = &'r Person> {
    register
        .people
        .iter()
        .filter(move |p| p.retired.is_none() || Some(p.id.as_str()) == keep)
}

pub(super) fn people_options(register: &Register, keep: Option<&str>) -> Vec<String> {
    offered(register, keep)
        .map(|p| match p.retired {
            Some(_) => format!("{} ({}) (retired)", p.id, p.name),
            None => format!("{} ({})", p.id, p.name),
        })
        .collect()
}

/// Where `id` is among the people offered; the first when it is not there.
pub(super) fn person_index(register: &Register, keep: Option<&str>, id: &str) -> usize {
    offered(register, keep)
        .position(|p| p.id == id)
        .unwrap_or(0)
}

pub(super) fn person_at(register: &Register, keep: Option<&str>, index: usize) -> Option<String> {
    offered(register, keep).nth(index).map(|p| p.id.clone())
}

/// Why no owner can be chosen: the register has nobody (yet) to choose.
pub(super) fn no_people(people_key: &str) -> String {
    format!("the register has no people yet; {people_key} adds people (you first)")
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
