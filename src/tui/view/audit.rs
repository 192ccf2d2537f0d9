//! The audit view: participation and evidence figures for a period.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Cell, Row, Table, TableState};

use crate::text;

use super::super::app::App;
use crate::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let period = app.audit_period;
    let title = format!(
        " Audit · {} to {} · p changes the period · Enter shows the records ",
        period.from, period.to
    );
    let block = Block::bordered()
        .title(Span::styled(title, theme.title))
        .border_style(theme.border);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // Values get what they need up to half the width; both are cut with an ellipsis.
    let value_width = app
        .audit
        .iter()
        .map(|f| text::width(&f.value))
        .max()
        .unwrap_or(5)
        .clamp(5, (inner.width / 2) as usize) as u16;
    let label_width = inner.width.saturating_sub(value_width + 3) as usize;
    let rows = app.audit.iter().enumerate().map(|(i, figure)| {
        let marker = if i == app.audit_selected {
            theme.marker
        } else {
            " "
        };
        Row::new(vec![
            Cell::from(marker),
            Cell::from(text::truncate(&text::one_line(&figure.label), label_width)),
            Cell::from(text::truncate(
                &text::one_line(&figure.value),
                value_width as usize,
            )),
        ])
    });
    let table = Table::new(
        rows,
        [
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(value_width),
        ],
    )
    .header(Row::new(vec!["", "Figure", "Value"]).style(theme.header))
    .column_spacing(1)
    .row_highlight_style(theme.selected);
    let mut state = TableState::default().with_selected(Some(app.audit_selected));
    frame.render_stateful_widget(table, inner, &mut state);
}
