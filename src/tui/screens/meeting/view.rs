//! The meeting card: one item at a time, large and calm, for a shared
//! screen. From 160 columns the agenda is a list beside it, from 100 a strip
//! above it; content is drawn in the theme's plain and strong styles, never
//! dimmed, so it reads on a projector.

mod agenda;
mod links;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::domain::{Item, ManagementInput, Meeting, MeetingKind, Score, meetings, queries};
use crate::text;

use super::super::super::app::App;
use super::super::super::keymap::Intent;
use super::super::super::widgets::matrix::{self, CellSize};
use super::super::super::widgets::{band_span, more_below};
use super::open_actions;
use crate::theme::Theme;

/// The agenda list beside the card from this width.
const WITH_AGENDA_LIST: u16 = 160;
/// The agenda strip above the card from this width.
const WITH_AGENDA_STRIP: u16 = 100;
/// Rows of the strip: enough for a dozen items at 100 columns.
const STRIP_ROWS: u16 = 2;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(meeting) = meetings::open_meeting(&app.register) else {
        let message = format!(
            "No meeting is open. {} starts one.",
            app.key(Intent::Meeting)
        );
        frame.render_widget(
            Paragraph::new(message)
                .style(theme.text)
                .block(Block::bordered()),
            area,
        );
        return;
    };
    let card_area = if area.width >= WITH_AGENDA_LIST {
        let [a, c] = Layout::horizontal([Constraint::Length(34), Constraint::Fill(1)]).areas(area);
        agenda::side_list(frame, a, app, meeting, theme);
        c
    } else if area.width >= WITH_AGENDA_STRIP {
        let [s, c] =
            Layout::vertical([Constraint::Length(STRIP_ROWS), Constraint::Fill(1)]).areas(area);
        agenda::strip(frame, s, app, meeting, theme);
        c
    } else {
        area
    };
    draw_card(frame, card_area, app, meeting, theme);
}

/// The matrix's cells for the room's screen: as large as the card allows.
fn cell_size(inner: Rect) -> CellSize {
    if inner.width >= 120 && inner.height >= 36 {
        CellSize { width: 9, rows: 3 }
    } else if inner.width >= 100 && inner.height >= 24 {
        CellSize { width: 7, rows: 2 }
    } else if inner.width >= 100 {
        CellSize { width: 5, rows: 1 }
    } else {
        CellSize { width: 3, rows: 1 }
    }
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
            // The room sees who came late and who has gone.
            let when = match (a.arrived, a.left) {
                (_, Some(left)) => format!(" (left {})", left.0.format("%H:%M")),
                (Some(arrived), None) => format!(" (from {})", arrived.0.format("%H:%M")),
                (None, None) => String::new(),
            };
            format!(
                "{}{}{when}",
                text::one_line(app.register.person_name(&a.person)),
                if star { "★" } else { "" }
            )
        })
        .chain(
            meeting
                .guests
                .iter()
                .map(|g| format!("{} (guest)", text::one_line(&g.described()))),
        )
        .collect();
    let position = if meeting.agenda.is_empty() {
        format!("empty agenda: {} adds an item", app.key(Intent::AddItem))
    } else {
        format!(
            "item {} of {}",
            app.meeting.position + 1,
            meeting.agenda.len()
        )
    };
    let inputs = if meeting.kind == MeetingKind::ManagementReview {
        format!(
            " · 9.3.2 inputs {} of {} ({})",
            meeting.considered.len(),
            ManagementInput::ALL.len(),
            app.key(Intent::Inputs)
        )
    } else {
        String::new()
    };
    let title = format!(
        " {} · {} · {position}{inputs} ",
        meeting.id,
        meeting.kind.label()
    );
    let block = Block::bordered()
        .title(Span::styled(title, theme.title))
        .title_bottom(Span::styled(
            format!(" Present: {} ", present.join(", ")),
            theme.text,
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
        frame.render_widget(Paragraph::new(message).style(theme.text), inner);
        return;
    };
    let review = meeting.reviewed.iter().find(|r| r.item == item.id);
    let size = cell_size(inner);
    let matrix_width = matrix::width(&app.register.scales, &item, size.width);
    let [text_area, matrix_area] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(matrix_width + 2)])
            .areas(inner);
    let lines = matrix::large(app, &item, theme, size, review.map(|r| r.before));
    frame.render_widget(Paragraph::new(lines), matrix_area);

    // What the room decides on stays in place: the title, the scores and
    // the next review. Below it, in the order it goes when space runs out
    // from the bottom: the decision, the actions, the description, the rest.
    let head = Paragraph::new(head_lines(app, meeting, &item, theme)).wrap(Wrap { trim: false });
    let head_rows = (head.line_count(text_area.width) as u16).min(text_area.height / 2 + 2);
    let [head_area, body_area] =
        Layout::vertical([Constraint::Length(head_rows), Constraint::Fill(1)]).areas(text_area);
    frame.render_widget(head, head_area);

    let (lines, selected_line) = body_lines(app, meeting, &item, body_area.width, theme);
    // On a small screen, scroll so the selected action (which x closes) is seen.
    let width = body_area.width;
    let rows = |lines: &[Line<'static>]| {
        Paragraph::new(lines.to_vec())
            .wrap(Wrap { trim: false })
            .line_count(width)
    };
    let scroll = selected_line.map_or(0, |at| {
        rows(&lines[..=at]).saturating_sub(body_area.height as usize)
    });
    let below = rows(&lines).saturating_sub(scroll + body_area.height as usize);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll as u16, 0)),
        body_area,
    );
    more_below(frame, area, below, theme);
}

fn label(theme: &Theme, name: &str) -> Span<'static> {
    Span::styled(format!("{name:<13}"), theme.header)
}

