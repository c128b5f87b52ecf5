//! The words for phases and steps, in one place for every screen, plain mode, `show`,
//! `resume` and the farewell line: "HOLD · LEFT", "Calf stretch, right side, rep 1 of 2",
//! "Next: rest 15s, then Child's pose". Text from routine files goes out as it came; the
//! caller makes it safe for where it goes.

use std::fmt::Write as _;

use crate::duration;
use crate::plan::{Phase, PhaseKind, Plan};
use crate::progress::{HoldScale, Practice};
use crate::routine::{Fallbacks, Routine};
use crate::run::Run;
use crate::session::{Hint, HoldTally, Status};
use crate::side::Side;

/// "1 step", "2 steps".
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 { format!("{n} {one}") } else { format!("{n} {many}") }
}

/// The ways to name a phase ("HOLD · LEFT", "GET READY"), longest first, each keeping the side: "SWITCH SIDES → RIGHT",
/// "SWITCH → RIGHT", "→ RIGHT". `next_side` is the side a get-ready leads to.
pub(crate) fn phase_labels(phase: &Phase, next_side: Option<Side>) -> Vec<String> {
    let side = |s: Side| s.label().to_uppercase();
    match (phase.kind, phase.side.or(next_side.filter(|_| phase.kind == PhaseKind::GetReady))) {
        (PhaseKind::SwitchSides, Some(s)) => {
            vec![format!("SWITCH SIDES → {}", side(s)), format!("SWITCH → {}", side(s)), format!("→ {}", side(s))]
        }
        (PhaseKind::Hold, Some(s)) => vec![format!("HOLD · {}", side(s)), side(s)],
        (PhaseKind::GetReady, Some(s)) => {
            vec![format!("GET READY · {}", side(s)), format!("READY · {}", side(s)), side(s)]
        }
        (PhaseKind::GetReady, None) => vec!["GET READY".to_string(), "READY".to_string()],
        (kind, _) => vec![kind.label().to_string()],
    }
}

/// The phase's name that fits `width` columns, the side never cut; with `paused`, said so.
pub(crate) fn phase_label_fitting(phase: &Phase, next_side: Option<Side>, paused: bool, width: usize) -> String {
    let labels = phase_labels(phase, next_side);
    let with_pause = |label: &str| if paused { format!("{label} · PAUSED") } else { label.to_string() };
    labels
        .iter()
        .map(|l| with_pause(l))
        .chain(if paused { vec!["PAUSED".to_string()] } else { vec![] })
        .find(|l| crate::text::width(l) <= width)
        .unwrap_or_else(|| labels.last().cloned().unwrap_or_default())
}

/// "Calf stretch, right side, rep 1 of 2": a step with its side and repetition, each left
/// out when not given. `terse` writes the side alone ("Calf stretch, right"), for tables.
pub(crate) fn step_at(name: &str, side: Option<Side>, rep: Option<(u32, u32)>, terse: bool) -> String {
    let mut text = name.to_string();
    if let Some(side) = side {
        let _ = write!(text, ", {}{}", side.label(), if terse { "" } else { " side" });
    }
    if let Some((rep, reps)) = rep {
        let _ = write!(text, ", rep {rep} of {reps}");
    }
    text
}

/// The repetition of `phase` when its step has more than one.
fn rep_of(phase: &Phase) -> Option<(u32, u32)> {
    (phase.reps > 1).then_some((phase.rep, phase.reps))
}

fn name_of<'a>(routine: &'a Routine, phase: &Phase) -> &'a str {
    routine.steps.get(phase.step).map_or("", |s| s.name.as_str())
}

/// Whether phase `index` is the rest after its step (rather than between repetitions).
pub(crate) fn is_rest_after_step(plan: &Plan, index: usize) -> bool {
    plan.phases.get(index + 1).is_none_or(|next| next.step != plan.phases[index].step)
}

/// What phase `index` is about, for a line of plain mode: the stretch, its side (the side
/// that comes next, while getting ready) and repetition; a rest says what is next.
pub(crate) fn about(routine: &Routine, plan: &Plan, index: usize) -> String {
    let Some(phase) = plan.phases.get(index) else { return String::new() };
    let next = plan.phases.get(index + 1);
    if phase.kind == PhaseKind::Rest {
        return next.map_or_else(String::new, |next| {
            let rep = (next.rep > 1).then_some((next.rep, next.reps));
            format!("next: {}", step_at(name_of(routine, next), None, rep, false))
        });
    }
    let side = phase.side.or_else(|| next.filter(|_| phase.kind == PhaseKind::GetReady)?.side);
    let rep = rep_of(phase).filter(|_| phase.kind.is_work());
    step_at(name_of(routine, phase), side, rep, false)
}

