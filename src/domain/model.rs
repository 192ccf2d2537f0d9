//! The register as it is stored: format 1 of the RON file.
//!
//! Field names are the file's public contract. New fields get `#[serde(default)]`;
//! nothing is renamed. Every struct denies unknown fields so a typo in a
//! hand-edited file is reported rather than silently dropped on the next save.

use serde::{Deserialize, Serialize};

use super::dates::{Date, Timestamp};
use super::ids;
use super::scoring::Scales;

mod customers;
mod management;

pub use customers::{
    CUSTOMER_PREFIX, Cadence, Customer, MEASURE_PREFIX, Measure, REQUIREMENT_PREFIX, Reading,
    Requirement, RequirementKind, Target, Value, with_unit,
};
pub use management::{Considered, ManagementInput, ManagementOutput};

/// The newest file format this program reads and writes.
pub const FORMAT: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Register {
    pub format: u32,
    pub organisation: String,
    #[serde(default, skip_serializing_if = "Scales::is_default")]
    pub scales: Scales,
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub items: Vec<Item>,
    #[serde(default)]
    pub meetings: Vec<Meeting>,
    /// Customer focus (5.1.2): absent when empty, so older files re-save
    /// unchanged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub customers: Vec<Customer>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requirements: Vec<Requirement>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<Measure>,
    #[serde(default)]
    pub history: Vec<HistoryRecord>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub top_management: bool,
    /// The operating-system login names (`$USER`) of this person, so roreg
    /// knows who is editing without asking. Absent when empty: older files
    /// re-save unchanged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub login: Vec<String>,
    /// Since when the person has left: kept for the history and old
    /// minutes, no longer offered as owner or attendee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired: Option<Date>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Kind {
    Risk,
    Opportunity,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Affects {
    ProductConformity,
    CustomerSatisfaction,
    StatutoryRegulatory,
}

/// Where the item comes from, in the terms of ISO 9001 clauses 4.1 and 4.2.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Source {
    Internal(String),
    External(String),
    InterestedParty(String),
}

