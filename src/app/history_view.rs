//! The history view's state: the history as read, the routine, week and day chosen, the
//! day's sessions open or not. Keys in, what to do next out; pure, so a test drives it
//! with a fixed "now" and time zone.

use std::collections::HashMap;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use ratatui::crossterm::event::KeyEvent;

use super::keys::{HistoryAction, history_action};
use crate::history::figures::{self, Figures, RoutineChoice, WeekFigures};
use crate::history::read::{History, SessionRecord};

/// What the view asks of the shell after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Stay; `true` when the screen changed.
    Stay(bool),
    Leave,
    /// Leave and resume the unfinished session.
    Resume,
}

/// See the module documentation.
#[derive(Debug)]
pub struct HistoryView {
    history: History,
    now: Timestamp,
    tz: TimeZone,
    pub routines: Vec<RoutineChoice>,
    /// The routine charted, an index into `routines`; `None` for all.
    pub routine: Option<usize>,
    pub figures: Figures,
    /// The week chosen: 0 is this week, 1 the one before...
    pub week: usize,
    /// The day chosen, Monday 0 to Sunday 6.
    pub day: usize,
    /// The chosen day's sessions are shown, scrolled down this many rows.
    pub open: Option<u16>,
    /// The session `r` resumes, described ("Deep hips, Tuesday at 18:02").
    pub resumable: Option<String>,
}

impl HistoryView {
    /// The view of `history` (read with every hold) as of `now` in `tz`, on this week and
    /// today; `caps` gives how long each growing routine's holds may get, by key.
    pub fn new<S: std::hash::BuildHasher>(
        history: History,
        now: Timestamp,
        tz: TimeZone,
        caps: &HashMap<String, f64, S>,
    ) -> Self {
        let routines = figures::routines(history.sessions.iter(), caps);
        let resumable = crate::history::resume::candidate(&history, now)
            .map(|s| format!("{}, {}", s.routine, crate::wording::day_and_time(s.started, now, &tz)));
        let figures = figures::figures(&history, now, &tz, None, false);
        let day = figures::day_index(figures.today);
        Self { history, now, tz, routines, routine: None, figures, week: 0, day, open: None, resumable }
    }

    /// The routine charted, when one is.
    pub fn chosen_routine(&self) -> Option<&RoutineChoice> {
        self.routine.and_then(|i| self.routines.get(i))
    }

    /// The week chosen.
    pub fn chosen_week(&self) -> &WeekFigures {
        &self.figures.weeks[self.week.min(self.figures.weeks.len() - 1)]
    }

    /// The day chosen.
    pub fn chosen_date(&self) -> Date {
        self.chosen_week()
            .monday
            .checked_add(jiff::Span::new().days(i64::try_from(self.day).unwrap_or(0)))
            .unwrap_or(self.figures.today)
    }

    /// The chosen day's sessions of the routine charted, in the order they started.
    pub fn day_sessions(&self) -> Vec<&SessionRecord> {
        figures::sessions_on(&self.history, self.chosen_date(), &self.tz, self.chosen_routine().map(|r| r.key.as_str()))
    }

    pub fn tz(&self) -> &TimeZone {
        &self.tz
    }

    /// What `key` does.
    pub fn key(&mut self, key: KeyEvent) -> Outcome {
        let Some(action) = history_action(key) else { return Outcome::Stay(false) };
        let before = (self.routine, self.week, self.day, self.open);
        match action {
            HistoryAction::Quit => return Outcome::Leave,
            HistoryAction::Back if self.open.is_none() => return Outcome::Leave,
            HistoryAction::Back => self.open = None,
            HistoryAction::Resume if self.resumable.is_some() => return Outcome::Resume,
            HistoryAction::Resume => {}
            HistoryAction::Open => self.open = if self.open.is_some() { None } else { Some(0) },
            HistoryAction::EarlierWeek | HistoryAction::LaterWeek if self.open.is_some() => {
                let down = action == HistoryAction::LaterWeek;
                self.open = self.open.map(|s| if down { s.saturating_add(1) } else { s.saturating_sub(1) });
            }
            HistoryAction::EarlierWeek => self.move_weeks(1),
            HistoryAction::LaterWeek => self.move_weeks(-1),
            HistoryAction::EarlierMonth => self.move_weeks(4),
            HistoryAction::LaterMonth => self.move_weeks(-4),
            HistoryAction::ThisWeek => {
                self.week = 0;
                self.day = self.today_index();
            }
            HistoryAction::PreviousDay => self.move_day(-1),
            HistoryAction::NextDay => self.move_day(1),
            HistoryAction::NextRoutine => self.choose_routine(true),
            HistoryAction::PreviousRoutine => self.choose_routine(false),
        }
        if self.open.is_some() && (self.week, self.day) != (before.1, before.2) {
            self.open = Some(0);
        }
        Outcome::Stay((self.routine, self.week, self.day, self.open) != before)
    }

