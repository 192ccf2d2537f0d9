//! Putting a new version of a file in place only if nobody else wrote it
//! meanwhile: a compare-and-swap on a path.
//!
//! A check followed by a rename always leaves a moment in which someone
//! else's write is lost. So the new version is swapped in with
//! `renameat2(RENAME_EXCHANGE)`, which leaves the replaced file reachable
//! under the temporary name; only if that file still is the one expected is
//! it removed. If someone wrote in between (in place or by renaming their
//! own file over ours), the two are swapped back and their version stays.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use rustix::fs::{CWD, RenameFlags, renameat_with};

use super::fingerprint::Fingerprint;

#[derive(Debug)]
pub enum ReplaceError {
    /// The file at the path is not the one expected: nothing was replaced.
    Changed,
    /// A new file was to be created, but one appeared meanwhile.
    Exists,
    Io {
        action: &'static str,
        source: io::Error,
    },
    /// Someone wrote in the last moment and their version could not be put
    /// back: it is kept, whole, under this name beside the file.
    Stranded { kept: PathBuf, source: io::Error },
}

fn io(action: &'static str) -> impl FnOnce(io::Error) -> ReplaceError {
    move |source| ReplaceError::Io { action, source }
}

/// Writes `bytes` to `target` if the file there still has the fingerprint
/// `expected` (`None`: if there is no file yet). Temp file in the same
/// folder, fsynced, with the replaced file's mode and (where allowed) owner
/// and group; the folder is fsynced after the swap.
pub fn replace_if_unchanged(
    target: &Path,
    bytes: &[u8],
    expected: Option<Fingerprint>,
) -> Result<(), ReplaceError> {
    let model = match std::fs::metadata(target) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(io("read the current file")(e)),
    };
    // Private until it has the replaced file's mode; a new register gets
    // the usual mode (0666 less the umask).
    let mode = if model.is_some() { 0o600 } else { 0o666 };
    let (temp, file) = create_temporary(target, mode).map_err(io("create a temporary file"))?;
    // From here on the temporary must not outlive a failure.
    let result = write_and_swap(target, &temp, file, bytes, expected, model.as_ref());
    // A stranded temporary holds someone else's version: never removed.
    if result.is_err() && !matches!(result, Err(ReplaceError::Stranded { .. })) {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

fn write_and_swap(
    target: &Path,
    temp: &Path,
    mut file: File,
    bytes: &[u8],
    expected: Option<Fingerprint>,
    model: Option<&std::fs::Metadata>,
) -> Result<(), ReplaceError> {
    file.write_all(bytes).map_err(io("write the file"))?;
    if let Some(model) = model {
        file.set_permissions(model.permissions())
            .map_err(io("keep the file's permissions"))?;
        // Only root may give a file away; a group change needs membership.
        // Neither is a reason to refuse the save.
        if std::os::unix::fs::fchown(&file, Some(model.uid()), Some(model.gid())).is_err() {
            let _ = std::os::unix::fs::fchown(&file, None, Some(model.gid()));
        }
    }
    file.sync_all().map_err(io("write the file"))?;
    drop(file);
    let Some(expected) = expected else {
        return create_in_place(temp, target);
    };
    // The cheap look first: most outside writes are caught here.
    if !holds(target, expected)? {
        return Err(ReplaceError::Changed);
    }
    match renameat_with(CWD, temp, CWD, target, RenameFlags::EXCHANGE) {
        Ok(()) => {
            // `temp` now names the file that was replaced. Unless it is
            // surely the one we checked (a file we cannot even read is not),
            // someone wrote in the last moment: swap theirs back.
            if !holds(temp, expected).unwrap_or(false) {
                return match renameat_with(CWD, temp, CWD, target, RenameFlags::EXCHANGE) {
                    Ok(()) => Err(ReplaceError::Changed),
                    Err(e) => Err(ReplaceError::Stranded {
                        kept: keep_aside(temp, target),
                        source: e.into(),
                    }),
                };
            }
            // Ours is in place; a replaced file left behind is only untidy
            // (the next writer clears temporaries).
            let _ = std::fs::remove_file(temp);
        }
        // File systems without the exchange (some network and FUSE ones):
        // the check just above is the best there is.
        Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {
            std::fs::rename(temp, target).map_err(io("write the file"))?;
        }
        Err(e) => return Err(io("write the file")(e.into())),
    }
    sync_folder(target).map_err(io("write the file"))
}

/// Gives the temporary its final name only if no file has that name.
fn create_in_place(temp: &Path, target: &Path) -> Result<(), ReplaceError> {
    match renameat_with(CWD, temp, CWD, target, RenameFlags::NOREPLACE) {
        Ok(()) => {}
        Err(rustix::io::Errno::EXIST) => return Err(ReplaceError::Exists),
        Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {
            // A hard link never replaces a file either.
            match std::fs::hard_link(temp, target) {
                Ok(()) => std::fs::remove_file(temp).map_err(io("write the file"))?,
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    return Err(ReplaceError::Exists);
                }
                Err(e) => return Err(io("write the file")(e)),
            }
        }
        Err(e) => return Err(io("write the file")(e.into())),
    }
    sync_folder(target).map_err(io("write the file"))
}

