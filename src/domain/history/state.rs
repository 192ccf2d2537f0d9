//! The fingerprint of everything but the history, that each history record
//! carries in `state` so `verify` can tell whether the file still is what
//! its last recorded change left.
//!
//! Scheme `t1:` is a fixed-shape Merkle tree over one hash per record (the
//! register's own fields, the scales, each person, item and meeting), so a
//! change re-hashes only the records it touches plus a constant ~24 KB,
//! whatever the register's size. Every step is SHA-256 over input of fixed
//! shape, so two states share a digest only if SHA-256 collides somewhere
//! or they hold the same records: as strong as hashing the whole file.
//! (A sum or XOR of record hashes would not be: Wagner's generalised
//! birthday attack forges those at this size.)
//!
//! Records written before it carry the legacy scheme: 64 hex digits of
//! SHA-256 over the whole state in file order; they keep verifying.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;
use std::sync::OnceLock;

use sha2::{Digest, Sha256};

use super::{hex, ron};
use crate::domain::ids;
use crate::domain::model::{
    Action, Customer, Item, Measure, Meeting, Person, Register, Requirement,
};
use crate::domain::scoring::Scales;

/// What a `t1:` state starts with.
const TREE_PREFIX: &str = "t1:";
/// Keeps the top hash apart from any other SHA-256 input.
const TREE_TAG: &[u8] = b"roreg state tree 1";
const GROUPS: usize = 256;
const BUCKETS_PER_GROUP: usize = 256;
const BUCKETS: usize = GROUPS * BUCKETS_PER_GROUP;

type Hash = [u8; 32];

/// An empty bucket's hash: no record hashes to it, so it needs no hashing.
const EMPTY_BUCKET: Hash = [0; 32];

