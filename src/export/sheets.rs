//! The register as format-neutral sheets: typed cells (text, numbers,
//! dates, bands) that the xlsx and csv writers render each in their way.
//!
//! Raw data, as the file holds it: no "today" goes in, so the same register
//! always gives the same sheets, and the Items and Actions sheets carry
//! exactly what an import needs to rebuild them.

use std::collections::HashMap;

use crate::domain::audit::attendance::Presence;
use crate::domain::{Date, Item, Kind, Meeting, Person, Register, Score, Source, Timestamp};

use super::columns::{self, Column};

mod customers;

/// One cell, typed so the workbook can hold it as a spreadsheet would.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// roreg's numbers are levels, scores and counts: whole and never negative.
    Number(u32),
    /// A measure's target or reading: any finite number.
    Decimal(f64),
    Date(Date),
    /// An instant in UTC.
    DateTime(Timestamp),
    /// A band's word, with what picks its colour.
    Band {
        name: String,
        kind: Kind,
        /// 0 lowest ..= 3 highest (`Scales::band_tier`).
        tier: usize,
    },
}

/// One row, with the id of the record it shows for messages about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub record: String,
    pub cells: Vec<Cell>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub name: &'static str,
    pub columns: &'static [Column],
    pub rows: Vec<Row>,
}

/// The sheet names, in the workbook's order.
pub const SHEET_NAMES: [&str; 10] = [
    "Items",
    "Actions",
    "Reviews",
    "Meetings",
    "Attendance",
    "People",
    "Customers",
    "Requirements",
    "Measures",
    "Readings",
];

pub(super) fn text(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_string())
    }
}

fn optional_date(date: Option<Date>) -> Cell {
    date.map_or(Cell::Empty, Cell::Date)
}

fn optional_time(time: Option<Timestamp>) -> Cell {
    time.map_or(Cell::Empty, Cell::DateTime)
}

fn joined<'a>(parts: impl IntoIterator<Item = &'a str>) -> Cell {
    let parts: Vec<&str> = parts.into_iter().collect();
    text(&parts.join("; "))
}

/// The lookups every sheet shares, each built once for the whole register.
struct Lookup<'r> {
    register: &'r Register,
    items: HashMap<&'r str, &'r Item>,
    people: HashMap<&'r str, &'r Person>,
}

