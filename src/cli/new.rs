//! `roreg new`: an empty register, never over an existing file, unless
//! that file is empty (made by `touch`, say): there is nothing to lose.

use std::path::Path;

use crate::domain::Register;
use crate::storage::{Fingerprint, save};

use super::exit;
use super::output::{Console, WriteError};

pub fn run(path: &Path, organisation: &str, console: &mut Console) -> Result<u8, WriteError> {
    if organisation.trim().is_empty() {
        console.note("roreg new: --organisation is empty; give the organisation's name")?;
        return Ok(exit::PROBLEMS);
    }
    let register = Register::new(organisation.trim());
    let written = match empty_file(path) {
        // Replaced only if it is still that empty file when written.
        Some(empty) => save::save(path, &register, Some(empty)),
        None => save::create(path, &register),
    };
    match written {
        Ok(_) => {
            console.line(&format!(
                "{}: new register for {}",
                path.display(),
                organisation.trim()
            ))?;
            Ok(exit::OK)
        }
        Err(e) => {
            console.note(&e.to_string())?;
            Ok(exit::UNREADABLE)
        }
    }
}

/// The fingerprint of the file at `path` if it holds nothing but blanks.
fn empty_file(path: &Path) -> Option<Fingerprint> {
    // A register is never this small: no need to read one to know.
    if std::fs::metadata(path).ok()?.len() > 4096 {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    bytes
        .iter()
        .all(u8::is_ascii_whitespace)
        .then(|| Fingerprint::of(&bytes))
}
