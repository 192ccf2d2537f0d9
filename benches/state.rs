//! The state fingerprint each history record carries: the whole tree built
//! at load, and what a change costs (one item replaced, then the digest),
//! next to the legacy whole-register hash it replaces on the change path.
//!
//! `cargo bench --bench state`. Issue 9: a change's cost must not grow with
//! the register.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

use roreg::domain::Score;
use roreg::domain::history::{StateRecord, StateTree, state_is};

#[allow(dead_code)]
#[path = "storage.rs"]
mod storage_bench;
use storage_bench::synthetic;

fn state(c: &mut Criterion) {
    let mut group = c.benchmark_group("state");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_secs(2));
    for n in [1_000, 10_000, 100_000] {
        let mut register = synthetic::register(n);
        group.bench_function(BenchmarkId::new("tree_of", n), |b| {
            b.iter(|| StateTree::of(black_box(&register)))
        });
        let mut tree = StateTree::of(&register);
        tree.digest();
        let middle = register.items.len() / 2;
        let mut flip = false;
        group.bench_function(BenchmarkId::new("replace_and_digest", n), |b| {
            b.iter(|| {
                // Alternate two scores so each round is a real change.
                flip = !flip;
                let item = &mut register.items[middle];
                tree.remove(StateRecord::Item(item));
                item.current = if flip {
                    Score::new(2, 3)
                } else {
                    Score::new(3, 2)
                };
                tree.insert(StateRecord::Item(item));
                tree.digest()
            })
        });
        // A bare-hex state makes `state_is` hash the whole register the
        // legacy way: what every change cost before.
        let legacy = "0".repeat(64);
        group.bench_function(BenchmarkId::new("legacy_whole_hash", n), |b| {
            b.iter(|| state_is(black_box(&register), &legacy))
        });
    }
    group.finish();
}

criterion_group!(benches, state);
criterion_main!(benches);
