//! End-to-end: the real `roreg` binary in a pseudo-terminal, on a copy of the
//! example register, checking what reaches the disk and that the terminal is
//! given back.

mod common;
#[path = "common/pty.rs"]
mod pty;

use std::path::PathBuf;
use std::time::Duration;

use pty::{Pty, bottom_line, save_done};
use roreg::domain::queries::select;
use roreg::domain::{
    Action, ActionStatus, Attendance, Date, Filter, MeetingKind, Register, Review, Score, Severity,
    SortKey, ids,
};

/// Generous: CI machines are slow, and every wait ends as soon as it can.
const T: Duration = Duration::from_secs(5);
const TODAY: &str = "2026-11-21";
/// Leaving the alternate screen.
const LEAVE_ALTERNATE: &[u8] = b"\x1b[?1049l";
const CTRL_S: &[u8] = b"\x13";
const DOWN: &[u8] = b"\x1b[B";
const RIGHT: &[u8] = b"\x1b[C";

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
            &[
                self.file.to_str().unwrap(),
                "--today",
                TODAY,
                "--as",
                "qlead",
            ],
            // A login name that is nobody in the register, editing as the
            // quality lead, so no default depends on who runs the tests.
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

/// The status line shows `message`, and the save it asked for has finished.
fn wait_saved(p: &Pty, message: &str) {
    p.wait_saved(message, T);
}

/// The file holds `expected` and a change log that speaks only of the
/// `records` changed (its times and hashes come from the clock, so the log
/// itself is taken from the file).
#[track_caller]
fn assert_file_holds(disk: &Register, mut expected: Register, records: &[&str]) {
    for record in common::added_records(&expected.history, &disk.history) {
        assert!(
            records.contains(&record.record.as_str()),
            "the log records a change to {}: {record:?}",
            record.record
        );
    }
    expected.history = disk.history.clone();
    if *disk != expected {
        let differences = roreg::domain::history::diff(&expected, disk);
        panic!("the file differs from what was done (expected → on disk): {differences:#?}");
    }
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
        id: action_id.clone(),
        text: "Call the supplier".into(),
        owner,
        due: Date::parse("2026-12-21").unwrap(),
        status: ActionStatus::Open,
        done_on: None,
        effectiveness: None,
    });
    expected.normalise();
    assert_file_holds(&f.on_disk(), expected, &[&id, &format!("{id}/{action_id}")]);
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
    assert_file_holds(&f.on_disk(), expected, &[&id]);
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

/// The focused line of a form (marked ▶) shows `label` and `value`.
fn focused_line(p: &Pty, label: &str, value: &str) {
    p.wait_until(&format!("▶ {label} … {value}"), T, |screen| {
        screen
            .lines()
            .any(|l| l.contains(&format!("▶ {label}")) && l.contains(value))
    });
}

/// Presses ↓ until the focused line of the form is `label`.
fn down_to(p: &mut Pty, label: &str) {
    for _ in 0..20 {
        let screen = p.screen();
        if screen.lines().any(|l| l.contains(&format!("▶ {label}"))) {
            return;
        }
        let before = screen;
        p.send(DOWN);
        p.wait_until("the focus to move", T, |screen| screen != before);
    }
    panic!("no line {label} in the form:\n{}", p.screen());
}

