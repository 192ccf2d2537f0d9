//! Sharing one register: real `roreg` processes in pseudo-terminals on one
//! file. One writer at a time; a second instance is read-only, says who is
//! editing, follows the editor's saves and can take over once the editor
//! has gone. A file changed on disk is never overwritten blindly. Symlinked,
//! read-only, group-shared registers and read-only folders.
//!
//! The permission cases need an ordinary user: as root they run roreg as
//! other (numeric) users through `setpriv`, and fail saying so when it is
//! missing. Two of them need root itself (files of other users): they are
//! `#[ignore]`d with that reason, and `.ci/run` runs them as root.

mod common;
#[path = "common/pty.rs"]
mod pty;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use pty::{Pty, bottom_line, save_done};
use roreg::domain::queries::select;
use roreg::domain::{Date, Filter, Register, Score, SortKey, Timestamp};
use roreg::storage::{self, SaveError};
use roreg::tui::app::{App, Cmd, OnDisk, Overlay, Status};
use roreg::tui::update::{Msg, update};

/// Generous: every wait ends as soon as it can.
const T: Duration = Duration::from_secs(5);
const TODAY: &str = "2026-11-21";
/// Wide enough for the whole "read-only: USER on HOST (pid N) since T is
/// editing" on the status line (it gets half the width).
const COLS: u16 = 200;
const ROWS: u16 = 24;
const DOWN: &str = "\x1b[B";
const ESC: &str = "\x1b";

// ------------------------------------------------------------------ helpers

fn today() -> Date {
    Date::parse(TODAY).unwrap()
}

/// A copy of the example register, `register.ron` in its own folder.
struct Fixture {
    dir: tempfile::TempDir,
    file: PathBuf,
    original: Register,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("register.ron");
    std::fs::copy(common::example(), &file).unwrap();
    let original = storage::load(&file).unwrap().register;
    Fixture {
        dir,
        file,
        original,
    }
}

impl Fixture {
    fn on_disk(&self) -> Register {
        storage::load(&self.file).unwrap().register
    }

    /// The item ids in the order the register lists them at first (score).
    fn by_score(&self) -> Vec<String> {
        select(
            &self.original,
            &Filter::default(),
            SortKey::Score,
            false,
            today(),
        )
        .into_iter()
        .map(|i| self.original.items[i].id.clone())
        .collect()
    }

    fn names(&self) -> Vec<String> {
        names_in(self.dir.path())
    }
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Starts roreg in a pty with `args` (the file among them), as the login
/// `user`, optionally as another Unix user `(uid, gid)` through setpriv.
fn spawn(args: &[&str], user: &str, unix_user: Option<(u32, u32)>) -> Pty {
    let roreg = env!("CARGO_BIN_EXE_roreg");
    let mut all: Vec<String> = Vec::new();
    let program = match unix_user {
        Some((uid, gid)) => {
            all.extend([
                format!("--reuid={uid}"),
                format!("--regid={gid}"),
                "--clear-groups".to_string(),
                roreg.to_string(),
            ]);
            "setpriv"
        }
        None => roreg,
    };
    all.extend(args.iter().map(|a| a.to_string()));
    all.extend(["--today".to_string(), TODAY.to_string()]);
    if let Some(person) = person_of(user) {
        all.extend(["--as".to_string(), person.to_string()]);
    }
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    let p = Pty::spawn(
        program,
        &all,
        &[("NO_COLOR", "1"), ("USER", user), ("LOGNAME", user)],
        COLS,
        ROWS,
    );
    p.wait_for("by score", T);
    p
}

/// The person each test login edits as (`--as`): the logins themselves
/// are nobody in the example, and the history names people, not logins.
/// Others only watch, and a viewer needs nobody.
fn person_of(login: &str) -> Option<&'static str> {
    match login {
        "alice" => Some("qlead"),
        "bob" => Some("pjones"),
        _ => None,
    }
}

fn open(file: &Path, user: &str) -> Pty {
    spawn(&[file.to_str().unwrap()], user, None)
}

fn header(screen: &str) -> &str {
    screen.lines().next().unwrap_or("")
}

fn wait_saved(p: &Pty, message: &str) {
    p.wait_saved(message, T);
}

fn wait_status(p: &Pty, message: &str, timeout: Duration) {
    p.wait_until(&format!("{message:?} on the status line"), timeout, |s| {
        bottom_line(s).contains(message)
    });
}

/// The selected row of the list (marked ▶) shows `id`.
fn selected_is(screen: &str, id: &str) -> bool {
    screen
        .lines()
        .find(|l| l.contains('▶'))
        .is_some_and(|l| l.contains(&format!(" {id} ")))
}

/// The row of `id` shows the score `l×i` and its band in the L, I, Sc and
/// Band columns.
fn row_scored(screen: &str, id: &str, l: u8, i: u8, band: &str) -> bool {
    let Some(row) = screen
        .lines()
        .find(|l| l.starts_with('│') && l.contains(&format!(" {id} ")))
    else {
        return false;
    };
    let words: Vec<&str> = row.split_whitespace().collect();
    let want = [
        l.to_string(),
        i.to_string(),
        (l * i).to_string(),
        band.to_string(),
    ];
    words.windows(4).any(|w| w == want)
}

