//! Plain mode: a session without the full screen, as one line per transition (the time,
//! the phase, the stretch and side), for a screen reader or a log. The same session, the
//! same chimes and the same history; Ctrl-C ends it and it is recorded as quit.
//!
//! [`Narrator`] is pure (the lines for a session's state); [`run`] is the loop around it.

use std::fmt::Write as _;
use std::io::Write;
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::time::Duration;

use anyhow::{Context, Result};

use crate::app::Run;
use crate::app::input::{self, Input};
use crate::app::sound::Sound;
use crate::app::sounder::Sounder;
use crate::audio::{Chimes, Report};
use crate::commands::plural;
use crate::duration;
use crate::history::recorder::Recorder;
use crate::plan::PhaseKind;
use crate::session::clock::{Clock, MonotonicClock};
use crate::session::{Event, Status};
use crate::text;

/// Says what changed in a session since it last spoke.
#[derive(Debug, Default)]
pub struct Narrator {
    said: Option<(usize, Status)>,
}

impl Narrator {
    /// The line that opens a session.
    pub fn opening(run: &Run) -> String {
        let plan = run.session.plan();
        let name = text::sanitize(&run.routine.name, false);
        let left = duration::clock(run.session.total_remaining(Duration::ZERO));
        let holds = plural(plan.hold_count(), "hold", "holds");
        let mut line = format!("{name}: {left}, {holds}. Ctrl-C stops.");
        if let Some(resumed) = run.resume_text() {
            line.push(' ');
            line.push_str(&resumed);
        }
        line
    }

    /// The lines for whatever changed since the last call, at `now`.
    pub fn lines(&mut self, run: &Run, now: Duration) -> Vec<String> {
        let session = &run.session;
        let state = (session.index(), session.status());
        if self.said == Some(state) || session.status() == Status::Ready {
            return Vec::new();
        }
        self.said = Some(state);
        let time = duration::clock(session.active_time(now));
        let line = match session.status() {
            Status::Finished { completed } => {
                let (done, skipped) = session.hold_counts();
                let holds = session.plan().hold_count();
                let skipped = if skipped > 0 { format!(", {skipped} skipped") } else { String::new() };
                if completed {
                    format!("{time}  DONE          {done} of {holds} holds{skipped}.")
                } else {
                    format!(
                        "{time}  STOPPED       after {done} of {holds} holds{skipped}. `supple resume` picks it up."
                    )
                }
            }
            Status::Paused => format!("{time}  PAUSED"),
            Status::Running | Status::Ready => phase_line(run, &time),
        };
        vec![line]
    }
}

/// "0:35  HOLD          Calf stretch, right side, rep 1 of 2 · 30s".
fn phase_line(run: &Run, time: &str) -> String {
    let session = &run.session;
    let Some(phase) = session.phase() else { return String::new() };
    let step = run.routine.steps.get(phase.step);
    // A rest belongs to the step before it; what matters is what comes next.
    let about = if phase.kind == PhaseKind::Rest {
        session.next_phase().map_or_else(String::new, |next| {
            let name = run.routine.steps.get(next.step).map_or("", |s| s.name.as_str());
            let rep = if next.rep > 1 { format!(", rep {} of {}", next.rep, next.reps) } else { String::new() };
            format!("next: {}{rep}", text::sanitize(name, false))
        })
    } else {
        let mut about = text::sanitize(step.map_or("", |s| s.name.as_str()), false);
        // Getting ready for a one-sided hold: say which side comes first.
        let side = phase.side.or_else(|| session.next_phase().filter(|_| phase.kind == PhaseKind::GetReady)?.side);
        if let Some(side) = side {
            let _ = write!(about, ", {} side", side.label());
        }
        if phase.reps > 1 && phase.kind.is_work() {
            let _ = write!(about, ", rep {} of {}", phase.rep, phase.reps);
        }
        about
    };
    format!("{time}  {:<12}  {about} · {}", phase.kind.label(), duration::compact(session.length()))
}

