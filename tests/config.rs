//! `roreg config check` and choosing a theme, through the real binary with
//! `ROREG_CONFIG_DIR` set to a folder of the test's own.

mod common;

use std::path::Path;
use std::process::Output;

use common::{roreg, transcript};

fn config_check(folder: &Path) -> Output {
    roreg()
        .args(["config", "check"])
        .env("ROREG_CONFIG_DIR", folder)
        .output()
        .unwrap()
}

fn folder_with_theme(text: &str) -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("theme.ron"), text).unwrap();
    folder
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn check_with_no_files_says_where_it_looked_and_succeeds() {
    let folder = tempfile::tempdir().unwrap();
    let output = config_check(folder.path());
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let theme = folder.path().join("theme.ron");
    let keys = folder.path().join("keys.ron");
    assert_eq!(
        stdout(&output),
        format!(
            "{}: not there; the default theme applies\n{}: not there; the shipped keys apply\n",
            theme.display(),
            keys.display()
        )
    );
}

#[test]
fn check_of_a_good_theme_says_it_is_fine() {
    let folder = folder_with_theme(
        r##"// For the meeting-room projector.
(
    preset: "high-contrast",
    styles: {
        "selected": (fg: "black", bg: "light-yellow", modifiers: ["bold"]),
        "risk_band_4": (fg: "white", bg: "#aa0000"),
        "dim": (),
    },
)
"##,
    );
    let output = config_check(folder.path());
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    assert_eq!(
        stdout(&output),
        format!(
            "{}: fine\n{}: not there; the shipped keys apply\n",
            folder.path().join("theme.ron").display(),
            folder.path().join("keys.ron").display()
        )
    );
}

#[test]
fn check_names_every_bad_entry_with_file_line_and_column() {
    let folder = folder_with_theme(
        "(\n    styles: {\n        \"seleted\": (fg: \"white\"),\n        \"dim\": (fg: \"purple\"),\n        \"key\": (modifiers: [\"blink\"]),\n        \"ok\": (fg: \"green\"),\n        \"ok\": (fg: \"cyan\"),\n    },\n)\n",
    );
    let output = config_check(folder.path());
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    let path = folder.path().join("theme.ron");
    let lines: Vec<String> = stdout(&output)
        .lines()
        .filter(|l| !l.contains("keys.ron: not there"))
        .map(String::from)
        .collect();
    let expected_starts = [
        format!(
            "{}:3:9: unknown style \"seleted\"; the styles are text, dim,",
            path.display()
        ),
        format!(
            "{}:4:21: unknown colour \"purple\" for dim.fg; the colours are black,",
            path.display()
        ),
        format!(
            "{}:5:29: unknown modifier \"blink\" in key.modifiers; the modifiers are bold,",
            path.display()
        ),
        format!(
            "{}:7:9: style \"ok\" is given twice (also on line 6)",
            path.display()
        ),
    ];
    assert_eq!(
        lines.len(),
        expected_starts.len(),
        "{}",
        transcript(&output)
    );
    for (line, start) in lines.iter().zip(&expected_starts) {
        assert!(line.starts_with(start), "{line}\nshould start {start}");
    }
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("4 problems"),
        "{}",
        transcript(&output)
    );
}

#[test]
fn check_gives_ron_s_position_for_a_file_that_does_not_parse() {
    let folder = folder_with_theme(
        "(\n    styles: {\n        \"dim\": (fg: \"gray\")\n        \"text\": (),\n    },\n)\n",
    );
    let output = config_check(folder.path());
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    let path = folder.path().join("theme.ron");
    assert!(
        stdout(&output)
            .lines()
            .any(|l| l.starts_with(&format!("{}:4:9: ", path.display()))),
        "{}",
        transcript(&output)
    );

    let folder = folder_with_theme("(preset: \"default\", colours: {})");
    let output = config_check(folder.path());
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    assert!(
        stdout(&output).contains("unknown field `colours`"),
        "{}",
        transcript(&output)
    );
}

