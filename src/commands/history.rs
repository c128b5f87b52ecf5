//! `supple history` and `supple resume`: what was done, and picking up what was not.

use std::collections::HashMap;
use std::io::IsTerminal;

use anyhow::{Result, bail};

use crate::history::read::{self, History, SessionRecord};
use crate::history::report;
use crate::progress::Practice;
use crate::routine::Fallbacks;
use crate::routine::library::{self, RoutineFile};
use crate::run::{Offered, Run};
use crate::wording::plural;

/// Reads the history, warning on stderr about damaged lines (never changing the file).
/// A history that cannot be read at all is a warning and an empty history.
pub(crate) fn load() -> History {
    load_with(read::Detail::Sessions)
}

/// [`load`], with every hold when `detail` asks for them.
pub(crate) fn load_with(detail: read::Detail) -> History {
    let Some(path) = crate::dirs::history_file() else { return History::default() };
    let read = match detail {
        read::Detail::Holds => crate::history::index::load(&path, crate::history::index::location().as_deref()),
        read::Detail::Sessions => read::load_with(&path, detail),
    };
    match read {
        Ok(history) => {
            if !history.damaged.is_empty() {
                let lines: Vec<String> = history.damaged.iter().take(10).map(ToString::to_string).collect();
                let more = if history.damaged.len() > 10 { ", …" } else { "" };
                super::say(format_args!(
                    "warning: {}: skipped {} that could not be read (line {}{more}); the file is left as it is\n",
                    super::shown(&path),
                    plural(history.damaged.len(), "line", "lines"),
                    lines.join(", ")
                ));
            }
            history
        }
        Err(error) => {
            super::say(format_args!("warning: {}: {error}; showing no history\n", super::shown(&path)));
            History::default()
        }
    }
}

/// How much of the end of the history a session start reads when no routine grows its
/// holds with the weeks: some hundreds of sessions, far more than this week and the
/// picker's offer (the last week) need, so years of history do not delay the first frame.
const RECENT_HISTORY: u64 = 1 << 20;

/// The history a session start needs for `files`: the whole of it when one of them grows
/// its holds with the weeks (every week back to the first counts), else its recent end.
/// Damage is not reported here (`supple history` does); what cannot be read is no history.
pub(crate) fn for_starting<'f>(files: impl IntoIterator<Item = &'f RoutineFile>) -> History {
    let Some(path) = crate::dirs::history_file() else { return History::default() };
    let grows = files.into_iter().any(|f| f.parsed.routine.as_ref().is_some_and(crate::routine::Routine::grows));
    let read = if grows { read::load(&path) } else { read::load_recent(&path, RECENT_HISTORY) };
    read.unwrap_or_default()
}

/// What `history` says of `file`'s routine, when its holds grow with the weeks.
pub(crate) fn practice_of(file: &RoutineFile, history: &History) -> Practice {
    match file.parsed.routine.as_ref().filter(|r| r.grows()) {
        Some(routine) => {
            let tz = jiff::tz::TimeZone::system();
            report::practice(history, (&file.history_label(), &routine.name), jiff::Timestamp::now(), &tz)
        }
        None => Practice::default(),
    }
}

/// `file` offered to run, with what `history` says of its routine.
pub(crate) fn offered(file: RoutineFile, history: &History) -> Offered {
    Offered { practice: practice_of(&file, history), file }
}

/// How `supple history` shows the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// The full-screen view on a terminal, else the text report.
    View,
    Text,
    Json,
    Csv,
}

/// Whether `supple history` shown so opens the full-screen view (see
/// `commands::run::history_view`): asked for no other way, and on a terminal.
pub fn opens_view(shown: Shown) -> bool {
    shown == Shown::View && std::io::stdout().is_terminal() && std::io::stdin().is_terminal()
}

/// Prints the history: recent sessions and weeks against the guidance as text or JSON,
/// or every hold as CSV.
pub fn run(shown: Shown, last: usize, weeks: usize) -> Result<bool> {
    let detail = if shown == Shown::Csv { read::Detail::Holds } else { read::Detail::Sessions };
    let history = load_with(detail);
    let tz = jiff::tz::TimeZone::system();
    if shown == Shown::Csv {
        let mut text = Vec::new();
        crate::history::csv::write(&history, &tz, &mut text)?;
        super::out(String::from_utf8_lossy(&text))?;
        return Ok(true);
    }
    let report = report::build(&history, jiff::Timestamp::now(), &tz, last, weeks);
    super::out(if shown == Shown::Json { report::json(&report) } else { report::text(&report) })?;
    Ok(true)
}

/// How long the holds of each routine that grows may get, by the key the history names it
/// with: the bundled routines and the person's own, as they are now.
pub(crate) fn growth_caps() -> HashMap<String, f64> {
    let (user, _) = library::user_routines();
    user.iter()
        .chain(&library::bundled())
        .filter_map(|file| Some((file.history_label(), file.parsed.routine.as_ref()?.growth_cap()?.as_secs_f64())))
        .collect()
}

/// The run that picks up the most recent unfinished session, in its routine as it is now.
pub(crate) fn resumable(history: &History, fallbacks: &Fallbacks) -> Result<Option<Run>> {
    let Some(record) = crate::history::resume::candidate(history, jiff::Timestamp::now()) else { return Ok(None) };
    let file = routine_of(record, fallbacks)?;
    if file.parsed.routine.is_none() {
        bail!(
            "{} has errors now; `supple check {}` shows them, and `supple resume` works once it is fixed",
            file.source.display_path(),
            file.source.display_path()
        );
    }
    let practice = practice_of(&file, history);
    let mut run = crate::history::resume::resume(record, file, fallbacks, practice);
    if let Some(resumed) = run.as_mut().and_then(|r| r.resumed.as_mut()) {
        let tz = jiff::tz::TimeZone::system();
        resumed.when = Some(crate::wording::day_and_time(record.started, jiff::Timestamp::now(), &tz));
    }
    Ok(run)
}

/// The routine file a session ran: a made session is made again from its day and choices.
fn routine_of(record: &SessionRecord, fallbacks: &Fallbacks) -> Result<RoutineFile> {
    if let Some(key) = record.file.strip_prefix("made:") {
        let (day, choices) = crate::make::from_history(key)
            .ok_or_else(|| anyhow::anyhow!("the session made for `{key}` cannot be made again"))?;
        return Ok(crate::make::file(&choices, day, fallbacks).0);
    }
    if let Some(key) = record.file.strip_prefix("bundled:") {
        return library::bundled()
            .into_iter()
            .find(|l| l.key == key)
            .ok_or_else(|| anyhow::anyhow!("the bundled routine `{key}` is no longer part of supple"));
    }
    library::find(&record.file)
        .map_err(|_| anyhow::anyhow!("{} is gone or unreadable, so its session cannot be resumed", record.file))
}
