//! The walk-through screen: phase, stretch, side and rep, a big countdown, a gauge, the
//! how-to and focus, what comes next, and overall progress. It lays itself out for any
//! size, dropping detail as space runs out: the countdown and phase always stay.

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

use super::big_digits::{self, BigText};
use super::theme::Theme;
use super::{bar, fit, inset, labelled, line_at, split_line};
use crate::app::{App, shown_seconds};
use crate::config::keymap::{Action, Keymap};
use crate::duration;
use crate::plan::{Phase, PhaseKind};
use crate::routine::Routine;
use crate::run::Run;
use crate::session::{Session, Status};
use crate::wording;

/// What to show, worked out once per frame.
struct View<'a> {
    routine: &'a Routine,
    session: &'a Session,
    phase: Phase,
    remaining: u64,
    theme: Theme,
    /// "vol 70%", "muted", "bell".
    sound: String,
    keymap: &'a Keymap,
    big_digits: bool,
}

/// The parts of the screen that the available height allows, most important first.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
#[allow(clippy::struct_excessive_bools)]
struct Parts {
    progress: bool,
    next: bool,
    header: bool,
    focus: u16,
    footer: bool,
    how: u16,
    targets: bool,
    spacers: bool,
    scale: u16,
}

pub(crate) fn draw(frame: &mut Frame<'_>, area: Rect, run: &Run, app: &App, now: Duration) {
    let Some(phase) = run.session.phase().copied() else { return };
    let view = View {
        routine: &run.routine,
        session: &run.session,
        phase,
        remaining: shown_seconds(run.session.remaining(now)),
        theme: Theme::of(app.settings.theme),
        sound: sound_label(app),
        keymap: &app.settings.keys,
        big_digits: app.settings.big_digits,
    };
    let area = inset(area, 2, 1);
    let parts = choose_parts(&view, area);
    let mut y = 0;
    let row = |frame: &mut Frame<'_>, line: Line<'_>, y: &mut u16| {
        line_at(frame, area, *y, line);
        *y += 1;
    };
    if parts.header {
        row(frame, header(&view, area.width), &mut y);
        y += u16::from(parts.spacers);
    }
    // Rows to spare go mostly below the stretch, so it sits a little above the middle.
    y += area.height.saturating_sub(height(&parts)) / 3;
    row(frame, phase_line(&view, area.width), &mut y);
    row(frame, Line::styled(fit(&step_name(&view), area.width), view.theme.title()), &mut y);
    y += u16::from(parts.spacers);
    y += countdown(frame, area, y, &view, parts.scale);
    y += u16::from(parts.spacers);
    row(frame, gauge(&view, area.width), &mut y);
    y += u16::from(parts.spacers && (parts.focus > 0 || parts.how > 0));
    y += details(frame, area, y, &view, &parts);
    let bottom = bottom_lines(&view, &parts, area.width, now, app.notice());
    let top_of_bottom = area.height.saturating_sub(u16::try_from(bottom.len()).unwrap_or(0)).max(y);
    for (i, line) in bottom.into_iter().enumerate() {
        line_at(frame, area, top_of_bottom + u16::try_from(i).unwrap_or(0), line);
    }
}

fn choose_parts(view: &View<'_>, area: Rect) -> Parts {
    let clock = countdown_text(shown_seconds(view.session.length()), view.session.length());
    let fits_big = |scale: u16| big_digits::fit_scale(&clock, area.width, big_digits::height(scale)).is_some();
    let focus_lines = wrapped_lines(&view.routine.steps[view.phase.step].focus, area.width, 2);
    let how_lines = wrapped_lines(&view.routine.steps[view.phase.step].how, area.width, 3);
    let has_targets = !view.routine.steps[view.phase.step].targets.is_empty();
    let mut parts = Parts::default();
    let steps: [&dyn Fn(&mut Parts); 9] = [
        &|p| p.progress = true,
        &|p| p.next = true,
        &|p| p.scale = 1,
        &|p| p.header = true,
        &|p| p.focus = focus_lines,
        &|p| p.footer = true,
        &|p| p.how = how_lines,
        &|p| p.targets = has_targets,
        &|p| p.spacers = true,
    ];
    for step in steps {
        let mut next = parts;
        step(&mut next);
        if next.scale > 0 && (!view.big_digits || !fits_big(next.scale)) {
            next.scale = 0;
        }
        if height(&next) <= area.height {
            parts = next;
        }
    }
    while view.big_digits && parts.scale > 0 && parts.scale < max_scale(area) && fits_big(parts.scale + 1) {
        let bigger = Parts { scale: parts.scale + 1, ..parts };
        if height(&bigger) > area.height {
            break;
        }
        parts = bigger;
    }
    parts
}

