//! The run loop: the only place the interface touches the terminal, the
//! clock and the disk. Saves run on their own thread so typing never waits.

use std::io::{self, Stdout, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use signal_hook::consts::{SIGHUP, SIGTERM};

use crate::domain::{Date, Timestamp};
use crate::storage::lock::{self, Attempt, Held, Holder, Lock, Restored};
use crate::storage::watch::{self, Stamp};
use crate::storage::{self, Fingerprint};

use super::app::{App, Cmd, OnDisk, SaveJob};
use super::update::{Msg, update};
use super::view;
use crate::theme::Theme;

use super::keymap::Keymap;

pub struct Options {
    pub theme: Theme,
    /// The keys in effect: the shipped ones with the user's keys.ron.
    pub keys: Keymap,
    /// Shown in the status line at start, e.g. what in theme.ron was ignored.
    pub startup_warnings: Vec<String>,
    /// A fixed "today", for demonstrations and tests.
    pub today: Option<Date>,
    /// The login name: names the lock's holder, and finds the person
    /// editing among the register's people (`login`, else the id).
    pub login: Option<String>,
    /// `--as ID`: the person editing, whatever the login.
    pub acting_as: Option<String>,
    /// Never change the file (`--read-only`, `roreg view`).
    pub read_only: bool,
}

/// How the interface ended; the command line turns it into an exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ended {
    /// The user quit.
    Quit,
    /// It never opened: the register could not be read, or `--as` names
    /// nobody (said on stderr).
    NotOpened,
    /// A signal stopped it (its number).
    Signal(u8),
}

/// Opens the register in the full-screen interface; says how it ended.
pub fn run(path: &Path, options: Options) -> color_eyre::Result<Ended> {
    // A large register takes seconds to read: say so on screen first,
    // rather than leave a blank terminal. A small one opens before a frame
    // could be seen, and is not read with the terminal taken.
    let size = std::fs::metadata(path).map_or(0, |m| m.len());
    let mut early = if size >= SAY_OPENING_FROM {
        Some(opening_screen(path, size)?)
    } else {
        None
    };
    let mut give_back = || {
        if early.take().is_some() {
            leave();
        }
    };
    let loaded = match storage::load(path) {
        Ok(loaded) => loaded,
        Err(e) => {
            give_back();
            // Shown inert, like every message with the file's text in it;
            // with stderr gone, the exit code is all that is left to say it.
            for line in e.to_string().lines() {
                let _ = writeln!(io::stderr(), "{}", crate::text::one_line(line));
            }
            return Ok(Ended::NotOpened);
        }
    };
    let editor = crate::domain::identity::editor(
        &loaded.register,
        options.login.as_deref(),
        options.acting_as.as_deref(),
    );
    let editor = match editor {
        Ok(editor) => editor,
        Err(not) => {
            // With the terminal given back: one line, and exit 2.
            give_back();
            let refusal = not.refusal();
            let _ = writeln!(io::stderr(), "{}", crate::text::one_line(&refusal));
            return Ok(Ended::NotOpened);
        }
    };
    let today = options.today.unwrap_or_else(local_today);
    let mut app = App::new(loaded.register, path.to_path_buf(), today, now(), editor);
    app.keys = options.keys;
    // The lock names who is at the keyboard; the history, the person.
    app.login = options
        .login
        .or_else(|| app.user.clone())
        .unwrap_or_else(|| "someone".into());
    app.loaded_from_disk(loaded.fingerprint, loaded.has_comments);
    if !options.startup_warnings.is_empty() {
        app.error(options.startup_warnings.join("; "));
    }
    let theme = options.theme;

    let mut session = Session::new(path);
    app.sharing.read_only = session.claim(&app.login, options.read_only, app.now);
    app.sharing.waiting_for_editor = session.waiting_for_lock;
    if app.sharing.read_only.is_some() {
        // A viewer does not resume the meeting: it watches it; nor is it
        // asked who it is, as it changes nothing.
        use super::app::{FormPurpose, Overlay};
        app.overlays.retain(|o| {
            !matches!(
                o,
                Overlay::ResumeMeeting | Overlay::Form(_, FormPurpose::FirstPerson(_))
            )
        });
        if crate::domain::meetings::open_meeting(&app.register).is_some() {
            super::screens::meeting::enter(&mut app);
        }
    }
    if app.protection.outside_change.is_some() {
        // Only then is the backup worth reading: it may be the state last recorded.
        let backup = storage::load(&storage::save::backup_path(&storage::save::resolve(path)));
        app.announce_outside_change(backup.ok().as_ref().map(|b| &b.register));
    }
    app.banner = super::banner::for_person(&app.register, app.user.as_deref(), app.today);
    if let Some(kind) = watch::network_file_system(path) {
        app.error(format!(
            "this register is on a network file system ({kind}): locks may not hold between machines; make sure only one person edits"
        ));
    }

    // Which signal asked roreg to stop (0: none yet).
    let stop = Arc::new(AtomicUsize::new(0));
    for signal in [SIGTERM, SIGHUP] {
        signal_hook::flag::register_usize(signal, Arc::clone(&stop), signal as usize)?;
    }
    let (wake, events) = mpsc::channel();
    session.jobs = Some(start_saver(path.to_path_buf(), wake.clone()));
    session.wake = Some(wake.clone());
    let mut terminal = match early.take().map_or_else(enter, Ok) {
        Ok(terminal) => terminal,
        Err(e) => {
            leave();
            return Err(e);
        }
    };
    // Only now: setting up the terminal reads the cursor position, which
    // the input thread would otherwise swallow.
    start_input(wake);
    let outcome = event_loop(
        &mut terminal,
        &mut app,
        &theme,
        &options.today,
        &stop,
        &mut session,
        &events,
    );
    leave();
    outcome?;
    // Stopped by a signal: say so in the exit code, as shells do (128 + signal).
    Ok(match stop.load(Ordering::Relaxed) {
        0 => Ended::Quit,
        signal => Ended::Signal(signal as u8),
    })
}

