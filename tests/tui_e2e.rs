//! End-to-end: the real `roreg` binary in a pseudo-terminal, on a copy of the
//! example register, checking what reaches the disk and that the terminal is
//! given back.

mod common;
#[path = "common/pty.rs"]
mod pty;

use std::path::PathBuf;
use std::time::Duration;

use pty::Pty;
use roreg::domain::queries::select;
use roreg::domain::{Action, ActionStatus, Date, Filter, Register, Score, SortKey, ids};

/// Generous: CI machines are slow, and every wait ends as soon as it can.
const T: Duration = Duration::from_secs(5);
const TODAY: &str = "2026-11-21";
/// Leaving the alternate screen.
const LEAVE_ALTERNATE: &[u8] = b"\x1b[?1049l";
const CTRL_S: &[u8] = b"\x13";

fn today() -> Date {
    Date::parse(TODAY).unwrap()
}

/// A copy of the example register in its own folder.
struct Fixture {
    dir: tempfile::TempDir,
    file: PathBuf,
    original_bytes: Vec<u8>,
    original: Register,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("register.ron");
    std::fs::copy(common::example(), &file).unwrap();
    let original_bytes = std::fs::read(&file).unwrap();
    let original = roreg::storage::load(&file).unwrap().register;
    Fixture {
        dir,
        file,
        original_bytes,
        original,
    }
}

impl Fixture {
    fn open(&self, cols: u16, rows: u16) -> Pty {
        let p = Pty::spawn(
            env!("CARGO_BIN_EXE_roreg"),
            &[self.file.to_str().unwrap(), "--today", TODAY],
            // A login name that is nobody in the register, so no default
            // depends on who runs the tests.
            &[
                ("NO_COLOR", "1"),
                ("USER", "e2e-tester"),
                ("LOGNAME", "e2e-tester"),
            ],
            cols,
            rows,
        );
        p.wait_for("by score", T);
        p
    }

    fn on_disk(&self) -> Register {
        roreg::storage::load(&self.file).unwrap().register
    }

    /// The id of the item at the top of the list: highest score first.
    fn first_by_score(&self) -> String {
        let view = select(
            &self.original,
            &Filter::default(),
            SortKey::Score,
            false,
            today(),
        );
        self.original.items[view[0]].id.clone()
    }

