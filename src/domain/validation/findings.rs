//! The register's problems kept by what each is about, so that a change
//! rechecks only what it touched.
//!
//! [`Findings::of`] finds what [`validate`](super::validate) finds. A
//! recheck replaces the findings about the touched items and meetings, the
//! ids they use and the meetings that refer to them, and checks the history
//! records the change appended; [`Findings::restore`] puts back what it
//! replaced when the change is refused.
//!
//! Problems come out in `validate`'s order for a register in the file's
//! order (lists by id), as roreg keeps it from load on.

use std::collections::{HashMap, HashSet};

use super::{Checker, Problem, Severity, duplicate_id, open_meetings};
use crate::domain::ids;
use crate::domain::model::Register;
use chain::Chain;

/// The register's problems, kept by what each is about, so a change
/// rechecks only what it touched.
#[derive(Clone, Debug)]
pub struct Findings {
    scales: Vec<Problem>,
    /// People and their logins.
    people: Vec<Problem>,
    /// The customers, requirements and measures: a small list, checked
    /// whole when one of them changes.
    customer_focus: Vec<Problem>,
    /// The items that link (or once linked) each requirement or measure
    /// id, to recheck when it changes. Never pruned: an item rechecked for
    /// nothing finds what it had.
    linked_by: HashMap<String, HashSet<String>>,
    /// Each item id's problems, its actions' included (items sharing an id
    /// together). No entry is kept empty, here and below.
    items: HashMap<String, Vec<Problem>>,
    /// Each item id's action ids, as last checked.
    actions_of: HashMap<String, Vec<String>>,
    /// Where each item, action and meeting id is used, in `validate`'s order.
    uses: HashMap<String, Vec<Use>>,
    /// Ids used more than once, and how often.
    duplicated: HashMap<String, usize>,
    /// Each meeting id's own problems.
    meetings: HashMap<String, Vec<Problem>>,
    /// The item and action ids each meeting id refers to, and the reverse.
    refers_to: HashMap<String, Vec<String>>,
    referred_by: HashMap<String, HashSet<String>>,
    /// How many meetings with each id are open.
    open: HashMap<String, usize>,
    /// Each person's full name with their id, for the guests' check; the
    /// people changing rechecks everything, so it is built once.
    person_names: HashMap<String, String>,
    /// The history's problems with each closed meeting: its anchor, its
    /// minutes replayed, its minutes against a baseline.
    anchors: HashMap<String, Vec<Problem>>,
    minutes: HashMap<String, Vec<Problem>>,
    baselined: HashMap<String, Vec<Problem>>,
    chain: Chain,
}

/// Where an item, action or meeting id is used.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Use {
    /// The item or the meeting.
    record: String,
    /// The action of that item, if it is one.
    action: Option<String>,
    meeting: bool,
}

type IdOrder<'a> = (bool, &'a str, u32, &'a str);

/// The file's order of ids (`ids::compare`), made total: ids of another
/// shape come after the rest.
fn id_order(id: &str) -> IdOrder<'_> {
    match ids::parse(id) {
        Some((prefix, number)) => (false, prefix, number, id),
        None => (true, "", 0, id),
    }
}

impl Use {
    fn item(id: &str) -> Use {
        Use {
            record: id.into(),
            action: None,
            meeting: false,
        }
    }

    fn describe(&self) -> String {
        match (&self.action, self.meeting) {
            (Some(action), _) => format!("action {action} of {}", self.record),
            (None, true) => format!("meeting {}", self.record),
            (None, false) => format!("item {}", self.record),
        }
    }

    /// The order `validate` meets it in: items, each with its actions, then
    /// meetings.
    fn order(&self) -> (bool, IdOrder<'_>, Option<IdOrder<'_>>) {
        let action = self.action.as_deref().map(id_order);
        (self.meeting, id_order(&self.record), action)
    }

    /// Whether it belongs to the item (`meeting` false) or meeting `id`.
    fn of(&self, id: &str, meeting: bool) -> bool {
        self.meeting == meeting && self.record == id
    }
}

