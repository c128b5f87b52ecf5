//! The history, written by real sessions into temp directories and read back: kept as a
//! session goes (even through SIGKILL), resumed, appended to by several processes at once,
//! never rewritten, and never in the way of a session.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use support::pty::Pty;

const QUICK: &str = "tests/fixtures/e2e/quick.toml";
const LONG: &str = "tests/fixtures/e2e/long-holds.toml";

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

/// An ALSA configuration with no devices, so every run here is the same with or without
/// a sound card.
fn no_sound(data: &Path) -> PathBuf {
    let conf = data.join("no-devices.conf");
    std::fs::write(&conf, "# no devices at all\n").unwrap();
    conf
}

fn supple(data: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_supple"));
    cmd.env("XDG_CONFIG_HOME", data).env("XDG_DATA_HOME", data).env("NO_COLOR", "1");
    cmd.env("ALSA_CONFIG_PATH", no_sound(data));
    cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd
}

fn history_file(data: &Path) -> PathBuf {
    data.join("supple/history.jsonl")
}

/// Every line of the history, parsed; panics on a line that is not whole JSON.
fn lines(data: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(history_file(data)).expect("a history file");
    text.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a whole line ({e}): {l:?}"))).collect()
}

fn of_event<'a>(lines: &'a [Value], event: &str) -> Vec<&'a Value> {
    lines.iter().filter(|l| l["event"] == event).collect()
}

