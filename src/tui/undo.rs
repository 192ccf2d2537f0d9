//! `z` takes back the last change made in this session and `Z` makes it
//! again. Either is a new change, checked and recorded like any other.

use crate::domain::Register;
use crate::domain::edit::{Record, Scope};
use crate::domain::history::Change;
use crate::domain::undo::Step;

use super::app::{App, Cmd};

/// The changes of this session that can be taken back, and those taken back.
#[derive(Debug, Default)]
pub struct UndoState {
    done: Vec<Step>,
    undone: Vec<Step>,
    /// An undo or redo is being applied: it is no new step of its own.
    replaying: bool,
    /// The record that says so, first of the change's records.
    marker: Option<Change>,
}

impl UndoState {
    /// The step of a change about to be made, unless an undo makes it.
    pub fn step(&self, what: &str, before: &[Record], after: &[Record]) -> Option<Step> {
        (!self.replaying).then(|| Step::of(what, before, after))
    }

    /// The change's records, after the undo or redo marker if there is one.
    pub fn marked(&mut self, changes: Vec<Change>) -> Vec<Change> {
        match self.marker.take() {
            Some(marker) => std::iter::once(marker).chain(changes).collect(),
            None => changes,
        }
    }

    /// The change went through: it can be taken back; what was taken back
    /// before cannot be made again on top of it.
    pub fn done(&mut self, step: Option<Step>) {
        if let Some(step) = step.filter(|s| !s.is_empty()) {
            self.done.push(step);
            self.undone.clear();
        }
    }
}

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
