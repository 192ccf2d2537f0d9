//! An outside write that lands while roreg saves is never lost.
//!
//! A real second process (a shell loop, as a `git pull`, an editor or a
//! script would be) writes numbered versions of the register as fast as it
//! can, in place (`cat > FILE`, what shells and some editors do) and by
//! rename (`mv`, what git and most editors do). Meanwhile this process loads
//! and saves the register over and over, as the interface's saver does after
//! each quick score. A save may only replace the version it loaded: one based
//! on an older version is a lost write. The shell checks, before each of its
//! writes, that its previous version (or a save built on it) is still there.

use std::path::Path;
use std::process::{Command, Stdio};

use roreg::domain::Register;
use roreg::storage::{self, SaveError};

mod common;

/// Versions the writer has ready; it stops sooner once told to.
const OUTSIDE_WRITES: usize = 3_000;
/// Saves of each outcome that make a run prove something: enough that went
/// through while the writer wrote, and enough that met its writes.
const ENOUGH: usize = 30;

fn outside_version(base: &Register, n: usize) -> String {
    let mut r = base.clone();
    r.organisation = format!("outside-{n}");
    storage::to_text(&r).unwrap()
}

/// The writer: version N, then a short pause (so our saves can land on top
/// of it), then the check that version N or a save built on it survived.
const WRITER: &str = r#"
n=1
while [ "$n" -le "$WRITES" ] && [ ! -e stop ]; do
    if [ $((n % 2)) -eq 0 ]; then
        cat "versions/$n.ron" > register.ron
    else
        cp "versions/$n.ron" "incoming.$n" && mv -f "incoming.$n" register.ron
    fi
    # Vary when the next write lands relative to the saves.
    case $((n % 4)) in
        0) ;;
        1) sleep 0.001 ;;
        2) sleep 0.003 ;;
        3) sleep 0.007 ;;
    esac
    grep -q "organisation: \"outside-$n\"" register.ron || echo "$n" >> lost.log
    n=$((n + 1))
done
echo $((n - 1)) > written.log
"#;

/// A few items of the example: quick to serialise, so that most of a save
/// is its file work, where the window is.
fn small_register() -> Register {
    let mut r = storage::load(&common::example()).unwrap().register;
    r.items.truncate(3);
    r.meetings.clear();
    r.history.clear();
    r
}

fn organisation_of(path: &Path) -> Option<String> {
    storage::load(path).ok().map(|l| l.register.organisation)
}

#[test]
fn an_outside_write_during_a_save_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path();
    let base = small_register();
    std::fs::create_dir(folder.join("versions")).unwrap();
    for n in 1..=OUTSIDE_WRITES {
        std::fs::write(
            folder.join(format!("versions/{n}.ron")),
            outside_version(&base, n),
        )
        .unwrap();
    }
    let path = folder.join("register.ron");
    std::fs::write(&path, outside_version(&base, 0)).unwrap();

    let mut writer = Command::new("sh")
        .arg("-c")
        .arg(WRITER)
        .current_dir(folder)
        .env("WRITES", OUTSIDE_WRITES.to_string())
        .stdin(Stdio::null())
        .spawn()
        .expect("sh runs the outside writer");

    let (mut saved, mut refused) = (0usize, 0usize);
    let mut attempt = 0usize;
    while writer.try_wait().unwrap().is_none() {
        if saved >= ENOUGH && refused >= ENOUGH {
            // Enough of both: the writer finishes its current version and stops.
            std::fs::write(folder.join("stop"), "").unwrap();
        }
        attempt += 1;
        // An in-place write can be caught half done: that is no register yet.
        let Ok(loaded) = storage::load(&path) else {
            continue;
        };
        let mut mine = loaded.register;
        mine.items[0].title = format!("Saved by roreg, attempt {attempt}");
        match storage::save(&path, &mine, Some(loaded.fingerprint)) {
            Ok(_) => saved += 1,
            Err(SaveError::ChangedOnDisk { .. }) => refused += 1,
            Err(other) => panic!("unexpected save error: {other}"),
        }
    }
    assert!(
        writer.wait().unwrap().success(),
        "the writer ran to its end"
    );
    let written: usize = std::fs::read_to_string(folder.join("written.log"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();

    let lost = std::fs::read_to_string(folder.join("lost.log")).unwrap_or_default();
    assert!(
        lost.is_empty(),
        "outside versions overwritten by a save that had not seen them: {}",
        lost.split_whitespace().collect::<Vec<_>>().join(", ")
    );
    assert_eq!(
        organisation_of(&path).as_deref(),
        Some(format!("outside-{written}").as_str()),
        "the last outside version (or a save built on it) is what is left"
    );
    // The run only proves something if both sides really interleaved.
    assert!(
        saved >= ENOUGH && refused >= ENOUGH,
        "the writer ran out of versions ({written} written) before {ENOUGH} saves went through and {ENOUGH} met its writes: {saved} saved, {refused} refused"
    );
}
