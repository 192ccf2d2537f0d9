//! The customer-focus data tables `--format csv` writes: customers,
//! requirements (with the items linking each), measures (with their
//! standing) and the readings taken in the period. Ids rather than names
//! where a spreadsheet would join on them; several ids space separated, as
//! the other tables have them.

use crate::domain::Target;
use crate::domain::customer_focus::{self, CustomerFocus};
use crate::report::build::Context;
use crate::report::model::Table;
use crate::report::words::yes_no;

fn space_separated<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    ids.into_iter().collect::<Vec<_>>().join(" ")
}

impl Context<'_> {
    pub(in crate::report) fn customers_data(&self) -> Table {
        let mut table = Table::new(&["customer", "name", "segment", "key_account"], "");
        for c in &self.register.customers {
            table.row(vec![
                c.id.clone(),
                c.name.clone(),
                c.segment.clone(),
                yes_no(c.key),
            ]);
        }
        table
    }

    pub(in crate::report) fn requirements_data(&self) -> Table {
        let mut table = Table::new(
            &[
                "requirement",
                "customer",
                "customer_name",
                "kind",
                "text",
                "source",
                "reference",
                "items",
                "items_not_reviewed_in_time",
            ],
            "",
        );
        let Some(focus) = &self.focus else {
            return table;
        };
        for r in &self.register.requirements {
            let items = focus.items_for_requirement(&r.id);
            let late = items.iter().filter(|i| !focus.reviewed_in_time(i));
            table.row(vec![
                r.id.clone(),
                r.customer.clone().unwrap_or_default(),
                r.customer.as_deref().map_or(String::new(), |c| {
                    self.register.customer_name(c).to_string()
                }),
                r.kind.label().to_string(),
                r.text.clone(),
                r.source.clone(),
                r.reference.clone(),
                space_separated(items.iter().map(|i| i.id.as_str())),
                space_separated(late.map(|i| i.id.as_str())),
            ]);
        }
        table
    }

    pub(in crate::report) fn measures_data(&self) -> Table {
        let mut table = Table::new(
            &[
                "measure",
                "name",
                "unit",
                "direction",
                "target",
                "customer",
                "cadence",
                "owner",
                "latest_date",
                "latest_value",
                "on_target",
                "trend",
                "unaddressed",
                "items",
            ],
            "",
        );
        let Some(focus) = &self.focus else {
            return table;
        };
        for m in &self.register.measures {
            table.row(measure_row(focus, m));
        }
        table
    }

    /// One row per reading taken in the period, oldest first per measure.
    pub(in crate::report) fn readings_data(&self) -> Table {
        let mut table = Table::new(&["measure", "date", "value", "on_target", "note"], "");
        let period = self.audit.period;
        for m in &self.register.measures {
            for r in m.readings_between(period.from, period.to) {
                table.row(vec![
                    m.id.clone(),
                    r.date.to_string(),
                    r.value.to_string(),
                    yes_no(m.target.is_met_by(r.value)),
                    r.note.clone(),
                ]);
            }
        }
        table
    }
}

fn measure_row(focus: &CustomerFocus, m: &crate::domain::Measure) -> Vec<String> {
    let standing = focus.standing(m);
    let direction = match m.target {
        Target::AtLeast(_) => "at least",
        Target::AtMost(_) => "at most",
    };
    let latest = standing.latest;
    vec![
        m.id.clone(),
        m.name.clone(),
        m.unit.clone(),
        direction.to_string(),
        m.target.value().to_string(),
        m.customer.clone().unwrap_or_default(),
        m.cadence.map_or(String::new(), |c| c.label().to_string()),
        m.owner.clone(),
        latest.map_or(String::new(), |r| r.date.to_string()),
        latest.map_or(String::new(), |r| r.value.to_string()),
        latest.map_or(String::new(), |_| yes_no(!standing.off_target)),
        customer_focus::trend(m).label().to_string(),
        yes_no(standing.unaddressed),
        space_separated(focus.items_for_measure(&m.id).iter().map(|i| i.id.as_str())),
    ]
}
