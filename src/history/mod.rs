//! The history: every session recorded as it goes, read back for `supple history`, and
//! the unfinished ones resumed.
//!
//! The file is [`crate::dirs::history_file`].
//!
//! - [`format`]: the line-oriented file format (JSON Lines), one definition for both ways.
//! - [`journal`]: appending whole lines under a lock, never rewriting.
//! - [`recorder`]: a running session's records turned into lines.
//! - [`read`]: the file read back into sessions, damaged lines skipped.
//! - [`holds`]: a session's holds as read, their words kept once.
//! - [`index`]: a long history as last read, so that it opens in a blink.
//! - [`resume`]: which session to resume and where.
//! - [`report`]: recent sessions, sessions a week against the guidance, the streak.
//! - [`figures`]: what the history view charts, week by week and day by day.
//! - [`csv`]: every hold as a row, for a spreadsheet.
//! - [`nudge`]: whether the week is behind the guidance, for `supple remind`.

pub mod csv;
pub mod figures;
pub mod format;
pub mod holds;
pub mod index;
pub mod journal;
pub mod nudge;
pub mod read;
pub mod recorder;
pub mod report;
pub mod resume;

/// How far past `now` a session may be dated and still be taken as past: the clocks of two
/// machines sharing a history differ by a little. A session dated later (a clock set wrong,
/// a copied file) is left out of reports and never offered to resume.
const CLOCK_SLACK: jiff::SignedDuration = jiff::SignedDuration::from_mins(10);

/// Whether a session that started `at` is dated after `now`, past [`CLOCK_SLACK`].
pub(crate) fn from_the_future(at: jiff::Timestamp, now: jiff::Timestamp) -> bool {
    now.checked_add(CLOCK_SLACK).is_ok_and(|latest| at > latest)
}
