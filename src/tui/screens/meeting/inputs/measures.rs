//! The measures under a 9.3.2 input: each with its latest reading against
//! target, and its readings in the period the review looks back on, the
//! ones off target marked ✗ (in words too: how many).

use crate::domain::{Date, ManagementInput, Measure, Meeting, Reading, Register, with_unit};
use crate::text;

use super::super::super::super::forms::item::links;
use super::Row;
use crate::theme::Theme;

/// Marks a reading off target among the numbers.
const MISSED: &str = "✗";

pub(super) fn rows(
    register: &Register,
    input: ManagementInput,
    (from, to, previous): (Date, Date, Option<&Meeting>),
    width: usize,
    theme: &Theme,
) -> Vec<Row> {
    let measures = crate::domain::management_review::measures_for(register, input, (from, to));
    if measures.is_empty() {
        return Vec::new();
    }
    let since = match previous {
        Some(m) => format!("since {} ({})", m.id, m.started.date()),
        None => format!("since {from} (a year; no management review before)"),
    };
    let mut rows = vec![Row {
        text: format!("    Measures, readings {since}, {MISSED} off target:"),
        style: theme.text,
        input: None,
    }];
    for (measure, readings) in measures {
        // How it stands first: a narrow screen cuts the end of the row.
        let latest = match measure.latest() {
            Some(r) => format!(
                ", latest {} on {}",
                with_unit(&r.value.to_string(), &measure.unit),
                r.date
            ),
            None => String::new(),
        };
        rows.push(Row {
            text: format!(
                "    {}: {}{latest}",
                links::measure_label(register, measure),
                links::standing_words(measure),
            ),
            style: if measure.is_off_target() {
                theme.overdue
            } else {
                theme.text
            },
            input: None,
        });
        rows.push(Row {
            text: readings_row(measure, readings, width),
            style: theme.text,
            input: None,
        });
    }
    rows
}

/// "target ≤ 2 per month; 6 readings, 4 off target: 3✗ 4✗ 2 1 2 4✗",
/// the oldest left out when they do not fit in `width`.
fn readings_row(measure: &Measure, readings: &[Reading], width: usize) -> String {
    const INDENT: &str = "      ";
    let target = measure.target.described(&measure.unit);
    if readings.is_empty() {
        return format!("{INDENT}target {target}; no reading in the period");
    }
    let missed = readings
        .iter()
        .filter(|r| !measure.target.is_met_by(r.value))
        .count();
    let head = format!(
        "{INDENT}target {target}; {}, {missed} off target: ",
        text::plural(readings.len(), "reading", "readings"),
    );
    let values: Vec<String> = readings
        .iter()
        .map(|r| {
            let mark = if measure.target.is_met_by(r.value) {
                ""
            } else {
                MISSED
            };
            format!("{}{mark}", r.value)
        })
        .collect();
    // The newest count most: fill from the end, then say what was left out.
    let room = width.saturating_sub(text::width(&head) + 2);
    let mut used = 0;
    let mut kept = 0;
    for v in values.iter().rev() {
        let w = text::width(v) + 1;
        if used + w > room {
            break;
        }
        used += w;
        kept += 1;
    }
    let shown = values[values.len() - kept..].join(" ");
    if kept < values.len() {
        format!("{head}… {shown}")
    } else {
        format!("{head}{shown}")
    }
}
