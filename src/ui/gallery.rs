//! `supple poses`: the pose library as a gallery of figures with their names, or one pose
//! large, drawn into a buffer the command prints.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::figure;
use super::theme::{Look, Theme};
use crate::pose::Pose;
use crate::side::Side;

/// A tile's size: the figure, then its name and its title.
const TILE_WIDTH: u16 = 26;
const FIGURE_ROWS: u16 = 8;
const TILE_ROWS: u16 = FIGURE_ROWS + 3;

/// Every pose of `poses` in rows of tiles as many as `width` holds, drawn for `side`.
pub(crate) fn gallery(poses: &[&Pose], width: u16, side: Option<Side>, theme: Theme) -> Buffer {
    let across = (width / TILE_WIDTH).max(1);
    let count = u16::try_from(poses.len()).unwrap_or(u16::MAX);
    let rows = count.div_ceil(across);
    let mut buf = Buffer::empty(Rect::new(0, 0, across * TILE_WIDTH, rows * TILE_ROWS));
    for (i, pose) in poses.iter().enumerate() {
        let i = u16::try_from(i).unwrap_or(u16::MAX);
        let (x, y) = ((i % across) * TILE_WIDTH, (i / across) * TILE_ROWS);
        let area = Rect::new(x, y, TILE_WIDTH - 2, FIGURE_ROWS);
        figure::draw(&mut buf, area, pose, 0, side, theme.figure(Look::Hold));
        let name = super::fit(&pose.name, TILE_WIDTH - 2);
        Line::styled(name, theme.title()).centered().render(Rect::new(x, y + FIGURE_ROWS, TILE_WIDTH - 2, 1), &mut buf);
        let title = super::fit(&pose.title, TILE_WIDTH - 2);
        Line::styled(title, theme.dim())
            .centered()
            .render(Rect::new(x, y + FIGURE_ROWS + 1, TILE_WIDTH - 2, 1), &mut buf);
    }
    buf
}

/// One pose at `width` by `height`, its key frames side by side, with its name above.
pub(crate) fn large(pose: &Pose, width: u16, height: u16, side: Option<Side>, theme: Theme) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, width, height));
    let side_label = match side {
        Some(side) => format!(" · {} side", side.label()),
        None => String::new(),
    };
    let frames = if pose.moves() { " · two key frames, shown in turn" } else { "" };
    let head = format!("{} ({}){side_label}{frames}", pose.title, pose.name);
    Line::styled(super::fit(&head, width), theme.title()).render(Rect::new(0, 0, width, 1), &mut buf);
    let count = u16::try_from(pose.frames.len()).unwrap_or(1).max(1);
    let each = width / count;
    for frame in 0..pose.frames.len() {
        let x = u16::try_from(frame).unwrap_or(0) * each;
        let area = Rect::new(x, 2, each.saturating_sub(1), height.saturating_sub(2));
        figure::draw(&mut buf, area, pose, frame, side, theme.figure(Look::Hold));
    }
    buf
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ThemeName;

    #[test]
    fn every_pose_draws_at_every_size_the_command_asks_for_on_both_sides() {
        let poses: Vec<&Pose> = crate::pose::library::poses().iter().collect();
        let theme = Theme::of(ThemeName::Default);
        for side in [None, Some(Side::Left), Some(Side::Right)] {
            for width in [26, 27, 40, 79, 80, 121, 200] {
                let _ = gallery(&poses, width, side, theme);
                for height in [10, 11, 23, 40] {
                    for pose in &poses {
                        let _ = large(pose, width, height, side, theme);
                    }
                }
            }
        }
    }
}
