//! One row of an items sheet: the item it stands for, read onto the
//! register's item of the same id (columns the sheet lacks keep its
//! values), its actions from a cell, one a line.

use super::super::columns::Field;
use super::super::read::Cell;
use super::super::values::{self, SourceKind};
use super::{Context, Row};
use crate::domain::{
    Action, ActionStatus, Item, ItemStatus, Kind, Scales, Score, Source, Treatment,
};

/// The longest title taken from a description's first line.
const TITLE_FROM_DESCRIPTION: usize = 80;

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    match line.char_indices().nth(TITLE_FROM_DESCRIPTION) {
        Some((cut, _)) => format!("{}…", line[..cut].trim_end()),
        None => line.to_string(),
    }
}

/// The item the row stands for, or `None` when it has errors (noted in `row`).
pub(super) fn item(context: &mut Context, row: &mut Row) -> Option<Item> {
    // A ref like `R01` or `RISK-7` is the sheet's, not an id roreg gives:
    // the item gets a roreg id, and is found again by kind and title.
    let sheet_ref = row.text(Field::Id).filter(|id| {
        crate::domain::ids::parse(id).is_none_or(|(prefix, _)| !["R", "O"].contains(&prefix))
            && !context.existing.contains_key(id.as_str())
    });
    let id_given = row.text(Field::Id).filter(|_| sheet_ref.is_none());
    let kind_given = row.read(Field::Type, |c| values::kind(&c.shown()));
    // Without a Type column, an id or ref starting with O is an opportunity.
    let kind_of_ref = id_given
        .as_deref()
        .or(sheet_ref.as_deref())
        .filter(|given| given.trim().to_uppercase().starts_with('O'))
        .map(|_| Kind::Opportunity);
    let title_given = row.text(Field::Title);
    let description = row
        .cell(Field::Description)
        .map(|c| c.shown().trim().to_string());
    let title = title_given.clone().or_else(|| {
        (!row.has(Field::Title))
            .then(|| description.as_deref().map(first_line))
            .flatten()
            .filter(|t| !t.is_empty())
    });
    let existing = match &id_given {
        Some(id) => context.existing.get(id.as_str()).copied(),
        None => title.as_ref().and_then(|t| {
            context
                .by_title
                .get(&(
                    kind_given.or(kind_of_ref).unwrap_or(Kind::Risk),
                    t.to_lowercase(),
                ))
                .copied()
                .flatten()
                .and_then(|id| context.existing.get(id).copied())
        }),
    };
    let kind = kind_given
        .or(existing.map(|i| i.kind))
        .or(kind_of_ref)
        .unwrap_or(Kind::Risk);
    let mut item = existing.cloned().unwrap_or_else(|| Item {
        id: String::new(),
        kind,
        title: String::new(),
        description: String::new(),
        affects: Vec::new(),
        source: Source::Internal(String::new()),
        process: String::new(),
        owner: String::new(),
        current: Score::new(0, 0),
        target: None,
        treatment: Treatment::Undecided,
        status: ItemStatus::Identified,
        next_review: None,
        actions: Vec::new(),
        created: context.options.now,
        requirements: Vec::new(),
        measures: Vec::new(),
    });
    let new = existing.is_none();
    item.kind = kind;
    match title {
        Some(title) => item.title = title,
        None if new => row.fail(
            if row.has(Field::Title) { Field::Title } else { Field::Description },
            "title missing; give the item a short title (a Title column, or a Description whose first line is taken)",
        ),
        None => {}
    }
    if let Some(description) = description {
        item.description = description;
    }
    if row.has(Field::Affects) {
        item.affects = row
            .read(Field::Affects, |c| values::affects(&c.shown()))
            .unwrap_or_default();
    }
    read_source(row, &mut item);
    if let Some(process) = row.cell(Field::Process) {
        item.process = process.shown().trim().to_string();
    }
    match row.text(Field::Owner) {
        Some(owner) => match context.person(&owner, "owner") {
            Ok(id) => item.owner = id,
            Err(why) => row.fail(Field::Owner, why),
        },
        None if new => row.fail(
            Field::Owner,
            "owner missing; every item needs an owner: a people id, name or initials",
        ),
        None => {}
    }
    read_score(context, row, &mut item, new);
    if row.has(Field::Treatment) {
        item.treatment = row
            .read(Field::Treatment, |c| values::treatment(&c.shown()))
            .unwrap_or(Treatment::Undecided);
    }
    if let Some(status) = row.read(Field::Status, |c| values::item_status(&c.shown())) {
        item.status = status;
    }
    if row.has(Field::NextReview) {
        item.next_review = row.read(Field::NextReview, |c| values::date(c, "next review"));
    }
    if let Some(created) = row.read(Field::Created, |c| values::timestamp(c, "created")) {
        item.created = created;
    }
    read_actions(context, row, &mut item);
    super::links::read_links(context, row, &mut item);
    if !row.errors.is_empty() {
        return None;
    }
    item.id = match (id_given, existing) {
        (Some(id), _) => id,
        (None, Some(existing)) => existing.id.clone(),
        (None, None) => context.allocate.next(kind.id_prefix()),
    };
    if let Some(sheet_ref) = sheet_ref {
        context.renamed.push((sheet_ref, item.id.clone()));
    }
    Some(item)
}

