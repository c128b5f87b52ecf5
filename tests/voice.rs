//! The voice, heard: a short session in a pseudo-terminal plays through ALSA's `file`
//! device into a named pipe that this test reads at the pace of a real sound card, noting
//! when each sound arrives. Speech is told from chimes by its spectrum (many harmonics of
//! a voice against a chime's few partials). With espeak-ng the sentences come at each
//! get-ready, switch and rest, never in the seconds the countdown ticks; without it on
//! `PATH` the built-in sentences come instead; with the voice off, only chimes.

#![allow(clippy::cast_precision_loss)] // signal measurements on short buffers

mod support;

use std::fmt::Write as _;
use std::io::Read as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use support::pty::Pty;

const ROUTINE: &str = "tests/fixtures/e2e/spoken.toml";
const RATE: usize = 48_000;
/// Bytes a second: 16-bit stereo.
const BYTES_PER_SECOND: usize = RATE * 4;
/// 40 ms of sound, the unit the spectrum is judged on.
const FRAME: usize = RATE / 25;

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

/// Sound heard: when each 40 ms frame with anything in it arrived, and its left channel.
type Heard = Vec<(Instant, Vec<f32>)>;

/// Reads `fifo` at 48,000 frames a second (the device behind it is not paced, so the
/// reader is the clock), each time the player opens it, until `stop`; keeps the frames
/// that are not silent.
fn listen(fifo: PathBuf, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<Heard> {
    std::thread::spawn(move || {
        let mut heard = Vec::new();
        while !stop.load(Ordering::Relaxed) {
            let Ok(mut pipe) = std::fs::File::open(&fifo) else { break };
            let opened = Instant::now();
            let (mut taken, mut pending) = (0usize, Vec::new());
            let mut buffer = vec![0u8; FRAME * 4];
            loop {
                let n = pipe.read(&mut buffer).unwrap_or(0);
                if n == 0 {
                    break;
                }
                taken += n;
                pending.extend_from_slice(&buffer[..n]);
                while pending.len() >= FRAME * 4 {
                    let frame: Vec<f32> = pending
                        .drain(..FRAME * 4)
                        .collect::<Vec<u8>>()
                        .chunks_exact(4)
                        .map(|f| f32::from(i16::from_le_bytes([f[0], f[1]])) / 32768.0)
                        .collect();
                    if frame.iter().any(|s| s.abs() > 0.002) {
                        heard.push((Instant::now(), frame));
                    }
                }
                let due = opened + Duration::from_secs_f64(taken as f64 / BYTES_PER_SECOND as f64);
                std::thread::sleep(due.saturating_duration_since(Instant::now()));
            }
        }
        heard
    })
}

/// How much of a frame's sound is a voice's: the strongest component from 80 to 260 Hz
/// (where a voice's fundamental lies, and below the lowest chime, D4 at 294 Hz) against
/// the strongest from 300 Hz to 4 kHz.
fn voice_ratio(frame: &[f32]) -> f32 {
    let low = (8..=26).map(|i| strength(frame, 10.0 * i as f32)).fold(0.0f32, f32::max);
    let high = (12..160).map(|i| strength(frame, 25.0 * i as f32)).fold(0.0f32, f32::max);
    if high > 0.0 { low / high } else { 0.0 }
}

/// Whether a frame sounds like speech: loud enough, and a voice's fundamental in it.
fn is_speech(frame: &[f32]) -> bool {
    let loud = (frame.iter().map(|s| s * s).sum::<f32>() / frame.len() as f32).sqrt();
    loud >= 0.01 && voice_ratio(frame) > 0.12
}

fn strength(samples: &[f32], frequency: f32) -> f32 {
    // Goertzel's algorithm for one frequency.
    let k = 2.0 * (std::f32::consts::TAU * frequency / RATE as f32).cos();
    let (mut s1, mut s2) = (0.0f32, 0.0f32);
    for x in samples {
        let s0 = x + k * s1 - s2;
        s2 = s1;
        s1 = s0;
    }
    (s1 * s1 + s2 * s2 - k * s1 * s2).max(0.0).sqrt()
}

/// A session of the spoken routine; returns the sound heard, when each phase began (the
/// screen's first showing of each label) and the screen in the first hold.
fn session(extra: &[&str], env: &[(&str, &str)]) -> (Heard, Vec<(String, Instant)>, String) {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("sound");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).unwrap();
    let conf = support::alsa::file_device(dir.path(), &fifo, "raw");
    let stop = Arc::new(AtomicBool::new(false));
    let listener = listen(fifo.clone(), Arc::clone(&stop));
    let home = dir.path().to_str().unwrap();
    let mut vars = vec![
        ("XDG_CONFIG_HOME", home),
        ("XDG_DATA_HOME", home),
        ("XDG_CACHE_HOME", home),
        ("ALSA_CONFIG_PATH", conf.to_str().unwrap()),
    ];
    vars.extend_from_slice(env);
    let mut args = vec!["run", ROUTINE];
    args.extend_from_slice(extra);
    let mut pty = Pty::spawn(&args, 100, 30, &vars);
    pty.wait_text("space or Enter", secs(10));
    pty.send("\r");
    let mut phases = Vec::new();
    let mut during = String::new();
    for label in [
        "GET READY · LEFT",
        "HOLD · LEFT",
        "SWITCH SIDES → RIGHT",
        "HOLD · RIGHT",
        "REST",
        "GET READY",
        "HOLD",
        "Well done!",
    ] {
        pty.wait_for(label, secs(20), |s| s.lines().any(|l| l.trim_start().starts_with(label)));
        let at = pty.received.last().map_or_else(Instant::now, |(at, _)| *at);
        phases.push((label.to_string(), at));
        if label == "HOLD · LEFT" {
            during = pty.screen();
        }
    }
    // The closing sentence.
    pty.drain_for(Duration::from_millis(3_500));
    pty.send("q");
    assert_eq!(pty.wait_exit(secs(5)), 0);
    stop.store(true, Ordering::Relaxed);
    // A writer opened and closed ends a read that is waiting for one.
    drop(std::fs::OpenOptions::new().write(true).open(&fifo));
    let heard = listener.join().unwrap();
    // `VOICE_DUMP=/tmp/voice` writes what was heard, frame by frame (time, loudness and
    // the voice ratio), for tuning the test on another machine.
    if let Some(dump) = std::env::var_os("VOICE_DUMP") {
        let t0 = phases[0].1;
        let mut text = String::new();
        for (label, at) in &phases {
            let _ = writeln!(text, "PHASE {:.2} {label}", at.saturating_duration_since(t0).as_secs_f64());
        }
        for (at, frame) in &heard {
            let rms = (frame.iter().map(|s| s * s).sum::<f32>() / frame.len() as f32).sqrt();
            let at = at.saturating_duration_since(t0).as_secs_f64();
            let _ = writeln!(text, "{at:.2} {rms:.3} {:.3}", voice_ratio(frame));
        }
        std::fs::write(format!("{}-{}", dump.to_string_lossy(), args.join("-").replace('/', "_")), text).unwrap();
    }
    (heard, phases, during)
}

