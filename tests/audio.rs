//! Real sound, captured: supple plays its chimes through ALSA into a WAV file (a `file`
//! device over `null`), and the test measures what came out. And with no device at all,
//! a session still runs, says so once, and rings the terminal bell.

#![allow(clippy::cast_precision_loss)] // signal measurements on short buffers

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use support::pty::Pty;

/// An ALSA configuration whose default device writes a 48 kHz stereo WAV to `wav`.
fn capture_config(dir: &Path, wav: &Path) -> PathBuf {
    support::alsa::file_device(dir, wav, "wav")
}

/// Runs `supple chimes` with `conf` as the ALSA configuration; returns its output.
fn play_chimes(conf: &Path, volume: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_supple"))
        .args(["chimes", "--volume", volume])
        .env("ALSA_CONFIG_PATH", conf)
        .output()
        .unwrap()
}

/// The left channel of a 16-bit stereo WAV, as -1..1.
fn left_channel(wav: &Path) -> Vec<f32> {
    let bytes = std::fs::read(wav).unwrap();
    let data = bytes.windows(4).position(|w| w == b"data").expect("a data chunk") + 8;
    bytes[data..].chunks_exact(4).map(|f| f32::from(i16::from_le_bytes([f[0], f[1]])) / 32768.0).collect()
}

/// A stretch of sound: where it starts and how long it lasts, in samples.
#[derive(Debug)]
struct Segment {
    start: usize,
    len: usize,
}

/// The sounds in `samples`: 10 ms windows louder than a threshold, separated by at least
/// 150 ms of quiet.
fn segments(samples: &[f32], rate: usize) -> Vec<Segment> {
    let window = rate / 100;
    let loud: Vec<bool> =
        samples.chunks(window).map(|w| (w.iter().map(|s| s * s).sum::<f32>() / w.len() as f32).sqrt() > 0.01).collect();
    let mut found: Vec<Segment> = Vec::new();
    let mut quiet_run = usize::MAX;
    for (i, &is_loud) in loud.iter().enumerate() {
        if is_loud {
            match found.last_mut() {
                Some(seg) if quiet_run < 15 => seg.len = (i + 1) * window - seg.start,
                _ => found.push(Segment { start: i * window, len: window }),
            }
            quiet_run = 0;
        } else {
            quiet_run = quiet_run.saturating_add(1);
        }
    }
    found
}

/// The strength of `frequency` in `samples` (one bin of a discrete Fourier transform).
fn strength(samples: &[f32], rate: usize, frequency: f32) -> f32 {
    let step = std::f32::consts::TAU * frequency / rate as f32;
    let (re, im) = samples.iter().enumerate().fold((0.0, 0.0), |(re, im), (n, s)| {
        let phase = step * n as f32;
        (re + s * phase.cos(), im - s * phase.sin())
    });
    (re * re + im * im).sqrt()
}

/// Which of the chimes' pitches is loudest in `samples`.
fn pitch(samples: &[f32], rate: usize) -> f32 {
    FIRST_PITCHES
        .into_iter()
        .max_by(|a, b| strength(samples, rate, *a).total_cmp(&strength(samples, rate, *b)))
        .unwrap_or(0.0)
}

/// First-note pitches of the cues, in the order `supple chimes` plays them.
const FIRST_PITCHES: [f32; 11] = [1318.5, 783.99, 587.33, 1046.5, 659.25, 880.0, 440.0, 392.0, 349.23, 293.66, 523.25];

#[test]
fn every_chime_goes_out_distinct_and_whole() {
    let dir = tempfile::tempdir().unwrap();
    let wav = dir.path().join("out.wav");
    let out = play_chimes(&capture_config(dir.path(), &wav), "70");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "the audio libraries printed: {}", String::from_utf8_lossy(&out.stderr));
    let samples = left_channel(&wav);
    let found = segments(&samples, 48_000);
    assert_eq!(found.len(), supple::cue::SOUNDS.len(), "expected every chime, found {found:?}");

    let mut sounds = supple::audio::Clips::load();
    let mut pitches = Vec::new();
    for ((segment, cue), expected_pitch) in found.iter().zip(supple::cue::Cue::all()).zip(FIRST_PITCHES) {
        // As long as the chime's own audible part, give or take 60 ms.
        let gain = 0.7 * cue.sound().loudness;
        let at_volume: Vec<f32> = sounds.get(cue).unwrap().samples().iter().map(|s| s * gain).collect();
        let own = segments(&at_volume, 22_050);
        let own_len = Duration::from_secs_f32(own[0].len as f32 / 22_050.0);
        let got_len = Duration::from_secs_f32(segment.len as f32 / 48_000.0);
        assert!(got_len.abs_diff(own_len) < Duration::from_millis(60), "{cue:?}: {got_len:?} against {own_len:?}");
        // Its first note at its own pitch.
        let head = &samples[segment.start..segment.start + 48_000 * 60 / 1000];
        let measured = pitch(head, 48_000);
        assert!(
            (measured - expected_pitch).abs() / expected_pitch < 0.06,
            "{cue:?}: {measured} Hz, not {expected_pitch}"
        );
        pitches.push(measured);
    }
    for (i, a) in pitches.iter().enumerate() {
        for b in &pitches[i + 1..] {
            assert!((a - b).abs() / a.min(*b) > 0.1, "two chimes start on nearly the same pitch: {pitches:?}");
        }
    }
}

