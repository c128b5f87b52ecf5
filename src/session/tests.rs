//! The session's rules, each driven by a fake clock.

use std::time::Duration;

use proptest::prelude::*;

use super::*;
use crate::plan::Plan;
use crate::routine::{Fallbacks, parse};

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// Two steps: a two-sided stretch of 2 reps (get ready 5, holds 30, switch 5, rest 10,
/// rest after 15) and a centre stretch of 20 s. Phases:
/// 0 GET READY 5 | 1 HOLD L 30 | 2 SWITCH 5 | 3 HOLD R 30 | 4 REST 10 | 5 HOLD L 30 |
/// 6 SWITCH 5 | 7 HOLD R 30 | 8 REST 15 | 9 GET READY 5 | 10 HOLD 20. Total 185 s.
const ROUTINE: &str = r#"
name = "Test"
[defaults]
get_ready = 5
switch_sides = 5
rest_between_reps = 10
[[step]]
name = "Calf"
hold = 30
sides = "both"
reps = 2
rest_after = 15
[[step]]
name = "Child"
hold = 20
"#;

fn session(source: &str) -> Session {
    let routine = parse(source).routine.expect("valid routine");
    Session::new(Plan::new(&routine, &Fallbacks::default()))
}

fn started() -> Session {
    let mut s = session(ROUTINE);
    s.update(Event::Start, Duration::ZERO);
    s
}

fn cues(effects: &[Effect]) -> Vec<Cue> {
    effects.iter().filter_map(|e| if let Effect::Cue(c) = e { Some(*c) } else { None }).collect()
}

/// Ticks the session at `step` intervals until `until`, collecting every effect.
fn run(s: &mut Session, from: Duration, until: Duration, step: Duration) -> Vec<Effect> {
    let mut fx = Vec::new();
    let mut now = from;
    while now <= until {
        fx.extend(s.update(Event::Tick, now));
        now += step;
    }
    fx
}

fn ended_at(effects: &[Effect]) -> Option<(Duration, bool)> {
    effects.iter().find_map(|e| {
        if let Effect::Record(Record::Ended { at, completed }) = e { Some((*at, *completed)) } else { None }
    })
}

#[test]
fn the_plan_runs_phase_by_phase_on_its_deadlines() {
    let mut s = started();
    assert_eq!(s.status(), Status::Running);
    assert_eq!(s.plan().total(), secs(185));
    s.update(Event::Tick, ms(4_999));
    assert_eq!(s.index(), 0);
    assert_eq!(s.remaining(ms(4_999)), ms(1));
    s.update(Event::Tick, secs(5));
    assert_eq!(s.index(), 1);
    assert_eq!(s.remaining(secs(5)), secs(30));
    assert_eq!(s.total_remaining(secs(5)), secs(180));
    let fx = run(&mut s, secs(6), secs(185), secs(1));
    assert_eq!(s.status(), Status::Finished { completed: true });
    assert_eq!(ended_at(&fx), Some((secs(185), true)));
    assert!(s.outcomes().iter().all(|o| o.is_some_and(|o| !o.ended.skipped())));
}

#[test]
fn a_late_wake_up_never_makes_the_session_drift() {
    // A 20-minute routine, woken 0-9 ms late at every check, ends exactly on plan.
    let mut s = session(
        "name = \"Long\"\n[defaults]\nhold = \"45s\"\nsides = \"both\"\nreps = 3\nget_ready = 7\nswitch_sides = 4\nrest_after = 11\n\
         [[step]]\nname = \"a\"\n[[step]]\nname = \"b\"\n[[step]]\nname = \"c\"\n[[step]]\nname = \"d\"\n",
    );
    let total = s.plan().total();
    assert!(total >= secs(20 * 60) && total < secs(25 * 60), "{total:?}");
    let start = secs(3);
    s.update(Event::Start, start);
    let mut now = start;
    let mut late = 0;
    let mut fx = Vec::new();
    while !matches!(s.status(), Status::Finished { .. }) {
        let next = s.next_deadline(now).expect("running");
        late = (late + 7) % 10;
        now = next + ms(late);
        fx.extend(s.update(Event::Tick, now));
    }
    assert_eq!(ended_at(&fx), Some((start + total, true)));
    let phase_ends: Vec<Duration> = fx
        .iter()
        .filter_map(|e| if let Effect::Record(Record::PhaseEnded { actual, .. }) = e { Some(*actual) } else { None })
        .collect();
    let planned: Vec<Duration> = s.plan().phases.iter().map(|p| p.duration).collect();
    assert_eq!(phase_ends, planned);
}

#[test]
fn pause_time_is_excluded_exactly() {
    let mut s = started();
    s.update(Event::Tick, secs(12));
    s.update(Event::TogglePause, ms(12_345));
    assert_eq!(s.status(), Status::Paused);
    let frozen = s.remaining(ms(12_345));
    assert_eq!(frozen, ms(22_655));
    // Nothing moves while paused, however much time passes.
    s.update(Event::Tick, secs(500));
    assert_eq!(s.remaining(secs(500)), frozen);
    assert_eq!(s.index(), 1);
    assert_eq!(s.next_deadline(secs(500)), None);
    s.update(Event::TogglePause, ms(29_645)); // paused for 17.3 s
    assert_eq!(s.remaining(ms(29_645)), frozen);
    let fx = run(&mut s, secs(30), secs(300), ms(100));
    assert_eq!(ended_at(&fx), Some((ms(185_000 + 17_300), true)));
    assert_eq!(s.paused_time(secs(300)), ms(17_300));
    assert_eq!(s.active_time(secs(300)), secs(185));
}

#[test]
fn pausing_freezes_the_cues() {
    let mut s = started();
    s.update(Event::TogglePause, secs(1));
    let fx = run(&mut s, secs(1), secs(60), ms(250));
    assert!(cues(&fx).is_empty(), "{fx:?}");
    assert_eq!(s.index(), 0);
}

