//! The cues: every sound a session gives, and everything known of each, in one table
//! ([`SOUNDS`]): its chime's notes and file, its name and meaning, how loud it plays
//! against the others, how many times the terminal bell rings for it where there is no
//! sound device, and the built-in sentence said in its place when the voice is on. The
//! session, the pacing of a hold, the player, the bell, the voice and `supple chimes` all
//! read it here; a new cue is a row of this table and the rule that says when it falls.
//!
//! The sentences supple says without a speech engine are a table of their own here too
//! ([`BUILT_IN`]), recorded into `assets/voice/` by `cargo run --example record_phrases`.

/// A sound the session asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cue {
    /// One of the last seconds before a hold.
    CountdownTick,
    HoldStart,
    SwitchSides,
    HoldEnd,
    RestEnd,
    RoutineComplete,
    /// A counted repetition begins.
    Repetition,
    /// The breath pacer turns to the in-breath, or to the out-breath.
    BreatheIn,
    BreatheOut,
    /// Half of a long hold is done.
    Halfway,
    /// A long hold's last seconds begin.
    TimeLeft,
}

/// One bell strike of a chime: when, how high, how loud against the chime's other notes,
/// how long it rings, and how soft its start is (all in seconds and hertz).
#[derive(Debug, Clone, Copy)]
pub struct Note {
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

/// Everything known of one cue.
#[derive(Debug)]
pub struct Sound {
    pub cue: Cue,
    /// Its file in `assets/`, without `.wav`, and what `supple chimes` calls it.
    pub file: &'static str,
    pub name: &'static str,
    /// What it tells the person, for `supple chimes`.
    pub meaning: &'static str,
    /// The chime's notes, which `cargo run --example synthesize_chimes` renders.
    pub notes: &'static [Note],
    /// The chime as embedded, 16-bit WAV.
    pub wav: &'static [u8],
    /// How loud it plays against the others (1 is full).
    pub loudness: f32,
    /// How many times the terminal bell rings for it where there is no sound device.
    pub bells: u8,
    /// A cue inside a hold that the voice says in the chime's place, with the built-in
    /// sentence that says it.
    pub says: Option<BuiltIn>,
}

/// Every cue, in the order `supple chimes` plays them.
///
/// Loudness: the breath pacer's turns and the repetition knocks come many times a hold and
/// are guidance, not news, so they are soft. Bells: a bell has one sound, so a cue is told
/// by its count: one for a start (and each of the seconds before a hold), two for a hold's
/// end, three to switch sides, four at the end; none inside a hold but for a counted
/// repetition, so the patterns stay few (the breath is followed on the screen: a bell at
/// every turn would only nag).
pub const SOUNDS: [Sound; 11] = [
    Sound {
        cue: Cue::CountdownTick,
        file: "countdown-tick",
        name: "countdown tick",
        meaning: "each of the last seconds before a hold",
        // A short high blip, once a second before a hold.
        notes: &[note(0.0, E6, 1.0, 0.06)],
        wav: include_bytes!("../assets/countdown-tick.wav"),
        loudness: 1.0,
        bells: 1,
        says: None,
    },
    Sound {
        cue: Cue::HoldStart,
        file: "hold-start",
        name: "hold start",
        meaning: "start holding",
        // Two quick rising strikes, bright and short: go.
        notes: &[note(0.0, G5, 1.0, 0.12), note(0.1, C6, 1.0, 0.2)],
        wav: include_bytes!("../assets/hold-start.wav"),
        loudness: 1.0,
        bells: 1,
        says: None,
    },
    Sound {
        cue: Cue::Halfway,
        file: "halfway",
        name: "halfway",
        meaning: "half of a long hold is done",
        // Two even strikes: half the hold is done.
        notes: &[note(0.0, D5, 1.0, 0.15), note(0.22, D5, 1.0, 0.25)],
        wav: include_bytes!("../assets/halfway.wav"),
        loudness: 1.0,
        bells: 0,
        says: Some(BuiltIn::Halfway),
    },
    Sound {
        cue: Cue::TimeLeft,
        file: "time-left",
        name: "time nearly up",
        meaning: "a long hold's last seconds",
        // Three quick high strikes: the last seconds.
        notes: &[note(0.0, C6, 1.0, 0.06), note(0.12, C6, 1.0, 0.06), note(0.24, C6, 1.0, 0.12)],
        wav: include_bytes!("../assets/time-left.wav"),
        loudness: 1.0,
        bells: 0,
        says: Some(BuiltIn::TenSeconds),
    },
    Sound {
        cue: Cue::SwitchSides,
        file: "switch-sides",
        name: "switch sides",
        meaning: "change to the other side",
        // Back and forth: change sides.
        notes: &[note(0.0, E5, 1.0, 0.1), note(0.14, A5, 1.0, 0.1), note(0.28, E5, 1.0, 0.16)],
        wav: include_bytes!("../assets/switch-sides.wav"),
        loudness: 1.0,
        bells: 3,
        says: None,
    },
    Sound {
        cue: Cue::HoldEnd,
        file: "hold-end",
        name: "hold end",
        meaning: "let go",
        // Falling a fifth, swelled in and long: let go. Other notes than the start's, a
        // soft start where it has a hard one, and twice as long.
        notes: &[swell(0.0, A5, 1.0, 0.2), swell(0.22, D5, 1.0, 0.4)],
        wav: include_bytes!("../assets/hold-end.wav"),
        loudness: 1.0,
        bells: 2,
        says: None,
    },
    Sound {
        cue: Cue::RestEnd,
        file: "rest-end",
        name: "rest over",
        meaning: "the rest is over, get into position",
        // One low, warm bell: the rest is over.
        notes: &[note(0.0, A4, 1.0, 0.3)],
        wav: include_bytes!("../assets/rest-end.wav"),
        loudness: 1.0,
        bells: 1,
        says: None,
    },
    Sound {
        cue: Cue::Repetition,
        file: "repetition",
        name: "repetition",
        meaning: "the next repetition of a counted movement, softly",
        // A short low knock: the next repetition of a counted movement.
        notes: &[note(0.0, G4, 1.0, 0.05)],
        wav: include_bytes!("../assets/repetition.wav"),
        loudness: 0.6,
        bells: 1,
        says: None,
    },
    Sound {
        cue: Cue::BreatheIn,
        file: "breathe-in",
        name: "breathe in",
        meaning: "the breath pacer: breathe in (off unless [breath] sound = true)",
        // Low slow swells, the out-breath lower and longer: the breath pacer's turns.
        notes: &[breath(0.0, F4, 0.5)],
        wav: include_bytes!("../assets/breathe-in.wav"),
        loudness: 0.35,
        bells: 0,
        says: None,
    },
    Sound {
        cue: Cue::BreatheOut,
        file: "breathe-out",
        name: "breathe out",
        meaning: "the breath pacer: breathe out (off unless [breath] sound = true)",
        notes: &[breath(0.0, D4, 0.7)],
        wav: include_bytes!("../assets/breathe-out.wav"),
        loudness: 0.35,
        bells: 0,
        says: None,
    },
    Sound {
        cue: Cue::RoutineComplete,
        file: "routine-complete",
        name: "routine complete",
        meaning: "the routine is done",
        // A rising arpeggio and a chord: well done.
        notes: &[
            note(0.0, C5, 1.0, 0.2),
            note(0.15, E5, 1.0, 0.2),
            note(0.3, G5, 1.0, 0.2),
            note(0.45, C6, 0.8, 0.45),
            note(0.45, G5, 0.55, 0.45),
            note(0.45, E5, 0.55, 0.45),
        ],
        wav: include_bytes!("../assets/routine-complete.wav"),
        loudness: 1.0,
        bells: 4,
        // Its sentence follows the chime, with the session's time: the phrasebook's.
        says: None,
    },
];

impl Cue {
    /// Every cue, in the table's order.
    pub fn all() -> impl Iterator<Item = Self> {
        SOUNDS.iter().map(|s| s.cue)
    }

