//! Steering a session from away from the keyboard: what a headset button, a media key, a
//! phone or `supple ctl` asks, turned into the session's own events as the keys are; and
//! what is playing, for them to show. The media player on the desktop bus and the `ctl`
//! socket ([`crate::shell::control`]) only carry these across.

use std::time::Duration;

use super::{App, Effect, Screen};
use crate::session::{Event, Overlay, Status};
use crate::wording;

/// What a remote control asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Start, resume, or end a wait.
    Play,
    Pause,
    /// Pause if running, else play.
    Toggle,
    /// Skip the phase; a second within [`NEXT_AGAIN`], the rest of the stretch.
    Next,
    /// Back, as the key: the hold again if a few seconds in, else the one before.
    Previous,
    /// End the session, asking nothing, recorded as quit.
    Stop,
}

impl Command {
    /// Every command by its name on the command line.
    pub const NAMES: &[(&str, Self)] = &[
        ("play", Self::Play),
        ("resume", Self::Play),
        ("pause", Self::Pause),
        ("toggle", Self::Toggle),
        ("next", Self::Next),
        ("back", Self::Previous),
        ("stop", Self::Stop),
    ];

    pub fn from_name(name: &str) -> Option<Self> {
        Self::NAMES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
    }
}

/// A second Next this soon after the first skips the rest of the stretch: a headset has
/// one button for next, and a double press is how it says more.
pub const NEXT_AGAIN: Duration = Duration::from_secs(2);

/// How long a pause keeps the screen awake: past this, the desktop may blank it.
pub const AWAKE_WHILE_PAUSED: Duration = Duration::from_secs(180);

/// The last Next: when, and in which step.
#[derive(Debug, Default)]
pub(crate) struct RemoteState {
    last_next: Option<(Duration, usize)>,
}

/// Where the session is, as a media player shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Playback {
    /// On the ready screen, not started.
    Ready,
    Running,
    Paused,
    /// Waiting for the person before a get-ready (`get_ready = "wait"`).
    Waiting,
    Finished,
}

/// What is playing: what the screen says, for a lock screen, a watch, `supple ctl status`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NowPlaying {
    pub playback: Playback,
    /// The stretch (in a gap, the one to come).
    pub stretch: String,
    /// The phase and side, as the screen's top line says it: "HOLD · LEFT".
    pub phase: String,
    pub routine: String,
    /// The phase's index in the plan: a new one is a new track.
    pub index: usize,
    #[serde(with = "seconds")]
    pub length: Duration,
    /// How far into the phase.
    #[serde(with = "seconds")]
    pub position: Duration,
    #[serde(with = "seconds")]
    pub left: Duration,
    #[serde(with = "seconds")]
    pub session_left: Duration,
}

/// Durations as seconds to a tenth, for a script to read.
mod seconds {
    use std::time::Duration;

    pub fn serialize<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64((d.as_secs_f64() * 10.0).round() / 10.0)
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        let secs: f64 = serde::Deserialize::deserialize(d)?;
        Duration::try_from_secs_f64(secs).map_err(serde::de::Error::custom)
    }
}

impl NowPlaying {
    /// What changes only at a transition (a phase begins, a pause, a wait): a remote is
    /// told again only when this changes, not every second.
    pub fn moment(&self) -> (Playback, usize, Duration, &str, &str) {
        (self.playback, self.index, self.length, &self.stretch, &self.phase)
    }

    /// One line for a person: "HOLD · LEFT: Calf stretch, 0:24 left (Sore back legs)".
    pub fn line(&self) -> String {
        let left = crate::duration::clock(self.left);
        // Routine text goes to a terminal: no escape sequence of a shared file gets through.
        let clean = |text: &str| crate::text::sanitize(text, false);
        let (phase, stretch, routine) = (clean(&self.phase), clean(&self.stretch), clean(&self.routine));
        match self.playback {
            Playback::Ready => format!("Ready: {stretch} ({routine})"),
            Playback::Finished => format!("Finished: {routine}"),
            _ => format!("{phase}: {stretch}, {left} left ({routine})"),
        }
    }
}

