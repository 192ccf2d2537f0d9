//! The register: a table of items, with the selected item's detail beside it
//! on wide terminals and below it on tall ones. Its keys move, open, search,
//! filter, sort and add; the item keys are shared (`items`).

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

use crate::domain::{Filter, Item, Kind, queries};
use crate::text;

use super::super::app::{App, Cmd, FormPurpose, Overlay};
use super::super::forms;
use super::super::keymap::{Intent, Popup};
use super::super::widgets::{band_span, more_below, style_if};
use super::detail;
use crate::theme::Theme;

pub fn on_intent(app: &mut App, intent: Intent) -> Option<Cmd> {
    if let Some(by) = super::list_move(app, intent) {
        app.list.selected = super::step(app.list.selected, by, app.list.view.len());
        return Some(Cmd::None);
    }
    match intent {
        Intent::Open => {
            if let Some(item) = app.selected_item() {
                app.detail.item_id = item.id.clone();
                app.detail.action = 0;
                app.detail.scroll = None;
                app.show_screen(super::Screen::Detail);
            }
        }
        Intent::Search => app.list.search = Some(app.list.filter.text.clone()),
        Intent::Filter => {
            let form = forms::filter::filter_form(&app.register, &app.list.filter);
            app.show(Overlay::Form(Box::new(form), FormPurpose::Filter));
        }
        Intent::ClearFilter => {
            app.list.filter = Filter::default();
            app.list_changed();
            app.info("filters and search cleared");
        }
        Intent::Sort => {
            app.list.sort = app.list.sort.next();
            app.sort_changed();
            app.info(format!("sorted by {}", app.list.sort.label()));
        }
        Intent::SortReverse => {
            app.list.reverse = !app.list.reverse;
            app.sort_changed();
            app.info(format!(
                "sorted by {}{}",
                app.list.sort.label(),
                if app.list.reverse { ", reversed" } else { "" }
            ));
        }
        Intent::New => {
            let form = forms::item::item_form(&app.register, None, app.user.as_deref());
            app.show(Overlay::Form(Box::new(form), FormPurpose::NewItem));
        }
        _ => return None,
    }
    Some(Cmd::None)
}

pub fn changes_data(intent: Intent) -> Option<bool> {
    match intent {
        Intent::New => Some(true),
        Intent::Open => Some(false),
        _ => None,
    }
}

/// Typing a search: the text filters the list as it is typed.
pub fn on_search_key(app: &mut App, key: KeyEvent) {
    match app.keys.lookup(Popup::Search, &key) {
        Some(Intent::Accept) => {
            app.list.search = None;
            app.info(format!(
                "{} \"{}\"",
                text::plural(app.list.view.len(), "item matches", "items match"),
                app.list.filter.text
            ));
            return;
        }
        Some(Intent::Cancel) => {
            app.list.filter.text = app.list.search.take().unwrap_or_default();
            app.list_changed();
            return;
        }
        _ => {}
    }
    // Typing keys are fixed: they edit the search text.
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Backspace => {
            app.list.filter.text.pop();
            app.search_shortened();
        }
        KeyCode::Char(c) if !ctrl => {
            let before = app.list.filter.text.clone();
            app.list.filter.text.push(c);
            app.list.selected = 0;
            app.search_extended(before);
        }
        _ => {}
    }
}

/// Text pasted while a search is typed joins it, on one line.
pub fn paste_into_search(app: &mut App, pasted: &str) {
    let before = app.list.filter.text.clone();
    app.list.filter.text.push_str(&text::one_line(pasted));
    app.search_extended(before);
}

/// Side by side from this width; detail below from this height.
const SIDE_BY_SIDE: u16 = 140;
const STACKED: u16 = 34;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let item = app.selected_item();
    if area.width >= SIDE_BY_SIDE {
        let [table, side] =
            Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)])
                .areas(area);
        draw_table(frame, table, app, theme);
        detail::draw_pane(frame, side, app, item, theme, false);
    } else if area.height >= STACKED {
        let [table, below] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(14)]).areas(area);
        draw_table(frame, table, app, theme);
        detail::draw_pane(frame, below, app, item, theme, false);
    } else {
        draw_table(frame, area, app, theme);
    }
}

/// Columns by how much they matter; the narrow layout leaves out the last ones.
struct Columns {
    kind: bool,
    owner: bool,
    status: bool,
}

fn columns_for(width: u16) -> Columns {
    Columns {
        kind: width >= 96,
        owner: width >= 78,
        status: width >= 104,
    }
}

