//! A field of many options to tick (the register's requirements, its
//! measures): too many for a row of boxes, so the list shows a few at a
//! time. ↑/↓ move through it and Space ticks; typing finds: the list
//! narrows to the options containing what was typed (spaces included),
//! and Enter ticks the one under the cursor and shows the whole list again.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Options shown at once while the field has the focus.
pub const SHOWN_ROWS: usize = 5;

pub struct Checklist {
    pub options: Vec<String>,
    pub on: Vec<bool>,
    /// The option under the cursor, an index into `options`.
    pub cursor: usize,
    /// What was typed to narrow the list; matched anywhere, case ignored.
    pub filter: String,
    /// The options lower-cased once, so narrowing does not fold them per key.
    folded: Vec<String>,
}

/// What a key did to the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The cursor moved or the list narrowed; nothing ticked.
    Moved,
    /// An option was ticked or unticked.
    Ticked,
    /// ↑ on the first option shown: the field before takes the focus.
    LeaveUp,
    /// ↓ on the last option shown: the field after takes the focus.
    LeaveDown,
    /// Not a key of the list.
    Ignored,
}

impl Checklist {
    pub fn new(options: Vec<String>, on: Vec<bool>) -> Checklist {
        let folded = options.iter().map(|o| o.to_lowercase()).collect();
        let mut on = on;
        on.resize(options.len(), false);
        Checklist {
            options,
            on,
            cursor: 0,
            filter: String::new(),
            folded,
        }
    }

    /// The options that contain the filter, as indexes in their order.
    pub fn shown(&self) -> Vec<usize> {
        let wanted = self.filter.to_lowercase();
        (0..self.options.len())
            .filter(|&i| self.folded[i].contains(&wanted))
            .collect()
    }

    pub fn ticked_count(&self) -> usize {
        self.on.iter().filter(|on| **on).count()
    }

    /// Forgets the filter, as when the focus leaves the field.
    pub fn widen(&mut self) {
        self.filter.clear();
    }

