//! The run loop: the only place the interface touches the terminal, the
//! clock and the disk. Saves run on their own thread so typing never waits.

use std::io::{self, Stdout};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

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
use crate::storage::{self, Fingerprint};

use super::app::{App, Cmd, SaveJob};
use super::theme::Theme;
use super::update::{Msg, update};
use super::view;

pub struct Options {
    pub monochrome: bool,
    /// A fixed "today", for demonstrations and tests.
    pub today: Option<Date>,
    /// The login name, to find the user among the register's people.
    pub user: Option<String>,
}

/// Opens the register in the full-screen interface; returns the exit code.
pub fn run(path: &Path, options: Options) -> color_eyre::Result<u8> {
    let loaded = match storage::load(path) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("{e}");
            return Ok(crate::cli::exit::UNREADABLE);
        }
    };
    let today = options.today.unwrap_or_else(local_today);
    let mut app = App::new(
        loaded.register,
        path.to_path_buf(),
        today,
        now(),
        options.user,
    );
    app.loaded_from_disk(loaded.fingerprint, loaded.has_comments);
    let theme = if options.monochrome {
        Theme::monochrome()
    } else {
        Theme::colour()
    };

    // Which signal asked roreg to stop (0: none yet).
    let stop = Arc::new(AtomicUsize::new(0));
    for signal in [SIGTERM, SIGHUP] {
        signal_hook::flag::register_usize(signal, Arc::clone(&stop), signal as usize)?;
    }
    let (wake, events) = mpsc::channel();
    let jobs = start_saver(path.to_path_buf(), wake.clone());
    let mut terminal = match enter() {
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
        &jobs,
        &events,
    );
    leave();
    outcome?;
    // Stopped by a signal: say so in the exit code, as shells do (128 + signal).
    Ok(match stop.load(Ordering::Relaxed) {
        0 => crate::cli::exit::OK,
        signal => 128 + signal as u8,
    })
}

fn local_today() -> Date {
    Date(chrono::Local::now().date_naive())
}

fn now() -> Timestamp {
    // Whole seconds: the file keeps instants to the second.
    let t = chrono::Utc::now();
    Timestamp(chrono::DateTime::from_timestamp(t.timestamp(), 0).unwrap_or(t))
}

/// What wakes the loop: terminal input, or the end of a save.
enum Wake {
    Input(Event),
    InputClosed,
    Saved(Result<Fingerprint, String>),
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
    jobs: &Sender<SaveJob>,
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
                execute(cmd, jobs);
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
            Ok(Wake::Saved(result)) => msgs.push(Msg::Saved(result)),
            Err(_) => {}
        }
        app.now = now();
        let today = fixed_today.unwrap_or_else(local_today);
        if today != app.today {
            app.today = today;
            app.refresh();
            redraw = true;
        }
        for msg in msgs {
            let cmd = update(app, msg);
            execute(cmd, jobs);
        }
    }
}

fn execute(cmd: Cmd, jobs: &Sender<SaveJob>) {
    match cmd {
        Cmd::None => {}
        Cmd::Save(job) => {
            // The saver lives as long as the loop; a send cannot fail before it ends.
            let _ = jobs.send(*job);
        }
    }
}

fn start_saver(path: PathBuf, wake: Sender<Wake>) -> Sender<SaveJob> {
    let (job_tx, job_rx) = mpsc::channel::<SaveJob>();
    std::thread::spawn(move || {
        for job in job_rx {
            let result =
                storage::save(&path, &job.register, Some(job.expected)).map_err(|e| e.to_string());
            if wake.send(Wake::Saved(result)).is_err() {
                break;
            }
        }
    });
    job_tx
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
