//! Time for the session: a monotonic clock read as the time since it started, and a fake
//! one that tests move by hand.
//!
//! The state machine never reads a clock itself; the shell reads one and passes the time
//! in, so every rule can be tested with [`FakeClock`].

use std::cell::Cell;
use std::time::{Duration, Instant};

/// A source of monotonic time, as a duration since the clock's own start.
pub trait Clock {
    fn now(&self) -> Duration;
}

/// The real clock: `Instant`, which never jumps back and does not count while the
/// machine sleeps.
#[derive(Debug, Clone, Copy)]
pub struct MonotonicClock {
    start: Instant,
}

impl MonotonicClock {
    pub fn new() -> Self {
        Self { start: Instant::now() }
    }

    /// The `Instant` at which this clock reads `at`.
    pub fn instant(&self, at: Duration) -> Instant {
        self.start + at
    }
}

impl Default for MonotonicClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for MonotonicClock {
    fn now(&self) -> Duration {
        self.start.elapsed()
    }
}

/// A clock that moves only when told to.
#[derive(Debug, Default)]
pub struct FakeClock {
    now: Cell<Duration>,
}

impl FakeClock {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn advance(&self, by: Duration) {
        self.now.set(self.now.get() + by);
    }

    pub fn set(&self, to: Duration) {
        self.now.set(to);
    }
}

impl Clock for FakeClock {
    fn now(&self) -> Duration {
        self.now.get()
    }
}
