//! `roreg import`: dry runs, exit codes, `--apply`, re-imports and the
//! failed-rows file, on spreadsheets written by other programs.

mod common;

use std::path::{Path, PathBuf};

use common::{assert_golden, fixtures, roreg, transcript};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn import_fixtures() -> PathBuf {
    fixtures().join("import")
}

/// A copy of the small register the fixtures import into, in a fresh folder.
fn register_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.ron");
    std::fs::copy(import_fixtures().join("register.ron"), &path).unwrap();
    (dir, path)
}

fn import(args: &[&str], register: &Path) -> std::process::Output {
    roreg()
        .arg("import")
        .args(args)
        .arg("--into")
        .arg(register)
        .arg("--as")
        .arg("qlead")
        .current_dir(register.parent().unwrap())
        .output()
        .unwrap()
}

/// A copy of the shipped example register (its people own the shipped
/// spreadsheet's initials), in a fresh folder.
fn example_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.ron");
    std::fs::copy(common::example(), &path).unwrap();
    (dir, path)
}

fn shipped_sheet() -> PathBuf {
    common::example().with_file_name("example-register.xlsx")
}

/// `roreg import SHEET --into REGISTER --as BY EXTRA…`.
fn import_as(by: &str, sheet: &Path, register: &Path, extra: &[&str]) -> std::process::Output {
    roreg()
        .arg("import")
        .arg(sheet)
        .arg("--into")
        .arg(register)
        .args(["--as", by])
        .args(extra)
        .output()
        .unwrap()
}

/// `roreg export REGISTER --format FORMAT --out OUT`, which must succeed.
#[track_caller]
fn export(register: &Path, format: &str, out: &Path) {
    let export = roreg()
        .arg("export")
        .arg(register)
        .args(["--format", format, "--out"])
        .arg(out)
        .output()
        .unwrap();
    assert_eq!(export.status.code(), Some(0), "{}", transcript(&export));
}

fn messy() -> String {
    import_fixtures().join("messy.csv").display().to_string()
}

#[test]
fn a_dry_run_says_what_it_would_do_and_every_problem_by_cell_and_writes_nothing() {
    let (_dir, register) = register_copy();
    let before = std::fs::read(&register).unwrap();
    let output = roreg()
        .args(["import", "messy.csv", "--into"])
        .arg(&register)
        .current_dir(import_fixtures())
        .output()
        .unwrap();
    assert_golden(
        &import_fixtures().join("messy.dry-run.golden"),
        &transcript(&output).replace(&register.display().to_string(), "REGISTER"),
    );
    assert_eq!(output.status.code(), Some(1), "problems: exit 1");
    assert_eq!(
        std::fs::read(&register).unwrap(),
        before,
        "a dry run writes nothing"
    );
}

#[test]
fn apply_with_problems_writes_nothing_and_the_failed_rows_go_to_errors_out() {
    let (dir, register) = register_copy();
    let before = std::fs::read(&register).unwrap();
    let failed = dir.path().join("failed.csv");
    let output = import(
        &[
            &messy(),
            "--apply",
            "--errors-out",
            failed.to_str().unwrap(),
        ],
        &register,
    );
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    assert_eq!(std::fs::read(&register).unwrap(), before, "all or nothing");
    let text = std::fs::read_to_string(&failed).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "Risk Ref,Type (R/O),Risk / Opportunity,Context (4.1),Area,Owner,Probability,Severity,RAG,Response,Action(s),Target date,Comments,Error"
    );
    assert_eq!(lines.len(), 3, "the header and the two failed rows: {text}");
    assert_eq!(
        lines[1],
        "R-003,R,Key machinist retires,Internal: staff,Production,Bob Kane,2,Hgh,,,,,,\"messy.csv!F7: owner \"\"Bob Kane\"\" is not a person; expected a people id, name or initials (jsmith, pjones, qlead), or --create-people to add them; messy.csv!H7: impact \"\"Hgh\"\" is not a level; expected 1–5 or one of Negligible, Minor, Moderate, Major, Severe\""
    );
    assert!(
        lines[2].starts_with("O-002,Opportunity,Solar panels on the roof,"),
        "{text}"
    );
    // Fixed and imported again, the failed rows are all it takes.
    let fixed = text
        .replace("Bob Kane", "pjones")
        .replace(",Hgh,", ",4,")
        .replace("31/02/2026", "28/02/2026");
    let fixed_path = dir.path().join("fixed.csv");
    std::fs::write(&fixed_path, fixed).unwrap();
    let output = import(&[fixed_path.to_str().unwrap()], &register);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(
        out.contains("M \"Comments\", N \"Error\""),
        "the Error column is listed, not imported: {out}"
    );
    assert!(
        out.contains("create R-003 \"Key machinist retires\""),
        "{out}"
    );
}

