//! `roreg export`: the shipped example written as a workbook by
//! rust_xlsxwriter and read back by another library (calamine), the CSV
//! files against a golden copy, formula-looking text kept inert, the same
//! bytes every time, and the template's drop-down lists.

mod common;

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Output;

use calamine::{Data, Reader, Xlsx};
use chrono::{NaiveDate, NaiveDateTime};
use roreg::domain::{
    Affects, Date, Item, ItemStatus, Kind, Person, Register, Score, Source, Timestamp, Treatment,
};

use common::{assert_golden, example, fixtures, roreg, transcript};

const SHEETS: [&str; 10] = [
    "Items",
    "Actions",
    "Reviews",
    "Meetings",
    "Attendance",
    "People",
    "Customers",
    "Requirements",
    "Measures",
    "Readings",
];

/// The Items and Actions header cells exactly as the spreadsheet vocabulary
/// gives them: `roreg import` reads these.
const ITEMS_HEADER: [&str; 21] = [
    "ID",
    "Type",
    "Title",
    "Description",
    "Affects",
    "Source kind",
    "Source",
    "Process",
    "Owner",
    "Likelihood",
    "Impact",
    "Score",
    "Band",
    "Target likelihood",
    "Target impact",
    "Treatment",
    "Status",
    "Next review",
    "Created",
    "Requirements",
    "Measures",
];

const ACTIONS_HEADER: [&str; 11] = [
    "ID",
    "Item",
    "Action",
    "Owner",
    "Due",
    "Status",
    "Done on",
    "Effectiveness",
    "Effectiveness note",
    "Checked on",
    "Checked by",
];

const PEOPLE_HEADER: [&str; 6] = ["ID", "Name", "Role", "Top management", "Login", "Retired"];

fn export(file: &Path, args: &[&str]) -> Output {
    roreg().arg("export").arg(file).args(args).output().unwrap()
}

/// Exports `file` as a workbook in `dir`; the command must succeed quietly
/// but for its "written" line.
fn workbook_of(file: &Path, dir: &Path, name: &str) -> PathBuf {
    let out = dir.join(name);
    let output = export(file, &["--format", "xlsx", "--out", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!("{}: written\n", out.display())
    );
    out
}

fn open(path: &Path) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(std::fs::read(path).unwrap())).unwrap()
}

fn sheet(book: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> calamine::Range<Data> {
    book.worksheet_range(name).unwrap()
}

fn header(range: &calamine::Range<Data>) -> Vec<String> {
    range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect()
}

/// The row whose first cell is `id`.
fn row_of<'r>(range: &'r calamine::Range<Data>, id: &str) -> &'r [Data] {
    range
        .rows()
        .find(|r| r[0] == Data::String(id.to_string()))
        .unwrap_or_else(|| panic!("no row {id}"))
}

fn date_of(cell: &Data) -> NaiveDateTime {
    match cell {
        Data::DateTime(d) => d.as_datetime().unwrap(),
        other => panic!("expected a date cell, found {other:?}"),
    }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
}

#[test]
fn the_example_reads_back_sheet_by_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook_of(&example(), dir.path(), "register.xlsx");
    let mut book = open(&path);
    assert_eq!(book.sheet_names(), SHEETS);

    let items = sheet(&mut book, "Items");
    assert_eq!(header(&items), ITEMS_HEADER);
    let actions = sheet(&mut book, "Actions");
    assert_eq!(header(&actions), ACTIONS_HEADER);
    assert_eq!(header(&sheet(&mut book, "People")), PEOPLE_HEADER);

    // One row per record, under the header row.
    let register = roreg::storage::load(&example()).unwrap().register;
    let actions_count: usize = register.items.iter().map(|i| i.actions.len()).sum();
    let reviews_count: usize = register.meetings.iter().map(|m| m.reviewed.len()).sum();
    let attendance_count: usize = register.meetings.iter().map(|m| m.attendance.len()).sum();
    let expected = [
        ("Items", register.items.len()),
        ("Actions", actions_count),
        ("Reviews", reviews_count),
        ("Meetings", register.meetings.len()),
        ("Attendance", attendance_count),
        ("People", register.people.len()),
    ];
    for (name, records) in expected {
        assert!(records > 0, "the example has {name}");
        assert_eq!(sheet(&mut book, name).height(), records + 1, "{name}");
    }
    assert_eq!(items.height(), 28 + 1, "the example's 28 items");
    assert_eq!(sheet(&mut book, "People").height(), 12 + 1);

    // likelihood 3, impact 4, target 2×3, next review 2026-12-15.
    let r001 = row_of(&items, "R-001");
    assert_eq!(r001[1], Data::String("Risk".into()));
    assert_eq!(
        r001[2],
        Data::String("Single stockist for certified 7075 and 6082 bar and plate".into())
    );
    assert_eq!(
        r001[4],
        Data::String("customer satisfaction; product conformity".into())
    );
    assert_eq!(r001[5], Data::String("External issue (4.1)".into()));
    assert_eq!(r001[6], Data::String("Supplier base (4.1)".into()));
    assert_eq!(r001[8], Data::String("pjones".into()));
    assert_eq!(r001[9], Data::Float(3.0), "Likelihood is a number");
    assert_eq!(r001[10], Data::Float(4.0), "Impact is a number");
    assert_eq!(r001[11], Data::Float(12.0), "Score is a number");
    assert_eq!(
        r001[12],
        Data::String("High".into()),
        "the band word is there"
    );
    assert_eq!(r001[13], Data::Float(2.0));
    assert_eq!(r001[14], Data::Float(3.0));
    assert_eq!(r001[15], Data::String("Reduce".into()));
    assert_eq!(r001[16], Data::String("Treating".into()));
    assert_eq!(
        date_of(&r001[17]),
        day(2026, 12, 15),
        "Next review is a date"
    );
    let item = register.item("R-001").unwrap();
    assert_eq!(
        date_of(&r001[18]),
        item.created.0.naive_utc(),
        "Created is a date and time"
    );

    let a001 = row_of(&actions, "A-001");
    let action = &item.actions[0];
    assert_eq!(action.id, "A-001");
    assert_eq!(a001[1], Data::String("R-001".into()));
    assert_eq!(
        date_of(&a001[4]),
        action.due.0.and_hms_opt(0, 0, 0).unwrap()
    );
    assert_eq!(a001[5], Data::String(action.status.label().into()));
}

