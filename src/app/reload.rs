//! Applying an edited routine file to a session under way, keeping its place: the same
//! step by its id, the same side and repetition where they still exist, and the time
//! already spent in the phase.

use std::time::Duration;

use super::Run;
use crate::plan::{Phase, PhaseKind, Plan};
use crate::routine::library::Loaded;
use crate::routine::{Fallbacks, Routine, Side};
use crate::session::{Effect, Status};
use crate::text;

/// What identifies a phase across edits.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Place<'a> {
    step: &'a str,
    side: Option<Side>,
    rep: u32,
    kind: PhaseKind,
}

fn place<'a>(routine: &'a Routine, phase: &Phase) -> Place<'a> {
    Place { step: routine.steps[phase.step].id.as_str(), side: phase.side, rep: phase.rep, kind: phase.kind }
}

/// The result of applying a changed file.
#[derive(Debug, PartialEq, Eq)]
pub enum Reloaded {
    /// The file reads the same as the routine running: nothing to do.
    Unchanged,
    /// Applied; the notice says so.
    Applied { effects: Vec<Effect>, notice: String },
    /// The file has errors: the session keeps the routine it had.
    Broken { notice: String },
}

/// Applies `loaded` (the routine file as it is now) to `run` at `now`.
pub fn apply(run: &mut Run, loaded: Loaded, fallbacks: &Fallbacks, now: Duration) -> Reloaded {
    if loaded.source.text == run.loaded.source.text {
        return Reloaded::Unchanged;
    }
    let file = crate::routine::source::file_name(&loaded.source.path);
    let Some(routine) = loaded.parsed.routine.clone() else {
        let first = loaded.parsed.errors().next().map(|d| d.one_line(&file, &loaded.source.text)).unwrap_or_default();
        return Reloaded::Broken { notice: format!("Not reloaded: {first}") };
    };
    let plan = Plan::new(&routine, fallbacks);
    if plan.phases.is_empty() {
        return Reloaded::Broken { notice: format!("Not reloaded: {file} has no steps") };
    }
    let session = &run.session;
    let (index, elapsed, moved) = match session.phase() {
        Some(phase) => find(&run.routine, phase, &routine, &plan, session.elapsed(now)),
        None => (0, Duration::ZERO, None),
    };
    let outcomes = carry_outcomes(run, &routine, &plan);
    let effects = run.session.replace_plan(plan, index, elapsed, outcomes, now);
    run.routine = routine;
    run.loaded = loaded;
    let notice = match moved {
        Some(gone) => format!("Reloaded {file}: {gone} is gone; going on at {}.", step_name(run)),
        None if run.session.status() == Status::Ready => format!("Reloaded {file}."),
        None => format!("Reloaded {file}; still at {}.", step_name(run)),
    };
    Reloaded::Applied { effects, notice: text::sanitize(&notice, false) }
}

fn step_name(run: &Run) -> String {
    run.session.phase().and_then(|p| run.routine.steps.get(p.step)).map_or_else(String::new, |s| s.name.clone())
}

/// Where the phase `current` of `old` is in the new `plan` of `routine`: its index, the
/// time to count as spent in it, and the name of the step if it is gone.
fn find(
    old: &Routine,
    current: &Phase,
    routine: &Routine,
    plan: &Plan,
    elapsed: Duration,
) -> (usize, Duration, Option<String>) {
    let here = place(old, current);
    let phases = &plan.phases;
    if let Some(i) = phases.iter().position(|p| place(routine, p) == here) {
        return (i, elapsed, None);
    }
    let of_step = |id: &str| phases.iter().position(|p| routine.steps[p.step].id == id);
    // The same step and kind on another side or repetition, else the step's start.
    if let Some(i) =
        phases.iter().position(|p| routine.steps[p.step].id == here.step && p.kind == here.kind && p.side == here.side)
    {
        return (i, elapsed, None);
    }
    if let Some(i) = of_step(here.step) {
        return (i, Duration::ZERO, None);
    }
    // The step is gone: the next one of the old routine that is still there, else the one
    // before it, else where the old phase began.
    let at = old.steps.iter().position(|s| s.id == here.step).unwrap_or(0);
    let later = old.steps[at + 1..].iter().find_map(|s| of_step(&s.id));
    let earlier = || old.steps[..at].iter().rev().find_map(|s| of_step(&s.id));
    let index =
        later.or_else(earlier).unwrap_or_else(|| phases.iter().position(|p| p.end() > current.start).unwrap_or(0));
    (index, Duration::ZERO, Some(old.steps[current.step].name.clone()))
}

