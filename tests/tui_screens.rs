//! Screen tests: the whole app drawn on ratatui's TestBackend with a fixed
//! date, snapshotted as text, plus checks on the cells whose style carries
//! meaning (selection, bands, overdue dates) and on hostile text.

use std::path::{Path, PathBuf};

#[path = "common/screen.rs"]
mod screen;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, Cell};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier, Style};
use unicode_width::UnicodeWidthStr;

use roreg::domain::{
    Attendance, Date, Kind, MeetingKind, Register, Score, Timestamp, meetings, queries,
};
use roreg::theme::Theme;
use roreg::tui::app::App;
use roreg::tui::update::{Msg, update};

// ---------------------------------------------------------------- helpers

fn example_register() -> Register {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/example.ron");
    roreg::storage::load(&path)
        .expect("the example register loads")
        .register
}

/// The app as a user starts it on the example, on 21 November 2026,
/// editing as the first person in `people` (Amy Hughes).
fn app_on(register: Register) -> App {
    App::new(
        register,
        PathBuf::from("data/example.ron"),
        Date::parse("2026-11-21").unwrap(),
        Timestamp::parse("2026-11-21T10:00:00Z").unwrap(),
        Some("ahughes".into()),
    )
}

fn example_app() -> App {
    app_on(example_register())
}

/// Types keys as a user would, one character each.
fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            c => KeyCode::Char(c),
        };
        update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
}

fn app_after(keys: &str) -> App {
    let mut app = example_app();
    press(&mut app, keys);
    app
}

fn render(app: &App, theme: &Theme, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    draw(&mut terminal, app, theme)
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App, theme: &Theme) -> Buffer {
    terminal
        .draw(|f| roreg::tui::view::draw(f, app, theme))
        .unwrap();
    terminal.backend().buffer().clone()
}

fn row_text(buffer: &Buffer, y: u16) -> String {
    screen::row(buffer, y)
}

/// The screen as text, one line per row, trailing spaces trimmed.
fn screen_text(buffer: &Buffer) -> String {
    (0..buffer.area.height)
        .map(|y| row_text(buffer, y))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The symbols of `len` cells from (x, y), one cell after another.
fn cells_text(buffer: &Buffer, x: u16, y: u16, len: u16) -> String {
    (x..x + len).map(|x| buffer[(x, y)].symbol()).collect()
}

/// Where `needle` starts on row `y`, in cells (not chars).
fn find_in_row(buffer: &Buffer, y: u16, needle: &str) -> Option<u16> {
    let len = needle.width() as u16;
    (0..=buffer.area.width.saturating_sub(len)).find(|&x| cells_text(buffer, x, y, len) == needle)
}

/// The first row holding `needle`, and the x it starts at.
fn find(buffer: &Buffer, needle: &str) -> Option<(u16, u16)> {
    (0..buffer.area.height).find_map(|y| find_in_row(buffer, y, needle).map(|x| (x, y)))
}

fn locate(buffer: &Buffer, needle: &str) -> (u16, u16) {
    find(buffer, needle)
        .unwrap_or_else(|| panic!("{needle:?} not on screen:\n{}", screen_text(buffer)))
}

/// The row of the register table that shows the item `id`.
fn table_row(buffer: &Buffer, id: &str) -> u16 {
    let (_, header) = locate(buffer, "│  ID");
    (header + 1..buffer.area.height)
        .find(|&y| cells_text(buffer, 2, y, id.width() as u16 + 2) == format!(" {id} "))
        .unwrap_or_else(|| panic!("no table row for {id}:\n{}", screen_text(buffer)))
}

/// Whether the cell shows `style`: its colours where `style` sets them, and
/// at least its modifiers.
fn has_style(cell: &Cell, style: Style) -> bool {
    style.fg.is_none_or(|fg| cell.fg == fg)
        && style.bg.is_none_or(|bg| cell.bg == bg)
        && cell.modifier.contains(style.add_modifier)
}

fn assert_style(buffer: &Buffer, x: u16, y: u16, len: u16, style: Style, what: &str) {
    for x in x..x + len {
        let cell = &buffer[(x, y)];
        assert!(
            has_style(cell, style),
            "{what}: cell ({x},{y}) {:?} is {:?}/{:?}/{:?}, expected {style:?}\n{}",
            cell.symbol(),
            cell.fg,
            cell.bg,
            cell.modifier,
            screen_text(buffer)
        );
    }
}

// ---------------------------------------------------------------- snapshots

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// Each screen as reached by its keys from the register.
const SCREENS: [(&str, &str); 8] = [
    ("register", ""),
    ("detail", "\n"),
    ("actions", "A"),
    ("heatmap", "h"),
    ("help", "?"),
    ("edit_form", "e"),
    ("new_form", "n"),
    ("filter_form", "f"),
];

#[test]
fn every_screen_at_80x24_and_120x40() {
    let theme = Theme::colour();
    for (name, keys) in SCREENS {
        let app = app_after(keys);
        for (w, h) in SIZES {
            let text = screen_text(&render(&app, &theme, w, h));
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), text);
        }
    }
}

