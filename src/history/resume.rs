//! Resuming a session that did not finish: which one, and where in its routine (which may
//! have changed since) to pick it up.

use std::collections::HashSet;

use super::read::{History, SessionRecord};
use crate::files::content_hash;
use crate::place::{Finder, Found, Place};
use crate::plan::{PhaseKind, Plan};
use crate::progress::Practice;
use crate::routine::library::RoutineFile;
use crate::routine::{Fallbacks, Routine};
use crate::run::{Resumption, Run};

/// The most recent session that ended without finishing, has something left, was not
/// resumed since, was not superseded by a later session of its routine run to the end,
/// is not still running in another terminal, and is not dated after `now`.
pub(crate) fn candidate(history: &History, now: jiff::Timestamp) -> Option<&SessionRecord> {
    let resumed: HashSet<&str> = history.sessions.iter().filter_map(|s| s.resumes.as_deref()).collect();
    // Routines (by file) completed since: walking back from the newest, a session of one
    // of these has been done over since it stopped.
    let mut completed_later: HashSet<&str> = HashSet::new();
    for s in history.sessions.iter().rev() {
        let open = !s.completed()
            && !resumed.contains(s.id.as_str())
            && !completed_later.contains(s.file.as_str())
            && s.ended.as_ref().is_none_or(|e| e.stopped.is_some())
            && !super::from_the_future(s.started, now)
            && (s.ended.is_some() || !still_running(&s.id));
        if open {
            return Some(s);
        }
        if s.completed() {
            completed_later.insert(s.file.as_str());
        }
    }
    None
}

/// Whether the process that wrote session `id` (`TIME/PID`) is a live supple.
fn still_running(id: &str) -> bool {
    let Some(pid) = id.rsplit('/').next().and_then(|p| p.parse::<u32>().ok()) else { return false };
    if pid == std::process::id() {
        return false;
    }
    std::fs::read_to_string(format!("/proc/{pid}/comm")).is_ok_and(|comm| comm.trim() == "supple")
}

/// A run of `file` that picks up `record` where it stopped, in the routine as it is now,
/// its holds grown as `practice` has them; `None` if the routine has errors or nothing of
/// it is left.
pub fn resume(record: &SessionRecord, file: RoutineFile, fallbacks: &Fallbacks, practice: Practice) -> Option<Run> {
    let file = file.into_runnable().ok()?;
    let plan = Plan::practised(&file.routine, fallbacks, &practice);
    let (start, resumption) = place_in(record, &file.routine, &plan, &content_hash(&file.source.text))?;
    Some(Run::resuming(file, practice, plan, start, resumption))
}

/// Where to pick up `record` in `routine` (expanded as `plan`, with file content `hash`):
/// the phase to start at, and what to tell the person. `None` if nothing is left.
pub(crate) fn place_in(
    record: &SessionRecord,
    routine: &Routine,
    plan: &Plan,
    hash: &str,
) -> Option<(usize, Resumption)> {
    let mut notes = Vec::new();
    if record.hash != hash {
        notes.push(changes(record, routine));
    }
    let work = find_work(record, routine, plan, &mut notes)?;
    let phase = &plan.phases[work];
    let from = Place::of(routine, phase);
    // Start with the lead-in before the hold (get ready, switch sides, a rest), if any.
    let start = if work > 0 && !plan.phases[work - 1].kind.is_work() && plan.phases[work - 1].step == phase.step {
        work - 1
    } else {
        work
    };
    Some((start, Resumption { of: record.id.clone(), from, notes, when: None }))
}

