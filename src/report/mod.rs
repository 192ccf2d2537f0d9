//! The evidence pack an auditor files away: who took part in risk work, what
//! was decided on which item, the register and its actions, and where each
//! ISO 9001 clause is answered.
//!
//! [`build`] turns a register into a format-neutral [`Report`] (sections of
//! paragraphs, facts, tables and heat maps, plus flat data tables for CSV);
//! [`markdown`], [`html`] and [`csv`] render it, escaping every field for
//! their format ([`escape`]). The report holds plain strings, never markup,
//! and takes `today` as an argument: the same register and day give the same
//! bytes.

pub mod csv;
pub mod escape;
pub mod html;
pub mod markdown;
mod witness;

use crate::domain::audit::{self, Audit, Period};
use crate::domain::history;
use crate::domain::queries::{self, HeatMap, Position};
use crate::domain::{
    Action, ActionStatus, Affects, Date, Item, ItemStatus, Kind, Meeting, MeetingKind, Register,
    Score, Treatment, Verdict,
};

/// Everything the renderers need; strings are raw text from the register or
/// plain sentences, escaped only when rendered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub title: String,
    pub organisation: String,
    /// The register's file name (not its path, which differs per machine).
    pub source: String,
    pub period: Period,
    /// The day the register's state is taken from, and the report's date.
    pub today: Date,
    /// Validation problems, shown first: figures from a register with
    /// errors may be incomplete.
    pub problems: Vec<String>,
    /// The history's head hash with what to do with it, near the top.
    pub head: String,
    pub sections: Vec<Section>,
    /// One row per record and one value per column, for spreadsheets.
    pub tables: Vec<DataTable>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// Stable id for links within the document (HTML anchors).
    pub anchor: &'static str,
    /// Numbered from 1 in document order; other sections refer to it.
    pub number: usize,
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Paragraph(String),
    Subheading(String),
    /// Labelled values, e.g. `Facilitator: Helen Marsh`.
    Facts(Vec<(String, String)>),
    List(Vec<String>),
    Table(Table),
    HeatMap(HeatGrid),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Said instead of an empty table in a document.
    pub when_empty: String,
}

/// The tables `--format csv` writes, one per file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableName {
    Audit,
    Register,
    Actions,
    Meetings,
    Attendance,
    Reviews,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataTable {
    pub name: TableName,
    pub table: Table,
}

/// One heat map: rows from the highest likelihood down, columns from the
/// lowest impact (or benefit) up, as the matrix is usually drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeatGrid {
    pub title: String,
    pub corner: String,
    /// Row labels, top row first, e.g. `5 Almost certain`.
    pub likelihood: Vec<String>,
    /// Column labels, e.g. `1 Negligible`.
    pub consequence: Vec<String>,
    pub cells: Vec<Vec<HeatCell>>,
    pub total: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeatCell {
    pub count: usize,
    /// The band's short name, so the map reads without colour.
    pub band: String,
    /// 0 (lowest band) to 3 (highest), whatever the number of bands: for
    /// shading.
    pub level: usize,
}

impl TableName {
    pub const ALL: [TableName; 6] = [
        TableName::Audit,
        TableName::Register,
        TableName::Actions,
        TableName::Meetings,
        TableName::Attendance,
        TableName::Reviews,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TableName::Audit => "audit",
            TableName::Register => "register",
            TableName::Actions => "actions",
            TableName::Meetings => "meetings",
            TableName::Attendance => "attendance",
            TableName::Reviews => "reviews",
        }
    }

    pub fn file_name(self) -> String {
        format!("{}.csv", self.as_str())
    }
}

impl Report {
    pub fn table(&self, name: TableName) -> &Table {
        &self
            .tables
            .iter()
            .find(|t| t.name == name)
            .expect("build makes every data table")
            .table
    }

    pub fn period_text(&self) -> String {
        format!("{} to {}", self.period.from, self.period.to)
    }

    /// What the report is of, as the opening lines of every format give it.
    pub fn meta(&self) -> [(&'static str, String); 5] {
        [
            ("Organisation", self.organisation.clone()),
            (
                "Period",
                format!("{} (meetings started in these days)", self.period_text()),
            ),
            (
                "Register and actions",
                format!("as they stand on {}", self.today),
            ),
            (
                "Generated",
                format!("{} by roreg from {}", self.today, self.source),
            ),
            ("Head hash", self.head.clone()),
        ]
    }
}

impl Table {
    fn new(headers: &[&str], when_empty: &str) -> Table {
        Table {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            when_empty: when_empty.to_string(),
        }
    }

