//! Running the `supple` binary as a command, in a home of its own with no sound device.

#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// `supple` with `home` as its config (`home/config`), data (`home/data`) and cache
/// (`home/cache`) directories, no sound device, its output captured and no input.
pub fn supple(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_supple"));
    std::fs::write(home.join("no-devices.conf"), "# no devices at all\n").unwrap();
    cmd.env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("ALSA_CONFIG_PATH", home.join("no-devices.conf"))
        .env("NO_COLOR", "1")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// Runs `cmd`, failing the test if it has not ended within 30 seconds (a hang: a busy
/// machine takes longer than an idle one, never this long) or if it panicked.
pub fn finish(mut cmd: Command) -> (Output, String, String) {
    let mut child = cmd.spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("supple hung: {cmd:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let (stdout, stderr) =
        (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned());
    assert!(!stderr.contains("panicked"), "{cmd:?} panicked: {stderr}");
    (out, stdout, stderr)
}
