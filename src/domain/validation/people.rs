//! People's logins, the authors of history records (every change must be
//! attributed to a person in `people`), and work left with someone retired.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::super::model::{Item, ItemStatus, Person, Register};
use super::{Checker, Problem, Severity};

/// Records by someone not in `people` listed one by one; the rest are
/// summed up in one line, so an old file does not bury other problems.
pub(super) const AUTHORS_LISTED: usize = 10;

impl Checker<'_> {
    /// A login names one person, and is not empty.
    pub(super) fn logins(&mut self) {
        let register = self.register;
        let mut owner: HashMap<&str, &str> = HashMap::new();
        for person in &register.people {
            for login in &person.login {
                let location = format!("people.{}.login", person.id);
                if login.trim().is_empty() {
                    self.error(location, EMPTY_LOGIN);
                    continue;
                }
                match owner.get(login.as_str()) {
                    Some(first) if *first != person.id => {
                        self.error(location, login_taken(login, first, &person.id))
                    }
                    Some(_) => {}
                    None => {
                        owner.insert(login, &person.id);
                    }
                }
            }
        }
    }

    /// A live item or an open action left with someone retired: nobody
    /// answers for it now. One lookup per owner.
    pub(super) fn retired_owners(&mut self, item: &Item) {
        let register = self.register;
        let retired = |id: &str| register.person(id).and_then(|p| p.retired);
        if item.status != ItemStatus::Closed
            && let Some(since) = retired(&item.owner)
        {
            self.warn(
                format!("{}.owner", item.id),
                retired_owner(&item.owner, since),
            );
        }
        for action in item.actions.iter().filter(|a| a.status.is_open()) {
            if let Some(since) = retired(&action.owner) {
                self.warn(
                    format!("{}/{}.owner", item.id, action.id),
                    retired_owner(&action.owner, since),
                );
            }
        }
    }

    /// History records whose `by` is not a people id: attributed to nobody.
    pub(super) fn authors(&mut self) {
        let register = self.register;
        let people: HashSet<&str> = register.people.iter().map(|p| p.id.as_str()).collect();
        let mut authors = Authors::default();
        for (index, record) in register.history.iter().enumerate() {
            authors.note(index, &record.by, people.contains(record.by.as_str()));
        }
        self.problems.extend(authors.problems());
    }
}

const EMPTY_LOGIN: &str =
    "an empty login; give the login name as in $USER (e.g. \"hmarsh\"), or remove it";

fn login_taken(login: &str, first: &str, second: &str) -> String {
    format!(
        "login \"{login}\" is given to both {first} and {second}; a login names one person, remove it from one of them"
    )
}

fn retired_owner(id: &str, since: crate::domain::Date) -> String {
    format!("{id} is retired since {since}; give it a current owner")
}

/// What is wrong with the logins `person` would have, among the register's
/// other people: the same checks and words as the file's, for a form to
/// show at its field before anything is changed. Linear in the people.
pub fn login_problems(register: &Register, person: &Person) -> Vec<String> {
    let others: HashMap<&str, &str> = register
        .people
        .iter()
        .filter(|p| p.id != person.id)
        .flat_map(|p| p.login.iter().map(|l| (l.as_str(), p.id.as_str())))
        .collect();
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    for login in &person.login {
        if login.trim().is_empty() {
            problems.push(EMPTY_LOGIN.to_string());
        } else if let Some(first) = others.get(login.as_str()) {
            problems.push(login_taken(login, first, &person.id));
        } else if !seen.insert(login.as_str()) {
            problems.push(format!("login \"{login}\" is given twice; give it once"));
        }
    }
    problems
}

/// The warnings about records by ids not in `people`, kept as the history
/// grows: the first ones one by one, the rest summed up.
#[derive(Clone, Debug, Default)]
pub(super) struct Authors {
    listed: Vec<Problem>,
    more: usize,
    last: usize,
    names: BTreeSet<String>,
}

impl Authors {
    /// Notes record `index`, by `by`, who is a person or not (`known`).
    pub(super) fn note(&mut self, index: usize, by: &str, known: bool) {
        if known {
            return;
        }
        if self.listed.len() < AUTHORS_LISTED {
            self.listed.push(Problem {
                severity: Severity::Warning,
                location: format!("history[{index}].by"),
                message: format!(
                    "\"{by}\" is not a people id, so this change is attributed to no person; records cannot be changed: add the person with this id if it names one"
                ),
            });
            return;
        }
        self.more += 1;
        self.last = index;
        if !self.names.contains(by) {
            self.names.insert(by.to_string());
        }
    }

