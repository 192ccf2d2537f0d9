//! Which register file a command works on.

use std::path::PathBuf;

use super::Stop;
use super::output::Console;

/// The variable that names a default register for every command.
pub const ENV_FILE: &str = "ROREG_FILE";

/// `file` if given, else `$ROREG_FILE`, else `register.ron` in the platform
/// data folder (created on first use, with a note saying where).
pub fn register_path(file: Option<PathBuf>, console: &mut Console) -> Result<PathBuf, Stop> {
    if let Some(file) = file {
        return Ok(file);
    }
    if let Some(from_env) = std::env::var_os(ENV_FILE).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(from_env));
    }
    let dirs = directories::ProjectDirs::from("", "", "roreg").ok_or_else(|| {
        Stop::NoRegisterPath(format!("no home folder found; pass FILE or set {ENV_FILE}"))
    })?;
    let folder = dirs.data_dir();
    if !folder.exists() {
        std::fs::create_dir_all(folder).map_err(|e| {
            Stop::NoRegisterPath(format!(
                "cannot create the data folder {}: {e}; pass FILE or set {ENV_FILE}",
                folder.display()
            ))
        })?;
        console.note(&format!(
            "roreg: created {} for your default register",
            folder.display()
        ))?;
    }
    Ok(folder.join("register.ron"))
}
