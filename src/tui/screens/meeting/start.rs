//! Setting up a meeting: who is here, what kind, who facilitates. Its
//! agenda is what is due; a meeting left open is resumed instead.

use crate::domain::agenda;
use crate::domain::edit::Scope;
use crate::domain::model::with_unit;
use crate::domain::{Attendance, MeetingKind, Person, Register, meetings};
use crate::text;

use super::super::super::app::{App, Cmd, FormPurpose, Overlay};
use super::super::super::form::{Field, Form};
use super::super::super::keymap::{Intent, Screen};

const KIND: &str = "Kind";
const FACILITATOR: &str = "Facilitator";
const ATTENDEE: &str = "attendee";
const ATTENDANCE: [&str; 3] = ["absent", "present", "apologies"];

/// `m`: resume the open meeting, or set up a new one.
pub fn enter(app: &mut App) {
    if let Some(open) = meetings::open_meeting(&app.register) {
        // Resume at the first item not yet reviewed.
        // Resume where the facilitator was, else at the first item not yet reviewed.
        let position = open
            .current
            .as_ref()
            .and_then(|c| open.agenda.iter().position(|i| i == c))
            .or_else(|| {
                open.agenda
                    .iter()
                    .position(|item| !open.reviewed.iter().any(|r| &r.item == item))
            })
            .unwrap_or(0);
        app.meeting.position = position;
        app.meeting.action = 0;
        app.show_screen(Screen::Meeting);
        return;
    }
    if let Some(why) = &app.sharing.read_only {
        app.error(format!("read-only: {why}; no meeting is open to watch"));
        return;
    }
    let people = attendees(&app.register);
    if people.is_empty() {
        let add = app.key(Intent::People);
        app.error(format!(
            "a meeting needs people, and the register has nobody current; {add} adds people"
        ));
        return;
    }
    let known_user = app
        .user
        .as_deref()
        .and_then(|u| people.iter().position(|p| p.id == u));
    let facilitator = known_user.unwrap_or(0);
    let mut fields = vec![
        Field::choice(
            KIND,
            vec!["Risk review".into(), "Management review".into()],
            0,
            "←/→ to change",
        ),
        Field::choice(
            FACILITATOR,
            people
                .iter()
                .map(|p| format!("{} ({})", p.name, p.id))
                .collect(),
            facilitator,
            "who runs the meeting",
        ),
    ];
    for (i, person) in people.iter().enumerate() {
        let mut field = Field::choice(
            ATTENDEE,
            ATTENDANCE.iter().map(|s| s.to_string()).collect(),
            // Only the known user is marked present: attendance is evidence, never guessed.
            usize::from(Some(i) == known_user),
            "→ present, → apologies, → absent; ★ top management",
        );
        let star = if person.top_management { " ★" } else { "" };
        field.label = format!("{}{star}", person.name);
        fields.push(field);
    }
    // The form opens on a risk review; the kind chosen decides the agenda.
    let agenda = meetings::agenda(&app.register, MeetingKind::RiskReview, app.today);
    let title = format!(
        "New meeting: who is here? ({} items due on the agenda{})",
        agenda.len(),
        measures_note(&app.register, MeasureNote::Ids, app.today)
    );
    app.show(Overlay::Form(
        Box::new(Form::new(title, fields, "start")),
        FormPurpose::StartMeeting,
    ));
}

/// How much of the measures to discuss a line has room for.
enum MeasureNote {
    /// The form's title: the ids, for a risk review (the form's first kind).
    Ids,
    /// The message once started: each with its latest reading.
    Readings(MeetingKind),
}

/// "; off target since the last risk review: KPI-003 4 points of 5 (≥ 4.2), nothing addresses it":
/// the measures off target since the last meeting of the kind. The agenda
/// holds item ids only, so the measures are said beside it, for the
/// meeting to look at (5.1.2 c); empty when none is off target.
fn measures_note(register: &Register, note: MeasureNote, today: crate::domain::Date) -> String {
    let kind = match note {
        MeasureNote::Ids => MeetingKind::RiskReview,
        MeasureNote::Readings(kind) => kind,
    };
    let measures = agenda::measures_to_discuss(register, kind, today);
    if measures.is_empty() {
        return String::new();
    }
    let said: Vec<String> = measures
        .iter()
        .map(|m| match note {
            MeasureNote::Ids => m.measure.id.clone(),
            MeasureNote::Readings(_) => {
                let unit = m.measure.unit.as_str();
                let value = with_unit(&m.latest.value.to_string(), unit);
                let target = m.measure.target.described(unit);
                let flag = if !m.off_target {
                    ", on target again"
                } else if m.unaddressed() {
                    ", nothing addresses it"
                } else {
                    ""
                };
                format!("{} {value} ({target}){flag}", m.measure.id)
            }
        })
        .collect();
    let since = kind.label().to_lowercase();
    text::one_line(&format!(
        "; off target since the last {since}: {}",
        said.join("; ")
    ))
}

/// Who a new meeting lists: everyone but those who have retired (old
/// minutes keep them by name).
fn attendees(register: &Register) -> Vec<&Person> {
    register
        .people
        .iter()
        .filter(|p| p.retired.is_none())
        .collect()
}

pub fn submit_start(app: &mut App, form: &mut Form) -> Option<Result<Cmd, String>> {
    let kind = if form.field(KIND).selected() == 1 {
        MeetingKind::ManagementReview
    } else {
        MeetingKind::RiskReview
    };
    let people = attendees(&app.register);
    let facilitator = people.get(form.field(FACILITATOR).selected())?.id.clone();
    let attendance: Vec<Attendance> = form
        .fields
        .iter()
        .filter(|f| f.key == ATTENDEE)
        .zip(&people)
        .map(|(f, p)| Attendance {
            person: p.id.clone(),
            present: f.selected() == 1,
            apologies: f.selected() == 2,
            arrived: None,
            left: None,
        })
        .collect();
    if !attendance.iter().any(|a| a.present) {
        form.error = Some("nobody is marked present; mark who attends (→ on their line)".into());
        return None;
    }
    if attendance
        .iter()
        .any(|a| a.person == facilitator && !a.present)
    {
        form.error = Some(format!(
            "the facilitator, {}, is marked absent; mark them present (→ on their line)",
            app.register.person_name(&facilitator)
        ));
        return None;
    }
    let agenda = meetings::agenda(&app.register, kind, app.today);
    let now = app.now;
    let scope = Scope::meeting(meetings::next_id(&app.register));
    let result = app.change("meeting started", scope, |r| {
        meetings::start(r, kind, &facilitator, attendance, agenda, now).map(|_| ())
    });
    if result.is_ok() {
        app.meeting.position = 0;
        app.meeting.action = 0;
        app.show_screen(Screen::Meeting);
        if let Some(open) = meetings::open_meeting(&app.register) {
            let measures = measures_note(&app.register, MeasureNote::Readings(kind), app.today);
            app.info(format!(
                "{} started: {} items on the agenda{measures}",
                open.id,
                open.agenda.len()
            ));
        }
    }
    Some(result)
}
