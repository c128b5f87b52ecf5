//! The session: a pure state machine over a routine's plan.
//!
//! Events and the current time go in; the machine changes state and returns effects
//! (chime cues, records for the history, redraws, exit). It reads no clock and does no
//! I/O, so every rule is tested with a fake clock.
//!
//! Timing rule: a running phase has a deadline, and what remains is always the deadline
//! minus now. When a phase ends on time, the next deadline is the old deadline plus the
//! next phase's length, so a late wake-up never makes the session drift. A pause freezes
//! the remaining time and a resume sets a new deadline from it, so pause time is excluded
//! exactly.

pub mod clock;

use std::time::Duration;

pub use crate::cue::Cue;
use crate::pacing;
use crate::plan::{Phase, PhaseKind, Plan};

/// How long a "back" press still restarts the current hold instead of going to the
/// previous one, as music players do.
pub(crate) const BACK_GRACE: Duration = Duration::from_secs(3);
/// How long a first "back" press that would leave the stretch waits for the second that
/// confirms it.
pub(crate) const BACK_AGAIN: Duration = Duration::from_secs(3);
/// The least a phase is left with by the remove-time key: only the skip keys end one.
pub(crate) const LEAST_LEFT: Duration = Duration::from_secs(1);
/// What the add and remove keys change a phase by.
pub(crate) const ADJUST_STEP: Duration = Duration::from_secs(10);
/// Get-ready ticks sound this many seconds before a hold, one a second.
pub(crate) const TICK_SECONDS: u32 = 3;
/// A cue that comes due later than this (the process was stopped, the machine slept) is
/// dropped rather than played out of place.
const STALE_CUE: Duration = Duration::from_secs(1);

/// Where the session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    /// Waiting for the person to start.
    Ready,
    Running,
    Paused,
    /// Over: every phase ran or was skipped (`completed`), or the person quit.
    Finished {
        completed: bool,
    },
}

/// A panel drawn over the session; while one is open the clock is paused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Overlay {
    Help,
    ConfirmQuit,
}

/// What the person (or the clock) asks of the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Event {
    /// Time has passed: run out any phase whose deadline is reached.
    Tick,
    Start,
    TogglePause,
    /// End the current phase now and go on to the next.
    SkipPhase,
    /// Leave the current step for the next one.
    SkipStretch,
    /// Restart the current hold if a few seconds in, else go to the previous hold.
    Back,
    /// Start the current phase again from its full length.
    RestartPhase,
    AddTime,
    RemoveTime,
    /// "This hurts": end the hold now, mark it, and leave the stretch (both sides).
    MarkPain,
    /// Quit: at once before the start and after the end, otherwise after a confirmation.
    Quit,
    Confirm,
    Cancel,
    ToggleHelp,
    /// Quit at once, without asking (Ctrl-C).
    Abort,
}

/// Something that happened, for the session's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    Started {
        at: Duration,
    },
    /// A phase ended, how it did; `actual` is the running time it took.
    PhaseEnded {
        index: usize,
        planned: Duration,
        actual: Duration,
        ended: Ended,
    },
    Paused {
        at: Duration,
    },
    Resumed {
        at: Duration,
    },
    Ended {
        at: Duration,
        completed: bool,
    },
}

/// Something to tell the person that the session's state alone does not show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// "back" would leave this stretch for the last hold of step `step`: a second press
    /// within [`BACK_AGAIN`] does.
    BackAgainToLeave { step: usize },
}

/// What the shell must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Cue(Cue),
    Record(Record),
    Hint(Hint),
    /// Something visible changed.
    Redraw,
    /// The person is done: leave the session.
    Exit,
}

