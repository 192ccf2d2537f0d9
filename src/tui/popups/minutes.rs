//! A meeting's minutes as an auditor reads them in roreg: kind and dates,
//! the facilitator, who of top management was there, the attendance, the
//! agenda, each review (before → after, decision, agreed date), actions
//! raised and closed, and the notes. Read-only; it scrolls, and going back
//! shows the records it was opened from.

use std::collections::HashSet;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::domain::audit::attendance::{Presence, roll};
use crate::domain::{Action, Meeting, Register, Score};
use crate::text;

use super::super::app::App;
use super::super::keymap::{Intent, Popup};
use super::super::widgets::scrolled;
use crate::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, meeting: &str) {
    let Some(m) = app.register.meeting(meeting) else {
        let lines = vec![Line::raw(format!(
            "{} is no longer in the register.",
            text::one_line(meeting)
        ))];
        scrolled(frame, area, app, theme, "Minutes", lines, 100);
        return;
    };
    let mut lines = lines(&app.register, m, theme);
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            "{} goes back to the records.",
            app.keys.either(Popup::Minutes, Intent::Close)
        ),
        theme.text,
    ));
    let title = format!("Minutes of {}", text::one_line(&m.id));
    scrolled(frame, area, app, theme, &title, lines, 110);
}

fn score(s: Score) -> String {
    format!("{}×{}={}", s.likelihood, s.impact, s.value())
}

/// The minutes as lines, from the meeting's record.
pub fn lines(register: &Register, m: &Meeting, theme: &Theme) -> Vec<Line<'static>> {
    let name = |id: &str| {
        format!(
            "{} ({})",
            text::one_line(register.person_name(id)),
            text::one_line(id)
        )
    };
    let heading = |s: &str| Line::styled(s.to_string(), theme.header);
    let field = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{label:<13}"), theme.title),
            Span::styled(value, theme.text),
        ])
    };
    let closed = m.closed.map_or("still open".to_string(), |c| c.to_string());
    let mut lines = vec![
        field("Kind", m.kind.label().to_string()),
        field("Started", m.started.to_string()),
        field("Closed", closed),
        field("Facilitator", name(&m.facilitator)),
        Line::raw(""),
        heading("Top management"),
    ];
    // Every top manager in `people`: one not on the list was not there.
    let roll = roll(m);
    let mut by_presence: [(Presence, Vec<String>); 3] = [
        (Presence::Present, Vec::new()),
        (Presence::Apologies, Vec::new()),
        (Presence::Absent, Vec::new()),
    ];
    for p in register.people.iter().filter(|p| p.top_management) {
        let presence = roll.get(p.id.as_str()).copied().unwrap_or(Presence::Absent);
        if let Some((_, names)) = by_presence.iter_mut().find(|(k, _)| *k == presence) {
            names.push(name(&p.id));
        }
    }
    for (presence, names) in by_presence {
        let names = if names.is_empty() {
            "none".to_string()
        } else {
            names.join(", ")
        };
        lines.push(field(presence.label(), names));
    }
    lines.push(Line::raw(""));
    lines.push(heading("Attendance"));
    for a in &m.attendance {
        let top = register.person(&a.person).is_some_and(|p| p.top_management);
        let star = if top { " ★ top management" } else { "" };
        lines.push(Line::styled(
            format!("  {} — {}{star}", name(&a.person), Presence::of(a).label()),
            theme.text,
        ));
    }
    lines.push(Line::raw(""));
    lines.push(heading("Agenda"));
    let reviewed: HashSet<&str> = m.reviewed.iter().map(|r| r.item.as_str()).collect();
    for (i, id) in m.agenda.iter().enumerate() {
        let title = register
            .item(id)
            .map_or(String::new(), |it| text::one_line(&it.title));
        let state = if reviewed.contains(id.as_str()) {
            "reviewed"
        } else {
            "not reviewed"
        };
        lines.push(Line::styled(
            format!("  {:>2}. {} {title} — {state}", i + 1, text::one_line(id)),
            theme.text,
        ));
    }
    lines.push(Line::raw(""));
    lines.push(heading("Reviews"));
    if m.reviewed.is_empty() {
        lines.push(Line::styled("  none", theme.text));
    }
    for r in &m.reviewed {
        let item = register.item(&r.item);
        let title = item.map_or(String::new(), |it| text::one_line(&it.title));
        let band = |s: Score| text::one_line(register.scales.band_name(s.value()));
        lines.push(Line::styled(
            format!("  {} {title}", text::one_line(&r.item)),
            theme.title,
        ));
        let change = if r.before == r.after {
            format!("{} {} (unchanged)", score(r.after), band(r.after))
        } else {
            format!(
                "{} {} → {} {}",
                score(r.before),
                band(r.before),
                score(r.after),
                band(r.after)
            )
        };
        lines.push(field("    Score", change));
        let decision = if r.decision.is_empty() {
            "none recorded".to_string()
        } else {
            text::one_line(&r.decision)
        };
        lines.push(field("    Decision", decision));
        let next = r
            .next_review
            .map_or("from the band's interval".to_string(), |d| {
                format!("{d} (agreed)")
            });
        lines.push(field("    Next review", next));
        lines.push(field("    At", r.at.to_string()));
    }
    // Actions are looked up on the meeting's own items, not the whole register.
    let action = |id: &str| -> Option<(&str, &Action)> {
        m.agenda
            .iter()
            .chain(m.reviewed.iter().map(|r| &r.item))
            .filter_map(|item| register.item(item))
            .find_map(|it| {
                it.actions
                    .iter()
                    .find(|a| a.id == id)
                    .map(|a| (it.id.as_str(), a))
            })
    };
    for (label, ids) in [
        ("Actions raised", &m.actions_raised),
        ("Actions closed", &m.actions_closed),
    ] {
        lines.push(Line::raw(""));
        lines.push(heading(label));
        if ids.is_empty() {
            lines.push(Line::styled("  none", theme.text));
        }
        for id in ids {
            let line = match action(id) {
                Some((item, a)) => format!(
                    "  {} on {}: {} (owner {}, due {})",
                    text::one_line(id),
                    text::one_line(item),
                    text::one_line(&a.text),
                    text::one_line(register.person_name(&a.owner)),
                    a.due
                ),
                None => format!("  {}", text::one_line(id)),
            };
            lines.push(Line::styled(line, theme.text));
        }
    }
    lines.push(Line::raw(""));
    lines.push(heading("Notes"));
    if m.notes.trim().is_empty() {
        lines.push(Line::styled("  none", theme.text));
    }
    for line in text::multi_line(&m.notes)
        .lines()
        .filter(|_| !m.notes.trim().is_empty())
    {
        lines.push(Line::styled(format!("  {line}"), theme.text));
    }
    lines
}