/// A one-item register whose title and description would be formulas if a
/// spreadsheet were allowed to read them as typed.
fn hostile_register(dir: &Path) -> PathBuf {
    let at = Timestamp::parse("2026-03-02T09:14:00Z").unwrap();
    let mut register = Register::new("=cmd|' /C calc'!A0");
    register.people.push(Person {
        id: "jsmith".into(),
        name: "@Jane Smith".into(),
        role: "Quality manager".into(),
        top_management: true,
        login: Vec::new(),
        retired: None,
    });
    register.items.push(Item {
        id: "R-001".into(),
        kind: Kind::Risk,
        title: "=SUM(A1)".into(),
        description: "-2+3 and +cmd".into(),
        affects: vec![Affects::ProductConformity],
        source: Source::Internal("=HYPERLINK(\"http://x\",\"y\")".into()),
        process: "Machining".into(),
        owner: "jsmith".into(),
        current: Score::new(2, 3),
        target: None,
        treatment: Treatment::Reduce,
        status: ItemStatus::Assessed,
        next_review: Date::from_ymd(2026, 9, 1),
        actions: Vec::new(),
        created: at,
        requirements: Vec::new(),
        measures: Vec::new(),
    });
    let path = dir.join("hostile.ron");
    roreg::storage::save(&path, &register, None).unwrap();
    path
}

#[test]
fn formula_looking_text_stays_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook_of(&hostile_register(dir.path()), dir.path(), "hostile.xlsx");
    let mut book = open(&path);
    let items = sheet(&mut book, "Items");
    let row = row_of(&items, "R-001");
    assert_eq!(
        row[2],
        Data::String("=SUM(A1)".into()),
        "a string, not a formula"
    );
    assert_eq!(row[3], Data::String("-2+3 and +cmd".into()));
    assert_eq!(
        row[6],
        Data::String("=HYPERLINK(\"http://x\",\"y\")".into())
    );
    let formulas = book.worksheet_formula("Items").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no cell of the sheet holds a formula"
    );
    let people = sheet(&mut book, "People");
    assert_eq!(
        row_of(&people, "jsmith")[1],
        Data::String("@Jane Smith".into())
    );

    let folder = dir.path().join("csv");
    let output = export(
        &dir.path().join("hostile.ron"),
        &["--format", "csv", "--out", folder.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let csv = std::fs::read_to_string(folder.join("Items.csv")).unwrap();
    let line = csv.lines().nth(1).unwrap();
    assert!(
        line.starts_with("R-001,Risk,'=SUM(A1),'-2+3 and +cmd,product conformity,"),
        "{line}"
    );
    assert!(
        line.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","),
        "{line}"
    );
    let people = std::fs::read_to_string(folder.join("People.csv")).unwrap();
    assert!(people.contains("jsmith,'@Jane Smith,"), "{people}");
}

