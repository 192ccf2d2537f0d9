//! `roreg due --format ics`: an iCalendar file (RFC 5545) of all-day
//! events, one per due date. Each event's UID stays the same across runs
//! (what is due and its id), so a calendar that subscribes to the file
//! moves an event when its date moves instead of adding a second one; and
//! nothing depends on the clock, so the same register gives the same bytes.

use crate::domain::Timestamp;
use crate::domain::due::{Due, Duty};
use crate::domain::{Date, Register};

/// RFC 5545 3.1: lines longer than 75 octets are folded.
const LINE_OCTETS: usize = 75;

pub(super) struct Calendar<'a> {
    pub(super) register: &'a Register,
    /// The register's file name, said in each event's description.
    pub(super) source: &'a str,
    /// Every event's DTSTAMP.
    pub(super) stamp: Timestamp,
    /// A display alarm this many days before each event.
    pub(super) alarm_days: Option<u32>,
    /// The people id the calendar is for, when it is one person's.
    pub(super) owner: Option<&'a str>,
}

impl Calendar<'_> {
    pub(super) fn render(&self, dues: &[Due]) -> String {
        let mut out = String::new();
        let mut put = |name: &str, value: &str| out.push_str(&fold(&format!("{name}:{value}")));
        put("BEGIN", "VCALENDAR");
        put("VERSION", "2.0");
        put(
            "PRODID",
            &format!("-//roreg//roreg {}//EN", env!("CARGO_PKG_VERSION")),
        );
        put("CALSCALE", "GREGORIAN");
        put("METHOD", "PUBLISH");
        let name = match self.owner {
            Some(id) => format!(
                "{}: due dates for {} (roreg)",
                self.register.organisation,
                self.register.person_name(id)
            ),
            None => format!("{}: due dates (roreg)", self.register.organisation),
        };
        put("X-WR-CALNAME", &escape(&name));
        let anchor = anchor(self.register);
        let stamp = self.stamp.0.format("%Y%m%dT%H%M%SZ").to_string();
        for due in dues {
            put("BEGIN", "VEVENT");
            put("UID", &format!("{}@{anchor}", due.key()));
            put("DTSTAMP", &stamp);
            put("DTSTART;VALUE=DATE", &ics_date(due.date));
            put("DTEND;VALUE=DATE", &ics_date(due.date.add_days(1)));
            let summary = escape(&summary(due));
            put("SUMMARY", &summary);
            put("DESCRIPTION", &escape(&self.description(due)));
            put("CATEGORIES", &format!("roreg,{}", due.duty.code()));
            // A due date is a reminder, not time taken out of the day.
            put("TRANSP", "TRANSPARENT");
            if let Some(days) = self.alarm_days {
                put("BEGIN", "VALARM");
                put("ACTION", "DISPLAY");
                put("DESCRIPTION", &summary);
                put("TRIGGER", &format!("-P{days}D"));
                put("END", "VALARM");
            }
            put("END", "VEVENT");
        }
        put("END", "VCALENDAR");
        out
    }

    fn description(&self, due: &Due) -> String {
        let register = self.register;
        let owners: Vec<String> = due
            .owners
            .iter()
            .map(|id| super::owner_label(register, id))
            .collect();
        let who = match due.duty {
            Duty::ManagementReview => "Top management",
            _ => "Owner",
        };
        let mut lines = vec![format!(
            "{who}: {}",
            if owners.is_empty() {
                "nobody named".to_string()
            } else {
                owners.join(", ")
            }
        )];
        if due.duty == Duty::ManagementReview {
            lines.push(format!("Management review (ISO 9001 9.3.1): {}", due.title));
        } else if due.duty == Duty::Reading {
            if let Some(measure) = register.measure(&due.id) {
                lines.push(measure_line(measure));
            }
        } else if let Some(item) = due.item.as_deref().and_then(|id| register.item(id)) {
            lines.push(format!("Item: {} {}", item.id, item.title));
        }
        lines.push(format!(
            "Register: {} ({})",
            register.organisation, self.source
        ));
        lines.join("\n")
    }
}

fn summary(due: &Due) -> String {
    let on = due.item.as_deref().unwrap_or_default();
    match due.duty {
        Duty::Review => format!("Review {}: {}", due.id, due.title),
        Duty::Action => format!("Action {} ({on}): {}", due.id, due.title),
        Duty::EffectivenessCheck => format!("Effectiveness check {} ({on}): {}", due.id, due.title),
        Duty::ManagementReview => "Management review (ISO 9001 9.3)".to_string(),
        Duty::Reading => format!("Reading {}: {}", due.id, due.title),
    }
}

/// "Measure: KPI-001 On-time delivery, target ≥ 95 %, monthly; latest
/// 93.5 % on 2026-10-31".
fn measure_line(measure: &crate::domain::model::Measure) -> String {
    let unit = measure.unit.as_str();
    let mut line = format!(
        "Measure: {} {}, target {}",
        measure.id,
        measure.name,
        measure.target.described(unit)
    );
    if let Some(cadence) = measure.cadence {
        line.push_str(&format!(", {}", cadence.label()));
    }
    if let Some(latest) = measure.latest() {
        let value = crate::domain::model::with_unit(&latest.value.to_string(), unit);
        line.push_str(&format!("; latest {value} on {}", latest.date));
    }
    line
}

fn ics_date(date: Date) -> String {
    date.0.format("%Y%m%d").to_string()
}

/// The part of every UID after `@` that tells this register's events from
/// another's: its first history record, which never changes (merges and
/// renames keep it), else the organisation's name.
fn anchor(register: &Register) -> String {
    match register.history.first() {
        Some(first) if first.hash.len() >= 16 => format!("{}.roreg", &first.hash[..16]),
        _ => {
            let slug: String = register
                .organisation
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        c.to_ascii_lowercase()
                    } else {
                        '-'
                    }
                })
                .collect();
            let slug: Vec<&str> = slug.split('-').filter(|s| !s.is_empty()).collect();
            format!("{}.roreg", slug.join("-"))
        }
    }
}

/// TEXT escaped per RFC 5545 3.3.11: backslash, semicolon, comma and line
/// breaks; other control characters, which TEXT may not hold, are shown
/// as visible symbols.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::text::multi_line(&text.replace("\r\n", "\n")).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded at 75 octets (never inside a UTF-8 character),
/// each part ended with CRLF and continued after a space (RFC 5545 3.1).
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 60 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_as_rfc_5545_says() {
        assert_eq!(
            escape("a;b,c\\d\r\ne\nf\u{1b}[31m"),
            "a\\;b\\,c\\\\d\\ne\\nf␛[31m"
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let line = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold(&line);
        let parts: Vec<&str> = folded.split("\r\n").collect();
        assert_eq!(parts.last(), Some(&""), "ends with CRLF");
        for part in &parts {
            assert!(part.len() <= LINE_OCTETS, "{} octets: {part}", part.len());
        }
        assert!(parts[1].starts_with(' '));
        // Unfolding (drop CRLF + space) gives the line back.
        assert_eq!(folded.replace("\r\n ", "").trim_end(), line);
        assert_eq!(fold("END:VEVENT"), "END:VEVENT\r\n");
    }
}
