//! The agenda a meeting starts with, and why each item is on it: overdue
//! reviews; items new or escalated since the last closed meeting of that
//! kind; High/Critical items top management has not reviewed in time; then
//! the rest due. Each item once, under the first reason that holds; closed
//! items never.

use std::collections::HashSet;

use super::audit::{self, Period};
use super::dates::{Date, Timestamp};
use super::escalation::is_escalation;
use super::ids;
use super::model::{Item, ItemStatus, MeetingKind, Register, Score};
use super::queries;

/// Why an item is on the agenda, in the order the agenda takes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// Its review date has passed.
    ReviewOverdue,
    /// Created since the last closed meeting of the kind.
    New,
    /// Re-scored into a higher band since the last closed meeting of the kind.
    Escalated,
    /// In the top two bands and not reviewed with top management present
    /// within its band's interval (as the audit view counts it).
    TopManagementReviewDue,
    /// Its review falls due today.
    ReviewDue,
}

impl Reason {
    pub fn label(self) -> &'static str {
        match self {
            Reason::ReviewOverdue => "review overdue",
            Reason::New => "new since the last meeting",
            Reason::Escalated => "escalated since the last meeting",
            Reason::TopManagementReviewDue => "not reviewed with top management in time",
            Reason::ReviewDue => "review due",
        }
    }
}

/// One line of the agenda.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub item: String,
    pub reason: Reason,
}

/// When the last closed meeting of `kind` closed; `None` if none has.
fn last_closed(register: &Register, kind: MeetingKind) -> Option<Timestamp> {
    register
        .meetings
        .iter()
        .filter(|m| m.kind == kind)
        .filter_map(|m| m.closed)
        .max()
}

/// Items the history shows re-scored into a higher band after `since`:
/// one pass over the history.
fn escalated_since(register: &Register, since: Option<Timestamp>) -> HashSet<&str> {
    let score = |text: &str| ron::from_str::<Score>(text).ok();
    register
        .history
        .iter()
        .filter(|h| h.field == "current" && since.is_none_or(|s| h.at > s))
        // A meeting's `current` is an item id, not a score: it does not parse.
        .filter(|h| match (score(&h.old), score(&h.new)) {
            (Some(old), Some(new)) => is_escalation(&register.scales, old, new),
            _ => false,
        })
        .map(|h| h.record.as_str())
        .collect()
}

/// The agenda the next meeting of `kind` would start with on `today`.
/// Without a closed meeting of that kind yet, every item is new to it.
pub fn agenda(register: &Register, kind: MeetingKind, today: Date) -> Vec<Entry> {
    let since = last_closed(register, kind);
    let escalated = escalated_since(register, since);
    let audit = audit::audit(register, Period::last_year(today), today);
    let top_review_due: HashSet<&str> = audit
        .high_items
        .iter()
        .filter(|h| !h.within_interval)
        .map(|h| h.item.as_str())
        .collect();
    let reason = |item: &Item| {
        if queries::review_overdue(item, today) {
            Some(Reason::ReviewOverdue)
        } else if since.is_none_or(|s| item.created > s) {
            Some(Reason::New)
        } else if escalated.contains(item.id.as_str()) {
            Some(Reason::Escalated)
        } else if top_review_due.contains(item.id.as_str()) {
            Some(Reason::TopManagementReviewDue)
        } else if queries::review_due(item, today) {
            Some(Reason::ReviewDue)
        } else {
            None
        }
    };
    let mut listed: Vec<(Reason, &Item)> = register
        .items
        .iter()
        .filter(|i| i.status != ItemStatus::Closed)
        .filter_map(|i| reason(i).map(|r| (r, i)))
        .collect();
    let scales = &register.scales;
    let band = |i: &Item| scales.band_index(i.current.value());
    listed.sort_by(|(ra, a), (rb, b)| {
        let by_date = matches!(ra, Reason::ReviewOverdue | Reason::ReviewDue);
        ra.cmp(rb)
            .then_with(|| {
                if by_date {
                    a.next_review.cmp(&b.next_review)
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            // Then the highest band and score first.
            .then_with(|| band(b).cmp(&band(a)))
            .then_with(|| b.current.value().cmp(&a.current.value()))
            .then_with(|| ids::compare(&a.id, &b.id))
    });
    listed
        .into_iter()
        .map(|(reason, item)| Entry {
            item: item.id.clone(),
            reason,
        })
        .collect()
}

#[cfg(test)]
mod tests;
