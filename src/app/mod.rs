//! The application model: which screen is showing, what a key does on it, and when the
//! screen next needs redrawing. No terminal, clock or audio here; [`shell`] owns those.

pub mod follow;
pub mod input;
pub mod keys;
pub mod quiet_backend;
pub mod reload;
pub mod shell;
pub mod sound;
pub mod sounder;

use std::time::Duration;

use ratatui::crossterm::event::KeyEvent;

use crate::config::keymap::Keymap;
use crate::history::read::SessionRecord;
use crate::history::resume::Resumption;
use crate::plan::Plan;
use crate::routine::library::Loaded;
use crate::routine::{Fallbacks, Routine};
use crate::session::{Effect, Event, Session, Status};
use crate::ui::theme::Theme;

/// A routine being run: the file it came from, the routine, and the session over it.
#[derive(Debug, Clone)]
pub struct Run {
    pub loaded: Loaded,
    pub routine: Routine,
    pub session: Session,
    /// Set when this run picks up an unfinished session.
    pub resumed: Option<Resumption>,
}

impl Run {
    /// A session ready to start on a valid routine.
    pub fn new(loaded: Loaded, fallbacks: &Fallbacks) -> Option<Self> {
        let routine = loaded.parsed.routine.clone()?;
        let session = Session::new(Plan::new(&routine, fallbacks));
        Some(Self { loaded, routine, session, resumed: None })
    }

    /// A session that picks up `record` where it stopped, in the routine as it is now;
    /// `None` if the routine has errors or nothing of it is left.
    pub fn resuming(loaded: Loaded, record: &SessionRecord, fallbacks: &Fallbacks) -> Option<Self> {
        let routine = loaded.parsed.routine.clone()?;
        let plan = Plan::new(&routine, fallbacks);
        let hash = crate::history::recorder::content_hash(&loaded.source.text);
        let (start, resumption) = crate::history::resume::place_in(record, &routine, &plan, &hash)?;
        let session = Session::starting_at(plan, start);
        Some(Self { loaded, routine, session, resumed: Some(resumption) })
    }

    /// For a resumed run: "Resuming at Calf stretch, right side, rep 1 of 2." and what
    /// changed, made safe for a terminal.
    pub fn resume_text(&self) -> Option<String> {
        use std::fmt::Write as _;
        let resumed = self.resumed.as_ref()?;
        let from = &resumed.from;
        let name =
            self.routine.steps.iter().find(|s| s.id == from.step).map_or(from.step.as_str(), |s| s.name.as_str());
        let mut text = format!("Resuming at {name}");
        if let Some(side) = &from.side {
            let _ = write!(text, ", {side} side");
        }
        let reps = self.session.phase().map_or(1, |p| p.reps);
        if reps > 1 {
            let _ = write!(text, ", rep {} of {reps}", from.rep);
        }
        text.push('.');
        for note in &resumed.notes {
            text.push(' ');
            text.push_str(note);
        }
        Some(crate::text::sanitize(&text, false))
    }
}

/// The routine picker: every routine, one selected; first, when there is one, the offer
/// to resume an unfinished session.
#[derive(Debug)]
pub struct Picker {
    pub entries: Vec<Loaded>,
    pub selected: usize,
    pub resume: Option<Box<Run>>,
}

/// A row of the picker.
#[derive(Debug, Clone, Copy)]
pub enum PickerRow<'a> {
    Resume(&'a Run),
    Routine(&'a Loaded),
}

impl Picker {
    pub fn rows(&self) -> impl Iterator<Item = PickerRow<'_>> {
        self.resume.iter().map(|r| PickerRow::Resume(r)).chain(self.entries.iter().map(PickerRow::Routine))
    }

    pub fn row(&self, index: usize) -> Option<PickerRow<'_>> {
        self.rows().nth(index)
    }

    fn len(&self) -> usize {
        usize::from(self.resume.is_some()) + self.entries.len()
    }
}

/// What the shell is asked to do for the `e` key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditRequest {
    /// Open the routine's file in the editor.
    Open,
    /// Copy the bundled routine into the user's routines, then edit the copy.
    CopyThenOpen,
}

/// How long a notice about a reload stays on screen.
pub const BRIEF: Duration = Duration::from_secs(6);

/// What is on the screen.
#[derive(Debug)]
pub enum Screen {
    Picker(Picker),
    /// The ready screen, the walk-through and the summary: the session's status says which.
    Run(Box<Run>),
}

