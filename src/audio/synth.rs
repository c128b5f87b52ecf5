//! The chimes, synthesized: small bells from sine partials with a soft attack and an
//! exponential decay. `cargo run --example synthesize_chimes` writes them to `assets/`;
//! a test checks the files there are exactly what this code makes.

use std::f32::consts::TAU;

/// Sample rate of the chime files.
pub(crate) const RATE: u32 = 22_050;

/// The peak every chime is scaled to: 1 dB under full scale, so volume 100 is as loud as
/// the output goes without clipping, and every cue (the short tick too) is as loud.
pub(crate) const PEAK: f32 = 0.89;

/// One bell strike: when, how high, how loud against the chime's other notes, how long it
/// rings, and how soft its start is.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Note {
    pub at: f32,
    pub pitch: f32,
    pub gain: f32,
    pub decay: f32,
    pub attack: f32,
}

/// A struck note: a quick start.
const fn note(at: f32, pitch: f32, gain: f32, decay: f32) -> Note {
    Note { at, pitch, gain, decay, attack: 0.004 }
}

/// A breath: a very slow start and a long fade, a bowl tone that never startles.
const fn breath(at: f32, pitch: f32, decay: f32) -> Note {
    Note { at, pitch, gain: 1.0, decay, attack: 0.25 }
}

/// A swelled note: a slow start, like a bowl rubbed rather than struck.
const fn swell(at: f32, pitch: f32, gain: f32, decay: f32) -> Note {
    Note { at, pitch, gain, decay, attack: 0.04 }
}

// Pitches in hertz. Every cue starts on its own, each at least a whole tone from the
// others, so no two are mistaken.
const D4: f32 = 293.66;
const F4: f32 = 349.23;
const G4: f32 = 392.0;
const A4: f32 = 440.0;
const C5: f32 = 523.25;
const D5: f32 = 587.33;
const E5: f32 = 659.25;
const G5: f32 = 783.99;
const A5: f32 = 880.0;
const C6: f32 = 1046.5;
const E6: f32 = 1318.5;

/// Each cue's file name and notes. The first note's pitch differs from cue to cue.
pub(crate) const CHIMES: &[(&str, &[Note])] = &[
    // A short high blip, once a second before a hold.
    ("countdown-tick", &[note(0.0, E6, 1.0, 0.06)]),
    // Two quick rising strikes, bright and short: go.
    ("hold-start", &[note(0.0, G5, 1.0, 0.12), note(0.1, C6, 1.0, 0.2)]),
    // Back and forth: change sides.
    ("switch-sides", &[note(0.0, E5, 1.0, 0.1), note(0.14, A5, 1.0, 0.1), note(0.28, E5, 1.0, 0.16)]),
    // Falling a fifth, swelled in and long: let go. Other notes than the start's, a soft
    // start where it has a hard one, and twice as long.
    ("hold-end", &[swell(0.0, A5, 1.0, 0.2), swell(0.22, D5, 1.0, 0.4)]),
    // One low, warm bell: the rest is over.
    ("rest-end", &[note(0.0, A4, 1.0, 0.3)]),
    // A short low knock: the next repetition of a counted movement.
    ("repetition", &[note(0.0, G4, 1.0, 0.05)]),
    // Low slow swells, the out-breath lower and longer: the breath pacer's turns.
    ("breathe-in", &[breath(0.0, F4, 0.5)]),
    ("breathe-out", &[breath(0.0, D4, 0.7)]),
    // Two even strikes: half the hold is done.
    ("halfway", &[note(0.0, D5, 1.0, 0.15), note(0.22, D5, 1.0, 0.25)]),
    // Three quick high strikes: the last seconds.
    ("time-left", &[note(0.0, C6, 1.0, 0.06), note(0.12, C6, 1.0, 0.06), note(0.24, C6, 1.0, 0.12)]),
    // A rising arpeggio and a chord: well done.
    (
        "routine-complete",
        &[
            note(0.0, C5, 1.0, 0.2),
            note(0.15, E5, 1.0, 0.2),
            note(0.3, G5, 1.0, 0.2),
            note(0.45, C6, 0.8, 0.45),
            note(0.45, G5, 0.55, 0.45),
            note(0.45, E5, 0.55, 0.45),
        ],
    ),
];