    pub(super) fn problems(&self) -> impl Iterator<Item = Problem> + '_ {
        let summary = (self.more > 0).then(|| {
            let names: Vec<String> = self.names.iter().map(|n| format!("\"{n}\"")).collect();
            Problem {
                severity: Severity::Warning,
                location: "history".into(),
                message: format!(
                    "{} more records up to history[{}] are by ids not in people: {}",
                    self.more,
                    self.last,
                    names.join(", ")
                ),
            }
        });
        self.listed.iter().cloned().chain(summary)
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::testing::sample;
    use crate::domain::{Register, Score, Timestamp, history, validate};

    fn messages(register: &Register) -> Vec<String> {
        validate(register).iter().map(|p| p.to_string()).collect()
    }

    /// `times` re-scorings of R-001, each recorded as by `by`.
    fn changed_by(mut r: Register, by: &str, times: u8) -> Register {
        for _ in 0..times {
            let mut next = r.clone();
            // Above the target, and different each time.
            next.items[0].current = Score::new(5, 2 + (r.history.len() % 4) as u8);
            let changes = history::diff(&r, &next);
            let at = Timestamp::parse("2026-11-21T10:00:00Z").unwrap();
            history::record(&mut next, changes, at, by);
            r = next;
        }
        r
    }

    #[test]
    fn a_login_given_to_two_people_names_both_and_the_login() {
        let mut r = sample();
        r.people[0].login = vec!["hmarsh".into()];
        r.people[2].login = vec!["q".into(), "hmarsh".into()];
        assert_eq!(
            messages(&r),
            [
                "people.qlead.login: login \"hmarsh\" is given to both jsmith and qlead; a login names one person, remove it from one of them"
            ]
        );
    }

    #[test]
    fn an_empty_login_is_an_error() {
        let mut r = sample();
        r.people[1].login = vec![" ".into()];
        assert_eq!(
            messages(&r),
            [
                "people.pjones.login: an empty login; give the login name as in $USER (e.g. \"hmarsh\"), or remove it"
            ]
        );
    }

    #[test]
    fn a_change_by_someone_not_in_people_is_a_warning_naming_the_record() {
        let r = changed_by(changed_by(sample(), "qlead", 1), "unknown", 1);
        assert_eq!(
            messages(&r),
            [
                "history[1].by: warning: \"unknown\" is not a people id, so this change is attributed to no person; records cannot be changed: add the person with this id if it names one"
            ]
        );
    }

    #[test]
    fn many_unattributed_changes_are_summed_up_after_the_first_ones() {
        let r = changed_by(changed_by(sample(), "unknown", 12), "hmarsh", 2);
        let found = messages(&r);
        assert_eq!(found.len(), super::AUTHORS_LISTED + 1, "{found:#?}");
        assert!(found[9].starts_with("history[9].by: warning: \"unknown\""));
        assert_eq!(
            found[10],
            "history: warning: 4 more records up to history[13] are by ids not in people: \"hmarsh\", \"unknown\""
        );
    }

    #[test]
    fn a_live_item_or_open_action_left_with_someone_retired_is_a_warning_at_its_owner() {
        let mut r = sample();
        r.people[1].retired = Some(crate::domain::Date::parse("2026-10-01").unwrap());
        // R-002 is closed: nobody needs to answer for it any more.
        r.items[1].status = crate::domain::ItemStatus::Closed;
        assert_eq!(
            messages(&r),
            [
                "R-001.owner: warning: pjones is retired since 2026-10-01; give it a current owner",
                "R-001/A-001.owner: warning: pjones is retired since 2026-10-01; give it a current owner",
            ]
        );
        r.items[0].actions[0].status = crate::domain::ActionStatus::Cancelled;
        r.items[0].owner = "jsmith".into();
        assert_eq!(messages(&r), Vec::<String>::new());
    }

    #[test]
    fn logins_a_form_would_give_are_checked_against_the_other_people() {
        let mut r = sample();
        r.people[0].login = vec!["hmarsh".into()];
        let mut quinn = r.people[2].clone();
        quinn.login = vec!["q".into(), "hmarsh".into(), " ".into(), "q".into()];
        assert_eq!(
            super::login_problems(&r, &quinn),
            [
                "login \"hmarsh\" is given to both jsmith and qlead; a login names one person, remove it from one of them",
                "an empty login; give the login name as in $USER (e.g. \"hmarsh\"), or remove it",
                "login \"q\" is given twice; give it once",
            ]
        );
        // Their own logins, kept on an edit, are theirs.
        let jane = r.people[0].clone();
        assert!(super::login_problems(&r, &jane).is_empty());
    }
}
