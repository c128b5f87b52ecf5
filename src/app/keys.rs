//! What each key does: the one table the help overlay, the README and the handlers share.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::session::{Event, Overlay, Status};

/// A line of the key table: the keys, and what they do.
pub const HELP: &[(&str, &str)] = &[
    ("space  p", "pause / resume"),
    ("→  l", "skip this hold"),
    ("↓  j  Tab", "skip this stretch"),
    ("←  h", "back: restart the hold, or the previous hold"),
    ("r", "restart this phase"),
    ("+  =", "add 10 seconds"),
    ("-", "remove 10 seconds"),
    ("]  [", "chimes louder / softer"),
    ("m", "mute / unmute the chimes"),
    ("e", "edit this routine (the session waits)"),
    ("?", "this help"),
    ("q  Esc", "quit (asks first mid-session)"),
    ("Ctrl-C", "quit at once"),
    ("Ctrl-Z", "suspend (pauses the session)"),
];

/// What a key does in the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerAction {
    Up,
    Down,
    Choose,
    Quit,
}

pub fn picker_action(key: KeyEvent) -> Option<PickerAction> {
    if is_ctrl_c(key) {
        return Some(PickerAction::Quit);
    }
    match key.code {
        KeyCode::Up | KeyCode::Char('k') => Some(PickerAction::Up),
        KeyCode::Down | KeyCode::Char('j') => Some(PickerAction::Down),
        KeyCode::Enter | KeyCode::Char(' ' | 'l') | KeyCode::Right => Some(PickerAction::Choose),
        KeyCode::Char('q') | KeyCode::Esc => Some(PickerAction::Quit),
        _ => None,
    }
}

/// Whether the key leaves the ready screen for the picker.
pub fn is_back_to_picker(key: KeyEvent) -> bool {
    matches!(key.code, KeyCode::Esc | KeyCode::Left | KeyCode::Char('h'))
}

/// A change to the chimes' sound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SoundKey {
    Louder,
    Softer,
    Mute,
}

pub fn sound_key(key: KeyEvent) -> Option<SoundKey> {
    match key.code {
        KeyCode::Char(']') => Some(SoundKey::Louder),
        KeyCode::Char('[') => Some(SoundKey::Softer),
        KeyCode::Char('m') => Some(SoundKey::Mute),
        _ => None,
    }
}

/// Whether the key opens the routine in the editor.
pub fn is_edit(key: KeyEvent) -> bool {
    key.modifiers.is_empty() && key.code == KeyCode::Char('e')
}

pub fn is_ctrl_c(key: KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && matches!(key.code, KeyCode::Char('c'))
}

pub fn is_suspend(key: KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && matches!(key.code, KeyCode::Char('z'))
}

/// The session event for a key, given what is showing.
pub fn session_event(key: KeyEvent, status: Status, overlay: Option<Overlay>) -> Option<Event> {
    if is_ctrl_c(key) {
        return Some(Event::Abort);
    }
    if overlay == Some(Overlay::ConfirmQuit) {
        return match key.code {
            KeyCode::Char('y' | 'Y' | 'q') | KeyCode::Enter => Some(Event::Confirm),
            _ => Some(Event::Cancel),
        };
    }
    if overlay == Some(Overlay::Help) {
        return Some(Event::Cancel);
    }
    if let Status::Finished { .. } = status {
        return matches!(key.code, KeyCode::Char('q' | ' ') | KeyCode::Esc | KeyCode::Enter).then_some(Event::Quit);
    }
    Some(match key.code {
        KeyCode::Enter if status == Status::Ready => Event::Start,
        KeyCode::Char(' ' | 'p') => Event::TogglePause,
        KeyCode::Right | KeyCode::Char('l') => Event::SkipPhase,
        KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => Event::SkipStep,
        KeyCode::Left | KeyCode::Char('h') => Event::Back,
        KeyCode::Char('r') => Event::RestartPhase,
        KeyCode::Char('+' | '=') => Event::AddTime,
        KeyCode::Char('-' | '_') => Event::RemoveTime,
        KeyCode::Char('?') => Event::ToggleHelp,
        KeyCode::Char('q') | KeyCode::Esc => Event::Quit,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn keys_a_person_guesses() {
        let run = |code| session_event(key(code), Status::Running, None);
        assert_eq!(run(KeyCode::Char(' ')), Some(Event::TogglePause));
        assert_eq!(run(KeyCode::Right), Some(Event::SkipPhase));
        assert_eq!(run(KeyCode::Char('l')), Some(Event::SkipPhase));
        assert_eq!(run(KeyCode::Left), Some(Event::Back));
        assert_eq!(run(KeyCode::Char('j')), Some(Event::SkipStep));
        assert_eq!(run(KeyCode::Char('q')), Some(Event::Quit));
        assert_eq!(run(KeyCode::Char('?')), Some(Event::ToggleHelp));
        assert_eq!(run(KeyCode::Char('x')), None);
        assert_eq!(session_event(key(KeyCode::Enter), Status::Ready, None), Some(Event::Start));
    }

    #[test]
    fn the_quit_question_takes_yes_or_anything_else_as_no() {
        let ask = |code| session_event(key(code), Status::Paused, Some(Overlay::ConfirmQuit));
        assert_eq!(ask(KeyCode::Char('y')), Some(Event::Confirm));
        assert_eq!(ask(KeyCode::Char('q')), Some(Event::Confirm));
        assert_eq!(ask(KeyCode::Char('n')), Some(Event::Cancel));
        assert_eq!(ask(KeyCode::Esc), Some(Event::Cancel));
    }

    #[test]
    fn ctrl_c_quits_at_once() {
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(session_event(ctrl_c, Status::Running, None), Some(Event::Abort));
        assert_eq!(session_event(ctrl_c, Status::Paused, Some(Overlay::Help)), Some(Event::Abort));
    }
}