/// The whole application state.
#[derive(Debug)]
// Independent switches (settings and one-shot flags), not a state to encode as an enum.
#[allow(clippy::struct_excessive_bools)]
pub struct App {
    pub screen: Screen,
    pub theme: Theme,
    pub fallbacks: Fallbacks,
    /// A one-line message shown at the bottom until replaced, or until `notice_until`.
    pub notice: Option<String>,
    pub notice_until: Option<Duration>,
    /// The lasting notice a brief one covers for a while, shown again when it expires.
    standing: Option<String>,
    /// The person asked to edit the routine; the shell opens the editor.
    pub edit_request: Option<EditRequest>,
    /// The person was told a bundled routine must be copied to be edited.
    copy_offered: bool,
    pub sound: sound::Sound,
    /// The session's keys.
    pub keymap: Keymap,
    /// The countdown in big digits, or as one line.
    pub big_digits: bool,
    /// Ring the terminal bell for cues when there is no sound device.
    pub bell: bool,
    /// The picker a routine was chosen from, where `Esc` on the ready screen goes back to.
    parked_picker: Option<Picker>,
    exit: bool,
}

impl App {
    pub fn with_picker(entries: Vec<Loaded>, resume: Option<Run>, theme: Theme) -> Self {
        Self::new(Screen::Picker(Picker { entries, selected: 0, resume: resume.map(Box::new) }), theme)
    }

    pub fn with_run(run: Run, theme: Theme) -> Self {
        Self::new(Screen::Run(Box::new(run)), theme)
    }

    fn new(screen: Screen, theme: Theme) -> Self {
        Self {
            screen,
            theme,
            fallbacks: Fallbacks::default(),
            notice: None,
            notice_until: None,
            standing: None,
            edit_request: None,
            copy_offered: false,
            sound: sound::Sound::default(),
            keymap: Keymap::default(),
            big_digits: true,
            bell: true,
            parked_picker: None,
            exit: false,
        }
    }

    /// Whether the person has asked to leave.
    pub fn should_exit(&self) -> bool {
        self.exit
    }

    pub fn run(&self) -> Option<&Run> {
        match &self.screen {
            Screen::Run(run) => Some(run),
            Screen::Picker(_) => None,
        }
    }

    /// Applies a key press at `now`; returns the session's effects.
    pub fn key(&mut self, key: KeyEvent, now: Duration) -> Vec<Effect> {
        match &mut self.screen {
            Screen::Picker(picker) => {
                match keys::picker_action(key) {
                    Some(keys::PickerAction::Up) => picker.selected = picker.selected.saturating_sub(1),
                    Some(keys::PickerAction::Down) => {
                        picker.selected = (picker.selected + 1).min(picker.len().saturating_sub(1));
                    }
                    Some(keys::PickerAction::Choose) => self.choose(),
                    Some(keys::PickerAction::Quit) => self.exit = true,
                    None => {}
                }
                Vec::new()
            }
            Screen::Run(run) => {
                if let Some(change) = keys::sound_key(key, &self.keymap) {
                    match change {
                        keys::SoundKey::Louder => self.sound.louder(),
                        keys::SoundKey::Softer => self.sound.softer(),
                        keys::SoundKey::Mute => self.sound.toggle_mute(),
                    }
                    return Vec::new();
                }
                let status = run.session.status();
                if keys::is_edit(key, &self.keymap)
                    && run.session.overlay().is_none()
                    && !matches!(status, Status::Finished { .. })
                {
                    self.request_edit(now);
                    return Vec::new();
                }
                self.copy_offered = false;
                if status == Status::Ready && self.parked_picker.is_some() && keys::is_back_to_picker(key) {
                    self.back_to_picker();
                    return Vec::new();
                }
                let Some(event) = keys::session_event(key, status, run.session.overlay(), &self.keymap) else {
                    return Vec::new();
                };
                let effects = run.session.update(event, now);
                self.exit |= effects.contains(&Effect::Exit);
                effects
            }
        }
    }

    /// Lets time pass: runs out phases whose deadline is reached.
    pub fn tick(&mut self, now: Duration) -> Vec<Effect> {
        match &mut self.screen {
            Screen::Run(run) => run.session.update(Event::Tick, now),
            Screen::Picker(_) => Vec::new(),
        }
    }

    /// Pauses a running session (the terminal is being suspended or handed away).
    pub fn pause(&mut self, now: Duration) -> Vec<Effect> {
        match &mut self.screen {
            Screen::Run(run) if run.session.status() == Status::Running => run.session.update(Event::TogglePause, now),
            _ => Vec::new(),
        }
    }

    /// Resumes a paused session (the editor closed).
    pub fn resume(&mut self, now: Duration) -> Vec<Effect> {
        match &mut self.screen {
            Screen::Run(run) if run.session.status() == Status::Paused && run.session.overlay().is_none() => {
                run.session.update(Event::TogglePause, now)
            }
            _ => Vec::new(),
        }
    }

    /// Ends the session at once (a signal asked the process to stop).
    pub fn stop(&mut self, now: Duration) -> Vec<Effect> {
        self.exit = true;
        match &mut self.screen {
            Screen::Run(run) => run.session.update(Event::Abort, now),
            Screen::Picker(_) => Vec::new(),
        }
    }

