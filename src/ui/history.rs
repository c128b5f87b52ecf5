//! The history view (`supple history` on a terminal): where this week stands against the
//! guidance of 3 to 5 sessions and the streak; a calendar of weeks, a mark for every day;
//! sessions and minutes a week as bars; for a routine whose holds grow, its longest hold
//! week by week up to its cap; the holds marked pain. Enter opens the chosen day's
//! sessions over the charts.
//!
//! The calendar is drawn here, not with ratatui's `Monthly`: that widget needs the `time`
//! crate beside jiff, and it marks days by style alone, which the monochrome theme,
//! `NO_COLOR` and a screen reader's copy of the screen lose. Here a day is a glyph
//! (● counted, ◐ cut short, · nothing, ! pain) and the chosen day is bracketed. The bars
//! and the hold line are ratatui's `BarChart` and `Chart`.
//!
//! It lays itself out by size: the calendar alone below 76x20, the charts beside it above,
//! and the week's figures in big digits from 100x34, to be read from the mat.

use jiff::civil::Date;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Block, BorderType, Chart, Clear, Dataset, GraphType, Paragraph, Widget,
};

use super::big_text::{self, BigText};
use super::theme::{Look, Theme};
use super::{Ticking, fit, line_at, split_line};
use crate::app::history_view::HistoryView;
use crate::config::ThemeName;
use crate::history::figures::{DayMark, WeekFigures};
use crate::history::read::{HoldRecord, SessionRecord};
use crate::history::report::TARGET;
use crate::session::Ended;
use crate::wording::plural;

/// Columns the calendar takes: the chosen week's mark, the Monday, seven days, the count.
const CALENDAR_WIDTH: u16 = 1 + LABEL_WIDTH + 7 * DAY_WIDTH + COUNT_WIDTH;
/// Columns a week's Monday takes: "23 Nov"; "23 Nov'25" where there is room.
const LABEL_WIDTH: u16 = 6;
const LABEL_WITH_YEAR: u16 = 9;
/// Columns a day takes: `[●!]`.
const DAY_WIDTH: u16 = 4;
/// Columns the week's count takes: "3✓", after the last day's blank column.
const COUNT_WIDTH: u16 = 3;
/// The charts beside the calendar need this many columns: seven weeks of bars.
const MIN_CHARTS_WIDTH: u16 = 32;
/// The panel of an open day wants this many columns for a hold's line.
const PANEL_WIDTH: u16 = 58;

/// Where each part goes at one size.
struct Areas {
    header: Rect,
    /// The week's figures in big digits, on a large screen.
    figures: Option<Rect>,
    calendar: Rect,
    /// Beside the calendar, when there is room.
    charts: Option<Rect>,
    /// Where an open day's sessions are shown: over the charts, or the calendar.
    panel: Rect,
    footer: Rect,
}

fn areas(area: Rect) -> Areas {
    let margin_x = if area.width >= 60 { 2 } else { 1 };
    let margin_y = u16::from(area.height >= 20);
    let area = Rect::new(area.x + margin_x, area.y + margin_y, area.width - 2 * margin_x, area.height - 2 * margin_y);
    let [header, mut body, footer] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let mut figures = None;
    if area.width >= 100 && area.height >= 34 {
        let [top, _, rest] =
            Layout::vertical([Constraint::Length(big_text::height(1)), Constraint::Length(2), Constraint::Fill(1)])
                .areas(body);
        (figures, body) = (Some(top), rest);
    }
    let calendar_width = CALENDAR_WIDTH + LABEL_WITH_YEAR - LABEL_WIDTH;
    if body.width >= calendar_width + 2 + MIN_CHARTS_WIDTH && body.height >= 16 {
        let [calendar, _, charts] =
            Layout::horizontal([Constraint::Length(calendar_width), Constraint::Length(2), Constraint::Fill(1)])
                .areas(body);
        let panel = if charts.width >= PANEL_WIDTH { charts } else { body };
        Areas { header, figures, calendar, charts: Some(charts), panel, footer }
    } else {
        Areas { header, figures, calendar: body, charts: None, panel: body, footer }
    }
}

