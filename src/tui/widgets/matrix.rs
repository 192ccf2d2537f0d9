//! An item's position on the matrix: `●` now, `○` target, `◇` where a meeting
//! started; the row being scored is highlighted.

use ratatui::text::{Line, Span};

use crate::domain::{Item, Scales, Score};

use super::super::app::App;
use crate::theme::Theme;

/// The matrix as lines, `cell` columns per cell (2 in a side pane, more on a
/// meeting card).
pub fn lines(
    app: &App,
    item: &Item,
    theme: &Theme,
    cell: usize,
    before: Option<Score>,
) -> Vec<Line<'static>> {
    let scales = &app.register.scales;
    let rows = scales.max_likelihood();
    let cols = scales.max_consequence(item.kind);
    let scoring = app
        .scoring
        .filter(|_| app.focused_item_id().as_deref() == Some(item.id.as_str()));
    let mut lines = vec![Line::styled(" L", theme.dim)];
    for l in (1..=rows).rev() {
        let mut spans = vec![Span::styled(format!("{l:>2} "), theme.dim)];
        for i in 1..=cols {
            let here = Score::new(l, i);
            let symbol = if here == item.current {
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
    let axis: String = (1..=cols)
        .map(|i| {
            if cell <= 2 {
                format!("{i:<cell$}")
            } else {
                format!("{i:^cell$}")
            }
        })
        .collect();
    lines.push(Line::styled(format!("   {axis}"), theme.dim));
    lines.push(Line::styled(
        format!("   {}", Scales::consequence_name(item.kind)),
        theme.dim,
    ));
    lines.push(Line::styled(" ● now ○ target", theme.dim));
    if before.is_some_and(|b| b != item.current) {
        lines.push(Line::styled(" ◇ before", theme.dim));
    }
    lines
}
