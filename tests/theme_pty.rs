//! The chosen theme on a real terminal: `roreg list` and the interface,
//! the real binary in a pseudo-terminal, its output read back as a terminal
//! would show it (colours per cell).

mod common;
#[path = "common/pty.rs"]
mod pty;

use std::path::Path;
use std::time::Duration;

use pty::Pty;

const T: Duration = Duration::from_secs(10);
const COLS: u16 = 200;
const ROWS: u16 = 50;
/// The 16 colours as terminals number them.
const BLACK: vt100::Color = vt100::Color::Idx(0);
const RED: vt100::Color = vt100::Color::Idx(1);
const MAGENTA: vt100::Color = vt100::Color::Idx(5);
const YELLOW: vt100::Color = vt100::Color::Idx(3);
const LIGHT_RED: vt100::Color = vt100::Color::Idx(9);
const WHITE: vt100::Color = vt100::Color::Idx(15);
const DEFAULT: vt100::Color = vt100::Color::Default;

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap()
}

/// What the terminal shows once `roreg ARGS` has ended.
fn run_in_terminal(args: &[&str], env: &[(&str, &str)]) -> vt100::Parser {
    let mut child = Pty::spawn(env!("CARGO_BIN_EXE_roreg"), args, env, COLS, ROWS);
    let status = child.wait_exit(T);
    assert!(
        status.success(),
        "roreg {args:?} failed:\n{}",
        child.screen()
    );
    let mut screen = vt100::Parser::new(nonzero(ROWS), nonzero(COLS), 0);
    screen.process(&child.raw_output());
    screen
}

/// The environment of a user with colour and the given config folder
/// (whatever the environment running the tests says).
fn colour_env(config: &Path) -> Vec<(&'static str, String)> {
    vec![
        ("NO_COLOR", String::new()),
        ("ROREG_THEME", String::new()),
        ("ROREG_CONFIG_DIR", config.display().to_string()),
    ]
}

fn list(config: &Path, extra: &[&str], env: &[(&str, &str)]) -> vt100::Parser {
    let example = common::example();
    let mut args = vec!["list", "--today", "2026-11-21"];
    args.extend_from_slice(extra);
    args.push(example.to_str().unwrap());
    let owned = colour_env(config);
    let mut pairs: Vec<(&str, &str)> = owned.iter().map(|(k, v)| (*k, v.as_str())).collect();
    pairs.extend_from_slice(env);
    run_in_terminal(&args, &pairs)
}

/// The cell where `word` starts on the row that begins with `id`.
fn cell_of<'a>(parser: &'a vt100::Parser, id: &str, word: &str) -> (&'a vt100::Cell, u16, u16) {
    let screen = parser.screen();
    for (row, text) in screen.rows(0, COLS).enumerate() {
        if text.starts_with(id) {
            let at = text
                .find(word)
                .unwrap_or_else(|| panic!("{word} not on {text}"));
            let col = text[..at].chars().count() as u16;
            let row = row as u16;
            return (screen.cell(row, col).unwrap(), row, col);
        }
    }
    panic!("no row for {id}:\n{}", screen.contents());
}

fn colours(cell: &vt100::Cell) -> (vt100::Color, vt100::Color, bool) {
    (cell.fgcolor(), cell.bgcolor(), cell.bold())
}

fn theme_folder(text: &str) -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("theme.ron"), text).unwrap();
    folder
}

#[test]
fn list_draws_its_bands_in_the_chosen_theme() {
    let folder = tempfile::tempdir().unwrap();
    // R-001 is High: the third of four risk bands.
    let default = list(folder.path(), &[], &[]);
    let (high, _, _) = cell_of(&default, "R-001", "High");
    assert_eq!(colours(high), (LIGHT_RED, DEFAULT, false));

    let projector = list(folder.path(), &["--theme", "high-contrast"], &[]);
    let (high, row, col) = cell_of(&projector, "R-001", "High");
    assert_eq!(colours(high), (BLACK, LIGHT_RED, true));
    // Only the word: the gap after it keeps the terminal's background.
    let gap = projector.screen().cell(row, col + 4).unwrap();
    assert_eq!(gap.bgcolor(), DEFAULT);
    let (critical, _, _) = cell_of(&projector, "R-008", "Critical");
    assert_eq!(colours(critical), (WHITE, RED, true));
    // Overdue in the theme's overdue style: white on red.
    let (overdue, _, _) = cell_of(&projector, "R-012", "2026-07-21 overdue");
    assert_eq!(colours(overdue), (WHITE, RED, true));

    let from_env = list(folder.path(), &[], &[("ROREG_THEME", "high-contrast")]);
    let (high, _, _) = cell_of(&from_env, "R-001", "High");
    assert_eq!(colours(high), (BLACK, LIGHT_RED, true));
}

