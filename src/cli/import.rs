//! `roreg import SPREADSHEET`: a dry run by default, printing what would be
//! created or updated and every problem by cell; `--apply` writes it, all or
//! nothing, through validation and the history, by the person importing.

use std::path::{Path, PathBuf};

use crate::domain::history::{self, Change};
use crate::domain::{Register, Timestamp, baseline, identity, outside};
use crate::import::columns::HeaderMap;
use crate::import::plan::{self, OnExisting, Options, Outcome, Plan, Problem};
use crate::import::read::{self, Workbook};
use crate::import::values::Shorthand;
use crate::storage::{self, Fingerprint};

use super::exit;
use super::output::{Console, WriteError};

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The spreadsheet: .xlsx, .ods or .csv (UTF-8 or Windows-1252).
    #[arg(required_unless_present = "template")]
    pub spreadsheet: Option<PathBuf>,
    /// Write an empty workbook with the headers roreg reads and drop-down
    /// lists for the fixed values, to start a register in, instead of importing.
    #[arg(long, value_name = "PATH", conflicts_with_all = ["spreadsheet", "into", "apply"])]
    pub template: Option<PathBuf>,
    /// Read only this sheet of a workbook.
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// The register to import into; created when it does not exist.
    /// Default: found as other commands find it ($ROREG_FILE, …).
    #[arg(long, value_name = "FILE")]
    pub into: Option<PathBuf>,
    /// A RON map of your headers to roreg's: {"Risk Ref": "ID", "Notes": "ignore"}.
    #[arg(long, value_name = "MAP.ron")]
    pub map: Option<PathBuf>,
    /// Write the import; without it nothing is written (a dry run).
    #[arg(long)]
    pub apply: bool,
    /// What a row does whose id is already in the register and differs.
    #[arg(long, value_enum, default_value_t = OnExisting::Stop)]
    pub on_existing: OnExisting,
    /// Write the rows that could not be imported to this CSV file, with an
    /// Error column, to fix and import again.
    #[arg(long, value_name = "PATH")]
    pub errors_out: Option<PathBuf>,
    /// Add owners and checkers the register does not know as people.
    #[arg(long)]
    pub create_people: bool,
    /// Add the requirements a Requirement column names by a text the
    /// register does not have, and the customers a Customer column names.
    #[arg(long)]
    pub create_requirements: bool,
    /// What the sheet's High, Medium and Low stand for, as its own key says
    /// (default: top, middle and bottom of each scale).
    #[arg(long, value_name = "H=4,M=3,L=2", value_parser = Shorthand::parse)]
    pub levels: Option<Shorthand>,
}

/// The register imported into: loaded, or new when the file is not there.
struct Target {
    register: Register,
    fingerprint: Option<Fingerprint>,
}

pub fn run(
    into: &Path,
    args: &ImportArgs,
    acting_as: Option<&str>,
    now: Timestamp,
    console: &mut Console,
) -> Result<u8, WriteError> {
    let spreadsheet = args
        .spreadsheet
        .as_deref()
        .expect("clap asks for the spreadsheet unless --template is given");
    let source = spreadsheet.display().to_string();
    let mut workbook = match read::read(spreadsheet) {
        Ok(workbook) => workbook,
        Err(e) => {
            console.note(&format!("roreg import: {source}: {e}"))?;
            return Ok(exit::UNREADABLE);
        }
    };
    if let Some(name) = &args.sheet {
        let names: Vec<String> = workbook.sheets.iter().map(|s| s.sheet.clone()).collect();
        workbook.sheets.retain(|s| s.sheet == *name);
        if workbook.sheets.is_empty() {
            console.note(&format!(
                "roreg import: {source} has no sheet \"{name}\"; its sheets: {}",
                names.join(", ")
            ))?;
            return Ok(exit::UNREADABLE);
        }
    }
    let map = match &args.map {
        None => HeaderMap::default(),
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|text| HeaderMap::parse(&text))
        {
            Ok(map) => map,
            Err(why) => {
                console.note(&format!("roreg import: {}: {why}", path.display()))?;
                return Ok(exit::UNREADABLE);
            }
        },
    };
    // A header split over two rows (a group merged above) reads as one.
    for grid in &mut workbook.sheets {
        crate::import::columns::join_split_header(grid, &map);
    }
    let Some(target) = target(into, console)? else {
        return Ok(exit::UNREADABLE);
    };
    let options = Options {
        on_existing: args.on_existing,
        create_people: args.create_people,
        create_requirements: args.create_requirements,
        now,
        map,
        shorthand: args.levels.unwrap_or_default(),
    };
    let mut found = plan::plan(&workbook, &target.register, &options);
    let mut register = target.register;
    if target.fingerprint.is_none() {
        register.organisation = organisation(&found, spreadsheet);
    }
    let after = plan::applied(&register, &found);
    validation_problems(&register, &after, &mut found);
    report(&workbook, &found, &after, args.on_existing, console)?;
    if let Some(path) = &args.errors_out {
        write_failed_rows(path, &workbook, &found, console)?;
    }
    let counts = counts(&found);
    let problems = found.problems.len();
    if problems > 0 {
        console.note(&format!(
            "{source}: {counts}; {}: nothing written{}",
            crate::text::plural(problems, "problem", "problems"),
            if args.errors_out.is_none() && !found.failed.is_empty() {
                " (--errors-out PATH writes the failed rows to fix)"
            } else {
                ""
            }
        ))?;
        return Ok(exit::PROBLEMS);
    }
    if !args.apply {
        console.note(&format!(
            "{source}: {counts}; dry run: nothing written (--apply writes it to {})",
            into.display()
        ))?;
        return Ok(exit::OK);
    }
    if !found.changes_anything() {
        console.note(&format!(
            "{source}: {counts}; {} already holds it all: nothing to write",
            into.display()
        ))?;
        return Ok(exit::OK);
    }
    let login = super::login_name();
    let by = match identity::editor(&after, login.as_deref(), acting_as) {
        Ok(Some(by)) => by,
        Ok(None) => {
            console.note(&format!(
                "{}: who is importing? your login names no person in the register; give --as ID (nothing written)",
                into.display()
            ))?;
            return Ok(exit::UNREADABLE);
        }
        Err(not) => {
            console.note(&super::acting_as::refusal(&not))?;
            return Ok(exit::UNREADABLE);
        }
    };
    let recorded = recorded(register, &found, spreadsheet, now, &by);
    let new_errors = plan::new_errors(&after, &recorded);
    if !new_errors.is_empty() {
        for problem in &new_errors {
            console.line(&format!("{}: {problem}", into.display()))?;
        }
        console.note(&format!(
            "{}: the import would leave the register invalid: nothing written",
            into.display()
        ))?;
        return Ok(exit::PROBLEMS);
    }
    match storage::save(into, &recorded, target.fingerprint) {
        Ok(_) => {
            console.note(&format!(
                "{}: imported {source}: {counts}; recorded in the history as yours ({by})",
                into.display()
            ))?;
            Ok(exit::OK)
        }
        Err(e) => {
            console.note(&e.to_string())?;
            Ok(exit::UNREADABLE)
        }
    }
}

