//! One writer at a time: a lock on a sidecar `FILE.lock` (never the register
//! itself, which an atomic save replaces), holding who has it.
//!
//! A lock file can be deleted under a running editor (`git clean -X`, a
//! tidy-up). So the writer also holds a name in Linux's abstract socket
//! namespace, derived from the lock file's path: it is no file, nothing can
//! delete it, and it goes with the process however it ends. A second
//! instance on the same machine that finds the lock file gone still finds
//! the name taken, and stays read-only; the editor puts its lock file back.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

/// Who holds the lock, as written into the lock file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    pub user: String,
    pub host: String,
    pub pid: u32,
    /// When they took it, as text (RFC 3339).
    pub since: String,
}

impl Holder {
    /// This process, as `user`, since `since`.
    pub fn me(user: &str, since: &str) -> Holder {
        Holder {
            user: user.to_string(),
            host: host_name(),
            pid: std::process::id(),
            since: since.to_string(),
        }
    }

    fn to_text(&self) -> String {
        format!(
            "user={}\nhost={}\npid={}\nsince={}\n",
            self.user, self.host, self.pid, self.since
        )
    }

    fn parse(text: &str) -> Option<Holder> {
        let value = |key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix('=')))
                .map(str::to_string)
        };
        Some(Holder {
            user: value("user")?,
            host: value("host")?,
            pid: value("pid")?.parse().ok()?,
            since: value("since")?,
        })
    }

    /// "jsmith on build-01 (pid 4242) since 2026-11-21T09:14:00Z"
    pub fn describe(&self) -> String {
        format!(
            "{} on {} (pid {}) since {}",
            self.user, self.host, self.pid, self.since
        )
    }
}

fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "unknown host".to_string())
}

/// `FILE.lock` beside the register's real file (through a symlink).
pub fn lock_path(register: &Path) -> PathBuf {
    let target = super::save::resolve(register);
    let mut name = target.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// A held lock; released when dropped or when the process ends, however it ends.
#[derive(Debug)]
pub struct Lock {
    file: File,
    /// The name in the abstract namespace (Linux); `None` elsewhere.
    _name: Option<std::os::unix::net::UnixListener>,
}

/// What became of a lock file that was no longer the one held.
#[derive(Debug)]
pub enum Restored {
    /// Still in place: nothing to do.
    InPlace,
    /// It was removed or replaced, and is ours again, holder note and all.
    Retaken,
    /// It was replaced and someone else holds the new one (on another
    /// machine, where the name does not reach): we are no writer any more.
    Lost(Option<Holder>),
}

impl Lock {
    /// Whether `FILE.lock` still is the file this lock holds; if it was
    /// removed or replaced, takes it again.
    pub fn restore(&mut self, register: &Path, me: &Holder) -> io::Result<Restored> {
        use std::os::unix::fs::MetadataExt;
        let held = self.file.metadata()?;
        let in_place = std::fs::metadata(lock_path(register))
            .is_ok_and(|now| now.ino() == held.ino() && now.dev() == held.dev());
        if in_place {
            return Ok(Restored::InPlace);
        }
        match take_file(register, me)? {
            FileAttempt::Taken(file) => {
                self.file = file;
                Ok(Restored::Retaken)
            }
            FileAttempt::HeldBy(holder) => Ok(Restored::Lost(holder)),
        }
    }
}

#[derive(Debug)]
pub enum Attempt {
    Acquired(Lock),
    /// Someone else holds it; `None` when their note could not be read.
    HeldBy(Option<Holder>),
}

/// Tries to become the one writer of `register`.
pub fn try_acquire(register: &Path, me: &Holder) -> io::Result<Attempt> {
    // The name first: while a running editor holds it, its lock file is
    // left alone, even if that was removed and this would create a new one.
    let name = match take_name(register) {
        Ok(name) => name,
        Err(e) if e.kind() == io::ErrorKind::AddrInUse => {
            return Ok(Attempt::HeldBy(read_note(register)));
        }
        Err(e) => return Err(e),
    };
    match take_file(register, me)? {
        FileAttempt::Taken(file) => Ok(Attempt::Acquired(Lock { file, _name: name })),
        FileAttempt::HeldBy(holder) => Ok(Attempt::HeldBy(holder)),
    }
}

/// Whether someone holds the lock now, found without taking it for longer
/// than a moment and without touching the lock file.
#[derive(Debug, PartialEq, Eq)]
pub enum Held {
    Free,
    /// `None` when their note could not be read.
    By(Option<Holder>),
}

pub fn who_holds(register: &Path) -> io::Result<Held> {
    match take_name(register) {
        Ok(_released_at_once) => {}
        Err(e) if e.kind() == io::ErrorKind::AddrInUse => {
            return Ok(Held::By(read_note(register)));
        }
        Err(e) => return Err(e),
    }
    let file = match File::open(lock_path(register)) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Held::Free),
        Err(e) => return Err(e),
    };
    match file.try_lock_shared() {
        Ok(()) => Ok(Held::Free),
        Err(TryLockError::WouldBlock) => Ok(Held::By(read_note(register))),
        Err(TryLockError::Error(e)) => Err(e),
    }
}

/// Who the lock file says holds it, without touching it.
fn read_note(register: &Path) -> Option<Holder> {
    Holder::parse(&std::fs::read_to_string(lock_path(register)).ok()?)
}

enum FileAttempt {
    Taken(File),
    HeldBy(Option<Holder>),
}

