//! The chimes, synthesized: small bells from sine partials with a soft attack and an
//! exponential decay. `cargo run --example synthesize_chimes` writes them to `assets/`;
//! a test checks the files there are exactly what this code makes.

use std::f32::consts::TAU;

/// Sample rate of the chime files.
pub(crate) const RATE: u32 = 22_050;

/// One bell strike: when, how high, how loud, how long it rings.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Note {
    pub at: f32,
    pub pitch: f32,
    pub gain: f32,
    pub decay: f32,
}

const fn note(at: f32, pitch: f32, gain: f32, decay: f32) -> Note {
    Note { at, pitch, gain, decay }
}

// Pitches in hertz.
const A4: f32 = 440.0;
const C5: f32 = 523.25;
const E5: f32 = 659.25;
const G5: f32 = 783.99;
const A5: f32 = 880.0;
const C6: f32 = 1046.5;
const E6: f32 = 1318.5;

/// Each cue's file name and notes. The first note's pitch differs from cue to cue.
pub(crate) const CHIMES: &[(&str, &[Note])] = &[
    // A short high blip, once a second before a hold.
    ("countdown-tick", &[note(0.0, E6, 0.22, 0.03)]),
    // Rising: go.
    ("hold-start", &[note(0.0, G5, 0.32, 0.16), note(0.12, C6, 0.32, 0.22)]),
    // Back and forth: change sides.
    ("switch-sides", &[note(0.0, E5, 0.3, 0.1), note(0.14, A5, 0.3, 0.1), note(0.28, E5, 0.3, 0.16)]),
    // Falling: let go.
    ("hold-end", &[note(0.0, C6, 0.3, 0.14), note(0.15, G5, 0.3, 0.24)]),
    // One low, warm bell: the rest is over.
    ("rest-end", &[note(0.0, A4, 0.34, 0.3)]),
    // A rising arpeggio and a chord: well done.
    (
        "routine-complete",
        &[
            note(0.0, C5, 0.26, 0.2),
            note(0.15, E5, 0.26, 0.2),
            note(0.3, G5, 0.26, 0.2),
            note(0.45, C6, 0.2, 0.45),
            note(0.45, G5, 0.14, 0.45),
            note(0.45, E5, 0.14, 0.45),
        ],
    ),
];

/// Samples of `notes`, mono, at [`RATE`].
pub(crate) fn render(notes: &[Note]) -> Vec<f32> {
    let end = notes.iter().map(|n| n.at + n.decay * 5.0).fold(0.0, f32::max);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_precision_loss)]
    let len = (end * RATE as f32) as usize;
    let mut out = vec![0.0f32; len];
    for n in notes {
        strike(&mut out, *n);
    }
    out
}

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_precision_loss)]
fn strike(out: &mut [f32], n: Note) {
    let start = (n.at * RATE as f32) as usize;
    let attack = 0.004;
    // A bell: the fundamental, a quiet octave, and a faint inharmonic partial.
    let partials = [(1.0, 1.0), (2.0, 0.22), (2.76, 0.08)];
    for (i, sample) in out.iter_mut().skip(start).enumerate() {
        let t = i as f32 / RATE as f32;
        let envelope = (t / attack).min(1.0) * (-t / n.decay).exp();
        let tone: f32 = partials.iter().map(|(ratio, level)| level * (TAU * n.pitch * ratio * t).sin()).sum();
        *sample += n.gain * envelope * tone / 1.3;
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
