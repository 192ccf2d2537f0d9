use proptest::prelude::*;

use super::*;
use crate::domain::testing::{action, item, sample};
use crate::domain::{Kind, Register};
use crate::storage::save::to_text;

/// What the one whole parse gives, before normalising.
fn whole_parse(text: &str) -> Register {
    ron::from_str(text).expect("the text is a register")
}

fn with_titles(titles: &[String]) -> Register {
    let mut register = sample();
    for (n, title) in titles.iter().enumerate() {
        let mut new = item(&format!("R-{:03}", 100 + n), Kind::Risk, title);
        new.description = format!("{title}\\n({n}), [{n}]");
        new.actions
            .push(action(&format!("A-{:03}", 100 + n), "jsmith", "2026-12-01"));
        register.items.push(new);
    }
    register
}

#[test]
fn the_example_register_parses_in_runs_as_it_does_whole() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/example.ron"))
        .expect("the shipped example");
    let want = whole_parse(&text);
    assert!(!want.history.is_empty() && want.items.len() > 10);
    for runs in 1..=5 {
        let got = parse_cut(&text, runs, 1).expect("the example is cut");
        assert_eq!(got, want, "in {runs} runs");
    }
}

#[test]
fn runs_are_cut_between_elements_only() {
    let register = with_titles(&["a, b".into(), "(x)".into(), "[y]".into()]);
    let text = to_text(&register).unwrap();
    let lists = long_lists(&text).expect("followed");
    let items = lists.iter().find(|l| l.name == Name::Items).unwrap();
    assert_eq!(
        items.commas.len(),
        register.items.len(),
        "one comma after each item"
    );
    let runs = items.runs(&text, 3, 1);
    assert_eq!(runs.len(), 3);
    let parsed: Vec<Item> = runs
        .iter()
        .flat_map(|r| elements::<Item>(r).unwrap())
        .collect();
    assert_eq!(parsed, whole_parse(&text).items);
}

#[test]
fn what_the_scan_does_not_follow_goes_to_the_whole_parse() {
    let text = to_text(&sample()).unwrap();
    let commented = text.replacen("    items: [", "    // the risks\n    items: [", 1);
    let raw = text.replacen("title: \"", "title: r\"", 1);
    let attribute = format!("#![enable(implicit_some)]\n{text}");
    let twice = text.replacen("    meetings: [", "    items: [],\n    meetings: [", 1);
    for (what, text) in [
        ("comment", commented),
        ("raw string", raw),
        ("attribute", attribute),
        ("items twice", twice),
    ] {
        assert!(parse_cut(&text, 2, 1).is_none(), "{what}");
    }
    assert!(parse_cut(&text, 2, 1).is_some(), "the plain text is cut");
}

#[test]
fn a_bad_element_or_text_between_them_goes_to_the_whole_parse() {
    let text = to_text(&with_titles(&["one".into(), "two".into()])).unwrap();
    let bad_value = text.replacen("likelihood: 2", "likelihood: \"two\"", 1);
    let no_comma = text.replacen(
        "),\n        (\n            id: \"R-101\"",
        ")\n        (\n            id: \"R-101\"",
        1,
    );
    let two_commas = text.replacen(
        "),\n        (\n            id: \"R-101\"",
        "),,(\n            id: \"R-101\"",
        1,
    );
    for (what, bad) in [
        ("bad value", bad_value),
        ("no comma", no_comma),
        ("two commas", two_commas),
    ] {
        assert_ne!(bad, text, "{what}: the text was changed");
        assert!(
            ron::from_str::<Register>(&bad).is_err(),
            "{what}: the whole parse fails"
        );
        assert!(parse_cut(&bad, 3, 1).is_none(), "{what}");
    }
}

#[test]
fn a_large_register_with_an_error_is_named_as_the_whole_parse_names_it() {
    let titles: Vec<String> = (0..4000).map(|n| format!("Risk number {n}")).collect();
    let text = to_text(&with_titles(&titles)).unwrap();
    assert!(text.len() > 1 << 20, "large enough to be parsed in runs");
    let bad = text.replacen("id: \"A-2100\",", "id: \"A-2100\", due: \"soon\",", 1);
    let error = crate::storage::load::parse_text(&bad).unwrap_err();
    let error = format!("{error:?}");
    assert!(
        error.contains("items[") && error.contains("line"),
        "{error}"
    );
    let good = crate::storage::load::parse_text(&text).expect("parses in runs");
    assert_eq!(good.items.len(), titles.len() + sample().items.len());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Strings holding brackets, commas, quotes, escapes and any text never
    /// move a cut: the runs give what the whole parse gives.
    #[test]
    fn any_titles_parse_in_runs_as_whole(
        titles in prop::collection::vec("[\\\\\"(),\\[\\]{}a-z é\u{1F600}\n/'#r]{0,12}", 0..12),
        runs in 1usize..6,
    ) {
        let text = to_text(&with_titles(&titles)).unwrap();
        let got = parse_cut(&text, runs, 1);
        prop_assert_eq!(got, Some(whole_parse(&text)));
    }
}
