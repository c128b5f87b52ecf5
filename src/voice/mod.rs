//! The voice: spoken cues, so a routine can be followed with eyes closed.
//!
//! - [`phrasebook`]: what is said at each phase and cue, in forms of every length, and the
//!   form that fits the time there is (pure).
//! - [`engine`]: the program that turns a sentence into sound (espeak-ng by default), run
//!   as a separate process, and the cache of what it rendered.
//! - The sentences built in as sound, for when no engine is installed, are in the cue
//!   table ([`crate::cue::BUILT_IN`]), recorded by `cargo run --example record_phrases`.

pub mod engine;
pub mod phrasebook;

/// The `[voice]` settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoiceSettings {
    /// On or off where the config says; unset, as last chosen with the voice key.
    pub on: Option<bool>,
    /// The command that renders a sentence (see [`engine::Engine`]).
    pub engine: Vec<String>,
    pub voice: String,
    /// Words a minute, 80 to 450.
    pub rate: u16,
}

impl Default for VoiceSettings {
    fn default() -> Self {
        Self {
            on: None,
            engine: engine::Engine::default_command(),
            voice: "en-us".to_string(),
            rate: phrasebook::DEFAULT_RATE,
        }
    }
}

impl VoiceSettings {
    pub fn engine(&self) -> engine::Engine {
        engine::Engine { command: self.engine.clone(), voice: self.voice.clone(), rate: self.rate }
    }
}