/// What one change touched: ids of items (an action lives in its item) and
/// meetings, present before or after or both; whether people / scales /
/// organisation changed; and where the history records this change appended
/// begin.
pub struct Touched<'a> {
    pub items: &'a [String],
    pub meetings: &'a [String],
    /// Ids of customers, requirements and measures.
    pub customer_focus: &'a [String],
    pub people: bool,
    pub scales: bool,
    pub organisation: bool,
    pub history_from: usize,
}

/// What a recheck replaced, to put back when the change is refused.
pub struct Rechecked {
    /// Errors the change added (counted: a second copy of an error is new).
    pub new_errors: Vec<Problem>,
    undo: Undo,
}

type Step = Box<dyn FnOnce(&mut Findings) + Send>;

enum Undo {
    Whole(Box<Findings>),
    /// Undone last first.
    Steps(Vec<Step>),
}

type Field<V> = fn(&mut Findings) -> &mut HashMap<String, V>;

/// What a recheck is doing: how to undo it, the problems it replaced and
/// those it put instead, and the meetings still to recheck.
#[derive(Default)]
struct Work {
    steps: Vec<Step>,
    before: Vec<Problem>,
    after: Vec<Problem>,
    meetings: HashSet<String>,
}

fn nonempty<T>(list: Vec<T>) -> Option<Vec<T>> {
    (!list.is_empty()).then_some(list)
}

/// The records with this id, found at `slot`: next to each other in a list
/// kept in the file's order.
fn with_id<'r, T>(
    list: &'r [T],
    slot: Result<usize, usize>,
    id: &str,
    id_of: impl Fn(&T) -> &str,
) -> &'r [T] {
    let Ok(at) = slot else { return &[] };
    let start = list[..at]
        .iter()
        .rposition(|x| id_of(x) != id)
        .map_or(0, |p| p + 1);
    let end = list[at..]
        .iter()
        .position(|x| id_of(x) != id)
        .map_or(list.len(), |p| at + p);
    &list[start..end]
}

/// The errors in `after` that `before` does not hold, copy for copy.
fn added_errors(before: &[Problem], after: &[Problem]) -> Vec<Problem> {
    let mut held: HashMap<&Problem, usize> = HashMap::new();
    for problem in before {
        *held.entry(problem).or_default() += 1;
    }
    let mut added = Vec::new();
    for problem in after.iter().filter(|p| p.severity == Severity::Error) {
        match held.get_mut(problem) {
            Some(n) if *n > 0 => *n -= 1,
            _ => added.push(problem.clone()),
        }
    }
    added
}

/// Problems kept by id, in the file's order of the ids.
fn by_id(map: &HashMap<String, Vec<Problem>>) -> impl Iterator<Item = &Problem> {
    let mut ids: Vec<&String> = map.keys().collect();
    ids.sort_by(|a, b| id_order(a).cmp(&id_order(b)));
    ids.into_iter().flat_map(|id| &map[id])
}

