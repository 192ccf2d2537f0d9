//! The start-up banner: one line of what is due for the person editing
//! (theirs, not the whole register's), until the first key.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

use crate::domain::due::{self, Window};
use crate::domain::{Date, Register};
use crate::text;
use crate::theme::Theme;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Banner {
    pub text: String,
    /// Something is late: drawn as a warning.
    pub overdue: bool,
}

/// What is due for `person` within the fortnight `roreg due` looks at, or
/// nothing when nothing is (or nobody is known yet).
pub fn for_person(register: &Register, person: Option<&str>, today: Date) -> Option<Banner> {
    let person = person?;
    let window = Window {
        until: Some(today.add_days(i64::from(due::DEFAULT_WITHIN_DAYS))),
        owner: Some(person.to_string()),
    };
    let dues = due::due(register, today, &window);
    let summary = due::summary(&dues, today)?;
    Some(Banner {
        text: format!("Due for you, {}: {summary}", register.person_name(person)),
        overdue: dues.iter().any(|d| d.overdue(today)),
    })
}

pub fn draw(frame: &mut Frame, area: Rect, banner: &Banner, theme: &Theme) {
    let hint = " · any key dismisses ";
    let room = (area.width as usize).saturating_sub(text::width(hint) + 1);
    let line = format!(
        " {}{hint}",
        text::truncate(&text::one_line(&banner.text), room)
    );
    let style = if banner.overdue {
        theme.warning
    } else {
        theme.key
    };
    frame.render_widget(
        Paragraph::new(text::fit(&line, area.width as usize)).style(style),
        area,
    );
}
