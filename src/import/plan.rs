//! From a spreadsheet's rows to the items and actions they stand for, and
//! every problem, located by cell: what `roreg import` shows in a dry run
//! and writes with `--apply`. Pure: no files, no clock.

use std::collections::{HashMap, HashSet};
use std::fmt;

use super::columns::{self, Columns, Field, HeaderMap, Layout};
use super::read::{Grid, Workbook, column_letters};
use super::values::{self, People};
use crate::domain::edit::Record;
use crate::domain::history;
use crate::domain::{
    Customer, Item, Person, Register, Requirement, Severity, Timestamp, ids, validate,
};

mod actions;
mod items;
mod links;
mod output;

pub use output::{describe_columns, failed_rows_csv};

/// What an id already in the register does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum OnExisting {
    /// A row that would change an item already there is a problem.
    #[default]
    Stop,
    /// Such rows are left out; the register keeps its item.
    Skip,
    /// Such rows change the item: the columns the sheet has, no others.
    Update,
}

#[derive(Clone, Debug)]
pub struct Options {
    pub on_existing: OnExisting,
    pub create_people: bool,
    /// Add the requirements (and customers) the Requirement and Customer
    /// columns name that the register lacks.
    pub create_requirements: bool,
    /// When the import happens: the `created` of new items the sheet gives none.
    pub now: Timestamp,
    pub map: HeaderMap,
    /// What H, M and L stand for (`--levels`).
    pub shorthand: super::values::Shorthand,
}

/// One problem: where (`Risks!D14`, `Risks row 14`) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub at: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// What importing a row does to the register.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Create,
    /// The fields that change: `title`, `A-002.due`.
    Update(Vec<String>),
    Unchanged,
    Skip,
}

/// An item as the sheet gives it, and what importing it does.
#[derive(Clone, Debug, PartialEq)]
pub struct Planned {
    pub item: Item,
    pub outcome: Outcome,
    /// `Risks row 5`: where it comes from.
    pub row: String,
}

/// A row that could not be imported: its cells, for `--errors-out`.
#[derive(Clone, Debug, PartialEq)]
pub struct FailedRow {
    pub sheet: usize,
    pub row: usize,
    pub errors: Vec<String>,
}

/// What was read of one sheet, for the report.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetRead {
    pub index: usize,
    pub layout: Layout,
    pub columns: Columns,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    pub sheets: Vec<SheetRead>,
    pub items: Vec<Planned>,
    /// People `--create-people` adds.
    pub people: Vec<Person>,
    /// Customers and requirements `--create-requirements` adds.
    pub customers: Vec<Customer>,
    pub requirements: Vec<Requirement>,
    pub problems: Vec<Problem>,
    /// Said, not wrong: mappings used, scores the sheet gets wrong, columns not imported.
    pub notes: Vec<String>,
    pub failed: Vec<FailedRow>,
    /// The text of the first sheet's title row, for a new register's organisation.
    pub title: Option<String>,
}

impl Plan {
    pub fn count(&self, wanted: fn(&Outcome) -> bool) -> usize {
        self.items.iter().filter(|p| wanted(&p.outcome)).count()
    }

    /// Whether importing changes the register at all.
    pub fn changes_anything(&self) -> bool {
        !self.people.is_empty()
            || !self.customers.is_empty()
            || !self.requirements.is_empty()
            || self
                .items
                .iter()
                .any(|p| matches!(p.outcome, Outcome::Create | Outcome::Update(_)))
    }
}

/// Hands out ids above every one in use in the register (and its history)
/// and in the sheets, so a sheet's own ids are never handed out again.
pub(crate) struct IdAllocator {
    highest: HashMap<String, u32>,
}

impl IdAllocator {
    fn new<'a>(used: impl Iterator<Item = &'a str>) -> IdAllocator {
        let mut highest: HashMap<String, u32> = HashMap::new();
        for (prefix, n) in used.filter_map(ids::parse) {
            let at = highest.entry(prefix.to_string()).or_default();
            *at = (*at).max(n);
        }
        IdAllocator { highest }
    }

    fn next(&mut self, prefix: &str) -> String {
        let at = self.highest.entry(prefix.to_string()).or_default();
        *at += 1;
        format!("{prefix}-{:03}", *at)
    }
}

