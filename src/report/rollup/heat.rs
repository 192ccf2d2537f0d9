//! Section 2 of the roll-up: one heat map per kind summed over every
//! register drawn on the same matrix; a register on other scales gets its
//! own map, since adding its cells to the others' would mean nothing.

use crate::domain::queries::{self, Position};
use crate::domain::{Kind, Register};
use crate::report::model::{Block, HeatGrid};
use crate::report::sections::heat_maps::grid;
use crate::report::words::band_letters;

/// Registers whose maps can be added up: the same rows, columns and band
/// in every cell.
struct Group {
    labels: Vec<String>,
    grid: HeatGrid,
}

fn same_matrix(a: &HeatGrid, b: &HeatGrid) -> bool {
    let bands = |g: &HeatGrid| -> Vec<Vec<String>> {
        g.cells
            .iter()
            .map(|row| row.iter().map(|c| c.band.clone()).collect())
            .collect()
    };
    a.likelihood == b.likelihood && a.consequence == b.consequence && bands(a) == bands(b)
}

fn add(into: &mut HeatGrid, other: &HeatGrid) {
    for (row, other_row) in into.cells.iter_mut().zip(&other.cells) {
        for (cell, other_cell) in row.iter_mut().zip(other_row) {
            cell.count += other_cell.count;
        }
    }
    into.total += other.total;
}

fn groups(registers: &[(&str, &Register)], kind: Kind) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for (label, register) in registers {
        let map = queries::heat_map(register, kind, Position::Current);
        let letters = band_letters(register);
        let grid = grid(&register.scales, &letters, kind, Position::Current, &map);
        match groups.iter_mut().find(|g| same_matrix(&g.grid, &grid)) {
            Some(group) => {
                add(&mut group.grid, &grid);
                group.labels.push(label.to_string());
            }
            None => groups.push(Group {
                labels: vec![label.to_string()],
                grid,
            }),
        }
    }
    groups
}

/// The section's blocks: a paragraph saying what is summed, then the maps.
pub(super) fn blocks(registers: &[(&str, &Register)], today: crate::domain::Date) -> Vec<Block> {
    let risk_groups = groups(registers, Kind::Risk);
    let opportunity_groups = groups(registers, Kind::Opportunity);
    let mut intro = format!(
        "Live items (closed ones left out) per cell of the current position on {today}, added up \
         over the registers. Each cell shows its band and how many items sit there; · means none."
    );
    if risk_groups.len() > 1 || opportunity_groups.len() > 1 {
        intro.push_str(
            " Registers whose scales differ (levels or bands) cannot be added up cell by cell, \
             so each such group has its own map, named in its title.",
        );
    }
    let mut blocks = vec![Block::Paragraph(intro)];
    let several = registers.len() > 1;
    for groups in [risk_groups, opportunity_groups] {
        let alone = groups.len() == 1;
        for mut group in groups {
            group.grid.title = match (several, alone) {
                (false, _) => group.grid.title,
                (true, true) => format!("{}, all registers", group.grid.title),
                (true, false) => format!("{}: {}", group.grid.title, group.labels.join(", ")),
            };
            blocks.push(Block::HeatMap(group.grid));
        }
    }
    blocks
}
