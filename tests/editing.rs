//! Writing and editing routines for real: `new` and `edit` against temp directories with
//! `EDITOR` set to small scripts, and in a pseudo-terminal, editing during a session and
//! saves from another window picked up with the session's place kept.

mod support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use predicates::str::contains;
use support::pty::Pty;

const LONG: &str = "tests/fixtures/e2e/long-holds.toml";

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

fn supple(config: &Path) -> Command {
    let mut cmd = Command::cargo_bin("supple").unwrap();
    cmd.env("XDG_CONFIG_HOME", config).env("XDG_DATA_HOME", config).env("NO_COLOR", "1");
    cmd.env_remove("VISUAL").env("EDITOR", "false");
    cmd
}

fn routines(config: &Path) -> PathBuf {
    config.join("supple/routines")
}

/// An editor: a shell script run on the file.
fn editor(config: &Path, name: &str, body: &str) -> PathBuf {
    let path = config.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::process::Command::new("chmod").arg("+x").arg(&path).status().unwrap();
    path
}

#[test]
fn new_writes_a_valid_commented_routine_and_never_overwrites() {
    let config = tempfile::tempdir().unwrap();
    supple(config.path())
        .args(["new", "Evening legs"])
        .assert()
        .success()
        .stdout(contains("evening-legs.toml"))
        .stdout(contains("supple edit evening-legs"));
    let path = routines(config.path()).join("evening-legs.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("name = \"Evening legs\"") && text.contains("# Each [[step]] is one stretch"), "{text}");
    supple(config.path()).args(["check", path.to_str().unwrap()]).assert().success().stderr("");
    std::fs::write(&path, "my own words\n").unwrap();
    supple(config.path())
        .args(["new", "evening legs"])
        .assert()
        .failure()
        .stderr(contains("evening-legs.toml already exists; `supple edit evening-legs` opens it"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "my own words\n");
}

#[test]
fn new_from_another_routine_copies_it_under_the_new_name() {
    let config = tempfile::tempdir().unwrap();
    supple(config.path()).args(["new", "My cool-down", "--from", "post-run-cooldown"]).assert().success();
    let text = std::fs::read_to_string(routines(config.path()).join("my-cool-down.toml")).unwrap();
    assert!(text.starts_with("# Copied from post-run-cooldown (bundled).\n"), "{text}");
    assert!(text.contains("\nname = \"My cool-down\"\n"), "{text}");
    supple(config.path()).args(["show", "my-cool-down"]).assert().success().stdout(contains("13:55"));
}