/// How long speech was heard in the three seconds after `at` (0.6 s after the chime, as
/// the voice waits, and up to 0.4 s more on its way through the pipe).
fn speech_after(heard: &Heard, at: Instant) -> Duration {
    let frames = heard.iter().filter(|(t, f)| *t >= at && *t <= at + secs(3) && is_speech(f)).count();
    Duration::from_millis(40) * u32::try_from(frames).unwrap_or(u32::MAX)
}

fn phase(phases: &[(String, Instant)], label: &str) -> Instant {
    phases.iter().find(|(l, _)| l == label).map(|(_, at)| *at).unwrap()
}

/// Frames heard in the three seconds of ticks before each hold that are speech.
fn speech_in_ticks(heard: &Heard, phases: &[(String, Instant)]) -> usize {
    let holds = ["HOLD · LEFT", "HOLD · RIGHT", "HOLD"].map(|l| phase(phases, l));
    heard
        .iter()
        .filter(|(t, f)| {
            holds.iter().any(|h| *t + secs(3) >= *h + Duration::from_millis(150) && *t <= *h) && is_speech(f)
        })
        .count()
}

#[test]
fn with_espeak_ng_each_gap_is_spoken_and_the_ticks_stay_clear() {
    let (heard, phases, _) = session(&[], &[]);
    assert!(!heard.is_empty(), "nothing was heard");
    // "Calf stretch, left side, 3 seconds", "Switch to the right side", "Rest. Next:
    // Child's pose", "Routine complete, in 1 minute"; and in a get-ready too short for
    // "Child's pose, 3 seconds", "Child's pose".
    for label in ["GET READY · LEFT", "SWITCH SIDES → RIGHT", "REST", "Well done!"] {
        let said = speech_after(&heard, phase(&phases, label));
        assert!(said >= Duration::from_millis(800), "{label}: speech for {said:?}");
    }
    let said = speech_after(&heard, phase(&phases, "GET READY"));
    assert!(said >= Duration::from_millis(400), "the short form in a short get-ready: {said:?}");
    assert_eq!(speech_in_ticks(&heard, &phases), 0, "speech during the countdown ticks");
    let ticks = heard.iter().filter(|(t, _)| {
        let hold = phase(&phases, "HOLD · RIGHT");
        *t + secs(3) >= hold && *t + secs(1) <= hold
    });
    assert!(ticks.count() > 0, "the ticks before the right side were heard");
}

#[test]
fn without_espeak_ng_the_built_in_sentences_are_said() {
    let (heard, phases, _) = session(&[], &[("PATH", "/nonexistent")]);
    // "Left side", "Right side", "Rest", and "Routine complete"; Child's pose has no
    // built-in sentence.
    for label in ["GET READY · LEFT", "SWITCH SIDES → RIGHT", "REST", "Well done!"] {
        let said = speech_after(&heard, phase(&phases, label));
        assert!(said >= Duration::from_millis(240), "{label}: speech for {said:?}");
        assert!(said < Duration::from_millis(1_400), "{label}: only a short built-in sentence, not {said:?}");
    }
    assert!(speech_after(&heard, phase(&phases, "GET READY")) < Duration::from_millis(200), "nothing for Child's pose");
    assert_eq!(speech_in_ticks(&heard, &phases), 0, "speech during the countdown ticks");
}

#[test]
fn with_the_voice_off_only_chimes_are_heard() {
    let (heard, _, screen) = session(&["--no-voice"], &[]);
    assert!(heard.len() > 20, "the chimes were heard");
    let speech = heard.iter().filter(|(_, f)| is_speech(f)).count();
    assert!(speech * 50 < heard.len(), "{speech} of {} frames sound like speech", heard.len());
    assert!(screen.contains("voice off"), "the top line says so: {screen}");
}
