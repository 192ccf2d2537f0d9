//! The interface without a terminal: key sequences go into `update`, and the
//! state a user would notice comes out (selection, screens, forms, the
//! register, what is sent to the saver).
//!
//! Every key that `keymap::help` lists for a screen is exercised here;
//! `every_listed_key_is_covered_by_this_file` fails when a new one appears.

use std::cmp::Ordering;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use roreg::domain::edit::Scope;
use roreg::domain::queries::heat_map;
use roreg::domain::{
    ActionStatus, Affects, Date, Filter, Item, ItemStatus, Kind, Position, Register, Score,
    SortKey, Verdict, ids,
};
use roreg::storage::Fingerprint;
use roreg::tui::app::{App, Cmd, FormPurpose, OnDisk, Overlay, Scoring};
use roreg::tui::keymap::{Keymap, Screen};
use roreg::tui::update::{Msg, update};

#[path = "common/keys.rs"]
mod keys;
use keys::focus_field as focus;
use keys::*;

// ---------------------------------------------------------------- helpers

fn alt_code(app: &mut App, code: KeyCode) -> Cmd {
    send(app, KeyEvent::new(code, KeyModifiers::ALT))
}

fn paste(app: &mut App, text: &str) -> Cmd {
    update(app, Msg::Paste(text.to_string()))
}

fn other_fingerprint(tag: &str) -> Fingerprint {
    Fingerprint::of(tag.as_bytes())
}

/// The ids of the register list, top to bottom.
fn visible(app: &App) -> Vec<String> {
    app.list
        .view
        .iter()
        .map(|&i| app.register.items[i].id.clone())
        .collect()
}

fn selected_id(app: &App) -> String {
    app.selected_item().expect("an item is selected").id.clone()
}

/// Scores a new item's form (each level starts at "choose", and → steps
/// to level 1, 2, …), after giving it the ISO links it lacks.
#[track_caller]
fn score_new_item(app: &mut App, likelihood: usize, impact: usize) {
    link_new_item(app);
    for (key, level) in [("Likelihood", likelihood), ("Impact", impact)] {
        focus(app, key);
        for _ in 0..level {
            press_code(app, KeyCode::Right);
        }
    }
}

/// Moves the register selection onto `id` with `g` and `j`.
#[track_caller]
fn select(app: &mut App, id: &str) {
    assert_eq!(app.screen(), Screen::Register);
    press(app, "g");
    for _ in 0..app.list.view.len() {
        if selected_id(app) == id {
            return;
        }
        press(app, "j");
    }
    assert_eq!(selected_id(app), id, "{id} is not in the list");
}

/// Opens the detail of `id` from the register.
fn open_detail(app: &mut App, id: &str) {
    select(app, id);
    assert_no_cmd(press_code(app, KeyCode::Enter));
    assert_eq!(app.screen(), Screen::Detail);
    assert_eq!(app.detail.item_id, id);
}

fn text_matches(register: &Register, item: &Item, needle: &str) -> bool {
    let needle = needle.to_lowercase();
    [
        item.id.as_str(),
        item.title.as_str(),
        item.description.as_str(),
        item.owner.as_str(),
        register.person_name(&item.owner),
    ]
    .iter()
    .any(|f| f.to_lowercase().contains(&needle))
}

/// The list order a sort column should give, worked out here independently
/// of the query code.
fn expected_order(register: &Register, sort: SortKey) -> Vec<String> {
    let mut items: Vec<&Item> = register.items.iter().collect();
    let primary = |a: &Item, b: &Item| -> Ordering {
        match sort {
            SortKey::Score => b.current.value().cmp(&a.current.value()),
            SortKey::Id => Ordering::Equal,
            SortKey::Review => match (a.next_review, b.next_review) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            },
            SortKey::Title => a.title.to_lowercase().cmp(&b.title.to_lowercase()),
            SortKey::Owner => a.owner.cmp(&b.owner),
            SortKey::Status => a.status.cmp(&b.status),
        }
    };
    items.sort_by(|a, b| primary(a, b).then_with(|| ids::compare(&a.id, &b.id)));
    items.into_iter().map(|i| i.id.clone()).collect()
}

/// The number after the dash of the highest id with this prefix, plus one,
/// written as the program writes ids.
fn next_free(prefix: &str, existing: impl Iterator<Item = String>) -> String {
    let highest = existing
        .filter_map(|id| {
            id.strip_prefix(&format!("{prefix}-"))
                .and_then(|n| n.parse::<u32>().ok())
        })
        .max()
        .unwrap_or(0);
    format!("{prefix}-{:03}", highest + 1)
}

fn all_action_ids(register: &Register) -> impl Iterator<Item = String> + '_ {
    register
        .items
        .iter()
        .flat_map(|i| i.actions.iter().map(|a| a.id.clone()))
}

// ---------------------------------------------------------- the key table

/// The keys of each screen this file tests, as `keymap::help` labels them.
const COVERED: &[(Screen, &[&str])] = &[
    (
        Screen::Register,
        &[
            "j ↓",
            "k ↑",
            "PgDn Ctrl-D",
            "PgUp Ctrl-U",
            "g Home",
            "G End",
            "Enter",
            "/",
            "f",
            "c",
            "s",
            "S",
            "n",
            "e",
            "1–9",
            "t",
            "a",
            "m",
            "u",
            "h",
            "A",
            "!",
            "w",
            "z",
            "Z",
            "?",
            "q Esc",
            "T",
            "F",
            "Ctrl-C",
            "P",
            "C",
        ],
    ),
    (
        Screen::Detail,
        &[
            "j ↓",
            "k ↑",
            "PgDn Ctrl-D",
            "PgUp Ctrl-U",
            "g Home",
            "G End",
            "Enter",
            "e",
            "1–9",
            "t",
            "a",
            "x",
            "m",
            "u",
            "h",
            "A",
            "!",
            "w",
            "z",
            "Z",
            "?",
            "q Esc",
            "T",
            "F",
            "Ctrl-C",
            "P",
            "C",
        ],
    ),
    (
        Screen::Actions,
        &[
            "j ↓",
            "k ↑",
            "PgDn Ctrl-D",
            "PgUp Ctrl-U",
            "g Home",
            "G End",
            "Enter",
            "x",
            "o",
            "m",
            "u",
            "h",
            "A",
            "!",
            "w",
            "z",
            "Z",
            "?",
            "q Esc",
            "T",
            "F",
            "Ctrl-C",
            "P",
            "C",
        ],
    ),
    (
        Screen::HeatMap,
        &[
            "h ←", "l →", "j ↓", "k ↑", "Enter", "t", "Tab", "m", "u", "A", "!", "w", "z", "Z",
            "?", "q Esc", "T", "F", "Ctrl-C", "P", "C", "C",
        ],
    ),
    // Meeting mode and the audit view: their global keys are tested here
    // (`SCREENS` below includes them); their own keys in `tui_meeting.rs`,
    // listed in `COVERED_IN_MEETING_TESTS`.
    (
        Screen::Meeting,
        &[
            "m", "u", "A", "!", "w", "z", "Z", "?", "T", "F", "Ctrl-C", "C",
        ],
    ),
    (
        Screen::Audit,
        &[
            "m", "u", "h", "A", "!", "w", "z", "Z", "?", "T", "F", "Ctrl-C", "P", "C", "C",
        ],
    ),
    // The customer-focus screen: its own keys in `tui_customer_focus.rs`.
    (
        Screen::Customers,
        &[
            "m", "u", "h", "A", "!", "w", "z", "Z", "?", "T", "F", "Ctrl-C", "P", "C",
        ],
    ),
    // The people screen: its own keys in `tui_people.rs`.
    (
        Screen::People,
        &[
            "m", "u", "h", "A", "!", "w", "z", "Z", "?", "T", "F", "Ctrl-C", "P", "C", "C",
        ],
    ),
];

/// Keys of meeting mode and the audit view tested in `tests/tui_meeting.rs`
/// (and of the people screen, in `tests/tui_people.rs`), each with the test
/// there that presses it.
const COVERED_IN_MEETING_TESTS: &[(Screen, &str, &str)] = &[
    (
        Screen::Meeting,
        "h ←",
        "l_h_and_arrows_move_along_the_agenda_and_stop_at_the_ends",
    ),
    (
        Screen::Meeting,
        "l →",
        "l_h_and_arrows_move_along_the_agenda_and_stop_at_the_ends",
    ),
    (
        Screen::Meeting,
        "Enter",
        "enter_asks_what_was_decided_then_marks_the_item_reviewed_and_moves_on",
    ),
    (
        Screen::Meeting,
        "d",
        "d_records_the_decision_on_the_card_item",
    ),
    (
        Screen::Meeting,
        "v",
        "v_agrees_the_next_review_and_refuses_a_date_in_the_past",
    ),
    (
        Screen::Meeting,
        "+",
        "plus_adds_an_item_after_the_current_one",
    ),
    (
        Screen::Meeting,
        "s",
        "s_skips_the_card_item_with_why_and_moves_it_to_the_end_of_the_agenda",
    ),
    (
        Screen::Meeting,
        "K",
        "capital_k_and_j_move_the_card_item_in_the_agenda",
    ),
    (
        Screen::Meeting,
        "J",
        "capital_k_and_j_move_the_card_item_in_the_agenda",
    ),
    (
        Screen::Meeting,
        "f",
        "f_shows_the_summary_n_returns_and_y_closes_the_meeting_for_good",
    ),
    (
        Screen::Meeting,
        "j ↓",
        "j_k_and_arrows_select_among_the_card_items_open_actions",
    ),
    (
        Screen::Meeting,
        "k ↑",
        "j_k_and_arrows_select_among_the_card_items_open_actions",
    ),
    (Screen::Meeting, "e", "e_in_a_meeting_edits_the_card_item"),
    (Screen::Meeting, "N", "capital_n_records_the_meeting_notes"),
    (
        Screen::Meeting,
        "P",
        "capital_p_records_a_late_arrival_and_an_early_leaver_with_the_time",
    ),
    (
        Screen::Meeting,
        "G",
        "capital_g_adds_a_guest_who_never_counts_as_top_management",
    ),
    (
        Screen::Meeting,
        "I",
        "capital_i_records_a_management_review_input_with_its_note_and_evidence",
    ),
    (
        Screen::Meeting,
        "E",
        "capital_e_in_a_meeting_edits_the_selected_action_and_done_lists_it_as_closed",
    ),
    (
        Screen::Meeting,
        "1–9",
        "digits_in_a_meeting_rescore_the_card_item_and_keep_the_score_it_started_from",
    ),
    (
        Screen::Meeting,
        "t",
        "t_in_a_meeting_scores_the_target_and_marks_the_item_reviewed",
    ),
    (
        Screen::Meeting,
        "a",
        "a_in_a_meeting_adds_an_action_and_lists_it_as_raised",
    ),
    (
        Screen::Meeting,
        "x",
        "x_in_a_meeting_closes_the_selected_action_and_lists_it_as_closed",
    ),
    (
        Screen::Meeting,
        "q Esc",
        "q_and_esc_leave_the_meeting_screen_and_the_meeting_stays_open",
    ),
    (
        Screen::Audit,
        "j ↓",
        "j_k_move_through_the_figures_and_enter_shows_the_records",
    ),
    (
        Screen::Audit,
        "k ↑",
        "j_k_move_through_the_figures_and_enter_shows_the_records",
    ),
    (
        Screen::Audit,
        "Enter",
        "j_k_move_through_the_figures_and_enter_shows_the_records",
    ),
    (
        Screen::Audit,
        "p",
        "p_changes_the_period_and_refuses_an_end_before_the_start",
    ),
    (Screen::Audit, "q Esc", "q_and_esc_leave_the_audit_view"),
    (
        Screen::People,
        "j ↓",
        "j_k_and_the_page_keys_move_through_the_people",
    ),
    (
        Screen::People,
        "k ↑",
        "j_k_and_the_page_keys_move_through_the_people",
    ),
    (
        Screen::People,
        "PgDn Ctrl-D",
        "j_k_and_the_page_keys_move_through_the_people",
    ),
    (
        Screen::People,
        "PgUp Ctrl-U",
        "j_k_and_the_page_keys_move_through_the_people",
    ),
    (
        Screen::People,
        "g Home",
        "j_k_and_the_page_keys_move_through_the_people",
    ),
    (
        Screen::People,
        "G End",
        "j_k_and_the_page_keys_move_through_the_people",
    ),
    (
        Screen::People,
        "n",
        "n_adds_a_person_with_an_id_suggested_from_the_name",
    ),
    (
        Screen::People,
        "Enter e",
        "e_and_enter_edit_a_person_and_the_id_stays",
    ),
    (
        Screen::People,
        "t",
        "t_toggles_top_management_and_undo_takes_it_back",
    ),
    (
        Screen::People,
        "r",
        "r_retires_someone_who_is_then_offered_as_owner_nowhere_new",
    ),
    (
        Screen::People,
        "D",
        "capital_d_deletes_only_someone_nothing_refers_to",
    ),
    (Screen::People, "q Esc", "q_and_esc_leave_the_people_screen"),
    (
        Screen::Customers,
        "j ↓",
        "j_k_move_through_the_list_and_tab_moves_to_the_lines_on_the_right",
    ),
    (
        Screen::Customers,
        "k ↑",
        "j_k_move_through_the_list_and_tab_moves_to_the_lines_on_the_right",
    ),
    (
        Screen::Customers,
        "PgDn Ctrl-D",
        "page_keys_and_g_move_through_the_list_and_scroll_the_lines",
    ),
    (
        Screen::Customers,
        "PgUp Ctrl-U",
        "page_keys_and_g_move_through_the_list_and_scroll_the_lines",
    ),
    (
        Screen::Customers,
        "g Home",
        "page_keys_and_g_move_through_the_list_and_scroll_the_lines",
    ),
    (
        Screen::Customers,
        "G End",
        "page_keys_and_g_move_through_the_list_and_scroll_the_lines",
    ),
    (
        Screen::Customers,
        "Tab →",
        "j_k_move_through_the_list_and_tab_moves_to_the_lines_on_the_right",
    ),
    (
        Screen::Customers,
        "S-Tab ←",
        "j_k_move_through_the_list_and_tab_moves_to_the_lines_on_the_right",
    ),
    (
        Screen::Customers,
        "Enter",
        "enter_on_an_item_line_opens_the_item_and_esc_comes_back",
    ),
    (
        Screen::Customers,
        "r",
        "r_adds_a_reading_recorded_in_history_and_undo_takes_it_back",
    ),
    (
        Screen::Customers,
        "q Esc",
        "q_and_esc_leave_the_customer_focus_screen",
    ),
];