/// Draws `view` over the whole of `buf`.
pub fn draw(buf: &mut Buffer, view: &HistoryView, theme: ThemeName) -> Ticking {
    let theme = Theme::of(theme);
    if buf.area.width < 10 || buf.area.height < 3 {
        return Ticking::Everywhere;
    }
    let at = areas(buf.area);
    line_at(buf, at.header, 0, header_line(view, theme, at.header.width));
    line_at(buf, at.footer, 0, Line::styled(fit(&keys_line(view, at.footer.width), at.footer.width), theme.label()));
    if let Some(figures) = at.figures {
        big_figures(buf, figures, view, theme);
    }
    calendar(buf, at.calendar, view, theme);
    if let Some(area) = at.charts {
        charts(buf, area, view, theme);
    }
    if let Some(scroll) = view.open {
        day_panel(buf, at.panel, view, theme, scroll);
    }
    Ticking::Everywhere
}

/// How far the open day's sessions can scroll on a screen of `size`: their rows less the
/// rows the panel shows.
pub fn day_scroll_limit(view: &HistoryView, size: Rect) -> u16 {
    if size.width < 10 || size.height < 3 {
        return 0;
    }
    let panel = areas(size).panel;
    let lines = day_lines(view, Theme::monochrome(), panel.width.saturating_sub(4)).len();
    u16::try_from(lines).unwrap_or(u16::MAX).saturating_sub(panel.height.saturating_sub(2))
}

/// "Calf routine          This week 2 of 3 to 5 · 4 weeks in a row", the name dropped
/// first, then the words.
fn header_line(view: &HistoryView, theme: Theme, width: u16) -> Line<'static> {
    let figures = &view.figures;
    let this_week = figures.weeks[0].counted;
    let (least, most) = TARGET;
    let mut status = format!("This week {this_week} of {least} to {most}");
    if figures.streak_weeks > 0 {
        status = format!("{status} · {} in a row", plural(figures.streak_weeks, "week", "weeks"));
    }
    if crate::text::width(&status) > usize::from(width) {
        status = format!("Week {this_week} of {least}-{most} · streak {}", figures.streak_weeks);
    }
    let status_style = if figures.weeks[0].met() { theme.phase(Look::Hold) } else { theme.title() };
    let status = Span::styled(fit(&status, width), status_style);
    let title = view.chosen_routine().map_or_else(|| "History".to_string(), |r| crate::text::sanitize(&r.name, false));
    if crate::text::width(&title) + 2 + status.width() <= usize::from(width) {
        split_line(vec![Span::styled(title, theme.title())], status, width)
    } else {
        Line::from(status)
    }
}

/// The keys, as many as fit.
fn keys_line(view: &HistoryView, width: u16) -> String {
    let mut keys: Vec<&str> = if view.open.is_some() {
        vec!["↑↓ scroll", "←→ day", "Esc close", "q quit"]
    } else {
        vec!["↑↓ week", "←→ day", "Enter the day", "Tab routine", "q quit"]
    };
    if view.resumable.is_some() {
        keys.insert(keys.len() - 1, "r resume");
    }
    let mut line = String::new();
    for key in keys {
        let next = if line.is_empty() { key.to_string() } else { format!("{line} · {key}") };
        if crate::text::width(&next) > usize::from(width) {
            break;
        }
        line = next;
    }
    line
}

