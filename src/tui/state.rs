//! What each screen and popup remembers between keys: selections, scroll
//! positions, the heat map's cursor, the audit's period, and the facts of
//! the last frame drawn. Plain data; the screens change it.

use std::cell::Cell;

use crate::domain::audit::{Figure, Period};
use crate::domain::edit::{Record, Update};
use crate::domain::history::Change;
use crate::domain::outside::OutsideChange;
use crate::domain::queries::{ActionRef, HeatMap};
use crate::domain::undo::Step;
use crate::domain::{Date, Filter, Kind, Position, Register, Score, SortKey, Timestamp};
use crate::storage::Fingerprint;

#[derive(Debug, Default)]
pub struct ListState {
    pub filter: Filter,
    pub sort: SortKey,
    pub reverse: bool,
    /// Indices into `register.items`, filtered and sorted: rebuilt only when
    /// the data, the filter or the sort changes.
    pub view: Vec<usize>,
    pub selected: usize,
    /// First visible row; kept by the view so the selection stays on screen.
    pub offset: Cell<usize>,
    /// While typing a search: the search text before it started, for Esc.
    pub search: Option<String>,
    /// While a search narrows: each shorter text and the rows it showed,
    /// for Backspace. Emptied whenever the data, filter or sort changes.
    pub narrowed: Vec<(String, Vec<usize>)>,
    /// Each item's searched text, lowercased (`queries::search_text`), by
    /// index: made at the first search letter after the data changed, so
    /// a letter is one fast scan, not a lowercasing of every field.
    pub haystacks: Option<Vec<String>>,
    /// Every item in each sort column's order, made the first time that
    /// column is shown after the data changed, so changing the sort or the
    /// filter is a pass over a ready order, not a sort (`list_view`).
    pub orders: Orders,
    /// Columns the widest item id takes (at most `ID_WIDTH_AT_MOST`),
    /// found when the data changes, so the ID column never cuts one.
    pub id_width: usize,
}

/// Per sort key (in `SortKey::ALL`'s order), every item in the list's
/// order for that key, not reversed. `None`: not made since the data changed.
#[derive(Debug, Default)]
pub struct Orders {
    pub by_key: [Option<Order>; SortKey::ALL.len()],
}

/// The indices of all items as `queries::sorted` orders them for one key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    pub items: Vec<usize>,
    /// Whether two items may tie on the key and id (an id twice, in a file
    /// edited by hand): then the reversed order is not this one read
    /// backwards, as ties stay in register order. Never false when they do.
    pub ties: bool,
}

/// An id wider than this (made by hand) is cut, so the title keeps room.
pub const ID_WIDTH_AT_MOST: usize = 16;

#[derive(Debug, Default)]
pub struct DetailState {
    pub item_id: String,
    pub action: usize,
    /// Rows scrolled by PgDn/PgUp; `None` follows the selected action.
    pub scroll: Option<usize>,
    /// The scroll last drawn, so PgDn/PgUp move from what is on screen.
    pub shown_scroll: Cell<usize>,
}

#[derive(Debug, Default)]
pub struct ActionsState {
    pub owner: Option<String>,
    /// The selected action as (item id, action id), kept across reorders.
    pub selected_id: Option<(String, String)>,
    pub rows: Vec<ActionRef>,
    pub selected: usize,
    pub offset: Cell<usize>,
}

#[derive(Debug, Default)]
pub struct PeopleState {
    /// Index into `register.people`.
    pub selected: usize,
    pub offset: Cell<usize>,
    /// What each person answers for, by people id: rebuilt while the people
    /// screen is open, rather than every frame.
    pub owns: std::collections::HashMap<String, Owns>,
}

/// Which side of the customer-focus screen takes j/k.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Pane {
    /// The customers and measures on the left.
    #[default]
    List,
    /// The lines on the right that open an item or a measure.
    Lines,
}

#[derive(Debug, Default)]
pub struct CustomersState {
    /// Index into `index.entries`.
    pub selected: usize,
    pub offset: Cell<usize>,
    pub pane: Pane,
    /// Which of the entry's lines that open something is selected.
    pub link: usize,
    /// Rows the right pane was scrolled by PgDn/PgUp; `None` keeps the
    /// selected line in view.
    pub scroll: Option<usize>,
    /// The right pane's first row, as last drawn.
    pub shown_scroll: Cell<usize>,
    /// What the screen shows, made when the data changes while the screen
    /// is open (`screens::customers::rebuild`), never per frame.
    pub index: super::screens::customers::FocusIndex,
    /// A reading form refused a date that has a reading: submitting the
    /// same measure and date again replaces it.
    pub replace: Option<(String, Date)>,
}

/// The live items and open actions someone owns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Owns {
    pub items: usize,
    pub actions: usize,
}