/// The files `COVERED_IN_MEETING_TESTS` points into.
const MEETING_TESTS: [&str; 4] = [
    include_str!("tui_meeting.rs"),
    include_str!("tui_management_review.rs"),
    include_str!("tui_people.rs"),
    include_str!("tui_customer_focus.rs"),
];

#[test]
fn every_listed_key_is_covered_by_this_file() {
    let all = [
        Screen::Register,
        Screen::Detail,
        Screen::Actions,
        Screen::HeatMap,
        Screen::Meeting,
        Screen::Audit,
        Screen::People,
        Screen::Customers,
    ];
    for screen in all {
        assert!(
            COVERED.iter().any(|(s, _)| *s == screen),
            "{screen:?} has no entry in COVERED"
        );
    }
    for (screen, _, test) in COVERED_IN_MEETING_TESTS {
        let test_fn = format!("#[test]\nfn {test}() {{");
        assert!(
            MEETING_TESTS.iter().any(|file| file.contains(&test_fn)),
            "{screen:?}: none of tui_meeting.rs, tui_management_review.rs, tui_people.rs has a test `{test}`"
        );
    }
    for (screen, covered) in COVERED {
        let mut listed: Vec<String> = Keymap::default()
            .help(*screen)
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        let mut covered: Vec<String> = covered
            .iter()
            .map(|k| k.to_string())
            .chain(
                COVERED_IN_MEETING_TESTS
                    .iter()
                    .filter(|(s, _, _)| s == screen)
                    .map(|(_, k, _)| k.to_string()),
            )
            .collect();
        listed.sort();
        covered.sort();
        covered.dedup();
        assert_eq!(
            listed, covered,
            "{screen:?}: help lists other keys than this file tests; add tests for new keys"
        );
    }
}

// ------------------------------------------------------- register: moving

#[test]
fn register_opens_on_all_items_by_score_with_the_first_row_selected() {
    let app = app();
    assert!(app.overlays.is_empty(), "the example has no problems");
    assert_eq!(app.screen(), Screen::Register);
    assert_eq!(app.list.sort, SortKey::Score);
    assert_eq!(visible(&app), expected_order(&app.register, SortKey::Score));
    assert_eq!(app.list.selected, 0);
    assert_eq!(selected_id(&app), visible(&app)[0]);
}

#[test]
fn j_k_and_arrows_move_the_register_selection_and_stop_at_the_ends() {
    let mut app = app();
    let rows = visible(&app);
    assert_no_cmd(press(&mut app, "j"));
    assert_eq!(selected_id(&app), rows[1]);
    press_code(&mut app, KeyCode::Down);
    assert_eq!(selected_id(&app), rows[2]);
    press(&mut app, "k");
    assert_eq!(selected_id(&app), rows[1]);
    press_code(&mut app, KeyCode::Up);
    assert_eq!(selected_id(&app), rows[0]);
    press(&mut app, "k");
    press_code(&mut app, KeyCode::Up);
    assert_eq!(selected_id(&app), rows[0], "no wrap above the first row");
    press(&mut app, "G");
    press(&mut app, "j");
    press_code(&mut app, KeyCode::Down);
    assert_eq!(
        selected_id(&app),
        *rows.last().unwrap(),
        "no wrap past the last"
    );
}

#[test]
fn page_keys_move_by_the_rows_on_screen_and_g_jumps_to_the_ends() {
    let mut app = app();
    let rows = visible(&app);
    assert!(rows.len() > 12, "the example fills more than two pages");
    app.drawn.page_rows.set(5);
    press_code(&mut app, KeyCode::PageDown);
    assert_eq!(selected_id(&app), rows[5]);
    ctrl(&mut app, 'd');
    assert_eq!(selected_id(&app), rows[10]);
    press_code(&mut app, KeyCode::PageUp);
    assert_eq!(selected_id(&app), rows[5]);
    ctrl(&mut app, 'u');
    assert_eq!(selected_id(&app), rows[0]);
    ctrl(&mut app, 'u');
    assert_eq!(selected_id(&app), rows[0]);
    app.drawn.page_rows.set(100);
    press_code(&mut app, KeyCode::PageDown);
    assert_eq!(selected_id(&app), *rows.last().unwrap());

    press(&mut app, "g");
    assert_eq!(selected_id(&app), rows[0]);
    press(&mut app, "G");
    assert_eq!(selected_id(&app), *rows.last().unwrap());
    press_code(&mut app, KeyCode::Home);
    assert_eq!(selected_id(&app), rows[0]);
    press_code(&mut app, KeyCode::End);
    assert_eq!(selected_id(&app), *rows.last().unwrap());
}

#[test]
fn s_cycles_the_sort_column_and_back_to_score() {
    let mut app = app();
    for want in [
        SortKey::Id,
        SortKey::Review,
        SortKey::Title,
        SortKey::Owner,
        SortKey::Status,
        SortKey::Score,
    ] {
        assert_no_cmd(press(&mut app, "s"));
        assert_eq!(app.list.sort, want);
        assert_eq!(
            visible(&app),
            expected_order(&app.register, want),
            "order by {want:?}"
        );
        assert_eq!(status_info(&app), format!("sorted by {}", want.label()));
    }
    // Spot checks that the orders really differ as a user sees them.
    press(&mut app, "s");
    assert_eq!(visible(&app)[0], "O-001", "by id, O- comes before R-");
    press(&mut app, "s");
    assert_eq!(visible(&app)[0], "R-012", "the earliest review, 2026-07-21");
}

#[test]
fn capital_s_reverses_the_sort_and_again_restores_it() {
    let mut app = app();
    let forward = visible(&app);
    press(&mut app, "S");
    assert!(app.list.reverse);
    let mut backward = forward.clone();
    backward.reverse();
    assert_eq!(visible(&app), backward);
    assert_eq!(status_info(&app), "sorted by score, reversed");
    press(&mut app, "S");
    assert!(!app.list.reverse);
    assert_eq!(visible(&app), forward);
}

#[test]
fn sorting_keeps_the_selection_on_the_same_item() {
    let mut app = app();
    press(&mut app, "jjj");
    let chosen = selected_id(&app);
    press(&mut app, "s");
    assert_eq!(selected_id(&app), chosen);
    press(&mut app, "S");
    assert_eq!(selected_id(&app), chosen);
}

// ------------------------------------------------------ register: search

#[test]
fn slash_searches_as_you_type_and_backspace_widens() {
    let mut app = app();
    let total = app.register.items.len();
    assert_no_cmd(press(&mut app, "/"));
    assert_eq!(app.list.search.as_deref(), Some(""));
    type_text(&mut app, "anod");
    assert_eq!(app.list.filter.text, "anod");
    let narrow = visible(&app);
    assert!(!narrow.is_empty() && narrow.len() < total, "{narrow:?}");
    for id in &narrow {
        assert!(text_matches(&app.register, item(&app, id), "anod"), "{id}");
    }
    let hidden: Vec<&Item> = app
        .register
        .items
        .iter()
        .filter(|i| !narrow.contains(&i.id))
        .collect();
    assert!(
        hidden
            .iter()
            .all(|i| !text_matches(&app.register, i, "anod")),
        "every match is shown"
    );

    // Letters are text while searching, not commands.
    type_text(&mut app, "q");
    assert!(!app.quitting);
    assert_eq!(app.list.filter.text, "anodq");
    assert!(visible(&app).len() < narrow.len());
    press_code(&mut app, KeyCode::Backspace);
    assert_eq!(app.list.filter.text, "anod");
    assert_eq!(visible(&app), narrow);
    press_code(&mut app, KeyCode::Backspace);
    assert_eq!(app.list.filter.text, "ano");
    assert!(visible(&app).len() >= narrow.len());
    type_text(&mut app, "d");

    press_code(&mut app, KeyCode::Enter);
    assert_eq!(app.list.search, None, "Enter ends the search");
    assert_eq!(app.list.filter.text, "anod", "and keeps it");
    assert_eq!(visible(&app), narrow);
    assert_eq!(
        status_info(&app),
        format!("{} items match \"anod\"", narrow.len())
    );
    // Keys are commands again.
    press(&mut app, "j");
    assert_eq!(selected_id(&app), narrow[1]);
}

#[test]
fn esc_during_search_restores_the_search_before_it() {
    let mut app = app();
    press(&mut app, "/");
    type_text(&mut app, "anod");
    press_code(&mut app, KeyCode::Enter);
    let kept = visible(&app);

    press(&mut app, "/");
    type_text(&mut app, "zz");
    assert!(visible(&app).is_empty());
    press_code(&mut app, KeyCode::Esc);
    assert_eq!(app.list.search, None);
    assert!(!app.quitting, "Esc in the search does not quit");
    assert_eq!(app.list.filter.text, "anod");
    assert_eq!(visible(&app), kept);

    // Ctrl-C while searching also only leaves the search.
    press(&mut app, "/");
    type_text(&mut app, "zz");
    ctrl(&mut app, 'c');
    assert!(!app.quitting);
    assert_eq!(app.list.search, None);
    assert_eq!(app.list.filter.text, "anod");
}

#[test]
fn paste_while_searching_adds_to_the_search() {
    let mut app = app();
    press(&mut app, "/");
    assert_no_cmd(paste(&mut app, "ANOD"));
    assert_eq!(app.list.filter.text, "ANOD");
    let shown = visible(&app);
    assert!(!shown.is_empty() && shown.len() < app.register.items.len());
    assert!(
        shown
            .iter()
            .all(|id| text_matches(&app.register, item(&app, id), "anod"))
    );
}

#[test]
fn c_clears_search_and_filters() {
    let mut app = app();
    let all = visible(&app);
    press(&mut app, "/");
    type_text(&mut app, "anod");
    press_code(&mut app, KeyCode::Enter);
    app.list.filter.kind = Some(Kind::Risk);
    app.refresh();
    assert!(visible(&app).len() < all.len());
    assert_no_cmd(press(&mut app, "c"));
    assert_eq!(app.list.filter, Filter::default());
    assert_eq!(visible(&app), all);
    assert_eq!(status_info(&app), "filters and search cleared");
}

// ------------------------------------------------------ register: filter

#[test]
fn f_opens_the_filter_form_and_choices_apply_while_it_is_open() {
    let mut app = app();
    assert_no_cmd(press(&mut app, "f"));
    assert_eq!(purpose(&app), FormPurpose::Filter);
    assert_eq!(form(&app).fields[form(&app).focus].key, "Kind");

    press_code(&mut app, KeyCode::Right);
    assert_eq!(purpose(&app), FormPurpose::Filter, "still open");
    assert_eq!(app.list.filter.kind, Some(Kind::Risk));
    let risks = visible(&app);
    let all_risks = app
        .register
        .items
        .iter()
        .filter(|i| i.kind == Kind::Risk)
        .count();
    assert_eq!(risks.len(), all_risks);
    assert!(risks.iter().all(|id| item(&app, id).kind == Kind::Risk));

    press_code(&mut app, KeyCode::Right);
    assert_eq!(app.list.filter.kind, Some(Kind::Opportunity));
    assert!(
        visible(&app)
            .iter()
            .all(|id| item(&app, id).kind == Kind::Opportunity)
    );
    press_code(&mut app, KeyCode::Left);
    assert_eq!(app.list.filter.kind, Some(Kind::Risk));

    // The owner picker jumps by letter.
    focus(&mut app, "Owner");
    type_text(&mut app, "p");
    assert_eq!(app.list.filter.owner.as_deref(), Some("pjones"));
    let shown = visible(&app);
    assert!(!shown.is_empty());
    assert!(shown.iter().all(|id| {
        let i = item(&app, id);
        i.kind == Kind::Risk && i.owner == "pjones"
    }));
    assert_eq!(app.list.selected, 0);
}

