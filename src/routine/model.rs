//! What a routine file describes, as data: the routine, its steps, their timings and
//! sides, and the layering of a step's timings over the routine's and the fallbacks.

use std::time::Duration;

use crate::progress::{Growth, HoldScale, Practice, Progress};
use crate::side::Side;

/// A routine: a named, ordered list of steps, with defaults for their timings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Routine {
    pub name: String,
    pub description: String,
    /// Timings set at routine level; a step's own settings take precedence.
    pub defaults: Timings,
    pub steps: Vec<Step>,
    /// The poses the file defines itself (`[pose.NAME]`), besides the bundled ones.
    pub poses: Vec<crate::pose::Pose>,
}

/// One screen of the walk-through: a stretch held for a time, or a plain timed activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Stable across edits, so a session can keep its place when the file changes.
    pub id: String,
    pub name: String,
    /// The library entry it takes what it does not say itself from (`stretch = "NAME"`).
    pub stretch: Option<String>,
    pub how: String,
    pub focus: String,
    pub targets: Vec<String>,
    /// What the step needs at hand: "strap", "wall".
    pub equipment: Vec<String>,
    /// The figure shown for it (`pose = "low-lunge"`).
    pub pose: Option<crate::pose::Pose>,
    pub kind: StepKind,
    /// Timings set on this step only (with those of the library entry it names).
    pub timings: Timings,
    /// The library entry's usual hold, for when neither the step nor the routine's
    /// `[defaults]` set one.
    pub usual_hold: Option<Duration>,
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
    /// `breaths = 5`: each hold lasts so many breaths at the breathing pace.
    pub breaths: Option<u32>,
    /// `count = 10`: each hold is so many repetitions of a movement, at `pace`.
    pub count: Option<u32>,
    /// `pace = "6s"` or `"breath"`: how long one counted repetition takes.
    pub pace: Option<Pace>,
    /// `breath = "4s/6s"`: the breathing pace, and the pacer shown during holds.
    pub breath: Option<Breath>,
    /// `halfway_cue = false`: no cue halfway through long holds.
    pub halfway_cue: Option<bool>,
    /// `time_left_cue = "10s"`: a cue so long before a long hold ends; 0 for none.
    pub time_left_cue: Option<Duration>,
    /// `progress = { add = "5s", sessions = 3, up_to = "60s" }`, or `false` for none.
    pub progress: Option<Growth>,
}

/// The cues inside a hold: halfway, and some seconds before its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CuePoints {
    pub halfway: bool,
    /// So long before the end; `None` for no such cue.
    pub time_left: Option<Duration>,
}

/// A breathing pace: so long in, so long out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Breath {
    pub inhale: Duration,
    pub exhale: Duration,
}

/// The longest in- or out-breath.
pub const LONGEST_HALF_BREATH: Duration = Duration::from_secs(20);

impl Breath {
    /// Reads a pace written as "4s/6s" (in, then out; each 1 to 20 s), or says why not.
    pub fn parse(text: &str) -> Result<Self, String> {
        let Some((inhale, exhale)) = text.split_once('/') else {
            return Err("expected in/out, such as \"4s/6s\"".to_string());
        };
        let half = |text: &str| {
            crate::duration::parse(text)
                .ok()
                .filter(|d| !d.is_zero() && *d <= LONGEST_HALF_BREATH)
                .ok_or_else(|| format!("each half must be from 1 to {} seconds", LONGEST_HALF_BREATH.as_secs()))
        };
        Ok(Self { inhale: half(inhale)?, exhale: half(exhale)? })
    }

    /// One breath, in and out.
    pub fn cycle(self) -> Duration {
        self.inhale + self.exhale
    }
}

impl Default for Breath {
    /// In for 4 s, out for 6 s: a slow breath, the out-breath longer, as stretching asks.
    fn default() -> Self {
        Self { inhale: Duration::from_secs(4), exhale: Duration::from_secs(6) }
    }
}

/// How long one counted repetition takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pace {
    Every(Duration),
    /// One breath at the breathing pace.
    Breath,
}

/// How a hold is measured and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Measure {
    /// In seconds.
    #[default]
    Time,
    /// In breaths at the breathing pace.
    Breaths(u32),
    /// In repetitions, each `each` long.
    Count { count: u32, each: Duration },
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
            breaths: self.breaths.or(base.breaths),
            count: self.count.or(base.count),
            pace: self.pace.or(base.pace),
            breath: self.breath.or(base.breath),
            halfway_cue: self.halfway_cue.or(base.halfway_cue),
            time_left_cue: self.time_left_cue.or(base.time_left_cue),
            progress: self.progress.or(base.progress),
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
    /// The breathing pace where the routine sets none.
    pub breath: Breath,
    /// Show the breath pacer during every hold, not only where the routine sets a pace.
    pub pacer: bool,
    /// The cues inside holds longer than `cues_after`, where the routine sets none.
    pub cues: CuePoints,
    pub cues_after: Duration,
    /// Every hold in seconds or breaths so many times as long (the config's `hold_scale`).
    pub hold_scale: HoldScale,
}