/// `Internal issue (4.1)` + `staff turnover`, an Interested party cell,
/// or a Source cell as roreg labels one (`external: new standard`).
fn read_source(row: &mut Row, item: &mut Item) {
    if !(row.has(Field::SourceKind) || row.has(Field::Source) || row.has(Field::InterestedParty)) {
        return;
    }
    let (old_kind, old_text) = match &item.source {
        Source::Internal(t) => (SourceKind::Internal, t.clone()),
        Source::External(t) => (SourceKind::External, t.clone()),
        Source::InterestedParty(t) => (SourceKind::InterestedParty, t.clone()),
    };
    if let Some(party) = row.text(Field::InterestedParty) {
        item.source = Source::InterestedParty(party);
        return;
    }
    let mut text = match row.cell(Field::Source) {
        Some(cell) => cell.shown().trim().to_string(),
        None => old_text,
    };
    let mut kind = row.read(Field::SourceKind, |c| values::source_kind(&c.shown()));
    if kind.is_none() {
        for (prefix, labelled) in [
            ("internal:", SourceKind::Internal),
            ("external:", SourceKind::External),
            ("interested party:", SourceKind::InterestedParty),
        ] {
            if text.to_lowercase().starts_with(prefix) {
                kind = Some(labelled);
                text = text[prefix.len()..].trim().to_string();
                break;
            }
        }
    }
    item.source = match kind.unwrap_or(old_kind) {
        SourceKind::Internal => Source::Internal(text),
        SourceKind::External => Source::External(text),
        SourceKind::InterestedParty => Source::InterestedParty(text),
    };
}

/// A level from its column, the H/M/L shorthand's mapping noted once.
fn level(
    context: &mut Context,
    row: &mut Row,
    field: Field,
    scale: &[String],
    axis: &'static str,
) -> Option<u8> {
    let given = context.options.shorthand;
    let found = row.read(field, |c| values::level(c, scale, axis, given))?;
    if found.shorthand && !context.shorthand.contains(&axis) {
        context.shorthand.push(axis);
        context.note_once(format!(
            "{}: {}",
            row.grid.sheet,
            values::shorthand_mapping(axis, scale, given)
        ));
    }
    Some(found.level)
}

fn read_score(context: &mut Context, row: &mut Row, item: &mut Item, new: bool) {
    let scales: &Scales = &context.register.scales;
    let (likelihood_scale, consequence_scale) = (
        scales.likelihood.clone(),
        scales.consequence(item.kind).to_vec(),
    );
    let axis = Scales::consequence_name(item.kind);
    let likelihood = level(
        context,
        row,
        Field::Likelihood,
        &likelihood_scale,
        "likelihood",
    );
    let impact = level(context, row, Field::Impact, &consequence_scale, axis);
    for (field, value, name) in [
        (Field::Likelihood, likelihood, "likelihood"),
        (Field::Impact, impact, axis),
    ] {
        if new && value.is_none() && row.given(field).is_none() {
            let max = if field == Field::Likelihood {
                likelihood_scale.len()
            } else {
                consequence_scale.len()
            };
            row.fail(field, format!("{name} missing; expected 1–{max}"));
        }
    }
    item.current = Score::new(
        likelihood.unwrap_or(item.current.likelihood),
        impact.unwrap_or(item.current.impact),
    );
    if row.has(Field::TargetLikelihood) || row.has(Field::TargetImpact) {
        let target_l = level(
            context,
            row,
            Field::TargetLikelihood,
            &likelihood_scale,
            "target likelihood",
        );
        let target_i = level(
            context,
            row,
            Field::TargetImpact,
            &consequence_scale,
            "target impact",
        );
        let blank_l = row.given(Field::TargetLikelihood).is_none();
        let blank_i = row.given(Field::TargetImpact).is_none();
        item.target = match (target_l, target_i) {
            (Some(l), Some(i)) => Some(Score::new(l, i)),
            _ if blank_l && blank_i => None,
            _ => {
                for (field, blank) in [
                    (Field::TargetLikelihood, blank_l),
                    (Field::TargetImpact, blank_i),
                ] {
                    if blank {
                        row.fail(
                            field,
                            "missing; give both target likelihood and target impact, or neither",
                        );
                    }
                }
                None
            }
        };
    }
    if likelihood.is_some() && impact.is_some() {
        check_derived(context, row, item.current);
    }
}

