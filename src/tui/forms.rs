//! The register's forms: item, action, effectiveness check and filter. Each
//! is built from the register and read back into a change, with every
//! mistake reported at its field together with what would be valid.

use crate::domain::{
    Action, ActionStatus, Affects, Date, Effectiveness, Filter, Item, ItemStatus, Kind, Register,
    Scales, Score, Source, Treatment, Verdict, ids,
};

use super::form::{Field, Form};

const KIND: &str = "Kind";
const TITLE: &str = "Title";
const DESCRIPTION: &str = "Description";
const AFFECTS: &str = "Affects";
const SOURCE_TYPE: &str = "Source type";
const SOURCE: &str = "Source";
const PROCESS: &str = "Process";
const OWNER: &str = "Owner";
const LIKELIHOOD: &str = "Likelihood";
const CONSEQUENCE: &str = "Impact";
const TARGET_LIKELIHOOD: &str = "Target likelihood";
const TARGET_CONSEQUENCE: &str = "Target impact";
const TREATMENT: &str = "Treatment";
const STATUS: &str = "Status";
const NEXT_REVIEW: &str = "Next review";
const TEXT: &str = "Action";
const DUE: &str = "Due";
const VERDICT: &str = "Verdict";
const NOTE: &str = "Note";
const CHECKED_BY: &str = "Checked by";
const BAND: &str = "Band";
const OVERDUE: &str = "Overdue";

const SOURCE_TYPES: [&str; 3] = ["Internal", "External", "Interested party"];
const NONE: &str = "none";

fn levels(names: &[String]) -> Vec<String> {
    names
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{} {n}", i + 1))
        .collect()
}

fn with_none(mut options: Vec<String>) -> Vec<String> {
    options.insert(0, NONE.to_string());
    options
}

fn people_options(register: &Register) -> Vec<String> {
    register
        .people
        .iter()
        .map(|p| format!("{} ({})", p.id, p.name))
        .collect()
}

fn person_index(register: &Register, id: &str) -> usize {
    register.people.iter().position(|p| p.id == id).unwrap_or(0)
}

fn person_at(register: &Register, index: usize) -> Option<String> {
    register.people.get(index).map(|p| p.id.clone())
}

