//! One writer at a time: a lock on a sidecar `FILE.lock` (never the register
//! itself, which an atomic save replaces), holding who has it.

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
    _file: File,
}

#[derive(Debug)]
pub enum Attempt {
    Acquired(Lock),
    /// Someone else holds it; `None` when their note could not be read.
    HeldBy(Option<Holder>),
}

/// Tries to become the one writer of `register`.
pub fn try_acquire(register: &Path, me: &Holder) -> io::Result<Attempt> {
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
            Ok(Attempt::Acquired(Lock { _file: file }))
        }
        Err(TryLockError::WouldBlock) => {
            let mut text = String::new();
            let _ = file.read_to_string(&mut text);
            Ok(Attempt::HeldBy(Holder::parse(&text)))
        }
        Err(TryLockError::Error(e)) => Err(e),
    }
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
