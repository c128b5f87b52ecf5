//! The routine picker: every bundled and user routine with its length, and a preview of
//! the selected one.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::theme::Theme;
use super::{fit, inset, line_at, split_line};
use crate::app::{App, Picker, PickerRow};
use crate::duration;
use crate::plan::Plan;
use crate::routine::library::Origin;
use crate::run::Offered;
use crate::run::Run;

pub(crate) fn draw(buf: &mut Buffer, area: Rect, picker: &Picker, app: &App) {
    let theme = Theme::of(app.settings.theme);
    let area = inset(area, 1, 0);
    line_at(buf, area, 0, Line::styled(fit("supple · choose a routine", area.width), theme.title()));
    let keys = if picker.form.is_some() { super::make_form::HINT } else { "↑↓ choose · Enter open · q quit" };
    let hint = if let Some(notice) = app.notice() {
        Line::styled(fit(notice, area.width), theme.notice())
    } else {
        Line::styled(fit(keys, area.width), theme.label())
    };
    line_at(buf, area, area.height.saturating_sub(1), hint);
    let body = Rect::new(area.x, area.y + 2, area.width, area.height.saturating_sub(3));
    if body.height == 0 {
        return;
    }
    if let Some(form) = &picker.form {
        super::make_form::draw(buf, body, form, theme);
        return;
    }
    let (list_area, preview_area) = if body.width >= 70 {
        // The list as wide as its rows (names are cut only when there is no room), leaving
        // the preview at least 30 columns.
        let list = list_width(picker, app).clamp(30, body.width.saturating_sub(32).max(30));
        let [l, p] = Layout::horizontal([Constraint::Length(list), Constraint::Fill(1)]).spacing(2).areas(body);
        (l, Some(p))
    } else {
        (body, None)
    };
    list(buf, list_area, picker, app);
    match (preview_area, picker.row(picker.selected)) {
        (Some(area), Some(PickerRow::Routine(entry))) => preview(buf, area, entry, app),
        (Some(area), Some(PickerRow::Resume(run))) => resume_preview(buf, area, run, app),
        (Some(area), Some(PickerRow::Make)) => make_preview(buf, area, app),
        (Some(area), Some(PickerRow::Unreadable(file))) => {
            let theme = Theme::of(app.settings.theme);
            let lines = vec![
                Line::styled(crate::text::sanitize(&file.key(), false), theme.title()),
                Line::styled(crate::text::sanitize(&file.sentence(), false), theme.notice()),
            ];
            let block = Block::new().borders(Borders::LEFT).border_style(theme.label());
            Paragraph::new(lines).wrap(Wrap { trim: true }).block(block).render(area, buf);
        }
        _ => {}
    }
}

/// A row's mark, title and what it says on the right.
fn row_parts(entry: PickerRow<'_>, app: &App) -> (&'static str, String, String) {
    match entry {
        PickerRow::Resume(run) => {
            let when = run.resumed.as_ref().and_then(|r| r.when.as_deref());
            let title = when.map_or_else(
                || format!("Resume {}", run.file.routine.name),
                |when| format!("Resume {} · {when}", run.file.routine.name),
            );
            ("↻ ", title, duration::compact(run.session.total_remaining(std::time::Duration::ZERO)))
        }
        PickerRow::Unreadable(file) => ("! ", crate::text::sanitize(&file.key(), false), "unreadable".to_string()),
        PickerRow::Make => ("+ ", "Make one for today".to_string(), "new".to_string()),
        PickerRow::Routine(Offered { file, practice }) => {
            let time = file.parsed.routine.as_ref().map_or_else(
                || "errors".to_string(),
                |r| duration::compact(Plan::practised(r, &app.settings.fallbacks, practice).total()),
            );
            let detail = if file.origin == Origin::User { format!("yours · {time}") } else { time };
            ("  ", file.title(), detail)
        }
    }
}

/// How wide the list wants to be: its widest row, uncut.
pub(crate) fn list_width(picker: &Picker, app: &App) -> u16 {
    let widest = picker
        .rows()
        .map(|row| {
            let (mark, title, detail) = row_parts(row, app);
            crate::text::width(mark) + crate::text::width(&title) + 2 + crate::text::width(&detail) + 1
        })
        .max()
        .unwrap_or(0);
    u16::try_from(widest).unwrap_or(u16::MAX)
}

