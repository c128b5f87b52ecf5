//! Pace within a hold: where the breath is (in or out, and how full), which breath or
//! counted repetition it is, and the moments a hold's pace marks with a sound. Pure
//! functions of the phase and the time into it, shared by the session (the marks), the
//! screen (the pacer and the counts) and the shell's wake-ups.

use std::time::Duration;

use crate::cue::Cue;
use crate::plan::{Phase, PhaseKind};
use crate::routine::{Breath, Measure};

/// How many steps the pacer's bar takes over one in- or out-breath: enough to follow as
/// it rises and falls, few enough that the screen changes a few times a breath.
pub const PACER_STEPS: u32 = 4;

/// Which way the breath goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Turn {
    In,
    Out,
}

/// The pacer at one moment: the way the breath goes, and how full the lungs are, in
/// steps from 0 (empty) to [`PACER_STEPS`] (full).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pacer {
    pub turn: Turn,
    pub level: u32,
}

/// Where the breath is `into` a hold at `breath`'s pace, starting with an in-breath.
pub fn pacer(breath: Breath, into: Duration) -> Pacer {
    let within = nanos(into) % nanos(breath.cycle()).max(1);
    let inhale = nanos(breath.inhale);
    if within < inhale {
        Pacer { turn: Turn::In, level: 1 + steps_of(within, inhale) }
    } else {
        let exhale = nanos(breath.exhale);
        Pacer { turn: Turn::Out, level: PACER_STEPS - 1 - steps_of(within - inhale, exhale).min(PACER_STEPS - 1) }
    }
}

/// Which step of [`PACER_STEPS`] `part` of `whole` is in, from 0.
fn steps_of(part: u128, whole: u128) -> u32 {
    u32::try_from(part * u128::from(PACER_STEPS) / whole.max(1)).unwrap_or(PACER_STEPS).min(PACER_STEPS - 1)
}

fn nanos(d: Duration) -> u128 {
    d.as_nanos()
}

/// Which breath or repetition a hold is at `into` it, from 1, and of how many: for a
/// hold measured in breaths or a count; `None` for one measured in seconds.
pub fn counted(phase: &Phase, length: Duration, into: Duration) -> Option<(u32, u32)> {
    let (each, planned) = match phase.measure {
        Measure::Time => return None,
        Measure::Breaths(n) => (phase.pacer?.cycle(), n),
        Measure::Count { count, each } => (each, count),
    };
    // Time added or taken off changes how many there are.
    let total = u32::try_from(length.as_nanos().div_ceil(each.as_nanos().max(1))).unwrap_or(planned).max(1);
    let at = u32::try_from(into.as_nanos() / each.as_nanos().max(1)).unwrap_or(u32::MAX);
    Some((at.saturating_add(1).min(total), total))
}

/// The first moment after `after` into a hold of `length` that its pace marks with a cue,
/// with every cue due then, the cue points first (they matter most when two fall
/// together): a counted repetition begins (not the first: the hold's start has its own
/// cue), the breath turns, half the hold is done, its last seconds begin. A mark falling
/// at the hold's very end is left to the end's own cue.
pub fn next_marks(phase: &Phase, length: Duration, after: Duration) -> Option<(Duration, Vec<Cue>)> {
    if phase.kind != PhaseKind::Hold {
        return None;
    }
    let repetition = match phase.measure {
        Measure::Count { each, .. } if !each.is_zero() => Some((next_multiple(each, after), Cue::Repetition)),
        _ => None,
    };
    let breath = phase.pacer.map(|breath| next_turn(breath, after));
    let halfway = phase.cues.halfway.then(|| (length / 2, Cue::Halfway));
    let time_left = phase.cues.time_left.and_then(|left| Some((length.checked_sub(left)?, Cue::TimeLeft)));
    let due: Vec<(Duration, Cue)> = [halfway, time_left, repetition, breath]
        .into_iter()
        .flatten()
        .filter(|(at, _)| *at > after && *at < length)
        .collect();
    let first = due.iter().map(|(at, _)| *at).min()?;
    Some((first, due.into_iter().filter(|(at, _)| *at == first).map(|(_, mark)| mark).collect()))
}

/// The first multiple of `each` after `after`.
fn next_multiple(each: Duration, after: Duration) -> Duration {
    let n = after.as_nanos() / each.as_nanos() + 1;
    Duration::from_nanos(u64::try_from(each.as_nanos() * n).unwrap_or(u64::MAX))
}

/// The first turn of the breath after `after`: to out at each in-breath's end, to in at
/// each breath's end.
fn next_turn(breath: Breath, after: Duration) -> (Duration, Cue) {
    let cycle = breath.cycle().max(Duration::from_nanos(1));
    let start = next_multiple(cycle, after).saturating_sub(cycle);
    let to_out = start + breath.inhale;
    if to_out > after { (to_out, Cue::BreatheOut) } else { (start + cycle, Cue::BreatheIn) }
}

/// When, `into` a hold, what the screen shows of its pace next changes: the pacer's next
/// step or the next count.
pub fn next_change(phase: &Phase, length: Duration, into: Duration) -> Option<Duration> {
    if phase.kind != PhaseKind::Hold {
        return None;
    }
    let count = match phase.measure {
        Measure::Count { each, .. } if !each.is_zero() => Some(next_multiple(each, into)),
        Measure::Breaths(_) => phase.pacer.map(|b| next_multiple(b.cycle().max(Duration::from_nanos(1)), into)),
        _ => None,
    };
    let pacer = phase.pacer.map(|breath| next_pacer_step(breath, into));
    [count, pacer].into_iter().flatten().filter(|at| *at < length).min()
}

