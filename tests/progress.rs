//! Holds that grow with the weeks, read from a synthetic history by the real binary:
//! the rule across weeks that met the mark, missed weeks and the cap, what `show` says of
//! it, and the config's hold scale on top.

use std::path::Path;
use std::process::Command;

use jiff::{SignedDuration, Timestamp, ToSpan, tz::TimeZone};
use supple::history::format::{Ended, Line, Place};

const GROWING: &str = "tests/fixtures/e2e/growing.toml";

/// Monday 00:00 (UTC) of the week `weeks_ago` weeks before this one, plus `days`.
fn in_week(weeks_ago: i64, days: i64) -> Timestamp {
    let today = Timestamp::now().to_zoned(TimeZone::UTC).date();
    let back = i64::from(today.weekday().to_monday_zero_offset());
    let monday = today.checked_sub(back.days()).expect("a date");
    let day = monday.checked_sub(weeks_ago.weeks()).and_then(|d| d.checked_add(days.days())).expect("a date");
    day.at(10, 0, 0, 0).to_zoned(TimeZone::UTC).expect("a time").timestamp()
}

/// One session of `routine` started at `at`: every hold held, and `completed` or quit.
fn session(routine: &str, at: Timestamp, completed: bool) -> String {
    let id = format!("{}/1", supple::history::recorder::stamp(at));
    let stamp = |secs: i64| supple::history::recorder::stamp(at + SignedDuration::from_secs(secs));
    let mut lines = vec![Line::Start {
        session: id.clone(),
        at: stamp(0),
        routine: routine.into(),
        file: "/elsewhere/growing.toml".into(),
        hash: "sha256:0".into(),
        steps: vec!["calf-stretch".into()],
        planned_s: 170.0,
        resumes: None,
        from: None,
    }];
    lines.push(Line::Hold {
        session: id.clone(),
        at: stamp(35),
        place: Place { step: "calf-stretch".into(), side: None, rep: 1 },
        name: "Calf stretch".into(),
        kind: "hold".into(),
        planned_s: 30.0,
        actual_s: 30.0,
        ended: Ended::Held,
    });
    lines.push(Line::End { session: id, at: stamp(170), completed, active_s: 170.0, paused_s: 0.0, stopped: None });
    lines.iter().map(Line::to_json_line).collect()
}

/// A history with `per_week[i]` completed sessions of "Growing" in the week `i + 1` weeks
/// ago (the last entry is last week), and this week's `this_week`.
fn history(dir: &Path, per_week: &[usize], this_week: usize) {
    let mut text = String::new();
    for (i, &n) in per_week.iter().enumerate() {
        let weeks_ago = i64::try_from(per_week.len() - i).expect("few weeks");
        for day in 0..n {
            text.push_str(&session("Growing", in_week(weeks_ago, i64::try_from(day % 7).expect("a day")), true));
        }
    }
    for _ in 0..this_week {
        text.push_str(&session("Growing", in_week(0, 0), true));
    }
    let file = dir.join("supple/history.jsonl");
    std::fs::create_dir_all(file.parent().expect("a parent")).expect("a data directory");
    std::fs::write(file, text).expect("the history");
}

fn show(dir: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_supple"))
        .args(["show", GROWING])
        .env("XDG_DATA_HOME", dir)
        .env("XDG_CONFIG_HOME", dir)
        .env("TZ", "UTC")
        .output()
        .expect("running supple show");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The hold lengths `show` prints, in order.
fn holds(shown: &str) -> Vec<String> {
    shown
        .lines()
        .filter(|l| l.contains("  HOLD "))
        .map(|l| l.split_whitespace().nth(2).expect("a length").to_string())
        .collect()
}

#[test]
fn holds_grow_for_each_week_that_met_the_mark_and_say_why() {
    let dir = tempfile::tempdir().unwrap();
    // Five weeks ago 3 sessions, then 1 (missed), 4, none (missed), and 3 last week.
    history(dir.path(), &[3, 1, 4, 0, 3], 2);
    let shown = show(dir.path());
    // Three weeks met: 30s grows to 45s on both sides, 40s to 55s; breaths do not grow.
    assert_eq!(holds(&shown), ["45s", "45s", "55s", "50s"], "{shown}");
    assert!(shown.contains("Holds +15s this week: +5s after 3 sessions last week.\n"), "{shown}");
}

#[test]
fn a_missed_week_keeps_the_holds_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    history(dir.path(), &[3, 3, 2], 0);
    let shown = show(dir.path());
    assert_eq!(holds(&shown), ["40s", "40s", "50s", "50s"], "{shown}");
    assert!(shown.contains("Holds stay +10s: last week had 2 of 3 sessions.\n"), "{shown}");
}

#[test]
fn holds_stop_at_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    history(dir.path(), &[3; 12], 0);
    let shown = show(dir.path());
    assert_eq!(holds(&shown), ["1m", "1m", "1m", "50s"], "{shown}");
    assert!(shown.contains("Holds 1m, their most, after 12 weeks with 3 sessions.\n"), "{shown}");
}

#[test]
fn only_completed_sessions_of_this_routine_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::new();
    for day in 0..3 {
        text.push_str(&session("Something else", in_week(1, day), true));
        text.push_str(&session("Growing", in_week(2, day), false));
    }
    let file = dir.path().join("supple/history.jsonl");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(file, text).unwrap();
    let shown = show(dir.path());
    assert_eq!(holds(&shown), ["30s", "30s", "40s", "50s"], "{shown}");
    assert!(
        shown.contains("Holds grow 5s for each week with 3 sessions of this routine, up to 1m; last week had 0.\n"),
        "{shown}"
    );
}

#[test]
fn the_hold_scale_multiplies_grown_holds_and_breaths_and_is_said() {
    let dir = tempfile::tempdir().unwrap();
    history(dir.path(), &[3], 0);
    std::fs::write(dir.path().join("supple/config.toml"), "[timing]\nhold_scale = 1.5\n").unwrap();
    let shown = show(dir.path());
    // 35s × 1.5 = 52.5 → 53s; 45s × 1.5 = 67.5 → 68s; 5 breaths × 1.5 → 8 breaths of 10s.
    assert_eq!(holds(&shown), ["53s", "53s", "1m08s", "1m20s"], "{shown}");
    assert!(shown.contains("Holds × 1.5, as the config's hold_scale says.\n"), "{shown}");
    assert!(shown.contains("8 breaths"), "{shown}");
}