#[derive(Debug)]
pub struct HeatState {
    pub kind: Kind,
    pub position: Position,
    pub cursor: Score,
    /// Counts for `kind` and `position`, rebuilt by `refresh`.
    pub map: HeatMap,
}

/// Figures for the header, rebuilt by `refresh` rather than every frame.
#[derive(Debug, Default)]
pub struct Overdue {
    pub reviews: usize,
    pub actions: usize,
}

/// Quick scoring in progress: which position, and the likelihood once typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scoring {
    pub target: bool,
    pub likelihood: Option<u8>,
}

/// Where the facilitator is in the open meeting.
#[derive(Debug, Default)]
pub struct MeetingState {
    /// Index into the open meeting's agenda.
    pub position: usize,
    /// The selected open action of the item on the card.
    pub action: usize,
}

#[derive(Debug)]
pub struct AuditState {
    pub period: Period,
    /// The audit figures for `period`, rebuilt while the audit view is open.
    pub figures: Vec<Figure>,
    pub selected: usize,
}

impl AuditState {
    pub fn new(today: Date) -> AuditState {
        AuditState {
            period: Period::last_year(today),
            figures: Vec::new(),
            selected: 0,
        }
    }
}

/// How far the open list popup (help, problems, records) is scrolled.
#[derive(Debug)]
pub struct Reading {
    pub scroll: usize,
    /// The furthest it can scroll, as last drawn.
    pub scroll_max: Cell<usize>,
}

impl Default for Reading {
    fn default() -> Reading {
        Reading {
            scroll: 0,
            scroll_max: Cell::new(usize::MAX),
        }
    }
}

/// What the last frame found, for the keys that depend on it.
#[derive(Debug)]
pub struct Drawn {
    /// The terminal was too small: keys that act on what cannot be seen
    /// are ignored.
    pub too_small: Cell<bool>,
    /// Rows a page holds, for PgUp/PgDn.
    pub page_rows: Cell<usize>,
}

impl Default for Drawn {
    fn default() -> Drawn {
        Drawn {
            too_small: Cell::new(false),
            page_rows: Cell::new(10),
        }
    }
}

/// Who edits the file: this instance, or another while this one watches.
#[derive(Debug)]
pub struct Sharing {
    /// Why this instance may not change the file, when it may not.
    pub read_only: Option<String>,
    /// Read-only because another instance edits (so taking over can help
    /// once it goes).
    pub waiting_for_editor: bool,
    /// Read-only because another instance edits, and that one has gone.
    pub lock_free: bool,
    /// Read-only: keep the meeting card on the facilitator's item.
    pub following: bool,
}

impl Default for Sharing {
    fn default() -> Sharing {
        Sharing {
            read_only: None,
            waiting_for_editor: false,
            lock_free: false,
            following: true,
        }
    }
}

/// What the next change must record first, so the history covers the file.
#[derive(Debug, Default)]
pub struct Protection {
    /// The file was changed outside roreg since its last recorded change:
    /// the next change records that first, by the person editing.
    pub outside_change: Option<OutsideChange>,
    /// Records that no history record covers (a register from before the
    /// history, or imported): the next change first writes a baseline.
    pub needs_baseline: bool,
}

/// Another version of the file found on disk.
#[derive(Debug, Clone)]
pub struct OnDisk {
    pub register: Register,
    pub fingerprint: Fingerprint,
}

/// A save for the background writer: what changed since the last save it
/// was given (it keeps its own copy of the register, so a change never
/// copies the whole register), and the fingerprint the file must still have.
#[derive(Debug, Clone)]
pub struct SaveJob {
    pub updates: Vec<Update>,
    pub expected: Fingerprint,
}

#[derive(Debug, Default)]
pub struct SaveState {
    /// Fingerprint of the file as last loaded or saved.
    pub fingerprint: Option<Fingerprint>,
    pub in_flight: bool,
    /// Confirmed changes not yet on disk.
    pub dirty: bool,
    /// Why the last save failed, while it is not yet retried successfully.
    pub failure: Option<String>,
    pub last_saved: Option<Timestamp>,
    /// The file has comments that a save would drop; ask once first.
    pub comments_to_confirm: bool,
    /// Changes the background writer has not been given yet.
    pub unsent: Vec<Update>,
    /// Changes not yet on disk, to bring `base` up to date once they are;
    /// the first `unsaved_in_flight` are in the save under way.
    pub unsaved: Vec<Update>,
    pub unsaved_in_flight: usize,
}

/// The changes of this session that can be taken back, and those taken back.
#[derive(Debug, Default)]
pub struct UndoState {
    pub(super) done: Vec<Step>,
    pub(super) undone: Vec<Step>,
    /// An undo or redo is being applied: it is no new step of its own.
    pub(super) replaying: bool,
    /// The record that says so, first of the change's records.
    pub(super) marker: Option<Change>,
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
