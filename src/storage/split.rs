//! A large register parsed on every core: its two long lists, `items` and
//! `history`, are cut between elements and the runs parsed side by side,
//! the rest of the file on its own.
//!
//! Only a quick, exact answer is taken from here. Anything the cutting scan
//! does not follow (comments, raw strings, characters, attributes, a list
//! named twice) and any parse error send the caller back to the one whole
//! parse, which also words the error: the result never depends on this path.

use std::ops::Range;

use serde::de::DeserializeOwned;

use crate::domain::{HistoryRecord, Item, Register};

/// A list shorter than this is parsed in one run: cutting it gains nothing.
const RUN_BYTES_AT_LEAST: usize = 256 * 1024;

/// The register in `text` when it parses with its long lists cut into at
/// most `runs` runs each; `None` sends the caller to the whole parse.
pub fn parse_in_runs(text: &str, runs: usize) -> Option<Register> {
    parse_cut(text, runs, RUN_BYTES_AT_LEAST)
}

/// [`parse_in_runs`] with runs of at least `least` bytes (tests cut small lists).
fn parse_cut(text: &str, runs: usize, least: usize) -> Option<Register> {
    let lists = long_lists(text)?;
    let cuts: Vec<(Name, Vec<&str>)> = lists
        .iter()
        .map(|list| (list.name, list.runs(text, runs, least)))
        .collect();
    let rest = without_lists(text, &lists);
    std::thread::scope(|scope| {
        let items = spawn_runs::<Item>(scope, &cuts, Name::Items);
        let history = spawn_runs::<HistoryRecord>(scope, &cuts, Name::History);
        let register = whole::<Register>(&rest);
        let (items, history) = (join_runs(items), join_runs(history));
        let mut register = register?;
        if let Some(items) = items? {
            register.items = items;
        }
        if let Some(history) = history? {
            register.history = history;
        }
        Some(register)
    })
}

type Handles<'scope, T> = Option<Vec<std::thread::ScopedJoinHandle<'scope, Option<Vec<T>>>>>;

fn spawn_runs<'scope, 'env, T: DeserializeOwned + Send + 'scope>(
    scope: &'scope std::thread::Scope<'scope, 'env>,
    cuts: &'env [(Name, Vec<&'env str>)],
    name: Name,
) -> Handles<'scope, T> {
    let (_, runs) = cuts.iter().find(|(n, _)| *n == name)?;
    Some(
        runs.iter()
            .map(|&run| scope.spawn(move || elements::<T>(run)))
            .collect(),
    )
}

/// The elements of every run, in order; `Some(None)`: the list was not cut.
fn join_runs<T>(handles: Handles<'_, T>) -> Option<Option<Vec<T>>> {
    let Some(handles) = handles else {
        return Some(None);
    };
    let mut all = Vec::new();
    for handle in handles {
        let mut run = handle.join().ok()??;
        all.append(&mut run);
    }
    Some(Some(all))
}

/// One value filling the whole text.
fn whole<T: DeserializeOwned>(text: &str) -> Option<T> {
    let mut deserializer = ron::Deserializer::from_str(text).ok()?;
    let value = T::deserialize(&mut deserializer).ok()?;
    deserializer.end().ok()?;
    Some(value)
}

/// The elements of a run: values separated by commas, a comma after the
/// last one allowed. Whitespace between them is what a writer puts there;
/// anything else (ron would take a few more kinds) fails, to the whole parse.
fn elements<T: DeserializeOwned>(run: &str) -> Option<Vec<T>> {
    let mut values = Vec::new();
    let mut rest = skip_space(run);
    while !rest.is_empty() {
        let mut deserializer = ron::Deserializer::from_str(rest).ok()?;
        values.push(T::deserialize(&mut deserializer).ok()?);
        rest = skip_space(deserializer.remainder());
        match rest.strip_prefix(',') {
            Some(after) => rest = skip_space(after),
            None if rest.is_empty() => {}
            None => return None,
        }
    }
    Some(values)
}

