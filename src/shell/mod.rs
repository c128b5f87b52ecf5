//! The shell around the pure parts: the terminal, the clock, input, signals, sound, the
//! history file and the routine's file. It runs the model ([`crate::app`]) and carries out
//! the effects it returns.
//!
//! It waits for whichever comes first: a key, a resize, a signal, a file change, or the
//! next moment something visible changes. There is no fixed-rate redraw. The full-screen
//! session and plain mode run the same loop and differ only in their [`Front`]: what they
//! show and how they hand the terminal over.
//!
//! - [`terminal`]: the full-screen front; [`lines`]: plain mode's.
//! - [`browse`]: the history view's loop, keys in and frames out.
//! - [`input`]: keys and signals into one channel.
//! - [`canvas`]: frames compared so only changes are sent; [`backend`]: sending them in few
//!   bytes.
//! - [`follow`]: the routine's file watched and read again.
//! - [`sounder`]: chimes and the bell.
//! - [`speaker`]: the voice's sentences, rendered ahead and said through the chimes' mixer.
//! - [`control`]: steering from away from the keyboard: the desktop bus (media keys, the
//!   screen kept awake) and `supple ctl`'s socket.

pub mod backend;
pub mod browse;
pub mod canvas;
pub mod control;
pub mod follow;
pub mod input;
pub mod lines;
pub mod sounder;
pub mod speaker;
pub mod terminal;

use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use anyhow::{Context, Result};

use crate::app::{App, EditRequest, Effect, Reread, keys};
use crate::audio::{Chimes, Report};
use crate::history::recorder::Recorder;
use crate::session::clock::{Clock, MonotonicClock};
use crate::session::{Record, Status};
use follow::Follower;
use input::{Input, KeyReader};
use sounder::Sounder;

/// What a way of showing a session does; the loop is the same for all.
pub(crate) trait Front {
    /// Shows `app` at `now`; `changed` says something besides the time changed. An error
    /// means the output is gone.
    fn show(&mut self, app: &App, now: Duration, changed: bool) -> std::io::Result<()>;
    /// Gives the terminal back, for a suspend or another program.
    fn release(&mut self);
    /// Takes the terminal again after [`Front::release`], and repaints.
    fn retake(&mut self) -> Result<()>;
    /// Stops the process (Ctrl-Z, SIGTSTP), the terminal given back until it goes on.
    fn stop_process(&mut self) -> Result<()> {
        self.release();
        signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP).context("suspending")?;
        self.retake()
    }
    /// Tells the person of a problem that does not stop the session.
    fn warn(&mut self, app: &mut App, text: &str, now: Duration);
    /// Whether a suspended session goes on by itself when it comes back.
    fn resumes_after_suspend(&self) -> bool;
    /// Whether the front is done once the session is over (plain mode has no summary
    /// screen to leave).
    fn ends_with_session(&self) -> bool;
}

/// Runs `app` full-screen until the person leaves; returns the app as it ended.
pub(crate) fn full_screen(mut app: App) -> Result<App> {
    let mut shell = Shell::new(&app.settings.voice)?;
    shell.controls = control::Controls::start(app.settings.control, &shell.tx);
    app.remote_live = shell.controls.live();
    let front = terminal::FullScreen::enter()?;
    let keys = KeyReader::spawn(shell.tx.clone()).context("reading the keyboard")?;
    shell.run(app, front, Some(&keys))
}

/// Runs `app`'s session at once, one line per transition, until it ends.
pub(crate) fn plain(mut app: App) -> Result<App> {
    let mut shell = Shell::new(&app.settings.voice)?;
    let mut front = lines::Lines::default();
    // No key is read here, so nothing may wait for one.
    if let Some(run) = app.run_mut() {
        run.session.never_wait();
    }
    let now = shell.clock.now();
    let effects = app.start(now);
    shell.carry_out(&effects, &mut app, &mut front, now);
    shell.run(app, front, None)
}

/// What the loop does after an input.
enum Flow {
    /// Go on, redrawing if the screen changed.
    Redraw(bool),
    Leave,
}

/// Everything the loop waits on and writes to.
struct Shell {
    tx: std::sync::mpsc::Sender<Input>,
    inputs: Receiver<Input>,
    clock: MonotonicClock,
    sounder: Sounder,
    /// The history of the current run, from its start.
    recorder: Option<Recorder>,
    follower: Follower,
    /// Media keys, `supple ctl`, the screen kept awake: none in plain mode.
    controls: control::Controls,
}

impl Shell {
    fn new(voice: &crate::voice::VoiceSettings) -> Result<Self> {
        let (tx, inputs) = channel();
        input::spawn_signals(tx.clone()).context("installing signal handlers")?;
        let audio_tx = tx.clone();
        let chimes = Chimes::start(move |Report::NoDevice| {
            let _ = audio_tx.send(Input::NoSoundDevice);
        });
        let engine = voice.engine();
        if !engine.available() {
            let _ = tx.send(Input::NoVoiceEngine(engine.program().to_string()));
        }
        Ok(Self {
            follower: Follower::new(tx.clone()),
            tx,
            inputs,
            clock: MonotonicClock::new(),
            sounder: Sounder::new(chimes.clone(), speaker::Speaker::start(voice, chimes)),
            recorder: None,
            controls: control::Controls::none(),
        })
    }

