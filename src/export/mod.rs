//! The register to a spreadsheet: one sheet per kind of record (Items,
//! Actions, Reviews, Meetings, Attendance, People, Customers, Requirements,
//! Measures, Readings), as an Excel workbook or
//! as one CSV file per sheet, and the empty template a register is started
//! in by hand.
//!
//! [`sheets`] turns the register into typed cells once; [`xlsx`] and
//! [`csv`] render them. No clock goes in: the same register gives the same
//! bytes (the workbook's creation time is the register's last recorded
//! change). The header cells are in [`columns`]: the Items and Actions ones
//! are what `roreg import` reads back.

pub mod columns;
pub mod csv;
pub mod sheets;
mod template;
pub mod xlsx;

use std::io::Write;
use std::path::Path;

use crate::domain::{Register, Timestamp};

pub use sheets::{Cell, Row, SHEET_NAMES, Sheet, sheets};
pub use template::template_workbook;
pub use xlsx::ExportError;

/// When the register last changed, as its history says (else its newest
/// item): the workbook's creation time.
fn last_change(register: &Register) -> Option<Timestamp> {
    let recorded = register.history.iter().map(|h| h.at).max();
    recorded.or_else(|| register.items.iter().map(|i| i.created).max())
}

/// The whole register as an Excel workbook's bytes.
pub fn workbook(register: &Register) -> Result<Vec<u8>, ExportError> {
    let title = format!("Risk and opportunity register — {}", register.organisation);
    xlsx::render(&sheets(register), &title, last_change(register))
}

/// Each sheet as a CSV file: (file name, contents), in workbook order.
pub fn csv_files(register: &Register) -> Vec<(String, String)> {
    sheets(register)
        .iter()
        .map(|sheet| (csv::file_name(sheet), csv::render(sheet)))
        .collect()
}

/// Why [`template`] wrote nothing.
#[derive(Debug)]
pub enum TemplateError {
    Workbook(ExportError),
    Write(std::io::Error),
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TemplateError::Workbook(e) => e.fmt(f),
            TemplateError::Write(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for TemplateError {}

/// Writes the empty template workbook to `path`: the Items and Actions
/// headers, with drop-down lists for the columns that take a fixed word or
/// level. Written beside `path` first, so a failure leaves an earlier file
/// of that name whole.
pub fn template(path: &Path) -> Result<(), TemplateError> {
    let bytes = template_workbook().map_err(TemplateError::Workbook)?;
    let mut file = atomic_write_file::AtomicWriteFile::open(path).map_err(TemplateError::Write)?;
    file.write_all(&bytes).map_err(TemplateError::Write)?;
    file.commit().map_err(TemplateError::Write)
}
