//! The terminal window's title: the phase, side and time left (`HOLD L 0:23 · Sore back
//! legs`), so a session in a background tmux window or behind a taskbar button is read
//! without switching to it; and how often it may change.

use std::time::Duration;

use crate::app::{App, Screen, shown_seconds};
use crate::duration;
use crate::plan::PhaseKind;
use crate::session::Status;
use crate::side::Side;

/// At most one change of the time in the title in this long: terminals and window
/// managers redraw their tabs and task bars for every change.
pub(crate) const EVERY: Duration = Duration::from_secs(5);

/// The longest title, in characters: a task bar shows less anyway.
const LONGEST: usize = 80;

/// The title for `app` at `now`, and what it is about (a change of that is shown at once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Title {
    pub(crate) text: String,
    /// The screen, phase and pause it is about.
    pub(crate) about: (u8, usize, bool),
}

pub(crate) fn of(app: &App, now: Duration) -> Title {
    let Screen::Run(run) = &app.screen else {
        return Title { text: "supple".to_string(), about: (0, 0, false) };
    };
    let name = &run.file.routine.name;
    let session = &run.session;
    let (text, about) = match (session.status(), session.phase()) {
        (Status::Ready, _) | (_, None) => (format!("supple · {name}"), (1, 0, false)),
        (Status::Finished { .. }, _) => (format!("DONE · {name}"), (2, 0, false)),
        (status, Some(phase)) => {
            let paused = status == Status::Paused;
            let left = duration::clock(Duration::from_secs(shown_seconds(session.remaining(now))));
            let word = match phase.kind {
                PhaseKind::GetReady if session.waiting() => "WAITING",
                PhaseKind::GetReady => "READY",
                PhaseKind::Hold => "HOLD",
                PhaseKind::Activity => "ACTIVITY",
                PhaseKind::SwitchSides => "SWITCH",
                PhaseKind::Rest => "REST",
            };
            // Getting ready says the side it gets ready for, as the screen does.
            let coming = session.plan().phases[session.index()..].iter().find(|p| p.kind.is_work());
            let coming = coming.filter(|_| phase.kind == PhaseKind::GetReady).and_then(|p| p.side);
            let side = match phase.side.or(coming) {
                Some(Side::Left) => " L",
                Some(Side::Right) => " R",
                None => "",
            };
            let pause = if paused && !session.waiting() { "PAUSED " } else { "" };
            (format!("{pause}{word}{side} {left} · {name}"), (3, session.index(), paused))
        }
    };
    let text = crate::text::sanitize(&text, false);
    Title { text: text.chars().take(LONGEST).collect(), about }
}

/// The title last sent and when, so the time in it changes at most every [`EVERY`].
#[derive(Debug, Default)]
pub(crate) struct TitleKeeper {
    shown: Option<(Title, Duration)>,
}

impl TitleKeeper {
    /// The title to send now, if it should change: at once for another phase (or pause),
    /// else once [`EVERY`] has passed since the last.
    pub(crate) fn update(&mut self, title: Title, now: Duration) -> Option<String> {
        let due = match &self.shown {
            None => true,
            Some((shown, at)) => {
                shown.about != title.about || (shown.text != title.text && now.saturating_sub(*at) >= EVERY)
            }
        };
        if !due {
            return None;
        }
        let text = title.text.clone();
        self.shown = Some((title, now));
        Some(text)
    }

    /// Forgets what was sent: the terminal's title was given back and must be set again.
    pub(crate) fn forget(&mut self) {
        self.shown = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(text: &str, index: usize) -> Title {
        Title { text: text.to_string(), about: (3, index, false) }
    }

    #[test]
    fn the_time_changes_at_most_every_five_seconds_and_a_new_phase_at_once() {
        let mut keeper = TitleKeeper::default();
        let s = Duration::from_secs;
        assert_eq!(keeper.update(title("HOLD L 0:30 · A", 1), s(0)).as_deref(), Some("HOLD L 0:30 · A"));
        assert_eq!(keeper.update(title("HOLD L 0:29 · A", 1), s(1)), None);
        assert_eq!(keeper.update(title("HOLD L 0:26 · A", 1), s(4)), None);
        assert_eq!(keeper.update(title("HOLD L 0:25 · A", 1), s(5)).as_deref(), Some("HOLD L 0:25 · A"));
        assert_eq!(keeper.update(title("HOLD L 0:24 · A", 1), s(6)), None);
        assert_eq!(keeper.update(title("SWITCH R 0:05 · A", 2), s(7)).as_deref(), Some("SWITCH R 0:05 · A"));
        // Nothing new to say: nothing is sent, however long it has been.
        assert_eq!(keeper.update(title("SWITCH R 0:05 · A", 2), s(60)), None);
        keeper.forget();
        assert_eq!(keeper.update(title("SWITCH R 0:05 · A", 2), s(61)).as_deref(), Some("SWITCH R 0:05 · A"));
    }
}
