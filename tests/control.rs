//! Steering a real session from away from the keyboard: on a private session bus
//! (`dbus-daemon`, started here) as the desktop's media keys, a headset or a phone do,
//! through `dbus-send`; from another process with `supple ctl`; and the screen kept
//! awake, through a `ScreenSaver` service on the same bus that holds inhibits as desktops
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
    // The help says which ways are live.
    pty.send("?");
    pty.wait_text("media keys and supple ctl: play/pause", secs(10));
    pty.send("?");
    pty.wait_for("the help closed", secs(10), |s| !s.contains("media keys and"));

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

/// `supple ctl WORDS` in `dir`'s runtime directory: its status, standard output and error.
fn ctl(dir: &std::path::Path, words: &[&str]) -> (bool, String, String) {
    let out = std::process::Command::new(support::pty::BIN)
        .arg("ctl")
        .args(words)
        .env("XDG_RUNTIME_DIR", dir.join("run"))
        .env("XDG_CONFIG_HOME", dir)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
    (out.status.success(), text(out.stdout), text(out.stderr))
}

#[test]
fn supple_ctl_steers_the_session_from_another_process_and_refuses_a_socket_not_the_users() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, _, said) = ctl(dir.path(), &["status"]);
    assert!(!ok && said.contains("No session is running"), "{said}");
    // No bus: the socket alone.
    let mut pty = session(dir.path(), None);
    let pid = pty.pid();
    let (ok, out, _) = ctl(dir.path(), &["toggle"]);
    assert!(ok && out.starts_with(&format!("session {pid}: GET READY · LEFT: Calf stretch")), "{out}");
    pty.wait_for("the get-ready", secs(10), |s| shows(s, "GET READY · LEFT"));
    let (ok, out, _) = ctl(dir.path(), &["pause"]);
    assert!(ok && out.contains("PAUSED"), "{out}");
    pty.wait_text("PAUSED", secs(10));
    let (ok, json, _) = ctl(dir.path(), &["status", "--json"]);
    let status: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(ok, "{json}");
    assert_eq!(status["playback"], "paused");
    assert_eq!(status["stretch"], "Calf stretch");
    assert_eq!(status["session"], pid);
    assert_eq!(status["length"], 8.0);
    let (ok, out, _) = ctl(dir.path(), &["next"]);
    assert!(ok && out.contains("HOLD · LEFT"), "{out}");
    pty.wait_for("the hold", secs(10), |s| shows(s, "HOLD · LEFT"));
    let (ok, out, _) = ctl(dir.path(), &["resume"]);
    assert!(ok && out.contains("HOLD · LEFT: Calf stretch") && !out.contains("PAUSED"), "{out}");

    // A socket folder open to other users is not used, and said so.
    let folder = dir.path().join("run/supple");
    std::fs::set_permissions(&folder, std::os::unix::fs::PermissionsExt::from_mode(0o777)).unwrap();
    let (ok, _, said) = ctl(dir.path(), &["next"]);
    assert!(!ok && said.contains("open to other users"), "{said}");
    std::fs::set_permissions(&folder, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    // And one that belongs to another user (tried where the test may give it away: as root).
    let socket = folder.join(format!("{pid}.sock"));
    let nobody = Some(nix::unistd::Uid::from_raw(65_534));
    if nix::unistd::chown(&socket, nobody, None).is_ok() {
        let (ok, _, said) = ctl(dir.path(), &["next"]);
        assert!(!ok && said.contains("belongs to another user"), "{said}");
        nix::unistd::chown(&socket, Some(nix::unistd::geteuid()), None).unwrap();
    }

    let (ok, _, _) = ctl(dir.path(), &["stop"]);
    assert!(ok);
    assert_eq!(pty.wait_exit(secs(10)), 0);
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0, "the socket is gone with the session");
    let (ok, _, said) = ctl(dir.path(), &["status"]);
    assert!(!ok && said.contains("No session is running"), "{said}");
}

/// A `ScreenSaver` service as desktops have one: inhibits held by cookie, each with the
/// bus name of who asked, dropped when that name leaves the bus.
#[derive(Default, Clone)]
struct ScreenSaver {
    held: Arc<Mutex<Vec<(u32, String)>>>,
}

// zbus's macro hands the header over by value and reads every argument itself.
#[allow(clippy::needless_pass_by_value)]
#[zbus::interface(name = "org.freedesktop.ScreenSaver")]
impl ScreenSaver {
    fn inhibit(&self, app: &str, reason: &str, #[zbus(header)] header: zbus::message::Header<'_>) -> u32 {
        let mut held = self.held.lock().unwrap();
        let cookie = u32::try_from(held.len()).unwrap() + 1;
        let sender = header.sender().map(ToString::to_string).unwrap_or_default();
        held.push((cookie, format!("{app} {sender}")));
        assert!(!reason.is_empty(), "a reason is given");
        cookie
    }

