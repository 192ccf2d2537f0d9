//! `roreg report`: the evidence pack for an auditor, as Markdown, HTML or CSV.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use crate::domain::audit::Period;
use crate::domain::{Date, validate};
use crate::report::{self, TableName};

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
        }
    }
}

/// The period from the arguments: `--to` defaults to today and `--from` to
/// the twelve months up to `--to`.
fn period(args: &ReportArgs, today: Date) -> Result<Period, String> {
    let to = args.to.unwrap_or(today);
    let from = args.from.unwrap_or(Period::last_year(to).from);
    if from > to {
        let end = if args.to.is_some() {
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

pub fn run(path: &Path, args: &ReportArgs, today: Date) -> u8 {
    let period = match check_arguments(args).and_then(|()| period(args, today)) {
        Ok(period) => period,
        Err(message) => {
            eprintln!("roreg report: {message}");
            return exit::UNREADABLE;
        }
    };
    let loaded = match super::load(path) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let register = &loaded.register;
    let problems: Vec<String> = validate(register).iter().map(|p| p.to_string()).collect();
    if !problems.is_empty() {
        eprintln!(
            "roreg: warning: {} has {} problem{}; the report says so at the top; `roreg check {}` lists them",
            path.display(),
            problems.len(),
            if problems.len() == 1 { "" } else { "s" },
            path.display()
        );
    }
    let source = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let pack = report::build(register, period, today, &source, problems);
    let written = match (args.format, args.table) {
        (ReportFormat::Md, _) => emit(args.out.as_deref(), &report::markdown::render(&pack)),
        (ReportFormat::Html, _) => emit(args.out.as_deref(), &report::html::render(&pack)),
        (ReportFormat::Csv, Some(table)) => emit(
            args.out.as_deref(),
            &report::csv::render(pack.table(table.into())),
        ),
        (ReportFormat::Csv, None) => match &args.out {
            Some(folder) => write_all_tables(folder, &pack),
            None => Err(csv_needs_a_choice()),
        },
    };
    match written {
        Ok(()) => exit::OK,
        Err(message) => {
            eprintln!("roreg report: {message}");
            exit::UNREADABLE
        }
    }
}

/// Prints `text`, or writes it to `out` (replacing a report written before).
fn emit(out: Option<&Path>, text: &str) -> Result<(), String> {
    match out {
        None => {
            // A closed pipe (`roreg report … | head`) is not worth a report.
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            Ok(())
        }
        Some(file) => write_file(file, text),
    }
}

fn write_file(file: &Path, text: &str) -> Result<(), String> {
    if file.is_dir() {
        return Err(format!(
            "{} is a folder; give a file name for --out",
            file.display()
        ));
    }
    std::fs::write(file, text).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    println!("{}: written", file.display());
    Ok(())
}

fn write_all_tables(folder: &Path, pack: &report::Report) -> Result<(), String> {
    if folder.exists() && !folder.is_dir() {
        return Err(format!(
            "{} is a file; without --table, --out names a folder for one CSV file per table",
            folder.display()
        ));
    }
    std::fs::create_dir_all(folder)
        .map_err(|e| format!("cannot create the folder {}: {e}", folder.display()))?;
    for name in TableName::ALL {
        write_file(
            &folder.join(name.file_name()),
            &report::csv::render(pack.table(name)),
        )?;
    }
    Ok(())
}
