//! The summary shown before a meeting is closed: who was there, what was
//! reviewed and decided (a management review's 9.3.3 output and 9.3.2
//! inputs too), the actions raised and closed and targets changed as the
//! history recorded them in the meeting. It scrolls above
//! its choices, which always show. Its keys close the meeting for good
//! (asking first when nothing was reviewed), go back, or discard a meeting
//! without records.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::domain::audit::attendance::{Presence, roll};
use crate::domain::audit::reviewed_nothing;
use crate::domain::management_review::gaps;
use crate::domain::meetings::Traced;
use crate::domain::{Meeting, MeetingKind, Score, meetings};
use crate::text;
use crate::tui::popups::minutes::recorded_of;

use super::super::super::app::{App, Cmd, Overlay};
use super::super::super::keymap::{Intent, Popup, Screen};
use super::super::super::widgets::{centred, more_below, popup};
use crate::theme::Theme;

/// A key on the summary: scroll it, close the meeting (asking first when
/// it reviewed nothing), go back, or discard an empty one; any other key
/// keeps the summary open.
pub fn on_intent(app: &mut App, intent: Option<Intent>) -> Cmd {
    let Some(intent) = intent else {
        app.show(Overlay::MeetingSummary);
        return Cmd::None;
    };
    match intent {
        Intent::ScrollDown | Intent::ScrollUp | Intent::ScrollTop => {
            let reading = &mut app.reading;
            reading.scroll = match intent {
                Intent::ScrollDown => (reading.scroll + 1).min(reading.scroll_max.get()),
                Intent::ScrollUp => reading.scroll.saturating_sub(1),
                _ => 0,
            };
            app.show(Overlay::MeetingSummary);
            Cmd::None
        }
        Intent::CloseMeeting => {
            let nothing = meetings::open_meeting(&app.register).is_some_and(reviewed_nothing);
            if nothing {
                app.show(Overlay::MeetingSummary);
                app.show(Overlay::ConfirmCloseUnreviewed);
                return Cmd::None;
            }
            close(app)
        }
        Intent::Cancel => {
            app.reading.scroll = 0;
            Cmd::None
        }
        Intent::DiscardMeeting => {
            let has_records = meetings::open_meeting(&app.register).is_some_and(|m| {
                !m.reviewed.is_empty()
                    || !m.actions_raised.is_empty()
                    || !m.actions_closed.is_empty()
            });
            if has_records {
                app.show(Overlay::MeetingSummary);
                let close = app.keys.key(Popup::MeetingSummary, Intent::CloseMeeting);
                app.error(format!(
                    "this meeting has records; finish it ({close}) so they are kept"
                ));
                return Cmd::None;
            }
            app.reading.scroll = 0;
            let scope = meetings::open_scope(&app.register);
            let result = app.change("meeting discarded", scope, |r| {
                meetings::discard(r).map(|_| ())
            });
            app.screens.retain(|s| *s != Screen::Meeting);
            result.unwrap_or_else(|why| {
                app.error(why);
                Cmd::None
            })
        }
        _ => Cmd::None,
    }
}

/// Closes the open meeting for good and leaves the meeting screen.
fn close(app: &mut App) -> Cmd {
    app.reading.scroll = 0;
    let now = app.now;
    let scope = meetings::close_scope(&app.register);
    let result = app.change("meeting closed", scope, |r| {
        meetings::close(r, now).map(|_| ())
    });
    match result {
        Ok(cmd) => {
            app.screens.retain(|s| *s != Screen::Meeting);
            if let Some(closed) = app.register.meetings.iter().max_by_key(|m| m.closed) {
                let message = if reviewed_nothing(closed) {
                    format!(
                        "{} closed with nothing reviewed: it counts as held, with no decisions",
                        closed.id
                    )
                } else {
                    let reviewed = text::plural(closed.reviewed.len(), "item", "items");
                    format!(
                        "{} closed: {reviewed} reviewed; its record is final",
                        closed.id
                    )
                };
                app.info(message);
            }
            cmd
        }
        Err(why) => {
            app.error(why);
            Cmd::None
        }
    }
}

/// An answer to "nothing was reviewed: close it anyway?"; going back
/// returns to the summary, any other key asks again.
pub fn on_close_unreviewed(app: &mut App, intent: Option<Intent>) -> Cmd {
    match intent {
        Some(Intent::Accept) => {
            // The summary under the question goes with the meeting.
            app.overlays
                .retain(|o| !matches!(o, Overlay::MeetingSummary));
            close(app)
        }
        Some(Intent::Cancel) => Cmd::None,
        _ => {
            app.show(Overlay::ConfirmCloseUnreviewed);
            Cmd::None
        }
    }
}