/// This week's sessions and the streak in big digits, each with what it means.
fn big_figures(buf: &mut Buffer, area: Rect, view: &HistoryView, theme: Theme) {
    let figures = &view.figures;
    let [week, streak] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(area);
    let (least, most) = TARGET;
    let this_week = figures.weeks[0].counted;
    let look = if figures.weeks[0].met() { Look::Hold } else { Look::Rest };
    let to_go = least.saturating_sub(this_week);
    let week_note = if to_go == 0 {
        format!("this week: the guidance of {least} to {most} met")
    } else {
        format!("this week; {to_go} more to reach {least} to {most}")
    };
    one_figure(buf, week, &this_week.to_string(), &week_note, theme.fill(look), theme);
    let streak_note =
        format!("{} in a row at {least} or more", if figures.streak_weeks == 1 { "week" } else { "weeks" });
    one_figure(buf, streak, &figures.streak_weeks.to_string(), &streak_note, theme.fill(Look::GetReady), theme);
}

/// `number` big at the left of `area`, `note` beside it.
fn one_figure(buf: &mut Buffer, area: Rect, number: &str, note: &str, style: Style, theme: Theme) {
    let digits = BigText::new(number, number, 1, style);
    let width = digits.width().min(area.width);
    digits.render(Rect::new(area.x, area.y, width, big_text::height(1)), buf);
    let note_area = Rect::new(area.x + width + 2, area.y + 2, area.width.saturating_sub(width + 2), 1);
    line_at(buf, note_area, 0, Line::styled(fit(note, note_area.width), theme.dim()));
}

/// The weeks that fit in `rows` (of the calendar, or bars of a chart), oldest first,
/// always including the chosen one: indexes into the figures' weeks (0 is this week).
fn visible_weeks(view: &HistoryView, rows: usize) -> Vec<usize> {
    let total = view.figures.weeks.len();
    let newest = view.week.saturating_sub(rows.saturating_sub(1));
    (newest..total.min(newest + rows)).rev().collect()
}

/// The calendar: a row per week, newest at the bottom, a legend under it where there is room.
fn calendar(buf: &mut Buffer, area: Rect, view: &HistoryView, theme: Theme) {
    let legend = area.height >= 6;
    let rows = usize::from(area.height.saturating_sub(1 + u16::from(legend)));
    let weeks = visible_weeks(view, rows);
    let other_year = weeks.iter().any(|&w| view.figures.weeks[w].monday.year() != view.figures.today.year());
    let label = if other_year && area.width >= CALENDAR_WIDTH + LABEL_WITH_YEAR - LABEL_WIDTH {
        LABEL_WITH_YEAR
    } else {
        LABEL_WIDTH
    };
    let mut head = vec![Span::raw(" ".repeat(usize::from(1 + label)))];
    for day in ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"] {
        head.push(Span::styled(format!(" {day} "), theme.label()));
    }
    head.push(Span::styled(" n", theme.label()));
    line_at(buf, area, 0, Line::from(head));
    for (row, &week) in weeks.iter().enumerate() {
        let y = u16::try_from(row + 1).unwrap_or(u16::MAX);
        line_at(buf, area, y, week_row(view, week, label, theme));
    }
    if legend {
        let spans = vec![
            Span::styled("●", theme.phase(Look::Hold)),
            Span::styled(" done  ", theme.dim()),
            Span::styled("◐", theme.notice()),
            Span::styled(" cut short  ", theme.dim()),
            Span::styled("!", theme.phase(Look::Paused)),
            Span::styled(" pain  ", theme.dim()),
            Span::styled("✓", theme.phase(Look::Hold)),
            Span::styled(" 3+", theme.dim()),
        ];
        let below = u16::try_from(weeks.len() + 1).unwrap_or(u16::MAX).min(area.height - 1);
        line_at(buf, area, below, Line::from(spans));
    }
}

