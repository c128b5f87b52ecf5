//! How long `supple history` takes over a year's worth of history and more: a file of
//! 10,000 sessions (each a start, 14 holds, a pause and a resume, and an end: 40 MB) read by the real release binary.
//!
//! Run with `cargo bench --bench history`.

// A measuring tool: it reports by printing.
#![allow(clippy::print_stdout, clippy::print_stderr)]
#![allow(clippy::cast_precision_loss)]

use std::process::Command;
use std::time::{Duration, Instant};

use supple::history::format::{Ended, Line, Place};
use supple::side::Side;

const SESSIONS: usize = 10_000;
const HOLDS: usize = 14;

fn main() {
    let dir = std::env::temp_dir().join(format!("supple-history-bench-{}", std::process::id()));
    let file = dir.join("supple/history.jsonl");
    std::fs::create_dir_all(file.parent().unwrap_or(&dir)).expect("a temp directory");
    let text = history_text();
    std::fs::write(&file, &text).expect("writing the history");

    let mut times: Vec<Duration> = (0..15)
        .map(|_| {
            let start = Instant::now();
            let out = Command::new(env!("CARGO_BIN_EXE_supple"))
                .arg("history")
                .env("XDG_DATA_HOME", &dir)
                .env("XDG_CONFIG_HOME", &dir)
                .output()
                .expect("running supple history");
            assert!(out.status.success() && !out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
            start.elapsed()
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "supple history over {SESSIONS} sessions ({} lines, {:.1} MB): median {:.1} ms, fastest {:.1} ms, slowest {:.1} ms over {} runs",
        text.lines().count(),
        text.len() as f64 / 1e6,
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len()
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// Sessions every day or so for years, as supple writes them.
fn history_text() -> String {
    let mut text = String::new();
    let base = jiff::Timestamp::from_second(1_500_000_000).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    for n in 0..SESSIONS {
        let started = base + jiff::SignedDuration::from_hours(i64::try_from(n).unwrap_or(0) * 20);
        let at = |offset: i64| supple::history::recorder::stamp(started + jiff::SignedDuration::from_secs(offset));
        let session = format!("{}/{}", at(0), 1000 + n);
        let mut push = |line: Line| text.push_str(&line.to_json_line());
        push(Line::Start {
            session: session.clone(),
            at: at(0),
            routine: "Post-run cool-down".into(),
            file: "bundled:post-run-cooldown".into(),
            hash: format!("sha256:{:064x}", n % 7),
            steps: (0..9).map(|s| format!("step-number-{s}")).collect(),
            planned_s: 835.0,
            resumes: None,
            from: None,
        });
        for h in 0..HOLDS {
            let offset = 60 * i64::try_from(h).unwrap_or(0);
            push(Line::Hold {
                session: session.clone(),
                at: at(offset),
                place: Place {
                    step: format!("step-number-{}", h / 2),
                    side: Some(if h % 2 == 0 { Side::Left } else { Side::Right }),
                    rep: 1,
                },
                name: "Straight-leg calf stretch".into(),
                kind: "hold".into(),
                planned_s: 30.0,
                actual_s: if h == 5 { 12.345 } else { 30.0 },
                ended: if h == 5 { Ended::Skipped } else { Ended::Held },
            });
        }
        push(Line::Pause { session: session.clone(), at: at(300) });
        push(Line::Resume { session: session.clone(), at: at(320) });
        let completed = n % 5 != 0;
        push(Line::End {
            session,
            at: at(855),
            completed,
            active_s: 835.0,
            paused_s: 20.0,
            stopped: (!completed).then(|| Place { step: "step-number-4".into(), side: None, rep: 1 }),
        });
    }
    text
}
