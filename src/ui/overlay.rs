//! Panels drawn over a session: paused, the key help, and the quit question.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::theme::Theme;
use crate::config::keymap::Keymap;
use crate::session::{Overlay, Session};

pub(crate) fn draw(frame: &mut Frame<'_>, area: Rect, session: &Session, keymap: &Keymap, theme: Theme) {
    match session.overlay() {
        Some(Overlay::Help) => help(frame, area, keymap, theme),
        Some(Overlay::ConfirmQuit) => {
            let lines = vec![
                Line::styled("Quit this session?", theme.title()),
                Line::from(""),
                Line::styled("y  quit     n  keep going", theme.dim()),
            ];
            panel(frame, area, "", lines, theme, true);
        }
        // Paused is shown in place, so the time left stays readable.
        None => {}
    }
}

fn help(frame: &mut Frame<'_>, area: Rect, keymap: &Keymap, theme: Theme) {
    let rows = keymap.help_rows();
    let key_width = rows.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
    let mut lines: Vec<Line<'_>> = rows
        .into_iter()
        .map(|(keys, what)| {
            Line::from(vec![
                Span::styled(format!("{keys:<key_width$}  "), theme.title()),
                Span::styled(what, theme.dim()),
            ])
        })
        .collect();
    lines.push(Line::from(""));
    lines.push(Line::styled("any key to close", theme.label()).centered());
    panel(frame, area, " Keys ", lines, theme, false);
}

/// A bordered, centred panel sized to `lines`, shrunk to fit (borders dropped first).
fn panel(frame: &mut Frame<'_>, area: Rect, title: &str, lines: Vec<Line<'_>>, theme: Theme, centred: bool) {
    let content_width = lines.iter().map(Line::width).max().unwrap_or(0);
    let content_height = lines.len();
    let bordered = area.width >= 12 && area.height >= 5;
    let pad = if bordered { 4 } else { 0 };
    let width = u16::try_from(content_width + pad).unwrap_or(u16::MAX).min(area.width);
    let height = u16::try_from(content_height + if bordered { 2 } else { 0 }).unwrap_or(u16::MAX).min(area.height);
    let rect = Rect::new(area.x + (area.width - width) / 2, area.y + (area.height - height) / 2, width, height);
    frame.render_widget(Clear, rect);
    let paragraph = if centred { Paragraph::new(lines).centered() } else { Paragraph::new(lines) };
    if bordered {
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(theme.panel())
            .title(title)
            .padding(ratatui::widgets::Padding::horizontal(1));
        frame.render_widget(paragraph.block(block), rect);
    } else {
        frame.render_widget(paragraph, rect);
    }
}
