//! The agenda a meeting starts with, and why each item is on it: overdue
//! reviews; High/Critical risks to a key customer's requirement; items new
//! or escalated since the last closed meeting of that kind; High/Critical
//! items top management has not reviewed in time; then the rest due. Each
//! item once, under the first reason that holds; closed items never.
//!
//! Beside the items, the measures off target since the last meeting of the
//! kind ([`measures_to_discuss`]): not items, so not agenda entries, but
//! what the meeting should look at (ISO 9001 5.1.2 c, 9.1.3).

use std::collections::{HashMap, HashSet};

use super::audit::{self, Period};
use super::customer_focus::{self, CustomerFocus};
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
    /// A live High/Critical risk to a requirement of a key customer (5.1.2
    /// a). After overdue reviews, which are already late, and before what
    /// is new or escalated: top management is to ensure these requirements
    /// are met, and this label says which customer and requirement, which
    /// "new" or "escalated" would not.
    KeyCustomerRequirement,
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
            Reason::KeyCustomerRequirement => "threatens a key customer's requirement",
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
    /// For [`Reason::KeyCustomerRequirement`], the key customers'
    /// requirements the item threatens, in the register's order; empty
    /// otherwise.
    pub requirements: Vec<String>,
}

impl Entry {
    /// The reason with the requirements it names: "threatens a key
    /// customer's requirement (REQ-001 Meridian Orthopaedics)". Not
    /// sanitised: callers clean it for their output.
    pub fn why(&self, register: &Register) -> String {
        let label = self.reason.label();
        if self.requirements.is_empty() {
            return label.to_string();
        }
        let named: Vec<String> = self
            .requirements
            .iter()
            .map(|id| {
                let customer = register.requirement(id).and_then(|r| r.customer.as_deref());
                match customer {
                    Some(c) => format!("{id} {}", register.customer_name(c)),
                    None => id.clone(),
                }
            })
            .collect();
        format!("{label} ({})", named.join("; "))
    }
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
    let since = customer_focus::last_closed_meeting(register, kind);
    let escalated = escalated_since(register, since);
    let audit = audit::audit(register, Period::last_year(today), today);
    let top_review_due: HashSet<&str> = audit
        .high_items
        .iter()
        .filter(|h| !h.within_interval)
        .map(|h| h.item.as_str())
        .collect();
    // One pass over the requirements' links: item id → the key customers'
    // requirements it puts at High/Critical risk.
    let focus = CustomerFocus::of(register, today);
    let mut key_requirements: HashMap<&str, Vec<String>> = HashMap::new();
    for (requirement, risks) in focus.key_requirements_at_high_risk() {
        for risk in risks {
            key_requirements
                .entry(risk.id.as_str())
                .or_default()
                .push(requirement.id.clone());
        }
    }
    let reason = |item: &Item| {
        if queries::review_overdue(item, today) {
            Some(Reason::ReviewOverdue)
        } else if key_requirements.contains_key(item.id.as_str()) {
            Some(Reason::KeyCustomerRequirement)
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
            requirements: match reason {
                Reason::KeyCustomerRequirement => key_requirements
                    .remove(item.id.as_str())
                    .unwrap_or_default(),
                _ => Vec::new(),
            },
        })
        .collect()
}

mod measures;

pub use measures::{MeasureEntry, UNADDRESSED, measures_to_discuss};

#[cfg(test)]
mod tests;
