//! The real binary in a pseudo-terminal: keys in, the screen read back.

mod support;

use std::time::Duration;

use support::pty::Pty;

const QUICK: &str = "tests/fixtures/e2e/quick.toml";
const LONG: &str = "tests/fixtures/e2e/long-holds.toml";

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

fn config() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn spawn(args: &[&str], cols: u16, rows: u16, config: &tempfile::TempDir) -> Pty {
    let dir = config.path().to_str().unwrap();
    Pty::spawn(args, cols, rows, &[("XDG_CONFIG_HOME", dir), ("XDG_DATA_HOME", dir), ("NO_COLOR", "1")])
}

/// `long-holds.toml` in an 80x24 terminal, started and in its first get-ready.
fn started_long(config: &tempfile::TempDir) -> Pty {
    let mut pty = spawn(&["run", LONG], 80, 24, config);
    pty.wait_text("space or Enter", secs(5));
    pty.send("\r");
    pty.wait_text("GET READY", secs(2));
    pty
}

/// Checks that the terminal is as it was before supple started.
fn assert_restored(pty: &Pty) {
    assert!(pty.on_main_screen(), "still on the alternate screen");
    assert!(pty.cursor_visible(), "the cursor is hidden");
    assert_eq!(pty.termios_now(), pty.termios_before, "terminal modes not restored");
}

#[test]
fn a_session_runs_from_start_to_summary() {
    let config = config();
    let mut pty = spawn(&["run", QUICK], 80, 24, &config);
    pty.wait_text("space or Enter to start", secs(5));
    pty.send("\r");
    pty.wait_text("GET READY", secs(5));
    assert_ne!(pty.termios_now(), pty.termios_before, "a session runs in raw mode");
    pty.wait_text("HOLD · LEFT", secs(5));
    pty.wait_text("SWITCH SIDES → RIGHT", secs(5));
    pty.wait_text("HOLD · RIGHT", secs(5));
    pty.wait_text("Child's pose", secs(5));
    let summary = pty.wait_text("Well done!", secs(10));
    assert!(summary.contains("Held       3 of 3 holds"), "{summary}");
    pty.send("q");
    assert_eq!(pty.wait_exit(secs(5)), 0);
    assert_restored(&pty);
    assert!(pty.screen().contains("Quick: done, 3 of 3 holds."), "{}", pty.screen());
}

#[test]
fn pause_freezes_the_countdown_and_resume_continues() {
    let config = config();
    let mut pty = spawn(&["run", LONG], 80, 24, &config);
    pty.wait_text("space or Enter", secs(5));
    pty.send(" ");
    pty.wait_text("HOLD · LEFT", secs(10));
    pty.send(" ");
    // Once the notice that there is no sound device has gone, nothing changes.
    let paused = pty.wait_text("PAUSED · space to resume", secs(8));
    pty.drain_for(Duration::from_millis(2_500));
    assert_eq!(pty.screen(), paused, "the screen changed while paused");
    let frozen = time_left(&paused).expect("the time left");
    pty.send(" ");
    let resumed = pty.wait_for("the pause to end", secs(2), |s| !s.contains("PAUSED"));
    assert_eq!(time_left(&resumed), Some(frozen), "the time left goes on from where it stopped");
    pty.wait_for("the countdown to move on", secs(3), |s| time_left(s).is_some_and(|t| t < frozen));
}

#[test]
fn skip_back_and_skip_stretch() {
    let config = config();
    let mut pty = started_long(&config);
    pty.send("l"); // skip the get-ready
    pty.wait_text("HOLD · LEFT", secs(2));
    pty.send("\x1b[C"); // → skips the hold
    pty.wait_text("SWITCH SIDES → RIGHT", secs(2));
    pty.send("l");
    pty.wait_text("HOLD · RIGHT", secs(2));
    pty.send("\x1b[D"); // ← at once: back to the previous hold
    pty.wait_text("HOLD · LEFT", secs(2));
    pty.send("j"); // skip the whole stretch
    let screen = pty.wait_text("Second stretch", secs(2));
    assert!(screen.contains("GET READY"), "{screen}");
    pty.send("q");
    pty.wait_text("Quit this session?", secs(2));
    pty.send("y");
    assert_eq!(pty.wait_exit(secs(5)), 0);
    assert_restored(&pty);
    let farewell = pty.screen();
    assert!(farewell.contains("Long holds: stopped after 0 of 4 holds, 2 skipped."), "{farewell}");
    assert!(farewell.contains("`supple resume` picks it up where you stopped."), "{farewell}");
}

