//! The session's keys: every action a key can do, the keys bound to it (the defaults, or
//! the config file's `[keys]`), and key names as people write them ("space", "right", "p").

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key can do during a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Pause,
    Skip,
    SkipStretch,
    Back,
    Restart,
    AddTime,
    RemoveTime,
    Pain,
    Louder,
    Softer,
    Mute,
    Voice,
    Edit,
    Help,
    Quit,
}

impl Action {
    pub(crate) const ALL: [Self; 15] = [
        Self::Pause,
        Self::Skip,
        Self::SkipStretch,
        Self::Back,
        Self::Restart,
        Self::AddTime,
        Self::RemoveTime,
        Self::Pain,
        Self::Louder,
        Self::Softer,
        Self::Mute,
        Self::Voice,
        Self::Edit,
        Self::Help,
        Self::Quit,
    ];

    /// The action's name in the config file's `[keys]`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Pause => "pause",
            Self::Skip => "skip",
            Self::SkipStretch => "skip_stretch",
            Self::Back => "back",
            Self::Restart => "restart",
            Self::AddTime => "add_time",
            Self::RemoveTime => "remove_time",
            Self::Pain => "pain",
            Self::Louder => "louder",
            Self::Softer => "softer",
            Self::Mute => "mute",
            Self::Voice => "voice",
            Self::Edit => "edit",
            Self::Help => "help",
            Self::Quit => "quit",
        }
    }

    /// What it does, for the help panel and the README.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Self::Pause => "pause / resume",
            Self::Skip => "skip this hold",
            Self::SkipStretch => "skip this stretch",
            Self::Back => "back: restart the hold, or the one before (press twice to leave the stretch)",
            Self::Restart => "restart this phase",
            Self::AddTime => "10 seconds more (both sides of a two-sided hold)",
            Self::RemoveTime => "10 seconds less (both sides; never ends a phase)",
            Self::Pain => "it hurts: end this stretch now and note it (during a hold)",
            Self::Louder => "chimes louder",
            Self::Softer => "chimes softer",
            Self::Mute => "mute / unmute the chimes and the voice",
            Self::Voice => "voice on / off (spoken cues)",
            Self::Edit => "edit this routine (the session waits)",
            Self::Help => "this help",
            Self::Quit => "quit (asks first mid-session)",
        }
    }

    fn default_keys(self) -> &'static [&'static str] {
        match self {
            Self::Pause => &["space", "p"],
            Self::Skip => &["right", "l"],
            Self::SkipStretch => &["down", "j", "tab"],
            Self::Back => &["left", "h"],
            Self::Restart => &["r"],
            Self::AddTime => &["+", "="],
            Self::RemoveTime => &["-", "_"],
            Self::Pain => &["x", "!"],
            Self::Louder => &["]"],
            Self::Softer => &["["],
            Self::Mute => &["m"],
            Self::Voice => &["v"],
            Self::Edit => &["e"],
            Self::Help => &["?"],
            Self::Quit => &["q", "esc"],
        }
    }

    /// The action named `name` in the config file.
    pub(crate) fn named(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.name() == name)
    }
}

/// Key names besides single characters.
const NAMED: [(&str, KeyCode, &str); 11] = [
    ("space", KeyCode::Char(' '), "space"),
    ("enter", KeyCode::Enter, "Enter"),
    ("tab", KeyCode::Tab, "Tab"),
    ("esc", KeyCode::Esc, "Esc"),
    ("backspace", KeyCode::Backspace, "Backspace"),
    ("left", KeyCode::Left, "←"),
    ("right", KeyCode::Right, "→"),
    ("up", KeyCode::Up, "↑"),
    ("down", KeyCode::Down, "↓"),
    ("home", KeyCode::Home, "Home"),
    ("end", KeyCode::End, "End"),
];

/// Every key name the config accepts besides a single character, for messages.
pub(crate) fn key_names() -> Vec<&'static str> {
    NAMED.iter().map(|(name, _, _)| *name).collect()
}

/// Reads a key as written in the config file: one character that can be seen, or a name.
pub(crate) fn parse_key(text: &str) -> Option<KeyCode> {
    let mut chars = text.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && !is_invisible(text)
    {
        return Some(KeyCode::Char(c));
    }
    let lower = text.trim().to_lowercase();
    let lower = match lower.as_str() {
        "escape" => "esc",
        "return" => "enter",
        other => other,
    };
    NAMED.iter().find(|(name, _, _)| *name == lower).map(|(_, code, _)| *code)
}

/// Whether `text` is one character nobody can see: a control or format character, one of
/// no width (a joiner, a combining mark), or a space other than the space bar's.
pub(crate) fn is_invisible(text: &str) -> bool {
    let mut chars = text.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else { return false };
    c.is_control()
        || (c.is_whitespace() && c != ' ')
        || unicode_width::UnicodeWidthChar::width(c).is_none_or(|w| w == 0)
}