fn output(child: Child) -> (bool, String, String) {
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_plain_session_is_recorded_hold_by_hold() {
    let data = tempfile::tempdir().unwrap();
    // No terminal on stdout: plain mode without asking.
    let (ok, stdout, stderr) = output(supple(data.path()).args(["run", QUICK]).spawn().unwrap());
    assert!(ok, "{stderr}");
    assert!(stdout.starts_with("Quick: 0:09, 3 holds. Ctrl-C stops.\n"), "{stdout}");
    assert!(stdout.contains("0:00  GET READY     Calf stretch, left side · 1s\n"), "{stdout}");
    assert!(stdout.contains("No sound device: no chimes.\n"), "no bell rung into a log: {stdout}");
    assert!(!stdout.contains('\x07'), "{stdout}");
    assert!(stdout.contains("  HOLD          Child's pose · 2s\n"), "{stdout}");
    assert!(stdout.trim_end().ends_with("DONE          3 of 3 holds."), "{stdout}");
    let lines = lines(data.path());
    assert_eq!(lines.first().unwrap()["event"], "start");
    assert_eq!(lines[0]["routine"], "Quick");
    assert!(lines[0]["hash"].as_str().unwrap().starts_with("sha256:"));
    let holds = of_event(&lines, "hold");
    let places: Vec<(String, Value)> =
        holds.iter().map(|h| (h["step"].as_str().unwrap().to_string(), h["side"].clone())).collect();
    assert_eq!(
        places,
        vec![
            ("calf-stretch".to_string(), Value::from("left")),
            ("calf-stretch".to_string(), Value::from("right")),
            ("child-s-pose".to_string(), Value::Null)
        ]
    );
    for hold in &holds {
        assert_eq!(hold["planned_s"], 2.0);
        let actual = hold["actual_s"].as_f64().unwrap();
        assert!((actual - 2.0).abs() < 1e-9, "a hold run to its end is its planned length: {actual}");
        assert_eq!(hold["ended"], "held");
    }
    let end = lines.last().unwrap();
    assert_eq!((end["event"].as_str(), end["completed"].as_bool()), (Some("end"), Some(true)));
    assert!(end.get("stopped").is_none());
}

#[test]
fn ctrl_c_ends_a_plain_session_cleanly_and_it_is_recorded_as_quit() {
    let data = tempfile::tempdir().unwrap();
    let child = supple(data.path()).args(["run", LONG, "--plain"]).spawn().unwrap();
    // The first line is written once the signal handlers are in place.
    wait_for_lines(data.path(), 1, secs(5));
    assert!(Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap().success());
    let (ok, stdout, _) = output(child);
    assert!(ok, "Ctrl-C is a clean end");
    assert!(stdout.contains("STOPPED       after 0 of 4 holds. `supple resume` picks it up."), "{stdout}");
    let lines = lines(data.path());
    let end = lines.last().unwrap();
    assert_eq!(end["event"], "end");
    assert_eq!(end["completed"], false);
    assert_eq!(end["stopped"]["step"], "first-stretch");
    assert_eq!(end["stopped"]["side"], "left");

    // Resumed in plain mode, it says where it picks up.
    let child = supple(data.path()).args(["resume", "--plain"]).spawn().unwrap();
    wait_for_lines(data.path(), lines.len() + 1, secs(5));
    assert!(Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap().success());
    let (ok, stdout, _) = output(child);
    assert!(ok);
    assert!(
        stdout.starts_with("Long holds: 2:20, 4 holds. Ctrl-C stops. Resuming at First stretch, left side.\n"),
        "{stdout}"
    );
}

/// Waits until the history has at least `n` lines.
fn wait_for_lines(data: &Path, n: usize, timeout: Duration) {
    let start = Instant::now();
    while std::fs::read_to_string(history_file(data)).map_or(0, |t| t.lines().count()) < n {
        assert!(start.elapsed() < timeout.max(support::pty::LEAST_WAIT), "no history written");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_session_killed_mid_hold_is_kept_and_resumes_where_it_stopped() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_str().unwrap();
    let conf = no_sound(data.path());
    let env = [
        ("XDG_CONFIG_HOME", dir),
        ("XDG_DATA_HOME", dir),
        ("NO_COLOR", "1"),
        ("ALSA_CONFIG_PATH", conf.to_str().unwrap()),
    ];
    let mut pty = Pty::spawn(&["run", LONG], 80, 24, &env);
    pty.wait_text("space or Enter", secs(5));
    pty.send("\r");
    pty.wait_text("GET READY", secs(2));
    pty.send("\x1b[C"); // skip the get-ready
    pty.wait_text("HOLD · LEFT", secs(2));
    pty.send("\x1b[C"); // skip the left hold: recorded as skipped
    pty.wait_text("SWITCH SIDES", secs(2));
    pty.send("\x1b[C");
    pty.wait_text("HOLD · RIGHT", secs(2));
    pty.signal("KILL");
    assert_eq!(pty.wait_end(secs(5)).signal(), Some("Killed"), "killed, as a crash would end it");
    let killed = lines(data.path());
    let id = killed[0]["session"].as_str().unwrap().to_string();
    assert_eq!(of_event(&killed, "hold").len(), 1, "the skipped hold is there: {killed:?}");
    assert!(of_event(&killed, "end").is_empty(), "a killed session has no end line");

    let (ok, history, _) = output(supple(data.path()).arg("history").spawn().unwrap());
    assert!(ok);
    assert!(history.contains("Long holds") && history.contains("interrupted · 0 held · 1 skipped ↻"), "{history}");

    let mut pty = Pty::spawn(&["resume"], 80, 24, &env);
    pty.wait_text("Resuming at First stretch, right side.", secs(5));
    pty.send("\r");
    pty.wait_text("SWITCH SIDES", secs(2));
    pty.send("q");
    pty.wait_text("Quit", secs(2));
    pty.send("y");
    assert_eq!(pty.wait_exit(secs(5)), 0);
    let all = lines(data.path());
    let starts = of_event(&all, "start");
    assert_eq!(starts.len(), 2);
    assert_eq!(starts[1]["resumes"], id.as_str());
    assert_eq!(starts[1]["from"], serde_json::json!({"step": "first-stretch", "side": "right", "rep": 1}));
    let (ok, history, _) = output(supple(data.path()).arg("history").spawn().unwrap());
    assert!(ok);
    assert!(history.contains("quit · 0 held · resumed ↻"), "the resumption is what resume offers now:\n{history}");
}

#[test]
fn sessions_in_several_processes_at_once_write_only_whole_lines() {
    let data = tempfile::tempdir().unwrap();
    let children: Vec<Child> =
        (0..6).map(|_| supple(data.path()).args(["run", QUICK, "--plain"]).spawn().unwrap()).collect();
    for child in children {
        let (ok, _, stderr) = output(child);
        assert!(ok, "{stderr}");
    }
    let lines = lines(data.path());
    let mut sessions: Vec<&str> = lines.iter().map(|l| l["session"].as_str().unwrap()).collect();
    sessions.sort_unstable();
    sessions.dedup();
    assert_eq!(sessions.len(), 6);
    for session in sessions {
        let mine: Vec<&Value> = lines.iter().filter(|l| l["session"] == session).collect();
        let events: Vec<&str> = mine.iter().map(|l| l["event"].as_str().unwrap()).collect();
        assert_eq!(events, ["start", "hold", "hold", "hold", "end"], "{session}");
    }
}

#[test]
fn damaged_lines_are_skipped_with_a_warning_and_the_file_is_left_alone() {
    let data = tempfile::tempdir().unwrap();
    let (ok, _, _) = output(supple(data.path()).args(["run", QUICK]).spawn().unwrap());
    assert!(ok);
    let path = history_file(data.path());
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.insert_str(0, "a note I typed by hand\n");
    text.push_str("{\"event\":\"hold\",\"sess"); // torn by a crash
    std::fs::write(&path, &text).unwrap();

    let (ok, stdout, stderr) = output(supple(data.path()).arg("history").spawn().unwrap());
    assert!(ok);
    assert!(
        stderr.contains("history.jsonl: skipped 2 lines that could not be read (line 1, 7); the file is left as it is"),
        "{stderr}"
    );
    assert!(stdout.contains("Quick") && stdout.contains("completed"), "{stdout}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "reading never rewrites");

    let (ok, json, _) = output(supple(data.path()).args(["history", "--json"]).spawn().unwrap());
    assert!(ok);
    let report: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["damaged_lines"], serde_json::json!([1, 7]));
    assert_eq!(report["recent"][0]["outcome"], "completed");
    assert_eq!(report["weeks"][0]["completed"], 1);

    // The next session appends after the torn line, which stays damaged alone.
    let (ok, _, _) = output(supple(data.path()).args(["run", QUICK]).spawn().unwrap());
    assert!(ok);
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(after.starts_with(&text), "appended, never rewritten");
    let (ok, json, _) = output(supple(data.path()).args(["history", "--json"]).spawn().unwrap());
    assert!(ok);
    let report: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["damaged_lines"], serde_json::json!([1, 7]));
    assert_eq!(report["weeks"][0]["completed"], 2);
}

#[test]
fn a_data_directory_that_cannot_be_written_never_stops_a_session() {
    let data = tempfile::tempdir().unwrap();
    // A file where the data directory should be: nothing can be created under it (this
    // holds for root too, which read-only permissions would not stop).
    let blocked = data.path().join("not-a-directory");
    std::fs::write(&blocked, "").unwrap();
    let child = supple(data.path()).env("XDG_DATA_HOME", &blocked).args(["run", QUICK]).spawn().unwrap();
    let (ok, stdout, stderr) = output(child);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("DONE          3 of 3 holds."), "{stdout}");
    assert_eq!(stderr.matches("History not saved").count(), 1, "said once: {stderr}");
    assert!(stderr.contains("the session goes on"), "{stderr}");
}