#[test]
fn quit_can_be_cancelled() {
    let config = config();
    let mut pty = started_long(&config);
    pty.send("q");
    pty.wait_text("Quit this session?", secs(2));
    pty.send("n");
    pty.wait_for("the question to close", secs(2), |s| !s.contains("Quit this session?"));
    pty.wait_text("HOLD · LEFT", secs(8));
    pty.send("\x03"); // Ctrl-C quits at once
    assert_eq!(pty.wait_exit(secs(5)), 0);
    assert_restored(&pty);
}

#[test]
fn resizing_redraws_at_every_size() {
    let config = config();
    let mut pty = started_long(&config);
    for (cols, rows) in [(30, 10), (20, 6), (200, 60), (25, 7), (120, 40)] {
        pty.resize(cols, rows);
        pty.wait_for(&format!("a redraw at {cols}x{rows}"), secs(3), |s| {
            s.lines().count() <= usize::from(rows) && (s.contains("GET READY") || s.contains("HOLD"))
        });
    }
    pty.send("?");
    pty.wait_text("Keys", secs(2));
    pty.send("x");
    pty.send("q");
    pty.send("y");
    assert_eq!(pty.wait_exit(secs(5)), 0);
    assert_restored(&pty);
}

#[test]
fn sigterm_and_sighup_give_the_terminal_back() {
    for signal in ["TERM", "HUP"] {
        let config = config();
        let mut pty = started_long(&config);
        pty.signal(signal);
        assert_eq!(pty.wait_exit(secs(5)), 0, "SIG{signal} is a clean end");
        assert_restored(&pty);
    }
}

#[test]
fn ctrl_z_suspends_and_a_resume_redraws_paused() {
    let config = config();
    let mut pty = started_long(&config);
    pty.send("\x1a");
    let pid = pty.pid();
    let stopped = || {
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .is_ok_and(|stat| stat.rsplit(')').next().is_some_and(|rest| rest.trim_start().starts_with('T')))
    };
    let deadline = std::time::Instant::now() + support::pty::LEAST_WAIT;
    while !stopped() {
        assert!(std::time::Instant::now() < deadline, "supple did not stop");
        pty.drain_for(Duration::from_millis(20));
    }
    pty.drain_for(Duration::from_millis(100));
    assert!(pty.on_main_screen(), "suspended on the alternate screen");
    pty.signal("CONT");
    let screen = pty.wait_text("PAUSED", secs(3));
    assert!(screen.contains("GET READY"), "{screen}");
    pty.send("\x03");
    assert_eq!(pty.wait_exit(secs(5)), 0);
    assert_restored(&pty);
}

#[test]
fn the_picker_opens_a_routine() {
    let config = config();
    let mut pty = spawn(&[], 100, 30, &config);
    pty.wait_text("choose a routine", secs(5));
    pty.send("jj");
    pty.send("\r");
    pty.wait_text("Warm-up before a run", secs(2));
    pty.wait_text("space or Enter to start", secs(2));
    pty.send("\x1b"); // back to the picker
    pty.wait_text("choose a routine", secs(2));
    pty.send("q");
    assert_eq!(pty.wait_exit(secs(5)), 0);
    assert_restored(&pty);
}

#[test]
fn the_picker_makes_one_for_today_by_keys_and_runs_it_like_any_routine() {
    let config = config();
    let mut pty = spawn(&[], 100, 30, &config);
    pty.wait_text("Make one for today", secs(5));
    pty.send("\r"); // the first row: the form
    pty.wait_text("Sore or tight", secs(2));
    pty.send("\x1b[C\x1b[C\x1b[C "); // hips
    pty.send("j\x1b[D"); // minutes: 10 less 5
    pty.wait_text("‹ 5 ›", secs(2));
    pty.send("j "); // at hand: a strap
    pty.send("j\x1b[C"); // standing only
    pty.send("j\x1b[C"); // just run
    pty.wait_for("every answer", secs(2), |s| s.contains("● standing only") && s.contains("● yes"));
    pty.send("\r");
    let ready = pty.wait_text("For today: hips", secs(2));
    assert!(ready.contains("5:00") && ready.contains("space or Enter to start"), "{ready}");
    pty.send("\x1b"); // back to the form as it was left
    pty.wait_text("● hips", secs(2));
    pty.send("\r");
    pty.wait_text("space or Enter to start", secs(2));
    pty.send("\r");
    pty.wait_text("GET READY", secs(2));
    pty.send("q");
    pty.wait_text("Quit", secs(2));
    pty.send("y");
    assert_eq!(pty.wait_exit(secs(5)), 0);
    assert_restored(&pty);
    let history = std::fs::read_to_string(config.path().join("supple/history.jsonl")).unwrap();
    assert!(history.contains(";hips;5m;standing;warm;with=strap\""), "{history}");
}