fn local_today() -> Date {
    Date(chrono::Local::now().date_naive())
}

fn now() -> Timestamp {
    Timestamp::to_the_second(chrono::Utc::now())
}

/// What wakes the loop: terminal input, or the end of a save.
enum Wake {
    Input(Event),
    InputClosed,
    Saved(Result<Fingerprint, String>, Option<Stamp>),
    /// The watcher's read of the changed file, made off this thread; `saves`
    /// is how many of our saves had ended when the read began.
    Looked {
        saves: u64,
        read: Box<Result<storage::Loaded, String>>,
    },
}

/// The file side of a running instance: the lock, the saver, the watcher.
struct Session {
    path: PathBuf,
    lock: Option<Lock>,
    /// Who we are in the lock file, while we hold the lock.
    holder: Option<Holder>,
    /// Read-only because another instance holds the lock.
    waiting_for_lock: bool,
    lock_free_told: bool,
    /// Opened read-only on purpose: who edits, as last told.
    viewing: Option<Option<String>>,
    jobs: Option<Sender<SaveJob>>,
    /// The file as last seen, to notice changes by others.
    seen: Option<Stamp>,
    last_look: Instant,
    /// Where the watcher sends what it read; a large register takes
    /// seconds to read, which no key may wait for.
    wake: Option<Sender<Wake>>,
    /// A read of the file is under way.
    reading: bool,
    /// Our saves ended so far: a read begun before one ended may hold the
    /// file from before it, and is read again instead of shown.
    saves: u64,
}

/// How often to look at the file and the lock.
const LOOK_EVERY: Duration = Duration::from_millis(500);

impl Session {
    fn new(path: &Path) -> Session {
        Session {
            path: path.to_path_buf(),
            lock: None,
            holder: None,
            waiting_for_lock: false,
            lock_free_told: false,
            viewing: None,
            jobs: None,
            seen: watch::stamp(path),
            last_look: Instant::now(),
            wake: None,
            reading: false,
            saves: 0,
        }
    }

