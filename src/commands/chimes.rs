//! `supple chimes`: plays every chime once, in order, naming each as it plays, so a person
//! can learn them (and check that sound works).

use crate::audio::{Chimes, Report};
use crate::cue::SOUNDS;
use crate::remembered::SoundLevel;

/// The pause between two chimes.
const BETWEEN: std::time::Duration = std::time::Duration::from_millis(700);

/// Plays the chimes at `volume` (0 to 100), or at the level sessions use; returns whether
/// a sound device was there.
pub fn run(volume: Option<u8>) -> std::io::Result<bool> {
    let remembered = SoundLevel::load();
    let volume = match volume {
        Some(volume) => volume,
        None if remembered.muted => {
            super::out(format_args!(
                "Sessions are muted (m in a session unmutes); playing at their volume, {}%.\n",
                remembered.volume
            ))?;
            remembered.volume
        }
        None => remembered.volume,
    };
    if volume == 0 {
        super::out(format_args!("The volume is 0: nothing will be heard. Try `supple chimes --volume 70`.\n"))?;
    }
    let (tx, rx) = std::sync::mpsc::channel();
    let chimes = Chimes::start(move |report| {
        let _ = tx.send(report);
    });
    for sound in &SOUNDS {
        super::out(format_args!("{:<18} {}\n", sound.name, sound.meaning))?;
        // As loud as in a session: the soft ones soft.
        chimes.play_and_wait(sound.cue, f32::from(volume) / 100.0 * sound.loudness, BETWEEN);
        if rx.try_recv() == Ok(Report::NoDevice) {
            super::err(
                "No sound device could be opened, so sessions ring the terminal bell instead.\n\
                 Over SSH or in a container this is expected; see the README's troubleshooting.\n",
            );
            return Ok(false);
        }
    }
    Ok(true)
}
