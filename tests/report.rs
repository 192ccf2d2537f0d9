//! `roreg report`: the evidence pack an auditor files away, in Markdown, HTML
//! and CSV, checked against hand counts of the shipped example and against
//! hostile text in every format.

mod common;

use std::path::Path;
use std::process::Output;

use common::{assert_golden, example, fixtures, roreg, transcript};

const TODAY: &str = "2026-11-21";

fn report_of(file: &Path, args: &[&str]) -> Output {
    roreg()
        .args(["report", "--today", TODAY])
        .arg(file)
        .args(args)
        .output()
        .unwrap()
}

/// Stdout of a report that must succeed without a word on stderr.
fn clean_report(file: &Path, args: &[&str]) -> String {
    let output = report_of(file, args);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    assert!(output.stderr.is_empty(), "{}", transcript(&output));
    String::from_utf8(output.stdout).unwrap()
}

fn golden(name: &str) -> std::path::PathBuf {
    fixtures().join("report").join(name)
}

const TABLES: [&str; 10] = [
    "audit",
    "register",
    "actions",
    "meetings",
    "attendance",
    "reviews",
    "customers",
    "requirements",
    "measures",
    "readings",
];

/// A strict RFC 4180 reader: quoted fields may hold commas, doubled quotes
/// and line breaks; a quote anywhere else, a missing final line break or an
/// unterminated quote fails the test.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut just_closed = false;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                    just_closed = true;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        if just_closed {
            assert!(
                c == ',' || c == '\n',
                "{c:?} after a closing quote in {text}"
            );
        }
        just_closed = false;
        match c {
            '"' => {
                assert!(
                    field.is_empty(),
                    "a quote inside an unquoted field: {field}"
                );
                quoted = true;
            }
            ',' => row.push(std::mem::take(&mut field)),
            '\n' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            '\r' => panic!("roreg writes LF line ends"),
            c => field.push(c),
        }
    }
    assert!(!quoted, "unterminated quoted field");
    assert!(
        field.is_empty() && row.is_empty(),
        "the last row must end with a line break"
    );
    rows
}

/// Rows of a CSV table as (header, value) lookups.
struct Csv {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Csv {
    fn parse(text: &str) -> Csv {
        let mut rows = parse_csv(text);
        assert!(!rows.is_empty(), "a header row comes first");
        let headers = rows.remove(0);
        for row in &rows {
            assert_eq!(row.len(), headers.len(), "{row:?} against {headers:?}");
        }
        Csv { headers, rows }
    }

    fn column(&self, name: &str) -> usize {
        self.headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name} in {:?}", self.headers))
    }

    fn find(&self, column: &str, value: &str) -> &Vec<String> {
        let at = self.column(column);
        self.rows
            .iter()
            .find(|r| r[at] == value)
            .unwrap_or_else(|| panic!("no row with {column} = {value}"))
    }

    fn get<'a>(&self, row: &'a [String], column: &str) -> &'a str {
        &row[self.column(column)]
    }
}

fn csv_table(file: &Path, table: &str, extra: &[&str]) -> Csv {
    let mut args = vec!["--format", "csv", "--table", table];
    args.extend_from_slice(extra);
    Csv::parse(&clean_report(file, &args))
}

// ---- goldens --------------------------------------------------------------

#[test]
fn markdown_golden() {
    let md = clean_report(&example(), &["--format", "md"]);
    assert_golden(&golden("example.md"), &md);
}

#[test]
fn html_golden() {
    let html = clean_report(&example(), &["--format", "html"]);
    assert_golden(&golden("example.html"), &html);
}

