//! Plain mode's view: a session as one line per transition (the time, the phase, the
//! stretch and side), for a screen reader or a log. [`Narrator`] is pure: the lines for
//! whatever changed in a session's state; the shell writes them out.

use std::time::Duration;

use crate::routine::Fallbacks;
use crate::run::Run;
use crate::session::Status;
use crate::wording::{self, plural};
use crate::{duration, text};

/// Says what changed in a session since it last spoke.
#[derive(Debug, Default)]
pub(crate) struct Narrator {
    said: Option<(usize, Status)>,
}

impl Narrator {
    /// The line that opens a session.
    pub(crate) fn opening(run: &Run, fallbacks: &Fallbacks) -> String {
        let plan = run.session.plan();
        let name = text::sanitize(&run.file.routine.name, false);
        let left = duration::clock(run.session.total_remaining(Duration::ZERO));
        let holds = plural(plan.hold_count(), "hold", "holds");
        let mut line = format!("{name}: {left}, {holds}.");
        let equipment = run.file.routine.equipment();
        if !equipment.is_empty() {
            line.push_str(" Bring: ");
            line.push_str(&text::sanitize(&equipment.join(", "), false));
            line.push('.');
        }
        for today in wording::holds_today(&run.file.routine, fallbacks, &run.practice) {
            line.push(' ');
            line.push_str(&today);
        }
        line.push_str(" Ctrl-C stops.");
        if let Some(resumed) = wording::resuming(run) {
            line.push(' ');
            line.push_str(&text::sanitize(&resumed, false));
        }
        line
    }

    /// The line for whatever changed since the last call, at `now`.
    pub(crate) fn line(&mut self, run: &Run, now: Duration) -> Option<String> {
        let session = &run.session;
        let state = (session.index(), session.status());
        if self.said == Some(state) || session.status() == Status::Ready {
            return None;
        }
        self.said = Some(state);
        let time = duration::clock(session.active_time(now));
        Some(match session.status() {
            Status::Finished { completed: true } => {
                format!("{time}  DONE          {}.", wording::tally(&session.hold_tally()))
            }
            Status::Finished { completed: false } => format!(
                "{time}  STOPPED       after {}. `supple resume` picks it up.",
                wording::tally(&session.hold_tally())
            ),
            Status::Paused => format!("{time}  PAUSED"),
            Status::Running | Status::Ready => phase_line(run, &time),
        })
    }
}

/// "0:35  HOLD          Calf stretch, right side, rep 1 of 2 · 30s".
fn phase_line(run: &Run, time: &str) -> String {
    let session = &run.session;
    let Some(phase) = session.phase() else { return String::new() };
    let about = text::sanitize(&wording::about(&run.file.routine, session.plan(), session.index()), false);
    format!("{time}  {:<12}  {about} · {}", phase.kind.label(), duration::compact(session.length()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::SourceFile;
    use crate::routine::Fallbacks;
    use crate::routine::library::{Origin, RoutineFile};
    use crate::session::Event;
    use crate::session::clock::{Clock, FakeClock};

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
equipment = ["wall"]
[[step]]
name = "Child's pose"
hold = 20
"#;

    fn quick() -> Run {
        let source = SourceFile { path: "quick.toml".into(), text: ROUTINE.to_string() };
        Run::new(RoutineFile::new(Origin::Path, source), &Fallbacks::default()).expect("valid")
    }

    /// Drives `run` with a fake clock a second at a time, applying `at_second` events.
    fn narrate(run: &mut Run, until: u64, events: &[(u64, Event)]) -> String {
        let clock = FakeClock::new();
        let mut narrator = Narrator::default();
        let mut lines = vec![Narrator::opening(run, &Fallbacks::default())];
        run.session.update(Event::Start, clock.now());
        lines.extend(narrator.line(run, clock.now()));
        for second in 1..=until {
            clock.set(Duration::from_secs(second));
            let event = events.iter().find(|(at, _)| *at == second).map_or(Event::Tick, |(_, e)| *e);
            run.session.update(event, clock.now());
            lines.extend(narrator.line(run, clock.now()));
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