#[test]
fn a_too_small_terminal_says_so() {
    let app = example_app();
    for (w, h) in [(50, 12), (20, 5)] {
        let text = screen_text(&render(&app, &Theme::colour(), w, h));
        assert!(text.contains("small"), "{w}×{h}:\n{text}");
        insta::assert_snapshot!(format!("too_small_{w}x{h}"), text);
    }
}

#[test]
fn screens_show_what_a_user_looks_for() {
    let theme = Theme::colour();
    let register = screen_text(&render(&example_app(), &theme, 120, 40));
    for expected in [
        "R-001", "O-002", "Critical", "High", "Medium", "▶", "? help",
    ] {
        assert!(
            register.contains(expected),
            "{expected:?} missing:\n{register}"
        );
    }
    assert!(
        register.contains("2026-10-16!"),
        "O-002's review (16 Oct) is overdue on 21 Nov and marked with !:\n{register}"
    );
    let detail = screen_text(&render(&app_after("\n"), &theme, 80, 24));
    assert!(detail.contains("Actions ("), "{detail}");
}

// ---------------------------------------------------------------- meetings

fn at(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

/// The example with a risk review opened at 09:00 on 2026-11-21 by qlead,
/// Jane Smith present, Dev Patel sending apologies; fixed timestamps, so
/// the screens are stable. These tests are about the card, not the agenda
/// rule: the rule's agenda with O-002 (Critical, one open action) put
/// first and R-009 (two open actions) added at the end, as a facilitator may.
fn register_in_a_meeting() -> Register {
    let mut register = example_register();
    let attendance = |person: &str, present: bool, apologies: bool| Attendance {
        person: person.into(),
        present,
        apologies,
        arrived: None,
        left: None,
    };
    let today = Date::parse("2026-11-21").unwrap();
    let mut agenda = meetings::agenda(&register, MeetingKind::RiskReview, today);
    // R-009 is on the rule's agenda now (it threatens a key customer's
    // requirement): moved to the end.
    agenda.retain(|id| id != "O-002" && id != "R-009");
    agenda.insert(0, "O-002".to_string());
    agenda.push("R-009".to_string());
    let before = register.clone();
    meetings::start(
        &mut register,
        MeetingKind::RiskReview,
        "qlead",
        vec![
            attendance("qlead", true, false),
            attendance("jsmith", true, false),
            attendance("dpatel", false, true),
        ],
        agenda,
        at("2026-11-21T09:00:00Z"),
    )
    .unwrap();
    recorded(&before, &mut register, "2026-11-21T09:00:00Z");
    register
}

/// Records what changed since `before`, as roreg does when it saves: the
/// example is protected, so a change it did not record would be reported.
fn recorded(before: &Register, register: &mut Register, when: &str) {
    let changes = roreg::domain::history::diff(before, register);
    roreg::domain::history::record(register, changes, at(when), "qlead");
}

/// The first agenda item re-scored, with a decision and an agreed date.
fn register_mid_meeting() -> Register {
    let mut register = register_in_a_meeting();
    let first = meetings::open_meeting(&register).unwrap().agenda[0].clone();
    let before = register.clone();
    meetings::rescore(
        &mut register,
        &first,
        Score::new(3, 4),
        at("2026-11-21T09:05:00Z"),
    )
    .unwrap();
    meetings::decide(
        &mut register,
        &first,
        "Pilot customers only until the capacity model is done",
        at("2026-11-21T09:07:00Z"),
    )
    .unwrap();
    meetings::agree_next_review(
        &mut register,
        &first,
        Date::parse("2027-01-15").ok(),
        at("2026-11-21T09:08:00Z"),
    )
    .unwrap();
    recorded(&before, &mut register, "2026-11-21T09:08:00Z");
    register
}

/// The app on the meeting card (entered with `m`, which resumes the open
/// meeting), after `keys`.
fn app_in_meeting(register: Register, keys: &str) -> App {
    let mut app = example_app();
    app.register = register;
    app.refresh();
    press(&mut app, "m");
    press(&mut app, keys);
    app
}

#[test]
fn meeting_and_audit_screens_at_80x24_and_120x40() {
    let theme = Theme::colour();
    let screens = [
        // The start form, as Amy Hughes opens it: she facilitates and is present.
        ("meeting_start_form", app_after("m")),
        // The first item, re-scored with a decision (h: `m` resumes at the
        // first item not yet reviewed, the second).
        ("meeting_card", app_in_meeting(register_mid_meeting(), "h")),
        // R-009, the last item, with two open actions, the second one selected.
        (
            "meeting_card_actions",
            app_in_meeting(register_in_a_meeting(), "lllllllllj"),
        ),
        (
            "meeting_summary",
            app_in_meeting(register_mid_meeting(), "f"),
        ),
        ("audit", app_after("u")),
        ("audit_records", app_after("u\n")),
    ];
    for (name, app) in screens {
        for (w, h) in SIZES {
            let text = screen_text(&render(&app, &theme, w, h));
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), text);
        }
    }
}

