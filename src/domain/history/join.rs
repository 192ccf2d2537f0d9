//! Two histories that grew apart (two git branches, two sites) joined into
//! one without rewriting a record of either: ours as it is, then theirs'
//! records ours lacks, then one `register.merge` record whose hash covers
//! both heads. A record of theirs keeps its hash, so it names the record it
//! followed on its own side; the merge record lists those places ("joins"),
//! and the chain is checked against them: each record follows the one
//! before it, or the earlier record its join names.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::{GENESIS, record_hash};
use crate::domain::dates::Timestamp;
use crate::domain::model::{HistoryRecord, Part};

/// The field of the record that joins two histories.
pub const FIELD: &str = "merge";

/// What a merge record holds in `new`: the two heads it joins and, for each
/// record of theirs that does not follow the record before it in the file,
/// the record it does follow.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MergeNote {
    pub ours: String,
    pub theirs: String,
    pub joins: Vec<Join>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Join {
    pub record: String,
    pub follows: String,
}

/// Whether the record joins two histories.
pub fn is_merge(record: &HistoryRecord) -> bool {
    record.record == "register" && record.field == FIELD
}

/// The note of a merge record, if it is one and its note reads.
pub fn note(record: &HistoryRecord) -> Option<MergeNote> {
    is_merge(record)
        .then(|| ron::from_str(&record.new).ok())
        .flatten()
}

/// The record each record follows, by hash, as the merge records say.
fn joins(history: &[HistoryRecord]) -> HashMap<String, String> {
    history
        .iter()
        .filter_map(note)
        .flat_map(|n| n.joins)
        .map(|j| (j.record, j.follows))
        .collect()
}

/// The hash of the record each record follows: the one before it, unless a
/// merge record says otherwise.
pub fn parents(history: &[HistoryRecord]) -> Vec<String> {
    let joins = joins(history);
    let mut previous = GENESIS;
    history
        .iter()
        .map(|r| {
            let parent = joins
                .get(&r.hash)
                .cloned()
                .unwrap_or_else(|| previous.to_string());
            previous = &r.hash;
            parent
        })
        .collect()
}

/// The first record whose hash does not follow from it and the record it
/// follows, or that follows a record that is not before it; a merge record
/// naming a head that is not before it counts too.
pub fn first_broken(history: &[HistoryRecord]) -> Option<usize> {
    let parents = parents(history);
    let mut seen: HashSet<&str> = HashSet::from([GENESIS]);
    for (index, (record, parent)) in history.iter().zip(&parents).enumerate() {
        let heads_before = note(record)
            .is_none_or(|n| seen.contains(n.ours.as_str()) && seen.contains(n.theirs.as_str()));
        if !seen.contains(parent.as_str())
            || record_hash(record, parent) != record.hash
            || (is_merge(record) && !heads_before)
        {
            return Some(index);
        }
        seen.insert(&record.hash);
    }
    None
}

