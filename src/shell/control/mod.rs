//! The ways a session is steered from away from the keyboard, at the edge: the desktop
//! bus ([`desktop`]: a media player for headset buttons, media keys, a phone or a watch,
//! and the screen kept awake) and `supple ctl`'s socket ([`socket`]). Each carries
//! [`Command`]s in and [`NowPlaying`] out; what they mean is the model's
//! ([`crate::app::remote`]).
//!
//! Neither is on the path to the first frame: the bus is reached from a thread of its own,
//! and where there is no bus (SSH, a server, CI) nothing is tried. Neither wakes the
//! session in a hold: the bus is told only when the moment changes (a phase begins, a
//! pause), and the socket's thread sleeps in `accept`.

pub mod desktop;
pub mod socket;

use std::sync::mpsc::Sender;
use std::time::Duration;

use crate::app::App;
pub use crate::app::remote::{Command, NowPlaying};
use crate::config::Control as Settings;
use crate::shell::input::Input;

/// The live ways of control for one session, and what they were last told.
pub(crate) struct Controls {
    desktop: Option<desktop::Desktop>,
    socket: Option<socket::Server>,
    told: Option<NowPlaying>,
    awake: bool,
}

impl Controls {
    /// Starts what `settings` turn on and this machine has; sends what they ask to `tx`.
    pub(crate) fn start(settings: Settings, tx: &Sender<Input>) -> Self {
        let desktop = (settings.media_keys || settings.keep_awake || settings.music != crate::config::Music::Leave)
            .then(|| desktop::Desktop::spawn(tx.clone(), settings))
            .flatten();
        let socket = settings.ctl.then(|| socket::Server::start(tx.clone())).flatten();
        Self { desktop, socket, told: None, awake: false }
    }

    /// Without any: plain mode, which reads no keys either, and tests.
    pub(crate) fn none() -> Self {
        Self { desktop: None, socket: None, told: None, awake: false }
    }

    /// Which ways are live, for the help: "media keys", "supple ctl".
    pub(crate) fn live(&self) -> Vec<&'static str> {
        let mut live = Vec::new();
        if self.desktop.as_ref().is_some_and(desktop::Desktop::media_keys) {
            live.push("media keys");
        }
        if self.socket.is_some() {
            live.push("supple ctl");
        }
        live
    }

    /// Tells the desktop what changed since it was last told: what is playing, at a
    /// transition only, and whether to keep the screen awake.
    pub(crate) fn follow(&mut self, app: &App, now: Duration) {
        let Some(desktop) = &self.desktop else { return };
        let playing = app.now_playing(now);
        if playing.as_ref().map(NowPlaying::moment) != self.told.as_ref().map(NowPlaying::moment) {
            if let Some(playing) = &playing {
                desktop.show(playing.clone());
            }
            self.told = playing;
        }
        let awake = app.keeps_awake(now);
        if awake != self.awake {
            desktop.keep_awake(awake);
            self.awake = awake;
        }
    }

    /// The voice is about to speak for about `length`: other players are quieted.
    pub(crate) fn speaking(&self, length: Duration) {
        if let Some(desktop) = &self.desktop {
            desktop.speaking(length);
        }
    }

    /// When the screen may be let go by time alone (a long pause), if it is kept awake.
    pub(crate) fn next_wake(&self, app: &App, now: Duration) -> Option<Duration> {
        self.desktop.as_ref().filter(|_| self.awake).and(app.awake_until(now))
    }
}

/// How long a remote waits for the session to answer.
pub const ANSWER_WITHIN: Duration = Duration::from_secs(3);
