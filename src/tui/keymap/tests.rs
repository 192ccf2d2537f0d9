//! The shipped table: what a user of the defaults relies on.

use super::*;
use ratatui::crossterm::event::KeyEventKind;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new_with_kind(code, KeyModifiers::NONE, KeyEventKind::Press)
}

#[test]
fn vim_keys_and_arrows_both_move() {
    assert_eq!(
        Keymap::default().lookup(Screen::Register, &key(KeyCode::Char('j'))),
        Some(Intent::Down)
    );
    assert_eq!(
        Keymap::default().lookup(Screen::Register, &key(KeyCode::Down)),
        Some(Intent::Down)
    );
    assert_eq!(
        Keymap::default().lookup(Screen::Actions, &key(KeyCode::Char('k'))),
        Some(Intent::Up)
    );
}

#[test]
fn h_moves_left_on_the_heat_map_and_opens_it_elsewhere() {
    assert_eq!(
        Keymap::default().lookup(Screen::HeatMap, &key(KeyCode::Char('h'))),
        Some(Intent::Left)
    );
    assert_eq!(
        Keymap::default().lookup(Screen::Register, &key(KeyCode::Char('h'))),
        Some(Intent::HeatMap)
    );
    let help = Keymap::default().help(Screen::HeatMap);
    assert!(
        !help
            .iter()
            .any(|(keys, what)| *what == "heat map" && keys.contains('h')),
        "{help:?}"
    );
}

#[test]
fn digits_carry_their_level() {
    assert_eq!(
        Keymap::default().lookup(Screen::Detail, &key(KeyCode::Char('4'))),
        Some(Intent::Level(4))
    );
    assert_eq!(
        Keymap::default().lookup(Screen::Actions, &key(KeyCode::Char('4'))),
        None
    );
}

#[test]
fn every_esc_has_a_q_twin() {
    assert_eq!(
        Keymap::default().lookup(Screen::Detail, &key(KeyCode::Esc)),
        Some(Intent::Back)
    );
    assert_eq!(
        Keymap::default().lookup(Screen::Detail, &key(KeyCode::Char('q'))),
        Some(Intent::Back)
    );
}

#[test]
fn ctrl_c_quits_and_is_not_c() {
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(
        Keymap::default().lookup(Screen::Register, &ctrl_c),
        Some(Intent::Quit)
    );
    assert_eq!(
        Keymap::default().lookup(Screen::Register, &key(KeyCode::Char('c'))),
        Some(Intent::ClearFilter)
    );
}

#[test]
fn help_lists_each_key_of_the_screen_once() {
    let lines = Keymap::default().help(Screen::Register);
    assert!(
        lines
            .iter()
            .any(|(k, h)| k == "/" && h.starts_with("search"))
    );
    assert!(
        !lines
            .iter()
            .any(|(_, h)| *h == "mark the action done, then check effectiveness")
    );
    let hints = Keymap::default().hints(Screen::Register);
    assert!(hints.contains(&("?".to_string(), "help")));
}