#[test]
fn countdown_ticks_sound_in_the_last_three_seconds_before_a_hold() {
    let mut s = started();
    let mut ticks = Vec::new();
    let mut now = Duration::ZERO;
    while now <= secs(6) {
        if cues(&s.update(Event::Tick, now)).contains(&Cue::CountdownTick) {
            ticks.push(now);
        }
        now += ms(10);
    }
    assert_eq!(ticks, [secs(2), secs(3), secs(4)]);
    assert_eq!(s.next_deadline(ms(1_500)), Some(secs(35)), "holds have no ticks");
}

#[test]
fn the_cues_of_a_whole_routine_come_in_order_once_each() {
    use Cue::*;
    let mut s = started();
    let fx = run(&mut s, Duration::ZERO, secs(190), ms(50));
    let expected = [
        CountdownTick,
        CountdownTick,
        CountdownTick,
        HoldStart, // get ready, hold left
        SwitchSides,
        CountdownTick,
        CountdownTick,
        CountdownTick,
        HoldStart, // switch, hold right
        HoldEnd,
        CountdownTick,
        CountdownTick,
        CountdownTick,
        HoldStart, // rest, hold left
        SwitchSides,
        CountdownTick,
        CountdownTick,
        CountdownTick,
        HoldStart, // switch, hold right
        HoldEnd,   // rest after the step: no ticks, a get-ready follows
        RestEnd,
        CountdownTick,
        CountdownTick,
        CountdownTick,
        HoldStart, // get ready, hold
        RoutineComplete,
    ];
    assert_eq!(cues(&fx), expected);
}

#[test]
fn back_restarts_a_hold_a_few_seconds_in_and_goes_to_the_previous_hold_otherwise() {
    let mut s = started();
    run(&mut s, Duration::ZERO, secs(40), secs(1)); // in hold right (phase 3) since 40 s
    assert_eq!(s.index(), 3);
    // 2 s into the hold: back goes to the previous hold.
    let fx = s.update(Event::Back, secs(42));
    assert_eq!(s.index(), 1);
    assert_eq!(s.remaining(secs(42)), secs(30));
    assert_eq!(cues(&fx), [Cue::HoldStart]);
    // 5 s into it: back restarts it.
    s.update(Event::Back, secs(47));
    assert_eq!(s.index(), 1);
    assert_eq!(s.remaining(secs(47)), secs(30));
    // In a gap: back goes to the hold before it.
    s.update(Event::SkipPhase, secs(50)); // to switch sides
    assert_eq!(s.plan().phases[s.index()].kind, PhaseKind::SwitchSides);
    s.update(Event::Back, secs(54));
    assert_eq!(s.index(), 1);
}

#[test]
fn back_with_no_earlier_hold_restarts_the_phase() {
    let mut s = started();
    s.update(Event::Back, secs(2));
    assert_eq!(s.index(), 0);
    assert_eq!(s.remaining(secs(2)), secs(5));
}

#[test]
fn skip_hold_and_skip_stretch_record_what_was_skipped() {
    let mut s = started();
    s.update(Event::Tick, secs(5));
    let fx = s.update(Event::SkipPhase, secs(8));
    assert_eq!(s.index(), 2);
    assert!(fx.contains(&Effect::Record(Record::PhaseEnded {
        index: 1,
        planned: secs(30),
        actual: secs(3),
        ended: Ended::Skipped
    })));
    assert_eq!(cues(&fx), [Cue::SwitchSides]);
    let fx = s.update(Event::SkipStretch, secs(9));
    assert_eq!(s.index(), 9, "the next step's get ready");
    for index in 2..=8 {
        assert!(s.outcomes()[index].is_some_and(|o| o.ended.skipped()), "phase {index}");
    }
    assert_eq!(cues(&fx), [Cue::HoldEnd]);
    s.update(Event::SkipStretch, secs(10));
    assert_eq!(s.status(), Status::Finished { completed: true });
}

#[test]
fn restart_gives_the_phase_its_full_length_again() {
    let mut s = started();
    s.update(Event::Tick, secs(20));
    s.update(Event::RestartPhase, secs(20));
    assert_eq!(s.index(), 1);
    assert_eq!(s.remaining(secs(20)), secs(30));
    assert_eq!(s.total_remaining(secs(20)), secs(180));
}

#[test]
fn time_can_be_added_and_removed() {
    let mut s = started();
    s.update(Event::Tick, secs(10)); // 5 s into the left hold (phase 1)
    s.update(Event::AddTime, secs(10));
    assert_eq!(s.remaining(secs(10)), secs(35));
    assert_eq!(s.length(), secs(40));
    s.update(Event::RemoveTime, secs(11));
    s.update(Event::RemoveTime, secs(11));
    assert_eq!(s.remaining(secs(11)), secs(14));
    assert_eq!(s.length(), secs(20));
    // While paused the change applies to the frozen time.
    s.update(Event::TogglePause, secs(12));
    s.update(Event::AddTime, secs(13));
    assert_eq!(s.remaining(secs(99)), secs(23));
}

#[test]
fn removing_time_never_ends_a_phase() {
    let mut s = started();
    s.update(Event::Tick, secs(10)); // 25 s left of the left hold
    let mut fx = Vec::new();
    for _ in 0..10 {
        fx.extend(s.update(Event::RemoveTime, secs(10)));
    }
    assert_eq!((s.index(), s.remaining(secs(10))), (1, LEAST_LEFT), "it stops a second short");
    assert!(!fx.iter().any(|e| matches!(e, Effect::Record(Record::PhaseEnded { .. }))), "nothing ended");
    // Paused, the same: at most down to a second.
    s.update(Event::TogglePause, secs(10));
    s.update(Event::RemoveTime, secs(10));
    assert_eq!((s.index(), s.remaining(secs(10))), (1, LEAST_LEFT));
    // It runs out on its own, shortened, not done.
    s.update(Event::TogglePause, secs(10));
    s.update(Event::Tick, secs(11));
    assert_eq!(s.index(), 2);
    assert_eq!(s.hold_tally(), HoldTally { done: 0, shortened: 1, skipped: 0, total: 5 });
}

