//! A small register for unit tests.

use super::*;

pub fn action(id: &str, owner: &str, due: &str) -> Action {
    Action {
        id: id.into(),
        text: format!("Do {id}"),
        owner: owner.into(),
        due: Date::parse(due).unwrap(),
        status: ActionStatus::Open,
        done_on: None,
        effectiveness: None,
    }
}

pub fn item(id: &str, kind: Kind, title: &str) -> Item {
    Item {
        id: id.into(),
        kind,
        title: title.into(),
        description: String::new(),
        affects: vec![Affects::ProductConformity],
        source: Source::Internal("Process review".into()),
        process: "Production".into(),
        owner: "pjones".into(),
        current: Score::new(2, 2),
        target: None,
        treatment: Treatment::Undecided,
        status: ItemStatus::Assessed,
        next_review: None,
        actions: Vec::new(),
        created: Timestamp::parse("2026-03-02T09:14:00Z").unwrap(),
        requirements: Vec::new(),
        measures: Vec::new(),
    }
}

fn person(id: &str, name: &str, top: bool) -> Person {
    Person {
        id: id.into(),
        name: name.into(),
        role: String::new(),
        top_management: top,
        login: Vec::new(),
        retired: None,
    }
}

/// Two risks and an opportunity, three people, one closed meeting; no problems.
pub fn sample() -> Register {
    let mut r = Register::new("Acme Precision Parts Ltd");
    r.people = vec![
        person("jsmith", "Jane Smith", true),
        person("pjones", "Paul Jones", false),
        person("qlead", "Quinn Lead", false),
    ];
    let mut r1 = item(
        "R-001",
        Kind::Risk,
        "Sole supplier of anodised housings misses deliveries",
    );
    r1.current = Score::new(4, 4);
    r1.target = Some(Score::new(2, 3));
    r1.treatment = Treatment::Reduce;
    r1.status = ItemStatus::Treating;
    r1.next_review = Date::parse("2026-12-15").ok();
    r1.actions.push(action("A-001", "pjones", "2026-12-31"));
    let mut r2 = item("R-002", Kind::Risk, "Dust in the clean room");
    r2.next_review = Date::parse("2026-11-01").ok();
    let mut o1 = item(
        "O-001",
        Kind::Opportunity,
        "Offer anodising to other customers",
    );
    o1.owner = "jsmith".into();
    o1.current = Score::new(3, 3);
    o1.target = Some(Score::new(4, 4));
    o1.treatment = Treatment::Exploit;
    o1.next_review = Date::parse("2027-03-01").ok();
    r.items = vec![r1, r2, o1];
    r.meetings.push(Meeting {
        id: "M-001".into(),
        kind: MeetingKind::RiskReview,
        started: Timestamp::parse("2026-10-14T09:00:00Z").unwrap(),
        closed: Timestamp::parse("2026-10-14T10:40:00Z").ok(),
        facilitator: "qlead".into(),
        attendance: vec![Attendance {
            person: "jsmith".into(),
            present: true,
            apologies: false,
            arrived: None,
            left: None,
        }],
        reviewed: vec![Review {
            item: "R-001".into(),
            before: Score::new(4, 5),
            after: Score::new(4, 4),
            decision: "Fund second-source qualification".into(),
            at: Timestamp::parse("2026-10-14T09:20:00Z").unwrap(),
            next_review: None,
            output: None,
        }],
        notes: String::new(),
        agenda: vec!["R-001".into()],
        actions_raised: Vec::new(),
        actions_closed: Vec::new(),
        anchor: None,
        current: None,
        guests: Vec::new(),
        skipped: Vec::new(),
        considered: Vec::new(),
    });
    r
}

pub fn reading(date: &str, value: f64) -> Reading {
    Reading {
        date: Date::parse(date).unwrap(),
        value: Value(value),
        note: String::new(),
    }
}

/// The sample with a key customer and another, three requirements (one
/// statutory), two measures and links from the items.
pub fn customer_focus_sample() -> Register {
    let mut r = sample();
    r.customers = vec![
        Customer {
            id: "C-001".into(),
            name: "Nordbil AB".into(),
            segment: "Automotive".into(),
            key: true,
        },
        Customer {
            id: "C-002".into(),
            name: "Marin Teknik".into(),
            segment: String::new(),
            key: false,
        },
    ];
    let requirement = |id: &str, customer: Option<&str>, kind, text: &str| Requirement {
        id: id.into(),
        text: text.into(),
        customer: customer.map(str::to_string),
        kind,
        source: "supply contract".into(),
        reference: String::new(),
    };
    r.requirements = vec![
        requirement(
            "REQ-001",
            Some("C-001"),
            RequirementKind::Customer,
            "Delivery on the agreed day",
        ),
        requirement(
            "REQ-002",
            Some("C-002"),
            RequirementKind::Customer,
            "Salt-spray tested housings",
        ),
        requirement(
            "REQ-003",
            None,
            RequirementKind::Statutory,
            "REACH declaration per batch",
        ),
    ];
    r.measures = vec![
        Measure {
            id: "KPI-001".into(),
            name: "On-time delivery".into(),
            unit: "%".into(),
            target: Target::AtLeast(Value(95.0)),
            customer: Some("C-001".into()),
            cadence: Some(Cadence::Monthly),
            owner: "pjones".into(),
            readings: vec![
                reading("2026-08-31", 97.0),
                reading("2026-09-30", 94.0),
                reading("2026-10-31", 91.5),
            ],
        },
        Measure {
            id: "KPI-002".into(),
            name: "Complaints".into(),
            unit: "per month".into(),
            target: Target::AtMost(Value(2.0)),
            customer: None,
            cadence: Some(Cadence::Monthly),
            owner: String::new(),
            readings: vec![reading("2026-09-30", 3.0), reading("2026-10-31", 4.0)],
        },
    ];
    let r1 = r.item_mut("R-001").unwrap();
    r1.affects = vec![Affects::CustomerSatisfaction, Affects::ProductConformity];
    r1.requirements = vec!["REQ-001".into()];
    r1.measures = vec!["KPI-001".into()];
    r
}