/// A position on the matrix. For opportunities `impact` holds the level on the
/// benefit scale: one shape for both kinds keeps the file and the meeting
/// records uniform.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Score {
    pub likelihood: u8,
    pub impact: u8,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Treatment {
    /// Not decided yet (typical while an item is Identified).
    Undecided,
    Avoid,
    Reduce,
    Share,
    Accept,
    Exploit,
    Enhance,
    Decline,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ItemStatus {
    Identified,
    Assessed,
    Treating,
    Monitoring,
    Closed,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub kind: Kind,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub affects: Vec<Affects>,
    pub source: Source,
    #[serde(default)]
    pub process: String,
    pub owner: String,
    pub current: Score,
    #[serde(default)]
    pub target: Option<Score>,
    #[serde(default = "undecided")]
    pub treatment: Treatment,
    pub status: ItemStatus,
    #[serde(default)]
    pub next_review: Option<Date>,
    #[serde(default)]
    pub actions: Vec<Action>,
    pub created: Timestamp,
    /// The requirements (`REQ-…`) the item threatens or serves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requirements: Vec<String>,
    /// The measures (`KPI-…`) it would move.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<String>,
}

fn undecided() -> Treatment {
    Treatment::Undecided
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ActionStatus {
    Open,
    InProgress,
    Done,
    Cancelled,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub id: String,
    pub text: String,
    pub owner: String,
    pub due: Date,
    pub status: ActionStatus,
    #[serde(default)]
    pub done_on: Option<Date>,
    #[serde(default)]
    pub effectiveness: Option<Effectiveness>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Verdict {
    Effective,
    Partly,
    NotEffective,
}

/// The check ISO 9001 6.1.2 asks for: did the action work?
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Effectiveness {
    pub verdict: Verdict,
    #[serde(default)]
    pub note: String,
    pub checked_on: Date,
    pub checked_by: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum MeetingKind {
    RiskReview,
    ManagementReview,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub id: String,
    pub kind: MeetingKind,
    pub started: Timestamp,
    #[serde(default)]
    pub closed: Option<Timestamp>,
    pub facilitator: String,
    #[serde(default)]
    pub attendance: Vec<Attendance>,
    #[serde(default)]
    pub reviewed: Vec<Review>,
    #[serde(default)]
    pub notes: String,
    /// Item ids in the order the meeting takes them.
    #[serde(default)]
    pub agenda: Vec<String>,
    /// Actions agreed in the meeting.
    #[serde(default)]
    pub actions_raised: Vec<String>,
    /// Actions closed in the meeting.
    #[serde(default)]
    pub actions_closed: Vec<String>,
    /// The history's head hash when the meeting closed: the minutes vouch
    /// for every change recorded before them.
    #[serde(default)]
    pub anchor: Option<String>,
    /// The agenda item on the facilitator's screen while the meeting is
    /// open, so viewers can follow; cleared when it closes.
    #[serde(default)]
    pub current: Option<String>,
    /// People from outside the register who attended: in the minutes,
    /// never counted as top management.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub guests: Vec<Guest>,
    /// Agenda items the meeting passed over, with why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<Skip>,
    /// A management review's inputs (ISO 9001 9.3.2) it took into account.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub considered: Vec<Considered>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guest {
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub organisation: String,
}

impl Guest {
    /// As the minutes name them: "Ola Berg (external auditor, Certifier AB)".
    pub fn described(&self) -> String {
        let about: Vec<&str> = [self.role.as_str(), self.organisation.as_str()]
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .collect();
        if about.is_empty() {
            self.name.clone()
        } else {
            format!("{} ({})", self.name, about.join(", "))
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Skip {
    pub item: String,
    #[serde(default)]
    pub reason: String,
    pub at: Timestamp,
}

impl Skip {
    /// As the minutes list it: "R-004 (owner absent)", or the id alone.
    pub fn described(&self) -> String {
        if self.reason.trim().is_empty() {
            self.item.clone()
        } else {
            format!("{} ({})", self.item, self.reason)
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    pub person: String,
    pub present: bool,
    /// Absent but sent apologies (minutes record the difference).
    #[serde(default)]
    pub apologies: bool,
    /// Came after the meeting started: when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrived: Option<Timestamp>,
    /// Left before the meeting closed: when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left: Option<Timestamp>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub item: String,
    pub before: Score,
    pub after: Score,
    #[serde(default)]
    pub decision: String,
    pub at: Timestamp,
    /// The next review agreed in the meeting; `None`: from the band's interval.
    #[serde(default)]
    pub next_review: Option<Date>,
    /// In a management review, which 9.3.3 output the decision is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<ManagementOutput>,
}

/// One entry of the append-only change log. The chaining fields arrive with
/// One entry of the append-only change log: who changed which field of
/// which record, from what to what. `hash` chains each entry to the one
/// before it (see `history.rs`), so an edited, removed or reordered entry shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryRecord {
    pub at: Timestamp,
    pub by: String,
    /// `R-001`, `R-001/A-003`, `M-007`, `people.jsmith` or `register`.
    pub record: String,
    pub field: String,
    /// Values as compact RON; empty when the record was added or removed.
    pub old: String,
    pub new: String,
    /// Fingerprint of the register (without its history) after the change
    /// this record belongs to.
    #[serde(default)]
    pub state: String,
    /// Which of the records one change wrote this is, so that a change cut
    /// short at the end of the history shows. `None` in records written
    /// before roreg numbered them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<Part>,
    /// SHA-256 over this entry and the hash before it, in hex.
    #[serde(default)]
    pub hash: String,
}

/// Record `number` of the `of` records written by one change (1-based).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    pub number: u32,
    pub of: u32,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Risk => "Risk",
            Kind::Opportunity => "Opportunity",
        }
    }

    pub fn with_article(self) -> &'static str {
        match self {
            Kind::Risk => "a risk",
            Kind::Opportunity => "an opportunity",
        }
    }

    pub fn id_prefix(self) -> &'static str {
        match self {
            Kind::Risk => "R",
            Kind::Opportunity => "O",
        }
    }

    /// The treatments that make sense for this kind (ISO 31000 vocabulary).
    pub fn treatments(self) -> &'static [Treatment] {
        match self {
            Kind::Risk => &[
                Treatment::Undecided,
                Treatment::Avoid,
                Treatment::Reduce,
                Treatment::Share,
                Treatment::Accept,
            ],
            Kind::Opportunity => &[
                Treatment::Undecided,
                Treatment::Exploit,
                Treatment::Enhance,
                Treatment::Share,
                Treatment::Decline,
            ],
        }
    }
}

impl Affects {
    pub const ALL: [Affects; 3] = [
        Affects::ProductConformity,
        Affects::CustomerSatisfaction,
        Affects::StatutoryRegulatory,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Affects::ProductConformity => "product conformity",
            Affects::CustomerSatisfaction => "customer satisfaction",
            Affects::StatutoryRegulatory => "statutory/regulatory",
        }
    }
}

impl Source {
    /// The issue or party named, whatever its kind.
    pub fn text(&self) -> &str {
        match self {
            Source::Internal(s) | Source::External(s) | Source::InterestedParty(s) => s,
        }
    }

    pub fn label(&self) -> String {
        match self {
            Source::Internal(s) => format!("internal: {s}"),
            Source::External(s) => format!("external: {s}"),
            Source::InterestedParty(s) => format!("interested party: {s}"),
        }
    }
}

impl ItemStatus {
    pub const ALL: [ItemStatus; 5] = [
        ItemStatus::Identified,
        ItemStatus::Assessed,
        ItemStatus::Treating,
        ItemStatus::Monitoring,
        ItemStatus::Closed,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ItemStatus::Identified => "Identified",
            ItemStatus::Assessed => "Assessed",
            ItemStatus::Treating => "Treating",
            ItemStatus::Monitoring => "Monitoring",
            ItemStatus::Closed => "Closed",
        }
    }
}

