//! The plain front: one line per transition on standard output, and notices as lines of
//! their own; problems that do not stop the session go to standard error.

use std::io::{self, Write};
use std::time::Duration;

use anyhow::Result;

use super::Front;
use crate::app::App;
use crate::ui::narration::Narrator;

/// Standard output, written a line at a time.
#[derive(Debug, Default)]
pub(crate) struct Lines {
    narrator: Narrator,
    opened: bool,
    /// The notice last written, so each is written once.
    said: Option<String>,
}

impl Front for Lines {
    fn show(&mut self, app: &App, now: Duration, _changed: bool) -> io::Result<()> {
        let Some(run) = app.run() else { return Ok(()) };
        let mut out = io::stdout().lock();
        if !std::mem::replace(&mut self.opened, true) {
            writeln!(out, "{}", Narrator::opening(run, &app.settings.fallbacks))?;
        }
        if let Some(line) = self.narrator.line(run, now) {
            writeln!(out, "{line}")?;
        }
        if let Some(notice) = app.notice()
            && self.said.as_deref() != Some(notice)
        {
            writeln!(out, "{}", crate::text::sanitize(notice, false))?;
            self.said = Some(notice.to_string());
        }
        out.flush()
    }

    fn release(&mut self) {}

    fn retake(&mut self) -> Result<()> {
        Ok(())
    }

    fn warn(&mut self, _app: &mut App, text: &str, _now: Duration) {
        let _ = writeln!(io::stderr(), "warning: {}", crate::text::sanitize(text, false));
    }

    fn resumes_after_suspend(&self) -> bool {
        true
    }

    fn ends_with_session(&self) -> bool {
        true
    }
}
