//! The figures an auditor asks for to see that top management takes part in
//! risk work (ISO 9001 5.1.2 b, 6.1.2, 9.3.2 e), each with the records behind it.

use super::dates::Date;
use super::meetings::top_management_present;
use super::model::{ActionStatus, ItemStatus, Kind, Meeting, MeetingKind, Register, Treatment};
use super::queries;

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

/// One figure and the records that make it up, each as one line of text
/// beginning with the record's id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure {
    pub label: String,
    pub value: String,
    pub records: Vec<String>,
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
    pub with_top_management: Vec<String>,
    pub attendance: Vec<Attendance>,
    pub high_items: Vec<HighItem>,
    pub reviews_overdue: Vec<String>,
    /// `ITEM/ACTION`.
    pub actions_overdue: Vec<String>,
    pub done_unchecked: Vec<String>,
    pub opportunities_pursued: Vec<String>,
    pub opportunities_declined: Vec<String>,
}

fn held_in(register: &Register, period: Period) -> Vec<&Meeting> {
    let mut held: Vec<&Meeting> = register
        .meetings
        .iter()
        .filter(|m| m.closed.is_some() && period.contains(m.started.date()))
        .collect();
    held.sort_by_key(|m| m.started);
    held
}

/// The names of the top two bands, as the file calls them ("High and Critical").
fn top_bands(register: &Register) -> String {
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
fn first_high_band(register: &Register) -> usize {
    register.scales.bands.len().saturating_sub(2)
}

pub fn audit(register: &Register, period: Period, today: Date) -> Audit {
    let held = held_in(register, period);
    let with_top: Vec<&Meeting> = held
        .iter()
        .copied()
        .filter(|m| top_management_present(register, m))
        .collect();
    let attendance = register
        .people
        .iter()
        .filter(|p| p.top_management)
        .map(|p| Attendance {
            person: p.id.clone(),
            attended: held
                .iter()
                .filter(|m| m.attendance.iter().any(|a| a.person == p.id && a.present))
                .map(|m| m.id.clone())
                .collect(),
            held: held.len(),
        })
        .collect();
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
            // Any closed meeting counts here, not only those in the period:
            // the question is whether the review is still current.
            let last = register
                .meetings
                .iter()
                // Only meetings held by the day asked about.
                .filter(|m| m.closed.is_some() && m.started.date() <= today)
                .filter(|m| top_management_present(register, m))
                .filter_map(|m| {
                    m.reviewed
                        .iter()
                        .find(|r| r.item == item.id)
                        .map(|r| (m, r))
                })
                .max_by_key(|(m, _)| m.started);
            let last_top_review = last.map(|(m, _)| (m.id.clone(), m.started.date()));
            // In time until the next review the meeting agreed, or else
            // until the interval of the item's band has passed.
            let interval = scales.review_days_for(item.current.value()).unwrap_or(0);
            let within_interval = last.is_some_and(|(m, r)| {
                let due = r
                    .next_review
                    .unwrap_or_else(|| m.started.date().add_days(i64::from(interval)));
                today <= due
            });
            HighItem {
                item: item.id.clone(),
                band: scales.band_name(item.current.value()).to_string(),
                last_top_review,
                within_interval,
            }
        })
        .collect();
    let actions = |keep: &dyn Fn(&super::Action) -> bool| -> Vec<String> {
        register
            .items
            .iter()
            .flat_map(|i| {
                i.actions
                    .iter()
                    .filter(|a| keep(a))
                    .map(move |a| format!("{}/{}", i.id, a.id))
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
        with_top_management: with_top.iter().map(|m| m.id.clone()).collect(),
        attendance,
        high_items,
        reviews_overdue: register
            .items
            .iter()
            .filter(|i| queries::review_overdue(i, today))
            .map(|i| i.id.clone())
            .collect(),
        actions_overdue: actions(&|a| queries::action_overdue(a, today)),
        done_unchecked: actions(&|a| a.status == ActionStatus::Done && a.effectiveness.is_none()),
        opportunities_pursued: opportunities(true),
        opportunities_declined: opportunities(false),
    }
}

impl Audit {
    pub fn high_items_reviewed_in_time(&self) -> usize {
        self.high_items.iter().filter(|h| h.within_interval).count()
    }

    /// Every figure, in the order an auditor reads them, with its records
    /// written out as one line each.
    pub fn figures(&self, register: &Register) -> Vec<Figure> {
        let meeting_line = |id: &String| {
            register
                .meetings
                .iter()
                .find(|m| &m.id == id)
                .map_or(id.clone(), |m| {
                    let present = m.attendance.iter().filter(|a| a.present).count();
                    format!(
                        "{id} {} {} ({present} present)",
                        m.started.date(),
                        m.kind.label()
                    )
                })
        };
        let item_line = |id: &String| {
            register.item(id).map_or(id.clone(), |i| {
                let review = i
                    .next_review
                    .map_or("no review date".to_string(), |d| format!("review {d}"));
                format!("{id} {} ({review})", i.title)
            })
        };
        let action_line = |key: &String| {
            let (item, action) = key.split_once('/').unwrap_or((key, ""));
            register
                .item(item)
                .and_then(|i| i.actions.iter().find(|a| a.id == action))
                .map_or(key.clone(), |a| {
                    format!(
                        "{action} on {item}: {} (owner {}, due {})",
                        a.text, a.owner, a.due
                    )
                })
        };
        let count = |n: usize, of: usize| format!("{n} of {of}");
        let mut figures = vec![
            Figure {
                label: "Meetings held".into(),
                value: format!(
                    "{} ({} risk review{}, {} management review{})",
                    self.meetings.len(),
                    self.risk_reviews,
                    if self.risk_reviews == 1 { "" } else { "s" },
                    self.management_reviews,
                    if self.management_reviews == 1 {
                        ""
                    } else {
                        "s"
                    },
                ),
                records: self.meetings.iter().map(meeting_line).collect(),
            },
            Figure {
                label: "Meetings with top management present".into(),
                value: count(self.with_top_management.len(), self.meetings.len()),
                records: self.with_top_management.iter().map(meeting_line).collect(),
            },
        ];
        for a in &self.attendance {
            figures.push(Figure {
                label: format!(
                    "Attendance of {} ({})",
                    register.person_name(&a.person),
                    a.person
                ),
                value: count(a.attended.len(), a.held),
                records: a.attended.iter().map(meeting_line).collect(),
            });
        }
        figures.push(Figure {
            label: format!(
                "{} items reviewed with top management within their interval",
                top_bands(register)
            ),
            value: count(self.high_items_reviewed_in_time(), self.high_items.len()),
            records: self
                .high_items
                .iter()
                .map(|h| {
                    let when = match &h.last_top_review {
                        Some((meeting, day)) => {
                            format!("last reviewed with top management {day} in {meeting}")
                        }
                        None => "never reviewed with top management".to_string(),
                    };
                    let verdict = if h.within_interval {
                        "in time"
                    } else {
                        "NOT in time"
                    };
                    format!(
                        "{} {} ({}): {when}, {verdict}",
                        h.item,
                        register.item(&h.item).map_or("", |i| i.title.as_str()),
                        h.band
                    )
                })
                .collect(),
        });
        let list = |label: &str, records: &[String], line: &dyn Fn(&String) -> String| Figure {
            label: label.into(),
            value: records.len().to_string(),
            records: records.iter().map(line).collect(),
        };
        figures.push(list("Reviews overdue", &self.reviews_overdue, &item_line));
        figures.push(list("Actions overdue", &self.actions_overdue, &action_line));
        figures.push(list(
            "Actions done without an effectiveness check",
            &self.done_unchecked,
            &action_line,
        ));
        figures.push(list(
            "Opportunities pursued",
            &self.opportunities_pursued,
            &item_line,
        ));
        figures.push(list(
            "Opportunities declined",
            &self.opportunities_declined,
            &item_line,
        ));
        figures
    }
}

/// Whether the change history still is what roreg wrote. Its records are
/// sentences, not ids, so it stands apart from `Audit::figures`.
pub fn history_integrity(register: &Register) -> Figure {
    use super::history::{ChainProblem, verify};
    let problems = verify(register);
    let broken = problems
        .iter()
        .any(|p| !matches!(p, ChainProblem::ChangedOutside));
    let records = register.history.len();
    let anchors = register
        .meetings
        .iter()
        .filter(|m| m.anchor.is_some())
        .count();
    // What no record covers is never "intact": nothing would show it edited.
    let missing = super::baseline::unprotected(register);
    let outside = if problems.is_empty() {
        ""
    } else {
        "; changed outside roreg since"
    };
    let mut lines: Vec<String> = problems.iter().map(|p| p.describe(register)).collect();
    if !missing.is_empty() {
        lines.push(format!("not protected: {}", missing.describe()));
    }
    if lines.is_empty() {
        lines.push(format!(
            "the hash chain of {records} records verifies; {anchors} closed meetings anchor it"
        ));
    }
    // Changes made outside roreg stay in view for ever once recorded.
    let recorded_outside = outside_changes(register);
    let noted = if recorded_outside.is_empty() {
        String::new()
    } else {
        format!("; {} outside", recorded_outside.len())
    };
    lines.extend(recorded_outside);
    Figure {
        label: "History integrity".into(),
        value: match (broken, missing.is_empty()) {
            (true, _) => "BROKEN".to_string(),
            (false, false) => format!("not protected: {}{outside}{noted}", missing.total()),
            (false, true) => format!("intact ({records} records){outside}{noted}"),
        },
        records: lines,
    }
}

/// Each change made outside roreg that the history recorded, one line each.
pub fn outside_changes(register: &Register) -> Vec<String> {
    super::outside::recorded(register)
        .map(|(index, h)| {
            let what: String = ron::from_str(&h.new).unwrap_or_else(|_| h.new.clone());
            format!("history[{index}], recorded {} by {}: {what}", h.at, h.by)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::sample;
    use crate::domain::{Effectiveness, Verdict};

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
    fn every_figure_lists_its_records() {
        let r = sample();
        let a = audit(&r, Period::last_year(day("2026-11-21")), day("2026-11-21"));
        let figures = a.figures(&r);
        let meetings = &figures[0];
        assert_eq!(meetings.value, "1 (1 risk review, 0 management reviews)");
        assert_eq!(
            meetings.records,
            ["M-001 2026-10-14 Risk review (1 present)"]
        );
        let overdue = figures
            .iter()
            .find(|f| f.label == "Reviews overdue")
            .unwrap();
        assert_eq!(
            overdue.records,
            ["R-002 Dust in the clean room (review 2026-11-01)"]
        );
    }

    #[test]
    fn a_history_that_covers_nothing_is_never_called_intact() {
        let mut r = sample();
        let figure = history_integrity(&r);
        assert_eq!(figure.value, "not protected: 8 records");
        assert!(
            figure.records[0].starts_with("not protected: 1 closed meeting (M-001), 3 items"),
            "{:?}",
            figure.records
        );
        let at = crate::domain::Timestamp::parse("2026-11-21T09:00:00Z").unwrap();
        crate::domain::baseline::baseline(&mut r, at, "qlead");
        assert_eq!(history_integrity(&r).value, "intact (1 records)");
    }
}
