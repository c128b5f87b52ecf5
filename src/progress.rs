//! Holds that change with the person: growing with the weeks a routine was kept up
//! (`progress` in a routine), and scaled by a setting (`hold_scale` in the config).
//!
//! The rule is pure: what the history says of a routine comes in as a [`Practice`] (how
//! many past weeks reached each number of sessions), and today's hold comes out. It is
//! derived afresh each time a session starts, never stored, so the history alone decides
//! it. A week that missed the mark keeps the holds where they were: they only ever grow,
//! up to the cap the routine names.

use std::time::Duration;

/// The most sessions a week a routine may ask for before its holds grow: one a day.
pub const MOST_SESSIONS: u32 = 7;

/// `progress = { add = "5s", sessions = 3, up_to = "60s" }`: holds grow by `add` for every
/// past week with at least `sessions` completed sessions of the routine, up to `up_to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub add: Duration,
    /// Completed sessions in a week that make it count, 1 to [`MOST_SESSIONS`].
    pub sessions: u32,
    pub up_to: Duration,
}

/// Whether a step's holds grow: as the routine says, or not at all (`progress = false`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Growth {
    Off,
    By(Progress),
}

/// What the history says of one routine: for each number of sessions, how many weeks
/// before this one had at least that many completed; and how many last week had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Practice {
    /// `weeks_with[n - 1]`: past weeks with at least `n` sessions.
    weeks_with: [u16; MOST_SESSIONS as usize],
    /// Completed sessions last week (Monday to Sunday).
    pub last_week: u32,
}

impl Practice {
    /// From the completed sessions of each past week (this week left out) and last week's.
    pub fn from_weeks(past_weeks: impl IntoIterator<Item = usize>, last_week: usize) -> Self {
        let mut weeks_with = [0u16; MOST_SESSIONS as usize];
        for sessions in past_weeks {
            for slot in weeks_with.iter_mut().take(sessions) {
                *slot = slot.saturating_add(1);
            }
        }
        Self { weeks_with, last_week: u32::try_from(last_week).unwrap_or(u32::MAX) }
    }

    /// Past weeks with at least `sessions` completed sessions.
    pub fn weeks_with(&self, sessions: u32) -> u32 {
        let index = usize::try_from(sessions.clamp(1, MOST_SESSIONS) - 1).unwrap_or(0);
        u32::from(self.weeks_with[index])
    }
}

impl Progress {
    /// The hold of `written` length today: one `add` for every week that met the mark,
    /// never past `up_to` (nor below what is written, should it be written longer).
    pub fn hold(self, written: Duration, practice: &Practice) -> Duration {
        let grown = written.saturating_add(self.add.saturating_mul(practice.weeks_with(self.sessions)));
        grown.min(self.up_to.max(written))
    }

    /// Whether a hold of `written` length has reached its cap today.
    pub fn capped(self, written: Duration, practice: &Practice) -> bool {
        self.hold(written, practice) >= self.up_to.max(written)
    }
}

/// `hold_scale = 1.5`: every hold (in seconds or in breaths) so many times as long, in
/// hundredths so that it compares exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HoldScale {
    percent: u32,
}

impl HoldScale {
    /// The least and most scale, in hundredths.
    pub const RANGE: std::ops::RangeInclusive<u32> = 50..=300;
    pub const ONE: Self = Self { percent: 100 };

    /// A scale of `factor` (0.5 to 3), to the hundredth; `None` out of range, however
    /// little (3.0000001 is out: it is the factor that is checked, not its rounding).
    pub fn new(factor: f64) -> Option<Self> {
        if !(0.5..=3.0).contains(&factor) {
            return None;
        }
        let percent = (factor * 100.0).round();
        // In range, and checked finite and non-negative just above.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let percent = percent as u32;
        Self::RANGE.contains(&percent).then_some(Self { percent })
    }

    pub fn is_one(self) -> bool {
        self == Self::ONE
    }

    /// "1.5", as a person would write it.
    pub fn factor(self) -> String {
        let text = format!("{}.{:02}", self.percent / 100, self.percent % 100);
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }

    /// A hold so scaled, to the whole second, never under one.
    pub fn time(self, hold: Duration) -> Duration {
        if self.is_one() {
            return hold;
        }
        let millis = hold.as_millis().saturating_mul(u128::from(self.percent)) / 100;
        let seconds = u64::try_from((millis + 500) / 1000).unwrap_or(u64::MAX);
        Duration::from_secs(seconds.max(1))
    }

    /// A number of breaths so scaled, to the nearest, never under one.
    pub fn count(self, n: u32) -> u32 {
        if self.is_one() {
            return n;
        }
        let scaled = (u64::from(n) * u64::from(self.percent) + 50) / 100;
        u32::try_from(scaled).unwrap_or(u32::MAX).max(1)
    }
}

impl Default for HoldScale {
    fn default() -> Self {
        Self::ONE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    const FIVE_A_WEEK_TO_60: Progress =
        Progress { add: Duration::from_secs(5), sessions: 3, up_to: Duration::from_secs(60) };

    #[test]
    fn a_hold_grows_once_for_every_week_that_met_the_mark() {
        // Weeks oldest first: 3, 1 (missed), 4, 0 (missed), 3 sessions.
        let practice = Practice::from_weeks([3, 1, 4, 0, 3], 3);
        assert_eq!(practice.weeks_with(3), 3);
        assert_eq!(FIVE_A_WEEK_TO_60.hold(secs(30), &practice), secs(45));
        // Asking for one session a week, four weeks had one or more.
        let weekly = Progress { sessions: 1, ..FIVE_A_WEEK_TO_60 };
        assert_eq!(weekly.hold(secs(30), &practice), secs(50));
    }

    #[test]
    fn missed_weeks_keep_the_holds_where_they_were() {
        let before = Practice::from_weeks([3, 3], 3);
        let after_two_missed = Practice::from_weeks([3, 3, 2, 0], 0);
        assert_eq!(FIVE_A_WEEK_TO_60.hold(secs(30), &before), secs(40));
        assert_eq!(FIVE_A_WEEK_TO_60.hold(secs(30), &after_two_missed), secs(40));
    }

    #[test]
    fn holds_stop_at_the_cap_and_never_go_below_what_is_written() {
        let years = Practice::from_weeks(std::iter::repeat_n(5, 200), 5);
        assert_eq!(FIVE_A_WEEK_TO_60.hold(secs(30), &years), secs(60));
        assert!(FIVE_A_WEEK_TO_60.capped(secs(30), &years));
        assert_eq!(FIVE_A_WEEK_TO_60.hold(secs(90), &years), secs(90));
        assert_eq!(FIVE_A_WEEK_TO_60.hold(secs(30), &Practice::default()), secs(30));
        assert!(!FIVE_A_WEEK_TO_60.capped(secs(30), &Practice::default()));
    }

    #[test]
    fn a_scale_multiplies_holds_to_the_second_and_breaths_to_the_nearest() {
        let half_again = HoldScale::new(1.5).expect("in range");
        assert_eq!(half_again.time(secs(30)), secs(45));
        assert_eq!(half_again.time(secs(25)), secs(38));
        assert_eq!(half_again.count(5), 8);
        assert_eq!(HoldScale::new(2.0).expect("in range").time(secs(30)), secs(60));
        assert_eq!(HoldScale::new(0.5).expect("in range").time(secs(1)), secs(1));
        assert_eq!(half_again.factor(), "1.5");
        assert_eq!(HoldScale::new(2.0).expect("in range").factor(), "2");
        assert_eq!(HoldScale::new(1.25).expect("in range").factor(), "1.25");
        assert_eq!(HoldScale::ONE.time(secs(30)), secs(30));
    }

    #[test]
    fn a_scale_out_of_range_is_refused() {
        for factor in [0.0, 0.4, 3.1, -1.0, f64::NAN, f64::INFINITY] {
            assert_eq!(HoldScale::new(factor), None, "{factor}");
        }
        assert!(HoldScale::new(3.0).is_some() && HoldScale::new(0.5).is_some());
    }
}
