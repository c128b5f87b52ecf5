//! The history's index: the history as last read with every hold, kept in the cache
//! directory so that years of sessions open in a blink. Reading five years of a session a
//! day (7 MB of JSON lines) is most of the history view's first frame; decoding what they
//! came to is a fraction of it (`cargo bench --bench history` prints both).
//!
//! The history file stays the one truth, never written here. The index names the bytes it
//! was made from, part by part, by where they end and their xxh3 digest, and is used only
//! while the history still starts with exactly those bytes; then only the lines after them
//! are read. Anything else (no index, another history's, a line edited by hand, one of
//! another version, a damaged one) reads the whole file as before and writes the index
//! anew. It is written for a history of [`FROM`] bytes or more, and again once
//! [`AGAIN_AFTER`] bytes were added; always whole, renamed over the one before.

use std::borrow::Cow;
use std::io::{BufRead, BufReader, Seek as _};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::read::{self, Builder, Detail, Digesting, History, Part, SessionRecord};

/// The shortest history given an index: shorter ones read in a few milliseconds anyway.
const FROM: u64 = 1 << 20;

/// How many bytes added after the index make it worth writing again.
const AGAIN_AFTER: u64 = 256 << 10;

/// The index file's first bytes, then its format's number as 4 bytes little-endian.
const MAGIC: &[u8; 8] = b"supple\0i";

/// Raised whenever what is kept changes shape or lines are read differently: an index of
/// another format (or another version of supple) is not read.
const FORMAT: u32 = 1;

/// How much longer than its history an index may be and still be read: one is shorter.
const LONGER_BY: u64 = 1 << 20;

/// Where the index of the history is kept.
pub(crate) fn location() -> Option<PathBuf> {
    crate::dirs::cache().map(|d| d.join("history.index"))
}

/// Reads every hold of the history at `history`: through the index at `at` when there is
/// one and the history is long enough to want it.
pub(crate) fn load(history: &Path, at: Option<&Path>) -> std::io::Result<History> {
    let Some(file) = read::open(history)? else { return Ok(History::default()) };
    let len = file.metadata()?.len();
    match at {
        Some(at) if len >= FROM => read_through(history, file, len, at),
        _ => Ok(read::read_whole(history, file, len, Detail::Holds)?.builder.finish()),
    }
}

/// What an index holds.
#[derive(Serialize, Deserialize)]
struct Index<'a> {
    /// The version of supple that wrote it.
    version: Cow<'a, str>,
    /// The history file it was made from.
    history: Cow<'a, str>,
    /// The bytes it was made from.
    parts: Cow<'a, [Part]>,
    /// The number of their last line.
    lines: usize,
    sessions: Cow<'a, [SessionRecord]>,
    damaged: Cow<'a, [usize]>,
}

/// Reads every hold of the history at `history` (open as `file`, `len` bytes long) through
/// the index at `at`: what the index holds and the lines after it, or all of it, writing
/// the index.
fn read_through(history: &Path, file: std::fs::File, len: u64, at: &Path) -> std::io::Result<History> {
    let name = history.to_string_lossy();
    let mut reader = BufReader::with_capacity(1 << 16, file);
    if let Some(index) = open_index(at, len.saturating_add(LONGER_BY)).filter(|index| index.history == name) {
        if starts_with(&mut reader, &index.parts)? {
            return carry_on(index, reader, at);
        }
        reader.rewind()?;
    }
    let whole = read::read_whole(history, reader.into_inner(), len, Detail::Holds)?;
    if !whole.at_line_end {
        // A line cut short at the end (a crash) is read again in full next time.
        return Ok(whole.builder.finish());
    }
    Ok(finish_and_save(whole.builder, &name, whole.parts, at))
}

