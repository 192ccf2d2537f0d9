//! Keeps what the interface derives from the register (the list, the
//! overdue counts, the heat map, the actions view, the ID column's width
//! and the selections) up to date after a change that touched a few items,
//! at a cost in proportion to the change rather than to the register: the
//! same result as `App::data_changed`, without re-filtering and re-sorting
//! everything on every keystroke.

use std::cmp::Ordering;

use crate::domain::queries::{self, ActionRef};
use crate::domain::{Action, Item, Register, SortKey, ids};

use super::app::{App, ID_WIDTH_AT_MOST};
use super::list_view::tie;

/// One item a change touched: its id and the item as it was before (`None`: it is new). The item as it is now is in `app.register` (absent: it was removed).
#[derive(Clone, Debug)]
pub struct ItemChange {
    pub id: String,
    pub before: Option<Item>,
}

impl App {
    /// Brings the list view, overdue counts, heat map, actions rows, the ID column width and the selections up to date after a change that touched only these items (the register is already changed). Same result as `refresh()` (= `data_changed()`), in O(changed items × log n) plus at most a memmove of the index vectors.
    ///
    /// Adding or removing an item shifts the indices after it: that costs
    /// one pass over the index vectors (plain `usize`s). A change that does
    /// not fit the register (an id twice, items out of id order around a
    /// changed one) rebuilds everything instead.
    pub fn items_changed(&mut self, changed: &[ItemChange]) {
        // Rows kept for Backspace name items as they were.
        self.list.narrowed.clear();
        let Some(plan) = Plan::new(&self.register, changed) else {
            // The old indices cannot be trusted: start from the top row.
            self.list.view.clear();
            self.data_changed();
            return;
        };
        let selected = self
            .list
            .view
            .get(self.list.selected)
            .and_then(|&old| plan.shift.map(old));
        self.shift_indices(&plan.shift);
        self.update_haystacks(&plan);
        self.update_counts(&plan);
        self.update_view(&plan);
        self.update_action_rows(&plan);
        self.update_id_width(&plan);
        self.keep_selections(selected);
    }

    fn shift_indices(&mut self, shift: &Shift) {
        if shift.is_none() {
            return;
        }
        self.list.view.retain_mut(|i| match shift.map(*i) {
            Some(now) => {
                *i = now;
                true
            }
            None => false,
        });
        for order in self.list.orders.by_key.iter_mut().flatten() {
            // Every item is in an order: only the removed ones leave it.
            order.items.retain_mut(|i| match shift.map(*i) {
                Some(now) => {
                    *i = now;
                    true
                }
                None => false,
            });
        }
        self.actions.rows.retain_mut(|r| match shift.map(r.item) {
            Some(now) => {
                r.item = now;
                true
            }
            None => false,
        });
    }

    /// The search texts, when made, follow the items: the touched ones are
    /// made again, the others move with their item, so the first search
    /// letter after a change scans rather than lowercases every item.
    fn update_haystacks(&mut self, plan: &Plan) {
        let Some(was) = self.list.haystacks.take() else {
            return;
        };
        let register = &self.register;
        let mut now = if plan.shift.is_none() {
            was
        } else {
            let mut now = vec![String::new(); register.items.len()];
            for (old, text) in was.into_iter().enumerate() {
                if let Some(at) = plan.shift.map(old) {
                    now[at] = text;
                }
            }
            now
        };
        let touched = plan
            .edited
            .iter()
            .map(|e| e.0)
            .chain(plan.added.iter().copied());
        for at in touched {
            now[at] = queries::search_text(register, &register.items[at]);
        }
        self.list.haystacks = Some(now);
    }

    /// Takes out what each item counted for before and adds what it counts for now.
    fn update_counts(&mut self, plan: &Plan) {
        let (today, kind, position) = (self.today, self.heat.kind, self.heat.position);
        let scales = &self.register.scales;
        let befores = plan
            .edited
            .iter()
            .map(|e| e.1)
            .chain(plan.removed.iter().copied());
        for item in befores {
            self.overdue.reviews = self
                .overdue
                .reviews
                .saturating_sub(usize::from(queries::review_overdue(item, today)));
            self.overdue.actions = self
                .overdue
                .actions
                .saturating_sub(queries::overdue_actions(item, today));
            self.heat
                .map
                .count_item(scales, kind, position, item, false);
        }
        let nows = plan
            .edited
            .iter()
            .map(|e| e.0)
            .chain(plan.added.iter().copied());
        for at in nows {
            let item = &self.register.items[at];
            self.overdue.reviews += usize::from(queries::review_overdue(item, today));
            self.overdue.actions += queries::overdue_actions(item, today);
            self.heat.map.count_item(scales, kind, position, item, true);
        }
    }

