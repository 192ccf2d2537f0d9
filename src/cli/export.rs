//! `roreg export`: the register as a spreadsheet (an Excel workbook, or one
//! CSV file per sheet), and `--template`, the empty workbook to start one.

use std::io::Write;
use std::path::{Path, PathBuf};

use atomic_write_file::AtomicWriteFile;
use clap::ValueEnum;

use crate::export;

use super::exit;
use super::output::{Console, Destination, NotWritten, WriteError, write_folder};

#[derive(Debug, clap::Args)]
#[command(after_help = "\
xlsx writes one workbook (--out FILE) with the sheets Items, Actions, Reviews, Meetings, \
Attendance, People, Customers, Requirements, Measures and Readings; csv writes one file per sheet into --out FOLDER (Items.csv, \
Actions.csv, …; the folder is created if needed, files of those names are replaced). \
--template PATH writes the empty workbook a register is started in by hand, with drop-down \
lists; it reads no register.")]
pub struct ExportArgs {
    /// The register file.
    pub file: Option<PathBuf>,
    /// xlsx: one Excel workbook; csv: one CSV file per sheet.
    #[arg(
        long,
        value_enum,
        value_name = "FORMAT",
        required_unless_present = "template"
    )]
    pub format: Option<ExportFormat>,
    /// The workbook to write (xlsx) or the folder for the CSV files (csv).
    #[arg(long, value_name = "PATH", required_unless_present = "template")]
    pub out: Option<PathBuf>,
    /// Write the empty template workbook here instead of exporting a register.
    #[arg(long, value_name = "PATH", conflicts_with_all = ["file", "format", "out"])]
    pub template: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Xlsx,
    Csv,
}

/// `path` replaced by `bytes`, or the earlier file left whole.
fn write_bytes(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let failed = |source| WriteError {
        destination: Destination::File(path.to_path_buf()),
        source,
    };
    let mut file = AtomicWriteFile::open(path).map_err(failed)?;
    file.write_all(bytes).map_err(failed)?;
    file.commit().map_err(failed)
}

/// `--out` for a workbook must not be a folder.
fn workbook_file(out: &Path) -> Result<(), NotWritten> {
    if out.is_dir() {
        return Err(NotWritten::Refused(format!(
            "{} is a folder; give a file name for the workbook, e.g. --out register.xlsx",
            out.display()
        )));
    }
    Ok(())
}

/// The workbook, written to `out`; the register is `path` only for messages.
pub fn run(path: &Path, args: &ExportArgs, console: &mut Console) -> Result<u8, WriteError> {
    let written = match (&args.template, args.format, &args.out) {
        (Some(template), _, _) => write_template(template, console),
        (None, Some(format), Some(out)) => export_register(path, format, out, console),
        // clap requires --format and --out without --template.
        (None, _, _) => Err(NotWritten::Refused(
            "give --format xlsx|csv and --out PATH, or --template PATH".to_string(),
        )),
    };
    match written {
        Ok(code) => Ok(code),
        Err(NotWritten::Refused(message)) => {
            console.note(&format!("roreg export: {message}"))?;
            Ok(exit::UNREADABLE)
        }
        Err(NotWritten::Write(e)) => Err(e),
    }
}

/// `roreg import --template PATH`: the same empty workbook as `export --template`.
pub fn template_command(out: &Path, console: &mut Console) -> Result<u8, WriteError> {
    match write_template(out, console) {
        Ok(code) => Ok(code),
        Err(NotWritten::Refused(message)) => {
            console.note(&format!("roreg import: {message}"))?;
            Ok(exit::UNREADABLE)
        }
        Err(NotWritten::Write(e)) => Err(e),
    }
}

fn write_template(out: &Path, console: &mut Console) -> Result<u8, NotWritten> {
    workbook_file(out)?;
    let bytes = export::template_workbook().map_err(|e| NotWritten::Refused(e.to_string()))?;
    write_bytes(out, &bytes)?;
    console.line(&format!("{}: written", out.display()))?;
    Ok(exit::OK)
}

fn export_register(
    path: &Path,
    format: ExportFormat,
    out: &Path,
    console: &mut Console,
) -> Result<u8, NotWritten> {
    if format == ExportFormat::Xlsx {
        workbook_file(out)?;
    }
    let Some(loaded) = super::load(path, console)? else {
        return Ok(exit::UNREADABLE);
    };
    let register = &loaded.register;
    super::warn_of_problems("roreg", path, register, "exported as it is", console)?;
    match format {
        ExportFormat::Xlsx => {
            let bytes =
                export::workbook(register).map_err(|e| NotWritten::Refused(e.to_string()))?;
            write_bytes(out, &bytes)?;
            console.line(&format!("{}: written", out.display()))?;
        }
        ExportFormat::Csv => write_csv_folder(out, &export::csv_files(register), console)?,
    }
    Ok(exit::OK)
}

/// Every file is written to its temporary file before any replaces the one
/// of an earlier export, so a full disk leaves the earlier set whole rather
/// than a mix of old and new sheets.
fn write_csv_folder(
    folder: &Path,
    files: &[(String, String)],
    console: &mut Console,
) -> Result<(), NotWritten> {
    let why = "--format csv writes one file per sheet, so --out names a folder";
    write_folder(folder, files, ("sheet", why), console)
}
