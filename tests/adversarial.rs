//! A hostile or careless user's pass over what came with the voice, poses, progress and
//! the config: absurd numbers, huge and deep tables, control characters and bidi marks in
//! every new text field, a cache folder that is not a folder, two sessions at once, a
//! history from the future. Each class ends in a located message, never a panic, a hang,
//! a raw control sequence or a lost record.

mod support;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use support::run::{finish, supple};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Characters that change a terminal's state or the text's direction.
fn unsafe_chars(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

#[test]
fn absurd_numbers_in_every_new_field_are_each_a_located_error() {
    let home = tempfile::tempdir().unwrap();
    let routine = write(
        home.path(),
        "absurd.toml",
        r#"name = "Absurd"
[defaults]
breath = "99999s/1s"
[[step]]
name = "Breaths"
breaths = 1000000000000000000
[[step]]
name = "Count"
count = 1000000000000000000
pace = 1000000000000000000
[[step]]
name = "Grows"
hold = "30s"
progress = { add = "999999h", sessions = 1000000000, up_to = "18446744073709551615s" }
[[step]]
name = "Posed"
hold = "30s"
pose = "huge"
[pose.huge]
torso = 1e300
head = -1e308
leg = [1e20, 0, 0]
wall = 1e308
then = { arm = [9999999999, 0] }
"#,
    );
    let mut cmd = supple(home.path());
    cmd.args(["check", routine.to_str().unwrap()]);
    let (out, _, stderr) = finish(cmd);
    assert!(!out.status.success());
    for (line, what) in [
        (3, "`breath`"),
        (6, "`breaths`"),
        (9, "`count`"),
        (10, "`pace`"),
        (14, "`add`"),
        (14, "`sessions`"),
        (14, "`up_to`"),
        (20, "`torso`"),
        (21, "`head`"),
        (22, "`leg`"),
        (23, "`wall`"),
        (24, "`arm`"),
    ] {
        let at = format!("absurd.toml:{line}:");
        let found = stderr.split("\n\n").any(|d| d.contains(&at) && d.contains(what));
        assert!(found, "no located error for {what} at line {line}:\n{stderr}");
    }
    // And in the config.
    let config = home.path().join("config/supple");
    std::fs::create_dir_all(&config).unwrap();
    write(
        &config,
        "config.toml",
        "[timing]\nhold_scale = 1e308\nget_ready = 99999999999999999\n[voice]\nrate = 99999999999\n\
         [breath]\npace = \"0s/0s\"\n[display]\nmax_countdown_rows = 70000\n[cues]\nlonger_than = \"9999999h\"\n",
    );
    let mut cmd = supple(home.path());
    cmd.arg("config");
    let (out, _, stderr) = finish(cmd);
    assert!(!out.status.success());
    for line in 2..=11 {
        if [4, 6, 8, 10].contains(&line) {
            continue;
        }
        assert!(stderr.contains(&format!("config.toml:{line}:")), "no error at line {line}:\n{stderr}");
    }
}

#[test]
fn huge_and_deep_pose_tables_are_read_or_refused_without_hanging() {
    let home = tempfile::tempdir().unwrap();
    // Ten thousand poses of the file's own, every step naming one.
    let mut many = String::from("name = \"Many poses\"\n[defaults]\nhold = 20\n");
    for i in 0..2_000 {
        let _ = write!(many, "[[step]]\nname = \"Step {i}\"\npose = \"p{i}\"\n");
    }
    for i in 0..10_000 {
        let _ = write!(many, "[pose.p{i}]\ntitle = \"Pose {i}\"\ntorso = {}\n", i % 180);
    }
    let many = write(home.path(), "many.toml", &many);
    let mut cmd = supple(home.path());
    cmd.args(["check", many.to_str().unwrap()]);
    let (out, stdout, stderr) = finish(cmd);
    assert!(out.status.success(), "{stdout}{stderr}");
    // A `then` nested in `then` far past any use.
    let deep = format!(
        "name = \"Deep\"\n[[step]]\nname = \"A\"\nhold = 20\npose = \"d\"\n[pose.d]\nthen = {}1{}\n",
        "{ then = ".repeat(300),
        " }".repeat(300)
    );
    let deep = write(home.path(), "deep.toml", &deep);
    let mut cmd = supple(home.path());
    cmd.args(["check", deep.to_str().unwrap()]);
    let (out, _, stderr) = finish(cmd);
    assert!(!out.status.success());
    assert!(stderr.contains("deep.toml:7:"), "{stderr}");
    // A pose name of a whole mebibyte.
    let long = format!("name = \"Long\"\n[[step]]\nname = \"A\"\nhold = 20\npose = \"{}\"\n", "x".repeat(1 << 20));
    let long = write(home.path(), "long.toml", &long);
    let mut cmd = supple(home.path());
    cmd.args(["check", long.to_str().unwrap()]);
    let (out, _, stderr) = finish(cmd);
    assert!(!out.status.success());
    assert!(stderr.contains("long.toml:5:8") && stderr.len() < 20_000, "{}", &stderr[..stderr.len().min(2000)]);
}

#[test]
fn control_characters_and_bidi_marks_in_new_text_fields_never_reach_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    // Bidi marks as they are, control characters as TOML escapes (raw, they are a syntax
    // error of their own).
    let evil = "\u{202E}evil\\u001b[2J\\u0007\u{2066}";
    let routine = write(
        home.path(),
        "evil.toml",
        &format!(
            "name = \"Evil {evil}\"\n[defaults]\nget_ready = 1\nhold = 1\nbreath = \"1s/1s\"\n\
             [[step]]\nname = \"Twist {evil}\"\nhow = \"How {evil}\"\nfocus = \"Focus {evil}\"\n\
             targets = [\"t{evil}\"]\nequipment = [\"e{evil}\"]\npose = \"mine\"\nsides = \"both\"\n\
             [pose.mine]\ntitle = \"Title {evil}\"\ntorso = 45\n",
        ),
    );
    let path = routine.to_str().unwrap();
    let runs: [&[&str]; 5] = [
        &["check", path],
        &["show", path],
        &["poses", "mine", "--routine", path],
        &["poses", "--routine", path],
        &["run", path, "--plain"],
    ];
    for args in runs {
        let mut cmd = supple(home.path());
        cmd.args(args);
        let (_, stdout, stderr) = finish(cmd);
        for (stream, text) in [("stdout", &stdout), ("stderr", &stderr)] {
            // Colour would be the only escape, and output to a pipe has none.
            assert_eq!(unsafe_chars(text), Vec::<char>::new(), "{args:?} {stream}:\n{text}");
        }
    }
    // The plain session was recorded, its names as written; `history` shows them safely.
    let mut cmd = supple(home.path());
    cmd.arg("history");
    let (out, stdout, stderr) = finish(cmd);
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("Evil"), "{stdout}");
    assert_eq!(unsafe_chars(&stdout), Vec::<char>::new(), "{stdout}");
}

