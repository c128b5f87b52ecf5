//! Keyboard input and signals, gathered into one channel the shell waits on.
//!
//! Keys are read from standard input by a thread and decoded here, not by crossterm's
//! event reader. Measured with the end-to-end tests `no_key_is_lost_when_a_resize_arrives_with_it`
//! (20 keys, each sent with a resize) and `an_arrow_split_across_two_reads_is_one_arrow`
//! (ESC, then `[C` 15 ms later), with a reader on `crossterm::event::read` in place of
//! this one: crossterm's default source lost keys in 17 of 60 runs (its poller is
//! edge-triggered and drops tty readiness when a resize comes in the same wake-up); with
//! its `use-dev-tty` source no key was lost in 200 runs, but the split arrow was taken as
//! Esc, then `[` and `C`, in 20 of 20 runs (it decides a lone escape byte at once), and
//! Esc opens the quit question. This reader passed 200 of 200 and 20 of 20.
//!
//! The reader hands each batch of keys over and then waits for the shell to say it may
//! read on: so it sleeps until a key comes, with no periodic wake-up, and it never reads
//! a key meant for a program the shell has handed the terminal to (the editor). Signals
//! come from a second thread. An escape byte at the end of a read waits a moment for the
//! rest of its sequence, so an arrow key split across two reads is still one arrow.

use std::io::Read;
use std::os::fd::AsFd;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::Reread;
use crate::app::remote::{Command, NowPlaying};
use crate::routine::library::RoutineFile;

/// How long an escape byte waits for the rest of a sequence before it is the Escape key:
/// the bytes of one key arrive together unless a slow link splits them.
const ESCAPE_WAIT: Duration = Duration::from_millis(40);

/// Something for the shell to react to.
#[derive(Debug)]
pub(crate) enum Input {
    /// Keys pressed; the reader waits for [`KeyReader::read_on`] before reading more.
    Keys(Vec<KeyEvent>),
    Resize,
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT: leave now.
    Stop,
    /// SIGTSTP from outside (`kill -TSTP`).
    Suspend,
    /// Standard input is gone.
    Closed,
    /// No sound device: chimes fall back to the terminal bell.
    NoSoundDevice,
    /// The voice's engine could not be found (the program named).
    NoVoiceEngine(String),
    /// The routine file was saved (or replaced, or removed).
    RoutineChanged,
    /// The routine file, read again (or why it could not be), and why it was read.
    RoutineRead(Box<Result<RoutineFile, String>>, Reread),
    /// A remote control's command (a media key, `supple ctl`), or none to only ask; what
    /// is playing after it goes back on the reply channel, when there is one. With when it
    /// was sent: one that waited (the editor was open, the process stopped) is dropped, as
    /// its sender was told it failed.
    Remote(Option<Command>, Option<Sender<Option<NowPlaying>>>, std::time::Instant),
}

/// Decodes the bytes a terminal sends for keys.
#[derive(Debug, Default)]
pub(crate) struct KeyDecoder {
    pending: Vec<u8>,
}

impl KeyDecoder {
    /// The keys in `bytes`, with any incomplete sequence (an escape byte at the very end
    /// too) kept for the next call.
    pub(crate) fn feed(&mut self, bytes: &[u8]) -> Vec<KeyEvent> {
        self.pending.extend_from_slice(bytes);
        let mut keys = Vec::new();
        let mut at = 0;
        while at < self.pending.len() {
            match decode(&self.pending[at..]) {
                Decoded::Key(key, used) => {
                    keys.extend(key);
                    at += used;
                }
                Decoded::Incomplete => break,
            }
        }
        self.pending.drain(..at);
        keys
    }

    /// Whether a sequence is waiting for more bytes.
    pub(crate) fn waiting(&self) -> bool {
        !self.pending.is_empty()
    }

