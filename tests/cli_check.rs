//! `roreg check` on every kind of bad input: exit code and exact message.

mod common;

use common::{assert_golden, fixtures, roreg, transcript};

fn check(name: &str) -> String {
    let dir = fixtures().join("check");
    let output = roreg()
        .current_dir(&dir)
        .args(["check", name])
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
fn warnings_alone_pass_unless_strict() {
    golden("warnings-only.ron");
    let dir = fixtures().join("check");
    let strict = roreg()
        .current_dir(&dir)
        .args(["check", "--strict", "warnings-only.ron"])
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
    roreg().arg("check").arg(&path).output().unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), original);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no backup or temp file left"
    );
}

#[test]
fn the_example_register_passes_check_without_warnings() {
    let output = roreg()
        .args(["check", "--strict"])
        .arg(common::example())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    assert!(output.stdout.is_empty(), "{}", transcript(&output));
}
