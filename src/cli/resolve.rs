//! `roreg resolve FILE`: keeps one side of each conflict block a merge left,
//! records each choice in the history, by the person resolving, and saves
//! the register only when it then is valid.

use std::path::Path;

use crate::domain::history::{self, Change};
use crate::domain::{Severity, Timestamp, identity, validate};
use crate::storage::conflict::{self, Block, Side};
use crate::storage::{Fingerprint, load};

use super::exit;
use super::output::{Console, WriteError};

#[derive(Debug, clap::Args)]
pub struct ResolveArgs {
    pub file: Option<std::path::PathBuf>,
    /// Keep ours in every block not named by --keep.
    #[arg(long, conflicts_with = "theirs")]
    pub ours: bool,
    /// Keep theirs in every block not named by --keep.
    #[arg(long)]
    pub theirs: bool,
    /// Which side to keep for a record: ID=ours or ID=theirs (repeatable).
    #[arg(long, value_name = "ID=SIDE", value_parser = parse_keep)]
    pub keep: Vec<(String, Side)>,
}

fn parse_keep(text: &str) -> Result<(String, Side), String> {
    let (id, side) = text
        .split_once('=')
        .ok_or_else(|| format!("{text}: give ID=ours or ID=theirs, e.g. R-004=theirs"))?;
    let side = match side {
        "ours" => Side::Ours,
        "theirs" => Side::Theirs,
        other => return Err(format!("{other}: the side is ours or theirs")),
    };
    Ok((id.to_string(), side))
}

pub fn run(
    path: &Path,
    args: &ResolveArgs,
    acting_as: Option<&str>,
    console: &mut Console,
) -> Result<u8, WriteError> {
    let shown = path.display();
    let bytes = match load::read_register_file(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            console.note(&e.to_string())?;
            return Ok(exit::UNREADABLE);
        }
    };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let blocks = conflict::blocks(&text);
    if blocks.is_empty() {
        console.note(&format!("{shown}: no merge conflicts to resolve"))?;
        return Ok(exit::OK);
    }
    let everywhere = match (args.ours, args.theirs) {
        (true, _) => Some(Side::Ours),
        (_, true) => Some(Side::Theirs),
        _ => None,
    };
    let choice = |b: &Block| {
        args.keep
            .iter()
            .find(|(id, _)| b.records.contains(id))
            .map(|(_, side)| *side)
            .or(everywhere)
    };
    let open: Vec<&Block> = blocks.iter().filter(|b| choice(b).is_none()).collect();
    if !open.is_empty() {
        for block in open {
            let id = block.records.first().map_or("ID", String::as_str);
            console.line(&format!(
                "{shown}:{}: unresolved merge conflict in {}: keep one side with --keep {id}=ours or --keep {id}=theirs (or --ours / --theirs for all)",
                block.line,
                block.describe()
            ))?;
        }
        return Ok(exit::PROBLEMS);
    }
    let kept = conflict::keep(&text, &blocks, |b| choice(b).unwrap_or(Side::Ours));
    let mut register = match load::parse_text(&kept) {
        Ok(register) => register,
        Err(e) => {
            console.note(&format!(
                "{}; the file was not changed",
                e.at(path).to_string().replace('\n', " ")
            ))?;
            return Ok(exit::UNREADABLE);
        }
    };
    let login = super::login_name();
    let by = match identity::editor(&register, login.as_deref(), acting_as) {
        Ok(Some(by)) => by,
        Ok(None) => {
            console.note(&format!(
                "{shown}: who is resolving? your login names no person in the register; give --as ID (the file was not changed)"
            ))?;
            return Ok(exit::UNREADABLE);
        }
        Err(not) => {
            console.note(&super::acting_as::refusal(&not))?;
            return Ok(exit::UNREADABLE);
        }
    };
    let choices: Vec<Change> = blocks
        .iter()
        .map(|b| {
            let side = choice(b).unwrap_or(Side::Ours);
            let word = if side == Side::Ours { "ours" } else { "theirs" };
            Change {
                record: b.records.join(","),
                field: "merge-resolved".into(),
                old: String::new(),
                new: ron::to_string(&format!("{word} ({})", b.label(side))).unwrap_or_default(),
            }
        })
        .collect();
    history::record(
        &mut register,
        choices,
        Timestamp::to_the_second(chrono::Utc::now()),
        &by,
    );
    let before: Vec<String> = errors(&register);
    if !before.is_empty() {
        for problem in &before {
            console.line(&format!("{shown}: {problem}"))?;
        }
        console.note(&format!(
            "{shown}: the sides kept leave {}; choose otherwise, or fix them after resolving by hand (the file was not changed)",
            crate::text::plural(before.len(), "error", "errors")
        ))?;
        return Ok(exit::PROBLEMS);
    }
    match crate::storage::save(path, &register, Some(Fingerprint::of(&bytes))) {
        Ok(_) => {
            console.note(&format!(
                "{shown}: resolved {}; each choice is recorded in the history as yours ({by})",
                crate::text::plural(blocks.len(), "conflict", "conflicts")
            ))?;
            Ok(exit::OK)
        }
        Err(e) => {
            console.note(&format!("{e}"))?;
            Ok(exit::UNREADABLE)
        }
    }
}

fn errors(register: &crate::domain::Register) -> Vec<String> {
    validate(register)
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.to_string())
        .collect()
}
