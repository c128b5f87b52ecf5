//! The lines of the history file: one JSON object per line, each tagged by its `event`
//! and the `session` it belongs to. docs/history-format.md describes them for people and
//! other tools; this is the one definition the program writes and reads.

use serde::{Deserialize, Serialize};

pub use crate::place::Place;
pub use crate::session::Ended;

/// One line of the history file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Line {
    /// A session started.
    Start {
        session: String,
        /// RFC 3339, UTC.
        at: String,
        routine: String,
        /// The routine's path, or `bundled:NAME` for a routine compiled into supple.
        file: String,
        /// `sha256:` and the hex digest of the routine file's text.
        hash: String,
        /// The ids of the routine's steps, in order.
        steps: Vec<String>,
        /// The planned length of what this session walks through, in seconds.
        planned_s: f64,
        /// The session this one resumes, if it does.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        resumes: Option<String>,
        /// Where a resumed session started.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<Place>,
    },
    /// A hold (or a timed activity) ended: run to its end, or skipped.
    Hold {
        session: String,
        at: String,
        #[serde(flatten)]
        place: Place,
        name: String,
        /// `hold` or `activity`.
        kind: String,
        planned_s: f64,
        actual_s: f64,
        /// How it ended: `held`, `shortened`, `skipped` or `pain` (marked as painful,
        /// which ends the stretch). Files written before it say `skipped` and `pain`
        /// instead; the reader takes both.
        ended: Ended,
    },
    Pause {
        session: String,
        at: String,
    },
    Resume {
        session: String,
        at: String,
    },
    /// The session ended: every phase done (`completed`), or the person quit.
    End {
        session: String,
        at: String,
        completed: bool,
        /// Running time, pauses excluded, in seconds.
        active_s: f64,
        paused_s: f64,
        /// Where a session that did not complete stopped: where `resume` picks it up.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        stopped: Option<Place>,
    },
}

impl Line {
    /// The line as written: JSON and a newline.
    pub fn to_json_line(&self) -> String {
        let mut text = serde_json::to_string(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// Seconds with millisecond precision, as the file stores them.
pub(crate) fn seconds(d: std::time::Duration) -> f64 {
    (d.as_secs_f64() * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::side::Side;

    #[test]
    fn a_hold_line_reads_back_as_written() {
        let line = Line::Hold {
            session: "s1".into(),
            at: "2026-11-21T09:00:30Z".into(),
            place: Place { step: "calf".into(), side: Some(Side::Left), rep: 1 },
            name: "Calf stretch".into(),
            kind: "hold".into(),
            planned_s: 30.0,
            actual_s: 29.998,
            ended: Ended::Held,
        };
        let text = line.to_json_line();
        assert_eq!(
            text,
            "{\"event\":\"hold\",\"session\":\"s1\",\"at\":\"2026-11-21T09:00:30Z\",\"step\":\"calf\",\"side\":\"left\",\
             \"rep\":1,\"name\":\"Calf stretch\",\"kind\":\"hold\",\"planned_s\":30.0,\"actual_s\":29.998,\"ended\":\"held\"}\n"
        );
        assert_eq!(serde_json::from_str::<Line>(text.trim_end()).unwrap(), line);
    }

    #[test]
    fn a_place_on_no_side_is_written_without_one() {
        let line = Line::End {
            session: "s1".into(),
            at: "2026-11-21T09:05:00Z".into(),
            completed: false,
            active_s: 300.0,
            paused_s: 0.0,
            stopped: Some(Place { step: "child".into(), side: None, rep: 2 }),
        };
        let text = line.to_json_line();
        assert!(text.contains(r#""stopped":{"step":"child","rep":2}"#), "{text}");
        assert_eq!(serde_json::from_str::<Line>(text.trim_end()).unwrap(), line);
    }
}