#[test]
fn esc_closes_an_untouched_filter_form() {
    let mut app = app();
    press(&mut app, "f");
    assert_no_cmd(press_code(&mut app, KeyCode::Esc));
    assert!(app.overlays.is_empty());
    assert_eq!(app.list.filter, Filter::default());
    assert!(!app.quitting);
}

/// The filter applies as it changes: there is nothing to discard, so Esc
/// closes the form at once and the filter stays.
#[test]
fn esc_closes_the_filter_form_after_a_choice_and_keeps_the_filter() {
    let mut app = app();
    press(&mut app, "f");
    press_code(&mut app, KeyCode::Right);
    assert_eq!(app.list.filter.kind, Some(Kind::Risk));
    press_code(&mut app, KeyCode::Esc);
    assert!(
        app.overlays.is_empty(),
        "Esc should close the filter form (it asks to discard instead)"
    );
    assert_eq!(app.list.filter.kind, Some(Kind::Risk));
}

/// The filter form's footer reads "Enter Esc close": Enter closes it from
/// any field, not only from the last one.
#[test]
fn enter_closes_the_filter_form_and_keeps_the_filter() {
    let mut app = app();
    press(&mut app, "f");
    press_code(&mut app, KeyCode::Right);
    press_code(&mut app, KeyCode::Enter);
    assert!(
        app.overlays.is_empty(),
        "Enter should close the filter form, as its footer says (it moves to the next field)"
    );
    assert_eq!(app.list.filter.kind, Some(Kind::Risk));
}

#[test]
fn looking_at_the_filter_form_without_a_change_keeps_the_selection() {
    let mut app = app();
    press(&mut app, "jjjjj");
    let chosen = selected_id(&app);
    press(&mut app, "f");
    press_code(&mut app, KeyCode::Tab);
    press_code(&mut app, KeyCode::Esc);
    assert!(app.overlays.is_empty());
    assert_eq!(app.list.filter, Filter::default());
    assert_eq!(
        selected_id(&app),
        chosen,
        "opening and closing the filter form moved the selection"
    );
}

#[test]
fn enter_on_the_last_filter_field_closes_it() {
    let mut app = app();
    press(&mut app, "f");
    focus(&mut app, "Overdue");
    press_code(&mut app, KeyCode::Right);
    assert!(app.list.filter.overdue);
    press_code(&mut app, KeyCode::Enter);
    assert!(app.overlays.is_empty());
    assert!(app.list.filter.overdue);
    let shown = visible(&app);
    assert!(!shown.is_empty());
    assert!(
        shown
            .iter()
            .all(|id| roreg::domain::queries::is_overdue(item(&app, id), today()))
    );
    // Reopening shows the filter as it is.
    press(&mut app, "f");
    assert_eq!(form(&app).field("Overdue").selected(), 1);
}

// ------------------------------------------------------ detail and back

#[test]
fn enter_opens_the_detail_and_q_or_esc_go_back() {
    let mut app = app();
    press(&mut app, "jj");
    let id = selected_id(&app);
    assert_no_cmd(press_code(&mut app, KeyCode::Enter));
    assert_eq!(app.screen(), Screen::Detail);
    assert_eq!(app.detail.item_id, id);
    assert_eq!(app.detail.action, 0);
    press(&mut app, "q");
    assert_eq!(app.screen(), Screen::Register);
    assert!(!app.quitting);
    assert_eq!(selected_id(&app), id, "the selection is where it was");
    press_code(&mut app, KeyCode::Enter);
    press_code(&mut app, KeyCode::Esc);
    assert_eq!(app.screen(), Screen::Register);
    assert!(!app.quitting);
}

#[test]
fn q_and_esc_on_the_register_quit_when_everything_is_saved() {
    let mut app = app();
    assert!(!app.may_exit());
    assert_no_cmd(press(&mut app, "q"));
    assert!(app.quitting);
    assert!(app.may_exit());

    let mut app = self::app();
    press_code(&mut app, KeyCode::Esc);
    assert!(app.may_exit());
}

#[test]
fn detail_keys_move_through_the_items_actions() {
    let mut app = app();
    open_detail(&mut app, "R-001");
    let n = item(&app, "R-001").actions.len();
    assert_eq!(n, 3);
    press(&mut app, "j");
    assert_eq!(app.detail.action, 1);
    press_code(&mut app, KeyCode::Down);
    assert_eq!(app.detail.action, 2);
    press(&mut app, "j");
    assert_eq!(app.detail.action, 2, "stops at the last action");
    press(&mut app, "k");
    assert_eq!(app.detail.action, 1);
    press_code(&mut app, KeyCode::Up);
    assert_eq!(app.detail.action, 0);
    press(&mut app, "G");
    assert_eq!(app.detail.action, 2);
    press(&mut app, "g");
    assert_eq!(app.detail.action, 0);
    press_code(&mut app, KeyCode::End);
    assert_eq!(app.detail.action, 2);
    press_code(&mut app, KeyCode::Home);
    assert_eq!(app.detail.action, 0);
    assert_eq!(app.screen(), Screen::Detail);
    assert_eq!(app.detail.item_id, "R-001", "the item stays");
}

#[test]
fn page_keys_on_the_detail_scroll_a_long_item_by_a_page() {
    let mut app = app();
    open_detail(&mut app, "R-001");
    press(&mut app, "j");
    assert_eq!(app.detail.scroll, None, "the view follows the action");
    app.drawn.page_rows.set(12);
    app.detail.shown_scroll.set(0);
    press_code(&mut app, KeyCode::PageDown);
    assert_eq!(
        app.detail.scroll,
        Some(10),
        "a page, less two rows of overlap"
    );
    assert_eq!(app.detail.action, 1, "paging does not change the action");
    app.detail.shown_scroll.set(10);
    ctrl(&mut app, 'd');
    assert_eq!(app.detail.scroll, Some(20));
    app.detail.shown_scroll.set(20);
    press_code(&mut app, KeyCode::PageUp);
    assert_eq!(app.detail.scroll, Some(10));
    app.detail.shown_scroll.set(4);
    ctrl(&mut app, 'u');
    assert_eq!(app.detail.scroll, Some(0), "not above the top");
    // Moving to an action follows the selection again.
    press(&mut app, "j");
    assert_eq!(app.detail.action, 2);
    assert_eq!(app.detail.scroll, None);
    assert_eq!(app.screen(), Screen::Detail);
}

#[test]
fn enter_on_the_detail_edits_the_selected_action_and_done_asks_for_effectiveness() {
    let mut app = app();
    open_detail(&mut app, "R-001");
    press(&mut app, "jj");
    let action = item(&app, "R-001").actions[2].clone();
    assert_eq!(action.status, ActionStatus::InProgress);
    press_code(&mut app, KeyCode::Enter);
    assert_eq!(
        purpose(&app),
        FormPurpose::EditAction {
            item: "R-001".into(),
            action: action.id.clone()
        }
    );
    assert_eq!(form(&app).field("Action").text_value(), action.text);
    assert_eq!(form(&app).field("Due").text_value(), action.due.to_string());
    assert_eq!(form(&app).field("Status").selected_label(), "In progress");

    focus(&mut app, "Status");
    press_code(&mut app, KeyCode::Right);
    assert_eq!(form(&app).field("Status").selected_label(), "Done");
    let job = save_of(ctrl(&mut app, 's'));
    let saved = &job.register.item("R-001").unwrap().actions[2];
    assert_eq!(saved.status, ActionStatus::Done);
    assert_eq!(saved.done_on, Some(today()));
    assert_eq!(saved.text, action.text);
    assert_eq!(
        purpose(&app),
        FormPurpose::Effectiveness {
            item: "R-001".into(),
            action: action.id.clone()
        },
        "marking it done asks for the effectiveness check"
    );
}

#[test]
fn an_invalid_due_date_in_the_action_form_is_shown_at_the_field() {
    let mut app = app();
    open_detail(&mut app, "R-001");
    press_code(&mut app, KeyCode::Enter);
    focus(&mut app, "Due");
    press_code(&mut app, KeyCode::End);
    for _ in 0..10 {
        press_code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "2026-02-30");
    assert_eq!(form(&app).field("Due").text_value(), "2026-02-30");
    let before = app.register.clone();
    assert_no_cmd(ctrl(&mut app, 's'));
    assert!(form(&app).field("Due").error.is_some());
    assert_eq!(
        form(&app).fields[form(&app).focus].key,
        "Due",
        "the focus goes to the wrong field"
    );
    assert_eq!(app.register, before);
}

// ------------------------------------------------------- quick scoring

#[test]
fn two_digits_score_the_selected_item_and_save_it() {
    let mut app = app();
    let id = selected_id(&app);
    assert_ne!(item(&app, &id).current, Score::new(3, 4));
    assert_no_cmd(press(&mut app, "3"));
    assert_eq!(
        app.scoring,
        Some(Scoring {
            target: false,
            likelihood: Some(3)
        })
    );
    assert_eq!(item(&app, &id).current.likelihood, 4, "nothing changes yet");
    let job = save_of(press(&mut app, "4"));
    assert_eq!(job.register.item(&id).unwrap().current, Score::new(3, 4));
    assert_eq!(item(&app, &id).current, Score::new(3, 4));
    assert_eq!(job.expected, example().1, "saved over the file as loaded");
    assert!(app.save.in_flight);
    assert!(!app.save.dirty);
    assert_eq!(app.scoring, None);
    assert!(status_info(&app).contains("3×4=12"), "{:?}", app.status);
    assert_eq!(selected_id(&app), id, "the selection follows the item");
    assert_eq!(visible(&app), expected_order(&app.register, SortKey::Score));
}

#[test]
fn digits_on_the_detail_score_its_item() {
    let mut app = app();
    open_detail(&mut app, "R-001");
    let job = save_of(press(&mut app, "22"));
    assert_eq!(
        job.register.item("R-001").unwrap().current,
        Score::new(2, 2)
    );
    assert_eq!(item(&app, "R-001").current, Score::new(2, 2));
    assert_eq!(app.screen(), Screen::Detail);
}

#[test]
fn t_then_two_digits_score_the_target() {
    let mut app = app();
    open_detail(&mut app, "R-013");
    let before = item(&app, "R-013").clone();
    assert_eq!(before.target, None);
    assert_no_cmd(press(&mut app, "t"));
    assert_eq!(
        app.scoring,
        Some(Scoring {
            target: true,
            likelihood: None
        })
    );
    let job = save_of(press(&mut app, "22"));
    let after = job.register.item("R-013").unwrap();
    assert_eq!(after.target, Some(Score::new(2, 2)));
    assert_eq!(after.current, before.current, "the current score stays");
    assert!(status_info(&app).contains("target"));

    // On the register too.
    let mut app = self::app();
    select(&mut app, "R-001");
    save_of(press(&mut app, "t15"));
    assert_eq!(item(&app, "R-001").target, Some(Score::new(1, 5)));
}

#[test]
fn opportunities_are_scored_on_the_benefit_scale() {
    let mut app = app();
    open_detail(&mut app, "O-008");
    save_of(press(&mut app, "25"));
    assert_eq!(item(&app, "O-008").current, Score::new(2, 5));
    assert!(status_info(&app).contains("2×5=10"));
}

#[test]
fn a_level_above_the_scale_is_refused_and_changes_nothing() {
    let mut app = app();
    select(&mut app, "R-001");
    let before = app.register.clone();
    assert_no_cmd(press(&mut app, "9"));
    assert!(status_error(&app).contains('9'));
    assert_eq!(app.scoring, None);
    assert_eq!(app.register, before);
    assert!(!app.save.in_flight && !app.save.dirty);

    assert_no_cmd(press(&mut app, "3"));
    assert_no_cmd(press(&mut app, "6"));
    assert_eq!(status_error(&app), "impact is 1–5; 6 is off the scale");
    assert_eq!(app.register, before);
    assert!(!app.save.in_flight);

    // An opportunity's second level is on the benefit scale.
    press_code(&mut app, KeyCode::Esc);
    select(&mut app, "O-008");
    press(&mut app, "37");
    assert_eq!(status_error(&app), "benefit is 1–5; 7 is off the scale");
    assert_eq!(app.register, before);
}

#[test]
fn esc_or_q_cancels_scoring_without_leaving_the_screen() {
    let mut app = app();
    let before = app.register.clone();
    press(&mut app, "3");
    assert_no_cmd(press_code(&mut app, KeyCode::Esc));
    assert_eq!(app.scoring, None);
    assert_eq!(status_info(&app), "scoring cancelled");
    assert!(!app.quitting, "Esc cancels the scoring, it does not quit");
    // The next digit starts again: it is a likelihood, not an impact.
    press(&mut app, "4");
    assert_eq!(
        app.scoring,
        Some(Scoring {
            target: false,
            likelihood: Some(4)
        })
    );
    press(&mut app, "q");
    assert_eq!(app.scoring, None);
    assert!(!app.quitting);

    open_detail(&mut app, "R-001");
    press(&mut app, "t2");
    press_code(&mut app, KeyCode::Esc);
    assert_eq!(app.screen(), Screen::Detail, "still on the detail");
    assert_eq!(app.register, before);
}

#[test]
fn another_key_drops_a_half_typed_score() {
    let mut app = app();
    let rows = visible(&app);
    press(&mut app, "3j");
    assert_eq!(app.scoring, None);
    assert_eq!(selected_id(&app), rows[1], "and does its own job");
    press(&mut app, "3");
    press_code(&mut app, KeyCode::F(5));
    assert_eq!(app.scoring, None, "even a key that means nothing");
}

