//! `--as ID`: refused before anything starts when ID is not a person.

use crate::domain::identity::{self, NotAPerson};

use super::output::Console;
use super::{Cli, Command, Stop, paths};

/// Stops a subcommand given `--as` an id that is not a people id. The
/// interface checks the register it loads itself (`tui::run`), so it is
/// not loaded twice.
pub fn check(cli: &Cli, console: &mut Console) -> Result<(), Stop> {
    let Some(id) = &cli.acting_as else {
        return Ok(());
    };
    let file = match &cli.command {
        None | Some(Command::View { .. }) => return Ok(()),
        // Reads no register, changes nothing.
        Some(Command::Config { .. }) => return Ok(()),
        // Reads several registers and changes none: nobody to check against.
        Some(Command::Rollup(_)) => return Ok(()),
        // A new register has nobody in it yet.
        Some(Command::New { .. }) => {
            return Err(Stop::NotAPerson(NotAPerson {
                id: id.clone(),
                valid: Vec::new(),
            }));
        }
        Some(Command::Check { file, .. }) | Some(Command::Log { file, .. }) => file.clone(),
        Some(Command::List(args)) => args.file.clone(),
        Some(Command::Agenda(args)) => args.file.clone(),
        Some(Command::Due(args)) => args.file.clone(),
        Some(Command::Report(args)) => args.file.clone(),
        // The template reads no register.
        Some(Command::Export(args)) if args.template.is_some() => return Ok(()),
        Some(Command::Export(args)) => args.file.clone(),
        // They check `--as` against the register they read themselves.
        Some(
            Command::MergeDriver(_)
            | Command::Resolve(_)
            | Command::GitSetup(_)
            | Command::Import(_),
        ) => {
            return Ok(());
        }
    };
    let path = paths::register_path(file, console)?;
    // A register that cannot be read is the subcommand's to report.
    let Ok(loaded) = crate::storage::load(&path) else {
        return Ok(());
    };
    identity::person_id(&loaded.register, id)
        .map(|_| ())
        .map_err(Stop::NotAPerson)
}

/// The one line that refuses it, for the subcommands and the interface alike.
pub fn refusal(not: &NotAPerson) -> String {
    not.refusal()
}