/// The history `index` was made from, with the lines `reader` holds after it added.
fn carry_on(index: Index<'_>, mut reader: impl BufRead, at: &Path) -> std::io::Result<History> {
    let covers = index.parts.last().map_or(0, |p| p.end);
    let tail = read::read_from(&mut reader, covers, Detail::Holds)?;
    let history = History { sessions: index.sessions.into_owned(), damaged: index.damaged.into_owned() };
    let mut builder = Builder::resume(history, index.lines);
    builder.append(tail.builder);
    let added = tail.parts.last().map_or(0, |p| p.end - covers);
    if added < AGAIN_AFTER || !tail.at_line_end {
        return Ok(builder.finish());
    }
    let mut parts = index.parts.into_owned();
    parts.extend(tail.parts);
    Ok(finish_and_save(builder, &index.history, parts, at))
}

/// Whether `reader`, from where it is, holds exactly the bytes of `parts`; it is left
/// after them (or wherever it found a difference).
fn starts_with<R: BufRead>(reader: &mut R, parts: &[Part]) -> std::io::Result<bool> {
    let mut start = 0;
    for &part in parts {
        let Some(len) = part.end.checked_sub(start) else { return Ok(false) };
        let mut bytes = Digesting::new(std::io::Read::take(&mut *reader, len));
        loop {
            let n = bytes.fill_buf()?.len();
            if n == 0 {
                break;
            }
            bytes.consume(n);
        }
        if bytes.part(start) != part {
            return Ok(false);
        }
        start = part.end;
    }
    Ok(true)
}

/// The sessions `builder` read, after writing them to the index at `at`; an index that
/// cannot be written is only a slower start next time.
fn finish_and_save(builder: Builder, history: &str, parts: Vec<Part>, at: &Path) -> History {
    let lines = builder.lines();
    let finished = builder.finish();
    let index = Index {
        version: Cow::Borrowed(env!("CARGO_PKG_VERSION")),
        history: Cow::Borrowed(history),
        parts: Cow::Owned(parts),
        lines,
        sessions: Cow::Borrowed(&finished.sessions),
        damaged: Cow::Borrowed(&finished.damaged),
    };
    let _ = save(&index, at);
    finished
}

fn save(index: &Index<'_>, at: &Path) -> std::io::Result<()> {
    let payload = postcard::to_stdvec(index).map_err(std::io::Error::other)?;
    let mut bytes = Vec::with_capacity(payload.len() + 20);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&FORMAT.to_le_bytes());
    bytes.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&payload).to_le_bytes());
    bytes.extend_from_slice(&payload);
    if let Some(dir) = at.parent() {
        std::fs::create_dir_all(dir)?;
    }
    crate::files::replace(at, &bytes)
}

