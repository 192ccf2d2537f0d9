//! Reading a register file: every way it can fail says where and why.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::domain::{FORMAT, Register};

use super::fingerprint::Fingerprint;

/// A register read from disk, with what saving it back needs to know.
#[derive(Debug)]
pub struct Loaded {
    pub register: Register,
    /// The bytes as read, to notice when someone else changes the file.
    pub fingerprint: Fingerprint,
    /// ron drops comments on save; the first save warns before losing them.
    pub has_comments: bool,
}

#[derive(Debug)]
pub enum LoadError {
    /// Missing, a folder, unreadable.
    Io {
        path: PathBuf,
        source: io::Error,
    },
    Empty {
        path: PathBuf,
    },
    /// A FIFO, a device or a socket: never read.
    NotAFile {
        path: PathBuf,
        kind: &'static str,
    },
    /// Larger than `MAX_BYTES`: not read into memory.
    TooLarge {
        path: PathBuf,
        size: u64,
    },
    NotUtf8 {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    /// Syntax, unknown field or variant, bad value; 1-based line and column.
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    NewerFormat {
        path: PathBuf,
        found: u32,
    },
    UnknownFormat {
        path: PathBuf,
        found: u32,
    },
    /// A merge left conflict blocks: the line of each and what it is about.
    Conflicts {
        path: PathBuf,
        blocks: Vec<(usize, String)>,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io { path, source } => {
                let why = match source.kind() {
                    io::ErrorKind::NotFound => {
                        "no such file; create one with `roreg new FILE --organisation NAME`"
                            .to_string()
                    }
                    io::ErrorKind::IsADirectory => "is a folder, not a register file".to_string(),
                    io::ErrorKind::PermissionDenied => {
                        "permission denied; you cannot read this file".to_string()
                    }
                    _ => format!("cannot be read: {source}"),
                };
                write!(f, "{}: {why}", path.display())
            }
            LoadError::Empty { path } => write!(
                f,
                "{}: the file is empty; a register starts with `(format: {FORMAT}, organisation: \"…\", …)`; create one with `roreg new`",
                path.display()
            ),
            LoadError::NotAFile { path, kind } => write!(
                f,
                "{}: is {kind}, not a register file; a register is a plain file (symlinks to one are fine)",
                path.display()
            ),
            LoadError::TooLarge { path, size } => write!(
                f,
                "{}: is {}, larger than the {} a register may be; this is not a register file (the file was not read)",
                path.display(),
                human_size(*size),
                human_size(MAX_BYTES)
            ),
            LoadError::NotUtf8 { path, line, column } => write!(
                f,
                "{}:{line}:{column}: not valid UTF-8 text; save the file as UTF-8",
                path.display()
            ),
            LoadError::Parse {
                path,
                line,
                column,
                message,
            } => {
                write!(f, "{}:{line}:{column}: {message}", path.display())
            }
            LoadError::NewerFormat { path, found } => write!(
                f,
                "{}: format {found} is newer than this roreg understands (it reads format {FORMAT}); upgrade roreg to open it — the file was not changed",
                path.display()
            ),
            LoadError::UnknownFormat { path, found } => write!(
                f,
                "{}: format {found} is not a register format; expected `format: {FORMAT}`",
                path.display()
            ),
            LoadError::Conflicts { path, blocks } => {
                for (line, what) in blocks {
                    writeln!(
                        f,
                        "{}:{line}: unresolved merge conflict in {what}",
                        path.display()
                    )?;
                }
                write!(
                    f,
                    "{}: keep one side of each with `roreg resolve {}` (the file was not changed)",
                    path.display(),
                    path.display()
                )
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// Only the `format` field, read leniently, so a newer file is refused for
/// its version rather than for the first field this program does not know.
#[derive(Deserialize)]
struct FormatProbe {
    format: u32,
}

/// The largest register read: far beyond any real one (100,000 items are
/// about 150 MB), small enough never to exhaust memory reading a wrong file.
pub const MAX_BYTES: u64 = 1 << 30;

pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let bytes = read_register_file(path)?;
    let (register, has_comments) = parse_bytes(&bytes).map_err(|e| e.at(path))?;
    Ok(Loaded {
        has_comments,
        register,
        fingerprint: Fingerprint::of(&bytes),
    })
}

/// The bytes of a regular file of at most `MAX_BYTES`. A FIFO, a device or a
/// socket is refused before anything is read from it: reading one could
/// block for ever or never end.
pub fn read_register_file(path: &Path) -> Result<Vec<u8>, LoadError> {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let io_error = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    // Non-blocking, so that opening a FIFO returns at once instead of
    // waiting for a writer; reads of a regular file are not affected.
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
        .map_err(io_error)?;
    // What was opened, not what the path named a moment before.
    let metadata = file.metadata().map_err(io_error)?;
    if metadata.is_dir() {
        return Err(io_error(io::Error::from(io::ErrorKind::IsADirectory)));
    }
    if !metadata.is_file() {
        return Err(LoadError::NotAFile {
            path: path.to_path_buf(),
            kind: file_kind(&metadata),
        });
    }
    let too_large = |size| LoadError::TooLarge {
        path: path.to_path_buf(),
        size,
    };
    if metadata.len() > MAX_BYTES {
        return Err(too_large(metadata.len()));
    }
    // The file may grow while it is read: never read past the limit.
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

fn file_kind(metadata: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = metadata.file_type();
    if kind.is_fifo() {
        "a named pipe (FIFO)"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

/// Sizes as people read them: "1.3 GiB", "512 MiB", "80 KiB".
fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["bytes", "KiB", "MiB", "GiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} bytes")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// A load error not yet tied to a path, so parsing can be tested on bytes.
#[derive(Debug, PartialEq, Eq)]
pub enum ParseError {
    Empty,
    NotUtf8 {
        line: usize,
        column: usize,
    },
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    NewerFormat(u32),
    UnknownFormat(u32),
    Conflicts(Vec<(usize, String)>),
}

impl ParseError {
    pub fn at(self, path: &Path) -> LoadError {
        let path = path.to_path_buf();
        match self {
            ParseError::Empty => LoadError::Empty { path },
            ParseError::NotUtf8 { line, column } => LoadError::NotUtf8 { path, line, column },
            ParseError::Syntax {
                line,
                column,
                message,
            } => LoadError::Parse {
                path,
                line,
                column,
                message,
            },
            ParseError::NewerFormat(found) => LoadError::NewerFormat { path, found },
            ParseError::UnknownFormat(found) => LoadError::UnknownFormat { path, found },
            ParseError::Conflicts(blocks) => LoadError::Conflicts { path, blocks },
        }
    }
}

/// Parses a register from the bytes of a file; also returns whether its
/// text holds comments (see [`has_comments`]).
pub fn parse_bytes(bytes: &[u8]) -> Result<(Register, bool), ParseError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            // Safe: `good` is the valid prefix.
            let prefix = std::str::from_utf8(good).unwrap_or_default();
            let (line, column) = line_col_after(prefix);
            return Err(ParseError::NotUtf8 { line, column });
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    // A merge's conflict blocks are named as such, not as a syntax error.
    let blocks = super::conflict::blocks(text);
    if !blocks.is_empty() {
        let named = blocks.iter().map(|b| (b.line, b.describe())).collect();
        return Err(ParseError::Conflicts(named));
    }
    let register = parse_text(text)?;
    Ok((register, has_comments(text)))
}

/// Parses a register. The whole text is parsed once; the lenient probe of
/// its `format` runs only when that parse fails or finds a format it cannot
/// take, so a newer file is still refused for its version rather than for
/// the first field this program does not know.
pub fn parse_text(text: &str) -> Result<Register, ParseError> {
    let parsed = parse_register(text);
    let suspect = match &parsed {
        Ok(register) => register.format == 0 || register.format > FORMAT,
        Err(_) => true,
    };
    if suspect {
        refuse_format(text)?;
    }
    let mut register = parsed?;
    // Kept in memory in the order the file keeps, so lookups by id are
    // binary searches; a save writes that order anyway.
    register.normalise();
    Ok(register)
}

/// The error for a `format` this program does not read, as the probe finds
/// it; `Ok` when the probe finds none.
fn refuse_format(text: &str) -> Result<(), ParseError> {
    match ron::from_str::<FormatProbe>(text) {
        Ok(probe) if probe.format > FORMAT => Err(ParseError::NewerFormat(probe.format)),
        Ok(probe) if probe.format == 0 => Err(ParseError::UnknownFormat(probe.format)),
        _ => Ok(()),
    }
}

/// From this size the long lists are parsed on every core.
const PARSED_IN_RUNS_FROM: usize = 1 << 20;

/// The register as the text gives it, not yet normalised. Tracking the path
/// of the field being read costs a good part of the parse, so it is done
/// only to word an error: the same parser fails at the same place.
fn parse_register(text: &str) -> Result<Register, ParseError> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if cores > 1
        && text.len() >= PARSED_IN_RUNS_FROM
        && let Some(register) = super::split::parse_in_runs(text, cores.min(8))
    {
        return Ok(register);
    }
    let mut deserializer = match ron::Deserializer::from_str(text) {
        Ok(deserializer) => deserializer,
        Err(_) => return parse_register_tracking_path(text),
    };
    match Register::deserialize(&mut deserializer) {
        Ok(register) if deserializer.end().is_ok() => Ok(register),
        _ => parse_register_tracking_path(text),
    }
}

/// [`parse_register`] naming the field an error is in.
fn parse_register_tracking_path(text: &str) -> Result<Register, ParseError> {
    let syntax = |e: ron::error::SpannedError, path: Option<String>| {
        let message = match path.filter(|p| !p.is_empty() && p != ".") {
            Some(path) => format!("{path}: {}", explain(&e.code)),
            None => explain(&e.code),
        };
        ParseError::Syntax {
            line: e.span.start.line.max(1),
            column: e.span.start.col.max(1),
            message: excerpt_quotes(&message),
        }
    };
    let mut deserializer = ron::Deserializer::from_str(text).map_err(|e| syntax(e, None))?;
    // The path (`items[3].next_review`) says which field a bad value is in.
    let register: Register = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let mut path = e.path().to_string();
        let code = e.into_inner();
        // An unknown field's own name is already in the message; ron's
        // syntax errors mid-record end the path in a placeholder `?`.
        if path.ends_with(".?") || matches!(code, ron::Error::NoSuchStructField { .. }) {
            path.truncate(path.rfind('.').unwrap_or(0));
        }
        syntax(deserializer.span_error(code), Some(path))
    })?;
    deserializer
        .end()
        .map_err(|e| syntax(deserializer.span_error(e), None))?;
    Ok(register)
}

/// ron's messages, reworded where they would puzzle someone editing by hand.
pub(crate) fn explain(error: &ron::Error) -> String {
    use ron::Error as E;
    match error {
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => format!(
            "unknown field `{found}`{}; expected one of: {}",
            outer
                .as_deref()
                .map(|o| format!(" in {o}"))
                .unwrap_or_default(),
            expected.join(", ")
        ),
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => format!(
            "unknown value `{found}`{}; expected one of: {}",
            outer
                .as_deref()
                .map(|o| format!(" for {o}"))
                .unwrap_or_default(),
            expected.join(", ")
        ),
        E::MissingStructField { field, outer } => format!(
            "missing field `{field}`{}",
            outer
                .as_deref()
                .map(|o| format!(" in {o}"))
                .unwrap_or_default()
        ),
        E::DuplicateStructField { field, outer } => format!(
            "field `{field}` is given twice{}; keep one",
            outer
                .as_deref()
                .map(|o| format!(" in {o}"))
                .unwrap_or_default()
        ),
        E::Message(message) => message.clone(),
        E::ExpectedComma => "expected a comma `,` after the previous value".to_string(),
        E::Eof => "the file ends too early: a closing `)` or `]` is missing".to_string(),
        E::ExpectedStructLikeEnd => {
            "expected `)` to close the record, or a comma before the next field".to_string()
        }
        E::ExpectedArrayEnd => {
            "expected `]` to close the list, or a comma before the next entry".to_string()
        }
        E::ExpectedString | E::ExpectedStringEnd => {
            "expected text in double quotes, like \"…\"".to_string()
        }
        E::ExpectedInteger => "expected a whole number".to_string(),
        E::IntegerOutOfBounds => "number out of range for this field".to_string(),
        E::ExpectedBoolean => "expected true or false".to_string(),
        E::ExpectedOption => "expected Some(…) or None".to_string(),
        E::TrailingCharacters => "unexpected text after the end of the register".to_string(),
        E::UnexpectedChar(c) => format!("unexpected character `{}`", c.escape_debug()),
        other => other.to_string(),
    }
}

/// The longest a piece of the file's own text is quoted in a message.
const QUOTE_AT_MOST: usize = 60;

/// `message` with each quoted piece of the file's text (between `"…"` or
/// `` `…` ``) cut to a short excerpt, and the whole kept to a few lines: a
/// 50 MB line of garbage must not become a 50 MB message.
pub fn excerpt_quotes(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(1024));
    let mut quoted = String::new();
    let mut open: Option<char> = None;
    for c in message.chars() {
        match open {
            Some(q) if c == q => {
                out.push_str(&shorten(&quoted, QUOTE_AT_MOST));
                out.push(c);
                quoted.clear();
                open = None;
            }
            Some(_) => quoted.push(c),
            None => {
                out.push(c);
                if c == '"' || c == '`' {
                    open = Some(c);
                }
            }
        }
    }
    // An unclosed quote: its text is still the file's.
    out.push_str(&shorten(&quoted, QUOTE_AT_MOST));
    shorten(&out, 16 * QUOTE_AT_MOST)
}

/// At most `max` chars: the start and the end, with `…` between.
fn shorten(text: &str, max: usize) -> String {
    let count = text.chars().count();
    if count <= max {
        return text.to_string();
    }
    let head: String = text.chars().take(max * 2 / 3).collect();
    let tail: String = text.chars().skip(count - max / 3).collect();
    format!("{head}…{tail}")
}

/// 1-based line and column of the position just after `prefix`.
fn line_col_after(prefix: &str) -> (usize, usize) {
    let line = prefix.matches('\n').count() + 1;
    let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Whether the text holds a `//` or `/* */` comment outside string literals.
/// A byte scan that jumps from quote to slash (or, inside a string, to the
/// closing quote or an escape): UTF-8 never puts these bytes inside a
/// character, so it answers as a scan of the characters would.
pub fn has_comments(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut in_string = false;
    while at < bytes.len() {
        let rest = &bytes[at..];
        let found = if in_string {
            memchr::memchr2(b'"', b'\\', rest)
        } else {
            memchr::memchr2(b'"', b'/', rest)
        };
        let Some(offset) = found else { return false };
        at += offset;
        match bytes[at] {
            b'"' => {
                in_string = !in_string;
                at += 1;
            }
            // An escape: the byte after it is escaped, never a closing quote.
            b'\\' => at += 2,
            _ => {
                if matches!(bytes.get(at + 1), Some(b'/' | b'*')) {
                    return true;
                }
                at += 1;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_inside_strings_do_not_count() {
        assert!(!has_comments(
            r#"(title: "see http://example.com", note: "a \" // b")"#
        ));
        assert!(has_comments("(format: 1, // the version\n)"));
        assert!(has_comments("/* header */ (format: 1)"));
    }

    /// The character scan `has_comments` replaced, to compare answers.
    fn has_comments_by_chars(text: &str) -> bool {
        let mut chars = text.chars().peekable();
        let mut in_string = false;
        while let Some(c) = chars.next() {
            match (in_string, c) {
                (true, '\\') => {
                    chars.next();
                }
                (_, '"') => in_string = !in_string,
                (false, '/') if matches!(chars.peek(), Some('/' | '*')) => return true,
                _ => {}
            }
        }
        false
    }

    #[test]
    fn the_byte_scan_answers_as_the_character_scan() {
        for text in [
            "",
            "/",
            "a/",
            "//",
            "/*",
            "\"\\",
            "\"\\\"// still inside",
            "\"\\é\" // outside",
            "\"é\\\\\" /* outside */",
            "(a: \"x\", b: 1 / 2)",
            "\"open // never closed",
            "é/é/*",
        ] {
            assert_eq!(has_comments(text), has_comments_by_chars(text), "{text:?}");
        }
    }

    #[test]
    fn invalid_utf8_is_located() {
        let bytes = b"(\n  format: 1,\n  organisation: \"Acme \xff\",\n)";
        assert_eq!(
            parse_bytes(bytes).unwrap_err(),
            ParseError::NotUtf8 {
                line: 3,
                column: 23
            }
        );
    }

    #[test]
    fn a_huge_bad_value_is_quoted_as_a_short_excerpt() {
        let text = format!(
            "(format: 1, organisation: \"A\", items: [(kind: {}X)])",
            "Z".repeat(5_000_000)
        );
        let ParseError::Syntax { message, .. } = parse_text(&text).unwrap_err() else {
            panic!("a syntax error")
        };
        assert!(message.len() < 1_000, "{} bytes", message.len());
        assert!(
            message.contains("ZZ…ZZ") && message.contains("ZZX` for Kind"),
            "{message}"
        );
        assert!(
            message.contains("expected one of: Risk, Opportunity"),
            "{message}"
        );
        assert_eq!(
            excerpt_quotes("invalid date \"2026-13-45\": expected YYYY-MM-DD"),
            "invalid date \"2026-13-45\": expected YYYY-MM-DD",
            "short quotes are kept whole"
        );
    }

    #[test]
    fn byte_order_mark_is_accepted() {
        let text = "\u{feff}(format: 1, organisation: \"Acme\")";
        let (register, _) = parse_bytes(text.as_bytes()).unwrap();
        assert_eq!(register.organisation, "Acme");
    }

    #[test]
    fn newer_format_is_refused_before_its_unknown_fields() {
        let text = "(format: 2, organisation: \"Acme\", shiny_new_thing: [])";
        assert_eq!(parse_text(text).unwrap_err(), ParseError::NewerFormat(2));
    }
}
