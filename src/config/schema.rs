//! The config's key table: every section and setting, its default as the full config
//! writes it, and what it does. The reader checks keys against it (and says which section
//! a misplaced key belongs to), and `supple config --default` is written from it.

use std::fmt::Write as _;

use super::keymap::{self, Action, Keymap};
use crate::duration;
use crate::routine::Fallbacks;

/// One setting of a section.
#[derive(Debug)]
pub(crate) struct Setting {
    pub key: &'static str,
    /// Its default as TOML (`true`, `"5s"`), from the program's own defaults.
    pub default: fn() -> String,
    /// Written commented out in the full config: it has no fixed default (unset, the last
    /// choice is kept), and the value shown is an example.
    pub example: bool,
    /// What it does, beside it.
    pub doc: &'static str,
    /// Lines said before it.
    pub before: &'static [&'static str],
}

/// A section of the config: `[sound]`, and so on.
#[derive(Debug)]
pub(crate) struct Section {
    pub name: &'static str,
    /// Lines said under its header.
    pub doc: &'static [&'static str],
    pub settings: &'static [Setting],
    /// Lines said after its settings.
    pub after: &'static [&'static str],
}

impl Section {
    pub(crate) fn keys(&self) -> Vec<&'static str> {
        self.settings.iter().map(|s| s.key).collect()
    }
}

const fn setting(key: &'static str, default: fn() -> String, doc: &'static str) -> Setting {
    Setting { key, default, example: false, doc, before: &[] }
}

const fn example(key: &'static str, default: fn() -> String, doc: &'static str) -> Setting {
    Setting { key, default, example: true, doc, before: &[] }
}

fn seconds(pick: fn(&Fallbacks) -> std::time::Duration) -> String {
    format!("\"{}\"", duration::compact(pick(&Fallbacks::default())))
}

/// Every section but `[keys]`, whose keys are the actions ([`Action::ALL`]).
pub(crate) const SECTIONS: &[Section] = &[
    Section {
        name: "sound",
        doc: &[],
        settings: &[
            example(
                "volume",
                || "70".into(),
                "chime volume, 0 to 100; unset, the volume you last chose with ] and [ is kept",
            ),
            example("mute", || "false".into(), "unset, the mute you last chose with m is kept"),
            setting("bell", || "true".into(), "ring the terminal bell at each cue when there is no sound device"),
        ],
        after: &[],
    },
    Section {
        name: "timing",
        doc: &["Gaps for routines that do not set them (a routine's [defaults] and steps win)."],
        settings: &[
            setting("get_ready", || seconds(|f| f.get_ready), ""),
            setting("switch_sides", || seconds(|f| f.switch_sides), ""),
            setting("rest_between_reps", || seconds(|f| f.rest_between_reps), ""),
            setting("rest_after", || seconds(|f| f.rest_after), ""),
            Setting {
                key: "hold_scale",
                default: || "1".into(),
                example: false,
                doc: "",
                before: &[
                    "Every hold so many times as long, from 0.5 to 3 (holds counted in breaths too; counted",
                    "movements and activities stay). The guidance suggests 60 s holds rather than 30 s at 65",
                    "or older; this is your choice, not medical advice.",
                ],
            },
        ],
        after: &[],
    },
    Section {
        name: "breath",
        doc: &[],
        settings: &[
            setting("pace", || "\"4s/6s\"".into(), "the breathing pace, in then out, where a routine sets none"),
            setting(
                "pacer",
                || "false".into(),
                "true shows the breath pacer during every hold, not only where a routine sets a pace",
            ),
            setting("sound", || "false".into(), "true plays a soft sound at each turn of the breath"),
        ],
        after: &[],
    },
    Section {
        name: "cues",
        doc: &["Cues inside holds longer than `longer_than`; routines can set their own."],
        settings: &[
            setting("halfway", || "true".into(), "a chime halfway through"),
            setting("time_left", || "\"10s\"".into(), "a chime so long before the end; 0 for none"),
            setting("longer_than", || seconds(|f| f.cues_after), ""),
        ],
        after: &[],
    },
    Section {
        name: "display",
        doc: &[],
        settings: &[
            setting(
                "theme",
                || "\"default\"".into(),
                "\"default\", \"high-contrast\" (bold and bright, for reading from across a room) or \"monochrome\"",
            ),
            setting("big_digits", || "true".into(), "false shows the countdown as one line of text"),
            example(
                "max_countdown_rows",
                || "10".into(),
                "the most rows the big countdown may take; unset, it grows with the window",
            ),
        ],
        after: &[],
    },
    Section {
        name: "voice",
        doc: &["Spoken cues: the stretch, the side and the hold at each get-ready, switch and rest."],
        settings: &[
            example("on", || "true".into(), "unset, the voice is as you last left it with v (on at first)"),
            setting("engine", engine, ""),
            setting("voice", || "\"en-us\"".into(), ""),
            setting("rate", || "175".into(), "words a minute, 80 to 450"),
        ],
        after: &[],
    },
    Section {
        name: "control",
        doc: &["Steering a session from away from the keyboard; the help (?) says which are live."],
        settings: &[
            setting(
                "media_keys",
                || "true".into(),
                "a media player on the desktop bus: headset buttons, media keys, a phone or a watch",
            ),
            setting("ctl", || "true".into(), "`supple ctl` from another terminal, or over SSH"),
            setting("keep_awake", || "true".into(), "ask the desktop not to blank the screen while a session runs"),
            setting(
                "music",
                || "\"lower\"".into(),
                "while the voice speaks, other players are turned down (\"lower\"), \"pause\"d, or left alone (\"leave\")",
            ),
        ],
        after: &[],
    },
];