#[test]
fn adding_time_to_one_side_adds_it_to_the_other_side_of_the_rep() {
    let mut s = started();
    s.update(Event::Tick, secs(10)); // the left hold of rep 1; its right hold is phase 3
    let before = s.total_remaining(secs(10));
    s.update(Event::AddTime, secs(10));
    assert_eq!(s.total_remaining(secs(10)), before + secs(20), "both sides, 10 s each");
    // The right side comes with the 10 s more.
    s.update(Event::Tick, secs(70)); // left ran out at 45, the switch at 50
    assert_eq!((s.index(), s.length()), (3, secs(40)));
    // Taken off the right side, the left of the next rep is not touched.
    s.update(Event::RemoveTime, secs(70));
    assert_eq!(s.length(), secs(30));
    s.update(Event::Tick, secs(100)); // the right ran out at 90; rest 10 s to 100
    s.update(Event::Tick, secs(101));
    assert_eq!((s.index(), s.length()), (5, secs(30)));
    // A centre stretch has no other side.
    let mut c = session(ROUTINE);
    c.update(Event::Start, secs(0));
    c.update(Event::SkipStretch, secs(1));
    c.update(Event::Tick, secs(7)); // the child's pose hold
    let before = c.total_remaining(secs(7));
    c.update(Event::AddTime, secs(7));
    assert_eq!(c.total_remaining(secs(7)), before + secs(10));
}

#[test]
fn taking_time_off_one_side_takes_it_off_the_total_for_both_sides() {
    let mut s = started();
    s.update(Event::Tick, secs(10)); // the left hold of rep 1; its right hold, phase 3, is to come
    let before = s.total_remaining(secs(10));
    s.update(Event::RemoveTime, secs(10));
    assert_eq!(s.total_remaining(secs(10)) + secs(20), before, "both sides, 10 s each");
}

#[test]
fn back_into_the_stretch_before_takes_a_second_press() {
    let mut s = started();
    s.update(Event::SkipStretch, secs(1)); // to the child's pose: its get-ready (phase 9)
    let fx = s.update(Event::Back, ms(1_500));
    assert_eq!(s.index(), 9, "still here");
    assert!(fx.contains(&Effect::Hint(Hint::BackAgainToLeave { step: 0 })));
    // Too late: the first press has lapsed, so this is another first press.
    s.update(Event::Back, ms(1_500) + BACK_AGAIN + ms(1));
    assert_eq!(s.index(), 9);
    s.update(Event::Back, secs(5));
    assert_eq!(s.index(), 7, "the right hold of the last rep of the stretch before");
    // Within a stretch, at once.
    s.update(Event::Back, secs(6));
    assert_eq!(s.index(), 5);
}

#[test]
fn quitting_mid_session_asks_first_and_pauses_meanwhile() {
    let mut s = started();
    let fx = s.update(Event::Quit, secs(3));
    assert!(!fx.contains(&Effect::Exit));
    assert_eq!(s.overlay(), Some(Overlay::ConfirmQuit));
    assert_eq!(s.status(), Status::Paused);
    s.update(Event::Tick, secs(60));
    assert_eq!(s.index(), 0);
    s.update(Event::Cancel, secs(60));
    assert_eq!(s.overlay(), None);
    assert_eq!(s.status(), Status::Running);
    assert_eq!(s.remaining(secs(60)), secs(2));
    s.update(Event::Quit, secs(61));
    let fx = s.update(Event::Confirm, secs(62));
    assert!(fx.contains(&Effect::Exit));
    assert_eq!(s.status(), Status::Finished { completed: false });
    assert_eq!(ended_at(&fx), Some((secs(62), false)));
}

#[test]
fn quit_before_the_start_or_after_the_end_needs_no_confirmation() {
    let mut s = session(ROUTINE);
    assert_eq!(s.update(Event::Quit, secs(1)), [Effect::Exit]);
    let mut s = started();
    run(&mut s, Duration::ZERO, secs(200), secs(1));
    assert!(s.update(Event::Quit, secs(201)).contains(&Effect::Exit));
}

#[test]
fn help_pauses_a_running_session_and_closing_it_resumes() {
    let mut s = started();
    s.update(Event::ToggleHelp, secs(1));
    assert_eq!(s.overlay(), Some(Overlay::Help));
    assert_eq!(s.status(), Status::Paused);
    s.update(Event::ToggleHelp, secs(30));
    assert_eq!(s.status(), Status::Running);
    assert_eq!(s.remaining(secs(30)), secs(4));
    // A session paused by hand stays paused after help.
    s.update(Event::TogglePause, secs(31));
    s.update(Event::ToggleHelp, secs(32));
    s.update(Event::Cancel, secs(33));
    assert_eq!(s.status(), Status::Paused);
}

#[test]
fn skipping_while_paused_stays_paused_and_silent() {
    let mut s = started();
    s.update(Event::TogglePause, secs(1));
    let fx = s.update(Event::SkipPhase, secs(2));
    assert_eq!(s.index(), 1);
    assert_eq!(s.status(), Status::Paused);
    assert!(cues(&fx).is_empty());
    assert_eq!(s.remaining(secs(50)), secs(30));
}

/// A random event, with how long to wait before it.
fn event() -> impl Strategy<Value = (u64, Event)> {
    let event = prop_oneof![
        4 => Just(Event::Tick),
        1 => Just(Event::TogglePause),
        1 => Just(Event::SkipPhase),
        1 => Just(Event::SkipStretch),
        1 => Just(Event::Back),
        1 => Just(Event::RestartPhase),
        1 => Just(Event::AddTime),
        1 => Just(Event::RemoveTime),
        1 => Just(Event::Quit),
        1 => Just(Event::Cancel),
        1 => Just(Event::ToggleHelp),
    ];
    (0u64..20_000, event)
}

