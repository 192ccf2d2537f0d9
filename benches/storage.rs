//! Load, save and filter+sort at 1 000, 10 000 and 100 000 items.
//!
//! `cargo bench --bench storage`. The register is synthetic but shaped like a
//! real one: titles and descriptions of realistic length, a few actions per
//! item, ten people, scores spread over the whole 5×5 matrix, a closed meeting
//! per thousand items. The generator lives in [`synthetic`] and is shared with
//! `benches/frame.rs`.

use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group,
    criterion_main,
};

use roreg::domain::queries::select;
use roreg::domain::{Date, Filter, SortKey};
use roreg::storage::load::parse_text;
use roreg::storage::to_text;

/// A deterministic synthetic register.
pub mod synthetic {
    use roreg::domain::{
        Action, ActionStatus, Affects, Attendance, Date, Effectiveness, Item, ItemStatus, Kind,
        Meeting, MeetingKind, Person, Register, Review, Score, Source, Timestamp, Verdict,
    };

    /// The day the benchmarks take as today.
    pub fn today() -> Date {
        Date::from_ymd(2026, 11, 21).expect("a real date")
    }

    /// xorshift64*: the same register on every run and every machine.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
            from[self.below(from.len())]
        }

        /// 1..=5, evenly.
        fn level(&mut self) -> u8 {
            self.below(5) as u8 + 1
        }

        fn chance(&mut self, percent: usize) -> bool {
            self.below(100) < percent
        }
    }

    const PEOPLE: [(&str, &str, &str, bool); 10] = [
        (
            "ahughes",
            "Amy Hughes",
            "Health, Safety and Environment Advisor",
            false,
        ),
        (
            "cdavies",
            "Chris Davies",
            "Manufacturing Engineering Manager",
            false,
        ),
        ("dpatel", "Dev Patel", "Finance Director", true),
        ("gevans", "Gareth Evans", "Maintenance Lead", false),
        ("jsmith", "Jane Smith", "Managing Director", true),
        ("lwilson", "Laura Wilson", "HR Manager", false),
        ("mokoro", "Michael Okoro", "Operations Director", true),
        (
            "pjones",
            "Paul Jones",
            "Purchasing and Supply Chain Manager",
            false,
        ),
        ("qlead", "Helen Marsh", "Quality Manager", false),
        ("skhan", "Sara Khan", "Customer Quality Engineer", false),
    ];

    const RISK_SUBJECTS: [&str; 12] = [
        "Sole supplier of anodised housings",
        "Calibration of the bore gauges",
        "Key-person dependency in CAM programming",
        "Incoming inspection of bar stock",
        "Aerospace customer's first-article process",
        "Coolant concentration on the five-axis cells",
        "Second-shift setter cover",
        "Drawing revision control at the machines",
        "Packaging of finished precision parts",
        "ERP stock figures for fasteners",
        "Regional supplier of heat treatment",
        "Dust and humidity in the inspection room",
    ];
    const RISK_PROBLEMS: [&str; 10] = [
        "misses committed delivery dates",
        "lets out-of-tolerance parts reach customers",
        "is not repeated after a process change",
        "depends on one person who may leave",
        "fails the customer's audit requirements",
        "drifts between scheduled checks",
        "is skipped under schedule pressure",
        "gives wrong figures to planning",
        "causes scrap and rework on long runs",
        "breaks a statutory reporting duty",
    ];
    const OPPORTUNITY_SUBJECTS: [&str; 8] = [
        "Type III hard anodising",
        "Customer portal for certificates of conformity",
        "Shared tooling library with the sister plant",
        "In-process probing on the lathes",
        "Returnable packaging with the main supplier",
        "Apprenticeship scheme with the local college",
        "Energy monitoring of the compressors",
        "Digital first-article inspection reports",
    ];
    const OPPORTUNITY_GAINS: [&str; 6] = [
        "as a stand-alone service to regional machine shops",
        "to shorten customer approval of new parts",
        "to cut set-up time on repeat orders",
        "to win the framework contract renewal",
        "to reduce supplier complaints and late deliveries",
        "to raise on-time delivery above 98 percent",
    ];
    const SENTENCES: [&str; 10] = [
        "Raised at the last management review after two customer complaints in one quarter.",
        "The current control relies on a manual check recorded on paper at the machine.",
        "Internal audit found the procedure followed on day shift but not on nights.",
        "The supplier has been asked for a recovery plan with weekly capacity figures.",
        "Cost of a single escape is estimated at a full lot recall plus customer penalties.",
        "Trend data from the last six months shows a slow rise in the reject rate.",
        "Customer scorecards rate us amber on this point for the second time.",
        "A second source was qualified in 2024 but has no current purchase orders.",
        "The owner proposes a pilot on one cell before rolling it out to the whole shop.",
        "Statutory reporting deadlines apply; the regulator expects evidence of control.",
    ];
    const PROCESSES: [&str; 8] = [
        "Purchasing",
        "Production",
        "Inspection",
        "Engineering",
        "Sales",
        "Maintenance",
        "Human resources",
        "Logistics",
    ];
    const ACTION_TEXTS: [&str; 10] = [
        "Qualify a second anodiser and place a trial order",
        "Add the bore gauges to the monthly calibration round",
        "Train a second programmer on the five-axis post-processor",
        "Write a one-page work instruction with photographs",
        "Review the control plan with the customer's quality engineer",
        "Install a concentration refractometer at each cell",
        "Agree a weekly capacity call with the supplier",
        "Move the drawing check into the job release step in the ERP",
        "Run a pilot for four weeks and report the results",
        "Call the supplier about the revised delivery schedule",
    ];
    const SOURCES: [&str; 6] = [
        "Supplier base (4.1)",
        "Customer complaints (9.1.2)",
        "Internal audit (9.2)",
        "Process performance data (9.1.3)",
        "Regulator (4.2)",
        "Staff suggestion scheme",
    ];

    fn date(rng: &mut Rng, from: Date, span_days: usize) -> Date {
        from.add_days(rng.below(span_days) as i64)
    }

    fn timestamp(day: Date, rng: &mut Rng) -> Timestamp {
        let text = format!("{day}T{:02}:{:02}:00Z", 8 + rng.below(9), rng.below(60));
        Timestamp::parse(&text).expect("a valid timestamp")
    }

    fn description(rng: &mut Rng) -> String {
        let sentences = 2 + rng.below(3);
        (0..sentences)
            .map(|_| rng.pick(&SENTENCES))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn actions(rng: &mut Rng, next_action: &mut usize, closed: bool) -> Vec<Action> {
        let count = rng.below(5); // 0..=4, two on average
        let start = Date::from_ymd(2026, 6, 1).expect("a real date");
        (0..count)
            .map(|_| {
                *next_action += 1;
                let due = date(rng, start, 365);
                let status = match (closed, rng.below(10)) {
                    (true, 0) => ActionStatus::Cancelled,
                    (true, _) => ActionStatus::Done,
                    (false, 0..=3) => ActionStatus::Open,
                    (false, 4..=5) => ActionStatus::InProgress,
                    (false, 6..=8) => ActionStatus::Done,
                    (false, _) => ActionStatus::Cancelled,
                };
                let done_on = (status == ActionStatus::Done).then(|| due.add_days(-10));
                let effectiveness = match done_on {
                    Some(done) if rng.chance(60) => Some(Effectiveness {
                        verdict: [Verdict::Effective, Verdict::Partly, Verdict::NotEffective]
                            [rng.below(3)],
                        note: "Checked against three months of inspection data".into(),
                        checked_on: done.add_days(30 + rng.below(60) as i64),
                        checked_by: "qlead".into(),
                    }),
                    _ => None,
                };
                Action {
                    id: format!("A-{:05}", *next_action),
                    text: rng.pick(&ACTION_TEXTS).to_string(),
                    owner: PEOPLE[rng.below(PEOPLE.len())].0.to_string(),
                    due,
                    status,
                    done_on,
                    effectiveness,
                }
            })
            .collect()
    }

    fn item(rng: &mut Rng, kind: Kind, number: usize, next_action: &mut usize) -> Item {
        let title = match kind {
            Kind::Risk => format!("{} {}", rng.pick(&RISK_SUBJECTS), rng.pick(&RISK_PROBLEMS)),
            Kind::Opportunity => format!(
                "{} {}",
                rng.pick(&OPPORTUNITY_SUBJECTS),
                rng.pick(&OPPORTUNITY_GAINS)
            ),
        };
        let current = Score::new(rng.level(), rng.level());
        // Treatment should not make it worse: risks aim down, opportunities up.
        let target = match kind {
            Kind::Risk => Score::new(current.likelihood.saturating_sub(1).max(1), current.impact),
            Kind::Opportunity => Score::new((current.likelihood + 1).min(5), current.impact),
        };
        let status = ItemStatus::ALL[rng.below(ItemStatus::ALL.len())];
        let treatments = kind.treatments();
        let affects = match rng.below(4) {
            0 => vec![Affects::ProductConformity],
            1 => vec![Affects::CustomerSatisfaction],
            2 => vec![Affects::ProductConformity, Affects::CustomerSatisfaction],
            _ => vec![Affects::ProductConformity, Affects::StatutoryRegulatory],
        };
        let source_text = rng.pick(&SOURCES).to_string();
        let source = match rng.below(3) {
            0 => Source::Internal(source_text),
            1 => Source::External(source_text),
            _ => Source::InterestedParty(source_text),
        };
        let created_day = date(rng, Date::from_ymd(2024, 1, 1).expect("a real date"), 900);
        let closed = status == ItemStatus::Closed;
        Item {
            id: format!("{}-{number:05}", kind.id_prefix()),
            kind,
            title,
            description: description(rng),
            affects,
            source,
            process: rng.pick(&PROCESSES).to_string(),
            owner: PEOPLE[rng.below(PEOPLE.len())].0.to_string(),
            current,
            target: rng.chance(80).then_some(target),
            treatment: treatments[1 + rng.below(treatments.len() - 1)],
            status,
            next_review: (!closed)
                .then(|| date(rng, Date::from_ymd(2026, 6, 1).expect("a real date"), 365)),
            actions: actions(rng, next_action, closed),
            created: timestamp(created_day, rng),
            requirements: Vec::new(),
            measures: Vec::new(),
        }
    }

    /// The interface open on `register(n)` as qlead, at the benches' moment.
    pub fn app(n: usize) -> roreg::tui::app::App {
        let now =
            roreg::domain::Timestamp::parse("2026-11-21T09:00:00Z").expect("a valid timestamp");
        roreg::tui::app::App::new(
            register(n),
            std::path::PathBuf::from("bench.ron"),
            today(),
            now,
            Some("qlead".into()),
        )
    }

    /// `n` items, a quarter of them opportunities, in file order (by id).
    pub fn register(n: usize) -> Register {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ n as u64);
        let mut register = Register::new("Acme Precision Parts Ltd");
        register.people = PEOPLE
            .iter()
            .map(|(id, name, role, top)| Person {
                id: id.to_string(),
                name: name.to_string(),
                role: role.to_string(),
                top_management: *top,
                login: Vec::new(),
                retired: None,
            })
            .collect();
        let opportunities = n / 4;
        let mut next_action = 0;
        // `O-` sorts before `R-`: generating in this order keeps the file order.
        for number in 1..=opportunities {
            let item = item(&mut rng, Kind::Opportunity, number, &mut next_action);
            register.items.push(item);
        }
        for number in 1..=n - opportunities {
            let item = item(&mut rng, Kind::Risk, number, &mut next_action);
            register.items.push(item);
        }
        let meetings = (n / 1000).max(2);
        for number in 1..=meetings {
            let day = date(
                &mut rng,
                Date::from_ymd(2025, 1, 1).expect("a real date"),
                650,
            );
            let started = timestamp(day, &mut rng);
            let closed = Timestamp(started.0 + chrono::Duration::minutes(100));
            // Ten different items: a meeting reviews each item once.
            let first = rng.below(n);
            let reviewed = (0..10)
                .map(|k| {
                    let item = &register.items[(first + k * (n / 10).max(1)) % n];
                    Review {
                        item: item.id.clone(),
                        before: item.current,
                        after: item.target.unwrap_or(item.current),
                        decision: "Fund the treatment and review again next quarter".into(),
                        at: started,
                        next_review: None,
                        output: None,
                    }
                })
                .collect::<Vec<_>>();
            let agenda = reviewed.iter().map(|r| r.item.clone()).collect();
            register.meetings.push(Meeting {
                id: format!("M-{number:03}"),
                kind: if number % 4 == 0 {
                    MeetingKind::ManagementReview
                } else {
                    MeetingKind::RiskReview
                },
                started,
                closed: Some(closed),
                facilitator: "qlead".into(),
                attendance: PEOPLE
                    .iter()
                    .take(6)
                    .map(|(id, ..)| Attendance {
                        person: id.to_string(),
                        present: rng.chance(80),
                        apologies: false,
                        arrived: None,
                        left: None,
                    })
                    .collect(),
                reviewed,
                notes: "Agenda items due for review, then by band and score.".into(),
                agenda,
                actions_raised: Vec::new(),
                actions_closed: Vec::new(),
                anchor: None,
                current: None,
                guests: Vec::new(),
                skipped: Vec::new(),
                considered: Vec::new(),
            });
        }
        register
    }
}

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// Samples for a register of `n` items: at 100 000 a run takes seconds,
/// and ten runs of one are plenty.
pub fn sampled_for(group: &mut BenchmarkGroup<'_, WallTime>, n: usize) {
    if n >= 100_000 {
        group
            .sample_size(10)
            .sampling_mode(SamplingMode::Flat)
            .measurement_time(Duration::from_secs(20));
    } else {
        group
            .sample_size(20)
            .sampling_mode(SamplingMode::Auto)
            .measurement_time(Duration::from_secs(3));
    }
}

