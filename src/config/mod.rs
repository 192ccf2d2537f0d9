//! The user's own settings: files in a config folder that override the
//! built-in theme (`theme.ron`) and keys (`keys.ron`). A bad entry never stops the
//! program: it is reported as a [`ConfigProblem`] and its default kept.

pub mod keys;
pub mod theme;

use std::ffi::OsStr;
use std::fmt;
use std::path::{Path, PathBuf};

/// The config folder: `$ROREG_CONFIG_DIR`, else `$XDG_CONFIG_HOME/roreg`,
/// else `roreg` in `user_config_home` (`~/.config` on Unix and macOS alike,
/// as gitui and television do; the roaming AppData folder on Windows).
/// Empty variables count as unset, and so does a relative `XDG_CONFIG_HOME`
/// (the XDG spec says to ignore it). `None`: nowhere to look.
pub fn folder(
    roreg_config_dir: Option<&OsStr>,
    xdg_config_home: Option<&OsStr>,
    user_config_home: Option<&Path>,
) -> Option<PathBuf> {
    let set = |value: Option<&OsStr>| value.filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(dir) = set(roreg_config_dir) {
        return Some(dir);
    }
    if let Some(xdg) = set(xdg_config_home).filter(|p| p.is_absolute()) {
        return Some(xdg.join("roreg"));
    }
    user_config_home.map(|home| home.join("roreg"))
}

/// [`folder`] from this process's environment.
pub fn folder_from_env() -> Option<PathBuf> {
    let dirs = directories::BaseDirs::new();
    let user_config_home = if cfg!(windows) {
        dirs.map(|d| d.config_dir().to_path_buf())
    } else {
        dirs.map(|d| d.home_dir().join(".config"))
    };
    folder(
        std::env::var_os("ROREG_CONFIG_DIR").as_deref(),
        std::env::var_os("XDG_CONFIG_HOME").as_deref(),
        user_config_home.as_deref(),
    )
}

/// Something wrong in a config file, where it is: shown as
/// `PATH:LINE:COLUMN: message`, as compilers do, so editors can jump to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigProblem {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

impl ConfigProblem {
    /// A problem at a byte offset into the file's text.
    pub fn at(path: &Path, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let before = &text[..floor_char_boundary(text, offset)];
        let line_start = before.rfind('\n').map_or(0, |at| at + 1);
        ConfigProblem {
            path: path.to_path_buf(),
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
            message: message.into(),
        }
    }

    /// A syntax or shape error as ron reports it, in the words `roreg check`
    /// uses for the register. `field` is where in the file it is, if known
    /// (`styles.selected`).
    pub fn from_ron(path: &Path, error: &ron::error::SpannedError, field: &str) -> Self {
        let explained = crate::storage::load::explain(&error.code);
        let message = if field.is_empty() || field == "." {
            explained
        } else {
            format!("{field}: {explained}")
        };
        ConfigProblem {
            path: path.to_path_buf(),
            line: error.span.start.line.max(1),
            column: error.span.start.col.max(1),
            message: crate::storage::load::excerpt_quotes(&message),
        }
    }

    /// The file cannot be read at all (not UTF-8, no permission).
    pub fn unreadable(path: &Path, why: impl fmt::Display) -> Self {
        ConfigProblem {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: format!("cannot be read ({why}); the defaults apply"),
        }
    }

    /// What and where, short enough for a status line: the file's name
    /// only, and the message up to its first `; ` (the valid values follow).
    pub fn short(&self) -> String {
        let name = self.path.file_name().unwrap_or(self.path.as_os_str());
        let what = self.message.split("; ").next().unwrap_or_default();
        format!(
            "{}:{}:{}: {what}",
            Path::new(name).display(),
            self.line,
            self.column
        )
    }
}

/// The text of a config file; `Ok(None)` when there is none (the defaults
/// apply, which is no problem).
pub fn read(path: &Path) -> Result<Option<String>, ConfigProblem> {
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            // A BOM from a Windows editor is no content.
            Ok(text) => Ok(Some(text.trim_start_matches('\u{feff}').to_string())),
            Err(e) => Err(ConfigProblem::unreadable(
                path,
                format!("not UTF-8 after byte {}", e.utf8_error().valid_up_to()),
            )),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(ConfigProblem::unreadable(path, e)),
    }
}

/// One line for the interface's status line at start: the first problem,
/// how many more there are, and where to see them all.
pub fn startup_warning(problems: &[ConfigProblem]) -> Option<String> {
    let first = problems.first()?;
    Some(match problems.len() {
        1 => format!("ignored {} (see roreg config check)", first.short()),
        n => format!(
            "ignored {} (+{} more: roreg config check)",
            first.short(),
            n - 1
        ),
    })
}

fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(s: &str) -> Option<&OsStr> {
        Some(OsStr::new(s))
    }

    #[test]
    fn the_folder_is_roreg_config_dir_then_xdg_then_dot_config() {
        let home = Some(Path::new("/home/ann/.config"));
        assert_eq!(
            folder(os("/etc/roreg-team"), os("/xdg"), home),
            Some(PathBuf::from("/etc/roreg-team"))
        );
        assert_eq!(
            folder(None, os("/xdg"), home),
            Some(PathBuf::from("/xdg/roreg"))
        );
        assert_eq!(
            folder(None, None, home),
            Some(PathBuf::from("/home/ann/.config/roreg"))
        );
        assert_eq!(folder(None, None, None), None);
    }

    #[test]
    fn empty_variables_and_a_relative_xdg_folder_count_as_unset() {
        let home = Some(Path::new("/home/ann/.config"));
        let fallback = Some(PathBuf::from("/home/ann/.config/roreg"));
        assert_eq!(folder(os(""), os(""), home), fallback);
        assert_eq!(folder(None, os("relative/xdg"), home), fallback);
        assert_eq!(
            folder(os(""), os("/xdg"), home),
            Some(PathBuf::from("/xdg/roreg"))
        );
    }

    #[test]
    fn a_problem_names_its_line_and_column() {
        let text = "(\n  styles: {\n    \"séléctéd\": (fg: \"purple\"),\n";
        let at = text.find("\"purple\"").unwrap();
        let problem = ConfigProblem::at(Path::new("/c/theme.ron"), text, at, "unknown colour");
        assert_eq!((problem.line, problem.column), (3, 22));
        assert_eq!(problem.to_string(), "/c/theme.ron:3:22: unknown colour");
        assert_eq!(problem.short(), "theme.ron:3:22: unknown colour");
    }

    #[test]
    fn the_startup_warning_gives_the_first_problem_and_counts_the_rest() {
        let problem = |line| ConfigProblem {
            path: PathBuf::from("/c/theme.ron"),
            line,
            column: 5,
            message: "unknown style `seleted`; the styles are text, dim".into(),
        };
        assert_eq!(startup_warning(&[]), None);
        assert_eq!(
            startup_warning(&[problem(2)]).unwrap(),
            "ignored theme.ron:2:5: unknown style `seleted` (see roreg config check)"
        );
        assert_eq!(
            startup_warning(&[problem(2), problem(4), problem(7)]).unwrap(),
            "ignored theme.ron:2:5: unknown style `seleted` (+2 more: roreg config check)"
        );
    }
}
