//! An item a meeting refers to (reviewed, skipped) removed and put back:
//! the meeting is rechecked both times.

use super::*;

#[test]
fn a_removed_item_that_a_meeting_reviewed_is_named_and_its_return_clears_it() {
    let mut current = starts().remove(1);
    let mut findings = Findings::of(&current);
    assert!(findings.is_empty(), "{:?}", findings.problems());
    let removed = CHANGES
        .iter()
        .position(|(n, _)| *n == "item removed")
        .unwrap();
    // R-001 is at 1 in the file's order (O-001 first); M-002 reviews it.
    step(&mut findings, &mut current, removed, 1, false);
    let found: Vec<String> = findings.problems().iter().map(|p| p.to_string()).collect();
    assert!(
        found
            .iter()
            .any(|m| m.starts_with("M-002.reviewed.R-001.item: \"R-001\" is not an item")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|m| m.starts_with("M-002.agenda: \"R-001\"")),
        "{found:?}"
    );
}

#[test]
fn a_removed_item_that_a_meeting_skipped_is_named_and_its_return_clears_it() {
    // O-001 is on no agenda: only the skip refers to it.
    let mut current = starts().remove(1);
    recorded(&mut current, |r| {
        let m = r.meeting_mut("M-002").unwrap();
        let at = m.started;
        m.skipped.push(Skip {
            item: "O-001".into(),
            reason: "Out of time".into(),
            at,
        });
    });
    let mut findings = Findings::of(&current);
    let skip_problems = |findings: &Findings| -> Vec<String> {
        findings
            .problems()
            .iter()
            .filter(|p| p.location.starts_with("M-002.skipped"))
            .map(|p| p.to_string())
            .collect()
    };
    let not_on_agenda = [
        "M-002.skipped[O-001]: warning: \"O-001\" is not on the meeting's agenda; skip only agenda items, or add it to the agenda",
    ];
    assert_eq!(skip_problems(&findings), not_on_agenda);
    let removed = CHANGES
        .iter()
        .position(|(n, _)| *n == "item removed")
        .unwrap();
    // O-001 is first in the file's order.
    let before = current.clone();
    step(&mut findings, &mut current, removed, 0, false);
    assert_eq!(
        skip_problems(&findings),
        [
            "M-002.skipped[O-001]: \"O-001\" is not an item of this register; a skip must refer to an existing item id"
        ]
    );
    // Put back, the skip refers to an item again.
    let mut next = current.clone();
    next.items.push(before.item("O-001").unwrap().clone());
    next.normalise();
    let history_from = next.history.len();
    let changes = diff(&current, &next);
    record(&mut next, changes, at(NOW), "qlead");
    findings.recheck(
        &next,
        &Touched {
            items: &["O-001".to_string()],
            meetings: &[],
            customer_focus: &[],
            people: false,
            scales: false,
            organisation: false,
            history_from,
        },
    );
    assert_eq!(findings.problems(), validate(&next));
    assert_eq!(skip_problems(&findings), not_on_agenda);
}
