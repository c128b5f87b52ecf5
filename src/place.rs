//! A place in a routine, and finding it again after the routine changed.
//!
//! A place is a step by its id, the side and the repetition: what stays true of a moment
//! in a session when the file is edited (timings change, steps move, are added or
//! removed). Live reload and resuming a session from the history both find their place
//! with [`Finder`]; the history writes places as they are here.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::plan::{Phase, PhaseKind, Plan};
use crate::routine::Routine;
use crate::side::Side;

/// Where in a routine a session is: a step by its id, and the side and repetition.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
pub struct Place {
    pub step: String,
    #[serde(default)]
    pub side: Option<Side>,
    pub rep: u32,
}

impl Serialize for Place {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        // A history line leaves out the side a step does not have; a binary form (the
        // history's index) reads fields by position, so it keeps every one.
        let side = self.side.is_some() || !serializer.is_human_readable();
        let mut place = serializer.serialize_struct("Place", 2 + usize::from(side))?;
        place.serialize_field("step", &self.step)?;
        if side {
            place.serialize_field("side", &self.side)?;
        } else {
            place.skip_field("side")?;
        }
        place.serialize_field("rep", &self.rep)?;
        place.end()
    }
}

impl Place {
    /// Where `phase` of `routine`'s plan is.
    pub(crate) fn of(routine: &Routine, phase: &Phase) -> Self {
        Self {
            step: routine.steps.get(phase.step).map(|s| s.id.clone()).unwrap_or_default(),
            side: phase.side,
            rep: phase.rep,
        }
    }
}

/// How a place was found in a (changed) routine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found<'a> {
    /// The phase at exactly that place.
    Same(usize),
    /// The step still has a phase of that kind on that side, in another repetition: the
    /// first of them.
    OtherRep(usize),
    /// The step is there, but not that side or kind: its first phase.
    StepStart(usize),
    /// The step is gone: the start of the nearest step that is still there (the next one
    /// in the old order, else the one before), named by its id.
    Nearest(usize, &'a str),
    /// The step is gone and none of the old steps is left.
    Nowhere,
}

