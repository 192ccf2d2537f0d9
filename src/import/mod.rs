//! `roreg import`: a spreadsheet register (xlsx, ods, csv) read into
//! roreg's items and actions. `read` is the only part that touches files;
//! `plan` decides, purely, what the rows become and what is wrong with them.

pub mod columns;
pub mod plan;
pub mod read;
pub mod values;

pub use plan::{OnExisting, Options, Outcome, Plan, plan};