/// The largest countdown for a screen. Every second redraws the digits that change, and
/// the bytes that costs grow with the square of the scale: a countdown ten rows tall is
/// readable across a room and keeps a session under 150 bytes a second, which matters
/// over SSH. Very tall screens get one size more.
fn max_scale(area: Rect) -> u16 {
    if area.height >= 60 { 3 } else { 2 }
}

/// Rows the parts take.
fn height(p: &Parts) -> u16 {
    let countdown = if p.scale > 0 { big_digits::height(p.scale) } else { 1 };
    let details = p.focus + p.how + u16::from(p.targets);
    let spacers = if p.spacers { 3 + u16::from(p.header) + u16::from(details > 0) + 1 } else { 0 };
    3 + countdown
        + u16::from(p.progress)
        + u16::from(p.next)
        + u16::from(p.header)
        + u16::from(p.footer)
        + details
        + spacers
}

fn wrapped_lines(text: &str, width: u16, max: u16) -> u16 {
    if text.is_empty() || width == 0 {
        return 0;
    }
    let lines = Paragraph::new(text).wrap(Wrap { trim: true }).line_count(width);
    u16::try_from(lines).unwrap_or(max).min(max)
}

/// "vol 70%", "muted", or "bell" when there is no sound device.
fn sound_label(app: &App) -> String {
    match (app.sound.muted, app.no_sound_device() && app.settings.bell) {
        (true, _) => "muted".to_string(),
        (false, true) => "bell".to_string(),
        (false, false) => format!("vol {}%", app.sound.volume),
    }
}

fn header<'a>(view: &View<'_>, width: u16) -> Line<'a> {
    let steps = view.routine.steps.len();
    let right = Span::styled(format!("stretch {} of {steps} · {}", view.phase.step + 1, view.sound), view.theme.dim());
    let name = fit(&view.routine.name, width.saturating_sub(u16::try_from(right.width()).unwrap_or(0) + 2));
    split_line(vec![Span::styled(name, view.theme.dim())], right, width)
}

fn phase_line<'a>(view: &View<'_>, width: u16) -> Line<'a> {
    let accent = view.theme.phase(view.phase.kind).add_modifier(Modifier::BOLD);
    let mut left = vec![Span::styled(wording::phase_label(&view.phase), accent)];
    if view.session.status() == Status::Paused {
        left.push(Span::styled(" · PAUSED", view.theme.notice().add_modifier(Modifier::BOLD)));
    }
    let right = if view.phase.reps > 1 && view.phase.kind != PhaseKind::GetReady {
        Span::styled(format!("rep {} of {}", view.phase.rep, view.phase.reps), view.theme.dim())
    } else {
        Span::raw("")
    };
    split_line(left, right, width)
}

fn step_name(view: &View<'_>) -> String {
    wording::title(view.routine, view.session.plan(), view.session.index())
}

/// "30", "1:30", "0:59": seconds alone in a phase under a minute, minutes and seconds in
/// a longer one, so the shape stays the same all through a phase.
pub(crate) fn countdown_text(seconds: u64, length: Duration) -> String {
    if length.as_secs() < 60 && seconds < 60 {
        seconds.to_string()
    } else {
        duration::clock(Duration::from_secs(seconds))
    }
}

/// Draws the countdown at row `y`; returns the rows it took.
fn countdown(frame: &mut Frame<'_>, area: Rect, y: u16, view: &View<'_>, scale: u16) -> u16 {
    let text = countdown_text(view.remaining, view.session.length());
    let widest = countdown_text(shown_seconds(view.session.length()), view.session.length());
    let paused = view.session.status() == Status::Paused;
    if scale == 0 {
        let style =
            if paused { view.theme.label() } else { view.theme.phase(view.phase.kind).add_modifier(Modifier::BOLD) };
        line_at(frame, area, y, Line::styled(text, style).centered());
        return 1;
    }
    let style = if paused { view.theme.fill_dim() } else { view.theme.fill(view.phase.kind) };
    let rows = big_digits::height(scale);
    let rect = Rect::new(area.x, area.y + y, area.width, rows.min(area.height.saturating_sub(y)));
    frame.render_widget(BigText { text: &text, widest: &widest, scale, style }, rect);
    rows
}

