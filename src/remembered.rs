//! What a person changes during a session and finds again in the next one: the chimes'
//! volume, mute and whether the voice speaks, kept in a small file in the data directory. Failing to read or write
//! it is never a reason to stop.

use crate::dirs;

/// Volume steps of the volume keys.
const STEP: u8 = 10;

/// How loud the chimes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SoundLevel {
    /// 0 to 100.
    pub volume: u8,
    pub muted: bool,
    /// Whether the voice speaks the cues.
    pub voice: bool,
}

impl Default for SoundLevel {
    fn default() -> Self {
        Self { volume: 70, muted: false, voice: true }
    }
}

impl SoundLevel {
    pub(crate) fn louder(&mut self) {
        self.volume = self.volume.saturating_add(STEP).min(100);
        self.muted = false;
    }

    pub(crate) fn softer(&mut self) {
        self.volume = self.volume.saturating_sub(STEP);
    }

    pub(crate) fn toggle_mute(&mut self) {
        self.muted = !self.muted;
    }

    pub(crate) fn toggle_voice(&mut self) {
        self.voice = !self.voice;
    }

    /// The gain to play at, 0 when muted.
    pub(crate) fn gain(self) -> f32 {
        if self.muted { 0.0 } else { f32::from(self.volume) / 100.0 }
    }

    /// The level remembered from the last session, or the default.
    pub(crate) fn load() -> Self {
        let read = dirs::remembered_file().and_then(|p| crate::files::read_regular(&p, 4096).ok().flatten());
        let Some(text) = read.and_then(|bytes| String::from_utf8(bytes).ok()) else {
            return Self::default();
        };
        let mut level = Self::default();
        for line in text.lines() {
            let Some((key, value)) = line.split_once('=') else { continue };
            match (key.trim(), value.trim()) {
                ("volume", v) => level.volume = v.parse::<u8>().map_or(level.volume, |v| v.min(100)),
                ("muted", v) => level.muted = v == "true",
                ("voice", v) => level.voice = v != "false",
                _ => {}
            }
        }
        level
    }

    /// Remembers the level for the next session.
    pub(crate) fn save(self) {
        let Some(path) = dirs::remembered_file() else { return };
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let text = format!(
            "# supple remembers your sound settings here.\nvolume = {}\nmuted = {}\nvoice = {}\n",
            self.volume, self.muted, self.voice
        );
        let _ = crate::files::replace(&path, text.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volume_stays_in_range_and_mute_silences() {
        let mut sound = SoundLevel { volume: 95, ..SoundLevel::default() };
        sound.louder();
        assert_eq!(sound.volume, 100);
        sound.toggle_mute();
        assert!(sound.gain().abs() < f32::EPSILON);
        sound.louder();
        assert!(!sound.muted, "turning it up unmutes");
        for _ in 0..20 {
            sound.softer();
        }
        assert_eq!(sound.volume, 0);
    }
}