impl Findings {
    /// The same problems as [`validate`](super::validate), kept by what
    /// they are about. Linear in the register and its history.
    pub fn of(register: &Register) -> Findings {
        let mut check = Checker::new(register);
        check.scales();
        let scales = std::mem::take(&mut check.problems);
        check.people();
        check.logins();
        let people = std::mem::take(&mut check.problems);
        check.customer_focus();
        let customer_focus = std::mem::take(&mut check.problems);
        let mut found = Findings {
            scales,
            people,
            customer_focus,
            linked_by: HashMap::new(),
            items: HashMap::new(),
            actions_of: HashMap::new(),
            uses: HashMap::new(),
            duplicated: HashMap::new(),
            meetings: HashMap::new(),
            refers_to: HashMap::new(),
            referred_by: HashMap::new(),
            open: HashMap::new(),
            person_names: super::meetings::person_names(register)
                .into_iter()
                .map(|(name, id)| (name.to_string(), id.to_string()))
                .collect(),
            anchors: HashMap::new(),
            minutes: HashMap::new(),
            baselined: HashMap::new(),
            chain: Chain::of(register),
        };
        for item in &register.items {
            found.note_links(item);
            check.item(item);
            if !check.problems.is_empty() {
                let problems = found.items.entry(item.id.clone()).or_default();
                problems.append(&mut check.problems);
            }
            found
                .uses
                .entry(item.id.clone())
                .or_default()
                .push(Use::item(&item.id));
            for action in &item.actions {
                found
                    .actions_of
                    .entry(item.id.clone())
                    .or_default()
                    .push(action.id.clone());
                found.uses.entry(action.id.clone()).or_default().push(Use {
                    record: item.id.clone(),
                    action: Some(action.id.clone()),
                    meeting: false,
                });
            }
        }
        for meeting in &register.meetings {
            found.uses.entry(meeting.id.clone()).or_default().push(Use {
                record: meeting.id.clone(),
                action: None,
                meeting: true,
            });
        }
        for (id, uses) in &mut found.uses {
            if uses.len() > 1 {
                uses.sort_by(|a, b| a.order().cmp(&b.order()));
                found.duplicated.insert(id.clone(), uses.len());
            }
        }
        for meeting in &register.meetings {
            let m = found.meeting_findings(register, std::slice::from_ref(meeting));
            let id = &meeting.id;
            let append = |map: &mut HashMap<String, Vec<Problem>>, mut list: Vec<Problem>| {
                if !list.is_empty() {
                    map.entry(id.clone()).or_default().append(&mut list);
                }
            };
            append(&mut found.meetings, m.own);
            append(&mut found.anchors, m.anchors);
            append(&mut found.minutes, m.minutes);
            append(&mut found.baselined, m.baselined);
            if m.open > 0 {
                *found.open.entry(id.clone()).or_default() += m.open;
            }
            for target in &m.refers {
                found
                    .referred_by
                    .entry(target.clone())
                    .or_default()
                    .insert(id.clone());
            }
            if !m.refers.is_empty() {
                let refers = found.refers_to.entry(id.clone()).or_default();
                refers.extend(m.refers);
                refers.sort();
                refers.dedup();
            }
        }
        found
    }

    /// Every problem, in `validate`'s order.
    pub fn problems(&self) -> Vec<Problem> {
        let mut all = Vec::new();
        self.visit(|p| all.push(p.clone()));
        all
    }

