use super::*;
use crate::domain::testing::sample;
use crate::domain::{Date, Score};
use crate::report::Block;

fn today() -> Date {
    Date::parse("2026-11-21").unwrap()
}

fn rollup(sources: &[Source]) -> Rollup {
    build(sources, Period::last_year(today()), today())
}

fn source<'a>(path: &str, register: &'a Register) -> Source<'a> {
    Source {
        path: path.to_string(),
        loaded: Ok(register),
    }
}

fn first_column(table: &Table) -> Vec<&str> {
    table.rows.iter().map(|r| r[0].as_str()).collect()
}

fn figures_table(rollup: &Rollup) -> &Table {
    rollup.report.sections[0]
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .unwrap()
}

#[test]
fn registers_are_named_by_organisation_then_file_then_path() {
    let acme = sample();
    let mut other = sample();
    other.organisation = "Other Ltd".into();
    let named = rollup(&[source("a/acme.ron", &acme), source("b/other.ron", &other)]);
    assert_eq!(
        named.report.organisation,
        "Acme Precision Parts Ltd, Other Ltd"
    );
    let same = rollup(&[source("a/north.ron", &acme), source("b/south.ron", &acme)]);
    assert_eq!(same.report.organisation, "north.ron, south.ron");
    let same_files = rollup(&[
        source("a/register.ron", &acme),
        source("b/register.ron", &acme),
    ]);
    assert_eq!(
        same_files.report.organisation,
        "a/register.ron, b/register.ron"
    );
}

#[test]
fn the_register_most_behind_on_reviews_comes_first_with_a_total() {
    let on_time = {
        let mut r = sample();
        r.organisation = "On Time Ltd".into();
        r.items[1].next_review = Some(today());
        r
    };
    // sample(): R-002's review was due on 1 November.
    let late = sample();
    let report = rollup(&[source("on-time.ron", &on_time), source("late.ron", &late)]);
    let table = figures_table(&report);
    assert_eq!(
        first_column(table),
        ["Acme Precision Parts Ltd", "On Time Ltd", "Total"]
    );
    let column = table
        .headers
        .iter()
        .position(|h| h == "Reviews overdue")
        .unwrap();
    assert_eq!(table.rows[0][column], "1 (33%)");
    assert_eq!(table.rows[1][column], "0");
    assert_eq!(table.rows[2][column], "1 (17%)");
    let Block::Paragraph(behind) = &report.report.sections[0].blocks[1] else {
        panic!("the sentence follows the opening paragraph")
    };
    assert!(
        behind.starts_with(
            "Behind on reviews, most first: Acme Precision Parts Ltd (33%: 1 of 3 live items"
        ),
        "{behind}"
    );
    assert!(behind.contains("Up to date: On Time Ltd."), "{behind}");
}

#[test]
fn heat_maps_add_up_on_one_matrix_and_stand_apart_on_another() {
    let a = sample();
    let mut b = sample();
    b.organisation = "B Ltd".into();
    let report = rollup(&[source("a.ron", &a), source("b.ron", &b)]);
    let maps: Vec<&crate::report::HeatGrid> = report.report.sections[1]
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::HeatMap(g) => Some(g),
            _ => None,
        })
        .collect();
    assert_eq!(maps.len(), 2, "one for risks, one for opportunities");
    assert_eq!(maps[0].title, "Risks, current position, all registers");
    assert_eq!(maps[0].total, 4, "two live risks in each");
    // R-001 sits at 4×4 in both: row "4" is second from the top.
    assert_eq!(maps[0].cells[1][3].count, 2);

    let mut three_bands = sample();
    three_bands.organisation = "C Ltd".into();
    three_bands.scales.bands.pop();
    let split = rollup(&[source("a.ron", &a), source("c.ron", &three_bands)]);
    let titles: Vec<&str> = split.report.sections[1]
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::HeatMap(g) => Some(g.title.as_str()),
            _ => None,
        })
        .collect();
    assert!(
        titles.contains(&"Risks, current position: C Ltd"),
        "{titles:?}"
    );
    assert_eq!(titles.len(), 4, "{titles:?}");
}

#[test]
fn high_items_carry_their_register_and_a_broken_file_is_named_with_its_error() {
    let a = sample();
    let mut b = sample();
    b.organisation = "B Ltd".into();
    b.items[0].current = Score::new(5, 5);
    let report = rollup(&[
        source("a.ron", &a),
        Source {
            path: "broken.ron".into(),
            loaded: Err("broken.ron:3:1: expected a register".into()),
        },
        source("b.ron", &b),
    ]);
    assert_eq!(
        first_column(&report.high),
        ["Acme Precision Parts Ltd · R-001", "B Ltd · R-001"]
    );
    assert_eq!(report.report.scope, Scope::Registers(3));
    assert_eq!(
        report.report.problems,
        ["broken.ron did not load, so it is left out: broken.ron:3:1: expected a register"]
    );
    let last = report.figures.rows.last().unwrap();
    assert_eq!(last[1], "broken.ron");
    assert_eq!(last.last().unwrap(), "broken.ron:3:1: expected a register");
}
