//! What a plan gives back besides the register: the failed rows to fix,
//! and the columns as they were read.

use super::super::columns::{Columns, Field};
use super::super::read::{Workbook, column_letters};
use super::{FailedRow, Plan};

/// The failed rows of one sheet as CSV: its header row, then each failed
/// row's cells, with an Error column added, ready to fix and import again.
pub fn failed_rows_csv(workbook: &Workbook, plan: &Plan, sheet: usize) -> String {
    let grid = &workbook.sheets[sheet];
    let header_row = plan
        .sheets
        .iter()
        .find(|s| s.index == sheet)
        .map_or(0, |s| s.columns.header_row);
    let rows: Vec<&FailedRow> = plan.failed.iter().filter(|f| f.sheet == sheet).collect();
    let width = std::iter::once(header_row)
        .chain(rows.iter().map(|f| f.row))
        .filter_map(|r| grid.rows.get(r))
        .map(Vec::len)
        .max()
        .unwrap_or(0);
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = (0..width)
        .map(|c| grid.cell(header_row, c).shown())
        .collect();
    header.push("Error".into());
    let _ = out.write_record(&header);
    for failed in rows {
        let mut cells: Vec<String> = (0..width)
            .map(|c| grid.cell(failed.row, c).shown())
            .collect();
        cells.push(failed.errors.join("; "));
        let _ = out.write_record(&cells);
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// `A ID, B Type, …`: the columns of a sheet as read.
pub fn describe_columns(columns: &Columns) -> String {
    let mut found: Vec<(usize, Field)> = columns.of_field.iter().map(|(f, c)| (*c, *f)).collect();
    found.sort();
    found
        .iter()
        .map(|(c, f)| format!("{} {}", column_letters(*c), f.header()))
        .collect::<Vec<_>>()
        .join(", ")
}
