//! What every command writes, however it is read: into a pipe that closes early (no panic,
//! a quiet end), and with hostile names all around (no raw control byte ever printed).

use std::os::fd::OwnedFd;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const QUICK: &str = "tests/fixtures/e2e/quick.toml";

/// `supple` with its own config and data directories and no sound device.
fn supple(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_supple"));
    cmd.env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("ALSA_CONFIG_PATH", home.join("no-devices.conf"))
        .env("NO_COLOR", "1")
        .env("EDITOR", "true")
        .stdin(Stdio::null());
    cmd
}

/// A pipe whose reading end is already closed: everything written to it fails.
fn closed_pipe() -> OwnedFd {
    let (read, write) = nix::unistd::pipe().unwrap();
    drop(read);
    write
}

/// Every command, with arguments that make it print.
fn commands() -> Vec<Vec<&'static str>> {
    vec![
        vec!["list"],
        vec!["show", "post-run-cooldown"],
        vec!["check", "routines/sore-back-legs.toml", "tests/fixtures/invalid/bad-sides.toml"],
        vec!["check", "routines/sore-back-legs.toml", "routines/deep-stretch.toml"],
        vec!["history"],
        vec!["history", "--json"],
        vec!["resume", "--plain"],
        vec!["run", QUICK, "--plain"],
        vec!["config"],
        vec!["config", "--path"],
        vec!["config", "--default"],
        vec!["new", "Evening legs"],
        vec!["chimes", "--volume", "0"],
        vec!["completions", "bash"],
        vec!["man"],
        vec!["--help"],
        vec!["run", "--help"],
        vec!["--version"],
    ]
}

fn assert_no_panic(args: &[&str], out: &Output) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "supple {args:?} panicked: {stderr}");
    assert_ne!(out.status.code(), Some(101), "supple {args:?} panicked: {stderr}");
    assert!(out.status.code().is_some(), "supple {args:?} died of a signal: {:?}", out.status);
}

#[test]
fn a_reader_that_leaves_early_never_makes_a_command_panic() {
    for args in commands() {
        let home = tempfile::tempdir().unwrap();
        std::fs::write(home.path().join("no-devices.conf"), "").unwrap();
        let out = supple(home.path()).args(&args).stdout(closed_pipe()).stderr(Stdio::piped()).output().unwrap();
        assert_no_panic(&args, &out);
    }
}

#[test]
fn a_closed_standard_error_never_makes_a_command_panic() {
    for args in commands().into_iter().chain([vec!["check", "tests/fixtures/invalid/unknown-keys.toml"]]) {
        let home = tempfile::tempdir().unwrap();
        std::fs::write(home.path().join("no-devices.conf"), "").unwrap();
        let out = supple(home.path()).args(&args).stdout(Stdio::piped()).stderr(closed_pipe()).output().unwrap();
        assert_ne!(out.status.code(), Some(101), "supple {args:?} panicked");
        assert!(out.status.code().is_some(), "supple {args:?} died of a signal: {:?}", out.status);
    }
}

/// Names that would move the cursor, clear the screen, set the title or ring the bell if
/// printed raw.
const HOSTILE: [&str; 4] = ["\u{1b}]0;pwned\u{7}", "\u{1b}[2J", "\u{9b}31m", "bell\u{7}\u{8}"];

/// The first byte or character in `text` that would act on a terminal.
fn raw_control(text: &str) -> Option<char> {
    text.chars().find(|&c| (c.is_control() && c != '\n' && c != '\t') || c == '\u{1b}')
}

/// Environment variables a command runs with.
type Env = Vec<(&'static str, String)>;

#[test]
fn no_command_prints_a_raw_control_character_from_a_name_it_was_given() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("no-devices.conf"), "").unwrap();
    // A config directory, routine files and folders named with escape sequences.
    let config = home.path().join(format!("config{}", HOSTILE[0]));
    let routines = config.join("supple/routines");
    std::fs::create_dir_all(&routines).unwrap();
    let valid = std::fs::read_to_string(QUICK).unwrap();
    for (i, name) in HOSTILE.iter().enumerate() {
        std::fs::write(routines.join(format!("r{i}{name}.toml")), &valid).unwrap();
    }
    std::fs::write(routines.join("mine.toml"), &valid).unwrap();
    std::fs::create_dir_all(routines.join(format!("dir{}.toml", HOSTILE[1]))).unwrap();
    std::fs::write(config.join("supple/config.toml"), format!("[sound]\nvolum{} = 3\n", HOSTILE[2])).unwrap();
    // A history whose session names a routine and a file with escape sequences.
    let data = home.path().join("data/supple");
    std::fs::create_dir_all(&data).unwrap();
    let start = serde_json::json!({
        "event": "start", "session": format!("s{}", HOSTILE[3]), "at": "2026-11-21T09:00:00.000Z",
        "routine": format!("Evil{}", HOSTILE[0]), "file": format!("/gone/{}.toml", HOSTILE[1]),
        "hash": "sha256:00", "steps": ["a"], "planned_s": 60.0,
    });
    let end = serde_json::json!({
        "event": "end", "session": format!("s{}", HOSTILE[3]), "at": "2026-11-21T09:01:00.000Z",
        "completed": false, "active_s": 60.0, "paused_s": 0.0, "stopped": {"step": "a", "rep": 1},
    });
    std::fs::write(data.join("history.jsonl"), format!("{start}\n{end}\n")).unwrap();
    let hostile_file = format!("tests/fixtures/valid/{}.toml", HOSTILE[1]);
    let runs: Vec<(Vec<String>, Env)> = vec![
        (vec!["list".into()], vec![]),
        (vec!["show".into(), HOSTILE[0].into()], vec![]),
        (vec!["show".into(), format!("r0{}", HOSTILE[0])], vec![]),
        (vec!["run".into(), format!("dir{}", HOSTILE[1]), "--plain".into()], vec![]),
        (vec!["check".into(), hostile_file.clone(), format!("{}", routines.display())], vec![]),
        (vec!["history".into()], vec![]),
        (vec!["history".into(), "--json".into()], vec![]),
        (vec!["resume".into(), "--plain".into()], vec![]),
        (vec!["config".into()], vec![]),
        (vec!["config".into(), "--path".into()], vec![]),
        (vec!["new".into(), format!("Mine{}", HOSTILE[0])], vec![]),
        (vec!["edit".into(), "mine".into()], vec![("EDITOR", format!("nope{}", HOSTILE[1]))]),
        (vec!["edit".into(), "mine".into()], vec![("EDITOR", format!("false {}", HOSTILE[3]))]),
        (vec!["run".into(), format!("r3{}", HOSTILE[3]), "--plain".into()], vec![]),
    ];
    for (args, env) in runs {
        let mut cmd = supple(home.path());
        cmd.env("XDG_CONFIG_HOME", &config).args(&args);
        for (key, value) in env {
            cmd.env(key, value);
        }
        let out = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).output().unwrap();
        assert_no_panic(&[&args.join(" ")], &out);
        for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            let text = String::from_utf8_lossy(bytes);
            assert_eq!(
                raw_control(&text),
                None,
                "supple {args:?} wrote a raw control character to {stream}:\n{text:?}"
            );
        }
    }
}

#[test]
fn plain_mode_never_waits_for_a_key_it_cannot_read() {
    let home = tempfile::tempdir().unwrap();
    let mut child = supple(home.path())
        .args(["run", "tests/fixtures/e2e/waits.toml", "--plain"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    // The routine takes 11 s when its wait is a plain get-ready.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(40);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("plain mode is still waiting after 40 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Pelvic tilts"), "{text}");
}
