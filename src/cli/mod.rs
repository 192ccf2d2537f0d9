//! The command line: what each subcommand prints and which exit code it gives.

pub mod acting_as;
pub mod agenda;
pub mod check;
pub mod config;
pub mod due;
pub mod export;
pub mod git;
pub mod git_setup;
pub mod import;
pub mod list;
pub mod log;
pub mod merge_driver;
pub mod new;
pub mod output;
pub mod paths;
pub mod report;
pub mod resolve;
pub mod rollup;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::domain::{Date, ItemStatus, Kind, SortKey};

use output::{Console, WriteError};

#[derive(Debug, Parser)]
#[command(
    name = "roreg",
    version,
    about = "A keyboard-driven register of risks and opportunities (ISO 9001 6.1)",
    after_help = "The register is FILE, else $ROREG_FILE, else register.ron in your data folder.\n\n\
                  Exit status: 0 done; 1 problems found (check, log); 2 the register cannot be \
                  read or the output cannot be written; 141 the reader of the output stopped \
                  (e.g. `roreg list | head`).",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// The register file to open.
    pub file: Option<PathBuf>,

    /// No colours, whatever the terminal (NO_COLOR=1 does the same).
    #[arg(long, global = true)]
    pub no_color: bool,

    /// Colours: default, monochrome or high-contrast (for projectors).
    /// Wins over $ROREG_THEME and theme.ron's preset; NO_COLOR wins over it.
    #[arg(long, global = true, value_name = "NAME",
          value_parser = clap::builder::PossibleValuesParser::new(crate::theme::Theme::PRESETS))]
    pub theme: Option<String>,

    /// Take this date as today (YYYY-MM-DD), for reproducible output.
    #[arg(long, global = true, value_parser = parse_date, value_name = "DATE", env = "ROREG_TODAY")]
    pub today: Option<Date>,

    /// Open without changing anything, e.g. to watch or audit.
    #[arg(long)]
    pub read_only: bool,

    /// Record changes as this people id instead of the person your login
    /// names; refused (exit 2) when it is not a people id.
    #[arg(long = "as", global = true, value_name = "ID")]
    pub acting_as: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a register; print every problem; exit 0 valid, 1 problems, 2 unreadable.
    /// An overdue management review is a warning, judged on --today.
    Check {
        file: Option<PathBuf>,
        /// Count warnings as problems (exit 1).
        #[arg(long)]
        strict: bool,
        /// A head hash noted earlier (64 hex digits, or the first 12 or more):
        /// exit 1 unless the history still holds it, unchanged up to it.
        #[arg(long, value_name = "HASH", value_parser = check::parse_head)]
        head: Option<crate::domain::witness::Head>,
    },
    /// Write a new, empty register (never overwrites).
    New {
        file: Option<PathBuf>,
        /// The organisation whose register this is.
        #[arg(long, value_name = "NAME")]
        organisation: String,
    },
    /// Print the register as a plain aligned table.
    List(ListArgs),
    /// Read a spreadsheet register (.xlsx, .ods, .csv) into a register: a
    /// dry run unless --apply; exit 0 clean, 1 problems, 2 unreadable.
    Import(import::ImportArgs),
    /// What falls due (reviews, actions, effectiveness checks, the management
    /// review), for cron to mail or a calendar to show: exit 0 nothing due,
    /// 1 something due or overdue, 2 unreadable.
    Due(due::DueArgs),
    /// Print the agenda the next meeting of a kind would start with, each
    /// item with why it is on it, to send ahead.
    Agenda(agenda::AgendaArgs),
    /// Open the register read-only: follow the editor's changes, change nothing.
    View { file: Option<PathBuf> },
    /// Print the change history (of one item, action or meeting with ID).
    Log {
        file: Option<PathBuf>,
        /// An item, action, meeting or person id, e.g. R-001: its records,
        /// its actions' and the meeting records about it.
        id: Option<String>,
        /// Print values whole instead of cut to about 100 characters.
        #[arg(long)]
        full: bool,
    },
    /// Write the evidence pack for an auditor: participation figures, meetings,
    /// the register, heat maps, actions, overdue lists and ISO 9001 clause pointers.
    Report(report::ReportArgs),
    /// One report across several registers (sites, processes, subsidiaries):
    /// figures side by side, most behind first, combined heat maps, every
    /// High and Critical item, evidence links; exit 1 when one did not load.
    Rollup(rollup::RollupArgs),
    /// Write the register to a spreadsheet: an Excel workbook or one CSV file
    /// per sheet (Items, Actions, Reviews, Meetings, Attendance, People);
    /// --template writes the empty workbook to start one by hand.
    Export(export::ExportArgs),
    /// git's merge driver for a register (set up by `git-setup`): merges by
    /// id, keeps both histories; exit 0 clean, 1 conflicts.
    MergeDriver(merge_driver::DriverArgs),
    /// Keep one side of each conflict a merge left in FILE, recorded in the history.
    Resolve(resolve::ResolveArgs),
    /// Make git merge the register with roreg: git config and .gitattributes.
    GitSetup(git_setup::GitSetupArgs),
    /// Your config files (theme.ron, keys.ron) in $ROREG_CONFIG_DIR, else
    /// $XDG_CONFIG_HOME/roreg, else ~/.config/roreg.
    Config {
        #[command(subcommand)]
        command: config::ConfigCommand,
    },
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    pub file: Option<PathBuf>,
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// Band name from the file's scales, e.g. High.
    #[arg(long)]
    pub band: Option<String>,
    #[arg(long, value_enum)]
    pub status: Option<StatusArg>,
    /// A people id.
    #[arg(long)]
    pub owner: Option<String>,
    /// Only items whose review or an action is overdue.
    #[arg(long)]
    pub overdue: bool,
    #[arg(long, value_enum, default_value_t = SortArg::Score)]
    pub sort: SortArg,
    /// Reverse the sort.
    #[arg(long)]
    pub reverse: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum KindArg {
    Risk,
    Opportunity,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum StatusArg {
    Identified,
    Assessed,
    Treating,
    Monitoring,
    Closed,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum SortArg {
    /// Highest score first.
    Score,
    Id,
    /// Soonest review first.
    Review,
}

impl From<KindArg> for Kind {
    fn from(k: KindArg) -> Kind {
        match k {
            KindArg::Risk => Kind::Risk,
            KindArg::Opportunity => Kind::Opportunity,
        }
    }
}

impl From<StatusArg> for ItemStatus {
    fn from(s: StatusArg) -> ItemStatus {
        match s {
            StatusArg::Identified => ItemStatus::Identified,
            StatusArg::Assessed => ItemStatus::Assessed,
            StatusArg::Treating => ItemStatus::Treating,
            StatusArg::Monitoring => ItemStatus::Monitoring,
            StatusArg::Closed => ItemStatus::Closed,
        }
    }
}

impl From<SortArg> for SortKey {
    fn from(s: SortArg) -> SortKey {
        match s {
            SortArg::Score => SortKey::Score,
            SortArg::Id => SortKey::Id,
            SortArg::Review => SortKey::Review,
        }
    }
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text)
}

/// Loads the register for a subcommand, or says why not: `None` means the
/// command ends with [`exit::UNREADABLE`].
pub(crate) fn load(
    path: &std::path::Path,
    console: &mut Console,
) -> Result<Option<crate::storage::Loaded>, WriteError> {
    match crate::storage::load(path) {
        Ok(loaded) => Ok(Some(loaded)),
        Err(e) => {
            // One line each: a merge's conflicts are listed one per line.
            for line in e.to_string().lines() {
                console.note(line)?;
            }
            Ok(None)
        }
    }
}

/// Says on stderr that the register has validation problems, what that
/// means for this command's output, and which command lists them.
pub(crate) fn warn_of_problems(
    command: &str,
    path: &std::path::Path,
    register: &crate::domain::Register,
    meaning: &str,
    console: &mut Console,
) -> Result<(), WriteError> {
    let problems = crate::domain::validate(register).len();
    if problems == 0 {
        return Ok(());
    }
    console.note(&format!(
        "{command}: warning: {} has {}; {meaning}; `roreg check {}` lists them",
        path.display(),
        crate::text::plural(problems, "problem", "problems"),
        path.display()
    ))
}

/// Exit codes: decided here, in [`run`], and by the subcommands' own results.
pub mod exit {
    pub const OK: u8 = 0;
    /// Validation problems (or, for `log`, a broken history).
    pub const PROBLEMS: u8 = 1;
    /// The register cannot be read, or the output cannot be written.
    pub const UNREADABLE: u8 = 2;
    /// Whoever read our output stopped (`roreg list | head -1`): 128 + SIGPIPE,
    /// what a shell reports for a program the closed pipe ended.
    pub const CLOSED_PIPE: u8 = 141;
}

/// Why a command stopped before reaching its own outcome; each is reported in
/// one place, [`run`].
#[derive(Debug)]
pub enum Stop {
    /// stdout, stderr or an `--out` file could not be written.
    Write(WriteError),
    /// No register path: no home folder, or the data folder cannot be made.
    NoRegisterPath(String),
    /// The full-screen interface was asked for without a terminal.
    NoTerminal(&'static str),
    /// The interface itself failed; color-eyre explains it.
    Interface(color_eyre::Report),
    /// `--as` names nobody in the register's people.
    NotAPerson(crate::domain::identity::NotAPerson),
    /// `--theme` or `ROREG_THEME` names no theme.
    UnknownTheme(crate::config::theme::UnknownPreset),
}

impl From<WriteError> for Stop {
    fn from(e: WriteError) -> Stop {
        Stop::Write(e)
    }
}

/// Whether output may carry colour: a terminal, no NO_COLOR, no --no-color.
pub fn colour_wanted(no_color_flag: bool, is_terminal: bool) -> bool {
    let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    is_terminal && !no_color_flag && !no_color_env
}

/// Which of stdin and stdout is not a terminal, if any.
fn missing_terminal(stdin: bool, stdout: bool) -> Option<&'static str> {
    match (stdin, stdout) {
        (true, true) => None,
        (false, true) => Some("stdin is not one"),
        (true, false) => Some("stdout is not one"),
        (false, false) => Some("neither stdin nor stdout is one"),
    }
}

/// The operating-system login of whoever runs roreg (`$USER`, else
/// `$LOGNAME`), which `people[].login` names.
pub(crate) fn login_name() -> Option<String> {
    std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .ok()
        .filter(|l| !l.trim().is_empty())
}

fn open_tui(path: PathBuf, cli: &Cli, today: Option<Date>, read_only: bool) -> Result<u8, Stop> {
    // Without this, `ssh host roreg` (no -t) or `roreg FILE >out` fails deep
    // in the terminal setup with a backtrace.
    if let Some(which) = missing_terminal(
        std::io::stdin().is_terminal(),
        std::io::stdout().is_terminal(),
    ) {
        return Err(Stop::NoTerminal(which));
    }
    let (theme, mut ignored) =
        config::active_theme(cli.theme.as_deref(), colour_wanted(cli.no_color, true))?;
    let (keys, keys_ignored) = config::active_keys();
    ignored.extend(keys_ignored);
    let login = login_name();
    let options = crate::tui::run::Options {
        theme,
        keys,
        startup_warnings: crate::config::startup_warning(&ignored)
            .into_iter()
            .collect(),
        today,
        login,
        acting_as: cli.acting_as.clone(),
        read_only,
    };
    use crate::tui::run::Ended;
    match crate::tui::run::run(&path, options).map_err(Stop::Interface)? {
        Ended::Quit => Ok(exit::OK),
        Ended::NotOpened => Ok(exit::UNREADABLE),
        // As shells report a program a signal ended: 128 + its number.
        Ended::Signal(signal) => Ok(128 + signal),
    }
}

/// Parses the command line and runs it. clap's own output (help, version,
/// usage errors) is checked like ours: `roreg --help >/dev/full` is no success.
pub fn run_from_args() -> color_eyre::Result<ExitCode> {
    match Cli::try_parse() {
        Ok(cli) => run(cli),
        Err(usage) => {
            let code = match usage.print() {
                Ok(()) => u8::try_from(usage.exit_code()).unwrap_or(exit::UNREADABLE),
                Err(source) => {
                    let failed = WriteError {
                        destination: if usage.use_stderr() {
                            output::Destination::Stderr
                        } else {
                            output::Destination::Stdout
                        },
                        source,
                    };
                    report_stop(&mut Console::default(), Stop::Write(failed))?
                }
            };
            Ok(ExitCode::from(code))
        }
    }
}

/// Runs the parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> color_eyre::Result<ExitCode> {
    let mut console = Console::default();
    let code = match dispatch(cli, &mut console).and_then(|code| {
        console.flush()?;
        Ok(code)
    }) {
        Ok(code) => code,
        Err(stop) => report_stop(&mut console, stop)?,
    };
    Ok(ExitCode::from(code))
}

