//! The application model: which screen is showing, what a key does on it, what the shell
//! must do next, and when the screen next needs redrawing. No terminal, clock, audio or
//! files here: the shell passes time and input in and carries out the
//! [`Effect`]s that come back.
//!
//! - [`keys`]: what each key does on each screen.
//! - [`reload`]: an edited routine file applied to the session under way.
//! - [`make_form`]: the picker's form for a session made for today.
//! - [`history_view`]: the history view of `supple history`: the week, day and routine
//!   chosen, keys in.

pub mod history_view;
pub mod keys;
pub mod make_form;
pub mod reload;
pub mod remote;
mod speech;

use std::time::Duration;

use ratatui::crossterm::event::KeyEvent;

use crate::config::Config;
use crate::history::report::Standing;
use crate::pacing;
use crate::remembered::SoundLevel;
use crate::routine::library::{Origin, RoutineFile, Unreadable};
use crate::run::{Offered, Run};
use crate::session::{self, Cue, Event, Record, Status};

/// How long a brief notice (a reload, an offer) stays on screen.
pub(crate) const BRIEF: Duration = Duration::from_secs(6);

/// What the shell must do after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Play a cue's chime at this gain (0 to 1).
    Chime(Cue, f32),
    /// There is no sound device: ring the terminal bell for this cue.
    Bell(Cue),
    /// Write this to the session's history.
    Record(Record),
    /// Something visible changed.
    Redraw,
    /// Open the routine's file in the person's editor.
    Edit(EditRequest),
    /// The person changed the volume or mute: remember it for the next session.
    RememberSound(SoundLevel),
    /// Say this, at this gain (0 to 1), so long from now.
    Speak { phrase: crate::voice::phrasebook::Phrase, gain: f32, after: Duration },
    /// Render these sentences ahead, in this order, for the voice.
    Prepare(Vec<String>),
    /// The person is done: leave.
    Exit,
}

/// Everything time-dependent that the screen shows: the shell redraws only when it changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TimeView {
    index: usize,
    left: u64,
    total_left: u64,
    pace: (Option<pacing::Pacer>, Option<(u32, u32)>),
}

/// Why the routine's file was read again, which decides what is said about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reread {
    /// A change was seen on disk: say nothing if the text is the same.
    Changed,
    /// The editor closed: say so if nothing changed.
    EditorClosed,
    /// The editor exited with an error (its status, if it had one).
    EditorFailed(Option<i32>),
}

/// What the shell is asked to do for the edit key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditRequest {
    /// Open the routine's file in the editor.
    Open,
    /// Copy the bundled routine into the user's routines, then edit the copy.
    CopyThenOpen,
}

/// The routine picker: every routine, one selected; first, when there is one, the offer
/// to resume an unfinished session.
#[derive(Debug)]
pub struct Picker {
    pub entries: Vec<Offered>,
    /// Files in the user's routines that could not be read: listed with why.
    pub unreadable: Vec<Unreadable>,
    pub selected: usize,
    pub resume: Option<Box<Run>>,
    /// The day a session made for today is made for; none, no such row.
    pub today: Option<crate::make::Day>,
    /// The form for it, while it is open.
    pub form: Option<make_form::MakeForm>,
}

/// A row of the picker.
#[derive(Debug, Clone, Copy)]
pub(crate) enum PickerRow<'a> {
    Resume(&'a Run),
    /// "Make one for today".
    Make,
    Routine(&'a Offered),
    Unreadable(&'a Unreadable),
}

impl Picker {
    pub(crate) fn rows(&self) -> impl Iterator<Item = PickerRow<'_>> {
        self.resume
            .iter()
            .map(|r| PickerRow::Resume(r))
            .chain(self.today.map(|_| PickerRow::Make))
            .chain(self.entries.iter().map(PickerRow::Routine))
            .chain(self.unreadable.iter().map(PickerRow::Unreadable))
    }

    pub(crate) fn row(&self, index: usize) -> Option<PickerRow<'_>> {
        self.rows().nth(index)
    }

    fn len(&self) -> usize {
        usize::from(self.resume.is_some())
            + usize::from(self.today.is_some())
            + self.entries.len()
            + self.unreadable.len()
    }
}

