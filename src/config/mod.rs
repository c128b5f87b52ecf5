//! The config file, `config.toml` in supple's config directory: sound, default timings,
//! display and keys. Every key is optional. It is checked like a routine file: every
//! problem reported at once, each at its line and column with a did-you-mean, and a
//! setting with a problem keeps its default while the rest apply, so a typo never stops
//! a session.
//!
//! - [`keymap`]: the actions keys can do and their bindings.

pub mod keymap;

use std::fmt::Write as _;
use std::ops::Range;

use ratatui::crossterm::event::KeyCode;
use std::path::{Path, PathBuf};
use std::time::Duration;

use toml::de::{DeTable, DeValue};

use crate::diagnostic::toml::{Value, syntax_diagnostics, type_error, unknown_keys};
use crate::diagnostic::{self, Diagnostic};
use crate::duration;
use crate::progress::HoldScale;
use crate::routine::{Breath, Fallbacks};
use crate::voice::VoiceSettings;
use keymap::{Action, Keymap};

/// The colour themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Default,
    HighContrast,
    Monochrome,
}

const THEMES: [(&str, ThemeName); 3] = [
    ("default", ThemeName::Default),
    ("high-contrast", ThemeName::HighContrast),
    ("monochrome", ThemeName::Monochrome),
];

/// Every setting, with its default where the file does not set it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Chime volume from 0 to 100; unset, the last volume used is kept.
    pub volume: Option<u8>,
    /// Unset, the last mute state is kept.
    pub mute: Option<bool>,
    /// Ring the terminal bell at each cue when there is no sound device.
    pub bell: bool,
    /// Gaps for routines that do not set them.
    pub fallbacks: Fallbacks,
    pub theme: ThemeName,
    /// The countdown in big digits, or as one line of text.
    pub big_digits: bool,
    /// The most rows the big countdown may take (it grows with the window otherwise): fewer
    /// cells change a second, for a slow link.
    pub max_countdown_rows: Option<u16>,
    /// A soft sound at each turn of the breath pacer.
    pub breath_sound: bool,
    pub keys: Keymap,
    /// Spoken cues.
    pub voice: VoiceSettings,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            volume: None,
            mute: None,
            bell: true,
            fallbacks: Fallbacks::default(),
            theme: ThemeName::Default,
            big_digits: true,
            max_countdown_rows: None,
            breath_sound: false,
            keys: Keymap::default(),
            voice: VoiceSettings::default(),
        }
    }
}

/// The config file as read: every setting that could be read, and every problem.
#[derive(Debug, Clone, Default)]
pub(crate) struct ConfigFile {
    pub config: Config,
    pub diagnostics: Vec<Diagnostic>,
    /// The file and its text, when there is one, to show diagnostics against.
    pub path: Option<PathBuf>,
    pub text: String,
}

/// Reads the config file ([`crate::dirs::config_file`]); no file is the defaults.
pub(crate) fn load() -> ConfigFile {
    let Some(path) = crate::dirs::config_file() else { return ConfigFile::default() };
    load_from(&path)
}

pub(crate) fn load_from(path: &Path) -> ConfigFile {
    match crate::files::read_text(path, "config file") {
        Ok(file) => {
            let (config, diagnostics) = parse(&file.text);
            ConfigFile { config, diagnostics, path: Some(path.to_path_buf()), text: file.text }
        }
        Err(_) if !path.exists() => ConfigFile::default(),
        Err(error) => ConfigFile {
            config: Config::default(),
            diagnostics: vec![error.diagnostic],
            path: Some(path.to_path_buf()),
            text: error.lossy_text.unwrap_or_default(),
        },
    }
}

const TOP: [&str; 7] = ["sound", "timing", "breath", "cues", "display", "voice", "keys"];
const VOICE: [&str; 4] = ["on", "engine", "voice", "rate"];
const BREATH: [&str; 3] = ["pace", "pacer", "sound"];
const CUES: [&str; 3] = ["halfway", "time_left", "longer_than"];
const SOUND: [&str; 3] = ["volume", "mute", "bell"];
const TIMING: [&str; 5] = ["get_ready", "switch_sides", "rest_between_reps", "rest_after", "hold_scale"];
const DISPLAY: [&str; 3] = ["theme", "big_digits", "max_countdown_rows"];

