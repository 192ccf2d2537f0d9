//! The one-writer rule when the lock file is tampered with, and what a
//! viewer is told about the editor. Real `roreg` processes in pseudo-terminals.

mod common;
#[path = "common/pty.rs"]
mod pty;

use std::path::{Path, PathBuf};
use std::time::Duration;

use pty::{Pty, bottom_line};
use roreg::domain::Score;
use roreg::storage;

const T: Duration = Duration::from_secs(5);
/// Wide enough for a whole "read-only: … is editing" on the status line.
const COLS: u16 = 240;

fn register_in(dir: &Path) -> PathBuf {
    let file = dir.join("register.ron");
    std::fs::copy(common::example(), &file).unwrap();
    file
}

fn open(args: &[&str], user: &str) -> Pty {
    let mut all = args.to_vec();
    // The logins are nobody in the example: each edits as a person.
    let person = if user == "alice" { "qlead" } else { "pjones" };
    all.extend(["--today", "2026-11-21", "--as", person]);
    let p = Pty::spawn(
        env!("CARGO_BIN_EXE_roreg"),
        &all,
        &[("NO_COLOR", "1"), ("USER", user), ("LOGNAME", user)],
        COLS,
        24,
    );
    p.wait_for("by score", T);
    p
}

fn header(screen: &str) -> &str {
    screen.lines().next().unwrap_or("")
}

fn quit(p: &mut Pty) {
    p.send_str("q");
    assert!(p.wait_exit(T).success(), "{}", p.screen());
}

#[test]
fn a_removed_lock_file_makes_no_second_writer_and_is_put_back() {
    let dir = tempfile::tempdir().unwrap();
    let file = register_in(dir.path());
    let lock_file = storage::lock::lock_path(&file);
    let mut a = open(&[file.to_str().unwrap()], "alice");
    let a_pid = a.pid().unwrap();

    // `git clean -X` while alice edits; bob opens the register right after.
    std::fs::remove_file(&lock_file).unwrap();
    let mut b = open(&[file.to_str().unwrap()], "bob");
    b.wait_until("bob is read-only", T, |s| header(s).contains("READ-ONLY"));
    a.wait_until("alice is told, and still edits", T, |s| {
        bottom_line(s).contains("register.ron.lock was removed; put it back")
    });
    assert!(!header(&a.screen()).contains("READ-ONLY"), "{}", a.screen());
    let note = std::fs::read_to_string(&lock_file).unwrap();
    assert!(
        note.contains("user=alice\n") && note.contains(&format!("pid={a_pid}\n")),
        "the lock file is alice's again: {note:?}"
    );

    // Bob changes nothing; alice's change is saved.
    b.send_str("11");
    b.wait_until("bob's change refused", T, |s| {
        bottom_line(s).contains("read-only:")
    });
    a.send_str("2");
    a.send_str("2");
    a.wait_saved("score 2×2", T);
    quit(&mut b);
    quit(&mut a);
    let disk = storage::load(&file).unwrap().register;
    let changed: Vec<&str> = common::added_records(&common::example_history(), &disk.history)
        .iter()
        .map(|h| h.by.as_str())
        .collect();
    assert_eq!(changed, ["qlead"], "only the editor, alice as qlead, wrote");
    assert!(disk.items.iter().any(|i| i.current == Score::new(2, 2)));
}

#[test]
fn a_viewer_is_told_who_edits_and_when_they_leave() {
    let dir = tempfile::tempdir().unwrap();
    let file = register_in(dir.path());
    let mut a = open(&[file.to_str().unwrap()], "alice");
    let a_pid = a.pid().unwrap();
    let mut v = open(&["view", file.to_str().unwrap()], "carol");
    let editing = "read-only: opened read-only; alice on ";
    v.wait_until("the viewer names the editor", T, |s| {
        let line = bottom_line(s);
        line.contains(editing) && line.contains(&format!("(pid {a_pid}) since "))
    });
    // A refused key says who edits too.
    v.send_str("11");
    v.wait_until("the refusal names alice", T, |s| {
        bottom_line(s).matches(editing).count() == 2
    });
    quit(&mut a);
    v.wait_until("the viewer is told the editor left", T, |s| {
        bottom_line(s).contains("the editor has left; nobody is editing now")
    });
    v.send_str("11");
    v.wait_until("still read-only, and says so", T, |s| {
        bottom_line(s).contains("read-only: opened read-only; nobody is editing now")
    });
    let mut b = open(&[file.to_str().unwrap()], "bob");
    v.wait_until("a new editor is named", T, |s| {
        bottom_line(s).contains("bob on ") && bottom_line(s).contains(" is editing now")
    });
    quit(&mut b);
    quit(&mut v);
}
