//! A pose drawn as a stick figure with ratatui's `Canvas`: the working limbs thick and in
//! the phase's colour, the back and head thick in a light tone, the other side's limbs and
//! the props thin braille in a dim one. Thick against thin says which side works without
//! colour, so the monochrome theme keeps it. Small figures (the ready screen's) are all
//! braille.
//!
//! Lines are sampled along their length rather than stepped Bresenham's way (which walks
//! from the left end), so the left side's figure is the right side's mirror cell for cell.
//! A figure is drawn once for its size, pose, frame, side and tones and its cells kept: a
//! hold redraws the screen every second, and a still figure then costs a copy of its cells.

use std::cell::RefCell;
use std::rc::Rc;

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::symbols::Marker;
use ratatui::widgets::Widget;
use ratatui::widgets::canvas::{Canvas, Painter, Shape};

use crate::pose::Pose;
use crate::pose::skeleton::{Bone, Part, Point, Skeleton, skeleton};
use crate::side::Side;

/// The colours of a figure's parts; all `Reset` in monochrome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Tones {
    pub working: Color,
    pub body: Color,
    pub other: Color,
    pub prop: Color,
}

/// Below this many half-block pixels to a figure unit, thick lines would fill the figure
/// in: it is drawn thin, in braille.
const SMALL: f64 = 2.2;

/// Draws key frame `frame` of `pose` for `side` in the middle of `area`; returns the area
/// it took.
pub(crate) fn draw(buf: &mut Buffer, area: Rect, pose: &Pose, frame: usize, side: Option<Side>, tones: Tones) -> Rect {
    type Drawn = Rc<(Rect, Vec<(u16, u16, Cell)>)>;
    type Key = (Pose, usize, Option<Side>, Rect, Tones);
    thread_local! {
        static KEPT: RefCell<Vec<(Key, Drawn)>> = const { RefCell::new(Vec::new()) };
    }
    let shape = Rect { x: 0, y: 0, ..area };
    let same = |(p, f, s, r, t): &Key| (p, *f, *s, *r, *t) == (pose, frame, side, shape, tones);
    let found = KEPT.with_borrow(|kept| kept.iter().find(|(k, _)| same(k)).map(|(_, d)| d.clone()));
    let drawn = found.unwrap_or_else(|| {
        let drawn = Rc::new(cells(pose, frame, side, area.width, area.height, tones));
        KEPT.with_borrow_mut(|kept| {
            // A screen shows a few figures at a time (the ready screen one per step).
            if kept.len() >= 32 {
                kept.remove(0);
            }
            kept.push(((pose.clone(), frame, side, shape, tones), drawn.clone()));
        });
        drawn
    });
    let (rect, cells) = &*drawn;
    for (x, y, cell) in cells {
        if let Some(target) = buf.cell_mut((area.x + x, area.y + y)) {
            *target = cell.clone();
        }
    }
    Rect { x: area.x + rect.x, y: area.y + rect.y, ..*rect }
}

/// The figure in an area of `width` by `height` at the origin: where it is, and its cells
/// that are not blank.
fn cells(
    pose: &Pose,
    frame: usize,
    side: Option<Side>,
    width: u16,
    height: u16,
    tones: Tones,
) -> (Rect, Vec<(u16, u16, Cell)>) {
    let figure = skeleton(pose, frame, side);
    let (rect, x_bounds, y_bounds, scale) = fit(&figure, Rect::new(0, 0, width, height));
    if rect.is_empty() {
        return (rect, Vec::new());
    }
    let mut scratch = Buffer::empty(Rect::new(0, 0, width, height));
    let small = scale < SMALL;
    // Monochrome has one tone: the other side is told by its dotted line instead.
    let one_tone = tones.other == tones.working;
    let canvas = Canvas::default().x_bounds(x_bounds).y_bounds(y_bounds).marker(Marker::Braille).paint(|ctx| {
        let unit = if small { 1.0 / (2.0 * scale) } else { 1.0 / scale };
        let dotted = |b: &&Bone| b.part == Part::Prop || (one_tone && b.part == Part::Other && !b.lit);
        for bone in figure.bones.iter().filter(dotted) {
            let color = if bone.part == Part::Prop { tones.prop } else { tones.other };
            ctx.draw(&Stroke { from: bone.from, to: bone.to, brush: 0, unit, color });
        }
        if !small {
            ctx.marker(Marker::HalfBlock);
        }
        let thick = i32::from(!small);
        for bone in figure.bones.iter().filter(|b| !dotted(b)) {
            let (color, brush) = match (bone.lit, bone.part) {
                (true, _) => (tones.working, thick),
                (false, Part::Other) => (tones.other, 0),
                (false, _) => (tones.body, 0),
            };
            ctx.draw(&Stroke { from: bone.from, to: bone.to, brush, unit, color });
            // The head goes on the neck, before the limbs in front of it.
            if bone.part == Part::Body && bone.to == figure.neck {
                ctx.draw(&Disc { centre: figure.head, radius: figure.head_radius, unit, color: tones.body });
            }
        }
    });
    canvas.render(rect, &mut scratch);
    let blank = Cell::default();
    let kept = scratch
        .content
        .iter()
        .enumerate()
        .filter(|(_, cell)| **cell != blank)
        .map(|(i, cell)| {
            let (x, y) = scratch.pos_of(i);
            (x, y, cell.clone())
        })
        .collect();
    (rect, kept)
}