/// The state of one walk-through of a plan.
#[derive(Debug, Clone)]
pub struct Session {
    plan: Plan,
    status: Status,
    overlay: Option<Overlay>,
    /// The overlay paused a running session, and closing it resumes.
    overlay_paused: bool,
    index: usize,
    /// The current phase's length, with any time added or removed.
    length: Duration,
    /// When running: the moment the current phase ends.
    deadline: Duration,
    /// When not running: the time the current phase has left.
    frozen: Duration,
    /// Countdown ticks already given for the current phase: the lowest second ticked.
    ticked_down_to: u32,
    started_at: Option<Duration>,
    paused_since: Option<Duration>,
    paused_total: Duration,
    outcomes: Vec<Option<Outcome>>,
    ended_at: Option<Duration>,
    /// Phases given another length by the person while still to come (time added to or
    /// taken off the other side of a hold). A handful at most.
    lengths: std::collections::BTreeMap<usize, Duration>,
    /// Until when a second "back" press leaves the stretch.
    back_armed_until: Option<Duration>,
    /// Paused before a get-ready that waits for the person; resuming or skipping goes on.
    waiting: bool,
    /// Whether waits wait: not where no key can end them (plain mode).
    waits: bool,
    /// The current phase's marks given so far.
    marked: Marked,
}

/// How far into the current phase its marks have been given.
#[derive(Debug, Clone, Copy, Default)]
struct Marked {
    to: Duration,
    /// Halfway is said once a hold, however its length changes after.
    halfway: bool,
}

/// How a phase ended: the one word for it from the session, through the summary and the
/// history file, and back when the history is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Ended {
    /// Ran out, held to the end.
    Held,
    /// Ran out, shorter than planned: time was taken off it.
    Shortened,
    /// Ended by the person: skip, back, or leaving the stretch.
    Skipped,
    /// Ended by the person marking it as painful (and so skipped).
    Pain,
}

impl Ended {
    /// A phase that ran out after `actual` of its `planned` length.
    pub(crate) fn ran_out(planned: Duration, actual: Duration) -> Self {
        if is_shortened(planned, actual) { Self::Shortened } else { Self::Held }
    }

    /// Whether the person ended it before its time (and so it is not done).
    pub fn skipped(self) -> bool {
        matches!(self, Self::Skipped | Self::Pain)
    }
}

/// How a phase ended, and the running time it took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Outcome {
    pub actual: Duration,
    pub ended: Ended,
}

/// Whether a hold that ran `actual` of its `planned` length was cut short: by more than
/// a second, which timing alone never does. The one rule for the session and the history.
pub(crate) fn is_shortened(planned: Duration, actual: Duration) -> bool {
    actual + Duration::from_secs(1) < planned
}

/// How a session's holds went: each counted once, as done, shortened or skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HoldTally {
    /// Held to the end.
    pub done: usize,
    /// Ran out after time was taken off.
    pub shortened: usize,
    pub skipped: usize,
    /// Every hold of the plan.
    pub total: usize,
}

impl HoldTally {
    /// Whether a session that ended so counts towards the week's sessions: completed,
    /// with at least half of the holds that ended held to the end (not run to its end
    /// with the skip or remove-time keys). The one rule for the summary and the history.
    pub fn counts_for_week(&self, completed: bool) -> bool {
        completed && self.done * 2 >= self.done + self.shortened + self.skipped
    }
}

impl Session {
    /// A session waiting at the start of `plan`.
    pub(crate) fn new(plan: Plan) -> Self {
        Self::starting_at(plan, 0)
    }

    /// A session waiting to start at phase `index` of `plan` (a resumed session); the
    /// phases before it are not part of this session.
    pub(crate) fn starting_at(plan: Plan, index: usize) -> Self {
        let index = index.min(plan.phases.len().saturating_sub(1));
        let length = plan.phases.get(index).map_or(Duration::ZERO, |p| p.duration);
        let outcomes = vec![None; plan.phases.len()];
        Self {
            plan,
            status: Status::Ready,
            overlay: None,
            overlay_paused: false,
            index,
            length,
            deadline: Duration::ZERO,
            frozen: length,
            ticked_down_to: TICK_SECONDS + 1,
            started_at: None,
            paused_since: None,
            paused_total: Duration::ZERO,
            outcomes,
            ended_at: None,
            lengths: std::collections::BTreeMap::new(),
            back_armed_until: None,
            waiting: false,
            waits: true,
            marked: Marked::default(),
        }
    }

    pub(crate) fn plan(&self) -> &Plan {
        &self.plan
    }

    pub(crate) fn status(&self) -> Status {
        self.status
    }

    pub(crate) fn overlay(&self) -> Option<Overlay> {
        self.overlay
    }

