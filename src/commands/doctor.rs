//! `supple doctor`: what this machine can and cannot do for a session, one plain line a
//! check (the terminal, the sound device, the voice, the config, the routines, the
//! history), each failing one with what to do about it. Exit 1 names the failing checks.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::Path;
use std::time::{Duration, Instant};

use serde::Serialize;

use super::shown;
use crate::wording::plural;

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Ok,
    /// Works, with less: a session still runs.
    Warn,
    /// Something a person will miss: named at the end, and the exit status is 1.
    Fail,
}

/// One line of the report.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub check: &'static str,
    pub state: State,
    pub answer: String,
    /// What to do, where the check did not pass.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub fix: String,
}

fn check(check: &'static str, state: State, answer: impl Into<String>, fix: impl Into<String>) -> Check {
    Check { check, state, answer: answer.into(), fix: fix.into() }
}

/// Every check, in order; with `sound`, a short chime is played on the device.
pub fn checks(sound: bool) -> Vec<Check> {
    let config = crate::config::load();
    vec![
        terminal(),
        sound_device(sound),
        voice(&config.config.voice),
        desktop_bus(config.config.control),
        config_file(&config),
        routines(),
        stretch_library(),
        history(),
    ]
}

fn terminal() -> Check {
    let out = std::io::stdout().is_terminal();
    let keys = std::io::stdin().is_terminal();
    let size = ratatui::crossterm::terminal::size().ok().filter(|_| out);
    let colours = match std::env::var("COLORTERM").ok().as_deref() {
        Some("truecolor" | "24bit") => "millions of colours",
        _ if std::env::var("TERM").is_ok_and(|t| t.contains("256")) => "256 colours",
        _ => "basic colours",
    };
    let colours = if super::no_color() { "no colour (NO_COLOR)" } else { colours };
    match (size, keys) {
        (Some((w, h)), true) => {
            let small = w < 40 || h < 12;
            check(
                "terminal",
                if small { State::Warn } else { State::Ok },
                format!("{w}x{h}, {colours}, keys can be read"),
                if small { "a window of 80x24 or more shows the big countdown" } else { "" },
            )
        }
        (Some((w, h)), false) => check(
            "terminal",
            State::Warn,
            format!("{w}x{h}, {colours}, but no keyboard on standard input"),
            "run supple from a terminal to steer a session; `supple run ROUTINE --plain` works without one",
        ),
        (None, _) => check(
            "terminal",
            State::Warn,
            "not a terminal (output is a pipe or a file)",
            "sessions run full-screen in a terminal; here `supple run ROUTINE --plain` prints a line per transition",
        ),
    }
}

fn sound_device(play: bool) -> Check {
    use rodio::cpal::traits::{DeviceTrait, HostTrait};
    #[cfg(target_os = "linux")]
    let _captured = alsa::Output::local_error_handler().ok();
    let host = rodio::cpal::default_host();
    let name = host.default_output_device().and_then(|d| d.description().ok()).map(|d| d.name().to_string());
    let opened = rodio::DeviceSinkBuilder::open_default_sink().ok();
    let Some(mut sink) = opened else {
        return check(
            "sound",
            State::Fail,
            "no sound device could be opened: sessions ring the terminal bell instead",
            "over SSH or in a container this is expected; on a desktop, check that PipeWire or PulseAudio runs and `aplay -l` lists a card",
        );
    };
    sink.log_on_drop(false);
    drop(sink);
    let name =
        name.map_or_else(|| "the default device".to_string(), |n| format!("\"{}\"", crate::text::sanitize(&n, false)));
    if !play {
        return check("sound", State::Ok, format!("{name} opened; `supple doctor --sound` plays a chime"), "");
    }
    let chimes = crate::audio::Chimes::start(|_| {});
    let level = crate::remembered::SoundLevel::load();
    chimes.play_and_wait(crate::cue::Cue::HoldEnd, f32::from(level.volume.max(30)) / 100.0, Duration::from_millis(300));
    check("sound", State::Ok, format!("{name} opened, and a chime played: did you hear it?"), "")
}