proptest! {
    #[test]
    fn any_event_sequence_keeps_the_rules(events in proptest::collection::vec(event(), 0..120)) {
        let mut s = started();
        let mut now = Duration::ZERO;
        let mut exited = false;
        for (wait, event) in events {
            now += Duration::from_millis(wait);
            let before = s.index();
            let fx = s.update(event, now);
            exited |= fx.contains(&Effect::Exit);
            // Time shown is never negative nor more than the phase's length.
            prop_assert!(s.remaining(now) <= s.length());
            // A phase is never left without a record of how it ended.
            if s.index() > before {
                for index in before..s.index() {
                    prop_assert!(s.outcomes()[index].is_some(), "phase {} left silently", index);
                }
            }
            if exited { break; }
        }
        // The end is always reached: resume if paused, then let time run.
        if !exited {
            s.update(Event::Cancel, now);
            if s.status() == Status::Paused {
                s.update(Event::TogglePause, now);
            }
            let end = now + s.total_remaining(now);
            s.update(Event::Tick, end);
            prop_assert_eq!(s.status(), Status::Finished { completed: true });
            prop_assert!(s.outcomes().iter().all(Option::is_some));
        }
    }
}

#[test]
fn abort_ends_at_once_from_anywhere() {
    let mut s = started();
    s.update(Event::Quit, secs(1));
    let fx = s.update(Event::Abort, secs(2));
    assert!(fx.contains(&Effect::Exit));
    assert_eq!(ended_at(&fx), Some((secs(2), false)));
    let mut s = session(ROUTINE);
    assert_eq!(s.update(Event::Abort, secs(1)), [Effect::Exit]);
}

#[test]
fn cues_with_pause_skip_and_back_come_once_each_and_never_while_paused() {
    use Cue::*;
    let mut s = started();
    let mut fx = Vec::new();
    let mut now = Duration::ZERO;
    let mut paused_cues = Vec::new();
    // Each step: run the clock to `until` in 50 ms ticks, then apply `event`.
    let script = [
        (ms(3_500), Some(Event::TogglePause)),  // pause in the get-ready, after two ticks
        (ms(9_000), Some(Event::TogglePause)),  // resume 5.5 s later
        (ms(20_000), Some(Event::SkipPhase)),   // skip the rest of hold left
        (ms(21_000), Some(Event::Back)),        // in the switch: back to hold left
        (ms(55_000), Some(Event::SkipStretch)), // leave the first stretch
        (ms(90_000), None),                     // run out the routine
    ];
    for (until, event) in script {
        while now < until {
            now += ms(50);
            let effects = s.update(Event::Tick, now);
            if s.status() == Status::Paused {
                paused_cues.extend(cues(&effects));
            }
            fx.extend(effects);
        }
        if let Some(event) = event {
            fx.extend(s.update(event, now));
        }
    }
    assert!(paused_cues.is_empty(), "chimes while paused: {paused_cues:?}");
    assert_eq!(
        cues(&fx),
        [
            CountdownTick,
            CountdownTick, // 2 s and 3 s; paused at 3.5 s
            CountdownTick,
            HoldStart,   // resumed at 9 s: the tick due at 4 s comes at 10 s
            SwitchSides, // hold left skipped at 20 s
            HoldStart,   // back to hold left at 21 s
            SwitchSides,
            CountdownTick,
            CountdownTick,
            CountdownTick, // 51 s: switch, ticks to 55 s
            HoldEnd,
            CountdownTick,
            CountdownTick,
            CountdownTick,
            HoldStart, // skip stretch at 55 s
            RoutineComplete,
        ]
    );
}

#[test]
fn a_resumed_session_starts_at_its_phase_and_counts_only_what_is_left() {
    let routine = parse(ROUTINE).routine.expect("valid routine");
    let mut s = Session::starting_at(Plan::new(&routine, &Fallbacks::default()), 4);
    assert_eq!(s.status(), Status::Ready);
    assert_eq!(s.remaining(Duration::ZERO), secs(10), "the rest before the second repetition");
    let fx = s.update(Event::Start, Duration::ZERO);
    assert_eq!(s.index(), 4);
    assert!(cues(&fx).is_empty(), "a rest starts without a hold cue");
    assert_eq!(s.total_remaining(Duration::ZERO), secs(185 - 70));
    let fx = run(&mut s, secs(1), secs(115), secs(1));
    assert_eq!(ended_at(&fx), Some((secs(115), true)));
    assert!(s.outcomes()[..4].iter().all(Option::is_none), "phases before the start are not this session's");
}

#[test]
fn a_new_plan_keeps_the_place_and_the_time_into_the_phase() {
    let mut s = started();
    s.update(Event::Tick, secs(15)); // 10 s into the first hold (phase 1)
    let longer = parse(&ROUTINE.replace("hold = 30", "hold = 45")).routine.unwrap();
    let outcomes = s.outcomes().to_vec();
    let fx = s.replace_plan(Plan::new(&longer, &Fallbacks::default()), 1, secs(10), outcomes, secs(15));
    assert!(cues(&fx).is_empty(), "no cue: the hold goes on");
    assert_eq!((s.index(), s.status()), (1, Status::Running));
    assert_eq!(s.remaining(secs(15)), secs(35), "45 s now, 10 s of it done");
    s.update(Event::Tick, secs(50));
    assert_eq!(s.index(), 2, "the longer hold ends 35 s later");

    // Shorter than the time already held: it runs out at once, with its cue.
    let mut s = started();
    s.update(Event::TogglePause, secs(25)); // paused 20 s into the first hold
    let shorter = parse(&ROUTINE.replace("hold = 30", "hold = 15")).routine.unwrap();
    s.replace_plan(Plan::new(&shorter, &Fallbacks::default()), 1, secs(20), vec![], secs(26));
    assert_eq!((s.index(), s.status(), s.remaining(secs(26))), (1, Status::Paused, Duration::ZERO));
    let fx = s.update(Event::TogglePause, secs(30));
    let fx: Vec<_> = fx.into_iter().chain(s.update(Event::Tick, secs(30))).collect();
    assert_eq!(s.index(), 2);
    assert_eq!(cues(&fx), vec![Cue::SwitchSides]);
}

