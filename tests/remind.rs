//! `supple remind`: on a private session bus, watched with `dbus-monitor`, it calls the
//! notification service when the week is behind the guidance and not when it is met;
//! with no bus it prints the line; `--install` writes a unit and timer that
//! `systemd-analyze verify` accepts, and `--uninstall` removes them.

mod support;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use supple::history::format::Line;
use support::bus::Bus;

/// A home whose history holds `sessions` completed sessions from the last minutes.
fn home(sessions: usize) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("supple")).unwrap();
    let mut text = String::new();
    // Today, from midnight on, so they are this week's whatever the hour.
    let midnight = jiff::Zoned::now().with_time_zone(jiff::tz::TimeZone::UTC).start_of_day().unwrap().timestamp();
    for n in 0..sessions {
        let started = midnight + jiff::SignedDuration::from_secs(i64::try_from(n).unwrap());
        let at = supple::history::recorder::stamp(started);
        let id = format!("{at}/{}", 3_999_100 + n);
        let mut push = |line: Line| text.push_str(&line.to_json_line());
        push(Line::Start {
            session: id.clone(),
            at: at.clone(),
            routine: "Post-run cool-down".into(),
            file: "bundled:post-run-cooldown".into(),
            hash: "sha256:0".into(),
            steps: vec![],
            planned_s: 60.0,
            resumes: None,
            from: None,
        });
        push(Line::End { session: id, at, completed: true, active_s: 60.0, paused_s: 0.0, stopped: None });
    }
    std::fs::write(home.path().join("supple/history.jsonl"), text).unwrap();
    home
}

fn supple(home: &tempfile::TempDir, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_supple"));
    command.args(args).env("XDG_DATA_HOME", home.path()).env("XDG_CONFIG_HOME", home.path()).env("TZ", "UTC");
    command
}

/// `dbus-monitor` on `bus`, writing what it sees to a file, ready once it has said so.
struct Monitor {
    child: Child,
    out: std::path::PathBuf,
}

impl Monitor {
    fn start(bus: &Bus, dir: &std::path::Path) -> Self {
        let out = dir.join("monitor.txt");
        let child = Command::new("dbus-monitor")
            .args(["--address", &bus.address])
            .stdout(std::fs::File::create(&out).unwrap())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-monitor (Debian's dbus package) runs");
        let started = Instant::now();
        // It announces itself with the name it got before it watches.
        while !std::fs::read_to_string(&out).unwrap_or_default().contains("NameAcquired") {
            assert!(started.elapsed() < Duration::from_secs(10), "dbus-monitor never started");
            std::thread::sleep(Duration::from_millis(20));
        }
        Self { child, out }
    }

    fn seen(&mut self) -> String {
        // What the bus passed on while supple ran has reached the file within a moment.
        std::thread::sleep(Duration::from_millis(300));
        let _ = self.child.kill();
        let _ = self.child.wait();
        std::fs::read_to_string(&self.out).unwrap()
    }
}

fn notify_calls(seen: &str) -> usize {
    seen.lines()
        .filter(|l| l.contains("method call") && l.contains("interface=org.freedesktop.Notifications; member=Notify"))
        .count()
}

#[test]
fn a_week_behind_calls_the_notification_service_and_a_week_met_does_not() {
    let bus = Bus::start();
    let behind = home(0);
    let mut monitor = Monitor::start(&bus, behind.path());
    let out = supple(&behind, &["remind"]).env("DBUS_SESSION_BUS_ADDRESS", &bus.address).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let seen = monitor.seen();
    assert_eq!(notify_calls(&seen), 1, "{seen}");
    assert!(seen.contains("Time to stretch: 0 of 3 this week"), "the summary on the bus:\n{seen}");

    let met = home(3);
    let mut monitor = Monitor::start(&bus, met.path());
    let out = supple(&met, &["remind"]).env("DBUS_SESSION_BUS_ADDRESS", &bus.address).output().unwrap();
    assert!(out.status.success() && out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(notify_calls(&monitor.seen()), 0, "silent once the week is met");
}

#[test]
fn without_a_desktop_bus_it_prints_the_line() {
    let behind = home(0);
    let out = supple(&behind, &["remind"]).env_remove("DBUS_SESSION_BUS_ADDRESS").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success() && text.starts_with("Time to stretch: 0 of 3 this week"), "{text}");
    assert!(text.contains("3 to 5 advised") && text.ends_with('\n'), "{text}");
    let met = home(3);
    let out = supple(&met, &["remind"]).env_remove("DBUS_SESSION_BUS_ADDRESS").output().unwrap();
    assert!(out.status.success() && out.stdout.is_empty(), "silent when met");
}

#[test]
fn install_writes_a_unit_and_timer_systemd_accepts_and_uninstall_removes_them() {
    let home = home(0);
    // No service manager here to start it: the files are what is checked.
    let run = |args: &[&str]| {
        let out = supple(&home, args).env("PATH", "/nonexistent").output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let said = run(&["remind", "--install", "--at", "7:05"]);
    assert!(said.contains("every day at 07:05") && said.contains("systemctl --user"), "{said}");
    let units = home.path().join("systemd/user");
    let (service, timer) = (units.join("supple-remind.service"), units.join("supple-remind.timer"));
    let timer_text = std::fs::read_to_string(&timer).unwrap();
    assert!(timer_text.contains("OnCalendar=*-*-* 07:05:00"), "{timer_text}");
    let service_text = std::fs::read_to_string(&service).unwrap();
    let exe = std::fs::canonicalize(env!("CARGO_BIN_EXE_supple")).unwrap();
    assert!(service_text.contains(&format!("ExecStart=\"{}\" remind", exe.display())), "{service_text}");
    let verify = Command::new("systemd-analyze")
        .arg("verify")
        .args([&service, &timer])
        .output()
        .expect("systemd-analyze (Debian's systemd package) runs");
    assert!(
        verify.status.success() && verify.stderr.is_empty(),
        "systemd-analyze verify: {}",
        String::from_utf8_lossy(&verify.stderr)
    );
    assert!(run(&["remind", "--status"]).contains("set up for 07:05 every day"));
    assert!(run(&["remind", "--uninstall"]).contains("Removed the reminder"));
    assert!(!service.exists() && !timer.exists());
    assert!(run(&["remind", "--status"]).starts_with("No reminder is set up"));
}

#[test]
fn a_time_that_is_not_one_is_refused() {
    let home = home(0);
    for at in ["25:00", "7", "07:60", "seven"] {
        let out = supple(&home, &["remind", "--install", "--at", at]).output().unwrap();
        assert!(!out.status.success(), "{at}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("HH:MM"), "{at}");
    }
    assert!(!home.path().join("systemd").exists(), "nothing written");
}