#[test]
fn csv_goldens_one_file_per_table() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pack");
    let output = report_of(
        &example(),
        &["--format", "csv", "--out", out.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let mut written: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let mut expected: Vec<String> = TABLES.iter().map(|t| format!("{t}.csv")).collect();
    expected.sort();
    assert_eq!(written, expected);
    for table in TABLES {
        let text = std::fs::read_to_string(out.join(format!("{table}.csv"))).unwrap();
        assert_golden(&golden(&format!("{table}.csv")), &text);
        assert_eq!(
            clean_report(&example(), &["--format", "csv", "--table", table]),
            text,
            "--table {table} prints what --out writes"
        );
    }
}

#[test]
fn the_same_day_gives_the_same_bytes() {
    let args = ["--format", "html"];
    assert_eq!(
        clean_report(&example(), &args),
        clean_report(&example(), &args)
    );
}

#[test]
fn out_writes_the_file_instead_of_printing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pack.md");
    std::fs::write(&file, "an older report").unwrap();
    let output = report_of(
        &example(),
        &["--format", "md", "--out", file.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.ends_with("pack.md: written\n"), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        clean_report(&example(), &["--format", "md"]),
        "an earlier report is replaced"
    );
}

// ---- figures counted by hand from data/example.ron --------------------------

#[test]
fn audit_figures_match_a_hand_count_of_the_example() {
    let audit = csv_table(&example(), "audit", &[]);
    let value = |figure: &str| audit.get(audit.find("figure", figure), "value").to_string();
    let records = |figure: &str| {
        audit
            .get(audit.find("figure", figure), "records")
            .to_string()
    };

    // The period is 2025-11-22..=2026-11-21. Meetings (all closed):
    // M-001 2025-12-10 risk, M-002 2026-02-18 risk, M-003 2026-04-22
    // management, M-004 2026-06-17 risk, M-005 2026-09-16 risk, M-006
    // 2026-11-11 risk: six, five risk reviews and one management review.
    assert!(
        value("Meetings held").starts_with("6 (5 risk reviews, 1 management review"),
        "{}",
        value("Meetings held")
    );
    // Top managers (top_management: true): dpatel, jsmith, mokoro. At least
    // one of them is present at each of the six meetings.
    assert_eq!(value("Meetings with top management present"), "6 of 6");
    // jsmith: present at M-001, M-002, M-003, M-005, M-006; apologies at M-004.
    assert_eq!(value("Attendance of Jane Smith (jsmith)"), "5 of 6");
    assert_eq!(
        records("Attendance of Jane Smith (jsmith)"),
        "M-001, M-002, M-003, M-005, M-006"
    );
    // dpatel: apologies at M-001 and M-005, present at the other four.
    assert_eq!(value("Attendance of Dev Patel (dpatel)"), "4 of 6");
    // mokoro: not present at M-002 only.
    assert_eq!(value("Attendance of Michael Okoro (mokoro)"), "5 of 6");
    // Live items scoring 10 or more (High from 10, Critical from 16):
    // O-002, O-003, O-005, O-006, O-007, O-008 and,
    // R-020 = 17 (O-001
    // scores 15 but is closed). Reviewed with a top manager within the band's
    // interval (90 days High, 30 Critical) before 2026-11-21: at M-006
    // (2026-11-11) O-006, O-007, R-008, R-009, R-013; at M-005 (2026-09-16,
    // 66 days) the High items. O-002 (Critical, last
    // 2026-09-16) is late; O-008 and R-020 were never reviewed. 8 of 17.
    assert_eq!(
        value("High and Critical items reviewed with top management within their interval"),
        "8 of 17"
    );
    // next_review before 2026-11-21 on a live item: O-002 (2026-10-16),
    // O-005, R-004, R-011 (2026-09-15), R-012 (2026-07-21), R-020
    // (2026-11-18). R-002 (2026-11-25) is not yet due.
    assert_eq!(value("Reviews overdue"), "6");
    assert_eq!(
        records("Reviews overdue"),
        "O-002, O-005, R-004, R-011, R-012, R-020"
    );
    // Open or in progress and due before 2026-11-21: A-029 (2026-10-30),
    // A-003 (2026-10-16), A-005 (2026-10-30), A-020 (2026-11-13), A-022
    // (2026-09-30), A-036 (2026-11-06).
    assert_eq!(value("Actions overdue"), "6");
    // Done with effectiveness: None: A-017 (O-004), A-024 (O-005), A-019.
    assert_eq!(
        records("Actions done without an effectiveness check"),
        "A-017, A-024, A-019"
    );
    // Exploit/Enhance/Share: O-001, O-002, O-003, O-006 (Exploit), O-005,
    // O-007 (Enhance); Decline: O-004; O-008 is Undecided.
    assert_eq!(value("Opportunities pursued"), "6");
    assert_eq!(records("Opportunities declined"), "O-004");
}

#[test]
fn meetings_attendance_and_reviews_match_the_example() {
    let meetings = csv_table(&example(), "meetings", &[]);
    let ids: Vec<&str> = meetings.rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, ["M-001", "M-002", "M-003", "M-004", "M-005", "M-006"]);
    // M-003, the management review, has all twelve people present.
    let m003 = meetings.find("meeting", "M-003");
    assert_eq!(meetings.get(m003, "kind"), "Management review");
    assert_eq!(meetings.get(m003, "present"), "12");
    assert_eq!(
        meetings.get(m003, "top_management_present"),
        "jsmith dpatel mokoro"
    );
    // M-006: skhan and gevans absent without apologies; eight items reviewed.
    let m006 = meetings.find("meeting", "M-006");
    assert_eq!(meetings.get(m006, "absent"), "2");
    assert_eq!(meetings.get(m006, "items_reviewed"), "8");

    let attendance = csv_table(&example(), "attendance", &[]);
    let at = |meeting: &str, person: &str| {
        attendance
            .rows
            .iter()
            .find(|r| r[0] == meeting && r[2] == person)
            .map(|r| attendance.get(r, "attendance").to_string())
    };
    assert_eq!(at("M-004", "jsmith").as_deref(), Some("apologies"));
    assert_eq!(at("M-006", "skhan").as_deref(), Some("absent"));
    assert_eq!(at("M-001", "lwilson"), None, "not on M-001's list");
    let jsmith_present = attendance
        .rows
        .iter()
        .filter(|r| r[2] == "jsmith" && attendance.get(r, "attendance") == "present")
        .count();
    assert_eq!(jsmith_present, 5);

    // M-001 raised R-008 from 3×4=12 High to 4×4=16 Critical.
    let reviews = csv_table(&example(), "reviews", &[]);
    let r008 = reviews
        .rows
        .iter()
        .find(|r| r[0] == "M-001" && r[2] == "R-008")
        .unwrap();
    assert_eq!(reviews.get(r008, "before_score"), "12");
    assert_eq!(reviews.get(r008, "before_band"), "High");
    assert_eq!(reviews.get(r008, "after_score"), "16");
    assert_eq!(reviews.get(r008, "after_band"), "Critical");
    // 6 + 8 + 6 + 8 + 8 + 8 items reviewed across the six meetings.
    assert_eq!(reviews.rows.len(), 44);
}

