//! A terminal backend that writes as few bytes as it can, because a session runs for
//! minutes over SSH and redraws every second.
//!
//! It wraps crossterm's backend and replaces its `draw`: the colour and attribute state
//! and the cursor position are remembered across frames, so a frame sends only the
//! escape sequences that change something, in one combined SGR each time, with short
//! cursor moves; and the cursor is hidden once, not every frame.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// The attributes the terminal is currently set to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

const PLAIN: Pen = Pen { fg: Color::Reset, bg: Color::Reset, modifier: Modifier::empty() };

/// See the module documentation.
#[derive(Debug)]
pub(crate) struct QuietBackend<W: Write> {
    inner: CrosstermBackend<W>,
    /// What the terminal's attributes are, when known.
    pen: Option<Pen>,
    /// Where the terminal's cursor is, when known.
    cursor: Option<Position>,
    cursor_hidden: bool,
    out: Vec<u8>,
    /// What the screen holds, row by row, as far as anything was drawn on it: rows with a
    /// character of uncertain width are drawn again from it on, from here.
    shadow: Vec<Vec<Cell>>,
    /// How many characters of uncertain width each row of the shadow holds, so rows
    /// without one (nearly all) are not searched at every frame.
    uncertain: Vec<u16>,
}

impl<W: Write> QuietBackend<W> {
    pub(crate) fn new(writer: W) -> Self {
        Self {
            inner: CrosstermBackend::new(writer),
            pen: None,
            cursor: None,
            cursor_hidden: false,
            out: Vec::new(),
            shadow: Vec::new(),
            uncertain: Vec::new(),
        }
    }

    fn remember(&mut self, x: u16, y: u16, cell: &Cell) {
        let (x, y) = (usize::from(x), usize::from(y));
        if self.shadow.len() <= y {
            self.shadow.resize(y + 1, Vec::new());
            self.uncertain.resize(y + 1, 0);
        }
        let row = &mut self.shadow[y];
        if row.len() <= x {
            row.resize(x + 1, Cell::default());
        }
        let was = u16::from(width_is_uncertain(row[x].symbol()));
        let is = u16::from(width_is_uncertain(cell.symbol()));
        self.uncertain[y] = (self.uncertain[y] + is).saturating_sub(was);
        row[x] = cell.clone();
    }

    /// The column of the first character of uncertain width on row `y`, if any.
    fn first_uncertain(&self, y: u16) -> Option<u16> {
        if self.uncertain.get(usize::from(y)).is_none_or(|count| *count == 0) {
            return None;
        }
        let row = self.shadow.get(usize::from(y))?;
        row.iter().position(|c| width_is_uncertain(c.symbol())).and_then(|x| u16::try_from(x).ok())
    }

    /// Draws row `y` again from column `from` to its end, each cell at its own column,
    /// and erases whatever a wide-drawn character may have pushed past it.
    fn redraw_row_from(&mut self, y: u16, from: u16) {
        let cells: Vec<Cell> = self
            .shadow
            .get(usize::from(y))
            .map(|r| r.iter().skip(usize::from(from)).cloned().collect())
            .unwrap_or_default();
        let mut x = from;
        let mut skip = 0;
        for cell in &cells {
            if skip > 0 {
                // A column that the wide character before it covers.
                skip -= 1;
                x += 1;
                continue;
            }
            self.draw_cell(x, y, cell, true);
            let width = u16::try_from(cell.symbol().width()).unwrap_or(1).max(1);
            skip = width - 1;
            x += 1;
        }
        self.cursor = None;
        self.move_to(x, y);
        self.set_pen(PLAIN);
        self.out.extend_from_slice(b"\x1b[K");
        self.cursor = Some(Position { x, y });
    }

