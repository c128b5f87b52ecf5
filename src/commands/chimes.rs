//! `supple chimes`: plays every chime once, in order, so a person can learn them (and check
//! that sound works).

use crate::audio::{CUES, Chimes, Report, cue_name};

/// Plays the chimes at `volume`; returns whether a sound device was there.
pub fn run(volume: f32) -> std::io::Result<bool> {
    let (tx, rx) = std::sync::mpsc::channel();
    let chimes = Chimes::start(move |report| {
        let _ = tx.send(report);
    });
    let names: Vec<&str> = CUES.iter().map(|&c| cue_name(c)).collect();
    super::out(format_args!("Playing, in order: {}.\n", names.join(", ")))?;
    chimes.play_all(volume);
    if rx.try_recv() == Ok(Report::NoDevice) {
        super::err(
            "No sound device could be opened, so sessions ring the terminal bell instead.\n\
             Over SSH or in a container this is expected; see the README's troubleshooting.\n",
        );
        return Ok(false);
    }
    Ok(true)
}
