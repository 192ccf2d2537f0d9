//! Calendar dates and instants as they appear in the register file.
//!
//! Wrappers rather than bare chrono types so that a bad date in the file is
//! reported as "`2026-02-30` is not a real date; expected YYYY-MM-DD" instead
//! of chrono's terse "input is out of range".

use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar day, written `"YYYY-MM-DD"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

/// An instant in UTC, written `"YYYY-MM-DDTHH:MM:SSZ"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub DateTime<Utc>);

impl Date {
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        NaiveDate::from_ymd_opt(year, month, day).map(Date)
    }

    /// Parses `YYYY-MM-DD`, explaining what is wrong when it fails.
    pub fn parse(text: &str) -> Result<Date, String> {
        let trimmed = text.trim();
        let well_formed = trimmed.len() == 10
            && trimmed.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        if !well_formed {
            return Err(format!(
                "`{text}` is not a date; expected YYYY-MM-DD, e.g. 2026-12-31"
            ));
        }
        // Digits checked above: read them directly, as a format string
        // would but without interpreting one for each of a register's dates.
        let number = |at: std::ops::Range<usize>| {
            trimmed.as_bytes()[at]
                .iter()
                .fold(0u32, |n, b| n * 10 + u32::from(b - b'0'))
        };
        NaiveDate::from_ymd_opt(number(0..4) as i32, number(5..7), number(8..10))
            .map(Date)
            .ok_or_else(|| {
                format!(
                    "`{text}` is not a real calendar date; expected YYYY-MM-DD, e.g. 2026-12-31"
                )
            })
    }

    pub fn add_days(self, days: i64) -> Date {
        Date(self.0 + chrono::Duration::days(days))
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        (later.0 - self.0).num_days()
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = (self.0.year(), self.0.month(), self.0.day());
        if (0..=9999).contains(&year) {
            write!(f, "{year:04}-{month:02}-{day:02}")
        } else {
            write!(f, "{}", self.0.format("%Y-%m-%d"))
        }
    }
}

impl Timestamp {
    /// An instant in whole seconds: the file keeps instants to the second.
    pub fn to_the_second(t: DateTime<Utc>) -> Timestamp {
        Timestamp(DateTime::from_timestamp(t.timestamp(), 0).unwrap_or(t))
    }

    /// Parses RFC 3339 (`2026-03-02T09:14:00Z`), explaining what is wrong when it fails.
    pub fn parse(text: &str) -> Result<Timestamp, String> {
        DateTime::parse_from_rfc3339(text.trim())
            .map(|t| Timestamp(t.with_timezone(&Utc)))
            .map_err(|e| {
                format!("`{text}` is not a valid date and time ({e}); expected YYYY-MM-DDTHH:MM:SSZ, e.g. 2026-03-02T09:14:00Z")
            })
    }

    pub fn date(self) -> Date {
        Date(self.0.date_naive())
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (date, time) = (Date(self.0.date_naive()), self.0.time());
        if (0..=9999).contains(&self.0.year()) {
            let (hour, minute, second) = (time.hour(), time.minute(), time.second());
            write!(f, "{date}T{hour:02}:{minute:02}:{second:02}Z")
        } else {
            write!(f, "{}", self.0.format("%Y-%m-%dT%H:%M:%SZ"))
        }
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Timestamp::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_a_date() {
        let d = Date::parse("2026-12-15").unwrap();
        assert_eq!(d.to_string(), "2026-12-15");
        assert_eq!(d.add_days(17).to_string(), "2027-01-01");
    }

    #[test]
    fn explains_impossible_and_malformed_dates() {
        assert!(
            Date::parse("2026-02-30")
                .unwrap_err()
                .contains("not a real calendar date")
        );
        assert!(
            Date::parse("15/12/2026")
                .unwrap_err()
                .contains("expected YYYY-MM-DD")
        );
        assert!(Date::parse("2026-1-5").is_err());
    }

    #[test]
    fn timestamps_are_normalised_to_utc() {
        let t = Timestamp::parse("2026-03-02T10:14:00+01:00").unwrap();
        assert_eq!(t.to_string(), "2026-03-02T09:14:00Z");
        assert!(Timestamp::parse("2026-03-02 09:14").is_err());
    }

    proptest::proptest! {
        /// Read and written by hand, dates and instants are what chrono's
        /// formats read and write, for every day of four-digit years.
        #[test]
        fn dates_and_instants_read_and_write_as_the_formats_do(
            days in 0i64..3_652_424,
            seconds in 0u32..86_400,
        ) {
            let day = NaiveDate::from_ymd_opt(0, 1, 1).unwrap() + chrono::Duration::days(days);
            let text = day.format("%Y-%m-%d").to_string();
            proptest::prop_assert_eq!(Date::parse(&text), Ok(Date(day)));
            proptest::prop_assert_eq!(Date(day).to_string(), text);
            let instant = day.and_hms_opt(seconds / 3600, seconds / 60 % 60, seconds % 60).unwrap().and_utc();
            proptest::prop_assert_eq!(
                Timestamp(instant).to_string(),
                instant.format("%Y-%m-%dT%H:%M:%SZ").to_string()
            );
        }
    }

    #[test]
    fn the_days_a_month_lacks_are_refused() {
        for text in [
            "2026-02-29",
            "2026-04-31",
            "2026-13-01",
            "2026-00-10",
            "2026-01-00",
        ] {
            assert!(
                Date::parse(text)
                    .unwrap_err()
                    .contains("not a real calendar date"),
                "{text}"
            );
        }
        assert!(Date::parse("2028-02-29").is_ok());
    }
}
