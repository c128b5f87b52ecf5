//! Reading the history file back into sessions. A line that does not parse (torn by a
//! crash, edited by hand) is skipped and reported by its number; the file itself is never
//! changed by reading.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use super::format::Place;

/// One session as the history tells it.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionRecord {
    pub id: String,
    pub routine: String,
    pub file: String,
    pub hash: String,
    pub steps: Vec<String>,
    pub started: jiff::Timestamp,
    /// The latest moment any of its lines names.
    pub last_seen: jiff::Timestamp,
    pub planned_s: f64,
    /// `None` while it has no end line: still running, or killed.
    pub ended: Option<Ending>,
    pub holds_done: u32,
    pub holds_skipped: u32,
    /// The last hold recorded, done or skipped.
    pub last_hold: Option<Place>,
    pub resumes: Option<String>,
    /// Where it started, if it resumed another.
    pub from: Option<Place>,
}

/// How a session ended.
#[derive(Debug, Clone, PartialEq)]
pub struct Ending {
    pub completed: bool,
    pub active_s: f64,
    pub paused_s: f64,
    pub stopped: Option<Place>,
}

impl SessionRecord {
    pub fn completed(&self) -> bool {
        self.ended.as_ref().is_some_and(|e| e.completed)
    }

    /// How long it ran: its active time if it ended, else from its start to its last line.
    pub fn duration_s(&self) -> f64 {
        match &self.ended {
            Some(e) => e.active_s,
            None => self.last_seen.duration_since(self.started).as_secs_f64().max(0.0),
        }
    }
}

/// Everything the history file holds.
#[derive(Debug, Default)]
pub struct History {
    /// Sessions in the order they started in the file.
    pub sessions: Vec<SessionRecord>,
    /// Line numbers (from 1) of lines that could not be read.
    pub damaged: Vec<usize>,
}

/// A line as read: the same shape as [`super::format::Line`], borrowing where it can, so
/// a large history reads quickly.
#[derive(Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
enum Raw<'a> {
    Start {
        #[serde(borrow)]
        session: &'a str,
        at: &'a str,
        routine: String,
        file: String,
        hash: String,
        steps: Vec<String>,
        planned_s: f64,
        #[serde(default)]
        resumes: Option<String>,
        #[serde(default)]
        from: Option<Place>,
    },
    Hold {
        session: &'a str,
        at: &'a str,
        step: String,
        #[serde(default)]
        side: Option<String>,
        rep: u32,
        skipped: bool,
    },
    Pause {
        session: &'a str,
        at: &'a str,
    },
    Resume {
        session: &'a str,
        at: &'a str,
    },
    End {
        session: &'a str,
        at: &'a str,
        completed: bool,
        active_s: f64,
        paused_s: f64,
        #[serde(default)]
        stopped: Option<Place>,
    },
}

/// Reads the history at `path`; a missing file is an empty history.
pub fn load(path: &Path) -> std::io::Result<History> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(parse(&bytes)),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(History::default()),
        Err(error) => Err(error),
    }
}

/// Reads history lines.
pub fn parse(bytes: &[u8]) -> History {
    let mut history = History::default();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for (number, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let read = std::str::from_utf8(line).ok().and_then(|l| serde_json::from_str::<Raw<'_>>(l).ok());
        let Some(raw) = read else {
            history.damaged.push(number + 1);
            continue;
        };
        if !apply(&mut history, &mut by_id, raw) {
            history.damaged.push(number + 1);
        }
    }
    history
}

/// Adds a line to its session; false if the line makes no sense (a bad time).
fn apply(history: &mut History, by_id: &mut HashMap<String, usize>, raw: Raw<'_>) -> bool {
    if let Raw::Start { session, at, routine, file, hash, steps, planned_s, resumes, from } = raw {
        let Ok(started) = at.parse::<jiff::Timestamp>() else { return false };
        by_id.insert(session.to_string(), history.sessions.len());
        history.sessions.push(SessionRecord {
            id: session.to_string(),
            routine,
            file,
            hash,
            steps,
            started,
            last_seen: started,
            planned_s,
            ended: None,
            holds_done: 0,
            holds_skipped: 0,
            last_hold: None,
            resumes,
            from,
        });
        return true;
    }
    let (session, at) = match &raw {
        Raw::Start { session, at, .. }
        | Raw::Hold { session, at, .. }
        | Raw::Pause { session, at }
        | Raw::Resume { session, at }
        | Raw::End { session, at, .. } => (*session, *at),
    };
    let Ok(at) = at.parse::<jiff::Timestamp>() else { return false };
    // A line whose start was lost belongs to nothing that can be shown.
    let Some(record) = by_id.get(session).and_then(|&i| history.sessions.get_mut(i)) else { return true };
    record.last_seen = record.last_seen.max(at);
    match raw {
        Raw::Hold { step, side, rep, skipped, .. } => {
            if skipped {
                record.holds_skipped += 1;
            } else {
                record.holds_done += 1;
            }
            record.last_hold = Some(Place { step, side, rep });
        }
        Raw::End { completed, active_s, paused_s, stopped, .. } => {
            record.ended = Some(Ending { completed, active_s, paused_s, stopped });
        }
        Raw::Start { .. } | Raw::Pause { .. } | Raw::Resume { .. } => {}
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    const START: &str = r#"{"event":"start","session":"a","at":"2026-11-21T09:00:00.000Z","routine":"Quick","file":"bundled:quick","hash":"sha256:00","steps":["calf","child"],"planned_s":60.0}"#;
    const HOLD: &str = r#"{"event":"hold","session":"a","at":"2026-11-21T09:00:35.000Z","step":"calf","side":"left","rep":1,"name":"Calf","kind":"hold","planned_s":30.0,"actual_s":30.0,"skipped":false}"#;
    const END: &str = r#"{"event":"end","session":"a","at":"2026-11-21T09:01:00.000Z","completed":false,"active_s":60.0,"paused_s":0.0,"stopped":{"step":"child","rep":1}}"#;

    #[test]
    fn torn_and_garbage_lines_are_skipped_and_counted() {
        let text = format!("{START}\n{{\"event\":\"hold\",\"sess\n\u{0}\u{1}garbage\n{HOLD}\n\n{END}\n{}", &HOLD[..40]);
        let history = parse(text.as_bytes());
        assert_eq!(history.damaged, vec![2, 3, 7]);
        assert_eq!(history.sessions.len(), 1);
        let s = &history.sessions[0];
        assert_eq!((s.holds_done, s.holds_skipped), (1, 0));
        let ending = s.ended.as_ref().expect("an end line");
        assert!(!ending.completed);
        assert_eq!(ending.stopped, Some(Place { step: "child".into(), side: None, rep: 1 }));
    }

    #[test]
    fn a_session_without_an_end_runs_to_its_last_line() {
        let history = parse(format!("{START}\n{HOLD}\n").as_bytes());
        let s = &history.sessions[0];
        assert!(s.ended.is_none());
        assert!((s.duration_s() - 35.0).abs() < 1e-9);
        assert_eq!(s.last_hold, Some(Place { step: "calf".into(), side: Some("left".into()), rep: 1 }));
    }

    #[test]
    fn bytes_that_are_not_text_are_a_damaged_line() {
        let mut bytes = format!("{START}\n").into_bytes();
        bytes.extend_from_slice(b"\xff\xfe\n");
        bytes.extend_from_slice(HOLD.as_bytes());
        let history = parse(&bytes);
        assert_eq!(history.damaged, vec![2]);
        assert_eq!(history.sessions[0].holds_done, 1);
    }
}