    pub fn handle(&mut self, key: KeyEvent) -> Step {
        let shown = self.shown();
        let at = shown.iter().position(|&i| i == self.cursor);
        match key.code {
            KeyCode::Up => match at {
                Some(k) if k > 0 => self.put(shown[k - 1]),
                None if !shown.is_empty() => self.onto_first(&shown),
                _ => Step::LeaveUp,
            },
            KeyCode::Down => match at {
                None if !shown.is_empty() => self.onto_first(&shown),
                Some(k) if k + 1 < shown.len() => self.put(shown[k + 1]),
                _ => Step::LeaveDown,
            },
            KeyCode::PageDown => match at {
                Some(k) => self.put(shown[(k + SHOWN_ROWS).min(shown.len() - 1)]),
                None => self.onto_first(&shown),
            },
            KeyCode::PageUp => match at {
                Some(k) => self.put(shown[k.saturating_sub(SHOWN_ROWS)]),
                None => self.onto_first(&shown),
            },
            KeyCode::Char(' ') if self.filter.is_empty() => self.tick(at),
            KeyCode::Enter if !self.filter.is_empty() => {
                let step = self.tick(at);
                // Found and ticked: back to the whole list; nothing found:
                // what was typed stays, to correct.
                if step == Step::Ticked {
                    self.widen();
                }
                step
            }
            KeyCode::Backspace if !self.filter.is_empty() => {
                self.filter.pop();
                self.follow_filter();
                Step::Moved
            }
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                self.filter.push(c);
                self.follow_filter();
                Step::Moved
            }
            _ => Step::Ignored,
        }
    }

    /// Whether typing is narrowing the list (Enter then ticks).
    pub fn finding(&self) -> bool {
        !self.filter.is_empty()
    }

    fn tick(&mut self, at: Option<usize>) -> Step {
        match at {
            Some(_) => {
                self.on[self.cursor] = !self.on[self.cursor];
                Step::Ticked
            }
            None => Step::Ignored,
        }
    }

    fn put(&mut self, at: usize) -> Step {
        self.cursor = at;
        Step::Moved
    }

    fn onto_first(&mut self, shown: &[usize]) -> Step {
        match shown.first() {
            Some(&first) => self.put(first),
            None => Step::Ignored,
        }
    }

    /// After the filter changed: the cursor stays on its option while that
    /// is still shown, else goes to the first one shown.
    fn follow_filter(&mut self) {
        let shown = self.shown();
        if !shown.contains(&self.cursor)
            && let Some(&first) = shown.first()
        {
            self.cursor = first;
        }
    }

    /// The options to draw in `rows` rows, keeping the cursor in view.
    pub fn window(&self, rows: usize) -> Vec<usize> {
        let shown = self.shown();
        let at = shown.iter().position(|&i| i == self.cursor).unwrap_or(0);
        let start = (at + 1).saturating_sub(rows);
        shown.into_iter().skip(start).take(rows).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn list() -> Checklist {
        Checklist::new(
            [
                "REQ-001 Delivery on the agreed day (Nordbil AB)",
                "REQ-002 Salt-spray tested housings (Marin Teknik)",
                "REQ-003 REACH declaration per batch (statutory)",
            ]
            .map(String::from)
            .to_vec(),
            vec![false, true, false],
        )
    }

    #[test]
    fn arrows_move_and_leave_at_the_ends() {
        let mut l = list();
        assert_eq!(l.handle(key(KeyCode::Up)), Step::LeaveUp);
        assert_eq!(l.handle(key(KeyCode::Down)), Step::Moved);
        assert_eq!(l.handle(key(KeyCode::Down)), Step::Moved);
        assert_eq!(l.cursor, 2);
        assert_eq!(l.handle(key(KeyCode::Down)), Step::LeaveDown);
        assert_eq!(l.handle(key(KeyCode::Up)), Step::Moved);
        assert_eq!(l.cursor, 1);
    }

    #[test]
    fn typing_finds_and_enter_ticks_the_option_found() {
        let mut l = list();
        assert_eq!(l.handle(key(KeyCode::Char(' '))), Step::Ticked);
        assert_eq!(l.on, [true, true, false], "Space ticks where the cursor is");
        for c in "reach decl".chars() {
            assert_eq!(l.handle(key(KeyCode::Char(c))), Step::Moved);
        }
        assert_eq!(l.shown(), [2]);
        assert_eq!(l.cursor, 2, "on the only option left");
        assert_eq!(l.handle(key(KeyCode::Enter)), Step::Ticked);
        assert_eq!(l.on, [true, true, true]);
        assert!(!l.finding(), "the whole list again");
        assert_eq!(l.cursor, 2, "on the option ticked");
        // Nothing matches: nothing to tick; Backspace widens again.
        l.handle(key(KeyCode::Char('x')));
        assert!(l.shown().is_empty());
        assert_eq!(l.handle(key(KeyCode::Enter)), Step::Ignored);
        l.handle(key(KeyCode::Char('x')));
        l.handle(key(KeyCode::Backspace));
        assert!(l.shown().is_empty(), "still \"x\"");
        l.handle(key(KeyCode::Backspace));
        assert_eq!(l.shown(), [0, 1, 2]);
    }

    #[test]
    fn the_window_keeps_the_cursor_in_view() {
        let options: Vec<String> = (1..=40).map(|i| format!("REQ-{i:03}")).collect();
        let mut l = Checklist::new(options, Vec::new());
        assert_eq!(l.on.len(), 40);
        assert_eq!(l.window(SHOWN_ROWS), [0, 1, 2, 3, 4]);
        l.handle(key(KeyCode::PageDown));
        l.handle(key(KeyCode::PageDown));
        assert_eq!(l.cursor, 10);
        assert_eq!(l.window(SHOWN_ROWS), [6, 7, 8, 9, 10]);
        l.handle(key(KeyCode::PageUp));
        assert_eq!(l.cursor, 5);
    }
}