impl Default for Fallbacks {
    fn default() -> Self {
        Self {
            get_ready: Duration::from_secs(5),
            switch_sides: Duration::from_secs(5),
            rest_between_reps: Duration::from_secs(10),
            rest_after: Duration::ZERO,
            breath: Breath::default(),
            pacer: false,
            cues: CuePoints { halfway: true, time_left: Some(Duration::from_secs(10)) },
            cues_after: Duration::from_secs(40),
            hold_scale: HoldScale::ONE,
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
    /// How each hold is measured: seconds, breaths or a count.
    pub measure: Measure,
    /// The breathing pace, if the pacer shows during holds.
    pub pacer: Option<Breath>,
    /// The cues inside each hold.
    pub cues: CuePoints,
    /// How its holds grow with the weeks, when they do: they are measured in seconds and
    /// the routine says so.
    pub progress: Option<Progress>,
}

impl Routine {
    /// Whether any of its holds grow with the weeks (`progress`).
    pub fn grows(&self) -> bool {
        self.growth_cap().is_some()
    }

    /// The longest any of its holds may grow to (the largest `up_to`), when some grow.
    pub fn growth_cap(&self) -> Option<Duration> {
        self.steps
            .iter()
            .filter_map(|s| match s.timings.progress.or(self.defaults.progress) {
                Some(Growth::By(p)) => Some(p.up_to),
                _ => None,
            })
            .max()
    }

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

    /// The timings of step `index`: the step's own, else the routine's, else `fallbacks`;
    /// holds that grow with the weeks grown as `practice` (what the history says of the
    /// routine) has them today.
    pub fn resolve(&self, index: usize, fallbacks: &Fallbacks, practice: &Practice) -> Resolved {
        let step = &self.steps[index];
        let t = step.timings.or(self.defaults);
        let breath = t.breath.unwrap_or(fallbacks.breath);
        // A step that measures its holds (by time, breaths or a count) takes none of the
        // defaults' measure; validation leaves at most one in each.
        let own = &step.timings;
        let measured =
            if own.hold.is_some() || own.breaths.is_some() || own.count.is_some() { own } else { &self.defaults };
        let scale = fallbacks.hold_scale;
        let measure = match (step.kind, measured.breaths, measured.count) {
            (StepKind::Activity { .. }, _, _) => Measure::Time,
            (_, Some(n), _) => Measure::Breaths(scale.count(n)),
            (_, _, Some(count)) => {
                let each = match t.pace.unwrap_or(Pace::Breath) {
                    Pace::Every(each) => each,
                    Pace::Breath => breath.cycle(),
                };
                Measure::Count { count, each }
            }
            _ => Measure::Time,
        };
        let progress = match (step.kind, measure, t.progress) {
            (StepKind::Stretch, Measure::Time, Some(Growth::By(progress))) => Some(progress),
            _ => None,
        };
        let (hold, reps, sides) = match step.kind {
            StepKind::Activity { duration } => (duration, 1, Sides::Centre),
            StepKind::Stretch => (
                match measure {
                    Measure::Breaths(n) => breath.cycle() * n,
                    Measure::Count { count, each } => each * count,
                    Measure::Time => {
                        // Validation guarantees a hold for every stretch.
                        let written = t.hold.or(step.usual_hold).unwrap_or(Duration::from_secs(30));
                        scale.time(progress.map_or(written, |p| p.hold(written, practice)))
                    }
                },
                t.reps.unwrap_or(1),
                t.sides.unwrap_or_default(),
            ),
        };
        let paced = t.breath.is_some() || fallbacks.pacer || matches!(measure, Measure::Breaths(_));
        Resolved {
            hold,
            reps,
            sides,
            get_ready: t.get_ready.unwrap_or(fallbacks.get_ready),
            wait: t.wait.unwrap_or(false),
            switch_sides: t.switch_sides.unwrap_or(fallbacks.switch_sides),
            rest_between_reps: t.rest_between_reps.unwrap_or(fallbacks.rest_between_reps),
            rest_after: t.rest_after.unwrap_or(fallbacks.rest_after),
            measure,
            pacer: (paced && matches!(step.kind, StepKind::Stretch)).then_some(breath),
            cues: if hold > fallbacks.cues_after && matches!(step.kind, StepKind::Stretch) {
                CuePoints {
                    halfway: t.halfway_cue.unwrap_or(fallbacks.cues.halfway),
                    time_left: t.time_left_cue.map_or(fallbacks.cues.time_left, |d| Some(d).filter(|d| !d.is_zero())),
                }
            } else {
                CuePoints::default()
            },
            progress,
        }
    }
}
