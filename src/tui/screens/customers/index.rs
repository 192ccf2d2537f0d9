//! What the customer-focus screen shows, made once per data change from
//! `CustomerFocus` (one pass over the items and meetings) into plain lines,
//! so a frame only lays them out. Text from the file is made one-line here.

use crate::domain::customer_focus::{self, CustomerFocus, MeasureStanding};
use crate::domain::queries;
use crate::domain::with_unit;
use crate::domain::{Date, Item, ItemStatus, Kind, Measure, Register, Requirement};
use crate::text::{self, one_line};

/// How a piece of a line looks; the theme says how in `draw`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Text,
    Dim,
    Title,
    Header,
    Ok,
    Warning,
    Overdue,
    /// A band name, in its kind's colours for this score.
    Band(Kind, u32),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    pub text: String,
    pub tone: Tone,
}

/// What Enter on a line opens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Link {
    Item(String),
    Measure(String),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct FocusLine {
    pub pieces: Vec<Piece>,
    pub link: Option<Link>,
    /// Long text (a requirement, a decision): wrapped rather than cut.
    pub wrap: bool,
}

impl FocusLine {
    fn new() -> FocusLine {
        FocusLine::default()
    }

    fn with(mut self, text: impl Into<String>, tone: Tone) -> FocusLine {
        self.pieces.push(Piece {
            text: text.into(),
            tone,
        });
        self
    }

    fn wrapped(mut self) -> FocusLine {
        self.wrap = true;
        self
    }

    fn linked(mut self, link: Link) -> FocusLine {
        self.link = Some(link);
        self
    }

    /// The line as plain text, as a reader (and a test) sees it.
    pub fn text(&self) -> String {
        self.pieces.iter().map(|p| p.text.as_str()).collect()
    }
}

/// What a list entry is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    Customer(String),
    /// Requirements and measures owed to every customer.
    General,
    Measure(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub subject: Subject,
    /// The list's text and, after it, a word that marks it ("★ key", "off").
    pub name: String,
    pub mark: Option<Piece>,
    pub lines: Vec<FocusLine>,
}

/// Every entry of the screen, customers (key accounts first), then "All
/// customers", then the measures.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FocusIndex {
    pub entries: Vec<Entry>,
    pub off_target: usize,
    pub unaddressed: usize,
    /// The day it was made for: overdue and "in time" depend on it.
    pub today: Option<Date>,
}

impl FocusIndex {
    pub fn of(register: &Register, today: Date) -> FocusIndex {
        let focus = CustomerFocus::of(register, today);
        let mut entries = Vec::new();
        let mut customers: Vec<_> = register.customers.iter().collect();
        // Key accounts first, else in the file's order.
        customers.sort_by_key(|c| !c.key);
        for customer in customers {
            let mut title = format!("{} ({})", one_line(&customer.name), one_line(&customer.id));
            if !customer.segment.trim().is_empty() {
                title.push_str(&format!(" · {}", one_line(&customer.segment)));
            }
            let mut lines = vec![FocusLine::new().with(title, Tone::Title)];
            if customer.key {
                lines[0] = lines[0].clone().with(" · ★ key account", Tone::Title);
            }
            let requirements = focus.requirements_of(&customer.id);
            let measures = focus.measures_of(&customer.id);
            lines.extend(body(&focus, requirements, measures, today));
            entries.push(Entry {
                subject: Subject::Customer(customer.id.clone()),
                name: one_line(&customer.name),
                mark: customer.key.then(|| Piece {
                    text: "★ key".into(),
                    tone: Tone::Header,
                }),
                lines,
            });
        }
        let general = focus.general_requirements();
        let general_measures = focus.general_measures();
        if !entries.is_empty() || !general.is_empty() || !general_measures.is_empty() {
            let mut lines = vec![
                FocusLine::new().with("All customers", Tone::Title),
                FocusLine::new()
                    .with(
                        "Requirements owed to every customer (statutory and regulatory ones, mostly) and measures of all customers.",
                        Tone::Dim,
                    )
                    .wrapped(),
            ];
            lines.extend(body(&focus, general, general_measures, today));
            entries.push(Entry {
                subject: Subject::General,
                name: "All customers".into(),
                mark: None,
                lines,
            });
        }
        let mut index = FocusIndex {
            entries,
            off_target: 0,
            unaddressed: 0,
            today: Some(today),
        };
        for measure in &register.measures {
            let standing = focus.standing(measure);
            index.off_target += usize::from(standing.off_target);
            index.unaddressed += usize::from(standing.unaddressed);
            let mark = match standing.latest {
                None => Piece {
                    text: "none".into(),
                    tone: Tone::Dim,
                },
                Some(_) if standing.off_target => Piece {
                    text: "off".into(),
                    tone: Tone::Overdue,
                },
                Some(_) => Piece {
                    text: "on".into(),
                    tone: Tone::Ok,
                },
            };
            index.entries.push(Entry {
                subject: Subject::Measure(measure.id.clone()),
                name: format!("{} {}", one_line(&measure.id), one_line(&measure.name)),
                mark: Some(mark),
                lines: measure_lines(&focus, &standing, today),
            });
        }
        index
    }
}

