//! `roreg due --format json`: one JSON object per line (JSON Lines), the
//! same keys in the same order on every line, for scripts and chat bots.

use serde::Serialize;

use crate::domain::due::{Due, Duty};
use crate::domain::{Date, Register};

/// Raised only when a key changes meaning or goes; new keys may be added.
const VERSION: u32 = 1;

#[derive(Serialize)]
struct DueLine<'a> {
    version: u32,
    register: &'a str,
    /// Stable across runs and date changes: the calendar UID's first part.
    key: String,
    kind: &'static str,
    /// The item or action id; null for the management review.
    id: Option<&'a str>,
    /// The item a review, action or check belongs to.
    item: Option<&'a str>,
    title: &'a str,
    owners: &'a [String],
    owner_names: Vec<&'a str>,
    date: String,
    /// Days from today to the date: negative when late.
    days: i64,
    overdue: bool,
}

pub(super) fn render(register: &Register, dues: &[Due], today: Date) -> String {
    let mut out = String::new();
    for due in dues {
        let line = DueLine {
            version: VERSION,
            register: &register.organisation,
            key: due.key(),
            kind: due.duty.code(),
            id: (due.duty != Duty::ManagementReview).then_some(due.id.as_str()),
            item: due.item.as_deref(),
            title: &due.title,
            owners: &due.owners,
            owner_names: due.owners.iter().map(|o| register.person_name(o)).collect(),
            date: due.date.to_string(),
            days: due.days_from(today),
            overdue: due.overdue(today),
        };
        let json = serde_json::to_string(&line).expect("plain data serialises");
        out.push_str(&inert(&json));
        out.push('\n');
    }
    out
}

/// serde_json escapes C0 controls only; DEL, C1 controls and bidirectional
/// overrides can drive or reorder a terminal too, so they are escaped as
/// well (`\u009b`), which any JSON reader turns back into the same text.
fn inert(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn controls_json_leaves_raw_are_escaped_and_read_back_the_same() {
        let raw = "a\u{9b}31m\u{202e}b\u{7f}";
        let json = super::inert(&serde_json::to_string(raw).unwrap());
        assert!(json.chars().all(|c| c.is_ascii_graphic()), "{json}");
        let back: String = serde_json::from_str(&json).unwrap();
        assert_eq!(back, raw);
    }
}
