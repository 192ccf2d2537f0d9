//! One item in full: fields, position on the matrix, actions, review
//! history. Its keys select and edit an action, mark it done and page
//! through a long item; the item keys are shared (`items`).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::domain::{Item, Score, customer_focus, queries};
use crate::text;

use super::super::app::{App, Cmd, FormPurpose, Overlay};
use super::super::forms;
use super::super::forms::item::links;
use super::super::keymap::{Intent, Screen};
use super::super::widgets::{band_span, matrix, style_if};
use crate::theme::Theme;

pub fn on_intent(app: &mut App, intent: Intent) -> Option<Cmd> {
    match intent {
        Intent::PageDown => scroll(app, 1),
        Intent::PageUp => scroll(app, -1),
        Intent::Open => edit_action(app),
        Intent::MarkDone => return Some(super::items::mark_done(app, selected_action(app))),
        _ => {
            let by = super::list_move(app, intent)?;
            let len = app
                .register
                .item(&app.detail.item_id)
                .map_or(0, |i| i.actions.len());
            app.detail.action = super::step(app.detail.action, by, len);
            app.detail.scroll = None;
        }
    }
    Some(Cmd::None)
}

pub fn changes_data(intent: Intent) -> Option<bool> {
    // Enter edits the selected action.
    (intent == Intent::Open).then_some(true)
}

/// The action the item keys act on: the selected one.
fn selected_action(app: &App) -> Option<(String, String)> {
    let item = app.register.item(&app.detail.item_id)?;
    Some((
        item.id.clone(),
        item.actions.get(app.detail.action)?.id.clone(),
    ))
}

fn edit_action(app: &mut App) {
    let Some(item) = app.register.item(&app.detail.item_id) else {
        return;
    };
    if let Some(action) = item.actions.get(app.detail.action) {
        let form = forms::action::action_form(&app.register, item, Some(action), app.today);
        let purpose = FormPurpose::EditAction {
            item: item.id.clone(),
            action: action.id.clone(),
        };
        app.show(Overlay::Form(Box::new(form), purpose));
    }
}

/// Pages through a long item; the view clamps at the end.
fn scroll(app: &mut App, pages: isize) {
    let page = app.drawn.page_rows.get().saturating_sub(2).max(1) as isize;
    let from = app.detail.shown_scroll.get() as isize;
    app.detail.scroll = Some((from + pages * page).max(0) as usize);
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let item = app.register.item(&app.detail.item_id);
    draw_pane(frame, area, app, item, theme, true);
}

/// The item's detail; `interactive` marks the selected action (detail screen).
pub fn draw_pane(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    item: Option<&Item>,
    theme: &Theme,
    interactive: bool,
) {
    let Some(item) = item else {
        let block = Block::bordered().border_style(theme.border);
        frame.render_widget(
            Paragraph::new("No item selected.")
                .style(theme.dim)
                .block(block),
            area,
        );
        return;
    };
    let title = format!(
        " {} · {} · {} ",
        item.id,
        item.kind.label(),
        item.status.label()
    );
    let block = Block::bordered()
        .title(Span::styled(title, theme.title))
        .border_style(if interactive {
            theme.focus_border
        } else {
            theme.border
        });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let scales = &app.register.scales;
    let matrix_width = (scales.max_consequence(item.kind) as u16) * 2 + 4;
    let show_matrix = inner.width >= 56 && inner.height >= 8;
    let (text_area, matrix_area) = if show_matrix {
        let [t, m] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(matrix_width + 1)])
                .areas(inner);
        (t, Some(m))
    } else {
        (inner, None)
    };
    let lines = lines(app, item, theme, interactive);
    let selected_line = interactive
        .then(|| lines.iter().position(|(_, is_selected)| *is_selected))
        .flatten();
    let lines: Vec<Line> = lines.into_iter().map(|(l, _)| l).collect();
    let height = text_area.height as usize;
    let width = text_area.width;
    // Rows after wrapping, so scrolling lands where the reader expects.
    let rows = |lines: &[Line<'static>]| {
        Paragraph::new(lines.to_vec())
            .wrap(Wrap { trim: false })
            .line_count(width)
    };
    let total = rows(&lines);
    let most = total.saturating_sub(height);
    let scroll = match (interactive, app.detail.scroll) {
        (true, Some(manual)) => manual.min(most),
        // Keep the selected action (two rows) in view.
        (true, None) => selected_line.map_or(0, |at| {
            (rows(&lines[..at + 2.min(lines.len() - at)])).saturating_sub(height)
        }),
        (false, _) => 0,
    };
    if interactive {
        app.detail.shown_scroll.set(scroll);
        app.drawn.page_rows.set(height);
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll as u16, 0)),
        text_area,
    );
    if scroll < most {
        let key = if interactive {
            app.keys.key(Screen::Detail, Intent::PageDown)
        } else {
            app.keys.key(Screen::Register, Intent::Open)
        };
        let note = format!(" ↓ more: {key} ");
        let width = text::width(&note) as u16;
        let more = Span::styled(note, theme.key);
        let at = Rect {
            x: area.x + 2,
            y: area.bottom().saturating_sub(1),
            width: width.min(area.width.saturating_sub(4)),
            height: 1,
        };
        frame.render_widget(Paragraph::new(more), at);
    }
    if let Some(m) = matrix_area {
        let lines = matrix::lines(app, item, theme, 2, None);
        frame.render_widget(Paragraph::new(lines), m);
    }
}