/// How the new plan's phases have ended so far: those that match an old phase that ended.
fn carry_outcomes(run: &Run, routine: &Routine, plan: &Plan) -> Vec<Option<crate::session::Outcome>> {
    let old = run.session.plan();
    plan.phases
        .iter()
        .map(|p| {
            let here = place(routine, p);
            old.phases
                .iter()
                .zip(run.session.outcomes())
                .find(|(o, _)| place(&run.routine, o) == here)
                .and_then(|(_, o)| *o)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routine::library::Origin;
    use crate::routine::source::SourceFile;
    use crate::session::Event;

    const ROUTINE: &str = r#"
name = "Mine"
[defaults]
get_ready = 5
switch_sides = 5
[[step]]
id = "calf"
name = "Calf"
hold = 30
sides = "both"
[[step]]
id = "child"
name = "Child"
hold = 20
[[step]]
id = "fold"
name = "Fold"
hold = 20
"#;

    fn loaded(text: &str) -> Loaded {
        let source = SourceFile { path: "/tmp/mine.toml".into(), text: text.to_string() };
        Loaded::new(Origin::User, source)
    }

    /// Started at 0 and ticked to `at`: phases are 0 ready 0-5 | 1 hold L 5-35 | 2 switch
    /// 35-40 | 3 hold R 40-70 | 4 ready 70-75 | 5 child 75-95 | 6 ready | 7 fold.
    fn running(at: u64) -> Run {
        let mut run = Run::new(loaded(ROUTINE), &Fallbacks::default()).unwrap();
        run.session.update(Event::Start, Duration::ZERO);
        run.session.update(Event::Tick, Duration::from_secs(at));
        run
    }

    fn reload(run: &mut Run, text: &str, at: u64) -> Reloaded {
        apply(run, loaded(text), &Fallbacks::default(), Duration::from_secs(at))
    }

    #[test]
    fn a_longer_hold_keeps_the_place_and_the_time_held() {
        let mut run = running(45); // 5 s into the right side's hold
        let edited = ROUTINE.replacen("hold = 30", "hold = 45", 1);
        let Reloaded::Applied { notice, .. } = reload(&mut run, &edited, 45) else { panic!("not applied") };
        assert_eq!(notice, "Reloaded mine.toml; still at Calf.");
        assert_eq!(run.session.index(), 3);
        assert_eq!(run.session.remaining(Duration::from_secs(45)), Duration::from_secs(40));
        assert_eq!(run.session.outcomes()[1].map(|o| o.skipped), Some(false), "the left hold stays done");
    }

    #[test]
    fn a_side_no_longer_held_starts_the_step_again() {
        let mut run = running(45);
        let edited = ROUTINE.replacen("sides = \"both\"", "sides = \"left\"", 1);
        assert!(matches!(reload(&mut run, &edited, 45), Reloaded::Applied { .. }));
        let phase = run.session.phase().unwrap();
        assert_eq!((phase.step, phase.kind), (0, PhaseKind::GetReady));
    }

    #[test]
    fn a_step_that_is_gone_goes_on_at_the_next() {
        let mut run = running(80); // in the child's pose hold
        let edited = ROUTINE.replace("[[step]]\nid = \"child\"\nname = \"Child\"\nhold = 20\n", "");
        let Reloaded::Applied { notice, .. } = reload(&mut run, &edited, 80) else { panic!("not applied") };
        assert_eq!(notice, "Reloaded mine.toml: Child is gone; going on at Fold.");
        assert_eq!(run.routine.steps[run.session.phase().unwrap().step].id, "fold");
    }

    #[test]
    fn a_broken_file_keeps_the_routine_and_says_where_the_error_is() {
        let mut run = running(45);
        let before = run.session.index();
        let Reloaded::Broken { notice } = reload(&mut run, &ROUTINE.replace("hold = 20", "hodl = 20"), 45) else {
            panic!("applied a broken file")
        };
        assert_eq!(notice, "Not reloaded: mine.toml:14:1: unknown key `hodl` in step 2 (did you mean `hold`?)");
        assert_eq!(run.session.index(), before);
        assert_eq!(run.loaded.source.text, ROUTINE);
        assert_eq!(reload(&mut run, ROUTINE, 46), Reloaded::Unchanged);
    }
}
