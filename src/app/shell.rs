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

use super::follow::{self, Follower};
use super::input::{self, Gate, Input};
use super::quiet_backend::QuietBackend;
use super::sounder::Sounder;
use super::{App, BRIEF, EditRequest, Screen, keys};
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
    let mut outlets = Outlets { sounder: Sounder::new(chimes, app.bell), recorder: None };
    let mut follower = Follower::new(tx.clone());
    let mut guard = TerminalGuard::enter()?;
    let gate = Arc::new(Gate::default());
    input::spawn_keys(tx, Arc::clone(&gate)).context("reading the keyboard")?;
    let clock = MonotonicClock::new();
    let mut dirty = true;
    let mut last_view = None;
    loop {
        let now = clock.now();
        let mut effects = follower.reload_if_due(&mut app, now);
        effects.extend(app.tick(now));
        outlets.apply(&effects, &mut app, now);
        if app.should_exit() {
            break;
        }
        follower.follow(&app);
        outlets.sounder.warm_ahead(&app.sound, app.next_cue_at(now), now);
        dirty |= !effects.is_empty() || app.expire_notice(now);
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
        let wake = [app.next_wake(now), follower.due()].into_iter().flatten().min();
        let Some(input) = next_input(&inputs, wake.map(|at| at.saturating_sub(now))) else { continue };
        match input {
            Input::Key(key) if keys::is_suspend(key) => suspend(&mut guard, &mut app, &mut outlets, &clock)?,
            Input::Key(key) => {
                let now = clock.now();
                let effects = app.key(key, now);
                outlets.apply(&effects, &mut app, now);
                if let Some(request) = app.edit_request.take() {
                    edit(&mut guard, &mut app, &mut outlets, &gate, &clock, request)?;
                    follower.follow(&app);
                }
            }
            Input::Suspend => suspend(&mut guard, &mut app, &mut outlets, &clock)?,
            Input::Resize => {}
            Input::RoutineChanged => follower.changed(clock.now()),
            Input::NoSoundDevice => {
                app.sound.bell = true;
                app.set_notice(outlets.sounder.no_device_notice(), clock.now(), None);
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

/// Opens the routine in the editor (`e`): the session pauses, the terminal and the
/// keyboard are handed to the editor, and on return the edited file is applied and a
/// session that was running goes on.
fn edit(
    guard: &mut TerminalGuard,
    app: &mut App,
    outlets: &mut Outlets,
    gate: &Gate,
    clock: &MonotonicClock,
    request: EditRequest,
) -> Result<()> {
    let now = clock.now();
    let paused = app.pause(now);
    outlets.apply(&paused, app, now);
    if request == EditRequest::CopyThenOpen && !copy_for_editing(app, now) {
        resume_after(app, outlets, clock, !paused.is_empty());
        return Ok(());
    }
    let Some(path) = app.run().map(|r| r.loaded.source.path.clone()) else { return Ok(()) };
    gate.set_open(false);
    restore();
    let opened = crate::editing::editor::open(&path);
    let taken_back = take_terminal_again(guard);
    gate.set_open(true);
    taken_back?;
    let now = clock.now();
    match opened {
        Ok(_) => {
            let effects = follow::reload_now(app, now);
            outlets.apply(&effects, app, now);
            if effects.is_empty() {
                app.set_notice("No changes.", now, Some(BRIEF));
            }
        }
        Err(error) => {
            let text = format!("Could not start the editor `{}`: {error}", crate::editing::editor::command());
            app.set_notice(&text, now, Some(BRIEF));
        }
    }
    resume_after(app, outlets, clock, !paused.is_empty());
    Ok(())
}

/// Copies the bundled routine on screen into the user's routines and makes the session
/// follow the copy; false (with a notice) if it could not.
fn copy_for_editing(app: &mut App, now: Duration) -> bool {
    let Screen::Run(run) = &mut app.screen else { return false };
    let copied = crate::routine::library::user_dir()
        .ok_or_else(|| anyhow::anyhow!("no config directory"))
        .and_then(|dir| crate::commands::edit::copy_to_user_dir(&run.loaded, &dir));
    match copied {
        Ok(path) => {
            run.loaded.origin = crate::routine::library::Origin::User;
            run.loaded.source.path = path;
            true
        }
        Err(error) => {
            app.set_notice(&format!("Could not copy the routine: {error:#}"), now, Some(BRIEF));
            false
        }
    }
}

fn resume_after(app: &mut App, outlets: &mut Outlets, clock: &MonotonicClock, was_running: bool) {
    if was_running {
        let now = clock.now();
        let effects = app.resume(now);
        outlets.apply(&effects, app, now);
    }
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
            app.set_notice(&warning, now, None);
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
    take_terminal_again(guard)
}

/// Takes the terminal back after handing it away, and repaints it whole.
fn take_terminal_again(guard: &mut TerminalGuard) -> Result<()> {
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
