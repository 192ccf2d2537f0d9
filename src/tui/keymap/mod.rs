//! Every key binding in one table: the screens', the popups', the forms' and
//! the prompts'. Key handling, the footer, the help, the popups' choices and
//! every message that names a key read it, so a key rebound in `keys.ron`
//! shows everywhere at once.
//!
//! The defaults are in [`defaults`]; [`overrides`] reads `keys.ron`.

pub mod defaults;
mod named;
pub mod overrides;

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
    /// The register's people: who may own, attend and edit.
    People,
    /// Customer focus (ISO 9001 5.1.2): customers, requirements, measures.
    Customers,
}

impl Screen {
    pub const ALL: [Screen; 8] = [
        Screen::Register,
        Screen::Detail,
        Screen::Actions,
        Screen::HeatMap,
        Screen::Meeting,
        Screen::Audit,
        Screen::People,
        Screen::Customers,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Screen::Register => "Register",
            Screen::Detail => "Item",
            Screen::Actions => "Actions",
            Screen::HeatMap => "Heat map",
            Screen::Meeting => "Meeting",
            Screen::Audit => "Audit",
            Screen::People => "People",
            Screen::Customers => "Customer focus",
        }
    }
}

/// Popups, forms and prompts: they take the keys while they are open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Popup {
    /// Typing a search on the register.
    Search,
    /// Any form (their typing keys are fixed; these are its commands).
    Form,
    /// A form with changes is being left: leave them?
    DiscardEdits,
    /// Help and the problems: lists to read.
    Reading,
    ResumeMeeting,
    DiskConflict,
    MeetingSummary,
    DropComments,
    QuitUnsaved,
    /// The records behind an audit figure, one selectable line each.
    AuditRecords,
    /// A meeting's minutes, read from the records list.
    Minutes,
    /// Closing a meeting that reviewed nothing: close it anyway?
    CloseUnreviewed,
    /// A management review's 9.3.2 inputs, one selectable line each.
    ManagementInputs,
}

impl Popup {
    pub const ALL: [Popup; 13] = [
        Popup::Search,
        Popup::Form,
        Popup::DiscardEdits,
        Popup::Reading,
        Popup::ResumeMeeting,
        Popup::DiskConflict,
        Popup::MeetingSummary,
        Popup::DropComments,
        Popup::QuitUnsaved,
        Popup::AuditRecords,
        Popup::Minutes,
        Popup::CloseUnreviewed,
        Popup::ManagementInputs,
    ];
}

/// Where a key is read: a screen or a popup on top of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Context {
    Screen(Screen),
    Popup(Popup),
}

impl From<Screen> for Context {
    fn from(screen: Screen) -> Context {
        Context::Screen(screen)
    }
}

impl From<Popup> for Context {
    fn from(popup: Popup) -> Context {
        Context::Popup(popup)
    }
}

/// The name `keys.ron` uses for "every screen".
pub const EVERY_SCREEN: &str = "every-screen";

impl Context {
    pub fn all() -> impl Iterator<Item = Context> {
        Screen::ALL
            .into_iter()
            .map(Context::Screen)
            .chain(Popup::ALL.into_iter().map(Context::Popup))
    }

    /// The name `keys.ron` and `roreg config keys` use.
    pub fn name(self) -> &'static str {
        match self {
            Context::Screen(Screen::Register) => "register",
            Context::Screen(Screen::Detail) => "item",
            Context::Screen(Screen::Actions) => "actions",
            Context::Screen(Screen::HeatMap) => "heat-map",
            Context::Screen(Screen::Meeting) => "meeting",
            Context::Screen(Screen::Audit) => "audit",
            Context::Screen(Screen::People) => "people",
            Context::Screen(Screen::Customers) => "customers",
            Context::Popup(Popup::Search) => "search",
            Context::Popup(Popup::Form) => "form",
            Context::Popup(Popup::DiscardEdits) => "discard-edits",
            Context::Popup(Popup::Reading) => "reading",
            Context::Popup(Popup::ResumeMeeting) => "resume-meeting",
            Context::Popup(Popup::DiskConflict) => "disk-conflict",
            Context::Popup(Popup::MeetingSummary) => "meeting-summary",
            Context::Popup(Popup::DropComments) => "drop-comments",
            Context::Popup(Popup::QuitUnsaved) => "quit-unsaved",
            Context::Popup(Popup::AuditRecords) => "audit-records",
            Context::Popup(Popup::Minutes) => "minutes",
            Context::Popup(Popup::CloseUnreviewed) => "close-unreviewed",
            Context::Popup(Popup::ManagementInputs) => "management-inputs",
        }
    }

    pub fn from_name(name: &str) -> Option<Context> {
        Context::all().find(|c| c.name() == name)
    }

    /// Whether a plain character would be typed rather than read as a key.
    pub fn types_text(self) -> bool {
        matches!(self, Context::Popup(Popup::Search | Popup::Form))
    }
}

