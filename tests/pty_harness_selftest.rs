//! Exercises the pty harness in `tests/common/pty.rs` against `/bin/sh` and
//! `roreg --help`.

#[path = "common/pty.rs"]
mod pty;

use std::time::Duration;

use pty::Pty;

const T: Duration = Duration::from_secs(10);

fn sh(script: &str) -> Pty {
    Pty::spawn("/bin/sh", &["-c", script], &[], 80, 24)
}

#[test]
fn shell_reads_a_line_and_answers() {
    let mut p = sh(r#"printf 'ready\n'; read x; echo "got $x""#);
    assert!(p.pid().is_some());
    p.wait_for("ready", T);
    p.send_str("hello\r");
    p.wait_for("got hello", T);
    let status = p.wait_exit(T);
    assert!(status.success(), "{status:?}");
    let raw = p.raw_output();
    assert!(
        raw.windows(9).any(|w| w == b"got hello"),
        "{:?}",
        String::from_utf8_lossy(&raw)
    );
}

#[test]
fn environment_and_exit_code_pass_through() {
    let mut p = Pty::spawn(
        "/bin/sh",
        &["-c", r#"echo "term=$TERM x=$PTY_X"; exit 3"#],
        &[("PTY_X", "42")],
        80,
        24,
    );
    p.wait_for("term=xterm-256color x=42", T);
    let status = p.wait_exit(T);
    assert_eq!(status.exit_code(), 3);
}

#[test]
fn runs_in_the_current_directory_by_default() {
    let mut p = sh("pwd");
    let here = std::env::current_dir().unwrap();
    p.wait_for(here.to_str().unwrap(), T);
    p.wait_exit(T);
}

#[test]
fn spawn_in_uses_the_given_directory() {
    let mut p = Pty::spawn_in(
        "/bin/sh",
        &["-c", "pwd"],
        &[],
        Some(std::path::Path::new("/tmp")),
        80,
        24,
    );
    p.wait_until("pwd output /tmp", T, |s| {
        s.lines().any(|l| l.trim() == "/tmp")
    });
    p.wait_exit(T);
}

#[test]
fn cursor_position_requests_are_answered() {
    // Raw mode, move to row 3 col 5, ask where the cursor is, show the reply
    // (ESC shown as E) on a new line.
    let mut p = sh(
        r"stty raw -echo; printf '\033[3;5Hab\033[6n'; r=$(dd bs=1 count=6 2>/dev/null | tr '\033' E); stty sane; printf '\nreply=%s\n' $r",
    );
    p.wait_for("reply=E[3;7R", T);
    assert!(p.wait_exit(T).success());
}

#[test]
fn device_attributes_requests_are_answered() {
    let mut p = sh(
        r"stty raw -echo; printf '\033[c'; r=$(dd bs=1 count=6 2>/dev/null | tr '\033' E); stty sane; printf '\nreply=%s\n' $r",
    );
    p.wait_for("reply=E[?62c", T);
    assert!(p.wait_exit(T).success());
}

#[test]
fn resize_reaches_the_child_and_the_screen() {
    let mut p = sh("stty size; read x; stty size; read x");
    p.wait_for("24 80", T);
    p.resize(100, 30);
    p.send_str("\r");
    p.wait_for("30 100", T);
    assert!(p.screen().lines().count() <= 30);
    p.send_str("\r");
    assert!(p.wait_exit(T).success());
}

#[test]
fn alternate_screen_is_tracked_and_left() {
    let mut p = sh(r"printf '\033[?1049hinside'; read x; printf '\033[?1049l'; echo outside");
    p.wait_for("inside", T);
    assert!(p.alternate_screen());
    p.send_str("\r");
    p.wait_for("outside", T);
    p.wait_exit(T);
    assert!(!p.alternate_screen());
    let raw = p.raw_output();
    assert!(raw.windows(8).any(|w| w == b"\x1b[?1049l"));
}

#[test]
fn kill_stops_a_running_child() {
    let mut p = Pty::spawn("/bin/sleep", &["100"], &[], 80, 24);
    p.kill();
    let status = p.wait_exit(T);
    assert!(!status.success(), "{status:?}");
}

#[test]
fn drop_kills_the_child() {
    let pid = {
        let p = Pty::spawn("/bin/sleep", &["100"], &[], 80, 24);
        p.pid().unwrap()
    };
    // The child was killed and reaped: no such process any more.
    assert!(!std::path::Path::new(&format!("/proc/{pid}")).exists());
}

#[test]
#[should_panic(expected = "--- screen (main) ---\nvisible text")]
fn timeouts_show_the_screen() {
    let p = sh("printf 'visible text'; sleep 100");
    p.wait_for("visible", T);
    p.wait_for("never shown", Duration::from_millis(200));
}

#[test]
#[should_panic(expected = "the child closed the terminal")]
fn waiting_fails_fast_when_the_child_is_gone() {
    let p = sh("echo bye");
    p.wait_for("absent", Duration::from_secs(30));
}

#[test]
fn roreg_help() {
    let mut p = Pty::spawn(
        env!("CARGO_BIN_EXE_roreg"),
        &["--help"],
        &[("NO_COLOR", "1")],
        100,
        // Tall enough for the whole help (about 42 rows at 100 columns), so
        // its first line is still on screen when it ends.
        60,
    );
    p.wait_for("Usage: roreg", T);
    let status = p.wait_exit(T);
    assert!(status.success(), "{status:?}\n{}", p.screen());
    assert!(p.screen().contains("--version"), "{}", p.screen());
}
