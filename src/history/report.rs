//! `supple history`: recent sessions, completed sessions a week against the guidance of 3
//! to 5 a week, and the streak of weeks that met it. Weeks run Monday to Sunday in local
//! time. Built from the history and "now" passed in, so tests pin it.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::time::Duration;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use serde::Serialize;

use super::read::{History, SessionRecord};
use crate::progress::Practice;
use crate::{duration, text};

/// The guidance: this many sessions a week, at least and at most.
pub const TARGET: (usize, usize) = (3, 5);

/// One week's count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Week {
    /// The Monday it starts on.
    pub start: String,
    pub completed: usize,
    pub met: bool,
}

/// A session as the report shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    pub session: String,
    pub started: String,
    /// `started` for people: "Sat 21 Nov 09:12".
    #[serde(skip)]
    pub when: String,
    pub routine: String,
    pub file: String,
    pub duration_s: f64,
    /// `completed`, `quit` or `interrupted` (no end recorded: killed, a crash).
    pub outcome: &'static str,
    pub holds_done: u32,
    pub holds_shortened: u32,
    pub holds_skipped: u32,
    pub resumes: Option<String>,
    /// The session `supple resume` would pick up (marked ↻).
    #[serde(skip)]
    pub resumable: bool,
}

/// Everything `supple history` shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Newest first.
    pub recent: Vec<Entry>,
    /// This week first.
    pub weeks: Vec<Week>,
    pub target_min: usize,
    pub target_max: usize,
    /// Weeks in a row that met the target, up to this week (or last week, while this one
    /// is still under way and has not met it yet).
    pub streak_weeks: usize,
    pub damaged_lines: Vec<usize>,
    /// The session `supple resume` would pick up.
    pub resumable: Option<String>,
    /// Holds marked as painful in the weeks shown, newest first.
    pub pain: Vec<Pain>,
    /// Sessions dated after now (a clock set wrong, a copied file): left out of the report.
    pub future_sessions: usize,
}

/// A hold marked as painful, as the report shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pain {
    pub at: String,
    /// `at` for people: "Tue 17 Nov 07:30".
    #[serde(skip)]
    pub when: String,
    pub routine: String,
    pub step: String,
    pub side: Option<crate::side::Side>,
    pub name: String,
    pub session: String,
}

/// Where a person stands this week, for the summary at a session's end: the sessions
/// that count so far, and the streak of full weeks before this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Standing {
    pub this_week: usize,
    pub weeks_before: usize,
}

impl Standing {
    /// The streak once this week has `this_week` sessions: it counts this week from the
    /// target on, as the report does.
    pub fn streak(self, this_week: usize) -> usize {
        self.weeks_before + usize::from(this_week >= TARGET.0)
    }
}

/// Completed sessions that count, per week (Mondays in `tz`).
pub(crate) fn per_week<'h>(sessions: impl Iterator<Item = &'h SessionRecord>, tz: &TimeZone) -> HashMap<Date, usize> {
    let mut per_week: HashMap<Date, usize> = HashMap::new();
    for session in sessions.filter(|s| s.counts_for_week()) {
        *per_week.entry(week_of(session.started, tz)).or_default() += 1;
    }
    per_week
}

/// Weeks in a row before `this_week` that met the target.
pub(crate) fn weeks_met_before(per_week: &HashMap<Date, usize>, this_week: Date) -> usize {
    let count = |week: Date| per_week.get(&week).copied().unwrap_or(0);
    (1i64..).map_while(|n| this_week.checked_sub(n.weeks()).ok()).take_while(|&w| count(w) >= TARGET.0).count()
}

/// Where a person stands as of `now` in `tz`.
pub(crate) fn standing(history: &History, now: Timestamp, tz: &TimeZone) -> Standing {
    let this_week = week_of(now, tz);
    let per_week = per_week(history.sessions.iter(), tz);
    Standing {
        this_week: per_week.get(&this_week).copied().unwrap_or(0),
        weeks_before: weeks_met_before(&per_week, this_week),
    }
}

/// What the history says of one routine, recorded as `file` or under its `name`, for
/// holds that grow with the weeks: its completed sessions in each week before this one.
pub(crate) fn practice(history: &History, (file, name): (&str, &str), now: Timestamp, tz: &TimeZone) -> Practice {
    let this_week = week_of(now, tz);
    let mut per_week: HashMap<Date, usize> = HashMap::new();
    let ours = |s: &&SessionRecord| s.counts_for_week() && (s.file == file || s.routine == name);
    for session in history.sessions.iter().filter(ours) {
        let week = week_of(session.started, tz);
        if week < this_week {
            *per_week.entry(week).or_default() += 1;
        }
    }
    let last_week = this_week.checked_sub(1.weeks()).ok().and_then(|w| per_week.get(&w)).copied().unwrap_or(0);
    Practice::from_weeks(per_week.into_values(), last_week)
}

