//! The header cells of every sheet, in order, with a sensible width each.
//!
//! The Items and Actions headers are the contract `roreg import` reads
//! (see the README's spreadsheet section): an exported workbook imports
//! back unchanged, so a header here is renamed only together with it.

/// One column of a sheet: its header cell and its width in characters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Column {
    pub header: &'static str,
    pub width: f64,
}

const fn col(header: &'static str, width: f64) -> Column {
    Column { header, width }
}

pub const ITEMS: &[Column] = &[
    col("ID", 8.0),
    col("Type", 12.0),
    col("Title", 40.0),
    col("Description", 50.0),
    col("Affects", 30.0),
    col("Source kind", 22.0),
    col("Source", 30.0),
    col("Process", 18.0),
    col("Owner", 10.0),
    col("Likelihood", 11.0),
    col("Impact", 9.0),
    col("Score", 8.0),
    col("Band", 10.0),
    col("Target likelihood", 10.0),
    col("Target impact", 10.0),
    col("Treatment", 12.0),
    col("Status", 12.0),
    col("Next review", 12.0),
    col("Created", 19.0),
    col("Requirements", 20.0),
    col("Measures", 16.0),
];

pub const ACTIONS: &[Column] = &[
    col("ID", 8.0),
    col("Item", 8.0),
    col("Action", 50.0),
    col("Owner", 10.0),
    col("Due", 12.0),
    col("Status", 12.0),
    col("Done on", 12.0),
    col("Effectiveness", 16.0),
    col("Effectiveness note", 40.0),
    col("Checked on", 12.0),
    col("Checked by", 10.0),
];

pub const REVIEWS: &[Column] = &[
    col("Meeting", 9.0),
    col("Date", 12.0),
    col("Item", 8.0),
    col("Title", 40.0),
    col("Before likelihood", 10.0),
    col("Before impact", 10.0),
    col("Before score", 8.0),
    col("Before band", 10.0),
    col("After likelihood", 10.0),
    col("After impact", 10.0),
    col("After score", 8.0),
    col("After band", 10.0),
    col("Decision", 50.0),
    col("Output (9.3.3)", 24.0),
    col("Next review agreed", 12.0),
    col("Recorded at", 19.0),
];

pub const MEETINGS: &[Column] = &[
    col("ID", 9.0),
    col("Kind", 18.0),
    col("Started", 19.0),
    col("Closed", 19.0),
    col("Facilitator", 11.0),
    col("Agenda", 30.0),
    col("Items reviewed", 9.0),
    col("Skipped", 30.0),
    col("Actions raised", 20.0),
    col("Actions closed", 20.0),
    col("Inputs considered (9.3.2)", 20.0),
    col("Guests", 30.0),
    col("Notes", 50.0),
];

pub const ATTENDANCE: &[Column] = &[
    col("Meeting", 9.0),
    col("Date", 12.0),
    col("Person", 10.0),
    col("Name", 24.0),
    col("Attendance", 11.0),
    col("Arrived", 19.0),
    col("Left", 19.0),
];

pub const PEOPLE: &[Column] = &[
    col("ID", 10.0),
    col("Name", 24.0),
    col("Role", 30.0),
    col("Top management", 10.0),
    col("Login", 16.0),
    col("Retired", 12.0),
];

pub const CUSTOMERS: &[Column] = &[
    col("ID", 8.0),
    col("Name", 30.0),
    col("Segment", 18.0),
    col("Key account", 10.0),
];

pub const REQUIREMENTS: &[Column] = &[
    col("ID", 9.0),
    col("Customer", 10.0),
    col("Kind", 12.0),
    col("Requirement", 50.0),
    col("Source", 30.0),
    col("Reference", 14.0),
];

pub const MEASURES: &[Column] = &[
    col("ID", 9.0),
    col("Name", 30.0),
    col("Unit", 12.0),
    col("Direction", 10.0),
    col("Target", 9.0),
    col("Customer", 10.0),
    col("Cadence", 10.0),
    col("Owner", 10.0),
];

pub const READINGS: &[Column] = &[
    col("Measure", 9.0),
    col("Date", 12.0),
    col("Value", 9.0),
    col("On target", 9.0),
    col("Note", 40.0),
];

/// How the ids of an item's Requirements and Measures cells are joined.
pub const IDS_SEPARATOR: &str = ", ";

/// The Source kind cells, one per kind of `Source`.
pub const SOURCE_INTERNAL: &str = "Internal issue (4.1)";
pub const SOURCE_EXTERNAL: &str = "External issue (4.1)";
pub const SOURCE_INTERESTED_PARTY: &str = "Interested party (4.2)";

/// How the labels of the Affects cell are joined.
pub const AFFECTS_SEPARATOR: &str = "; ";
