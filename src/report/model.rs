//! The report as a format-neutral document: sections of paragraphs, facts,
//! tables and heat maps, plus flat data tables for CSV. Plain strings only,
//! never markup; the renderers escape them for their format.

use crate::domain::Date;
use crate::domain::audit::Period;

/// Everything the renderers need; strings are raw text from the register or
/// plain sentences, escaped only when rendered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// One register's evidence pack, or a roll-up of several.
    pub scope: Scope,
    pub title: String,
    pub organisation: String,
    /// The register's file name (not its path, which differs per machine).
    pub source: String,
    pub period: Period,
    /// The day the register's state is taken from, and the report's date.
    pub today: Date,
    /// Validation problems, shown first: figures from a register with
    /// errors may be incomplete.
    pub problems: Vec<String>,
    /// The history's head hash with what to do with it, near the top.
    pub head: String,
    pub sections: Vec<Section>,
    /// One row per record and one value per column, for spreadsheets.
    pub tables: Vec<DataTable>,
}

/// What a report is of: its opening lines and warning are worded for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Register,
    /// `roreg rollup`: this many register files named on the command line.
    Registers(usize),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// Stable id for links within the document (HTML anchors).
    pub anchor: &'static str,
    /// Numbered from 1 in document order; other sections refer to it.
    pub number: usize,
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Paragraph(String),
    Subheading(String),
    /// Labelled values, e.g. `Facilitator: Helen Marsh`.
    Facts(Vec<(String, String)>),
    List(Vec<String>),
    Table(Table),
    HeatMap(HeatGrid),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Said instead of an empty table in a document.
    pub when_empty: String,
}

/// The tables `--format csv` writes, one per file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableName {
    Audit,
    Register,
    Actions,
    Meetings,
    Attendance,
    Reviews,
    Customers,
    Requirements,
    Measures,
    Readings,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataTable {
    pub name: TableName,
    pub table: Table,
}

/// One heat map: rows from the highest likelihood down, columns from the
/// lowest impact (or benefit) up, as the matrix is usually drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeatGrid {
    pub title: String,
    pub corner: String,
    /// Row labels, top row first, e.g. `5 Almost certain`.
    pub likelihood: Vec<String>,
    /// Column labels, e.g. `1 Negligible`.
    pub consequence: Vec<String>,
    pub cells: Vec<Vec<HeatCell>>,
    pub total: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeatCell {
    pub count: usize,
    /// The band's short name, so the map reads without colour.
    pub band: String,
    /// 0 (lowest band) to 3 (highest), whatever the number of bands: for
    /// shading.
    pub level: usize,
}

impl TableName {
    pub const ALL: [TableName; 10] = [
        TableName::Audit,
        TableName::Register,
        TableName::Actions,
        TableName::Meetings,
        TableName::Attendance,
        TableName::Reviews,
        TableName::Customers,
        TableName::Requirements,
        TableName::Measures,
        TableName::Readings,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TableName::Audit => "audit",
            TableName::Register => "register",
            TableName::Actions => "actions",
            TableName::Meetings => "meetings",
            TableName::Attendance => "attendance",
            TableName::Reviews => "reviews",
            TableName::Customers => "customers",
            TableName::Requirements => "requirements",
            TableName::Measures => "measures",
            TableName::Readings => "readings",
        }
    }

    pub fn file_name(self) -> String {
        format!("{}.csv", self.as_str())
    }
}

impl Report {
    pub fn table(&self, name: TableName) -> &Table {
        &self
            .tables
            .iter()
            .find(|t| t.name == name)
            .expect("build makes every data table")
            .table
    }

    pub fn period_text(&self) -> String {
        format!("{} to {}", self.period.from, self.period.to)
    }

    /// What the report is of, as the opening lines of every format give it.
    pub fn meta(&self) -> [(&'static str, String); 5] {
        let (subject, register, head) = match self.scope {
            Scope::Register => ("Organisation", "Register and actions", "Head hash"),
            Scope::Registers(_) => ("Registers", "Registers and actions", "Head hashes"),
        };
        [
            (subject, self.organisation.clone()),
            (
                "Period",
                format!("{} (meetings started in these days)", self.period_text()),
            ),
            (register, format!("as they stand on {}", self.today)),
            (
                "Generated",
                format!("{} by roreg from {}", self.today, self.source),
            ),
            (head, self.head.clone()),
        ]
    }

    /// What the warning's problems mean for the figures, before it names
    /// the command that explains them.
    pub fn problems_consequence(&self) -> &'static str {
        match self.scope {
            Scope::Register => "Figures built from it may be incomplete or wrong",
            Scope::Registers(_) => {
                "A register that did not load is left out of every figure; figures from one with \
                 validation problems may be incomplete or wrong"
            }
        }
    }

    /// The warning's opening words: "this register has 3 validation problems".
    pub fn problems_sentence(&self) -> String {
        let count = self.problems.len();
        match self.scope {
            Scope::Register => format!(
                "this register has {}",
                crate::text::plural(count, "validation problem", "validation problems")
            ),
            Scope::Registers(_) => format!(
                "the registers rolled up have {}",
                crate::text::plural(count, "problem", "problems")
            ),
        }
    }
}

impl Table {
    pub(crate) fn new(headers: &[&str], when_empty: &str) -> Table {
        Table {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            when_empty: when_empty.to_string(),
        }
    }

    pub(crate) fn row(&mut self, cells: Vec<String>) {
        debug_assert_eq!(cells.len(), self.headers.len(), "{:?}", self.headers);
        self.rows.push(cells);
    }
}
