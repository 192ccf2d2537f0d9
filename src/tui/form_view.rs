//! Drawing a form: each field with its label, its value, and under it its
//! hint or its mistake; the form's keys at the bottom, from the keymap.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::text;

use super::form::{Checklist, Form, SHOWN_ROWS, Value};
use super::keymap::{Intent, Keymap, Popup};
use super::widgets::{centred, popup};
use crate::theme::Theme;

const LABEL: u16 = 21;

/// Rows of a paragraph that wraps as it is typed.
const WRAPPED_ROWS: u16 = 4;

/// Ticked options a long list shows while another field has the focus.
const TICKED_ROWS: usize = 3;

fn field_height(value: &Value, focused: bool) -> u16 {
    match value {
        // The list opens up while it has the focus: a line for what is
        // ticked or typed, and a few options.
        Value::Checklist(list) if focused => 1 + list.options.len().clamp(1, SHOWN_ROWS) as u16,
        Value::Checklist(list) => list.ticked_count().clamp(1, TICKED_ROWS) as u16,
        Value::Text {
            multiline: true, ..
        } => 5,
        Value::Text { area, .. } if area.wrap_mode() != ratatui_textarea::WrapMode::None => {
            WRAPPED_ROWS
        }
        Value::Toggles { .. } => 2,
        _ => 1,
    }
}

pub fn draw_form(frame: &mut Frame, area: Rect, form: &Form, keys: &Keymap, theme: &Theme) {
    // Each field: its rows, then one line for its hint or error.
    let needed: u16 = form
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| field_height(&f.value, i == form.focus) + 1)
        .sum::<u16>()
        + 4;
    let rect = centred(area, 100, needed);
    let title = format!(
        "{} · field {} of {}",
        text::one_line(&form.title),
        form.focus + 1,
        form.fields.len()
    );
    let inner = popup(frame, rect, &title, theme);
    let [fields_area, error_area, keys_area] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    // Scroll so the focused field is in view on small terminals.
    let tops: Vec<u16> = form
        .fields
        .iter()
        .enumerate()
        .scan(0u16, |y, (i, f)| {
            let top = *y;
            *y += field_height(&f.value, i == form.focus) + 1;
            Some(top)
        })
        .collect();
    let focus_bottom = tops[form.focus] + field_height(&form.fields[form.focus].value, true) + 1;
    let scroll = focus_bottom.saturating_sub(fields_area.height);
    for (i, field) in form.fields.iter().enumerate() {
        let top = tops[i];
        let focused = i == form.focus;
        let height = field_height(&field.value, focused);
        if top < scroll || top - scroll + height > fields_area.height {
            continue;
        }
        let y = fields_area.y + top - scroll;
        let label_style = if focused { theme.key } else { theme.dim };
        let marker = if focused { theme.marker } else { " " };
        let label = Rect {
            x: fields_area.x,
            y,
            width: LABEL.min(fields_area.width),
            height: 1,
        };
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!("{marker} {}", text::fit(&field.label, LABEL as usize - 3)),
                label_style,
            )),
            label,
        );
        let value = Rect {
            x: fields_area.x + LABEL,
            y,
            width: fields_area.width.saturating_sub(LABEL),
            height,
        };
        draw_value(frame, value, &field.value, focused, theme);
        let note = Rect {
            y: y + height,
            height: 1,
            ..value
        };
        if let Some(error) = &field.error {
            frame.render_widget(
                Paragraph::new(Span::styled(
                    format!("✗ {}", text::one_line(error)),
                    theme.overdue,
                )),
                note,
            );
        } else if focused && !field.hint.is_empty() {
            frame.render_widget(
                Paragraph::new(Span::styled(text::one_line(&field.hint), theme.dim)),
                note,
            );
        }
    }
    if let Some(error) = &form.error {
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!("✗ {}", text::one_line(error)),
                theme.error,
            )),
            error_area,
        );
    }
    let cancel = keys.key(Popup::Form, Intent::Cancel);
    let keys = if form.live {
        Line::from(vec![
            Span::styled("↑/↓", theme.key),
            Span::styled(" field · ", theme.dim),
            Span::styled("←/→", theme.key),
            Span::styled(" choose (applies at once) · ", theme.dim),
            Span::styled(format!("Enter {cancel}"), theme.key),
            Span::styled(" close", theme.dim),
        ])
    } else if form.confirm_discard {
        Line::styled(
            format!(
                "Discard your changes? {} discards · any other key keeps editing",
                keys.key(Popup::DiscardEdits, Intent::Accept)
            ),
            theme.error,
        )
    } else {
        Line::from(vec![
            Span::styled(keys.key(Popup::Form, Intent::Submit), theme.key),
            Span::styled(format!(" {} · ", form.submit_label), theme.dim),
            Span::styled(keys.key(Popup::Form, Intent::NextField), theme.key),
            Span::styled(" next field · ", theme.dim),
            Span::styled("←/→", theme.key),
            Span::styled(" choose · ", theme.dim),
            Span::styled("Space", theme.key),
            Span::styled(" tick · ", theme.dim),
            Span::styled(cancel, theme.key),
            Span::styled(" cancel", theme.dim),
        ])
    };
    frame.render_widget(Paragraph::new(keys), keys_area);
}

