//! `keys.ron`: the user's changes to the shipped keys, per screen.
//!
//! ```ron
//! {
//!     "register": { "Sort": ["o"], "ClearFilter": Unbind },
//!     "every-screen": { "Save": ["w", "Ctrl-s"] },
//! }
//! ```
//!
//! Only what the file names changes. A bad entry never stops roreg: it is
//! reported with its line and column, and that entry keeps its default.
//! (RON's parser gives positions only for syntax errors; an entry's
//! position is found by searching the text for its screen and intent.)

use std::fmt;

use serde::Deserialize;
use serde::de::{self, MapAccess, SeqAccess, Visitor};

use super::{Binding, Context, EVERY_SCREEN, Intent, Key, Keymap, Places};

/// One thing wrong in `keys.ron`, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// What an entry asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Rebind {
    Keys(Vec<String>),
    Unbind,
}

/// Screens and their entries in the file's order, duplicates kept, so
/// each can be reported.
struct Entries(Vec<(String, Vec<(String, Rebind)>)>);

impl<'de> Deserialize<'de> for Rebind {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Rebind, D::Error> {
        struct Expect;
        impl<'de> Visitor<'de> for Expect {
            type Value = Rebind;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of keys such as [\"o\", \"Ctrl-o\"], or Unbind")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Rebind, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = seq.next_element::<String>()? {
                    keys.push(key);
                }
                Ok(Rebind::Keys(keys))
            }
            fn visit_str<E: de::Error>(self, word: &str) -> Result<Rebind, E> {
                match word {
                    "Unbind" => Ok(Rebind::Unbind),
                    other => Err(E::custom(format!(
                        "\"{other}\": write a list of keys such as [\"{other}\"], or Unbind"
                    ))),
                }
            }
            fn visit_unit<E: de::Error>(self) -> Result<Rebind, E> {
                Ok(Rebind::Unbind)
            }
            fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Rebind, A::Error> {
                use de::VariantAccess;
                let (word, variant): (String, _) = data.variant()?;
                variant.unit_variant()?;
                self.visit_str(&word)
            }
        }
        d.deserialize_any(Expect)
    }
}

fn entries_of<'de, A: MapAccess<'de>, V: Deserialize<'de>>(
    mut map: A,
) -> Result<Vec<(String, V)>, A::Error> {
    let mut entries = Vec::new();
    while let Some(entry) = map.next_entry::<String, V>()? {
        entries.push(entry);
    }
    Ok(entries)
}

struct Intents(Vec<(String, Rebind)>);

impl<'de> Deserialize<'de> for Intents {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Intents, D::Error> {
        struct Expect;
        impl<'de> Visitor<'de> for Expect {
            type Value = Intents;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of intents, such as { \"Sort\": [\"o\"] }")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Intents, A::Error> {
                entries_of(map).map(Intents)
            }
        }
        d.deserialize_map(Expect)
    }
}

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Entries, D::Error> {
        struct Expect;
        impl<'de> Visitor<'de> for Expect {
            type Value = Entries;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of screens, such as { \"register\": { \"Sort\": [\"o\"] } }")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Entries, A::Error> {
                let entries: Vec<(String, Intents)> = entries_of(map)?;
                Ok(Entries(
                    entries.into_iter().map(|(s, Intents(i))| (s, i)).collect(),
                ))
            }
        }
        d.deserialize_map(Expect)
    }
}

/// Where `what` a screen or intent name is written, searched from `from`:
/// its line and column (from 1), and the offset just after it.
fn locate(text: &str, from: usize, what: &str) -> Option<(usize, usize, usize)> {
    let quoted = format!("\"{what}\"");
    let at = from + text.get(from..)?.find(&quoted)?;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((line, column, at + quoted.len()))
}

/// Which screens and popups there are, for a message.
fn context_names() -> String {
    let mut names: Vec<&str> = vec![EVERY_SCREEN];
    names.extend(Context::all().map(Context::name));
    names.join(", ")
}

/// The shipped keys with `text` (the content of `keys.ron`) applied, and
/// what in it was ignored. A file that does not parse changes nothing.
pub fn apply(text: &str) -> (Keymap, Vec<Problem>) {
    let mut keymap = Keymap::default();
    let entries = match ron::from_str::<Entries>(text) {
        Ok(Entries(entries)) => entries,
        Err(e) => {
            let problem = Problem {
                line: e.span.start.line,
                column: e.span.start.col,
                message: format!("{}; no key was changed", e.code),
            };
            return (keymap, vec![problem]);
        }
    };
    let mut problems = Vec::new();
    let mut cursor = 0;
    let mut seen: Vec<(String, String)> = Vec::new();
    for (context_name, intents) in entries {
        let (line, column, mut within) =
            locate(text, cursor, &context_name).unwrap_or((1, 1, cursor));
        cursor = within;
        let places: Option<Context> = Context::from_name(&context_name);
        if places.is_none() && context_name != EVERY_SCREEN {
            problems.push(Problem {
                line,
                column,
                message: format!(
                    "\"{context_name}\" is not a screen; the screens and popups are {}",
                    context_names()
                ),
            });
            continue;
        }
        for (intent_name, rebind) in intents {
            let (line, column, after) =
                locate(text, within, &intent_name).unwrap_or((line, column, within));
            within = after;
            cursor = cursor.max(after);
            let at = |message: String| Problem {
                line,
                column,
                message: format!("{context_name}.{intent_name}: {message}"),
            };
            if seen.contains(&(context_name.clone(), intent_name.clone())) {
                problems.push(at("named twice; the first one counts".into()));
                continue;
            }
            seen.push((context_name.clone(), intent_name.clone()));
            match rebound(&keymap, places, &intent_name, &rebind) {
                Ok(next) => keymap = next,
                Err(why) => problems.push(at(why)),
            }
        }
    }
    (keymap, problems)
}

