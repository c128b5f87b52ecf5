//! Reading the history file back into sessions. A line that does not parse (torn by a
//! crash, edited by hand) is skipped and reported by its number; the file itself is never
//! changed by reading.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::BufRead;
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

/// A line as read: the same shape as [`super::format::Line`], borrowing its text, so a
/// history of years reads in a blink.
#[derive(Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
enum Raw<'a> {
    #[serde(borrow)]
    Start(StartLine<'a>),
    /// A hold line in the exact form supple writes, read without parsing all of it: its
    /// session, time and outcome. A session's last hold line is read in full at the end.
    #[serde(skip)]
    QuickHold { session: &'a str, at: &'a str, skipped: bool },
    #[serde(borrow)]
    Hold(HoldLine<'a>),
    #[serde(borrow)]
    Pause(Moment<'a>),
    #[serde(borrow)]
    Resume(Moment<'a>),
    #[serde(borrow)]
    End(EndLine<'a>),
}

#[derive(Deserialize)]
struct StartLine<'a> {
    #[serde(borrow)]
    session: Cow<'a, str>,
    #[serde(borrow)]
    at: Cow<'a, str>,
    routine: String,
    file: String,
    hash: String,
    steps: Vec<String>,
    planned_s: f64,
    #[serde(default)]
    resumes: Option<String>,
    #[serde(default)]
    from: Option<Place>,
}

#[derive(Deserialize)]
struct HoldLine<'a> {
    #[serde(borrow)]
    session: Cow<'a, str>,
    #[serde(borrow)]
    at: Cow<'a, str>,
    #[serde(borrow)]
    step: Cow<'a, str>,
    #[serde(default, borrow)]
    side: Option<Cow<'a, str>>,
    rep: u32,
    skipped: bool,
}

#[derive(Deserialize)]
struct Moment<'a> {
    #[serde(borrow)]
    session: Cow<'a, str>,
    #[serde(borrow)]
    at: Cow<'a, str>,
}

#[derive(Deserialize)]
struct EndLine<'a> {
    #[serde(borrow)]
    session: Cow<'a, str>,
    #[serde(borrow)]
    at: Cow<'a, str>,
    completed: bool,
    active_s: f64,
    paused_s: f64,
    #[serde(default)]
    stopped: Option<Place>,
}

impl<'a> Raw<'a> {
    /// Reads one line. Lines as supple writes them start with their event, so the right
    /// shape is read directly; any other spelling of the same JSON goes the longer way.
    fn read(line: &'a str) -> Option<Self> {
        let tagged = line.strip_prefix("{\"event\":\"").and_then(|rest| rest.split_once('"'));
        let direct = match tagged.map(|(event, _)| event) {
            Some("hold") => Self::quick_hold(line).or_else(|| serde_json::from_str(line).map(Raw::Hold).ok()),
            Some("start") => serde_json::from_str(line).map(Raw::Start).ok(),
            Some("end") => serde_json::from_str(line).map(Raw::End).ok(),
            Some("pause") => serde_json::from_str(line).map(Raw::Pause).ok(),
            Some("resume") => serde_json::from_str(line).map(Raw::Resume).ok(),
            _ => None,
        };
        direct.or_else(|| serde_json::from_str(line).ok())
    }

    /// `{"event":"hold","session":"S","at":"T",...,"skipped":B}` with no escapes in S or
    /// T: the form [`super::format::Line`] writes. Anything else is `None`.
    fn quick_hold(line: &'a str) -> Option<Self> {
        let rest = line.strip_prefix("{\"event\":\"hold\",\"session\":\"")?;
        let (session, rest) = rest.split_once('"')?;
        let (at, _) = rest.strip_prefix(",\"at\":\"")?.split_once('"')?;
        let skipped = if line.ends_with(",\"skipped\":false}") {
            false
        } else if line.ends_with(",\"skipped\":true}") {
            true
        } else {
            return None;
        };
        if session.contains('\\') || at.contains('\\') {
            return None;
        }
        Some(Raw::QuickHold { session, at, skipped })
    }