fn check(path: &Path) -> std::process::Output {
    common::roreg()
        .args(["check", path.to_str().unwrap()])
        .output()
        .unwrap()
}

fn kill(signal: &str, pid: u32) {
    let status = std::process::Command::new("kill")
        .args([signal, &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill {signal} {pid}");
}

fn quit(p: &mut Pty) {
    p.send_str("q");
    let status = p.wait_exit(T);
    assert!(status.success(), "{status:?}\n{}", p.screen());
}

/// Whether roreg can be run as other users here: as root, with setpriv.
fn other_users() -> bool {
    common::running_as_root()
        && std::process::Command::new("setpriv")
            .args(["--reuid=4242", "--regid=4444", "--clear-groups", "true"])
            .status()
            .is_ok_and(|s| s.success())
}

// ------------------------------------------------------- two processes

#[test]
fn a_second_instance_is_read_only_follows_and_takes_over() {
    let f = fixture();
    let ids = f.by_score();
    let (first, third) = (&ids[0], &ids[2]);

    let mut a = open(&f.file, "alice");
    assert!(!header(&a.screen()).contains("READ-ONLY"), "{}", a.screen());
    let a_pid = a.pid().expect("alice's pid");
    let holder = std::fs::read_to_string(storage::lock::lock_path(&f.file)).unwrap();
    assert!(
        holder.contains("user=alice\n") && holder.contains(&format!("pid={a_pid}\n")),
        "the lock file says who edits: {holder:?}"
    );

    // B: read-only, and names A.
    let mut b = open(&f.file, "bob");
    let b_pid = b.pid().expect("bob's pid");
    b.wait_until("READ-ONLY in the header", T, |s| {
        header(s).contains("roreg READ-ONLY")
    });
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_default();
    let editing = format!("read-only: alice on {host} (pid {a_pid}) since ");
    b.wait_until("alice, her host and pid on the status line", T, |s| {
        let line = bottom_line(s);
        line.contains(&editing) && line.contains(" is editing")
    });

    // B changes nothing, and T does not work while A is there.
    b.send_str("11");
    b.wait_until("the refusal on the status line", T, |s| {
        bottom_line(s).matches("read-only: alice on").count() == 2
    });
    b.send_str("T");
    wait_status(&b, "T works once the editor has left", T);
    assert!(header(&b.screen()).contains("READ-ONLY"));

    // B looks at the third item; A re-scores the first, which moves it down
    // the list. B reloads within a second or so (it looks every half
    // second), and keeps its selection on the same item.
    b.send_str(DOWN);
    b.send_str(DOWN);
    b.wait_until(&format!("{third} selected in B"), T, |s| {
        selected_is(s, third)
    });
    a.wait_until(&format!("{first} selected in A"), T, |s| {
        selected_is(s, first)
    });
    // 4×3 = 12 keeps it on the screen, lower down the list.
    a.send_str("4");
    a.send_str("3");
    let sent = Instant::now();
    b.wait_until(
        "B reloaded the editor's save",
        Duration::from_secs(2),
        |s| {
            bottom_line(s).contains("the file was saved by the editor; reloaded at")
                && row_scored(s, first, 4, 3, "High")
        },
    );
    let followed = sent.elapsed();
    assert!(selected_is(&b.screen(), third), "{}", b.screen());
    assert!(header(&b.screen()).contains("READ-ONLY"));
    wait_saved(&a, &format!("{first} score 4×3"));
    eprintln!("the follower showed the editor's change {followed:?} after the keys");

    // A leaves: B is told, and takes over with T.
    quit(&mut a);
    wait_status(
        &b,
        "the editor has left: T takes over editing",
        Duration::from_secs(2),
    );
    b.send_str("T");
    wait_status(&b, "you are the editor now", T);
    assert!(!header(&b.screen()).contains("READ-ONLY"), "{}", b.screen());
    let holder = std::fs::read_to_string(storage::lock::lock_path(&f.file)).unwrap();
    assert!(
        holder.contains("user=bob\n") && holder.contains(&format!("pid={b_pid}\n")),
        "{holder:?}"
    );

    // B's change lands on top of A's.
    assert!(selected_is(&b.screen(), third));
    b.send_str("2");
    b.send_str("2");
    wait_saved(&b, &format!("{third} score 2×2"));
    quit(&mut b);

    let disk = f.on_disk();
    assert_eq!(disk.item(first).unwrap().current, Score::new(4, 3));
    assert_eq!(disk.item(third).unwrap().current, Score::new(2, 2));
    let log: Vec<(&str, &str, &str)> = common::added_records(&f.original.history, &disk.history)
        .iter()
        .map(|h| (h.by.as_str(), h.record.as_str(), h.field.as_str()))
        .collect();
    assert_eq!(
        log,
        [
            ("qlead", first.as_str(), "current"),
            ("pjones", third.as_str(), "current")
        ]
    );
    let o = check(&f.file);
    assert_eq!(o.status.code(), Some(0), "{}", common::transcript(&o));
}

#[test]
fn read_only_and_view_never_change_the_file() {
    for (how, args) in [
        ("--read-only", vec!["FILE", "--read-only"]),
        ("view", vec!["view", "FILE"]),
    ] {
        let f = fixture();
        let bytes = std::fs::read(&f.file).unwrap();
        let args: Vec<&str> = args
            .iter()
            .map(|a| {
                if *a == "FILE" {
                    f.file.to_str().unwrap()
                } else {
                    a
                }
            })
            .collect();
        let mut p = spawn(&args, "alice", None);
        p.wait_until(&format!("{how}: READ-ONLY"), T, |s| {
            header(s).contains("roreg READ-ONLY")
                && bottom_line(s).contains("read-only: opened read-only")
        });
        // An explicit save has nothing to write.
        p.send_str("w");
        wait_status(&p, "nothing to save", T);
        p.send_str("11");
        p.wait_until(&format!("{how}: the refusal"), T, |s| {
            bottom_line(s)
                .matches("read-only: opened read-only")
                .count()
                == 2
        });
        p.send_str("w");
        wait_status(&p, "nothing to save", T);
        // Taking over means nothing when no one else edits.
        p.send_str("T");
        p.wait_until(&format!("{how}: T refused"), T, |s| {
            bottom_line(s).starts_with(" read-only: opened read-only")
        });
        assert!(header(&p.screen()).contains("READ-ONLY"));
        quit(&mut p);
        assert!(
            std::fs::read(&f.file).unwrap() == bytes,
            "{how} changed the file"
        );
        assert_eq!(
            f.names(),
            ["register.ron"],
            "{how} left something beside the register (not even a lock)"
        );
    }
}

#[test]
fn a_viewer_follows_the_editor_and_is_not_offered_the_file() {
    let f = fixture();
    let ids = f.by_score();
    let (first, second) = (&ids[0], &ids[1]);
    let mut a = open(&f.file, "alice");
    let mut v = spawn(&["view", f.file.to_str().unwrap()], "carol", None);
    v.wait_for("READ-ONLY", T);
    v.send_str(DOWN);
    v.wait_until(&format!("{second} selected"), T, |s| selected_is(s, second));

    a.send_str("4");
    a.send_str("3");
    v.wait_until("the viewer reloaded", Duration::from_secs(2), |s| {
        bottom_line(s).contains("the file was saved by the editor; reloaded at")
            && row_scored(s, first, 4, 3, "High")
    });
    assert!(selected_is(&v.screen(), second), "{}", v.screen());
    wait_saved(&a, &format!("{first} score 4×3"));

    // A second change is followed as well.
    a.send_str("5");
    a.send_str("3");
    wait_saved(&a, &format!("{first} score 5×3"));
    v.wait_until("the viewer reloaded again", Duration::from_secs(2), |s| {
        row_scored(s, first, 5, 3, "High")
    });
    assert!(selected_is(&v.screen(), second), "{}", v.screen());

    // The editor leaves: a viewer opened read-only on purpose stays so.
    quit(&mut a);
    v.wait_until("the viewer saw the editor leave", T, |s| {
        bottom_line(s).contains("the editor has left; nobody is editing now")
    });
    let screen = v.screen();
    assert!(
        !screen.contains("T takes over"),
        "a viewer is not offered the file:\n{screen}"
    );
    v.send_str("T");
    v.wait_until("T refused", T, |s| {
        bottom_line(s).starts_with(" read-only: opened read-only")
    });
    assert!(header(&v.screen()).contains("READ-ONLY"));
    quit(&mut v);
}

// ------------------------------------------ changes on disk, lost updates

/// Writes `text` into `path` by a rename, as editors and git do, so that
/// the watcher never sees half a file.
fn replace_file(path: &Path, text: &str) {
    let tmp = path.with_extension("hand-edit");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[test]
fn the_editor_reloads_a_hand_edit_when_nothing_is_unsaved() {
    let f = fixture();
    let first = &f.by_score()[0];
    let title = f.original.item(first).unwrap().title.clone();
    let mut a = open(&f.file, "alice");

    let text = std::fs::read_to_string(&f.file).unwrap();
    let needle = format!("title: {title:?}");
    assert_eq!(text.matches(&needle).count(), 1);
    let edited = text.replace(&needle, "title: \"Edited by hand in vim\"");
    replace_file(&f.file, &edited);

    // The example is protected: the edit is named against its last record.
    let since = f.original.history.last().unwrap().at;
    let named = format!("changed outside roreg since {since}: {first}.title; reloaded at");
    a.wait_until("the hand edit shown", Duration::from_secs(2), |s| {
        bottom_line(s).contains(&named)
            && bottom_line(s).contains("your next change records it")
            && s.contains("Edited by hand in vim")
    });
    assert!(selected_is(&a.screen(), first));
    a.send_str("1");
    a.send_str("1");
    wait_saved(&a, &format!("{first} score 1×1"));
    quit(&mut a);

    let disk = f.on_disk();
    let item = disk.item(first).unwrap();
    assert_eq!(item.title, "Edited by hand in vim", "the hand edit is kept");
    assert_eq!(item.current, Score::new(1, 1));
    // The backup is the hand-edited file the save replaced.
    let backup = std::fs::read_to_string(storage::save::backup_path(&f.file)).unwrap();
    assert_eq!(backup, edited);
    let log: Vec<(&str, &str)> = common::added_records(&f.original.history, &disk.history)
        .iter()
        .map(|h| (h.record.as_str(), h.field.as_str()))
        .collect();
    assert_eq!(
        log,
        [("register", "outside-change"), (first.as_str(), "current")],
        "the hand edit is recorded as such before the change saved on it"
    );
    let o = check(&f.file);
    assert_eq!(o.status.code(), Some(0), "{}", common::transcript(&o));
}

#[test]
fn an_external_write_between_load_and_save_is_detected_and_kept() {
    let f = fixture();
    let loaded = storage::load(&f.file).unwrap();
    let theirs = std::fs::read_to_string(&f.file)
        .unwrap()
        .replace("Acme Precision Parts Ltd", "Acme (their edit)");
    std::fs::write(&f.file, &theirs).unwrap();

    let mut mine = loaded.register.clone();
    mine.items[0].current = Score::new(1, 1);
    let err = storage::save(&f.file, &mine, Some(loaded.fingerprint)).unwrap_err();
    assert!(matches!(err, SaveError::ChangedOnDisk { .. }), "{err:?}");
    assert_eq!(std::fs::read_to_string(&f.file).unwrap(), theirs);
    assert_eq!(f.names(), ["register.ron"], "not even a backup was written");

    // Loaded again, the change goes on top of theirs.
    let again = storage::load(&f.file).unwrap();
    let mut mine = again.register.clone();
    mine.items[0].current = Score::new(1, 1);
    storage::save(&f.file, &mine, Some(again.fingerprint)).unwrap();
    let disk = f.on_disk();
    assert_eq!(disk.organisation, "Acme (their edit)");
    assert_eq!(disk.items[0].current, Score::new(1, 1));
}

/// Someone else's write the editor cannot see yet: the same length, inode
/// and modification time, different bytes. Written while the editor is
/// stopped, so its watcher cannot catch the file half way.
fn write_unseen(path: &Path, editor_pid: u32, text: &str) {
    use std::io::Write;
    let before = std::fs::metadata(path).unwrap();
    assert_eq!(before.len(), text.len() as u64, "same length");
    kill("-STOP", editor_pid);
    let mut file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    file.write_all(text.as_bytes()).unwrap();
    file.set_modified(before.modified().unwrap()).unwrap();
    file.sync_all().unwrap();
    drop(file);
    kill("-CONT", editor_pid);
    let after = std::fs::metadata(path).unwrap();
    assert_eq!(
        (after.len(), after.mtime(), after.mtime_nsec(), after.ino()),
        (
            before.len(),
            before.mtime(),
            before.mtime_nsec(),
            before.ino()
        ),
        "the write must be invisible to the watcher"
    );
}

/// Makes the file look changed to the watcher.
fn touch(path: &Path) {
    let file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now()).unwrap();
}

/// The editor has an unsaved change (its save was refused: the file had
/// changed), and then sees the other version: it asks, and never overwrites.
/// Returns the editor, the item it re-scored, the other item changed on
/// disk and the file as the other writer left it.
fn conflict(f: &Fixture) -> (Pty, String, String, String) {
    let ids = f.by_score();
    let (mine, theirs) = (ids[0].clone(), ids[4].clone());
    let mut a = open(&f.file, "alice");
    let pid = a.pid().unwrap();

    let title = f.original.item(&theirs).unwrap().title.clone();
    assert!(title.is_ascii());
    let text = std::fs::read_to_string(&f.file).unwrap();
    let needle = format!("title: {title:?}");
    assert_eq!(text.matches(&needle).count(), 1);
    let other = text.replace(&needle, &format!("title: {:?}", title.to_uppercase()));
    // The watcher goes by the file's stamp, which `write_unseen` asserts is
    // unchanged: no wait can show it more surely. The editor learns of the
    // other version only when its save is refused.
    write_unseen(&f.file, pid, &other);

    a.send_str("1");
    a.send_str("1");
    a.wait_until("the save refused", T, |s| {
        let line = bottom_line(s);
        line.contains("changed by someone else since it was loaded") && line.contains("NOT SAVED")
    });
    assert_eq!(
        std::fs::read_to_string(&f.file).unwrap(),
        other,
        "not overwritten"
    );
    // Now the watcher notices the other version.
    touch(&f.file);
    a.wait_for("Someone else changed the file", Duration::from_secs(2));
    assert_eq!(std::fs::read_to_string(&f.file).unwrap(), other);
    (a, mine, theirs, other)
}

#[test]
fn unsaved_changes_and_a_change_on_disk_merge_with_m() {
    let f = fixture();
    let (mut a, mine, theirs, _) = conflict(&f);
    a.send_str("m");
    wait_saved(&a, "merged: their changes and yours are both kept");
    quit(&mut a);

    let disk = f.on_disk();
    let title = &f.original.item(&theirs).unwrap().title;
    assert_eq!(disk.item(&theirs).unwrap().title, title.to_uppercase());
    assert_eq!(disk.item(&mine).unwrap().current, Score::new(1, 1));
    let log: Vec<(&str, &str, &str)> = common::added_records(&f.original.history, &disk.history)
        .iter()
        .map(|h| (h.by.as_str(), h.record.as_str(), h.field.as_str()))
        .collect();
    // Theirs was written outside roreg on a protected register: it is
    // recorded as such, naming what changed, before the change merged on it.
    assert_eq!(
        log,
        [
            ("qlead", "register", "outside-change"),
            ("qlead", mine.as_str(), "current")
        ]
    );
    let outside = &disk.history[f.original.history.len()].new;
    assert!(outside.contains(&format!("{theirs}.title")), "{outside}");
    let o = check(&f.file);
    assert_eq!(o.status.code(), Some(0), "{}", common::transcript(&o));
}

#[test]
fn unsaved_changes_and_a_change_on_disk_reload_with_r() {
    let f = fixture();
    let (mut a, mine, theirs, other) = conflict(&f);
    a.send_str("r");
    a.wait_for("Your changes that were not saved (make them again)", T);
    a.wait_for(&format!("{mine}.current: (likelihood:"), T);
    a.send_str(ESC);
    a.wait_until("the list, reloaded", T, |s| {
        bottom_line(s).contains("reloaded the version on disk")
            && !s.contains("Your changes that were not saved")
            && s.contains(&f.original.item(&theirs).unwrap().title.to_uppercase()[..20])
    });
    // Back to the score it had: the re-score was dropped.
    assert_eq!(f.original.item(&mine).unwrap().current, Score::new(4, 4));
    assert!(
        row_scored(&a.screen(), &mine, 4, 4, "Critical"),
        "{}",
        a.screen()
    );
    assert_eq!(std::fs::read_to_string(&f.file).unwrap(), other);
    // Made again, the change is saved on top of theirs.
    a.wait_until(&format!("{mine} selected"), T, |s| selected_is(s, &mine));
    a.send_str("1");
    a.send_str("1");
    wait_saved(&a, &format!("{mine} score 1×1"));
    quit(&mut a);
    let disk = f.on_disk();
    let title = &f.original.item(&theirs).unwrap().title;
    assert_eq!(disk.item(&theirs).unwrap().title, title.to_uppercase());
    assert_eq!(disk.item(&mine).unwrap().current, Score::new(1, 1));
}

// -------------------------------------- the same, without a terminal

fn now() -> Timestamp {
    Timestamp::parse("2026-11-21T10:00:00Z").unwrap()
}

fn app_on(f: &Fixture) -> App {
    let loaded = storage::load(&f.file).unwrap();
    let mut app = App::new(
        loaded.register,
        f.file.clone(),
        today(),
        now(),
        Some("qlead".into()),
    );
    app.loaded_from_disk(loaded.fingerprint, loaded.has_comments);
    app
}

fn press(app: &mut App, keys: &str) -> Cmd {
    let mut last = Cmd::None;
    for c in keys.chars() {
        let modifiers = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        last = update(app, Msg::Key(KeyEvent::new(KeyCode::Char(c), modifiers)));
    }
    last
}

fn status(app: &App) -> String {
    match &app.status {
        Status::None => String::new(),
        Status::Info(t) | Status::Error(t) => t.clone(),
    }
}

/// Another version of the file: `change` applied to what is on disk,
/// written there, as another writer would.
fn their_version(f: &Fixture, change: impl FnOnce(&mut Register)) -> OnDisk {
    let loaded = storage::load(&f.file).unwrap();
    let mut theirs = loaded.register;
    change(&mut theirs);
    let fingerprint = storage::save(&f.file, &theirs, Some(loaded.fingerprint)).unwrap();
    OnDisk {
        register: storage::load(&f.file).unwrap().register,
        fingerprint,
    }
}

/// A re-score under way while someone else writes: the save is refused,
/// the other version arrives, and the question is asked.
fn app_in_conflict(f: &Fixture, change: impl FnOnce(&mut Register)) -> (App, String) {
    let mut app = app_on(f);
    let mine = app.selected_item().unwrap().id.clone();
    let job = written(press(&mut app, "11"));
    let disk = their_version(f, change);
    // The saver finds the file changed.
    let refused = storage::save(&f.file, &job.register, Some(job.expected)).unwrap_err();
    assert!(matches!(refused, SaveError::ChangedOnDisk { .. }));
    // The watcher's news comes while the save is still under way: no
    // question yet, it would be asked about a save that may still work.
    assert!(matches!(
        update(&mut app, Msg::DiskChanged(disk)),
        Cmd::None
    ));
    assert!(app.overlays.is_empty());
    assert!(matches!(
        update(&mut app, Msg::Saved(Err(refused.to_string()))),
        Cmd::None
    ));
    assert!(
        matches!(app.overlays.last(), Some(Overlay::DiskConflict)),
        "the question is asked"
    );
    (app, mine)
}

#[test]
fn merging_two_changes_to_one_item_is_refused_and_r_still_reloads() {
    let f = fixture();
    let first = f.by_score()[0].clone();
    // Both re-score the same item (a different field would merge).
    let (mut app, mine) = app_in_conflict(&f, |r| {
        let item = r.item_mut(&first).unwrap();
        item.title = "Their new title".into();
        item.current = Score::new(2, 2);
    });
    assert_eq!(mine, first, "both change the same item");
    let theirs = std::fs::read(&f.file).unwrap();
    assert!(matches!(press(&mut app, "m"), Cmd::None), "nothing to save");
    assert!(
        status(&app).starts_with(&format!("cannot merge: both sides changed {mine}.current")),
        "{}",
        status(&app)
    );
    assert_eq!(std::fs::read(&f.file).unwrap(), theirs, "nothing written");
    // The message offers r: it must reload theirs and list the change lost.
    assert!(
        status(&app).contains("r reloads theirs"),
        "{}",
        status(&app)
    );
    let cmd = press(&mut app, "r");
    assert!(matches!(cmd, Cmd::None));
    assert_eq!(
        app.register.item(&mine).unwrap().title,
        "Their new title",
        "r, as offered after a refused merge, reloads theirs (status: {:?})",
        status(&app)
    );
    assert!(matches!(
        app.overlays.last(),
        Some(Overlay::Records { lines, .. })
            if lines.iter().any(|l| l.starts_with(&format!("{mine}.current")))
    ));
}

#[test]
fn keeping_mine_for_now_writes_nothing_and_w_asks_again() {
    let f = fixture();
    let other = f.by_score()[4].clone();
    let (mut app, mine) = app_in_conflict(&f, |r| {
        r.item_mut(&other).unwrap().title = "Their new title".into();
    });
    let theirs = std::fs::read(&f.file).unwrap();
    // q: keep mine here, unsaved.
    assert!(matches!(press(&mut app, "q"), Cmd::None));
    assert!(app.overlays.is_empty());
    assert!(status(&app).starts_with("not saved"), "{}", status(&app));
    assert_eq!(app.register.item(&mine).unwrap().current, Score::new(1, 1));
    // Quitting asks first; it is not silently lost.
    assert!(matches!(press(&mut app, "q"), Cmd::None));
    assert!(matches!(
        app.overlays.last(),
        Some(Overlay::ConfirmQuitUnsaved)
    ));
    assert!(!app.may_exit());
    press(&mut app, "q");
    assert!(app.overlays.is_empty());
    // w does not write over theirs: it asks again.
    assert!(matches!(press(&mut app, "w"), Cmd::None), "never blindly");
    assert!(matches!(app.overlays.last(), Some(Overlay::DiskConflict)));
    assert_eq!(std::fs::read(&f.file).unwrap(), theirs);
    // Merged: both changes, mine recorded as qlead's on top of their version.
    let job = written(press(&mut app, "m"));
    assert_eq!(job.register.item(&other).unwrap().title, "Their new title");
    assert_eq!(job.register.item(&mine).unwrap().current, Score::new(1, 1));
    let last = job.register.history.last().unwrap();
    assert_eq!(
        (last.by.as_str(), last.record.as_str(), last.field.as_str()),
        ("qlead", mine.as_str(), "current")
    );
    storage::save(&f.file, &job.register, Some(job.expected)).expect("on top of theirs");
    let o = check(&f.file);
    assert_eq!(o.status.code(), Some(0), "{}", common::transcript(&o));
}

// --------------------------------------------------------------- paths

#[test]
fn a_symlinked_register_is_saved_through_the_link() {
    let f = fixture();
    let real = f.dir.path().join("real");
    std::fs::create_dir(&real).unwrap();
    let target = real.join("register.ron");
    std::fs::rename(&f.file, &target).unwrap();
    let link = f.dir.path().join("link.ron");
    std::os::unix::fs::symlink("real/register.ron", &link).unwrap();

    let first = &f.by_score()[0];
    let mut a = open(&link, "alice");
    // The lock is the target's: an instance opened by the real path is the
    // second one.
    let mut b = open(&target, "bob");
    b.wait_until("B read-only, naming alice", T, |s| {
        header(s).contains("READ-ONLY") && bottom_line(s).contains("alice on ")
    });
    quit(&mut b);

    a.send_str("1");
    a.send_str("1");
    wait_saved(&a, &format!("{first} score 1×1"));
    quit(&mut a);

    let meta = std::fs::symlink_metadata(&link).unwrap();
    assert!(meta.file_type().is_symlink(), "the link stays a link");
    assert_eq!(
        std::fs::read_link(&link).unwrap(),
        Path::new("real/register.ron")
    );
    let disk = storage::load(&target).unwrap().register;
    assert_eq!(disk.item(first).unwrap().current, Score::new(1, 1));
    assert_eq!(f.names(), ["link.ron", "real"]);
    assert_eq!(
        names_in(&real),
        ["register.ron", "register.ron.bak", "register.ron.lock"]
    );
}

#[test]
fn a_file_without_write_permission_opens_read_only() {
    // By its mode bits, so this holds for root too.
    let f = fixture();
    std::fs::set_permissions(&f.file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let bytes = std::fs::read(&f.file).unwrap();
    let mut p = open(&f.file, "alice");
    p.wait_until("READ-ONLY, and why", T, |s| {
        header(s).contains("READ-ONLY")
            && bottom_line(s).contains("read-only: the file is read-only (no write permission)")
    });
    p.send_str("11");
    p.wait_until("the refusal", T, |s| {
        bottom_line(s)
            .matches("read-only: the file is read-only")
            .count()
            == 2
    });
    quit(&mut p);
    assert!(std::fs::read(&f.file).unwrap() == bytes);
    assert_eq!(
        std::fs::metadata(&f.file).unwrap().permissions().mode() & 0o7777,
        0o444
    );
    assert_eq!(f.names(), ["register.ron"]);
}

#[test]
fn a_group_shared_register_keeps_its_mode_and_group() {
    let f = fixture();
    std::fs::set_permissions(&f.file, std::fs::Permissions::from_mode(0o664)).unwrap();
    let gid = if common::running_as_root() {
        std::os::unix::fs::chown(&f.file, None, Some(4444)).unwrap();
        4444
    } else {
        std::fs::metadata(&f.file).unwrap().gid()
    };
    let first = &f.by_score()[0];
    let mut a = open(&f.file, "alice");
    a.send_str("1");
    a.send_str("1");
    wait_saved(&a, &format!("{first} score 1×1"));
    a.send_str("2");
    a.send_str("2");
    wait_saved(&a, &format!("{first} score 2×2"));
    quit(&mut a);
    let meta = std::fs::metadata(&f.file).unwrap();
    assert_eq!(meta.permissions().mode() & 0o7777, 0o664);
    assert_eq!(meta.gid(), gid);
    assert_eq!(f.on_disk().item(first).unwrap().current, Score::new(2, 2));
}

#[test]
fn the_backup_is_no_more_readable_than_the_register() {
    // A private register must not leave a world-readable copy beside it.
    let f = fixture();
    std::fs::set_permissions(&f.file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let loaded = storage::load(&f.file).unwrap();
    let mut changed = loaded.register.clone();
    changed.organisation = "Private Ltd".into();
    storage::save(&f.file, &changed, Some(loaded.fingerprint)).unwrap();
    let mode = |p: &Path| {
        format!(
            "{:o}",
            std::fs::metadata(p).unwrap().permissions().mode() & 0o7777
        )
    };
    assert_eq!(mode(&f.file), "600");
    assert_eq!(
        mode(&storage::save::backup_path(&f.file)),
        "600",
        "the backup holds the same data as the register"
    );
}

/// A folder `shared` in a fresh temporary folder others may enter.
fn shared_folder(mode: u32, owner: Option<(u32, u32)>) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let shared = dir.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    let file = shared.join("register.ron");
    std::fs::copy(common::example(), &file).unwrap();
    if let Some((uid, gid)) = owner {
        std::os::unix::fs::chown(&shared, Some(uid), Some(gid)).unwrap();
        std::os::unix::fs::chown(&file, Some(uid), Some(gid)).unwrap();
    }
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o664)).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(mode)).unwrap();
    (dir, file)
}

