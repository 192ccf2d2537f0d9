//! The register list after its filter, search or sort changed while the
//! data did not: only the list is rebuilt, never the actions view, the
//! heat map or the audit. A search letter that extends the text narrows
//! the rows already shown instead of searching every item again, and the
//! rows before it are kept, so Backspace goes back to them at once.
//!
//! The list is never sorted here: each sort column's order of every item
//! is made once after the data changes (`ListState::orders`, kept up to
//! date by `items_changed`), and the list is that order with the rows not
//! shown left out. A new sort column keeps the rows shown, so it costs one
//! pass over the order, without a comparison or a filter.

use crate::domain::queries;
use crate::domain::{Item, Register, SortKey};

use super::app::{App, Order, Orders};

impl App {
    /// The filter or the sort changed: the list, and its selection kept on
    /// the same item where it is still shown.
    pub fn list_changed(&mut self) {
        let keep = self.list.view.get(self.list.selected).copied();
        self.list.narrowed.clear();
        let (register, filter, today) = (&self.register, &self.list.filter, self.today);
        let text = filter.text.to_lowercase();
        let shown: Vec<bool> = register
            .items
            .iter()
            .map(|item| filter.matches_text(register, item, today, &text))
            .collect();
        self.list.view = self.in_order(&shown);
        self.reselect_index(keep);
    }

    /// Only the sort (or its direction) changed: the same rows, in the new
    /// order, the selection kept on its item.
    pub fn sort_changed(&mut self) {
        let keep = self.list.view.get(self.list.selected).copied();
        self.list.narrowed.clear();
        let mut shown = vec![false; self.register.items.len()];
        for &i in &self.list.view {
            // An index past the end (from before a reload) shows nothing.
            if let Some(row) = shown.get_mut(i) {
                *row = true;
            }
        }
        self.list.view = self.in_order(&shown);
        self.reselect_index(keep);
    }

    /// The items `shown` says (by index), in the list's sort and direction.
    fn in_order(&mut self, shown: &[bool]) -> Vec<usize> {
        let (sort, reverse) = (self.list.sort, self.list.reverse);
        let order = order_for(&mut self.list.orders, &self.register, sort);
        let count = shown.iter().filter(|&&s| s).count();
        let mut view = Vec::with_capacity(count);
        if !reverse {
            view.extend(order.items.iter().copied().filter(|&i| shown[i]));
        } else if !order.ties {
            view.extend(order.items.iter().rev().copied().filter(|&i| shown[i]));
        } else {
            // Tied items keep register order both ways: sort them afresh.
            view.extend(order.items.iter().copied().filter(|&i| shown[i]));
            view = queries::sorted(&self.register, view, sort, true);
        }
        view
    }

    /// Puts the selection back on the item at index `keep` (the register
    /// did not change) if it is shown, else keeps the row number, within
    /// the list. By index, not id: no id compared, and an id written twice
    /// in a hand-edited file still keeps the very item selected.
    fn reselect_index(&mut self, keep: Option<usize>) {
        self.list.selected = keep
            .and_then(|k| self.list.view.iter().position(|&i| i == k))
            .unwrap_or(self.list.selected)
            .min(self.list.view.len().saturating_sub(1));
    }

    /// Text was added to the end of the search, which was `before`: only
    /// the rows shown can still match, already in order.
    pub fn search_extended(&mut self, before: String) {
        let text = self.list.filter.text.to_lowercase();
        // Lowercasing can depend on what follows (a Greek final sigma):
        // narrow only when the old text still starts the new one.
        if !text.starts_with(&before.to_lowercase()) {
            self.list_changed();
            return;
        }
        let keep = self.list.view.get(self.list.selected).copied();
        let register = &self.register;
        let haystacks = self
            .list
            .haystacks
            .get_or_insert_with(|| search_texts(register));
        // The rows shown pass every other filter already; only the text is new.
        let finder = memchr::memmem::Finder::new(text.as_bytes());
        let shown: Vec<usize> = self
            .list
            .view
            .iter()
            .copied()
            .filter(|&i| finder.find(haystacks[i].as_bytes()).is_some())
            .collect();
        let wider = std::mem::replace(&mut self.list.view, shown);
        self.list.narrowed.push((before, wider));
        self.reselect_index(keep);
    }

    /// Text was taken off the end of the search: the rows shown for it
    /// before, when they were kept.
    pub fn search_shortened(&mut self) {
        let kept = self
            .list
            .narrowed
            .last()
            .is_some_and(|(text, _)| *text == self.list.filter.text);
        if !kept {
            self.list_changed();
            return;
        }
        let keep = self.list.view.get(self.list.selected).copied();
        let (_, wider) = self.list.narrowed.pop().expect("checked above");
        self.list.view = wider;
        self.reselect_index(keep);
    }
}

/// Every item's lowercased search text, by index.
pub(crate) fn search_texts(register: &Register) -> Vec<String> {
    let items = register.items.iter();
    items
        .map(|item| queries::search_text(register, item))
        .collect()
}

/// The order of every item for `sort`, made now if it is not there.
pub(super) fn order_for<'a>(
    orders: &'a mut Orders,
    register: &Register,
    sort: SortKey,
) -> &'a Order {
    let at = key_slot(sort);
    orders.by_key[at].get_or_insert_with(|| {
        let all = (0..register.items.len()).collect();
        let items = queries::sorted(register, all, sort, false);
        let ties = items
            .windows(2)
            .any(|w| tie(sort, &register.items[w[0]], &register.items[w[1]]));
        Order { items, ties }
    })
}

/// Where `sort`'s order is kept in `Orders::by_key`.
pub(super) fn key_slot(sort: SortKey) -> usize {
    SortKey::ALL
        .iter()
        .position(|&k| k == sort)
        .expect("every key is in ALL")
}

/// Whether `a` and `b` sort the same under `sort`, id included.
pub(super) fn tie(sort: SortKey, a: &Item, b: &Item) -> bool {
    a.id == b.id && sort.value(a) == sort.value(b)
}

#[cfg(debug_assertions)]
impl App {
    /// Every order kept is the one made from scratch (checked after each
    /// change in debug builds, as the list itself is).
    pub(super) fn orders_agree(&self) {
        let (register, n) = (&self.register, self.register.items.len());
        for (&key, order) in SortKey::ALL.iter().zip(&self.list.orders.by_key) {
            let Some(order) = order else { continue };
            let fresh = queries::sorted(register, (0..n).collect(), key, false);
            assert_eq!(order.items, fresh, "the {} order kept", key.label());
            let ties = fresh
                .windows(2)
                .any(|w| tie(key, &register.items[w[0]], &register.items[w[1]]));
            assert!(order.ties || !ties, "a tie in the {} order", key.label());
        }
    }
}
