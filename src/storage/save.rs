//! Writing a register: checked, atomic, with the previous version kept.

use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use atomic_write_file::AtomicWriteFile;
use ron::ser::PrettyConfig;

use crate::domain::Register;

use super::fingerprint::Fingerprint;
use super::load::parse_text;
use super::replace::{ReplaceError, replace_if_unchanged};

#[derive(Debug)]
pub enum SaveError {
    /// The serialised text did not read back as the same register: a bug, and
    /// the reason nothing was written.
    RoundTrip(String),
    /// Someone else changed the file since it was loaded.
    ChangedOnDisk { path: PathBuf },
    /// Someone wrote during the save, and their version could not be put
    /// back in place: it is kept under `kept`; ours is at `path`.
    Stranded {
        path: PathBuf,
        kept: PathBuf,
        source: io::Error,
    },
    /// The user may no longer write the file (made read-only while open).
    NotWritable { path: PathBuf, why: String },
    /// A new register was to be written where a file already is.
    AlreadyExists { path: PathBuf },
    Io {
        path: PathBuf,
        action: &'static str,
        source: io::Error,
    },
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::RoundTrip(why) => write!(
                f,
                "not saved: the register did not read back as written ({why}); the file on disk is unchanged — please report this"
            ),
            SaveError::ChangedOnDisk { path } => write!(
                f,
                "{}: not saved: the file was changed by someone else since it was loaded; reload it before saving",
                path.display()
            ),
            SaveError::Stranded { path, kept, source } => write!(
                f,
                "{}: someone else wrote the file during this save, and their version could not be put back ({source}): it is kept whole as {}; compare the two and keep both changes",
                path.display(),
                kept.display()
            ),
            SaveError::NotWritable { path, why } => write!(
                f,
                "{}: not saved: {why}; the file on disk is unchanged and your changes are kept: make the file writable again, then save again",
                path.display()
            ),
            SaveError::AlreadyExists { path } => write!(
                f,
                "{}: already exists; roreg never overwrites a file it did not load — choose another path",
                path.display()
            ),
            SaveError::Io {
                path,
                action,
                source,
            } => {
                let why = match source.kind() {
                    io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                    _ => source.to_string(),
                };
                write!(
                    f,
                    "{}: not saved: cannot {action} ({why}); the file on disk is unchanged",
                    path.display()
                )
            }
        }
    }
}

impl std::error::Error for SaveError {}

fn pretty() -> PrettyConfig {
    PrettyConfig::new().new_line("\n")
}

/// The file text of a register, in the order the file keeps, verified to read
/// back as exactly the same register.
pub fn to_text(register: &Register) -> Result<String, SaveError> {
    // A register in the file's order already (as the interface keeps it)
    // is written as it is: no copy of it for the length of a save.
    let ordered = if register.is_normalised() {
        std::borrow::Cow::Borrowed(register)
    } else {
        let mut ordered = register.clone();
        ordered.normalise();
        std::borrow::Cow::Owned(ordered)
    };
    let mut text = ron::ser::to_string_pretty(&*ordered, pretty())
        .map_err(|e| SaveError::RoundTrip(e.to_string()))?;
    text.push('\n');
    let back = parse_text(&text).map_err(|e| SaveError::RoundTrip(format!("{e:?}")))?;
    if back != *ordered {
        return Err(SaveError::RoundTrip(
            "values differ after reading back".into(),
        ));
    }
    Ok(text)
}

