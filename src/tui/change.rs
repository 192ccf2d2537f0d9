//! A change as the interface makes it: applied in place to the records it
//! names, checked, recorded and shown, in proportion to the change (see
//! `domain::edit`). Debug builds (every test) check each shortcut against
//! the whole register: the scope, the state tree, the findings and the
//! derived lists.

use crate::domain::Register;
use crate::domain::edit::{Edit, Key, Record, Scope, Update};
use crate::domain::history::{self, StateRecord, StateTree};

use super::app::{App, Cmd};
use super::derived::ItemChange;

impl App {
    /// Applies a confirmed change that touches only the records `scope`
    /// names: in place, in proportion to the change (`domain::edit`). The
    /// change is kept only if it adds no new error; then a save is asked for.
    pub fn change(
        &mut self,
        done: &str,
        scope: Scope,
        apply: impl FnOnce(&mut Register) -> Result<(), String>,
    ) -> Result<Cmd, String> {
        if let Some(why) = &self.sharing.read_only {
            return Err(format!("read-only: {why}"));
        }
        // Keys ask who is editing before a change (`tui::identity`); this
        // is the guard that nothing is ever recorded as nobody.
        // A person removed from the file since (a reload) is nobody now;
        // unless this very change adds them (the first person of a register).
        if self.user.as_deref().is_some_and(|u| {
            self.register.person(u).is_none() && !scope.keys().contains(&Key::Person(u.into()))
        }) {
            self.user = None;
        }
        let Some(by) = self.user.clone() else {
            return Err(super::identity::UNKNOWN.to_string());
        };
        #[cfg(debug_assertions)]
        let whole_before = self.register.clone();
        let edit = Edit::begin(&self.register, &scope);
        self.protect(&by);
        if let Err(why) = apply(&mut self.register) {
            #[cfg(debug_assertions)]
            in_scope(
                &whole_before,
                &self.register,
                &edit,
                &edit.after(&self.register),
            );
            edit.rollback(&mut self.register);
            return Err(why);
        }
        let after = edit.after(&self.register);
        #[cfg(debug_assertions)]
        in_scope(&whole_before, &self.register, &edit, &after);
        if let Err(why) = edit.closed_meetings_unchanged(&after) {
            edit.rollback(&mut self.register);
            return Err(why);
        }
        let changes = edit.changes(&after);
        let step = self.undo.step(done, edit.before(), &after);
        let changes = self.undo.marked(changes);
        // The state after the change, from the records it touched alone.
        replace_in(&mut self.state, &self.register, edit.before(), &after);
        let state = self.state.digest();
        #[cfg(debug_assertions)]
        assert_eq!(
            state,
            history::state_hash(&self.register),
            "the state tree went astray"
        );
        // Recorded first, so the checks see the change with its history.
        history::record_at_state(&mut self.register, changes, self.now, &by, state);
        let touched = Touching::of(&edit, &after);
        let rechecked = self.findings.recheck(&self.register, &touched.as_touched());
        if let Some(new) = rechecked.new_errors.first() {
            let why = format!("not changed: {new}");
            self.findings.restore(rechecked);
            replace_in(&mut self.state, &self.register, &after, edit.before());
            edit.rollback(&mut self.register);
            return Err(why);
        }
        self.problems = self.findings.problems();
        #[cfg(debug_assertions)]
        same_problems(&self.problems, &self.register);
        self.protection.outside_change = None;
        self.protection.needs_baseline = false;
        self.undo.done(step);
        self.follow(&edit);
        let update = Update::of(&edit, after, &self.register);
        self.save.unsent.push(update.clone());
        self.save.unsaved.push(update);
        self.info(done);
        Ok(self.request_save())
    }

    /// Brings what is derived from the register up to date after a change:
    /// only the items it touched, unless it touched what every item's
    /// place depends on (people, scales).
    fn follow(&mut self, edit: &Edit) {
        let mut items = Vec::new();
        for record in edit.before() {
            match record {
                Record::Item(id, before) => items.push(ItemChange {
                    id: id.clone(),
                    before: before.clone(),
                }),
                // Nothing the lists derive depends on them; the
                // customer-focus screen is made from the register as drawn.
                Record::Meeting(..)
                | Record::Customer(..)
                | Record::Requirement(..)
                | Record::Measure(..) => {}
                Record::Person(..) | Record::Scales(_) | Record::Organisation(_) => {
                    return self.data_changed();
                }
            }
        }
        self.items_changed(&items);
        #[cfg(debug_assertions)]
        self.same_as_rebuilt();
    }

