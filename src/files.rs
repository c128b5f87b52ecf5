//! Opening files without trusting what is there. A named pipe (FIFO), a device, a socket
//! or a directory where a file should be is refused at once with a plain reason: opening
//! a FIFO waits for a writer, so opening first and looking after would hang. Every file
//! supple reads or appends to is opened here; small files it rewrites are replaced whole.
//! Text files (routines, the config) are read here too, whatever their format.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

/// Opens `path` to read (and, with `append`, to append to, creating it), refusing what is
/// not a regular file without waiting on it.
pub(crate) fn open_regular(path: &Path, append: bool) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).custom_flags(nix::fcntl::OFlag::O_NONBLOCK.bits());
    if append {
        options.append(true).create(true);
    }
    let file = options.open(path)?;
    let kind = file.metadata()?.file_type();
    if kind.is_file() {
        // Regular files ignore O_NONBLOCK: reads and writes behave as usual.
        return Ok(file);
    }
    Err(io::Error::new(io::ErrorKind::InvalidInput, not_a_file(kind)))
}

/// "not a regular file: a named pipe".
fn not_a_file(kind: std::fs::FileType) -> String {
    let what = if kind.is_dir() {
        "a directory"
    } else if kind.is_fifo() {
        "a named pipe"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else {
        "something else"
    };
    format!("not a regular file: {what}")
}

/// Reads at most `max` bytes of the regular file at `path`; `Ok(None)` if it is longer,
/// told from its length before anything is read.
pub(crate) fn read_regular(path: &Path, max: u64) -> io::Result<Option<Vec<u8>>> {
    let file = open_regular(path, false)?;
    if file.metadata()?.len() > max {
        return Ok(None);
    }
    let mut bytes = Vec::new();
    // Bounded still: the file may grow while it is read.
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= max).then_some(bytes))
}

/// Replaces the file at `path` with `bytes`, whole: written beside it and renamed over it,
/// so a reader never sees half of it and nothing is written into whatever was there.
pub(crate) fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write as _;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.{}.new", std::process::id()));
    let written = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .and_then(|mut file| file.write_all(bytes))
        .and_then(|()| std::fs::rename(&temp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// `sha256:` and the hex digest of `text`: how the history tells whether a routine
/// changed since a session, and the voice's cache names a sentence.
pub(crate) fn content_hash(text: &str) -> String {
    use sha2::Digest as _;
    use std::fmt::Write as _;
    let digest = sha2::Sha256::digest(text.as_bytes());
    digest.iter().fold(String::from("sha256:"), |mut hex, b| {
        let _ = write!(hex, "{b:02x}");
        hex
    })
}

/// The largest text file read (a routine, the config, the pose library). A
/// thousand-step routine is about 300 KiB.
pub(crate) const MAX_TEXT_BYTES: u64 = 4 * 1024 * 1024;

/// A file's text and the name to show for it in messages.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}

impl SourceFile {
    /// The path as shown in messages, made safe for a terminal.
    pub(crate) fn display_path(&self) -> String {
        crate::text::sanitize(&self.path.display().to_string(), false)
    }
}

/// A file's name without its folder, for short messages (`mine.toml`), made safe for a
/// terminal.
pub(crate) fn file_name(path: &Path) -> String {
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    crate::text::sanitize(&name, false)
}

/// Why a file could not be read: a diagnostic and, when the file was read but is not
/// UTF-8, the text to show it against.
#[derive(Debug)]
pub struct ReadError {
    pub diagnostic: Diagnostic,
    pub lossy_text: Option<String>,
}

/// Reads `path` as a text file of the kind `noun` names ("routine file", "config
/// file"), for messages: a directory, a device, a huge file or bytes that are not UTF-8
/// each give a clear error instead of a hang or a panic.
pub(crate) fn read_text(path: &Path, noun: &str) -> Result<SourceFile, ReadError> {
    let plain = |d: Diagnostic| ReadError { diagnostic: d, lossy_text: None };
    let bytes = match read_regular(path, MAX_TEXT_BYTES) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            return Err(plain(
                Diagnostic::error(format!("the file is larger than {} MiB", MAX_TEXT_BYTES / 1024 / 1024))
                    .help(format!("a {noun} is a short text file; is this the right file?")),
            ));
        }
        Err(_) if std::fs::metadata(path).is_ok_and(|m| m.is_dir()) => {
            return Err(plain(Diagnostic::error(format!("this is a directory, not a {noun}"))));
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound && std::fs::symlink_metadata(path).is_ok() => {
            return Err(plain(Diagnostic::error("this is a link to a file that is not there").help(format!(
                "the file it points to was moved or removed; remove the link or point it at a {noun}"
            ))));
        }
        Err(e) => return Err(plain(io_error(&e))),
    };
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile { path: path.to_path_buf(), text }),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            Err(ReadError {
                diagnostic: Diagnostic::error("the file is not valid UTF-8 text")
                    .at(at..at + 1, "this byte is not UTF-8")
                    .help(format!("save the file as UTF-8; is it a {noun} at all?")),
                lossy_text: Some(lossy),
            })
        }
    }
}

