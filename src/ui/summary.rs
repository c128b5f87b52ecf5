//! The end of a session: what was done, what was skipped, how long it took.

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::{fit, inset, line_at};
use crate::app::App;
use crate::duration;
use crate::run::Run;
use crate::session::Status;

pub(crate) fn draw(frame: &mut Frame<'_>, area: Rect, run: &Run, app: &App, now: Duration) {
    let theme = Theme::of(app.settings.theme);
    let area = inset(area, 2, 1);
    let session = &run.session;
    let (done, skipped) = session.hold_counts();
    let complete = session.status() == Status::Finished { completed: true };
    let title = if complete && skipped == 0 {
        "Well done!"
    } else if complete {
        "Done."
    } else {
        "Session stopped."
    };
    let paused = session.paused_time(now);
    let mut time = duration::clock(session.active_time(now));
    if !paused.is_zero() {
        time = format!("{time} (paused {})", duration::clock(paused));
    }
    let rows = [
        Line::styled(fit(title, area.width), theme.title()),
        Line::styled(fit(&run.routine.name, area.width), theme.dim()),
        Line::from(""),
        stat("Holds done", &format!("{done} of {}", session.plan().hold_count()), theme),
        stat("Holds skipped", &skipped.to_string(), theme),
        stat("Time", &time, theme),
        Line::from(""),
        Line::styled(fit("q or Enter to exit", area.width), theme.label()),
    ];
    let top = area.height.saturating_sub(u16::try_from(rows.len()).unwrap_or(0)) / 2;
    for (i, line) in rows.into_iter().enumerate() {
        line_at(frame, area, top + u16::try_from(i).unwrap_or(0), line);
    }
}

fn stat(label: &str, value: &str, theme: Theme) -> Line<'static> {
    Line::from(vec![Span::styled(format!("{label:<15}"), theme.label()), Span::raw(value.to_string())])
}
