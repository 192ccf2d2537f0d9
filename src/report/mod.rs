//! The evidence pack an auditor files away: who took part in risk work, what
//! was decided on which item, the register and its actions, and where each
//! ISO 9001 clause is answered.
//!
//! [`build`] turns a register into a format-neutral [`Report`] (sections of
//! paragraphs, facts, tables and heat maps, plus flat data tables for CSV);
//! [`markdown`], [`html`] and [`csv`] render it, escaping every field for
//! their format ([`escape`]). The report holds plain strings, never markup,
//! and takes `today` as an argument: the same register and day give the same
//! bytes.

mod build;
pub mod csv;
mod data;
mod data_customers;
pub mod escape;
pub mod html;
pub mod markdown;
mod model;
pub mod rollup;
mod sections;
mod witness;
mod words;

pub use build::{Parts, build, build_parts};
pub use model::{Block, DataTable, HeatCell, HeatGrid, Report, Scope, Section, Table, TableName};

#[cfg(test)]
mod tests;
