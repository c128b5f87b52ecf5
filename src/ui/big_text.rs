//! Big text: the countdown's digits and the phase's words, drawn from a small pixel font
//! and scaled to the space they get, so the time, the phase and the side read from a mat
//! two metres away.
//!
//! Hand-written rather than taken from a crate of big fonts (tui-big-text, on font8x8):
//! one font serves digits and words at every scale (whole multiples of a 3x5 glyph, where
//! font8x8 has a few fixed pixel sizes), and a pixel is drawn as coloured spaces, one byte
//! a cell on the wire where block characters take three, which matters for a countdown that
//! changes every second over SSH. Glyphs are 3x5 pixels (5x5 for M and W). A pixel is two
//! cells wide and one tall at scale 1, which looks square in most terminal fonts; where a
//! word would not fit, its pixels are one cell wide.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

/// Rows of a glyph at scale 1.
pub(crate) const GLYPH_HEIGHT: u16 = 5;

fn glyph(c: char) -> Option<&'static [&'static str; 5]> {
    Some(match c {
        '0' | 'O' => &["###", "# #", "# #", "# #", "###"],
        // A one on the right, as on a digital clock: fewer cells change around it.
        '1' => &["  #", "  #", "  #", "  #", "  #"],
        '2' => &["###", "  #", "###", "#  ", "###"],
        '3' => &["###", "  #", "###", "  #", "###"],
        '4' => &["# #", "# #", "###", "  #", "  #"],
        '5' => &["###", "#  ", "###", "  #", "###"],
        '6' => &["###", "#  ", "###", "# #", "###"],
        '7' => &["###", "  #", "  #", "  #", "  #"],
        '8' => &["###", "# #", "###", "# #", "###"],
        '9' => &["###", "# #", "###", "  #", "###"],
        ':' => &[" ", "#", " ", "#", " "],
        'A' => &[" # ", "# #", "###", "# #", "# #"],
        'B' => &["## ", "# #", "## ", "# #", "## "],
        'C' => &[" ##", "#  ", "#  ", "#  ", " ##"],
        'D' => &["## ", "# #", "# #", "# #", "## "],
        'E' => &["###", "#  ", "## ", "#  ", "###"],
        'F' => &["###", "#  ", "## ", "#  ", "#  "],
        'G' => &[" ##", "#  ", "# #", "# #", " ##"],
        'H' => &["# #", "# #", "###", "# #", "# #"],
        'I' => &["###", " # ", " # ", " # ", "###"],
        'J' => &["  #", "  #", "  #", "# #", " # "],
        'K' => &["# #", "# #", "## ", "# #", "# #"],
        'L' => &["#  ", "#  ", "#  ", "#  ", "###"],
        'M' => &["#   #", "## ##", "# # #", "#   #", "#   #"],
        'N' => &["#  #", "## #", "# ##", "#  #", "#  #"],
        'P' => &["## ", "# #", "## ", "#  ", "#  "],
        'Q' => &[" # ", "# #", "# #", "## ", " ##"],
        'R' => &["## ", "# #", "## ", "# #", "# #"],
        'S' => &[" ##", "#  ", " # ", "  #", "## "],
        'T' => &["###", " # ", " # ", " # ", " # "],
        'U' => &["# #", "# #", "# #", "# #", "###"],
        'V' => &["# #", "# #", "# #", "# #", " # "],
        'W' => &["#   #", "#   #", "# # #", "## ##", "#   #"],
        'X' => &["# #", "# #", " # ", "# #", "# #"],
        'Y' => &["# #", "# #", " # ", " # ", " # "],
        'Z' => &["###", "  #", " # ", "#  ", "###"],
        '→' => &["  #  ", "   # ", "#####", "   # ", "  #  "],
        '←' => &["  #  ", " #   ", "#####", " #   ", "  #  "],
        '·' => &[" ", " ", "#", " ", " "],
        ' ' => &["  ", "  ", "  ", "  ", "  "],
        _ => return None,
    })
}

fn glyph_width(g: &[&str; 5]) -> u16 {
    u16::try_from(g[0].len()).unwrap_or(3)
}

/// Width in pixels of `text` drawn big, with one pixel between glyphs.
pub(crate) fn pixel_width(text: &str) -> u16 {
    let glyphs: Vec<&[&str; 5]> = text.chars().filter_map(glyph).collect();
    let count = u16::try_from(glyphs.len()).unwrap_or(0);
    glyphs.iter().map(|g| glyph_width(g)).sum::<u16>() + count.saturating_sub(1)
}

