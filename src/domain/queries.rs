//! Questions the screens and reports ask of a register: filter, sort, what is
//! due or overdue, and how many items sit in each cell of the matrix.
//!
//! Everything takes `today` as an argument; the domain never reads the clock.

use std::cmp::{Ordering, Reverse};

use super::dates::Date;
use super::ids;
use super::model::{Action, Affects, Item, ItemStatus, Kind, Register, Score};
use super::scoring::Scales;

/// Which position of an item on the matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Position {
    Current,
    Target,
}

impl Position {
    /// Where the item sits; `None` for the target of an item without one.
    pub fn of(self, item: &Item) -> Option<Score> {
        match self {
            Position::Current => Some(item.current),
            Position::Target => item.target,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Position::Current => "current",
            Position::Target => "target",
        }
    }
}

/// Review date has passed and the item is still live.
pub fn review_overdue(item: &Item, today: Date) -> bool {
    item.status != ItemStatus::Closed && item.next_review.is_some_and(|d| d < today)
}

/// Review falls due on or before `today` (overdue included).
pub fn review_due(item: &Item, today: Date) -> bool {
    item.status != ItemStatus::Closed && item.next_review.is_some_and(|d| d <= today)
}

pub fn action_overdue(action: &Action, today: Date) -> bool {
    action.status.is_open() && action.due < today
}

pub fn open_actions(item: &Item) -> usize {
    item.actions.iter().filter(|a| a.status.is_open()).count()
}

pub fn overdue_actions(item: &Item, today: Date) -> usize {
    item.actions
        .iter()
        .filter(|a| action_overdue(a, today))
        .count()
}

/// Anything about the item that is late: its review or one of its actions.
pub fn is_overdue(item: &Item, today: Date) -> bool {
    review_overdue(item, today) || overdue_actions(item, today) > 0
}

/// What the list shows. Empty fields match everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub kind: Option<Kind>,
    /// Band name, compared without regard to case.
    pub band: Option<String>,
    pub status: Option<ItemStatus>,
    /// A people id.
    pub owner: Option<String>,
    pub affects: Option<Affects>,
    pub overdue: bool,
    /// Incremental search over id, title, description and owner (id and name).
    pub text: String,
    /// One matrix cell, as chosen on the heat map.
    pub cell: Option<(Position, Score)>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    pub fn matches(&self, register: &Register, item: &Item, today: Date) -> bool {
        self.matches_text(register, item, today, &self.text.to_lowercase())
    }

    /// As [`Filter::matches`], with the search text lowercased once by the
    /// caller for a whole pass over the items.
    pub fn matches_text(
        &self,
        register: &Register,
        item: &Item,
        today: Date,
        lowercase_text: &str,
    ) -> bool {
        self.kind.is_none_or(|k| item.kind == k)
            && self.band.as_ref().is_none_or(|b| {
                register
                    .scales
                    .band_name(item.current.value())
                    .eq_ignore_ascii_case(b)
            })
            && self.status.is_none_or(|s| item.status == s)
            && self.owner.as_ref().is_none_or(|o| item.owner == *o)
            && self.affects.is_none_or(|a| item.affects.contains(&a))
            && (!self.overdue || is_overdue(item, today))
            // A cell counts live items only (as the heat map does).
            && self
                .cell
                .is_none_or(|(pos, cell)| item.status != ItemStatus::Closed && pos.of(item) == Some(cell))
            && text_matches(register, item, lowercase_text)
    }

    /// A short description of what is active, for a status line; empty when nothing is.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(k) = self.kind {
            parts.push(format!("kind={}", k.label()));
        }
        if let Some(b) = &self.band {
            parts.push(format!("band={b}"));
        }
        if let Some(s) = self.status {
            parts.push(format!("status={}", s.label()));
        }
        if let Some(o) = &self.owner {
            parts.push(format!("owner={o}"));
        }
        if let Some(a) = self.affects {
            parts.push(format!("affects={}", a.label()));
        }
        if self.overdue {
            parts.push("overdue".to_string());
        }
        if let Some((pos, s)) = self.cell {
            parts.push(format!(
                "{} cell L{}×{}",
                pos.label(),
                s.likelihood,
                s.impact
            ));
        }
        if !self.text.is_empty() {
            parts.push(format!("search \"{}\"", self.text));
        }
        parts.join(", ")
    }
}

