//! Section 4: heat maps of live items, current and target.

use crate::domain::queries::{self, HeatMap, Position};
use crate::domain::{Kind, Scales, Score};
use crate::report::build::{Context, HEAT_MAPS, section};
use crate::report::model::{Block, HeatCell, HeatGrid, Section};
use crate::report::words::{band_letters, capitalise};

impl Context<'_> {
    pub(in crate::report) fn heat_maps(&self) -> Section {
        let letters = band_letters(self.register);
        let legend: Vec<String> = self
            .register
            .scales
            .bands
            .iter()
            .zip(&letters)
            .map(|(b, l)| format!("{l} {}", b.name))
            .collect();
        let mut blocks = vec![Block::Paragraph(format!(
            "Live items (closed ones left out) per cell on {}. Each cell shows its band ({}) and \
             how many items sit there; · means none. Target maps leave out items without a \
             target, and say how many.",
            self.today,
            legend.join(", ")
        ))];
        for kind in [Kind::Risk, Kind::Opportunity] {
            for position in [Position::Current, Position::Target] {
                blocks.push(Block::HeatMap(self.heat_grid(kind, position, &letters)));
            }
        }
        section(HEAT_MAPS, "Heat maps".to_string(), blocks)
    }

    fn heat_grid(&self, kind: Kind, position: Position, letters: &[String]) -> HeatGrid {
        let map: HeatMap = queries::heat_map(self.register, kind, position);
        grid(&self.register.scales, letters, kind, position, &map)
    }
}

/// A heat map's grid from its counts, on `scales` with each band's letter.
pub(in crate::report) fn grid(
    scales: &Scales,
    letters: &[String],
    kind: Kind,
    position: Position,
    map: &HeatMap,
) -> HeatGrid {
    let top = scales.bands.len().saturating_sub(1).max(1);
    let rows = scales.max_likelihood();
    let cols = scales.max_consequence(kind);
    let cells = (1..=rows)
        .rev()
        .map(|l| {
            (1..=cols)
                .map(|c| {
                    let index = scales.band_index(Score::new(l, c).value());
                    HeatCell {
                        count: map.count(Score::new(l, c)),
                        band: index.map_or("?".to_string(), |i| letters[i].clone()),
                        level: index.map_or(0, |i| i * 3 / top),
                    }
                })
                .collect()
        })
        .collect();
    let plural_kind = match kind {
        Kind::Risk => "Risks",
        Kind::Opportunity => "Opportunities",
    };
    let axis = crate::domain::Scales::consequence_name(kind);
    HeatGrid {
        title: if map.without_target > 0 {
            format!(
                "{plural_kind}, {} position ({} without a target, not shown)",
                position.label(),
                map.without_target
            )
        } else {
            format!("{plural_kind}, {} position", position.label())
        },
        corner: format!("Likelihood ↓ / {} →", capitalise(axis)),
        likelihood: (1..=rows)
            .rev()
            .map(|l| format!("{l} {}", scales.likelihood_name(l)))
            .collect(),
        consequence: (1..=cols)
            .map(|c| format!("{c} {}", scales.consequence_level_name(kind, c)))
            .collect(),
        cells,
        total: map.total(),
    }
}