// ------------------------------------------------------ save bookkeeping

#[test]
fn a_change_during_a_save_waits_and_the_latest_register_is_saved_next() {
    let (_, loaded_fp) = example();
    let mut app = app();
    let first = selected_id(&app);
    save_of(press(&mut app, "34"));
    select(&mut app, "R-001");
    assert_no_cmd(press(&mut app, "22"));
    assert!(app.save.in_flight);
    assert!(app.save.dirty, "the second change is waiting");
    assert_eq!(item(&app, "R-001").current, Score::new(2, 2));

    let fp1 = other_fingerprint("first save");
    let next = save_of(update(&mut app, Msg::Saved(Ok(fp1))));
    assert_ne!(next.expected, loaded_fp);
    assert_eq!(
        next.expected, fp1,
        "the next save expects the file just written"
    );
    assert_eq!(
        next.register.item("R-001").unwrap().current,
        Score::new(2, 2)
    );
    assert_eq!(
        next.register.item(&first).unwrap().current,
        Score::new(3, 4)
    );
    assert!(app.save.in_flight);
    assert!(!app.save.dirty);

    let fp2 = other_fingerprint("second save");
    assert_no_cmd(app.saved(Ok(fp2)));
    assert!(!app.save.in_flight && !app.save.dirty);
    assert_eq!(app.save.fingerprint, Some(fp2));
    assert_eq!(app.save.last_saved, Some(now()));
    assert_eq!(app.save.failure, None);
}

#[test]
fn a_failed_save_keeps_the_change_and_w_retries() {
    let (_, loaded_fp) = example();
    let mut app = app();
    let id = selected_id(&app);
    save_of(press(&mut app, "34"));
    assert_no_cmd(app.saved(Err("disk full".into())));
    assert!(app.save.dirty);
    assert!(!app.save.in_flight);
    assert_eq!(app.save.failure.as_deref(), Some("disk full"));
    assert!(status_error(&app).contains("disk full"));
    assert_eq!(
        item(&app, &id).current,
        Score::new(3, 4),
        "the change is kept here"
    );

    let retry = save_of(press(&mut app, "w"));
    assert_eq!(retry.register.item(&id).unwrap().current, Score::new(3, 4));
    assert_eq!(retry.expected, loaded_fp);
    assert!(app.save.in_flight);
    assert_no_cmd(app.saved(Ok(other_fingerprint("retried"))));
    assert_eq!(app.save.failure, None);
    assert!(!app.save.dirty);
    assert!(
        status_info(&app).starts_with("saved: the change that could not be saved before"),
        "the failure's message is gone: {:?}",
        app.status
    );
}

#[test]
fn w_with_everything_saved_says_so() {
    let mut app = app();
    assert_no_cmd(press(&mut app, "w"));
    assert!(status_info(&app).starts_with("nothing to save"));
    assert!(!app.save.in_flight);
}

#[test]
fn quitting_after_a_failed_save_asks_first() {
    let mut app = app();
    save_of(press(&mut app, "34"));
    app.saved(Err("permission denied".into()));
    assert_no_cmd(press(&mut app, "q"));
    assert!(!app.quitting);
    assert!(!app.may_exit());
    assert!(top_is(&app, |o| matches!(o, Overlay::ConfirmQuitUnsaved)));

    // q stays in roreg.
    press(&mut app, "q");
    assert!(app.overlays.is_empty());
    assert!(!app.quitting);

    // Ctrl-C asks too; other keys leave the question up.
    ctrl(&mut app, 'c');
    assert!(top_is(&app, |o| matches!(o, Overlay::ConfirmQuitUnsaved)));
    press(&mut app, "j");
    assert!(top_is(&app, |o| matches!(o, Overlay::ConfirmQuitUnsaved)));

    // w saves, then quits once the save is through.
    let retry = save_of(press(&mut app, "w"));
    assert!(app.overlays.is_empty());
    assert!(app.quitting);
    assert!(!app.may_exit(), "not before the save is done");
    assert_eq!(retry.register, app.register);
    app.saved(Ok(other_fingerprint("saved at last")));
    assert!(app.may_exit());
}

#[test]
fn a_retried_save_that_fails_again_asks_again_instead_of_exiting() {
    let mut app = app();
    save_of(press(&mut app, "34"));
    app.saved(Err("disk full".into()));
    press(&mut app, "q");
    save_of(press(&mut app, "w"));
    app.saved(Err("disk still full".into()));
    assert!(!app.may_exit());
    assert!(!app.quitting);
    assert!(top_is(&app, |o| matches!(o, Overlay::ConfirmQuitUnsaved)));
    // Q gives up the unsaved change deliberately.
    assert_no_cmd(press(&mut app, "Q"));
    assert!(app.may_exit());
}

#[test]
fn quit_waits_for_the_save_in_flight() {
    let mut app = app();
    save_of(press(&mut app, "34"));
    assert_no_cmd(press(&mut app, "q"));
    assert!(app.quitting);
    assert!(app.overlays.is_empty(), "nothing to ask yet");
    assert!(!app.may_exit());
    assert_no_cmd(app.saved(Ok(other_fingerprint("done"))));
    assert!(app.may_exit());
}

#[test]
fn quit_during_a_save_that_then_fails_asks_instead_of_exiting() {
    let mut app = app();
    save_of(press(&mut app, "34"));
    ctrl(&mut app, 'c');
    assert!(app.quitting);
    app.saved(Err("the file changed on disk".into()));
    assert!(!app.may_exit());
    assert!(top_is(&app, |o| matches!(o, Overlay::ConfirmQuitUnsaved)));
}

#[test]
fn quit_waits_for_a_change_queued_behind_the_save_in_flight() {
    let mut app = app();
    save_of(press(&mut app, "34"));
    select(&mut app, "R-001");
    press(&mut app, "22");
    ctrl(&mut app, 'c');
    assert!(app.quitting);
    let second = save_of(app.saved(Ok(other_fingerprint("one"))));
    assert_eq!(
        second.register.item("R-001").unwrap().current,
        Score::new(2, 2)
    );
    assert!(!app.may_exit(), "the queued change is still being written");
    app.saved(Ok(other_fingerprint("two")));
    assert!(app.may_exit());
}

#[test]
fn a_file_with_comments_asks_once_before_its_first_save() {
    let (register, fp) = example();
    let mut app = not_yet_loaded(register);
    app.loaded_from_disk(fp, true);
    let id = selected_id(&app);

    assert_no_cmd(press(&mut app, "34"));
    assert!(top_is(&app, |o| matches!(o, Overlay::ConfirmDropComments)));
    assert!(app.save.dirty);
    assert!(!app.save.in_flight);

    // n: not saved, change kept, w asks again.
    assert_no_cmd(press(&mut app, "n"));
    assert!(app.overlays.is_empty());
    assert!(status_error(&app).contains("not saved"));
    assert!(app.save.dirty);
    assert_eq!(item(&app, &id).current, Score::new(3, 4));
    assert_no_cmd(press(&mut app, "w"));
    assert!(top_is(&app, |o| matches!(o, Overlay::ConfirmDropComments)));

    // y: saved, and never asked again.
    let saved = save_of(press(&mut app, "y"));
    assert_eq!(saved.register.item(&id).unwrap().current, Score::new(3, 4));
    assert!(!app.save.comments_to_confirm);
    app.saved(Ok(other_fingerprint("no comments now")));
    save_of(press(&mut app, "22"));
    assert!(app.overlays.is_empty());
}

/// Quitting, then declining to drop the comments, means staying: a later
/// save must not end the program as if the old quit still stood.
#[test]
fn declining_the_comments_question_while_quitting_cancels_the_quit() {
    let (register, fp) = example();
    let mut app = not_yet_loaded(register);
    app.loaded_from_disk(fp, true);
    press(&mut app, "34");
    press(&mut app, "n");
    press(&mut app, "q");
    assert!(top_is(&app, |o| matches!(o, Overlay::ConfirmQuitUnsaved)));
    assert_no_cmd(press(&mut app, "w"));
    assert!(top_is(&app, |o| matches!(o, Overlay::ConfirmDropComments)));
    press(&mut app, "n");
    assert!(app.overlays.is_empty());
    assert!(!app.may_exit());
    // The user stays and works on, then saves.
    press(&mut app, "j");
    press(&mut app, "w");
    save_of(press(&mut app, "y"));
    app.saved(Ok(other_fingerprint("saved later")));
    assert!(
        !app.may_exit(),
        "the save ended the program although the user chose to stay"
    );
}

#[test]
fn a_register_not_loaded_from_disk_is_never_saved_blindly() {
    let (register, _) = example();
    let mut app = not_yet_loaded(register);
    assert_no_cmd(press(&mut app, "34"));
    assert!(status_error(&app).contains("not saved"));
    assert!(app.save.dirty);
    assert!(!app.save.in_flight);
}

#[test]
fn a_change_that_adds_a_validation_error_is_refused() {
    let mut app = app();
    let before = app.register.clone();
    let result = app.change("owner changed", Scope::item("R-001"), |r| {
        r.item_mut("R-001").ok_or("no R-001")?.owner = "nobody".into();
        Ok(())
    });
    let why = result.expect_err("an unknown owner is an error");
    assert!(why.contains("R-001.owner"), "{why}");
    assert!(why.contains("nobody"), "{why}");
    assert_eq!(app.register, before);
    assert!(app.problems.is_empty());
    assert!(!app.save.dirty && !app.save.in_flight);
}

#[test]
fn a_change_that_fails_itself_is_refused_with_its_reason() {
    let mut app = app();
    let before = app.register.clone();
    let why = app
        .change("x", Scope::item("R-001"), |r| {
            r.item_mut("R-001").ok_or("no R-001")?.title.clear();
            Err("the item is gone".into())
        })
        .expect_err("the closure failed");
    assert_eq!(why, "the item is gone");
    assert_eq!(app.register, before);
}

#[test]
fn errors_already_in_the_file_are_listed_but_do_not_block_other_changes() {
    let (mut register, fp) = example();
    register.item_mut("R-013").unwrap().owner = "ghost".into();
    let mut app = app_with(register, fp);
    assert!(
        top_is(&app, |o| matches!(o, Overlay::Problems)),
        "problems are shown on opening"
    );
    assert_eq!(app.error_count(), 1);
    press_code(&mut app, KeyCode::Esc);
    assert!(app.overlays.is_empty());
    assert!(!app.quitting);
    // Scoring the item with the problem is fine: no new error.
    open_detail(&mut app, "R-013");
    let saved = save_of(press(&mut app, "22"));
    assert_eq!(
        saved.register.item("R-013").unwrap().current,
        Score::new(2, 2)
    );
    assert_eq!(app.error_count(), 1);
}

// ------------------------------------------------------------- new item

#[test]
fn n_creates_a_risk_with_the_next_free_id_selected_in_the_list() {
    let mut app = app();
    let expected_id = next_free("R", app.register.items.iter().map(|i| i.id.clone()));
    assert_eq!(expected_id, "R-021", "the example's risks end at R-020");
    let count = app.register.items.len();

    assert_no_cmd(press(&mut app, "n"));
    assert_eq!(purpose(&app), FormPurpose::NewItem);
    assert_eq!(form(&app).field("Kind").selected_label(), "Risk");
    assert!(
        form(&app)
            .field("Owner")
            .selected_label()
            .starts_with("qlead"),
        "the owner defaults to who runs roreg"
    );
    for key in ["Likelihood", "Impact"] {
        assert_eq!(
            form(&app).field(key).selected_label(),
            "choose",
            "a new item starts unscored"
        );
    }
    focus(&mut app, "Title");
    type_text(&mut app, "Dust on parts");
    score_new_item(&mut app, 1, 1);
    let job = save_of(ctrl(&mut app, 's'));

    assert!(app.overlays.is_empty());
    assert_eq!(app.register.items.len(), count + 1);
    let new = item(&app, &expected_id).clone();
    assert_eq!(job.register.item(&expected_id), Some(&new));
    assert_eq!(new.kind, Kind::Risk);
    assert_eq!(new.title, "Dust on parts");
    assert_eq!(new.owner, "qlead");
    assert_eq!(new.current, Score::new(1, 1));
    assert_eq!(new.status, ItemStatus::Identified);
    assert_eq!(new.created, now());
    assert!(new.actions.is_empty());
    let scales = &app.register.scales;
    let band = scales.band_index(new.current.value()).unwrap();
    let days = i64::from(scales.review_days[band]);
    assert_eq!(new.next_review, Some(today().add_days(days)));
    assert_eq!(new.next_review, Some(Date::parse("2027-11-21").unwrap()));
    assert_eq!(selected_id(&app), expected_id);
    assert_eq!(status_info(&app), format!("{expected_id} created"));
    // The file keeps items in id order.
    let order: Vec<&str> = app.register.items.iter().map(|i| i.id.as_str()).collect();
    let mut sorted = order.clone();
    sorted.sort_by(|a, b| ids::compare(a, b));
    assert_eq!(order, sorted);
}

