//! What the stretch library and `supple make` cost, measured on the real binary:
//!
//! - `supple make --show` from spawn to exit, for three kinds of choices (a quick standing
//!   one, the whole legs for half an hour, everything at hand for an hour), median of 20;
//! - the picker's first frame in a 120x40 pseudo-terminal (the library loaded, every
//!   routine read), median of 10; with `SUPPLE_BEFORE=/path/to/an/older/supple`, the older
//!   binary's too, in the same run.
//!
//! Run with `cargo bench --bench make` (about half a minute).

// A measuring tool: it reports by printing.
#![allow(clippy::print_stdout)]

#[path = "../tests/support/pty.rs"]
mod pty;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use pty::Pty;

const CHOICES: [&[&str]; 3] = [
    &["--for", "calves", "--minutes", "5", "--standing", "--run"],
    &["--for", "whole-legs", "--minutes", "30"],
    &["--for", "hamstrings,hips,lower-back", "--minutes", "60", "--with", "strap,wall,step,roller,band"],
];

fn main() {
    let home = std::env::temp_dir().join(format!("supple-bench-make-{}", std::process::id()));
    let dir = home.to_str().unwrap_or("/tmp");
    println!("supple make and picker benchmark (release build)");
    for choices in CHOICES {
        let times: Vec<Duration> = (0..20).map(|_| make_once(dir, choices)).collect();
        println!(
            "supple make {}: median {:.1} ms, max {:.1} ms over 20",
            choices.join(" "),
            ms(median(&times)),
            ms(max(&times))
        );
    }
    report("this build", &picker_first_frames(pty::BIN, dir));
    if let Some(before) = std::env::var_os("SUPPLE_BEFORE") {
        let before = before.to_string_lossy();
        report(&before, &picker_first_frames(&before, dir));
    }
    let _ = std::fs::remove_dir_all(home);
}

fn make_once(dir: &str, choices: &[&str]) -> Duration {
    let started = Instant::now();
    let status = Command::new(pty::BIN)
        .arg("make")
        .args(choices)
        .arg("--show")
        .env("XDG_CONFIG_HOME", dir)
        .env("XDG_DATA_HOME", dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("supple runs");
    assert!(status.success());
    started.elapsed()
}

/// From spawning `program` with no arguments (the picker) to its list on the terminal.
fn picker_first_frames(program: &str, dir: &str) -> Vec<Duration> {
    (0..10)
        .map(|_| {
            let mut pty =
                Pty::spawn_command(program, &[], 120, 40, &[("XDG_CONFIG_HOME", dir), ("XDG_DATA_HOME", dir)]);
            pty.wait_for("the picker's list", Duration::from_secs(10), |s| {
                s.contains("choose a routine") && s.contains("Post-run cool-down") && s.contains("↑↓ choose")
            });
            let shown = pty.received.last().map_or_else(Instant::now, |(at, _)| *at);
            pty.send("q");
            assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
            shown - pty.started
        })
        .collect()
}

fn report(name: &str, frames: &[Duration]) {
    println!(
        "picker first frame, {name}: median {:.1} ms, max {:.1} ms over {}",
        ms(median(frames)),
        ms(max(frames)),
        frames.len()
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn max(values: &[Duration]) -> Duration {
    values.iter().max().copied().unwrap_or_default()
}

fn median(values: &[Duration]) -> Duration {
    let mut sorted = values.to_vec();
    sorted.sort();
    sorted.get(sorted.len() / 2).copied().unwrap_or_default()
}
