//! Popups over the screen, the last one on top taking the keys: lists to
//! read, questions, forms, and the meeting's summary. Each kind's keys and
//! drawing are in its own module.

pub mod form;
pub mod minutes;
pub mod questions;
pub mod reading;
pub mod records;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::app::{App, Cmd, Overlay};
use super::form_view::draw_form;
use super::keymap::{Intent, Popup};
use super::screens::meeting::{inputs, summary};
use crate::theme::Theme;

/// What a key on a popup did.
pub enum Reply {
    Done(Cmd),
    /// The key that asked who is editing, to go on now that it is known.
    Replay(KeyEvent),
    /// A change was made (the command saves it), then the key that needed
    /// it goes on: the first person added, say.
    ReplayAfter(Cmd, KeyEvent),
}

/// A key for the popup on top.
pub fn on_key(app: &mut App, key: KeyEvent) -> Reply {
    let Some(overlay) = app.overlays.pop() else {
        return Reply::Done(Cmd::None);
    };
    Reply::Done(match overlay {
        Overlay::Form(form, purpose) => return form::on_key(app, form, purpose, key),
        Overlay::MeetingSummary => {
            let intent = app.keys.lookup(Popup::MeetingSummary, &key);
            summary::on_intent(app, intent)
        }
        Overlay::AuditRecords { .. } => {
            let intent = app.keys.lookup(Popup::AuditRecords, &key);
            records::on_key(app, overlay, intent)
        }
        Overlay::Minutes { .. } => {
            // Minutes read like any list; closing leaves the records below on top.
            let intent = app.keys.lookup(Popup::Minutes, &key);
            reading::on_key(app, overlay, intent)
        }
        Overlay::ManagementInputs { selected } => {
            let intent = app.keys.lookup(Popup::ManagementInputs, &key);
            inputs::on_key(app, selected, intent)
        }
        Overlay::ConfirmCloseUnreviewed => {
            let intent = app.keys.lookup(Popup::CloseUnreviewed, &key);
            summary::on_close_unreviewed(app, intent)
        }
        Overlay::Help | Overlay::Problems | Overlay::Records { .. } => {
            let intent = app.keys.lookup(Popup::Reading, &key);
            // Closed: whatever scrolls next (the meeting's summary) starts at the top.
            if intent == Some(Intent::Close) {
                app.reading.scroll = 0;
            }
            reading::on_key(app, overlay, intent)
        }
        question => questions::on_key(app, question, &key),
    })
}

/// Draws every popup, the last on top.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    for overlay in &app.overlays {
        match overlay {
            Overlay::ResumeMeeting => questions::resume_meeting(frame, area, app, theme),
            Overlay::MeetingSummary => summary::draw(frame, area, app, theme),
            Overlay::ConfirmCloseUnreviewed => {
                summary::draw_close_unreviewed(frame, area, app, theme)
            }
            Overlay::DiskConflict => questions::disk_conflict(frame, area, app, theme),
            Overlay::ManagementInputs { selected } => {
                inputs::draw(frame, area, app, theme, *selected)
            }
            Overlay::Records { title, lines } => {
                reading::records(frame, area, app, theme, title, lines)
            }
            Overlay::AuditRecords {
                title,
                lines,
                selected,
                ..
            } => records::draw(frame, area, app, theme, (title, lines, *selected)),
            Overlay::Minutes { meeting } => minutes::draw(frame, area, app, theme, meeting),
            Overlay::Help => reading::help(frame, area, app, theme),
            Overlay::Problems => reading::problems(frame, area, app, theme),
            Overlay::Form(form, _) => draw_form(frame, area, form, &app.keys, theme),
            Overlay::ConfirmDropComments => questions::drop_comments(frame, area, app, theme),
            Overlay::ConfirmQuitUnsaved => questions::quit_unsaved(frame, area, app, theme),
        }
    }
}
