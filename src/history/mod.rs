//! The history: every session recorded as it goes, read back for `supple history`, and
//! the unfinished ones resumed.
//!
//! - [`format`]: the line-oriented file format (JSON Lines), one definition for both ways.
//! - [`journal`]: appending whole lines under a lock, never rewriting.
//! - [`recorder`]: a running session's records turned into lines.
//! - [`read`]: the file read back into sessions, damaged lines skipped.
//! - [`resume`]: which session to resume and where.
//! - [`report`]: recent sessions, sessions a week against the guidance, the streak.

pub mod format;
pub mod journal;
pub mod read;
pub mod recorder;
pub mod report;
pub mod resume;

use std::path::PathBuf;

/// supple's directory in the platform data directory (`$XDG_DATA_HOME/supple`).
pub fn data_dir() -> Option<PathBuf> {
    match std::env::var_os("XDG_DATA_HOME").filter(|v| std::path::Path::new(v).is_absolute()) {
        Some(xdg) => Some(PathBuf::from(xdg).join("supple")),
        None => Some(directories::ProjectDirs::from("", "", "supple")?.data_dir().to_path_buf()),
    }
}

/// The history file.
pub fn path() -> Option<PathBuf> {
    data_dir().map(|d| d.join("history.jsonl"))
}
