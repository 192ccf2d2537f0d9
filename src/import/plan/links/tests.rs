use super::super::{Options, Outcome, applied, plan};
use crate::domain::testing::customer_focus_sample;
use crate::domain::{RequirementKind, Timestamp, validate};
use crate::import::OnExisting;
use crate::import::columns::HeaderMap;
use crate::import::read::{Cell, Grid, Workbook};

fn sheet(rows: &[&[&str]]) -> Workbook {
    let cell = |t: &&str| {
        if t.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(t.to_string())
        }
    };
    Workbook {
        sheets: vec![Grid {
            sheet: "Risks".into(),
            rows: rows.iter().map(|r| r.iter().map(cell).collect()).collect(),
        }],
        encoding: None,
    }
}

fn options(create_requirements: bool) -> Options {
    Options {
        on_existing: OnExisting::Stop,
        create_people: false,
        create_requirements,
        now: Timestamp::parse("2026-11-21T09:00:00Z").unwrap(),
        map: HeaderMap::default(),
        shorthand: Default::default(),
    }
}

const HEADER: &[&str] = &[
    "Title",
    "Owner",
    "Likelihood",
    "Impact",
    "Client",
    "Customer requirement",
    "KPI",
];

#[test]
fn requirement_texts_and_ids_link_and_new_ones_are_added_with_their_customer() {
    let register = customer_focus_sample();
    let book = sheet(&[
        HEADER,
        // An existing requirement by its text (any case), and one by id.
        &[
            "Late anodising",
            "pjones",
            "3",
            "4",
            "Nordbil AB",
            "delivery on the agreed day\nREQ-003",
            "KPI-001, kpi-002",
        ],
        // A customer and requirement the register lacks.
        &[
            "Hull fittings corrode",
            "pjones",
            "2",
            "4",
            "Hydra Pumps",
            "Pressure test every pump",
            "",
        ],
        // No customer: a requirement owed to all, its kind given.
        &[
            "No RoHS data from the cable supplier",
            "pjones",
            "2",
            "3",
            "",
            "Statutory: RoHS declaration for every cable lot",
            "",
        ],
    ]);
    let found = plan(&book, &register, &options(true));
    assert_eq!(found.problems, []);
    let items: Vec<_> = found.items.iter().map(|p| &p.item).collect();
    assert_eq!(items[0].requirements, ["REQ-001", "REQ-003"]);
    assert_eq!(items[0].measures, ["KPI-001", "KPI-002"]);
    assert_eq!(found.customers.len(), 1);
    let hydra = &found.customers[0];
    assert_eq!(
        (hydra.id.as_str(), hydra.name.as_str()),
        ("C-003", "Hydra Pumps")
    );
    assert!(!hydra.key);
    let [pressure, rohs] = found.requirements.as_slice() else {
        panic!("{:?}", found.requirements)
    };
    assert_eq!(pressure.id, "REQ-004");
    assert_eq!(pressure.customer.as_deref(), Some("C-003"));
    assert_eq!(pressure.kind, RequirementKind::Customer);
    assert_eq!(items[1].requirements, ["REQ-004"]);
    assert_eq!(rohs.text, "RoHS declaration for every cable lot");
    assert_eq!(rohs.kind, RequirementKind::Statutory);
    assert_eq!(rohs.customer, None);
    assert!(found.changes_anything());
    let after = applied(&register, &found);
    assert!(after.requirement("REQ-004").is_some() && after.customer("C-003").is_some());
    assert!(
        validate(&after)
            .iter()
            .all(|p| p.severity != crate::domain::Severity::Error),
        "{:?}",
        validate(&after)
    );
    assert!(found.items.iter().all(|p| p.outcome == Outcome::Create));
}

#[test]
fn an_unknown_text_id_customer_or_measure_is_a_problem_at_its_cell() {
    let register = customer_focus_sample();
    let book = sheet(&[
        HEADER,
        &[
            "Late anodising",
            "pjones",
            "3",
            "4",
            "Nordbil AB",
            "Pressure test",
            "",
        ],
        &[
            "Hull corrosion",
            "pjones",
            "2",
            "4",
            "",
            "REQ-001, REQ-009",
            "KPI-007",
        ],
        &[
            "Cable data",
            "pjones",
            "2",
            "3",
            "Hydra",
            "Pressure test",
            "",
        ],
    ]);
    let found = plan(&book, &register, &options(false));
    let said: Vec<String> = found.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        said,
        [
            "Risks!F2: requirement \"Pressure test\" for C-001 is not in the register; expected \
             requirement ids (REQ-001, REQ-002, REQ-003) or a requirement's text, one a line, or \
             --create-requirements to add it",
            "Risks!F3: REQ-009 is not a requirement in the register; expected requirement ids \
             (REQ-001, REQ-002, REQ-003) or a requirement's text, one a line",
            "Risks!G3: \"KPI-007\" is not a measure in the register; expected measure ids joined \
             by \", \" (KPI-001, KPI-002); an import adds no measures",
            "Risks!E4: customer \"Hydra\" is not in the register; expected a customer id or name \
             (C-001 Nordbil AB, C-002 Marin Teknik), or --create-requirements to add it",
        ]
    );
    assert!(found.customers.is_empty() && found.requirements.is_empty());
}

#[test]
fn a_customer_column_alone_links_nothing_and_says_so() {
    let register = customer_focus_sample();
    let book = sheet(&[
        &["Title", "Owner", "Likelihood", "Impact", "Customer"],
        &["Late anodising", "pjones", "3", "4", "Nordbil AB"],
    ]);
    let found = plan(&book, &register, &options(true));
    assert_eq!(found.problems, []);
    assert!(found.customers.is_empty());
    assert!(found.items[0].item.requirements.is_empty());
    assert!(
        found.notes.iter().any(|n| n
            == "Risks: column E \"Customer\" is not imported without a Requirement column: an \
                item links the customer's requirements, not the customer"),
        "{:?}",
        found.notes
    );
}