/// The work phase to resume at: the hold where the session stopped (or the one after
/// its last recorded hold), found again in the routine as it is now.
fn find_work(record: &SessionRecord, routine: &Routine, plan: &Plan, notes: &mut Vec<String>) -> Option<usize> {
    let next_work = |after: usize| (after + 1..plan.phases.len()).find(|&i| plan.phases[i].kind.is_work());
    let first_work = || plan.phases.iter().position(|p| p.kind.is_work());
    let (place, after) = match (&record.ended, &record.last_hold, &record.from) {
        (Some(ending), _, _) => (ending.stopped.clone()?, false),
        (None, Some(last), _) => (last.clone(), true),
        (None, None, Some(from)) => (from.clone(), false),
        (None, None, None) => return first_work(),
    };
    let finder = Finder::new(routine, plan);
    let exact = finder.exact(&place, PhaseKind::Hold).or_else(|| finder.exact(&place, PhaseKind::Activity));
    if let Some(index) = exact {
        return if after { next_work(index) } else { Some(index) };
    }
    let name_at = |index: usize| routine.steps[plan.phases[index].step].name.clone();
    match finder.find(&place, PhaseKind::Hold, &record.steps, true) {
        Found::Same(_) | Found::OtherRep(_) | Found::StepStart(_) => {
            let index = finder.start_of(&place.step, true)?;
            let name = name_at(index);
            if after {
                notes.push(format!("{name} has changed; going on after it."));
                let step = plan.phases[index].step;
                return (index..plan.phases.len())
                    .find(|&i| plan.phases[i].kind.is_work() && plan.phases[i].step != step);
            }
            notes.push(format!("{name} has changed; starting it from its first hold."));
            Some(index)
        }
        Found::Nearest(index, _) => {
            notes.push(format!(
                "Step `{}` is no longer in the routine; starting at the nearest, {}.",
                place.step,
                name_at(index)
            ));
            Some(index)
        }
        Found::Nowhere => {
            notes.push(format!("Step `{}` is no longer in the routine; starting from the beginning.", place.step));
            first_work()
        }
    }
}