/// The question before closing a meeting that reviewed nothing.
pub fn draw_close_unreviewed(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut lines = vec![
        Line::raw("Nothing was reviewed in this meeting."),
        Line::raw("Closed, it counts as held, with no decisions: never as a review"),
        Line::raw("by top management."),
        Line::raw(""),
    ];
    lines.extend(choice_lines(app, Popup::CloseUnreviewed, theme));
    let rect = centred(area, 76, lines.len() as u16 + 4);
    let inner = popup(frame, rect, "Nothing was reviewed: close it anyway?", theme);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// A popup's choices, one a line, as the keymap has them; the scroll keys
/// are named in the title instead.
fn choice_lines(app: &App, popup_keys: Popup, theme: &Theme) -> Vec<Line<'static>> {
    let scroll: Vec<String> = [Intent::ScrollDown, Intent::ScrollUp, Intent::ScrollTop]
        .into_iter()
        .flat_map(|i| app.keys.keys(popup_keys, i))
        .collect();
    app.keys
        .choices(popup_keys)
        .into_iter()
        .filter(|(key, _)| !scroll.contains(key))
        .map(|(key, what)| {
            Line::from(vec![
                Span::styled(format!("{key}  "), theme.key),
                Span::raw(what),
            ])
        })
        .collect()
}

/// Draws the summary over the meeting: what it did, scrolling, above its
/// choices, which always show.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(meeting) = meetings::open_meeting(&app.register) else {
        return;
    };
    let body = Paragraph::new(summary_lines(app, meeting, theme)).wrap(Wrap { trim: false });
    let footer =
        Paragraph::new(choice_lines(app, Popup::MeetingSummary, theme)).wrap(Wrap { trim: false });
    let width = 100;
    let inner_width = width.min(area.width.saturating_sub(4)).saturating_sub(2);
    let body_rows = body.line_count(inner_width);
    let footer_rows = footer.line_count(inner_width) as u16;
    // Borders, the text, a rule, the choices: as tall as that, up to the screen.
    let rect = centred(
        area,
        width,
        (body_rows as u16).saturating_add(footer_rows + 3),
    );
    let inner_height = rect.height.saturating_sub(2);
    let footer_height = footer_rows.min(inner_height);
    let body_height = inner_height.saturating_sub(footer_height + 1);
    let overflow = body_rows.saturating_sub(body_height as usize);
    let scroll = app.reading.scroll.min(overflow);
    app.reading.scroll_max.set(overflow);
    let mut title = format!("Finish {} ({})", meeting.id, meeting.kind.label());
    if overflow > 0 {
        let down = app.keys.key(Popup::MeetingSummary, Intent::ScrollDown);
        let up = app.keys.key(Popup::MeetingSummary, Intent::ScrollUp);
        title = format!("{title} ({down}/{up} scroll)");
    }
    let inner = popup(frame, rect, &title, theme);
    let body_area = Rect {
        height: body_height,
        ..inner
    };
    frame.render_widget(body.scroll((scroll as u16, 0)), body_area);
    if body_height < inner_height {
        let rule = Rect {
            y: inner.y + body_height,
            height: 1,
            ..inner
        };
        let line = "─".repeat(inner.width as usize);
        frame.render_widget(Paragraph::new(Span::styled(line, theme.dim)), rule);
        // The note of what is below sits on the rule.
        let above_rule = Rect {
            height: body_height + 1,
            ..inner
        };
        more_below(frame, above_rule, overflow - scroll, theme);
    }
    let footer_area = Rect {
        y: inner.bottom() - footer_height,
        height: footer_height,
        ..inner
    };
    frame.render_widget(footer, footer_area);
}