/// The item form, empty for a new item or filled from `existing`.
pub fn item_form(
    register: &Register,
    existing: Option<&Item>,
    owner_default: Option<&str>,
) -> Form {
    let scales = &register.scales;
    let kind = existing.map_or(Kind::Risk, |i| i.kind);
    let mut fields = Vec::new();
    if existing.is_none() {
        fields.push(Field::choice(
            KIND,
            vec!["Risk".into(), "Opportunity".into()],
            0,
            "Risk or Opportunity; ←/→ to change",
        ));
    }
    let text_of = |f: fn(&Item) -> &str| existing.map_or("", f);
    fields.push(Field::text(
        TITLE,
        text_of(|i| &i.title),
        "a short title that says what could happen",
    ));
    fields.push(Field::multiline(
        DESCRIPTION,
        text_of(|i| &i.description),
        "cause, event, consequence; Enter for a new line",
    ));
    fields.push(Field::toggles(
        AFFECTS,
        Affects::ALL.iter().map(|a| a.label().to_string()).collect(),
        Affects::ALL
            .iter()
            .map(|a| existing.is_some_and(|i| i.affects.contains(a)))
            .collect(),
        "←/→ to move, Space to tick",
    ));
    let (source_type, source_text) = match existing.map(|i| &i.source) {
        Some(Source::Internal(s)) => (0, s.as_str()),
        Some(Source::External(s)) => (1, s.as_str()),
        Some(Source::InterestedParty(s)) => (2, s.as_str()),
        None => (0, ""),
    };
    fields.push(Field::choice(
        SOURCE_TYPE,
        SOURCE_TYPES.iter().map(|s| s.to_string()).collect(),
        source_type,
        "context issue (4.1) or interested party (4.2)",
    ));
    fields.push(Field::text(
        SOURCE,
        source_text,
        "where it comes from, e.g. Supplier base (4.1)",
    ));
    fields.push(Field::text(
        PROCESS,
        text_of(|i| &i.process),
        "the process it belongs to",
    ));
    let owner = existing
        .map(|i| i.owner.as_str())
        .or(owner_default)
        .unwrap_or("");
    // An owner the file names but `people` lacks stays offered, last, so
    // editing another field never reassigns the item silently.
    let mut owners = people_options(register);
    let unknown_owner = !owner.is_empty() && register.person(owner).is_none();
    if unknown_owner {
        owners.push(format!("{owner} (not in people)"));
    }
    let owner_index = if unknown_owner {
        owners.len() - 1
    } else {
        person_index(register, owner)
    };
    fields.push(Field::choice(
        OWNER,
        owners,
        owner_index,
        "who answers for it; ←/→ or type a letter",
    ));
    let current = existing.map_or(Score::new(1, 1), |i| i.current);
    fields.push(Field::choice(
        LIKELIHOOD,
        levels(&scales.likelihood),
        usize::from(current.likelihood).saturating_sub(1),
        "how likely, 1 lowest",
    ));
    fields.push(Field::choice(
        CONSEQUENCE,
        levels(scales.consequence(kind)),
        usize::from(current.impact).saturating_sub(1),
        "how much it matters, 1 lowest",
    ));
    let target = existing.and_then(|i| i.target);
    fields.push(Field::choice(
        TARGET_LIKELIHOOD,
        with_none(levels(&scales.likelihood)),
        target.map_or(0, |t| usize::from(t.likelihood)),
        "where treatment should bring it; none for no target",
    ));
    fields.push(Field::choice(
        TARGET_CONSEQUENCE,
        with_none(levels(scales.consequence(kind))),
        target.map_or(0, |t| usize::from(t.impact)),
        "give both target levels or neither",
    ));
    let treatments: Vec<String> = kind
        .treatments()
        .iter()
        .map(|t| t.label().to_string())
        .collect();
    let treatment = existing.map_or(0, |i| {
        kind.treatments()
            .iter()
            .position(|t| *t == i.treatment)
            .unwrap_or(0)
    });
    fields.push(Field::choice(
        TREATMENT,
        treatments,
        treatment,
        "how it is addressed",
    ));
    let status = existing.map_or(0, |i| {
        ItemStatus::ALL
            .iter()
            .position(|s| *s == i.status)
            .unwrap_or(0)
    });
    fields.push(Field::choice(
        STATUS,
        ItemStatus::ALL
            .iter()
            .map(|s| s.label().to_string())
            .collect(),
        status,
        "",
    ));
    let review = existing
        .and_then(|i| i.next_review)
        .map(|d| d.to_string())
        .unwrap_or_default();
    fields.push(Field::text(
        NEXT_REVIEW,
        &review,
        "YYYY-MM-DD; empty: set from the band's review interval",
    ));
    let title = match existing {
        Some(item) => format!("Edit {}", item.id),
        None => "New risk or opportunity".to_string(),
    };
    let mut form = Form::new(title, fields, "save");
    sync_item_form(&mut form, scales, kind);
    form
}

/// The kind of the item a form describes (fixed when editing).
pub fn form_kind(form: &Form, editing: Option<Kind>) -> Kind {
    match editing {
        Some(kind) => kind,
        None if form.field(KIND).selected() == 1 => Kind::Opportunity,
        None => Kind::Risk,
    }
}

