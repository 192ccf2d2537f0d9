//! `roreg check` on every kind of bad input: exit code and exact message.

mod common;

use common::{assert_golden, fixtures, roreg, transcript};

/// A day no management review is overdue on, in the fixtures or the
/// example (M-003 on 2026-04-22, every 365 days): `check` reads the clock
/// for that warning, and these tests must pass next year too.
const TODAY: &str = "2026-11-21";

fn check(name: &str) -> String {
    let dir = fixtures().join("check");
    let output = roreg()
        .current_dir(&dir)
        .args(["check", "--today", TODAY, name])
        .output()
        .unwrap();
    transcript(&output)
}

fn golden(name: &str) {
    let dir = fixtures().join("check");
    let expected = dir.join(format!("{}.expected", name.trim_end_matches(".ron")));
    assert_golden(&expected, &check(name));
}

#[test]
fn valid_register_exits_zero() {
    golden("valid.ron");
}

#[test]
fn byte_order_mark_is_accepted() {
    golden("bom.ron");
}

#[test]
fn missing_file() {
    golden("missing.ron");
}

#[test]
fn a_folder_is_not_a_register() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("reg.ron")).unwrap();
    let output = roreg()
        .current_dir(dir.path())
        .args(["check", "reg.ron"])
        .output()
        .unwrap();
    assert_eq!(
        transcript(&output),
        "exit: 2\n--- stdout\n--- stderr\nreg.ron: is a folder, not a register file\n"
    );
}

#[test]
fn empty_and_blank_files() {
    golden("empty.ron");
    golden("blank.ron");
}

#[test]
fn not_utf8_names_line_and_column() {
    golden("not-utf8.ron");
}

#[test]
fn syntax_error_names_line_and_column() {
    golden("syntax.ron");
}

#[test]
fn unknown_field_lists_the_valid_ones() {
    golden("unknown-field.ron");
}

#[test]
fn unknown_variant_lists_the_valid_ones() {
    golden("unknown-variant.ron");
}

#[test]
fn impossible_and_malformed_dates() {
    golden("impossible-date.ron");
    golden("bad-date-shape.ron");
}

#[test]
fn newer_format_is_refused_for_its_version() {
    golden("newer-format.ron");
    golden("format-zero.ron");
}

#[test]
fn missing_required_field() {
    golden("missing-field.ron");
}

#[test]
fn validation_problems_exit_one_and_are_all_listed() {
    golden("problems.ron");
    golden("bad-bands.ron");
    golden("duplicate-ids.ron");
}

#[test]
fn what_a_meeting_records_of_its_room_skips_and_review_is_checked() {
    golden("meeting-room.ron");
}

#[test]
fn warnings_alone_pass_unless_strict() {
    golden("warnings-only.ron");
    let dir = fixtures().join("check");
    let strict = roreg()
        .current_dir(&dir)
        .args(["check", "--strict", "--today", TODAY, "warnings-only.ron"])
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn checking_never_writes_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.ron");
    let original = std::fs::read(fixtures().join("check/problems.ron")).unwrap();
    std::fs::write(&path, &original).unwrap();
    roreg()
        .args(["check", "--today", TODAY])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), original);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no backup or temp file left"
    );
}

#[test]
fn the_shipped_example_is_sound_and_protected_by_its_history() {
    let output = roreg()
        .args(["check", "--strict", "--today", TODAY])
        .arg(common::example())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    assert!(output.stdout.is_empty(), "{}", transcript(&output));
    let example = roreg::storage::load(&common::example()).unwrap().register;
    let head = &example.history.last().unwrap().hash[..12];
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!(
            "{}: 28 items, 37 actions, 6 meetings; 0 errors, 0 warnings; head {head}\n",
            common::example().display()
        )
    );
}

#[test]
fn the_example_without_its_history_is_sound_but_not_protected_until_a_baseline() {
    // Without a history its records are sound, but nothing would show them
    // edited, and `check` says so.
    let mut register = roreg::storage::load(&common::example()).unwrap().register;
    register.history.clear();
    for m in &mut register.meetings {
        m.anchor = None;
    }
    let dir = tempfile::tempdir().unwrap();
    let bare = dir.path().join("example.ron");
    std::fs::write(&bare, roreg::storage::to_text(&register).unwrap()).unwrap();
    let output = roreg()
        .args(["check", "--today", TODAY])
        .arg(&bare)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", transcript(&output));
    assert!(
        lines[0].ends_with(
            "example.ron: history: warning: not protected: 6 closed meetings (M-001, M-002, \
             M-003, M-004, M-005 and 1 more), 28 items (O-001, O-002, O-003, O-004, O-005 and 23 \
             more), 37 actions (O-001/A-008, O-002/A-010, O-002/A-011, O-003/A-013, O-004/A-017 \
             and 32 more) and 12 people (ahughes, cdavies, dpatel, gevans, jsmith and 7 more) \
             have no history record covering them; the next save records a baseline that \
             protects them"
        ),
        "{}",
        transcript(&output)
    );
    let strict = roreg()
        .args(["check", "--strict", "--today", TODAY])
        .arg(&bare)
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(1), "{}", transcript(&strict));

    // With a baseline it is protected, and clean even under --strict.
    let now = roreg::domain::Timestamp::parse("2026-11-21T09:00:00Z").unwrap();
    assert!(roreg::domain::baseline::baseline(
        &mut register,
        now,
        "qlead"
    ));
    let path = dir.path().join("baselined.ron");
    std::fs::write(&path, roreg::storage::to_text(&register).unwrap()).unwrap();
    let output = roreg()
        .args(["check", "--strict", "--today", TODAY])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    assert!(output.stdout.is_empty(), "{}", transcript(&output));
    let head = &register.history[0].hash[..12];
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .ends_with(&format!("0 errors, 0 warnings; head {head}\n")),
        "{}",
        transcript(&output)
    );
}

#[test]
fn an_overdue_management_review_is_a_warning_that_strict_fails_on() {
    let run = |args: &[&str]| {
        roreg()
            .args(["check"])
            .args(args)
            .arg(common::example())
            .output()
            .unwrap()
    };
    // Due on 2027-04-22, a year after M-003: that day it is not yet late.
    let on_time = run(&["--strict", "--today", "2027-04-22"]);
    assert_eq!(on_time.status.code(), Some(0), "{}", transcript(&on_time));
    assert!(on_time.stdout.is_empty(), "{}", transcript(&on_time));

    let late = run(&["--today", "2027-05-01"]);
    assert_eq!(late.status.code(), Some(0), "{}", transcript(&late));
    assert_eq!(
        String::from_utf8_lossy(&late.stdout),
        format!(
            "{}: register.management_review: warning: OVERDUE since 2027-04-22 (9 days late): \
             the last one that counts is M-003 on 2026-04-22, and one is due every 365 days; \
             hold a management review with top management present (ISO 9001 9.3.1), or change \
             scales.management_review_days\n",
            common::example().display()
        )
    );
    assert!(
        String::from_utf8_lossy(&late.stderr).contains("; 0 errors, 1 warning; head "),
        "{}",
        transcript(&late)
    );
    // A CI gate with --strict notices.
    let strict = run(&["--strict", "--today", "2027-05-01"]);
    assert_eq!(strict.status.code(), Some(1), "{}", transcript(&strict));
    assert_eq!(strict.stdout, late.stdout);
}
