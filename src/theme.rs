//! Every style the screens and `roreg list` use, in one place. Three presets:
//! `default` (the 16 named colours, so it follows the user's palette),
//! `monochrome` (what NO_COLOR gets) and `high-contrast` (for projectors: no
//! dim grey, strong backgrounds). A user's `theme.ron` replaces single styles
//! by name (see `crate::config::theme`).

use ratatui::style::{Color, Modifier, Style};

use crate::domain::{Kind, Scales};

#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
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
    /// Band words, by tier (`Scales::tier_of_band`), lowest first.
    pub risk_bands: [Style; 4],
    pub opportunity_bands: [Style; 4],
    /// Filled heat-map cells, by tier.
    pub risk_heat: [Style; 4],
    pub opportunity_heat: [Style; 4],
}

/// The names a `theme.ron` may give styles, in the order `roreg config check`
/// and the README list them.
pub const STYLE_NAMES: [&str; 29] = [
    "text",
    "dim",
    "title",
    "header",
    "border",
    "focus_border",
    "selected",
    "key",
    "overdue",
    "ok",
    "error",
    "warning",
    "cursor_cell",
    "risk_band_1",
    "risk_band_2",
    "risk_band_3",
    "risk_band_4",
    "opportunity_band_1",
    "opportunity_band_2",
    "opportunity_band_3",
    "opportunity_band_4",
    "risk_heat_1",
    "risk_heat_2",
    "risk_heat_3",
    "risk_heat_4",
    "opportunity_heat_1",
    "opportunity_heat_2",
    "opportunity_heat_3",
    "opportunity_heat_4",
];

impl Theme {
    /// The preset names `--theme`, `ROREG_THEME` and `theme.ron` accept.
    pub const PRESETS: [&str; 3] = ["default", "monochrome", "high-contrast"];

    /// A preset by name, `None` for a name not in [`Theme::PRESETS`].
    pub fn preset(name: &str) -> Option<Theme> {
        match name {
            "default" => Some(Theme::colour()),
            "monochrome" => Some(Theme::monochrome()),
            "high-contrast" => Some(Theme::high_contrast()),
            _ => None,
        }
    }

    /// The `default` preset.
    pub fn colour() -> Theme {
        let bold = Modifier::BOLD;
        let heat = |bg, fg| Style::new().bg(bg).fg(fg);
        Theme {
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
            risk_heat: [
                heat(Color::Green, Color::Black),
                heat(Color::Yellow, Color::Black),
                heat(Color::LightRed, Color::Black),
                heat(Color::Red, Color::White),
            ],
            opportunity_heat: [
                heat(Color::Cyan, Color::Black),
                heat(Color::LightCyan, Color::Black),
                heat(Color::LightBlue, Color::Black),
                heat(Color::Blue, Color::White),
            ],
        }
    }

    /// No colour at all: reverse, bold, underline and the `▶` marker carry
    /// selection and emphasis (under NO_COLOR a colour+reverse highlight vanishes).
    pub fn monochrome() -> Theme {
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let bands = [plain, plain, bold, bold.add_modifier(Modifier::UNDERLINED)];
        Theme {
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
            risk_bands: bands,
            opportunity_bands: bands,
            // A heat-map cell without colour is its band's style: the symbol
            // and the band words around the map carry the meaning.
            risk_heat: bands,
            opportunity_heat: bands,
        }
    }

    /// For a projector or a washed-out screen: content in the terminal's own
    /// foreground (never dim grey), emphasis by bold, and colour only as a
    /// background with an explicit black or white text on it, which reads on
    /// light and dark terminals alike.
    pub fn high_contrast() -> Theme {
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let on = |bg, fg| Style::new().bg(bg).fg(fg).add_modifier(Modifier::BOLD);
        let risk = [
            on(Color::Green, Color::Black),
            on(Color::Yellow, Color::Black),
            on(Color::LightRed, Color::Black),
            on(Color::Red, Color::White),
        ];
        let opportunity = [
            on(Color::Cyan, Color::Black),
            on(Color::LightCyan, Color::Black),
            on(Color::LightBlue, Color::Black),
            on(Color::Blue, Color::White),
        ];
        Theme {
            text: plain,
            dim: plain,
            title: bold,
            header: bold.add_modifier(Modifier::UNDERLINED),
            border: plain,
            focus_border: bold,
            selected: on(Color::Yellow, Color::Black),
            marker: "▶",
            // Not underlined: key spans carry padding, which would be too.
            key: bold,
            overdue: on(Color::Red, Color::White),
            ok: on(Color::Green, Color::Black),
            error: on(Color::Red, Color::White),
            warning: on(Color::Yellow, Color::Black),
            cursor_cell: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            risk_bands: risk,
            opportunity_bands: opportunity,
            risk_heat: risk,
            opportunity_heat: opportunity,
        }
    }

