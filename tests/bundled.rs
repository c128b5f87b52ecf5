//! The bundled routines: all present in the binary, all valid, and true to the guidance
//! they were written from.

use std::time::Duration;

use supple::plan::{PhaseKind, Plan};
use supple::routine::library::{BUNDLED, bundled};
use supple::routine::{Fallbacks, Routine, StepKind};

fn routine(file: &str) -> Routine {
    let loaded = bundled().into_iter().find(|l| l.source.path.to_str() == Some(file)).unwrap();
    loaded.parsed.routine.unwrap()
}

fn targets(routine: &Routine) -> String {
    routine.steps.iter().flat_map(|s| s.targets.iter()).cloned().collect::<Vec<_>>().join(",")
}

#[test]
fn every_file_in_routines_is_bundled_and_nothing_else() {
    let mut on_disk: Vec<String> =
        std::fs::read_dir("routines").unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    on_disk.sort();
    let mut compiled: Vec<String> = BUNDLED.iter().map(|b| b.file_name.to_string()).collect();
    compiled.sort();
    assert_eq!(on_disk, compiled);
    for b in BUNDLED {
        assert_eq!(std::fs::read_to_string(format!("routines/{}", b.file_name)).unwrap(), b.text);
    }
}

#[test]
fn no_description_names_a_length_the_plan_may_not_have() {
    // The screens show each routine's total from its plan; a length written in the
    // description disagrees as soon as a hold changes ("About 20 minutes" beside 22m40s).
    for loaded in bundled() {
        let description = loaded.parsed.routine.unwrap().description.to_lowercase();
        assert!(
            !["minute", "second", "hour"].iter().any(|unit| description.contains(unit)),
            "{}: {description}",
            loaded.key
        );
    }
}

#[test]
fn every_bundled_routine_is_valid_without_a_warning() {
    for loaded in bundled() {
        assert!(loaded.parsed.diagnostics.is_empty(), "{}: {:?}", loaded.key, loaded.parsed.diagnostics);
        assert!(loaded.parsed.routine.is_some());
    }
}

#[test]
fn text_is_short_enough_to_read_during_a_hold() {
    for loaded in bundled() {
        for step in &loaded.parsed.routine.unwrap().steps {
            assert!(step.name.chars().count() <= 32, "{}: name too long", step.name);
            assert!(step.how.chars().count() <= 90, "{}: how is {} chars", step.name, step.how.chars().count());
            assert!(step.focus.chars().count() <= 60, "{}: focus is {} chars", step.name, step.focus.chars().count());
            assert!(!step.how.is_empty() && !step.focus.is_empty() && !step.targets.is_empty(), "{}", step.name);
        }
    }
}

#[test]
fn post_run_cooldown_covers_the_running_muscles_in_10_to_15_minutes() {
    let r = routine("post-run-cooldown.toml");
    let total = Plan::new(&r, &Fallbacks::default()).total();
    assert!((Duration::from_secs(600)..=Duration::from_secs(900)).contains(&total), "{total:?}");
    let targets = targets(&r);
    for muscle in ["quads", "hamstrings", "calves", "hip", "glutes", "lower back"] {
        assert!(targets.contains(muscle), "no {muscle} in {targets}");
    }
}

#[test]
fn sore_back_legs_holds_20_to_30_seconds_2_to_3_times_a_side() {
    let r = routine("sore-back-legs.toml");
    for i in 0..r.steps.len() {
        let t = r.resolve(i, &Fallbacks::default(), &supple::progress::Practice::default());
        assert!((20..=30).contains(&t.hold.as_secs()), "{}", r.steps[i].name);
        assert!((2..=3).contains(&t.reps), "{}", r.steps[i].name);
        assert_eq!(t.sides.order().len(), 2, "{}", r.steps[i].name);
    }
    let targets = targets(&r);
    assert!(targets.contains("hamstrings") && targets.contains("calves"));
}

#[test]
fn deep_stretch_holds_30_seconds_to_2_minutes_after_a_warm_up() {
    let r = routine("deep-stretch.toml");
    assert!(matches!(r.steps[0].kind, StepKind::Activity { .. }), "starts with a walk");
    let plan = Plan::new(&r, &Fallbacks::default());
    for hold in plan.phases.iter().filter(|p| p.kind == PhaseKind::Hold) {
        assert!((30..=120).contains(&hold.duration.as_secs()), "{hold:?}");
    }
    let targets = targets(&r);
    for muscle in ["hamstrings", "lower back", "hip", "glutes"] {
        assert!(targets.contains(muscle), "no {muscle} in {targets}");
    }
}

#[test]
fn hamstring_relief_is_mostly_hamstrings() {
    let r = routine("hamstring-relief.toml");
    let hamstring_steps = r.steps.iter().filter(|s| s.targets.iter().any(|t| t == "hamstrings")).count();
    assert!(hamstring_steps >= 3, "{hamstring_steps}");
}

#[test]
fn the_bundled_routines_say_what_to_fetch() {
    let mut all: Vec<String> = Vec::new();
    for b in BUNDLED {
        let equipment = routine(b.file_name).equipment();
        assert!(!equipment.is_empty(), "{} needs nothing?", b.file_name);
        all.extend(equipment);
    }
    for item in ["wall", "step", "strap", "towel", "mat"] {
        assert!(all.iter().any(|e| e == item), "no bundled routine names a {item}: {all:?}");
    }
    // Each once, in the order first needed.
    assert_eq!(routine("sore-back-legs.toml").equipment(), ["strap", "mat", "wall", "towel"]);
}
