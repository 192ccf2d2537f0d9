//! The meeting card: one item at a time, large and calm, for a shared screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::domain::{Meeting, Score, meetings, queries};
use crate::text;

use super::super::super::app::App;
use super::super::super::keymap::Intent;
use super::super::super::widgets::{band_span, matrix};
use super::{due_marker, open_actions};
use crate::theme::Theme;

/// The agenda list beside the card from this width.
const WITH_AGENDA: u16 = 110;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(meeting) = meetings::open_meeting(&app.register) else {
        let message = format!(
            "No meeting is open. {} starts one.",
            app.key(Intent::Meeting)
        );
        frame.render_widget(
            Paragraph::new(message)
                .style(theme.dim)
                .block(Block::bordered()),
            area,
        );
        return;
    };
    let (agenda_area, card_area) = if area.width >= WITH_AGENDA {
        let [a, c] = Layout::horizontal([Constraint::Length(34), Constraint::Fill(1)]).areas(area);
        (Some(a), c)
    } else {
        (None, area)
    };
    if let Some(a) = agenda_area {
        draw_agenda(frame, a, app, meeting, theme);
    }
    draw_card(frame, card_area, app, meeting, theme);
}

fn draw_agenda(frame: &mut Frame, area: Rect, app: &App, meeting: &Meeting, theme: &Theme) {
    let reviewed = meeting.reviewed.len();
    let title = format!(" Agenda · {reviewed}/{} reviewed ", meeting.agenda.len());
    let block = Block::bordered()
        .title(Span::styled(title, theme.title))
        .border_style(theme.border);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = inner.height as usize;
    let offset = app
        .meeting
        .position
        .saturating_sub(height.saturating_sub(2));
    let lines: Vec<Line> = meeting
        .agenda
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, id)| {
            let done = meeting.reviewed.iter().any(|r| &r.item == id);
            let here = i == app.meeting.position;
            let item = app.register.item(id);
            let due = item.map_or(" ", |it| due_marker(app, it));
            let mark = if done { "✓" } else { " " };
            let marker = if here { theme.marker } else { " " };
            let title = item.map_or(String::new(), |it| text::one_line(&it.title));
            let line = format!("{marker}{mark}{due}{} {title}", text::one_line(id));
            let style = if here { theme.selected } else { Style::new() };
            Line::styled(text::truncate(&line, inner.width as usize), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_card(frame: &mut Frame, area: Rect, app: &App, meeting: &Meeting, theme: &Theme) {
    let present: Vec<String> = meeting
        .attendance
        .iter()
        .filter(|a| a.present)
        .map(|a| {
            let star = app
                .register
                .person(&a.person)
                .is_some_and(|p| p.top_management);
            format!(
                "{}{}",
                text::one_line(app.register.person_name(&a.person)),
                if star { "★" } else { "" }
            )
        })
        .collect();
    let position = if meeting.agenda.is_empty() {
        "empty agenda: + adds an item".to_string()
    } else {
        format!(
            "item {} of {}",
            app.meeting.position + 1,
            meeting.agenda.len()
        )
    };
    let title = format!(" {} · {} · {position} ", meeting.id, meeting.kind.label());
    let block = Block::bordered()
        .title(Span::styled(title, theme.title))
        .title_bottom(Span::styled(
            format!(" Present: {} ", present.join(", ")),
            theme.dim,
        ))
        .border_style(theme.focus_border);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(item) = app
        .meeting_item()
        .and_then(|id| app.register.item(&id).cloned())
    else {
        let message = format!(
            "Nothing on the agenda. {} adds any item; {} finishes the meeting.",
            app.key(Intent::AddItem),
            app.key(Intent::Finish)
        );
        frame.render_widget(Paragraph::new(message).style(theme.dim), inner);
        return;
    };
    let review = meeting.reviewed.iter().find(|r| r.item == item.id);
    let scales = &app.register.scales;
    let cell = if inner.width >= 100 { 5 } else { 3 };
    let matrix_width = (usize::from(scales.max_consequence(item.kind)) * cell + 4) as u16;
    let [text_area, matrix_area] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(matrix_width + 2)])
            .areas(inner);
    let matrix = matrix::lines(app, &item, theme, cell, review.map(|r| r.before));
    frame.render_widget(Paragraph::new(matrix), matrix_area);

    let label = |l: &str| Span::styled(format!("{l:<13}"), theme.dim);
    let score_line = |name: &str, s: Score| {
        Line::from(vec![
            label(name),
            Span::raw(format!("{}×{}={:<3}", s.likelihood, s.impact, s.value())),
            band_span(app, item.kind, s.value(), theme, 10),
        ])
    };
    // What the room decides on stays in place: the title, the scores and
    // the next review. The rest scrolls on a small screen.
    let mut fixed = vec![
        Line::styled(
            format!(
                "{}  {}",
                text::one_line(&item.id),
                text::one_line(&item.title)
            ),
            theme.title,
        ),
        Line::raw(""),
        score_line("Now", item.current),
    ];
    if let Some(r) = review.filter(|r| r.before != r.after) {
        fixed.push(score_line("Before", r.before));
    }
    match item.target {
        Some(t) => fixed.push(score_line("Target", t)),
        None => fixed.push(Line::from(vec![label("Target"), Span::raw("none set")])),
    }
    let next = review
        .and_then(|r| meetings::next_review_after(&app.register, meeting, r))
        .or_else(|| {
            scales
                .review_days_for(item.current.value())
                .map(|d| meeting.started.date().add_days(i64::from(d)))
        });
    let agreed = review.and_then(|r| r.next_review).is_some();
    fixed.push(Line::from(vec![
        label("Next review"),
        Span::raw(next.map_or("-".to_string(), |d| {
            format!(
                "{d} ({}; {} changes)",
                if agreed { "agreed" } else { "from the band" },
                app.key(Intent::NextReview)
            )
        })),
    ]));
    fixed.push(Line::raw(""));
    let fixed = Paragraph::new(fixed).wrap(Wrap { trim: false });
    let fixed_rows = (fixed.line_count(text_area.width) as u16).min(text_area.height / 2 + 2);
    let [fixed_area, text_area] =
        Layout::vertical([Constraint::Length(fixed_rows), Constraint::Fill(1)]).areas(text_area);
    frame.render_widget(fixed, fixed_area);

    let mut lines: Vec<Line> = Vec::new();
    let decision = review.map(|r| r.decision.as_str()).unwrap_or("");
    lines.push(Line::from(vec![
        Span::styled("Decision     ", theme.header),
        if decision.is_empty() {
            Span::styled(
                format!("none yet: {} records it", app.key(Intent::Decision)),
                theme.dim,
            )
        } else {
            Span::raw(text::one_line(decision))
        },
    ]));
    let open = open_actions(app);
    lines.push(Line::styled(
        format!(
            "Open actions ({})   {} adds · {} closes",
            open.len(),
            app.key(Intent::AddAction),
            app.key(Intent::MarkDone)
        ),
        theme.header,
    ));
    let mut selected_line = None;
    for (i, id) in open.iter().enumerate() {
        let Some(action) = item.actions.iter().find(|a| &a.id == id) else {
            continue;
        };
        let selected = i == app.meeting.action;
        if selected {
            selected_line = Some(lines.len());
        }
        let late = queries::action_overdue(action, app.today);
        let marker = if selected { theme.marker } else { " " };
        let style = if selected {
            theme.selected
        } else {
            Style::new()
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "{marker} {} {}",
                    text::one_line(&action.id),
                    text::one_line(&action.text)
                ),
                style,
            ),
            Span::raw(format!(
                " — {}, due ",
                text::one_line(app.register.person_name(&action.owner))
            )),
            Span::styled(
                format!("{}{}", action.due, if late { " (overdue)" } else { "" }),
                if late { theme.overdue } else { Style::new() },
            ),
        ]));
    }
    lines.push(Line::raw(""));
    let affects: Vec<&str> = item.affects.iter().map(|a| a.label()).collect();
    lines.push(Line::from(vec![
        label("Affects"),
        Span::raw(affects.join(", ")),
    ]));
    lines.push(Line::from(vec![
        label("Source"),
        Span::raw(text::one_line(&item.source.label())),
    ]));
    lines.push(Line::from(vec![
        label("Owner"),
        Span::raw(format!(
            "{} · {} · {}",
            text::one_line(app.register.person_name(&item.owner)),
            text::one_line(&item.process),
            item.treatment.label()
        )),
    ]));
    let last = app
        .register
        .meetings
        .iter()
        .filter(|m| m.closed.is_some())
        .flat_map(|m| {
            m.reviewed
                .iter()
                .filter(|r| r.item == item.id && !r.decision.is_empty())
                .map(move |r| (m, r))
        })
        .max_by_key(|(_, r)| r.at);
    if let Some((m, r)) = last {
        lines.push(Line::from(vec![
            label("Last time"),
            Span::styled(
                format!(
                    "{} {}: {}",
                    r.at.date(),
                    text::one_line(&m.id),
                    text::one_line(&r.decision)
                ),
                theme.dim,
            ),
        ]));
    }
    // On a small screen, scroll so the selected action (which x closes) is seen.
    let width = text_area.width;
    let rows = |lines: &[Line<'static>]| {
        Paragraph::new(lines.to_vec())
            .wrap(Wrap { trim: false })
            .line_count(width)
    };
    let scroll = selected_line.map_or(0, |at| {
        rows(&lines[..=at]).saturating_sub(text_area.height as usize)
    });
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll as u16, 0)),
        text_area,
    );
}
