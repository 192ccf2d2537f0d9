//! A fingerprint of a file's bytes, to notice that someone else changed it.

/// FNV-1a over the bytes taken eight at a time (then the odd ones one by
/// one), plus their length: stable across runs and machines, cheap at
/// hundreds of megabytes, and enough to tell "not the bytes we loaded":
/// each step is a bijection, so a change of any one word always shows (this
/// is not a tamper-proof hash; the history chain is for that).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Fingerprint {
    hash: u64,
    len: u64,
}

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

impl Fingerprint {
    pub fn of(bytes: &[u8]) -> Fingerprint {
        let step = |hash: u64, value: u64| (hash ^ value).wrapping_mul(PRIME);
        let words = bytes.chunks_exact(8);
        let tail = words.remainder();
        let hash = words
            .map(|word| u64::from_le_bytes(word.try_into().expect("chunks of eight")))
            .fold(OFFSET, step);
        let hash = tail.iter().map(|&b| u64::from(b)).fold(hash, step);
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
        let long = b"(format: 1, organisation: \"Acme\")".to_vec();
        for at in 0..long.len() {
            let mut changed = long.clone();
            changed[at] ^= 0x20;
            assert_ne!(
                Fingerprint::of(&long),
                Fingerprint::of(&changed),
                "byte {at}"
            );
        }
    }
}