    fn update_view(&mut self, plan: &Plan) {
        let (sort, reverse, today) = (self.list.sort, self.list.reverse, self.today);
        let (register, filter) = (&self.register, &self.list.filter);
        let shown = |item: &Item| filter.matches(register, item, today);
        update_order(
            &mut self.list.view,
            plan,
            &register.items,
            sort,
            reverse,
            shown,
        );
        // Each sort column's order made so far, of every item.
        for (&key, order) in SortKey::ALL.iter().zip(&mut self.list.orders.by_key) {
            let Some(order) = order else { continue };
            update_order(&mut order.items, plan, &register.items, key, false, |_| {
                true
            });
            // A moved or new item may now tie with a neighbour; taking
            // one out never makes a tie.
            let moved = plan
                .edited
                .iter()
                .map(|e| e.0)
                .chain(plan.added.iter().copied());
            for at in moved {
                let items = &register.items;
                let place = order.items.partition_point(|&j| {
                    queries::list_order(key, false, (j, &items[j]), (at, &items[at]))
                        == Ordering::Less
                });
                let next_to =
                    |j: Option<&usize>| j.is_some_and(|&j| tie(key, &items[j], &items[at]));
                let before = place.checked_sub(1).and_then(|p| order.items.get(p));
                if next_to(before) || next_to(order.items.get(place + 1)) {
                    order.ties = true;
                }
            }
        }
    }

    fn update_action_rows(&mut self, plan: &Plan) {
        let today = self.today;
        let owner = self.actions.owner.as_deref();
        let items = &self.register.items;
        let rows = &mut self.actions.rows;
        for (done, &(at, before)) in plan.edited.iter().enumerate() {
            let now = &items[at];
            for a in 0..before.actions.len().max(now.actions.len()) {
                let me = ActionRef {
                    item: at,
                    action: a,
                };
                let key = |r: ActionRef| plan.action_as_of(items, r, done, a);
                let sorts_before = |r: ActionRef, action: &Action| {
                    queries::action_order(today, (r, key(r)), (me, action)) == Ordering::Less
                };
                let was = before
                    .actions
                    .get(a)
                    .filter(|x| queries::action_shown(x, owner));
                let from = was.and_then(|was| find(rows, me, |r| sorts_before(r, was)));
                match now
                    .actions
                    .get(a)
                    .filter(|x| queries::action_shown(x, owner))
                {
                    Some(is) => reposition(rows, from, Some(me), |r| sorts_before(r, is)),
                    None => reposition(rows, from, None, |_| false),
                }
            }
        }
        for &at in &plan.added {
            for (a, action) in items[at].actions.iter().enumerate() {
                if !queries::action_shown(action, owner) {
                    continue;
                }
                let me = ActionRef {
                    item: at,
                    action: a,
                };
                reposition(rows, None, Some(me), |r: ActionRef| {
                    let other = &items[r.item].actions[r.action];
                    queries::action_order(today, (r, other), (me, action)) == Ordering::Less
                });
            }
        }
    }

    fn update_id_width(&mut self, plan: &Plan) {
        let widest_went = plan
            .removed
            .iter()
            .any(|item| id_columns(&item.id) >= self.list.id_width);
        if widest_went {
            // Rare: the widest id may have gone, so look at them all.
            self.list.id_width = widest_id(&self.register);
            return;
        }
        for &at in &plan.added {
            let columns = id_columns(&self.register.items[at].id);
            self.list.id_width = self.list.id_width.max(columns);
        }
    }

    /// The selection rules of `refresh`: the same item stays selected where
    /// it is still shown, the actions view keeps its action by id, and
    /// every selection stays within what there is.
    fn keep_selections(&mut self, selected: Option<usize>) {
        let (sort, reverse) = (self.list.sort, self.list.reverse);
        let items = &self.register.items;
        let still_shown = selected.and_then(|at| {
            find(&self.list.view, at, |j| {
                queries::list_order(sort, reverse, (j, &items[j]), (at, &items[at]))
                    == Ordering::Less
            })
        });
        self.list.selected = still_shown
            .unwrap_or(self.list.selected)
            .min(self.list.view.len().saturating_sub(1));
        if let Some(at) = self
            .actions
            .selected_id
            .as_ref()
            .and_then(|keep| self.action_row(keep))
        {
            self.actions.selected = at;
        }
        self.clamp_selections();
    }

