//! Checks a parsed register for problems a person can fix: dangling
//! references, scores off the scale, inconsistent states.
//!
//! Every message names the offending value and says what would be valid.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fmt;

use super::history::ChainProblem;
use super::ids;
use super::model::{ActionStatus, Item, ItemStatus, Kind, Register, Score};
use super::scoring::Scales;

mod customers;
mod findings;
mod meetings;
mod people;

pub use findings::{Findings, Rechecked, Touched};
pub use people::login_problems;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, located as `ID.field` (e.g. `R-001.owner`, `R-001/A-002.done_on`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Problem {
    pub severity: Severity,
    pub location: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.severity {
            Severity::Error => write!(f, "{}: {}", self.location, self.message),
            Severity::Warning => write!(f, "{}: warning: {}", self.location, self.message),
        }
    }
}

/// The most levels a scale may have, so a level is always one keystroke (1–9).
pub const MAX_LEVELS: usize = 9;

pub fn validate(register: &Register) -> Vec<Problem> {
    let mut check = Checker::new(register);
    check.scales();
    check.people();
    check.logins();
    check.customer_focus();
    check.unique_ids();
    check.items();
    check.meetings();
    check.history();
    check.authors();
    check.problems
}

pub fn has_errors(problems: &[Problem]) -> bool {
    problems.iter().any(|p| p.severity == Severity::Error)
}

struct Checker<'a> {
    problems: Vec<Problem>,
    register: &'a Register,
}

/// From this many items their checks run on every core.
const ITEMS_CHECKED_IN_PARTS_FROM: usize = 8192;

impl<'a> Checker<'a> {
    /// Each item on its own; a large register's items in parts side by
    /// side, their problems joined in item order as one pass would give them.
    fn items(&mut self) {
        let items = &self.register.items;
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
        if cores == 1 || items.len() < ITEMS_CHECKED_IN_PARTS_FROM {
            for item in items {
                self.item(item);
            }
            return;
        }
        let register = self.register;
        let found = std::thread::scope(|scope| {
            let parts: Vec<_> = items
                .chunks(items.len().div_ceil(cores))
                .map(|part| {
                    scope.spawn(move || {
                        let mut check = Checker::new(register);
                        part.iter().for_each(|item| check.item(item));
                        check.problems
                    })
                })
                .collect();
            parts
                .into_iter()
                .map(|part| part.join().expect("an item check does not panic"))
                .collect::<Vec<_>>()
        });
        self.problems.extend(found.into_iter().flatten());
    }

    fn new(register: &'a Register) -> Checker<'a> {
        Checker {
            problems: Vec::new(),
            register,
        }
    }

    fn error(&mut self, location: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Error, location.into(), message.into());
    }