#[test]
fn a_cache_folder_that_is_not_a_folder_never_stops_a_session() {
    for kind in ["a file", "a named pipe", "a dead link", "a link to /dev/null"] {
        let home = tempfile::tempdir().unwrap();
        let cache = home.path().join("cache/supple");
        std::fs::create_dir_all(&cache).unwrap();
        let voice = cache.join("voice");
        match kind {
            "a file" => drop(std::fs::write(&voice, "not a folder")),
            "a named pipe" => nix::unistd::mkfifo(&voice, nix::sys::stat::Mode::S_IRWXU).unwrap(),
            "a dead link" => std::os::unix::fs::symlink(home.path().join("gone"), &voice).unwrap(),
            _ => std::os::unix::fs::symlink("/dev/null", &voice).unwrap(),
        }
        let mut cmd = supple(home.path());
        cmd.args(["run", "tests/fixtures/e2e/quick.toml", "--plain", "--voice"]);
        let (out, stdout, stderr) = finish(cmd);
        assert!(out.status.success(), "{kind}: {stdout}{stderr}");
        assert!(stdout.contains("DONE"), "{kind}: the session ran to its end:\n{stdout}");
    }
}

#[test]
fn two_sessions_at_once_share_the_voice_cache_and_the_history_whole() {
    let home = tempfile::tempdir().unwrap();
    let start = || {
        let mut cmd = supple(home.path());
        cmd.args(["run", "tests/fixtures/e2e/quick.toml", "--plain", "--voice"]);
        cmd.spawn().unwrap()
    };
    let (a, b) = (start(), start());
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let history = std::fs::read_to_string(home.path().join("data/supple/history.jsonl")).unwrap();
    let ends = history.lines().filter(|l| l.contains("\"event\":\"end\"")).count();
    assert_eq!(ends, 2, "both sessions recorded to their end:\n{history}");
    for line in history.lines() {
        assert!(line.starts_with('{') && line.ends_with('}'), "a torn line: {line}");
    }
    let cache = home.path().join("cache/supple/voice");
    let Ok(entries) = std::fs::read_dir(&cache) else {
        return assert!(std::env::var_os("CI").is_none(), "CI installs espeak-ng, which fills the cache");
    };
    for entry in entries {
        let path = entry.unwrap().path();
        assert_eq!(path.extension().and_then(|e| e.to_str()), Some("wav"), "left behind: {}", path.display());
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(b"RIFF") && bytes.len() > 44, "not whole: {}", path.display());
        let riff = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]) as usize;
        assert_eq!(riff + 8, bytes.len(), "torn: {}", path.display());
    }
}

