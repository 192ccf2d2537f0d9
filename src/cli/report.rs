//! `roreg report`: the evidence pack for an auditor, as Markdown, HTML or CSV.

use std::path::{Path, PathBuf};

use clap::ValueEnum;

use crate::domain::audit::Period;
use crate::domain::{Date, validate};
use crate::report::{self, TableName};

use super::output::{Console, NotWritten, PendingFile, WriteError, write_folder};
use super::{exit, parse_date};

#[derive(Debug, clap::Args)]
#[command(after_help = "\
CSV writes one table per file: --table NAME prints that table (or writes it to --out FILE); \
without --table, --out FOLDER writes every table there as NAME.csv (the folder is created \
if needed, existing files of those names are replaced).")]
pub struct ReportArgs {
    /// The register file.
    pub file: Option<PathBuf>,
    /// md: Markdown for a git host; html: one self-contained file that prints on A4;
    /// csv: one table per file, for spreadsheets.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: ReportFormat,
    /// First day of the period (YYYY-MM-DD); default: twelve months up to --to.
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub from: Option<Date>,
    /// Last day of the period (YYYY-MM-DD); default: today.
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub to: Option<Date>,
    /// CSV only: the one table to write.
    #[arg(long, value_enum, value_name = "NAME")]
    pub table: Option<TableArg>,
    /// Write here instead of printing (for CSV without --table: a folder).
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Md,
    Html,
    Csv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TableArg {
    /// The audit figures with the ids of their records.
    Audit,
    /// Every item with current and target scores and bands.
    Register,
    /// Every action with owner, due date, status and effectiveness.
    Actions,
    /// Meetings held in the period.
    Meetings,
    /// Who was present, sent apologies or was absent at each meeting.
    Attendance,
    /// Items reviewed in each meeting: before and after scores, decision.
    Reviews,
    /// Customers, key accounts marked.
    Customers,
    /// Every requirement with the items linking it.
    Requirements,
    /// Every measure with its target, latest reading and trend.
    Measures,
    /// Each reading of a measure taken in the period, on target or not.
    Readings,
}

impl From<TableArg> for TableName {
    fn from(t: TableArg) -> TableName {
        match t {
            TableArg::Audit => TableName::Audit,
            TableArg::Register => TableName::Register,
            TableArg::Actions => TableName::Actions,
            TableArg::Meetings => TableName::Meetings,
            TableArg::Attendance => TableName::Attendance,
            TableArg::Reviews => TableName::Reviews,
            TableArg::Customers => TableName::Customers,
            TableArg::Requirements => TableName::Requirements,
            TableArg::Measures => TableName::Measures,
            TableArg::Readings => TableName::Readings,
        }
    }
}

/// The period from the arguments: `--to` defaults to today and `--from` to
/// the twelve months up to `--to`.
pub(super) fn period(
    given_from: Option<Date>,
    given_to: Option<Date>,
    today: Date,
) -> Result<Period, String> {
    let to = given_to.unwrap_or(today);
    let from = given_from.unwrap_or(Period::last_year(to).from);
    if from > to {
        let end = if given_to.is_some() {
            format!("--to {to}")
        } else {
            format!("today, {to}")
        };
        return Err(format!(
            "the period would start (--from {from}) after it ends ({end}); give a --from on or before the end"
        ));
    }
    Ok(Period { from, to })
}

fn csv_needs_a_choice() -> String {
    let names: Vec<&str> = TableName::ALL.iter().map(|t| t.as_str()).collect();
    format!(
        "--format csv writes one table per file; pass --table NAME to print one ({}), or --out FOLDER to write them all",
        names.join(", ")
    )
}

/// Refuses combinations that cannot mean anything before reading the file.
fn check_arguments(args: &ReportArgs) -> Result<(), String> {
    match (args.format, args.table, &args.out) {
        (ReportFormat::Csv, None, None) => Err(csv_needs_a_choice()),
        (ReportFormat::Md | ReportFormat::Html, Some(_), _) => Err(
            "--table applies to --format csv only; Markdown and HTML hold every table in one file"
                .to_string(),
        ),
        _ => Ok(()),
    }
}

pub fn run(
    path: &Path,
    args: &ReportArgs,
    today: Date,
    console: &mut Console,
) -> Result<u8, WriteError> {
    let period = match check_arguments(args).and_then(|()| period(args.from, args.to, today)) {
        Ok(period) => period,
        Err(message) => {
            console.note(&format!("roreg report: {message}"))?;
            return Ok(exit::UNREADABLE);
        }
    };
    let Some(loaded) = super::load(path, console)? else {
        return Ok(exit::UNREADABLE);
    };
    let register = &loaded.register;
    let problems: Vec<String> = validate(register).iter().map(|p| p.to_string()).collect();
    if !problems.is_empty() {
        console.note(&format!(
            "roreg: warning: {} has {}; the report says so at the top; `roreg check {}` lists them",
            path.display(),
            crate::text::plural(problems.len(), "problem", "problems"),
            path.display()
        ))?;
    }
    let source = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let parts = match args.format {
        ReportFormat::Md | ReportFormat::Html => report::Parts::Sections,
        ReportFormat::Csv => report::Parts::DataTables,
    };
    let pack = report::build_parts(register, period, today, &source, problems, parts);
    let out = args.out.as_deref();
    // Every renderer makes each value from the file inert for its format
    // (`report::escape`), so the text goes out as it is.
    let written = match (args.format, args.table) {
        (ReportFormat::Md, _) => emit(out, &report::markdown::render(&pack), console),
        (ReportFormat::Html, _) => emit(out, &report::html::render(&pack), console),
        (ReportFormat::Csv, Some(table)) => {
            emit(out, &report::csv::render(pack.table(table.into())), console)
        }
        (ReportFormat::Csv, None) => match out {
            Some(folder) => write_all_tables(folder, &pack, console),
            None => Err(NotWritten::Refused(csv_needs_a_choice())),
        },
    };
    match written {
        Ok(()) => Ok(exit::OK),
        Err(NotWritten::Refused(message)) => {
            console.note(&format!("roreg report: {message}"))?;
            Ok(exit::UNREADABLE)
        }
        Err(NotWritten::Write(e)) => Err(e),
    }
}

/// Prints `text`, or writes it to `out` (replacing a report written before).
pub(super) fn emit(
    out: Option<&Path>,
    text: &str,
    console: &mut Console,
) -> Result<(), NotWritten> {
    match out {
        None => Ok(console.rendered(text)?),
        Some(file) => {
            if file.is_dir() {
                return Err(NotWritten::Refused(format!(
                    "{} is a folder; give a file name for --out",
                    file.display()
                )));
            }
            PendingFile::write(file, text)?.commit()?;
            console.line(&format!("{}: written", file.display()))?;
            Ok(())
        }
    }
}

/// Every table is written to its temporary file before any replaces the one
/// of the last report, so a full disk leaves the earlier set whole rather
/// than a mix of old and new tables.
fn write_all_tables(
    folder: &Path,
    pack: &report::Report,
    console: &mut Console,
) -> Result<(), NotWritten> {
    let files: Vec<(String, String)> = TableName::ALL
        .iter()
        .map(|name| {
            let text = report::csv::render(pack.table(*name));
            (name.file_name().to_string(), text)
        })
        .collect();
    let why = "without --table, --out names a folder for one CSV file per table";
    write_folder(folder, &files, ("table", why), console)
}
