//! The audit view: participation and evidence figures for a period, each
//! opening the records behind it. The figures come from the domain.

use crate::domain::Date;
use crate::domain::audit::Period;

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Cell, Row, Table, TableState};

use crate::text;

use super::super::app::{App, Cmd, FormPurpose, Overlay};
use super::super::form::{Field, Form};
use super::super::keymap::{Intent, Screen};
use crate::theme::Theme;

const FROM: &str = "From";
const TO: &str = "To";

pub fn enter(app: &mut App) {
    app.show_screen(Screen::Audit);
    app.refresh_audit();
}

pub fn on_intent(app: &mut App, intent: Intent) -> Option<Cmd> {
    match intent {
        Intent::Down => {
            app.audit.selected =
                (app.audit.selected + 1).min(app.audit.figures.len().saturating_sub(1))
        }
        Intent::Up => app.audit.selected = app.audit.selected.saturating_sub(1),
        Intent::Open => {
            if let Some(figure) = app.audit.figures.get(app.audit.selected) {
                let title = format!("{}: {}", figure.label, figure.value);
                let lines = if figure.records.is_empty() {
                    vec!["(none)".to_string()]
                } else {
                    figure.records.clone()
                };
                app.reading.scroll = 0;
                app.show(Overlay::AuditRecords {
                    title,
                    lines,
                    ids: figure.ids.clone(),
                    selected: 0,
                });
            }
        }
        Intent::Period => {
            let fields = vec![
                Field::text(
                    FROM,
                    &app.audit.period.from.to_string(),
                    "YYYY-MM-DD, the first day counted",
                ),
                Field::text(
                    TO,
                    &app.audit.period.to.to_string(),
                    "YYYY-MM-DD, the last day counted",
                ),
            ];
            app.show(Overlay::Form(
                Box::new(Form::new("Audit period", fields, "apply")),
                FormPurpose::AuditPeriod,
            ));
        }
        _ => return None,
    }
    Some(Cmd::None)
}

/// Back on the audit view from an item opened from its records: the
/// records show again, as they were left.
pub fn back_on_audit(app: &mut App) {
    if app.screen() == Screen::Audit
        && let Some(records) = app.back_to_records.take()
    {
        app.show(records);
    }
}

pub fn changes_data(intent: Intent) -> Option<bool> {
    matches!(intent, Intent::Open | Intent::Period).then_some(false)
}

pub fn submit_period(app: &mut App, form: &mut Form) -> Option<Result<Cmd, String>> {
    form.clear_errors();
    let mut read = |key: &'static str| match Date::parse(&form.field(key).text_value()) {
        Ok(d) => Some(d),
        Err(e) => {
            form.set_error(key, e);
            None
        }
    };
    let (from, to) = (read(FROM), read(TO));
    let (Some(from), Some(to)) = (from, to) else {
        return None;
    };
    if from > to {
        form.set_error(
            TO,
            format!("{to} is before {from}; the period ends on or after it starts"),
        );
        return None;
    }
    app.audit.period = Period { from, to };
    app.refresh_audit();
    app.info(format!("audit period {from} to {to}"));
    Some(Ok(Cmd::None))
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let period = app.audit.period;
    let title = format!(
        " Audit · {} to {} · {} changes the period · {} shows the records ",
        period.from,
        period.to,
        app.key(Intent::Period),
        app.key(Intent::Open)
    );
    let block = Block::bordered()
        .title(Span::styled(title, theme.title))
        .border_style(theme.border);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // Values get what they need up to half the width; both are cut with an ellipsis.
    let value_width = app
        .audit
        .figures
        .iter()
        .map(|f| text::width(&f.value))
        .max()
        .unwrap_or(5)
        .clamp(5, (inner.width / 2) as usize) as u16;
    let label_width = inner.width.saturating_sub(value_width + 3) as usize;
    let rows = app.audit.figures.iter().enumerate().map(|(i, figure)| {
        let marker = if i == app.audit.selected {
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
    let mut state = TableState::default().with_selected(Some(app.audit.selected));
    frame.render_stateful_widget(table, inner, &mut state);
}
