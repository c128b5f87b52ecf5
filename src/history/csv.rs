//! `supple history --csv`: every hold and timed activity of the history as one row, for a
//! spreadsheet. Quoting is the `csv` crate's, so a routine named with a comma or a quote
//! stays one field.

use std::io::Write;

use jiff::tz::TimeZone;

use super::read::{History, HoldRecord, SessionRecord};
use crate::session::Ended;

/// The header row, in the order of the fields of every row.
pub const COLUMNS: [&str; 11] =
    ["session", "routine", "step", "side", "rep", "planned", "held", "skipped", "pain", "started", "stretch"];

/// Writes `history` (read with every hold) as CSV: a row per hold, sessions in the order
/// they started. Times are local to `tz`, with their offset; lengths are in seconds.
pub fn write(history: &History, tz: &TimeZone, out: impl Write) -> csv::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(COLUMNS)?;
    for session in &history.sessions {
        for hold in &session.holds {
            writer.write_record(row(session, &hold, tz))?;
        }
    }
    writer.flush()?;
    Ok(())
}

/// One hold's fields, as [`COLUMNS`] names them.
fn row(session: &SessionRecord, hold: &HoldRecord<'_>, tz: &TimeZone) -> [String; 11] {
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
    [
        session.id.clone(),
        session.routine.clone(),
        hold.step.to_string(),
        hold.side.map(|s| s.label().to_string()).unwrap_or_default(),
        hold.rep.to_string(),
        seconds(hold.planned_s),
        seconds(hold.actual_s),
        yes_no(matches!(hold.ended, Ended::Skipped | Ended::Pain)),
        yes_no(hold.ended == Ended::Pain || session.pains.iter().any(|p| hold.is_at(&p.place))),
        hold.started().to_zoned(tz.clone()).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        hold.name.to_string(),
    ]
}

/// Seconds to the millisecond the file keeps, without trailing zeros: what a spreadsheet
/// reads as a number.
fn seconds(s: f64) -> String {
    let text = format!("{:.3}", (s * 1000.0).round() / 1000.0);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_read_as_numbers() {
        assert_eq!(seconds(30.0), "30");
        assert_eq!(seconds(29.998), "29.998");
        assert_eq!(seconds(12.3404), "12.34");
        assert_eq!(seconds(0.0), "0");
        assert_eq!(seconds(10.0), "10");
    }
}
