//! `roreg rollup`: one report across several registers (sites, processes,
//! subsidiaries) for the central quality function. Each register is
//! audited once, on its own scales; the roll-up sets the figures side by
//! side, adds up the heat maps that share a matrix, lists every High and
//! Critical item with its register, and gives each register's evidence
//! links. A register that did not load is named with its error.

mod figures;
mod heat;
mod high;
#[cfg(test)]
mod tests;

use crate::domain::audit::{self, Period};
use crate::domain::history;
use crate::domain::{Date, Register};
use crate::report::model::{Block, Report, Scope, Section, Table};

use figures::SiteFigures;

/// One register named on the command line: as given there, and what
/// loading it gave.
pub struct Source<'a> {
    /// The path as typed, so the commands the report prints run as written.
    pub path: String,
    pub loaded: Result<&'a Register, String>,
}

/// The roll-up document, and its two tables for `--format csv`.
pub struct Rollup {
    pub report: Report,
    /// One row per register: the figures as numbers, and a row per
    /// register that did not load, with its error.
    pub figures: Table,
    /// Every High and Critical item, each with its register.
    pub high: Table,
}

/// A register that loaded, with the name the roll-up gives it.
struct Site<'a> {
    label: String,
    path: String,
    register: &'a Register,
    audit: audit::Audit,
}

const FIGURES: &str = "figures";
const HEAT_MAPS: &str = "heat-maps";
const HIGH: &str = "high-items";
const EVIDENCE: &str = "evidence";

fn section(number: usize, anchor: &'static str, title: &str, blocks: Vec<Block>) -> Section {
    Section {
        anchor,
        number,
        title: title.to_string(),
        blocks,
    }
}

fn file_name(path: &str) -> String {
    std::path::Path::new(path)
        .file_name()
        .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned())
}

/// Each register's name: its organisation, or its file name when another
/// register has the same organisation, or its path when that is shared too.
fn labels(loaded: &[(&str, &Register)]) -> Vec<String> {
    let organisation = |r: &Register| r.organisation.trim().to_string();
    let count = |f: &dyn Fn(&str, &Register) -> String, value: &str| {
        loaded.iter().filter(|(p, r)| f(p, r) == value).count()
    };
    let by_organisation = |_: &str, r: &Register| organisation(r);
    let by_file = |p: &str, _: &Register| file_name(p);
    loaded
        .iter()
        .map(|(path, register)| {
            let name = organisation(register);
            if !name.is_empty() && count(&by_organisation, &name) == 1 {
                name
            } else if count(&by_file, &file_name(path)) == 1 {
                file_name(path)
            } else {
                path.to_string()
            }
        })
        .collect()
}

