//! A fingerprint of a file's bytes, to notice that someone else changed it.

/// FNV-1a over the bytes plus their length: stable across runs and machines,
/// cheap, and enough to tell "not the bytes we loaded" (this is not a
/// tamper-proof hash; the history chain is for that).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Fingerprint {
    hash: u64,
    len: u64,
}

impl Fingerprint {
    pub fn of(bytes: &[u8]) -> Fingerprint {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        Fingerprint {
            hash,
            len: bytes.len() as u64,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_changed_byte_changes_the_fingerprint() {
        assert_eq!(
            Fingerprint::of(b"(format: 1)"),
            Fingerprint::of(b"(format: 1)")
        );
        assert_ne!(
            Fingerprint::of(b"(format: 1)"),
            Fingerprint::of(b"(format: 2)")
        );
        assert_ne!(Fingerprint::of(b""), Fingerprint::of(b"\0"));
    }
}
