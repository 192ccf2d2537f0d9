//! `roreg rollup`: one report across several registers, the most behind on
//! its reviews first, with a register that does not load named and the
//! rest still reported.

mod common;

use std::path::Path;
use std::process::Output;

use common::{assert_golden, example, fixtures, roreg, transcript};

/// The example, a generated register of another organisation and a file
/// cut off halfway, side by side in one folder as a group's sites would be.
fn three_sites() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(example(), dir.path().join("example.ron")).unwrap();
    let generated = common::generated::generated("Northern Works Ltd", 60);
    roreg::storage::save::create(&dir.path().join("northern.ron"), &generated).unwrap();
    let text = std::fs::read_to_string(example()).unwrap();
    std::fs::write(dir.path().join("broken.ron"), &text[..text.len() / 3]).unwrap();
    dir
}

fn rollup(dir: &Path, args: &[&str]) -> Output {
    roreg()
        .current_dir(dir)
        .arg("rollup")
        .args(args)
        .output()
        .unwrap()
}

const SITES: [&str; 3] = ["example.ron", "northern.ron", "broken.ron"];

fn with_sites<'a>(more: &[&'a str]) -> Vec<&'a str> {
    let mut args: Vec<&str> = SITES.to_vec();
    args.extend_from_slice(more);
    args
}

#[test]
fn markdown_puts_the_site_behind_first_and_names_the_file_that_did_not_load() {
    let dir = three_sites();
    let output = rollup(dir.path(), &SITES);
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    let shown = transcript(&output);
    assert_golden(&fixtures().join("rollup/three.md"), &shown);
    let text = String::from_utf8(output.stdout).unwrap();
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("| Northern") || l.starts_with("| Acme"))
        .collect();
    assert!(
        rows[0].starts_with("| Northern Works Ltd |"),
        "the register most behind on reviews comes first: {rows:?}"
    );
    assert!(text.contains("Behind on reviews, most first: Northern Works Ltd ("));
    assert!(
        text.contains("| Northern Works Ltd · R-"),
        "ids carry their register"
    );
    assert!(text.contains("| Acme Precision Parts Ltd · R-008 |"));
    assert!(
        text.contains("- broken.ron: broken.ron:"),
        "listed with its error"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with("roreg rollup: left out, did not load: broken.ron:"),
        "{stderr}"
    );
}

#[test]
fn html_and_both_csv_tables_are_golden() {
    let dir = three_sites();
    for (args, golden) in [
        (with_sites(&["--format", "html"]), "three.html"),
        (with_sites(&["--format", "csv"]), "figures.csv"),
        (
            with_sites(&["--format", "csv", "--table", "high"]),
            "high.csv",
        ),
    ] {
        let output = rollup(dir.path(), &args);
        assert_eq!(output.status.code(), Some(1), "{golden}");
        assert_golden(
            &fixtures().join("rollup").join(golden),
            &String::from_utf8(output.stdout).unwrap(),
        );
    }
}

#[test]
fn the_figures_csv_has_a_row_per_register_and_one_for_the_file_that_did_not_load() {
    let dir = three_sites();
    let output = rollup(dir.path(), &with_sites(&["--format", "csv"]));
    let text = String::from_utf8(output.stdout).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let registers: Vec<&str> = rows.iter().map(|r| &r[column("register")]).collect();
    assert_eq!(
        registers,
        ["Northern Works Ltd", "Acme Precision Parts Ltd", ""]
    );
    assert_eq!(&rows[1][column("live_items")], "24");
    assert_eq!(&rows[1][column("reviews_overdue")], "6");
    assert_eq!(&rows[2][column("file")], "broken.ron");
    assert!(rows[2][column("error")].starts_with("broken.ron:"));
}

#[test]
fn registers_of_one_organisation_are_told_apart_by_file_name() {
    let dir = tempfile::tempdir().unwrap();
    for site in ["north.ron", "south.ron"] {
        std::fs::copy(example(), dir.path().join(site)).unwrap();
    }
    let output = rollup(dir.path(), &["north.ron", "south.ron"]);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("# Risks and opportunities roll-up — north.ron, south.ron\n"));
    assert!(text.contains("| north.ron · R-008 |") && text.contains("| south.ron · R-008 |"));
    assert!(
        text.contains("**Risks, current position, all registers** (36 items)"),
        "the two maps add up"
    );
    assert!(output.stderr.is_empty());
}

#[test]
fn nothing_loaded_or_arguments_that_mean_nothing_exit_2_and_print_nothing() {
    let dir = three_sites();
    for (args, says) in [
        (vec!["broken.ron", "missing.ron"], "no register loaded"),
        (
            vec!["example.ron", "--table", "high"],
            "--table applies to --format csv only",
        ),
        (
            vec!["example.ron", "example.ron"],
            "example.ron is named twice",
        ),
        (
            vec!["example.ron", "--from", "2026-12-01", "--to", "2026-11-01"],
            "the period would start",
        ),
    ] {
        let output = rollup(dir.path(), &args);
        let shown = transcript(&output);
        assert_eq!(output.status.code(), Some(2), "{shown}");
        assert!(output.stdout.is_empty(), "{shown}");
        assert!(shown.contains(says), "{shown}");
    }
}

#[test]
fn out_writes_the_file_and_still_exits_1_for_the_file_left_out() {
    let dir = three_sites();
    let output = rollup(
        dir.path(),
        &with_sites(&["--format", "html", "--out", "group.html"]),
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "group.html: written\n"
    );
    let html = std::fs::read_to_string(dir.path().join("group.html")).unwrap();
    assert!(html.contains("<h1>Risks and opportunities roll-up — Northern Works Ltd, Acme"));
}
