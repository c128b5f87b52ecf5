//! A pose's joints and props in figure units, worked out from its angles: the bones to
//! draw, which part of the body each belongs to, the head, and the prop lines. Standing, a
//! hip is 9 units above the feet and the top of the head 17.8. In a side or front view the figure is set
//! on the floor by its lowest point; a top view lies on a mat. The left side is the right
//! side's mirror: every x negated.

use super::{Frame, Limb, Pose, View, Wall};
use crate::side::Side;

/// Segment lengths, in figure units.
mod length {
    pub(super) const BACK_HALF: f64 = 3.0;
    pub(super) const NECK: f64 = 0.8;
    pub(super) const HEAD_RADIUS: f64 = 1.0;
    pub(super) const UPPER_ARM: f64 = 3.0;
    pub(super) const FOREARM: f64 = 3.0;
    pub(super) const THIGH: f64 = 4.5;
    pub(super) const SHIN: f64 = 4.5;
    pub(super) const FOOT: f64 = 1.5;
}

/// How far above the floor the lowest point sits: half a limb's thickness.
const ABOVE_FLOOR: f64 = 0.4;

/// A point in figure units; y is up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    fn towards(self, degrees: i16, length: f64) -> Self {
        let radians = f64::from(degrees).to_radians();
        Self { x: self.x + length * radians.cos(), y: self.y + length * radians.sin() }
    }
}

/// What a line of the drawing is, which says its tone, from the back of the picture to
/// the front.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// Floor, wall, step, strap, mat.
    Prop,
    /// The other side's limbs, behind the body.
    Other,
    /// Back, neck and head.
    Body,
    /// The working side's limbs, in front.
    Near,
}

/// A straight line of the drawing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bone {
    pub from: Point,
    pub to: Point,
    pub part: Part,
    /// Part of what the stretch works: drawn thick, in the phase's colour.
    pub lit: bool,
}

/// The figure, ready to draw: lines in drawing order (props, other side, body, working
/// side) and the head.
#[derive(Debug, Clone, PartialEq)]
pub struct Skeleton {
    pub bones: Vec<Bone>,
    /// Where the neck ends and the head begins.
    pub neck: Point,
    pub head: Point,
    pub head_radius: f64,
}

/// The joints of one frame, before the figure is placed.
struct Joints {
    head: Point,
    arm: [Point; 3],
    other_arm: [Point; 3],
    leg: [Point; 4],
    other_leg: [Point; 4],
    back: [Point; 3],
    neck: [Point; 2],
}

fn joints(frame: &Frame) -> Joints {
    let hip = Point { x: 0.0, y: 0.0 };
    let middle = hip.towards(frame.torso[0], length::BACK_HALF);
    let shoulder = middle.towards(frame.torso[1], length::BACK_HALF);
    let neck = shoulder.towards(frame.head, length::NECK);
    let head = shoulder.towards(frame.head, length::NECK + length::HEAD_RADIUS);
    let arm = |[upper, fore]: [i16; 2]| {
        let elbow = shoulder.towards(upper, length::UPPER_ARM);
        [shoulder, elbow, elbow.towards(fore, length::FOREARM)]
    };
    let leg = |[thigh, shin, foot]: [i16; 3]| {
        let knee = hip.towards(thigh, length::THIGH);
        let ankle = knee.towards(shin, length::SHIN);
        [hip, knee, ankle, ankle.towards(foot, length::FOOT)]
    };
    Joints {
        head,
        arm: arm(frame.arm),
        other_arm: arm(frame.other_arm),
        leg: leg(frame.leg),
        other_leg: leg(frame.other_leg),
        back: [hip, middle, shoulder],
        neck: [shoulder, neck],
    }
}

fn chain(points: &[Point], part: Part, lit: bool, bones: &mut Vec<Bone>) {
    bones.extend(points.windows(2).map(|w| Bone { from: w[0], to: w[1], part, lit }));
}