#[test]
fn a_read_only_folder_opens_read_only() {
    // The register is writable, but no lock can be created beside it.
    let as_user = if common::running_as_root() {
        // Root writes anywhere: the test runs roreg as another user.
        assert!(
            other_users(),
            "running as root, and setpriv cannot run roreg as another user: install util-linux (.ci/run does)"
        );
        Some((4242, 4444))
    } else {
        None
    };
    let (_dir, file) = shared_folder(0o555, as_user);
    // Writable again at the end, so that the folder can be removed.
    struct Restore(PathBuf);
    impl Drop for Restore {
        fn drop(&mut self) {
            let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o755));
        }
    }
    let _restore = Restore(file.parent().unwrap().to_path_buf());
    let bytes = std::fs::read(&file).unwrap();
    let lock = storage::lock::lock_path(&file);
    let mut p = spawn(&[file.to_str().unwrap()], "alice", as_user);
    p.wait_until("READ-ONLY, and why", T, |s| {
        header(s).contains("READ-ONLY")
            && bottom_line(s).contains(&format!("read-only: cannot create {}", lock.display()))
    });
    p.send_str("11");
    p.wait_until("the refusal", T, |s| {
        bottom_line(s).matches("read-only: cannot create").count() == 2
    });
    quit(&mut p);
    assert!(std::fs::read(&file).unwrap() == bytes);
    assert_eq!(names_in(file.parent().unwrap()), ["register.ron"]);
}