    /// The row of the actions view that shows this (item id, action id).
    fn action_row(&self, (item_id, action_id): &(String, String)) -> Option<usize> {
        let at = slot(&self.register, item_id).ok()?;
        let item = &self.register.items[at];
        let today = self.today;
        let rows = &self.actions.rows;
        // An action id twice in one item (a hand-edited file): the first row wins.
        item.actions
            .iter()
            .enumerate()
            .filter(|(_, action)| action.id == *action_id)
            .filter_map(|(a, action)| {
                let me = ActionRef {
                    item: at,
                    action: a,
                };
                find(rows, me, |r: ActionRef| {
                    let other = &self.register.items[r.item].actions[r.action];
                    queries::action_order(today, (r, other), (me, action)) == Ordering::Less
                })
            })
            .min()
    }
}

/// Keeps `view` (indices, in the list's order for `sort` and `reverse`,
/// of the items `shown` picks) up to date after the change `plan` made,
/// the indices already shifted.
fn update_order(
    view: &mut Vec<usize>,
    plan: &Plan,
    items: &[Item],
    sort: SortKey,
    reverse: bool,
    shown: impl Fn(&Item) -> bool,
) {
    // One edited item at a time: those not yet moved still sit where
    // their old state sorted them, so the list stays sorted throughout.
    for (done, &(at, before)) in plan.edited.iter().enumerate() {
        let key = |j: usize| plan.item_as_of(items, j, done);
        let sorts_before = |j: usize, item: &Item| {
            queries::list_order(sort, reverse, (j, key(j)), (at, item)) == Ordering::Less
        };
        let from = find(view, at, |j| sorts_before(j, before));
        let now = &items[at];
        let to = shown(now).then_some(at);
        reposition(view, from, to, |j| sorts_before(j, now));
    }
    for &at in &plan.added {
        let item = &items[at];
        if shown(item) {
            reposition(view, None, Some(at), |j| {
                queries::list_order(sort, reverse, (j, &items[j]), (at, item)) == Ordering::Less
            });
        }
    }
}

/// What a change did to the register's list of items.
struct Plan<'a> {
    shift: Shift,
    /// Items changed in place: (index now, as it was before), by index.
    edited: Vec<(usize, &'a Item)>,
    /// Indices now of new items, ascending.
    added: Vec<usize>,
    /// Items that are gone, as they were.
    removed: Vec<&'a Item>,
}

impl<'a> Plan<'a> {
    /// `None` when the change does not fit the register as it is now.
    fn new(register: &Register, changed: &'a [ItemChange]) -> Option<Plan<'a>> {
        let items = &register.items;
        let mut edited = Vec::new();
        let mut added = Vec::new();
        // (where the id would go now, the item as it was)
        let mut removed = Vec::new();
        // The items around each place must be in id order, or the indices
        // found by id are not where the item is.
        let in_order = |a: &str, b: &str| ids::compare(a, b) == Ordering::Less;
        for change in changed {
            let id = change.id.as_str();
            let slot = slot(register, id);
            let (ahead, behind) = match slot {
                Ok(at) => (at.checked_sub(1), at + 1),
                Err(at) => (at.checked_sub(1), at),
            };
            let fits = ahead.is_none_or(|a| in_order(&items[a].id, id))
                && items.get(behind).is_none_or(|b| in_order(id, &b.id));
            if !fits {
                return None;
            }
            match (slot, &change.before) {
                (Ok(at), Some(before)) => edited.push((at, before)),
                (Ok(at), None) => added.push(at),
                (Err(at), Some(before)) => removed.push((at, before)),
                (Err(_), None) => {}
            }
        }
        edited.sort_unstable_by_key(|e| e.0);
        added.sort_unstable();
        removed.sort_unstable_by(|a, b| ids::compare(&a.1.id, &b.1.id));
        let twice = edited.windows(2).any(|w| w[0].0 == w[1].0)
            || added.windows(2).any(|w| w[0] == w[1])
            || removed.windows(2).any(|w| w[0].1.id == w[1].1.id)
            || edited.iter().any(|e| added.binary_search(&e.0).is_ok());
        if twice {
            return None;
        }
        // Before the change, a removed item had before it the items that
        // stayed (those now before its place, less the new ones) and the
        // removed ones before it.
        let removed_at = removed
            .iter()
            .enumerate()
            .map(|(rank, &(at, _))| at - added.partition_point(|&a| a < at) + rank)
            .collect();
        Some(Plan {
            shift: Shift::new(removed_at, &added),
            edited,
            added,
            removed: removed.into_iter().map(|r| r.1).collect(),
        })
    }

    /// The item at `at` as the list is sorted by while the first `done`
    /// edited items have been moved: as it was, for one not yet moved.
    fn item_as_of<'r>(&'r self, items: &'r [Item], at: usize, done: usize) -> &'r Item {
        match self.edited.binary_search_by_key(&at, |e| e.0) {
            Ok(k) if k >= done => self.edited[k].1,
            _ => &items[at],
        }
    }

    /// The action a row shows as the actions view is sorted by while the
    /// first `done` edited items, and the first `done_actions` actions of
    /// the next, have been moved.
    fn action_as_of<'r>(
        &'r self,
        items: &'r [Item],
        row: ActionRef,
        done: usize,
        done_actions: usize,
    ) -> &'r Action {
        match self.edited.binary_search_by_key(&row.item, |e| e.0) {
            Ok(k) if k > done || (k == done && row.action >= done_actions) => {
                &self.edited[k].1.actions[row.action]
            }
            _ => &items[row.item].actions[row.action],
        }
    }
}