impl Treatment {
    /// Every treatment, risks' then opportunities', in the order they are listed.
    pub const ALL: [Treatment; 8] = [
        Treatment::Undecided,
        Treatment::Avoid,
        Treatment::Reduce,
        Treatment::Share,
        Treatment::Accept,
        Treatment::Exploit,
        Treatment::Enhance,
        Treatment::Decline,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Treatment::Undecided => "Undecided",
            Treatment::Avoid => "Avoid",
            Treatment::Reduce => "Reduce",
            Treatment::Share => "Share",
            Treatment::Accept => "Accept",
            Treatment::Exploit => "Exploit",
            Treatment::Enhance => "Enhance",
            Treatment::Decline => "Decline",
        }
    }
}

impl ActionStatus {
    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::Open => "Open",
            ActionStatus::InProgress => "In progress",
            ActionStatus::Done => "Done",
            ActionStatus::Cancelled => "Cancelled",
        }
    }

    /// Still to be done: counts towards open and overdue figures.
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::Open | ActionStatus::InProgress)
    }
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Effective => "Effective",
            Verdict::Partly => "Partly effective",
            Verdict::NotEffective => "Not effective",
        }
    }
}

impl MeetingKind {
    pub fn label(self) -> &'static str {
        match self {
            MeetingKind::RiskReview => "Risk review",
            MeetingKind::ManagementReview => "Management review",
        }
    }
}

impl Register {
    /// An empty register with the default 5×5 scales.
    pub fn new(organisation: impl Into<String>) -> Register {
        Register {
            format: FORMAT,
            organisation: organisation.into(),
            scales: Scales::default(),
            people: Vec::new(),
            items: Vec::new(),
            meetings: Vec::new(),
            customers: Vec::new(),
            requirements: Vec::new(),
            measures: Vec::new(),
            history: Vec::new(),
        }
    }

    /// Puts every list in the order the file keeps: by id, numbers read as
    /// numbers. Attendance and the history keep their own order.
    pub fn normalise(&mut self) {
        self.people.sort_by(|a, b| a.id.cmp(&b.id));
        self.items.sort_by(|a, b| ids::compare(&a.id, &b.id));
        for item in &mut self.items {
            item.actions.sort_by(|a, b| ids::compare(&a.id, &b.id));
        }
        self.meetings.sort_by(|a, b| ids::compare(&a.id, &b.id));
        self.customers.sort_by(|a, b| ids::compare(&a.id, &b.id));
        self.requirements.sort_by(|a, b| ids::compare(&a.id, &b.id));
        self.measures.sort_by(|a, b| ids::compare(&a.id, &b.id));
        for measure in &mut self.measures {
            measure.readings.sort_by_key(|r| r.date);
        }
    }

    /// Whether the lists already are in the order the file keeps.
    pub fn is_normalised(&self) -> bool {
        self.people.is_sorted_by(|a, b| a.id <= b.id)
            && self
                .items
                .is_sorted_by(|a, b| ids::compare(&a.id, &b.id).is_le())
            && self.items.iter().all(|i| {
                i.actions
                    .is_sorted_by(|a, b| ids::compare(&a.id, &b.id).is_le())
            })
            && self
                .meetings
                .is_sorted_by(|a, b| ids::compare(&a.id, &b.id).is_le())
            && self
                .customers
                .is_sorted_by(|a, b| ids::compare(&a.id, &b.id).is_le())
            && self
                .requirements
                .is_sorted_by(|a, b| ids::compare(&a.id, &b.id).is_le())
            && self
                .measures
                .is_sorted_by(|a, b| ids::compare(&a.id, &b.id).is_le())
            && self
                .measures
                .iter()
                .all(|m| m.readings.is_sorted_by_key(|r| r.date))
    }

