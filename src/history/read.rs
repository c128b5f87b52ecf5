//! Reading the history file back into sessions. A line that does not parse (torn by a
//! crash, edited by hand) is skipped and reported by its number; the file itself is never
//! changed by reading.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read as _, Seek as _, SeekFrom};
use std::path::Path;

use serde::{Deserialize, Serialize};

pub use super::holds::{HoldRecord, Holds};
use crate::place::Place;
use crate::session::Ended;
use crate::side::Side;

/// One session as the history tells it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionRecord {
    pub id: String,
    pub routine: String,
    pub file: String,
    pub hash: String,
    pub steps: Vec<String>,
    #[serde(with = "super::holds::nanoseconds")]
    pub started: jiff::Timestamp,
    /// The latest moment any of its lines names.
    #[serde(with = "super::holds::nanoseconds")]
    pub last_seen: jiff::Timestamp,
    pub planned_s: f64,
    /// `None` while it has no end line: still running, or killed.
    pub ended: Option<Ending>,
    /// Holds (not timed activities) held to the end, ended short, and skipped.
    pub holds_done: u32,
    pub holds_shortened: u32,
    pub holds_skipped: u32,
    /// The last hold recorded, done or skipped.
    pub last_hold: Option<Place>,
    pub resumes: Option<String>,
    /// Where it started, if it resumed another.
    pub from: Option<Place>,
    /// Holds the person marked as painful, in order.
    pub pains: Vec<PainMark>,
    /// Every hold and timed activity, in order: read only when asked for
    /// ([`Detail::Holds`]), else empty.
    pub holds: Holds,
}

/// How much of each session to read: what reports and resuming need, or every hold too
/// (the history view's days, `--csv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    Sessions,
    Holds,
}

/// A hold marked as painful.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PainMark {
    #[serde(with = "super::holds::nanoseconds")]
    pub at: jiff::Timestamp,
    pub place: Place,
    /// The stretch's name as it was then.
    pub name: String,
}

/// How a session ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ending {
    pub completed: bool,
    pub active_s: f64,
    pub paused_s: f64,
    pub stopped: Option<Place>,
}

impl SessionRecord {
    pub(crate) fn completed(&self) -> bool {
        self.ended.as_ref().is_some_and(|e| e.completed)
    }

    /// Whether it counts towards the week's sessions (see `HoldTally::counts_for_week`).
    pub(crate) fn counts_for_week(&self) -> bool {
        let count = |n: u32| usize::try_from(n).unwrap_or(usize::MAX);
        let tally = crate::session::HoldTally {
            done: count(self.holds_done),
            shortened: count(self.holds_shortened),
            skipped: count(self.holds_skipped),
            total: 0,
        };
        tally.counts_for_week(self.completed())
    }

    /// How long it ran: its active time if it ended, else from its start to its last line.
    pub(crate) fn duration_s(&self) -> f64 {
        match &self.ended {
            Some(e) => e.active_s,
            None => self.last_seen.duration_since(self.started).as_secs_f64().max(0.0),
        }
    }
}

