//! What the report says so that an auditor can witness the history later:
//! its head hash, to note, and what the history does not protect yet.

use crate::domain::Register;
use crate::domain::baseline::{Unprotected, unprotected};
use crate::domain::history::{self, ChainProblem};
use crate::text::plural;

/// The head hash with the one sentence that tells the auditor to note it.
pub(super) fn head_fact(register: &Register) -> String {
    if register.history.is_empty() {
        return "none: the register holds no change history yet, so there is no head to note"
            .to_string();
    }
    let head = history::head(register);
    format!(
        "{head}. Note it whole: \"roreg check --head {head}\" on any later copy of the register \
         exits 0 only if the history this report was made from is still in it, unchanged (a \
         shorter prefix finds the record, but is easier to forge)."
    )
}

/// The audit table's value for the change history: never "intact" while
/// records are not protected.
pub(super) fn history_value(register: &Register, problems: &[ChainProblem]) -> String {
    let changes = plural(register.history.len(), "change", "changes");
    let missing = unprotected(register);
    match (register.history.len(), problems.len(), missing.is_empty()) {
        (_, 0, false) if register.history.is_empty() => {
            format!("none recorded; not protected: {}", missing.counts())
        }
        (_, 0, false) => format!("{changes}; not protected: {}", missing.counts()),
        (0, 0, true) => "none recorded".to_string(),
        (_, 0, true) => format!("{changes}, intact"),
        (_, p, _) => format!("{changes}, {}", plural(p, "problem", "problems")),
    }
}

/// What checking the history found, one sentence each: its problems, then
/// what it does not protect.
pub(super) fn findings(register: &Register, problems: &[ChainProblem]) -> Vec<String> {
    let mut found: Vec<String> = problems.iter().map(|p| p.describe(register)).collect();
    let missing: Unprotected = unprotected(register);
    if !missing.is_empty() {
        found.push(format!(
            "Not protected: {}. Nothing would show them edited; the next save in roreg records a \
             baseline that protects them from then on.",
            missing.describe()
        ));
    }
    found.extend(
        crate::domain::audit::outside_changes(register)
            .into_iter()
            .map(|line| format!("Changed outside roreg, {line}.")),
    );
    found
}
