//! The keys of every screen: going to another screen, help, the problems,
//! undo and redo, saving, leaving, and a viewer's take-over and follow.

use ratatui::crossterm::event::KeyEvent;

use crate::domain::meetings;

use super::super::app::{App, Cmd, Overlay};
use super::super::keymap::{Intent, Screen};
use super::{audit, customers, heatmap, meeting, people};

pub fn on_intent(app: &mut App, intent: Intent) -> Cmd {
    match intent {
        Intent::HeatMap => heatmap::enter(app),
        Intent::ActionsView => app.show_screen(Screen::Actions),
        Intent::Meeting => meeting::enter(app),
        Intent::Audit => audit::enter(app),
        Intent::People => people::enter(app),
        Intent::CustomerFocus => customers::enter(app),
        Intent::Problems => {
            app.reading.scroll = 0;
            app.show(Overlay::Problems);
        }
        Intent::Help => {
            app.reading.scroll = 0;
            app.show(Overlay::Help);
        }
        Intent::Undo => return app.undo(),
        Intent::Redo => return app.redo(),
        Intent::Save => {
            if app.save.dirty || app.save.failure.is_some() {
                return app.request_save();
            }
            app.info("nothing to save: every change is on disk");
        }
        Intent::Back => {
            if app.screens.len() > 1 {
                app.screens.pop();
                super::audit::back_on_audit(app);
            } else {
                app.quit();
            }
        }
        Intent::Quit => app.quit(),
        Intent::TakeOver => return take_over(app),
        Intent::Follow => follow(app),
        // The screens' own, where they are bound there.
        _ => {}
    }
    Cmd::None
}

pub fn changes_data(intent: Intent) -> bool {
    matches!(intent, Intent::Undo | Intent::Redo)
}

/// Whether a key needs to know who is editing: it changes the register,
/// or it starts a meeting (whose facilitator and attendance are asked).
pub fn needs_identity(app: &App, changes: bool, intent: Intent) -> bool {
    changes || (intent == Intent::Meeting && meetings::open_meeting(&app.register).is_none())
}

/// The terminal is too small to show anything: only leaving works.
pub fn when_too_small(app: &mut App, key: &KeyEvent) {
    match app.keys.lookup(Screen::Register, key) {
        Some(Intent::Quit) => app.quit(),
        Some(Intent::Back) if app.overlays.is_empty() && app.list.search.is_none() => app.quit(),
        _ => {}
    }
}

fn take_over(app: &mut App) -> Cmd {
    match (&app.sharing.read_only, app.sharing.lock_free) {
        (None, _) => app.info("you are already the editor"),
        (Some(_), true) => return Cmd::TakeOver,
        (Some(why), false) => {
            let why = why.clone();
            let take_over = app.key(Intent::TakeOver);
            app.error(if app.sharing.waiting_for_editor {
                format!("read-only: {why}; {take_over} works once the editor has left")
            } else {
                format!("read-only: {why}; taking over cannot change that")
            })
        }
    }
    Cmd::None
}

fn follow(app: &mut App) {
    if app.sharing.read_only.is_some() {
        app.sharing.following = !app.sharing.following;
        app.info(if app.sharing.following {
            "following the facilitator's meeting item"
        } else {
            "not following: move freely"
        });
    } else {
        let follow = app.key(Intent::Follow);
        app.info(format!(
            "{follow} is for read-only viewers, to follow the facilitator"
        ));
    }
}
