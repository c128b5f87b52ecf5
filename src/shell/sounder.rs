//! Turns the model's sound effects into sound: chimes through the output device, opened
//! just ahead of each cue, or the terminal bell when there is no device.

use std::io::Write;
use std::time::Duration;

use crate::app::Effect;
use crate::audio::Chimes;

/// How long before a cue the output device is opened; opening takes 1-25 ms.
const WARM_AHEAD: Duration = Duration::from_millis(1_050);

/// The chime player and what it was last opened for.
#[derive(Debug)]
pub(crate) struct Sounder {
    chimes: Chimes,
    /// The cue moment the device was last opened ahead of.
    warmed_for: Option<Duration>,
}

impl Sounder {
    pub(crate) fn new(chimes: Chimes) -> Self {
        Self { chimes, warmed_for: None }
    }

    /// Plays the chimes and rings the bells among `effects`.
    pub(crate) fn handle(&mut self, effects: &[Effect]) {
        for effect in effects {
            match effect {
                Effect::Chime(cue, gain) => self.chimes.play(*cue, *gain),
                Effect::Bell(_) => {
                    let _ = std::io::stdout().write_all(b"\x07").and_then(|()| std::io::stdout().flush());
                }
                _ => {}
            }
        }
    }

    /// Opens the device when the next chime (`next`) is due within [`WARM_AHEAD`] of `now`,
    /// once per chime.
    pub(crate) fn warm_ahead(&mut self, next: Option<Duration>, now: Duration) {
        if let Some(at) = next
            && at.saturating_sub(now) <= WARM_AHEAD
            && self.warmed_for != Some(at)
        {
            self.warmed_for = Some(at);
            self.chimes.warm();
        }
    }
}
