//! Three-way merge by record id: my changes and someone else's, made to the
//! same starting point, combined when they touch different records.

use super::model::{Item, Register};

pub mod fields;

/// Two versions of the register merged from a common `base`: as each side
/// would settle the fields both changed differently, and those fields.
/// Without conflicts the two are the same. Their history is ours.
pub struct Merged {
    pub settled_ours: Register,
    pub settled_theirs: Register,
    /// `R-004.title`, `people.jsmith.name`, `R-004: removed by ours, …`.
    pub conflicts: Vec<String>,
}

/// Merges record by record and field by field, by id, in linear time.
pub fn three_way(base: &Register, ours: &Register, theirs: &Register) -> Merged {
    let mut conflicts = Vec::new();
    let mut settled_ours = ours.clone();
    let mut settled_theirs = ours.clone();
    // A whole value, changed differently by both: one conflict.
    fn both<T: Clone>(_: &T, ours: &T, theirs: &T) -> fields::Settled<T> {
        fields::Settled {
            ours: Some(ours.clone()),
            theirs: Some(theirs.clone()),
            conflicts: vec!["changed by both".to_string()],
        }
    }
    let organisation = fields::record(
        Some(&base.organisation),
        Some(&ours.organisation),
        Some(&theirs.organisation),
        both,
    );
    if !organisation.conflicts.is_empty() {
        conflicts.push("organisation".to_string());
    }
    settled_ours.organisation = organisation.ours.unwrap_or_default();
    settled_theirs.organisation = organisation.theirs.unwrap_or_default();
    let scales = fields::record(
        Some(&base.scales),
        Some(&ours.scales),
        Some(&theirs.scales),
        both,
    );
    if !scales.conflicts.is_empty() {
        conflicts.push("scales".to_string());
    }
    settled_ours.scales = scales.ours.unwrap_or_else(|| ours.scales.clone());
    settled_theirs.scales = scales.theirs.unwrap_or_else(|| ours.scales.clone());
    let people = fields::by_id(
        &base.people,
        &ours.people,
        &theirs.people,
        |p| &p.id,
        fields::person,
    );
    conflicts.extend(people.conflicts.iter().map(|c| format!("people.{c}")));
    (settled_ours.people, settled_theirs.people) = (people.ours, people.theirs);
    // Each list of records merged by id, its conflicts named as they come.
    macro_rules! by_id {
        ($($list:ident: $merge:path),* $(,)?) => {$(
            let merged = fields::by_id(&base.$list, &ours.$list, &theirs.$list, |r| &r.id, $merge);
            conflicts.extend(merged.conflicts);
            (settled_ours.$list, settled_theirs.$list) = (merged.ours, merged.theirs);
        )*};
    }
    by_id!(
        items: fields::item,
        meetings: fields::meeting,
        customers: fields::customer,
        requirements: fields::requirement,
        measures: fields::measure,
    );
    settled_ours.normalise();
    settled_theirs.normalise();
    Merged {
        settled_ours,
        settled_theirs,
        conflicts,
    }
}

/// An edit made in a form opened on `original`, applied to the item as it is
/// `current`ly: only the fields the form changed are taken, so a change
/// someone else saved meanwhile to another field is kept.
pub fn apply_edit(original: &Item, edited: &Item, current: &Item) -> Item {
    let mut out = current.clone();
    macro_rules! take_changed {
        ($($field:ident),*) => {
            $(if edited.$field != original.$field {
                out.$field = edited.$field.clone();
            })*
        };
    }
    take_changed!(
        title,
        description,
        affects,
        source,
        process,
        owner,
        current,
        target,
        treatment,
        status,
        next_review,
        requirements,
        measures
    );
    out
}