/// Builds the report as of `now` in `tz`.
pub fn build(history: &History, now: Timestamp, tz: &TimeZone, recent: usize, weeks: usize) -> Report {
    // One session is resumable, even when a damaged file holds two of the same id.
    let candidate = super::resume::candidate(history, now);
    let this_week = week_of(now, tz);
    let per_week = per_week(history.sessions.iter(), tz);
    let count = |week: Date| per_week.get(&week).copied().unwrap_or(0);
    let back = |n: i64| this_week.checked_sub(n.weeks()).ok();
    // Weeks back to the first one with a session, so a new history is not weeks of zeros.
    let first = history.sessions.iter().map(|s| week_of(s.started, tz)).min().unwrap_or(this_week);
    let since_first = this_week.since(first).map_or(0, |span| span.get_days() / 7);
    let weeks: Vec<Week> = (0..i64::try_from(weeks).unwrap_or(0).min(i64::from(since_first) + 1))
        .filter_map(back)
        .map(|w| Week { start: w.to_string(), completed: count(w), met: count(w) >= TARGET.0 })
        .collect();
    let streak_weeks =
        Standing { this_week: 0, weeks_before: weeks_met_before(&per_week, this_week) }.streak(count(this_week));
    let since = weeks.last().and_then(|w| w.start.parse::<Date>().ok()).unwrap_or(this_week);
    let past = |s: &&SessionRecord| !super::from_the_future(s.started, now);
    let year = now.to_zoned(tz.clone()).year();
    Report {
        recent: history
            .sessions
            .iter()
            .rev()
            .filter(past)
            .take(recent)
            .map(|s| entry(s, tz, year, candidate.is_some_and(|c| std::ptr::eq(c, s))))
            .collect(),
        weeks,
        target_min: TARGET.0,
        target_max: TARGET.1,
        streak_weeks,
        damaged_lines: history.damaged.clone(),
        resumable: candidate.map(|s| s.id.clone()),
        pain: pains_since(history, since, now, tz, year),
        future_sessions: history.sessions.iter().filter(|s| super::from_the_future(s.started, now)).count(),
    }
}

/// `at` for people: "Sat 21 Nov 09:12", with the year when it is not `year`'s.
fn when(local: &jiff::Zoned, year: i16) -> String {
    let format = if local.year() == year { "%a %d %b %H:%M" } else { "%a %d %b %Y %H:%M" };
    local.strftime(format).to_string()
}

/// The holds marked as painful from the Monday `since` on, newest first.
fn pains_since(history: &History, since: Date, now: Timestamp, tz: &TimeZone, year: i16) -> Vec<Pain> {
    let mut pains: Vec<Pain> = history
        .sessions
        .iter()
        .flat_map(|s| s.pains.iter().map(move |p| (s, p)))
        .filter(|(_, p)| p.at.to_zoned(tz.clone()).date() >= since && !super::from_the_future(p.at, now))
        .map(|(s, p)| {
            let local = p.at.to_zoned(tz.clone());
            Pain {
                at: local.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
                when: when(&local, year),
                routine: s.routine.clone(),
                step: p.place.step.clone(),
                side: p.place.side,
                name: p.name.clone(),
                session: s.id.clone(),
            }
        })
        .collect();
    pains.sort_by(|a, b| b.at.cmp(&a.at));
    pains
}

/// The Monday of the week `at` falls in, in `tz`.
pub(crate) fn week_of(at: Timestamp, tz: &TimeZone) -> Date {
    let date = at.to_zoned(tz.clone()).date();
    let back = i64::from(date.weekday().to_monday_zero_offset());
    date.checked_sub(back.days()).unwrap_or(date)
}

fn entry(s: &SessionRecord, tz: &TimeZone, year: i16, resumable: bool) -> Entry {
    let outcome = match &s.ended {
        Some(e) if e.completed => "completed",
        Some(_) => "quit",
        None => "interrupted",
    };
    let local = s.started.to_zoned(tz.clone());
    Entry {
        session: s.id.clone(),
        started: local.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        when: when(&local, year),
        routine: s.routine.clone(),
        file: s.file.clone(),
        duration_s: s.duration_s(),
        outcome,
        holds_done: s.holds_done,
        holds_shortened: s.holds_shortened,
        holds_skipped: s.holds_skipped,
        resumes: s.resumes.clone(),
        resumable,
    }
}