/// Moves someone's stranded version out of the temporaries' pattern, which
/// the next writer clears, to `FILE.theirs.xxxxxx`; where it is if it can't.
fn keep_aside(temp: &Path, target: &Path) -> PathBuf {
    let mut name = target.as_os_str().to_owned();
    let suffix = temp
        .extension()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    name.push(format!(".theirs.{suffix}"));
    let kept = PathBuf::from(name);
    match std::fs::rename(temp, &kept) {
        Ok(()) => kept,
        Err(_) => temp.to_path_buf(),
    }
}

/// Whether the file at `path` has exactly the bytes fingerprinted.
fn holds(path: &Path, expected: Fingerprint) -> Result<bool, ReplaceError> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Fingerprint::of(&bytes) == expected),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(io("read the current file")(e)),
    }
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn sync_folder(path: &Path) -> io::Result<()> {
    File::open(folder_of(path))?.sync_all()
}

/// `.NAME.xxxxxx` beside `target`: the pattern the writer clears after a
/// crash (`save::remove_stale_temporaries`).
fn create_temporary(target: &Path, mode: u32) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    loop {
        let seed = u64::from(std::process::id()) << 32
            ^ COUNTER.fetch_add(1, Ordering::Relaxed)
            ^ std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| u64::from(d.subsec_nanos()));
        let path = folder_of(target).join(format!(".{name}.{}", suffix(seed)));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode)
            .open(&path)
        {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Six letters and digits from a seed, scrambled so neighbours differ.
fn suffix(seed: u64) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ (seed >> 29);
    (0..6)
        .map(|_| {
            let c = ALPHABET[(x % ALPHABET.len() as u64) as usize] as char;
            x /= ALPHABET.len() as u64;
            c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_changed_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.ron");
        std::fs::write(&path, "theirs").unwrap();
        let stale = Fingerprint::of(b"what we loaded");
        assert!(matches!(
            replace_if_unchanged(&path, b"ours", Some(stale)),
            Err(ReplaceError::Changed)
        ));
        assert_eq!(std::fs::read(&path).unwrap(), b"theirs");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary left"
        );
    }

    #[test]
    fn an_unchanged_file_is_replaced_and_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.ron");
        std::fs::write(&path, "loaded").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        replace_if_unchanged(&path, b"ours", Some(Fingerprint::of(b"loaded"))).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"ours");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_new_file_never_replaces_one_that_appeared() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.ron");
        std::fs::write(&path, "someone was quicker").unwrap();
        assert!(matches!(
            replace_if_unchanged(&path, b"ours", None),
            Err(ReplaceError::Exists)
        ));
        assert_eq!(std::fs::read(&path).unwrap(), b"someone was quicker");
        std::fs::remove_file(&path).unwrap();
        replace_if_unchanged(&path, b"ours", None).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"ours");
    }

    #[test]
    fn temporaries_follow_the_pattern_a_crashed_save_is_cleared_by() {
        let names: std::collections::BTreeSet<String> = (0..200).map(suffix).collect();
        assert_eq!(names.len(), 200, "neighbouring seeds give distinct names");
        assert!(
            names
                .iter()
                .all(|s| s.len() == 6 && s.chars().all(|c| c.is_ascii_alphanumeric()))
        );
    }
}