/// The title, the scores and the next review.
fn head_lines(app: &App, meeting: &Meeting, item: &Item, theme: &Theme) -> Vec<Line<'static>> {
    let review = meeting.reviewed.iter().find(|r| r.item == item.id);
    let score_line = |name: &str, s: Score| {
        Line::from(vec![
            label(theme, name),
            Span::styled(
                format!("{}×{}={:<3}", s.likelihood, s.impact, s.value()),
                theme.title,
            ),
            band_span(app, item.kind, s.value(), theme, 10),
        ])
    };
    let mut lines = vec![
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
        lines.push(score_line("Before", r.before));
    }
    match item.target {
        Some(t) => lines.push(score_line("Target", t)),
        None => lines.push(Line::from(vec![
            label(theme, "Target"),
            Span::styled("none set", theme.text),
        ])),
    }
    let next = review
        .and_then(|r| meetings::next_review_after(&app.register, meeting, r))
        .or_else(|| {
            app.register
                .scales
                .review_days_for(item.current.value())
                .map(|d| meeting.started.date().add_days(i64::from(d)))
        });
    let agreed = review.and_then(|r| r.next_review).is_some();
    let mut next_line = vec![label(theme, "Next review")];
    match next {
        Some(d) => {
            let how = if agreed { "agreed" } else { "from the band" };
            next_line.push(Span::styled(format!("{d}"), theme.title));
            next_line.push(Span::styled(format!(" ({how}; "), theme.text));
            next_line.push(Span::styled(app.key(Intent::NextReview), theme.key));
            next_line.push(Span::styled(" changes)", theme.text));
        }
        None => next_line.push(Span::styled("-", theme.text)),
    }
    lines.push(Line::from(next_line));
    lines.push(Line::raw(""));
    lines
}

/// The decision, the open actions, the requirements and measures linked,
/// the description and the item's context;
/// and which line holds the selected action.
fn body_lines(
    app: &App,
    meeting: &Meeting,
    item: &Item,
    width: u16,
    theme: &Theme,
) -> (Vec<Line<'static>>, Option<usize>) {
    let review = meeting.reviewed.iter().find(|r| r.item == item.id);
    let mut lines: Vec<Line> = Vec::new();
    let decision = review.map(|r| r.decision.as_str()).unwrap_or("");
    lines.push(Line::from(vec![
        label(theme, "Decision"),
        if decision.is_empty() {
            Span::styled("none yet: ", theme.text)
        } else {
            Span::styled(text::one_line(decision), theme.title)
        },
    ]));
    if decision.is_empty() {
        lines.last_mut().expect("just pushed").spans.extend([
            Span::styled(app.key(Intent::Decision), theme.key),
            Span::styled(" records it", theme.text),
        ]);
    }
    if meeting.kind == MeetingKind::ManagementReview && !decision.is_empty() {
        let output = review.and_then(|r| r.output);
        lines.push(Line::from(vec![
            label(theme, "Output"),
            match output {
                Some(o) => Span::styled(o.label(), theme.title),
                None => Span::styled("not classified: ", theme.text),
            },
            Span::styled(
                if output.is_none() {
                    format!("{} sorts it (9.3.3)", app.key(Intent::Decision))
                } else {
                    String::new()
                },
                theme.key,
            ),
        ]));
    }
    let open = open_actions(app);
    lines.push(Line::from(vec![
        Span::styled(format!("Open actions ({})", open.len()), theme.header),
        Span::styled("   ", theme.text),
        Span::styled(app.key(Intent::AddAction), theme.key),
        Span::styled(" adds · ", theme.text),
        Span::styled(app.key(Intent::MarkDone), theme.key),
        Span::styled(" closes", theme.text),
    ]));
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
        let style = if selected { theme.selected } else { theme.text };
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "{marker} {} {}",
                    text::one_line(&action.id),
                    text::one_line(&action.text)
                ),
                style,
            ),
            Span::styled(
                format!(
                    " — {}, due ",
                    text::one_line(app.register.person_name(&action.owner))
                ),
                theme.text,
            ),
            Span::styled(
                format!("{}{}", action.due, if late { " (overdue)" } else { "" }),
                if late { theme.overdue } else { theme.text },
            ),
        ]));
    }
    lines.push(Line::raw(""));
    lines.extend(links::lines(&app.register, item, width, theme));
    if !item.description.trim().is_empty() {
        lines.push(Line::styled("Description", theme.header));
        for line in text::multi_line(&item.description).lines() {
            lines.push(Line::styled(line.to_string(), theme.text));
        }
        lines.push(Line::raw(""));
    }
    lines.extend(context_lines(app, item, theme));
    (lines, selected_line)
}

/// Where the item comes from, whose it is, and the room's last word on it.
fn context_lines(app: &App, item: &Item, theme: &Theme) -> Vec<Line<'static>> {
    let value = |s: String| Span::styled(s, theme.text);
    let affects: Vec<&str> = item.affects.iter().map(|a| a.label()).collect();
    let mut lines = vec![
        Line::from(vec![label(theme, "Affects"), value(affects.join(", "))]),
        Line::from(vec![
            label(theme, "Source"),
            value(text::one_line(&item.source.label())),
        ]),
        Line::from(vec![
            label(theme, "Owner"),
            value(format!(
                "{} · {} · {}",
                text::one_line(app.register.person_name(&item.owner)),
                text::one_line(&item.process),
                item.treatment.label()
            )),
        ]),
    ];
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
            label(theme, "Last time"),
            value(format!(
                "{} {}: {}",
                r.at.date(),
                text::one_line(&m.id),
                text::one_line(&r.decision)
            )),
        ]));
    }
    lines
}