    /// What `items_changed` made is what a rebuild from scratch makes:
    /// checked in debug builds (every test), after every change.
    #[cfg(debug_assertions)]
    fn same_as_rebuilt(&mut self) {
        let derived = |app: &App| {
            format!(
                "{:?} {} {:?} {:?} {:?} {} {}",
                app.list.view,
                app.list.selected,
                (app.overdue.reviews, app.overdue.actions),
                app.heat.map,
                app.actions.rows,
                app.actions.selected,
                app.list.id_width
            )
        };
        let incremental = derived(self);
        let haystacks = self.list.haystacks.clone();
        self.orders_agree();
        self.data_changed();
        assert_eq!(
            incremental,
            derived(self),
            "items_changed differs from a rebuild"
        );
        if let Some(haystacks) = haystacks {
            let rebuilt = super::list_view::search_texts(&self.register);
            assert!(haystacks == rebuilt, "search texts differ from a rebuild");
            self.list.haystacks = Some(haystacks);
        }
    }
}

/// Takes the touched records out of the state tree as they were and puts
/// them in as they are.
pub(super) fn replace_in(tree: &mut StateTree, register: &Register, was: &[Record], is: &[Record]) {
    for (was, is) in was.iter().zip(is).filter(|(w, i)| w != i) {
        if let Some(record) = as_state(was, register) {
            tree.remove(record);
        }
        if let Some(record) = as_state(is, register) {
            tree.insert(record);
        }
    }
}

fn as_state<'a>(record: &'a Record, register: &Register) -> Option<StateRecord<'a>> {
    Some(match record {
        Record::Organisation(name) => StateRecord::Register {
            format: register.format,
            organisation: name,
        },
        Record::Scales(scales) => StateRecord::Scales(scales),
        Record::Person(_, person) => StateRecord::Person(person.as_ref()?),
        Record::Item(_, item) => StateRecord::Item(item.as_ref()?),
        Record::Meeting(_, meeting) => StateRecord::Meeting(meeting.as_ref()?),
        Record::Customer(_, customer) => StateRecord::Customer(customer.as_ref()?),
        Record::Requirement(_, requirement) => StateRecord::Requirement(requirement.as_ref()?),
        Record::Measure(_, measure) => StateRecord::Measure(measure.as_ref()?),
    })
}

/// What a change touched, as the findings' recheck takes it.
struct Touching {
    items: Vec<String>,
    meetings: Vec<String>,
    customer_focus: Vec<String>,
    people: bool,
    scales: bool,
    organisation: bool,
    history_from: usize,
}

impl Touching {
    fn of(edit: &Edit, after: &[Record]) -> Touching {
        let mut touching = Touching {
            items: Vec::new(),
            meetings: Vec::new(),
            customer_focus: Vec::new(),
            people: false,
            scales: false,
            organisation: false,
            history_from: edit.history_from(),
        };
        for (was, _) in edit.before().iter().zip(after).filter(|(w, i)| w != i) {
            match was {
                Record::Item(id, _) => touching.items.push(id.clone()),
                Record::Meeting(id, _) => touching.meetings.push(id.clone()),
                Record::Customer(id, _) | Record::Requirement(id, _) | Record::Measure(id, _) => {
                    touching.customer_focus.push(id.clone())
                }
                Record::Person(..) => touching.people = true,
                Record::Scales(_) => touching.scales = true,
                Record::Organisation(_) => touching.organisation = true,
            }
        }
        touching
    }

    fn as_touched(&self) -> crate::domain::validation::Touched<'_> {
        crate::domain::validation::Touched {
            items: &self.items,
            meetings: &self.meetings,
            customer_focus: &self.customer_focus,
            people: self.people,
            scales: self.scales,
            organisation: self.organisation,
            history_from: self.history_from,
        }
    }
}

/// The findings after a change are what checking everything finds.
#[cfg(debug_assertions)]
fn same_problems(problems: &[crate::domain::Problem], register: &Register) {
    let mut incremental: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    let mut whole: Vec<String> = crate::domain::validate(register)
        .iter()
        .map(|p| p.to_string())
        .collect();
    incremental.sort();
    whole.sort();
    assert_eq!(
        incremental, whole,
        "the findings' recheck differs from a full check"
    );
}

/// Every record the change altered is one its scope named: what the
/// change path compares, records and saves is all of it. Checked in debug
/// builds (every test) against the whole register.
#[cfg(debug_assertions)]
fn in_scope(before: &Register, after: &Register, edit: &Edit, touched: &[Record]) {
    let key = |c: &crate::domain::history::Change| (c.record.clone(), c.field.clone());
    let mut whole: Vec<_> = crate::domain::history::diff(before, after)
        .iter()
        .map(key)
        .collect();
    let mut scoped: Vec<_> = edit.changes(touched).iter().map(key).collect();
    whole.sort();
    scoped.sort();
    assert_eq!(
        whole, scoped,
        "a change altered records its scope did not name"
    );
}

impl App {
    /// The scope, and the open meeting too when the change also goes in its minutes.
    pub fn in_meeting_too(&self, scope: Scope, in_meeting: bool) -> Scope {
        if in_meeting {
            let meeting =
                crate::domain::meetings::open_meeting(&self.register).map(|m| m.id.as_str());
            scope.and_meeting(meeting)
        } else {
            scope
        }
    }
}
