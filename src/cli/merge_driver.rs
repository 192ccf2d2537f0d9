//! `roreg merge-driver %O %A %B %L %P %S %X %Y`: git's merge driver for a
//! register. Merges by id, field by field; keeps both histories and joins
//! them with one merge record; writes the result over %A. Exit 0 clean, 1
//! conflicts (marker blocks around each conflicting record), above 128 only
//! when roreg itself failed. Anything it cannot read goes to git's own text
//! merge, as does everything with `ROREG_MERGE=0`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::domain::edit::Key;
use crate::domain::history::{self, join};
use crate::domain::merge::three_way;
use crate::domain::{Register, Severity, identity, validate};
use crate::storage::{conflict, load};

use super::output::{Console, WriteError};

#[derive(Debug, clap::Args)]
pub struct DriverArgs {
    /// The common ancestor's version (%O).
    pub base: PathBuf,
    /// Ours (%A): the result is written here.
    pub ours: PathBuf,
    /// Theirs (%B).
    pub theirs: PathBuf,
    /// Conflict marker size (%L).
    pub marker_size: Option<usize>,
    /// The register's path in the repository (%P), for messages.
    pub path: Option<String>,
    /// The ancestor's, ours' and theirs' names (%S %X %Y), for the markers.
    pub labels: Vec<String>,
}

pub const CLEAN: u8 = 0;
pub const CONFLICTS: u8 = 1;
/// roreg itself failed (git reads any code above 128 as a crash).
pub const FAILED: u8 = 129;

pub fn run(
    args: &DriverArgs,
    acting_as: Option<&str>,
    console: &mut Console,
) -> Result<u8, WriteError> {
    let shown = args
        .path
        .clone()
        .unwrap_or_else(|| args.ours.display().to_string());
    if std::env::var_os("ROREG_MERGE").is_some_and(|v| v == "0") {
        return text_merge(args, &shown, "ROREG_MERGE=0", console);
    }
    let read = |path: &Path, which: &str| {
        load::read_register_file(path)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                load::parse_bytes(&bytes)
                    .map(|(r, _)| r)
                    .map_err(|e| e.at(path).to_string())
            })
            .map_err(|e| format!("{which} cannot be read ({e})"))
    };
    let (base, ours, theirs) = match (
        read(&args.base, "the ancestor"),
        read(&args.ours, "ours"),
        read(&args.theirs, "theirs"),
    ) {
        (Ok(b), Ok(o), Ok(t)) => (b, o, t),
        (b, o, t) => {
            let why = [b.err(), o.err(), t.err()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("; ");
            return text_merge(args, &shown, &why, console);
        }
    };
    let label = |at: usize| args.labels.get(at).cloned().unwrap_or_default();
    let (ours_label, theirs_label) = (label(1), label(2));
    let by = merger(&ours, &theirs, acting_as);
    let mut merged = three_way(&base, &ours, &theirs);
    let mut conflicts = merged.conflicts.clone();
    conflicts.extend(invalid_after_merge(&mut merged, &ours, &theirs));
    let state = history::state_hash(&merged.settled_ours);
    let joined = join::join(&ours.history, &theirs.history, &by, state);
    merged.settled_ours.history = joined.clone();
    merged.settled_theirs.history = joined;
    let text = if conflicts.is_empty() {
        crate::storage::to_text(&merged.settled_ours)
    } else {
        conflict::write(
            &merged.settled_ours,
            &merged.settled_theirs,
            args.marker_size.unwrap_or(7),
            &ours_label,
            &theirs_label,
        )
    };
    let written = text.map_err(|e| e.to_string()).and_then(|text| {
        crate::storage::save::write_text_atomically(&args.ours, &text)
            .map_err(|e| format!("cannot write {}: {e}", args.ours.display()))
    });
    if let Err(why) = written {
        console.note(&format!("roreg: merge of {shown} failed: {why}"))?;
        return Ok(FAILED);
    }
    if conflicts.is_empty() {
        console.note(&format!(
            "roreg: merged {shown}: {}",
            sides(&base, &ours, &theirs)
        ))?;
        Ok(CLEAN)
    } else {
        console.note(&format!(
            "roreg: {shown}: {} ({}); keep one side of each with `roreg resolve {shown}`",
            crate::text::plural(conflicts.len(), "conflict", "conflicts"),
            conflicts.join("; ")
        ))?;
        Ok(CONFLICTS)
    }
}

