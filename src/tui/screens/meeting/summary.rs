//! The summary shown before a meeting is closed: who was there, what was
//! reviewed and decided, the actions raised and closed. Its keys close the
//! meeting for good, go back, or discard a meeting without records.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::domain::meetings;
use crate::text;

use super::super::super::app::{App, Cmd, Overlay};
use super::super::super::keymap::{Intent, Popup, Screen};
use super::super::super::widgets::scrolled;
use crate::theme::Theme;

/// A key on the summary: close the meeting, go back, or discard an empty
/// one; any other key keeps the summary open.
pub fn on_intent(app: &mut App, intent: Option<Intent>) -> Cmd {
    let Some(intent) = intent else {
        app.show(Overlay::MeetingSummary);
        return Cmd::None;
    };
    match intent {
        Intent::CloseMeeting => {
            let now = app.now;
            let scope = meetings::close_scope(&app.register);
            let result = app.change("meeting closed", scope, |r| {
                meetings::close(r, now).map(|_| ())
            });
            match result {
                Ok(cmd) => {
                    app.screens.retain(|s| *s != Screen::Meeting);
                    if let Some(closed) = app.register.meetings.iter().max_by_key(|m| m.closed) {
                        let reviewed = text::plural(closed.reviewed.len(), "item", "items");
                        app.info(format!(
                            "{} closed: {reviewed} reviewed; its record is final",
                            closed.id
                        ));
                    }
                    cmd
                }
                Err(why) => {
                    app.error(why);
                    Cmd::None
                }
            }
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

/// Draws the summary over the meeting.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(meeting) = crate::domain::meetings::open_meeting(&app.register) else {
        return;
    };
    let s = crate::domain::meetings::summary(&app.register, meeting);
    let names = |ids: &[String]| {
        if ids.is_empty() {
            "-".to_string()
        } else {
            ids.iter()
                .map(|id| text::one_line(app.register.person_name(id)))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let mut lines = vec![
        Line::raw(format!("Present:    {}", names(&s.present))),
        Line::raw(format!("Apologies:  {}", names(&s.apologies))),
        Line::raw(format!("Absent:     {}", names(&s.absent))),
        Line::raw(format!(
            "Top management present: {}",
            if s.top_management_present {
                "yes"
            } else {
                "NO"
            }
        )),
        Line::raw(format!(
            "Items reviewed: {} of {} on the agenda{}",
            s.reviewed,
            meeting.agenda.len(),
            if s.reviewed == 0 {
                String::new()
            } else {
                let ids: Vec<&str> = meeting.reviewed.iter().map(|r| r.item.as_str()).collect();
                format!(": {}", ids.join(", "))
            }
        )),
    ];
    for (item, before, after) in &s.rescored {
        lines.push(Line::raw(format!(
            "  {item}: {}×{} → {}×{}",
            before.likelihood, before.impact, after.likelihood, after.impact
        )));
    }
    lines.push(Line::raw(format!("Decisions: {}", s.decisions.len())));
    for (item, decision) in &s.decisions {
        lines.push(Line::raw(format!("  {item}: {}", text::one_line(decision))));
    }
    lines.push(Line::raw(format!(
        "Actions raised: {}",
        if s.raised.is_empty() {
            "-".into()
        } else {
            s.raised.join(", ")
        }
    )));
    lines.push(Line::raw(format!(
        "Actions closed: {}",
        if s.closed.is_empty() {
            "-".into()
        } else {
            s.closed.join(", ")
        }
    )));
    lines.push(Line::raw(""));
    for (key, what) in app.keys.choices(Popup::MeetingSummary) {
        lines.push(Line::from(vec![
            Span::styled(format!("{key}  "), theme.key),
            Span::raw(what),
        ]));
    }
    let title = format!("Finish {} ({})", meeting.id, meeting.kind.label());
    scrolled(frame, area, app, theme, &title, lines, 100);
}
