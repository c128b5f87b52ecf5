//! Opening files without trusting what is there. A named pipe (FIFO), a device, a socket
//! or a directory where a file should be is refused at once with a plain reason: opening
//! a FIFO waits for a writer, so opening first and looking after would hang. Every file
//! supple reads or appends to is opened here; small files it rewrites are replaced whole.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

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

/// Reads at most `max` bytes of the regular file at `path`; `Ok(None)` if it is longer.
pub(crate) fn read_regular(path: &Path, max: u64) -> io::Result<Option<Vec<u8>>> {
    let file = open_regular(path, false)?;
    let mut bytes = Vec::new();
    file.take(max + 1).read_to_end(&mut bytes)?;
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
}
