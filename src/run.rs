//! A routine being run: its file and the routine in it (held once), what the history
//! says of it, and the session over its plan. Everything that shows, records or reloads a
//! session works on a [`Run`].

use crate::place::Place;
use crate::plan::Plan;
use crate::progress::Practice;
use crate::routine::Fallbacks;
use crate::routine::library::{RoutineFile, Runnable};
use crate::session::Session;

/// A routine being run.
#[derive(Debug, Clone)]
pub struct Run {
    /// The file and its routine: the session's plan is always this routine's.
    pub file: Runnable,
    /// What the history said of the routine as the run began, for holds that grow with
    /// the weeks; an edit of the file keeps it.
    pub practice: Practice,
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

/// A routine file offered to run, with what the history says of its routine: a row of
/// the picker, a line of `list`.
#[derive(Debug, Clone)]
pub struct Offered {
    pub file: RoutineFile,
    pub practice: Practice,
}

impl Offered {
    /// A file whose routine the history says nothing of.
    pub fn new(file: RoutineFile) -> Self {
        Self { file, practice: Practice::default() }
    }
}

impl Run {
    /// A session ready to start on a valid routine, its holds as written.
    pub fn new(file: RoutineFile, fallbacks: &Fallbacks) -> Option<Self> {
        Self::practised(file, fallbacks, Practice::default())
    }

    /// A session ready to start on a valid routine, its holds grown as `practice` has them.
    pub fn practised(file: RoutineFile, fallbacks: &Fallbacks, practice: Practice) -> Option<Self> {
        let file = file.into_runnable().ok()?;
        let session = Session::new(Plan::practised(&file.routine, fallbacks, &practice));
        Some(Self { file, practice, session, resumed: None })
    }

    /// A session waiting to start at phase `start` of `plan`, picking up another.
    pub(crate) fn resuming(file: Runnable, practice: Practice, plan: Plan, start: usize, resumed: Resumption) -> Self {
        Self { file, practice, session: Session::starting_at(plan, start), resumed: Some(resumed) }
    }

    /// The name of the step phase `index` belongs to.
    pub(crate) fn step_name(&self, index: usize) -> &str {
        let step = self.session.plan().phases.get(index).and_then(|p| self.file.routine.steps.get(p.step));
        step.map_or("", |s| s.name.as_str())
    }
}
