//! What a session costs and how exactly it keeps time, measured on the real binary in a
//! 120x40 pseudo-terminal running a two-minute routine:
//!
//! - first frame: from start to the ready screen on the terminal;
//! - key to screen: from a key press to the changed screen;
//! - CPU (from `/proc/PID/task/*/schedstat`, in nanoseconds) and bytes written to the
//!   terminal over 25 s of a 30 s hold, and the CPU of the whole hold with its chimes;
//! - each transition against its planned moment, and the end against the plan;
//! - peak memory (`VmHWM`), of the whole session, and 15 s into a five-minute hold with a
//!   pose (no sound device, the voice on); with `SUPPLE_BEFORE=/path/to/an/older/supple`,
//!   the older binary's too, in the same run.
//!
//! Run with `cargo bench --bench session` (about three minutes).

// A measuring tool: it reports by printing.
#![allow(clippy::print_stdout, clippy::print_stderr)]
#![allow(clippy::cast_precision_loss)]

#[path = "../tests/support/pty.rs"]
mod pty;

use std::time::{Duration, Instant};

use pty::Pty;

const ROUTINE: &str = "tests/fixtures/e2e/two-minutes.toml";

/// Planned phase starts of the routine, in seconds, with the label each one shows.
const PLAN: [(u64, &str); 7] = [
    (0, "GET READY"),
    (5, "HOLD · LEFT"),
    (35, "SWITCH SIDES"),
    (40, "HOLD · RIGHT"),
    (70, "REST"),
    (80, "GET READY"),
    (85, "HOLD"),
];
const END: u64 = 120;

fn main() {
    let config = std::env::temp_dir().join(format!("supple-bench-{}", std::process::id()));
    let mut pty = Pty::spawn(
        &["run", ROUTINE],
        120,
        40,
        &[("XDG_CONFIG_HOME", config.to_str().unwrap_or("/tmp")), ("XDG_DATA_HOME", config.to_str().unwrap_or("/tmp"))],
    );
    pty.wait_text("space or Enter to start", Duration::from_secs(10));
    let first_frames = first_frames(&config);

    let pressed = Instant::now();
    pty.send("\r");
    let mut transitions = vec![(wait_phase(&mut pty, "GET READY", Duration::from_secs(5)), "GET READY")];
    let start = transitions[0].0;
    let key_to_screen_start = start - pressed;

    // Quiet window: 25 s inside the first 30 s hold.
    transitions.push((wait_phase(&mut pty, "HOLD · LEFT", Duration::from_secs(10)), "HOLD · LEFT"));
    let pid = pty.pid();
    let window = Duration::from_secs(25);
    let mut cpu = CpuMeter::new(pid);
    let (bytes0, t0) = (byte_count(&pty), Instant::now());
    while t0.elapsed() < window {
        pty.drain_for(Duration::from_millis(20));
        cpu.sample();
    }
    let (bytes1, t1) = (byte_count(&pty), Instant::now());
    let (cpu0, cpu1) = (0, cpu.used_ns());
    // The whole hold, with the chimes around its end (the ticks and the switch).
    while phase_line(&pty.screen()).is_none_or(|line| !line.starts_with("SWITCH SIDES")) {
        pty.drain_for(Duration::from_millis(20));
        cpu.sample();
    }
    transitions.push((pty.received.last().map_or_else(Instant::now, |(at, _)| *at), "SWITCH SIDES"));
    let switched = Instant::now();
    while switched.elapsed() < Duration::from_secs(2) {
        pty.drain_for(Duration::from_millis(20));
        cpu.sample();
    }
    let whole_hold = cpu.used_ns();

    for (_, label) in &PLAN[3..] {
        transitions.push((wait_phase(&mut pty, label, Duration::from_secs(60)), label));
    }
    let end = wait_phase(&mut pty, "Well done!", Duration::from_secs(60));

    // Key to screen is measured in a second session, so its pauses do not disturb the
    // timing above.
    let hwm = peak_memory_kib(pid);
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0, "the session ends cleanly");
    let key_latencies = key_to_screen();

    let seconds = (t1 - t0).as_secs_f64();
    let cpu_share = (cpu1 - cpu0) as f64 / 1e9 / seconds * 100.0;
    println!("supple session benchmark (120x40 pseudo-terminal, release build)");
    println!(
        "first frame:            median {:.1} ms, max {:.1} ms over {} starts",
        ms(median(&first_frames)),
        ms(*first_frames.iter().max().unwrap_or(&Duration::ZERO)),
        first_frames.len()
    );
    println!("key to screen (Enter):  {:.1} ms", ms(key_to_screen_start));
    println!(
        "key to screen (pause):  median {:.1} ms, max {:.1} ms over {} presses",
        ms(median(&key_latencies)),
        ms(*key_latencies.iter().max().unwrap_or(&Duration::ZERO)),
        key_latencies.len()
    );
    println!(
        "quiet hold, {seconds:.1} s: CPU {:.1} ms = {cpu_share:.4}% of a core; {:.0} bytes/s to the terminal",
        (cpu1 - cpu0) as f64 / 1e6,
        (bytes1 - bytes0) as f64 / seconds
    );
    println!(
        "whole 30 s hold with its chimes (start to 2 s after the switch): CPU {:.1} ms = {:.4}% of a core",
        whole_hold as f64 / 1e6,
        whole_hold as f64 / 1e9 / (switched + Duration::from_secs(2) - t0).as_secs_f64() * 100.0
    );
    let mut worst = Duration::ZERO;
    for ((at, label), (planned, _)) in transitions.iter().zip(PLAN) {
        let error = signed_ms(*at - start, Duration::from_secs(planned));
        worst = worst.max(Duration::from_secs_f64(error.abs() / 1e3));
        println!(
            "transition {label:<14} at {:>9.3} s, planned {planned:>3} s: {error:+.1} ms",
            (*at - start).as_secs_f64()
        );
    }
    println!("worst transition error: {:.1} ms", ms(worst));
    println!(
        "end: {:.3} s, planned {END} s: {:+.1} ms",
        (end - start).as_secs_f64(),
        signed_ms(end - start, Duration::from_secs(END))
    );
    println!("peak memory (VmHWM): {:.1} MB", hwm as f64 / 1024.0);
    let report = |name: &str, (cpu, bytes, kib): (f64, f64, u64)| {
        println!(
            "5-minute posed hold, 15 s of it, {name}: CPU {cpu:.4}% of a core, {bytes:.0} bytes/s, peak memory {:.1} MB",
            kib as f64 / 1024.0
        );
    };
    report("this build", hold_cost(pty::BIN));
    if let Some(before) = std::env::var_os("SUPPLE_BEFORE") {
        let before = before.to_string_lossy();
        report(&before, hold_cost(&before));
    }
    let _ = std::fs::remove_dir_all(config);
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn signed_ms(actual: Duration, planned: Duration) -> f64 {
    (actual.as_secs_f64() - planned.as_secs_f64()) * 1e3
}

