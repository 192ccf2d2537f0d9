//! Text from the file made safe and tidy for a terminal: control characters
//! shown as visible symbols, widths measured in columns, not chars.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Replaces control characters (escape sequences included) with visible
/// placeholders so text from the file can never drive the terminal. Line
/// breaks and tabs become `⏎` and a space, for one-line places.
pub fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' => '⏎',
            '\t' => ' ',
            c => visible(c),
        })
        .collect()
}

/// As [`one_line`] but keeps line breaks, for multi-line places.
pub fn multi_line(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' => '\n',
            '\t' => ' ',
            c => visible(c),
        })
        .collect()
}

fn visible(c: char) -> char {
    match c {
        // C0 controls map onto the Unicode "control pictures" block (␀..␟).
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('�'),
        '\u{7f}' => '␡',
        '\u{80}'..='\u{9f}' => '�',
        // Bidirectional overrides could reorder what the reader sees.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => '�',
        c => c,
    }
}

/// Display width in terminal columns.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Cuts `text` to at most `max` columns, ending in `…` when cut. Never
/// splits a wide character.
pub fn truncate(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `text` cut or padded with spaces to exactly `columns` columns.
pub fn fit(text: &str, columns: usize) -> String {
    let mut out = truncate(text, columns);
    let pad = columns.saturating_sub(width(&out));
    out.extend(std::iter::repeat_n(' ', pad));
    out
}

/// `1 item`, `2 items`: the count with the word that agrees with it.
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(one_line("red\x1b[31m\x07"), "red␛[31m␇");
        assert_eq!(one_line("two\nlines\ttab"), "two⏎lines tab");
        assert_eq!(multi_line("two\nlines\r"), "two\nlines␍");
        assert_eq!(one_line("\u{202e}abc"), "�abc");
    }

    #[test]
    fn truncation_counts_columns_not_chars() {
        assert_eq!(truncate("日本語のテキスト", 7), "日本語…");
        assert_eq!(width(&truncate("日本語のテキスト", 7)), 7);
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(fit("日本", 6), "日本  ");
        assert_eq!(fit("abcdef", 4), "abc…");
    }

    #[test]
    fn plural_agrees_with_its_count() {
        assert_eq!(plural(0, "item", "items"), "0 items");
        assert_eq!(plural(1, "meeting was", "meetings were"), "1 meeting was");
        assert_eq!(plural(2, "item", "items"), "2 items");
    }
}