/// What a key means. Named by what the user wants, not by the key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Intent {
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
    // Popups, forms and prompts.
    /// Keep what was typed (search) or say yes (a question).
    Accept,
    /// Leave without doing it.
    Cancel,
    Submit,
    NextField,
    PreviousField,
    ScrollDown,
    ScrollUp,
    ScrollTop,
    Close,
    Resume,
    Later,
    Merge,
    Reload,
    CloseMeeting,
    DiscardMeeting,
    SaveAndQuit,
    QuitWithoutSaving,
    /// On the meeting card: edit the selected open action.
    EditAction,
    /// In a meeting: its notes, as the minutes keep them.
    Notes,
    /// In a meeting: someone arrived late or left early.
    Presence,
    /// In a meeting: a guest from outside the register.
    Guest,
    /// In a management review: the 9.3.2 inputs it has considered.
    Inputs,
    /// Take back what was recorded (an input considered).
    Withdraw,
    /// The people screen.
    People,
    /// On the people screen: top management or not.
    TopManagement,
    /// On the people screen: retire someone who has left, or reinstate them.
    Retire,
    /// On the people screen: remove someone nothing refers to.
    Delete,
    /// The customer-focus screen.
    CustomerFocus,
    /// On the customer-focus screen: a new reading of the measure.
    AddReading,
}

pub use named::NAMED_INTENTS;

impl Intent {
    /// The name `keys.ron` uses: the variant's name.
    pub fn name(self) -> String {
        match self {
            Intent::Level(_) => "Level".to_string(),
            other => format!("{other:?}"),
        }
    }

    pub fn from_name(name: &str) -> Option<Intent> {
        NAMED_INTENTS.iter().copied().find(|i| i.name() == name)
    }
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

/// Named keys, as `keys.ron` writes them and as labels show them.
const NAMED_KEYS: &[(&str, KeyCode, &str)] = &[
    ("Down", KeyCode::Down, "↓"),
    ("Up", KeyCode::Up, "↑"),
    ("Left", KeyCode::Left, "←"),
    ("Right", KeyCode::Right, "→"),
    ("PageDown", KeyCode::PageDown, "PgDn"),
    ("PageUp", KeyCode::PageUp, "PgUp"),
    ("Home", KeyCode::Home, "Home"),
    ("End", KeyCode::End, "End"),
    ("Enter", KeyCode::Enter, "Enter"),
    ("Esc", KeyCode::Esc, "Esc"),
    ("Tab", KeyCode::Tab, "Tab"),
    ("BackTab", KeyCode::BackTab, "S-Tab"),
    ("Backspace", KeyCode::Backspace, "Backspace"),
    ("Delete", KeyCode::Delete, "Delete"),
    ("Insert", KeyCode::Insert, "Insert"),
];

impl Key {
    pub fn matches(self, event: &KeyEvent) -> bool {
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

    /// How help, footers and messages write the key.
    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Digit => "1–9".into(),
            Key::Code(KeyCode::F(n)) => format!("F{n}"),
            Key::Code(code) => NAMED_KEYS
                .iter()
                .find(|(_, c, _)| *c == code)
                .map_or_else(|| format!("{code}"), |(_, _, label)| label.to_string()),
        }
    }

    /// How `keys.ron` writes the key: parsed back by [`Key::parse`].
    pub fn spelling(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{c}"),
            Key::Digit => "1-9".into(),
            Key::Code(KeyCode::F(n)) => format!("F{n}"),
            Key::Code(code) => NAMED_KEYS
                .iter()
                .find(|(_, c, _)| *c == code)
                .map_or_else(|| format!("{code}"), |(name, _, _)| name.to_string()),
        }
    }

    /// A key as `keys.ron` writes it: one character (`"s"`, `"?"`), a named
    /// key (`"Enter"`, `"PageDown"`, `"F2"`, `"Space"`) or `"Ctrl-x"`.
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut chars = text.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return Ok(Key::Char(c));
        }
        if text == "Space" {
            return Ok(Key::Char(' '));
        }
        if let Some(rest) = text.strip_prefix("Ctrl-") {
            let mut chars = rest.chars();
            return match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii_alphanumeric() => {
                    Ok(Key::Ctrl(c.to_ascii_lowercase()))
                }
                _ => Err(format!(
                    "\"{text}\": Ctrl- takes one letter or digit, e.g. \"Ctrl-s\""
                )),
            };
        }
        if let Some(n) = text.strip_prefix('F').and_then(|n| n.parse::<u8>().ok())
            && (1..=12).contains(&n)
        {
            return Ok(Key::Code(KeyCode::F(n)));
        }
        NAMED_KEYS
            .iter()
            .find(|(name, _, label)| *name == text || *label == text)
            .map(|(_, code, _)| Key::Code(*code))
            .ok_or_else(|| {
                let names: Vec<&str> = NAMED_KEYS.iter().map(|(n, _, _)| *n).collect();
                format!(
                    "\"{text}\" is not a key; write one character, Space, F1–F12, Ctrl-<letter>, or one of {}",
                    names.join(", ")
                )
            })
    }
}

