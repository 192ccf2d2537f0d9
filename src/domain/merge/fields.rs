//! One record merged field by field: a field one side changed is taken from
//! it; the same change on both sides is taken once; different changes to
//! one field are a conflict, kept as both sides would have it.

use std::collections::HashMap;

use crate::domain::model::{
    Action, Customer, Item, Measure, Meeting, Person, Reading, Requirement,
};

/// One record merged: as ours would settle its conflicts, as theirs would,
/// and the fields in conflict (empty: both are the same, a clean merge).
pub struct Settled<T> {
    pub ours: Option<T>,
    pub theirs: Option<T>,
    pub conflicts: Vec<String>,
}

impl<T: Clone> Settled<T> {
    fn clean(value: Option<T>) -> Settled<T> {
        Settled {
            ours: value.clone(),
            theirs: value,
            conflicts: Vec::new(),
        }
    }
}

/// Merges one field into `ours_out` / `theirs_out`, noting a conflict.
macro_rules! fields {
    ($base:expr, $ours:expr, $theirs:expr, $ours_out:expr, $theirs_out:expr, $conflicts:expr; $($field:ident),* $(,)?) => {
        $(
            let (b, o, t) = (&$base.$field, &$ours.$field, &$theirs.$field);
            if o == t || t == b {
                // ours already holds it
            } else if o == b {
                $ours_out.$field = t.clone();
                $theirs_out.$field = t.clone();
            } else {
                $theirs_out.$field = t.clone();
                $conflicts.push(stringify!($field).to_string());
            }
        )*
    };
}

/// A record present, absent, added or removed on either side: merged field
/// by field when all three have it, else taken from the side that changed it.
pub fn record<T: Clone + PartialEq>(
    base: Option<&T>,
    ours: Option<&T>,
    theirs: Option<&T>,
    by_field: impl FnOnce(&T, &T, &T) -> Settled<T>,
) -> Settled<T> {
    if ours == theirs || theirs == base {
        return Settled::clean(ours.cloned());
    }
    if ours == base {
        return Settled::clean(theirs.cloned());
    }
    match (base, ours, theirs) {
        (Some(b), Some(o), Some(t)) => by_field(b, o, t),
        // Removed on one side, changed on the other; or added on both
        // sides with the same id but not alike.
        (_, o, t) => Settled {
            ours: o.cloned(),
            theirs: t.cloned(),
            conflicts: vec![
                match (base, o, t) {
                    (None, _, _) => "added on both sides",
                    (_, None, _) => "removed by ours, changed by theirs",
                    _ => "changed by ours, removed by theirs",
                }
                .to_string(),
            ],
        },
    }
}

pub fn person(base: &Person, ours: &Person, theirs: &Person) -> Settled<Person> {
    let (mut o_out, mut t_out, mut conflicts) = (ours.clone(), ours.clone(), Vec::new());
    fields!(base, ours, theirs, o_out, t_out, conflicts;
        name, role, top_management, login);
    Settled {
        ours: Some(o_out),
        theirs: Some(t_out),
        conflicts,
    }
}

fn action(base: &Action, ours: &Action, theirs: &Action) -> Settled<Action> {
    let (mut o_out, mut t_out, mut conflicts) = (ours.clone(), ours.clone(), Vec::new());
    fields!(base, ours, theirs, o_out, t_out, conflicts;
        text, owner, due, status, done_on, effectiveness);
    Settled {
        ours: Some(o_out),
        theirs: Some(t_out),
        conflicts,
    }
}

pub fn item(base: &Item, ours: &Item, theirs: &Item) -> Settled<Item> {
    let (mut o_out, mut t_out, mut conflicts) = (ours.clone(), ours.clone(), Vec::new());
    fields!(base, ours, theirs, o_out, t_out, conflicts;
        kind, title, description, affects, source, process, owner, current,
        target, treatment, status, next_review, created, requirements, measures);
    let actions = by_id(
        &base.actions,
        &ours.actions,
        &theirs.actions,
        |a| &a.id,
        action,
    );
    o_out.actions = actions.ours;
    t_out.actions = actions.theirs;
    conflicts.extend(actions.conflicts);
    Settled {
        ours: Some(o_out),
        theirs: Some(t_out),
        conflicts,
    }
}

pub fn meeting(base: &Meeting, ours: &Meeting, theirs: &Meeting) -> Settled<Meeting> {
    let (mut o_out, mut t_out, mut conflicts) = (ours.clone(), ours.clone(), Vec::new());
    fields!(base, ours, theirs, o_out, t_out, conflicts;
        kind, started, closed, facilitator, attendance, reviewed, notes, agenda,
        actions_raised, actions_closed, anchor, current, guests, skipped, considered);
    Settled {
        ours: Some(o_out),
        theirs: Some(t_out),
        conflicts,
    }
}

