//! The plan: a routine expanded into its flat timeline of phases (get ready, hold left,
//! switch sides, hold right, rest, ...), each with its planned start and length.
//!
//! Every total and count shown anywhere comes from this one expansion, so the ready
//! screen, `show`, `list` and the session can never disagree.

use std::time::Duration;

use crate::progress::Practice;
use crate::routine::{Breath, CuePoints, Fallbacks, Measure, Routine, StepKind};
use crate::side::Side;

/// What a person does during a phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhaseKind {
    /// Get into position for the step's first hold.
    GetReady,
    Hold,
    /// Change to the other side between the two holds of a repetition.
    SwitchSides,
    /// Rest between repetitions or between steps.
    Rest,
    /// A plain timed activity, such as a walk.
    Activity,
}

impl PhaseKind {
    /// The phase's name as the screen shows it.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Self::GetReady => "GET READY",
            Self::Hold => "HOLD",
            Self::SwitchSides => "SWITCH SIDES",
            Self::Rest => "REST",
            Self::Activity => "ACTIVITY",
        }
    }

    /// Whether the phase is work (a hold or an activity) rather than a gap.
    pub(crate) fn is_work(self) -> bool {
        matches!(self, Self::Hold | Self::Activity)
    }
}

/// One stretch of time in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phase {
    pub kind: PhaseKind,
    /// Index of the step in the routine this phase belongs to. A rest after a step
    /// belongs to that step.
    pub step: usize,
    /// The side held (or being switched to) when the step is one-sided.
    pub side: Option<Side>,
    /// Repetition, from 1.
    pub rep: u32,
    pub reps: u32,
    /// Planned start, from the start of the session.
    pub start: Duration,
    pub duration: Duration,
    /// A get-ready that first waits for the person (`get_ready = "wait"`): its countdown
    /// starts when they say so.
    pub wait: bool,
    /// A hold's measure: seconds, breaths or a count (holds only).
    pub measure: Measure,
    /// The breathing pace the pacer shows during a hold, if it shows.
    pub pacer: Option<Breath>,
    /// The cues inside a hold (halfway, some seconds left).
    pub cues: CuePoints,
}

/// The least countdown after a wait, the usual get-ready: pressing space and settling
/// into position takes a moment, and the last seconds' ticks need room.
pub(crate) const AFTER_WAIT: Duration = Duration::from_secs(5);

impl Phase {
    /// Planned end, from the start of the session.
    pub(crate) fn end(&self) -> Duration {
        self.start + self.duration
    }
}

/// A routine's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub phases: Vec<Phase>,
}

impl Plan {
    /// Expands `routine` as written, filling unset gaps from `fallbacks`. Gaps of zero are
    /// left out.
    pub fn new(routine: &Routine, fallbacks: &Fallbacks) -> Self {
        Self::practised(routine, fallbacks, &Practice::default())
    }

    /// Expands `routine` as it is today: holds that grow with the weeks grown as
    /// `practice`, what the history says of it, has them.
    pub fn practised(routine: &Routine, fallbacks: &Fallbacks, practice: &Practice) -> Self {
        let mut builder = Builder::default();
        let last = routine.steps.len().saturating_sub(1);
        for (index, step) in routine.steps.iter().enumerate() {
            let t = routine.resolve(index, fallbacks, practice);
            if t.wait {
                builder.push(PhaseKind::GetReady, index, None, (1, t.reps), t.get_ready.max(AFTER_WAIT));
                builder.wait_here();
            } else {
                builder.push(PhaseKind::GetReady, index, None, (1, t.reps), t.get_ready);
            }
            if let StepKind::Activity { duration } = step.kind {
                builder.push(PhaseKind::Activity, index, None, (1, 1), duration);
            } else {
                for rep in 1..=t.reps {
                    if rep > 1 {
                        builder.push(PhaseKind::Rest, index, None, (rep, t.reps), t.rest_between_reps);
                    }
                    builder.holds(index, t.sides.order(), (rep, t.reps), t.hold, t.switch_sides);
                    builder.measure_holds(index, t.measure, t.pacer, t.cues);
                }
            }
            if index < last {
                builder.push(PhaseKind::Rest, index, None, (t.reps, t.reps), t.rest_after);
            }
        }
        Self { phases: builder.phases }
    }