    /// Index of the current phase in the plan.
    /// Makes every wait a plain get-ready, for where no key can end one.
    pub(crate) fn never_wait(&mut self) {
        self.waits = false;
    }

    /// Whether the session waits for the person before a get-ready.
    pub fn waiting(&self) -> bool {
        self.waiting
    }

    pub(crate) fn index(&self) -> usize {
        self.index
    }

    pub(crate) fn phase(&self) -> Option<&Phase> {
        self.plan.phases.get(self.index)
    }

    /// The current phase's length, with time added or removed.
    pub(crate) fn length(&self) -> Duration {
        self.length
    }

    /// What the current phase has left at `now`.
    pub(crate) fn remaining(&self, now: Duration) -> Duration {
        match self.status {
            Status::Running => self.deadline.saturating_sub(now),
            Status::Finished { .. } => Duration::ZERO,
            _ => self.frozen,
        }
    }

    /// How far into the current phase, at `now`.
    pub(crate) fn elapsed(&self, now: Duration) -> Duration {
        self.length.saturating_sub(self.remaining(now))
    }

    /// What the whole session has left at `now`: this phase's rest and every later phase.
    pub fn total_remaining(&self, now: Duration) -> Duration {
        if matches!(self.status, Status::Finished { .. }) {
            return Duration::ZERO;
        }
        // Phases are contiguous, so everything after this one is the total less its end.
        let later =
            self.plan.total().saturating_sub(self.plan.phases.get(self.index).map_or(Duration::ZERO, Phase::end));
        // And the lengths the person gave phases still to come.
        let (mut added, mut removed) = (Duration::ZERO, Duration::ZERO);
        for (&index, &length) in self.lengths.range(self.index + 1..) {
            let planned = self.plan.phases[index].duration;
            added += length.saturating_sub(planned);
            removed += planned.saturating_sub(length);
        }
        (self.remaining(now) + later + added).saturating_sub(removed)
    }

    /// How each phase ended, for those that have.
    pub(crate) fn outcomes(&self) -> &[Option<Outcome>] {
        &self.outcomes
    }

    /// Holds run to their end and holds skipped, so far.
    pub fn hold_tally(&self) -> HoldTally {
        let holds = self.plan.phases.iter().zip(&self.outcomes).filter(|(p, _)| p.kind == PhaseKind::Hold);
        let mut tally = HoldTally { total: self.plan.hold_count(), ..HoldTally::default() };
        for outcome in holds.filter_map(|(_, o)| *o) {
            match outcome.ended {
                Ended::Skipped | Ended::Pain => tally.skipped += 1,
                Ended::Shortened => tally.shortened += 1,
                Ended::Held => tally.done += 1,
            }
        }
        tally
    }

    /// Running time from start to now (or to the end), pauses excluded.
    pub(crate) fn active_time(&self, now: Duration) -> Duration {
        let Some(start) = self.started_at else { return Duration::ZERO };
        let end = self.ended_at.unwrap_or(now);
        let paused = self.paused_total + self.paused_since.map_or(Duration::ZERO, |p| end.saturating_sub(p));
        end.saturating_sub(start).saturating_sub(paused)
    }

    /// When the current pause (or wait) began, if paused.
    pub(crate) fn paused_since(&self) -> Option<Duration> {
        self.paused_since
    }

    /// Time spent paused so far.
    pub(crate) fn paused_time(&self, now: Duration) -> Duration {
        self.paused_total + self.paused_since.map_or(Duration::ZERO, |p| now.saturating_sub(p))
    }

    /// The next moment the machine itself has something to do (a deadline or a tick), if
    /// it is running.
    pub(crate) fn next_deadline(&self, now: Duration) -> Option<Duration> {
        if self.status != Status::Running {
            return None;
        }
        let tick = self.next_tick_at().filter(|&t| t > now);
        let mark = self.next_marks_at().map(|(at, _, _)| at).filter(|&t| t > now);
        Some([tick, mark].into_iter().flatten().fold(self.deadline, Duration::min))
    }