/// A standing stretch, then one on the floor that waits for the person: phases
/// 0 HOLD 20 | 1 GET READY 5 (waits) | 2 HOLD 30.
const WAITS: &str = r#"
name = "Down to the floor"
[defaults]
get_ready = 0
[[step]]
name = "Standing calf"
hold = 20
[[step]]
name = "Lying hamstring"
hold = 30
get_ready = "wait"
"#;

#[test]
fn a_wait_holds_the_session_until_the_person_is_ready() {
    let mut s = session(WAITS);
    s.update(Event::Start, secs(0));
    assert!(!s.waiting(), "the start is the person saying they are ready");
    let fx = run(&mut s, secs(1), secs(20), secs(1));
    assert_eq!(s.index(), 1);
    assert!(s.waiting());
    assert_eq!(s.status(), Status::Paused);
    assert!(fx.contains(&Effect::Record(Record::Paused { at: secs(20) })));
    // Nothing runs while waiting: no cue, no deadline, however long.
    let fx = run(&mut s, secs(21), secs(600), secs(1));
    assert_eq!(s.index(), 1);
    assert!(cues(&fx).is_empty());
    assert_eq!(s.next_deadline(secs(600)), None);
    assert_eq!(s.remaining(secs(600)), secs(5));
    // Space: the usual get-ready countdown, ticks and all, then the hold.
    s.update(Event::TogglePause, secs(600));
    assert!(!s.waiting());
    let fx = run(&mut s, secs(601), secs(605), ms(500));
    assert_eq!(cues(&fx), [Cue::CountdownTick, Cue::CountdownTick, Cue::CountdownTick, Cue::HoldStart]);
    assert_eq!(s.index(), 2);
    assert_eq!(s.paused_time(secs(605)), secs(580));
}

#[test]
fn skipping_a_wait_goes_on_running() {
    let mut s = session(WAITS);
    s.update(Event::Start, secs(0));
    run(&mut s, secs(1), secs(20), secs(1));
    assert!(s.waiting());
    let fx = s.update(Event::SkipPhase, secs(30));
    assert_eq!(s.index(), 2);
    assert_eq!(s.status(), Status::Running);
    assert!(!s.waiting());
    assert_eq!(cues(&fx), [Cue::HoldStart]);
    assert_eq!(s.remaining(secs(40)), secs(20));
}

#[test]
fn quitting_and_help_work_while_waiting() {
    let mut s = session(WAITS);
    s.update(Event::Start, secs(0));
    run(&mut s, secs(1), secs(20), secs(1));
    s.update(Event::ToggleHelp, secs(25));
    s.update(Event::ToggleHelp, secs(26));
    assert!(s.waiting(), "closing the help does not end the wait");
    assert_eq!(s.status(), Status::Paused);
    s.update(Event::Quit, secs(27));
    let fx = s.update(Event::Confirm, secs(28));
    assert!(fx.contains(&Effect::Exit));
    assert_eq!(ended_at(&fx), Some((secs(28), false)));
}

#[test]
fn a_session_starting_at_a_wait_does_not_wait_twice() {
    let routine = parse(WAITS).routine.expect("valid routine");
    let mut s = Session::starting_at(Plan::new(&routine, &Fallbacks::default()), 1);
    s.update(Event::Start, secs(0));
    assert!(!s.waiting());
    assert_eq!(s.status(), Status::Running);
}

#[test]
fn where_no_key_is_read_a_wait_is_a_plain_get_ready() {
    let mut s = session(WAITS);
    s.never_wait();
    s.update(Event::Start, secs(0));
    run(&mut s, secs(1), secs(25), secs(1));
    assert!(!s.waiting());
    assert_eq!(s.index(), 2);
    assert_eq!(s.status(), Status::Running);
}

#[test]
fn a_hold_is_shortened_only_when_more_than_a_second_short() {
    assert!(!is_shortened(secs(30), secs(30)));
    assert!(!is_shortened(secs(30), secs(29)), "a second short is timing, not the person");
    assert!(is_shortened(secs(30), ms(28_999)));
}

#[test]
fn a_session_counts_for_the_week_with_half_its_ended_holds_held() {
    let tally = |done, shortened, skipped| HoldTally { done, shortened, skipped, total: 9 };
    assert!(tally(1, 1, 0).counts_for_week(true), "half held");
    assert!(tally(1, 0, 1).counts_for_week(true), "half held");
    assert!(!tally(1, 2, 0).counts_for_week(true), "a third held");
    assert!(!tally(1, 0, 2).counts_for_week(true), "a third held");
    assert!(!tally(1, 1, 1).counts_for_week(true), "a third held");
    assert!(tally(2, 1, 1).counts_for_week(true));
    assert!(!tally(2, 0, 0).counts_for_week(false), "quit before the end");
}

#[test]
fn paused_and_active_time_add_up_over_several_pauses() {
    let mut s = started();
    s.update(Event::TogglePause, secs(10));
    s.update(Event::TogglePause, secs(20));
    s.update(Event::TogglePause, secs(30));
    // Paused now for 20 s, after 10 s paused before.
    assert_eq!(s.paused_time(secs(50)), secs(30));
    assert_eq!(s.active_time(secs(50)), secs(20));
}

#[test]
fn the_next_wake_is_the_next_tick_before_the_phase_ends() {
    let mut s = started();
    // Get ready 5 s: ticks at 2, 3 and 4 s, then the hold at 5 s.
    assert_eq!(s.next_deadline(ms(500)), Some(secs(2)));
    s.update(Event::Tick, secs(2));
    assert_eq!(s.next_deadline(secs(2)), Some(secs(3)));
    s.update(Event::Tick, secs(4));
    assert_eq!(s.next_deadline(secs(4)), Some(secs(5)));
}