/// Whether any searched field of `item` holds `needle`, already lowercased.
fn text_matches(register: &Register, item: &Item, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    [
        item.id.as_str(),
        item.title.as_str(),
        item.description.as_str(),
        item.owner.as_str(),
        register.person_name(&item.owner),
    ]
    .iter()
    .any(|field| contains_folded(field, needle))
}

/// Every searched field of `item`, lowercased, one per line: a needle
/// (which holds no line break) is in it exactly when [`Filter::matches`]
/// finds it in a field.
pub fn search_text(register: &Register, item: &Item) -> String {
    [
        item.id.as_str(),
        item.title.as_str(),
        item.description.as_str(),
        item.owner.as_str(),
        register.person_name(&item.owner),
    ]
    .map(str::to_lowercase)
    .join("\n")
}

/// `haystack.to_lowercase().contains(needle)` for a lowercase `needle`,
/// without lowercasing a copy when both are ASCII (nearly every field):
/// a search letter then costs one pass over the text, no allocation.
pub fn contains_folded(haystack: &str, needle: &str) -> bool {
    if !(needle.is_ascii() && haystack.is_ascii()) {
        return haystack.to_lowercase().contains(needle);
    }
    let (hay, wanted) = (haystack.as_bytes(), needle.as_bytes());
    let Some((&first, _)) = wanted.split_first() else {
        return true;
    };
    if wanted.len() > hay.len() {
        return false;
    }
    let upper = first.to_ascii_uppercase();
    hay.windows(wanted.len())
        .any(|w| (w[0] == first || w[0] == upper) && w.eq_ignore_ascii_case(wanted))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum SortKey {
    /// Highest score first.
    #[default]
    Score,
    Id,
    /// Soonest review first; items without a review date last.
    Review,
    Title,
    Owner,
    Status,
}

impl SortKey {
    pub const ALL: [SortKey; 6] = [
        SortKey::Score,
        SortKey::Id,
        SortKey::Review,
        SortKey::Title,
        SortKey::Owner,
        SortKey::Status,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SortKey::Score => "score",
            SortKey::Id => "id",
            SortKey::Review => "review",
            SortKey::Title => "title",
            SortKey::Owner => "owner",
            SortKey::Status => "status",
        }
    }

    pub fn next(self) -> SortKey {
        let at = SortKey::ALL.iter().position(|k| *k == self).unwrap_or(0);
        SortKey::ALL[(at + 1) % SortKey::ALL.len()]
    }

    /// The order of two items under this key, ties broken by id.
    pub fn compare(self, a: &Item, b: &Item) -> Ordering {
        self.value(a)
            .cmp(&self.value(b))
            .then_with(|| ids::compare(&a.id, &b.id))
    }

    /// What `item` sorts by under this key.
    pub fn value(self, item: &Item) -> SortValue<'_> {
        match self {
            SortKey::Score => SortValue::Score(Reverse(item.current.value())),
            SortKey::Id => SortValue::Nothing,
            SortKey::Review => SortValue::Review(item.next_review.is_none(), item.next_review),
            SortKey::Title => SortValue::Title(item.title.to_lowercase()),
            SortKey::Owner => SortValue::Owner(&item.owner),
            SortKey::Status => SortValue::Status(item.status),
        }
    }
}