#[cfg(test)]
impl SessionRecord {
    /// A ten-minute session of `file` (`bundled:NAME`, named NAME) started at `started`
    /// (RFC 3339): ended after its four holds when `completed` is `Some(true)`, quit after
    /// one of them when `Some(false)`, never ended (no hold recorded) when `None`.
    pub(crate) fn sample(id: &str, started: &str, file: &str, completed: Option<bool>) -> Self {
        let started: jiff::Timestamp = started.parse().expect("an RFC 3339 time");
        let done = completed.map_or(0, |c| if c { 4 } else { 1 });
        Self {
            id: id.into(),
            routine: file.trim_start_matches("bundled:").into(),
            file: file.into(),
            hash: "h".into(),
            steps: vec![],
            started,
            last_seen: started,
            planned_s: 600.0,
            ended: completed.map(|completed| Ending { completed, active_s: 600.0, paused_s: 0.0, stopped: None }),
            holds_done: done,
            holds_shortened: 0,
            holds_skipped: if completed.is_some() { 4 - done } else { 0 },
            last_hold: None,
            resumes: None,
            from: None,
            pains: vec![],
            holds: Holds::default(),
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

/// A line as read, borrowing its text. Every event's fields in one flat record, so a line
/// is read in one pass with no buffering; what a report does not need (a hold's name,
/// its planned and actual seconds) is skipped unread.
#[derive(Deserialize)]
struct Raw<'a> {
    #[serde(borrow)]
    event: Cow<'a, str>,
    #[serde(borrow)]
    session: Cow<'a, str>,
    #[serde(borrow)]
    at: Cow<'a, str>,
    // `start`
    routine: Option<String>,
    file: Option<String>,
    hash: Option<String>,
    steps: Option<Vec<String>>,
    planned_s: Option<f64>,
    resumes: Option<String>,
    from: Option<Place>,
    // `hold`
    #[serde(borrow)]
    step: Option<Cow<'a, str>>,
    side: Option<Side>,
    rep: Option<u32>,
    ended: Option<Ended>,
    /// Before `ended`: whether it was skipped, and marked as painful.
    skipped: Option<bool>,
    #[serde(borrow)]
    kind: Option<Cow<'a, str>>,
    actual_s: Option<f64>,
    pain: Option<bool>,
    /// Read only for a hold marked as painful; other holds' names are skipped unheld.
    #[serde(borrow)]
    name: Option<Cow<'a, str>>,
    // `end`
    completed: Option<bool>,
    active_s: Option<f64>,
    paused_s: Option<f64>,
    stopped: Option<Place>,
}

/// What a line says, once its event's fields are all there.
enum Event<'a> {
    Start(Box<SessionRecord>),
    /// A hold ended (`None` for a timed activity, which is no hold), and the stretch's
    /// name if it was marked as painful.
    Hold {
        place: (Cow<'a, str>, Option<Side>, u32),
        ended: Option<Ended>,
        pain: Option<Cow<'a, str>>,
        /// The rest of the hold, when every hold is read.
        detail: Option<HoldDetail<'a>>,
    },
    Moment,
    End(Ending),
}

/// What a hold line says beyond its place and how it ended.
struct HoldDetail<'a> {
    at: jiff::Timestamp,
    name: Cow<'a, str>,
    activity: bool,
    planned_s: f64,
    actual_s: f64,
    ended: Ended,
}

impl<'a> Raw<'a> {
    /// The line's event, or `None` if a field it needs is missing or wrong.
    fn event(&mut self, detail: Detail) -> Option<Event<'a>> {
        Some(match &*self.event {
            "start" => {
                let started = self.at.parse::<jiff::Timestamp>().ok()?;
                Event::Start(Box::new(SessionRecord {
                    id: self.session.to_string(),
                    routine: self.routine.take()?,
                    file: self.file.take()?,
                    hash: self.hash.take()?,
                    steps: self.steps.take()?,
                    started,
                    last_seen: started,
                    planned_s: self.planned_s?,
                    ended: None,
                    holds_done: 0,
                    holds_shortened: 0,
                    holds_skipped: 0,
                    last_hold: None,
                    resumes: self.resumes.take(),
                    from: self.from.take(),
                    pains: Vec::new(),
                    holds: Holds::default(),
                }))
            }
            "hold" => {
                let ended = match (self.ended, self.skipped) {
                    (Some(ended), _) => ended,
                    // Written before `ended`: told from `skipped`, `pain` and the times.
                    (None, Some(true)) if self.pain == Some(true) => Ended::Pain,
                    (None, Some(true)) => Ended::Skipped,
                    (None, Some(false)) => match (self.planned_s, self.actual_s) {
                        (Some(planned), Some(actual)) => Ended::ran_out(seconds(planned), seconds(actual)),
                        _ => Ended::Held,
                    },
                    (None, None) => return None,
                };
                let activity = self.kind.as_deref() == Some("activity");
                let place = (self.step.take()?, self.side, self.rep?);
                let detail = match detail {
                    Detail::Holds => Some(HoldDetail {
                        at: self.at.parse().ok()?,
                        name: self.name.clone().unwrap_or_default(),
                        activity,
                        planned_s: self.planned_s.unwrap_or_default(),
                        actual_s: self.actual_s.unwrap_or_default(),
                        ended,
                    }),
                    Detail::Sessions => None,
                };
                let pain = (ended == Ended::Pain).then(|| self.name.take().unwrap_or_default());
                Event::Hold { place, ended: (!activity).then_some(ended), pain, detail }
            }
            "pause" | "resume" => Event::Moment,
            "end" => Event::End(Ending {
                completed: self.completed?,
                active_s: self.active_s?,
                paused_s: self.paused_s?,
                stopped: self.stopped.take(),
            }),
            _ => return None,
        })
    }
}

