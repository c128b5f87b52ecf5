//! `supple make`'s sessions against the guidance, over thousands of random choices: the
//! time asked for to within 5 s (or a note saying why not), both sides, holds in range,
//! one change of position per group, a warm-up first when not warm, only what is at
//! hand; and the text it writes reads back as the routine it timed.

mod support;

use std::time::Duration;

use proptest::prelude::*;
use supple::make::{self, Area, Choices, Day, Equipment, MINUTES};
use supple::plan::{PhaseKind, Plan};
use supple::progress::{HoldScale, Practice};
use supple::routine::stretch::{self, Kind, Position, Stretch};
use supple::routine::{Fallbacks, Routine, Sides, StepKind};
use support::pty::Pty;
use support::run::{finish, supple};

fn library() -> Vec<&'static Stretch> {
    stretch::bundled().stretches.iter().collect()
}

fn day(n: i64) -> Day {
    jiff::civil::date(2026, 1, 1).checked_add(jiff::Span::new().days(n)).unwrap()
}

/// The made session, read back by the routine reader as a run reads it.
fn made(choices: &Choices, on: Day, fallbacks: &Fallbacks) -> (Routine, Vec<String>, String) {
    let made = make::make(choices, on, &library(), fallbacks);
    let parsed = supple::routine::parse(&made.text);
    assert!(parsed.diagnostics.is_empty(), "{:?}\n{}", parsed.diagnostics, made.text);
    (parsed.routine.unwrap(), made.notes, made.text)
}

fn entry(name: &str) -> &'static Stretch {
    stretch::bundled().find(name).unwrap()
}

fn choices() -> impl Strategy<Value = Choices> {
    (
        proptest::sample::subsequence(Area::ALL.to_vec(), 1..=3),
        MINUTES,
        proptest::sample::subsequence(Equipment::ALL.to_vec(), 0..=Equipment::ALL.len()),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(areas, minutes, equipment, standing_only, warm)| Choices {
            areas,
            minutes,
            equipment,
            standing_only,
            warm,
        })
}

fn scale() -> impl Strategy<Value = HoldScale> {
    prop_oneof![3 => Just(1.0), 1 => 0.5f64..=3.0].prop_map(|f| HoldScale::new(f).unwrap())
}

/// Whether `e` can be done with these choices, and serves an area they ask for.
fn usable(choices: &Choices, e: &Stretch) -> bool {
    let areas: Vec<&str> = choices
        .areas
        .iter()
        .flat_map(|a| match a {
            Area::Hamstrings => &["hamstrings"][..],
            Area::Calves => &["calves"],
            Area::Quads => &["quads", "hip flexors"],
            Area::Hips => &["hips", "hip flexors", "adductors", "IT band"],
            Area::Glutes => &["glutes"],
            Area::LowerBack => &["lower back"],
            Area::WholeLegs => {
                &["hamstrings", "calves", "quads", "hip flexors", "hips", "adductors", "IT band", "glutes"]
            }
        })
        .copied()
        .collect();
    let at_hand = e.step.equipment.iter().all(|item| match item.as_str() {
        "mat" => !choices.standing_only,
        other => Equipment::from_name(other).is_some_and(|need| choices.equipment.contains(&need)),
    });
    let placed = !choices.standing_only || e.position == Position::Standing;
    at_hand && placed && e.step.targets.iter().any(|t| areas.contains(&t.as_str()))
}