    /// The planned length of the whole session.
    pub fn total(&self) -> Duration {
        self.phases.last().map_or(Duration::ZERO, Phase::end)
    }

    /// How many holds the plan has, activities left out.
    pub(crate) fn hold_count(&self) -> usize {
        self.phases.iter().filter(|p| p.kind == PhaseKind::Hold).count()
    }

    /// The time spent holding stretches.
    pub(crate) fn hold_time(&self) -> Duration {
        self.phases.iter().filter(|p| p.kind == PhaseKind::Hold).map(|p| p.duration).sum()
    }
}

#[derive(Default)]
struct Builder {
    phases: Vec<Phase>,
    clock: Duration,
}

impl Builder {
    fn push(&mut self, kind: PhaseKind, step: usize, side: Option<Side>, (rep, reps): (u32, u32), duration: Duration) {
        if duration.is_zero() {
            return;
        }
        self.phases.push(Phase {
            kind,
            step,
            side,
            rep,
            reps,
            start: self.clock,
            duration,
            wait: false,
            measure: Measure::Time,
            pacer: None,
            cues: CuePoints::default(),
        });
        self.clock += duration;
    }

    /// Gives step `step`'s holds their measure, pacer and cues.
    fn measure_holds(&mut self, step: usize, measure: Measure, pacer: Option<Breath>, cues: CuePoints) {
        for phase in self.phases.iter_mut().rev().take_while(|p| p.step == step) {
            if phase.kind == PhaseKind::Hold {
                phase.measure = measure;
                phase.pacer = pacer;
                phase.cues = cues;
            }
        }
    }

    /// Makes the phase just pushed wait for the person first.
    fn wait_here(&mut self) {
        if let Some(last) = self.phases.last_mut() {
            last.wait = true;
        }
    }

