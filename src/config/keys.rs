//! `keys.ron` in the config folder: the user's key bindings, applied on top
//! of the shipped ones (the format is in `tui::keymap::overrides`).

use std::path::{Path, PathBuf};

use crate::tui::keymap::{Keymap, overrides};

use super::ConfigProblem;

const FILE: &str = "keys.ron";

pub fn path(folder: &Path) -> PathBuf {
    folder.join(FILE)
}

/// The keys in effect with `keys.ron` in `folder`, and what in it was
/// ignored; `None` when there is no such file (the shipped keys apply).
pub fn load(folder: &Path) -> Option<(Keymap, Vec<ConfigProblem>)> {
    let path = path(folder);
    match super::read(&path) {
        Ok(None) => None,
        Ok(Some(text)) => Some(parse(&path, &text)),
        Err(problem) => Some((Keymap::default(), vec![problem])),
    }
}

pub fn parse(path: &Path, text: &str) -> (Keymap, Vec<ConfigProblem>) {
    let (keys, problems) = overrides::apply(text);
    let problems = problems
        .into_iter()
        .map(|p| ConfigProblem {
            path: path.to_path_buf(),
            line: p.line,
            column: p.column,
            message: p.message,
        })
        .collect();
    (keys, problems)
}

/// The keys to use: the shipped ones with `keys.ron` from the config
/// folder, if there is one; and what in it was ignored.
pub fn active(folder: Option<&Path>) -> (Keymap, Vec<ConfigProblem>) {
    folder
        .and_then(load)
        .unwrap_or_else(|| (Keymap::default(), Vec::new()))
}