/// Every rule a made session keeps.
fn follows_the_guidance(choices: &Choices, routine: &Routine, notes: &[String], fallbacks: &Fallbacks, text: &str) {
    let plan = Plan::new(routine, fallbacks);
    let asked = u64::from(choices.minutes) * 60;
    let total = plan.total().as_secs();
    let entries: Vec<&Stretch> = routine.steps.iter().map(|s| entry(s.stretch.as_deref().unwrap())).collect();
    if total.abs_diff(asked) > 5 {
        assert!(notes.iter().any(|n| n.contains("rather than")), "{total} s for {asked} s, no note: {notes:?}\n{text}");
        let holds: Vec<(u64, u32)> = routine
            .steps
            .iter()
            .zip(&entries)
            .filter(|(_, e)| e.kind == Kind::Static)
            .map(|(s, _)| (s.timings.hold.unwrap().as_secs(), s.timings.reps.unwrap()))
            .collect();
        if total > asked {
            // Over only when nothing shorter can be made: one stretch, one short hold a side.
            assert_eq!(holds, [(20, 1)], "{total} s for {asked} s could be shorter:\n{text}");
        } else {
            // Under only when every stretch there is for these choices is in, held long.
            let allowed: Vec<&str> = library()
                .into_iter()
                .filter(|e| e.kind == Kind::Static && usable(choices, e))
                .map(|e| e.name.as_str())
                .collect();
            assert_eq!(
                holds.len(),
                allowed.len(),
                "{total} s for {asked} s, stretches left out of {allowed:?}:\n{text}"
            );
            // And no hold could be longer: the longest dose on any one passes the time asked.
            for (i, e) in entries.iter().enumerate().filter(|(_, e)| e.kind == Kind::Static) {
                let mut longer = routine.clone();
                longer.steps[i].timings.hold = Some(Duration::from_secs(60));
                longer.steps[i].timings.reps = Some(3);
                let could = Plan::new(&longer, fallbacks).total().as_secs();
                assert!(could == total || could > asked, "{} could be held longer ({could} s):\n{text}", e.name);
            }
        }
    }
    // A warm-up first when not warm, none when warm.
    let warm_up = entries.iter().take_while(|e| matches!(e.kind, Kind::Walk | Kind::Dynamic)).count();
    assert_eq!(warm_up > 0, !choices.warm, "warm-up: {text}");
    assert!(entries[warm_up..].iter().all(|e| !matches!(e.kind, Kind::Walk | Kind::Dynamic)), "{text}");
    assert!(entries.len() > warm_up, "at least one stretch: {text}");
    // Grouped by position: never back up, each position in one run.
    let positions: Vec<Position> = entries[warm_up..].iter().map(|e| e.position).collect();
    assert!(positions.windows(2).all(|w| w[0] <= w[1]), "{positions:?}");
    // Down to the floor once, at the person's own pace: the first floor stretch after
    // standing waits for them, and no other step does.
    let waits: Vec<usize> =
        routine.steps.iter().enumerate().filter(|(_, s)| s.timings.wait == Some(true)).map(|(i, _)| i).collect();
    let down = entries.iter().position(|e| e.position.on_the_floor()).filter(|&i| i > 0);
    assert_eq!(waits, down.into_iter().collect::<Vec<_>>(), "{text}");
    if choices.standing_only {
        assert!(entries.iter().all(|e| e.position == Position::Standing), "{text}");
    }
    let practice = Practice::default();
    for (i, (step, e)) in routine.steps.iter().zip(&entries).enumerate() {
        // Only what is at hand (a towel counts as a strap; the floor is the mat).
        for item in &e.step.equipment {
            let ok = match item.as_str() {
                "mat" => !choices.standing_only,
                other => Equipment::from_name(other).is_some_and(|need| choices.equipment.contains(&need)),
            };
            assert!(ok, "{} needs a {item}: {choices:?}", e.name);
        }
        let t = routine.resolve(i, fallbacks, &practice);
        if matches!(step.kind, StepKind::Stretch) && e.kind != Kind::Dynamic {
            let written = step.timings.hold.unwrap().as_secs();
            match e.kind {
                Kind::Rolling => assert!((60..=90).contains(&written), "{}: {written}", e.name),
                _ => assert!((20..=60).contains(&written), "{}: {written}", e.name),
            }
            assert!((1..=3).contains(&t.reps), "{}", e.name);
            if t.reps == 1 && e.kind == Kind::Static {
                assert!(notes.iter().any(|n| n.contains("held once")), "{}: one hold, no note", e.name);
            }
        }
        // Both sides, always, for a one-sided stretch.
        if e.step.timings.sides != Some(Sides::Centre) {
            assert_eq!(t.sides.order().len(), 2, "{}", e.name);
        }
    }
    areas_are_worked(choices, &entries[warm_up..], notes, text);

    assert!(plan.phases.iter().any(|p| p.kind == PhaseKind::Hold));
}

