//! The screens, drawn from the application state. Views do no I/O and read no clock: the
//! time to show is passed in, so every screen can be pinned by a snapshot.
//!
//! - [`picker`]: choose a routine, with a preview.
//! - [`ready`]: the plan and its total, before the start.
//! - [`stretch`]: the walk-through, one screen per phase.
//! - [`summary`]: what was done, at the end.
//! - [`history`]: the history view of `supple history`: weeks, days, streak, charts.
//! - [`overlay`]: paused, help and quit panels.
//! - [`big_text`], [`theme`]: the big font of the countdown and the phase, and the colours.
//! - [`figure`]: a pose drawn as a stick figure, its working side lit; [`gallery`]: the
//!   pose library, for `supple poses`.
//! - [`narration`]: plain mode's view, one line per transition.
//! - [`title`]: the terminal window's title.

pub mod big_text;
pub(crate) mod figure;
pub(crate) mod gallery;
pub mod history;
pub(crate) mod make_form;
pub mod narration;
pub mod overlay;
pub mod picker;
pub mod ready;
pub mod stretch;
pub mod summary;
pub mod theme;
pub(crate) mod title;

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::{App, Screen};
use crate::session::Status;

/// Where a screen can change while nothing but the time does: a second later, only the
/// cells in these places may differ. The shell compares only them then, which is most of
/// what a frame costs on a big window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ticking {
    /// Anywhere.
    Everywhere,
    /// Only in these areas.
    Only(Vec<Rect>),
}

/// Draws the whole screen for `app` at `now` into `buf`, which is blank and the size of
/// the terminal; says where it would change with the time alone.
pub fn draw(buf: &mut Buffer, app: &App, now: Duration) -> Ticking {
    let area = buf.area;
    if area.width == 0 || area.height == 0 {
        return Ticking::Everywhere;
    }
    let ticking = match &app.screen {
        Screen::Picker(picker) => {
            picker::draw(buf, area, picker, app);
            Ticking::Only(Vec::new())
        }
        Screen::Run(run) => match run.session.status() {
            Status::Ready => {
                ready::draw(buf, area, run, app);
                Ticking::Only(Vec::new())
            }
            Status::Running | Status::Paused => stretch::draw(buf, area, run, app, now),
            Status::Finished { .. } => {
                summary::draw(buf, area, run, app, now);
                Ticking::Everywhere
            }
        },
    };
    if let Screen::Run(run) = &app.screen {
        overlay::draw(buf, area, app, &run.session, app.help_scroll);
    }
    ticking
}

/// A line with `left` at the start and `right` at the end of `width`, the left part cut
/// short if both do not fit.
pub(crate) fn split_line<'a>(left: Vec<Span<'a>>, right: Span<'a>, width: u16) -> Line<'a> {
    let width = usize::from(width);
    let right_width = right.width();
    let left_width: usize = left.iter().map(Span::width).sum();
    if right_width == 0 || left_width + 1 + right_width > width {
        return Line::from(left);
    }
    let mut spans = left;
    spans.push(Span::raw(" ".repeat(width - left_width - right_width)));
    spans.push(right);
    Line::from(spans)
}

/// Draws one line of text into row `y` of `area`, if that row exists.
pub(crate) fn line_at(buf: &mut Buffer, area: Rect, y: u16, line: Line<'_>) {
    if y < area.height {
        Paragraph::new(line).render(Rect::new(area.x, area.y + y, area.width, 1), buf);
    }
}

/// "Focus: " and `text`, keeping the line breaks a person wrote in it.
pub(crate) fn labelled<'a>(label: &'a str, text: &'a str, label_style: Style, style: Style) -> Text<'a> {
    let mut lines = text.lines();
    let first = Line::from(vec![Span::styled(label, label_style), Span::styled(lines.next().unwrap_or(""), style)]);
    Text::from(std::iter::once(first).chain(lines.map(|l| Line::styled(l, style))).collect::<Vec<_>>())
}

/// `text` cut to `width` columns with an ellipsis.
pub(crate) fn fit(text: &str, width: u16) -> String {
    crate::text::truncate(text, usize::from(width))
}

/// A bar of `width` cells, `ratio` of it filled; `filled` should set a background or
/// reverse video, as the filled cells are spaces.
pub(crate) fn bar(ratio: f64, width: u16, filled: Style, track: Style) -> Line<'static> {
    let ratio = if ratio.is_finite() { ratio.clamp(0.0, 1.0) } else { 0.0 };
    let cells = f64::from(width) * ratio;
    // Whole cells only: fewer changes a second, fewer bytes to the terminal.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let full = (cells.floor() as u16).min(width);
    Line::from(vec![
        Span::styled(" ".repeat(usize::from(full)), filled),
        Span::styled("░".repeat(usize::from(width - full)), track),
    ])
}

/// Area `area` less a margin of `x` columns and `y` rows on each side, when there is room.
pub(crate) fn inset(area: Rect, x: u16, y: u16) -> Rect {
    let x = if area.width >= 40 {
        x
    } else if area.width >= 10 {
        x.min(1)
    } else {
        0
    };
    let y = if area.height >= 20 { y } else { 0 };
    Rect::new(area.x + x, area.y + y, area.width - 2 * x, area.height - 2 * y)
}
