//! `roreg log`: the change history, oldest first, optionally of one record.

use std::path::Path;

use crate::domain::history::{ChainProblem, verify};
use crate::text;

use super::exit;
use super::output::{Console, WriteError};

pub fn run(path: &Path, id: Option<&str>, console: &mut Console) -> Result<u8, WriteError> {
    let Some(loaded) = super::load(path, console)? else {
        return Ok(exit::UNREADABLE);
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
        console.line(&format!(
            "{index:>5}  {}  {:<10}  {}.{}: {}",
            h.at,
            text::one_line(&h.by),
            text::one_line(&h.record),
            text::one_line(&h.field),
            text::one_line(&change)
        ))?;
    }
    if let Some(id) = id
        && shown == 0
    {
        console.note(&format!("{}: no recorded change of {id}", path.display()))?;
    }
    let problems = verify(register);
    for problem in &problems {
        console.note(&format!(
            "{}: {}",
            path.display(),
            problem.describe(register)
        ))?;
    }
    let broken = problems
        .iter()
        .any(|p| !matches!(p, ChainProblem::ChangedOutside));
    Ok(if broken { exit::PROBLEMS } else { exit::OK })
}