    /// No more bytes came: what is waiting is what it is (a lone escape byte is Escape).
    pub(crate) fn flush(&mut self) -> Vec<KeyEvent> {
        let pending = std::mem::take(&mut self.pending);
        let mut keys = Vec::new();
        let mut at = 0;
        while at < pending.len() {
            match decode(&pending[at..]) {
                Decoded::Key(key, used) => {
                    keys.extend(key);
                    at += used;
                }
                // Alone, an escape byte is the key; any other part of a sequence is dropped.
                Decoded::Incomplete if pending[at] == 0x1b => {
                    keys.extend(key(KeyCode::Esc));
                    at += 1;
                }
                Decoded::Incomplete => break,
            }
        }
        keys
    }
}

enum Decoded {
    Key(Option<KeyEvent>, usize),
    Incomplete,
}

#[allow(clippy::unnecessary_wraps)]
fn key(code: KeyCode) -> Option<KeyEvent> {
    Some(KeyEvent::new(code, KeyModifiers::NONE))
}

fn decode(bytes: &[u8]) -> Decoded {
    match bytes[0] {
        0x1b => decode_escape(bytes),
        b'\r' | b'\n' => Decoded::Key(key(KeyCode::Enter), 1),
        b'\t' => Decoded::Key(key(KeyCode::Tab), 1),
        0x7f | 0x08 => Decoded::Key(key(KeyCode::Backspace), 1),
        c @ 0x01..=0x1a => {
            let letter = char::from(b'a' + c - 1);
            Decoded::Key(Some(KeyEvent::new(KeyCode::Char(letter), KeyModifiers::CONTROL)), 1)
        }
        0x00 | 0x1c..=0x1f => Decoded::Key(None, 1),
        _ => decode_utf8(bytes),
    }
}

fn decode_utf8(bytes: &[u8]) -> Decoded {
    let width = match bytes[0] {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        _ => return Decoded::Key(None, 1),
    };
    if bytes.len() < width {
        return Decoded::Incomplete;
    }
    match std::str::from_utf8(&bytes[..width]).ok().and_then(|s| s.chars().next()) {
        Some(c) => Decoded::Key(key(KeyCode::Char(c)), width),
        None => Decoded::Key(None, 1),
    }
}

fn decode_escape(bytes: &[u8]) -> Decoded {
    match bytes.get(1) {
        None => Decoded::Incomplete,
        Some(0x1b) => Decoded::Key(key(KeyCode::Esc), 1),
        Some(b'[') => decode_csi(bytes),
        Some(b'O') => match bytes.get(2) {
            None => Decoded::Incomplete,
            Some(&b) => Decoded::Key(final_key(b).and_then(key), 3),
        },
        // Alt and a key.
        Some(_) => match decode(&bytes[1..]) {
            Decoded::Key(k, used) => {
                Decoded::Key(k.map(|k| KeyEvent::new(k.code, k.modifiers | KeyModifiers::ALT)), used + 1)
            }
            Decoded::Incomplete => Decoded::Incomplete,
        },
    }
}

fn decode_csi(bytes: &[u8]) -> Decoded {
    let Some(end) = bytes.iter().skip(2).position(|b| (0x40..=0x7e).contains(b)) else {
        return if bytes.len() > 32 { Decoded::Key(None, bytes.len()) } else { Decoded::Incomplete };
    };
    let end = end + 2;
    let params = &bytes[2..end];
    let (number, modifier) = match params.iter().position(|&b| b == b';') {
        Some(at) => (&params[..at], &params[at + 1..]),
        None => (params, &b""[..]),
    };
    let code = if bytes[end] == b'~' { tilde_key(number) } else { final_key(bytes[end]) };
    Decoded::Key(code.map(|c| KeyEvent::new(c, modifiers(modifier))), end + 1)
}

/// The key of a sequence ending in a letter: arrows, Home, End, Shift-Tab, F1 to F4.
fn final_key(b: u8) -> Option<KeyCode> {
    Some(match b {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'Z' => KeyCode::BackTab,
        b'P'..=b'S' => KeyCode::F(b - b'P' + 1),
        _ => return None,
    })
}

