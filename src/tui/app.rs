//! The state of the interface and the bookkeeping of saves. `update.rs`
//! changes it from keys; `view/` draws it; only the run loop does I/O.

use std::cell::Cell;
use std::path::PathBuf;

use crate::domain::audit::{Figure, Period};
use crate::domain::baseline;
use crate::domain::edit::Update;
use crate::domain::history::StateTree;
use crate::domain::meetings;
use crate::domain::outside::{self, OutsideChange};
use crate::domain::queries::{self, ActionRef, HeatMap};
use crate::domain::validation::Findings;
use crate::domain::{
    Date, Filter, Kind, Position, Problem, Register, Score, Severity, SortKey, Timestamp,
};
use crate::storage::Fingerprint;

use super::form::Form;
use super::keymap::{Intent, Keymap, Popup, Screen};

/// What the run loop must do after an update.
#[derive(Debug)]
pub enum Cmd {
    None,
    Save(Box<SaveJob>),
    /// Try to become the writer: the editor has left.
    TakeOver,
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    None,
    Info(String),
    Error(String),
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
    /// Columns the widest item id takes (at most `ID_WIDTH_AT_MOST`),
    /// found when the data changes, so the ID column never cuts one.
    pub id_width: usize,
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

/// What a form is for, so submitting it knows what to change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormPurpose {
    NewItem,
    EditItem(String),
    NewAction { item: String },
    EditAction { item: String, action: String },
    Effectiveness { item: String, action: String },
    Filter,
    StartMeeting,
    Decision { item: String },
    NextReview { item: String },
    AddAgendaItem,
    AuditPeriod,
    // Who is editing, asked before the first change; the key that
    // asked for the change then goes on.
    WhoIsEditing(ratatui::crossterm::event::KeyEvent),
}

/// Where the facilitator is in the open meeting.
#[derive(Debug, Default)]
pub struct MeetingState {
    /// Index into the open meeting's agenda.
    pub position: usize,
    /// The selected open action of the item on the card.
    pub action: usize,
}

pub enum Overlay {
    Help,
    Problems,
    Form(Box<Form>, FormPurpose),
    /// The file has comments: saving drops them. Ask once.
    ConfirmDropComments,
    /// Quitting with changes that could not be saved.
    ConfirmQuitUnsaved,
    /// A meeting was left open (a crash, a dropped connection): resume it?
    ResumeMeeting,
    /// What the meeting did, to confirm before it is closed for good.
    MeetingSummary,
    /// The records behind an audit figure.
    Records {
        title: String,
        lines: Vec<String>,
    },
    /// The file was changed by someone else while we have unsaved changes.
    DiskConflict,
}

pub struct App {
    pub register: Register,
    pub path: PathBuf,
    pub today: Date,
    pub now: Timestamp,
    /// The people id of whoever edits: every change is recorded as theirs.
    /// `None` until known; the first change asks (`tui::identity`).
    pub user: Option<String>,
    /// Who is at the keyboard, for the lock's note: the login name.
    pub login: String,
    pub screens: Vec<Screen>,
    pub list: ListState,
    pub detail: DetailState,
    pub actions: ActionsState,
    pub heat: HeatState,
    pub overdue: Overdue,
    /// Popups, the last on top and taking the keys.
    pub overlays: Vec<Overlay>,
    /// While typing a search: the search text before it started, for Esc.
    pub search: Option<String>,
    pub scoring: Option<Scoring>,
    pub status: Status,
    pub save: SaveState,
    /// The register's problems as of now; a change may not add errors.
    pub problems: Vec<Problem>,
    /// The same, kept by what each is about, so a change rechecks only
    /// what it touched.
    pub findings: Findings,
    /// The state fingerprint, kept per record, so a change re-hashes only
    /// what it touched.
    pub state: StateTree,
    /// How far the help is scrolled.
    pub help_scroll: usize,
    /// The furthest the open list popup can scroll, as last drawn.
    pub help_scroll_max: Cell<usize>,
    /// The terminal was too small at the last frame: keys that act on what
    /// cannot be seen are ignored.
    pub too_small: Cell<bool>,
    pub meeting: MeetingState,
    pub audit_period: Period,
    /// The audit figures for `audit_period`, rebuilt while the audit view is open.
    pub audit: Vec<Figure>,
    pub audit_selected: usize,
    /// Rows a page holds, as last drawn, for PgUp/PgDn.
    pub page_rows: Cell<usize>,
    pub quitting: bool,
    /// Why this instance may not change the file, when it may not.
    pub read_only: Option<String>,
    /// The register as it is on disk (last loaded or saved): the common
    /// ancestor when someone else's changes are merged with ours.
    pub base: Register,
    /// A version written by someone else, waiting for the user to choose.
    pub on_disk: Option<OnDisk>,
    /// Read-only because another instance edits (so T can help once it goes).
    pub waiting_for_editor: bool,
    /// Read-only because another instance edits, and that one has gone.
    pub lock_free: bool,
    /// The item as it was when its edit form opened, so saving the form
    /// applies only the fields the form changed.
    pub editing_original: Option<crate::domain::Item>,
    /// The file was changed outside roreg since its last recorded change:
    /// the next change records that first, by the person editing.
    pub outside_change: Option<OutsideChange>,
    /// Records that no history record covers (a register from before the
    /// history, or imported): the next change first writes a baseline.
    pub needs_baseline: bool,
    /// This session's changes, to take back (`z`) and make again (`Z`).
    pub undo: super::undo::UndoState,
    /// Read-only: keep the meeting card on the facilitator's item.
    pub following: bool,
    /// The keys in effect: the shipped ones with the user's `keys.ron`.
    pub keys: Keymap,
}

