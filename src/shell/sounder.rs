//! Turns the model's sound effects into sound: speech (through the [`Speaker`]), chimes through the output device, opened
//! just ahead of each cue, or the terminal bell when there is no device, rung in each
//! cue's own pattern.

use std::collections::VecDeque;
use std::io::Write;
use std::time::Duration;

use crate::audio::{BELL_SPACING, Chimes};
use crate::cue::Cue;

use super::speaker::Speaker;

/// How long before a cue the output device is opened; opening takes 1-25 ms.
const WARM_AHEAD: Duration = Duration::from_millis(1_050);

/// The chime player and what it was last opened for.
#[derive(Debug)]
pub(crate) struct Sounder {
    chimes: Chimes,
    speaker: Speaker,
    /// The cue moment the device was last opened ahead of.
    warmed_for: Option<Duration>,
    bells: Bells,
}

impl Sounder {
    pub(crate) fn new(chimes: Chimes, speaker: Speaker) -> Self {
        Self { chimes, speaker, warmed_for: None, bells: Bells::default() }
    }

    /// Plays a cue's chime.
    pub(crate) fn chime(&self, cue: Cue, gain: f32) {
        self.chimes.play(cue, gain);
    }

    /// Rings the first of a cue's bell pattern, from `now`; the rest of it is left for
    /// [`Sounder::ring_due`].
    pub(crate) fn bell(&mut self, cue: Cue, now: Duration) {
        self.bells.add(cue, now);
        self.ring_due(now);
    }

    /// Says a sentence.
    pub(crate) fn speak(&self, phrase: &crate::voice::phrasebook::Phrase, gain: f32, after: Duration) {
        self.speaker.say(phrase.clone(), gain, after);
    }

    /// Renders sentences ahead.
    pub(crate) fn prepare(&self, texts: &[String]) {
        self.speaker.prepare(texts.to_vec());
    }

    /// Rings the bell if a ring is due at `now`.
    pub(crate) fn ring_due(&mut self, now: Duration) {
        if self.bells.take_due(now) {
            let mut out = std::io::stdout();
            let _ = out.write_all(b"\x07").and_then(|()| out.flush());
        }
    }

    /// When the next ring is due, for the loop to wake then.
    pub(crate) fn next_bell(&self) -> Option<Duration> {
        self.bells.next()
    }

    /// Rings what is left of the bells' patterns, waiting for each (the session is over
    /// and the process about to end).
    pub(crate) fn ring_out(&mut self, clock: impl Fn() -> Duration) {
        while let Some(at) = self.bells.next() {
            std::thread::sleep(at.saturating_sub(clock()));
            self.ring_due(clock());
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

/// When the bell is to ring: each cue's pattern of rings, one after another.
#[derive(Debug, Default)]
struct Bells {
    at: VecDeque<Duration>,
    /// The last ring planned, rung or not.
    last: Option<Duration>,
}

impl Bells {
    /// Adds `cue`'s rings, from `now` or after the pattern before it ends. A countdown
    /// tick close behind another pattern is left out: it would make that pattern seem one
    /// ring longer, and the rings are all a bell has to say which cue it was.
    fn add(&mut self, cue: Cue, now: Duration) {
        let after_last = self.last.map(|last| last + BELL_SPACING);
        if cue == Cue::CountdownTick && after_last.is_some_and(|after| now < after + BELL_SPACING) {
            return;
        }
        let start = after_last.map_or(now, |after| after.max(now));
        self.at.extend((0..cue.sound().bells).map(|i| start + BELL_SPACING * u32::from(i)));
        self.last = self.at.back().copied().or(self.last);
    }

    /// Whether a ring is due at `now`; takes it. Rings overdue after a stall are let go
    /// but one, which is rung late: a cue still says it happened.
    fn take_due(&mut self, now: Duration) -> bool {
        let due = self.at.iter().take_while(|at| **at <= now).count();
        self.at.drain(..due);
        due > 0
    }

    fn next(&self) -> Option<Duration> {
        self.at.front().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The moments the bell rings for `cues` added at 0 s, polled every 10 ms.
    fn rings(cues: &[Cue]) -> Vec<u64> {
        let mut bells = Bells::default();
        for cue in cues {
            bells.add(*cue, Duration::ZERO);
        }
        (0..3_000).step_by(10).filter(|ms| bells.take_due(Duration::from_millis(*ms))).collect()
    }

    #[test]
    fn each_cue_rings_its_own_count_spaced_apart() {
        assert_eq!(rings(&[Cue::HoldStart]), [0]);
        assert_eq!(rings(&[Cue::HoldEnd]), [0, 300]);
        assert_eq!(rings(&[Cue::SwitchSides]), [0, 300, 600]);
        assert_eq!(rings(&[Cue::RoutineComplete]), [0, 300, 600, 900]);
        // Two cues at once: the second pattern follows the first.
        assert_eq!(rings(&[Cue::HoldEnd, Cue::HoldStart]), [0, 300, 600]);
    }

    #[test]
    fn a_tick_close_behind_a_pattern_is_left_out() {
        let mut bells = Bells::default();
        bells.add(Cue::SwitchSides, Duration::ZERO);
        let ms = Duration::from_millis;
        bells.add(Cue::CountdownTick, ms(1_000));
        assert_eq!(bells.at.len(), 3, "0.4 s after the pattern: left out");
        bells.add(Cue::CountdownTick, ms(1_200));
        assert_eq!(bells.at.back(), Some(&ms(1_200)), "0.6 s after: rung");
    }

    #[test]
    fn a_stall_rings_once_late_not_a_burst() {
        let mut bells = Bells::default();
        bells.add(Cue::RoutineComplete, Duration::ZERO);
        assert!(bells.take_due(Duration::from_secs(2)));
        assert!(!bells.take_due(Duration::from_secs(2)));
        assert_eq!(bells.next(), None);
    }
}
