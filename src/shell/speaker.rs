//! The voice's edge: a thread that renders the session's sentences with the engine ahead
//! of their moment (into the cache), and hands each sentence, when it is to be said, to the
//! chime player, which mixes it with the chimes at the same volume. Without an engine, or
//! when a sentence could not be rendered, the built-in sound of its short form is said.

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::time::{Duration, Instant};

use crate::audio::{Chimes, Clip};
use crate::voice::engine::Engine;
use crate::voice::phrasebook::{BuiltIn, Phrase};
use crate::voice::{VoiceSettings, built_in_file};

enum Request {
    Prepare(Vec<String>),
    Say(Phrase, f32, Duration, Instant),
}

/// The handle the shell uses; the speaker runs on its own thread.
#[derive(Debug)]
pub(crate) struct Speaker {
    requests: Sender<Request>,
}

impl Speaker {
    /// Starts the speaker for `settings`, saying through `chimes`.
    pub(crate) fn start(settings: &VoiceSettings, chimes: Chimes) -> Self {
        let (requests, rx) = channel();
        let engine = settings.engine();
        let cache = crate::dirs::cache().map(|c| c.join("voice"));
        let _ = std::thread::Builder::new().name("voice".into()).spawn(move || {
            Worker {
                available: engine.available(),
                engine,
                cache,
                chimes,
                clips: HashMap::new(),
                queue: VecDeque::new(),
            }
            .run(&rx);
        });
        Self { requests }
    }

    /// Renders `texts` ahead, in order, in place of any still waiting.
    pub(crate) fn prepare(&self, texts: Vec<String>) {
        let _ = self.requests.send(Request::Prepare(texts));
    }

    /// Says `phrase` at `gain`, `after` from now.
    pub(crate) fn say(&self, phrase: Phrase, gain: f32, after: Duration) {
        let _ = self.requests.send(Request::Say(phrase, gain, after, Instant::now()));
    }
}

struct Worker {
    engine: Engine,
    available: bool,
    cache: Option<PathBuf>,
    chimes: Chimes,
    /// Sentences rendered and decoded, and the built-in ones once decoded.
    clips: HashMap<String, Clip>,
    queue: VecDeque<String>,
}

impl Worker {
    fn run(mut self, requests: &Receiver<Request>) {
        loop {
            // A sentence due now comes before rendering ahead.
            let request = if self.queue.is_empty() {
                match requests.recv() {
                    Ok(r) => Some(r),
                    Err(_) => return,
                }
            } else {
                match requests.try_recv() {
                    Ok(r) => Some(r),
                    Err(TryRecvError::Empty) => None,
                    Err(TryRecvError::Disconnected) => return,
                }
            };
            match request {
                Some(Request::Say(phrase, gain, after, asked)) => self.say(&phrase, gain, after, asked),
                Some(Request::Prepare(texts)) => self.queue = texts.into(),
                None => {
                    if let Some(text) = self.queue.pop_front() {
                        self.clip(&text);
                    }
                }
            }
        }
    }

    fn say(&mut self, phrase: &Phrase, gain: f32, after: Duration, asked: Instant) {
        let rendered = if self.available { self.clip(&phrase.text) } else { None };
        let Some(clip) = rendered.or_else(|| phrase.built_in.and_then(|b| self.built_in(b))) else { return };
        // Time spent rendering a sentence not ready yet comes out of the wait before it.
        self.chimes.speak(clip, gain, after.saturating_sub(asked.elapsed()));
    }

    /// The sound of `text`, rendered now if it is not yet.
    fn clip(&mut self, text: &str) -> Option<Clip> {
        if let Some(clip) = self.clips.get(text) {
            return Some(clip.clone());
        }
        let cache = self.cache.as_deref()?;
        let clip = Clip::speech(self.engine.render(cache, text).ok()?)?;
        self.clips.insert(text.to_string(), clip.clone());
        Some(clip)
    }

    fn built_in(&mut self, phrase: BuiltIn) -> Option<Clip> {
        let key = format!("\u{0}{}", phrase.name());
        if let Some(clip) = self.clips.get(&key) {
            return Some(clip.clone());
        }
        let clip = Clip::speech(built_in_file(phrase).to_vec())?;
        self.clips.insert(key, clip.clone());
        Some(clip)
    }
}
