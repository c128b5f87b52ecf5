//! `supple poses`: the pose library as a gallery, or one pose large; with `--routine`, a
//! routine's own poses too, so a person drawing one sees it as they edit.

use std::fmt::Write as _;
use std::io::IsTerminal;

use ratatui::buffer::Buffer;
use ratatui::crossterm::style::{Attribute, Color as Ansi, SetAttribute, SetBackgroundColor, SetForegroundColor};
use ratatui::style::{Color, Modifier};

use crate::pose::{Pose, library};
use crate::side::Side;
use crate::ui::gallery;
use crate::ui::theme::Theme;

/// How a pose command draws: its size, colour and side.
#[derive(Debug, Clone, Copy)]
pub struct Canvas {
    pub width: u16,
    pub height: u16,
    pub colour: bool,
    pub side: Option<Side>,
}

/// The output of `supple poses [NAME]` among `own` poses and the library's, or the error.
pub fn render(name: Option<&str>, own: &[Pose], canvas: Canvas) -> Result<String, String> {
    let theme = if canvas.colour { Theme::colour() } else { Theme::monochrome() };
    // A routine's own pose of a bundled pose's name is the one its steps get.
    let mut poses: Vec<&Pose> = own.iter().collect();
    poses.extend(library::poses().iter().filter(|p| !own.iter().any(|o| o.name == p.name)));
    let Some(name) = name else {
        let mut out = text(&gallery::gallery(&poses, canvas.width, canvas.side, theme), canvas.colour);
        let _ = writeln!(
            out,
            "{} poses. `supple poses NAME` shows one large; a step names it: pose = \"NAME\".",
            poses.len()
        );
        return Ok(out);
    };
    let Some(pose) = poses.iter().find(|p| p.name == name) else {
        let names: Vec<&str> = poses.iter().map(|p| p.name.as_str()).collect();
        let shown = crate::text::sanitize(name, false);
        let hint = super::did_you_mean(name, &names);
        return Err(format!("there is no pose called `{shown}`: {hint}`supple poses` lists them all\n"));
    };
    Ok(text(&gallery::large(pose, canvas.width, canvas.height, canvas.side, theme), canvas.colour))
}

/// Runs `supple poses`: prints the gallery or the pose, or why not.
pub fn run(name: Option<&str>, routine: Option<&str>, side: Option<Side>) -> std::io::Result<bool> {
    let own = match routine {
        Some(routine) => {
            let Some(file) = super::load_valid(routine) else { return Ok(false) };
            file.parsed.routine.map(|r| r.poses).unwrap_or_default()
        }
        None => Vec::new(),
    };
    let terminal = std::io::stdout().is_terminal();
    let (width, rows) = ratatui::crossterm::terminal::size().ok().filter(|_| terminal).unwrap_or((80, 24));
    let canvas = Canvas {
        width: width.clamp(26, 200),
        height: rows.saturating_sub(2).clamp(10, 40),
        colour: terminal && !super::no_color(),
        side,
    };
    match render(name, &own, canvas) {
        Ok(text) => super::out(text).map(|()| true),
        Err(message) => {
            super::err(message);
            Ok(false)
        }
    }
}

/// The buffer as lines of text, trailing blanks cut; with the colours as ANSI escapes when
/// `colour`.
pub(crate) fn text(buf: &Buffer, colour: bool) -> String {
    let mut out = String::new();
    let width = usize::from(buf.area.width);
    for row in buf.content.chunks(width.max(1)) {
        let end = row.iter().rposition(|c| c.symbol() != " " || c.bg != Color::Reset).map_or(0, |i| i + 1);
        let mut last = None;
        for cell in &row[..end] {
            if colour {
                let style = (cell.fg, cell.bg, cell.modifier.contains(Modifier::BOLD));
                if last != Some(style) {
                    let _ = write!(out, "{}", SetAttribute(Attribute::Reset));
                    if style.2 {
                        let _ = write!(out, "{}", SetAttribute(Attribute::Bold));
                    }
                    if let Some(fg) = ansi(cell.fg) {
                        let _ = write!(out, "{}", SetForegroundColor(fg));
                    }
                    if let Some(bg) = ansi(cell.bg) {
                        let _ = write!(out, "{}", SetBackgroundColor(bg));
                    }
                    last = Some(style);
                }
            }
            out.push_str(cell.symbol());
        }
        if colour && last.is_some() {
            let _ = write!(out, "{}", SetAttribute(Attribute::Reset));
        }
        out.push('\n');
    }
    out
}

fn ansi(color: Color) -> Option<Ansi> {
    Some(match color {
        Color::Reset => return None,
        Color::Indexed(i) => Ansi::AnsiValue(i),
        Color::Gray => Ansi::Grey,
        Color::DarkGray => Ansi::DarkGrey,
        Color::White => Ansi::White,
        Color::Yellow => Ansi::DarkYellow,
        Color::LightYellow => Ansi::Yellow,
        Color::Rgb(r, g, b) => Ansi::Rgb { r, g, b },
        _ => Ansi::Reset,
    })
}