/// A customer's (or every customer's) requirements, then their measures.
fn body(
    focus: &CustomerFocus,
    requirements: &[&Requirement],
    measures: &[&Measure],
    today: Date,
) -> Vec<FocusLine> {
    let mut lines = Vec::new();
    lines.push(FocusLine::new());
    if requirements.is_empty() {
        lines.push(FocusLine::new().with("Requirements: none recorded", Tone::Header));
    } else {
        lines.push(FocusLine::new().with(
            format!("Requirements ({})", requirements.len()),
            Tone::Header,
        ));
    }
    for requirement in requirements {
        lines.extend(requirement_lines(focus, requirement, today));
    }
    lines.push(FocusLine::new());
    if measures.is_empty() {
        lines.push(FocusLine::new().with("Measures: none recorded", Tone::Header));
    } else {
        lines.push(FocusLine::new().with(format!("Measures ({})", measures.len()), Tone::Header));
    }
    for measure in measures {
        let standing = focus.standing(measure);
        let mut line = FocusLine::new()
            .with(format!("  {} ", one_line(&measure.id)), Tone::Text)
            .with(one_line(&measure.name), Tone::Text)
            .with(" · ", Tone::Dim);
        line = match standing.latest {
            // The verdict before the target, so a narrow screen cuts the target.
            Some(latest) => line
                .with(
                    with_unit(&latest.value.to_string(), &one_line(&measure.unit)),
                    Tone::Text,
                )
                .with(" ", Tone::Text)
                .with(on_or_off(&standing).0, on_or_off(&standing).1)
                .with(format!(" {}", standing.trend.arrow()), Tone::Text)
                .with(
                    format!(
                        " (target {})",
                        measure.target.described(&one_line(&measure.unit))
                    ),
                    Tone::Dim,
                ),
            None => line.with("no reading yet", Tone::Dim),
        };
        if standing.unaddressed {
            line = line.with(" · nothing addresses it", Tone::Warning);
        }
        lines.push(line.linked(Link::Measure(measure.id.clone())));
    }
    lines
}

fn on_or_off(standing: &MeasureStanding) -> (&'static str, Tone) {
    if standing.off_target {
        ("off target", Tone::Overdue)
    } else {
        ("on target", Tone::Ok)
    }
}

fn requirement_lines(
    focus: &CustomerFocus,
    requirement: &Requirement,
    today: Date,
) -> Vec<FocusLine> {
    let mut lines = Vec::new();
    let mut head = FocusLine::new()
        .with(format!("{} ", one_line(&requirement.id)), Tone::Header)
        .with(requirement.kind.label(), Tone::Text);
    let cited = requirement.cited();
    if !cited.is_empty() {
        head = head.with(format!(" · {}", one_line(&cited)), Tone::Dim);
    }
    lines.push(head);
    lines.push(
        FocusLine::new()
            .with(format!("  {}", one_line(&requirement.text)), Tone::Text)
            .wrapped(),
    );
    let items = focus.items_for_requirement(&requirement.id);
    if items.is_empty() {
        lines.push(FocusLine::new().with(
            "  no risk or opportunity linked: nothing in the register threatens or serves it",
            Tone::Dim,
        ));
        return lines;
    }
    lines.extend(items.iter().map(|item| item_line(focus.register(), item)));
    // What top management decided comes before the actions: it is what
    // an auditor asks first.
    lines.push(top_review_line(focus, items));
    lines.extend(action_lines(focus, items, today));
    lines
}

