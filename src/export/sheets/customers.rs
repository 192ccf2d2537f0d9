//! The customer-focus sheets: Customers, Requirements, Measures and their
//! Readings, one row per record (a reading's row names its measure).

use crate::domain::{Register, Target};

use super::super::columns;
use super::{Cell, Row, Sheet, text};

fn yes_no(flag: bool) -> Cell {
    Cell::Text(if flag { "yes" } else { "no" }.to_string())
}

fn optional(id: Option<&String>) -> Cell {
    id.map_or(Cell::Empty, |s| text(s))
}

pub(super) fn customers(register: &Register) -> Sheet {
    let rows = register
        .customers
        .iter()
        .map(|c| Row {
            record: c.id.clone(),
            cells: vec![
                Cell::Text(c.id.clone()),
                text(&c.name),
                text(&c.segment),
                yes_no(c.key),
            ],
        })
        .collect();
    Sheet {
        name: "Customers",
        columns: columns::CUSTOMERS,
        rows,
    }
}

pub(super) fn requirements(register: &Register) -> Sheet {
    let rows = register
        .requirements
        .iter()
        .map(|r| Row {
            record: r.id.clone(),
            cells: vec![
                Cell::Text(r.id.clone()),
                optional(r.customer.as_ref()),
                Cell::Text(r.kind.label().to_string()),
                text(&r.text),
                text(&r.source),
                text(&r.reference),
            ],
        })
        .collect();
    Sheet {
        name: "Requirements",
        columns: columns::REQUIREMENTS,
        rows,
    }
}

pub(super) fn measures(register: &Register) -> Sheet {
    let rows = register
        .measures
        .iter()
        .map(|m| {
            let direction = match m.target {
                Target::AtLeast(_) => "at least",
                Target::AtMost(_) => "at most",
            };
            Row {
                record: m.id.clone(),
                cells: vec![
                    Cell::Text(m.id.clone()),
                    text(&m.name),
                    text(&m.unit),
                    Cell::Text(direction.to_string()),
                    Cell::Decimal(m.target.value().0),
                    optional(m.customer.as_ref()),
                    m.cadence
                        .map_or(Cell::Empty, |c| Cell::Text(c.label().to_string())),
                    text(&m.owner),
                ],
            }
        })
        .collect();
    Sheet {
        name: "Measures",
        columns: columns::MEASURES,
        rows,
    }
}

pub(super) fn readings(register: &Register) -> Sheet {
    let rows = register
        .measures
        .iter()
        .flat_map(|m| m.readings.iter().map(move |r| (m, r)))
        .map(|(m, r)| Row {
            record: format!("{}/{}", m.id, r.date),
            cells: vec![
                Cell::Text(m.id.clone()),
                Cell::Date(r.date),
                Cell::Decimal(r.value.0),
                yes_no(m.target.is_met_by(r.value)),
                text(&r.note),
            ],
        })
        .collect();
    Sheet {
        name: "Readings",
        columns: columns::READINGS,
        rows,
    }
}
