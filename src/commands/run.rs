//! `supple run` and the picker: load the routine, then hand over to the full-screen app.

use std::io::{IsTerminal, Write};

use anyhow::{Result, bail};

use crate::app::{App, Run, shell};
use crate::routine::Fallbacks;
use crate::routine::library;
use crate::ui::theme::Theme;

/// Runs the routine named `name`; returns whether it could start.
pub fn run(name: &str) -> Result<bool> {
    let Some(loaded) = super::load_valid(name) else { return Ok(false) };
    require_terminal()?;
    let Some(run) = Run::new(loaded, &Fallbacks::default()) else { return Ok(false) };
    let mut app = App::with_run(run, Theme::from_env());
    app.sound = crate::app::sound::Sound::load();
    finish(&shell::run(app)?);
    Ok(true)
}

/// Opens the picker of every routine.
pub fn pick() -> Result<()> {
    require_terminal()?;
    let (user, _) = library::user_routines();
    let entries = user.into_iter().chain(library::bundled()).collect();
    let mut app = App::with_picker(entries, Theme::from_env());
    app.sound = crate::app::sound::Sound::load();
    finish(&shell::run(app)?);
    Ok(())
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