fn median(values: &[Duration]) -> Duration {
    let mut sorted = values.to_vec();
    sorted.sort();
    sorted.get(sorted.len() / 2).copied().unwrap_or_default()
}

/// From spawning supple to its ready screen being complete on the terminal, ten times.
fn first_frames(config: &std::path::Path) -> Vec<Duration> {
    (0..10).map(|_| Pty::first_frame(ROUTINE, config.to_str().unwrap_or("/tmp"))).collect()
}

fn byte_count(pty: &Pty) -> usize {
    pty.received.iter().map(|(_, b)| b.len()).sum()
}

/// Waits until the phase line (or the summary) shows `label`; returns when the chunk that
/// showed it arrived.
fn wait_phase(pty: &mut Pty, label: &str, timeout: Duration) -> Instant {
    let deadline = Instant::now() + timeout;
    loop {
        if phase_line(&pty.screen()).is_some_and(|line| line.starts_with(label)) {
            return pty.received.last().map_or_else(Instant::now, |(at, _)| *at);
        }
        assert!(Instant::now() < deadline, "no {label} on screen:\n{}", pty.screen());
        pty.pump(Duration::from_millis(50));
    }
}

/// The first line naming a phase, or the summary's title.
fn phase_line(screen: &str) -> Option<String> {
    let labels = ["GET READY", "HOLD", "SWITCH SIDES", "REST", "Well done!"];
    screen.lines().map(str::trim).find(|l| labels.iter().any(|label| l.starts_with(label))).map(str::to_string)
}

/// CPU time used by every thread of a process since the meter started, from each thread's
/// `schedstat` (nanoseconds). Threads come and go (the audio output's thread lives only
/// around a chime), so each is sampled often and its last reading kept.
struct CpuMeter {
    pid: u32,
    start: std::collections::HashMap<String, u64>,
    last: std::collections::HashMap<String, u64>,
}

