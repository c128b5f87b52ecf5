//! `supple show`: a routine's timeline, phase by phase, with the total.

use std::fmt::Write;

use super::plural;
use crate::duration;
use crate::plan::{PhaseKind, Plan};
use crate::routine::{Fallbacks, Routine, Side};

/// The timeline of `routine`, as printed.
pub fn render(routine: &Routine, fallbacks: &Fallbacks) -> String {
    let plan = Plan::new(routine, fallbacks);
    let mut out = String::new();
    let _ = writeln!(out, "{}", routine.name);
    if !routine.description.is_empty() {
        let _ = writeln!(out, "{}", routine.description.trim());
    }
    let _ = writeln!(out, "\n  START  PHASE           TIME  STEP");
    for (index, phase) in plan.phases.iter().enumerate() {
        let step = &routine.steps[phase.step];
        let mut what = step.name.clone();
        if phase.kind == PhaseKind::Rest {
            what = match routine.steps.get(phase.step + 1) {
                Some(next) if plan.phases.get(index + 1).is_none_or(|p| p.step != phase.step) => {
                    format!("next: {}", next.name)
                }
                _ => format!("{}, before rep {} of {}", step.name, phase.rep, phase.reps),
            };
        } else if phase.kind.is_work() || phase.kind == PhaseKind::SwitchSides {
            if let Some(side) = phase.side {
                let _ = write!(what, ", {}", Side::label(side));
            }
            if phase.reps > 1 {
                let _ = write!(what, ", rep {} of {}", phase.rep, phase.reps);
            }
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
    let _ = writeln!(
        out,
        "\n{}, {}, {} in all ({} holding).",
        plural(routine.steps.len(), "step", "steps"),
        plural(plan.hold_count(), "hold", "holds"),
        duration::compact(plan.total()),
        duration::compact(plan.hold_time())
    );
    out
}

/// Runs `supple show`: prints the timeline, or why the routine cannot be shown.
pub fn run(name: &str) -> bool {
    let Some(loaded) = super::load_valid(name) else { return false };
    let Some(routine) = &loaded.parsed.routine else { return false };
    print!("{}", render(routine, &super::fallbacks()));
    true
}
