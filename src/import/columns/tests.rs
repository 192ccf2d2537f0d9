use super::super::read::Cell;
use super::*;

fn grid(rows: &[&[&str]]) -> Grid {
    Grid {
        sheet: "Risks".into(),
        rows: rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|t| {
                        if t.is_empty() {
                            Cell::Empty
                        } else {
                            Cell::Text(t.to_string())
                        }
                    })
                    .collect()
            })
            .collect(),
    }
}

#[test]
fn headers_real_registers_use_are_recognised_whatever_the_case_and_punctuation() {
    let items = |h| recognise(Layout::Items, h);
    assert_eq!(items("Risk Ref."), Some(Id));
    assert_eq!(items("RISK_ID"), Some(Id));
    assert_eq!(items("Type (R/O)"), Some(Type));
    assert_eq!(items("Risk / Opportunity description"), Some(Description));
    assert_eq!(items("Context (4.1)"), Some(Source));
    assert_eq!(items("Probability (1-5)"), Some(Likelihood));
    assert_eq!(items("Severity"), Some(Impact));
    assert_eq!(items("RAG"), Some(Band));
    assert_eq!(items("Residual L"), Some(TargetLikelihood));
    assert_eq!(items("Action(s)"), Some(Action));
    assert_eq!(items("Target date"), Some(Due));
    assert_eq!(items("Review date"), Some(NextReview));
    assert_eq!(items("Comments"), None);
    // The export's own headers, each to its field.
    for (field, _) in ITEM_NAMES
        .iter()
        .filter(|(f, _)| !matches!(f, Action | ActionOwner | Due | Effectiveness))
    {
        assert_eq!(items(field.header()), Some(*field), "{}", field.header());
    }
    assert_eq!(recognise(Layout::Actions, "Done on"), Some(DoneOn));
    assert_eq!(recognise(Layout::Actions, "Owner"), Some(Owner));
}

#[test]
fn the_header_row_is_found_under_title_rows_and_unknown_columns_are_listed() {
    let g = grid(&[
        &["Acme Ltd risk register", "", ""],
        &["Issued 2026", "", ""],
        &[],
        &["Ref", "Risk", "Owner", "Comments", "Likelihood", "owner"],
        &["R-001", "Late supplier", "jsmith", "", "3", ""],
    ]);
    let c = find(&g, Layout::Items, &HeaderMap::default()).unwrap();
    assert_eq!(c.header_row, 3);
    assert_eq!(c.title.as_deref(), Some("Acme Ltd risk register"));
    assert_eq!(c.get(Id), Some(0));
    assert_eq!(c.get(Title), Some(1));
    assert_eq!(c.get(Likelihood), Some(4));
    assert_eq!(c.unknown, [(3, "Comments".to_string())]);
    assert_eq!(c.repeated, [(5, "owner".to_string(), Owner)]);
    assert_eq!(
        find(
            &grid(&[&["just", "text"]]),
            Layout::Items,
            &HeaderMap::default()
        ),
        None
    );
}

#[test]
fn a_map_file_names_columns_and_ignores_others() {
    let map =
        HeaderMap::parse(r#"{"Hazard No": "ID", "Chance": "likelihood", "Comments": "ignore"}"#)
            .unwrap();
    let g = grid(&[&["Hazard No", "Chance", "Comments", "Title"]]);
    let c = find(&g, Layout::Items, &map).unwrap();
    assert_eq!(c.get(Id), Some(0));
    assert_eq!(c.get(Likelihood), Some(1));
    assert!(c.unknown.is_empty());
    let wrong = HeaderMap::parse(r#"{"Hazard No": "Identifier"}"#).unwrap_err();
    assert!(
        wrong.starts_with(
            "\"Hazard No\": \"Identifier\" is not a column roreg knows; expected one of ID, Type,"
        ),
        "{wrong}"
    );
}

#[test]
fn a_header_split_over_two_rows_is_read_as_one() {
    let mut sheet = grid(&[
        &["Risk register, rev 7"],
        &["Ref", "Description", "Owner", "Assessment", ""],
        &["", "", "", "Likelihood", "Impact"],
        &["R01", "Late bar", "PJ", "High", "Med"],
    ]);
    join_split_header(&mut sheet, &HeaderMap::default());
    let found = find(&sheet, Layout::Items, &HeaderMap::default()).unwrap();
    assert_eq!(found.header_row, 2, "data starts below the lower row");
    for (field, column) in [
        (Id, 0),
        (Description, 1),
        (Owner, 2),
        (Likelihood, 3),
        (Impact, 4),
    ] {
        assert_eq!(found.get(field), Some(column), "{field:?}");
    }
    assert_eq!(found.title.as_deref(), Some("Risk register, rev 7"));
    // A one-row header is left as it is.
    let mut plain = grid(&[&["ID", "Owner"], &["R-001", "pjones"]]);
    let before = plain.clone();
    join_split_header(&mut plain, &HeaderMap::default());
    assert_eq!(plain, before);
}
