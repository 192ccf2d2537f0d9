//! Every style the screens use, in one place: a 16-colour theme that follows
//! the user's palette, and a monochrome one for NO_COLOR.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::Kind;

#[derive(Clone, Debug)]
pub struct Theme {
    pub monochrome: bool,
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    pub header: Style,
    pub border: Style,
    pub focus_border: Style,
    pub selected: Style,
    /// Drawn before the selected row, so selection never depends on colour.
    pub marker: &'static str,
    pub key: Style,
    pub overdue: Style,
    pub ok: Style,
    pub error: Style,
    pub warning: Style,
    pub cursor_cell: Style,
    risk_bands: [Style; 4],
    opportunity_bands: [Style; 4],
}

impl Theme {
    pub fn colour() -> Theme {
        let bold = Modifier::BOLD;
        Theme {
            monochrome: false,
            text: Style::new(),
            dim: Style::new().fg(Color::DarkGray),
            title: Style::new().add_modifier(bold),
            header: Style::new().fg(Color::Cyan).add_modifier(bold),
            border: Style::new().fg(Color::DarkGray),
            focus_border: Style::new().fg(Color::Cyan),
            selected: Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(bold),
            marker: "▶",
            key: Style::new().fg(Color::Yellow).add_modifier(bold),
            overdue: Style::new().fg(Color::LightRed).add_modifier(bold),
            ok: Style::new().fg(Color::Green),
            error: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(bold),
            warning: Style::new().fg(Color::Yellow),
            cursor_cell: Style::new().add_modifier(Modifier::REVERSED | bold),
            // Risks in warm colours, opportunities in cool ones.
            risk_bands: [
                Style::new().fg(Color::Green),
                Style::new().fg(Color::Yellow),
                Style::new().fg(Color::LightRed),
                Style::new()
                    .fg(Color::White)
                    .bg(Color::Red)
                    .add_modifier(bold),
            ],
            opportunity_bands: [
                Style::new().fg(Color::Cyan),
                Style::new().fg(Color::LightCyan),
                Style::new().fg(Color::LightBlue).add_modifier(bold),
                Style::new()
                    .fg(Color::White)
                    .bg(Color::Blue)
                    .add_modifier(bold),
            ],
        }
    }

    /// No colour at all: reverse, bold, underline and the `▶` marker carry
    /// selection and emphasis (under NO_COLOR a colour+reverse highlight vanishes).
    pub fn monochrome() -> Theme {
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            monochrome: true,
            text: plain,
            dim: plain,
            title: bold,
            header: bold.add_modifier(Modifier::UNDERLINED),
            border: plain,
            focus_border: bold,
            selected: Style::new().add_modifier(Modifier::REVERSED),
            marker: "▶",
            key: bold,
            overdue: bold,
            ok: plain,
            error: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            warning: bold,
            cursor_cell: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            risk_bands: [plain, plain, bold, bold.add_modifier(Modifier::UNDERLINED)],
            opportunity_bands: [plain, plain, bold, bold.add_modifier(Modifier::UNDERLINED)],
        }
    }

    /// A filled heat-map cell: a background in the kind's colour family.
    pub fn heat(&self, kind: Kind, index: usize, count: usize) -> Style {
        if self.monochrome {
            return self.band(kind, index, count);
        }
        let top = count.saturating_sub(1).max(1);
        let level = (index * 3 / top).min(3);
        let (bg, fg) = match (kind, level) {
            (Kind::Risk, 0) => (Color::Green, Color::Black),
            (Kind::Risk, 1) => (Color::Yellow, Color::Black),
            (Kind::Risk, 2) => (Color::LightRed, Color::Black),
            (Kind::Risk, _) => (Color::Red, Color::White),
            (Kind::Opportunity, 0) => (Color::Cyan, Color::Black),
            (Kind::Opportunity, 1) => (Color::LightCyan, Color::Black),
            (Kind::Opportunity, 2) => (Color::LightBlue, Color::Black),
            (Kind::Opportunity, _) => (Color::Blue, Color::White),
        };
        Style::new().bg(bg).fg(fg)
    }

    /// The style of a band, by its position among `count` bands.
    pub fn band(&self, kind: Kind, index: usize, count: usize) -> Style {
        let top = count.saturating_sub(1).max(1);
        let level = (index * 3 / top).min(3);
        match kind {
            Kind::Risk => self.risk_bands[level],
            Kind::Opportunity => self.opportunity_bands[level],
        }
    }
}
