//! Someone else's version of the file: taken at once when nothing of ours
//! is unsaved, else merged with ours or reloaded, as the user chooses.

use crate::domain::baseline;
use crate::domain::edit::Update;
use crate::domain::meetings;
use crate::domain::outside;
use crate::storage::Fingerprint;

use super::app::{App, Cmd, OnDisk, Overlay};
use super::keymap::{Intent, Popup, Screen};

/// Why an instance opened read-only on purpose is read-only, and who edits.
pub fn viewing(editor: Option<&str>) -> String {
    match editor {
        Some(who) => format!("opened read-only; {who} is editing"),
        None => "opened read-only; nobody is editing now".to_string(),
    }
}

impl App {
    /// Someone else's version of the file: taken at once when nothing of
    /// ours is unsaved, otherwise the user chooses (merge or reload).
    pub fn disk_changed(&mut self, disk: OnDisk) {
        if Some(disk.fingerprint) == self.save.fingerprint {
            return;
        }
        let ours_unsaved = self.save.dirty || self.save.in_flight;
        if self.sharing.read_only.is_some() || !ours_unsaved {
            let who = if self.sharing.read_only.is_some() {
                "the file was saved by the editor"
            } else {
                "the file was changed outside roreg"
            };
            self.take_disk_version(disk);
            let reloaded = self.now.0.format("%H:%M:%S");
            match &self.protection.outside_change {
                Some(change) if self.sharing.read_only.is_none() => self.info(format!(
                    "{}; reloaded at {reloaded}; your next change records it",
                    change.describe()
                )),
                _ => self.info(format!("{who}; reloaded at {reloaded}")),
            }
            return;
        }
        self.on_disk = Some(disk);
        if !self.save.in_flight {
            self.show(Overlay::DiskConflict);
        }
    }

    /// Replaces what is shown with the version on disk, keeping the
    /// selection, the screen and the scroll where they can be kept.
    pub fn take_disk_version(&mut self, mut disk: OnDisk) {
        if !disk.register.is_normalised() {
            disk.register.normalise();
        }
        // The version we had tells what a change outside roreg was.
        self.protection.outside_change = outside::find(&disk.register, &[&self.base]);
        self.protection.needs_baseline = !baseline::unprotected(&disk.register).is_empty();
        self.base = disk.register.clone();
        self.register = disk.register;
        self.replaced();
        self.save.unsaved.clear();
        self.save.unsaved_in_flight = 0;
        self.save.fingerprint = Some(disk.fingerprint);
        self.save.dirty = false;
        self.save.failure = None;
        self.on_disk = None;
        self.checked_whole();
        if self.sharing.following
            && let Some(meeting) = meetings::open_meeting(&self.register)
        {
            // Follow the facilitator's item; without one, the first not yet reviewed.
            self.meeting.position = meeting
                .current
                .as_ref()
                .and_then(|c| meeting.agenda.iter().position(|i| i == c))
                .or_else(|| {
                    meeting
                        .agenda
                        .iter()
                        .position(|i| !meeting.reviewed.iter().any(|r| &r.item == i))
                })
                .unwrap_or(0);
            // A viewer following is taken to the meeting as it starts.
            if self.sharing.read_only.is_some() && !self.screens.contains(&Screen::Meeting) {
                self.screens.push(Screen::Meeting);
            }
        }
        self.leave_a_meeting_that_is_gone();
        self.data_changed();
    }

    /// The meeting closed, was discarded or its start undone: nothing is
    /// left to show on the meeting screen.
    pub fn leave_a_meeting_that_is_gone(&mut self) {
        if meetings::open_meeting(&self.register).is_none() {
            self.screens.retain(|s| *s != Screen::Meeting);
            if self.screens.is_empty() {
                self.screens.push(Screen::Register);
            }
        }
    }

    /// Merges our unsaved changes with the version on disk, record by record.
    pub fn merge_with_disk(&mut self) -> Cmd {
        let Some(disk) = self.on_disk.take() else {
            return Cmd::None;
        };
        match crate::domain::merge::merge(&self.base, &self.register, &disk.register) {
            Ok(mut merged) => {
                // Unsaved changes of ours were made by a known person.
                let by = self.user.clone().unwrap_or_default();
                // Their version may itself hold a change made outside roreg:
                // recorded first, as such, never adopted silently; on their
                // version, so the record carries the state it explains and
                // ours after it cannot be cut unseen.
                let mut theirs = disk.register.clone();
                if let Some(change) = outside::find(&theirs, &[&self.base]) {
                    outside::record(&mut theirs, &change, self.now, &by);
                }
                baseline::baseline(&mut theirs, self.now, &by);
                merged.history = theirs.history;
                let mine = crate::domain::history::diff(&disk.register, &merged);
                crate::domain::history::record(&mut merged, mine, self.now, &by);
                self.base = disk.register;
                self.register = merged;
                self.replaced();
                // Once on disk, the merged register is what the next merge starts from.
                self.save.unsaved = vec![Update::Whole(Box::new(self.register.clone()))];
                self.save.unsaved_in_flight = 0;
                self.save.fingerprint = Some(disk.fingerprint);
                self.checked_whole();
                self.data_changed();
                self.info("merged: their changes and yours are both kept");
                self.request_save()
            }
            Err(conflicts) => {
                self.on_disk = Some(disk);
                let reload = self.keys.key(Popup::DiskConflict, Intent::Reload);
                self.error(format!(
                    "cannot merge: both sides changed {}; {reload} reloads theirs (yours are listed), or keep yours unsaved",
                    conflicts.join(", ")
                ));
                // The choice is still open: ask again.
                self.show(Overlay::DiskConflict);
                Cmd::None
            }
        }
    }

    /// Drops our unsaved changes for the version on disk, listing them so
    /// they can be made again.
    pub fn reload_from_disk(&mut self) {
        let Some(disk) = self.on_disk.take() else {
            return;
        };
        let dropped: Vec<String> = crate::domain::history::diff(&self.base, &self.register)
            .into_iter()
            .map(|c| format!("{}.{}: {} → {}", c.record, c.field, c.old, c.new))
            .collect();
        self.take_disk_version(disk);
        if !dropped.is_empty() {
            self.show(Overlay::Records {
                title: "Your changes that were not saved (make them again)".into(),
                lines: dropped,
            });
        }
        self.info("reloaded the version on disk");
    }

    /// Sets what saving needs to know about the file as loaded.
    pub fn loaded_from_disk(&mut self, fingerprint: Fingerprint, has_comments: bool) {
        self.save.fingerprint = Some(fingerprint);
        self.save.comments_to_confirm = has_comments;
        self.base = self.register.clone();
        self.protection.outside_change = outside::find(&self.register, &[]);
    }
}