fn io_error(error: &io::Error) -> Diagnostic {
    let message = match error.kind() {
        io::ErrorKind::NotFound => "no such file".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied: the file cannot be read".to_string(),
        // A named pipe, a device: supple never waits on one.
        io::ErrorKind::InvalidInput => error.to_string(),
        _ => format!("cannot read the file: {error}"),
    };
    Diagnostic::error(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_pipe_is_refused_at_once_for_reading_and_appending() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.toml");
        nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).unwrap();
        for append in [false, true] {
            let error = open_regular(&fifo, append).unwrap_err();
            assert_eq!(error.to_string(), "not a regular file: a named pipe");
        }
        assert_eq!(read_regular(dir.path(), 10).unwrap_err().to_string(), "not a regular file: a directory");
        assert!(read_regular(Path::new("/dev/null"), 10).unwrap_err().to_string().ends_with("a device"));
    }

    #[test]
    fn reads_are_capped_and_replacements_are_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        replace(&path, b"hello").unwrap();
        assert_eq!(read_regular(&path, 5).unwrap().as_deref(), Some(&b"hello"[..]));
        assert_eq!(read_regular(&path, 4).unwrap(), None);
        let fifo = dir.path().join("pipe");
        nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).unwrap();
        replace(&fifo, b"x").unwrap();
        assert_eq!(
            read_regular(&fifo, 5).unwrap().as_deref(),
            Some(&b"x"[..]),
            "the pipe is replaced, not written into"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2, "no temporary file left");
    }

    #[test]
    fn reads_a_file_and_refuses_what_is_not_one() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.toml");
        std::fs::write(&good, "name = \"x\"").unwrap();
        assert_eq!(read_text(&good, "routine file").unwrap().text, "name = \"x\"");

        let err = read_text(dir.path(), "routine file").unwrap_err();
        assert!(err.diagnostic.message.contains("directory"));

        let err = read_text(&dir.path().join("missing.toml"), "routine file").unwrap_err();
        assert_eq!(err.diagnostic.message, "no such file");

        let big = dir.path().join("big.toml");
        std::fs::write(&big, vec![b'#'; usize::try_from(MAX_TEXT_BYTES).unwrap() + 10]).unwrap();
        assert!(read_text(&big, "routine file").unwrap_err().diagnostic.message.contains("larger than"));

        let binary = dir.path().join("binary.toml");
        std::fs::write(&binary, b"name = \"\xff\xfe\"").unwrap();
        let err = read_text(&binary, "routine file").unwrap_err();
        assert_eq!(err.diagnostic.primary.unwrap().0, 8..9);
        assert!(err.lossy_text.is_some());
    }

    #[test]
    fn a_device_or_a_named_pipe_is_refused_without_waiting() {
        let err = read_text(Path::new("/dev/zero"), "routine file").unwrap_err();
        assert_eq!(err.diagnostic.message, "not a regular file: a device");
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.toml");
        nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).unwrap();
        assert_eq!(
            read_text(&fifo, "routine file").unwrap_err().diagnostic.message,
            "not a regular file: a named pipe"
        );
    }
}
