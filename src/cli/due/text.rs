//! `roreg due` as text for a mail: a heading, then one group per owner,
//! the group with the most urgent due first, each line aligned.

use std::collections::HashMap;

use crate::domain::due::{Due, Duty};
use crate::domain::{Date, Register};
use crate::text;

/// Titles longer than this many columns are cut with `…`.
const TITLE_WIDTH: usize = 50;

/// The management review falls to top management together: one group.
const TOP_MANAGEMENT: &str = "\u{0}top management";

struct Line {
    state: &'static str,
    id: String,
    what: String,
    title: String,
    date: String,
    when: String,
}

pub(super) fn render(
    register: &Register,
    dues: &[Due],
    today: Date,
    until: Option<Date>,
) -> String {
    // Groups in order of their first (most urgent) due: `dues` is sorted.
    let mut order: Vec<&str> = Vec::new();
    let mut groups: HashMap<&str, Vec<Line>> = HashMap::new();
    for due in dues {
        let owners: Vec<&str> = match due.duty {
            Duty::ManagementReview => vec![TOP_MANAGEMENT],
            _ => due.owners.iter().map(String::as_str).collect(),
        };
        for owner in owners {
            groups
                .entry(owner)
                .or_insert_with(|| {
                    order.push(owner);
                    Vec::new()
                })
                .push(line(due, today));
        }
    }
    let all = || groups.values().flatten();
    let width = |f: fn(&Line) -> &str| all().map(|l| text::width(f(l))).max().unwrap_or(0);
    let widths = [
        width(|l| l.state),
        width(|l| &l.id),
        width(|l| &l.what),
        width(|l| &l.date),
        width(|l| &l.when),
    ];
    let mut out = heading(register, dues, today, until);
    for owner in order {
        let lines = &groups[owner];
        out.push('\n');
        out.push_str(&text::one_line(&group_heading(register, owner)));
        out.push('\n');
        for l in lines {
            // The title last, where a narrow mail reader can cut it.
            let cells = [l.state, &l.id, &l.what, &l.date, &l.when];
            let fitted: Vec<String> = cells
                .iter()
                .zip(widths)
                .map(|(cell, width)| text::fit(&text::one_line(cell), width))
                .collect();
            let title = text::truncate(&text::one_line(&l.title), TITLE_WIDTH);
            out.push_str(&format!("  {}  {title}\n", fitted.join("  ")));
        }
    }
    out
}

fn line(due: &Due, today: Date) -> Line {
    Line {
        state: if due.overdue(today) { "OVERDUE" } else { "due" },
        id: match due.duty {
            Duty::ManagementReview => "9.3".to_string(),
            _ => due.id.clone(),
        },
        what: super::what(due),
        title: due.title.clone(),
        date: due.date.to_string(),
        when: due.when(today),
    }
}

/// "Due in Acme Ltd on 2026-11-21: 3 overdue, 2 due by 2026-12-05".
fn heading(register: &Register, dues: &[Due], today: Date, until: Option<Date>) -> String {
    let overdue = dues.iter().filter(|d| d.overdue(today)).count();
    let ahead = dues.len() - overdue;
    let mut parts = Vec::new();
    if overdue > 0 {
        parts.push(format!("{overdue} overdue"));
    }
    if ahead > 0 {
        parts.push(match until {
            Some(until) => format!("{ahead} due by {until}"),
            None => format!("{ahead} due ahead"),
        });
    }
    format!(
        "Due in {} on {today}: {}\n",
        text::one_line(&register.organisation),
        parts.join(", ")
    )
}

fn group_heading(register: &Register, owner: &str) -> String {
    if owner != TOP_MANAGEMENT {
        return super::owner_label(register, owner);
    }
    let names: Vec<String> = crate::domain::due::top_management(register)
        .iter()
        .map(|id| super::owner_label(register, id))
        .collect();
    if names.is_empty() {
        "Top management: nobody in people is marked top_management".to_string()
    } else {
        format!("Top management: {}", names.join(", "))
    }
}
