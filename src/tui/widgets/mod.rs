//! Pieces that several screens and popups draw with: band names in their
//! colours, "more below" notes, centred popups and scrolling lists.

pub mod matrix;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::text;

use super::app::App;
use super::keymap::{Intent, Popup};
use crate::theme::Theme;

/// A note on a list's bottom border of how many rows are below the screen.
pub fn more_below(frame: &mut Frame, area: Rect, below: usize, theme: &Theme) {
    if below == 0 || area.width < 20 {
        return;
    }
    let note = format!(" ↓ {below} more ");
    let width = text::width(&note) as u16;
    let at = Rect {
        x: area.right().saturating_sub(width + 2),
        y: area.bottom().saturating_sub(1),
        width,
        height: 1,
    };
    frame.render_widget(Paragraph::new(Span::styled(note, theme.key)), at);
}

/// The keymap writes levels as `1–9`; show the register's own range.
pub fn levels_label(app: &App, key: &str) -> String {
    let max = app.register.scales.max_likelihood();
    key.replace("1–9", &format!("1–{max}"))
}

/// A span for a band name in its kind's colours; the word always shows.
pub fn band_span(
    app: &App,
    kind: crate::domain::Kind,
    score: u32,
    theme: &Theme,
    width: usize,
) -> Span<'static> {
    let scales = &app.register.scales;
    let index = scales.band_index(score).unwrap_or(0);
    let style = theme.band(kind, index, scales.bands.len());
    Span::styled(
        text::fit(&text::one_line(scales.band_name(score)), width),
        style,
    )
}

pub fn style_if(condition: bool, style: Style) -> Style {
    if condition { style } else { Style::new() }
}

/// A centred rectangle of at most `width`×`height` inside `area`.
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width.saturating_sub(4));
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

pub fn popup(frame: &mut Frame, rect: Rect, title: &str, theme: &Theme) -> Rect {
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(Span::styled(format!(" {title} "), theme.title))
        .border_style(theme.focus_border);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// A popup of lines that scrolls when it does not fit.
pub fn scrolled(
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
    let scroll = app.reading.scroll.min(overflow);
    app.reading.scroll_max.set(overflow);
    let title = if overflow > 0 {
        let keys = &app.keys;
        let down = keys.key(Popup::Reading, Intent::ScrollDown);
        let up = keys.key(Popup::Reading, Intent::ScrollUp);
        format!("{title} ({down}/{up} scroll)")
    } else {
        title.to_string()
    };
    let inner = popup(frame, rect, &title, theme);
    frame.render_widget(text.scroll((scroll as u16, 0)), inner);
}

/// A popup of one-line entries to pick from, the selected one marked and
/// kept in view, with a footer of its keys.
pub fn pick_list(
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
    (title, lines, selected): (&str, &[String], usize),
    footer: &str,
    width: u16,
) {
    let rows: Vec<PickRow> = lines
        .iter()
        .enumerate()
        .map(|(i, line)| PickRow {
            text: line,
            style: theme.text,
            selected: i == selected,
        })
        .collect();
    let keep_in_view = |height: usize| (selected + 1).saturating_sub(height);
    pick_rows(
        frame,
        area,
        theme,
        (title, &rows),
        keep_in_view,
        footer,
        width,
    );
}

/// One row of [`pick_rows`].
pub struct PickRow<'a> {
    pub text: &'a str,
    pub style: Style,
    pub selected: bool,
}

/// [`pick_list`] with rows styled one by one, and the first row shown
/// worked out by `offset` from the rows that fit.
pub fn pick_rows(
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
    (title, rows): (&str, &[PickRow]),
    offset: impl FnOnce(usize) -> usize,
    footer: &str,
    width: u16,
) {
    let rect = centred(area, width, rows.len() as u16 + 4);
    let inner = popup(frame, rect, title, theme);
    let height = inner.height.saturating_sub(1) as usize;
    let offset = offset(height);
    let width = inner.width as usize;
    let shown: Vec<Line> = rows
        .iter()
        .skip(offset)
        .take(height)
        .map(|row| {
            let marker = if row.selected { theme.marker } else { " " };
            let style = if row.selected {
                theme.selected
            } else {
                row.style
            };
            let line = format!("{marker} {}", text::one_line(row.text));
            Line::styled(text::truncate(&line, width), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
    let footer_area = Rect {
        y: inner.bottom().saturating_sub(1),
        height: 1,
        ..inner
    };
    frame.render_widget(
        Paragraph::new(Span::styled(text::truncate(footer, width), theme.text)),
        footer_area,
    );
    more_below(
        frame,
        rect,
        rows.len().saturating_sub(offset + height),
        theme,
    );
}
