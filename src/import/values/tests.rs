use super::*;
use crate::domain::Scales;

fn text(t: &str) -> Cell {
    Cell::Text(t.into())
}

#[test]
fn the_sheets_own_key_for_h_m_l_is_taken_when_given() {
    let scales = Scales::default();
    let given = Shorthand::parse("h=4, M=3,L=2").unwrap();
    let impact = |t: &str| level(&text(t), &scales.impact, "impact", given).map(|l| l.level);
    assert_eq!(impact("High"), Ok(4));
    assert_eq!(impact("Med"), Ok(3));
    assert_eq!(impact("L"), Ok(2));
    assert_eq!(
        shorthand_mapping("impact", &scales.impact, given),
        "H/M/L read as 4/3/2 on the impact scale (Major/Moderate/Minor)"
    );
    // Above the scale it is no level there.
    let three = vec!["Low".to_string(), "Mid".to_string(), "Top".to_string()];
    assert!(level(&text("H"), &three, "x", given).is_err());
    for bad in [
        "H=4,M=3",
        "H=4,M=3,L=2,H=5",
        "X=1,M=2,L=3",
        "H=four,M=3,L=2",
        "H4",
    ] {
        assert!(Shorthand::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn levels_read_as_numbers_scale_names_or_h_m_l() {
    let scales = Scales::default();
    let impact = |c: &Cell| {
        level(c, &scales.impact, "impact", Shorthand::default()).map(|l| (l.level, l.shorthand))
    };
    assert_eq!(impact(&Cell::Number(4.0)), Ok((4, false)));
    assert_eq!(impact(&text(" 2 ")), Ok((2, false)));
    assert_eq!(impact(&text("3 - Moderate")), Ok((3, false)));
    assert_eq!(impact(&text("major")), Ok((4, false)));
    assert_eq!(impact(&text("H")), Ok((5, true)));
    assert_eq!(impact(&text("Medium")), Ok((3, true)));
    assert_eq!(impact(&text("l")), Ok((1, true)));
    assert_eq!(
        impact(&text("Hgh")),
        Err("impact \"Hgh\" is not a level; expected 1–5 or one of Negligible, Minor, Moderate, Major, Severe".into())
    );
    assert!(impact(&Cell::Number(6.0)).is_err());
    assert!(impact(&Cell::Number(2.5)).is_err());
    // A scale that names a level Low reads Low as that level.
    let named = vec!["Low".to_string(), "High".to_string(), "Extreme".to_string()];
    assert_eq!(
        level(&text("low"), &named, "x", Shorthand::default()).map(|l| l.level),
        Ok(1)
    );
    assert_eq!(
        shorthand_mapping("impact", &scales.impact, Shorthand::default()),
        "H/M/L read as 5/3/1 on the impact scale (Severe/Moderate/Negligible)"
    );
    assert_eq!(
        shorthand_levels(4, Shorthand::default()),
        [('H', 4), ('M', 2), ('L', 1)]
    );
}

#[test]
fn dates_read_from_cells_serials_and_common_text_forms() {
    let day = Date::from_ymd(2026, 3, 14).unwrap();
    let read = |c: Cell| date(&c, "due");
    assert_eq!(read(text("2026-03-14")), Ok(day));
    assert_eq!(read(text("14/03/2026")), Ok(day));
    assert_eq!(
        read(text("03/14/2026")),
        Ok(day),
        "month first when the day cannot be a month"
    );
    assert_eq!(read(text("14.03.2026")), Ok(day));
    assert_eq!(read(text("14 Mar 2026")), Ok(day));
    assert_eq!(read(text("14 March 2026")), Ok(day));
    assert_eq!(read(Cell::Number(46095.0)), Ok(day), "Excel serial");
    let cell = chrono::NaiveDate::from_ymd_opt(2026, 3, 14)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    assert_eq!(read(Cell::DateTime(cell)), Ok(day));
    assert_eq!(
        read(text("31/02/2026")),
        Err("due \"31/02/2026\" is not a date; expected e.g. 2026-03-14, 14/03/2026, 14.03.2026, 14 Mar 2026 or a date cell".into())
    );
    assert_eq!(
        timestamp(&text("2026-03-14T09:30:00Z"), "created").map(|t| t.to_string()),
        Ok("2026-03-14T09:30:00Z".into())
    );
    assert_eq!(
        timestamp(&Cell::Number(46095.5), "created").map(|t| t.to_string()),
        Ok("2026-03-14T12:00:00Z".into())
    );
}

fn person(id: &str, name: &str) -> Person {
    Person {
        id: id.into(),
        name: name.into(),
        role: String::new(),
        top_management: false,
        login: vec![],
        retired: None,
    }
}

#[test]
fn owners_are_found_by_id_name_or_initials() {
    let people = People::new(&[
        person("jsmith", "Jane Smith"),
        person("jsykes", "John Sykes"),
        person("pjones", "Peter Jones"),
    ]);
    assert_eq!(people.find("pjones"), Ok("pjones".into()));
    assert_eq!(people.find("JSMITH"), Ok("jsmith".into()));
    assert_eq!(people.find(" peter jones "), Ok("pjones".into()));
    assert_eq!(people.find("PJ"), Ok("pjones".into()));
    assert_eq!(people.find("pj"), Ok("pjones".into()));
    assert_eq!(
        people.find("JS"),
        Err(Some(
            "\"JS\" are the initials of more than one person; give the id".into()
        ))
    );
    assert_eq!(people.find("Bob Kane"), Err(None));
    assert_eq!(people.listed(), "jsmith, jsykes, pjones");
    assert_eq!(new_person_id("Bob Kane", |_| false), "bkane");
    assert_eq!(new_person_id("Bob Kane", |id| id == "bkane"), "bkane2");
    assert_eq!(new_person_id("Cher", |_| false), "cher");
}

#[test]
fn labels_and_their_common_synonyms_are_read() {
    assert_eq!(kind("R"), Ok(Kind::Risk));
    assert_eq!(kind("Opportunity"), Ok(Kind::Opportunity));
    assert_eq!(treatment("Mitigate"), Ok(Treatment::Reduce));
    assert_eq!(item_status("treating"), Ok(ItemStatus::Treating));
    assert_eq!(action_status("In progress"), Ok(ActionStatus::InProgress));
    assert_eq!(verdict("Partly effective"), Ok(Verdict::Partly));
    assert_eq!(
        affects("product conformity; statutory/regulatory"),
        Ok(vec![
            Affects::ProductConformity,
            Affects::StatutoryRegulatory
        ])
    );
    assert_eq!(
        source_kind("Interested party (4.2)"),
        Ok(SourceKind::InterestedParty)
    );
    assert_eq!(
        item_status("Pending"),
        Err("status \"Pending\" is not one roreg knows; expected Identified, Assessed, Treating, Monitoring or Closed".into())
    );
}