/// One record of the state, borrowed.
#[derive(Clone, Copy, Debug)]
pub enum StateRecord<'a> {
    Register { format: u32, organisation: &'a str },
    Scales(&'a Scales),
    Person(&'a Person),
    Item(&'a Item),
    Meeting(&'a Meeting),
    Customer(&'a Customer),
    Requirement(&'a Requirement),
    Measure(&'a Measure),
}

impl StateRecord<'_> {
    /// SHA-256 over the length-prefixed kind tag, id and compact RON of the
    /// record: no two different records encode alike.
    fn leaf(&self) -> Hash {
        let (kind, id, body) = match *self {
            StateRecord::Register {
                format,
                organisation,
            } => ("register", "", ron(&(format, organisation))),
            StateRecord::Scales(scales) => ("scales", "", ron(scales)),
            StateRecord::Person(person) => ("person", person.id.as_str(), ron(person)),
            StateRecord::Item(item) => ("item", item.id.as_str(), item_as_written(item)),
            StateRecord::Meeting(meeting) => ("meeting", meeting.id.as_str(), ron(meeting)),
            StateRecord::Customer(c) => ("customer", c.id.as_str(), ron(c)),
            StateRecord::Requirement(r) => ("requirement", r.id.as_str(), ron(r)),
            StateRecord::Measure(m) => ("measure", m.id.as_str(), ron(m)),
        };
        let mut hasher = Sha256::new();
        for part in [kind, id, &body] {
            hasher.update((part.len() as u64).to_be_bytes());
            hasher.update(part.as_bytes());
        }
        hasher.finalize().into()
    }
}

/// An item as the file keeps it: its actions by id, whatever the order in
/// memory.
fn item_as_written(item: &Item) -> String {
    let by_id = |a: &Action, b: &Action| ids::compare(&a.id, &b.id);
    if item.actions.is_sorted_by(|a, b| by_id(a, b).is_le()) {
        return ron(item);
    }
    let mut sorted = item.clone();
    sorted.actions.sort_by(by_id);
    ron(&sorted)
}

/// Every record of the register's state (the history aside).
pub fn records(register: &Register) -> impl Iterator<Item = StateRecord<'_>> {
    [
        StateRecord::Register {
            format: register.format,
            organisation: &register.organisation,
        },
        StateRecord::Scales(&register.scales),
    ]
    .into_iter()
    .chain(register.people.iter().map(StateRecord::Person))
    .chain(register.items.iter().map(StateRecord::Item))
    .chain(register.meetings.iter().map(StateRecord::Meeting))
    .chain(register.customers.iter().map(StateRecord::Customer))
    .chain(register.requirements.iter().map(StateRecord::Requirement))
    .chain(register.measures.iter().map(StateRecord::Measure))
}

/// Fewer records than this are hashed on one thread: starting more would
/// cost about as much as it saves.
const RECORDS_PER_THREAD: usize = 2048;

/// Every record's leaf, in no particular order, hashed on the machine's
/// cores: serialising each record is most of the work of verifying a
/// register at load.
fn leaves(register: &Register) -> Vec<Hash> {
    let records: Vec<StateRecord> = records(register).collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(records.len() / RECORDS_PER_THREAD);
    if threads < 2 {
        return records.iter().map(StateRecord::leaf).collect();
    }
    let part = records.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let parts: Vec<_> = records
            .chunks(part)
            .map(|part| scope.spawn(move || part.iter().map(StateRecord::leaf).collect::<Vec<_>>()))
            .collect();
        parts
            .into_iter()
            .flat_map(|part| part.join().expect("hashing a record does not panic"))
            .collect()
    })
}

/// The state as a tree: record hashes in 65 536 buckets by their first two
/// bytes (so the shape depends only on the set of records, not on any
/// order), 256 groups of 256 buckets, one top hash. Bucket and group hashes
/// are kept, so a digest after a change re-hashes only what it touched.
#[derive(Clone)]
pub struct StateTree {
    /// Every record's hash, with how many records have it. Sorted, so a
    /// bucket is a range of it.
    leaves: BTreeMap<Hash, u32>,
    bucket_hashes: Vec<Hash>,
    group_hashes: Vec<Hash>,
    /// Buckets changed since the last digest (repeats are harmless).
    dirty_buckets: Vec<u16>,
    /// The last digest, while nothing has changed since.
    digest: Option<String>,
}

fn bucket_of(leaf: &Hash) -> usize {
    usize::from(u16::from_be_bytes([leaf[0], leaf[1]]))
}

/// The leaves a bucket can hold: all that start with its two bytes.
fn bucket_range(bucket: usize) -> RangeInclusive<Hash> {
    let [high, low] = (bucket as u16).to_be_bytes();
    let mut first = [0; 32];
    let mut last = [0xff; 32];
    [first[0], first[1], last[0], last[1]] = [high, low, high, low];
    first..=last
}

/// SHA-256 of the bucket's leaves in order; an empty one is not hashed.
fn hash_bucket<'a>(leaves: impl IntoIterator<Item = &'a Hash>) -> Hash {
    let mut hasher: Option<Sha256> = None;
    for leaf in leaves {
        hasher.get_or_insert_with(Sha256::new).update(leaf);
    }
    hasher.map_or(EMPTY_BUCKET, |h| h.finalize().into())
}

fn hash_group(bucket_hashes: &[Hash]) -> Hash {
    Sha256::digest(bucket_hashes.as_flattened()).into()
}

/// The hash of a group of empty buckets, worked out once: most groups of a
/// small register are empty, and 8 KB of hashing each would add up.
fn empty_group() -> Hash {
    static EMPTY_GROUP: OnceLock<Hash> = OnceLock::new();
    *EMPTY_GROUP.get_or_init(|| hash_group(&[EMPTY_BUCKET; BUCKETS_PER_GROUP]))
}

impl StateTree {
    /// The tree of a whole register, at load.
    pub fn of(register: &Register) -> StateTree {
        let mut sorted = leaves(register);
        sorted.sort_unstable();
        let mut bucket_hashes = vec![EMPTY_BUCKET; BUCKETS];
        let mut filled_groups = [false; GROUPS];
        for bucket in sorted.chunk_by(|a, b| bucket_of(a) == bucket_of(b)) {
            let index = bucket_of(&bucket[0]);
            bucket_hashes[index] = Sha256::digest(bucket.as_flattened()).into();
            filled_groups[index / BUCKETS_PER_GROUP] = true;
        }
        let group_hashes = bucket_hashes
            .chunks(BUCKETS_PER_GROUP)
            .zip(filled_groups)
            .map(|(hashes, filled)| {
                if filled {
                    hash_group(hashes)
                } else {
                    empty_group()
                }
            })
            .collect();
        let leaves = sorted
            .chunk_by(|a, b| a == b)
            .map(|same| (same[0], same.len() as u32))
            .collect();
        StateTree {
            leaves,
            bucket_hashes,
            group_hashes,
            dirty_buckets: Vec::new(),
            digest: None,
        }
    }

    /// Takes a record out of the state, as it was when it was inserted.
    /// O(record).
    pub fn remove(&mut self, record: StateRecord) {
        let leaf = record.leaf();
        match self.leaves.get_mut(&leaf) {
            Some(1) => {
                self.leaves.remove(&leaf);
            }
            Some(count) => *count -= 1,
            // The digest will then not match the register, which `verify`
            // reports as changed outside: seen, never silently adopted.
            None => {
                debug_assert!(false, "removed a record the state never held: {record:?}");
                return;
            }
        }
        self.changed(&leaf);
    }

    /// Puts a record into the state. O(record).
    pub fn insert(&mut self, record: StateRecord) {
        let leaf = record.leaf();
        *self.leaves.entry(leaf).or_insert(0) += 1;
        self.changed(&leaf);
    }

    fn changed(&mut self, leaf: &Hash) {
        self.dirty_buckets.push(bucket_of(leaf) as u16);
        self.digest = None;
    }

    /// The state as a history record keeps it (`t1:` and 64 hex digits).
    /// Re-hashes only the buckets and groups changed since the last call.
    pub fn digest(&mut self) -> String {
        if let Some(digest) = &self.digest {
            return digest.clone();
        }
        let mut dirty_groups = [false; GROUPS];
        for bucket in std::mem::take(&mut self.dirty_buckets) {
            let bucket = usize::from(bucket);
            let leaves = self.leaves.range(bucket_range(bucket));
            let repeated =
                leaves.flat_map(|(leaf, count)| std::iter::repeat_n(leaf, *count as usize));
            self.bucket_hashes[bucket] = hash_bucket(repeated);
            dirty_groups[bucket / BUCKETS_PER_GROUP] = true;
        }
        for (group, _) in dirty_groups.iter().enumerate().filter(|(_, d)| **d) {
            let buckets = group * BUCKETS_PER_GROUP..(group + 1) * BUCKETS_PER_GROUP;
            self.group_hashes[group] = hash_group(&self.bucket_hashes[buckets]);
        }
        let mut hasher = Sha256::new();
        hasher.update(TREE_TAG);
        hasher.update(self.group_hashes.as_flattened());
        let digest = format!("{TREE_PREFIX}{}", hex(&hasher.finalize()));
        self.digest = Some(digest.clone());
        digest
    }
}

/// The state of the register, in the current scheme (`t1:…`).
pub fn state_hash(register: &Register) -> String {
    StateTree::of(register).digest()
}

/// Whether `register` is in the state a history record noted, in whichever
/// scheme the record was written (`t1:…`, or 64 bare hex digits from before).
pub fn state_is(register: &Register, recorded: &str) -> bool {
    if recorded.starts_with(TREE_PREFIX) {
        state_hash(register) == recorded
    } else {
        recorded.len() == 64 && legacy_state_hash(register) == recorded
    }
}

/// The scheme before `t1:`: SHA-256 of the whole state in the order the
/// file keeps (lists by id), so that it is the state of the file as written.
fn legacy_state_hash(register: &Register) -> String {
    if !register.is_normalised() {
        let mut ordered = register.clone();
        ordered.normalise();
        return legacy_state_hash(&ordered);
    }
    let state = (
        &register.format,
        &register.organisation,
        &register.scales,
        &register.people,
        &register.items,
        &register.meetings,
    );
    hex(&Sha256::digest(ron(&state).as_bytes()))
}

#[cfg(test)]
mod tests;
