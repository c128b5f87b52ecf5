//! The shell around the pure parts: the terminal, the clock, input and signals.
//!
//! It waits for whichever comes first: a key, a resize, a signal, or the next moment
//! something visible changes. There is no fixed-rate redraw: it draws only when the shown
//! time, the phase or the state changed. The terminal is given back as it was on every
//! way out: quit, error, panic, SIGTERM, SIGHUP; Ctrl-Z suspends and a resume redraws.

use std::io::{self, Stdout, Write};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use anyhow::{Context, Result};
use ratatui::Terminal;
use ratatui::crossterm::{cursor, execute, terminal};

use super::input::{self, Gate, Input};
use super::quiet_backend::QuietBackend;
use super::sounder::Sounder;
use super::{App, keys};
use crate::audio::{Chimes, Report};
use crate::history::recorder::Recorder;
use crate::session::clock::{Clock, MonotonicClock};
use crate::session::{Effect, Record, Status};

/// Raw mode and the alternate screen, undone on drop and by the panic hook.
struct TerminalGuard {
    terminal: Terminal<QuietBackend<Stdout>>,
}

impl TerminalGuard {
    fn enter() -> Result<Self> {
        install_panic_hook();
        setup().context("setting up the terminal")?;
        let terminal = Terminal::new(QuietBackend::new(io::stdout())).context("setting up the terminal")?;
        Ok(Self { terminal })
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

fn setup() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    execute!(io::stdout(), terminal::EnterAlternateScreen, cursor::Hide)
}

/// Gives the terminal back: cursor, main screen, cooked mode. Safe to call twice.
pub fn restore() {
    let _ = execute!(
        io::stdout(),
        ratatui::crossterm::style::SetAttribute(ratatui::crossterm::style::Attribute::Reset),
        cursor::Show,
        terminal::LeaveAlternateScreen
    );
    let _ = terminal::disable_raw_mode();
    let _ = io::stdout().flush();
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Runs `app` full-screen until the person leaves; returns the app as it ended.
pub fn run(mut app: App) -> Result<App> {
    let (tx, inputs) = channel();
    input::spawn_signals(tx.clone()).context("installing signal handlers")?;
    let audio_tx = tx.clone();
    let chimes = Chimes::start(move |Report::NoDevice| {
        let _ = audio_tx.send(Input::NoSoundDevice);
    });
    let mut outlets = Outlets { sounder: Sounder::new(chimes, true), recorder: None };
    let mut guard = TerminalGuard::enter()?;
    input::spawn_keys(tx, Arc::new(Gate::default())).context("reading the keyboard")?;
    let clock = MonotonicClock::new();
    let mut dirty = true;
    let mut last_view = None;
    loop {
        let now = clock.now();
        let effects = app.tick(now);
        outlets.apply(&effects, &mut app, now);
        if app.should_exit() {
            break;
        }
        outlets.sounder.warm_ahead(&app.sound, app.next_cue_at(now), now);
        let view = app.time_view(now);
        if dirty || last_view != Some(view) {
            // A terminal that cannot be written to has gone (a closed window): end the
            // session as stopped, as a hang-up would.
            if guard.terminal.draw(|frame| crate::ui::draw(frame, &app, now)).is_err() {
                let effects = app.stop(now);
                outlets.apply(&effects, &mut app, now);
                break;
            }
            last_view = Some(view);
            dirty = false;
        }
        let Some(input) = next_input(&inputs, app.next_wake(now).map(|at| at.saturating_sub(now))) else { continue };
        match input {
            Input::Key(key) if keys::is_suspend(key) => suspend(&mut guard, &mut app, &mut outlets, &clock)?,
            Input::Key(key) => {
                let now = clock.now();
                let effects = app.key(key, now);
                outlets.apply(&effects, &mut app, now);
            }
            Input::Suspend => suspend(&mut guard, &mut app, &mut outlets, &clock)?,
            Input::Resize => {}
            Input::NoSoundDevice => {
                app.sound.bell = true;
                app.notice = Some(outlets.sounder.no_device_notice().to_string());
            }
            Input::Stop | Input::Closed => {
                let now = clock.now();
                let effects = app.stop(now);
                outlets.apply(&effects, &mut app, now);
                break;
            }
        }
        dirty = true;
    }
    drop(guard);
    Ok(app)
}

/// Where a session's effects go: sound and the history.
struct Outlets {
    sounder: Sounder,
    /// The history of the current run, from its start.
    recorder: Option<Recorder>,
}

impl Outlets {
    fn apply(&mut self, effects: &[Effect], app: &mut App, now: Duration) {
        self.sounder.handle(effects, &app.sound);
        let Some(run) = app.run() else { return };
        if effects.iter().any(|e| matches!(e, Effect::Record(Record::Started { .. }))) {
            self.recorder = Some(Recorder::new(crate::history::path().as_deref()));
        }
        if let Some(warning) = self.recorder.as_mut().and_then(|r| r.record(effects, run, now)) {
            app.notice = Some(warning);
        }
    }
}

/// Waits for the next input, or until `timeout` passes (forever without one).
fn next_input(inputs: &Receiver<Input>, timeout: Option<Duration>) -> Option<Input> {
    match timeout {
        Some(timeout) => match inputs.recv_timeout(timeout) {
            Ok(input) => Some(input),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => Some(Input::Closed),
        },
        None => Some(inputs.recv().unwrap_or(Input::Closed)),
    }
}

/// Hands the terminal back and stops the process (Ctrl-Z); on `fg`, takes the terminal
/// again and redraws. The session is paused meanwhile.
fn suspend(guard: &mut TerminalGuard, app: &mut App, outlets: &mut Outlets, clock: &MonotonicClock) -> Result<()> {
    let now = clock.now();
    let effects = app.pause(now);
    outlets.apply(&effects, app, now);
    restore();
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP).context("suspending")?;
    setup().context("setting up the terminal again")?;
    // A new terminal has empty buffers, so the next draw repaints every cell. (`clear`
    // would ask the terminal for the cursor position, which not every terminal answers.)
    execute!(io::stdout(), terminal::Clear(terminal::ClearType::All)).context("redrawing the screen")?;
    guard.terminal = Terminal::new(QuietBackend::new(io::stdout())).context("redrawing the screen")?;
    Ok(())
}

/// A line for the main screen after leaving: how far the session went.
pub fn farewell(app: &App) -> Option<String> {
    let run = app.run()?;
    let session = &run.session;
    let holds = session.plan().hold_count();
    let (done, _) = session.hold_counts();
    let name = &run.routine.name;
    match session.status() {
        Status::Finished { completed: true } => Some(format!("{name}: done, {done} of {holds} holds.")),
        Status::Finished { completed: false } => Some(format!("{name}: stopped after {done} of {holds} holds.")),
        _ => None,
    }
}
