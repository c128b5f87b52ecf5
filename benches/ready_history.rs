//! The ready screen's first frame against the length of the history: no history, and five
//! years of a session a day (1,826 sessions, each a start, 14 holds and an end), for a
//! routine whose holds grow with the weeks (the whole history is read) and one whose holds
//! do not (only the recent end is read). The real release binary in a 120x40
//! pseudo-terminal, 15 starts each, all in one run.
//!
//! Run with `cargo bench --bench ready_history`.

// A measuring tool: it reports by printing.
#![allow(clippy::print_stdout, clippy::print_stderr)]
#![allow(clippy::cast_precision_loss)]

#[path = "support/long_history.rs"]
mod long_history;
#[path = "../tests/support/pty.rs"]
mod pty;

use std::path::Path;
use std::time::Duration;

use pty::Pty;

const DAYS: usize = 5 * 365 + 1;

/// A completed session of the routine that grows, every day.
const DAILY: long_history::Shape = long_history::Shape {
    routine: "Sore hamstring relief",
    file: "bundled:hamstring-relief",
    steps: 6,
    holds_per_step: 4,
    stretch: "Supine hamstring with strap",
    planned_s: 995.0,
    hours_apart: 24,
    varied: false,
};
const STARTS: usize = 15;

fn main() {
    let root = std::env::temp_dir().join(format!("supple-ready-bench-{}", std::process::id()));
    let empty = root.join("empty");
    let years = root.join("years");
    std::fs::create_dir_all(empty.join("supple")).expect("a temp directory");
    std::fs::create_dir_all(years.join("supple")).expect("a temp directory");
    let text = long_history::text(DAYS, &DAILY);
    std::fs::write(years.join("supple/history.jsonl"), &text).expect("writing the history");
    println!(
        "ready screen, first frame (120x40, release build, median and slowest of {STARTS} starts); \
         five years: {DAYS} sessions, {:.1} MB",
        text.len() as f64 / 1e6
    );
    for (routine, what) in
        [("hamstring-relief", "holds that grow (whole history read)"), ("post-run-cooldown", "holds as written")]
    {
        for (dir, history) in [(&empty, "no history"), (&years, "five years")] {
            let mut times = first_frames(routine, dir);
            times.sort();
            let ms = |d: Duration| d.as_secs_f64() * 1e3;
            println!(
                "  {routine:<18} {what:<38} {history:<11} median {:>5.1} ms, slowest {:>5.1} ms",
                ms(times[times.len() / 2]),
                ms(times[times.len() - 1])
            );
        }
    }
    let _ = std::fs::remove_dir_all(root);
}

/// From spawning supple to its ready screen being complete on the terminal.
fn first_frames(routine: &str, data: &Path) -> Vec<Duration> {
    (0..STARTS).map(|_| Pty::first_frame(routine, data.to_str().unwrap_or("/tmp"))).collect()
}
