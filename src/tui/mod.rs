//! The full-screen interface.

pub mod app;
pub mod audit;
pub mod change;
pub mod derived;
pub mod form;
pub mod forms;
pub mod identity;
pub mod keymap;
pub mod meeting;
mod protect;
pub mod run;
pub mod undo;
pub mod update;
pub mod view;