    fn request_edit(&mut self, now: Duration) {
        let bundled = self.run().is_some_and(|r| r.loaded.origin == crate::routine::library::Origin::Bundled);
        if !bundled {
            self.edit_request = Some(EditRequest::Open);
        } else if std::mem::take(&mut self.copy_offered) {
            self.edit_request = Some(EditRequest::CopyThenOpen);
        } else {
            self.copy_offered = true;
            let offer = "Bundled routines are read-only: press e again to copy this one to your routines and edit it.";
            self.set_notice(offer, now, Some(BRIEF));
        }
    }

    /// Shows `text` at the bottom, for `lasting` or until replaced.
    pub fn set_notice(&mut self, text: &str, now: Duration, lasting: Option<Duration>) {
        self.notice = Some(text.to_string());
        self.notice_until = lasting.map(|d| now + d);
        if lasting.is_none() {
            self.standing = Some(text.to_string());
        }
    }

    /// Takes a brief notice down once its time is up; whether it did.
    pub fn expire_notice(&mut self, now: Duration) -> bool {
        if self.notice_until.is_some_and(|until| now >= until) {
            self.notice.clone_from(&self.standing);
            self.notice_until = None;
            return true;
        }
        false
    }

    fn choose(&mut self) {
        let Screen::Picker(picker) = &mut self.screen else { return };
        let chosen = match picker.row(picker.selected) {
            Some(PickerRow::Resume(run)) => Some(run.clone()),
            Some(PickerRow::Routine(loaded)) => Run::new(loaded.clone(), &self.fallbacks),
            None => return,
        };
        match chosen {
            Some(run) => {
                let Screen::Picker(picker) = std::mem::replace(&mut self.screen, Screen::Run(Box::new(run))) else {
                    return;
                };
                self.parked_picker = Some(picker);
                self.notice = None;
            }
            None => {
                self.notice = Some("This routine has errors: run `supple check` on it to see them.".to_string());
            }
        }
    }

    fn back_to_picker(&mut self) {
        if let Some(picker) = self.parked_picker.take() {
            self.screen = Screen::Picker(picker);
        }
    }

    /// The next moment the screen or the session needs attention, if any: a deadline, a
    /// countdown tick, or the shown second changing.
    pub fn next_wake(&self, now: Duration) -> Option<Duration> {
        let session_wake = self.run().and_then(|run| {
            let session = &run.session;
            if session.status() != Status::Running {
                return None;
            }
            let second = next_second_boundary(session.remaining(now)).map(|d| now + d);
            earliest(session.next_deadline(now), second)
        });
        earliest(session_wake, self.notice_until)
    }

    /// When the session's next cue is due, if it is running.
    pub fn next_cue_at(&self, now: Duration) -> Option<Duration> {
        self.run()?.session.next_deadline(now)
    }

    /// Everything time-dependent that the screen shows, so the shell redraws only when it
    /// changes.
    pub fn time_view(&self, now: Duration) -> (usize, u64, u64) {
        match self.run() {
            Some(run) => {
                let s = &run.session;
                (s.index(), shown_seconds(s.remaining(now)), shown_seconds(s.total_remaining(now)))
            }
            None => (0, 0, 0),
        }
    }
}

fn earliest(a: Option<Duration>, b: Option<Duration>) -> Option<Duration> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The whole seconds shown for `remaining`: rounded up, so a hold shows its full length
/// at its start and 1 in its last second.
pub fn shown_seconds(remaining: Duration) -> u64 {
    remaining.as_secs() + u64::from(remaining.subsec_nanos() > 0)
}

/// How long until the shown seconds of `remaining` next change.
fn next_second_boundary(remaining: Duration) -> Option<Duration> {
    if remaining.is_zero() {
        return None;
    }
    let fraction = Duration::new(0, remaining.subsec_nanos());
    Some(if fraction.is_zero() { Duration::from_secs(1) } else { fraction })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_seconds_round_up() {
        assert_eq!(shown_seconds(Duration::from_secs(30)), 30);
        assert_eq!(shown_seconds(Duration::from_millis(29_001)), 30);
        assert_eq!(shown_seconds(Duration::from_millis(1)), 1);
        assert_eq!(shown_seconds(Duration::ZERO), 0);
    }

    #[test]
    fn the_next_redraw_is_when_the_shown_second_changes() {
        assert_eq!(next_second_boundary(Duration::from_millis(29_250)), Some(Duration::from_millis(250)));
        assert_eq!(next_second_boundary(Duration::from_secs(29)), Some(Duration::from_secs(1)));
        assert_eq!(next_second_boundary(Duration::ZERO), None);
    }
}
