//! Which column holds what: headers recognised by the names real registers
//! give them (case, spaces and punctuation ignored), the header row found
//! even under title rows, and a map file's names on top.

use std::collections::HashMap;

use super::read::{Cell, Grid};

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Id,
    Type,
    Title,
    Description,
    Affects,
    SourceKind,
    Source,
    InterestedParty,
    Process,
    Owner,
    Likelihood,
    Impact,
    Score,
    Band,
    TargetLikelihood,
    TargetImpact,
    Treatment,
    Status,
    NextReview,
    Created,
    /// Action texts: in an item row several, one a line; in the Actions sheet one.
    Action,
    ActionOwner,
    Due,
    /// The item an action row of the Actions sheet belongs to.
    Item,
    DoneOn,
    Effectiveness,
    EffectivenessNote,
    CheckedOn,
    CheckedBy,
    /// The customer a row's requirement texts are owed to.
    Customer,
    /// Requirement ids or texts the item threatens or serves.
    Requirement,
    /// Measure ids the item would move.
    Measure,
}

/// Which kind of sheet: one row per item (actions in a cell, or none), or
/// the Actions sheet of a workbook roreg exported (one row per action).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    Items,
    Actions,
}

use Field::*;

mod names;

use names::{ACTION_NAMES, ITEM_NAMES};

impl Layout {
    fn names(self) -> &'static [(Field, &'static [&'static str])] {
        match self {
            Layout::Items => ITEM_NAMES,
            Layout::Actions => ACTION_NAMES,
        }
    }
}

impl Field {
    /// The header roreg writes for it (the export's), for messages.
    pub fn header(self) -> &'static str {
        match self {
            Id => "ID",
            Type => "Type",
            Title => "Title",
            Description => "Description",
            Affects => "Affects",
            SourceKind => "Source kind",
            Source => "Source",
            InterestedParty => "Interested party",
            Process => "Process",
            Owner => "Owner",
            Likelihood => "Likelihood",
            Impact => "Impact",
            Score => "Score",
            Band => "Band",
            TargetLikelihood => "Target likelihood",
            TargetImpact => "Target impact",
            Treatment => "Treatment",
            Status => "Status",
            NextReview => "Next review",
            Created => "Created",
            Action => "Action",
            ActionOwner => "Action owner",
            Due => "Due",
            Item => "Item",
            DoneOn => "Done on",
            Effectiveness => "Effectiveness",
            EffectivenessNote => "Effectiveness note",
            CheckedOn => "Checked on",
            CheckedBy => "Checked by",
            Customer => "Customer",
            Requirement => "Requirements",
            Measure => "Measures",
        }
    }
}

/// Lower case, letters and digits only: `Risk Ref.` and `risk_ref` alike.
pub fn normalise(header: &str) -> String {
    header
        .replace('&', "and")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The header without what is in brackets: `Likelihood (1-5)` → `Likelihood `.
fn without_brackets(header: &str) -> String {
    let mut depth = 0u32;
    let mut kept = String::new();
    for c in header.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => kept.push(c),
            _ => {}
        }
    }
    kept
}

/// What a column given in a map file becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mapped {
    To(Field),
    /// `""` or `"ignore"`: not imported, not listed as unknown.
    Ignored,
}

/// A map file's names: header as the sheet has it → what it holds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HeaderMap {
    by_header: HashMap<String, String>,
}

impl HeaderMap {
    /// From `{"Risk Ref": "ID", "Prob.": "Likelihood", "Notes": "ignore"}`:
    /// keys are the sheet's headers, values any name roreg recognises.
    pub fn parse(text: &str) -> Result<HeaderMap, String> {
        let raw: HashMap<String, String> = ron::from_str(text).map_err(|e| {
            format!(
                "{e}; a map file is a RON map of the sheet's headers to roreg's, e.g. {{\"Risk Ref\": \"ID\", \"Prob.\": \"Likelihood\"}}"
            )
        })?;
        let mut by_header = HashMap::new();
        for (header, target) in raw {
            let known = target.trim().is_empty()
                || normalise(&target) == "ignore"
                || [Layout::Items, Layout::Actions]
                    .iter()
                    .any(|l| recognise(*l, &target).is_some());
            if !known {
                let valid: Vec<&str> = ITEM_NAMES.iter().map(|(f, _)| f.header()).collect();
                return Err(format!(
                    "\"{header}\": \"{target}\" is not a column roreg knows; expected one of {} or \"ignore\"",
                    valid.join(", ")
                ));
            }
            by_header.insert(normalise(&header), target);
        }
        Ok(HeaderMap { by_header })
    }

    fn get(&self, layout: Layout, header: &str) -> Option<Mapped> {
        let target = self.by_header.get(&normalise(header))?;
        if target.trim().is_empty() || normalise(target) == "ignore" {
            return Some(Mapped::Ignored);
        }
        recognise(layout, target).map(Mapped::To)
    }
}