/// Where a save really goes: through a symlink to its target, so the link stays a link.
pub fn resolve(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The backup beside the register: `FILE.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    PathBuf::from(name)
}

/// Why this user may not write the register at `path`, if they may not:
/// a file marked read-only stays so, even for root, who could replace it.
pub fn why_not_writable(path: &Path) -> Option<String> {
    let metadata = std::fs::metadata(path).ok()?;
    if metadata.permissions().readonly() {
        return Some("the file is read-only (no write permission)".into());
    }
    // Opening to append writes nothing, and asks the system the real question.
    match std::fs::OpenOptions::new().append(true).open(path) {
        Ok(_) => None,
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
            Some("you may not write this file (permission denied)".into())
        }
        Err(e) => Some(format!("you may not write this file ({e})")),
    }
}

/// Saves `register` to `path`.
///
/// `expected` is the fingerprint of the bytes loaded; when the file no longer
/// has it, someone else wrote in between and nothing is written, even if
/// their write lands in the last moment of this save. `None` means the file
/// must not exist yet. Returns the new file's fingerprint.
pub fn save(
    path: &Path,
    register: &Register,
    expected: Option<Fingerprint>,
) -> Result<Fingerprint, SaveError> {
    let text = to_text(register)?;
    let target = resolve(path);
    // Messages name the path the user gave, not the resolved one.
    let io_error = |action: &'static str| {
        move |source| SaveError::Io {
            path: path.to_path_buf(),
            action,
            source,
        }
    };
    let changed = || SaveError::ChangedOnDisk {
        path: path.to_path_buf(),
    };
    let previous = match std::fs::read(&target) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(io_error("read the current file")(e)),
    };
    match (&previous, expected) {
        (Some(_), None) => {
            return Err(SaveError::AlreadyExists {
                path: path.to_path_buf(),
            });
        }
        (None, Some(_)) => return Err(changed()),
        (Some(bytes), Some(fp)) if Fingerprint::of(bytes) != fp => return Err(changed()),
        _ => {}
    }
    if let Some(bytes) = &previous {
        // The folder may let us replace a file we may no longer write.
        if let Some(why) = why_not_writable(&target) {
            return Err(SaveError::NotWritable {
                path: path.to_path_buf(),
                why,
            });
        }
        if *bytes == text.as_bytes() {
            return Ok(Fingerprint::of(bytes));
        }
        let backup = backup_path(&target);
        write_atomically(&backup, bytes).map_err(io_error("write the backup"))?;
        // The backup holds the same text: no more readable than the register.
        share_like(&backup, &target).map_err(io_error("protect the backup"))?;
    }
    replace_if_unchanged(&target, text.as_bytes(), expected).map_err(|e| match e {
        ReplaceError::Changed => changed(),
        ReplaceError::Exists => SaveError::AlreadyExists {
            path: path.to_path_buf(),
        },
        ReplaceError::Io { action, source } => io_error(action)(source),
        ReplaceError::Stranded { kept, source } => SaveError::Stranded {
            path: path.to_path_buf(),
            kept,
            source,
        },
    })?;
    Ok(Fingerprint::of(text.as_bytes()))
}

/// Removes temporary files a save interrupted by a crash may have left
/// (`.NAME.xxxxxx` beside the register and its backup). Only the writer, who
/// holds the lock, may call this: no save of anyone else can be under way.
pub fn remove_stale_temporaries(path: &Path) -> io::Result<usize> {
    let target = resolve(path);
    let Some(folder) = target.parent() else {
        return Ok(0);
    };
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let names: Vec<String> = [Some(target.clone()), Some(backup_path(&target))]
        .into_iter()
        .flatten()
        .filter_map(|p| p.file_name().map(|n| format!(".{}.", n.to_string_lossy())))
        .collect();
    let mut removed = 0;
    for entry in std::fs::read_dir(folder)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().to_string();
        let stale = names.iter().any(|prefix| {
            name.strip_prefix(prefix.as_str()).is_some_and(|suffix| {
                suffix.len() == 6 && suffix.chars().all(|c| c.is_ascii_alphanumeric())
            })
        });
        if stale && entry.file_type()?.is_file() {
            std::fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Writes a new file only; refuses to replace one that exists.
pub fn create(path: &Path, register: &Register) -> Result<Fingerprint, SaveError> {
    save(path, register, None)
}

/// Gives `path` the permission bits and (where allowed) the group of `like`.
pub fn share_like(path: &Path, like: &Path) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let model = std::fs::metadata(like)?;
    std::fs::set_permissions(path, model.permissions())?;
    // Changing the group is allowed only to members of it; not being able to
    // is no reason to refuse the save.
    let _ = std::os::unix::fs::chown(path, None, Some(model.gid()));
    Ok(())
}

/// Temp file in the same folder, fsync, rename over, fsync the folder; keeps
/// the mode and (where allowed) the owner and group of the file it replaces.
/// Writes a text whole or not at all, without a backup: for a file that is
/// not the register itself (git's copy during a merge).
pub fn write_text_atomically(path: &Path, text: &str) -> io::Result<()> {
    write_atomically(&resolve(path), text.as_bytes())
}

fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = AtomicWriteFile::open(path)?;
    file.write_all(bytes)?;
    file.commit()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{customer_focus_sample, sample};

    #[test]
    fn customer_focus_is_written_readably_and_reads_back_the_same() {
        let text = to_text(&customer_focus_sample()).unwrap();
        assert!(text.contains("target: AtLeast(95.0)"), "{text}");
        assert!(text.contains("date: \"2026-10-31\",\n"), "{text}");
        assert!(text.contains("value: 91.5,"), "{text}");
        assert!(
            text.contains("requirements: [\n                \"REQ-001\",\n"),
            "{text}"
        );
        assert!(text.contains("key: true,"), "{text}");
        assert_eq!(parse_text(&text).unwrap().measures.len(), 2);
    }

    #[test]
    fn a_register_without_customer_focus_writes_none_of_its_fields() {
        let text = to_text(&sample()).unwrap();
        for absent in ["customers:", "requirements:", "measures:"] {
            assert!(!text.contains(absent), "{absent} in {text}");
        }
    }
}
