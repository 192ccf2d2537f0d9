//! The document the builder makes, checked without a renderer.

use super::words::band_letters;
use super::*;
use crate::domain::audit::Period;
use crate::domain::{Date, Register, history};

fn example() -> Register {
    let text = include_str!("../../data/example.ron");
    crate::storage::load::parse_text(text).expect("the example parses")
}

/// The example as it was before it shipped with a history: nothing in
/// it is protected.
fn unprotected_example() -> Register {
    let mut r = example();
    r.history.clear();
    for m in &mut r.meetings {
        m.anchor = None;
    }
    r
}

fn day(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn report() -> Report {
    let today = day("2026-11-21");
    build(
        &example(),
        Period::last_year(today),
        today,
        "example.ron",
        vec![],
    )
}

#[test]
fn sections_are_numbered_in_order() {
    let r = report();
    let numbers: Vec<usize> = r.sections.iter().map(|s| s.number).collect();
    // The example has customer data: section 8 is its customer focus.
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6, 7, 8]);
}

#[test]
fn every_table_row_has_a_cell_per_header() {
    let r = report();
    let mut tables: Vec<&Table> = r.tables.iter().map(|t| &t.table).collect();
    for s in &r.sections {
        for b in &s.blocks {
            if let Block::Table(t) = b {
                tables.push(t);
            }
        }
    }
    for t in tables {
        for row in &t.rows {
            assert_eq!(row.len(), t.headers.len(), "{:?}", t.headers);
        }
    }
}

#[test]
fn heat_grids_count_live_items_top_row_first() {
    let r = report();
    let maps: Vec<&HeatGrid> = r
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::HeatMap(g) => Some(g),
            _ => None,
        })
        .collect();
    assert_eq!(maps.len(), 4);
    let risks = maps[0];
    assert_eq!(risks.likelihood[0], "5 Almost certain");
    assert_eq!(risks.consequence[0], "1 Negligible");
    // Top-right is 5×5 = 25, Critical; bottom-left 1×1, Low.
    assert_eq!(risks.cells[0][4].band, "C");
    assert_eq!(risks.cells[0][4].level, 3);
    assert_eq!(risks.cells[4][0].band, "L");
    let total: usize = risks.cells.iter().flatten().map(|c| c.count).sum();
    assert_eq!(total, risks.total);
}

#[test]
fn band_letters_fall_back_to_names_when_they_clash() {
    let mut r = example();
    assert_eq!(band_letters(&r), ["L", "M", "H", "C"]);
    r.scales.bands[3].name = "Major".into();
    assert_eq!(band_letters(&r), ["Low", "Medium", "High", "Major"]);
}

fn change_history(r: &Report) -> (&str, Vec<&Block>) {
    let figure = r
        .table(TableName::Audit)
        .rows
        .iter()
        .find(|row| row[0] == "Change history")
        .map(|row| row[1].as_str())
        .unwrap();
    let blocks = r.sections[0]
        .blocks
        .iter()
        .skip_while(|b| **b != Block::Subheading("Change history".into()))
        .collect();
    (figure, blocks)
}

#[test]
fn change_history_is_checked_and_its_problems_listed() {
    let today = day("2026-11-21");
    let pack = |r: &Register| build(r, Period::last_year(today), today, "r.ron", vec![]);
    // The shipped example's history covers all of it.
    assert_eq!(
        change_history(&report()).0,
        format!("{} changes, intact", example().history.len())
    );
    assert_eq!(
        change_history(&pack(&unprotected_example())).0,
        "none recorded; not protected: 6 closed meetings, 28 items, 37 actions and 12 people"
    );
    let empty = Register::new("Acme");
    assert_eq!(change_history(&pack(&empty)).0, "none recorded");

    let mut r = unprotected_example();
    let before = r.clone();
    r.items[0].title = "Probing on all four lathes".into();
    let changes = history::diff(&before, &r);
    let at = crate::domain::Timestamp::parse("2026-11-20T10:00:00Z").unwrap();
    history::record(&mut r, changes, at, "qlead");
    // One change recorded, the rest of the example covered by nothing.
    let unprotected = pack(&r);
    let (figure, blocks) = change_history(&unprotected);
    assert_eq!(
        figure,
        "1 change; not protected: 6 closed meetings, 27 items, 37 actions and 12 people"
    );
    assert!(
        matches!(blocks[2], Block::List(l) if l[0].starts_with("Not protected: 6 closed meetings (M-001,")),
        "{blocks:?}"
    );

    let mut r = unprotected_example();
    assert!(crate::domain::baseline::baseline(&mut r, at, "qlead"));
    let before = r.clone();
    r.items[0].title = "Probing on all four lathes".into();
    let changes = history::diff(&before, &r);
    history::record(&mut r, changes, at, "qlead");
    let intact = pack(&r);
    let (figure, blocks) = change_history(&intact);
    assert_eq!(figure, "2 changes, intact");
    assert!(matches!(blocks[1], Block::Paragraph(p) if p.contains("The chain is intact")));

    r.history[1].new = "\"rewritten\"".into();
    let broken = pack(&r);
    let (figure, blocks) = change_history(&broken);
    assert_eq!(figure, "2 changes, 1 problem");
    assert!(
        matches!(blocks[2], Block::List(l) if l[0].contains("does not match its hash")),
        "{blocks:?}"
    );
}

#[test]
fn the_same_register_and_day_give_the_same_report() {
    assert_eq!(report(), report());
}
