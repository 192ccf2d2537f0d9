//! The data tables as CSV (RFC 4180), one table per file: a header row of
//! column names, then one row per record. UTF-8 without a byte-order mark,
//! LF line ends (inside quoted fields too), every field through
//! [`csv_field`], so quotes are doubled and no cell runs as a formula.

use super::Table;
use super::escape::csv_field;

pub fn render(table: &Table) -> String {
    let mut out = String::new();
    push_row(&mut out, &table.headers);
    for row in &table.rows {
        push_row(&mut out, row);
    }
    out
}

fn push_row(out: &mut String, cells: &[String]) {
    let fields: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
    out.push_str(&fields.join(","));
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_first_then_one_line_per_row() {
        let table = Table {
            headers: vec!["id".into(), "title".into()],
            rows: vec![
                vec!["R-001".into(), "a, \"b\"".into()],
                vec!["R-002".into(), "=1+1".into()],
            ],
            when_empty: String::new(),
        };
        assert_eq!(
            render(&table),
            "id,title\nR-001,\"a, \"\"b\"\"\"\nR-002,'=1+1\n"
        );
    }
}