#[test]
fn csv_writes_one_file_per_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("sheets");
    let output = export(
        &example(),
        &["--format", "csv", "--out", folder.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    assert!(output.stderr.is_empty(), "{}", transcript(&output));
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut expected: Vec<String> = SHEETS.iter().map(|s| format!("{s}.csv")).collect();
    expected.sort();
    assert_eq!(names, expected);
    let items = std::fs::read_to_string(folder.join("Items.csv")).unwrap();
    assert_eq!(items.lines().next().unwrap(), ITEMS_HEADER.join(","));
    assert_golden(&fixtures().join("export/Items.csv"), &items);
    let actions = std::fs::read_to_string(folder.join("Actions.csv")).unwrap();
    assert_eq!(actions.lines().next().unwrap(), ACTIONS_HEADER.join(","));
}

#[test]
fn the_same_register_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let first = workbook_of(&example(), dir.path(), "first.xlsx");
    let second = workbook_of(&example(), dir.path(), "second.xlsx");
    assert!(
        std::fs::read(&first).unwrap() == std::fs::read(&second).unwrap(),
        "two exports of one register are byte for byte the same"
    );
    let template = |name: &str| {
        let out = dir.path().join(name);
        let output = roreg()
            .args(["export", "--template"])
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
        std::fs::read(out).unwrap()
    };
    assert!(template("t1.xlsx") == template("t2.xlsx"));
}

/// The XML of one part of an xlsx file.
fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn the_template_has_the_headers_and_drop_down_lists() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("template.xlsx");
    let output = roreg()
        .args(["export", "--template"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let mut book = open(&out);
    assert_eq!(book.sheet_names(), ["Items", "Actions"]);
    let items = sheet(&mut book, "Items");
    assert_eq!(header(&items), ITEMS_HEADER);
    assert_eq!(items.height(), 1, "no rows but the header");
    assert_eq!(header(&sheet(&mut book, "Actions")), ACTIONS_HEADER);

    let items_xml = part(&out, "xl/worksheets/sheet1.xml");
    for list in [
        "\"Risk,Opportunity\"",
        "\"Internal issue (4.1),External issue (4.1),Interested party (4.2)\"",
        "\"Undecided,Avoid,Reduce,Share,Accept,Exploit,Enhance,Decline\"",
        "\"Identified,Assessed,Treating,Monitoring,Closed\"",
        "\"1,2,3,4,5\"",
    ] {
        assert!(
            items_xml.contains(&format!(
                "<formula1>{}</formula1>",
                list.replace('"', "&quot;")
            )) || items_xml.contains(&format!("<formula1>{list}</formula1>")),
            "a drop-down list {list} on Items"
        );
    }
    assert!(items_xml.contains("1 Rare, 2 Unlikely, 3 Possible, 4 Likely, 5 Almost certain"));
    let actions_xml = part(&out, "xl/worksheets/sheet2.xml");
    assert!(actions_xml.contains("Open,In progress,Done,Cancelled"));
    assert!(actions_xml.contains("Effective,Partly effective,Not effective"));
}

#[test]
fn an_out_of_the_wrong_kind_is_refused_and_said_why() {
    let dir = tempfile::tempdir().unwrap();
    let output = export(
        &example(),
        &["--format", "xlsx", "--out", dir.path().to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(2), "{}", transcript(&output));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("is a folder; give a file name for the workbook"),
        "{said}"
    );

    let file = dir.path().join("taken");
    std::fs::write(&file, "earlier").unwrap();
    let output = export(
        &example(),
        &["--format", "csv", "--out", file.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(2), "{}", transcript(&output));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("is a file; --format csv writes one file per sheet"),
        "{said}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "earlier");

    let output = roreg().args(["export"]).arg(example()).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", transcript(&output));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("--format") && said.contains("--out"),
        "{said}"
    );
}

/// The shipped spreadsheet register keeps the layout and the mistakes the
/// import is tried on (rebuilt by `cargo run --example make_example_spreadsheet`).
#[test]
fn the_shipped_spreadsheet_register_is_laid_out_as_people_keep_one() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/example-register.xlsx");
    let mut book = open(&path);
    let range = sheet(&mut book, "Register");
    let cell = |row: u32, col: u32| range.get_value((row, col)).cloned().unwrap_or_default();
    assert_eq!(
        cell(0, 0),
        Data::String("Risk & Opportunity Register — Acme Precision Parts Ltd, rev 7".into())
    );
    assert_eq!(cell(1, 0), Data::Empty, "a blank row under the title");
    assert_eq!(cell(2, 6), Data::String("Assessment".into()));
    assert_eq!(cell(3, 6), Data::String("Likelihood".into()));
    assert_eq!(cell(2, 0), Data::String("Ref".into()));
    let merged = book.merge_cells_by_sheet_name("Register").unwrap();
    assert!(
        merged.iter().any(|d| d.start == (2, 6) && d.end == (2, 8)),
        "Assessment is merged over Likelihood, Impact and Rating: {merged:?}"
    );
    let rows: Vec<&[Data]> = range
        .rows()
        .filter(|r| matches!(&r[0], Data::String(s) if s.len() == 3 && s[1..].bytes().all(|b| b.is_ascii_digit())))
        .collect();
    assert_eq!(rows.len(), 15);
    let by_ref = |reference: &str| {
        *rows
            .iter()
            .find(|r| r[0] == Data::String(reference.into()))
            .unwrap()
    };
    assert_eq!(by_ref("R07")[6], Data::String("Hgh".into()));
    assert_eq!(by_ref("R09")[5], Data::String("KW".into()));
    assert_eq!(by_ref("R04")[8], Data::String("Green".into()));
    assert_eq!(by_ref("O03")[12], Data::String("31/02/2026".into()));
    assert_eq!(by_ref("R01")[12], Data::String("14/03/2026".into()));
    assert_eq!(date_of(&by_ref("R02")[12]), day(2026, 4, 30));
    assert!(
        matches!(&by_ref("R06")[10], Data::String(s) if s.lines().count() == 3),
        "several actions in one cell, one a line"
    );
}

