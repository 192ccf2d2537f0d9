//! Every key binding in one table. Key handling, the footer hints and the help
//! overlay all read it, so what the screen says is what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The screens that have their own keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Screen {
    Register,
    Detail,
    Actions,
    HeatMap,
    Meeting,
    Audit,
}

impl Screen {
    pub fn title(self) -> &'static str {
        match self {
            Screen::Register => "Register",
            Screen::Detail => "Item",
            Screen::Actions => "Actions",
            Screen::HeatMap => "Heat map",
            Screen::Meeting => "Meeting",
            Screen::Audit => "Audit",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    Left,
    Right,
    Open,
    Search,
    Filter,
    ClearFilter,
    Sort,
    SortReverse,
    New,
    Edit,
    /// A digit 1–9: a level while scoring.
    Level(u8),
    ScoreTarget,
    AddAction,
    MarkDone,
    OwnerFilter,
    SwitchKind,
    HeatMap,
    ActionsView,
    Problems,
    Meeting,
    Audit,
    Decision,
    NextReview,
    AddItem,
    Skip,
    MoveUp,
    MoveDown,
    Finish,
    Period,
    TakeOver,
    Follow,
    Help,
    Save,
    Undo,
    Redo,
    Back,
    Quit,
}

/// How a binding is typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Code(KeyCode),
    Ctrl(char),
    /// Any of 1–9.
    Digit,
}

impl Key {
    fn matches(self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        match (self, event.code) {
            (Key::Ctrl(c), KeyCode::Char(typed)) => ctrl && typed.eq_ignore_ascii_case(&c),
            (_, _) if ctrl || event.modifiers.contains(KeyModifiers::ALT) => false,
            (Key::Char(c), KeyCode::Char(typed)) => c == typed,
            (Key::Code(code), typed) => code == typed,
            (Key::Digit, KeyCode::Char(typed)) => matches!(typed, '1'..='9'),
            _ => false,
        }
    }

    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Digit => "1–9".into(),
            Key::Code(code) => match code {
                KeyCode::Down => "↓".into(),
                KeyCode::Up => "↑".into(),
                KeyCode::Left => "←".into(),
                KeyCode::Right => "→".into(),
                KeyCode::PageDown => "PgDn".into(),
                KeyCode::PageUp => "PgUp".into(),
                KeyCode::Home => "Home".into(),
                KeyCode::End => "End".into(),
                KeyCode::Enter => "Enter".into(),
                KeyCode::Esc => "Esc".into(),
                KeyCode::Tab => "Tab".into(),
                KeyCode::Backspace => "Backspace".into(),
                other => format!("{other}"),
            },
        }
    }
}

pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    /// Where it works; empty means on every screen.
    pub screens: &'static [Screen],
    /// What it does, for the help overlay.
    pub help: &'static str,
    /// A one-word hint for the footer; `None` keeps it out of the footer.
    pub hint: Option<&'static str>,
}

use Action as A;
use Key::{Char as C, Code, Ctrl};
use Screen as S;

const LISTS: &[Screen] = &[S::Register, S::Detail, S::Actions];
const ITEM: &[Screen] = &[S::Register, S::Detail, S::Meeting];

