//! Every action of the register, overdue first, optionally one owner's.
//! Its keys move, open the action's item, change the owner shown and mark
//! an action done.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

use crate::domain::{ActionStatus, queries};
use crate::text;

use super::super::app::{App, Cmd};
use super::super::keymap::{Intent, Screen};
use super::super::widgets::{more_below, style_if};
use super::register::visible_offset;
use crate::theme::Theme;

pub fn on_intent(app: &mut App, intent: Intent) -> Option<Cmd> {
    match intent {
        Intent::Open => open_item(app),
        Intent::OwnerFilter => next_owner(app),
        Intent::MarkDone => return Some(super::items::mark_done(app, selected_action(app))),
        _ => {
            let by = super::list_move(app, intent)?;
            app.actions.selected = super::step(app.actions.selected, by, app.actions.rows.len());
            app.remember_action_selection();
        }
    }
    Some(Cmd::None)
}

pub fn changes_data(intent: Intent) -> Option<bool> {
    (intent == Intent::Open).then_some(false)
}

fn selected_action(app: &App) -> Option<(String, String)> {
    let row = app.actions.rows.get(app.actions.selected)?;
    let item = &app.register.items[row.item];
    Some((item.id.clone(), item.actions[row.action].id.clone()))
}

fn open_item(app: &mut App) {
    if let Some(row) = app.actions.rows.get(app.actions.selected).copied() {
        app.detail.item_id = app.register.items[row.item].id.clone();
        app.detail.action = row.action;
        app.detail.scroll = None;
        app.show_screen(Screen::Detail);
    }
}

/// All actions, then each person's in turn.
fn next_owner(app: &mut App) {
    let people = &app.register.people;
    let next = match &app.actions.owner {
        None => people.first(),
        Some(current) => people.iter().skip_while(|p| p.id != *current).nth(1),
    };
    app.actions.owner = next.map(|p| p.id.clone());
    app.refresh_actions();
    app.info(match &app.actions.owner {
        Some(owner) => format!("actions of {}", app.register.person_name(owner)),
        None => "actions of everyone".to_string(),
    });
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let rows_total = app.actions.rows.len();
    let late = app
        .actions
        .rows
        .iter()
        .filter(|r| {
            queries::action_overdue(&app.register.items[r.item].actions[r.action], app.today)
        })
        .count();
    let whose = match &app.actions.owner {
        Some(o) => format!(
            "of {} ({})",
            text::one_line(app.register.person_name(o)),
            text::one_line(o)
        ),
        None => "of everyone".to_string(),
    };
    let owner = app.key(Intent::OwnerFilter);
    let title = format!(" {rows_total} actions {whose} · {late} overdue · {owner} changes owner ");
    let block = Block::bordered()
        .title(Span::styled(title, theme.title))
        .border_style(theme.border);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if rows_total == 0 {
        frame.render_widget(
            Paragraph::new(format!(
                "No actions here. On an item, {} adds one.",
                app.keys.key(Screen::Detail, Intent::AddAction)
            ))
            .style(theme.dim),
            inner,
        );
        return;
    }
    let height = inner.height.saturating_sub(1) as usize;
    app.drawn.page_rows.set(height.max(1));
    let offset = visible_offset(
        app.actions.offset.get(),
        app.actions.selected,
        height,
        rows_total,
    );
    app.actions.offset.set(offset);
    more_below(
        frame,
        area,
        rows_total.saturating_sub(offset + height),
        theme,
    );
    let wide = inner.width >= 110;
    // What the fixed columns leave for the action's text (they and their gaps).
    let fixed = 1 + 6 + 6 + 8 + 11 + 11 + 7 + if wide { 17 } else { 0 };
    let text_width = (inner.width as usize).saturating_sub(fixed);
    let rows = app
        .actions
        .rows
        .iter()
        .skip(offset)
        .take(height)
        .enumerate()
        .map(|(i, r)| {
            let item = &app.register.items[r.item];
            let action = &item.actions[r.action];
            let selected = offset + i == app.actions.selected;
            let overdue = queries::action_overdue(action, app.today);
            let effect = match (&action.status, &action.effectiveness) {
                (_, Some(check)) => check.verdict.label().to_string(),
                (ActionStatus::Done, None) => "Not checked".to_string(),
                _ => "-".to_string(),
            };
            let due = if overdue {
                format!("{}!", action.due)
            } else {
                action.due.to_string()
            };
            let mut cells = vec![
                Cell::from(if selected { theme.marker } else { " " }),
                Cell::from(text::one_line(&action.id)),
                Cell::from(text::one_line(&item.id)),
                Cell::from(text::truncate(&text::one_line(&action.text), text_width)),
                Cell::from(text::one_line(&action.owner)),
                Cell::from(due).style(style_if(overdue, theme.overdue)),
                Cell::from(action.status.label()),
            ];
            if wide {
                cells.push(Cell::from(effect));
            }
            Row::new(cells)
        });
    let mut widths = vec![
        Constraint::Length(1),
        Constraint::Length(6),
        Constraint::Length(6),
        Constraint::Fill(1),
        Constraint::Length(8),
        Constraint::Length(11),
        Constraint::Length(11),
    ];
    let mut header = vec!["", "ID", "Item", "Action", "Owner", "Due", "Status"];
    if wide {
        widths.push(Constraint::Length(16));
        header.push("Effectiveness");
    }
    let table = Table::new(rows, widths)
        .header(ratatui::widgets::Row::new(header).style(theme.header))
        .column_spacing(1)
        .row_highlight_style(theme.selected);
    let mut state = TableState::default().with_selected(Some(app.actions.selected - offset));
    frame.render_stateful_widget(table, inner, &mut state);
}