#[test]
fn theme_ron_styles_reach_list_and_bad_entries_are_named() {
    let folder = theme_folder(
        "(\n  styles: {\n    \"risk_band_3\": (fg: \"magenta\"),\n    \"risk_band_4\": (fg: \"purple\"),\n  },\n)\n",
    );
    let parser = list(folder.path(), &[], &[]);
    let (high, _, _) = cell_of(&parser, "R-001", "High");
    assert_eq!(colours(high), (MAGENTA, DEFAULT, false));
    // The bad entry keeps the default's white on red.
    let (critical, _, _) = cell_of(&parser, "R-008", "Critical");
    assert_eq!(colours(critical), (WHITE, RED, true));
    let contents = parser.screen().contents();
    let expected = "roreg: ignored theme.ron:4:25: unknown colour \"purple\" \
                    for risk_band_4.fg (see roreg config check)";
    assert!(contents.contains(expected), "{expected}\n{contents}");
}

#[test]
fn no_color_wins_over_the_flag_and_theme_ron() {
    let folder =
        theme_folder("(preset: \"high-contrast\", styles: {\"risk_band_3\": (fg: \"magenta\")})");
    for (extra, env) in [
        (&["--theme", "high-contrast"][..], &[("NO_COLOR", "1")][..]),
        (&["--theme", "high-contrast", "--no-color"][..], &[][..]),
    ] {
        let parser = list(folder.path(), extra, env);
        let screen = parser.screen();
        for row in 0..ROWS {
            for col in 0..COLS {
                let cell = screen.cell(row, col).unwrap();
                assert_eq!(
                    (cell.fgcolor(), cell.bgcolor(), cell.bold()),
                    (DEFAULT, DEFAULT, false),
                    "{extra:?} {env:?}: cell {row},{col} {:?}\n{}",
                    cell.contents(),
                    screen.contents()
                );
            }
        }
        assert!(screen.contents().contains("R-001"));
    }
}

#[test]
fn piped_list_stays_plain_text_whatever_the_theme() {
    let folder =
        theme_folder("(preset: \"high-contrast\", styles: {\"risk_band_3\": (fg: \"nope\")})");
    let output = common::roreg()
        .args(["list", "--today", "2026-11-21", "--theme", "high-contrast"])
        .arg(common::example())
        .env("NO_COLOR", "")
        .env("ROREG_CONFIG_DIR", folder.path())
        .output()
        .unwrap();
    common::assert_golden(
        &common::fixtures().join("list/all.expected"),
        &common::transcript(&output),
    );
}

/// The interface on a copy of the example, until `until` is on screen.
fn interface(
    config: &Path,
    extra: &[&str],
    env: &[(&str, &str)],
    until: &str,
) -> (Pty, vt100::Parser) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("register.ron");
    std::fs::copy(common::example(), &file).unwrap();
    let mut args = vec![
        file.to_str().unwrap(),
        "--today",
        "2026-11-21",
        "--as",
        "qlead",
    ];
    args.extend_from_slice(extra);
    let owned = colour_env(config);
    let mut pairs: Vec<(&str, &str)> = owned.iter().map(|(k, v)| (*k, v.as_str())).collect();
    pairs.extend_from_slice(env);
    pairs.extend_from_slice(&[("USER", "theme-tester"), ("LOGNAME", "theme-tester")]);
    let mut child = Pty::spawn(env!("CARGO_BIN_EXE_roreg"), &args, &pairs, 100, 30);
    child.wait_for(until, T);
    let mut parser = vt100::Parser::new(nonzero(30), nonzero(100), 0);
    parser.process(&child.raw_output());
    child.send(b"q");
    let status = child.wait_exit(T);
    assert!(status.success(), "{}", child.screen());
    drop(dir);
    (child, parser)
}

#[test]
fn the_interface_says_at_start_what_in_theme_ron_it_ignored() {
    let folder = theme_folder(
        "(\n  styles: {\n    \"seleted\": (fg: \"white\"),\n    \"dim\": (modifiers: [\"blink\"]),\n  },\n)\n",
    );
    let (_, parser) = interface(folder.path(), &[], &[], "ignored theme.ron");
    let contents = parser.screen().contents();
    let status = contents.lines().last().unwrap_or("");
    assert!(
        status.contains(
            "ignored theme.ron:3:5: unknown style \"seleted\" (+1 more: roreg config check)"
        ),
        "{contents}"
    );
}

#[test]
fn the_interface_draws_with_the_chosen_theme_and_no_color_wins() {
    let folder = tempfile::tempdir().unwrap();
    let selected_id_cell = |parser: &vt100::Parser| {
        let screen = parser.screen();
        let (row, text) = screen
            .rows(0, 100)
            .enumerate()
            .find(|(_, text)| text.contains('▶'))
            .unwrap_or_else(|| panic!("no selected row:\n{}", screen.contents()));
        let col = text.chars().position(|c| c == '▶').unwrap() as u16 + 2;
        let cell = screen.cell(row as u16, col).unwrap();
        (cell.fgcolor(), cell.bgcolor(), cell.inverse())
    };
    let (_, projector) = interface(
        folder.path(),
        &["--theme", "high-contrast"],
        &[],
        "by score",
    );
    assert_eq!(selected_id_cell(&projector), (BLACK, YELLOW, false));
    let (_, plain) = interface(
        folder.path(),
        &["--theme", "high-contrast"],
        &[("NO_COLOR", "1")],
        "by score",
    );
    assert_eq!(selected_id_cell(&plain), (DEFAULT, DEFAULT, true));
}
