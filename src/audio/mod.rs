//! Chimes: the sounds of the session's cues, played through rodio on a thread of their own.
//!
//! - The sounds are synthesized by [`synth`] into `assets/` and embedded; each is decoded
//!   the first time it plays (a WAV file of 16-bit samples: microseconds) and kept, so a
//!   session holds only the sounds it uses.
//! - The output device is opened only around chimes: [`Chimes::warm`] opens it just before
//!   a cue is due, and it is closed again once the sound has finished. An open, idle output
//!   keeps an audio thread waking all the time, which would cost more than the whole
//!   session otherwise does.
//! - With no device (SSH, a container) the player says so once, through [`Report`], and
//!   the shell rings the terminal bell instead. What ALSA prints while a device is tried is
//!   captured, never written over the screen.

pub mod synth;

use std::num::NonZero;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, atomic::AtomicBool, atomic::Ordering};
use std::time::{Duration, Instant};

use rodio::{MixerDeviceSink, Player, Source};

use crate::cue::Cue;

/// How long the device stays open after the last sound ends, in case another follows.
const LINGER: Duration = Duration::from_millis(400);

/// The time between rings of one cue: long enough that terminals which merge bells close
/// together (or flash the screen for one) keep them apart.
pub(crate) const BELL_SPACING: Duration = Duration::from_millis(300);

/// A decoded sound, ready to play any number of times. Its samples are held once and
/// shared by every playing of it.
#[derive(Debug, Clone)]
pub struct Clip {
    samples: Arc<[f32]>,
    channels: NonZero<u16>,
    rate: NonZero<u32>,
}

impl Clip {
    /// Decodes a WAV file.
    pub(crate) fn decode(bytes: &'static [u8]) -> Option<Self> {
        let decoder = rodio::Decoder::new_wav(std::io::Cursor::new(bytes)).ok()?;
        let channels = decoder.channels();
        let rate = decoder.sample_rate();
        Some(Self { samples: decoder.collect(), channels, rate })
    }

    /// Decodes speech (a WAV file an engine wrote), without the silence before and after
    /// it, so its length is the speaking.
    pub fn speech(bytes: Vec<u8>) -> Option<Self> {
        let decoder = rodio::Decoder::new_wav(std::io::Cursor::new(bytes)).ok()?;
        let channels = decoder.channels();
        let rate = decoder.sample_rate();
        let samples: Vec<f32> = decoder.collect();
        let width = usize::from(channels.get());
        let loud = |s: &f32| s.abs() > 0.01;
        let first = samples.iter().position(loud).unwrap_or(0) / width * width;
        let last = samples.iter().rposition(loud).map_or(0, |i| (i / width + 1) * width);
        let kept = samples.get(first..last.max(first)).filter(|k| !k.is_empty())?;
        Some(Self { samples: kept.into(), channels, rate })
    }

    fn source(&self, volume: f32) -> impl Source + Send + use<> {
        Playing { clip: self.clone(), at: 0 }.amplify(volume)
    }

    /// How long the sound lasts.
    pub fn duration(&self) -> Duration {
        let frames = u64::try_from(self.samples.len() / usize::from(self.channels.get())).unwrap_or(u64::MAX);
        Duration::from_nanos(frames.saturating_mul(1_000_000_000) / u64::from(self.rate.get()))
    }

    pub fn samples(&self) -> &[f32] {
        &self.samples
    }
}

/// A clip being played: its shared samples and how far it has got. (rodio's
/// `SamplesBuffer` shares its samples too, but does not lend them out, and a clip's
/// samples are read by the tests and for the voice's trimming; holding both doubled the
/// memory the chimes take.)
struct Playing {
    clip: Clip,
    at: usize,
}

impl Iterator for Playing {
    type Item = rodio::Sample;

    fn next(&mut self) -> Option<Self::Item> {
        let sample = self.clip.samples.get(self.at).copied();
        self.at += 1;
        sample
    }
}

impl Source for Playing {
    fn current_span_len(&self) -> Option<usize> {
        None
    }

    fn channels(&self) -> rodio::ChannelCount {
        self.clip.channels
    }

    fn sample_rate(&self) -> rodio::SampleRate {
        self.clip.rate
    }