/// The order of the list: `sort` (reversed on request), then the item's
/// index in the register, so an incremental update agrees with [`select`].
pub fn list_order(
    sort: SortKey,
    reverse: bool,
    (a_index, a): (usize, &Item),
    (b_index, b): (usize, &Item),
) -> Ordering {
    let order = sort.compare(a, b);
    let order = if reverse { order.reverse() } else { order };
    order.then(a_index.cmp(&b_index))
}

/// Indices into `register.items` of the items that pass `filter`, in order.
pub fn select(
    register: &Register,
    filter: &Filter,
    sort: SortKey,
    reverse: bool,
    today: Date,
) -> Vec<usize> {
    let text = filter.text.to_lowercase();
    let picked: Vec<usize> = register
        .items
        .iter()
        .enumerate()
        .filter(|(_, item)| filter.matches_text(register, item, today, &text))
        .map(|(i, _)| i)
        .collect();
    sorted(register, picked, sort, reverse)
}

/// `picked` in the list's order ([`list_order`]). Each item's sort value
/// is worked out once (a lowercased title, a parsed id), not once per
/// comparison.
pub fn sorted(register: &Register, picked: Vec<usize>, sort: SortKey, reverse: bool) -> Vec<usize> {
    let mut keyed: Vec<(SortValue, IdOrder, usize)> = picked
        .into_iter()
        .map(|i| {
            let item = &register.items[i];
            (sort.value(item), IdOrder::of(&item.id), i)
        })
        .collect();
    // The index last makes every key unique: an unstable sort gives the same order.
    keyed.sort_unstable_by(|a, b| {
        let order = a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1));
        let order = if reverse { order.reverse() } else { order };
        order.then(a.2.cmp(&b.2))
    });
    keyed.into_iter().map(|(_, _, i)| i).collect()
}

/// What one item sorts by under a key, in the order [`SortKey::compare`] gives.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SortValue<'a> {
    Score(Reverse<u32>),
    Nothing,
    Review(bool, Option<Date>),
    Title(String),
    Owner(&'a str),
    Status(ItemStatus),
}

/// An id with its parsed prefix and number, ordered as [`ids::compare`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdOrder<'a> {
    raw: &'a str,
    parsed: Option<(&'a str, u32)>,
}

impl<'a> IdOrder<'a> {
    pub fn of(id: &'a str) -> IdOrder<'a> {
        IdOrder {
            raw: id,
            parsed: ids::parse(id),
        }
    }
}

impl Ord for IdOrder<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self.parsed, other.parsed) {
            (Some((pa, na)), Some((pb, nb))) => {
                pa.cmp(pb).then(na.cmp(&nb)).then(self.raw.cmp(other.raw))
            }
            _ => self.raw.cmp(other.raw),
        }
    }
}

impl PartialOrd for IdOrder<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// An action with the index of the item that holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActionRef {
    pub item: usize,
    pub action: usize,
}

/// Whether the actions view shows an action under its owner filter.
pub fn action_shown(action: &Action, owner: Option<&str>) -> bool {
    owner.is_none_or(|o| action.owner == o)
}

/// The order of the actions view: open overdue ones first (most late
/// first), then other open ones by due date, then finished ones; ties by
/// action id, then by where the action is in the register.
pub fn action_order(
    today: Date,
    (a_ref, a): (ActionRef, &Action),
    (b_ref, b): (ActionRef, &Action),
) -> Ordering {
    let group = |action: &Action| {
        if action_overdue(action, today) {
            0
        } else if action.status.is_open() {
            1
        } else {
            2
        }
    };
    (group(a), a.due, &a.id)
        .cmp(&(group(b), b.due, &b.id))
        .then((a_ref.item, a_ref.action).cmp(&(b_ref.item, b_ref.action)))
}

/// Every action across the register, in [`action_order`].
pub fn all_actions(register: &Register, owner: Option<&str>, today: Date) -> Vec<ActionRef> {
    let action = |r: &ActionRef| &register.items[r.item].actions[r.action];
    let mut refs: Vec<ActionRef> = register
        .items
        .iter()
        .enumerate()
        .flat_map(|(i, item)| {
            (0..item.actions.len()).map(move |a| ActionRef { item: i, action: a })
        })
        .filter(|r| action_shown(action(r), owner))
        .collect();
    refs.sort_by(|a, b| action_order(today, (*a, action(a)), (*b, action(b))));
    refs
}

