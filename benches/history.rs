//! How long `supple history` takes to show itself over no history, five years of a session
//! a day (1,826 sessions) and 10,000 sessions (each a start, 14 holds, a pause and a
//! resume, and an end; 40 MB), all ending today: the real release binary in a 120x40
//! pseudo-terminal, from spawning it to its first frame complete on the terminal, 15 starts
//! each, before and after in one run.
//!
//! - after: the full-screen view (`supple history`), which reads every hold: started
//!   without the history's index (the first open, or after the history was edited) and
//!   with it (every open after);
//! - before: what `supple history` showed on a terminal until the view, the text report
//!   (kept as `--plain`), timed to its last byte; and, when `SUPPLE_BEFORE` names an
//!   earlier build of supple, that build's `supple history` too;
//! - the blink to stay under: the picker's first frame (`supple`) over the same history,
//!   of this build and (with `SUPPLE_BEFORE`) of the earlier one.
//!
//! Run with `cargo bench --bench history`, or
//! `SUPPLE_BEFORE=path/to/older/supple cargo bench --bench history`.

// A measuring tool: it reports by printing.
#![allow(clippy::print_stdout, clippy::print_stderr)]
#![allow(clippy::cast_precision_loss)]

#[path = "support/long_history.rs"]
mod long_history;
#[path = "../tests/support/pty.rs"]
mod pty;

use std::path::Path;
use std::time::{Duration, Instant};

use pty::Pty;

const STARTS: usize = 15;

/// A cool-down every 20 hours, some paused, cut short or with a hold skipped.
const COOL_DOWNS: long_history::Shape = long_history::Shape {
    routine: "Post-run cool-down",
    file: "bundled:post-run-cooldown",
    steps: 9,
    holds_per_step: 2,
    stretch: "Straight-leg calf stretch",
    planned_s: 835.0,
    hours_apart: 20,
    varied: true,
};

/// What is timed, and what marks its first frame complete: `None` for output that ends
/// with the process (the text report), else the text the frame's last line shows.
struct Shown {
    what: String,
    program: String,
    args: &'static [&'static str],
    done: Option<&'static str>,
    /// Started each time without the history's index (in the cache directory).
    cold: bool,
}

impl Shown {
    fn new(what: &str, program: &str, args: &'static [&'static str], done: Option<&'static str>) -> Self {
        Self { what: what.into(), program: program.into(), args, done, cold: false }
    }
}

fn main() {
    let root = std::env::temp_dir().join(format!("supple-history-bench-{}", std::process::id()));
    let before = std::env::var("SUPPLE_BEFORE").ok();
    let mut shown = vec![
        Shown { cold: true, ..Shown::new("view, without its index", pty::BIN, &["history"], Some("q quit")) },
        Shown::new("view (after)", pty::BIN, &["history"], Some("q quit")),
        Shown::new("text report (before; --plain)", pty::BIN, &["history", "--plain"], None),
    ];
    match &before {
        Some(before) => shown.push(Shown::new("SUPPLE_BEFORE's history", before, &["history"], None)),
        None => println!("(set SUPPLE_BEFORE to an earlier build of supple to time its history and picker as well)"),
    }
    shown.push(Shown::new("picker", pty::BIN, &[], Some("q quit")));
    if let Some(before) = &before {
        shown.push(Shown::new("SUPPLE_BEFORE's picker (the blink)", before, &[], Some("q quit")));
    }

    println!("supple history, first frame (120x40, release build, median and slowest of {STARTS} starts)");
    for sessions in [0, 1_826, 10_000] {
        let dir = root.join(sessions.to_string());
        std::fs::create_dir_all(dir.join("supple")).expect("a temp directory");
        let text = long_history::text(sessions, &COOL_DOWNS);
        std::fs::write(dir.join("supple/history.jsonl"), &text).expect("writing the history");
        println!("  {sessions} sessions ({:.1} MB)", text.len() as f64 / 1e6);
        for one in &shown {
            let mut times: Vec<Duration> = (0..STARTS).map(|_| first_frame(one, &dir)).collect();
            times.sort();
            let ms = |d: Duration| d.as_secs_f64() * 1e3;
            println!(
                "    {:<36} median {:>6.1} ms, slowest {:>6.1} ms",
                one.what,
                ms(times[times.len() / 2]),
                ms(times[times.len() - 1])
            );
        }
    }
    let _ = std::fs::remove_dir_all(root);
}

/// From spawning `shown` with `dir` as its config, data and cache directories to its first
/// frame complete on the terminal; then it is quit.
fn first_frame(shown: &Shown, dir: &Path) -> Duration {
    if shown.cold {
        let _ = std::fs::remove_file(dir.join("supple/history.index"));
    }
    let dir = dir.to_str().unwrap_or("/tmp");
    let env = [("XDG_CONFIG_HOME", dir), ("XDG_DATA_HOME", dir), ("XDG_CACHE_HOME", dir)];
    let mut pty = Pty::spawn_command(&shown.program, shown.args, 120, 40, &env);
    let Some(done) = shown.done else {
        assert_eq!(pty.wait_exit(Duration::from_secs(30)), 0, "{}", pty.screen());
        return pty.received.last().map_or_else(Instant::now, |(at, _)| *at) - pty.started;
    };
    pty.wait_text(done, Duration::from_secs(30));
    let at = pty.received.last().map_or_else(Instant::now, |(at, _)| *at);
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(10)), 0);
    at - pty.started
}
