//! The history view over a fixed history (a streak, a missed week, a hold marked pain, a
//! routine whose holds grow, a session cut short): drawn at three sizes and pinned by
//! snapshots, and its figures checked against the text report's.

// Lengths read back from the CSV are the history file's, to the millisecond.
#![allow(clippy::float_cmp)]

mod support;

use std::collections::HashMap;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use supple::app::history_view::HistoryView;
use supple::config::ThemeName;
use supple::history::read::{self, Detail, History};
use supple::history::report;
use support::history;

const SIZES: [(u16, u16); 3] = [(40, 12), (80, 24), (120, 40)];

fn now() -> Timestamp {
    history::NOW.parse().unwrap()
}

fn read_history() -> History {
    read::parse_with(history::text(now()).as_bytes(), Detail::Holds).unwrap()
}

fn view() -> HistoryView {
    let caps = HashMap::from([(history::GROWING.to_string(), history::GROWING_CAP_S)]);
    HistoryView::new(read_history(), now(), TimeZone::UTC, &caps)
}

fn press(view: &mut HistoryView, code: KeyCode) {
    view.key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn buffer(view: &HistoryView, (width, height): (u16, u16), theme: ThemeName) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, width, height));
    supple::ui::history::draw(&mut buf, view, theme);
    buf
}