/// One week of the calendar: "›23 Nov  ●   ·   [◐!]  …  2".
fn week_row(view: &HistoryView, index: usize, label: u16, theme: Theme) -> Line<'static> {
    let week = &view.figures.weeks[index];
    let chosen = index == view.week;
    let mut spans = vec![
        Span::styled(if chosen { "›" } else { " " }, theme.title()),
        Span::styled(
            crate::text::pad(&monday_label(week.monday, view.figures.today, label), usize::from(label)),
            if chosen { theme.title() } else { theme.dim() },
        ),
    ];
    for (day, mark) in week.days.iter().enumerate() {
        let date = week.monday.checked_add(jiff::Span::new().days(i64::try_from(day).unwrap_or(0))).ok();
        let future = date.is_none_or(|d| d > view.figures.today);
        let (glyph, style) = match (future, *mark) {
            (true, _) => (" ", theme.dim()),
            (false, m) if m.counted > 0 => ("●", theme.phase(Look::Hold)),
            (false, m) if m.cut_short > 0 => ("◐", theme.notice()),
            _ => ("·", theme.track()),
        };
        let here = chosen && day == view.day;
        let (open, close) = if here { ("[", "]") } else { (" ", " ") };
        spans.push(Span::styled(open, theme.title()));
        let style = if here { style.add_modifier(Modifier::REVERSED) } else { style };
        spans.push(Span::styled(glyph, style));
        spans.push(pain_mark(*mark, theme));
        spans.push(Span::styled(close, theme.title()));
    }
    let count = format!("{:>2}", week.counted.min(99));
    let (tick, style) = if week.met() { ("✓", theme.phase(Look::Hold)) } else { (" ", theme.dim()) };
    spans.push(Span::styled(count, style));
    spans.push(Span::styled(tick, style));
    Line::from(spans)
}

fn pain_mark(mark: DayMark, theme: Theme) -> Span<'static> {
    if mark.pain { Span::styled("!", theme.phase(Look::Paused)) } else { Span::raw(" ") }
}

/// "23 Nov", or "23 Nov'25" in another year than today's when `width` has room.
fn monday_label(monday: Date, today: Date, width: u16) -> String {
    let format = if monday.year() != today.year() && width >= LABEL_WITH_YEAR { "%-d %b'%y" } else { "%-d %b" };
    monday.strftime(format).to_string()
}

/// The charts beside the calendar, stacked: sessions a week, minutes a week, the longest
/// hold a week for a growing routine, and the pain marks.
fn charts(buf: &mut Buffer, area: Rect, view: &HistoryView, theme: Theme) {
    let growing = view.chosen_routine().and_then(|r| r.cap_s);
    let pains = view.figures.pains.len();
    let pain_rows =
        if pains == 0 { 0 } else { u16::try_from(pains.min(usize::from(area.height / 6)) + 1).unwrap_or(2) };
    let hint = view.chosen_routine().is_none() && view.routines.iter().any(|r| r.cap_s.is_some());
    let mut constraints = vec![Constraint::Fill(3), Constraint::Fill(2)];
    if growing.is_some() {
        constraints.push(Constraint::Fill(3));
    }
    if hint {
        constraints.push(Constraint::Length(1));
    }
    constraints.push(Constraint::Length(pain_rows));
    let areas = Layout::vertical(constraints).spacing(1).split(area);
    let bars = usize::from(area.width.saturating_sub(3) / 4).max(1);
    let shown = visible_weeks(view, bars);
    sessions_chart(buf, areas[0], view, &shown, theme);
    minutes_chart(buf, areas[1], view, &shown, theme);
    let mut next = 2;
    if let Some(cap) = growing {
        hold_chart(buf, areas[next], view, cap, theme);
        next += 1;
    }
    if hint && let Some(routine) = view.routines.iter().find(|r| r.cap_s.is_some()) {
        let text = format!("Tab to {} for its holds week by week", crate::text::sanitize(&routine.name, false));
        line_at(buf, areas[next], 0, Line::styled(fit(&text, areas[next].width), theme.label()));
        next += 1;
    }
    if pains > 0 {
        pain_list(buf, areas[next], view, theme);
    }
}

/// A title over a chart, and the area left under it.
fn titled(buf: &mut Buffer, area: Rect, title: &str, theme: Theme) -> Rect {
    line_at(buf, area, 0, Line::styled(fit(title, area.width), theme.title()));
    Rect::new(area.x, area.y + 1, area.width, area.height.saturating_sub(1))
}