    fn session(&self) -> &str {
        match self {
            Raw::QuickHold { session, .. } => session,
            Raw::Start(l) => &l.session,
            Raw::Hold(l) => &l.session,
            Raw::Pause(l) | Raw::Resume(l) => &l.session,
            Raw::End(l) => &l.session,
        }
    }
}

/// Reads the history at `path`; a missing file is an empty history.
pub fn load(path: &Path) -> std::io::Result<History> {
    match std::fs::File::open(path) {
        Ok(file) => parse(std::io::BufReader::with_capacity(1 << 16, file)),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(History::default()),
        Err(error) => Err(error),
    }
}

/// Reads only the last `bytes` of the history at `path`, from the first whole line in
/// them: the recent sessions, at a cost that does not grow with the years. Sessions that
/// started before the cut are left out.
pub fn load_recent(path: &Path, bytes: u64) -> std::io::Result<History> {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(History::default()),
        Err(error) => return Err(error),
    };
    let len = file.metadata()?.len();
    let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
    if len > bytes {
        // From the byte before the cut, so a cut at a line's start keeps that line.
        std::io::Seek::seek(&mut reader, std::io::SeekFrom::Start(len - bytes - 1))?;
        reader.read_until(b'\n', &mut Vec::new())?;
    }
    parse(reader)
}

/// Reads history lines in one pass, holding one line at a time: a history of years is
/// never all in memory.
pub fn parse(mut reader: impl BufRead) -> std::io::Result<History> {
    let mut builder = Builder::default();
    let mut buffer = Vec::with_capacity(512);
    let mut number = 0;
    loop {
        buffer.clear();
        if reader.read_until(b'\n', &mut buffer)? == 0 {
            break;
        }
        number += 1;
        if buffer.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let line = std::str::from_utf8(&buffer).map(|l| l.trim_end_matches(['\n', '\r']));
        if !line.ok().and_then(Raw::read).is_some_and(|raw| builder.apply(raw, number, line.unwrap_or_default())) {
            builder.history.damaged.push(number);
        }
    }
    Ok(builder.finish())
}

/// Sessions being put together from their lines.
#[derive(Default)]
struct Builder {
    history: History,
    by_id: HashMap<String, usize>,
    /// Per session: its last line's time, and its last hold line with its number, read in
    /// full only at the end.
    last: Vec<(String, Option<(usize, String)>)>,
    /// The session of the line before, which the next line most often shares.
    recent: Option<usize>,
}

impl Builder {
    /// Adds a line to its session; false if the line makes no sense (a bad start time).
    fn apply(&mut self, raw: Raw<'_>, number: usize, text: &str) -> bool {
        if let Raw::Start(line) = raw {
            let Ok(started) = line.at.parse::<jiff::Timestamp>() else { return false };
            self.by_id.insert(line.session.to_string(), self.history.sessions.len());
            self.last.push((line.at.into_owned(), None));
            self.history.sessions.push(SessionRecord {
                id: line.session.into_owned(),
                routine: line.routine,
                file: line.file,
                hash: line.hash,
                steps: line.steps,
                started,
                last_seen: started,
                planned_s: line.planned_s,
                ended: None,
                holds_done: 0,
                holds_skipped: 0,
                last_hold: None,
                resumes: line.resumes,
                from: line.from,
            });
            return true;
        }
        // A line whose start was lost belongs to nothing that can be shown.
        let Some(index) = self.index_of(raw.session()) else { return true };
        let (at, skipped) = match &raw {
            Raw::QuickHold { at, skipped, .. } => (*at, Some(*skipped)),
            Raw::Hold(l) => (&*l.at, Some(l.skipped)),
            Raw::Pause(l) | Raw::Resume(l) => (&*l.at, None),
            Raw::End(l) => (&*l.at, None),
            Raw::Start(_) => return true,
        };
        let last = &mut self.last[index];
        last.0.clear();
        last.0.push_str(at);
        let record = &mut self.history.sessions[index];
        match skipped {
            Some(true) => record.holds_skipped += 1,
            Some(false) => record.holds_done += 1,
            None => {}
        }
        if skipped.is_some() {
            let (n, kept) = last.1.get_or_insert_with(|| (number, String::new()));
            *n = number;
            kept.clear();
            kept.push_str(text);
        }
        if let Raw::End(line) = raw {
            let ending = Ending {
                completed: line.completed,
                active_s: line.active_s,
                paused_s: line.paused_s,
                stopped: line.stopped,
            };
            record.ended = Some(ending);
        }
        true
    }

