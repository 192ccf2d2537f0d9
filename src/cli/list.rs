//! `roreg list`: the register as a plain aligned table, for people and scripts.

use std::io::IsTerminal;
use std::path::Path;

use ratatui::backend::IntoCrossterm;
use ratatui::crossterm::style::ContentStyle;

use crate::domain::queries::{self, Filter};
use crate::domain::{Date, Item, Kind, Register, validate};
use crate::text;
use crate::theme::Theme;

use super::output::{Console, WriteError};
use super::{ListArgs, exit};

/// `colours`: the theme to paint with, `None` for plain text (no terminal,
/// NO_COLOR, `--no-color`).
pub fn run(
    path: &Path,
    args: &ListArgs,
    today: Date,
    colours: Option<&Theme>,
    console: &mut Console,
) -> Result<u8, WriteError> {
    let Some(loaded) = super::load(path, console)? else {
        return Ok(exit::UNREADABLE);
    };
    let register = &loaded.register;
    if let Some(band) = &args.band
        && !register
            .scales
            .bands
            .iter()
            .any(|b| b.name.eq_ignore_ascii_case(band))
    {
        let names: Vec<&str> = register
            .scales
            .bands
            .iter()
            .map(|b| b.name.as_str())
            .collect();
        console.note(&format!(
            "roreg list: no band named \"{band}\"; this register's bands are {}",
            names.join(", ")
        ))?;
        return Ok(exit::UNREADABLE);
    }
    let problems = validate(register);
    if !problems.is_empty() {
        console.note(&format!(
            "roreg: {} has {} problem{}; `roreg check {}` lists them",
            path.display(),
            problems.len(),
            if problems.len() == 1 { "" } else { "s" },
            path.display()
        ))?;
    }
    let filter = Filter {
        kind: args.kind.map(Into::into),
        band: args.band.clone(),
        status: args.status.map(Into::into),
        owner: args.owner.clone(),
        overdue: args.overdue,
        ..Filter::default()
    };
    let picked = queries::select(register, &filter, args.sort.into(), args.reverse, today);
    let terminal = std::io::stdout().is_terminal();
    let width = if terminal {
        crossterm::terminal::size()
            .ok()
            .map(|(w, _)| usize::from(w))
    } else {
        None
    };
    // Each cell is made inert in `row`; the colour codes are ours.
    console.rendered(&render(register, &picked, today, width, colours))?;
    if terminal {
        console.line(&summary(register, &picked, today))?;
    }
    Ok(exit::OK)
}

const HEADERS: [&str; 9] = [
    "ID",
    "KIND",
    "TITLE",
    "OWNER",
    "L×I=SCORE",
    "BAND",
    "STATUS",
    "NEXT REVIEW",
    "ACTIONS",
];
const COMPACT_HEADERS: [&str; 9] = [
    "ID",
    "KIND",
    "TITLE",
    "OWNER",
    "L×I=SCORE",
    "BAND",
    "STATUS",
    "REVIEW",
    "OPEN/LATE",
];
const KIND: usize = 1;
const TITLE: usize = 2;
const OWNER: usize = 3;
const BAND: usize = 5;
const STATUS: usize = 6;
const REVIEW: usize = 7;
const ACTIONS: usize = 8;
const GAP: &str = "  ";
/// Columns given up, in this order, when a terminal is too narrow for all.
const DROPPABLE: [usize; 3] = [KIND, STATUS, OWNER];
const TITLE_MIN: usize = 20;