fn voice(settings: &crate::voice::VoiceSettings) -> Check {
    let engine = settings.engine();
    let program = crate::text::sanitize(engine.program(), false);
    if !engine.available() {
        return check(
            "voice",
            State::Warn,
            format!("`{program}` not found: only the built-in sentences are said (phases, sides, counts)"),
            "install espeak-ng (`apt install espeak-ng`) for stretch names too, or set [voice] engine in the config",
        );
    }
    let version = version_of(engine.program()).unwrap_or_else(|| "version unknown".to_string());
    let Some(cache) = crate::dirs::cache().map(|c| c.join("voice")) else {
        return check("voice", State::Warn, format!("{program}, {version}; no cache folder"), "set $XDG_CACHE_HOME");
    };
    let started = Instant::now();
    let _ = std::fs::remove_file(engine.cached(&cache, SENTENCE));
    match engine.render(&cache, SENTENCE) {
        Ok(_) => check(
            "voice",
            State::Ok,
            format!(
                "{program}, {version}: a sentence rendered in {} ms into {}",
                started.elapsed().as_millis(),
                shown(&cache)
            ),
            "",
        ),
        Err(why) => check(
            "voice",
            State::Fail,
            format!(
                "{program}, {version}, but a sentence could not be rendered: {}",
                crate::text::sanitize(&why, false)
            ),
            "try `espeak-ng -w /tmp/x.wav hello`; check [voice] engine in the config",
        ),
    }
}

/// The sentence the voice check renders.
const SENTENCE: &str = "Hold. Left side.";

/// The first line `program --version` prints, within two seconds.
fn version_of(program: &str) -> Option<String> {
    let mut child = std::process::Command::new(program)
        .arg("--version")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()?;
    let deadline = Instant::now() + Duration::from_secs(2);
    while child.try_wait().ok()?.is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let out = child.wait_with_output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    // espeak-ng goes on after two spaces with where its data is.
    let line = text.lines().next()?.split("  ").next()?.trim();
    Some(crate::text::truncate(&crate::text::sanitize(line, false), 60)).filter(|l| !l.is_empty())
}

fn desktop_bus(control: crate::config::Control) -> Check {
    use crate::shell::control::desktop;
    if !control.media_keys && !control.keep_awake {
        return check("desktop bus", State::Ok, "not used: media_keys and keep_awake are off in [control]", "");
    }
    match desktop::probe() {
        None => check(
            "desktop bus",
            State::Warn,
            "no session bus (over SSH or on a server): media keys and a headset cannot steer a session",
            "`supple ctl pause|next|...` from another terminal, or `ssh` from a phone, steers it instead",
        ),
        Some(Err(error)) => check(
            "desktop bus",
            State::Warn,
            format!("the session bus could not be reached: {}", crate::text::sanitize(&error, false)),
            "check DBUS_SESSION_BUS_ADDRESS; `supple ctl` steers a session without it",
        ),
        Some(Ok(screen_saver)) => check(
            "desktop bus",
            if screen_saver || !control.keep_awake { State::Ok } else { State::Warn },
            if screen_saver {
                "reached: media keys, a headset, a phone or a watch steer a session, and the screen stays on"
            } else {
                "reached: media keys, a headset, a phone or a watch steer a session"
            },
            if screen_saver || !control.keep_awake {
                ""
            } else {
                "no screen saver service answers on it: the screen may blank during a long hold"
            },
        ),
    }
}

fn config_file(file: &crate::config::ConfigFile) -> Check {
    let Some(path) = &file.path else {
        return check("config", State::Ok, "none: every setting at its default", "");
    };
    let errors = file.diagnostics.iter().filter(|d| d.is_error()).count();
    if errors == 0 {
        return check("config", State::Ok, format!("{} reads without a mistake", shown(path)), "");
    }
    check(
        "config",
        State::Fail,
        format!("{} has {}; the rest applies", shown(path), plural(errors, "mistake", "mistakes")),
        "`supple config` shows each one with its line",
    )
}

fn routines() -> Check {
    let dir = crate::dirs::routines();
    let (files, unreadable) = crate::routine::library::user_routines();
    let broken: Vec<String> = files
        .iter()
        .filter(|f| f.parsed.routine.is_none())
        .map(|f| crate::files::file_name(&f.source.path))
        .chain(unreadable.iter().map(|u| crate::files::file_name(&u.path)))
        .collect();
    let folder = dir.as_deref().map(shown).unwrap_or_default();
    let count = files.len() + unreadable.len();
    let bundled = crate::routine::library::BUNDLED.len();
    if broken.is_empty() {
        return check("routines", State::Ok, format!("{bundled} bundled, {count} of yours in {folder}, all valid"), "");
    }
    check(
        "routines",
        State::Fail,
        format!("{} of {count} in {folder} cannot be run: {}", broken.len(), broken.join(", ")),
        format!("`supple check {}` shows why", broken.first().map_or(String::new(), |b| format!("{folder}/{b}"))),
    )
}

