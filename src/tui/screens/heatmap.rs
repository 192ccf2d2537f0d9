//! The heat map: the matrix with the number of live items in each cell.
//! Its keys move the cursor, switch risks/opportunities and current/target
//! positions, and show a cell's items in the register.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::domain::{Filter, Kind, Position, Scales, Score};
use crate::text;

use super::super::app::{App, Cmd};
use super::super::keymap::{Intent, Screen};
use crate::theme::Theme;

/// Opens the heat map on the cell where most items are.
pub fn enter(app: &mut App) {
    if app.screen() != Screen::HeatMap {
        busiest_cell(app);
    }
    app.show_screen(Screen::HeatMap);
}

pub fn on_intent(app: &mut App, intent: Intent) -> Option<Cmd> {
    match intent {
        Intent::Left => move_heat(app, 0, -1),
        Intent::Right => move_heat(app, 0, 1),
        // Higher likelihood is drawn higher up.
        Intent::Up => move_heat(app, 1, 0),
        Intent::Down => move_heat(app, -1, 0),
        Intent::Open => show_cell(app),
        Intent::ScoreTarget => {
            app.heat.position = match app.heat.position {
                Position::Current => Position::Target,
                Position::Target => Position::Current,
            };
            app.refresh_heat_map();
        }
        Intent::SwitchKind => {
            app.heat.kind = match app.heat.kind {
                Kind::Risk => Kind::Opportunity,
                Kind::Opportunity => Kind::Risk,
            };
            app.refresh_heat_map();
            busiest_cell(app);
        }
        _ => return None,
    }
    Some(Cmd::None)
}

pub fn changes_data(intent: Intent) -> Option<bool> {
    matches!(intent, Intent::ScoreTarget | Intent::Open).then_some(false)
}

/// The register, filtered to the items of the cell under the cursor.
fn show_cell(app: &mut App) {
    app.list.filter = Filter {
        kind: Some(app.heat.kind),
        cell: Some((app.heat.position, app.heat.cursor)),
        ..Filter::default()
    };
    app.list_changed();
    app.screens.truncate(1);
    let clear = app.keys.key(Screen::Register, Intent::ClearFilter);
    app.info(format!(
        "showing {}; {clear} clears",
        app.list.filter.describe()
    ));
}

fn move_heat(app: &mut App, likelihood: isize, impact: isize) {
    let scales = &app.register.scales;
    let max_l = scales.max_likelihood().max(1) as isize;
    let max_i = scales.max_consequence(app.heat.kind).max(1) as isize;
    let c = app.heat.cursor;
    app.heat.cursor = Score::new(
        (c.likelihood as isize + likelihood).clamp(1, max_l) as u8,
        (c.impact as isize + impact).clamp(1, max_i) as u8,
    );
}