    /// Scrolls the open day back to a row that exists: the view knows its rows only once
    /// drawn.
    pub fn clamp_scroll(&mut self, most: u16) {
        if let Some(scroll) = self.open.as_mut() {
            *scroll = (*scroll).min(most);
        }
    }

    fn today_index(&self) -> usize {
        figures::day_index(self.figures.today)
    }

    /// `by` weeks back (or forward when negative), within the history; never past today.
    fn move_weeks(&mut self, by: isize) {
        let last = self.figures.weeks.len() - 1;
        self.week = self.week.saturating_add_signed(by).min(last);
        if self.week == 0 {
            self.day = self.day.min(self.today_index());
        }
    }

    /// A day back or forward, into the week before or after at its ends; never past today.
    fn move_day(&mut self, by: isize) {
        match self.day.checked_add_signed(by) {
            Some(day) if day < 7 && (self.week > 0 || day <= self.today_index()) => self.day = day,
            Some(7..) if self.week > 0 => {
                self.week -= 1;
                self.day = 0;
            }
            None if self.week + 1 < self.figures.weeks.len() => {
                self.week += 1;
                self.day = 6;
            }
            _ => {}
        }
    }

    /// The next routine (or the one before), all of them before the first and after the last.
    fn choose_routine(&mut self, forward: bool) {
        let count = self.routines.len();
        self.routine = match (self.routine, forward) {
            (None, true) if count > 0 => Some(0),
            (None, false) if count > 0 => Some(count - 1),
            (Some(i), true) if i + 1 < count => Some(i + 1),
            (Some(i), false) if i > 0 => Some(i - 1),
            _ => None,
        };
        let chosen = self.chosen_routine();
        let grows = chosen.is_some_and(|r| r.cap_s.is_some());
        let key = chosen.map(|r| r.key.clone());
        self.figures = figures::figures(&self.history, self.now, &self.tz, key.as_deref(), grows);
        self.week = self.week.min(self.figures.weeks.len() - 1);
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    use super::*;

    fn press(view: &mut HistoryView, code: KeyCode) -> Outcome {
        view.key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn view() -> HistoryView {
        let mut history = History::default();
        for started in ["2026-11-09T08:00:00Z", "2026-11-23T08:00:00Z", "2026-12-01T08:00:00Z"] {
            history.sessions.push(SessionRecord::sample(started, started, "bundled:quick", None));
        }
        // A Thursday.
        HistoryView::new(history, "2026-12-03T12:00:00Z".parse().unwrap(), TimeZone::UTC, &HashMap::new())
    }

    #[test]
    fn days_move_across_weeks_but_never_past_today() {
        let mut view = view();
        assert_eq!((view.week, view.day), (0, 3), "today to start");
        assert_eq!(press(&mut view, KeyCode::Right), Outcome::Stay(false), "tomorrow is not there yet");
        press(&mut view, KeyCode::Up);
        assert_eq!(view.chosen_date().to_string(), "2026-11-26");
        for _ in 0..4 {
            press(&mut view, KeyCode::Left);
        }
        assert_eq!((view.week, view.day), (2, 6), "the Sunday of the week before");
        press(&mut view, KeyCode::PageUp);
        assert_eq!(view.week, 3, "no further than the first week");
        press(&mut view, KeyCode::Home);
        assert_eq!((view.week, view.day), (0, 3));
    }

    #[test]
    fn enter_opens_the_day_and_escape_closes_it_before_leaving() {
        let mut view = view();
        press(&mut view, KeyCode::Left);
        press(&mut view, KeyCode::Left);
        assert_eq!(press(&mut view, KeyCode::Enter), Outcome::Stay(true));
        assert_eq!(view.day_sessions().len(), 1, "Tuesday's session");
        assert_eq!(press(&mut view, KeyCode::Down), Outcome::Stay(true), "scrolls the open day");
        assert_eq!(view.week, 0);
        assert_eq!(press(&mut view, KeyCode::Esc), Outcome::Stay(true));
        assert_eq!(press(&mut view, KeyCode::Esc), Outcome::Leave);
    }

    #[test]
    fn r_resumes_only_what_can_be() {
        let mut view = view();
        assert!(view.resumable.is_some(), "the sessions never ended");
        assert_eq!(press(&mut view, KeyCode::Char('r')), Outcome::Resume);
        view.resumable = None;
        assert_eq!(press(&mut view, KeyCode::Char('r')), Outcome::Stay(false));
    }

    #[test]
    fn tab_goes_through_the_routines_and_back_to_all() {
        let mut view = view();
        press(&mut view, KeyCode::Tab);
        assert_eq!(view.chosen_routine().map(|r| r.key.as_str()), Some("bundled:quick"));
        press(&mut view, KeyCode::Tab);
        assert_eq!(view.chosen_routine(), None);
    }
}
