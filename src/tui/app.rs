//! The state of the interface: the register, the screens and popups open,
//! and what each screen remembers (`state`). Keys change it in `screens/`
//! and `popups/`; `view` draws it; only the run loop does I/O. Saving is in
//! `saving`, someone else's version of the file in `sharing`.

use std::path::PathBuf;

use crate::domain::baseline;
use crate::domain::edit::Update;
use crate::domain::history::StateTree;
use crate::domain::meetings;
use crate::domain::queries::{self, HeatMap};
use crate::domain::validation::Findings;
use crate::domain::{Date, Kind, Position, Problem, Register, Score, Severity, Timestamp};

use super::form::Form;
use super::keymap::{Intent, Keymap, Screen};
pub use super::state::{
    ActionsState, AuditState, CustomersState, DetailState, Drawn, HeatState, ID_WIDTH_AT_MOST,
    ListState, MeetingState, OnDisk, Order, Orders, Overdue, Owns, Pane, PeopleState, Protection,
    Reading, SaveJob, SaveState, Scoring, Sharing, UndoState,
};

/// What the run loop must do after an update.
#[derive(Debug)]
pub enum Cmd {
    None,
    Save(Box<SaveJob>),
    /// Try to become the writer: the editor has left.
    TakeOver,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    None,
    Info(String),
    Error(String),
}

/// What a form is for, so submitting it knows what to change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormPurpose {
    NewItem,
    EditItem(String),
    NewAction {
        item: String,
    },
    EditAction {
        item: String,
        action: String,
    },
    Effectiveness {
        item: String,
        action: String,
    },
    /// After a check found an action partly or not effective.
    FollowUp {
        item: String,
        action: String,
    },
    Filter,
    StartMeeting,
    Decision {
        item: String,
    },
    /// What was decided on an item before it counts as reviewed.
    Reviewed {
        item: String,
    },
    NextReview {
        item: String,
    },
    AddAgendaItem,
    /// The open meeting's notes.
    MeetingNotes,
    /// Someone arrived late or left early.
    Presence,
    /// A guest in the open meeting.
    Guest,
    /// Passing over an agenda item, with why.
    Skip {
        item: String,
    },
    /// A 9.3.2 input the open management review considered.
    Considered(crate::domain::ManagementInput),
    AuditPeriod,
    /// A person added on the people screen.
    NewPerson,
    /// A person's name, role, top management and logins edited.
    EditPerson(String),
    /// A reading of a measure, from the customer-focus screen.
    NewReading {
        measure: String,
    },
    /// The register has nobody yet: "Who are you?" adds the person editing,
    /// then the key that needed someone (if a key did) goes on.
    FirstPerson(Option<ratatui::crossterm::event::KeyEvent>),
    // Who is editing, asked before the first change; the key that
    // asked for the change then goes on.
    WhoIsEditing(ratatui::crossterm::event::KeyEvent),
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
    /// The meeting reviewed nothing: close it anyway, as held with no decisions?
    ConfirmCloseUnreviewed,
    /// Lines to read (changes that were not saved).
    Records {
        title: String,
        lines: Vec<String>,
    },
    /// The records behind an audit figure: a line per record, with the
    /// record's id where it has one, and the line selected.
    AuditRecords {
        title: String,
        lines: Vec<String>,
        ids: Vec<String>,
        selected: usize,
    },
    /// A meeting's minutes, read-only, over the records it was opened from.
    Minutes {
        meeting: String,
    },
    /// The file was changed by someone else while we have unsaved changes.
    DiskConflict,
    /// The open management review's 9.3.2 inputs, the line selected.
    ManagementInputs {
        selected: usize,
    },
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
    pub scoring: Option<Scoring>,
    pub status: Status,
    /// What is due for the editor, shown from start-up until the first key.
    pub banner: Option<super::banner::Banner>,
    pub save: SaveState,
    /// The register's problems as of now; a change may not add errors.
    pub problems: Vec<Problem>,
    /// The same, kept by what each is about, so a change rechecks only
    /// what it touched.
    pub findings: Findings,
    /// The state fingerprint, kept per record, so a change re-hashes only
    /// what it touched.
    pub state: StateTree,
    pub meeting: MeetingState,
    pub audit: AuditState,
    pub people: PeopleState,
    pub customers: CustomersState,
    /// The open list popup's scroll.
    pub reading: Reading,
    pub drawn: Drawn,
    pub sharing: Sharing,
    pub protection: Protection,
    pub quitting: bool,
    /// The register as it is on disk (last loaded or saved): the common
    /// ancestor when someone else's changes are merged with ours.
    pub base: Register,
    /// A version written by someone else, waiting for the user to choose.
    pub on_disk: Option<OnDisk>,
    /// The item as it was when its edit form opened, so saving the form
    /// applies only the fields the form changed.
    pub editing_original: Option<crate::domain::Item>,
    /// This session's changes, to take back (`z`) and make again (`Z`).
    pub undo: UndoState,
    /// The keys in effect: the shipped ones with the user's `keys.ron`.
    pub keys: Keymap,
    /// The audit records an item's detail was opened from: shown again
    /// when the user goes back to the audit view.
    pub back_to_records: Option<Overlay>,
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
            scoring: None,
            status: Status::None,
            banner: None,
            save: SaveState::default(),
            problems,
            findings,
            state,
            meeting: MeetingState::default(),
            audit: AuditState::new(today),
            people: PeopleState::default(),
            customers: CustomersState::default(),
            reading: Reading::default(),
            drawn: Drawn::default(),
            sharing: Sharing::default(),
            protection: Protection::default(),
            quitting: false,
            base: Register::new(""),
            on_disk: None,
            editing_original: None,
            undo: Default::default(),
            keys: Keymap::default(),
            back_to_records: None,
        };
        app.protection.needs_baseline = !baseline::unprotected(&app.register).is_empty();
        app.replaced();
        if meetings::open_meeting(&app.register).is_some() {
            app.show(Overlay::ResumeMeeting);
        }
        if !app.problems.is_empty() {
            app.show(Overlay::Problems);
        }
        if app.register.people.is_empty() {
            // Nobody to own an item or attend a meeting: ask who is here first.
            super::forms::person::ask_first_person(&mut app, None);
        }
        app.data_changed();
        // Made while the register opens, so no search letter waits for it.
        app.list.haystacks = Some(super::list_view::search_texts(&app.register));
        app
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
    pub(super) fn checked_whole(&mut self) {
        self.findings = Findings::of(&self.register);
        self.problems = self.findings.problems();
        self.state = StateTree::of(&self.register);
    }

    /// The register was replaced as a whole (loaded, reloaded, merged):
    /// the background writer is given all of it once.
    pub(super) fn replaced(&mut self) {
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
        // The texts searched belong to the items as they were.
        self.list.haystacks = None;
        self.list.orders = Orders::default();
        self.list_changed();
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
        self.refresh_actions();
        self.clamp_selections();
    }

    /// The actions view after the data or its owner filter changed.
    pub fn refresh_actions(&mut self) {
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
        self.actions.selected = self
            .actions
            .selected
            .min(self.actions.rows.len().saturating_sub(1));
        self.remember_action_selection();
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
        super::screens::people::recount(self);
        super::screens::customers::rebuild(self);
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
            let audit = crate::domain::audit::audit(&self.register, self.audit.period, self.today);
            self.audit.figures = audit.figures(&self.register);
            self.audit
                .figures
                .push(crate::domain::audit::history_integrity(&self.register));
            self.audit.selected = self
                .audit
                .selected
                .min(self.audit.figures.len().saturating_sub(1));
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

    pub fn error_count(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }
}