/// What phase `index` is, for a row of `show`'s timeline: "Calf, left, rep 1 of 2",
/// "next: Child's pose", "Calf, before rep 2 of 3".
pub(crate) fn timeline_row(routine: &Routine, plan: &Plan, index: usize) -> String {
    let phase = &plan.phases[index];
    let name = name_of(routine, phase);
    match phase.kind {
        PhaseKind::Rest => match routine.steps.get(phase.step + 1) {
            Some(next) if is_rest_after_step(plan, index) => format!("next: {}", next.name),
            _ => format!("{name}, before rep {} of {}", phase.rep, phase.reps),
        },
        PhaseKind::GetReady => name.to_string(),
        _ => step_at(name, phase.side, rep_of(phase), true),
    }
}

/// The title of the phase on the stretch screen: the step's name, or what comes next
/// during the rest after a step.
pub(crate) fn title(routine: &Routine, plan: &Plan, index: usize) -> String {
    let Some(phase) = plan.phases.get(index) else { return String::new() };
    let name = name_of(routine, phase).to_string();
    if phase.kind == PhaseKind::Rest && is_rest_after_step(plan, index) {
        return routine.steps.get(phase.step + 1).map_or(name, |next| format!("Up next: {}", next.name));
    }
    name
}

/// "Next: switch to the right side", "Next: rest 15s, then Child's pose", "Last one!".
pub(crate) fn next(routine: &Routine, plan: &Plan, index: usize) -> String {
    let Some(phase) = plan.phases.get(index) else { return String::new() };
    let Some(next) = plan.phases.get(index + 1) else { return "Last one!".to_string() };
    match next.kind {
        PhaseKind::SwitchSides => format!("Next: switch to the {} side", next.side.map_or("other", Side::label)),
        PhaseKind::Rest => {
            let then = plan.phases.get(index + 2).filter(|after| after.step != next.step);
            let rest = duration::compact(next.duration);
            then.map_or_else(
                || format!("Next: rest {rest}"),
                |after| format!("Next: rest {rest}, then {}", name_of(routine, after)),
            )
        }
        PhaseKind::Hold if next.step == phase.step => {
            let side = next.side.map_or(String::new(), |s| format!(" {} side", s.label()));
            format!("Next: {}", step_at(&format!("hold{side}"), None, rep_of(next), false))
        }
        _ => format!("Next: {}", name_of(routine, next)),
    }
}

/// "Resuming at Calf stretch, right side, rep 1 of 2." and what changed, for a run that
/// picks up another session.
pub(crate) fn resuming(run: &Run) -> Option<String> {
    let resumed = run.resumed.as_ref()?;
    let from = &resumed.from;
    let name =
        run.file.routine.steps.iter().find(|s| s.id == from.step).map_or(from.step.as_str(), |s| s.name.as_str());
    let reps = run.session.phase().map_or(1, |p| p.reps);
    let mut text = format!("Resuming at {}.", step_at(name, from.side, (reps > 1).then_some((from.rep, reps)), false));
    for note in &resumed.notes {
        text.push(' ');
        text.push_str(note);
    }
    Some(text)
}

/// Where a resumed run picks up: "Seated hamstring, right side".
pub(crate) fn resume_point(run: &Run) -> Option<String> {
    let from = &run.resumed.as_ref()?.from;
    let name =
        run.file.routine.steps.iter().find(|s| s.id == from.step).map_or(from.step.as_str(), |s| s.name.as_str());
    Some(step_at(name, from.side, None, false))
}

