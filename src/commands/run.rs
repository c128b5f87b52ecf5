//! `supple run` and the picker: load the routine, then hand over to the full-screen app.

use std::io::{IsTerminal, Write};

use anyhow::{Result, bail};

use crate::app::{App, Run, shell};
use crate::routine::Fallbacks;
use crate::routine::library;
use crate::ui::theme::Theme;

/// Runs the routine named `name`, full-screen or (`plain`, or with no terminal) one line
/// per transition; returns whether it could start.
pub fn run(name: &str, plain: bool) -> Result<bool> {
    let Some(loaded) = super::load_valid(name) else { return Ok(false) };
    let Some(run) = Run::new(loaded, &Fallbacks::default()) else { return Ok(false) };
    start(run, plain)?;
    Ok(true)
}

/// Picks up the most recent session that did not finish.
pub fn resume(plain: bool) -> Result<bool> {
    let history = super::history::load();
    let Some(run) = super::history::resumable(&history)? else {
        eprintln!("Nothing to resume: every recorded session finished. `supple history` shows them.");
        return Ok(false);
    };
    start(run, plain)?;
    Ok(true)
}

fn start(run: Run, plain: bool) -> Result<()> {
    let sound = crate::app::sound::Sound::load();
    if plain || !std::io::stdout().is_terminal() {
        crate::plain::run(run, sound)?;
        return Ok(());
    }
    let mut app = App::with_run(run, Theme::from_env());
    app.sound = sound;
    finish(&shell::run(app)?);
    Ok(())
}

/// Opens the picker of every routine.
pub fn pick() -> Result<()> {
    require_terminal()?;
    let (user, _) = library::user_routines();
    let entries = user.into_iter().chain(library::bundled()).collect();
    let mut app = App::with_picker(entries, recent_unfinished(), Theme::from_env());
    app.sound = crate::app::sound::Sound::load();
    finish(&shell::run(app)?);
    Ok(())
}

/// The picker's offer: a session from the last week that did not finish, if its routine
/// can still be run.
fn recent_unfinished() -> Option<Run> {
    let history = super::history::load();
    let record = crate::history::resume::candidate(&history)?;
    let age = jiff::Timestamp::now().duration_since(record.started);
    if age > jiff::SignedDuration::from_hours(24 * 7) {
        return None;
    }
    super::history::resumable(&history).ok().flatten()
}

fn require_terminal() -> Result<()> {
    if !std::io::stdout().is_terminal() {
        bail!("supple needs a terminal to run a session; `supple show ROUTINE` prints a routine's plan");
    }
    Ok(())
}

/// Prints how far the session went. The terminal may be gone (a closed window): that is
/// no reason to fail.
fn finish(app: &App) {
    app.sound.save();
    if let Some(line) = shell::farewell(app) {
        let _ = writeln!(std::io::stdout(), "{line}");
    }
}