#[test]
#[ignore = "needs root and setpriv, to make a file of another user and run roreg as a third; .ci/run runs it"]
fn a_file_without_write_permission_for_this_user_opens_read_only() {
    // Owned by someone else, writable only by them.
    assert!(
        other_users(),
        "needs root and setpriv (util-linux) to act as other users"
    );
    let as_user = Some((4343, 4444));
    // alice's file, not writable by her group, in a folder the group shares.
    let (_dir, file) = shared_folder(0o2775, Some((0, 4444)));
    std::os::unix::fs::chown(&file, Some(4242), Some(4444)).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let bytes = std::fs::read(&file).unwrap();
    let mut p = spawn(&[file.to_str().unwrap()], "bob", as_user);
    if !header(&p.screen()).contains("READ-ONLY") {
        // What bob's change then does to alice's file.
        p.send_str("11");
        p.wait_until("the save ended", T, |s| {
            save_done(s) || bottom_line(s).contains("NOT SAVED")
        });
        let meta = std::fs::metadata(&file).unwrap();
        panic!(
            "bob became the editor of alice's file he may not write; after a re-score the file {} (owner uid {}, mode {:o}); status: {}",
            if std::fs::read(&file).unwrap() == bytes {
                "is unchanged"
            } else {
                "was replaced"
            },
            meta.uid(),
            meta.permissions().mode() & 0o7777,
            bottom_line(&p.screen()).trim()
        );
    }
    p.send_str("11");
    p.wait_until("the refusal", T, |s| {
        bottom_line(s).matches("read-only:").count() == 2
    });
    quit(&mut p);
    assert!(std::fs::read(&file).unwrap() == bytes);
}

