//! Every hold of a session as recorded, with the words they repeat (each step's id, each
//! stretch's name) kept once per session. A session's holds name a few steps again and
//! again: held as strings of their own, five years of holds were two allocations a hold,
//! most of what reading them cost (valgrind --tool=callgrind, 1,826 sessions).

use serde::{Deserialize, Serialize};

use crate::place::Place;
use crate::session::Ended;
use crate::side::Side;

/// Times as the history's index keeps them: whole nanoseconds, not text to parse again.
pub(super) mod nanoseconds {
    pub use jiff::fmt::serde::timestamp::nanosecond::required::{deserialize, serialize};
}

/// A session's holds and timed activities, in order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Holds {
    records: Vec<Stored>,
    /// The steps and names the records point into, each once.
    words: Vec<String>,
}

/// A hold as kept: its words by their place in [`Holds::words`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
struct Stored {
    #[serde(with = "nanoseconds")]
    at: jiff::Timestamp,
    step: u32,
    side: Option<Side>,
    rep: u32,
    name: u32,
    activity: bool,
    planned_s: f64,
    actual_s: f64,
    ended: Ended,
}

/// One hold (or timed activity) as recorded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HoldRecord<'a> {
    /// When it ended.
    pub at: jiff::Timestamp,
    pub step: &'a str,
    pub side: Option<Side>,
    pub rep: u32,
    /// The stretch's name as it was then.
    pub name: &'a str,
    /// A timed activity (a walk), not a hold.
    pub activity: bool,
    pub planned_s: f64,
    pub actual_s: f64,
    pub ended: Ended,
}

impl HoldRecord<'_> {
    /// When it began: its end less the time it ran.
    pub fn started(&self) -> jiff::Timestamp {
        let ran = jiff::SignedDuration::try_from_secs_f64(self.actual_s.max(0.0)).unwrap_or_default();
        self.at.checked_sub(ran).unwrap_or(self.at)
    }

    /// Whether it was at `place` in its routine.
    pub fn is_at(&self, place: &Place) -> bool {
        (self.step, self.side, self.rep) == (place.step.as_str(), place.side, place.rep)
    }
}

/// Words looked for among the ones kept before a new one is kept: a session names a
/// handful, and one edited by hand to name thousands is kept in full rather than searched.
const SEARCHED: usize = 64;

impl Holds {
    pub fn push(&mut self, hold: &HoldRecord<'_>) {
        let step = self.word(hold.step);
        let name = self.word(hold.name);
        self.records.push(Stored {
            at: hold.at,
            step,
            side: hold.side,
            rep: hold.rep,
            name,
            activity: hold.activity,
            planned_s: hold.planned_s,
            actual_s: hold.actual_s,
            ended: hold.ended,
        });
    }

    /// Adds `later`'s holds after these.
    pub fn append(&mut self, later: &Holds) {
        for hold in later {
            self.push(&hold);
        }
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    pub fn iter(&self) -> Iter<'_> {
        Iter { holds: self, next: 0 }
    }

    /// Where `word` is kept, keeping it if it is new.
    fn word(&mut self, word: &str) -> u32 {
        let recent = self.words.len().saturating_sub(SEARCHED);
        if let Some(at) = self.words[recent..].iter().position(|w| w == word) {
            return u32::try_from(recent + at).unwrap_or(u32::MAX);
        }
        self.words.push(word.to_string());
        u32::try_from(self.words.len() - 1).unwrap_or(u32::MAX)
    }

    fn text(&self, at: u32) -> &str {
        usize::try_from(at).ok().and_then(|at| self.words.get(at)).map_or("", String::as_str)
    }
}

/// The holds of a session in order.
#[derive(Debug, Clone)]
pub struct Iter<'a> {
    holds: &'a Holds,
    next: usize,
}

impl<'a> Iterator for Iter<'a> {
    type Item = HoldRecord<'a>;

    fn next(&mut self) -> Option<Self::Item> {
        let stored = self.holds.records.get(self.next)?;
        self.next += 1;
        Some(HoldRecord {
            at: stored.at,
            step: self.holds.text(stored.step),
            side: stored.side,
            rep: stored.rep,
            name: self.holds.text(stored.name),
            activity: stored.activity,
            planned_s: stored.planned_s,
            actual_s: stored.actual_s,
            ended: stored.ended,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.holds.records.len() - self.next;
        (left, Some(left))
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Holds {
    type Item = HoldRecord<'a>;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hold<'a>(step: &'a str, name: &'a str, rep: u32) -> HoldRecord<'a> {
        HoldRecord {
            at: jiff::Timestamp::UNIX_EPOCH,
            step,
            side: Some(Side::Left),
            rep,
            name,
            activity: false,
            planned_s: 30.0,
            actual_s: 30.0,
            ended: Ended::Held,
        }
    }

    #[test]
    fn holds_read_back_as_pushed_with_each_word_kept_once() {
        let pushed = [hold("calf", "Calf", 1), hold("calf", "Calf", 2), hold("hamstring", "Hamstring", 1)];
        let mut holds = Holds::default();
        for h in &pushed {
            holds.push(h);
        }
        assert_eq!(holds.iter().collect::<Vec<_>>(), pushed);
        assert_eq!(holds.words, ["calf", "Calf", "hamstring", "Hamstring"]);
        let mut two = Holds::default();
        two.push(&pushed[0]);
        let mut later = Holds::default();
        later.push(&pushed[1]);
        later.push(&pushed[2]);
        two.append(&later);
        assert_eq!(two, holds, "appended, the same as pushed in turn");
    }

    #[test]
    fn a_session_naming_thousands_of_words_keeps_them_all() {
        let names: Vec<String> = (0..1000).map(|n| format!("step-{n}")).collect();
        let mut holds = Holds::default();
        for name in &names {
            holds.push(&hold(name, "Calf", 1));
        }
        holds.push(&hold("step-0", "Calf", 2));
        let steps: Vec<&str> = holds.iter().map(|h| h.step).collect();
        assert_eq!(&steps[..1000], names.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(steps[1000], "step-0", "one seen long ago is kept again, not lost");
    }
}
