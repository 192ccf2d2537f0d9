//! What every command does with hostile text from the file, broken outputs
//! and no terminal: never a raw control byte, never a panic; one plain line
//! and an exit code (0 ok, 1 problems, 2 cannot read or write, 141 closed
//! pipe).

mod common;

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{example, fixtures, roreg, transcript};
use roreg::domain::{Timestamp, history};

/// Retitles the terminal and clears the screen if it reaches one raw (RON escapes).
const HOSTILE: &str = r"x\u{1b}]2;PWNED\u{7}\u{1b}[2J";
/// The same text as it must show: control pictures instead of controls.
const VISIBLE: &str = "x␛]2;PWNED␇␛[2J";
const TODAY: &str = "2026-10-15";

/// Fails when `bytes` hold a C0 or C1 control character other than a line break.
fn assert_inert(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let controls: Vec<char> = text
        .chars()
        .filter(|c| c.is_control() && *c != '\n')
        .collect();
    assert!(
        controls.is_empty(),
        "{what}: raw control characters {controls:?} in\n{text}"
    );
}

fn assert_shows(what: &str, bytes: &[u8], visible: &str) {
    assert_inert(what, bytes);
    let text = String::from_utf8_lossy(bytes);
    assert!(
        text.contains(visible),
        "{what}: expected {visible:?} in\n{text}"
    );
}

/// `tests/fixtures/check/valid.ron` with `from` replaced (once, and it must be there) by `to`.
fn valid_register_with(dir: &Path, from: &str, to: &str) -> PathBuf {
    let valid = std::fs::read_to_string(fixtures().join("check/valid.ron")).unwrap();
    assert!(valid.contains(from), "valid.ron no longer holds {from:?}");
    let path = dir.join("hostile.ron");
    std::fs::write(&path, valid.replacen(from, to, 1)).unwrap();
    path
}

fn run(path: &Path, args: &[&str]) -> Output {
    roreg()
        .args(args)
        .arg(path)
        .args(["--today", TODAY])
        .output()
        .unwrap()
}

/// The example register plus `extra` copies of its items, each copy recorded in
/// the history: list, log and report outputs far larger than a pipe's buffer.
fn big_register(dir: &Path, extra: usize) -> PathBuf {
    let mut register = roreg::storage::load(&example()).unwrap().register;
    let before = register.clone();
    let templates = register.items.clone();
    let mut action = 10_000;
    for n in 0..extra {
        let mut item = templates[n % templates.len()].clone();
        item.id = format!("{}-{}", item.kind.id_prefix(), 10_000 + n);
        for a in &mut item.actions {
            a.id = format!("A-{action}");
            action += 1;
        }
        register.items.push(item);
    }
    // The state each record carries is that of the file as saved: in id order.
    register.normalise();
    let changes = history::diff(&before, &register);
    let at = Timestamp::parse("2026-10-01T09:00:00Z").unwrap();
    let by = register.people[0].id.clone();
    history::record(&mut register, changes, at, &by);
    let path = dir.join("big.ron");
    roreg::storage::save::create(&path, &register).unwrap();
    path
}

fn dev_full() -> File {
    File::options()
        .write(true)
        .open("/dev/full")
        .expect("these tests need /dev/full (Linux) to make writes fail")
}

const STDOUT_FULL: &str =
    "roreg: cannot write to standard output: No space left on device (os error 28)\n";

fn assert_one_line_and_exit_2(what: &str, output: &Output, expected_stderr: &str) {
    assert_eq!(
        output.status.code(),
        Some(2),
        "{what}: {}",
        transcript(output)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        expected_stderr,
        "{what}"
    );
}

// --- A. Text from the file never drives the terminal ---------------------

#[test]
fn check_shows_an_owner_who_is_not_a_person_as_visible_symbols() {
    let dir = tempfile::tempdir().unwrap();
    let path = valid_register_with(
        dir.path(),
        "owner: \"pjones\",\n            current",
        &format!("owner: \"{HOSTILE}\",\n            current"),
    );
    let output = run(&path, &["check"]);
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    assert_shows(
        "check stdout",
        &output.stdout,
        &format!("owner \"{VISIBLE}\""),
    );
    assert_inert("check stderr", &output.stderr);
}

#[test]
fn every_command_quotes_a_date_that_does_not_parse_as_visible_symbols() {
    let dir = tempfile::tempdir().unwrap();
    let path = valid_register_with(
        dir.path(),
        "next_review: Some(\"2026-12-15\")",
        &format!("next_review: Some(\"{HOSTILE}\")"),
    );
    for args in [
        &["check"][..],
        &["list"],
        &["log"],
        &["report", "--format", "md"],
        &["report", "--format", "html"],
        &["report", "--format", "csv", "--table", "register"],
    ] {
        let output = run(&path, args);
        let what = format!("{args:?}");
        assert_eq!(
            output.status.code(),
            Some(2),
            "{what}: {}",
            transcript(&output)
        );
        assert!(output.stdout.is_empty(), "{what}: {}", transcript(&output));
        assert_shows(&what, &output.stderr, &format!("`{VISIBLE}` is not a date"));
    }
}