/// The key of a sequence `ESC [ n ~`.
fn tilde_key(number: &[u8]) -> Option<KeyCode> {
    let n: u8 = std::str::from_utf8(number).ok()?.parse().ok()?;
    Some(match n {
        1 | 7 => KeyCode::Home,
        2 => KeyCode::Insert,
        3 => KeyCode::Delete,
        4 | 8 => KeyCode::End,
        5 => KeyCode::PageUp,
        6 => KeyCode::PageDown,
        11..=15 => KeyCode::F(n - 10),
        17..=21 => KeyCode::F(n - 11),
        23 | 24 => KeyCode::F(n - 12),
        _ => return None,
    })
}

/// The modifiers of a sequence's second parameter (xterm: 1 + Shift 1, Alt 2, Ctrl 4).
fn modifiers(parameter: &[u8]) -> KeyModifiers {
    let bits =
        std::str::from_utf8(parameter).ok().and_then(|p| p.parse::<u8>().ok()).map_or(0, |m| m.saturating_sub(1));
    let mut modifiers = KeyModifiers::NONE;
    for (bit, modifier) in [(1, KeyModifiers::SHIFT), (2, KeyModifiers::ALT), (4, KeyModifiers::CONTROL)] {
        if bits & bit != 0 {
            modifiers |= modifier;
        }
    }
    modifiers
}

/// The shell's side of the key reader: it lets the reader read on once a batch of keys
/// has been dealt with.
#[derive(Debug)]
pub(crate) struct KeyReader {
    read_on: Sender<()>,
}

impl KeyReader {
    /// Starts the thread that reads keys from standard input into `tx`.
    pub(crate) fn spawn(tx: Sender<Input>) -> std::io::Result<Self> {
        let (read_on, go) = channel();
        std::thread::Builder::new().name("keys".into()).spawn(move || read_keys(&tx, &go))?;
        Ok(Self { read_on })
    }

    /// The last keys have been dealt with (and the terminal is supple's again): read on.
    pub(crate) fn read_on(&self) {
        let _ = self.read_on.send(());
    }
}

fn read_keys(tx: &Sender<Input>, go: &Receiver<()>) {
    let stdin = std::io::stdin();
    let mut decoder = KeyDecoder::default();
    let mut buf = [0u8; 1024];
    loop {
        let wait = if decoder.waiting() { Some(ESCAPE_WAIT) } else { None };
        let keys = match wait_readable(&stdin, wait) {
            Readable::Yes => match stdin.lock().read(&mut buf) {
                Ok(0) | Err(_) => {
                    let _ = tx.send(Input::Closed);
                    return;
                }
                Ok(n) => decoder.feed(&buf[..n]),
            },
            Readable::TimedOut => decoder.flush(),
        };
        if keys.is_empty() {
            continue;
        }
        // Wait for the shell to deal with these before reading more.
        if tx.send(Input::Keys(keys)).is_err() || go.recv().is_err() {
            return;
        }
    }
}

enum Readable {
    Yes,
    TimedOut,
}

/// Waits until standard input can be read, or `timeout` passes.
fn wait_readable(stdin: &std::io::Stdin, timeout: Option<Duration>) -> Readable {
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    let timeout = timeout.map_or(PollTimeout::NONE, |t| PollTimeout::try_from(t).unwrap_or(PollTimeout::MAX));
    loop {
        let mut fds = [PollFd::new(stdin.as_fd(), PollFlags::POLLIN)];
        match poll(&mut fds, timeout) {
            Ok(0) => return Readable::TimedOut,
            Err(nix::errno::Errno::EINTR) => {}
            // Readable, hung up, or an error: the read says which.
            Ok(_) | Err(_) => return Readable::Yes,
        }
    }
}

