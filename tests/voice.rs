//! The voice, heard: a short session in a pseudo-terminal plays through ALSA's `file`
//! device into a named pipe that this test reads at the pace of a real sound card, noting
//! when each sound arrives. Speech is told from chimes by its spectrum: a voice's
//! fundamental lies below every chime's lowest partial, and is held for longer than the
//! click that starts a struck note. (A ratio of low to high partials, used before, was
//! swamped when speech came over a chime's tail: "Rest" over the hold-end chime measured
//! 200 to 240 ms against a floor of 240 ms, and failed under load.) With espeak-ng each
//! get-ready, switch and rest is said whole, even in a 4 s switch, and the countdown ticks
//! yield to it (the last one is always clear); without it on `PATH` the built-in sentences
//! come instead; with the voice off, only chimes.

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

/// How strong a frame's sound is from 100 to 250 Hz, where a voice's fundamental lies and
/// no chime has a partial (the lowest, D4, is 294 Hz): the amplitude of those bins of the
/// frame's spectrum, under a Hann window so a loud chime's partials do not leak into them.
/// Speech measured here gives 0.008 to 0.07; chimes alone, 0.002 at most, but for the
/// click of a struck note's first few milliseconds, which lasts one frame.
fn voice_level(frame: &[f32]) -> f32 {
    let n = frame.len() as f32;
    let windowed: Vec<f32> = frame
        .iter()
        .enumerate()
        .map(|(i, s)| s * (0.5 - 0.5 * (std::f32::consts::TAU * i as f32 / (n - 1.0)).cos()))
        .collect();
    // A 40 ms frame's bins are 25 Hz apart.
    let power: f32 = (4..=10).map(|bin| strength(&windowed, 25.0 * bin as f32).powi(2)).sum();
    power.sqrt() / n * 2.0
}

/// Whether a frame has a voice in it, by [`voice_level`] alone.
fn voiced(frame: &[f32]) -> bool {
    voice_level(frame) >= 0.005
}

/// When each frame of speech was heard: voiced frames in runs of two or more (80 ms), so
/// a chime's one-frame click is never taken for a word.
fn speech(heard: &Heard) -> Vec<Instant> {
    let voiced: Vec<(Instant, bool)> = heard.iter().map(|(at, frame)| (*at, voiced(frame))).collect();
    let next_to = |a: Instant, b: Instant| a.max(b) - a.min(b) < Duration::from_millis(60);
    (0..voiced.len())
        .filter(|&i| voiced[i].1)
        .filter(|&i| {
            let before = i > 0 && voiced[i - 1].1 && next_to(voiced[i - 1].0, voiced[i].0);
            let after = voiced.get(i + 1).is_some_and(|(at, v)| *v && next_to(*at, voiced[i].0));
            before || after
        })
        .map(|i| voiced[i].0)
        .collect()
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
            let _ = writeln!(text, "{at:.2} {rms:.3} {:.3}", voice_level(frame));
        }
        let name = format!("{}-{}", dump.to_string_lossy(), args.join("-").replace('/', "_"));
        std::fs::write(&name, text).unwrap();
        // And the frames themselves: each as its time (f64 seconds) and its samples (f32).
        let mut raw = Vec::new();
        for (at, frame) in &heard {
            raw.extend_from_slice(&at.saturating_duration_since(t0).as_secs_f64().to_le_bytes());
            raw.extend(frame.iter().flat_map(|s| s.to_le_bytes()));
        }
        std::fs::write(format!("{name}.raw"), raw).unwrap();
    }
    (heard, phases, during)
}

/// How long speech was heard in the three seconds after `at` (0.6 s after the chime, as
/// the voice waits, and up to 0.4 s more on its way through the pipe).
fn speech_after(heard: &Heard, at: Instant) -> Duration {
    let frames = speech(heard).into_iter().filter(|t| *t >= at && *t <= at + secs(3)).count();
    Duration::from_millis(40) * u32::try_from(frames).unwrap_or(u32::MAX)
}

fn phase(phases: &[(String, Instant)], label: &str) -> Instant {
    phases.iter().find(|(l, _)| l == label).map(|(_, at)| *at).unwrap()
}

/// Frames heard in the last second before each hold, where the last countdown tick is,
/// that are speech: what is said is over by then, however short the gap.
fn speech_before_the_last_tick(heard: &Heard, phases: &[(String, Instant)]) -> usize {
    let holds = ["HOLD · LEFT", "HOLD · RIGHT", "HOLD"].map(|l| phase(phases, l));
    speech(heard)
        .into_iter()
        .filter(|t| holds.iter().any(|h| *t + secs(1) >= *h + Duration::from_millis(150) && *t <= *h))
        .count()
}

#[test]
fn with_espeak_ng_each_gap_is_spoken_whole_and_the_ticks_yield() {
    let (heard, phases, _) = session(&[], &[]);
    assert!(!heard.is_empty(), "nothing was heard");
    // "Calf stretch, left side, 3 seconds" in a 5 s get-ready, "Switch to the right side"
    // in a 4 s switch, "Rest. Next: Child's pose", "Child's pose, 3 seconds", "Routine
    // complete, in 1 minute": each whole, where before the ticks left room for "Left
    // side" and nothing at all at the switch. Measured here: 0.8 to 1.6 s of voiced
    // frames each; the built-in "Right side" 0.5 to 0.7 s.
    for label in ["GET READY · LEFT", "SWITCH SIDES → RIGHT", "REST", "GET READY", "Well done!"] {
        let said = speech_after(&heard, phase(&phases, label));
        assert!(said >= Duration::from_millis(640), "{label}: speech for {said:?}");
    }
    assert_eq!(speech_before_the_last_tick(&heard, &phases), 0, "speech over the last tick");
    let ticks = heard.iter().filter(|(t, _)| {
        let hold = phase(&phases, "HOLD · RIGHT");
        *t + secs(2) >= hold && *t + Duration::from_millis(700) <= hold
    });
    assert!(ticks.count() > 0, "the tick before the right side was heard");
}