/// Builds the roll-up of `sources` for meetings held in `period`, with
/// every register as it stands on `today`.
pub fn build(sources: &[Source], period: Period, today: Date) -> Rollup {
    let loaded: Vec<(&str, &Register)> = sources
        .iter()
        .filter_map(|s| s.loaded.as_ref().ok().map(|r| (s.path.as_str(), *r)))
        .collect();
    let not_loaded: Vec<(String, String)> = sources
        .iter()
        .filter_map(|s| s.loaded.as_ref().err().map(|e| (s.path.clone(), e.clone())))
        .collect();
    let mut both: Vec<(Site, SiteFigures)> = labels(&loaded)
        .into_iter()
        .zip(&loaded)
        .map(|(label, (path, register))| {
            let audit = audit::audit(register, period, today);
            let figures = SiteFigures::of(label.clone(), path.to_string(), register, &audit);
            let site = Site {
                label,
                path: path.to_string(),
                register,
                audit,
            };
            (site, figures)
        })
        .collect();
    // Every part of the report takes the registers most behind first.
    both.sort_by(|a, b| SiteFigures::behind_first(&a.1, &b.1));
    let (sites, figures): (Vec<Site>, Vec<SiteFigures>) = both.into_iter().unzip();

    let problems = problems(&sites, &figures, &not_loaded);
    let named: Vec<(&str, &Register)> = sites
        .iter()
        .map(|s| (s.label.as_str(), s.register))
        .collect();
    let high = high::table(&sites);
    let sections = vec![
        section(
            1,
            FIGURES,
            "The registers side by side",
            figures_blocks(&figures, &not_loaded, period, today),
        ),
        section(
            2,
            HEAT_MAPS,
            "Combined heat maps",
            heat::blocks(&named, today),
        ),
        section(
            3,
            HIGH,
            "High and Critical items of every register",
            high::blocks(&high),
        ),
        section(
            4,
            EVIDENCE,
            "Evidence per register",
            evidence(&sites, &figures),
        ),
    ];
    let report = Report {
        scope: Scope::Registers(sources.len()),
        title: "Risks and opportunities roll-up".to_string(),
        organisation: if sites.is_empty() {
            "no register loaded".to_string()
        } else {
            sites
                .iter()
                .map(|s| s.label.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        },
        source: sources
            .iter()
            .map(|s| file_name(&s.path))
            .collect::<Vec<_>>()
            .join(", "),
        period,
        today,
        problems,
        head: heads(&sites),
        sections,
        tables: Vec::new(),
    };
    Rollup {
        report,
        figures: figures::data(&figures, &not_loaded),
        high,
    }
}

/// What the warning at the top lists: registers that did not load, then
/// those with validation problems.
fn problems(
    sites: &[Site],
    figures: &[SiteFigures],
    not_loaded: &[(String, String)],
) -> Vec<String> {
    let mut lines: Vec<String> = not_loaded
        .iter()
        .map(|(path, error)| format!("{path} did not load, so it is left out: {error}"))
        .collect();
    for (site, figures) in sites.iter().zip(figures) {
        if figures.problems > 0 {
            lines.push(format!(
                "{}: {}; `roreg check {}` lists them",
                site.label,
                crate::text::plural(
                    figures.problems,
                    "validation problem",
                    "validation problems"
                ),
                site.path
            ));
        }
    }
    lines
}

fn heads(sites: &[Site]) -> String {
    if sites.is_empty() {
        return "none: no register loaded".to_string();
    }
    let heads: Vec<String> = sites
        .iter()
        .map(|s| match s.register.history.is_empty() {
            true => format!("{} none", s.label),
            false => format!("{} {}", s.label, &history::head(s.register)[..12]),
        })
        .collect();
    format!("{}; section 4 gives each whole, to note", heads.join(", "))
}

fn figures_blocks(
    figures: &[SiteFigures],
    not_loaded: &[(String, String)],
    period: Period,
    today: Date,
) -> Vec<Block> {
    let mut blocks = vec![Block::Paragraph(format!(
        "{} on {today}, the most behind on its reviews first. Meetings count when held from {} to \
         {} and closed; top management present counts the meetings that reviewed something. \
         Each register is judged on its own scales and intervals.",
        figures::counted(figures),
        period.from,
        period.to
    ))];
    if !figures.is_empty() {
        blocks.push(Block::Paragraph(figures::behind(figures)));
    }
    blocks.push(Block::Table(figures::table(figures)));
    if !not_loaded.is_empty() {
        blocks.push(Block::Subheading("Did not load".to_string()));
        blocks.push(Block::Paragraph(
            "These files are left out of every figure; fix them and run the roll-up again."
                .to_string(),
        ));
        blocks.push(Block::List(
            not_loaded
                .iter()
                .map(|(path, error)| format!("{path}: {error}"))
                .collect(),
        ));
    }
    blocks
}

/// The head hash whole, or why there is none.
fn head(register: &Register) -> String {
    if register.history.is_empty() {
        "none: the register holds no change history yet".to_string()
    } else {
        history::head(register).to_string()
    }
}

/// Per register, what an auditor needs to look further or witness it
/// later, then where the clauses are answered.
fn evidence(sites: &[Site], figures: &[SiteFigures]) -> Vec<Block> {
    let mut blocks = vec![Block::Paragraph(
        "Each register's own evidence pack holds the records behind every figure here: who \
         attended, what was decided on which item, and the clause pointers (its section 7). Note \
         each head hash whole: checking it on a later copy of that register shows that the \
         history this roll-up was made from is still in it, unchanged."
            .to_string(),
    )];
    for (site, figures) in sites.iter().zip(figures) {
        let mut facts = vec![
            ("File".to_string(), site.path.clone()),
            (
                "Organisation".to_string(),
                site.register.organisation.clone(),
            ),
            ("Head hash".to_string(), head(site.register)),
            ("History".to_string(), figures.history.clone()),
            (
                "Evidence pack".to_string(),
                format!("roreg report --format html {}", site.path),
            ),
        ];
        if !site.register.history.is_empty() {
            facts.push((
                "Witness it later".to_string(),
                format!(
                    "roreg check --head {} {} (exits 0 only if this history is still in it, \
                     unchanged)",
                    history::head(site.register),
                    site.path
                ),
            ));
        }
        blocks.push(Block::Subheading(site.label.clone()));
        blocks.push(Block::Facts(facts));
    }
    blocks.push(Block::Subheading("Where ISO 9001 is answered".to_string()));
    blocks.push(Block::List(vec![
        "5.1.2 b (top management ensures risks and opportunities are determined and addressed): \
         section 1, Top management present and Management review; section 3, each High or \
         Critical item's last review with top management."
            .to_string(),
        "6.1.2 (actions planned, integrated and evaluated for effectiveness): section 1, Actions \
         overdue and Done, not checked."
            .to_string(),
        "9.1.3 e (effectiveness of actions taken on risks and opportunities): section 1, Done, \
         not checked; each register's evidence pack, its section 5."
            .to_string(),
        "9.3 (management review, its inputs 9.3.2 e): section 1, Management review; each \
         register's evidence pack, its sections 2 and 7."
            .to_string(),
    ]));
    blocks
}
