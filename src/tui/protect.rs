//! Before the first change of a session is recorded: a change made outside
//! roreg is recorded as such, then a baseline covers what no record covers,
//! so the history never adopts anything silently.

use crate::domain::Register;
use crate::domain::baseline;
use crate::domain::outside;

use super::app::App;

impl App {
    /// Says, once the instance knows whether it edits, that the file was
    /// changed outside roreg; `backup` (the file's backup, if readable) can
    /// tell what the change was.
    pub fn announce_outside_change(&mut self, backup: Option<&Register>) {
        if self.protection.outside_change.is_none() {
            return;
        }
        self.protection.outside_change =
            outside::find(&self.register, &backup.into_iter().collect::<Vec<_>>());
        if let Some(change) = &self.protection.outside_change {
            let next = if self.sharing.read_only.is_some() {
                ""
            } else {
                "; your next change records it"
            };
            self.error(format!("{}{next}", change.describe()));
        }
    }

    /// Before the first change is recorded: what changed outside roreg is
    /// recorded as such, then a baseline covers what no record covers.
    pub(super) fn protect(&mut self, by: &str) {
        if self.protection.outside_change.is_none() && !self.protection.needs_baseline {
            return;
        }
        // Their records carry the state as it is: the tree knows it.
        let state = self.state.digest();
        if let Some(change) = &self.protection.outside_change {
            outside::record_at(&mut self.register, change, self.now, by, state.clone());
        }
        if self.protection.needs_baseline {
            baseline::baseline_at(&mut self.register, self.now, by, &state);
        }
    }
}
