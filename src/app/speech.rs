//! The voice in the model: which sentence to say as a phase begins or a cue comes, in the
//! form that fits before the next sound, and the sentences to render ahead. The phrasebook
//! decides the words; this decides whether and when anything is said: only with the voice
//! on, a sound device, the chimes not muted, and the session running.

use std::time::Duration;

use super::{App, Effect, Screen};
use crate::session::{self, Cue, Event, Status};
use crate::voice::phrasebook::{self, Utterance};

/// The voice's state beside the settings.
#[derive(Debug, Default)]
pub(crate) struct VoiceState {
    /// The engine could not be found: only the built-in sentences can be said.
    pub no_engine: bool,
    /// What the sentences to render were last worked out for.
    prepared_for: Option<(usize, usize, Duration)>,
}

impl App {
    /// Whether the voice is to speak now.
    pub(crate) fn voice_speaks(&self) -> bool {
        self.sound.voice && !self.sound.muted && !self.no_device
    }

    /// The speech for an update: what `event` and the session's `effects` call for, and
    /// the cues whose chime the speech replaces (halfway, time left).
    pub(crate) fn speech(&self, event: Event, effects: &[session::Effect], now: Duration) -> (Vec<Effect>, Vec<Cue>) {
        let Screen::Run(run) = &self.screen else { return (Vec::new(), Vec::new()) };
        if !self.voice_speaks() || run.session.status() == Status::Ready {
            return (Vec::new(), Vec::new());
        }
        let session = &run.session;
        let plan = session.plan();
        let index = session.index();
        let cues: Vec<Cue> =
            effects.iter().filter_map(|e| if let session::Effect::Cue(c) = e { Some(*c) } else { None }).collect();
        let entered = event == Event::Start
            || cues.iter().any(|c| matches!(c, Cue::HoldStart | Cue::SwitchSides | Cue::HoldEnd | Cue::RestEnd));
        let mut said = Vec::new();
        let mut replaced = Vec::new();
        if cues.contains(&Cue::RoutineComplete) {
            let end = phrasebook::at_end(session.active_time(now));
            said.extend(self.say(&end, Duration::from_secs(30), phrasebook::END_LEAD));
        } else if entered && !matches!(session.status(), Status::Finished { .. }) {
            let window = phrasebook::window(plan, index, session.remaining(now));
            if let Some(u) = phrasebook::at_phase(&run.routine, plan, index) {
                said.extend(self.say(&u, window, phrasebook::LEAD));
            }
        }
        for cue in cues.iter().filter(|c| matches!(c, Cue::Halfway | Cue::TimeLeft)) {
            let Some(u) = session.phase().and_then(|p| phrasebook::at_cue(*cue, p)) else { continue };
            if let Some(speak) = self.say(&u, session.remaining(now), Duration::ZERO) {
                said.push(speak);
                replaced.push(*cue);
            }
        }
        (said, replaced)
    }

    /// The form of `utterance` that fits `window`, to say after `after`.
    fn say(&self, utterance: &Utterance, window: Duration, after: Duration) -> Option<Effect> {
        let voice = &self.settings.voice;
        let phrase = phrasebook::choose(utterance, window, voice.rate, !self.voice.no_engine)?;
        Some(Effect::Speak { phrase: phrase.clone(), gain: self.sound.gain(), after })
    }

    /// The sentences to render ahead, when the run on screen has ones not yet asked for.
    pub(crate) fn voice_to_prepare(&mut self) -> Option<Effect> {
        let Screen::Run(run) = &self.screen else { return None };
        if !self.voice_speaks() || self.voice.no_engine {
            return None;
        }
        let plan = run.session.plan();
        let key = (run.file.source.text.len(), plan.phases.len(), plan.total());
        if self.voice.prepared_for == Some(key) {
            return None;
        }
        let texts = phrasebook::every_text(&run.routine, plan);
        self.voice.prepared_for = Some(key);
        Some(Effect::Prepare(texts))
    }

    /// The engine could not be found: the built-in sentences are said, and the person is
    /// told, once, how to hear the rest.
    pub(crate) fn voice_engine_missing(&mut self, program: &str, now: Duration) -> Vec<Effect> {
        self.voice.no_engine = true;
        if !self.voice_speaks() {
            return Vec::new();
        }
        let text = if program == "espeak-ng" {
            "Stretch names are not spoken: install espeak-ng (sudo apt install espeak-ng).".to_string()
        } else {
            format!("Stretch names are not spoken: the voice engine `{program}` was not found.")
        };
        self.notify(&text, now);
        vec![Effect::Redraw]
    }
}
