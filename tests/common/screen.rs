//! A drawn buffer read as a person reads the screen.
#![allow(dead_code)]

use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

/// One row as it reads on screen: the cells hidden behind a wide character
/// are skipped, as a terminal would, and trailing blanks trimmed.
pub fn row(buffer: &Buffer, y: u16) -> String {
    let mut line = String::new();
    let mut hidden = 0;
    for x in 0..buffer.area.width {
        let symbol = buffer[(x, y)].symbol();
        if hidden == 0 {
            line.push_str(symbol);
        }
        hidden = symbol.width().max(hidden).saturating_sub(1);
    }
    line.trim_end().to_string()
}

/// The whole buffer, a row a line.
pub fn text(buffer: &Buffer) -> String {
    (0..buffer.area.height)
        .map(|y| row(buffer, y))
        .collect::<Vec<_>>()
        .join("\n")
}
