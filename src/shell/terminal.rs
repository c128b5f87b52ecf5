//! The full-screen front: raw mode and the alternate screen, taken on entry and given back
//! on every way out (drop, the panic hook, a suspend, the editor), and frames drawn only
//! when something visible changed.

use std::io::{self, Stdout, Write};
use std::time::Duration;

use anyhow::{Context, Result};
use ratatui::Terminal;
use ratatui::crossterm::{cursor, execute, terminal};

use super::Front;
use super::backend::QuietBackend;
use crate::app::App;

/// The terminal, in raw mode on the alternate screen while this lives.
pub(crate) struct FullScreen {
    terminal: Terminal<QuietBackend<Stdout>>,
    /// What the time-dependent part of the last frame showed.
    last_view: Option<(usize, u64, u64)>,
}

impl std::fmt::Debug for FullScreen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FullScreen").field("last_view", &self.last_view).finish_non_exhaustive()
    }
}

impl FullScreen {
    pub(crate) fn enter() -> Result<Self> {
        install_panic_hook();
        setup().context("setting up the terminal")?;
        let terminal = Terminal::new(QuietBackend::new(io::stdout())).context("setting up the terminal")?;
        Ok(Self { terminal, last_view: None })
    }
}

impl Drop for FullScreen {
    fn drop(&mut self) {
        restore();
    }
}

impl Front for FullScreen {
    fn show(&mut self, app: &App, now: Duration, changed: bool) -> io::Result<()> {
        let view = app.time_view(now);
        if !changed && self.last_view == Some(view) {
            return Ok(());
        }
        self.terminal.draw(|frame| crate::ui::draw(frame, app, now))?;
        self.last_view = Some(view);
        Ok(())
    }

    fn release(&mut self) {
        restore();
    }

    fn retake(&mut self) -> Result<()> {
        setup().context("setting up the terminal again")?;
        // A new terminal has empty buffers, so the next draw repaints every cell. (`clear`
        // would ask the terminal for the cursor position, which not every terminal answers.)
        execute!(io::stdout(), terminal::Clear(terminal::ClearType::All)).context("redrawing the screen")?;
        self.terminal = Terminal::new(QuietBackend::new(io::stdout())).context("redrawing the screen")?;
        self.last_view = None;
        Ok(())
    }

    fn warn(&mut self, app: &mut App, text: &str, now: Duration) {
        app.set_notice(text, now, None);
    }

    fn resumes_after_suspend(&self) -> bool {
        false
    }

    fn ends_with_session(&self) -> bool {
        false
    }
}

fn setup() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    execute!(io::stdout(), terminal::EnterAlternateScreen, cursor::Hide)
}

/// Gives the terminal back: cursor, main screen, cooked mode. Safe to call twice.
fn restore() {
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
