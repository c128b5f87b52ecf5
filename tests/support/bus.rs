//! A private D-Bus session bus for a test: `dbus-daemon --session` started, its address
//! handed to the binary under test, the daemon killed when the test ends.

#![allow(dead_code)]

use std::process::Command;
use std::time::{Duration, Instant};

pub struct Bus {
    pub address: String,
    pid: i32,
}

impl Bus {
    pub fn start() -> Self {
        let out = Command::new("dbus-daemon")
            .args(["--session", "--fork", "--print-address=1", "--print-pid=1"])
            .output()
            .expect("dbus-daemon (Debian's dbus package) runs");
        let text = String::from_utf8(out.stdout).unwrap();
        let mut lines = text.lines();
        let address = lines.next().expect("an address").to_string();
        let pid = lines.next().and_then(|p| p.trim().parse().ok()).expect("a pid");
        Self { address, pid }
    }

    /// `dbus-send --print-reply` of `args` on this bus: its output, or its error.
    pub fn send(&self, args: &[&str]) -> Result<String, String> {
        let out = Command::new("dbus-send")
            .args(["--print-reply", &format!("--bus={}", self.address)])
            .args(args)
            .output()
            .expect("dbus-send runs");
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).into_owned())
        }
    }

    /// The names on the bus.
    pub fn names(&self) -> Vec<String> {
        let listed = self.send(&["--dest=org.freedesktop.DBus", "/", "org.freedesktop.DBus.ListNames"]).unwrap();
        listed
            .lines()
            .filter_map(|l| l.trim().strip_prefix("string \"")?.strip_suffix('"').map(str::to_string))
            .collect()
    }

    /// Waits for a name starting with `prefix` to be on the bus.
    pub fn wait_name(&self, prefix: &str, timeout: Duration) -> String {
        let until = Instant::now() + timeout.max(super::pty::LEAST_WAIT);
        loop {
            if let Some(name) = self.names().into_iter().find(|n| n.starts_with(prefix)) {
                return name;
            }
            assert!(Instant::now() < until, "no {prefix}* on the bus: {:?}", self.names());
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Bus {
    /// Serves `object` at `path` under the well-known `name` on this bus, from a thread of
    /// its own, until the test ends; returns once the name is taken.
    pub fn serve<T: zbus::object_server::Interface>(&self, name: &'static str, path: &'static str, object: T) {
        let address = self.address.clone();
        let (ready, started) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            futures_lite::future::block_on(async move {
                let _connection = zbus::connection::Builder::address(address.as_str())
                    .name(name)
                    .serve_at(path, object)
                    .build()
                    .await
                    .unwrap();
                ready.send(()).unwrap();
                std::future::pending::<()>().await;
            });
        });
        started.recv_timeout(super::pty::LEAST_WAIT).expect("the service is on the bus");
    }
}

impl Drop for Bus {
    fn drop(&mut self) {
        let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(self.pid), nix::sys::signal::Signal::SIGTERM);
    }
}