    fn holds(&mut self, step: usize, sides: &[Side], rep: (u32, u32), hold: Duration, switch: Duration) {
        if sides.is_empty() {
            self.push(PhaseKind::Hold, step, None, rep, hold);
        }
        for (i, side) in sides.iter().enumerate() {
            if i > 0 {
                self.push(PhaseKind::SwitchSides, step, Some(*side), rep, switch);
            }
            self.push(PhaseKind::Hold, step, Some(*side), rep, hold);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routine::parse;

    fn plan_of(source: &str) -> Plan {
        plan(source)
    }

    fn plan(source: &str) -> Plan {
        let parsed = parse(source);
        Plan::new(&parsed.routine.expect("valid"), &Fallbacks::default())
    }

    fn shape(plan: &Plan) -> Vec<String> {
        plan.phases
            .iter()
            .map(|p| {
                let side = p.side.map_or("", Side::label);
                format!("{} {} {side} {}/{} {}s", p.kind.label(), p.step, p.rep, p.reps, p.duration.as_secs())
            })
            .collect()
    }

    #[test]
    fn a_two_sided_stretch_alternates_sides_each_rep() {
        let plan = plan(
            "name = \"r\"\n[[step]]\nname = \"a\"\nhold = 30\nsides = \"both\"\nreps = 2\nget_ready = 5\nswitch_sides = 4\nrest_between_reps = 10\n",
        );
        assert_eq!(
            shape(&plan),
            [
                "GET READY 0  1/2 5s",
                "HOLD 0 left 1/2 30s",
                "SWITCH SIDES 0 right 1/2 4s",
                "HOLD 0 right 1/2 30s",
                "REST 0  2/2 10s",
                "HOLD 0 left 2/2 30s",
                "SWITCH SIDES 0 right 2/2 4s",
                "HOLD 0 right 2/2 30s",
            ]
        );
        assert_eq!(plan.total(), Duration::from_secs(5 + 30 + 4 + 30 + 10 + 30 + 4 + 30));
    }

    #[test]
    fn defaults_fill_steps_and_the_last_step_has_no_rest_after() {
        let plan = plan(
            "name = \"r\"\n[defaults]\nhold = \"20s\"\nrest_after = \"15s\"\nget_ready = 0\n\
             [[step]]\nname = \"walk\"\nduration = \"5m\"\n\
             [[step]]\nname = \"b\"\nsides = \"right-left\"\nswitch_sides = 0\n",
        );
        assert_eq!(
            shape(&plan),
            ["ACTIVITY 0  1/1 300s", "REST 0  1/1 15s", "HOLD 1 right 1/1 20s", "HOLD 1 left 1/1 20s"]
        );
        assert_eq!(plan.phases[2].start, Duration::from_secs(315));
        assert_eq!(plan.total(), Duration::from_secs(355));
        assert_eq!(plan.hold_time(), Duration::from_secs(40));
        assert_eq!(plan.hold_count(), 2);
    }

    #[test]
    fn phases_are_contiguous() {
        let plan = plan(
            "name = \"r\"\n[[step]]\nname = \"a\"\nhold = 7\nreps = 3\nsides = \"both\"\n[[step]]\nname = \"b\"\nhold = 9\n",
        );
        for pair in plan.phases.windows(2) {
            assert_eq!(pair[0].end(), pair[1].start);
        }
        assert_eq!(plan.phases[0].start, Duration::ZERO);
    }

    #[test]
    fn holds_in_breaths_and_counts_last_their_measure_at_their_pace() {
        let plan = plan(
            "name = \"r\"\n[defaults]\nget_ready = 0\nbreath = \"3s/5s\"\n\
             [[step]]\nname = \"a\"\nbreaths = 5\n\
             [[step]]\nname = \"b\"\ncount = 10\npace = \"6s\"\n\
             [[step]]\nname = \"c\"\ncount = 4\npace = \"breath\"\n\
             [[step]]\nname = \"d\"\nhold = 20\n",
        );
        let holds: Vec<(Measure, u64, bool)> =
            plan.phases.iter().map(|p| (p.measure, p.duration.as_secs(), p.pacer.is_some())).collect();
        let each = Duration::from_secs(6);
        let breath = Duration::from_secs(8);
        assert_eq!(
            holds,
            [
                (Measure::Breaths(5), 40, true),
                (Measure::Count { count: 10, each }, 60, true),
                (Measure::Count { count: 4, each: breath }, 32, true),
                (Measure::Time, 20, true),
            ]
        );
        // Without a pace set, no pacer unless the hold is counted in breaths.
        let plan = plan_of("name = \"r\"\n[[step]]\nname = \"a\"\nbreaths = 3\n[[step]]\nname = \"b\"\nhold = 20\n");
        let paced: Vec<bool> =
            plan.phases.iter().filter(|p| p.kind == PhaseKind::Hold).map(|p| p.pacer.is_some()).collect();
        assert_eq!(paced, [true, false]);
        assert_eq!(plan.phases[1].duration, Duration::from_secs(30), "3 breaths of 4 s in, 6 s out");
    }

    #[test]
    fn a_steps_own_measure_wins_over_the_defaults() {
        let plan = plan(
            "name = \"r\"\n[defaults]\nget_ready = 0\nbreaths = 2\n\
             [[step]]\nname = \"a\"\nhold = 15\n\
             [[step]]\nname = \"b\"\ncount = 3\npace = 5\n\
             [[step]]\nname = \"c\"\n",
        );
        let measures: Vec<Measure> = plan.phases.iter().map(|p| p.measure).collect();
        let each = Duration::from_secs(5);
        assert_eq!(measures, [Measure::Time, Measure::Count { count: 3, each }, Measure::Breaths(2)]);
    }
}
