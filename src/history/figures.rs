//! What the history view charts: for every week back to the first session, the sessions
//! that count against the guidance, a mark for each day, the minutes stretched and the
//! longest hold; the streak; the routines to choose between. Pure: the history, "now" and
//! the time zone come in, so tests pin it. The counting is [`super::report`]'s, so the view
//! and the text report always agree.

use std::collections::HashMap;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

use super::read::{History, PainMark, SessionRecord};
use super::report::{self, TARGET};

/// The most weeks the view goes back: ten years, as `supple history --weeks` does.
pub const MOST_WEEKS: usize = 520;

/// What the sessions of one day came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DayMark {
    /// Sessions that count towards the week (see `SessionRecord::counts_for_week`).
    pub counted: u8,
    /// Sessions that do not: quit early, most holds skipped, or never ended.
    pub cut_short: u8,
    /// A hold was marked as painful.
    pub pain: bool,
}

/// One week, Monday to Sunday in local time.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekFigures {
    pub monday: Date,
    /// Sessions that count, as the text report counts them.
    pub counted: usize,
    pub days: [DayMark; 7],
    /// Time stretched, pauses left out, cut-short sessions too.
    pub minutes: f64,
    /// The longest hold planned in the week's sessions (timed activities left out), for
    /// a routine whose holds grow; `None` in a week without one.
    pub longest_hold_s: Option<f64>,
}

impl WeekFigures {
    pub fn met(&self) -> bool {
        self.counted >= TARGET.0
    }
}

/// A routine in the history, as the view offers it to choose.
#[derive(Debug, Clone, PartialEq)]
pub struct RoutineChoice {
    /// How the history names it: its file, `bundled:NAME`, or `made:` for every session
    /// made for a day, which are one choice.
    pub key: String,
    /// Its name in its latest session.
    pub name: String,
    pub sessions: usize,
    /// The longest hold its holds may grow to, when they grow with the weeks.
    pub cap_s: Option<f64>,
}

/// Everything the view charts, for all routines or one.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// This week first, back to the first week with a session (at least this week).
    pub weeks: Vec<WeekFigures>,
    /// Weeks in a row that met the guidance, as the text report counts them.
    pub streak_weeks: usize,
    pub today: Date,
    /// The holds marked as painful, the latest first.
    pub pains: Vec<PainMark>,
}

/// A date's day of the week, Monday 0 to Sunday 6.
pub fn day_index(date: Date) -> usize {
    usize::try_from(date.weekday().to_monday_zero_offset()).unwrap_or(0)
}

/// The key a session's routine goes by in the view.
pub fn routine_key(session: &SessionRecord) -> &str {
    if session.file.starts_with("made:") { "made:" } else { &session.file }
}

/// The routines of `sessions` (in the order they started), the one done most first;
/// `caps` gives, by key, how long the holds of a routine that grows may get.
pub fn routines<'h, S: std::hash::BuildHasher>(
    sessions: impl Iterator<Item = &'h SessionRecord>,
    caps: &HashMap<String, f64, S>,
) -> Vec<RoutineChoice> {
    let mut by_key: HashMap<&str, (usize, &SessionRecord, usize)> = HashMap::new();
    for (order, session) in sessions.enumerate() {
        let entry = by_key.entry(routine_key(session)).or_insert((0, session, order));
        entry.0 += 1;
        (entry.1, entry.2) = (session, order);
    }
    let mut choices: Vec<(usize, RoutineChoice)> = by_key
        .into_iter()
        .map(|(key, (sessions, latest, order))| {
            let name = if key == "made:" { "Sessions made for the day".to_string() } else { latest.routine.clone() };
            (order, RoutineChoice { key: key.to_string(), name, sessions, cap_s: caps.get(key).copied() })
        })
        .collect();
    // Most done first; of two done as often, the one done last.
    choices.sort_by(|(a_order, a), (b_order, b)| b.sessions.cmp(&a.sessions).then(b_order.cmp(a_order)));
    choices.into_iter().map(|(_, choice)| choice).collect()
}

