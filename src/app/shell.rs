//! The shell around the pure parts: the terminal, the clock, input and signals.
//!
//! It waits for whichever comes first: a key, a resize, a signal, or the next moment
//! something visible changes. There is no fixed-rate redraw: it draws only when the shown
//! time, the phase or the state changed. The terminal is given back as it was on every
//! way out: quit, error, panic, SIGTERM, SIGHUP; Ctrl-Z suspends and a resume redraws.

use std::io::{self, Stdout, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context, Result};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event as TermEvent};
use ratatui::crossterm::{cursor, execute, terminal};

use super::{App, keys};
use crate::session::clock::{Clock, MonotonicClock};
use crate::session::{Effect, Status};

/// How often the loop looks at signal flags when nothing else wakes it. Waking costs a
/// few microseconds; a SIGTERM is then answered within this time.
const SIGNAL_CHECK: Duration = Duration::from_millis(500);

/// Signals the loop reacts to, raised by handlers that only set a flag.
struct Signals {
    stop: Arc<AtomicBool>,
    suspend: Arc<AtomicBool>,
}

impl Signals {
    fn register() -> Result<Self> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
        let stop = Arc::new(AtomicBool::new(false));
        let suspend = Arc::new(AtomicBool::new(false));
        for signal in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
            signal_hook::flag::register(signal, Arc::clone(&stop)).context("installing a signal handler")?;
        }
        signal_hook::flag::register(SIGTSTP, Arc::clone(&suspend)).context("installing a signal handler")?;
        Ok(Self { stop, suspend })
    }
}

/// Raw mode and the alternate screen, undone on drop and by the panic hook.
struct TerminalGuard {
    terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl TerminalGuard {
    fn enter() -> Result<Self> {
        install_panic_hook();
        setup().context("setting up the terminal")?;
        let terminal = Terminal::new(CrosstermBackend::new(io::stdout())).context("setting up the terminal")?;
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
    let _ = execute!(io::stdout(), cursor::Show, terminal::LeaveAlternateScreen);
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
    let signals = Signals::register()?;
    let mut guard = TerminalGuard::enter()?;
    let clock = MonotonicClock::new();
    let mut dirty = true;
    let mut last_view = None;
    loop {
        if signals.stop.load(Ordering::Relaxed) {
            app.stop(clock.now());
            break;
        }
        if signals.suspend.swap(false, Ordering::Relaxed) {
            suspend(&mut guard, &mut app, &clock)?;
            dirty = true;
        }
        let now = clock.now();
        handle(&app.tick(now));
        if app.should_exit() {
            break;
        }
        let view = app.time_view(now);
        if dirty || last_view != Some(view) {
            guard.terminal.draw(|frame| crate::ui::draw(frame, &app, now)).context("drawing the screen")?;
            last_view = Some(view);
            dirty = false;
        }
        let wait = app.next_wake(now).map_or(SIGNAL_CHECK, |at| at.saturating_sub(now)).min(SIGNAL_CHECK);
        if !event::poll(wait).context("reading the keyboard")? {
            continue;
        }
        match event::read().context("reading the keyboard")? {
            TermEvent::Key(key) if key.is_press() => {
                if keys::is_suspend(key) {
                    suspend(&mut guard, &mut app, &clock)?;
                } else {
                    handle(&app.key(key, clock.now()));
                }
                dirty = true;
            }
            TermEvent::Resize(..) => dirty = true,
            _ => {}
        }
        if app.should_exit() {
            break;
        }
    }
    drop(guard);
    Ok(app)
}

/// Hands the terminal back and stops the process (Ctrl-Z); on `fg`, takes the terminal
/// again and redraws. The session is paused meanwhile.
fn suspend(guard: &mut TerminalGuard, app: &mut App, clock: &MonotonicClock) -> Result<()> {
    handle(&app.pause(clock.now()));
    restore();
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP).context("suspending")?;
    setup().context("setting up the terminal again")?;
    // A new terminal has empty buffers, so the next draw repaints every cell. (`clear`
    // would ask the terminal for the cursor position, which not every terminal answers.)
    execute!(io::stdout(), terminal::Clear(terminal::ClearType::All)).context("redrawing the screen")?;
    guard.terminal = Terminal::new(CrosstermBackend::new(io::stdout())).context("redrawing the screen")?;
    Ok(())
}

/// Carries out the session's effects. Chimes and records arrive in later parts; the
/// redraw decision is taken by the loop.
fn handle(effects: &[Effect]) {
    for effect in effects {
        match effect {
            Effect::Cue(_) | Effect::Record(_) | Effect::Redraw | Effect::Exit => {}
        }
    }
}

/// A line for the main screen after leaving: how far the session went.
pub fn farewell(app: &App) -> Option<String> {
    let run = app.run()?;
    let session = &run.session;
    let holds = session.plan().hold_count();
    let done = session
        .plan()
        .phases
        .iter()
        .zip(session.outcomes())
        .filter(|(p, o)| p.kind == crate::plan::PhaseKind::Hold && o.is_some_and(|o| !o.skipped))
        .count();
    let name = &run.routine.name;
    match session.status() {
        Status::Finished { completed: true } => Some(format!("{name}: done, {done} of {holds} holds.")),
        Status::Finished { completed: false } => Some(format!("{name}: stopped after {done} of {holds} holds.")),
        _ => None,
    }
}
