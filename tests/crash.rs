//! Crash safety: a process saving the register over and over is killed with
//! SIGKILL at random moments. After every kill the register still parses and
//! is exactly one of the versions that process wrote (never a torn or mixed
//! file), the backup parses too, and nothing but temporaries the writer
//! cleans up on its next start is left in the folder.
//!
//! The child is this very test binary, re-run with `ROREG_SAVE_LOOP` set: its
//! `save_loop_child` test then saves versions forever instead of returning.

mod common;
#[path = "common/pty.rs"]
mod pty;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use roreg::domain::Register;
use roreg::storage;

/// Tells the re-run test binary to be the saving child, on this register.
const CHILD_ENV: &str = "ROREG_SAVE_LOOP";
const KILLS: u64 = 220;
/// The log of versions the child knows to be on disk: appended only after
/// `save` returned.
const LOG: &str = "saved.log";
const FILE: &str = "register.ron";

fn base() -> Register {
    storage::load(&common::example()).unwrap().register
}

/// Version `n` of the register, as the child writes it: a different
/// organisation, item title and description length every time, so that a
/// torn or mixed file could not pass for a version.
fn version(base: &Register, n: u64) -> Register {
    let mut r = base.clone();
    r.organisation = format!("v{n}");
    r.items[0].title = format!("Title of version {n}");
    r.items[0].description = format!(
        "{} {}",
        base.items[0].description,
        "pad ".repeat((n % 61) as usize * 9)
    );
    r.normalise();
    r
}

/// Which version a register claims to be, from its organisation `v{n}`.
fn version_number(r: &Register) -> Option<u64> {
    r.organisation.strip_prefix('v')?.parse().ok()
}

/// The body of the child process the crash test kills, run by it with
/// `ROREG_SAVE_LOOP` set.
#[test]
#[ignore = "the child process of the crash test, not a test of its own"]
fn save_loop_child() {
    let Some(path) = std::env::var_os(CHILD_ENV).map(PathBuf::from) else {
        return;
    };
    let base = base();
    let loaded = storage::load(&path).expect("the child loads the register");
    let mut n = version_number(&loaded.register).expect("a version number");
    let mut fingerprint = loaded.fingerprint;
    let mut log = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path.with_file_name(LOG))
        .unwrap();
    // Never outlive a parent that died without killing us.
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(30) {
        n += 1;
        fingerprint =
            storage::save(&path, &version(&base, n), Some(fingerprint)).expect("the child saves");
        // One write call per line: a kill cannot leave half a line.
        log.write_all(format!("{n}\n").as_bytes()).unwrap();
    }
}

/// A tiny xorshift generator: reproducible random delays, no extra crates.
struct XorShift(u64);

impl XorShift {
    fn new(seed: u64) -> XorShift {
        XorShift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
}

/// Kills the child when dropped, so a failing assertion leaves no process behind.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn logged(dir: &Path) -> Vec<u64> {
    std::fs::read_to_string(dir.join(LOG))
        .unwrap_or_default()
        .lines()
        .map(|l| {
            l.parse()
                .unwrap_or_else(|_| panic!("a torn line in the log: {l:?}"))
        })
        .collect()
}

/// The names in the folder that are neither the register, its backup nor the log.
fn others(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != FILE && *n != format!("{FILE}.bak") && n != LOG)
        .collect();
    names.sort();
    names
}

fn is_temporary(name: &str) -> bool {
    [".register.ron.", ".register.ron.bak."]
        .iter()
        .any(|prefix| {
            name.strip_prefix(prefix)
                .is_some_and(|s| s.len() == 6 && s.chars().all(|c| c.is_ascii_alphanumeric()))
        })
}

