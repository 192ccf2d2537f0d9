//! Popups drawn over the screen: help, problems, forms, questions.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::domain::Severity;
use crate::text;

use super::super::app::{App, Overlay};
use super::super::form::{FORM_KEYS, Form, Value};
use super::super::keymap;
use crate::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    for overlay in &app.overlays {
        match overlay {
            Overlay::ResumeMeeting => {
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
                    &[
                        &line,
                        "Its record so far is saved in the register.",
                        "",
                        "r  resume where it was",
                        "l  later (m resumes it)",
                    ],
                );
            }
            Overlay::MeetingSummary => meeting_summary(frame, area, app, theme),
            Overlay::DiskConflict => question(
                frame,
                area,
                theme,
                "Someone else changed the file",
                &[
                    "The register on disk changed since you loaded it, and you have",
                    "changes that are not saved yet. Nothing was overwritten.",
                    "",
                    "m  merge: keep their changes and yours (when they touch different records)",
                    "r  reload theirs; your unsaved changes are listed so you can redo them",
                    "q  keep yours here, unsaved, for now",
                ],
            ),
            Overlay::Records { title, lines } => {
                let lines: Vec<Line> = lines.iter().map(|l| Line::raw(text::one_line(l))).collect();
                scrolled(frame, area, app, theme, title, lines, 120);
            }
            Overlay::Help => help(frame, area, app, theme),
            Overlay::Problems => problems(frame, area, app, theme),
            Overlay::Form(form, _) => draw_form(frame, area, form, theme),
            Overlay::ConfirmDropComments => question(
                frame,
                area,
                theme,
                "Save and drop the file's comments?",
                &[
                    "This register file contains comments (// or /* */).",
                    "roreg cannot keep comments when it saves the file.",
                    "",
                    "y  save now; the comments are dropped (a .bak copy keeps them)",
                    "n  do not save; your change stays here until you press w",
                ],
            ),
            Overlay::ConfirmQuitUnsaved => question(
                frame,
                area,
                theme,
                "Your last changes are NOT saved",
                &[
                    app.save
                        .failure
                        .as_deref()
                        .unwrap_or("The last save did not complete."),
                    "",
                    "w  try to save again, then quit",
                    "Q  quit and lose the unsaved changes",
                    "q  stay in roreg",
                ],
            ),
        }
    }
}

/// A centred rectangle of at most `width`×`height` inside `area`.
fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width.saturating_sub(4));
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

