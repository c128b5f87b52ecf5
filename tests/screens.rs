//! Every screen and overlay, drawn at three sizes on a test backend at fixed times and
//! pinned by snapshots.

use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Modifier;
use supple::app::{App, Marker};
use supple::config::{Config, ThemeName};
use supple::progress::Practice;
use supple::remembered::SoundLevel;
use supple::routine::Fallbacks;
use supple::routine::library::{self, RoutineFile};
use supple::run::{Offered, Run};
use supple::side::Side;

const SIZES: [(u16, u16); 3] = [(30, 10), (80, 24), (120, 40)];

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn routine(file: &str) -> RoutineFile {
    library::bundled().into_iter().find(|l| l.source.path.to_str() == Some(file)).expect("bundled routine")
}

fn offered(files: Vec<RoutineFile>) -> Vec<Offered> {
    files.into_iter().map(Offered::new).collect()
}

fn app(file: &str) -> App {
    App::with_run(
        Run::new(routine(file), &Fallbacks::default()).expect("valid"),
        Config::default(),
        SoundLevel::default(),
    )
}

/// The screen as text, one row a line.
fn screen(app: &App, now: Duration, (width, height): (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| drop(supple::ui::draw(frame.buffer_mut(), app, now))).unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| (0..width).map(|x| lit(&buffer[(x, y)])).collect::<String>().trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A cell's symbol, or `█` for a solid one: a space on a coloured background, or shown in
/// reverse (the monochrome theme's solid).
fn lit(cell: &ratatui::buffer::Cell) -> &str {
    let solid = cell.bg != ratatui::style::Color::Reset || cell.modifier.contains(Modifier::REVERSED);
    if solid && cell.symbol() == " " { "█" } else { cell.symbol() }
}

fn snap_all_sizes(name: &str, app: &App, now: Duration) {
    for size in SIZES {
        insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), screen(app, now, size));
    }
}

/// `sore-back-legs` started at 0 s: get ready 5 s, hold left 30 s, switch 5 s, hold right
/// 30 s, rest 10 s, ...
fn started() -> App {
    let mut app = app("sore-back-legs.toml");
    app.key(key(KeyCode::Enter), secs(0));
    app
}

#[test]
fn picker() {
    let mut entries = library::bundled();
    entries.rotate_left(1);
    let mut app = App::with_picker(offered(entries), Vec::new(), None, Config::default(), SoundLevel::default());
    app.key(key(KeyCode::Down), secs(0));
    snap_all_sizes("picker", &app, secs(0));
}

#[test]
fn picker_making_one_for_today() {
    let mut app =
        App::with_picker(offered(library::bundled()), Vec::new(), None, Config::default(), SoundLevel::default())
            .with_today(jiff::civil::date(2026, 12, 3));
    snap_all_sizes("picker_make_row", &app, secs(0));
    app.key(key(KeyCode::Enter), secs(0));
    // Calves ticked; 15 minutes; a wall at hand.
    for code in [
        KeyCode::Right,
        KeyCode::Char(' '),
        KeyCode::Down,
        KeyCode::Right,
        KeyCode::Down,
        KeyCode::Right,
        KeyCode::Char(' '),
    ] {
        app.key(key(code), secs(0));
    }
    snap_all_sizes("picker_make_form", &app, secs(0));
    app.key(key(KeyCode::Enter), secs(0));
    let ready = screen(&app, secs(0), (80, 24));
    assert!(ready.contains("For today: calves") && ready.contains("15:00"), "{ready}");
}

