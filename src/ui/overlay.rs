//! Panels drawn over a session: paused, the key help, and the quit question.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::theme::Theme;
use crate::app::App;
use crate::config::keymap::Keymap;
use crate::session::{Overlay, Session};

pub(crate) fn draw(buf: &mut Buffer, area: Rect, app: &App, session: &Session, scroll: u16) {
    let theme = Theme::of(app.settings.theme);
    match session.overlay() {
        Some(Overlay::Help) => help(buf, area, &app.settings.keys, &app.remote_live, theme, scroll),
        Some(Overlay::ConfirmQuit) => {
            let lines = vec![
                Line::styled("Quit this session?", theme.title()),
                Line::from(""),
                Line::styled("y  quit     n  keep going", theme.dim()),
            ];
            panel(buf, area, "", lines, theme, true);
        }
        // Paused is shown in place, so the time left stays readable.
        None => {}
    }
}

/// Columns a panel's border and padding take.
const FRAME: u16 = 4;

/// The key help: each action with its keys, its words wrapped (never cut) to the panel,
/// scrolled by `scroll` rows when it is taller than the screen, with a line saying so.
fn help(buf: &mut Buffer, area: Rect, keymap: &Keymap, remote: &[&str], theme: Theme, scroll: u16) {
    let mut rows: Vec<(String, String)> = keymap.help_rows().into_iter().map(|(k, w)| (k, w.to_string())).collect();
    // Which ways of steering from away from the keyboard this session has.
    rows.push((
        "remote".to_string(),
        match remote {
            [] => "none live in this session (supple doctor says why)".to_string(),
            live => format!("{}: play/pause, next (twice: the whole stretch), previous, stop", live.join(" and ")),
        },
    ));
    let inner = area.width.saturating_sub(if area.width >= 12 { FRAME } else { 0 });
    let key_width = rows.iter().map(|(k, _)| crate::text::width(k)).max().unwrap_or(0).min(usize::from(inner / 2));
    let text_width = usize::from(inner).saturating_sub(key_width + 2).max(8);
    let mut lines: Vec<Line<'_>> = Vec::new();
    for (keys, what) in rows {
        for (i, part) in wrap(&what, text_width).into_iter().enumerate() {
            let keys = if i == 0 { crate::text::truncate(&keys, key_width) } else { String::new() };
            lines.push(Line::from(vec![
                Span::styled(crate::text::pad(&keys, key_width + 2), theme.title()),
                Span::styled(part, theme.dim()),
            ]));
        }
    }
    // Rows the panel has for keys, less one for the closing line.
    let room = usize::from(area.height.saturating_sub(if area.height >= 5 { 2 } else { 0 })).saturating_sub(1);
    let scroll = usize::from(scroll).min(lines.len().saturating_sub(room));
    let more_below = lines.len() > scroll + room;
    let footer = match (scroll > 0, more_below) {
        (_, true) => {
            let more = lines.len() - scroll - room;
            [format!("↓ {more} more · ↑↓ scroll · other keys close"), format!("↓ {more} more · ↑↓ · other keys close")]
                .into_iter()
                .find(|f| crate::text::width(f) <= usize::from(inner))
                .unwrap_or_else(|| format!("↓ {more} more · ↑↓"))
        }
        (true, false) => "↑ scroll back · other keys close".to_string(),
        (false, false) => "any key to close".to_string(),
    };
    let mut shown: Vec<Line<'_>> = lines.into_iter().skip(scroll).take(room.max(1)).collect();
    shown.push(Line::styled(crate::text::truncate(&footer, usize::from(inner)), theme.label()).centered());
    panel(buf, area, " Keys ", shown, theme, false);
}

/// `text` in lines of at most `width` columns, broken between words.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let next = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
        if crate::text::width(&next) > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line = word.to_string();
        } else {
            line = next;
        }
    }
    lines.push(crate::text::truncate(&line, width));
    lines
}

/// A bordered, centred panel sized to `lines`, shrunk to fit (borders dropped first).
fn panel(buf: &mut Buffer, area: Rect, title: &str, lines: Vec<Line<'_>>, theme: Theme, centred: bool) {
    let content_width = lines.iter().map(Line::width).max().unwrap_or(0);
    let content_height = lines.len();
    let bordered = area.width >= 12 && area.height >= 5;
    let pad = if bordered { 4 } else { 0 };
    let width = u16::try_from(content_width + pad).unwrap_or(u16::MAX).min(area.width);
    let height = u16::try_from(content_height + if bordered { 2 } else { 0 }).unwrap_or(u16::MAX).min(area.height);
    let rect = Rect::new(area.x + (area.width - width) / 2, area.y + (area.height - height) / 2, width, height);
    Clear.render(rect, buf);
    let paragraph = if centred { Paragraph::new(lines).centered() } else { Paragraph::new(lines) };
    if bordered {
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(theme.panel())
            .title(title)
            .padding(ratatui::widgets::Padding::horizontal(1));
        paragraph.block(block).render(rect, buf);
    } else {
        paragraph.render(rect, buf);
    }
}
