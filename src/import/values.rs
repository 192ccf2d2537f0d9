//! Cell values read as the register's: levels (numbers, the scale's names,
//! or H/M/L), dates (date cells, Excel serials, the common text forms),
//! people (by id, login, name or initials) and the enums' labels. Each
//! refusal says what would be valid; the caller says where.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::read::Cell;
use crate::domain::{
    ActionStatus, Affects, Date, ItemStatus, Kind, Person, Timestamp, Treatment, Verdict,
};

/// A level read from a cell, and whether it came from the H/M/L shorthand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Level {
    pub level: u8,
    pub shorthand: bool,
}

/// The levels H, M and L stand for, when the sheet's own key says so
/// (`--levels H=4,M=3,L=2`); else top, middle and bottom of each scale.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shorthand(pub Option<[u8; 3]>);

impl Shorthand {
    /// From `H=4,M=3,L=2` (any order, each letter once, case ignored).
    pub fn parse(text: &str) -> Result<Shorthand, String> {
        let mut found: [Option<u8>; 3] = [None; 3];
        for part in text.split(',') {
            let (letter, level) = part.split_once('=').ok_or_else(|| {
                format!("\"{part}\" is not LETTER=LEVEL; expected e.g. H=4,M=3,L=2")
            })?;
            let at = match letter.trim().to_ascii_uppercase().as_str() {
                "H" => 0,
                "M" => 1,
                "L" => 2,
                other => {
                    return Err(format!(
                        "\"{other}\" is not H, M or L; expected e.g. H=4,M=3,L=2"
                    ));
                }
            };
            let level: u8 = level
                .trim()
                .parse()
                .ok()
                .filter(|n| (1..=9).contains(n))
                .ok_or_else(|| {
                    format!(
                        "\"{}\" is not a level 1–9; expected e.g. H=4,M=3,L=2",
                        level.trim()
                    )
                })?;
            if found[at].replace(level).is_some() {
                return Err(format!(
                    "{} is given twice; give each of H, M and L once",
                    letter.trim()
                ));
            }
        }
        match found {
            [Some(h), Some(m), Some(l)] => Ok(Shorthand(Some([h, m, l]))),
            _ => Err("give all three of H, M and L, e.g. H=4,M=3,L=2".into()),
        }
    }
}

/// Where H, M and L fall on a scale of `levels` levels: as `given`, else
/// top, middle, bottom.
pub fn shorthand_levels(levels: usize, given: Shorthand) -> [(char, u8); 3] {
    if let Shorthand(Some([h, m, l])) = given {
        return [('H', h), ('M', m), ('L', l)];
    }
    let top = levels.min(u8::MAX as usize) as u8;
    [('H', top), ('M', top.div_ceil(2)), ('L', 1)]
}

/// `H/M/L read as 5/3/1 on the impact scale (Severe/Moderate/Negligible)`.
pub fn shorthand_mapping(axis: &str, scale: &[String], given: Shorthand) -> String {
    let levels = shorthand_levels(scale.len(), given);
    let numbers: Vec<String> = levels.iter().map(|(_, n)| n.to_string()).collect();
    let names: Vec<&str> = levels
        .iter()
        .map(|(_, n)| scale.get(usize::from(*n) - 1).map_or("?", String::as_str))
        .collect();
    format!(
        "H/M/L read as {} on the {axis} scale ({})",
        numbers.join("/"),
        names.join("/")
    )
}