fn draw_table(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let filter = app.list.filter.describe();
    let sort = format!(
        "by {}{}",
        app.list.sort.label(),
        if app.list.reverse { " ↑" } else { "" }
    );
    let title = if filter.is_empty() {
        format!(" {} items · {sort} ", app.list.view.len())
    } else {
        format!(
            " {} of {} items · {filter} · {sort} ",
            app.list.view.len(),
            app.register.items.len()
        )
    };
    let block = Block::bordered()
        .title(Span::styled(text::one_line(&title), theme.title))
        .border_style(theme.border);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if app.list.view.is_empty() {
        let message = if app.register.items.is_empty() {
            format!(
                "The register is empty. Press {} to add the first risk or opportunity.",
                app.key(Intent::New)
            )
        } else {
            format!(
                "No item matches. Press {} to clear the filter and search.",
                app.key(Intent::ClearFilter)
            )
        };
        frame.render_widget(Paragraph::new(message).style(theme.dim), inner);
        return;
    }
    let cols = columns_for(inner.width);
    let height = inner.height.saturating_sub(1) as usize;
    app.drawn.page_rows.set(height.max(1));
    let offset = visible_offset(
        app.list.offset.get(),
        app.list.selected,
        height,
        app.list.view.len(),
    );
    app.list.offset.set(offset);
    more_below(
        frame,
        area,
        app.list.view.len().saturating_sub(offset + height),
        theme,
    );

    let mut header = vec!["", "ID"];
    let id_width = app.list.id_width.max(2);
    let mut widths = vec![Constraint::Length(1), Constraint::Length(id_width as u16)];
    if cols.kind {
        header.push("Kind");
        widths.push(Constraint::Length(4));
    }
    header.push("Title");
    widths.push(Constraint::Fill(1));
    if cols.owner {
        header.push("Owner");
        widths.push(Constraint::Length(8));
    }
    header.extend(["L", "I", "Sc", "Band"]);
    widths.extend([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Length(8),
    ]);
    if cols.status {
        header.push("Status");
        widths.push(Constraint::Length(10));
    }
    header.extend(["Review", "Open/late"]);
    widths.extend([Constraint::Length(11), Constraint::Length(9)]);

    // The title takes what the fixed columns leave; cut with an ellipsis.
    let fixed: u16 = widths
        .iter()
        .map(|w| match w {
            Constraint::Length(n) => *n + 1,
            _ => 1,
        })
        .sum();
    let title_width = inner.width.saturating_sub(fixed) as usize;
    // Only the rows on screen are built.
    let rows = app
        .list
        .view
        .iter()
        .skip(offset)
        .take(height)
        .enumerate()
        .map(|(i, &index)| {
            let item = &app.register.items[index];
            let selected = offset + i == app.list.selected;
            row(app, item, &cols, selected, (id_width, title_width), theme)
        });
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.header))
        .column_spacing(1)
        .row_highlight_style(theme.selected);
    let mut state = TableState::default().with_selected(Some(app.list.selected - offset));
    frame.render_stateful_widget(table, inner, &mut state);
}

/// The first row to show so that `selected` is on screen, moving as little as possible.
pub fn visible_offset(previous: usize, selected: usize, height: usize, len: usize) -> usize {
    if height == 0 {
        return selected;
    }
    let mut offset = previous.min(len.saturating_sub(height));
    if selected < offset {
        offset = selected;
    } else if selected >= offset + height {
        offset = selected + 1 - height;
    }
    offset
}

fn row<'a>(
    app: &App,
    item: &'a Item,
    cols: &Columns,
    selected: bool,
    (id_width, title_width): (usize, usize),
    theme: &Theme,
) -> Row<'a> {
    let today = app.today;
    let score = item.current.value();
    let review_overdue = queries::review_overdue(item, today);
    let review = match item.next_review {
        None => "-".to_string(),
        Some(day) if review_overdue => format!("{day}!"),
        Some(day) => day.to_string(),
    };
    let open = queries::open_actions(item);
    let late = queries::overdue_actions(item, today);
    let actions = if open == 0 {
        "-".to_string()
    } else {
        format!("{open}/{late}{}", if late > 0 { "!" } else { "" })
    };
    let marker = if selected { theme.marker } else { " " };
    let mut cells = vec![
        Cell::from(marker),
        Cell::from(text::truncate(&text::one_line(&item.id), id_width)),
    ];
    if cols.kind {
        cells.push(Cell::from(match item.kind {
            Kind::Risk => "Risk",
            Kind::Opportunity => "Opp",
        }));
    }
    cells.push(Cell::from(text::truncate(
        &text::one_line(&item.title),
        title_width,
    )));
    if cols.owner {
        cells.push(Cell::from(text::one_line(&item.owner)));
    }
    cells.push(Cell::from(item.current.likelihood.to_string()));
    cells.push(Cell::from(item.current.impact.to_string()));
    cells.push(Cell::from(format!("{score:>2}")));
    cells.push(Cell::from(Line::from(band_span(
        app, item.kind, score, theme, 8,
    ))));
    if cols.status {
        cells.push(Cell::from(item.status.label()));
    }
    cells.push(Cell::from(review).style(style_if(review_overdue, theme.overdue)));
    cells.push(Cell::from(actions).style(style_if(late > 0, theme.overdue)));
    Row::new(cells)
}

#[cfg(test)]
mod tests {
    use super::visible_offset;

    #[test]
    fn offset_follows_the_selection_with_least_movement() {
        assert_eq!(visible_offset(0, 5, 10, 100), 0);
        assert_eq!(visible_offset(0, 12, 10, 100), 3);
        assert_eq!(visible_offset(3, 4, 10, 100), 3);
        assert_eq!(visible_offset(20, 4, 10, 100), 4);
        assert_eq!(visible_offset(95, 99, 10, 100), 90);
    }
}
