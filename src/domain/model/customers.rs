//! Customer focus (ISO 9001 5.1.2): the customers, the requirements the
//! organisation must meet (a), and the measures that show whether
//! satisfaction is maintained and enhanced (c, with 9.1.2 and 9.1.3).
//! Items link to requirements and measures, which is how (b), the risks and
//! opportunities, meets the other two.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::domain::dates::Date;

/// Customers get `C-…`, requirements `REQ-…`, measures `KPI-…`.
pub const CUSTOMER_PREFIX: &str = "C";
pub const REQUIREMENT_PREFIX: &str = "REQ";
pub const MEASURE_PREFIX: &str = "KPI";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Customer {
    pub id: String,
    pub name: String,
    /// "Automotive", "Aftermarket": free text, empty when not used.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub segment: String,
    /// A key account: its requirements get to top management first.
    #[serde(default)]
    pub key: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RequirementKind {
    Customer,
    Statutory,
    Regulatory,
    Internal,
}

impl RequirementKind {
    pub const ALL: [RequirementKind; 4] = [
        RequirementKind::Customer,
        RequirementKind::Statutory,
        RequirementKind::Regulatory,
        RequirementKind::Internal,
    ];

    pub fn label(self) -> &'static str {
        match self {
            RequirementKind::Customer => "Customer",
            RequirementKind::Statutory => "Statutory",
            RequirementKind::Regulatory => "Regulatory",
            RequirementKind::Internal => "Internal",
        }
    }

    /// Law and regulation: an item threatening one affects statutory and
    /// regulatory requirements by definition.
    pub fn is_legal(self) -> bool {
        matches!(
            self,
            RequirementKind::Statutory | RequirementKind::Regulatory
        )
    }
}

/// A requirement the organisation must meet (5.1.2 a, 8.2.2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    pub id: String,
    pub text: String,
    /// The customer it is owed to; `None`: every customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<String>,
    pub kind: RequirementKind,
    /// Where it is written: "supply contract", "drawing 4711", "ISO 13485",
    /// "EU 2019/1020".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// The clause, section or document number within the source.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reference: String,
}

impl Requirement {
    /// "supply contract §4.2", or either part alone.
    pub fn cited(&self) -> String {
        match (self.source.trim(), self.reference.trim()) {
            ("", "") => String::new(),
            (source, "") => source.to_string(),
            ("", reference) => reference.to_string(),
            (source, reference) => format!("{source} {reference}"),
        }
    }
}

/// A reading's value. A number as the file writes it (`96.5`, `3.0`); the
/// register refuses NaN and infinities, so equality is plain.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Value(pub f64);

impl Eq for Value {}

impl fmt::Display for Value {
    /// As people write it: `96.5`, `3`, `0.25`; never `3.0000000001`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rounded = (self.0 * 1000.0).round() / 1000.0;
        if rounded == rounded.trunc() && rounded.abs() < 1e15 {
            write!(f, "{}", rounded as i64)
        } else {
            write!(f, "{rounded}")
        }
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.0)
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Number;
        impl serde::de::Visitor<'_> for Number {
            type Value = Value;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number, e.g. 96.5 or 3")
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Value, E> {
                if v.is_finite() {
                    Ok(Value(v))
                } else {
                    Err(E::custom(format!(
                        "{v} is not a finite number; expected e.g. 96.5"
                    )))
                }
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Value, E> {
                Ok(Value(v as f64))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Value, E> {
                Ok(Value(v as f64))
            }
        }
        deserializer.deserialize_any(Number)
    }
}

impl Value {
    /// Parses what someone typed: `96.5`, `96,5`, `3`, `-2`.
    pub fn parse(text: &str) -> Result<Value, String> {
        let trimmed = text.trim();
        match trimmed.replace(',', ".").parse::<f64>() {
            Ok(v) if v.is_finite() && !trimmed.is_empty() => Ok(Value(v)),
            _ => Err(format!("`{text}` is not a number; expected e.g. 96.5 or 3")),
        }
    }
}

/// A measure's target and which side of it is good.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Target {
    AtLeast(Value),
    AtMost(Value),
}

impl Target {
    pub fn value(self) -> Value {
        match self {
            Target::AtLeast(v) | Target::AtMost(v) => v,
        }
    }

    pub fn is_met_by(self, value: Value) -> bool {
        match self {
            Target::AtLeast(t) => value.0 >= t.0,
            Target::AtMost(t) => value.0 <= t.0,
        }
    }

    /// "≥ 95 %", "≤ 2 complaints".
    pub fn described(self, unit: &str) -> String {
        let (sign, value) = match self {
            Target::AtLeast(v) => ("≥", v),
            Target::AtMost(v) => ("≤", v),
        };
        with_unit(&format!("{sign} {value}"), unit)
    }

    /// Whether a rise is an improvement.
    pub fn higher_is_better(self) -> bool {
        matches!(self, Target::AtLeast(_))
    }
}

/// `96.5 %`, `3 complaints`: a unit of symbols sticks closer than a word.
pub fn with_unit(value: &str, unit: &str) -> String {
    match unit.trim() {
        "" => value.to_string(),
        unit => format!("{value} {unit}"),
    }
}

/// How often a measure is read; the next reading is due that long after
/// the last one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Cadence {
    Weekly,
    Monthly,
    Quarterly,
    Yearly,
}