/// Every area asked for is worked by a stretch (a warm-up movement does not count), or a
/// note names it; and an area left out for time means no other area got a second one.
fn areas_are_worked(choices: &Choices, main: &[&Stretch], notes: &[String], text: &str) {
    let mut wanted: Vec<Area> = Vec::new();
    for area in &choices.areas {
        let parts = if *area == Area::WholeLegs {
            vec![Area::Hamstrings, Area::Calves, Area::Quads, Area::Hips, Area::Glutes]
        } else {
            vec![*area]
        };
        for part in parts {
            if !wanted.contains(&part) {
                wanted.push(part);
            }
        }
    }
    let mut left_for_time = 0;
    for area in &wanted {
        if !main.iter().any(|e| make::serves(e, *area)) {
            let named = |n: &String| n.contains(area.name()) || n.contains(&area.name().replace('-', " "));
            assert!(notes.iter().any(named), "{area:?} is not worked and no note says so: {notes:?}\n{text}");
            left_for_time += usize::from(notes.iter().any(|n| n.contains("leaves out") && named(n)));
        }
    }
    if left_for_time > 0 {
        assert!(
            main.len() <= wanted.len() - left_for_time,
            "a second stretch for one area while another is left out:\n{text}"
        );
    }
}

/// 3,000 cases from a fixed seed, so every run of the suite tries the same sessions and
/// a red run is one anyone can repeat; `PROPTEST_CASES` and `PROPTEST_RNG_SEED` search
/// wider (`PROPTEST_CASES=200000 PROPTEST_RNG_SEED=$RANDOM cargo test --release --test make`).
fn config() -> ProptestConfig {
    let from_env = ProptestConfig::default();
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(3000);
    let rng_seed = match from_env.rng_seed {
        proptest::test_runner::RngSeed::Random => proptest::test_runner::RngSeed::Fixed(0x5_2026),
        seed @ proptest::test_runner::RngSeed::Fixed(_) => seed,
    };
    ProptestConfig { cases, rng_seed, failure_persistence: None, ..from_env }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn every_made_session_follows_the_guidance(choices in choices(), n in 0i64..3650, scale in scale()) {
        let fallbacks = Fallbacks { hold_scale: scale, ..Fallbacks::default() };
        let (routine, notes, text) = made(&choices, day(n), &fallbacks);
        follows_the_guidance(&choices, &routine, &notes, &fallbacks, &text);
    }

    #[test]
    fn the_choices_read_back_from_their_label(choices in choices()) {
        prop_assert_eq!(Choices::from_label(&choices.label()), Some(choices));
    }
}

#[test]
fn the_same_choices_on_the_same_day_give_the_same_session_and_another_day_another() {
    let choices = Choices { areas: vec![Area::WholeLegs], minutes: 20, ..Choices::default() };
    let fallbacks = Fallbacks::default();
    let (_, _, monday) = made(&choices, day(0), &fallbacks);
    assert_eq!(made(&choices, day(0), &fallbacks).2, monday);
    let week: Vec<String> = (1..7).map(|n| made(&choices, day(n), &fallbacks).2).collect();
    assert!(week.iter().any(|t| *t != monday), "a week of the same session");
}

#[test]
fn a_runner_just_back_gets_no_warm_up_and_one_who_is_not_gets_one_first() {
    let fallbacks = Fallbacks::default();
    let cold = Choices { areas: vec![Area::Calves], minutes: 10, ..Choices::default() };
    let (routine, _, _) = made(&cold, day(3), &fallbacks);
    assert!(matches!(routine.steps[0].kind, StepKind::Activity { .. }), "a walk first");
    let warm = Choices { warm: true, ..cold };
    let (routine, _, _) = made(&warm, day(3), &fallbacks);
    assert!(routine.steps.iter().all(|s| matches!(s.kind, StepKind::Stretch)));
    assert!(routine.steps.iter().all(|s| entry(s.stretch.as_deref().unwrap()).kind == Kind::Static));
}