fn draw_value(frame: &mut Frame, rect: Rect, value: &Value, focused: bool, theme: &Theme) {
    match value {
        Value::Text { area, multiline } => {
            if focused {
                let mut area = area.clone();
                area.set_cursor_line_style(ratatui::style::Style::new());
                area.set_cursor_style(theme.cursor_cell);
                area.set_style(theme.text.add_modifier(Modifier::UNDERLINED));
                frame.render_widget(&*area, rect);
            } else {
                let joined = area.lines().join("\n");
                let shown = if *multiline {
                    text::multi_line(&joined)
                } else {
                    text::one_line(&joined)
                };
                let shown = if shown.is_empty() {
                    "—".to_string()
                } else {
                    shown
                };
                frame.render_widget(Paragraph::new(shown).wrap(Wrap { trim: false }), rect);
            }
        }
        Value::Choice { options, selected } => {
            let label = options.get(*selected).map_or("", |s| s.as_str());
            let line = if focused {
                Line::from(vec![
                    Span::styled("◀ ", theme.key),
                    Span::styled(text::one_line(label), theme.selected),
                    Span::styled(" ▶", theme.key),
                    Span::styled(format!("  ({}/{})", selected + 1, options.len()), theme.dim),
                ])
            } else {
                Line::raw(text::one_line(label))
            };
            frame.render_widget(Paragraph::new(line), rect);
        }
        Value::Toggles {
            options,
            on,
            cursor,
        } => {
            let spans: Vec<Span> = options
                .iter()
                .zip(on)
                .enumerate()
                .map(|(i, (name, ticked))| {
                    // No-break spaces: a box never wraps apart from its label.
                    let mark = if *ticked {
                        "[x]\u{a0}"
                    } else {
                        "[\u{a0}]\u{a0}"
                    };
                    let style = if focused && i == *cursor {
                        theme.selected
                    } else {
                        theme.text
                    };
                    Span::styled(format!("{mark}{}  ", name.replace(' ', "\u{a0}")), style)
                })
                .collect();
            frame.render_widget(
                Paragraph::new(Line::from(spans)).wrap(Wrap { trim: false }),
                rect,
            );
        }
        Value::Checklist(list) if focused => draw_open_list(frame, rect, list, theme),
        Value::Checklist(list) => {
            let ticked: Vec<&String> = list
                .options
                .iter()
                .zip(&list.on)
                .filter(|(_, on)| **on)
                .map(|(o, _)| o)
                .collect();
            let width = rect.width as usize;
            let mut lines: Vec<Line> = ticked
                .iter()
                .take(TICKED_ROWS)
                .map(|o| Line::raw(text::truncate(&text::one_line(o), width)))
                .collect();
            if ticked.len() > TICKED_ROWS {
                lines.truncate(TICKED_ROWS - 1);
                lines.push(Line::styled(
                    format!("… and {} more", ticked.len() - (TICKED_ROWS - 1)),
                    theme.dim,
                ));
            }
            if lines.is_empty() {
                lines.push(Line::raw("none"));
            }
            frame.render_widget(Paragraph::new(lines), rect);
        }
    }
}

/// A long list with the focus: what is ticked or typed, then the options
/// around the cursor, each with its box.
fn draw_open_list(frame: &mut Frame, rect: Rect, list: &Checklist, theme: &Theme) {
    let width = rect.width as usize;
    let shown = list.shown();
    let head = if list.filter.is_empty() {
        format!(
            "{} of {} ticked · Space ticks · type to find",
            list.ticked_count(),
            list.options.len()
        )
    } else if shown.is_empty() {
        format!(
            "nothing contains “{}” · Backspace widens",
            text::one_line(&list.filter)
        )
    } else {
        format!(
            "“{}”: {} of {} · Enter ticks · Backspace widens",
            text::one_line(&list.filter),
            shown.len(),
            list.options.len()
        )
    };
    let mut lines = vec![Line::styled(text::truncate(&head, width), theme.dim)];
    for i in list.window(SHOWN_ROWS) {
        let mark = if list.on[i] { "[x] " } else { "[ ] " };
        let style = if i == list.cursor {
            theme.selected
        } else {
            theme.text
        };
        let line = format!("{mark}{}", text::one_line(&list.options[i]));
        lines.push(Line::styled(text::truncate(&line, width), style));
    }
    frame.render_widget(Paragraph::new(lines), rect);
}