/// The report for people.
pub fn text(report: &Report) -> String {
    let mut out = String::new();
    if report.recent.is_empty() {
        out.push_str("No sessions yet. `supple` opens the picker; `supple list` shows every routine.\n");
    } else {
        out.push_str("Recent sessions, newest first\n");
        for line in recent_lines(&report.recent, WIDTH - 2) {
            let _ = writeln!(out, "  {line}");
        }
    }
    let _ = writeln!(
        out,
        "\nCompleted sessions a week (the guidance: {} to {})\n  A session counts when at least half of its holds were held to the end.",
        report.target_min, report.target_max
    );
    for (i, week) in report.weeks.iter().enumerate() {
        let shown = week.completed.min(report.target_max);
        let bar = format!("{}{}", "■".repeat(shown), "·".repeat(report.target_max - shown));
        let more = if week.completed > report.target_max { "+" } else { " " };
        let label = match (i, week.met) {
            (0, true) => "  met, this week",
            (0, false) => "  this week",
            (_, true) => "  met",
            (_, false) => "",
        };
        let start =
            week.start.parse::<Date>().map_or_else(|_| week.start.clone(), |d| d.strftime("%d %b %Y").to_string());
        let _ = writeln!(out, "  week of {start}  {bar}{more} {:>2}{label}", week.completed);
    }
    let weeks = crate::wording::plural(report.streak_weeks, "week", "weeks");
    let _ = match report.streak_weeks {
        0 => writeln!(out, "\nStreak: none yet. {} completed sessions in a week starts one.", report.target_min),
        _ => writeln!(out, "\nStreak: {weeks} in a row with {} or more.", report.target_min),
    };
    if report.resumable.is_some() {
        out.push_str("`supple resume` picks up the unfinished session marked ↻.\n");
    }
    if report.future_sessions > 0 {
        let sessions = crate::wording::plural(report.future_sessions, "session is", "sessions are");
        let _ = writeln!(out, "{sessions} dated after now and left out: is this computer's clock right?");
    }
    pain_lines(report, &mut out);
    out
}

/// The holds marked as painful in the weeks shown, and what to do about them.
fn pain_lines(report: &Report, out: &mut String) {
    if report.pain.is_empty() {
        return;
    }
    let weeks = crate::wording::plural(report.weeks.len().max(1), "week", "weeks");
    let _ = writeln!(out, "\nMarked as painful in the last {weeks}");
    let when_width = report.pain.iter().map(|p| text::width(&p.when)).max().unwrap_or(0);
    for pain in &report.pain {
        let side = pain.side.map(|s| format!(", {}", s.label())).unwrap_or_default();
        let what = text::sanitize(&format!("{}{side} · {}", pain.name, pain.routine), false);
        let room = WIDTH.saturating_sub(2 + when_width + 2);
        let _ = writeln!(out, "  {}  {}", text::pad(&pain.when, when_width), text::truncate(&what, room));
    }
    out.push_str("Ease off in these; if the pain comes back, have it looked at by a physiotherapist or doctor.\n");
}

/// The widest a line of the report is: it fits an 80-column terminal.
const WIDTH: usize = 80;

/// What became of a session: its outcome and mark ("quit ↻"), and the details ("7 held ·
/// 1 skipped · resumed").
fn outcome(e: &Entry) -> (String, String) {
    let mut details = vec![format!("{} held", e.holds_done)];
    if e.holds_shortened > 0 {
        details.push(format!("{} shortened", e.holds_shortened));
    }
    if e.holds_skipped > 0 {
        details.push(format!("{} skipped", e.holds_skipped));
    }
    if e.resumes.is_some() {
        details.push("resumed".to_string());
    }
    let mark = if e.resumable { " ↻" } else { "" };
    (format!("{}{mark}", e.outcome), details.join(" · "))
}

/// `word` (which may end in the resume mark) and `details` on one line, the mark last.
fn joined(word: &str, details: &str) -> String {
    match word.strip_suffix(" ↻") {
        Some(word) => format!("{word} · {details} ↻"),
        None => format!("{word} · {details}"),
    }
}