#[test]
fn n_creates_an_opportunity_scored_on_the_benefit_scale() {
    let mut app = app();
    let expected_id = next_free("O", app.register.items.iter().map(|i| i.id.clone()));
    press(&mut app, "n");
    press_code(&mut app, KeyCode::Right);
    assert_eq!(form(&app).field("Kind").selected_label(), "Opportunity");
    assert_eq!(
        form(&app).field("Impact").label,
        "Benefit",
        "the second axis follows the kind"
    );
    focus(&mut app, "Title");
    type_text(&mut app, "Export to Ireland");
    link_new_item(&mut app);
    focus(&mut app, "Likelihood");
    press_code(&mut app, KeyCode::Right);
    press_code(&mut app, KeyCode::Right);
    press_code(&mut app, KeyCode::Right);
    focus(&mut app, "Impact");
    // ← from "choose" wraps round to the top level.
    press_code(&mut app, KeyCode::Left);
    focus(&mut app, "Treatment");
    press_code(&mut app, KeyCode::Right);
    assert_eq!(form(&app).field("Treatment").selected_label(), "Exploit");
    save_of(ctrl(&mut app, 's'));
    let new = item(&app, &expected_id);
    assert_eq!(new.kind, Kind::Opportunity);
    assert_eq!(new.current, Score::new(3, 5));
    assert_eq!(new.treatment, roreg::domain::Treatment::Exploit);
    assert_eq!(selected_id(&app), expected_id);
}

#[test]
fn a_new_item_without_a_title_keeps_the_form_open_with_the_error_at_the_title() {
    let mut app = app();
    let before = app.register.clone();
    press(&mut app, "n");
    // Scored, so the title is the only thing missing (the focus is on Impact).
    score_new_item(&mut app, 1, 1);
    assert_no_cmd(ctrl(&mut app, 's'));
    assert_eq!(purpose(&app), FormPurpose::NewItem);
    let f = form(&app);
    assert!(f.field("Title").error.is_some());
    assert_eq!(f.fields[f.focus].key, "Title");
    assert_eq!(app.register, before);
    assert!(!app.save.dirty && !app.save.in_flight);
    // Typing a title clears the mistake.
    type_text(&mut app, "Now with a title");
    assert!(form(&app).field("Title").error.is_none());
    save_of(ctrl(&mut app, 's'));
}

#[test]
fn a_target_needs_both_levels() {
    let mut app = app();
    press(&mut app, "n");
    focus(&mut app, "Title");
    type_text(&mut app, "Half a target");
    score_new_item(&mut app, 1, 1);
    focus(&mut app, "Target likelihood");
    press_code(&mut app, KeyCode::Right);
    let before = app.register.clone();
    assert_no_cmd(ctrl(&mut app, 's'));
    assert!(form(&app).field("Target likelihood").error.is_some());
    assert_eq!(app.register, before);
    focus(&mut app, "Target impact");
    press_code(&mut app, KeyCode::Right);
    press_code(&mut app, KeyCode::Right);
    save_of(ctrl(&mut app, 's'));
    assert_eq!(item(&app, "R-021").target, Some(Score::new(1, 2)));
}

#[test]
fn esc_closes_an_untouched_form_and_asks_before_dropping_typed_text() {
    let mut app = app();
    let before = app.register.clone();
    press(&mut app, "n");
    assert_no_cmd(press_code(&mut app, KeyCode::Esc));
    assert!(app.overlays.is_empty());
    assert_eq!(status_info(&app), "nothing changed");
    assert!(!app.quitting);

    press(&mut app, "n");
    focus(&mut app, "Title");
    type_text(&mut app, "Half a thought");
    press_code(&mut app, KeyCode::Esc);
    assert!(form(&app).confirm_discard, "asks first");
    // Any other key keeps editing, with the text.
    press(&mut app, "n");
    assert!(!form(&app).confirm_discard);
    assert_eq!(form(&app).field("Title").text_value(), "Half a thought");
    ctrl(&mut app, 'c');
    assert!(form(&app).confirm_discard, "Ctrl-C asks the same");
    assert_no_cmd(press(&mut app, "y"));
    assert!(app.overlays.is_empty());
    assert_eq!(app.register, before);
    assert!(!app.save.dirty);
}

#[test]
fn a_new_item_hidden_by_the_search_is_still_shown_and_selected() {
    let mut app = app();
    press(&mut app, "/");
    type_text(&mut app, "zzzz");
    press_code(&mut app, KeyCode::Enter);
    assert!(visible(&app).is_empty());
    press(&mut app, "n");
    focus(&mut app, "Title");
    type_text(&mut app, "Something new");
    score_new_item(&mut app, 1, 1);
    save_of(ctrl(&mut app, 's'));
    assert_eq!(app.list.filter, Filter::default());
    assert_eq!(selected_id(&app), "R-021");
}

// ------------------------------------------------------- form keys

#[test]
fn form_keys_move_between_fields_and_change_values() {
    let mut app = app();
    press(&mut app, "n");
    let index = |app: &App, key: &str| form(app).index_of(key).unwrap();
    assert_eq!(form(&app).focus, index(&app, "Kind"));
    // Choices: arrows and Space cycle; a letter jumps to an option starting
    // with it (so h and l are letters here, not moves).
    press_code(&mut app, KeyCode::Right);
    assert_eq!(form(&app).field("Kind").selected_label(), "Opportunity");
    press_code(&mut app, KeyCode::Left);
    assert_eq!(form(&app).field("Kind").selected_label(), "Risk");
    press(&mut app, "l");
    assert_eq!(
        form(&app).field("Kind").selected_label(),
        "Risk",
        "no option starts with l"
    );
    press(&mut app, "o");
    assert_eq!(form(&app).field("Kind").selected_label(), "Opportunity");
    press(&mut app, " ");
    assert_eq!(form(&app).field("Kind").selected_label(), "Risk");

    // Tab, Shift-Tab, ↓, ↑ and Enter move.
    press_code(&mut app, KeyCode::Tab);
    assert_eq!(form(&app).focus, index(&app, "Title"));
    press_code(&mut app, KeyCode::BackTab);
    assert_eq!(form(&app).focus, index(&app, "Kind"));
    press_code(&mut app, KeyCode::BackTab);
    assert_eq!(
        form(&app).focus,
        form(&app).fields.len() - 1,
        "Shift-Tab wraps"
    );
    press_code(&mut app, KeyCode::Tab);
    press_code(&mut app, KeyCode::Down);
    assert_eq!(form(&app).focus, index(&app, "Title"));
    press_code(&mut app, KeyCode::Up);
    assert_eq!(form(&app).focus, index(&app, "Kind"));
    press_code(&mut app, KeyCode::Enter);
    assert_eq!(form(&app).focus, index(&app, "Title"));
    assert_eq!(purpose(&app), FormPurpose::NewItem, "Enter did not submit");

    // Enter in a multi-line text is a line break; Alt-Enter moves on.
    type_text(&mut app, "Flood");
    press_code(&mut app, KeyCode::Enter);
    assert_eq!(form(&app).focus, index(&app, "Description"));
    type_text(&mut app, "River");
    press_code(&mut app, KeyCode::Enter);
    type_text(&mut app, "rises");
    assert_eq!(form(&app).focus, index(&app, "Description"));
    assert_eq!(form(&app).field("Description").text_value(), "River\nrises");
    alt_code(&mut app, KeyCode::Enter);
    assert_eq!(form(&app).focus, index(&app, "Affects"));

    // Toggles: Space ticks, → moves the cursor.
    press(&mut app, " ");
    press_code(&mut app, KeyCode::Right);
    press_code(&mut app, KeyCode::Right);
    press(&mut app, " ");
    assert_eq!(form(&app).field("Affects").toggled(), [true, false, true]);

    // Enter on the last field submits (once the item is scored).
    score_new_item(&mut app, 1, 1);
    focus(&mut app, "Next review");
    let job = save_of(press_code(&mut app, KeyCode::Enter));
    assert!(app.overlays.is_empty());
    let new = job.register.item("R-021").unwrap();
    assert_eq!(new.title, "Flood");
    assert_eq!(new.description, "River\nrises");
    assert_eq!(
        new.affects,
        [Affects::ProductConformity, Affects::StatutoryRegulatory]
    );
}

#[test]
fn paste_into_a_form_text_field_inserts_the_text() {
    let mut app = app();
    press(&mut app, "n");
    focus(&mut app, "Title");
    assert_no_cmd(paste(&mut app, "Pasted\ntitle"));
    assert_eq!(
        form(&app).field("Title").text_value(),
        "Pasted title",
        "one line"
    );
    assert!(form(&app).changed);
    focus(&mut app, "Description");
    paste(&mut app, "line one\r\nline two");
    assert_eq!(
        form(&app).field("Description").text_value(),
        "line one\nline two"
    );
    score_new_item(&mut app, 1, 1);
    save_of(ctrl(&mut app, 's'));
    assert_eq!(item(&app, "R-021").title, "Pasted title");
}

#[test]
fn paste_outside_forms_and_search_does_nothing() {
    let mut app = app();
    let before = app.register.clone();
    assert_no_cmd(paste(&mut app, "34q"));
    assert_eq!(app.register, before);
    assert!(!app.quitting);
    assert_eq!(app.list.filter, Filter::default());
}

// ---------------------------------------------------------------- edit

#[test]
fn e_opens_the_edit_form_filled_with_the_item() {
    let mut app = app();
    let id = selected_id(&app);
    let original = item(&app, &id).clone();
    assert_no_cmd(press(&mut app, "e"));
    assert_eq!(purpose(&app), FormPurpose::EditItem(id.clone()));
    let f = form(&app);
    assert!(!f.has_field("Kind"), "the kind of an item is fixed");
    assert_eq!(f.field("Title").text_value(), original.title);
    assert_eq!(f.field("Description").text_value(), original.description);
    assert_eq!(f.field("Process").text_value(), original.process);
    assert!(
        f.field("Owner")
            .selected_label()
            .starts_with(&original.owner)
    );
    assert_eq!(
        f.field("Likelihood").selected() + 1,
        usize::from(original.current.likelihood)
    );
    assert_eq!(
        f.field("Next review").text_value(),
        original.next_review.unwrap().to_string()
    );

    // From the detail too.
    press_code(&mut app, KeyCode::Esc);
    open_detail(&mut app, "R-001");
    press(&mut app, "e");
    assert_eq!(purpose(&app), FormPurpose::EditItem("R-001".into()));
    assert_eq!(
        form(&app).field("Title").text_value(),
        item(&app, "R-001").title
    );
}

#[test]
fn editing_the_process_saves_only_that_change() {
    let mut app = app();
    let id = selected_id(&app);
    let original = item(&app, &id).clone();
    press(&mut app, "e");
    focus(&mut app, "Process");
    // The cursor starts at the beginning of a filled field.
    press_code(&mut app, KeyCode::End);
    for _ in 0..original.process.chars().count() {
        press_code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "Marketing");
    let job = save_of(ctrl(&mut app, 's'));
    assert!(app.overlays.is_empty());
    let mut expected = original.clone();
    expected.process = "Marketing".into();
    assert_eq!(job.register.item(&id), Some(&expected));
    assert_eq!(item(&app, &id), &expected);
    // Nothing else in the register moved (the change log aside, which
    // records the change).
    let mut rest = job.register.clone();
    *rest.item_mut(&id).unwrap() = original;
    let shipped = example().0;
    assert!(rest.history.starts_with(&shipped.history));
    rest.history = shipped.history.clone();
    assert!(rest == shipped, "more than the process changed");
    assert_eq!(status_info(&app), format!("{id} saved"));
}

/// Saving an edit form untouched must give back the item as it was, for
/// every item of the example: a save must not rewrite what nobody changed.
#[test]
fn saving_an_untouched_edit_form_changes_no_item() {
    let mut app = app();
    press(&mut app, "s"); // by id: a stable walk through every item
    let ids = visible(&app);
    let mut changed = Vec::new();
    for id in &ids {
        select(&mut app, id);
        let before = item(&app, id).clone();
        press(&mut app, "e");
        ctrl(&mut app, 's');
        assert!(app.overlays.is_empty(), "{id}: the form closes");
        let after = item(&app, id).clone();
        if after != before {
            changed.push(item_diff(&before, &after));
        }
    }
    assert!(
        changed.is_empty(),
        "an untouched edit rewrote:\n{}",
        changed.join("\n")
    );
}

/// The fields that differ between two versions of an item, for messages.
fn item_diff(a: &Item, b: &Item) -> String {
    let mut out = Vec::new();
    let mut field = |name: &str, x: String, y: String| {
        if x != y {
            out.push(format!("  {}.{name}: {x} -> {y}", a.id));
        }
    };
    field("title", a.title.clone(), b.title.clone());
    field("description", a.description.clone(), b.description.clone());
    field(
        "affects",
        format!("{:?}", a.affects),
        format!("{:?}", b.affects),
    );
    field(
        "source",
        format!("{:?}", a.source),
        format!("{:?}", b.source),
    );
    field("process", a.process.clone(), b.process.clone());
    field("owner", a.owner.clone(), b.owner.clone());
    field(
        "current",
        format!("{:?}", a.current),
        format!("{:?}", b.current),
    );
    field(
        "target",
        format!("{:?}", a.target),
        format!("{:?}", b.target),
    );
    field(
        "treatment",
        format!("{:?}", a.treatment),
        format!("{:?}", b.treatment),
    );
    field(
        "status",
        format!("{:?}", a.status),
        format!("{:?}", b.status),
    );
    field(
        "next_review",
        format!("{:?}", a.next_review),
        format!("{:?}", b.next_review),
    );
    field(
        "actions",
        format!("{:?}", a.actions),
        format!("{:?}", b.actions),
    );
    field(
        "created",
        format!("{:?}", a.created),
        format!("{:?}", b.created),
    );
    out.join("\n")
}

