//! The `supple` binary's commands, run for real against files in temp directories.

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

/// `supple` with a private config directory, so the user's own routines do not leak in.
fn supple(config: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("supple").unwrap();
    cmd.env("XDG_CONFIG_HOME", config).env("NO_COLOR", "1").env_remove("HOME");
    cmd
}

fn user_routine(config: &std::path::Path, file: &str, text: &str) -> std::path::PathBuf {
    let dir = config.join("supple/routines");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(file);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn check_passes_the_bundled_routines() {
    let config = tempfile::tempdir().unwrap();
    let files: Vec<_> = std::fs::read_dir("routines").unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), supple::routine::library::BUNDLED.len());
    supple(config.path())
        .arg("check")
        .args(&files)
        .assert()
        .success()
        .stdout(contains("ok: routines/post-run-cooldown.toml: Post-run cool-down: 9 steps"))
        .stderr("");
}

#[test]
fn check_fails_on_any_invalid_file_and_reports_each() {
    let config = tempfile::tempdir().unwrap();
    supple(config.path())
        .args([
            "check",
            "routines/sore-back-legs.toml",
            "tests/fixtures/invalid/unknown-keys.toml",
            "tests/fixtures/invalid/bad-sides.toml",
        ])
        .assert()
        .code(1)
        .stdout(contains("ok: routines/sore-back-legs.toml"))
        .stderr(contains("--> tests/fixtures/invalid/unknown-keys.toml:9:1"))
        .stderr(contains("help: did you mean `hold`?"))
        .stderr(contains("error: tests/fixtures/invalid/bad-sides.toml is not a valid routine (2 errors)"))
        .stderr(contains("error: 2 of 3 files have errors"));
}

#[test]
fn check_refuses_a_directory_and_a_missing_file() {
    let config = tempfile::tempdir().unwrap();
    supple(config.path())
        .args(["check", "routines", "nowhere/missing.toml"])
        .assert()
        .code(1)
        .stderr(contains("error: routines: this is a directory, not a routine file"))
        .stderr(contains("help: to check every routine in it, run `supple check routines/*.toml`"))
        .stderr(contains("error: nowhere/missing.toml: no such file"));
}

#[test]
fn check_takes_a_routine_name_too() {
    let config = tempfile::tempdir().unwrap();
    supple(config.path()).args(["check", "deep-stretch"]).assert().success().stdout(contains("ok: deep-stretch.toml"));
}

#[test]
fn list_shows_bundled_and_user_routines() {
    let config = tempfile::tempdir().unwrap();
    user_routine(config.path(), "evening.toml", "name = \"Evening\"\n[[step]]\nname = \"a\"\nhold = \"40s\"\n");
    user_routine(config.path(), "broken.toml", "name = \"Broken\"\n[[step]]\nhodl = 3\n");
    let out = supple(config.path()).arg("list").assert().success().get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    for needle in [
        "post-run-cooldown",
        "sore-back-legs",
        "deep-stretch",
        "hamstring-relief",
        "Evening",
        "45s",
        "(has errors: run `supple check`)",
    ] {
        assert!(out.contains(needle), "{needle} missing from:\n{out}");
    }
    assert!(out.contains(&config.path().join("supple/routines/evening.toml").display().to_string()), "{out}");
    assert!(out.lines().nth(1).unwrap().starts_with("broken"), "user routines come first:\n{out}");
}

#[test]
fn list_tells_where_user_routines_go_when_there_are_none() {
    let config = tempfile::tempdir().unwrap();
    supple(config.path())
        .arg("list")
        .assert()
        .success()
        .stdout(contains("Your own routines go in").and(contains("supple/routines (none there yet)")));
}

#[test]
fn show_prints_the_timeline_of_a_named_or_pathed_routine() {
    let config = tempfile::tempdir().unwrap();
    supple(config.path())
        .args(["show", "post-run-cooldown"])
        .assert()
        .success()
        .stdout(contains("   0:00  ACTIVITY         3m  Easy walk"))
        .stdout(contains("  13:55  END"))
        .stdout(contains("9 steps, 17 holds, 13m55s in all"));
    supple(config.path())
        .args(["show", "Sore Hamstring Relief"])
        .assert()
        .success()
        .stdout(contains("Sore hamstring relief\n"));
    supple(config.path())
        .args(["show", "tests/fixtures/valid/minimal.toml"])
        .assert()
        .success()
        .stdout(contains("1 step, 1 hold, 50s in all"));
}

#[test]
fn a_user_routine_replaces_a_bundled_one_of_the_same_name() {
    let config = tempfile::tempdir().unwrap();
    user_routine(
        config.path(),
        "deep-stretch.toml",
        "name = \"My deep stretch\"\n[[step]]\nname = \"a\"\nhold = \"2m\"\n",
    );
    supple(config.path()).args(["show", "deep-stretch"]).assert().success().stdout(contains("My deep stretch"));
    // `list`: one row for it, marked as yours, and no bundled row beside it.
    let out = supple(config.path()).arg("list").assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let rows: Vec<&str> = text.lines().filter(|l| l.contains("deep") || l.contains("Deep")).collect();
    assert_eq!(rows.len(), 1, "{text}");
    assert!(rows[0].contains("My deep stretch") && rows[0].contains("yours:"), "{text}");
}

#[test]
fn show_explains_an_unknown_name_and_an_invalid_file() {
    let config = tempfile::tempdir().unwrap();
    supple(config.path())
        .args(["show", "deep-strech"])
        .assert()
        .code(1)
        .stderr(contains("error: no routine named `deep-strech`").and(contains("did you mean `deep-stretch`?")));
    supple(config.path())
        .args(["show", "tests/fixtures/invalid/missing-hold.toml"])
        .assert()
        .code(1)
        .stderr(contains("--> tests/fixtures/invalid/missing-hold.toml:3:1"));
}

#[test]
fn help_reads_well() {
    let config = tempfile::tempdir().unwrap();
    supple(config.path())
        .arg("--help")
        .assert()
        .success()
        .stdout(contains("check").and(contains("Check routine files and report every error")));
    supple(config.path()).args(["check", "--help"]).assert().success().stdout(contains("Exits with status 1"));
    supple(config.path()).arg("--version").assert().success().stdout(contains("supple 0.1.0"));
}

#[test]
fn numbers_out_of_range_are_refused_with_the_range() {
    let config = tempfile::tempdir().unwrap();
    let out = supple(config.path()).args(["history", "--weeks", "2000000"]).assert().failure().code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("1..=520") || stderr.contains("1 to 520") || stderr.contains("520"), "{stderr}");
    supple(config.path()).args(["chimes", "--volume", "101"]).assert().failure().code(2);
}
