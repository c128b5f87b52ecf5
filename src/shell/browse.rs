//! The history view's loop: keys and resizes in, a frame out after each change. No clock
//! and no sound: the view changes only when the person presses a key.

use std::sync::mpsc::channel;

use anyhow::{Context, Result};

use super::Front;
use super::input::{self, Input, KeyReader};
use super::terminal::FullScreen;
use crate::app::history_view::{HistoryView, Outcome};
use crate::app::keys::is_suspend;
use crate::config::ThemeName;

/// Shows `view` full-screen until the person leaves it (or asks to resume), and says which.
pub(crate) fn history(mut view: HistoryView, theme: ThemeName) -> Result<Outcome> {
    let (tx, inputs) = channel();
    input::spawn_signals(tx.clone()).context("installing signal handlers")?;
    let mut screen = FullScreen::enter()?;
    let keys = KeyReader::spawn(tx).context("reading the keyboard")?;
    let _ = screen.name_window("History · supple");
    draw(&mut screen, &mut view, theme)?;
    loop {
        match inputs.recv() {
            Ok(Input::Keys(batch)) => {
                let mut changed = false;
                for key in batch {
                    if is_suspend(key) {
                        screen.stop_process()?;
                        changed = true;
                        continue;
                    }
                    match view.key(key) {
                        Outcome::Stay(c) => changed |= c,
                        done => return Ok(done),
                    }
                }
                if changed {
                    draw(&mut screen, &mut view, theme)?;
                }
                keys.read_on();
            }
            Ok(Input::Resize) => draw(&mut screen, &mut view, theme)?,
            Ok(Input::Suspend) => {
                screen.stop_process()?;
                draw(&mut screen, &mut view, theme)?;
            }
            Ok(Input::Stop | Input::Closed) | Err(_) => return Ok(Outcome::Leave),
            Ok(_) => {}
        }
    }
}

/// Draws a frame, first keeping the open day's scroll within its lines.
fn draw(screen: &mut FullScreen, view: &mut HistoryView, theme: ThemeName) -> Result<()> {
    let (width, height) = ratatui::crossterm::terminal::size().context("reading the terminal's size")?;
    let most = crate::ui::history::day_scroll_limit(view, ratatui::layout::Rect::new(0, 0, width, height));
    view.clamp_scroll(most);
    screen.draw(|buf| crate::ui::history::draw(buf, view, theme)).context("drawing the history")?;
    Ok(())
}