#[test]
fn register_and_actions_tables_hold_every_record() {
    // 8 opportunities and 20 risks; 37 actions.
    let register = csv_table(&example(), "register", &[]);
    assert_eq!(register.rows.len(), 28);
    let r001 = register.find("id", "R-001");
    assert_eq!(register.get(r001, "current_score"), "12");
    assert_eq!(register.get(r001, "current_band"), "High");
    assert_eq!(register.get(r001, "target_score"), "6");
    assert_eq!(register.get(r001, "target_band"), "Medium");
    let r013 = register.find("id", "R-013");
    assert_eq!(
        register.get(r013, "target_score"),
        "",
        "R-013 has no target"
    );
    let actions = csv_table(&example(), "actions", &[]);
    assert_eq!(actions.rows.len(), 37);
    let a018 = actions.find("action", "A-018");
    assert_eq!(actions.get(a018, "effectiveness"), "Not effective");
    assert_eq!(actions.get(a018, "checked_by"), "qlead");
    let a036 = actions.find("action", "A-036");
    assert_eq!(actions.get(a036, "overdue"), "yes");
}

#[test]
fn a_shorter_period_counts_only_its_meetings() {
    // M-004 (2026-06-17) and M-005 (2026-09-16) fall in June to October.
    let args = ["--from", "2026-06-01", "--to", "2026-10-31"];
    let meetings = csv_table(&example(), "meetings", &args);
    let ids: Vec<&str> = meetings.rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, ["M-004", "M-005"]);
    let md = clean_report(&example(), &[&["--format", "md"][..], &args].concat());
    assert!(
        md.contains("- **Period:** 2026-06-01 to 2026-10-31"),
        "{md}"
    );
    // No management review between June and October.
    assert!(
        md.contains("No management review was held in the period."),
        "{md}"
    );
    // --to alone ends the twelve months there.
    let md = clean_report(&example(), &["--format", "md", "--to", "2026-06-30"]);
    assert!(
        md.contains("- **Period:** 2025-07-01 to 2026-06-30"),
        "{md}"
    );
}