/// `keymap` with one entry applied, or why the entry is ignored.
fn rebound(
    keymap: &Keymap,
    place: Option<Context>,
    intent_name: &str,
    rebind: &Rebind,
) -> Result<Keymap, String> {
    if intent_name == "Level" {
        return Err("the levels are the digits 1–9 and cannot be rebound".into());
    }
    let intent = Intent::from_name(intent_name).ok_or_else(|| {
        "not an intent; `roreg config keys` lists every intent of every screen".to_string()
    })?;
    let keys = match rebind {
        Rebind::Unbind => Vec::new(),
        Rebind::Keys(keys) if keys.is_empty() => {
            return Err("an empty list; write Unbind to take the key away".into());
        }
        Rebind::Keys(keys) => keys
            .iter()
            .map(|k| Key::parse(k))
            .collect::<Result<Vec<Key>, String>>()?,
    };
    if let Some(context) = place
        && context.types_text()
        && let Some(plain) = keys.iter().find(|k| matches!(k, Key::Char(_)))
    {
        return Err(format!(
            "\"{}\" would be typed into the {}; use Ctrl-<letter> or a named key",
            plain.spelling(),
            context.name()
        ));
    }
    let mut next = keymap.clone();
    let changed = match place {
        None => rebind_every_screen(&mut next, intent, &keys),
        Some(context) => rebind_in(&mut next, context, intent, &keys),
    };
    if !changed {
        let owners: Vec<&str> = Context::all()
            .filter(|c| {
                keymap
                    .bindings
                    .iter()
                    .any(|b| b.intent == intent && b.applies(*c))
            })
            .map(Context::name)
            .collect();
        let here = place.map_or(EVERY_SCREEN, Context::name);
        return Err(if owners.is_empty() {
            format!("{intent_name} has no key anywhere to change")
        } else {
            format!(
                "{intent_name} is not a key of {here}; it is one of {}",
                owners.join(", ")
            )
        });
    }
    if let Some(clash) = clash(&next, place, intent, &keys) {
        return Err(clash);
    }
    Ok(next)
}

fn rebind_every_screen(keymap: &mut Keymap, intent: Intent, keys: &[Key]) -> bool {
    let before = keymap.bindings.len();
    let mut found = false;
    keymap.bindings.retain_mut(|b| {
        if b.intent != intent || b.specific() {
            return true;
        }
        found = true;
        b.keys = keys.to_vec();
        !keys.is_empty()
    });
    found || keymap.bindings.len() != before
}

/// Gives `intent` other keys in one context only: a binding shared with
/// other places is split so the others keep theirs.
fn rebind_in(keymap: &mut Keymap, context: Context, intent: Intent, keys: &[Key]) -> bool {
    let mut split = Vec::new();
    let mut found = false;
    keymap.bindings.retain_mut(|b| {
        if b.intent != intent || !b.applies(context) {
            return true;
        }
        found = true;
        match (&mut b.places, context) {
            (Places::Only(places), _) if places.as_slice() == [context] => {
                b.keys = keys.to_vec();
                return !keys.is_empty();
            }
            (Places::Only(places), _) => places.retain(|c| *c != context),
            (Places::EveryScreen { except }, Context::Screen(screen)) => except.push(screen),
            (Places::EveryScreen { .. }, Context::Popup(_)) => return true,
        }
        if !keys.is_empty() {
            split.push(Binding {
                keys: keys.to_vec(),
                places: Places::Only(vec![context]),
                ..b.clone()
            });
        }
        true
    });
    keymap.bindings.extend(split);
    found
}

/// A key the user gave that now means two things in one place.
fn clash(keymap: &Keymap, place: Option<Context>, intent: Intent, keys: &[Key]) -> Option<String> {
    let contexts: Vec<Context> = match place {
        Some(c) => vec![c],
        None => Context::all()
            .filter(|c| matches!(c, Context::Screen(_)))
            .collect(),
    };
    let defaults = super::defaults::bindings();
    for context in contexts {
        for key in keys {
            let other = keymap
                .bindings
                .iter()
                .find(|b| b.intent != intent && b.applies(context) && b.keys.contains(key));
            // The shipped keys shadow on purpose (`h` moves left on the heat map).
            let shipped = defaults
                .iter()
                .any(|b| b.intent == intent && b.applies(context) && b.keys.contains(key));
            if shipped {
                continue;
            }
            if let Some(other) = other {
                return Some(format!(
                    "\"{}\" already means {} on {}; unbind that first or choose another key",
                    key.spelling(),
                    other.intent.name(),
                    context.name()
                ));
            }
        }
    }
    None
}

/// The effective table, as `roreg config keys` prints it.
pub fn table(keymap: &Keymap) -> String {
    let mut out = String::new();
    for context in Context::all() {
        out.push_str(&format!("{}\n", context.name()));
        for binding in keymap.in_order(context) {
            let keys = keymap.live_keys(context, binding);
            if keys.is_empty() {
                continue;
            }
            out.push_str(&format!(
                "  {:<16} {:<18} {}\n",
                binding.intent.name(),
                keys.join(" "),
                binding.help
            ));
        }
    }
    out
}
