use super::*;
use crate::domain::testing::sample;
use crate::domain::{ActionStatus, Affects, Effectiveness, Kind, Source, Verdict};
use crate::import::read::Cell;

fn text(t: &str) -> Cell {
    if t.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(t.into())
    }
}

fn day(d: Option<crate::domain::Date>) -> Cell {
    d.map_or(Cell::Empty, |d| {
        Cell::DateTime(d.0.and_time(chrono::NaiveTime::MIN))
    })
}

fn grid(sheet: &str, rows: Vec<Vec<Cell>>) -> Grid {
    Grid {
        sheet: sheet.into(),
        rows,
    }
}

/// The workbook `roreg export` writes, as its columns file gives it.
fn exported(register: &Register) -> Workbook {
    let header = |names: &[&str]| names.iter().map(|n| text(n)).collect::<Vec<_>>();
    let mut items = vec![header(&[
        "ID",
        "Type",
        "Title",
        "Description",
        "Affects",
        "Source kind",
        "Source",
        "Process",
        "Owner",
        "Likelihood",
        "Impact",
        "Score",
        "Band",
        "Target likelihood",
        "Target impact",
        "Treatment",
        "Status",
        "Next review",
        "Created",
        "Requirements",
        "Measures",
    ])];
    let mut actions = vec![header(&[
        "ID",
        "Item",
        "Action",
        "Owner",
        "Due",
        "Status",
        "Done on",
        "Effectiveness",
        "Effectiveness note",
        "Checked on",
        "Checked by",
    ])];
    for item in &register.items {
        let (kind, source) = match &item.source {
            Source::Internal(s) => ("Internal issue (4.1)", s),
            Source::External(s) => ("External issue (4.1)", s),
            Source::InterestedParty(s) => ("Interested party (4.2)", s),
        };
        let affects: Vec<&str> = item.affects.iter().map(|a| a.label()).collect();
        let level = |n: Option<u8>| n.map_or(Cell::Empty, |n| Cell::Number(f64::from(n)));
        let score = item.current.value();
        items.push(vec![
            text(&item.id),
            text(item.kind.label()),
            text(&item.title),
            text(&item.description),
            text(&affects.join("; ")),
            text(kind),
            text(source),
            text(&item.process),
            text(&item.owner),
            level(Some(item.current.likelihood)),
            level(Some(item.current.impact)),
            Cell::Number(f64::from(score)),
            text(register.scales.band_name(score)),
            level(item.target.map(|t| t.likelihood)),
            level(item.target.map(|t| t.impact)),
            text(item.treatment.label()),
            text(item.status.label()),
            day(item.next_review),
            Cell::DateTime(item.created.0.naive_utc()),
            text(&item.requirements.join(", ")),
            text(&item.measures.join(", ")),
        ]);
        for action in &item.actions {
            let check = action.effectiveness.as_ref();
            actions.push(vec![
                text(&action.id),
                text(&item.id),
                text(&action.text),
                text(&action.owner),
                day(Some(action.due)),
                text(action.status.label()),
                day(action.done_on),
                text(check.map_or("", |c| c.verdict.label())),
                text(check.map_or("", |c| c.note.as_str())),
                day(check.map(|c| c.checked_on)),
                text(check.map_or("", |c| c.checked_by.as_str())),
            ]);
        }
    }
    Workbook {
        sheets: vec![grid("Items", items), grid("Actions", actions)],
        encoding: None,
    }
}

fn options(on_existing: OnExisting) -> Options {
    Options {
        on_existing,
        create_people: false,
        create_requirements: false,
        now: Timestamp::parse("2026-11-21T09:00:00Z").unwrap(),
        map: HeaderMap::default(),
        shorthand: Default::default(),
    }
}

/// The sample with every field an export writes filled in somewhere.
fn full_sample() -> Register {
    let mut r = crate::domain::testing::customer_focus_sample();
    let r1 = &mut r.items[0];
    r1.description = "Only one approved source.\nLead time 12 weeks.".into();
    r1.affects = vec![Affects::ProductConformity, Affects::StatutoryRegulatory];
    r1.source = Source::External("supplier base".into());
    r1.actions.push(crate::domain::Action {
        id: "A-002".into(),
        text: "Qualify a second source".into(),
        owner: "qlead".into(),
        due: crate::domain::Date::parse("2026-09-30").unwrap(),
        status: ActionStatus::Done,
        done_on: crate::domain::Date::parse("2026-09-20").ok(),
        effectiveness: Some(Effectiveness {
            verdict: Verdict::Partly,
            note: "Second source slower".into(),
            checked_on: crate::domain::Date::parse("2026-10-14").unwrap(),
            checked_by: "jsmith".into(),
        }),
    });
    r.items[2].source = Source::InterestedParty("customers".into());
    r.items[2].requirements = vec!["REQ-003".into(), "REQ-002".into()];
    // As every register is once loaded.
    r.normalise();
    r
}

#[test]
fn an_exported_workbook_imports_back_with_no_changes() {
    let register = full_sample();
    let found = plan(&exported(&register), &register, &options(OnExisting::Stop));
    assert_eq!(found.problems, []);
    assert_eq!(found.notes, Vec::<String>::new(), "score and band agree");
    assert!(
        found.items.iter().all(|p| p.outcome == Outcome::Unchanged),
        "{:?}",
        found.items
    );
    assert_eq!(found.items.len(), 3);
    assert!(!found.changes_anything());
    assert_eq!(applied(&register, &found), register);
}

#[test]
fn an_exported_workbook_recreates_its_items_in_a_register_without_them() {
    let register = full_sample();
    let mut empty = register.clone();
    empty.items.clear();
    let found = plan(&exported(&register), &empty, &options(OnExisting::Stop));
    assert_eq!(found.problems, []);
    assert_eq!(found.count(|o| *o == Outcome::Create), 3);
    let mut expected = register.clone();
    expected.normalise();
    assert_eq!(applied(&empty, &found).items, expected.items);
}