/// Starts the thread that turns signals into [`Input`]s.
pub(crate) fn spawn_signals(tx: Sender<Input>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH};
    let mut signals = signal_hook::iterator::Signals::new([SIGWINCH, SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP])?;
    std::thread::Builder::new().name("signals".into()).spawn(move || {
        for signal in signals.forever() {
            let input = match signal {
                SIGWINCH => Input::Resize,
                SIGTSTP => Input::Suspend,
                _ => Input::Stop,
            };
            if tx.send(input).is_err() {
                return;
            }
        }
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(bytes: &[u8]) -> Vec<(KeyCode, KeyModifiers)> {
        KeyDecoder::default().feed(bytes).into_iter().map(|k| (k.code, k.modifiers)).collect()
    }

    const NONE: KeyModifiers = KeyModifiers::NONE;

    #[test]
    fn decodes_the_keys_a_session_uses() {
        assert_eq!(codes(b" q?"), [(KeyCode::Char(' '), NONE), (KeyCode::Char('q'), NONE), (KeyCode::Char('?'), NONE)]);
        assert_eq!(
            codes(b"\x1b[C\x1b[D\x1bOA\x1b[B"),
            [(KeyCode::Right, NONE), (KeyCode::Left, NONE), (KeyCode::Up, NONE), (KeyCode::Down, NONE)]
        );
        assert_eq!(
            codes(b"\r\t\x03\x1a"),
            [
                (KeyCode::Enter, NONE),
                (KeyCode::Tab, NONE),
                (KeyCode::Char('c'), KeyModifiers::CONTROL),
                (KeyCode::Char('z'), KeyModifiers::CONTROL)
            ]
        );
        let mut decoder = KeyDecoder::default();
        assert!(decoder.feed(b"\x1b").is_empty(), "a lone escape waits for more");
        assert_eq!(decoder.flush().into_iter().map(|k| k.code).collect::<Vec<_>>(), [KeyCode::Esc]);
        assert_eq!(codes(b"\x1b\x1b["), [(KeyCode::Esc, NONE)]);
        assert_eq!(codes(b"\x1b[1;2C"), [(KeyCode::Right, KeyModifiers::SHIFT)]);
        assert_eq!(codes("é".as_bytes()), [(KeyCode::Char('é'), NONE)]);
        assert_eq!(codes(b"\x1b[5~\x1b[Z"), [(KeyCode::PageUp, NONE), (KeyCode::BackTab, NONE)]);
    }

    #[test]
    fn alt_and_function_keys_are_told_apart() {
        assert_eq!(codes(b"\x1bq"), [(KeyCode::Char('q'), KeyModifiers::ALT)], "Alt-q is not q");
        assert_eq!(
            codes(b"\x1bOP\x1b[15~\x1b[24~"),
            [(KeyCode::F(1), NONE), (KeyCode::F(5), NONE), (KeyCode::F(12), NONE)]
        );
        assert_eq!(
            codes(b"\x1b[1;5C\x1b[1;3D"),
            [(KeyCode::Right, KeyModifiers::CONTROL), (KeyCode::Left, KeyModifiers::ALT)]
        );
        assert_eq!(codes(b"\x1b[3;2~"), [(KeyCode::Delete, KeyModifiers::SHIFT)]);
    }

    #[test]
    fn unknown_sequences_are_skipped_whole() {
        assert_eq!(codes(b"\x1b[200~x"), [(KeyCode::Char('x'), NONE)]);
        assert_eq!(codes(b"\x1b[?1;2cq"), [(KeyCode::Char('q'), NONE)]);
    }

    #[test]
    fn a_sequence_split_across_reads_is_joined() {
        let mut decoder = KeyDecoder::default();
        assert!(decoder.feed(b"\x1b").is_empty(), "an escape alone at the end of a read waits");
        assert_eq!(decoder.feed(b"[C").into_iter().map(|k| k.code).collect::<Vec<_>>(), [KeyCode::Right]);
        assert!(decoder.feed(b"\x1b[").is_empty());
        assert_eq!(decoder.feed(b"C").into_iter().map(|k| k.code).collect::<Vec<_>>(), [KeyCode::Right]);
        assert!(decoder.feed(&"é".as_bytes()[..1]).is_empty());
        assert_eq!(
            decoder.feed(&"é".as_bytes()[1..]).into_iter().map(|k| k.code).collect::<Vec<_>>(),
            [KeyCode::Char('é')]
        );
    }

    #[test]
    fn garbage_never_panics() {
        let mut decoder = KeyDecoder::default();
        for chunk in [&b"\xff\xfe\x80"[..], b"\x1b[", b"99999999999999999999999999999999999999", b"\x1bO", b"\x00\x1c"]
        {
            decoder.feed(chunk);
        }
    }
}
