//! Escalation: a re-score into a higher band brings the next review
//! forward to at most today plus that band's review interval, so a risk
//! that just got worse is not left waiting for a date set when it was mild.

use super::dates::Date;
use super::model::{Item, ItemStatus, Score};
use super::scoring::Scales;

/// Whether `after` falls in a higher band than `before`.
pub fn is_escalation(scales: &Scales, before: Score, after: Score) -> bool {
    scales.band_index(after.value()) > scales.band_index(before.value())
}

/// The next review after re-scoring from `before` to `after` on `today`:
/// brought forward to today plus the new band's interval when the band
/// rose, else `next_review` unchanged. Never later than `next_review`.
pub fn review_after_rescore(
    scales: &Scales,
    before: Score,
    after: Score,
    next_review: Option<Date>,
    today: Date,
) -> Option<Date> {
    if !is_escalation(scales, before, after) {
        return next_review;
    }
    let Some(days) = scales.review_days_for(after.value()) else {
        return next_review;
    };
    let limit = today.add_days(i64::from(days));
    Some(next_review.map_or(limit, |date| date.min(limit)))
}

/// Applies [`review_after_rescore`] to an item already holding its new
/// score; returns the new review date when it moved. Closed items keep
/// theirs: nothing is reviewed once closed.
pub fn escalate(scales: &Scales, item: &mut Item, before: Score, today: Date) -> Option<Date> {
    if item.status == ItemStatus::Closed {
        return None;
    }
    let moved = review_after_rescore(scales, before, item.current, item.next_review, today);
    if moved == item.next_review {
        return None;
    }
    item.next_review = moved;
    moved
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::sample;

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    const TODAY: &str = "2026-11-21";

    #[test]
    fn a_higher_band_brings_the_review_forward_to_its_interval() {
        let scales = Scales::default();
        // Medium (180 days) to Critical (30 days), review half a year away.
        let moved = review_after_rescore(
            &scales,
            Score::new(3, 3),
            Score::new(5, 5),
            Some(day("2027-05-01")),
            day(TODAY),
        );
        assert_eq!(moved, Some(day("2026-12-21")));
        // No review date at all: one is set.
        let set = review_after_rescore(
            &scales,
            Score::new(1, 1),
            Score::new(2, 5),
            None,
            day(TODAY),
        );
        assert_eq!(set, Some(day("2027-02-19")), "High: 90 days");
    }

    #[test]
    fn the_same_or_a_lower_band_leaves_the_review_alone() {
        let scales = Scales::default();
        let review = Some(day("2027-05-01"));
        // 3×4 = 12 and 2×5 = 10 are both High.
        let same = review_after_rescore(
            &scales,
            Score::new(3, 4),
            Score::new(2, 5),
            review,
            day(TODAY),
        );
        assert_eq!(same, review);
        let lower = review_after_rescore(
            &scales,
            Score::new(5, 5),
            Score::new(1, 1),
            Some(day("2026-11-25")),
            day(TODAY),
        );
        assert_eq!(lower, Some(day("2026-11-25")), "not pushed later");
    }

    #[test]
    fn escalation_never_pushes_a_review_later() {
        let scales = Scales::default();
        let soon = Some(day("2026-11-30"));
        let moved = review_after_rescore(
            &scales,
            Score::new(1, 1),
            Score::new(5, 5),
            soon,
            day(TODAY),
        );
        assert_eq!(moved, soon, "already sooner than today + 30 days");
    }

    #[test]
    fn escalate_moves_a_live_item_and_says_so_but_not_a_closed_one() {
        let mut r = sample();
        let scales = r.scales.clone();
        let item = &mut r.items[2]; // O-001 3×3 Medium, review 2027-03-01
        item.current = Score::new(4, 4);
        assert_eq!(
            escalate(&scales, item, Score::new(3, 3), day(TODAY)),
            Some(day("2026-12-21"))
        );
        assert_eq!(item.next_review, Some(day("2026-12-21")));
        item.current = Score::new(5, 5);
        assert_eq!(
            escalate(&scales, item, Score::new(4, 4), day(TODAY)),
            None,
            "Critical to Critical moves nothing"
        );
        item.status = ItemStatus::Closed;
        item.next_review = None;
        assert_eq!(escalate(&scales, item, Score::new(1, 1), day(TODAY)), None);
        assert_eq!(item.next_review, None);
    }
}