/// The figures as of `now` in `tz`, over the sessions of the routine keyed `routine` (or
/// all); `grows` says that routine's holds grow, so its longest holds are charted.
pub fn figures(history: &History, now: Timestamp, tz: &TimeZone, routine: Option<&str>, grows: bool) -> Figures {
    let ours =
        |s: &&SessionRecord| !super::from_the_future(s.started, now) && routine.is_none_or(|key| routine_key(s) == key);
    let sessions: Vec<&SessionRecord> = history.sessions.iter().filter(ours).collect();
    let this_week = report::week_of(now, tz);
    let per_week = report::per_week(sessions.iter().copied(), tz);
    let first = sessions.iter().map(|s| report::week_of(s.started, tz)).min().unwrap_or(this_week);
    let count = usize::try_from(this_week.since(first).map_or(0, |span| span.get_days() / 7)).unwrap_or(0) + 1;
    let mut weeks: Vec<WeekFigures> = (0..i64::try_from(count.min(MOST_WEEKS)).unwrap_or(1))
        .filter_map(|n| this_week.checked_sub(n.weeks()).ok())
        .map(|monday| WeekFigures {
            monday,
            counted: per_week.get(&monday).copied().unwrap_or(0),
            days: [DayMark::default(); 7],
            minutes: 0.0,
            longest_hold_s: None,
        })
        .collect();
    let index: HashMap<Date, usize> = weeks.iter().enumerate().map(|(i, w)| (w.monday, i)).collect();
    for session in &sessions {
        let date = session.started.to_zoned(tz.clone()).date();
        let Some(&i) = index.get(&report::week_of(session.started, tz)) else { continue };
        let week = &mut weeks[i];
        let day = &mut week.days[day_index(date)];
        if session.counts_for_week() {
            day.counted = day.counted.saturating_add(1);
        } else {
            day.cut_short = day.cut_short.saturating_add(1);
        }
        day.pain |= !session.pains.is_empty();
        week.minutes += session.duration_s() / 60.0;
        if grows {
            let longest = session.holds.iter().filter(|h| !h.activity).map(|h| h.planned_s).reduce(f64::max);
            week.longest_hold_s = match (week.longest_hold_s, longest) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
        }
    }
    Figures {
        weeks,
        streak_weeks: report::Standing { this_week: 0, weeks_before: report::weeks_met_before(&per_week, this_week) }
            .streak(per_week.get(&this_week).copied().unwrap_or(0)),
        today: now.to_zoned(tz.clone()).date(),
        pains: sessions.iter().rev().flat_map(|s| s.pains.iter().rev()).cloned().collect(),
    }
}

/// The sessions of the routine keyed `routine` (or all) that started on `date` in `tz`,
/// in the order they started.
pub fn sessions_on<'h>(
    history: &'h History,
    date: Date,
    tz: &TimeZone,
    routine: Option<&str>,
) -> Vec<&'h SessionRecord> {
    history
        .sessions
        .iter()
        .filter(|s| routine.is_none_or(|key| routine_key(s) == key))
        .filter(|s| s.started.to_zoned(tz.clone()).date() == date)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(id: &str, started: &str, file: &str, counts: bool) -> SessionRecord {
        SessionRecord::sample(id, started, file, Some(counts))
    }

    #[test]
    fn days_are_marked_and_weeks_count_as_the_report_does() {
        let history = History {
            sessions: vec![
                session("a", "2026-11-23T08:00:00Z", "bundled:quick", true),
                session("b", "2026-11-23T18:00:00Z", "bundled:quick", false),
                session("c", "2026-11-25T08:00:00Z", "bundled:deep", true),
                session("d", "2026-12-01T08:00:00Z", "bundled:quick", true),
            ],
            damaged: vec![],
        };
        let now: Timestamp = "2026-12-03T12:00:00Z".parse().unwrap();
        let all = figures(&history, now, &TimeZone::UTC, None, false);
        assert_eq!(
            all.weeks.iter().map(|w| (w.monday.to_string(), w.counted)).collect::<Vec<_>>(),
            [("2026-11-30".to_string(), 1), ("2026-11-23".to_string(), 2)]
        );
        assert_eq!(all.weeks[1].days[0], DayMark { counted: 1, cut_short: 1, pain: false });
        assert_eq!(all.weeks[1].days[2], DayMark { counted: 1, cut_short: 0, pain: false });
        assert!((all.weeks[1].minutes - 30.0).abs() < 1e-9);
        let quick = figures(&history, now, &TimeZone::UTC, Some("bundled:quick"), false);
        assert_eq!(quick.weeks[1].counted, 1, "one routine's sessions only");
        let choices = routines(history.sessions.iter(), &HashMap::new());
        assert_eq!(
            choices.iter().map(|c| (c.key.as_str(), c.sessions)).collect::<Vec<_>>(),
            [("bundled:quick", 3), ("bundled:deep", 1)]
        );
        assert_eq!(sessions_on(&history, "2026-11-23".parse().unwrap(), &TimeZone::UTC, None).len(), 2);
    }
}
