//! The evidence pack as GitHub-flavoured Markdown: headings, lists and pipe
//! tables only, so it renders on any git host and reads as plain text.

use super::escape::{
    escape_markdown_cell as cell, escape_markdown_text as text, push_markdown_cell,
};
use super::{Block, HeatGrid, Report, Table};
use crate::text::plural;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "# {} — {}\n\n",
        cell(&report.title),
        cell(&report.organisation)
    ));
    for (label, value) in report.meta() {
        out.push_str(&format!("- **{label}:** {}\n", cell(&value)));
    }
    out.push('\n');
    if !report.problems.is_empty() {
        out.push_str(&format!(
            "> **Warning:** {}. {}; `roreg check` explains each problem.\n>\n",
            cell(&report.problems_sentence()),
            report.problems_consequence()
        ));
        for problem in &report.problems {
            out.push_str(&format!("> - {}\n", text(problem)));
        }
        out.push('\n');
    }
    out.push_str("## Contents\n\n");
    for s in &report.sections {
        out.push_str(&format!("{}. {}\n", s.number, cell(&s.title)));
    }
    for s in &report.sections {
        out.push_str(&format!("\n## {}. {}\n", s.number, cell(&s.title)));
        for block in &s.blocks {
            out.push('\n');
            render_block(&mut out, block);
        }
    }
    out
}

fn render_block(out: &mut String, block: &Block) {
    match block {
        Block::Paragraph(p) => {
            out.push_str(&text(p));
            out.push('\n');
        }
        Block::Subheading(h) => {
            out.push_str(&format!("### {}\n", cell(h)));
        }
        Block::Facts(facts) => {
            for (label, value) in facts {
                out.push_str(&format!("- **{}:** {}\n", cell(label), cell(value)));
            }
        }
        Block::List(items) => {
            for item in items {
                out.push_str(&format!("- {}\n", text(item)));
            }
        }
        Block::Table(t) => render_table(out, t),
        Block::HeatMap(grid) => render_heat_map(out, grid),
    }
}

fn row(cells: impl IntoIterator<Item = String>) -> String {
    let cells: Vec<String> = cells.into_iter().collect();
    format!("| {} |\n", cells.join(" | "))
}

fn render_table(out: &mut String, table: &Table) {
    if table.rows.is_empty() {
        out.push_str(&text(&table.when_empty));
        out.push('\n');
        return;
    }
    out.push_str(&row(table.headers.iter().map(|h| cell(h))));
    out.push_str(&row(table.headers.iter().map(|_| "---".to_string())));
    // Written piece by piece: the largest tables have a row per item.
    for r in &table.rows {
        out.push_str("| ");
        for (at, c) in r.iter().enumerate() {
            if at > 0 {
                out.push_str(" | ");
            }
            push_markdown_cell(out, c);
        }
        out.push_str(" |\n");
    }
}

fn render_heat_map(out: &mut String, grid: &HeatGrid) {
    out.push_str(&format!(
        "**{}** ({})\n\n",
        cell(&grid.title),
        plural(grid.total, "item", "items")
    ));
    let headers =
        std::iter::once(cell(&grid.corner)).chain(grid.consequence.iter().map(|c| cell(c)));
    out.push_str(&row(headers));
    out.push_str(&row(std::iter::once("---".to_string())
        .chain(grid.consequence.iter().map(|_| ":---:".to_string()))));
    for (label, cells) in grid.likelihood.iter().zip(&grid.cells) {
        out.push_str(&row(std::iter::once(cell(label)).chain(cells.iter().map(
            |c| {
                let count = if c.count == 0 {
                    "·".to_string()
                } else {
                    format!("**{}**", c.count)
                };
                format!("{} {count}", cell(&c.band))
            },
        ))));
    }
}