impl CpuMeter {
    fn new(pid: u32) -> Self {
        let start = threads(pid);
        Self { pid, last: start.clone(), start }
    }

    fn sample(&mut self) {
        self.last.extend(threads(self.pid));
    }

    fn used_ns(&self) -> u64 {
        self.last.iter().map(|(tid, ns)| ns.saturating_sub(self.start.get(tid).copied().unwrap_or(0))).sum()
    }
}

/// Each thread's CPU time so far, by thread id.
fn threads(pid: u32) -> std::collections::HashMap<String, u64> {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else { return std::collections::HashMap::default() };
    tasks
        .filter_map(Result::ok)
        .filter_map(|t| {
            let ns = std::fs::read_to_string(t.path().join("schedstat")).ok()?;
            let ns = ns.split_whitespace().next()?.parse::<u64>().ok()?;
            Some((t.file_name().to_string_lossy().into_owned(), ns))
        })
        .collect()
}

/// What `program` costs over 15 s of the five-minute hold, in a 120x40 terminal with no
/// sound device and the voice on (espeak-ng where it is installed): its CPU as a share of
/// a core, bytes a second to the terminal, and its peak memory in KiB.
fn hold_cost(program: &str) -> (f64, f64, u64) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let home = dir.path().to_str().unwrap_or("/tmp");
    let alsa = dir.path().join("no-devices.conf");
    let _ = std::fs::write(&alsa, "# no devices\n");
    let env = [
        ("XDG_CONFIG_HOME", home),
        ("XDG_DATA_HOME", home),
        ("XDG_CACHE_HOME", home),
        ("ALSA_CONFIG_PATH", alsa.to_str().unwrap_or("")),
    ];
    let mut pty = Pty::spawn_command(program, &["run", "tests/fixtures/e2e/five-minute-hold.toml"], 120, 40, &env);
    pty.wait_text("space or Enter to start", Duration::from_secs(10));
    pty.send("\r");
    wait_phase(&mut pty, "HOLD", Duration::from_secs(15));
    // Past the hold's first second, when its start is drawn and said.
    pty.drain_for(Duration::from_secs(2));
    let mut cpu = CpuMeter::new(pty.pid());
    let (bytes0, t0) = (byte_count(&pty), Instant::now());
    while t0.elapsed() < Duration::from_secs(15) {
        pty.drain_for(Duration::from_millis(20));
        cpu.sample();
    }
    let seconds = t0.elapsed().as_secs_f64();
    let bytes = (byte_count(&pty) - bytes0) as f64 / seconds;
    let share = cpu.used_ns() as f64 / 1e9 / seconds * 100.0;
    let kib = peak_memory_kib(pty.pid());
    pty.send("\x03");
    let _ = pty.wait_exit(Duration::from_secs(5));
    (share, bytes, kib)
}

fn peak_memory_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(str::to_string))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}

/// Pause and resume a running session 20 times; each latency is from the key to the
/// screen showing the change.
fn key_to_screen() -> Vec<Duration> {
    let config = std::env::temp_dir().join(format!("supple-bench-keys-{}", std::process::id()));
    let mut pty = Pty::spawn(
        &["run", "tests/fixtures/e2e/long-holds.toml"],
        120,
        40,
        &[("XDG_CONFIG_HOME", config.to_str().unwrap_or("/tmp")), ("XDG_DATA_HOME", config.to_str().unwrap_or("/tmp"))],
    );
    pty.wait_text("space or Enter to start", Duration::from_secs(10));
    pty.send("\r");
    pty.wait_text("GET READY", Duration::from_secs(5));
    let mut latencies = Vec::new();
    for i in 0..20 {
        let pressed = Instant::now();
        pty.send(" ");
        let paused = i % 2 == 0;
        pty.wait_for("the pause to show", Duration::from_secs(2), |s| s.contains("PAUSED") == paused);
        let shown = pty.received.last().map_or_else(Instant::now, |(at, _)| *at);
        latencies.push(shown.saturating_duration_since(pressed));
        pty.drain_for(Duration::from_millis(30));
    }
    pty.send("\x03");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0, "the session ends cleanly");
    let _ = std::fs::remove_dir_all(config);
    latencies
}
