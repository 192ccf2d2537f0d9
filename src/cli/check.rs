//! `roreg check`: every problem at once, one per line.

use std::path::Path;

use crate::domain::{Severity, validate};

use super::exit;
use super::output::{Console, WriteError};

pub fn run(path: &Path, strict: bool, console: &mut Console) -> Result<u8, WriteError> {
    let Some(loaded) = super::load(path, console)? else {
        return Ok(exit::UNREADABLE);
    };
    let problems = validate(&loaded.register);
    for problem in &problems {
        console.line(&format!("{}: {problem}", path.display()))?;
    }
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    let failing = errors > 0 || (strict && warnings > 0);
    let register = &loaded.register;
    let summary = format!(
        "{}: {} items, {} actions, {} meetings; {errors} error{}, {warnings} warning{}",
        path.display(),
        register.items.len(),
        register
            .items
            .iter()
            .map(|i| i.actions.len())
            .sum::<usize>(),
        register.meetings.len(),
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" },
    );
    console.note(&summary)?;
    Ok(if failing { exit::PROBLEMS } else { exit::OK })
}
