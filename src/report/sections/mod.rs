//! One file per section of the report, each an `impl Context` building its
//! section from the register and the audit.

mod actions;
mod clauses;
pub(super) mod customer_focus;
pub(super) mod heat_maps;
mod management;
mod meetings;
mod overdue;
mod participation;
mod register;

pub(super) use customer_focus::has_customer_data;
