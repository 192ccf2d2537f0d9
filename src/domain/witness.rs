//! An external witness: a head hash noted earlier (from a report, or the
//! end of `roreg check`) proves that the history then known is still the
//! start of today's, unchanged. Pure computation: no files, no clock.

use super::history::GENESIS;
use super::model::Register;

/// The shortest head prefix accepted: 48 bits, as `check` prints it.
pub const SHORTEST: usize = 12;

/// A noted head: lowercase hex, 12 to 64 digits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Head(String);

impl Head {
    /// Accepts a full SHA-256 in hex or a prefix of at least 12 digits,
    /// in either case.
    pub fn parse(text: &str) -> Result<Head, String> {
        let text = text.trim();
        if (SHORTEST..=GENESIS.len()).contains(&text.len())
            && text.chars().all(|c| c.is_ascii_hexdigit())
        {
            Ok(Head(text.to_ascii_lowercase()))
        } else {
            Err(format!(
                "a head hash is the 64 hexadecimal digits (0-9, a-f) a report prints, or its first \
                 {SHORTEST} or more as `roreg check` prints them, e.g. 3f2a9c1b2d4e"
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What the history says about a noted head.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Proof {
    /// `history[index]` has that hash and every record up to it verifies;
    /// `None` for the hash before the first record.
    Proven { index: Option<usize> },
    /// No record has that hash: the history was cut back before it, or
    /// rewritten before it.
    Unknown,
    /// `history[index]` has that hash, but `history[broken]`, at or before
    /// it, does not match its own hash.
    Broken { index: usize, broken: usize },
    /// Several records' hashes start with the prefix.
    Ambiguous { count: usize },
}

/// Whether the history still holds `head`, unchanged up to it. One pass.
pub fn prove(register: &Register, head: &Head) -> Proof {
    // A merge's records follow the ones their merge record names.
    let first_broken = super::history::join::first_broken(&register.history);
    let found: Vec<usize> = (register.history.iter().enumerate())
        .filter(|(_, entry)| entry.hash.starts_with(head.as_str()))
        .map(|(index, _)| index)
        .collect();
    match found[..] {
        [] if GENESIS.starts_with(head.as_str()) => Proof::Proven { index: None },
        [] => Proof::Unknown,
        [index] => match first_broken.filter(|&broken| broken <= index) {
            Some(broken) => Proof::Broken { index, broken },
            None => Proof::Proven { index: Some(index) },
        },
        _ => Proof::Ambiguous { count: found.len() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::history::{diff, head, record};
    use crate::domain::testing::sample;
    use crate::domain::{Score, Timestamp};

    fn changed(r: &mut Register, when: &str, f: impl FnOnce(&mut Register)) {
        let before = r.clone();
        f(r);
        let changes = diff(&before, r);
        record(r, changes, Timestamp::parse(when).unwrap(), "qlead");
    }

    fn three_changes() -> Register {
        let mut r = sample();
        changed(&mut r, "2026-11-01T09:00:00Z", |r| {
            r.items[0].current = Score::new(3, 3)
        });
        changed(&mut r, "2026-11-02T09:00:00Z", |r| {
            r.items[1].title = "Dust and fibres".into()
        });
        changed(&mut r, "2026-11-03T09:00:00Z", |r| {
            r.items[2].title = "Anodising for others".into()
        });
        r
    }

    fn noted(r: &Register, index: usize, digits: usize) -> Head {
        Head::parse(&r.history[index].hash[..digits]).unwrap()
    }

    #[test]
    fn heads_are_12_to_64_hex_digits_in_either_case() {
        assert!(Head::parse("3F2A9C1B2D4E").is_ok());
        assert_eq!(
            Head::parse(" 3f2a9c1b2d4e\n").unwrap().as_str(),
            "3f2a9c1b2d4e"
        );
        assert!(Head::parse(&"a".repeat(64)).is_ok());
        for bad in ["3f2a9c1b2d4", "3f2a9c1b2d4g", &"a".repeat(65), ""] {
            let message = Head::parse(bad).unwrap_err();
            assert!(message.contains("64 hexadecimal digits"), "{message}");
        }
    }

    #[test]
    fn a_head_noted_before_more_changes_still_proves() {
        let r = three_changes();
        assert_eq!(
            prove(&r, &noted(&r, 1, 12)),
            Proof::Proven { index: Some(1) }
        );
        assert_eq!(
            prove(&r, &noted(&r, 2, 64)),
            Proof::Proven { index: Some(2) }
        );
        assert_eq!(
            prove(&r, &Head::parse(head(&sample())).unwrap()),
            Proof::Proven { index: None }
        );
    }

    #[test]
    fn an_edit_at_or_before_the_head_is_named_and_one_after_it_is_not() {
        let mut r = three_changes();
        let head = noted(&r, 1, 12);
        r.history[2].new = "\"edited after\"".into();
        assert_eq!(prove(&r, &head), Proof::Proven { index: Some(1) });
        r.history[0].new = "\"edited before\"".into();
        assert_eq!(
            prove(&r, &head),
            Proof::Broken {
                index: 1,
                broken: 0
            }
        );
    }

    #[test]
    fn a_history_cut_or_rewritten_before_the_head_does_not_hold_it() {
        let mut r = three_changes();
        let head = noted(&r, 2, 12);
        r.history.truncate(2);
        assert_eq!(prove(&r, &head), Proof::Unknown);
    }
}