    fn total_duration(&self) -> Option<Duration> {
        Some(self.clip.duration())
    }
}

/// Every cue's sound, decoded the first time it is played: a session that never paces its
/// breath never holds the breath's sounds.
#[derive(Debug, Clone, Default)]
pub struct Clips {
    clips: Vec<(Cue, Clip)>,
}

impl Clips {
    /// Every cue's sound, decoded now.
    pub fn load() -> Self {
        let mut clips = Self::default();
        for cue in Cue::all() {
            clips.get(cue);
        }
        clips
    }

    /// The sound of `cue`, decoded if it is not yet.
    pub fn get(&mut self, cue: Cue) -> Option<&Clip> {
        if !self.clips.iter().any(|(c, _)| *c == cue) {
            self.clips.push((cue, Clip::decode(cue.sound().wav)?));
        }
        self.clips.iter().find(|(c, _)| *c == cue).map(|(_, clip)| clip)
    }
}

/// What the player tells the shell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    /// No output device could be opened: ring the terminal bell instead.
    NoDevice,
}

enum Command {
    Play(Cue, f32),
    /// Say this, at this gain, after so long; it replaces any speech still going.
    Speak(Clip, f32, Duration, Option<Sender<Instant>>),
    /// Play, and say when the mixer took the first sample.
    PlayProbed(Cue, f32, Sender<Instant>),
    Warm,
    /// Play these in turn, with a pause between, then say so on the sender.
    PlayAndWait(Cue, f32, Duration, Sender<()>),
}

/// The handle the shell uses; the player runs on its own thread.
#[derive(Debug, Clone)]
pub struct Chimes {
    commands: Sender<Command>,
}

impl std::fmt::Debug for Command {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Play(cue, v) | Self::PlayProbed(cue, v, _) => write!(f, "Play({cue:?}, {v})"),
            Self::Warm => write!(f, "Warm"),
            Self::Speak(clip, v, after, _) => write!(f, "Speak({:?}, {v}, {after:?})", clip.duration()),
            Self::PlayAndWait(c, v, q, _) => write!(f, "PlayAndWait({c:?}, {v}, {q:?})"),
        }
    }
}

impl Chimes {
    /// Starts the player thread; `report` hears from it.
    pub fn start(report: impl Fn(Report) + Send + 'static) -> Self {
        let (commands, rx) = channel();
        let _ = std::thread::Builder::new().name("chimes".into()).spawn(move || ChimePlayer::new(report).run(&rx));
        Self { commands }
    }

    /// Plays `cue` at `volume` (0 to 1).
    pub(crate) fn play(&self, cue: Cue, volume: f32) {
        let _ = self.commands.send(Command::Play(cue, volume));
    }

    /// Plays `cue` and returns when the mixer pulled its first sample, for measuring the
    /// delay from a deadline to sound; `None` without a device.
    pub fn play_measured(&self, cue: Cue, volume: f32) -> Option<Instant> {
        let (tx, rx) = channel();
        self.commands.send(Command::PlayProbed(cue, volume, tx)).ok()?;
        rx.recv_timeout(Duration::from_secs(2)).ok()
    }

    /// Says `clip` at `volume` after `after`, replacing any speech still going; a countdown
    /// tick stops it.
    pub(crate) fn speak(&self, clip: Clip, volume: f32, after: Duration) {
        let _ = self.commands.send(Command::Speak(clip, volume, after, None));
    }

    /// Says `clip` and returns when the mixer took its first sample (after `after`), for
    /// measuring; `None` without a device.
    pub fn speak_measured(&self, clip: Clip, volume: f32, after: Duration) -> Option<Instant> {
        let (tx, rx) = channel();
        self.commands.send(Command::Speak(clip, volume, after, Some(tx))).ok()?;
        rx.recv_timeout(Duration::from_secs(5) + after).ok()
    }

    /// Opens the device now, because a cue is due soon.
    pub fn warm(&self) {
        let _ = self.commands.send(Command::Warm);
    }

    /// Plays `cue` at `volume`, then `quiet` of silence, and waits until both are over.
    pub(crate) fn play_and_wait(&self, cue: Cue, volume: f32, quiet: Duration) {
        let (done, wait) = channel();
        if self.commands.send(Command::PlayAndWait(cue, volume, quiet, done)).is_ok() {
            let _ = wait.recv();
        }
    }
}