#[test]
fn the_html_file_is_self_contained_and_prints() {
    let html = clean_report(&example(), &["--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>\n"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("@media print"));
    assert!(html.contains("@page { size: A4"));
    for outside in [
        "<script", "<link", "<img", "src=", "http://", "https://", "@import",
    ] {
        assert!(!html.contains(outside), "found {outside}");
    }
    // Heat-map cells carry the band letter, readable in black and white:
    // four live risks sit at likelihood 3, impact 4 (R-013, R-014, R-017, and
    // R-001), a High cell.
    assert!(html.contains("<td class=\"band2\">H <strong>4</strong></td>"));
}

// ---- hostile text --------------------------------------------------------

const SCRIPT: &str = "<script>alert(1)</script>";
const HYPERLINK: &str = "=HYPERLINK(\"http://x\",\"y\")";

/// A copy of the example whose titles, a decision, a note and the
/// organisation try to break out of every format.
fn hostile_register(dir: &Path) -> std::path::PathBuf {
    let replacements = [
        (
            "organisation: \"Acme Precision Parts Ltd\"",
            "organisation: \"Acme <b>&amp;</b> | *Co*\"",
        ),
        (
            "Single stockist for certified 7075 and 6082 bar and plate",
            "<script>alert(1)</script>",
        ),
        (
            "Anodising line stoppage from failure of the 20-year-old rectifier",
            "a | b",
        ),
        (
            "Parts from different jobs mixed on anodising racks",
            "=HYPERLINK(\\\"http://x\\\",\\\"y\\\")",
        ),
        (
            "Breach of the trade effluent consent from anodising rinse water",
            "+cmd",
        ),
        ("Calibration of the CMM and hand gauges lapses", "@SUM(1)"),
        (
            "Heat-treatment subcontractor loses its Nadcap accreditation",
            "first line\\nsecond | line",
        ),
        (
            "Customer drawing revisions not flowed down to the shop floor",
            "red \\u{1b}[31m text \\u{1b}]0;title\\u{7}",
        ),
        (
            "Undersize hard anodic coating in bores reaching aerospace customers",
            "-2+3",
        ),
        (
            "Keep Critical. Approve trial orders",
            "=cmd|' /C calc'!A0 <img src=x onerror=alert(1)> Keep Critical. Approve trial orders",
        ),
        (
            "Finance Director sent apologies.",
            "\\u{1b}[2J- not a list\\n# not a heading",
        ),
    ];
    // Without the example's history, which would (rightly) report these
    // edits as minutes altered and changes made outside roreg.
    let mut bare = roreg::storage::load(&example()).unwrap().register;
    bare.history.clear();
    for m in &mut bare.meetings {
        m.anchor = None;
    }
    let mut text = roreg::storage::to_text(&bare).unwrap();
    for (from, to) in replacements {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    let path = dir.join("hostile.ron");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn no_format_carries_a_raw_escape_byte() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_register(dir.path());
    let mut outputs = vec![
        clean_report(&file, &["--format", "md"]),
        clean_report(&file, &["--format", "html"]),
    ];
    for table in TABLES {
        outputs.push(clean_report(&file, &["--format", "csv", "--table", table]));
    }
    for out in &outputs {
        assert!(!out.contains('\u{1b}'), "raw ESC in {out}");
        assert!(!out.contains('\u{7}'), "raw BEL in {out}");
    }
    assert!(outputs[0].contains("red ␛\\[31m text ␛\\]0;title␇"));
    assert!(outputs[1].contains("red ␛[31m text ␛]0;title␇"));
}

#[test]
fn html_shows_hostile_text_and_runs_none_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let html = clean_report(&hostile_register(dir.path()), &["--format", "html"]);
    assert!(!html.to_lowercase().contains("<script"), "raw script tag");
    assert!(!html.contains("<img"), "raw img tag");
    assert!(!html.contains("<b>"), "raw markup from the organisation");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("Acme &lt;b&gt;&amp;amp;&lt;/b&gt; | *Co*"));
    assert!(html.contains("=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)"));
    assert!(
        html.contains("<td>first line\nsecond | line</td>"),
        "the line break stays, shown by the stylesheet"
    );
}