/// `engine`'s default, and how to write another, as the full config says them.
fn engine() -> String {
    let words: Vec<String> =
        crate::voice::engine::Engine::default_command().iter().map(|w| format!("\"{w}\"")).collect();
    format!(
        "[{}]\n#   any command that writes a WAV file: {{text}}, {{file}}, {{voice}} and {{rate}} are filled in,\n\
         #   and without {{text}} the text comes on standard input. On macOS:\n\
         #   engine = [\"say\", \"-v\", \"{{voice}}\", \"-r\", \"{{rate}}\", \"-o\", \"{{file}}\", \"--data-format=LEI16@22050\", \"{{text}}\"]",
        words.join(", ")
    )
}

/// The sections a key belongs to, besides `[keys]`.
pub(crate) fn section_of(key: &str) -> Option<&'static str> {
    SECTIONS.iter().find(|s| s.settings.iter().any(|k| k.key == key)).map(|s| s.name)
}

/// Every top-level name: the sections and `keys`.
pub(crate) fn top_names() -> Vec<&'static str> {
    SECTIONS.iter().map(|s| s.name).chain(["keys"]).collect()
}

/// The full config, every key at its default, each explained: `supple config --default`.
pub fn default_text() -> String {
    let mut text = String::from(
        "# supple's settings. Every key is optional: remove any you do not want to change.\n\
         # This file lives at ~/.config/supple/config.toml (or $XDG_CONFIG_HOME/supple/config.toml).\n\
         # `supple config` checks it; a setting with a mistake keeps its default.\n",
    );
    for section in SECTIONS {
        let _ = writeln!(text, "\n[{}]", section.name);
        for line in section.doc {
            let _ = writeln!(text, "# {line}");
        }
        for setting in section.settings {
            for line in setting.before {
                let _ = writeln!(text, "# {line}");
            }
            let assignment =
                format!("{}{} = {}", if setting.example { "# " } else { "" }, setting.key, (setting.default)());
            match setting.doc {
                "" => text.push_str(&assignment),
                doc => {
                    // Comments line up where the assignments are short enough.
                    let _ = write!(text, "{assignment:<21} # {doc}");
                }
            }
            text.push('\n');
        }
        for line in section.after {
            let _ = writeln!(text, "# {line}");
        }
    }
    text.push_str(
        "\n[keys]\n\
         # Each action takes a key or a list of keys: one character, or space, enter, tab, esc,\n\
         # backspace, left, right, up, down, home, end. Binding a key here takes it from any other\n\
         # action. Ctrl-C (quit at once) and Ctrl-Z (suspend) are fixed.\n",
    );
    let keys = Keymap::default();
    for action in Action::ALL {
        let bound: Vec<String> = keys.keys(action).iter().map(|k| format!("\"{}\"", keymap::config_name(*k))).collect();
        let _ =
            writeln!(text, "{:<13}= {:<24}# {}", action.name(), format!("[{}]", bound.join(", ")), action.describe());
    }
    text
}
