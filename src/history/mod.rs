//! The history: every session recorded as it goes, read back for `supple history`, and
//! the unfinished ones resumed.
//!
//! - [`format`]: the line-oriented file format (JSON Lines), one definition for both ways.
//!
//! The file is [`crate::dirs::history_file`].
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
