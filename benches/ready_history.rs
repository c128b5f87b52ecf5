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

#[path = "../tests/support/pty.rs"]
mod pty;

use std::path::Path;
use std::time::Duration;

use pty::Pty;
use supple::history::format::{Ended, Line, Place};
use supple::side::Side;

const DAYS: i64 = 5 * 365 + 1;
const HOLDS: usize = 14;
const STARTS: usize = 15;

fn main() {
    let root = std::env::temp_dir().join(format!("supple-ready-bench-{}", std::process::id()));
    let empty = root.join("empty");
    let years = root.join("years");
    std::fs::create_dir_all(empty.join("supple")).expect("a temp directory");
    std::fs::create_dir_all(years.join("supple")).expect("a temp directory");
    let text = five_years();
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

/// A completed session of the routine that grows every day for five years, up to now.
fn five_years() -> String {
    let mut text = String::new();
    let first = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(24 * DAYS);
    for day in 0..DAYS {
        let started = first + jiff::SignedDuration::from_hours(24 * day);
        let at = |offset: i64| supple::history::recorder::stamp(started + jiff::SignedDuration::from_secs(offset));
        let session = format!("{}/{}", at(0), 1000 + day);
        let mut push = |line: Line| text.push_str(&line.to_json_line());
        push(Line::Start {
            session: session.clone(),
            at: at(0),
            routine: "Sore hamstring relief".into(),
            file: "bundled:hamstring-relief".into(),
            hash: format!("sha256:{:064x}", day % 7),
            steps: (0..6).map(|s| format!("step-number-{s}")).collect(),
            planned_s: 995.0,
            resumes: None,
            from: None,
        });
        for h in 0..HOLDS {
            push(Line::Hold {
                session: session.clone(),
                at: at(60 * i64::try_from(h).unwrap_or(0)),
                place: Place {
                    step: format!("step-number-{}", h / 4),
                    side: Some(if h % 2 == 0 { Side::Left } else { Side::Right }),
                    rep: 1,
                },
                name: "Supine hamstring with strap".into(),
                kind: "hold".into(),
                planned_s: 30.0,
                actual_s: 30.0,
                ended: Ended::Held,
            });
        }
        push(Line::End { session, at: at(995), completed: true, active_s: 995.0, paused_s: 0.0, stopped: None });
    }
    text
}