/// What the rows of every sheet share while they are read.
pub(crate) struct Context<'a> {
    register: &'a Register,
    options: &'a Options,
    existing: HashMap<&'a str, &'a Item>,
    /// `(kind, lower-case title)` → id, for rows without an id; `None`
    /// when two items share it.
    by_title: HashMap<(crate::domain::Kind, String), Option<&'a str>>,
    people: People,
    taken_people: HashSet<String>,
    created_people: Vec<Person>,
    allocate: IdAllocator,
    /// The scales whose H/M/L shorthand was used, to say how once.
    shorthand: Vec<&'static str>,
    notes: Vec<String>,
    /// The sheet's refs that are no roreg ids (`R01`), and the id each item got.
    renamed: Vec<(String, String)>,
    links: links::Links,
}

impl<'a> Context<'a> {
    /// The people id a cell names, creating the person if asked to;
    /// `Err` says why not.
    fn person(&mut self, text: &str, role: &str) -> Result<String, String> {
        match self.people.find(text) {
            Ok(id) => return Ok(id),
            Err(Some(ambiguous)) => return Err(format!("{role} {ambiguous}")),
            Err(None) => {}
        }
        let text = text.trim();
        let looks_like_initials =
            text.chars().count() <= 3 && text.chars().all(|c| c.is_uppercase());
        if self.options.create_people && !looks_like_initials {
            let taken = &self.taken_people;
            let id = values::new_person_id(text, |id| taken.contains(id));
            let person = Person {
                id: id.clone(),
                name: text.to_string(),
                role: String::new(),
                top_management: false,
                login: Vec::new(),
                retired: None,
            };
            self.people.insert(&person);
            self.taken_people.insert(id.clone());
            self.created_people.push(person);
            return Ok(id);
        }
        let create = if self.options.create_people {
            "; initials alone cannot create a person: give the name"
        } else {
            ", or --create-people to add them"
        };
        Err(format!(
            "{role} \"{text}\" is not a person; expected a people id, name or initials ({}){create}",
            self.people.listed()
        ))
    }

    fn note_once(&mut self, note: String) {
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }
}

/// One row being read: its cells by field, and what is wrong with it.
pub(crate) struct Row<'g> {
    grid: &'g Grid,
    columns: &'g Columns,
    row: usize,
    errors: Vec<String>,
}

impl<'g> Row<'g> {
    /// The cell of `field`: `None` when the sheet has no such column.
    fn cell(&self, field: Field) -> Option<&'g super::read::Cell> {
        self.columns
            .get(field)
            .map(|column| self.grid.cell(self.row, column))
    }

    /// The cell of `field` when it holds something.
    fn given(&self, field: Field) -> Option<&'g super::read::Cell> {
        self.cell(field).filter(|c| !c.is_empty())
    }

    /// Its text, trimmed, when it holds something.
    fn text(&self, field: Field) -> Option<String> {
        self.given(field).map(|c| c.shown().trim().to_string())
    }

    fn has(&self, field: Field) -> bool {
        self.columns.has(field)
    }

    /// `Risks!D14`, or `Risks row 14` for a field the sheet has no column for.
    fn at(&self, field: Field) -> String {
        match self.columns.get(field) {
            Some(column) => self.grid.address(self.row, column),
            None => self.whole(),
        }
    }

    fn whole(&self) -> String {
        format!("{} row {}", self.grid.sheet, self.row + 1)
    }

    fn fail(&mut self, field: Field, message: impl Into<String>) {
        let message = message.into();
        self.errors.push(format!("{}: {message}", self.at(field)));
    }

    /// Reads a cell with `read`, noting its refusal.
    fn read<T>(
        &mut self,
        field: Field,
        read: impl FnOnce(&super::read::Cell) -> Result<T, String>,
    ) -> Option<T> {
        let cell = self.given(field)?;
        match read(cell) {
            Ok(value) => Some(value),
            Err(why) => {
                self.fail(field, why);
                None
            }
        }
    }

    /// A row holding one cell of text that is no id (a key or a remark
    /// under the table): what it says, else `None`.
    fn note(&self) -> Option<String> {
        let cells = self.grid.rows.get(self.row)?;
        let mut filled = cells.iter().filter(|c| !c.is_empty());
        let only = filled.next()?;
        let text = only.shown();
        // An id is one word; a remark in the id column is a sentence.
        let id_like = self
            .columns
            .get(Field::Id)
            .is_some_and(|c| !self.grid.cell(self.row, c).is_empty())
            && !text.trim().contains(char::is_whitespace);
        (filled.next().is_none() && !id_like && matches!(only, super::read::Cell::Text(_)))
            .then_some(text)
    }

    fn is_blank(&self) -> bool {
        self.grid
            .rows
            .get(self.row)
            .is_none_or(|cells| cells.iter().all(|c| c.is_empty()))
    }
}