/// Runs `run` in plain mode, writing lines to standard output; returns the run as it ended.
pub fn run(mut run: Run, sound: Sound, bell: bool) -> Result<Run> {
    let (tx, inputs) = channel();
    input::spawn_signals(tx.clone()).context("installing signal handlers")?;
    let chimes = Chimes::start(move |Report::NoDevice| {
        let _ = tx.send(Input::NoSoundDevice);
    });
    let mut sound = sound;
    // The bell only into a terminal, never into a log.
    let mut sounder = Sounder::new(chimes, bell && std::io::IsTerminal::is_terminal(&std::io::stdout()));
    let mut recorder = Recorder::new(crate::history::path().as_deref());
    let mut narrator = Narrator::default();
    let mut out = std::io::stdout();
    let _ = writeln!(out, "{}", Narrator::opening(&run));
    let clock = MonotonicClock::new();
    let mut event = Event::Start;
    loop {
        let now = clock.now();
        let effects = run.session.update(event, now);
        sounder.handle(&effects, &sound);
        if let Some(warning) = recorder.record(&effects, &run, now) {
            eprintln!("warning: {warning}");
        }
        // A closed output (a pipe whose reader left) ends the session as quit.
        let closed = narrator.lines(&run, now).iter().any(|line| writeln!(out, "{line}").is_err());
        if closed && !matches!(run.session.status(), Status::Finished { .. }) {
            event = Event::Abort;
            continue;
        }
        if matches!(run.session.status(), Status::Finished { .. }) {
            break;
        }
        sounder.warm_ahead(&sound, run.session.next_deadline(now), now);
        let wait = run.session.next_deadline(now).map(|at| at.saturating_sub(now));
        event = match wait
            .map_or_else(|| inputs.recv().map_err(|_| RecvTimeoutError::Disconnected), |w| inputs.recv_timeout(w))
        {
            Ok(Input::Stop | Input::Closed) | Err(RecvTimeoutError::Disconnected) => Event::Abort,
            Ok(Input::Suspend) => {
                suspend(&mut run, &mut recorder, &clock);
                Event::TogglePause
            }
            Ok(Input::NoSoundDevice) => {
                sound.bell = true;
                let _ = writeln!(out, "{}", sounder.no_device_notice());
                Event::Tick
            }
            Ok(Input::Key(_) | Input::Resize | Input::RoutineChanged) | Err(RecvTimeoutError::Timeout) => Event::Tick,
        };
    }
    Ok(run)
}

/// Ctrl-Z: pause, stop the process, and on `fg` go on (the caller resumes the session).
fn suspend(run: &mut Run, recorder: &mut Recorder, clock: &MonotonicClock) {
    let now = clock.now();
    let effects = run.session.update(Event::TogglePause, now);
    let _ = recorder.record(&effects, run, now);
    let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routine::Fallbacks;
    use crate::routine::library::{Loaded, Origin};
    use crate::routine::source::SourceFile;
    use crate::session::clock::FakeClock;

    const ROUTINE: &str = r#"
name = "Quick"
[defaults]
get_ready = 5
switch_sides = 5
rest_between_reps = 10
[[step]]
name = "Calf stretch"
hold = 30
sides = "both"
reps = 2
rest_after = 15
[[step]]
name = "Child's pose"
hold = 20
"#;

    fn quick() -> Run {
        let source = SourceFile { path: "quick.toml".into(), text: ROUTINE.to_string() };
        Run::new(Loaded::new(Origin::Path, source), &Fallbacks::default()).expect("valid")
    }

    /// Drives `run` with a fake clock a second at a time, applying `at_second` events.
    fn narrate(run: &mut Run, until: u64, events: &[(u64, Event)]) -> String {
        let clock = FakeClock::new();
        let mut narrator = Narrator::default();
        let mut lines = vec![Narrator::opening(run)];
        run.session.update(Event::Start, clock.now());
        lines.extend(narrator.lines(run, clock.now()));
        for second in 1..=until {
            clock.set(Duration::from_secs(second));
            let event = events.iter().find(|(at, _)| *at == second).map_or(Event::Tick, |(_, e)| *e);
            run.session.update(event, clock.now());
            lines.extend(narrator.lines(run, clock.now()));
        }
        lines.join("\n")
    }

    #[test]
    fn a_whole_session_is_one_line_per_transition() {
        insta::assert_snapshot!(narrate(&mut quick(), 200, &[]));
    }

    #[test]
    fn a_skip_and_a_stop_are_told_too() {
        insta::assert_snapshot!(narrate(&mut quick(), 60, &[(12, Event::SkipPhase), (50, Event::Abort)]));
    }
}
