//! The high-contrast theme on ratatui's TestBackend: the example register's
//! screens with no dim grey anywhere, and the selection still plain to see.

use std::path::{Path, PathBuf};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};

use roreg::domain::{Date, Timestamp};
use roreg::theme::Theme;
use roreg::tui::app::App;
use roreg::tui::update::{Msg, update};

fn app_after(keys: &str) -> App {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/example.ron");
    let register = roreg::storage::load(&path).unwrap().register;
    let mut app = App::new(
        register,
        PathBuf::from("data/example.ron"),
        Date::parse("2026-11-21").unwrap(),
        Timestamp::parse("2026-11-21T10:00:00Z").unwrap(),
        Some("ahughes".into()),
    );
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            c => KeyCode::Char(c),
        };
        update(&mut app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
    app
}

fn render(app: &App, theme: &Theme, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| roreg::tui::view::draw(f, app, theme))
        .unwrap();
    terminal.backend().buffer().clone()
}

fn row_text(buffer: &Buffer, y: u16) -> String {
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect()
}

#[test]
fn high_contrast_is_a_preset_by_name() {
    assert_eq!(Theme::preset("high-contrast"), Some(Theme::high_contrast()));
    assert!(Theme::PRESETS.contains(&"high-contrast"));
}

#[test]
fn high_contrast_draws_nothing_in_dim_grey() {
    let theme = Theme::high_contrast();
    let screens = [
        ("register", ""),
        ("detail", "\n"),
        ("actions", "A"),
        ("heatmap", "h"),
        ("help", "?"),
        ("edit_form", "e"),
    ];
    for (screen, keys) in screens {
        let app = app_after(keys);
        for (w, h) in [(80, 24), (120, 40)] {
            let buffer = render(&app, &theme, w, h);
            for y in 0..h {
                for x in 0..w {
                    let cell = &buffer[(x, y)];
                    assert!(
                        cell.fg != Color::DarkGray
                            && cell.bg != Color::DarkGray
                            && !cell.modifier.contains(Modifier::DIM),
                        "{screen} at {w}×{h}: cell ({x},{y}) {:?} is {:?} on {:?} {:?}\n{}",
                        cell.symbol(),
                        cell.fg,
                        cell.bg,
                        cell.modifier,
                        row_text(&buffer, y)
                    );
                }
            }
        }
    }
}

#[test]
fn high_contrast_keeps_the_selection_plain_to_see() {
    let theme = Theme::high_contrast();
    let app = app_after("j");
    let selected = app.selected_item().unwrap().id.clone();
    let buffer = render(&app, &theme, 120, 40);
    let row_of = |id: &str| {
        (0..buffer.area.height)
            .find(|&y| row_text(&buffer, y).contains(&format!(" {id} ")))
            .unwrap_or_else(|| panic!("{id} not on screen"))
    };
    let y = row_of(&selected);
    assert_eq!(buffer[(1, y)].symbol(), "▶", "{}", row_text(&buffer, y));
    // The id cell: black on yellow, a background whatever the terminal's.
    let id_cell = &buffer[(3, y)];
    assert_eq!(
        (id_cell.fg, id_cell.bg),
        (Color::Black, Color::Yellow),
        "{}",
        row_text(&buffer, y)
    );
    // The rows around it are in the terminal's own colours, no marker.
    for other in [y - 1, y + 1] {
        assert_eq!(buffer[(1, other)].symbol(), " ");
        assert_eq!(
            buffer[(3, other)].bg,
            Color::Reset,
            "{}",
            row_text(&buffer, other)
        );
        assert_eq!(
            buffer[(3, other)].fg,
            Color::Reset,
            "{}",
            row_text(&buffer, other)
        );
    }
}