#[test]
fn a_history_from_the_future_is_set_apart_and_never_offered_to_resume() {
    let home = tempfile::tempdir().unwrap();
    // A real session, quit after its first line, then dated in 2099.
    let mut cmd = supple(home.path());
    cmd.args(["run", "tests/fixtures/e2e/growing.toml", "--plain"]);
    let child = cmd.spawn().unwrap();
    let file = home.path().join("data/supple/history.jsonl");
    let deadline = Instant::now() + support::pty::LEAST_WAIT;
    while std::fs::read_to_string(&file).map_or(0, |t| t.lines().count()) == 0 {
        assert!(Instant::now() < deadline, "no history written");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap().success());
    assert!(child.wait_with_output().unwrap().status.success());
    let text = std::fs::read_to_string(&file).unwrap();
    let year = jiff::Zoned::now().year();
    let moved = text.replace(&format!("\"{year}-"), "\"2099-").replace(&format!("/{year}-"), "/2099-");
    assert_ne!(moved, text, "the dates were moved");
    std::fs::write(&file, &moved).unwrap();
    let mut cmd = supple(home.path());
    cmd.arg("history");
    let (out, stdout, _) = finish(cmd);
    assert!(out.status.success());
    assert!(stdout.contains("No sessions yet") || !stdout.contains("2099"), "{stdout}");
    assert!(stdout.contains("1 session is dated after now and left out"), "{stdout}");
    assert!(!stdout.contains("supple resume"), "offered to resume: {stdout}");
    let mut cmd = supple(home.path());
    cmd.args(["resume", "--plain"]);
    let (out, _, stderr) = finish(cmd);
    assert!(!out.status.success() && stderr.contains("Nothing to resume"), "{stderr}");
    // Its holds have not grown from it, and `show` still works.
    let mut cmd = supple(home.path());
    cmd.args(["show", "tests/fixtures/e2e/growing.toml"]);
    let (out, stdout, stderr) = finish(cmd);
    assert!(out.status.success(), "{stderr}");
    assert!(!stdout.contains("after "), "grown from a session not yet held: {stdout}");
}
