//! Nothing laundered: a register changed outside roreg since its last
//! recorded change is reported as such, and the next change made in roreg
//! first records that outside change as its own visible record, naming what
//! changed where roreg can know it. Real `roreg` processes in ptys.

mod common;
#[path = "common/pty.rs"]
mod pty;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use pty::{Pty, bottom_line};
use roreg::domain::history::{diff, record};
use roreg::domain::{Register, Score, Timestamp, baseline, outside};
use roreg::storage;

const T: Duration = Duration::from_secs(5);

/// The example, protected by the history it ships with, with one more
/// change recorded by roreg, saved in its own folder.
fn recorded_register(dir: &Path) -> (PathBuf, Register) {
    let mut r = storage::load(&common::example()).unwrap().register;
    let at = Timestamp::parse("2026-11-19T09:00:00Z").unwrap();
    assert!(
        !baseline::baseline(&mut r, at, "qlead"),
        "the example needs no baseline: its history covers it"
    );
    let before = r.clone();
    r.item_mut("R-005").unwrap().current = Score::new(2, 2);
    let changes = diff(&before, &r);
    record(
        &mut r,
        changes,
        Timestamp::parse("2026-11-20T09:00:00Z").unwrap(),
        "qlead",
    );
    let file = dir.join("register.ron");
    std::fs::write(&file, storage::to_text(&r).unwrap()).unwrap();
    (file, r)
}

/// Edits a title in the file's text, as vim or a script would, by rename.
fn edit_by_hand(file: &Path, register: &Register, id: &str) {
    let title = &register.item(id).unwrap().title;
    let text = std::fs::read_to_string(file).unwrap();
    let needle = format!("title: {title:?}");
    assert_eq!(text.matches(&needle).count(), 1);
    let edited = text.replace(&needle, "title: \"Edited by hand in vim\"");
    let tmp = file.with_extension("hand-edit");
    std::fs::write(&tmp, edited).unwrap();
    std::fs::rename(&tmp, file).unwrap();
}

fn open(file: &Path) -> Pty {
    let p = Pty::spawn(
        env!("CARGO_BIN_EXE_roreg"),
        &[file.to_str().unwrap(), "--today", "2026-11-21"],
        &[("NO_COLOR", "1"), ("USER", "qlead"), ("LOGNAME", "qlead")],
        240,
        24,
    );
    p.wait_for("by score", T);
    p
}

fn roreg(args: &[&str]) -> Output {
    common::roreg().args(args).output().unwrap()
}

fn out(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Closes the list of the file's problems that opens at start.
fn close_problems(p: &mut Pty) {
    p.wait_for("Problems in the file", T);
    p.send_str("q");
    p.wait_until("the problems closed", T, |s| {
        !s.contains("Problems in the file")
    });
}

/// Re-scores the selected item 1×1 and quits once it is saved.
fn change_and_quit(p: &mut Pty) {
    p.send_str("1");
    p.send_str("1");
    p.wait_saved("score 1×1", T);
    p.send_str("q");
    assert!(p.wait_exit(T).success(), "{}", p.screen());
}

/// The outside-change records, and that a change followed them.
fn assert_recorded_once(file: &Path) -> String {
    let disk = storage::load(file).unwrap().register;
    let records: Vec<_> = outside::recorded(&disk).collect();
    assert_eq!(records.len(), 1, "{:?}", disk.history);
    let (index, entry) = records[0];
    assert_eq!(entry.by, "qlead", "by the person editing");
    assert_eq!(
        disk.history[index + 1].field,
        "current",
        "recorded before the change that saved it"
    );
    let check = roreg(&["check", file.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", out(&check));
    assert!(
        out(&check).contains("0 errors, 0 warnings"),
        "the warning has gone: {}",
        out(&check)
    );
    let log = roreg(&["log", file.to_str().unwrap()]);
    assert!(
        out(&log).contains("register.outside-change: added"),
        "and stays in the log: {}",
        out(&log)
    );
    // In the audit view and in the report too.
    let figure = roreg::domain::audit::history_integrity(&disk);
    let line = format!(
        "history[{index}], recorded {} by qlead: changed outside roreg since",
        entry.at
    );
    assert!(figure.value.ends_with("; 1 outside"), "{}", figure.value);
    assert!(
        figure.records.iter().any(|r| r.starts_with(&line)),
        "{:?}",
        figure.records
    );
    let report = roreg(&["report", file.to_str().unwrap(), "--format", "md"]);
    // Markdown escapes the brackets of `history[N]`.
    let in_markdown = line.replace('[', "\\[").replace(']', "\\]");
    assert!(
        out(&report).contains(&format!("Changed outside roreg, {in_markdown}")),
        "{}",
        out(&report)
    );
    entry.new.clone()
}

#[test]
fn check_reports_a_hand_edit_with_the_time_of_the_last_record() {
    let dir = tempfile::tempdir().unwrap();
    let (file, r) = recorded_register(dir.path());
    edit_by_hand(&file, &r, "R-004");
    let check = roreg(&["check", file.to_str().unwrap()]);
    let last = r.history.len() - 1;
    assert!(
        out(&check).contains(&format!("changed outside roreg since the last recorded change (history[{last}], 2026-11-20T09:00:00Z by qlead, R-005.current)")),
        "{}",
        out(&check)
    );
}

#[test]
fn a_hand_edit_under_a_running_editor_is_recorded_with_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let (file, r) = recorded_register(dir.path());
    let mut p = open(&file);
    edit_by_hand(&file, &r, "R-004");
    p.wait_until("the editor names the outside change", T, |s| {
        bottom_line(s).contains("changed outside roreg since 2026-11-20T09:00:00Z: R-004.title")
            && bottom_line(s).contains("your next change records it")
    });
    change_and_quit(&mut p);
    let recorded = assert_recorded_once(&file);
    assert!(
        recorded.contains("since 2026-11-20T09:00:00Z: R-004.title"),
        "{recorded}"
    );
}

#[test]
fn a_hand_edit_found_at_start_is_recorded_even_when_what_changed_is_unknown() {
    let dir = tempfile::tempdir().unwrap();
    let (file, r) = recorded_register(dir.path());
    edit_by_hand(&file, &r, "R-004");
    let mut p = open(&file);
    p.wait_until("the outside change said at start", T, |s| {
        bottom_line(s).contains("changed outside roreg since 2026-11-20T09:00:00Z; what changed")
    });
    close_problems(&mut p);
    change_and_quit(&mut p);
    let recorded = assert_recorded_once(&file);
    assert!(recorded.contains("cannot be known"), "{recorded}");
}

#[test]
fn a_backup_in_the_recorded_state_names_what_changed_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let (file, r) = recorded_register(dir.path());
    // The backup holds the state the history last recorded.
    std::fs::copy(&file, storage::save::backup_path(&file)).unwrap();
    edit_by_hand(&file, &r, "R-004");
    let mut p = open(&file);
    p.wait_until("the outside change named at start", T, |s| {
        bottom_line(s).contains("changed outside roreg since 2026-11-20T09:00:00Z: R-004.title")
    });
    close_problems(&mut p);
    change_and_quit(&mut p);
    assert!(assert_recorded_once(&file).contains("R-004.title"));
}
