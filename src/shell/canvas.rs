//! The frames the full screen shows: the last one shown and the next, compared so only
//! what changed is sent, through [`QuietBackend`].
//!
//! In place of ratatui's `Terminal` because of what a frame costs on a big window while
//! only the time changes, once a second for the whole session. `Terminal` asks the
//! terminal's size at every frame (crossterm opens `/dev/tty` for it) and compares every
//! cell of the two frames; at 210x55 that comparison was over half of the 2.4 million
//! instructions a second a hold cost (callgrind, before this). Here the size is asked only
//! when something besides the time changed (a resize is such a change), and a frame where
//! only the time changed compares only the places the view says can change
//! ([`Ticking`]); a test checks the views keep that promise.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Rect, Size};
use unicode_width::UnicodeWidthStr;

use super::backend::QuietBackend;
use crate::ui::Ticking;

/// See the module documentation.
#[derive(Debug)]
pub(crate) struct Canvas<W: Write> {
    backend: QuietBackend<W>,
    shown: Buffer,
    next: Buffer,
}

impl<W: Write> Canvas<W> {
    /// A canvas of `size` over `writer`, whose screen is cleared at the first frame.
    pub(crate) fn new(writer: W, size: Size) -> Self {
        let area = Rect::new(0, 0, size.width, size.height);
        Self { backend: QuietBackend::new(writer), shown: Buffer::empty(Rect::ZERO), next: Buffer::empty(area) }
    }

    /// Draws the frame `render` makes. `size` is the terminal's size when it may have
    /// changed, and says the frame is not only a change of time: it is compared whole.
    pub(crate) fn draw(&mut self, size: Option<Size>, render: impl FnOnce(&mut Buffer) -> Ticking) -> io::Result<()> {
        let mut whole = size.is_some();
        if let Some(size) = size
            && (size.width, size.height) != (self.next.area.width, self.next.area.height)
        {
            self.next = Buffer::empty(Rect::new(0, 0, size.width, size.height));
        }
        if self.shown.area != self.next.area {
            // A new size (or the first frame): start from a blank screen.
            self.backend.clear_region(ClearType::All)?;
            self.shown = Buffer::empty(self.next.area);
            whole = true;
        }
        self.next.reset();
        let ticking = render(&mut self.next);
        let changes = match ticking {
            Ticking::Only(places) if !whole => changes_in(&self.shown, &self.next, &places),
            _ => None,
        };
        let changes = changes.unwrap_or_else(|| self.shown.diff(&self.next));
        self.backend.draw(changes.into_iter())?;
        self.backend.hide_cursor()?;
        Backend::flush(&mut self.backend)?;
        std::mem::swap(&mut self.shown, &mut self.next);
        Ok(())
    }
}

