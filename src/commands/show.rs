//! `supple show`: a routine's timeline, phase by phase, with the total.

use std::fmt::Write;

use crate::duration;
use crate::plan::Plan;
use crate::progress::Practice;
use crate::routine::{Fallbacks, Measure, Routine};
use crate::wording::{self, plural};

/// The timeline of `routine`, as printed.
pub fn render(routine: &Routine, fallbacks: &Fallbacks, practice: &Practice) -> String {
    let plan = Plan::practised(routine, fallbacks, practice);
    let mut out = String::new();
    let _ = writeln!(out, "{}", routine.name);
    if !routine.description.is_empty() {
        let _ = writeln!(out, "{}", routine.description.trim());
    }
    let equipment = routine.equipment();
    if !equipment.is_empty() {
        let _ = writeln!(out, "Bring: {}", equipment.join(", "));
    }
    for line in wording::holds_today(routine, fallbacks, practice) {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "\n  START  PHASE           TIME  STEP");
    for (index, phase) in plan.phases.iter().enumerate() {
        let mut what = wording::timeline_row(routine, &plan, index);
        match phase.measure {
            Measure::Breaths(n) => {
                let _ = write!(what, " · {}", plural(n as usize, "breath", "breaths"));
            }
            Measure::Count { count, each } => {
                let _ = write!(what, " · {count} × {}", duration::compact(each));
            }
            Measure::Time => {}
        }
        match (phase.cues.halfway, phase.cues.time_left) {
            (true, Some(left)) => {
                let _ = write!(what, " · chimes at half, {} left", duration::compact(left));
            }
            (true, None) => what.push_str(" · chime at half"),
            (false, Some(left)) => {
                let _ = write!(what, " · chime at {} left", duration::compact(left));
            }
            (false, None) => {}
        }
        if let Some(breath) = phase.pacer {
            let (inhale, exhale) = (duration::compact(breath.inhale), duration::compact(breath.exhale));
            let _ = write!(what, " · breathe in {inhale}, out {exhale}");
        }
        if phase.wait {
            let _ =
                writeln!(out, "{:>7}  {:<12} {:>6}  until you press space", duration::clock(phase.start), "WAIT", "");
        }
        let _ = writeln!(
            out,
            "{:>7}  {:<12} {:>6}  {what}",
            duration::clock(phase.start),
            phase.kind.label(),
            duration::compact(phase.duration)
        );
    }
    let _ = writeln!(out, "{:>7}  END", duration::clock(plan.total()));
    let waits = plan.phases.iter().filter(|p| p.wait).count();
    let _ = writeln!(
        out,
        "\n{}, {}, {} in all ({} holding){}.",
        plural(routine.steps.len(), "step", "steps"),
        plural(plan.hold_count(), "hold", "holds"),
        duration::compact(plan.total()),
        duration::compact(plan.hold_time()),
        if waits == 0 { String::new() } else { format!(", and {} for you", plural(waits, "wait", "waits")) }
    );
    out
}

/// Runs `supple show`: prints the timeline, or why the routine cannot be shown.
pub fn run(name: &str) -> std::io::Result<bool> {
    let Some(loaded) = super::load_valid(name) else { return Ok(false) };
    let history = super::history::for_starting([&loaded]);
    let practice = super::history::practice_of(&loaded, &history);
    let Some(routine) = &loaded.parsed.routine else { return Ok(false) };
    super::out(render(routine, &super::config_reported().0.fallbacks, &practice))?;
    Ok(true)
}