#[test]
fn a_register_left_in_a_meeting_asks_to_resume() {
    let app = app_on(register_in_a_meeting());
    let text = screen_text(&render(&app, &Theme::colour(), 80, 24));
    assert!(text.contains("Resume the open meeting?"), "{text}");
    insta::assert_snapshot!("meeting_resume_80x24", text);
}

#[test]
fn the_meeting_card_shows_what_the_room_needs() {
    let theme = Theme::colour();
    let app = app_in_meeting(register_mid_meeting(), "h");
    for (w, h) in SIZES {
        let text = screen_text(&render(&app, &theme, w, h));
        for expected in [
            "M-007",
            "item 1 of 11",
            "O-002",
            "3×4=12",
            "Before",
            "4×4=16",
            "Pilot customers only",
            "2027-01-15",
            "Open actions (1)",
            "Jane Smith★",
        ] {
            assert!(
                text.contains(expected),
                "{w}×{h}: {expected:?} missing:\n{text}"
            );
        }
    }
    // The agenda strip above the card from 100 columns, the item on the
    // card marked (the list beside it from 160: `tests/tui_projector.rs`).
    let text = screen_text(&render(&app, &theme, 120, 40));
    assert!(text.contains("Agenda · 1/11 reviewed"), "{text}");
    assert!(text.contains("▶O-002"), "{text}");
    assert!(text.contains("▶ A-011 Add external"), "{text}");
}

/// `x` closes the selected action of the card: it must be on screen, also at
/// 80×24 on an item with a long card.
#[test]
fn the_selected_action_of_the_card_is_on_screen() {
    let theme = Theme::colour();
    for (keys, selected) in [("llllllllllj", "▶ A-023"), ("h", "▶ A-011")] {
        let register = if keys == "h" {
            register_mid_meeting()
        } else {
            register_in_a_meeting()
        };
        let app = app_in_meeting(register, keys);
        for (w, h) in SIZES {
            let text = screen_text(&render(&app, &theme, w, h));
            assert!(
                text.contains(selected),
                "{w}×{h}: {selected:?} is not on screen:\n{text}"
            );
        }
    }
}

#[test]
fn the_start_form_follows_the_focus_to_the_last_person() {
    let mut app = app_after("m");
    for _ in 0..13 {
        update(
            &mut app,
            Msg::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE)),
        );
    }
    for (w, h) in SIZES {
        let text = screen_text(&render(&app, &Theme::colour(), w, h));
        assert!(
            text.lines()
                .any(|l| l.contains("▶ Tom Nguyen") && l.contains("absent")),
            "{w}×{h}:\n{text}"
        );
    }
}

/// The matrix beside an item (the detail, the register's preview pane, the
/// meeting card) has an axis of 1 to 5: no column may be cut off.
#[test]
fn the_item_matrix_shows_every_column() {
    let theme = Theme::colour();
    let axis = |text: &str| {
        text.lines().any(|l| {
            let tokens: Vec<&str> = l.split_whitespace().collect();
            tokens.windows(5).any(|w| w == ["1", "2", "3", "4", "5"])
        })
    };
    let cases = [
        ("detail", app_after("\n"), SIZES.to_vec()),
        ("register preview", example_app(), vec![(120, 40)]),
        (
            "meeting card",
            app_in_meeting(register_mid_meeting(), "h"),
            SIZES.to_vec(),
        ),
    ];
    for (name, app, sizes) in cases {
        for (w, h) in sizes {
            let text = screen_text(&render(&app, &theme, w, h));
            assert!(
                axis(&text),
                "{name} {w}×{h}: the matrix axis is not 1–5:\n{text}"
            );
        }
    }
}

