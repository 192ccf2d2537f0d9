//! What the customer-focus screen, the agenda and the report ask of the
//! register (ISO 9001 5.1.2): which items threaten or serve each
//! requirement and move each measure, whether top management reviewed them
//! in time, and which measures are off target with nothing addressing them.
//!
//! [`CustomerFocus::of`] indexes the links in one pass over the items and
//! one over the meetings; every question after that is a look-up.

use std::collections::HashMap;

use super::audit;
use super::dates::{Date, Timestamp};
use super::ids;
use super::model::{
    Customer, Item, ItemStatus, Kind, Measure, Meeting, MeetingKind, Reading, Register,
    Requirement, Review,
};

/// The last readings a trend shows.
pub const TREND_READINGS: usize = 6;

/// The customer-focus view of one register on one day.
pub struct CustomerFocus<'a> {
    register: &'a Register,
    today: Date,
    /// Each requirement's and measure's linked items, highest band first.
    by_requirement: HashMap<&'a str, Vec<&'a Item>>,
    by_measure: HashMap<&'a str, Vec<&'a Item>>,
    last_top_review: HashMap<&'a str, (&'a Meeting, &'a Review)>,
    first_high_band: usize,
    /// Requirements and measures by the customer they are owed to, and
    /// those of every customer.
    requirements_by_customer: HashMap<&'a str, Vec<&'a Requirement>>,
    measures_by_customer: HashMap<&'a str, Vec<&'a Measure>>,
    general_requirements: Vec<&'a Requirement>,
    general_measures: Vec<&'a Measure>,
}

/// Which way the latest reading moved from the one before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trend {
    Better,
    Worse,
    Level,
    /// Fewer than two readings.
    Unknown,
}

impl Trend {
    pub fn label(self) -> &'static str {
        match self {
            Trend::Better => "improving",
            Trend::Worse => "worsening",
            Trend::Level => "level",
            Trend::Unknown => "no trend yet",
        }
    }

    /// One character beside the numbers: an arrow, never colour alone.
    pub fn arrow(self) -> &'static str {
        match self {
            Trend::Better => "↑",
            Trend::Worse => "↓",
            Trend::Level => "→",
            Trend::Unknown => "·",
        }
    }
}

/// A measure with what the screen and the report say of it.
pub struct MeasureStanding<'a> {
    pub measure: &'a Measure,
    pub latest: Option<&'a Reading>,
    pub off_target: bool,
    /// Off target, and no open item links it.
    pub unaddressed: bool,
    pub trend: Trend,
}

impl<'a> CustomerFocus<'a> {
    pub fn of(register: &'a Register, today: Date) -> CustomerFocus<'a> {
        let mut by_requirement: HashMap<&str, Vec<&Item>> = HashMap::new();
        let mut by_measure: HashMap<&str, Vec<&Item>> = HashMap::new();
        for item in &register.items {
            for id in &item.requirements {
                by_requirement.entry(id).or_default().push(item);
            }
            for id in &item.measures {
                by_measure.entry(id).or_default().push(item);
            }
        }
        let scales = &register.scales;
        let highest_first = |a: &&Item, b: &&Item| {
            let (sa, sb) = (a.current.value(), b.current.value());
            scales
                .band_index(sb)
                .cmp(&scales.band_index(sa))
                .then(sb.cmp(&sa))
                .then_with(|| ids::compare(&a.id, &b.id))
        };
        for list in by_requirement.values_mut().chain(by_measure.values_mut()) {
            list.sort_by(highest_first);
            list.dedup_by(|a, b| a.id == b.id);
        }
        let mut requirements_by_customer: HashMap<&str, Vec<&Requirement>> = HashMap::new();
        let mut general_requirements = Vec::new();
        for requirement in &register.requirements {
            match requirement.customer.as_deref() {
                Some(c) => requirements_by_customer
                    .entry(c)
                    .or_default()
                    .push(requirement),
                None => general_requirements.push(requirement),
            }
        }
        let mut measures_by_customer: HashMap<&str, Vec<&Measure>> = HashMap::new();
        let mut general_measures = Vec::new();
        for measure in &register.measures {
            match measure.customer.as_deref() {
                Some(c) => measures_by_customer.entry(c).or_default().push(measure),
                None => general_measures.push(measure),
            }
        }
        CustomerFocus {
            register,
            today,
            by_requirement,
            by_measure,
            requirements_by_customer,
            measures_by_customer,
            general_requirements,
            general_measures,
            last_top_review: audit::last_top_reviews(register, today),
            first_high_band: audit::first_high_band(register),
        }
    }

    pub fn register(&self) -> &'a Register {
        self.register
    }

    /// The items linking the requirement, highest band first.
    pub fn items_for_requirement(&self, id: &str) -> &[&'a Item] {
        self.by_requirement.get(id).map_or(&[], Vec::as_slice)
    }

    /// The items linking the measure, highest band first.
    pub fn items_for_measure(&self, id: &str) -> &[&'a Item] {
        self.by_measure.get(id).map_or(&[], Vec::as_slice)
    }

    /// The customer's own requirements, in the file's order (see
    /// [`Self::general_requirements`] for those owed to every customer).
    pub fn requirements_of(&self, customer: &str) -> &[&'a Requirement] {
        let found = self.requirements_by_customer.get(customer);
        found.map_or(&[], Vec::as_slice)
    }

    /// Requirements owed to every customer (statutory ones, mostly).
    pub fn general_requirements(&self) -> &[&'a Requirement] {
        &self.general_requirements
    }