/// The figure of `pose`'s key frame `frame` (the last if there are fewer), for `side`.
pub fn skeleton(pose: &Pose, frame: usize, side: Option<Side>) -> Skeleton {
    let frame = pose.frames.get(frame).or(pose.frames.last()).copied().unwrap_or_default();
    let j = joints(&frame);
    let lit = |limb| pose.lit.contains(&limb);
    let mut body = Vec::new();
    chain(&j.other_arm, Part::Other, lit(Limb::OtherArm), &mut body);
    chain(&j.other_leg, Part::Other, lit(Limb::OtherLeg), &mut body);
    chain(&j.back, Part::Body, lit(Limb::Back), &mut body);
    chain(&j.neck, Part::Body, false, &mut body);
    chain(&j.leg, Part::Near, lit(Limb::Leg), &mut body);
    chain(&j.arm, Part::Near, lit(Limb::Arm), &mut body);
    // Set on the floor by its joints (a head resting on the floor may cover the line), or
    // by the roller under it.
    let points: Vec<Point> = body.iter().flat_map(|b| [b.from, b.to]).collect();
    let roller = pose.props.roller.map(|at| roller_at(at, &j));
    let lowest =
        points.iter().map(|p| p.y).chain(roller.map(|centre| centre.y - ROLLER_RADIUS)).fold(f64::INFINITY, f64::min);
    let raise = if pose.view == View::Top { 0.0 } else { ABOVE_FLOOR - lowest };
    let mut props = props(pose, &j, &points, raise);
    if let Some(centre) = roller {
        props.extend(ring(centre, ROLLER_RADIUS));
    }
    props.append(&mut body);
    let mirror = if super::mirrored(side) { -1.0 } else { 1.0 };
    let place = |p: Point| Point { x: p.x * mirror, y: p.y + raise };
    let bones = props.into_iter().map(|b| Bone { from: place(b.from), to: place(b.to), ..b }).collect();
    Skeleton { bones, neck: place(j.neck[1]), head: place(j.head), head_radius: length::HEAD_RADIUS }
}

/// A foam roller's radius, in figure units.
const ROLLER_RADIUS: f64 = 1.2;

/// Where a roller's centre is, just under the working leg's part it rolls.
fn roller_at(at: super::Roller, j: &Joints) -> Point {
    let middle = |a: Point, b: Point| Point { x: f64::midpoint(a.x, b.x), y: f64::midpoint(a.y, b.y) };
    let on = match at {
        super::Roller::Shin => middle(j.leg[1], j.leg[2]),
        super::Roller::Thigh => middle(j.leg[0], j.leg[1]),
        super::Roller::Hip => j.leg[0],
    };
    // Just under the limb.
    Point { x: on.x, y: on.y - ROLLER_RADIUS - 0.15 }
}

/// A circle as a ring of short lines, in a prop's tone.
fn ring(centre: Point, radius: f64) -> Vec<Bone> {
    const SIDES: u16 = 16;
    let at = |i: u16| {
        let angle = f64::from(i) * std::f64::consts::TAU / f64::from(SIDES);
        Point { x: centre.x + radius * angle.cos(), y: centre.y + radius * angle.sin() }
    };
    (0..SIDES).map(|i| Bone { from: at(i), to: at(i + 1), part: Part::Prop, lit: false }).collect()
}

/// The props' lines, in the frame's own coordinates (before `raise` and the mirror): the
/// floor or the mat, a wall, a step, a strap.
fn props(pose: &Pose, joints: &Joints, points: &[Point], raise: f64) -> Vec<Bone> {
    let j = joints;
    let prop = |from: Point, to: Point| Bone { from, to, part: Part::Prop, lit: false };
    let p = |x: f64, y: f64| Point { x, y };
    let xs = || points.iter().map(|point| point.x);
    let ys = || points.iter().map(|point| point.y);
    let (west, east) = (xs().fold(f64::INFINITY, f64::min), xs().fold(f64::NEG_INFINITY, f64::max));
    let (west, east) = (west - length::HEAD_RADIUS, east + length::HEAD_RADIUS);
    let top = ys().fold(f64::NEG_INFINITY, f64::max).max(j.head.y + length::HEAD_RADIUS);
    let bottom = ys().fold(f64::INFINITY, f64::min);
    let mut lines = Vec::new();
    let wall = pose.props.wall.map(|wall| match wall {
        Wall::At(tenths) => f64::from(tenths) / 10.0,
        Wall::Hands => j.arm[2].x.max(j.other_arm[2].x),
    });
    if pose.view == View::Top {
        let [low_left, low_right] = [p(west - 1.0, bottom - 1.0), p(east + 1.0, bottom - 1.0)];
        let [high_left, high_right] = [p(west - 1.0, top + 0.5), p(east + 1.0, top + 0.5)];
        lines.extend([
            prop(low_left, low_right),
            prop(low_right, high_right),
            prop(high_right, high_left),
            prop(high_left, low_left),
        ]);
    } else {
        let floor = -raise;
        let (from, to) = (west.min(wall.unwrap_or(west)) - 1.0, east.max(wall.unwrap_or(east)) + 1.0);
        lines.push(prop(p(from, floor), p(to, floor)));
        if let Some(x) = wall {
            lines.push(prop(p(x, floor), p(x, top.max(floor + 12.0))));
        }
        let foot = [j.leg[2], j.leg[3]];
        let raised = foot[0].y.min(foot[1].y) - floor;
        if pose.props.step && raised > 1.0 {
            let height = floor + raised - ABOVE_FLOOR;
            let (near, far) = (foot[0].x.min(foot[1].x) - 1.5, foot[0].x.max(foot[1].x) + 1.5);
            lines.extend([
                prop(p(near, floor), p(near, height)),
                prop(p(near, height), p(far, height)),
                prop(p(far, height), p(far, floor)),
            ]);
        }
    }
    if pose.props.strap {
        let foot = j.leg[3];
        lines.extend([prop(j.arm[2], foot), prop(j.other_arm[2], foot)]);
    }
    lines
}

