//! Frame time of the interface on a 120×40 terminal.
//!
//! `cargo bench --bench frame`. Drawing builds only the visible rows, and the
//! filtered, sorted view is rebuilt only when the data, the filter or the sort
//! changes, so moving through a list should cost the same at the top and at
//! the bottom. The register screen is drawn at 1 000, 10 000 and 100 000
//! items to show how much of a frame still grows with the register.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use roreg::domain::{SortKey, Timestamp};
use roreg::theme::Theme;
use roreg::tui::app::App;
use roreg::tui::keymap::Screen;
use roreg::tui::update::{Msg, update};
use roreg::tui::view::draw;

// The register generator of the storage benchmark (its `main` goes unused here).
#[allow(dead_code)]
#[path = "storage.rs"]
mod storage_bench;
use storage_bench::synthetic;

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

fn app(n: usize) -> App {
    let register = synthetic::register(n);
    let now = Timestamp::parse("2026-11-21T09:00:00Z").expect("a valid timestamp");
    let app = App::new(
        register,
        PathBuf::from("bench.ron"),
        synthetic::today(),
        now,
        None,
    );
    assert!(
        app.problems.is_empty(),
        "the synthetic register has problems: {:?}",
        app.problems
    );
    app
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal")
}

fn press(app: &mut App, c: char) {
    let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    update(app, Msg::Key(key));
}

fn frame(terminal: &mut Terminal<TestBackend>, app: &App, theme: &Theme) {
    terminal
        .draw(|f| draw(f, black_box(app), theme))
        .expect("draws");
}

/// Times `j` then a frame, `iters` times; before each (untimed) the
/// selection is put back at `from` once it reached the last row, so every
/// timed press really moves.
fn move_down(
    terminal: &mut Terminal<TestBackend>,
    app: &mut App,
    theme: &Theme,
    from: usize,
    iters: u64,
) -> Duration {
    let last = app.list.view.len() - 1;
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        if app.list.selected >= last {
            app.list.selected = from;
        }
        let start = Instant::now();
        press(app, 'j');
        frame(terminal, app, theme);
        total += start.elapsed();
    }
    total
}

fn frames(c: &mut Criterion) {
    let theme = Theme::colour();
    let mut group = c.benchmark_group("frame");
    group
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));

    for n in [1_000, 10_000, 100_000] {
        let app = app(n);
        let mut terminal = terminal();
        frame(&mut terminal, &app, &theme);
        // The register screen as it is on screen: the table of the rows that
        // fit beside the selected item's detail.
        group.bench_function(BenchmarkId::new("register", n), |b| {
            b.iter(|| frame(&mut terminal, &app, &theme))
        });
    }

    let n = 10_000;
    let mut app = app(n);
    let mut terminal = terminal();
    frame(&mut terminal, &app, &theme);

    // Moving through the list near the top.
    group.bench_function(BenchmarkId::new("j+frame_top", n), |b| {
        press(&mut app, 'g');
        b.iter_custom(|iters| move_down(&mut terminal, &mut app, &theme, 0, iters))
    });

    // The same at the bottom: `G` once, then keep moving over the last rows.
    group.bench_function(BenchmarkId::new("j+frame_bottom", n), |b| {
        press(&mut app, 'G');
        frame(&mut terminal, &app, &theme);
        let near_bottom = app.list.view.len() - 30;
        app.list.selected = near_bottom;
        b.iter_custom(|iters| move_down(&mut terminal, &mut app, &theme, near_bottom, iters))
    });

    // The heat map counts every live item of the kind in each frame.
    press(&mut app, 'h');
    assert_eq!(app.screen(), Screen::HeatMap);
    frame(&mut terminal, &app, &theme);
    group.bench_function(BenchmarkId::new("heat_map", n), |b| {
        b.iter(|| frame(&mut terminal, &app, &theme))
    });
    group.finish();
}

fn press_code(app: &mut App, code: KeyCode) {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// Keys that change what the list shows without changing the data: a
/// search letter (the first scans every item, the next only the rows
/// left), Backspace, and the next sort column. Each is timed with its
/// undoing key, so every run starts from the same state.
fn list_keys(c: &mut Criterion) {
    let mut group = c.benchmark_group("keys");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for n in [1_000, 10_000, 100_000] {
        let mut app = app(n);
        group.bench_function(BenchmarkId::new("sort_change", n), |b| {
            b.iter(|| press(&mut app, 's'))
        });
        // The searches start from the sort the list opens with, whatever
        // column the runs above stopped at: a search letter scans the rows
        // in the order shown, so its time depends on that order.
        while app.list.sort != SortKey::default() {
            press(&mut app, 's');
        }
        press(&mut app, '/');
        group.bench_function(BenchmarkId::new("search_first_letter+backspace", n), |b| {
            b.iter(|| {
                press(&mut app, 'e');
                press_code(&mut app, KeyCode::Backspace);
            })
        });
        press(&mut app, 'e');
        group.bench_function(BenchmarkId::new("search_next_letter+backspace", n), |b| {
            b.iter(|| {
                press(&mut app, 'x');
                press_code(&mut app, KeyCode::Backspace);
            })
        });
    }
    group.finish();
}

criterion_group!(benches, frames, list_keys);
criterion_main!(benches);
