//! `supple doctor`, answered for real: with and without a sound device (ALSA's file
//! device, or none at all), with and without espeak-ng on `PATH`, with a broken routine in
//! the folder; each answer and the exit status checked, as text and as JSON.

mod support;

use std::path::Path;
use std::process::Command;

use support::run::{finish, supple};

/// `supple doctor ARGS` in `home`, with these changes to its environment.
fn doctor(home: &Path, args: &[&str], env: &[(&str, &str)]) -> (bool, String) {
    let mut cmd: Command = supple(home);
    cmd.arg("doctor").args(args);
    for (key, value) in env {
        cmd.env(key, value);
    }
    let (out, stdout, _) = finish(cmd);
    (out.status.success(), stdout)
}

fn line<'a>(report: &'a str, check: &str) -> &'a str {
    report
        .lines()
        .find(|l| l.get(6..).is_some_and(|rest| rest.starts_with(check)))
        .unwrap_or_else(|| panic!("no {check}:\n{report}"))
}

#[test]
fn with_a_sound_device_and_espeak_ng_all_is_well() {
    let home = tempfile::tempdir().unwrap();
    let conf = support::alsa::file_device(home.path(), &home.path().join("out.wav"), "wav");
    let (ok, report) = doctor(home.path(), &["--sound"], &[("ALSA_CONFIG_PATH", conf.to_str().unwrap())]);
    assert!(ok, "{report}");
    assert!(line(&report, "sound").starts_with("ok") && line(&report, "sound").contains("a chime played"), "{report}");
    // The chime went to the device: the file has sound in it.
    let wav = std::fs::read(home.path().join("out.wav")).unwrap();
    assert!(wav.len() > 44 + 4800 && wav[44..].iter().any(|b| *b != 0), "{} bytes", wav.len());
    let voice = line(&report, "voice");
    assert!(voice.starts_with("ok") && voice.contains("espeak-ng") && voice.contains("rendered in"), "{report}");
    assert!(line(&report, "routines").contains("8 bundled"), "{report}");
    assert!(line(&report, "history").contains("can be written"), "{report}");
    assert!(report.ends_with("All is well.\n"), "{report}");
}

#[test]
fn without_a_sound_device_or_espeak_ng_it_says_so_and_what_to_do() {
    let home = tempfile::tempdir().unwrap();
    let empty = tempfile::tempdir().unwrap();
    let (ok, report) = doctor(home.path(), &[], &[("PATH", empty.path().to_str().unwrap())]);
    assert!(!ok, "no sound device is a failing check");
    let sound = line(&report, "sound");
    assert!(sound.starts_with("FAIL") && sound.contains("no sound device"), "{report}");
    let voice = line(&report, "voice");
    assert!(voice.starts_with("note") && voice.contains("`espeak-ng` not found"), "{report}");
    assert!(report.contains("install espeak-ng"), "what to do:\n{report}");
    assert!(report.ends_with("1 check failed: sound.\n"), "{report}");
}

#[test]
fn a_broken_routine_in_the_folder_is_named_with_how_to_see_why() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("config/supple/routines");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("good.toml"), "name = \"Good\"\n[[step]]\nstretch = \"wall-calf\"\n").unwrap();
    std::fs::write(dir.join("bad.toml"), "name = \"Bad\"\n[[step]]\nhodl = \"30s\"\n").unwrap();
    let conf = support::alsa::file_device(home.path(), &home.path().join("out.wav"), "wav");
    let (ok, report) = doctor(home.path(), &[], &[("ALSA_CONFIG_PATH", conf.to_str().unwrap())]);
    assert!(!ok);
    let routines = line(&report, "routines");
    assert!(routines.starts_with("FAIL") && routines.contains("1 of 2") && routines.contains("bad.toml"), "{report}");
    assert!(report.contains("supple check ") && report.ends_with("1 check failed: routines.\n"), "{report}");
    let (_, json) = doctor(home.path(), &["--json"], &[("ALSA_CONFIG_PATH", conf.to_str().unwrap())]);
    let checks: serde_json::Value = serde_json::from_str(&json).unwrap();
    let states: Vec<(&str, &str)> = checks
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["check"].as_str().unwrap(), c["state"].as_str().unwrap()))
        .collect();
    assert!(states.contains(&("routines", "fail")) && states.contains(&("sound", "ok")), "{states:?}");
}