/// Reads config text: the settings (defaults where a setting is missing or wrong) and
/// every problem found.
pub fn parse(source: &str) -> (Config, Vec<Diagnostic>) {
    let (doc, syntax) = DeTable::parse_recoverable(source);
    if !syntax.is_empty() {
        return (Config::default(), syntax_diagnostics(&syntax, source));
    }
    let mut checker = Checker { config: Config::default(), diagnostics: Vec::new() };
    checker.document(doc.get_ref());
    let mut diagnostics = checker.diagnostics;
    diagnostics.sort_by_key(Diagnostic::offset);
    (checker.config, diagnostics)
}

struct Checker {
    config: Config,
    diagnostics: Vec<Diagnostic>,
}

impl Checker {
    fn document(&mut self, doc: &DeTable<'_>) {
        self.unknown_keys(doc, &TOP, "the config");
        if let Some(table) = self.section(doc, "sound", &SOUND) {
            self.sound(table);
        }
        if let Some(table) = self.section(doc, "timing", &TIMING) {
            self.timing(table);
        }
        if let Some(table) = self.section(doc, "breath", &BREATH) {
            self.breath(table);
        }
        if let Some(table) = self.section(doc, "cues", &CUES) {
            self.cues(table);
        }
        if let Some(table) = self.section(doc, "display", &DISPLAY) {
            self.display(table);
        }
        if let Some(table) = self.section(doc, "voice", &VOICE) {
            self.voice(table);
        }
        let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
        if let Some(table) = self.section(doc, "keys", &names) {
            self.keys(table);
        }
    }

    fn section<'a, 'i>(&mut self, doc: &'a DeTable<'i>, name: &str, allowed: &[&str]) -> Option<&'a DeTable<'i>> {
        let value = doc.get(name)?;
        let DeValue::Table(table) = value.get_ref() else {
            self.diagnostics
                .push(type_error(name, "a table", value).help(format!("write the settings under a `[{name}]` header")));
            return None;
        };
        self.unknown_keys(table, allowed, &format!("`[{name}]`"));
        Some(table)
    }

    fn unknown_keys(&mut self, table: &DeTable<'_>, allowed: &[&str], where_: &str) {
        for (name, d) in unknown_keys(table, allowed, where_) {
            let elsewhere = [
                ("sound", &SOUND[..]),
                ("timing", &TIMING[..]),
                ("breath", &BREATH[..]),
                ("cues", &CUES[..]),
                ("display", &DISPLAY[..]),
                ("voice", &VOICE[..]),
            ]
            .into_iter()
            .find(|(_, keys)| keys.contains(&name))
            .map(|(section, _)| section);
            self.diagnostics.push(match (diagnostic::suggest_key(name, allowed, &[]), elsewhere) {
                (Some(s), _) => d.help(format!("did you mean `{s}`?")),
                (None, Some(section)) => d.help(format!("`{name}` goes under `[{section}]`")),
                (None, None) => d.help(format!("the keys allowed here are: {}", allowed.join(", "))),
            });
        }
    }

    fn sound(&mut self, table: &DeTable<'_>) {
        if let Some(value) = table.get("volume") {
            match value.get_ref() {
                DeValue::Integer(i) => {
                    match i64::from_str_radix(i.as_str(), i.radix()).ok().and_then(|n| u8::try_from(n).ok()) {
                        Some(n) if n <= 100 => self.config.volume = Some(n),
                        _ => self.diagnostics.push(
                            Diagnostic::error("`volume` must be from 0 to 100")
                                .at(value.span(), "out of range")
                                .help("0 is silent, 100 is full; `m` in a session mutes"),
                        ),
                    }
                }
                _ => self.diagnostics.push(type_error("volume", "a number from 0 to 100", value)),
            }
        }
        if let Some(mute) = self.boolean(table, "mute") {
            self.config.mute = Some(mute);
        }
        if let Some(bell) = self.boolean(table, "bell") {
            self.config.bell = bell;
        }
    }

