//! The figures an auditor asks for to see that top management takes part in
//! risk work (ISO 9001 5.1.2 b, 6.1.2, 9.3.2 e), each with the records behind it.

use std::collections::{HashMap, HashSet};

use super::dates::Date;
use super::management_review::{self, Standing};
use super::meetings::top_management_present;
use super::model::{
    ItemStatus, Kind, ManagementInput, Meeting, MeetingKind, Register, Review, Treatment,
};
use super::queries;

pub mod as_of;
pub mod attendance;
pub mod clauses;
mod figures;

pub use figures::{Figure, history_integrity, outside_changes};

/// A closed range of days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: Date,
    pub to: Date,
}

impl Period {
    /// The twelve months up to and including `today`.
    pub fn last_year(today: Date) -> Period {
        Period {
            from: today.add_days(-364),
            to: today,
        }
    }

    pub fn contains(&self, day: Date) -> bool {
        self.from <= day && day <= self.to
    }
}

/// An action by the item it belongs to; written `ITEM/ACTION`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionRef {
    pub item: String,
    pub action: String,
}

impl std::fmt::Display for ActionRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.item, self.action)
    }
}

/// Compares with the written form, `ITEM/ACTION`.
impl PartialEq<String> for ActionRef {
    fn eq(&self, key: &String) -> bool {
        key.split_once('/') == Some((self.item.as_str(), self.action.as_str()))
    }
}

impl PartialEq<&str> for ActionRef {
    fn eq(&self, key: &&str) -> bool {
        key.split_once('/') == Some((self.item.as_str(), self.action.as_str()))
    }
}

/// A top manager's attendance over the period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attendance {
    pub person: String,
    pub attended: Vec<String>,
    pub held: usize,
}

/// A High or Critical item and whether top management reviewed it in time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HighItem {
    pub item: String,
    pub band: String,
    /// The last closed meeting that reviewed it with a top manager present.
    pub last_top_review: Option<(String, Date)>,
    pub within_interval: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Audit {
    pub period: Period,
    /// Closed meetings started in the period, oldest first.
    pub meetings: Vec<String>,
    pub risk_reviews: usize,
    pub management_reviews: usize,
    /// Closed without reviewing anything: held, but no decisions. They
    /// are never evidence of a review by top management.
    pub held_no_decisions: Vec<String>,
    /// Meetings that reviewed something with a top manager present.
    pub with_top_management: Vec<String>,
    /// Top managers' attendance at the meetings that reviewed something.
    pub attendance: Vec<Attendance>,
    pub high_items: Vec<HighItem>,
    pub reviews_overdue: Vec<String>,
    pub actions_overdue: Vec<ActionRef>,
    pub done_unchecked: Vec<ActionRef>,
    pub opportunities_pursued: Vec<String>,
    pub opportunities_declined: Vec<String>,
    /// Where the register stands against its management-review interval on the day.
    pub management_review: Standing,
    /// Each management review held in the period and the 9.3.2 inputs it did
    /// not consider, oldest first.
    pub input_gaps: Vec<(String, Vec<ManagementInput>)>,
}

/// A closed meeting that reviewed no item (and, a management review,
/// considered no 9.3.2 input): it was held, with no decisions.
pub fn reviewed_nothing(meeting: &Meeting) -> bool {
    meeting.reviewed.is_empty() && meeting.considered.is_empty()
}

/// Meetings started in the period and closed by its end and by `today`,
/// oldest first: one still open on that day was not held yet.
pub fn held_in(register: &Register, period: Period, today: Date) -> Vec<&Meeting> {
    let by = period.to.min(today);
    let mut held: Vec<&Meeting> = register
        .meetings
        .iter()
        .filter(|m| as_of::closed_by(m, by) && period.contains(m.started.date()))
        .collect();
    held.sort_by_key(|m| m.started);
    held
}

/// The names of the top two bands, as the file calls them ("High and Critical").
pub(crate) fn top_bands(register: &Register) -> String {
    let names: Vec<&str> = register
        .scales
        .bands
        .iter()
        .skip(first_high_band(register))
        .map(|b| b.name.as_str())
        .collect();
    names.join(" and ")
}