/// The one place a stopped command is explained and given its exit code.
fn report_stop(console: &mut Console, stop: Stop) -> color_eyre::Result<u8> {
    let message = match stop {
        Stop::Write(e) if e.is_closed_pipe() => return Ok(exit::CLOSED_PIPE),
        Stop::Write(e) => e.to_string(),
        Stop::NoRegisterPath(why) => why,
        Stop::UnknownTheme(unknown) => unknown.to_string(),
        Stop::NoTerminal(which) => format!(
            "the interface needs a terminal ({which}); over ssh use `ssh -t`; \
             for scripts use `roreg list`, `check`, `log` or `report`"
        ),
        // A real failure of the interface keeps color-eyre's full report.
        Stop::Interface(report) => return Err(report),
        Stop::NotAPerson(not) => {
            let _ = console.last_note(&acting_as::refusal(&not));
            return Ok(exit::UNREADABLE);
        }
    };
    // If stderr is what failed, this fails too, and the exit code is all
    // that is left to say it.
    let _ = console.last_note(&format!("roreg: {message}"));
    Ok(exit::UNREADABLE)
}

fn dispatch(cli: Cli, console: &mut Console) -> Result<u8, Stop> {
    let today = cli
        .today
        .unwrap_or_else(|| Date(chrono::Local::now().date_naive()));
    acting_as::check(&cli, console)?;
    let code = match cli.command {
        Some(Command::Check { file, strict, head }) => check::run(
            &paths::register_path(file, console)?,
            strict,
            head.as_ref(),
            today,
            console,
        )?,
        Some(Command::New { file, organisation }) => new::run(
            &paths::register_path(file, console)?,
            &organisation,
            console,
        )?,
        Some(Command::List(args)) => {
            let path = paths::register_path(args.file.clone(), console)?;
            let colour = colour_wanted(cli.no_color, std::io::stdout().is_terminal());
            let (theme, ignored) = config::active_theme(cli.theme.as_deref(), colour)?;
            if let Some(warning) = crate::config::startup_warning(&ignored) {
                console.note(&format!("roreg: {warning}"))?;
            }
            list::run(&path, &args, today, colour.then_some(&theme), console)?
        }
        Some(Command::Import(args)) if args.template.is_some() => {
            export::template_command(args.template.as_deref().expect("guarded"), console)?
        }
        Some(Command::Import(args)) => {
            let into = paths::register_path(args.into.clone(), console)?;
            let now = crate::domain::Timestamp::to_the_second(chrono::Utc::now());
            import::run(&into, &args, cli.acting_as.as_deref(), now, console)?
        }
        Some(Command::Due(args)) => {
            let path = paths::register_path(args.file.clone(), console)?;
            due::run(&path, &args, today, cli.today, console)?
        }
        Some(Command::Agenda(args)) => {
            let path = paths::register_path(args.file.clone(), console)?;
            agenda::run(&path, &args, today, console)?
        }
        Some(Command::Report(args)) => {
            let path = paths::register_path(args.file.clone(), console)?;
            report::run(&path, &args, today, console)?
        }
        Some(Command::Rollup(args)) => rollup::run(&args, today, console)?,
        Some(Command::Export(args)) => {
            // The template reads no register, so needs no register path.
            let path = match &args.template {
                Some(_) => PathBuf::new(),
                None => paths::register_path(args.file.clone(), console)?,
            };
            export::run(&path, &args, console)?
        }
        Some(Command::Log { file, id, full }) => log::run(
            &paths::register_path(file, console)?,
            id.as_deref(),
            full,
            console,
        )?,
        Some(Command::MergeDriver(args)) => {
            merge_driver::run(&args, cli.acting_as.as_deref(), console)?
        }
        Some(Command::Resolve(args)) => {
            let path = paths::register_path(args.file.clone(), console)?;
            resolve::run(&path, &args, cli.acting_as.as_deref(), console)?
        }
        Some(Command::GitSetup(args)) => git_setup::run(&args, console)?,
        Some(Command::Config { command }) => config::run(&command, console)?,
        Some(Command::View { ref file }) => open_tui(
            paths::register_path(file.clone(), console)?,
            &cli,
            cli.today,
            true,
        )?,
        None => open_tui(
            paths::register_path(cli.file.clone(), console)?,
            &cli,
            cli.today,
            cli.read_only,
        )?,
    };
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_no_terminal_message_names_what_is_missing() {
        assert_eq!(missing_terminal(true, true), None);
        assert_eq!(missing_terminal(false, true), Some("stdin is not one"));
        assert_eq!(missing_terminal(true, false), Some("stdout is not one"));
        assert_eq!(
            missing_terminal(false, false),
            Some("neither stdin nor stdout is one")
        );
    }
}
