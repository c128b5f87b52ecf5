//! Turns a session's records into history lines as they happen, so a session killed at
//! any moment has left what it did. Failing to write (a read-only or full disk) is said
//! once and never stops the session.

use std::path::Path;
use std::time::Duration;

use super::format::{Line, seconds};
use super::journal::Journal;
use crate::files::content_hash;
use crate::place::Place;
use crate::plan::PhaseKind;
use crate::run::Run;
use crate::session::Record;

/// Writes one session's lines.
#[derive(Debug)]
pub(crate) struct Recorder {
    journal: Option<Journal>,
    session: String,
    /// Why the history is not being written, until it has been said.
    problem: Option<String>,
    said: bool,
}

impl Recorder {
    /// A recorder appending to the history file at `path`; without one (no data directory)
    /// nothing is written, and that is said once.
    pub(crate) fn new(path: Option<&Path>) -> Self {
        let now = jiff::Timestamp::now();
        let session = format!("{}/{}", stamp(now), std::process::id());
        let (journal, problem) = match path.map(Journal::open) {
            Some(Ok(journal)) => (Some(journal), None),
            Some(Err(error)) => (None, Some(format!("{}: {error}", path.unwrap_or(Path::new("")).display()))),
            None => (None, Some("no data directory".to_string())),
        };
        Self { journal, session, problem, said: false }
    }

    /// Writes the lines for `records`; returns a warning to show, once, if the history
    /// cannot be written.
    pub(crate) fn record<'r>(
        &mut self,
        records: impl IntoIterator<Item = &'r Record>,
        run: &Run,
        now: Duration,
    ) -> Option<String> {
        for record in records {
            if let Some(line) = self.line(record, run, now) {
                self.write(&line);
            }
        }
        self.warning()
    }

    fn write(&mut self, line: &Line) {
        let Some(journal) = &mut self.journal else { return };
        if let Err(error) = journal.append(line)
            && self.problem.is_none()
        {
            self.problem = Some(format!("{}: {error}", journal.path().display()));
        }
    }

    fn warning(&mut self) -> Option<String> {
        let problem = self.problem.as_ref().filter(|_| !self.said)?;
        self.said = true;
        Some(format!("History not saved ({problem}); the session goes on."))
    }

    fn line(&self, record: &Record, run: &Run, now: Duration) -> Option<Line> {
        let session = self.session.clone();
        let at = stamp(jiff::Timestamp::now());
        let plan = run.session.plan();
        Some(match record {
            Record::Started { .. } => Line::Start {
                session,
                at,
                routine: run.file.routine.name.clone(),
                file: run.file.history_label(),
                hash: content_hash(&run.file.source.text),
                steps: run.file.routine.steps.iter().map(|s| s.id.clone()).collect(),
                planned_s: seconds(run.session.total_remaining(now)),
                resumes: run.resumed.as_ref().map(|r| r.of.clone()),
                from: run.resumed.as_ref().map(|r| r.from.clone()),
            },
            Record::PhaseEnded { index, planned, actual, ended } => {
                let phase = plan.phases.get(*index).filter(|p| p.kind.is_work())?;
                Line::Hold {
                    session,
                    at,
                    place: Place::of(&run.file.routine, phase),
                    name: run.file.routine.steps.get(phase.step).map(|s| s.name.clone()).unwrap_or_default(),
                    kind: if phase.kind == PhaseKind::Hold { "hold" } else { "activity" }.to_string(),
                    planned_s: seconds(*planned),
                    actual_s: seconds(*actual),
                    ended: *ended,
                }
            }
            Record::Paused { .. } => Line::Pause { session, at },
            Record::Resumed { .. } => Line::Resume { session, at },
            Record::Ended { at: ended, completed } => Line::End {
                session,
                at,
                completed: *completed,
                active_s: seconds(run.session.active_time(*ended)),
                paused_s: seconds(run.session.paused_time(*ended)),
                stopped: if *completed { None } else { stopped_at(run) },
            },
        })
    }
}

/// The hold a quit session would pick up at: the current one if it did not run out, else
/// the next.
fn stopped_at(run: &Run) -> Option<Place> {
    let session = &run.session;
    let phases = &session.plan().phases;
    let from = session.index() + usize::from(session.outcomes().get(session.index()).is_some_and(Option::is_some));
    phases.iter().skip(from).find(|p| p.kind.is_work()).map(|p| Place::of(&run.file.routine, p))
}

/// A moment as the history writes it: RFC 3339 in UTC, to the millisecond.
pub fn stamp(at: jiff::Timestamp) -> String {
    at.round(jiff::Unit::Millisecond).unwrap_or(at).strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}