#[test]
fn edit_checks_the_file_when_the_editor_closes() {
    let config = tempfile::tempdir().unwrap();
    supple(config.path()).args(["new", "Mine"]).assert().success();
    let longer = editor(config.path(), "longer.sh", r#"sed -i 's/^hold = "30s"/hold = "40s"/' "$1""#);
    supple(config.path())
        .env("EDITOR", &longer)
        .args(["edit", "mine"])
        .assert()
        .success()
        .stdout(contains("ok: ").and(contains("Mine: 3 steps")));
    let text = std::fs::read_to_string(routines(config.path()).join("mine.toml")).unwrap();
    assert!(text.contains("hold = \"40s\"            # how long each hold lasts"), "only the value changed:\n{text}");
}

use predicates::prelude::PredicateBooleanExt;

#[test]
fn a_broken_edit_is_shown_located_and_kept_as_the_person_wrote_it() {
    let config = tempfile::tempdir().unwrap();
    supple(config.path()).args(["new", "Mine"]).assert().success();
    let typo = editor(config.path(), "typo.sh", r#"sed -i 's/^reps = 1/repz = 1/' "$1""#);
    let path = routines(config.path()).join("mine.toml");
    supple(config.path())
        .env("EDITOR", &typo)
        .args(["edit", "mine"])
        .write_stdin("k\n")
        .assert()
        .failure()
        .stderr(contains("mine.toml:40:1"))
        .stderr(contains("did you mean `reps`?"))
        .stderr(contains("[E]dit again, or [k]eep the file as it is?"))
        .stderr(contains("as it is; `supple check"));
    assert!(std::fs::read_to_string(&path).unwrap().contains("\nrepz = 1\n"), "the person's text is kept");

    // Edit again: the second round fixes it.
    let fix = editor(config.path(), "fix.sh", r#"sed -i 's/^repz = 1/reps = 1/' "$1""#);
    let both = editor(
        config.path(),
        "both.sh",
        &format!(
            "if [ -e \"$1.once\" ]; then {} \"$1\"; else touch \"$1.once\"; {} \"$1\"; fi",
            fix.display(),
            typo.display()
        ),
    );
    std::fs::write(&path, std::fs::read_to_string(&path).unwrap().replace("repz", "reps")).unwrap();
    supple(config.path())
        .env("EDITOR", &both)
        .args(["edit", "mine"])
        .write_stdin("e\n")
        .assert()
        .success()
        .stdout(contains("ok: "));
}

#[test]
fn an_editor_that_is_not_installed_is_named() {
    let config = tempfile::tempdir().unwrap();
    supple(config.path()).args(["new", "Mine"]).assert().success();
    supple(config.path())
        .env("EDITOR", "no-such-editor")
        .args(["edit", "mine"])
        .assert()
        .failure()
        .stderr(contains("starting the editor `no-such-editor`: not found; set $VISUAL or $EDITOR"));
}

#[test]
fn editing_a_bundled_routine_offers_a_copy_first() {
    let config = tempfile::tempdir().unwrap();
    let copy = routines(config.path()).join("post-run-cooldown.toml");
    supple(config.path())
        .args(["edit", "post-run-cooldown"])
        .write_stdin("n\n")
        .assert()
        .failure()
        .stderr(contains("post-run-cooldown is bundled with supple and read-only. Copy it to"));
    assert!(!copy.exists(), "declined: nothing written");
    let touch = editor(config.path(), "touch.sh", r##"echo "# mine now" >> "$1""##);
    supple(config.path())
        .env("EDITOR", &touch)
        .args(["edit", "post-run-cooldown"])
        .write_stdin("\n")
        .assert()
        .success();
    let text = std::fs::read_to_string(&copy).unwrap();
    assert!(text.ends_with("# mine now\n") && text.contains("name = \"Post-run cool-down\""), "{text}");
}

/// supple with `args` in a pseudo-terminal, on `config`'s folders, with `editor` as the
/// editor and no sound device (its one notice comes, and goes, before the test's).
fn spawn_with_editor(config: &Path, editor: &str, args: &[&str], cols: u16, rows: u16) -> Pty {
    let dir = config.to_str().unwrap();
    let no_sound = config.join("no-devices.conf");
    std::fs::write(&no_sound, "# no devices\n").unwrap();
    let env = [
        ("XDG_CONFIG_HOME", dir),
        ("XDG_DATA_HOME", dir),
        ("NO_COLOR", "1"),
        ("EDITOR", editor),
        ("ALSA_CONFIG_PATH", no_sound.to_str().unwrap()),
    ];
    Pty::spawn(args, cols, rows, &env)
}

/// A copy of `long-holds.toml` as the person's own routine, and a session on it in a
/// pseudo-terminal, in its first hold.
fn session_on_own_routine(config: &Path, editor: Option<&Path>) -> (Pty, PathBuf) {
    let path = routines(config).join("long.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::copy(LONG, &path).unwrap();
    let editor = editor.map_or_else(|| "false".to_string(), |e| e.display().to_string());
    let mut pty = spawn_with_editor(config, &editor, &["run", "long"], 80, 24);
    pty.wait_text("space or Enter", secs(5));
    pty.send("\r");
    pty.wait_text("No sound device", secs(2));
    pty.send("\x1b[C");
    pty.wait_text("HOLD · LEFT", secs(2));
    (pty, path)
}

/// The session's time left, from the progress line ("14:18 left · Sore back legs"), in
/// seconds.
fn time_left(screen: &str) -> u64 {
    let clock = |line: &str| -> Option<u64> {
        let clock = line.split(" left").next()?.rsplit(' ').next()?;
        let mut parts = clock.split(':').map(|p| p.parse::<u64>().ok());
        Some(parts.next()?? * 60 + parts.next()??)
    };
    screen.lines().find_map(clock).unwrap_or_else(|| panic!("{screen}"))
}

#[test]
fn e_opens_the_editor_mid_session_and_the_session_goes_on_with_the_edit_in_place() {
    let config = tempfile::tempdir().unwrap();
    let script = editor(config.path(), "longer.sh", r#"sed -i 's/^hold = "30s"/hold = "90s"/' "$1""#);
    let (mut pty, path) = session_on_own_routine(config.path(), Some(&script));
    let before = time_left(&pty.screen());
    pty.send("e");
    let screen = pty.wait_text("Reloaded long.toml; still at First stretch.", secs(5));
    assert!(screen.contains("HOLD · LEFT") && !screen.contains("PAUSED"), "same place, running:\n{screen}");
    let after = time_left(&screen);
    assert!(after >= before + 235 && after <= before + 240, "four holds 60 s longer: {before} -> {after}");
    assert!(std::fs::read_to_string(&path).unwrap().contains("hold = \"90s\""));
    assert!(!pty.on_main_screen(), "back on the session's screen");
    pty.send("q");
    pty.send("y");
    assert_eq!(pty.wait_exit(secs(5)), 0);
}

/// Saves `text` as another window's editor might: a new file renamed over the old.
fn save_by_rename(path: &Path, text: &str) {
    let tmp = path.with_extension("toml.tmp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[test]
#[allow(clippy::print_stderr)] // says the figure it measured, under --nocapture
fn a_save_from_another_window_is_applied_within_a_second_and_a_broken_one_changes_nothing() {
    let config = tempfile::tempdir().unwrap();
    let (mut pty, path) = session_on_own_routine(config.path(), None);
    let original = std::fs::read_to_string(&path).unwrap();

    // A typo: the session keeps its routine, shows where the error is, and goes on.
    let before = time_left(&pty.screen());
    save_by_rename(&path, &original.replace("hold = \"30s\"", "hodl = \"30s\""));
    let screen = pty.wait_text("Not reloaded: long.toml:7:1: unknown key `hodl` in `[defaults]`", secs(2));
    assert!(screen.contains("HOLD · LEFT"), "{screen}");
    pty.wait_for("the clock still running", secs(3), |s| time_left(s) + 1 < before);

    // The next good save applies, at the same place.
    let saved = Instant::now();
    save_by_rename(&path, &original.replace("hold = \"30s\"", "hold = \"45s\""));
    let screen = pty.wait_text("Reloaded long.toml; still at First stretch.", secs(1));
    eprintln!("save to screen: {:.0} ms", saved.elapsed().as_secs_f64() * 1e3);
    assert!(screen.contains("HOLD · LEFT"), "{screen}");
    // An in-place write is seen too.
    std::fs::write(&path, original.replace("hold = \"30s\"", "hold = \"40s\"")).unwrap();
    pty.wait_text("Reloaded long.toml", secs(1));
    pty.send("q");
    pty.send("y");
    assert_eq!(pty.wait_exit(secs(5)), 0);
}

#[test]
fn e_on_a_bundled_routine_offers_a_copy_and_edits_the_copy() {
    let config = tempfile::tempdir().unwrap();
    let script = editor(config.path(), "note.sh", r##"echo "# my notes" >> "$1""##);
    let mut pty = spawn_with_editor(config.path(), script.to_str().unwrap(), &["run", "sore-back-legs"], 100, 30);
    pty.wait_text("space or Enter", secs(5));
    pty.send("e");
    pty.wait_text("Bundled routines are read-only: press e again", secs(2));
    let copy = routines(config.path()).join("sore-back-legs.toml");
    assert!(!copy.exists(), "nothing copied before the person agrees");
    pty.send("e");
    pty.wait_text("Reloaded sore-back-legs.toml.", secs(5));
    assert!(std::fs::read_to_string(&copy).unwrap().ends_with("# my notes\n"));
    pty.send("q");
    assert_eq!(pty.wait_exit(secs(5)), 0);
}

#[test]
fn an_editor_that_cannot_start_leaves_the_session_running() {
    let config = tempfile::tempdir().unwrap();
    let (mut pty, _) = session_on_own_routine(config.path(), Some(Path::new("no-such-editor")));
    pty.send("e");
    let screen = pty.wait_text("Could not start the editor `no-such-editor`: not found", secs(5));
    assert!(screen.contains("HOLD · LEFT") && !screen.contains("PAUSED"), "{screen}");
    assert!(!pty.on_main_screen(), "the session's screen is back");
    pty.send("q");
    pty.send("y");
    assert_eq!(pty.wait_exit(secs(5)), 0);
}

#[test]
fn live_reload_goes_on_after_the_routines_folder_is_removed_and_made_again() {
    let config = tempfile::tempdir().unwrap();
    let (mut pty, path) = session_on_own_routine(config.path(), None);
    let original = std::fs::read_to_string(&path).unwrap();
    let folder = path.parent().unwrap().to_path_buf();
    std::fs::remove_dir_all(&folder).unwrap();
    pty.wait_text("Not reloaded: long.toml: no such file", secs(2));
    // Some tools rebuild a folder whole: a restore from a backup, a sync.
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(&path, original.replace("hold = \"30s\"", "hold = \"45s\"")).unwrap();
    pty.wait_text("Reloaded long.toml; still at First stretch.", secs(2));
    // And it keeps following the file.
    std::fs::write(&path, original.replace("hold = \"30s\"", "hodl = \"50s\"")).unwrap();
    pty.wait_text("Not reloaded: long.toml:7:1", secs(2));
    pty.send("\x03");
    assert_eq!(pty.wait_exit(secs(5)), 0);
}

#[test]
fn an_editor_that_exits_with_an_error_is_said_so() {
    let config = tempfile::tempdir().unwrap();
    let failing = editor(config.path(), "fails.sh", "exit 3");
    let (mut pty, _) = session_on_own_routine(config.path(), Some(&failing));
    pty.send("e");
    let screen = pty.wait_text("The editor exited with status 3; the routine is unchanged.", secs(5));
    assert!(!screen.contains("No changes"), "{screen}");
    pty.send("\x03");
    assert_eq!(pty.wait_exit(secs(5)), 0);
}

#[test]
fn a_copy_of_a_bundled_routine_that_was_never_changed_is_not_left_behind() {
    let config = tempfile::tempdir().unwrap();
    let unchanged = editor(config.path(), "look.sh", "true");
    let mut pty = spawn_with_editor(config.path(), unchanged.to_str().unwrap(), &["run", "sore-back-legs"], 100, 30);
    pty.wait_text("space or Enter", secs(5));
    for _ in 0..2 {
        pty.send("e");
        pty.wait_text("press e again", secs(2));
        pty.send("e");
        pty.wait_text("Nothing was changed, so the copy is gone", secs(5));
    }
    pty.send("q");
    assert_eq!(pty.wait_exit(secs(5)), 0);
    let copy = routines(config.path()).join("sore-back-legs.toml");
    assert!(!copy.exists(), "no copy left behind");
    // And the command line's edit does the same.
    supple(config.path())
        .env("EDITOR", &unchanged)
        .args(["edit", "sore-back-legs"])
        .write_stdin("\n")
        .assert()
        .success();
    assert!(!copy.exists(), "no copy left behind by `supple edit`");
    let list = supple(config.path()).arg("list").assert().success().get_output().stdout.clone();
    assert_eq!(String::from_utf8_lossy(&list).matches("Sore back legs").count(), 1, "one row, the bundled one");
}
