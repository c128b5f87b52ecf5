//! The sound settings a person changes during a session (volume, mute), remembered for the
//! next one in a small file in the platform data directory.

use std::path::PathBuf;

/// Volume steps of the volume keys.
const STEP: u8 = 10;

/// How chimes sound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sound {
    /// 0 to 100.
    pub volume: u8,
    pub muted: bool,
    /// No device: the terminal bell rings instead.
    pub bell: bool,
}

impl Default for Sound {
    fn default() -> Self {
        Self { volume: 70, muted: false, bell: false }
    }
}

impl Sound {
    pub fn louder(&mut self) {
        self.volume = self.volume.saturating_add(STEP).min(100);
        self.muted = false;
    }

    pub fn softer(&mut self) {
        self.volume = self.volume.saturating_sub(STEP);
    }

    pub fn toggle_mute(&mut self) {
        self.muted = !self.muted;
    }

    /// The gain to play at, 0 when muted.
    pub fn gain(&self) -> f32 {
        if self.muted { 0.0 } else { f32::from(self.volume) / 100.0 }
    }

    /// "vol 70%", "muted", "bell".
    pub fn label(&self) -> String {
        match (self.muted, self.bell) {
            (true, _) => "muted".to_string(),
            (false, true) => "bell".to_string(),
            (false, false) => format!("vol {}%", self.volume),
        }
    }

    /// The settings remembered from the last session, or the defaults.
    pub fn load() -> Self {
        let Some(text) = state_file().and_then(|p| std::fs::read_to_string(p).ok()) else { return Self::default() };
        let mut sound = Self::default();
        for line in text.lines() {
            let Some((key, value)) = line.split_once('=') else { continue };
            match (key.trim(), value.trim()) {
                ("volume", v) => sound.volume = v.parse::<u8>().map_or(sound.volume, |v| v.min(100)),
                ("muted", v) => sound.muted = v == "true",
                _ => {}
            }
        }
        sound
    }

    /// Remembers the settings for the next session; failing to is no reason to stop.
    pub fn save(&self) {
        let Some(path) = state_file() else { return };
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let text =
            format!("# supple remembers your sound settings here.\nvolume = {}\nmuted = {}\n", self.volume, self.muted);
        let _ = std::fs::write(path, text);
    }
}

/// `$XDG_DATA_HOME/supple/sound.toml`, or the platform's data directory.
fn state_file() -> Option<PathBuf> {
    crate::history::data_dir().map(|d| d.join("sound.toml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volume_stays_in_range_and_mute_silences() {
        let mut sound = Sound { volume: 95, ..Sound::default() };
        sound.louder();
        assert_eq!(sound.volume, 100);
        sound.toggle_mute();
        assert!(sound.gain().abs() < f32::EPSILON);
        assert_eq!(sound.label(), "muted");
        sound.louder();
        assert!(!sound.muted, "turning it up unmutes");
        for _ in 0..20 {
            sound.softer();
        }
        assert_eq!(sound.volume, 0);
    }
}