/// The largest scale at which `text` fits in `width` x `height` cells with pixels two cells
/// wide, if any.
pub(crate) fn fit_scale(text: &str, width: u16, height: u16) -> Option<u16> {
    let pixels = pixel_width(text).max(1);
    let scale = (width / (pixels * 2)).min(height / GLYPH_HEIGHT);
    (scale >= 1).then_some(scale)
}

/// Rows text takes at `scale`.
pub(crate) fn height(scale: u16) -> u16 {
    GLYPH_HEIGHT * scale
}

/// `text` drawn big; each pixel is `pixel` cells wide and `scale` tall, a block of spaces
/// in `style`, which should set a background or reverse video. The text is right-aligned
/// in the width of `widest`, and that width is centred, so a countdown from 10 to 9 does
/// not jump.
#[derive(Debug, Clone)]
pub(crate) struct BigText<'a> {
    pub text: &'a str,
    pub widest: &'a str,
    pub scale: u16,
    /// Cells a pixel is wide: `2 * scale` for square pixels, `scale` for narrow ones.
    pub pixel: u16,
    pub style: Style,
}

impl<'a> BigText<'a> {
    /// Square pixels at `scale`, right-aligned in the width of `widest`.
    pub(crate) fn new(text: &'a str, widest: &'a str, scale: u16, style: Style) -> Self {
        Self { text, widest, scale, pixel: 2 * scale, style }
    }

    /// The columns it takes.
    pub(crate) fn width(&self) -> u16 {
        pixel_width(self.widest).max(pixel_width(self.text)).saturating_mul(self.pixel)
    }

    /// Where in `area` it is drawn: every cell it can touch, whatever the text.
    pub(crate) fn placed(&self, area: Rect) -> Rect {
        let slot = self.width();
        let x = area.x + area.width.saturating_sub(slot) / 2;
        let y = area.y + area.height.saturating_sub(height(self.scale)) / 2;
        Rect::new(x, y, slot, height(self.scale)).intersection(area)
    }
}

impl Widget for BigText<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (px_w, px_h) = (self.pixel, self.scale);
        let slot = self.width();
        let width = pixel_width(self.text) * px_w;
        let mut x = area.x + area.width.saturating_sub(slot) / 2 + slot.saturating_sub(width);
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
            x += (glyph_width(g) + 1) * px_w;
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

    fn reversed() -> Style {
        Style::new().add_modifier(ratatui::style::Modifier::REVERSED)
    }

    fn rows(buf: &Buffer, area: Rect) -> Vec<String> {
        let lit = |x: u16, y: u16| if buf[(x, y)].modifier.is_empty() { " " } else { "█" };
        (area.top()..area.bottom()).map(|y| (area.left()..area.right()).map(|x| lit(x, y)).collect()).collect()
    }

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
        BigText::new("10", "10", 1, reversed()).render(area, &mut buf);
        let rows = rows(&buf, area);
        assert_eq!(rows[0], "    ██  ██████");
        assert_eq!(rows[1], "    ██  ██  ██");
        assert_eq!(rows[4], "    ██  ██████");
    }

    #[test]
    fn draws_words_with_narrow_pixels_too() {
        let area = Rect::new(0, 0, 15, 5);
        let mut buf = Buffer::empty(area);
        BigText { text: "HOLD", widest: "HOLD", scale: 1, pixel: 1, style: reversed() }.render(area, &mut buf);
        assert_eq!(
            rows(&buf, area),
            ["█ █ ███ █   ██ ", "█ █ █ █ █   █ █", "███ █ █ █   █ █", "█ █ █ █ █   █ █", "█ █ ███ ███ ██ "]
        );
        let drawn = |text: &str| text.chars().all(|c| glyph(c).is_some());
        assert!(drawn("SWITCH → RIGHT") && drawn("READY → LEFT") && drawn("PAUSED  LEFT") && !drawn("Hold"));
    }

    #[test]
    fn a_shorter_text_keeps_its_digits_in_place() {
        let area = Rect::new(0, 0, 20, 5);
        let lit_columns = |text: &str| {
            let mut buf = Buffer::empty(area);
            BigText::new(text, "30", 1, reversed()).render(area, &mut buf);
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
        BigText::new("88:88", "8", 3, reversed()).render(area, &mut buf);
        for y in 0..10 {
            for x in 0..10 {
                assert_eq!(!buf[(x, y)].modifier.is_empty(), area.contains((x, y).into()), "({x}, {y})");
            }
        }
    }
}