/// Where the items that stayed went when some were added or removed.
struct Shift {
    /// Indices before the change of the items it removed, ascending.
    removed: Vec<usize>,
    /// For each new item, ascending: how many items that stayed come before it.
    added_after: Vec<usize>,
}

impl Shift {
    fn new(removed: Vec<usize>, added: &[usize]) -> Shift {
        let added_after = added.iter().enumerate().map(|(n, &a)| a - n).collect();
        Shift {
            removed,
            added_after,
        }
    }

    fn is_none(&self) -> bool {
        self.removed.is_empty() && self.added_after.is_empty()
    }

    /// The index now of the item at `old` before the change; `None`: removed.
    fn map(&self, old: usize) -> Option<usize> {
        if self.removed.binary_search(&old).is_ok() {
            return None;
        }
        let rank = old - self.removed.partition_point(|&r| r < old);
        Some(rank + self.added_after.partition_point(|&a| a <= rank))
    }
}

/// Where `entry` is in `list`, sorted so that `sorts_before` holds for
/// exactly the entries ahead of it.
fn find<T: Copy + PartialEq>(
    list: &[T],
    entry: T,
    sorts_before: impl Fn(T) -> bool,
) -> Option<usize> {
    let at = list.partition_point(|&x| sorts_before(x));
    (list.get(at) == Some(&entry)).then_some(at)
}

/// Takes the entry at `from` out of the sorted `list` and puts `to` where
/// it sorts (`sorts_before` holds for the entries ahead of it), moving
/// only the entries between the two places.
fn reposition<T: Copy>(
    list: &mut Vec<T>,
    from: Option<usize>,
    to: Option<T>,
    sorts_before: impl Fn(T) -> bool,
) {
    match (from, to) {
        (None, None) => {}
        (Some(from), None) => {
            list.remove(from);
        }
        (None, Some(entry)) => {
            let at = list.partition_point(|&x| sorts_before(x));
            list.insert(at, entry);
        }
        (Some(from), Some(entry)) => {
            // Where it goes among the others, the entry at `from` left out.
            let ahead = list[..from].partition_point(|&x| sorts_before(x));
            let at = if ahead < from {
                ahead
            } else {
                from + list[from + 1..].partition_point(|&x| sorts_before(x))
            };
            if at >= from {
                list[from..=at].rotate_left(1);
            } else {
                list[at..=from].rotate_right(1);
            }
            list[at] = entry;
        }
    }
}

/// Where the item with this id is, or would go, in a register kept in id
/// order. (`Register::item_slot` looks through every item for an id it
/// does not find, in case the list is out of order: O(n) for an id that
/// is not there, which a removed item's or a closed detail's is.)
fn slot(register: &Register, id: &str) -> Result<usize, usize> {
    register
        .items
        .binary_search_by(|item| ids::compare(&item.id, id))
}

fn id_columns(id: &str) -> usize {
    crate::text::width(&crate::text::one_line(id)).clamp(2, ID_WIDTH_AT_MOST)
}

/// The ID column's width as `App::data_changed` finds it.
fn widest_id(register: &Register) -> usize {
    register
        .items
        .iter()
        .map(|i| id_columns(&i.id))
        .max()
        .unwrap_or(0)
        .clamp(2, ID_WIDTH_AT_MOST)
}

#[cfg(test)]
mod tests;