/// The cells of a Markdown table row: GitHub splits a row at every pipe not
/// preceded by a backslash.
fn markdown_cells(line: &str) -> usize {
    let mut previous = ' ';
    let mut pipes = 0;
    for c in line.chars() {
        if c == '|' && previous != '\\' {
            pipes += 1;
        }
        previous = c;
    }
    pipes - 1
}

#[test]
fn markdown_tables_keep_their_columns_and_format_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let md = clean_report(&hostile_register(dir.path()), &["--format", "md"]);
    let mut tables = 0;
    let mut columns: Option<usize> = None;
    for line in md.lines() {
        if line.starts_with('|') {
            let cells = markdown_cells(line);
            match columns {
                None => {
                    columns = Some(cells);
                    tables += 1;
                }
                Some(n) => assert_eq!(cells, n, "{line}"),
            }
            assert!(line.ends_with(" |"), "{line}");
        } else {
            columns = None;
        }
    }
    // Figures, High and Critical, meetings, attendance, six meetings'
    // reviews, register, four heat maps, actions, three overdue lists; then
    // customer focus: requirements of three customers and of all, four
    // measures' readings and three measures' actions while off target.
    assert_eq!(tables, 30);
    assert!(md.contains("| R-001 | \\<script\\>alert(1)\\</script\\> |"));
    assert!(md.contains("| R-002 | a \\| b |"));
    assert!(md.contains("| R-006 | first line second \\| line |"));
    assert!(md.contains(
        "# Risks and opportunities evidence pack — Acme \\<b\\>\\&amp;\\</b\\> \\| \\*Co\\*\n"
    ));
    // A note starting a list item cannot open a nested list or a heading.
    assert!(
        md.contains("- **Notes:** ␛\\[2J- not a list \\# not a heading\n"),
        "{md}"
    );
}

#[test]
fn csv_neutralises_formulas_and_round_trips_text() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_register(dir.path());
    for table in TABLES {
        let csv = csv_table(&file, table, &[]);
        for row in csv.rows.iter().chain([&csv.headers]) {
            for cell in row {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{table}: a spreadsheet would run {cell:?}"
                );
            }
        }
    }
    let register = csv_table(&file, "register", &[]);
    let title = |id: &str| register.get(register.find("id", id), "title").to_string();
    assert_eq!(title("R-001"), SCRIPT);
    assert_eq!(title("R-002"), "a | b");
    assert_eq!(title("R-003"), format!("'{HYPERLINK}"));
    assert_eq!(title("R-004"), "'+cmd");
    assert_eq!(title("R-005"), "'@SUM(1)");
    assert_eq!(title("R-006"), "first line\nsecond | line");
    assert_eq!(title("R-007"), "red ␛[31m text ␛]0;title␇");
    assert_eq!(title("R-008"), "'-2+3");
    let reviews = csv_table(&file, "reviews", &[]);
    let decision = reviews.get(
        reviews
            .rows
            .iter()
            .find(|r| r[0] == "M-001" && r[2] == "R-001")
            .unwrap(),
        "decision",
    );
    assert!(decision.starts_with("'=cmd|' /C calc'!A0"), "{decision}");
    // The raw text quotes the field that holds quotes and doubles them.
    let raw = clean_report(&file, &["--format", "csv", "--table", "register"]);
    assert!(
        raw.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","),
        "{raw}"
    );
}