/// The screen as text, a solid cell as `█`.
fn screen(view: &HistoryView, size: (u16, u16)) -> String {
    let buf = buffer(view, size, ThemeName::Default);
    (0..size.1)
        .map(|y| {
            (0..size.0)
                .map(|x| {
                    let cell = &buf[(x, y)];
                    let solid = cell.bg != ratatui::style::Color::Reset || cell.modifier.contains(Modifier::REVERSED);
                    if solid && cell.symbol() == " " { "█" } else { cell.symbol() }
                })
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn snap_all_sizes(name: &str, view: &HistoryView) {
    for size in SIZES {
        insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), screen(view, size));
    }
}

#[test]
fn the_weeks_at_every_size() {
    snap_all_sizes("history_all_routines", &view());
}

#[test]
fn a_growing_routine_charts_its_holds_up_to_its_cap() {
    let mut view = view();
    press(&mut view, KeyCode::Tab);
    assert_eq!(view.chosen_routine().map(|r| r.key.as_str()), Some(history::GROWING));
    snap_all_sizes("history_growing_routine", &view);
}

#[test]
fn a_day_opened_shows_what_was_held_shortened_skipped_and_painful() {
    let mut view = view();
    // The pain day: two weeks back, Thursday (today is a Thursday too).
    press(&mut view, KeyCode::Up);
    press(&mut view, KeyCode::Up);
    press(&mut view, KeyCode::Enter);
    let shown = screen(&view, (80, 24));
    for word in ["held", "shortened", "pain", "Seated hamstring stretch, left"] {
        assert!(shown.contains(word), "{word} in\n{shown}");
    }
    snap_all_sizes("history_day_open", &view);
    // The day cut short: a week back, Saturday.
    let mut view = self::view();
    press(&mut view, KeyCode::Up);
    press(&mut view, KeyCode::Right);
    press(&mut view, KeyCode::Right);
    press(&mut view, KeyCode::Enter);
    let shown = screen(&view, (80, 24));
    assert!(shown.contains("stopped early") && shown.contains("skipped"), "{shown}");
}

/// The calendar's rows as (Monday's label, the count at the end of the row).
fn calendar_counts(screen: &str) -> Vec<(String, usize)> {
    screen
        .lines()
        .filter_map(|line| {
            let line = line.trim_start_matches(' ').trim_start_matches('›');
            let label: String = line.chars().take(7).collect();
            let day: u32 = label.split_whitespace().next()?.parse().ok()?;
            let count = line.chars().skip(7 + 28).take(4).collect::<String>();
            let count: usize = count.trim().trim_end_matches('✓').parse().ok()?;
            Some((format!("{day} {}", label.split_whitespace().nth(1)?), count))
        })
        .collect()
}

#[test]
fn the_figures_shown_are_the_text_reports() {
    let history = read_history();
    let report = report::build(&history, now(), &TimeZone::UTC, 10, 8);
    let view = view();
    for size in [(80, 24), (120, 40)] {
        let shown = screen(&view, size);
        let rows = calendar_counts(&shown);
        assert!(rows.len() >= 6, "the calendar's rows in\n{shown}");
        for (label, count) in &rows {
            let week = report
                .weeks
                .iter()
                .find(|w| {
                    let monday: jiff::civil::Date = w.start.parse().unwrap();
                    monday.strftime("%-d %b").to_string() == *label
                })
                .unwrap_or_else(|| panic!("the report has the week of {label}"));
            assert_eq!(week.completed, *count, "the week of {label}");
        }
        let this_week = report.weeks.iter().find(|w| w.start == "2026-11-30").expect("this week").completed;
        assert!(shown.contains(&format!("This week {this_week} of 3 to 5")), "{shown}");
        assert!(shown.contains(&format!("{} weeks in a row", report.streak_weeks)), "{shown}");
    }
    assert_eq!(report.streak_weeks, 3, "three weeks met, then the missed week");
    assert_eq!(report.pain.len(), 1);
    let text = report::text(&report);
    let shown = screen(&view, (120, 40));
    let pain = &report.pain[0];
    assert!(text.contains(&pain.name) && shown.contains("Marked pain") && shown.contains(&pain.name), "{shown}");
}

#[test]
fn minutes_a_week_are_the_sessions_time() {
    let view = view();
    // The week before: three sessions of 10 minutes and one cut short after 130 s.
    assert!((view.figures.weeks[1].minutes - (3.0 * 10.0 + 130.0 / 60.0)).abs() < 1e-9);
    let shown = screen(&view, (120, 40));
    assert!(shown.contains("Minutes a week (20 the week chosen"), "{shown}");
}

#[test]
fn the_longest_holds_grow_to_the_cap_and_stop() {
    let mut view = view();
    press(&mut view, KeyCode::Tab);
    let holds: Vec<Option<f64>> = view.figures.weeks.iter().rev().map(|w| w.longest_hold_s).collect();
    assert_eq!(holds, [Some(30.0), Some(30.0), Some(35.0), None, Some(40.0), Some(40.0), Some(45.0), Some(45.0)]);
}

#[test]
fn monochrome_keeps_every_mark_and_uses_no_colour() {
    let mut view = view();
    // Wednesday, a day with a session.
    press(&mut view, KeyCode::Left);
    let buf = buffer(&view, (80, 24), ThemeName::Monochrome);
    assert!(buf.content.iter().all(|c| c.fg == ratatui::style::Color::Reset && c.bg == ratatui::style::Color::Reset));
    let text: String = buf.content.iter().map(ratatui::buffer::Cell::symbol).collect();
    for mark in ["●", "◐", "!", "·", "✓", "[● ]"] {
        assert!(text.contains(mark), "{mark}");
    }
}

#[test]
fn every_size_from_tiny_to_huge_draws() {
    let mut view = view();
    for width in [1, 10, 20, 39, 40, 59, 60, 75, 76, 99, 100, 150, 210, 300] {
        for height in [1, 3, 5, 11, 12, 19, 20, 33, 34, 55, 80] {
            let _ = buffer(&view, (width, height), ThemeName::Default);
        }
    }
    press(&mut view, KeyCode::Enter);
    press(&mut view, KeyCode::Tab);
    for (width, height) in [(10, 3), (40, 12), (210, 55)] {
        let _ = buffer(&view, (width, height), ThemeName::Default);
    }
    let empty = HistoryView::new(History::default(), now(), TimeZone::UTC, &HashMap::new());
    let shown = screen(&empty, (80, 24));
    assert!(shown.contains("This week 0 of 3 to 5"), "{shown}");
}

/// A temporary home for config and data, with the fixed history dated back from now.
fn home_with_history() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("supple")).unwrap();
    std::fs::write(home.path().join("supple/history.jsonl"), history::text(Timestamp::now())).unwrap();
    home
}