    /// Draws one cell at its column; one of uncertain width over blanks, with the cursor
    /// then placed by column.
    fn draw_cell(&mut self, x: u16, y: u16, cell: &Cell, absolute: bool) {
        if absolute {
            self.move_to(x, y);
        }
        let mut pen = Pen { fg: cell.fg, bg: cell.bg, modifier: cell.modifier };
        // A blank shows no foreground: keep whatever the terminal has.
        if cell.symbol() == " " && !cell.modifier.intersects(SHOWS_FOREGROUND) {
            pen.fg = self.pen.map_or(pen.fg, |p| p.fg);
        }
        let symbol = cell.symbol();
        let width = u16::try_from(symbol.width()).unwrap_or(1);
        let uncertain = width_is_uncertain(symbol);
        self.set_pen(pen);
        if uncertain {
            // Where terminals may draw it narrower than we count, blank the cells it
            // should cover first, so nothing of the last screen shows through.
            self.out.extend(std::iter::repeat_n(b' ', usize::from(width)));
            self.cursor = Some(Position { x: x + width, y });
            self.move_to(x, y);
        }
        self.out.extend_from_slice(symbol.as_bytes());
        let next = x.saturating_add(width);
        if uncertain {
            // And place what follows by its column, not where the terminal's cursor went.
            self.cursor = None;
            self.move_to(next, y);
        }
        self.cursor = Some(Position { x: next, y });
    }

    fn move_to(&mut self, x: u16, y: u16) {
        // Past a row's last column the terminal waits to wrap, and relative moves from
        // there differ between terminals: only an absolute one is safe.
        let from =
            self.cursor.filter(|c| self.shadow.get(usize::from(c.y)).is_some_and(|row| usize::from(c.x) < row.len()));
        self.out.extend_from_slice(cheapest_move(from, Position { x, y }).as_bytes());
    }

    fn set_pen(&mut self, pen: Pen) {
        let current = self.pen.unwrap_or(PLAIN);
        if self.pen == Some(pen) {
            return;
        }
        let mut params: Vec<String> = Vec::new();
        let reset = self.pen.is_none() || !pen.modifier.contains(current.modifier);
        let base = if reset {
            params.push("0".into());
            PLAIN
        } else {
            current
        };
        for (flag, code) in MODIFIER_CODES {
            if pen.modifier.contains(*flag) && !base.modifier.contains(*flag) {
                params.push((*code).into());
            }
        }
        if pen.fg != base.fg {
            params.push(colour_code(pen.fg, false));
        }
        if pen.bg != base.bg {
            params.push(colour_code(pen.bg, true));
        }
        let _ = write!(self.out, "\x1b[{}m", params.join(";"));
        self.pen = Some(pen);
    }

    fn send(&mut self) -> io::Result<()> {
        if self.out.is_empty() {
            return Ok(());
        }
        let out = std::mem::take(&mut self.out);
        let result = self.inner.write_all(&out);
        self.out = out;
        self.out.clear();
        result
    }

    /// Forgets what the terminal shows; the next frame sets everything it needs.
    fn forget(&mut self) {
        self.pen = None;
        self.cursor = None;
    }
}

/// Cells side by side on one row with one background and set of attributes.
struct CellRun<'a> {
    x: u16,
    y: u16,
    bg: Color,
    modifier: Modifier,
    /// Each cell with its column.
    cells: Vec<(u16, &'a Cell)>,
    /// The column after the last cell.
    end: u16,
}