#[test]
fn escape_sequences_in_a_routine_never_reach_the_terminal() {
    let config = config();
    // Muted, so no bell of supple's own (there is no sound device here) is mistaken for one
    // from the routine.
    std::fs::create_dir_all(config.path().join("supple")).unwrap();
    std::fs::write(config.path().join("supple/sound.toml"), "volume = 70\nmuted = true\n").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil.toml");
    std::fs::write(
        &path,
        "name = \"Evil \\u001b]0;pwned\\u0007 \\u001b[2J\"\n[[step]]\nname = \"Bell\\u0007\\u001bc\"\nhold = 2\nhow = \"\\u009b31m\"\n",
    )
    .unwrap();
    let mut pty = spawn(&["run", path.to_str().unwrap()], 80, 24, &config);
    pty.wait_text("space or Enter", secs(5));
    pty.send("\r");
    pty.wait_text("HOLD", secs(8));
    pty.send("\x03");
    assert_eq!(pty.wait_exit(secs(5)), 0);
    let output = String::from_utf8_lossy(&pty.all_output()).into_owned();
    assert!(!output.contains("\x1b]0;pwned"), "a title escape got through");
    let names: Vec<String> = titles(&output).into_iter().filter(|t| t.contains("Evil")).collect();
    assert!(!names.is_empty(), "the title names the routine, made safe");
    assert!(names.iter().all(|t| !t.chars().any(char::is_control)), "{names:?}");
    assert!(!output.contains('\x07'), "a bell got through");
    assert!(!output.contains("\x1bc"), "a reset got through");
    assert!(!output.contains('\u{9b}'), "a C1 CSI got through");
}

#[test]
fn a_closed_terminal_ends_the_session_cleanly() {
    let config = config();
    let pty = started_long(&config);
    let code = pty.hang_up(secs(5));
    assert_eq!(code, Some(0), "supple should leave quietly, not panic or hang");
}

/// The time left the progress line shows ("14:18 left · Long holds"), in seconds.
fn time_left(screen: &str) -> Option<u64> {
    screen.lines().find_map(|line| {
        let clock = line.split(" left").next()?.rsplit(' ').next()?;
        let mut parts = clock.split(':').map(|p| p.parse::<u64>().ok());
        let (minutes, seconds) = (parts.next()??, parts.next()??);
        Some(minutes * 60 + seconds)
    })
}

#[test]
fn no_key_is_lost_when_a_resize_arrives_with_it() {
    let config = config();
    let mut pty = started_long(&config);
    pty.send(" ");
    let paused = pty.wait_text("PAUSED", secs(2));
    let before = time_left(&paused).unwrap_or_else(|| panic!("no time left on {paused}"));
    // Each `+` adds 10 s to the paused phase; each arrives with a resize.
    for i in 0..20 {
        pty.resize(if i % 2 == 0 { 81 } else { 80 }, 24);
        pty.send("+");
    }
    pty.wait_for("every + to count", secs(5), |s| time_left(s) == Some(before + 200));
    pty.send("\x03");
    assert_eq!(pty.wait_exit(secs(5)), 0);
}

#[test]
fn an_arrow_split_across_two_reads_is_one_arrow() {
    let config = config();
    let mut pty = started_long(&config);
    // Over a slow link the bytes of one key can arrive apart: → as ESC, then `[C`.
    pty.send("\x1b");
    std::thread::sleep(Duration::from_millis(15));
    pty.send("[C");
    let screen = pty.wait_text("HOLD · LEFT", secs(2));
    assert!(!screen.contains("Quit this session?"), "the escape was taken for Esc: {screen}");
    pty.send("\x03");
    assert_eq!(pty.wait_exit(secs(5)), 0);
}

