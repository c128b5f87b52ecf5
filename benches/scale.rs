//! The largest inputs supple takes, timed on the real release binary: each must be
//! answered within 2 s and never hold up a session.
//!
//! - `supple check` on a 4 MiB routine of 5,000 steps written on one line, each with a
//!   mistake (10,000 diagnostics), and on 10,000 mistakes on lines of their own;
//! - `supple check` on the largest valid routine (5,000 steps);
//! - live reload in a pseudo-terminal: from a one-line save to the screen saying so, for
//!   routines of 1,000 and 5,000 steps, and how long a key takes to show meanwhile;
//! - `supple history` over a file of NUL bytes as a crash can leave (memory stays small).
//!
//! Run with `cargo bench --bench scale`.

// A measuring tool: it reports by printing.
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::cast_precision_loss)]

#[path = "../tests/support/pty.rs"]
mod pty;

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// The limit every case here must stay under.
const BOUND: Duration = Duration::from_secs(2);

fn main() {
    let dir = std::env::temp_dir().join(format!("supple-scale-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp directory");
    let mut over = Vec::new();

    let one_line = dir.join("one-line.toml");
    std::fs::write(&one_line, one_line_of_mistakes(5_000, 4 << 20)).expect("writing");
    over.extend(time_check("4 MiB on one line, 10,000 diagnostics", &one_line, &dir));
    let many = dir.join("many-lines.toml");
    std::fs::write(&many, mistakes_on_their_own_lines(5_000)).expect("writing");
    over.extend(time_check("10,000 diagnostics on their own lines", &many, &dir));
    let largest = dir.join("largest.toml");
    std::fs::write(&largest, valid(5_000, 700)).expect("writing");
    over.extend(time_check("the largest valid routine (5,000 steps)", &largest, &dir));

    for steps in [1_000, 5_000] {
        let file = dir.join(format!("reload-{steps}.toml"));
        std::fs::write(&file, valid(steps, 60)).expect("writing");
        over.extend(time_reload(&file, steps, &dir));
    }
    over.extend(time_nul_history(&dir));

    let _ = std::fs::remove_dir_all(&dir);
    if over.is_empty() {
        println!("every case within {} s", BOUND.as_secs());
    } else {
        println!("OVER THE BOUND: {}", over.join("; "));
        std::process::exit(1);
    }
}

fn supple(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_supple"));
    cmd.env("XDG_CONFIG_HOME", dir).env("XDG_DATA_HOME", dir).env("NO_COLOR", "1");
    cmd
}

fn time_check(what: &str, file: &Path, dir: &Path) -> Option<String> {
    let start = Instant::now();
    let out = supple(dir).arg("check").arg(file).output().expect("running supple check");
    let took = start.elapsed();
    let size = std::fs::metadata(file).map_or(0, |m| m.len());
    println!(
        "check, {what} ({:.1} MB): {:.0} ms, {} bytes of report",
        size as f64 / 1e6,
        took.as_secs_f64() * 1e3,
        out.stderr.len() + out.stdout.len()
    );
    (took > BOUND).then(|| format!("check {what}"))
}

fn time_reload(file: &Path, steps: usize, dir: &Path) -> Option<String> {
    let env = [("XDG_CONFIG_HOME", dir.to_str().unwrap_or("/tmp")), ("XDG_DATA_HOME", dir.to_str().unwrap_or("/tmp"))];
    let mut pty = pty::Pty::spawn(&["run", file.to_str().unwrap_or("")], 100, 30, &env);
    pty.wait_text("space or Enter", Duration::from_secs(30));
    pty.send("\r");
    pty.wait_text("GET READY", Duration::from_secs(5));
    let mut text = std::fs::read_to_string(file).expect("reading");
    text.push_str("\n# one more line\n");
    let saved = Instant::now();
    std::fs::write(file, text).expect("saving");
    // A key pressed at once, while the file is read and placed: skip the get-ready.
    pty.send("l");
    pty.wait_text("HOLD", Duration::from_secs(10));
    let key = saved.elapsed();
    pty.wait_text("Reloaded", Duration::from_secs(30));
    let reloaded = saved.elapsed();
    pty.send("\x03");
    let _ = pty.wait_exit(Duration::from_secs(5));
    println!(
        "reload of a {steps}-step routine: on screen {:.0} ms after the save; a key pressed meanwhile showed after {:.0} ms",
        reloaded.as_secs_f64() * 1e3,
        key.as_secs_f64() * 1e3
    );
    (reloaded > BOUND || key > BOUND).then(|| format!("reload of {steps} steps"))
}

fn time_nul_history(dir: &Path) -> Option<String> {
    let data = dir.join("supple");
    std::fs::create_dir_all(&data).expect("a directory");
    let file = data.join("history.jsonl");
    std::fs::write(&file, vec![0u8; 256 << 20]).expect("writing");
    let start = Instant::now();
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(env!("CARGO_BIN_EXE_supple"))
        .arg("history")
        .env("XDG_DATA_HOME", dir)
        .env("XDG_CONFIG_HOME", dir)
        .output();
    let took = start.elapsed();
    let _ = std::fs::remove_file(&file);
    let peak_kb: u64 = out
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stderr).lines().last().and_then(|l| l.trim().parse().ok()))
        .unwrap_or(0);
    println!(
        "history over 256 MiB of NUL bytes: {:.0} ms, peak memory {:.1} MB",
        took.as_secs_f64() * 1e3,
        peak_kb as f64 / 1e3
    );
    (took > BOUND || peak_kb > 64_000).then(|| "history of NULs".to_string())
}

/// `steps` steps on one line, each with an unknown key and a long `how`, up to `bytes`.
fn one_line_of_mistakes(steps: usize, bytes: usize) -> String {
    let how = "x".repeat((bytes / steps).saturating_sub(60).min(1_900));
    let mut text = String::from("name = \"Big\"\nstep = [");
    for i in 0..steps {
        let _ = write!(text, "{{name = \"s{i}\", hold = 30, hodl = 1, how = \"{how}\"}}, ");
    }
    text.push_str("]\n");
    text
}

/// `steps` steps, each with two mistakes on lines of their own.
fn mistakes_on_their_own_lines(steps: usize) -> String {
    let mut text = String::from("name = \"Big\"\n[defaults]\nhold = 30\n");
    for i in 0..steps {
        let _ = write!(text, "\n[[step]]\nname = \"s{i}\"\nhodl = 3\nsides = \"bth\"\n");
    }
    text
}

/// A valid routine of `steps` two-sided steps with `how` text of `how` bytes.
fn valid(steps: usize, how: usize) -> String {
    let how = "Lean in slowly. ".repeat(how / 16);
    let mut text = String::from("name = \"Big\"\n[defaults]\nhold = 30\nsides = \"both\"\nreps = 2\n");
    for i in 0..steps {
        let _ = write!(text, "\n[[step]]\nid = \"s{i}\"\nname = \"Stretch {i}\"\nhow = \"{}\"\n", how.trim());
    }
    text
}