    /// Swaps in a new plan (the routine file changed) at phase `index`, as far into it as
    /// `elapsed`, keeping the session's state: a running session runs on, a paused one
    /// stays paused. `outcomes` says how the new plan's phases have ended so far. A phase
    /// now shorter than `elapsed` runs out at once.
    pub(crate) fn replace_plan(
        &mut self,
        plan: Plan,
        index: usize,
        elapsed: Duration,
        outcomes: Vec<Option<Outcome>>,
        now: Duration,
    ) -> Vec<Effect> {
        let mut fx = vec![Effect::Redraw];
        if plan.phases.is_empty() || matches!(self.status, Status::Finished { .. }) {
            return fx;
        }
        let index = index.min(plan.phases.len() - 1);
        self.outcomes = outcomes;
        self.outcomes.resize(plan.phases.len(), None);
        self.plan = plan;
        self.index = index;
        self.length = self.plan.phases[index].duration;
        self.waiting &= self.plan.phases[index].wait;
        // Lengths given to phases still to come were by the old plan's places.
        self.lengths.clear();
        let remaining = self.length.saturating_sub(if self.status == Status::Ready { Duration::ZERO } else { elapsed });
        self.ticked_down_to = TICK_SECONDS + 1;
        // Marks already behind in the new phase are not given, running or paused.
        self.marked.to = self.length.saturating_sub(remaining);
        match self.status {
            Status::Running => {
                self.deadline = now + remaining;
                self.skip_ticks_already_passed(now);
                self.run_out(now, &mut fx);
            }
            _ => self.frozen = remaining,
        }
        fx
    }

    /// Applies `event` at `now`.
    pub(crate) fn update(&mut self, event: Event, now: Duration) -> Vec<Effect> {
        let mut fx = Vec::new();
        if event == Event::Abort {
            self.overlay = None;
            if matches!(self.status, Status::Running | Status::Paused) {
                self.finish(now, false, &mut fx);
            }
            fx.push(Effect::Exit);
            return fx;
        }
        if let Some(overlay) = self.overlay
            && event != Event::Tick
        {
            self.overlay_event(overlay, event, now, &mut fx);
            return fx;
        }
        match (self.status, event) {
            (Status::Ready, Event::Start | Event::TogglePause) => self.start(now, &mut fx),
            (Status::Ready | Status::Finished { .. }, Event::Quit)
            | (Status::Finished { .. }, Event::Start | Event::Confirm) => fx.push(Effect::Exit),
            (Status::Running, Event::Tick) => self.run_out(now, &mut fx),
            (Status::Running | Status::Paused, Event::TogglePause) => self.toggle_pause(now, &mut fx),
            (Status::Running | Status::Paused, Event::SkipPhase) => self.skip_phase(now, &mut fx),
            (Status::Running | Status::Paused, Event::SkipStretch) => self.skip_stretch(now, &mut fx),
            (Status::Running | Status::Paused, Event::Back) => self.back(now, &mut fx),
            (Status::Running | Status::Paused, Event::RestartPhase) => self.restart(now, &mut fx),
            (Status::Running | Status::Paused, Event::AddTime) => self.adjust(now, true, &mut fx),
            (Status::Running | Status::Paused, Event::RemoveTime) => self.adjust(now, false, &mut fx),
            (Status::Running | Status::Paused, Event::MarkPain) => self.mark_pain(now, &mut fx),
            (Status::Running | Status::Paused, Event::Quit) => self.open_overlay(Overlay::ConfirmQuit, now, &mut fx),
            (_, Event::ToggleHelp) => self.open_overlay(Overlay::Help, now, &mut fx),
            _ => {}
        }
        fx
    }

    fn overlay_event(&mut self, overlay: Overlay, event: Event, now: Duration, fx: &mut Vec<Effect>) {
        match (overlay, event) {
            (Overlay::ConfirmQuit, Event::Confirm | Event::Quit) => {
                self.overlay = None;
                self.finish(now, false, fx);
                fx.push(Effect::Exit);
            }
            (Overlay::ConfirmQuit, Event::Cancel | Event::TogglePause)
            | (Overlay::Help, Event::Cancel | Event::ToggleHelp | Event::Quit | Event::Confirm | Event::TogglePause) => {
                self.close_overlay(now, fx);
            }
            _ => {}
        }
    }

