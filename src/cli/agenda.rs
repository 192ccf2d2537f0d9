//! `roreg agenda`: the agenda the next meeting of a kind would start with,
//! each item with why it is on it, to send ahead (text, or Markdown for mail).

use std::path::Path;

use clap::ValueEnum;

use crate::domain::agenda::{Entry, Reason, agenda};
use crate::domain::{Date, Item, MeetingKind, Register};
use crate::report::escape::escape_markdown_cell;
use crate::text;

use super::exit;
use super::output::{Console, WriteError};

#[derive(Debug, clap::Args)]
pub struct AgendaArgs {
    pub file: Option<std::path::PathBuf>,
    /// Which meeting the agenda is for.
    #[arg(long, value_enum, default_value_t = KindArg::RiskReview)]
    pub kind: KindArg,
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum KindArg {
    RiskReview,
    ManagementReview,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FormatArg {
    /// Aligned lines for the terminal.
    Text,
    /// A Markdown table, for mail.
    Md,
}

impl From<KindArg> for MeetingKind {
    fn from(kind: KindArg) -> MeetingKind {
        match kind {
            KindArg::RiskReview => MeetingKind::RiskReview,
            KindArg::ManagementReview => MeetingKind::ManagementReview,
        }
    }
}

/// Titles longer than this many columns are cut with `…` in text output.
const TITLE_WIDTH: usize = 50;

/// One agenda line's fields, neutralised for a terminal.
struct Line {
    position: usize,
    id: String,
    title: String,
    band: String,
    owner: String,
    why: String,
}

fn why(entry: &Entry, item: &Item) -> String {
    let label = entry.reason.label();
    match (entry.reason, item.next_review) {
        (Reason::ReviewOverdue | Reason::ReviewDue, Some(due)) => format!("{label} ({due})"),
        _ => label.to_string(),
    }
}

fn lines(register: &Register, kind: MeetingKind, today: Date) -> Vec<Line> {
    let entries = agenda(register, kind, today);
    // The agenda is in meeting order, not id order: one lookup per entry,
    // each O(log n).
    entries
        .iter()
        .zip(1..)
        .filter_map(|(entry, position)| {
            let item = register.item(&entry.item)?;
            Some(Line {
                position,
                id: text::one_line(&item.id),
                title: text::one_line(&item.title),
                band: text::one_line(register.scales.band_name(item.current.value())),
                owner: text::one_line(&item.owner),
                why: why(entry, item),
            })
        })
        .collect()
}

pub fn run(
    path: &Path,
    args: &AgendaArgs,
    today: Date,
    console: &mut Console,
) -> Result<u8, WriteError> {
    let Some(loaded) = super::load(path, console)? else {
        return Ok(exit::UNREADABLE);
    };
    let register = &loaded.register;
    let kind = MeetingKind::from(args.kind);
    let lines = lines(register, kind, today);
    let heading = format!(
        "{} agenda, {}, {today}: {}",
        kind.label(),
        text::one_line(&register.organisation),
        text::plural(lines.len(), "item", "items")
    );
    match args.format {
        FormatArg::Text => {
            console.line(&heading)?;
            let width = |f: fn(&Line) -> &String| {
                lines.iter().map(|l| text::width(f(l))).max().unwrap_or(0)
            };
            let id_width = width(|l| &l.id);
            let title_width = width(|l| &l.title).min(TITLE_WIDTH);
            let band_width = width(|l| &l.band);
            let owner_width = width(|l| &l.owner);
            for l in &lines {
                console.line(&format!(
                    "{:>3}. {}  {}  {}  {}  {}",
                    l.position,
                    text::fit(&l.id, id_width),
                    text::fit(&l.title, title_width),
                    text::fit(&l.band, band_width),
                    text::fit(&l.owner, owner_width),
                    l.why,
                ))?;
            }
        }
        FormatArg::Md => {
            console.line(&format!("## {}", escape_markdown_cell(&heading)))?;
            console.line("")?;
            console.line("| # | Item | Title | Band | Owner | Why |")?;
            console.line("|---:|---|---|---|---|---|")?;
            for l in &lines {
                let cells =
                    [&l.id, &l.title, &l.band, &l.owner, &l.why].map(|c| escape_markdown_cell(c));
                console.line(&format!("| {} | {} |", l.position, cells.join(" | ")))?;
            }
        }
    }
    Ok(exit::OK)
}