/// What is on the screen.
#[derive(Debug)]
pub enum Screen {
    Picker(Picker),
    /// The ready screen, the walk-through and the summary: the session's status says which.
    Run(Box<Run>),
}

/// A one-line message at the bottom of the screen, which expires so the key hints come
/// back; a state that lasts (no sound device, a config mistake) is said that way and then
/// stays as a short marker in the top line.
#[derive(Debug, Default)]
struct Notices {
    shown: Option<String>,
    until: Option<Duration>,
    /// A state's sentence waiting for the notice before it to go.
    waiting: Option<String>,
    markers: Vec<Marker>,
}

/// A lasting state, marked in the top line once its notice has gone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Marker {
    NoSoundDevice,
    ConfigMistake,
    HistoryNotSaved,
}

impl Marker {
    /// The marker's words: short, never colour alone.
    pub fn label(self) -> &'static str {
        match self {
            Self::NoSoundDevice => "no sound device",
            Self::ConfigMistake => "config mistake",
            Self::HistoryNotSaved => "history not saved",
        }
    }
}

/// The whole application state.
#[derive(Debug)]
pub struct App {
    pub screen: Screen,
    pub settings: Config,
    /// How loud the chimes are now.
    pub sound: SoundLevel,
    notices: Notices,
    /// No sound device could be opened: cues ring the bell, if the settings allow.
    no_device: bool,
    /// The person was told a bundled routine must be copied to be edited.
    copy_offered: bool,
    /// The picker a routine was chosen from, where `Esc` on the ready screen goes back to.
    parked_picker: Option<Picker>,
    /// This week's sessions and the streak before this session, for the summary.
    pub standing: Option<Standing>,
    /// How far the key help is scrolled, when it is taller than the screen.
    pub help_scroll: u16,
    voice: speech::VoiceState,
    /// What the remote controls asked last, for a second Next.
    remote: remote::RemoteState,
    /// The ways of steering from away from the keyboard live in this session, for the
    /// help: "media keys", "supple ctl".
    pub remote_live: Vec<&'static str>,
    exit: bool,
}

impl App {
    pub fn with_picker(
        entries: Vec<Offered>,
        unreadable: Vec<Unreadable>,
        resume: Option<Run>,
        settings: Config,
        sound: SoundLevel,
    ) -> Self {
        let picker = Picker { entries, unreadable, selected: 0, resume: resume.map(Box::new), today: None, form: None };
        Self::new(Screen::Picker(picker), settings, sound)
    }

    /// Offers "Make one for today" in the picker, made for `today`.
    #[must_use]
    pub fn with_today(mut self, today: crate::make::Day) -> Self {
        if let Screen::Picker(picker) = &mut self.screen {
            picker.today = Some(today);
        }
        self
    }

    pub fn with_run(run: Run, settings: Config, sound: SoundLevel) -> Self {
        Self::new(Screen::Run(Box::new(run)), settings, sound)
    }

    fn new(screen: Screen, settings: Config, sound: SoundLevel) -> Self {
        Self {
            screen,
            settings,
            sound,
            notices: Notices::default(),
            no_device: false,
            copy_offered: false,
            parked_picker: None,
            standing: None,
            help_scroll: 0,
            voice: speech::VoiceState::default(),
            remote: remote::RemoteState::default(),
            remote_live: Vec::new(),
            exit: false,
        }
    }

    /// The app, knowing where the person stands this week (from the history).
    #[must_use]
    pub fn with_standing(mut self, standing: Standing) -> Self {
        self.standing = Some(standing);
        self
    }

    /// Whether the person has asked to leave.
    pub(crate) fn should_exit(&self) -> bool {
        self.exit
    }

    pub fn run(&self) -> Option<&Run> {
        match &self.screen {
            Screen::Run(run) => Some(run),
            Screen::Picker(_) => None,
        }
    }

