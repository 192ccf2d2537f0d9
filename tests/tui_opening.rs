//! A large register says on screen that it is being opened before it is
//! read, and gives the terminal back when it cannot be opened.

mod common;
#[path = "common/pty.rs"]
mod pty;

use std::path::{Path, PathBuf};
use std::time::Duration;

use pty::Pty;

const T: Duration = Duration::from_secs(60);

/// A generated register of well over a mebibyte.
fn large(dir: &Path) -> PathBuf {
    let file = dir.join("big.ron");
    let register = common::generated::generated("Big Works Ltd", 6000);
    roreg::storage::save::create(&file, &register).unwrap();
    let size = std::fs::metadata(&file).unwrap().len();
    assert!(
        size > 1 << 20,
        "only {size} bytes: too small to get the opening screen"
    );
    file
}

fn open(file: &Path) -> Pty {
    Pty::spawn(
        env!("CARGO_BIN_EXE_roreg"),
        &[
            file.to_str().unwrap(),
            "--as",
            "ann",
            "--today",
            "2026-11-21",
        ],
        &[("NO_COLOR", "1")],
        100,
        30,
    )
}

#[test]
fn a_large_register_says_it_is_opening_before_the_list_appears() {
    let dir = tempfile::tempdir().unwrap();
    let file = large(dir.path());
    let mut p = open(&file);
    p.wait_for("by score", T);
    let shown = String::from_utf8_lossy(&p.raw_output()).into_owned();
    // The terminal skips blanks with cursor moves: find the words in order.
    let mut at = 0;
    for word in ["opening", "big.ron", "MiB)", "by score"] {
        at += shown[at..]
            .find(word)
            .unwrap_or_else(|| panic!("no {word:?} after the opening words in {shown:?}"));
    }
    assert!(
        shown.find("opening").unwrap() < shown.find("Big Works Ltd").unwrap(),
        "the opening line comes before the register"
    );
    p.send_str("q");
    assert!(p.wait_exit(T).success());
}

#[test]
fn a_large_file_that_does_not_load_gives_the_terminal_back_with_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = large(dir.path());
    let text = std::fs::read(&file).unwrap();
    std::fs::write(&file, &text[..text.len() - 200]).unwrap();
    let mut p = open(&file);
    let status = p.wait_exit(T);
    assert_eq!(status.exit_code(), 2);
    assert!(!p.alternate_screen(), "the terminal is given back");
    let screen = p.screen();
    assert!(
        screen.contains("big.ron:"),
        "the error names the file: {screen}"
    );
}
