//! The config file, `config.toml` in supple's config directory: sound, default timings,
//! display and keys. Every key is optional. It is checked like a routine file: every
//! problem reported at once, each at its line and column with a did-you-mean, and a
//! setting with a problem keeps its default while the rest apply, so a typo never stops
//! a session.
//!
//! - [`keymap`]: the actions keys can do and their bindings.

pub mod keymap;
pub mod schema;

use std::ops::Range;
use std::path::{Path, PathBuf};

use ratatui::crossterm::event::KeyCode;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{self, Diagnostic};
use crate::progress::HoldScale;
use crate::reader::{self, Reader, Value, type_error};
use crate::routine::{Breath, Fallbacks};
use crate::voice::VoiceSettings;
use keymap::{Action, Keymap};
pub use schema::default_text;

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
    /// The ways a session can be steered besides the keyboard.
    pub control: Control,
}

/// Which ways of steering a session from away from the keyboard are on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Control {
    /// A media player on the desktop bus (MPRIS).
    pub media_keys: bool,
    /// `supple ctl`'s socket.
    pub ctl: bool,
    /// The desktop asked not to blank the screen while a session runs.
    pub keep_awake: bool,
    /// What other media players do while supple speaks.
    pub music: Music,
}

impl Default for Control {
    fn default() -> Self {
        Self { media_keys: true, ctl: true, keep_awake: true, music: Music::Lower }
    }
}

/// What other media players (the music a runner has on) do while the voice speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Music {
    /// Turned down to a third, and back up after.
    Lower,
    /// Paused, and played again after.
    Pause,
    /// Left alone.
    Leave,
}

const MUSIC: [(&str, Music); 3] = [("lower", Music::Lower), ("pause", Music::Pause), ("leave", Music::Leave)];

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
            control: Control::default(),
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

/// Reads config text: the settings (defaults where a setting is missing or wrong) and
/// every problem found.
pub fn parse(source: &str) -> (Config, Vec<Diagnostic>) {
    let doc = match reader::document(source) {
        Ok(doc) => doc,
        Err(syntax) => return (Config::default(), syntax),
    };
    let mut checker = Checker { config: Config::default(), read: Reader::default() };
    checker.document(doc.get_ref());
    (checker.config, checker.read.finish())
}

struct Checker {
    config: Config,
    read: Reader,
}

/// Where a key that is not allowed where it is belongs, if in another section.
fn elsewhere(name: &str) -> Option<String> {
    schema::section_of(name).map(|section| format!("`{name}` goes under `[{section}]`"))
}

impl Checker {
    fn document(&mut self, doc: &DeTable<'_>) {
        self.read.unknown_keys(doc, &schema::top_names(), &[], "the config", &elsewhere);
        for section in schema::SECTIONS {
            let Some(table) = self.section(doc, section.name, &section.keys()) else { continue };
            match section.name {
                "sound" => self.sound(table),
                "timing" => self.timing(table),
                "breath" => self.breath(table),
                "cues" => self.cues(table),
                "display" => self.display(table),
                "control" => self.control(table),
                _ => self.voice(table),
            }
        }
        let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
        if let Some(table) = self.section(doc, "keys", &names) {
            self.keys(table);
        }
    }

    fn section<'a, 'i>(&mut self, doc: &'a DeTable<'i>, name: &str, allowed: &[&str]) -> Option<&'a DeTable<'i>> {
        let value = doc.get(name)?;
        let table = self.read.table(value, name, &format!("write the settings under a `[{name}]` header"))?;
        self.read.unknown_keys(table, allowed, &[], &format!("`[{name}]`"), &elsewhere);
        Some(table)
    }