#[test]
fn rows_without_ids_get_the_next_free_ids_and_match_by_title_when_imported_again() {
    let mut register = sample();
    // A removed O-007 named in the history is never handed out again.
    register.history.push(crate::domain::HistoryRecord {
        at: Timestamp::parse("2026-01-01T00:00:00Z").unwrap(),
        by: "qlead".into(),
        record: "O-007".into(),
        field: "removed".into(),
        old: String::new(),
        new: String::new(),
        state: String::new(),
        part: None,
        hash: String::new(),
    });
    let sheet = Workbook {
        sheets: vec![grid(
            "Risks",
            vec![
                vec![
                    text("Type"),
                    text("Title"),
                    text("Owner"),
                    text("L"),
                    text("I"),
                ],
                vec![
                    text("O"),
                    text("Sell scrap"),
                    text("jsmith"),
                    text("2"),
                    text("2"),
                ],
                vec![
                    text("R"),
                    text("Flood"),
                    text("Jane Smith"),
                    text("1"),
                    text("5"),
                ],
                vec![
                    text("R"),
                    text("Dust in the clean room"),
                    text("pjones"),
                    text("2"),
                    text("2"),
                ],
            ],
        )],
        encoding: None,
    };
    let found = plan(&sheet, &register, &options(OnExisting::Stop));
    assert_eq!(found.problems, []);
    let ids: Vec<(&str, &Outcome)> = found
        .items
        .iter()
        .map(|p| (p.item.id.as_str(), &p.outcome))
        .collect();
    assert_eq!(
        ids,
        [
            ("O-008", &Outcome::Create),
            ("R-003", &Outcome::Create),
            ("R-002", &Outcome::Unchanged)
        ]
    );
    let after = applied(&register, &found);
    let again = plan(&sheet, &after, &options(OnExisting::Stop));
    assert!(
        again.items.iter().all(|p| p.outcome == Outcome::Unchanged),
        "matched by title: {:?}",
        again.items
    );
}

#[test]
fn a_repeated_id_and_an_action_of_no_item_are_problems_where_they_are() {
    let register = sample();
    let sheet = Workbook {
        sheets: vec![
            grid(
                "Items",
                vec![
                    vec![
                        text("ID"),
                        text("Title"),
                        text("Owner"),
                        text("Likelihood"),
                        text("Impact"),
                    ],
                    vec![
                        text("R-009"),
                        text("A"),
                        text("pjones"),
                        text("1"),
                        text("1"),
                    ],
                    vec![
                        text("R-009"),
                        text("B"),
                        text("pjones"),
                        text("1"),
                        text("1"),
                    ],
                ],
            ),
            grid(
                "Actions",
                vec![
                    vec![
                        text("ID"),
                        text("Item"),
                        text("Action"),
                        text("Owner"),
                        text("Due"),
                    ],
                    vec![
                        text("A-050"),
                        text("R-404"),
                        text("Call"),
                        text("pjones"),
                        text("2026-12-01"),
                    ],
                    vec![
                        text(""),
                        text("R-009"),
                        text("Check"),
                        text("pjones"),
                        text(""),
                    ],
                ],
            ),
        ],
        encoding: None,
    };
    let found = plan(&sheet, &register, &options(OnExisting::Stop));
    let problems: Vec<String> = found.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        problems,
        [
            "Items!A3: id \"R-009\" is also in Items row 2; each row needs its own id",
            "Actions!B2: item \"R-404\" is neither in the sheet's items nor in the register",
            "Actions!E3: due date missing; give the day the action is due",
        ]
    );
    let failed: Vec<(usize, usize)> = found.failed.iter().map(|f| (f.sheet, f.row)).collect();
    assert_eq!(failed, [(0, 2), (1, 1), (1, 2)]);
    let csv = failed_rows_csv(&sheet, &found, 1);
    assert_eq!(
        csv,
        "ID,Item,Action,Owner,Due,Error\n\
         A-050,R-404,Call,pjones,2026-12-01,\"Actions!B2: item \"\"R-404\"\" is neither in the sheet's items nor in the register\"\n\
         ,R-009,Check,pjones,,Actions!E3: due date missing; give the day the action is due\n"
    );
}

#[test]
fn a_sheets_own_refs_get_roreg_ids_and_are_found_again_by_title() {
    let register = sample();
    let row = |cells: &[&str]| cells.iter().map(|c| text(c)).collect::<Vec<_>>();
    let sheet = Workbook {
        sheets: vec![grid(
            "Register",
            vec![
                row(&["Ref", "Title", "Owner", "L", "I"]),
                row(&["R01", "Flood", "jsmith", "1", "5"]),
                row(&["O7", "Sell scrap", "jsmith", "2", "2"]),
            ],
        )],
        encoding: None,
    };
    let found = plan(&sheet, &register, &options(OnExisting::Stop));
    assert_eq!(found.problems, []);
    let ids: Vec<(&str, Kind)> = found
        .items
        .iter()
        .map(|p| (p.item.id.as_str(), p.item.kind))
        .collect();
    assert_eq!(ids, [("R-003", Kind::Risk), ("O-002", Kind::Opportunity)]);
    assert!(
        found
            .notes
            .iter()
            .any(|n| n.ends_with("R01 → R-003, O7 → O-002")),
        "{:?}",
        found.notes
    );
    let after = applied(&register, &found);
    let again = plan(&sheet, &after, &options(OnExisting::Stop));
    assert!(
        again.items.iter().all(|p| p.outcome == Outcome::Unchanged),
        "{:?}",
        again.items
    );
}