    /// Its row of [`SOUNDS`].
    pub fn sound(self) -> &'static Sound {
        // Every cue has its row: `every_cue_has_one_row` checks it.
        SOUNDS.iter().find(|s| s.cue == self).unwrap_or(&SOUNDS[0])
    }
}

/// The sentences built into supple as sound, for when no engine is installed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BuiltIn {
    SwitchSides,
    LeftSide,
    RightSide,
    Rest,
    Halfway,
    TenSeconds,
    RoutineComplete,
}

/// A built-in sentence: what it says, and its recording in `assets/voice/`.
#[derive(Debug)]
pub struct Recording {
    pub phrase: BuiltIn,
    pub text: &'static str,
    /// Its file's name, without `.wav`.
    pub file: &'static str,
    pub wav: &'static [u8],
}

/// Every built-in sentence.
pub const BUILT_IN: [Recording; 7] = [
    Recording {
        phrase: BuiltIn::SwitchSides,
        text: "Switch sides",
        file: "switch-sides",
        wav: include_bytes!("../assets/voice/switch-sides.wav"),
    },
    Recording {
        phrase: BuiltIn::LeftSide,
        text: "Left side",
        file: "left-side",
        wav: include_bytes!("../assets/voice/left-side.wav"),
    },
    Recording {
        phrase: BuiltIn::RightSide,
        text: "Right side",
        file: "right-side",
        wav: include_bytes!("../assets/voice/right-side.wav"),
    },
    Recording { phrase: BuiltIn::Rest, text: "Rest", file: "rest", wav: include_bytes!("../assets/voice/rest.wav") },
    Recording {
        phrase: BuiltIn::Halfway,
        text: "Halfway",
        file: "halfway",
        wav: include_bytes!("../assets/voice/halfway.wav"),
    },
    Recording {
        phrase: BuiltIn::TenSeconds,
        text: "Ten seconds",
        file: "ten-seconds",
        wav: include_bytes!("../assets/voice/ten-seconds.wav"),
    },
    Recording {
        phrase: BuiltIn::RoutineComplete,
        text: "Routine complete",
        file: "routine-complete",
        wav: include_bytes!("../assets/voice/routine-complete.wav"),
    },
];

