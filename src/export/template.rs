//! The empty workbook a register is started in by hand: the Items and
//! Actions headers `roreg import` reads, and a drop-down list on each
//! column that takes one of a few words or levels.

use rust_xlsxwriter::{DataValidation, Workbook, Worksheet, XlsxError};

use crate::domain::{ActionStatus, ItemStatus, Kind, Scales, Treatment, Verdict};

use super::columns::{self, Column};
use super::xlsx::{ExportError, Formats, properties, start_sheet};

/// The rows that get the drop-down lists (the header row excluded).
const TEMPLATE_ROWS: u32 = 1000;

fn column_of(columns: &[Column], header: &str) -> u16 {
    let at = columns
        .iter()
        .position(|c| c.header == header)
        .unwrap_or_else(|| panic!("no column {header} in the template"));
    u16::try_from(at).unwrap_or(u16::MAX)
}

/// `1 Rare, 2 Unlikely, …`
fn numbered(names: &[String]) -> String {
    let parts: Vec<String> = (1..)
        .zip(names)
        .map(|(level, name)| format!("{level} {name}"))
        .collect();
    parts.join(", ")
}

fn levels(count: usize) -> Vec<String> {
    (1..=count).map(|l| l.to_string()).collect()
}

struct Lists<'w> {
    worksheet: &'w mut Worksheet,
    columns: &'static [Column],
}

impl Lists<'_> {
    fn on(&mut self, header: &str, validation: &DataValidation) -> Result<(), XlsxError> {
        let at = column_of(self.columns, header);
        self.worksheet
            .add_data_validation(1, at, TEMPLATE_ROWS, at, validation)?;
        Ok(())
    }

    fn choice(&mut self, header: &str, words: &[impl AsRef<str>]) -> Result<(), XlsxError> {
        let validation = DataValidation::new()
            .allow_list_strings(words)?
            .set_error_title(format!("Not a {}", header.to_lowercase()))?
            .set_error_message(format!(
                "{header} is one of: {}",
                words
                    .iter()
                    .map(AsRef::as_ref)
                    .collect::<Vec<_>>()
                    .join(", ")
            ))?;
        self.on(header, &validation)
    }

    fn level(&mut self, header: &str, count: usize, meaning: &str) -> Result<(), XlsxError> {
        let validation = DataValidation::new()
            .allow_list_strings(&levels(count))?
            .set_input_title(header)?
            .set_input_message(meaning)?
            .set_error_title(format!("Not a {}", header.to_lowercase()))?
            .set_error_message(format!("{header} is a level from 1 to {count}.\n{meaning}"))?;
        self.on(header, &validation)
    }

    fn note(&mut self, header: &str, message: &str) -> Result<(), XlsxError> {
        let validation = DataValidation::new()
            .allow_any_value()
            .set_input_title(header)?
            .set_input_message(message)?;
        self.on(header, &validation)
    }

    fn dates(&mut self, header: &str, format: &rust_xlsxwriter::Format) -> Result<(), XlsxError> {
        let at = column_of(self.columns, header);
        self.worksheet.set_column_format(at, format)?;
        Ok(())
    }
}

fn items_lists(worksheet: &mut Worksheet, formats: &Formats) -> Result<(), XlsxError> {
    let scales = Scales::default();
    let mut lists = Lists {
        worksheet,
        columns: columns::ITEMS,
    };
    lists.choice("Type", &[Kind::Risk.label(), Kind::Opportunity.label()])?;
    lists.choice(
        "Source kind",
        &[
            columns::SOURCE_INTERNAL,
            columns::SOURCE_EXTERNAL,
            columns::SOURCE_INTERESTED_PARTY,
        ],
    )?;
    lists.choice("Treatment", &Treatment::ALL.map(Treatment::label))?;
    lists.choice("Status", &ItemStatus::ALL.map(ItemStatus::label))?;
    let likelihood = numbered(&scales.likelihood);
    let consequence = format!(
        "Risk (impact): {}\nOpportunity (benefit): {}",
        numbered(&scales.impact),
        numbered(&scales.benefit)
    );
    lists.level("Likelihood", scales.likelihood.len(), &likelihood)?;
    lists.level("Impact", scales.impact.len(), &consequence)?;
    lists.level("Target likelihood", scales.likelihood.len(), &likelihood)?;
    lists.level("Target impact", scales.impact.len(), &consequence)?;
    let derived = "Worked out by roreg from Likelihood × Impact: leave it empty.";
    lists.note("Score", derived)?;
    lists.note("Band", derived)?;
    lists.note(
        "Affects",
        "Any of: product conformity; customer satisfaction; statutory/regulatory (joined by ; )",
    )?;
    lists.note("Owner", "The owner's people id, e.g. jsmith")?;
    lists.note(
        "Requirements",
        "Requirement ids (REQ-001, REQ-004) or one requirement's text a line",
    )?;
    lists.note("Measures", "Measure ids, e.g. KPI-001, KPI-003")?;
    lists.dates("Next review", &formats.date)?;
    lists.dates("Created", &formats.date_time)?;
    Ok(())
}

fn actions_lists(worksheet: &mut Worksheet, formats: &Formats) -> Result<(), XlsxError> {
    let mut lists = Lists {
        worksheet,
        columns: columns::ACTIONS,
    };
    let statuses = [
        ActionStatus::Open,
        ActionStatus::InProgress,
        ActionStatus::Done,
        ActionStatus::Cancelled,
    ];
    lists.choice("Status", &statuses.map(ActionStatus::label))?;
    let verdicts = [Verdict::Effective, Verdict::Partly, Verdict::NotEffective];
    lists.choice("Effectiveness", &verdicts.map(Verdict::label))?;
    lists.note("Item", "The ID of the item on the Items sheet, e.g. R-001")?;
    for header in ["Due", "Done on", "Checked on"] {
        lists.dates(header, &formats.date)?;
    }
    Ok(())
}

/// The template workbook's bytes: the same every time.
pub fn template_workbook() -> Result<Vec<u8>, ExportError> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties(
        "Risk and opportunity register (roreg template)",
        None,
    ));
    let formats = Formats::new();
    let items = start_sheet(&mut workbook, "Items", columns::ITEMS, 0, &formats)?;
    items_lists(items, &formats)?;
    let actions = start_sheet(&mut workbook, "Actions", columns::ACTIONS, 0, &formats)?;
    actions_lists(actions, &formats)?;
    Ok(workbook.save_to_buffer()?)
}