/// A level of `scale` (names lowest first), from a number, a name of the
/// scale, or H/M/L (High/Medium/Low) when the scale has no such names.
pub fn level(cell: &Cell, scale: &[String], axis: &str, given: Shorthand) -> Result<Level, String> {
    let max = scale.len();
    let refuse = || {
        format!(
            "{axis} \"{}\" is not a level; expected 1–{max} or one of {}",
            cell.shown(),
            scale.join(", ")
        )
    };
    let exact = |n: f64| {
        (n.fract() == 0.0 && n >= 1.0 && n <= max as f64).then_some(Level {
            level: n as u8,
            shorthand: false,
        })
    };
    match cell {
        Cell::Number(n) => exact(*n).ok_or_else(refuse),
        Cell::Text(text) => {
            let text = text.trim();
            if let Ok(n) = text.parse::<f64>() {
                return exact(n).ok_or_else(refuse);
            }
            // `3 - Possible`, `4 (Likely)`: the number leads.
            let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
            if !digits.is_empty()
                && text[digits.len()..].starts_with([' ', '-', '(', '–', ':', '.'])
                && let Some(found) = digits.parse().ok().and_then(exact)
            {
                return Ok(found);
            }
            let word = text.to_lowercase();
            if let Some(at) = scale.iter().position(|n| n.to_lowercase() == word) {
                return Ok(Level {
                    level: at as u8 + 1,
                    shorthand: false,
                });
            }
            let letter = match word.as_str() {
                "h" | "high" | "hi" => 'H',
                "m" | "medium" | "med" | "moderate" => 'M',
                "l" | "low" | "lo" => 'L',
                _ => return Err(refuse()),
            };
            shorthand_levels(max, given)
                .iter()
                .filter(|(_, n)| usize::from(*n) <= max)
                .find(|(l, _)| *l == letter)
                .map(|(_, n)| Level {
                    level: *n,
                    shorthand: true,
                })
                .ok_or_else(refuse)
        }
        _ => Err(refuse()),
    }
}

const DATE_FORMS: &str = "2026-03-14, 14/03/2026, 14.03.2026, 14 Mar 2026 or a date cell";

/// The Excel serial's day: days since 1899-12-30 (the 1900 system, its
/// leap-year bug included in the count).
fn excel_serial(n: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&n) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(n.floor() as u64))
}

fn text_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    // A date-time's date: `2026-03-14T09:00:00Z`, `2026-03-14 09:00`.
    let day = text.split(['T', ' ']).next().unwrap_or(text);
    for form in ["%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y", "%d-%m-%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(day, form) {
            return Some(d);
        }
    }
    // Day first, as in most of the world; month first only when the day
    // could not be one (03/14/2026).
    if let Ok(d) = NaiveDate::parse_from_str(day, "%d/%m/%Y") {
        return Some(d);
    }
    if let Ok(d) = NaiveDate::parse_from_str(day, "%m/%d/%Y") {
        return Some(d);
    }
    for form in [
        "%d %b %Y",
        "%d %B %Y",
        "%d-%b-%Y",
        "%b %d %Y",
        "%B %d %Y",
        "%b %d, %Y",
        "%B %d, %Y",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(text, form) {
            return Some(d);
        }
    }
    None
}

/// A day from a date cell, an Excel serial number or a text date.
pub fn date(cell: &Cell, what: &str) -> Result<Date, String> {
    let found = match cell {
        Cell::DateTime(t) => Some(t.date()),
        Cell::Number(n) => excel_serial(*n),
        Cell::Text(t) => text_date(t),
        _ => None,
    };
    found.map(Date).ok_or_else(|| {
        format!(
            "{what} \"{}\" is not a date; expected e.g. {DATE_FORMS}",
            cell.shown()
        )
    })
}

/// A moment (UTC) from a date-time cell, RFC 3339 text, or a day alone
/// (taken as its midnight).
pub fn timestamp(cell: &Cell, what: &str) -> Result<Timestamp, String> {
    let midnight = |d: NaiveDate| d.and_time(chrono::NaiveTime::MIN).and_utc();
    let found = match cell {
        Cell::DateTime(t) => Some(t.and_utc()),
        Cell::Number(n) => excel_serial(*n).map(|d| {
            let seconds = ((n.fract()) * 86_400.0).round() as i64;
            midnight(d) + chrono::Duration::seconds(seconds)
        }),
        Cell::Text(t) => Timestamp::parse(t.trim())
            .ok()
            .map(|ts| ts.0)
            .or_else(|| {
                chrono::NaiveDateTime::parse_from_str(t.trim(), "%Y-%m-%d %H:%M:%S")
                    .ok()
                    .map(|n| n.and_utc())
            })
            .or_else(|| text_date(t).map(midnight)),
        _ => None,
    };
    found
        .map(Timestamp::to_the_second)
        .ok_or_else(|| {
            format!(
                "{what} \"{}\" is not a date or date-time; expected e.g. 2026-03-14T09:00:00Z or {DATE_FORMS}",
                cell.shown()
            )
        })
}