/// The sheet's score and band, checked against the score roreg computes
/// and never taken from the sheet.
fn check_derived(context: &mut Context, row: &Row, current: Score) {
    let scales = &context.register.scales;
    let value = current.value();
    let band = scales.band_name(value).to_string();
    let computed = format!(
        "{}×{} = {value} ({band})",
        current.likelihood, current.impact
    );
    let mut notes = Vec::new();
    for field in [Field::Score, Field::Band] {
        let Some(cell) = row.given(field) else {
            continue;
        };
        let shown = cell.shown().trim().to_string();
        let agrees = match cell {
            Cell::Number(n) => *n == f64::from(value),
            _ => match shown.parse::<f64>() {
                Ok(n) => n == f64::from(value),
                Err(_) => band_agrees(scales, value, &shown),
            },
        };
        if !agrees {
            let header = row.columns.get(field).map_or(String::new(), |c| {
                row.grid.cell(row.columns.header_row, c).shown()
            });
            notes.push(format!(
                "{}: {header} \"{shown}\" in the sheet, but {computed}; roreg computes the score and band, the sheet's are not imported",
                row.at(field),
            ));
        }
    }
    for note in notes {
        context.note_once(note);
    }
}

/// A band name, or a RAG colour: green the lowest tier, amber the middle
/// ones, red the upper ones.
fn band_agrees(scales: &Scales, score: u32, text: &str) -> bool {
    let word = text.trim().to_lowercase();
    if scales.band_name(score).to_lowercase() == word {
        return true;
    }
    let tier = scales.band_tier(score);
    match word.as_str() {
        "green" | "g" => tier == 0,
        "amber" | "a" | "yellow" | "y" => (1..=2).contains(&tier),
        "red" | "r" => tier >= 2,
        _ => false,
    }
}

/// `- Train staff` / `1. Audit supplier`: one action a line, bullets dropped.
fn action_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| {
            let l = l
                .trim()
                .trim_start_matches(['-', '•', '*', '–'])
                .trim_start();
            let numbered = l
                .split_once(['.', ')'])
                .filter(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
            numbered.map_or(l, |(_, rest)| rest).trim().to_string()
        })
        .filter(|l| !l.is_empty())
        .collect()
}

/// Actions from an item row: several in one cell, one a line; the owner
/// and due date from their columns (one a line, or one for them all).
fn read_actions(context: &mut Context, row: &mut Row, item: &mut Item) {
    if let Some(column) = row.columns.get(Field::Effectiveness) {
        let header = row.grid.cell(row.columns.header_row, column).shown();
        context.note_once(format!(
            "{}: column {} \"{header}\" is not imported from a one-row-per-item sheet: an effectiveness check needs its date and checker (give them in an Actions sheet: ID, Item, Action, …, Effectiveness, Checked on, Checked by)",
            row.grid.sheet,
            super::column_letters(column)
        ));
    }
    let Some(text) = row.text(Field::Action) else {
        return;
    };
    let texts = action_lines(&text);
    let owners: Vec<String> = row
        .text(Field::ActionOwner)
        .map(|t| action_lines(&t))
        .unwrap_or_default();
    // A date or number cell is one due date; text may hold one a line.
    let dues: Vec<Cell> = match row.given(Field::Due) {
        Some(Cell::Text(t)) => t
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| Cell::Text(l.to_string()))
            .collect(),
        Some(cell) => vec![cell.clone()],
        None => Vec::new(),
    };
    fn pick<T: Clone>(list: &[T], at: usize) -> Option<T> {
        match list.len() {
            0 => None,
            1 => Some(list[0].clone()),
            _ => list.get(at).cloned(),
        }
    }
    for (at, text) in texts.iter().enumerate() {
        let owner = match pick(&owners, at) {
            Some(owner) => match context.person(&owner, "action owner") {
                Ok(id) => id,
                Err(why) => {
                    row.fail(Field::ActionOwner, why);
                    continue;
                }
            },
            None => item.owner.clone(),
        };
        let existing = item
            .actions
            .iter()
            .position(|a| a.text.trim().eq_ignore_ascii_case(text));
        let due = match pick(&dues, at) {
            Some(due) => match values::date(&due, "due") {
                Ok(day) => Some(day),
                Err(why) => {
                    row.fail(Field::Due, why);
                    continue;
                }
            },
            None => None,
        };
        match existing {
            Some(index) => {
                let action = &mut item.actions[index];
                if pick(&owners, at).is_some() {
                    action.owner = owner;
                }
                if let Some(due) = due {
                    action.due = due;
                }
            }
            None => {
                let Some(due) = due else {
                    row.fail(Field::Due, format!("action \"{text}\" has no due date; give one in a Due / Target date column (one a line for several actions)"));
                    continue;
                };
                item.actions.push(Action {
                    id: context.allocate.next("A"),
                    text: text.clone(),
                    owner,
                    due,
                    status: ActionStatus::Open,
                    done_on: None,
                    effectiveness: None,
                });
            }
        }
    }
}