/// The recent sessions' lines, in one layout that fits `width`: the routine's name takes
/// what the other columns leave, from 8 to 28 columns, and a session with more to say
/// than fits says the rest on a line of its own below.
fn recent_lines(recent: &[Entry], width: usize) -> Vec<String> {
    let times: Vec<String> =
        recent.iter().map(|e| duration::clock(Duration::from_secs_f64(e.duration_s.clamp(0.0, 1e9)))).collect();
    let time_width = times.iter().map(String::len).max().unwrap_or(4);
    let when_width = recent.iter().map(|e| text::width(&e.when)).max().unwrap_or(0);
    // when, name, time and the outcome, two spaces apart.
    let fixed = when_width + 2 + 2 + time_width + 2;
    let one_line = |e: &Entry| {
        let (word, details) = outcome(e);
        fixed + text::width(&word) + 3 + text::width(&details) + 8 <= width
    };
    let widest = recent
        .iter()
        .map(|e| {
            let (word, details) = outcome(e);
            if one_line(e) { text::width(&word) + 3 + text::width(&details) } else { text::width(&word) }
        })
        .max()
        .unwrap_or(0);
    let name_width = width.saturating_sub(fixed + widest).clamp(8, 28);
    let mut lines = Vec::new();
    for (e, time) in recent.iter().zip(&times) {
        let name = text::truncate(&text::sanitize(&e.routine, false), name_width);
        let (word, details) = outcome(e);
        let head = format!(
            "{}  {}  {time:>time_width$}  {word}",
            text::pad(&e.when, when_width),
            text::pad(&name, name_width)
        );
        if one_line(e) {
            let head =
                format!("{}  {}  {time:>time_width$}  ", text::pad(&e.when, when_width), text::pad(&name, name_width));
            lines.push(format!("{head}{}", joined(&word, &details)));
        } else {
            lines.push(head);
            lines.push(format!("{}{details}", " ".repeat(when_width + 2)));
        }
    }
    lines
}