    fn open_overlay(&mut self, overlay: Overlay, now: Duration, fx: &mut Vec<Effect>) {
        self.overlay = Some(overlay);
        self.overlay_paused = self.status == Status::Running;
        if self.overlay_paused {
            self.pause(now, fx);
        }
        fx.push(Effect::Redraw);
    }

    fn close_overlay(&mut self, now: Duration, fx: &mut Vec<Effect>) {
        self.overlay = None;
        // A wait the pause ran into is the person's to end.
        if std::mem::take(&mut self.overlay_paused) && self.status == Status::Paused && !self.waiting {
            self.resume(now, fx);
        }
        fx.push(Effect::Redraw);
    }

    fn start(&mut self, now: Duration, fx: &mut Vec<Effect>) {
        if self.plan.phases.is_empty() {
            self.started_at = Some(now);
            self.finish(now, true, fx);
            return;
        }
        self.started_at = Some(now);
        fx.push(Effect::Record(Record::Started { at: now }));
        // No wait here: the start itself was the person saying they are ready.
        self.enter(self.index, now, fx);
        self.status = Status::Running;
        if self.plan.phases[self.index].kind.is_work() {
            fx.push(Effect::Cue(Cue::HoldStart));
        }
    }

    fn toggle_pause(&mut self, now: Duration, fx: &mut Vec<Effect>) {
        if self.status == Status::Running {
            self.pause(now, fx);
        } else {
            self.resume(now, fx);
        }
        fx.push(Effect::Redraw);
    }

    fn pause(&mut self, now: Duration, fx: &mut Vec<Effect>) {
        self.run_out(now, fx);
        if self.status != Status::Running {
            return;
        }
        self.frozen = self.deadline.saturating_sub(now);
        self.status = Status::Paused;
        self.paused_since = Some(now);
        fx.push(Effect::Record(Record::Paused { at: now }));
    }

    fn resume(&mut self, now: Duration, fx: &mut Vec<Effect>) {
        if self.status != Status::Paused {
            return;
        }
        self.waiting = false;
        self.deadline = now + self.frozen;
        self.status = Status::Running;
        if let Some(since) = self.paused_since.take() {
            self.paused_total += now.saturating_sub(since);
        }
        fx.push(Effect::Record(Record::Resumed { at: now }));
    }

    /// Ends every phase whose deadline has passed, and gives any countdown tick due.
    fn run_out(&mut self, now: Duration, fx: &mut Vec<Effect>) {
        while self.status == Status::Running && now >= self.deadline {
            let ended_at = self.deadline;
            self.end_phase(self.length, Ended::Held, fx);
            let fresh = now.saturating_sub(ended_at) <= STALE_CUE;
            let mut changes = Vec::new();
            self.advance_to(self.index + 1, ended_at, &mut changes);
            // A stale cue is dropped; what the history needs never is.
            fx.extend(changes.into_iter().filter(|e| fresh || !matches!(e, Effect::Cue(_))));
            fx.push(Effect::Redraw);
        }
        if self.status == Status::Running {
            self.tick(now, fx);
            self.mark(now, fx);
        }
    }

    /// Gives the sounds of the current hold's pace that are due: each repetition of a
    /// counted hold, each turn of the breath pacer.
    fn mark(&mut self, now: Duration, fx: &mut Vec<Effect>) {
        while let Some((at, into, marks)) = self.next_marks_at() {
            if at > now {
                break;
            }
            self.marked.to = into;
            for cue in marks {
                if cue == Cue::Halfway && std::mem::replace(&mut self.marked.halfway, true) {
                    continue;
                }
                if now.saturating_sub(at) <= STALE_CUE {
                    fx.push(Effect::Cue(cue));
                }
            }
        }
    }

    /// The current phase's next marks, if running: when, how far into the phase, and what.
    fn next_marks_at(&self) -> Option<(Duration, Duration, Vec<Cue>)> {
        if self.status != Status::Running {
            return None;
        }
        let (into, marks) = pacing::next_marks(self.phase()?, self.length, self.marked.to)?;
        let start = self.deadline.checked_sub(self.length)?;
        Some((start + into, into, marks))
    }

    /// After a change of length, marks already behind are not given.
    fn skip_marks_already_passed(&mut self, now: Duration) {
        self.marked.to = self.marked.to.max(self.elapsed(now));
    }

