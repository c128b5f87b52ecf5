//! The voice in the model: which sentence to say as a phase begins or a cue comes, in the
//! form that fits before the next sound, and the sentences to render ahead. The phrasebook
//! decides the words; this decides whether and when anything is said: only with the voice
//! on, a sound device, the chimes not muted, and the session running.

use std::time::Duration;

use super::{App, Effect, Screen};
use crate::session::{self, Cue, Status};
use crate::voice::phrasebook::{self, Utterance};

/// The voice's state beside the settings.
#[derive(Debug, Default)]
pub(crate) struct VoiceState {
    /// The engine could not be found: only the built-in sentences can be said.
    pub no_engine: bool,
}

/// What the voice says for an update.
#[derive(Debug, Default)]
pub(crate) struct Speech {
    pub said: Vec<Effect>,
    /// The cues whose chime the speech replaces.
    pub replaced: Vec<Cue>,
    /// When the phase's sentence has been heard out.
    pub heard_until: Option<Duration>,
}

/// Whether the session started with these effects.
pub(crate) fn started(effects: &[session::Effect]) -> bool {
    effects.iter().any(|e| matches!(e, session::Effect::Record(session::Record::Started { .. })))
}

impl App {
    /// Whether the voice is to speak now.
    pub(crate) fn voice_speaks(&self) -> bool {
        self.sound.voice && !self.sound.muted && !self.no_device
    }

    /// The speech for an update: what the session's `effects` call for, the cues whose
    /// chime the speech replaces (halfway, time left), and until when a phase's sentence
    /// is heard (the countdown ticks before then yield to it).
    pub(crate) fn speech(&self, effects: &[session::Effect], now: Duration) -> Speech {
        let mut out = Speech::default();
        let Screen::Run(run) = &self.screen else { return out };
        if !self.voice_speaks() || run.session.status() == Status::Ready {
            return out;
        }
        let session = &run.session;
        let plan = session.plan();
        let index = session.index();
        let cues: Vec<Cue> =
            effects.iter().filter_map(|e| if let session::Effect::Cue(c) = e { Some(*c) } else { None }).collect();
        let entered = started(effects)
            || cues.iter().any(|c| matches!(c, Cue::HoldStart | Cue::SwitchSides | Cue::HoldEnd | Cue::RestEnd));
        if cues.contains(&Cue::RoutineComplete) {
            let end = phrasebook::at_end(session.active_time(now));
            out.said.extend(self.say(&end, Duration::from_secs(30), phrasebook::END_LEAD));
        } else if entered && !matches!(session.status(), Status::Finished { .. }) {
            let window = phrasebook::window(plan, index, session.remaining(now));
            if let Some(speak) = phrasebook::at_phase(&run.file.routine, plan, index)
                .and_then(|u| self.say(&u, window, phrasebook::LEAD))
            {
                if let Effect::Speak { phrase, .. } = &speak {
                    out.heard_until = Some(now + phrasebook::heard_until(phrase, self.settings.voice.rate));
                }
                out.said.push(speak);
            }
        }
        for cue in cues.iter().filter(|c| c.sound().says.is_some()) {
            let Some(u) = session.phase().and_then(|p| phrasebook::at_cue(*cue, p)) else { continue };
            if let Some(speak) = self.say(&u, session.remaining(now), Duration::ZERO) {
                out.said.push(speak);
                out.replaced.push(*cue);
            }
        }
        out
    }

    /// The form of `utterance` that fits `window`, to say after `after`.
    fn say(&self, utterance: &Utterance, window: Duration, after: Duration) -> Option<Effect> {
        let voice = &self.settings.voice;
        let phrase = phrasebook::choose(utterance, window, voice.rate, !self.voice.no_engine)?;
        Some(Effect::Speak { phrase: phrase.clone(), gain: self.sound.gain(), after })
    }