/// What changed in the routine since the session, by step.
fn changes(record: &SessionRecord, routine: &Routine) -> String {
    let now: Vec<&str> = routine.steps.iter().map(|s| s.id.as_str()).collect();
    let removed: Vec<&str> = record.steps.iter().map(String::as_str).filter(|id| !now.contains(id)).collect();
    let added: Vec<&str> = now.iter().copied().filter(|id| !record.steps.iter().any(|s| s == id)).collect();
    if removed.is_empty() && added.is_empty() {
        return "The routine has changed since that session: the same steps, with other timings or text.".to_string();
    }
    let mut parts = Vec::new();
    if !removed.is_empty() {
        parts.push(format!("removed {}", removed.join(", ")));
    }
    if !added.is_empty() {
        parts.push(format!("added {}", added.join(", ")));
    }
    format!("The routine has changed since that session: {}.", parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::read::Ending;
    use crate::routine::parse;
    use crate::side::Side;

    const ROUTINE: &str = r#"
name = "Test"
[defaults]
get_ready = 5
switch_sides = 5
[[step]]
id = "calf"
name = "Calf"
hold = 30
sides = "both"
reps = 2
[[step]]
id = "child"
name = "Child"
hold = 20
[[step]]
id = "fold"
name = "Fold"
hold = 20
"#;

    fn record(ended: Option<Ending>, last_hold: Option<Place>) -> SessionRecord {
        SessionRecord {
            id: "t/1".into(),
            routine: "Test".into(),
            file: "x".into(),
            hash: "h".into(),
            steps: vec!["calf".into(), "child".into(), "fold".into()],
            started: jiff::Timestamp::UNIX_EPOCH,
            last_seen: jiff::Timestamp::UNIX_EPOCH,
            planned_s: 0.0,
            ended,
            holds_done: 0,
            holds_shortened: 0,
            holds_skipped: 0,
            last_hold,
            resumes: None,
            from: None,
            pains: Vec::new(),
            holds: crate::history::holds::Holds::default(),
        }
    }

    #[allow(clippy::unnecessary_wraps)]
    fn quit_at(step: &str, side: Option<Side>, rep: u32) -> Option<Ending> {
        let stopped = Some(Place { step: step.into(), side, rep });
        Some(Ending { completed: false, active_s: 0.0, paused_s: 0.0, stopped })
    }

    fn resume(source: &str, r: &SessionRecord, hash: &str) -> Option<(usize, Resumption)> {
        let routine = parse(source).routine.expect("valid");
        let plan = Plan::new(&routine, &Fallbacks::default());
        place_in(r, &routine, &plan, hash)
    }

    #[test]
    fn a_quit_session_resumes_at_its_hold_with_the_lead_in() {
        // Phases: 0 ready | 1 hold L1 | 2 switch | 3 hold R1 | 4 rest | 5 hold L2 | ...
        let (start, r) = resume(ROUTINE, &record(quit_at("calf", Some(Side::Right), 1), None), "h").unwrap();
        assert_eq!(start, 2, "from the switch before the right side");
        assert_eq!(r.from, Place { step: "calf".into(), side: Some(Side::Right), rep: 1 });
        assert!(r.notes.is_empty());
    }

    #[test]
    fn a_killed_session_resumes_after_its_last_recorded_hold() {
        let last = Place { step: "calf".into(), side: Some(Side::Right), rep: 2 };
        let (_, r) = resume(ROUTINE, &record(None, Some(last)), "h").unwrap();
        assert_eq!(r.from, Place { step: "child".into(), side: None, rep: 1 });
    }

    #[test]
    fn a_changed_routine_keeps_the_step_by_id_and_says_what_changed() {
        let edited = ROUTINE
            .replace("hold = 30", "hold = 45")
            .replace("id = \"fold\"\nname = \"Fold\"", "id = \"lunge\"\nname = \"Lunge\"");
        let (_, r) = resume(&edited, &record(quit_at("child", None, 1), None), "other").unwrap();
        assert_eq!(r.from.step, "child");
        assert_eq!(r.notes, vec!["The routine has changed since that session: removed fold; added lunge.".to_string()]);
    }

    #[test]
    fn a_step_that_is_gone_resumes_at_the_nearest() {
        let edited = ROUTINE.replace("[[step]]\nid = \"child\"\nname = \"Child\"\nhold = 20\n", "");
        let (_, r) = resume(&edited, &record(quit_at("child", None, 1), None), "other").unwrap();
        assert_eq!(r.from.step, "fold", "the step that came after it");
        assert!(
            r.notes[1].contains("Step `child` is no longer in the routine; starting at the nearest, Fold."),
            "{:?}",
            r.notes
        );
    }

    #[test]
    fn a_side_that_is_gone_starts_the_step_over() {
        let edited = ROUTINE.replace("sides = \"both\"", "sides = \"left\"");
        let (_, r) = resume(&edited, &record(quit_at("calf", Some(Side::Right), 2), None), "other").unwrap();
        assert_eq!(r.from, Place { step: "calf".into(), side: Some(Side::Left), rep: 1 });
        assert!(r.notes[1].contains("starting it from its first hold"));
    }

    #[test]
    fn a_session_done_over_since_is_not_offered() {
        let quit = record(quit_at("child", None, 1), None);
        let mut done = record(Some(Ending { completed: true, active_s: 1.0, paused_s: 0.0, stopped: None }), None);
        done.id = "t/2".into();
        let history = History { sessions: vec![quit.clone(), done.clone()], damaged: vec![] };
        assert_eq!(
            candidate(&history, jiff::Timestamp::now()).map(|s| s.id.as_str()),
            None,
            "the routine was run to its end since"
        );
        let mut other = done;
        other.file = "another.toml".into();
        let history = History { sessions: vec![quit, other], damaged: vec![] };
        assert_eq!(
            candidate(&history, jiff::Timestamp::now()).map(|s| s.id.as_str()),
            Some("t/1"),
            "another routine does not supersede it"
        );
    }

    #[test]
    fn resumed_and_completed_sessions_are_not_offered() {
        let mut quit = record(quit_at("child", None, 1), None);
        let mut done = record(Some(Ending { completed: true, active_s: 1.0, paused_s: 0.0, stopped: None }), None);
        (done.id, done.file) = ("t/2".into(), "another.toml".into());
        let history = History { sessions: vec![quit.clone(), done.clone()], damaged: vec![] };
        assert_eq!(candidate(&history, jiff::Timestamp::now()).map(|s| s.id.as_str()), Some("t/1"));
        quit.id = "t/3".into();
        quit.resumes = Some("t/1".into());
        let history = History { sessions: vec![record(quit_at("child", None, 1), None), done, quit], damaged: vec![] };
        assert_eq!(
            candidate(&history, jiff::Timestamp::now()).map(|s| s.id.as_str()),
            Some("t/3"),
            "the resumption, not what it resumed"
        );
    }
}