    fn run(&mut self, mut app: App, mut front: impl Front, keys: Option<&KeyReader>) -> Result<App> {
        let mut changed = true;
        loop {
            let now = self.clock.now();
            self.follower.read_if_due(&app, now);
            let effects = app.tick(now);
            changed |= self.carry_out(&effects, &mut app, &mut front, now);
            if app.should_exit() {
                break;
            }
            self.follower.follow(&app, now);
            self.controls.follow(&app, now);
            self.sounder.warm_ahead(app.next_chime_at(now), now);
            self.sounder.ring_due(now);
            changed |= app.expire_notice(now);
            // An output that cannot be written to has gone (a closed window, a closed
            // pipe): end the session as stopped, as a hang-up would.
            if front.show(&app, now, changed).is_err() {
                let effects = app.stop(now);
                self.carry_out(&effects, &mut app, &mut front, now);
                break;
            }
            let finished = app.run().is_some_and(|r| matches!(r.session.status(), Status::Finished { .. }));
            if front.ends_with_session() && finished {
                let clock = &self.clock;
                self.sounder.ring_out(|| clock.now());
                break;
            }
            let wake =
                [app.next_wake(now), self.follower.due(), self.sounder.next_bell(), self.controls.next_wake(&app, now)]
                    .into_iter()
                    .flatten()
                    .min();
            changed = match self.next_input(wake.map(|at| at.saturating_sub(now))) {
                Some(input) => match self.handle(input, &mut app, &mut front, keys)? {
                    Flow::Redraw(redraw) => redraw,
                    Flow::Leave => break,
                },
                None => false,
            };
        }
        drop(front);
        Ok(app)
    }

    /// Reacts to one input.
    fn handle(
        &mut self,
        input: Input,
        app: &mut App,
        front: &mut impl Front,
        keys: Option<&KeyReader>,
    ) -> Result<Flow> {
        let now = self.clock.now();
        let changed = match input {
            Input::Keys(pressed) => {
                let mut changed = false;
                for key in pressed {
                    changed |= self.key(key, app, front)?;
                }
                if let Some(keys) = keys {
                    keys.read_on();
                }
                changed
            }
            Input::Suspend => {
                self.suspend(app, front)?;
                true
            }
            Input::Resize => true,
            Input::RoutineChanged => {
                self.follower.changed(now);
                false
            }
            Input::RoutineRead(read, why) => {
                let effects = app.apply_file(*read, now, why);
                self.carry_out(&effects, app, front, now)
            }
            Input::NoSoundDevice => {
                let effects = app.sound_device_missing(now);
                self.carry_out(&effects, app, front, now)
            }
            Input::NoVoiceEngine(program) => {
                let effects = app.voice_engine_missing(&program, now);
                self.carry_out(&effects, app, front, now)
            }
            Input::Remote(_, _, sent) if sent.elapsed() > control::ANSWER_WITHIN => false,
            Input::Remote(command, reply, _) => {
                let effects = command.map(|c| app.remote(c, now)).unwrap_or_default();
                let changed = self.carry_out(&effects, app, front, now);
                if let Some(reply) = reply {
                    let _ = reply.send(app.now_playing(self.clock.now()));
                }
                changed
            }
            Input::Stop | Input::Closed => {
                let effects = app.stop(now);
                self.carry_out(&effects, app, front, now);
                // Plain mode's last line says where it stopped.
                if front.ends_with_session() {
                    let _ = front.show(app, now, true);
                }
                return Ok(Flow::Leave);
            }
        };
        Ok(Flow::Redraw(changed))
    }

    /// One key press: Ctrl-Z suspends; the edit key hands the terminal to the editor;
    /// anything else goes to the model. Returns whether the screen changed.
    fn key(&mut self, key: ratatui::crossterm::event::KeyEvent, app: &mut App, front: &mut impl Front) -> Result<bool> {
        if keys::is_suspend(key) {
            self.suspend(app, front)?;
            return Ok(true);
        }
        let now = self.clock.now();
        let effects = app.key(key, now);
        let changed = self.carry_out(&effects, app, front, now);
        let edit = effects.iter().find_map(|e| match e {
            Effect::Edit(request) => Some(*request),
            _ => None,
        });
        if let Some(request) = edit {
            self.edit(app, front, request)?;
            return Ok(true);
        }
        Ok(changed)
    }

