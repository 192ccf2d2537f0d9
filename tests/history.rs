//! The change log through the command line: a register whose history was
//! written by roreg verifies; any record edited, deleted or reordered in the
//! file afterwards, or a tail cut off before a meeting's anchor, makes
//! `roreg check` fail and name the first bad record; a hand edit with no
//! record is only a warning. `roreg log` prints the history, whole or of one
//! record.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{roreg, transcript};
use roreg::domain::baseline::baseline;
use roreg::domain::history::{diff, record};
use roreg::domain::{
    Attendance, HistoryRecord, ItemStatus, MeetingKind, Register, Score, Timestamp, meetings,
};
use roreg::storage;

fn at(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

/// Applies `f` and records what it changed, as roreg does for every change.
fn change(r: &mut Register, by: &str, when: &str, f: impl FnOnce(&mut Register)) {
    let before = r.clone();
    f(r);
    let changes = diff(&before, r);
    assert!(!changes.is_empty(), "the change at {when} changed nothing");
    record(r, changes, at(when), by);
}

/// The example as it was before it shipped with a history of its own
/// (history and anchors taken out), so that these tests own every record
/// and its index.
fn unprotected_example() -> Register {
    let mut r = storage::load(&common::example()).unwrap().register;
    r.history.clear();
    for m in &mut r.meetings {
        m.anchor = None;
    }
    r
}

/// The unprotected example with a history: a baseline, changes by two
/// people, then a meeting
/// (started, an item re-scored, closed: its minutes anchor the log), then
/// more changes after it.
fn chained() -> Register {
    let mut r = unprotected_example();
    assert!(baseline(&mut r, at("2026-11-01T08:00:00Z"), "qlead"));
    change(&mut r, "qlead", "2026-11-02T09:00:00Z", |r| {
        r.item_mut("R-001").unwrap().current = Score::new(2, 4);
    });
    change(&mut r, "jsmith", "2026-11-03T10:30:00Z", |r| {
        r.item_mut("R-002").unwrap().title = "Rectifier failure stops the anodising line".into();
        let item = r.item_mut("R-001").unwrap();
        item.actions[0].text = "Qualify a second stockist".into();
    });
    change(&mut r, "qlead", "2026-11-10T14:00:00Z", |r| {
        meetings::start(
            r,
            MeetingKind::RiskReview,
            "qlead",
            vec![Attendance {
                person: "jsmith".into(),
                present: true,
                apologies: false,
                arrived: None,
                left: None,
            }],
            vec!["R-003".into()],
            at("2026-11-10T14:00:00Z"),
        )
        .unwrap();
    });
    change(&mut r, "qlead", "2026-11-10T14:20:00Z", |r| {
        meetings::rescore(r, "R-003", Score::new(2, 3), at("2026-11-10T14:20:00Z")).unwrap();
    });
    change(&mut r, "qlead", "2026-11-10T15:00:00Z", |r| {
        meetings::close(r, at("2026-11-10T15:00:00Z")).unwrap();
    });
    change(&mut r, "jsmith", "2026-11-12T08:15:00Z", |r| {
        r.item_mut("O-001").unwrap().title = "In-process probing on the lathes".into();
    });
    change(&mut r, "qlead", "2026-11-13T16:45:00Z", |r| {
        r.item_mut("R-005").unwrap().status = ItemStatus::Closed;
    });
    r
}

/// The closed meeting that anchors the log, and the index of the record
/// whose hash it anchors.
fn anchor(r: &Register) -> (String, usize) {
    let meeting = r
        .meetings
        .iter()
        .find(|m| m.anchor.is_some())
        .expect("a closed meeting with an anchor");
    let hash = meeting.anchor.clone().unwrap();
    let index = r
        .history
        .iter()
        .position(|h| h.hash == hash)
        .expect("the anchored record");
    (meeting.id.clone(), index)
}

struct Files {
    dir: tempfile::TempDir,
    register: Register,
    text: String,
}

impl Files {
    fn new() -> Files {
        let dir = tempfile::tempdir().unwrap();
        let register = chained();
        let text = storage::to_text(&register).unwrap();
        std::fs::write(dir.path().join("chained.ron"), &text).unwrap();
        Files {
            dir,
            register,
            text,
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A copy of the register with its history changed.
    fn with_history(&self, name: &str, f: impl FnOnce(&mut Vec<HistoryRecord>)) -> PathBuf {
        let mut r = self.register.clone();
        f(&mut r.history);
        let path = self.path(name);
        std::fs::write(&path, storage::to_text(&r).unwrap()).unwrap();
        path
    }

    /// A copy of the file with its text changed.
    fn with_text(&self, name: &str, f: impl FnOnce(&str) -> String) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, f(&self.text)).unwrap();
        path
    }
}

fn run(args: &[&str], dir: &Path) -> Output {
    roreg().current_dir(dir).args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `roreg check` fails (exit 1) and names `history[index]` as the one
/// broken record, with that record's time, author and field.
#[track_caller]
fn assert_broken_at(path: &Path, index: usize) {
    let o = run(&["check", path.to_str().unwrap()], path.parent().unwrap());
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{}", transcript(&o));
    let broken: Vec<&str> = out.lines().filter(|l| l.contains(": history[")).collect();
    assert_eq!(
        broken.len(),
        1,
        "one broken record named, the first:\n{}",
        transcript(&o)
    );
    let r = storage::load(path).unwrap().register;
    let h = &r.history[index];
    let line = broken[0];
    assert!(
        line.starts_with(&format!("{}: history[{index}]", path.display()))
            && line.contains(&h.at.to_string())
            && line.contains(&format!(" {} ", h.by))
            && line.contains(&format!("{}.{}", h.record, h.field))
            && line.contains("does not match its hash"),
        "history[{index}] with its time, author and field:\n{}",
        transcript(&o)
    );
    assert!(
        out.lines()
            .filter(|l| !l.contains(": history["))
            .all(|l| !l.contains("history[")),
        "only the first bad record is named:\n{}",
        transcript(&o)
    );
    assert!(stderr(&o).contains("error"), "{}", transcript(&o));
    // `log` still prints, and says the chain is broken.
    let log = run(&["log", path.to_str().unwrap()], path.parent().unwrap());
    assert_eq!(log.status.code(), Some(1), "{}", transcript(&log));
    assert!(
        stderr(&log).contains(&format!("history[{index}]")),
        "{}",
        transcript(&log)
    );
}

#[test]
fn the_history_as_written_verifies() {
    let f = Files::new();
    assert!(f.register.history.len() >= 9, "{:#?}", f.register.history);
    let by: std::collections::BTreeSet<&str> =
        f.register.history.iter().map(|h| h.by.as_str()).collect();
    assert_eq!(
        by.into_iter().collect::<Vec<_>>(),
        ["jsmith", "qlead"],
        "two people changed it"
    );
    let o = run(&["check", "chained.ron"], f.dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", transcript(&o));
    assert!(
        !stdout(&o).contains("history"),
        "an untouched chain has nothing to say:\n{}",
        transcript(&o)
    );
    let strict = run(&["check", "--strict", "chained.ron"], f.dir.path());
    assert_eq!(strict.status.code(), Some(0), "{}", transcript(&strict));
}

#[test]
fn an_edited_record_is_named() {
    let f = Files::new();
    let index = 3;
    // In the text, as someone with an editor would: the `new` value of the
    // fourth record of the history.
    let path = f.with_text("edited.ron", |text| {
        let start = text.find("history: [").unwrap();
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        let first_line = text[..start].lines().count();
        let line = lines
            .iter()
            .enumerate()
            .skip(first_line)
            .filter(|(_, l)| l.trim_start().starts_with("new: "))
            .nth(index)
            .map(|(i, _)| i)
            .unwrap();
        let indent = lines[line].len() - lines[line].trim_start().len();
        lines[line] = format!("{}new: \"\\\"Blame someone else\\\"\",", " ".repeat(indent));
        lines.join("\n") + "\n"
    });
    let r = storage::load(&path).unwrap().register;
    assert_eq!(r.history[index].new, "\"Blame someone else\"");
    assert_broken_at(&path, index);
}

/// The location and the message of a broken record should not say the
/// same thing twice (`history[2]: history[2] (…)`); the anchor's message
/// already drops the repeated location.
#[test]
fn check_names_a_broken_record_once() {
    let f = Files::new();
    f.with_history("deleted.ron", |h| {
        h.remove(2);
    });
    let o = run(&["check", "deleted.ron"], f.dir.path());
    assert_eq!(o.status.code(), Some(1), "{}", transcript(&o));
    let out = stdout(&o);
    let line = out
        .lines()
        .find(|l| l.contains("history[2]"))
        .expect("history[2] named");
    assert!(line.starts_with("deleted.ron: history[2]: "), "{line}");
    assert_eq!(
        line.matches("history[2]").count(),
        1,
        "the location is repeated: {line}"
    );
}

#[test]
fn an_edited_time_author_or_state_is_named() {
    let f = Files::new();
    let last = f.register.history.len() - 1;
    let path = f.with_history("when.ron", |h| h[1].at = at("2026-11-03T10:31:00Z"));
    assert_broken_at(&path, 1);
    let path = f.with_history("who.ron", |h| h[last].by = "jsmith".into());
    assert_broken_at(&path, last);
    let path = f.with_history("state.ron", |h| h[0].state = h[last].state.clone());
    assert_broken_at(&path, 0);
}

#[test]
fn the_first_of_several_edits_is_named() {
    let f = Files::new();
    let path = f.with_history("two-edits.ron", |h| {
        h[5].old = "\"x\"".into();
        h[2].new = "\"y\"".into();
    });
    assert_broken_at(&path, 2);
}

#[test]
fn a_deleted_record_is_named() {
    let f = Files::new();
    let path = f.with_history("deleted.ron", |h| {
        h.remove(2);
    });
    assert_broken_at(&path, 2);
    let path = f.with_history("deleted-first.ron", |h| {
        h.remove(0);
    });
    assert_broken_at(&path, 0);
}

#[test]
fn swapped_records_are_named() {
    let f = Files::new();
    let path = f.with_history("swapped.ron", |h| h.swap(1, 4));
    assert_broken_at(&path, 1);
    let last = f.register.history.len() - 1;
    let path = f.with_history("swapped-tail.ron", |h| h.swap(last - 1, last));
    assert_broken_at(&path, last - 1);
}

#[test]
fn a_tail_cut_before_the_minutes_anchor_is_named() {
    let f = Files::new();
    let (meeting, index) = anchor(&f.register);
    assert!(
        index + 1 < f.register.history.len(),
        "records follow the anchored one"
    );
    // The chain left verifies on its own: only the minutes show the cut.
    let path = f.with_history("cut.ron", |h| h.truncate(index));
    let o = run(&["check", "cut.ron"], f.dir.path());
    assert_eq!(o.status.code(), Some(1), "{}", transcript(&o));
    let out = stdout(&o);
    let hash = &f.register.history[index].hash;
    assert!(
        out.contains(&format!(
            "cut.ron: {meeting}.anchor: the minutes vouch for history up to {}…, but no record has that hash",
            &hash[..12]
        )),
        "{}",
        transcript(&o)
    );
    // The chain that is left verifies; the cut inside the re-scoring's
    // change (its two records, score and review) is named where it is.
    assert!(
        !out.contains("does not match its hash"),
        "{}",
        transcript(&o)
    );
    assert!(
        out.contains(&format!(
            "cut.ron: history[{}]: record 1 of 2 of one change",
            index - 1
        )),
        "{}",
        transcript(&o)
    );
    let log = run(&["log", path.to_str().unwrap()], f.dir.path());
    assert_eq!(log.status.code(), Some(1), "{}", transcript(&log));
}

#[test]
fn a_tail_cut_after_the_anchor_is_at_least_reported() {
    // What the minutes vouch for is intact; the records after it are gone,
    // among them the closing of the meeting: the minutes no longer match
    // their history (an error), and the file no longer is what its last
    // record left (a warning).
    let f = Files::new();
    let (meeting, index) = anchor(&f.register);
    f.with_history("cut-after.ron", |h| h.truncate(index + 1));
    let o = run(&["check", "cut-after.ron"], f.dir.path());
    assert_eq!(o.status.code(), Some(1), "{}", transcript(&o));
    assert!(
        stdout(&o).contains(&format!(
            "cut-after.ron: {meeting}.closed: the minutes differ from what the history recorded"
        )),
        "{}",
        transcript(&o)
    );
    assert!(
        stdout(&o).contains(
            "cut-after.ron: history: warning: changed outside roreg since the last recorded change"
        ),
        "{}",
        transcript(&o)
    );
}

#[test]
fn cutting_the_last_record_of_a_two_field_change_is_named_by_check_and_log() {
    // One form saved two fields; then the last record is deleted by hand.
    let f = Files::new();
    let mut r = f.register.clone();
    change(&mut r, "qlead", "2026-11-14T09:00:00Z", |r| {
        let item = r.item_mut("R-006").unwrap();
        item.title = "Gauge calibration lapses".into();
        item.process = "Metrology".into();
    });
    let last = r.history.len() - 1;
    r.history.truncate(last);
    let path = f.path("cut-last.ron");
    std::fs::write(&path, storage::to_text(&r).unwrap()).unwrap();
    let check = run(&["check", "cut-last.ron"], f.dir.path());
    assert_eq!(check.status.code(), Some(1), "{}", transcript(&check));
    let expected = format!(
        "cut-last.ron: history[{}]: record 1 of 2 of one change (2026-11-14T09:00:00Z by qlead, R-006.title), but the history ends there: the last 1 record of that change was removed",
        last - 1
    );
    assert!(stdout(&check).contains(&expected), "{}", transcript(&check));
    let log = run(&["log", "cut-last.ron"], f.dir.path());
    assert_eq!(log.status.code(), Some(1), "{}", transcript(&log));
    assert!(
        stderr(&log).contains(&format!("history[{}]: record 1 of 2", last - 1)),
        "{}",
        transcript(&log)
    );
}

#[test]
fn a_hand_edit_is_a_warning_not_an_error() {
    let f = Files::new();
    let title = &f.register.item("R-004").unwrap().title;
    assert!(f.text.matches(title.as_str()).count() == 1);
    f.with_text("by-hand.ron", |text| {
        text.replace(title.as_str(), "Effluent consent breach (edited in vim)")
    });
    let o = run(&["check", "by-hand.ron"], f.dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", transcript(&o));
    let out = stdout(&o);
    assert!(
        out.contains(
            "by-hand.ron: history: warning: changed outside roreg since the last recorded change"
        ),
        "{}",
        transcript(&o)
    );
    assert!(!out.contains(": history["), "{}", transcript(&o));
    assert!(
        out.contains("(history[11], 2026-11-13T16:45:00Z by qlead, R-005.status)"),
        "names the last record it differs from: {}",
        transcript(&o)
    );
    assert!(
        stderr(&o).contains("0 errors, 1 warning"),
        "{}",
        transcript(&o)
    );
    let strict = run(&["check", "--strict", "by-hand.ron"], f.dir.path());
    assert_eq!(strict.status.code(), Some(1), "{}", transcript(&strict));
    // `log` prints the history and the warning, and does not fail.
    let log = run(&["log", "by-hand.ron"], f.dir.path());
    assert_eq!(log.status.code(), Some(0), "{}", transcript(&log));
    assert!(
        stderr(&log).contains("changed outside roreg since the last recorded change"),
        "{}",
        transcript(&log)
    );
}

/// What `roreg log` prints for one record: `index  at  by  record.field:
/// change`, each value cut to 100 columns unless `--full`.
fn log_line(index: usize, h: &HistoryRecord, full: bool) -> String {
    let cut = |value: &str| match value.chars().count() {
        n if n > 100 && !full => value.chars().take(99).collect::<String>() + "…",
        _ => value.to_string(),
    };
    let change = match (h.old.is_empty(), h.new.is_empty()) {
        (true, _) => format!("added {}", cut(&h.new)),
        (_, true) => format!("removed (was {})", cut(&h.old)),
        _ => format!("{} -> {}", cut(&h.old), cut(&h.new)),
    };
    format!(
        "{index:>5}  {}  {:<10}  {}.{}: {change}",
        h.at, h.by, h.record, h.field
    )
}

#[test]
fn log_prints_every_record_in_order() {
    let f = Files::new();
    let o = run(&["log", "chained.ron"], f.dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", transcript(&o));
    assert_eq!(stderr(&o), "", "an intact chain: nothing on stderr");
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), f.register.history.len(), "{}", transcript(&o));
    for (i, (line, h)) in lines.iter().zip(&f.register.history).enumerate() {
        assert_eq!(*line, log_line(i, h, false));
    }
    let longest = lines.iter().map(|l| l.chars().count()).max().unwrap();
    assert!(longest < 300, "values are cut: {longest} columns");
    let full = run(&["log", "chained.ron", "--full"], f.dir.path());
    let whole: Vec<String> = (0..)
        .zip(&f.register.history)
        .map(|(i, h)| log_line(i, h, true))
        .collect();
    assert_eq!(stdout(&full), whole.join("\n") + "\n");
    assert!(whole.iter().any(|l| l.chars().count() > 300));
    // Spot checks in plain words.
    assert!(
        lines[0].contains("register.baseline: added (closed_meetings:6,items:28,actions:37,"),
        "{}",
        lines[0]
    );
    assert!(lines[1].contains("2026-11-02T09:00:00Z  qlead"));
    assert!(
        lines[1].ends_with("R-001.current: (likelihood:3,impact:4) -> (likelihood:2,impact:4)"),
        "{}",
        lines[1]
    );
    assert!(
        lines.iter().any(|l| l.contains("M-007.added: added (")),
        "the meeting's creation is logged:\n{}",
        transcript(&o)
    );
}

#[test]
fn log_of_one_record_shows_it_and_its_actions_only() {
    let f = Files::new();
    let o = run(&["log", "chained.ron", "R-001"], f.dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", transcript(&o));
    let expected: Vec<String> = f
        .register
        .history
        .iter()
        .enumerate()
        .filter(|(_, h)| h.record == "R-001" || h.record.starts_with("R-001/"))
        .map(|(i, h)| log_line(i, h, false))
        .collect();
    assert_eq!(expected.len(), 2, "the score, and an action's text");
    assert!(expected[1].contains("R-001/A-"), "{expected:?}");
    assert_eq!(stdout(&o), expected.join("\n") + "\n");

    // An id is matched whole: R-00 is no prefix of R-001.
    let o = run(&["log", "chained.ron", "R-00"], f.dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", transcript(&o));
    assert_eq!(stdout(&o), "");
    assert_eq!(stderr(&o), "chained.ron: no recorded change of R-00\n");

    // A meeting: its creation, and its closing.
    let (meeting, _) = anchor(&f.register);
    let o = run(&["log", "chained.ron", &meeting], f.dir.path());
    let out = stdout(&o);
    assert!(out.contains(&format!("{meeting}.added: added (")), "{out}");
    assert!(
        out.contains(&format!("{meeting}.closed: None -> Some(")),
        "{out}"
    );
    assert!(
        out.contains(&format!("{meeting}.anchor: None -> Some(")),
        "{out}"
    );
    assert!(
        out.lines().all(|l| l.contains(&format!("  {meeting}."))),
        "{out}"
    );
}

#[test]
fn log_and_check_of_a_missing_file_exit_two() {
    let dir = tempfile::tempdir().unwrap();
    for command in ["log", "check"] {
        let o = run(&[command, "missing.ron"], dir.path());
        assert_eq!(o.status.code(), Some(2), "{}", transcript(&o));
        assert!(stderr(&o).starts_with("missing.ron: no such file"));
    }
}

#[test]
fn minutes_edited_by_hand_after_the_meeting_are_named() {
    // The attendance of the closed M-007 is changed in the file: jsmith now
    // "was not there". The chain itself is intact; the minutes are not.
    let f = Files::new();
    let path = f.with_text("minutes.ron", |text| {
        let meeting = text.find("id: \"M-007\"").expect("M-007 in the file");
        let present = meeting
            + text[meeting..]
                .find("present: true")
                .expect("someone present");
        let mut edited = text.to_string();
        edited.replace_range(present..present + "present: true".len(), "present: false");
        edited
    });
    let o = run(&["check", path.to_str().unwrap()], f.dir.path());
    assert_eq!(o.status.code(), Some(1), "{}", transcript(&o));
    assert!(
        stdout(&o).contains(
            "M-007.attendance[jsmith]: the minutes differ from what the history recorded"
        ),
        "{}",
        transcript(&o)
    );
}

#[test]
fn the_first_save_of_a_file_out_of_id_order_records_the_state_written() {
    // People listed by hand out of id order; roreg's save sorts them.
    let f = Files::new();
    let mut r = f.register.clone();
    r.people.reverse();
    let path = f.path("unsorted.ron");
    std::fs::write(&path, storage::to_text(&r).unwrap()).unwrap();
    let mut loaded = storage::load(&path).unwrap();
    loaded.register.people.reverse();
    // As the interface does: change, record, save.
    change(&mut loaded.register, "qlead", "2026-11-14T09:00:00Z", |r| {
        r.item_mut("R-006").unwrap().title = "Gauge calibration lapses".into();
    });
    storage::save(&path, &loaded.register, Some(loaded.fingerprint)).unwrap();
    let check = run(&["check", "unsorted.ron"], f.dir.path());
    assert_eq!(check.status.code(), Some(0), "{}", transcript(&check));
    assert!(
        stderr(&check).contains("0 errors, 0 warnings"),
        "{}",
        transcript(&check)
    );
}

/// The head `check` prints at the end of its summary, for an auditor to note.
fn printed_head(o: &Output) -> String {
    let err = stderr(o);
    let summary = err.lines().last().unwrap_or_default();
    let (_, head) = summary
        .rsplit_once("; head ")
        .unwrap_or_else(|| panic!("no head at the end of the summary:\n{}", transcript(o)));
    head.to_string()
}

#[test]
fn a_head_noted_before_more_changes_still_proves() {
    let f = Files::new();
    let first = run(&["check", "chained.ron"], f.dir.path());
    let noted = printed_head(&first);
    assert_eq!(
        noted,
        f.register.history.last().unwrap().hash[..12],
        "{}",
        transcript(&first)
    );
    // More changes, recorded as roreg records them, then saved.
    let mut later = f.register.clone();
    change(&mut later, "jsmith", "2026-12-01T09:00:00Z", |r| {
        r.item_mut("R-006").unwrap().title = "Gauge calibration lapses".into();
    });
    std::fs::write(f.path("later.ron"), storage::to_text(&later).unwrap()).unwrap();
    let index = f.register.history.len() - 1;
    for head in [noted.clone(), f.register.history[index].hash.to_uppercase()] {
        let o = run(&["check", "later.ron", "--head", &head], f.dir.path());
        assert_eq!(o.status.code(), Some(0), "{}", transcript(&o));
        assert!(
            stderr(&o).contains(&format!(
                "later.ron: head {} is history[{index}] (2026-11-13T16:45:00Z by qlead, R-005.status), and every record up to it verifies",
                head.to_lowercase()
            )),
            "{}",
            transcript(&o)
        );
        assert_ne!(printed_head(&o), noted, "the head moved on");
    }
}

#[test]
fn a_record_edited_before_a_noted_head_is_named() {
    let f = Files::new();
    let index = f.register.history.len() - 1;
    let noted = &f.register.history[index].hash[..12];
    f.with_history("edited.ron", |h| h[2].new = "\"Blame someone else\"".into());
    let o = run(&["check", "edited.ron", "--head", noted], f.dir.path());
    assert_eq!(o.status.code(), Some(1), "{}", transcript(&o));
    let h = &f.register.history[2];
    let line = format!(
        "edited.ron: head {noted} is history[{index}], but the chain is broken before it: history[2] ({} by {}, {}.{}) does not match its hash",
        h.at, h.by, h.record, h.field
    );
    assert!(
        stdout(&o).lines().any(|l| l.starts_with(&line)),
        "{line}\n{}",
        transcript(&o)
    );
    // An edit after the noted head does not touch what it proves.
    let before = &f.register.history[1].hash[..12];
    let o = run(&["check", "edited.ron", "--head", before], f.dir.path());
    assert!(
        stderr(&o).contains(&format!("head {before} is history[1] (")),
        "{}",
        transcript(&o)
    );
    assert!(!stdout(&o).contains("head "), "{}", transcript(&o));
}

#[test]
fn a_history_cut_back_before_a_noted_head_does_not_hold_it() {
    let f = Files::new();
    // The last change cut off: on its own only a warning.
    let last = f.register.history.len() - 1;
    let noted = f.register.history[last].hash[..12].to_string();
    f.with_history("cut.ron", |h| h.truncate(last));
    let plain = run(&["check", "cut.ron"], f.dir.path());
    assert_eq!(plain.status.code(), Some(0), "{}", transcript(&plain));
    let o = run(&["check", "cut.ron", "--head", &noted], f.dir.path());
    assert_eq!(o.status.code(), Some(1), "{}", transcript(&o));
    assert!(
        stdout(&o).contains(&format!(
            "cut.ron: head {noted}: no record has that hash: the history was cut back before it, or rewritten before it"
        )),
        "{}",
        transcript(&o)
    );
}

#[test]
fn a_malformed_head_is_refused_with_what_one_looks_like() {
    let f = Files::new();
    let short = &f.register.history[0].hash[..11];
    for bad in [short, "3f2a9c1b2d4z", "head"] {
        let o = run(&["check", "chained.ron", "--head", bad], f.dir.path());
        assert_eq!(o.status.code(), Some(2), "{}", transcript(&o));
        assert!(
            stderr(&o).contains(
                "a head hash is the 64 hexadecimal digits (0-9, a-f) a report prints, or its first 12 or more"
            ),
            "{}",
            transcript(&o)
        );
        assert_eq!(stdout(&o), "", "{}", transcript(&o));
    }
}

#[test]
fn minutes_from_before_the_history_are_protected_from_its_baseline_on() {
    // M-001 closed before the example had a history; the baseline vouches
    // for its minutes. A decision changed in the file afterwards shows.
    let f = Files::new();
    let decision = "Keep Critical. Approve trial orders with a second stockist";
    assert_eq!(f.text.matches(decision).count(), 1);
    let path = f.with_text("decision.ron", |text| {
        text.replace(
            decision,
            "Lower to High. Approve trial orders with a second stockist",
        )
    });
    let o = run(&["check", path.to_str().unwrap()], f.dir.path());
    assert_eq!(o.status.code(), Some(1), "{}", transcript(&o));
    assert!(
        stdout(&o).contains(
            "decision.ron: M-001.minutes: the minutes differ from what the history recorded"
        ),
        "{}",
        transcript(&o)
    );
}

#[test]
fn the_shipped_examples_minutes_are_protected_by_its_own_history() {
    // The example ships with the history roreg recorded as its meetings ran:
    // a decision changed in the file afterwards shows, with where.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(common::example()).unwrap();
    let decision = "Keep Critical. Approve trial orders with a second stockist";
    assert_eq!(
        text.matches(decision).count(),
        2,
        "in the minutes and in their record"
    );
    let minutes = text.find("    meetings: [").unwrap();
    let at = minutes + text[minutes..].find(decision).unwrap();
    let mut edited = text.clone();
    edited.replace_range(at..at + "Keep".len(), "Drop");
    std::fs::write(dir.path().join("decision.ron"), edited).unwrap();
    let o = run(&["check", "decision.ron"], dir.path());
    assert_eq!(o.status.code(), Some(1), "{}", transcript(&o));
    assert!(
        stdout(&o).contains(
            "decision.ron: M-001.reviewed[R-001]: the minutes differ from what the history recorded"
        ),
        "{}",
        transcript(&o)
    );
}
