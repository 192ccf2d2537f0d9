//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod generated;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn roreg() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_roreg"));
    // A fixed day, so what falls due with the calendar (a management
    // review) never changes a test's outcome; tests that need the clock
    // remove it.
    cmd.env_remove("ROREG_FILE")
        .env("NO_COLOR", "1")
        .env("ROREG_TODAY", "2026-11-21");
    cmd
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/example.ron")
}

/// Exit code, stdout and stderr in one text, as the golden files hold them.
pub fn transcript(output: &Output) -> String {
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        output
            .status
            .code()
            .map_or("signal".to_string(), |c| c.to_string()),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Compares with a golden file; `BLESS=1 cargo test` rewrites it instead.
pub fn assert_golden(golden: &Path, actual: &str) {
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(golden, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(golden).unwrap_or_else(|_| {
        panic!(
            "missing golden file {}; run with BLESS=1 to create it",
            golden.display()
        )
    });
    assert_eq!(actual, expected, "output differs from {}", golden.display());
}

/// Whether permission checks mean anything here (root reads and writes anything).
pub fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

/// The history the shipped example comes with (recorded by roreg: see
/// `tests/example_history.rs`).
pub fn example_history() -> Vec<roreg::domain::HistoryRecord> {
    roreg::storage::load(&example()).unwrap().register.history
}

/// The records a test's changes added to a copy of the shipped example: the
/// history it started with is still there unchanged, and what follows it
/// holds no baseline (the example's history already protects all of it).
#[track_caller]
pub fn added_records<'a>(
    original: &[roreg::domain::HistoryRecord],
    history: &'a [roreg::domain::HistoryRecord],
) -> &'a [roreg::domain::HistoryRecord] {
    assert!(
        history.len() >= original.len() && history[..original.len()] == *original,
        "the history the file started with is kept, unchanged, at its start"
    );
    let added = &history[original.len()..];
    assert!(
        !added.iter().any(|h| h.field == "baseline"),
        "no baseline written on a protected register: {added:?}"
    );
    added
}
