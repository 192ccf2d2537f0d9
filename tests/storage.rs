//! Saving and loading the register file: round trips, atomicity, refusals.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use proptest::prelude::*;
use roreg::domain::*;
use roreg::storage::{self, Fingerprint, SaveError, save::backup_path};

fn example() -> storage::Loaded {
    storage::load(&common::example()).expect("the example register loads")
}

fn copy_of_example(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("register.ron");
    std::fs::copy(common::example(), &path).unwrap();
    path
}

#[test]
fn saved_text_reads_back_equal_and_a_second_save_is_identical() {
    let loaded = example();
    let text = storage::to_text(&loaded.register).unwrap();
    let again = storage::load::parse_text(&text).unwrap();
    assert_eq!(again, loaded.register);
    assert!(!text.contains('\r'), "LF line endings only");
    assert_eq!(
        storage::to_text(&again).unwrap(),
        text,
        "a second save is byte-identical"
    );
}

#[test]
fn a_register_out_of_order_is_written_in_the_file_order() {
    let ordered = example().register;
    let mut shuffled = ordered.clone();
    shuffled.items.reverse();
    shuffled.people.reverse();
    shuffled.meetings.reverse();
    for item in &mut shuffled.items {
        item.actions.reverse();
    }
    assert!(
        !shuffled.is_normalised(),
        "the example has lists to reorder"
    );
    assert_eq!(
        storage::to_text(&shuffled).unwrap(),
        storage::to_text(&ordered).unwrap()
    );
}

#[test]
fn a_one_field_change_is_a_one_line_diff() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_of_example(dir.path());
    let loaded = storage::load(&path).unwrap();
    storage::save(&path, &loaded.register, Some(loaded.fingerprint)).unwrap();
    let before = std::fs::read_to_string(&path).unwrap();
    let reloaded = storage::load(&path).unwrap();
    let mut changed = reloaded.register.clone();
    changed.items[3].title = "A new title".into();
    storage::save(&path, &changed, Some(reloaded.fingerprint)).unwrap();
    let after = std::fs::read_to_string(&path).unwrap();
    let differing = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(before.lines().count(), after.lines().count());
    assert_eq!(differing, 1);
}

#[test]
fn save_keeps_the_previous_version_as_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_of_example(dir.path());
    let original = std::fs::read(&path).unwrap();
    let loaded = storage::load(&path).unwrap();
    let mut changed = loaded.register.clone();
    changed.organisation = "Renamed Ltd".into();
    let fingerprint = storage::save(&path, &changed, Some(loaded.fingerprint)).unwrap();
    assert_eq!(std::fs::read(backup_path(&path)).unwrap(), original);
    assert_eq!(
        storage::load(&path).unwrap().register.organisation,
        "Renamed Ltd"
    );
    assert_eq!(fingerprint, Fingerprint::of(&std::fs::read(&path).unwrap()));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n != "register.ron" && n != "register.ron.bak")
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn loading_never_rewrites_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_of_example(dir.path());
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    let bytes = std::fs::read(&path).unwrap();
    storage::load(&path).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        before
    );
}

#[test]
fn a_file_changed_by_someone_else_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_of_example(dir.path());
    let loaded = storage::load(&path).unwrap();
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Acme Precision Parts Ltd", "Their Edit Ltd");
    std::fs::write(&path, &theirs).unwrap();
    let mut mine = loaded.register.clone();
    mine.organisation = "My Edit Ltd".into();
    let err = storage::save(&path, &mine, Some(loaded.fingerprint)).unwrap_err();
    assert!(matches!(err, SaveError::ChangedOnDisk { .. }));
    assert!(
        err.to_string()
            .contains("changed by someone else since it was loaded")
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
}

#[test]
fn new_register_never_replaces_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_of_example(dir.path());
    let bytes = std::fs::read(&path).unwrap();
    let err = storage::save::create(&path, &Register::new("X")).unwrap_err();
    assert!(err.to_string().ends_with(
        "already exists; roreg never overwrites a file it did not load — choose another path"
    ));
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn saving_through_a_symlink_writes_the_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let target = copy_of_example(dir.path());
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let loaded = storage::load(&link).unwrap();
    let mut changed = loaded.register.clone();
    changed.organisation = "Through The Link Ltd".into();
    storage::save(&link, &changed, Some(loaded.fingerprint)).unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        storage::load(&target).unwrap().register.organisation,
        "Through The Link Ltd"
    );
}

#[test]
fn saving_keeps_the_files_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_of_example(dir.path());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o664)).unwrap();
    let loaded = storage::load(&path).unwrap();
    let mut changed = loaded.register.clone();
    changed.organisation = "Shared Ltd".into();
    storage::save(&path, &changed, Some(loaded.fingerprint)).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o664);
}

#[test]
fn save_into_a_read_only_folder_fails_clearly_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = copy_of_example(dir.path());
    let bytes = std::fs::read(&path).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let message = if common::running_as_root() {
        // Root writes anywhere: the save is tried as another user instead.
        save_as_another_user(&path).expect(
            "running as root, and setpriv cannot run the save as another user: install util-linux (.ci/run does)",
        )
    } else {
        save_changed_organisation(&path)
    };
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(message.contains("permission denied"), "{message}");
    assert!(
        message.contains("the file on disk is unchanged"),
        "{message}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no backup or temporary file"
    );
}