    /// Carries out `effects`, each of them here: sound, the voice, the history, remembering
    /// the volume. Opening the editor and leaving change the loop's course: [`Shell::key`]
    /// and [`Shell::run`] act on them once these are done. Returns whether the screen
    /// changed.
    fn carry_out(&mut self, effects: &[Effect], app: &mut App, front: &mut impl Front, now: Duration) -> bool {
        let mut records: Vec<&Record> = Vec::new();
        let mut redraw = false;
        for effect in effects {
            match effect {
                Effect::Chime(cue, gain) => self.sounder.chime(*cue, *gain),
                Effect::Bell(cue) => self.sounder.bell(*cue, now),
                Effect::Speak { phrase, gain, after } => {
                    self.sounder.speak(phrase, *gain, *after);
                    // The music comes back a moment after the sentence ends.
                    let heard = crate::voice::phrasebook::estimate(&phrase.text, app.settings.voice.rate);
                    self.controls.speaking(*after + heard + Duration::from_millis(500));
                }
                Effect::Prepare(texts) => self.sounder.prepare(texts),
                Effect::RememberSound(level) => level.save(),
                Effect::Record(record) => records.push(record),
                Effect::Redraw => redraw = true,
                Effect::Edit(_) | Effect::Exit => {}
            }
        }
        if records.iter().any(|r| matches!(r, Record::Started { .. })) {
            self.recorder = Some(Recorder::new(crate::dirs::history_file().as_deref()));
        }
        if let (Some(recorder), Some(run)) = (self.recorder.as_mut(), app.run())
            && !records.is_empty()
            && let Some(warning) = recorder.record(records, run, now)
        {
            front.warn(app, &warning, now);
        }
        redraw
    }

    /// Waits for the next input, or until `timeout` passes (forever without one).
    fn next_input(&self, timeout: Option<Duration>) -> Option<Input> {
        match timeout {
            Some(timeout) => match self.inputs.recv_timeout(timeout) {
                Ok(input) => Some(input),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => Some(Input::Closed),
            },
            None => Some(self.inputs.recv().unwrap_or(Input::Closed)),
        }
    }

    /// Hands the terminal back and stops the process (Ctrl-Z); on `fg`, takes the terminal
    /// again. The session is paused meanwhile, and stays paused unless the front says
    /// otherwise.
    fn suspend(&mut self, app: &mut App, front: &mut impl Front) -> Result<()> {
        let now = self.clock.now();
        let effects = app.pause(now);
        self.carry_out(&effects, app, front, now);
        front.stop_process()?;
        if front.resumes_after_suspend() && !effects.is_empty() {
            let now = self.clock.now();
            let effects = app.resume(now);
            self.carry_out(&effects, app, front, now);
        }
        Ok(())
    }

    /// Opens the routine in the editor: the session pauses, the terminal is handed to the
    /// editor (the key reader waits meanwhile), and on return the file is read again and
    /// a session that was running goes on.
    fn edit(&mut self, app: &mut App, front: &mut impl Front, request: EditRequest) -> Result<()> {
        let now = self.clock.now();
        let paused = app.pause(now);
        self.carry_out(&paused, app, front, now);
        // The bundled routine's name and text, while a copy of it is being edited.
        let bundled = app.run().map(|r| (r.file.source.path.clone(), r.file.source.text.clone()));
        let copied = request == EditRequest::CopyThenOpen;
        if copied && !copy_for_editing(app, now) {
            self.resume_after(app, front, !paused.is_empty());
            return Ok(());
        }
        let Some(path) = app.run().map(|r| r.file.source.path.clone()) else { return Ok(()) };
        front.release();
        let opened = crate::editing::editor::open(&path);
        front.retake()?;
        // A copy that was never changed is not left behind to shadow the bundled routine.
        if let Some((bundled_path, text)) = bundled.filter(|_| copied)
            && std::fs::read_to_string(&path).is_ok_and(|now| now == text)
            && std::fs::remove_file(&path).is_ok()
        {
            app.back_to_bundled(bundled_path);
            let notice = "Nothing was changed, so the copy is gone: this is the bundled routine as it was.";
            app.notify(notice, self.clock.now());
            self.follower.follow(app, self.clock.now());
            self.resume_after(app, front, !paused.is_empty());
            return Ok(());
        }
        match opened {
            Ok(status) if status.success() => self.follower.read(app, Reread::EditorClosed),
            Ok(status) => self.follower.read(app, Reread::EditorFailed(status.code())),
            Err(error) => {
                let text = format!("Could not start the editor `{}`: {error}", crate::editing::editor::command());
                app.notify(&text, self.clock.now());
            }
        }
        self.follower.follow(app, self.clock.now());
        self.resume_after(app, front, !paused.is_empty());
        Ok(())
    }

    fn resume_after(&mut self, app: &mut App, front: &mut impl Front, was_running: bool) {
        if was_running {
            let now = self.clock.now();
            let effects = app.resume(now);
            self.carry_out(&effects, app, front, now);
        }
    }
}

/// Copies the bundled routine on screen into the user's routines and makes the session
/// follow the copy; false (with a notice) if it could not.
fn copy_for_editing(app: &mut App, now: Duration) -> bool {
    let Some(run) = app.run() else { return false };
    let copied = crate::dirs::routines()
        .ok_or_else(|| anyhow::anyhow!("no config directory"))
        .and_then(|dir| crate::editing::template::copy_bundled((&run.file.key, &run.file.source.text), &dir));
    match copied {
        Ok(path) => {
            app.follow_copy(path);
            true
        }
        Err(error) => {
            app.notify(&format!("Could not copy the routine: {error:#}"), now);
            false
        }
    }
}