#[test]
fn an_unknown_theme_name_is_refused_with_the_valid_ones() {
    let example = common::example();
    let example = example.to_str().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let run = |args: &[&str], env_theme: Option<&str>| {
        let mut cmd = roreg();
        cmd.args(args).env("ROREG_CONFIG_DIR", folder.path());
        match env_theme {
            Some(name) => cmd.env("ROREG_THEME", name),
            None => cmd.env_remove("ROREG_THEME"),
        };
        cmd.output().unwrap()
    };
    let from_env = run(&["list", example], Some("solarized"));
    assert_eq!(from_env.status.code(), Some(2), "{}", transcript(&from_env));
    assert_eq!(
        String::from_utf8_lossy(&from_env.stderr),
        "roreg: ROREG_THEME=\"solarized\" is not a theme; the themes are default, monochrome, high-contrast\n"
    );
    assert!(from_env.stdout.is_empty());

    let from_flag = run(&["list", "--theme", "solarized", example], None);
    assert_eq!(
        from_flag.status.code(),
        Some(2),
        "{}",
        transcript(&from_flag)
    );
    let said = String::from_utf8_lossy(&from_flag.stderr);
    assert!(
        said.contains("'solarized'") && said.contains("default, monochrome, high-contrast"),
        "{said}"
    );

    // The flag wins: the variable is not even looked at.
    let flag_wins = run(
        &["list", "--theme", "high-contrast", example],
        Some("solarized"),
    );
    assert_eq!(
        flag_wins.status.code(),
        Some(0),
        "{}",
        transcript(&flag_wins)
    );
}

fn folder_with_keys(text: &str) -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("keys.ron"), text).unwrap();
    folder
}

#[test]
fn check_of_good_keys_says_they_are_fine() {
    let folder = folder_with_keys(
        "// Sort on o, as in my spreadsheet.\n{\n    \"register\": { \"Sort\": [\"o\"], \"ClearFilter\": Unbind },\n    \"every-screen\": { \"Save\": [\"Ctrl-s\", \"w\"] },\n}\n",
    );
    let output = config_check(folder.path());
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    assert!(
        stdout(&output).contains(&format!(
            "{}: fine\n",
            folder.path().join("keys.ron").display()
        )),
        "{}",
        transcript(&output)
    );
}

#[test]
fn check_names_unknown_intents_screens_and_clashing_keys_where_they_are() {
    let folder = folder_with_keys(
        "{\n    \"register\": {\n        \"Srot\": [\"o\"],\n        \"New\": [\"h\"],\n    },\n    \"regsiter\": { \"Sort\": [\"o\"] },\n    \"actions\": { \"OwnerFilter\": [\"Hyper-o\"] },\n}\n",
    );
    let output = config_check(folder.path());
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    let path = folder.path().join("keys.ron");
    let lines: Vec<String> = stdout(&output)
        .lines()
        .filter(|l| l.contains("keys.ron:"))
        .map(String::from)
        .collect();
    let expected_starts = [
        format!("{}:3:9: register.Srot: not an intent", path.display()),
        format!(
            "{}:4:9: register.New: \"h\" already means HeatMap on register",
            path.display()
        ),
        format!("{}:6:5: \"regsiter\" is not a screen", path.display()),
        format!(
            "{}:7:18: actions.OwnerFilter: \"Hyper-o\" is not a key",
            path.display()
        ),
    ];
    assert_eq!(
        lines.len(),
        expected_starts.len(),
        "{}",
        transcript(&output)
    );
    for (line, start) in lines.iter().zip(&expected_starts) {
        assert!(line.starts_with(start), "{line}\nshould start {start}");
    }
}

#[test]
fn check_gives_the_position_of_a_keys_file_that_does_not_parse() {
    let folder = folder_with_keys("{\n  \"register\": { \"Sort\": [\"o\" },\n}\n");
    let output = config_check(folder.path());
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    let path = folder.path().join("keys.ron");
    assert!(
        stdout(&output).contains(&format!("{}:2:", path.display())),
        "{}",
        transcript(&output)
    );
    assert!(stdout(&output).contains("no key was changed"));
}

#[test]
fn config_keys_prints_the_keys_in_effect() {
    let folder = folder_with_keys("{ \"register\": { \"Sort\": [\"o\"] } }");
    let output = roreg()
        .args(["config", "keys"])
        .env("ROREG_CONFIG_DIR", folder.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let text = stdout(&output);
    let register: Vec<&str> = text
        .lines()
        .skip_while(|l| *l != "register")
        .skip(1)
        .take_while(|l| l.starts_with(' '))
        .collect();
    let sort = register
        .iter()
        .find(|l| l.trim_start().starts_with("Sort "))
        .unwrap_or_else(|| panic!("no Sort on the register:\n{text}"));
    assert!(
        sort.contains(" o ") && sort.contains("next sort column"),
        "{sort}"
    );
    // The other places keep theirs, and popups are listed too.
    assert!(text.contains("\nquit-unsaved\n"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.trim_start().starts_with("QuitWithoutSaving") && l.contains(" Q ")),
        "{text}"
    );
}
