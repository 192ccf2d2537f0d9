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

/// Times `iters` quick scores, alternating 2×3 and 3×2 so each is a change;
/// the save each asks for is reported done (untimed), as the saver would.
fn quick_scores(app: &mut App, iters: u64) -> Duration {
    let mut total = Duration::ZERO;
    for n in 0..iters {
        let (l, i) = if n % 2 == 0 { ('2', '3') } else { ('3', '2') };
        let start = Instant::now();
        press(app, l);
        press(app, i);
        total += start.elapsed();
        let fingerprint = roreg::storage::Fingerprint::of(n.to_string().as_bytes());
        app.saved(Ok(fingerprint));
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
        let first = quick_scores(&mut app, 1);
        eprintln!("change/first_with_baseline/{n}: {first:?}");
        group.bench_function(BenchmarkId::new("quick_score", n), |b| {
            b.iter_custom(|iters| quick_scores(&mut app, iters))
        });
    }
    group.finish();
}

criterion_group!(benches, changes);
criterion_main!(benches);
