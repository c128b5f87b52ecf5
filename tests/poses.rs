//! `supple poses`: the gallery, one pose large, a routine's own poses, and a name that is
//! not there; run for real, as a pipe (no colour, 80 columns).

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

fn supple(config: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("supple").unwrap();
    cmd.env("XDG_CONFIG_HOME", config).env_remove("NO_COLOR").env_remove("HOME");
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn the_gallery_shows_every_bundled_pose_by_name_without_colour_in_a_pipe() {
    let config = tempfile::tempdir().unwrap();
    let out = stdout(supple(config.path()).arg("poses"));
    for name in ["supine-hamstring", "wall-calf-bent", "cat-cow", "reclining-twist", "walk", "figure-4"] {
        assert!(out.contains(name), "{name} missing:\n{out}");
    }
    assert!(out.contains("43 poses."), "{out}");
    assert!(!out.contains('\u{1b}'), "no escapes in a pipe");
    // Figures are drawn: braille dots and half blocks.
    assert!(out.chars().filter(|c| ('\u{2801}'..='\u{28FF}').contains(c)).count() > 500);
    assert!(out.lines().all(|l| unicode_width(l) <= 80), "fits 80 columns");
}

fn unicode_width(line: &str) -> usize {
    line.chars().count()
}

#[test]
fn one_pose_large_on_either_side_is_its_mirror() {
    let config = tempfile::tempdir().unwrap();
    let left = stdout(supple(config.path()).args(["poses", "low-lunge", "--side", "left"]));
    let right = stdout(supple(config.path()).args(["poses", "low-lunge", "--side", "right"]));
    assert!(left.starts_with("Low lunge (low-lunge) · left side"), "{left}");
    assert!(right.starts_with("Low lunge (low-lunge) · right side"), "{right}");
    let figure = |text: &str| text.lines().skip(2).map(str::to_string).collect::<Vec<_>>();
    assert!(figure(&left).len() > 10, "drawn large");
    assert_ne!(figure(&left), figure(&right));
    let cat_cow = stdout(supple(config.path()).args(["poses", "cat-cow"]));
    assert!(cat_cow.contains("two key frames, shown in turn"), "{cat_cow}");
}

#[test]
fn a_name_not_there_is_refused_with_the_nearest() {
    let config = tempfile::tempdir().unwrap();
    supple(config.path())
        .args(["poses", "figure4"])
        .assert()
        .failure()
        .stderr(contains("there is no pose called `figure4`: did you mean `figure-4`?"))
        .stdout("");
}

#[test]
fn a_routines_own_poses_show_with_it_and_replace_a_bundled_one_of_their_name() {
    let config = tempfile::tempdir().unwrap();
    let file = config.path().join("mine.toml");
    std::fs::write(
        &file,
        "name = \"Mine\"\n\n[[step]]\nname = \"Wall sit\"\npose = \"wall-sit\"\nhold = \"30s\"\n\n\
         [pose.wall-sit]\ntitle = \"Wall sit\"\nleg = [0, -90, 0]\nother_leg = [0, -90, 0]\nwall = -1.5\n\n\
         [pose.walk]\ntitle = \"My own walk\"\n",
    )
    .unwrap();
    let routine = file.to_str().unwrap();
    let out = stdout(supple(config.path()).args(["poses", "--routine", routine]));
    assert!(out.contains("wall-sit") && out.contains("44 poses."), "{out}");
    assert!(out.contains("My own walk") && !out.contains("Walk\n"), "{out}");
    let one = stdout(supple(config.path()).args(["poses", "wall-sit", "--routine", routine]));
    assert!(one.starts_with("Wall sit (wall-sit)"), "{one}");
    supple(config.path()).args(["poses", "wall-sit"]).assert().failure().stderr(contains("no pose called `wall-sit`"));
}

#[test]
fn a_step_naming_a_pose_that_is_not_there_fails_the_check_with_a_hint() {
    let config = tempfile::tempdir().unwrap();
    let file = config.path().join("typo.toml");
    std::fs::write(&file, "name = \"Typo\"\n\n[[step]]\nname = \"Lunge\"\npose = \"low lunge\"\nhold = \"30s\"\n")
        .unwrap();
    supple(config.path())
        .args(["check", file.to_str().unwrap()])
        .assert()
        .failure()
        .stderr(contains("typo.toml:5:8").and(contains("did you mean \"low-lunge\"?")));
}