impl CellRun<'_> {
    /// An order for backgrounds, to group runs by them, by colour name then value.
    fn bg_key(&self) -> (&'static str, [u8; 3]) {
        match self.bg {
            Color::Reset => ("Reset", [0; 3]),
            Color::Black => ("Black", [0; 3]),
            Color::Red => ("Red", [0; 3]),
            Color::Green => ("Green", [0; 3]),
            Color::Yellow => ("Yellow", [0; 3]),
            Color::Blue => ("Blue", [0; 3]),
            Color::Magenta => ("Magenta", [0; 3]),
            Color::Cyan => ("Cyan", [0; 3]),
            Color::Gray => ("Gray", [0; 3]),
            Color::DarkGray => ("DarkGray", [0; 3]),
            Color::LightRed => ("LightRed", [0; 3]),
            Color::LightGreen => ("LightGreen", [0; 3]),
            Color::LightYellow => ("LightYellow", [0; 3]),
            Color::LightBlue => ("LightBlue", [0; 3]),
            Color::LightMagenta => ("LightMagenta", [0; 3]),
            Color::LightCyan => ("LightCyan", [0; 3]),
            Color::White => ("White", [0; 3]),
            Color::Indexed(i) => ("Indexed", [i, 0, 0]),
            Color::Rgb(r, g, b) => ("Rgb", [r, g, b]),
        }
    }
}

fn runs<'a>(content: impl Iterator<Item = (u16, u16, &'a Cell)>) -> Vec<CellRun<'a>> {
    let mut runs: Vec<CellRun<'a>> = Vec::new();
    for (x, y, cell) in content {
        let width = u16::try_from(cell.symbol().width()).unwrap_or(1);
        if let Some(run) = runs.last_mut()
            && run.y == y
            && run.end == x
            && run.bg == cell.bg
            && run.modifier == cell.modifier
        {
            run.cells.push((x, cell));
            run.end = x.saturating_add(width);
            continue;
        }
        runs.push(CellRun {
            x,
            y,
            bg: cell.bg,
            modifier: cell.modifier,
            cells: vec![(x, cell)],
            end: x.saturating_add(width),
        });
    }
    runs
}

/// The shortest way to move the cursor from `from` (unknown: `None`) to `to`: an
/// absolute move, or a vertical then a horizontal one, each by the cheapest of the
/// standard sequences (line feed moves straight down, as the terminal is raw).
fn cheapest_move(from: Option<Position>, to: Position) -> String {
    let absolute = if to.x == 0 { format!("\x1b[{}H", to.y + 1) } else { format!("\x1b[{};{}H", to.y + 1, to.x + 1) };
    let Some(from) = from else { return absolute };
    let count = |n: u16| if n == 1 { String::new() } else { n.to_string() };
    let mut vertical = vec![];
    match to.y.cmp(&from.y) {
        std::cmp::Ordering::Equal => vertical.push(String::new()),
        std::cmp::Ordering::Greater => {
            let n = to.y - from.y;
            vertical.push(format!("\x1b[{}B", count(n)));
            if n <= 4 {
                vertical.push("\n".repeat(usize::from(n)));
            }
        }
        std::cmp::Ordering::Less => vertical.push(format!("\x1b[{}A", count(from.y - to.y))),
    }
    let mut horizontal = vec![];
    match to.x.cmp(&from.x) {
        std::cmp::Ordering::Equal => horizontal.push(String::new()),
        std::cmp::Ordering::Greater => horizontal.push(format!("\x1b[{}C", count(to.x - from.x))),
        std::cmp::Ordering::Less => {
            let n = from.x - to.x;
            horizontal.push(format!("\x1b[{}D", count(n)));
            if n <= 4 {
                horizontal.push("\x08".repeat(usize::from(n)));
            }
        }
    }
    horizontal.push(format!("\x1b[{}G", count(to.x + 1)));
    horizontal.push(if to.x == 0 { "\r".to_string() } else { format!("\r\x1b[{}C", count(to.x)) });
    let shortest = |options: &[String]| options.iter().min_by_key(|o| o.len()).cloned().unwrap_or_default();
    let relative = shortest(&vertical) + &shortest(&horizontal);
    if relative.len() < absolute.len() { relative } else { absolute }
}

/// Whether terminals disagree on how many columns `symbol` takes: emoji (with a variation
/// selector or joined), flags, and other clusters of several characters. The one width
/// rule here is unicode-width's; these are drawn so that a terminal with another rule
/// cannot leave a stale cell beside them.
fn width_is_uncertain(symbol: &str) -> bool {
    !symbol.is_ascii()
        && (symbol.chars().nth(1).is_some()
            || symbol.chars().any(|c| matches!(u32::from(c), 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF)))
}

