//! `roreg log`: the change history, oldest first, optionally of one record.

use std::io::Write;
use std::path::Path;

use crate::domain::history::{ChainProblem, verify};
use crate::text;

use super::exit;

pub fn run(path: &Path, id: Option<&str>) -> u8 {
    let loaded = match super::load(path) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let register = &loaded.register;
    let wanted = |record: &str| {
        id.is_none_or(|id| {
            record == id
                || record
                    .strip_prefix(id)
                    .is_some_and(|rest| rest.starts_with('/'))
        })
    };
    let mut out = std::io::stdout().lock();
    let mut shown = 0;
    for (index, h) in register
        .history
        .iter()
        .enumerate()
        .filter(|(_, h)| wanted(&h.record))
    {
        shown += 1;
        let change = match (h.old.is_empty(), h.new.is_empty()) {
            (true, _) => format!("added {}", h.new),
            (_, true) => format!("removed (was {})", h.old),
            _ => format!("{} -> {}", h.old, h.new),
        };
        // A closed pipe (`roreg log | head`) is not an error worth a report.
        let _ = writeln!(
            out,
            "{index:>5}  {}  {:<10}  {}.{}: {}",
            h.at,
            text::one_line(&h.by),
            text::one_line(&h.record),
            text::one_line(&h.field),
            text::one_line(&change)
        );
    }
    if let Some(id) = id
        && shown == 0
    {
        eprintln!("{}: no recorded change of {id}", path.display());
    }
    let problems = verify(register);
    for problem in &problems {
        eprintln!("{}: {}", path.display(), problem.describe(register));
    }
    let broken = problems
        .iter()
        .any(|p| !matches!(p, ChainProblem::ChangedOutside));
    if broken { exit::PROBLEMS } else { exit::OK }
}
