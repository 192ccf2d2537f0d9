//! An item's position on the matrix: `●` now, `○` target, `◇` where a meeting
//! started; the row being scored is highlighted.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::domain::{Item, Scales, Score};

use super::super::app::App;
use crate::theme::Theme;

/// How large a cell is drawn: `width` columns by `rows` rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CellSize {
    pub width: usize,
    pub rows: usize,
}

/// The matrix as lines, `cell` columns per cell (2 in a side pane, more on a
/// meeting card).
pub fn lines(
    app: &App,
    item: &Item,
    theme: &Theme,
    cell: usize,
    before: Option<Score>,
) -> Vec<Line<'static>> {
    let size = CellSize {
        width: cell,
        rows: 1,
    };
    drawn(app, item, theme, size, before, theme.dim)
}

/// The matrix for a shared screen: cells of any size, and its axes and
/// legend in the text style, since the room reads them from afar.
pub fn large(
    app: &App,
    item: &Item,
    theme: &Theme,
    size: CellSize,
    before: Option<Score>,
) -> Vec<Line<'static>> {
    drawn(app, item, theme, size, before, theme.text)
}

/// How many columns the matrix of `item` takes with cells of `width`.
pub fn width(scales: &Scales, item: &Item, cell_width: usize) -> u16 {
    (usize::from(scales.max_consequence(item.kind)) * cell_width + 4) as u16
}

fn drawn(
    app: &App,
    item: &Item,
    theme: &Theme,
    size: CellSize,
    before: Option<Score>,
    axes: Style,
) -> Vec<Line<'static>> {
    let cell = size.width;
    let scales = &app.register.scales;
    let rows = scales.max_likelihood();
    let cols = scales.max_consequence(item.kind);
    let scoring = app
        .scoring
        .filter(|_| app.focused_item_id().as_deref() == Some(item.id.as_str()));
    let mut lines = vec![Line::styled(" L", axes)];
    for l in (1..=rows).rev() {
        // A tall cell shows its symbol and level on its middle row.
        let middle = size.rows / 2;
        for row in 0..size.rows.max(1) {
            let label = if row == middle {
                format!("{l:>2} ")
            } else {
                "   ".to_string()
            };
            let mut spans = vec![Span::styled(label, axes)];
            for i in 1..=cols {
                let here = Score::new(l, i);
                let symbol = if row != middle {
                    " "
                } else if here == item.current {
                    "●"
                } else if item.target == Some(here) {
                    "○"
                } else if before == Some(here) {
                    "◇"
                } else {
                    "·"
                };
                let band = scales.band_index(here.value()).unwrap_or(0);
                let style = if scoring.is_some_and(|s| s.likelihood == Some(l)) {
                    theme.cursor_cell
                } else if cell > 2 {
                    theme.heat(item.kind, band, scales.bands.len())
                } else {
                    theme.band(item.kind, band, scales.bands.len())
                };
                // Narrow cells keep the symbol first, wide ones centre it.
                let shown = if cell <= 2 {
                    format!("{symbol:<cell$}")
                } else {
                    format!("{symbol:^cell$}")
                };
                spans.push(Span::styled(shown, style));
            }
            lines.push(Line::from(spans));
        }
    }
    let axis: String = (1..=cols)
        .map(|i| {
            if cell <= 2 {
                format!("{i:<cell$}")
            } else {
                format!("{i:^cell$}")
            }
        })
        .collect();
    lines.push(Line::styled(format!("   {axis}"), axes));
    lines.push(Line::styled(
        format!("   {}", Scales::consequence_name(item.kind)),
        axes,
    ));
    lines.push(Line::styled(" ● now ○ target", axes));
    if before.is_some_and(|b| b != item.current) {
        lines.push(Line::styled(" ◇ before", axes));
    }
    lines
}
