use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;
use crate::domain::history::{self, ChainProblem, diff, record, verify};
use crate::domain::testing::{action, item, sample};
use crate::domain::{Kind, Timestamp, outside};

fn at(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

/// The digest worked out straight from the scheme's description, with none
/// of the tree's caching: what any other tool would compute.
fn reference_digest(register: &Register) -> String {
    let mut buckets: BTreeMap<usize, Vec<Hash>> = BTreeMap::new();
    for record in records(register) {
        let leaf = record.leaf();
        buckets.entry(bucket_of(&leaf)).or_default().push(leaf);
    }
    let mut top = Sha256::new();
    top.update(b"roreg state tree 1");
    for group in 0..256 {
        let mut group_hasher = Sha256::new();
        for bucket in group * 256..(group + 1) * 256 {
            match buckets.get_mut(&bucket) {
                Some(leaves) => {
                    leaves.sort();
                    group_hasher.update(Sha256::digest(leaves.concat()));
                }
                None => group_hasher.update([0u8; 32]),
            }
        }
        top.update(group_hasher.finalize());
    }
    format!("t1:{}", hex(&top.finalize()))
}

#[test]
fn the_digest_is_the_scheme_described() {
    let r = sample();
    let digest = state_hash(&r);
    assert_eq!(digest, reference_digest(&r));
    assert!(digest.starts_with("t1:") && digest.len() == 67, "{digest}");
    assert!(digest[3..].bytes().all(|b| b.is_ascii_hexdigit()));
}

#[test]
fn the_record_encoding_is_fixed() {
    // Other tools may recompute states from the file: this pins the leaf
    // encoding (length-prefixed kind, id, compact RON) as well as the tree.
    let leaf = |kind: &str, id: &str, body: &str| -> Hash {
        let mut hasher = Sha256::new();
        for part in [kind, id, body] {
            hasher.update((part.len() as u64).to_be_bytes());
            hasher.update(part);
        }
        hasher.finalize().into()
    };
    let r = Register::new("Acme");
    assert_eq!(
        StateRecord::Register {
            format: 1,
            organisation: "Acme"
        }
        .leaf(),
        leaf("register", "", "(1,\"Acme\")")
    );
    assert_eq!(
        StateRecord::Scales(&r.scales).leaf(),
        leaf("scales", "", &ron::to_string(&r.scales).unwrap())
    );
    // Worked out apart from this code (a short Python script).
    assert_eq!(
        state_hash(&r),
        "t1:73eaaf677754966630c7c02fc960fe8d64082750e3885ddd0e2590f0c07cd04a"
    );
}

#[test]
fn list_order_in_memory_does_not_change_the_digest() {
    let r = sample();
    let mut shuffled = r.clone();
    shuffled.people.reverse();
    shuffled.items.reverse();
    shuffled.meetings.reverse();
    shuffled.items[0].actions = vec![
        action("A-009", "pjones", "2027-03-01"),
        action("A-002", "qlead", "2027-02-01"),
    ];
    let mut sorted = shuffled.clone();
    sorted.normalise();
    assert!(!shuffled.is_normalised());
    assert_eq!(state_hash(&shuffled), state_hash(&sorted));
    assert_eq!(state_hash(&shuffled), reference_digest(&sorted));
}

#[test]
fn a_change_to_any_one_field_changes_the_digest() {
    let r = sample();
    let before = state_hash(&r);
    type Edit = fn(&mut Register);
    let edits: [(&str, Edit); 7] = [
        ("format", |r| r.format += 1),
        ("organisation", |r| r.organisation.push('.')),
        ("scales", |r| r.scales.review_days[0] += 1),
        ("person", |r| r.people[1].top_management ^= true),
        ("item", |r| r.items[2].title.push('.')),
        ("action", |r| r.items[0].actions[0].text.push('.')),
        ("meeting", |r| r.meetings[0].notes.push('.')),
    ];
    for (what, edit) in edits {
        let mut edited = r.clone();
        edit(&mut edited);
        assert_ne!(state_hash(&edited), before, "a change to the {what}");
    }
    // The same text in another field or record is another state.
    let mut a = r.clone();
    a.people[0].name = "X".into();
    let mut b = r.clone();
    b.people[1].name = "X".into();
    assert_ne!(state_hash(&a), state_hash(&b));
}

#[test]
fn a_record_held_twice_is_not_the_record_held_once() {
    let r = sample();
    let mut twice = r.clone();
    twice.people.push(r.people[0].clone());
    assert_ne!(state_hash(&twice), state_hash(&r));
    let mut tree = StateTree::of(&twice);
    tree.remove(StateRecord::Person(&r.people[0]));
    assert_eq!(tree.digest(), state_hash(&r));
}

#[test]
fn a_replace_re_hashes_only_what_it_touched_and_digests_are_cached() {
    let mut r = sample();
    let mut tree = StateTree::of(&r);
    let first = tree.digest();
    assert_eq!(tree.digest(), first);
    tree.remove(StateRecord::Item(&r.items[1]));
    r.items[1].title = "Dust".into();
    tree.insert(StateRecord::Item(&r.items[1]));
    assert_eq!(tree.dirty_buckets.len(), 2);
    let second = tree.digest();
    assert!(tree.dirty_buckets.is_empty());
    assert_ne!(second, first);
    assert_eq!(second, state_hash(&r));
}

#[test]
#[should_panic(expected = "removed a record the state never held")]
#[cfg(debug_assertions)]
fn removing_a_record_never_inserted_is_a_caller_bug() {
    let r = sample();
    let mut tree = StateTree::of(&r);
    tree.remove(StateRecord::Item(&item("R-999", Kind::Risk, "Never there")));
}

/// The sample with two changes recorded, each noting the state after it
/// as `state` computes it.
fn recorded_with(state: fn(&Register) -> String) -> Register {
    let mut r = sample();
    for (when, title) in [
        ("2026-11-21T10:00:00Z", "First"),
        ("2026-11-21T10:05:00Z", "Second"),
    ] {
        let before = r.clone();
        r.items[0].title = title.into();
        let changes = diff(&before, &r);
        let after = state(&r);
        history::record_at_state(&mut r, changes, at(when), "qlead", after);
    }
    r
}

/// As roreg records changes now.
fn recorded_register() -> Register {
    let mut r = recorded_with(state_hash);
    let before = r.clone();
    r.items[1].title = "Third".into();
    let changes = diff(&before, &r);
    record(&mut r, changes, at("2026-11-21T10:10:00Z"), "qlead");
    r
}

#[test]
fn records_carry_the_tree_state_and_verify() {
    let r = recorded_register();
    let last = r.history.last().unwrap();
    assert!(last.state.starts_with("t1:"), "{}", last.state);
    assert_eq!(last.state, state_hash(&r));
    assert_eq!(verify(&r), []);
    assert_eq!(outside::find(&r, &[]), None);
}

#[test]
fn an_old_scheme_state_still_verifies_and_a_hand_edit_is_still_found() {
    for (scheme, r) in [
        ("legacy", recorded_with(legacy_state_hash)),
        ("t1", recorded_register()),
    ] {
        let state = &r.history.last().unwrap().state;
        assert_eq!(state.starts_with("t1:"), scheme == "t1", "{state}");
        assert_eq!(verify(&r), [], "{scheme}");
        assert!(state_is(&r, state), "{scheme}");
        let mut edited = r.clone();
        edited.items[2].title = "Edited in vim".into();
        assert_eq!(verify(&edited), [ChainProblem::ChangedOutside], "{scheme}");
        assert!(!state_is(&edited, state), "{scheme}");
        // With the version last recorded at hand, what changed is named.
        let found = outside::find(&edited, &[&sample(), &r]).unwrap();
        let third = &r.items[2].id;
        assert_eq!(
            found.changed,
            Some(vec![format!("{third}.title")]),
            "{scheme}"
        );
        // Recording the outside change continues the chain in the new scheme.
        outside::record(&mut edited, &found, at("2026-11-22T09:00:00Z"), "jsmith");
        assert_eq!(verify(&edited), [], "{scheme}");
        assert!(edited.history.last().unwrap().state.starts_with("t1:"));
    }
}

#[test]
fn a_state_of_neither_shape_matches_nothing() {
    let r = sample();
    let tree_hex = &state_hash(&r)[3..];
    for odd in ["", "t1:", "t2:00", "zz", tree_hex] {
        assert!(!state_is(&r, odd), "{odd:?}");
    }
    assert!(state_is(&r, &legacy_state_hash(&r)));
}

#[test]
fn record_at_state_writes_the_state_it_is_given() {
    let mut r = sample();
    let mut tree = StateTree::of(&r);
    let before = r.clone();
    tree.remove(StateRecord::Item(&r.items[0]));
    r.items[0].title = "Incremental".into();
    tree.insert(StateRecord::Item(&r.items[0]));
    let changes = diff(&before, &r);
    history::record_at_state(
        &mut r,
        changes,
        at("2026-11-21T10:00:00Z"),
        "qlead",
        tree.digest(),
    );
    assert_eq!(verify(&r), []);
}

/// One change to the register, applied to it and to its tree.
#[derive(Clone, Debug)]
enum Op {
    RetitleItem(usize, u8),
    RemoveItem(usize),
    AddItem(u16),
    AddAction(usize, u16),
    ReverseActions(usize),
    RenamePerson(usize, u8),
    DuplicatePerson(usize),
    RemovePerson(usize),
    Organisation(u8),
    ReviewDays(u16),
    MeetingNotes(usize, u8),
    ReverseLists,
    Digest,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, n)| Op::RetitleItem(i, n)),
        any::<usize>().prop_map(Op::RemoveItem),
        any::<u16>().prop_map(Op::AddItem),
        (any::<usize>(), any::<u16>()).prop_map(|(i, n)| Op::AddAction(i, n)),
        any::<usize>().prop_map(Op::ReverseActions),
        (any::<usize>(), any::<u8>()).prop_map(|(i, n)| Op::RenamePerson(i, n)),
        any::<usize>().prop_map(Op::DuplicatePerson),
        any::<usize>().prop_map(Op::RemovePerson),
        any::<u8>().prop_map(Op::Organisation),
        any::<u16>().prop_map(Op::ReviewDays),
        (any::<usize>(), any::<u8>()).prop_map(|(i, n)| Op::MeetingNotes(i, n)),
        Just(Op::ReverseLists),
        Just(Op::Digest),
    ]
}

