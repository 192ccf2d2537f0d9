//! The sheets as an Excel workbook (rust_xlsxwriter).
//!
//! Text is always written as a string cell, never as a formula, so a title
//! such as `=HYPERLINK(…)` shows as typed; a cell whose text would read as
//! a formula when retyped also gets Excel's quote prefix, so editing it
//! keeps it text. Dates and instants are real date cells, levels and scores
//! numbers, and each band word is coloured by its band (the word is always
//! there: the colour only repeats it).

use std::fmt;

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use crate::domain::{Date, Kind, Timestamp};

use super::columns::Column;
use super::sheets::{Cell, Sheet};

/// The most UTF-16 units one cell holds.
const MAX_CELL_TEXT: usize = 32_767;
/// The rows one sheet holds, its header row included.
const MAX_ROWS: usize = 1_048_576;

/// Characters that make a spreadsheet read retyped text as a formula.
const FORMULA_STARTS: [char; 4] = ['=', '+', '-', '@'];

/// Why a workbook could not be made.
#[derive(Debug)]
pub enum ExportError {
    /// A text longer than a spreadsheet cell holds.
    TooLong {
        sheet: &'static str,
        record: String,
        column: &'static str,
        length: usize,
    },
    /// More records than a sheet has rows.
    TooManyRows { sheet: &'static str, rows: usize },
    /// rust_xlsxwriter refused something else.
    Xlsx(XlsxError),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::TooLong {
                sheet,
                record,
                column,
                length,
            } => write!(
                f,
                "{record} ({sheet} sheet, {column}): the text is {length} characters long; \
                 a spreadsheet cell holds at most {MAX_CELL_TEXT}: shorten it, \
                 or export with --format csv, which has no such limit"
            ),
            ExportError::TooManyRows { sheet, rows } => write!(
                f,
                "the {sheet} sheet would need {rows} rows; a spreadsheet holds at most \
                 {MAX_ROWS}: export with --format csv instead"
            ),
            ExportError::Xlsx(e) => write!(f, "the workbook could not be made: {e}"),
        }
    }
}

impl std::error::Error for ExportError {}

impl From<XlsxError> for ExportError {
    fn from(e: XlsxError) -> ExportError {
        ExportError::Xlsx(e)
    }
}

/// The formats cells are written with, made once per workbook.
pub(super) struct Formats {
    pub header: Format,
    pub date: Format,
    pub date_time: Format,
    plain: Format,
    /// Text with line breaks: wrapped, so each line shows.
    lines: Format,
    quoted: Format,
    quoted_lines: Format,
    risk_bands: [Format; 4],
    opportunity_bands: [Format; 4],
}

/// Fill and font colour per band tier: risks warm, opportunities cool, as
/// on screen; the highest tier in white on a dark fill.
const RISK_BANDS: [(u32, u32); 4] = [
    (0xC6EFCE, 0x006100),
    (0xFFEB9C, 0x9C5700),
    (0xF8CBAD, 0x833C0B),
    (0xC00000, 0xFFFFFF),
];
const OPPORTUNITY_BANDS: [(u32, u32); 4] = [
    (0xDDEBF7, 0x1F4E78),
    (0xBDD7EE, 0x1F4E78),
    (0x9BC2E6, 0x1F3864),
    (0x2F5597, 0xFFFFFF),
];

impl Formats {
    pub fn new() -> Formats {
        let top = Format::new().set_align(FormatAlign::Top);
        let band = |(fill, font): (u32, u32)| {
            let format = top
                .clone()
                .set_background_color(Color::RGB(fill))
                .set_font_color(Color::RGB(font));
            if font == 0xFFFFFF {
                format.set_bold()
            } else {
                format
            }
        };
        Formats {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(0xD9D9D9))
                .set_border_bottom(FormatBorder::Thin),
            date: top.clone().set_num_format("yyyy-mm-dd"),
            date_time: top.clone().set_num_format("yyyy-mm-dd hh:mm:ss"),
            plain: top.clone(),
            lines: top.clone().set_text_wrap(),
            quoted: top.clone().set_quote_prefix(),
            quoted_lines: top.clone().set_quote_prefix().set_text_wrap(),
            risk_bands: RISK_BANDS.map(band),
            opportunity_bands: OPPORTUNITY_BANDS.map(band),
        }
    }

    fn band(&self, kind: Kind, tier: usize) -> &Format {
        let tiers = match kind {
            Kind::Risk => &self.risk_bands,
            Kind::Opportunity => &self.opportunity_bands,
        };
        &tiers[tier.min(3)]
    }
}

pub(super) fn excel_date(date: Date) -> Option<ExcelDateTime> {
    use chrono::Datelike;
    let d = date.0;
    let year = u16::try_from(d.year()).ok()?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8).ok()
}

pub(super) fn excel_time(time: Timestamp) -> Option<ExcelDateTime> {
    ExcelDateTime::from_timestamp(time.0.timestamp()).ok()
}

/// Points for a row of `lines` lines of text, within Excel's limit.
fn row_height(lines: usize) -> f64 {
    const LINE: f64 = 15.0;
    const MAX: f64 = 409.0;
    (lines as f64 * LINE).min(MAX)
}

