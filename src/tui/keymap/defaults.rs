//! The keys roreg ships with. `keys.ron` changes them per screen (see
//! `overrides`); everything that shows a key reads the table in effect.

use ratatui::crossterm::event::KeyCode;

use super::{Binding, Intent, Key, Places, Screen};
use popups::POPUPS;

mod popups;

/// A screen binding; no screens means every screen.
struct Screens {
    keys: &'static [Key],
    intent: Intent,
    screens: &'static [Screen],
    help: &'static str,
    hint: Option<&'static str>,
}

use Intent as I;
use Key::{Char as C, Code, Ctrl};
use Screen as S;

const LISTS: &[Screen] = &[S::Register, S::Detail, S::Actions, S::People, S::Customers];
const ITEM: &[Screen] = &[S::Register, S::Detail, S::Meeting];

/// Screen-specific bindings come before the global ones, so `h` moves left
/// on the heat map but opens it everywhere else.
const SCREENS: &[Screens] = &[
    Screens {
        keys: &[C('j'), Code(KeyCode::Down)],
        intent: I::Down,
        screens: &[S::Meeting],
        help: "select the next open action (to mark it done)",
        hint: None,
    },
    Screens {
        keys: &[C('k'), Code(KeyCode::Up)],
        intent: I::Up,
        screens: &[S::Meeting],
        help: "select the previous open action",
        hint: None,
    },
    Screens {
        keys: &[C('h'), Code(KeyCode::Left)],
        intent: I::Left,
        screens: &[S::Meeting],
        help: "previous agenda item",
        hint: None,
    },
    Screens {
        keys: &[C('l'), Code(KeyCode::Right)],
        intent: I::Right,
        screens: &[S::Meeting],
        help: "next agenda item",
        hint: Some("next"),
    },
    Screens {
        keys: &[Code(KeyCode::Enter)],
        intent: I::Open,
        screens: &[S::Meeting],
        help: "reviewed: record the item as reviewed (score confirmed) and go on",
        hint: Some("reviewed"),
    },
    Screens {
        keys: &[C('d')],
        intent: I::Decision,
        screens: &[S::Meeting],
        help: "record the decision on this item",
        hint: Some("decision"),
    },
    Screens {
        keys: &[C('v')],
        intent: I::NextReview,
        screens: &[S::Meeting],
        help: "agree the next review date (default: from the band)",
        hint: None,
    },
    Screens {
        keys: &[C('+')],
        intent: I::AddItem,
        screens: &[S::Meeting],
        help: "add any item to the agenda, after this one",
        hint: None,
    },
    Screens {
        keys: &[C('s')],
        intent: I::Skip,
        screens: &[S::Meeting],
        help: "skip this item, saying why: the minutes list it; it moves to the end of the agenda",
        hint: None,
    },
    Screens {
        keys: &[C('K')],
        intent: I::MoveUp,
        screens: &[S::Meeting],
        help: "move this item earlier in the agenda",
        hint: None,
    },
    Screens {
        keys: &[C('J')],
        intent: I::MoveDown,
        screens: &[S::Meeting],
        help: "move this item later in the agenda",
        hint: None,
    },
    Screens {
        keys: &[C('P')],
        intent: I::Presence,
        screens: &[S::Meeting],
        help: "someone arrived late or left early: who, and when",
        hint: None,
    },
    Screens {
        keys: &[C('G')],
        intent: I::Guest,
        screens: &[S::Meeting],
        help: "a guest from outside the register: name, role, organisation",
        hint: None,
    },
    Screens {
        keys: &[C('N')],
        intent: I::Notes,
        screens: &[S::Meeting],
        help: "the meeting's notes: what the minutes should keep beyond the decisions",
        hint: None,
    },
    Screens {
        keys: &[C('I')],
        intent: I::Inputs,
        screens: &[S::Meeting],
        help: "management review: the 9.3.2 inputs considered, each with a note and its evidence",
        hint: None,
    },
    Screens {
        keys: &[C('E')],
        intent: I::EditAction,
        screens: &[S::Meeting],
        help: "edit the selected open action (its text, owner, due date, status)",
        hint: None,
    },
    Screens {
        keys: &[C('f')],
        intent: I::Finish,
        screens: &[S::Meeting],
        help: "finish: the summary, then close the meeting",
        hint: Some("finish"),
    },
    Screens {
        keys: &[Code(KeyCode::Enter)],
        intent: I::Open,
        screens: &[S::Audit],
        help: "show the records behind the figure",
        hint: Some("records"),
    },
    Screens {
        keys: &[C('p')],
        intent: I::Period,
        screens: &[S::Audit],
        help: "change the period",
        hint: Some("period"),
    },
    Screens {
        keys: &[C('h'), Code(KeyCode::Left)],
        intent: I::Left,
        screens: &[S::HeatMap],
        help: "move left",
        hint: None,
    },
    Screens {
        keys: &[C('l'), Code(KeyCode::Right)],
        intent: I::Right,
        screens: &[S::HeatMap],
        help: "move right",
        hint: None,
    },
    Screens {
        keys: &[C('j'), Code(KeyCode::Down)],
        intent: I::Down,
        screens: &[],
        help: "move down",
        hint: None,
    },
    Screens {
        keys: &[C('k'), Code(KeyCode::Up)],
        intent: I::Up,
        screens: &[],
        help: "move up",
        hint: None,
    },
    Screens {
        keys: &[Code(KeyCode::PageDown), Ctrl('d')],
        intent: I::PageDown,
        screens: LISTS,
        help: "page down",
        hint: None,
    },
    Screens {
        keys: &[Code(KeyCode::PageUp), Ctrl('u')],
        intent: I::PageUp,
        screens: LISTS,
        help: "page up",
        hint: None,
    },
    Screens {
        keys: &[C('g'), Code(KeyCode::Home)],
        intent: I::Top,
        screens: LISTS,
        help: "first row",
        hint: None,
    },
    Screens {
        keys: &[C('G'), Code(KeyCode::End)],
        intent: I::Bottom,
        screens: LISTS,
        help: "last row",
        hint: None,
    },
    Screens {
        keys: &[Code(KeyCode::Enter)],
        intent: I::Open,
        screens: &[S::Register],
        help: "open the item's detail",
        hint: Some("open"),
    },
    Screens {
        keys: &[Code(KeyCode::Enter)],
        intent: I::Open,
        screens: &[S::Detail],
        help: "edit the selected action",
        hint: Some("edit action"),
    },
    Screens {
        keys: &[Code(KeyCode::Enter)],
        intent: I::Open,
        screens: &[S::Actions],
        help: "open the action's item",
        hint: Some("open item"),
    },
    Screens {
        keys: &[Code(KeyCode::Enter)],
        intent: I::Open,
        screens: &[S::HeatMap],
        help: "show this cell's items in the register",
        hint: Some("filter"),
    },
    Screens {
        keys: &[Code(KeyCode::Enter), C('e')],
        intent: I::Edit,
        screens: &[S::People],
        help: "edit the person: name, role, top management, logins (the id stays)",
        hint: Some("edit"),
    },
    Screens {
        keys: &[C('n')],
        intent: I::New,
        screens: &[S::People],
        help: "add a person",
        hint: Some("add"),
    },
    Screens {
        keys: &[C('t')],
        intent: I::TopManagement,
        screens: &[S::People],
        help: "top management (★) or not",
        hint: Some("★"),
    },
    Screens {
        keys: &[C('r')],
        intent: I::Retire,
        screens: &[S::People],
        help: "retire someone who has left (no longer offered as owner or attendee), or reinstate them",
        hint: Some("retire"),
    },
    Screens {
        keys: &[C('D')],
        intent: I::Delete,
        screens: &[S::People],
        help: "delete someone nothing refers to (else retire them)",
        hint: None,
    },
    Screens {
        keys: &[Code(KeyCode::Enter)],
        intent: I::Open,
        screens: &[S::Customers],
        help: "on the list: go to its lines on the right; on a line: open its item (or measure)",
        hint: Some("open"),
    },
    Screens {
        keys: &[Code(KeyCode::Tab), Code(KeyCode::Right)],
        intent: I::Right,
        screens: &[S::Customers],
        help: "to the lines on the right (their items and measures)",
        hint: Some("lines"),
    },
    Screens {
        keys: &[Code(KeyCode::BackTab), Code(KeyCode::Left)],
        intent: I::Left,
        screens: &[S::Customers],
        help: "back to the list of customers and measures",
        hint: None,
    },
    Screens {
        keys: &[C('r')],
        intent: I::AddReading,
        screens: &[S::Customers],
        help: "add a reading of the measure: date, value, note",
        hint: Some("reading"),
    },
    Screens {
        keys: &[C('/')],
        intent: I::Search,
        screens: &[S::Register],
        help: "search id, title, description, owner",
        hint: Some("search"),
    },
    Screens {
        keys: &[C('f')],
        intent: I::Filter,
        screens: &[S::Register],
        help: "filter by kind, band, status, owner, affects, overdue",
        hint: Some("filter"),
    },
    Screens {
        keys: &[C('c')],
        intent: I::ClearFilter,
        screens: &[S::Register],
        help: "clear search and filters",
        hint: None,
    },
    Screens {
        keys: &[C('s')],
        intent: I::Sort,
        screens: &[S::Register],
        help: "next sort column",
        hint: Some("sort"),
    },
    Screens {
        keys: &[C('S')],
        intent: I::SortReverse,
        screens: &[S::Register],
        help: "reverse the sort",
        hint: None,
    },
    Screens {
        keys: &[C('n')],
        intent: I::New,
        screens: &[S::Register],
        help: "new risk or opportunity",
        hint: Some("new"),
    },
    Screens {
        keys: &[C('e')],
        intent: I::Edit,
        screens: ITEM,
        help: "edit the item",
        hint: Some("edit"),
    },
    Screens {
        keys: &[Key::Digit],
        intent: I::Level(0),
        screens: ITEM,
        help: "score: likelihood, then impact (or benefit)",
        hint: Some("score"),
    },
    Screens {
        keys: &[C('t')],
        intent: I::ScoreTarget,
        screens: ITEM,
        help: "score the target instead of the current position",
        hint: None,
    },
    Screens {
        keys: &[C('t')],
        intent: I::ScoreTarget,
        screens: &[S::HeatMap],
        help: "switch current / target positions",
        hint: Some("current/target"),
    },
    Screens {
        keys: &[Code(KeyCode::Tab)],
        intent: I::SwitchKind,
        screens: &[S::HeatMap],
        help: "switch risks / opportunities",
        hint: Some("risks/opps"),
    },
    Screens {
        keys: &[C('a')],
        intent: I::AddAction,
        screens: ITEM,
        help: "add an action",
        hint: Some("action"),
    },
    Screens {
        keys: &[C('x')],
        intent: I::MarkDone,
        screens: &[S::Detail, S::Actions, S::Meeting],
        help: "mark the action done, then check effectiveness",
        hint: Some("done"),
    },
    Screens {
        keys: &[C('o')],
        intent: I::OwnerFilter,
        screens: &[S::Actions],
        help: "next owner (all, then each person)",
        hint: Some("owner"),
    },
    Screens {
        keys: &[C('m')],
        intent: I::Meeting,
        screens: &[],
        help: "meeting mode: start a meeting or resume the open one",
        hint: Some("meeting"),
    },
    Screens {
        keys: &[C('u')],
        intent: I::Audit,
        screens: &[],
        help: "audit view: participation and evidence figures",
        hint: Some("audit"),
    },
    Screens {
        keys: &[C('T')],
        intent: I::TakeOver,
        screens: &[],
        help: "take over editing, once the editor has left (read-only)",
        hint: None,
    },
    Screens {
        keys: &[C('F')],
        intent: I::Follow,
        screens: &[],
        help: "follow the facilitator's meeting item (read-only)",
        hint: None,
    },
    Screens {
        keys: &[C('h')],
        intent: I::HeatMap,
        screens: &[],
        help: "heat map",
        hint: Some("heat map"),
    },
    Screens {
        keys: &[C('A')],
        intent: I::ActionsView,
        screens: &[],
        help: "all actions, overdue first",
        hint: Some("actions"),
    },
    Screens {
        keys: &[C('P')],
        intent: I::People,
        screens: &[],
        help: "people: add, edit, top management, retire",
        hint: None,
    },
    Screens {
        keys: &[C('C')],
        intent: I::CustomerFocus,
        screens: &[],
        help: "customer focus: customers, requirements, measures, risks (5.1.2)",
        hint: None,
    },
    Screens {
        keys: &[C('!')],
        intent: I::Problems,
        screens: &[],
        help: "problems found in the file",
        hint: None,
    },
    Screens {
        keys: &[C('z')],
        intent: I::Undo,
        screens: &[],
        help: "undo the last change made in this session (recorded as a change)",
        hint: None,
    },
    Screens {
        keys: &[C('Z')],
        intent: I::Redo,
        screens: &[],
        help: "redo the change undone last",
        hint: None,
    },
    Screens {
        keys: &[C('w')],
        intent: I::Save,
        screens: &[],
        help: "save now (retries a failed save)",
        hint: None,
    },
    Screens {
        keys: &[C('?')],
        intent: I::Help,
        screens: &[],
        help: "help: the keys of this screen",
        hint: Some("help"),
    },
    Screens {
        keys: &[C('q'), Code(KeyCode::Esc)],
        intent: I::Back,
        screens: &[],
        help: "back; quit from the register",
        hint: Some("back/quit"),
    },
    Screens {
        keys: &[Ctrl('c')],
        intent: I::Quit,
        screens: &[],
        help: "quit (waits for a save in progress)",
        hint: None,
    },
];

/// The table roreg ships with, screens' bindings first.
pub fn bindings() -> Vec<Binding> {
    let screens = SCREENS.iter().map(|b| Binding {
        keys: b.keys.to_vec(),
        intent: b.intent,
        places: if b.screens.is_empty() {
            Places::EveryScreen { except: Vec::new() }
        } else {
            Places::Only(b.screens.iter().map(|s| (*s).into()).collect())
        },
        help: b.help,
        hint: b.hint,
    });
    let popups = POPUPS.iter().map(|b| Binding {
        keys: b.keys.to_vec(),
        intent: b.intent,
        places: Places::Only(vec![b.popup.into()]),
        help: b.help,
        hint: None,
    });
    screens.chain(popups).collect()
}