fn replace_item(tree: &mut StateTree, r: &mut Register, i: usize, edit: impl FnOnce(&mut Item)) {
    let Some(i) = (!r.items.is_empty()).then(|| i % r.items.len()) else {
        return;
    };
    tree.remove(StateRecord::Item(&r.items[i]));
    edit(&mut r.items[i]);
    tree.insert(StateRecord::Item(&r.items[i]));
}

fn register_record(r: &Register) -> StateRecord<'_> {
    StateRecord::Register {
        format: r.format,
        organisation: &r.organisation,
    }
}

fn apply(tree: &mut StateTree, r: &mut Register, op: Op) {
    match op {
        Op::RetitleItem(i, n) => replace_item(tree, r, i, |item| item.title = format!("T{n}")),
        Op::RemoveItem(i) if !r.items.is_empty() => {
            let removed = r.items.remove(i % r.items.len());
            tree.remove(StateRecord::Item(&removed));
        }
        Op::AddItem(n) => {
            r.items
                .push(item(&format!("O-{n}"), Kind::Opportunity, "New"));
            tree.insert(StateRecord::Item(r.items.last().unwrap()));
        }
        Op::AddAction(i, n) => replace_item(tree, r, i, |item| {
            item.actions
                .push(action(&format!("A-{n}"), "qlead", "2027-01-01"))
        }),
        Op::ReverseActions(i) => replace_item(tree, r, i, |item| item.actions.reverse()),
        Op::RenamePerson(i, n) if !r.people.is_empty() => {
            let i = i % r.people.len();
            tree.remove(StateRecord::Person(&r.people[i]));
            r.people[i].name = format!("P{n}");
            tree.insert(StateRecord::Person(&r.people[i]));
        }
        Op::DuplicatePerson(i) if !r.people.is_empty() => {
            let copy = r.people[i % r.people.len()].clone();
            tree.insert(StateRecord::Person(&copy));
            r.people.push(copy);
        }
        Op::RemovePerson(i) if !r.people.is_empty() => {
            let removed = r.people.remove(i % r.people.len());
            tree.remove(StateRecord::Person(&removed));
        }
        Op::Organisation(n) => {
            tree.remove(register_record(r));
            r.organisation = format!("Org {n}");
            tree.insert(register_record(r));
        }
        Op::ReviewDays(days) => {
            tree.remove(StateRecord::Scales(&r.scales));
            r.scales.review_days[0] = days.into();
            tree.insert(StateRecord::Scales(&r.scales));
        }
        Op::MeetingNotes(i, n) if !r.meetings.is_empty() => {
            let i = i % r.meetings.len();
            tree.remove(StateRecord::Meeting(&r.meetings[i]));
            r.meetings[i].notes = format!("N{n}");
            tree.insert(StateRecord::Meeting(&r.meetings[i]));
        }
        Op::ReverseLists => {
            r.people.reverse();
            r.items.reverse();
            r.meetings.reverse();
        }
        Op::Digest => {
            tree.digest();
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_sequence_of_changes_gives_the_digest_of_the_register_it_leaves(
        ops in prop::collection::vec(op(), 0..40)
    ) {
        let mut r = sample();
        let mut tree = StateTree::of(&r);
        for op in ops {
            apply(&mut tree, &mut r, op);
        }
        prop_assert_eq!(tree.digest(), StateTree::of(&r).digest());
        prop_assert_eq!(tree.digest(), reference_digest(&r));
    }
}
