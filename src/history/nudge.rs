//! `supple remind`'s judgement: whether this week is behind the guidance of 3 to 5
//! sessions at the pace of a week, and the line that says so, with the routine done most.
//! Pure: the history, "now" and the time zone come in.

use jiff::Timestamp;
use jiff::tz::TimeZone;

use std::collections::HashMap;

use super::figures::{self, RoutineChoice};
use super::read::History;
use super::report::{self, TARGET};
use crate::wording::plural;

/// How far back "the routine done most" looks.
const RECENT_DAYS: i64 = 28;

/// What the reminder says, when the week is behind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nudge {
    /// "1 of 3 sessions this week".
    pub summary: String,
    /// Where the week stands, the streak at stake, and what to run.
    pub body: String,
}

/// Sessions this week should have by the end of day `day` (Monday 1 … Sunday 7) to reach
/// the guidance's least by Sunday at an even pace.
fn due_by(day: usize) -> usize {
    (TARGET.0 * day).div_ceil(7)
}

/// The nudge for `now`, or `None` when the week is on pace (or met).
pub fn nudge(history: &History, now: Timestamp, tz: &TimeZone) -> Option<Nudge> {
    let standing = report::standing(history, now, tz);
    let today = now.to_zoned(tz.clone()).date();
    let day = figures::day_index(today) + 1;
    let done = standing.this_week;
    if done >= TARGET.0 || done >= due_by(day) {
        return None;
    }
    let (least, most) = TARGET;
    let to_go = least - done;
    let days_left = 7 - day + 1;
    let mut body = format!(
        "{} this week of the {least} to {most} advised: {} more in {}",
        plural(done, "session", "sessions"),
        to_go,
        if days_left == 1 { "the day left".to_string() } else { format!("the {days_left} days left") }
    );
    if standing.weeks_before > 0 {
        body = format!("{body}, to keep your streak of {}", plural(standing.weeks_before, "week", "weeks"));
    }
    body.push('.');
    if let Some(routine) = done_most(history, now) {
        let name = crate::text::sanitize(&routine.name, false);
        body = format!("{body} Done most lately: {name} ({}).", how_to_run(&routine));
    }
    Some(Nudge { summary: format!("Time to stretch: {done} of {least} this week"), body })
}

/// The routine done most in the last four weeks (or ever).
fn done_most(history: &History, now: Timestamp) -> Option<RoutineChoice> {
    let since = now.checked_sub(jiff::SignedDuration::from_hours(24 * RECENT_DAYS)).unwrap_or(now);
    let recent = history.sessions.iter().filter(|s| s.started >= since);
    let none = HashMap::<String, f64>::new();
    let mut choices = figures::routines(recent, &none);
    if choices.is_empty() {
        choices = figures::routines(history.sessions.iter(), &none);
    }
    choices.into_iter().next()
}

/// The command that runs `routine` again.
fn how_to_run(routine: &RoutineChoice) -> String {
    if let Some(key) = routine.key.strip_prefix("bundled:") {
        format!("supple run {key}")
    } else if routine.key.starts_with("made:") {
        "supple make".to_string()
    } else {
        format!("supple run {}", crate::text::sanitize(&routine.key, false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::read::SessionRecord;

    fn history(days: &[&str]) -> History {
        let sessions = days
            .iter()
            .enumerate()
            .map(|(n, day)| {
                let file = if n == 0 { "bundled:warm-up" } else { "bundled:hamstring-relief" };
                SessionRecord::sample(&format!("s{n}"), &format!("{day}T08:00:00Z"), file, Some(true))
            })
            .collect();
        History { sessions, damaged: vec![] }
    }

    fn at(day: &str) -> Timestamp {
        format!("{day}T19:00:00Z").parse().unwrap()
    }

    #[test]
    fn the_pace_is_three_by_sunday() {
        assert_eq!((1..=7).map(due_by).collect::<Vec<_>>(), [1, 1, 2, 2, 3, 3, 3]);
    }

    #[test]
    fn behind_the_pace_it_nudges_and_says_what_to_run() {
        // Monday 30 November 2026, no session yet; three the week before.
        let h = history(&["2026-11-23", "2026-11-24", "2026-11-25"]);
        let nudge = nudge(&h, at("2026-11-30"), &TimeZone::UTC).expect("behind on Monday evening");
        assert_eq!(nudge.summary, "Time to stretch: 0 of 3 this week");
        assert_eq!(
            nudge.body,
            "0 sessions this week of the 3 to 5 advised: 3 more in the 7 days left, to keep your streak of 1 week. \
             Done most lately: hamstring-relief (supple run hamstring-relief)."
        );
    }

    #[test]
    fn on_pace_or_met_it_is_silent() {
        let h = history(&["2026-11-30", "2026-12-02"]);
        assert_eq!(nudge(&h, at("2026-12-03"), &TimeZone::UTC), None, "two by Thursday is on pace");
        assert!(nudge(&h, at("2026-12-04"), &TimeZone::UTC).is_some(), "two by Friday is behind");
        let met = history(&["2026-11-30", "2026-12-01", "2026-12-02"]);
        assert_eq!(nudge(&met, at("2026-12-06"), &TimeZone::UTC), None);
    }
}
