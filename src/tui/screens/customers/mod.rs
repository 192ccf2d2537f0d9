//! Customer focus (`C`, ISO 9001 5.1.2): customers, key accounts first,
//! then what is owed to every customer, then the measures, on the left;
//! on the right the selected one's requirements with the risks and
//! opportunities linked to them, their open actions and the last review
//! with top management, or the measure's target, readings and trend.
//! Enter on a line opens its item (or measure); `r` adds a reading.

mod draw;
mod index;

pub use draw::draw;
pub use index::{Entry, FocusIndex, FocusLine, Link, Piece, Subject, Tone};

use super::super::app::{App, Cmd, Pane};
use super::super::forms;
use super::super::keymap::{Intent, Screen};

/// `C`: the screen, its index made.
pub fn enter(app: &mut App) {
    app.show_screen(Screen::Customers);
    rebuild(app);
}

/// Remakes what the screen shows after the data (or the day) changed: only
/// while the screen is open, in one pass over the register.
pub fn rebuild(app: &mut App) {
    if !app.screens.contains(&Screen::Customers) {
        return;
    }
    app.customers.index = FocusIndex::of(&app.register, app.today);
    let state = &mut app.customers;
    state.selected = state
        .selected
        .min(state.index.entries.len().saturating_sub(1));
    let links = links_of(state.index.entries.get(state.selected));
    state.link = state.link.min(links.saturating_sub(1));
}

/// Selects the entry about this measure (the one a reading was added to).
pub fn select_measure(app: &mut App, id: &str) {
    let want = Subject::Measure(id.to_string());
    if let Some(at) = app
        .customers
        .index
        .entries
        .iter()
        .position(|e| e.subject == want)
    {
        select(app, at);
    }
}

fn select(app: &mut App, at: usize) {
    let state = &mut app.customers;
    if state.selected != at {
        state.link = 0;
        state.scroll = None;
    }
    state.selected = at;
}

fn links_of(entry: Option<&Entry>) -> usize {
    entry.map_or(0, |e| e.lines.iter().filter(|l| l.link.is_some()).count())
}

fn selected_entry(app: &App) -> Option<&Entry> {
    app.customers.index.entries.get(app.customers.selected)
}

/// The link selected on the right, when the right pane has the keys.
fn selected_link(app: &App) -> Option<Link> {
    if app.customers.pane != Pane::Lines {
        return None;
    }
    selected_entry(app)?
        .lines
        .iter()
        .filter_map(|l| l.link.clone())
        .nth(app.customers.link)
}

pub fn on_intent(app: &mut App, intent: Intent) -> Option<Cmd> {
    if let Some(by) = super::list_move(app, intent) {
        move_by(app, intent, by);
        return Some(Cmd::None);
    }
    match intent {
        Intent::Right => to_lines(app),
        Intent::Left => app.customers.pane = Pane::List,
        Intent::Open => match app.customers.pane {
            Pane::List => to_lines(app),
            Pane::Lines => open_link(app),
        },
        Intent::AddReading => add_reading(app),
        // Esc on the right goes back to the list; on the list, leaves.
        Intent::Back if app.customers.pane == Pane::Lines => app.customers.pane = Pane::List,
        _ => return None,
    }
    Some(Cmd::None)
}

pub fn changes_data(intent: Intent) -> Option<bool> {
    match intent {
        Intent::AddReading => Some(true),
        Intent::Open | Intent::Right | Intent::Left => Some(false),
        _ => None,
    }
}

fn move_by(app: &mut App, intent: Intent, by: isize) {
    let len = app.customers.index.entries.len();
    match app.customers.pane {
        Pane::List => {
            let at = super::step(app.customers.selected, by, len);
            select(app, at);
        }
        Pane::Lines => {
            let links = links_of(selected_entry(app));
            let paging = matches!(intent, Intent::PageDown | Intent::PageUp);
            if links == 0 || paging {
                // Nothing to select (or a page asked for): the text scrolls.
                let rows = if paging { by } else { by.signum() };
                let shown = app.customers.shown_scroll.get();
                app.customers.scroll = Some(shown.saturating_add_signed(rows));
            } else {
                app.customers.link = super::step(app.customers.link, by, links);
                app.customers.scroll = None;
            }
        }
    }
}

fn to_lines(app: &mut App) {
    if selected_entry(app).is_none() {
        return;
    }
    app.customers.pane = Pane::Lines;
    app.customers.scroll = None;
    if links_of(selected_entry(app)) == 0 {
        let back = app.keys.key(Screen::Customers, Intent::Left);
        app.info(format!(
            "no line here opens an item; j/k scroll, {back} goes back to the list"
        ));
    }
}

fn open_link(app: &mut App) {
    match selected_link(app) {
        Some(Link::Item(id)) => {
            app.detail.item_id = id;
            app.detail.action = 0;
            app.detail.scroll = None;
            app.show_screen(Screen::Detail);
        }
        Some(Link::Measure(id)) => {
            select_measure(app, &id);
            app.customers.pane = Pane::List;
        }
        None => app.info("this line opens nothing: lines with an item or measure id do"),
    }
}

fn add_reading(app: &mut App) {
    let measure = match (selected_link(app), selected_entry(app)) {
        (Some(Link::Measure(id)), _) => Some(id),
        (
            _,
            Some(Entry {
                subject: Subject::Measure(id),
                ..
            }),
        ) => Some(id.clone()),
        _ => None,
    };
    match measure {
        Some(id) => forms::reading::open(app, &id),
        None => {
            let key = app.key(Intent::AddReading);
            app.error(format!(
                "select a measure first (in the list, under the customers) for {key} to add its reading"
            ));
        }
    }
}
