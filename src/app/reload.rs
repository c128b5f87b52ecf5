//! Applying an edited routine file to a session under way, keeping its place: the same
//! step by its id, the same side and repetition where they still exist, and the time
//! already spent in the phase.

use std::collections::HashMap;
use std::time::Duration;

use crate::place::{Finder, Found, Place};
use crate::plan::{Phase, Plan};
use crate::routine::library::RoutineFile;
use crate::routine::{Fallbacks, Routine};
use crate::run::Run;
use crate::session::{Effect, Outcome, Status};
use crate::text;

/// The result of applying a changed file.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Reloaded {
    /// The file reads the same as the routine running: nothing to do.
    Unchanged,
    /// The session is over: what its summary says stays as it was run.
    Over,
    /// Applied; the notice says so.
    Applied { effects: Vec<Effect>, notice: String },
    /// The file has errors: the session keeps the routine it had.
    Broken { notice: String },
}

/// Applies `file` (the routine file as it is now) to `run` at `now`: to the routine, its
/// plan and the session's place all at once, or to none of them.
pub(crate) fn apply(run: &mut Run, file: RoutineFile, fallbacks: &Fallbacks, now: Duration) -> Reloaded {
    if file.source.text == run.file.source.text {
        return Reloaded::Unchanged;
    }
    if matches!(run.session.status(), Status::Finished { .. }) {
        return Reloaded::Over;
    }
    let name = crate::files::file_name(&file.source.path);
    let runnable = match file.into_runnable() {
        Ok(runnable) => runnable,
        Err(file) => {
            let first = file.parsed.errors().next().map(|d| d.one_line(&name, &file.source.text)).unwrap_or_default();
            return Reloaded::Broken { notice: format!("Not reloaded: {first}") };
        }
    };
    // What the history says is the same for the edited routine: it was read at the start.
    let plan = Plan::practised(&runnable.routine, fallbacks, &run.practice);
    if plan.phases.is_empty() {
        return Reloaded::Broken { notice: format!("Not reloaded: {name} has no steps") };
    }
    let routine = &runnable.routine;
    let finder = Finder::new(routine, &plan);
    let session = &run.session;
    let (index, elapsed, moved) = match session.phase() {
        Some(phase) => find(&run.file.routine, phase, &finder, &plan, session.elapsed(now)),
        None => (0, Duration::ZERO, None),
    };
    let outcomes = carry_outcomes(run, &finder, &plan);
    let effects = run.session.replace_plan(plan, index, elapsed, outcomes, now);
    run.file = runnable;
    let notice = match moved {
        Some(gone) => format!("Reloaded {name}: {gone} is gone; going on at {}.", step_name(run)),
        None if run.session.status() == Status::Ready => format!("Reloaded {name}."),
        None => format!("Reloaded {name}; still at {}.", step_name(run)),
    };
    Reloaded::Applied { effects, notice: text::sanitize(&notice, false) }
}

fn step_name(run: &Run) -> String {
    run.step_name(run.session.index()).to_string()
}

/// Where the phase `current` of `old` is in the new `plan`: its index, the time to count
/// as spent in it, and the name of the step if it is gone.
fn find(
    old: &Routine,
    current: &Phase,
    finder: &Finder<'_>,
    plan: &Plan,
    elapsed: Duration,
) -> (usize, Duration, Option<String>) {
    let here = Place::of(old, current);
    let old_order: Vec<String> = old.steps.iter().map(|s| s.id.clone()).collect();
    match finder.find(&here, current.kind, &old_order, false) {
        // The same phase, or the same step, kind and side in another repetition: the time
        // already spent in it carries over.
        Found::Same(index) | Found::OtherRep(index) => (index, elapsed, None),
        Found::StepStart(index) => (index, Duration::ZERO, None),
        Found::Nearest(index, _) => (index, Duration::ZERO, Some(old.steps[current.step].name.clone())),
        Found::Nowhere => {
            let index = plan.phases.iter().position(|p| p.end() > current.start).unwrap_or(0);
            (index, Duration::ZERO, Some(old.steps[current.step].name.clone()))
        }
    }
}