/// Which layout a sheet has: the Actions sheet of an export by its name
/// and an Item column; every other sheet one row per item.
fn layout_of(grid: &Grid, map: &HeaderMap) -> Option<(Layout, Columns)> {
    if grid.sheet.trim().eq_ignore_ascii_case("actions")
        && let Some(found) = columns::find(grid, Layout::Actions, map)
        && found.has(Field::Item)
    {
        return Some((Layout::Actions, found));
    }
    columns::find(grid, Layout::Items, map).map(|c| (Layout::Items, c))
}

/// Sheets that only an export writes and no sheet can create from.
const EXPORT_ONLY: [&str; 8] = [
    "reviews",
    "meetings",
    "attendance",
    "people",
    "customers",
    "requirements",
    "measures",
    "readings",
];

/// Reads every sheet into a plan against `register`.
pub fn plan(workbook: &Workbook, register: &Register, options: &Options) -> Plan {
    let mut found = Plan::default();
    let sheet_ids = workbook
        .sheets
        .iter()
        .flat_map(|g| g.rows.iter().flatten())
        .map(|c| c.shown());
    let sheet_ids: Vec<String> = sheet_ids
        .filter(|t| ids::parse(t.trim()).is_some())
        .collect();
    let mut by_title: HashMap<_, Option<&str>> = HashMap::new();
    for item in &register.items {
        by_title
            .entry((item.kind, item.title.trim().to_lowercase()))
            .and_modify(|id| *id = None)
            .or_insert(Some(item.id.as_str()));
    }
    let mut context = Context {
        register,
        options,
        existing: register.items.iter().map(|i| (i.id.as_str(), i)).collect(),
        by_title,
        people: People::new(&register.people),
        taken_people: register.people.iter().map(|p| p.id.clone()).collect(),
        created_people: Vec::new(),
        allocate: IdAllocator::new(
            register
                .ids_ever_used()
                .chain(sheet_ids.iter().map(|s| s.trim())),
        ),
        shorthand: Vec::new(),
        notes: Vec::new(),
        renamed: Vec::new(),
        links: links::Links::new(register),
    };
    let mut planned: Vec<Planned> = Vec::new();
    let mut planned_at: HashMap<String, usize> = HashMap::new();
    let mut sheets: Vec<(usize, Layout, Columns)> = Vec::new();
    for (index, grid) in workbook.sheets.iter().enumerate() {
        let name = grid.sheet.trim().to_lowercase();
        if workbook.sheets.len() > 1 && EXPORT_ONLY.contains(&name.as_str()) {
            continue;
        }
        match layout_of(grid, &options.map) {
            Some((layout, columns)) => sheets.push((index, layout, columns)),
            // A workbook's other sheets (notes, lists) are no error.
            None if workbook.sheets.len() > 1 => {}
            None => found.problems.push(Problem {
                at: grid.sheet.clone(),
                message: "no header row found in the first 30 rows: roreg looks for a row naming at least two columns it knows (ID, Title, Owner, Likelihood, Impact, …); name yours with --map MAP.ron".into(),
            }),
        }
    }
    // Items first, so the Actions sheet finds the items it belongs to.
    sheets.sort_by_key(|(_, layout, _)| *layout == Layout::Actions);
    for (index, layout, columns) in &sheets {
        let grid = &workbook.sheets[*index];
        if found.title.is_none() {
            found.title = columns.title.clone();
        }
        for row in columns.header_row + 1..grid.rows.len() {
            let mut reading = Row {
                grid,
                columns,
                row,
                errors: Vec::new(),
            };
            if reading.is_blank() {
                continue;
            }
            if let Some(text) = reading.note() {
                found.notes.push(format!(
                    "{} row {}: one cell of text and no id, read as a note, not an item: \"{}\"",
                    grid.sheet,
                    row + 1,
                    crate::text::one_line(&text)
                        .chars()
                        .take(60)
                        .collect::<String>()
                ));
                continue;
            }
            match layout {
                Layout::Items => {
                    if let Some(item) = items::item(&mut context, &mut reading) {
                        if let Some(first) = planned_at.get(&item.id) {
                            let first = planned[*first].row.clone();
                            reading.fail(
                                Field::Id,
                                format!(
                                    "id \"{}\" is also in {first}; each row needs its own id",
                                    item.id
                                ),
                            );
                        } else {
                            planned_at.insert(item.id.clone(), planned.len());
                            planned.push(Planned {
                                item,
                                outcome: Outcome::Create,
                                row: reading.whole(),
                            });
                        }
                    }
                }
                Layout::Actions => {
                    actions::action(&mut context, &mut reading, &mut planned, &mut planned_at)
                }
            }
            if !reading.errors.is_empty() {
                // One cell naming two owners is one problem, however many
                // actions the cell holds.
                let mut said = std::collections::HashSet::new();
                reading.errors.retain(|e| said.insert(e.clone()));
                found.failed.push(FailedRow {
                    sheet: *index,
                    row,
                    errors: reading.errors.clone(),
                });
                found.problems.extend(reading.errors.into_iter().map(|e| {
                    let (at, message) = e.split_once(": ").unwrap_or(("", &e));
                    Problem {
                        at: at.to_string(),
                        message: message.to_string(),
                    }
                }));
            }
        }
    }
    for planned_item in &mut planned {
        planned_item.outcome = outcome(&context, planned_item, options.on_existing);
        if let Outcome::Update(fields) = &planned_item.outcome
            && options.on_existing == OnExisting::Stop
        {
            found.problems.push(Problem {
                at: planned_item.row.clone(),
                message: format!(
                    "{} is already in the register and the sheet changes its {}; --on-existing update changes it, --on-existing skip leaves it",
                    planned_item.item.id,
                    fields.join(", ")
                ),
            });
        }
    }
    found.sheets = sheets
        .into_iter()
        .map(|(index, layout, columns)| SheetRead {
            index,
            layout,
            columns,
        })
        .collect();
    found.items = planned;
    found.people = context.created_people;
    found.customers = std::mem::take(&mut context.links.created_customers);
    found.requirements = std::mem::take(&mut context.links.created_requirements);
    if !context.renamed.is_empty() {
        let each: Vec<String> = context
            .renamed
            .iter()
            .map(|(from, to)| format!("{from} → {to}"))
            .collect();
        context.notes.push(format!(
            "refs that are no roreg ids get the next free ones (a re-import finds them by kind and title): {}",
            each.join(", ")
        ));
    }
    found.notes = context.notes;
    found
}