type Lines = Vec<(Line<'static>, bool)>;

fn plain(line: Line<'static>) -> (Line<'static>, bool) {
    (line, false)
}

fn field(label: &str, value: String, theme: &Theme) -> (Line<'static>, bool) {
    plain(Line::from(vec![
        Span::styled(format!("{label:<12}"), theme.dim),
        Span::raw(value),
    ]))
}

fn lines(app: &App, item: &Item, theme: &Theme, interactive: bool) -> Lines {
    let scales = &app.register.scales;
    let today = app.today;
    let mut out: Lines = vec![
        plain(Line::styled(text::one_line(&item.title), theme.title)),
        plain(Line::raw("")),
    ];
    let score_line = |label: &str, s: Score| {
        let value = s.value();
        Line::from(vec![
            Span::styled(format!("{label:<12}"), theme.dim),
            Span::raw(format!("{}×{}={value:<3}", s.likelihood, s.impact)),
            band_span(app, item.kind, value, theme, 9),
            Span::styled(
                format!(
                    "{} × {}",
                    text::one_line(scales.likelihood_name(s.likelihood)),
                    text::one_line(scales.consequence_level_name(item.kind, s.impact))
                ),
                theme.dim,
            ),
        ])
    };
    out.push(plain(score_line("Current", item.current)));
    match item.target {
        Some(t) => out.push(plain(score_line("Target", t))),
        None => out.push(field("Target", "none set".into(), theme)),
    }
    out.push(field("Treatment", item.treatment.label().into(), theme));
    out.push(field(
        "Owner",
        format!(
            "{} ({}){}",
            text::one_line(app.register.person_name(&item.owner)),
            text::one_line(&item.owner),
            // A retired owner stays named, and says so: the item needs a new one.
            match app.register.person(&item.owner).and_then(|p| p.retired) {
                Some(since) => format!(", retired since {since}"),
                None => String::new(),
            }
        ),
        theme,
    ));
    let review = match item.next_review {
        None => "not scheduled".to_string(),
        Some(d) if queries::review_overdue(item, today) => {
            format!("{d}  OVERDUE by {} days", d.days_until(today))
        }
        Some(d) => format!("{d}  in {} days", today.days_until(d)),
    };
    let overdue = queries::review_overdue(item, today);
    out.push(plain(Line::from(vec![
        Span::styled(format!("{:<12}", "Next review"), theme.dim),
        Span::styled(review, style_if(overdue, theme.overdue)),
    ])));
    out.push(plain(Line::raw("")));
    out.push(plain(Line::styled(
        format!("Actions ({})", item.actions.len()),
        theme.header,
    )));
    if item.actions.is_empty() {
        out.push(plain(Line::styled(
            format!("  none yet; {} adds one", app.key(Intent::AddAction)),
            theme.dim,
        )));
    }
    for (i, action) in item.actions.iter().enumerate() {
        let selected = interactive && i == app.detail.action;
        let late = queries::action_overdue(action, today);
        let done = action.done_on.map_or(String::new(), |on| format!(" {on}"));
        let state = match (&action.status, &action.effectiveness) {
            (crate::domain::ActionStatus::Done, Some(check)) => {
                format!("Done{done}, {}", check.verdict.label())
            }
            (crate::domain::ActionStatus::Done, None) => format!("Done{done}, not checked"),
            (status, _) => status.label().to_string(),
        };
        let due = if late {
            format!("due {}!", action.due)
        } else {
            format!("due {}", action.due)
        };
        let marker = if selected { theme.marker } else { " " };
        let style = if selected {
            theme.selected
        } else {
            Style::new()
        };
        let line = Line::from(vec![
            Span::styled(format!("{marker} {} ", text::one_line(&action.id)), style),
            Span::styled(text::one_line(&action.text), style),
        ]);
        out.push((line, selected));
        let line = Line::from(vec![
            Span::raw(format!("        {state} · ")),
            Span::styled(due, style_if(late, theme.overdue)),
            Span::raw(format!(
                " · {}",
                text::one_line(app.register.person_name(&action.owner))
            )),
        ]);
        out.push(plain(line));
    }
    let reviews: Vec<_> = app
        .register
        .meetings
        .iter()
        .flat_map(|m| {
            m.reviewed
                .iter()
                .filter(|r| r.item == item.id)
                .map(move |r| (m, r))
        })
        .collect();
    out.push(plain(Line::raw("")));
    out.push(plain(Line::styled(
        format!("Reviews ({})", reviews.len()),
        theme.header,
    )));
    if reviews.is_empty() {
        out.push(plain(Line::styled(
            "  not reviewed in a meeting yet",
            theme.dim,
        )));
    }
    for (meeting, review) in reviews.iter().rev() {
        out.push(plain(Line::raw(format!(
            "  {} {} {}: {}×{} → {}×{}  {}",
            review.at.date(),
            text::one_line(&meeting.id),
            meeting.kind.label(),
            review.before.likelihood,
            review.before.impact,
            review.after.likelihood,
            review.after.impact,
            text::one_line(&review.decision)
        ))));
    }
    out.extend(link_lines(app, item, theme));
    out.push(plain(Line::raw("")));
    out.push(field("Process", text::one_line(&item.process), theme));
    out.push(field("Source", text::one_line(&item.source.label()), theme));
    let affects: Vec<&str> = item.affects.iter().map(|a| a.label()).collect();
    out.push(field(
        "Affects",
        if affects.is_empty() {
            "-".into()
        } else {
            affects.join(", ")
        },
        theme,
    ));
    out.push(field("Created", item.created.date().to_string(), theme));
    if !item.description.is_empty() {
        out.push(plain(Line::raw("")));
        for l in text::multi_line(&item.description).lines() {
            out.push(plain(Line::raw(l.to_string())));
        }
    }
    // Who changed what, newest first: the history of this item and its actions.
    let prefix = format!("{}/", item.id);
    let changes: Vec<_> = app
        .register
        .history
        .iter()
        .rev()
        .filter(|h| crate::domain::history::about::is_of(&h.record, &item.id))
        .collect();
    out.push(plain(Line::raw("")));
    out.push(plain(Line::styled(
        format!("History ({})", changes.len()),
        theme.header,
    )));
    if changes.is_empty() {
        out.push(plain(Line::styled("  no change recorded yet", theme.dim)));
    }
    for h in changes.iter().take(HISTORY_SHOWN) {
        let what = if h.record == item.id {
            h.field.clone()
        } else {
            format!("{}.{}", &h.record[prefix.len()..], h.field)
        };
        let change = match (h.old.is_empty(), h.new.is_empty()) {
            (true, _) => format!("added {}", text::truncate(&text::one_line(&h.new), 60)),
            (_, true) => "removed".to_string(),
            _ => format!(
                "{} → {}",
                text::truncate(&text::one_line(&h.old), 30),
                text::truncate(&text::one_line(&h.new), 30)
            ),
        };
        out.push(plain(Line::from(vec![
            Span::styled(
                format!(
                    "  {} {} ",
                    h.at.0.format("%Y-%m-%d %H:%M"),
                    text::one_line(&h.by)
                ),
                theme.dim,
            ),
            Span::raw(format!("{what}: {change}")),
        ])));
    }
    if changes.len() > HISTORY_SHOWN {
        out.push(plain(Line::styled(
            format!(
                "  … {} older: roreg log FILE {}",
                changes.len() - HISTORY_SHOWN,
                item.id
            ),
            theme.dim,
        )));
    }
    out
}

/// The requirements the item threatens or serves and the measures it would
/// move, each found by id; nothing when the register keeps neither.
fn link_lines(app: &App, item: &Item, theme: &Theme) -> Lines {
    let register = &app.register;
    let mut out = Vec::new();
    let edit = app.key(Intent::Edit);
    if !register.requirements.is_empty() || !item.requirements.is_empty() {
        link_heading(
            &mut out,
            "Requirements",
            item.requirements.len(),
            &edit,
            theme,
        );
        for id in &item.requirements {
            let Some(r) = register.requirement(id) else {
                out.push(plain(Line::styled(
                    format!(
                        "  {} not in the register's requirements",
                        text::one_line(id)
                    ),
                    theme.overdue,
                )));
                continue;
            };
            out.push(plain(Line::raw(format!(
                "  {} {}",
                text::one_line(&r.id),
                text::one_line(&r.text)
            ))));
            let key = r
                .customer
                .as_deref()
                .and_then(|c| register.customer(c))
                .is_some_and(|c| c.key);
            let mut about = vec![r.kind.label().to_string()];
            match r.customer.as_deref() {
                Some(c) if key => {
                    about.push(format!("{}, key customer", register.customer_name(c)))
                }
                Some(c) => about.push(register.customer_name(c).to_string()),
                None => about.push("all customers".into()),
            }
            let cited = r.cited();
            if !cited.is_empty() {
                about.push(cited);
            }
            out.push(plain(Line::styled(
                format!("    {}", text::one_line(&about.join(" · "))),
                theme.dim,
            )));
        }
    }
    if !register.measures.is_empty() || !item.measures.is_empty() {
        link_heading(&mut out, "Measures", item.measures.len(), &edit, theme);
        for id in &item.measures {
            let Some(m) = register.measure(id) else {
                out.push(plain(Line::styled(
                    format!("  {} not in the register's measures", text::one_line(id)),
                    theme.overdue,
                )));
                continue;
            };
            out.push(plain(Line::raw(format!(
                "  {}",
                text::one_line(&links::measure_label(register, m))
            ))));
            let trend = customer_focus::trend(m);
            let off = m.is_off_target();
            out.push(plain(Line::from(vec![
                Span::raw("    "),
                Span::styled(
                    text::one_line(&links::reading_words(m)),
                    style_if(off, theme.overdue),
                ),
                Span::styled(
                    match trend {
                        customer_focus::Trend::Unknown => String::new(),
                        t => format!(" · {} {}", t.label(), t.arrow()),
                    },
                    theme.dim,
                ),
            ])));
        }
    }
    out
}

/// "Requirements (2)" after a blank line, or how to link some when none are.
fn link_heading(out: &mut Lines, what: &str, linked: usize, edit: &str, theme: &Theme) {
    out.push(plain(Line::raw("")));
    out.push(plain(Line::styled(
        format!("{what} ({linked})"),
        theme.header,
    )));
    if linked == 0 {
        out.push(plain(Line::styled(
            format!("  none linked; {edit} links them"),
            theme.dim,
        )));
    }
}

/// Recent changes shown on an item; `roreg log` has them all.
const HISTORY_SHOWN: usize = 12;