    fn row(&mut self, cells: Vec<String>) {
        debug_assert_eq!(cells.len(), self.headers.len(), "{:?}", self.headers);
        self.rows.push(cells);
    }
}

const PARTICIPATION: &str = "participation";
const MEETINGS: &str = "meetings";
const REGISTER: &str = "register";
const HEAT_MAPS: &str = "heat-maps";
const ACTIONS: &str = "actions";
const OVERDUE: &str = "overdue";
const CLAUSES: &str = "clauses";
/// Sections in document order; a section's number is its place here.
const ORDER: [&str; 7] = [
    PARTICIPATION,
    MEETINGS,
    REGISTER,
    HEAT_MAPS,
    ACTIONS,
    OVERDUE,
    CLAUSES,
];

fn number(anchor: &str) -> usize {
    ORDER.iter().position(|a| *a == anchor).map_or(0, |i| i + 1)
}

fn see(anchor: &str) -> String {
    format!("section {}", number(anchor))
}

fn section(anchor: &'static str, title: String, blocks: Vec<Block>) -> Section {
    Section {
        anchor,
        number: number(anchor),
        title,
        blocks,
    }
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
    let audit = audit::audit(register, period, today);
    let held: Vec<&Meeting> = audit
        .meetings
        .iter()
        .filter_map(|id| register.meetings.iter().find(|m| &m.id == id))
        .collect();
    let context = Context {
        register,
        audit: &audit,
        held: &held,
        today,
    };
    let sections = vec![
        context.participation(),
        context.meetings(),
        context.register_section(),
        context.heat_maps(),
        context.actions_section(),
        context.overdue(),
        context.clauses(),
    ];
    let tables = vec![
        DataTable {
            name: TableName::Audit,
            table: context.figures_table(&["figure", "value", "records"]),
        },
        DataTable {
            name: TableName::Register,
            table: context.register_data(),
        },
        DataTable {
            name: TableName::Actions,
            table: context.actions_data(),
        },
        DataTable {
            name: TableName::Meetings,
            table: context.meetings_data(),
        },
        DataTable {
            name: TableName::Attendance,
            table: context.attendance_data(),
        },
        DataTable {
            name: TableName::Reviews,
            table: context.reviews_data(),
        },
    ];
    Report {
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

struct Context<'a> {
    register: &'a Register,
    audit: &'a Audit,
    /// Closed meetings started in the period, oldest first.
    held: &'a [&'a Meeting],
    today: Date,
}

fn yes_no(flag: bool) -> String {
    if flag { "yes" } else { "no" }.to_string()
}

/// Record ids as a comma-separated list.
fn ids<'s>(records: impl IntoIterator<Item = &'s String>) -> String {
    let list: Vec<&str> = records.into_iter().map(String::as_str).collect();
    list.join(", ")
}

