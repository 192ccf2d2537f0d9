//! The history's side of the findings: the records appended, checked from
//! the previous head, and what they say of meetings.

use std::collections::{HashMap, HashSet};

use super::super::people::Authors;
use super::super::{Problem, chain_problem};
use super::{Findings, Work};
use crate::domain::history::{self, ChainProblem, GENESIS};
use crate::domain::model::{HistoryRecord, Register};
use crate::domain::{baseline, outside};

/// What the history's records say, as far as they have been checked.
#[derive(Clone, Debug)]
pub(super) struct Chain {
    /// How many records were checked.
    pub(super) checked: usize,
    /// The hash of the last record while the chain holds.
    pub(super) head: String,
    /// The first record that does not match its hash.
    pub(super) broken: Option<Problem>,
    /// A cut last change or a change made outside roreg.
    pub(super) end: Option<Problem>,
    pub(super) hashes: HashSet<String>,
    /// Each record name's positions in the history.
    pub(super) about: HashMap<String, Vec<usize>>,
    /// The minutes hash the first baseline gives each meeting.
    pub(super) vouched: HashMap<String, String>,
    pub(super) authors: Authors,
}

impl Findings {
    /// Checks the records appended since the last check: their hashes from
    /// the previous head, their authors, what they say of meetings (noted
    /// in `work` to recheck), and the end of the chain.
    pub(super) fn extend_chain(&mut self, register: &Register, work: &mut Work) {
        let (from, to) = (self.chain.checked, register.history.len());
        if from == to {
            return;
        }
        let chain = &self.chain;
        let kept = (
            chain.checked,
            chain.head.clone(),
            chain.broken.clone(),
            chain.end.clone(),
        );
        work.before
            .extend(chain.broken.iter().chain(&chain.end).cloned());
        let appended = &register.history[from..];
        let known = |by: &str| register.person(by).is_some();
        if appended.iter().any(|r| !known(&r.by)) {
            let authors = chain.authors.clone();
            work.steps
                .push(Box::new(move |f: &mut Findings| f.chain.authors = authors));
        }
        let mut new_hashes = Vec::new();
        let mut new_vouched = Vec::new();
        for (index, entry) in (from..).zip(appended) {
            let chain = &mut self.chain;
            if chain.broken.is_none() {
                if history::record_hash(entry, &chain.head) == entry.hash {
                    chain.head = entry.hash.clone();
                } else {
                    chain.broken = Some(chain_problem(register, &ChainProblem::Broken { index }));
                }
            }
            let taken = chain.take(index, entry);
            if taken.new_hash {
                new_hashes.push(entry.hash.clone());
            }
            new_vouched.extend(taken.newly_vouched.iter().cloned());
            work.meetings.extend(taken.vouched);
            chain.authors.note(index, &entry.by, known(&entry.by));
            let is_meeting = self
                .uses
                .get(&entry.record)
                .is_some_and(|u| u.iter().any(|u| u.meeting));
            if is_meeting {
                work.meetings.insert(entry.record.clone());
            }
        }
        let chain = &mut self.chain;
        chain.checked = to;
        // Past a broken record the end vouches for nothing. A change roreg
        // records carries the state it leaves, so only a cut shows.
        chain.end = match register.history.last().and_then(|l| l.part) {
            Some(part) if chain.broken.is_none() && part.number < part.of => Some(chain_problem(
                register,
                &ChainProblem::CutChange {
                    index: to - 1,
                    number: part.number,
                    of: part.of,
                },
            )),
            _ => None,
        };
        work.after
            .extend(chain.broken.iter().chain(&chain.end).cloned());
        // An anchor no record had may be among the new ones.
        if !new_hashes.is_empty() {
            work.meetings.extend(self.anchors.keys().cloned());
        }
        let names: Vec<String> = appended.iter().map(|r| r.record.clone()).collect();
        work.steps.push(Box::new(move |f: &mut Findings| {
            let chain = &mut f.chain;
            (chain.checked, chain.head, chain.broken, chain.end) = kept;
            for hash in &new_hashes {
                chain.hashes.remove(hash);
            }
            for name in names.iter().rev() {
                if let Some(at) = chain.about.get_mut(name) {
                    at.pop();
                    if at.is_empty() {
                        chain.about.remove(name);
                    }
                }
            }
            for meeting in &new_vouched {
                chain.vouched.remove(meeting);
            }
        }));
    }
}

/// What taking one record in changed in the chain's indexes.
struct Taken {
    /// Its hash was not known yet.
    new_hash: bool,
    /// The meetings whose minutes it vouches for, and those of them no
    /// earlier record vouched for.
    vouched: Vec<String>,
    newly_vouched: Vec<String>,
}

impl Chain {
    /// Takes one record into the indexes: its hash, what it is about, and
    /// the minutes it vouches for (the first record to vouch wins).
    fn take(&mut self, index: usize, entry: &HistoryRecord) -> Taken {
        let new_hash = self.hashes.insert(entry.hash.clone());
        self.about
            .entry(entry.record.clone())
            .or_default()
            .push(index);
        let mut taken = Taken {
            new_hash,
            vouched: Vec::new(),
            newly_vouched: Vec::new(),
        };
        for (meeting, hash) in baseline::vouched_minutes(entry) {
            if !self.vouched.contains_key(&meeting) {
                self.vouched.insert(meeting.clone(), hash);
                taken.newly_vouched.push(meeting.clone());
            }
            taken.vouched.push(meeting);
        }
        taken
    }

    /// One pass over the history, as `history::verify` makes it.
    pub(super) fn of(register: &Register) -> Chain {
        let people: HashSet<&str> = register.people.iter().map(|p| p.id.as_str()).collect();
        let mut chain = Chain {
            checked: register.history.len(),
            head: GENESIS.to_string(),
            broken: None,
            end: None,
            hashes: HashSet::with_capacity(register.history.len()),
            about: HashMap::new(),
            vouched: HashMap::new(),
            authors: Authors::default(),
        };
        // A merge's records follow the ones its merge record names.
        let broken = history::join::first_broken(&register.history);
        for (index, entry) in register.history.iter().enumerate() {
            if chain.broken.is_none() {
                if broken != Some(index) {
                    chain.head = entry.hash.clone();
                } else {
                    chain.broken = Some(chain_problem(register, &ChainProblem::Broken { index }));
                }
            }
            chain.take(index, entry);
            chain
                .authors
                .note(index, &entry.by, people.contains(entry.by.as_str()));
        }
        if let Some(last) = register.history.last().filter(|_| chain.broken.is_none()) {
            let end = match last.part {
                Some(part) if part.number < part.of => Some(ChainProblem::CutChange {
                    index: register.history.len() - 1,
                    number: part.number,
                    of: part.of,
                }),
                _ => outside::find(register, &[]).map(|_| ChainProblem::ChangedOutside),
            };
            chain.end = end.map(|p| chain_problem(register, &p));
        }
        chain
    }
}