/// My register and theirs, both changed from `base`, as one; or the
/// fields both changed differently. The history is theirs: the caller
/// records my changes on top of it.
pub fn merge(base: &Register, mine: &Register, theirs: &Register) -> Result<Register, Vec<String>> {
    let merged = three_way(base, mine, theirs);
    if merged.conflicts.is_empty() {
        let mut register = merged.settled_ours;
        register.history = theirs.history.clone();
        Ok(register)
    } else {
        Err(merged.conflicts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Score;
    use crate::domain::testing::{customer_focus_sample, reading, sample};

    #[test]
    fn changes_to_different_items_combine() {
        let base = sample();
        let mut mine = base.clone();
        mine.items[0].current = Score::new(1, 1);
        let mut theirs = base.clone();
        theirs.items[1].title = "Fixed a typo".into();
        theirs.items.remove(2);
        let merged = merge(&base, &mine, &theirs).unwrap();
        assert_eq!(merged.item("R-001").unwrap().current, Score::new(1, 1));
        assert_eq!(merged.item("R-002").unwrap().title, "Fixed a typo");
        assert!(merged.item("O-001").is_none(), "their removal stands");
    }

    #[test]
    fn both_changing_one_item_differently_is_a_conflict() {
        let base = sample();
        let mut mine = base.clone();
        mine.items[0].title = "Mine".into();
        let mut theirs = base.clone();
        theirs.items[0].title = "Theirs".into();
        assert_eq!(merge(&base, &mine, &theirs).unwrap_err(), ["R-001.title"]);
        // The same change on both sides is no conflict.
        assert!(merge(&base, &mine, &mine).is_ok());
    }

    #[test]
    fn a_form_edit_keeps_what_others_changed_meanwhile() {
        let original = sample().items[0].clone();
        let mut edited = original.clone();
        edited.process = "Purchasing and logistics".into();
        let mut current = original.clone();
        current.title = "Retitled by a colleague".into();
        let applied = apply_edit(&original, &edited, &current);
        assert_eq!(applied.title, "Retitled by a colleague");
        assert_eq!(applied.process, "Purchasing and logistics");
    }

    #[test]
    fn items_added_on_both_sides_are_kept() {
        let base = sample();
        let mut mine = base.clone();
        mine.items.push(crate::domain::testing::item(
            "R-003",
            crate::domain::Kind::Risk,
            "Mine",
        ));
        let mut theirs = base.clone();
        theirs.items.push(crate::domain::testing::item(
            "R-004",
            crate::domain::Kind::Risk,
            "Theirs",
        ));
        let merged = merge(&base, &mine, &theirs).unwrap();
        assert!(merged.item("R-003").is_some() && merged.item("R-004").is_some());
    }

    #[test]
    fn different_fields_of_one_item_combine_and_one_field_changed_alike_is_taken_once() {
        let base = sample();
        let mut ours = base.clone();
        ours.items[0].title = "Ours".into();
        ours.items[0].process = "Same".into();
        let mut theirs = base.clone();
        theirs.items[0].owner = "jsmith".into();
        theirs.items[0].process = "Same".into();
        let merged = three_way(&base, &ours, &theirs);
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        let item = merged.settled_ours.item("R-001").unwrap();
        assert_eq!(
            (item.title.as_str(), item.owner.as_str()),
            ("Ours", "jsmith")
        );
        assert_eq!(item.process, "Same");
        assert_eq!(merged.settled_ours, merged.settled_theirs);
    }

    #[test]
    fn removed_on_one_side_and_changed_on_the_other_is_a_conflict_kept_both_ways() {
        let base = sample();
        let mut ours = base.clone();
        ours.items.retain(|i| i.id != "R-002");
        let mut theirs = base.clone();
        theirs.item_mut("R-002").unwrap().title = "Theirs".into();
        theirs.item_mut("R-001").unwrap().actions[0].text = "Theirs too".into();
        let merged = three_way(&base, &ours, &theirs);
        assert_eq!(
            merged.conflicts,
            ["R-002: removed by ours, changed by theirs"]
        );
        assert!(merged.settled_ours.item("R-002").is_none());
        assert_eq!(merged.settled_theirs.item("R-002").unwrap().title, "Theirs");
        // What only theirs changed is taken either way.
        for settled in [&merged.settled_ours, &merged.settled_theirs] {
            assert_eq!(settled.item("R-001").unwrap().actions[0].text, "Theirs too");
        }
    }

    #[test]
    fn readings_entered_on_two_branches_for_different_dates_are_both_kept() {
        let base = customer_focus_sample();
        let mut mine = base.clone();
        mine.measures[0].readings.push(reading("2026-11-30", 96.0));
        let mut theirs = base.clone();
        theirs.measures[0]
            .readings
            .push(reading("2026-12-31", 97.5));
        theirs.requirements[0].reference = "§4.2".into();
        let merged = merge(&base, &mine, &theirs).unwrap();
        let dates: Vec<String> = merged.measures[0]
            .readings
            .iter()
            .map(|r| r.date.to_string())
            .collect();
        assert_eq!(dates[dates.len() - 2..], ["2026-11-30", "2026-12-31"]);
        assert_eq!(merged.requirements[0].reference, "§4.2");
    }

    #[test]
    fn two_values_for_one_reading_are_a_conflict_named_by_its_date() {
        let base = customer_focus_sample();
        let mut mine = base.clone();
        mine.measures[0].readings.push(reading("2026-11-30", 96.0));
        let mut theirs = base.clone();
        theirs.measures[0]
            .readings
            .push(reading("2026-11-30", 92.0));
        assert_eq!(
            merge(&base, &mine, &theirs).unwrap_err(),
            ["KPI-001: 2026-11-30: added on both sides"]
        );
        let mut base = mine.clone();
        base.measures[0].readings[3].value = crate::domain::Value(90.0);
        assert_eq!(
            merge(&base, &mine, &theirs).unwrap_err(),
            ["KPI-001.2026-11-30.value"]
        );
    }
}