/// The table as text. `width` is the terminal's, to fit the table to it
/// (shorter cells, then fewer columns, then shorter titles); `None` (piped)
/// keeps every column and whole titles. `colours`: as in [`run`].
pub fn render(
    register: &Register,
    picked: &[usize],
    today: Date,
    width: Option<usize>,
    colours: Option<&Theme>,
) -> String {
    let layout = |compact: bool| {
        let headers = if compact { COMPACT_HEADERS } else { HEADERS };
        let rows: Vec<[String; 9]> = picked
            .iter()
            .map(|&i| row(register, &register.items[i], today, compact))
            .collect();
        let mut widths = headers.map(text::width);
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(text::width(cell));
            }
        }
        (headers, rows, widths)
    };
    let needed = |widths: &[usize; 9], columns: &[usize]| -> usize {
        columns
            .iter()
            .filter(|&&c| c != TITLE)
            .map(|&c| widths[c] + GAP.len())
            .sum()
    };
    let mut columns: Vec<usize> = (0..9).collect();
    let (mut headers, mut rows, mut widths) = layout(false);
    if let Some(total) = width {
        if needed(&widths, &columns) + TITLE_MIN.max(30) > total {
            (headers, rows, widths) = layout(true);
            for drop in DROPPABLE {
                if needed(&widths, &columns) + TITLE_MIN <= total {
                    break;
                }
                columns.retain(|&c| c != drop);
            }
        }
        widths[TITLE] = widths[TITLE].min(
            total
                .saturating_sub(needed(&widths, &columns))
                .max(TITLE_MIN),
        );
    }
    let line = |cells: Vec<String>| cells.join(GAP).trim_end().to_string() + "\n";
    let mut out = line(
        columns
            .iter()
            .map(|&c| text::fit(headers[c], widths[c]))
            .collect(),
    );
    for (row, &index) in rows.iter().zip(picked) {
        let item = &register.items[index];
        out.push_str(&line(
            columns
                .iter()
                .map(|&c| {
                    let fitted = text::fit(&row[c], widths[c]);
                    match colours {
                        Some(theme) => paint(register, item, c, fitted, today, theme),
                        None => fitted,
                    }
                })
                .collect(),
        ));
    }
    if headers == COMPACT_HEADERS {
        out.push_str("REVIEW ending in * is overdue; OPEN/LATE counts open and overdue actions\n");
    }
    out
}

fn row(register: &Register, item: &Item, today: Date, compact: bool) -> [String; 9] {
    let score = item.current.value();
    let overdue_review = queries::review_overdue(item, today);
    let review = match item.next_review {
        None => "-".to_string(),
        Some(day) if overdue_review && compact => format!("{day}*"),
        Some(day) if overdue_review => format!("{day} overdue"),
        Some(day) => day.to_string(),
    };
    let open = queries::open_actions(item);
    let overdue = queries::overdue_actions(item, today);
    let actions = match (open, overdue, compact) {
        (0, _, _) => "-".to_string(),
        (open, overdue, true) => format!("{open}/{overdue}"),
        (open, 0, false) => format!("{open} open"),
        (open, overdue, false) => format!("{open} open, {overdue} overdue"),
    };
    let kind = match (item.kind, compact) {
        (Kind::Opportunity, true) => "Opp.".to_string(),
        (kind, _) => kind.label().to_string(),
    };
    [
        text::one_line(&item.id),
        kind,
        text::one_line(&item.title),
        text::one_line(&item.owner),
        format!(
            "{}×{}={score}",
            item.current.likelihood, item.current.impact
        ),
        text::one_line(register.scales.band_name(score)),
        item.status.label().to_string(),
        review,
        actions,
    ]
}

/// Colour follows meaning, in the interface's styles: bands in their
/// kind's colour family (the word is always there too), overdue as overdue.
/// Only the words are painted, so a background never runs into the gap.
fn paint(
    register: &Register,
    item: &Item,
    column: usize,
    cell: String,
    today: Date,
    theme: &Theme,
) -> String {
    let style = match column {
        BAND => theme.band_of(item.kind, &register.scales, item.current.value()),
        REVIEW if queries::review_overdue(item, today) => theme.overdue,
        ACTIONS if queries::overdue_actions(item, today) > 0 => theme.overdue,
        _ => return cell,
    };
    let content: ContentStyle = style.into_crossterm();
    let (words, padding) = cell.split_at(cell.trim_end().len());
    format!("{}{padding}", content.apply(words))
}

fn summary(register: &Register, picked: &[usize], today: Date) -> String {
    let items = picked.iter().map(|&i| &register.items[i]);
    let risks = items.clone().filter(|i| i.kind == Kind::Risk).count();
    let reviews = items
        .clone()
        .filter(|i| queries::review_overdue(i, today))
        .count();
    let actions: usize = items.map(|i| queries::overdue_actions(i, today)).sum();
    format!(
        "{} of {} items ({risks} risks, {} opportunities); {reviews} reviews overdue, {actions} actions overdue",
        picked.len(),
        register.items.len(),
        picked.len() - risks
    )
}
