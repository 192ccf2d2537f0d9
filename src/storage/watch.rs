//! Noticing that the register file changed on disk, cheaply: size, time and
//! inode first; the bytes are read and compared only when those moved.

use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// What the file system says about the file, without reading it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified_ns: i128,
    inode: u64,
}

pub fn stamp(path: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    Some(Stamp {
        len: m.len(),
        modified_ns: i128::from(m.mtime()) * 1_000_000_000 + i128::from(m.mtime_nsec()),
        inode: m.ino(),
    })
}

/// The file system the path is on, from /proc/mounts (Linux); `None` elsewhere.
pub fn file_system(path: &Path) -> Option<String> {
    let target = super::save::resolve(path);
    let mounts = std::fs::read_to_string("/proc/mounts").ok()?;
    mounts
        .lines()
        .filter_map(|line| {
            let mut fields = line.split_whitespace();
            let _device = fields.next()?;
            let mount_point = fields.next()?.replace("\\040", " ");
            let kind = fields.next()?;
            target
                .starts_with(&mount_point)
                .then(|| (mount_point.len(), kind.to_string()))
        })
        .max_by_key(|(len, _)| *len)
        .map(|(_, kind)| kind)
}

/// Locks may not hold across machines on network file systems.
pub fn network_file_system(path: &Path) -> Option<String> {
    file_system(path).filter(|kind| {
        kind.starts_with("nfs")
            || kind == "cifs"
            || kind == "smb3"
            || kind.starts_with("fuse.sshfs")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rewrite_changes_the_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.ron");
        std::fs::write(&path, "one").unwrap();
        let first = stamp(&path).unwrap();
        assert_eq!(stamp(&path), Some(first));
        std::fs::write(&path, "two!").unwrap();
        assert_ne!(stamp(&path), Some(first));
        assert_eq!(stamp(&dir.path().join("missing")), None);
    }

    #[test]
    fn the_root_file_system_is_found() {
        assert!(file_system(Path::new("/")).is_some());
    }
}
