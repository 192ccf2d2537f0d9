//! `roreg list`: the register as a plain aligned table, for people and scripts.

use std::io::{IsTerminal, Write};
use std::path::Path;

use crossterm::style::Stylize;

use crate::domain::queries::{self, Filter};
use crate::domain::{Date, Item, Kind, Register, validate};
use crate::storage;
use crate::text;

use super::{ListArgs, colour_wanted, exit};

pub fn run(path: &Path, args: &ListArgs, today: Date, no_color: bool) -> u8 {
    let loaded = match storage::load(path) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("{e}");
            return exit::UNREADABLE;
        }
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
        eprintln!(
            "roreg list: no band named \"{band}\"; this register's bands are {}",
            names.join(", ")
        );
        return exit::UNREADABLE;
    }
    let problems = validate(register);
    if !problems.is_empty() {
        eprintln!(
            "roreg: {} has {} problem{}; `roreg check {}` lists them",
            path.display(),
            problems.len(),
            if problems.len() == 1 { "" } else { "s" },
            path.display()
        );
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
    let stdout = std::io::stdout();
    let terminal = stdout.is_terminal();
    let width = if terminal {
        crossterm::terminal::size()
            .ok()
            .map(|(w, _)| usize::from(w))
    } else {
        None
    };
    let style = Style {
        colour: colour_wanted(no_color, terminal),
    };
    let table = render(register, &picked, today, width, style);
    let mut out = stdout.lock();
    // A closed pipe (`roreg list | head`) is not an error worth a report.
    let _ = out.write_all(table.as_bytes());
    if terminal {
        let _ = writeln!(out, "{}", summary(register, &picked, today));
    }
    exit::OK
}

#[derive(Clone, Copy)]
pub struct Style {
    pub colour: bool,
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
const TITLE: usize = 2;
const BAND: usize = 5;
const REVIEW: usize = 7;
const GAP: &str = "  ";

/// The table as text. `width` is the terminal's, to shorten titles to fit;
/// `None` (piped) keeps them whole.
pub fn render(
    register: &Register,
    picked: &[usize],
    today: Date,
    width: Option<usize>,
    style: Style,
) -> String {
    let rows: Vec<[String; 9]> = picked
        .iter()
        .map(|&i| row(register, &register.items[i], today))
        .collect();
    let mut widths = HEADERS.map(text::width);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(text::width(cell));
        }
    }
    if let Some(total) = width {
        let others: usize = widths
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != TITLE)
            .map(|(_, w)| w)
            .sum::<usize>()
            + GAP.len() * (HEADERS.len() - 1);
        widths[TITLE] = widths[TITLE].min(total.saturating_sub(others).max(12));
    }
    let mut out = String::new();
    let header: Vec<String> = HEADERS
        .iter()
        .zip(widths)
        .map(|(h, w)| text::fit(h, w))
        .collect();
    out.push_str(header.join(GAP).trim_end());
    out.push('\n');
    for (row, &index) in rows.iter().zip(picked) {
        let item = &register.items[index];
        let cells: Vec<String> = row
            .iter()
            .zip(widths)
            .enumerate()
            .map(|(column, (cell, w))| {
                let fitted = text::fit(cell, w);
                if style.colour {
                    paint(register, item, column, fitted, today)
                } else {
                    fitted
                }
            })
            .collect();
        out.push_str(cells.join(GAP).trim_end());
        out.push('\n');
    }
    out
}

fn row(register: &Register, item: &Item, today: Date) -> [String; 9] {
    let score = item.current.value();
    let review = match item.next_review {
        None => "-".to_string(),
        Some(day) if queries::review_overdue(item, today) => format!("{day} overdue"),
        Some(day) => day.to_string(),
    };
    let open = queries::open_actions(item);
    let overdue = queries::overdue_actions(item, today);
    let actions = match (open, overdue) {
        (0, _) => "-".to_string(),
        (open, 0) => format!("{open} open"),
        (open, overdue) => format!("{open} open, {overdue} overdue"),
    };
    [
        text::one_line(&item.id),
        item.kind.label().to_string(),
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

/// Colour follows meaning: bands in warm colours for risks and cool ones for
/// opportunities (the word is always there too), overdue in red.
fn paint(register: &Register, item: &Item, column: usize, cell: String, today: Date) -> String {
    match column {
        BAND => {
            let band = register
                .scales
                .band_index(item.current.value())
                .unwrap_or(0);
            let top = register.scales.bands.len().saturating_sub(1).max(1);
            let level = band * 3 / top; // 0..=3 whatever the number of bands
            match (item.kind, level) {
                (Kind::Risk, 0) => cell.green().to_string(),
                (Kind::Risk, 1) => cell.yellow().to_string(),
                (Kind::Risk, 2) => cell.red().to_string(),
                (Kind::Risk, _) => cell.red().bold().to_string(),
                (Kind::Opportunity, 0 | 1) => cell.cyan().to_string(),
                (Kind::Opportunity, _) => cell.blue().bold().to_string(),
            }
        }
        REVIEW if queries::review_overdue(item, today) => cell.red().to_string(),
        8 if queries::overdue_actions(item, today) > 0 => cell.red().to_string(),
        _ => cell,
    }
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
