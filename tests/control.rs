//! Steering a real session from away from the keyboard: on a private session bus
//! (`dbus-daemon`, started here) as the desktop's media keys, a headset or a phone do,
//! through `dbus-send`; from another process with `supple ctl`; and the screen kept
//! awake, through a ScreenSaver service on the same bus that holds inhibits as desktops
//! do, dropping those of a client that leaves the bus.

mod support;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use support::bus::Bus;
use support::pty::Pty;

const ROUTINE: &str = "tests/fixtures/e2e/remote.toml";
const PLAYER: &str = "org.mpris.MediaPlayer2.supple.instance";

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

/// A session of the remote routine on `bus` (if any), with `dir` as its home and runtime
/// directory, on its ready screen.
fn session(dir: &std::path::Path, bus: Option<&Bus>) -> Pty {
    let home = dir.to_str().unwrap();
    let runtime = dir.join("run");
    std::fs::create_dir_all(&runtime).unwrap();
    std::fs::set_permissions(&runtime, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    let mut env = vec![
        ("XDG_CONFIG_HOME", home),
        ("XDG_DATA_HOME", home),
        ("XDG_CACHE_HOME", home),
        ("XDG_RUNTIME_DIR", runtime.to_str().unwrap()),
        ("DBUS_SESSION_BUS_ADDRESS", bus.map_or("", |b| b.address.as_str())),
    ];
    env.retain(|(_, v)| !v.is_empty() || bus.is_none());
    let mut pty = Pty::spawn(&["run", ROUTINE, "--no-voice"], 100, 30, &env);
    pty.wait_text("space or Enter", secs(10));
    pty
}

/// Whether the screen has a line that starts with `label` (the phase's, in small letters).
fn shows(screen: &str, label: &str) -> bool {
    screen.lines().any(|l| l.trim_start().starts_with(label))
}

fn call(bus: &Bus, name: &str, method: &str) {
    bus.send(&[
        &format!("--dest={name}"),
        "/org/mpris/MediaPlayer2",
        &format!("org.mpris.MediaPlayer2.Player.{method}"),
    ])
    .unwrap();
}

fn property(bus: &Bus, name: &str, property: &str) -> String {
    bus.send(&[
        &format!("--dest={name}"),
        "/org/mpris/MediaPlayer2",
        "org.freedesktop.DBus.Properties.Get",
        "string:org.mpris.MediaPlayer2.Player",
        &format!("string:{property}"),
    ])
    .unwrap()
}

/// Waits until the player's status and metadata read `status`, `title` and `artist`.
fn wait_player(bus: &Bus, name: &str, status: &str, title: &str, artist: &str) {
    let until = Instant::now() + support::pty::LEAST_WAIT;
    loop {
        let (s, m) = (property(bus, name, "PlaybackStatus"), property(bus, name, "Metadata"));
        let ok = s.contains(&format!("string \"{status}\""))
            && m.contains(&format!("string \"{title}\""))
            && m.contains(&format!("string \"{artist}\""));
        if ok {
            return;
        }
        assert!(Instant::now() < until, "wanted {status}, {title}, {artist}:\n{s}\n{m}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn media_keys_pause_resume_skip_go_back_end_a_wait_and_stop_and_the_player_says_what_the_screen_says() {
    let dir = tempfile::tempdir().unwrap();
    let bus = Bus::start();
    let mut pty = session(dir.path(), Some(&bus));
    let name = bus.wait_name(PLAYER, secs(10));
    assert!(property(&bus, &name, "PlaybackStatus").contains("\"Stopped\""), "not started yet");

    // Play starts the session from its ready screen.
    call(&bus, &name, "Play");
    pty.wait_for("the get-ready", secs(10), |s| shows(s, "GET READY · LEFT"));
    wait_player(&bus, &name, "Playing", "Calf stretch", "GET READY · LEFT");
    let meta = property(&bus, &name, "Metadata");
    assert!(meta.contains("string \"From the mat\""), "album = the routine: {meta}");
    assert!(meta.contains("int64 8000000"), "length = the phase's 8 s: {meta}");

    // PlayPause pauses, and the screen shows it; again, it goes on.
    call(&bus, &name, "PlayPause");
    pty.wait_text("PAUSED", secs(10));
    wait_player(&bus, &name, "Paused", "Calf stretch", "GET READY · LEFT · PAUSED");
    call(&bus, &name, "PlayPause");
    pty.wait_for("running again", secs(10), |s| !s.contains("PAUSED"));
    wait_player(&bus, &name, "Playing", "Calf stretch", "GET READY · LEFT");

    // Next skips the phase, as → does; Previous goes back, as ← does.
    call(&bus, &name, "Next");
    pty.wait_for("the hold", secs(10), |s| shows(s, "HOLD · LEFT"));
    wait_player(&bus, &name, "Playing", "Calf stretch", "HOLD · LEFT");
    let position = property(&bus, &name, "Position");
    assert!(position.contains("int64"), "{position}");
    std::thread::sleep(Duration::from_millis(2_100));
    call(&bus, &name, "Previous");
    pty.wait_for("the hold from its start", secs(10), |s| s.contains("0:30") || s.contains("30"));

    // Two Nexts within a moment skip the whole stretch: to the next one's wait, which
    // Play ends.
    call(&bus, &name, "Next");
    call(&bus, &name, "Next");
    pty.wait_text("Ready when you are", secs(10));
    wait_player(&bus, &name, "Paused", "Child's pose", "GET READY");
    call(&bus, &name, "Play");
    pty.wait_for("the wait ended", secs(10), |s| !s.contains("Ready when you are") && shows(s, "GET READY"));
    wait_player(&bus, &name, "Playing", "Child's pose", "GET READY");

    // Stop asks nothing: the session ends as `q` `y` ends it, recorded as quit.
    call(&bus, &name, "Stop");
    pty.wait_text("stopped after", secs(10));
    assert_eq!(pty.wait_exit(secs(10)), 0);
    let history = std::fs::read_to_string(dir.path().join("supple/history.jsonl")).unwrap();
    let end = history.lines().last().unwrap();
    assert!(end.contains("\"event\":\"end\"") && end.contains("\"completed\":false"), "quit: {end}");
    assert!(!bus.names().iter().any(|n| n.starts_with(PLAYER)), "the player left the bus with the session");
}
