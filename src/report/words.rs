//! Small phrases the sections share: id lists, yes/no, band letters.

use crate::domain::{Item, Register};

pub(super) fn yes_no(flag: bool) -> String {
    if flag { "yes" } else { "no" }.to_string()
}

/// Record ids as a comma-separated list.
pub(super) fn ids<'s>(records: impl IntoIterator<Item = &'s String>) -> String {
    let list: Vec<&str> = records.into_iter().map(String::as_str).collect();
    list.join(", ")
}

/// `5 ids (A, B, …)` or `none`.
pub(super) fn counted(ids_of: &[String]) -> String {
    if ids_of.is_empty() {
        "none".to_string()
    } else {
        format!("{} ({})", ids_of.len(), ids(ids_of))
    }
}

pub(super) fn affects(item: &Item) -> String {
    let labels: Vec<&str> = item.affects.iter().map(|a| a.label()).collect();
    labels.join(", ")
}

pub(super) fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// A short name per band for heat-map cells: the first letter, or the whole
/// name when two bands share a first letter (e.g. Medium and Major).
pub(super) fn band_letters(register: &Register) -> Vec<String> {
    let first = |name: &str| {
        name.chars()
            .next()
            .map_or(String::new(), |c| c.to_uppercase().collect())
    };
    let bands = &register.scales.bands;
    let letters: Vec<String> = bands.iter().map(|b| first(&b.name)).collect();
    let unique = letters
        .iter()
        .enumerate()
        .all(|(i, l)| !l.is_empty() && !letters[..i].contains(l));
    if unique {
        letters
    } else {
        bands.iter().map(|b| b.name.clone()).collect()
    }
}