    /// `key`'s value in `table`, read by `read`.
    fn get<T>(
        &mut self,
        table: &DeTable<'_>,
        key: &str,
        read: impl Fn(&mut Reader, &Value<'_>) -> Option<T>,
    ) -> Option<T> {
        table.get(key).and_then(|value| read(&mut self.read, value))
    }

    fn sound(&mut self, table: &DeTable<'_>) {
        if let Some(value) = table.get("volume") {
            let since = self.read.diagnostics.len();
            let volume = if let DeValue::Integer(_) = value.get_ref() {
                self.read.whole(value, "volume", 0..=100)
            } else {
                self.read.report(type_error("volume", "a number from 0 to 100", value));
                None
            };
            self.read.hint_last(since, "0 is silent, 100 is full; `m` in a session mutes");
            self.config.volume = volume.and_then(|v| u8::try_from(v).ok()).or(self.config.volume);
        }
        if let Some(mute) = self.get(table, "mute", |r, v| r.boolean(v, "mute")) {
            self.config.mute = Some(mute);
        }
        if let Some(bell) = self.get(table, "bell", |r, v| r.boolean(v, "bell")) {
            self.config.bell = bell;
        }
    }

    fn timing(&mut self, table: &DeTable<'_>) {
        let gap = |c: &mut Self, key: &str| c.get(table, key, |r, v| r.duration(v, key, 0..=MOST_GAP));
        let f = self.config.fallbacks;
        self.config.fallbacks = Fallbacks {
            get_ready: gap(self, "get_ready").unwrap_or(f.get_ready),
            switch_sides: gap(self, "switch_sides").unwrap_or(f.switch_sides),
            rest_between_reps: gap(self, "rest_between_reps").unwrap_or(f.rest_between_reps),
            rest_after: gap(self, "rest_after").unwrap_or(f.rest_after),
            ..f
        };
        let range = 0.5..=3.0;
        let since = self.read.diagnostics.len();
        if let Some(factor) =
            self.get(table, "hold_scale", |r, v| r.number(v, "hold_scale", range.clone(), "a number such as 1.5"))
        {
            // In range, checked just above.
            self.config.fallbacks.hold_scale = HoldScale::new(factor).unwrap_or(HoldScale::ONE);
        }
        self.read.hint_last(since, "1 keeps holds as the routine writes them; 1.5 makes a 30 s hold 45 s");
    }

    fn cues(&mut self, table: &DeTable<'_>) {
        if let Some(halfway) = self.get(table, "halfway", |r, v| r.boolean(v, "halfway")) {
            self.config.fallbacks.cues.halfway = halfway;
        }
        if let Some(left) = self.get(table, "time_left", |r, v| r.duration(v, "time_left", 0..=MOST_GAP)) {
            self.config.fallbacks.cues.time_left = Some(left).filter(|d| !d.is_zero());
        }
        if let Some(after) = self.get(table, "longer_than", |r, v| r.duration(v, "longer_than", 0..=MOST_GAP)) {
            self.config.fallbacks.cues_after = after;
        }
    }

    fn breath(&mut self, table: &DeTable<'_>) {
        let help = "write the in-breath and the out-breath, such as \"4s/6s\"";
        if let Some(breath) = self.get(table, "pace", |r, v| {
            r.parsed(v, "pace", "a breathing pace such as \"4s/6s\" (in, then out)", Breath::parse, help)
        }) {
            self.config.fallbacks.breath = breath;
        }
        if let Some(pacer) = self.get(table, "pacer", |r, v| r.boolean(v, "pacer")) {
            self.config.fallbacks.pacer = pacer;
        }
        if let Some(sound) = self.get(table, "sound", |r, v| r.boolean(v, "sound")) {
            self.config.breath_sound = sound;
        }
    }

    fn display(&mut self, table: &DeTable<'_>) {
        let themes = "the themes are: default, high-contrast, monochrome";
        if let Some(theme) = self.get(table, "theme", |r, v| r.choice(v, "theme", &THEMES, themes)) {
            self.config.theme = theme;
        }
        if let Some(big) = self.get(table, "big_digits", |r, v| r.boolean(v, "big_digits")) {
            self.config.big_digits = big;
        }
        if let Some(value) = table.get("max_countdown_rows") {
            let since = self.read.diagnostics.len();
            let rows = self.read.whole(value, "max_countdown_rows", 5..=500);
            let help = "the digits are 5 rows at their smallest; 10 keeps a session to about 150 bytes a second";
            self.read.hint_last(since, help);
            self.config.max_countdown_rows =
                rows.and_then(|r| u16::try_from(r).ok()).or(self.config.max_countdown_rows);
        }
    }

    fn control(&mut self, table: &DeTable<'_>) {
        if let Some(on) = self.get(table, "media_keys", |r, v| r.boolean(v, "media_keys")) {
            self.config.control.media_keys = on;
        }
        if let Some(on) = self.get(table, "ctl", |r, v| r.boolean(v, "ctl")) {
            self.config.control.ctl = on;
        }
        if let Some(on) = self.get(table, "keep_awake", |r, v| r.boolean(v, "keep_awake")) {
            self.config.control.keep_awake = on;
        }
        let choices = "the choices are: lower, pause, leave";
        if let Some(music) = self.get(table, "music", |r, v| r.choice(v, "music", &MUSIC, choices)) {
            self.config.control.music = music;
        }
    }

    fn voice(&mut self, table: &DeTable<'_>) {
        if let Some(on) = self.get(table, "on", |r, v| r.boolean(v, "on")) {
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
                _ => self.read.report(type_error("voice", "the name of a voice, such as \"en-us\"", value)),
            }
        }
        let since = self.read.diagnostics.len();
        if let Some(rate) = self.get(table, "rate", |r, v| r.whole(v, "rate", 80..=450)) {
            self.config.voice.rate = u16::try_from(rate).unwrap_or(self.config.voice.rate);
        }
        self.read.hint_last(since, "words a minute: 175 is the usual pace; slower is clearer");
    }

