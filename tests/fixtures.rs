//! The fixture folders: every invalid file's messages are pinned by a snapshot, and every
//! valid file's summary, warnings and timeline likewise.

use std::path::{Path, PathBuf};

use supple::commands::{check, show};
use supple::diagnostic::Style;
use supple::routine::{Fallbacks, parse};

/// The fixture's path relative to the package root, so snapshots read the same anywhere.
fn relative(path: &Path) -> PathBuf {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(path).to_path_buf()
}

#[test]
fn invalid_fixtures_report_located_errors() {
    insta::glob!("fixtures/invalid/*.toml", |path| {
        let report = check::check_file(&relative(path), Style::Plain, &Fallbacks::default());
        assert!(!report.ok, "{} should be invalid", path.display());
        assert!(report.errors > 0);
        assert!(report.diagnostics.contains(" --> tests/fixtures/invalid/"), "{}", report.diagnostics);
        insta::assert_snapshot!(report.diagnostics);
    });
}

#[test]
fn valid_fixtures_check_and_expand() {
    insta::glob!("fixtures/valid/*.toml", |path| {
        let report = check::check_file(&relative(path), Style::Plain, &Fallbacks::default());
        assert!(report.ok, "{}", report.diagnostics);
        let text = std::fs::read_to_string(path).unwrap();
        let routine = parse(&text).routine.unwrap();
        let shown = show::render(&routine, &Fallbacks::default(), &supple::progress::Practice::default());
        insta::assert_snapshot!(format!("{}\n{}\n{shown}", report.summary, report.diagnostics));
    });
}

#[test]
fn every_error_in_a_file_is_reported_at_once() {
    let report =
        check::check_file(Path::new("tests/fixtures/invalid/unknown-keys.toml"), Style::Plain, &Fallbacks::default());
    assert_eq!(report.errors, 6, "{}", report.diagnostics);
    let report = check::check_file(
        Path::new("tests/fixtures/invalid/durations-unparseable.toml"),
        Style::Plain,
        &Fallbacks::default(),
    );
    assert_eq!(report.errors, 5, "{}", report.diagnostics);
}

#[test]
fn the_valid_fixtures_cover_every_key_and_form() {
    let all: String = std::fs::read_dir("tests/fixtures/valid")
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    let timing = supple::routine::schema::timing_keys();
    let keys = supple::routine::schema::STEP_KEYS.iter().chain(&timing);
    for key in keys.chain(supple::routine::schema::ROUTINE_KEYS) {
        assert!(
            all.contains(&format!("{key} ="))
                || all.contains(&format!("[{key}]"))
                || all.contains(&format!("{key}."))
                || all.contains(&format!("[[{key}]]")),
            "no valid fixture uses `{key}`"
        );
    }
    for (value, _) in supple::routine::schema::SIDES_VALUES {
        assert!(all.to_lowercase().contains(&format!("sides = \"{value}\"")), "no valid fixture uses sides = {value}");
    }
}

#[test]
fn the_documented_example_is_a_valid_routine() {
    let doc = std::fs::read_to_string("docs/routine-format.md").unwrap();
    let example = doc.split("```toml\n").nth(1).and_then(|rest| rest.split("```").next()).expect("an example");
    let parsed = parse(example);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    let routine = parsed.routine.unwrap();
    assert_eq!(routine.equipment(), ["strap", "mat"]);
}

#[test]
fn the_documented_pose_of_ones_own_reads_and_its_step_shows_it() {
    let doc = std::fs::read_to_string("docs/routine-format.md").unwrap();
    let example = doc.split("```toml\n").find(|block| block.contains("[pose.wall-sit]")).expect("the pose example");
    let example = example.split("```").next().unwrap();
    let parsed = parse(&format!("name = \"Poses\"\n{example}"));
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    let routine = parsed.routine.unwrap();
    let pose = routine.steps[0].pose.as_ref().expect("the step's pose");
    assert_eq!((pose.name.as_str(), pose.title.as_str()), ("wall-sit", "Wall sit"));
    assert_eq!(routine.poses.len(), 1);
}
