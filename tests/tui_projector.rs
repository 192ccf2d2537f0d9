//! The meeting card on a shared screen: the whole screen from 160×45 with a
//! large matrix and the description, an agenda strip from 100 columns,
//! nothing the room decides on cut at 80×24, no dim grey for content, and a
//! decision that wraps as it is typed. On the example, today 2026-11-21.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;

use roreg::domain::{Attendance, MeetingKind, Register, Score, Timestamp, meetings};
use roreg::theme::Theme;
use roreg::tui::app::App;

#[path = "common/keys.rs"]
mod keys;
use keys::*;

fn at(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

/// Records what changed since `before`, as roreg does when it saves.
fn recorded(before: &Register, register: &mut Register, when: &str) {
    let changes = roreg::domain::history::diff(before, register);
    roreg::domain::history::record(register, changes, at(when), "qlead");
}

/// A risk review under way: the first agenda item (O-002) re-scored, with
/// a decision and an agreed date. These tests are about the card, not the
/// agenda rule: the agenda is the rule's with O-002 (Critical, one open
/// action, a long description) put first by the facilitator.
fn register_mid_meeting() -> Register {
    let (mut register, _) = example();
    let attendance = |person: &str, present: bool, apologies: bool| Attendance {
        person: person.into(),
        present,
        apologies,
        arrived: None,
        left: None,
    };
    let mut agenda = meetings::agenda(&register, MeetingKind::RiskReview, today());
    agenda.retain(|id| id != "O-002");
    agenda.insert(0, "O-002".to_string());
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
    let first = meetings::open_meeting(&register).unwrap().agenda[0].clone();
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
    recorded(&before, &mut register, "2026-11-21T09:08:00Z");
    register
}

/// The card on the first agenda item (`m` resumes at the next one, `h` goes back).
fn app_on_card() -> App {
    let mut app = app_with(register_mid_meeting(), example().1);
    app.overlays.clear();
    press(&mut app, "mh");
    app
}

fn render(app: &App, theme: &Theme, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| roreg::tui::view::draw(f, app, theme))
        .unwrap();
    terminal.backend().buffer().clone()
}

fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            let mut line = String::new();
            let mut hidden = 0;
            for x in 0..area.width {
                let symbol = buffer[(x, y)].symbol();
                if hidden == 0 {
                    line.push_str(symbol);
                }
                hidden = unicode_width::UnicodeWidthStr::width(symbol)
                    .max(hidden)
                    .saturating_sub(1);
            }
            line.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The card's box: from its top-left corner (the one its title follows) to
/// the bottom-right corner below and right of it.
fn card_rect(buffer: &Buffer) -> Rect {
    let area = buffer.area;
    let (x, y) = (0..area.height)
        .flat_map(|y| (0..area.width).map(move |x| (x, y)))
        .find(|&(x, y)| {
            buffer[(x, y)].symbol() == "┌"
                && x + 2 < area.width
                && buffer[(x + 2, y)].symbol() == "M"
        })
        .expect("the card's box is on screen");
    let right = (x + 1..area.width)
        .find(|&r| buffer[(r, y)].symbol() == "┐")
        .unwrap();
    let bottom = (y + 1..area.height)
        .find(|&b| buffer[(x, b)].symbol() == "└")
        .unwrap();
    Rect::new(x, y, right - x + 1, bottom - y + 1)
}

const SIZES: [(u16, u16); 3] = [(80, 24), (100, 30), (160, 45)];

#[test]
fn the_card_at_80x24_100x30_and_160x45_in_both_themes() {
    let app = app_on_card();
    for (name, theme) in [
        ("colour", Theme::colour()),
        ("high_contrast", Theme::preset("high-contrast").unwrap()),
    ] {
        for (w, h) in SIZES {
            let screen = text(&render(&app, &theme, w, h));
            insta::assert_snapshot!(format!("card_{name}_{w}x{h}"), screen);
        }
    }
}

#[test]
fn what_the_room_decides_on_is_on_the_card_at_every_size() {
    let app = app_on_card();
    for (w, h) in SIZES {
        let screen = text(&render(&app, &Theme::colour(), w, h));
        for expected in [
            "O-002  Sell Type III hard anodising",
            "Now",
            "3×4=12",
            "Before",
            "4×4=16",
            "Target",
            "Next review",
            // The decision, wrapped where it must be.
            "Pilot customers only",
            "model is done",
            "Open actions (1)",
            "▶ A-011 Add external",
        ] {
            assert!(
                screen.contains(expected),
                "{w}×{h}: {expected:?} missing:\n{screen}"
            );
        }
    }
}

