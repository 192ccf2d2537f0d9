//! `roreg check`: every problem at once, one per line.

use std::path::Path;

use crate::domain::baseline::unprotected;
use crate::domain::history::{self, GENESIS};
use crate::domain::management_review::{self, Standing};
use crate::domain::witness::{self, Head, Proof};
use crate::domain::{Date, Problem, Register, Severity, validate};

use super::exit;
use super::output::{Console, WriteError};

/// `today` is the day the management review's standing is judged on: the
/// only check that needs the clock, so it is here and not in `validate`.
pub fn run(
    path: &Path,
    strict: bool,
    head: Option<&Head>,
    today: Date,
    console: &mut Console,
) -> Result<u8, WriteError> {
    let Some(loaded) = super::load(path, console)? else {
        return Ok(exit::UNREADABLE);
    };
    let register = &loaded.register;
    let mut problems = validate(register);
    problems.extend(not_protected(register));
    problems.extend(overdue_management_review(&management_review::standing(
        register, today,
    )));
    problems.extend(super::git::missing_driver(path));
    for problem in &problems {
        console.line(&format!("{}: {problem}", path.display()))?;
    }
    // The witness is no validation problem: it is what this run was asked.
    let witness = head.map(|head| (head, witness::prove(register, head)));
    let mut head_failed = false;
    if let Some((head, proof)) = &witness {
        match proof_line(register, head, proof) {
            Ok(proven) => console.note(&format!("{}: {proven}", path.display()))?,
            Err(failed) => {
                head_failed = true;
                console.line(&format!("{}: {failed}", path.display()))?
            }
        }
    }
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    let failing = errors > 0 || (strict && warnings > 0) || head_failed;
    let summary = format!(
        "{}: {} items, {} actions, {} meetings; {errors} error{}, {warnings} warning{}; {}",
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
        current_head(register),
    );
    console.note(&summary)?;
    Ok(if failing { exit::PROBLEMS } else { exit::OK })
}

/// For clap: a head as `--head` takes it.
pub fn parse_head(text: &str) -> Result<Head, String> {
    Head::parse(text)
}

/// The head to note, as `--head` takes it back.
fn current_head(register: &Register) -> String {
    match history::head(register) {
        GENESIS => "no history yet".to_string(),
        // A hash from the file may be anything: cut by chars, never mid-character.
        head => format!(
            "head {}",
            head.chars().take(witness::SHORTEST).collect::<String>()
        ),
    }
}

/// What no history record covers, as one warning.
fn not_protected(register: &Register) -> Option<Problem> {
    let missing = unprotected(register);
    (!missing.is_empty()).then(|| Problem {
        severity: Severity::Warning,
        location: "history".to_string(),
        message: format!(
            "not protected: {}; the next save records a baseline that protects them",
            missing.describe()
        ),
    })
}

/// A management review overdue on the day asked about, as one warning.
fn overdue_management_review(standing: &Standing) -> Option<Problem> {
    let due = standing.due.filter(|_| standing.overdue())?;
    let late = standing.days_late;
    let last = match &standing.last {
        Some((id, day)) => format!("the last one that counts is {id} on {day}"),
        None => "none has been held since the register's first record".to_string(),
    };
    Some(Problem {
        severity: Severity::Warning,
        location: "register.management_review".to_string(),
        message: format!(
            "OVERDUE since {due} ({late} day{} late): {last}, and one is due every {} days; hold a management review with top management present (ISO 9001 9.3.1), or change scales.management_review_days",
            if late == 1 { "" } else { "s" },
            standing.interval_days
        ),
    })
}

/// `Ok` what the noted head proves, `Err` why it proves nothing.
fn proof_line(register: &Register, head: &Head, proof: &Proof) -> Result<String, String> {
    let noted = head.as_str();
    let record = |index: usize| {
        let e = &register.history[index];
        format!(
            "history[{index}] ({} by {}, {}.{})",
            e.at, e.by, e.record, e.field
        )
    };
    match *proof {
        Proof::Proven { index: None } => Ok(format!(
            "head {noted} is the start of every history: it proves nothing"
        )),
        Proof::Proven { index: Some(index) } => Ok(format!(
            "head {noted} is {}, and every record up to it verifies: the history then known is unchanged",
            record(index)
        )),
        Proof::Unknown => Err(format!(
            "head {noted}: no record has that hash: the history was cut back before it, or rewritten before it"
        )),
        Proof::Broken { index, broken } if broken == index => Err(format!(
            "head {noted} is {}, but it does not match its hash: it was edited, or one before it removed or reordered",
            record(index)
        )),
        Proof::Broken { index, broken } => Err(format!(
            "head {noted} is history[{index}], but the chain is broken before it: {} does not match its hash: it was edited, or one before it removed or reordered",
            record(broken)
        )),
        Proof::Ambiguous { count } => Err(format!(
            "head {noted}: {count} records have hashes that start so; give more digits, up to all 64"
        )),
    }
}