    fn tick(&mut self, now: Duration, fx: &mut Vec<Effect>) {
        let Some(at) = self.next_tick_at() else { return };
        if now < at {
            return;
        }
        let remaining = self.deadline.saturating_sub(now);
        let second = u32::try_from(remaining.as_secs()).unwrap_or(u32::MAX) + u32::from(remaining.subsec_nanos() > 0);
        self.ticked_down_to = second.max(1);
        if now.saturating_sub(at) <= STALE_CUE {
            fx.push(Effect::Cue(Cue::CountdownTick));
        }
    }

    /// When the next countdown tick of the current phase is due, if one is.
    fn next_tick_at(&self) -> Option<Duration> {
        if !ticks_in(&self.plan, self.index) {
            return None;
        }
        let mut second = self.ticked_down_to.min(TICK_SECONDS + 1).saturating_sub(1);
        // A tick at the very start of a short gap would only blur into its start cue.
        while second > 0 && Duration::from_secs(u64::from(second)) >= self.length {
            second -= 1;
        }
        (second > 0).then(|| self.deadline.saturating_sub(Duration::from_secs(u64::from(second))))
    }

    /// Ends the current phase after `actual` of running time: skipped or marked as painful
    /// by the person, or run out (`Held`), which is shortened if time was taken off it.
    fn end_phase(&mut self, actual: Duration, how: Ended, fx: &mut Vec<Effect>) {
        let Some(phase) = self.phase().copied() else { return };
        let ended = if how.skipped() { how } else { Ended::ran_out(phase.duration, actual) };
        self.outcomes[self.index] = Some(Outcome { actual, ended });
        fx.push(Effect::Record(Record::PhaseEnded { index: self.index, planned: phase.duration, actual, ended }));
    }

    /// Makes phase `index` current, starting at `at`, with the cue for the change; past the
    /// last phase the session is complete.
    fn advance_to(&mut self, index: usize, at: Duration, fx: &mut Vec<Effect>) {
        let previous = self.phase().map(|p| p.kind);
        if index >= self.plan.phases.len() {
            self.index = self.plan.phases.len().saturating_sub(1);
            self.finish(at, true, fx);
            return;
        }
        self.enter(index, at, fx);
        self.wait_if_asked(index, at, fx);
        if let (Some(previous), Some(current)) = (previous, self.phase()) {
            let cue = transition_cue(previous, current.kind);
            fx.retain(|e| *e != Effect::Cue(cue));
            fx.push(Effect::Cue(cue));
        }
    }

    /// Makes phase `index` current with its full length, starting at `at` (when running).
    fn enter(&mut self, index: usize, at: Duration, fx: &mut Vec<Effect>) {
        self.index = index;
        self.length = self.plan.phases[index].duration;
        // A length the person gave this phase while it was still to come is its own now.
        if let Some(length) = self.lengths.remove(&index) {
            self.length = length;
        }
        self.ticked_down_to = TICK_SECONDS + 1;
        self.marked = Marked::default();
        self.deadline = at + self.length;
        self.frozen = self.length;
        fx.push(Effect::Redraw);
    }

    /// Waits for the person if phase `index`, just reached, asks to: nothing runs until
    /// they are ready, so the wait is a pause from its start at `at`.
    fn wait_if_asked(&mut self, index: usize, at: Duration, fx: &mut Vec<Effect>) {
        self.waiting = self.waits && self.plan.phases[index].wait;
        if self.waiting && self.status == Status::Running {
            self.status = Status::Paused;
            self.paused_since = Some(at);
            fx.push(Effect::Record(Record::Paused { at }));
        }
    }

    fn finish(&mut self, now: Duration, completed: bool, fx: &mut Vec<Effect>) {
        if let Some(since) = self.paused_since.take() {
            self.paused_total += now.saturating_sub(since);
        }
        self.status = Status::Finished { completed };
        self.ended_at = Some(now);
        if completed {
            fx.push(Effect::Cue(Cue::RoutineComplete));
        }
        fx.push(Effect::Record(Record::Ended { at: now, completed }));
        fx.push(Effect::Redraw);
    }