#[test]
fn a_reload_changes_nothing_once_the_session_is_over() {
    let mut s = started();
    run(&mut s, secs(1), secs(185), secs(1));
    assert_eq!(s.status(), Status::Finished { completed: true });
    let index = s.index();
    let other = parse(&ROUTINE.replace("hold = 30", "hold = 45")).routine.unwrap();
    s.replace_plan(Plan::new(&other, &Fallbacks::default()), 0, secs(0), vec![], secs(190));
    assert_eq!((s.status(), s.index()), (Status::Finished { completed: true }, index));
    assert_eq!(s.plan().total(), secs(185), "the old plan stays");
}

#[test]
fn a_reload_past_the_new_plans_end_goes_to_its_last_phase() {
    let mut s = started();
    s.update(Event::Tick, secs(15));
    let one_step = parse("name = \"One\"\n[[step]]\nname = \"Child\"\nhold = 20\nget_ready = 0\n").routine.unwrap();
    s.replace_plan(Plan::new(&one_step, &Fallbacks::default()), 7, secs(0), vec![], secs(15));
    assert_eq!(s.index(), 0);
    assert_eq!(s.remaining(secs(15)), secs(20));
}

#[test]
fn a_reload_in_a_get_ready_keeps_every_tick() {
    let mut s = started();
    s.update(Event::Tick, secs(1));
    let same = parse(ROUTINE).routine.unwrap();
    s.replace_plan(Plan::new(&same, &Fallbacks::default()), 0, secs(1), vec![], secs(1));
    let fx = run(&mut s, secs(1), secs(5), ms(250));
    assert_eq!(cues(&fx), [Cue::CountdownTick, Cue::CountdownTick, Cue::CountdownTick, Cue::HoldStart]);
}

/// Ankle circles counted 4 times at 5 s each (20 s), then a hold paced in breaths of
/// 2 s in and 3 s out: phases 0 HOLD 20 (count) | 1 HOLD 15 (3 breaths).
const PACED: &str = r#"
name = "Paced"
[defaults]
get_ready = 0
breath = "2s/3s"
[[step]]
name = "Ankle circles"
count = 4
pace = "5s"
[[step]]
name = "Child's pose"
breaths = 3
"#;

#[test]
fn a_counted_hold_marks_each_repetition_and_the_breath_turns() {
    let mut s = session(PACED);
    s.update(Event::Start, secs(0));
    let fx = run(&mut s, ms(500), secs(20), ms(500));
    let cues = cues(&fx);
    let repetitions = cues.iter().filter(|c| **c == Cue::Repetition).count();
    assert_eq!(repetitions, 3, "at 5, 10 and 15 s; the start and end have their own cues: {cues:?}");
    // The pace is set for the routine, so the pacer turns during the counted hold too.
    assert!(cues.contains(&Cue::BreatheOut));
    assert_eq!(s.index(), 1);
}

#[test]
fn the_breath_turns_on_its_pace_and_not_while_paused() {
    let mut s = session(PACED);
    s.update(Event::Start, secs(0));
    s.update(Event::SkipPhase, secs(0));
    let fx = run(&mut s, ms(500), ms(9_500), ms(500));
    assert_eq!(cues(&fx), [Cue::BreatheOut, Cue::BreatheIn, Cue::BreatheOut]);
    s.update(Event::TogglePause, ms(9_500));
    assert_eq!(s.next_deadline(secs(10)), None);
    assert!(cues(&run(&mut s, secs(10), secs(30), ms(500))).is_empty(), "silence while paused");
    // 0.5 s were left before the turn to the in-breath at 10 s into the hold.
    s.update(Event::TogglePause, secs(30));
    assert_eq!(s.next_deadline(secs(30)), Some(ms(30_500)));
    assert_eq!(cues(&s.update(Event::Tick, ms(30_500))), [Cue::BreatheIn]);
}

#[test]
fn time_added_to_a_counted_hold_is_counted_on_and_marks_behind_stay_behind() {
    let mut s = session(PACED);
    s.update(Event::Start, secs(0));
    run(&mut s, ms(500), secs(12), ms(500));
    s.update(Event::AddTime, secs(12));
    assert_eq!(s.remaining(secs(12)), secs(18));
    let fx = run(&mut s, ms(12_500), secs(30), ms(500));
    let repetitions = cues(&fx).iter().filter(|c| **c == Cue::Repetition).count();
    assert_eq!(repetitions, 3, "at 15, 20 and 25 s; 30 s is the end");
}

#[test]
fn long_holds_cue_their_halfway_and_last_seconds_and_short_ones_do_not() {
    // The fixture's holds are 30 s and 20 s: under the 40 s threshold, no cue inside.
    let fx = run(&mut started(), secs(0), secs(185), ms(500));
    assert!(!cues(&fx).contains(&Cue::Halfway) && !cues(&fx).contains(&Cue::TimeLeft));
    // A minute's hold: halfway at 30 s, ten seconds left at 50 s.
    let mut s = session("name = \"Long\"\n[[step]]\nname = \"Pigeon\"\nhold = 60\nget_ready = 0\n");
    s.update(Event::Start, secs(0));
    let fx = run(&mut s, ms(500), secs(60), ms(500));
    assert_eq!(cues(&fx), [Cue::Halfway, Cue::TimeLeft, Cue::RoutineComplete]);
}

#[test]
fn a_routine_sets_its_own_cue_points() {
    let text = "name = \"Long\"\n[defaults]\nhalfway_cue = false\ntime_left_cue = \"15s\"\n\
                [[step]]\nname = \"Pigeon\"\nhold = 60\nget_ready = 0\n\
                [[step]]\nname = \"Fold\"\nhold = 60\nget_ready = 0\ntime_left_cue = 0\n";
    let mut s = session(text);
    s.update(Event::Start, secs(0));
    let fx = run(&mut s, ms(500), secs(45), ms(500));
    assert_eq!(cues(&fx), [Cue::TimeLeft], "no halfway; 15 s left at 45 s");
    let fx = run(&mut s, ms(45_500), secs(120), ms(500));
    assert_eq!(cues(&fx), [Cue::HoldStart, Cue::RoutineComplete], "the second step has none");
}