    fn timing(&mut self, table: &DeTable<'_>) {
        let fallbacks = &mut self.config.fallbacks;
        let mut slots: [(&str, Duration); 4] = [
            ("get_ready", fallbacks.get_ready),
            ("switch_sides", fallbacks.switch_sides),
            ("rest_between_reps", fallbacks.rest_between_reps),
            ("rest_after", fallbacks.rest_after),
        ];
        for (key, slot) in &mut slots {
            if let Some(value) = table.get(*key)
                && let Some(d) = self.duration(value, key)
            {
                *slot = d;
            }
        }
        let [g, s, b, a] = slots.map(|(_, d)| d);
        self.config.fallbacks =
            Fallbacks { get_ready: g, switch_sides: s, rest_between_reps: b, rest_after: a, ..self.config.fallbacks };
        if let Some(value) = table.get("hold_scale") {
            self.hold_scale(value);
        }
    }

    /// `hold_scale = 1.5`: every hold so many times as long.
    fn hold_scale(&mut self, value: &Value<'_>) {
        let factor = match value.get_ref() {
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            DeValue::Integer(i) => {
                i64::from_str_radix(i.as_str(), i.radix()).ok().and_then(|n| i32::try_from(n).ok()).map(f64::from)
            }
            _ => {
                self.diagnostics.push(type_error("hold_scale", "a number such as 1.5", value));
                return;
            }
        };
        match factor.and_then(HoldScale::new) {
            Some(scale) => self.config.fallbacks.hold_scale = scale,
            None => self.diagnostics.push(
                Diagnostic::error("`hold_scale` must be from 0.5 to 3")
                    .at(value.span(), "out of range")
                    .help("1 keeps holds as the routine writes them; 1.5 makes a 30 s hold 45 s"),
            ),
        }
    }

    fn cues(&mut self, table: &DeTable<'_>) {
        if let Some(halfway) = self.boolean(table, "halfway") {
            self.config.fallbacks.cues.halfway = halfway;
        }
        if let Some(value) = table.get("time_left")
            && let Some(left) = self.duration(value, "time_left")
        {
            self.config.fallbacks.cues.time_left = Some(left).filter(|d| !d.is_zero());
        }
        if let Some(value) = table.get("longer_than")
            && let Some(after) = self.duration(value, "longer_than")
        {
            self.config.fallbacks.cues_after = after;
        }
    }

    fn breath(&mut self, table: &DeTable<'_>) {
        if let Some(value) = table.get("pace") {
            match value.get_ref() {
                DeValue::String(s) => match Breath::parse(s) {
                    Ok(breath) => self.config.fallbacks.breath = breath,
                    Err(why) => self.diagnostics.push(
                        Diagnostic::error("`pace` is not a breathing pace")
                            .at(value.span(), why)
                            .help("write the in-breath and the out-breath, such as \"4s/6s\""),
                    ),
                },
                _ => self.diagnostics.push(type_error("pace", "a pace such as \"4s/6s\" (in, then out)", value)),
            }
        }
        if let Some(pacer) = self.boolean(table, "pacer") {
            self.config.fallbacks.pacer = pacer;
        }
        if let Some(sound) = self.boolean(table, "sound") {
            self.config.breath_sound = sound;
        }
    }