    /// Becomes the writer if it may; otherwise returns why it is read-only.
    fn claim(&mut self, actor: &str, read_only: bool, now: Timestamp) -> Option<String> {
        if read_only {
            let editor = self.editor_now();
            let why = super::sharing::viewing(editor.as_deref());
            self.viewing = Some(editor);
            return Some(why);
        }
        if let Some(why) = storage::save::why_not_writable(&self.path) {
            return Some(why);
        }
        let me = Holder::me(actor, &now.to_string());
        match lock::try_acquire(&self.path, &me) {
            Ok(Attempt::Acquired(held)) => {
                self.lock = Some(held);
                self.holder = Some(me);
                // The one writer now: clear what a crashed save left behind.
                let _ = storage::save::remove_stale_temporaries(&self.path);
                None
            }
            Ok(Attempt::HeldBy(holder)) => {
                self.waiting_for_lock = true;
                Some(match holder {
                    Some(h) => format!("{} is editing", h.describe()),
                    None => "another roreg is editing".into(),
                })
            }
            Err(e) => {
                let lock = lock::lock_path(&self.path);
                let verb = if lock.exists() { "open" } else { "create" };
                Some(format!("cannot {verb} {} ({e})", lock.display()))
            }
        }
    }

    /// Looks, at most every half second, whether the file changed and
    /// whether a departed editor freed the lock.
    fn look(&mut self, app: &App) -> Vec<Msg> {
        if self.last_look.elapsed() < LOOK_EVERY {
            return Vec::new();
        }
        self.last_look = Instant::now();
        let mut msgs = Vec::new();
        let stamp = watch::stamp(&self.path);
        if stamp.is_some() && stamp != self.seen && !self.reading {
            self.seen = stamp;
            let read = |path: &Path| storage::load(path).map_err(|e| e.to_string());
            match self.wake.clone() {
                Some(wake) => {
                    self.reading = true;
                    let (path, saves) = (self.path.clone(), self.saves);
                    std::thread::spawn(move || {
                        let read = Box::new(read(&path));
                        let _ = wake.send(Wake::Looked { saves, read });
                    });
                }
                None => msgs.extend(self.looked(self.saves, read(&self.path))),
            }
        }
        msgs.extend(self.look_at_lock(app));
        msgs
    }

    /// What the watcher's read of the file says, once it is done.
    fn looked(&mut self, saves: u64, read: Result<storage::Loaded, String>) -> Option<Msg> {
        self.reading = false;
        if saves != self.saves {
            // Perhaps read before our own save replaced it: look again.
            self.seen = None;
            return None;
        }
        Some(match read {
            Ok(loaded) => Msg::DiskChanged(OnDisk {
                register: loaded.register,
                fingerprint: loaded.fingerprint,
            }),
            Err(e) => Msg::TakeOverFailed(format!(
                "the file changed on disk but cannot be read now ({e}); kept what is shown"
            )),
        })
    }

    /// Our own lock file still ours (put back if it was removed); for a
    /// read-only instance, whether the editor left or another came.
    fn look_at_lock(&mut self, app: &App) -> Option<Msg> {
        if let (Some(held), Some(me)) = (&mut self.lock, &self.holder) {
            let lock_path = lock::lock_path(&self.path);
            // The name only: the status line is short.
            let lock_file = lock_path
                .file_name()
                .map_or(lock_path.display().to_string(), |n| {
                    n.to_string_lossy().into_owned()
                });
            return match held.restore(&self.path, me) {
                Ok(Restored::InPlace) => None,
                Ok(Restored::Retaken) => Some(Msg::LockRestored(format!(
                    "{lock_file} was removed; put it back: you are still the only editor"
                ))),
                Ok(Restored::Lost(holder)) => {
                    let who = holder.map_or("another roreg".to_string(), |h| h.describe());
                    Some(self.give_up_lock(format!(
                        "{who} is editing: {lock_file} was replaced while you edited"
                    )))
                }
                Err(e) => Some(self.give_up_lock(format!(
                    "{lock_file} was removed and cannot be made again ({e})"
                ))),
            };
        }
        if let Some(told) = &self.viewing {
            let editor = self.editor_now();
            if editor != *told {
                self.viewing = Some(editor.clone());
                return Some(Msg::EditorIs(editor));
            }
            return None;
        }
        if self.waiting_for_lock
            && !self.lock_free_told
            && app.sharing.read_only.is_some()
            && matches!(lock::who_holds(&self.path), Ok(Held::Free))
        {
            // Only a look: taking over is the user's choice (T).
            self.lock_free_told = true;
            return Some(Msg::LockFree);
        }
        None
    }

