//! Named pipes, directories and dangling links where supple expects a file: each refused
//! at once with its reason, never waited on, wherever supple reads (a routine named on the
//! command line, the routines folder, the config, the history, the remembered volume, a
//! routine replaced mid-session).

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use support::run::{finish, supple};

use support::pty::Pty;

const QUICK: &str = "tests/fixtures/e2e/quick.toml";

fn mkfifo(path: &Path) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    nix::unistd::mkfifo(path, nix::sys::stat::Mode::S_IRWXU).unwrap();
}

fn routines(home: &Path) -> PathBuf {
    let dir = home.join("config/supple/routines");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_named_pipe_named_on_the_command_line_is_refused_at_once() {
    let home = tempfile::tempdir().unwrap();
    let fifo = home.path().join("pipe.toml");
    mkfifo(&fifo);
    for args in [vec!["run", "--plain"], vec!["show"], vec!["check"], vec!["edit"]] {
        let mut cmd = supple(home.path());
        cmd.args(&args).arg(&fifo);
        let (out, _, stderr) = finish(cmd);
        assert!(!out.status.success(), "{args:?}");
        assert!(stderr.contains("not a regular file: a named pipe"), "{args:?}: {stderr}");
    }
}

#[test]
fn files_in_the_routines_folder_that_cannot_be_read_are_named_with_why() {
    let home = tempfile::tempdir().unwrap();
    let dir = routines(home.path());
    mkfifo(&dir.join("piped.toml"));
    std::fs::create_dir(dir.join("folder.toml")).unwrap();
    std::os::unix::fs::symlink(home.path().join("nowhere.toml"), dir.join("dangling.toml")).unwrap();
    std::fs::copy(QUICK, dir.join("fine.toml")).unwrap();
    let (out, list, _) = finish({
        let mut cmd = supple(home.path());
        cmd.arg("list");
        cmd
    });
    assert!(out.status.success());
    assert!(list.contains("fine") && list.contains("Quick"), "{list}");
    for (name, why) in [
        ("piped", "not a regular file: a named pipe"),
        ("folder", "this is a directory, not a routine file"),
        ("dangling", "this is a link to a file that is not there"),
    ] {
        let row = list.lines().find(|l| l.starts_with(name)).unwrap_or_else(|| panic!("no {name} row: {list}"));
        assert!(row.contains(why), "{row}");
        let mut cmd = supple(home.path());
        cmd.args(["run", name, "--plain"]);
        let (out, _, stderr) = finish(cmd);
        assert!(!out.status.success());
        assert!(stderr.contains(why) && stderr.contains(&format!("{name}.toml")), "run {name}: {stderr}");
        assert!(!stderr.contains("no routine named"), "{stderr}");
    }
}

#[test]
fn a_named_pipe_as_config_history_or_remembered_volume_never_stops_a_session() {
    let home = tempfile::tempdir().unwrap();
    mkfifo(&home.path().join("config/supple/config.toml"));
    mkfifo(&home.path().join("data/supple/history.jsonl"));
    mkfifo(&home.path().join("data/supple/sound.toml"));
    let mut cmd = supple(home.path());
    cmd.args(["run", QUICK, "--plain"]);
    let (out, stdout, stderr) = finish(cmd);
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("DONE"), "{stdout}");
    assert!(stderr.contains("not a regular file: a named pipe"), "the config is named: {stderr}");
    assert!(stderr.contains("History not saved"), "{stderr}");
    for args in [vec!["config"], vec!["history"], vec!["resume"]] {
        let mut cmd = supple(home.path());
        cmd.args(&args);
        let (_, _, stderr) = finish(cmd);
        assert!(stderr.contains("not a regular file: a named pipe"), "{args:?}: {stderr}");
    }
}

#[test]
fn resuming_a_session_whose_routine_is_now_a_named_pipe_says_so() {
    let home = tempfile::tempdir().unwrap();
    let routine = routines(home.path()).join("mine.toml");
    std::fs::copy("tests/fixtures/e2e/long-holds.toml", &routine).unwrap();
    let mut cmd = supple(home.path());
    cmd.args(["run", "mine", "--plain"]);
    let child = cmd.spawn().unwrap();
    // The session's first line in the history is written once its signal handlers are in.
    let history = home.path().join("data/supple/history.jsonl");
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::fs::read_to_string(&history).map_or(0, |t| t.lines().count()) == 0 {
        assert!(Instant::now() < deadline, "no history written");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap().success());
    assert!(child.wait_with_output().unwrap().status.success());
    std::fs::remove_file(&routine).unwrap();
    mkfifo(&routine);
    let mut cmd = supple(home.path());
    cmd.arg("resume");
    let (out, _, stderr) = finish(cmd);
    assert!(!out.status.success());
    assert!(stderr.contains("mine.toml"), "{stderr}");
}

#[test]
fn a_routine_replaced_by_a_named_pipe_mid_session_changes_nothing_and_keys_still_work() {
    let home = tempfile::tempdir().unwrap();
    let routine = routines(home.path()).join("mine.toml");
    std::fs::copy("tests/fixtures/e2e/long-holds.toml", &routine).unwrap();
    let (config, data) = (home.path().join("config"), home.path().join("data"));
    let env = [("XDG_CONFIG_HOME", config.to_str().unwrap()), ("XDG_DATA_HOME", data.to_str().unwrap())];
    let mut pty = Pty::spawn(&["run", "mine"], 80, 24, &env);
    pty.wait_text("space or Enter", Duration::from_secs(5));
    pty.send("\r");
    pty.wait_text("GET READY", Duration::from_secs(2));
    std::fs::remove_file(&routine).unwrap();
    mkfifo(&routine);
    pty.wait_text("not a regular file", Duration::from_secs(3));
    pty.send("l");
    pty.wait_text("HOLD · LEFT", Duration::from_secs(2));
    pty.send("\x03");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
}
