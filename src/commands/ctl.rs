//! `supple ctl`: a running session steered from another terminal or over SSH, through
//! its socket ([`crate::shell::control::socket`]); says which session it talked to and
//! where it stands after.

use std::fmt::Write as _;
use std::io::{BufRead, IsTerminal};

use anyhow::{Result, anyhow};

use super::{out, say};
use crate::shell::control::socket::{self, Session};

pub fn run(what: &str, pid: Option<u32>, json: bool) -> Result<bool> {
    let sessions = socket::sessions()?;
    let chosen = match (pid, sessions.as_slice()) {
        (Some(pid), all) => all.iter().find(|s| s.pid == pid).ok_or_else(|| {
            let running: Vec<String> = all.iter().map(|s| s.pid.to_string()).collect();
            let running = if running.is_empty() { "none".to_string() } else { running.join(", ") };
            anyhow!("no session {pid} is running (running: {running})")
        })?,
        (None, []) => {
            say(format_args!("No session is running: `supple ctl` steers a full-screen session.\n"));
            return Ok(false);
        }
        (None, [one]) => one,
        (None, several) => match choose(several)? {
            Some(session) => session,
            None => return Ok(false),
        },
    };
    let playing = socket::ask(chosen, what)?;
    match playing {
        Some(playing) if json => {
            let mut value = serde_json::to_value(&playing)?;
            value["session"] = chosen.pid.into();
            out(format!("{value}\n"))?;
        }
        Some(playing) => out(format!("session {}: {}\n", chosen.pid, playing.line()))?,
        None if json => out(format!("{{\"session\":{},\"playback\":null}}\n", chosen.pid))?,
        None => out(format!("session {}: no routine on screen (the picker)\n", chosen.pid))?,
    }
    Ok(true)
}

/// Two sessions or more: asks which, on a terminal; elsewhere lists them and says how to
/// name one.
fn choose(several: &[Session]) -> Result<Option<&Session>> {
    let mut list = String::new();
    for (n, session) in several.iter().enumerate() {
        let at = socket::ask(session, "status").ok().flatten().map_or_else(String::new, |p| p.line());
        let _ = writeln!(list, "  {}. session {}: {at}", n + 1, session.pid);
    }
    if !std::io::stdin().is_terminal() {
        say(format_args!("{} sessions are running; name one with --session:\n{list}", several.len()));
        return Ok(None);
    }
    say(format_args!("{} sessions are running:\n{list}Which one (1-{})? ", several.len(), several.len()));
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim().parse::<usize>().ok().and_then(|n| several.get(n.wrapping_sub(1))))
}