#[test]
fn a_late_wake_up_in_a_get_ready_still_gives_the_next_tick_on_time() {
    let mut s = started();
    // The tick due at 2 s comes 0.5 s late; the one at 3 s is still on time.
    assert_eq!(cues(&s.update(Event::Tick, ms(2_500))), [Cue::CountdownTick]);
    assert_eq!(s.next_deadline(ms(2_500)), Some(secs(3)));
    assert_eq!(cues(&s.update(Event::Tick, secs(3))), [Cue::CountdownTick]);
}

#[test]
fn a_gap_shorter_than_the_tick_window_ticks_only_inside_it() {
    let mut s = session("name = \"Short\"\n[[step]]\nname = \"Calf\"\nhold = 20\nget_ready = 2\n");
    s.update(Event::Start, secs(0));
    let fx = run(&mut s, ms(250), secs(2), ms(250));
    assert_eq!(cues(&fx), [Cue::CountdownTick, Cue::HoldStart], "one tick, a second before the hold");
}

#[test]
fn skipping_asks_for_a_redraw() {
    let mut s = started();
    assert!(s.update(Event::SkipPhase, secs(1)).contains(&Effect::Redraw));
}

#[test]
fn restarting_a_hold_chimes_only_while_running() {
    let mut s = started();
    s.update(Event::Tick, secs(10));
    assert_eq!(cues(&s.update(Event::RestartPhase, secs(10))), [Cue::HoldStart]);
    s.update(Event::TogglePause, secs(12));
    assert!(cues(&s.update(Event::RestartPhase, secs(13))).is_empty(), "silence while paused");
    // Restarting a gap gives no hold cue.
    let mut s = started();
    assert!(cues(&s.update(Event::RestartPhase, ms(500))).is_empty());
}

#[test]
fn time_added_in_a_get_ready_after_its_ticks_began_ticks_again_before_the_hold() {
    let mut s = started();
    run(&mut s, ms(500), ms(3_500), ms(500)); // ticks at 2 and 3 s given
    s.update(Event::AddTime, ms(3_500));
    let fx = run(&mut s, secs(4), secs(15), ms(500));
    assert_eq!(cues(&fx), [Cue::CountdownTick, Cue::CountdownTick, Cue::CountdownTick, Cue::HoldStart]);
}

#[test]
fn time_taken_off_into_the_tick_window_gives_the_tick_due_now_and_none_behind() {
    let mut s = started();
    run(&mut s, secs(1), secs(77), secs(1)); // 7 s into the 10 s rest, its "3" ticked
    assert_eq!(s.index(), 4);
    let fx = s.update(Event::RemoveTime, secs(77));
    assert_eq!(s.remaining(secs(77)), secs(1));
    // The "2" is behind now; the "1" is due at once.
    assert_eq!(cues(&fx), [Cue::CountdownTick]);
    assert_eq!(cues(&run(&mut s, ms(77_500), secs(78), ms(500))), [Cue::HoldStart]);
}

#[test]
fn time_taken_off_past_halfway_gives_no_halfway_at_that_moment() {
    let mut s = session("name = \"Long\"\n[[step]]\nname = \"Pigeon\"\nhold = 60\nget_ready = 0\n");
    s.update(Event::Start, secs(0));
    run(&mut s, ms(500), ms(25_500), ms(500));
    // 60 s → 50 s: halfway moves to 25 s, just behind.
    assert!(cues(&s.update(Event::RemoveTime, ms(25_500))).is_empty());
    let fx = run(&mut s, secs(26), secs(50), ms(500));
    assert_eq!(cues(&fx), [Cue::TimeLeft, Cue::RoutineComplete]);
}

#[test]
fn a_reload_after_a_wait_was_ended_does_not_wait_again() {
    let mut s = session(WAITS);
    s.update(Event::Start, secs(0));
    run(&mut s, secs(1), secs(20), secs(1));
    s.update(Event::TogglePause, secs(25));
    let same = parse(WAITS).routine.unwrap();
    s.replace_plan(Plan::new(&same, &Fallbacks::default()), 1, secs(1), vec![], secs(26));
    assert!(!s.waiting());
    assert_eq!(s.status(), Status::Running);
}

#[test]
fn time_added_to_a_first_hold_reaches_the_other_side_too() {
    let mut s = session("name = \"First\"\n[[step]]\nname = \"Calf\"\nhold = 20\nsides = \"both\"\nget_ready = 0\n");
    s.update(Event::Start, secs(0));
    s.update(Event::AddTime, secs(1));
    assert_eq!(s.remaining(secs(1)), secs(29));
    s.update(Event::SkipPhase, secs(2));
    s.update(Event::SkipPhase, secs(2));
    assert_eq!(s.remaining(secs(2)), secs(30), "the right side's hold got the same 10 s");
}

#[test]
fn marks_that_fall_together_are_all_given_the_cue_point_first() {
    // Six breaths of 4 s in, 6 s out: 60 s, halfway at 30 s on a turn to the in-breath.
    let text = "name = \"Breaths\"\n[[step]]\nname = \"Fold\"\nbreaths = 6\nget_ready = 0\n";
    let mut s = session(text);
    s.update(Event::Start, secs(0));
    let fx = run(&mut s, ms(29_500), secs(30), ms(500));
    assert_eq!(cues(&fx), [Cue::Halfway, Cue::BreatheIn]);
    let fx = run(&mut s, ms(49_500), secs(50), ms(500));
    assert_eq!(cues(&fx), [Cue::TimeLeft, Cue::BreatheIn]);
}

