//! A management review's inputs (ISO 9001 9.3.2): the twelve the clause
//! names, each marked when the review has considered it, to pick from and
//! record with what the review saw and where the evidence is. Under
//! customer satisfaction (c1) and process performance (c3) the register's
//! measures are listed with their readings since the previous review, as
//! `management_review::input_of` sorts them.

mod measures;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::domain::{ManagementInput, MeetingKind, management_review, meetings};

use super::super::super::app::{App, Cmd, FormPurpose, Overlay};
use super::super::super::form::{Field, Form};
use super::super::super::keymap::{Intent, Popup};
use super::super::super::widgets::{PickRow, pick_rows};
use crate::theme::Theme;

const NOTE: &str = "Note";
const EVIDENCE: &str = "Evidence";

/// Opens the inputs list, on the first not yet considered.
pub(super) fn open(app: &mut App) {
    let Some(open) = meetings::open_meeting(&app.register) else {
        return;
    };
    if open.kind != MeetingKind::ManagementReview {
        app.error("this is a risk review; only a management review records 9.3.2 inputs");
        return;
    }
    let selected = ManagementInput::ALL
        .iter()
        .position(|i| !open.considered.iter().any(|c| c.input == *i))
        .unwrap_or(0);
    app.show(Overlay::ManagementInputs { selected });
}

/// A row of the list: an input, which can be selected, or a line of what
/// the register holds for the input above it.
struct Row {
    text: String,
    style: Style,
    input: Option<usize>,
}

/// One row per input: considered or not, its place in 9.3.2, what it is,
/// and the note recorded; under c1 and c3 the measures that inform them.
fn rows(app: &App, width: usize, theme: &Theme) -> Vec<Row> {
    let Some(open) = meetings::open_meeting(&app.register) else {
        return Vec::new();
    };
    let period = management_review::looks_back(&app.register, open);
    let mut rows = Vec::new();
    for (at, input) in ManagementInput::ALL.iter().enumerate() {
        let recorded = open.considered.iter().find(|c| c.input == *input);
        let mark = if recorded.is_some() { "[x]" } else { "[ ]" };
        let line = format!("{mark} {:<3}{}", input.code(), input.label());
        let text = match recorded {
            Some(c) if !c.note.is_empty() => format!("{line}: {}", c.note),
            _ => line,
        };
        rows.push(Row {
            text,
            style: theme.text,
            input: Some(at),
        });
        rows.extend(measures::rows(&app.register, *input, period, width, theme));
    }
    rows
}

pub fn on_key(app: &mut App, selected: usize, intent: Option<Intent>) -> Cmd {
    let last = ManagementInput::ALL.len() - 1;
    let mut selected = selected.min(last);
    let input = ManagementInput::ALL[selected];
    match intent {
        Some(Intent::Close) => return Cmd::None,
        Some(Intent::Down) => selected = (selected + 1).min(last),
        Some(Intent::Up) => selected = selected.saturating_sub(1),
        Some(Intent::Open) => {
            // The list stays below the form, to go on with the next input.
            app.show(Overlay::ManagementInputs { selected });
            ask(app, input);
            return Cmd::None;
        }
        Some(Intent::Withdraw) => {
            app.show(Overlay::ManagementInputs { selected });
            let scope = meetings::open_scope(&app.register);
            let done = format!("9.3.2 {} taken back", input.code());
            return app
                .change(&done, scope, |r| management_review::withdraw(r, input))
                .unwrap_or_else(|why| {
                    app.error(why);
                    Cmd::None
                });
        }
        _ => {}
    }
    app.show(Overlay::ManagementInputs { selected });
    Cmd::None
}

/// The form for one input, with what was recorded for it so far.
fn ask(app: &mut App, input: ManagementInput) {
    let recorded = meetings::open_meeting(&app.register)
        .and_then(|m| m.considered.iter().find(|c| c.input == input));
    let (note, evidence) = recorded.map_or((String::new(), String::new()), |c| {
        (c.note.clone(), c.evidence.clone())
    });
    let form = Form::new(
        format!("9.3.2 {}: {}", input.code(), input.label()),
        vec![
            Field::wrapped(
                NOTE,
                &note,
                "what the review saw and concluded, as the minutes should say it",
            ),
            Field::text(
                EVIDENCE,
                &evidence,
                "optional: a path or URL of the report, survey or figures looked at",
            ),
        ],
        "record",
    );
    app.show(Overlay::Form(
        Box::new(form),
        FormPurpose::Considered(input),
    ));
}

pub fn submit(
    app: &mut App,
    form: &mut Form,
    input: ManagementInput,
) -> Option<Result<Cmd, String>> {
    form.clear_errors();
    let note = form.field(NOTE).text_value();
    if note.trim().is_empty() {
        let cancel = app.keys.key(Popup::Form, Intent::Cancel);
        form.set_error(
            NOTE,
            format!("empty; say what the review saw (one line will do), or {cancel} to leave it"),
        );
        return None;
    }
    let evidence = form.field(EVIDENCE).text_value();
    let now = app.now;
    let scope = meetings::open_scope(&app.register);
    let done = format!("9.3.2 {} considered", input.code());
    let result = app.change(&done, scope, |r| {
        management_review::consider(r, input, &note, &evidence, now)
    });
    // Back on the list, the next input is selected.
    if result.is_ok()
        && let Some(Overlay::ManagementInputs { selected }) = app.overlays.last_mut()
    {
        *selected = (*selected + 1).min(ManagementInput::ALL.len() - 1);
    }
    Some(result)
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, selected: usize) {
    let Some(open) = meetings::open_meeting(&app.register) else {
        return;
    };
    let keys = &app.keys;
    let done = open.considered.len();
    let title = format!(
        "9.3.2 inputs of {}: {done} of {} considered",
        open.id,
        ManagementInput::ALL.len()
    );
    let footer = format!(
        "{}/{} select · {} records · {} takes back · {} back to the card",
        keys.key(Popup::ManagementInputs, Intent::Down),
        keys.key(Popup::ManagementInputs, Intent::Up),
        keys.key(Popup::ManagementInputs, Intent::Open),
        keys.key(Popup::ManagementInputs, Intent::Withdraw),
        keys.key(Popup::ManagementInputs, Intent::Close),
    );
    // Rows under some entries are not picked: the selected input is kept in
    // view with what is listed under it, if it fits.
    let width = area.width.saturating_sub(4).min(WIDTH).saturating_sub(4) as usize;
    let rows = rows(app, width, theme);
    let first = rows
        .iter()
        .position(|r| r.input == Some(selected))
        .unwrap_or(0);
    let last = rows[first + 1..]
        .iter()
        .position(|r| r.input.is_some())
        .map_or(rows.len(), |k| first + 1 + k)
        - 1;
    let picked: Vec<PickRow> = rows
        .iter()
        .map(|row| PickRow {
            text: &row.text,
            style: row.style,
            selected: row.input == Some(selected),
        })
        .collect();
    let in_view = |height: usize| (last + 1).saturating_sub(height).min(first);
    pick_rows(
        frame,
        area,
        theme,
        (&title, &picked),
        in_view,
        &footer,
        WIDTH,
    );
}

/// The list's widest, as `pick_list`'s callers give it.
const WIDTH: u16 = 120;