// -------------------------------------------------------------- actions

#[test]
fn a_adds_an_action_with_the_next_id_the_item_owner_and_a_month_to_do_it() {
    let mut app = app();
    open_detail(&mut app, "R-001");
    let expected_id = next_free("A", all_action_ids(&app.register));
    assert_eq!(expected_id, "A-038");
    let owner = item(&app, "R-001").owner.clone();
    let count = item(&app, "R-001").actions.len();

    assert_no_cmd(press(&mut app, "a"));
    assert_eq!(
        purpose(&app),
        FormPurpose::NewAction {
            item: "R-001".into()
        }
    );
    assert!(
        form(&app)
            .field("Owner")
            .selected_label()
            .starts_with(&owner)
    );
    type_text(&mut app, "Audit the stockist");
    let job = save_of(ctrl(&mut app, 's'));
    assert!(app.overlays.is_empty());

    let actions = &item(&app, "R-001").actions;
    assert_eq!(actions.len(), count + 1);
    let new = actions.iter().find(|a| a.id == expected_id).unwrap();
    assert_eq!(new.text, "Audit the stockist");
    assert_eq!(new.owner, owner);
    assert_eq!(new.due, today().add_days(30));
    assert_eq!(new.status, ActionStatus::Open);
    assert_eq!(new.done_on, None);
    assert_eq!(new.effectiveness, None);
    assert_eq!(
        job.register
            .item("R-001")
            .unwrap()
            .actions
            .iter()
            .find(|a| a.id == expected_id),
        Some(new)
    );
    assert_eq!(
        actions[app.detail.action].id, expected_id,
        "the new action is selected"
    );
}

#[test]
fn a_on_the_register_adds_to_the_selected_item() {
    let mut app = app();
    select(&mut app, "R-013");
    assert!(item(&app, "R-013").actions.is_empty());
    press(&mut app, "a");
    type_text(&mut app, "Visit the OEM");
    save_of(ctrl(&mut app, 's'));
    let actions = &item(&app, "R-013").actions;
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0].owner, item(&app, "R-013").owner);
    assert_eq!(app.screen(), Screen::Register);
}

#[test]
fn an_action_without_text_is_refused_at_its_field() {
    let mut app = app();
    open_detail(&mut app, "R-013");
    press(&mut app, "a");
    focus(&mut app, "Due");
    let before = app.register.clone();
    assert_no_cmd(ctrl(&mut app, 's'));
    let f = form(&app);
    assert!(f.field("Action").error.is_some());
    assert_eq!(f.fields[f.focus].key, "Action");
    assert_eq!(app.register, before);
}

#[test]
fn x_marks_the_action_done_and_records_the_effectiveness_check() {
    let mut app = app();
    open_detail(&mut app, "R-001");
    press(&mut app, "jj");
    let action_id = item(&app, "R-001").actions[2].id.clone();
    assert!(item(&app, "R-001").actions[2].status.is_open());

    let done = save_of(press(&mut app, "x"));
    let a = &done.register.item("R-001").unwrap().actions[2];
    assert_eq!(a.status, ActionStatus::Done);
    assert_eq!(a.done_on, Some(today()));
    assert_eq!(
        purpose(&app),
        FormPurpose::Effectiveness {
            item: "R-001".into(),
            action: action_id.clone()
        }
    );
    assert!(
        form(&app)
            .field("Checked by")
            .selected_label()
            .starts_with("qlead")
    );

    // No verdict is offered ready-made.
    assert_eq!(form(&app).field("Verdict").selected_label(), "(choose)");
    press_code(&mut app, KeyCode::Right);
    press_code(&mut app, KeyCode::Right);
    assert_eq!(
        form(&app).field("Verdict").selected_label(),
        "Partly effective"
    );
    focus(&mut app, "Note");
    type_text(&mut app, "No late delivery since");
    // The first save is still being written: the check waits for it.
    assert_no_cmd(ctrl(&mut app, 's'));
    assert!(app.save.dirty);
    // Partly effective: the item is scored again, a follow-up offered.
    assert_eq!(
        purpose(&app),
        FormPurpose::FollowUp {
            item: "R-001".into(),
            action: action_id.clone()
        }
    );
    assert!(status_info(&app).contains("recorded"));
    assert_no_cmd(press_code(&mut app, KeyCode::Esc));
    assert!(app.overlays.is_empty());
    assert!(
        status_info(&app).contains("no follow-up"),
        "{}",
        status_info(&app)
    );
    let check = item(&app, "R-001").actions[2]
        .effectiveness
        .clone()
        .unwrap();
    assert_eq!(check.verdict, Verdict::Partly);
    assert_eq!(check.note, "No late delivery since");
    assert_eq!(check.checked_on, today());
    assert_eq!(check.checked_by, "qlead");
    let next = save_of(app.saved(Ok(other_fingerprint("done saved"))));
    assert_eq!(
        next.register.item("R-001").unwrap().actions[2].effectiveness,
        Some(check)
    );

    // x again only says it is all done.
    assert_no_cmd(press(&mut app, "x"));
    assert!(app.overlays.is_empty());
    assert!(status_info(&app).contains("effectiveness was checked"));
}

#[test]
fn not_effective_scores_the_item_again_and_raises_a_follow_up() {
    let mut app = app();
    open_detail(&mut app, "R-001");
    press(&mut app, "jj");
    let action_id = item(&app, "R-001").actions[2].id.clone();
    let before = item(&app, "R-001").current;
    let actions_before = item(&app, "R-001").actions.len();
    save_of(press(&mut app, "x"));
    for _ in 0..3 {
        press_code(&mut app, KeyCode::Right);
    }
    assert_eq!(
        form(&app).field("Verdict").selected_label(),
        "Not effective"
    );
    focus(&mut app, "Note");
    type_text(&mut app, "Two late deliveries in October");
    ctrl(&mut app, 's');
    app.saved(Ok(other_fingerprint("checked")));
    assert_eq!(
        purpose(&app),
        FormPurpose::FollowUp {
            item: "R-001".into(),
            action: action_id.clone()
        }
    );
    // The form starts from the score the item has.
    let f = form(&app);
    assert_eq!(
        f.field("Likelihood").selected() + 1,
        usize::from(before.likelihood)
    );
    // One level more likely, and a follow-up action.
    focus(&mut app, "Likelihood");
    press_code(&mut app, KeyCode::Right);
    focus(&mut app, "Action");
    type_text(&mut app, "Second stockist for 7075 plate");
    ctrl(&mut app, 's');
    assert!(app.overlays.is_empty());
    let now = item(&app, "R-001");
    assert_eq!(now.current.likelihood, before.likelihood + 1);
    assert_eq!(now.current.impact, before.impact);
    assert_eq!(now.actions.len(), actions_before + 1);
    let raised = now
        .actions
        .iter()
        .find(|a| a.text == "Second stockist for 7075 plate")
        .expect("the follow-up action");
    assert!(raised.status.is_open());
    assert_eq!(raised.owner, now.owner);
    assert_eq!(raised.due, today().add_days(30));
    assert!(
        status_info(&app).contains(&raised.id),
        "{}",
        status_info(&app)
    );
}

#[test]
fn esc_on_the_effectiveness_check_leaves_it_for_later_and_x_asks_again() {
    let mut app = app();
    open_detail(&mut app, "R-001");
    press(&mut app, "G");
    save_of(press(&mut app, "x"));
    assert_no_cmd(press_code(&mut app, KeyCode::Esc));
    assert!(app.overlays.is_empty());
    let a = item(&app, "R-001").actions[2].clone();
    assert_eq!(a.status, ActionStatus::Done, "stays done");
    assert_eq!(a.effectiveness, None);
    let said = status_info(&app);
    assert!(said.contains(&a.id) && said.contains("later"), "{said}");
    app.saved(Ok(other_fingerprint("done")));

    // The done action asks for its check again, without another change.
    assert_no_cmd(press(&mut app, "x"));
    assert!(matches!(purpose(&app), FormPurpose::Effectiveness { .. }));
    assert!(!app.save.dirty && !app.save.in_flight);
}

#[test]
fn an_effectiveness_check_without_a_note_is_refused_at_the_note() {
    let mut app = app();
    open_detail(&mut app, "R-001");
    press(&mut app, "G");
    save_of(press(&mut app, "x"));
    // Nothing chosen: refused at the verdict first.
    assert_no_cmd(ctrl(&mut app, 's'));
    let f = form(&app);
    assert!(f.field("Verdict").error.is_some());
    assert_eq!(f.fields[f.focus].key, "Verdict");
    assert!(f.field("Note").error.is_some());
    press_code(&mut app, KeyCode::Right);
    assert_no_cmd(ctrl(&mut app, 's'));
    let f = form(&app);
    assert!(f.field("Verdict").error.is_none());
    assert!(f.field("Note").error.is_some());
    assert_eq!(f.fields[f.focus].key, "Note");
    assert_eq!(item(&app, "R-001").actions[2].effectiveness, None);
    // Whitespace is no evidence either.
    type_text(&mut app, "   ");
    ctrl(&mut app, 's');
    assert!(form(&app).field("Note").error.is_some());
    assert_eq!(item(&app, "R-001").actions[2].effectiveness, None);
}

#[test]
fn x_without_an_action_says_so() {
    let mut app = app();
    open_detail(&mut app, "R-013");
    assert!(item(&app, "R-013").actions.is_empty());
    let before = app.register.clone();
    assert_no_cmd(press(&mut app, "x"));
    assert!(app.overlays.is_empty());
    assert!(status_error(&app).contains("no action"));
    assert_eq!(app.register, before);
}

// --------------------------------------------------------- actions view

#[test]
fn capital_a_shows_every_action_overdue_first() {
    let mut app = app();
    assert_no_cmd(press(&mut app, "A"));
    assert_eq!(app.screen(), Screen::Actions);
    let total = all_action_ids(&app.register).count();
    assert_eq!(app.actions.rows.len(), total);
    let rows: Vec<_> = app
        .actions
        .rows
        .iter()
        .map(|r| &app.register.items[r.item].actions[r.action])
        .collect();
    let rank = |a: &roreg::domain::Action| {
        if a.status.is_open() && a.due < today() {
            0
        } else if a.status.is_open() {
            1
        } else {
            2
        }
    };
    assert_eq!(rank(rows[0]), 0, "an overdue action comes first");
    assert!(
        rows.windows(2).all(|w| rank(w[0]) <= rank(w[1])),
        "overdue, then open, then finished"
    );
    assert!(
        rows.windows(2)
            .filter(|w| rank(w[0]) == rank(w[1]) && rank(w[0]) < 2)
            .all(|w| w[0].due <= w[1].due),
        "soonest due first within a group"
    );
    assert_eq!(app.actions.selected, 0);
}

#[test]
fn actions_view_keys_move_the_selection() {
    let mut app = app();
    press(&mut app, "A");
    let last = app.actions.rows.len() - 1;
    app.drawn.page_rows.set(4);
    press(&mut app, "j");
    assert_eq!(app.actions.selected, 1);
    press_code(&mut app, KeyCode::Down);
    assert_eq!(app.actions.selected, 2);
    press(&mut app, "k");
    press_code(&mut app, KeyCode::Up);
    assert_eq!(app.actions.selected, 0);
    press_code(&mut app, KeyCode::PageDown);
    assert_eq!(app.actions.selected, 4);
    ctrl(&mut app, 'd');
    assert_eq!(app.actions.selected, 8);
    press_code(&mut app, KeyCode::PageUp);
    assert_eq!(app.actions.selected, 4);
    ctrl(&mut app, 'u');
    assert_eq!(app.actions.selected, 0);
    press(&mut app, "G");
    assert_eq!(app.actions.selected, last);
    press(&mut app, "g");
    assert_eq!(app.actions.selected, 0);
    press_code(&mut app, KeyCode::End);
    assert_eq!(app.actions.selected, last);
    press_code(&mut app, KeyCode::Home);
    assert_eq!(app.actions.selected, 0);
}

#[test]
fn o_cycles_the_actions_owner_through_every_person_and_back_to_all() {
    let mut app = app();
    press(&mut app, "A");
    let total = app.actions.rows.len();
    let people: Vec<String> = app.register.people.iter().map(|p| p.id.clone()).collect();
    for person in &people {
        assert_no_cmd(press(&mut app, "o"));
        assert_eq!(app.actions.owner.as_deref(), Some(person.as_str()));
        let owners: Vec<&str> = app
            .actions
            .rows
            .iter()
            .map(|r| app.register.items[r.item].actions[r.action].owner.as_str())
            .collect();
        assert!(owners.iter().all(|o| o == person), "{person}: {owners:?}");
        let theirs = app
            .register
            .items
            .iter()
            .flat_map(|i| &i.actions)
            .filter(|a| a.owner == *person)
            .count();
        assert_eq!(owners.len(), theirs, "{person}");
        let name = app.register.person_name(person).to_string();
        assert_eq!(status_info(&app), format!("actions of {name}"));
    }
    press(&mut app, "o");
    assert_eq!(app.actions.owner, None);
    assert_eq!(app.actions.rows.len(), total);
    assert_eq!(status_info(&app), "actions of everyone");
}