/// Bands from this index up count as "High and Critical": the top two.
pub(crate) fn first_high_band(register: &Register) -> usize {
    register.scales.bands.len().saturating_sub(2)
}

/// Per item, the latest meeting closed by `today` with a top manager
/// present that reviewed it, and that review (its first of the item). Any
/// closed meeting counts, not only those in the period: the question is
/// whether the review is still current.
pub(crate) fn last_top_reviews(
    register: &Register,
    today: Date,
) -> HashMap<&str, (&Meeting, &Review)> {
    let mut last: HashMap<&str, (&Meeting, &Review)> = HashMap::new();
    let held_by_today = register
        .meetings
        .iter()
        .filter(|m| as_of::closed_by(m, today))
        .filter(|m| top_management_present(register, m));
    for m in held_by_today {
        let mut seen = HashSet::new();
        for r in m.reviewed.iter().filter(|r| seen.insert(r.item.as_str())) {
            let slot = last.entry(r.item.as_str()).or_insert((m, r));
            // Of meetings started at the same moment, the later in the file wins.
            if m.started >= slot.0.started {
                *slot = (m, r);
            }
        }
    }
    last
}

/// Whether the item's last review with top management (`last`) still
/// holds on `today`: until the next review that meeting agreed, or else
/// until the interval of the item's band has passed.
pub(crate) fn reviewed_in_time(
    scales: &super::Scales,
    item: &super::Item,
    last: Option<(&Meeting, &Review)>,
    today: Date,
) -> bool {
    let interval = scales.review_days_for(item.current.value()).unwrap_or(0);
    last.is_some_and(|(m, r)| {
        let due = r
            .next_review
            .unwrap_or_else(|| m.started.date().add_days(i64::from(interval)));
        today <= due
    })
}

/// The audit figures for meetings held in `period`, and the register's
/// actions as they stood on `today`.
pub fn audit(register: &Register, period: Period, today: Date) -> Audit {
    let held = held_in(register, period, today);
    // Evidence of review by top management comes only from meetings that reviewed something.
    let reviewing: Vec<&Meeting> = held
        .iter()
        .copied()
        .filter(|m| !reviewed_nothing(m))
        .collect();
    let with_top: Vec<&Meeting> = reviewing
        .iter()
        .copied()
        .filter(|m| top_management_present(register, m))
        .collect();
    let present: Vec<HashSet<&str>> = reviewing
        .iter()
        .map(|m| {
            let present = m.attendance.iter().filter(|a| a.present);
            present.map(|a| a.person.as_str()).collect()
        })
        .collect();
    let attendance = register
        .people
        .iter()
        .filter(|p| p.top_management)
        .map(|p| Attendance {
            person: p.id.clone(),
            attended: reviewing
                .iter()
                .zip(&present)
                .filter(|(_, present)| present.contains(p.id.as_str()))
                .map(|(m, _)| m.id.clone())
                .collect(),
            held: reviewing.len(),
        })
        .collect();
    let last_top_reviews = last_top_reviews(register, today);
    let scales = &register.scales;
    let high_items = register
        .items
        .iter()
        .filter(|i| i.status != ItemStatus::Closed)
        .filter(|i| {
            scales
                .band_index(i.current.value())
                .is_some_and(|b| b >= first_high_band(register))
        })
        .map(|item| {
            let last = last_top_reviews.get(item.id.as_str()).copied();
            let last_top_review = last.map(|(m, _)| (m.id.clone(), m.started.date()));
            let within_interval = reviewed_in_time(scales, item, last, today);
            HighItem {
                item: item.id.clone(),
                band: scales.band_name(item.current.value()).to_string(),
                last_top_review,
                within_interval,
            }
        })
        .collect();
    let actions = |keep: &dyn Fn(&super::Action) -> bool| -> Vec<ActionRef> {
        register
            .items
            .iter()
            .flat_map(|i| {
                i.actions
                    .iter()
                    .filter(|a| keep(a))
                    .map(move |a| ActionRef {
                        item: i.id.clone(),
                        action: a.id.clone(),
                    })
            })
            .collect()
    };
    let opportunities = |pursued: bool| -> Vec<String> {
        register
            .items
            .iter()
            .filter(|i| i.kind == Kind::Opportunity)
            .filter(|i| match i.treatment {
                Treatment::Exploit | Treatment::Enhance | Treatment::Share => pursued,
                Treatment::Decline => !pursued,
                _ => false,
            })
            .map(|i| i.id.clone())
            .collect()
    };
    Audit {
        period,
        meetings: held.iter().map(|m| m.id.clone()).collect(),
        risk_reviews: held
            .iter()
            .filter(|m| m.kind == MeetingKind::RiskReview)
            .count(),
        management_reviews: held
            .iter()
            .filter(|m| m.kind == MeetingKind::ManagementReview)
            .count(),
        held_no_decisions: held
            .iter()
            .filter(|m| reviewed_nothing(m))
            .map(|m| m.id.clone())
            .collect(),
        with_top_management: with_top.iter().map(|m| m.id.clone()).collect(),
        attendance,
        high_items,
        reviews_overdue: register
            .items
            .iter()
            .filter(|i| queries::review_overdue(i, today))
            .map(|i| i.id.clone())
            .collect(),
        actions_overdue: actions(&|a| as_of::overdue_on(a, today)),
        done_unchecked: actions(&|a| as_of::unchecked_on(a, today)),
        opportunities_pursued: opportunities(true),
        opportunities_declined: opportunities(false),
        management_review: management_review::standing(register, today),
        input_gaps: held
            .iter()
            .filter(|m| m.kind == MeetingKind::ManagementReview && !reviewed_nothing(m))
            .map(|m| (m.id.clone(), management_review::gaps(m)))
            .collect(),
    }
}