mod rebinding {
    use super::super::overrides::{apply, table};
    use super::*;
    use ratatui::crossterm::event::KeyEventKind;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new_with_kind(code, KeyModifiers::NONE, KeyEventKind::Press)
    }

    fn char(c: char) -> KeyEvent {
        key(KeyCode::Char(c))
    }

    #[test]
    fn a_screen_key_moves_and_help_and_hints_follow() {
        let (keys, problems) = apply(r#"{ "register": { "Sort": ["o"] } }"#);
        assert_eq!(problems, []);
        assert_eq!(
            keys.lookup(Screen::Register, &char('o')),
            Some(Intent::Sort)
        );
        assert_eq!(keys.lookup(Screen::Register, &char('s')), None);
        assert!(keys.hints(Screen::Register).contains(&("o".into(), "sort")));
        assert!(
            keys.help(Screen::Register)
                .iter()
                .any(|(k, h)| k == "o" && *h == "next sort column")
        );
        assert_eq!(keys.key(Screen::Register, Intent::Sort), "o");
    }

    #[test]
    fn a_global_key_rebound_on_one_screen_stays_on_the_others() {
        let (keys, problems) = apply(r#"{ "actions": { "Save": ["W"] } }"#);
        assert_eq!(problems, []);
        assert_eq!(keys.lookup(Screen::Actions, &char('W')), Some(Intent::Save));
        assert_eq!(keys.lookup(Screen::Actions, &char('w')), None);
        assert_eq!(
            keys.lookup(Screen::Register, &char('w')),
            Some(Intent::Save)
        );
        assert_eq!(keys.lookup(Screen::Register, &char('W')), None);
    }

    #[test]
    fn every_screen_and_unbind() {
        let (keys, problems) = apply(
            "{\n  \"every-screen\": { \"Save\": [\"Ctrl-s\", \"F2\"] },\n  \"register\": { \"ClearFilter\": Unbind },\n}",
        );
        assert_eq!(problems, []);
        let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(keys.lookup(Screen::Detail, &ctrl_s), Some(Intent::Save));
        assert_eq!(
            keys.lookup(Screen::Audit, &key(KeyCode::F(2))),
            Some(Intent::Save)
        );
        assert_eq!(keys.lookup(Screen::Detail, &char('w')), None);
        assert_eq!(keys.lookup(Screen::Register, &char('c')), None);
        assert_eq!(keys.either(Screen::Register, Intent::Save), "Ctrl-S or F2");
    }

    #[test]
    fn popups_rebind_too() {
        let (keys, problems) = apply(r#"{ "quit-unsaved": { "QuitWithoutSaving": ["X"] } }"#);
        assert_eq!(problems, []);
        assert_eq!(
            keys.lookup(Popup::QuitUnsaved, &char('X')),
            Some(Intent::QuitWithoutSaving)
        );
        assert_eq!(keys.lookup(Popup::QuitUnsaved, &char('Q')), None);
        assert!(keys.help(Popup::QuitUnsaved).iter().any(|(k, _)| k == "X"));
    }

    #[test]
    fn bad_entries_are_reported_where_they_are_and_the_rest_applies() {
        let text = "{\n  \"register\": {\n    \"Sort\": [\"o\"],\n    \"Srot\": [\"p\"],\n    \"New\": [\"h\"],\n    \"Edit\": [\"Hyper-x\"],\n  },\n  \"regsiter\": { \"Sort\": [\"s\"] },\n  \"search\": { \"Accept\": [\"a\"] },\n  \"audit\": { \"Sort\": [\"s\"] },\n}\n";
        let (keys, problems) = apply(text);
        let said: Vec<String> = problems
            .iter()
            .map(|p| format!("{}:{} {}", p.line, p.column, p.message))
            .collect();
        assert_eq!(said.len(), 6, "{said:#?}");
        assert!(
            said[0].starts_with("4:5 register.Srot: not an intent"),
            "{said:#?}"
        );
        assert!(
            said[1].starts_with("5:5 register.New: \"h\" already means HeatMap"),
            "{said:#?}"
        );
        assert!(
            said[2].starts_with("6:5 register.Edit: \"Hyper-x\" is not a key"),
            "{said:#?}"
        );
        assert!(
            said[3].starts_with("8:3 \"regsiter\" is not a screen"),
            "{said:#?}"
        );
        assert!(
            said[4].contains("would be typed into the search"),
            "{said:#?}"
        );
        assert!(
            said[5]
                .starts_with("10:14 audit.Sort: Sort is not a key of audit; it is one of register"),
            "{said:#?}"
        );
        // The good entry applied; the bad ones kept their defaults.
        assert_eq!(
            keys.lookup(Screen::Register, &char('o')),
            Some(Intent::Sort)
        );
        assert_eq!(keys.lookup(Screen::Register, &char('n')), Some(Intent::New));
        assert_eq!(
            keys.lookup(Screen::Register, &char('h')),
            Some(Intent::HeatMap)
        );
    }

    #[test]
    fn a_file_that_does_not_parse_changes_nothing_and_says_where() {
        let (keys, problems) = apply("{\n  \"register\": { \"Sort\": [\"o\" },\n}");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 2, "{problems:?}");
        assert!(problems[0].message.ends_with("no key was changed"));
        assert_eq!(
            keys.lookup(Screen::Register, &char('s')),
            Some(Intent::Sort)
        );
    }

    #[test]
    fn the_table_lists_every_place_with_its_keys() {
        let (keys, _) = apply(r#"{ "register": { "Sort": ["o"] } }"#);
        let table = table(&keys);
        assert!(table.contains("register\n"));
        assert!(table.contains("quit-unsaved\n"));
        let sort = table
            .lines()
            .find(|l| l.trim_start().starts_with("Sort "))
            .unwrap();
        assert!(sort.contains(" o "), "{sort}");
    }

    #[test]
    fn every_key_spelling_parses_back() {
        for binding in Keymap::default().bindings() {
            for key in &binding.keys {
                if *key != Key::Digit {
                    assert_eq!(Key::parse(&key.spelling()), Ok(*key), "{key:?}");
                }
            }
        }
    }
}
