//! `supple ctl`'s socket: a Unix socket per running session, `<pid>.sock` in an
//! owner-only folder of the user's runtime directory, so a second terminal, or a phone
//! over SSH, can steer the session: one line in (`next`, `status`), one line of JSON out
//! (what is playing after it).
//!
//! The folder and each socket are checked to be the user's own and closed to others
//! before a word is sent or read: on a shared machine another user's socket in a folder
//! they made could otherwise take the commands, or feed back a status.

use std::io::{BufRead, BufReader, Read as _, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Sender, channel};

use anyhow::{Context, Result, anyhow, bail};

use super::{ANSWER_WITHIN, Command, NowPlaying};
use crate::shell::input::Input;

/// Where the sessions' sockets are: `$XDG_RUNTIME_DIR/supple`, or a folder of the user's
/// own in the temporary directory where there is no runtime directory.
pub fn folder() -> PathBuf {
    match std::env::var_os("XDG_RUNTIME_DIR").filter(|d| !d.is_empty()) {
        Some(dir) => PathBuf::from(dir).join("supple"),
        None => std::env::temp_dir().join(format!("supple-{}", nix::unistd::geteuid())),
    }
}

/// Why `path` (the folder or a socket in it) is not safe to use: not the user's, or open
/// to others.
pub fn unsafe_because(path: &Path) -> Option<String> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    let me = nix::unistd::geteuid().as_raw();
    if meta.uid() != me {
        return Some(format!("{} belongs to another user (uid {})", path.display(), meta.uid()));
    }
    if meta.file_type().is_symlink() {
        return Some(format!("{} is a symbolic link", path.display()));
    }
    if meta.mode() & 0o077 != 0 {
        return Some(format!("{} is open to other users (mode {:o})", path.display(), meta.mode() & 0o777));
    }
    None
}

/// The running session's socket, removed when the session ends.
pub(crate) struct Server {
    path: PathBuf,
}

impl Server {
    /// Listens at `<pid>.sock`; each command is sent to `tx`. None (and nothing said) if
    /// the folder cannot be made safe: the keyboard still works.
    pub(crate) fn start(tx: Sender<Input>) -> Option<Self> {
        let dir = folder();
        std::fs::DirBuilder::new().mode(0o700).recursive(true).create(&dir).ok()?;
        if unsafe_because(&dir).is_some() {
            return None;
        }
        let path = dir.join(format!("{}.sock", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let listener = UnixListener::bind(&path).ok()?;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).ok()?;
        std::thread::Builder::new()
            .name("ctl".into())
            .spawn(move || {
                for stream in listener.incoming() {
                    match stream {
                        Ok(stream) => answer(&stream, &tx),
                        // Out of file descriptors, say: wait rather than spin.
                        Err(_) => std::thread::sleep(std::time::Duration::from_millis(100)),
                    }
                }
            })
            .ok()?;
        Some(Self { path })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// One client: its line read, the command sent to the session, what is playing after it
/// written back.
fn answer(stream: &UnixStream, tx: &Sender<Input>) {
    let _ = stream.set_read_timeout(Some(ANSWER_WITHIN));
    let _ = stream.set_write_timeout(Some(ANSWER_WITHIN));
    let mut line = String::new();
    let Ok(mut writer) = stream.try_clone() else { return };
    // Nothing sent (a `ctl` only seeing whether the session lives): nothing to answer.
    if BufReader::new(stream).take(256).read_line(&mut line).is_err() || line.is_empty() {
        return;
    }
    let word = line.trim();
    let command = if word == "status" { None } else { Command::from_name(word) };
    if command.is_none() && word != "status" {
        let _ = writeln!(writer, "{{\"error\":\"unknown command\"}}");
        return;
    }
    let (reply, answered) = channel();
    if tx.send(Input::Remote(command, Some(reply), std::time::Instant::now())).is_err() {
        return;
    }
    let text = match answered.recv_timeout(ANSWER_WITHIN) {
        Ok(Some(playing)) => serde_json::to_string(&playing).unwrap_or_default(),
        Ok(None) => "{\"error\":\"no routine on screen\"}".to_string(),
        Err(_) => "{\"error\":\"the session did not answer\"}".to_string(),
    };
    let _ = writeln!(writer, "{text}");
}

/// A running session, as `ctl` finds it.
#[derive(Debug)]
pub struct Session {
    pub pid: u32,
    pub path: PathBuf,
}

/// The sessions running for this user; sockets left by a session that died are removed.
/// An error if the folder or a socket is not the user's own.
pub fn sessions() -> Result<Vec<Session>> {
    let dir = folder();
    if !dir.exists() {
        return Ok(Vec::new());
    }
    if let Some(why) = unsafe_because(&dir) {
        bail!("not using {}: {why}", dir.display());
    }
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))?.flatten() {
        let path = entry.path();
        let Some(pid) = path.file_stem().and_then(|s| s.to_str()).and_then(|s| s.parse().ok()) else { continue };
        if path.extension().is_none_or(|e| e != "sock") {
            continue;
        }
        if let Some(why) = unsafe_because(&path) {
            bail!("not using {}: {why}", path.display());
        }
        match UnixStream::connect(&path) {
            Ok(_) => found.push(Session { pid, path }),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
                let _ = std::fs::remove_file(&path);
            }
            Err(_) => {}
        }
    }
    found.sort_by_key(|s| s.pid);
    Ok(found)
}

/// Sends `word` (a command's name, or `status`) to `session`; what is playing after it.
pub fn ask(session: &Session, word: &str) -> Result<Option<NowPlaying>> {
    let mut stream =
        UnixStream::connect(&session.path).with_context(|| format!("connecting to session {}", session.pid))?;
    stream.set_read_timeout(Some(ANSWER_WITHIN * 2))?;
    writeln!(stream, "{word}")?;
    let mut line = String::new();
    BufReader::new(stream).read_line(&mut line).map_err(|e| match e.kind() {
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut => {
            anyhow!("session {} did not answer (suspended, or its editor open?)", session.pid)
        }
        _ => anyhow!("reading the answer of session {}: {e}", session.pid),
    })?;
    let value: serde_json::Value = serde_json::from_str(line.trim()).context("reading the answer")?;
    if let Some(error) = value.get("error").and_then(serde_json::Value::as_str) {
        bail!("session {}: {error}", session.pid);
    }
    Ok(serde_json::from_value(value).ok())
}
