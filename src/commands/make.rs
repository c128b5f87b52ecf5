//! `supple make`: a session made for today, run at once, shown as a timeline, or saved
//! as an ordinary routine file to keep and edit.

use anyhow::{Result, anyhow};

use super::{out, say, shown};
use crate::make::{self, Choices, Day};

/// Today, in the person's time zone: what makes the day's session.
pub(crate) fn today() -> Day {
    jiff::Zoned::now().date()
}

/// Writes each note on what could not be done as asked.
pub(crate) fn say_notes(notes: &[String]) {
    for note in notes {
        say(format!("{note}\n"));
    }
}

/// `supple make --show`: the made session's timeline.
pub fn show(choices: &Choices) -> Result<bool> {
    let fallbacks = super::fallbacks();
    let (file, notes) = make::file(choices, today(), &fallbacks);
    say_notes(&notes);
    let routine = file.parsed.routine.ok_or_else(|| anyhow!("nothing could be made for these choices"))?;
    out(super::show::render(&routine, &fallbacks, &crate::progress::Practice::default()))?;
    Ok(true)
}

/// `supple make --save NAME`: the made session written into the routines folder as
/// `NAME.toml` (never over a file that is there).
pub fn save(choices: &Choices, name: &str) -> Result<bool> {
    let fallbacks = super::fallbacks();
    let (file, notes) = make::file(choices, today(), &fallbacks);
    say_notes(&notes);
    let dir = crate::dirs::routines().ok_or_else(|| anyhow!("no config directory to keep routines in"))?;
    let path = crate::editing::template::create(&dir, name, Some(&file)).map_err(|e| anyhow!("{e}"))?;
    let stem = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
    out(format_args!(
        "Wrote {}.\nRun it with `supple run {stem}`; change it with `supple edit {stem}`.\n",
        shown(&path)
    ))?;
    Ok(true)
}
