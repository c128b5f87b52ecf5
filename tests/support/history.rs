//! A fixed history for the history view's tests, written as supple writes it: eight weeks
//! back from the week of "now", with a streak, a missed week, a hold marked pain, a routine
//! whose holds grow week by week, and a session cut short (still there to resume).

// Each test binary uses its own part of the helpers.
#![allow(dead_code)]

use jiff::{SignedDuration, Timestamp, ToSpan};
use supple::history::format::{Ended, Line, Place};
use supple::side::Side;

/// The "now" the view's snapshots are drawn at: a Thursday.
pub const NOW: &str = "2026-12-03T12:00:00Z";

/// The growing routine, as the history names it, and the longest its holds get.
pub const GROWING: &str = "bundled:hamstring-relief";
pub const GROWING_CAP_S: f64 = 45.0;

/// Each week back from now's week (0): the days of its sessions (0 is Monday), and
/// which of them is cut short or marked pain.
const WEEKS: [&[u8]; 8] = [&[0, 2], &[0, 2, 4, 5], &[1, 3, 5], &[0, 2, 4, 6], &[], &[1, 3, 5], &[0, 3], &[0, 2, 4]];
/// The week and day of the session stopped early, and of the hold marked pain.
pub const CUT_SHORT: (usize, u8) = (1, 5);
pub const PAIN: (usize, u8) = (2, 3);

/// The history file's text, in UTC, with the weeks counted back from `now`'s week.
pub fn text(now: Timestamp) -> String {
    let today = now.to_zoned(jiff::tz::TimeZone::UTC).date();
    let monday = today.checked_sub(i64::from(today.weekday().to_monday_zero_offset()).days()).unwrap();
    let mut text = String::new();
    let mut n = 0;
    for (back, days) in WEEKS.iter().enumerate().rev() {
        for &day in *days {
            let date = monday
                .checked_sub((7 * i64::try_from(back).unwrap()).days())
                .unwrap()
                .checked_add(i64::from(day).days())
                .unwrap();
            let started = date.at(7, 30, 0, 0).to_zoned(jiff::tz::TimeZone::UTC).unwrap().timestamp();
            if started > now {
                continue;
            }
            let cut_short = (back, day) == CUT_SHORT;
            let pain = (back, day) == PAIN;
            // Eight weeks ago the holds were 30 s; 5 s more each week with 3 sessions, up to 45 s.
            let grown = (30.0 + 5.0 * f64::from(u8::try_from(7 - back).unwrap() / 2)).min(GROWING_CAP_S);
            session(&mut text, n, started, cut_short, pain, grown);
            n += 1;
        }
    }
    text
}

/// Pushes one session's lines: four holds, each a minute after the one before, and its end.
fn session(text: &mut String, n: u32, started: Timestamp, cut_short: bool, pain: bool, grown: f64) {
    let at = |s: i64| supple::history::recorder::stamp(started + SignedDuration::from_secs(s));
    // A process id no live process has, so the cut-short session is not taken as running.
    let id = format!("{}/{}", at(0), 3_999_000 + n);
    let (routine, file, hold) = if cut_short {
        ("Post-run cool-down", "bundled:post-run-cooldown", 30.0)
    } else {
        ("Sore hamstring relief", GROWING, grown)
    };
    let steps = ["seated-hamstring", "supine-hamstring"];
    let mut push = |line: Line| text.push_str(&line.to_json_line());
    push(Line::Start {
        session: id.clone(),
        at: at(0),
        routine: routine.into(),
        file: file.into(),
        hash: "sha256:0".into(),
        steps: steps.iter().map(ToString::to_string).collect(),
        planned_s: 600.0,
        resumes: None,
        from: None,
    });
    let mut offset = 0;
    for (h, (step, side)) in steps.iter().flat_map(|s| [(*s, Side::Left), (*s, Side::Right)]).enumerate() {
        offset += 60;
        let ended = match h {
            _ if cut_short && h > 0 => Ended::Skipped,
            3 if pain => Ended::Pain,
            1 => Ended::Shortened,
            _ => Ended::Held,
        };
        let actual = match ended {
            Ended::Held => hold,
            Ended::Shortened => hold - 4.75,
            _ => 8.0,
        };
        push(Line::Hold {
            session: id.clone(),
            at: at(offset),
            place: Place { step: (*step).into(), side: Some(side), rep: 1 },
            name: if step == "seated-hamstring" { "Seated hamstring stretch" } else { "Lying hamstring stretch" }
                .into(),
            kind: "hold".into(),
            planned_s: hold,
            actual_s: actual,
            ended,
        });
    }
    push(Line::End {
        session: id,
        at: at(offset + 30),
        completed: !cut_short,
        active_s: if cut_short { 130.0 } else { 600.0 },
        paused_s: 0.0,
        stopped: cut_short.then(|| Place { step: "supine-hamstring".into(), side: Some(Side::Left), rep: 1 }),
    });
}
