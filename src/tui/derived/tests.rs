//! `items_changed` must leave the interface exactly as a rebuild from
//! scratch (`data_changed`) would: random changes to random App states.

use std::path::PathBuf;

use proptest::prelude::*;

use super::ItemChange;
use crate::domain::testing::{action, item, sample};
use crate::domain::{
    ActionStatus, Date, Filter, ItemStatus, Kind, Position, Register, Score, SortKey, Timestamp,
};
use crate::tui::app::App;

fn today() -> Date {
    Date::from_ymd(2026, 11, 21).unwrap()
}

const OWNERS: [&str; 4] = ["jsmith", "pjones", "qlead", "gone"];
const TITLES: [&str; 5] = [
    "Dust in the clean room",
    "dust in the Clean Room",
    "Sole supplier misses deliveries",
    "Calibration drifts",
    "",
];

/// xorshift64*: a register of `n` items from `seed`, with many ties in
/// every sort key (few titles, owners, dates), so the tie-breaks matter.
fn generated(seed: u64, n: usize) -> Register {
    let mut state = seed | 1;
    let mut next = move |below: usize| {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        (state.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % below
    };
    let mut r = sample();
    r.items.clear();
    r.meetings.clear();
    let mut action_number = 0;
    for number in 1..=n {
        let kind = if next(4) == 0 {
            Kind::Opportunity
        } else {
            Kind::Risk
        };
        let id = format!("{}-{number:03}", kind.id_prefix());
        let mut it = item(&id, kind, TITLES[next(TITLES.len())]);
        it.owner = OWNERS[next(3)].into();
        it.current = Score::new(next(5) as u8 + 1, next(5) as u8 + 1);
        it.target = (next(3) > 0).then(|| Score::new(next(5) as u8 + 1, next(5) as u8 + 1));
        it.status = ItemStatus::ALL[next(5)];
        it.next_review = (next(4) > 0).then(|| today().add_days(next(60) as i64 - 30));
        for _ in 0..next(4) {
            action_number += 1;
            let due = today().add_days(next(40) as i64 - 20).to_string();
            let mut a = action(&format!("A-{action_number:03}"), OWNERS[next(3)], &due);
            a.status = [ActionStatus::Open, ActionStatus::Done][next(2)];
            it.actions.push(a);
        }
        r.items.push(it);
    }
    r.normalise();
    r
}

/// What the interface shows and how: sort, filter, owner filter, heat map.
#[derive(Clone, Debug)]
struct Settings {
    sort: SortKey,
    reverse: bool,
    filter: Filter,
    owner: Option<String>,
    heat: (Kind, Position),
    /// Where the selections are, as a share of the rows (0..100).
    selected: (usize, usize),
    detail: (usize, usize),
}

fn filter(n: usize) -> Filter {
    let mut f = Filter::default();
    match n {
        0 => {}
        1 => f.kind = Some(Kind::Risk),
        2 => f.status = Some(ItemStatus::Treating),
        3 => f.owner = Some("pjones".into()),
        4 => f.overdue = true,
        5 => f.text = "dust".into(),
        6 => f.band = Some("high".into()),
        7 => f.cell = Some((Position::Target, Score::new(2, 3))),
        _ => {
            f.kind = Some(Kind::Opportunity);
            f.overdue = true;
        }
    }
    f
}

fn settings() -> impl Strategy<Value = Settings> {
    (
        0..SortKey::ALL.len(),
        any::<bool>(),
        0..9usize,
        0..5usize,
        any::<(bool, bool)>(),
        (0..100usize, 0..100usize),
        (0..100usize, 0..6usize),
    )
        .prop_map(
            |(sort, reverse, f, owner, (opportunity, target), selected, detail)| Settings {
                sort: SortKey::ALL[sort],
                reverse,
                filter: filter(f),
                owner: OWNERS.get(owner).map(|o| o.to_string()),
                heat: (
                    if opportunity {
                        Kind::Opportunity
                    } else {
                        Kind::Risk
                    },
                    if target {
                        Position::Target
                    } else {
                        Position::Current
                    },
                ),
                selected,
                detail,
            },
        )
}

/// An app on `register` showing it as `settings` say, derived state built from scratch.
fn app(register: Register, s: &Settings) -> App {
    let now = Timestamp::parse("2026-11-21T09:00:00Z").unwrap();
    let mut app = App::new(
        register,
        PathBuf::from("t.ron"),
        today(),
        now,
        Some("qlead".into()),
    );
    app.list.sort = s.sort;
    app.list.reverse = s.reverse;
    app.list.filter = s.filter.clone();
    app.actions.owner = s.owner.clone();
    (app.heat.kind, app.heat.position) = s.heat;
    app.data_changed();
    // Made, as a search letter would make them, so a change must keep them.
    app.list.haystacks = Some(crate::tui::list_view::search_texts(&app.register));
    app.list.selected = app.list.view.len() * s.selected.0 / 100;
    app.actions.selected = app.actions.rows.len() * s.selected.1 / 100;
    app.remember_action_selection();
    let items = &app.register.items;
    app.detail.item_id = items
        .get(items.len() * s.detail.0 / 100)
        .map_or(String::new(), |i| i.id.clone());
    app.detail.action = s.detail.1;
    app
}

/// One random change to the register, as the keys could make it; returns
/// the id of the item it touched.
fn apply(r: &mut Register, (what, which, value): (u8, usize, usize), fresh: &mut usize) -> String {
    let count = r.items.len();
    if what == 9 || count == 0 {
        *fresh += 1;
        let kind = if value % 3 == 0 {
            Kind::Opportunity
        } else {
            Kind::Risk
        };
        // Now and then an id wider than any, to widen the ID column.
        let digits = if value % 5 == 0 { 7 } else { 3 };
        let id = format!("{}-{:0digits$}", kind.id_prefix(), 900 + *fresh);
        let mut new = item(&id, kind, TITLES[value % TITLES.len()]);
        new.current = Score::new((value % 5) as u8 + 1, (value / 5 % 5) as u8 + 1);
        new.next_review = Some(today().add_days(value as i64 % 9 - 4));
        new.actions.push(action(
            &format!("A-9{fresh:03}"),
            OWNERS[value % 4],
            "2026-11-20",
        ));
        let at = r.item_slot(&id).unwrap_err();
        r.items.insert(at, new);
        return id;
    }
    let at = which % count;
    let id = r.items[at].id.clone();
    if what == 10 {
        r.items.remove(at);
        return id;
    }
    let it = &mut r.items[at];
    let level = |n: usize| (n % 5) as u8 + 1;
    match what {
        0 => it.current = Score::new(level(value), level(value / 5)),
        1 => it.target = (value % 4 > 0).then(|| Score::new(level(value), level(value / 5))),
        2 => it.status = ItemStatus::ALL[value % 5],
        3 => it.owner = OWNERS[value % 4].into(),
        4 => it.next_review = (value % 4 > 0).then(|| today().add_days(value as i64 % 9 - 4)),
        5 => it.title = TITLES[value % TITLES.len()].into(),
        6 => {
            *fresh += 1;
            let due = today().add_days(value as i64 % 9 - 4).to_string();
            let new = action(&format!("A-8{fresh:03}"), OWNERS[value % 4], &due);
            it.actions.push(new);
            // In the file's order, as every change keeps an item's actions.
            it.actions
                .sort_by(|a, b| crate::domain::ids::compare(&a.id, &b.id));
        }
        7 => {
            let which = value % it.actions.len().max(1);
            if let Some(a) = it.actions.get_mut(which) {
                a.status = ActionStatus::Done;
            }
        }
        _ => {
            if !it.actions.is_empty() {
                it.actions.remove(value % it.actions.len());
            }
        }
    }
    id
}

fn assert_same(got: &App, want: &App) {
    assert_eq!(got.list.view, want.list.view, "list.view");
    assert_eq!(got.list.selected, want.list.selected, "list.selected");
    assert_eq!(got.overdue.reviews, want.overdue.reviews, "overdue reviews");
    assert_eq!(got.overdue.actions, want.overdue.actions, "overdue actions");
    assert_eq!(got.heat.map, want.heat.map, "heat.map");
    assert_eq!(got.actions.rows, want.actions.rows, "actions.rows");
    assert_eq!(
        got.actions.selected, want.actions.selected,
        "actions.selected"
    );
    assert_eq!(
        got.actions.selected_id, want.actions.selected_id,
        "actions.selected_id"
    );
    assert_eq!(got.list.id_width, want.list.id_width, "list.id_width");
    assert_eq!(got.detail.action, want.detail.action, "detail.action");
    let searched = crate::tui::list_view::search_texts(&got.register);
    assert_eq!(got.list.haystacks, Some(searched), "search texts");
}

/// Changes `app`'s register, updates it with `items_changed` and compares
/// it with an app whose derived state is built from scratch.
fn check(register: Register, s: &Settings, changes: &[(u8, usize, usize)]) {
    let mut got = app(register, s);
    // Every sort column's order made, so the change must keep each up to date.
    for key in SortKey::ALL {
        crate::tui::list_view::order_for(&mut got.list.orders, &got.register, key);
    }
    let selected_id = got.selected_item().map(|i| i.id.clone());
    let selected = got.list.selected;
    let action = (got.actions.selected, got.actions.selected_id.clone());
    let mut touched: Vec<ItemChange> = Vec::new();
    let mut fresh = 0;
    for &change in changes {
        let mut next = got.register.clone();
        let id = apply(&mut next, change, &mut fresh);
        if !touched.iter().any(|t| t.id == id) {
            let before = got.register.item(&id).cloned();
            touched.push(ItemChange { id, before });
        }
        got.register = next;
    }
    got.items_changed(&touched);
    got.orders_agree();

    // From scratch, as `refresh` does it with the selections as they were;
    // the selected item is known by its id from before the change
    // (`refresh` reads it through the old indices, which an added or
    // removed item shifts).
    let mut want = app(got.register.clone(), s);
    want.list.selected = selected;
    (want.actions.selected, want.actions.selected_id) = action;
    want.detail.item_id.clone_from(&got.detail.item_id);
    want.detail.action = s.detail.1;
    want.list.view.clear();
    want.data_changed();
    let still_shown = selected_id.and_then(|id| {
        want.list
            .view
            .iter()
            .position(|&i| want.register.items[i].id == id)
    });
    if let Some(at) = still_shown {
        want.list.selected = at;
    }
    assert_same(&got, &want);
}

fn changes() -> impl Strategy<Value = Vec<(u8, usize, usize)>> {
    prop::collection::vec((0..11u8, 0..1000usize, 0..1000usize), 1..4)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn the_sample_register_updates_as_a_rebuild_would(s in settings(), c in changes()) {
        // In the file's order, as loading keeps a register.
        let mut register = sample();
        register.normalise();
        check(register, &s, &c);
    }

    #[test]
    fn a_register_of_hundreds_updates_as_a_rebuild_would(
        seed in any::<u64>(),
        s in settings(),
        c in changes(),
    ) {
        check(generated(seed, 300), &s, &c);
    }
}

/// `n` then `z`: the new item, last in id order and selected, is taken out
/// again. (`refresh` alone reads the selection through the old indices,
/// one past the end now, and panics.)
#[test]
fn removing_the_selected_last_item_keeps_the_row_and_drops_the_item() {
    let mut register = sample();
    register
        .items
        .push(item("R-003", Kind::Risk, "Something new"));
    register.normalise();
    let s = Settings {
        sort: SortKey::Id,
        reverse: false,
        filter: Filter::default(),
        owner: None,
        heat: (Kind::Risk, Position::Current),
        selected: (0, 0),
        detail: (0, 0),
    };
    let mut app = app(register, &s);
    app.list.selected = 3;
    assert_eq!(app.selected_item().unwrap().id, "R-003");
    let before = app.register.items.pop();
    app.items_changed(&[ItemChange {
        id: "R-003".into(),
        before,
    }]);
    assert_eq!(app.list.view, [0, 1, 2]);
    assert_eq!(app.selected_item().unwrap().id, "R-002");
    assert_eq!(app.heat.map.total(), 2);
}

/// Search keys as typed: a letter (some that change case), Backspace
/// (`None`), or now and then a sort change.
fn search_keys() -> impl Strategy<Value = Vec<Option<char>>> {
    prop::collection::vec(
        prop::option::weighted(
            0.7,
            prop::sample::select(vec!['d', 'U', 's', 't', ' ', 'c', 'Σ', 'é']),
        ),
        1..14,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Narrowing on each letter and going back on Backspace shows what
    /// searching every item from scratch would, in the same order.
    #[test]
    fn a_typed_search_shows_what_a_full_search_would(
        seed in any::<u64>(),
        sort in 0..SortKey::ALL.len(),
        keys in search_keys(),
    ) {
        let now = Timestamp::parse("2026-11-21T09:00:00Z").unwrap();
        let mut app = App::new(generated(seed, 120), PathBuf::from("t.ron"), today(), now, None);
        app.list.sort = SortKey::ALL[sort];
        app.list_changed();
        for key in keys {
            match key {
                Some(c) => {
                    let before = app.list.filter.text.clone();
                    app.list.filter.text.push(c);
                    app.search_extended(before);
                }
                None => {
                    app.list.filter.text.pop();
                    app.search_shortened();
                }
            }
            let want = crate::domain::queries::select(
                &app.register, &app.list.filter, app.list.sort, app.list.reverse, today(),
            );
            prop_assert_eq!(&app.list.view, &want, "search {:?}", app.list.filter.text);
        }
    }
}

/// What the list keys do to the view: the next sort column, the other
/// direction, or a filter (by its number in [`filter`]).
#[derive(Clone, Copy, Debug)]
enum ListKey {
    Sort,
    Reverse,
    Filter(usize),
}

fn list_keys() -> impl Strategy<Value = Vec<ListKey>> {
    prop::collection::vec(
        prop_oneof![
            Just(ListKey::Sort),
            Just(ListKey::Reverse),
            (0..9usize).prop_map(ListKey::Filter),
        ],
        1..16,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The list made from the orders kept per sort column is the one
    /// filtering and sorting every item gives, ties (an id written twice)
    /// included, and a new sort keeps the same item selected.
    #[test]
    fn a_kept_order_shows_what_a_full_sort_would(
        seed in any::<u64>(),
        twins in prop::collection::vec(1..150usize, 0..4),
        selected in 0..100usize,
        keys in list_keys(),
    ) {
        let mut register = generated(seed, 150);
        for at in twins {
            register.items[at].id = register.items[at - 1].id.clone();
        }
        let now = Timestamp::parse("2026-11-21T09:00:00Z").unwrap();
        let mut app = App::new(register, PathBuf::from("t.ron"), today(), now, None);
        for key in keys {
            app.list.selected = app.list.view.len() * selected / 100;
            let before = app.list.view.get(app.list.selected).copied();
            match key {
                ListKey::Sort => {
                    app.list.sort = app.list.sort.next();
                    app.sort_changed();
                }
                ListKey::Reverse => {
                    app.list.reverse = !app.list.reverse;
                    app.sort_changed();
                }
                ListKey::Filter(f) => {
                    app.list.filter = filter(f);
                    app.list_changed();
                }
            }
            let want = crate::domain::queries::select(
                &app.register, &app.list.filter, app.list.sort, app.list.reverse, today(),
            );
            prop_assert_eq!(&app.list.view, &want, "{:?}", key);
            if !matches!(key, ListKey::Filter(_)) {
                prop_assert_eq!(app.list.view.get(app.list.selected).copied(), before);
            }
        }
        app.orders_agree();
    }
}