#[test]
fn standing_only_in_a_park_never_asks_for_the_floor_or_a_wall_not_at_hand() {
    let fallbacks = Fallbacks::default();
    let park =
        Choices { areas: vec![Area::WholeLegs], minutes: 12, standing_only: true, warm: true, ..Choices::default() };
    let (routine, _, text) = made(&park, day(9), &fallbacks);
    for step in &routine.steps {
        let e = entry(step.stretch.as_deref().unwrap());
        assert_eq!(e.position, Position::Standing, "{text}");
        assert!(e.step.equipment.is_empty(), "{}: {:?}", e.name, e.step.equipment);
    }
    assert!(!text.contains("wait"), "nobody gets down: {text}");
}

#[test]
fn a_towel_counts_as_a_strap() {
    assert_eq!(Equipment::from_name("towel"), Some(Equipment::Strap));
    let fallbacks = Fallbacks::default();
    let choices = Choices {
        areas: vec![Area::Hamstrings],
        minutes: 30,
        equipment: vec![Equipment::from_name("towel").unwrap()],
        warm: true,
        ..Choices::default()
    };
    let (routine, _, _) = made(&choices, day(1), &fallbacks);
    assert!(routine.steps.iter().any(|s| s.stretch.as_deref() == Some("supine-hamstring")), "the strap stretch");
}

#[test]
fn a_choice_that_cannot_be_met_says_what_was_done_instead() {
    let fallbacks = Fallbacks::default();
    let short = Choices { areas: vec![Area::WholeLegs], minutes: 2, ..Choices::default() };
    let (_, notes, _) = made(&short, day(0), &fallbacks);
    assert!(notes.iter().any(|n| n.contains("leaves out")), "{notes:?}");
    let long =
        Choices { areas: vec![Area::Calves], minutes: 90, standing_only: true, warm: true, ..Choices::default() };
    let (routine, notes, _) = made(&long, day(0), &fallbacks);
    assert!(notes.iter().any(|n| n.contains("no more stretches")), "{notes:?}");
    assert!(Plan::new(&routine, &fallbacks).total() < Duration::from_secs(90 * 60));
}

#[test]
fn longer_sessions_hold_deeper() {
    let fallbacks = Fallbacks::default();
    let choices = Choices { areas: vec![Area::Hamstrings], minutes: 40, warm: true, ..Choices::default() };
    let (routine, _, text) = made(&choices, day(2), &fallbacks);
    assert!(routine.steps.iter().any(|s| s.timings.hold.is_some_and(|h| h.as_secs() >= 45)), "{text}");
}

/// `supple` with these arguments, in `home`.
fn with_args(home: &std::path::Path, args: &[&str]) -> std::process::Command {
    let mut cmd = supple(home);
    cmd.args(args);
    cmd
}

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