    fn duration(&mut self, value: &Value<'_>, key: &str) -> Option<Duration> {
        let parsed = match value.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .and_then(|n| u64::try_from(n).ok())
                .map(Duration::from_secs)
                .ok_or_else(|| "it must be zero or more seconds".to_string()),
            DeValue::String(s) => duration::parse(s).map_err(|e| e.to_string()),
            _ => {
                self.diagnostics.push(type_error(key, "a duration such as \"5s\" or \"1m\"", value));
                return None;
            }
        };
        match parsed {
            Ok(d) if d <= Duration::from_secs(30 * 60) => Some(d),
            Ok(_) => {
                self.diagnostics
                    .push(Diagnostic::error(format!("`{key}` is too long")).at(value.span(), "more than 30 minutes"));
                None
            }
            Err(message) => {
                self.diagnostics.push(
                    Diagnostic::error(format!("`{key}` is not a duration"))
                        .at(value.span(), message)
                        .help("write seconds (5) or text such as \"5s\", \"1m30s\""),
                );
                None
            }
        }
    }

    fn display(&mut self, table: &DeTable<'_>) {
        if let Some(value) = table.get("theme") {
            let names: Vec<&str> = THEMES.iter().map(|(n, _)| *n).collect();
            match value.get_ref() {
                DeValue::String(s) => {
                    if let Some((_, theme)) = THEMES.iter().find(|(n, _)| n.eq_ignore_ascii_case(s.trim())) {
                        self.config.theme = *theme;
                    } else {
                        let d = Diagnostic::error(format!("unknown theme `{}`", crate::text::sanitize(s, false)))
                            .at(value.span(), "unknown theme");
                        self.diagnostics.push(match near(s, &names) {
                            Some(n) => d.help(format!("did you mean `{n}`?")),
                            None => d.help(format!("the themes are: {}", names.join(", "))),
                        });
                    }
                }
                _ => self.diagnostics.push(type_error(
                    "theme",
                    "text: \"default\", \"high-contrast\" or \"monochrome\"",
                    value,
                )),
            }
        }
        if let Some(big) = self.boolean(table, "big_digits") {
            self.config.big_digits = big;
        }
        if let Some(value) = table.get("max_countdown_rows") {
            let DeValue::Integer(i) = value.get_ref() else {
                self.diagnostics.push(type_error("max_countdown_rows", "a number of rows, such as 10", value));
                return;
            };
            let rows = i64::from_str_radix(i.as_str(), i.radix()).ok().and_then(|n| u16::try_from(n).ok());
            match rows {
                Some(rows) if (5..=500).contains(&rows) => self.config.max_countdown_rows = Some(rows),
                _ => self.diagnostics.push(
                    Diagnostic::error("`max_countdown_rows` must be from 5 to 500")
                        .at(value.span(), "out of range")
                        .help(
                            "the digits are 5 rows at their smallest; 10 keeps a session to about 150 bytes a second",
                        ),
                ),
            }
        }
    }

    fn voice(&mut self, table: &DeTable<'_>) {
        if let Some(on) = self.boolean(table, "on") {
            self.config.voice.on = Some(on);
        }
        if let Some(value) = table.get("engine") {
            self.engine(value);
        }
        if let Some(value) = table.get("voice") {
            match value.get_ref() {
                DeValue::String(s) if !s.trim().is_empty() && !s.trim().starts_with('-') => {
                    self.config.voice.voice = s.trim().to_string();
                }
                _ => self.diagnostics.push(type_error("voice", "the name of a voice, such as \"en-us\"", value)),
            }
        }
        if let Some(value) = table.get("rate") {
            let rate = match value.get_ref() {
                DeValue::Integer(i) => {
                    i64::from_str_radix(i.as_str(), i.radix()).ok().and_then(|n| u16::try_from(n).ok())
                }
                _ => None,
            };
            match rate {
                Some(rate) if (80..=450).contains(&rate) => self.config.voice.rate = rate,
                _ => self.diagnostics.push(
                    Diagnostic::error("`rate` must be from 80 to 450 words a minute")
                        .at(value.span(), "out of range or not a number")
                        .help("175 is the usual pace; slower is clearer"),
                ),
            }
        }
    }

    /// `engine = ["espeak-ng", ...]`: a program and its arguments, each a word of text.
    fn engine(&mut self, value: &Value<'_>) {
        const HELP: &str = "the program first, then its arguments; {text}, {file}, {voice} and {rate} are filled in";
        let DeValue::Array(items) = value.get_ref() else {
            self.diagnostics.push(
                type_error(
                    "engine",
                    "a command as a list, such as [\"espeak-ng\", \"-w\", \"{file}\", \"{text}\"]",
                    value,
                )
                .help(HELP),
            );
            return;
        };
        let mut words = Vec::new();
        for item in items {
            let DeValue::String(word) = item.get_ref() else {
                self.diagnostics.push(type_error("engine", "a list of words in quotes", item).help(HELP));
                return;
            };
            words.push(word.to_string());
        }
        match words.first() {
            Some(program) if !program.trim().is_empty() => self.config.voice.engine = words,
            Some(_) => self.diagnostics.push(
                Diagnostic::error("`engine` starts with an empty program name").at(items[0].span(), "empty").help(HELP),
            ),
            None => self.diagnostics.push(
                Diagnostic::error("`engine` is an empty list: it names no program")
                    .at(value.span(), "empty")
                    .help("to keep the voice quiet, set `on = false`; otherwise name the program, then its arguments"),
            ),
        }
    }

    fn keys(&mut self, table: &DeTable<'_>) {
        let mut taken: Vec<(KeyCode, &str, Range<usize>)> = Vec::new();
        let mut bindings: Vec<(Action, Vec<KeyCode>, Range<usize>)> = Vec::new();
        for (key, value) in table {
            let Some(action) = Action::named(key.get_ref().as_ref()) else { continue };
            let items: Vec<&Value<'_>> = match value.get_ref() {
                DeValue::String(_) => vec![value],
                DeValue::Array(items) => items.iter().collect(),
                _ => {
                    self.diagnostics.push(
                        type_error(action.name(), "a key or a list of keys", value)
                            .help("for example: pause = [\"space\", \"p\"]"),
                    );
                    continue;
                }
            };
            let mut codes = Vec::new();
            let explicitly_none = items.is_empty();
            for item in items {
                let Some(code) = self.key(action, item) else { continue };
                if let Some((_, other, first)) = taken.iter().find(|(c, _, _)| *c == code) {
                    self.diagnostics.push(
                        Diagnostic::error(format!("`{}` is bound twice", keymap::show_key(code)))
                            .at(item.span(), format!("bound to `{}` here", action.name()))
                            .also(first.clone(), format!("bound to `{other}` here"))
                            .help("a key can do one thing; remove one of them"),
                    );
                    continue;
                }
                taken.push((code, action.name(), item.span()));
                codes.push(code);
            }
            // A binding whose every key was a mistake keeps its default; `[]` asks for none.
            if !codes.is_empty() || explicitly_none {
                bindings.push((action, codes, key.span().start..value.span().end));
            }
        }
        self.config.keys = self.keymap_without_keyless_actions(bindings);
    }

    /// One key as written in `[keys]`, if it is a key.
    fn key(&mut self, action: Action, item: &Value<'_>) -> Option<KeyCode> {
        let DeValue::String(text) = item.get_ref() else {
            self.diagnostics.push(type_error(action.name(), "a key or a list of keys", item));
            return None;
        };
        if let Some(code) = keymap::parse_key(text) {
            return Some(code);
        }
        let names = keymap::key_names();
        let shown = crate::text::sanitize(text, false);
        let d = if text.is_empty() {
            Diagnostic::error("a key cannot be empty").at(item.span(), "empty")
        } else if keymap::is_invisible(text) {
            Diagnostic::error(format!(
                "`{shown}` is not a key that can be seen (U+{:04X})",
                text.chars().next().map_or(0, u32::from)
            ))
            .at(item.span(), "invisible")
        } else {
            Diagnostic::error(format!("unknown key `{shown}`")).at(item.span(), "not a key supple knows")
        };
        self.diagnostics.push(match near(text, &names) {
            Some(n) if !text.is_empty() => d.help(format!("did you mean `{n}`?")),
            _ => d.help(format!("a key is one character you can see, or one of: {}", names.join(", "))),
        });
        None
    }

    /// The keymap of `bindings`, less any binding that would leave an action with no key
    /// at all (quit above all): each such binding is reported and keeps its default.
    fn keymap_without_keyless_actions(&mut self, mut bindings: Vec<(Action, Vec<KeyCode>, Range<usize>)>) -> Keymap {
        loop {
            let mut keys = Keymap::default();
            for (action, codes, _) in &bindings {
                keys.bind(*action, codes.clone());
            }
            let Some(keyless) = Action::ALL.into_iter().find(|a| keys.keys(*a).is_empty()) else { return keys };
            // The bindings that took its keys: its own (an empty list), or those that took
            // its default keys.
            let defaults = Keymap::default();
            let to_blame: Vec<usize> = bindings
                .iter()
                .enumerate()
                .filter(|(_, (action, codes, _))| {
                    *action == keyless || codes.iter().any(|c| defaults.keys(keyless).contains(c))
                })
                .map(|(i, _)| i)
                .collect();
            let Some(&last) = to_blame.last() else { return Keymap::default() };
            let (action, _, span) = bindings.remove(last);
            let d = if action == keyless {
                Diagnostic::error(format!("`{}` has no key", keyless.name())).at(span, "no key left")
            } else {
                Diagnostic::error(format!("`{}` would have no key left", keyless.name()))
                    .at(span, format!("`{}` takes its last key here", action.name()))
            };
            let example = match defaults.keys(keyless).first() {
                Some(KeyCode::Char(c)) if c.is_alphabetic() => c.to_uppercase().to_string(),
                Some(code) => keymap::config_name(*code),
                None => "?".to_string(),
            };
            self.diagnostics.push(d.help(format!(
                "every action needs a key; give `{}` one of its own, such as {} = \"{example}\" (this line keeps its default)",
                keyless.name(),
                keyless.name(),
            )));
        }
    }

    fn boolean(&mut self, table: &DeTable<'_>, key: &str) -> Option<bool> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            other => {
                let d = type_error(key, "true or false", value);
                let quoted =
                    matches!(other, DeValue::String(s) if ["true", "false"].contains(&s.to_lowercase().as_str()));
                self.diagnostics.push(if quoted { d.help("write true or false without quotes") } else { d });
                None
            }
        }
    }
}