impl<'r> Lookup<'r> {
    fn new(register: &'r Register) -> Lookup<'r> {
        Lookup {
            register,
            items: register.items.iter().map(|i| (i.id.as_str(), i)).collect(),
            people: register.people.iter().map(|p| (p.id.as_str(), p)).collect(),
        }
    }

    fn band(&self, kind: Kind, score: Score) -> Cell {
        let scales = &self.register.scales;
        Cell::Band {
            name: scales.band_name(score.value()).to_string(),
            kind,
            tier: scales.band_tier(score.value()),
        }
    }

    /// Likelihood, impact, score and band of a position on the matrix.
    fn score_cells(&self, kind: Kind, score: Score) -> [Cell; 4] {
        [
            Cell::Number(u32::from(score.likelihood)),
            Cell::Number(u32::from(score.impact)),
            Cell::Number(score.value()),
            self.band(kind, score),
        ]
    }
}

/// Every sheet of the workbook, in [`SHEET_NAMES`] order.
pub fn sheets(register: &Register) -> Vec<Sheet> {
    let lookup = Lookup::new(register);
    vec![
        items(&lookup),
        actions(register),
        reviews(&lookup),
        meetings(register),
        attendance(&lookup),
        people(register),
        customers::customers(register),
        customers::requirements(register),
        customers::measures(register),
        customers::readings(register),
    ]
}

fn source_cells(source: &Source) -> [Cell; 2] {
    let (kind, what) = match source {
        Source::Internal(s) => (columns::SOURCE_INTERNAL, s),
        Source::External(s) => (columns::SOURCE_EXTERNAL, s),
        Source::InterestedParty(s) => (columns::SOURCE_INTERESTED_PARTY, s),
    };
    [Cell::Text(kind.to_string()), text(what)]
}

fn items(lookup: &Lookup) -> Sheet {
    let rows = lookup
        .register
        .items
        .iter()
        .map(|item| {
            let mut cells = vec![
                Cell::Text(item.id.clone()),
                Cell::Text(item.kind.label().to_string()),
                text(&item.title),
                text(&item.description),
                text(
                    &item
                        .affects
                        .iter()
                        .map(|a| a.label())
                        .collect::<Vec<_>>()
                        .join(columns::AFFECTS_SEPARATOR),
                ),
            ];
            cells.extend(source_cells(&item.source));
            cells.push(text(&item.process));
            cells.push(text(&item.owner));
            cells.extend(lookup.score_cells(item.kind, item.current));
            cells.extend(match item.target {
                Some(t) => [
                    Cell::Number(u32::from(t.likelihood)),
                    Cell::Number(u32::from(t.impact)),
                ],
                None => [Cell::Empty, Cell::Empty],
            });
            cells.extend([
                Cell::Text(item.treatment.label().to_string()),
                Cell::Text(item.status.label().to_string()),
                optional_date(item.next_review),
                Cell::DateTime(item.created),
                text(&item.requirements.join(columns::IDS_SEPARATOR)),
                text(&item.measures.join(columns::IDS_SEPARATOR)),
            ]);
            Row {
                record: item.id.clone(),
                cells,
            }
        })
        .collect();
    Sheet {
        name: "Items",
        columns: columns::ITEMS,
        rows,
    }
}

fn actions(register: &Register) -> Sheet {
    let rows = register
        .items
        .iter()
        .flat_map(|item| item.actions.iter().map(move |a| (item, a)))
        .map(|(item, a)| {
            let check = a.effectiveness.as_ref();
            Row {
                record: format!("{}/{}", item.id, a.id),
                cells: vec![
                    Cell::Text(a.id.clone()),
                    Cell::Text(item.id.clone()),
                    text(&a.text),
                    text(&a.owner),
                    Cell::Date(a.due),
                    Cell::Text(a.status.label().to_string()),
                    optional_date(a.done_on),
                    check.map_or(Cell::Empty, |e| Cell::Text(e.verdict.label().to_string())),
                    check.map_or(Cell::Empty, |e| text(&e.note)),
                    check.map_or(Cell::Empty, |e| Cell::Date(e.checked_on)),
                    check.map_or(Cell::Empty, |e| text(&e.checked_by)),
                ],
            }
        })
        .collect();
    Sheet {
        name: "Actions",
        columns: columns::ACTIONS,
        rows,
    }
}

fn reviews(lookup: &Lookup) -> Sheet {
    let mut rows = Vec::new();
    for m in &lookup.register.meetings {
        for r in &m.reviewed {
            let item = lookup.items.get(r.item.as_str());
            // A review of an item since removed keeps the risk colours.
            let kind = item.map_or(Kind::Risk, |i| i.kind);
            let mut cells = vec![
                Cell::Text(m.id.clone()),
                Cell::Date(m.started.date()),
                Cell::Text(r.item.clone()),
                item.map_or(Cell::Empty, |i| text(&i.title)),
            ];
            cells.extend(lookup.score_cells(kind, r.before));
            cells.extend(lookup.score_cells(kind, r.after));
            cells.extend([
                text(&r.decision),
                r.output
                    .map_or(Cell::Empty, |o| Cell::Text(o.label().to_string())),
                optional_date(r.next_review),
                Cell::DateTime(r.at),
            ]);
            rows.push(Row {
                record: format!("{}.reviewed[{}]", m.id, r.item),
                cells,
            });
        }
    }
    Sheet {
        name: "Reviews",
        columns: columns::REVIEWS,
        rows,
    }
}

fn meeting_row(m: &Meeting) -> Row {
    let skipped: Vec<String> = m
        .skipped
        .iter()
        .map(crate::domain::Skip::described)
        .collect();
    let guests: Vec<String> = m.guests.iter().map(|g| g.described()).collect();
    Row {
        record: m.id.clone(),
        cells: vec![
            Cell::Text(m.id.clone()),
            Cell::Text(m.kind.label().to_string()),
            Cell::DateTime(m.started),
            optional_time(m.closed),
            text(&m.facilitator),
            joined(m.agenda.iter().map(String::as_str)),
            Cell::Number(u32::try_from(m.reviewed.len()).unwrap_or(u32::MAX)),
            joined(skipped.iter().map(String::as_str)),
            joined(m.actions_raised.iter().map(String::as_str)),
            joined(m.actions_closed.iter().map(String::as_str)),
            joined(m.considered.iter().map(|c| c.input.code())),
            joined(guests.iter().map(String::as_str)),
            text(&m.notes),
        ],
    }
}

fn meetings(register: &Register) -> Sheet {
    Sheet {
        name: "Meetings",
        columns: columns::MEETINGS,
        rows: register.meetings.iter().map(meeting_row).collect(),
    }
}

fn attendance(lookup: &Lookup) -> Sheet {
    let mut rows = Vec::new();
    for m in &lookup.register.meetings {
        for a in &m.attendance {
            let presence = match Presence::of(a) {
                Presence::Present => "Present",
                Presence::Apologies => "Apologies",
                Presence::Absent => "Absent",
            };
            rows.push(Row {
                record: format!("{}.attendance[{}]", m.id, a.person),
                cells: vec![
                    Cell::Text(m.id.clone()),
                    Cell::Date(m.started.date()),
                    Cell::Text(a.person.clone()),
                    lookup
                        .people
                        .get(a.person.as_str())
                        .map_or(Cell::Empty, |p| text(&p.name)),
                    Cell::Text(presence.to_string()),
                    optional_time(a.arrived),
                    optional_time(a.left),
                ],
            });
        }
    }
    Sheet {
        name: "Attendance",
        columns: columns::ATTENDANCE,
        rows,
    }
}

fn people(register: &Register) -> Sheet {
    let rows = register
        .people
        .iter()
        .map(|p| Row {
            record: format!("people.{}", p.id),
            cells: vec![
                Cell::Text(p.id.clone()),
                text(&p.name),
                text(&p.role),
                Cell::Text(if p.top_management { "yes" } else { "no" }.to_string()),
                joined(p.login.iter().map(String::as_str)),
                optional_date(p.retired),
            ],
        })
        .collect();
    Sheet {
        name: "People",
        columns: columns::PEOPLE,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_has_one_cell_per_header() {
        let mut register =
            ron::from_str::<Register>(include_str!("../../data/example.ron")).unwrap();
        let with_customers = crate::domain::testing::customer_focus_sample();
        register.customers = with_customers.customers;
        register.requirements = with_customers.requirements;
        register.measures = with_customers.measures;
        let sheets = sheets(&register);
        let names: Vec<&str> = sheets.iter().map(|s| s.name).collect();
        assert_eq!(names, SHEET_NAMES);
        for sheet in &sheets {
            assert!(!sheet.rows.is_empty(), "{} has rows", sheet.name);
            for row in &sheet.rows {
                assert_eq!(
                    row.cells.len(),
                    sheet.columns.len(),
                    "{} {}",
                    sheet.name,
                    row.record
                );
            }
        }
    }
}
