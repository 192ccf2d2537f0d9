//! Cells from a spreadsheet file: `.xlsx`/`.ods` (calamine) or `.csv` (the
//! csv crate, UTF-8 or Windows-1252), as grids of typed cells that know
//! their A1 addresses. The only part of the import that touches files.

use std::fmt;
use std::path::Path;

use calamine::{Data, Reader};

/// One cell's value, as typed as the file keeps it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A date or date-time cell: the calendar values, no time zone.
    DateTime(chrono::NaiveDateTime),
    /// A formula error such as `#DIV/0!`.
    Error(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as a person reads it, for messages and the failed-rows file.
    pub fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Bool(b) => b.to_string(),
            Cell::DateTime(t) if t.time() == chrono::NaiveTime::MIN => t.date().to_string(),
            Cell::DateTime(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
            Cell::Error(e) => e.clone(),
        }
    }
}

/// One sheet: `rows[0]` is the sheet's row 1, `rows[r][0]` its column A.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grid {
    pub sheet: String,
    pub rows: Vec<Vec<Cell>>,
}

const EMPTY: Cell = Cell::Empty;

impl Grid {
    pub fn cell(&self, row: usize, column: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(column))
            .unwrap_or(&EMPTY)
    }

    /// `Items!D14` for 0-based `row` 13, `column` 3.
    pub fn address(&self, row: usize, column: usize) -> String {
        format!("{}!{}{}", self.sheet, column_letters(column), row + 1)
    }
}

/// `A`, …, `Z`, `AA`, … for a 0-based column.
pub fn column_letters(column: usize) -> String {
    let mut n = column + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// What a spreadsheet file holds: its sheets, in the file's order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Workbook {
    pub sheets: Vec<Grid>,
    /// How a CSV file was decoded (`UTF-8`, `Windows-1252`); `None` for a workbook.
    pub encoding: Option<&'static str>,
}

#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// Not `.xlsx`, `.xlsm`, `.ods`, `.xls` or `.csv`.
    UnknownKind(String),
    Workbook(String),
    Csv(String),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "cannot read it ({e})"),
            ReadError::UnknownKind(ext) => write!(
                f,
                "\"{ext}\" is not a spreadsheet roreg reads; give a .xlsx, .ods or .csv file"
            ),
            ReadError::Workbook(e) => write!(f, "not a readable workbook ({e})"),
            ReadError::Csv(e) => write!(f, "not a readable CSV file ({e})"),
        }
    }
}

/// Reads every sheet of the file at `path`, by its extension.
pub fn read(path: &Path) -> Result<Workbook, ReadError> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "csv" | "txt" => {
            let bytes = std::fs::read(path).map_err(ReadError::Io)?;
            let name = path
                .file_name()
                .map_or("sheet".into(), |n| n.to_string_lossy().into_owned());
            let (text, encoding) = decode(&bytes);
            let grid = csv_grid(&text, &name)?;
            Ok(Workbook {
                sheets: vec![grid],
                encoding: Some(encoding),
            })
        }
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => {
            let mut workbook = calamine::open_workbook_auto(path)
                .map_err(|e| ReadError::Workbook(e.to_string()))?;
            let mut sheets = Vec::new();
            for name in workbook.sheet_names() {
                let range = workbook
                    .worksheet_range(&name)
                    .map_err(|e| ReadError::Workbook(format!("sheet {name}: {e}")))?;
                sheets.push(range_grid(&name, &range));
            }
            Ok(Workbook {
                sheets,
                encoding: None,
            })
        }
        other => Err(ReadError::UnknownKind(format!(".{other}"))),
    }
}

fn range_grid(name: &str, range: &calamine::Range<Data>) -> Grid {
    let (top, left) = range.start().unwrap_or((0, 0));
    let (top, left) = (top as usize, left as usize);
    let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); top];
    for row in range.rows() {
        let mut cells = vec![Cell::Empty; left];
        cells.extend(row.iter().map(cell_of));
        rows.push(cells);
    }
    Grid {
        sheet: name.to_string(),
        rows,
    }
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, mo, day, h, mi, s, _) = d.to_ymd_hms_milli();
            chrono::NaiveDate::from_ymd_opt(i32::from(y), u32::from(mo), u32::from(day))
                .and_then(|date| date.and_hms_opt(u32::from(h), u32::from(mi), u32::from(s)))
                .map_or(Cell::Number(d.as_f64()), Cell::DateTime)
        }
        Data::DateTime(d) => Cell::Number(d.as_f64()),
        // ODS keeps dates as ISO text: read as text, parsed as dates where a date is due.
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(format!("#{e:?}")),
    }
}

/// The text of a CSV file and the encoding it was read in: UTF-8 when it is
/// valid UTF-8 (a byte-order mark dropped), else Windows-1252, what Excel
/// on Windows writes ("CSV" without "UTF-8").
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), "UTF-8"),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (text.into_owned(), "Windows-1252")
        }
    }
}

/// The delimiter a CSV text uses: the most frequent of `,`, `;` and tab in
/// its first non-empty line (Excel in much of Europe writes `;`).
fn delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |c: char| first.chars().filter(|x| *x == c).count();
    [(b',', count(',')), (b';', count(';')), (b'\t', count('\t'))]
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map_or(b',', |(d, _)| d)
}

/// A CSV text as one grid of text cells.
/// A field as written before `roreg export`/`report` put an apostrophe in
/// front so no spreadsheet runs it as a formula: `'=SUM(A1)` → `=SUM(A1)`.
fn unneutralised(field: &str) -> &str {
    match field.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => field,
    }
}

pub fn csv_grid(text: &str, sheet: &str) -> Result<Grid, ReadError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| ReadError::Csv(e.to_string()))?;
        rows.push(
            record
                .iter()
                .map(|field| {
                    if field.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(unneutralised(field).to_string())
                    }
                })
                .collect(),
        );
    }
    Ok(Grid {
        sheet: sheet.to_string(),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_read_as_in_a_spreadsheet() {
        let grid = Grid {
            sheet: "Risks".into(),
            rows: vec![],
        };
        assert_eq!(grid.address(13, 3), "Risks!D14");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
    }

    #[test]
    fn windows_1252_bytes_read_as_their_characters() {
        // "Café;Müller" as Excel on Windows saves it.
        let (text, encoding) = decode(b"Caf\xe9;M\xfcller \x96 \x80");
        assert_eq!(encoding, "Windows-1252");
        assert_eq!(text, "Café;Müller – €");
        let (text, encoding) = decode("\u{feff}Café".as_bytes());
        assert_eq!((text.as_str(), encoding), ("Café", "UTF-8"));
    }

    #[test]
    fn semicolon_csv_is_split_on_semicolons() {
        let grid = csv_grid("ID;Title\nR-001;\"A; b\"\n", "r.csv").unwrap();
        assert_eq!(grid.cell(1, 1), &Cell::Text("A; b".into()));
        assert_eq!(grid.cell(1, 0), &Cell::Text("R-001".into()));
        assert_eq!(grid.cell(5, 5), &Cell::Empty);
    }
}
