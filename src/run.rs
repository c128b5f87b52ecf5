//! A routine being run: the file it came from, the routine as read, and the session over
//! its plan. Everything that shows, records or reloads a session works on a [`Run`].

use crate::place::Place;
use crate::plan::Plan;
use crate::routine::library::RoutineFile;
use crate::routine::{Fallbacks, Routine};
use crate::session::Session;

/// A routine being run.
#[derive(Debug, Clone)]
pub struct Run {
    pub file: RoutineFile,
    pub routine: Routine,
    pub session: Session,
    /// Set when this run picks up an unfinished session.
    pub resumed: Option<Resumption>,
}

/// A run that picks up an earlier session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resumption {
    /// The session picked up.
    pub of: String,
    /// Where this run starts.
    pub from: Place,
    /// What a person should know: the routine changed, the step is gone.
    pub notes: Vec<String>,
    /// When the session picked up was, for people: "yesterday 18:30".
    pub when: Option<String>,
}

impl Run {
    /// A session ready to start on a valid routine.
    pub fn new(file: RoutineFile, fallbacks: &Fallbacks) -> Option<Self> {
        let routine = file.parsed.routine.clone()?;
        let session = Session::new(Plan::new(&routine, fallbacks));
        Some(Self { file, routine, session, resumed: None })
    }

    /// A session waiting to start at phase `start` of `plan`, picking up another.
    pub(crate) fn resuming(file: RoutineFile, routine: Routine, plan: Plan, start: usize, resumed: Resumption) -> Self {
        Self { file, routine, session: Session::starting_at(plan, start), resumed: Some(resumed) }
    }

    /// The name of the step phase `index` belongs to.
    pub(crate) fn step_name(&self, index: usize) -> &str {
        let step = self.session.plan().phases.get(index).and_then(|p| self.routine.steps.get(p.step));
        step.map_or("", |s| s.name.as_str())
    }
}
