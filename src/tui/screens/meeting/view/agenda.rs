//! The agenda beside or above the card: a side list on a wide screen, a
//! strip of one or two lines from 100 columns. Each item shows whether it
//! is reviewed (✓), on the card (▶) or still to come (·).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::domain::Meeting;
use crate::text;

use super::super::super::super::app::App;
use super::super::due_marker;
use crate::theme::Theme;

/// Where an agenda item stands in the meeting.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Standing {
    Reviewed,
    Current,
    ToCome,
}

impl Standing {
    fn mark(self) -> &'static str {
        match self {
            Standing::Reviewed => "✓",
            Standing::Current => "▶",
            Standing::ToCome => "·",
        }
    }
}

/// Each agenda item with its standing and whether it is reviewed, in the
/// agenda's order.
fn standings<'a>(app: &App, meeting: &'a Meeting) -> Vec<(&'a str, Standing, bool)> {
    let reviewed: std::collections::HashSet<&str> =
        meeting.reviewed.iter().map(|r| r.item.as_str()).collect();
    meeting
        .agenda
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let done = reviewed.contains(id.as_str());
            let standing = if i == app.meeting.position {
                Standing::Current
            } else if done {
                Standing::Reviewed
            } else {
                Standing::ToCome
            };
            (id.as_str(), standing, done)
        })
        .collect()
}

fn title(meeting: &Meeting) -> String {
    let reviewed = meeting.reviewed.len();
    format!("Agenda · {reviewed}/{} reviewed", meeting.agenda.len())
}

/// The agenda as a list with titles, for a wide screen.
pub fn side_list(frame: &mut Frame, area: Rect, app: &App, meeting: &Meeting, theme: &Theme) {
    let block = Block::bordered()
        .title(Span::styled(format!(" {} ", title(meeting)), theme.title))
        .border_style(theme.border);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = inner.height as usize;
    let offset = app
        .meeting
        .position
        .saturating_sub(height.saturating_sub(2));
    let standings = standings(app, meeting);
    let lines: Vec<Line> = standings
        .iter()
        .skip(offset)
        .take(height)
        .map(|&(id, standing, done)| {
            let here = standing == Standing::Current;
            let item = app.register.item(id);
            let due = item.map_or(" ", |it| due_marker(app, it));
            let done = if done { "✓" } else { " " };
            let marker = if here { theme.marker } else { " " };
            let title = item.map_or(String::new(), |it| text::one_line(&it.title));
            let line = format!("{marker}{done}{due}{} {title}", text::one_line(id));
            let style = if here { theme.selected } else { theme.text };
            Line::styled(text::truncate(&line, inner.width as usize), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The agenda as ids in a strip of at most `area.height` lines: the item on
/// the card always shows, with a few before it for context.
pub fn strip(frame: &mut Frame, area: Rect, app: &App, meeting: &Meeting, theme: &Theme) {
    let standings = standings(app, meeting);
    let token =
        |id: &str, standing: Standing| format!("{}{} ", standing.mark(), text::one_line(id));
    let head = format!("{} (✓ done ▶ now · to come): ", title(meeting));
    let budget = (area.width as usize * area.height as usize).saturating_sub(text::width(&head));
    // Start far enough back to show a third of the room's way so far.
    let position = app.meeting.position.min(standings.len().saturating_sub(1));
    let mut start = position;
    let mut used = standings
        .get(position)
        .map_or(0, |(id, s, _)| text::width(&token(id, *s)));
    while start > 0 {
        let (id, s, _) = standings[start - 1];
        let w = text::width(&token(id, s));
        if used + w > budget / 3 {
            break;
        }
        used += w;
        start -= 1;
    }
    let mut spans = vec![Span::styled(head, theme.title)];
    if start > 0 {
        spans.push(Span::styled(format!("…{start} "), theme.text));
    }
    for &(id, standing, _) in &standings[start..] {
        let style = match standing {
            Standing::Current => theme.selected,
            Standing::Reviewed => theme.ok,
            Standing::ToCome => theme.text,
        };
        let shown = token(id, standing);
        spans.push(Span::styled(shown.trim_end().to_string(), style));
        spans.push(Span::styled(" ", Style::new()));
    }
    frame.render_widget(
        Paragraph::new(Line::from(spans)).wrap(Wrap { trim: true }),
        area,
    );
}