/// The closest of `known` to a value written as `text`. (Not [`diagnostic::suggest_key`],
/// which reads `-` as `_` the way key names are written, and values like "high-contrast"
/// are not.)
fn near<'a>(text: &str, known: &[&'a str]) -> Option<&'a str> {
    diagnostic::closest(&text.trim().to_lowercase(), known)
}

/// The full config, every key at its default, each explained: `supple config --default`.
pub fn default_text() -> String {
    let keys = Keymap::default();
    let f = Fallbacks::default();
    let mut text = DEFAULT_HEAD
        .replace("{get_ready}", &duration::compact(f.get_ready))
        .replace("{switch_sides}", &duration::compact(f.switch_sides))
        .replace("{rest_between_reps}", &duration::compact(f.rest_between_reps))
        .replace("{rest_after}", &duration::compact(f.rest_after));
    for action in Action::ALL {
        let bound: Vec<String> = keys.keys(action).iter().map(|k| format!("\"{}\"", keymap::config_name(*k))).collect();
        let _ =
            writeln!(text, "{:<13}= {:<24}# {}", action.name(), format!("[{}]", bound.join(", ")), action.describe());
    }
    text
}

const DEFAULT_HEAD: &str = r#"# supple's settings. Every key is optional: remove any you do not want to change.
# This file lives at ~/.config/supple/config.toml (or $XDG_CONFIG_HOME/supple/config.toml).
# `supple config` checks it; a setting with a mistake keeps its default.