/// Screen-specific bindings come before the global ones, so `h` moves left
/// on the heat map but opens it everywhere else.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[C('j'), Code(KeyCode::Down)],
        action: A::Down,
        screens: &[S::Meeting],
        help: "select the next open action (x closes it)",
        hint: None,
    },
    Binding {
        keys: &[C('k'), Code(KeyCode::Up)],
        action: A::Up,
        screens: &[S::Meeting],
        help: "select the previous open action",
        hint: None,
    },
    Binding {
        keys: &[C('h'), Code(KeyCode::Left)],
        action: A::Left,
        screens: &[S::Meeting],
        help: "previous agenda item",
        hint: None,
    },
    Binding {
        keys: &[C('l'), Code(KeyCode::Right)],
        action: A::Right,
        screens: &[S::Meeting],
        help: "next agenda item",
        hint: Some("next"),
    },
    Binding {
        keys: &[Code(KeyCode::Enter)],
        action: A::Open,
        screens: &[S::Meeting],
        help: "reviewed: record the item as reviewed (score confirmed) and go on",
        hint: Some("reviewed"),
    },
    Binding {
        keys: &[C('d')],
        action: A::Decision,
        screens: &[S::Meeting],
        help: "record the decision on this item",
        hint: Some("decision"),
    },
    Binding {
        keys: &[C('v')],
        action: A::NextReview,
        screens: &[S::Meeting],
        help: "agree the next review date (default: from the band)",
        hint: None,
    },
    Binding {
        keys: &[C('+')],
        action: A::AddItem,
        screens: &[S::Meeting],
        help: "add any item to the agenda, after this one",
        hint: None,
    },
    Binding {
        keys: &[C('s')],
        action: A::Skip,
        screens: &[S::Meeting],
        help: "skip: move this item to the end of the agenda",
        hint: None,
    },
    Binding {
        keys: &[C('K')],
        action: A::MoveUp,
        screens: &[S::Meeting],
        help: "move this item earlier in the agenda",
        hint: None,
    },
    Binding {
        keys: &[C('J')],
        action: A::MoveDown,
        screens: &[S::Meeting],
        help: "move this item later in the agenda",
        hint: None,
    },
    Binding {
        keys: &[C('f')],
        action: A::Finish,
        screens: &[S::Meeting],
        help: "finish: the summary, then close the meeting",
        hint: Some("finish"),
    },
    Binding {
        keys: &[Code(KeyCode::Enter)],
        action: A::Open,
        screens: &[S::Audit],
        help: "show the records behind the figure",
        hint: Some("records"),
    },
    Binding {
        keys: &[C('p')],
        action: A::Period,
        screens: &[S::Audit],
        help: "change the period",
        hint: Some("period"),
    },
    Binding {
        keys: &[C('h'), Code(KeyCode::Left)],
        action: A::Left,
        screens: &[S::HeatMap],
        help: "move left",
        hint: None,
    },
    Binding {
        keys: &[C('l'), Code(KeyCode::Right)],
        action: A::Right,
        screens: &[S::HeatMap],
        help: "move right",
        hint: None,
    },
    Binding {
        keys: &[C('j'), Code(KeyCode::Down)],
        action: A::Down,
        screens: &[],
        help: "move down",
        hint: None,
    },
    Binding {
        keys: &[C('k'), Code(KeyCode::Up)],
        action: A::Up,
        screens: &[],
        help: "move up",
        hint: None,
    },
    Binding {
        keys: &[Code(KeyCode::PageDown), Ctrl('d')],
        action: A::PageDown,
        screens: LISTS,
        help: "page down",
        hint: None,
    },
    Binding {
        keys: &[Code(KeyCode::PageUp), Ctrl('u')],
        action: A::PageUp,
        screens: LISTS,
        help: "page up",
        hint: None,
    },
    Binding {
        keys: &[C('g'), Code(KeyCode::Home)],
        action: A::Top,
        screens: LISTS,
        help: "first row",
        hint: None,
    },
    Binding {
        keys: &[C('G'), Code(KeyCode::End)],
        action: A::Bottom,
        screens: LISTS,
        help: "last row",
        hint: None,
    },
    Binding {
        keys: &[Code(KeyCode::Enter)],
        action: A::Open,
        screens: &[S::Register],
        help: "open the item's detail",
        hint: Some("open"),
    },
    Binding {
        keys: &[Code(KeyCode::Enter)],
        action: A::Open,
        screens: &[S::Detail],
        help: "edit the selected action",
        hint: Some("edit action"),
    },
    Binding {
        keys: &[Code(KeyCode::Enter)],
        action: A::Open,
        screens: &[S::Actions],
        help: "open the action's item",
        hint: Some("open item"),
    },
    Binding {
        keys: &[Code(KeyCode::Enter)],
        action: A::Open,
        screens: &[S::HeatMap],
        help: "show this cell's items in the register",
        hint: Some("filter"),
    },
    Binding {
        keys: &[C('/')],
        action: A::Search,
        screens: &[S::Register],
        help: "search id, title, description, owner",
        hint: Some("search"),
    },
    Binding {
        keys: &[C('f')],
        action: A::Filter,
        screens: &[S::Register],
        help: "filter by kind, band, status, owner, affects, overdue",
        hint: Some("filter"),
    },
    Binding {
        keys: &[C('c')],
        action: A::ClearFilter,
        screens: &[S::Register],
        help: "clear search and filters",
        hint: None,
    },
    Binding {
        keys: &[C('s')],
        action: A::Sort,
        screens: &[S::Register],
        help: "next sort column",
        hint: Some("sort"),
    },
    Binding {
        keys: &[C('S')],
        action: A::SortReverse,
        screens: &[S::Register],
        help: "reverse the sort",
        hint: None,
    },
    Binding {
        keys: &[C('n')],
        action: A::New,
        screens: &[S::Register],
        help: "new risk or opportunity",
        hint: Some("new"),
    },
    Binding {
        keys: &[C('e')],
        action: A::Edit,
        screens: ITEM,
        help: "edit the item",
        hint: Some("edit"),
    },
    Binding {
        keys: &[Key::Digit],
        action: A::Level(0),
        screens: ITEM,
        help: "score: likelihood, then impact (or benefit)",
        hint: Some("score"),
    },
    Binding {
        keys: &[C('t')],
        action: A::ScoreTarget,
        screens: ITEM,
        help: "score the target instead of the current position",
        hint: None,
    },
    Binding {
        keys: &[C('t')],
        action: A::ScoreTarget,
        screens: &[S::HeatMap],
        help: "switch current / target positions",
        hint: Some("current/target"),
    },
    Binding {
        keys: &[Code(KeyCode::Tab)],
        action: A::SwitchKind,
        screens: &[S::HeatMap],
        help: "switch risks / opportunities",
        hint: Some("risks/opps"),
    },
    Binding {
        keys: &[C('a')],
        action: A::AddAction,
        screens: ITEM,
        help: "add an action",
        hint: Some("action"),
    },
    Binding {
        keys: &[C('x')],
        action: A::MarkDone,
        screens: &[S::Detail, S::Actions, S::Meeting],
        help: "mark the action done, then check effectiveness",
        hint: Some("done"),
    },
    Binding {
        keys: &[C('o')],
        action: A::OwnerFilter,
        screens: &[S::Actions],
        help: "next owner (all, then each person)",
        hint: Some("owner"),
    },
    Binding {
        keys: &[C('m')],
        action: A::Meeting,
        screens: &[],
        help: "meeting mode: start a meeting or resume the open one",
        hint: Some("meeting"),
    },
    Binding {
        keys: &[C('u')],
        action: A::Audit,
        screens: &[],
        help: "audit view: participation and evidence figures",
        hint: Some("audit"),
    },
    Binding {
        keys: &[C('T')],
        action: A::TakeOver,
        screens: &[],
        help: "take over editing, once the editor has left (read-only)",
        hint: None,
    },
    Binding {
        keys: &[C('F')],
        action: A::Follow,
        screens: &[],
        help: "follow the facilitator's meeting item (read-only)",
        hint: None,
    },
    Binding {
        keys: &[C('h')],
        action: A::HeatMap,
        screens: &[],
        help: "heat map",
        hint: Some("heat map"),
    },
    Binding {
        keys: &[C('A')],
        action: A::ActionsView,
        screens: &[],
        help: "all actions, overdue first",
        hint: Some("actions"),
    },
    Binding {
        keys: &[C('!')],
        action: A::Problems,
        screens: &[],
        help: "problems found in the file",
        hint: None,
    },
    Binding {
        keys: &[C('z')],
        action: A::Undo,
        screens: &[],
        help: "undo the last change made in this session (recorded as a change)",
        hint: None,
    },
    Binding {
        keys: &[C('Z')],
        action: A::Redo,
        screens: &[],
        help: "redo the change undone last",
        hint: None,
    },
    Binding {
        keys: &[C('w')],
        action: A::Save,
        screens: &[],
        help: "save now (retries a failed save)",
        hint: None,
    },
    Binding {
        keys: &[C('?')],
        action: A::Help,
        screens: &[],
        help: "help: the keys of this screen",
        hint: Some("help"),
    },
    Binding {
        keys: &[C('q'), Code(KeyCode::Esc)],
        action: A::Back,
        screens: &[],
        help: "back; quit from the register",
        hint: Some("back/quit"),
    },
    Binding {
        keys: &[Ctrl('c')],
        action: A::Quit,
        screens: &[],
        help: "quit (waits for a save in progress)",
        hint: None,
    },
];