#[test]
#[ignore = "needs root and setpriv, to run roreg as two users; .ci/run runs it"]
fn members_of_a_group_edit_a_shared_register_in_turn() {
    // Two users of one group, each with the usual umask 022, share a
    // register 0664 in a setgid folder 2775: each in turn is the editor.
    assert!(
        other_users(),
        "needs root and setpriv (util-linux) to run roreg as two users"
    );
    let (alice, bob) = ((4242, 4444), (4343, 4444));
    let (_dir, file) = shared_folder(0o2775, Some((0, 4444)));
    let first = {
        let r = storage::load(&file).unwrap().register;
        let view = select(&r, &Filter::default(), SortKey::Score, false, today());
        r.items[view[0]].id.clone()
    };

    let mut a = spawn(&[file.to_str().unwrap()], "alice", Some(alice));
    assert!(!header(&a.screen()).contains("READ-ONLY"), "{}", a.screen());
    a.send_str("1");
    a.send_str("1");
    wait_saved(&a, &format!("{first} score 1×1"));
    quit(&mut a);

    let mut b = spawn(&[file.to_str().unwrap()], "bob", Some(bob));
    let screen = b.screen();
    assert!(
        !header(&screen).contains("READ-ONLY"),
        "bob, of the same group, cannot edit after alice left:\n{}\nlock file: {:?}",
        bottom_line(&screen),
        std::fs::metadata(storage::lock::lock_path(&file)).map(|m| format!(
            "{:o} uid {}",
            m.permissions().mode(),
            m.uid()
        ))
    );
    // After alice's 1×1 another item leads the list: bob scores that one.
    let leading = {
        let r = storage::load(&file).unwrap().register;
        let view = select(&r, &Filter::default(), SortKey::Score, false, today());
        r.items[view[0]].id.clone()
    };
    assert_ne!(leading, first);
    b.send_str("2");
    b.send_str("2");
    wait_saved(&b, &format!("{leading} score 2×2"));
    quit(&mut b);

    let meta = std::fs::metadata(&file).unwrap();
    assert_eq!(meta.permissions().mode() & 0o7777, 0o664);
    assert_eq!(meta.gid(), 4444);
    let disk = storage::load(&file).unwrap().register;
    let by: Vec<&str> = common::added_records(&common::example_history(), &disk.history)
        .iter()
        .map(|h| h.by.as_str())
        .collect();
    assert_eq!(by, ["qlead", "pjones"]);
}

/// What a save asks to write, taken as the background writer takes it: these
/// saves are each the first of their app or follow a merge, so they bring
/// the whole register.
struct Written {
    register: Register,
    expected: roreg::storage::Fingerprint,
}

fn written(cmd: Cmd) -> Written {
    let Cmd::Save(job) = cmd else {
        panic!("expected a save, got {cmd:?}")
    };
    assert!(
        matches!(
            job.updates.first(),
            Some(roreg::domain::edit::Update::Whole(_))
        ),
        "the first save of an app, or one after a merge, brings the whole register"
    );
    let mut register = Register::new("");
    for update in job.updates {
        update.apply(&mut register);
    }
    Written {
        register,
        expected: job.expected,
    }
}
