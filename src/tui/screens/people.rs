//! The register's people: who they are, who is top management, what each
//! answers for, who has retired. Its keys add, edit, mark top management,
//! retire or reinstate, and delete someone nothing refers to.

use std::collections::HashMap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

use crate::domain::edit::{Key, Record, Scope};
use crate::domain::{ItemStatus, Person, Register};
use crate::text;

use super::super::app::{App, Cmd, Owns};
use super::super::forms;
use super::super::keymap::{Intent, Screen};
use super::super::widgets::{more_below, style_if};
use super::register::visible_offset;
use crate::theme::Theme;

/// `P`: the people screen, its counts made.
pub fn enter(app: &mut App) {
    app.show_screen(Screen::People);
    recount(app);
}

pub fn on_intent(app: &mut App, intent: Intent) -> Option<Cmd> {
    if let Some(by) = super::list_move(app, intent) {
        let len = app.register.people.len();
        app.people.selected = super::step(app.people.selected, by, len);
        return Some(Cmd::None);
    }
    let selected = app
        .register
        .people
        .get(app.people.selected)
        .map(|p| p.id.clone());
    match (intent, selected) {
        (Intent::New, _) => forms::person::open_new(app),
        (Intent::Edit, Some(id)) => forms::person::open_edit(app, &id),
        (Intent::TopManagement, Some(id)) => return Some(toggle_top_management(app, &id)),
        (Intent::Retire, Some(id)) => return Some(retire_or_reinstate(app, &id)),
        (Intent::Delete, Some(id)) => return Some(delete(app, &id)),
        (Intent::Edit | Intent::TopManagement | Intent::Retire | Intent::Delete, None) => {
            let add = app.key(Intent::New);
            app.error(format!("nobody here yet; {add} adds a person"));
        }
        _ => return None,
    }
    Some(Cmd::None)
}

pub fn changes_data(intent: Intent) -> Option<bool> {
    matches!(
        intent,
        Intent::New | Intent::Edit | Intent::TopManagement | Intent::Retire | Intent::Delete
    )
    .then_some(true)
}

/// Selects the person with this id (just added, say).
pub fn select(app: &mut App, id: &str) {
    if let Ok(at) = app.register.person_slot(id) {
        app.people.selected = at;
    }
}

/// What each person owns, recounted after the data changed: only while the
/// people screen is open. Linear in the items and their actions.
pub fn recount(app: &mut App) {
    if !app.screens.contains(&Screen::People) {
        return;
    }
    let mut owns: HashMap<String, Owns> = HashMap::new();
    for item in &app.register.items {
        if item.status != ItemStatus::Closed {
            owns.entry(item.owner.clone()).or_default().items += 1;
        }
        for action in item.actions.iter().filter(|a| a.status.is_open()) {
            owns.entry(action.owner.clone()).or_default().actions += 1;
        }
    }
    app.people.owns = owns;
    app.people.selected = app
        .people
        .selected
        .min(app.register.people.len().saturating_sub(1));
}

/// One change to one person: a copy changed by `edit`, put back.
fn change_person(app: &mut App, id: &str, done: &str, edit: impl FnOnce(&mut Person)) -> Cmd {
    let Some(mut person) = app.register.person(id).cloned() else {
        return Cmd::None;
    };
    edit(&mut person);
    let scope = Scope::default().and(Key::Person(id.to_string()));
    let result = app.change(done, scope, |r| {
        r.put(Record::Person(person.id.clone(), Some(person)));
        Ok(())
    });
    result.unwrap_or_else(|why| {
        app.error(why);
        Cmd::None
    })
}

fn toggle_top_management(app: &mut App, id: &str) -> Cmd {
    let Some(top) = app.register.person(id).map(|p| !p.top_management) else {
        return Cmd::None;
    };
    let done = if top {
        format!("{id} is top management ★")
    } else {
        format!("{id} is not top management")
    };
    change_person(app, id, &done, |p| p.top_management = top)
}

fn retire_or_reinstate(app: &mut App, id: &str) -> Cmd {
    let Some(retired) = app.register.person(id).map(|p| p.retired) else {
        return Cmd::None;
    };
    if retired.is_some() {
        let done = format!("{id} reinstated: offered as owner and attendee again");
        return change_person(app, id, &done, |p| p.retired = None);
    }
    let today = app.today;
    let owns = app.people.owns.get(id).copied().unwrap_or_default();
    let mut done = format!("{id} retired since {today}: no longer offered as owner or attendee");
    if owns != Owns::default() {
        done.push_str(&format!(
            "; still owns {} and {}: give them a current owner",
            text::plural(owns.items, "live item", "live items"),
            text::plural(owns.actions, "open action", "open actions")
        ));
    }
    change_person(app, id, &done, |p| p.retired = Some(today))
}

fn delete(app: &mut App, id: &str) -> Cmd {
    if app.user.as_deref() == Some(id) {
        // The deletion would be recorded as by nobody in the register.
        app.error(format!(
            "not deleted: you are editing as {id}, and every change is recorded as you"
        ));
        return Cmd::None;
    }
    let uses = references(&app.register, id);
    if !uses.is_empty() {
        let retire = app.key(Intent::Retire);
        app.error(format!(
            "not deleted: {id} is named in the register ({}); {retire} retires them instead (kept for the record, no longer offered)",
            uses.join("; ")
        ));
        return Cmd::None;
    }
    let name = app.register.person_name(id).to_string();
    let scope = Scope::default().and(Key::Person(id.to_string()));
    let done = format!("{} ({id}) deleted", text::one_line(&name));
    let result = app.change(&done, scope, |r| {
        r.put(Record::Person(id.to_string(), None));
        Ok(())
    });
    result.unwrap_or_else(|why| {
        app.error(why);
        Cmd::None
    })
}