fn applies(binding: &Binding, screen: Screen) -> bool {
    binding.screens.is_empty() || binding.screens.contains(&screen)
}

/// The action a key press means on a screen, specific bindings first.
pub fn lookup(screen: Screen, event: &KeyEvent) -> Option<Action> {
    let specific = BINDINGS.iter().filter(|b| !b.screens.is_empty());
    let global = BINDINGS.iter().filter(|b| b.screens.is_empty());
    let binding = specific
        .chain(global)
        .filter(|b| applies(b, screen))
        .find(|b| b.keys.iter().any(|k| k.matches(event)))?;
    Some(match (binding.action, event.code) {
        (A::Level(_), KeyCode::Char(d)) => A::Level(d.to_digit(10).unwrap_or(0) as u8),
        (action, _) => action,
    })
}

/// The bindings that work on a screen, as shown in help: keys and meaning.
pub fn help(screen: Screen) -> Vec<(String, &'static str)> {
    let mut seen_actions = Vec::new();
    let mut lines = Vec::new();
    for b in BINDINGS.iter().filter(|b| applies(b, screen)) {
        // A key taken by a screen-specific binding is not also listed globally.
        let keys: Vec<String> = b
            .keys
            .iter()
            .filter(|k| !shadowed(screen, **k, b))
            .map(|k| k.label())
            .collect();
        if keys.is_empty() || seen_actions.contains(&(b.action, b.help)) {
            continue;
        }
        seen_actions.push((b.action, b.help));
        lines.push((keys.join(" "), b.help));
    }
    lines
}