/// A bar a week, labelled with its Monday's day of the month, the chosen week bold.
fn week_bars<'a>(
    view: &HistoryView,
    shown: &[usize],
    value: impl Fn(&WeekFigures) -> u64,
    style: impl Fn(&WeekFigures) -> Style,
    theme: Theme,
) -> Vec<Bar<'a>> {
    shown
        .iter()
        .map(|&i| {
            let week = &view.figures.weeks[i];
            let label_style = if i == view.week { theme.selected() } else { theme.dim() };
            Bar::default()
                .value(value(week))
                .label(Line::styled(week.monday.strftime("%d").to_string(), label_style))
                .style(style(week))
                .value_style(theme.title().add_modifier(Modifier::REVERSED))
        })
        .collect()
}

/// Sessions a week as bars, with the band of 3 to 5 drawn across them.
fn sessions_chart(buf: &mut Buffer, area: Rect, view: &HistoryView, shown: &[usize], theme: Theme) {
    let (least, most) = TARGET;
    let long = format!("Sessions a week (the guidance: {least} to {most})");
    let title = if crate::text::width(&long) <= usize::from(area.width) {
        long
    } else {
        format!("Sessions a week (aim {least}-{most})")
    };
    let area = titled(buf, area, &title, theme);
    if area.height < 3 {
        return;
    }
    let chart_area = Rect::new(area.x + 3, area.y, area.width.saturating_sub(3), area.height);
    let highest = shown.iter().map(|&i| view.figures.weeks[i].counted).max().unwrap_or(0).max(most + 1);
    let max = u64::try_from(highest).unwrap_or(u64::MAX);
    let bars = week_bars(
        view,
        shown,
        |w| u64::try_from(w.counted).unwrap_or(0),
        |w| if w.met() { theme.phase(Look::Hold) } else { theme.phase(Look::Rest) },
        theme,
    );
    BarChart::default().data(BarGroup::default().bars(&bars)).bar_width(3).bar_gap(1).max(max).render(chart_area, buf);
    // The band's edges, over the cells the bars leave blank, and their values on the left.
    let bar_rows = chart_area.height - 1;
    for edge in [least, most] {
        let rows_up = u16::try_from(u64::from(bar_rows) * u64::try_from(edge).unwrap_or(0) / max).unwrap_or(0);
        let Some(y) = (chart_area.y + bar_rows).checked_sub(rows_up + 1) else { continue };
        if y < chart_area.y {
            continue;
        }
        line_at(buf, Rect::new(area.x, y, 3, 1), 0, Line::styled(format!("{edge:>2}"), theme.label()));
        let used = u16::try_from(shown.len()).unwrap_or(0).saturating_mul(4).min(chart_area.width);
        for x in chart_area.x..chart_area.x + used {
            let cell = &mut buf[(x, y)];
            if cell.symbol() == " " {
                cell.set_symbol("┄").set_style(theme.track());
            }
        }
    }
}

/// Minutes stretched a week as bars, each with its figure.
fn minutes_chart(buf: &mut Buffer, area: Rect, view: &HistoryView, shown: &[usize], theme: Theme) {
    let total: f64 = shown.iter().map(|&i| view.figures.weeks[i].minutes).sum();
    let chosen = view.chosen_week().minutes;
    let mut title = format!("Minutes a week ({} the week chosen, {} over these)", rounded(chosen), rounded(total));
    if crate::text::width(&title) > usize::from(area.width) {
        title = format!("Minutes a week (chosen: {})", rounded(chosen));
    }
    let area = titled(buf, area, &title, theme);
    if area.height < 2 {
        return;
    }
    let chart_area = Rect::new(area.x + 3, area.y, area.width.saturating_sub(3), area.height);
    let bars = week_bars(view, shown, |w| minutes(w.minutes), |_| theme.phase(Look::Activity), theme);
    BarChart::default().data(BarGroup::default().bars(&bars)).bar_width(3).bar_gap(1).render(chart_area, buf);
}

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn minutes(m: f64) -> u64 {
    if m.is_finite() && m > 0.0 { m.round().min(1e9) as u64 } else { 0 }
}