#[test]
fn enter_in_the_actions_view_opens_the_item_at_that_action() {
    let mut app = app();
    press(&mut app, "A");
    press(&mut app, "jjj");
    let row = app.actions.rows[3];
    let item_id = app.register.items[row.item].id.clone();
    let action_id = app.register.items[row.item].actions[row.action].id.clone();
    assert_no_cmd(press_code(&mut app, KeyCode::Enter));
    assert_eq!(app.screen(), Screen::Detail);
    assert_eq!(app.detail.item_id, item_id);
    assert_eq!(
        item(&app, &item_id).actions[app.detail.action].id,
        action_id
    );
    press(&mut app, "q");
    assert_eq!(app.screen(), Screen::Actions, "back to the actions");
    assert_eq!(app.actions.selected, 3);
    press(&mut app, "q");
    assert_eq!(app.screen(), Screen::Register);
    assert!(!app.quitting);
}

#[test]
fn x_in_the_actions_view_marks_the_selected_action_done() {
    let mut app = app();
    press(&mut app, "A");
    let row = app.actions.rows[0];
    let item_id = app.register.items[row.item].id.clone();
    let action_id = app.register.items[row.item].actions[row.action].id.clone();
    let job = save_of(press(&mut app, "x"));
    let done = job
        .register
        .item(&item_id)
        .unwrap()
        .actions
        .iter()
        .find(|a| a.id == action_id)
        .unwrap();
    assert_eq!(done.status, ActionStatus::Done);
    assert_eq!(done.done_on, Some(today()));
    assert_eq!(
        purpose(&app),
        FormPurpose::Effectiveness {
            item: item_id,
            action: action_id
        }
    );
    assert_eq!(app.screen(), Screen::Actions);
}

// ------------------------------------------------------------- heat map

#[test]
fn h_opens_the_heat_map_and_the_cursor_moves_within_the_matrix() {
    let mut app = app();
    assert_no_cmd(press(&mut app, "h"));
    assert_eq!(app.screen(), Screen::HeatMap);
    assert_eq!(app.heat.kind, Kind::Risk);
    assert_eq!(app.heat.position, Position::Current);
    assert_eq!(
        app.heat.cursor,
        busiest(&app.register, Kind::Risk),
        "the cursor starts where most risks are"
    );
    assert_eq!(app.heat.cursor, Score::new(3, 4));
    press(&mut app, "jjjjjjjjhhhhhhhh");
    assert_eq!(app.heat.cursor, Score::new(1, 1));

    press(&mut app, "k");
    assert_eq!(app.heat.cursor, Score::new(2, 1), "k raises the likelihood");
    press_code(&mut app, KeyCode::Up);
    assert_eq!(app.heat.cursor, Score::new(3, 1));
    press(&mut app, "l");
    assert_eq!(app.heat.cursor, Score::new(3, 2), "l raises the impact");
    press_code(&mut app, KeyCode::Right);
    assert_eq!(app.heat.cursor, Score::new(3, 3));
    press(&mut app, "j");
    assert_eq!(app.heat.cursor, Score::new(2, 3));
    press_code(&mut app, KeyCode::Down);
    assert_eq!(app.heat.cursor, Score::new(1, 3));
    press(&mut app, "h");
    assert_eq!(
        app.heat.cursor,
        Score::new(1, 2),
        "h moves left on the heat map"
    );
    assert_eq!(app.screen(), Screen::HeatMap);
    press_code(&mut app, KeyCode::Left);
    assert_eq!(app.heat.cursor, Score::new(1, 1));
    // Clamped to the scales.
    press(&mut app, "hj");
    assert_eq!(app.heat.cursor, Score::new(1, 1));
    press(&mut app, "kkkkkkkkllllllll");
    assert_eq!(app.heat.cursor, Score::new(5, 5));
}

#[test]
fn tab_switches_risks_and_opportunities_and_t_current_and_target() {
    let mut app = app();
    press(&mut app, "h");
    assert_no_cmd(press_code(&mut app, KeyCode::Tab));
    assert_eq!(app.heat.kind, Kind::Opportunity);
    assert_eq!(app.heat.cursor, busiest(&app.register, Kind::Opportunity));
    assert_eq!(
        app.heat.cursor,
        Score::new(4, 4),
        "a tie goes to the higher score"
    );
    press_code(&mut app, KeyCode::Tab);
    assert_eq!(app.heat.kind, Kind::Risk);
    assert_eq!(app.heat.cursor, busiest(&app.register, Kind::Risk));
    assert_no_cmd(press(&mut app, "t"));
    assert_eq!(app.heat.position, Position::Target);
    assert_eq!(app.scoring, None, "t does not start scoring here");
    press(&mut app, "t");
    assert_eq!(app.heat.position, Position::Current);
}

/// The cell with the most live items of a kind (current positions), the
/// higher score winning a tie, worked out here from the items.
fn busiest(register: &Register, kind: Kind) -> Score {
    let mut best = (0, Score::new(1, 1));
    for l in 1..=5u8 {
        for i in 1..=5u8 {
            let cell = Score::new(l, i);
            let n = register
                .items
                .iter()
                .filter(|it| it.kind == kind && it.status != ItemStatus::Closed)
                .filter(|it| it.current == cell)
                .count();
            let better = n > best.0
                || (n == best.0
                    && (cell.value(), cell.likelihood) > (best.1.value(), best.1.likelihood));
            if better {
                best = (n, cell);
            }
        }
    }
    best.1
}

/// Moves the heat-map cursor to a cell with the keys.
fn heat_to(app: &mut App, cell: Score) {
    press(app, "jjjjjjjjhhhhhhhh");
    for _ in 1..cell.likelihood {
        press(app, "k");
    }
    for _ in 1..cell.impact {
        press(app, "l");
    }
    assert_eq!(app.heat.cursor, cell);
}

#[test]
fn enter_on_a_cell_lists_its_items_in_the_register() {
    let mut app = app();
    press(&mut app, "h");
    heat_to(&mut app, Score::new(4, 4));
    assert_no_cmd(press_code(&mut app, KeyCode::Enter));
    assert_eq!(app.screen(), Screen::Register);
    assert_eq!(app.screens.len(), 1);
    let mut shown = visible(&app);
    shown.sort();
    assert_eq!(shown, ["R-008", "R-009"], "the risks at L4×I4");
    let cell = app.register.items.iter().filter(|i| {
        i.kind == Kind::Risk && i.current == Score::new(4, 4) && i.status != ItemStatus::Closed
    });
    assert_eq!(cell.count(), shown.len());
    assert!(status_info(&app).contains("c clears"));
    press(&mut app, "c");
    assert_eq!(visible(&app).len(), app.register.items.len());
}

#[test]
fn enter_on_an_opportunity_target_cell_lists_those_items() {
    let mut app = app();
    press(&mut app, "h");
    press_code(&mut app, KeyCode::Tab);
    press(&mut app, "t");
    heat_to(&mut app, Score::new(4, 5));
    press_code(&mut app, KeyCode::Enter);
    let mut shown = visible(&app);
    shown.sort();
    let mut expected: Vec<String> = app
        .register
        .items
        .iter()
        .filter(|i| {
            i.kind == Kind::Opportunity
                && i.target.unwrap_or(i.current) == Score::new(4, 5)
                && i.status != ItemStatus::Closed
        })
        .map(|i| i.id.clone())
        .collect();
    expected.sort();
    assert_eq!(shown, expected);
    assert_eq!(shown, ["O-006", "O-007"]);
}

/// The heat map says "Cell L1×I4: 0 items · Enter lists them": the list
/// Enter shows must be the items the cell counts (closed items are not).
#[test]
fn enter_on_a_cell_lists_exactly_the_items_the_cell_counts() {
    let mut app = app();
    press(&mut app, "h");
    for (kind, cell) in [
        (Kind::Risk, Score::new(1, 4)),
        (Kind::Risk, Score::new(1, 3)),
        (Kind::Opportunity, Score::new(5, 3)),
    ] {
        press(&mut app, "h");
        while app.heat.kind != kind {
            press_code(&mut app, KeyCode::Tab);
        }
        heat_to(&mut app, cell);
        let counted = heat_map(&app.register, kind, Position::Current).count(cell);
        press_code(&mut app, KeyCode::Enter);
        let shown = visible(&app);
        assert_eq!(
            shown.len(),
            counted,
            "{kind:?} L{}×{}: the map counts {counted} but Enter lists {shown:?}",
            cell.likelihood,
            cell.impact
        );
    }
}

#[test]
fn q_and_esc_leave_the_heat_map() {
    let mut app = app();
    press(&mut app, "h");
    assert_no_cmd(press(&mut app, "q"));
    assert_eq!(app.screen(), Screen::Register);
    assert!(!app.quitting);
    press(&mut app, "h");
    press_code(&mut app, KeyCode::Esc);
    assert_eq!(app.screen(), Screen::Register);
    assert!(!app.quitting);
}

// ---------------------------------------------- keys of every screen

/// Puts the app on `screen` the way a user gets there. A meeting is started
/// with the facilitator (the user) present, and its save completed, so that
/// every screen starts with nothing left to save.
fn go_to(app: &mut App, screen: Screen) {
    match screen {
        Screen::Register => {}
        Screen::Detail => open_detail(app, "R-001"),
        Screen::Actions => {
            press(app, "A");
        }
        Screen::HeatMap => {
            press(app, "h");
        }
        Screen::Meeting => {
            assert_no_cmd(press(app, "m"));
            assert_eq!(purpose(app), FormPurpose::StartMeeting);
            save_of(ctrl(app, 's'));
            assert_no_cmd(app.saved(Ok(other_fingerprint("meeting started"))));
            assert!(app.overlays.is_empty());
        }
        Screen::Audit => {
            assert_no_cmd(press(app, "u"));
        }
        Screen::People => {
            assert_no_cmd(press(app, "P"));
        }
        Screen::Customers => {
            assert_no_cmd(press(app, "C"));
        }
    }
    assert_eq!(app.screen(), screen);
}

const SCREENS: [Screen; 8] = [
    Screen::Register,
    Screen::Detail,
    Screen::Actions,
    Screen::HeatMap,
    Screen::Meeting,
    Screen::Audit,
    Screen::People,
    Screen::Customers,
];

#[test]
fn capital_c_opens_customer_focus_from_every_screen() {
    for screen in SCREENS {
        let mut app = app();
        go_to(&mut app, screen);
        let before = app.register.clone();
        assert_no_cmd(press(&mut app, "C"));
        assert_eq!(app.screen(), Screen::Customers, "C from {screen:?}");
        assert_eq!(app.register, before, "C alone changes nothing");
        press(&mut app, "q");
        assert!(!app.quitting, "q from customer focus goes back");
    }
}

#[test]
fn capital_p_opens_the_people_screen_from_every_screen_but_the_meeting() {
    for screen in SCREENS {
        let mut app = app();
        go_to(&mut app, screen);
        let before = app.register.clone();
        assert_no_cmd(press(&mut app, "P"));
        if screen == Screen::Meeting {
            // There P records a late arrival or an early leaver.
            assert_eq!(purpose(&app), FormPurpose::Presence);
            continue;
        }
        assert_eq!(app.screen(), Screen::People, "P from {screen:?}");
        assert_eq!(
            app.people
                .owns
                .get("qlead")
                .map(|o| (o.items > 0, o.actions > 0)),
            Some((true, true)),
            "P from {screen:?} counts what each person owns"
        );
        assert_eq!(app.register, before, "P alone changes nothing");
        press(&mut app, "q");
        assert!(!app.quitting);
    }
}

#[test]
fn question_mark_opens_the_help_from_every_screen_and_esc_or_q_closes_it() {
    for screen in SCREENS {
        for close in [KeyCode::Esc, KeyCode::Char('q'), KeyCode::Char('?')] {
            let mut app = app();
            go_to(&mut app, screen);
            let selected = app.list.selected;
            assert_no_cmd(press(&mut app, "?"));
            assert!(top_is(&app, |o| matches!(o, Overlay::Help)), "{screen:?}");
            // The help takes the keys: j scrolls it, nothing else moves.
            press(&mut app, "jj");
            assert_eq!(app.reading.scroll, 2);
            press(&mut app, "k");
            assert_eq!(app.reading.scroll, 1);
            assert_eq!(app.list.selected, selected);
            assert_no_cmd(press_code(&mut app, close));
            assert!(app.overlays.is_empty(), "{screen:?} {close:?}");
            assert_eq!(app.screen(), screen, "closing the help stays on the screen");
            assert!(!app.quitting);
        }
    }
}

