use super::*;

fn parsed(text: &str) -> (Overrides, Vec<String>) {
    let (overrides, problems) = parse(Path::new("/c/theme.ron"), text);
    (overrides, problems.iter().map(|p| p.to_string()).collect())
}

#[test]
fn good_entries_replace_their_styles_whole() {
    let (overrides, problems) = parsed(
        r##"(
    preset: "high-contrast",
    styles: {
        "selected": (fg: "black", bg: "light-yellow", modifiers: ["bold", "underlined"]),
        "dim": (fg: Some("gray")),
        "risk_band_4": (bg: "#ff0080"),
    },
)"##,
    );
    assert_eq!(problems, Vec::<String>::new());
    assert_eq!(overrides.preset.as_deref(), Some("high-contrast"));
    let theme = build(None, &overrides);
    assert_eq!(
        theme.selected,
        Style::new()
            .fg(Color::Black)
            .bg(Color::LightYellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    );
    assert_eq!(theme.dim, Style::new().fg(Color::Gray));
    assert_eq!(
        theme.risk_bands[3],
        Style::new().bg(Color::Rgb(0xff, 0, 0x80))
    );
    // The rest is the file's preset.
    assert_eq!(theme.error, Theme::high_contrast().error);
}

#[test]
fn an_empty_record_changes_nothing() {
    let (overrides, problems) = parsed("()");
    assert!(problems.is_empty());
    assert_eq!(build(None, &overrides), Theme::colour());
}

#[test]
fn each_bad_entry_is_named_where_it_is_and_only_it_is_ignored() {
    let text = r##"(
    styles: {
        "seleted": (fg: "white"),
        "dim": (fg: "purple"),
        "title": (modifiers: ["bold", "blink"]),
        "key": (fg: "#12345"),
        "ok": (fg: "light-green"),
    },
)"##;
    let (overrides, problems) = parsed(text);
    assert_eq!(problems.len(), 4, "{problems:#?}");
    assert!(
        problems[0]
            .starts_with("/c/theme.ron:3:9: unknown style \"seleted\"; the styles are text, dim,"),
        "{}",
        problems[0]
    );
    assert!(
        problems[1].starts_with(
            "/c/theme.ron:4:21: unknown colour \"purple\" for dim.fg; the colours are black, red,"
        ),
        "{}",
        problems[1]
    );
    assert!(
        problems[1].ends_with("white, reset, or \"#rrggbb\""),
        "{}",
        problems[1]
    );
    assert_eq!(
        problems[2],
        "/c/theme.ron:5:39: unknown modifier \"blink\" in title.modifiers; \
         the modifiers are bold, dim, italic, underlined, reversed, crossed-out"
    );
    assert!(problems[3].starts_with("/c/theme.ron:6:21: unknown colour \"#12345\""));
    let theme = build(None, &overrides);
    let default = Theme::colour();
    assert_eq!(theme.dim, default.dim);
    assert_eq!(theme.title, default.title);
    assert_eq!(theme.key, default.key);
    assert_eq!(theme.ok, Style::new().fg(Color::LightGreen));
}

#[test]
fn a_style_given_twice_keeps_its_default() {
    let text = "(styles: {\n  \"dim\": (fg: \"gray\"),\n  \"text\": (fg: \"white\"),\n  \"dim\": (fg: \"white\"),\n})";
    let (overrides, problems) = parsed(text);
    assert_eq!(
        problems,
        [
            "/c/theme.ron:4:3: style \"dim\" is given twice (also on line 2); keep one: until then its default applies"
        ]
    );
    let theme = build(None, &overrides);
    assert_eq!(theme.dim, Theme::colour().dim);
    assert_eq!(theme.text, Style::new().fg(Color::White));
}

#[test]
fn a_file_that_does_not_parse_is_ignored_whole_with_ron_s_position() {
    let (overrides, problems) =
        parsed("(\n  styles: {\n    \"dim\": (fg: \"gray\")\n    \"text\": (),\n  },\n)");
    assert_eq!(overrides, Overrides::default());
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].starts_with("/c/theme.ron:4:5: "),
        "{problems:?}"
    );

    let (_, problems) = parsed("(styles: {\"dim\": (colour: \"gray\")})");
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].starts_with("/c/theme.ron:1:19: styles.dim: unknown field `colour`"),
        "{problems:?}"
    );
    assert!(problems[0].contains("fg, bg, modifiers"), "{problems:?}");

    let (_, problems) = parsed("(preset: \"default\", colours: {})");
    assert!(
        problems[0].contains("unknown field `colours`") && problems[0].contains("preset, styles"),
        "{problems:?}"
    );
}

#[test]
fn an_unknown_preset_in_the_file_is_named_and_the_default_used() {
    let (overrides, problems) = parsed("(\n    preset: \"solarized\",\n)");
    assert_eq!(
        problems,
        [
            "/c/theme.ron:2:13: unknown preset \"solarized\"; the presets are default, monochrome, high-contrast (the default applies)"
        ]
    );
    assert_eq!(build(None, &overrides), Theme::colour());
}

#[test]
fn the_flag_wins_over_the_environment_which_wins_over_the_file() {
    assert_eq!(requested_preset(None, None), Ok(None));
    assert_eq!(requested_preset(None, Some("")), Ok(None));
    assert_eq!(
        requested_preset(Some("monochrome"), Some("high-contrast")),
        Ok(Some("monochrome"))
    );
    assert_eq!(
        requested_preset(None, Some("high-contrast")),
        Ok(Some("high-contrast"))
    );
    // A bad variable is not even looked at when the flag is given.
    assert_eq!(
        requested_preset(Some("default"), Some("nope")),
        Ok(Some("default"))
    );
    let refused = requested_preset(None, Some("nope")).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "ROREG_THEME=\"nope\" is not a theme; the themes are default, monochrome, high-contrast"
    );
    let file = Overrides {
        preset: Some("monochrome".into()),
        styles: Vec::new(),
    };
    assert_eq!(build(Some("high-contrast"), &file), Theme::high_contrast());
    assert_eq!(build(None, &file), Theme::monochrome());
}

#[test]
fn without_colour_the_file_is_not_applied() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        path(folder.path()),
        "(preset: \"high-contrast\", styles: {\"text\": (fg: \"red\")})",
    )
    .unwrap();
    let (theme, problems) = active(None, None, false, Some(folder.path())).unwrap();
    assert_eq!(theme, Theme::monochrome());
    assert!(problems.is_empty());
    let (theme, _) = active(None, None, true, Some(folder.path())).unwrap();
    assert_eq!(theme.text, Style::new().fg(Color::Red));
    assert_eq!(theme.selected, Theme::high_contrast().selected);
    // An unknown name is refused whether or not colour is wanted.
    assert!(active(None, Some("nope"), false, None).is_err());
}