    /// No longer the writer: read-only, waiting for the lock like any
    /// second instance; unsaved changes stay in memory.
    fn give_up_lock(&mut self, why: String) -> Msg {
        self.lock = None;
        self.holder = None;
        self.waiting_for_lock = true;
        self.lock_free_told = false;
        Msg::LockLost(why)
    }

    /// Who holds the lock now, as a viewer says it.
    fn editor_now(&self) -> Option<String> {
        match lock::who_holds(&self.path) {
            Ok(Held::By(Some(holder))) => Some(holder.describe()),
            Ok(Held::By(None)) => Some("another roreg".into()),
            Ok(Held::Free) | Err(_) => None,
        }
    }

    fn execute(&mut self, cmd: Cmd, app: &App) -> Option<Msg> {
        match cmd {
            Cmd::None => None,
            Cmd::Save(job) => {
                // The saver lives as long as the loop; a send cannot fail before it ends.
                if let Some(jobs) = &self.jobs {
                    let _ = jobs.send(*job);
                }
                None
            }
            Cmd::TakeOver => {
                let me = Holder::me(&app.login, &app.now.to_string());
                Some(match lock::try_acquire(&self.path, &me) {
                    Ok(Attempt::Acquired(held)) => match storage::load(&self.path) {
                        Ok(loaded) => {
                            self.lock = Some(held);
                            self.holder = Some(me);
                            // The one writer now: clear what the last one's crash left.
                            let _ = storage::save::remove_stale_temporaries(&self.path);
                            self.waiting_for_lock = false;
                            self.seen = watch::stamp(&self.path);
                            Msg::TookOver(OnDisk {
                                register: loaded.register,
                                fingerprint: loaded.fingerprint,
                            })
                        }
                        Err(e) => Msg::TakeOverFailed(format!("cannot take over: {e}")),
                    },
                    Ok(Attempt::HeldBy(holder)) => {
                        self.lock_free_told = false;
                        Msg::TakeOverFailed(format!(
                            "cannot take over: {} took it first",
                            holder.map_or("someone".to_string(), |h| h.describe())
                        ))
                    }
                    Err(e) => Msg::TakeOverFailed(format!("cannot take over: {e}")),
                })
            }
        }
    }
}

