//! `roreg agenda`: the agenda the next meeting of a kind would start with,
//! each item with why it is on it, then the measures off target since the
//! last meeting of the kind, to send ahead (text, or Markdown for mail).

use std::path::Path;

use clap::ValueEnum;

use crate::domain::agenda::{Entry, MeasureEntry, Reason, agenda, measures_to_discuss};
use crate::domain::customer_focus::last_closed_meeting;
use crate::domain::model::with_unit;
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

fn why(register: &Register, entry: &Entry, item: &Item) -> String {
    let why = text::one_line(&entry.why(register));
    match (entry.reason, item.next_review) {
        (Reason::ReviewOverdue | Reason::ReviewDue, Some(due)) => format!("{why} ({due})"),
        _ => why,
    }
}

/// One measure to discuss, neutralised for a terminal.
struct MeasureLine {
    id: String,
    name: String,
    latest: String,
    target: String,
    addressed: String,
}

fn measure_lines(register: &Register, kind: MeetingKind, today: Date) -> Vec<MeasureLine> {
    measures_to_discuss(register, kind, today)
        .iter()
        .map(|entry| measure_line(register, entry))
        .collect()
}

fn measure_line(register: &Register, entry: &MeasureEntry) -> MeasureLine {
    let measure = entry.measure;
    let unit = measure.unit.as_str();
    let reading = |r: &crate::domain::model::Reading| {
        format!("{} on {}", with_unit(&r.value.to_string(), unit), r.date)
    };
    let state = if entry.off_target {
        "off target".to_string()
    } else {
        format!("on target again (missed on {})", entry.first_off.date)
    };
    let name = match &measure.customer {
        Some(c) => format!("{} ({})", measure.name, register.customer_name(c)),
        None => measure.name.clone(),
    };
    let addressed = if entry.unaddressed() {
        format!("{state}; {}", crate::domain::agenda::UNADDRESSED)
    } else {
        let ids: Vec<&str> = entry.items.iter().map(|i| i.id.as_str()).collect();
        format!("{state}; addressed by {}", ids.join(", "))
    };
    MeasureLine {
        id: text::one_line(&measure.id),
        name: text::one_line(&name),
        latest: text::one_line(&reading(entry.latest)),
        target: text::one_line(&format!("target {}", measure.target.described(unit))),
        addressed: text::one_line(&addressed),
    }
}

/// "Measures off target since the last risk review (closed 2026-11-11)".
fn measures_heading(register: &Register, kind: MeetingKind, count: usize) -> String {
    let kind_name = kind.label().to_lowercase();
    let since = match last_closed_meeting(register, kind) {
        Some(closed) => format!("since the last {kind_name} (closed {})", closed.date()),
        None => format!("(no {kind_name} closed yet: every reading)"),
    };
    let count = match count {
        0 => "none".to_string(),
        n => n.to_string(),
    };
    format!("Measures off target {since}: {count}")
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
                why: why(register, entry, item),
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
    let measures = measure_lines(register, kind, today);
    let measures_heading = measures_heading(register, kind, measures.len());
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
            console.line("")?;
            console.line(&measures_heading)?;
            let width = |f: fn(&MeasureLine) -> &String| {
                measures
                    .iter()
                    .map(|m| text::width(f(m)))
                    .max()
                    .unwrap_or(0)
            };
            let widths = [
                width(|m| &m.id),
                width(|m| &m.name).min(TITLE_WIDTH),
                width(|m| &m.latest),
                width(|m| &m.target),
            ];
            for m in &measures {
                console.line(&format!(
                    "  {}  {}  {}  {}  {}",
                    text::fit(&m.id, widths[0]),
                    text::fit(&m.name, widths[1]),
                    text::fit(&m.latest, widths[2]),
                    text::fit(&m.target, widths[3]),
                    m.addressed,
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
            console.line("")?;
            console.line(&format!("### {}", escape_markdown_cell(&measures_heading)))?;
            if !measures.is_empty() {
                console.line("")?;
                console.line("| Measure | Name | Latest | Target | Standing |")?;
                console.line("|---|---|---|---|---|")?;
            }
            for m in &measures {
                let cells = [&m.id, &m.name, &m.latest, &m.target, &m.addressed]
                    .map(|c| escape_markdown_cell(c));
                console.line(&format!("| {} |", cells.join(" | ")))?;
            }
        }
    }
    Ok(exit::OK)
}