/// A sheet with its header row: frozen, filterable, columns sized.
pub(super) fn start_sheet<'w>(
    workbook: &'w mut Workbook,
    name: &str,
    columns: &[Column],
    rows: usize,
    formats: &Formats,
) -> Result<&'w mut Worksheet, ExportError> {
    let worksheet = workbook.add_worksheet();
    worksheet.set_name(name)?;
    let last_col = u16::try_from(columns.len().saturating_sub(1)).unwrap_or(u16::MAX);
    for (at, column) in (0u16..).zip(columns) {
        worksheet.write_string_with_format(0, at, column.header, &formats.header)?;
        worksheet.set_column_width(at, column.width)?;
    }
    // Room for the two-word headers wrapped.
    worksheet.set_row_height(0, row_height(2))?;
    worksheet.set_freeze_panes(1, 0)?;
    // Printed: landscape, as wide as the page, the header on every page.
    worksheet.set_landscape();
    worksheet.set_print_fit_to_pages(1, 0);
    worksheet.set_repeat_rows(0, 0)?;
    let last_row = u32::try_from(rows).unwrap_or(u32::MAX);
    worksheet.autofilter(0, 0, last_row, last_col)?;
    Ok(worksheet)
}

fn check_length(sheet: &Sheet, record: &str, column: usize, s: &str) -> Result<(), ExportError> {
    let length = s.encode_utf16().count();
    if length > MAX_CELL_TEXT {
        return Err(ExportError::TooLong {
            sheet: sheet.name,
            record: record.to_string(),
            column: sheet.columns[column].header,
            length: s.chars().count(),
        });
    }
    Ok(())
}

fn write_sheet(
    workbook: &mut Workbook,
    sheet: &Sheet,
    formats: &Formats,
) -> Result<(), ExportError> {
    if sheet.rows.len() >= MAX_ROWS {
        return Err(ExportError::TooManyRows {
            sheet: sheet.name,
            rows: sheet.rows.len() + 1,
        });
    }
    let worksheet = start_sheet(
        workbook,
        sheet.name,
        sheet.columns,
        sheet.rows.len(),
        formats,
    )?;
    for (r, row) in (1u32..).zip(&sheet.rows) {
        let lines = row
            .cells
            .iter()
            .map(|cell| match cell {
                Cell::Text(s) => s.lines().count(),
                _ => 1,
            })
            .max()
            .unwrap_or(1);
        if lines > 1 {
            // Tall enough for every line: not every reader fits rows itself.
            worksheet.set_row_height(r, row_height(lines))?;
        }
        for (at, cell) in (0u16..).zip(&row.cells) {
            match cell {
                Cell::Empty => {}
                Cell::Text(s) => {
                    check_length(sheet, &row.record, usize::from(at), s)?;
                    let format = match (s.starts_with(FORMULA_STARTS), s.contains('\n')) {
                        (true, false) => &formats.quoted,
                        (true, true) => &formats.quoted_lines,
                        (false, true) => &formats.lines,
                        (false, false) => &formats.plain,
                    };
                    // A string cell, never a formula, whatever the text.
                    worksheet.write_string_with_format(r, at, s, format)?;
                }
                Cell::Number(n) => {
                    worksheet.write_number_with_format(r, at, f64::from(*n), &formats.plain)?;
                }
                Cell::Decimal(v) => {
                    worksheet.write_number_with_format(r, at, *v, &formats.plain)?;
                }
                // A day Excel cannot hold (before 1900) stays readable as text.
                Cell::Date(d) => match excel_date(*d) {
                    Some(x) => {
                        worksheet.write_datetime_with_format(r, at, &x, &formats.date)?;
                    }
                    None => {
                        worksheet.write_string_with_format(r, at, d.to_string(), &formats.plain)?;
                    }
                },
                Cell::DateTime(t) => match excel_time(*t) {
                    Some(x) => {
                        worksheet.write_datetime_with_format(r, at, &x, &formats.date_time)?;
                    }
                    None => {
                        worksheet.write_string_with_format(r, at, t.to_string(), &formats.plain)?;
                    }
                },
                Cell::Band { name, kind, tier } => {
                    worksheet.write_string_with_format(r, at, name, formats.band(*kind, *tier))?;
                }
            }
        }
    }
    Ok(())
}

/// The document properties: `created` fixed by the caller, so the same
/// register gives the same bytes (the library would take the clock).
pub(super) fn properties(title: &str, created: Option<Timestamp>) -> DocProperties {
    let created = created
        .and_then(excel_time)
        .or_else(|| ExcelDateTime::from_ymd(2000, 1, 1).ok());
    let properties = DocProperties::new().set_title(title);
    match created {
        Some(at) => properties.set_creation_datetime(&at),
        None => properties,
    }
}

/// The workbook's bytes.
pub fn render(
    sheets: &[Sheet],
    title: &str,
    created: Option<Timestamp>,
) -> Result<Vec<u8>, ExportError> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties(title, created));
    let formats = Formats::new();
    for sheet in sheets {
        write_sheet(&mut workbook, sheet, &formats)?;
    }
    Ok(workbook.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::sample;

    #[test]
    fn a_text_too_long_for_a_cell_is_named_by_record_and_column() {
        let mut register = sample();
        register.items[1].description = "x".repeat(MAX_CELL_TEXT + 1);
        let error = crate::export::workbook(&register).unwrap_err();
        assert_eq!(
            error.to_string(),
            "R-002 (Items sheet, Description): the text is 32768 characters long; \
             a spreadsheet cell holds at most 32767: shorten it, \
             or export with --format csv, which has no such limit"
        );
        register.items[1].description = "x".repeat(MAX_CELL_TEXT);
        assert!(
            crate::export::workbook(&register).is_ok(),
            "the limit itself fits"
        );
    }

    #[test]
    fn band_colours_follow_the_kind_and_the_tier() {
        let formats = Formats::new();
        assert_ne!(
            formats.band(Kind::Risk, 3),
            formats.band(Kind::Opportunity, 3),
            "a high opportunity is not painted as a high risk"
        );
        assert_ne!(formats.band(Kind::Risk, 0), formats.band(Kind::Risk, 3));
    }
}
