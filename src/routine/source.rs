//! Reading a routine file from disk without trusting it: a directory, a device, a huge
//! file or bytes that are not UTF-8 each give a clear error instead of a hang or a panic.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

/// The largest routine file read. A thousand-step routine is about 300 KiB.
pub(crate) const MAX_BYTES: u64 = 4 * 1024 * 1024;

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

/// Reads `path` as a routine file.
pub fn read(path: &Path) -> Result<SourceFile, ReadError> {
    let plain = |d: Diagnostic| ReadError { diagnostic: d, lossy_text: None };
    let bytes = match crate::files::read_regular(path, MAX_BYTES) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            return Err(plain(
                Diagnostic::error(format!("the file is larger than {} MiB", MAX_BYTES / 1024 / 1024))
                    .help("a routine file is a short text file; is this the right file?"),
            ));
        }
        Err(e) if std::fs::metadata(path).is_ok_and(|m| m.is_dir()) => {
            let _ = e;
            return Err(plain(Diagnostic::error("this is a directory, not a routine file").help(format!(
                "to check every routine in it, run `supple check {}/*.toml`",
                crate::text::sanitize(&path.display().to_string(), false)
            ))));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && std::fs::symlink_metadata(path).is_ok() => {
            return Err(plain(
                Diagnostic::error("this is a link to a file that is not there")
                    .help("the file it points to was moved or removed; remove the link or point it at a routine"),
            ));
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
                    .help("save the file as UTF-8; is it a routine file at all?"),
                lossy_text: Some(lossy),
            })
        }
    }
}

fn io_error(error: &std::io::Error) -> Diagnostic {
    use std::io::ErrorKind;
    let message = match error.kind() {
        ErrorKind::NotFound => "no such file".to_string(),
        ErrorKind::PermissionDenied => "permission denied: the file cannot be read".to_string(),
        // A named pipe, a device: supple never waits on one.
        ErrorKind::InvalidInput => error.to_string(),
        _ => format!("cannot read the file: {error}"),
    };
    Diagnostic::error(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_file_and_refuses_what_is_not_one() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.toml");
        std::fs::write(&good, "name = \"x\"").unwrap();
        assert_eq!(read(&good).unwrap().text, "name = \"x\"");

        let err = read(dir.path()).unwrap_err();
        assert!(err.diagnostic.message.contains("directory"));

        let err = read(&dir.path().join("missing.toml")).unwrap_err();
        assert_eq!(err.diagnostic.message, "no such file");

        let big = dir.path().join("big.toml");
        std::fs::write(&big, vec![b'#'; usize::try_from(MAX_BYTES).unwrap() + 10]).unwrap();
        assert!(read(&big).unwrap_err().diagnostic.message.contains("larger than"));

        let binary = dir.path().join("binary.toml");
        std::fs::write(&binary, b"name = \"\xff\xfe\"").unwrap();
        let err = read(&binary).unwrap_err();
        assert_eq!(err.diagnostic.primary.unwrap().0, 8..9);
        assert!(err.lossy_text.is_some());
    }

    #[test]
    fn a_device_or_a_named_pipe_is_refused_without_waiting() {
        let err = read(Path::new("/dev/zero")).unwrap_err();
        assert_eq!(err.diagnostic.message, "not a regular file: a device");
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.toml");
        nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).unwrap();
        assert_eq!(read(&fifo).unwrap_err().diagnostic.message, "not a regular file: a named pipe");
    }
}
