//! `roreg log`: the change history, oldest first, optionally of one record
//! and everything about it; long values cut unless `--full`.

use std::path::Path;

use crate::domain::history::about::{about, all};
use crate::domain::history::{ChainProblem, verify};
use crate::text;

use super::exit;
use super::output::{Console, WriteError};

/// Values longer than this many columns are cut with `…` unless `--full`.
const VALUE_WIDTH: usize = 100;

pub fn run(
    path: &Path,
    id: Option<&str>,
    full: bool,
    console: &mut Console,
) -> Result<u8, WriteError> {
    let Some(loaded) = super::load(path, console)? else {
        return Ok(exit::UNREADABLE);
    };
    let register = &loaded.register;
    let shown = match id {
        Some(id) => about(register, id),
        None => all(register),
    };
    let cut = |value: &str| {
        let value = text::one_line(value);
        if full {
            value
        } else {
            text::truncate(&value, VALUE_WIDTH)
        }
    };
    for line in &shown {
        let h = line.entry;
        let merge = crate::domain::history::join::note(h);
        let change = match (line.old.is_empty(), line.new.is_empty()) {
            _ if merge.is_some() => merge.map(|n| joined(&n)).unwrap_or_default(),
            (true, _) => format!("added {}", cut(&line.new)),
            (_, true) => format!("removed (was {})", cut(&line.old)),
            _ => format!("{} -> {}", cut(&line.old), cut(&line.new)),
        };
        console.line(&format!(
            "{:>5}  {}  {:<10}  {}.{}: {change}",
            line.index,
            h.at,
            text::one_line(&h.by),
            text::one_line(&h.record),
            text::one_line(&line.field),
        ))?;
    }
    if let Some(id) = id
        && shown.is_empty()
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

/// A merge record as a person reads it: which two heads it joined.
fn joined(note: &crate::domain::history::join::MergeNote) -> String {
    let short = |h: &str| text::one_line(&h.chars().take(12).collect::<String>());
    format!(
        "joined ours (head {}) and theirs (head {})",
        short(&note.ours),
        short(&note.theirs)
    )
}
