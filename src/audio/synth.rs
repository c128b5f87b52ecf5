//! The chimes, synthesized: small bells from sine partials with a soft attack and an
//! exponential decay, from the notes the cue table ([`crate::cue::SOUNDS`]) gives each.
//! `cargo run --example synthesize_chimes` writes them to `assets/`; a test checks the
//! files there are exactly what this code makes.

use std::f32::consts::TAU;

use crate::cue::{Note, SOUNDS};

/// Sample rate of the chime files.
pub(crate) const RATE: u32 = 22_050;

/// The peak every chime is scaled to: 1 dB under full scale, so volume 100 is as loud as
/// the output goes without clipping, and every cue (the short tick too) is as loud.
pub(crate) const PEAK: f32 = 0.89;

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
    SOUNDS.iter().map(|sound| (sound.file, wav(&render(sound.notes)))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cue::Cue;

    fn notes_of(cue: Cue) -> &'static [Note] {
        cue.sound().notes
    }

    #[allow(clippy::cast_precision_loss)]
    fn length(notes: &[Note]) -> f32 {
        render(notes).len() as f32 / RATE as f32
    }

    #[test]
    fn hold_start_and_hold_end_differ_by_more_than_note_order() {
        let (start, end) = (notes_of(Cue::HoldStart), notes_of(Cue::HoldEnd));
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
        for sound in &SOUNDS {
            let peak = render(sound.notes).iter().fold(0.0f32, |p, s| p.max(s.abs()));
            assert!((peak - PEAK).abs() < 1e-4, "{}: {peak}", sound.file);
        }
    }
}
