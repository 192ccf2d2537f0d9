//! Who is editing, through the real binary: logins on people, `--as`,
//! the question asked once, and what `check` says of records by nobody.

mod common;
#[path = "common/pty.rs"]
mod pty;

use std::path::{Path, PathBuf};
use std::time::Duration;

use pty::Pty;
use roreg::domain::{Register, Score, Timestamp, history};
use roreg::storage;

const T: Duration = Duration::from_secs(5);
const TODAY: &str = "2026-11-21";
const RIGHT: &str = "\x1b[C";
/// Every people id of the example, in its order.
const EXAMPLE_IDS: &str = "ahughes, cdavies, dpatel, gevans, jsmith, lwilson, mokoro, pjones, qlead, rbrown, skhan, tnguyen";

fn copy_of_example(dir: &Path) -> PathBuf {
    let file = dir.join("register.ron");
    std::fs::copy(common::example(), &file).unwrap();
    file
}

/// The example with `login` lists added to people by hand, as a user would.
fn with_logins(dir: &Path, logins: &[(&str, &str)]) -> PathBuf {
    let mut text = std::fs::read_to_string(common::example()).unwrap();
    for (id, login) in logins {
        let person = format!("id: \"{id}\",");
        assert!(text.contains(&person), "no person {id}");
        text = text.replacen(&person, &format!("{person} login: [\"{login}\"],"), 1);
    }
    let file = dir.join("register.ron");
    std::fs::write(&file, text).unwrap();
    file
}

fn open_as_login(file: &Path, login: &str, extra: &[&str]) -> Pty {
    let mut args = vec![file.to_str().unwrap(), "--today", TODAY];
    args.extend(extra);
    Pty::spawn(
        env!("CARGO_BIN_EXE_roreg"),
        &args,
        &[("NO_COLOR", "1"), ("USER", login), ("LOGNAME", login)],
        100,
        30,
    )
}

fn new_records_by(file: &Path, before: &Register) -> Vec<String> {
    let after = storage::load(file).unwrap().register;
    after.history[before.history.len()..]
        .iter()
        .map(|h| h.by.clone())
        .collect()
}

/// Scores the selected item 3×4 and quits, waiting for the save.
fn score_and_quit(p: &mut Pty) {
    p.wait_for("likelihood 3; press", T);
    p.send_str("4");
    p.wait_saved("score 3×4", T);
    p.send_str("q");
    assert!(p.wait_exit(T).success(), "{}", p.screen());
}

#[test]
fn a_login_that_is_nobody_is_asked_once_and_the_history_names_the_person_picked() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_of_example(dir.path());
    let before = storage::load(&file).unwrap().register;
    let mut p = open_as_login(&file, "nobody-here", &[]);
    p.wait_for("by score", T);
    // Browsing asks nothing.
    p.send_str("j");
    p.send_str("k");
    assert!(!p.screen().contains("Who is editing?"));

    p.send_str("3");
    p.wait_for("Who is editing?", T);
    for _ in 0..before.people.len() {
        if p.screen().contains("◀ Helen Marsh (qlead) ▶") {
            break;
        }
        let shown = p.screen();
        p.send_str(RIGHT);
        p.wait_until("the next person", T, |s| s != shown);
    }
    p.wait_for("◀ Helen Marsh (qlead) ▶", T);
    p.send_str("\r");
    score_and_quit(&mut p);

    let by = new_records_by(&file, &before);
    assert!(!by.is_empty(), "the change was recorded");
    assert!(by.iter().all(|b| b == "qlead"), "{by:?}");
}

#[test]
fn a_login_listed_on_a_person_is_recorded_as_that_person_without_asking() {
    let dir = tempfile::tempdir().unwrap();
    let file = with_logins(dir.path(), &[("qlead", "hmarsh")]);
    let before = storage::load(&file).unwrap().register;
    let mut p = open_as_login(&file, "hmarsh", &[]);
    // The login was written into the protected example by hand: roreg
    // says so at start, and records it, as this person, with the change.
    p.wait_for("Problems in the file", T);
    // The status line may come a frame after the popup.
    p.wait_for("changed outside roreg since", T);
    p.send_str("q");
    p.wait_until("the problems closed", T, |s| {
        !s.contains("Problems in the file")
    });
    p.wait_for("by score", T);
    p.send_str("3");
    score_and_quit(&mut p);
    assert!(!p.screen().contains("Who is editing?"));
    let by = new_records_by(&file, &before);
    assert_eq!(by.len(), 2, "the outside change, then the score: {by:?}");
    assert!(by.iter().all(|b| b == "qlead"), "{by:?}");
}

#[test]
fn as_a_person_records_that_person_and_the_lock_keeps_the_login() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_of_example(dir.path());
    let before = storage::load(&file).unwrap().register;
    let mut p = open_as_login(&file, "nobody-here", &["--as", "pjones"]);
    p.wait_for("by score", T);
    let note = std::fs::read_to_string(storage::lock::lock_path(&file)).unwrap();
    assert!(note.contains("user=nobody-here\n"), "{note:?}");
    // What is due is pjones's own, until the first key, which acts as ever.
    p.wait_for("Due for you, Paul Jones:", T);
    p.send_str("3");
    p.wait_until("the banner dismissed", T, |s| !s.contains("Due for you"));
    score_and_quit(&mut p);
    let by = new_records_by(&file, &before);
    assert!(!by.is_empty() && by.iter().all(|b| b == "pjones"), "{by:?}");
}

