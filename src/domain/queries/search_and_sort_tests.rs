//! The search's fast path and the list's sort agree with the plain definitions.

use super::*;
use crate::domain::testing::sample;
use proptest::prelude::*;

#[test]
fn search_ignores_case_in_ascii_and_beyond() {
    assert!(contains_folded("Sole SUPPLIER of housings", "supplier"));
    assert!(contains_folded("Größe der ÄNDERUNG", "änderung"));
    assert!(!contains_folded("Dust", "dusty"));
    assert!(contains_folded("anything", ""));
}

proptest! {
    /// The fast path gives the answer lowercasing a copy would.
    #[test]
    fn folded_search_agrees_with_lowercasing(
        haystack in "[a-zA-Z0-9 \\-éÄK\u{212a}]{0,24}",
        needle in "[a-zA-Z0-9 \\-éäk]{0,4}",
    ) {
        let needle = needle.to_lowercase();
        prop_assert_eq!(
            contains_folded(&haystack, &needle),
            haystack.to_lowercase().contains(&needle)
        );
    }

    /// Sorting on values worked out once gives the order comparing
    /// item by item does, for every key and direction.
    #[test]
    fn sorted_agrees_with_the_list_order(
        titles in proptest::collection::vec("[a-cA-C]{0,2}", 1..12),
        ids in proptest::collection::vec("(R|O|x)-?[0-9]{0,2}", 1..12),
        key in 0..SortKey::ALL.len(),
        reverse in any::<bool>(),
    ) {
        let mut register = sample();
        let template = register.items[0].clone();
        register.items = titles
            .iter()
            .zip(ids.iter().cycle())
            .enumerate()
            .map(|(n, (title, id))| {
                let mut item = template.clone();
                item.title = title.clone();
                item.id = id.clone();
                item.current = Score::new((n % 3) as u8 + 1, 2);
                item.next_review = (n % 2 == 0).then(|| Date::parse("2026-12-01").unwrap().add_days(n as i64 % 3));
                item
            })
            .collect();
        let sort = SortKey::ALL[key];
        let all: Vec<usize> = (0..register.items.len()).collect();
        let mut expected = all.clone();
        expected.sort_by(|&a, &b| {
            list_order(sort, reverse, (a, &register.items[a]), (b, &register.items[b]))
        });
        prop_assert_eq!(sorted(&register, all, sort, reverse), expected);
    }
}