/// A history this long is read in two halves at once (on two threads), so that years of
/// sessions still report in a blink.
const READ_IN_HALVES_FROM: u64 = 4 << 20;

/// Reads the history at `path`; a missing file is an empty history.
pub(crate) fn load(path: &Path) -> std::io::Result<History> {
    load_with(path, Detail::Sessions)
}

/// Reads the history at `path` to the `detail` asked for.
pub(crate) fn load_with(path: &Path, detail: Detail) -> std::io::Result<History> {
    let Some(file) = open(path)? else { return Ok(History::default()) };
    let len = file.metadata()?.len();
    Ok(read_whole(path, file, len, detail)?.builder.finish())
}

/// The history file at `path` open to read; `None` if there is none.
pub(super) fn open(path: &Path) -> std::io::Result<Option<std::fs::File>> {
    match crate::files::open_regular(path, false) {
        Ok(file) => Ok(Some(file)),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error),
    }
}

/// Bytes of the history read in one go, and their xxh3 digest: how the index tells
/// that the history still starts with what it was made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Part {
    /// Where the bytes end, from the file's start.
    pub(super) end: u64,
    pub(super) digest: u64,
}

/// What reading a history (or its end) built, before its sessions are finished.
pub(super) struct Progress {
    pub(super) builder: Builder,
    /// The bytes read, in the parts they were read in.
    pub(super) parts: Vec<Part>,
    /// Whether the last byte read ended a line: then what was read can be carried on from.
    pub(super) at_line_end: bool,
}

/// Reads all of the history at `path`, open as `file` from its start and `len` bytes
/// long: in two halves at once if it is long.
pub(super) fn read_whole(path: &Path, file: std::fs::File, len: u64, detail: Detail) -> std::io::Result<Progress> {
    if len < READ_IN_HALVES_FROM {
        return read_from(BufReader::with_capacity(1 << 16, file), 0, detail);
    }
    read_in_halves(path, file, len / 2, detail)
}

/// Reads `reader`, which starts `start` bytes into the history, to its end.
pub(super) fn read_from(reader: impl BufRead, start: u64, detail: Detail) -> std::io::Result<Progress> {
    let mut reader = Digesting::new(reader);
    let builder = Builder::read(&mut reader, detail, start == 0)?;
    let at_line_end = reader.at_line_end();
    Ok(Progress { builder, parts: vec![reader.part(start)], at_line_end })
}

/// Reads the history at `path` (open as `file`) in two parts at once, split at the first
/// line that starts at or after byte `near`, then puts them together: lines in the
/// second part whose session started in the first are added to it.
pub(super) fn read_in_halves(path: &Path, file: std::fs::File, near: u64, detail: Detail) -> std::io::Result<Progress> {
    let mut second = BufReader::with_capacity(1 << 16, crate::files::open_regular(path, false)?);
    // From the byte before, so a line that starts at `near` is the second part's first.
    second.seek(SeekFrom::Start(near.saturating_sub(1)))?;
    let split = near.saturating_sub(1) + if near == 0 { 0 } else { skip_line(&mut second)? };
    let first = BufReader::with_capacity(1 << 16, file).take(split);
    std::thread::scope(|scope| {
        let later = scope.spawn(|| read_from(second, split, detail));
        let mut read = read_from(first, 0, detail)?;
        let later = later.join().map_err(|_| std::io::Error::other("reading the history failed"))??;
        read.builder.append(later.builder);
        // An empty second part leaves the first's end as it was.
        if later.parts.iter().any(|p| p.end > split) {
            read.at_line_end = later.at_line_end;
        }
        read.parts.extend(later.parts);
        Ok(read)
    })
}

