//! `supple remind`: a desktop notification when this week is behind the guidance, and the
//! systemd user timer that runs it every day at the hour the person chose.
//!
//! The notification goes through notify-rust, on the same zbus as the media controls.
//! Without a desktop bus (or a notification service on it) the same line is printed, so
//! `supple remind` also works from a shell profile or cron.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result};

use crate::history::nudge::{self, Nudge};

/// The units' names, in the user's systemd folder.
const SERVICE: &str = "supple-remind.service";
const TIMER: &str = "supple-remind.timer";

/// How long the notification service may take to answer.
const NOTIFY_WAIT: Duration = Duration::from_secs(5);

/// What `supple remind` is asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asked {
    /// Notify now, if the week is behind.
    Now,
    /// Set up the daily timer at this hour and minute.
    Install(u8, u8),
    Uninstall,
    Status,
}

pub fn run(asked: Asked) -> Result<bool> {
    match asked {
        Asked::Now => remind(),
        Asked::Install(hour, minute) => install(hour, minute),
        Asked::Uninstall => uninstall(),
        Asked::Status => status(),
    }
}

/// Notifies when the week is behind; silent otherwise.
fn remind() -> Result<bool> {
    let history = super::history::load();
    let Some(nudge) = nudge::nudge(&history, jiff::Timestamp::now(), &jiff::tz::TimeZone::system()) else {
        return Ok(true);
    };
    if let Err(why) = notify(&nudge) {
        super::out(format!("{} — {}\n", nudge.summary, nudge.body))?;
        if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() {
            super::say(format!("note: no desktop notification: {why}\n"));
        }
    }
    Ok(true)
}

/// Shows `nudge` as a desktop notification, giving up after [`NOTIFY_WAIT`].
fn notify(nudge: &Nudge) -> Result<(), String> {
    let mut notification = notify_rust::Notification::new();
    notification.appname("supple").summary(&nudge.summary).body(&nudge.body).icon("appointment-soon");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(notification.show().map(drop).map_err(|e| e.to_string()));
    });
    rx.recv_timeout(NOTIFY_WAIT).unwrap_or_else(|_| Err("the notification service did not answer".into()))
}

/// The service and timer units for `exe` at `hour:minute`, with the places supple keeps
/// things when they were moved by XDG variables (a user service does not see a shell's).
pub(crate) fn units(exe: &Path, (hour, minute): (u8, u8), env: &[(&str, String)]) -> (String, String) {
    let quoted = |text: &str| format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\"").replace('%', "%%"));
    let mut service = String::from(
        "[Unit]\nDescription=supple: a reminder when this week's stretching is behind the guidance\n\n\
         [Service]\nType=oneshot\n",
    );
    for (name, value) in env {
        service = format!("{service}Environment={}\n", quoted(&format!("{name}={value}")));
    }
    service = format!("{service}ExecStart={} remind\n", quoted(&exe.display().to_string()));
    let timer = format!(
        "[Unit]\nDescription=supple remind, every day at {hour:02}:{minute:02}\n\n\
         [Timer]\nOnCalendar=*-*-* {hour:02}:{minute:02}:00\nUnit={SERVICE}\n\n\
         [Install]\nWantedBy=timers.target\n"
    );
    (service, timer)
}

fn units_dir() -> Result<PathBuf> {
    crate::dirs::systemd_user_units().context("no home folder to put a user timer in")
}

/// Writes the units, then asks the user's service manager to start the timer.
fn install(hour: u8, minute: u8) -> Result<bool> {
    let dir = units_dir()?;
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", super::shown(&dir)))?;
    let exe = std::env::current_exe().context("finding supple's own path")?;
    let exe = std::fs::canonicalize(&exe).unwrap_or(exe);
    let env: Vec<(&str, String)> = ["XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"]
        .into_iter()
        .filter_map(|name| std::env::var(name).ok().filter(|v| Path::new(v).is_absolute()).map(|v| (name, v)))
        .collect();
    let (service, timer) = units(&exe, (hour, minute), &env);
    for (name, text) in [(SERVICE, service), (TIMER, timer)] {
        let path = dir.join(name);
        std::fs::write(&path, text).with_context(|| format!("writing {}", super::shown(&path)))?;
    }
    super::out(format!(
        "Wrote {} and {}: supple remind every day at {hour:02}:{minute:02}.\n",
        super::shown(&dir.join(SERVICE)),
        TIMER
    ))?;
    match systemctl(&["daemon-reload"]).and_then(|()| systemctl(&["enable", "--now", TIMER])) {
        Ok(()) => super::out("The timer is on; `supple remind --status` shows it.\n")?,
        Err(why) => super::out(format!(
            "The service manager could not start it ({why}). Where a user session has one:\n  \
             systemctl --user daemon-reload && systemctl --user enable --now {TIMER}\n"
        ))?,
    }
    Ok(true)
}

/// Stops the timer and removes both units.
fn uninstall() -> Result<bool> {
    let dir = units_dir()?;
    let present: Vec<PathBuf> = [SERVICE, TIMER].iter().map(|n| dir.join(n)).filter(|p| p.exists()).collect();
    if present.is_empty() {
        super::out("No reminder is set up.\n")?;
        return Ok(true);
    }
    let _ = systemctl(&["disable", "--now", TIMER]);
    for path in &present {
        std::fs::remove_file(path).with_context(|| format!("removing {}", super::shown(path)))?;
    }
    let _ = systemctl(&["daemon-reload"]);
    super::out(format!(
        "Removed the reminder ({}).\n",
        present.iter().map(|p| super::shown(p)).collect::<Vec<_>>().join(", ")
    ))?;
    Ok(true)
}

/// Says whether a reminder is set up, at what time, and what the service manager says.
fn status() -> Result<bool> {
    let timer = units_dir()?.join(TIMER);
    let Ok(text) = std::fs::read_to_string(&timer) else {
        super::out("No reminder is set up; `supple remind --install --at 18:00` sets one.\n")?;
        return Ok(true);
    };
    let at = text
        .lines()
        .find_map(|l| l.strip_prefix("OnCalendar=*-*-* "))
        .and_then(|t| t.get(..5))
        .unwrap_or("an hour the file does not say");
    let state = Command::new("systemctl")
        .args(["--user", "is-active", TIMER])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown: no user service manager answered".into());
    super::out(format!("A reminder is set up for {at} every day ({}); the timer is {state}.\n", super::shown(&timer)))?;
    Ok(true)
}

/// Runs `systemctl --user ARGS`; an error says why it did not work.
fn systemctl(args: &[&str]) -> Result<(), String> {
    let out = Command::new("systemctl").arg("--user").args(args).output().map_err(|e| format!("systemctl: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        let why = String::from_utf8_lossy(&out.stderr).lines().next().unwrap_or("it failed").trim().to_string();
        Err(crate::text::sanitize(&why, false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_timer_runs_at_the_hour_chosen_and_paths_are_quoted() {
        let (service, timer) =
            units(Path::new("/opt/my apps/supple"), (7, 5), &[("XDG_DATA_HOME", "/home/a/100%".to_string())]);
        assert!(service.contains("ExecStart=\"/opt/my apps/supple\" remind\n"), "{service}");
        assert!(service.contains("Environment=\"XDG_DATA_HOME=/home/a/100%%\"\n"), "{service}");
        assert!(timer.contains("OnCalendar=*-*-* 07:05:00\n") && timer.contains("WantedBy=timers.target"), "{timer}");
    }
}
