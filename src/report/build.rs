//! Assembles the report: the audit counted once, then each section and data
//! table built from it (`sections/`, `data.rs`).

use super::model::{Block, DataTable, Report, Scope, Section, TableName};
use super::witness;
use crate::domain::audit::{self, Audit, Figure, Period};
use crate::domain::customer_focus::CustomerFocus;
use crate::domain::history::{self, ChainProblem};
use crate::domain::{Action, Date, Item, Meeting, Register, Score};

pub(super) const PARTICIPATION: &str = "participation";
pub(super) const MEETINGS: &str = "meetings";
pub(super) const REGISTER: &str = "register";
pub(super) const HEAT_MAPS: &str = "heat-maps";
pub(super) const ACTIONS: &str = "actions";
pub(super) const OVERDUE: &str = "overdue";
pub(super) const CLAUSES: &str = "clauses";
/// Last, so that a register without it numbers the others as before.
pub(super) const CUSTOMER_FOCUS: &str = "customer-focus";
/// Sections in document order; a section's number is its place here.
const ORDER: [&str; 8] = [
    PARTICIPATION,
    MEETINGS,
    REGISTER,
    HEAT_MAPS,
    ACTIONS,
    OVERDUE,
    CLAUSES,
    CUSTOMER_FOCUS,
];

fn number(anchor: &str) -> usize {
    ORDER.iter().position(|a| *a == anchor).map_or(0, |i| i + 1)
}

pub(super) fn see(anchor: &str) -> String {
    format!("section {}", number(anchor))
}

pub(super) fn section(anchor: &'static str, title: String, blocks: Vec<Block>) -> Section {
    Section {
        anchor,
        number: number(anchor),
        title,
        blocks,
    }
}

/// Which parts of the pack to build: a document (Markdown, HTML) shows the
/// sections, CSV writes the data tables; each has a row per item and per
/// action, so building the one not shown would double the work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Parts {
    All,
    Sections,
    DataTables,
}

/// Builds the evidence pack: meetings closed and started in `period`, the
/// register and its actions as they stand on `today`. `problems` are the
/// register's validation problems, already written as lines.
pub fn build(
    register: &Register,
    period: Period,
    today: Date,
    source: &str,
    problems: Vec<String>,
) -> Report {
    build_parts(register, period, today, source, problems, Parts::All)
}

/// As [`build`], with only the `parts` asked for; the others are left empty.
pub fn build_parts(
    register: &Register,
    period: Period,
    today: Date,
    source: &str,
    problems: Vec<String>,
    parts: Parts,
) -> Report {
    let audit = audit::audit(register, period, today);
    let held = audit::held_in(register, period, today);
    let context = Context {
        register,
        audit: &audit,
        figures: audit.figures_by_id(register),
        chain_problems: history::verify(register),
        held: &held,
        today,
        // Indexed once for the whole pack; an older register has nothing to index.
        focus: super::sections::has_customer_data(register)
            .then(|| CustomerFocus::of(register, today)),
    };
    let sections = match parts {
        Parts::All | Parts::Sections => context.sections(),
        Parts::DataTables => Vec::new(),
    };
    let tables = match parts {
        Parts::All | Parts::DataTables => context.data_tables(),
        Parts::Sections => Vec::new(),
    };
    Report {
        scope: Scope::Register,
        title: "Risks and opportunities evidence pack".to_string(),
        organisation: register.organisation.clone(),
        source: source.to_string(),
        period,
        today,
        problems,
        head: witness::head_fact(register),
        sections,
        tables,
    }
}

impl Context<'_> {
    fn sections(&self) -> Vec<Section> {
        let mut sections = vec![
            self.participation(),
            self.meetings(),
            self.register_section(),
            self.heat_maps(),
            self.actions_section(),
            self.overdue(),
            self.clauses(),
        ];
        sections.extend(self.customer_focus_section());
        sections
    }

    fn data_tables(&self) -> Vec<DataTable> {
        vec![
            DataTable {
                name: TableName::Audit,
                table: self.figures_table(&["figure", "value", "records"]),
            },
            DataTable {
                name: TableName::Register,
                table: self.register_data(),
            },
            DataTable {
                name: TableName::Actions,
                table: self.actions_data(),
            },
            DataTable {
                name: TableName::Meetings,
                table: self.meetings_data(),
            },
            DataTable {
                name: TableName::Attendance,
                table: self.attendance_data(),
            },
            DataTable {
                name: TableName::Reviews,
                table: self.reviews_data(),
            },
            DataTable {
                name: TableName::Customers,
                table: self.customers_data(),
            },
            DataTable {
                name: TableName::Requirements,
                table: self.requirements_data(),
            },
            DataTable {
                name: TableName::Measures,
                table: self.measures_data(),
            },
            DataTable {
                name: TableName::Readings,
                table: self.readings_data(),
            },
        ]
    }
}

/// What every section reads: the register, its audit and the meetings held.
pub(super) struct Context<'a> {
    pub(super) register: &'a Register,
    pub(super) audit: &'a Audit,
    /// The audit's figures with their ids, made once for the two tables
    /// that show them.
    pub(super) figures: Vec<Figure>,
    /// What checking the history's hash chain found, checked once.
    pub(super) chain_problems: Vec<ChainProblem>,
    /// Meetings started in the period and closed by its end and by
    /// `today`, oldest first.
    pub(super) held: &'a [&'a Meeting],
    pub(super) today: Date,
    /// The customer-focus links, when the register records customers,
    /// requirements or measures.
    pub(super) focus: Option<CustomerFocus<'a>>,
}

impl Context<'_> {
    pub(super) fn score(&self, score: Score) -> String {
        format!("{}×{}={}", score.likelihood, score.impact, score.value())
    }

    pub(super) fn band(&self, score: Score) -> String {
        self.register.scales.band_name(score.value()).to_string()
    }

    pub(super) fn scored(&self, score: Score) -> String {
        format!("{} {}", self.score(score), self.band(score))
    }

    pub(super) fn name(&self, person: &str) -> String {
        self.register.person_name(person).to_string()
    }

    pub(super) fn names(&self, people: &[String]) -> String {
        if people.is_empty() {
            return "none".to_string();
        }
        let names: Vec<String> = people.iter().map(|p| self.name(p)).collect();
        names.join(", ")
    }

    pub(super) fn title(&self, item: &str) -> String {
        self.register
            .item(item)
            .map_or(String::new(), |i| i.title.clone())
    }

    pub(super) fn every_action(&self) -> impl Iterator<Item = (&Item, &Action)> {
        self.register
            .items
            .iter()
            .flat_map(|i| i.actions.iter().map(move |a| (i, a)))
    }

    pub(super) fn top_managers_present(&self, meeting: &Meeting) -> Vec<String> {
        audit::attendance::top_managers_present(self.register, meeting)
    }
}
