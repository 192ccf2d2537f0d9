//! A small harness that runs a program in a pseudo-terminal, for end-to-end
//! tests of the TUI.
//!
//! The child's output is fed into a [`vt100::Parser`] by a background thread,
//! so tests can look at the visible screen ([`Pty::screen`]) and wait for
//! text to appear ([`Pty::wait_for`]). Every byte the child wrote is kept as
//! well ([`Pty::raw_output`]).
//!
//! Terminal queries that programs may block on are answered the way a real
//! terminal would: a cursor position request (`ESC[6n`) gets
//! `ESC[{row};{col}R` with the emulated cursor position (1-based), a status
//! request (`ESC[5n`) gets `ESC[0n` and a primary device attributes request
//! (`ESC[c`) gets a VT220-like reply.
//!
//! All methods panic with a message that includes the current screen when
//! something fails or times out: they are meant for tests.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How often the `wait_*` methods look at the screen or the child.
const POLL: Duration = Duration::from_millis(10);

/// How long [`Pty::wait_exit`] waits, at most, for the output of a child that
/// has exited to be read to the end (a grandchild may keep the pty open).
const DRAIN: Duration = Duration::from_secs(2);

type Writer = Arc<Mutex<Box<dyn Write + Send>>>;

/// A program running in a pseudo-terminal, with an emulated screen.
pub struct Pty {
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    writer: Writer,
    shared: Arc<Mutex<Shared>>,
    exit: Option<ExitStatus>,
    program: String,
}

/// What the reader thread fills in.
struct Shared {
    parser: vt100::Parser<Responder>,
    raw: Vec<u8>,
    /// The reader reached the end of the output (or failed).
    eof: bool,
}

/// Collects the replies to terminal queries while the parser runs, so that
/// each reply reflects the screen state at the point of the query.
#[derive(Default)]
struct Responder {
    replies: Vec<u8>,
}