impl Audit {
    /// Meetings held that reviewed something: the ones that count as review.
    pub fn reviewing(&self) -> usize {
        self.meetings.len() - self.held_no_decisions.len()
    }

    pub fn high_items_reviewed_in_time(&self) -> usize {
        self.high_items.iter().filter(|h| h.within_interval).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::sample;
    use crate::domain::{ActionStatus, Effectiveness, Timestamp, Verdict};

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn last_year_is_twelve_months_up_to_today() {
        let p = Period::last_year(day("2026-11-21"));
        assert_eq!(p.from, day("2025-11-22"));
        assert!(p.contains(day("2026-11-21")) && p.contains(day("2025-11-22")));
        assert!(!p.contains(day("2025-11-21")));
    }

    #[test]
    fn participation_counts_closed_meetings_in_the_period() {
        let mut r = sample();
        let mut second = r.meetings[0].clone();
        second.id = "M-002".into();
        second.kind = MeetingKind::ManagementReview;
        second.attendance[0].present = false;
        r.meetings.push(second);
        let mut open = r.meetings[0].clone();
        open.id = "M-003".into();
        open.closed = None;
        r.meetings.push(open);
        let a = audit(&r, Period::last_year(day("2026-11-21")), day("2026-11-21"));
        assert_eq!(
            a.meetings,
            ["M-001", "M-002"],
            "the open meeting is not counted"
        );
        assert_eq!((a.risk_reviews, a.management_reviews), (1, 1));
        assert_eq!(a.with_top_management, ["M-001"]);
        assert_eq!(
            a.attendance,
            [Attendance {
                person: "jsmith".into(),
                attended: vec!["M-001".into()],
                held: 2
            }]
        );
        let outside = audit(
            &r,
            Period {
                from: day("2026-11-01"),
                to: day("2026-11-21"),
            },
            day("2026-11-21"),
        );
        assert!(outside.meetings.is_empty());
    }

    #[test]
    fn high_items_need_a_top_management_review_within_their_interval() {
        let r = sample();
        // R-001 (16, Critical: 30 days) was reviewed with jsmith on 2026-10-14.
        let in_time = audit(&r, Period::last_year(day("2026-11-01")), day("2026-11-01"));
        assert_eq!(in_time.high_items.len(), 1);
        assert!(in_time.high_items[0].within_interval);
        let late = audit(&r, Period::last_year(day("2026-11-21")), day("2026-11-21"));
        assert!(
            !late.high_items[0].within_interval,
            "38 days after, over the 30-day interval"
        );
        assert_eq!(
            late.high_items[0].last_top_review,
            Some(("M-001".into(), day("2026-10-14")))
        );
    }

    #[test]
    fn unchecked_and_overdue_actions_and_opportunities() {
        let mut r = sample();
        let a = &mut r.items[0].actions[0];
        a.status = ActionStatus::Done;
        a.done_on = Some(day("2026-11-01"));
        let result = audit(&r, Period::last_year(day("2026-11-21")), day("2026-11-21"));
        assert_eq!(result.done_unchecked, ["R-001/A-001"]);
        assert_eq!(result.reviews_overdue, ["R-002"]);
        assert_eq!(result.opportunities_pursued, ["O-001"]);
        r.items[0].actions[0].effectiveness = Some(Effectiveness {
            verdict: Verdict::Effective,
            note: "ok".into(),
            checked_on: day("2026-11-02"),
            checked_by: "qlead".into(),
        });
        assert!(
            audit(&r, Period::last_year(day("2026-11-21")), day("2026-11-21"))
                .done_unchecked
                .is_empty()
        );
    }

    #[test]
    fn a_meeting_that_reviewed_nothing_is_held_but_never_evidence_of_review() {
        let mut r = sample();
        let mut empty = r.meetings[0].clone();
        empty.id = "M-002".into();
        empty.reviewed.clear();
        r.meetings.push(empty);
        let a = audit(&r, Period::last_year(day("2026-11-21")), day("2026-11-21"));
        assert_eq!(a.meetings, ["M-001", "M-002"], "both were held");
        assert_eq!(a.held_no_decisions, ["M-002"]);
        assert_eq!(a.with_top_management, ["M-001"], "jsmith sat in both");
        assert_eq!(a.reviewing(), 1);
        assert_eq!(a.attendance[0].attended, ["M-001"]);
        assert_eq!(a.attendance[0].held, 1);
        let figures = a.figures(&r);
        let value = |label: &str| {
            let f = figures.iter().find(|f| f.label == label).unwrap();
            (f.value.clone(), f.ids.clone())
        };
        assert_eq!(
            value("Meetings with top management present"),
            ("1 of 1".to_string(), vec!["M-001".to_string()])
        );
        assert_eq!(
            value("Meetings held, no decisions"),
            ("1".to_string(), vec!["M-002".to_string()])
        );
    }

    #[test]
    fn as_of_a_day_counts_only_what_was_true_on_it() {
        let mut r = sample();
        // Done in August, checked in September.
        let a = &mut r.items[0].actions[0];
        a.status = ActionStatus::Done;
        a.due = day("2026-06-15");
        a.done_on = Some(day("2026-08-14"));
        a.effectiveness = Some(Effectiveness {
            verdict: Verdict::Effective,
            note: String::new(),
            checked_on: day("2026-09-16"),
            checked_by: "qlead".into(),
        });
        let on_day =
            |r: &Register, today: &str| audit(r, Period::last_year(day(today)), day(today));
        let on = |today: &str| on_day(&r, today);
        let june = on("2026-06-30");
        assert!(june.done_unchecked.is_empty(), "not done yet in June");
        assert_eq!(
            june.actions_overdue,
            ["R-001/A-001"],
            "due 15 June, open then"
        );
        let august = on("2026-08-31");
        assert_eq!(
            august.done_unchecked,
            ["R-001/A-001"],
            "done, check not made yet"
        );
        assert!(august.actions_overdue.is_empty());
        assert!(on("2026-09-16").done_unchecked.is_empty());

        // M-001 started on 14 October; closed on the 20th, it was not held on the 15th.
        r.meetings[0].closed = Some(Timestamp::parse("2026-10-20T10:00:00Z").unwrap());
        let on = |today: &str| on_day(&r, today);
        let before = on("2026-10-15");
        assert!(before.meetings.is_empty() && before.with_top_management.is_empty());
        assert_eq!(before.high_items[0].last_top_review, None);
        assert_eq!(on("2026-10-20").meetings, ["M-001"]);
    }
}