/// Where a figure goes in `area` and the part of the figure's plane the canvas shows:
/// the biggest that fits, pixels square, centred; and half-block pixels to a unit.
fn fit(figure: &Skeleton, area: Rect) -> (Rect, [f64; 2], [f64; 2], f64) {
    let [left, bottom, right, top] = figure.bounds();
    let margin = 0.5;
    let (w, h) = (right - left + 2.0 * margin, top - bottom + 2.0 * margin);
    // Half-block pixels: one column by half a row, about square in a terminal's cells.
    let scale = (f64::from(area.width) / w).min(f64::from(area.height) * 2.0 / h);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let cells = |units: f64, per: f64, most: u16| ((units * scale / per).ceil() as u16).min(most);
    let (width, height) = (cells(w, 1.0, area.width), cells(h, 2.0, area.height));
    // As many columns spare on each side, so the mirror image sits in the same place.
    let width = if (area.width - width) % 2 == 1 { width + 1 } else { width };
    if width < 4 || height < 2 {
        return (Rect::new(area.x, area.y, 0, 0), [0.0, 1.0], [0.0, 1.0], 0.0);
    }
    let rect = Rect::new(area.x + (area.width - width) / 2, area.y + (area.height - height) / 2, width, height);
    // The plane shown, grown to the cells taken, about the figure's middle.
    let (half_w, half_h) = (f64::from(width) / scale / 2.0, f64::from(height) * 2.0 / scale / 2.0);
    let (cx, cy) = (f64::midpoint(left, right), f64::midpoint(bottom, top));
    (rect, [cx - half_w, cx + half_w], [cy - half_h, cy + half_h], scale)
}

/// A straight line, sampled every half pixel (`unit` is a pixel in figure units), painted
/// with a round brush of `brush` pixels' radius.
struct Stroke {
    from: Point,
    to: Point,
    brush: i32,
    unit: f64,
    color: Color,
}

impl Shape for Stroke {
    fn draw(&self, painter: &mut Painter<'_, '_>) {
        let length = (self.to.x - self.from.x).hypot(self.to.y - self.from.y);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let steps = ((length / self.unit * 2.0).ceil() as usize).max(1);
        for i in 0..=steps {
            #[allow(clippy::cast_precision_loss)]
            let t = i as f64 / steps as f64;
            let (x, y) = (self.from.x + (self.to.x - self.from.x) * t, self.from.y + (self.to.y - self.from.y) * t);
            let Some((px, py)) = painter.get_point(x, y) else { continue };
            // A point halfway between two columns takes both, so the mirror image (which
            // rounds the other way) is the same.
            let (xs, _) = painter.bounds();
            let (left, right) = (xs[0], xs[1]);
            let last = painter.get_point(right, y).map_or(0, |(last, _)| last);
            #[allow(clippy::cast_precision_loss)]
            let column = (x - left) * last as f64 / (right - left);
            let tie = (column - column.floor() - 0.5).abs() < 1e-9;
            #[allow(clippy::cast_precision_loss)]
            let twin = match (tie, column < px as f64) {
                (false, _) => None,
                (true, true) => px.checked_sub(1),
                (true, false) => Some(px + 1),
            };
            for px in std::iter::once(px).chain(twin) {
                self.brush_at(painter, px, py);
            }
        }
    }
}

impl Stroke {
    fn brush_at(&self, painter: &mut Painter<'_, '_>, px: usize, py: usize) {
        {
            for dx in -self.brush..=self.brush {
                for dy in -self.brush..=self.brush {
                    let (x, y) = (px.checked_add_signed(dx as isize), py.checked_add_signed(dy as isize));
                    if let (Some(x), Some(y)) = (x, y)
                        && dx * dx + dy * dy <= self.brush * self.brush
                    {
                        paint(painter, x, y, self.color);
                    }
                }
            }
        }
    }
}

/// Paints a pixel if it is on the canvas: a brush at the edge reaches past it.
fn paint(painter: &mut Painter<'_, '_>, x: usize, y: usize, color: Color) {
    let (xs, ys) = painter.bounds();
    let (xs, ys) = (*xs, *ys);
    // The pixel's own place is on the canvas when its row and column are.
    if painter.get_point(xs[1], ys[0]).is_some_and(|(right, bottom)| x <= right && y <= bottom) {
        painter.paint(x, y, color);
    }
}

/// A filled circle: its rows drawn as strokes.
struct Disc {
    centre: Point,
    radius: f64,
    unit: f64,
    color: Color,
}