/// The index at `at`, if there is one of this format and version, whole, and no longer
/// than `max` bytes.
fn open_index(at: &Path, max: u64) -> Option<Index<'static>> {
    let bytes = crate::files::read_regular(at, max).ok()??;
    let rest = bytes.strip_prefix(MAGIC)?.strip_prefix(&FORMAT.to_le_bytes()[..])?;
    let (digest, payload) = rest.split_first_chunk::<8>()?;
    if u64::from_le_bytes(*digest) != xxhash_rust::xxh3::xxh3_64(payload) {
        return None;
    }
    postcard::from_bytes(payload).ok().filter(|index: &Index<'_>| index.version == env!("CARGO_PKG_VERSION"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::format::{Ended, Line, Place};
    use crate::side::Side;

    /// `count` sessions of three holds (the third marked pain) and an end, an hour apart
    /// from `first`, the lines of each second one written beside the next's.
    fn sessions(first: usize, count: usize) -> String {
        let mut text = String::new();
        for n in first..first + count {
            let at = |s: i64| {
                let hours = i64::try_from(n).unwrap_or(0);
                super::super::recorder::stamp(jiff::Timestamp::from_second(1_790_000_000 + hours * 3600 + s).unwrap())
            };
            let session = format!("s{n}");
            let hold = |rep: u32, ended: Ended| Line::Hold {
                session: session.clone(),
                at: at(30 * i64::from(rep)),
                // The last on no side: a place without one is kept as it is too.
                place: Place { step: "calf".into(), side: (rep < 3).then_some(Side::Left), rep },
                name: "Calf".into(),
                kind: "hold".into(),
                planned_s: 30.0,
                actual_s: 30.0,
                ended,
            };
            let lines = [
                Line::Start {
                    session: session.clone(),
                    at: at(0),
                    routine: "Quick".into(),
                    file: "bundled:quick".into(),
                    hash: "sha256:00".into(),
                    steps: vec!["calf".into()],
                    planned_s: 90.0,
                    resumes: None,
                    from: None,
                },
                hold(1, Ended::Held),
                hold(2, Ended::Shortened),
                hold(3, Ended::Pain),
                Line::End { session, at: at(95), completed: true, active_s: 90.0, paused_s: 0.0, stopped: None },
            ];
            for line in lines {
                text.push_str(&line.to_json_line());
            }
        }
        text
    }

    struct Files {
        _dir: tempfile::TempDir,
        history: PathBuf,
        index: PathBuf,
    }

    fn files(text: &str) -> Files {
        let dir = tempfile::tempdir().unwrap();
        let history = dir.path().join("history.jsonl");
        std::fs::write(&history, text).unwrap();
        let index = dir.path().join("cache/history.index");
        Files { _dir: dir, history, index }
    }

    fn through_index(f: &Files) -> History {
        let len = std::fs::metadata(&f.history).unwrap().len();
        read_through(&f.history, std::fs::File::open(&f.history).unwrap(), len, &f.index).unwrap()
    }

    fn whole(f: &Files) -> History {
        read::parse_with(std::fs::read(&f.history).unwrap().as_slice(), Detail::Holds).unwrap()
    }

    fn append(f: &Files, text: &str) {
        use std::io::Write as _;
        std::fs::OpenOptions::new().append(true).open(&f.history).unwrap().write_all(text.as_bytes()).unwrap();
    }

    /// Marks the index at `f` by renaming its first session, so that a read shows whether
    /// the index was used.
    fn mark(f: &Files) {
        let mut index = open_index(&f.index, u64::MAX).expect("an index");
        index.sessions.to_mut()[0].routine = "From the index".into();
        save(&index, &f.index).unwrap();
    }

    fn first_routine(history: &History) -> &str {
        &history.sessions[0].routine
    }

    #[test]
    fn read_through_its_index_a_history_is_what_reading_it_whole_gives() {
        let f = files(&sessions(0, 3));
        assert!(!f.index.exists());
        let cold = through_index(&f);
        assert_eq!(cold.sessions, whole(&f).sessions);
        assert_eq!(cold.sessions[0].holds.len(), 3, "every hold");
        mark(&f);
        let warm = through_index(&f);
        assert_eq!(first_routine(&warm), "From the index", "the index was read");
        assert_eq!(warm.sessions[1..], whole(&f).sessions[1..]);
    }

    #[test]
    fn only_a_history_long_enough_to_want_an_index_is_given_one() {
        let short = files(&sessions(0, 3));
        assert_eq!(load(&short.history, Some(&short.index)).unwrap().sessions, whole(&short).sessions);
        assert!(!short.index.exists(), "a short history is quick to read as it is");
        let per_session = u64::try_from(sessions(0, 1).len()).unwrap();
        let long = files(&sessions(0, usize::try_from(FROM / per_session + 1).unwrap()));
        assert_eq!(load(&long.history, Some(&long.index)).unwrap().sessions, whole(&long).sessions);
        assert!(long.index.exists());
        assert!(load(&long.history.with_file_name("none.jsonl"), Some(&long.index)).unwrap().sessions.is_empty());
    }

    #[test]
    fn lines_added_after_the_index_are_read_and_added_to_their_sessions() {
        let text = sessions(0, 4);
        // The index ends inside the last session: its hold marked pain and end come after.
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let (before, after) = lines.split_at(lines.len() - 2);
        let f = files(&before.concat());
        through_index(&f);
        mark(&f);
        append(&f, &format!("{}garbage\n{}", after.concat(), sessions(4, 1)));
        let history = through_index(&f);
        assert_eq!(first_routine(&history), "From the index", "the index was read");
        let expected = whole(&f);
        assert_eq!(history.sessions[1..], expected.sessions[1..]);
        assert_eq!(history.damaged, expected.damaged, "damage counted by the line, as ever");
        assert_eq!(history.damaged, [lines.len() + 1]);
        let last = &history.sessions[3];
        assert_eq!((last.holds.len(), last.pains.len(), last.ended.is_some()), (3, 1, true));
    }

    #[test]
    fn a_later_line_dated_earlier_moves_a_session_s_last_moment_as_reading_it_whole_does() {
        // The clock set back between two lines of one session.
        let text = sessions(0, 1);
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let f = files(&lines[..4].concat());
        through_index(&f);
        let at = |s: i64| super::super::recorder::stamp(jiff::Timestamp::from_second(1_790_000_000 + s).unwrap());
        append(&f, &lines[4].replace(&at(95), &at(5)));
        let history = through_index(&f);
        assert_eq!(history.sessions, whole(&f).sessions);
        assert_eq!(history.sessions[0].last_seen, whole(&f).sessions[0].started + jiff::SignedDuration::from_secs(5));
    }

    #[test]
    fn a_history_that_is_no_longer_what_the_index_was_made_from_is_read_whole() {
        let text = sessions(0, 3);
        let f = files(&text);
        through_index(&f);
        // A line edited by hand, to the same length: a hold now skipped.
        mark(&f);
        std::fs::write(&f.history, text.replacen("\"ended\":\"held\"", "\"ended\":\"pain\"", 1)).unwrap();
        let edited = through_index(&f);
        assert_eq!(edited.sessions, whole(&f).sessions);
        assert_eq!(edited.sessions[0].holds_skipped, 2);
        // Cut shorter than the index.
        mark(&f);
        std::fs::write(&f.history, sessions(0, 1)).unwrap();
        assert_eq!(through_index(&f).sessions, whole(&f).sessions);
        // Another history's index.
        mark(&f);
        let other = files(&sessions(0, 3));
        std::fs::create_dir_all(other.index.parent().unwrap()).unwrap();
        std::fs::copy(&f.index, &other.index).unwrap();
        assert_eq!(first_routine(&through_index(&other)), "Quick");
    }

    #[test]
    fn indexed_up_to_any_line_and_the_rest_added_it_is_what_reading_it_whole_gives() {
        // A byte-order mark first, lines of two sessions side by side, a session's id used
        // twice, a line before its session's start, damage, CRLF, and a last line with no time.
        let ours = sessions(0, 2);
        let lines: Vec<&str> = ours.split_inclusive('\n').collect();
        let twice = lines[..3].concat();
        let orphan = lines[6].replace("\"s1\"", "\"s9\"");
        let empty_at = r#"{"event":"pause","session":"s0","at":""}"#;
        let text = format!(
            "\u{feff}{}{}{}{twice}{orphan}{}\u{feff}{}garbage\n{}{}{empty_at}\n",
            lines[0],
            lines[5],
            lines[1],
            sessions(9, 1),
            lines[2],
            lines[6..].concat().replace('\n', "\r\n"),
            lines[3..5].concat(),
        );
        let whole_read = read::parse_with(text.as_bytes(), Detail::Holds).unwrap();
        assert!(whole_read.damaged.len() >= 2, "{:?}", whole_read.damaged);
        let mut cut = 0;
        for line in text.split_inclusive('\n') {
            cut += line.len();
            let f = files(&text[..cut]);
            through_index(&f);
            assert!(f.index.exists());
            append(&f, &text[cut..]);
            let history = through_index(&f);
            assert_eq!(history.sessions, whole_read.sessions, "indexed to byte {cut}");
            assert_eq!(history.damaged, whole_read.damaged, "indexed to byte {cut}");
        }
    }

    #[test]
    fn an_index_of_another_version_or_far_longer_than_its_history_is_not_read() {
        let f = files(&sessions(0, 3));
        through_index(&f);
        let mut index = open_index(&f.index, u64::MAX).unwrap();
        index.sessions.to_mut()[0].routine = "From the index".into();
        index.version = Cow::Borrowed("0.0.1");
        save(&index, &f.index).unwrap();
        assert_eq!(first_routine(&through_index(&f)), "Quick");
        mark(&f);
        let good = std::fs::read(&f.index).unwrap();
        let long = std::fs::OpenOptions::new().append(true).open(&f.index).unwrap();
        long.set_len(LONGER_BY * 2).unwrap();
        assert_eq!(first_routine(&through_index(&f)), "Quick");
        assert!(std::fs::read(&f.index).unwrap().len() < good.len() * 2, "written anew");
    }

    #[test]
    fn a_damaged_index_is_no_index() {
        let f = files(&sessions(0, 3));
        through_index(&f);
        let good = std::fs::read(&f.index).unwrap();
        for bad in [good[..good.len() / 2].to_vec(), vec![0; 100], b"supple\0i\x09\0\0\0".to_vec(), {
            let mut flipped = good.clone();
            flipped[good.len() - 5] ^= 0x40;
            flipped
        }] {
            std::fs::write(&f.index, &bad).unwrap();
            assert_eq!(through_index(&f).sessions, whole(&f).sessions);
            assert_eq!(std::fs::read(&f.index).unwrap(), good, "written anew");
        }
    }

    #[test]
    fn the_index_is_written_again_once_enough_is_added_and_not_before() {
        let f = files(&sessions(0, 3));
        through_index(&f);
        let covers = |f: &Files| open_index(&f.index, u64::MAX).unwrap().parts.last().unwrap().end;
        let first = covers(&f);
        append(&f, &sessions(3, 1));
        through_index(&f);
        assert_eq!(covers(&f), first, "a session more is read on top");
        let per_session = u64::try_from(sessions(0, 1).len()).unwrap();
        let many = usize::try_from(AGAIN_AFTER / per_session + 1).unwrap();
        append(&f, &sessions(4, many));
        let history = through_index(&f);
        assert_eq!(covers(&f), std::fs::metadata(&f.history).unwrap().len(), "written again, to the end");
        assert_eq!(history.sessions, whole(&f).sessions);
        assert_eq!(through_index(&f).sessions, whole(&f).sessions, "and read again");
    }

    #[test]
    fn a_history_cut_mid_line_at_its_end_is_not_indexed_until_the_line_is_whole() {
        let text = sessions(0, 2);
        let f = files(&text[..text.len() - 10]);
        assert_eq!(through_index(&f).damaged.len(), 1);
        assert!(!f.index.exists());
        std::fs::write(&f.history, &text).unwrap();
        through_index(&f);
        assert!(f.index.exists());
    }

    #[test]
    fn read_in_halves_split_anywhere_the_parts_are_the_bytes_read() {
        let text = sessions(0, 3);
        let f = files(&text);
        for near in 0..=text.len() as u64 {
            let file = std::fs::File::open(&f.history).unwrap();
            let halves = read::read_in_halves(&f.history, file, near, Detail::Holds).unwrap();
            assert!(halves.at_line_end);
            assert_eq!(halves.parts.last().map(|p| p.end), Some(text.len() as u64), "near {near}");
            let mut reader = BufReader::new(std::fs::File::open(&f.history).unwrap());
            assert!(starts_with(&mut reader, &halves.parts).unwrap(), "near {near}");
        }
    }

    #[test]
    fn the_index_of_a_fixed_history_encodes_as_it_did_when_its_format_was_numbered() {
        // If this fails, what the index keeps changed shape: raise FORMAT, so that an
        // index written before is read as none, and put the new digest here.
        let f = files(&sessions(0, 2));
        through_index(&f);
        let mut index = open_index(&f.index, u64::MAX).unwrap();
        index.history = Cow::Borrowed("history.jsonl");
        index.version = Cow::Borrowed("0.1.0");
        let payload = postcard::to_stdvec(&index).unwrap();
        assert_eq!((FORMAT, xxhash_rust::xxh3::xxh3_64(&payload)), (1, 0x3688_affc_24ba_5dc8));
    }
}