fn stretch_library() -> Check {
    let Some(path) = crate::routine::stretch::user_file().filter(|p| p.exists()) else {
        let count = crate::routine::stretch::bundled().stretches.len();
        return check("stretches", State::Ok, format!("{count} bundled; none of your own"), "");
    };
    let errors = crate::files::read_text(&path, "stretch library")
        .map_or(1, |f| crate::routine::stretch::check(&f.text).iter().filter(|d| d.is_error()).count());
    if errors == 0 {
        let mine = crate::routine::stretch::user().stretches.len();
        return check("stretches", State::Ok, format!("{} of your own in {}", mine, shown(&path)), "");
    }
    check(
        "stretches",
        State::Fail,
        format!("{} has {}", shown(&path), plural(errors, "error", "errors")),
        format!("`supple check {}` shows them", shown(&path)),
    )
}

fn history() -> Check {
    let Some(path) = crate::dirs::history_file() else {
        return check("history", State::Fail, "no data folder to keep it in", "set $HOME or $XDG_DATA_HOME");
    };
    let size = std::fs::metadata(&path).map(|m| m.len()).ok();
    let writable = can_write(&path);
    let answer = match size {
        Some(bytes) => format!("{}, {}", shown(&path), human_size(bytes)),
        None => format!("{} (none yet)", shown(&path)),
    };
    if writable {
        check("history", State::Ok, format!("{answer}, can be written"), "")
    } else {
        check(
            "history",
            State::Fail,
            format!("{answer}, cannot be written"),
            "sessions run but are not recorded: check the folder's owner and permissions",
        )
    }
}

/// Whether `path` (or, where it is not yet, its folder) takes appended lines, without
/// changing what is there.
fn can_write(path: &Path) -> bool {
    if path.exists() {
        return std::fs::OpenOptions::new().append(true).open(path).is_ok();
    }
    let Some(dir) = path.parent() else { return false };
    if std::fs::create_dir_all(dir).is_err() {
        return false;
    }
    let probe = dir.join(format!(".supple-doctor-{}", std::process::id()));
    let ok = std::fs::write(&probe, b"").is_ok();
    let _ = std::fs::remove_file(&probe);
    ok
}

fn human_size(bytes: u64) -> String {
    match bytes {
        0..1024 => format!("{bytes} bytes"),
        1024..1_048_576 => format!("{} KB", bytes.div_ceil(1024)),
        _ => format!("{}.{} MB", bytes / 1_048_576, bytes % 1_048_576 * 10 / 1_048_576),
    }
}

/// The report as printed: a line a check, what to do under each one that did not pass,
/// and the failing ones named; wrapped between words to `width`, under the answers.
pub fn text(checks: &[Check], width: Option<usize>) -> String {
    let mut out = String::new();
    let indent = " ".repeat(17);
    let fill = |line: String| match width.filter(|w| *w >= 40) {
        Some(w) => textwrap::fill(&line, textwrap::Options::new(w).subsequent_indent(&indent)),
        None => line,
    };
    for c in checks {
        let mark = match c.state {
            State::Ok => "ok  ",
            State::Warn => "note",
            State::Fail => "FAIL",
        };
        let _ = writeln!(out, "{}", fill(format!("{mark}  {:<10} {}", c.check, c.answer)));
        if !c.fix.is_empty() {
            let _ = writeln!(out, "{}", fill(format!("{:15}→ {}", "", c.fix)));
        }
    }
    let failed: Vec<&str> = checks.iter().filter(|c| c.state == State::Fail).map(|c| c.check).collect();
    if failed.is_empty() {
        out.push_str("\nAll is well.\n");
    } else {
        let _ = writeln!(out, "\n{} failed: {}.", plural(failed.len(), "check", "checks"), failed.join(", "));
    }
    out
}

/// Runs `supple doctor`: whether every check passed.
pub fn run(sound: bool, json: bool) -> std::io::Result<bool> {
    let checks = checks(sound);
    let ok = checks.iter().all(|c| c.state != State::Fail);
    if json {
        super::out(format_args!("{}\n", serde_json::to_string_pretty(&checks).unwrap_or_default()))?;
    } else {
        let width = std::io::stdout()
            .is_terminal()
            .then(|| ratatui::crossterm::terminal::size().ok())
            .flatten()
            .map(|(w, _)| usize::from(w));
        super::out(text(&checks, width))?;
    }
    Ok(ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_wraps_between_words_under_the_answers_and_names_what_failed() {
        let checks = [
            check(
                "sound",
                State::Fail,
                "no sound device could be opened: sessions ring the terminal bell instead",
                "over SSH or in a container this is expected",
            ),
            check("voice", State::Ok, "espeak-ng", ""),
        ];
        let report = text(&checks, Some(50));
        assert!(report.lines().all(|l| crate::text::width(l) <= 50), "{report}");
        assert!(report.lines().nth(1).is_some_and(|l| l.starts_with(&" ".repeat(17))), "{report}");
        assert!(report.ends_with("1 check failed: sound.\n"), "{report}");
        assert!(!text(&checks[1..], None).contains("failed"));
    }
}