/// A plan indexed by place, built once, so that finding every phase of a plan again costs
/// time linear in the plan, not its square.
#[derive(Debug)]
pub(crate) struct Finder<'a> {
    /// The first phase of each place and kind.
    by_place: HashMap<(&'a str, Option<Side>, u32, PhaseKind), usize>,
    /// The first phase of each step of each kind and side, any repetition.
    by_side: HashMap<(&'a str, Option<Side>, PhaseKind), usize>,
    /// The first phase of each step, and its first work phase.
    first: HashMap<&'a str, (usize, Option<usize>)>,
}

impl<'a> Finder<'a> {
    pub(crate) fn new(routine: &'a Routine, plan: &'a Plan) -> Self {
        let mut finder = Self { by_place: HashMap::new(), by_side: HashMap::new(), first: HashMap::new() };
        for (index, phase) in plan.phases.iter().enumerate() {
            let Some(step) = routine.steps.get(phase.step) else { continue };
            let id = step.id.as_str();
            finder.by_place.entry((id, phase.side, phase.rep, phase.kind)).or_insert(index);
            finder.by_side.entry((id, phase.side, phase.kind)).or_insert(index);
            let first = finder.first.entry(id).or_insert((index, None));
            if phase.kind.is_work() && first.1.is_none() {
                first.1 = Some(index);
            }
        }
        finder
    }

    /// The phase of `kind` at `place`, if there is one.
    pub(crate) fn exact(&self, place: &Place, kind: PhaseKind) -> Option<usize> {
        self.by_place.get(&(place.step.as_str(), place.side, place.rep, kind)).copied()
    }

    /// Where the phase of `kind` at `place` is now. `old_order` is the routine's step ids
    /// as they were, to find the nearest step when this one is gone. With `work_only`,
    /// only holds and activities are candidates.
    pub(crate) fn find(&self, place: &Place, kind: PhaseKind, old_order: &'a [String], work_only: bool) -> Found<'a> {
        if let Some(index) = self.exact(place, kind) {
            return Found::Same(index);
        }
        if let Some(&index) = self.by_side.get(&(place.step.as_str(), place.side, kind)) {
            return Found::OtherRep(index);
        }
        if let Some(index) = self.start_of(&place.step, work_only) {
            return Found::StepStart(index);
        }
        let start = |id: &str| self.start_of(id, work_only);
        let at = old_order.iter().position(|s| *s == place.step);
        let later = at.and_then(|at| old_order[at + 1..].iter().find(|s| start(s).is_some()));
        let earlier = || at.and_then(|at| old_order[..at].iter().rev().find(|s| start(s).is_some()));
        match later.or_else(earlier) {
            Some(id) => start(id).map_or(Found::Nowhere, |index| Found::Nearest(index, id)),
            None => Found::Nowhere,
        }
    }

    /// The first phase of step `id` (its first hold or activity with `work_only`).
    pub(crate) fn start_of(&self, id: &str, work_only: bool) -> Option<usize> {
        let (first, work) = self.first.get(id)?;
        if work_only { *work } else { Some(*first) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routine::{Fallbacks, parse};

    const ROUTINE: &str = "name = \"r\"\n[defaults]\nget_ready = 5\nswitch_sides = 5\n\
        [[step]]\nid = \"calf\"\nname = \"Calf\"\nhold = 30\nsides = \"both\"\nreps = 2\n\
        [[step]]\nid = \"child\"\nname = \"Child\"\nhold = 20\n\
        [[step]]\nid = \"fold\"\nname = \"Fold\"\nhold = 20\n";

    fn with<T>(source: &str, f: impl FnOnce(&Finder<'_>, &Plan) -> T) -> T {
        let routine = parse(source).routine.expect("valid");
        let plan = Plan::new(&routine, &Fallbacks::default());
        f(&Finder::new(&routine, &plan), &plan)
    }

    fn at(step: &str, side: Option<Side>, rep: u32) -> Place {
        Place { step: step.into(), side, rep }
    }

    #[test]
    fn finds_the_same_place_then_the_step_then_the_nearest_step() {
        let old: Vec<String> = ["calf", "child", "fold"].map(String::from).to_vec();
        with(ROUTINE, |finder, plan| {
            // 0 ready | 1 hold L1 | 2 switch | 3 hold R1 | 4 rest | 5 hold L2 | 6 switch | 7 hold R2
            assert_eq!(finder.find(&at("calf", Some(Side::Right), 2), PhaseKind::Hold, &old, false), Found::Same(7));
            assert_eq!(
                finder.find(&at("calf", Some(Side::Right), 9), PhaseKind::Hold, &old, false),
                Found::OtherRep(3)
            );
            assert_eq!(plan.phases[7].side, Some(Side::Right));
            assert_eq!(finder.find(&at("calf", None, 1), PhaseKind::Hold, &old, true), Found::StepStart(1));
        });
        let without_child = ROUTINE.replace("[[step]]\nid = \"child\"\nname = \"Child\"\nhold = 20\n", "");
        with(&without_child, |finder, plan| {
            let Found::Nearest(index, id) = finder.find(&at("child", None, 1), PhaseKind::Hold, &old, true) else {
                panic!("not found")
            };
            assert_eq!((id, plan.phases[index].kind), ("fold", PhaseKind::Hold));
        });
        let only_calf = "name = \"r\"\n[[step]]\nid = \"calf\"\nname = \"Calf\"\nhold = 30\n";
        with(only_calf, |finder, _| {
            let Found::Nearest(_, id) = finder.find(&at("fold", None, 1), PhaseKind::Hold, &old, false) else {
                panic!("not found")
            };
            assert_eq!(id, "calf", "nothing after it: the one before");
            assert_eq!(finder.find(&at("fold", None, 1), PhaseKind::Hold, &[], false), Found::Nowhere);
        });
    }
}
