//! The item form: a new risk or opportunity, or an item's fields edited;
//! read back into the item, with the fields changed elsewhere meanwhile kept.

use crate::domain::edit::{Record, Scope};
use crate::domain::{
    Affects, Date, Filter, Item, ItemStatus, Kind, Register, Scales, Score, Source, Treatment, ids,
};
use crate::domain::{escalation, meetings};

pub mod links;

use super::super::app::{App, Cmd, FormPurpose};
use super::super::form::{Field, Form};
use super::super::keymap::{Intent, Screen};
use super::{
    AFFECTS, CONSEQUENCE, DESCRIPTION, KIND, LIKELIHOOD, NEXT_REVIEW, OWNER, PROCESS, SOURCE,
    SOURCE_TYPE, SOURCE_TYPES, STATUS, TARGET_CONSEQUENCE, TARGET_LIKELIHOOD, TITLE, TREATMENT,
    levels, no_people, parse_optional_date, people_options, person_at, person_index, with_none,
};

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
    fields.extend(links::link_fields(register, existing));
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
    let sources = register.items.iter().map(|i| i.source.text().to_string());
    fields.push(
        Field::text(
            SOURCE,
            source_text,
            &offering("which issue or party, e.g. Supplier base", register, |i| {
                i.source.text()
            }),
        )
        .with_suggestions(sources),
    );
    let processes = register.items.iter().map(|i| i.process.clone());
    fields.push(
        Field::text(
            PROCESS,
            text_of(|i| &i.process),
            &offering("the process it belongs to", register, |i| &i.process),
        )
        .with_suggestions(processes),
    );
    let owner = existing
        .map(|i| i.owner.as_str())
        .or(owner_default)
        .unwrap_or("");
    // An owner the file names but `people` lacks stays offered, last, so
    // editing another field never reassigns the item silently.
    // Someone retired stays offered on the item they own (marked so), and
    // is offered for no new one.
    let keep = existing.map(|i| i.owner.as_str());
    let mut owners = people_options(register, keep);
    let unknown_owner = !owner.is_empty() && register.person(owner).is_none();
    if unknown_owner {
        owners.push(format!("{owner} (not in people)"));
    }
    let owner_index = if unknown_owner {
        owners.len() - 1
    } else {
        person_index(register, keep, owner)
    };
    fields.push(Field::choice(
        OWNER,
        owners,
        owner_index,
        "who answers for it; ←/→ or type a letter",
    ));
    // A new item starts unscored: a silent 1×1 would hide it as Low.
    let is_new = existing.is_none();
    let (likelihood, consequence) = existing.map_or((0, 0), |i| {
        let at = |level: u8| usize::from(level).saturating_sub(1);
        (at(i.current.likelihood), at(i.current.impact))
    });
    fields.push(Field::choice(
        LIKELIHOOD,
        score_levels(&scales.likelihood, is_new),
        likelihood,
        "how likely, 1 lowest",
    ));
    fields.push(Field::choice(
        CONSEQUENCE,
        score_levels(scales.consequence(kind), is_new),
        consequence,
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

/// A text field's hint with the register's values Ctrl-N offers, the
/// first few named.
fn offering(what: &str, register: &Register, value: impl Fn(&Item) -> &str) -> String {
    let mut seen = std::collections::HashSet::new();
    let values: Vec<&str> = register
        .items
        .iter()
        .map(value)
        .filter(|v| !v.trim().is_empty() && seen.insert(v.to_lowercase()))
        .collect();
    match values.len() {
        0 => what.to_string(),
        n => {
            let shown: Vec<&str> = values.iter().take(3).copied().collect();
            let more = if n > 3 { ", …" } else { "" };
            format!("{what}; Ctrl-N offers {}{more}", shown.join(", "))
        }
    }
}

/// The first option of a new item's score levels: nothing chosen yet.
const CHOOSE: &str = "choose";

/// The levels of a scale for the item's score, after a "choose" entry on a
/// new item's form.
fn score_levels(names: &[String], is_new: bool) -> Vec<String> {
    let mut options = levels(names);
    if is_new {
        options.insert(0, CHOOSE.to_string());
    }
    options
}

/// The level chosen in a score field, `None` while a new item's is unset;
/// the error at the field says what would be valid.
fn chosen_level(
    form: &mut Form,
    key: &'static str,
    is_new: bool,
    (axis, max): (&str, u8),
) -> Option<u8> {
    let selected = form.field(key).selected();
    if !is_new {
        return Some(selected as u8 + 1);
    }
    if selected == 0 {
        form.set_error(key, format!("not chosen; choose the {axis}, 1–{max} (←/→)"));
        return None;
    }
    Some(selected as u8)
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
    // Only a new item's form has the kind to choose.
    let is_new = form.has_field(KIND);
    form.field_mut(CONSEQUENCE)
        .set_options(score_levels(scales.consequence(kind), is_new));
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

/// What ISO 9001 asks to trace: what an item affects (5.1.2 b), where it
/// comes from (4.1 or 4.2) and its process (4.4). A new item needs all
/// three; an edit may not clear one it had (older items lacking them can
/// still be re-scored, and `check` warns of them).
fn iso_links(form: &mut Form, existing: Option<&Item>) {
    let had = |f: fn(&Item) -> bool| existing.is_none_or(f);
    if !form.field(AFFECTS).toggled().contains(&true) && had(|i| !i.affects.is_empty()) {
        form.set_error(
            AFFECTS,
            "none ticked; tick at least one: product conformity, customer satisfaction or \
             statutory/regulatory (Space)",
        );
    }
    if form.field(SOURCE).text_value().trim().is_empty()
        && had(|i| !i.source.text().trim().is_empty())
    {
        form.set_error(
            SOURCE,
            "empty; name the internal or external issue (4.1) or the interested party (4.2)",
        );
    }
    if form.field(PROCESS).text_value().trim().is_empty() && had(|i| !i.process.trim().is_empty()) {
        form.set_error(PROCESS, "empty; name the process it belongs to (4.4)");
    }
}

/// Reads the item form into an item; marks each wrong field and returns
/// `None` when anything is wrong.
pub fn read_item_form(
    form: &mut Form,
    register: &Register,
    existing: Option<&Item>,
    today: Date,
    now: crate::domain::Timestamp,
    people_key: &str,
) -> Option<Item> {
    form.clear_errors();
    let kind = form_kind(form, existing.map(|i| i.kind));
    let title = form.field(TITLE).text_value().trim().to_string();
    if title.is_empty() {
        form.set_error(TITLE, "empty; give the item a short title");
    }
    iso_links(form, existing);
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
    let keep = existing.map(|i| i.owner.as_str());
    let Some(owner) =
        person_at(register, keep, form.field(OWNER).selected()).or(kept_unknown_owner)
    else {
        form.set_error(OWNER, no_people(people_key));
        return None;
    };
    let is_new = existing.is_none();
    let scales = &register.scales;
    let likelihood_axis = ("likelihood", scales.max_likelihood());
    let likelihood = chosen_level(form, LIKELIHOOD, is_new, likelihood_axis);
    let consequence_axis = (Scales::consequence_name(kind), scales.max_consequence(kind));
    let consequence = chosen_level(form, CONSEQUENCE, is_new, consequence_axis);
    let current = Score::new(likelihood.unwrap_or(1), consequence.unwrap_or(1));
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
    let (requirements, measures) = links::read_links(form, register, existing);
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
        requirements,
        measures,
    })
}

pub fn submit_item(
    app: &mut App,
    form: &mut Form,
    purpose: &FormPurpose,
) -> Option<Result<Cmd, String>> {
    let existing = match purpose {
        FormPurpose::EditItem(id) => Some(app.register.item(id)?.clone()),
        _ => None,
    };
    // The form shows the item as it was when it opened; what changed on
    // disk since then in fields the form did not touch is kept.
    let original = existing.as_ref().map(|current| {
        app.editing_original
            .clone()
            .filter(|o| o.id == current.id)
            .unwrap_or_else(|| current.clone())
    });
    let people_key = app.key(Intent::People);
    let edited = read_item_form(
        form,
        &app.register,
        original.as_ref(),
        app.today,
        app.now,
        &people_key,
    )?;
    let item = match (&original, &existing) {
        (Some(original), Some(current)) => {
            crate::domain::merge::apply_edit(original, &edited, current)
        }
        _ => edited,
    };
    let mut item = item;
    let id = item.id.clone();
    let is_new = existing.is_none();
    let mut done = if is_new {
        format!("{id} created")
    } else {
        format!("{id} saved")
    };
    // A higher band is reviewed sooner, whatever review date the form held.
    if let Some(before) = existing.as_ref().map(|c| c.current)
        && let Some(date) = escalation::escalate(&app.register.scales, &mut item, before, app.today)
    {
        done.push_str(&format!("; review brought forward to {date}"));
    }
    // Said now rather than found later in `check`'s problems.
    if let Some(gaps) = links::affects_gaps(&app.register, &item) {
        done.push_str(&format!("; {gaps}"));
    }
    // In a meeting a new score is a review: the minutes keep before and after.
    let rescored_in_meeting = app.screen() == Screen::Meeting
        && existing.as_ref().is_some_and(|c| c.current != item.current);
    let now = app.now;
    let scope = app.in_meeting_too(Scope::item(id.as_str()), rescored_in_meeting);
    let result = app.change(&done, scope, |r| {
        if rescored_in_meeting {
            meetings::rescore(r, &id, item.current, now)?;
        }
        let mut item = item;
        item.actions
            .sort_by(|a, b| crate::domain::ids::compare(&a.id, &b.id));
        r.put(Record::Item(id.clone(), Some(item)));
        Ok(())
    });
    if result.is_ok() {
        app.editing_original = None;
    }
    if is_new && result.is_ok() {
        // Show the new item even when the filter would hide it.
        if !app
            .list
            .view
            .iter()
            .any(|&i| app.register.items[i].id == id)
        {
            app.list.filter = Filter::default();
            app.refresh();
        }
        if let Some(at) = app
            .list
            .view
            .iter()
            .position(|&i| app.register.items[i].id == id)
        {
            app.list.selected = at;
        }
    }
    Some(result)
}