/// How many live items sit in each cell: `counts[likelihood - 1][impact - 1]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeatMap {
    pub counts: Vec<Vec<usize>>,
    /// Live items left off a target map because they have no target.
    pub without_target: usize,
}

impl HeatMap {
    pub fn count(&self, score: Score) -> usize {
        self.counts
            .get(usize::from(score.likelihood).wrapping_sub(1))
            .and_then(|row| row.get(usize::from(score.impact).wrapping_sub(1)))
            .copied()
            .unwrap_or(0)
    }

    pub fn total(&self) -> usize {
        self.counts.iter().flatten().sum()
    }

    /// Counts `item` in (`add`) or takes it out again, as [`heat_map`] counts it.
    pub fn count_item(
        &mut self,
        scales: &Scales,
        kind: Kind,
        position: Position,
        item: &Item,
        add: bool,
    ) {
        if item.kind != kind || item.status == ItemStatus::Closed {
            return;
        }
        let slot = match position.of(item) {
            Some(s) if scales.fits(kind, s) => self
                .counts
                .get_mut(usize::from(s.likelihood) - 1)
                .and_then(|row| row.get_mut(usize::from(s.impact) - 1)),
            Some(_) => None,
            None => Some(&mut self.without_target),
        };
        if let Some(count) = slot {
            *count = if add {
                *count + 1
            } else {
                count.saturating_sub(1)
            };
        }
    }
}