/// The player thread's state.
struct ChimePlayer<R: Fn(Report)> {
    clips: Clips,
    report: R,
    sink: Option<MixerDeviceSink>,
    /// Set by the device's error callback: the device went away.
    broken: Arc<AtomicBool>,
    players: Vec<Player>,
    /// The speech playing, which a new sentence or a countdown tick stops.
    speech: Option<Player>,
    /// When the device may close, if nothing else plays.
    close_at: Option<Instant>,
    /// No device could be opened; do not try at every cue.
    unavailable: bool,
    reported: bool,
}

impl<R: Fn(Report)> ChimePlayer<R> {
    fn new(report: R) -> Self {
        Self {
            clips: Clips::default(),
            report,
            sink: None,
            broken: Arc::new(AtomicBool::new(false)),
            players: Vec::new(),
            speech: None,
            close_at: None,
            unavailable: false,
            reported: false,
        }
    }

    fn run(mut self, commands: &Receiver<Command>) {
        loop {
            let command = match self.close_at {
                Some(at) => match commands.recv_timeout(at.saturating_duration_since(Instant::now())) {
                    Ok(c) => Some(c),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => return,
                },
                None => match commands.recv() {
                    Ok(c) => Some(c),
                    Err(_) => return,
                },
            };
            match command {
                Some(Command::Play(cue, volume)) => self.play(cue, volume, None),
                Some(Command::Speak(clip, volume, after, probe)) => self.speak(&clip, volume, after, probe),
                Some(Command::PlayProbed(cue, volume, probe)) => self.play(cue, volume, Some(probe)),
                Some(Command::Warm) => {
                    self.open();
                    self.linger(Duration::from_millis(1500));
                }
                Some(Command::PlayAndWait(cue, volume, quiet, done)) => {
                    self.play_and_wait(cue, volume, quiet);
                    let _ = done.send(());
                }
                None => self.close_if_quiet(),
            }
        }
    }

    fn play(&mut self, cue: Cue, volume: f32, probe: Option<Sender<Instant>>) {
        // Speech never runs into the seconds before a hold.
        if cue == Cue::CountdownTick
            && let Some(speech) = self.speech.take()
        {
            speech.stop();
        }
        let Some(sound) = self.clips.get(cue).cloned() else { return };
        if !self.open() {
            return;
        }
        let Some(sink) = &self.sink else { return };
        let player = Player::connect_new(sink.mixer());
        player.append(FirstSample { inner: sound.source(volume), probe });
        self.players.push(player);
        self.linger(sound.duration() + LINGER);
    }

    fn speak(&mut self, clip: &Clip, volume: f32, after: Duration, probe: Option<Sender<Instant>>) {
        if let Some(speech) = self.speech.take() {
            speech.stop();
        }
        if !self.open() {
            return;
        }
        let Some(sink) = &self.sink else { return };
        let player = Player::connect_new(sink.mixer());
        player.append(rodio::source::Zero::new(clip.channels, clip.rate).take_duration(after));
        player.append(FirstSample { inner: clip.source(volume), probe });
        self.linger(after + clip.duration() + LINGER);
        self.speech = Some(player);
    }

    /// Plays `cue`, then `quiet` of silence (as samples, so the pause is the device's own
    /// time), and waits for the end of both. The device stays open a moment, for the next.
    fn play_and_wait(&mut self, cue: Cue, volume: f32, quiet: Duration) {
        let Some(sound) = self.clips.get(cue).cloned() else { return };
        if !self.open() {
            return;
        }
        let Some(sink) = &self.sink else { return };
        let player = Player::connect_new(sink.mixer());
        player.append(sound.source(volume));
        player.append(rodio::source::Zero::new(sound.channels, sound.rate).take_duration(quiet));
        player.sleep_until_end();
        self.linger(LINGER);
    }

    fn linger(&mut self, at_least: Duration) {
        let until = Instant::now() + at_least;
        self.close_at = Some(self.close_at.map_or(until, |at| at.max(until)));
    }

