//! Questions that wait for an answer: resume a meeting left open, what to
//! do when someone else changed the file, save and drop the file's
//! comments, quit with changes not saved. Each lists its choices from the
//! keymap, so a rebound answer shows as it is.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::text;

use super::super::app::{App, Cmd, Overlay};
use super::super::keymap::{Intent, Keymap, Popup, Screen};
use super::super::screens::meeting;
use super::super::widgets::{centred, popup};
use crate::theme::Theme;

/// An answer to the question on top; any other key asks again.
pub fn on_key(app: &mut App, overlay: Overlay, key: &KeyEvent) -> Cmd {
    let keys = &app.keys;
    match overlay {
        Overlay::ResumeMeeting => match keys.lookup(Popup::ResumeMeeting, key) {
            Some(Intent::Resume) => meeting::enter(app),
            Some(Intent::Later) => {
                let resume = app.keys.key(Screen::Register, Intent::Meeting);
                app.info(format!("the meeting stays open; {resume} resumes it"));
            }
            _ => app.show(Overlay::ResumeMeeting),
        },
        Overlay::DiskConflict => match keys.lookup(Popup::DiskConflict, key) {
            Some(Intent::Merge) => return app.merge_with_disk(),
            Some(Intent::Reload) => app.reload_from_disk(),
            Some(Intent::Later) => {
                let save = app.keys.key(Screen::Register, Intent::Save);
                app.error(format!(
                    "not saved: the file on disk has changes of someone else; {save} asks again"
                ));
            }
            _ => app.show(Overlay::DiskConflict),
        },
        Overlay::ConfirmDropComments => match keys.lookup(Popup::DropComments, key) {
            Some(Intent::Accept) => {
                app.save.comments_to_confirm = false;
                return app.request_save();
            }
            Some(Intent::Cancel) => {
                // Not saving means not quitting either: the change is still only here.
                app.quitting = false;
                let save = app.keys.key(Screen::Register, Intent::Save);
                app.error(format!("not saved: the file keeps its comments; your changes are kept here until you save ({save})"));
            }
            _ => app.show(Overlay::ConfirmDropComments),
        },
        Overlay::ConfirmQuitUnsaved => match keys.lookup(Popup::QuitUnsaved, key) {
            Some(Intent::SaveAndQuit) => {
                app.quitting = true;
                return app.request_save();
            }
            Some(Intent::QuitWithoutSaving) => {
                app.save.dirty = false;
                app.quitting = true;
            }
            Some(Intent::Cancel) => {}
            _ => app.show(Overlay::ConfirmQuitUnsaved),
        },
        // Not a question: put back as it was.
        other => app.show(other),
    }
    Cmd::None
}

pub fn resume_meeting(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let open = crate::domain::meetings::open_meeting(&app.register);
    let line = open.map_or(String::new(), |m| {
        format!(
            "{} ({}, started {}) was not finished.",
            m.id,
            m.kind.label(),
            m.started.0.format("%Y-%m-%d %H:%M UTC")
        )
    });
    question(
        frame,
        area,
        theme,
        "Resume the open meeting?",
        &[&line, "Its record so far is saved in the register."],
        &app.keys,
        Popup::ResumeMeeting,
    );
}

pub fn disk_conflict(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    question(
        frame,
        area,
        theme,
        "Someone else changed the file",
        &[
            "The register on disk changed since you loaded it, and you have",
            "changes that are not saved yet. Nothing was overwritten.",
        ],
        &app.keys,
        Popup::DiskConflict,
    );
}

pub fn drop_comments(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    question(
        frame,
        area,
        theme,
        "Save and drop the file's comments?",
        &[
            "This register file contains comments (// or /* */).",
            "roreg cannot keep comments when it saves the file.",
        ],
        &app.keys,
        Popup::DropComments,
    );
}

pub fn quit_unsaved(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    question(
        frame,
        area,
        theme,
        "Your last changes are NOT saved",
        &[app
            .save
            .failure
            .as_deref()
            .unwrap_or("The last save did not complete.")],
        &app.keys,
        Popup::QuitUnsaved,
    );
}

/// A question: what happened, then its choices as the keymap has them.
fn question(
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
    title: &str,
    body: &[&str],
    keys: &Keymap,
    popup_keys: Popup,
) {
    let mut lines: Vec<Line> = body.iter().map(|l| Line::raw(text::one_line(l))).collect();
    lines.push(Line::raw(""));
    for (key, what) in keys.choices(popup_keys) {
        lines.push(Line::from(vec![
            Span::styled(format!("{key}  "), theme.key),
            Span::raw(what),
        ]));
    }
    let rect = centred(area, 76, lines.len() as u16 + 4);
    let inner = popup(frame, rect, title, theme);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
