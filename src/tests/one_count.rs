//! One session with a hold held, a hold shortened and a hold skipped (and a walk, which is
//! no hold): the summary screen, the farewell line, plain mode's last line, `supple
//! history` and its JSON all count them the same.

use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::{App, Effect};
use crate::config::Config;
use crate::files::SourceFile;
use crate::history::recorder::Recorder;
use crate::remembered::SoundLevel;
use crate::routine::library::{Origin, RoutineFile};
use crate::run::Run;
use crate::session::Record;
use crate::ui::narration::Narrator;

const ROUTINE: &str = r#"
name = "Counted"
[defaults]
get_ready = 5
[[step]]
name = "Walk"
duration = "20s"
[[step]]
name = "Calf"
hold = 30
sides = "both"
switch_sides = 5
[[step]]
name = "Child"
hold = 30
"#;

fn press(app: &mut App, code: KeyCode, at: u64, records: &mut Vec<Record>) {
    keep(app.key(KeyEvent::new(code, KeyModifiers::NONE), Duration::from_secs(at)), records);
}

fn tick(app: &mut App, at: u64, records: &mut Vec<Record>) {
    keep(app.tick(Duration::from_secs(at)), records);
}

fn keep(effects: Vec<Effect>, records: &mut Vec<Record>) {
    records.extend(effects.into_iter().filter_map(|e| if let Effect::Record(r) = e { Some(r) } else { None }));
}

#[test]
fn a_session_is_counted_the_same_everywhere() {
    let file = RoutineFile::new(Origin::Path, SourceFile { path: "counted.toml".into(), text: ROUTINE.into() });
    let run = Run::new(file, &crate::routine::Fallbacks::default()).expect("valid");
    let mut app = App::with_run(run, Config::default(), SoundLevel::default());
    let mut records = Vec::new();
    press(&mut app, KeyCode::Enter, 0, &mut records); // get ready 0-5, the walk from 5
    tick(&mut app, 6, &mut records);
    press(&mut app, KeyCode::Right, 6, &mut records); // the walk, skipped: it is no hold
    tick(&mut app, 12, &mut records); // get ready 6-11; calf left from 11, 1 s in
    for _ in 0..3 {
        press(&mut app, KeyCode::Char('-'), 12, &mut records); // down to a second, the right side too
    }
    tick(&mut app, 13, &mut records); // the left ran out, 2 s of 30: shortened
    press(&mut app, KeyCode::Right, 13, &mut records); // skip the switch: the right side, 1 s
    for _ in 0..3 {
        press(&mut app, KeyCode::Char('+'), 13, &mut records); // back to 31 s: held in full
    }
    tick(&mut app, 44, &mut records); // ran out at 44; get ready to 49
    tick(&mut app, 50, &mut records); // the child's pose
    press(&mut app, KeyCode::Right, 50, &mut records); // skipped
    let run = app.run().expect("a run");
    assert!(matches!(run.session.status(), crate::session::Status::Finished { completed: true }));

    // The history, written and read as a real session's is.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.jsonl");
    let mut recorder = Recorder::new(Some(&path));
    recorder.record(&records, run, Duration::from_secs(80));
    let history = crate::history::read::load(&path).unwrap();
    let tz = jiff::tz::TimeZone::UTC;
    let report = crate::history::report::build(&history, jiff::Timestamp::now(), &tz, 5, 4);

    let tally = run.session.hold_tally();
    assert_eq!((tally.done, tally.shortened, tally.skipped, tally.total), (1, 1, 1, 3));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| drop(crate::ui::draw(f.buffer_mut(), &app, Duration::from_secs(81)))).unwrap();
    let summary = format!("{:?}", terminal.backend().buffer());
    assert!(summary.contains("Held       1 of 3 holds"), "{summary}");
    assert!(summary.contains("Shortened  1 hold") && summary.contains("Skipped    1 hold"), "{summary}");
    let farewell = crate::wording::farewell(run).unwrap();
    assert_eq!(farewell, "Counted: done, 1 of 3 holds, 1 shortened, 1 skipped.");
    let mut narrator = Narrator::default();
    let done = narrator.line(run, Duration::from_secs(81)).unwrap();
    assert!(done.ends_with("DONE          1 of 3 holds, 1 shortened, 1 skipped."), "{done}");
    let text = crate::history::report::text(&report);
    assert!(text.contains("completed · 1 held · 1 shortened · 1 skipped"), "one line: {text}");
    let json: serde_json::Value = serde_json::from_str(&crate::history::report::json(&report)).unwrap();
    let entry = &json["recent"][0];
    assert_eq!(
        (&entry["holds_done"], &entry["holds_shortened"], &entry["holds_skipped"]),
        (&1.into(), &1.into(), &1.into())
    );
}