    fn close_if_quiet(&mut self) {
        self.players.retain(|p| !p.empty());
        if self.speech.as_ref().is_some_and(Player::empty) {
            self.speech = None;
        }
        if self.players.is_empty() && self.speech.is_none() {
            self.sink = None;
            self.close_at = None;
        } else {
            self.linger(Duration::from_millis(100));
        }
    }

    /// Opens the device if it is not open; whether one is open.
    fn open(&mut self) -> bool {
        if self.broken.swap(false, Ordering::Relaxed) {
            self.players.clear();
            self.speech = None;
            self.sink = None;
        }
        if self.sink.is_some() {
            return true;
        }
        if self.unavailable {
            return false;
        }
        if let Some(sink) = open_device(Arc::clone(&self.broken)) {
            self.sink = Some(sink);
            return true;
        }
        self.unavailable = true;
        if !std::mem::replace(&mut self.reported, true) {
            (self.report)(Report::NoDevice);
        }
        false
    }
}

/// A source that says when its first sample is taken.
struct FirstSample<S> {
    inner: S,
    probe: Option<Sender<Instant>>,
}

impl<S: Source> Iterator for FirstSample<S> {
    type Item = rodio::Sample;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(probe) = self.probe.take() {
            let _ = probe.send(Instant::now());
        }
        self.inner.next()
    }
}

impl<S: Source> Source for FirstSample<S> {
    fn current_span_len(&self) -> Option<usize> {
        self.inner.current_span_len()
    }

    fn channels(&self) -> rodio::ChannelCount {
        self.inner.channels()
    }

    fn sample_rate(&self) -> rodio::SampleRate {
        self.inner.sample_rate()
    }

    fn total_duration(&self) -> Option<Duration> {
        self.inner.total_duration()
    }
}

/// Opens the default output device, keeping whatever the audio libraries print to
/// themselves.
fn open_device(broken: Arc<AtomicBool>) -> Option<MixerDeviceSink> {
    #[cfg(target_os = "linux")]
    let _captured = alsa::Output::local_error_handler().ok();
    // A device that went away (a headset unplugged) is reopened at the next chime; an
    // underrun is only a glitch and keeps the device.
    let on_error = move |error: rodio::cpal::Error| {
        if matches!(error.kind(), rodio::cpal::ErrorKind::DeviceNotAvailable | rodio::cpal::ErrorKind::DeviceChanged) {
            broken.store(true, Ordering::Relaxed);
        }
    };
    // A short buffer: the mixer takes a new chime's first sample at the next callback, so
    // the buffer's length is how late a chime can be. 1024 frames is about 21 ms.
    let builder = rodio::DeviceSinkBuilder::from_default_device()
        .ok()?
        .with_buffer_size(rodio::cpal::BufferSize::Fixed(1024))
        .with_error_callback(on_error);
    let mut sink = builder.open_sink_or_fallback().ok()?;
    sink.log_on_drop(false);
    Some(sink)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_assets_are_what_the_synthesizer_makes() {
        for (name, bytes) in synth::all() {
            let on_disk = std::fs::read(format!("{}/assets/{name}.wav", env!("CARGO_MANIFEST_DIR"))).unwrap();
            assert_eq!(on_disk.len(), bytes.len(), "{name}: run `cargo run --example synthesize_chimes`");
            // Sine functions may differ in the last bit between C libraries: allow 2 steps.
            let differs = on_disk[44..]
                .chunks(2)
                .zip(bytes[44..].chunks(2))
                .filter(|(a, b)| i16::from_le_bytes([a[0], a[1]]).abs_diff(i16::from_le_bytes([b[0], b[1]])) > 2)
                .count();
            assert_eq!(differs, 0, "{name}: run `cargo run --example synthesize_chimes`");
        }
    }

    #[test]
    fn every_cue_decodes_and_is_short() {
        let mut sounds = Clips::load();
        for cue in Cue::all() {
            let sound = sounds.get(cue).unwrap_or_else(|| panic!("{cue:?} did not decode"));
            assert!(
                sound.duration() > Duration::from_millis(50) && sound.duration() < Duration::from_secs(4),
                "{cue:?}"
            );
            let peak = sound.samples().iter().fold(0.0f32, |m, s| m.max(s.abs()));
            assert!((0.85..0.9).contains(&peak), "{cue:?} peak {peak}: near full scale, never clipped");
        }
    }
}