    #[zbus(name = "UnInhibit")]
    fn un_inhibit(&self, cookie: u32) {
        self.held.lock().unwrap().retain(|(c, _)| *c != cookie);
    }
}

/// Serves `ScreenSaver` on `bus` until the test ends; what it holds, checked against the
/// names still on the bus.
fn screen_saver(bus: &Bus) -> impl Fn() -> Vec<String> + '_ {
    let service = ScreenSaver::default();
    let held = Arc::clone(&service.held);
    bus.serve("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", service);
    move || {
        let names = bus.names();
        let held = held.lock().unwrap();
        held.iter()
            .filter(|(_, who)| names.iter().any(|n| who.ends_with(&format!(" {n}"))))
            .map(|(_, w)| w.clone())
            .collect()
    }
}

fn wait_held(held: &impl Fn() -> Vec<String>, count: usize, what: &str) {
    let until = Instant::now() + support::pty::LEAST_WAIT;
    while held().len() != count {
        assert!(Instant::now() < until, "{what}: {:?}", held());
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_screen_is_kept_awake_while_a_session_runs_and_let_go_when_it_ends_or_dies() {
    let dir = tempfile::tempdir().unwrap();
    let bus = Bus::start();
    let held = screen_saver(&bus);
    let mut pty = session(dir.path(), Some(&bus));
    let name = bus.wait_name(PLAYER, secs(10));
    assert!(held().is_empty(), "nothing held on the ready screen");
    call(&bus, &name, "Play");
    wait_held(&held, 1, "held while it runs");
    assert!(held()[0].starts_with("supple "), "{:?}", held());
    call(&bus, &name, "Stop");
    assert_eq!(pty.wait_exit(secs(10)), 0);
    wait_held(&held, 0, "let go when it ends");

    // Killed mid-session: the desktop drops it with the connection.
    let mut pty = session(dir.path(), Some(&bus));
    let name = bus.wait_name(PLAYER, secs(10));
    call(&bus, &name, "Play");
    wait_held(&held, 1, "held while the second runs");
    pty.signal("KILL");
    let _ = pty.wait_end(secs(10));
    wait_held(&held, 0, "gone when supple is killed");
}

/// Someone's music: a media player on the bus that is playing, and notes each volume it
/// is set to.
#[derive(Clone)]
struct Music {
    volumes: Arc<Mutex<Vec<f64>>>,
}

// zbus's macro calls each property on the object, whether it reads it or not.
#[allow(clippy::unused_self)]
#[zbus::interface(name = "org.mpris.MediaPlayer2.Player")]
impl Music {
    #[zbus(property)]
    fn playback_status(&self) -> String {
        "Playing".to_string()
    }

    #[zbus(property)]
    fn volume(&self) -> f64 {
        self.volumes.lock().unwrap().last().copied().unwrap_or(1.0)
    }

    #[zbus(property)]
    fn set_volume(&self, volume: f64) {
        self.volumes.lock().unwrap().push(volume);
    }
}

#[test]
fn music_playing_is_turned_down_while_the_voice_speaks_and_back_up_after() {
    let dir = tempfile::tempdir().unwrap();
    let bus = Bus::start();
    let music = Music { volumes: Arc::new(Mutex::new(vec![0.8])) };
    let volumes = Arc::clone(&music.volumes);
    bus.serve("org.mpris.MediaPlayer2.music", "/org/mpris/MediaPlayer2", music);
    // A sound device that writes to a file, so the voice speaks.
    let conf = support::alsa::file_device(dir.path(), &dir.path().join("sound.raw"), "raw");
    let home = dir.path().to_str().unwrap();
    let runtime = dir.path().join("run");
    std::fs::create_dir_all(&runtime).unwrap();
    let env = [
        ("XDG_CONFIG_HOME", home),
        ("XDG_DATA_HOME", home),
        ("XDG_CACHE_HOME", home),
        ("XDG_RUNTIME_DIR", runtime.to_str().unwrap()),
        ("DBUS_SESSION_BUS_ADDRESS", bus.address.as_str()),
        ("ALSA_CONFIG_PATH", conf.to_str().unwrap()),
    ];
    let mut pty = Pty::spawn(&["run", ROUTINE, "--voice"], 100, 30, &env);
    pty.wait_text("space or Enter", secs(10));
    pty.send(" ");
    // The get-ready's sentence: down to a third, then back.
    let wait_volumes = |count: usize| {
        let until = Instant::now() + support::pty::LEAST_WAIT;
        while volumes.lock().unwrap().len() < count {
            assert!(Instant::now() < until, "the music was not turned down or up: {:?}", volumes.lock().unwrap());
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    wait_volumes(3);
    let seen = volumes.lock().unwrap().clone();
    assert!((seen[1] - 0.8 / 3.0).abs() < 1e-9, "down to a third: {seen:?}");
    assert!((seen[2] - 0.8).abs() < 1e-9, "back as it was: {seen:?}");
    // Quit while a sentence is being said (→ twice: the hold, then the switch's
    // sentence): the music comes back as supple leaves.
    pty.send("\u{1b}[C");
    pty.wait_for("the hold", secs(10), |s| shows(s, "HOLD · LEFT"));
    pty.send("\u{1b}[C");
    wait_volumes(4);
    pty.send("\u{3}");
    let _ = pty.wait_end(secs(10));
    std::thread::sleep(Duration::from_millis(300));
    let seen = volumes.lock().unwrap().clone();
    assert!((seen.last().unwrap() - 0.8).abs() < 1e-9, "left turned down: {seen:?}");
}

#[test]
fn doctor_says_whether_the_desktop_bus_can_steer_a_session() {
    let dir = tempfile::tempdir().unwrap();
    let doctor = |bus: Option<&Bus>| {
        let mut cmd = support::run::supple(dir.path());
        cmd.arg("doctor").env("XDG_RUNTIME_DIR", dir.path()).env_remove("DBUS_SESSION_BUS_ADDRESS");
        if let Some(bus) = bus {
            cmd.env("DBUS_SESSION_BUS_ADDRESS", &bus.address);
        }
        let (_, out, _) = support::run::finish(cmd);
        // The check's line and the one after, where what to do goes.
        let at = out.lines().position(|l| l.contains("desktop bus")).expect("a desktop bus check");
        out.lines().skip(at).take(2).collect::<Vec<_>>().join("\n")
    };
    let none = doctor(None);
    assert!(none.starts_with("note") && none.contains("no session bus"), "{none}");
    let bus = Bus::start();
    let reached = doctor(Some(&bus));
    assert!(reached.starts_with("note") && reached.contains("no screen saver"), "{reached}");
    let _held = screen_saver(&bus);
    let reached = doctor(Some(&bus));
    assert!(reached.starts_with("ok") && reached.contains("the screen stays on"), "{reached}");
}

/// The `PropertiesChanged` signals supple sends on `bus` over `window`, while `during` runs.
fn signals_over(bus: &Bus, window: Duration, during: impl FnOnce()) -> usize {
    let mut monitor = std::process::Command::new("dbus-monitor")
        .args(["--address", &bus.address, "type='signal',member='PropertiesChanged',path='/org/mpris/MediaPlayer2'"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("dbus-monitor runs");
    std::thread::sleep(Duration::from_millis(500));
    during();
    std::thread::sleep(window);
    let _ = monitor.kill();
    let out = monitor.wait_with_output().unwrap();
    String::from_utf8_lossy(&out.stdout).matches("member=PropertiesChanged").count()
}

#[test]
fn the_player_signals_at_each_transition_and_not_every_second() {
    let dir = tempfile::tempdir().unwrap();
    let bus = Bus::start();
    let mut pty = session(dir.path(), Some(&bus));
    let name = bus.wait_name(PLAYER, secs(10));
    call(&bus, &name, "Play");
    call(&bus, &name, "Next");
    pty.wait_for("the hold", secs(10), |s| shows(s, "HOLD · LEFT"));
    wait_player(&bus, &name, "Playing", "Calf stretch", "HOLD · LEFT");
    // Three seconds of a hold: the countdown changes each second, the bus hears nothing.
    let quiet = signals_over(&bus, secs(3), || {});
    assert_eq!(quiet, 0, "signals in the middle of a hold");
    // A pause is a transition: said at once.
    let paused = signals_over(&bus, Duration::from_millis(1_500), || call(&bus, &name, "Pause"));
    assert!(paused >= 1, "the pause was not signalled");
    pty.send("\u{3}");
    let _ = pty.wait_end(secs(10));
}

#[test]
fn with_two_sessions_ctl_lists_them_and_talks_to_the_one_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = session(dir.path(), None);
    let mut second = session(dir.path(), None);
    let (ok, _, said) = ctl(dir.path(), &["next"]);
    assert!(!ok && said.contains("2 sessions are running; name one with --session"), "{said}");
    for pty in [&first, &second] {
        assert!(said.contains(&format!("session {}: Ready: Calf stretch", pty.pid())), "{said}");
    }
    let (ok, out, _) = ctl(dir.path(), &["toggle", "--session", &second.pid().to_string()]);
    assert!(ok && out.starts_with(&format!("session {}: GET READY · LEFT", second.pid())), "{out}");
    second.wait_for("the second started", secs(10), |s| shows(s, "GET READY · LEFT"));
    assert!(first.screen().contains("space or Enter"), "the first is still on its ready screen");
    let (ok, _, said) = ctl(dir.path(), &["status", "--session", "1"]);
    assert!(!ok && said.contains("no session 1 is running"), "{said}");
    for pty in [&mut first, &mut second] {
        pty.send("\u{3}");
        let _ = pty.wait_end(secs(10));
    }
}
