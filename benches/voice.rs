//! What the voice costs, measured on this machine with espeak-ng:
//!
//! - render: every sentence of each bundled routine rendered into an empty cache, as a
//!   session does in the background when it starts;
//! - latency: from asking for a sentence to the mixer taking its first sample, with the
//!   device open (a phase's chime opened it), for a sentence rendered ahead and for one
//!   rendered on the spot;
//! - CPU: the real binary over 20 s of a hold, voice on against voice off, in one run.
//!
//! There is no sound card here: ALSA's `file` device writes into a named pipe that a
//! thread of this bench reads at 48,000 frames a second, so the device keeps a real
//! device's pace. Run with `cargo bench --bench voice`.

// A measuring tool: it reports by printing.
#![allow(clippy::print_stdout, clippy::print_stderr)]
#![allow(clippy::cast_precision_loss)]

#[path = "../tests/support/alsa.rs"]
mod alsa;
#[path = "../tests/support/pty.rs"]
mod pty;

use std::io::Read as _;
use std::path::Path;
use std::time::{Duration, Instant};

use supple::audio::{Chimes, Clip};
use supple::plan::Plan;
use supple::routine::Fallbacks;
use supple::routine::library;
use supple::voice::VoiceSettings;
use supple::voice::phrasebook;

fn main() {
    let dir = tempfile::tempdir().expect("a temp directory");
    let conf = paced_device(dir.path());
    in_paced_device(&conf);
    let engine = VoiceSettings::default().engine();
    if !engine.available() {
        println!("espeak-ng is not installed: nothing to measure");
        return;
    }
    render(&engine, dir.path());
    latency(&engine, dir.path());
    cpu(dir.path(), &conf);
}

/// Runs the bench again with ALSA pointed at `conf`, unless it already is: the player in
/// this process reads the variable, and setting it in a running process is unsafe code,
/// which the crate forbids.
fn in_paced_device(conf: &Path) {
    if std::env::var_os("ALSA_CONFIG_PATH").as_deref() != Some(conf.as_os_str()) {
        let status = std::process::Command::new(std::env::current_exe().expect("this bench"))
            .args(std::env::args_os().skip(1))
            .env("ALSA_CONFIG_PATH", conf)
            .env("SUPPLE_BENCH_DIR", conf.parent().unwrap_or(conf))
            .status()
            .expect("running the bench again");
        std::process::exit(status.code().unwrap_or(1));
    }
}

/// An ALSA configuration writing into a named pipe read at a real device's pace.
fn paced_device(dir: &Path) -> std::path::PathBuf {
    let dir = std::env::var_os("SUPPLE_BENCH_DIR").map_or_else(|| dir.to_path_buf(), Into::into);
    let fifo = dir.join("sound");
    if !fifo.exists() {
        nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).expect("a named pipe");
    }
    let conf = alsa::file_device(&dir, &fifo, "raw");
    if std::env::var_os("SUPPLE_BENCH_DIR").is_some() {
        std::thread::spawn(move || {
            loop {
                let Ok(mut pipe) = std::fs::File::open(&fifo) else { return };
                let opened = Instant::now();
                let (mut taken, mut buffer) = (0usize, vec![0u8; 7_680]);
                while let Ok(n) = pipe.read(&mut buffer) {
                    if n == 0 {
                        break;
                    }
                    taken += n;
                    let due = opened + Duration::from_secs_f64(taken as f64 / 192_000.0);
                    std::thread::sleep(due.saturating_duration_since(Instant::now()));
                }
            }
        });
    }
    conf
}

fn render(engine: &supple::voice::engine::Engine, dir: &Path) {
    println!("render, every sentence of a bundled routine into an empty cache (espeak-ng):");
    for file in library::bundled() {
        let routine = file.parsed.routine.clone().expect("valid");
        let texts = phrasebook::every_text(&routine, &Plan::new(&routine, &Fallbacks::default()));
        let cache = dir.join(format!("cache-{}", file.key));
        let started = Instant::now();
        for text in &texts {
            engine.render(&cache, text).expect("rendered");
        }
        let took = started.elapsed();
        println!(
            "  {:<18} {:>2} sentences in {:>5.0} ms ({:.1} ms each)",
            file.key,
            texts.len(),
            took.as_secs_f64() * 1e3,
            took.as_secs_f64() * 1e3 / texts.len() as f64
        );
    }
}

