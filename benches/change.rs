//! The input thread's part of a quick score (`2` `3` on the selected item):
//! the change checked, recorded and shown; the save itself runs elsewhere.
//!
//! `cargo bench --bench change`. Issue 9's targets: at most 2 ms at 10k
//! items and 16 ms at 100k, about the same at every size. The generated
//! register has no history, so the session's first change also writes its
//! baseline (a one-off that covers every record): that change is made, and
//! its time printed, before the measured ones.

use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use roreg::tui::app::App;
use roreg::tui::update::{Msg, update};

#[allow(dead_code)]
#[path = "storage.rs"]
mod storage_bench;
use storage_bench::synthetic;

fn press(app: &mut App, c: char) {
    update(
        app,
        Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
    );
}

/// The selected item's score flips between 2×3 and 3×2, so every quick
/// score is a change, however many runs came before.
struct Scores {
    high: bool,
}

impl Scores {
    /// A quick score; the save it asks for is reported done, as the saver would.
    fn next(&mut self, app: &mut App) {
        self.high = !self.high;
        let (l, i) = if self.high { ('3', '2') } else { ('2', '3') };
        press(app, l);
        press(app, i);
        app.saved(Ok(roreg::storage::Fingerprint::of(&[u8::from(self.high)])));
    }
}

/// Times `iters` quick scores.
fn quick_scores(app: &mut App, scores: &mut Scores, iters: u64) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        let start = Instant::now();
        scores.next(app);
        total += start.elapsed();
    }
    total
}

/// Times the first search letter after each of `iters` quick scores (made,
/// saved and the search opened untimed): it scans the search texts the
/// change kept up to date rather than lowercasing every item again.
fn first_letters_after_a_change(app: &mut App, scores: &mut Scores, iters: u64) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        scores.next(app);
        press(app, '/');
        let start = Instant::now();
        press(app, 'e');
        total += start.elapsed();
        assert_eq!(app.list.filter.text, "e", "the letter went to the search");
        let escape = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
        update(app, Msg::Key(escape));
    }
    total
}

fn changes(c: &mut Criterion) {
    let mut group = c.benchmark_group("change");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_secs(2));
    for n in [1_000, 10_000, 100_000] {
        let mut app = synthetic::app(n);
        app.overlays.clear();
        let mut scores = Scores { high: false };
        let first = quick_scores(&mut app, &mut scores, 1);
        eprintln!("change/first_with_baseline/{n}: {first:?}");
        group.bench_function(BenchmarkId::new("quick_score", n), |b| {
            b.iter_custom(|iters| quick_scores(&mut app, &mut scores, iters))
        });
        group.bench_function(BenchmarkId::new("first_search_letter_after", n), |b| {
            b.iter_custom(|iters| first_letters_after_a_change(&mut app, &mut scores, iters))
        });
    }
    group.finish();
}

criterion_group!(benches, changes);
criterion_main!(benches);