/// `long-holds.toml` started, paused in its first hold (the left side of a two-sided
/// stretch, 30 s, 1 s in): the time left as the progress line shows it.
fn paused_in_first_hold(pty: &mut Pty) -> u64 {
    pty.send("l");
    pty.wait_text("HOLD · LEFT", secs(2));
    pty.send(" ");
    let paused = pty.wait_text("PAUSED", secs(2));
    time_left(&paused).expect("the time left")
}

#[test]
fn more_time_on_one_side_is_more_time_on_the_other_too() {
    let config = config();
    let mut pty = started_long(&config);
    let before = paused_in_first_hold(&mut pty);
    pty.send("+");
    pty.wait_for("20 s more in all: 10 on each side", secs(2), |s| time_left(s) == Some(before + 20));
    pty.send("\x03");
    assert_eq!(pty.wait_exit(secs(5)), 0);
}

#[test]
fn holding_minus_down_never_ends_a_hold_and_it_is_recorded_shortened() {
    let config = config();
    let mut pty = started_long(&config);
    paused_in_first_hold(&mut pty);
    // Key repeat: far more presses than the hold has seconds.
    pty.send(&"-".repeat(40));
    // Each side is taken down to a second: 1 + the switch's 5 + 1, then the two other
    // stretches' 35 s each.
    let screen = pty.wait_for("each side down to a second", secs(3), |s| time_left(s) == Some(1 + 5 + 1 + 70));
    assert!(screen.contains("HOLD · LEFT"), "still the same hold: {screen}");
    pty.send(" ");
    pty.wait_text("HOLD · RIGHT", secs(10));
    pty.send("q");
    pty.send("y");
    assert_eq!(pty.wait_exit(secs(5)), 0);
    let json = std::process::Command::new(env!("CARGO_BIN_EXE_supple"))
        .args(["history", "--json"])
        .env("XDG_DATA_HOME", config.path())
        .env("XDG_CONFIG_HOME", config.path())
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["recent"][0]["holds_shortened"], 1, "{report}");
    assert_eq!(report["recent"][0]["holds_done"], 0, "{report}");
}

#[test]
fn back_into_the_stretch_before_takes_a_second_press() {
    let config = config();
    let mut pty = started_long(&config);
    pty.send("j"); // to the second stretch
    pty.wait_text("Second stretch", secs(2));
    pty.send("\x1b[D");
    let screen = pty.wait_text("← again to go back to First stretch", secs(2));
    assert!(screen.contains("Second stretch"), "still here: {screen}");
    pty.send("\x1b[D");
    pty.wait_text("HOLD · RIGHT", secs(2));
    pty.wait_text("First stretch", secs(2));
    pty.send("\x03");
    assert_eq!(pty.wait_exit(secs(5)), 0);
}

#[test]
fn with_no_keyboard_the_full_screen_says_why_and_points_to_plain() {
    let config = config();
    let dir = config.path().to_str().unwrap();
    // The screen is a terminal, standard input is not.
    let command = format!("exec {} run {LONG} < /dev/null", env!("CARGO_BIN_EXE_supple"));
    let mut pty =
        Pty::spawn_command("sh", &["-c", &command], 80, 24, &[("XDG_CONFIG_HOME", dir), ("XDG_DATA_HOME", dir)]);
    let screen = pty.wait_text("--plain", secs(5));
    assert!(screen.contains("needs a keyboard"), "{screen}");
    assert_eq!(pty.wait_exit(secs(5)), 1);
    // Wrapped between words at the terminal's width: at 40 columns, every word whole.
    let mut pty =
        Pty::spawn_command("sh", &["-c", &command], 40, 24, &[("XDG_CONFIG_HOME", dir), ("XDG_DATA_HOME", dir)]);
    pty.wait_text("instead", secs(5));
    assert_eq!(pty.wait_exit(secs(5)), 1);
    let said = "error: the full screen needs a keyboard, and standard input is not a terminal; \
                `supple run ROUTINE --plain` runs a session one line per transition instead";
    let shown: Vec<String> = pty.screen().lines().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect();
    assert_eq!(shown.join(" "), said, "{shown:#?}");
    assert!(shown.len() > 3 && shown.iter().all(|l| l.chars().count() <= 40), "{shown:#?}");
}

/// Every window title supple set, in order, from its raw output.
fn titles(output: &str) -> Vec<String> {
    output.split("\x1b]0;").skip(1).filter_map(|rest| rest.split_once("\x1b\\").map(|(t, _)| t.to_string())).collect()
}

