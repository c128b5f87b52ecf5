//! `supple run` and the picker: load the routine, then hand over to the full-screen app.

use std::io::{IsTerminal, Write};
use std::time::Duration;

use anyhow::{Result, bail};

use crate::app::sound::Sound;
use crate::app::{App, Run, shell};
use crate::config::Config;
use crate::routine::Fallbacks;
use crate::routine::diagnostic;
use crate::routine::library;
use crate::ui::theme::Theme;

/// Runs the routine named `name`, full-screen or (`plain`, or with no terminal) one line
/// per transition; returns whether it could start.
pub fn run(name: &str, plain: bool) -> Result<bool> {
    let settings = Settings::load();
    let Some(loaded) = super::load_valid(name) else { return Ok(false) };
    let Some(run) = Run::new(loaded, &settings.config.fallbacks) else { return Ok(false) };
    start(run, plain, &settings)?;
    Ok(true)
}

/// Picks up the most recent session that did not finish.
pub fn resume(plain: bool) -> Result<bool> {
    let settings = Settings::load();
    let history = super::history::load();
    let Some(run) = super::history::resumable(&history, &settings.config.fallbacks)? else {
        eprintln!("Nothing to resume: every recorded session finished. `supple history` shows them.");
        return Ok(false);
    };
    start(run, plain, &settings)?;
    Ok(true)
}

/// The config, read once per command, and what to say about its mistakes.
struct Settings {
    config: Config,
    /// The first mistake on one line, for the session's notice line.
    notice: Option<String>,
}

impl Settings {
    /// Reads the config; its mistakes are written to stderr (where they are read after a
    /// full-screen session too) and the rest of it applies.
    fn load() -> Self {
        let loaded = crate::config::load();
        let shown = loaded.path.as_ref().map(|p| p.display().to_string()).unwrap_or_default();
        if !loaded.diagnostics.is_empty() {
            eprint!("{}", diagnostic::render(&loaded.diagnostics, &shown, &loaded.text, super::stderr_style()));
        }
        let notice = loaded.diagnostics.first().map(|d| {
            let name = loaded.path.as_deref().map(crate::routine::source::file_name).unwrap_or_default();
            format!("{} · the rest of the config applies", d.one_line(&name, &loaded.text))
        });
        Self { config: loaded.config, notice }
    }

    /// The sound to start with: the config's volume and mute where it sets them, else the
    /// last ones used.
    fn sound(&self) -> Sound {
        let mut sound = Sound::load();
        if let Some(volume) = self.config.volume {
            sound.volume = volume;
        }
        if let Some(mute) = self.config.mute {
            sound.muted = mute;
        }
        sound
    }

    /// An app with every setting applied.
    fn apply(&self, mut app: App) -> App {
        app.sound = self.sound();
        app.fallbacks = self.config.fallbacks;
        app.keymap = self.config.keys.clone();
        app.big_digits = self.config.big_digits;
        app.bell = self.config.bell;
        if let Some(notice) = &self.notice {
            app.set_notice(notice, Duration::ZERO, None);
        }
        app
    }
}

fn start(run: Run, plain: bool, settings: &Settings) -> Result<()> {
    if plain || !std::io::stdout().is_terminal() {
        crate::plain::run(run, settings.sound(), settings.config.bell)?;
        return Ok(());
    }
    let app = settings.apply(App::with_run(run, Theme::chosen(settings.config.theme)));
    finish(&shell::run(app)?);
    Ok(())
}

/// Opens the picker of every routine.
pub fn pick() -> Result<()> {
    require_terminal()?;
    let settings = Settings::load();
    let (user, _) = library::user_routines();
    let entries = user.into_iter().chain(library::bundled()).collect();
    let offer = recent_unfinished(&settings.config.fallbacks);
    let app = settings.apply(App::with_picker(entries, offer, Theme::chosen(settings.config.theme)));
    finish(&shell::run(app)?);
    Ok(())
}

/// How much of the end of the history the picker reads for its offer: some hundreds of
/// sessions, far more than a week holds.
const RECENT_HISTORY: u64 = 1 << 20;

/// The picker's offer: a session from the last week that did not finish, if its routine
/// can still be run. Only the end of the history is read, so years of it do not delay the
/// first frame.
fn recent_unfinished(fallbacks: &Fallbacks) -> Option<Run> {
    let history = crate::history::read::load_recent(&crate::history::path()?, RECENT_HISTORY).ok()?;
    let record = crate::history::resume::candidate(&history)?;
    let age = jiff::Timestamp::now().duration_since(record.started);
    if age > jiff::SignedDuration::from_hours(24 * 7) {
        return None;
    }
    super::history::resumable(&history, fallbacks).ok().flatten()
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
