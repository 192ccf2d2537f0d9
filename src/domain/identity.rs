//! Who is editing: the person in `people` every change is recorded as.
//! Found from the login name, or named with `--as`; never a guess.

use std::fmt;

use super::model::{Person, Register};

/// The person a login name stands for: the one whose `login` lists it,
/// else the one whose id it is.
pub fn person_for_login<'a>(register: &'a Register, login: &str) -> Option<&'a Person> {
    register
        .people
        .iter()
        .find(|p| p.login.iter().any(|l| l == login))
        .or_else(|| register.person(login))
}

/// An id given as the person editing that names nobody in `people`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotAPerson {
    pub id: String,
    /// Every people id, in the file's order.
    pub valid: Vec<String>,
}

impl NotAPerson {
    /// The one line that refuses `--as`, for the subcommands and the
    /// interface alike.
    pub fn refusal(&self) -> String {
        format!("roreg: --as {self}")
    }
}

impl fmt::Display for NotAPerson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.valid.is_empty() {
            write!(
                f,
                "{}: the register has no people; add them to `people` in the file first",
                self.id
            )
        } else {
            write!(
                f,
                "{}: not a person in the register; valid ids: {}",
                self.id,
                self.valid.join(", ")
            )
        }
    }
}

/// `id`, if it is a person's id.
pub fn person_id(register: &Register, id: &str) -> Result<String, NotAPerson> {
    match register.person(id) {
        Some(person) => Ok(person.id.clone()),
        None => Err(NotAPerson {
            id: id.to_string(),
            valid: register.people.iter().map(|p| p.id.clone()).collect(),
        }),
    }
}

/// The people id of whoever is editing, when it is known: `acting_as`
/// (which must be a person) wins over the login name.
pub fn editor(
    register: &Register,
    login: Option<&str>,
    acting_as: Option<&str>,
) -> Result<Option<String>, NotAPerson> {
    if let Some(id) = acting_as {
        return person_id(register, id).map(Some);
    }
    Ok(login
        .and_then(|l| person_for_login(register, l))
        .map(|p| p.id.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::sample;

    fn with_login(id: &str, login: &str) -> Register {
        let mut r = sample();
        let at = r.people.iter().position(|p| p.id == id).unwrap();
        r.people[at].login = vec![login.to_string()];
        r
    }

    #[test]
    fn a_login_listed_on_a_person_names_that_person() {
        let r = with_login("qlead", "hmarsh");
        assert_eq!(editor(&r, Some("hmarsh"), None), Ok(Some("qlead".into())));
    }

    #[test]
    fn a_login_that_is_a_people_id_names_that_person() {
        assert_eq!(
            editor(&sample(), Some("jsmith"), None),
            Ok(Some("jsmith".into()))
        );
    }

    #[test]
    fn a_listed_login_wins_over_an_id_of_the_same_name() {
        let r = with_login("qlead", "jsmith");
        assert_eq!(editor(&r, Some("jsmith"), None), Ok(Some("qlead".into())));
    }

    #[test]
    fn a_login_that_names_nobody_leaves_the_editor_unknown() {
        assert_eq!(editor(&sample(), Some("root"), None), Ok(None));
        assert_eq!(editor(&sample(), None, None), Ok(None));
    }

    #[test]
    fn as_wins_over_the_login_and_must_be_a_person() {
        let r = with_login("qlead", "hmarsh");
        assert_eq!(
            editor(&r, Some("hmarsh"), Some("pjones")),
            Ok(Some("pjones".into()))
        );
        let refused = editor(&r, Some("hmarsh"), Some("nobody")).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "nobody: not a person in the register; valid ids: jsmith, pjones, qlead"
        );
    }

    #[test]
    fn as_in_a_register_without_people_says_to_add_them() {
        let r = Register::new("Acme");
        assert_eq!(
            editor(&r, None, Some("jsmith")).unwrap_err().to_string(),
            "jsmith: the register has no people; add them to `people` in the file first"
        );
    }
}