    pub(crate) fn run_mut(&mut self) -> Option<&mut Run> {
        match &mut self.screen {
            Screen::Run(run) => Some(run),
            Screen::Picker(_) => None,
        }
    }

    /// Whether no sound device could be opened.
    pub(crate) fn no_sound_device(&self) -> bool {
        self.no_device
    }

    /// The notice to show, if any.
    pub fn notice(&self) -> Option<&str> {
        self.notices.shown.as_deref()
    }

    /// Applies a key press at `now`.
    pub fn key(&mut self, key: KeyEvent, now: Duration) -> Vec<Effect> {
        let Screen::Run(run) = &mut self.screen else {
            self.picker_key(key);
            return vec![Effect::Redraw];
        };
        if let Some(change) = keys::sound_key(key, &self.settings.keys) {
            match change {
                keys::SoundKey::Louder => self.sound.louder(),
                keys::SoundKey::Softer => self.sound.softer(),
                keys::SoundKey::Mute => self.sound.toggle_mute(),
                keys::SoundKey::Voice => {
                    self.sound.toggle_voice();
                    let said = if self.sound.voice { "Voice on." } else { "Voice off." };
                    self.notify(said, now);
                }
            }
            let mut effects = vec![Effect::RememberSound(self.sound), Effect::Redraw];
            effects.extend(self.voice_prepare());
            return effects;
        }
        let status = run.session.status();
        if run.session.overlay() == Some(session::Overlay::Help) {
            match keys::scroll(key) {
                Some(down) => {
                    self.help_scroll =
                        if down { self.help_scroll.saturating_add(1) } else { self.help_scroll.saturating_sub(1) };
                    return vec![Effect::Redraw];
                }
                None => self.help_scroll = 0,
            }
        }
        if keys::is_edit(key, &self.settings.keys)
            && run.session.overlay().is_none()
            && !matches!(status, Status::Finished { .. })
        {
            return self.request_edit(now);
        }
        self.copy_offered = false;
        if status == Status::Ready && self.parked_picker.is_some() && keys::is_back_to_picker(key) {
            self.back_to_picker();
            return vec![Effect::Redraw];
        }
        let Some(event) = keys::session_event(key, status, run.session.overlay(), &self.settings.keys) else {
            return Vec::new();
        };
        self.session_update(event, now)
    }

    fn picker_key(&mut self, key: KeyEvent) {
        let Screen::Picker(picker) = &mut self.screen else { return };
        if let Some(form) = &mut picker.form {
            if keys::is_ctrl_c(key) {
                self.exit = true;
                return;
            }
            match form.key(key) {
                make_form::FormOutcome::Stay => {}
                make_form::FormOutcome::Back => picker.form = None,
                make_form::FormOutcome::Make => self.make_today(),
            }
            return;
        }
        match keys::picker_action(key) {
            Some(keys::PickerAction::Up) => picker.selected = picker.selected.saturating_sub(1),
            Some(keys::PickerAction::Down) => {
                picker.selected = (picker.selected + 1).min(picker.len().saturating_sub(1));
            }
            Some(keys::PickerAction::Choose) => self.choose(),
            Some(keys::PickerAction::Quit) => self.exit = true,
            None => {}
        }
    }

    /// Starts the session at once (plain mode has no ready screen).
    pub(crate) fn start(&mut self, now: Duration) -> Vec<Effect> {
        self.session_update(Event::Start, now)
    }

    /// Lets time pass: runs out phases whose deadline is reached.
    pub fn tick(&mut self, now: Duration) -> Vec<Effect> {
        self.session_update(Event::Tick, now)
    }

    /// Pauses a running session (the terminal is being suspended or handed away).
    pub(crate) fn pause(&mut self, now: Duration) -> Vec<Effect> {
        match self.run() {
            Some(run) if run.session.status() == Status::Running => self.session_update(Event::TogglePause, now),
            _ => Vec::new(),
        }
    }

