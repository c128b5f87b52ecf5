//! The ready screen: the routine's plan, step by step, with the total time, before the
//! person starts.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::{Paragraph, Wrap};

use super::theme::Theme;
use super::{fit, inset, line_at, split_line};
use crate::app::App;
use crate::config::keymap::Action;
use crate::duration;
use crate::routine::{Fallbacks, Sides, StepKind};
use crate::run::Run;

pub(crate) fn draw(buf: &mut Buffer, area: Rect, run: &Run, app: &App) {
    let area = inset(area, 2, 1);
    let theme = Theme::of(app.settings.theme);
    let plan = run.session.plan();
    // A resumed session counts only what is left.
    let left = run.session.total_remaining(std::time::Duration::ZERO);
    let total = Span::styled(duration::clock(left), theme.title());
    line_at(
        buf,
        area,
        0,
        split_line(vec![Span::styled(fit(&run.file.routine.name, area.width), theme.title())], total, area.width),
    );
    let mut y = 1;
    let footer_rows = 2;
    let (intro, style) = match &run.resumed {
        Some(_) => (crate::text::sanitize(&crate::wording::resuming(run).unwrap_or_default(), false), theme.label()),
        None => (run.file.routine.description.clone(), theme.dim()),
    };
    if !intro.is_empty() && area.height > 8 {
        let rows = Paragraph::new(intro.as_str()).wrap(Wrap { trim: true }).line_count(area.width);
        let most = if run.resumed.is_some() { 4 } else { 3 };
        let rows = u16::try_from(rows).unwrap_or(2).min(most).min(area.height.saturating_sub(y + footer_rows + 3));
        let rect = Rect::new(area.x, area.y + y, area.width, rows);
        Paragraph::new(intro.as_str()).style(style).wrap(Wrap { trim: true }).render(rect, buf);
        y += rows + 1;
    }
    // What to fetch before starting, above the steps, where it is read first.
    let equipment = run.file.routine.equipment();
    if !equipment.is_empty() && area.height > 6 {
        let line = Line::from(vec![
            Span::styled("Bring: ", theme.label()),
            Span::styled(fit(&equipment.join(", "), area.width.saturating_sub(7)), theme.title()),
        ]);
        line_at(buf, area, y, line);
        y += 2;
    }
    // Why the holds are not as the file writes them: grown with the weeks, scaled.
    let today = crate::wording::holds_today(&run.file.routine, &app.settings.fallbacks, &run.practice);
    if !today.is_empty() && area.height > 10 {
        for line in &today {
            line_at(buf, area, y, Line::styled(fit(line, area.width), theme.label()));
            y += 1;
        }
        y += 1;
    }
    let strip = strip_rows(run, area, y + footer_rows);
    let list_rows = area.height.saturating_sub(y + footer_rows + strip);
    let steps = &run.file.routine.steps;
    let shown = usize::from(list_rows).min(steps.len());
    for (i, _) in steps.iter().enumerate().take(shown) {
        let line = if i + 1 == shown && shown < steps.len() {
            Line::styled(format!("   … and {} more", steps.len() - i), theme.dim())
        } else {
            step_line(run, i, &app.settings.fallbacks, area.width, theme)
        };
        line_at(buf, area, y, line);
        y += 1;
    }
    if strip > 0 {
        figures(buf, Rect { y: area.y + y + 1, height: strip - 1, ..area }, run, &app.settings.fallbacks, theme);
        y += strip;
    }
    let summary = match &run.resumed {
        Some(_) => format!("{} left of {}", duration::compact(left), duration::compact(plan.total())),
        None => format!("{} holds · {} in all", plan.hold_count(), duration::compact(plan.total())),
    };
    let key = |action| app.settings.keys.first(action);
    let (help, quit) = (key(Action::Help), key(Action::Quit));
    let hint = if area.width >= 50 {
        format!("{} or Enter to start · {help} keys · {quit} quit", key(Action::Pause))
    } else {
        format!("{}: start · {quit}: quit", key(Action::Pause))
    };
    let hint = hint.as_str();
    line_at(buf, area, area.height.saturating_sub(2).max(y), Line::styled(fit(&summary, area.width), theme.dim()));
    let hint = match app.notice() {
        Some(notice) => Line::styled(fit(notice, area.width), theme.notice()),
        None => Line::styled(fit(hint, area.width), theme.label()),
    };
    line_at(buf, area, area.height.saturating_sub(1).max(y + 1), hint);
}

/// Rows of small figures, one per step, under the list.
const STRIP_ROWS: u16 = 6;
/// The narrowest a small figure's tile may be.
const TILE_MIN: u16 = 10;

/// The rows the strip of small figures takes: none unless every step has a pose, each
/// gets a tile, and the whole list still fits above them.
fn strip_rows(run: &Run, area: Rect, used: u16) -> u16 {
    let steps = &run.file.routine.steps;
    let count = u16::try_from(steps.len()).unwrap_or(u16::MAX);
    let fits = steps.iter().all(|s| s.pose.is_some())
        && count.saturating_mul(TILE_MIN) <= area.width
        && used + count + 1 + STRIP_ROWS < area.height;
    if fits { STRIP_ROWS + 1 } else { 0 }
}

/// A small figure for each step, its number beneath, on the first side it is held.
fn figures(buf: &mut Buffer, area: Rect, run: &Run, fallbacks: &Fallbacks, theme: Theme) {
    let steps = &run.file.routine.steps;
    let count = u16::try_from(steps.len()).unwrap_or(1).max(1);
    let tile = (area.width / count).min(18);
    for (i, step) in steps.iter().enumerate() {
        let Some(pose) = &step.pose else { continue };
        let x = area.x + u16::try_from(i).unwrap_or(0) * tile;
        let side = run.file.routine.resolve(i, fallbacks, &run.practice).sides.order().first().copied();
        let place = Rect::new(x, area.y, tile - 1, area.height.saturating_sub(1));
        super::figure::draw(buf, place, pose, 0, side, theme.figure(super::theme::Look::Hold));
        let label = Line::styled(format!("{}", i + 1), theme.label()).centered();
        label.render(Rect::new(x, area.y + area.height.saturating_sub(1), tile - 1, 1), buf);
    }
}

/// " 3  Straight-leg calf stretch        2 × 30s · both sides".
fn step_line(run: &Run, index: usize, fallbacks: &Fallbacks, width: u16, theme: Theme) -> Line<'static> {
    let step = &run.file.routine.steps[index];
    let t = run.file.routine.resolve(index, fallbacks, &run.practice);
    let detail = match step.kind {
        StepKind::Activity { duration } => duration::compact(duration),
        StepKind::Stretch => {
            let reps = if t.reps > 1 { format!("{} × ", t.reps) } else { String::new() };
            let sides = match t.sides {
                Sides::Centre => "",
                Sides::LeftThenRight | Sides::RightThenLeft => " · both sides",
                Sides::LeftOnly => " · left",
                Sides::RightOnly => " · right",
            };
            format!("{reps}{}{sides}", duration::compact(t.hold))
        }
    };
    let number = format!("{:>3}  ", index + 1);
    let detail = Span::styled(detail, theme.dim());
    let name_width = width.saturating_sub(u16::try_from(number.len() + detail.width() + 1).unwrap_or(0));
    split_line(vec![Span::styled(number, theme.label()), Span::raw(fit(&step.name, name_width))], detail, width)
}