/// Keeps the fields that depend on the kind in step with it: the name and
/// levels of the second axis, and the treatments on offer.
pub fn sync_item_form(form: &mut Form, scales: &Scales, kind: Kind) {
    let axis = match kind {
        Kind::Risk => "Impact",
        Kind::Opportunity => "Benefit",
    };
    form.field_mut(CONSEQUENCE).label = axis.to_string();
    form.field_mut(CONSEQUENCE)
        .set_options(levels(scales.consequence(kind)));
    form.field_mut(TARGET_CONSEQUENCE).label = format!("Target {}", axis.to_lowercase());
    form.field_mut(TARGET_CONSEQUENCE)
        .set_options(with_none(levels(scales.consequence(kind))));
    form.field_mut(TREATMENT).set_options(
        kind.treatments()
            .iter()
            .map(|t| t.label().to_string())
            .collect(),
    );
}

fn parse_optional_date(form: &mut Form, key: &'static str) -> Result<Option<Date>, ()> {
    let text = form.field(key).text_value();
    if text.trim().is_empty() {
        return Ok(None);
    }
    Date::parse(&text)
        .map(Some)
        .map_err(|e| form.set_error(key, e))
}

/// Reads the item form into an item; marks each wrong field and returns
/// `None` when anything is wrong.
pub fn read_item_form(
    form: &mut Form,
    register: &Register,
    existing: Option<&Item>,
    today: Date,
    now: crate::domain::Timestamp,
) -> Option<Item> {
    form.clear_errors();
    let kind = form_kind(form, existing.map(|i| i.kind));
    let title = form.field(TITLE).text_value().trim().to_string();
    if title.is_empty() {
        form.set_error(TITLE, "empty; give the item a short title");
    }
    let source_text = form.field(SOURCE).text_value().trim().to_string();
    let source = match form.field(SOURCE_TYPE).selected() {
        0 => Source::Internal(source_text),
        1 => Source::External(source_text),
        _ => Source::InterestedParty(source_text),
    };
    let ticked: Vec<Affects> = Affects::ALL
        .iter()
        .zip(form.field(AFFECTS).toggled())
        .filter(|(_, on)| *on)
        .map(|(a, _)| *a)
        .collect();
    // Keep the order the file had, so an untouched form changes nothing.
    let mut affects: Vec<Affects> = existing
        .map(|i| {
            i.affects
                .iter()
                .copied()
                .filter(|a| ticked.contains(a))
                .collect()
        })
        .unwrap_or_default();
    affects.extend(
        ticked
            .iter()
            .filter(|a| !affects.contains(a))
            .collect::<Vec<_>>(),
    );
    let kept_unknown_owner = existing
        .map(|i| i.owner.clone())
        .filter(|o| register.person(o).is_none());
    let Some(owner) = person_at(register, form.field(OWNER).selected()).or(kept_unknown_owner)
    else {
        form.set_error(
            OWNER,
            "the register has no people yet; add them to `people` in the file first",
        );
        return None;
    };
    let level = |form: &Form, key| form.field(key).selected() as u8 + 1;
    let current = Score::new(level(form, LIKELIHOOD), level(form, CONSEQUENCE));
    let target = match (
        form.field(TARGET_LIKELIHOOD).selected(),
        form.field(TARGET_CONSEQUENCE).selected(),
    ) {
        (0, 0) => None,
        (0, _) | (_, 0) => {
            form.set_error(
                TARGET_LIKELIHOOD,
                "give both target levels, or none for both",
            );
            None
        }
        (l, i) => Some(Score::new(l as u8, i as u8)),
    };
    let treatment = kind
        .treatments()
        .get(form.field(TREATMENT).selected())
        .copied()
        .unwrap_or(Treatment::Undecided);
    let status = ItemStatus::ALL[form.field(STATUS).selected().min(ItemStatus::ALL.len() - 1)];
    let review = parse_optional_date(form, NEXT_REVIEW).ok()?;
    if form.has_errors() {
        return None;
    }
    // An empty review date is set from the band, except for closed items.
    let next_review = review.or_else(|| {
        (status != ItemStatus::Closed)
            .then(|| register.scales.review_days_for(current.value()))
            .flatten()
            .map(|days| today.add_days(i64::from(days)))
    });
    let id = match existing {
        Some(item) => item.id.clone(),
        None => ids::next(kind.id_prefix(), register.ids_ever_used()),
    };
    Some(Item {
        id,
        kind,
        title,
        description: form.field(DESCRIPTION).text_value().trim_end().to_string(),
        affects,
        source,
        process: form.field(PROCESS).text_value().trim().to_string(),
        owner,
        current,
        target,
        treatment,
        status,
        next_review,
        actions: existing.map(|i| i.actions.clone()).unwrap_or_default(),
        created: existing.map_or(now, |i| i.created),
    })
}