/// Attributes that make a blank cell show its foreground colour.
const SHOWS_FOREGROUND: Modifier = Modifier::REVERSED.union(Modifier::UNDERLINED).union(Modifier::CROSSED_OUT);

const MODIFIER_CODES: &[(Modifier, &str)] = &[
    (Modifier::BOLD, "1"),
    (Modifier::DIM, "2"),
    (Modifier::ITALIC, "3"),
    (Modifier::UNDERLINED, "4"),
    (Modifier::SLOW_BLINK, "5"),
    (Modifier::RAPID_BLINK, "6"),
    (Modifier::REVERSED, "7"),
    (Modifier::HIDDEN, "8"),
    (Modifier::CROSSED_OUT, "9"),
];

/// The SGR parameter for a colour, as foreground or background.
fn colour_code(colour: Color, background: bool) -> String {
    let base = if background { 40 } else { 30 };
    let named = |n: u8| (base + u16::from(n)).to_string();
    let bright = |n: u8| (base + 60 + u16::from(n)).to_string();
    match colour {
        Color::Reset => (base + 9).to_string(),
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => bright(0),
        Color::LightRed => bright(1),
        Color::LightGreen => bright(2),
        Color::LightYellow => bright(3),
        Color::LightBlue => bright(4),
        Color::LightMagenta => bright(5),
        Color::LightCyan => bright(6),
        Color::White => bright(7),
        Color::Indexed(i) => format!("{};5;{i}", base + 8),
        Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", base + 8),
    }
}

