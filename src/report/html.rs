//! The evidence pack as one self-contained HTML file: inline styles, no
//! scripts, no fonts or images to fetch, laid out to print on A4. Heat maps
//! carry the band letter in every cell, so they read in black and white.

use super::escape::{escape_html as esc, push_html};
use super::{Block, HeatGrid, Report, Table};
use crate::text::plural;

/// Print rules: A4 portrait (mixing in landscape pages makes some browsers
/// shrink every page), a page per section, table headers repeated on each
/// page, rows and small tables kept whole, headings kept with what follows
/// them.
const STYLE: &str = r#"
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 10.5pt; line-height: 1.4; color: #111; background: #fff; margin: 2em auto; max-width: 78em; padding: 0 1.5em; }
h1 { font-size: 1.6em; margin: 0 0 0.4em; }
h2 { font-size: 1.3em; margin: 1.8em 0 0.5em; border-bottom: 1px solid #999; padding-bottom: 0.15em; }
h3 { font-size: 1.1em; margin: 1.4em 0 0.4em; }
h4 { font-size: 1em; margin: 1em 0 0.3em; }
p, ul { margin: 0.4em 0 0.7em; }
dl.meta { display: grid; grid-template-columns: max-content auto; gap: 0.1em 1em; margin: 0 0 1em; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
ul.facts { list-style: none; padding: 0; }
.warning { border: 2px solid #000; padding: 0.5em 1em; margin: 1em 0; }
table { border-collapse: collapse; margin: 0.4em 0 1em; width: 100%; }
th, td { border: 1px solid #888; padding: 0.25em 0.45em; text-align: left; vertical-align: top; white-space: pre-line; overflow-wrap: break-word; }
td.nw { white-space: nowrap; }
thead th { background: #eee; }
table.heat { width: auto; }
table.heat td { text-align: center; min-width: 4.5em; white-space: nowrap; }
table.heat th[scope="row"] { white-space: nowrap; }
td.band0 { background: #ffffff; }
td.band1 { background: #e8e8e8; }
td.band2 { background: #c8c8c8; }
td.band3 { background: #a0a0a0; }
td.empty { color: #555; }
.note { color: #333; font-size: 0.95em; }
nav ol { columns: 2; }
@page { size: A4; margin: 15mm 12mm 18mm; }
@media print {
  body { margin: 0; padding: 0; max-width: none; font-size: 9pt; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
  section ~ section > h2 { break-before: page; page-break-before: always; }
  h2, h3, h4, h3 + p, h4 + p { break-after: avoid; page-break-after: avoid; }
  th, td { padding: 0.2em 0.35em; }
  table { break-inside: auto; }
  table.heat, table.small, div.keep { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  tr, dl.meta, ul.facts { break-inside: avoid; page-break-inside: avoid; }
  td.band0, td.band1, td.band2, td.band3, thead th { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"#;

/// Tables of at most this many rows are kept on one page when printed.
const SMALL_TABLE: usize = 12;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    // Nothing may load or run, even if a field slipped past escaping.
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!(
        "<title>{} — {} — {}</title>\n",
        esc(&report.title),
        esc(&report.organisation),
        esc(&report.period_text())
    ));
    out.push_str(&format!("<style>{STYLE}</style>\n</head>\n<body>\n"));
    out.push_str(&format!(
        "<header>\n<h1>{} — {}</h1>\n<dl class=\"meta\">\n",
        esc(&report.title),
        esc(&report.organisation)
    ));
    for (label, value) in report.meta() {
        out.push_str(&format!("<dt>{label}</dt><dd>{}</dd>\n", esc(&value)));
    }
    out.push_str("</dl>\n</header>\n");
    if !report.problems.is_empty() {
        out.push_str(&format!(
            "<div class=\"warning\" role=\"alert\">\n<p><strong>Warning:</strong> {}. {}; <code>roreg check</code> explains each problem.</p>\n<ul>\n",
            esc(&report.problems_sentence()),
            report.problems_consequence()
        ));
        for problem in &report.problems {
            out.push_str(&format!("<li>{}</li>\n", esc(problem)));
        }
        out.push_str("</ul>\n</div>\n");
    }
    out.push_str("<nav>\n<h2>Contents</h2>\n<ol>\n");
    for s in &report.sections {
        out.push_str(&format!(
            "<li><a href=\"#{}\">{}</a></li>\n",
            s.anchor,
            esc(&s.title)
        ));
    }
    out.push_str("</ol>\n</nav>\n");
    for s in &report.sections {
        out.push_str(&format!(
            "<section id=\"{}\">\n<h2>{}. {}</h2>\n",
            s.anchor,
            s.number,
            esc(&s.title)
        ));
        // A subheading and what follows it up to the next one form a group,
        // kept on one page when printed if it is short (a meeting's minutes,
        // one clause).
        let mut in_group = false;
        for (at, block) in s.blocks.iter().enumerate() {
            if let Block::Subheading(_) = block {
                if in_group {
                    out.push_str("</div>\n");
                }
                let keep = if group_is_short(&s.blocks[at + 1..]) {
                    " keep"
                } else {
                    ""
                };
                out.push_str(&format!("<div class=\"group{keep}\">\n"));
                in_group = true;
            }
            render_block(&mut out, block);
        }
        if in_group {
            out.push_str("</div>\n");
        }
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// Whether the blocks up to the next subheading hold only short tables.
fn group_is_short(following: &[Block]) -> bool {
    following
        .iter()
        .take_while(|b| !matches!(b, Block::Subheading(_)))
        .all(|b| match b {
            Block::Table(t) => t.rows.len() <= SMALL_TABLE,
            _ => true,
        })
}

fn render_block(out: &mut String, block: &Block) {
    match block {
        Block::Paragraph(p) => out.push_str(&format!("<p>{}</p>\n", esc(p))),
        Block::Subheading(h) => out.push_str(&format!("<h3>{}</h3>\n", esc(h))),
        Block::Facts(facts) => {
            out.push_str("<ul class=\"facts\">\n");
            for (label, value) in facts {
                out.push_str(&format!(
                    "<li><strong>{}:</strong> {}</li>\n",
                    esc(label),
                    esc(value)
                ));
            }
            out.push_str("</ul>\n");
        }
        Block::List(items) => {
            out.push_str("<ul>\n");
            for item in items {
                out.push_str(&format!("<li>{}</li>\n", esc(item)));
            }
            out.push_str("</ul>\n");
        }
        Block::Table(t) => render_table(out, t),
        Block::HeatMap(grid) => render_heat_map(out, grid),
    }
}

fn render_table(out: &mut String, table: &Table) {
    if table.rows.is_empty() {
        out.push_str(&format!(
            "<p class=\"note\">{}</p>\n",
            esc(&table.when_empty)
        ));
        return;
    }
    let class = if table.rows.len() <= SMALL_TABLE {
        " class=\"small\""
    } else {
        ""
    };
    out.push_str(&format!("<table{class}>\n<thead><tr>"));
    for h in &table.headers {
        out.push_str(&format!("<th scope=\"col\">{}</th>", esc(h)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    // Written piece by piece: the largest tables have a row per item.
    for row in &table.rows {
        out.push_str("<tr>");
        for c in row {
            out.push_str("<td");
            out.push_str(no_wrap(c));
            out.push('>');
            push_html(out, c);
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// Ids, dates, scores and single words are kept on one line: a browser
/// would otherwise break `2026-11-21` at its hyphens in a narrow column.
fn no_wrap(cell: &str) -> &'static str {
    const SHORT: usize = 12;
    if cell.chars().nth(SHORT).is_none() && !cell.contains(char::is_whitespace) {
        " class=\"nw\""
    } else {
        ""
    }
}

fn render_heat_map(out: &mut String, grid: &HeatGrid) {
    out.push_str(&format!(
        "<h4>{} ({})</h4>\n<table class=\"heat\">\n<thead><tr><th scope=\"col\">{}</th>",
        esc(&grid.title),
        plural(grid.total, "item", "items"),
        esc(&grid.corner)
    ));
    for c in &grid.consequence {
        out.push_str(&format!("<th scope=\"col\">{}</th>", esc(c)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (label, cells) in grid.likelihood.iter().zip(&grid.cells) {
        out.push_str(&format!("<tr><th scope=\"row\">{}</th>", esc(label)));
        for c in cells {
            if c.count == 0 {
                out.push_str(&format!(
                    "<td class=\"band{} empty\">{} ·</td>",
                    c.level,
                    esc(&c.band)
                ));
            } else {
                out.push_str(&format!(
                    "<td class=\"band{}\">{} <strong>{}</strong></td>",
                    c.level,
                    esc(&c.band),
                    c.count
                ));
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}