#[test]
fn a_made_session_runs_records_resumes_and_shows_in_the_history_like_any_routine() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path().to_str().unwrap();
    let (config, data, alsa) = (format!("{h}/config"), format!("{h}/data"), format!("{h}/no-devices.conf"));
    std::fs::write(&alsa, "# no devices at all\n").unwrap();
    let env = [
        ("XDG_CONFIG_HOME", config.as_str()),
        ("XDG_DATA_HOME", data.as_str()),
        ("NO_COLOR", "1"),
        ("ALSA_CONFIG_PATH", alsa.as_str()),
    ];
    let made = ["make", "--for", "calves", "--minutes", "6", "--run"];
    let mut pty = Pty::spawn(&made, 80, 24, &env);
    pty.wait_text("For today: calves", secs(5));
    pty.wait_text("space or Enter", secs(5));
    pty.send("\r");
    pty.wait_text("GET READY", secs(2));
    pty.send("\x1b[C"); // past the get-ready
    pty.wait_text("HOLD", secs(2));
    pty.send("\x1b[C"); // the first hold skipped, and recorded
    pty.wait_for("the next phase", secs(2), |s| !s.contains("HOLD · LEFT · rep 1"));
    pty.send("q");
    pty.wait_text("Quit", secs(2));
    pty.send("y");
    assert_eq!(pty.wait_exit(secs(5)), 0);

    let text = std::fs::read_to_string(format!("{data}/supple/history.jsonl")).unwrap();
    let start: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    let label = start["file"].as_str().unwrap();
    assert!(label.starts_with("made:") && label.ends_with(";calves;6m;warm"), "{label}");
    assert_eq!(start["routine"], "For today: calves");

    let (out, history, _) = finish(with_args(home.path(), &["history"]));
    assert!(out.status.success());
    assert!(history.contains("For today: calves") && history.contains("↻"), "{history}");

    let mut pty = Pty::spawn(&["resume"], 80, 24, &env);
    pty.wait_text("For today: calves", secs(5));
    pty.wait_text("Resuming at", secs(5));
    pty.send("q");
    assert_eq!(pty.wait_exit(secs(5)), 0);
}

#[test]
fn a_made_session_saved_is_an_ordinary_routine_file() {
    let home = tempfile::tempdir().unwrap();
    let (out, stdout, _) =
        finish(with_args(home.path(), &["make", "--for", "hips", "--minutes", "12", "--save", "Hips today"]));
    assert!(out.status.success(), "{stdout}");
    let path = home.path().join("config/supple/routines/hips-today.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("name = \"Hips today\"") && text.contains("stretch = "), "{text}");
    let (out, shown, _) = finish(with_args(home.path(), &["show", "hips-today"]));
    assert!(out.status.success() && shown.contains("12m in all"), "{shown}");
    // Never over a file that is there.
    let (out, _, stderr) = finish(with_args(home.path(), &["make", "--for", "hips", "--save", "Hips today"]));
    assert!(!out.status.success() && stderr.contains("exists"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn make_says_what_it_could_not_do_and_refuses_what_it_does_not_know() {
    let home = tempfile::tempdir().unwrap();
    let (out, shown, stderr) = finish(with_args(home.path(), &["make", "--minutes", "2", "--show"]));
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("leaves out"), "{stderr}");
    assert!(shown.contains("2m in all"), "{shown}");
    let (out, _, stderr) = finish(with_args(home.path(), &["make", "--for", "elbows"]));
    assert!(!out.status.success() && stderr.contains("the areas are hamstrings"), "{stderr}");
    let (out, _, stderr) = finish(with_args(home.path(), &["make", "--with", "kettlebell"]));
    assert!(!out.status.success() && stderr.contains("a towel counts as a strap"), "{stderr}");
}

#[test]
fn the_same_choices_however_written_make_the_same_session() {
    let fallbacks = Fallbacks::default();
    let one = Choices {
        areas: vec![Area::Calves, Area::Hamstrings],
        equipment: vec![Equipment::Strap],
        ..Choices::default()
    };
    let other = Choices {
        areas: vec![Area::Hamstrings, Area::Calves, Area::Calves],
        equipment: vec![Equipment::Strap, Equipment::Strap],
        ..Choices::default()
    };
    assert_eq!(make::make(&one, day(4), &library(), &fallbacks), make::make(&other, day(4), &library(), &fallbacks));
    let parts = Choices {
        areas: vec![Area::Glutes, Area::Hips, Area::Quads, Area::Calves, Area::Hamstrings],
        ..Choices::default()
    };
    let whole = Choices { areas: vec![Area::WholeLegs], ..Choices::default() };
    assert_eq!(parts.normalized(), whole.normalized());
}

/// `supple make ARGS --show` with `library` as the person's stretches.toml.
fn made_with_library(library: &str, args: &[&str]) -> (String, String) {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("config/supple")).unwrap();
    std::fs::write(home.path().join("config/supple/stretches.toml"), library).unwrap();
    let mut all = vec!["make"];
    all.extend_from_slice(args);
    all.push("--show");
    let (out, shown, stderr) = finish(with_args(home.path(), &all));
    assert!(out.status.success(), "{stderr}");
    (shown, stderr)
}

