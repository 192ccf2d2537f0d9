//! `keys.ron` on a real terminal: the real binary in a pseudo-terminal,
//! started with a config folder of the test's own.

mod common;
#[path = "common/pty.rs"]
mod pty;

use std::time::Duration;

use pty::Pty;

const T: Duration = Duration::from_secs(10);

/// The interface on a copy of the example with `keys_ron` as the user's keys.
fn interface(keys_ron: &str) -> (Pty, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("register.ron");
    std::fs::copy(common::example(), &file).unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir(&config).unwrap();
    std::fs::write(config.join("keys.ron"), keys_ron).unwrap();
    let args = [
        file.to_str().unwrap(),
        "--today",
        "2026-11-21",
        "--as",
        "qlead",
    ];
    let env = [
        ("ROREG_CONFIG_DIR", config.to_str().unwrap()),
        ("USER", "keys-tester"),
        ("LOGNAME", "keys-tester"),
        ("TERM", "xterm-256color"),
    ];
    let child = Pty::spawn(env!("CARGO_BIN_EXE_roreg"), &args, &env, 120, 30);
    (child, dir)
}

fn quit(mut child: Pty) {
    child.send_str("q");
    let status = child.wait_exit(T);
    assert!(status.success(), "{}", child.screen());
}

#[test]
fn a_key_rebound_in_keys_ron_works_and_the_footer_says_so() {
    let (mut child, _dir) = interface(r#"{ "register": { "Sort": ["o"] } }"#);
    child.wait_for("by score", T);
    child.wait_until("the footer names o", T, |s| s.contains(" o sort "));
    child.send_str("s");
    child.send_str("o");
    child.wait_for("sorted by id", T);
    assert!(child.screen().contains("by id"), "{}", child.screen());
    quit(child);
}

#[test]
fn a_bad_entry_is_named_at_start_and_the_rest_applies() {
    let (child, _dir) =
        interface("{\n  \"register\": {\n    \"Srot\": [\"o\"],\n    \"New\": [\"N\"],\n  },\n}\n");
    child.wait_for("ignored keys.ron:3:5: register.Srot: not an intent", T);
    child.wait_until("the footer names N", T, |s| s.contains(" N new "));
    quit(child);
}
