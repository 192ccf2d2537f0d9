//! `theme.ron`: a preset and the styles that replace the preset's own.
//!
//! ```ron
//! (
//!     preset: "high-contrast",
//!     styles: {
//!         "selected": (fg: "black", bg: "light-yellow", modifiers: ["bold"]),
//!         "dim": (fg: "gray"),
//!     },
//! )
//! ```
//!
//! Both fields are optional; an entry replaces its style whole (an absent
//! `fg`/`bg` is the terminal's own). ron reports syntax and shape errors
//! with a position, and such a file is ignored as a whole. The names and
//! colours are checked here, entry by entry, so one bad entry costs only
//! itself; ron keeps no positions for map entries, so an entry is located by
//! searching the text, in file order, for its quoted key followed by `:` (a
//! key spelt with escapes, or quoted in a comment first, may be placed on
//! the wrong line: the message still names it).

use std::fmt;
use std::path::{Path, PathBuf};

use ratatui::style::{Color, Modifier, Style};
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::theme::{STYLE_NAMES, Theme};

use super::ConfigProblem;

pub const FILE: &str = "theme.ron";

/// What a `theme.ron` asks for, its bad entries left out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overrides {
    /// A name from [`Theme::PRESETS`].
    pub preset: Option<String>,
    pub styles: Vec<(&'static str, Style)>,
}

impl Overrides {
    pub fn apply_to(&self, theme: &mut Theme) {
        for (name, style) in &self.styles {
            if let Some(slot) = theme.style_mut(name) {
                *slot = *style;
            }
        }
    }
}

/// A theme name from `--theme` or `ROREG_THEME` that is no preset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownPreset {
    pub name: String,
    /// Where it was given, as the user would write it.
    pub given_as: &'static str,
}

impl fmt::Display for UnknownPreset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{:?} is not a theme; the themes are {}",
            self.given_as,
            self.name,
            Theme::PRESETS.join(", ")
        )
    }
}

/// The preset asked for on the command line or in the environment: the
/// flag wins over `ROREG_THEME`; an empty variable counts as unset.
pub fn requested_preset<'a>(
    flag: Option<&'a str>,
    env: Option<&'a str>,
) -> Result<Option<&'a str>, UnknownPreset> {
    let (name, given_as) = match (flag, env.filter(|e| !e.is_empty())) {
        (Some(flag), _) => (flag, "--theme "),
        (None, Some(env)) => (env, "ROREG_THEME="),
        (None, None) => return Ok(None),
    };
    match Theme::preset(name) {
        Some(_) => Ok(Some(name)),
        None => Err(UnknownPreset {
            name: name.to_string(),
            given_as,
        }),
    }
}

/// The theme in use: the requested preset, else the file's, else
/// `default`, with the file's styles on top.
pub fn build(requested: Option<&str>, overrides: &Overrides) -> Theme {
    let mut theme = requested
        .or(overrides.preset.as_deref())
        .and_then(Theme::preset)
        .unwrap_or_else(Theme::colour);
    overrides.apply_to(&mut theme);
    theme
}

/// The theme the interface and `roreg list` draw with, and what in
/// `theme.ron` was ignored. Without colour (NO_COLOR, `--no-color`, no
/// terminal) it is `monochrome` whatever the file says, so the file is not
/// read; an unknown requested name is refused either way.
pub fn active(
    flag: Option<&str>,
    env: Option<&str>,
    colour: bool,
    folder: Option<&Path>,
) -> Result<(Theme, Vec<ConfigProblem>), UnknownPreset> {
    let requested = requested_preset(flag, env)?;
    if !colour {
        return Ok((Theme::monochrome(), Vec::new()));
    }
    let (overrides, problems) = folder.and_then(load).unwrap_or_default();
    Ok((build(requested, &overrides), problems))
}

pub fn path(folder: &Path) -> PathBuf {
    folder.join(FILE)
}

