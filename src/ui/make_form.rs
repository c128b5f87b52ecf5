//! The picker's "Make one for today" form: each question on its line, its answers after
//! it, wrapped under one another where the screen is narrow. Ticked answers are marked
//! `●` and the one under the cursor reversed, so it reads without colour.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::{fit, line_at};
use crate::app::make_form::{MakeForm, Question};

/// The hint under the form.
pub(crate) const HINT: &str = "↑↓ question · ←→ answer · space tick · Enter make it · Esc back";

pub(crate) fn draw(buf: &mut Buffer, area: Rect, form: &MakeForm, theme: Theme) {
    let mut lines: Vec<Line<'_>> = vec![
        Line::styled(fit("Make one for today", area.width), theme.title()),
        Line::styled(fit("For what is sore, the time you have and what is at hand.", area.width), theme.dim()),
        Line::from(""),
    ];
    // Narrow, each question's answers go on the lines under it.
    let beside = area.width >= 50;
    let label_width = if beside { Question::ALL.iter().map(|q| q.label().len()).max().unwrap_or(0) + 4 } else { 4 };
    let mut focused = 0..0;
    for question in Question::ALL {
        let start = lines.len();
        if !beside {
            let style = if form.question == question { theme.title() } else { theme.label() };
            let mark = if form.question == question { "› " } else { "  " };
            lines.push(Line::styled(format!("{mark}{}", question.label()), style));
        }
        lines.extend(question_lines(form, question, label_width, usize::from(area.width), beside, theme));
        if form.question == question {
            focused = start..lines.len();
        }
    }
    if form.choices.areas.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::styled(fit("Nothing ticked: the whole legs.", area.width), theme.dim()));
    }
    // Scrolled so the question being answered is on screen.
    let offset = focused.end.saturating_sub(usize::from(area.height));
    for (y, line) in lines.into_iter().skip(offset).enumerate() {
        line_at(buf, area, u16::try_from(y).unwrap_or(u16::MAX), line);
    }
}

/// A question and its answers, wrapped to `width`.
fn question_lines(
    form: &MakeForm,
    question: Question,
    label_width: usize,
    width: usize,
    beside: bool,
    theme: Theme,
) -> Vec<Line<'static>> {
    let focused = form.question == question;
    let mark = if focused && beside { "› " } else { "  " };
    let label =
        if beside { format!("{mark}{:<w$}", question.label(), w = label_width - 2) } else { " ".repeat(label_width) };
    let answers = form.answers(question);
    let several = matches!(question, Question::Areas | Question::AtHand);
    let mut lines = Vec::new();
    let mut line: Vec<Span<'static>> = vec![Span::styled(label, if focused { theme.title() } else { theme.label() })];
    let mut used = label_width;
    for (i, answer) in answers.iter().enumerate() {
        let words = if question == Question::Minutes {
            format!("‹ {} ›", answer.words)
        } else {
            format!("{} {}", if answer.ticked { "●" } else { "○" }, answer.words)
        };
        let cell = crate::text::width(&words) + 2;
        if used + cell > width && used > label_width {
            lines.push(Line::from(std::mem::take(&mut line)));
            line.push(Span::raw(" ".repeat(label_width)));
            used = label_width;
        }
        let under_cursor = focused && if several { i == form.option } else { answer.ticked };
        let style = if under_cursor {
            theme.selected()
        } else if answer.ticked {
            theme.title()
        } else {
            theme.dim()
        };
        line.push(Span::styled(words, style));
        line.push(Span::raw("  "));
        used += cell;
    }
    lines.push(Line::from(line));
    lines
}