#[test]
fn halfway_is_given_once_a_hold_even_after_time_is_added() {
    let mut s = session("name = \"Long\"\n[[step]]\nname = \"Pigeon\"\nhold = 60\nget_ready = 0\n");
    s.update(Event::Start, secs(0));
    run(&mut s, secs(1), secs(32), secs(1));
    s.update(Event::AddTime, secs(32));
    let fx = run(&mut s, secs(33), secs(69), secs(1));
    assert_eq!(cues(&fx), [Cue::TimeLeft], "no second halfway at 35 s");
}

#[test]
fn a_reload_forgets_lengths_given_by_the_old_plans_places() {
    let text = "name = \"Last\"\n[[step]]\nname = \"Calf\"\nhold = 20\nsides = \"both\"\nget_ready = 0\n";
    let mut s = session(text);
    s.update(Event::Start, secs(0));
    s.update(Event::AddTime, secs(1)); // the right hold, phase 2, gets 10 s more
    let fewer = parse(&text.replace("get_ready = 0", "get_ready = 0\nswitch_sides = 0")).routine.unwrap();
    s.replace_plan(Plan::new(&fewer, &Fallbacks::default()), 0, secs(1), vec![], secs(1));
    assert_eq!(s.plan().phases.len(), 2);
    assert_eq!(s.total_remaining(secs(1)), secs(19 + 20));
}

#[test]
fn a_reload_while_paused_gives_the_new_holds_marks_from_where_it_stands() {
    let text = "name = \"Count\"\n[[step]]\nname = \"Circles\"\ncount = 6\npace = \"5s\"\nget_ready = 0\n";
    let mut s = session(text);
    s.update(Event::Start, secs(0));
    run(&mut s, secs(1), secs(22), secs(1));
    s.update(Event::TogglePause, secs(22));
    // The same step now counted faster, 10 × 3 s; 22 s in is past its mark at 21 s.
    let faster = parse(&text.replace("count = 6\npace = \"5s\"", "count = 10\npace = \"3s\"")).routine.unwrap();
    s.replace_plan(Plan::new(&faster, &Fallbacks::default()), 0, secs(22), vec![], secs(23));
    s.update(Event::TogglePause, secs(30));
    assert!(cues(&run(&mut s, secs(30), secs(31), ms(500))).is_empty(), "no mark from behind");
    let fx = run(&mut s, ms(31_500), secs(32), ms(500));
    assert_eq!(cues(&fx), [Cue::Repetition], "the mark at 24 s into the hold, 2 s after resuming");
}

#[test]
fn a_wait_reached_as_the_help_opens_is_still_the_persons_to_end() {
    let mut s = session(WAITS);
    s.update(Event::Start, secs(0));
    // The standing hold ends at 20 s; the help opens a moment later, before any tick.
    s.update(Event::ToggleHelp, ms(20_100));
    s.update(Event::ToggleHelp, ms(21_000));
    assert!(s.waiting());
    assert_eq!(s.status(), Status::Paused);
}

#[test]
fn a_wake_up_long_after_the_end_still_records_the_end() {
    let mut s = started();
    let fx = s.update(Event::Tick, secs(10_000));
    assert_eq!(ended_at(&fx), Some((secs(185), true)));
    assert!(cues(&fx).is_empty(), "no stale chime");
}

#[test]
fn restarting_the_get_ready_after_a_wait_does_not_wait_again() {
    let mut s = session(WAITS);
    s.update(Event::Start, secs(0));
    run(&mut s, secs(1), secs(20), secs(1));
    s.update(Event::TogglePause, secs(25));
    s.update(Event::RestartPhase, secs(27));
    assert!(!s.waiting());
    assert_eq!(s.status(), Status::Running);
    assert_eq!(s.remaining(secs(27)), secs(5));
}

#[test]
fn pain_ends_the_hold_marks_it_and_leaves_the_stretch_both_sides() {
    let mut s = started();
    s.update(Event::Tick, secs(5));
    let fx = s.update(Event::MarkPain, secs(12));
    // The rest of the stretch (switch, right side, the second rep, the rest after) is
    // skipped: the next step's get-ready.
    assert_eq!(s.index(), 9);
    assert!(fx.contains(&Effect::Record(Record::PhaseEnded {
        index: 1,
        planned: secs(30),
        actual: secs(7),
        ended: Ended::Pain
    })));
    let pained: Vec<usize> =
        (0..s.outcomes().len()).filter(|&i| s.outcomes()[i].is_some_and(|o| o.ended == Ended::Pain)).collect();
    assert_eq!(pained, [1], "only the hold it was pressed in is marked");
    assert_eq!(s.hold_tally().skipped, 4);
    // The next hold ends unmarked.
    let fx = s.update(Event::SkipPhase, secs(13));
    assert!(fx.iter().all(|e| !matches!(e, Effect::Record(Record::PhaseEnded { ended: Ended::Pain, .. }))));
}

#[test]
fn pain_outside_a_hold_does_nothing() {
    let mut s = started();
    // In the get-ready, before any hold.
    let fx = s.update(Event::MarkPain, secs(1));
    assert!(fx.iter().all(|e| !matches!(e, Effect::Record(_))), "{fx:?}");
    assert_eq!(s.index(), 0);
    // At the moment a hold runs out, the mark is not given to the gap that follows.
    s.update(Event::Tick, secs(5));
    let fx = s.update(Event::MarkPain, secs(35));
    assert_eq!(s.index(), 2, "the switch that the hold ran out into");
    assert!(fx.iter().all(|e| !matches!(e, Effect::Record(Record::PhaseEnded { ended: Ended::Pain, .. }))));
}

#[test]
fn pain_in_the_last_stretch_ends_the_session_completed() {
    let mut s = started();
    s.update(Event::SkipStretch, secs(1));
    s.update(Event::Tick, secs(6));
    assert_eq!(s.phase().map(|p| p.kind), Some(PhaseKind::Hold));
    let fx = s.update(Event::MarkPain, secs(8));
    assert_eq!(s.status(), Status::Finished { completed: true });
    assert!(fx.contains(&Effect::Record(Record::Ended { at: secs(8), completed: true })));
}