/// A key as the config file writes it: "space", "left", "p".
pub(crate) fn config_name(code: KeyCode) -> String {
    match NAMED.iter().find(|(_, c, _)| *c == code) {
        Some((name, _, _)) => (*name).to_string(),
        None => match code {
            KeyCode::Char(c) => c.to_string(),
            other => format!("{other:?}").to_lowercase(),
        },
    }
}

/// A key as the help panel shows it.
pub(crate) fn show_key(code: KeyCode) -> String {
    match NAMED.iter().find(|(_, c, _)| *c == code) {
        Some((_, _, shown)) => (*shown).to_string(),
        None => match code {
            KeyCode::Char(c) => c.to_string(),
            other => format!("{other:?}"),
        },
    }
}

/// The keys bound to each action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<(Action, Vec<KeyCode>)>,
}

impl Default for Keymap {
    fn default() -> Self {
        let bindings = Action::ALL
            .into_iter()
            .map(|a| (a, a.default_keys().iter().filter_map(|k| parse_key(k)).collect()))
            .collect();
        Self { bindings }
    }
}

impl Keymap {
    /// Binds `keys` to `action`, replacing its default keys; other actions lose any of
    /// these keys they had by default.
    pub(crate) fn bind(&mut self, action: Action, keys: Vec<KeyCode>) {
        for (other, bound) in &mut self.bindings {
            if *other != action {
                bound.retain(|k| !keys.contains(k));
            }
        }
        if let Some((_, bound)) = self.bindings.iter_mut().find(|(a, _)| *a == action) {
            *bound = keys;
        }
    }

    /// The action of a key press, if any: plain keys (and Shift for characters) only.
    pub(crate) fn action(&self, key: KeyEvent) -> Option<Action> {
        if key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) {
            return None;
        }
        self.bindings.iter().find(|(_, keys)| keys.contains(&key.code)).map(|(action, _)| *action)
    }

    pub(crate) fn keys(&self, action: Action) -> &[KeyCode] {
        self.bindings.iter().find(|(a, _)| *a == action).map_or(&[], |(_, k)| k.as_slice())
    }

    /// The first key bound to `action`, as shown: "space"; empty if none is.
    pub(crate) fn first(&self, action: Action) -> String {
        self.keys(action).first().map_or_else(String::new, |k| show_key(*k))
    }

    /// "space  p" for the help panel.
    pub fn shown(&self, action: Action) -> String {
        self.keys(action).iter().map(|k| show_key(*k)).collect::<Vec<_>>().join("  ")
    }

    /// The help panel's rows: each action with its keys, then the fixed ones.
    pub(crate) fn help_rows(&self) -> Vec<(String, &'static str)> {
        let mut rows: Vec<(String, &'static str)> = Action::ALL
            .into_iter()
            .filter(|a| !self.keys(*a).is_empty())
            .map(|a| (self.shown(a), a.describe()))
            .collect();
        rows.push(("Ctrl-C".to_string(), "quit at once"));
        rows.push(("Ctrl-Z".to_string(), "suspend (pauses the session)"));
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn keys_are_read_as_people_write_them() {
        assert_eq!(parse_key("p"), Some(KeyCode::Char('p')));
        assert_eq!(parse_key("Space"), Some(KeyCode::Char(' ')));
        assert_eq!(parse_key("escape"), Some(KeyCode::Esc));
        assert_eq!(parse_key("RIGHT"), Some(KeyCode::Right));
        assert_eq!(parse_key("ctrl-x"), None);
        assert_eq!(parse_key(""), None);
        assert_eq!(parse_key("\u{200B}"), None, "a zero-width space is no key to press");
        assert_eq!(parse_key("\u{a0}"), None, "nor is a no-break space");
        assert_eq!(parse_key("é"), Some(KeyCode::Char('é')));
    }

    #[test]
    fn binding_a_key_takes_it_from_its_default_action() {
        let mut keys = Keymap::default();
        assert_eq!(keys.action(press(KeyCode::Char('p'))), Some(Action::Pause));
        keys.bind(Action::Skip, vec![KeyCode::Char('n'), KeyCode::Char('p')]);
        assert_eq!(keys.action(press(KeyCode::Char('p'))), Some(Action::Skip));
        assert_eq!(keys.action(press(KeyCode::Char('l'))), None, "skip's old key is free");
        assert_eq!(keys.shown(Action::Pause), "space");
        assert_eq!(keys.shown(Action::Skip), "n  p");
        let ctrl_p = KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL);
        assert_eq!(keys.action(ctrl_p), None);
    }
}