/// Where a binding works.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Places {
    /// On every screen (never in a popup) except these.
    EveryScreen {
        except: Vec<Screen>,
    },
    Only(Vec<Context>),
}

#[derive(Clone, Debug)]
pub struct Binding {
    pub keys: Vec<Key>,
    pub intent: Intent,
    pub places: Places,
    /// What it does, for the help.
    pub help: &'static str,
    /// A one-word hint for the footer; `None` keeps it out of the footer.
    pub hint: Option<&'static str>,
}

impl Binding {
    fn applies(&self, context: Context) -> bool {
        match (&self.places, context) {
            (Places::EveryScreen { except }, Context::Screen(s)) => !except.contains(&s),
            (Places::EveryScreen { .. }, Context::Popup(_)) => false,
            (Places::Only(places), c) => places.contains(&c),
        }
    }

    fn specific(&self) -> bool {
        matches!(self.places, Places::Only(_))
    }
}

/// The bindings in effect: the defaults with the user's `keys.ron` applied.
#[derive(Clone, Debug)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            bindings: defaults::bindings(),
        }
    }
}

impl Keymap {
    /// Specific bindings before the global ones, so `h` moves left on the
    /// heat map but opens it everywhere else.
    fn in_order(&self, context: Context) -> impl Iterator<Item = &Binding> {
        let specific = self.bindings.iter().filter(|b| b.specific());
        let global = self.bindings.iter().filter(|b| !b.specific());
        specific.chain(global).filter(move |b| b.applies(context))
    }

    /// What a key press means here, specific bindings first.
    pub fn lookup(&self, context: impl Into<Context>, event: &KeyEvent) -> Option<Intent> {
        let binding = self
            .in_order(context.into())
            .find(|b| b.keys.iter().any(|k| k.matches(event)))?;
        Some(match (binding.intent, event.code) {
            (Intent::Level(_), KeyCode::Char(d)) => {
                Intent::Level(d.to_digit(10).unwrap_or(0) as u8)
            }
            (intent, _) => intent,
        })
    }

    fn shadowed(&self, context: Context, key: Key, binding: &Binding) -> bool {
        !binding.specific()
            && self.bindings.iter().any(|other| {
                other.specific() && other.applies(context) && other.keys.contains(&key)
            })
    }

    /// The keys that reach `binding` here, as labels.
    fn live_keys(&self, context: Context, binding: &Binding) -> Vec<String> {
        binding
            .keys
            .iter()
            .filter(|k| !self.shadowed(context, **k, binding))
            .map(|k| k.label())
            .collect()
    }

    /// The bindings that work here, as help shows them: keys and meaning.
    pub fn help(&self, context: impl Into<Context>) -> Vec<(String, &'static str)> {
        let context = context.into();
        let mut seen = Vec::new();
        let mut lines = Vec::new();
        for b in self.bindings.iter().filter(|b| b.applies(context)) {
            let keys = self.live_keys(context, b);
            if keys.is_empty() || seen.contains(&(b.intent, b.help)) {
                continue;
            }
            seen.push((b.intent, b.help));
            lines.push((keys.join(" "), b.help));
        }
        lines
    }

    /// Footer hints here: `(first key, hint)`.
    pub fn hints(&self, context: impl Into<Context>) -> Vec<(String, &'static str)> {
        let context = context.into();
        self.in_order(context)
            .filter_map(|b| {
                let hint = b.hint?;
                let key = self.live_keys(context, b).into_iter().next()?;
                Some((key, hint))
            })
            .collect()
    }

    /// A popup's choices: the first key of each and what it does.
    pub fn choices(&self, context: impl Into<Context>) -> Vec<(String, &'static str)> {
        let context = context.into();
        self.in_order(context)
            .filter_map(|b| Some((self.live_keys(context, b).into_iter().next()?, b.help)))
            .collect()
    }

    /// Every key that means `intent` here, as labels, in the table's order.
    pub fn keys(&self, context: impl Into<Context>, intent: Intent) -> Vec<String> {
        let context = context.into();
        self.in_order(context)
            .filter(|b| b.intent == intent)
            .flat_map(|b| self.live_keys(context, b))
            .collect()
    }

    /// The key a message names for `intent` here: the first one bound.
    pub fn key(&self, context: impl Into<Context>, intent: Intent) -> String {
        self.keys(context, intent)
            .into_iter()
            .next()
            .unwrap_or_else(|| format!("(no key for {})", intent.name()))
    }

    /// The keys for `intent` here, as a message lists them: "Esc, q or Enter".
    pub fn either(&self, context: impl Into<Context>, intent: Intent) -> String {
        let keys = self.keys(context, intent);
        match keys.as_slice() {
            [] => format!("(no key for {})", intent.name()),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
        }
    }

    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }
}

#[cfg(test)]
mod tests;
