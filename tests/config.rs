//! The config file: fixtures valid and invalid with their messages pinned, the `config`
//! command, settings taking effect in real runs, a remapped key in a pseudo-terminal, and
//! the completions and manual page generated from the command-line definition.

mod support;

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use predicates::prelude::PredicateBooleanExt as _;
use predicates::str::contains;
use supple::config::{self, ThemeName};
use supple::diagnostic::{self, Style};
use support::pty::Pty;

fn supple(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("supple").unwrap();
    cmd.env("XDG_CONFIG_HOME", home).env("XDG_DATA_HOME", home).env("NO_COLOR", "1");
    cmd
}

fn write_config(home: &Path, text: &str) {
    let dir = home.join("supple");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), text).unwrap();
}

#[test]
fn invalid_configs_report_located_errors_with_a_hint() {
    insta::glob!("fixtures/config/invalid/*.toml", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let (_, diagnostics) = config::parse(&text);
        assert!(!diagnostics.is_empty(), "{} should have errors", path.display());
        let name = format!("config/invalid/{}", path.file_name().unwrap().to_string_lossy());
        let rendered = diagnostic::render(&diagnostics, &name, &text, Style::Plain);
        assert!(rendered.contains(&format!(" --> {name}:")), "{rendered}");
        assert!(rendered.contains("= help:"), "every mistake says how to mend it:\n{rendered}");
        insta::assert_snapshot!(rendered);
    });
}

#[test]
fn valid_configs_have_no_errors() {
    insta::glob!("fixtures/config/valid/*.toml", |path| {
        let (_, diagnostics) = config::parse(&std::fs::read_to_string(path).unwrap());
        assert!(diagnostics.is_empty(), "{}: {diagnostics:?}", path.display());
    });
    let (all, _) = config::parse(&std::fs::read_to_string("tests/fixtures/config/valid/everything.toml").unwrap());
    assert_eq!((all.volume, all.mute, all.bell, all.big_digits), (Some(40), Some(true), false, false));
    assert_eq!(all.theme, ThemeName::HighContrast);
    assert_eq!(all.fallbacks.get_ready, Duration::from_secs(8));
    assert_eq!(all.fallbacks.rest_after, Duration::from_secs(60));
    assert_eq!(all.keys.shown(config::keymap::Action::Pause), "space  k");
    assert_eq!(all.keys.shown(config::keymap::Action::Quit), "q  Esc");
}

#[test]
fn a_mistake_keeps_that_setting_at_its_default_and_the_rest_apply() {
    let text = std::fs::read_to_string("tests/fixtures/config/invalid/key-bound-twice.toml").unwrap();
    let (config, _) = config::parse(&text);
    let keys = &config.keys;
    assert_eq!(keys.shown(config::keymap::Action::Pause), "x");
    assert_eq!(keys.shown(config::keymap::Action::Skip), "l", "the key bound twice is dropped, the other kept");
}

#[test]
fn config_path_default_and_check() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("supple/config.toml");
    supple(home.path()).args(["config", "--path"]).assert().success().stdout(format!("{}\n", path.display()));
    supple(home.path()).arg("config").assert().success().stdout(contains("No config file at"));
    let default = supple(home.path()).args(["config", "--default"]).assert().success().get_output().stdout.clone();
    write_config(home.path(), &String::from_utf8(default).unwrap());
    supple(home.path()).arg("config").assert().success().stdout(format!("ok: {}\n", path.display()));
    write_config(home.path(), "[sound]\nvolum = 50\n");
    supple(home.path())
        .arg("config")
        .assert()
        .failure()
        .stderr(contains("config.toml:2:1"))
        .stderr(contains("did you mean `volume`?"));
}

#[test]
fn default_timings_from_the_config_change_what_routines_add_up_to() {
    let home = tempfile::tempdir().unwrap();
    // quick.toml sets its own gaps; two-minutes.toml sets get_ready per step; long-holds
    // sets get_ready and switch_sides but leaves the rests to the fallbacks... so write one
    // that leaves every gap unset.
    let routine = home.path().join("bare.toml");
    std::fs::write(&routine, "name = \"Bare\"\n[[step]]\nname = \"A\"\nhold = 30\n[[step]]\nname = \"B\"\nhold = 30\n")
        .unwrap();
    let routine = routine.to_str().unwrap();
    supple(home.path()).args(["show", routine]).assert().success().stdout(contains("1:10"));
    write_config(home.path(), "[timing]\nget_ready = \"10s\"\nrest_after = \"20s\"\n");
    supple(home.path()).args(["show", routine]).assert().success().stdout(contains("1:40"));
}

#[test]
fn a_config_that_is_a_directory_is_said_to_be_one_not_a_routine() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("supple/config.toml")).unwrap();
    let out = supple(home.path()).arg("config").assert().failure().get_output().stderr.clone();
    let stderr = String::from_utf8(out).unwrap();
    assert!(stderr.contains("this is a directory, not a config file"), "{stderr}");
    assert!(!stderr.contains("routine") && !stderr.contains("supple check"), "{stderr}");
}