#[test]
fn as_nobody_is_refused_by_the_interface_before_it_starts() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_of_example(dir.path());
    let bytes = std::fs::read(&file).unwrap();
    let mut p = open_as_login(&file, "qlead", &["--as", "nobody"]);
    let status = p.wait_exit(T);
    assert_eq!(status.exit_code(), 2, "{}", p.screen());
    assert!(!p.alternate_screen());
    assert_eq!(
        p.screen().trim(),
        format!("roreg: --as nobody: not a person in the register; valid ids: {EXAMPLE_IDS}")
    );
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
    assert!(!storage::lock::lock_path(&file).exists(), "nothing started");
}

#[test]
fn as_nobody_is_refused_by_every_subcommand_listing_the_valid_ids() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_of_example(dir.path());
    let file = file.to_str().unwrap();
    let out = dir.path().join("report.md");
    let commands: [&[&str]; 4] = [
        &["check", file],
        &["list", file],
        &["log", file],
        &[
            "report",
            file,
            "--format",
            "md",
            "--out",
            out.to_str().unwrap(),
        ],
    ];
    for args in commands {
        let o = common::roreg()
            .args(args)
            .args(["--as", "nobody"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(
            o.status.code(),
            Some(2),
            "{args:?}: {}",
            common::transcript(&o)
        );
        assert_eq!(
            stderr,
            format!("roreg: --as nobody: not a person in the register; valid ids: {EXAMPLE_IDS}\n"),
            "{args:?}"
        );
        assert!(o.stdout.is_empty(), "{args:?}: {}", common::transcript(&o));
        // A person is accepted.
        let o = common::roreg()
            .args(args)
            .args(["--as", "qlead"])
            .output()
            .unwrap();
        assert_eq!(
            o.status.code(),
            Some(0),
            "{args:?}: {}",
            common::transcript(&o)
        );
    }

    let fresh = dir.path().join("new.ron");
    let o = common::roreg()
        .args([
            "new",
            fresh.to_str().unwrap(),
            "--organisation",
            "Acme",
            "--as",
            "jsmith",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", common::transcript(&o));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "roreg: --as jsmith: the register has no people; add them to `people` in the file first\n"
    );
    assert!(!fresh.exists(), "refused before anything was written");
}

#[test]
fn check_names_a_login_given_to_two_people() {
    let dir = tempfile::tempdir().unwrap();
    let file = with_logins(dir.path(), &[("qlead", "hmarsh"), ("jsmith", "hmarsh")]);
    let o = common::roreg()
        .args(["check", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", common::transcript(&o));
    // The logins were written into the protected example by hand: that
    // warning aside.
    let all = String::from_utf8_lossy(&o.stdout);
    assert!(
        all.contains("history: warning: changed outside roreg since the last recorded change"),
        "{all}"
    );
    let stdout: String = all
        .lines()
        .filter(|l| !l.contains("warning: changed outside roreg"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(
        stdout,
        format!(
            "{}: people.qlead.login: login \"hmarsh\" is given to both jsmith and qlead; a login names one person, remove it from one of them\n",
            file.display()
        )
    );
}

#[test]
fn check_warns_of_a_change_recorded_by_someone_not_in_people() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_of_example(dir.path());
    let loaded = storage::load(&file).unwrap();
    let mut next = loaded.register.clone();
    next.items[0].current = Score::new(1, 1);
    let changes = history::diff(&loaded.register, &next);
    let at = Timestamp::parse("2026-11-21T10:00:00Z").unwrap();
    history::record(&mut next, changes, at, "hmarsh");
    storage::save(&file, &next, Some(loaded.fingerprint)).unwrap();
    let index = loaded.register.history.len();

    let o = common::roreg()
        .args(["check", file.to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains(&format!(
            "history[{index}].by: warning: \"hmarsh\" is not a people id, so this change is attributed to no person"
        )),
        "{}",
        common::transcript(&o)
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "a warning: {}",
        common::transcript(&o)
    );
    let strict = common::roreg()
        .args(["check", "--strict", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn a_login_is_saved_as_a_list_and_absent_when_empty() {
    let loaded = storage::load(&common::example()).unwrap();
    let original = storage::to_text(&loaded.register).unwrap();
    assert!(
        !original.contains("login"),
        "no person has one: nothing written"
    );
    let mut register = loaded.register.clone();
    register.people[8].login = vec!["hmarsh".into()];
    // Like every list in the file, one element a line.
    let text = storage::to_text(&register).unwrap();
    let expected = "            top_management: false,\n            login: [\n                \"hmarsh\",\n            ],\n";
    assert!(text.contains(expected), "{text}");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("register.ron");
    std::fs::write(&file, &text).unwrap();
    assert_eq!(storage::load(&file).unwrap().register, register);
}