impl BuiltIn {
    /// Its row of [`BUILT_IN`].
    pub fn recording(self) -> &'static Recording {
        // Every sentence has its row: `every_cue_has_one_row` checks it.
        BUILT_IN.iter().find(|r| r.phrase == self).unwrap_or(&BUILT_IN[0])
    }

    /// What it says.
    pub fn text(self) -> &'static str {
        self.recording().text
    }

    /// The sentence for a side.
    pub fn side(side: crate::side::Side) -> Self {
        match side {
            crate::side::Side::Left => Self::LeftSide,
            crate::side::Side::Right => Self::RightSide,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cue_has_one_row_and_every_sentence_too() {
        let all = [
            Cue::CountdownTick,
            Cue::HoldStart,
            Cue::SwitchSides,
            Cue::HoldEnd,
            Cue::RestEnd,
            Cue::RoutineComplete,
            Cue::Repetition,
            Cue::BreatheIn,
            Cue::BreatheOut,
            Cue::Halfway,
            Cue::TimeLeft,
        ];
        for cue in all {
            assert_eq!(SOUNDS.iter().filter(|s| s.cue == cue).count(), 1, "{cue:?}");
            assert_eq!(cue.sound().cue, cue);
        }
        assert_eq!(SOUNDS.len(), all.len());
        for phrase in [
            BuiltIn::SwitchSides,
            BuiltIn::LeftSide,
            BuiltIn::RightSide,
            BuiltIn::Rest,
            BuiltIn::Halfway,
            BuiltIn::TenSeconds,
            BuiltIn::RoutineComplete,
        ] {
            assert_eq!(BUILT_IN.iter().filter(|r| r.phrase == phrase).count(), 1, "{phrase:?}");
            assert_eq!(phrase.recording().phrase, phrase);
        }
    }
}