#[test]
fn a_persons_entries_cannot_break_the_rules_of_a_made_session() {
    // Its own long gaps are not the session's; a one-sided entry is done on both sides.
    let slow = "[stretch.lunge-calf]\nname = \"Slow calf\"\ntargets = [\"calves\"]\nposition = \"standing\"\n\
                kind = \"static\"\nhold = \"30s\"\nsides = \"left\"\nswitch_sides = \"30m\"\nrest_after = \"30m\"\n";
    let (shown, _) = made_with_library(slow, &["--for", "calves", "--run", "--standing", "--minutes", "8"]);
    assert!(!shown.contains("30m") && shown.contains("SWITCH SIDES     5s"), "{shown}");
    assert!(shown.contains("Slow calf, left") && shown.contains("Slow calf, right"), "{shown}");
    // A walk on the floor is no warm-up march.
    let lying = "[stretch.aaa-walk]\nname = \"Lying walk\"\ntargets = [\"whole body\"]\nposition = \"lying\"\n\
                 kind = \"walk\"\nduration = \"2m\"\n";
    let (shown, _) = made_with_library(lying, &["--minutes", "10"]);
    assert!(!shown.contains("Lying walk"), "{shown}");
    // An entry with a mistake is left out: the bundled one of its name stays.
    let broken = "[stretch.wall-calf]\nname = \"Broken calf\"\ntargets = [\"calves\", \"feet\"]\n\
                  position = \"standing\"\nkind = \"static\"\nhold = \"30s\"\n";
    let (shown, _) = made_with_library(broken, &["--for", "calves", "--with", "wall", "--minutes", "20"]);
    assert!(!shown.contains("Broken calf"), "{shown}");
}

#[test]
fn every_area_asked_for_is_held_once_before_one_is_held_twice() {
    // Three minutes for two areas, holds a little longer than written: one area held
    // twice came to 166 s and left the glutes out; each held once fits both.
    let choices = Choices {
        areas: vec![Area::Calves, Area::Glutes],
        minutes: 3,
        equipment: vec![Equipment::Strap, Equipment::Step, Equipment::Band],
        standing_only: false,
        warm: true,
    };
    let fallbacks = Fallbacks { hold_scale: HoldScale::new(1.13).unwrap(), ..Fallbacks::default() };
    let (routine, notes, text) = made(&choices, "2031-02-18".parse().unwrap(), &fallbacks);
    let entries: Vec<&Stretch> = routine.steps.iter().map(|s| entry(s.stretch.as_deref().unwrap())).collect();
    for area in [Area::Calves, Area::Glutes] {
        assert!(entries.iter().any(|e| make::serves(e, area)), "{area:?} left out: {notes:?}\n{text}");
    }
    let total = Plan::new(&routine, &fallbacks).total().as_secs();
    assert!(total.abs_diff(180) <= 5, "{total} s for 180 s:\n{text}");
}

#[test]
fn one_long_stretch_that_cannot_grow_a_rung_is_held_once_more_to_fill_the_time() {
    // Five minutes, hamstrings, standing: at these scales a second stretch does not fit
    // and the first at its deepest rung came to 292 s; a third hold a side fills it.
    let choices = Choices {
        areas: vec![Area::Hamstrings],
        minutes: 5,
        equipment: Equipment::ALL.to_vec(),
        standing_only: true,
        warm: true,
    };
    for hundredths in 200..240 {
        let scale = HoldScale::new(f64::from(hundredths) / 100.0).unwrap();
        let fallbacks = Fallbacks { hold_scale: scale, ..Fallbacks::default() };
        let (routine, _, text) = made(&choices, "2032-11-08".parse().unwrap(), &fallbacks);
        let total = Plan::new(&routine, &fallbacks).total().as_secs();
        assert!(total.abs_diff(300) <= 5, "{total} s for 300 s at × {hundredths}/100:\n{text}");
    }
}
