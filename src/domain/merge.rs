//! Three-way merge by record id: my changes and someone else's, made to the
//! same starting point, combined when they touch different records.

use super::model::{Item, Register};

/// Takes, for one record, whichever side changed it; both changing it
/// differently is a conflict (`None`).
fn pick<T: Clone + PartialEq>(
    base: Option<&T>,
    mine: Option<&T>,
    theirs: Option<&T>,
) -> Option<Option<T>> {
    if mine == base || mine == theirs {
        Some(theirs.cloned())
    } else if theirs == base {
        Some(mine.cloned())
    } else {
        None
    }
}

fn merge_lists<T: Clone + PartialEq>(
    base: &[T],
    mine: &[T],
    theirs: &[T],
    id: impl Fn(&T) -> &str,
    conflicts: &mut Vec<String>,
) -> Vec<T> {
    let mut ids: Vec<&str> = Vec::new();
    for list in [base, mine, theirs] {
        for x in list {
            if !ids.contains(&id(x)) {
                ids.push(id(x));
            }
        }
    }
    let find = |list: &'_ [T], key: &str| list.iter().find(|x| id(x) == key).cloned();
    let mut merged = Vec::new();
    for key in ids {
        let (b, m, t) = (find(base, key), find(mine, key), find(theirs, key));
        match pick(b.as_ref(), m.as_ref(), t.as_ref()) {
            Some(Some(x)) => merged.push(x),
            Some(None) => {}
            None => conflicts.push(key.to_string()),
        }
    }
    merged
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
        next_review
    );
    out
}

/// My register and theirs, both changed from `base`, as one; or the ids of
/// the records both changed differently. The history is theirs: the caller
/// records my changes on top of it.
pub fn merge(base: &Register, mine: &Register, theirs: &Register) -> Result<Register, Vec<String>> {
    let mut conflicts = Vec::new();
    let mut merged = theirs.clone();
    match pick(
        Some(&base.organisation),
        Some(&mine.organisation),
        Some(&theirs.organisation),
    ) {
        Some(Some(o)) => merged.organisation = o,
        _ => conflicts.push("organisation".into()),
    }
    match pick(Some(&base.scales), Some(&mine.scales), Some(&theirs.scales)) {
        Some(Some(s)) => merged.scales = s,
        _ => conflicts.push("scales".into()),
    }
    merged.people = merge_lists(
        &base.people,
        &mine.people,
        &theirs.people,
        |p| &p.id,
        &mut conflicts,
    );
    merged.items = merge_lists(
        &base.items,
        &mine.items,
        &theirs.items,
        |i| &i.id,
        &mut conflicts,
    );
    merged.meetings = merge_lists(
        &base.meetings,
        &mine.meetings,
        &theirs.meetings,
        |m| &m.id,
        &mut conflicts,
    );
    merged.history = theirs.history.clone();
    merged.normalise();
    if conflicts.is_empty() {
        Ok(merged)
    } else {
        Err(conflicts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Score;
    use crate::domain::testing::sample;

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
        assert_eq!(merge(&base, &mine, &theirs).unwrap_err(), ["R-001"]);
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
}