/// `5 ids (A, B, …)` or `none`.
fn counted(ids_of: &[String]) -> String {
    if ids_of.is_empty() {
        "none".to_string()
    } else {
        format!("{} ({})", ids_of.len(), ids(ids_of))
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn attendance_word(meeting: &Meeting, person: &str) -> &'static str {
    match meeting.attendance.iter().find(|a| a.person == person) {
        Some(a) if a.present => "present",
        Some(a) if a.apologies => "apologies",
        Some(_) => "absent",
        None => "",
    }
}

impl Context<'_> {
    fn score(&self, score: Score) -> String {
        format!("{}×{}={}", score.likelihood, score.impact, score.value())
    }

    fn band(&self, score: Score) -> String {
        self.register.scales.band_name(score.value()).to_string()
    }

    fn scored(&self, score: Score) -> String {
        format!("{} {}", self.score(score), self.band(score))
    }

    fn name(&self, person: &str) -> String {
        self.register.person_name(person).to_string()
    }

    fn names(&self, people: &[String]) -> String {
        if people.is_empty() {
            return "none".to_string();
        }
        let names: Vec<String> = people.iter().map(|p| self.name(p)).collect();
        names.join(", ")
    }

    fn title(&self, item: &str) -> String {
        self.register
            .item(item)
            .map_or(String::new(), |i| i.title.clone())
    }

    fn every_action(&self) -> impl Iterator<Item = (&Item, &Action)> {
        self.register
            .items
            .iter()
            .flat_map(|i| i.actions.iter().map(move |a| (i, a)))
    }

    fn top_managers_present(&self, meeting: &Meeting) -> Vec<String> {
        meeting
            .attendance
            .iter()
            .filter(|a| {
                a.present
                    && self
                        .register
                        .person(&a.person)
                        .is_some_and(|p| p.top_management)
            })
            .map(|a| a.person.clone())
            .collect()
    }

    // ---- 1. Participation ------------------------------------------------

    fn participation(&self) -> Section {
        let mut blocks = vec![
            Block::Paragraph(format!(
                "Meetings counted here are those closed and started between {} and {}. \
                 Figures about items and actions describe the register as it stands on {}.",
                self.audit.period.from, self.audit.period.to, self.today
            )),
            Block::Table(self.figures_table(&["Figure", "Value", "Records"])),
            Block::Subheading("High and Critical items".to_string()),
            Block::Paragraph(format!(
                "Every live item in the top two bands, and the last closed meeting (any date) that \
                 reviewed it with a top manager present. In time: that meeting was no longer ago \
                 on {} than the review interval of the item's band.",
                self.today
            )),
        ];
        let mut high = Table::new(
            &[
                "Item",
                "Title",
                "Current",
                "Band",
                "Last reviewed with top management",
                "Interval",
                "In time",
            ],
            "No live item is High or Critical.",
        );
        for h in &self.audit.high_items {
            let Some(item) = self.register.item(&h.item) else {
                continue;
            };
            let interval = self
                .register
                .scales
                .review_days_for(item.current.value())
                .map_or(String::new(), |d| format!("{d} days"));
            high.row(vec![
                h.item.clone(),
                item.title.clone(),
                self.score(item.current),
                h.band.clone(),
                h.last_top_review
                    .as_ref()
                    .map_or("never".to_string(), |(m, day)| format!("{day} ({m})")),
                interval,
                if h.within_interval { "yes" } else { "NO" }.to_string(),
            ]);
        }
        blocks.push(Block::Table(high));
        blocks.extend(self.integrity());
        section(
            PARTICIPATION,
            "Participation of top management".to_string(),
            blocks,
        )
    }

    /// The audit figures with the ids of the records behind each.
    fn figures_table(&self, headers: &[&str; 3]) -> Table {
        let mut table = Table::new(headers, "");
        for figure in self.audit.figures(self.register) {
            // Each record line begins with the record's id (Figure's contract);
            // the records themselves are in the sections that follow.
            let records: Vec<&str> = figure
                .records
                .iter()
                .filter_map(|line| line.split_whitespace().next())
                .collect();
            table.row(vec![figure.label, figure.value, records.join(", ")]);
        }
        let problems = history::verify(self.register);
        let value = witness::history_value(self.register, &problems);
        table.row(vec!["Change history".to_string(), value, String::new()]);
        table
    }

    /// Whether records were edited after the fact, as the hash chain tells.
    fn integrity(&self) -> Vec<Block> {
        let history = &self.register.history;
        let problems = history::verify(self.register);
        let summary = match (history.first(), history.last()) {
            (Some(first), Some(last)) => format!(
                "The register's change history holds {} from {} to {}, each chained to the one \
                 before by a SHA-256 hash. Its head hash is {}: keep it with this report, and a \
                 later copy of the register can be shown to extend this history unchanged.",
                plural(history.len(), "recorded change", "recorded changes"),
                first.at.date(),
                last.at.date(),
                history::head(self.register)
            ),
            _ => "The register holds no change history, so it cannot show whether records were \
                  edited afterwards."
                .to_string(),
        };
        let mut blocks = vec![Block::Subheading("Change history".to_string())];
        let findings = witness::findings(self.register, &problems);
        if findings.is_empty() {
            blocks.push(Block::Paragraph(if history.is_empty() {
                summary
            } else {
                format!(
                    "{summary} The chain is intact, every closed meeting's anchor is in it, and \
                     the file is as its last recorded change left it."
                )
            }));
        } else {
            blocks.push(Block::Paragraph(format!("{summary} Checking it found:")));
            blocks.push(Block::List(findings));
        }
        blocks
    }

    // ---- 2. Meetings -----------------------------------------------------

    fn meetings(&self) -> Section {
        let mut blocks = vec![Block::Paragraph(format!(
            "{} closed and started in the period, oldest first. A closed meeting's record cannot \
             be changed in roreg.",
            plural(self.held.len(), "meeting was", "meetings were")
        ))];
        let open: Vec<String> = self
            .register
            .meetings
            .iter()
            .filter(|m| m.closed.is_none())
            .map(|m| format!("{} (started {})", m.id, m.started.date()))
            .collect();
        if !open.is_empty() {
            blocks.push(Block::Paragraph(format!(
                "Not counted, still open: {}.",
                open.join(", ")
            )));
        }
        blocks.push(Block::Table(self.meetings_table()));
        if !self.held.is_empty() {
            blocks.push(Block::Subheading("Attendance".to_string()));
            blocks.push(Block::Paragraph(
                "Everyone on any meeting's attendance list, top management first, then by name. \
                 present / apologies / absent; blank: not on that meeting's list."
                    .to_string(),
            ));
            blocks.push(Block::Table(self.attendance_matrix()));
        }
        for meeting in self.held {
            blocks.extend(self.meeting_record(meeting));
        }
        section(MEETINGS, "Meetings in the period".to_string(), blocks)
    }

    fn meetings_table(&self) -> Table {
        let mut table = Table::new(
            &[
                "Meeting",
                "Date",
                "Kind",
                "Facilitator",
                "Present",
                "Apologies",
                "Absent",
                "Top management present",
                "Items reviewed",
            ],
            "No meeting was held in the period.",
        );
        for m in self.held {
            let count = |f: &dyn Fn(&crate::domain::Attendance) -> bool| {
                m.attendance.iter().filter(|a| f(a)).count().to_string()
            };
            let top = self.top_managers_present(m);
            table.row(vec![
                m.id.clone(),
                m.started.date().to_string(),
                m.kind.label().to_string(),
                self.name(&m.facilitator),
                count(&|a| a.present),
                count(&|a| !a.present && a.apologies),
                count(&|a| !a.present && !a.apologies),
                if top.is_empty() {
                    "no".to_string()
                } else {
                    format!("yes ({})", self.names(&top))
                },
                m.reviewed.len().to_string(),
            ]);
        }
        table
    }

    fn meetings_data(&self) -> Table {
        let mut table = Table::new(
            &[
                "meeting",
                "kind",
                "started",
                "closed",
                "facilitator",
                "present",
                "apologies",
                "absent",
                "top_management_present",
                "items_reviewed",
                "actions_raised",
                "actions_closed",
                "notes",
            ],
            "",
        );
        for m in self.held {
            let summary = crate::domain::meetings::summary(self.register, m);
            table.row(vec![
                m.id.clone(),
                m.kind.label().to_string(),
                m.started.to_string(),
                m.closed.map_or(String::new(), |c| c.to_string()),
                m.facilitator.clone(),
                summary.present.len().to_string(),
                summary.apologies.len().to_string(),
                summary.absent.len().to_string(),
                self.top_managers_present(m).join(" "),
                summary.reviewed.to_string(),
                summary.raised.join(" "),
                summary.closed.join(" "),
                m.notes.clone(),
            ]);
        }
        table
    }

    /// People on any attendance list: top managers first, then by name.
    fn attendees(&self) -> Vec<String> {
        let mut people: Vec<String> = Vec::new();
        for m in self.held {
            for a in &m.attendance {
                if !people.contains(&a.person) {
                    people.push(a.person.clone());
                }
            }
        }
        let top = |id: &str| self.register.person(id).is_some_and(|p| p.top_management);
        people.sort_by(|a, b| {
            top(b)
                .cmp(&top(a))
                .then_with(|| self.name(a).cmp(&self.name(b)))
                .then(a.cmp(b))
        });
        people
    }

    fn attendance_matrix(&self) -> Table {
        let mut headers = vec!["Person", "Role", "Top management"];
        headers.extend(self.held.iter().map(|m| m.id.as_str()));
        headers.push("Attended");
        let mut table = Table::new(&headers, "");
        for person in self.attendees() {
            let known = self.register.person(&person);
            let mut row = vec![
                self.name(&person),
                known.map_or(String::new(), |p| p.role.clone()),
                yes_no(known.is_some_and(|p| p.top_management)),
            ];
            row.extend(
                self.held
                    .iter()
                    .map(|m| attendance_word(m, &person).to_string()),
            );
            let attended = self
                .held
                .iter()
                .filter(|m| attendance_word(m, &person) == "present")
                .count();
            row.push(format!("{attended} of {}", self.held.len()));
            table.row(row);
        }
        table
    }

    fn meeting_record(&self, m: &Meeting) -> Vec<Block> {
        let summary = crate::domain::meetings::summary(self.register, m);
        let closed = m
            .closed
            .map_or(String::new(), |c| format!("–{}", c.0.format("%H:%M")));
        let top = self.top_managers_present(m);
        let mut facts = vec![
            (
                "Held".to_string(),
                format!(
                    "{} {}{closed} UTC",
                    m.started.date(),
                    m.started.0.format("%H:%M")
                ),
            ),
            ("Facilitator".to_string(), self.name(&m.facilitator)),
            ("Present".to_string(), self.names(&summary.present)),
            ("Apologies".to_string(), self.names(&summary.apologies)),
            ("Absent".to_string(), self.names(&summary.absent)),
            (
                "Top management present".to_string(),
                if top.is_empty() {
                    "no".to_string()
                } else {
                    format!("yes: {}", self.names(&top))
                },
            ),
        ];
        if !summary.raised.is_empty() {
            facts.push(("Actions raised".to_string(), ids(&summary.raised)));
        }
        if !summary.closed.is_empty() {
            facts.push(("Actions closed".to_string(), ids(&summary.closed)));
        }
        if !m.notes.trim().is_empty() {
            facts.push(("Notes".to_string(), m.notes.clone()));
        }
        let mut reviewed = Table::new(
            &["Item", "Title", "Before", "After", "Decision"],
            "No item was reviewed.",
        );
        for r in &m.reviewed {
            reviewed.row(vec![
                r.item.clone(),
                self.title(&r.item),
                self.scored(r.before),
                self.scored(r.after),
                r.decision.clone(),
            ]);
        }
        vec![
            Block::Subheading(format!(
                "{} · {} · {}",
                m.id,
                m.kind.label(),
                m.started.date()
            )),
            Block::Facts(facts),
            Block::Table(reviewed),
        ]
    }

    fn attendance_data(&self) -> Table {
        let mut table = Table::new(
            &[
                "meeting",
                "date",
                "person",
                "name",
                "role",
                "top_management",
                "attendance",
            ],
            "",
        );
        for m in self.held {
            for a in &m.attendance {
                let known = self.register.person(&a.person);
                table.row(vec![
                    m.id.clone(),
                    m.started.date().to_string(),
                    a.person.clone(),
                    self.name(&a.person),
                    known.map_or(String::new(), |p| p.role.clone()),
                    yes_no(known.is_some_and(|p| p.top_management)),
                    attendance_word(m, &a.person).to_string(),
                ]);
            }
        }
        table
    }

    fn reviews_data(&self) -> Table {
        let mut table = Table::new(
            &[
                "meeting",
                "date",
                "item",
                "title",
                "before_likelihood",
                "before_impact",
                "before_score",
                "before_band",
                "after_likelihood",
                "after_impact",
                "after_score",
                "after_band",
                "decision",
                "next_review_agreed",
            ],
            "",
        );
        for m in self.held {
            for r in &m.reviewed {
                let mut row = vec![
                    m.id.clone(),
                    m.started.date().to_string(),
                    r.item.clone(),
                    self.title(&r.item),
                ];
                row.extend(self.score_columns(r.before));
                row.extend(self.score_columns(r.after));
                row.push(r.decision.clone());
                row.push(r.next_review.map_or(String::new(), |d| d.to_string()));
                table.row(row);
            }
        }
        table
    }

    fn score_columns(&self, score: Score) -> [String; 4] {
        [
            score.likelihood.to_string(),
            score.impact.to_string(),
            score.value().to_string(),
            self.band(score),
        ]
    }

    // ---- 3. Register -----------------------------------------------------

    fn register_section(&self) -> Section {
        let items = &self.register.items;
        let risks = items.iter().filter(|i| i.kind == Kind::Risk).count();
        let bands: Vec<String> = self
            .register
            .scales
            .bands
            .iter()
            .map(|b| format!("{} from {}", b.name, b.from))
            .collect();
        let mut table = Table::new(
            &[
                "Item",
                "Kind",
                "Title",
                "Affects",
                "Owner",
                "Current",
                "Target",
                "Treatment",
                "Status",
                "Next review",
            ],
            "The register has no items.",
        );
        for item in items {
            table.row(vec![
                item.id.clone(),
                item.kind.label().to_string(),
                item.title.clone(),
                affects(item),
                self.name(&item.owner),
                self.scored(item.current),
                item.target.map_or(String::new(), |t| self.scored(t)),
                item.treatment.label().to_string(),
                item.status.label().to_string(),
                self.review_text(item),
            ]);
        }
        section(
            REGISTER,
            format!("The register on {}", self.today),
            vec![
                Block::Paragraph(format!(
                    "{} ({} risks, {} opportunities), closed ones included, as they stand on {}. \
                     Scores are likelihood × impact (× benefit for opportunities); bands: {}. \
                     A blank target means none was set.",
                    plural(items.len(), "item", "items"),
                    risks,
                    items.len() - risks,
                    self.today,
                    bands.join(", ")
                )),
                Block::Table(table),
            ],
        )
    }

    fn review_text(&self, item: &Item) -> String {
        match item.next_review {
            None => String::new(),
            Some(day) if queries::review_overdue(item, self.today) => {
                format!("{day} (overdue)")
            }
            Some(day) => day.to_string(),
        }
    }

    fn register_data(&self) -> Table {
        let mut table = Table::new(
            &[
                "id",
                "kind",
                "title",
                "description",
                "affects",
                "source",
                "process",
                "owner",
                "owner_name",
                "current_likelihood",
                "current_impact",
                "current_score",
                "current_band",
                "target_likelihood",
                "target_impact",
                "target_score",
                "target_band",
                "treatment",
                "status",
                "next_review",
                "review_overdue",
                "open_actions",
                "overdue_actions",
                "created",
            ],
            "",
        );
        for item in &self.register.items {
            let mut row = vec![
                item.id.clone(),
                item.kind.label().to_string(),
                item.title.clone(),
                item.description.clone(),
                affects(item),
                item.source.label(),
                item.process.clone(),
                item.owner.clone(),
                self.name(&item.owner),
            ];
            row.extend(self.score_columns(item.current));
            row.extend(
                item.target
                    .map_or(Default::default(), |t| self.score_columns(t)),
            );
            row.extend([
                item.treatment.label().to_string(),
                item.status.label().to_string(),
                item.next_review.map_or(String::new(), |d| d.to_string()),
                yes_no(queries::review_overdue(item, self.today)),
                queries::open_actions(item).to_string(),
                queries::overdue_actions(item, self.today).to_string(),
                item.created.to_string(),
            ]);
            table.row(row);
        }
        table
    }

    // ---- 4. Heat maps ----------------------------------------------------

    fn heat_maps(&self) -> Section {
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
        let scales = &self.register.scales;
        let map: HeatMap = queries::heat_map(self.register, kind, position);
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

    // ---- 5. Actions ------------------------------------------------------

    fn actions_section(&self) -> Section {
        let mut table = Table::new(
            &[
                "Action",
                "Item",
                "What",
                "Owner",
                "Due",
                "Status",
                "Done on",
                "Effectiveness",
                "Check note",
            ],
            "The register has no actions.",
        );
        for (item, a) in self.every_action() {
            let status = if queries::action_overdue(a, self.today) {
                format!("{} (overdue)", a.status.label())
            } else {
                a.status.label().to_string()
            };
            let (verdict, note) = match &a.effectiveness {
                Some(e) => (
                    format!(
                        "{}, checked {} by {}",
                        e.verdict.label(),
                        e.checked_on,
                        self.name(&e.checked_by)
                    ),
                    e.note.clone(),
                ),
                None if a.status == ActionStatus::Done => {
                    ("not checked".to_string(), String::new())
                }
                None => (String::new(), String::new()),
            };
            table.row(vec![
                a.id.clone(),
                item.id.clone(),
                a.text.clone(),
                self.name(&a.owner),
                a.due.to_string(),
                status,
                a.done_on.map_or(String::new(), |d| d.to_string()),
                verdict,
                note,
            ]);
        }
        let count = self.every_action().count();
        section(
            ACTIONS,
            format!("Actions on {}", self.today),
            vec![
                Block::Paragraph(format!(
                    "{} in the register, by item, as they stand on {}. Effectiveness is the check \
                     ISO 9001 6.1.2 asks for once an action is done.",
                    plural(count, "action", "actions"),
                    self.today
                )),
                Block::Table(table),
            ],
        )
    }

    fn actions_data(&self) -> Table {
        let mut table = Table::new(
            &[
                "action",
                "item",
                "text",
                "owner",
                "owner_name",
                "due",
                "status",
                "overdue",
                "done_on",
                "effectiveness",
                "checked_on",
                "checked_by",
                "check_note",
            ],
            "",
        );
        for (item, a) in self.every_action() {
            let check = a.effectiveness.as_ref();
            table.row(vec![
                a.id.clone(),
                item.id.clone(),
                a.text.clone(),
                a.owner.clone(),
                self.name(&a.owner),
                a.due.to_string(),
                a.status.label().to_string(),
                yes_no(queries::action_overdue(a, self.today)),
                a.done_on.map_or(String::new(), |d| d.to_string()),
                check.map_or(String::new(), |e| e.verdict.label().to_string()),
                check.map_or(String::new(), |e| e.checked_on.to_string()),
                check.map_or(String::new(), |e| e.checked_by.clone()),
                check.map_or(String::new(), |e| e.note.clone()),
            ]);
        }
        table
    }

    // ---- 6. Overdue ------------------------------------------------------

    fn overdue(&self) -> Section {
        let mut reviews = Table::new(
            &[
                "Item",
                "Title",
                "Owner",
                "Band",
                "Review was due",
                "Days late",
            ],
            "No review is overdue.",
        );
        for id in &self.audit.reviews_overdue {
            let Some(item) = self.register.item(id) else {
                continue;
            };
            let due = item.next_review.expect("an overdue review has a date");
            reviews.row(vec![
                item.id.clone(),
                item.title.clone(),
                self.name(&item.owner),
                self.band(item.current),
                due.to_string(),
                due.days_until(self.today).to_string(),
            ]);
        }
        let mut late = Table::new(
            &["Action", "Item", "What", "Owner", "Due", "Days late"],
            "No action is overdue.",
        );
        let mut unchecked = Table::new(
            &["Action", "Item", "What", "Owner", "Done on"],
            "Every done action has its effectiveness check.",
        );
        for (item, a) in self.every_action() {
            if queries::action_overdue(a, self.today) {
                late.row(vec![
                    a.id.clone(),
                    item.id.clone(),
                    a.text.clone(),
                    self.name(&a.owner),
                    a.due.to_string(),
                    a.due.days_until(self.today).to_string(),
                ]);
            }
            if a.status == ActionStatus::Done && a.effectiveness.is_none() {
                unchecked.row(vec![
                    a.id.clone(),
                    item.id.clone(),
                    a.text.clone(),
                    self.name(&a.owner),
                    a.done_on.map_or(String::new(), |d| d.to_string()),
                ]);
            }
        }
        section(
            OVERDUE,
            format!("Overdue on {}", self.today),
            vec![
                Block::Subheading("Reviews overdue".to_string()),
                Block::Paragraph("Live items whose next review date has passed.".to_string()),
                Block::Table(reviews),
                Block::Subheading("Actions overdue".to_string()),
                Block::Paragraph("Open or in-progress actions past their due date.".to_string()),
                Block::Table(late),
                Block::Subheading("Done without an effectiveness check".to_string()),
                Block::Table(unchecked),
            ],
        )
    }

    // ---- 7. Clauses ------------------------------------------------------

    fn clauses(&self) -> Section {
        let mut blocks = Vec::new();
        let mut clause = |heading: &str, requirement: &str, points: Vec<String>| {
            blocks.push(Block::Subheading(heading.to_string()));
            blocks.push(Block::Paragraph(requirement.to_string()));
            blocks.push(Block::List(points));
        };
        let items = &self.register.items;
        let affecting = |a: Affects| -> Vec<String> {
            items
                .iter()
                .filter(|i| i.affects.contains(&a))
                .map(|i| i.id.clone())
                .collect()
        };
        clause(
            "5.1.2 a: requirements determined and met",
            "Customer and applicable statutory and regulatory requirements are determined, \
             understood and consistently met.",
            vec![
                format!(
                    "Items affecting statutory or regulatory requirements: {}.",
                    counted(&affecting(Affects::StatutoryRegulatory))
                ),
                format!(
                    "Items affecting the conformity of products and services: {}.",
                    counted(&affecting(Affects::ProductConformity))
                ),
                format!(
                    "Each with its owner, scores and treatment in {}; decisions on them in {}.",
                    see(REGISTER),
                    see(MEETINGS)
                ),
            ],
        );
        let by_status: Vec<String> = ItemStatus::ALL
            .iter()
            .map(|s| {
                let n = items.iter().filter(|i| i.status == *s).count();
                format!("{} {n}", s.label())
            })
            .collect();
        let treatments = [
            Treatment::Undecided,
            Treatment::Avoid,
            Treatment::Reduce,
            Treatment::Share,
            Treatment::Accept,
            Treatment::Exploit,
            Treatment::Enhance,
            Treatment::Decline,
        ];
        let by_treatment: Vec<String> = treatments
            .iter()
            .filter_map(|t| {
                let n = items.iter().filter(|i| i.treatment == *t).count();
                (n > 0).then(|| format!("{} {n}", t.label()))
            })
            .collect();
        let reviewed: Vec<String> = {
            let mut seen: Vec<String> = Vec::new();
            for r in self.held.iter().flat_map(|m| &m.reviewed) {
                if !seen.contains(&r.item) {
                    seen.push(r.item.clone());
                }
            }
            seen.sort_by(|a, b| crate::domain::ids::compare(a, b));
            seen
        };
        let undecided: Vec<String> = items
            .iter()
            .filter(|i| i.treatment == Treatment::Undecided && i.status != ItemStatus::Closed)
            .map(|i| i.id.clone())
            .collect();
        let risks = items.iter().filter(|i| i.kind == Kind::Risk).count();
        clause(
            "5.1.2 b: risks and opportunities determined and addressed",
            "The risks and opportunities that can affect conformity of products and services and \
             the ability to enhance customer satisfaction are determined and addressed.",
            vec![
                format!(
                    "Determined: {} risks and {} opportunities in the register ({}).",
                    risks,
                    items.len() - risks,
                    see(REGISTER)
                ),
                format!("By status: {}.", by_status.join(", ")),
                format!(
                    "By treatment: {}.",
                    if by_treatment.is_empty() {
                        "none".to_string()
                    } else {
                        by_treatment.join(", ")
                    }
                ),
                format!(
                    "Live items with no treatment decided yet: {}.",
                    counted(&undecided)
                ),
                format!(
                    "Items reviewed in meetings in the period: {} ({}).",
                    counted(&reviewed),
                    see(MEETINGS)
                ),
                format!(
                    "High and Critical items reviewed with top management within their interval: \
                     {} of {} ({}).",
                    self.audit.high_items_reviewed_in_time(),
                    self.audit.high_items.len(),
                    see(PARTICIPATION)
                ),
            ],
        );
        let satisfaction = affecting(Affects::CustomerSatisfaction);
        let satisfaction_reviewed: Vec<String> = reviewed
            .iter()
            .filter(|id| satisfaction.contains(id))
            .cloned()
            .collect();
        clause(
            "5.1.2 c: focus on enhancing customer satisfaction",
            "The focus on enhancing customer satisfaction is maintained.",
            vec![
                format!(
                    "Items affecting customer satisfaction: {}.",
                    counted(&satisfaction)
                ),
                format!(
                    "Of these, reviewed in meetings in the period: {}.",
                    counted(&satisfaction_reviewed)
                ),
                format!(
                    "Opportunities pursued: {}; declined: {}.",
                    counted(&self.audit.opportunities_pursued),
                    counted(&self.audit.opportunities_declined)
                ),
            ],
        );
        let all: Vec<&Action> = self.every_action().map(|(_, a)| a).collect();
        let with_status = |s: ActionStatus| all.iter().filter(|a| a.status == s).count();
        let verdicts: Vec<String> = [Verdict::Effective, Verdict::Partly, Verdict::NotEffective]
            .iter()
            .map(|v| {
                let n = all
                    .iter()
                    .filter(|a| a.effectiveness.as_ref().is_some_and(|e| e.verdict == *v))
                    .count();
                format!("{} {n}", v.label())
            })
            .collect();
        let mut processes: Vec<(String, Vec<String>)> = Vec::new();
        for item in items.iter().filter(|i| !i.actions.is_empty()) {
            let process = if item.process.trim().is_empty() {
                "(no process)".to_string()
            } else {
                item.process.clone()
            };
            match processes.iter_mut().find(|(p, _)| *p == process) {
                Some((_, ids)) => ids.push(item.id.clone()),
                None => processes.push((process, vec![item.id.clone()])),
            }
        }
        processes.sort_by(|a, b| a.0.cmp(&b.0));
        let processes: Vec<String> = processes
            .iter()
            .map(|(p, list)| format!("{p} ({})", ids(list)))
            .collect();
        clause(
            "6.1.2: actions planned, integrated and evaluated",
            "Actions to address risks and opportunities are planned, integrated and implemented \
             into the quality management system processes, and their effectiveness is evaluated.",
            vec![
                format!(
                    "Planned: {} (open {}, in progress {}, done {}, cancelled {}), each with an \
                     owner and a due date ({}).",
                    plural(all.len(), "action", "actions"),
                    with_status(ActionStatus::Open),
                    with_status(ActionStatus::InProgress),
                    with_status(ActionStatus::Done),
                    with_status(ActionStatus::Cancelled),
                    see(ACTIONS)
                ),
                format!(
                    "Integrated: items with actions, by process: {}.",
                    if processes.is_empty() {
                        "none".to_string()
                    } else {
                        processes.join("; ")
                    }
                ),
                format!("Effectiveness checks recorded: {}.", verdicts.join(", ")),
                format!(
                    "Done without an effectiveness check: {}; overdue: {} ({}).",
                    counted(&self.audit.done_unchecked),
                    counted(&self.audit.actions_overdue),
                    see(OVERDUE)
                ),
            ],
        );
        clause(
            "9.3.2 e: management review of the effectiveness of these actions",
            "The management review takes into account the effectiveness of actions taken to \
             address risks and opportunities.",
            self.management_review_points(),
        );
        section(
            CLAUSES,
            "Where each ISO 9001 clause is answered".to_string(),
            blocks,
        )
    }
}

impl Context<'_> {
    /// Each management review in the period with the effectiveness checks
    /// recorded since the one before (or the start of the period) up to its
    /// day: the checks that were there for it to consider.
    fn management_review_points(&self) -> Vec<String> {
        let checks: Vec<(Date, String)> = self
            .every_action()
            .filter_map(|(_, a)| {
                let e = a.effectiveness.as_ref()?;
                self.audit
                    .period
                    .contains(e.checked_on)
                    .then(|| (e.checked_on, format!("{} {}", a.id, e.verdict.label())))
            })
            .collect();
        let between = |after: Option<Date>, until: Date| -> Vec<String> {
            let mut found: Vec<&(Date, String)> = checks
                .iter()
                .filter(|(day, _)| after.is_none_or(|a| *day > a) && *day <= until)
                .collect();
            found.sort_by_key(|(day, _)| *day);
            found.into_iter().map(|(_, check)| check.clone()).collect()
        };
        let listed = |found: &[String]| {
            if found.is_empty() {
                "none".to_string()
            } else {
                format!("{} ({})", found.len(), found.join(", "))
            }
        };
        let reviews: Vec<&&Meeting> = self
            .held
            .iter()
            .filter(|m| m.kind == MeetingKind::ManagementReview)
            .collect();
        let mut points = Vec::new();
        if reviews.is_empty() {
            points.push("No management review was held in the period.".to_string());
        }
        let mut previous: Option<Date> = None;
        for m in &reviews {
            let day = m.started.date();
            let top = self.top_managers_present(m);
            points.push(format!(
                "{} management review on {day}, top management present: {}. Effectiveness checks \
                 recorded {} up to that day: {}.",
                m.id,
                self.names(&top),
                match previous {
                    Some(p) => format!("after the previous review ({p})"),
                    None => "in the period".to_string(),
                },
                listed(&between(previous, day))
            ));
            previous = Some(day);
        }
        let since = between(previous, self.audit.period.to);
        points.push(match previous {
            Some(p) => format!(
                "Recorded since the last management review ({p}), for the next one: {}.",
                listed(&since)
            ),
            None => format!(
                "Effectiveness checks recorded in the period: {}.",
                listed(&since)
            ),
        });
        points.push(format!(
            "The register does not record which checks a review discussed; each review's items \
             and decisions are in {}, every check in {}.",
            see(MEETINGS),
            see(ACTIONS)
        ));
        points
    }
}

