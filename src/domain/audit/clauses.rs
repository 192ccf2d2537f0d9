//! What the register holds that answers each ISO 9001 clause an auditor
//! asks about (5.1.2 a–c, 6.1.2, 9.3.2 e), counted: ids and numbers, for the
//! report to put into words.

use std::collections::{BTreeMap, HashSet};

use super::attendance::top_managers_present;
use super::{Period, as_of, reviewed_nothing};
use crate::domain::dates::Date;
use crate::domain::ids;
use crate::domain::model::{
    ActionStatus, Affects, ItemStatus, Kind, Meeting, MeetingKind, Register, Treatment, Verdict,
};

const ACTION_STATUSES: [ActionStatus; 4] = [
    ActionStatus::Open,
    ActionStatus::InProgress,
    ActionStatus::Done,
    ActionStatus::Cancelled,
];

const VERDICTS: [Verdict; 3] = [Verdict::Effective, Verdict::Partly, Verdict::NotEffective];

/// An effectiveness check recorded on an action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    pub action: String,
    pub verdict: Verdict,
    pub on: Date,
}

/// A management review held in the period and the effectiveness checks
/// recorded since the one before (or the start of the period) up to its day:
/// the checks that were there for it to consider.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewInput {
    pub meeting: String,
    pub day: Date,
    pub top_managers_present: Vec<String>,
    /// The day of the management review before it in the period.
    pub previous: Option<Date>,
    /// Oldest first.
    pub checks: Vec<Check>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClauseCounts {
    pub risks: usize,
    pub opportunities: usize,
    pub affecting_statutory: Vec<String>,
    pub affecting_conformity: Vec<String>,
    pub affecting_satisfaction: Vec<String>,
    /// Items per status, every status.
    pub by_status: Vec<(ItemStatus, usize)>,
    /// Items per treatment, only the treatments in use.
    pub by_treatment: Vec<(Treatment, usize)>,
    /// Live items with no treatment decided.
    pub undecided: Vec<String>,
    /// Items reviewed in the meetings held, in id order.
    pub reviewed: Vec<String>,
    /// Of those, the items that affect customer satisfaction.
    pub satisfaction_reviewed: Vec<String>,
    pub actions: usize,
    /// Actions per status, every status.
    pub actions_by_status: Vec<(ActionStatus, usize)>,
    /// Effectiveness checks per verdict, every verdict.
    pub verdicts: Vec<(Verdict, usize)>,
    /// Items with actions grouped by process (`None`: no process given),
    /// processes in name order.
    pub processes: Vec<(Option<String>, Vec<String>)>,
    /// Management reviews held in the period, oldest first.
    pub management_reviews: Vec<ReviewInput>,
    /// Checks recorded in the period after the last management review (all
    /// of the period's when none was held), oldest first.
    pub checks_since_last_review: Vec<Check>,
}

impl ClauseCounts {
    pub fn actions_with(&self, status: ActionStatus) -> usize {
        self.actions_by_status
            .iter()
            .find(|(s, _)| *s == status)
            .map_or(0, |(_, n)| *n)
    }
}

