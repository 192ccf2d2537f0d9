//! `roreg list` and `roreg new` as a script or a screen reader sees them.

mod common;

use common::{assert_golden, example, fixtures, roreg, transcript};

fn list(args: &[&str]) -> String {
    let output = roreg()
        .args(["list", "--today", "2026-11-21"])
        .arg(example())
        .args(args)
        .output()
        .unwrap();
    transcript(&output)
}

#[test]
fn whole_register_piped_is_a_plain_table_by_score() {
    let out = list(&[]);
    assert!(!out.contains('\u{1b}'), "no escape codes when piped");
    assert_golden(&fixtures().join("list/all.expected"), &out);
}

#[test]
fn filters_combine() {
    assert_golden(
        &fixtures().join("list/risks-high.expected"),
        &list(&["--kind", "risk", "--band", "high"]),
    );
    assert_golden(
        &fixtures().join("list/overdue-by-review.expected"),
        &list(&["--overdue", "--sort", "review"]),
    );
    assert_golden(
        &fixtures().join("list/opportunities-by-id.expected"),
        &list(&["--kind", "opportunity", "--sort", "id"]),
    );
}

#[test]
fn every_row_satisfies_the_filter() {
    let out = list(&["--status", "closed"]);
    let rows: Vec<&str> = out
        .lines()
        .skip(3)
        .take_while(|l| !l.starts_with("---"))
        .collect();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r.contains("Closed")), "{out}");
    let owner = list(&["--owner", "qlead"]);
    let rows: Vec<&str> = owner
        .lines()
        .skip(3)
        .take_while(|l| !l.starts_with("---"))
        .collect();
    assert!(rows.iter().all(|r| r.contains(" qlead ")), "{owner}");
}

#[test]
fn unknown_band_says_which_exist() {
    let out = list(&["--band", "Severe"]);
    assert!(out.starts_with("exit: 2\n"), "{out}");
    assert!(
        out.contains(
            "no band named \"Severe\"; this register's bands are Low, Medium, High, Critical"
        ),
        "{out}"
    );
}

#[test]
fn hostile_text_cannot_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.ron");
    let text = std::fs::read_to_string(fixtures().join("check/valid.ron"))
        .unwrap()
        .replace(
            "Sole supplier of anodised housings misses deliveries",
            "Evil \\u{1b}]0;pwned\\u{7}\\u{1b}[2J title",
        );
    std::fs::write(&path, text).unwrap();
    let output = roreg().args(["list"]).arg(&path).output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
        "{stdout:?}"
    );
    assert!(stdout.contains("Evil ␛]0;pwned␇␛[2J title"), "{stdout}");
}

#[test]
fn new_writes_a_valid_empty_register_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fresh.ron");
    let made = roreg()
        .args(["new", "--organisation", "Widgets & Co"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(made.status.code(), Some(0), "{}", transcript(&made));
    let checked = roreg().arg("check").arg(&path).output().unwrap();
    assert_eq!(checked.status.code(), Some(0), "{}", transcript(&checked));
    let bytes = std::fs::read(&path).unwrap();
    assert!(String::from_utf8_lossy(&bytes).contains("organisation: \"Widgets & Co\""));
    let again = roreg()
        .args(["new", "--organisation", "Other"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn new_fills_an_empty_file_but_not_one_with_anything_in_it() {
    let dir = tempfile::tempdir().unwrap();
    for (name, blank) in [("touched.ron", ""), ("blank.ron", " \n\t\n")] {
        let path = dir.path().join(name);
        std::fs::write(&path, blank).unwrap();
        // `check` says to run `new` on it ...
        let checked = roreg().arg("check").arg(&path).output().unwrap();
        assert!(
            String::from_utf8_lossy(&checked.stderr).contains("roreg new"),
            "{}",
            transcript(&checked)
        );
        // ... and `new` does.
        let made = roreg()
            .args(["new", "--organisation", "Widgets & Co"])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(made.status.code(), Some(0), "{name}: {}", transcript(&made));
        let checked = roreg().arg("check").arg(&path).output().unwrap();
        assert_eq!(checked.status.code(), Some(0), "{}", transcript(&checked));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("organisation: \"Widgets & Co\""), "{text}");
    }
    // A file with anything in it, even what is no register, is left alone.
    let path = dir.path().join("notes.ron");
    std::fs::write(&path, "my notes\n").unwrap();
    let refused = roreg()
        .args(["new", "--organisation", "Other"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2), "{}", transcript(&refused));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "my notes\n");
}

#[test]
fn register_path_comes_from_the_environment_when_not_given() {
    let output = roreg()
        .env("ROREG_FILE", example())
        .args(["list", "--kind", "risk"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("R-001"));
}

#[test]
fn default_register_lives_in_the_data_folder() {
    let home = tempfile::tempdir().unwrap();
    let output = roreg()
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .args(["new", "--organisation", "Acme"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let expected = home.path().join("data/roreg/register.ron");
    assert!(expected.exists(), "{}", transcript(&output));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("created"),
        "a note says where: {}",
        transcript(&output)
    );
}
