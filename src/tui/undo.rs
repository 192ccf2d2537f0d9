//! `z` takes back the last change made in this session and `Z` makes it
//! again. Either is a new change, checked and recorded like any other.

use crate::domain::Register;
use crate::domain::edit::Scope;
use crate::domain::history::Change;

use super::app::{App, Cmd};

/// Which way a step is replayed.
#[derive(Clone, Copy)]
enum Direction {
    Back,
    Again,
}

impl App {
    pub fn undo(&mut self) -> Cmd {
        self.take(Direction::Back)
    }

    pub fn redo(&mut self) -> Cmd {
        self.take(Direction::Again)
    }

    fn take(&mut self, direction: Direction) -> Cmd {
        let (from, verb, done) = match direction {
            Direction::Back => (&mut self.undo.done, "undo", "undone"),
            Direction::Again => (&mut self.undo.undone, "redo", "redone"),
        };
        let Some(step) = from.pop() else {
            self.info(match direction {
                Direction::Back => "nothing to undo in this session",
                Direction::Again => "nothing to redo",
            });
            return Cmd::None;
        };
        // The history says that what follows takes a change back (or makes
        // it again), not that someone changed their mind by hand; recorded
        // as part 1 of the same change, so the records after it cannot be
        // cut unseen.
        self.undo.marker = Some(Change {
            record: "register".into(),
            field: verb.into(),
            old: String::new(),
            new: ron::to_string(&step.what).unwrap_or_default(),
        });
        let scope = step.scope();
        let result = self.replay(
            &format!("{done}: {}", step.what),
            scope,
            |r| match direction {
                Direction::Back => step.undo(r),
                Direction::Again => step.redo(r),
            },
        );
        self.undo.marker = None;
        match result {
            Ok(cmd) => {
                match direction {
                    Direction::Back => self.undo.undone.push(step),
                    Direction::Again => self.undo.done.push(step),
                }
                cmd
            }
            Err(why) => {
                self.error(format!("cannot {verb} {}: {why}", step.what));
                Cmd::None
            }
        }
    }

    fn replay(
        &mut self,
        what: &str,
        scope: Scope,
        apply: impl FnOnce(&mut Register) -> Result<(), String>,
    ) -> Result<Cmd, String> {
        self.undo.replaying = true;
        let result = self.change(what, scope, apply);
        self.undo.replaying = false;
        self.leave_a_meeting_that_is_gone();
        result
    }
}