/// What the meeting did: who was there (top management by name), each
/// review with its scores, agreed date and decision, the actions.
fn summary_lines(app: &App, meeting: &Meeting, theme: &Theme) -> Vec<Line<'static>> {
    let register = &app.register;
    let recorded = recorded_of(register, meeting);
    let s = meetings::summary_with(register, meeting, (*recorded).clone());
    let management_review = meeting.kind == MeetingKind::ManagementReview;
    let names = |ids: &[String]| {
        if ids.is_empty() {
            "-".to_string()
        } else {
            ids.iter()
                .map(|id| text::one_line(register.person_name(id)))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    // Top managers by how they stood; one not on the list was absent.
    let roll = roll(meeting);
    let mut top: [Vec<String>; 3] = Default::default();
    for p in register.people.iter().filter(|p| p.top_management) {
        let slot = match roll.get(p.id.as_str()) {
            Some(Presence::Present) => 0,
            Some(Presence::Apologies) => 1,
            _ => 2,
        };
        top[slot].push(p.id.clone());
    }
    let mut lines = vec![
        Line::raw(format!("Present:    {}", names(&s.present))),
        Line::raw(format!("Apologies:  {}", names(&s.apologies))),
        Line::raw(format!("Absent:     {}", names(&s.absent))),
    ];
    let present = if top[0].is_empty() {
        Line::styled("Top management present:   NONE", theme.warning)
    } else {
        Line::raw(format!("Top management present:   {}", names(&top[0])))
    };
    lines.push(present);
    lines.push(Line::raw(format!(
        "Top management apologies: {}",
        names(&top[1])
    )));
    lines.push(Line::raw(format!(
        "Top management absent:    {}",
        names(&top[2])
    )));
    lines.push(Line::raw(format!(
        "Items reviewed: {} of {} on the agenda",
        s.reviewed,
        meeting.agenda.len()
    )));
    if reviewed_nothing(meeting) {
        lines.push(Line::styled(
            "  Nothing was reviewed: closed, it counts as held, with no decisions.",
            theme.warning,
        ));
    }
    let score = |sc: Score| format!("{}×{}={}", sc.likelihood, sc.impact, sc.value());
    for r in &meeting.reviewed {
        let next = r.next_review.map_or_else(
            || "next review from the band's interval".to_string(),
            |d| format!("next review {d} (agreed)"),
        );
        let decision = if r.decision.trim().is_empty() {
            "No decision recorded.".to_string()
        } else {
            format!("Decision: {}", text::one_line(&r.decision))
        };
        let output = match (management_review, r.output) {
            (false, _) => String::new(),
            (true, Some(o)) => format!("Output (9.3.3): {}. ", o.label()),
            (true, None) => "Output (9.3.3): not classified. ".to_string(),
        };
        lines.push(Line::raw(format!(
            "  {}: {} → {}, {next}. {output}{decision}",
            text::one_line(&r.item),
            score(r.before),
            score(r.after)
        )));
    }
    let ids = |ids: &[String]| {
        if ids.is_empty() {
            "-".to_string()
        } else {
            text::one_line(&ids.join(", "))
        }
    };
    let time = |t: &crate::domain::Timestamp| t.0.format("%H:%M").to_string();
    for a in &meeting.attendance {
        let who = text::one_line(register.person_name(&a.person));
        if let Some(t) = &a.arrived {
            lines.push(Line::raw(format!("Arrived late: {who} at {}", time(t))));
        }
        if let Some(t) = &a.left {
            lines.push(Line::raw(format!("Left early:   {who} at {}", time(t))));
        }
    }
    for g in &meeting.guests {
        lines.push(Line::raw(text::one_line(&format!(
            "Guest: {}, not top management",
            g.described()
        ))));
    }
    for skip in &meeting.skipped {
        let why = if skip.reason.trim().is_empty() {
            String::new()
        } else {
            format!(": {}", skip.reason)
        };
        lines.push(Line::raw(text::one_line(&format!(
            "Skipped: {}{why}",
            skip.item
        ))));
    }
    if management_review {
        lines.push(Line::raw("Inputs considered (9.3.2):"));
        if meeting.considered.is_empty() {
            lines.push(Line::styled("  none", theme.warning));
        }
        for c in &meeting.considered {
            let note = if c.note.trim().is_empty() {
                String::new()
            } else {
                format!(": {}", c.note.trim())
            };
            let evidence = if c.evidence.trim().is_empty() {
                String::new()
            } else {
                format!(" (evidence: {})", c.evidence.trim())
            };
            lines.push(Line::raw(text::one_line(&format!(
                "  {} {}{note}{evidence}",
                c.input.code(),
                c.input.label()
            ))));
        }
        let missing = gaps(meeting);
        if !missing.is_empty() {
            lines.push(Line::styled(
                "Inputs not considered (9.3.2):",
                theme.warning,
            ));
            for input in missing {
                lines.push(Line::raw(format!("  {} {}", input.code(), input.label())));
            }
        }
    }
    let said = |traced: &[Traced], line: fn(&Traced) -> String| {
        let lines: Vec<String> = traced.iter().map(line).collect();
        ids(&lines)
    };
    lines.push(Line::raw(format!(
        "Actions raised: {}",
        said(&s.raised, Traced::raised_line)
    )));
    lines.push(Line::raw(format!(
        "Actions closed: {}",
        said(&s.closed, Traced::closed_line)
    )));
    if !s.targets.is_empty() {
        let targets: Vec<String> = s.targets.iter().map(|t| t.line()).collect();
        let label = if targets.len() == 1 {
            "Target changed"
        } else {
            "Targets changed"
        };
        lines.push(Line::raw(format!("{label}: {}", ids(&targets))));
    }
    lines
}