#[test]
fn bang_opens_the_problems_from_every_screen_and_esc_or_q_closes_it() {
    for screen in SCREENS {
        for close in [KeyCode::Esc, KeyCode::Char('q')] {
            let mut app = app();
            go_to(&mut app, screen);
            assert_no_cmd(press(&mut app, "!"));
            assert!(
                top_is(&app, |o| matches!(o, Overlay::Problems)),
                "{screen:?}"
            );
            assert_eq!(app.reading.scroll, 0);
            press(&mut app, "e");
            assert_eq!(app.overlays.len(), 1, "e does not open a form behind it");
            press_code(&mut app, close);
            assert!(app.overlays.is_empty(), "{screen:?} {close:?}");
            assert_eq!(app.screen(), screen);
            assert!(!app.quitting);
        }
    }
}

#[test]
fn ctrl_c_quits_from_every_screen() {
    for screen in SCREENS {
        let mut app = app();
        go_to(&mut app, screen);
        assert_no_cmd(ctrl(&mut app, 'c'));
        assert!(app.quitting, "{screen:?}");
        assert!(app.may_exit(), "{screen:?}");
    }
}

#[test]
fn q_goes_back_one_screen_at_a_time_and_quits_from_the_register() {
    let mut app = app();
    open_detail(&mut app, "R-001");
    press(&mut app, "A");
    press(&mut app, "h");
    assert_eq!(
        app.screens,
        [
            Screen::Register,
            Screen::Detail,
            Screen::Actions,
            Screen::HeatMap
        ]
    );
    for want in [Screen::Actions, Screen::Detail, Screen::Register] {
        press(&mut app, "q");
        assert_eq!(app.screen(), want);
        assert!(!app.quitting);
    }
    press(&mut app, "q");
    assert!(app.quitting);
}

#[test]
fn global_keys_work_from_every_screen() {
    for screen in SCREENS {
        let mut app = app();
        go_to(&mut app, screen);
        press(&mut app, "A");
        assert_eq!(app.screen(), Screen::Actions, "A from {screen:?}");
        let mut app = self::app();
        go_to(&mut app, screen);
        // On the heat map and in a meeting h moves left instead.
        if screen != Screen::HeatMap && screen != Screen::Meeting {
            press(&mut app, "h");
            assert_eq!(app.screen(), Screen::HeatMap, "h from {screen:?}");
        }
        let mut app = self::app();
        go_to(&mut app, screen);
        assert_no_cmd(press(&mut app, "u"));
        assert_eq!(app.screen(), Screen::Audit, "u from {screen:?}");
        assert!(
            !app.audit.figures.is_empty(),
            "u from {screen:?} counts the figures"
        );
        let mut app = self::app();
        go_to(&mut app, screen);
        let before = app.register.clone();
        assert_no_cmd(press(&mut app, "m"));
        if screen == Screen::Meeting {
            // The open meeting is resumed, not a second one set up.
            assert!(app.overlays.is_empty(), "m in a meeting");
            assert_eq!(app.screen(), Screen::Meeting);
        } else {
            assert_eq!(
                purpose(&app),
                FormPurpose::StartMeeting,
                "m from {screen:?}"
            );
        }
        assert_eq!(app.register, before, "m alone changes nothing");
        let mut app = self::app();
        go_to(&mut app, screen);
        assert_no_cmd(press(&mut app, "w"));
        assert!(
            status_info(&app).starts_with("nothing to save"),
            "{screen:?}"
        );
    }
}

/// Read-only, as when another instance holds the lock.
const EDITOR: &str = "Helen Marsh is editing (host, pid 42)";

#[test]
fn capital_t_takes_over_only_once_the_editor_has_left() {
    for screen in SCREENS {
        // The editor itself: nothing to take over.
        let mut app = app();
        go_to(&mut app, screen);
        assert_no_cmd(press(&mut app, "T"));
        assert_eq!(
            status_info(&app),
            "you are already the editor",
            "{screen:?}"
        );
        assert!(app.sharing.read_only.is_none());

        // Read-only while the editor is there: refused, with the reason.
        let mut app = self::app();
        go_to(&mut app, screen);
        app.sharing.read_only = Some(EDITOR.into());
        app.sharing.waiting_for_editor = true;
        let before = app.register.clone();
        assert_no_cmd(press(&mut app, "T"));
        assert!(
            status_error(&app).contains(EDITOR)
                && status_error(&app).contains("once the editor has left"),
            "{screen:?}: {:?}",
            app.status
        );
        assert_eq!(app.sharing.read_only.as_deref(), Some(EDITOR));
        // Changes are refused while read-only.
        assert!(
            app.change("x", Scope::default(), |_| Ok(()))
                .unwrap_err()
                .starts_with("read-only")
        );

        // The editor leaves: T asks the run loop to take the lock.
        assert_no_cmd(update(&mut app, Msg::LockFree));
        assert!(status_info(&app).contains("T takes over"), "{screen:?}");
        assert!(matches!(press(&mut app, "T"), Cmd::TakeOver), "{screen:?}");
        // Taken: this instance edits, on the version on disk.
        let mut theirs = before.clone();
        theirs.item_mut("R-013").unwrap().process = "Board".into();
        let fingerprint = other_fingerprint("theirs");
        assert_no_cmd(update(
            &mut app,
            Msg::TookOver(OnDisk {
                register: theirs.clone(),
                fingerprint,
            }),
        ));
        assert!(app.sharing.read_only.is_none(), "{screen:?}");
        assert_eq!(app.register, theirs);
        assert_eq!(app.save.fingerprint, Some(fingerprint));
        assert!(status_info(&app).contains("you are the editor now"));
        assert_eq!(app.screen(), screen, "the screen stays");
        assert_no_cmd(press(&mut app, "T"));
        assert_eq!(status_info(&app), "you are already the editor");
    }
}

#[test]
fn capital_f_toggles_following_the_facilitator_only_when_read_only() {
    for screen in SCREENS {
        let mut app = app();
        go_to(&mut app, screen);
        assert!(app.sharing.following);
        assert_no_cmd(press(&mut app, "F"));
        assert!(
            app.sharing.following,
            "{screen:?}: the editor follows no one"
        );
        assert!(status_info(&app).starts_with("F is for read-only viewers"));

        app.sharing.read_only = Some(EDITOR.into());
        let before = app.register.clone();
        assert_no_cmd(press(&mut app, "F"));
        assert!(!app.sharing.following, "{screen:?}");
        assert_eq!(status_info(&app), "not following: move freely");
        assert_no_cmd(press(&mut app, "F"));
        assert!(app.sharing.following);
        assert_eq!(
            status_info(&app),
            "following the facilitator's meeting item"
        );
        assert_eq!(app.register, before);
        assert_eq!(app.screen(), screen);
    }
}

#[test]
fn returning_to_an_open_screen_does_not_stack_it_twice() {
    let mut app = app();
    press(&mut app, "A");
    press_code(&mut app, KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Detail);
    press(&mut app, "A");
    assert_eq!(app.screens, [Screen::Register, Screen::Actions]);
}

#[test]
fn item_keys_are_not_bound_where_they_make_no_sense() {
    let mut app = app();
    press(&mut app, "A");
    let before = app.register.clone();
    press(&mut app, "34");
    assert_eq!(app.scoring, None, "no scoring on the actions view");
    press(&mut app, "ne/f");
    assert!(app.overlays.is_empty());
    assert_eq!(app.list.search, None);
    assert_eq!(app.register, before);
    press(&mut app, "q");
    press(&mut app, "h");
    press(&mut app, "34aex");
    assert!(app.overlays.is_empty());
    assert_eq!(app.register, before);
    // Nor on the audit view, nor do the meeting's own keys work outside a meeting.
    press(&mut app, "q");
    press(&mut app, "u");
    press(&mut app, "34aexdv+sKJt");
    assert_eq!(app.scoring, None, "no scoring on the audit view");
    assert!(app.overlays.is_empty());
    assert_eq!(app.screen(), Screen::Audit);
    assert_eq!(app.register, before);
    press(&mut app, "q");
    open_detail(&mut app, "R-001");
    press(&mut app, "dv+KJ");
    assert!(app.overlays.is_empty());
    assert_eq!(app.register, before);
    assert!(
        roreg::domain::meetings::open_meeting(&app.register).is_none(),
        "no meeting was opened"
    );
}

#[test]
fn z_undoes_the_last_change_and_capital_z_redoes_it_on_every_screen() {
    // Meeting mode's own changes: `tui_meeting.rs`.
    for screen in SCREENS.into_iter().filter(|s| *s != Screen::Meeting) {
        let mut app = app();
        let id = selected_id(&app);
        let before = item(&app, &id).current;
        save_of(press(&mut app, "12"));
        app.saved(Ok(other_fingerprint("scored")));
        assert_eq!(item(&app, &id).current, Score::new(1, 2));
        go_to(&mut app, screen);
        let records = app.register.history.len();
        // Undoing is a change like any other: recorded, and saved.
        let undo = save_of(press(&mut app, "z"));
        assert_eq!(item(&app, &id).current, before, "{screen:?}");
        assert_eq!(undo.register.item(&id).unwrap().current, before);
        assert!(
            status_info(&app).starts_with(&format!("undone: {id} score 1×2")),
            "{screen:?}: {:?}",
            app.status
        );
        let undone = &app.register.history[records..];
        assert!(
            undone
                .iter()
                .any(|h| h.record == id && h.field == "current"),
            "{screen:?}: the undo is in the history"
        );
        app.saved(Ok(other_fingerprint("undone")));
        save_of(press(&mut app, "Z"));
        assert_eq!(item(&app, &id).current, Score::new(1, 2), "{screen:?}");
        assert!(status_info(&app).starts_with("redone: "), "{screen:?}");
        app.saved(Ok(other_fingerprint("redone")));
        // Nothing more to redo; a new change clears what could be redone.
        assert_no_cmd(press(&mut app, "Z"));
        assert!(
            status_info(&app).starts_with("nothing to redo"),
            "{screen:?}"
        );
    }
}

#[test]
fn z_with_nothing_done_and_z_when_someone_else_changed_the_item_say_so() {
    let mut app = app();
    assert_no_cmd(press(&mut app, "z"));
    assert!(status_info(&app).starts_with("nothing to undo"));
    let id = selected_id(&app);
    save_of(press(&mut app, "12"));
    app.saved(Ok(other_fingerprint("saved")));
    // A merge brings their change to the same item: ours is not taken back
    // over theirs.
    app.register.item_mut(&id).unwrap().process = "Theirs".into();
    assert_no_cmd(press(&mut app, "z"));
    assert!(
        status_error(&app).starts_with(&format!("cannot undo {id} score 1×2"))
            && status_error(&app).ends_with(&format!(": {id} was changed since")),
        "{:?}",
        app.status
    );
    assert_eq!(item(&app, &id).current, Score::new(1, 2));
}

#[test]
fn the_records_an_undo_restores_cannot_be_cut_from_the_history_unseen() {
    let mut app = app();
    save_of(press(&mut app, "12"));
    app.saved(Ok(other_fingerprint("scored")));
    save_of(press(&mut app, "z"));
    let mut cut = app.register.clone();
    let marker = cut
        .history
        .iter()
        .rposition(|h| h.record == "register" && h.field == "undo")
        .expect("the undo is marked");
    // Keep the marker, cut what it restored.
    cut.history.truncate(marker + 1);
    let problems = roreg::domain::history::verify(&cut);
    assert!(
        problems
            .iter()
            .any(|p| matches!(p, roreg::domain::history::ChainProblem::CutChange { .. })),
        "{problems:?}"
    );
}

#[test]
fn a_new_item_needs_what_it_affects_its_source_and_its_process() {
    let mut app = app();
    press(&mut app, "n");
    focus(&mut app, "Title");
    type_text(&mut app, "Dust on parts");
    for key in ["Likelihood", "Impact"] {
        focus(&mut app, key);
        press_code(&mut app, KeyCode::Right);
    }
    let before = app.register.clone();
    assert_no_cmd(ctrl(&mut app, 's'));
    let f = form(&app);
    for key in ["Affects", "Source", "Process"] {
        assert!(f.field(key).error.is_some(), "{key} is asked for");
    }
    assert_eq!(f.fields[f.focus].key, "Affects", "the first missing one");
    assert_eq!(app.register, before, "nothing saved");
    // The register's processes are offered: Ctrl-N completes "Pur".
    focus(&mut app, "Process");
    type_text(&mut app, "Pur");
    ctrl(&mut app, 'n');
    assert_eq!(form(&app).field("Process").text_value(), "Purchasing");
    assert!(form(&app).field("Process").hint.contains("Ctrl-N offers"));
    link_new_item(&mut app);
    let job = save_of(ctrl(&mut app, 's'));
    let new = job.register.item("R-021").unwrap();
    assert_eq!(new.process, "Purchasing");
    assert_eq!(new.affects, [Affects::ProductConformity]);
}

#[test]
fn an_older_item_without_a_process_can_still_be_edited() {
    let (mut register, fingerprint) = example();
    let id = "R-001".to_string();
    register.item_mut(&id).unwrap().process.clear();
    let mut app = app_with(register, fingerprint);
    // It opens on the problems: the missing process is warned of.
    assert!(top_is(&app, |o| matches!(o, Overlay::Problems)));
    press_code(&mut app, KeyCode::Esc);
    select(&mut app, &id);
    press(&mut app, "e");
    focus(&mut app, "Title");
    type_text(&mut app, "!");
    save_of(ctrl(&mut app, 's'));
    assert!(item(&app, &id).title.ends_with('!'));
}