fn affects(item: &Item) -> String {
    let labels: Vec<&str> = item.affects.iter().map(|a| a.label()).collect();
    labels.join(", ")
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// A short name per band for heat-map cells: the first letter, or the whole
/// name when two bands share a first letter (e.g. Medium and Major).
fn band_letters(register: &Register) -> Vec<String> {
    let first = |name: &str| {
        name.chars()
            .next()
            .map_or(String::new(), |c| c.to_uppercase().collect())
    };
    let bands = &register.scales.bands;
    let letters: Vec<String> = bands.iter().map(|b| first(&b.name)).collect();
    let unique = letters
        .iter()
        .enumerate()
        .all(|(i, l)| !l.is_empty() && !letters[..i].contains(l));
    if unique {
        letters
    } else {
        bands.iter().map(|b| b.name.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Register {
        let text = include_str!("../../data/example.ron");
        crate::storage::load::parse_text(text).expect("the example parses")
    }

    /// The example as it was before it shipped with a history: nothing in
    /// it is protected.
    fn unprotected_example() -> Register {
        let mut r = example();
        r.history.clear();
        for m in &mut r.meetings {
            m.anchor = None;
        }
        r
    }

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn report() -> Report {
        let today = day("2026-11-21");
        build(
            &example(),
            Period::last_year(today),
            today,
            "example.ron",
            vec![],
        )
    }

    #[test]
    fn sections_are_numbered_in_order() {
        let r = report();
        let numbers: Vec<usize> = r.sections.iter().map(|s| s.number).collect();
        assert_eq!(numbers, [1, 2, 3, 4, 5, 6, 7]);
    }

    #[test]
    fn every_table_row_has_a_cell_per_header() {
        let r = report();
        let mut tables: Vec<&Table> = r.tables.iter().map(|t| &t.table).collect();
        for s in &r.sections {
            for b in &s.blocks {
                if let Block::Table(t) = b {
                    tables.push(t);
                }
            }
        }
        for t in tables {
            for row in &t.rows {
                assert_eq!(row.len(), t.headers.len(), "{:?}", t.headers);
            }
        }
    }

    #[test]
    fn heat_grids_count_live_items_top_row_first() {
        let r = report();
        let maps: Vec<&HeatGrid> = r
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .filter_map(|b| match b {
                Block::HeatMap(g) => Some(g),
                _ => None,
            })
            .collect();
        assert_eq!(maps.len(), 4);
        let risks = maps[0];
        assert_eq!(risks.likelihood[0], "5 Almost certain");
        assert_eq!(risks.consequence[0], "1 Negligible");
        // Top-right is 5×5 = 25, Critical; bottom-left 1×1, Low.
        assert_eq!(risks.cells[0][4].band, "C");
        assert_eq!(risks.cells[0][4].level, 3);
        assert_eq!(risks.cells[4][0].band, "L");
        let total: usize = risks.cells.iter().flatten().map(|c| c.count).sum();
        assert_eq!(total, risks.total);
    }

    #[test]
    fn band_letters_fall_back_to_names_when_they_clash() {
        let mut r = example();
        assert_eq!(band_letters(&r), ["L", "M", "H", "C"]);
        r.scales.bands[3].name = "Major".into();
        assert_eq!(band_letters(&r), ["Low", "Medium", "High", "Major"]);
    }

    fn change_history(r: &Report) -> (&str, Vec<&Block>) {
        let figure = r
            .table(TableName::Audit)
            .rows
            .iter()
            .find(|row| row[0] == "Change history")
            .map(|row| row[1].as_str())
            .unwrap();
        let blocks = r.sections[0]
            .blocks
            .iter()
            .skip_while(|b| **b != Block::Subheading("Change history".into()))
            .collect();
        (figure, blocks)
    }

    #[test]
    fn change_history_is_checked_and_its_problems_listed() {
        let today = day("2026-11-21");
        let pack = |r: &Register| build(r, Period::last_year(today), today, "r.ron", vec![]);
        // The shipped example's history covers all of it.
        assert_eq!(
            change_history(&report()).0,
            format!("{} changes, intact", example().history.len())
        );
        assert_eq!(
            change_history(&pack(&unprotected_example())).0,
            "none recorded; not protected: 6 closed meetings, 28 items, 37 actions and 12 people"
        );
        let empty = Register::new("Acme");
        assert_eq!(change_history(&pack(&empty)).0, "none recorded");

        let mut r = unprotected_example();
        let before = r.clone();
        r.items[0].title = "Probing on all four lathes".into();
        let changes = history::diff(&before, &r);
        let at = crate::domain::Timestamp::parse("2026-11-20T10:00:00Z").unwrap();
        history::record(&mut r, changes, at, "qlead");
        // One change recorded, the rest of the example covered by nothing.
        let unprotected = pack(&r);
        let (figure, blocks) = change_history(&unprotected);
        assert_eq!(
            figure,
            "1 change; not protected: 6 closed meetings, 27 items, 37 actions and 12 people"
        );
        assert!(
            matches!(blocks[2], Block::List(l) if l[0].starts_with("Not protected: 6 closed meetings (M-001,")),
            "{blocks:?}"
        );

        let mut r = unprotected_example();
        assert!(crate::domain::baseline::baseline(&mut r, at, "qlead"));
        let before = r.clone();
        r.items[0].title = "Probing on all four lathes".into();
        let changes = history::diff(&before, &r);
        history::record(&mut r, changes, at, "qlead");
        let intact = pack(&r);
        let (figure, blocks) = change_history(&intact);
        assert_eq!(figure, "2 changes, intact");
        assert!(matches!(blocks[1], Block::Paragraph(p) if p.contains("The chain is intact")));

        r.history[1].new = "\"rewritten\"".into();
        let broken = pack(&r);
        let (figure, blocks) = change_history(&broken);
        assert_eq!(figure, "2 changes, 1 problem");
        assert!(
            matches!(blocks[2], Block::List(l) if l[0].contains("does not match its hash")),
            "{blocks:?}"
        );
    }

    #[test]
    fn the_same_register_and_day_give_the_same_report() {
        assert_eq!(report(), report());
    }
}
