//! Conflict blocks in a register file, git's way: a merge that could not
//! settle a record writes both versions of it between `<<<<<<<`, `=======`
//! and `>>>>>>>` lines, around that record only; the rest of the file is
//! the merged register. Finding the blocks, naming the records in them, and
//! keeping one side of each.

use std::collections::HashMap;
use std::ops::Range;

use crate::domain::Register;

use super::save::{SaveError, to_text};

/// One conflict block, as found in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// 1-based line of the `<<<<<<<` marker.
    pub line: usize,
    /// What the block is about: `R-004`, `people.jsmith`, `scales`, …
    pub records: Vec<String>,
    pub ours_label: String,
    pub theirs_label: String,
    ours: Range<usize>,
    theirs: Range<usize>,
    /// The lines from `<<<<<<<` to `>>>>>>>`, 0-based.
    whole: Range<usize>,
}

/// Which side of a block to keep.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Ours,
    Theirs,
}

impl Block {
    /// `R-004 (main vs feature)`, as messages name it.
    pub fn describe(&self) -> String {
        let what = if self.records.is_empty() {
            "the register".to_string()
        } else {
            self.records.join(", ")
        };
        let label = |l: &str, side: &str| {
            if l.is_empty() {
                side.to_string()
            } else {
                crate::text::one_line(l)
            }
        };
        format!(
            "{what} ({} vs {})",
            label(&self.ours_label, "ours"),
            label(&self.theirs_label, "theirs")
        )
    }

    /// The side's label, or "ours"/"theirs".
    pub fn label(&self, side: Side) -> &str {
        match side {
            Side::Ours if !self.ours_label.is_empty() => &self.ours_label,
            Side::Theirs if !self.theirs_label.is_empty() => &self.theirs_label,
            Side::Ours => "ours",
            Side::Theirs => "theirs",
        }
    }
}

/// A marker line: `ch` repeated 7 or more times, then the end or a space
/// and a label.
fn marker(line: &str, ch: char) -> Option<(usize, &str)> {
    let size = line.chars().take_while(|&c| c == ch).count();
    let rest = &line[size..];
    (size >= 7 && (rest.is_empty() || rest.starts_with(' '))).then(|| (size, rest.trim()))
}