// ---- arguments and problems -------------------------------------------

fn failure(args: &[&str]) -> String {
    let output = report_of(&example(), args);
    let text = transcript(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(output.stdout.is_empty(), "{text}");
    text
}

#[test]
fn from_after_to_is_refused() {
    let out = failure(&[
        "--format",
        "md",
        "--from",
        "2026-12-01",
        "--to",
        "2026-11-01",
    ]);
    assert!(
        out.contains(
            "roreg report: the period would start (--from 2026-12-01) after it ends (--to 2026-11-01)"
        ),
        "{out}"
    );
    let out = failure(&["--format", "md", "--from", "2027-01-01"]);
    assert!(out.contains("after it ends (today, 2026-11-21)"), "{out}");
}

#[test]
fn a_bad_date_names_the_option() {
    let out = failure(&["--format", "md", "--from", "2026-02-30"]);
    assert!(out.contains("--from"), "{out}");
    assert!(out.contains("not a real calendar date"), "{out}");
}

#[test]
fn csv_needs_a_table_or_a_folder() {
    let out = failure(&["--format", "csv"]);
    assert!(
        out.contains(
            "--format csv writes one table per file; pass --table NAME to print one (audit, register, actions, meetings, attendance, reviews, customers, requirements, measures, readings), or --out FOLDER to write them all"
        ),
        "{out}"
    );
}

#[test]
fn unknown_table_lists_the_tables() {
    let out = failure(&["--format", "csv", "--table", "risks"]);
    assert!(
        out.contains("invalid value 'risks' for '--table <NAME>'"),
        "{out}"
    );
    assert!(
        out.contains("[possible values: audit, register, actions, meetings, attendance, reviews, customers, requirements, measures, readings]"),
        "{out}"
    );
}

#[test]
fn table_is_for_csv_only_and_format_is_required() {
    let out = failure(&["--format", "html", "--table", "register"]);
    assert!(
        out.contains("--table applies to --format csv only"),
        "{out}"
    );
    let out = failure(&[]);
    assert!(out.contains("--format <FORMAT>"), "{out}");
}

#[test]
fn out_as_a_file_when_a_folder_is_needed_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    let out = failure(&["--format", "csv", "--out", file.to_str().unwrap()]);
    assert!(
        out.contains("is a file; without --table, --out names a folder"),
        "{out}"
    );
    let out = failure(&["--format", "md", "--out", dir.path().to_str().unwrap()]);
    assert!(
        out.contains("is a folder; give a file name for --out"),
        "{out}"
    );
}

#[test]
fn an_unreadable_register_exits_2() {
    let output = report_of(&fixtures().join("check/missing.ron"), &["--format", "md"]);
    assert_eq!(output.status.code(), Some(2), "{}", transcript(&output));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no such file"));
    let output = report_of(&fixtures().join("check/syntax.ron"), &["--format", "md"]);
    assert_eq!(output.status.code(), Some(2), "{}", transcript(&output));
}

