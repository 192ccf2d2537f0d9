//! The screens. Each module owns one screen's keys and its drawing: to find
//! where key K does something on screen S, and where S is drawn, open
//! `screens/S.rs` (the meeting, being larger, is `screens/meeting/`).
//!
//! A key reaches a screen as an [`Intent`] (from the keymap). The screen
//! handles what is its own and returns `None` for the rest, which goes to
//! the item keys a screen shares ([`items`]) and then to the keys of every
//! screen ([`global`]).

pub mod actions;
pub mod audit;
pub mod customers;
pub mod detail;
pub mod global;
pub mod heatmap;
pub mod items;
pub mod meeting;
pub mod people;
pub mod register;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::app::{App, Cmd};
use super::keymap::{Intent, Screen};
use crate::theme::Theme;

/// Carries an intent to the screen shown, then to the shared keys.
pub fn on_intent(app: &mut App, intent: Intent) -> Cmd {
    let own = match app.screen() {
        Screen::Register => register::on_intent(app, intent),
        Screen::Detail => detail::on_intent(app, intent),
        Screen::Actions => actions::on_intent(app, intent),
        Screen::HeatMap => heatmap::on_intent(app, intent),
        Screen::Meeting => meeting::on_intent(app, intent),
        Screen::Audit => audit::on_intent(app, intent),
        Screen::People => people::on_intent(app, intent),
        Screen::Customers => customers::on_intent(app, intent),
    };
    own.or_else(|| items::on_intent(app, intent))
        .unwrap_or_else(|| global::on_intent(app, intent))
}

/// Whether an intent on a screen would change the register: a read-only
/// instance says no before any form is filled in.
pub fn changes_data(screen: Screen, intent: Intent) -> bool {
    let own = match screen {
        Screen::Register => register::changes_data(intent),
        Screen::Detail => detail::changes_data(intent),
        Screen::Actions => actions::changes_data(intent),
        Screen::HeatMap => heatmap::changes_data(intent),
        Screen::Meeting => meeting::changes_data(intent),
        Screen::Audit => audit::changes_data(intent),
        Screen::People => people::changes_data(intent),
        Screen::Customers => customers::changes_data(intent),
    };
    own.or_else(|| items::changes_data(screen, intent))
        .unwrap_or_else(|| global::changes_data(intent))
}

/// Draws the screen shown into the body of the frame.
pub fn draw(frame: &mut Frame, body: Rect, app: &App, theme: &Theme) {
    match app.screen() {
        Screen::Register => register::draw(frame, body, app, theme),
        Screen::Detail => detail::draw(frame, body, app, theme),
        Screen::Actions => actions::draw(frame, body, app, theme),
        Screen::HeatMap => heatmap::draw(frame, body, app, theme),
        Screen::Meeting => meeting::draw(frame, body, app, theme),
        Screen::Audit => audit::draw(frame, body, app, theme),
        Screen::People => people::draw(frame, body, app, theme),
        Screen::Customers => customers::draw(frame, body, app, theme),
    }
}

/// Moves an index by `by` rows within `len`, stopping at the ends.
pub(crate) fn step(index: usize, by: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (index as isize)
        .saturating_add(by)
        .clamp(0, len as isize - 1) as usize
}

/// The rows a page key moves, as last drawn.
pub(crate) fn page(app: &App) -> isize {
    app.drawn.page_rows.get().max(1) as isize
}

/// How far a list intent moves: a row, a page, or to an end.
pub(crate) fn list_move(app: &App, intent: Intent) -> Option<isize> {
    Some(match intent {
        Intent::Down => 1,
        Intent::Up => -1,
        Intent::PageDown => page(app),
        Intent::PageUp => -page(app),
        Intent::Top => isize::MIN / 2,
        Intent::Bottom => isize::MAX / 2,
        _ => return None,
    })
}
