//! `roreg new`: an empty register, never over an existing file.

use std::path::Path;

use crate::domain::Register;
use crate::storage::save;

use super::exit;

pub fn run(path: &Path, organisation: &str) -> u8 {
    if organisation.trim().is_empty() {
        eprintln!("roreg new: --organisation is empty; give the organisation's name");
        return exit::PROBLEMS;
    }
    match save::create(path, &Register::new(organisation.trim())) {
        Ok(_) => {
            println!(
                "{}: new register for {}",
                path.display(),
                organisation.trim()
            );
            exit::OK
        }
        Err(e) => {
            eprintln!("{e}");
            exit::UNREADABLE
        }
    }
}