/// The next moment the pacer's level changes.
fn next_pacer_step(breath: Breath, into: Duration) -> Duration {
    let cycle = breath.cycle().max(Duration::from_nanos(1));
    let start = next_multiple(cycle, into).saturating_sub(cycle);
    let half_steps = |half: Duration, from: Duration| (1..=PACER_STEPS).map(move |k| from + half * k / PACER_STEPS);
    half_steps(breath.inhale, start)
        .chain(half_steps(breath.exhale, start + breath.inhale))
        .find(|at| *at > into)
        .unwrap_or(start + cycle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(n: u64) -> Duration {
        Duration::from_secs(n)
    }

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    const BREATH: Breath = Breath { inhale: Duration::from_secs(4), exhale: Duration::from_secs(6) };

    fn hold(measure: Measure, pacer: Option<Breath>) -> Phase {
        Phase {
            kind: PhaseKind::Hold,
            step: 0,
            side: None,
            rep: 1,
            reps: 1,
            start: Duration::ZERO,
            duration: secs(60),
            wait: false,
            measure,
            pacer,
            cues: crate::routine::CuePoints::default(),
        }
    }

    #[test]
    fn the_pacer_fills_on_the_in_breath_and_empties_on_the_out_breath() {
        let at = |ms_in: u64| pacer(BREATH, ms(ms_in));
        assert_eq!(at(0), Pacer { turn: Turn::In, level: 1 });
        assert_eq!(at(1_000), Pacer { turn: Turn::In, level: 2 });
        assert_eq!(at(3_999), Pacer { turn: Turn::In, level: 4 });
        assert_eq!(at(4_000), Pacer { turn: Turn::Out, level: 3 });
        assert_eq!(at(9_999), Pacer { turn: Turn::Out, level: 0 });
        assert_eq!(at(10_000), Pacer { turn: Turn::In, level: 1 }, "the next breath");
    }

    #[test]
    fn breaths_and_repetitions_count_from_one() {
        let breaths = hold(Measure::Breaths(6), Some(BREATH));
        assert_eq!(counted(&breaths, secs(60), secs(0)), Some((1, 6)));
        assert_eq!(counted(&breaths, secs(60), ms(29_999)), Some((3, 6)));
        assert_eq!(counted(&breaths, secs(60), secs(30)), Some((4, 6)));
        assert_eq!(counted(&breaths, secs(60), secs(60)), Some((6, 6)), "never past the last");
        assert_eq!(counted(&breaths, secs(70), secs(0)), Some((1, 7)), "time added is another breath");
        let count = hold(Measure::Count { count: 10, each: secs(6) }, None);
        assert_eq!(counted(&count, secs(60), secs(23)), Some((4, 10)));
        assert_eq!(counted(&hold(Measure::Time, None), secs(60), secs(23)), None);
    }

    #[test]
    fn marks_fall_at_each_repetition_and_each_turn_of_the_breath() {
        let count = hold(Measure::Count { count: 3, each: secs(5) }, None);
        assert_eq!(next_marks(&count, secs(15), secs(0)), Some((secs(5), vec![Cue::Repetition])));
        assert_eq!(next_marks(&count, secs(15), secs(5)), Some((secs(10), vec![Cue::Repetition])));
        assert_eq!(next_marks(&count, secs(15), secs(10)), None, "the end has its own cue");
        let paced = hold(Measure::Time, Some(BREATH));
        assert_eq!(next_marks(&paced, secs(60), secs(0)), Some((secs(4), vec![Cue::BreatheOut])));
        assert_eq!(next_marks(&paced, secs(60), secs(4)), Some((secs(10), vec![Cue::BreatheIn])));
        assert_eq!(next_marks(&paced, secs(60), secs(10)), Some((secs(14), vec![Cue::BreatheOut])));
        assert_eq!(next_marks(&hold(Measure::Time, None), secs(60), secs(0)), None);
    }

    #[test]
    fn long_holds_mark_their_halfway_and_their_last_seconds() {
        let mut long = hold(Measure::Time, None);
        long.cues = crate::routine::CuePoints { halfway: true, time_left: Some(secs(10)) };
        assert_eq!(next_marks(&long, secs(60), secs(0)), Some((secs(30), vec![Cue::Halfway])));
        assert_eq!(next_marks(&long, secs(60), secs(30)), Some((secs(50), vec![Cue::TimeLeft])));
        assert_eq!(next_marks(&long, secs(60), secs(50)), None);
        // Time added moves them: halfway is half of the hold as it now is.
        assert_eq!(next_marks(&long, secs(80), secs(30)), Some((secs(40), vec![Cue::Halfway])));
        // Marks due together are all given, the cue points first.
        long.pacer = Some(BREATH);
        let turn_in = Cue::BreatheIn;
        assert_eq!(next_marks(&long, secs(60), secs(28)), Some((secs(30), vec![Cue::Halfway, turn_in])));
    }

    #[test]
    fn the_screen_changes_a_few_times_a_breath() {
        let paced = hold(Measure::Time, Some(BREATH));
        let mut changes = 0;
        let mut into = Duration::ZERO;
        while let Some(next) = next_change(&paced, secs(60), into) {
            assert!(next > into);
            into = next;
            changes += 1;
        }
        // 2 × PACER_STEPS a breath, 6 breaths, the last step falling at the end.
        assert_eq!(changes, 6 * 2 * PACER_STEPS - 1);
    }
}