fn rounded(m: f64) -> String {
    minutes(m).to_string()
}

/// The longest hold of each week, for a routine whose holds grow, against its cap.
#[allow(clippy::cast_precision_loss)]
fn hold_chart(buf: &mut Buffer, area: Rect, view: &HistoryView, cap: f64, theme: Theme) {
    let chosen = view.chosen_week().longest_hold_s.map_or_else(|| "none".to_string(), |s| format!("{} s", rounded(s)));
    let mut title = format!("Longest hold a week, up to {} s (the week chosen: {chosen})", rounded(cap));
    if crate::text::width(&title) > usize::from(area.width) {
        title = format!("Longest hold a week, up to {} s", rounded(cap));
    }
    let area = titled(buf, area, &title, theme);
    if area.height < 4 {
        return;
    }
    let weeks = &view.figures.weeks;
    let oldest = weeks.len() - 1;
    let points: Vec<(f64, f64)> =
        weeks.iter().enumerate().filter_map(|(i, w)| w.longest_hold_s.map(|s| ((oldest - i) as f64, s))).collect();
    let span = (oldest as f64).max(1.0);
    let cap_line = [(0.0, cap), (span, cap)];
    let chosen_x = [((oldest - view.week.min(oldest)) as f64, view.chosen_week().longest_hold_s.unwrap_or(0.0))];
    let first = monday_label(weeks[oldest].monday, view.figures.today, LABEL_WITH_YEAR);
    let last = weeks[0].monday.strftime("%-d %b").to_string();
    let chart = Chart::new(vec![
        Dataset::default().marker(Marker::HalfBlock).graph_type(GraphType::Line).style(theme.track()).data(&cap_line),
        Dataset::default()
            .marker(Marker::HalfBlock)
            .graph_type(GraphType::Line)
            .style(theme.phase(Look::Hold))
            .data(&points),
        Dataset::default().marker(Marker::Dot).graph_type(GraphType::Scatter).style(theme.title()).data(&chosen_x),
    ])
    .x_axis(Axis::default().bounds([0.0, span]).labels(vec![Line::from(first), Line::from(last)]).style(theme.label()))
    .y_axis(
        Axis::default()
            .bounds([0.0, cap * 1.1])
            .labels(vec![Line::from("0"), Line::from(format!("{} s", rounded(cap)))])
            .style(theme.label()),
    );
    chart.render(area, buf);
}

/// The holds marked pain, the latest first: when, and which stretch and side.
fn pain_list(buf: &mut Buffer, area: Rect, view: &HistoryView, theme: Theme) {
    line_at(buf, area, 0, Line::styled(fit("Marked pain", area.width), theme.phase(Look::Paused)));
    for (row, pain) in view.figures.pains.iter().take(usize::from(area.height.saturating_sub(1))).enumerate() {
        let when = pain.at.to_zoned(view.tz().clone()).strftime("%a %-d %b %H:%M").to_string();
        let side = pain.place.side.map(|s| format!(", {}", s.label())).unwrap_or_default();
        let text = format!("{when}  {}{side}", crate::text::sanitize(&pain.name, false));
        line_at(
            buf,
            area,
            u16::try_from(row + 1).unwrap_or(u16::MAX),
            Line::styled(fit(&text, area.width), theme.dim()),
        );
    }
}

/// The chosen day's sessions, in a panel over `area`.
fn day_panel(buf: &mut Buffer, area: Rect, view: &HistoryView, theme: Theme, scroll: u16) {
    Clear.render(area, buf);
    let date = view.chosen_date();
    let format = if date.year() == view.figures.today.year() { " %A %-d %B " } else { " %A %-d %B %Y " };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.panel())
        .title(date.strftime(format).to_string())
        .padding(ratatui::widgets::Padding::horizontal(1));
    let inner = block.inner(area).width;
    Paragraph::new(day_lines(view, theme, inner)).scroll((scroll, 0)).block(block).render(area, buf);
}

