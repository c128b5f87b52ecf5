//! The full-screen front: raw mode, the alternate screen and the window's title, taken on
//! entry and given back on every way out (drop, the panic hook, a suspend, the editor), and
//! frames drawn only when something visible changed.

use std::io::{self, Stdout, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context, Result};
use ratatui::crossterm::{cursor, execute, terminal};
use ratatui::layout::Size;

use super::Front;
use super::canvas::Canvas;
use crate::app::{App, TimeView};
use crate::ui::title::{self, TitleKeeper};

/// The terminal, in raw mode on the alternate screen while this lives.
pub(crate) struct FullScreen {
    canvas: Canvas<Stdout>,
    /// What the time-dependent part of the last frame showed.
    last_view: Option<TimeView>,
    title: TitleKeeper,
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
        let canvas = Canvas::new(io::stdout(), size().context("setting up the terminal")?);
        Ok(Self { canvas, last_view: None, title: TitleKeeper::default() })
    }
}

impl FullScreen {
    /// Draws a frame of a screen that is not a session's (the history view), whole, at
    /// the terminal's size now.
    pub(crate) fn draw(
        &mut self,
        render: impl FnOnce(&mut ratatui::buffer::Buffer) -> crate::ui::Ticking,
    ) -> io::Result<()> {
        self.canvas.draw(Some(size()?), render)
    }

    /// Names the window, for a screen that is not a session's (the title is given back
    /// with the terminal).
    #[allow(clippy::unused_self)]
    pub(crate) fn name_window(&mut self, text: &str) -> io::Result<()> {
        set_title(&crate::text::sanitize(text, false))
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
        // Only a change besides the time can come with a new size.
        let size = if changed || self.last_view.is_none() { Some(size()?) } else { None };
        self.canvas.draw(size, |buf| crate::ui::draw(buf, app, now))?;
        self.last_view = Some(view);
        if let Some(text) = self.title.update(title::of(app, now), now) {
            set_title(&text)?;
        }
        Ok(())
    }

    fn release(&mut self) {
        restore();
    }

    fn retake(&mut self) -> Result<()> {
        setup().context("setting up the terminal again")?;
        // A new canvas starts from a cleared screen and repaints every cell.
        self.canvas = Canvas::new(io::stdout(), size().context("redrawing the screen")?);
        self.last_view = None;
        self.title.forget();
        Ok(())
    }

    fn warn(&mut self, app: &mut App, text: &str, now: Duration) {
        app.set_state(crate::app::Marker::HistoryNotSaved, text, now);
    }

    fn resumes_after_suspend(&self) -> bool {
        false
    }

    fn ends_with_session(&self) -> bool {
        false
    }
}

/// Whether the window's title was saved on the terminal's stack and is to be given back.
static TITLE_SAVED: AtomicBool = AtomicBool::new(false);

/// The terminal's size.
fn size() -> io::Result<Size> {
    let (width, height) = terminal::size()?;
    Ok(Size::new(width, height))
}

fn setup() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    execute!(io::stdout(), terminal::EnterAlternateScreen, cursor::Hide)?;
    // Saves the window's title (XTWINOPS 22), to give it back on the way out.
    TITLE_SAVED.store(true, Ordering::SeqCst);
    io::stdout().write_all(b"\x1b[22;0t")
}

/// Sets the window's title, with the string terminator every terminal reads (a bell would
/// ring on the few that do not know the sequence). `text` is made safe already.
fn set_title(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    write!(out, "\x1b]0;{text}\x1b\\")?;
    out.flush()
}

/// Gives the terminal back: its title, cursor, main screen, cooked mode. Safe to call twice.
fn restore() {
    let mut out = io::stdout();
    if TITLE_SAVED.swap(false, Ordering::SeqCst) {
        let _ = out.write_all(b"\x1b[23;0t");
    }
    let _ = execute!(
        out,
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