fn skip_space(text: &str) -> &str {
    text.trim_start_matches([' ', '\t', '\n', '\r'])
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Name {
    Items,
    History,
}

/// One of the long lists: where its elements lie and the commas between them.
#[derive(Debug)]
struct List {
    name: Name,
    /// From just after `[` to just before `]`.
    inside: Range<usize>,
    /// Each comma that ends an element, in order.
    commas: Vec<usize>,
}

impl List {
    /// The inside cut at the commas nearest to equal shares: at most
    /// `runs`, each of about `least` bytes or more.
    fn runs<'t>(&self, text: &'t str, runs: usize, least: usize) -> Vec<&'t str> {
        let length = self.inside.len();
        let runs = runs.clamp(1, (length / least.max(1)).max(1));
        let mut parts = Vec::with_capacity(runs);
        let mut from = self.inside.start;
        for k in 1..runs {
            let wanted = self.inside.start + length * k / runs;
            let at = self.commas.partition_point(|&c| c < wanted);
            let Some(&comma) = self.commas.get(at) else {
                break;
            };
            if comma > from {
                parts.push(&text[from..comma]);
                from = comma + 1;
            }
        }
        parts.push(&text[from..self.inside.end]);
        parts
    }
}

/// The text with the inside of each list taken out, so that it reads as
/// the register with those lists empty.
fn without_lists(text: &str, lists: &[List]) -> String {
    let mut rest =
        String::with_capacity(text.len() - lists.iter().map(|l| l.inside.len()).sum::<usize>());
    let mut from = 0;
    let mut ordered: Vec<&List> = lists.iter().collect();
    ordered.sort_by_key(|l| l.inside.start);
    for list in ordered {
        rest.push_str(&text[from..list.inside.start]);
        from = list.inside.end;
    }
    rest.push_str(&text[from..]);
    rest
}

/// The `items` and `history` lists of the register's top-level struct,
/// found by following strings and brackets byte by byte. `None` for what
/// this scan does not follow.
fn long_lists(text: &str) -> Option<Vec<List>> {
    let bytes = text.as_bytes();
    let mut lists: Vec<List> = Vec::new();
    // The list being read, at depth 2 (inside the top struct and the list).
    let mut open: Option<List> = None;
    let mut depth = 0usize;
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'"' => {
                if at > 0 && bytes[at - 1] == b'r' {
                    return None;
                }
                at = string_end(bytes, at + 1)?;
            }
            b'(' | b'{' => depth += 1,
            b'[' => {
                depth += 1;
                if depth == 2
                    && let Some(name) = field_before(bytes, at)
                {
                    if lists.iter().any(|l| l.name == name) {
                        return None;
                    }
                    open = Some(List {
                        name,
                        inside: at + 1..at + 1,
                        commas: Vec::new(),
                    });
                }
            }
            b')' | b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 1
                    && bytes[at] == b']'
                    && let Some(mut list) = open.take()
                {
                    list.inside.end = at;
                    lists.push(list);
                }
            }
            b',' if depth == 2 => {
                if let Some(list) = open.as_mut() {
                    list.commas.push(at);
                }
            }
            b'\'' | b'/' | b'#' => return None,
            _ => {}
        }
        at += 1;
    }
    (depth == 0 && open.is_none()).then_some(lists)
}

/// The index of the quote that closes a string whose text starts at `from`.
fn string_end(bytes: &[u8], mut from: usize) -> Option<usize> {
    loop {
        from += memchr::memchr2(b'"', b'\\', &bytes[from..])?;
        if bytes[from] == b'"' {
            return Some(from);
        }
        // An escape: the byte after the backslash never closes the string.
        from += 2;
        if from > bytes.len() {
            return None;
        }
    }
}

/// The long list whose name is written before the `[` at `open`
/// (`items: [`), if that is what precedes it.
fn field_before(bytes: &[u8], open: usize) -> Option<Name> {
    let before = trim_end(&bytes[..open]);
    let before = trim_end(before.strip_suffix(b":")?);
    let start = before
        .iter()
        .rposition(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
        .map_or(0, |p| p + 1);
    match &before[start..] {
        b"items" => Some(Name::Items),
        b"history" => Some(Name::History),
        _ => None,
    }
}

fn trim_end(bytes: &[u8]) -> &[u8] {
    let kept = bytes
        .iter()
        .rposition(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        .map_or(0, |p| p + 1);
    &bytes[..kept]
}

#[cfg(test)]
mod tests;