/// Terminal input on its own thread. crossterm can spin forever inside
/// `read` once the terminal is gone (crossterm issue 793); here that can only
/// stall this thread, never the loop that saves and exits.
fn start_input(wake: Sender<Wake>) {
    std::thread::spawn(move || {
        loop {
            let message = match event::read() {
                Ok(event) => Wake::Input(event),
                Err(_) => Wake::InputClosed,
            };
            let closed = matches!(message, Wake::InputClosed);
            if wake.send(message).is_err() || closed {
                break;
            }
        }
    });
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    theme: &Theme,
    fixed_today: &Option<Date>,
    stop: &AtomicUsize,
    session: &mut Session,
    events: &Receiver<Wake>,
) -> color_eyre::Result<()> {
    let mut stopping = false;
    let mut redraw = true;
    // A terminal that is gone counts as a hang-up.
    let hang_up = || {
        let _ = stop.compare_exchange(0, SIGHUP as usize, Ordering::Relaxed, Ordering::Relaxed);
    };
    loop {
        // Only when something changed: an idle screen costs nothing.
        if redraw
            && !stopping
            && terminal
                .draw(|frame| view::draw(frame, app, theme))
                .is_err()
        {
            hang_up();
        }
        if app.may_exit() {
            return Ok(());
        }
        if stop.load(Ordering::Relaxed) != 0 && !stopping {
            // SIGTERM or a dropped connection: write what was confirmed, then go.
            stopping = true;
            app.quitting = true;
            if app.save.dirty && !app.save.in_flight {
                let cmd = app.request_save();
                session.execute(cmd, app);
            }
        }
        if stopping && !app.save.in_flight {
            return Ok(());
        }
        let mut msgs = Vec::new();
        let woken = events.recv_timeout(Duration::from_millis(250));
        redraw = woken.is_ok();
        match woken {
            // Only presses count: repeats and releases would double keys.
            Ok(Wake::Input(Event::Key(key))) if key.kind == KeyEventKind::Press && !stopping => {
                msgs.push(Msg::Key(key))
            }
            Ok(Wake::Input(Event::Paste(text))) if !stopping => msgs.push(Msg::Paste(text)),
            Ok(Wake::Input(_)) => {}
            Ok(Wake::InputClosed) => hang_up(),
            Ok(Wake::Saved(result, stamp)) => {
                // Our own write is no news to the watcher.
                if result.is_ok() {
                    session.seen = stamp;
                }
                session.saves += 1;
                msgs.push(Msg::Saved(result));
            }
            Ok(Wake::Looked { saves, read }) => msgs.extend(session.looked(saves, *read)),
            Err(_) => {}
        }
        app.now = now();
        let today = fixed_today.unwrap_or_else(local_today);
        if today != app.today {
            app.today = today;
            app.refresh();
            redraw = true;
        }
        if !stopping {
            let seen = session.look(app);
            redraw |= !seen.is_empty();
            msgs.extend(seen);
        }
        while let Some(msg) = msgs.pop() {
            let cmd = update(app, msg);
            if let Some(follow_up) = session.execute(cmd, app) {
                msgs.push(follow_up);
            }
        }
    }
}

fn start_saver(path: PathBuf, wake: Sender<Wake>) -> Sender<SaveJob> {
    let (job_tx, job_rx) = mpsc::channel::<SaveJob>();
    std::thread::spawn(move || {
        // The saver's own copy of the register, kept up to date from each
        // job's changes: the first job brings all of it.
        let mut register = crate::domain::Register::new("");
        for job in job_rx {
            for update in job.updates {
                update.apply(&mut register);
            }
            let result =
                storage::save(&path, &register, Some(job.expected)).map_err(|e| e.to_string());
            let stamp = watch::stamp(&path);
            if wake.send(Wake::Saved(result, stamp)).is_err() {
                break;
            }
        }
    });
    job_tx
}

/// Registers from this size (about 500 items) get the opening screen.
const SAY_OPENING_FROM: u64 = 1 << 20;

/// The terminal taken, with one line saying what is being opened.
fn opening_screen(
    path: &Path,
    size: u64,
) -> color_eyre::Result<Terminal<CrosstermBackend<Stdout>>> {
    let mut terminal = match enter() {
        Ok(terminal) => terminal,
        Err(e) => {
            leave();
            return Err(e);
        }
    };
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let line = format!(
        "roreg · opening {} ({:.1} MiB) …",
        crate::text::one_line(&name),
        size as f64 / f64::from(1 << 20)
    );
    terminal.draw(|frame| {
        frame.render_widget(ratatui::widgets::Paragraph::new(line), frame.area());
    })?;
    Ok(terminal)
}

fn enter() -> color_eyre::Result<Terminal<CrosstermBackend<Stdout>>> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Restore first, so the report is readable.
        leave();
        previous(info);
    }));
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    terminal.clear()?;
    Ok(terminal)
}

/// Gives the terminal back as it was. Errors are ignored: after a dropped
/// connection there is no terminal left to restore.
fn leave() {
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
}
