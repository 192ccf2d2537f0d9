//! Lists to read over the screen: the help (the keys of the screen shown,
//! from the keymap), the problems found in the file, and lines such as the
//! changes that could not be saved. They scroll and close with the reading
//! keys. The records behind an audit figure are in `records`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::domain::Severity;
use crate::text;

use super::super::app::{App, Cmd, Overlay};
use super::super::form::TYPING_KEYS;
use super::super::keymap::{Intent, Popup, Screen};
use super::super::widgets::{levels_label, scrolled};
use crate::theme::Theme;

/// A key on a list: scroll it, or close it.
pub fn on_key(app: &mut App, overlay: Overlay, intent: Option<Intent>) -> Cmd {
    match intent {
        Some(Intent::ScrollDown) => {
            app.reading.scroll = (app.reading.scroll + 1).min(app.reading.scroll_max.get())
        }
        Some(Intent::ScrollTop) => app.reading.scroll = 0,
        Some(Intent::ScrollUp) => app.reading.scroll = app.reading.scroll.saturating_sub(1),
        _ => {}
    }
    if intent != Some(Intent::Close) {
        app.show(overlay);
    }
    Cmd::None
}

/// Lines to read, one record each.
pub fn records(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    theme: &Theme,
    title: &str,
    lines: &[String],
) {
    let lines: Vec<Line> = lines.iter().map(|l| Line::raw(text::one_line(l))).collect();
    scrolled(frame, area, app, theme, title, lines, 120);
}

pub fn help(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let screen = app.screen();
    let bindings = app.keys.help(screen);
    let form_keys = app.keys.help(Popup::Form);
    let typing: Vec<(String, &str)> = TYPING_KEYS
        .iter()
        .map(|(k, what)| (k.to_string(), *what))
        .collect();
    let key_width = bindings
        .iter()
        .chain(&form_keys)
        .chain(&typing)
        .map(|(k, _)| text::width(k))
        .max()
        .unwrap_or(4)
        + 2;
    let mut lines: Vec<Line> = bindings
        .iter()
        .map(|(keys, what)| {
            // The digits say the register's own levels (1–5), not the keymap's 1–9.
            let keys = levels_label(app, keys);
            Line::from(vec![
                Span::styled(format!("{keys:<key_width$}"), theme.key),
                Span::raw(*what),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled("In forms", theme.header));
    for (keys, what) in form_keys.iter().chain(&typing) {
        lines.push(Line::from(vec![
            Span::styled(format!("{keys:<key_width$}"), theme.key),
            Span::raw(*what),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "In the table: Review ending in ! is overdue; Open/late counts open and overdue actions.",
        theme.dim,
    ));
    lines.push(Line::styled(
        format!(
            "{} closes this help.",
            app.keys.either(Popup::Reading, Intent::Close)
        ),
        theme.dim,
    ));
    scrolled(
        frame,
        area,
        app,
        theme,
        &format!("Keys: {}", screen.title()),
        lines,
        84,
    );
}

pub fn problems(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut lines: Vec<Line> = vec![Line::raw(format!(
        "{} has {}. They can be fixed here; a change that adds a new error is not saved.",
        app.path.display(),
        text::plural(app.problems.len(), "problem", "problems")
    ))];
    lines.push(Line::raw(""));
    for p in &app.problems {
        let style = match p.severity {
            Severity::Error => theme.overdue,
            Severity::Warning => theme.warning,
        };
        let label = match p.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{label:<8}"), style),
            Span::raw(text::one_line(&format!("{}: {}", p.location, p.message))),
        ]));
    }
    if app.problems.is_empty() {
        lines.push(Line::raw("No problems."));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            "{} closes; {} shows this again.",
            app.keys.either(Popup::Reading, Intent::Close),
            app.keys.key(Screen::Register, Intent::Problems)
        ),
        theme.dim,
    ));
    scrolled(frame, area, app, theme, "Problems in the file", lines, 110);
}
