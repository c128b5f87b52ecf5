//! `supple run`, `supple resume`, the picker and the history view: load the routine (or
//! the history) and the settings, then hand over to the shell, full-screen or in plain
//! mode.

use std::io::{IsTerminal, Write};
use std::time::Duration;

use anyhow::{Result, bail};

use crate::app::history_view::{HistoryView, Outcome};
use crate::app::{App, Marker};
use crate::config::Config;
use crate::history::read::History;
use crate::remembered::SoundLevel;
use crate::routine::Fallbacks;
use crate::routine::library;
use crate::run::Run;
use crate::{shell, wording};

/// Runs the routine named `name`, full-screen or (`plain`, or with no terminal) one line
/// per transition; returns whether it could start.
pub fn run(name: &str, plain: bool, voice: Option<bool>) -> Result<bool> {
    let settings = Settings::load().with_voice(voice, plain);
    let Some(file) = super::load_valid(name) else { return Ok(false) };
    let history = super::history::for_starting([&file]);
    let practice = super::history::practice_of(&file, &history);
    let Some(run) = Run::practised(file, &settings.config.fallbacks, practice) else { return Ok(false) };
    start(run, plain, settings, &history)?;
    Ok(true)
}

/// Runs a session made for today (`supple make`), after saying what could not be done
/// as asked.
pub fn made(choices: &crate::make::Choices, plain: bool, voice: Option<bool>) -> Result<bool> {
    let settings = Settings::load().with_voice(voice, plain);
    let (file, notes) = crate::make::file(choices, super::make::today(), &settings.config.fallbacks);
    super::make::say_notes(&notes);
    let history = super::history::for_starting([&file]);
    let Some(run) = Run::new(file, &settings.config.fallbacks) else {
        bail!("nothing could be made for these choices");
    };
    start(run, plain, settings, &history)?;
    Ok(true)
}

/// Picks up the most recent session that did not finish.
pub fn resume(plain: bool, voice: Option<bool>) -> Result<bool> {
    let settings = Settings::load().with_voice(voice, plain);
    let history = super::history::load();
    let Some(run) = super::history::resumable(&history, &settings.config.fallbacks)? else {
        super::say("Nothing to resume: every recorded session finished. `supple history` shows them.\n");
        return Ok(false);
    };
    start(run, plain, settings, &history)?;
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
        let (config, notice) = super::config_reported();
        Self { config, notice }
    }

    /// The voice as the command line asks for this session: `--voice` or `--no-voice` over
    /// the config; plain mode speaks only when asked, as a screen reader already reads it.
    fn with_voice(mut self, asked: Option<bool>, plain: bool) -> Self {
        if let Some(on) = asked {
            self.config.voice.on = Some(on);
        } else if plain_mode(plain) {
            self.config.voice.on = Some(false);
        }
        self
    }

    /// The sound to start with: the config's volume, mute and voice where it sets them,
    /// else the last ones used.
    fn sound(&self) -> SoundLevel {
        let mut sound = SoundLevel::load();
        if let Some(on) = self.config.voice.on {
            sound.voice = on;
        }
        if let Some(volume) = self.config.volume {
            sound.volume = volume;
        }
        if let Some(mute) = self.config.mute {
            sound.muted = mute;
        }
        sound
    }
}

/// Where the person stands this week.
fn standing(history: &History) -> crate::history::report::Standing {
    let tz = jiff::tz::TimeZone::system();
    crate::history::report::standing(history, jiff::Timestamp::now(), &tz)
}

/// Whether a session runs in plain mode: asked for with `--plain`, or output that is not
/// a terminal.
fn plain_mode(asked: bool) -> bool {
    asked || !std::io::stdout().is_terminal()
}

fn start(run: Run, plain: bool, settings: Settings, history: &History) -> Result<()> {
    let sound = settings.sound();
    if plain_mode(plain) {
        let mut config = settings.config;
        // The bell only into a terminal, never into a log.
        config.bell &= std::io::stdout().is_terminal();
        shell::plain(App::with_run(run, config, sound))?;
        return Ok(());
    }
    require_keyboard()?;
    let mut app = App::with_run(run, settings.config, sound).with_standing(standing(history));
    if let Some(notice) = &settings.notice {
        app.set_state(Marker::ConfigMistake, notice, Duration::ZERO);
    }
    finish(&shell::full_screen(app)?);
    Ok(())
}

/// Opens the full-screen history view (`supple history` on a terminal); `r` there
/// resumes the unfinished session.
pub fn history_view() -> Result<bool> {
    let (config, _) = super::config_reported();
    let history = super::history::load_with(crate::history::read::Detail::Holds);
    let tz = jiff::tz::TimeZone::system();
    let view = HistoryView::new(history, jiff::Timestamp::now(), tz, &super::history::growth_caps());
    if shell::browse::history(view, config.theme)? == Outcome::Resume {
        return resume(false, None);
    }
    Ok(true)
}

/// Opens the picker of every routine.
pub fn pick() -> Result<()> {
    require_terminal()?;
    let settings = Settings::load();
    let (user, unreadable) = library::user_routines();
    let bundled = library::bundled_unless_replaced(&user);
    let files: Vec<_> = user.into_iter().chain(bundled).collect();
    let history = super::history::for_starting(&files);
    let entries = files.into_iter().map(|file| super::history::offered(file, &history)).collect();
    let offer = recent_unfinished(&history, &settings.config.fallbacks);
    let sound = settings.sound();
    let mut app = App::with_picker(entries, unreadable, offer, settings.config, sound)
        .with_today(super::make::today())
        .with_standing(standing(&history));
    if let Some(notice) = &settings.notice {
        app.set_state(Marker::ConfigMistake, notice, Duration::ZERO);
    }
    finish(&shell::full_screen(app)?);
    Ok(())
}

/// The picker's offer: a session from the last week that did not finish, if its routine
/// can still be run.
fn recent_unfinished(history: &History, fallbacks: &Fallbacks) -> Option<Run> {
    let record = crate::history::resume::candidate(history, jiff::Timestamp::now())?;
    let age = jiff::Timestamp::now().duration_since(record.started);
    if age > jiff::SignedDuration::from_hours(24 * 7) {
        return None;
    }
    super::history::resumable(history, fallbacks).ok().flatten()
}

fn require_terminal() -> Result<()> {
    if !std::io::stdout().is_terminal() {
        bail!("supple needs a terminal to run a session; `supple show ROUTINE` prints a routine's plan");
    }
    require_keyboard()
}

/// The full screen is steered by keys: without a keyboard on standard input it could only
/// flash and leave.
fn require_keyboard() -> Result<()> {
    if !std::io::stdin().is_terminal() {
        bail!(
            "the full screen needs a keyboard, and standard input is not a terminal; \
             `supple run ROUTINE --plain` runs a session one line per transition instead"
        );
    }
    Ok(())
}

/// Prints how far the session went. The terminal may be gone (a closed window): that is
/// no reason to fail.
fn finish(app: &App) {
    if let Some(line) = app.run().and_then(wording::farewell) {
        let _ = writeln!(std::io::stdout(), "{line}");
    }
}
