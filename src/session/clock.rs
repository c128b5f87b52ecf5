//! Time for the session: a monotonic clock read as the time since it started, and a fake
//! one that tests move by hand.
//!
//! The state machine never reads a clock itself; the shell reads one and passes the time
//! in, so every rule can be tested with [`FakeClock`].

#[cfg(test)]
use std::cell::Cell;
use std::time::{Duration, Instant};

/// A source of monotonic time, as a duration since the clock's own start.
pub(crate) trait Clock {
    fn now(&self) -> Duration;
}

/// The real clock: `Instant`, which never jumps back and does not count while the
/// machine sleeps.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MonotonicClock {
    start: Instant,
}

impl MonotonicClock {
    pub(crate) fn new() -> Self {
        Self { start: Instant::now() }
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
#[cfg(test)]
#[derive(Debug, Default)]
pub(crate) struct FakeClock {
    now: Cell<Duration>,
}

#[cfg(test)]
impl FakeClock {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    pub(crate) fn set(&self, to: Duration) {
        self.now.set(to);
    }
}

#[cfg(test)]
impl Clock for FakeClock {
    fn now(&self) -> Duration {
        self.now.get()
    }
}