/// "today 07:30", "yesterday 18:30", "Mon 16 Nov 18:30": a moment as people say it, seen
/// from `now`, in `tz`.
pub(crate) fn day_and_time(at: jiff::Timestamp, now: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> String {
    let (at, now) = (at.to_zoned(tz.clone()), now.to_zoned(tz.clone()));
    let time = at.strftime("%H:%M");
    let days = now.date().since(at.date()).map_or(i32::MAX, |span| span.get_days());
    match days {
        0 => format!("today {time}"),
        1 => format!("yesterday {time}"),
        _ => at.strftime("%a %d %b %H:%M").to_string(),
    }
}

/// "3 of 5 holds, 1 shortened, 1 skipped": how a session's holds went, the one way every
/// screen, line and report says it.
pub(crate) fn tally(t: &HoldTally) -> String {
    let mut text = format!("{} of {} holds", t.done, t.total);
    if t.shortened > 0 {
        let _ = write!(text, ", {} shortened", t.shortened);
    }
    if t.skipped > 0 {
        let _ = write!(text, ", {} skipped", t.skipped);
    }
    text
}

/// The holds marked as painful in `run`'s session, as "Calf stretch (left)".
fn pain_marks(run: &Run) -> Vec<String> {
    let phases = &run.session.plan().phases;
    let outcomes = run.session.outcomes();
    phases
        .iter()
        .zip(outcomes)
        .filter(|(_, outcome)| outcome.is_some_and(|o| o.ended == crate::session::Ended::Pain))
        .map(|(phase, _)| match phase.side {
            Some(side) => format!("{} ({})", name_of(&run.file.routine, phase), side.label()),
            None => name_of(&run.file.routine, phase).to_string(),
        })
        .collect()
}

/// What to do about holds marked as painful, in one calm sentence; none when none was.
pub(crate) fn pain_advice(run: &Run) -> Option<String> {
    let marks = pain_marks(run);
    let (last, rest) = marks.split_last()?;
    let which = if rest.is_empty() { last.clone() } else { format!("{} and {last}", rest.join(", ")) };
    Some(format!(
        "You marked pain in {which}: ease off next time, and if it comes back, have it looked at by a physiotherapist or doctor."
    ))
}

/// The line left on the main screen after a session: "Quick: done, 3 of 3 holds.", or
/// where it stopped and how to go on.
pub(crate) fn farewell(run: &Run) -> Option<String> {
    let session = &run.session;
    let name = &run.file.routine.name;
    let tally = tally(&session.hold_tally());
    let line = match session.status() {
        Status::Finished { completed: true } => format!("{name}: done, {tally}."),
        Status::Finished { completed: false } => {
            format!("{name}: stopped after {tally}. `supple resume` picks it up where you stopped.")
        }
        _ => return None,
    };
    Some(match pain_advice(run) {
        Some(advice) => format!("{line}\n{advice}"),
        None => line,
    })
}

/// What today's holds are and why, where they differ from what the routine writes: grown
/// with the weeks it was kept up (`progress`), scaled by the config (`hold_scale`). One
/// sentence each, for the ready screen, `show` and plain mode.
pub(crate) fn holds_today(routine: &Routine, fallbacks: &Fallbacks, practice: &Practice) -> Vec<String> {
    let mut lines: Vec<String> = growth(routine, fallbacks, practice).into_iter().collect();
    if !fallbacks.hold_scale.is_one() {
        lines.push(format!("Holds × {}, as the config's hold_scale says.", fallbacks.hold_scale.factor()));
    }
    lines
}

/// "Holds 35s this week: +5s after 3 sessions last week." The first stretch that grows
/// speaks for the routine; holds are told before any scale.
fn growth(routine: &Routine, fallbacks: &Fallbacks, practice: &Practice) -> Option<String> {
    let unscaled = Fallbacks { hold_scale: HoldScale::ONE, ..*fallbacks };
    // Holds written at or past their cap never grow, and are left out of what is said.
    let as_written = Practice::default();
    let growing: Vec<_> = (0..routine.steps.len())
        .map(|i| (routine.resolve(i, &unscaled, practice), routine.resolve(i, &unscaled, &as_written).hold))
        .filter_map(|(t, written)| t.progress.filter(|p| written < p.up_to).map(|p| (p, t.hold)))
        .collect();
    let &(progress, _) = growing.first()?;
    let holds: Vec<_> = growing.iter().filter(|(p, _)| *p == progress).map(|(_, hold)| *hold).collect();
    let (weeks, last_week, wanted) = (practice.weeks_with(progress.sessions), practice.last_week, progress.sessions);
    let (add, cap) = (duration::compact(progress.add), duration::compact(progress.up_to));
    // One length when the growing holds share it, else how much they grew.
    let (holds_now, stay) = match holds.as_slice() {
        [first, rest @ ..] if rest.iter().all(|h| h == first) => {
            (duration::compact(*first), format!("at {}", duration::compact(*first)))
        }
        _ => {
            let grown = format!("+{}", duration::compact(progress.add * weeks));
            (grown.clone(), grown)
        }
    };
    let count = |n: u32| usize::try_from(n).unwrap_or(usize::MAX);
    let sessions = |n: u32| plural(count(n), "session", "sessions");
    Some(if weeks == 0 {
        format!(
            "Holds grow {add} for each week with {} of this routine, up to {cap}; last week had {last_week}.",
            sessions(wanted)
        )
    } else if holds.iter().all(|h| *h >= progress.up_to) {
        format!("Holds {cap}, their most, after {} with {}.", plural(count(weeks), "week", "weeks"), sessions(wanted))
    } else if last_week >= wanted {
        format!("Holds {holds_now} this week: +{add} after {} last week.", sessions(last_week))
    } else {
        format!("Holds stay {stay}: last week had {last_week} of {}.", sessions(wanted))
    })
}

/// What a hint from the session says, with the back key as bound.
pub(crate) fn hint(hint: Hint, routine: &Routine, back_key: &str) -> String {
    match hint {
        Hint::BackAgainToLeave { step } => {
            let name = routine.steps.get(step).map_or("the stretch before", |s| s.name.as_str());
            format!("{back_key} again to go back to {name}")
        }
    }
}