fn gauge(view: &View<'_>, width: u16) -> Line<'static> {
    let length = view.session.length().as_secs_f64();
    // Synchronised with the shown second, so the screen changes once a second at most.
    #[allow(clippy::cast_precision_loss)]
    let done = length - view.remaining as f64;
    let ratio = if length > 0.0 { done / length } else { 1.0 };
    bar(ratio, width, view.theme.fill(view.phase.kind), view.theme.track())
}

fn details(frame: &mut Frame<'_>, area: Rect, y: u16, view: &View<'_>, parts: &Parts) -> u16 {
    let step = &view.routine.steps[view.phase.step];
    let mut used = 0;
    let paragraph = |frame: &mut Frame<'_>, text: Text<'_>, rows: u16, used: &mut u16| {
        if rows == 0 || y + *used >= area.height {
            return;
        }
        let rows = rows.min(area.height - y - *used);
        let rect = Rect::new(area.x, area.y + y + *used, area.width, rows);
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), rect);
        *used += rows;
    };
    if parts.focus > 0 {
        let text = labelled("Focus: ", &step.focus, view.theme.label(), Style::new());
        paragraph(frame, text, parts.focus, &mut used);
    }
    if parts.how > 0 {
        paragraph(frame, Text::styled(step.how.as_str(), view.theme.dim()), parts.how, &mut used);
    }
    if parts.targets {
        let line = Line::from(vec![Span::styled("Targets: ", view.theme.label()), Span::raw(step.targets.join(", "))]);
        paragraph(frame, line.into(), 1, &mut used);
    }
    used
}

fn bottom_lines<'a>(view: &View<'_>, parts: &Parts, width: u16, now: Duration, notice: Option<&str>) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    if parts.next {
        let text = fit(&next_text(view), width);
        lines.push(Line::from(vec![Span::styled(text, view.theme.dim())]));
    }
    if parts.progress {
        lines.push(progress(view, width, now));
    }
    if view.session.status() == Status::Paused && view.session.overlay().is_none() {
        let text = fit(&format!("PAUSED · {} to resume", view.keymap.first(Action::Pause)), width);
        lines.push(Line::styled(text, view.theme.notice().add_modifier(Modifier::BOLD)));
    } else if parts.footer {
        let hint = notice.map_or_else(
            || Line::styled(fit(&footer(view.keymap), width), view.theme.label()),
            |n| Line::styled(fit(n, width), view.theme.notice()),
        );
        lines.push(hint);
    }
    lines
}

/// "space pause · ← back · → skip · ? keys · q quit", with the keys bound.
fn footer(keymap: &Keymap) -> String {
    [
        (Action::Pause, "pause"),
        (Action::Back, "back"),
        (Action::Skip, "skip"),
        (Action::Help, "keys"),
        (Action::Quit, "quit"),
    ]
    .into_iter()
    .filter(|(a, _)| !keymap.keys(*a).is_empty())
    .map(|(a, what)| format!("{} {what}", keymap.first(a)))
    .collect::<Vec<_>>()
    .join(" · ")
}

fn progress(view: &View<'_>, width: u16, now: Duration) -> Line<'static> {
    let total = view.session.plan().total().as_secs_f64();
    let left = Duration::from_secs(shown_seconds(view.session.total_remaining(now)));
    let ratio = if total > 0.0 { 1.0 - left.as_secs_f64() / total } else { 1.0 };
    let label = format!(" {} left", duration::clock(left));
    let label_width = u16::try_from(label.chars().count()).unwrap_or(0);
    if width < label_width + 6 {
        return Line::styled(fit(label.trim_start(), width), view.theme.dim());
    }
    let mut line = bar(ratio, width - label_width, view.theme.fill_dim(), view.theme.track());
    line.spans.push(Span::styled(label, view.theme.dim()));
    line
}

/// "Next: switch to the right side", "Next: rest 15s, then Child's pose".
fn next_text(view: &View<'_>) -> String {
    wording::next(view.routine, view.session.plan(), view.session.index())
}