    /// The customer's own measures, in the file's order.
    pub fn measures_of(&self, customer: &str) -> &[&'a Measure] {
        let found = self.measures_by_customer.get(customer);
        found.map_or(&[], Vec::as_slice)
    }

    /// Requirements naming a customer the register does not hold (an
    /// error `check` reports), by that id.
    pub fn requirements_of_unknown_customers(&self) -> Vec<(&'a str, &[&'a Requirement])> {
        let mut unknown: Vec<(&str, &[&Requirement])> = self
            .requirements_by_customer
            .iter()
            .filter(|(id, _)| self.register.customer(id).is_none())
            .map(|(id, list)| (*id, list.as_slice()))
            .collect();
        unknown.sort_by(|a, b| ids::compare(a.0, b.0));
        unknown
    }

    /// Measures of every customer.
    pub fn general_measures(&self) -> &[&'a Measure] {
        &self.general_measures
    }

    pub fn is_high(&self, item: &Item) -> bool {
        self.register
            .scales
            .band_index(item.current.value())
            .is_some_and(|b| b >= self.first_high_band)
    }

    /// The item's last review in a closed meeting with top management present.
    pub fn last_top_review(&self, item: &str) -> Option<(&'a Meeting, &'a Review)> {
        self.last_top_review.get(item).copied()
    }

    /// Whether that review still holds today (as the audit view counts it).
    pub fn reviewed_in_time(&self, item: &Item) -> bool {
        audit::reviewed_in_time(
            &self.register.scales,
            item,
            self.last_top_review(&item.id),
            self.today,
        )
    }

    /// The latest review with top management of any of the items.
    pub fn last_top_review_of(&self, items: &[&Item]) -> Option<(&'a Meeting, &'a Review)> {
        items
            .iter()
            .filter_map(|i| self.last_top_review(&i.id))
            .max_by_key(|(m, r)| (m.started, r.at))
    }

    /// Open actions of the items, with their item.
    pub fn open_actions(&self, items: &[&'a Item]) -> Vec<(&'a Item, &'a super::Action)> {
        items
            .iter()
            .flat_map(|i| {
                i.actions
                    .iter()
                    .filter(|a| a.status.is_open())
                    .map(move |a| (*i, a))
            })
            .collect()
    }

    pub fn standing(&self, measure: &'a Measure) -> MeasureStanding<'a> {
        let off_target = measure.is_off_target();
        let addressed = self
            .items_for_measure(&measure.id)
            .iter()
            .any(|i| i.status != ItemStatus::Closed);
        MeasureStanding {
            measure,
            latest: measure.latest(),
            off_target,
            unaddressed: off_target && !addressed,
            trend: trend(measure),
        }
    }

    /// Requirements of key customers that a live High/Critical risk
    /// threatens, with those risks.
    pub fn key_requirements_at_high_risk(&self) -> Vec<(&'a Requirement, Vec<&'a Item>)> {
        let register = self.register;
        let key = |c: &str| register.customer(c).is_some_and(|c| c.key);
        register
            .requirements
            .iter()
            .filter(|r| r.customer.as_deref().is_some_and(key))
            .filter_map(|r| {
                let risks: Vec<&Item> = self
                    .items_for_requirement(&r.id)
                    .iter()
                    .copied()
                    .filter(|i| {
                        i.kind == Kind::Risk && i.status != ItemStatus::Closed && self.is_high(i)
                    })
                    .collect();
                (!risks.is_empty()).then_some((r, risks))
            })
            .collect()
    }

    /// Measures with a reading off target dated after `since` (all
    /// readings when `None`), with the first such reading.
    pub fn off_target_since(&self, since: Option<Date>) -> Vec<(&'a Measure, &'a Reading)> {
        self.register
            .measures
            .iter()
            .filter_map(|m| {
                m.readings
                    .iter()
                    .filter(|r| since.is_none_or(|s| r.date > s))
                    .find(|r| !m.target.is_met_by(r.value))
                    .map(|r| (m, r))
            })
            .collect()
    }

    pub fn customer(&self, id: &str) -> Option<&'a Customer> {
        self.register.customer(id)
    }
}

/// When the last closed meeting of `kind` closed; `None` if none has.
pub fn last_closed_meeting(register: &Register, kind: MeetingKind) -> Option<Timestamp> {
    register
        .meetings
        .iter()
        .filter(|m| m.kind == kind)
        .filter_map(|m| m.closed)
        .max()
}

/// The latest reading against the one before, for the measure's direction.
pub fn trend(measure: &Measure) -> Trend {
    match measure.readings.as_slice() {
        [.., before, latest] => {
            let rise = latest.value.0 - before.value.0;
            let better = if measure.target.higher_is_better() {
                rise
            } else {
                -rise
            };
            if better.abs() < f64::EPSILON * latest.value.0.abs().max(1.0) {
                Trend::Level
            } else if better > 0.0 {
                Trend::Better
            } else {
                Trend::Worse
            }
        }
        _ => Trend::Unknown,
    }
}

/// The last readings, oldest first, for a trend.
pub fn recent(measure: &Measure) -> &[Reading] {
    let start = measure.readings.len().saturating_sub(TREND_READINGS);
    &measure.readings[start..]
}

/// A bar per reading, eight heights from the lowest to the highest of
/// those shown (level when they are all alike).
pub fn sparkline(readings: &[Reading]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let values = readings.iter().map(|r| r.value.0);
    let (low, high) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
        (l.min(v), h.max(v))
    });
    readings
        .iter()
        .map(|r| {
            if high - low <= f64::EPSILON {
                BARS[3]
            } else {
                let at = ((r.value.0 - low) / (high - low) * 7.0).round() as usize;
                BARS[at.min(7)]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
