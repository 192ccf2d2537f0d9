//! The register itself: pure data and rules. No files, no terminal, no clock.

pub mod agenda;
pub mod audit;
pub mod baseline;
pub mod customer_focus;
pub mod dates;
pub mod due;
pub mod edit;
pub mod escalation;
pub mod history;
pub mod identity;
pub mod ids;
pub mod management_review;
pub mod meetings;
pub mod merge;
pub mod model;
pub mod outside;
pub mod queries;
pub mod room;
pub mod scoring;
pub mod undo;
pub mod validation;
pub mod witness;

#[cfg(test)]
pub(crate) mod testing;

pub use dates::{Date, Timestamp};
pub use model::*;
pub use queries::{Filter, Position, SortKey};
pub use scoring::{Band, Scales};
pub use validation::{Problem, Severity, validate};