#[test]
fn at_160x45_the_card_shows_the_description_and_a_large_matrix() {
    let app = app_on_card();
    let buffer = render(&app, &Theme::colour(), 160, 45);
    let screen = text(&buffer);
    let description = app.register.item("O-002").unwrap().description.clone();
    let first_words: String = description
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(screen.contains("Description"), "{screen}");
    assert!(screen.contains(&first_words), "{first_words:?}:\n{screen}");
    // The agenda list beside the card, the card over the rest of the width.
    assert!(screen.contains("Agenda · 1/11 reviewed"), "{screen}");
    let card = card_rect(&buffer);
    assert!(card.width >= 120, "the card is {card:?}");
    assert_eq!(
        card.height, 42,
        "the card takes every row between header and footer"
    );
    // A matrix cell is 9 columns by 3 rows: the ● cell's colour reaches
    // 4 columns either side and a row above and below.
    let (x, y) = (0..45)
        .flat_map(|y| (0..160).map(move |x| (x, y)))
        .find(|&(x, y)| buffer[(x, y)].symbol() == "●" && x > card.x + 40)
        .expect("the matrix shows the current score");
    let bg = buffer[(x, y)].bg;
    for (dx, dy) in [(-4i32, 0i32), (4, 0), (0, -1), (0, 1), (-4, 1), (4, -1)] {
        let cell = &buffer[((x as i32 + dx) as u16, (y as i32 + dy) as u16)];
        assert_eq!(cell.bg, bg, "({dx},{dy}) is outside the ● cell:\n{screen}");
    }
}

#[test]
fn no_content_on_the_card_at_160x45_is_dim() {
    let theme = Theme::colour();
    let dim = theme.dim.fg.expect("the colour theme's dim has a colour");
    let app = app_on_card();
    let buffer = render(&app, &theme, 160, 45);
    let card = card_rect(&buffer);
    let mut dimmed = Vec::new();
    for y in card.top()..card.bottom() {
        for x in card.left()..card.right() {
            let cell = &buffer[(x, y)];
            let symbol = cell.symbol();
            let border = symbol
                .chars()
                .all(|c| ('\u{2500}'..='\u{257f}').contains(&c));
            if !symbol.trim().is_empty() && !border && cell.fg == dim {
                dimmed.push(format!("({x},{y}) {symbol:?}"));
            }
        }
    }
    assert!(
        dimmed.is_empty(),
        "dim content on the card: {dimmed:?}\n{}",
        text(&buffer)
    );
}

#[test]
fn from_100_columns_an_agenda_strip_shows_each_items_standing() {
    let mut app = app_on_card();
    // O-002 reviewed (Enter), the card moves on to R-012.
    press_code(&mut app, KeyCode::Enter);
    assert_eq!(app.meeting.position, 1);
    for (w, h) in [(100, 30), (120, 40), (159, 45)] {
        let screen = text(&render(&app, &Theme::colour(), w, h));
        let strip: String = screen
            .lines()
            .skip(1)
            .take(2)
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            strip.contains("Agenda · 1/11 reviewed"),
            "{w}×{h}:\n{screen}"
        );
        assert!(strip.contains("✓O-002"), "reviewed, {w}×{h}:\n{strip}");
        assert!(strip.contains("▶R-012"), "on the card, {w}×{h}:\n{strip}");
        assert!(strip.contains("·O-005"), "to come, {w}×{h}:\n{strip}");
    }
    let screen = text(&render(&app, &Theme::colour(), 99, 30));
    assert!(
        !screen.contains("Agenda ·"),
        "no room below 100 columns:\n{screen}"
    );
}

#[test]
fn the_decision_wraps_as_it_is_typed_and_enter_records_it() {
    let mut app = app_on_card();
    press(&mut app, "d");
    // Clear what is there, then type a decision longer than the field is wide.
    for _ in 0..80 {
        press_code(&mut app, KeyCode::Backspace);
    }
    let decision = "Keep exploiting with pilot customers only until the capacity model \
                    shows aerospace orders cannot be displaced, then review the price list";
    type_text(&mut app, decision);
    let screen = text(&render(&app, &Theme::colour(), 80, 24));
    for word in [
        "Keep exploiting",
        "capacity model",
        "displaced,",
        "price list",
    ] {
        assert!(screen.contains(word), "{word:?} is not shown:\n{screen}");
    }
    let cmd = press_code(&mut app, KeyCode::Enter);
    assert!(app.overlays.is_empty(), "Enter records the decision");
    let saved = save_of(cmd).register;
    let review = meetings::open_meeting(&saved)
        .unwrap()
        .reviewed
        .iter()
        .find(|r| r.item == "O-002")
        .unwrap()
        .clone();
    assert_eq!(review.decision, decision);
}
