//! Drawing: state in, frame out. Nothing here changes the register. The
//! frame is drawn here (header, footer of key hints, status line); the
//! screen in it by its module in `screens/`, the popups by `popups/`.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::text;

use super::app::{App, Status};
use super::keymap::{Intent, Popup, Screen};
use super::widgets::levels_label;
use super::{popups, screens};
use crate::theme::Theme;

/// Below this the screens cannot be drawn usefully; a message says so.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    let small = area.width < MIN_WIDTH || area.height < MIN_HEIGHT;
    app.drawn.too_small.set(small);
    if small {
        too_small(frame, area, app, theme);
        return;
    }
    let banner_rows = u16::from(app.banner.is_some());
    let [header, banner, body, footer, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(banner_rows),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_header(frame, header, app, theme);
    if let Some(due) = &app.banner {
        super::banner::draw(frame, banner, due, theme);
    }
    screens::draw(frame, body, app, theme);
    draw_footer(frame, footer, app, theme);
    draw_status(frame, status, app, theme);
    // Popups stay inside the body, so the footer and status stay readable.
    popups::draw(frame, body, app, theme);
}

fn too_small(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let lines = vec![
        Line::styled("Terminal too small", theme.title),
        Line::raw(format!(
            "{}×{}, needs {MIN_WIDTH}×{MIN_HEIGHT}",
            area.width, area.height
        )),
        Line::raw(format!(
            "{} quits",
            app.keys.key(Screen::Register, Intent::Back)
        )),
    ];
    let top = area.height.saturating_sub(3) / 2;
    let rect = Rect {
        y: area.y + top,
        height: area.height.saturating_sub(top).min(3),
        ..area
    };
    frame.render_widget(
        Paragraph::new(lines)
            .centered()
            .wrap(ratatui::widgets::Wrap { trim: true }),
        rect,
    );
}

fn draw_header(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let register = &app.register;
    let (reviews, actions) = (app.overdue.reviews, app.overdue.actions);
    let read_only = if app.sharing.read_only.is_some() {
        " READ-ONLY"
    } else {
        ""
    };
    let left = format!(
        " roreg{read_only} · {} · {}",
        app.screen().title(),
        text::one_line(&register.organisation)
    );
    let right = format!(
        "overdue: {reviews} reviews, {actions} actions · {} ",
        app.today
    );
    let line = spread(&left, &right, area.width as usize);
    frame.render_widget(Paragraph::new(line).style(theme.header), area);
}

/// `left` and `right` on one line of `width` columns, `left` cut first.
fn spread(left: &str, right: &str, width: usize) -> String {
    let right_width = text::width(right);
    if right_width + 10 > width {
        return text::fit(left, width);
    }
    format!("{} {right}", text::fit(left, width - right_width - 1))
}

fn draw_footer(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut spans = Vec::new();
    if let Some(scoring) = app.scoring {
        let which = if scoring.target { "target" } else { "current" };
        let kind = app
            .focused_item_id()
            .and_then(|id| app.register.item(&id).map(|i| i.kind));
        let axis = kind.map_or("impact", crate::domain::Scales::consequence_name);
        let prompt = match scoring.likelihood {
            None => format!(
                " Scoring {which}: press likelihood 1–{} · {} cancels",
                app.register.scales.max_likelihood(),
                app.key(Intent::Back)
            ),
            Some(l) => format!(
                " Scoring {which}: likelihood {l}; press {axis} 1–{} · {} cancels",
                kind.map_or(5, |k| app.register.scales.max_consequence(k)),
                app.key(Intent::Back)
            ),
        };
        spans.push(Span::styled(prompt, theme.key));
    } else if let Some(_previous) = &app.list.search {
        spans.push(Span::styled(" / ", theme.key));
        spans.push(Span::raw(text::one_line(&app.list.filter.text)));
        spans.push(Span::styled("▏", theme.key));
        spans.push(Span::styled(
            format!(
                "  {} keeps · {} cancels",
                app.keys.key(Popup::Search, Intent::Accept),
                app.keys.key(Popup::Search, Intent::Cancel)
            ),
            theme.dim,
        ));
    } else {
        // Help and back always show; the other hints while they fit.
        let hints = app.keys.hints(app.screen());
        let essential = |h: &&(String, &str)| h.1 == "help" || h.1 == "back/quit";
        let cost = |(key, hint): &(String, &str)| text::width(key) + text::width(hint) + 3;
        let mut room =
            (area.width as usize).saturating_sub(hints.iter().filter(essential).map(cost).sum());
        for hint in &hints {
            let fits = essential(&hint) || cost(hint) <= room;
            if !fits {
                room = 0;
                continue;
            }
            if !essential(&hint) {
                room -= cost(hint);
            }
            spans.push(Span::styled(
                format!(" {}", levels_label(app, &hint.0)),
                theme.key,
            ));
            spans.push(Span::styled(format!(" {} ", hint.1), theme.dim));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_status(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let (message, style) = match &app.status {
        Status::None => (String::new(), theme.text),
        Status::Info(m) => (m.clone(), theme.ok),
        Status::Error(m) => (m.clone(), theme.error),
    };
    let save = if let Some(why) = &app.sharing.read_only {
        let width = (area.width as usize / 2).max(20);
        text::truncate(&format!("read-only: {}", text::one_line(why)), width)
    } else if app.save.in_flight {
        "saving…".to_string()
    } else if app.save.failure.is_some() {
        format!("NOT SAVED · {} retries", app.key(Intent::Save))
    } else if app.save.dirty {
        format!("not saved yet · {} saves", app.key(Intent::Save))
    } else if let Some(at) = app.save.last_saved {
        format!("saved {}", at.0.format("%H:%M:%S"))
    } else {
        "no changes".to_string()
    };
    let save_style = if app.save.failure.is_some() || app.save.dirty {
        theme.error
    } else {
        theme.dim
    };
    let right = format!(" {save} ");
    let width = area.width as usize;
    let left_width = width.saturating_sub(text::width(&right));
    let line = Line::from(vec![
        Span::styled(
            text::fit(&format!(" {}", text::one_line(&message)), left_width),
            style,
        ),
        Span::styled(right, save_style),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}
