//! `supple stretches` and the person's own library: the table and its filters, one
//! stretch in full with its figure, entries in `stretches.toml` beside the routines
//! folder that replace bundled ones, and `supple check` on that file.

mod support;

use std::path::Path;
use std::process::Command;

use support::run::{finish, supple};

fn with_args(home: &Path, args: &[&str]) -> Command {
    let mut cmd = supple(home);
    cmd.args(args);
    cmd
}

/// The table's rows, each split into its columns at runs of two spaces.
fn rows(table: &str) -> Vec<Vec<String>> {
    table
        .lines()
        .skip(1)
        .take_while(|l| !l.is_empty())
        .map(|l| l.split("  ").map(str::trim).filter(|c| !c.is_empty()).map(str::to_string).collect())
        .collect()
}

fn listed(home: &Path, args: &[&str]) -> Vec<Vec<String>> {
    let (out, stdout, stderr) = finish(with_args(home, args));
    assert!(out.status.success(), "{stderr}");
    rows(&stdout)
}

#[test]
fn the_library_lists_forty_stretches_and_each_filter_narrows_it() {
    let home = tempfile::tempdir().unwrap();
    let all = listed(home.path(), &["stretches"]);
    assert!(all.len() >= 40, "{}", all.len());
    let calves = listed(home.path(), &["stretches", "--area", "calves"]);
    assert!(!calves.is_empty() && calves.len() < all.len());
    assert!(calves.iter().all(|r| r[5].contains("calves")), "{calves:?}");
    let lying = listed(home.path(), &["stretches", "--position", "lying"]);
    assert!(!lying.is_empty() && lying.iter().all(|r| r[2] == "lying"), "{lying:?}");
    let rolling = listed(home.path(), &["stretches", "--kind", "rolling"]);
    assert!(rolling.len() >= 5 && rolling.iter().all(|r| r[3] == "rolling"), "{rolling:?}");
    // Nothing at hand: only what needs nothing, or the floor.
    let bare = listed(home.path(), &["stretches", "--with"]);
    assert!(bare.iter().all(|r| r.len() < 7 || r[6] == "mat"), "{bare:?}");
    assert!(!bare.iter().any(|r| r[0] == "wall-calf"));
    let wall = listed(home.path(), &["stretches", "--with", "wall"]);
    assert!(wall.iter().any(|r| r[0] == "wall-calf"));
    // A towel counts as a strap.
    let towel = listed(home.path(), &["stretches", "--with", "towel", "--area", "hamstrings"]);
    assert!(towel.iter().any(|r| r[0] == "supine-hamstring"), "{towel:?}");
    let (out, _, stderr) = finish(with_args(home.path(), &["stretches", "--area", "elbows"]));
    assert!(!out.status.success() && stderr.contains("no area called `elbows`"), "{stderr}");
}

#[test]
fn one_stretch_shows_in_full_with_its_figure_and_a_misspelt_one_is_suggested() {
    let home = tempfile::tempdir().unwrap();
    let (out, stdout, _) = finish(with_args(home.path(), &["stretches", "supine-hamstring"]));
    assert!(out.status.success());
    assert!(stdout.starts_with("Supine hamstring with strap (supine-hamstring)"), "{stdout}");
    assert!(stdout.contains("How: ") && stdout.contains("Needs: strap, mat") && stdout.contains("Mind: "), "{stdout}");
    assert!(stdout.chars().filter(|c| ('\u{2801}'..='\u{28FF}').contains(c)).count() > 40, "a figure:\n{stdout}");
    let (out, _, stderr) = finish(with_args(home.path(), &["stretches", "supine-hamstrng"]));
    assert!(!out.status.success() && stderr.contains("did you mean `supine-hamstring`?"), "{stderr}");
}

#[test]
fn a_persons_own_entries_replace_bundled_ones_and_are_checked_with_their_line_and_column() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("config/supple");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("stretches.toml");
    std::fs::write(
        &file,
        "[stretch.wall-calf]\nname = \"Calf at the fence\"\nhow = \"Hands on the fence, one leg back.\"\n\
         focus = \"Heel down.\"\ntargets = [\"calves\"]\npose = \"wall-calf\"\nposition = \"standing\"\n\
         kind = \"static\"\nsides = \"both\"\nhold = \"40s\"\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let (out, stdout, _) = finish(with_args(home.path(), &["check", path]));
    assert!(out.status.success() && stdout.contains("a stretch library of 1 stretch"), "{stdout}");
    let (_, shown, _) = finish(with_args(home.path(), &["show", "sore-back-legs"]));
    assert!(shown.contains("Calf at the fence") && !shown.contains("Straight-leg calf stretch"), "{shown}");
    let all = listed(home.path(), &["stretches"]);
    assert_eq!(all.iter().filter(|r| r[0] == "wall-calf").count(), 1, "once, as yours");
    let (_, one, _) = finish(with_args(home.path(), &["stretches", "wall-calf"]));
    assert!(one.contains("yours"), "{one}");

    std::fs::write(
        &file,
        "[stretch.odd]\nname = \"Odd\"\nposition = \"upside down\"\nkind = \"static\"\nhold = \"30s\"\n",
    )
    .unwrap();
    let (out, _, stderr) = finish(with_args(home.path(), &["check", path]));
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains("stretches.toml:3:12") && stderr.contains("`position` cannot be \"upside down\""),
        "{stderr}"
    );
}

#[test]
fn a_routine_saved_as_stretches_is_checked_as_a_routine() {
    let home = tempfile::tempdir().unwrap();
    let (out, _, _) = finish(with_args(home.path(), &["make", "--for", "calves", "--save", "stretches"]));
    assert!(out.status.success());
    let path = home.path().join("config/supple/routines/stretches.toml");
    let (out, stdout, stderr) = finish(with_args(home.path(), &["check", path.to_str().unwrap()]));
    assert!(out.status.success() && stdout.starts_with("ok:") && stdout.contains(" holds, "), "{stdout}{stderr}");
}