#[test]
fn show_and_list_say_what_is_wrong_in_the_config_that_changes_their_totals() {
    let home = tempfile::tempdir().unwrap();
    write_config(home.path(), "[timing]\nhold_scale = 3.0000001\n");
    for args in [&["show", "sore-back-legs"][..], &["list"]] {
        supple(home.path())
            .args(args)
            .assert()
            .success()
            .stderr(contains("`hold_scale` must be from 0.5 to 3").and(contains("config.toml:2:14")));
    }
}

/// A sound device for a session in `dir` (ALSA's file device, into a file there), for
/// `ALSA_CONFIG_PATH`.
fn sound_device(dir: &Path) -> String {
    let conf = support::alsa::file_device(dir, &dir.join("sound.wav"), "wav");
    conf.to_str().unwrap().to_string()
}

#[test]
fn a_remapped_key_works_and_the_screen_says_which_it_is() {
    let home = tempfile::tempdir().unwrap();
    write_config(home.path(), "[keys]\npause = \"x\"\nquit = \"Q\"\n[display]\nbig_digits = false\n");
    let dir = home.path().to_str().unwrap();
    // With a sound device, no notice that there is none takes the key line away.
    let alsa = sound_device(home.path());
    let mut pty = Pty::spawn(
        &["run", "tests/fixtures/e2e/long-holds.toml"],
        80,
        24,
        &[("XDG_CONFIG_HOME", dir), ("XDG_DATA_HOME", dir), ("NO_COLOR", "1"), ("ALSA_CONFIG_PATH", &alsa)],
    );
    pty.wait_text("x or Enter to start · ? keys · Q quit", Duration::from_secs(5));
    pty.send("x");
    let screen = pty.wait_text("x pause · ← back · → skip · ? keys · Q quit", Duration::from_secs(2));
    assert!(screen.contains("GET READY"), "{screen}");
    // Without big digits the countdown is a line of text.
    assert!(screen.lines().any(|l| matches!(l.trim(), "5" | "4")), "{screen}");
    pty.send(" ");
    pty.drain_for(Duration::from_millis(300));
    assert!(!pty.screen().contains("PAUSED"), "space no longer pauses");
    pty.send("x");
    pty.wait_text("PAUSED · x to resume", Duration::from_secs(8));
    pty.send("Q");
    pty.wait_text("Quit this session?", Duration::from_secs(2));
    pty.send("Q");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
}

#[test]
fn volume_and_mute_from_the_config_show_in_the_session() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().to_str().unwrap();
    // Without a sound device the top line says "no sound device" in place of the volume,
    // as soon as the first chime finds out, which raced the test.
    let alsa = sound_device(home.path());
    let env = [("XDG_CONFIG_HOME", dir), ("XDG_DATA_HOME", dir), ("NO_COLOR", "1"), ("ALSA_CONFIG_PATH", &alsa)];
    write_config(home.path(), "[sound]\nvolume = 30\n");
    let mut pty = Pty::spawn(&["run", "tests/fixtures/e2e/long-holds.toml"], 80, 24, &env);
    pty.wait_text("space or Enter", Duration::from_secs(5));
    pty.send("\r");
    pty.wait_text("vol 30%", Duration::from_secs(2));
    pty.send("]");
    pty.wait_text("vol 40%", Duration::from_secs(2));
    pty.send("q");
    pty.send("y");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
    write_config(home.path(), "[sound]\nmute = true\n");
    let mut pty = Pty::spawn(&["run", "tests/fixtures/e2e/long-holds.toml"], 80, 24, &env);
    pty.wait_text("space or Enter", Duration::from_secs(5));
    pty.send("\r");
    pty.wait_text("muted", Duration::from_secs(2));
}

#[test]
fn completions_and_the_manual_are_generated_from_the_command_line() {
    let home = tempfile::tempdir().unwrap();
    for (shell, marker) in [("bash", "complete -F"), ("zsh", "#compdef supple"), ("fish", "complete -c supple")] {
        let out = supple(home.path()).args(["completions", shell]).assert().success().get_output().stdout.clone();
        let script = String::from_utf8(out).unwrap();
        assert!(script.contains(marker), "{shell}:\n{script}");
        for command in ["run", "resume", "history", "new", "edit", "config", "check"] {
            assert!(script.contains(command), "{shell} completion lacks `{command}`");
        }
    }
    let out = supple(home.path()).arg("man").assert().success().get_output().stdout.clone();
    let page = String::from_utf8(out).unwrap();
    assert!(page.starts_with(".ie") && page.contains(".TH supple 1"), "{page}");
    assert!(page.contains("completions") && page.contains("history"), "{page}");
    assert!(page.contains("pause / resume") && page.contains("history.jsonl"), "the keys and files are in it:\n{page}");
    supple(home.path()).arg("--version").assert().success().stdout(contains(env!("CARGO_PKG_VERSION")));
}
