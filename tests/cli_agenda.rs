//! `roreg agenda`: the agenda the next meeting would start with, sent ahead.

mod common;

use common::{assert_golden, example, fixtures, roreg, transcript};

fn agenda(args: &[&str]) -> String {
    let output = roreg()
        .args(["agenda", "--today", "2026-11-21"])
        .arg(example())
        .args(args)
        .output()
        .unwrap();
    transcript(&output)
}

#[test]
fn the_risk_review_agenda_as_text_says_why_each_item_is_on_it() {
    let out = agenda(&[]);
    // The audit view flags O-003 not reviewed in time: the agenda has it.
    assert!(out.contains("O-003"), "{out}");
    // A Critical risk to the key account's deliveries, which no other rule
    // brings: on the agenda for that, naming the requirement.
    assert!(
        out.lines().any(|l| l.contains("R-009")
            && l.contains(
                "threatens a key customer's requirement (REQ-004 Meridian Orthopaedics Ltd)"
            )),
        "{out}"
    );
    // Meridian's survey came in after the last risk review, below target,
    // and nothing in the register links it; October's on-time delivery miss
    // was before that meeting.
    assert!(
        out.contains("Measures off target since the last risk review (closed 2026-11-11): 1"),
        "{out}"
    );
    assert!(
        out.lines().any(|l| l.starts_with("  KPI-003")
            && l.contains("4 points of 5 on 2026-11-13")
            && l.contains("nothing in the register addresses it")),
        "{out}"
    );
    assert!(!out.contains("KPI-001"), "{out}");
    assert_golden(&fixtures().join("agenda/risk-review.expected"), &out);
}

#[test]
fn the_management_review_agenda_as_markdown_for_mail() {
    assert_golden(
        &fixtures().join("agenda/management-review.md.expected"),
        &agenda(&["--kind", "management-review", "--format", "md"]),
    );
}

#[test]
fn the_management_review_sees_every_measure_missed_since_the_last_one() {
    let out = agenda(&["--kind", "management-review"]);
    assert!(
        out.contains("Measures off target since the last management review (closed 2026-04-22): 4"),
        "{out}"
    );
    let line = |id: &str| {
        out.lines()
            .find(|l| l.starts_with(&format!("  {id}")))
            .unwrap_or_else(|| panic!("{id} listed: {out}"))
            .to_string()
    };
    assert!(line("KPI-001").contains("off target; addressed by R-009, O-007, R-001, R-002, R-015"));
    assert!(line("KPI-002").contains("on target again (missed on 2026-05-31)"));
}

#[test]
fn text_from_the_file_reaches_the_terminal_inert() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.ron");
    let text = std::fs::read_to_string(example()).unwrap().replacen(
        "name: \"Customer survey score\"",
        "name: \"Survey \\u{1b}[31mscore\"",
        1,
    );
    std::fs::write(&path, text).unwrap();
    let output = roreg()
        .args(["agenda", "--today", "2026-11-21"])
        .arg(&path)
        .output()
        .unwrap();
    let out = String::from_utf8(output.stdout).unwrap();
    assert!(out.contains("KPI-003"), "{out}");
    assert!(!out.contains('\u{1b}'), "{out:?}");
}

#[test]
fn an_unreadable_register_exits_2_and_says_why() {
    let output = roreg()
        .args(["agenda", "/nonexistent/register.ron"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("/nonexistent/register.ron"), "{stderr}");
}