    /// The index of session `id`, if its start was read.
    fn index_of(&mut self, id: &str) -> Option<usize> {
        if let Some(index) = self.recent
            && self.history.sessions[index].id == id
        {
            return Some(index);
        }
        let index = *self.by_id.get(id)?;
        self.recent = Some(index);
        Some(index)
    }

    fn finish(mut self) -> History {
        for (record, (at, hold)) in self.history.sessions.iter_mut().zip(self.last) {
            if let Ok(at) = at.parse::<jiff::Timestamp>() {
                record.last_seen = record.last_seen.max(at);
            }
            let Some((number, line)) = hold else { continue };
            if let Ok(l) = serde_json::from_str::<HoldLine<'_>>(&line) {
                record.last_hold =
                    Some(Place { step: l.step.into_owned(), side: l.side.map(Cow::into_owned), rep: l.rep });
                continue;
            }
            // It looked whole but is not: a damaged line after all.
            self.history.damaged.push(number);
            if line.ends_with("true}") {
                record.holds_skipped = record.holds_skipped.saturating_sub(1);
            } else {
                record.holds_done = record.holds_done.saturating_sub(1);
            }
        }
        self.history.damaged.sort_unstable();
        self.history
    }
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
        let history = parse(text.as_bytes()).unwrap();
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
        let history = parse(format!("{START}\n{HOLD}\n").as_bytes()).unwrap();
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
        let history = parse(&bytes[..]).unwrap();
        assert_eq!(history.damaged, vec![2]);
        assert_eq!(history.sessions[0].holds_done, 1);
    }

    #[test]
    fn lines_as_supple_writes_them_read_the_same_as_any_other_spelling() {
        let text = format!("{START}\n{HOLD}\n{HOLD}\n{END}\n");
        let quick = parse(text.as_bytes()).unwrap();
        // Spaces after the colons: valid JSON that only the full reader takes.
        let spaced = parse(text.replace("\":", "\": ").as_bytes()).unwrap();
        assert_eq!(quick.sessions, spaced.sessions);
        assert_eq!((quick.sessions[0].holds_done, spaced.damaged.len()), (2, 0));
    }

    #[test]
    fn a_last_hold_that_only_looks_whole_is_damaged_and_not_counted() {
        let broken = HOLD.replace("\"rep\":1", "\"rep\":oops");
        let history = parse(format!("{START}\n{HOLD}\n{broken}\n").as_bytes()).unwrap();
        assert_eq!(history.damaged, vec![3]);
        let s = &history.sessions[0];
        assert_eq!(s.holds_done, 1);
        assert_eq!(s.last_hold, None, "the damaged line is not trusted");
    }

    #[test]
    fn the_recent_part_is_read_from_its_first_whole_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.jsonl");
        let older = START.replace("\"a\"", "\"old\"");
        let text = format!("{older}\n{START}\n{HOLD}\n");
        std::fs::write(&path, &text).unwrap();
        let recent = (START.len() + HOLD.len() + 2) as u64;
        let history = load_recent(&path, recent).unwrap();
        assert_eq!(history.sessions.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["a"]);
        assert!(history.damaged.is_empty(), "the line cut in two is not counted as damaged");
        let history = load_recent(&path, recent + 5).unwrap();
        assert_eq!(history.sessions.len(), 1, "a cut inside the older line drops all of it");
        assert!(history.damaged.is_empty());
        assert_eq!(load_recent(&path, 1 << 20).unwrap().sessions.len(), 2);
    }
}