// ---------------------------------------------------------------- styles

#[test]
fn the_selected_row_is_highlighted_and_marked() {
    let theme = Theme::colour();
    let app = example_app();
    let buffer = render(&app, &theme, 120, 40);
    let id = app.selected_item().unwrap().id.clone();
    let y = table_row(&buffer, &id);
    assert_eq!(buffer[(1, y)].symbol(), "▶", "marker in the first column");
    let (right_border, _) = locate(&buffer, "┐");
    assert_style(
        &buffer,
        1,
        y,
        right_border - 1,
        theme.selected,
        "selected row",
    );
    // The next row is not selected.
    let below = &buffer[(1, y + 1)];
    assert_eq!(below.symbol(), " ");
    assert!(
        !has_style(below, theme.selected),
        "only one row is selected"
    );
}

#[test]
fn band_cells_use_the_kind_colour_family() {
    let theme = Theme::colour();
    let mut app = example_app();
    press(&mut app, "j"); // the selection would repaint the first row's band
    let buffer = render(&app, &theme, 120, 40);
    let bands = app.register.scales.bands.len();
    let band_x = locate(&buffer, "Band").0;

    // A Critical risk not under the selection.
    let critical = app
        .list
        .view
        .iter()
        .map(|&i| &app.register.items[i])
        .find(|i| {
            i.kind == Kind::Risk
                && app.register.scales.band_name(i.current.value()) == "Critical"
                && app.selected_item().unwrap().id != i.id
        })
        .expect("the example has a Critical risk");
    let y = table_row(&buffer, &critical.id);
    assert_eq!(cells_text(&buffer, band_x, y, 8), "Critical");
    let critical_style = theme.band(Kind::Risk, 3, bands);
    assert_style(&buffer, band_x, y, 8, critical_style, "Critical risk band");

    // An opportunity: the cool family, never the risk colour of its band.
    let opportunity = app
        .list
        .view
        .iter()
        .map(|&i| &app.register.items[i])
        .find(|i| i.kind == Kind::Opportunity && app.selected_item().unwrap().id != i.id)
        .expect("the example has an opportunity");
    let scales = &app.register.scales;
    let index = scales.band_index(opportunity.current.value()).unwrap();
    let name = scales.band_name(opportunity.current.value());
    let y = table_row(&buffer, &opportunity.id);
    let width = name.width() as u16;
    assert_eq!(cells_text(&buffer, band_x, y, width), name);
    let own = theme.band(Kind::Opportunity, index, bands);
    let risk = theme.band(Kind::Risk, index, bands);
    assert_ne!(own, risk, "the families differ for band {name}");
    assert_style(&buffer, band_x, y, width, own, "opportunity band");
    assert!(
        !has_style(&buffer[(band_x, y)], risk),
        "an opportunity's band is not in risk colours"
    );
}

#[test]
fn an_overdue_review_date_is_in_the_overdue_style() {
    let theme = Theme::colour();
    let app = example_app();
    let buffer = render(&app, &theme, 120, 40);
    let review_x = locate(&buffer, "Review").0;
    // An overdue review not under the selection, which repaints its row.
    let late = app
        .list
        .view
        .iter()
        .skip(1)
        .map(|&i| &app.register.items[i])
        .find(|i| queries::review_overdue(i, app.today))
        .expect("the example has an overdue review");
    let y = table_row(&buffer, &late.id);
    let shown = format!("{}!", late.next_review.unwrap());
    assert_eq!(cells_text(&buffer, review_x, y, 11), shown);
    assert_style(&buffer, review_x, y, 11, theme.overdue, "overdue review");
    // A review still to come is plain.
    let (x, y) = locate(&buffer, "2026-12-15 ");
    assert_eq!(x, review_x);
    assert!(!has_style(&buffer[(x, y)], theme.overdue), "future review");
}

// ---------------------------------------------------------------- monochrome

fn assert_no_colour(buffer: &Buffer, screen: &str) {
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            assert!(
                cell.fg == Color::Reset && cell.bg == Color::Reset,
                "{screen}: cell ({x},{y}) {:?} has colour {:?}/{:?}",
                cell.symbol(),
                cell.fg,
                cell.bg
            );
        }
    }
}