fn storage(c: &mut Criterion) {
    let today: Date = synthetic::today();
    let filter = Filter {
        text: "supplier".into(),
        ..Filter::default()
    };
    let mut group = c.benchmark_group("storage");
    group.warm_up_time(Duration::from_millis(500));
    for n in SIZES {
        let register = synthetic::register(n);
        let text = to_text(&register).expect("the synthetic register serialises");
        assert_eq!(parse_text(&text).expect("and parses back"), register);
        eprintln!(
            "storage/{n}: a file of {:.1} MB, {} actions; the search matches {} items",
            text.len() as f64 / 1e6,
            register
                .items
                .iter()
                .map(|i| i.actions.len())
                .sum::<usize>(),
            select(&register, &filter, SortKey::Score, false, today).len()
        );

        group.throughput(Throughput::Elements(n as u64));
        sampled_for(&mut group, n);
        group.bench_with_input(BenchmarkId::new("parse", n), &text, |b, text| {
            b.iter(|| parse_text(black_box(text)).expect("parses"))
        });
        // Serialising includes what every save does before writing: reading
        // the text back and comparing it with the register.
        group.bench_with_input(BenchmarkId::new("serialise", n), &register, |b, r| {
            b.iter(|| to_text(black_box(r)).expect("serialises"))
        });
        group.bench_with_input(
            BenchmarkId::new("filter_sort", n),
            &register,
            |b, register| {
                b.iter(|| {
                    select(
                        black_box(register),
                        black_box(&filter),
                        SortKey::Score,
                        false,
                        today,
                    )
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, storage);
criterion_main!(benches);