#[test]
fn applied_then_imported_again_changes_nothing() {
    let (dir, register) = register_copy();
    let clean = dir.path().join("clean.csv");
    let messy_text = std::fs::read_to_string(import_fixtures().join("messy.csv")).unwrap();
    // The first five lines: title rows, headers, and two good rows.
    let good: Vec<&str> = messy_text.lines().take(6).collect();
    std::fs::write(&clean, good.join("\n")).unwrap();
    let clean = clean.to_str().unwrap();

    let dry = import(&[clean], &register);
    assert_eq!(
        dry.status.code(),
        Some(0),
        "clean: exit 0\n{}",
        transcript(&dry)
    );

    let applied = import(&[clean, "--apply"], &register);
    assert_eq!(applied.status.code(), Some(0), "{}", transcript(&applied));
    let loaded = roreg::storage::load(&register).unwrap().register;
    let item = loaded.item("R-002").expect("created");
    assert_eq!(item.owner, "qlead", "found by name");
    assert_eq!((item.current.likelihood, item.current.impact), (4, 4));
    let texts: Vec<&str> = item.actions.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(texts, ["Book calibration", "Add to maintenance plan"]);
    assert_eq!(item.actions[0].due.to_string(), "2026-03-14");
    let added: Vec<(&str, &str, &str)> = loaded
        .history
        .iter()
        .map(|h| (h.by.as_str(), h.record.as_str(), h.field.as_str()))
        .collect();
    assert_eq!(
        added,
        [
            ("qlead", "register", "baseline"),
            ("qlead", "R-002", "added"),
            ("qlead", "register", "imported"),
        ],
        "the register as it was, then the import, by the person importing"
    );
    let check = roreg().arg("check").arg(&register).output().unwrap();
    assert_eq!(check.status.code(), Some(0), "{}", transcript(&check));

    let bytes = std::fs::read(&register).unwrap();
    let again = import(&[clean, "--apply"], &register);
    assert_eq!(again.status.code(), Some(0), "{}", transcript(&again));
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("0 to create, 0 to update, 2 unchanged"),
        "{}",
        transcript(&again)
    );
    assert_eq!(std::fs::read(&register).unwrap(), bytes, "nothing written");
}

#[test]
fn an_item_that_differs_stops_the_import_unless_told_to_skip_or_update() {
    let (dir, register) = register_copy();
    let sheet = dir.path().join("changed.csv");
    std::fs::write(
        &sheet,
        "ID,Title,Owner,Likelihood,Impact\nR-001,Sole supplier of housings misses deliveries,jsmith,3,5\n",
    )
    .unwrap();
    let sheet = sheet.to_str().unwrap();
    let stop = import(&[sheet, "--apply"], &register);
    assert_eq!(stop.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&stop.stdout).contains(
            "changed.csv row 2: R-001 is already in the register and the sheet changes its owner, current; --on-existing update changes it, --on-existing skip leaves it"
        ),
        "{}",
        transcript(&stop)
    );
    let skip = import(&[sheet, "--apply", "--on-existing", "skip"], &register);
    assert_eq!(skip.status.code(), Some(0), "{}", transcript(&skip));
    assert_eq!(
        roreg::storage::load(&register).unwrap().register.items[0].owner,
        "pjones"
    );
    let update = import(&[sheet, "--apply", "--on-existing", "update"], &register);
    assert_eq!(update.status.code(), Some(0), "{}", transcript(&update));
    assert!(
        String::from_utf8_lossy(&update.stdout)
            .contains("update R-001 (changed.csv row 2): owner, current")
    );
    let item = roreg::storage::load(&register).unwrap().register.items[0].clone();
    assert_eq!((item.owner.as_str(), item.current.impact), ("jsmith", 5));
    assert_eq!(
        item.process, "Purchasing",
        "a column the sheet lacks keeps its value"
    );
}