#[test]
fn monochrome_has_no_colour_yet_shows_selection_and_bands() {
    let theme = Theme::monochrome();
    for (screen, keys) in [("register", ""), ("detail", "\n"), ("heatmap", "h")] {
        for (w, h) in SIZES {
            assert_no_colour(&render(&app_after(keys), &theme, w, h), screen);
        }
    }
    let app = example_app();
    let buffer = render(&app, &theme, 120, 60);
    let y = table_row(&buffer, &app.selected_item().unwrap().id);
    assert_eq!(buffer[(1, y)].symbol(), "▶");
    assert!(buffer[(2, y)].modifier.contains(Modifier::REVERSED));
    assert!(!buffer[(2, y + 1)].modifier.contains(Modifier::REVERSED));
    let text = screen_text(&buffer);
    for band in ["Critical", "High", "Medium", "Low"] {
        assert!(text.contains(band), "band word {band:?} missing:\n{text}");
    }
}

// ---------------------------------------------------------------- hostile text

#[test]
fn hostile_titles_are_neutralised_and_keep_columns_aligned() {
    let mut app = example_app();
    let first = app.list.view[0];
    let cjk = app.list.view[3];
    let straddling = app.list.view[5];
    app.register.items[first].title = "\u{1b}[31mEvil\u{7} title".to_string();
    app.register.items[cjk].title = "日本語のタイトル with emoji 🚀".to_string();
    // An odd start puts a wide character across the end of the title column.
    app.register.items[straddling].title = "A日本語のタイトルが長い見出しです".to_string();
    let buffer = render(&app, &Theme::colour(), 120, 60);

    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            assert!(
                !symbol.chars().any(char::is_control),
                "control character at ({x},{y}): {symbol:?}"
            );
        }
    }
    let text = screen_text(&buffer);
    assert!(text.contains("␛[31mEvil␇"), "escape shown as ␛:\n{text}");
    assert!(text.contains("日本語のタイトル"), "{text}");

    // Every column after the title starts at the same x on every row.
    let (score_x, _) = locate(&buffer, "Sc Band");
    for &index in &app.list.view {
        let item = &app.register.items[index];
        let y = table_row(&buffer, &item.id);
        let score = item.current.value();
        let band = app.register.scales.band_name(score);
        assert_eq!(
            cells_text(&buffer, score_x, y, 3 + band.width() as u16),
            format!("{score:>2} {band}"),
            "row {} is out of line:\n{text}",
            item.id
        );
    }
}

// ---------------------------------------------------------------- resize

#[test]
fn resizing_down_to_tiny_and_back_gives_the_same_screen() {
    let theme = Theme::colour();
    let mut app = example_app();
    press(&mut app, "G"); // the last row, so a short screen must scroll
    let last_id = app.selected_item().unwrap().id.clone();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let first = draw(&mut terminal, &app, &theme);
    let mut last = first.clone();
    for (w, h, shows) in [
        (80, 24, format!("▶ {last_id}")),
        (20, 5, "too small".to_string()),
        (120, 40, format!("▶ {last_id}")),
    ] {
        terminal.backend_mut().resize(w, h);
        last = draw(&mut terminal, &app, &theme);
        let text = screen_text(&last);
        assert!(text.contains(&shows), "{w}×{h} shows {shows:?}:\n{text}");
    }
    assert_eq!(
        screen_text(&last),
        screen_text(&first),
        "text after resizing back"
    );
    assert_eq!(last, first, "styles after resizing back");
}

// ---------------------------------------------------------------- wide ids

#[test]
fn the_id_column_fits_the_longest_id() {
    let mut register = example_register();
    let mut wide = register
        .items
        .iter()
        .find(|i| i.kind == Kind::Opportunity)
        .unwrap()
        .clone();
    wide.id = "O-000068".into();
    wide.actions.clear();
    // Top of the list by score.
    wide.current = Score::new(5, 5);
    register.items.push(wide);
    let app = app_on(register);
    for width in [80, 120] {
        let screen = screen_text(&render(&app, &Theme::monochrome(), width, 24));
        assert!(
            screen.contains(" O-000068 "),
            "the whole id at {width} columns:\n{screen}"
        );
        // Shorter ids line up under it.
        let column = |id: &str| {
            screen
                .lines()
                .find_map(|l| l.find(&format!(" {id} ")).map(|at| l[..at].chars().count()))
                .unwrap_or_else(|| panic!("{id} on screen:\n{screen}"))
        };
        assert_eq!(column("O-000068"), column("O-002"), "{screen}");
    }
}