/// The conflict blocks in `text`; none in a file without markers.
pub fn blocks(text: &str) -> Vec<Block> {
    // Every block opens with a line of seven `<` or more: without them
    // anywhere, one fast search answers for the whole file.
    if memchr::memmem::find(text.as_bytes(), b"<<<<<<<").is_none() {
        return Vec::new();
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    let mut at = 0;
    while at < lines.len() {
        let Some((size, ours_label)) = marker(lines[at], '<') else {
            at += 1;
            continue;
        };
        let start = at;
        let mut base = None;
        let mut middle = None;
        let mut end = None;
        let mut theirs_label = "";
        for (i, line) in lines.iter().enumerate().skip(start + 1) {
            if middle.is_none() && base.is_none() && marker(line, '|').is_some_and(|m| m.0 == size)
            {
                base = Some(i);
            } else if middle.is_none() && *line == "=".repeat(size) {
                middle = Some(i);
            } else if let (Some(_), Some((s, label))) = (middle, marker(line, '>'))
                && s == size
            {
                end = Some(i);
                theirs_label = label;
                break;
            }
        }
        let (Some(middle), Some(end)) = (middle, end) else {
            // An opening marker never closed: name it all the same.
            found.push(Block {
                line: start + 1,
                records: enclosing(&lines, start).into_iter().collect(),
                ours_label: ours_label.to_string(),
                theirs_label: String::new(),
                ours: start + 1..lines.len(),
                theirs: lines.len()..lines.len(),
                whole: start..lines.len(),
            });
            break;
        };
        let ours = start + 1..base.unwrap_or(middle);
        let theirs = middle + 1..end;
        let mut records: Vec<String> = Vec::new();
        for i in ours.clone().chain(theirs.clone()) {
            if let Some(key) = record_at(lines[i])
                && !records.contains(&key)
            {
                records.push(key);
            }
        }
        if records.is_empty() {
            records.extend(enclosing(&lines, start));
        }
        found.push(Block {
            line: start + 1,
            records,
            ours_label: ours_label.to_string(),
            theirs_label: theirs_label.to_string(),
            ours,
            theirs,
            whole: start..end + 1,
        });
        at = end + 1;
    }
    found
}

/// The record a line starts, as the file lays records out: a record's id
/// line inside a list, or a top-level field of its own.
fn record_at(line: &str) -> Option<String> {
    if let Some(id) = line.strip_prefix("            id: ") {
        let id: String = ron::from_str(id.trim_end_matches(',')).ok()?;
        return Some(id);
    }
    for field in ["organisation", "scales"] {
        if line.starts_with(&format!("    {field}:")) {
            return Some(field.to_string());
        }
    }
    None
}

/// The record (or list) the line at `at` is inside of.
fn enclosing(lines: &[&str], at: usize) -> Option<String> {
    lines[..at].iter().rev().find_map(|line| {
        record_at(line).or_else(|| {
            let section = line.strip_prefix("    ")?.strip_suffix(": [")?;
            (!section.starts_with(' ')).then(|| section.to_string())
        })
    })
}

/// The file with one side of each block kept (`choose` picks it).
pub fn keep(text: &str, blocks: &[Block], choose: impl Fn(&Block) -> Side) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for block in blocks {
        for line in &lines[at..block.whole.start] {
            out.push_str(line);
            out.push('\n');
        }
        let kept = match choose(block) {
            Side::Ours => block.ours.clone(),
            Side::Theirs => block.theirs.clone(),
        };
        for line in &lines[kept] {
            out.push_str(line);
            out.push('\n');
        }
        at = block.whole.end;
    }
    for line in &lines[at.min(lines.len())..] {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Where each record's lines are in a file as roreg writes it.
struct Layout {
    spans: HashMap<String, Range<usize>>,
    /// Which record's lines end on a line, and which list a line opens.
    ends: HashMap<usize, String>,
    opens: HashMap<usize, String>,
    lines: Vec<String>,
}

/// A record's key in a layout: lists by name, so ids never collide.
fn key_in(section: &str, id: &str) -> String {
    format!("{section}.{id}")
}

fn layout(text: &str) -> Layout {
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut out = Layout {
        spans: HashMap::new(),
        ends: HashMap::new(),
        opens: HashMap::new(),
        lines: Vec::new(),
    };
    let mut section = String::new();
    let mut open: Option<usize> = None;
    let mut id: Option<String> = None;
    for (i, line) in lines.iter().enumerate() {
        if let Some(name) = line
            .strip_prefix("    ")
            .and_then(|l| l.strip_suffix(": ["))
        {
            section = name.to_string();
            out.opens.insert(i, section.clone());
        } else if line.starts_with("    organisation:") {
            out.spans.insert("organisation".into(), i..i + 1);
        } else if line == "    scales: (" {
            open = Some(i);
            section = "scales".into();
        } else if line == "    )," && section == "scales" {
            if let Some(start) = open.take() {
                out.spans.insert("scales".into(), start..i + 1);
            }
        } else if line == "        (" {
            open = Some(i);
        } else if let Some(raw) = line.strip_prefix("            id: ") {
            id = ron::from_str(raw.trim_end_matches(',')).ok();
        } else if line == "        ),"
            && let (Some(start), Some(id)) = (open.take(), id.take())
        {
            let key = key_in(&section, &id);
            out.ends.insert(i, key.clone());
            out.spans.insert(key, start..i + 1);
        }
    }
    out.lines = lines;
    out
}

/// The keys of the records whose lines differ between two layouts.
fn differing(a: &Layout, b: &Layout) -> Vec<String> {
    fn text<'a>(l: &'a Layout, k: &str) -> Option<&'a [String]> {
        l.spans.get(k).map(|r| &l.lines[r.clone()])
    }
    let mut keys: Vec<&String> = a.spans.keys().chain(b.spans.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| text(a, k) != text(b, k))
        .cloned()
        .collect()
}

