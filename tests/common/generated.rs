//! A register made up in the test, of any size and organisation.

/// A register of `n` items made up the way the benches make theirs: every
/// kind, band, treatment and status, targets or none, actions open, done
/// and checked, text with commas, quotes, line breaks and a leading `=`.
pub fn generated(organisation: &str, n: usize) -> roreg::domain::Register {
    use roreg::domain::*;
    let mut register = Register::new(organisation);
    let day = |d: i64| Date::parse("2026-01-01").unwrap().add_days(d);
    for (id, name) in [("ann", "Ann Lee"), ("bob", "Bob Kane"), ("cy", "Cy Young")] {
        register.people.push(Person {
            id: id.into(),
            name: name.into(),
            role: "Engineer".into(),
            top_management: id == "ann",
            login: Vec::new(),
            retired: None,
        });
    }
    let owners = ["ann", "bob", "cy"];
    let mut next_action = 0;
    let (mut risks, mut opportunities) = (0, 0);
    for i in 0..n {
        let kind = if i % 4 == 3 {
            Kind::Opportunity
        } else {
            Kind::Risk
        };
        let id = match kind {
            Kind::Risk => {
                risks += 1;
                format!("R-{risks:03}")
            }
            Kind::Opportunity => {
                opportunities += 1;
                format!("O-{opportunities:03}")
            }
        };
        let score = Score::new((i % 5) as u8 + 1, (i * 7 % 5) as u8 + 1);
        let status = ItemStatus::ALL[i % ItemStatus::ALL.len()];
        let mut actions = Vec::new();
        if status != ItemStatus::Closed {
            for a in 0..i % 3 {
                next_action += 1;
                let done = a == 1;
                actions.push(Action {
                    id: format!("A-{next_action:03}"),
                    text: format!("Step {a}, \"quoted\", for {id}"),
                    owner: owners[(i + a) % 3].into(),
                    due: day((i % 300) as i64),
                    status: if done {
                        ActionStatus::Done
                    } else {
                        ActionStatus::Open
                    },
                    done_on: done.then(|| day(10)),
                    effectiveness: (done && i % 2 == 0).then(|| Effectiveness {
                        verdict: Verdict::Partly,
                        note: "Half the escapes".into(),
                        checked_on: day(40),
                        checked_by: "ann".into(),
                    }),
                });
            }
        }
        register.items.push(Item {
            id: id.clone(),
            kind,
            title: if i == 5 {
                "=SUM(A1) is not a formula".into()
            } else {
                format!("Item {i}, with a comma")
            },
            description: format!("Line one of {id}\nline two"),
            affects: vec![Affects::ALL[i % 3]],
            source: match i % 3 {
                0 => Source::Internal(format!("Review {i}")),
                1 => Source::External("Supplier base (4.1)".into()),
                _ => Source::InterestedParty("Key customer (4.2)".into()),
            },
            process: ["Purchasing", "Production", "Sales"][i % 3].into(),
            owner: owners[i % 3].into(),
            current: score,
            target: (i % 2 == 0).then(|| Score::new(1, 1)),
            treatment: kind.treatments()[i % kind.treatments().len()],
            status,
            next_review: (status != ItemStatus::Closed).then(|| day(100 + i as i64)),
            actions,
            created: Timestamp::parse("2025-12-01T09:30:00Z").unwrap(),
            requirements: Vec::new(),
            measures: Vec::new(),
        });
    }
    register.normalise();
    register
}
