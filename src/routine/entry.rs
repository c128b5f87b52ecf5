//! A stretch library entry as data: the step it is, with where the body is, what it asks
//! of the body and what to mind; and the areas an entry may target. Read by
//! [`super::parse`], loaded by [`super::stretch`].

use super::model::Step;
use crate::pose::Pose;

/// Where the body is during a stretch: a session that starts standing goes down once, in
/// this order, and never comes back up in the middle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Position {
    Standing,
    Kneeling,
    Seated,
    Lying,
}

impl Position {
    pub const NAMES: &[(&str, Self)] =
        &[("standing", Self::Standing), ("kneeling", Self::Kneeling), ("seated", Self::Seated), ("lying", Self::Lying)];

    pub fn name(self) -> &'static str {
        Self::NAMES.iter().find(|(_, p)| *p == self).map_or("", |(n, _)| n)
    }

    /// Whether it is done on the floor (a mat, a rug).
    pub fn on_the_floor(self) -> bool {
        self != Self::Standing
    }
}

/// What a stretch asks of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A hold at mild tension: static stretching, for after a run.
    Static,
    /// A movement repeated: the warm-up before a run.
    Dynamic,
    /// Counted repetitions in sets, for strength.
    Strength,
    /// Rolling an area slowly over a foam roller.
    Rolling,
    /// A light walk, to warm up.
    Walk,
}

impl Kind {
    pub const NAMES: &[(&str, Self)] = &[
        ("static", Self::Static),
        ("dynamic", Self::Dynamic),
        ("strength", Self::Strength),
        ("rolling", Self::Rolling),
        ("walk", Self::Walk),
    ];

    pub fn name(self) -> &'static str {
        Self::NAMES.iter().find(|(_, k)| *k == self).map_or("", |(n, _)| n)
    }
}

/// The areas a library entry may target: what a session made for today is asked for.
pub const AREAS: &[&str] = &[
    "hamstrings",
    "calves",
    "quads",
    "hip flexors",
    "hips",
    "glutes",
    "adductors",
    "IT band",
    "lower back",
    "upper back",
    "ankles",
    "shoulders",
    "whole body",
];

/// One entry of the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stretch {
    /// The name a routine gives it: `supine-hamstring`.
    pub name: String,
    /// The step it is, as a routine takes it: its title as the step's name.
    pub step: Step,
    pub position: Position,
    pub kind: Kind,
    /// What to mind: "Not with a knee injury".
    pub cautions: String,
}

/// A file of `[stretch.NAME]` tables (and the `[pose.NAME]` tables they draw with).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Library {
    pub stretches: Vec<Stretch>,
    pub poses: Vec<Pose>,
}

impl Library {
    pub fn find(&self, name: &str) -> Option<&Stretch> {
        self.stretches.iter().find(|s| s.name == name)
    }
}
