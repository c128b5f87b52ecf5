//! The big countdown: digits drawn from block characters, scaled to the space they get,
//! so the time is readable from a mat two metres away.
//!
//! Glyphs are 3x5 pixels; a pixel is two cells wide and one tall at scale 1, which looks
//! square in most terminal fonts. Few cells change from one second to the next, which
//! keeps what is sent to the terminal small.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

const GLYPH_HEIGHT: u16 = 5;

fn glyph(c: char) -> Option<[&'static str; 5]> {
    Some(match c {
        '0' => ["###", "# #", "# #", "# #", "###"],
        // A one on the right, as on a digital clock: fewer cells change around it.
        '1' => ["  #", "  #", "  #", "  #", "  #"],
        '2' => ["###", "  #", "###", "#  ", "###"],
        '3' => ["###", "  #", "###", "  #", "###"],
        '4' => ["# #", "# #", "###", "  #", "  #"],
        '5' => ["###", "#  ", "###", "  #", "###"],
        '6' => ["###", "#  ", "###", "# #", "###"],
        '7' => ["###", "  #", "  #", "  #", "  #"],
        '8' => ["###", "# #", "###", "# #", "###"],
        '9' => ["###", "# #", "###", "  #", "###"],
        ':' => [" ", "#", " ", "#", " "],
        _ => return None,
    })
}

/// Width in pixels of `text` drawn big, with one pixel between glyphs.
fn pixel_width(text: &str) -> u16 {
    let glyphs: u16 = text.chars().filter_map(glyph).map(|g| u16::try_from(g[0].len()).unwrap_or(3)).sum();
    let count = u16::try_from(text.chars().filter(|c| glyph(*c).is_some()).count()).unwrap_or(0);
    glyphs + count.saturating_sub(1)
}

/// The largest scale at which `text` fits in `width` x `height` cells, if any.
pub(crate) fn fit_scale(text: &str, width: u16, height: u16) -> Option<u16> {
    let pixels = pixel_width(text).max(1);
    let scale = (width / (pixels * 2)).min(height / GLYPH_HEIGHT);
    (scale >= 1).then_some(scale)
}

/// Rows `text` takes at `scale`.
pub(crate) fn height(scale: u16) -> u16 {
    GLYPH_HEIGHT * scale
}

/// `text` (digits and colons) drawn big; each pixel is a block of spaces in `style`, which
/// should set a background or reverse video. The text is right-aligned in the width of
/// `widest`, and that width is centred, so a countdown from 10 to 9 does not jump.
#[derive(Debug, Clone)]
pub(crate) struct BigText<'a> {
    pub text: &'a str,
    pub widest: &'a str,
    pub scale: u16,
    pub style: Style,
}

impl Widget for BigText<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (px_w, px_h) = (self.scale * 2, self.scale);
        let slot = pixel_width(self.widest).max(pixel_width(self.text)) * px_w;
        let width = pixel_width(self.text) * px_w;
        let mut x = area.x + area.width.saturating_sub(slot) / 2 + (slot - width);
        let y0 = area.y + area.height.saturating_sub(height(self.scale)) / 2;
        for g in self.text.chars().filter_map(glyph) {
            for (row, line) in g.iter().enumerate() {
                for (col, pixel) in line.chars().enumerate() {
                    if pixel != '#' {
                        continue;
                    }
                    let px = x + u16::try_from(col).unwrap_or(0) * px_w;
                    let py = y0 + u16::try_from(row).unwrap_or(0) * px_h;
                    fill(buf, area, Rect::new(px, py, px_w, px_h), self.style);
                }
            }
            x += (u16::try_from(g[0].len()).unwrap_or(3) + 1) * px_w;
        }
    }
}

fn fill(buf: &mut Buffer, clip: Rect, rect: Rect, style: Style) {
    let rect = rect.intersection(clip);
    for y in rect.top()..rect.bottom() {
        for x in rect.left()..rect.right() {
            if let Some(cell) = buf.cell_mut((x, y)) {
                cell.set_symbol(" ").set_style(style);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_fits_the_space() {
        // "30": two glyphs of 3 and a gap: 7 pixels, 14 cells at scale 1.
        assert_eq!(fit_scale("30", 14, 5), Some(1));
        assert_eq!(fit_scale("30", 13, 5), None);
        assert_eq!(fit_scale("30", 100, 12), Some(2));
        assert_eq!(fit_scale("1:30", 200, 60), Some(7));
    }

    #[test]
    fn draws_the_digits() {
        let area = Rect::new(0, 0, 14, 5);
        let mut buf = Buffer::empty(area);
        let style = Style::new().add_modifier(ratatui::style::Modifier::REVERSED);
        BigText { text: "10", widest: "10", scale: 1, style }.render(area, &mut buf);
        let lit = |x: u16, y: u16| if buf[(x, y)].modifier.is_empty() { " " } else { "█" };
        let rows: Vec<String> = (0..5).map(|y| (0..14).map(|x| lit(x, y)).collect::<String>()).collect();
        assert_eq!(rows[0], "    ██  ██████");
        assert_eq!(rows[1], "    ██  ██  ██");
        assert_eq!(rows[4], "    ██  ██████");
    }

    #[test]
    fn a_shorter_text_keeps_its_digits_in_place() {
        let area = Rect::new(0, 0, 20, 5);
        let style = Style::new().add_modifier(ratatui::style::Modifier::REVERSED);
        let lit_columns = |text: &str| {
            let mut buf = Buffer::empty(area);
            BigText { text, widest: "30", scale: 1, style }.render(area, &mut buf);
            (0..20).filter(|&x| !buf[(x, 4)].modifier.is_empty()).collect::<Vec<u16>>()
        };
        // The ones digit of "10" and the lone "9" sit in the same columns.
        let ten = lit_columns("10");
        let nine = lit_columns("9");
        assert_eq!(&ten[ten.len() - 6..], &nine[..]);
    }

    #[test]
    fn never_draws_outside_its_area() {
        let area = Rect::new(2, 2, 5, 3);
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 10));
        let style = Style::new().add_modifier(ratatui::style::Modifier::REVERSED);
        BigText { text: "88:88", widest: "8", scale: 3, style }.render(area, &mut buf);
        for y in 0..10 {
            for x in 0..10 {
                assert_eq!(!buf[(x, y)].modifier.is_empty(), area.contains((x, y).into()), "({x}, {y})");
            }
        }
    }
}
