//! A file whose history records the state the older way (64 bare hex
//! digits) keeps verifying, a hand edit of it is still found, and roreg's
//! next change is recorded in the `t1:` scheme and verifies too. Real
//! `roreg` processes.

mod common;
#[path = "common/pty.rs"]
mod pty;

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use pty::Pty;
use roreg::storage;

const T: Duration = Duration::from_secs(5);

/// A fixture written before `t1:`: every state is 64 bare hex digits.
fn older_file(dir: &Path) -> std::path::PathBuf {
    let fixture = common::fixtures().join("history/whole-list-records.ron");
    let text = std::fs::read_to_string(fixture).unwrap();
    let file = dir.join("older.ron");
    std::fs::write(&file, text).unwrap();
    let register = storage::load(&file).unwrap().register;
    assert!(
        register
            .history
            .iter()
            .all(|h| h.state.len() == 64 && !h.state.starts_with("t1:")),
        "the fixture holds legacy states only"
    );
    file
}

/// `check`'s findings and summary; it exits 0 (warnings only). On a day
/// before the fixture's first management review falls due (2026-11-18),
/// so the counts are of the history's warnings only.
fn check(file: &Path) -> String {
    let o: Output = common::roreg()
        .args(["check", file.to_str().unwrap(), "--today", "2026-11-17"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", common::transcript(&o));
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn edit_organisation_by_hand(file: &Path) {
    let text = std::fs::read_to_string(file).unwrap();
    let needle = "organisation: \"Acme Precision Parts Ltd\"";
    assert_eq!(text.matches(needle).count(), 1);
    std::fs::write(file, text.replace(needle, "organisation: \"Acme Ltd\"")).unwrap();
}

const CHANGED_OUTSIDE: &str = "changed outside roreg since the last recorded change";

#[test]
fn an_older_file_verifies_and_a_hand_edit_of_it_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let file = older_file(dir.path());
    let clean = check(&file);
    assert!(!clean.contains(CHANGED_OUTSIDE), "{clean}");
    assert!(clean.contains("0 errors, 1 warning"), "{clean}");
    edit_organisation_by_hand(&file);
    let edited = check(&file);
    assert!(edited.contains(CHANGED_OUTSIDE), "{edited}");
}

#[test]
fn a_change_to_an_older_file_is_recorded_in_the_new_scheme_and_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let file = older_file(dir.path());
    let before = storage::load(&file).unwrap().register.history.len();
    let mut p = Pty::spawn(
        env!("CARGO_BIN_EXE_roreg"),
        &[file.to_str().unwrap(), "--today", "2026-11-21"],
        &[("NO_COLOR", "1"), ("USER", "qlead"), ("LOGNAME", "qlead")],
        240,
        24,
    );
    p.wait_for("by score", T);
    p.send_str("1");
    p.send_str("1");
    p.wait_saved("score 1×1", T);
    p.send_str("q");
    assert!(p.wait_exit(T).success(), "{}", p.screen());

    let history = storage::load(&file).unwrap().register.history;
    assert!(history.len() > before, "the change was recorded");
    assert!(history[..before].iter().all(|h| h.state.len() == 64));
    for h in &history[before..] {
        assert!(h.state.starts_with("t1:"), "{h:?}");
    }
    let clean = check(&file);
    assert!(clean.contains("0 errors, 0 warnings"), "{clean}");
    edit_organisation_by_hand(&file);
    let edited = check(&file);
    assert!(edited.contains(CHANGED_OUTSIDE), "{edited}");
}