/// The field a header names in this layout, if it names one.
pub fn recognise(layout: Layout, header: &str) -> Option<Field> {
    let whole = normalise(header);
    let bare = normalise(&without_brackets(header));
    layout.names().iter().find_map(|(field, names)| {
        names
            .iter()
            .any(|n| *n == whole || (!bare.is_empty() && *n == bare))
            .then_some(*field)
    })
}

/// The columns of one sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct Columns {
    /// 0-based row of the headers; data starts below it.
    pub header_row: usize,
    pub of_field: HashMap<Field, usize>,
    /// `(column, header)` of headers no name matches: listed, not guessed.
    pub unknown: Vec<(usize, String)>,
    /// `(column, header, field)` of a second column for a field already
    /// found: the first one counts.
    pub repeated: Vec<(usize, String, Field)>,
    /// The text of the first title row above the headers, if any.
    pub title: Option<String>,
}

impl Columns {
    pub fn get(&self, field: Field) -> Option<usize> {
        self.of_field.get(&field).copied()
    }

    pub fn has(&self, field: Field) -> bool {
        self.of_field.contains_key(&field)
    }
}

/// How many rows from the top the header row is looked for in.
const HEADER_SEARCH_ROWS: usize = 30;

/// Finds the header row (the one of the first rows with the most
/// recognised headers, at least two) and what each column holds; `None`
/// when no row looks like headers.
pub fn find(grid: &Grid, layout: Layout, map: &HeaderMap) -> Option<Columns> {
    let field_of = |text: &str| match map.get(layout, text) {
        Some(Mapped::To(field)) => Some(Some(field)),
        Some(Mapped::Ignored) => Some(None),
        None => recognise(layout, text).map(Some),
    };
    let mut best: Option<(usize, usize)> = None;
    for (row, cells) in grid.rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let recognised = cells
            .iter()
            .filter(|c| matches!(field_of(&c.shown()), Some(Some(_))))
            .count();
        if recognised >= 2 && best.is_none_or(|(_, n)| recognised > n) {
            best = Some((row, recognised));
        }
    }
    let (header_row, _) = best?;
    let mut columns = Columns {
        header_row,
        of_field: HashMap::new(),
        unknown: Vec::new(),
        repeated: Vec::new(),
        title: grid.rows[..header_row]
            .iter()
            .flatten()
            .map(|c| c.shown().trim().to_string())
            .find(|t| !t.is_empty()),
    };
    for (column, cell) in grid.rows[header_row].iter().enumerate() {
        let text = cell.shown().trim().to_string();
        if text.is_empty() {
            continue;
        }
        match field_of(&text) {
            Some(Some(field)) if columns.of_field.contains_key(&field) => {
                columns.repeated.push((column, text, field))
            }
            Some(Some(field)) => {
                columns.of_field.insert(field, column);
            }
            Some(None) => {}
            None => columns.unknown.push((column, text)),
        }
    }
    Some(columns)
}

/// A header split over two rows ("Assessment" merged over Likelihood and
/// Impact, the other headers merged down): the two rows joined into the
/// lower one, so `find` sees every header in one row. A header the lower
/// row names wins; the upper row fills the cells the lower leaves empty or
/// names nothing known in. Nothing changes for a one-row header.
pub fn join_split_header(grid: &mut Grid, map: &HeaderMap) {
    let Some(found) = find(grid, Layout::Items, map) else {
        return;
    };
    let known = |text: &str| {
        map.get(Layout::Items, text).is_some() || recognise(Layout::Items, text).is_some()
    };
    let at = found.header_row;
    let cell_text = |grid: &Grid, row: usize, column: usize| grid.cell(row, column).shown();
    let adds = |grid: &Grid, upper: usize, lower: usize| {
        let width = grid.rows[upper].len().max(grid.rows[lower].len());
        (0..width).any(|c| {
            let (up, low) = (cell_text(grid, upper, c), cell_text(grid, lower, c));
            let (main, other) = if upper == at {
                (&up, &low)
            } else {
                (&low, &up)
            };
            known(other) && !known(main)
        })
    };
    let pair = if at + 1 < grid.rows.len() && adds(grid, at, at + 1) {
        (at, at + 1)
    } else if at > 0 && adds(grid, at - 1, at) {
        (at - 1, at)
    } else {
        return;
    };
    let (upper, lower) = pair;
    let width = grid.rows[upper].len().max(grid.rows[lower].len());
    grid.rows[lower].resize(width, Cell::Empty);
    for column in 0..width {
        let up = cell_text(grid, upper, column);
        let low = cell_text(grid, lower, column);
        let take_upper = !known(&low) && (known(&up) || low.trim().is_empty());
        if take_upper && !up.trim().is_empty() {
            grid.rows[lower][column] = Cell::Text(up);
        }
    }
}

#[cfg(test)]
mod tests;
