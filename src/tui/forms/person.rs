//! The person form: someone added on the people screen, or edited; and the
//! first run's "Who are you?", which adds the person editing, with their
//! login, so a register made with `roreg new` can be used at once.

use ratatui::crossterm::event::KeyEvent;

use crate::domain::Person;
use crate::domain::Register;
use crate::domain::edit::{Key, Record, Scope};
use crate::domain::validation::login_problems;

use super::super::app::{App, Cmd, FormPurpose, Overlay};
use super::super::form::{Field, Form};
use super::super::keymap::{Intent, Screen};

pub const NAME: &str = "Name";
pub const ID: &str = "Id";
pub const ROLE: &str = "Role";
pub const TOP_MANAGEMENT: &str = "Top management";
pub const LOGINS: &str = "Logins";

const NO_YES: [&str; 2] = ["no", "yes"];

/// The placeholder the interface holds when no login name is known.
const NO_LOGIN: &str = "someone";

/// The form for a new person (`existing` `None`) or for editing one. A new
/// person's id is suggested from the name as it is typed; an id never
/// changes after, so editing has no id field. The first person's login is
/// the one they are using, so their form asks for none.
pub fn person_form(
    existing: Option<&Person>,
    title: String,
    name_hint: &str,
    with_logins: bool,
) -> Form {
    let text_of = |f: fn(&Person) -> &str| existing.map_or("", f);
    let mut fields = vec![Field::text(NAME, text_of(|p| &p.name), name_hint)];
    if existing.is_none() {
        fields.push(Field::text(
            ID,
            "",
            "suggested from the name (initial and surname); it names them in the file and never changes",
        ));
    }
    fields.push(Field::text(
        ROLE,
        text_of(|p| &p.role),
        "their job, e.g. Quality Manager",
    ));
    fields.push(Field::choice(
        TOP_MANAGEMENT,
        NO_YES.iter().map(|s| s.to_string()).collect(),
        usize::from(existing.is_some_and(|p| p.top_management)),
        "ISO 9001 5.1: a management review needs someone from top management; ←/→",
    ));
    if with_logins {
        fields.push(Field::text(
            LOGINS,
            &existing.map(|p| p.login.join(", ")).unwrap_or_default(),
            "their login names ($USER), comma-separated: roreg then knows who edits",
        ));
    }
    Form::new(title, fields, "save")
}

/// A short id from a name: the initial and the surname, in lower case
/// ("Helen Marsh": "hmarsh"), with a number added if it is taken.
pub fn suggest_id(register: &Register, name: &str) -> String {
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let base = match words.as_slice() {
        [] => return String::new(),
        [only] => only.clone(),
        [first, .., last] => format!("{}{last}", first.chars().next().unwrap_or_default()),
    };
    // Each try is a lookup, not a scan; there are never many.
    (1..)
        .map(|n| match n {
            1 => base.clone(),
            n => format!("{base}{n}"),
        })
        .find(|id| register.person(id).is_none())
        .unwrap_or(base)
}

/// After a key on a new person's form: while the id is still the one
/// suggested (or empty), it follows the name; once typed over, it is kept.
pub fn follow_name(form: &mut Form, register: &Register, name_before: &str) {
    let name = form.field(NAME).text_value();
    if name == name_before {
        return;
    }
    let id = form.field(ID).text_value();
    if id.is_empty() || id == suggest_id(register, name_before) {
        let hint = form.field(ID).hint.clone();
        form.field_mut(ID).value = Field::text(ID, &suggest_id(register, &name), &hint).value;
    }
}