/// Samples of `notes`, mono, at [`RATE`], peaking at [`PEAK`].
pub(crate) fn render(notes: &[Note]) -> Vec<f32> {
    let end = notes.iter().map(|n| n.at + n.attack + n.decay * 5.0).fold(0.0, f32::max);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_precision_loss)]
    let len = (end * RATE as f32) as usize;
    let mut out = vec![0.0f32; len];
    for n in notes {
        strike(&mut out, *n);
    }
    let peak = out.iter().fold(0.0f32, |peak, s| peak.max(s.abs()));
    if peak > 0.0 {
        for s in &mut out {
            *s *= PEAK / peak;
        }
    }
    out
}

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_precision_loss)]
fn strike(out: &mut [f32], n: Note) {
    let start = (n.at * RATE as f32) as usize;
    // A bell: the fundamental, a quiet octave, and a faint inharmonic partial.
    let partials = [(1.0, 1.0), (2.0, 0.22), (2.76, 0.08)];
    for (i, sample) in out.iter_mut().skip(start).enumerate() {
        let t = i as f32 / RATE as f32;
        let envelope = (t / n.attack).min(1.0) * (-(t - n.attack).max(0.0) / n.decay).exp();
        let tone: f32 = partials.iter().map(|(ratio, level)| level * (TAU * n.pitch * ratio * t).sin()).sum();
        *sample += n.gain * envelope * tone;
    }
}

/// A 16-bit mono WAV file of `samples`.
pub(crate) fn wav(samples: &[f32]) -> Vec<u8> {
    let data_len = u32::try_from(samples.len() * 2).unwrap_or(u32::MAX);
    let mut out = Vec::with_capacity(44 + samples.len() * 2);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data_len).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // mono
    out.extend_from_slice(&RATE.to_le_bytes());
    out.extend_from_slice(&(RATE * 2).to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&16u16.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data_len.to_le_bytes());
    for s in samples {
        #[allow(clippy::cast_possible_truncation)]
        let v = (s.clamp(-1.0, 1.0) * f32::from(i16::MAX)) as i16;
        out.extend_from_slice(&v.to_le_bytes());
    }
    out
}

/// Every chime's file name and WAV bytes.
pub fn all() -> Vec<(&'static str, Vec<u8>)> {
    CHIMES.iter().map(|(name, notes)| (*name, wav(&render(notes)))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notes_of(name: &str) -> &'static [Note] {
        CHIMES.iter().find(|(n, _)| *n == name).map(|(_, notes)| *notes).unwrap()
    }

    #[allow(clippy::cast_precision_loss)]
    fn length(notes: &[Note]) -> f32 {
        render(notes).len() as f32 / RATE as f32
    }

    #[test]
    fn hold_start_and_hold_end_differ_by_more_than_note_order() {
        let (start, end) = (notes_of("hold-start"), notes_of("hold-end"));
        let pitches = |notes: &[Note]| {
            let mut p: Vec<u32> = notes.iter().map(|n| n.pitch.to_bits()).collect();
            p.sort_unstable();
            p
        };
        assert_ne!(pitches(start), pitches(end), "other notes, not the same ones reversed");
        assert!(length(end) > length(start) * 1.5, "{} s against {} s", length(end), length(start));
        assert!(end[0].attack > start[0].attack * 5.0, "a soft start against a struck one");
    }

    #[test]
    fn every_chime_peaks_just_under_full_scale() {
        for (name, notes) in CHIMES {
            let peak = render(notes).iter().fold(0.0f32, |p, s| p.max(s.abs()));
            assert!((peak - PEAK).abs() < 1e-4, "{name}: {peak}");
        }
    }
}
