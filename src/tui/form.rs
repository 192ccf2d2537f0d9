//! Forms: a column of fields (text areas, pickers, toggles) with the error
//! for each field shown beside it. Forms know nothing of the register; the
//! caller builds them from it and reads the values back.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::keymap::{Intent, Keymap, Popup};
use ratatui_textarea::TextArea;

mod checklist;
pub use checklist::{Checklist, SHOWN_ROWS};

/// The typing keys of forms: fixed, unlike their commands (in the keymap).
pub const TYPING_KEYS: &[(&str, &str)] = &[
    ("↓/↑", "next / previous field, outside a multi-line text"),
    (
        "←/→",
        "change a choice; a letter jumps to the next option starting with it",
    ),
    (
        "Space",
        "next choice; tick or untick (Affects, Requirements)",
    ),
    (
        "type, ↑/↓",
        "in a long list (Requirements, Measures): typing finds, Enter ticks what was found; \
         ↑/↓ move through the list",
    ),
    (
        "Ctrl-N",
        "in a text with suggestions (Process, Source): the next one starting with what is typed",
    ),
    (
        "Enter",
        "next field; a new line in a multi-line text (Alt-Enter moves on); on the last field, save",
    ),
];

pub enum Value {
    /// A text area; `multiline` lets Enter insert a line break.
    Text {
        area: Box<TextArea<'static>>,
        multiline: bool,
    },
    Choice {
        options: Vec<String>,
        selected: usize,
    },
    Toggles {
        options: Vec<String>,
        on: Vec<bool>,
        cursor: usize,
    },
    /// Many options to tick, a few shown at a time (see [`Checklist`]).
    Checklist(Checklist),
}

pub struct Field {
    /// How the code finds the field; stable while the label may change.
    pub key: &'static str,
    pub label: String,
    pub value: Value,
    /// What valid input looks like, shown under the focused field.
    pub hint: String,
    pub error: Option<String>,
    /// Values a text field offers (the register's processes, say), in order.
    pub suggestions: Vec<String>,
    /// While Ctrl-N cycles: what was typed before, and the suggestion shown.
    completing: Option<(String, usize)>,
}

impl Field {
    /// Offers `suggestions` (empty ones and repeats left out) to Ctrl-N.
    pub fn with_suggestions(mut self, suggestions: impl IntoIterator<Item = String>) -> Field {
        let mut seen = std::collections::HashSet::new();
        self.suggestions = suggestions
            .into_iter()
            .filter(|s| !s.trim().is_empty() && seen.insert(s.to_lowercase()))
            .collect();
        self
    }

    /// Ctrl-N in a text field: the next suggestion that starts with what
    /// was typed (case ignored), cycling; false when none does.
    fn complete(&mut self) -> bool {
        let Value::Text { area, .. } = &mut self.value else {
            return false;
        };
        let (typed, after) = match self.completing.take() {
            Some((typed, at)) => (typed, Some(at)),
            None => (area.lines().join(" "), None),
        };
        let wanted = typed.trim().to_lowercase();
        let n = self.suggestions.len();
        let start = after.map_or(0, |at| at + 1);
        let next = (0..n)
            .map(|k| (start + k) % n)
            .find(|&i| self.suggestions[i].to_lowercase().starts_with(&wanted));
        let Some(at) = next else {
            self.completing = None;
            return false;
        };
        let mut fresh = TextArea::new(vec![self.suggestions[at].clone()]);
        fresh.move_cursor(ratatui_textarea::CursorMove::End);
        **area = fresh;
        self.completing = Some((typed, at));
        true
    }

    pub fn text(key: &'static str, text: &str, hint: &str) -> Field {
        Field::text_area(key, text, hint, false)
    }

    pub fn multiline(key: &'static str, text: &str, hint: &str) -> Field {
        Field::text_area(key, text, hint, true)
    }

    /// One paragraph that wraps as it is typed, so a room reads all of it;
    /// Enter does what it does in a one-line field.
    pub fn wrapped(key: &'static str, text: &str, hint: &str) -> Field {
        let mut field = Field::text_area(key, text, hint, false);
        if let Value::Text { area, .. } = &mut field.value {
            area.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        }
        field
    }

    fn text_area(key: &'static str, text: &str, hint: &str, multiline: bool) -> Field {
        let lines: Vec<String> = if multiline {
            text.split('\n').map(String::from).collect()
        } else {
            vec![text.replace('\n', " ")]
        };
        // The cursor starts at the end, ready to add to or correct the value.
        let mut area = TextArea::new(lines);
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        Field {
            key,
            label: key.into(),
            value: Value::Text {
                area: Box::new(area),
                multiline,
            },
            hint: hint.into(),
            error: None,
            suggestions: Vec::new(),
            completing: None,
        }
    }