/// The report for scripts.
pub(crate) fn json(report: &Report) -> String {
    let mut text = serde_json::to_string_pretty(report).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::read::{Ending, SessionRecord};

    fn session(id: &str, started: &str, completed: Option<bool>) -> SessionRecord {
        let started: Timestamp = started.parse().unwrap();
        SessionRecord {
            id: id.into(),
            routine: "Quick".into(),
            file: "bundled:quick".into(),
            hash: "h".into(),
            steps: vec!["a".into()],
            started,
            last_seen: started,
            planned_s: 60.0,
            ended: completed.map(|completed| Ending {
                completed,
                active_s: 61.0,
                paused_s: 0.0,
                stopped: (!completed).then(|| super::super::format::Place { step: "a".into(), side: None, rep: 1 }),
            }),
            holds_done: 2,
            holds_shortened: 0,
            holds_skipped: u32::from(completed == Some(false)),
            last_hold: None,
            resumes: None,
            from: None,
            pains: Vec::new(),
            holds: crate::history::holds::Holds::default(),
        }
    }

    #[test]
    fn sessions_from_the_future_are_left_out_and_said_so_and_other_years_are_dated_with_theirs() {
        let mut history = history();
        history.sessions.insert(0, session("old", "2025-12-30T07:30:00Z", Some(true)));
        history.sessions.push(session("future", "2099-12-07T07:30:00Z", Some(true)));
        let now: Timestamp = "2026-11-19T12:00:00Z".parse().unwrap();
        let report = build(&history, now, &TimeZone::UTC, 20, 4);
        assert_eq!(report.recent.first().map(|e| e.session.as_str()), Some("c"), "the newest past session first");
        assert!(report.recent.iter().all(|e| e.session != "future"));
        assert_eq!(report.future_sessions, 1);
        let old = report.recent.iter().find(|e| e.session == "old").unwrap();
        assert_eq!(old.when, "Tue 30 Dec 2025 07:30");
        assert_eq!(report.recent[0].when, "Wed 18 Nov 07:30");
        assert!(text(&report).contains("1 session is dated after now and left out"), "{}", text(&report));
    }

    /// Three completed sessions in each of the two weeks before this one, one this week.
    fn history() -> History {
        let mut sessions: Vec<SessionRecord> = Vec::new();
        for (i, day) in
            ["2026-11-03", "2026-11-05", "2026-11-07", "2026-11-09", "2026-11-11", "2026-11-15"].iter().enumerate()
        {
            sessions.push(session(&format!("s{i}"), &format!("{day}T07:30:00Z"), Some(true)));
        }
        // Quit, of a routine not run again since.
        let mut quit = session("q", "2026-11-17T07:30:00Z", Some(false));
        quit.file = "bundled:other".into();
        sessions.push(quit);
        sessions.push(session("c", "2026-11-18T07:30:00Z", Some(true)));
        History { sessions, damaged: vec![4] }
    }

    #[test]
    fn weeks_count_completed_sessions_and_the_streak_waits_for_this_week() {
        let now: Timestamp = "2026-11-21T12:00:00Z".parse().unwrap();
        let report = build(&history(), now, &TimeZone::UTC, 10, 4);
        let counts: Vec<(&str, usize)> = report.weeks.iter().map(|w| (w.start.as_str(), w.completed)).collect();
        // From the first week with a session: no weeks of zeros before it.
        assert_eq!(counts, vec![("2026-11-16", 1), ("2026-11-09", 3), ("2026-11-02", 3)]);
        assert_eq!(report.streak_weeks, 2, "this week is under way; the two before it met the target");
        assert_eq!(report.resumable.as_deref(), Some("q"));
        insta::assert_snapshot!(text(&report));
    }

    #[test]
    fn two_sessions_of_one_id_get_one_resume_mark() {
        let mut history = history();
        let twin = history.sessions.iter().find(|s| s.id == "q").cloned().unwrap();
        history.sessions.insert(0, twin);
        let now: Timestamp = "2026-11-21T12:00:00Z".parse().unwrap();
        let shown = text(&build(&history, now, &TimeZone::UTC, 20, 4));
        assert_eq!(shown.matches('↻').count(), 2, "one row and the closing hint: {shown}");
    }

    #[test]
    fn every_line_fits_80_columns() {
        let mut history = history();
        for s in &mut history.sessions {
            s.routine = "Deep stretch for legs, hips and the whole of the back, long form".into();
            (s.holds_done, s.holds_shortened, s.holds_skipped) = (14, 12, 13);
            s.resumes = Some("x".into());
        }
        let now: Timestamp = "2026-11-21T12:00:00Z".parse().unwrap();
        let shown = text(&build(&history, now, &TimeZone::UTC, 20, 520));
        for line in shown.lines() {
            assert!(text::width(line) <= 80, "{} columns: {line:?}", text::width(line));
        }
        assert!(shown.contains("12 shortened") && shown.contains("13 skipped"), "what went wrong is kept: {shown}");
    }

    #[test]
    fn a_week_that_missed_ends_the_streak() {
        let now: Timestamp = "2026-12-01T12:00:00Z".parse().unwrap();
        let report = build(&history(), now, &TimeZone::UTC, 10, 4);
        assert_eq!(report.streak_weeks, 0);
    }

    #[test]
    fn weeks_are_local() {
        // Sunday 23:30 in New York is Monday in UTC.
        let tz = TimeZone::fixed(jiff::tz::offset(-5));
        let at: Timestamp = "2026-11-16T04:30:00Z".parse().unwrap();
        assert_eq!(week_of(at, &tz).to_string(), "2026-11-09");
        assert_eq!(week_of(at, &TimeZone::UTC).to_string(), "2026-11-16");
    }

    #[test]
    fn pain_marks_in_the_weeks_shown_are_listed_newest_first_with_advice() {
        let mark = |at: &str, step: &str, side| crate::history::read::PainMark {
            at: at.parse().unwrap(),
            place: super::super::format::Place { step: step.into(), side, rep: 1 },
            name: format!("{step} stretch"),
        };
        let mut old = session("old", "2026-09-01T09:00:00Z", Some(true));
        old.pains.push(mark("2026-09-01T09:01:00Z", "hip", None));
        let mut recent = session("new", "2026-11-17T09:00:00Z", Some(true));
        recent.pains.push(mark("2026-11-17T09:01:00Z", "calf", Some(crate::side::Side::Left)));
        recent.pains.push(mark("2026-11-17T09:05:00Z", "hamstring", None));
        let history = History { sessions: vec![old, recent], damaged: vec![] };
        let now: Timestamp = "2026-11-21T12:00:00Z".parse().unwrap();
        let report = build(&history, now, &TimeZone::UTC, 10, 4);
        let steps: Vec<&str> = report.pain.iter().map(|p| p.step.as_str()).collect();
        assert_eq!(steps, ["hamstring", "calf"], "September is outside the 4 weeks shown");
        let shown = text(&report);
        assert!(
            shown.ends_with(
                "\nMarked as painful in the last 4 weeks\n  Tue 17 Nov 09:05  hamstring stretch · Quick\n  \
                 Tue 17 Nov 09:01  calf stretch, left · Quick\nEase off in these; if the pain comes back, have it \
                 looked at by a physiotherapist or doctor.\n"
            ),
            "{shown}"
        );
        let quiet = History { sessions: vec![session("a", "2026-11-17T09:00:00Z", Some(true))], damaged: vec![] };
        assert!(!text(&build(&quiet, now, &TimeZone::UTC, 10, 4)).contains("painful"));
    }
}