[sound]
# volume = 70         # chime volume, 0 to 100; unset, the volume you last chose with ] and [ is kept
# mute = false        # unset, the mute you last chose with m is kept
bell = true           # ring the terminal bell at each cue when there is no sound device

[timing]
# Gaps for routines that do not set them (a routine's [defaults] and steps win).
get_ready = "{get_ready}"
switch_sides = "{switch_sides}"
rest_between_reps = "{rest_between_reps}"
rest_after = "{rest_after}"
# Every hold so many times as long, from 0.5 to 3 (holds counted in breaths too; counted
# movements and activities stay). The guidance suggests 60 s holds rather than 30 s at 65
# or older; this is your choice, not medical advice.
hold_scale = 1

[breath]
pace = "4s/6s"        # the breathing pace, in then out, where a routine sets none
pacer = false         # true shows the breath pacer during every hold, not only where a routine sets a pace
sound = false         # true plays a soft sound at each turn of the breath

[cues]
# Cues inside holds longer than `longer_than`; routines can set their own.
halfway = true        # a chime halfway through
time_left = "10s"     # a chime so long before the end; 0 for none
longer_than = "40s"

[display]
theme = "default"     # "default", "high-contrast" (bold and bright, for reading from across a room) or "monochrome"
big_digits = true     # false shows the countdown as one line of text
# max_countdown_rows = 10   # the most rows the big countdown may take; unset, it grows with the window