    pub fn choice(key: &'static str, options: Vec<String>, selected: usize, hint: &str) -> Field {
        let selected = selected.min(options.len().saturating_sub(1));
        Field {
            key,
            label: key.into(),
            value: Value::Choice { options, selected },
            hint: hint.into(),
            error: None,
            suggestions: Vec::new(),
            completing: None,
        }
    }

    pub fn toggles(key: &'static str, options: Vec<String>, on: Vec<bool>, hint: &str) -> Field {
        Field {
            key,
            label: key.into(),
            value: Value::Toggles {
                options,
                on,
                cursor: 0,
            },
            hint: hint.into(),
            error: None,
            suggestions: Vec::new(),
            completing: None,
        }
    }

    /// A long list to tick from, narrowed by typing.
    pub fn checklist(key: &'static str, options: Vec<String>, on: Vec<bool>, hint: &str) -> Field {
        Field {
            key,
            label: key.into(),
            value: Value::Checklist(Checklist::new(options, on)),
            hint: hint.into(),
            error: None,
            suggestions: Vec::new(),
            completing: None,
        }
    }

    /// The text of a text field (lines joined with `\n`); empty for others.
    pub fn text_value(&self) -> String {
        match &self.value {
            Value::Text { area, .. } => area.lines().join("\n"),
            _ => String::new(),
        }
    }

    /// The selected index of a choice field.
    pub fn selected(&self) -> usize {
        match &self.value {
            Value::Choice { selected, .. } => *selected,
            _ => 0,
        }
    }

    pub fn selected_label(&self) -> &str {
        match &self.value {
            Value::Choice { options, selected } => {
                options.get(*selected).map_or("", |s| s.as_str())
            }
            _ => "",
        }
    }

    pub fn toggled(&self) -> Vec<bool> {
        match &self.value {
            Value::Toggles { on, .. } => on.clone(),
            Value::Checklist(list) => list.on.clone(),
            _ => Vec::new(),
        }
    }

    pub fn set_options(&mut self, new_options: Vec<String>) {
        if let Value::Choice { options, selected } = &mut self.value {
            let current = options.get(*selected).cloned();
            *selected = current
                .and_then(|c| new_options.iter().position(|o| *o == c))
                .unwrap_or(0);
            *options = new_options;
        }
    }

    fn is_multiline(&self) -> bool {
        matches!(
            self.value,
            Value::Text {
                multiline: true,
                ..
            }
        )
    }
}

/// What a key did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Still editing.
    Editing,
    /// The user asked to submit (Ctrl-S, or Enter on the last field).
    Submit,
    /// The user left without submitting.
    Cancel,
}

pub struct Form {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// A problem that belongs to no single field.
    pub error: Option<String>,
    pub changed: bool,
    /// Esc on a changed form asks first.
    pub confirm_discard: bool,
    /// What Ctrl-S does, for the form's footer ("save", "record").
    pub submit_label: &'static str,
    /// Applied as it changes (the filter): nothing to save or discard.
    pub live: bool,
}

impl Form {
    pub fn new(title: impl Into<String>, fields: Vec<Field>, submit_label: &'static str) -> Form {
        Form {
            title: title.into(),
            fields,
            focus: 0,
            error: None,
            changed: false,
            confirm_discard: false,
            submit_label,
            live: false,
        }
    }

    /// The field with this key; forms are built in code, so a missing key is a bug.
    pub fn field(&self, key: &str) -> &Field {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .unwrap_or_else(|| panic!("no field {key}"))
    }

    pub fn field_mut(&mut self, key: &str) -> &mut Field {
        self.fields
            .iter_mut()
            .find(|f| f.key == key)
            .unwrap_or_else(|| panic!("no field {key}"))
    }

    pub fn has_field(&self, key: &str) -> bool {
        self.index_of(key).is_some()
    }

