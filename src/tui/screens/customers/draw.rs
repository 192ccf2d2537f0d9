//! Drawing the customer-focus screen from its index: the list on the left,
//! the selected entry's lines on the right, wrapped or cut to the width.
//! Every mark is a word or a symbol; colour only adds to it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::text;
use crate::theme::Theme;

use super::super::super::app::{App, Pane};
use super::super::super::keymap::{Intent, Screen};
use super::super::super::widgets::more_below;
use super::super::register::visible_offset;
use super::{Entry, FocusLine, Piece, Subject, Tone};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let index = &app.customers.index;
    if index.entries.is_empty() {
        empty(frame, area, app, theme);
        return;
    }
    let list_width = match area.width {
        110.. => 34,
        90.. => 30,
        _ => 26,
    };
    let [left, right] =
        Layout::horizontal([Constraint::Length(list_width), Constraint::Fill(1)]).areas(area);
    draw_list(frame, left, app, theme);
    if let Some(entry) = index.entries.get(app.customers.selected) {
        draw_lines(frame, right, app, entry, theme);
    }
}

fn empty(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let block = Block::bordered()
        .title(Span::styled(" Customer focus ", theme.title))
        .border_style(theme.border);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = vec![
        Line::styled("No customers, requirements or measures yet.", theme.text),
        Line::raw(""),
        Line::styled(
            "This screen shows, for ISO 9001 5.1.2, each customer's requirements with the risks and opportunities that threaten or serve them, and the measures of satisfaction against their targets.",
            theme.dim,
        ),
        Line::raw(""),
        Line::styled("For now they are added in the register file:", theme.text),
        Line::styled(
            "  customers: [(id: \"C-001\", name: \"Nordbil AB\", key: true)],",
            theme.key,
        ),
        Line::styled(
            "  requirements: [(id: \"REQ-001\", text: \"98 % of order lines on time\", customer: Some(\"C-001\"), kind: Customer)],",
            theme.key,
        ),
        Line::styled(
            "  measures: [(id: \"KPI-001\", name: \"On-time delivery\", unit: \"%\", target: AtLeast(95))],",
            theme.key,
        ),
        Line::styled(
            "and an item names them with requirements: [\"REQ-001\"] and measures: [\"KPI-001\"].",
            theme.text,
        ),
        Line::raw(""),
        Line::styled(
            format!(
                "{} goes back.",
                app.keys.either(Screen::Customers, Intent::Back)
            ),
            theme.dim,
        ),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

fn draw_list(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let state = &app.customers;
    let focused = state.pane == Pane::List;
    let block = Block::bordered()
        .title(Span::styled(" Customers · measures ", theme.title))
        .border_style(if focused {
            theme.focus_border
        } else {
            theme.border
        });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // Section headings between the entries: a row each, selecting none.
    let mut rows: Vec<(Option<usize>, Line)> = Vec::new();
    let mut section = "";
    for (at, entry) in state.index.entries.iter().enumerate() {
        let heading = match entry.subject {
            Subject::Customer(_) | Subject::General => "Customers",
            Subject::Measure(_) => "Measures",
        };
        if heading != section {
            section = heading;
            rows.push((None, Line::styled(heading, theme.header)));
        }
        let here = at == state.selected;
        rows.push((Some(at), list_row(entry, here, inner.width as usize, theme)));
    }
    let height = inner.height as usize;
    let selected_row = rows
        .iter()
        .position(|(at, _)| *at == Some(state.selected))
        .unwrap_or(0);
    // The heading above the first entry stays in view with it.
    let want = if selected_row == 1 { 0 } else { selected_row };
    let offset = visible_offset(state.offset.get(), want, height, rows.len());
    let offset = if want < selected_row {
        offset.min(want)
    } else {
        offset
    };
    state.offset.set(offset);
    if focused {
        app.drawn.page_rows.set(height.max(1));
    }
    more_below(
        frame,
        area,
        rows.len().saturating_sub(offset + height),
        theme,
    );
    let lines: Vec<Line> = rows
        .into_iter()
        .skip(offset)
        .take(height)
        .map(|(_, l)| l)
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn list_row<'a>(entry: &Entry, here: bool, width: usize, theme: &Theme) -> Line<'a> {
    let marker = if here { theme.marker } else { " " };
    let mark_width = entry.mark.as_ref().map_or(0, |m| text::width(&m.text) + 1);
    let name_width = width.saturating_sub(2 + mark_width);
    let mut spans = vec![
        Span::raw(format!("{marker} ")),
        Span::raw(text::fit(&entry.name, name_width)),
    ];
    if let Some(mark) = &entry.mark {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(
            mark.text.clone(),
            tone(mark.tone, theme, None),
        ));
    }
    let line = Line::from(spans);
    if here {
        line.style(theme.selected)
    } else {
        line
    }
}

fn draw_lines(frame: &mut Frame, area: Rect, app: &App, entry: &Entry, theme: &Theme) {
    let state = &app.customers;
    let focused = state.pane == Pane::Lines;
    let mut title = format!(" {} ", text::truncate(&entry.name, 40));
    if matches!(entry.subject, Subject::Measure(_)) {
        title.push_str(&format!(
            "· {} adds a reading ",
            app.keys.key(Screen::Customers, Intent::AddReading)
        ));
    }
    let block = Block::bordered()
        .title(Span::styled(title, theme.title))
        .border_style(if focused {
            theme.focus_border
        } else {
            theme.border
        });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let height = inner.height as usize;
    let scales = &app.register.scales;
    let mut rows: Vec<Line> = Vec::new();
    let mut selected_row = None;
    let mut link = 0;
    for line in &entry.lines {
        let here = focused && line.link.is_some() && link == state.link;
        if line.link.is_some() {
            link += 1;
        }
        if here {
            selected_row = Some(rows.len());
        }
        for (n, pieces) in laid_out(line, width).into_iter().enumerate() {
            let mut spans: Vec<Span> = pieces
                .into_iter()
                .map(|p| Span::styled(p.text, tone(p.tone, theme, Some(scales))))
                .collect();
            if here && n == 0 {
                mark_selected(&mut spans, theme.marker);
            }
            let row = Line::from(spans);
            rows.push(if here { row.style(theme.selected) } else { row });
        }
    }
    let most = rows.len().saturating_sub(height);
    let scroll = match (state.scroll, selected_row) {
        (Some(asked), _) => asked.min(most),
        (None, Some(row)) => visible_offset(state.shown_scroll.get(), row, height, rows.len()),
        (None, None) => state.shown_scroll.get().min(most),
    };
    state.shown_scroll.set(scroll);
    if focused {
        app.drawn.page_rows.set(height.max(1));
    }
    more_below(
        frame,
        area,
        rows.len().saturating_sub(scroll + height),
        theme,
    );
    let shown: Vec<Line> = rows.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

/// The selected line starts with the marker where it has room (its
/// indent), so the selection shows without colour.
fn mark_selected(spans: &mut [Span], marker: &'static str) {
    if let Some(first) = spans.first_mut()
        && let Some(rest) = first.content.strip_prefix(' ')
    {
        first.content = format!("{marker}{rest}").into();
    }
}

/// A line as rows of `width` columns: long text wrapped at spaces (later
/// rows indented as the first), anything else cut with an ellipsis.
fn laid_out(line: &FocusLine, width: usize) -> Vec<Vec<Piece>> {
    if width == 0 {
        return vec![Vec::new()];
    }
    if !line.wrap {
        return vec![cut(&line.pieces, width)];
    }
    let indent = line
        .pieces
        .first()
        .map_or(0, |p| p.text.len() - p.text.trim_start().len())
        .min(width / 2);
    let mut rows: Vec<Vec<Piece>> = vec![Vec::new()];
    let mut used = 0;
    for piece in &line.pieces {
        for word in piece.text.split_inclusive(' ') {
            let word_width = text::width(word.trim_end());
            if used + word_width > width && used > indent {
                rows.push(vec![Piece {
                    text: " ".repeat(indent),
                    tone: Tone::Text,
                }]);
                used = indent;
                if word.trim().is_empty() {
                    continue;
                }
            }
            let word = text::truncate(word, width.saturating_sub(used).max(1));
            used += text::width(&word);
            push(rows.last_mut().expect("a row"), word, piece.tone);
        }
    }
    for row in &mut rows {
        // The space after a row's last word is not part of it.
        if let Some(last) = row.last_mut() {
            last.text.truncate(last.text.trim_end().len());
        }
    }
    rows.into_iter().map(|r| cut(&r, width)).collect()
}

fn push(row: &mut Vec<Piece>, text: String, tone: Tone) {
    match row.last_mut() {
        Some(last) if last.tone == tone => last.text.push_str(&text),
        _ => row.push(Piece { text, tone }),
    }
}

fn cut(pieces: &[Piece], width: usize) -> Vec<Piece> {
    let mut room = width;
    let mut out = Vec::new();
    for piece in pieces {
        if room == 0 {
            break;
        }
        let text = text::truncate(&piece.text, room);
        room = room.saturating_sub(text::width(&text));
        out.push(Piece {
            text,
            tone: piece.tone,
        });
    }
    out
}

fn tone(tone: Tone, theme: &Theme, scales: Option<&crate::domain::Scales>) -> Style {
    match tone {
        Tone::Text => theme.text,
        Tone::Dim => theme.dim,
        Tone::Title => theme.title,
        Tone::Header => theme.header,
        Tone::Ok => theme.ok,
        Tone::Warning => theme.warning,
        Tone::Overdue => theme.overdue,
        Tone::Band(kind, score) => match scales {
            Some(scales) => theme.band_of(kind, scales, score),
            None => theme.text,
        },
    }
}