/// A quit session of `sore-back-legs`, stopped at the second step's right side, in a
/// routine that has changed since.
fn resumed_run() -> Run {
    use supple::history::format::Place;
    use supple::history::read::{Ending, SessionRecord};
    let loaded = routine("sore-back-legs.toml");
    let steps: Vec<String> = loaded.parsed.routine.as_ref().unwrap().steps.iter().map(|s| s.id.clone()).collect();
    let record = SessionRecord {
        id: "2026-11-20T07:30:00.000Z/4242".into(),
        routine: "Sore back legs".into(),
        file: "bundled:sore-back-legs".into(),
        hash: "sha256:older".into(),
        steps,
        started: "2026-11-20T07:30:00Z".parse().unwrap(),
        last_seen: "2026-11-20T07:36:00Z".parse().unwrap(),
        planned_s: 875.0,
        ended: Some(Ending {
            completed: false,
            active_s: 360.0,
            paused_s: 0.0,
            stopped: Some(Place { step: "calf-gastrocnemius".into(), side: Some(Side::Right), rep: 1 }),
        }),
        holds_done: 6,
        holds_shortened: 0,
        holds_skipped: 0,
        last_hold: None,
        resumes: None,
        from: None,
        pains: Vec::new(),
        holds: supple::history::holds::Holds::default(),
    };
    let mut run = supple::history::resume::resume(&record, loaded, &Fallbacks::default(), Practice::default())
        .expect("something left");
    if let Some(resumed) = run.resumed.as_mut() {
        resumed.when = Some("yesterday 18:30".into());
    }
    run
}

#[test]
fn picker_offering_to_resume() {
    let app = App::with_picker(
        offered(library::bundled()),
        Vec::new(),
        Some(resumed_run()),
        Config::default(),
        SoundLevel::default(),
    );
    snap_all_sizes("picker_resume", &app, secs(0));
}

#[test]
fn ready_to_resume() {
    snap_all_sizes("ready_resume", &App::with_run(resumed_run(), Config::default(), SoundLevel::default()), secs(0));
}