/// Puts the heat-map cursor where most items are (the higher score on a tie).
fn busiest_cell(app: &mut App) {
    let map = &app.heat.map;
    let scales = &app.register.scales;
    let cells = (1..=scales.max_likelihood())
        .flat_map(|l| (1..=scales.max_consequence(app.heat.kind)).map(move |i| Score::new(l, i)));
    if let Some(best) = cells.max_by_key(|s| (map.count(*s), s.value(), s.likelihood)) {
        app.heat.cursor = best;
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let kind = app.heat.kind;
    let position = app.heat.position;
    let scales = &app.register.scales;
    let map = &app.heat.map;
    let plural = match kind {
        Kind::Risk => "Risks",
        Kind::Opportunity => "Opportunities",
    };
    let unplaced = if map.without_target > 0 {
        format!(" · {} without a target", map.without_target)
    } else {
        String::new()
    };
    let title = format!(
        " {plural} · {} positions · {} live items{unplaced} ",
        position.label(),
        map.total()
    );
    let block = Block::bordered()
        .title(Span::styled(title, theme.title))
        .border_style(theme.border);
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let label_width = scales
        .likelihood
        .iter()
        .map(|n| text::width(n))
        .max()
        .unwrap_or(0)
        .min(16)
        + 4;
    let cols = scales.max_consequence(kind);
    let rows = scales.max_likelihood();
    // Cells grow with the screen, so the matrix reads from the back of a room.
    let cell = ((inner.width as usize).saturating_sub(label_width + 2) / usize::from(cols.max(1)))
        .clamp(7, 18);
    let cell_height =
        ((inner.height as usize).saturating_sub(8) / usize::from(rows.max(1))).clamp(1, 5);
    let mut lines = vec![Line::styled(
        format!("{:>w$}", "Likelihood", w = label_width - 1),
        theme.dim,
    )];
    for l in (1..=rows).rev() {
        for sub in 0..cell_height {
            let middle = sub == cell_height / 2;
            let label = if middle {
                let name = text::fit(&text::one_line(scales.likelihood_name(l)), label_width - 4);
                format!("{name} {l:>2} ")
            } else {
                " ".repeat(label_width)
            };
            let mut spans = vec![Span::styled(label, theme.dim)];
            for i in 1..=cols {
                let score = Score::new(l, i);
                let count = map.count(score);
                let band = scales.band_index(score.value()).unwrap_or(0);
                let letter = scales
                    .bands
                    .get(band)
                    .and_then(|b| b.name.chars().next())
                    .unwrap_or('?');
                let at_cursor = app.heat.cursor == score;
                let content = match (middle, count) {
                    (false, _) => String::new(),
                    (true, 0) => format!("· {letter}"),
                    (true, n) => format!("{n} {letter}"),
                };
                let inside = cell - 2;
                let shown = if at_cursor && middle {
                    format!("[{content:^inside$}]")
                } else {
                    format!(" {content:^inside$} ")
                };
                let style = if at_cursor {
                    theme.cursor_cell
                } else {
                    theme.heat(kind, band, scales.bands.len())
                };
                spans.push(Span::styled(shown, style));
            }
            lines.push(Line::from(spans));
        }
    }
    let pad = " ".repeat(label_width);
    let numbers: String = (1..=cols).map(|i| format!("{i:^cell$}")).collect();
    lines.push(Line::styled(format!("{pad}{numbers}"), theme.dim));
    let names: String = (1..=cols)
        .map(|i| {
            format!(
                "{:^cell$}",
                text::truncate(
                    &text::one_line(scales.consequence_level_name(kind, i)),
                    cell - 1
                )
            )
        })
        .collect();
    lines.push(Line::styled(format!("{pad}{names}"), theme.dim));
    lines.push(Line::styled(
        format!("{pad}{} →", Scales::consequence_name(kind)),
        theme.dim,
    ));
    lines.push(Line::raw(""));
    let legend: Vec<String> = scales
        .bands
        .iter()
        .map(|b| {
            format!(
                "{} = {} (from {})",
                b.name.chars().next().unwrap_or('?'),
                text::one_line(&b.name),
                b.from
            )
        })
        .collect();
    lines.push(Line::styled(
        format!(" Bands: {}", legend.join(", ")),
        theme.dim,
    ));
    let cursor = app.heat.cursor;
    lines.push(Line::raw(format!(
        " Likelihood {} × {} {}: {} · {} lists them · {} {} · {} {} positions",
        cursor.likelihood,
        Scales::consequence_name(kind),
        cursor.impact,
        text::plural(map.count(cursor), "item", "items"),
        app.key(Intent::Open),
        app.key(Intent::SwitchKind),
        match kind {
            Kind::Risk => "opportunities",
            Kind::Opportunity => "risks",
        },
        app.key(Intent::ScoreTarget),
        match position {
            crate::domain::Position::Current => "target",
            crate::domain::Position::Target => "current",
        }
    )));
    frame.render_widget(
        Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }),
        inner,
    );
}