#[test]
fn the_window_title_shows_phase_side_and_time_and_the_old_one_comes_back() {
    let config = config();
    let mut pty = started_long(&config);
    pty.wait_text("HOLD · LEFT", secs(8));
    // Twelve seconds into the hold: the title's time moved on, but at most every 5 s.
    pty.drain_for(secs(12));
    pty.send("q");
    pty.wait_text("Quit", secs(2));
    pty.send("y");
    assert_eq!(pty.wait_exit(secs(5)), 0);
    let output = String::from_utf8_lossy(&pty.all_output()).into_owned();
    let holds: Vec<String> = titles(&output).into_iter().filter(|t| t.starts_with("HOLD L ")).collect();
    assert!(holds.first().is_some_and(|t| t.starts_with("HOLD L 0:3") && t.ends_with(" · Long holds")), "{holds:?}");
    assert!((2..=4).contains(&holds.len()), "one title at the start of the hold, then one every 5 s: {holds:?}");
    assert!(titles(&output).iter().any(|t| t.starts_with("READY L 0:0")), "{:?}", titles(&output));
    let saved = output.find("\x1b[22;0t").expect("the old title is saved");
    let given_back = output.rfind("\x1b[23;0t").expect("the old title is given back");
    assert!(saved < output.find("\x1b]0;").unwrap() && given_back > output.rfind("\x1b]0;").unwrap());
    assert_eq!(output.matches("\x1b[23;0t").count(), 1, "given back once");
    assert_restored(&pty);
}

#[test]
fn a_wait_and_a_counted_hold_run_to_the_routines_end() {
    let config = config();
    let mut pty = spawn(&["run", "tests/fixtures/e2e/waits.toml"], 80, 24, &config);
    pty.wait_text("space or Enter to start", secs(5));
    pty.send("\r");
    pty.wait_text("Ready when you are", secs(10));
    // Nothing runs while it waits: the screen is the same seconds later.
    let waiting = pty.screen();
    pty.drain_for(Duration::from_millis(2_500));
    assert_eq!(pty.screen(), waiting, "the screen changed while waiting");
    pty.send(" ");
    // Then the usual get-ready (5 s at least after a wait) and the counted hold.
    pty.wait_text("Pelvic tilts · 1 of 3", secs(10));
    pty.wait_text("Pelvic tilts · 3 of 3", secs(5));
    let summary = pty.wait_text("Well done!", secs(10));
    assert!(summary.contains("Held       2 of 2 holds"), "{summary}");
    pty.send("q");
    assert_eq!(pty.wait_exit(secs(5)), 0);
    assert_restored(&pty);
}

#[test]
fn pain_ends_the_stretch_is_advised_on_and_listed_by_history() {
    let config = config();
    let mut pty = started_long(&config);
    pty.wait_text("HOLD · LEFT", secs(10));
    pty.send("x");
    // Both sides of the first stretch are left: the next is the second stretch.
    let screen = pty.wait_text("Second stretch", secs(3));
    assert!(!screen.contains("RIGHT"), "the right side is skipped too: {screen}");
    // The two stretches left, skipped: the session completes and the summary shows.
    pty.send("jj");
    let summary = pty.wait_text("physiotherapist", secs(3));
    assert!(summary.contains("Skipped"), "the summary screen: {summary}");
    assert!(summary.contains("You marked pain in First stretch"), "{summary}");
    pty.send("q");
    assert_eq!(pty.wait_exit(secs(5)), 0);
    assert!(pty.screen().contains("You marked pain in First stretch (left): ease off"), "{}", pty.screen());
    let history = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_supple"))
            .args(args)
            .env("XDG_DATA_HOME", config.path())
            .env("XDG_CONFIG_HOME", config.path())
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let text = history(&["history"]);
    assert!(text.contains("Marked as painful in the last 1 week\n"), "{text}");
    assert!(text.contains("First stretch, left · Long holds\n"), "{text}");
    let report: serde_json::Value = serde_json::from_str(&history(&["history", "--json"])).unwrap();
    assert_eq!(report["pain"][0]["step"], "first-stretch", "{report}");
    assert_eq!(report["pain"][0]["side"], "left", "{report}");
    // The painful hold and the other side, both skipped.
    assert_eq!(report["recent"][0]["holds_skipped"], 4, "{report}");
}
