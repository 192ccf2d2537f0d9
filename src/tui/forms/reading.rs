//! A reading of a measure, entered on the customer-focus screen: the date
//! (today unless typed over), the value and a note. One reading per date:
//! a second one on a date is refused once, saying what is there, and
//! replaces it when the form is submitted again as it is.

use crate::domain::edit::{Key, Record, Scope};
use crate::domain::{Date, Reading, Value, with_unit};
use crate::text::one_line;

use super::super::app::{App, Cmd, FormPurpose, Overlay};
use super::super::form::{Field, Form};
use super::super::keymap::{Intent, Popup};
use super::super::screens::customers;

pub const DATE: &str = "Date";
pub const VALUE: &str = "Value";
pub const NOTE: &str = "Note";

/// `r` on a measure.
pub fn open(app: &mut App, id: &str) {
    let Some(measure) = app.register.measure(id) else {
        return;
    };
    let unit = one_line(&measure.unit);
    let target = measure.target.described(&unit);
    let value_hint = match unit.trim() {
        "" => format!("a number, e.g. 96.5; the target is {target}"),
        unit => format!("a number in {unit}, e.g. 96.5; the target is {target}"),
    };
    let fields = vec![
        Field::text(
            DATE,
            &app.today.to_string(),
            "YYYY-MM-DD, the day the reading is for (the period's last day, say)",
        ),
        Field::text(VALUE, "", &value_hint),
        Field::text(
            NOTE,
            "",
            "optional: what lies behind the figure, e.g. 2 late loads in week 44",
        ),
    ];
    let title = format!(
        "Reading of {} {}",
        one_line(&measure.id),
        one_line(&measure.name)
    );
    app.customers.replace = None;
    app.show(Overlay::Form(
        Box::new(Form::new(title, fields, "add")),
        FormPurpose::NewReading {
            measure: measure.id.clone(),
        },
    ));
}

/// The reading, as one change to its measure.
pub fn submit(app: &mut App, form: &mut Form, id: &str) -> Option<Result<Cmd, String>> {
    form.clear_errors();
    let Some(mut measure) = app.register.measure(id).cloned() else {
        return Some(Err(format!(
            "{} is no longer in the register; Esc leaves the form",
            one_line(id)
        )));
    };
    let today = app.today;
    let date = match Date::parse(&form.field(DATE).text_value()) {
        Ok(date) if date > today => {
            form.set_error(
                DATE,
                format!("{date} is after today ({today}); a reading records what was measured"),
            );
            None
        }
        Ok(date) => Some(date),
        Err(why) => {
            form.set_error(DATE, why);
            None
        }
    };
    let value = Value::parse(&form.field(VALUE).text_value())
        .map_err(|why| form.set_error(VALUE, why))
        .ok();
    let (Some(date), Some(value)) = (date, value) else {
        return None;
    };
    let unit = one_line(&measure.unit);
    let same_day = measure.readings.iter().position(|r| r.date == date);
    let confirmed = app.customers.replace.as_ref() == Some(&(id.to_string(), date));
    if let Some(at) = same_day
        && !confirmed
    {
        let there = &measure.readings[at];
        let submit = app.keys.key(Popup::Form, Intent::Submit);
        form.set_error(
            DATE,
            format!(
                "{} has a reading on {date} already ({}); {submit} again replaces it, or give another date",
                one_line(id),
                with_unit(&there.value.to_string(), &unit)
            ),
        );
        app.customers.replace = Some((id.to_string(), date));
        return None;
    }
    let reading = Reading {
        date,
        value,
        note: form.field(NOTE).text_value().trim().to_string(),
    };
    let shown = with_unit(&value.to_string(), &unit);
    let standing = if measure.target.is_met_by(value) {
        "on target".to_string()
    } else {
        format!("off target ({})", measure.target.described(&unit))
    };
    let done = match same_day {
        Some(at) => {
            let was = with_unit(&measure.readings[at].value.to_string(), &unit);
            measure.readings[at] = reading;
            format!(
                "{}: {shown} on {date} replaces {was}; {standing}",
                one_line(id)
            )
        }
        None => {
            let at = measure.readings.partition_point(|r| r.date < date);
            measure.readings.insert(at, reading);
            format!("{}: {shown} on {date} added; {standing}", one_line(id))
        }
    };
    let scope = Scope::default().and(Key::Measure(id.to_string()));
    let key = id.to_string();
    let result = app.change(&done, scope, |r| {
        r.put(Record::Measure(key.clone(), Some(measure)));
        Ok(())
    });
    if result.is_ok() {
        app.customers.replace = None;
        customers::select_measure(app, id);
    }
    Some(result)
}
