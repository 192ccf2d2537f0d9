//! The records behind an audit figure, one line each, to pick from: `Enter`
//! on a meeting opens its minutes, on an item (or an action's item) its
//! detail. The keys are the `records` context of the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::super::app::{App, Cmd, Overlay};
use super::super::keymap::{Intent, Popup, Screen};
use super::super::widgets::pick_list;
use crate::theme::Theme;

/// What a record line opens.
enum Target {
    Meeting(String),
    Item(String),
}

/// The record behind line `at`: a meeting, an item, or an action (whose
/// line says its item: "A-011 on R-005: …").
fn target(app: &App, ids: &[String], lines: &[String], at: usize) -> Option<Target> {
    let id = ids.get(at)?;
    if app.register.meeting(id).is_some() {
        return Some(Target::Meeting(id.clone()));
    }
    if app.register.item(id).is_some() {
        return Some(Target::Item(id.clone()));
    }
    let item = lines
        .get(at)?
        .strip_prefix(id.as_str())?
        .strip_prefix(" on ")?
        .split(':')
        .next()?;
    app.register
        .item(item)
        .map(|_| Target::Item(item.to_string()))
}

pub fn on_key(app: &mut App, overlay: Overlay, intent: Option<Intent>) -> Cmd {
    let Overlay::AuditRecords {
        title,
        lines,
        ids,
        mut selected,
    } = overlay
    else {
        return Cmd::None;
    };
    let last = lines.len().saturating_sub(1);
    match intent {
        Some(Intent::Close) => return Cmd::None,
        Some(Intent::Down) => selected = (selected + 1).min(last),
        Some(Intent::Up) => selected = selected.saturating_sub(1),
        Some(Intent::Open) => match target(app, &ids, &lines, selected) {
            Some(Target::Meeting(meeting)) => {
                app.show(Overlay::AuditRecords {
                    title,
                    lines,
                    ids,
                    selected,
                });
                app.reading.scroll = 0;
                app.show(Overlay::Minutes { meeting });
                return Cmd::None;
            }
            Some(Target::Item(item)) => {
                app.detail.item_id = item;
                app.detail.action = 0;
                app.detail.scroll = None;
                app.back_to_records = Some(Overlay::AuditRecords {
                    title,
                    lines,
                    ids,
                    selected,
                });
                app.show_screen(Screen::Detail);
                return Cmd::None;
            }
            None => app.info("this record opens nothing: it is neither a meeting nor an item"),
        },
        _ => {}
    }
    app.show(Overlay::AuditRecords {
        title,
        lines,
        ids,
        selected,
    });
    Cmd::None
}

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    theme: &Theme,
    (title, lines, selected): (&str, &[String], usize),
) {
    let keys = &app.keys;
    let footer = format!(
        "{}/{} select · {} opens (a meeting's minutes, an item) · {} closes",
        keys.key(Popup::AuditRecords, Intent::Down),
        keys.key(Popup::AuditRecords, Intent::Up),
        keys.key(Popup::AuditRecords, Intent::Open),
        keys.key(Popup::AuditRecords, Intent::Close),
    );
    pick_list(frame, area, theme, (title, lines, selected), &footer, 120);
}