impl Shape for Disc {
    fn draw(&self, painter: &mut Painter<'_, '_>) {
        let step = self.unit / 2.0;
        let mut dy = -self.radius;
        while dy <= self.radius {
            let half = (self.radius * self.radius - dy * dy).max(0.0).sqrt();
            let (y, x) = (self.centre.y + dy, self.centre.x);
            let row = Stroke {
                from: Point { x: x - half, y },
                to: Point { x: x + half, y },
                brush: 0,
                unit: self.unit,
                color: self.color,
            };
            row.draw(painter);
            dy += step;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;
    use crate::pose::library;

    const SIZES: [(u16, u16); 2] = [(24, 8), (56, 24)];

    fn tones() -> Tones {
        crate::ui::theme::Theme::monochrome().figure(crate::ui::theme::Look::Hold)
    }

    /// The figure as rows of text.
    fn shown(pose: &Pose, frame: usize, side: Option<Side>, (width, height): (u16, u16), tones: Tones) -> Vec<String> {
        let mut buf = Buffer::empty(Rect::new(0, 0, width, height));
        let area = buf.area;
        draw(&mut buf, area, pose, frame, side, tones);
        buf.content.chunks(usize::from(width)).map(|row| row.iter().map(Cell::symbol).collect()).collect()
    }

    /// A braille cell seen in a mirror: its two columns of dots swapped.
    fn mirror_cell(c: char) -> char {
        let Some(bits) = u32::from(c).checked_sub(0x2800).filter(|b| *b <= 0xFF) else { return c };
        let pairs = [(0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80)];
        let swapped = pairs.iter().fold(0, |out, (left, right)| {
            out | if bits & left != 0 { *right } else { 0 } | if bits & right != 0 { *left } else { 0 }
        });
        char::from_u32(0x2800 + swapped).unwrap_or(c)
    }

    #[test]
    fn every_pose_on_both_sides_at_two_sizes() {
        for pose in library::poses() {
            let mut out = String::new();
            for size in SIZES {
                for frame in 0..pose.frames.len() {
                    for side in [Side::Left, Side::Right] {
                        let _ = writeln!(out, "{} side, frame {}, {}x{}", side.label(), frame + 1, size.0, size.1);
                        for row in shown(pose, frame, Some(side), size, tones()) {
                            out.push_str(row.trim_end());
                            out.push('\n');
                        }
                    }
                }
            }
            insta::assert_snapshot!(pose.name.clone(), out);
        }
    }

    /// Poses that are the same both ways by design: both arms circle at once, both knees open.
    const SYMMETRIC: &[&str] = &["arm-circles", "butterfly"];

    #[test]
    fn the_left_side_is_the_right_side_mirrored_cell_for_cell() {
        for pose in library::poses() {
            for size in SIZES {
                for frame in 0..pose.frames.len() {
                    let right = shown(pose, frame, Some(Side::Right), size, tones());
                    let left = shown(pose, frame, Some(Side::Left), size, tones());
                    let mirrored: Vec<String> =
                        right.iter().map(|row| row.chars().rev().map(mirror_cell).collect()).collect();
                    assert_eq!(left, mirrored, "{} at {size:?}", pose.name);
                    if !SYMMETRIC.contains(&pose.name.as_str()) {
                        assert_ne!(left, right, "{} looks the same both ways", pose.name);
                    }
                }
            }
        }
    }

    #[test]
    fn the_working_leg_is_lit_in_the_phase_colour_and_the_other_side_dim() {
        let tones = crate::ui::theme::Theme::colour().figure(crate::ui::theme::Look::Hold);
        let pose = library::find("supine-hamstring").unwrap();
        let mut buf = Buffer::empty(Rect::new(0, 0, 48, 20));
        let area = buf.area;
        draw(&mut buf, area, pose, 0, Some(Side::Left), tones);
        let with = |colour: Color| buf.content.iter().filter(|c| c.fg == colour || c.bg == colour).count();
        // The raised leg is about 9 units of a 20-unit-long figure, three pixels thick.
        assert!(with(tones.working) > 20, "{}", with(tones.working));
        assert!(with(tones.other) > 5, "{}", with(tones.other));
        assert!(with(tones.body) > 5, "{}", with(tones.body));
        // In monochrome the other side is dotted: braille, where the lit leg is solid.
        let mono = shown(pose, 0, Some(Side::Left), (48, 20), tones_mono());
        let text = mono.concat();
        assert!(text.chars().any(|c| ('\u{2801}'..='\u{28FF}').contains(&c)));
        assert!(text.contains('█') || text.contains('▀') || text.contains('▄'));
    }

    fn tones_mono() -> Tones {
        tones()
    }

    #[test]
    fn a_figure_too_small_to_read_is_not_drawn() {
        let pose = library::find("walk").unwrap();
        assert!(shown(pose, 0, None, (3, 1), tones()).concat().trim().is_empty());
    }
}
