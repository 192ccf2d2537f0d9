//! Asking git about the repository a register is in: which merge driver its
//! attributes give the file, and whether git config defines that driver.
//! No git, or no repository, is no problem: the register is just a file.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::domain::{Problem, Severity};

/// Runs git in `dir`; `None` when git cannot be run at all.
pub fn git(dir: &Path, args: &[&str]) -> Option<Output> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()
}

/// The folder a path is in, for running git there.
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The top folder of the repository `dir` is in, if it is in one.
pub fn toplevel(dir: &Path) -> Option<PathBuf> {
    let out = git(dir, &["rev-parse", "--show-toplevel"])?;
    out.status
        .success()
        .then(|| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

/// The `merge` attribute git gives the file, if any.
pub fn merge_attribute(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let out = git(&folder_of(path), &["check-attr", "merge", "--", name])?;
    if !out.status.success() {
        return None;
    }
    // `NAME: merge: VALUE`, VALUE `unspecified` when no attribute names it.
    let text = String::from_utf8_lossy(&out.stdout);
    let value = text.trim().rsplit(": ").next()?.to_string();
    (!matches!(value.as_str(), "unspecified" | "unset" | "set" | "")).then_some(value)
}

/// The command git config gives the merge driver `name`, if any.
pub fn driver(dir: &Path, name: &str) -> Option<String> {
    let key = format!("merge.{name}.driver");
    let out = git(dir, &["config", "--get", &key])?;
    let value = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (out.status.success() && !value.is_empty()).then_some(value)
}

/// A warning when the attributes ask for roreg's merge driver but git
/// config does not define it: git would then merge the file as text.
pub fn missing_driver(path: &Path) -> Option<Problem> {
    if merge_attribute(path)?.as_str() != "roreg" || driver(&folder_of(path), "roreg").is_some() {
        return None;
    }
    Some(Problem {
        severity: Severity::Warning,
        location: ".gitattributes".into(),
        message: "gives this file merge=roreg, but git config defines no merge.roreg.driver, so git merges it as plain text (history conflicts); run `roreg git-setup` in this repository".into(),
    })
}