#[test]
fn a_windows_1252_csv_reads_as_its_characters() {
    let (dir, register) = register_copy();
    let sheet = dir.path().join("windows.csv");
    // "Café supplier – late", semicolons, as Excel on Windows writes it.
    std::fs::write(
        &sheet,
        b"ID;Title;Owner;Likelihood;Impact\r\nR-010;Caf\xe9 supplier \x96 late;pjones;2;2\r\n",
    )
    .unwrap();
    let output = import(&[sheet.to_str().unwrap(), "--apply"], &register);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    assert!(
        String::from_utf8_lossy(&output.stdout)
            .starts_with("windows.csv: read as Windows-1252 (not UTF-8)\n")
    );
    let loaded = roreg::storage::load(&register).unwrap().register;
    assert_eq!(loaded.item("R-010").unwrap().title, "Café supplier – late");
}

/// A workbook as another program writes one: title rows, a merged header
/// over two columns, words for levels, a date cell, an Excel date serial
/// as a plain number, and one bad cell.
fn messy_workbook(path: &Path, second_impact: &str) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Register").unwrap();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    sheet
        .merge_range(0, 0, 0, 7, "Acme Precision Parts Ltd risk register", &bold)
        .unwrap();
    sheet.merge_range(1, 4, 1, 5, "Assessment", &bold).unwrap();
    for (col, header) in [
        "Ref",
        "Risk",
        "Type",
        "Owner",
        "Likelihood",
        "Impact",
        "Review date",
        "Target date",
        "Action",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(2, col as u16, *header).unwrap();
    }
    let rows: [(&str, &str, &str, &str, &str, &str); 2] = [
        (
            "R-020",
            "Furnace fails",
            "Risk",
            "Paul Jones",
            "Likely",
            "Severe",
        ),
        (
            "R-021",
            "Coolant supply",
            "Risk",
            "PJ",
            "Rare",
            second_impact,
        ),
    ];
    for (row, (id, title, kind, owner, l, i)) in rows.iter().enumerate() {
        let r = 3 + row as u32;
        for (col, text) in [id, title, kind, owner, l, i].iter().enumerate() {
            sheet.write_string(r, col as u16, **text).unwrap();
        }
        sheet
            .write_datetime_with_format(r, 6, ExcelDateTime::from_ymd(2026, 6, 30).unwrap(), &date)
            .unwrap();
        // 46095 is 2026-03-14 as a serial in a cell with no date format.
        sheet.write_number(r, 7, 46095).unwrap();
        sheet.write_string(r, 8, "Service the burners").unwrap();
    }
    book.save(path).unwrap();
}

#[test]
fn a_workbook_from_another_program_reads_with_its_dates_and_words() {
    let (dir, register) = register_copy();
    let book = dir.path().join("register.xlsx");
    messy_workbook(&book, "Sever");
    let output = import(&[book.to_str().unwrap()], &register);
    let out = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            "Register: headers in row 3: A ID, B Title, C Type, D Owner, E Likelihood, F Impact, G Next review, H Due, I Action",
            "create R-020 \"Furnace fails\" (Register row 4) with 1 action",
            "Register!F5: impact \"Sever\" is not a level; expected 1–5 or one of Negligible, Minor, Moderate, Major, Severe",
        ]
    );
    // Fixed, it imports with its dates, words and owners read right.
    messy_workbook(&book, "Severe");
    let output = import(&[book.to_str().unwrap(), "--apply"], &register);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let loaded = roreg::storage::load(&register).unwrap().register;
    let furnace = loaded.item("R-020").unwrap();
    assert_eq!((furnace.current.likelihood, furnace.current.impact), (4, 5));
    assert_eq!(
        furnace.next_review.map(|d| d.to_string()).as_deref(),
        Some("2026-06-30")
    );
    assert_eq!(
        furnace.actions[0].due.to_string(),
        "2026-03-14",
        "the Excel serial"
    );
    let coolant = loaded.item("R-021").unwrap();
    assert_eq!(coolant.owner, "pjones", "PJ: Paul Jones's initials");
    assert_eq!(coolant.current.likelihood, 1);
}