    /// The names in the folder, sorted.
    fn entries(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

fn bottom_line(screen: &str) -> &str {
    screen.lines().last().unwrap_or("")
}

/// The status line says the last save finished: `saved HH:MM:SS` at its end.
fn save_done(screen: &str) -> bool {
    let line = bottom_line(screen).trim_end();
    let Some(at) = line.rfind("saved ") else {
        return false;
    };
    let time = &line[at + "saved ".len()..];
    time.len() == 8
        && time.bytes().enumerate().all(|(i, b)| {
            if i == 2 || i == 5 {
                b == b':'
            } else {
                b.is_ascii_digit()
            }
        })
}

/// The status line shows `message`, and the save it asked for has finished.
fn wait_saved(p: &Pty, message: &str) {
    p.wait_until(
        &format!("{message:?} on the status line, saved"),
        T,
        |screen| bottom_line(screen).contains(message) && save_done(screen),
    );
}

fn raw_contains(p: &Pty, needle: &[u8]) -> bool {
    p.raw_output().windows(needle.len()).any(|w| w == needle)
}

/// Opens the first item, re-scores it 2×3 and waits for the confirmation;
/// returns its id.
fn rescore_first_item(f: &Fixture, p: &mut Pty) -> String {
    let id = f.first_by_score();
    // The list starts on it.
    p.wait_until(&format!("{id} selected"), T, |screen| {
        screen
            .lines()
            .find(|l| l.contains('▶'))
            .is_some_and(|l| l.contains(&id))
    });
    p.send_str("\r");
    p.wait_for("roreg · Item", T);
    p.wait_for(&id, T);
    p.send_str("2");
    p.wait_for("likelihood 2; press", T);
    p.send_str("3");
    p.wait_until(&format!("{id} score 2×3 on the status line"), T, |screen| {
        bottom_line(screen).contains(&format!("{id} score 2×3"))
    });
    id
}

#[test]
fn rescore_and_add_an_action_saves_exactly_those_changes() {
    let f = fixture();
    let mut p = f.open(80, 24);
    assert!(p.alternate_screen(), "roreg draws on the alternate screen");

    let id = rescore_first_item(&f, &mut p);
    wait_saved(&p, &format!("{id} score 2×3"));

    let action_id = ids::next(
        "A",
        f.original
            .items
            .iter()
            .flat_map(|i| i.actions.iter().map(|a| a.id.as_str())),
    );
    p.send_str("a");
    p.wait_for(&format!("New action on {id}"), T);
    p.send_str("Call the supplier");
    p.wait_for("Call the supplier", T);
    p.send(CTRL_S);
    wait_saved(&p, &format!("{action_id} saved on {id}"));

    p.send_str("q");
    p.wait_for("roreg · Register", T);
    p.send_str("q");
    let status = p.wait_exit(T);
    assert!(status.success(), "{status:?}");
    assert!(
        raw_contains(&p, LEAVE_ALTERNATE),
        "the terminal did not leave the alternate screen"
    );
    assert!(!p.alternate_screen());

    let mut expected = f.original.clone();
    let item = expected.item_mut(&id).unwrap();
    item.current = Score::new(2, 3);
    let owner = item.owner.clone();
    item.actions.push(Action {
        id: action_id,
        text: "Call the supplier".into(),
        owner,
        due: Date::parse("2026-12-21").unwrap(),
        status: ActionStatus::Open,
        done_on: None,
        effectiveness: None,
    });
    expected.normalise();
    assert_eq!(f.on_disk(), expected);
}

#[test]
fn opening_and_quitting_leaves_the_folder_as_it_was() {
    let f = fixture();
    let mut p = f.open(80, 24);
    p.send_str("q");
    let status = p.wait_exit(T);
    assert!(status.success(), "{status:?}");
    assert!(raw_contains(&p, LEAVE_ALTERNATE));

    assert!(
        std::fs::read(&f.file).unwrap() == f.original_bytes,
        "opening and quitting changed the file"
    );
    // No backup, no temp file; a lock sidecar may stay behind.
    let entries = f.entries();
    let unexpected: Vec<&String> = entries
        .iter()
        .filter(|n| *n != "register.ron" && *n != "register.ron.lock")
        .collect();
    assert!(unexpected.is_empty(), "left behind: {unexpected:?}");
}

#[test]
fn sigterm_restores_the_terminal_and_keeps_the_confirmed_change() {
    let f = fixture();
    let mut p = f.open(80, 24);
    let id = rescore_first_item(&f, &mut p);
    // At once, while the save may still be under way.
    let pid = p.pid().expect("the child's pid");
    let kill = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(kill.success());

    let status = p.wait_exit(T);
    assert_eq!(
        status.signal(),
        None,
        "roreg was killed by the signal instead of handling it: {status:?}"
    );
    assert_eq!(
        status.exit_code(),
        128 + 15,
        "exit code says it was terminated"
    );
    assert!(
        raw_contains(&p, LEAVE_ALTERNATE),
        "the terminal did not leave the alternate screen"
    );
    assert!(!p.alternate_screen());

    let mut expected = f.original.clone();
    expected.item_mut(&id).unwrap().current = Score::new(2, 3);
    assert_eq!(f.on_disk(), expected);
}

#[test]
fn a_tiny_terminal_says_so_and_recovers() {
    let f = fixture();
    let mut p = f.open(80, 24);
    p.resize(50, 12);
    p.wait_for("Terminal too small", T);
    p.resize(80, 24);
    p.wait_until("the register back", T, |screen| {
        screen.contains("by score") && !screen.contains("Terminal too small")
    });
    // Still alive and answering keys.
    p.send_str("?");
    p.wait_for("Keys: Register", T);
    p.send_str("q");
    p.wait_until("help closed", T, |screen| {
        screen.contains("by score") && !screen.contains("Keys: Register")
    });
    p.send_str("q");
    let status = p.wait_exit(T);
    assert!(status.success(), "{status:?}");
    assert!(std::fs::read(&f.file).unwrap() == f.original_bytes);
}

/// Guards the helpers above against a silent false positive.
#[test]
fn save_done_reads_the_status_line() {
    assert!(save_done(
        "x\n O-002 score 2×3=6 (Medium)     saved 12:34:56 "
    ));
    assert!(!save_done("x\n O-002 score 2×3=6 (Medium)     saving… "));
    assert!(!save_done("x\n A-038 saved on O-002     saving… "));
    assert!(!save_done("x\n A-038 saved on O-002"));
}