/// What the chosen day's sessions were, hold by hold, in `width` columns.
fn day_lines(view: &HistoryView, theme: Theme, width: u16) -> Vec<Line<'static>> {
    let sessions = view.day_sessions();
    if sessions.is_empty() {
        return vec![Line::styled("No session this day.", theme.dim())];
    }
    let mut lines = Vec::new();
    for session in sessions {
        if !lines.is_empty() {
            lines.push(Line::from(""));
        }
        lines.extend(session_lines(view, session, theme, width));
        for hold in &session.holds {
            lines.push(hold_line(&hold, theme, width));
        }
        if session.holds.is_empty() {
            lines.push(Line::styled("  no hold recorded", theme.dim()));
        }
    }
    lines
}

/// "08:02  Post-run cool-down · 14m · completed", on two lines when one is too narrow.
fn session_lines(view: &HistoryView, session: &SessionRecord, theme: Theme, width: u16) -> Vec<Line<'static>> {
    let time = session.started.to_zoned(view.tz().clone()).strftime("%H:%M").to_string();
    let outcome = match &session.ended {
        Some(e) if e.completed && session.counts_for_week() => "completed",
        Some(e) if e.completed => "ran to the end, most holds skipped",
        Some(_) => "stopped early",
        None => "did not end",
    };
    let length = crate::duration::compact(std::time::Duration::from_secs_f64(session.duration_s().clamp(0.0, 1e9)));
    let look = if session.counts_for_week() { theme.phase(Look::Hold) } else { theme.notice() };
    let name = crate::text::sanitize(&session.routine, false);
    let head = vec![Span::styled(format!("{time}  "), theme.title()), Span::styled(name, theme.title())];
    let tail = vec![Span::styled(format!("{length} · "), theme.dim()), Span::styled(outcome, look)];
    let whole: usize = head.iter().chain(&tail).map(Span::width).sum::<usize>() + 3;
    if whole <= usize::from(width) {
        let mut spans = head;
        spans.push(Span::styled(" · ", theme.dim()));
        spans.extend(tail);
        vec![Line::from(spans)]
    } else {
        let mut tail = tail;
        tail.insert(0, Span::raw("       "));
        vec![Line::from(head), Line::from(tail)]
    }
}

/// "  Calf stretch, left    30 of 30 s  held", or "  Calf stretch, left 30/30 held" when
/// narrow; the name is cut to fit.
fn hold_line(hold: &HoldRecord<'_>, theme: Theme, width: u16) -> Line<'static> {
    let side = hold.side.map(|s| format!(", {}", s.label())).unwrap_or_default();
    let (word, style) = match hold.ended {
        Ended::Held => ("held", theme.phase(Look::Hold)),
        Ended::Shortened => ("shortened", theme.notice()),
        Ended::Skipped => ("skipped", theme.dim()),
        Ended::Pain => ("pain", theme.phase(Look::Paused)),
    };
    let (actual, planned) = (rounded(hold.actual_s), rounded(hold.planned_s));
    let wide = usize::from(width) >= 2 + 20 + 16 + 9;
    let times = if wide { format!(" {actual:>3} of {planned:>3} s  ") } else { format!(" {actual}/{planned} ") };
    let name_width = usize::from(width).saturating_sub(2 + crate::text::width(&times) + 9).clamp(6, 34);
    let name = crate::text::truncate(&format!("{}{side}", crate::text::sanitize(hold.name, false)), name_width);
    Line::from(vec![
        Span::raw(format!("  {}", crate::text::pad(&name, name_width))),
        Span::styled(times, theme.dim()),
        Span::styled(word, style),
    ])
}