    /// Resumes a paused session (the editor closed, a suspended plain session came back).
    pub(crate) fn resume(&mut self, now: Duration) -> Vec<Effect> {
        match self.run() {
            // A wait is the person's to end, not the editor's.
            Some(run)
                if run.session.status() == Status::Paused
                    && run.session.overlay().is_none()
                    && !run.session.waiting() =>
            {
                self.session_update(Event::TogglePause, now)
            }
            _ => Vec::new(),
        }
    }

    /// Ends the session at once (a signal asked the process to stop, the output is gone).
    pub(crate) fn stop(&mut self, now: Duration) -> Vec<Effect> {
        self.exit = true;
        self.session_update(Event::Abort, now)
    }

    /// No sound device could be opened: from now on cues ring the bell (if allowed), and
    /// the person is told so, once.
    pub(crate) fn sound_device_missing(&mut self, now: Duration) -> Vec<Effect> {
        self.no_device = true;
        // The voice will not be heard, so the ticks it was given room from come back.
        if let Screen::Run(run) = &mut self.screen {
            run.session.ticks_unyield(now);
        }
        let notice = if self.settings.bell {
            "No sound device: chimes ring the terminal bell."
        } else {
            "No sound device: no chimes."
        };
        self.set_state(Marker::NoSoundDevice, notice, now);
        vec![Effect::Redraw]
    }

    /// The session's update, its effects turned into what the shell must do.
    fn session_update(&mut self, event: Event, now: Duration) -> Vec<Effect> {
        let Screen::Run(run) = &mut self.screen else { return Vec::new() };
        let mut effects = run.session.update(event, now);
        let speech = self.speech(&effects, now);
        let started = speech::started(&effects);
        effects.retain(|e| !matches!(e, session::Effect::Cue(c) if speech.replaced.contains(c)));
        if let (Some(until), Screen::Run(run)) = (speech.heard_until, &mut self.screen) {
            run.session.ticks_yield_until(until);
        }
        let mut out = self.carry_out(effects, now);
        out.extend(speech.said);
        if started {
            out.extend(self.voice_prepare());
        }
        out
    }

    /// The session's effects as the shell's: a cue becomes a chime, the bell, or nothing
    /// when muted or when the bell is off.
    fn carry_out(&mut self, effects: Vec<session::Effect>, now: Duration) -> Vec<Effect> {
        let mut out = Vec::with_capacity(effects.len());
        for effect in effects {
            match effect {
                session::Effect::Cue(cue) => {
                    let breath = matches!(cue, Cue::BreatheIn | Cue::BreatheOut);
                    if self.sound.muted || breath && !self.settings.breath_sound {
                        continue;
                    }
                    if !self.no_device {
                        out.push(Effect::Chime(cue, self.sound.gain() * cue.sound().loudness));
                    } else if self.settings.bell {
                        out.push(Effect::Bell(cue));
                    }
                }
                session::Effect::Record(record) => out.push(Effect::Record(record)),
                session::Effect::Hint(hint) => {
                    if let Some(run) = self.run() {
                        let key = self.settings.keys.first(crate::config::keymap::Action::Back);
                        let text = crate::wording::hint(hint, &run.file.routine, &key);
                        self.notify(&text, now);
                        out.push(Effect::Redraw);
                    }
                }
                session::Effect::Redraw => out.push(Effect::Redraw),
                session::Effect::Exit => {
                    self.exit = true;
                    out.push(Effect::Exit);
                }
            }
        }
        out
    }

    fn request_edit(&mut self, now: Duration) -> Vec<Effect> {
        if self.run().is_some_and(|r| r.file.origin == Origin::Made) {
            self.notify("A session made for today has no file: `supple make ... --save NAME` keeps one to edit.", now);
            return vec![Effect::Redraw];
        }
        let bundled = self.run().is_some_and(|r| r.file.origin == Origin::Bundled);
        if !bundled {
            return vec![Effect::Edit(EditRequest::Open)];
        }
        if std::mem::take(&mut self.copy_offered) {
            return vec![Effect::Edit(EditRequest::CopyThenOpen)];
        }
        self.copy_offered = true;
        let offer = "Bundled routines are read-only: press e again to copy this one to your routines and edit it.";
        self.notify(offer, now);
        vec![Effect::Redraw]
    }

