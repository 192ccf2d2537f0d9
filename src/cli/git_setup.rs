//! `roreg git-setup [FILE] [--global]`: declares roreg's merge driver in git
//! config and gives the register `merge=roreg` in `.gitattributes`. Running
//! it again changes nothing; it says what it changed.

use std::path::{Path, PathBuf};

use super::exit;
use super::git::{self, folder_of, toplevel};
use super::output::{Console, WriteError};

#[derive(Debug, clap::Args)]
pub struct GitSetupArgs {
    /// The register; without it every `*.ron` file of the repository.
    pub file: Option<PathBuf>,
    /// Declare the driver in your global git config (all repositories).
    #[arg(long)]
    pub global: bool,
}

/// The command git runs for the driver: `roreg` when that is this program
/// on PATH, else this program's own path.
fn driver_command() -> String {
    let me = std::env::current_exe().ok();
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join("roreg"))
            .find(|p| p.is_file())
    });
    let same = |a: &Path, b: &Path| a.canonicalize().ok() == b.canonicalize().ok();
    let program = match (&me, &on_path) {
        (Some(me), Some(found)) if same(me, found) => "roreg".to_string(),
        (Some(me), _) => format!("'{}'", me.display().to_string().replace('\'', r"'\''")),
        (None, _) => "roreg".to_string(),
    };
    format!("{program} merge-driver %O %A %B %L %P %S %X %Y")
}

pub fn run(args: &GitSetupArgs, console: &mut Console) -> Result<u8, WriteError> {
    let here = args
        .file
        .as_deref()
        .map(folder_of)
        .unwrap_or_else(|| PathBuf::from("."));
    let Some(top) = toplevel(&here) else {
        console.note(&format!(
            "roreg: {} is not in a git repository (or git is not installed); run `git init` first",
            here.display()
        ))?;
        return Ok(exit::UNREADABLE);
    };
    let command = driver_command();
    let scope = if args.global { "--global" } else { "--local" };
    let current = git::git(&top, &["config", scope, "--get", "merge.roreg.driver"])
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    if current.as_deref() == Some(command.as_str()) {
        console.note(&format!(
            "git config ({scope}) already has merge.roreg.driver"
        ))?;
    } else {
        for (key, value) in [
            (
                "merge.roreg.name",
                "roreg register: merge by id, keep both histories",
            ),
            ("merge.roreg.driver", command.as_str()),
        ] {
            let ok =
                git::git(&top, &["config", scope, key, value]).is_some_and(|o| o.status.success());
            if !ok {
                console.note(&format!("roreg: git config {scope} {key} failed"))?;
                return Ok(exit::UNREADABLE);
            }
        }
        console.note(&format!(
            "git config ({scope}): merge.roreg.driver = {command}"
        ))?;
    }
    let pattern = match &args.file {
        Some(file) => match relative_to(&top, file) {
            Some(relative) => relative,
            None => {
                console.note(&format!(
                    "roreg: {} is not inside the repository at {}",
                    file.display(),
                    top.display()
                ))?;
                return Ok(exit::UNREADABLE);
            }
        },
        None => "*.ron".to_string(),
    };
    let line = format!("{pattern} merge=roreg");
    // .gitattributes travels with the repository; info/attributes holds in
    // this clone on every branch, also one that predates .gitattributes.
    let shared = top.join(".gitattributes");
    let local = git::git(&top, &["rev-parse", "--git-path", "info/attributes"])
        .filter(|o| o.status.success())
        .map(|o| top.join(String::from_utf8_lossy(&o.stdout).trim()));
    let why_shared = "commit it, so everyone's clone merges the register this way";
    let why_local = "this clone, on every branch, even one without .gitattributes";
    for (file, why) in std::iter::once((shared, why_shared)).chain(local.map(|l| (l, why_local))) {
        if !add_line(&file, &line, why, console)? {
            return Ok(exit::UNREADABLE);
        }
    }
    Ok(exit::OK)
}

/// Adds the attribute line to the file unless it is there; false if the
/// file cannot be written.
fn add_line(file: &Path, line: &str, why: &str, console: &mut Console) -> Result<bool, WriteError> {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    if text.lines().any(|l| l.trim() == line) {
        console.note(&format!("{} already has `{line}`", file.display()))?;
        return Ok(true);
    }
    let mut new = text;
    if !new.is_empty() && !new.ends_with('\n') {
        new.push('\n');
    }
    new.push_str(line);
    new.push('\n');
    if let Some(folder) = file.parent() {
        let _ = std::fs::create_dir_all(folder);
    }
    if let Err(e) = crate::storage::save::write_text_atomically(file, &new) {
        console.note(&format!("roreg: cannot write {}: {e}", file.display()))?;
        return Ok(false);
    }
    console.note(&format!("{}: added `{line}` ({why})", file.display()))?;
    Ok(true)
}

/// The file's path from the repository's top, with `/` as git writes it.
fn relative_to(top: &Path, file: &Path) -> Option<String> {
    let absolute = std::path::absolute(file).ok()?;
    let folder = folder_of(&absolute).canonicalize().ok()?;
    let full = folder.join(absolute.file_name()?);
    let relative = full.strip_prefix(top.canonicalize().ok()?).ok()?;
    let text = relative.to_str()?.replace('\\', "/");
    // A pattern with spaces or wildcards would mean something else.
    Some(text.replace(' ', "[[:space:]]"))
}
