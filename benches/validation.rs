//! The checks of a register: all of them at load (`Findings::of`), and the
//! recheck of one rescored item, as a change makes it.
//!
//! `cargo bench --bench validation`.

use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

use roreg::domain::validation::{Findings, Touched};
use roreg::domain::{Score, Timestamp, history};

#[allow(dead_code)]
#[path = "storage.rs"]
mod storage_bench;
use storage_bench::synthetic;

fn validation(c: &mut Criterion) {
    let mut group = c.benchmark_group("validation");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_secs(2));
    let now = Timestamp::parse("2026-11-21T09:00:00Z").expect("a valid timestamp");
    for n in [1_000, 10_000, 100_000] {
        let register = synthetic::register(n);
        group.bench_function(BenchmarkId::new("findings_of", n), |b| {
            b.iter(|| Findings::of(&register))
        });
        // The item in the middle rescored and recorded.
        let mut rescored = register.clone();
        let middle = rescored.items.len() / 2;
        let item = &mut rescored.items[middle];
        item.current = Score::new(item.current.likelihood % 5 + 1, item.current.impact);
        let id = [item.id.clone()];
        let changes = history::diff(&register, &rescored);
        history::record(&mut rescored, changes, now, "qlead");
        let touched = Touched {
            items: &id,
            meetings: &[],
            customer_focus: &[],
            people: false,
            scales: false,
            organisation: false,
            history_from: register.history.len(),
        };
        let mut findings = Findings::of(&register);
        group.bench_function(BenchmarkId::new("recheck_one_item", n), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let start = Instant::now();
                    let rechecked = findings.recheck(&rescored, &touched);
                    total += start.elapsed();
                    findings.restore(rechecked);
                }
                total
            })
        });
    }
    group.finish();
}

criterion_group!(benches, validation);
criterion_main!(benches);