impl App {
    /// Carries out a remote control's `command` at `now`, as the keys would.
    pub fn remote(&mut self, command: Command, now: Duration) -> Vec<Effect> {
        let Screen::Run(run) = &self.screen else { return Vec::new() };
        let (status, overlay) = (run.session.status(), run.session.overlay());
        let step = run.session.phase().map_or(0, |p| p.step);
        let mut effects = Vec::new();
        // A panel open on the screen (the keys, the quit question) is closed first: the
        // person is not at the keyboard to close it.
        if overlay.is_some() && !(command == Command::Stop && overlay == Some(Overlay::ConfirmQuit)) {
            effects.extend(self.session_update(Event::Cancel, now));
        }
        let status = self.run().map_or(status, |r| r.session.status());
        let overlay = self.run().and_then(|r| r.session.overlay());
        if command != Command::Next {
            self.remote.last_next = None;
        }
        let events: &[Event] = match (command, status) {
            (Command::Play | Command::Toggle, Status::Ready) => &[Event::Start],
            (Command::Play | Command::Toggle, Status::Paused) | (Command::Pause | Command::Toggle, Status::Running) => {
                &[Event::TogglePause]
            }
            (Command::Next, Status::Running | Status::Paused) => {
                let again = self.remote.last_next.is_some_and(|(at, s)| s == step && now < at + NEXT_AGAIN);
                self.remote.last_next = if again { None } else { Some((now, step)) };
                if again { &[Event::SkipStretch] } else { &[Event::SkipPhase] }
            }
            (Command::Previous, Status::Running | Status::Paused) => &[Event::Back],
            (Command::Stop, Status::Ready | Status::Finished { .. }) => &[Event::Quit],
            (Command::Stop, _) if overlay == Some(Overlay::ConfirmQuit) => &[Event::Confirm],
            (Command::Stop, _) => &[Event::Quit, Event::Confirm],
            _ => &[],
        };
        for event in events {
            effects.extend(self.session_update(*event, now));
        }
        if command == Command::Stop && matches!(status, Status::Ready | Status::Finished { .. }) {
            self.exit = true;
        }
        effects
    }

    /// What is playing at `now`, when a routine is on screen.
    pub fn now_playing(&self, now: Duration) -> Option<NowPlaying> {
        let run = self.run()?;
        let session = &run.session;
        let plan = session.plan();
        let phase = session.phase()?;
        let coming = plan.phases[session.index()..].iter().find(|p| p.kind.is_work()).unwrap_or(phase);
        let next_side = if phase.kind.is_work() { None } else { coming.side };
        let playback = match session.status() {
            Status::Ready => Playback::Ready,
            Status::Running => Playback::Running,
            Status::Paused if session.waiting() => Playback::Waiting,
            Status::Paused => Playback::Paused,
            Status::Finished { .. } => Playback::Finished,
        };
        let paused = playback == Playback::Paused;
        Some(NowPlaying {
            playback,
            stretch: wording::title(&run.file.routine, plan, session.index()),
            phase: wording::phase_label_fitting(phase, next_side, paused, usize::MAX),
            routine: run.file.routine.name.clone(),
            index: session.index(),
            length: session.length(),
            position: session.elapsed(now),
            left: session.remaining(now),
            session_left: session.total_remaining(now),
        })
    }

    /// Whether the desktop should keep the screen on at `now`: while a session runs or
    /// waits for the person, and for a few minutes of a pause.
    pub fn keeps_awake(&self, now: Duration) -> bool {
        let Some(run) = self.run() else { return false };
        match run.session.status() {
            Status::Running => true,
            Status::Paused => {
                run.session.waiting() || run.session.paused_since().is_none_or(|at| now < at + AWAKE_WHILE_PAUSED)
            }
            Status::Ready | Status::Finished { .. } => false,
        }
    }

