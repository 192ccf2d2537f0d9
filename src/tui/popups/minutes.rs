//! A meeting's minutes as an auditor reads them in roreg: kind and dates,
//! the facilitator, who of top management was there, the attendance, the
//! agenda, each review (before → after, decision, agreed date, a management
//! review's 9.3.3 output), the 9.3.2 inputs considered and not, actions
//! raised and closed and targets changed as the history recorded them in
//! the meeting, and the notes. Read-only; it scrolls, and going back shows
//! the records it was opened from.

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::domain::audit::attendance::{Presence, roll};
use crate::domain::management_review::gaps;
use crate::domain::meetings::{Recorded, Traced, recorded};
use crate::domain::{Meeting, MeetingKind, Register, Score};
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

/// What the history recorded in a meeting, as of the history it was found
/// from: the same meeting over the same history gives the same account.
struct Found {
    meeting: Meeting,
    records: usize,
    head: String,
    recorded: Rc<Recorded>,
}

thread_local! {
    static FOUND: RefCell<Option<Found>> = const { RefCell::new(None) };
}

/// [`recorded`] for `meeting` (the whole history, so a later reopen shows),
/// found again only when the meeting or the history changed: the minutes
/// and the summary are drawn on every key, and the history is the largest
/// part of the register.
pub(crate) fn recorded_of(register: &Register, meeting: &Meeting) -> Rc<Recorded> {
    let head = crate::domain::history::head(register);
    let records = register.history.len();
    FOUND.with_borrow_mut(|found| {
        if let Some(f) = found
            && f.records == records
            && f.head == head
            && f.meeting == *meeting
        {
            return Rc::clone(&f.recorded);
        }
        let fresh = Rc::new(recorded(register, meeting, None));
        *found = Some(Found {
            meeting: meeting.clone(),
            records,
            head: head.to_string(),
            recorded: Rc::clone(&fresh),
        });
        fresh
    })
}

fn score(s: Score) -> String {
    format!("{}×{}={}", s.likelihood, s.impact, s.value())
}

/// The minutes as lines, from the meeting's record and, for its actions
/// and targets, from the history.
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
            // At least one space between a label and its value.
            Span::styled(format!("{label:<12} "), theme.title),
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
        if m.kind == MeetingKind::ManagementReview {
            let output = r.output.map_or("not classified", |o| o.label());
            lines.push(field("    Output", format!("{output} (9.3.3)")));
        }
        lines.push(field("    At", r.at.to_string()));
    }
    let found = recorded_of(register, m);
    // Each action is looked up on its own item, not in the whole register.
    let action_line = |t: &Traced, said: String| {
        let action = t
            .item
            .as_deref()
            .and_then(|item| register.item(item))
            .and_then(|item| item.actions.iter().find(|a| a.id == t.action));
        match action {
            Some(a) => format!(
                "  {}: {} (owner {}, due {})",
                text::one_line(&said),
                text::one_line(&a.text),
                text::one_line(register.person_name(&a.owner)),
                a.due
            ),
            None => format!("  {}", text::one_line(&said)),
        }
    };
    let raised: Vec<String> = found
        .raised
        .iter()
        .map(|t| action_line(t, t.raised_line()))
        .collect();
    let closed: Vec<String> = found
        .closed
        .iter()
        .map(|t| action_line(t, t.closed_line()))
        .collect();
    let targets: Vec<String> = found
        .targets
        .iter()
        .map(|t| format!("  {}", text::one_line(&t.line())))
        .collect();
    for (label, said) in [
        ("Actions raised", raised),
        ("Actions closed", closed),
        ("Targets changed", targets),
    ] {
        lines.push(Line::raw(""));
        lines.push(heading(label));
        if said.is_empty() {
            lines.push(Line::styled("  none", theme.text));
        }
        lines.extend(said.into_iter().map(|l| Line::styled(l, theme.text)));
    }
    if m.kind == MeetingKind::ManagementReview {
        lines.push(Line::raw(""));
        lines.push(heading("Inputs considered (9.3.2)"));
        if m.considered.is_empty() {
            lines.push(Line::styled("  none", theme.text));
        }
        for c in &m.considered {
            lines.push(Line::styled(
                text::one_line(&format!("  {} {}", c.input.code(), c.input.label())),
                theme.title,
            ));
            if !c.note.trim().is_empty() {
                lines.push(field("    Note", text::one_line(&c.note)));
            }
            if !c.evidence.trim().is_empty() {
                lines.push(field("    Evidence", text::one_line(&c.evidence)));
            }
        }
        lines.push(Line::raw(""));
        lines.push(heading("Inputs not considered (9.3.2)"));
        let missing = gaps(m);
        if missing.is_empty() {
            lines.push(Line::styled("  none", theme.text));
        }
        for input in missing {
            lines.push(Line::styled(
                format!("  {} {}", input.code(), input.label()),
                theme.text,
            ));
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
