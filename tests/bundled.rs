//! The bundled routines: all present in the binary, all valid, and true to the guidance
//! they were written from.

use std::time::Duration;

use supple::plan::{PhaseKind, Plan};
use supple::routine::library::{BUNDLED, bundled};
use supple::routine::stretch::{self, Kind, Position};
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
        all.extend(routine(b.file_name).equipment());
    }
    for item in ["wall", "step", "strap", "towel", "mat"] {
        assert!(all.iter().any(|e| e == item), "no bundled routine names a {item}: {all:?}");
    }
    // Each once, in the order first needed.
    assert_eq!(routine("sore-back-legs.toml").equipment(), ["wall", "mat", "towel", "strap"]);
    assert!(routine("warm-up.toml").equipment().is_empty(), "a warm-up needs nothing but shoes");
}

/// Where each step of a bundled routine is done, from the library entry it names.
fn positions(routine: &Routine) -> Vec<Position> {
    routine
        .steps
        .iter()
        .map(|s| {
            let name = s.stretch.as_deref().unwrap_or_else(|| panic!("{} names no stretch", s.name));
            stretch::bundled().find(name).unwrap().position
        })
        .collect()
}

#[test]
fn every_bundled_step_names_a_library_stretch_and_no_text_is_copied_between_routines() {
    let mut seen: Vec<(String, &str)> = Vec::new();
    for b in BUNDLED {
        positions(&routine(b.file_name));
        for line in
            b.text.lines().filter(|l| ["how =", "focus =", "name =", "targets ="].iter().any(|k| l.starts_with(k)))
        {
            if let Some((other, _)) = seen.iter().find(|(l, f)| l == line && *f != b.file_name) {
                panic!("{} and {other:?} both say {line}", b.file_name);
            }
            seen.push((line.to_string(), b.file_name));
        }
        assert!(!b.text.contains("how ="), "{} writes out a how-to: the library has it", b.file_name);
    }
}

#[test]
fn no_bundled_routine_stands_up_again_once_on_the_floor() {
    for b in BUNDLED {
        let positions = positions(&routine(b.file_name));
        if let Some(down) = positions.iter().position(|p| p.on_the_floor()) {
            assert!(positions[down..].iter().all(|p| p.on_the_floor()), "{}: {positions:?}", b.file_name);
        }
    }
}

#[test]
fn the_warm_up_moves_on_its_feet_and_holds_nothing_still() {
    let r = routine("warm-up.toml");
    assert!(positions(&r).iter().all(|p| *p == Position::Standing));
    for step in &r.steps {
        let kind = stretch::bundled().find(step.stretch.as_deref().unwrap()).unwrap().kind;
        assert!(matches!(kind, Kind::Walk | Kind::Dynamic), "{}: {kind:?}", step.name);
    }
}

#[test]
fn strong_back_legs_is_counted_sets_for_the_back_of_the_legs() {
    let r = routine("strong-back-legs.toml");
    let fallbacks = Fallbacks::default();
    let practice = supple::progress::Practice::default();
    let counted: Vec<_> = (0..r.steps.len())
        .map(|i| r.resolve(i, &fallbacks, &practice))
        .filter(|t| matches!(t.measure, supple::routine::Measure::Count { .. }))
        .collect();
    assert!(counted.len() >= 5, "{}", counted.len());
    assert!(counted.iter().all(|t| t.reps >= 2), "sets of two or three");
    let targets = targets(&r);
    for muscle in ["hamstrings", "glutes", "calves"] {
        assert!(targets.contains(muscle), "no {muscle} in {targets}");
    }
}

#[test]
fn foam_rolling_gives_each_area_60_to_90_seconds() {
    let r = routine("foam-rolling.toml");
    let plan = Plan::new(&r, &Fallbacks::default());
    let holds: Vec<_> = plan.phases.iter().filter(|p| p.kind == PhaseKind::Hold).collect();
    assert!(holds.len() >= 5);
    assert!(holds.iter().all(|h| (60..=90).contains(&h.duration.as_secs())), "{holds:?}");
}

#[test]
fn the_gentle_routine_holds_a_minute_with_time_to_get_into_place() {
    let r = routine("gentle.toml");
    let fallbacks = Fallbacks::default();
    let practice = supple::progress::Practice::default();
    for i in 0..r.steps.len() {
        let t = r.resolve(i, &fallbacks, &practice);
        if matches!(r.steps[i].kind, StepKind::Stretch) {
            assert_eq!(t.hold.as_secs(), 60, "{}", r.steps[i].name);
            assert!(t.get_ready.as_secs() >= 10 || t.wait, "{}", r.steps[i].name);
        }
    }
}