    /// Moves to phase `index` by the person's choice; the current phase ends `how` (skipped,
    /// or marked as painful) unless it was already over.
    fn jump(&mut self, index: usize, now: Duration, how: Ended, fx: &mut Vec<Effect>) {
        // Skipping a wait is saying "ready": what follows runs.
        if self.waiting {
            self.resume(now, fx);
        }
        self.run_out(now, fx);
        if matches!(self.status, Status::Finished { .. }) {
            return;
        }
        let elapsed = self.elapsed(now);
        self.end_phase(elapsed, how, fx);
        // Phases jumped over are skipped too, never lost without a trace.
        for between in self.index + 1..index.min(self.plan.phases.len()) {
            let planned = self.plan.phases[between].duration;
            self.outcomes[between] = Some(Outcome { actual: Duration::ZERO, ended: Ended::Skipped });
            fx.push(Effect::Record(Record::PhaseEnded {
                index: between,
                planned,
                actual: Duration::ZERO,
                ended: Ended::Skipped,
            }));
        }
        let paused = self.status == Status::Paused;
        let mut changes = Vec::new();
        self.advance_to(index, now, &mut changes);
        // A paused session stays silent: the new phase has not started for the person.
        fx.extend(changes.into_iter().filter(|e| !(paused && matches!(e, Effect::Cue(_)))));
    }

    fn skip_phase(&mut self, now: Duration, fx: &mut Vec<Effect>) {
        self.jump(self.index + 1, now, Ended::Skipped, fx);
    }

    /// Ends the current hold as painful and leaves its stretch; outside a hold, nothing.
    fn mark_pain(&mut self, now: Duration, fx: &mut Vec<Effect>) {
        // A hold that has just run out is over: the mark is not for what comes next.
        self.run_out(now, fx);
        let in_hold = matches!(self.status, Status::Running | Status::Paused)
            && self.phase().is_some_and(|p| p.kind == PhaseKind::Hold);
        if !in_hold {
            return;
        }
        self.leave_stretch(now, Ended::Pain, fx);
    }

    fn skip_stretch(&mut self, now: Duration, fx: &mut Vec<Effect>) {
        self.leave_stretch(now, Ended::Skipped, fx);
    }

    /// Goes to the next step's first phase; the phases between are skipped unrun.
    fn leave_stretch(&mut self, now: Duration, how: Ended, fx: &mut Vec<Effect>) {
        let step = self.phase().map_or(0, |p| p.step);
        let next = self.plan.phases.iter().position(|p| p.step > step).unwrap_or(self.plan.phases.len());
        self.jump(next, now, how, fx);
    }

    fn back(&mut self, now: Duration, fx: &mut Vec<Effect>) {
        self.run_out(now, fx);
        let Some(phase) = self.phase().copied() else { return };
        if matches!(self.status, Status::Finished { .. }) {
            return;
        }
        if phase.kind.is_work() && self.elapsed(now) >= BACK_GRACE {
            self.restart(now, fx);
            return;
        }
        let Some(previous) = self.plan.phases[..self.index].iter().rposition(|p| p.kind.is_work()) else {
            self.restart(now, fx);
            return;
        };
        // Within a stretch, at once; into the one before, only on a second press.
        let step = self.plan.phases[previous].step;
        let armed = self.back_armed_until.take().is_some_and(|until| now <= until);
        if step == phase.step || armed {
            self.jump(previous, now, Ended::Skipped, fx);
        } else {
            self.back_armed_until = Some(now + BACK_AGAIN);
            fx.push(Effect::Hint(Hint::BackAgainToLeave { step }));
        }
    }

    fn restart(&mut self, now: Duration, fx: &mut Vec<Effect>) {
        self.run_out(now, fx);
        if matches!(self.status, Status::Finished { .. }) {
            return;
        }
        // A restart keeps a wait as it is: one ended is not asked again.
        self.enter(self.index, now, fx);
        if self.status == Status::Running && self.phase().is_some_and(|p| p.kind.is_work()) {
            fx.push(Effect::Cue(Cue::HoldStart));
        }
    }