impl<W: Write> Backend for QuietBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let content: Vec<(u16, u16, &Cell)> = content.collect();
        for (x, y, cell) in &content {
            self.remember(*x, *y, cell);
        }
        // Rows with a character of uncertain width are drawn from it on at the end, in
        // column order, so a terminal that draws it wider or narrower is set right.
        let mut rows: Vec<u16> = content.iter().map(|(_, y, _)| *y).collect();
        rows.dedup();
        let mut uncertain_rows: Vec<(u16, u16)> =
            rows.into_iter().filter_map(|y| Some((y, self.first_uncertain(y)?))).collect();
        uncertain_rows.sort_unstable();
        uncertain_rows.dedup();
        let redrawn = |x: u16, y: u16| uncertain_rows.iter().any(|&(row, from)| row == y && x >= from);
        let mut runs = runs(content.iter().copied().filter(|(x, y, _)| !redrawn(*x, *y)));
        // Runs never overlap, so their order is free: grouping those of one background
        // and attributes saves switching back and forth (a countdown digit turning some
        // pixels on and others off would otherwise switch at every pixel).
        let current = self.pen.map(|p| (p.bg, p.modifier));
        runs.sort_by_key(|run| (Some((run.bg, run.modifier)) != current, run.bg_key(), run.modifier.bits()));
        for run in runs {
            self.move_to(run.x, run.y);
            self.cursor = Some(Position { x: run.x, y: run.y });
            for (x, cell) in run.cells {
                self.draw_cell(x, run.y, cell, false);
            }
        }
        for (y, from) in uncertain_rows {
            self.redraw_row_from(y, from);
        }
        self.send()
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if !self.cursor_hidden {
            self.inner.hide_cursor()?;
            self.cursor_hidden = true;
        }
        Ok(())
    }

    /// Best effort: it is called on the way out, when the terminal may be gone, and the
    /// shell restores the cursor again itself.
    fn show_cursor(&mut self) -> io::Result<()> {
        let _ = self.inner.show_cursor();
        self.cursor_hidden = false;
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let position = position.into();
        self.inner.set_cursor_position(position)?;
        self.cursor = Some(position);
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        // Erasing fills with the current background: reset it first.
        self.set_pen(PLAIN);
        self.send()?;
        self.inner.clear_region(clear_type)?;
        self.forget();
        if clear_type == ClearType::All {
            self.shadow.clear();
            self.uncertain.clear();
        }
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send()?;
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    fn cell(symbol: &str, fg: Color, bg: Color) -> Cell {
        let mut cell = Cell::default();
        cell.set_symbol(symbol);
        cell.fg = fg;
        cell.bg = bg;
        cell
    }

    /// A writer whose bytes the test can read while the backend owns it.
    #[derive(Debug, Clone, Default)]
    pub(in crate::shell) struct Shared(pub(in crate::shell) std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn drawn(frames: &[Vec<(u16, u16, Cell)>]) -> Vec<String> {
        let shared = Shared::default();
        let mut backend = QuietBackend::new(shared.clone());
        let mut out = Vec::new();
        for frame in frames {
            let before = shared.0.borrow().len();
            backend.draw(frame.iter().map(|(x, y, c)| (*x, *y, c))).unwrap();
            out.push(String::from_utf8_lossy(&shared.0.borrow()[before..]).into_owned());
        }
        out
    }

    #[test]
    fn sends_only_what_changes() {
        let green = cell(" ", Color::Reset, Color::Green);
        let plain = cell("a", Color::Reset, Color::Reset);
        let frames = drawn(&[
            vec![(0, 0, green.clone()), (1, 0, green.clone()), (5, 0, plain.clone()), (3, 2, plain.clone())],
            vec![(6, 2, plain.clone()), (7, 2, green.clone())],
        ]);
        assert_eq!(frames[0], "\x1b[1H\x1b[0;42m  \x1b[3C\x1b[49ma\x1b[3;4Ha");
        // The pen and the cursor carry over: no reset, no repeated colour.
        assert_eq!(frames[1], "\x1b[2Ca\x1b[42m ");
    }

    #[test]
    fn a_blank_keeps_the_foreground_it_finds() {
        let red = cell("r", Color::Red, Color::Reset);
        let blank = cell(" ", Color::Reset, Color::Green);
        let frames = drawn(&[vec![(0, 0, red), (1, 0, blank)]]);
        // Runs are grouped by background: the green blank goes first and keeps the
        // foreground it finds; the red letter then changes only what it needs.
        assert_eq!(frames[0], "\x1b[1;2H\x1b[0;42m \x1b[1H\x1b[31;49mr");
    }

    #[test]
    fn attributes_are_added_rather_than_reset() {
        let mut bold = cell("x", Color::Red, Color::Reset);
        bold.modifier = Modifier::BOLD;
        let red = cell("y", Color::Red, Color::Reset);
        let frames = drawn(&[vec![(0, 0, bold), (1, 0, red)]]);
        // Plain runs go before bold ones, so bold is added, not removed.
        assert_eq!(frames[0], "\x1b[1;2H\x1b[0;31my\x1b[1H\x1b[1mx");
    }

    #[test]
    fn wide_characters_advance_the_cursor_by_their_width() {
        let frames = drawn(&[vec![
            (0, 0, cell("界", Color::Reset, Color::Reset)),
            (2, 0, cell("a", Color::Reset, Color::Reset)),
        ]]);
        assert_eq!(frames[0], "\x1b[1H\x1b[0m界a");
    }
}

#[cfg(test)]
mod screen_tests {
    //! The bytes a frame sends, replayed through a terminal emulator, must show exactly
    //! what the frame holds, whatever order the runs were sent in.

    use ratatui::Terminal;
    use ratatui::style::{Color, Style};
    use ratatui::widgets::Paragraph;

    use super::*;

    use super::tests::Shared;

    /// The emulated row after `frames` are drawn in turn on a 10x1 terminal.
    fn row_after(frames: &[&str]) -> Vec<String> {
        let shared = Shared::default();
        let area = ratatui::layout::Rect::new(0, 0, 10, 1);
        let mut terminal = Terminal::with_options(
            QuietBackend::new(shared.clone()),
            ratatui::TerminalOptions { viewport: ratatui::Viewport::Fixed(area) },
        )
        .unwrap();
        let mut parser = vt100::Parser::new(1.try_into().unwrap(), 10.try_into().unwrap(), 0);
        for text in frames {
            terminal.draw(|f| f.render_widget(Paragraph::new(*text), f.area())).unwrap();
            parser.process(&shared.0.borrow());
            shared.0.borrow_mut().clear();
        }
        (0..10).map(|x| parser.screen().cell(0, x).map_or_else(String::new, |c| c.contents().to_string())).collect()
    }

    #[test]
    fn a_character_whose_width_the_terminal_counts_otherwise_leaves_nothing_stale() {
        // A joined family is two columns to unicode-width (and to us); this emulator, like
        // some terminals, draws each of its three people two wide. What follows it must
        // still land in its own column, and nothing of the screen before may show.
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        let row = row_after(&["XXXXXXXXXX", &format!("{family}ab")]);
        assert_eq!((row[2].as_str(), row[3].as_str()), ("a", "b"), "{row:?}");
        assert!(row[4..].iter().all(|c| c.trim().is_empty()), "nothing stale after it: {row:?}");
        // A screen without it is clean again.
        let row = row_after(&["XXXXXXXXXX", &format!("{family}ab"), "ok"]);
        assert_eq!(row.concat().trim_end(), "ok", "{row:?}");
    }

    #[test]
    fn replayed_frames_show_what_was_drawn() {
        let shared = Shared::default();
        let backend = QuietBackend::new(shared.clone());
        let area = ratatui::layout::Rect::new(0, 0, 20, 4);
        let mut terminal =
            Terminal::with_options(backend, ratatui::TerminalOptions { viewport: ratatui::Viewport::Fixed(area) })
                .unwrap();
        let mut parser = vt100::Parser::new(4.try_into().unwrap(), 20.try_into().unwrap(), 0);
        let frames = ["ab  cd\nxy", "a   cé\n zz", "界b\n\n  q", "", "long line of text!!\nand more"];
        for (i, text) in frames.iter().enumerate() {
            let style = if i % 2 == 0 { Style::new().bg(Color::Green) } else { Style::new().fg(Color::Red) };
            terminal.draw(|f| f.render_widget(Paragraph::new(*text).style(style), f.area())).unwrap();
            parser.process(&shared.0.borrow());
            shared.0.borrow_mut().clear();
            let shown: Vec<String> = parser.screen().rows(0, 20).map(|r| r.trim_end().to_string()).collect();
            let expected: Vec<String> =
                (0..4).map(|y| text.lines().nth(y).unwrap_or("").trim_end().to_string()).collect();
            assert_eq!(shown, expected, "frame {i}");
        }
    }
}

#[cfg(test)]
mod moves {
    use super::*;

    #[test]
    fn the_cursor_takes_the_shortest_way() {
        let to = |x, y| Position { x, y };
        let at = |x, y| Some(to(x, y));
        // Unknown: absolute, with the column left out when it is the first.
        assert_eq!(cheapest_move(None, to(0, 4)), "\x1b[5H");
        assert_eq!(cheapest_move(None, to(9, 4)), "\x1b[5;10H");
        // Down a line and back to where the last run started: line feed and backspaces.
        assert_eq!(cheapest_move(at(70, 19), to(64, 20)), "\n\x1b[6D");
        assert_eq!(cheapest_move(at(66, 19), to(64, 20)), "\n\x08\x08");
        assert_eq!(cheapest_move(at(10, 3), to(12, 3)), "\x1b[2C");
        assert_eq!(cheapest_move(at(10, 3), to(0, 5)), "\n\n\r");
        // Far away, absolute is shorter than the relative moves.
        assert_eq!(cheapest_move(at(100, 37), to(9, 32)), "\x1b[33;10H");
    }
}