    /// The style named `name` in [`STYLE_NAMES`], to replace it.
    pub fn style_mut(&mut self, name: &str) -> Option<&mut Style> {
        let tiered = |prefix: &str| {
            name.strip_prefix(prefix)
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|n| (1..=4).contains(n))
                .map(|n| n - 1)
        };
        Some(match name {
            "text" => &mut self.text,
            "dim" => &mut self.dim,
            "title" => &mut self.title,
            "header" => &mut self.header,
            "border" => &mut self.border,
            "focus_border" => &mut self.focus_border,
            "selected" => &mut self.selected,
            "key" => &mut self.key,
            "overdue" => &mut self.overdue,
            "ok" => &mut self.ok,
            "error" => &mut self.error,
            "warning" => &mut self.warning,
            "cursor_cell" => &mut self.cursor_cell,
            _ => {
                if let Some(tier) = tiered("risk_band_") {
                    &mut self.risk_bands[tier]
                } else if let Some(tier) = tiered("opportunity_band_") {
                    &mut self.opportunity_bands[tier]
                } else if let Some(tier) = tiered("risk_heat_") {
                    &mut self.risk_heat[tier]
                } else if let Some(tier) = tiered("opportunity_heat_") {
                    &mut self.opportunity_heat[tier]
                } else {
                    return None;
                }
            }
        })
    }

    /// A filled heat-map cell: a background in the kind's colour family.
    pub fn heat(&self, kind: Kind, index: usize, count: usize) -> Style {
        let tier = Scales::tier_of_band(index, count);
        match kind {
            Kind::Risk => self.risk_heat[tier],
            Kind::Opportunity => self.opportunity_heat[tier],
        }
    }

    /// The style of the band a score falls in.
    pub fn band_of(&self, kind: Kind, scales: &Scales, score: u32) -> Style {
        self.tiered(kind, scales.band_tier(score))
    }

    fn tiered(&self, kind: Kind, tier: usize) -> Style {
        match kind {
            Kind::Risk => self.risk_bands[tier],
            Kind::Opportunity => self.opportunity_bands[tier],
        }
    }

    /// The style of a band, by its position among `count` bands.
    pub fn band(&self, kind: Kind, index: usize, count: usize) -> Style {
        self.tiered(kind, Scales::tier_of_band(index, count))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_name_gives_a_theme_and_no_other_does() {
        for name in Theme::PRESETS {
            assert!(Theme::preset(name).is_some(), "{name}");
        }
        assert!(Theme::preset("solarized").is_none());
        assert!(Theme::preset("").is_none());
    }

    #[test]
    fn every_style_name_names_its_own_style() {
        let mut theme = Theme::colour();
        let marked = Style::new().fg(Color::Rgb(1, 2, 3));
        for name in STYLE_NAMES {
            let style = theme
                .style_mut(name)
                .unwrap_or_else(|| panic!("{name} names no style"));
            assert_ne!(*style, marked, "{name} shares its style with another name");
            *style = marked;
        }
        assert_eq!(theme.risk_bands[3], marked);
        assert_eq!(theme.opportunity_heat[0], marked);
        for not_a_style in ["risk_band_0", "risk_band_5", "risk_band_", "marker", "Text"] {
            assert!(theme.style_mut(not_a_style).is_none(), "{not_a_style}");
        }
    }

    #[test]
    fn bands_and_heat_cells_follow_the_band_tier() {
        let theme = Theme::colour();
        assert_eq!(theme.band(Kind::Risk, 0, 4), theme.risk_bands[0]);
        assert_eq!(theme.band(Kind::Risk, 3, 4), theme.risk_bands[3]);
        assert_eq!(
            theme.band(Kind::Opportunity, 1, 2),
            theme.opportunity_bands[3]
        );
        assert_eq!(theme.heat(Kind::Risk, 2, 4), theme.risk_heat[2]);
        assert_eq!(
            theme.heat(Kind::Opportunity, 0, 1),
            theme.opportunity_heat[0]
        );
    }
}