#[test]
fn a_register_with_problems_is_reported_with_a_warning_first() {
    let file = fixtures().join("check/problems.ron");
    let output = report_of(&file, &["--format", "md"]);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("problems.ron has 4 problems"), "{stderr}");
    let md = String::from_utf8(output.stdout).unwrap();
    let warning = md
        .find("> **Warning:** this register has 4 validation problems")
        .unwrap();
    assert!(
        warning < md.find("## 1.").unwrap(),
        "the warning comes first"
    );
    assert!(md.contains("> - R-001.owner: owner \"pjonse\" is not in people"));
    let html = String::from_utf8(report_of(&file, &["--format", "html"]).stdout).unwrap();
    assert!(html.contains("<div class=\"warning\" role=\"alert\">"));
    assert!(html.contains("R-001.owner: owner &quot;pjonse&quot; is not in people"));
}

#[test]
fn the_report_prints_the_head_of_the_history_chain() {
    use roreg::domain::{Score, Timestamp, history};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.ron");
    let loaded = roreg::storage::load(&example()).unwrap();
    let mut register = loaded.register.clone();
    let before = register.clone();
    register.items[0].current = Score::new(1, 1);
    let changes = history::diff(&before, &register);
    history::record(
        &mut register,
        changes,
        Timestamp::parse("2026-11-20T10:00:00Z").unwrap(),
        "qlead",
    );
    roreg::storage::save::create(&path, &register).unwrap();
    let head = history::head(&register).to_string();
    assert_eq!(head.len(), 64);
    let md = clean_report(&path, &["--format", "md"]);
    assert!(
        md.contains(&format!("Its head hash is {head}")),
        "head hash missing"
    );
    let recorded = format!("{} recorded changes", loaded.register.history.len() + 1);
    assert!(md.contains(&recorded), "{md}");
    // Near the top, before the contents, with what to do with it.
    let top = &md[..md.find("## Contents").unwrap()];
    assert!(
        top.contains(&format!(
            "- **Head hash:** {head}. Note it whole: \"roreg check --head {head}\" on any later \
             copy of the register exits 0 only if the history this report was made from is still \
             in it, unchanged (a shorter prefix finds the record, but is easier to forge)."
        )),
        "{top}"
    );
    let html = String::from_utf8(report_of(&path, &["--format", "html"]).stdout).unwrap();
    let top = &html[..html.find("<nav>").unwrap()];
    assert!(
        top.contains(&format!("<dt>Head hash</dt><dd>{head}. Note it whole: ")),
        "{top}"
    );
}

/// The minutes keep the room as it was: agreed review dates, who came late
/// or left early, guests and skipped items.
#[test]
fn the_minutes_keep_agreed_dates_late_arrivals_guests_and_skips() {
    let dir = tempfile::tempdir().unwrap();
    // Without the history, which would (rightly) call these edits altered minutes.
    let mut r = roreg::storage::load(&example()).unwrap().register;
    r.history.clear();
    let m = r.meetings.iter_mut().find(|m| m.id == "M-001").unwrap();
    m.anchor = None;
    m.reviewed[0].next_review = Some(roreg::domain::Date::parse("2026-03-01").unwrap());
    let late = roreg::domain::Timestamp::parse("2025-11-20T10:25:00Z").unwrap();
    m.attendance[0].arrived = Some(late);
    let guest = roreg::domain::Guest {
        name: "Ola Berg".into(),
        role: "external auditor".into(),
        organisation: "Certifier AB".into(),
    };
    m.guests.push(guest);
    let skipped = m.agenda[0].clone();
    m.skipped.push(roreg::domain::Skip {
        item: skipped.clone(),
        reason: "owner absent".into(),
        at: late,
    });
    for other in &mut r.meetings {
        other.anchor = None;
    }
    let person = r.meetings[0].attendance[0].person.clone();
    let name = r.person_name(&person).to_string();
    let path = dir.path().join("room.ron");
    std::fs::write(&path, roreg::storage::to_text(&r).unwrap()).unwrap();
    let md = String::from_utf8(report_of(&path, &["--format", "md"]).stdout).unwrap();
    assert!(md.contains("| Next review |"), "{md}");
    assert!(md.contains("| 2026-03-01 (agreed) |"), "{md}");
    assert!(
        md.contains(&format!("- **Arrived late:** {name} 10:25 UTC")),
        "{md}"
    );
    assert!(
        md.contains("- **Guests (not top management):** Ola Berg (external auditor, Certifier AB)"),
        "{md}"
    );
    assert!(
        md.contains(&format!("- **Skipped:** {skipped} (owner absent)")),
        "{md}"
    );
}

