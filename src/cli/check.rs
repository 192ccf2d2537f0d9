//! `roreg check`: every problem at once, one per line.

use std::path::Path;

use crate::domain::{Severity, validate};

use super::exit;

pub fn run(path: &Path, strict: bool) -> u8 {
    let loaded = match super::load(path) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let problems = validate(&loaded.register);
    for problem in &problems {
        println!("{}: {problem}", path.display());
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
    eprintln!("{summary}");
    if failing { exit::PROBLEMS } else { exit::OK }
}