const ACTION_STATUSES: [ActionStatus; 4] = [
    ActionStatus::Open,
    ActionStatus::InProgress,
    ActionStatus::Done,
    ActionStatus::Cancelled,
];

pub fn action_form(
    register: &Register,
    item: &Item,
    existing: Option<&Action>,
    today: Date,
) -> Form {
    let due = existing.map_or(today.add_days(30), |a| a.due).to_string();
    let owner = existing.map_or(item.owner.as_str(), |a| a.owner.as_str());
    let status = existing.map_or(0, |a| {
        ACTION_STATUSES
            .iter()
            .position(|s| *s == a.status)
            .unwrap_or(0)
    });
    let fields = vec![
        Field::text(
            TEXT,
            existing.map_or("", |a| a.text.as_str()),
            "what is to be done",
        ),
        Field::choice(
            OWNER,
            people_options(register),
            person_index(register, owner),
            "who does it",
        ),
        Field::text(DUE, &due, "YYYY-MM-DD"),
        Field::choice(
            STATUS,
            ACTION_STATUSES
                .iter()
                .map(|s| s.label().to_string())
                .collect(),
            status,
            "Done asks for the effectiveness check",
        ),
    ];
    let title = match existing {
        Some(a) => format!("Edit {} on {}", a.id, item.id),
        None => format!("New action on {}", item.id),
    };
    Form::new(title, fields, "save")
}

pub fn read_action_form(
    form: &mut Form,
    register: &Register,
    existing: Option<&Action>,
    today: Date,
) -> Option<Action> {
    form.clear_errors();
    let text = form.field(TEXT).text_value().trim().to_string();
    if text.is_empty() {
        form.set_error(TEXT, "empty; say what is to be done");
    }
    let due = match Date::parse(&form.field(DUE).text_value()) {
        Ok(d) => Some(d),
        Err(e) => {
            form.set_error(DUE, e);
            None
        }
    };
    let owner = person_at(register, form.field(OWNER).selected());
    if owner.is_none() {
        form.set_error(
            OWNER,
            "the register has no people yet; add them to `people` in the file first",
        );
    }
    let (Some(due), Some(owner), false) = (due, owner, form.has_errors()) else {
        return None;
    };
    let status = ACTION_STATUSES[form.field(STATUS).selected().min(3)];
    let done_on = match status {
        ActionStatus::Done => existing.and_then(|a| a.done_on).or(Some(today)),
        _ => None,
    };
    let id = match existing {
        Some(a) => a.id.clone(),
        None => next_action_id(register),
    };
    Some(Action {
        id,
        text,
        owner,
        due,
        status,
        done_on,
        // Reopening an action withdraws its effectiveness check: it no longer holds.
        effectiveness: existing
            .and_then(|a| a.effectiveness.clone())
            .filter(|_| status == ActionStatus::Done),
    })
}

fn next_action_id(register: &Register) -> String {
    ids::next("A", register.ids_ever_used())
}

const VERDICTS: [Verdict; 3] = [Verdict::Effective, Verdict::Partly, Verdict::NotEffective];

pub fn effectiveness_form(
    register: &Register,
    item: &Item,
    action: &Action,
    checker: &str,
) -> Form {
    let fields = vec![
        Field::choice(
            VERDICT,
            VERDICTS.iter().map(|v| v.label().to_string()).collect(),
            0,
            "did the action work? (ISO 9001 6.1.2)",
        ),
        Field::multiline(
            NOTE,
            "",
            "the evidence: what was checked, and what it showed",
        ),
        Field::choice(
            CHECKED_BY,
            people_options(register),
            person_index(register, checker),
            "who checked",
        ),
    ];
    let title = format!(
        "Effectiveness of {} on {} (Esc: check later)",
        action.id, item.id
    );
    Form::new(title, fields, "record")
}

