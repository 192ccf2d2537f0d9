//! Files that are not registers at all: a FIFO, a device, a huge file, a
//! huge line of garbage. Each is refused at once with a short message that
//! names the file and says what a register is, exit 2; none is read whole.

mod common;

use std::process::{Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Runs `roreg ARGS`, failing the test (instead of hanging it) if roreg
/// has not ended within `limit`.
fn roreg_within(limit: Duration, args: &[&std::ffi::OsStr]) -> Output {
    let child = common::roreg()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let (done, finished) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(child.wait_with_output());
    });
    match finished.recv_timeout(limit) {
        Ok(output) => output.unwrap(),
        Err(_) => {
            let _ = std::process::Command::new("kill")
                .args(["-9", &pid.to_string()])
                .status();
            panic!("roreg {args:?} still runs after {limit:?}: it blocks on the file");
        }
    }
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_fifo_is_refused_without_waiting_for_a_writer() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("f.ron");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo (coreutils) runs");
    assert!(made.success());
    for command in [
        &["check"][..],
        &["list"],
        &["log"],
        &["report", "--format", "md"],
    ] {
        let mut args: Vec<&std::ffi::OsStr> = command.iter().map(|a| a.as_ref()).collect();
        args.push(fifo.as_os_str());
        let output = roreg_within(Duration::from_secs(20), &args);
        assert_eq!(output.status.code(), Some(2), "{command:?}: {output:?}");
        let message = stderr(&output);
        assert!(
            message.contains("f.ron: is a named pipe (FIFO), not a register file"),
            "{command:?}: {message}"
        );
    }
}

#[test]
fn a_device_is_refused_before_reading_it() {
    // /dev/zero never ends: reading it would fill the memory.
    let output = roreg_within(
        Duration::from_secs(20),
        &["check".as_ref(), "/dev/zero".as_ref()],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("/dev/zero: is a device, not a register file"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    // Sparse: 1.5 GiB long, no disk used.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(3 << 29).unwrap();
    let output = roreg_within(
        Duration::from_secs(20),
        &["check".as_ref(), path.as_os_str()],
    );
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("huge.ron: is 1.5 GiB, larger than the 1.0 GiB a register may be"),
        "{message}"
    );
}

#[test]
fn a_huge_line_of_garbage_gives_a_short_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("garbage.ron");
    let garbage = format!(
        "(format: 1, organisation: \"A\", items: [(kind: {})])",
        "Q".repeat(16 << 20)
    );
    std::fs::write(&path, garbage).unwrap();
    let output = roreg_within(
        Duration::from_secs(60),
        &["check".as_ref(), path.as_os_str()],
    );
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.len() < 1_000, "{} bytes of message", message.len());
    assert!(
        message.contains("garbage.ron:1:") && message.contains("unknown value `QQQ"),
        "{message}"
    );
    assert!(
        message.contains("expected one of: Risk, Opportunity"),
        "{message}"
    );
}

#[test]
fn a_hash_in_the_file_that_is_short_or_not_ascii_is_reported_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(common::example()).unwrap();
    let at = text.rfind("hash: \"").expect("the example has a history") + "hash: \"".len();
    let end = at + text[at..].find('"').unwrap();
    for (name, hash) in [
        ("short.ron", "ab12"),
        ("accents.ron", "aéééééééééééééé"),
        ("empty.ron", ""),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, format!("{}{hash}{}", &text[..at], &text[end..])).unwrap();
        for args in [&["check"][..], &["log"], &["report", "--format", "md"]] {
            let mut all: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
            all.push(path.as_os_str());
            let output = roreg_within(Duration::from_secs(20), &all);
            let message = stderr(&output);
            assert!(
                !message.contains("panicked") && output.status.code().is_some_and(|c| c <= 2),
                "{name} {args:?}: {output:?}"
            );
        }
        let check = roreg_within(
            Duration::from_secs(20),
            &["check".as_ref(), path.as_os_str()],
        );
        assert_eq!(
            check.status.code(),
            Some(1),
            "{name}: the last record is named"
        );
    }
}