/// A reader that keeps the digest of the bytes read through it, how many there were, and
/// the last of them.
pub(super) struct Digesting<R> {
    inner: R,
    hasher: xxhash_rust::xxh3::Xxh3,
    read: u64,
    last: Option<u8>,
}

impl<R: BufRead> Digesting<R> {
    pub(super) fn new(inner: R) -> Self {
        Self { inner, hasher: xxhash_rust::xxh3::Xxh3::new(), read: 0, last: None }
    }

    /// The bytes read so far as a part that began `start` bytes into the file.
    pub(super) fn part(&self, start: u64) -> Part {
        Part { end: start + self.read, digest: self.hasher.digest() }
    }

    /// Whether nothing was read, or the last byte read ended a line.
    pub(super) fn at_line_end(&self) -> bool {
        self.last.is_none_or(|b| b == b'\n')
    }
}

impl<R: BufRead> std::io::Read for Digesting<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let buffer = self.fill_buf()?;
        let n = buffer.len().min(out.len());
        out[..n].copy_from_slice(&buffer[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Digesting<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        // What is consumed was filled just before, so this is the buffer as it stands.
        if let Ok(buffer) = self.inner.fill_buf() {
            let seen = &buffer[..n.min(buffer.len())];
            self.hasher.update(seen);
            self.read += seen.len() as u64;
            self.last = seen.last().copied().or(self.last);
        }
        self.inner.consume(n);
    }
}

/// Reads only the last `bytes` of the history at `path`, from the first whole line in
/// them: the recent sessions, at a cost that does not grow with the years. Sessions that
/// started before the cut are left out.
pub(crate) fn load_recent(path: &Path, bytes: u64) -> std::io::Result<History> {
    let Some(file) = open(path)? else { return Ok(History::default()) };
    let len = file.metadata()?.len();
    let mut reader = BufReader::with_capacity(1 << 16, file);
    if len > bytes {
        // From the byte before the cut, so a cut at a line's start keeps that line.
        reader.seek(SeekFrom::Start(len - bytes - 1))?;
        skip_line(&mut reader)?;
    }
    parse(reader)
}

/// Skips to the start of the next line, holding nothing; how many bytes that took.
fn skip_line(reader: &mut impl BufRead) -> std::io::Result<u64> {
    let mut skipped = 0;
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Ok(skipped);
        }
        let (used, done) = memchr::memchr(b'\n', buffer).map_or((buffer.len(), false), |at| (at + 1, true));
        reader.consume(used);
        skipped += used as u64;
        if done {
            return Ok(skipped);
        }
    }
}

/// The longest history line read. supple writes lines of a few hundred bytes; anything
/// past this is damage (a crash can leave a run of NULs) and is skipped unheld.
const MAX_LINE: usize = 64 * 1024;

/// Reads history lines in one pass, holding at most one line at a time: a history of
/// years is never all in memory, nor is a damaged line of any length.
pub fn parse(reader: impl BufRead) -> std::io::Result<History> {
    parse_with(reader, Detail::Sessions)
}

/// [`parse`], to the `detail` asked for.
pub fn parse_with(reader: impl BufRead, detail: Detail) -> std::io::Result<History> {
    Ok(Builder::read(reader, detail, true)?.finish())
}

