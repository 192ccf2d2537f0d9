//! The filter form: live, each change applies to the list at once.

use super::super::form::{Field, Form};
use super::{AFFECTS, BAND, KIND, OVERDUE, OWNER, STATUS};
use crate::domain::{Affects, Filter, ItemStatus, Kind, Register};

/// The filter as a form of pickers, applied as it changes.
pub fn filter_form(register: &Register, filter: &Filter) -> Form {
    let all = |mut v: Vec<String>| {
        v.insert(0, "all".to_string());
        v
    };
    let pick = |options: &[String], value: Option<&str>| {
        value
            .and_then(|v| options.iter().position(|o| o.eq_ignore_ascii_case(v)))
            .map_or(0, |i| i + 1)
    };
    let kinds = vec!["Risk".to_string(), "Opportunity".to_string()];
    let bands: Vec<String> = register
        .scales
        .bands
        .iter()
        .map(|b| b.name.clone())
        .collect();
    let statuses: Vec<String> = ItemStatus::ALL
        .iter()
        .map(|s| s.label().to_string())
        .collect();
    let owners: Vec<String> = register.people.iter().map(|p| p.id.clone()).collect();
    let affects: Vec<String> = Affects::ALL.iter().map(|a| a.label().to_string()).collect();
    let fields = vec![
        Field::choice(
            KIND,
            all(kinds.clone()),
            pick(&kinds, filter.kind.map(|k| k.label())),
            "",
        ),
        Field::choice(
            BAND,
            all(bands.clone()),
            pick(&bands, filter.band.as_deref()),
            "",
        ),
        Field::choice(
            STATUS,
            all(statuses.clone()),
            pick(&statuses, filter.status.map(|s| s.label())),
            "",
        ),
        Field::choice(
            OWNER,
            all(owners.clone()),
            pick(&owners, filter.owner.as_deref()),
            "type a letter to jump",
        ),
        Field::choice(
            AFFECTS,
            all(affects.clone()),
            pick(&affects, filter.affects.map(|a| a.label())),
            "",
        ),
        Field::choice(
            OVERDUE,
            vec!["all".into(), "overdue review or action".into()],
            usize::from(filter.overdue),
            "",
        ),
    ];
    let mut form = Form::new("Filter", fields, "close");
    form.live = true;
    form
}

/// The filter a filter form describes; the search text and cell are kept.
pub fn read_filter_form(form: &Form, register: &Register, previous: &Filter) -> Filter {
    let chosen = |key| form.field(key).selected().checked_sub(1);
    Filter {
        kind: chosen(KIND).map(|i| {
            if i == 0 {
                Kind::Risk
            } else {
                Kind::Opportunity
            }
        }),
        band: chosen(BAND)
            .and_then(|i| register.scales.bands.get(i))
            .map(|b| b.name.clone()),
        status: chosen(STATUS).map(|i| ItemStatus::ALL[i]),
        owner: chosen(OWNER)
            .and_then(|i| register.people.get(i))
            .map(|p| p.id.clone()),
        affects: chosen(AFFECTS).map(|i| Affects::ALL[i]),
        overdue: form.field(OVERDUE).selected() == 1,
        text: previous.text.clone(),
        cell: previous.cell,
    }
}