/// Counts of items of one kind per cell, closed items left out. Scores off
/// the scale are not counted (validation reports them).
pub fn heat_map(register: &Register, kind: Kind, position: Position) -> HeatMap {
    let scales = &register.scales;
    let rows = usize::from(scales.max_likelihood());
    let cols = usize::from(scales.max_consequence(kind));
    let mut map = HeatMap {
        counts: vec![vec![0; cols]; rows],
        without_target: 0,
    };
    for item in &register.items {
        map.count_item(scales, kind, position, item, true);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ActionStatus;
    use crate::domain::testing::{action, sample};

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn ids(register: &Register, picked: &[usize]) -> Vec<String> {
        picked
            .iter()
            .map(|&i| register.items[i].id.clone())
            .collect()
    }

    #[test]
    fn review_overdue_only_after_the_date_and_never_for_closed_items() {
        let mut r = sample();
        let item = &mut r.items[0];
        item.next_review = Some(day("2026-11-20"));
        assert!(!review_overdue(item, day("2026-11-20")));
        assert!(review_due(item, day("2026-11-20")));
        assert!(review_overdue(item, day("2026-11-21")));
        item.status = ItemStatus::Closed;
        assert!(!review_overdue(item, day("2026-11-21")));
    }

    #[test]
    fn actions_are_overdue_only_while_open() {
        let mut a = action("A-009", "qlead", "2026-11-01");
        assert!(action_overdue(&a, day("2026-11-02")));
        assert!(!action_overdue(&a, day("2026-11-01")));
        a.status = ActionStatus::Done;
        assert!(!action_overdue(&a, day("2026-11-02")));
    }

    #[test]
    fn filter_by_kind_owner_and_text() {
        let r = sample();
        let today = day("2026-11-21");
        let mut f = Filter {
            kind: Some(Kind::Risk),
            ..Filter::default()
        };
        assert_eq!(
            ids(&r, &select(&r, &f, SortKey::Id, false, today)),
            ["R-001", "R-002"]
        );
        f = Filter {
            owner: Some("jsmith".into()),
            ..Filter::default()
        };
        assert_eq!(
            ids(&r, &select(&r, &f, SortKey::Id, false, today)),
            ["O-001"]
        );
        // Owner's display name matches too, regardless of case.
        f = Filter {
            text: "PAUL".into(),
            ..Filter::default()
        };
        assert_eq!(
            ids(&r, &select(&r, &f, SortKey::Id, false, today)),
            ["R-001", "R-002"]
        );
        f = Filter {
            text: "SUPPLIER".into(),
            ..Filter::default()
        };
        assert_eq!(
            ids(&r, &select(&r, &f, SortKey::Id, false, today)),
            ["R-001"]
        );
    }

    #[test]
    fn filter_by_band_and_overdue() {
        let r = sample();
        let f = Filter {
            band: Some("critical".into()),
            ..Filter::default()
        };
        assert_eq!(
            ids(&r, &select(&r, &f, SortKey::Id, false, day("2026-11-21"))),
            ["R-001"]
        );
        let f = Filter {
            overdue: true,
            ..Filter::default()
        };
        // R-001's action is due 2026-12-31; R-002's review was 2026-11-01.
        assert_eq!(
            ids(&r, &select(&r, &f, SortKey::Id, false, day("2026-11-21"))),
            ["R-002"]
        );
        assert_eq!(
            ids(&r, &select(&r, &f, SortKey::Id, false, day("2027-01-05"))),
            ["R-001", "R-002"]
        );
    }

    #[test]
    fn sorting_by_score_review_and_reversed() {
        let r = sample();
        let all = Filter::default();
        let today = day("2026-11-21");
        assert_eq!(
            ids(&r, &select(&r, &all, SortKey::Score, false, today)),
            ["R-001", "O-001", "R-002"]
        );
        assert_eq!(
            ids(&r, &select(&r, &all, SortKey::Score, true, today)),
            ["R-002", "O-001", "R-001"]
        );
        assert_eq!(
            ids(&r, &select(&r, &all, SortKey::Review, false, today)),
            ["R-002", "R-001", "O-001"]
        );
    }

    #[test]
    fn heat_map_counts_live_items_per_cell() {
        let mut r = sample();
        let m = heat_map(&r, Kind::Risk, Position::Current);
        assert_eq!(m.count(Score::new(4, 4)), 1);
        assert_eq!(m.count(Score::new(2, 2)), 1);
        assert_eq!(m.total(), 2);
        let t = heat_map(&r, Kind::Risk, Position::Target);
        assert_eq!(t.count(Score::new(2, 3)), 1);
        assert_eq!(
            t.count(Score::new(2, 2)),
            0,
            "no target: not on the target map"
        );
        assert_eq!(t.without_target, 1);
        r.items[1].status = ItemStatus::Closed;
        assert_eq!(heat_map(&r, Kind::Risk, Position::Current).total(), 1);
        assert_eq!(
            heat_map(&r, Kind::Opportunity, Position::Current).total(),
            1
        );
    }

    #[test]
    fn all_actions_puts_overdue_first() {
        let mut r = sample();
        r.items[1]
            .actions
            .push(action("A-002", "qlead", "2026-10-01"));
        r.items[1]
            .actions
            .push(action("A-003", "jsmith", "2026-12-01"));
        let today = day("2026-11-21");
        let order: Vec<&str> = all_actions(&r, None, today)
            .iter()
            .map(|a| r.items[a.item].actions[a.action].id.as_str())
            .collect();
        assert_eq!(order, ["A-002", "A-003", "A-001"]);
        let mine = all_actions(&r, Some("pjones"), today);
        assert_eq!(mine.len(), 1);
    }

    #[test]
    fn filter_describes_itself() {
        let f = Filter {
            kind: Some(Kind::Risk),
            overdue: true,
            text: "dust".into(),
            ..Filter::default()
        };
        assert_eq!(f.describe(), "kind=Risk, overdue, search \"dust\"");
        assert_eq!(Filter::default().describe(), "");
    }
}

#[cfg(test)]
mod search_and_sort_tests;
