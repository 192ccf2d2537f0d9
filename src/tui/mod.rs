//! The full-screen interface.

pub mod app;
pub mod banner;
pub mod change;
pub mod derived;
pub mod form;
pub mod form_view;
pub mod forms;
pub mod identity;
pub mod keymap;
mod list_view;
pub mod popups;
mod protect;
pub mod run;
mod saving;
pub mod screens;
pub mod sharing;
mod state;
pub mod undo;
pub mod update;
pub mod view;
pub mod widgets;