/// Ours, then what theirs adds, then the merge record (`by`, at the later
/// of the two heads' times, carrying `state`). When one history holds the
/// other, it is the result as it is: nothing to join.
pub fn join(
    ours: &[HistoryRecord],
    theirs: &[HistoryRecord],
    by: &str,
    state: String,
) -> Vec<HistoryRecord> {
    let in_ours: HashSet<&str> = ours.iter().map(|r| r.hash.as_str()).collect();
    let in_theirs: HashSet<&str> = theirs.iter().map(|r| r.hash.as_str()).collect();
    if theirs.iter().all(|r| in_ours.contains(r.hash.as_str())) {
        return ours.to_vec();
    }
    if ours.iter().all(|r| in_theirs.contains(r.hash.as_str())) {
        return theirs.to_vec();
    }
    let their_parents = parents(theirs);
    let mut joined = ours.to_vec();
    let mut joins = Vec::new();
    for (record, parent) in theirs.iter().zip(their_parents) {
        if in_ours.contains(record.hash.as_str()) {
            continue;
        }
        let previous = joined.last().map_or(GENESIS, |r| r.hash.as_str());
        if parent != previous {
            joins.push(Join {
                record: record.hash.clone(),
                follows: parent,
            });
        }
        joined.push(record.clone());
    }
    let head = |h: &[HistoryRecord]| h.last().map_or(GENESIS.to_string(), |r| r.hash.clone());
    let at = ours
        .last()
        .map(|r| r.at)
        .max(theirs.last().map(|r| r.at))
        .unwrap_or(Timestamp(chrono::DateTime::UNIX_EPOCH));
    let note = MergeNote {
        ours: head(ours),
        theirs: head(theirs),
        joins,
    };
    let mut merge = HistoryRecord {
        at,
        by: by.to_string(),
        record: "register".into(),
        field: FIELD.into(),
        old: String::new(),
        new: ron::to_string(&note).unwrap_or_default(),
        state,
        part: Some(Part { number: 1, of: 1 }),
        hash: String::new(),
    };
    merge.hash = record_hash(&merge, &head(&joined));
    joined.push(merge);
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(from: &[HistoryRecord], what: &[&str]) -> Vec<HistoryRecord> {
        let mut h = from.to_vec();
        for (n, field) in what.iter().enumerate() {
            let mut r = HistoryRecord {
                at: Timestamp::parse(&format!("2026-11-2{n}T09:00:00Z")).unwrap(),
                by: "qlead".into(),
                record: "R-001".into(),
                field: (*field).into(),
                old: String::new(),
                new: String::new(),
                state: String::new(),
                part: None,
                hash: String::new(),
            };
            r.hash = record_hash(&r, h.last().map_or(GENESIS, |l| l.hash.as_str()));
            h.push(r);
        }
        h
    }

    #[test]
    fn both_sides_records_are_kept_as_they_are_and_the_result_verifies() {
        let base = chain(&[], &["title"]);
        let ours = chain(&base, &["owner", "status"]);
        let theirs = chain(&base, &["process"]);
        let joined = join(&ours, &theirs, "qlead", "t1:x".into());
        assert_eq!(joined.len(), 5);
        assert_eq!(&joined[..3], &ours[..]);
        assert_eq!(joined[3], theirs[1], "theirs unchanged, hash and all");
        assert_eq!(first_broken(&joined), None);
        let note = note(joined.last().unwrap()).unwrap();
        assert_eq!(
            (note.ours, note.theirs),
            (ours[2].hash.clone(), theirs[1].hash.clone())
        );
    }

    #[test]
    fn the_same_merge_twice_is_the_same_and_a_criss_cross_merge_verifies() {
        let base = chain(&[], &["title"]);
        let ours = chain(&base, &["owner"]);
        let theirs = chain(&base, &["process"]);
        let once = join(&ours, &theirs, "qlead", "s".into());
        assert_eq!(once, join(&ours, &theirs, "qlead", "s".into()));
        // Each side merged the other; merging those merges keeps one copy of each record.
        let other_way = join(&theirs, &ours, "qlead", "s".into());
        let criss_cross = join(&once, &other_way, "qlead", "s".into());
        assert_eq!(first_broken(&criss_cross), None);
        let mut hashes: Vec<&str> = criss_cross.iter().map(|r| r.hash.as_str()).collect();
        hashes.sort();
        hashes.dedup();
        assert_eq!(hashes.len(), criss_cross.len(), "no record twice");
    }

    #[test]
    fn a_record_removed_or_a_join_rewritten_breaks_the_chain() {
        let base = chain(&[], &["title"]);
        let ours = chain(&base, &["owner"]);
        let theirs = chain(&base, &["process", "status"]);
        let joined = join(&ours, &theirs, "qlead", "s".into());
        let mut cut = joined.clone();
        cut.remove(2);
        assert_eq!(first_broken(&cut), Some(2));
        let mut forged = joined.clone();
        forged.last_mut().unwrap().by = "someone".into();
        assert_eq!(first_broken(&forged), Some(joined.len() - 1));
    }

    #[test]
    fn a_history_that_holds_the_other_is_taken_as_it_is() {
        let base = chain(&[], &["title"]);
        let ours = chain(&base, &["owner"]);
        assert_eq!(join(&ours, &base, "qlead", "s".into()), ours);
        assert_eq!(join(&base, &ours, "qlead", "s".into()), ours);
    }
}