/// Why an instance opened read-only on purpose is read-only, and who edits.
pub fn viewing(editor: Option<&str>) -> String {
    match editor {
        Some(who) => format!("opened read-only; {who} is editing"),
        None => "opened read-only; nobody is editing now".to_string(),
    }
}

impl App {
    pub fn new(
        register: Register,
        path: PathBuf,
        today: Date,
        now: Timestamp,
        user: Option<String>,
    ) -> App {
        // Lookups by id are binary searches over the file's order.
        let mut register = register;
        if !register.is_normalised() {
            register.normalise();
        }
        let findings = Findings::of(&register);
        let problems = findings.problems();
        let state = StateTree::of(&register);
        // Only a person in `people` is ever recorded as making a change.
        let user = user.filter(|u| register.person(u).is_some());
        let login = user.clone().unwrap_or_else(|| "someone".into());
        let mut app = App {
            register,
            path,
            today,
            now,
            user,
            login,
            screens: vec![Screen::Register],
            list: ListState::default(),
            detail: DetailState::default(),
            actions: ActionsState::default(),
            overdue: Overdue::default(),
            heat: HeatState {
                map: HeatMap {
                    counts: Vec::new(),
                    without_target: 0,
                },
                kind: Kind::Risk,
                position: Position::Current,
                cursor: Score::new(1, 1),
            },
            overlays: Vec::new(),
            search: None,
            scoring: None,
            status: Status::None,
            save: SaveState::default(),
            problems,
            findings,
            state,
            help_scroll: 0,
            help_scroll_max: Cell::new(usize::MAX),
            too_small: Cell::new(false),
            meeting: MeetingState::default(),
            audit_period: Period::last_year(today),
            audit: Vec::new(),
            audit_selected: 0,
            page_rows: Cell::new(10),
            quitting: false,
            read_only: None,
            base: Register::new(""),
            on_disk: None,
            waiting_for_editor: false,
            lock_free: false,
            following: true,
            editing_original: None,
            outside_change: None,
            needs_baseline: false,
            undo: Default::default(),
            keys: Keymap::default(),
        };
        app.needs_baseline = !baseline::unprotected(&app.register).is_empty();
        app.replaced();
        if meetings::open_meeting(&app.register).is_some() {
            app.show(Overlay::ResumeMeeting);
        }
        if !app.problems.is_empty() {
            app.show(Overlay::Problems);
        }
        app.data_changed();
        app
    }