    /// The sentences to render ahead for the session on screen: asked for as it starts (not
    /// on the ready screen: the first frame comes first, and a routine looked at and left
    /// costs nothing), when its routine changes and when the voice comes on.
    pub(crate) fn voice_prepare(&self) -> Option<Effect> {
        let Screen::Run(run) = &self.screen else { return None };
        if !self.voice_speaks() || self.voice.no_engine || run.session.status() == Status::Ready {
            return None;
        }
        Some(Effect::Prepare(phrasebook::every_text(&run.file.routine, run.session.plan())))
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

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use crate::app::{App, Effect};
    use crate::config::Config;
    use crate::files::SourceFile;
    use crate::remembered::SoundLevel;
    use crate::routine::Fallbacks;
    use crate::routine::library::{Origin, RoutineFile};
    use crate::run::Run;

    /// Get ready 5 s, a 60 s hold on each side (with halfway and ten-seconds cues), a 6 s
    /// switch between.
    const ROUTINE: &str = "name = \"Voice\"\n[[step]]\nname = \"Calf stretch\"\nhold = \"60s\"\nsides = \"both\"\n\
                           switch_sides = 6\n";

    fn app(sound: SoundLevel) -> App {
        let source = SourceFile { path: "voice.toml".into(), text: ROUTINE.to_string() };
        let run = Run::new(RoutineFile::new(Origin::Path, source), &Fallbacks::default()).expect("valid");
        App::with_run(run, Config::default(), sound)
    }

    /// What is said between `from` and `to`, a tick each 100 ms, after a start at 0.
    fn said(app: &mut App, to: u64) -> Vec<(u64, String)> {
        let mut out = Vec::new();
        let mut record = |at: u64, effects: Vec<Effect>| {
            for effect in effects {
                if let Effect::Speak { phrase, .. } = effect {
                    out.push((at, phrase.text));
                }
            }
        };
        record(0, app.start(Duration::ZERO));
        for at in (100..=to).step_by(100) {
            record(at, app.tick(Duration::from_millis(at)));
        }
        out
    }

    #[test]
    fn each_moment_gets_the_form_that_fits_and_halfway_is_spoken_not_chimed() {
        let mut app = app(SoundLevel::default());
        let mut chimes = Vec::new();
        let mut ticks = Vec::new();
        let mut spoken = Vec::new();
        app.start(Duration::ZERO).into_iter().for_each(|e| {
            if let Effect::Speak { phrase, .. } = e {
                spoken.push((0, phrase.text));
            }
        });
        for at in (100..=72_000).step_by(100) {
            for effect in app.tick(Duration::from_millis(at)) {
                match effect {
                    Effect::Speak { phrase, .. } => spoken.push((at, phrase.text)),
                    Effect::Chime(crate::cue::Cue::CountdownTick, _) => ticks.push(at),
                    Effect::Chime(cue, _) => chimes.push(cue),
                    _ => {}
                }
            }
        }
        let texts: Vec<(u64, &str)> = spoken.iter().map(|(at, t)| (*at, t.as_str())).collect();
        // The 5 s get-ready is said whole, halfway and ten seconds into the hold, and the
        // 6 s switch whole.
        assert_eq!(
            texts,
            [
                (0, "Calf stretch, left side, 1 minute"),
                (35_000, "Halfway"),
                (55_000, "Ten seconds"),
                (65_000, "Switch to the right side")
            ]
        );
        // The ticks yield to the speech: the get-ready's sentence is heard until about
        // 3.5 s, so only its last tick is played; the switch's ends at 2.6 s, before all three.
        assert_eq!(ticks, [4_000, 68_000, 69_000, 70_000]);
        assert!(!chimes.contains(&crate::cue::Cue::Halfway), "halfway is said instead of chimed");
        assert!(chimes.contains(&crate::cue::Cue::HoldStart));
    }

    #[test]
    fn a_session_started_with_space_is_spoken_from_its_first_phase_and_renders_ahead() {
        let mut app = app(SoundLevel::default());
        let space = ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Char(' '));
        let effects = app.key(space, Duration::ZERO);
        assert!(
            effects
                .iter()
                .any(|e| matches!(e, Effect::Speak { phrase, .. } if phrase.text.starts_with("Calf stretch")))
        );
        assert!(effects.iter().any(|e| matches!(e, Effect::Prepare(texts) if texts.contains(&"Halfway".to_string()))));
    }

    #[test]
    fn ticks_held_back_for_speech_come_back_when_the_sound_device_turns_out_missing() {
        let mut app = app(SoundLevel::default());
        let mut ticks = Vec::new();
        app.start(Duration::ZERO);
        // The device's absence is reported a moment after the start, as the audio thread
        // finds it.
        app.sound_device_missing(Duration::from_millis(300));
        for at in (400..=5_000).step_by(100) {
            for effect in app.tick(Duration::from_millis(at)) {
                if matches!(effect, Effect::Bell(crate::cue::Cue::CountdownTick)) {
                    ticks.push(at);
                }
            }
        }
        assert_eq!(ticks, [2_000, 3_000, 4_000], "every tick of the get-ready rings the bell");
    }

    #[test]
    fn nothing_is_said_with_the_voice_off_or_the_sound_muted() {
        assert!(said(&mut app(SoundLevel { voice: false, ..SoundLevel::default() }), 70_000).is_empty());
        assert!(said(&mut app(SoundLevel { muted: true, ..SoundLevel::default() }), 70_000).is_empty());
        assert_eq!(said(&mut app(SoundLevel::default()), 1_000).len(), 1);
    }

    #[test]
    fn without_an_engine_only_built_in_sentences_are_said() {
        let mut app = app(SoundLevel::default());
        app.voice_engine_missing("espeak-ng", Duration::ZERO);
        assert!(app.notice().is_some_and(|n| n.contains("install espeak-ng")));
        let texts: Vec<String> = said(&mut app, 70_000).into_iter().map(|(_, t)| t).collect();
        assert_eq!(texts, ["Left side", "Halfway", "Ten seconds", "Right side"]);
    }
}