/// The places that name `id`, as a refusal lists them: the first few of
/// each kind, the rest counted. One pass over the register.
fn references(register: &Register, id: &str) -> Vec<String> {
    const LISTED: usize = 3;
    let mut kinds: Vec<(&str, Vec<&str>)> = vec![
        ("owner of", Vec::new()),
        ("effectiveness checker of", Vec::new()),
        ("facilitator of", Vec::new()),
        ("attendee of", Vec::new()),
    ];
    for item in &register.items {
        if item.owner == id {
            kinds[0].1.push(&item.id);
        }
        for action in &item.actions {
            if action.owner == id {
                kinds[0].1.push(&action.id);
            }
            if action
                .effectiveness
                .as_ref()
                .is_some_and(|e| e.checked_by == id)
            {
                kinds[1].1.push(&action.id);
            }
        }
    }
    for meeting in &register.meetings {
        if meeting.facilitator == id {
            kinds[2].1.push(&meeting.id);
        }
        if meeting.attendance.iter().any(|a| a.person == id) {
            kinds[3].1.push(&meeting.id);
        }
    }
    let mut uses: Vec<String> = kinds
        .into_iter()
        .filter(|(_, ids)| !ids.is_empty())
        .map(|(what, ids)| {
            let shown: Vec<String> = ids.iter().take(LISTED).map(|i| text::one_line(i)).collect();
            match ids.len().saturating_sub(LISTED) {
                0 => format!("{what} {}", shown.join(", ")),
                more => format!("{what} {} and {more} more", shown.join(", ")),
            }
        })
        .collect();
    let by = register.history.iter().filter(|h| h.by == id).count();
    if by > 0 {
        uses.push(format!(
            "author of {}",
            text::plural(by, "history record", "history records")
        ));
    }
    uses
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let people = &app.register.people;
    let top = people
        .iter()
        .filter(|p| p.top_management && p.retired.is_none())
        .count();
    let retired = people.iter().filter(|p| p.retired.is_some()).count();
    let title = format!(
        " {} · {top} top management ★ · {retired} retired · {} adds ",
        text::plural(people.len(), "person", "people"),
        app.key(Intent::New)
    );
    let block = Block::bordered()
        .title(Span::styled(title, theme.title))
        .border_style(theme.border);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if people.is_empty() {
        frame.render_widget(
            Paragraph::new(format!(
                "Nobody yet. {} adds a person: you first, so your changes are recorded as yours.",
                app.key(Intent::New)
            ))
            .style(theme.dim),
            inner,
        );
        return;
    }
    let height = inner.height.saturating_sub(1) as usize;
    app.drawn.page_rows.set(height.max(1));
    let offset = visible_offset(
        app.people.offset.get(),
        app.people.selected,
        height,
        people.len(),
    );
    app.people.offset.set(offset);
    more_below(
        frame,
        area,
        people.len().saturating_sub(offset + height),
        theme,
    );
    let wide = inner.width >= 110;
    let id_width = people
        .iter()
        .map(|p| text::width(&text::one_line(&p.id)))
        .max()
        .unwrap_or(2)
        .clamp(2, 12) as u16;
    let rows = people
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(at, person)| {
            let owns = app.people.owns.get(&person.id).copied().unwrap_or_default();
            let count = |n: usize| {
                if n == 0 {
                    "-".to_string()
                } else {
                    n.to_string()
                }
            };
            let retired = person.retired.map(|d| d.to_string()).unwrap_or_default();
            let mut cells = vec![
                Cell::from(if at == app.people.selected {
                    theme.marker
                } else {
                    " "
                }),
                Cell::from(text::one_line(&person.name)),
                Cell::from(text::one_line(&person.id)),
                Cell::from(if person.top_management { "★" } else { "" }),
                Cell::from(text::one_line(&person.role)),
            ];
            if wide {
                cells.push(Cell::from(text::one_line(&person.login.join(", "))));
            }
            cells.extend([
                Cell::from(count(owns.items)),
                Cell::from(count(owns.actions)),
                Cell::from(retired),
            ]);
            Row::new(cells).style(style_if(person.retired.is_some(), theme.dim))
        });
    let name_width = if wide { 24 } else { 18 };
    let mut widths = vec![
        Constraint::Length(1),
        Constraint::Length(name_width),
        Constraint::Length(id_width),
        Constraint::Length(1),
        Constraint::Fill(1),
    ];
    let mut header = vec!["", "Name", "Id", "★", "Role"];
    if wide {
        widths.push(Constraint::Length(16));
        header.push("Logins");
    }
    widths.extend([
        Constraint::Length(5),
        Constraint::Length(7),
        Constraint::Length(10),
    ]);
    header.extend(["Items", "Actions", "Retired"]);
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.header))
        .column_spacing(1)
        .row_highlight_style(theme.selected);
    let mut state = TableState::default().with_selected(Some(app.people.selected - offset));
    frame.render_stateful_widget(table, inner, &mut state);
}