    /// `engine = ["espeak-ng", ...]`: a program and its arguments, each a word of text.
    fn engine(&mut self, value: &Value<'_>) {
        const HELP: &str = "the program first, then its arguments; {text}, {file}, {voice} and {rate} are filled in";
        let DeValue::Array(items) = value.get_ref() else {
            self.read.report(
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
                self.read.report(type_error("engine", "a list of words in quotes", item).help(HELP));
                return;
            };
            words.push(word.to_string());
        }
        match words.first() {
            Some(program) if !program.trim().is_empty() => self.config.voice.engine = words,
            Some(_) => self.read.report(
                Diagnostic::error("`engine` starts with an empty program name").at(items[0].span(), "empty").help(HELP),
            ),
            None => self.read.report(
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
                    self.read.report(
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
                    self.read.report(
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
            self.read.report(type_error(action.name(), "a key or a list of keys", item));
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
        self.read.report(match near(text, &names) {
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
            self.read.report(d.help(format!(
                "every action needs a key; give `{}` one of its own, such as {} = \"{example}\" (this line keeps its default)",
                keyless.name(),
                keyless.name(),
            )));
        }
    }
}

/// The closest of `known` to a value written as `text`. (Not [`diagnostic::suggest_key`],
/// which reads `-` as `_` the way key names are written, and key names like "page-up"
/// are not.)
fn near<'a>(text: &str, known: &[&'a str]) -> Option<&'a str> {
    diagnostic::closest(&text.trim().to_lowercase(), known)
}

/// The longest gap or cue time the config may set.
const MOST_GAP: u64 = 30 * 60;

#[cfg(test)]
mod tests {
    use std::time::Duration;

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
    fn control_turns_each_way_off_and_names_a_wrong_music_choice() {
        let (config, diagnostics) =
            parse("[control]\nmedia_keys = false\nctl = false\nkeep_awake = false\nmusic = \"pause\"\n");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(config.control, Control { media_keys: false, ctl: false, keep_awake: false, music: Music::Pause });
        let (config, diagnostics) = parse("[control]\nmusic = \"loud\"\nctl = \"yes\"\n");
        assert_eq!(config.control, Control::default(), "a mistake keeps the default");
        assert_eq!(diagnostics.len(), 2, "{diagnostics:?}");
        let said = format!("{diagnostics:?}");
        assert!(said.contains("lower, pause, leave"), "the choices are named: {said}");
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
