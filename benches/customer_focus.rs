//! Customer focus at size: the index of links the customer-focus screen,
//! the agenda and the report build once (`CustomerFocus::of`), the questions
//! asked of it, and the full check with every item linked.
//!
//! `cargo bench --bench customer_focus`. The synthetic register gets 20
//! customers (4 key accounts), 200 requirements, 20 measures with two years
//! of monthly readings, and every item links one requirement and one measure.

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

use roreg::domain::customer_focus::CustomerFocus;
use roreg::domain::{
    Affects, Cadence, Customer, Date, Measure, Reading, Register, Requirement, RequirementKind,
    Target, Value, validate,
};

#[allow(dead_code)]
#[path = "storage.rs"]
mod storage_bench;
use storage_bench::{sampled_for, synthetic};

const CUSTOMERS: usize = 20;
const REQUIREMENTS: usize = 200;
const MEASURES: usize = 20;

fn with_customer_focus(mut register: Register) -> Register {
    register.customers = (1..=CUSTOMERS)
        .map(|n| Customer {
            id: format!("C-{n:03}"),
            name: format!("Customer {n}"),
            segment: String::new(),
            key: n % 5 == 0,
        })
        .collect();
    register.requirements = (1..=REQUIREMENTS)
        .map(|n| Requirement {
            id: format!("REQ-{n:03}"),
            text: format!("Requirement {n}"),
            customer: (n % 4 != 0).then(|| format!("C-{:03}", 1 + n % CUSTOMERS)),
            kind: if n % 4 == 0 {
                RequirementKind::Statutory
            } else {
                RequirementKind::Customer
            },
            source: "contract".into(),
            reference: String::new(),
        })
        .collect();
    let first = Date::from_ymd(2024, 12, 1).expect("a real date");
    register.measures = (1..=MEASURES)
        .map(|n| Measure {
            id: format!("KPI-{n:03}"),
            name: format!("Measure {n}"),
            unit: "%".into(),
            target: Target::AtLeast(Value(95.0)),
            customer: Some(format!("C-{:03}", 1 + n % CUSTOMERS)),
            cadence: Some(Cadence::Monthly),
            owner: String::new(),
            readings: (0..24)
                .map(|m| Reading {
                    date: first.add_days(30 * m),
                    value: Value(90.0 + ((n as i64 * 7 + m * 3) % 10) as f64),
                    note: String::new(),
                })
                .collect(),
        })
        .collect();
    for (i, item) in register.items.iter_mut().enumerate() {
        item.requirements = vec![format!("REQ-{:03}", 1 + i % REQUIREMENTS)];
        item.measures = vec![format!("KPI-{:03}", 1 + i % MEASURES)];
        for affects in [Affects::StatutoryRegulatory, Affects::CustomerSatisfaction] {
            if !item.affects.contains(&affects) {
                item.affects.push(affects);
            }
        }
    }
    register
}

fn customer_focus(c: &mut Criterion) {
    let mut group = c.benchmark_group("customer_focus");
    group
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_secs(2));
    let today = synthetic::today();
    for n in [1_000, 10_000, 100_000] {
        sampled_for(&mut group, n);
        let register = with_customer_focus(synthetic::register(n));
        group.bench_function(BenchmarkId::new("index", n), |b| {
            b.iter(|| {
                CustomerFocus::of(&register, today)
                    .items_for_requirement("REQ-001")
                    .len()
            })
        });
        let focus = CustomerFocus::of(&register, today);
        group.bench_function(BenchmarkId::new("key_requirements_at_high_risk", n), |b| {
            b.iter(|| focus.key_requirements_at_high_risk().len())
        });
        group.bench_function(BenchmarkId::new("measure_standings", n), |b| {
            b.iter(|| {
                register
                    .measures
                    .iter()
                    .filter(|m| focus.standing(m).unaddressed)
                    .count()
            })
        });
        group.bench_function(BenchmarkId::new("validate_linked", n), |b| {
            b.iter(|| validate(&register).len())
        });
    }
    group.finish();
}

criterion_group!(benches, customer_focus);
criterion_main!(benches);
