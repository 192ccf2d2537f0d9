//! `roreg config`: the user's config files (see `crate::config`), and the
//! theme the interface and `roreg list` draw with.

use std::path::Path;

use clap::Subcommand;

use crate::config::{self, ConfigProblem, keys, theme};
use crate::theme::Theme;
use crate::tui::keymap::overrides;

use super::Stop;
use super::exit;
use super::output::{Console, WriteError};

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Validate the config files; print each problem as FILE:LINE:COLUMN;
    /// exit 0 fine (or no files), 1 problems.
    Check,
    /// Print the keys in effect (the shipped ones with keys.ron applied):
    /// each screen and popup, its intents, their keys and what they do.
    Keys,
}

pub fn run(command: &ConfigCommand, console: &mut Console) -> Result<u8, WriteError> {
    match command {
        ConfigCommand::Check => check(config::folder_from_env().as_deref(), console),
        ConfigCommand::Keys => print_keys(config::folder_from_env().as_deref(), console),
    }
}

/// Each file the program would read: fine, missing (the defaults apply) or
/// its problems, one per line on stdout.
fn check(folder: Option<&Path>, console: &mut Console) -> Result<u8, WriteError> {
    let Some(folder) = folder else {
        console.line(
            "no config folder: no home folder and neither ROREG_CONFIG_DIR nor \
             XDG_CONFIG_HOME is set; the defaults apply",
        )?;
        return Ok(exit::OK);
    };
    let mut problems: Vec<ConfigProblem> = Vec::new();
    let path = theme::path(folder);
    match theme::load(folder) {
        None => console.line(&format!(
            "{}: not there; the default theme applies",
            path.display()
        ))?,
        Some((_, found)) if found.is_empty() => {
            console.line(&format!("{}: fine", path.display()))?
        }
        Some((_, found)) => problems.extend(found),
    }
    let path = keys::path(folder);
    match keys::load(folder) {
        None => console.line(&format!(
            "{}: not there; the shipped keys apply",
            path.display()
        ))?,
        Some((_, found)) if found.is_empty() => {
            console.line(&format!("{}: fine", path.display()))?
        }
        Some((_, found)) => problems.extend(found),
    }
    for problem in &problems {
        console.line(&problem.to_string())?;
    }
    if problems.is_empty() {
        return Ok(exit::OK);
    }
    console.note(&format!(
        "{}; each entry named is ignored and its default applies",
        crate::text::plural(problems.len(), "problem", "problems")
    ))?;
    Ok(exit::PROBLEMS)
}

/// The theme to draw with (see [`theme::active`]) and the problems in
/// `theme.ron`, whose entries were left out. `colour`: whether colour is
/// wanted at all (a terminal, no NO_COLOR, no `--no-color`).
pub fn active_theme(flag: Option<&str>, colour: bool) -> Result<(Theme, Vec<ConfigProblem>), Stop> {
    let env = std::env::var("ROREG_THEME").ok();
    let folder = if colour {
        config::folder_from_env()
    } else {
        None
    };
    theme::active(flag, env.as_deref(), colour, folder.as_deref()).map_err(Stop::UnknownTheme)
}

/// The keys in effect, one block per screen and popup. What `keys.ron`
/// got wrong is noted on stderr; `roreg config check` lists it in full.
fn print_keys(folder: Option<&Path>, console: &mut Console) -> Result<u8, WriteError> {
    let (keymap, ignored) = keys::active(folder);
    for line in overrides::table(&keymap).lines() {
        console.line(line)?;
    }
    if let Some(warning) = config::startup_warning(&ignored) {
        console.note(&format!("roreg: {warning}"))?;
    }
    Ok(exit::OK)
}

/// The keys the interface uses, and what in `keys.ron` was ignored.
pub fn active_keys() -> (crate::tui::keymap::Keymap, Vec<ConfigProblem>) {
    keys::active(config::folder_from_env().as_deref())
}
