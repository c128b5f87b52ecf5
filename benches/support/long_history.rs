//! Years of sessions as supple writes them, ending now: the history the benches time a
//! first frame over.

use supple::history::format::{Ended, Line, Place};
use supple::side::Side;

/// Fourteen holds a session, each side in turn.
const HOLDS: usize = 14;

/// What each session of a long history is.
pub struct Shape {
    pub routine: &'static str,
    pub file: &'static str,
    pub steps: usize,
    /// Holds of each step: the step of hold `h` is `h / holds_per_step`.
    pub holds_per_step: usize,
    pub stretch: &'static str,
    pub planned_s: f64,
    pub hours_apart: i64,
    /// A pause of 20 s in each session, its sixth hold skipped, and every fifth session
    /// stopped early; else every hold held and every session completed.
    pub varied: bool,
}

/// `sessions` sessions of `shape`, `shape.hours_apart` apart, the last of them now.
pub fn text(sessions: usize, shape: &Shape) -> String {
    let mut text = String::new();
    let now = jiff::Timestamp::now();
    for n in 0..sessions {
        let ago = i64::try_from(sessions - n).unwrap_or(0) * shape.hours_apart;
        let started = now - jiff::SignedDuration::from_hours(ago);
        let at = |offset: i64| supple::history::recorder::stamp(started + jiff::SignedDuration::from_secs(offset));
        let session = format!("{}/{}", at(0), 1000 + n);
        let mut push = |line: Line| text.push_str(&line.to_json_line());
        push(Line::Start {
            session: session.clone(),
            at: at(0),
            routine: shape.routine.into(),
            file: shape.file.into(),
            hash: format!("sha256:{:064x}", n % 7),
            steps: (0..shape.steps).map(|s| format!("step-number-{s}")).collect(),
            planned_s: shape.planned_s,
            resumes: None,
            from: None,
        });
        for h in 0..HOLDS {
            let skipped = shape.varied && h == 5;
            push(Line::Hold {
                session: session.clone(),
                at: at(60 * i64::try_from(h).unwrap_or(0)),
                place: Place {
                    step: format!("step-number-{}", h / shape.holds_per_step),
                    side: Some(if h % 2 == 0 { Side::Left } else { Side::Right }),
                    rep: 1,
                },
                name: shape.stretch.into(),
                kind: "hold".into(),
                planned_s: 30.0,
                actual_s: if skipped { 12.345 } else { 30.0 },
                ended: if skipped { Ended::Skipped } else { Ended::Held },
            });
        }
        let paused_s = if shape.varied { 20.0 } else { 0.0 };
        if shape.varied {
            push(Line::Pause { session: session.clone(), at: at(300) });
            push(Line::Resume { session: session.clone(), at: at(320) });
        }
        let completed = !shape.varied || n % 5 != 0;
        push(Line::End {
            session,
            // Whole seconds: the plans here are.
            #[allow(clippy::cast_possible_truncation)]
            at: at((shape.planned_s + paused_s) as i64),
            completed,
            active_s: shape.planned_s,
            paused_s,
            stopped: (!completed).then(|| Place { step: "step-number-4".into(), side: None, rep: 1 }),
        });
    }
    text
}
