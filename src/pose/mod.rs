//! Pose figures as numbers: where the figure is seen from, an angle for every segment of a
//! stick body, and the props that make a stretch recognisable. A pose is written for the
//! right side, the working limbs nearest the viewer; the left side is its mirror image,
//! so one pose serves both sides.
//!
//! - [`skeleton`]: the joints and props in figure units, from the angles; the mirror.
//! - [`library`]: the bundled poses, written in the routine file's own `[pose.NAME]` form.
//! - [`parse`]: reading `[pose.NAME]` tables, located like every other routine error.

pub mod library;
pub(crate) mod parse;
pub mod skeleton;

use std::time::Duration;

use crate::side::Side;

/// Where a figure is seen from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum View {
    /// From the side, standing on a floor: most stretches.
    #[default]
    Side,
    /// From the front, standing on a floor.
    Front,
    /// From above, lying on a mat: twists, where the knees fall to one side.
    Top,
}

impl View {
    pub const NAMES: &[(&str, Self)] = &[("side", Self::Side), ("front", Self::Front), ("top", Self::Top)];
}

/// The angle of every segment, in whole degrees counter-clockwise from the way the figure
/// faces: 0 forward, 90 up, 180 back, -90 down. The default stands at ease.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Frame {
    /// Lower and upper back: one angle for a straight spine, two for an arched or a
    /// rounded one.
    pub torso: [i16; 2],
    pub head: i16,
    /// Upper arm and forearm of the working side.
    pub arm: [i16; 2],
    pub other_arm: [i16; 2],
    /// Thigh, shin and foot of the working side.
    pub leg: [i16; 3],
    pub other_leg: [i16; 3],
}

impl Default for Frame {
    fn default() -> Self {
        Self {
            torso: [90, 90],
            head: 90,
            arm: [-90, -90],
            other_arm: [-90, -90],
            leg: [-90, -90, 0],
            other_leg: [-90, -90, 0],
        }
    }
}

/// Where a wall stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Wall {
    /// So far in front of the hip, in tenths of a unit (behind when negative).
    At(i16),
    /// Touching the hand furthest forward.
    Hands,
}

/// What is drawn besides the body, in the dim tone of a prop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Props {
    pub wall: Option<Wall>,
    /// A step under the working foot, as high as the foot is raised.
    pub step: bool,
    /// A strap or towel from the hands to the working foot.
    pub strap: bool,
    /// A foam roller under the working leg, at the part rolled.
    pub roller: Option<Roller>,
}

/// Where a foam roller lies under the working leg.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Roller {
    /// Under the middle of the shin: the calf is rolled.
    Shin,
    /// Under the middle of the thigh: the hamstrings, the quads or the IT band.
    Thigh,
    /// Under the hip: the glutes.
    Hip,
}

impl Roller {
    pub const NAMES: &[(&str, Self)] = &[("shin", Self::Shin), ("thigh", Self::Thigh), ("hip", Self::Hip)];
}

/// A part of the body that can be lit as the one the stretch works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Limb {
    Back,
    Arm,
    OtherArm,
    Leg,
    OtherLeg,
}

impl Limb {
    pub const NAMES: &[(&str, Self)] = &[
        ("back", Self::Back),
        ("arm", Self::Arm),
        ("other_arm", Self::OtherArm),
        ("leg", Self::Leg),
        ("other_leg", Self::OtherLeg),
    ];
}

/// A pose: a name, a view, one key frame or two shown in turn, and props.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Pose {
    /// The name a step gives: `supine-hamstring`.
    pub name: String,
    /// What the gallery calls it: "Supine hamstring with strap".
    pub title: String,
    pub view: View,
    /// One or two; two are shown in turn.
    pub frames: Vec<Frame>,
    pub props: Props,
    /// What the stretch works, drawn thick in the phase's colour: the working leg unless
    /// the pose says otherwise.
    pub lit: Vec<Limb>,
}

/// How long each of two key frames shows, when no breath paces them.
pub const FRAME_EVERY: Duration = Duration::from_secs(4);

impl Pose {
    /// Which key frame shows `elapsed` into a phase: the first on an in-breath and the
    /// second on an out-breath where a breath is paced, else each for [`FRAME_EVERY`].
    pub fn frame_at(&self, elapsed: Duration, breathing_in: Option<bool>) -> usize {
        if self.frames.len() < 2 {
            return 0;
        }
        match breathing_in {
            Some(true) => 0,
            Some(false) => 1,
            None => usize::from((elapsed.as_secs() / FRAME_EVERY.as_secs()) % 2 == 1),
        }
    }

    /// Whether the figure changes within a phase.
    pub fn moves(&self) -> bool {
        self.frames.len() > 1
    }
}

/// The side a figure is drawn for: the pose as written for the right, its mirror for the
/// left, and as written with nothing lit apart for a stretch with no sides.
pub fn mirrored(side: Option<Side>) -> bool {
    side == Some(Side::Left)
}
