//! The end of a session: how the holds went (held, shortened, skipped, counted as
//! everywhere else), how long it took, where the week stands against the guidance, and,
//! for a session stopped early, how to pick it up. Rows drop by importance as the screen
//! shrinks; none is cut mid-word.

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::{fit, inset, line_at};
use crate::app::{App, shown_seconds};
use crate::config::keymap::Action;
use crate::duration;
use crate::history::report::TARGET;
use crate::run::Run;
use crate::session::Status;
use crate::wording::plural;

/// Width of the labels' column.
const LABEL: usize = 11;

pub(crate) fn draw(buf: &mut Buffer, area: Rect, run: &Run, app: &App, now: Duration) {
    let theme = Theme::of(app.settings.theme);
    let area = inset(area, 2, 1);
    let session = &run.session;
    let tally = session.hold_tally();
    let completed = session.status() == Status::Finished { completed: true };
    let title = match (completed, tally.skipped + tally.shortened) {
        (true, 0) => "Well done!",
        (true, _) => "Done.",
        (false, _) => "Session stopped.",
    };
    let paused = Duration::from_secs(shown_seconds(session.paused_time(now)).saturating_sub(1));
    let mut time = duration::clock(session.active_time(now));
    if !paused.is_zero() && usize::from(area.width) >= LABEL + 20 {
        time = format!("{time} (paused {})", duration::clock(session.paused_time(now)));
    }
    let width = area.width;
    // (importance, line): the most important kept when rows run out.
    let mut rows: Vec<(u8, Line<'_>)> = vec![
        (0, Line::styled(fit(title, width), theme.title())),
        (5, Line::styled(fit(&run.file.routine.name, width), theme.dim())),
        (9, Line::from("")),
        (1, stat("Held", &format!("{} of {}", tally.done, plural(tally.total, "hold", "holds")), theme, width)),
    ];
    if tally.shortened > 0 {
        rows.push((3, stat("Shortened", &plural(tally.shortened, "hold", "holds"), theme, width)));
    }
    if tally.skipped > 0 {
        rows.push((3, stat("Skipped", &plural(tally.skipped, "hold", "holds"), theme, width)));
    }
    rows.push((2, stat("Time", &time, theme, width)));
    if let Some(standing) = app.standing {
        let this_week = standing.this_week + usize::from(tally.counts_for_week(completed));
        let (least, most) = TARGET;
        let week = format!("{} (the guidance: {least} to {most})", plural(this_week, "session", "sessions"));
        rows.push((4, stat("This week", &week, theme, width)));
        let streak = standing.streak(this_week);
        if streak > 0 {
            rows.push((6, stat("Streak", &format!("{} in a row", plural(streak, "week", "weeks")), theme, width)));
        }
    }
    if let Some(advice) = crate::wording::pain_advice(run) {
        rows.push((9, Line::from("")));
        for line in wrapped(&advice, usize::from(width)) {
            rows.push((1, Line::styled(line, theme.notice())));
        }
    }
    rows.push((9, Line::from("")));
    if !completed {
        rows.push((2, Line::styled(fit("`supple resume` picks it up", width), theme.label())));
    }
    let quit = app.settings.keys.first(Action::Quit);
    rows.push((1, Line::styled(fit(&format!("{quit} or Enter to leave"), width), theme.label())));
    // Drop the least important rows until the rest fit.
    while rows.len() > usize::from(area.height) {
        let Some(drop) = rows.iter().enumerate().max_by_key(|(i, (importance, _))| (*importance, *i)).map(|(i, _)| i)
        else {
            break;
        };
        rows.remove(drop);
    }
    let top = area.height.saturating_sub(u16::try_from(rows.len()).unwrap_or(0)) / 2;
    for (i, (_, line)) in rows.into_iter().enumerate() {
        line_at(buf, area, top + u16::try_from(i).unwrap_or(0), line);
    }
}

/// "Held       7 of 8 holds", the value shortened to whole words when it does not fit.
fn stat(label: &str, value: &str, theme: Theme, width: u16) -> Line<'static> {
    let room = usize::from(width).saturating_sub(LABEL);
    Line::from(vec![Span::styled(crate::text::pad(label, LABEL), theme.label()), Span::raw(whole_words(value, room))])
}

/// `text` in lines of whole words of at most `width` columns (a longer word is cut).
fn wrapped(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ') {
        match lines.last_mut() {
            Some(line) if crate::text::width(line) + 1 + crate::text::width(word) <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(fit(word, u16::try_from(width).unwrap_or(u16::MAX))),
        }
    }
    lines
}

/// As many of `text`'s words as fit in `width` columns (a bracket's words go together).
fn whole_words(text: &str, width: usize) -> String {
    if crate::text::width(text) <= width {
        return text.to_string();
    }
    let cut = text.split(" (").next().unwrap_or(text);
    let mut out = String::new();
    for word in cut.split(' ') {
        let next = if out.is_empty() { word.to_string() } else { format!("{out} {word}") };
        if crate::text::width(&next) > width {
            break;
        }
        out = next;
    }
    out
}
