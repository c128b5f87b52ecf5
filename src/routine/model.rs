//! What a routine file describes, as data: the routine, its steps, their timings and
//! sides, and the layering of a step's timings over the routine's and the fallbacks.

use std::time::Duration;

/// A routine: a named, ordered list of steps, with defaults for their timings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Routine {
    pub name: String,
    pub description: String,
    /// Timings set at routine level; a step's own settings take precedence.
    pub defaults: Timings,
    pub steps: Vec<Step>,
}

/// One screen of the walk-through: a stretch held for a time, or a plain timed activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Stable across edits, so a session can keep its place when the file changes.
    pub id: String,
    pub name: String,
    pub how: String,
    pub focus: String,
    pub targets: Vec<String>,
    /// What the step needs at hand: "strap", "wall".
    pub equipment: Vec<String>,
    pub kind: StepKind,
    /// Timings set on this step only.
    pub timings: Timings,
}

/// What a step asks of the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    /// Hold a stretch, on one or both sides, for some repetitions.
    Stretch,
    /// Do something for a time: walk, march on the spot.
    Activity { duration: Duration },
}

/// Which sides a stretch is held on, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sides {
    /// A symmetric stretch: one hold per repetition.
    #[default]
    Centre,
    LeftThenRight,
    RightThenLeft,
    LeftOnly,
    RightOnly,
}

/// One side of the body; the history writes it as `left` or `right`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Left,
    Right,
}

impl Side {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Self::Left => "left",
            Self::Right => "right",
        }
    }
}

impl Sides {
    /// The sides held in one repetition, in order; empty for a symmetric stretch.
    pub fn order(self) -> &'static [Side] {
        match self {
            Self::Centre => &[],
            Self::LeftThenRight => &[Side::Left, Side::Right],
            Self::RightThenLeft => &[Side::Right, Side::Left],
            Self::LeftOnly => &[Side::Left],
            Self::RightOnly => &[Side::Right],
        }
    }
}

/// Timing settings, each optional so that a step, the routine and the built-in
/// fallbacks can be layered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Timings {
    pub hold: Option<Duration>,
    pub reps: Option<u32>,
    pub sides: Option<Sides>,
    pub get_ready: Option<Duration>,
    /// `get_ready = "wait"`: hold before the step until the person says they are ready.
    /// `Some(false)` where `get_ready` is a length, so a step's own length overrides a
    /// wait in `[defaults]`.
    pub wait: Option<bool>,
    pub switch_sides: Option<Duration>,
    pub rest_between_reps: Option<Duration>,
    pub rest_after: Option<Duration>,
}

impl Timings {
    /// Each setting from `self`, or from `base` where `self` has none.
    #[must_use]
    pub(crate) fn or(self, base: Self) -> Self {
        Self {
            hold: self.hold.or(base.hold),
            reps: self.reps.or(base.reps),
            sides: self.sides.or(base.sides),
            get_ready: self.get_ready.or(base.get_ready),
            wait: self.wait.or(base.wait),
            switch_sides: self.switch_sides.or(base.switch_sides),
            rest_between_reps: self.rest_between_reps.or(base.rest_between_reps),
            rest_after: self.rest_after.or(base.rest_after),
        }
    }
}

/// The gaps a routine gets when neither it nor its steps set them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fallbacks {
    pub get_ready: Duration,
    pub switch_sides: Duration,
    pub rest_between_reps: Duration,
    pub rest_after: Duration,
}

impl Default for Fallbacks {
    fn default() -> Self {
        Self {
            get_ready: Duration::from_secs(5),
            switch_sides: Duration::from_secs(5),
            rest_between_reps: Duration::from_secs(10),
            rest_after: Duration::ZERO,
        }
    }
}

/// A step's timings with every layer applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    /// The hold of a stretch, or the length of an activity.
    pub hold: Duration,
    pub reps: u32,
    pub sides: Sides,
    pub get_ready: Duration,
    /// Wait for the person before the get-ready countdown.
    pub wait: bool,
    pub switch_sides: Duration,
    pub rest_between_reps: Duration,
    pub rest_after: Duration,
}

impl Routine {
    /// Everything the steps need at hand, each once (whatever its capitals), in the order
    /// first needed: what to fetch before starting.
    pub fn equipment(&self) -> Vec<String> {
        let mut all: Vec<String> = Vec::new();
        for item in self.steps.iter().flat_map(|s| &s.equipment) {
            if !all.iter().any(|seen| seen.to_lowercase() == item.to_lowercase()) {
                all.push(item.clone());
            }
        }
        all
    }

    /// The timings of step `index`: the step's own, else the routine's, else `fallbacks`.
    pub fn resolve(&self, index: usize, fallbacks: &Fallbacks) -> Resolved {
        let step = &self.steps[index];
        let t = step.timings.or(self.defaults);
        let (hold, reps, sides) = match step.kind {
            StepKind::Activity { duration } => (duration, 1, Sides::Centre),
            StepKind::Stretch => (
                // Validation guarantees a hold for every stretch.
                t.hold.unwrap_or(Duration::from_secs(30)),
                t.reps.unwrap_or(1),
                t.sides.unwrap_or_default(),
            ),
        };
        Resolved {
            hold,
            reps,
            sides,
            get_ready: t.get_ready.unwrap_or(fallbacks.get_ready),
            wait: t.wait.unwrap_or(false),
            switch_sides: t.switch_sides.unwrap_or(fallbacks.switch_sides),
            rest_between_reps: t.rest_between_reps.unwrap_or(fallbacks.rest_between_reps),
            rest_after: t.rest_after.unwrap_or(fallbacks.rest_after),
        }
    }
}