#[test]
fn without_espeak_ng_the_built_in_sentences_are_said() {
    let (heard, phases, _) = session(&[], &[("PATH", "/nonexistent")]);
    // "Left side", "Right side", "Rest", and "Routine complete"; Child's pose has no
    // built-in sentence.
    // Measured here: "Rest" 0.28 s of voiced frames, the others 0.5 to 0.7 s.
    for label in ["GET READY · LEFT", "SWITCH SIDES → RIGHT", "REST", "Well done!"] {
        let said = speech_after(&heard, phase(&phases, label));
        assert!(said >= Duration::from_millis(120), "{label}: speech for {said:?}");
        assert!(said < Duration::from_millis(1_400), "{label}: only a short built-in sentence, not {said:?}");
    }
    let said = speech_after(&heard, phase(&phases, "GET READY"));
    assert!(said < Duration::from_millis(80), "nothing for Child's pose: {said:?}");
    assert_eq!(speech_before_the_last_tick(&heard, &phases), 0, "speech over the last tick");
}

#[test]
fn with_the_voice_off_only_chimes_are_heard() {
    let (heard, _, screen) = session(&["--no-voice"], &[]);
    assert!(heard.len() > 20, "the chimes were heard");
    let spoken = speech(&heard).len();
    assert_eq!(spoken, 0, "{spoken} of {} frames sound like speech", heard.len());
    assert!(screen.contains("voice off"), "the top line says so: {screen}");
}

/// A session of the spoken routine with `engine` as the voice's command, in `home`: started,
/// left running until `until` holds, then quit; returns how long it took to leave.
fn with_engine(home: &std::path::Path, engine: &str, until: impl Fn() -> bool) -> Duration {
    std::fs::write(home.join("supple.toml"), format!("[voice]\nengine = {engine}\n")).unwrap();
    std::fs::create_dir_all(home.join("supple")).unwrap();
    std::fs::rename(home.join("supple.toml"), home.join("supple/config.toml")).unwrap();
    let dir = home.to_str().unwrap();
    let env = [("XDG_CONFIG_HOME", dir), ("XDG_DATA_HOME", dir), ("XDG_CACHE_HOME", dir)];
    let mut pty = Pty::spawn(&["run", ROUTINE, "--voice"], 100, 30, &env);
    pty.wait_text("space or Enter", secs(10));
    pty.send("\r");
    let deadline = Instant::now() + secs(20);
    while !until() {
        assert!(Instant::now() < deadline, "the engine was never run");
        pty.drain_for(Duration::from_millis(50));
    }
    let quit = Instant::now();
    pty.send("\x03");
    assert_eq!(pty.wait_exit(secs(5)), 0);
    quit.elapsed()
}

/// The processes still running in process group `group`.
fn running_in_group(group: i32) -> Vec<String> {
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| std::fs::read_to_string(e.ok()?.path().join("stat")).ok())
        .filter(|stat| {
            let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split_whitespace().collect();
            fields.get(2).and_then(|g| g.parse::<i32>().ok()) == Some(group) && fields.first() != Some(&"Z")
        })
        .collect()
}

#[test]
fn an_engine_that_hangs_is_stopped_when_supple_leaves() {
    let home = tempfile::tempdir().unwrap();
    let pids = home.path().join("pids");
    let engine = format!("[\"sh\", \"-c\", \"echo $$ >> '{}'; sleep 60\", \"{{file}}\", \"{{text}}\"]", pids.display());
    let leaving = with_engine(home.path(), &engine, || pids.exists());
    // Not waiting the engine out (it would be stopped after 10 s anyway).
    assert!(leaving < secs(5), "supple took {leaving:?} to leave");
    let group: i32 = std::fs::read_to_string(&pids).unwrap().lines().next().unwrap().parse().unwrap();
    // Killed, a process takes a moment to go.
    let deadline = Instant::now() + secs(20);
    while !running_in_group(group).is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(running_in_group(group), Vec::<String>::new(), "the engine outlived supple");
}

#[test]
fn an_engine_that_keeps_failing_is_given_up_after_three_tries() {
    let home = tempfile::tempdir().unwrap();
    let runs = home.path().join("runs");
    let engine = format!("[\"sh\", \"-c\", \"echo run >> '{}'; exit 1\", \"{{file}}\", \"{{text}}\"]", runs.display());
    let count = || std::fs::read_to_string(&runs).map_or(0, |t| t.lines().count());
    // The routine has a dozen sentences to render ahead: two seconds after the third try
    // the engine would have been run for all of them.
    let third = std::cell::Cell::new(None::<Instant>);
    with_engine(home.path(), &engine, || {
        if count() >= 3 && third.get().is_none() {
            third.set(Some(Instant::now()));
        }
        third.get().is_some_and(|at| at.elapsed() > secs(2))
    });
    assert_eq!(count(), 3, "the engine was run again after failing three times");
}