#[test]
fn ready() {
    snap_all_sizes("ready", &app("post-run-cooldown.toml"), secs(0));
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// Every kind of phase of `sore-back-legs` (and an activity of `deep-stretch`): its name
/// and the app at that moment.
fn every_phase_kind() -> Vec<(&'static str, App, Duration)> {
    let at = |mut app: App, now: Duration| {
        app.tick(now);
        (app, now)
    };
    let (get_ready, t0) = at(started(), ms(2_500));
    let (hold, t1) = at(started(), secs(17));
    let (switch, t2) = at(started(), secs(36));
    let (rest, t3) = at(started(), secs(72));
    let mut deep = app("deep-stretch.toml");
    deep.key(key(KeyCode::Enter), secs(0));
    let (activity, t4) = at(deep, secs(61));
    let mut paused = started();
    paused.key(key(KeyCode::Char(' ')), secs(20));
    vec![
        ("get_ready", get_ready, t0),
        ("hold", hold, t1),
        ("switch_sides", switch, t2),
        ("rest", rest, t3),
        ("activity", activity, t4),
        ("paused", paused, secs(90)),
    ]
}

const PHASE_SIZES: [(u16, u16); 4] = [(30, 10), (80, 24), (120, 40), (210, 55)];

#[test]
fn every_phase_kind_at_every_size_in_colour_and_monochrome() {
    for (theme_name, theme) in [("default", ThemeName::Default), ("monochrome", ThemeName::Monochrome)] {
        for (name, mut app, now) in every_phase_kind() {
            app.settings.theme = theme;
            for size in PHASE_SIZES {
                let snapshot = format!("{name}_{theme_name}_{}x{}", size.0, size.1);
                insta::assert_snapshot!(snapshot, screen(&app, now, size));
            }
        }
    }
}

/// What of a screen reads from across a room: its solid cells and the gauges' patterns,
/// without the session's progress below.
fn shape(screen: &str) -> String {
    let rows: Vec<&str> = screen.lines().collect();
    let keep = rows.len().saturating_sub(3);
    rows.iter()
        .enumerate()
        .map(|(y, row)| {
            let big = y < keep;
            let shown: String = row.chars().map(|c| if big && "█›▚»«~╱".contains(c) { c } else { ' ' }).collect();
            shown.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Each kind of phase of one stretch, all 30 s long and 10 s in, so their countdowns and
/// gauges' progress are the same. The rest is the one before the activity, with no side
/// to come.
fn same_time_every_kind() -> Vec<(&'static str, App, Duration)> {
    let text = "name = \"Same\"\n[defaults]\nget_ready = 30\nswitch_sides = 30\nrest_between_reps = 30\n\
                [[step]]\nname = \"Calf\"\nhold = 30\nsides = \"both\"\nreps = 2\nrest_after = 30\n\
                [[step]]\nname = \"Calf\"\nid = \"walk\"\nduration = 30\nget_ready = 0\n";
    let mut paused = running(text, 40);
    paused.key(key(KeyCode::Char(' ')), secs(40));
    vec![
        ("get ready", running(text, 10), secs(10)),
        ("hold", running(text, 40), secs(40)),
        ("switch sides", running(text, 70), secs(70)),
        ("rest", running(text, 250), secs(250)),
        ("activity", running(text, 280), secs(280)),
        ("paused", paused, secs(50)),
    ]
}

#[test]
fn no_two_kinds_of_phase_look_alike_in_monochrome_apart_from_the_digits() {
    let phases = same_time_every_kind();
    for size in PHASE_SIZES {
        let seen: Vec<(&str, String)> = phases
            .iter()
            .map(|(name, app, now)| {
                let mut app = App::with_run(app.run().unwrap().clone(), Config::default(), SoundLevel::default());
                app.settings.theme = ThemeName::Monochrome;
                let text = screen(&app, *now, size);
                // At the smallest size the phase is a line of text; above it, its shapes.
                (*name, if size.1 < 24 { text } else { shape(&text) })
            })
            .collect();
        for (i, (a, one)) in seen.iter().enumerate() {
            for (b, other) in &seen[i + 1..] {
                assert_ne!(one, other, "{a} and {b} look alike at {size:?}:\n{one}");
            }
        }
    }
}

#[test]
fn a_gap_shows_the_hold_to_come() {
    let text = "name = \"Mine\"\n[defaults]\nrest_after = 20\n\
                [[step]]\nname = \"Calf\"\nhold = 10\nget_ready = 0\nhow = \"Hands on the wall.\"\n\
                [[step]]\nname = \"Hamstring\"\nhold = 10\nsides = \"right-left\"\nget_ready = 0\n\
                how = \"Heel on a step.\"\nfocus = \"Straight back.\"\ntargets = [\"hamstrings\"]\n";
    let screen = screen(&running(text, 15), secs(15), (80, 24));
    assert!(screen.contains("REST") || screen.contains("Rest"), "{screen}");
    for shown in
        ["Hamstring", "Heel on a step.", "Focus: Straight back.", "Targets: hamstrings", "Hamstring · right side"]
    {
        assert!(screen.contains(shown), "the rest shows the hold to come ({shown}): {screen}");
    }
    assert!(!screen.contains("Hands on the wall."), "not the one before: {screen}");
}

#[test]
fn help() {
    let mut app = started();
    app.key(key(KeyCode::Char('?')), secs(20));
    snap_all_sizes("help", &app, secs(20));
}

#[test]
fn quit_confirmation() {
    let mut app = started();
    app.key(key(KeyCode::Char('q')), secs(20));
    snap_all_sizes("quit", &app, secs(20));
}

/// Runs the session from `now` to its end a second at a time, answering each wait at
/// once; returns when it ended.
fn run_to_end(app: &mut App, mut now: Duration) -> Duration {
    while !app.run().unwrap().session.total_remaining(now).is_zero() {
        now += secs(1);
        app.tick(now);
        if app.run().unwrap().session.waiting() {
            app.key(key(KeyCode::Char(' ')), now);
        }
    }
    now
}

#[test]
fn summary() {
    let mut app = started();
    app.key(key(KeyCode::Char('j')), secs(20)); // skip the first stretch
    app.key(key(KeyCode::Char(' ')), secs(30));
    app.key(key(KeyCode::Char(' ')), secs(90)); // paused a minute
    let end = run_to_end(&mut app, secs(90));
    snap_all_sizes("summary", &app, end + secs(5));
}

#[test]
fn every_size_from_tiny_to_huge_draws_without_panicking() {
    let mut app = started();
    app.tick(secs(17));
    for width in [1, 2, 5, 10, 20, 21, 33, 47, 80, 150, 300] {
        for height in [1, 2, 3, 4, 6, 7, 9, 13, 24, 61, 100] {
            screen(&app, secs(17), (width, height));
        }
    }
}

#[test]
fn the_smallest_screen_keeps_phase_time_and_gauge() {
    let mut app = started();
    app.tick(secs(17));
    let text = screen(&app, secs(17), (20, 6));
    let rows: Vec<&str> = text.lines().map(str::trim).collect();
    assert!(rows.contains(&"HOLD · LEFT"), "the phase and side: {text}");
    assert!(rows.contains(&"18"), "the countdown, on a row of its own: {text}");
    let gauge = |r: &&str| r.starts_with('█') && r.contains('·') && r.chars().all(|c| c == '█' || c == '·');
    assert!(rows.iter().any(gauge), "the hold's gauge, 13 of 30 s gone: {text}");
}

#[test]
fn reload_notices() {
    let mut app = started();
    app.tick(secs(17));
    app.notify("Reloaded sore-back-legs.toml; still at Supine hamstring with strap.", secs(17));
    snap_all_sizes("notice_reloaded", &app, secs(17));
    app.notify("Not reloaded: sore-back-legs.toml:21:1: unknown key `hodl` in step 1 (did you mean `hold`?)", secs(17));
    snap_all_sizes("notice_not_reloaded", &app, secs(17));
    assert!(!app.expire_notice(secs(22)), "{:?}", app.notice());
    assert!(app.expire_notice(secs(23)) && app.notice().is_none(), "a notice is brief");
}

#[test]
fn a_lasting_state_becomes_a_marker_and_the_keys_come_back() {
    let mut app = started();
    app.tick(secs(17));
    app.set_state(Marker::NoSoundDevice, "No sound device: chimes ring the terminal bell.", secs(17));
    let told = screen(&app, secs(18), (80, 24));
    assert!(told.contains("No sound device: chimes ring the terminal bell."), "{told}");
    assert!(!told.contains("space pause"), "the notice is where the keys were: {told}");
    assert!(app.expire_notice(secs(23)));
    let later = screen(&app, secs(24), (80, 24));
    let top = later.lines().find(|l| l.contains("stretch 1 of")).unwrap_or_else(|| panic!("{later}"));
    assert!(top.contains("no sound device"), "the marker is in the top line: {top}");
    assert!(later.contains("space pause"), "the keys are back: {later}");
    assert!(!later.contains("chimes ring"), "{later}");
    // A state that comes while a notice shows waits for it to go.
    app.notify("← again to go back to Calf", secs(24));
    app.set_state(Marker::HistoryNotSaved, "History not saved: disk full.", secs(25));
    assert_eq!(app.notice(), Some("← again to go back to Calf"));
    assert!(app.expire_notice(secs(30)));
    assert_eq!(app.notice(), Some("History not saved: disk full."));
    assert!(!app.expire_notice(secs(35)) && app.expire_notice(secs(36)) && app.notice().is_none());
    // A second state adds its marker; the same one twice is one marker.
    app.set_state(Marker::NoSoundDevice, "No sound device.", secs(24));
    app.set_state(Marker::ConfigMistake, "config.toml:3:1: unknown key", secs(24));
    assert_eq!(app.markers(), [Marker::NoSoundDevice, Marker::ConfigMistake, Marker::HistoryNotSaved]);
}

/// The screen with its styles: the text, then each run of one style.
fn styled(app: &App, now: Duration, (width, height): (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| drop(supple::ui::draw(frame.buffer_mut(), app, now))).unwrap();
    format!("{:?}", terminal.backend().buffer())
}

#[test]
fn themes() {
    for (name, theme) in [
        ("default", ThemeName::Default),
        ("high_contrast", ThemeName::HighContrast),
        ("monochrome", ThemeName::Monochrome),
    ] {
        let mut app = started();
        app.settings.theme = theme;
        app.tick(secs(17));
        insta::assert_snapshot!(format!("theme_{name}"), styled(&app, secs(17), (60, 18)));
    }
}

#[test]
fn themes_differ_and_monochrome_uses_no_colour() {
    let screens: Vec<String> = [ThemeName::Default, ThemeName::HighContrast, ThemeName::Monochrome]
        .into_iter()
        .map(|theme| {
            let mut app = started();
            app.settings.theme = theme;
            styled(&app, secs(17), (60, 18))
        })
        .collect();
    assert_ne!(screens[0], screens[1]);
    let colours = |screen: &str| -> Vec<String> {
        screen
            .split(['[', ','])
            .map(str::trim)
            .filter(|part| part.starts_with("fg: ") || part.starts_with("bg: "))
            .filter(|part| !part.ends_with("Reset"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(colours(&screens[2]), Vec::<String>::new(), "monochrome: {}", screens[2]);
    // Get ready: the Okabe-Ito yellow, or in high contrast a lighter one.
    assert!(colours(&screens[0]).contains(&"bg: Indexed(227)".to_string()), "{}", screens[0]);
    assert!(colours(&screens[1]).contains(&"bg: Indexed(228)".to_string()), "{}", screens[1]);
}

#[test]
fn countdown_as_text() {
    let mut app = started();
    app.settings.big_digits = false;
    app.tick(secs(17));
    snap_all_sizes("countdown_as_text", &app, secs(17));
}

/// A session of a routine written as `text`, started and `at` seconds in.
fn running(text: &str, at: u64) -> App {
    use supple::files::SourceFile;
    use supple::routine::library::Origin;
    let file = RoutineFile::new(Origin::Path, SourceFile { path: "mine.toml".into(), text: text.to_string() });
    assert!(file.parsed.diagnostics.is_empty(), "{:?}", file.parsed.diagnostics);
    let run = Run::new(file, &Fallbacks::default()).expect("valid");
    let mut app = App::with_run(run, Config::default(), SoundLevel::default());
    app.key(key(KeyCode::Enter), secs(0));
    app.tick(secs(at));
    app
}

#[test]
fn line_breaks_in_how_and_focus_are_kept_and_windows_line_endings_read_as_they_look() {
    let text = "name = \"Mine\"\n[[step]]\nname = \"Calf\"\nhold = 30\nget_ready = 0\n\
                how = \"\"\"\nHands on the wall.\nLean in slowly.\"\"\"\nfocus = \"\"\"Heel down.\nBreathe out.\"\"\"\n";
    for text in [text.to_string(), text.replace('\n', "\r\n")] {
        let screen = screen(&running(&text, 3), secs(3), (80, 24));
        assert!(!screen.contains("wall.Lean") && !screen.contains("down.Breathe"), "{screen}");
        let rows: Vec<&str> = screen.lines().map(str::trim).collect();
        assert!(rows.contains(&"Hands on the wall.") && rows.contains(&"Lean in slowly."), "{screen}");
        assert!(rows.contains(&"Focus: Heel down.") && rows.contains(&"Breathe out."), "{screen}");
        assert!(!screen.contains('\u{FFFD}'), "{screen}");
    }
}

#[test]
fn wide_names_are_cut_by_columns_and_the_top_line_keeps_its_right_side() {
    let text = "name = \"毎日\"\n[[step]]\nname = \"太腿の裏とふくらはぎのストレッチ、毎日の習慣として 🧘‍♀️🧘‍♀️🧘‍♀️\"\n\
                hold = 30\nsides = \"both\"\nreps = 3\n";
    for width in [40, 60, 80] {
        let screen = screen(&running(text, 7), secs(7), (width, 24));
        let top =
            screen.lines().find(|l| l.contains("1 of 1") || l.contains("1/1")).unwrap_or_else(|| panic!("{screen}"));
        assert!(top.trim_end().ends_with("vol 70%"), "the right side stays on screen at {width}: {top:?}");
        assert!(top.contains("rep 1 of 3"), "{top:?}");
        let name = screen.lines().find(|l| l.contains('太')).unwrap_or_else(|| panic!("{screen}"));
        // 60 columns wide, the name is cut at 40 and 60, whole at 80.
        assert_eq!(name.trim_end().ends_with('…'), width < 80, "the name is cut only to fit at {width}: {name:?}");
        // A wide character's second cell reads as a space here: one grapheme a cell.
        let cells = unicode_segmentation::UnicodeSegmentation::graphemes(name, true).count();
        assert!(cells <= usize::from(width), "{cells} cells in {width}: {name:?}");
    }
}

#[test]
fn joiners_in_names_are_kept() {
    let text = "name = \"کشش پا\"\n[[step]]\nname = \"می\u{200C}خواهم 👨\u{200D}👩\u{200D}👧\"\nhold = 30\n";
    let screen = screen(&running(text, 2), secs(2), (80, 24));
    assert!(screen.contains("می\u{200C}خواهم"), "{screen}");
    assert!(!screen.contains('\u{FFFD}'), "{screen}");
}

#[test]
fn the_summary_says_where_the_week_stands() {
    let mut app = started().with_standing(supple::history::report::Standing { this_week: 2, weeks_before: 4 });
    let end = run_to_end(&mut app, secs(0));
    let text = screen(&app, end, (80, 24));
    assert!(text.contains("This week  3 sessions (the guidance: 3 to 5)"), "this one counted: {text}");
    assert!(text.contains("Streak     5 weeks in a row"), "{text}");
    assert!(!text.contains("paused"), "nothing was paused: {text}");
}

#[test]
fn the_picker_cuts_names_only_when_there_is_no_room() {
    let app = App::with_picker(offered(library::bundled()), Vec::new(), None, Config::default(), SoundLevel::default());
    let wide = screen(&app, secs(0), (300, 30));
    assert!(wide.contains("Deep stretch: legs and back") && !wide.contains("ba…"), "{wide}");
    let narrow = screen(&app, secs(0), (30, 10));
    assert!(narrow.contains('…'), "at 30 columns something gives: {narrow}");
}

#[test]
fn the_key_help_fits_or_scrolls_and_never_cuts_a_word() {
    let mut app = started();
    app.key(key(KeyCode::Char('?')), secs(1));
    let first = screen(&app, secs(1), (40, 12));
    assert!(first.contains("more · ↑↓"), "it says there is more: {first}");
    // Every description, read down the panel, is whole: no word ends in "…".
    assert!(!first.lines().any(|l| l.trim_end_matches(['│', ' ']).ends_with('…') && !l.contains("more")), "{first}");
    for _ in 0..40 {
        app.key(key(KeyCode::Down), secs(1));
    }
    let last = screen(&app, secs(1), (40, 12));
    assert!(last.contains("suspend"), "the last key is reached: {last}");
    assert!(last.contains("other keys close"), "{last}");
    // Any other key closes it.
    app.key(key(KeyCode::Char('x')), secs(1));
    assert!(!screen(&app, secs(1), (40, 12)).contains("Keys"));
    // Where it all fits, it all shows.
    app.key(key(KeyCode::Char('?')), secs(1));
    let tall = screen(&app, secs(1), (120, 40));
    assert!(tall.contains("any key to close") && tall.contains("suspend"), "{tall}");
}

#[test]
fn the_ready_screen_says_what_to_fetch() {
    use supple::files::SourceFile;
    use supple::routine::library::Origin;
    let text = screen(&app("sore-back-legs.toml"), secs(0), (80, 24));
    assert!(text.contains("Bring: wall, mat, towel, strap"), "{text}");
    let none = "name = \"Mine\"\n[[step]]\nname = \"Calf\"\nhold = 30\n";
    let file = RoutineFile::new(Origin::Path, SourceFile { path: "mine.toml".into(), text: none.to_string() });
    let app = App::with_run(Run::new(file, &Fallbacks::default()).unwrap(), Config::default(), SoundLevel::default());
    assert!(!screen(&app, secs(0), (80, 24)).contains("Bring"), "nothing to fetch, nothing said");
}

/// A standing stretch, then one on the floor that waits: at 30 s the session waits.
const WAITS: &str = "name = \"Down to the floor\"\n[defaults]\nget_ready = 0\n\
                     [[step]]\nname = \"Standing calf\"\nhold = 20\n\
                     [[step]]\nname = \"Lying hamstring\"\nhold = 30\nsides = \"both\"\nget_ready = \"wait\"\n";

#[test]
fn a_wait_says_so_in_big_letters_and_how_to_go_on() {
    let app = running(WAITS, 30);
    assert!(app.run().unwrap().session.waiting());
    snap_all_sizes("waiting", &app, secs(300));
    let shown = screen(&app, secs(300), (80, 24));
    assert!(shown.contains("Ready when you are · space to start"), "{shown}");
    assert!(!shown.contains("PAUSED"), "a wait is no pause:\n{shown}");
    let small = screen(&app, secs(300), (30, 10));
    assert!(small.contains("WAITING"), "{small}");
}

/// Holds counted in breaths and in repetitions, with the breath pacer.
const PACED: &str = "name = \"Paced\"\n[defaults]\nget_ready = 0\nbreath = \"4s/6s\"\n\
                     [[step]]\nname = \"Child's pose\"\nbreaths = 5\n\
                     [[step]]\nname = \"Ankle circles\"\ncount = 10\npace = \"3s\"\n";

#[test]
fn breaths_counts_and_the_pacer() {
    // 23 s into five breaths of 10 s: the third, on its in-breath, 3 s in.
    let breaths = running(PACED, 23);
    snap_all_sizes("breaths_paced", &breaths, secs(23));
    let shown = screen(&breaths, secs(23), (80, 24));
    assert!(shown.contains("Child's pose · breath 3 of 5"), "{shown}");
    assert!(shown.contains("IN ↑"), "{shown}");
    let out = screen(&breaths, secs(25), (80, 24));
    assert!(out.contains("OUT ↓"), "{out}");
    let bar = |screen: &str| screen.matches('▓').count();
    assert!(bar(&screen(&breaths, ms(21_000), (80, 24))) < bar(&shown), "the pacer rises on the in-breath");
    assert!(bar(&screen(&breaths, ms(28_000), (80, 24))) < bar(&out), "and falls on the out-breath");
    // 10 s into ten circles of 3 s: the fourth.
    let counted = running(PACED, 60);
    snap_all_sizes("counted", &counted, secs(60));
    let shown = screen(&counted, secs(60), (80, 24));
    assert!(shown.contains("Ankle circles · 4 of 10"), "{shown}");
}

/// A two-minute hold with a pose and a breathing pace, on its left side.
const POSED_AND_PACED: &str = r#"
name = "Posed and paced"
[defaults]
breath = "4s/6s"
[[step]]
name = "Seated hamstring stretch"
focus = "Long back, breathe out into it."
pose = "seated-hamstring"
hold = "2m"
sides = "both"
"#;

#[test]
fn a_posed_hold_with_the_pacer_shows_the_figure_the_whole_countdown_and_the_pacer() {
    // 7 s in: 1:58 left of the left side's hold, on an in-breath.
    let app = running(POSED_AND_PACED, 7);
    for (width, height) in [(100, 30), (120, 40), (160, 48), (210, 55)] {
        let shown = screen(&app, secs(7), (width, height));
        assert!(shown.contains("IN ↑"), "{width}x{height}: no pacer\n{shown}");
        // At 100x30 the digits would be small beside it: the figure gives way.
        let figure = shown.contains('▀') || shown.contains('▄');
        assert!(figure || width < 120, "{width}x{height}: no figure\n{shown}");
        // The digits' rows are those with most solid cells; none reaches the margin.
        let rows: Vec<&str> = shown.lines().filter(|l| l.matches('█').count() > 6).collect();
        assert!(!rows.is_empty(), "{width}x{height}: no big digits\n{shown}");
        for row in rows {
            let last = row.char_indices().filter(|(_, c)| *c == '█').map(|(i, _)| row[..i].chars().count()).max();
            assert!(last < Some(usize::from(width) - 2), "{width}x{height}: the digits run off the screen\n{shown}");
        }
    }
}

#[test]
fn every_size_from_1x1_to_500x200_with_a_figure_draws_without_panicking() {
    use supple::files::SourceFile;
    use supple::routine::library::Origin;
    let file = RoutineFile::new(Origin::Path, SourceFile { path: "mine.toml".into(), text: POSED_AND_PACED.into() });
    let ready = App::with_run(Run::new(file, &Fallbacks::default()).unwrap(), Config::default(), SoundLevel::default());
    let mut paused = running(POSED_AND_PACED, 7);
    paused.key(key(KeyCode::Char(' ')), secs(7));
    let mut help = running(POSED_AND_PACED, 7);
    help.key(key(KeyCode::Char('?')), secs(7));
    let screens =
        [(ready, 0), (running(POSED_AND_PACED, 2), 2), (running(POSED_AND_PACED, 7), 7), (paused, 8), (help, 8)];
    for (app, at) in &screens {
        for width in [1, 2, 7, 19, 20, 64, 95, 96, 97, 120, 211, 333, 500] {
            for height in [1, 2, 5, 6, 11, 27, 28, 29, 40, 77, 131, 200] {
                screen(app, secs(*at), (width, height));
            }
        }
    }
}