/// The cells of `places` that differ between the two frames of one size, or `None` where
/// a changed cell is not one column wide: a wide character changes the cells beside it,
/// which the whole comparison handles.
fn changes_in<'a>(shown: &Buffer, next: &'a Buffer, places: &[Rect]) -> Option<Vec<(u16, u16, &'a Cell)>> {
    let narrow = |cell: &Cell| cell.symbol().len() == 1 || cell.symbol().width() == 1;
    let mut changes = Vec::new();
    for place in places {
        let place = place.intersection(next.area);
        for y in place.top()..place.bottom() {
            let start = next.index_of(place.x, y);
            let row = start..start + usize::from(place.width);
            for (i, (old, new)) in shown.content[row.clone()].iter().zip(&next.content[row]).enumerate() {
                if old != new {
                    if !narrow(old) || !narrow(new) {
                        return None;
                    }
                    changes.push((place.x + u16::try_from(i).unwrap_or(0), y, new));
                }
            }
        }
    }
    Some(changes)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::app::App;
    use crate::config::Config;
    use crate::remembered::SoundLevel;
    use crate::routine::Fallbacks;
    use crate::routine::library;
    use crate::run::Run;
    use crate::shell::backend::tests::Shared;

    fn started() -> App {
        let file = library::bundled().into_iter().find(|l| l.source.path.to_str() == Some("sore-back-legs.toml"));
        start(file.expect("bundled"))
    }

    /// A session of a routine whose figure moves: cat-cow's two key frames, 4 s each.
    fn moving() -> App {
        use crate::files::SourceFile;
        use crate::routine::library::{Origin, RoutineFile};
        let text = "name = \"Moving\"\n[[step]]\nname = \"Cat-cow\"\npose = \"cat-cow\"\nduration = \"1m\"\n";
        start(RoutineFile::new(Origin::User, SourceFile { path: "moving.toml".into(), text: text.into() }))
    }

    fn start(file: library::RoutineFile) -> App {
        let run = Run::new(file, &Fallbacks::default()).expect("valid");
        let mut app = App::with_run(run, Config::default(), SoundLevel::default());
        let enter = ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Enter);
        app.key(enter, Duration::ZERO);
        app
    }

    /// What a terminal shows, colours and all, after a frame at every second to `until`:
    /// each a change of time alone unless the session says otherwise (as the shell does),
    /// or each whole.
    fn shown(size: Size, until: u64, always_whole: bool) -> String {
        shown_of(started(), size, until, always_whole).screen().contents_formatted()
    }

    fn shown_of(mut app: App, size: Size, until: u64, always_whole: bool) -> vt100::Parser {
        let out = Shared::default();
        let mut canvas = Canvas::new(out.clone(), size);
        for second in 0..=until {
            let now = Duration::from_secs(second);
            let effects = app.tick(now);
            let whole = always_whole || second == 0 || effects.contains(&crate::app::Effect::Redraw);
            canvas.draw(whole.then_some(size), |buf| crate::ui::draw(buf, &app, now)).unwrap();
        }
        let nz = |n: u16| std::num::NonZeroU16::new(n).unwrap();
        let mut terminal = vt100::Parser::new(nz(size.height), nz(size.width), 0);
        terminal.process(&out.0.borrow());
        terminal
    }

    /// What a person sees: each cell's text, its background, and its colour where it has
    /// text.
    fn visible(screen: &vt100::Screen) -> String {
        use std::fmt::Write as _;
        let (rows, cols) = screen.size();
        let mut out = String::new();
        for row in 0..rows.get() {
            for col in 0..cols.get() {
                let Some(cell) = screen.cell(row, col) else { continue };
                let text = cell.contents();
                let fg = if text.trim().is_empty() { None } else { Some(cell.fgcolor()) };
                let _ = write!(out, "{text:?}{fg:?}{:?}{}|", cell.bgcolor(), cell.inverse());
            }
            out.push('\n');
        }
        out
    }

    #[test]
    fn frames_of_time_alone_show_what_whole_frames_show() {
        // Through a get-ready, a hold, a switch and into the other side's hold.
        for size in [Size::new(80, 24), Size::new(210, 55)] {
            assert_eq!(shown(size, 45, false), shown(size, 45, true), "at {size:?}");
        }
    }

    #[test]
    fn a_moving_figure_changes_on_screen_with_the_time_alone() {
        let size = Size::new(210, 55);
        // Into the first frame, then the second: each second a frame of time alone.
        // (A blank keeps the colour it had where nothing shows it: only what shows counts.)
        let seen = |until, whole| visible(shown_of(moving(), size, until, whole).screen());
        for until in [7, 9, 13] {
            assert_eq!(seen(until, false), seen(until, true), "at {until} s");
        }
        // The figure's column, on the left.
        let figure = |until| {
            let rows: Vec<String> = shown_of(moving(), size, until, true).screen().rows(0, 70).collect();
            rows[3..46].join("\n")
        };
        assert_eq!(figure(5), figure(7), "one key frame for 4 s");
        assert_ne!(figure(7), figure(9), "the second key frame shows at 4 s into the phase");
        assert!(figure(9).contains('▀'), "{}", figure(9));
    }
}