    /// Someone else's version of the file: taken at once when nothing of
    /// ours is unsaved, otherwise the user chooses (merge or reload).
    pub fn disk_changed(&mut self, disk: OnDisk) {
        if Some(disk.fingerprint) == self.save.fingerprint {
            return;
        }
        let ours_unsaved = self.save.dirty || self.save.in_flight;
        if self.read_only.is_some() || !ours_unsaved {
            let who = if self.read_only.is_some() {
                "the file was saved by the editor"
            } else {
                "the file was changed outside roreg"
            };
            self.take_disk_version(disk);
            let reloaded = self.now.0.format("%H:%M:%S");
            match &self.outside_change {
                Some(change) if self.read_only.is_none() => self.info(format!(
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
        self.outside_change = outside::find(&disk.register, &[&self.base]);
        self.needs_baseline = !baseline::unprotected(&disk.register).is_empty();
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
        if self.following
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
            if self.read_only.is_some() && !self.screens.contains(&Screen::Meeting) {
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
        self.outside_change = outside::find(&self.register, &[]);
    }

    /// Shows a screen; one already open further down is returned to instead.
    pub fn show_screen(&mut self, screen: Screen) {
        if let Some(at) = self.screens.iter().position(|s| *s == screen) {
            self.screens.truncate(at + 1);
        } else {
            self.screens.push(screen);
        }
    }

    /// Puts a popup on top; a question already waiting is not asked twice.
    pub fn show(&mut self, overlay: Overlay) {
        let same = |o: &Overlay| std::mem::discriminant(o) == std::mem::discriminant(&overlay);
        if !matches!(overlay, Overlay::Form(..)) && self.overlays.iter().any(same) {
            return;
        }
        self.overlays.push(overlay);
    }

    pub fn screen(&self) -> Screen {
        *self.screens.last().unwrap_or(&Screen::Register)
    }

    /// The register was replaced as a whole: its problems and its state
    /// are worked out from scratch.
    fn checked_whole(&mut self) {
        self.findings = Findings::of(&self.register);
        self.problems = self.findings.problems();
        self.state = StateTree::of(&self.register);
    }

    /// The register was replaced as a whole (loaded, reloaded, merged):
    /// the background writer is given all of it once.
    fn replaced(&mut self) {
        self.save.unsent = vec![Update::Whole(Box::new(self.register.clone()))];
    }

    /// Rebuilds the derived lists after the data, a filter or the sort changed,
    /// keeping the selection on the same item where it is still shown.
    /// The register itself changed (loaded, reloaded, merged, a change):
    /// what depends only on the data, then everything derived from it.
    pub fn data_changed(&mut self) {
        self.list.id_width = self
            .register
            .items
            .iter()
            .map(|i| crate::text::width(&crate::text::one_line(&i.id)))
            .max()
            .unwrap_or(0)
            .clamp(2, ID_WIDTH_AT_MOST);
        self.refresh();
    }

    pub fn refresh(&mut self) {
        let selected_id = self.selected_item().map(|i| i.id.clone());
        self.list.view = queries::select(
            &self.register,
            &self.list.filter,
            self.list.sort,
            self.list.reverse,
            self.today,
        );
        self.list.selected = selected_id
            .and_then(|id| {
                self.list
                    .view
                    .iter()
                    .position(|&i| self.register.items[i].id == id)
            })
            .unwrap_or(self.list.selected)
            .min(self.list.view.len().saturating_sub(1));
        self.overdue = Overdue {
            reviews: self
                .register
                .items
                .iter()
                .filter(|i| queries::review_overdue(i, self.today))
                .count(),
            actions: self
                .register
                .items
                .iter()
                .map(|i| queries::overdue_actions(i, self.today))
                .sum(),
        };
        self.refresh_heat_map();
        self.actions.rows =
            queries::all_actions(&self.register, self.actions.owner.as_deref(), self.today);
        // Stay on the same action when the order changes (it was just done, say).
        if let Some(keep) = &self.actions.selected_id
            && let Some(at) = self.actions.rows.iter().position(|r| {
                let item = &self.register.items[r.item];
                item.id == keep.0 && item.actions[r.action].id == keep.1
            })
        {
            self.actions.selected = at;
        }
        self.clamp_selections();
    }

    /// Keeps every selection on a row that is there, after the lists moved.
    pub(super) fn clamp_selections(&mut self) {
        self.actions.selected = self
            .actions
            .selected
            .min(self.actions.rows.len().saturating_sub(1));
        self.remember_action_selection();
        if let Some(item) = self.register.item(&self.detail.item_id) {
            self.detail.action = self.detail.action.min(item.actions.len().saturating_sub(1));
        }
        let open_on_card = self.card_actions().len();
        self.meeting.action = self.meeting.action.min(open_on_card.saturating_sub(1));
        self.refresh_audit();
    }

    /// Notes which action the actions view has selected, by id.
    pub fn remember_action_selection(&mut self) {
        self.actions.selected_id = self.actions.rows.get(self.actions.selected).map(|r| {
            let item = &self.register.items[r.item];
            (item.id.clone(), item.actions[r.action].id.clone())
        });
    }

    /// Recounts the heat map after its kind or position changed.
    pub fn refresh_heat_map(&mut self) {
        self.heat.map = queries::heat_map(&self.register, self.heat.kind, self.heat.position);
    }

    /// The item under the cursor of the register list.
    pub fn selected_item(&self) -> Option<&crate::domain::Item> {
        self.list
            .view
            .get(self.list.selected)
            // An index from before a reload may be past the end.
            .and_then(|&i| self.register.items.get(i))
    }

    /// The item that item keys (score, edit, add action) act on here.
    pub fn focused_item_id(&self) -> Option<String> {
        match self.screen() {
            Screen::Detail => Some(self.detail.item_id.clone()),
            Screen::Meeting => self.meeting_item(),
            _ => self.selected_item().map(|i| i.id.clone()),
        }
    }

    /// Open actions of the item on the meeting card, in the order shown.
    pub fn card_actions(&self) -> Vec<String> {
        let Some(item) = self.meeting_item().and_then(|id| self.register.item(&id)) else {
            return Vec::new();
        };
        item.actions
            .iter()
            .filter(|a| a.status.is_open())
            .map(|a| a.id.clone())
            .collect()
    }

    /// The item on the meeting card: the agenda item at the facilitator's position.
    pub fn meeting_item(&self) -> Option<String> {
        meetings::open_meeting(&self.register)?
            .agenda
            .get(self.meeting.position)
            .cloned()
    }

    /// Recounts the audit figures; only while the audit view is open.
    pub fn refresh_audit(&mut self) {
        if self.screens.contains(&Screen::Audit) {
            let audit = crate::domain::audit::audit(&self.register, self.audit_period, self.today);
            self.audit = audit.figures(&self.register);
            self.audit
                .push(crate::domain::audit::history_integrity(&self.register));
            self.audit_selected = self.audit_selected.min(self.audit.len().saturating_sub(1));
        }
    }

    /// The key a message names for `intent` on the screen shown.
    pub fn key(&self, intent: Intent) -> String {
        self.keys.key(self.screen(), intent)
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Status::Info(text.into());
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Status::Error(text.into());
    }

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

    pub fn error_count(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }
}
