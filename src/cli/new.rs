//! `roreg new`: an empty register, never over an existing file.

use std::path::Path;

use crate::domain::Register;
use crate::storage::save;

use super::exit;
use super::output::{Console, WriteError};

pub fn run(path: &Path, organisation: &str, console: &mut Console) -> Result<u8, WriteError> {
    if organisation.trim().is_empty() {
        console.note("roreg new: --organisation is empty; give the organisation's name")?;
        return Ok(exit::PROBLEMS);
    }
    match save::create(path, &Register::new(organisation.trim())) {
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