impl vt100::Callbacks for Responder {
    fn unhandled_csi(
        &mut self,
        screen: &mut vt100::Screen,
        i1: Option<u8>,
        _i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        let first = params.first().and_then(|p| p.first()).copied().unwrap_or(0);
        match (i1, c, first) {
            // Cursor position report.
            (None, 'n', 6) => {
                let (row, col) = screen.cursor_position();
                let reply = format!("\x1b[{};{}R", row + 1, col + 1);
                self.replies.extend_from_slice(reply.as_bytes());
            }
            // Device status report: "OK".
            (None, 'n', 5) => self.replies.extend_from_slice(b"\x1b[0n"),
            // Primary device attributes: a VT220 with no extras.
            (None, 'c', 0) => self.replies.extend_from_slice(b"\x1b[?62c"),
            _ => {}
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere must not hide the screen from the failure message.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn nonzero(n: u16, what: &str) -> NonZeroU16 {
    NonZeroU16::new(n).unwrap_or_else(|| panic!("pty {what} must not be 0"))
}

fn pty_size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Pty {
    /// Spawns `program` with `args` in a pty of `cols`×`rows`.
    ///
    /// The child inherits this process's environment plus `TERM=xterm-256color`
    /// and the `env` pairs, and runs in this process's current directory (as
    /// `std::process::Command` would; portable-pty alone would use `$HOME`).
    pub fn spawn(program: &str, args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Pty {
        Pty::spawn_in(program, args, env, None, cols, rows)
    }

    /// Like [`Pty::spawn`], in the directory `cwd` if given.
    pub fn spawn_in(
        program: &str,
        args: &[&str],
        env: &[(&str, &str)],
        cwd: Option<&Path>,
        cols: u16,
        rows: u16,
    ) -> Pty {
        let parser = vt100::Parser::new_with_callbacks(
            nonzero(rows, "rows"),
            nonzero(cols, "cols"),
            0,
            Responder::default(),
        );
        let pair = native_pty_system()
            .openpty(pty_size(cols, rows))
            .unwrap_or_else(|e| panic!("cannot open a pty for {program}: {e:#}"));

        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        for (key, value) in env {
            cmd.env(key, value);
        }
        match cwd {
            Some(dir) => cmd.cwd(dir),
            None => {
                let dir = std::env::current_dir().expect("current directory");
                cmd.cwd(dir);
            }
        }

        let child = pair
            .slave
            .spawn_command(cmd)
            .unwrap_or_else(|e| panic!("cannot spawn {program} {args:?} in a pty: {e:#}"));
        // Only the child may hold the slave side, or reading never ends.
        drop(pair.slave);

        let master = pair.master;
        let reader = master.try_clone_reader().expect("pty reader");
        let writer: Writer = Arc::new(Mutex::new(master.take_writer().expect("pty writer")));
        let shared = Arc::new(Mutex::new(Shared {
            parser,
            raw: Vec::new(),
            eof: false,
        }));

        {
            let shared = Arc::clone(&shared);
            let writer = Arc::clone(&writer);
            thread::Builder::new()
                .name(format!("pty reader: {program}"))
                .spawn(move || read_loop(reader, &shared, &writer))
                .expect("spawn the pty reader thread");
        }

        Pty {
            master,
            child,
            writer,
            shared,
            exit: None,
            program: program.to_string(),
        }
    }

    /// Sends raw bytes (keys) to the child.
    pub fn send(&mut self, bytes: &[u8]) {
        let result = {
            let mut writer = lock(&self.writer);
            writer.write_all(bytes).and_then(|()| writer.flush())
        };
        if let Err(e) = result {
            self.fail(&format!(
                "cannot send {:?}: {e}",
                String::from_utf8_lossy(bytes)
            ));
        }
    }

    /// Sends a string (typed text) to the child.
    pub fn send_str(&mut self, s: &str) {
        self.send(s.as_bytes());
    }

    /// The visible screen contents, rows separated by newlines, trailing
    /// blanks trimmed.
    pub fn screen(&self) -> String {
        lock(&self.shared).parser.screen().contents()
    }

    /// The cursor position, 0-based `(row, col)`.
    pub fn cursor_position(&self) -> (u16, u16) {
        lock(&self.shared).parser.screen().cursor_position()
    }

    /// Whether the child has switched to the alternate screen.
    pub fn alternate_screen(&self) -> bool {
        lock(&self.shared).parser.screen().alternate_screen()
    }

    /// Waits until the screen contains `text`.
    pub fn wait_for(&self, text: &str, timeout: Duration) {
        self.wait_until(&format!("{text:?} on screen"), timeout, |screen| {
            screen.contains(text)
        });
    }

    /// Waits until `pred` holds for the screen contents; `what` describes the
    /// condition in the failure message.
    pub fn wait_until(&self, what: &str, timeout: Duration, pred: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + timeout;
        loop {
            let (screen, eof) = {
                let shared = lock(&self.shared);
                (shared.parser.screen().contents(), shared.eof)
            };
            if pred(&screen) {
                return;
            }
            if eof {
                self.fail(&format!(
                    "waiting for {what}: the child closed the terminal"
                ));
            }
            if Instant::now() >= deadline {
                self.fail(&format!("timed out after {timeout:?} waiting for {what}"));
            }
            thread::sleep(POLL);
        }
    }

    /// Every byte the child wrote so far.
    pub fn raw_output(&self) -> Vec<u8> {
        lock(&self.shared).raw.clone()
    }

    /// Resizes the pty (the child gets `SIGWINCH`) and the emulated screen.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        lock(&self.shared)
            .parser
            .set_size(nonzero(rows, "rows"), nonzero(cols, "cols"));
        if let Err(e) = self.master.resize(pty_size(cols, rows)) {
            self.fail(&format!("cannot resize to {cols}x{rows}: {e:#}"));
        }
    }

    /// Waits for the child to exit, then for its remaining output to be read.
    pub fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        let deadline = Instant::now() + timeout;
        let status = loop {
            if let Some(status) = &self.exit {
                break status.clone();
            }
            match self.child.try_wait() {
                Ok(Some(status)) => {
                    self.exit = Some(status.clone());
                    break status;
                }
                Ok(None) => {}
                Err(e) => self.fail(&format!("cannot wait for the child: {e}")),
            }
            if Instant::now() >= deadline {
                self.fail(&format!(
                    "timed out after {timeout:?} waiting for the child to exit"
                ));
            }
            thread::sleep(POLL);
        };
        let drain_deadline = Instant::now() + DRAIN;
        while !lock(&self.shared).eof && Instant::now() < drain_deadline {
            thread::sleep(POLL);
        }
        status
    }

    /// Kills the child (if it is still running) and reaps it.
    pub fn kill(&mut self) {
        if self.exit.is_some() {
            return;
        }
        if let Ok(Some(status)) = self.child.try_wait() {
            self.exit = Some(status);
            return;
        }
        let _ = self.child.kill();
        if let Ok(status) = self.child.wait() {
            self.exit = Some(status);
        }
    }

    /// The child's process id.
    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Panics with `message`, the program and the current screen.
    fn fail(&self, message: &str) -> ! {
        let (screen, alternate) = {
            let shared = lock(&self.shared);
            (
                shared.parser.screen().contents(),
                shared.parser.screen().alternate_screen(),
            )
        };
        let which = if alternate { "alternate" } else { "main" };
        panic!(
            "pty ({}): {message}\n--- screen ({which}) ---\n{screen}\n--- end of screen ---",
            self.program
        );
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Feeds everything the child writes into `shared`, answering terminal
/// queries through `writer`, until the output ends.
fn read_loop(
    mut reader: Box<dyn Read + Send>,
    shared: &Mutex<Shared>,
    writer: &Mutex<Box<dyn Write + Send>>,
) {
    let mut buf = [0u8; 8192];
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        };
        let replies = {
            let mut shared = lock(shared);
            shared.raw.extend_from_slice(&buf[..n]);
            shared.parser.process(&buf[..n]);
            std::mem::take(&mut shared.parser.callbacks_mut().replies)
        };
        if !replies.is_empty() {
            let mut writer = lock(writer);
            // The child may be gone already; nothing to do about it then.
            let _ = writer.write_all(&replies).and_then(|()| writer.flush());
        }
    }
    lock(shared).eof = true;
}

/// The last line of a screen: roreg's status line.
pub fn bottom_line(screen: &str) -> &str {
    screen.lines().last().unwrap_or("")
}

/// The status line says the last save finished: `saved HH:MM:SS` at its end.
pub fn save_done(screen: &str) -> bool {
    let line = bottom_line(screen).trim_end();
    let Some(at) = line.rfind("saved ") else {
        return false;
    };
    let time = &line[at + "saved ".len()..];
    time.len() == 8
        && time.bytes().enumerate().all(|(i, b)| {
            if i == 2 || i == 5 {
                b == b':'
            } else {
                b.is_ascii_digit()
            }
        })
}

impl Pty {
    /// Waits until the status line shows `message` and its save has finished.
    pub fn wait_saved(&self, message: &str, timeout: Duration) {
        self.wait_until(
            &format!("{message:?} on the status line, saved"),
            timeout,
            |screen| bottom_line(screen).contains(message) && save_done(screen),
        );
    }
}
