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
fn an_unreadable_register_exits_2_and_says_why() {
    let output = roreg()
        .args(["agenda", "/nonexistent/register.ron"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("/nonexistent/register.ron"), "{stderr}");
}