/// `Jane Smith` → `JS`; `Mary-Ann de Vries` → `MADV`.
fn initials(name: &str) -> String {
    name.split([' ', '-'])
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

/// The people of the register, found by what a sheet writes for them.
#[derive(Clone, Debug, Default)]
pub struct People {
    /// Lower-cased id, login or name, or upper-case initials → how strong
    /// a key it is (0 the id) and the people id, `None` when two people
    /// share it at that strength.
    by_key: HashMap<String, (u8, Option<String>)>,
    ids: Vec<String>,
}

impl People {
    pub fn new(people: &[Person]) -> People {
        let mut found = People::default();
        for person in people {
            found.add(person.id.to_lowercase(), &person.id, 0);
            for login in &person.login {
                found.add(login.to_lowercase(), &person.id, 1);
            }
            found.add(person.name.trim().to_lowercase(), &person.id, 2);
            found.add(initials(&person.name), &person.id, 3);
        }
        found.ids = people.iter().map(|p| p.id.clone()).collect();
        found
    }

    /// An id wins over someone else's login, a login over a name, a name
    /// over initials; two people with the same key of one strength make it
    /// name nobody.
    fn add(&mut self, key: String, id: &str, strength: u8) {
        if key.is_empty() {
            return;
        }
        match self.by_key.get(&key) {
            Some((held, _)) if *held < strength => {}
            Some((held, Some(other))) if *held == strength && other != id => {
                self.by_key.insert(key, (strength, None));
            }
            Some((held, _)) if *held == strength => {}
            _ => {
                self.by_key.insert(key, (strength, Some(id.to_string())));
            }
        }
    }

    /// The people id `text` stands for. `Err(None)`: nobody;
    /// `Err(Some(message))`: more than one.
    pub fn find(&self, text: &str) -> Result<String, Option<String>> {
        let text = text.trim();
        let keys = [text.to_lowercase(), text.to_uppercase()];
        for key in keys {
            match self.by_key.get(&key) {
                Some((_, Some(id))) => return Ok(id.clone()),
                Some((_, None)) => {
                    return Err(Some(format!(
                        "\"{text}\" are the initials of more than one person; give the id"
                    )));
                }
                None => {}
            }
        }
        Err(None)
    }

    /// The valid ids for a message: `ahughes, cdavies, …`.
    pub fn listed(&self) -> String {
        if self.ids.is_empty() {
            return "the register has no people yet".into();
        }
        let shown: Vec<&str> = self.ids.iter().take(8).map(String::as_str).collect();
        let more = if self.ids.len() > 8 { ", …" } else { "" };
        format!("{}{more}", shown.join(", "))
    }

    /// Adds a person found later (created by the import).
    pub fn insert(&mut self, person: &Person) {
        self.add(person.id.to_lowercase(), &person.id, 0);
        self.add(person.name.trim().to_lowercase(), &person.id, 2);
        self.ids.push(person.id.clone());
    }
}

/// An id for someone new, from their name: `Bob Kane` → `bkane`,
/// `bkane2` if that is taken (`taken` says).
pub fn new_person_id(name: &str, taken: impl Fn(&str) -> bool) -> String {
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(char::is_ascii_alphanumeric)
                .flat_map(|c| c.to_lowercase())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let base = match words.as_slice() {
        [] => "person".to_string(),
        [one] => one.clone(),
        [first, .., last] => format!("{}{last}", &first[..1]),
    };
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}

/// Reads one of a fixed set of words: `(words, value)` pairs, lower case.
fn word<T: Copy>(text: &str, what: &str, table: &[(&[&str], T)], valid: &str) -> Result<T, String> {
    let key = text.trim().to_lowercase();
    table
        .iter()
        .find(|(words, _)| words.contains(&key.as_str()))
        .map(|(_, v)| *v)
        .ok_or_else(|| {
            format!(
                "{what} \"{}\" is not one roreg knows; expected {valid}",
                text.trim()
            )
        })
}

pub fn kind(text: &str) -> Result<Kind, String> {
    word(
        text,
        "type",
        &[
            (&["risk", "r", "threat"], Kind::Risk),
            (&["opportunity", "o", "opp"], Kind::Opportunity),
        ],
        "Risk or Opportunity (R or O)",
    )
}

pub fn item_status(text: &str) -> Result<ItemStatus, String> {
    word(
        text,
        "status",
        &[
            (
                &["identified", "new", "open", "raised"],
                ItemStatus::Identified,
            ),
            (&["assessed"], ItemStatus::Assessed),
            (
                &[
                    "treating",
                    "in treatment",
                    "in progress",
                    "active",
                    "ongoing",
                ],
                ItemStatus::Treating,
            ),
            (
                &["monitoring", "monitor", "monitored"],
                ItemStatus::Monitoring,
            ),
            (
                &["closed", "done", "complete", "completed", "retired"],
                ItemStatus::Closed,
            ),
        ],
        "Identified, Assessed, Treating, Monitoring or Closed",
    )
}

pub fn treatment(text: &str) -> Result<Treatment, String> {
    word(
        text,
        "treatment",
        &[
            (&["undecided", "tbd", "tbc", "none"], Treatment::Undecided),
            (&["avoid", "terminate", "eliminate"], Treatment::Avoid),
            (
                &["reduce", "mitigate", "treat", "control"],
                Treatment::Reduce,
            ),
            (&["share", "transfer", "insure"], Treatment::Share),
            (&["accept", "tolerate", "retain"], Treatment::Accept),
            (&["exploit", "pursue"], Treatment::Exploit),
            (&["enhance"], Treatment::Enhance),
            (&["decline", "ignore", "reject"], Treatment::Decline),
        ],
        "Avoid, Reduce, Share or Accept for a risk; Exploit, Enhance, Share or Decline for an opportunity; or Undecided",
    )
}

pub fn action_status(text: &str) -> Result<ActionStatus, String> {
    word(
        text,
        "status",
        &[
            (
                &["open", "not started", "to do", "todo", "planned"],
                ActionStatus::Open,
            ),
            (
                &["in progress", "inprogress", "started", "ongoing"],
                ActionStatus::InProgress,
            ),
            (
                &["done", "complete", "completed", "closed"],
                ActionStatus::Done,
            ),
            (
                &["cancelled", "canceled", "dropped"],
                ActionStatus::Cancelled,
            ),
        ],
        "Open, In progress, Done or Cancelled",
    )
}

pub fn verdict(text: &str) -> Result<Verdict, String> {
    word(
        text,
        "effectiveness",
        &[
            (&["effective", "yes"], Verdict::Effective),
            (
                &[
                    "partly effective",
                    "partly",
                    "partial",
                    "partially effective",
                ],
                Verdict::Partly,
            ),
            (
                &["not effective", "ineffective", "no"],
                Verdict::NotEffective,
            ),
        ],
        "Effective, Partly effective or Not effective",
    )
}

/// `product conformity; customer satisfaction`: labels joined by `;` or `,`.
pub fn affects(text: &str) -> Result<Vec<Affects>, String> {
    let mut found = Vec::new();
    for part in text
        .split([';', ',', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let one = word(
            part,
            "affects",
            &[
                (
                    &["product conformity", "product", "conformity", "quality"],
                    Affects::ProductConformity,
                ),
                (
                    &["customer satisfaction", "customer", "customers"],
                    Affects::CustomerSatisfaction,
                ),
                (
                    &[
                        "statutory/regulatory",
                        "statutory",
                        "regulatory",
                        "legal",
                        "compliance",
                    ],
                    Affects::StatutoryRegulatory,
                ),
            ],
            "product conformity, customer satisfaction or statutory/regulatory, joined by ;",
        )?;
        if !found.contains(&one) {
            found.push(one);
        }
    }
    Ok(found)
}

/// Which clause a source falls under: as `Source kind` cells give it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    Internal,
    External,
    InterestedParty,
}

pub fn source_kind(text: &str) -> Result<SourceKind, String> {
    let key = text.trim().to_lowercase();
    let key = key.split('(').next().unwrap_or("").trim();
    word(
        key,
        "source kind",
        &[
            (&["internal issue", "internal"], SourceKind::Internal),
            (&["external issue", "external"], SourceKind::External),
            (
                &["interested party", "interested parties", "stakeholder"],
                SourceKind::InterestedParty,
            ),
        ],
        "Internal issue (4.1), External issue (4.1) or Interested party (4.2)",
    )
}

#[cfg(test)]
mod tests;