/// The file text of a merge with conflicts: the register as ours settles
/// them, each record the two settle differently between markers of `size`
/// with ours' version, then theirs'.
pub fn write(
    ours: &Register,
    theirs: &Register,
    size: usize,
    ours_label: &str,
    theirs_label: &str,
) -> Result<String, SaveError> {
    let (text_a, text_b) = (to_text(ours)?, to_text(theirs)?);
    let (a, b) = (layout(&text_a), layout(&text_b));
    let size = size.max(7);
    let block = |ours: &[String], theirs: &[String]| {
        let mut out = format!("{} {ours_label}", "<".repeat(size))
            .trim_end()
            .to_string();
        out.push('\n');
        for line in ours.iter() {
            out.push_str(line);
            out.push('\n');
        }
        out.push_str(&"=".repeat(size));
        out.push('\n');
        for line in theirs.iter() {
            out.push_str(line);
            out.push('\n');
        }
        out.push_str(format!("{} {theirs_label}", ">".repeat(size)).trim_end());
        out.push('\n');
        out
    };
    // Each differing record goes where it stands in ours, or, absent
    // there, after what comes before it in theirs.
    let mut at_line: HashMap<usize, Vec<String>> = HashMap::new();
    let mut after_line: HashMap<usize, Vec<String>> = HashMap::new();
    for key in differing(&a, &b) {
        if let Some(span) = a.spans.get(&key) {
            at_line.entry(span.start).or_default().push(key);
            continue;
        }
        let Some(place) = insertion_point(&a, &b, &key) else {
            // Nowhere to put it: the whole file is the conflict.
            return Ok(block(&a.lines, &b.lines));
        };
        after_line.entry(place).or_default().push(key);
    }
    let lines_of = |l: &Layout, k: &str| -> Vec<String> {
        l.spans
            .get(k)
            .map(|r| l.lines[r.clone()].to_vec())
            .unwrap_or_default()
    };
    let mut out = String::with_capacity(text_a.len() * 2);
    let mut skip_to = 0;
    for (i, line) in a.lines.iter().enumerate() {
        if i >= skip_to {
            if let Some(keys) = at_line.get(&i) {
                let key = &keys[0];
                out.push_str(&block(&lines_of(&a, key), &lines_of(&b, key)));
                skip_to = a.spans[key].end;
            } else {
                out.push_str(line);
                out.push('\n');
            }
        }
        for key in after_line.get(&i).into_iter().flatten() {
            out.push_str(&block(&[], &lines_of(&b, key)));
        }
    }
    Ok(out)
}

/// The line of `a` after which a record only `b` has goes: after the
/// nearest record before it in `b` that `a` also has, or after its list's
/// opening line.
fn insertion_point(a: &Layout, b: &Layout, key: &str) -> Option<usize> {
    let start = b.spans.get(key)?.start;
    for line in (0..start).rev() {
        if let Some(before) = b.ends.get(&line)
            && let Some(span) = a.spans.get(before)
        {
            return Some(span.end - 1);
        }
        if let Some(section) = b.opens.get(&line) {
            return a
                .opens
                .iter()
                .find(|(_, s)| *s == section)
                .map(|(line, _)| *line);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::sample;

    fn sorted(mut r: Register) -> Register {
        r.normalise();
        r
    }

    #[test]
    fn a_record_settled_two_ways_is_written_both_ways_and_either_side_reads_back() {
        let ours = sorted(sample());
        let mut theirs = ours.clone();
        theirs.item_mut("R-002").unwrap().title = "Theirs".into();
        theirs.items.retain(|i| i.id != "O-001");
        let text = write(&ours, &theirs, 7, "main", "feature").unwrap();
        let found = blocks(&text);
        assert_eq!(found.len(), 2, "{text}");
        assert_eq!(found[0].describe(), "O-001 (main vs feature)");
        assert_eq!(found[1].describe(), "R-002 (main vs feature)");
        let mine = keep(&text, &found, |_| Side::Ours);
        assert_eq!(crate::storage::load::parse_text(&mine).unwrap(), ours);
        let other = keep(&text, &found, |_| Side::Theirs);
        assert_eq!(crate::storage::load::parse_text(&other).unwrap(), theirs);
    }

    #[test]
    fn a_record_only_theirs_has_goes_where_it_belongs() {
        let ours = sorted(sample());
        let mut theirs = ours.clone();
        let mut new = theirs.items[0].clone();
        new.id = "O-002".into();
        theirs.items.push(new);
        theirs.normalise();
        let text = write(&ours, &theirs, 9, "", "").unwrap();
        let found = blocks(&text);
        assert_eq!(found.len(), 1);
        assert!(text.contains("<<<<<<<<<\n=========\n"), "{text}");
        assert_eq!(found[0].records, ["O-002"]);
        let other = keep(&text, &found, |_| Side::Theirs);
        assert_eq!(crate::storage::load::parse_text(&other).unwrap(), theirs);
    }

    #[test]
    fn a_text_merge_conflict_is_named_by_the_record_around_it() {
        let text = "(\n    items: [\n        (\n            id: \"R-007\",\n<<<<<<< HEAD\n            title: \"a\",\n=======\n            title: \"b\",\n>>>>>>> other\n        ),\n    ],\n)\n";
        let found = blocks(text);
        assert_eq!(found[0].line, 5);
        assert_eq!(found[0].describe(), "R-007 (HEAD vs other)");
    }
}