/// The shipped spreadsheet register (title rows, a header split over two
/// rows, words for levels, initials for owners, a key under the table and
/// a few mistakes) read into the example's people: the dry run a new user
/// sees.
#[test]
fn the_shipped_spreadsheet_dry_run_names_each_mistake_by_cell() {
    let (_dir, register) = example_copy();
    let sheet = shipped_sheet();
    let output = import_as("qlead", &sheet, &register, &[]);
    let shown = transcript(&output)
        .replace(&register.display().to_string(), "REGISTER")
        .replace(&sheet.display().to_string(), "example-register.xlsx");
    assert_golden(
        &import_fixtures().join("example-register.dry-run.golden"),
        &shown,
    );
    assert_eq!(output.status.code(), Some(1), "its mistakes: exit 1");
}

/// The same spreadsheet saved as OpenDocument by LibreOffice (a different
/// writer than the one that made the .xlsx) reads the same.
#[test]
fn an_ods_workbook_reads_as_its_xlsx() {
    let (_dir, register) = example_copy();
    let run = |sheet: &Path| {
        transcript(&import_as("qlead", sheet, &register, &[]))
            .replace(&register.display().to_string(), "REGISTER")
            .replace(&sheet.display().to_string(), "SHEET")
    };
    let xlsx = run(&shipped_sheet());
    let ods = run(&import_fixtures().join("example-register.ods"));
    assert!(xlsx.contains("8 to create"), "{xlsx}");
    assert_eq!(ods, xlsx);
}

/// `roreg export` to a workbook, then `roreg import` of it, changes nothing.
#[test]
fn an_exported_register_imports_back_with_no_changes() {
    let (dir, register) = example_copy();
    let before = std::fs::read(&register).unwrap();
    let workbook = dir.path().join("register.xlsx");
    export(&register, "xlsx", &workbook);
    let output = import(&[workbook.to_str().unwrap(), "--apply"], &register);
    let shown = transcript(&output);
    assert_eq!(output.status.code(), Some(0), "{shown}");
    assert!(
        shown.contains("0 to create, 0 to update, 28 unchanged"),
        "{shown}"
    );
    assert_eq!(std::fs::read(&register).unwrap(), before, "nothing written");
}

/// The shipped sheet's key says High 4, Med 3, Low 2: `--levels` takes it.
#[test]
fn levels_reads_h_m_l_as_the_sheets_own_key_says() {
    let (_dir, register) = example_copy();
    let run = |extra: &[&str]| transcript(&import_as("qlead", &shipped_sheet(), &register, extra));
    let keyed = run(&["--levels", "H=4,M=3,L=2"]);
    assert!(
        keyed.contains("H/M/L read as 4/3/2 on the likelihood scale (Likely/Possible/Unlikely)"),
        "{keyed}"
    );
    assert!(keyed.contains("but 4×4 = 16 (Critical)"), "{keyed}");
    let refused = run(&["--levels", "H=4,M=3"]);
    assert!(
        refused.contains("give all three of H, M and L"),
        "{refused}"
    );
}

#[test]
fn a_generated_register_exported_imports_back_with_no_changes() {
    let dir = tempfile::tempdir().unwrap();
    let register = dir.path().join("generated.ron");
    roreg::storage::save::create(
        &register,
        &common::generated::generated("Generated Ltd", 300),
    )
    .unwrap();
    let before = std::fs::read(&register).unwrap();
    for (format, out) in [("xlsx", "generated.xlsx"), ("csv", "generated-csv")] {
        let out = dir.path().join(out);
        export(&register, format, &out);
        // The CSV export is a folder of sheets: Items.csv holds the items.
        let sheet = if format == "csv" {
            out.join("Items.csv")
        } else {
            out
        };
        let output = import_as("ann", &sheet, &register, &["--apply"]);
        let shown = transcript(&output);
        assert_eq!(output.status.code(), Some(0), "{format}: {shown}");
        let unchanged = if format == "csv" {
            "0 to create, 0 to update"
        } else {
            "0 to create, 0 to update, 300 unchanged"
        };
        assert!(shown.contains(unchanged), "{format}: {shown}");
        assert_eq!(
            std::fs::read(&register).unwrap(),
            before,
            "{format}: nothing written"
        );
    }
}