/// How the new plan's phases have ended so far: those at the place and of the kind of an
/// old phase that ended.
fn carry_outcomes(run: &Run, finder: &Finder<'_>, plan: &Plan) -> Vec<Option<Outcome>> {
    let mut outcomes = vec![None; plan.phases.len()];
    let ended: HashMap<usize, Outcome> = run
        .session
        .plan()
        .phases
        .iter()
        .zip(run.session.outcomes())
        .filter_map(|(phase, outcome)| {
            let outcome = (*outcome)?;
            finder.exact(&Place::of(&run.file.routine, phase), phase.kind).map(|index| (index, outcome))
        })
        .collect();
    for (index, outcome) in ended {
        outcomes[index] = Some(outcome);
    }
    outcomes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::SourceFile;
    use crate::plan::PhaseKind;
    use crate::routine::library::Origin;
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

    fn loaded(text: &str) -> RoutineFile {
        let source = SourceFile { path: "/tmp/mine.toml".into(), text: text.to_string() };
        RoutineFile::new(Origin::User, source)
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
        assert_eq!(
            run.session.outcomes()[1].map(|o| o.ended),
            Some(crate::session::Ended::Held),
            "the left hold stays done"
        );
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
        assert_eq!(run.file.routine.steps[run.session.phase().unwrap().step].id, "fold");
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
        assert_eq!(run.file.source.text, ROUTINE);
        assert_eq!(reload(&mut run, ROUTINE, 46), Reloaded::Unchanged);
    }

    #[test]
    fn a_save_with_a_broken_pose_or_breath_keeps_the_session_and_says_where() {
        let mut run = running(45);
        let before = run.session.index();
        let broken = ROUTINE.replacen("hold = 30", "hold = 30\npose = \"supine-hamstrng\"", 1);
        let Reloaded::Broken { notice } = reload(&mut run, &broken, 45) else { panic!("applied a broken pose") };
        assert!(notice.starts_with("Not reloaded: mine.toml:10:8: there is no pose called"), "{notice}");
        let broken = ROUTINE.replacen("hold = 30", "hold = 30\nbreath = \"4s\"\n[pose.x]\ntorso = 999", 1);
        assert!(matches!(reload(&mut run, &broken, 45), Reloaded::Broken { .. }));
        assert_eq!(run.session.index(), before);
        assert_eq!(run.file.source.text, ROUTINE);
    }

    #[test]
    fn a_save_once_the_session_is_over_leaves_its_summary_as_it_was_run() {
        let mut run = running(10); // in the calf stretch's left hold
        run.session.update(Event::MarkPain, Duration::from_secs(10));
        run.session.update(Event::Tick, Duration::from_secs(300));
        assert!(matches!(run.session.status(), Status::Finished { completed: true }));
        let before = crate::wording::pain_advice(&run);
        assert!(before.as_deref().is_some_and(|a| a.contains("Calf (left)")), "{before:?}");
        // The calf stretch and child's pose swapped in the file.
        let calf = "[[step]]\nid = \"calf\"\nname = \"Calf\"\nhold = 30\nsides = \"both\"\n";
        let child = "[[step]]\nid = \"child\"\nname = \"Child\"\nhold = 20\n";
        let swapped = ROUTINE.replace(calf, "CALF").replace(child, calf).replace("CALF", child);
        assert_ne!(swapped, ROUTINE);
        assert_eq!(reload(&mut run, &swapped, 301), Reloaded::Over);
        assert_eq!(crate::wording::pain_advice(&run), before, "the advice names the stretch that hurt");
        assert_eq!(run.file.source.text, ROUTINE, "the run keeps the routine it ran");
    }
}