    /// The routine on screen now comes from `path` in the user's routines (a bundled one
    /// was copied there to be edited).
    pub(crate) fn follow_copy(&mut self, path: std::path::PathBuf) {
        if let Some(run) = self.run_mut() {
            run.file.origin = Origin::User;
            run.file.source.path = path;
        }
    }

    /// The copy of a bundled routine is gone again: the routine on screen is the bundled
    /// one, `path`.
    pub(crate) fn back_to_bundled(&mut self, path: std::path::PathBuf) {
        if let Some(run) = self.run_mut() {
            run.file.origin = Origin::Bundled;
            run.file.source.path = path;
        }
    }

    /// Applies the routine's file as read now (or why it could not be read) to the session
    /// on screen, keeping its place, with a notice that says what happened and why.
    pub(crate) fn apply_file(&mut self, read: Result<RoutineFile, String>, now: Duration, why: Reread) -> Vec<Effect> {
        let fallbacks = self.settings.fallbacks;
        let Screen::Run(run) = &mut self.screen else { return Vec::new() };
        let outcome = match read {
            Ok(file) => reload::apply(run, file, &fallbacks, now),
            Err(problem) => reload::Reloaded::Broken { notice: format!("Not reloaded: {problem}") },
        };
        let editor = match why {
            Reread::EditorFailed(Some(code)) => Some(format!("the editor exited with status {code}")),
            Reread::EditorFailed(None) => Some("the editor was stopped".to_string()),
            Reread::Changed | Reread::EditorClosed => None,
        };
        match outcome {
            // The summary says what was run, whatever the file says now.
            reload::Reloaded::Over => Vec::new(),
            reload::Reloaded::Unchanged if why == Reread::Changed => Vec::new(),
            reload::Reloaded::Unchanged => {
                let text = editor.map_or_else(
                    || "No changes.".to_string(),
                    |failed| format!("{}; the routine is unchanged.", capitalised(&failed)),
                );
                self.notify(&text, now);
                vec![Effect::Redraw]
            }
            reload::Reloaded::Applied { effects, notice } => {
                let notice = editor.map_or(notice.clone(), |failed| format!("{notice} ({failed})"));
                self.notify(&notice, now);
                let mut out = self.carry_out(effects, now);
                out.push(Effect::Redraw);
                out.extend(self.voice_prepare());
                out
            }
            reload::Reloaded::Broken { notice } => {
                self.notify(&notice, now);
                vec![Effect::Redraw]
            }
        }
    }

    /// Shows `text` at the bottom for a few seconds ([`BRIEF`]). Text from outside in it (a
    /// path, an editor's name) is made safe here, for every screen.
    pub fn notify(&mut self, text: &str, now: Duration) {
        self.notices.shown = Some(crate::text::sanitize(text, false));
        self.notices.until = Some(now + BRIEF);
    }

    /// A state that lasts: said in full at the bottom for a few seconds (after the notice
    /// showing, if one is: that answers something the person just did), then marked in the
    /// top line for as long as the session runs.
    pub fn set_state(&mut self, marker: Marker, text: &str, now: Duration) {
        if self.notices.shown.is_some() {
            self.notices.waiting = Some(crate::text::sanitize(text, false));
        } else {
            self.notify(text, now);
        }
        if !self.notices.markers.contains(&marker) {
            self.notices.markers.push(marker);
            self.notices.markers.sort_unstable();
        }
    }

    /// The lasting states, for the top line.
    pub fn markers(&self) -> &[Marker] {
        &self.notices.markers
    }

    /// Takes a notice down once its time is up; whether it did.
    pub fn expire_notice(&mut self, now: Duration) -> bool {
        if self.notices.until.is_some_and(|until| now >= until) {
            self.notices.shown = self.notices.waiting.take();
            self.notices.until = self.notices.shown.as_ref().map(|_| now + BRIEF);
            return true;
        }
        false
    }