    /// Adds or removes [`ADJUST_STEP`]: on a hold of one side, to the other side's hold of
    /// the same repetition too, if it is still to come. Removing never ends a phase: it
    /// stops [`LEAST_LEFT`] short; only the skip keys end one.
    fn adjust(&mut self, now: Duration, add: bool, fx: &mut Vec<Effect>) {
        self.run_out(now, fx);
        if matches!(self.status, Status::Finished { .. }) {
            return;
        }
        let remaining = self.remaining(now);
        let change = if add { ADJUST_STEP } else { ADJUST_STEP.min(remaining.saturating_sub(LEAST_LEFT)) };
        if change.is_zero() {
            return;
        }
        let remaining = if add { remaining + change } else { remaining.saturating_sub(change) };
        self.length = if add { self.length + change } else { self.length.saturating_sub(change) };
        self.ticked_down_to = TICK_SECONDS + 1;
        match self.status {
            Status::Running => {
                self.deadline = now + remaining;
                self.skip_ticks_already_passed(now);
                self.skip_marks_already_passed(now);
                self.run_out(now, fx);
            }
            _ => self.frozen = remaining,
        }
        if let Some(other) = self.other_side() {
            self.adjust_later(other, add);
        }
        fx.push(Effect::Redraw);
    }

    /// The hold of the other side in this repetition, if the current phase is a hold of one
    /// side and that one is still to come.
    fn other_side(&self) -> Option<usize> {
        let phase = self.phase().filter(|p| p.kind == PhaseKind::Hold && p.side.is_some())?;
        let later = self.plan.phases.iter().enumerate().skip(self.index + 1);
        later
            .take_while(|(_, p)| p.step == phase.step && p.rep == phase.rep)
            .find(|(_, p)| p.kind == PhaseKind::Hold && p.side.is_some() && p.side != phase.side)
            .map(|(i, _)| i)
    }

    /// Gives the later phase `index` [`ADJUST_STEP`] more or less (at least [`LEAST_LEFT`]).
    fn adjust_later(&mut self, index: usize, add: bool) {
        let old = self.length_of(index);
        let new = if add { old + ADJUST_STEP } else { old.saturating_sub(ADJUST_STEP).max(LEAST_LEFT) };
        self.lengths.insert(index, new);
    }

    /// Phase `index`'s length: the plan's, or what the person made it.
    fn length_of(&self, index: usize) -> Duration {
        self.lengths.get(&index).copied().unwrap_or(self.plan.phases[index].duration)
    }

    /// After time is removed, ticks whose moment is already behind are not played.
    fn skip_ticks_already_passed(&mut self, now: Duration) {
        while let Some(at) = self.next_tick_at() {
            if at >= now {
                break;
            }
            self.ticked_down_to -= 1;
        }
    }

    /// The current phase's ticks still to come are played after all: the voice that was
    /// to speak over them cannot (no sound device after all).
    pub(crate) fn ticks_unyield(&mut self, now: Duration) {
        if self.status == Status::Running {
            self.ticked_down_to = TICK_SECONDS + 1;
            self.skip_ticks_already_passed(now);
        }
    }

    /// The current phase's countdown ticks due before `until` are not played: the voice is
    /// saying the phase's sentence, and a tick would cut into it.
    pub(crate) fn ticks_yield_until(&mut self, until: Duration) {
        if self.status == Status::Running {
            self.skip_ticks_already_passed(until);
        }
    }
}

/// Whether the countdown ticks in the last seconds of phase `index` of `plan`: a gap
/// (get ready, switch sides, rest) that leads into work, a hold or an activity; those the
/// voice is still speaking over are not played ([`Session::ticks_yield_until`]), and the
/// voice leaves the last one clear.
pub(crate) fn ticks_in(plan: &Plan, index: usize) -> bool {
    let (Some(phase), Some(next)) = (plan.phases.get(index), plan.phases.get(index + 1)) else { return false };
    !phase.kind.is_work() && next.kind.is_work()
}

/// The cue for changing from a phase of kind `from` to one of kind `to`.
fn transition_cue(from: PhaseKind, to: PhaseKind) -> Cue {
    match (from, to) {
        (_, PhaseKind::Hold | PhaseKind::Activity) => Cue::HoldStart,
        (_, PhaseKind::SwitchSides) => Cue::SwitchSides,
        (PhaseKind::Rest, PhaseKind::GetReady) => Cue::RestEnd,
        _ => Cue::HoldEnd,
    }
}

#[cfg(test)]
mod tests;
