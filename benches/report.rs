//! The evidence pack and the roll-up at 1 000, 10 000 and 100 000 items.
//!
//! `cargo bench --bench report`. `report` builds one register's pack and
//! renders it as Markdown; `rollup` rolls up three registers of a third of
//! the items each (three sites) and renders that. Both should grow in step
//! with the items: every figure is counted in one pass per register.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use roreg::domain::audit::Period;
use roreg::report::{self, markdown, rollup};

// The register generator of the storage benchmark (its `main` goes unused here).
#[allow(dead_code)]
#[path = "storage.rs"]
mod storage_bench;
use storage_bench::synthetic;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn reports(c: &mut Criterion) {
    let today = synthetic::today();
    let period = Period::last_year(today);
    let mut group = c.benchmark_group("report");
    group.warm_up_time(Duration::from_millis(500));
    for n in SIZES {
        let register = synthetic::register(n);
        let sites: Vec<roreg::domain::Register> = ["North", "South", "East"]
            .iter()
            .map(|name| {
                let mut site = synthetic::register(n / 3);
                site.organisation = format!("{name} Works");
                site
            })
            .collect();
        group.throughput(Throughput::Elements(n as u64));
        storage_bench::sampled_for(&mut group, n);
        group.bench_with_input(BenchmarkId::new("report_md", n), &register, |b, r| {
            b.iter(|| {
                let pack = report::build(black_box(r), period, today, "register.ron", Vec::new());
                markdown::render(&pack)
            })
        });
        group.bench_with_input(BenchmarkId::new("rollup_md", n), &sites, |b, sites| {
            b.iter(|| {
                let sources: Vec<rollup::Source> = sites
                    .iter()
                    .enumerate()
                    .map(|(i, r)| rollup::Source {
                        path: format!("site-{i}.ron"),
                        loaded: Ok(r),
                    })
                    .collect();
                markdown::render(&rollup::build(black_box(&sources), period, today).report)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, reports);
criterion_main!(benches);
