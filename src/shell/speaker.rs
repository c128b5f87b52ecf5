//! The voice's edge: a thread that renders the session's sentences with the engine ahead
//! of their moment (into the cache), and hands each sentence, when it is to be said, to the
//! chime player, which mixes it with the chimes at the same volume. Without an engine, or
//! when a sentence could not be rendered, the built-in sound of its short form is said.
//!
//! Rendered sentences are kept on disk, in the cache, and read and decoded only when said
//! (a few milliseconds): decoded, a routine's sentences took 2-3 MB of the session's
//! memory for sounds heard once each.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::time::{Duration, Instant};

use crate::audio::{Chimes, Clip};
use crate::voice::VoiceSettings;
use crate::voice::engine::{Engine, Stop};
use crate::voice::phrasebook::Phrase;

enum Request {
    Prepare(Vec<String>),
    Say(Phrase, f32, Duration, Instant),
}

/// Renders that fail one after another before the engine is given up for the session
/// (an engine that writes garbage would otherwise be run for every sentence).
const MOST_FAILURES: u32 = 3;

/// The handle the shell uses; the speaker runs on its own thread. Dropping it stops any
/// engine still rendering and waits for the thread to end, so no engine outlives supple.
#[derive(Debug)]
pub(crate) struct Speaker {
    requests: Option<Sender<Request>>,
    stop: Stop,
    worker: Option<std::thread::JoinHandle<()>>,
}

impl Speaker {
    /// Starts the speaker for `settings`, saying through `chimes`.
    pub(crate) fn start(settings: &VoiceSettings, chimes: Chimes) -> Self {
        let (requests, rx) = channel();
        let engine = settings.engine();
        let cache = crate::dirs::cache().map(|c| c.join("voice"));
        let stop = Stop::default();
        let worker = Worker {
            available: engine.available(),
            engine,
            cache,
            chimes,
            queue: VecDeque::new(),
            failures: 0,
            stop: stop.clone(),
        };
        let worker = std::thread::Builder::new().name("voice".into()).spawn(move || worker.run(&rx)).ok();
        Self { requests: Some(requests), stop, worker }
    }

    fn send(&self, request: Request) {
        if let Some(requests) = &self.requests {
            let _ = requests.send(request);
        }
    }

    /// Renders `texts` ahead, in order, in place of any still waiting.
    pub(crate) fn prepare(&self, texts: Vec<String>) {
        self.send(Request::Prepare(texts));
    }

    /// Says `phrase` at `gain`, `after` from now.
    pub(crate) fn say(&self, phrase: Phrase, gain: f32, after: Duration) {
        self.send(Request::Say(phrase, gain, after, Instant::now()));
    }
}

impl Drop for Speaker {
    fn drop(&mut self) {
        self.stop.now();
        // The worker waits on its requests: with the sender gone, it ends.
        self.requests = None;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

struct Worker {
    engine: Engine,
    available: bool,
    cache: Option<PathBuf>,
    chimes: Chimes,
    queue: VecDeque<String>,
    /// Renders failed in a row.
    failures: u32,
    stop: Stop,
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
                        self.render(&text);
                    }
                }
            }
        }
    }

    fn say(&mut self, phrase: &Phrase, gain: f32, after: Duration, asked: Instant) {
        let rendered = if self.available { self.clip(&phrase.text) } else { None };
        let built_in = || phrase.built_in.and_then(|b| Clip::speech(b.recording().wav.to_vec()));
        let Some(clip) = rendered.or_else(built_in) else { return };
        // Time spent rendering a sentence not ready yet comes out of the wait before it.
        self.chimes.speak(clip, gain, after.saturating_sub(asked.elapsed()));
    }

    /// The sound of `text`: from the cache, or rendered now if it is not there yet.
    fn clip(&mut self, text: &str) -> Option<Clip> {
        Clip::speech(self.render(text)?)
    }

    /// The WAV of `text`, from the cache or the engine; after [`MOST_FAILURES`] failures in
    /// a row, the engine is not run again and the built-in sentences are said instead.
    fn render(&mut self, text: &str) -> Option<Vec<u8>> {
        if !self.available || self.stop.asked() {
            return None;
        }
        let rendered = self.engine.render_unless(self.cache.as_deref()?, text, &self.stop).ok();
        self.failures = if rendered.is_some() { 0 } else { self.failures + 1 };
        self.available = self.failures < MOST_FAILURES;
        rendered
    }
}