/// Counts what answers each clause: the register as it stands, its actions
/// and checks as they stood on `today`, and the meetings `held` (closed,
/// started in `period`, oldest first).
pub fn clause_counts(
    register: &Register,
    held: &[&Meeting],
    period: Period,
    today: Date,
) -> ClauseCounts {
    let items = &register.items;
    let affecting = |a: Affects| -> Vec<String> {
        items
            .iter()
            .filter(|i| i.affects.contains(&a))
            .map(|i| i.id.clone())
            .collect()
    };
    let risks = items.iter().filter(|i| i.kind == Kind::Risk).count();
    let by_status = ItemStatus::ALL
        .iter()
        .map(|s| (*s, items.iter().filter(|i| i.status == *s).count()))
        .collect();
    let by_treatment = Treatment::ALL
        .iter()
        .map(|t| (*t, items.iter().filter(|i| i.treatment == *t).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    let reviewed = reviewed_items(held);
    let satisfaction = affecting(Affects::CustomerSatisfaction);
    let satisfying: HashSet<&str> = satisfaction.iter().map(String::as_str).collect();
    let satisfaction_reviewed = reviewed
        .iter()
        .filter(|id| satisfying.contains(id.as_str()))
        .cloned()
        .collect();
    let actions: Vec<_> = items.iter().flat_map(|i| &i.actions).collect();
    let mut processes: BTreeMap<Option<&str>, Vec<String>> = BTreeMap::new();
    for item in items.iter().filter(|i| !i.actions.is_empty()) {
        let process = Some(item.process.as_str()).filter(|p| !p.trim().is_empty());
        processes.entry(process).or_default().push(item.id.clone());
    }
    let (management_reviews, checks_since_last_review) =
        review_inputs(register, held, period, today);
    ClauseCounts {
        risks,
        opportunities: items.len() - risks,
        affecting_statutory: affecting(Affects::StatutoryRegulatory),
        affecting_conformity: affecting(Affects::ProductConformity),
        by_status,
        by_treatment,
        undecided: items
            .iter()
            .filter(|i| i.treatment == Treatment::Undecided && i.status != ItemStatus::Closed)
            .map(|i| i.id.clone())
            .collect(),
        reviewed,
        satisfaction_reviewed,
        affecting_satisfaction: satisfaction,
        actions: actions.len(),
        actions_by_status: ACTION_STATUSES
            .iter()
            .map(|s| {
                let on = |a: &&&crate::domain::Action| as_of::status_on(a, today) == *s;
                (*s, actions.iter().filter(on).count())
            })
            .collect(),
        verdicts: VERDICTS
            .iter()
            .map(|v| {
                let checked = |a: &&&crate::domain::Action| {
                    as_of::check_on(a, today).is_some_and(|e| e.verdict == *v)
                };
                (*v, actions.iter().filter(checked).count())
            })
            .collect(),
        processes: processes
            .into_iter()
            .map(|(p, ids)| (p.map(str::to_string), ids))
            .collect(),
        management_reviews,
        checks_since_last_review,
    }
}

/// Each item reviewed in any of the meetings, once, in id order.
fn reviewed_items(held: &[&Meeting]) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut reviewed: Vec<String> = held
        .iter()
        .flat_map(|m| &m.reviewed)
        .filter(|r| seen.insert(r.item.as_str()))
        .map(|r| r.item.clone())
        .collect();
    reviewed.sort_by(|a, b| ids::compare(a, b));
    reviewed
}

/// The management reviews with the checks each had before it, and the
/// checks recorded since the last.
fn review_inputs(
    register: &Register,
    held: &[&Meeting],
    period: Period,
    today: Date,
) -> (Vec<ReviewInput>, Vec<Check>) {
    let mut checks: Vec<Check> = register
        .items
        .iter()
        .flat_map(|i| &i.actions)
        .filter_map(|a| {
            let e = as_of::check_on(a, today)?;
            period.contains(e.checked_on).then(|| Check {
                action: a.id.clone(),
                verdict: e.verdict,
                on: e.checked_on,
            })
        })
        .collect();
    // Stable: checks of one day stay in register order.
    checks.sort_by_key(|c| c.on);
    let mut rest = checks.into_iter().peekable();
    let mut previous = None;
    let mut reviews = Vec::new();
    // Meetings come oldest first, so each review takes the checks up to its
    // day. One that reviewed nothing is no evidence of a review.
    for m in held
        .iter()
        .filter(|m| m.kind == MeetingKind::ManagementReview && !reviewed_nothing(m))
    {
        let day = m.started.date();
        let mut before = Vec::new();
        while let Some(check) = rest.next_if(|c| c.on <= day) {
            before.push(check);
        }
        reviews.push(ReviewInput {
            meeting: m.id.clone(),
            day,
            top_managers_present: top_managers_present(register, m),
            previous,
            checks: before,
        });
        previous = Some(day);
    }
    (reviews, rest.collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Effectiveness;
    use crate::domain::testing::sample;

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn checked(r: &mut Register, action: usize, on: &str) {
        let a = &mut r.items[0].actions[action];
        a.status = ActionStatus::Done;
        a.effectiveness = Some(Effectiveness {
            verdict: Verdict::Effective,
            note: String::new(),
            checked_on: day(on),
            checked_by: "qlead".into(),
        });
    }

    #[test]
    fn each_management_review_gets_the_checks_since_the_one_before() {
        let mut r = sample();
        let mut second = r.items[0].actions[0].clone();
        second.id = "A-009".into();
        r.items[0].actions.push(second);
        checked(&mut r, 0, "2026-10-01");
        checked(&mut r, 1, "2026-10-20");
        r.meetings[0].kind = MeetingKind::ManagementReview;
        let held: Vec<&Meeting> = r.meetings.iter().collect();
        let period = Period::last_year(day("2026-11-21"));
        let counts = clause_counts(&r, &held, period, day("2026-11-21"));
        let review = &counts.management_reviews[0];
        assert_eq!((review.meeting.as_str(), review.previous), ("M-001", None));
        let before: Vec<&str> = review.checks.iter().map(|c| c.action.as_str()).collect();
        assert_eq!(before, ["A-001"], "checked 2026-10-01, before the 14th");
        let since: Vec<&str> = counts
            .checks_since_last_review
            .iter()
            .map(|c| c.action.as_str())
            .collect();
        assert_eq!(since, ["A-009"]);
        assert_eq!(counts.verdicts[0], (Verdict::Effective, 2));
        assert_eq!(counts.actions_with(ActionStatus::Done), 2);

        // A check after the period's end counts for nothing.
        let short = Period {
            from: period.from,
            to: day("2026-10-15"),
        };
        assert!(
            clause_counts(&r, &held, short, day("2026-11-21"))
                .checks_since_last_review
                .is_empty()
        );
    }

    #[test]
    fn reviewed_items_are_listed_once_in_id_order() {
        let mut r = sample();
        let mut again = r.meetings[0].clone();
        again.id = "M-002".into();
        r.meetings.push(again);
        let held: Vec<&Meeting> = r.meetings.iter().collect();
        let counts = clause_counts(
            &r,
            &held,
            Period::last_year(day("2026-11-21")),
            day("2026-11-21"),
        );
        let mut expected: Vec<String> = r.meetings[0]
            .reviewed
            .iter()
            .map(|x| x.item.clone())
            .collect();
        expected.sort();
        expected.dedup();
        assert_eq!(counts.reviewed, expected);
    }

    #[test]
    fn as_of_a_day_actions_done_and_checks_made_later_do_not_count() {
        let mut r = sample();
        checked(&mut r, 0, "2026-10-20");
        r.items[0].actions[0].done_on = Some(day("2026-10-10"));
        let held: Vec<&Meeting> = Vec::new();
        let period = Period::last_year(day("2026-11-21"));
        let on = |today: &str| clause_counts(&r, &held, period, day(today));
        let before_done = on("2026-10-01");
        assert_eq!(before_done.actions_with(ActionStatus::Done), 0);
        assert_eq!(before_done.verdicts[0], (Verdict::Effective, 0));
        let done_unchecked = on("2026-10-15");
        assert_eq!(done_unchecked.actions_with(ActionStatus::Done), 1);
        assert_eq!(done_unchecked.verdicts[0], (Verdict::Effective, 0));
        assert!(done_unchecked.checks_since_last_review.is_empty());
        assert_eq!(on("2026-10-20").verdicts[0], (Verdict::Effective, 1));
    }

    #[test]
    fn a_management_review_that_reviewed_nothing_is_not_one() {
        let mut r = sample();
        r.meetings[0].kind = MeetingKind::ManagementReview;
        r.meetings[0].reviewed.clear();
        let held: Vec<&Meeting> = r.meetings.iter().collect();
        let period = Period::last_year(day("2026-11-21"));
        let counts = clause_counts(&r, &held, period, day("2026-11-21"));
        assert!(counts.management_reviews.is_empty());
    }
}