/// Locks `FILE.lock` (creating it if need be) and writes the holder note.
fn take_file(register: &Path, me: &Holder) -> io::Result<FileAttempt> {
    let path = lock_path(register);
    let created = !path.exists();
    let opened = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path);
    let (mut file, writable) = match opened {
        Ok(file) => (file, true),
        // Someone else's lock file in a shared folder: a lock works on a
        // file opened for reading too; only the holder note cannot be written.
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied && !created => {
            (File::open(&path)?, false)
        }
        Err(e) => return Err(e),
    };
    if created {
        // Everyone who may write the register may take turns holding its lock.
        let _ = super::save::share_like(&path, &super::save::resolve(register));
    }
    match file.try_lock() {
        Ok(()) => {
            if writable {
                file.set_len(0)?;
                file.rewind()?;
                file.write_all(me.to_text().as_bytes())?;
                file.sync_all()?;
            }
            Ok(FileAttempt::Taken(file))
        }
        Err(TryLockError::WouldBlock) => {
            let mut text = String::new();
            let _ = file.read_to_string(&mut text);
            Ok(FileAttempt::HeldBy(Holder::parse(&text)))
        }
        Err(TryLockError::Error(e)) => Err(e),
    }
}

/// The abstract socket name of a register's lock: its lock file's path,
/// hashed to fit (the namespace allows 107 bytes).
#[cfg(target_os = "linux")]
fn name_of(register: &Path) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    use std::os::unix::ffi::OsStrExt;
    let digest = Sha256::digest(lock_path(register).as_os_str().as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("roreg-lock/{hex}").into_bytes()
}

#[cfg(target_os = "linux")]
fn take_name(register: &Path) -> io::Result<Option<std::os::unix::net::UnixListener>> {
    use std::os::linux::net::SocketAddrExt;
    use std::os::unix::net::{SocketAddr, UnixListener};
    let address = SocketAddr::from_abstract_name(name_of(register))?;
    UnixListener::bind_addr(&address).map(Some)
}

#[cfg(not(target_os = "linux"))]
fn take_name(_register: &Path) -> io::Result<Option<std::os::unix::net::UnixListener>> {
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_attempt_sees_who_holds_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let register = dir.path().join("r.ron");
        std::fs::write(&register, "(format: 1, organisation: \"A\")").unwrap();
        let me = Holder::me("jsmith", "2026-11-21T09:14:00Z");
        let Attempt::Acquired(lock) = try_acquire(&register, &me).unwrap() else {
            panic!("first attempt must win")
        };
        match try_acquire(&register, &Holder::me("other", "later")).unwrap() {
            Attempt::HeldBy(Some(holder)) => assert_eq!(holder, me),
            other => panic!("expected the holder, got {other:?}"),
        }
        drop(lock);
        assert!(
            matches!(try_acquire(&register, &me).unwrap(), Attempt::Acquired(_)),
            "free again once released"
        );
        assert_eq!(
            lock_path(&register),
            dir.path().canonicalize().unwrap().join("r.ron.lock")
        );
    }

    #[test]
    fn a_removed_lock_file_gives_no_second_writer_and_is_put_back() {
        let dir = tempfile::tempdir().unwrap();
        let register = dir.path().join("r.ron");
        std::fs::write(&register, "(format: 1, organisation: \"A\")").unwrap();
        let me = Holder::me("jsmith", "2026-11-21T09:14:00Z");
        let Attempt::Acquired(mut lock) = try_acquire(&register, &me).unwrap() else {
            panic!("first attempt must win")
        };
        // `git clean -X`: the lock file is gone while the editor runs.
        std::fs::remove_file(lock_path(&register)).unwrap();
        assert!(
            matches!(
                try_acquire(&register, &Holder::me("other", "later")).unwrap(),
                Attempt::HeldBy(None)
            ),
            "a second instance is no writer while the first runs"
        );
        assert!(
            !lock_path(&register).exists(),
            "nor does it leave a lock file of its own"
        );
        assert!(matches!(
            lock.restore(&register, &me).unwrap(),
            Restored::Retaken
        ));
        let note = std::fs::read_to_string(lock_path(&register)).unwrap();
        assert!(note.contains("user=jsmith\n"), "{note}");
        assert!(matches!(
            lock.restore(&register, &me).unwrap(),
            Restored::InPlace
        ));
        match try_acquire(&register, &Holder::me("other", "later")).unwrap() {
            Attempt::HeldBy(Some(holder)) => assert_eq!(holder, me),
            other => panic!("expected the holder, got {other:?}"),
        }
        assert_eq!(who_holds(&register).unwrap(), Held::By(Some(me.clone())));
        drop(lock);
        assert_eq!(who_holds(&register).unwrap(), Held::Free);
        assert!(matches!(
            try_acquire(&register, &me).unwrap(),
            Attempt::Acquired(_)
        ));
    }

    #[test]
    fn holder_text_round_trips() {
        let h = Holder {
            user: "jsmith".into(),
            host: "qa-01".into(),
            pid: 42,
            since: "2026-11-21T09:14:00Z".into(),
        };
        assert_eq!(Holder::parse(&h.to_text()), Some(h.clone()));
        assert_eq!(
            h.describe(),
            "jsmith on qa-01 (pid 42) since 2026-11-21T09:14:00Z"
        );
        assert_eq!(Holder::parse("garbage"), None);
    }
}
