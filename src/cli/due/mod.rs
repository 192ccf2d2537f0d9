//! `roreg due`: what falls due, for cron to mail and calendars to show.
//! Text and JSON are reminders (exit 1 when anything is due, nothing
//! printed when nothing is); ics is a calendar file (exit 0 once written).

mod ics;
mod json;
mod text;

use std::path::{Path, PathBuf};

use clap::ValueEnum;

use crate::domain::due::{self, DEFAULT_WITHIN_DAYS, Due, Window};
use crate::domain::{Date, Register, Timestamp};

use super::exit;
use super::output::{Console, WriteError};

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Exit status: 0 nothing due (and nothing printed), 1 something due or overdue, 2 the register \
cannot be read or --owner names nobody. Unlike grep, 1 is not a failure: it means there is \
something to say, so `roreg due || mail ...` is wrong and cron's own mail-on-output is right. \
--format ics writes the calendar and exits 0 whatever it holds.")]
pub struct DueArgs {
    /// The register file.
    pub file: Option<PathBuf>,
    /// Include what falls due in the next DAYS days; overdue is always included.
    /// Default 14 for text and json; for ics every date ahead unless given.
    #[arg(long, value_name = "DAYS")]
    pub within: Option<u32>,
    /// Only what falls to this people id (top management also gets the
    /// management review).
    #[arg(long, value_name = "ID")]
    pub owner: Option<String>,
    /// text: grouped by owner, for mail; json: one object per line; ics: an
    /// iCalendar file of all-day events.
    #[arg(long, value_enum, default_value_t = DueFormat::Text)]
    pub format: DueFormat,
    /// ics only: a reminder this many days before each event.
    #[arg(long, value_name = "DAYS")]
    pub alarm_days: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DueFormat {
    Text,
    Json,
    Ics,
}

/// `given_today`: the `--today` the user gave (or `ROREG_TODAY`), which the
/// calendar's DTSTAMP takes so the same register gives the same bytes.
pub fn run(
    path: &Path,
    args: &DueArgs,
    today: Date,
    given_today: Option<Date>,
    console: &mut Console,
) -> Result<u8, WriteError> {
    if args.alarm_days.is_some() && args.format != DueFormat::Ics {
        console.note("roreg due: --alarm-days applies to --format ics only")?;
        return Ok(exit::UNREADABLE);
    }
    let Some(loaded) = super::load(path, console)? else {
        return Ok(exit::UNREADABLE);
    };
    let register = &loaded.register;
    if let Some(owner) = &args.owner
        && register.person(owner).is_none()
    {
        console.note(&format!(
            "roreg due: --owner {owner} is not a people id in {}; {}",
            path.display(),
            people_ids(register)
        ))?;
        return Ok(exit::UNREADABLE);
    }
    // On stderr, so cron mails it even when nothing is due.
    super::warn_of_problems(
        "roreg due",
        path,
        register,
        "what is due may be incomplete",
        console,
    )?;
    let within = match (args.format, args.within) {
        (_, Some(days)) => Some(days),
        (DueFormat::Ics, None) => None,
        (_, None) => Some(DEFAULT_WITHIN_DAYS),
    };
    let window = Window {
        until: within.map(|days| today.add_days(i64::from(days))),
        owner: args.owner.clone(),
    };
    let dues = due::due(register, today, &window);
    match args.format {
        DueFormat::Text => {
            if !dues.is_empty() {
                console.rendered(&text::render(register, &dues, today, window.until))?;
            }
        }
        DueFormat::Json => {
            console.rendered(&json::render(register, &dues, today))?;
        }
        DueFormat::Ics => {
            let source = file_name(path);
            let stamp = stamp(register, given_today, today);
            let calendar = ics::Calendar {
                register,
                source: &source,
                stamp,
                alarm_days: args.alarm_days,
                owner: args.owner.as_deref(),
            };
            console.rendered(&calendar.render(&dues))?;
            return Ok(exit::OK);
        }
    }
    Ok(if dues.is_empty() {
        exit::OK
    } else {
        exit::PROBLEMS
    })
}

/// "its people are jsmith, pjones", at most a dozen of them.
fn people_ids(register: &Register) -> String {
    const SHOWN: usize = 12;
    if register.people.is_empty() {
        return "it lists no people".to_string();
    }
    let mut ids: Vec<&str> = register
        .people
        .iter()
        .take(SHOWN)
        .map(|p| p.id.as_str())
        .collect();
    if register.people.len() > SHOWN {
        ids.push("…");
    }
    format!("its people are {}", ids.join(", "))
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// When the calendar was made, as far as its bytes tell: the day given, else
/// the register's last change, else the start of today.
fn stamp(register: &Register, given_today: Option<Date>, today: Date) -> Timestamp {
    let midnight = |day: Date| {
        Timestamp::parse(&format!("{day}T00:00:00Z")).expect("a date at midnight parses")
    };
    match (given_today, register.history.last()) {
        (Some(day), _) => midnight(day),
        (None, Some(last)) => last.at,
        (None, None) => midnight(today),
    }
}

/// Who a due falls to, by name: "Paul Jones (pjones)".
fn owner_label(register: &Register, id: &str) -> String {
    match register.person(id) {
        Some(person) => format!("{} ({id})", person.name),
        None => format!("{id} (not in people)"),
    }
}

/// "review", "action on R-001", "effectiveness check on R-001".
fn what(due: &Due) -> String {
    match (&due.item, due.duty) {
        (Some(item), due::Duty::Action | due::Duty::EffectivenessCheck) => {
            format!("{} on {item}", due.duty.label())
        }
        _ => due.duty.label().to_string(),
    }
}
