//! The evidence pack and the roll-up at 1 000, 10 000 and 100 000 items.
//!
//! `cargo bench --bench report`. `report` builds one register's pack and
//! renders it as Markdown; `rollup` rolls up three registers of a third of
//! the items each (three sites) and renders that. Both should grow in step
//! with the items: every figure is counted in one pass per register.
//! `report_md_customer_focus` is `report_md` with customers, requirements
//! and measures linked from every item (the generator makes none), for the
//! cost of the customer-focus section.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use roreg::domain::Register;
use roreg::domain::audit::Period;
use roreg::report::{self, markdown, rollup};

// The register generator of the storage benchmark (its `main` goes unused here).
#[allow(dead_code)]
#[path = "storage.rs"]
mod storage_bench;
use storage_bench::synthetic;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// The register with customer data, which the generator does not make:
/// three customers, 60 requirements, 12 measures with two years of monthly
/// readings, and every item linking one requirement and one measure, so
/// the customer-focus section and tables have work to do.
fn with_customer_focus(mut register: Register) -> Register {
    use roreg::domain::{
        Cadence, Customer, Measure, Reading, Requirement, RequirementKind, Target, Value,
    };
    register.customers = (1..=3)
        .map(|n| Customer {
            id: format!("C-{n:03}"),
            name: format!("Customer {n}"),
            segment: String::new(),
            key: n == 1,
        })
        .collect();
    register.requirements = (1..=60)
        .map(|n| Requirement {
            id: format!("REQ-{n:03}"),
            text: format!("Requirement {n}"),
            customer: (n % 4 != 0).then(|| format!("C-{:03}", n % 3 + 1)),
            kind: RequirementKind::Customer,
            source: "contract".into(),
            reference: String::new(),
        })
        .collect();
    let today = synthetic::today();
    register.measures = (1..=12)
        .map(|n| Measure {
            id: format!("KPI-{n:03}"),
            name: format!("Measure {n}"),
            unit: "%".into(),
            target: Target::AtLeast(Value(95.0)),
            customer: None,
            cadence: Some(Cadence::Monthly),
            owner: String::new(),
            readings: (0..24i64)
                .rev()
                .map(|m| Reading {
                    date: today.add_days(-30 * m),
                    value: Value(90.0 + (m % 9) as f64),
                    note: String::new(),
                })
                .collect(),
        })
        .collect();
    for (at, item) in register.items.iter_mut().enumerate() {
        item.requirements = vec![format!("REQ-{:03}", at % 60 + 1)];
        item.measures = vec![format!("KPI-{:03}", at % 12 + 1)];
    }
    register.normalise();
    register
}

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
        let linked = with_customer_focus(register.clone());
        group.bench_with_input(
            BenchmarkId::new("report_md_customer_focus", n),
            &linked,
            |b, r| {
                b.iter(|| {
                    let pack =
                        report::build(black_box(r), period, today, "register.ron", Vec::new());
                    markdown::render(&pack)
                })
            },
        );
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
