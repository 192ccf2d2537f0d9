//! A form on top takes the keys: typed into it, or submitted (read into a
//! change by what it is for), or left. A form with mistakes stays open with
//! each mistake at its field.

use ratatui::crossterm::event::KeyEvent;

use super::super::app::{App, Cmd, FormPurpose, Overlay};
use super::super::form::{Form, Outcome};
use super::super::forms;
use super::super::identity;
use super::super::keymap::{Intent, Screen};
use super::super::screens::{audit, meeting};
use super::Reply;

/// A key on a form: typed into it, or it is submitted or left.
pub fn on_key(app: &mut App, mut form: Box<Form>, purpose: FormPurpose, key: KeyEvent) -> Reply {
    // A new person's suggested id follows their name as it is typed.
    let name_before = matches!(
        purpose,
        FormPurpose::NewPerson | FormPurpose::FirstPerson(_)
    )
    .then(|| form.field(forms::person::NAME).text_value());
    let outcome = form.handle_key(key, &app.keys);
    if let Some(before) = name_before {
        forms::person::follow_name(&mut form, &app.register, &before);
    }
    if let FormPurpose::NewItem = purpose {
        let kind = forms::item::form_kind(&form, None);
        forms::item::sync_item_form(&mut form, &app.register.scales, kind);
    }
    if purpose == FormPurpose::Filter {
        let filter = forms::filter::read_filter_form(&form, &app.register, &app.list.filter);
        if filter != app.list.filter {
            app.list.filter = filter;
            app.list.selected = 0;
            app.list_changed();
        }
        if outcome == Outcome::Editing {
            reopen(app, form, purpose);
        }
        return Reply::Done(Cmd::None);
    }
    let cmd = match (outcome, &purpose) {
        (Outcome::Editing, _) => {
            reopen(app, form, purpose);
            Cmd::None
        }
        (Outcome::Cancel, FormPurpose::Effectiveness { action, .. }) => {
            // On the meeting card a done action leaves the list, so `x` there
            // would act on the next one: point to where it can be found.
            let done = app.keys.key(Screen::Actions, Intent::MarkDone);
            let where_to = if app.screen() == Screen::Meeting {
                let actions = app.key(Intent::ActionsView);
                format!("in the actions view ({actions}), {done} on it records it")
            } else {
                format!("{} on it records it", app.key(Intent::MarkDone))
            };
            app.info(format!(
                "{action}: effectiveness check left for later; {where_to}"
            ));
            Cmd::None
        }
        (Outcome::Cancel, FormPurpose::FollowUp { item, action }) => {
            app.info(format!(
                "{action}'s check is recorded; {item}'s score left as it was, no follow-up action"
            ));
            Cmd::None
        }
        (Outcome::Cancel, FormPurpose::WhoIsEditing(_)) => {
            app.info("nothing changed: a change needs to know who is editing");
            Cmd::None
        }
        (Outcome::Cancel, FormPurpose::FirstPerson(_)) => {
            let people = app.key(Intent::People);
            app.info(format!(
                "nobody added: browsing needs nobody; a change asks again, and {people} shows the people"
            ));
            Cmd::None
        }
        (Outcome::Cancel, _) => {
            app.info("nothing changed");
            Cmd::None
        }
        (Outcome::Submit, FormPurpose::WhoIsEditing(pending)) => {
            identity::chosen(app, &form);
            return Reply::Replay(*pending);
        }
        (Outcome::Submit, FormPurpose::FirstPerson(Some(pending))) => {
            let pending = *pending;
            let cmd = submit(app, form, purpose);
            // Added (the form is closed, and they edit now): the key goes on.
            if app.user.is_some() && !top_is_first_person(app) {
                return Reply::ReplayAfter(cmd, pending);
            }
            cmd
        }
        (Outcome::Submit, _) => submit(app, form, purpose),
    };
    Reply::Done(cmd)
}

fn top_is_first_person(app: &App) -> bool {
    matches!(
        app.overlays.last(),
        Some(Overlay::Form(_, FormPurpose::FirstPerson(_)))
    )
}

fn reopen(app: &mut App, form: Box<Form>, purpose: FormPurpose) {
    app.show(Overlay::Form(form, purpose));
}

/// Reads a submitted form into a change. A form with mistakes stays open
/// with each mistake at its field.
fn submit(app: &mut App, mut form: Box<Form>, purpose: FormPurpose) -> Cmd {
    let result = match &purpose {
        FormPurpose::NewItem | FormPurpose::EditItem(_) => {
            forms::item::submit_item(app, &mut form, &purpose)
        }
        FormPurpose::NewAction { item } | FormPurpose::EditAction { item, .. } => {
            forms::action::submit_action(app, &mut form, &purpose, item)
        }
        FormPurpose::FollowUp { item, action } => {
            forms::follow_up::submit(app, &mut form, item, action)
        }
        FormPurpose::Effectiveness { item, action } => {
            forms::action::submit_effectiveness(app, &mut form, item, action)
        }
        FormPurpose::Filter | FormPurpose::WhoIsEditing(_) => None,
        FormPurpose::StartMeeting => meeting::submit_start(app, &mut form),
        FormPurpose::Decision { item } => meeting::submit_decision(app, &mut form, item),
        FormPurpose::Reviewed { item } => meeting::submit_reviewed(app, &mut form, item),
        FormPurpose::NextReview { item } => meeting::submit_next_review(app, &mut form, item),
        FormPurpose::AddAgendaItem => meeting::submit_add_item(app, &mut form),
        FormPurpose::MeetingNotes => meeting::submit_notes(app, &mut form),
        FormPurpose::Presence => meeting::submit_presence(app, &mut form),
        FormPurpose::Guest => meeting::submit_guest(app, &mut form),
        FormPurpose::Considered(input) => meeting::inputs::submit(app, &mut form, *input),
        FormPurpose::Skip { item } => meeting::submit_skip(app, &mut form, item),
        FormPurpose::AuditPeriod => audit::submit_period(app, &mut form),
        FormPurpose::NewReading { measure } => forms::reading::submit(app, &mut form, measure),
        FormPurpose::NewPerson | FormPurpose::EditPerson(_) | FormPurpose::FirstPerson(_) => {
            forms::person::submit(app, &mut form, &purpose)
        }
    };
    match result {
        Some(Ok(cmd)) => cmd,
        Some(Err(why)) => {
            form.error = Some(why);
            reopen(app, form, purpose);
            Cmd::None
        }
        None => {
            reopen(app, form, purpose);
            Cmd::None
        }
    }
}
