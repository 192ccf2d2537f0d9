//! Saving: a change asks for a save, the background writer reports how it
//! went, and quitting waits for it. The writer gets only what changed.

use crate::storage::Fingerprint;

use super::app::{App, Cmd, Overlay, SaveJob, Status};
use super::keymap::Intent;

impl App {
    /// A save is wanted: start one, or note it for when the current one ends.
    pub fn request_save(&mut self) -> Cmd {
        self.save.dirty = true;
        if self.save.in_flight {
            return Cmd::None;
        }
        if self.save.comments_to_confirm {
            self.show(Overlay::ConfirmDropComments);
            return Cmd::None;
        }
        match self.save.fingerprint {
            Some(expected) => {
                if self.on_disk.is_some() {
                    // Someone else's version is waiting: never write over it blindly.
                    self.show(Overlay::DiskConflict);
                    return Cmd::None;
                }
                self.save.in_flight = true;
                self.save.dirty = false;
                self.save.unsaved_in_flight = self.save.unsaved.len();
                Cmd::Save(Box::new(SaveJob {
                    updates: std::mem::take(&mut self.save.unsent),
                    expected,
                }))
            }
            None => {
                self.error("not saved: the file was not loaded from disk");
                Cmd::None
            }
        }
    }

    /// The background save ended.
    pub fn saved(&mut self, result: Result<Fingerprint, String>) -> Cmd {
        self.save.in_flight = false;
        match result {
            Ok(fingerprint) => {
                self.save.fingerprint = Some(fingerprint);
                // The failure's message must not outlive it; a newer message
                // (a merge, say) already says more.
                if self.save.failure.take().is_some() && matches!(self.status, Status::Error(_)) {
                    self.info("saved: the change that could not be saved before is on disk now");
                }
                self.save.last_saved = Some(self.now);
                let on_disk = self.save.unsaved_in_flight.min(self.save.unsaved.len());
                for update in self.save.unsaved.drain(..on_disk) {
                    update.apply(&mut self.base);
                }
                self.save.unsaved_in_flight = 0;
                // What the watcher saw may have been this very save.
                if self
                    .on_disk
                    .as_ref()
                    .is_some_and(|d| d.fingerprint == fingerprint)
                {
                    self.on_disk = None;
                }
                if self.save.dirty {
                    return self.request_save();
                }
                Cmd::None
            }
            Err(why) => {
                self.save.unsaved_in_flight = 0;
                self.save.dirty = true;
                self.save.failure = Some(why.clone());
                if self.on_disk.is_some() {
                    self.show(Overlay::DiskConflict);
                }
                let save = self.key(Intent::Save);
                self.error(format!("{why} — your change is kept here; {save} retries"));
                if self.quitting {
                    self.quitting = false;
                    self.show(Overlay::ConfirmQuitUnsaved);
                }
                Cmd::None
            }
        }
    }

    /// Whether the run loop may end: quitting, and nothing left to write.
    pub fn may_exit(&self) -> bool {
        self.quitting && !self.save.in_flight && !self.save.dirty
    }

    /// Asks to quit: at once when everything is saved, after the save in
    /// progress otherwise, and never silently past a failed save.
    pub fn quit(&mut self) {
        if self.save.dirty && !self.save.in_flight {
            self.show(Overlay::ConfirmQuitUnsaved);
        } else {
            self.quitting = true;
        }
    }
}