/// Whether an id can name a person in the file and in messages
/// (`people.ID.login`): letters, digits, `-` and `_`.
fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// Reads the form into the person; marks each wrong field and returns
/// `None` when anything is wrong.
pub fn read_person_form(
    form: &mut Form,
    register: &Register,
    existing: Option<&Person>,
) -> Option<Person> {
    form.clear_errors();
    let name = form.field(NAME).text_value().trim().to_string();
    if name.is_empty() {
        form.set_error(NAME, "empty; give the person's full name, e.g. Helen Marsh");
    }
    let id = match existing {
        Some(p) => p.id.clone(),
        None => {
            let id = form.field(ID).text_value().trim().to_string();
            let suggestion = suggest_id(register, &name);
            let example = if suggestion.is_empty() {
                "hmarsh".to_string()
            } else {
                suggestion
            };
            if id.is_empty() {
                form.set_error(ID, format!("empty; give a short id, e.g. {example}"));
            } else if !valid_id(&id) {
                form.set_error(
                    ID,
                    format!("\"{id}\": use letters, digits, - and _ only, e.g. {example}"),
                );
            } else if let Some(taken) = register.person(&id) {
                form.set_error(
                    ID,
                    format!(
                        "\"{id}\" is {}'s id already; ids are unique, e.g. {example}",
                        taken.name
                    ),
                );
            }
            id
        }
    };
    let login = if form.has_field(LOGINS) {
        form.field(LOGINS)
            .text_value()
            .split(',')
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect()
    } else {
        existing.map(|p| p.login.clone()).unwrap_or_default()
    };
    let person = Person {
        id,
        name,
        role: form.field(ROLE).text_value().trim().to_string(),
        top_management: form.field(TOP_MANAGEMENT).selected() == 1,
        login,
        retired: existing.and_then(|p| p.retired),
    };
    let problems = login_problems(register, &person);
    if !problems.is_empty() {
        form.set_error(LOGINS, problems.join("; "));
    }
    (!form.has_errors()).then_some(person)
}

/// `n` on the people screen.
pub fn open_new(app: &mut App) {
    let form = person_form(None, "New person".into(), "their full name", true);
    app.show(Overlay::Form(Box::new(form), FormPurpose::NewPerson));
}

/// `e` or Enter on the people screen.
pub fn open_edit(app: &mut App, id: &str) {
    let Some(person) = app.register.person(id) else {
        return;
    };
    let form = person_form(
        Some(person),
        format!("Edit {}", crate::text::one_line(&person.id)),
        "their full name",
        true,
    );
    let purpose = FormPurpose::EditPerson(person.id.clone());
    app.show(Overlay::Form(Box::new(form), purpose));
}

/// The register has nobody: "Who are you?" adds the person editing. `then`
/// is the key that needed someone, to go on once they are added.
pub fn ask_first_person(app: &mut App, then: Option<KeyEvent>) {
    let form = person_form(
        None,
        "Who are you? The register has no people yet".into(),
        "your full name; every change is recorded as you, and roreg knows you by your login",
        false,
    );
    app.show(Overlay::Form(
        Box::new(form),
        FormPurpose::FirstPerson(then),
    ));
}

/// A new person or an edited one, as one change.
pub fn submit(
    app: &mut App,
    form: &mut Form,
    purpose: &FormPurpose,
) -> Option<Result<Cmd, String>> {
    let existing = match purpose {
        FormPurpose::EditPerson(id) => Some(app.register.person(id)?.clone()),
        _ => None,
    };
    let mut person = read_person_form(form, &app.register, existing.as_ref())?;
    let first = matches!(purpose, FormPurpose::FirstPerson(_));
    if first && app.login != NO_LOGIN {
        // So the next session knows who this is without asking.
        person.login = vec![app.login.clone()];
    }
    let id = person.id.clone();
    let name = crate::text::one_line(&person.name);
    let done = match (&existing, first) {
        (Some(_), _) => format!("{id} saved"),
        (None, false) => format!("{name} ({id}) added"),
        (None, true) => format!(
            "welcome, {name} ({id}): every change is recorded as you; {} adds an item, {} starts a meeting, {} shows the people",
            app.keys.key(Screen::Register, Intent::New),
            app.key(Intent::Meeting),
            app.key(Intent::People),
        ),
    };
    if first {
        // The change that adds the person editing is recorded as theirs.
        app.user = Some(id.clone());
    }
    let scope = Scope::default().and(Key::Person(id.clone()));
    let result = app.change(&done, scope, |r| {
        r.put(Record::Person(id.clone(), Some(person)));
        Ok(())
    });
    match &result {
        Ok(_) => super::super::screens::people::select(app, &id),
        Err(_) if first => app.user = None,
        Err(_) => {}
    }
    Some(result)
}