fn shadowed(screen: Screen, key: Key, binding: &Binding) -> bool {
    binding.screens.is_empty()
        && BINDINGS.iter().any(|other| {
            !other.screens.is_empty()
                && other.screens.contains(&screen)
                && other.keys.contains(&key)
        })
}

/// Footer hints for a screen: `(first key, hint)`.
pub fn hints(screen: Screen) -> Vec<(String, &'static str)> {
    let specific = BINDINGS.iter().filter(|b| !b.screens.is_empty());
    let global = BINDINGS.iter().filter(|b| b.screens.is_empty());
    specific
        .chain(global)
        .filter(|b| applies(b, screen))
        .filter_map(|b| {
            let hint = b.hint?;
            let key = b.keys.iter().find(|k| !shadowed(screen, **k, b))?;
            Some((key.label(), hint))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventKind;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new_with_kind(code, KeyModifiers::NONE, KeyEventKind::Press)
    }

    #[test]
    fn vim_keys_and_arrows_both_move() {
        assert_eq!(
            lookup(Screen::Register, &key(KeyCode::Char('j'))),
            Some(Action::Down)
        );
        assert_eq!(
            lookup(Screen::Register, &key(KeyCode::Down)),
            Some(Action::Down)
        );
        assert_eq!(
            lookup(Screen::Actions, &key(KeyCode::Char('k'))),
            Some(Action::Up)
        );
    }

    #[test]
    fn h_moves_left_on_the_heat_map_and_opens_it_elsewhere() {
        assert_eq!(
            lookup(Screen::HeatMap, &key(KeyCode::Char('h'))),
            Some(Action::Left)
        );
        assert_eq!(
            lookup(Screen::Register, &key(KeyCode::Char('h'))),
            Some(Action::HeatMap)
        );
        let help = help(Screen::HeatMap);
        assert!(
            !help
                .iter()
                .any(|(keys, what)| *what == "heat map" && keys.contains('h')),
            "{help:?}"
        );
    }

    #[test]
    fn digits_carry_their_level() {
        assert_eq!(
            lookup(Screen::Detail, &key(KeyCode::Char('4'))),
            Some(Action::Level(4))
        );
        assert_eq!(lookup(Screen::Actions, &key(KeyCode::Char('4'))), None);
    }

    #[test]
    fn every_esc_has_a_q_twin() {
        assert_eq!(
            lookup(Screen::Detail, &key(KeyCode::Esc)),
            Some(Action::Back)
        );
        assert_eq!(
            lookup(Screen::Detail, &key(KeyCode::Char('q'))),
            Some(Action::Back)
        );
    }

    #[test]
    fn ctrl_c_quits_and_is_not_c() {
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(Screen::Register, &ctrl_c), Some(Action::Quit));
        assert_eq!(
            lookup(Screen::Register, &key(KeyCode::Char('c'))),
            Some(Action::ClearFilter)
        );
    }

    #[test]
    fn help_lists_each_key_of_the_screen_once() {
        let lines = help(Screen::Register);
        assert!(
            lines
                .iter()
                .any(|(k, h)| k == "/" && h.starts_with("search"))
        );
        assert!(
            !lines
                .iter()
                .any(|(_, h)| *h == "mark the action done, then check effectiveness")
        );
        let hints = hints(Screen::Register);
        assert!(hints.contains(&("?".to_string(), "help")));
    }
}