/// `theme.ron` in `folder`; `None` when there is none.
pub fn load(folder: &Path) -> Option<(Overrides, Vec<ConfigProblem>)> {
    let path = path(folder);
    match super::read(&path) {
        Ok(None) => None,
        Ok(Some(text)) => Some(parse(&path, &text)),
        Err(problem) => Some((Overrides::default(), vec![problem])),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    #[serde(default)]
    preset: Option<String>,
    #[serde(default)]
    styles: Entries,
}

/// The styles in file order, duplicates kept (a map would drop one silently).
#[derive(Default)]
struct Entries(Vec<(String, StyleSpec)>);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleSpec {
    #[serde(default)]
    fg: Option<String>,
    #[serde(default)]
    bg: Option<String>,
    #[serde(default)]
    modifiers: Vec<String>,
}

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct InOrder;
        impl<'de> Visitor<'de> for InOrder {
            type Value = Entries;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of style names to styles, like { \"dim\": (fg: \"gray\") }")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(InOrder)
    }
}

const COLOURS: [(&str, Color); 17] = [
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("gray", Color::Gray),
    ("dark-gray", Color::DarkGray),
    ("light-red", Color::LightRed),
    ("light-green", Color::LightGreen),
    ("light-yellow", Color::LightYellow),
    ("light-blue", Color::LightBlue),
    ("light-magenta", Color::LightMagenta),
    ("light-cyan", Color::LightCyan),
    ("white", Color::White),
    ("reset", Color::Reset),
];

const MODIFIERS: [(&str, Modifier); 6] = [
    ("bold", Modifier::BOLD),
    ("dim", Modifier::DIM),
    ("italic", Modifier::ITALIC),
    ("underlined", Modifier::UNDERLINED),
    ("reversed", Modifier::REVERSED),
    ("crossed-out", Modifier::CROSSED_OUT),
];

fn colour(name: &str) -> Option<Color> {
    if let Some(hex) = name.strip_prefix('#') {
        let channel = |at: usize| u8::from_str_radix(hex.get(at..at + 2)?, 16).ok();
        return match hex.len() {
            6 => Some(Color::Rgb(channel(0)?, channel(2)?, channel(4)?)),
            _ => None,
        };
    }
    COLOURS
        .iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(name))
        .map(|&(_, colour)| colour)
}