impl Cadence {
    pub const ALL: [Cadence; 4] = [
        Cadence::Weekly,
        Cadence::Monthly,
        Cadence::Quarterly,
        Cadence::Yearly,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Cadence::Weekly => "weekly",
            Cadence::Monthly => "monthly",
            Cadence::Quarterly => "quarterly",
            Cadence::Yearly => "yearly",
        }
    }

    /// The day one period after `from` (the month's last day when it has
    /// fewer days: 31 January + 1 month = 28 or 29 February).
    pub fn after(self, from: Date) -> Date {
        let months = match self {
            Cadence::Weekly => return from.add_days(7),
            Cadence::Monthly => 1,
            Cadence::Quarterly => 3,
            Cadence::Yearly => 12,
        };
        from.0
            .checked_add_months(chrono::Months::new(months))
            .map_or(from, Date)
    }
}

/// A satisfaction or conformity indicator (9.1.2, 9.1.3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub id: String,
    pub name: String,
    /// "%", "complaints", "points of 5".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    pub target: Target,
    /// The customer it measures; `None`: all customers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<String>,
    /// How often it is read: `roreg due` lists the next reading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadence: Option<Cadence>,
    /// Who reads it: the next reading is theirs in `roreg due`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// By date, oldest first; one reading per date.
    #[serde(default)]
    pub readings: Vec<Reading>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reading {
    pub date: Date,
    pub value: Value,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Measure {
    pub fn latest(&self) -> Option<&Reading> {
        self.readings.last()
    }

    /// Whether the latest reading misses the target; `false` with no reading.
    pub fn is_off_target(&self) -> bool {
        self.latest()
            .is_some_and(|r| !self.target.is_met_by(r.value))
    }

    /// When the next reading is due: one cadence after the latest, `None`
    /// without a cadence or a first reading.
    pub fn next_reading(&self) -> Option<Date> {
        Some(self.cadence?.after(self.latest()?.date))
    }

    /// The readings dated within `from..=to`.
    pub fn readings_between(&self, from: Date, to: Date) -> &[Reading] {
        let start = self.readings.partition_point(|r| r.date < from);
        let end = self.readings.partition_point(|r| r.date <= to);
        &self.readings[start..end.max(start)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn values_print_as_people_write_them() {
        assert_eq!(Value(96.5).to_string(), "96.5");
        assert_eq!(Value(3.0).to_string(), "3");
        assert_eq!(Value(0.1 + 0.2).to_string(), "0.3");
        assert_eq!(Value::parse("96,5").unwrap(), Value(96.5));
        assert!(Value::parse("ninety").unwrap_err().contains("not a number"));
        assert!(Value::parse("").is_err());
        assert!(Value::parse("inf").is_err());
    }

    #[test]
    fn a_target_says_which_side_is_good() {
        let at_least = Target::AtLeast(Value(95.0));
        assert!(at_least.is_met_by(Value(95.0)));
        assert!(!at_least.is_met_by(Value(94.9)));
        let at_most = Target::AtMost(Value(2.0));
        assert!(!at_most.is_met_by(Value(3.0)));
        assert_eq!(at_least.described("%"), "≥ 95 %");
        assert_eq!(at_most.described(""), "≤ 2");
    }

    #[test]
    fn a_monthly_reading_after_the_31st_falls_due_on_the_last_day_of_a_short_month() {
        assert_eq!(
            Cadence::Monthly.after(date("2026-01-31")),
            date("2026-02-28")
        );
        assert_eq!(
            Cadence::Quarterly.after(date("2026-11-30")),
            date("2027-02-28")
        );
        assert_eq!(
            Cadence::Weekly.after(date("2026-12-29")),
            date("2027-01-05")
        );
    }

    #[test]
    fn numbers_read_from_the_file_whether_written_with_a_point_or_not() {
        let m: Reading = ron::from_str("(date: \"2026-01-31\", value: 3)").unwrap();
        assert_eq!(m.value, Value(3.0));
        let m: Reading = ron::from_str("(date: \"2026-01-31\", value: 96.5)").unwrap();
        assert_eq!(m.value, Value(96.5));
        assert_eq!(ron::to_string(&m.value).unwrap(), "96.5");
    }

    #[test]
    fn readings_between_two_dates_are_found_in_the_sorted_list() {
        let reading = |d: &str, v: f64| Reading {
            date: date(d),
            value: Value(v),
            note: String::new(),
        };
        let m = Measure {
            id: "KPI-001".into(),
            name: "On-time delivery".into(),
            unit: "%".into(),
            target: Target::AtLeast(Value(95.0)),
            customer: None,
            cadence: Some(Cadence::Monthly),
            owner: String::new(),
            readings: vec![
                reading("2026-01-31", 96.0),
                reading("2026-02-28", 93.0),
                reading("2026-03-31", 97.0),
            ],
        };
        assert_eq!(
            m.readings_between(date("2026-02-01"), date("2026-03-31"))
                .len(),
            2
        );
        assert!(
            m.readings_between(date("2027-01-01"), date("2026-01-01"))
                .is_empty()
        );
        assert!(!m.is_off_target());
        assert_eq!(m.next_reading(), Some(date("2026-04-30")));
    }
}