fn popup(frame: &mut Frame, rect: Rect, title: &str, theme: &Theme) -> Rect {
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(Span::styled(format!(" {title} "), theme.title))
        .border_style(theme.focus_border);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

fn help(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let screen = app.screen();
    let bindings = keymap::help(screen);
    let key_width = bindings
        .iter()
        .map(|(k, _)| text::width(k))
        .chain(FORM_KEYS.iter().map(|(k, _)| text::width(k)))
        .max()
        .unwrap_or(4)
        + 2;
    let mut lines: Vec<Line> = bindings
        .iter()
        .map(|(keys, what)| {
            // The digits say the register's own levels (1–5), not the keymap's 1–9.
            let keys = super::levels_label(app, keys);
            Line::from(vec![
                Span::styled(format!("{keys:<key_width$}"), theme.key),
                Span::raw(*what),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled("In forms", theme.header));
    for (keys, what) in FORM_KEYS {
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
    lines.push(Line::styled("Esc, q or ? closes this help.", theme.dim));
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

/// A popup of lines that scrolls with j/k when it does not fit.
fn scrolled(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    theme: &Theme,
    title: &str,
    lines: Vec<Line>,
    width: u16,
) {
    // Long lines wrap; the popup is as tall as the wrapped text, up to the screen.
    let text = Paragraph::new(lines).wrap(Wrap { trim: false });
    let inner_width = width.min(area.width.saturating_sub(4)).saturating_sub(2);
    let rows = text.line_count(inner_width);
    let rect = centred(area, width, rows as u16 + 2);
    let visible = rect.height.saturating_sub(2) as usize;
    let overflow = rows.saturating_sub(visible);
    let scroll = app.help_scroll.min(overflow);
    app.help_scroll_max.set(overflow);
    let title = if overflow > 0 {
        format!("{title} (j/k scroll)")
    } else {
        title.to_string()
    };
    let inner = popup(frame, rect, &title, theme);
    frame.render_widget(text.scroll((scroll as u16, 0)), inner);
}

fn problems(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut lines: Vec<Line> = vec![Line::raw(format!(
        "{} has {} {}. They can be fixed here; a change that adds a new error is not saved.",
        app.path.display(),
        app.problems.len(),
        if app.problems.len() == 1 {
            "problem"
        } else {
            "problems"
        }
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
        "Esc, q or Enter closes; ! shows this again.",
        theme.dim,
    ));
    scrolled(frame, area, app, theme, "Problems in the file", lines, 110);
}

fn question(frame: &mut Frame, area: Rect, theme: &Theme, title: &str, body: &[&str]) {
    let lines: Vec<Line> = body.iter().map(|l| Line::raw(text::one_line(l))).collect();
    let rect = centred(area, 76, lines.len() as u16 + 4);
    let inner = popup(frame, rect, title, theme);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

const LABEL: u16 = 21;

fn field_height(value: &Value) -> u16 {
    match value {
        Value::Text {
            multiline: true, ..
        } => 5,
        Value::Toggles { .. } => 2,
        _ => 1,
    }
}

fn draw_form(frame: &mut Frame, area: Rect, form: &Form, theme: &Theme) {
    // Each field: its rows, then one line for its hint or error.
    let needed: u16 = form
        .fields
        .iter()
        .map(|f| field_height(&f.value) + 1)
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
        .scan(0u16, |y, f| {
            let top = *y;
            *y += field_height(&f.value) + 1;
            Some(top)
        })
        .collect();
    let focus_bottom = tops[form.focus] + field_height(&form.fields[form.focus].value) + 1;
    let scroll = focus_bottom.saturating_sub(fields_area.height);
    for (i, field) in form.fields.iter().enumerate() {
        let top = tops[i];
        let height = field_height(&field.value);
        if top < scroll || top - scroll + height > fields_area.height {
            continue;
        }
        let y = fields_area.y + top - scroll;
        let focused = i == form.focus;
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
    let keys = if form.live {
        Line::from(vec![
            Span::styled("↑/↓", theme.key),
            Span::styled(" field · ", theme.dim),
            Span::styled("←/→", theme.key),
            Span::styled(" choose (applies at once) · ", theme.dim),
            Span::styled("Enter Esc", theme.key),
            Span::styled(" close", theme.dim),
        ])
    } else if form.confirm_discard {
        Line::styled(
            "Discard your changes? y discards · any other key keeps editing",
            theme.error,
        )
    } else {
        Line::from(vec![
            Span::styled("Ctrl-S", theme.key),
            Span::styled(format!(" {} · ", form.submit_label), theme.dim),
            Span::styled("Tab", theme.key),
            Span::styled(" next field · ", theme.dim),
            Span::styled("←/→", theme.key),
            Span::styled(" choose · ", theme.dim),
            Span::styled("Space", theme.key),
            Span::styled(" tick · ", theme.dim),
            Span::styled("Esc", theme.key),
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
    }
}

fn meeting_summary(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(meeting) = crate::domain::meetings::open_meeting(&app.register) else {
        return;
    };
    let s = crate::domain::meetings::summary(&app.register, meeting);
    let names = |ids: &[String]| {
        if ids.is_empty() {
            "-".to_string()
        } else {
            ids.iter()
                .map(|id| text::one_line(app.register.person_name(id)))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let mut lines = vec![
        Line::raw(format!("Present:    {}", names(&s.present))),
        Line::raw(format!("Apologies:  {}", names(&s.apologies))),
        Line::raw(format!("Absent:     {}", names(&s.absent))),
        Line::raw(format!(
            "Top management present: {}",
            if s.top_management_present {
                "yes"
            } else {
                "NO"
            }
        )),
        Line::raw(format!(
            "Items reviewed: {} of {} on the agenda{}",
            s.reviewed,
            meeting.agenda.len(),
            if s.reviewed == 0 {
                String::new()
            } else {
                let ids: Vec<&str> = meeting.reviewed.iter().map(|r| r.item.as_str()).collect();
                format!(": {}", ids.join(", "))
            }
        )),
    ];
    for (item, before, after) in &s.rescored {
        lines.push(Line::raw(format!(
            "  {item}: {}×{} → {}×{}",
            before.likelihood, before.impact, after.likelihood, after.impact
        )));
    }
    lines.push(Line::raw(format!("Decisions: {}", s.decisions.len())));
    for (item, decision) in &s.decisions {
        lines.push(Line::raw(format!("  {item}: {}", text::one_line(decision))));
    }
    lines.push(Line::raw(format!(
        "Actions raised: {}",
        if s.raised.is_empty() {
            "-".into()
        } else {
            s.raised.join(", ")
        }
    )));
    lines.push(Line::raw(format!(
        "Actions closed: {}",
        if s.closed.is_empty() {
            "-".into()
        } else {
            s.closed.join(", ")
        }
    )));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "y  close the meeting: the record becomes final and review dates move",
        theme.key,
    ));
    lines.push(Line::styled("n  go back to the meeting", theme.key));
    lines.push(Line::styled(
        "D  discard the meeting (only while it has no records)",
        theme.dim,
    ));
    let title = format!("Finish {} ({})", meeting.id, meeting.kind.label());
    scrolled(frame, area, app, theme, &title, lines, 100);
}