#[test]
fn list_and_every_report_format_show_a_hostile_title_as_visible_symbols() {
    let dir = tempfile::tempdir().unwrap();
    let path = valid_register_with(
        dir.path(),
        "title: \"Sole supplier",
        &format!("title: \"{HOSTILE} Sole supplier"),
    );
    // Markdown also backslash-escapes the brackets.
    let markdown = r"x␛\]2;PWNED␇␛\[2J";
    for (args, visible) in [
        (&["list"][..], VISIBLE),
        (&["report", "--format", "md"], markdown),
        (&["report", "--format", "html"], VISIBLE),
        (
            &["report", "--format", "csv", "--table", "register"],
            VISIBLE,
        ),
    ] {
        let output = run(&path, args);
        let what = format!("{args:?}");
        assert_eq!(
            output.status.code(),
            Some(0),
            "{what}: {}",
            transcript(&output)
        );
        assert_shows(&what, &output.stdout, visible);
        assert_inert(&what, &output.stderr);
    }
}

#[test]
fn list_names_the_bands_of_the_file_as_visible_symbols() {
    let dir = tempfile::tempdir().unwrap();
    let scales = format!(
        "organisation: \"Acme Precision Parts Ltd\",\n    scales: (\
         likelihood: [\"1\", \"2\", \"3\", \"4\", \"5\"], impact: [\"1\", \"2\", \"3\", \"4\", \"5\"], \
         benefit: [\"1\", \"2\", \"3\", \"4\", \"5\"], \
         bands: [(from: 1, name: \"Low\"), (from: 10, name: \"{HOSTILE}\")], review_days: [365, 90]),"
    );
    let path = valid_register_with(
        dir.path(),
        "organisation: \"Acme Precision Parts Ltd\",",
        &scales,
    );
    let output = run(&path, &["list", "--band", "nope"]);
    assert_eq!(output.status.code(), Some(2), "{}", transcript(&output));
    assert_shows(
        "list --band stderr",
        &output.stderr,
        &format!("Low, {VISIBLE}"),
    );
}

#[test]
fn log_shows_a_hostile_history_record_as_visible_symbols() {
    let dir = tempfile::tempdir().unwrap();
    // A record nobody could have written (its hash is wrong), so the
    // problem line that names its author is printed too.
    let record = format!(
        "history: [(at: \"2026-10-01T09:00:00Z\", by: \"{HOSTILE}\", record: \"R-001\", \
         field: \"title\", old: \"{HOSTILE}\", new: \"\\\"B\\\"\", state: \"\", hash: \"00\")],"
    );
    let path = valid_register_with(dir.path(), "history: [],", &record);
    let output = run(&path, &["log"]);
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    assert_shows("log stdout", &output.stdout, VISIBLE);
    assert_shows("log stderr", &output.stderr, &format!("by {VISIBLE}"));
}

// --- B. Failed writes: one line, exit 2; a closed pipe: quiet, 141 --------

#[test]
fn a_full_standard_output_gives_one_line_and_exit_2_for_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let with_problem = valid_register_with(
        dir.path(),
        "owner: \"pjones\",\n            current",
        "owner: \"nobody\",\n            current",
    );
    let big = big_register(dir.path(), 20);
    let example = example();
    let cases: [(&[&str], &Path); 7] = [
        (&["check"], &with_problem),
        (&["list"], &example),
        (&["log"], &big),
        (&["report", "--format", "md"], &example),
        (&["report", "--format", "html"], &example),
        (
            &["report", "--format", "csv", "--table", "actions"],
            &example,
        ),
        (
            &["new", "--organisation", "Acme"],
            &dir.path().join("new.ron"),
        ),
    ];
    for (args, path) in cases {
        let output = roreg()
            .args(args)
            .arg(path)
            .args(["--today", TODAY])
            .stdout(dev_full())
            .output()
            .unwrap();
        assert_one_line_and_exit_2(&format!("{args:?} >/dev/full"), &output, STDOUT_FULL);
    }
}

#[test]
fn help_and_version_to_a_full_stdout_exit_2() {
    for arg in ["--help", "--version"] {
        let output = roreg().arg(arg).stdout(dev_full()).output().unwrap();
        assert_one_line_and_exit_2(&format!("{arg} >/dev/full"), &output, STDOUT_FULL);
    }
}

#[test]
fn a_report_written_to_out_says_when_stdout_is_full() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.md");
    let output = roreg()
        .args(["report", "--format", "md", "--out"])
        .arg(&out)
        .arg(example())
        .stdout(dev_full())
        .output()
        .unwrap();
    assert_one_line_and_exit_2("report --out >/dev/full", &output, STDOUT_FULL);
    assert!(out.exists(), "the report itself was written");
}

#[test]
fn a_full_standard_error_exits_2_without_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let missing = roreg()
        .arg("check")
        .arg(dir.path().join("missing.ron"))
        .stderr(dev_full())
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2), "{}", transcript(&missing));
    assert!(missing.stdout.is_empty(), "{}", transcript(&missing));

    // The problems reach stdout; the summary cannot reach stderr.
    let with_problem = valid_register_with(
        dir.path(),
        "owner: \"pjones\",\n            current",
        "owner: \"nobody\",\n            current",
    );
    let output = roreg()
        .arg("check")
        .arg(&with_problem)
        .stderr(dev_full())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", transcript(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("owner \"nobody\" is not in people"),
        "{stdout}"
    );
    assert!(!stdout.contains("panicked"), "{stdout}");
}