/// Who the merge record is by: the person the login names, else whoever
/// made ours' last change, else theirs'. Never the clock or the machine:
/// the same merge made twice writes the same file.
fn merger(ours: &Register, theirs: &Register, acting_as: Option<&str>) -> String {
    let login = super::login_name();
    identity::editor(ours, login.as_deref(), acting_as)
        .ok()
        .flatten()
        .or_else(|| ours.history.last().map(|r| r.by.clone()))
        .or_else(|| theirs.history.last().map(|r| r.by.clone()))
        .or_else(|| ours.people.first().map(|p| p.id.clone()))
        .unwrap_or_default()
}

/// Errors the merge itself made (in neither side alone) are conflicts too:
/// the records they are about are kept as each side had them.
fn invalid_after_merge(
    merged: &mut crate::domain::merge::Merged,
    ours: &Register,
    theirs: &Register,
) -> Vec<String> {
    let errors = |r: &Register| -> BTreeSet<String> {
        validate(r)
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .map(|p| p.to_string())
            .collect()
    };
    let known: BTreeSet<String> = errors(ours).union(&errors(theirs)).cloned().collect();
    let mut out = Vec::new();
    for problem in validate(&merged.settled_ours) {
        if problem.severity != Severity::Error || known.contains(&problem.to_string()) {
            continue;
        }
        if let Some(key) = key_of(&problem.location, &merged.settled_ours) {
            merged.settled_ours.put(ours.record(&key));
            merged.settled_theirs.put(theirs.record(&key));
        }
        out.push(format!("{problem} (after the merge)"));
    }
    out
}

/// The record a problem's location (`R-004.owner`, `people.x.name`) is in.
fn key_of(location: &str, register: &Register) -> Option<Key> {
    if let Some(person) = location.strip_prefix("people.") {
        return Some(Key::Person(person.split('.').next()?.to_string()));
    }
    let id = location.split(['.', '/']).next()?;
    if register.meeting(id).is_some() {
        Some(Key::Meeting(id.to_string()))
    } else if register.item(id).is_some() {
        Some(Key::Item(id.to_string()))
    } else {
        None
    }
}

/// "ours changed; theirs changed R-002".
fn sides(base: &Register, ours: &Register, theirs: &Register) -> String {
    let changed = |side: &Register| -> String {
        let records: BTreeSet<String> = history::diff(base, side)
            .into_iter()
            .map(|c| c.record.split('/').next().unwrap_or_default().to_string())
            .collect();
        match records.len() {
            0 => "nothing".into(),
            n if n > 8 => format!(
                "{} and {} more",
                records
                    .iter()
                    .take(8)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", "),
                n - 8
            ),
            _ => records.into_iter().collect::<Vec<_>>().join(", "),
        }
    };
    format!(
        "ours changed {}; theirs changed {}; both histories kept",
        changed(ours),
        changed(theirs)
    )
}

/// git's own text merge of the three files into %A; always exit 1, so a
/// person looks at a file roreg could not read.
fn text_merge(
    args: &DriverArgs,
    shown: &str,
    why: &str,
    console: &mut Console,
) -> Result<u8, WriteError> {
    let label = |at: usize, or: &str| {
        args.labels
            .get(at)
            .filter(|l| !l.is_empty())
            .cloned()
            .unwrap_or_else(|| or.to_string())
    };
    let marker = format!("--marker-size={}", args.marker_size.unwrap_or(7));
    let status = std::process::Command::new("git")
        .args(["merge-file", &marker, "-L"])
        .arg(label(1, "ours"))
        .arg("-L")
        .arg(label(0, "base"))
        .arg("-L")
        .arg(label(2, "theirs"))
        .arg(&args.ours)
        .arg(&args.base)
        .arg(&args.theirs)
        .status();
    let how = match status {
        Ok(_) => "merged as plain text",
        Err(_) => "git merge-file could not run, so ours was left as it is",
    };
    console.note(&format!(
        "roreg: {shown}: {why}: {how}; check the result with `roreg check {shown}`"
    ))?;
    Ok(CONFLICTS)
}