/// `R-001  High 16  Title  Treating`: the band in words, colour besides.
fn item_line(register: &Register, item: &Item) -> FocusLine {
    let score = item.current.value();
    FocusLine::new()
        .with(format!("  {} ", one_line(&item.id)), Tone::Text)
        .with(
            one_line(register.scales.band_name(score)),
            Tone::Band(item.kind, score),
        )
        .with(format!(" {score:<2} "), Tone::Text)
        .with(format!("{} ", item.status.label()), style_of_status(item))
        .with(one_line(&item.title), Tone::Text)
        .linked(Link::Item(item.id.clone()))
}

fn style_of_status(item: &Item) -> Tone {
    if item.status == ItemStatus::Closed {
        Tone::Dim
    } else {
        Tone::Text
    }
}

fn action_lines(focus: &CustomerFocus, items: &[&Item], today: Date) -> Vec<FocusLine> {
    let actions = focus.open_actions(items);
    if actions.is_empty() {
        return vec![FocusLine::new().with("  open actions: none", Tone::Dim)];
    }
    let register = focus.register();
    let mut lines =
        vec![FocusLine::new().with(format!("  open actions ({})", actions.len()), Tone::Dim)];
    for (item, action) in actions {
        let mut line = FocusLine::new()
            .with(
                format!("    {} of {} ", one_line(&action.id), one_line(&item.id)),
                Tone::Text,
            )
            .with(one_line(register.person_name(&action.owner)), Tone::Text)
            .with(format!(" · due {}", action.due), Tone::Text);
        if queries::action_overdue(action, today) {
            let days = action.due.days_until(today);
            line = line.with(
                format!(
                    " · overdue by {}",
                    text::plural(days.max(0) as usize, "day", "days")
                ),
                Tone::Overdue,
            );
        }
        lines.push(
            line.with(format!(" · {}", one_line(&action.text)), Tone::Dim)
                .linked(Link::Item(item.id.clone())),
        );
    }
    lines
}

/// The last review with top management of any of the items, and whether
/// every live one is still in time.
fn top_review_line(focus: &CustomerFocus, items: &[&Item]) -> FocusLine {
    let late: Vec<String> = items
        .iter()
        .filter(|i| i.status != ItemStatus::Closed && !focus.reviewed_in_time(i))
        .map(|i| one_line(&i.id))
        .collect();
    let line = FocusLine::new().with("  top management: ", Tone::Dim);
    let line = match focus.last_top_review_of(items) {
        None => line.with("never reviewed with top management", Tone::Overdue),
        Some((meeting, review)) => {
            let decision = match review.decision.trim() {
                "" => "no decision recorded".to_string(),
                d => format!("decided \u{201c}{}\u{201d}", one_line(d)),
            };
            line.with(
                format!(
                    "{} on {}, {decision}",
                    one_line(&meeting.id),
                    meeting.started.date()
                ),
                Tone::Text,
            )
        }
    };
    let line = if late.is_empty() {
        line.with(" · in time", Tone::Ok)
    } else {
        line.with(
            format!(
                " · not in time: {} due for review with top management",
                late.join(", ")
            ),
            Tone::Overdue,
        )
    };
    line.wrapped()
}