/// Calls `each` with every line's number (from 1) and its bytes (without the newline),
/// or `None` for a line longer than `max`, which is never held whole. Lines are read
/// straight from the reader's buffer; only a line cut by the buffer's end is copied.
fn for_each_line(
    mut reader: impl BufRead,
    max: usize,
    mut each: impl FnMut(usize, Option<&[u8]>),
) -> std::io::Result<()> {
    let mut number = 0;
    let mut carried: Vec<u8> = Vec::new();
    let mut too_long = false;
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            break;
        }
        let mut rest = buffer;
        while let Some(end) = memchr::memchr(b'\n', rest) {
            let piece = trim_cr(&rest[..end]);
            number += 1;
            if too_long || carried.len() + piece.len() > max {
                each(number, None);
            } else if carried.is_empty() {
                each(number, Some(piece));
            } else {
                carried.extend_from_slice(piece);
                each(number, Some(trim_cr(&carried)));
            }
            carried.clear();
            too_long = false;
            rest = &rest[end + 1..];
        }
        if carried.len() + rest.len() > max {
            too_long = true;
            carried.clear();
        } else if !too_long {
            carried.extend_from_slice(rest);
        }
        let used = buffer.len();
        reader.consume(used);
    }
    if too_long || !carried.is_empty() {
        number += 1;
        each(number, (!too_long).then_some(trim_cr(&carried)));
    }
    Ok(())
}

/// Seconds as the file writes them, as a duration (nonsense reads as zero).
fn seconds(s: f64) -> std::time::Duration {
    std::time::Duration::try_from_secs_f64(s).unwrap_or_default()
}

fn trim_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// What a session's lines after its start add up to.
#[derive(Debug, Default)]
struct Tally {
    holds_done: u32,
    holds_shortened: u32,
    holds_skipped: u32,
    last_hold: Option<Place>,
    ended: Option<Ending>,
    /// The time of the last line, read as a time only at the end; `None` before any line.
    last_at: Option<String>,
    pains: Vec<PainMark>,
    holds: Holds,
}

impl Tally {
    fn add(&mut self, event: Event<'_>, at: &str) {
        let last = self.last_at.get_or_insert_with(String::new);
        last.clear();
        last.push_str(at);
        match event {
            Event::Hold { place: (step, side, rep), ended, pain, detail } => {
                if let Some(d) = detail {
                    self.holds.push(&HoldRecord {
                        at: d.at,
                        step: &step,
                        side,
                        rep,
                        name: &d.name,
                        activity: d.activity,
                        planned_s: d.planned_s,
                        actual_s: d.actual_s,
                        ended: d.ended,
                    });
                }
                if let Some(name) = pain {
                    self.pains.push(PainMark {
                        at: at.parse().unwrap_or_default(),
                        place: Place { step: step.to_string(), side, rep },
                        name: name.into_owned(),
                    });
                }
                match ended {
                    Some(Ended::Held) => self.holds_done += 1,
                    Some(Ended::Shortened) => self.holds_shortened += 1,
                    Some(Ended::Skipped | Ended::Pain) => self.holds_skipped += 1,
                    None => {}
                }
                let last = self.last_hold.get_or_insert_with(|| Place { step: String::new(), side, rep });
                last.step.clear();
                last.step.push_str(&step);
                (last.side, last.rep) = (side, rep);
            }
            Event::End(ending) => self.ended = Some(ending),
            Event::Moment | Event::Start(_) => {}
        }
    }

    /// Adds what came later in the file.
    fn then(&mut self, later: Tally) {
        self.holds_done += later.holds_done;
        self.holds_shortened += later.holds_shortened;
        self.holds_skipped += later.holds_skipped;
        if later.last_hold.is_some() {
            self.last_hold = later.last_hold;
        }
        if later.ended.is_some() {
            self.ended = later.ended;
        }
        if later.last_at.is_some() {
            self.last_at = later.last_at;
        }
        self.pains.extend(later.pains);
        self.holds.append(&later.holds);
    }
}