/// The register at `into`, or a new one when there is no file there.
fn target(into: &Path, console: &mut Console) -> Result<Option<Target>, WriteError> {
    if !into.exists() {
        return Ok(Some(Target {
            register: Register::new(String::new()),
            fingerprint: None,
        }));
    }
    Ok(super::load(into, console)?.map(|loaded| Target {
        register: loaded.register,
        fingerprint: Some(loaded.fingerprint),
    }))
}

/// A new register's organisation: the sheet's title row, else the file's stem.
fn organisation(found: &Plan, spreadsheet: &Path) -> String {
    found.title.clone().unwrap_or_else(|| {
        spreadsheet
            .file_stem()
            .map_or("Imported register".into(), |s| {
                s.to_string_lossy().into_owned()
            })
    })
}

/// The register's own validation of the result, each error put on the row
/// its item comes from.
fn validation_problems(before: &Register, after: &Register, found: &mut Plan) {
    let rows: std::collections::HashMap<&str, &str> = found
        .items
        .iter()
        .map(|p| (p.item.id.as_str(), p.row.as_str()))
        .collect();
    let mut problems = Vec::new();
    for problem in plan::new_errors(before, after) {
        let id = problem.location.split(['.', '/']).next().unwrap_or("");
        problems.push(Problem {
            at: rows
                .get(id)
                .map_or("register".to_string(), |r| r.to_string()),
            message: problem.to_string(),
        });
    }
    found.problems.extend(problems);
}

fn counts(found: &Plan) -> String {
    let mut parts = vec![
        format!("{} to create", found.count(|o| *o == Outcome::Create)),
        format!(
            "{} to update",
            found.count(|o| matches!(o, Outcome::Update(_)))
        ),
        format!("{} unchanged", found.count(|o| *o == Outcome::Unchanged)),
    ];
    let skipped = found.count(|o| *o == Outcome::Skip);
    if skipped > 0 {
        parts.push(format!("{skipped} skipped"));
    }
    if !found.people.is_empty() {
        parts.push(crate::text::plural(
            found.people.len(),
            "person to add",
            "people to add",
        ));
    }
    if !found.customers.is_empty() {
        parts.push(crate::text::plural(
            found.customers.len(),
            "customer to add",
            "customers to add",
        ));
    }
    if !found.requirements.is_empty() {
        parts.push(crate::text::plural(
            found.requirements.len(),
            "requirement to add",
            "requirements to add",
        ));
    }
    parts.join(", ")
}