fn measure_lines(focus: &CustomerFocus, standing: &MeasureStanding, today: Date) -> Vec<FocusLine> {
    let measure = standing.measure;
    let register = focus.register();
    let unit = one_line(&measure.unit);
    let mut title = format!("{} {}", one_line(&measure.id), one_line(&measure.name));
    match &measure.customer {
        Some(c) => title.push_str(&format!(
            " · {} ({})",
            one_line(register.customer_name(c)),
            one_line(c)
        )),
        None => title.push_str(" · all customers"),
    }
    let mut lines = vec![FocusLine::new().with(title, Tone::Title)];
    let mut about = Vec::new();
    if let Some(cadence) = measure.cadence {
        about.push(format!("read {}", cadence.label()));
    }
    if !measure.owner.is_empty() {
        about.push(format!(
            "by {}",
            one_line(register.person_name(&measure.owner))
        ));
    }
    if !about.is_empty() {
        lines.push(FocusLine::new().with(about.join(" "), Tone::Dim));
    }
    lines.push(FocusLine::new());
    lines.push(
        FocusLine::new()
            .with("Target   ", Tone::Dim)
            .with(measure.target.described(&unit), Tone::Text),
    );
    let latest = match standing.latest {
        None => FocusLine::new()
            .with("Latest   ", Tone::Dim)
            .with("no reading yet", Tone::Dim),
        Some(r) => {
            let (word, tone) = on_or_off(standing);
            FocusLine::new()
                .with("Latest   ", Tone::Dim)
                .with(with_unit(&r.value.to_string(), &unit), Tone::Text)
                .with(format!(" on {} · ", r.date), Tone::Text)
                .with(word, tone)
        }
    };
    lines.push(latest);
    let recent = customer_focus::recent(measure);
    if !recent.is_empty() {
        let numbers: Vec<String> = recent.iter().map(|r| r.value.to_string()).collect();
        lines.push(FocusLine::new().with("Trend    ", Tone::Dim).with(
            format!("{} {}", standing.trend.arrow(), standing.trend.label()),
            Tone::Text,
        ));
        lines.push(
            FocusLine::new()
                .with(text::fit(&format!("Last {}", recent.len()), 9), Tone::Dim)
                .with(customer_focus::sparkline(recent), Tone::Header)
                .with(
                    format!(" {}", with_unit(&numbers.join(" "), &unit)),
                    Tone::Text,
                ),
        );
    }
    if let Some(next) = measure.next_reading() {
        let line = FocusLine::new()
            .with("Next     ", Tone::Dim)
            .with(format!("reading due {next}"), Tone::Text);
        lines.push(if next < today {
            line.with(" · overdue", Tone::Overdue)
        } else {
            line
        });
    }
    if standing.unaddressed {
        lines.push(FocusLine::new());
        lines.push(
            FocusLine::new()
                .with(
                    "! off target, nothing in the register addresses it",
                    Tone::Warning,
                )
                .wrapped(),
        );
    }
    lines.push(FocusLine::new());
    let items = focus.items_for_measure(&measure.id);
    if items.is_empty() {
        lines.push(FocusLine::new().with("Linked items: none", Tone::Header));
        lines.push(
            FocusLine::new()
                .with(
                    "  no risk or opportunity says it would move this measure",
                    Tone::Dim,
                )
                .wrapped(),
        );
    } else {
        lines.push(FocusLine::new().with(format!("Linked items ({})", items.len()), Tone::Header));
        lines.extend(items.iter().map(|item| item_line(register, item)));
        lines.extend(action_lines(focus, items, today));
    }
    lines.push(FocusLine::new());
    lines.push(FocusLine::new().with(
        format!("Readings ({}, latest first)", measure.readings.len()),
        Tone::Header,
    ));
    if measure.readings.is_empty() {
        lines.push(FocusLine::new().with("  none yet", Tone::Dim));
    }
    for reading in measure.readings.iter().rev() {
        let met = measure.target.is_met_by(reading.value);
        let mut line = FocusLine::new()
            .with(format!("  {}  ", reading.date), Tone::Text)
            .with(
                text::fit(&with_unit(&reading.value.to_string(), &unit), 10),
                Tone::Text,
            )
            .with(
                if met { "on target " } else { "off target" },
                if met { Tone::Ok } else { Tone::Overdue },
            );
        if !reading.note.trim().is_empty() {
            line = line.with(format!("  {}", one_line(&reading.note)), Tone::Dim);
        }
        lines.push(line);
    }
    lines
}