#[test]
fn the_capture_sees_silence_when_nothing_sounds() {
    // The negative control: the same capture at volume 0 holds no chime at all, so the
    // test above fails if the chimes stop going out.
    let dir = tempfile::tempdir().unwrap();
    let wav = dir.path().join("out.wav");
    let out = play_chimes(&capture_config(dir.path(), &wav), "0");
    assert!(out.status.success());
    let samples = left_channel(&wav);
    assert!(samples.len() > 48_000, "the device was opened and written to");
    assert!(segments(&samples, 48_000).is_empty());
}

#[test]
fn without_a_sound_device_a_session_runs_and_rings_the_bell() {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("asound.conf");
    std::fs::write(&conf, "# no devices at all\n").unwrap();
    let config = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(
        &["run", "tests/fixtures/e2e/quick.toml"],
        80,
        24,
        &[
            ("ALSA_CONFIG_PATH", conf.to_str().unwrap()),
            ("XDG_CONFIG_HOME", config.path().to_str().unwrap()),
            ("XDG_DATA_HOME", config.path().to_str().unwrap()),
            ("NO_COLOR", "1"),
        ],
    );
    pty.wait_text("space or Enter", Duration::from_secs(5));
    pty.send("\r");
    let screen = pty.wait_text("No sound device: chimes ring the terminal bell.", Duration::from_secs(5));
    assert_eq!(screen.matches("No sound device").count(), 1, "{screen}");
    pty.wait_text("Well done!", Duration::from_secs(15));
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
    let output = String::from_utf8_lossy(&pty.all_output()).into_owned();
    assert!(!output.contains("ALSA"), "the audio library printed over the screen");
    assert!(!output.contains("rodio") && !output.contains("cpal"), "the audio library printed over the screen");
    assert!(output.matches('\u{7}').count() >= 5, "the terminal bell stood in for the chimes");
}

/// The terminal bell's rings in `pty`'s output, grouped: rings under half a second apart
/// are one cue's pattern. Returns each group's count, and the shortest gap within one.
fn bell_groups(pty: &Pty) -> (Vec<usize>, Duration) {
    let rings: Vec<std::time::Instant> =
        pty.received.iter().flat_map(|(at, bytes)| bytes.iter().filter(|b| **b == 0x07).map(move |_| *at)).collect();
    let mut groups: Vec<usize> = Vec::new();
    let mut shortest = Duration::MAX;
    for (i, at) in rings.iter().enumerate() {
        match i.checked_sub(1).map(|j| at.duration_since(rings[j])) {
            Some(gap) if gap < Duration::from_millis(500) => {
                shortest = shortest.min(gap);
                *groups.last_mut().unwrap() += 1;
            }
            _ => groups.push(1),
        }
    }
    (groups, shortest)
}