    fn warn(&mut self, location: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Warning, location.into(), message.into());
    }

    fn push(&mut self, severity: Severity, location: String, message: String) {
        self.problems.push(Problem {
            severity,
            location,
            message,
        });
    }

    fn scales(&mut self) {
        let scales = &self.register.scales;
        for (name, levels) in [
            ("likelihood", &scales.likelihood),
            ("impact", &scales.impact),
            ("benefit", &scales.benefit),
        ] {
            if levels.is_empty() || levels.len() > MAX_LEVELS {
                self.error(
                    format!("scales.{name}"),
                    format!(
                        "has {} levels; a scale needs 1 to {MAX_LEVELS} level names, lowest first",
                        levels.len()
                    ),
                );
            }
        }
        let max = scales.max_score();
        match scales.bands.first() {
            None => self.error(
                "scales.bands",
                format!("no bands; give at least one, starting `(from: 1, name: \"Low\")`, to cover scores 1..={max}"),
            ),
            Some(first) if first.from != 1 => self.error(
                "scales.bands",
                format!(
                    "the first band \"{}\" starts at {}; it must start at 1 so every score 1..={max} has a band",
                    first.name, first.from
                ),
            ),
            Some(_) => {}
        }
        for pair in scales.bands.windows(2) {
            if pair[1].from <= pair[0].from {
                self.error(
                    "scales.bands",
                    format!(
                        "band \"{}\" from {} must start above the band before it, \"{}\" from {}; thresholds ascend",
                        pair[1].name, pair[1].from, pair[0].name, pair[0].from
                    ),
                );
            }
        }
        for band in &scales.bands {
            if band.from > max {
                self.error(
                    "scales.bands",
                    format!(
                        "band \"{}\" starts at {}, above the highest possible score {max}; no score can reach it",
                        band.name, band.from
                    ),
                );
            }
        }
        if scales.review_days.len() != scales.bands.len() {
            self.error(
                "scales.review_days",
                format!(
                    "{} entries for {} bands; give one review interval in days per band, lowest band first",
                    scales.review_days.len(),
                    scales.bands.len()
                ),
            );
        }
        if let Some(zero) = scales.review_days.iter().position(|d| *d == 0) {
            self.error(
                "scales.review_days",
                format!(
                    "entry {} is 0 days; a review interval is at least 1 day",
                    zero + 1
                ),
            );
        }
    }

    fn people(&mut self) {
        let mut seen = HashMap::new();
        for (index, person) in self.register.people.iter().enumerate() {
            if person.id.trim().is_empty() {
                self.error(
                    format!("people[{index}].id"),
                    "empty; give each person a short id such as \"jsmith\"",
                );
            }
            if person.name.trim().is_empty() {
                self.error(
                    format!("people.{}.name", person.id),
                    "empty; give the person's full name",
                );
            }
            if seen.insert(person.id.as_str(), index).is_some() {
                self.error(
                    format!("people.{}.id", person.id),
                    format!(
                        "\"{}\" is listed more than once; each person needs a unique id",
                        person.id
                    ),
                );
            }
        }
    }

    fn unique_ids(&mut self) {
        let register = self.register;
        let count = register.meetings.len()
            + register
                .items
                .iter()
                .map(|i| 1 + i.actions.len())
                .sum::<usize>();
        // Ids borrowed and holders worded only for an id seen twice: one
        // look-up per id, no text made for the ids that are fine.
        let mut seen: HashMap<&str, Holder> = HashMap::with_capacity(count);
        let mut duplicates = Vec::new();
        let mut note = |id: &'a str, holder: Holder<'a>| match seen.entry(id) {
            Entry::Occupied(first) => duplicates.push((id, *first.get(), holder)),
            Entry::Vacant(slot) => {
                slot.insert(holder);
            }
        };
        for item in &register.items {
            note(&item.id, Holder::Item);
            for action in &item.actions {
                note(&action.id, Holder::Action(&item.id));
            }
        }
        for meeting in &register.meetings {
            note(&meeting.id, Holder::Meeting);
        }
        for (id, first, second) in duplicates {
            let problem = duplicate_id(id, &first.describe(id), &second.describe(id));
            self.problems.push(problem);
        }
    }

    fn known_person(&mut self, location: String, id: &str, role: &str) {
        if self.register.person(id).is_none() {
            let known: Vec<&str> = self.register.people.iter().map(|p| p.id.as_str()).collect();
            let hint = if known.is_empty() {
                "people is empty; add them to `people` first".to_string()
            } else {
                format!("expected one of: {}", known.join(", "))
            };
            self.error(
                location,
                format!("{role} \"{id}\" is not in people; {hint}"),
            );
        }
    }

    fn score_in_scale(&mut self, location: String, kind: Kind, score: Score) {
        let scales = &self.register.scales;
        let max_l = scales.max_likelihood();
        let max_c = scales.max_consequence(kind);
        let axis = Scales::consequence_name(kind);
        if !(1..=max_l).contains(&score.likelihood) {
            self.error(
                format!("{location}.likelihood"),
                format!(
                    "{} is off the likelihood scale; expected 1..={max_l}",
                    score.likelihood
                ),
            );
        }
        if !(1..=max_c).contains(&score.impact) {
            self.error(
                format!("{location}.impact"),
                format!(
                    "{} is off the {axis} scale; expected 1..={max_c}",
                    score.impact
                ),
            );
        }
    }

    /// What ISO 9001 traces for every item: what it affects, where it comes
    /// from and its process. Missing ones are warnings (errors under
    /// `check --strict`), so older registers still open.
    fn iso_links(&mut self, item: &Item) {
        let id = &item.id;
        if item.affects.is_empty() {
            self.warn(
                format!("{id}.affects"),
                "empty; say what it can affect: [ProductConformity], [CustomerSatisfaction] \
                 and/or [StatutoryRegulatory] (ISO 9001 5.1.2 b)",
            );
        }
        if item.source.text().trim().is_empty() {
            self.warn(
                format!("{id}.source"),
                "empty; name the issue or party it comes from, e.g. External(\"Supplier base\") \
                 (4.1) or InterestedParty(\"Key customer\") (4.2)",
            );
        }
        if item.process.trim().is_empty() {
            self.warn(
                format!("{id}.process"),
                "empty; name the process it belongs to, e.g. \"Purchasing\" (4.4)",
            );
        }
    }

    fn item(&mut self, item: &Item) {
        let id = &item.id;
        match ids::parse(id) {
            Some((prefix, _)) if prefix == item.kind.id_prefix() => {}
            _ => self.warn(
                format!("{id}.id"),
                format!(
                    "\"{id}\" does not look like an id for {}; roreg gives them as {}-001, {}-002, …",
                    item.kind.with_article(),
                    item.kind.id_prefix(),
                    item.kind.id_prefix()
                ),
            ),
        }
        if item.title.trim().is_empty() {
            self.error(format!("{id}.title"), "empty; give the item a short title");
        }
        self.iso_links(item);
        self.links(item);
        self.known_person(format!("{id}.owner"), &item.owner, "owner");
        self.retired_owners(item);
        self.score_in_scale(format!("{id}.current"), item.kind, item.current);
        if let Some(target) = item.target {
            self.score_in_scale(format!("{id}.target"), item.kind, target);
            let scales = &self.register.scales;
            let (now, aim) = (item.current.value(), target.value());
            let worse = match item.kind {
                Kind::Risk => aim > now,
                Kind::Opportunity => aim < now,
            };
            if worse {
                let direction = match item.kind {
                    Kind::Risk => "above",
                    Kind::Opportunity => "below",
                };
                self.warn(
                    format!("{id}.target"),
                    format!(
                        "target {}×{}={aim} ({}) is {direction} the current {}×{}={now} ({}); treatment should not make it worse",
                        target.likelihood,
                        target.impact,
                        scales.band_name(aim),
                        item.current.likelihood,
                        item.current.impact,
                        scales.band_name(now),
                    ),
                );
            }
        }
        if !item.kind.treatments().contains(&item.treatment) {
            let valid: Vec<&str> = item.kind.treatments().iter().map(|t| t.label()).collect();
            self.error(
                format!("{id}.treatment"),
                format!(
                    "{} is not a treatment for {}; expected one of: {}",
                    item.treatment.label(),
                    item.kind.with_article(),
                    valid.join(", ")
                ),
            );
        }
        let mut seen_actions = Vec::new();
        for action in &item.actions {
            let at = format!("{id}/{}", action.id);
            if !matches!(ids::parse(&action.id), Some(("A", _))) {
                self.warn(
                    format!("{at}.id"),
                    format!("\"{}\" does not look like an action id; roreg gives them as A-001, A-002, …", action.id),
                );
            }
            seen_actions.push(action.id.as_str());
            if action.text.trim().is_empty() {
                self.error(format!("{at}.text"), "empty; say what is to be done");
            }
            self.known_person(format!("{at}.owner"), &action.owner, "owner");
            match (action.status, action.done_on) {
                (ActionStatus::Done, None) => self.error(
                    format!("{at}.done_on"),
                    "the action is Done but has no done_on date; add done_on: Some(\"YYYY-MM-DD\")",
                ),
                (status, Some(day)) if status != ActionStatus::Done => self.warn(
                    format!("{at}.done_on"),
                    format!(
                        "done_on is {day} but the status is {}; set status: Done, or done_on: None",
                        status.label()
                    ),
                ),
                _ => {}
            }
            if let Some(check) = &action.effectiveness {
                if action.status != ActionStatus::Done {
                    self.warn(
                        format!("{at}.effectiveness"),
                        format!(
                            "an effectiveness check is recorded but the action is {}; only done actions are checked",
                            action.status.label()
                        ),
                    );
                }
                self.known_person(
                    format!("{at}.effectiveness.checked_by"),
                    &check.checked_by,
                    "checker",
                );
                if let Some(done) = action.done_on
                    && check.checked_on < done
                {
                    self.error(
                        format!("{at}.effectiveness.checked_on"),
                        format!(
                            "checked on {} before the action was done on {done}; the check comes on or after done_on",
                            check.checked_on
                        ),
                    );
                }
            }
        }
        if item.status == ItemStatus::Closed {
            let open: Vec<&str> = item
                .actions
                .iter()
                .filter(|a| a.status.is_open())
                .map(|a| a.id.as_str())
                .collect();
            if !open.is_empty() {
                self.warn(
                    format!("{id}.status"),
                    format!(
                        "the item is Closed but {} still open ({}); finish or cancel them, or reopen the item",
                        if open.len() == 1 { "one action is" } else { "actions are" },
                        open.join(", ")
                    ),
                );
            }
        }
    }

    /// The hash chain and the meetings' anchors; a change made outside
    /// roreg is only a warning.
    fn history(&mut self) {
        for problem in super::history::verify(self.register) {
            let problem = chain_problem(self.register, &problem);
            self.problems.push(problem);
        }
    }
}