#[test]
fn on_a_terminal_it_opens_moves_a_week_opens_a_day_and_leaves_the_terminal_as_it_was() {
    let home = home_with_history();
    let dir = home.path().to_str().unwrap();
    let env = [("XDG_DATA_HOME", dir), ("XDG_CONFIG_HOME", dir), ("TZ", "UTC")];
    let mut pty = support::pty::Pty::spawn(&["history"], 100, 30, &env);
    pty.wait_text("Sessions a week", std::time::Duration::from_secs(10));
    let today = jiff::Zoned::now().with_time_zone(TimeZone::UTC).date();
    let monday = today.checked_sub(jiff::Span::new().days(i64::from(today.weekday().to_monday_zero_offset()))).unwrap();
    let week_before = monday.checked_sub(jiff::Span::new().weeks(1)).unwrap();
    let chosen = |date: jiff::civil::Date| format!("›{}", date.strftime("%-d %b"));
    assert!(pty.screen().contains(&chosen(monday)), "this week chosen:\n{}", pty.screen());
    pty.send("\x1b[A");
    pty.wait_text(&chosen(week_before), std::time::Duration::from_secs(5));
    // Saturday of the week before: a session cut short.
    let today_index = i16::from(today.weekday().to_monday_zero_offset());
    let (arrow, times) = if today_index <= 5 { ("\x1b[C", 5 - today_index) } else { ("\x1b[D", today_index - 5) };
    for _ in 0..times {
        pty.send(arrow);
    }
    pty.send("\r");
    let saturday = week_before.checked_add(jiff::Span::new().days(5)).unwrap();
    let screen = pty.wait_text(&saturday.strftime("%A %-d %B").to_string(), std::time::Duration::from_secs(5));
    assert!(screen.contains("stopped early") && screen.contains("skipped"), "{screen}");
    pty.send("q");
    assert_eq!(pty.wait_exit(std::time::Duration::from_secs(5)), 0);
    assert!(pty.on_main_screen(), "still on the alternate screen");
    assert!(pty.cursor_visible(), "the cursor is hidden");
    assert_eq!(pty.termios_now(), pty.termios_before, "terminal modes not restored");
}

#[test]
fn in_a_pipe_or_with_plain_it_prints_the_report() {
    let home = home_with_history();
    for args in [&["history"][..], &["history", "--plain"]] {
        let out = assert_cmd::Command::cargo_bin("supple")
            .unwrap()
            .args(args)
            .env("XDG_DATA_HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path())
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(out.status.success() && text.contains("Sore hamstring relief") && text.contains("a week"), "{text}");
    }
}

#[test]
fn csv_has_a_row_for_every_hold_of_the_history_file() {
    let home = home_with_history();
    let out = assert_cmd::Command::cargo_bin("supple")
        .unwrap()
        .args(["history", "--csv"])
        .env("XDG_DATA_HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path())
        .env("TZ", "UTC")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut rows = csv::Reader::from_reader(out.stdout.as_slice());
    assert_eq!(rows.headers().unwrap(), supple::history::csv::COLUMNS.as_slice());
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    let file = std::fs::read_to_string(home.path().join("supple/history.jsonl")).unwrap();
    let holds: Vec<serde_json::Value> = file
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|l| l["event"] == "hold")
        .collect();
    assert_eq!(rows.len(), holds.len(), "a row per hold");
    for (row, hold) in rows.iter().zip(&holds) {
        let field = |name: &str| &row[supple::history::csv::COLUMNS.iter().position(|c| *c == name).unwrap()];
        assert_eq!(field("session"), hold["session"].as_str().unwrap());
        assert_eq!(field("step"), hold["step"].as_str().unwrap());
        assert_eq!(field("side"), hold["side"].as_str().unwrap());
        assert_eq!(field("rep"), hold["rep"].to_string());
        assert_eq!(field("planned").parse::<f64>().unwrap(), hold["planned_s"].as_f64().unwrap());
        assert_eq!(field("held").parse::<f64>().unwrap(), hold["actual_s"].as_f64().unwrap());
        let ended = hold["ended"].as_str().unwrap();
        assert_eq!(field("skipped"), if matches!(ended, "skipped" | "pain") { "yes" } else { "no" });
        assert_eq!(field("pain"), if ended == "pain" { "yes" } else { "no" });
        assert_eq!(field("stretch"), hold["name"].as_str().unwrap());
        // The hold started its length before its end line (to the second the column shows).
        let end: Timestamp = hold["at"].as_str().unwrap().parse().unwrap();
        let started: Timestamp = field("started").parse().unwrap();
        assert!((end.duration_since(started).as_secs_f64() - hold["actual_s"].as_f64().unwrap()).abs() < 1.0);
    }
    let routines: std::collections::HashSet<&str> = rows.iter().map(|r| &r[1]).collect();
    assert_eq!(routines, ["Sore hamstring relief", "Post-run cool-down"].into());
}
