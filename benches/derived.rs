//! What the interface derives from the register (list, overdue counts, heat
//! map, actions view, ID width, selections) brought up to date after one
//! quick score: `items_changed` for the one item against `data_changed`,
//! which rebuilds it all.
//!
//! `cargo bench --bench derived`. Issue 9's targets for a whole quick score:
//! at most 2 ms at 10k items and 16 ms at 100k, about the same at every size.

use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

use roreg::domain::Score;
use roreg::tui::app::App;
use roreg::tui::derived::ItemChange;

#[allow(dead_code)]
#[path = "storage.rs"]
mod storage_bench;
use storage_bench::synthetic;

/// Rescores the item at `at` in the register, alternating 2×3 and 3×2 so
/// each is a change, and returns what it touched.
fn rescore(app: &mut App, at: usize, n: u64) -> Vec<ItemChange> {
    let item = &mut app.register.items[at];
    let before = item.clone();
    item.current = if n.is_multiple_of(2) {
        Score::new(2, 3)
    } else {
        Score::new(3, 2)
    };
    vec![ItemChange {
        id: before.id.clone(),
        before: Some(before),
    }]
}

fn derived(c: &mut Criterion) {
    let mut group = c.benchmark_group("derived");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_secs(2));
    for n in [1_000, 10_000, 100_000] {
        let mut app = synthetic::app(n);
        // The selected item, half way down the list sorted by score.
        app.list.selected = app.list.view.len() / 2;
        let at = app.list.view[app.list.selected];
        group.bench_function(BenchmarkId::new("items_changed", n), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for k in 0..iters {
                    let changed = rescore(&mut app, at, k);
                    let start = Instant::now();
                    app.items_changed(&changed);
                    total += start.elapsed();
                }
                total
            })
        });
        group.bench_function(BenchmarkId::new("data_changed", n), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for k in 0..iters {
                    rescore(&mut app, at, k);
                    let start = Instant::now();
                    app.data_changed();
                    total += start.elapsed();
                }
                total
            })
        });
    }
    group.finish();
}

criterion_group!(benches, derived);
criterion_main!(benches);
