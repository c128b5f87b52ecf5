//! What each key does on each screen. The session's keys come from the [`Keymap`] (the
//! defaults, or the config file's `[keys]`), which the help panel shows too.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::config::keymap::{Action, Keymap};
use crate::session::{Event, Overlay, Status};

/// What a key does in the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PickerAction {
    Up,
    Down,
    Choose,
    Quit,
}

pub(crate) fn picker_action(key: KeyEvent) -> Option<PickerAction> {
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

/// What a key does in the history view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HistoryAction {
    EarlierWeek,
    LaterWeek,
    PreviousDay,
    NextDay,
    /// Four weeks at a time.
    EarlierMonth,
    LaterMonth,
    ThisWeek,
    NextRoutine,
    PreviousRoutine,
    /// Open or close the chosen day's sessions.
    Open,
    /// Close the day's sessions, or leave when none are open.
    Back,
    Resume,
    Quit,
}

pub(crate) fn history_action(key: KeyEvent) -> Option<HistoryAction> {
    use HistoryAction as A;
    if is_ctrl_c(key) {
        return Some(A::Quit);
    }
    Some(match key.code {
        KeyCode::Up | KeyCode::Char('k') => A::EarlierWeek,
        KeyCode::Down | KeyCode::Char('j') => A::LaterWeek,
        KeyCode::Left | KeyCode::Char('h') => A::PreviousDay,
        KeyCode::Right | KeyCode::Char('l') => A::NextDay,
        KeyCode::PageUp => A::EarlierMonth,
        KeyCode::PageDown => A::LaterMonth,
        KeyCode::Home | KeyCode::End | KeyCode::Char('t') => A::ThisWeek,
        KeyCode::Tab => A::NextRoutine,
        KeyCode::BackTab => A::PreviousRoutine,
        KeyCode::Enter | KeyCode::Char(' ') => A::Open,
        KeyCode::Esc | KeyCode::Backspace => A::Back,
        KeyCode::Char('r') => A::Resume,
        KeyCode::Char('q') => A::Quit,
        _ => return None,
    })
}

/// Whether the key scrolls a panel: `Some(true)` down, `Some(false)` up.
pub(crate) fn scroll(key: KeyEvent) -> Option<bool> {
    match key.code {
        KeyCode::Down | KeyCode::Char('j') | KeyCode::PageDown => Some(true),
        KeyCode::Up | KeyCode::Char('k') | KeyCode::PageUp => Some(false),
        _ => None,
    }
}

/// Whether the key leaves the ready screen for the picker.
pub(crate) fn is_back_to_picker(key: KeyEvent) -> bool {
    matches!(key.code, KeyCode::Esc | KeyCode::Left | KeyCode::Char('h'))
}

/// A change to the chimes' sound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SoundKey {
    Louder,
    Softer,
    Mute,
    Voice,
}

pub(crate) fn sound_key(key: KeyEvent, keymap: &Keymap) -> Option<SoundKey> {
    match keymap.action(key)? {
        Action::Louder => Some(SoundKey::Louder),
        Action::Softer => Some(SoundKey::Softer),
        Action::Mute => Some(SoundKey::Mute),
        Action::Voice => Some(SoundKey::Voice),
        _ => None,
    }
}

/// Whether the key opens the routine in the editor.
pub(crate) fn is_edit(key: KeyEvent, keymap: &Keymap) -> bool {
    keymap.action(key) == Some(Action::Edit)
}

pub(crate) fn is_ctrl_c(key: KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && matches!(key.code, KeyCode::Char('c'))
}

pub(crate) fn is_suspend(key: KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && matches!(key.code, KeyCode::Char('z'))
}

/// The session event for a key, given what is showing and the keys bound.
pub(crate) fn session_event(key: KeyEvent, status: Status, overlay: Option<Overlay>, keymap: &Keymap) -> Option<Event> {
    if is_ctrl_c(key) {
        return Some(Event::Abort);
    }
    let action = keymap.action(key);
    if overlay == Some(Overlay::ConfirmQuit) {
        // The quit key again confirms; Esc always backs out.
        let again = action == Some(Action::Quit) && key.code != KeyCode::Esc;
        let yes = matches!(key.code, KeyCode::Char('y' | 'Y') | KeyCode::Enter) || again;
        return Some(if yes { Event::Confirm } else { Event::Cancel });
    }
    if overlay == Some(Overlay::Help) {
        return Some(Event::Cancel);
    }
    if let Status::Finished { .. } = status {
        let leave = matches!(key.code, KeyCode::Char(' ') | KeyCode::Enter) || action == Some(Action::Quit);
        return leave.then_some(Event::Quit);
    }
    if key.code == KeyCode::Enter && status == Status::Ready {
        return Some(Event::Start);
    }
    Some(match action? {
        Action::Pause => Event::TogglePause,
        Action::Skip => Event::SkipPhase,
        Action::SkipStretch => Event::SkipStretch,
        Action::Back => Event::Back,
        Action::Restart => Event::RestartPhase,
        Action::AddTime => Event::AddTime,
        Action::RemoveTime => Event::RemoveTime,
        Action::Pain => Event::MarkPain,
        Action::Help => Event::ToggleHelp,
        Action::Quit => Event::Quit,
        Action::Louder | Action::Softer | Action::Mute | Action::Voice | Action::Edit => return None,
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
        let keys = Keymap::default();
        let run = |code| session_event(key(code), Status::Running, None, &keys);
        assert_eq!(run(KeyCode::Char(' ')), Some(Event::TogglePause));
        assert_eq!(run(KeyCode::Right), Some(Event::SkipPhase));
        assert_eq!(run(KeyCode::Char('l')), Some(Event::SkipPhase));
        assert_eq!(run(KeyCode::Left), Some(Event::Back));
        assert_eq!(run(KeyCode::Char('j')), Some(Event::SkipStretch));
        assert_eq!(run(KeyCode::Char('q')), Some(Event::Quit));
        assert_eq!(run(KeyCode::Char('?')), Some(Event::ToggleHelp));
        assert_eq!(run(KeyCode::Char('x')), Some(Event::MarkPain));
        assert_eq!(run(KeyCode::Char('z')), None);
        assert_eq!(session_event(key(KeyCode::Enter), Status::Ready, None, &keys), Some(Event::Start));
    }

    #[test]
    fn the_quit_question_takes_yes_or_anything_else_as_no() {
        let keys = Keymap::default();
        let ask = |code| session_event(key(code), Status::Paused, Some(Overlay::ConfirmQuit), &keys);
        assert_eq!(ask(KeyCode::Char('y')), Some(Event::Confirm));
        assert_eq!(ask(KeyCode::Char('q')), Some(Event::Confirm));
        assert_eq!(ask(KeyCode::Char('n')), Some(Event::Cancel));
        assert_eq!(ask(KeyCode::Esc), Some(Event::Cancel));
    }

    #[test]
    fn ctrl_c_quits_at_once() {
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(session_event(ctrl_c, Status::Running, None, &Keymap::default()), Some(Event::Abort));
        assert_eq!(session_event(ctrl_c, Status::Paused, Some(Overlay::Help), &Keymap::default()), Some(Event::Abort));
    }
}