fn list(buf: &mut Buffer, area: Rect, picker: &Picker, app: &App) {
    let rows = usize::from(area.height);
    let first = picker.selected.saturating_sub(rows.saturating_sub(1));
    for (row, (i, entry)) in picker.rows().enumerate().skip(first).take(rows).enumerate() {
        let (mark, title, detail) = row_parts(entry, app);
        let name_width = area.width.saturating_sub(u16::try_from(crate::text::width(&detail) + 4).unwrap_or(0));
        let mut line = split_line(
            vec![Span::raw(mark), Span::raw(fit(&title, name_width))],
            Span::raw(format!("{detail} ")),
            area.width,
        );
        if i == picker.selected {
            line = line.style(Theme::of(app.settings.theme).selected());
        }
        line_at(buf, area, u16::try_from(row).unwrap_or(0), line);
    }
}

fn preview(buf: &mut Buffer, area: Rect, Offered { file: entry, practice }: &Offered, app: &App) {
    let theme = Theme::of(app.settings.theme);
    let mut lines = Vec::new();
    if let Some(routine) = &entry.parsed.routine {
        {
            let plan = Plan::practised(routine, &app.settings.fallbacks, practice);
            lines.push(Line::styled(routine.name.clone(), theme.title()));
            lines.push(Line::styled(
                format!(
                    "{} stretches · {} holds · {}",
                    routine.steps.len(),
                    plan.hold_count(),
                    duration::compact(plan.total())
                ),
                theme.dim(),
            ));
            lines.push(Line::from(""));
            if !routine.description.is_empty() {
                lines.push(Line::raw(routine.description.clone()));
                lines.push(Line::from(""));
            }
            for step in &routine.steps {
                lines.push(Line::from(vec![Span::styled("· ", theme.label()), Span::raw(step.name.clone())]));
            }
        }
    } else {
        lines.push(Line::styled(entry.key.clone(), theme.title()));
        lines.push(Line::styled("This file has errors; `supple check` shows them.", theme.notice()));
    }
    let from = match entry.origin {
        Origin::Bundled => "bundled with supple".to_string(),
        Origin::Made => "made for today".to_string(),
        _ => entry.source.display_path(),
    };
    let block = Block::new()
        .borders(Borders::LEFT)
        .border_style(theme.label())
        .title_bottom(Line::styled(format!(" {} ", crate::text::sanitize(&from, false)), theme.label()));
    Paragraph::new(lines).wrap(Wrap { trim: true }).block(block).render(area, buf);
}

/// The preview of the offer to resume: where the session stopped and what is left.
fn resume_preview(buf: &mut Buffer, area: Rect, run: &Run, app: &App) {
    let theme = Theme::of(app.settings.theme);
    let left = duration::compact(run.session.total_remaining(std::time::Duration::ZERO));
    let mut lines = vec![
        Line::styled(format!("Resume {}", run.file.routine.name), theme.title()),
        Line::styled(format!("{left} left of {}", duration::compact(run.session.plan().total())), theme.dim()),
        Line::from(""),
        Line::raw(match run.resumed.as_ref().and_then(|r| r.when.as_deref()) {
            Some(when) => {
                format!("A session of this routine stopped {when}, before its end. Pick it up where it stopped:")
            }
            None => "A session of this routine stopped before its end. Pick it up where it stopped:".to_string(),
        }),
        Line::from(""),
    ];
    if let (Some(resumed), Some(point)) = (&run.resumed, crate::wording::resume_point(run)) {
        lines.push(Line::from(vec![Span::styled("· ", theme.label()), Span::raw(point)]));
        for note in &resumed.notes {
            lines.push(Line::styled(crate::text::sanitize(note, false), theme.notice()));
        }
    }
    let block = Block::new().borders(Borders::LEFT).border_style(theme.label());
    Paragraph::new(lines).wrap(Wrap { trim: true }).block(block).render(area, buf);
}

/// The preview of "Make one for today": what it asks and what it makes.
fn make_preview(buf: &mut Buffer, area: Rect, app: &App) {
    let theme = Theme::of(app.settings.theme);
    let count = crate::routine::stretch::count();
    let lines = vec![
        Line::styled("Make one for today", theme.title()),
        Line::styled(format!("from {count} stretches"), theme.dim()),
        Line::from(""),
        Line::raw(
            "Say what is sore, how long you have, what is at hand and whether you have just run: a session made by the guidance, standing first, then down to the floor once.",
        ),
        Line::from(""),
        Line::styled("Enter to choose, by keys.", theme.label()),
    ];
    let block = Block::new().borders(Borders::LEFT).border_style(theme.label());
    Paragraph::new(lines).wrap(Wrap { trim: true }).block(block).render(area, buf);
}