fn latency(engine: &supple::voice::engine::Engine, dir: &Path) {
    let chimes = Chimes::start(|_| {});
    let cache = dir.join("cache-latency");
    let mut ahead = Vec::new();
    let mut on_the_spot = Vec::new();
    for round in 0..10 {
        let text = format!("Seated hamstring stretch, left side, {} seconds", 20 + round);
        chimes.warm();
        std::thread::sleep(Duration::from_millis(300));
        // Rendered on the spot: what a sentence not yet ready costs.
        let asked = Instant::now();
        let clip = Clip::speech(engine.render(&cache, &text).expect("rendered")).expect("speech");
        let Some(first) = chimes.speak_measured(clip.clone(), 0.7, Duration::ZERO) else {
            println!("no sound device: no latency to measure");
            return;
        };
        on_the_spot.push(first.saturating_duration_since(asked));
        std::thread::sleep(clip.duration() + Duration::from_millis(300));
        // Rendered ahead, as a session's sentences are.
        chimes.warm();
        std::thread::sleep(Duration::from_millis(300));
        let asked = Instant::now();
        let first = chimes.speak_measured(clip.clone(), 0.7, Duration::ZERO).expect("a device");
        ahead.push(first.saturating_duration_since(asked));
        std::thread::sleep(clip.duration() + Duration::from_millis(300));
    }
    let show = |what: &str, mut v: Vec<Duration>| {
        v.sort();
        println!(
            "  {what:<22} median {:>5.1} ms, slowest {:>5.1} ms over {}",
            v[v.len() / 2].as_secs_f64() * 1e3,
            v[v.len() - 1].as_secs_f64() * 1e3,
            v.len()
        );
    };
    println!("latency, asked to the mixer's first sample (device open):");
    show("rendered ahead", ahead);
    show("rendered on the spot", on_the_spot);
}

/// CPU of every thread of `pid`, in nanoseconds, from `/proc/PID/task/*/schedstat`.
fn cpu_ns(pid: u32) -> u64 {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else { return 0 };
    tasks
        .filter_map(Result::ok)
        .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next().and_then(|n| n.parse::<u64>().ok()))
        .sum()
}

fn cpu(dir: &Path, conf: &Path) {
    println!("CPU over 20 s of a 40 s hold (120x40 pseudo-terminal):");
    let routine = dir.join("hold.toml");
    std::fs::write(&routine, "name = \"Hold\"\n[[step]]\nname = \"Calf stretch\"\nhold = \"40s\"\nget_ready = 5\n")
        .expect("a routine");
    for flag in ["--voice", "--no-voice"] {
        let home = dir.join(flag);
        std::fs::create_dir_all(&home).expect("a home");
        let home = home.to_str().unwrap_or("/tmp");
        let mut pty = pty::Pty::spawn(
            &["run", routine.to_str().unwrap_or(""), flag],
            120,
            40,
            &[
                ("XDG_CONFIG_HOME", home),
                ("XDG_DATA_HOME", home),
                ("XDG_CACHE_HOME", home),
                ("ALSA_CONFIG_PATH", conf.to_str().unwrap_or("")),
            ],
        );
        pty.wait_text("space or Enter", Duration::from_secs(10));
        pty.send("\r");
        pty.wait_text("HOLD", Duration::from_secs(15));
        // The hold's start chime and any speech have ended.
        pty.drain_for(Duration::from_secs(3));
        let pid = pty.pid();
        let (t0, c0) = (Instant::now(), cpu_ns(pid));
        pty.drain_for(Duration::from_secs(20));
        let (t1, c1) = (Instant::now(), cpu_ns(pid));
        let share = (c1 - c0) as f64 / 1e9 / (t1 - t0).as_secs_f64() * 100.0;
        println!("  {flag:<11} {:.1} ms = {share:.4}% of a core", (c1 - c0) as f64 / 1e6);
        pty.send("\x03");
        let _ = pty.wait_exit(Duration::from_secs(5));
    }
}