    pub fn len(&self) -> usize {
        let mut n = 0;
        self.visit(|_| n += 1);
        n
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn error_count(&self) -> usize {
        let mut n = 0;
        self.visit(|p| n += usize::from(p.severity == Severity::Error));
        n
    }

    /// Each problem in `validate`'s order; those made up from an index (ids
    /// used twice, open meetings, authors summed up) made on the way.
    fn visit(&self, mut f: impl FnMut(&Problem)) {
        self.scales.iter().for_each(&mut f);
        self.people.iter().for_each(&mut f);
        self.customer_focus.iter().for_each(&mut f);
        let mut duplicates: Vec<(&Use, Problem)> = Vec::new();
        for id in self.duplicated.keys() {
            duplicates.extend(self.duplicates(id));
        }
        duplicates.sort_by(|a, b| a.0.order().cmp(&b.0.order()));
        duplicates.iter().for_each(|(_, p)| f(p));
        by_id(&self.items).for_each(&mut f);
        by_id(&self.meetings).for_each(&mut f);
        if let Some(problem) = self.open_problem() {
            f(&problem);
        }
        self.chain.broken.iter().for_each(&mut f);
        by_id(&self.anchors).for_each(&mut f);
        by_id(&self.minutes).for_each(&mut f);
        by_id(&self.baselined).for_each(&mut f);
        self.chain.end.iter().for_each(&mut f);
        self.chain.authors.problems().for_each(|p| f(&p));
    }

    /// The errors for each use of `id` after its first, with that use.
    fn duplicates(&self, id: &str) -> Vec<(&Use, Problem)> {
        match self.uses.get(id).map(Vec::as_slice) {
            Some([first, rest @ ..]) => rest
                .iter()
                .map(|u| (u, duplicate_id(id, &first.describe(), &u.describe())))
                .collect(),
            _ => Vec::new(),
        }
    }

    fn open_problem(&self) -> Option<Problem> {
        let mut open: Vec<(&String, usize)> = self.open.iter().map(|(id, n)| (id, *n)).collect();
        open.sort_by(|a, b| id_order(a.0).cmp(&id_order(b.0)));
        open_meetings(
            open.into_iter()
                .flat_map(|(id, n)| std::iter::repeat_n(id.as_str(), n)),
        )
    }

    /// Rechecks what a change touched; the register is the changed one,
    /// with the change's records appended from `touched.history_from` on.
    /// In proportion to what was touched, the meetings that refer to it and
    /// the records appended.
    pub fn recheck(&mut self, register: &Register, touched: &Touched) -> Rechecked {
        // Every owner, attendee, author and score depends on the people and
        // the scales, and they change rarely: then everything is checked
        // again. So it is when the history is not the one these findings
        // saw grow (a history rewritten, by a merge say).
        if touched.people
            || touched.scales
            || touched.history_from != self.chain.checked
            || register.history.len() < touched.history_from
        {
            let before = std::mem::replace(self, Findings::of(register));
            return Rechecked {
                new_errors: added_errors(&before.problems(), &self.problems()),
                undo: Undo::Whole(Box::new(before)),
            };
        }
        // `touched.organisation`: the organisation has no checks of its own.
        let mut work = Work::default();
        work.meetings.extend(touched.meetings.iter().cloned());
        let mut items: HashSet<&String> = touched.items.iter().collect();
        if !touched.customer_focus.is_empty() {
            self.recheck_customer_focus(register, &mut work);
            for id in touched.customer_focus {
                items.extend(self.linked_by.get(id).into_iter().flatten());
            }
        }
        let items: Vec<String> = items.into_iter().cloned().collect();
        for id in &items {
            self.recheck_item(register, id, &mut work);
        }
        self.extend_chain(register, &mut work);
        work.before.extend(self.open_problem());
        let meetings = std::mem::take(&mut work.meetings);
        for id in &meetings {
            self.recheck_meeting(register, id, &mut work);
        }
        work.after.extend(self.open_problem());
        Rechecked {
            new_errors: added_errors(&work.before, &work.after),
            undo: Undo::Steps(work.steps),
        }
    }

    /// Undoes a recheck exactly: the change was refused and rolled back.
    pub fn restore(&mut self, rechecked: Rechecked) {
        match rechecked.undo {
            Undo::Whole(before) => *self = *before,
            Undo::Steps(steps) => {
                for step in steps.into_iter().rev() {
                    step(self);
                }
            }
        }
    }

    /// Sets one entry, or removes it for `None`, noting how to put it back.
    fn put<V: Send + 'static>(
        &mut self,
        work: &mut Work,
        map: Field<V>,
        key: &str,
        value: Option<V>,
    ) {
        let old = match value {
            Some(value) => map(self).insert(key.to_string(), value),
            None => map(self).remove(key),
        };
        let key = key.to_string();
        work.steps.push(Box::new(move |f: &mut Findings| match old {
            Some(old) => {
                map(f).insert(key, old);
            }
            None => {
                map(f).remove(&key);
            }
        }));
    }

    /// Replaces a problem list, noting what it held and holds.
    fn replace(
        &mut self,
        work: &mut Work,
        map: Field<Vec<Problem>>,
        id: &str,
        problems: Vec<Problem>,
    ) {
        let old = map(self).get(id);
        if old.map_or(problems.is_empty(), |old| *old == problems) {
            return;
        }
        work.before.extend(old.into_iter().flatten().cloned());
        work.after.extend(problems.iter().cloned());
        self.put(work, map, id, nonempty(problems));
    }

