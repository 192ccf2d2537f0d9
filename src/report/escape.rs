//! Text from the register made inert for each output format.
//!
//! Every string from the file is shown, never interpreted: no HTML tag, no
//! Markdown formatting, no spreadsheet formula and no terminal escape sequence
//! can come out of a title, a decision or a note. Control characters (ESC
//! included) become visible symbols (`␛`) first, as on screen, so a report
//! printed to a terminal cannot drive it either.

use crate::text;

/// Control characters made visible, line breaks kept (a Windows `\r\n`
/// counts as one break rather than showing a stray `␍`).
fn visible_lines(raw: &str) -> String {
    text::multi_line(&raw.replace("\r\n", "\n"))
}

/// Text for HTML element content or a quoted attribute value: the five
/// characters with a meaning in HTML become entities. Line breaks are kept;
/// the stylesheet shows them (`white-space: pre-line`).
pub fn escape_html(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    push_html(&mut out, raw);
    out
}

/// As [`escape_html`], appended to `out`: a renderer writes each of a large
/// register's cells this way without a string of its own.
pub fn push_html(out: &mut String, raw: &str) {
    // Most fields are printable ASCII with nothing to escape: they come out as they are.
    let unchanged = raw.bytes().all(|b| {
        matches!(b, b' '..=b'~' | b'\n') && !matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'')
    });
    if unchanged {
        out.push_str(raw);
        return;
    }
    for c in visible_lines(raw).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Text for one cell of a GitHub-flavoured Markdown table, or for inline
/// text such as a heading: one line (breaks become spaces, since not every
/// git host renders `<br>` in a table), trimmed (the renderer trims cells
/// anyway, and leading spaces or two trailing ones mean something in a
/// paragraph), and every character that could start formatting, a link, an
/// HTML tag, an entity, maths or a column break backslash-escaped.
///
/// Dots, hyphens and brackets in the middle of text are left alone: they
/// only format at the start of a line, which [`escape_markdown_text`] covers,
/// and dates and ids stay readable in the raw file. Bare URLs may still be
/// shown as links by hosts that autolink; that changes no text.
pub fn escape_markdown_cell(raw: &str) -> String {
    if markdown_cell_unchanged(raw) {
        return raw.to_string();
    }
    let one_line: String = visible_lines(raw)
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let trimmed = one_line.trim();
    let mut out = String::with_capacity(trimmed.len());
    let mut chars = trimmed.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '$' | '#' => {
                out.push('\\');
                out.push(c);
            }
            // `&amp;` or `&#60;` would render as the character it names.
            '&' if chars
                .peek()
                .is_some_and(|next| next.is_ascii_alphanumeric() || *next == '#') =>
            {
                out.push_str("\\&");
            }
            c => out.push(c),
        }
    }
    out
}

/// As [`escape_markdown_cell`], appended to `out`.
pub fn push_markdown_cell(out: &mut String, raw: &str) {
    if markdown_cell_unchanged(raw) {
        out.push_str(raw);
    } else {
        out.push_str(&escape_markdown_cell(raw));
    }
}

/// Printable ASCII with no edge space and no character that could format:
/// most fields, which [`escape_markdown_cell`] would give back unchanged.
fn markdown_cell_unchanged(raw: &str) -> bool {
    !raw.starts_with(' ')
        && !raw.ends_with(' ')
        && raw.bytes().all(|b| {
            matches!(b, b' '..=b'~')
                && !matches!(
                    b,
                    b'\\'
                        | b'`'
                        | b'*'
                        | b'_'
                        | b'['
                        | b']'
                        | b'<'
                        | b'>'
                        | b'|'
                        | b'~'
                        | b'$'
                        | b'#'
                        | b'&'
                )
        })
}

/// As [`escape_markdown_cell`], for text that starts a paragraph or a list
/// item, where a leading `-`, `+`, `=` or `1.` would make a list or a heading.
pub fn escape_markdown_text(raw: &str) -> String {
    let cell = escape_markdown_cell(raw);
    let starts_block = cell.starts_with(['-', '+', '=']) || {
        let digits = cell.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && cell[digits..].starts_with(['.', ')'])
    };
    if !starts_block {
        return cell;
    }
    match cell.find(|c: char| !c.is_ascii_digit()) {
        Some(at) if at > 0 => format!("{}\\{}", &cell[..at], &cell[at..]),
        _ => format!("\\{cell}"),
    }
}