/// What importing the planned item does, by how it differs from the register's.
fn outcome(context: &Context, planned: &Planned, on_existing: OnExisting) -> Outcome {
    let Some(old) = context.existing.get(planned.item.id.as_str()) else {
        return Outcome::Create;
    };
    if **old == planned.item {
        return Outcome::Unchanged;
    }
    if on_existing == OnExisting::Skip {
        return Outcome::Skip;
    }
    let id = &planned.item.id;
    let changes = history::record_changes(
        &Record::Item(id.clone(), Some((*old).clone())),
        &Record::Item(id.clone(), Some(planned.item.clone())),
    );
    let mut fields: Vec<String> = Vec::new();
    for change in changes {
        let field = match change.record.split_once('/') {
            Some((_, action)) => format!("{action}.{}", change.field),
            None => change.field,
        };
        if !fields.contains(&field) {
            fields.push(field);
        }
    }
    Outcome::Update(fields)
}

/// The register with the plan's people and items in it, in the file's order.
pub fn applied(register: &Register, plan: &Plan) -> Register {
    let mut after = register.clone();
    after.people.extend(plan.people.iter().cloned());
    after.customers.extend(plan.customers.iter().cloned());
    after.requirements.extend(plan.requirements.iter().cloned());
    let mut replaced: HashMap<&str, &Item> = HashMap::new();
    for planned in &plan.items {
        match planned.outcome {
            Outcome::Create => after.items.push(planned.item.clone()),
            Outcome::Update(_) => {
                replaced.insert(planned.item.id.as_str(), &planned.item);
            }
            Outcome::Unchanged | Outcome::Skip => {}
        }
    }
    for item in &mut after.items {
        if let Some(new) = replaced.get(item.id.as_str()) {
            *item = (*new).clone();
        }
    }
    after.normalise();
    after
}

/// The errors the import would bring into the register that it does not
/// have already, from the register's own validation.
pub fn new_errors(before: &Register, after: &Register) -> Vec<crate::domain::Problem> {
    let known: HashSet<String> = validate(before)
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.to_string())
        .collect();
    validate(after)
        .into_iter()
        .filter(|p| p.severity == Severity::Error && !known.contains(&p.to_string()))
        .collect()
}

#[cfg(test)]
mod tests;