    /// Sets where `id` is used: the uses not of the record `of` (an item or
    /// a meeting) kept, `fresh` added.
    fn set_uses(&mut self, work: &mut Work, id: &str, of: (&str, bool), fresh: Vec<Use>) {
        let old = self.uses.get(id).map_or(&[][..], Vec::as_slice);
        let mut uses: Vec<Use> = old.iter().filter(|u| !u.of(of.0, of.1)).cloned().collect();
        uses.extend(fresh);
        uses.sort_by(|a, b| a.order().cmp(&b.order()));
        if uses == old {
            return;
        }
        work.before
            .extend(self.duplicates(id).into_iter().map(|(_, p)| p));
        let many = (uses.len() > 1).then_some(uses.len());
        self.put(work, |f| &mut f.duplicated, id, many);
        self.put(work, |f| &mut f.uses, id, nonempty(uses));
        work.after
            .extend(self.duplicates(id).into_iter().map(|(_, p)| p));
    }

    /// The customers, requirements and measures checked again.
    fn recheck_customer_focus(&mut self, register: &Register, work: &mut Work) {
        let mut check = Checker::new(register);
        check.customer_focus();
        if check.problems == self.customer_focus {
            return;
        }
        work.before.extend(self.customer_focus.iter().cloned());
        work.after.extend(check.problems.iter().cloned());
        let old = std::mem::replace(&mut self.customer_focus, check.problems);
        work.steps
            .push(Box::new(move |f: &mut Findings| f.customer_focus = old));
    }

    /// Notes which requirements and measures the item links.
    fn note_links(&mut self, item: &crate::domain::model::Item) {
        for linked in item.requirements.iter().chain(&item.measures) {
            if let Some(items) = self.linked_by.get_mut(linked) {
                if !items.contains(&item.id) {
                    items.insert(item.id.clone());
                }
            } else {
                self.linked_by
                    .insert(linked.clone(), HashSet::from([item.id.clone()]));
            }
        }
    }

    /// An item id: its items' checks, the ids they and their actions use,
    /// and (noted in `work`) the meetings that refer to any of those ids,
    /// since a review's scores are checked on its item's scale.
    fn recheck_item(&mut self, register: &Register, id: &str, work: &mut Work) {
        let items = with_id(&register.items, register.item_slot(id), id, |i| &i.id);
        let mut check = Checker::new(register);
        for item in items {
            self.note_links(item);
            check.item(item);
        }
        self.replace(work, |f| &mut f.items, id, check.problems);
        let old_actions = self.actions_of.get(id).cloned().unwrap_or_default();
        let mut fresh: HashMap<&str, Vec<Use>> = HashMap::new();
        let mut new_actions = Vec::new();
        for item in items {
            fresh.entry(&item.id).or_default().push(Use::item(&item.id));
            for action in &item.actions {
                new_actions.push(action.id.clone());
                fresh.entry(&action.id).or_default().push(Use {
                    record: item.id.clone(),
                    action: Some(action.id.clone()),
                    meeting: false,
                });
            }
        }
        let mut affected: Vec<&str> = Vec::with_capacity(1 + old_actions.len() + new_actions.len());
        affected.push(id);
        affected.extend(old_actions.iter().map(String::as_str));
        affected.extend(new_actions.iter().map(String::as_str));
        let mut seen = HashSet::new();
        for used in affected.into_iter().filter(|x| seen.insert(*x)) {
            let uses = fresh.remove(used).unwrap_or_default();
            self.set_uses(work, used, (id, false), uses);
            if let Some(meetings) = self.referred_by.get(used) {
                work.meetings.extend(meetings.iter().cloned());
            }
        }
        if old_actions != new_actions {
            self.put(work, |f| &mut f.actions_of, id, nonempty(new_actions));
        }
    }
}

mod chain;
mod meetings;

#[cfg(test)]
mod tests;