/// The error for an id used a second time: `first` and `second` say where.
/// What holds an id: an item, an action of the item named, or a meeting.
#[derive(Clone, Copy)]
enum Holder<'a> {
    Item,
    Action(&'a str),
    Meeting,
}

impl Holder<'_> {
    fn describe(self, id: &str) -> String {
        match self {
            Holder::Item => format!("item {id}"),
            Holder::Action(item) => format!("action {id} of {item}"),
            Holder::Meeting => format!("meeting {id}"),
        }
    }
}

fn duplicate_id(id: &str, first: &str, second: &str) -> Problem {
    Problem {
        severity: Severity::Error,
        location: format!("{id}.id"),
        message: format!(
            "id \"{id}\" is used twice ({first} and {second}); every item, action and meeting id must be unique"
        ),
    }
}

/// The error when more than one meeting is open, naming them all.
fn open_meetings<'a>(open: impl Iterator<Item = &'a str>) -> Option<Problem> {
    let open: Vec<&str> = open.collect();
    (open.len() > 1).then(|| Problem {
        severity: Severity::Error,
        location: format!("{}.closed", open[1]),
        message: format!(
            "meetings {} are all open; only one meeting can be open at a time — close the others",
            open.join(", ")
        ),
    })
}

/// A problem of the history in `check`'s words: a change made outside
/// roreg is only a warning.
fn chain_problem(register: &Register, problem: &ChainProblem) -> Problem {
    let error = |location: String, message: String| Problem {
        severity: Severity::Error,
        location,
        message,
    };
    match problem {
        ChainProblem::Broken { index } => {
            let entry = &register.history[*index];
            error(
                format!("history[{index}]"),
                format!(
                    "the record of {} by {} ({}.{}) does not match its hash: it, or one before it, was edited, removed or reordered after it was written",
                    entry.at, entry.by, entry.record, entry.field
                ),
            )
        }
        // These messages already start with where: a field or a record.
        ChainProblem::MissingAnchor { .. }
        | ChainProblem::MinutesAltered { .. }
        | ChainProblem::CutChange { .. } => {
            let message = problem.describe(register);
            let (location, text) = message.split_once(": ").unwrap_or(("history", &message));
            error(location.to_string(), text.to_string())
        }
        ChainProblem::ChangedOutside => Problem {
            severity: Severity::Warning,
            location: "history".into(),
            message: problem.describe(register),
        },
    }
}

#[cfg(test)]
mod tests;