    pub fn index_of(&self, key: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.key == key)
    }

    pub fn clear_errors(&mut self) {
        self.error = None;
        for f in &mut self.fields {
            f.error = None;
        }
    }

    /// Marks a field wrong and moves the focus to the first wrong field.
    pub fn set_error(&mut self, key: &str, message: impl Into<String>) {
        if let Some(i) = self.index_of(key) {
            self.fields[i].error = Some(message.into());
            let first = self
                .fields
                .iter()
                .position(|f| f.error.is_some())
                .unwrap_or(i);
            self.focus = first;
        } else {
            self.error = Some(message.into());
        }
    }

    pub fn has_errors(&self) -> bool {
        self.error.is_some() || self.fields.iter().any(|f| f.error.is_some())
    }

    pub fn paste(&mut self, text: &str) {
        let multiline = self.fields[self.focus].is_multiline();
        if let Value::Text { area, .. } = &mut self.fields[self.focus].value {
            let text = if multiline {
                text.replace("\r\n", "\n")
            } else {
                text.replace(['\r', '\n'], " ")
            };
            area.insert_str(text);
            self.changed = true;
        }
    }

    /// A key on the form: its commands from the keymap, then the typing keys.
    pub fn handle_key(&mut self, key: KeyEvent, keys: &Keymap) -> Outcome {
        if self.confirm_discard {
            self.confirm_discard = false;
            return match keys.lookup(Popup::DiscardEdits, &key) {
                Some(Intent::Accept) => Outcome::Cancel,
                _ => Outcome::Editing,
            };
        }
        match keys.lookup(Popup::Form, &key) {
            Some(Intent::Submit) => return Outcome::Submit,
            Some(Intent::Cancel) => return self.leave(),
            Some(Intent::NextField) => {
                self.move_focus(1);
                return Outcome::Editing;
            }
            Some(Intent::PreviousField) => {
                self.move_focus(-1);
                return Outcome::Editing;
            }
            _ => {}
        }
        let last = self.focus + 1 == self.fields.len();
        let multiline = self.fields[self.focus].is_multiline();
        // In a long list ↑/↓ move through it, and leave it at its ends;
        // while typing finds an option there, Enter ticks it.
        let (list, finding) = match &self.fields[self.focus].value {
            Value::Checklist(l) => (true, l.finding()),
            _ => (false, false),
        };
        match key.code {
            KeyCode::Enter if self.live => return Outcome::Submit,
            KeyCode::Enter
                if !finding && (!multiline || key.modifiers.contains(KeyModifiers::ALT)) =>
            {
                if last {
                    return Outcome::Submit;
                }
                self.move_focus(1);
                return Outcome::Editing;
            }
            KeyCode::Down if !multiline && !list => {
                self.move_focus(1);
                return Outcome::Editing;
            }
            KeyCode::Up if !multiline && !list => {
                self.move_focus(-1);
                return Outcome::Editing;
            }
            _ => {}
        }
        let field = &mut self.fields[self.focus];
        if key.code == KeyCode::Char('n')
            && key.modifiers.contains(KeyModifiers::CONTROL)
            && !field.suggestions.is_empty()
        {
            if field.complete() {
                self.changed = true;
            }
            return Outcome::Editing;
        }
        field.completing = None;
        let mut leave = None;
        let changed = match &mut field.value {
            Value::Text { area, .. } => area.input(key),
            Value::Choice { options, selected } => {
                let n = options.len().max(1);
                let step = match key.code {
                    // Letters jump (h for Helen), so only arrows and Space cycle.
                    KeyCode::Right | KeyCode::Char(' ') => Some(1),
                    KeyCode::Left => Some(n - 1),
                    KeyCode::Char(c) => {
                        // Jump to the next option starting with the typed letter or
                        // digit, or with an id in brackets: "Helen Marsh (qlead)"
                        // answers to h and to q.
                        let c = c.to_ascii_lowercase();
                        let found = (1..=n).map(|k| (*selected + k) % n).find(|&i| {
                            let option = options[i].to_lowercase();
                            option.starts_with(c) || option.contains(&format!("({c}"))
                        });
                        found.map(|i| (i + n - *selected) % n)
                    }
                    _ => None,
                };
                if let Some(step) = step {
                    *selected = (*selected + step) % n;
                }
                step.is_some()
            }
            Value::Toggles {
                options,
                on,
                cursor,
            } => match key.code {
                KeyCode::Right | KeyCode::Char('l') => {
                    *cursor = (*cursor + 1).min(options.len().saturating_sub(1));
                    false
                }
                KeyCode::Left | KeyCode::Char('h') => {
                    *cursor = cursor.saturating_sub(1);
                    false
                }
                KeyCode::Char(' ') | KeyCode::Char('x') => match on.get_mut(*cursor) {
                    Some(flag) => {
                        *flag = !*flag;
                        true
                    }
                    None => false,
                },
                _ => false,
            },
            Value::Checklist(list) => match list.handle(key) {
                checklist::Step::Ticked => true,
                checklist::Step::LeaveUp => {
                    leave = Some(-1);
                    false
                }
                checklist::Step::LeaveDown => {
                    leave = Some(1);
                    false
                }
                checklist::Step::Moved | checklist::Step::Ignored => false,
            },
        };
        if changed {
            field.error = None;
            self.changed = true;
        }
        if let Some(by) = leave {
            self.move_focus(by);
        }
        Outcome::Editing
    }

    fn leave(&mut self) -> Outcome {
        if self.changed && !self.live {
            self.confirm_discard = true;
            Outcome::Editing
        } else {
            Outcome::Cancel
        }
    }

    fn move_focus(&mut self, by: isize) {
        // A list narrowed by typing shows all of it again when come back to.
        if let Value::Checklist(list) = &mut self.fields[self.focus].value {
            list.widen();
        }
        let n = self.fields.len() as isize;
        self.focus = ((self.focus as isize + by).rem_euclid(n)) as usize;
    }
}

#[cfg(test)]
mod tests;