/// What was read and what it would do, one line each, then the problems.
fn report(
    workbook: &Workbook,
    found: &Plan,
    after: &Register,
    on_existing: OnExisting,
    console: &mut Console,
) -> Result<(), WriteError> {
    if let Some(encoding) = workbook.encoding.filter(|e| *e != "UTF-8") {
        console.line(&format!(
            "{}: read as {encoding} (not UTF-8)",
            workbook.sheets[0].sheet
        ))?;
    }
    for sheet in &found.sheets {
        let name = &workbook.sheets[sheet.index].sheet;
        let columns = &sheet.columns;
        console.line(&format!(
            "{name}: headers in row {}: {}",
            columns.header_row + 1,
            plan::describe_columns(columns)
        ))?;
        if !columns.unknown.is_empty() {
            let unknown: Vec<String> = columns
                .unknown
                .iter()
                .map(|(c, h)| format!("{} \"{h}\"", read::column_letters(*c)))
                .collect();
            console.line(&format!(
                "{name}: not imported, no column roreg knows (name them with --map MAP.ron): {}",
                unknown.join(", ")
            ))?;
        }
        for (column, header, field) in &columns.repeated {
            console.line(&format!(
                "{name}: column {} \"{header}\" repeats the {} column: not imported",
                read::column_letters(*column),
                field.header()
            ))?;
        }
    }
    for note in &found.notes {
        console.line(note)?;
    }
    for person in &found.people {
        console.line(&format!(
            "add person {} \"{}\" (--create-people)",
            person.id, person.name
        ))?;
    }
    for customer in &found.customers {
        console.line(&format!(
            "add customer {} \"{}\" (--create-requirements)",
            customer.id,
            crate::text::one_line(&customer.name)
        ))?;
    }
    for requirement in &found.requirements {
        let owed = requirement.customer.as_deref().map_or_else(
            || "every customer".to_string(),
            |c| format!("{} ({c})", crate::text::one_line(after.customer_name(c))),
        );
        console.line(&format!(
            "add requirement {} \"{}\", {}, owed to {owed} (--create-requirements)",
            requirement.id,
            crate::text::one_line(&requirement.text),
            requirement.kind.label()
        ))?;
    }
    for planned in &found.items {
        let item = &planned.item;
        match &planned.outcome {
            Outcome::Create => console.line(&format!(
                "create {} \"{}\" ({}){}",
                item.id,
                item.title,
                planned.row,
                match item.actions.len() {
                    0 => String::new(),
                    n => format!(" with {}", crate::text::plural(n, "action", "actions")),
                }
            ))?,
            Outcome::Update(fields) if on_existing == OnExisting::Update => {
                console.line(&format!(
                    "update {} ({}): {}",
                    item.id,
                    planned.row,
                    fields.join(", ")
                ))?
            }
            Outcome::Skip => console.line(&format!(
                "skip {} ({}): already in the register and differs",
                item.id, planned.row
            ))?,
            Outcome::Update(_) | Outcome::Unchanged => {}
        }
    }
    for problem in &found.problems {
        console.line(&problem.to_string())?;
    }
    Ok(())
}

/// The register as it is to be saved: a change made outside roreg recorded
/// as such and a baseline over what no record covers (as the interface does
/// before its first change), then the import, by `by`, with a record of
/// where it came from.
fn recorded(
    mut register: Register,
    found: &Plan,
    spreadsheet: &Path,
    now: Timestamp,
    by: &str,
) -> Register {
    if let Some(change) = outside::find(&register, &[]) {
        outside::record(&mut register, &change, now, by);
    }
    baseline::baseline(&mut register, now, by);
    let mut after = plan::applied(&register, found);
    let mut changes = history::diff(&register, &after);
    let rows: Vec<String> = found
        .items
        .iter()
        .filter(|p| matches!(p.outcome, Outcome::Create | Outcome::Update(_)))
        .map(|p| format!("{} ({})", p.item.id, p.row))
        .collect();
    let name = spreadsheet
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    let from = format!("{name}: {}", rows.join(", "));
    changes.push(Change {
        record: "register".into(),
        field: "imported".into(),
        old: String::new(),
        new: ron::to_string(&from).unwrap_or_default(),
    });
    history::record(&mut after, changes, now, by);
    after
}

fn write_failed_rows(
    path: &Path,
    workbook: &Workbook,
    found: &Plan,
    console: &mut Console,
) -> Result<(), WriteError> {
    let mut sheets: Vec<usize> = found.failed.iter().map(|f| f.sheet).collect();
    sheets.dedup();
    if sheets.is_empty() {
        console.note(&format!("{}: not written: no row failed", path.display()))?;
        return Ok(());
    }
    for (n, sheet) in sheets.iter().enumerate() {
        // A second sheet's rows have other columns: a file of their own beside it.
        let target = if n == 0 {
            path.to_path_buf()
        } else {
            let stem = path
                .file_stem()
                .map_or(String::new(), |s| s.to_string_lossy().into_owned());
            path.with_file_name(format!("{stem}-{}.csv", workbook.sheets[*sheet].sheet))
        };
        let text = plan::failed_rows_csv(workbook, found, *sheet);
        let rows = found.failed.iter().filter(|f| f.sheet == *sheet).count();
        match storage::save::write_text_atomically(&target, &text) {
            Ok(()) => console.note(&format!(
                "{}: {} with an Error column, to fix and import again",
                target.display(),
                crate::text::plural(rows, "failed row", "failed rows")
            ))?,
            Err(e) => console.note(&format!(
                "{}: cannot write the failed rows ({e})",
                target.display()
            ))?,
        }
    }
    Ok(())
}