/// `--map` names a header roreg does not know, or leaves one out; `--sheet`
/// picks one sheet of a workbook and names the sheets when it is not there.
#[test]
fn map_and_sheet_choose_what_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("map.ron");
    std::fs::write(&map, r#"{"Comments": "ignore", "Area": "Process"}"#).unwrap();
    let (_keep, register) = register_copy();
    let output = roreg()
        .args(["import", "messy.csv", "--map"])
        .arg(&map)
        .arg("--into")
        .arg(&register)
        .current_dir(import_fixtures())
        .output()
        .unwrap();
    let shown = transcript(&output);
    assert!(
        !shown.contains("\"Comments\""),
        "ignored, not listed: {shown}"
    );
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, r#"{"Comments": "Colour"}"#).unwrap();
    let refused = roreg()
        .args(["import", "messy.csv", "--map"])
        .arg(&bad)
        .arg("--into")
        .arg(&register)
        .current_dir(import_fixtures())
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        transcript(&refused).contains("\"Colour\" is not a column roreg knows"),
        "{}",
        transcript(&refused)
    );
    let missing = import_as("qlead", &shipped_sheet(), &register, &["--sheet", "Risks"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        transcript(&missing).contains("has no sheet \"Risks\"; its sheets: Register"),
        "{}",
        transcript(&missing)
    );
}

/// A sheet naming customers and requirements by text, imported into the
/// report's customer-focus register (C-001..C-003, REQ-001..REQ-005).
fn links_sheet(dir: &Path) -> (PathBuf, PathBuf) {
    let register = dir.join("register.ron");
    std::fs::copy(
        fixtures().join("report/customer-focus/register.ron"),
        &register,
    )
    .unwrap();
    let sheet = dir.join("links.csv");
    std::fs::write(
        &sheet,
        "Title,Owner,Likelihood,Impact,Customer,Requirement\n\
         Ferry ramps corrode,pjones,2,4,Baltic Ferries,Pressure test every ramp\n\
         Late PPAP for ramps,qlead,3,3,Nordbil AB,\"PPAP level 3 for every new part\nREQ-004\"\n",
    )
    .unwrap();
    (register, sheet)
}

#[test]
fn an_unknown_customer_is_a_problem_at_its_cell_unless_told_to_add_it() {
    let dir = tempfile::tempdir().unwrap();
    let (register, sheet) = links_sheet(dir.path());
    let before = std::fs::read(&register).unwrap();
    let output = import_as("qlead", &sheet, &register, &["--apply"]);
    let shown = transcript(&output);
    assert_ne!(output.status.code(), Some(0), "{shown}");
    assert!(
        shown.contains(
            "links.csv!E2: customer \"Baltic Ferries\" is not in the register; expected a customer \
             id or name (C-001 Nordbil AB, C-002 Marin Teknik, C-003 Hydra Pumps), or \
             --create-requirements to add it"
        ),
        "{shown}"
    );
    assert_eq!(std::fs::read(&register).unwrap(), before, "nothing written");
}

#[test]
fn customer_and_requirement_columns_link_items_and_new_ones_are_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let (register, sheet) = links_sheet(dir.path());
    let output = import_as(
        "qlead",
        &sheet,
        &register,
        &["--create-requirements", "--apply"],
    );
    let shown = transcript(&output);
    assert_eq!(output.status.code(), Some(0), "{shown}");
    assert!(
        shown.contains("add customer C-004 \"Baltic Ferries\" (--create-requirements)"),
        "{shown}"
    );
    assert!(
        shown.contains(
            "add requirement REQ-006 \"Pressure test every ramp\", Customer, owed to Baltic \
             Ferries (C-004) (--create-requirements)"
        ),
        "{shown}"
    );
    assert!(
        shown.contains(
            "2 to create, 0 to update, 0 unchanged, 1 customer to add, 1 requirement to add"
        ),
        "{shown}"
    );
    let saved = roreg::storage::load(&register).unwrap().register;
    let requirement = saved.requirement("REQ-006").unwrap();
    assert_eq!(requirement.customer.as_deref(), Some("C-004"));
    let linked: Vec<&Vec<String>> = saved
        .items
        .iter()
        .filter(|i| i.title.contains("amps") || i.title.contains("ramps"))
        .map(|i| &i.requirements)
        .collect();
    assert!(linked.contains(&&vec!["REQ-006".to_string()]), "{linked:?}");
    assert!(
        linked.contains(&&vec!["REQ-002".to_string(), "REQ-004".to_string()]),
        "{linked:?}"
    );
    for record in ["C-004", "REQ-006"] {
        assert!(
            saved
                .history
                .iter()
                .any(|h| h.record == record && h.by == "qlead"),
            "the history records {record}"
        );
    }
}
