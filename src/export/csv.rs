//! The sheets as CSV files, one per sheet (RFC 4180, UTF-8 without a
//! byte-order mark, LF line ends), every field through the report's
//! [`csv_field`]: quotes doubled, and text that a spreadsheet would run as
//! a formula (`=`, `+`, `-`, `@` first) given a leading apostrophe.

use crate::report::escape::csv_field;

use super::sheets::{Cell, Sheet};

fn field(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(s) => csv_field(s),
        Cell::Number(n) => n.to_string(),
        Cell::Decimal(v) => crate::domain::Value(*v).to_string(),
        Cell::Date(d) => d.to_string(),
        Cell::DateTime(t) => t.to_string(),
        Cell::Band { name, .. } => csv_field(name),
    }
}

pub fn render(sheet: &Sheet) -> String {
    let mut out = String::new();
    let headers: Vec<String> = sheet.columns.iter().map(|c| csv_field(c.header)).collect();
    out.push_str(&headers.join(","));
    out.push('\n');
    for row in &sheet.rows {
        let fields: Vec<String> = row.cells.iter().map(field).collect();
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

/// The file a sheet is written to: `Items.csv`, `Actions.csv` …
pub fn file_name(sheet: &Sheet) -> String {
    format!("{}.csv", sheet.name)
}