#[test]
fn sigkill_during_saves_never_leaves_a_broken_register() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE);
    let base = base();
    storage::save::create(&path, &version(&base, 0)).unwrap();

    let started = Instant::now();
    let mut on_disk = 0u64;
    let mut temporaries = 0usize;
    let mut mid_save = 0usize;
    let mut saves_seen = 0usize;
    for round in 0..KILLS {
        let mut rng = XorShift::new(round + 1);
        let before = logged(dir.path()).len();
        let child = Command::new(std::env::current_exe().unwrap())
            .args([
                "save_loop_child",
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, &path)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut child = Running(child);
        // Let it reach its save loop first (on most rounds), so the kill
        // lands among saves rather than while the program starts.
        let deadline = Instant::now() + Duration::from_secs(5);
        if round % 8 != 0 {
            while logged(dir.path()).len() == before && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(1));
            }
        }
        std::thread::sleep(Duration::from_millis(1 + rng.next() % 30));
        child.0.kill().unwrap(); // SIGKILL
        let status = child.0.wait().unwrap();
        assert!(
            !status.success(),
            "round {round}: the child ended on its own: {status:?}"
        );

        let log = logged(dir.path());
        saves_seen += log.len() - before;
        let floor = log.last().copied().unwrap_or(0).max(on_disk);
        let loaded = storage::load(&path)
            .unwrap_or_else(|e| panic!("round {round}: the register does not load: {e}"));
        let n = version_number(&loaded.register).unwrap_or_else(|| {
            panic!(
                "round {round}: no version: {}",
                loaded.register.organisation
            )
        });
        assert!(
            n == floor || n == floor + 1,
            "round {round}: version {n} on disk, but the last known saved is {floor}"
        );
        assert!(
            loaded.register == version(&base, n),
            "round {round}: the file claims version {n} but is not exactly it"
        );
        if n > log.last().copied().unwrap_or(0) {
            // Killed after the rename, before the log line.
            mid_save += 1;
        }
        let backup = storage::save::backup_path(&path);
        if n > 0 {
            let bak = storage::load(&backup)
                .unwrap_or_else(|e| panic!("round {round}: the backup does not load: {e}"));
            let b = version_number(&bak.register).unwrap();
            assert!(
                b + 1 == n || b == n,
                "round {round}: backup is version {b}, register {n}"
            );
            assert!(bak.register == version(&base, b));
        }
        on_disk = n;

        let left = others(dir.path());
        assert!(
            left.iter().all(|n| is_temporary(n)),
            "round {round}: left in the folder: {left:?}"
        );
        temporaries += left.len();
        // What the writer does when it next takes the lock.
        let removed = storage::save::remove_stale_temporaries(&path).unwrap();
        assert_eq!(removed, left.len(), "round {round}: {left:?}");
        assert_eq!(others(dir.path()), Vec::<String>::new());
    }
    let version_reached = on_disk;
    eprintln!(
        "crash: {KILLS} kills in {:.1?}; {saves_seen} saves logged, version {version_reached} reached; \
         {mid_save} kills between a finished save and its log line; \
         {temporaries} temporaries found before cleaning",
        started.elapsed()
    );
    assert!(
        saves_seen >= KILLS as usize / 2,
        "the kills should land among saves; only {saves_seen} saves were logged"
    );
}

// ------------------------- what the next editor does with the leftovers

/// Temporaries a killed save could leave, and a file that only looks alike.
const LEFTOVERS: [&str; 2] = [".register.ron.Ab12Cd", ".register.ron.bak.Xy98Zw"];
const NOT_OURS: &str = ".register.ron.notes";

fn roreg_in_pty(file: &Path, user: &str) -> pty::Pty {
    let p = pty::Pty::spawn(
        env!("CARGO_BIN_EXE_roreg"),
        &[file.to_str().unwrap(), "--today", "2026-11-21"],
        &[("NO_COLOR", "1"), ("USER", user), ("LOGNAME", user)],
        100,
        24,
    );
    p.wait_for("by score", Duration::from_secs(5));
    p
}

fn quit(p: &mut pty::Pty) {
    p.send_str("q");
    let status = p.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "{status:?}");
}

/// The folder but for the register, its backup, the log and the lock.
fn leftovers(dir: &Path) -> Vec<String> {
    let mut names = others(dir);
    names.retain(|n| n != "register.ron.lock");
    names
}

fn leave_leftovers(dir: &Path) {
    for name in LEFTOVERS.iter().chain([&NOT_OURS]) {
        std::fs::write(dir.join(name), "half a save").unwrap();
    }
}

#[test]
fn the_next_editor_removes_what_a_killed_save_left() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(FILE);
    std::fs::copy(common::example(), &file).unwrap();
    leave_leftovers(dir.path());
    let mut a = roreg_in_pty(&file, "alice");
    assert_eq!(
        leftovers(dir.path()),
        [NOT_OURS],
        "the editor clears temporaries, and only those"
    );
    // A read-only instance touches nothing: the editor may be saving.
    leave_leftovers(dir.path());
    let mut b = roreg_in_pty(&file, "bob");
    b.wait_for("READ-ONLY", Duration::from_secs(5));
    let mut expected: Vec<&str> = LEFTOVERS.iter().chain([&NOT_OURS]).copied().collect();
    expected.sort();
    assert_eq!(leftovers(dir.path()), expected);
    quit(&mut b);
    quit(&mut a);
}

#[test]
fn taking_over_removes_what_a_killed_editor_left() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(FILE);
    std::fs::copy(common::example(), &file).unwrap();
    let mut a = roreg_in_pty(&file, "alice");
    let mut b = roreg_in_pty(&file, "bob");
    b.wait_for("READ-ONLY", Duration::from_secs(5));
    // The editor is killed in the middle of a save.
    leave_leftovers(dir.path());
    let pid = a.pid().unwrap().to_string();
    let killed = Command::new("kill").args(["-KILL", &pid]).status().unwrap();
    assert!(killed.success());
    a.wait_exit(Duration::from_secs(5));
    b.wait_for("the editor has left: T takes over", Duration::from_secs(5));
    b.send_str("T");
    b.wait_for("you are the editor now", Duration::from_secs(5));
    assert_eq!(
        leftovers(dir.path()),
        [NOT_OURS],
        "the new editor clears the temporaries, as one that starts does"
    );
    quit(&mut b);
}