    fn choose(&mut self) {
        let Screen::Picker(picker) = &mut self.screen else { return };
        let chosen = match picker.row(picker.selected) {
            Some(PickerRow::Resume(run)) => Some(run.clone()),
            Some(PickerRow::Make) => {
                picker.form = Some(make_form::MakeForm::default());
                return;
            }
            Some(PickerRow::Routine(entry)) => {
                Run::practised(entry.file.clone(), &self.settings.fallbacks, entry.practice)
            }
            Some(PickerRow::Unreadable(file)) => {
                let sentence = file.sentence();
                self.notify(&sentence, Duration::ZERO);
                return;
            }
            None => return,
        };
        let Some(run) = chosen else {
            self.notify("This routine has errors: run `supple check` on it to see them.", Duration::ZERO);
            return;
        };
        self.open_run(run);
    }

    /// Leaves the picker for `run`'s ready screen, keeping the picker to come back to.
    fn open_run(&mut self, run: Run) {
        if let Screen::Picker(picker) = std::mem::replace(&mut self.screen, Screen::Run(Box::new(run))) {
            self.parked_picker = Some(picker);
        }
        self.notices.shown = None;
    }

    /// The form's session, made and opened, with what could not be done as asked.
    fn make_today(&mut self) {
        let Screen::Picker(picker) = &mut self.screen else { return };
        let (Some(form), Some(today)) = (&picker.form, picker.today) else { return };
        let (file, notes) = crate::make::file(&form.made_choices(), today, &self.settings.fallbacks);
        let Some(run) = Run::new(file, &self.settings.fallbacks) else {
            self.notify("Nothing could be made for these choices.", Duration::ZERO);
            return;
        };
        self.open_run(run);
        if !notes.is_empty() {
            self.notify(&notes.join(" "), Duration::ZERO);
        }
    }

    fn back_to_picker(&mut self) {
        if let Some(picker) = self.parked_picker.take() {
            self.screen = Screen::Picker(picker);
        }
    }

    /// The next moment the screen or the session needs attention, if any: a deadline, a
    /// countdown tick, the shown second changing, or a notice expiring.
    pub(crate) fn next_wake(&self, now: Duration) -> Option<Duration> {
        let session_wake = self.run().and_then(|run| {
            let session = &run.session;
            if session.status() != Status::Running {
                return None;
            }
            let second = next_second_boundary(session.remaining(now)).map(|d| now + d);
            let pace = session.phase().and_then(|phase| {
                let into = session.elapsed(now);
                pacing::next_change(phase, session.length(), into).map(|at| now + at.saturating_sub(into))
            });
            earliest(earliest(session.next_deadline(now), second), pace)
        });
        earliest(session_wake, self.notices.until)
    }

    /// When the session's next cue is due, if it is running and would sound.
    pub(crate) fn next_chime_at(&self, now: Duration) -> Option<Duration> {
        if self.sound.muted || self.no_device {
            return None;
        }
        self.run()?.session.next_deadline(now)
    }

    /// Everything time-dependent that the screen shows, so the shell redraws only when it
    /// changes.
    pub(crate) fn time_view(&self, now: Duration) -> TimeView {
        let Some(run) = self.run() else { return TimeView::default() };
        let s = &run.session;
        let into = s.elapsed(now);
        let pace = s.phase().map(|phase| {
            let pacer = phase.pacer.filter(|_| s.status() == Status::Running).map(|b| pacing::pacer(b, into));
            (pacer, pacing::counted(phase, s.length(), into))
        });
        TimeView {
            index: s.index(),
            left: shown_seconds(s.remaining(now)),
            total_left: shown_seconds(s.total_remaining(now)),
            pace: pace.unwrap_or_default(),
        }
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

fn earliest(a: Option<Duration>, b: Option<Duration>) -> Option<Duration> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The whole seconds shown for `remaining`: rounded up, so a hold shows its full length
/// at its start and 1 in its last second.
pub(crate) fn shown_seconds(remaining: Duration) -> u64 {
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