fn names<T>(table: &[(&str, T)]) -> String {
    table
        .iter()
        .map(|(name, _)| *name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads a `theme.ron`: the good entries, and a problem for each bad one.
pub fn parse(path: &Path, text: &str) -> (Overrides, Vec<ConfigProblem>) {
    let file = match deserialize(path, text) {
        Ok(file) => file,
        Err(problem) => return (Overrides::default(), vec![problem]),
    };
    let mut problems = Vec::new();
    let mut overrides = Overrides::default();
    if let Some(preset) = file.preset {
        if Theme::preset(&preset).is_some() {
            overrides.preset = Some(preset);
        } else {
            let at = locate_field_value(text, "preset");
            problems.push(ConfigProblem::at(
                path,
                text,
                at,
                format!(
                    "unknown preset {preset:?}; the presets are {} (the default applies)",
                    Theme::PRESETS.join(", ")
                ),
            ));
        }
    }
    let keys = locate_keys(text, file.styles.0.iter().map(|(name, _)| name.as_str()));
    let mut seen: Vec<(&str, usize)> = Vec::new();
    for ((name, spec), &at) in file.styles.0.iter().zip(&keys) {
        let problem =
            |offset: usize, message: String| ConfigProblem::at(path, text, offset, message);
        let Some(&known) = STYLE_NAMES.iter().find(|n| **n == name.as_str()) else {
            problems.push(problem(
                at,
                format!(
                    "unknown style {name:?}; the styles are {}",
                    STYLE_NAMES.join(", ")
                ),
            ));
            continue;
        };
        // Two entries for one style: which one was meant is a guess, so
        // neither applies.
        if let Some(&(_, first)) = seen.iter().find(|(n, _)| *n == known) {
            let first_line = ConfigProblem::at(path, text, first, "").line;
            problems.push(problem(
                at,
                format!(
                    "style {name:?} is given twice (also on line {first_line}); keep one: until then its default applies"
                ),
            ));
            overrides.styles.retain(|(n, _)| *n != known);
            continue;
        }
        seen.push((known, at));
        let mut style = Style::new();
        let mut bad = false;
        for (field, value) in [("fg", &spec.fg), ("bg", &spec.bg)] {
            let Some(value) = value else { continue };
            match colour(value) {
                Some(c) if field == "fg" => style = style.fg(c),
                Some(c) => style = style.bg(c),
                None => {
                    bad = true;
                    problems.push(problem(
                        locate_string_after(text, at, value),
                        format!(
                            "unknown colour {value:?} for {name}.{field}; the colours are {}, or \"#rrggbb\"",
                            names(&COLOURS)
                        ),
                    ));
                }
            }
        }
        for value in &spec.modifiers {
            match MODIFIERS
                .iter()
                .find(|(m, _)| m.eq_ignore_ascii_case(value))
            {
                Some(&(_, modifier)) => style = style.add_modifier(modifier),
                None => {
                    bad = true;
                    problems.push(problem(
                        locate_string_after(text, at, value),
                        format!(
                            "unknown modifier {value:?} in {name}.modifiers; the modifiers are {}",
                            names(&MODIFIERS)
                        ),
                    ));
                }
            }
        }
        if !bad {
            overrides.styles.push((known, style));
        }
    }
    (overrides, problems)
}

fn deserialize(path: &Path, text: &str) -> Result<ThemeFile, ConfigProblem> {
    let problem = |e, field: &str| ConfigProblem::from_ron(path, &e, field);
    // `fg: "white"` rather than `fg: Some("white")`; both are accepted.
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let mut deserializer =
        ron::Deserializer::from_str_with_options(text, &options).map_err(|e| problem(e, ""))?;
    let file: ThemeFile = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let mut field = e.path().to_string();
        let code = e.into_inner();
        if field.ends_with(".?") || matches!(code, ron::Error::NoSuchStructField { .. }) {
            field.truncate(field.rfind('.').unwrap_or(0));
        }
        problem(deserializer.span_error(code), &field)
    })?;
    deserializer
        .end()
        .map_err(|e| problem(deserializer.span_error(e), ""))?;
    Ok(file)
}

/// The offset of each key, searched for in order from where the previous
/// one was found (linear in the file's size); where one is not found, the
/// previous one's place.
fn locate_keys<'a>(text: &str, keys: impl Iterator<Item = &'a str>) -> Vec<usize> {
    let start = text.find("styles").unwrap_or(0);
    let mut from = start;
    keys.map(|key| {
        let quoted = format!("{key:?}");
        let mut search = from;
        while let Some(found) = text[search..].find(&quoted).map(|at| search + at) {
            let after = found + quoted.len();
            if text[after..].trim_start().starts_with(':') {
                from = after;
                return found;
            }
            search = after;
        }
        from
    })
    .collect()
}

/// The offset of `"value"` after `from` (an entry's key), else `from`.
fn locate_string_after(text: &str, from: usize, value: &str) -> usize {
    let quoted = format!("{value:?}");
    text[from..].find(&quoted).map_or(from, |at| from + at)
}

/// The offset of the value of a top-level field like `preset: "…"`.
fn locate_field_value(text: &str, field: &str) -> usize {
    text.find(field)
        .and_then(|at| text[at..].find(':').map(|colon| at + colon + 1))
        .map_or(0, |after| {
            let value = &text[after..];
            after + (value.len() - value.trim_start().len())
        })
}

#[cfg(test)]
mod tests;