pub fn customer(base: &Customer, ours: &Customer, theirs: &Customer) -> Settled<Customer> {
    let (mut o_out, mut t_out, mut conflicts) = (ours.clone(), ours.clone(), Vec::new());
    fields!(base, ours, theirs, o_out, t_out, conflicts; name, segment, key);
    Settled {
        ours: Some(o_out),
        theirs: Some(t_out),
        conflicts,
    }
}

pub fn requirement(
    base: &Requirement,
    ours: &Requirement,
    theirs: &Requirement,
) -> Settled<Requirement> {
    let (mut o_out, mut t_out, mut conflicts) = (ours.clone(), ours.clone(), Vec::new());
    fields!(base, ours, theirs, o_out, t_out, conflicts;
        text, customer, kind, source, reference);
    Settled {
        ours: Some(o_out),
        theirs: Some(t_out),
        conflicts,
    }
}

/// A measure's readings merge by date, so two people entering different
/// months both keep theirs.
pub fn measure(base: &Measure, ours: &Measure, theirs: &Measure) -> Settled<Measure> {
    let (mut o_out, mut t_out, mut conflicts) = (ours.clone(), ours.clone(), Vec::new());
    fields!(base, ours, theirs, o_out, t_out, conflicts;
        name, unit, target, customer, cadence, owner);
    let dated = |m: &Measure| -> Vec<(String, Reading)> {
        m.readings
            .iter()
            .map(|r| (r.date.to_string(), r.clone()))
            .collect()
    };
    let reading = |b: &(String, Reading), o: &(String, Reading), t: &(String, Reading)| {
        let (mut o_out, mut t_out, mut conflicts) = (o.1.clone(), o.1.clone(), Vec::new());
        let (b, o, t) = (&b.1, &o.1, &t.1);
        fields!(b, o, t, o_out, t_out, conflicts; value, note);
        Settled {
            ours: Some((o_out.date.to_string(), o_out)),
            theirs: Some((t_out.date.to_string(), t_out)),
            conflicts,
        }
    };
    let readings = by_id(
        &dated(base),
        &dated(ours),
        &dated(theirs),
        |r| &r.0,
        reading,
    );
    let undated = |list: Vec<(String, Reading)>| {
        let mut list: Vec<Reading> = list.into_iter().map(|(_, r)| r).collect();
        list.sort_by_key(|r| r.date);
        list
    };
    o_out.readings = undated(readings.ours);
    t_out.readings = undated(readings.theirs);
    conflicts.extend(readings.conflicts);
    Settled {
        ours: Some(o_out),
        theirs: Some(t_out),
        conflicts,
    }
}

/// A list merged by id, in linear time.
pub struct Lists<T> {
    pub ours: Vec<T>,
    pub theirs: Vec<T>,
    /// `ID.field` (or `ID: why` for a whole record) of each conflict.
    pub conflicts: Vec<String>,
}

/// Merges three versions of a list entry by entry, keyed by `id`; the
/// order is ours, then entries only the others have, as they come.
pub fn by_id<T: Clone + PartialEq>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    id: impl Fn(&T) -> &String,
    by_field: impl Fn(&T, &T, &T) -> Settled<T>,
) -> Lists<T> {
    let index = |list: &[T]| -> HashMap<String, usize> {
        list.iter()
            .enumerate()
            .map(|(at, x)| (id(x).clone(), at))
            .collect()
    };
    let (in_base, in_ours, in_theirs) = (index(base), index(ours), index(theirs));
    let mut keys: Vec<&String> = ours.iter().map(&id).collect();
    keys.extend(theirs.iter().map(&id).filter(|k| !in_ours.contains_key(*k)));
    keys.extend(
        base.iter()
            .map(&id)
            .filter(|k| !in_ours.contains_key(*k) && !in_theirs.contains_key(*k)),
    );
    let mut out = Lists {
        ours: Vec::new(),
        theirs: Vec::new(),
        conflicts: Vec::new(),
    };
    for key in keys {
        let settled = record(
            in_base.get(key).map(|&i| &base[i]),
            in_ours.get(key).map(|&i| &ours[i]),
            in_theirs.get(key).map(|&i| &theirs[i]),
            &by_field,
        );
        out.conflicts.extend(settled.conflicts.iter().map(|f| {
            if f.contains(' ') {
                format!("{key}: {f}")
            } else {
                format!("{key}.{f}")
            }
        }));
        out.ours.extend(settled.ours);
        out.theirs.extend(settled.theirs);
    }
    out
}
