//! The second part of an agenda: measures with a reading off target dated
//! after the last closed meeting of the kind, so that each meeting sees a
//! miss once it has happened, and a measure missed before the last meeting
//! and on target since is not raised again.

use crate::domain::customer_focus::{CustomerFocus, last_closed_meeting};
use crate::domain::dates::Date;
use crate::domain::model::{Item, ItemStatus, Measure, MeetingKind, Reading, Register};

/// A measure the meeting should discuss.
#[derive(Clone, Debug)]
pub struct MeasureEntry<'a> {
    pub measure: &'a Measure,
    /// The first reading off target since the last meeting.
    pub first_off: &'a Reading,
    /// The latest reading, which may be back on target.
    pub latest: &'a Reading,
    /// Whether the latest reading misses the target.
    pub off_target: bool,
    /// The open items that link the measure, highest band first; none:
    /// nothing in the register addresses it.
    pub items: Vec<&'a Item>,
}

impl MeasureEntry<'_> {
    /// Nothing open in the register links it.
    pub fn unaddressed(&self) -> bool {
        self.items.is_empty()
    }
}

/// What the customer-focus screen says of a measure nothing addresses.
pub const UNADDRESSED: &str = "nothing in the register addresses it";

/// The measures off target since the last closed meeting of `kind` (every
/// reading when none has closed), in the register's order. One pass over
/// the measures and their readings, and one over the items' links.
pub fn measures_to_discuss(
    register: &Register,
    kind: MeetingKind,
    today: Date,
) -> Vec<MeasureEntry<'_>> {
    let since = last_closed_meeting(register, kind).map(|closed| closed.date());
    let focus = CustomerFocus::of(register, today);
    focus
        .off_target_since(since)
        .into_iter()
        .filter_map(|(measure, first_off)| {
            let latest = measure.latest()?;
            let items = focus
                .items_for_measure(&measure.id)
                .iter()
                .copied()
                .filter(|i| i.status != ItemStatus::Closed)
                .collect();
            Some(MeasureEntry {
                measure,
                first_off,
                latest,
                off_target: measure.is_off_target(),
                items,
            })
        })
        .collect()
}