/// Runs `roreg ARGS FILE`, reads one line of its output and closes the pipe.
fn close_after_one_line(path: &Path, args: &[&str]) -> Output {
    let mut child = roreg()
        .args(args)
        .arg(path)
        .args(["--today", TODAY])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    reader.read_line(&mut first).unwrap();
    assert!(!first.is_empty(), "{args:?} printed nothing");
    drop(reader);
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_pipe_ends_quietly_with_status_141() {
    let dir = tempfile::tempdir().unwrap();
    // Each output (list: 140 KB, the others more) is well beyond the 64 KiB
    // a pipe holds, so roreg is still writing when the reader goes.
    let big = big_register(dir.path(), 800);
    for args in [
        &["list"][..],
        &["log"],
        &["report", "--format", "md"],
        &["report", "--format", "csv", "--table", "register"],
    ] {
        let output = close_after_one_line(&big, args);
        let what = format!("{args:?} | head -1");
        assert_eq!(
            output.status.code(),
            Some(141),
            "{what}: {}",
            transcript(&output)
        );
        assert!(output.stderr.is_empty(), "{what}: {}", transcript(&output));
    }
}

/// `roreg ARGS` in a shell that caps the size of any file it writes (`ulimit -f
/// 32`: 16 KiB in dash, 32 in bash; it binds root too) and ignores SIGXFSZ, so a write beyond
/// the cap fails with "File too large" as a write to a full disk would.
fn with_file_size_cap(args: &[&std::ffi::OsStr]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg("ulimit -f 32 && trap '' XFSZ && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_roreg"))
        .args(args)
        .env_remove("ROREG_FILE")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn a_report_that_cannot_be_written_leaves_the_earlier_one_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.md");
    let earlier = roreg()
        .args(["report", "--format", "md", "--out"])
        .arg(&out)
        .arg(example())
        .output()
        .unwrap();
    assert_eq!(earlier.status.code(), Some(0), "{}", transcript(&earlier));
    let earlier_text = std::fs::read(&out).unwrap();
    let big = big_register(dir.path(), 200);

    let output = with_file_size_cap(&[
        "report".as_ref(),
        "--format".as_ref(),
        "md".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
        big.as_os_str(),
    ]);
    assert!(
        std::fs::read(&out).unwrap() == earlier_text,
        "the earlier report was cut or replaced"
    );
    assert_eq!(output.status.code(), Some(2), "{}", transcript(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("roreg: cannot write ") && stderr.contains("File too large"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn csv_tables_that_cannot_be_written_leave_the_earlier_ones_whole() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("tables");
    let earlier = roreg()
        .args(["report", "--format", "csv", "--out"])
        .arg(&folder)
        .arg(example())
        .output()
        .unwrap();
    assert_eq!(earlier.status.code(), Some(0), "{}", transcript(&earlier));
    let names = [
        "audit.csv",
        "register.csv",
        "actions.csv",
        "meetings.csv",
        "attendance.csv",
        "reviews.csv",
        "customers.csv",
        "requirements.csv",
        "measures.csv",
        "readings.csv",
    ];
    let read_all = || -> Vec<Vec<u8>> {
        names
            .iter()
            .map(|n| std::fs::read(folder.join(n)).unwrap())
            .collect()
    };
    let earlier_tables = read_all();
    let big = big_register(dir.path(), 200);

    let output = with_file_size_cap(&[
        "report".as_ref(),
        "--format".as_ref(),
        "csv".as_ref(),
        "--out".as_ref(),
        folder.as_os_str(),
        big.as_os_str(),
    ]);
    assert!(
        read_all() == earlier_tables,
        "a table was cut, or the set mixes old and new tables"
    );
    assert_eq!(output.status.code(), Some(2), "{}", transcript(&output));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("File too large"),
        "{}",
        transcript(&output)
    );
    assert_eq!(
        std::fs::read_dir(&folder).unwrap().count(),
        names.len(),
        "no temporary file left behind"
    );
}

// --- C. No terminal --------------------------------------------------------

#[test]
fn without_a_terminal_the_interface_says_so_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.ron");
    std::fs::copy(example(), &path).unwrap();
    for args in [&[][..], &["view"]] {
        let output = roreg()
            .args(args)
            .arg(&path)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let what = format!("roreg {args:?} FILE </dev/null | cat");
        assert_eq!(
            output.status.code(),
            Some(2),
            "{what}: {}",
            transcript(&output)
        );
        assert!(output.stdout.is_empty(), "{what}: {}", transcript(&output));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.starts_with("roreg: the interface needs a terminal")
                && stderr.contains("ssh -t")
                && stderr.lines().count() == 1,
            "{what}: {stderr}"
        );
        assert_inert(&what, &output.stderr);
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no lock file left"
    );
}
