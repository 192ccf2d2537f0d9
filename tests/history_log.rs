//! `roreg log ID` shows everything about a record, meeting records about it
//! included, one short line each; registers written before small records
//! (whole lists in the history) still verify and log the same way.

mod common;

use std::path::Path;
use std::process::Output;

use common::{roreg, transcript};
use roreg::domain::history::{diff, record};
use roreg::domain::{MeetingKind, Register, Score, Timestamp, meetings};
use roreg::storage;

fn at(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

fn change(r: &mut Register, when: &str, f: impl FnOnce(&mut Register)) {
    let before = r.clone();
    f(r);
    let changes = diff(&before, r);
    record(r, changes, at(when), "qlead");
}

fn run(args: &[&str], dir: &Path) -> Output {
    roreg().current_dir(dir).args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

const DECISION: &str = "Fund the spare rectifier \u{1b}[31mnow\u{1b}[0m; the maintenance lead orders it this week and reports at the next review";

/// The example with a meeting that reviews R-002 and R-003 (R-002 with a
/// long decision holding an escape sequence), moves R-002 later and closes.
fn register_with_meeting(dir: &Path) -> Register {
    let mut r = storage::load(&common::example()).unwrap().register;
    let agenda = vec!["R-002".to_string(), "R-003".to_string()];
    change(&mut r, "2026-11-20T09:00:00Z", |r| {
        meetings::start(
            r,
            MeetingKind::RiskReview,
            "qlead",
            vec![],
            agenda,
            at("2026-11-20T09:00:00Z"),
        )
        .unwrap();
    });
    for item in ["R-002", "R-003"] {
        change(&mut r, "2026-11-20T09:10:00Z", |r| {
            meetings::rescore(r, item, Score::new(2, 2), at("2026-11-20T09:10:00Z")).unwrap()
        });
    }
    change(&mut r, "2026-11-20T09:20:00Z", |r| {
        meetings::decide(r, "R-002", DECISION, at("2026-11-20T09:20:00Z")).unwrap()
    });
    change(&mut r, "2026-11-20T09:30:00Z", |r| {
        r.meetings.last_mut().unwrap().agenda.reverse()
    });
    change(&mut r, "2026-11-20T10:00:00Z", |r| {
        meetings::close(r, at("2026-11-20T10:00:00Z")).unwrap();
    });
    std::fs::write(dir.join("met.ron"), storage::to_text(&r).unwrap()).unwrap();
    r
}

#[test]
fn log_of_an_item_shows_the_meetings_decision_agenda_and_score() {
    let dir = tempfile::tempdir().unwrap();
    let r = register_with_meeting(dir.path());
    let meeting = &r.meetings.last().unwrap().id;
    let o = run(&["log", "met.ron", "R-002"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", transcript(&o));
    let out = stdout(&o);
    // The example's own records about R-002 come first; then this meeting's.
    let shipped = common::example_history().len();
    let index = |l: &str| -> usize { l.split_whitespace().next().unwrap().parse().unwrap() };
    let all: Vec<&str> = out.lines().collect();
    let first = all.iter().position(|l| index(l) >= shipped).unwrap();
    assert!(
        first > 0,
        "the example's history of R-002 is shown too: {out}"
    );
    let lines = &all[first..];
    let fields: Vec<&str> = lines
        .iter()
        .map(|l| l.split_once(": ").unwrap().0.rsplit(' ').next().unwrap())
        .collect();
    assert_eq!(
        fields,
        [
            format!("{meeting}.agenda[R-002]"),
            "R-002.current".into(),
            format!("{meeting}.reviewed[R-002]"),
            format!("{meeting}.reviewed[R-002]"),
            format!("{meeting}.agenda[R-002]"),
            "R-002.next_review".into(),
        ],
        "{out}"
    );
    assert!(
        lines[0].ends_with(&format!("{meeting}.agenda[R-002]: added 1")),
        "{out}"
    );
    assert!(
        lines[4].ends_with(&format!("{meeting}.agenda[R-002]: 1 -> 2")),
        "{out}"
    );
    assert!(
        lines[3].contains("decision:\"\"") && lines[3].contains(" -> (item:\"R-002\""),
        "{out}"
    );
    // Values are cut to 100 columns; the escape sequence never reaches the terminal.
    for line in lines {
        let change = line.split_once(": ").unwrap().1;
        for value in change.split(" -> ") {
            assert!(
                value.chars().count() <= 100 + "removed (was )".len(),
                "{line}"
            );
        }
    }
    assert!(lines[3].ends_with('…'), "{out}");
    assert!(!out.contains('\u{1b}'), "{out}");

    let full = run(&["log", "met.ron", "R-002", "--full"], dir.path());
    let full_out = stdout(&full);
    assert_eq!(full_out.lines().count(), all.len(), "{full_out}");
    assert!(
        full_out.contains("maintenance lead orders it this week and reports at the next review"),
        "{full_out}"
    );
    assert!(!full_out.contains('\u{1b}'), "{full_out}");
}

#[test]
fn a_register_written_with_whole_lists_still_verifies_and_logs_the_element() {
    let fixture = common::fixtures().join("history/whole-list-records.ron");
    let text = std::fs::read_to_string(&fixture).unwrap();
    assert!(
        text.contains("field: \"reviewed\","),
        "the fixture holds whole-list records"
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("old.ron"), &text).unwrap();
    let o = run(&["check", "old.ron"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", transcript(&o));

    let log = run(&["log", "old.ron", "O-002", "--full"], dir.path());
    assert_eq!(log.status.code(), Some(0), "{}", transcript(&log));
    let out = stdout(&log);
    let decided = out
        .lines()
        .find(|l| l.contains("M-001.reviewed[O-002]: (item:\"O-002\""))
        .unwrap_or_else(|| panic!("the decision on O-002 as one element:\n{out}"));
    assert!(
        decided.contains("decision:\"Keep the controls on O-002;"),
        "{decided}"
    );
    assert!(
        !decided.contains("O-001") && !decided.contains("O-003"),
        "{decided}"
    );

    // One decision of the closed meeting edited by hand: named with its item.
    let edited = text.replacen(
        "decision: \"Keep the controls on O-002;",
        "decision: \"Dropped;",
        1,
    );
    assert_ne!(edited, text);
    std::fs::write(dir.path().join("edited.ron"), edited).unwrap();
    let o = run(&["check", "edited.ron"], dir.path());
    assert_eq!(o.status.code(), Some(1), "{}", transcript(&o));
    assert!(
        stdout(&o).contains(
            "edited.ron: M-001.reviewed[O-002]: the minutes differ from what the history recorded"
        ),
        "{}",
        transcript(&o)
    );
}

#[test]
fn a_new_meeting_adds_no_record_holding_more_than_one_review() {
    let dir = tempfile::tempdir().unwrap();
    let r = register_with_meeting(dir.path());
    let meeting = &r.meetings.last().unwrap().id;
    let o = run(&["check", "met.ron"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", transcript(&o));
    for h in r
        .history
        .iter()
        .filter(|h| &h.record == meeting && h.field != "added")
    {
        assert!(
            h.old.matches("(item:").count() <= 1 && h.new.matches("(item:").count() <= 1,
            "{h:#?}"
        );
    }
}
