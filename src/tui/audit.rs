//! The audit view: keys in, state changed. The figures come from the domain.

use crate::domain::Date;
use crate::domain::audit::Period;

use super::app::{App, Cmd, FormPurpose, Overlay};
use super::form::{Field, Form};
use super::keymap::{Intent, Screen};

const FROM: &str = "From";
const TO: &str = "To";

pub fn enter(app: &mut App) {
    app.show_screen(Screen::Audit);
    app.refresh_audit();
}

pub fn on_intent(app: &mut App, intent: Intent) {
    match intent {
        Intent::Down => {
            app.audit_selected = (app.audit_selected + 1).min(app.audit.len().saturating_sub(1))
        }
        Intent::Up => app.audit_selected = app.audit_selected.saturating_sub(1),
        Intent::Open => {
            if let Some(figure) = app.audit.get(app.audit_selected) {
                let title = format!("{}: {}", figure.label, figure.value);
                let lines = if figure.records.is_empty() {
                    vec!["(none)".to_string()]
                } else {
                    figure.records.clone()
                };
                app.help_scroll = 0;
                app.show(Overlay::Records { title, lines });
            }
        }
        Intent::Period => {
            let fields = vec![
                Field::text(
                    FROM,
                    &app.audit_period.from.to_string(),
                    "YYYY-MM-DD, the first day counted",
                ),
                Field::text(
                    TO,
                    &app.audit_period.to.to_string(),
                    "YYYY-MM-DD, the last day counted",
                ),
            ];
            app.show(Overlay::Form(
                Box::new(Form::new("Audit period", fields, "apply")),
                FormPurpose::AuditPeriod,
            ));
        }
        _ => {}
    }
}

pub fn submit_period(app: &mut App, form: &mut Form) -> Option<Result<Cmd, String>> {
    form.clear_errors();
    let mut read = |key: &'static str| match Date::parse(&form.field(key).text_value()) {
        Ok(d) => Some(d),
        Err(e) => {
            form.set_error(key, e);
            None
        }
    };
    let (from, to) = (read(FROM), read(TO));
    let (Some(from), Some(to)) = (from, to) else {
        return None;
    };
    if from > to {
        form.set_error(
            TO,
            format!("{to} is before {from}; the period ends on or after it starts"),
        );
        return None;
    }
    app.audit_period = Period { from, to };
    app.refresh_audit();
    app.info(format!("audit period {from} to {to}"));
    Some(Ok(Cmd::None))
}
