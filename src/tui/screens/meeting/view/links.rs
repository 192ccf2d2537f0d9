//! What the item on the card threatens or serves: its linked requirements
//! (a key customer's marked so) and the measures it would move, with their
//! latest reading against target. One row each where the card is wide
//! enough, else two (what it is, then whose or how it stands), so the room
//! reads them whole while it re-scores.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::domain::{Item, Register, customer_focus, with_unit};
use crate::text;

use super::super::super::super::forms::item::links;
use super::label;
use crate::theme::Theme;

/// Rows of each kind of link on the card; the detail view has them all.
const SHOWN: usize = 4;
/// The label column (see `label`).
const LABEL: usize = 13;
/// Columns of a link's id and text worth keeping on one row with the rest;
/// cut shorter, they go on a row of their own.
const SHORTEST_HEAD: usize = 24;

pub(super) fn lines(
    register: &Register,
    item: &Item,
    width: u16,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let room = (width as usize).saturating_sub(LABEL);
    let mut out = Vec::new();
    let rows = item.requirements.iter().map(|id| {
        let Some(r) = register.requirement(id) else {
            return (
                format!("{id} not in the register's requirements"),
                String::new(),
                theme.overdue,
            );
        };
        let key = r
            .customer
            .as_deref()
            .and_then(|c| register.customer(c))
            .is_some_and(|c| c.key);
        let whose = links::requirement_whose(register, r);
        let whose = if key {
            format!("{whose}, key customer")
        } else {
            whose
        };
        let style = if key { theme.title } else { theme.text };
        (format!("{} {}", r.id, r.text), whose, style)
    });
    let rows = rows.map(|(head, tail, style)| (head, " — ", tail, style));
    push_rows(
        &mut out,
        "Requirements",
        rows,
        item.requirements.len(),
        room,
        theme,
    );
    let rows = item.measures.iter().map(|id| {
        let Some(m) = register.measure(id) else {
            return (
                format!("{id} not in the register's measures"),
                String::new(),
                theme.overdue,
            );
        };
        let target = m.target.described(&m.unit);
        let reading = match m.latest() {
            Some(r) => format!(
                "{} (target {target}), {} {}",
                with_unit(&r.value.to_string(), &m.unit),
                links::standing_words(m),
                customer_focus::trend(m).arrow()
            ),
            None => format!("no reading yet (target {target})"),
        };
        let style = if m.is_off_target() {
            theme.overdue
        } else {
            theme.text
        };
        (format!("{} {}", m.id, m.name), reading, style)
    });
    let rows = rows.map(|(head, tail, style)| (head, ": ", tail, style));
    push_rows(&mut out, "Measures", rows, item.measures.len(), room, theme);
    if !out.is_empty() {
        out.push(Line::raw(""));
    }
    out
}

/// One row per link under `name`: what it is (id and text), then after
/// `sep` whose it is or how it stands, in `style`: strong for a key
/// customer, the warning style off target, besides the words. When both do
/// not fit in `room`, the first is cut, or, if that leaves too little of
/// it, the second part goes on a row of its own.
fn push_rows<'s>(
    out: &mut Vec<Line<'static>>,
    name: &str,
    rows: impl Iterator<Item = (String, &'s str, String, Style)>,
    count: usize,
    room: usize,
    theme: &Theme,
) {
    for (i, (head, sep, tail, style)) in rows.take(SHOWN).enumerate() {
        let first = if i == 0 { name } else { "" };
        let (head, tail) = (text::one_line(&head), text::one_line(&tail));
        let sep = if tail.is_empty() { "" } else { sep };
        let head_room = room.saturating_sub(text::width(sep) + text::width(&tail));
        if head_room >= text::width(&head).min(SHORTEST_HEAD) {
            out.push(Line::from(vec![
                label(theme, first),
                Span::styled(text::truncate(&head, head_room), theme.text),
                Span::styled(format!("{sep}{tail}"), style),
            ]));
            continue;
        }
        out.push(Line::from(vec![
            label(theme, first),
            Span::styled(text::truncate(&head, room), theme.text),
        ]));
        out.push(Line::from(vec![
            label(theme, ""),
            Span::styled(text::truncate(&format!("  {tail}"), room), style),
        ]));
    }
    if count > SHOWN {
        out.push(Line::from(vec![
            label(theme, ""),
            Span::styled(
                format!("… and {} more in the item's detail", count - SHOWN),
                theme.text,
            ),
        ]));
    }
}