    /// When [`App::keeps_awake`] next changes by time alone: a pause running past
    /// [`AWAKE_WHILE_PAUSED`].
    pub(crate) fn awake_until(&self, now: Duration) -> Option<Duration> {
        let run = self.run()?;
        let at = run.session.paused_since()? + AWAKE_WHILE_PAUSED;
        (run.session.status() == Status::Paused && !run.session.waiting() && at > now).then_some(at)
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::{AWAKE_WHILE_PAUSED, Command, NEXT_AGAIN, Playback};
    use crate::app::App;
    use crate::config::Config;
    use crate::files::SourceFile;
    use crate::remembered::SoundLevel;
    use crate::routine::Fallbacks;
    use crate::routine::library::{Origin, RoutineFile};
    use crate::run::Run;

    const ROUTINE: &str = "name = \"Mat\"\n[defaults]\nget_ready = 5\nhold = 30\n\
                           [[step]]\nname = \"Calf\"\nsides = \"both\"\nreps = 2\n[[step]]\nname = \"Child\"\n";

    fn app() -> App {
        let source = SourceFile { path: "mat.toml".into(), text: ROUTINE.to_string() };
        let run = Run::new(RoutineFile::new(Origin::Path, source), &Fallbacks::default()).expect("valid");
        App::with_run(run, Config::default(), SoundLevel::default())
    }

    fn at(app: &App, ms: u64) -> super::NowPlaying {
        app.now_playing(Duration::from_millis(ms)).expect("a routine on screen")
    }

    #[test]
    fn a_second_next_within_a_moment_skips_the_stretch_and_a_later_one_the_phase() {
        let mut app = app();
        app.remote(Command::Play, Duration::ZERO);
        assert_eq!((at(&app, 0).phase.as_str(), at(&app, 0).playback), ("GET READY · LEFT", Playback::Running));
        app.remote(Command::Next, Duration::from_millis(100));
        assert_eq!(at(&app, 100).phase, "HOLD · LEFT");
        // Later than a moment: one phase more, to the switch.
        let later = Duration::from_millis(100) + NEXT_AGAIN;
        app.remote(Command::Next, later);
        assert_eq!(at(&app, 2_100).phase, "SWITCH SIDES → RIGHT");
        // Twice quickly: the rest of the calf stretch (its right side, its second rep), to
        // the next stretch.
        app.remote(Command::Next, later + Duration::from_millis(10));
        app.remote(Command::Next, later + Duration::from_millis(400));
        let now = at(&app, 2_600);
        assert_eq!(now.stretch, "Child", "{now:?}");
    }

    #[test]
    fn stop_ends_the_session_with_the_help_open_and_a_next_after_back_is_a_first_next() {
        let mut app = app();
        app.remote(Command::Play, Duration::ZERO);
        let help = ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Char('?'));
        app.key(help, Duration::from_millis(100));
        app.remote(Command::Stop, Duration::from_millis(200));
        assert_eq!(at(&app, 200).playback, Playback::Finished, "stopped, the help notwithstanding");

        let mut app = self::app();
        app.remote(Command::Play, Duration::ZERO);
        app.remote(Command::Next, Duration::from_millis(100));
        app.remote(Command::Previous, Duration::from_millis(200));
        app.remote(Command::Next, Duration::from_millis(300));
        assert_eq!(at(&app, 300).stretch, "Calf", "Next, Back, Next is no double Next");
    }

    #[test]
    fn play_pause_and_stop_act_as_the_keys_and_the_screen_stays_awake_only_while_it_should() {
        let mut app = app();
        assert!(!app.keeps_awake(Duration::ZERO), "not on the ready screen");
        app.remote(Command::Toggle, Duration::ZERO);
        assert!(app.keeps_awake(Duration::from_secs(1)));
        app.remote(Command::Pause, Duration::from_secs(2));
        assert_eq!(at(&app, 2_000).playback, Playback::Paused);
        assert!(at(&app, 2_000).phase.ends_with("PAUSED"));
        assert!(app.keeps_awake(Duration::from_secs(1) + AWAKE_WHILE_PAUSED));
        assert!(!app.keeps_awake(Duration::from_secs(2) + AWAKE_WHILE_PAUSED), "a long pause lets it go");
        assert_eq!(app.awake_until(Duration::from_secs(3)), Some(Duration::from_secs(2) + AWAKE_WHILE_PAUSED));
        app.remote(Command::Play, Duration::from_secs(10));
        assert_eq!(at(&app, 10_000).playback, Playback::Running);
        app.remote(Command::Stop, Duration::from_secs(11));
        assert_eq!(at(&app, 11_000).playback, Playback::Finished, "ended, with no question asked");
        assert!(!app.keeps_awake(Duration::from_secs(11)));
    }
}