#[test]
fn without_a_sound_device_each_cue_rings_its_own_pattern() {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("asound.conf");
    std::fs::write(&conf, "# no devices at all\n").unwrap();
    let routine = dir.path().join("bells.toml");
    std::fs::write(
        &routine,
        "name = \"Bells\"\n[defaults]\nget_ready = 2\nswitch_sides = 2\n\
         [[step]]\nname = \"Calf\"\nhold = 2\nsides = \"both\"\n[[step]]\nname = \"Fold\"\nhold = 2\n",
    )
    .unwrap();
    let mut pty = Pty::spawn(
        &["run", routine.to_str().unwrap()],
        80,
        24,
        &[
            ("ALSA_CONFIG_PATH", conf.to_str().unwrap()),
            ("XDG_CONFIG_HOME", dir.path().to_str().unwrap()),
            ("XDG_DATA_HOME", dir.path().to_str().unwrap()),
        ],
    );
    pty.wait_text("space or Enter", Duration::from_secs(5));
    pty.send("\r");
    pty.wait_text("Well done!", Duration::from_secs(20));
    // The routine's end rings four times, the last 0.9 s after the first.
    pty.drain_for(Duration::from_millis(1_500));
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
    let (groups, shortest) = bell_groups(&pty);
    // Tick, hold start; switch sides; hold start; hold end, tick; hold start; the end.
    assert_eq!(groups, [1, 1, 3, 1, 2, 1, 1, 4], "rings per cue");
    // Spaced 300 ms apart (the sounder's own tests pin the schedule); measured here as they
    // arrive, which a busy machine delays unevenly (172 ms was seen under load), so only
    // rings sent together, 0 ms apart, would fail.
    assert!(shortest >= Duration::from_millis(100), "rings of one cue are spaced apart: {shortest:?}");
}

/// The loudest 50 ms of `samples`, as root mean square.
fn loudest_50ms(samples: &[f32], rate: usize) -> f32 {
    samples
        .windows(rate / 20)
        .step_by(rate / 200)
        .map(|w| (w.iter().map(|s| s * s).sum::<f32>() / w.len() as f32).sqrt())
        .fold(0.0, f32::max)
}

#[test]
fn at_volume_100_every_chime_peaks_near_full_scale_and_the_tick_is_as_loud() {
    let dir = tempfile::tempdir().unwrap();
    let wav = dir.path().join("out.wav");
    let out = play_chimes(&capture_config(dir.path(), &wav), "100");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let samples = left_channel(&wav);
    let found = segments(&samples, 48_000);
    assert_eq!(found.len(), supple::cue::SOUNDS.len(), "{found:?}");
    let mut loudness = Vec::new();
    for (segment, cue) in found.iter().zip(supple::cue::Cue::all()) {
        let sound =
            &samples[segment.start.saturating_sub(480)..(segment.start + segment.len + 4_800).min(samples.len())];
        let peak = sound.iter().fold(0.0f32, |m, s| m.max(s.abs()));
        // The soft cues (repetitions, the breath) at their own share of it.
        let full = cue.sound().loudness;
        assert!(
            (0.8 * full..0.95 * full).contains(&peak),
            "{cue:?} peaks at {peak}: near {full} of full scale, never clipped"
        );
        if full >= 1.0 {
            loudness.push(loudest_50ms(sound, 48_000));
        }
    }
    let tick = loudness[0];
    let quietest_other = loudness[1..].iter().copied().fold(f32::MAX, f32::min);
    // Within 2 dB of the quietest of the others.
    assert!(tick >= quietest_other * 0.79, "tick {tick} against {loudness:?}");
}

#[test]
fn supple_chimes_names_each_cue_and_says_when_nothing_will_be_heard() {
    let dir = tempfile::tempdir().unwrap();
    let wav = dir.path().join("out.wav");
    let conf = capture_config(dir.path(), &wav);
    let out = play_chimes(&conf, "40");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let names = [
        "countdown tick",
        "hold start",
        "halfway",
        "time nearly up",
        "switch sides",
        "hold end",
        "rest over",
        "repetition",
        "breathe in",
        "breathe out",
        "routine complete",
    ];
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), names.len(), "one line a cue, as it plays: {text}");
    for (line, name) in lines.iter().zip(names) {
        assert!(line.starts_with(name), "{line:?} is {name}");
    }
    let silent = play_chimes(&conf, "0");
    assert!(String::from_utf8_lossy(&silent.stdout).starts_with("The volume is 0: nothing will be heard."));
    // Muted sessions: said, and played at the sessions' volume.
    let home = dir.path().join("home");
    std::fs::create_dir_all(home.join("supple")).unwrap();
    std::fs::write(home.join("supple/sound.toml"), "volume = 55\nmuted = true\n").unwrap();
    let muted = Command::new(env!("CARGO_BIN_EXE_supple"))
        .arg("chimes")
        .env("ALSA_CONFIG_PATH", &conf)
        .env("XDG_CONFIG_HOME", &home)
        .env("XDG_DATA_HOME", &home)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&muted.stdout).into_owned();
    assert!(said.starts_with("Sessions are muted (m in a session unmutes); playing at their volume, 55%."), "{said}");
    assert!(!segments(&left_channel(&wav), 48_000).is_empty(), "heard, all the same");
}