    /// Every id in the register now or named in its history: a removed
    /// record's id is never handed out again.
    pub fn ids_ever_used(&self) -> impl Iterator<Item = &str> {
        let items = self.items.iter().map(|i| i.id.as_str());
        let actions = self
            .items
            .iter()
            .flat_map(|i| i.actions.iter().map(|a| a.id.as_str()));
        let meetings = self.meetings.iter().map(|m| m.id.as_str());
        let customers = self.customers.iter().map(|c| c.id.as_str());
        let requirements = self.requirements.iter().map(|r| r.id.as_str());
        let measures = self.measures.iter().map(|m| m.id.as_str());
        let recorded = self.history.iter().flat_map(|h| h.record.split('/'));
        items
            .chain(actions)
            .chain(meetings)
            .chain(customers)
            .chain(requirements)
            .chain(measures)
            .chain(recorded)
    }

    // Lookups by id search the lists in the order the file keeps (see
    // `normalise`): a register is put in that order as it is loaded or
    // opened, and every change keeps it, so finding a record costs
    // O(log n), found or not.

    /// Where the item with this id is, or where it would go.
    pub fn item_slot(&self, id: &str) -> Result<usize, usize> {
        slot(&self.items, id, |i| &i.id, ids::compare)
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.item_slot(id).ok().map(|at| &self.items[at])
    }

    pub fn item_mut(&mut self, id: &str) -> Option<&mut Item> {
        self.item_slot(id).ok().map(|at| &mut self.items[at])
    }

    /// Where the meeting with this id is, or where it would go.
    pub fn meeting_slot(&self, id: &str) -> Result<usize, usize> {
        slot(&self.meetings, id, |m| &m.id, ids::compare)
    }

    pub fn meeting(&self, id: &str) -> Option<&Meeting> {
        self.meeting_slot(id).ok().map(|at| &self.meetings[at])
    }

    pub fn meeting_mut(&mut self, id: &str) -> Option<&mut Meeting> {
        self.meeting_slot(id).ok().map(|at| &mut self.meetings[at])
    }

    /// Where the person with this id is, or where they would go.
    pub fn person_slot(&self, id: &str) -> Result<usize, usize> {
        slot(&self.people, id, |p| &p.id, str::cmp)
    }

    pub fn person(&self, id: &str) -> Option<&Person> {
        self.person_slot(id).ok().map(|at| &self.people[at])
    }

    pub fn customer_slot(&self, id: &str) -> Result<usize, usize> {
        slot(&self.customers, id, |c| &c.id, ids::compare)
    }

    pub fn customer(&self, id: &str) -> Option<&Customer> {
        self.customer_slot(id).ok().map(|at| &self.customers[at])
    }

    pub fn requirement_slot(&self, id: &str) -> Result<usize, usize> {
        slot(&self.requirements, id, |r| &r.id, ids::compare)
    }

    pub fn requirement(&self, id: &str) -> Option<&Requirement> {
        self.requirement_slot(id)
            .ok()
            .map(|at| &self.requirements[at])
    }

    pub fn measure_slot(&self, id: &str) -> Result<usize, usize> {
        slot(&self.measures, id, |m| &m.id, ids::compare)
    }

    pub fn measure(&self, id: &str) -> Option<&Measure> {
        self.measure_slot(id).ok().map(|at| &self.measures[at])
    }

    pub fn measure_mut(&mut self, id: &str) -> Option<&mut Measure> {
        self.measure_slot(id).ok().map(|at| &mut self.measures[at])
    }

    /// The display name of a customer id, or the id itself when unknown.
    pub fn customer_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.customer(id).map_or(id, |c| c.name.as_str())
    }

    /// The display name of a people id, or the id itself when unknown.
    pub fn person_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.person(id).map_or(id, |p| p.name.as_str())
    }
}

/// Where the entry with this id is in a list kept in `order`, or where it
/// would go. The domain's unit tests build small registers out of that
/// order: there, a miss is looked for one by one as well.
fn slot<T>(
    list: &[T],
    id: &str,
    id_of: impl Fn(&T) -> &String,
    order: impl Fn(&str, &str) -> std::cmp::Ordering,
) -> Result<usize, usize> {
    match list.binary_search_by(|x| order(id_of(x), id)) {
        Ok(at) => Ok(at),
        Err(at) if cfg!(test) => list.iter().position(|x| id_of(x) == id).ok_or(at),
        Err(at) => Err(at),
    }
}