/// Loads `path`, changes it and tries to save it: the error, as a user reads it.
fn save_changed_organisation(path: &Path) -> String {
    let loaded = storage::load(path).unwrap();
    let mut changed = loaded.register.clone();
    changed.organisation = "Never Saved Ltd".into();
    match storage::save(path, &changed, Some(loaded.fingerprint)) {
        Ok(_) => "saved".to_string(),
        Err(e) => e.to_string(),
    }
}

/// Runs `save_changed_organisation` in this test binary as uid/gid 4242;
/// `None` where that cannot be done.
fn save_as_another_user(path: &Path) -> Option<String> {
    let output = std::process::Command::new("setpriv")
        .args(["--reuid=4242", "--regid=4242", "--clear-groups", "--"])
        .arg(std::env::current_exe().ok()?)
        .args([
            "save_child_for_read_only_folder",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("ROREG_SAVE_CHILD", path)
        .output()
        .ok()?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    stdout
        .lines()
        .find_map(|l| l.split_once("SAVE RESULT: "))
        .map(|(_, result)| result.to_string())
}

/// The other user's side of the test above, run by it in a child process.
#[test]
#[ignore = "the child process of save_into_a_read_only_folder_fails_clearly_and_changes_nothing, not a test of its own"]
fn save_child_for_read_only_folder() {
    if let Some(path) = std::env::var_os("ROREG_SAVE_CHILD") {
        println!(
            "SAVE RESULT: {}",
            save_changed_organisation(Path::new(&path))
        );
    }
}

// --- Round trip of any valid register -------------------------------------

fn text() -> impl Strategy<Value = String> {
    // Quotes, backslashes, newlines, control characters and wide characters
    // all have to survive the file.
    prop_oneof![
        "[a-zA-Z0-9 ,.()-]{0,30}",
        any::<String>(),
        Just("\"quoted\" \\ back\nslash\ttab \u{1b}[31m 日本語 🚀".to_string()),
    ]
}

fn date() -> impl Strategy<Value = Date> {
    (2020i32..2030, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| Date::from_ymd(y, m, d).unwrap())
}

fn timestamp() -> impl Strategy<Value = Timestamp> {
    (0i64..400_000_000)
        .prop_map(|s| Timestamp(chrono::DateTime::from_timestamp(1_600_000_000 + s, 0).unwrap()))
}

fn score() -> impl Strategy<Value = Score> {
    (1u8..=5, 1u8..=5).prop_map(|(l, i)| Score::new(l, i))
}

const PEOPLE: [&str; 3] = ["ann", "bob", "cy"];

fn person_id() -> impl Strategy<Value = String> {
    prop::sample::select(&PEOPLE[..]).prop_map(String::from)
}

fn action(n: usize) -> impl Strategy<Value = Action> {
    (
        text(),
        person_id(),
        date(),
        prop::sample::select(vec![
            ActionStatus::Open,
            ActionStatus::InProgress,
            ActionStatus::Done,
            ActionStatus::Cancelled,
        ]),
        prop::option::of(date()),
        prop::option::of((
            prop::sample::select(vec![
                Verdict::Effective,
                Verdict::Partly,
                Verdict::NotEffective,
            ]),
            text(),
            date(),
            person_id(),
        )),
    )
        .prop_map(move |(text, owner, due, status, done_on, check)| Action {
            id: format!("A-{n:03}"),
            text,
            owner,
            due,
            status,
            done_on,
            effectiveness: check.map(|(verdict, note, checked_on, checked_by)| Effectiveness {
                verdict,
                note,
                checked_on,
                checked_by,
            }),
        })
}

fn item(n: usize) -> impl Strategy<Value = Item> {
    (
        (
            prop::bool::ANY,
            text(),
            text(),
            prop::collection::vec(prop::sample::select(Affects::ALL.to_vec()), 0..3),
        ),
        (text(), 0..3usize, text(), person_id()),
        (
            score(),
            prop::option::of(score()),
            prop::sample::select(ItemStatus::ALL.to_vec()),
        ),
        (
            prop::option::of(date()),
            prop::collection::vec(action(0), 0..3),
            timestamp(),
        ),
    )
        .prop_map(
            move |(
                (risk, title, description, affects),
                (source, source_kind, process, owner),
                (current, target, status),
                (next_review, mut actions, created),
            )| {
                let kind = if risk { Kind::Risk } else { Kind::Opportunity };
                for (i, a) in actions.iter_mut().enumerate() {
                    a.id = format!("A-{:03}", n * 10 + i);
                }
                Item {
                    id: format!("{}-{n:03}", kind.id_prefix()),
                    kind,
                    title,
                    description,
                    affects,
                    source: match source_kind {
                        0 => Source::Internal(source),
                        1 => Source::External(source),
                        _ => Source::InterestedParty(source),
                    },
                    process,
                    owner,
                    current,
                    target,
                    treatment: kind.treatments()[n % kind.treatments().len()],
                    status,
                    next_review,
                    actions,
                    created,
                    requirements: Vec::new(),
                    measures: Vec::new(),
                }
            },
        )
}

fn register() -> impl Strategy<Value = Register> {
    (
        text(),
        prop::collection::vec(prop::bool::ANY, 0..6),
        prop::bool::ANY,
        text(),
    )
        .prop_flat_map(|(organisation, kinds, custom_scales, note)| {
            let items: Vec<_> = (1..=kinds.len()).map(item).collect();
            (
                Just(organisation),
                items,
                Just(custom_scales),
                Just(note),
                timestamp(),
                score(),
                score(),
            )
        })
        .prop_map(
            |(organisation, items, custom_scales, note, at, before, after)| {
                let mut r = Register::new(organisation);
                if custom_scales {
                    r.scales.likelihood.truncate(4);
                    r.scales.bands[1].name = note.clone();
                }
                r.people = PEOPLE
                    .iter()
                    .map(|id| Person {
                        id: id.to_string(),
                        name: note.clone(),
                        role: String::new(),
                        top_management: id == &"ann",
                        login: Vec::new(),
                        retired: None,
                    })
                    .collect();
                r.meetings.push(Meeting {
                    id: "M-001".into(),
                    kind: MeetingKind::ManagementReview,
                    started: at,
                    closed: Some(at),
                    facilitator: "bob".into(),
                    attendance: vec![Attendance {
                        person: "ann".into(),
                        present: true,
                        apologies: false,
                        arrived: None,
                        left: None,
                    }],
                    reviewed: items
                        .iter()
                        .map(|i: &Item| Review {
                            item: i.id.clone(),
                            before,
                            after,
                            decision: note.clone(),
                            at,
                            next_review: Some(at.date()),
                            output: Some(ManagementOutput::QmsChange),
                        })
                        .collect(),
                    notes: note.clone(),
                    agenda: items.iter().map(|i| i.id.clone()).collect(),
                    actions_raised: items
                        .iter()
                        .flat_map(|i| i.actions.iter().map(|a| a.id.clone()))
                        .collect(),
                    actions_closed: Vec::new(),
                    anchor: None,
                    current: None,
                    // Any text in the newer lists round-trips too.
                    guests: vec![roreg::domain::Guest {
                        name: note.clone(),
                        role: note.clone(),
                        organisation: String::new(),
                    }],
                    skipped: vec![roreg::domain::Skip {
                        item: "R-001".into(),
                        reason: note.clone(),
                        at,
                    }],
                    considered: vec![Considered {
                        input: ManagementInput::ExternalProviders,
                        note: note.clone(),
                        evidence: note.clone(),
                        at,
                    }],
                });
                r.items = items;
                r.normalise();
                r
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_register_survives_save_and_load(register in register()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.ron");
        storage::save::create(&path, &register).unwrap();
        let first = std::fs::read(&path).unwrap();
        let loaded = storage::load(&path).unwrap();
        prop_assert_eq!(&loaded.register, &register);
        storage::save(&path, &loaded.register, Some(loaded.fingerprint)).unwrap();
        prop_assert_eq!(std::fs::read(&path).unwrap(), first, "second save is byte-identical");
    }
}

#[test]
fn the_example_is_stored_exactly_as_roreg_saves_it() {
    // So the first save from roreg changes only what the user changed.
    let on_disk = std::fs::read_to_string(common::example()).unwrap();
    assert_eq!(storage::to_text(&example().register).unwrap(), on_disk);
}

#[test]
fn temporaries_left_by_a_crashed_save_are_cleared_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_of_example(dir.path());
    for name in [
        ".register.ron.a1B2c3",
        ".register.ron.bak.Zz9Yy8",
        ".register.ron.toolong1",
        "notes.txt",
        ".other.ron.abcdef",
    ] {
        std::fs::write(dir.path().join(name), "x").unwrap();
    }
    assert_eq!(storage::save::remove_stale_temporaries(&path).unwrap(), 2);
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    left.sort();
    assert_eq!(
        left,
        [
            ".other.ron.abcdef",
            ".register.ron.toolong1",
            "notes.txt",
            "register.ron"
        ]
    );
}

#[test]
fn a_register_made_read_only_while_open_is_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_of_example(dir.path());
    let loaded = storage::load(&path).unwrap();
    let before = std::fs::read(&path).unwrap();
    // As `chmod 0444` by a colleague: the folder would still allow a
    // rename over it, even for someone who is not root.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let mut changed = loaded.register.clone();
    changed.items[0].title = "Changed after the file was made read-only".into();
    let error = storage::save(&path, &changed, Some(loaded.fingerprint)).unwrap_err();
    assert!(matches!(error, SaveError::NotWritable { .. }), "{error:?}");
    assert!(error.to_string().contains("read-only"), "says why: {error}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file is untouched"
    );
    assert!(
        !backup_path(&path).exists(),
        "not even a backup was written"
    );
    // Writable again: the same change saves.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    storage::save(&path, &changed, Some(loaded.fingerprint)).unwrap();
}