/// Characters that make a spreadsheet read a cell as a formula (or, for tab
/// and carriage return, that some of them skip before looking for one).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One CSV field (RFC 4180): quoted when it holds a comma, a quote, a line
/// break or edge spaces, with quotes doubled.
///
/// Formula injection: a field whose text starts with `=`, `+`, `-`, `@`, tab
/// or carriage return gets a leading apostrophe, so Excel, LibreOffice and
/// Google Sheets show it as text instead of running it (`=HYPERLINK(…)`
/// would otherwise become a live link). roreg writes no negative numbers
/// (counts, scores and days are never below zero), so no number is changed;
/// a reader that needs the exact text drops one leading `'` from a field
/// that starts with `'=`, `'+`, `'-` or `'@`.
pub fn csv_field(raw: &str) -> String {
    let visible = visible_lines(raw);
    let neutralised = if raw.starts_with(FORMULA_STARTS) || visible.starts_with(FORMULA_STARTS) {
        format!("'{visible}")
    } else {
        visible
    };
    let needs_quotes = neutralised.contains([',', '"', '\n', '\r'])
        || neutralised.starts_with(' ')
        || neutralised.ends_with(' ');
    if needs_quotes {
        format!("\"{}\"", neutralised.replace('"', "\"\""))
    } else {
        neutralised
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_entities_and_visible_controls() {
        assert_eq!(
            escape_html("<script>alert('x')</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
        );
        assert_eq!(escape_html("a & \"b\""), "a &amp; &quot;b&quot;");
        assert_eq!(escape_html("&amp;"), "&amp;amp;");
        assert_eq!(escape_html("red\u{1b}[31m\u{7}"), "red␛[31m␇");
        assert_eq!(escape_html("two\r\nlines\r"), "two\nlines␍");
        assert_eq!(escape_html("Zürich – 4×4"), "Zürich – 4×4");
    }

    #[test]
    fn markdown_cells_keep_one_column_and_format_nothing() {
        assert_eq!(escape_markdown_cell("a | b"), "a \\| b");
        assert_eq!(escape_markdown_cell("a \\| b"), "a \\\\\\| b");
        assert_eq!(escape_markdown_cell("two\nlines"), "two lines");
        assert_eq!(escape_markdown_cell("  padded  "), "padded");
        assert_eq!(
            escape_markdown_cell("*bold* _it_ `code` ~~gone~~"),
            "\\*bold\\* \\_it\\_ \\`code\\` \\~\\~gone\\~\\~"
        );
        assert_eq!(
            escape_markdown_cell("[link](http://x) <b>tag</b>"),
            "\\[link\\](http://x) \\<b\\>tag\\</b\\>"
        );
        assert_eq!(escape_markdown_cell("$x$ #1"), "\\$x\\$ \\#1");
        assert_eq!(escape_markdown_cell("&amp; & Co"), "\\&amp; & Co");
        assert_eq!(escape_markdown_cell("esc\u{1b}[31m"), "esc␛\\[31m");
        assert_eq!(
            escape_markdown_cell("2026-11-21 R-001 (4.1)"),
            "2026-11-21 R-001 (4.1)",
            "dates, ids and brackets stay readable"
        );
    }

    #[test]
    fn markdown_text_cannot_start_a_list_or_heading() {
        assert_eq!(escape_markdown_text("- item"), "\\- item");
        assert_eq!(escape_markdown_text("+cmd"), "\\+cmd");
        assert_eq!(escape_markdown_text("=SUM(1)"), "\\=SUM(1)");
        assert_eq!(escape_markdown_text("12. Twelfth"), "12\\. Twelfth");
        assert_eq!(escape_markdown_text("3) third"), "3\\) third");
        assert_eq!(escape_markdown_text("2026-11-21"), "2026-11-21");
        assert_eq!(escape_markdown_text("# not a heading"), "\\# not a heading");
    }

    #[test]
    fn csv_quotes_only_when_needed_and_doubles_quotes() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field(""), "");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("two\r\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field(" edge"), "\" edge\"");
        assert_eq!(csv_field("4×4=16"), "4×4=16");
    }

    #[test]
    fn csv_neutralises_formulas() {
        assert_eq!(
            csv_field("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        assert_eq!(csv_field("+cmd"), "'+cmd");
        assert_eq!(csv_field("-2+3"), "'-2+3");
        assert_eq!(csv_field("@SUM(1)"), "'@SUM(1)");
        assert_eq!(
            csv_field("\t=1"),
            "' =1",
            "a leading tab is shown as a space"
        );
        assert_eq!(csv_field("\r=1"), "'␍=1");
        assert_eq!(csv_field("a=b"), "a=b", "only the first character matters");
    }

    #[test]
    fn csv_shows_control_characters() {
        assert_eq!(csv_field("red\u{1b}[31m"), "red␛[31m");
        assert!(!csv_field("\u{1b}]0;x\u{7}").contains(['\u{1b}', '\u{7}']));
    }
}
