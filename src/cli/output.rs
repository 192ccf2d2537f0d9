//! Where the command line writes: standard output, standard error and the
//! files of `--out`. A failed write is never ignored and never a panic: it
//! becomes a [`WriteError`] that travels up to `cli::run`, the one place that
//! turns it into a line on stderr and an exit code.

use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use atomic_write_file::AtomicWriteFile;

use crate::text;

/// What could not be written to.
#[derive(Debug)]
pub enum Destination {
    Stdout,
    Stderr,
    File(PathBuf),
}

#[derive(Debug)]
pub struct WriteError {
    pub destination: Destination,
    pub source: io::Error,
}

impl WriteError {
    /// The reader of our output went away (`roreg list | head -1`): nobody is
    /// left to tell, and the shell's habit is to end quietly.
    pub fn is_closed_pipe(&self) -> bool {
        matches!(self.destination, Destination::Stdout | Destination::Stderr)
            && self.source.kind() == io::ErrorKind::BrokenPipe
    }
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.destination {
            Destination::Stdout => write!(f, "cannot write to standard output: {}", self.source),
            Destination::Stderr => write!(f, "cannot write to standard error: {}", self.source),
            Destination::File(path) => write!(
                f,
                "cannot write {}: {}; an earlier file of that name is unchanged",
                path.display(),
                self.source
            ),
        }
    }
}

impl std::error::Error for WriteError {}

pub type Written = Result<(), WriteError>;

/// Standard output and standard error for one command. Lines of messages go
/// through [`text::one_line`], so nothing from the file (an owner, a date it
/// could not read, a path) can drive the terminal.
pub struct Console {
    out: io::Stdout,
    err: io::Stderr,
}

impl Default for Console {
    fn default() -> Self {
        Console {
            out: io::stdout(),
            err: io::stderr(),
        }
    }
}

impl Console {
    /// One line of results on stdout, control characters made visible.
    pub fn line(&mut self, line: &str) -> Written {
        let line = text::one_line(line);
        self.out
            .write_all(line.as_bytes())
            .and_then(|()| self.out.write_all(b"\n"))
            .map_err(on(Destination::Stdout))
    }

    /// Text on stdout exactly as given: for renderers that already made each
    /// value inert for their format (`list`'s table, the reports), and may
    /// carry colour codes of their own.
    pub fn rendered(&mut self, text: &str) -> Written {
        self.out
            .write_all(text.as_bytes())
            .map_err(on(Destination::Stdout))
    }

    /// One line for the person, not for the pipe: stderr, control characters
    /// made visible. Results printed before it come first on a terminal.
    pub fn note(&mut self, line: &str) -> Written {
        self.flush()?;
        self.last_note(line)
    }

    /// The line that says why the command stopped. stdout is not flushed
    /// first: it may be what failed.
    pub fn last_note(&mut self, line: &str) -> Written {
        let line = text::one_line(line);
        self.err
            .write_all(line.as_bytes())
            .and_then(|()| self.err.write_all(b"\n"))
            .map_err(on(Destination::Stderr))
    }

    /// Pushes out what stdout still holds; a command is not done before this.
    pub fn flush(&mut self) -> Written {
        self.out.flush().map_err(on(Destination::Stdout))
    }
}

fn on(destination: Destination) -> impl FnOnce(io::Error) -> WriteError {
    move |source| WriteError {
        destination,
        source,
    }
}

/// A file being written beside its final name (temp file in the same folder),
/// that replaces it only on [`commit`](PendingFile::commit): a full disk or a
/// crash half way leaves the earlier file whole.
pub struct PendingFile {
    path: PathBuf,
    file: AtomicWriteFile,
}

impl PendingFile {
    /// Writes `text` to a temporary file that will become `path`.
    pub fn write(path: &Path, text: &str) -> Result<PendingFile, WriteError> {
        let failed = on(Destination::File(path.to_path_buf()));
        let mut file = AtomicWriteFile::open(path).map_err(failed)?;
        file.write_all(text.as_bytes())
            .map_err(on(Destination::File(path.to_path_buf())))?;
        Ok(PendingFile {
            path: path.to_path_buf(),
            file,
        })
    }

    /// fsync, then rename over the old file (and fsync the folder).
    pub fn commit(self) -> Written {
        self.file.commit().map_err(on(Destination::File(self.path)))
    }
}

/// Why a command wrote nothing: a request that cannot be met, said by the
/// command, or a failed write, said by `cli::run`.
pub enum NotWritten {
    Refused(String),
    Write(WriteError),
}

impl From<WriteError> for NotWritten {
    fn from(e: WriteError) -> NotWritten {
        NotWritten::Write(e)
    }
}

/// Writes `files` (name, text) into `folder`, created if needed. Every file
/// is written to its temporary file before any replaces the one of the
/// last run, so a full disk leaves the earlier set whole rather than a mix.
/// `each` names what one file holds ("sheet", "table"), `why_a_folder` why
/// `--out` must be one.
pub fn write_folder(
    folder: &Path,
    files: &[(String, String)],
    (each, why_a_folder): (&str, &str),
    console: &mut Console,
) -> Result<(), NotWritten> {
    if folder.exists() && !folder.is_dir() {
        return Err(NotWritten::Refused(format!(
            "{} is a file; {why_a_folder}",
            folder.display()
        )));
    }
    std::fs::create_dir_all(folder).map_err(|e| {
        NotWritten::Refused(format!(
            "cannot create the folder {}: {e}",
            folder.display()
        ))
    })?;
    let mut pending = Vec::with_capacity(files.len());
    for (name, text) in files {
        let file = folder.join(name);
        if file.is_dir() {
            return Err(NotWritten::Refused(format!(
                "{} is a folder; it is where that {each} goes",
                file.display()
            )));
        }
        pending.push((PendingFile::write(&file, text)?, file));
    }
    for (written, file) in pending {
        written.commit()?;
        console.line(&format!("{}: written", file.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_what_could_not_be_written() {
        let full = || io::Error::from_raw_os_error(28);
        let stdout = WriteError {
            destination: Destination::Stdout,
            source: full(),
        };
        assert_eq!(
            stdout.to_string(),
            "cannot write to standard output: No space left on device (os error 28)"
        );
        assert!(!stdout.is_closed_pipe());
        let pipe = WriteError {
            destination: Destination::Stdout,
            source: io::Error::from(io::ErrorKind::BrokenPipe),
        };
        assert!(pipe.is_closed_pipe());
        let file = WriteError {
            destination: Destination::File("out.md".into()),
            source: io::Error::from(io::ErrorKind::BrokenPipe),
        };
        assert!(!file.is_closed_pipe(), "a FIFO given as --out is a failure");
    }

    #[test]
    fn a_pending_file_replaces_the_old_one_only_when_committed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.md");
        std::fs::write(&path, "earlier").unwrap();
        let pending = PendingFile::write(&path, "later").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "earlier");
        pending.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "later");
        let abandoned = PendingFile::write(&path, "never").unwrap();
        drop(abandoned);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "later");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