pub fn read_effectiveness_form(
    form: &mut Form,
    register: &Register,
    today: Date,
) -> Option<Effectiveness> {
    form.clear_errors();
    let note = form.field(NOTE).text_value().trim().to_string();
    if note.is_empty() {
        form.set_error(
            NOTE,
            "empty; note the evidence, e.g. \"no repeat in 3 months of audits\"",
        );
    }
    let checked_by = person_at(register, form.field(CHECKED_BY).selected());
    if form.has_errors() {
        return None;
    }
    Some(Effectiveness {
        verdict: VERDICTS[form.field(VERDICT).selected().min(2)],
        note,
        checked_on: today,
        checked_by: checked_by?,
    })
}

/// The filter as a form of pickers, applied as it changes.
pub fn filter_form(register: &Register, filter: &Filter) -> Form {
    let all = |mut v: Vec<String>| {
        v.insert(0, "all".to_string());
        v
    };
    let pick = |options: &[String], value: Option<&str>| {
        value
            .and_then(|v| options.iter().position(|o| o.eq_ignore_ascii_case(v)))
            .map_or(0, |i| i + 1)
    };
    let kinds = vec!["Risk".to_string(), "Opportunity".to_string()];
    let bands: Vec<String> = register
        .scales
        .bands
        .iter()
        .map(|b| b.name.clone())
        .collect();
    let statuses: Vec<String> = ItemStatus::ALL
        .iter()
        .map(|s| s.label().to_string())
        .collect();
    let owners: Vec<String> = register.people.iter().map(|p| p.id.clone()).collect();
    let affects: Vec<String> = Affects::ALL.iter().map(|a| a.label().to_string()).collect();
    let fields = vec![
        Field::choice(
            KIND,
            all(kinds.clone()),
            pick(&kinds, filter.kind.map(|k| k.label())),
            "",
        ),
        Field::choice(
            BAND,
            all(bands.clone()),
            pick(&bands, filter.band.as_deref()),
            "",
        ),
        Field::choice(
            STATUS,
            all(statuses.clone()),
            pick(&statuses, filter.status.map(|s| s.label())),
            "",
        ),
        Field::choice(
            OWNER,
            all(owners.clone()),
            pick(&owners, filter.owner.as_deref()),
            "type a letter to jump",
        ),
        Field::choice(
            AFFECTS,
            all(affects.clone()),
            pick(&affects, filter.affects.map(|a| a.label())),
            "",
        ),
        Field::choice(
            OVERDUE,
            vec!["all".into(), "overdue review or action".into()],
            usize::from(filter.overdue),
            "",
        ),
    ];
    let mut form = Form::new("Filter", fields, "close");
    form.live = true;
    form
}

/// The filter a filter form describes; the search text and cell are kept.
pub fn read_filter_form(form: &Form, register: &Register, previous: &Filter) -> Filter {
    let chosen = |key| form.field(key).selected().checked_sub(1);
    Filter {
        kind: chosen(KIND).map(|i| {
            if i == 0 {
                Kind::Risk
            } else {
                Kind::Opportunity
            }
        }),
        band: chosen(BAND)
            .and_then(|i| register.scales.bands.get(i))
            .map(|b| b.name.clone()),
        status: chosen(STATUS).map(|i| ItemStatus::ALL[i]),
        owner: chosen(OWNER)
            .and_then(|i| register.people.get(i))
            .map(|p| p.id.clone()),
        affects: chosen(AFFECTS).map(|i| Affects::ALL[i]),
        overdue: form.field(OVERDUE).selected() == 1,
        text: previous.text.clone(),
        cell: previous.cell,
    }
}