/// Sessions being put together from their lines.
pub(super) struct Builder {
    history: History,
    /// Per session, what its later lines add up to.
    tallies: Vec<Tally>,
    by_id: HashMap<String, usize>,
    /// Lines of sessions whose start this part of the file does not hold: in a second
    /// half, their start is in the first.
    orphans: HashMap<String, Tally>,
    /// The session of the line before, which the next line most often shares.
    recent: Option<usize>,
    /// Lines read.
    lines: usize,
    detail: Detail,
}

impl Builder {
    /// A builder holding `history`, read to its line `lines`.
    fn new(history: History, lines: usize, detail: Detail) -> Self {
        Self {
            history,
            tallies: Vec::new(),
            by_id: HashMap::new(),
            orphans: HashMap::new(),
            recent: None,
            lines,
            detail,
        }
    }

    /// Reads the lines of `reader`, which is the start of the file if `first`.
    pub(super) fn read(reader: impl BufRead, detail: Detail, first: bool) -> std::io::Result<Self> {
        let mut builder = Self::new(History::default(), 0, detail);
        for_each_line(reader, MAX_LINE, |number, line| {
            builder.lines = number;
            let Some(line) = line else {
                builder.history.damaged.push(number);
                return;
            };
            if line.iter().all(u8::is_ascii_whitespace) {
                return;
            }
            // A byte-order mark some editors put first is not part of the line.
            let line =
                if first && number == 1 { line.strip_prefix("\u{feff}".as_bytes()).unwrap_or(line) } else { line };
            // Checked as text once, whole: serde_json then reads its strings unchecked,
            // which from bytes it checks one by one at several times the cost.
            let read = std::str::from_utf8(line).ok().and_then(|line| serde_json::from_str::<Raw<'_>>(line).ok());
            if !read.is_some_and(|raw| builder.apply(raw)) {
                builder.history.damaged.push(number);
            }
        })?;
        Ok(builder)
    }

    /// Carries on from `history`, read to its line `lines` with every hold, as if its
    /// lines had just been read: what comes after them is then [`Self::append`]ed.
    pub(super) fn resume(history: History, lines: usize) -> Self {
        let mut builder = Self::new(history, lines, Detail::Holds);
        for (index, record) in builder.history.sessions.iter_mut().enumerate() {
            builder.by_id.insert(record.id.clone(), index);
            let last_seen = std::mem::replace(&mut record.last_seen, record.started);
            builder.tallies.push(Tally {
                holds_done: record.holds_done,
                holds_shortened: record.holds_shortened,
                holds_skipped: record.holds_skipped,
                last_hold: record.last_hold.take(),
                ended: record.ended.take(),
                // A later line of it says its last moment instead, as reading it whole would.
                last_at: (last_seen > record.started).then(|| last_seen.to_string()),
                pains: std::mem::take(&mut record.pains),
                holds: std::mem::take(&mut record.holds),
            });
        }
        builder
    }

    /// The number of the last line read.
    pub(super) fn lines(&self) -> usize {
        self.lines
    }

    /// Adds a line to its session; false if the line makes no sense.
    fn apply(&mut self, mut raw: Raw<'_>) -> bool {
        let Some(event) = raw.event(self.detail) else { return false };
        if let Event::Start(record) = event {
            // A later start of the same id (a copied line) takes its lines from here on.
            self.by_id.insert(record.id.clone(), self.history.sessions.len());
            self.recent = Some(self.history.sessions.len());
            self.history.sessions.push(*record);
            self.tallies.push(Tally::default());
            return true;
        }
        match self.index_of(&raw.session) {
            Some(index) => self.tallies[index].add(event, &raw.at),
            None => self.orphans.entry(raw.session.into_owned()).or_default().add(event, &raw.at),
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

    /// Adds `later`, read from the part of the file after this one's.
    pub(super) fn append(&mut self, later: Builder) {
        for (id, tally) in later.orphans {
            match self.by_id.get(&id) {
                Some(&index) => self.tallies[index].then(tally),
                None => self.orphans.entry(id).or_default().then(tally),
            }
        }
        let offset = self.lines;
        self.history.damaged.extend(later.history.damaged.iter().map(|n| n.saturating_add(offset)));
        for (record, tally) in later.history.sessions.into_iter().zip(later.tallies) {
            self.by_id.insert(record.id.clone(), self.history.sessions.len());
            self.history.sessions.push(record);
            self.tallies.push(tally);
        }
        self.lines = self.lines.saturating_add(later.lines);
    }

    /// The sessions, each with its lines added up. Lines whose start was never read
    /// belong to nothing that can be shown.
    pub(super) fn finish(mut self) -> History {
        for (record, tally) in self.history.sessions.iter_mut().zip(self.tallies) {
            record.holds_done = tally.holds_done;
            record.holds_shortened = tally.holds_shortened;
            record.holds_skipped = tally.holds_skipped;
            record.last_hold = tally.last_hold;
            record.pains = tally.pains;
            record.holds = tally.holds;
            record.ended = tally.ended;
            if let Some(Ok(at)) = tally.last_at.map(|at| at.parse::<jiff::Timestamp>()) {
                record.last_seen = record.last_seen.max(at);
            }
        }
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
    fn how_a_hold_ended_reads_as_written_and_as_files_before_it_said() {
        let hold = |fields: &str| {
            format!(
                r#"{{"event":"hold","session":"a","at":"2026-11-21T09:00:35.000Z","step":"calf","rep":1,"name":"Calf","kind":"hold","planned_s":30.0,{fields}}}"#
            )
        };
        let lines = [
            hold(r#""actual_s":30.0,"ended":"held""#),
            hold(r#""actual_s":12.0,"ended":"shortened""#),
            hold(r#""actual_s":5.0,"ended":"skipped""#),
            hold(r#""actual_s":5.0,"ended":"pain""#),
            // Before `ended`: skipped, marked as painful, run out short.
            hold(r#""actual_s":5.0,"skipped":true"#),
            hold(r#""actual_s":5.0,"skipped":true,"pain":true"#),
            hold(r#""actual_s":12.0,"skipped":false"#),
        ];
        let text = format!("{START}\n{}\n", lines.join("\n"));
        let history = parse(text.as_bytes()).unwrap();
        assert!(history.damaged.is_empty(), "{:?}", history.damaged);
        let session = &history.sessions[0];
        assert_eq!((session.holds_done, session.holds_shortened, session.holds_skipped), (1, 2, 4));
        assert_eq!(session.pains.len(), 2);
        // A line that says neither is damaged.
        let history = parse(format!("{START}\n{}\n", hold(r#""actual_s":5.0"#)).as_bytes()).unwrap();
        assert_eq!(history.damaged, [2]);
    }

    #[test]
    fn a_byte_order_mark_before_the_first_line_is_not_damage() {
        let text = format!("\u{feff}{START}\n{HOLD}\n{END}\n");
        let history = parse(text.as_bytes()).unwrap();
        assert!(history.damaged.is_empty(), "{:?}", history.damaged);
        assert_eq!(history.sessions.len(), 1);
    }

    #[test]
    fn a_line_longer_than_the_longest_is_skipped_as_damaged_and_the_rest_read() {
        let long = "x".repeat(MAX_LINE + 10);
        let text = format!("{START}\n{long}\n{HOLD}\n{END}\n");
        let history = parse(text.as_bytes()).unwrap();
        assert_eq!(history.damaged, vec![2]);
        assert_eq!(history.sessions.len(), 1);
    }

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
        assert_eq!(s.last_hold, Some(Place { step: "calf".into(), side: Some(Side::Left), rep: 1 }));
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
        // Spaces after the colons: another spelling of the same JSON.
        let spaced = parse(text.replace("\":", "\": ").as_bytes()).unwrap();
        assert_eq!(quick.sessions, spaced.sessions);
        assert_eq!((quick.sessions[0].holds_done, spaced.damaged.len()), (2, 0));
    }

    #[test]
    fn a_hold_line_that_only_looks_whole_is_damaged_and_not_counted() {
        let broken = HOLD.replace("\"rep\":1", "\"rep\":oops");
        let history = parse(format!("{START}\n{HOLD}\n{broken}\n").as_bytes()).unwrap();
        assert_eq!(history.damaged, vec![3]);
        let s = &history.sessions[0];
        assert_eq!(s.holds_done, 1);
        assert_eq!(s.last_hold, Some(Place { step: "calf".into(), side: Some(Side::Left), rep: 1 }), "the whole one");
    }

    #[test]
    fn a_line_without_a_field_its_event_needs_is_damaged() {
        let no_rep = HOLD.replace("\"rep\":1,", "");
        let unknown = HOLD.replace("\"event\":\"hold\"", "\"event\":\"hodl\"");
        let history = parse(format!("{START}\n{no_rep}\n{unknown}\n").as_bytes()).unwrap();
        assert_eq!(history.damaged, vec![2, 3]);
        assert_eq!(history.sessions[0].holds_done, 0);
    }

    #[test]
    fn a_hold_marked_as_painful_is_read_with_its_place_and_name_in_either_half() {
        let pained =
            HOLD.replace("\"skipped\":false", "\"skipped\":true,\"pain\":true").replace("09:00:35", "09:00:40");
        let text = format!("{START}\n{HOLD}\n{pained}\n{END}\n");
        let whole = parse_with(text.as_bytes(), Detail::Holds).unwrap();
        let s = &whole.sessions[0];
        assert_eq!((s.holds_done, s.holds_skipped), (1, 1));
        assert_eq!(
            s.pains,
            vec![PainMark {
                at: "2026-11-21T09:00:40Z".parse().unwrap(),
                place: Place { step: "calf".into(), side: Some(Side::Left), rep: 1 },
                name: "Calf".into(),
            }]
        );
        // An older file, with no `pain` anywhere, reads as before: nothing marked.
        assert!(parse(format!("{START}\n{HOLD}\n{END}\n").as_bytes()).unwrap().sessions[0].pains.is_empty());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.jsonl");
        std::fs::write(&path, &text).unwrap();
        for near in 0..=text.len() as u64 {
            let halves = read_in_halves(&path, std::fs::File::open(&path).unwrap(), near, Detail::Holds)
                .unwrap()
                .builder
                .finish();
            assert_eq!(halves.sessions, whole.sessions, "split near {near}");
        }
    }

    #[test]
    fn read_in_halves_it_is_the_same_history() {
        // Two sessions interleaved (two terminals at once) and a damaged line, with the
        // split falling anywhere.
        let b = |line: &str| line.replace("\"a\"", "\"b\"");
        let text =
            format!("{START}\n{}\n{HOLD}\n{}\ngarbage\n{HOLD}\n{}\n{END}\n{}\n", b(START), b(HOLD), b(HOLD), b(END));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.jsonl");
        std::fs::write(&path, &text).unwrap();
        let whole = parse_with(text.as_bytes(), Detail::Holds).unwrap();
        assert_eq!((whole.sessions.len(), whole.damaged.clone()), (2, vec![5]));
        assert_eq!(whole.sessions[0].holds.len(), 2, "every hold kept when asked for");
        for near in 0..=text.len() as u64 {
            let halves = read_in_halves(&path, std::fs::File::open(&path).unwrap(), near, Detail::Holds)
                .unwrap()
                .builder
                .finish();
            assert_eq!(halves.sessions, whole.sessions, "split near {near}");
            assert_eq!(halves.damaged, whole.damaged, "split near {near}");
        }
    }

    #[test]
    fn a_session_id_started_again_takes_the_lines_after_it() {
        let text = format!("{START}\n{HOLD}\n{START}\n{HOLD}\n{HOLD}\n");
        let history = parse(text.as_bytes()).unwrap();
        let done: Vec<u32> = history.sessions.iter().map(|s| s.holds_done).collect();
        assert_eq!(done, [1, 2]);
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