impl Skeleton {
    /// The smallest box holding every line and the head: left, bottom, right, top.
    pub fn bounds(&self) -> [f64; 4] {
        let mut b = [self.head.x - self.head_radius, self.head.y - self.head_radius, 0.0, 0.0];
        b[2] = self.head.x + self.head_radius;
        b[3] = self.head.y + self.head_radius;
        for p in self.bones.iter().flat_map(|bone| [bone.from, bone.to]) {
            b = [b[0].min(p.x), b[1].min(p.y), b[2].max(p.x), b[3].max(p.y)];
        }
        b
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pose::{Props, library};

    #[test]
    fn standing_at_ease_is_as_tall_as_its_segments() {
        let pose = Pose {
            name: "t".into(),
            title: "t".into(),
            view: View::Side,
            frames: vec![Frame::default()],
            props: Props::default(),
            lit: vec![Limb::Leg],
        };
        let s = skeleton(&pose, 0, None);
        let [_, bottom, _, top] = s.bounds();
        // The floor is at 0; the feet rest just above it and the head tops 17.8 over them.
        assert!(bottom.abs() < 1e-9, "{bottom}");
        assert!((top - (ABOVE_FLOOR + 17.8)).abs() < 1e-9, "{top}");
    }

    #[test]
    fn the_left_side_is_the_right_side_mirrored() {
        for pose in library::poses() {
            for frame in 0..pose.frames.len() {
                let right = skeleton(pose, frame, Some(Side::Right));
                let left = skeleton(pose, frame, Some(Side::Left));
                assert_eq!(right.bones.len(), left.bones.len());
                for (r, l) in right.bones.iter().zip(&left.bones) {
                    assert_eq!(r.part, l.part);
                    assert_eq!(
                        (r.from.x, r.from.y, r.to.x, r.to.y),
                        (-l.from.x, l.from.y, -l.to.x, l.to.y),
                        "{}",
                        pose.name
                    );
                }
                assert_eq!((right.head.x, right.head.y), (-left.head.x, left.head.y));
                // A stretch with no sides is drawn as written: the right side.
                assert_eq!(skeleton(pose, frame, None), right);
            }
        }
    }

    #[test]
    fn lines_go_from_the_back_of_the_picture_to_the_front_and_the_working_leg_is_lit() {
        let s = skeleton(library::find("low-lunge").unwrap(), 0, Some(Side::Right));
        let parts: Vec<Part> = s.bones.iter().map(|b| b.part).collect();
        assert!(parts.is_sorted(), "{parts:?}");
        let lit: Vec<Part> = s.bones.iter().filter(|b| b.lit).map(|b| b.part).collect();
        assert_eq!(lit, [Part::Near; 3], "thigh, shin and foot of the working leg");
    }

    #[test]
    fn a_step_is_drawn_under_a_raised_foot_only() {
        let on_step = library::find("step-hamstring").unwrap();
        let props = |pose: &Pose| skeleton(pose, 0, None).bones.iter().filter(|b| b.part == Part::Prop).count();
        // The floor and the step's three sides.
        assert_eq!(props(on_step), 4);
        let mut flat = on_step.clone();
        flat.frames[0].leg = [-90, -90, 0];
        assert_eq!(props(&flat), 1, "the foot is down: no step");
    }
}