/// The register the report's customer-focus tests use: three customers,
/// five requirements, four measures with readings, items linking them.
fn customer_register() -> PathBuf {
    fixtures().join("report/customer-focus/register.ron")
}

#[test]
fn customers_requirements_measures_and_readings_read_back_from_the_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook_of(&customer_register(), dir.path(), "customers.xlsx");
    let mut book = open(&path);
    assert_eq!(book.sheet_names(), SHEETS);

    let customers = sheet(&mut book, "Customers");
    assert_eq!(header(&customers), ["ID", "Name", "Segment", "Key account"]);
    let c001 = row_of(&customers, "C-001");
    assert_eq!(c001[1], Data::String("Nordbil AB".into()));
    assert_eq!(c001[3], Data::String("yes".into()));

    let requirements = sheet(&mut book, "Requirements");
    assert_eq!(
        header(&requirements),
        [
            "ID",
            "Customer",
            "Kind",
            "Requirement",
            "Source",
            "Reference"
        ]
    );
    let req004 = row_of(&requirements, "REQ-004");
    assert_eq!(req004[1], Data::Empty, "owed to every customer");
    assert_eq!(req004[2], Data::String("Statutory".into()));
    assert_eq!(req004[5], Data::String("Art. 33".into()));

    let measures = sheet(&mut book, "Measures");
    let kpi001 = row_of(&measures, "KPI-001");
    assert_eq!(kpi001[3], Data::String("at least".into()));
    assert_eq!(kpi001[4], Data::Float(95.0), "the target is a number");
    assert_eq!(kpi001[6], Data::String("monthly".into()));

    let readings = sheet(&mut book, "Readings");
    assert_eq!(
        header(&readings),
        ["Measure", "Date", "Value", "On target", "Note"]
    );
    assert_eq!(readings.height(), 8 + 1, "one row per reading");
    let late = readings
        .rows()
        .find(|r| r[3] == Data::String("no".into()))
        .unwrap();
    assert_eq!(late[0], Data::String("KPI-001".into()));
    assert_eq!(date_of(&late[1]), day(2026, 9, 30));
    assert_eq!(late[2], Data::Float(93.5));
    assert_eq!(late[4], Data::String("Anodiser two weeks late".into()));

    // Each item's links, ids joined by ", ".
    let items = sheet(&mut book, "Items");
    let r002 = row_of(&items, "R-002");
    assert_eq!(r002[19], Data::String("REQ-002, REQ-001".into()));
    assert_eq!(r002[20], Data::Empty);
    assert_eq!(row_of(&items, "R-001")[20], Data::String("KPI-001".into()));
}

#[test]
fn the_customer_sheets_are_csv_files_too() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("sheets");
    let output = export(
        &customer_register(),
        &["--format", "csv", "--out", folder.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let readings = std::fs::read_to_string(folder.join("Readings.csv")).unwrap();
    assert!(
        readings.starts_with("Measure,Date,Value,On target,Note\nKPI-001,2026-07-31,97,yes,\n")
    );
    assert!(readings.contains("KPI-001,2026-09-30,93.5,no,Anodiser two weeks late\n"));
    let requirements = std::fs::read_to_string(folder.join("Requirements.csv")).unwrap();
    assert!(requirements.contains(
        "REQ-003,C-002,Customer,\"Salt-spray tested housings, 480 h\",drawing MT-4711,\n"
    ));
    let items = std::fs::read_to_string(folder.join("Items.csv")).unwrap();
    assert!(
        items
            .lines()
            .any(|l| l.starts_with("R-002,") && l.ends_with(",\"REQ-002, REQ-001\","))
    );
}
