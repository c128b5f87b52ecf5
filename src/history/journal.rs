//! Appending to the history file so that nothing is lost and nothing is mixed: each line
//! goes out in one write to a file opened for appending, under an exclusive lock, so two
//! sessions in two terminals never interleave. A line torn by a crash or a full disk is
//! closed off before the next one, so it damages only itself.

use std::fs::File;
use std::io::{self, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use super::format::Line;

/// The history file, open for appending.
#[derive(Debug)]
pub(crate) struct Journal {
    file: File,
    path: PathBuf,
}

impl Journal {
    /// Opens (or creates) the history file at `path`, and its directory.
    pub(crate) fn open(path: &Path) -> io::Result<Self> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let file = crate::files::open_regular(path, true)?;
        Ok(Self { file, path: path.to_path_buf() })
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one line.
    pub(crate) fn append(&mut self, line: &Line) -> io::Result<()> {
        self.append_text(&line.to_json_line())
    }

    /// Appends `text`, which ends in a newline, as one write under the lock.
    fn append_text(&mut self, text: &str) -> io::Result<()> {
        self.file.lock()?;
        let result = self.write_locked(text);
        let _ = self.file.unlock();
        result
    }

    fn write_locked(&mut self, text: &str) -> io::Result<()> {
        let mut out = String::with_capacity(text.len() + 1);
        if !self.ends_with_newline()? {
            out.push('\n');
        }
        out.push_str(text);
        self.file.write_all(out.as_bytes())
    }

    /// Whether the file is empty or its last line is whole.
    fn ends_with_newline(&self) -> io::Result<bool> {
        let len = self.file.metadata()?.len();
        if len == 0 {
            return Ok(true);
        }
        let mut last = [0u8];
        self.file.read_exact_at(&mut last, len - 1)?;
        Ok(last[0] == b'\n')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pause(session: &str) -> Line {
        Line::Pause { session: session.into(), at: "2026-11-21T09:00:00Z".into() }
    }

    #[test]
    fn a_torn_last_line_is_closed_off_before_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("supple/history.jsonl");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "{\"event\":\"start\",\"sess").unwrap();
        Journal::open(&path).unwrap().append(&pause("a")).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text, format!("{{\"event\":\"start\",\"sess\n{}", pause("a").to_json_line()));
    }

    #[test]
    fn lines_are_appended_never_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.jsonl");
        std::fs::write(&path, "garbage a person typed\n").unwrap();
        let mut journal = Journal::open(&path).unwrap();
        journal.append(&pause("a")).unwrap();
        journal.append(&pause("b")).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text, format!("garbage a person typed\n{}{}", pause("a").to_json_line(), pause("b").to_json_line()));
    }
}