[voice]
# Spoken cues: the stretch, the side and the hold at each get-ready, switch and rest.
# on = true           # unset, the voice is as you last left it with v (on at first)
engine = ["espeak-ng", "-v", "{voice}", "-s", "{rate}", "-w", "{file}", "--", "{text}"]
#   any command that writes a WAV file: {text}, {file}, {voice} and {rate} are filled in,
#   and without {text} the text comes on standard input. On macOS:
#   engine = ["say", "-v", "{voice}", "-r", "{rate}", "-o", "{file}", "--data-format=LEI16@22050", "{text}"]
voice = "en-us"
rate = 175            # words a minute, 80 to 450

[keys]
# Each action takes a key or a list of keys: one character, or space, enter, tab, esc,
# backspace, left, right, up, down, home, end. Binding a key here takes it from any other
# action. Ctrl-C (quit at once) and Ctrl-Z (suspend) are fixed.
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_config_reads_back_as_the_defaults() {
        let (config, diagnostics) = parse(&default_text());
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(config, Config::default());
    }

    #[test]
    fn a_setting_with_a_mistake_keeps_its_default_and_the_rest_apply() {
        let (config, diagnostics) =
            parse("[sound]\nvolume = 150\nbell = false\n[display]\ntheme = \"hi-contrast\"\nbig_digits = false\n");
        assert_eq!(diagnostics.len(), 2);
        assert_eq!(config.volume, None);
        assert!(!config.bell && !config.big_digits);
        assert_eq!(config.theme, ThemeName::Default);
    }

    #[test]
    fn the_breath_section_sets_the_pace_the_pacer_and_its_sound() {
        let (config, diagnostics) = parse("[breath]\npace = \"3s/5s\"\npacer = true\nsound = true\n");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let pace = Breath { inhale: Duration::from_secs(3), exhale: Duration::from_secs(5) };
        assert_eq!(config.fallbacks.breath, pace);
        assert!(config.fallbacks.pacer && config.breath_sound);
        let (config, diagnostics) = parse("[breath]\npace = \"3s\"\n");
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(config.fallbacks.breath, Breath::default());
    }

    #[test]
    fn an_engine_that_names_no_program_says_so_plainly() {
        for (text, message) in [
            ("engine = []", "`engine` is an empty list: it names no program"),
            ("engine = [\"\"]", "`engine` starts with an empty program name"),
            ("engine = [\"say\", 3]", "`engine` must be a list of words in quotes"),
            ("engine = \"espeak-ng\"", "`engine` must be a command as a list"),
        ] {
            let (config, diagnostics) = parse(&format!("[voice]\n{text}\n"));
            assert_eq!(config.voice.engine, VoiceSettings::default().engine, "{text}: the default stays");
            assert_eq!(diagnostics.len(), 1, "{text}");
            assert!(diagnostics[0].message.starts_with(message), "{text}: {}", diagnostics[0].message);
            assert!(diagnostics[0].primary.as_ref().is_some_and(|(_, label)| label != "this is a list"), "{text}");
        }
    }

    #[test]
    fn hold_scale_reads_a_number_in_range_and_names_a_wrong_one() {
        let (config, diagnostics) = parse("[timing]\nhold_scale = 1.5\n");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(config.fallbacks.hold_scale, HoldScale::new(1.5).expect("in range"));
        let (config, _) = parse("[timing]\nhold_scale = 2\n");
        assert_eq!(config.fallbacks.hold_scale.factor(), "2");
        for (text, message) in [
            ("hold_scale = 5", "`hold_scale` must be from 0.5 to 3"),
            ("hold_scale = 3.0000001", "`hold_scale` must be from 0.5 to 3"),
            ("hold_scale = 0.4999999", "`hold_scale` must be from 0.5 to 3"),
            ("hold_scale = nan", "`hold_scale` must be from 0.5 to 3"),
            ("hold_scale = \"1.5\"", "`hold_scale` must be a number such as 1.5"),
        ] {
            let (config, diagnostics) = parse(&format!("[timing]\n{text}\n"));
            assert_eq!(config.fallbacks.hold_scale, HoldScale::ONE, "{text}: the default stays");
            assert_eq!(diagnostics.len(), 1, "{text}");
            assert!(diagnostics[0].message.starts_with(message), "{text}: {}", diagnostics[0].message);
            assert_eq!(diagnostics[0].offset(), "[timing]\nhold_scale = ".len(), "{text}: at the value");
        }
    }
}
