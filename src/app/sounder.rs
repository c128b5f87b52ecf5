//! Turns a session's cues into sound: chimes through the output device, opened just
//! ahead of each cue, or the terminal bell when there is no device.

use std::io::Write;
use std::time::Duration;

use super::sound::Sound;
use crate::audio::Chimes;
use crate::session::Effect;

/// How long before a cue the output device is opened; opening takes 1-25 ms.
const WARM_AHEAD: Duration = Duration::from_millis(1_050);

/// The chime player and what it was last opened for.
#[derive(Debug)]
pub struct Sounder {
    chimes: Chimes,
    /// The cue moment the device was last opened ahead of.
    warmed_for: Option<Duration>,
    /// Whether the bell may be rung: not into a log file.
    bell_allowed: bool,
}

impl Sounder {
    pub fn new(chimes: Chimes, bell_allowed: bool) -> Self {
        Self { chimes, warmed_for: None, bell_allowed }
    }

    /// What the person is told when there is no sound device.
    pub fn no_device_notice(&self) -> &'static str {
        if self.bell_allowed {
            "No sound device: chimes ring the terminal bell."
        } else {
            "No sound device: no chimes."
        }
    }

    /// Plays the cues among `effects`.
    pub fn handle(&mut self, effects: &[Effect], sound: &Sound) {
        for effect in effects {
            if let Effect::Cue(cue) = effect {
                if sound.muted {
                    continue;
                }
                if sound.bell {
                    if self.bell_allowed {
                        let _ = std::io::stdout().write_all(b"\x07").and_then(|()| std::io::stdout().flush());
                    }
                } else {
                    self.chimes.play(*cue, sound.gain());
                }
            }
        }
    }

    /// Opens the device when the next cue (`next_cue`) is due within [`WARM_AHEAD`] of
    /// `now`, once per cue.
    pub fn warm_ahead(&mut self, sound: &Sound, next_cue: Option<Duration>, now: Duration) {
        if sound.muted || sound.bell {
            return;
        }
        if let Some(at) = next_cue
            && at.saturating_sub(now) <= WARM_AHEAD
            && self.warmed_for != Some(at)
        {
            self.warmed_for = Some(at);
            self.chimes.warm();
        }
    }
}
