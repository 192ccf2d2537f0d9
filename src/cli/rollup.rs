//! `roreg rollup`: one report across several registers, for the central
//! quality function of a group with several sites.

use std::path::{Path, PathBuf};

use clap::ValueEnum;

use crate::domain::Date;
use crate::report::rollup::{self, Source};
use crate::report::{self as pack};

use super::output::{Console, NotWritten, WriteError};
use super::report::{emit, period};
use super::{exit, parse_date};

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Exit status: 0 every register loaded; 1 some did not (each is named with its error, and the \
rest is still reported); 2 none loaded, the arguments mean nothing, or the output cannot be \
written.")]
pub struct RollupArgs {
    /// The register files, one per site, process or subsidiary.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// md: Markdown for a git host; html: one self-contained file that prints on A4;
    /// csv: one table (see --table), for spreadsheets.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = RollupFormat::Md)]
    pub format: RollupFormat,
    /// First day of the period for meetings held (YYYY-MM-DD); default: twelve months up to --to.
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub from: Option<Date>,
    /// Last day of the period (YYYY-MM-DD); default: today.
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub to: Option<Date>,
    /// CSV only: the table to write.
    #[arg(long, value_enum, value_name = "NAME")]
    pub table: Option<RollupTable>,
    /// Write here instead of printing.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RollupFormat {
    Md,
    Html,
    Csv,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum RollupTable {
    /// One row per register: its figures as numbers (the default).
    #[default]
    Figures,
    /// Every High and Critical item, with its register.
    High,
}

/// Refuses what cannot mean anything before reading a file.
fn check_arguments(args: &RollupArgs) -> Result<(), String> {
    if args.table.is_some() && args.format != RollupFormat::Csv {
        return Err(
            "--table applies to --format csv only; Markdown and HTML hold every table in one file"
                .to_string(),
        );
    }
    let mut seen: Vec<&Path> = Vec::with_capacity(args.files.len());
    for file in &args.files {
        if seen.contains(&file.as_path()) {
            return Err(format!(
                "{} is named twice; name each register once",
                file.display()
            ));
        }
        seen.push(file);
    }
    Ok(())
}

pub fn run(args: &RollupArgs, today: Date, console: &mut Console) -> Result<u8, WriteError> {
    let period = match check_arguments(args).and_then(|()| period(args.from, args.to, today)) {
        Ok(period) => period,
        Err(message) => {
            console.note(&format!("roreg rollup: {message}"))?;
            return Ok(exit::UNREADABLE);
        }
    };
    let loaded: Vec<Result<crate::storage::Loaded, String>> = args
        .files
        .iter()
        .map(|path| {
            // A merge's conflicts come one per line; the report wants one.
            crate::storage::load(path).map_err(|e| {
                let text = e.to_string();
                let lines: Vec<&str> = text.lines().map(str::trim).collect();
                lines.join("; ")
            })
        })
        .collect();
    let sources: Vec<Source> = args
        .files
        .iter()
        .zip(&loaded)
        .map(|(path, loaded)| Source {
            path: path.display().to_string(),
            loaded: loaded.as_ref().map(|l| &l.register).map_err(Clone::clone),
        })
        .collect();
    let failed = loaded.iter().filter(|l| l.is_err()).count();
    for error in loaded.iter().filter_map(|l| l.as_ref().err()) {
        console.note(&format!(
            "roreg rollup: left out, did not load: {}",
            crate::text::one_line(error)
        ))?;
    }
    if failed == args.files.len() {
        console.note("roreg rollup: no register loaded; nothing to report")?;
        return Ok(exit::UNREADABLE);
    }
    let rollup = rollup::build(&sources, period, today);
    let text = match args.format {
        RollupFormat::Md => pack::markdown::render(&rollup.report),
        RollupFormat::Html => pack::html::render(&rollup.report),
        RollupFormat::Csv => pack::csv::render(match args.table.unwrap_or_default() {
            RollupTable::Figures => &rollup.figures,
            RollupTable::High => &rollup.high,
        }),
    };
    match emit(args.out.as_deref(), &text, console) {
        Ok(()) if failed > 0 => Ok(exit::PROBLEMS),
        Ok(()) => Ok(exit::OK),
        Err(NotWritten::Refused(message)) => {
            console.note(&format!("roreg rollup: {message}"))?;
            Ok(exit::UNREADABLE)
        }
        Err(NotWritten::Write(e)) => Err(e),
    }
}
