//! roreg: a keyboard-driven register of risks and opportunities (ISO 9001 6.1).

pub mod cli;
pub mod config;
pub mod domain;
pub mod export;
pub mod import;
pub mod report;
pub mod storage;
pub mod text;
pub mod theme;
pub mod tui;