/// The example with M-007 held on 2026-11-25 (a risk review that closes
/// an open action and lowers its item's target), the action reopened by
/// jsmith on 2026-11-27: returns the file, the action and its item.
fn reopened_after_its_meeting(dir: &Path) -> (std::path::PathBuf, String, String) {
    use roreg::domain::history::{diff, record};
    use roreg::domain::{ActionStatus, MeetingKind, Register, Score, Timestamp, meetings};
    let at = |s: &str| Timestamp::parse(s).unwrap();
    let mut r = roreg::storage::load(&example()).unwrap().register;
    let (item, action) = r
        .items
        .iter()
        .find_map(|i| {
            let a = i.actions.iter().find(|a| a.status.is_open())?;
            Some((i.id.clone(), a.id.clone()))
        })
        .expect("an open action in the example");
    let change = |r: &mut Register, when: &str, by: &str, f: &dyn Fn(&mut Register)| {
        let before = r.clone();
        f(r);
        let changes = diff(&before, r);
        record(r, changes, at(when), by);
    };
    let set = |r: &mut Register, status: ActionStatus| {
        let it = r.item_mut(&item).unwrap();
        it.actions
            .iter_mut()
            .find(|a| a.id == action)
            .unwrap()
            .status = status;
    };
    change(&mut r, "2026-11-25T09:00:00Z", "qlead", &|r| {
        meetings::start(
            r,
            MeetingKind::RiskReview,
            "qlead",
            vec![],
            vec![item.clone()],
            at("2026-11-25T09:00:00Z"),
        )
        .unwrap();
    });
    change(&mut r, "2026-11-25T09:10:00Z", "qlead", &|r| {
        set(r, ActionStatus::Done);
        meetings::note_action(r, &action, true).unwrap();
        let it = r.item_mut(&item).unwrap();
        it.target = Some(Score::new(1, 2));
        meetings::mark_reviewed(r, &item, at("2026-11-25T09:10:00Z")).unwrap();
    });
    change(&mut r, "2026-11-25T10:00:00Z", "qlead", &|r| {
        meetings::close(r, at("2026-11-25T10:00:00Z")).unwrap();
    });
    change(&mut r, "2026-11-27T15:00:00Z", "jsmith", &|r| {
        set(r, ActionStatus::InProgress)
    });
    let path = dir.join("reopened.ron");
    std::fs::write(&path, roreg::storage::to_text(&r).unwrap()).unwrap();
    (path, action, item)
}

#[test]
fn the_minutes_show_an_action_closed_in_the_meeting_and_reopened_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let (file, action, item) = reopened_after_its_meeting(dir.path());
    let report = |today: &str, format: &[&str]| {
        let output = roreg()
            .args(["report", "--today", today])
            .args(format)
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
        String::from_utf8(output.stdout).unwrap()
    };
    let after = report("2026-12-01", &["--format", "md"]);
    assert!(
        after.contains(&format!(
            "- **Actions closed:** {action} (reopened 2026-11-27 by jsmith)\n"
        )),
        "{after}"
    );
    assert!(
        after.contains(&format!("- **Target changed:** {item} ")) && after.contains(" → 1×2\n"),
        "{after}"
    );
    // On the meeting's day the reopening had not happened yet.
    let that_day = report("2026-11-25", &["--format", "md"]);
    assert!(
        that_day.contains(&format!("- **Actions closed:** {action}\n")),
        "{that_day}"
    );
    let csv = report("2026-12-01", &["--format", "csv", "--table", "meetings"]);
    let meetings = Csv::parse(&csv);
    let m007 = meetings.find("meeting", "M-007");
    assert_eq!(meetings.get(m007, "actions_closed"), action);
}
