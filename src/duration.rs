//! Human durations: reading "30s", "1m30s", "90" and writing them back for people.
//!
//! A routine counts in whole seconds: a countdown shows seconds, and a fraction of one
//! would only make the plan's total disagree with what the screen shows.

use std::time::Duration;

/// Why a duration string could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DurationError {
    Empty,
    Negative,
    Fraction,
    Unreadable(String),
}

impl std::fmt::Display for DurationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Empty => write!(f, "the duration is empty"),
            Self::Negative => write!(f, "a duration cannot be negative"),
            Self::Fraction => write!(f, "durations are counted in whole seconds"),
            Self::Unreadable(why) => write!(f, "{why}"),
        }
    }
}

/// Reads a duration such as `"30s"`, `"1m30s"`, `"1m 30s"`, `"2min"` or a bare `"90"`
/// (seconds).
pub fn parse(text: &str) -> Result<Duration, DurationError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(DurationError::Empty);
    }
    if text.starts_with('-') {
        return Err(DurationError::Negative);
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return text
            .parse::<u64>()
            .map(Duration::from_secs)
            .map_err(|_| DurationError::Unreadable("the number is too large".into()));
    }
    let duration = humantime::parse_duration(text).map_err(|e| DurationError::Unreadable(describe(&e)))?;
    if duration.subsec_nanos() != 0 {
        return Err(DurationError::Fraction);
    }
    Ok(duration)
}

fn describe(error: &humantime::DurationError) -> String {
    match error {
        humantime::DurationError::UnknownUnit { unit, .. } if unit.is_empty() => {
            "a number needs a unit here".to_string()
        }
        humantime::DurationError::UnknownUnit { unit, .. } => {
            format!("`{}` is not a unit of time", crate::text::truncate(&crate::text::sanitize(unit, false), 20))
        }
        humantime::DurationError::NumberOverflow => "the number is too large".to_string(),
        humantime::DurationError::InvalidCharacter(_) | humantime::DurationError::NumberExpected(_) => {
            "this is not a duration".to_string()
        }
        humantime::DurationError::Empty => "the duration is empty".to_string(),
    }
}

/// Writes a duration compactly for tables and summaries: `45s`, `1m30s`, `12m`, `1h05m`.
pub(crate) fn compact(duration: Duration) -> String {
    let secs = duration.as_secs();
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    match (h, m, s) {
        (0, 0, s) => format!("{s}s"),
        (0, m, 0) => format!("{m}m"),
        (0, m, s) => format!("{m}m{s:02}s"),
        (h, 0, 0) => format!("{h}h"),
        (h, m, _) => format!("{h}h{m:02}m"),
    }
}

/// Writes a duration as a clock reading: `0:45`, `12:05`, `1:02:05`.
pub(crate) fn clock(duration: Duration) -> String {
    let secs = duration.as_secs();
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 { format!("{h}:{m:02}:{s:02}") } else { format!("{m}:{s:02}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[allow(clippy::unnecessary_wraps)]
    fn secs(n: u64) -> Result<Duration, DurationError> {
        Ok(Duration::from_secs(n))
    }

    #[test]
    fn reads_the_forms_people_write() {
        assert_eq!(parse("30s"), secs(30));
        assert_eq!(parse("1m30s"), secs(90));
        assert_eq!(parse("1m 30s"), secs(90));
        assert_eq!(parse("90"), secs(90));
        assert_eq!(parse(" 2min "), secs(120));
        assert_eq!(parse("1.5m"), secs(90));
        assert_eq!(parse("1h"), secs(3600));
        assert_eq!(parse("0"), secs(0));
    }

    #[test]
    fn rejects_what_is_not_a_duration() {
        assert_eq!(parse(""), Err(DurationError::Empty));
        assert_eq!(parse("-5s"), Err(DurationError::Negative));
        assert_eq!(parse("2.5s"), Err(DurationError::Fraction));
        assert_eq!(parse("500ms"), Err(DurationError::Fraction));
        assert!(matches!(parse("30 seconds please"), Err(DurationError::Unreadable(_))));
        assert!(matches!(parse("99999999999999999999999"), Err(DurationError::Unreadable(_))));
        assert_eq!(parse("30x").unwrap_err().to_string(), "`x` is not a unit of time");
        assert_eq!(parse("1m30").unwrap_err().to_string(), "a number needs a unit here");
    }

    #[test]
    fn writes_compact_and_clock_forms() {
        assert_eq!(compact(Duration::from_secs(45)), "45s");
        assert_eq!(compact(Duration::from_secs(90)), "1m30s");
        assert_eq!(compact(Duration::from_secs(720)), "12m");
        assert_eq!(compact(Duration::from_secs(3900)), "1h05m");
        assert_eq!(compact(Duration::from_secs(7200)), "2h");
        assert_eq!(clock(Duration::from_secs(45)), "0:45");
        assert_eq!(clock(Duration::from_secs(725)), "12:05");
        assert_eq!(clock(Duration::from_secs(3725)), "1:02:05");
    }
}