/// A whole meeting on a copy of the example: start it with two people
/// present, re-score the first two agenda items, record a decision, add an
/// action, finish and close it; the file then holds exactly that meeting
/// and its effects.
#[test]
fn a_meeting_run_from_the_keyboard_is_recorded_exactly() {
    let f = fixture();
    let mut p = f.open(80, 24);

    p.send_str("m");
    p.wait_for("New meeting: who is here?", T);
    // Editing as Helen Marsh (qlead): she is offered as facilitator and
    // marked present; nobody else is (attendance is never guessed).
    p.send(DOWN);
    focused_line(&p, "Facilitator", "Helen Marsh (qlead)");
    p.send(DOWN);
    focused_line(&p, "Amy Hughes", "absent");
    // The other person present: ↓ to her line, → present.
    down_to(&mut p, "Jane Smith");
    p.send(RIGHT);
    focused_line(&p, "Jane Smith", "present");
    down_to(&mut p, "Helen Marsh");
    focused_line(&p, "Helen Marsh", "present");
    p.send(CTRL_S);
    wait_saved(&p, "M-007 started: 11 items on the agenda");
    p.wait_for("item 1 of 11", T);
    p.wait_for("R-012", T);

    // The first item: R-012, 4×3 High → 3×2 Medium, with a decision.
    p.send_str("3");
    p.send_str("2");
    wait_saved(&p, "R-012 score 3×2");
    p.send_str("d");
    p.wait_for("Decision on R-012", T);
    p.send_str("Surcharge clause in new contracts");
    p.wait_for("Surcharge clause in new contracts", T);
    p.send_str("\r");
    wait_saved(&p, "decision on R-012 recorded");
    p.send_str("\r");
    wait_saved(&p, "R-012 reviewed");
    p.wait_for("item 2 of 11", T);

    // The second: O-005, 4×3 → 2×2, with a new action.
    p.wait_for("O-005", T);
    p.send_str("2");
    p.send_str("2");
    wait_saved(&p, "O-005 score 2×2");
    p.send_str("a");
    p.wait_for("New action on O-005", T);
    p.send_str("Name two mentors");
    p.wait_for("Name two mentors", T);
    p.send(CTRL_S);
    wait_saved(&p, "A-038 saved on O-005");
    // No decision yet: Enter asks; "no change" is the decision.
    p.send_str("\r");
    p.wait_for("Review of O-005: what was decided?", T);
    p.send(RIGHT);
    p.send(CTRL_S);
    wait_saved(&p, "O-005 reviewed");
    p.wait_for("item 3 of 11", T);

    p.send_str("f");
    p.wait_for("Finish M-007", T);
    p.send_str("y");
    wait_saved(&p, "M-007 closed: 2 items reviewed");
    p.wait_for("roreg · Register", T);
    p.send_str("q");
    let status = p.wait_exit(T);
    assert!(status.success(), "{status:?}");
    assert!(raw_contains(&p, LEAVE_ALTERNATE));

    let disk = f.on_disk();
    let problems: Vec<String> = roreg::domain::validate(&disk)
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.to_string())
        .collect();
    assert!(problems.is_empty(), "{problems:?}");
    let added: Vec<&str> = disk
        .meetings
        .iter()
        .filter(|m| !f.original.meetings.iter().any(|o| o.id == m.id))
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(added, ["M-007"], "exactly one new meeting");
    let on_disk = disk.meetings.iter().find(|m| m.id == "M-007").unwrap();
    let started = on_disk.started;
    let closed = on_disk.closed.expect("M-007 is closed");
    assert!(closed >= started);
    assert_eq!(on_disk.reviewed.len(), 2, "{:?}", on_disk.reviewed);

    // What the keys above should have recorded. Only what comes from the
    // clock (started, closed, each review's time) and the change log with
    // its hashes are taken from the file; every other field of the meeting
    // is set here.
    let mut meeting = on_disk.clone();
    meeting.kind = MeetingKind::RiskReview;
    meeting.facilitator = "qlead".into();
    meeting.attendance = [
        "ahughes", "cdavies", "dpatel", "gevans", "jsmith", "lwilson", "mokoro", "pjones", "qlead",
        "rbrown", "skhan", "tnguyen",
    ]
    .iter()
    .map(|person| Attendance {
        person: person.to_string(),
        present: *person == "jsmith" || *person == "qlead",
        apologies: false,
        arrived: None,
        left: None,
    })
    .collect();
    meeting.reviewed = vec![
        Review {
            item: "R-012".into(),
            before: Score::new(4, 3),
            after: Score::new(3, 2),
            decision: "Surcharge clause in new contracts".into(),
            at: on_disk.reviewed[0].at,
            next_review: None,
            output: None,
        },
        Review {
            item: "O-005".into(),
            before: Score::new(4, 3),
            after: Score::new(2, 2),
            decision: "No change".into(),
            at: on_disk.reviewed[1].at,
            next_review: None,
            output: None,
        },
    ];
    meeting.notes = String::new();
    // Worked out by hand from the example: overdue reviews by date
    // (R-012 2026-07-21; O-005, R-004, R-011 2026-09-15; O-002 2026-10-16;
    // R-020 2026-11-18), then High/Critical risks to a key customer's
    // requirement (R-009, R-017), then High/Critical items not reviewed
    // with top management within their interval (O-003, O-008, R-002).
    meeting.agenda = [
        "R-012", "O-005", "R-004", "R-011", "O-002", "R-020", "R-009", "R-017", "O-003", "O-008",
        "R-002",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    meeting.actions_raised = vec!["A-038".into()];
    meeting.actions_closed = Vec::new();
    for review in &meeting.reviewed {
        assert!(started <= review.at && review.at <= closed, "{review:?}");
    }

    let mut expected = f.original.clone();
    expected.meetings.push(meeting);
    let meeting_day = started.date();
    // R-012 now 3×2=6, Medium: 180 days from the meeting day.
    let r012 = expected.item_mut("R-012").unwrap();
    r012.current = Score::new(3, 2);
    r012.next_review = Some(meeting_day.add_days(180));
    // O-005 now 2×2=4, Low: 365 days; and the new action, owned by the
    // item's owner, due a month after today.
    let o005 = expected.item_mut("O-005").unwrap();
    o005.current = Score::new(2, 2);
    o005.next_review = Some(meeting_day.add_days(365));
    o005.actions.push(Action {
        id: "A-038".into(),
        text: "Name two mentors".into(),
        owner: "lwilson".into(),
        due: Date::parse("2026-12-21").unwrap(),
        status: ActionStatus::Open,
        done_on: None,
        effectiveness: None,
    });
    expected.normalise();
    assert_file_holds(&disk, expected, &["M-007", "R-012", "O-005", "O-005/A-038"]);
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

#[test]
fn a_register_that_does_not_load_is_named_without_raw_escape_sequences() {
    let f = fixture();
    let hostile = "2026-11-21\u{1b}]2;PWNED\u{7}\u{1b}[2J";
    let text = String::from_utf8(f.original_bytes.clone())
        .unwrap()
        .replacen(
            "next_review: Some(\"",
            &format!("next_review: Some(\"{hostile}"),
            1,
        );
    std::fs::write(&f.file, text).unwrap();
    let mut p = Pty::spawn(
        env!("CARGO_BIN_EXE_roreg"),
        &[f.file.to_str().unwrap()],
        &[("NO_COLOR", "1")],
        100,
        24,
    );
    let status = p.wait_exit(T);
    assert_eq!(status.exit_code(), 2, "{}", p.screen());
    let raw = String::from_utf8_lossy(&p.raw_output()).into_owned();
    assert!(raw.contains("␛]2;PWNED␇␛[2J"), "shown as symbols: {raw:?}");
    assert!(!raw.contains("\u{1b}]2;PWNED"), "never sent raw: {raw:?}");
}

#[test]
fn a_slip_undone_with_z_leaves_the_file_as_it_was_and_the_history_says_so() {
    let f = fixture();
    let first = f.first_by_score();
    let mut p = f.open(100, 30);
    p.send(b"23");
    wait_saved(&p, &format!("{first} score 2×3"));
    p.send(b"z");
    wait_saved(&p, &format!("undone: {first} score 2×3"));
    p.send(b"q");
    assert!(p.wait_exit(T).success(), "{}", p.screen());
    let disk = f.on_disk();
    assert_file_holds(&disk, f.original.clone(), &[first.as_str(), "register"]);
    let records: Vec<(&str, &str, &str)> =
        common::added_records(&f.original.history, &disk.history)
            .iter()
            .map(|h| (h.field.as_str(), h.old.as_str(), h.new.as_str()))
            .collect();
    let undone = format!("\"{first} score 2×3=6 (Medium)\"");
    assert_eq!(
        records,
        [
            (
                "current",
                "(likelihood:4,impact:4)",
                "(likelihood:2,impact:3)"
            ),
            ("undo", "", undone.as_str()),
            (
                "current",
                "(likelihood:2,impact:3)",
                "(likelihood:4,impact:4)"
            )
        ],
        "the slip and its undoing are both recorded, the undoing as such"
    );
}
